# Runtime of images-sdk-generator, copied into each generated client with this line as its header.
"""The base of every response model, and lenient parsing of API answers.

Answers are JSON text, validated by pydantic in strict JSON mode first (fast, and the types come
out right). When that fails because the API sent something newer than the spec (a size not in a
Literal, a missing field, an unknown event), the decoded data is kept as given instead:
`construct()` builds the models the types name without validating, and never guesses:

- a tagged union is built as the variant its tag names (an unknown tag gives `UnknownEvent`);
- lists, dicts and unions of them still hold models where the type says so;
- every value is kept exactly: an int stays an int, a large int is not made a float, nothing
  is turned into a string; a missing field reads as None.
"""

from __future__ import annotations

import json
import warnings
from typing import Any, Dict, List, NoReturn, Optional, Tuple, Type, TypeVar, Union

import pydantic
from typing_extensions import Literal, get_args, get_origin

from ._type_shapes import is_union, type_adapter, union_members, unwrap, variants

__all__ = ["BaseModel", "UnknownEvent", "parse_json", "construct", "set_request_id"]

T = TypeVar("T")


class BaseModel(pydantic.BaseModel):
    """A response object. Unknown fields are kept and readable as attributes."""

    model_config = pydantic.ConfigDict(
        extra="allow",
        populate_by_name=True,
        protected_namespaces=(),
        defer_build=True,
    )

    _request_id: Optional[str] = pydantic.PrivateAttr(default=None)
    """The `x-request-id` of the answer this object came from (for support requests)."""

    def to_dict(
        self,
        *,
        mode: Literal["json", "python"] = "python",
        use_api_names: bool = True,
        exclude_unset: bool = True,
        exclude_defaults: bool = False,
        exclude_none: bool = False,
        warnings: bool = True,
    ) -> Dict[str, object]:
        """The object as a dict: the API's field names (`use_api_names=False` for the Python
        names), and only the fields the API sent (`exclude_unset`)."""
        return self.model_dump(
            mode=mode,
            by_alias=use_api_names,
            exclude_unset=exclude_unset,
            exclude_defaults=exclude_defaults,
            exclude_none=exclude_none,
            warnings=warnings,
        )

    def to_json(
        self,
        *,
        indent: Optional[int] = 2,
        use_api_names: bool = True,
        exclude_unset: bool = True,
        exclude_defaults: bool = False,
        exclude_none: bool = False,
        warnings: bool = True,
    ) -> str:
        """The object as JSON text, with the same choices as `to_dict()`."""
        return self.model_dump_json(
            indent=indent,
            by_alias=use_api_names,
            exclude_unset=exclude_unset,
            exclude_defaults=exclude_defaults,
            exclude_none=exclude_none,
            warnings=warnings,
        )

    def __str__(self) -> str:
        return repr(self)  # `ImagesResponse(created=..., ...)`: pydantic's plain str omits the class

    def __iter__(self) -> NoReturn:
        # pydantic's (field, value) pairs would pass for items: a list's answer is a page (`_pagination`),
        # which iterates its items; any other answer is no list
        raise TypeError(f"{type(self).__name__} is not iterable: `.to_dict()` gives its fields")

    @classmethod
    def __pydantic_init_subclass__(cls, **kwargs: Any) -> None:
        super().__pydantic_init_subclass__(**kwargs)
        # pydantic makes a deprecated field warn when it builds the class, which ours put off (and a
        # TypeAdapter of an enclosing type never does), so reading one would not warn: done here, at once
        for name, field in cls.model_fields.items():
            message = getattr(field, "deprecated", None)  # pydantic 2.7+, the message generated in `types`
            if message:
                setattr(cls, name, _DeprecatedField(name, message if isinstance(message, str) else "deprecated"))


class _DeprecatedField:
    """A field the spec marks `deprecated: true`: reading it warns with a DeprecationWarning."""

    def __init__(self, name: str, message: str) -> None:
        self._name, self._message = name, message

    def __get__(self, instance: object, owner: Any = None) -> Any:
        if instance is None:
            raise AttributeError(self._name)
        warnings.warn(self._message, DeprecationWarning, stacklevel=2)
        return instance.__dict__.get(self._name)

    def __set__(self, instance: object, value: Any) -> None:  # a data descriptor: read before the instance's dict
        raise AttributeError(self._name)


class UnknownEvent(BaseModel):
    """A union member this client does not know yet (a newer event `type`); every field is kept."""


