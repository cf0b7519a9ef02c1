"""Spell IR types as Python annotations, the way the generated code writes them.

Inputs use `Sequence` (accepts lists and tuples), outputs use `List`; files are
`FileTypes`; `Optional[X]` for X-or-None; named types come from the `types` module.
"""

from __future__ import annotations

from ..ir.nodes import FileUpload, ListOf, LiteralOf, MapOf, NamedType, Primitive, TypeExpr, UnionOf
from ..text import python_literal


def annotation(type_: TypeExpr, *, for_input: bool = True) -> str:
    if isinstance(type_, Primitive):
        return type_.name
    if isinstance(type_, LiteralOf):
        return "Literal[" + ", ".join(python_literal(v) for v in type_.values) + "]"
    if isinstance(type_, NamedType):
        return type_.name
    if isinstance(type_, FileUpload):
        return "FileTypes"
    if isinstance(type_, ListOf):
        container = "Sequence" if for_input else "List"
        return f"{container}[{annotation(type_.item, for_input=for_input)}]"
    if isinstance(type_, MapOf):
        return f"Dict[str, {annotation(type_.value, for_input=for_input)}]"
    members = [m for m in type_.members if m != Primitive("None")]
    inner = annotation(members[0], for_input=for_input) if len(members) == 1 else \
        "Union[" + ", ".join(annotation(m, for_input=for_input) for m in members) + "]"
    return f"Optional[{inner}]" if len(members) != len(type_.members) else inner


def named_types(type_: TypeExpr) -> set[str]:
    """Names an annotation refers to in `types` (to import them)."""
    if isinstance(type_, NamedType):
        return {type_.name}
    if isinstance(type_, ListOf):
        return named_types(type_.item)
    if isinstance(type_, MapOf):
        return named_types(type_.value)
    if isinstance(type_, UnionOf):
        return set().union(*(named_types(m) for m in type_.members))
    return set()
