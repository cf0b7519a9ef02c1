"""Whether every value of one IR type is also a value of another.

Callers are safe when the new argument type takes every value the old one took; readers are
safe when every value the new result type can hold fits where the old one was expected. Both
questions are `fits(value_type, into_type)`, with named types looked through where they differ
(an enum alias is its values; a model is itself, or the class it was renamed to).
"""

from __future__ import annotations

from typing import Mapping

from ..ir.nodes import FileUpload, ListOf, LiteralOf, MapOf, Model, NamedType, Primitive, TypeExpr, UnionOf

_NUMBERS = {"int": {"int", "float"}, "bool": {"bool", "int", "float"}}  # as Python's type checkers see them


def fits(value: TypeExpr, into: TypeExpr, value_models: Mapping[str, Model], into_models: Mapping[str, Model],
         renamed: Mapping[str, str]) -> bool:
    """Whether every value of `value` (a type of one IR) is a value of `into` (of the other).

    A named type that is the same one on both sides (or the class it was renamed to) fits as
    itself: what changed inside it is reported once, where it is defined.
    """
    if isinstance(value, NamedType):
        same = {value.name, renamed.get(value.name, value.name)}
        if any(isinstance(m, NamedType) and m.name in same for m in (into.members if isinstance(into, UnionOf)
                                                                        else (into,))):
            return True
    value = look_through(value, value_models)
    into = look_through(into, into_models)
    if isinstance(value, UnionOf):
        return all(fits(m, into, value_models, into_models, renamed) for m in value.members)
    if into == Primitive("Any"):
        return True
    if isinstance(into, UnionOf):
        if isinstance(value, LiteralOf):  # values may spread over several members
            return all(any(fits(LiteralOf((v,)), m, value_models, into_models, renamed) for m in into.members)
                       for v in value.values)
        return any(fits(value, m, value_models, into_models, renamed) for m in into.members)
    if isinstance(value, LiteralOf):
        if isinstance(into, LiteralOf):
            return set(map(_key, value.values)) <= set(map(_key, into.values))
        return all(fits(_type_of(v), into, value_models, into_models, renamed) for v in value.values)
    if isinstance(value, Primitive) and isinstance(into, Primitive):
        return into.name in _NUMBERS.get(value.name, {value.name})
    if isinstance(value, ListOf) and isinstance(into, ListOf):
        return fits(value.item, into.item, value_models, into_models, renamed)
    if isinstance(value, MapOf) and isinstance(into, MapOf):
        return fits(value.value, into.value, value_models, into_models, renamed)
    return isinstance(value, FileUpload) and isinstance(into, FileUpload)


def look_through(type_: TypeExpr, models: Mapping[str, Model]) -> TypeExpr:
    """An alias by what it stands for (an enum's values, a union's members); a model as itself."""
    seen = set()
    while isinstance(type_, NamedType) and type_.name in models and type_.name not in seen:
        seen.add(type_.name)
        model = models[type_.name]
        if model.kind != "alias" or model.alias_of is None:
            break
        type_ = model.alias_of
    return type_


def _key(value: object) -> tuple[str, object]:
    return type(value).__name__, value  # True is not 1, as in a Literal


def _type_of(value: object) -> TypeExpr:
    if value is None:
        return Primitive("None")
    return Primitive({bool: "bool", int: "int", float: "float"}.get(type(value), "str"))


def literal_values(type_: TypeExpr, models: Mapping[str, Model]) -> list[object] | None:
    """The values of a closed set of values (a Literal, through an alias), else None."""
    type_ = look_through(type_, models)
    return list(type_.values) if isinstance(type_, LiteralOf) else None


def is_open(type_: TypeExpr, models: Mapping[str, Model]) -> bool:
    """`str | Literal[...]`: any string is taken, so its values are documentation."""
    type_ = look_through(type_, models)
    members = type_.members if isinstance(type_, UnionOf) else (type_,)
    return Primitive("str") in members