def parse_json(type_: Any, text: Union[str, bytes], drift: Optional[List[Any]] = None) -> Any:
    """JSON `text` as `type_`: validated when it fits, kept as given where it does not.

    Given a `drift` list, adds to it a `SpecDrift` for each place that does not fit (`_conformance.py`).
    Raises ValueError when `text` is not JSON, RecursionError when it nests too deeply.
    """
    try:
        return type_adapter(type_).validate_json(text, strict=True)
    except pydantic.ValidationError as exc:
        failure = exc if drift is not None else None
    data = json.loads(text)
    if drift is not None:
        from ._conformance import find_drift

        drift.extend(find_drift(type_, data, failure))
    return construct(type_, data)


def set_request_id(value: object, request_id: Optional[str]) -> None:
    """Record the answer's `x-request-id` on a parsed model (other results have nowhere to keep it)."""
    if request_id is not None and isinstance(value, BaseModel):
        value._request_id = request_id


def construct(type_: Any, data: object, tag: Optional[str] = None) -> Any:
    """`data` built as `type_` without validation (see the module docstring).

    `tag` is the discriminator of a union when it is known from outside (a model field's).
    """
    type_, tag = unwrap(type_, tag)
    if isinstance(type_, type) and issubclass(type_, pydantic.BaseModel):
        return _construct_model(type_, data) if isinstance(data, dict) else data
    if is_union(type_):
        return _construct_union(union_members(type_), tag, data)
    origin = get_origin(type_)
    args = get_args(type_)
    if origin in (list, tuple) and isinstance(data, list):
        item = args[0] if args else Any
        return [construct(item, value) for value in data]
    if origin is dict and isinstance(data, dict) and len(args) == 2:
        return {key: construct(args[1], value) for key, value in data.items()}
    return data


def _construct_model(model: Type[pydantic.BaseModel], data: Dict[str, Any]) -> Any:
    values: Dict[str, Any] = {}
    fields_set = set()
    known = set()
    for name, field in model.model_fields.items():
        key = field.alias or name
        known.add(key)
        if key in data:
            values[name] = construct(
                field.annotation, data[key], field.discriminator if isinstance(field.discriminator, str) else None
            )
            fields_set.add(name)
        else:
            values[name] = None  # a missing field reads as None rather than raising AttributeError
    instance = model.model_construct(_fields_set=fields_set, **values)
    extra = {key: value for key, value in data.items() if key not in known}
    if extra:
        object.__setattr__(instance, "__pydantic_extra__", {**(instance.__pydantic_extra__ or {}), **extra})
    return instance


def _construct_union(members: Tuple[Any, ...], tag: Optional[str], data: object) -> Any:
    if data is None:
        return None
    if isinstance(data, dict):
        if tag is not None:
            value = data.get(tag)
            variant = variants(members, tag).get(value) if isinstance(value, (str, int, bool)) else None
            return _construct_model(variant or UnknownEvent, data)
        return _construct_object(members, data)
    if isinstance(data, list):
        lists = [m for m in members if get_origin(unwrap(m, None)[0]) in (list, tuple)]
        if len(lists) == 1:
            return construct(lists[0], data)
        if lists:  # several list types: each item as the union of their item types
            items = tuple(arg for m in lists for arg in get_args(unwrap(m, None)[0])[:1])
            return [_construct_union(items, None, value) for value in data]
    return data  # a scalar stays exactly what the API sent


def _construct_object(members: Tuple[Any, ...], data: Dict[str, Any]) -> Any:
    """An object in an untagged union: the one member it fits, else the one it can only be."""
    candidates = []
    for member in members:
        plain, tag = unwrap(member, None)
        if isinstance(plain, type) and issubclass(plain, pydantic.BaseModel):
            candidates.append(plain)
        elif is_union(plain):  # a nested union: flattened into this one
            nested = _construct_union(union_members(plain), tag, data)
            if nested is not data:
                return nested
        elif get_origin(plain) is dict:
            candidates.append(member)
    for candidate in candidates:
        try:
            return type_adapter(candidate).validate_python(data, strict=True)
        except pydantic.ValidationError:
            continue
    if len(candidates) == 1:
        return construct(candidates[0], data)
    # Several models and none validates: the one whose required fields are all present, if
    # exactly one is; otherwise choosing would be a guess, so the data stays as given.
    complete = [
        c
        for c in candidates
        if isinstance(c, type) and all((f.alias or n) in data for n, f in c.model_fields.items() if f.is_required())
    ]
    return _construct_model(complete[0], data) if len(complete) == 1 else data
