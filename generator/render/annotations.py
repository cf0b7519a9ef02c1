"""Spell IR types as Python annotations, the way the generated code writes them.

Arguments are generous where that costs no safety, so that a value read from a response can
always be passed back: `Sequence` for lists (lists and tuples), a model or a plain mapping for
a model-typed argument, and a date, time or UUID either as the object or as its text. Results
are exact: `List`, the model, `datetime`. Files are `FileTypes`; `Optional[X]` for X-or-None;
named types come from the `types` module.
"""

from __future__ import annotations

from ..ir.nodes import FileUpload, ListOf, LiteralOf, MapOf, NamedType, Primitive, TypeExpr, UnionOf
from ..text import python_literal

_AS_TEXT_TOO = frozenset({"datetime", "date", "time", "UUID"})  # sent as their ISO / canonical text


def annotation(type_: TypeExpr, *, for_input: bool = True) -> str:
    if isinstance(type_, UnionOf):
        members = [m for m in type_.members if m != Primitive("None")]
        spelled = list(dict.fromkeys(a for m in members for a in _alternatives(m, for_input)))
        inner = spelled[0] if len(spelled) == 1 else "Union[" + ", ".join(spelled) + "]"
        return f"Optional[{inner}]" if len(members) != len(type_.members) else inner
    spelled = _alternatives(type_, for_input)
    return spelled[0] if len(spelled) == 1 else "Union[" + ", ".join(spelled) + "]"


def _alternatives(type_: TypeExpr, for_input: bool) -> list[str]:
    """What a non-union type accepts, one spelling each: a union's members splice these in, so an
    argument reads `Union[FileTypes, ImageRef, Mapping[str, object]]`, never a Union in a Union."""
    if isinstance(type_, UnionOf):
        return [annotation(type_, for_input=for_input)]
    if isinstance(type_, Primitive):
        if type_.name == "Any":
            return ["object" if for_input else "Any"]
        return ["str", type_.name] if for_input and type_.name in _AS_TEXT_TOO else [type_.name]
    if isinstance(type_, LiteralOf):
        return ["Literal[" + ", ".join(python_literal(v) for v in type_.values) + "]"]
    if isinstance(type_, NamedType):
        return [type_.name, "Mapping[str, object]"] if for_input and type_.is_object else [type_.name]
    if isinstance(type_, FileUpload):
        return ["FileTypes" if for_input else "bytes"]
    if isinstance(type_, ListOf):
        container = "Sequence" if for_input else "List"
        return [f"{container}[{annotation(type_.item, for_input=for_input)}]"]
    if isinstance(type_, MapOf):
        return [f"Dict[str, {annotation(type_.value, for_input=for_input)}]"]
    raise TypeError(f"not a type expression: {type_!r}")


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
