# Runtime of images-sdk-generator, copied into each generated client with this line as its header.
"""What a type annotation is made of, as the lenient parser (`_models.py`) and the drift finder
(`_conformance.py`) both read it: aliases and `Annotated` unwrapped, a union's members, the
model of each tag value of a tagged union, and one cached pydantic `TypeAdapter` per type."""

from __future__ import annotations

import functools
import sys
import types
from typing import Any, Dict, List, Optional, Tuple, Type, Union

import pydantic
from typing_extensions import Annotated, Literal, TypeAliasType, get_args, get_origin

__all__ = ["type_adapter", "unwrap", "is_union", "union_members", "variants"]

_NONE_TYPE = type(None)


@functools.lru_cache(maxsize=None)
def type_adapter(type_: Any) -> pydantic.TypeAdapter[Any]:
    return pydantic.TypeAdapter(type_)


def unwrap(type_: Any, tag: Optional[str]) -> Tuple[Any, Optional[str]]:
    """Strip type aliases and `Annotated`, keeping a union's discriminator."""
    while True:
        if isinstance(type_, TypeAliasType):
            type_ = type_.__value__
        elif get_origin(type_) is Annotated:
            type_, *metadata = get_args(type_)
            for item in metadata:
                discriminator = getattr(item, "discriminator", None)
                if isinstance(discriminator, str):
                    tag = discriminator
        else:
            return type_, tag


def is_union(type_: Any) -> bool:
    origin = get_origin(type_)
    return origin is Union or (sys.version_info >= (3, 10) and origin is getattr(types, "UnionType", None))


def union_members(type_: Any) -> Tuple[Any, ...]:
    return tuple(member for member in get_args(type_) if member is not _NONE_TYPE)


@functools.lru_cache(maxsize=None)
def variants(members: Tuple[Any, ...], tag: str) -> Dict[object, Type[pydantic.BaseModel]]:
    """The model of each tag value of a tagged union (nested unions flattened)."""
    found: Dict[object, Type[pydantic.BaseModel]] = {}
    stack: List[Any] = list(members)
    while stack:
        member, _ = unwrap(stack.pop(0), None)
        if is_union(member):
            stack[:0] = union_members(member)
            continue
        if not (isinstance(member, type) and issubclass(member, pydantic.BaseModel)):
            continue
        field = member.model_fields.get(tag) or next((f for f in member.model_fields.values() if f.alias == tag), None)
        if field is not None and get_origin(field.annotation) is Literal:
            for value in get_args(field.annotation):
                found.setdefault(value, member)
    return found
