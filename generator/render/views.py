"""What the resource template needs for each operation, computed from the IR.

Keeping this in Python keeps `templates/resources/resource.py.jinja` a plain loop: every
annotation, default, docstring and body field below is a ready string.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..black_style import LINE_LENGTH
from ..ir.nodes import DEFAULT_STYLES, ListOf, MapOf, NamedType, Operation, Page, Param, Resource, TypeExpr, UnionOf
from ..ir.surface import PER_CALL_ARGUMENTS
from ..text import WRAP_WIDTH, docstring_body, python_literal
from .annotations import annotation, named_types
from .models import field_annotation
from .tokens import TOKEN

INDENT = " " * 8
ARG_WIDTH = 92  # an `Args:` entry starts 12 columns in; its wrapped lines 16


@dataclass(frozen=True)
class ParamView:
    name: str
    wire: str
    annotation: str
    default: str  # "" or " = NOT_GIVEN"

    @property
    def line(self) -> str:
        """The parameter in a method's signature (8 columns in), as black lays it out."""
        return parameter_line(self.name, self.annotation, self.default, 8)


@dataclass(frozen=True)
class BodyView:
    encoder: str  # the runtime function, from the body kind
    fields: tuple[ParamView, ...]  # every body parameter, in signature order
    files: str  # for a kind that carries uploads: the upload fields' wire names, as a tuple literal
    styles: str  # for a form: the fields written otherwise than `form` exploded, as a dict literal
    media: str  # for bytes: their Content-Type, as a literal
    part_types: str = ""  # for multipart: the fields sent as one part of a given Content-Type, as a dict literal


@dataclass(frozen=True)
class OverloadView:
    stream_annotation: str
    returns: str


@dataclass(frozen=True)
class PageView:
    page_class: str  # the typed page: `AsyncListBatchesResponsePage` (the sync twin's names come from unasync)
    returns: str  # the page: `AsyncListBatchesResponsePage`
    paginator: str  # what the async method returns: `AsyncPaginator[Batch, AsyncListBatchesResponsePage]`
    rule: str  # where the page's parts are, as the keyword arguments of `fetch`
    generic: str  # the runtime's page it is: `AsyncCursorPage[Batch]`


@dataclass(frozen=True)
class PageFieldView:
    name: str
    annotation: str  # as the model's field: `Optional[str]`


@dataclass(frozen=True)
class PageClassView:
    """A page of one answer model, typed: the runtime page of its kind (`AsyncCursorPage`) over its
    items, with the model's other fields declared as the model types them (`has_more: bool`). At
    run time the fields come from the answer (`_Page.__getattr__`); the declarations are for type
    checkers and readers."""

    name: str  # `AsyncListBatchesResponsePage`
    sync_name: str  # `SyncListBatchesResponsePage`
    base: str  # `AsyncCursorPage` or `AsyncPage`
    item: str  # the items' type, as a string literal (evaluated by type checkers only)
    model: str  # `ListBatchesResponse`
    fields: tuple[PageFieldView, ...]
    docstring: str  # ready to stand between triple quotes, four columns in


# What a page has of its own at run time (`templates/runtime/_pagination.py`): a field of these names
# is read from the answer (`page.to_dict()`, the items field by its own name), never declared on the page.
PAGE_ATTRIBUTES = frozenset({"data", "fetch", "has_next_page", "get_next_page", "iter_pages"})


@dataclass(frozen=True)
class OperationView:
    name: str
    http_method: str
    path: str
    path_parts: tuple[str, ...]  # the path's pieces, added up at call time
    params: tuple[ParamView, ...]
    positional: tuple[ParamView, ...]  # the path parameters, before `*`, as the official package has them
    keywords: tuple[ParamView, ...]  # the others, keyword-only
    stream_param: str | None
    stream_annotation: str | None
    overloads: tuple[OverloadView, ...]
    returns: str
    docstring: str
    body: BodyView | None
    query_fields: tuple[ParamView, ...]
    query_styles: str  # the query parameters written otherwise than `form` exploded, as a dict literal
    header_entries: tuple[str, ...]  # `"X-Tag": x_tag` each: given, they go through `header_params`
    headers_extra: str  # `extra_headers`, or it merged with the `Accept` of a binary answer
    stream_expr: str
    cast_to: str
    event_type: str | None
    runtime_imports: tuple[str, ...]  # named types the body evaluates (`cast`, `cast_to`, `event_type`)
    page: PageView | None = None  # the answer is a page of a list: the method returns the page
    deprecation: str = ""  # the warning of an operation the spec marks deprecated
    keyless: bool = False  # callable without a key (see `KeyPlacement.needed_by`)


