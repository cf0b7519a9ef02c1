# Generated from spec/openapi.yaml by images-sdk-generator. Do not edit; run `make generate`.
"""The base of every response model, and lenient parsing of API answers.

Answers are validated by pydantic first (fast, and types come out right). When that fails
because the API sent something newer than the spec (a size not in a Literal, a missing
field), the data is kept as given instead: `parse()` builds the models field by field
without validating, so a newer server never breaks an older client.
"""

from __future__ import annotations

import functools
import sys
import types
from typing import Any, Dict, Optional, Tuple, Type, TypeVar, Union, cast

import pydantic
from typing_extensions import Annotated, Literal, TypeAliasType, get_args, get_origin

__all__ = ["BaseModel", "UnknownEvent", "parse", "event_variants"]

T = TypeVar("T")


class BaseModel(pydantic.BaseModel):
    """A response object. Unknown fields are kept and readable as attributes."""

    model_config = pydantic.ConfigDict(
        extra="allow",
        populate_by_name=True,
        protected_namespaces=(),
        defer_build=True,
    )

    def to_dict(self) -> Dict[str, Any]:
        """The object as JSON-ready data, with the API's field names and no unset fields."""
        return self.model_dump(mode="json", by_alias=True, exclude_unset=True)


class UnknownEvent(BaseModel):
    """A stream event whose `type` this client does not know yet; every field is kept."""


def parse(type_: Any, data: object) -> Any:
    """`data` as `type_`: validated when it fits, kept as given where it does not."""
    try:
        return _adapter(type_).validate_python(data)
    except pydantic.ValidationError:
        return _construct(type_, data)


@functools.lru_cache(maxsize=None)
def _adapter(type_: Any) -> pydantic.TypeAdapter[Any]:
    return pydantic.TypeAdapter(type_)


def event_variants(type_: Any) -> Tuple[Optional[str], Dict[object, Type[BaseModel]]]:
    """For a tagged union: the tag's wire name and the model of each tag value."""
    return _event_variants(type_)


@functools.lru_cache(maxsize=None)
def _event_variants(type_: Any) -> Tuple[Optional[str], Dict[object, Type[BaseModel]]]:
    type_ = _unalias(type_)
    tag: Optional[str] = None
    if get_origin(type_) is Annotated:
        type_, *metadata = get_args(type_)
        for item in metadata:
            discriminator = getattr(item, "discriminator", None)
            if isinstance(discriminator, str):
                tag = discriminator
    members = get_args(type_) if _is_union(type_) else (type_,)
    variants: Dict[object, Type[BaseModel]] = {}
    for member in members:
        member = _unalias(member)
        if tag is None or not (isinstance(member, type) and issubclass(member, BaseModel)):
            continue
        field = member.model_fields.get(tag)
        if field is not None and get_origin(field.annotation) is Literal:
            for value in get_args(field.annotation):
                variants[value] = member
    return (tag if variants else None), variants


def _unalias(type_: Any) -> Any:
    while isinstance(type_, TypeAliasType):
        type_ = type_.__value__
    return type_


def _is_union(type_: Any) -> bool:
    origin = get_origin(type_)
    return origin is Union or (sys.version_info >= (3, 10) and origin is getattr(types, "UnionType", None))


def _construct(type_: Any, data: object) -> Any:
    """Build `type_` from `data` without validation, recursing into models and lists."""
    type_ = _unalias(type_)
    origin = get_origin(type_)
    if origin is Annotated:
        return _construct(get_args(type_)[0], data)
    if isinstance(type_, type) and issubclass(type_, pydantic.BaseModel):
        if not isinstance(data, dict):
            return data
        return _construct_model(type_, data)
    if _is_union(type_):
        return _construct_union(type_, data)
    if origin in (list, tuple) and isinstance(data, list):
        args = get_args(type_)
        return [_construct(args[0], item) for item in data] if args else data
    if origin is dict and isinstance(data, dict):
        args = get_args(type_)
        return {k: _construct(args[1], v) for k, v in data.items()} if len(args) == 2 else data
    return data


def _construct_model(model: Type[pydantic.BaseModel], data: Dict[str, Any]) -> Any:
    values: Dict[str, Any] = {}
    known = set()
    for name, field in model.model_fields.items():
        key = field.alias or name
        known.add(key)
        # A missing field reads as None rather than raising AttributeError.
        values[name] = _construct(field.annotation, data[key]) if key in data else None
    instance = model.model_construct(
        _fields_set={n for n, f in model.model_fields.items() if (f.alias or n) in data}, **values
    )
    extra = {k: v for k, v in data.items() if k not in known}
    if extra:
        object.__setattr__(instance, "__pydantic_extra__", {**(instance.__pydantic_extra__ or {}), **extra})
    return instance


def _construct_union(type_: Any, data: object) -> Any:
    tag, variants = _event_variants(type_)
    if tag is not None and isinstance(data, dict):
        model = variants.get(data.get(tag))
        return _construct_model(model, data) if model is not None else UnknownEvent.model_construct(**data)
    members = [m for m in get_args(type_) if m is not type(None)]
    for member in members:  # the first member that validates wins
        try:
            return _adapter(member).validate_python(data)
        except pydantic.ValidationError:
            continue
    for member in members:  # else the first model member, for an object
        plain = _unalias(member)
        if isinstance(data, dict) and isinstance(plain, type) and issubclass(plain, pydantic.BaseModel):
            return _construct_model(plain, data)
    return cast(Any, data)
