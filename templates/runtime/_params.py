# Runtime of images-sdk-generator, copied into each generated client with this line as its header.
"""Parameters and form fields as the spec says to send them: OpenAPI's `style` and `explode`.

Each place has its default: `form` exploded for the query, a cookie and a form body; `simple`
for the path and headers. A generated method names a style only where the spec asks for
another one (`deepObject`, `pipeDelimited`, `label`...). Values go on the wire as JSON writes
them (`true`, `1.5`), dates in ISO 8601, models as their fields. For a list `[a, b]` and an
object `{k: v, l: w}` named `n`:

| style | explode | list | object |
| --- | --- | --- | --- |
| form (query, cookie, form body) | yes | `n=a&n=b` | `k=v&l=w` |
| form | no | `n=a,b` | `n=k,v,l,w` |
| spaceDelimited / pipeDelimited | no | `n=a b` / `n=a|b` | |
| deepObject | yes | | `n[k]=v&n[l]=w` |
| simple (path, header) | no / yes | `a,b` | `k,v,l,w` / `k=v,l=w` |
| label (path) | no / yes | `.a,b` / `.a.b` | `.k,v,l,w` / `.k=v.l=w` |
| matrix (path) | no / yes | `;n=a,b` / `;n=a;n=b` | `;n=k,v,l,w` / `;k=v;l=w` |

A parameter the spec gives by `content` in a JSON media type is one JSON document (style `json`,
ours): `n={"k":v}` in the query, percent-encoded in the path.
"""

from __future__ import annotations

import json
from contextlib import ExitStack
from typing import Dict, List, Mapping, Optional, Tuple, Union
from urllib.parse import quote, urlencode

from ._serialization import to_wire
from ._types import Body, EncodedBody, NotGiven

__all__ = ["query_params", "path_value", "header_value", "cookie_params", "FormBody", "form_body"]

Styles = Mapping[str, Tuple[str, bool]]  # wire name → (style, explode), where not the place's default
_DELIMITERS = {"spaceDelimited": " ", "pipeDelimited": "|"}


def _text(value: object) -> str:
    """One value as text, as JSON writes it (what servers parse): `true`, `null`, `1.5`; a list or
    an object nested deeper than a style reaches, as its JSON."""
    if isinstance(value, str):
        return value
    return _json(value)


def _json(value: object) -> str:
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


def _pairs(name: str, value: object, style: str, explode: bool) -> List[Tuple[str, str]]:
    """`name=value` pairs of the form-like styles (query, cookie, form body)."""
    if style == "json":
        return [(name, _json(value))]
    if isinstance(value, Mapping):
        if style == "deepObject":  # nested objects go on nesting: n[k][l]=v
            return [
                pair
                for key, item in value.items()
                for pair in _pairs(f"{name}[{key}]", item, "deepObject" if isinstance(item, Mapping) else "form", True)
            ]
        if explode:
            return [(str(key), _text(item)) for key, item in value.items()]
        return [(name, ",".join(f"{key},{_text(item)}" for key, item in value.items()))]
    if isinstance(value, list):
        if style == "brackets":  # `ids[]=a&ids[]=b`, as the official package sends lists
            return [(f"{name}[]", _text(item)) for item in value]
        if explode and style not in _DELIMITERS:
            return [(name, _text(item)) for item in value]
        return [(name, _DELIMITERS.get(style, ",").join(_text(item) for item in value))]
    return [(name, _text(value))]


def _given(values: Mapping[str, object]) -> Dict[str, object]:
    return {
        name: to_wire(value) for name, value in values.items() if value is not None and not isinstance(value, NotGiven)
    }


def query_params(values: Mapping[str, object], styles: Optional[Styles] = None) -> Dict[str, object]:
    """The query's entries (a list value repeats its key): arguments left out or None are not sent."""
    query: Dict[str, object] = {}
    for name, value in _given(values).items():
        style, explode = (styles or {}).get(name, ("form", True))
        if not isinstance(value, (Mapping, list)) and style != "json":
            query[name] = value  # as it was: httpx writes it
            continue
        for key, text in _pairs(name, value, style, explode):
            previous = query.get(key)
            if previous is None:
                query[key] = text
            elif isinstance(previous, list):
                previous.append(text)
            else:
                query[key] = [previous, text]
    return query


def _simple(value: object, explode: bool, separator: str = ",") -> str:
    if isinstance(value, Mapping):
        joined = [f"{key}={_text(item)}" if explode else f"{key},{_text(item)}" for key, item in value.items()]
        return separator.join(joined) if explode else ",".join(joined)
    if isinstance(value, list):
        return (separator if explode else ",").join(_text(item) for item in value)
    return _text(value)


def path_value(name: str, value: object, style: str = "simple", explode: bool = False) -> str:
    """A path parameter in its style, each value percent-encoded so it cannot change the path;
    an empty one would call another endpoint, so it is refused."""
    value = to_wire(value)
    if value is None or value == "" or value == [] or value == {}:
        raise ValueError(f"`{name}` must not be empty, not {value!r}")
    if style == "json":
        return quote(_json(value), safe="")
    if isinstance(value, Mapping):
        value = {quote(str(key), safe=""): quote(_text(item), safe="") for key, item in value.items()}
    elif isinstance(value, list):
        value = [quote(_text(item), safe="") for item in value]
    else:
        value = quote(_text(value), safe="")
    if style == "label":
        return "." + _simple(value, explode, ".")
    if style == "matrix":
        if isinstance(value, Mapping) and explode:
            return "".join(f";{key}={item}" for key, item in value.items())
        if isinstance(value, list) and explode:
            return "".join(f";{name}={item}" for item in value)
        return f";{name}={_simple(value, False)}"
    return _simple(value, explode)


def header_value(value: object, explode: bool = False, style: str = "simple") -> Union[str, NotGiven, None]:
    """A header parameter in the `simple` style (`a,b`; `k=v,l=w` exploded), or as JSON."""
    if value is None or isinstance(value, NotGiven):
        return value
    return _json(to_wire(value)) if style == "json" else _simple(to_wire(value), explode)


def cookie_params(values: Mapping[str, object], styles: Optional[Styles] = None) -> Union[str, NotGiven]:
    """The `Cookie` header for the cookie parameters given (`form` style), or NOT_GIVEN for none."""
    pairs = [
        pair
        for name, value in _given(values).items()
        for pair in _pairs(name, value, *(styles or {}).get(name, ("form", True)))
    ]
    return "; ".join(f"{name}={quote(text, safe='')}" for name, text in pairs) if pairs else NotGiven()


class FormBody:
    """An `application/x-www-form-urlencoded` body: the arguments given (left out: absent), each in
    its style, then `extra_body`."""

    def __init__(self, values: Mapping[str, object], extra_body: Optional[Body], styles: Optional[Styles]) -> None:
        self.pairs = [
            pair
            for name, value in _given(values).items()
            for pair in _pairs(name, value, *(styles or {}).get(name, ("form", True)))
        ]
        self.pairs += [
            pair for name, value in _given(extra_body or {}).items() for pair in _pairs(name, value, "form", True)
        ]

    def encode(self, files: ExitStack) -> EncodedBody:
        return EncodedBody({"Content-Type": "application/x-www-form-urlencoded"}, urlencode(self.pairs).encode("ascii"))


def form_body(values: Mapping[str, object], extra_body: Optional[Body], *, styles: Optional[Styles] = None) -> FormBody:
    return FormBody(values, extra_body, styles)