@dataclass(frozen=True)
class ResourceView:
    attr_name: str
    class_name: str
    module_name: str
    summary: str
    type_imports: tuple[str, ...]
    operations: tuple[OperationView, ...]
    pages: tuple[PageClassView, ...] = ()  # the typed pages its list methods return
    twins: tuple[tuple[str, str], ...] = ()  # their async names and sync names, for unasync


def resource_view(resource: Resource) -> ResourceView:
    names: set[str] = set()
    for op in resource.operations:
        for p in op.params:
            names |= named_types(p.type)
        for t in (op.response, op.stream_event, op.page.item if op.page else None):
            if t is not None:
                names |= named_types(t)
        for f in op.page.fields if op.page else ():
            names |= named_types(f.type)
    pages = _page_classes(resource, names)
    return ResourceView(
        attr_name=resource.attr_name,
        class_name=resource.class_name,
        module_name=resource.module_name,
        summary=f"Operations on {resource.attr_name}.",
        type_imports=tuple(sorted(names)),
        operations=tuple(operation_view(op, {p.model: p for p in pages}) for op in resource.operations),
        pages=tuple(pages),
        twins=tuple((p.name, p.sync_name) for p in pages),
    )


def _pages(op: Operation) -> bool:
    """Whether the method returns a page (a list's answer that is no stream)."""
    return op.page is not None and op.response is not None and op.stream_event is None


def _page_classes(resource: Resource, taken: set[str]) -> list[PageClassView]:
    """One typed page per answer model the resource's lists return (`ListBatchesResponse` →
    `SyncListBatchesResponsePage`, `AsyncListBatchesResponsePage`), named apart from the module's
    other names (the models it imports, its resource classes)."""
    taken = taken | {f"{prefix}{resource.class_name}{suffix}" for prefix in ("", "Async")
                     for suffix in ("", "WithRawResponse", "WithStreamingResponse")}
    found: dict[str, PageClassView] = {}
    for op in resource.operations:
        page = op.page
        if page is None or not _pages(op) or not page.model or page.model in found:
            continue
        stem = f"{page.model}Page"
        while {f"Sync{stem}", f"Async{stem}"} & taken:
            stem += "_"
        taken |= {f"Sync{stem}", f"Async{stem}"}
        fields = tuple(PageFieldView(f.py_name, field_annotation(f.type, f.required)) for f in page.fields
                       if f.py_name not in PAGE_ATTRIBUTES and not f.py_name.startswith("_"))
        walks = " across pages" if page.kind == "cursor" else ""
        doc = docstring_body(f"A page of `{page.model}`: its items in `.data` (iterating the page walks them"
                             f"{walks}), and the answer's other fields, typed as in `{page.model}`.", WRAP_WIDTH - 4)
        found[page.model] = PageClassView(f"Async{stem}", f"Sync{stem}", _page_base(page),
                                          python_literal(annotation(page.item, for_input=False)), page.model,
                                          fields, doc.replace("\n", "\n    "))
    return list(found.values())


def _page_base(page: Page) -> str:
    return "AsyncCursorPage" if page.kind == "cursor" else "AsyncPage"


def operation_view(op: Operation, pages: dict[str, PageClassView] | None = None) -> OperationView:
    pairs = tuple((p, _param_view(p)) for p in op.params)  # each parameter with its view
    params = tuple(v for _, v in pairs)
    by_wire = {p.wire_name: v for p, v in pairs}
    result = annotation(op.response, for_input=False) if op.response is not None else \
        "BinaryResponse" if op.binary_media else "None"
    event = annotation(op.stream_event, for_input=False) if op.stream_event is not None else None
    stream_type = f"AsyncStream[{event}]" if event else None
    stream_param = by_wire[op.stream_param].name if op.stream_param else None
    overloads: tuple[OverloadView, ...] = ()
    stream_annotation = None
    if stream_param and stream_type:
        returns = f"Union[{result}, {stream_type}]"
        stream_annotation = "Optional[bool] | NotGiven = NOT_GIVEN"
        overloads = (
            OverloadView("Optional[Literal[False]] | NotGiven = NOT_GIVEN", result),
            OverloadView("Literal[True]", stream_type),
            OverloadView("bool", returns),
        )
        stream_expr = f"bool({stream_param})"
    elif stream_type:
        returns, stream_expr = stream_type, "True"
    else:
        returns, stream_expr = result, "False"
    typed = (pages or {}).get(op.page.model) if op.page is not None else None
    page = _page_view(op.page, typed) if op.page is not None and _pages(op) else None
    if page is not None:
        returns = page.returns

    def located(where: str) -> tuple[ParamView, ...]:
        return tuple(v for p, v in pairs if p.location == where)

    return OperationView(
        name=op.method_name,
        http_method=op.http_method,
        path=op.path,
        path_parts=_path_parts(op.path, pairs),
        params=params,
        positional=located("path"),
        keywords=tuple(v for p, v in pairs if p.location != "path"),
        stream_param=stream_param,
        stream_annotation=stream_annotation,
        overloads=overloads,
        returns=returns,
        docstring=_docstring(op, pairs),
        body=_body_view(op, pairs),
        query_fields=located("query"),
        query_styles=_styles([p for p, _ in pairs if p.location == "query"]),
        header_entries=_header_entries(tuple((p, v) for p, v in pairs if p.location in ("header", "cookie"))),
        headers_extra=_headers_extra(", ".join(op.binary_media)),
        stream_expr=stream_expr,
        cast_to=result,
        event_type=event,
        runtime_imports=tuple(sorted(set().union(*(named_types(t) for t in (op.response, op.stream_event)
                                                   if t is not None)))),
        page=page,
        deprecation=f"{op.http_method.upper()} {op.path} is deprecated by the API" if op.deprecated else "",
        keyless=op.keyless,
    )


def _page_view(page: Page, typed: PageClassView | None) -> PageView:
    """A list method's page: the typed page of its answer model, else the runtime's page of its kind."""
    item = annotation(page.item, for_input=False)
    page_class = typed.name if typed is not None else _page_base(page)
    returns = page_class if typed is not None else f"{page_class}[{item}]"
    rule = {"items": page.items, "cursor_param": page.cursor_param, "next_cursor": page.next_cursor,
            "item_cursor": page.item_cursor, "has_more": page.has_more}
    return PageView(page_class, returns, f"AsyncPaginator[{item}, {returns}]",
                    ", ".join(f"{key}={python_literal(value)}" for key, value in rule.items() if value),
                    f"{_page_base(page)}[{item}]")


def _body_view(op: Operation, pairs: tuple[tuple[Param, ParamView], ...]) -> BodyView | None:
    if op.body is None:
        return None
    fields = [(p, v) for p, v in pairs if p.location == "body"]
    uploads = tuple(p.wire_name for p, _ in fields if p.files != "none") if op.body.carries_files else ()
    part_types = {p.wire_name: p.part_type for p, _ in fields if p.part_type}
    return BodyView(op.body.encoder, tuple(v for _, v in fields), python_literal(uploads) if uploads else "",
                    _styles([p for p, _ in fields]) if op.body.name == "form" else "",
                    python_literal(op.body_media) if op.body_media else "",
                    python_literal(part_types) if part_types else "")


def _param_view(p: Param) -> ParamView:
    type_ = annotation(p.type)
    if p.required:
        return ParamView(p.py_name, p.wire_name, type_, "")
    return ParamView(p.py_name, p.wire_name, f"{type_} | NotGiven", " = NOT_GIVEN")


def _path_parts(path: str, pairs: tuple[tuple[Param, ParamView], ...]) -> tuple[str, ...]:
    """The path as Python expressions to add up; path parameters are percent-encoded at call time, in
    their style where the spec gives one or the value is a list or an object."""
    params = {p.wire_name: (p, v.name) for p, v in pairs if p.location == "path"}
    pieces = re.split(r"\{([^}]*)\}", path)
    parts = []
    for i, piece in enumerate(pieces):
        if i % 2 == 0:
            if piece:
                parts.append(python_literal(piece))
        elif piece not in params:
            parts.append(python_literal("{" + piece + "}"))
        else:
            param, name = params[piece]  # the argument, named too for the error when it is empty
            style, explode = style_of(param)
            if (style, explode) != ("simple", False) or _structured(param.type):
                parts.append(f"path_value({python_literal(name)}, {name}, {python_literal(style)}, {explode})")
            else:
                parts.append(f"path_param({python_literal(name)}, {name})")
    return tuple(parts) or ('""',)


def lazy_import(names: tuple[str, ...], column: int = 8) -> str:
    """A method's import of the models its body evaluates, written at `column` as black lays it
    out (one line, or a name a line when that is too long)."""
    why = "  # the models, and pydantic, load on first use"
    line = f"from ..types import {', '.join(names)}{why}"
    if column + len(line) <= LINE_LENGTH:
        return line
    inner = " " * (column + 4)
    return "from ..types import (\n" + "".join(f"{inner}{name},\n" for name in names) + " " * column + ")" + why


def self_only_def(returns: str, name: str, column: int = 4) -> str:
    """`def name(self) -> returns:` at `column`, as black lays it out: `self` on a line of its own
    (with the comma black adds, which is magic after) when the line is too long."""
    line = f"def {name}(self) -> {returns}:"
    if column + len(line) <= LINE_LENGTH:
        return line
    return f"def {name}(\n{' ' * (column + 4)}self,\n{' ' * column}) -> {returns}:"


def parameter_line(name: str, annotation: str, default: str, column: int) -> str:
    """`name: annotation = default,` in a signature at `column`, laid out as black lays it out where
    that is simple: one line when it fits; else, with a default, the annotation in parentheses on a
    line of its own, or a `|` operand a line. What is left (an operand that must be split itself,
    or no default) stays one line, for black to split (the sync twin then goes to black too)."""
    line = f"{name}: {annotation}{default},"
    if column + len(line) <= LINE_LENGTH or not default:
        return line
    inner = " " * (column + 4)
    operands = [annotation] if len(inner) + len(annotation) <= LINE_LENGTH else _top_level_operands(annotation)
    lines = [f"{inner}{'| ' if i else ''}{operand}" for i, operand in enumerate(operands)]
    if any(len(text) > LINE_LENGTH for text in lines):
        return line
    return f"{name}: (\n" + "\n".join(lines) + f"\n{' ' * column}){default},"


def _top_level_operands(annotation: str) -> list[str]:
    """`annotation` split at its ` | ` outside brackets and strings."""
    operands, depth, start = [], 0, 0
    for match in TOKEN.finditer(annotation):
        kind = match.lastgroup
        if kind == "open":
            depth += 1
        elif kind == "close":
            depth -= 1
        elif kind == "other" and match.group() == "|" and depth == 0:
            operands.append(annotation[start:match.start()].strip())
            start = match.end()
    return [*operands, annotation[start:].strip()]


def sum_argument(parts: tuple[str, ...], name: str, column: int, shift: int = 0) -> str:
    """`name=a + b + c,` for a call's argument list written at `column` and indented by `shift`
    more, laid out as black lays it out (one line, or a term a line when that is too long), so
    black finds the method as it is: then its sync twin needs no formatting (output/twins.py)."""
    line = f"{name}={' + '.join(parts)},"
    if column + shift + len(line) <= LINE_LENGTH or len(parts) == 1:
        return line
    return f"\n{' ' * column}+ ".join([f"{name}={parts[0]}", *parts[1:]]) + ","


def _headers_extra(accept: str) -> str:
    """`extra_headers`, after the media types a binary answer may have as `Accept` (which
    `extra_headers` may override)."""
    return f"{{{python_literal('Accept')}: {python_literal(accept)}, **(extra_headers or {{}})}}" if accept \
        else "extra_headers"


def _header_entries(pairs: tuple[tuple[Param, ParamView], ...]) -> tuple[str, ...]:
    """Header parameters (a list or an object in the `simple` style) and cookies as `Cookie`, as
    the entries of the dict `header_params` is given."""
    entries = []
    for p, v in pairs:
        if p.location != "header":
            continue
        style, explode = style_of(p)
        if style == "json":
            value = f'header_value({v.name}, style="json")'
        else:
            value = f"header_value({v.name}, {explode})" if explode or _structured(p.type) else v.name
        entries.append(f"{python_literal(v.wire)}: {value}")
    cookies = [(p, v) for p, v in pairs if p.location == "cookie"]
    if cookies:
        given = ", ".join(f"{python_literal(v.wire)}: {v.name}" for _, v in cookies)
        styles = _styles([p for p, _ in cookies])
        entries.append(f'"Cookie": cookie_params({{{given}}}{", styles=" + styles if styles else ""})')
    return tuple(entries)


def style_of(p: Param) -> tuple[str, bool]:
    """The style a parameter is written in, and whether it explodes, its place's defaults applied."""
    style = p.style or DEFAULT_STYLES[p.location]
    return style, p.explode if p.explode is not None else style == "form"


def _styles(params: list[Param]) -> str:
    """`{wire name: (style, explode)}` of the parameters not written in their place's default, as
    source ("" when all are)."""
    default = {location: (style, style == "form") for location, style in DEFAULT_STYLES.items()}
    found = {p.wire_name: written for p in params if (written := style_of(p)) != default[p.location]}
    return python_literal(found) if found else ""


def _structured(type_: TypeExpr) -> bool:
    """A list or an object (what a style writes), possibly Optional."""
    members = type_.members if isinstance(type_, UnionOf) else (type_,)
    return any(isinstance(m, (ListOf, MapOf)) or (isinstance(m, NamedType) and m.is_object) for m in members)


def _docstring(op: Operation, pairs: tuple[tuple[Param, ParamView], ...]) -> str:
    blocks = [docstring_body(b) for b in (op.summary, op.description) if b]
    if op.deprecated:
        blocks.append("Deprecated: the API may remove this operation.")
    if op.keyless:
        blocks.append("Needs no API key: the spec's `security` for it allows none.")
    if op.scopes:
        blocks.append(docstring_body("OAuth scopes its `security` lists: " + ", ".join(f"`{s}`" for s in op.scopes)
                                     + "."))
    if op.page is not None and op.page.kind == "cursor" and op.stream_event is None:
        blocks.append(docstring_body("Returns the first page: iterating it walks every item of every page, each "
                                     "next page asked for with this call's arguments and options."))
    args = []
    for p, v in pairs:
        text = p.description or "(no description in the spec)"
        if p.default is not None and "default" not in text.lower():
            text += f" Defaults to `{p.default}` on the server."
        if p.style == "json":
            text += f" Sent as JSON in the {_PLACES[p.location]} `{p.wire_name}`."
        elif p.wire_name != p.py_name:
            text += f" Sent as the {_PLACES[p.location]} `{p.wire_name}`."
        args.append(_hang(docstring_body(f"{v.name}: {text}", ARG_WIDTH), 4))
    args += [_hang(docstring_body(f"{argument.name}: {argument.doc}", ARG_WIDTH), 4) for argument in PER_CALL_ARGUMENTS]
    blocks.append("Args:\n" + "\n\n".join(args))
    # as black leaves a docstring (PEP 257's trim): no trailing spaces, and the lines after the first
    # as little indented as they can be (under a first line `Args:`, its entries move left)
    first, *rest = [line.rstrip() for line in "\n\n".join(blocks).split("\n")]
    least = min((len(line) - len(line.lstrip(" ")) for line in rest if line), default=0)
    return "\n".join([first, *(INDENT + line[least:] if line else "" for line in rest), INDENT])


_PLACES = {"path": "path parameter", "query": "query parameter", "header": "header", "cookie": "cookie",
           "body": "body field"}


def _hang(text: str, indent: int) -> str:
    """Indent continuation lines under an `Args:` entry."""
    lines = text.split("\n")
    pad = " " * indent
    return pad + lines[0] + "".join("\n" + (pad + "    " + line if line else "") for line in lines[1:])
