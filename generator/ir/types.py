"""Turn a JSON Schema node into an IR type expression.

Rules worth knowing:
- every nullable spelling gives a union with None: `nullable: true`, `type: [X, "null"]`,
  `anyOf`/`oneOf` with a `{type: "null"}` member, `null` in an `enum`;
- `enum` and `const` (and one-value enums) give `Literal[...]`; `anyOf [string, enum]` is
  an open enum, `Union[str, Literal[...]]`;
- a `$ref` to a component that is an object, an enum or a tagged union stays a named type
  (it is emitted in `types`); a `$ref` to anything else (an int with bounds, an open enum)
  is inlined, so signatures read `Optional[int]` rather than an alias.
"""

from __future__ import annotations

from typing import Any, Callable

from ..errors import GeneratorBug, SpecError, pointer_join
from ..spec.refs import RefResolver, ref_schema_name, schema_name
from .nodes import FileUpload, ListOf, LiteralOf, MapOf, NamedType, Primitive, TypeExpr, UnionOf

NONE = Primitive("None")
ANY = Primitive("object")
_SCALARS = {"string": Primitive("str"), "integer": Primitive("int"), "number": Primitive("float"),
            "boolean": Primitive("bool"), "null": NONE}


def is_named_schema(schema: Any) -> bool:
    """Whether a component schema becomes a named type in `types` (see module docstring)."""
    if not isinstance(schema, dict):
        return False
    if "enum" in schema or "const" in schema or "discriminator" in schema:
        return True
    if "properties" in schema or schema.get("type") == "object" or "allOf" in schema:
        return True
    return False


def union(members: list[TypeExpr]) -> TypeExpr:
    """Flatten, de-duplicate (keeping first place) and put None last."""
    flat: list[TypeExpr] = []
    for member in members:
        for m in member.members if isinstance(member, UnionOf) else (member,):
            if m not in flat:
                flat.append(m)
    if NONE in flat:
        flat.remove(NONE)
        flat.append(NONE)
    literals = [m for m in flat if isinstance(m, LiteralOf)]
    if len(literals) > 1:  # Literal["a"] | Literal["b"] reads better merged
        merged = LiteralOf(tuple(v for lit in literals for v in lit.values))
        flat = [m for m in flat if not isinstance(m, LiteralOf)]
        flat.insert(0, merged)
    return flat[0] if len(flat) == 1 else UnionOf(tuple(flat))


def recursive_schemas(schemas: Any) -> set[str]:
    """Component schemas that refer back to themselves, directly or through others.

    They are always named types, even when they would otherwise be inlined (a recursive
    alias cannot be written out inline).
    """
    if not isinstance(schemas, dict):
        return set()
    edges: dict[str, set[str]] = {}
    for name, schema in schemas.items():
        found: set[str] = set()
        stack = [schema]
        while stack:
            node = stack.pop()
            if isinstance(node, dict):
                target = ref_schema_name(node.get("$ref"))
                if target is not None:
                    found.add(target)
                stack.extend(node.values())
            elif isinstance(node, list):
                stack.extend(node)
        edges[name] = found
    recursive = set()
    for start in edges:
        seen, stack = set(), list(edges[start])
        while stack:
            current = stack.pop()
            if current == start:
                recursive.add(start)
                break
            if current not in seen:
                seen.add(current)
                stack.extend(edges.get(current, ()))
    return recursive


class TypeConverter:
    def __init__(self, resolver: RefResolver, name_of: Callable[[str], str]) -> None:
        self.resolver = resolver
        self.name_of = name_of  # schema name → Python class name
        self.referenced: set[str] = set()  # schema names used as named types
        schemas = (resolver.spec.data.get("components") or {}).get("schemas")
        self.recursive = recursive_schemas(schemas)

    def convert(self, schema: Any, pointer: str) -> TypeExpr:
        if not isinstance(schema, dict):
            if schema is True or schema == {}:
                return ANY
            raise SpecError([self.resolver.spec.problem(pointer, "a schema must be a mapping")])
        nullable = schema.get("nullable") is True
        base = self._convert_non_null(schema, pointer)
        return union([base, NONE]) if nullable else base

    def convert_inline(self, schema: Any, pointer: str) -> TypeExpr:
        """Like convert(), but a component's own body: never the named type it defines."""
        if not isinstance(schema, dict):
            return self.convert(schema, pointer)
        base = self._convert_non_null(schema, pointer)
        return union([base, NONE]) if schema.get("nullable") is True else base

    def _convert_non_null(self, schema: dict[str, Any], pointer: str) -> TypeExpr:
        if "$ref" in schema:
            return self._convert_ref(schema, pointer)
        if "const" in schema:
            return LiteralOf((schema["const"],))
        if "enum" in schema:
            return self._convert_enum(schema, pointer)
        for key in ("anyOf", "oneOf"):
            if key in schema:
                members = schema[key]
                if not isinstance(members, list):
                    raise SpecError([self.resolver.spec.problem(pointer_join(pointer, key), "must be a list")])
                return union([self.convert(m, pointer_join(pointer, key, i)) for i, m in enumerate(members)])
        if "allOf" in schema:
            parts = schema["allOf"]
            if isinstance(parts, list) and len(parts) == 1:
                return self.convert(parts[0], pointer_join(pointer, "allOf", 0))
            return MapOf(ANY)
        kind = schema.get("type")  # a known one: the prechecks saw every schema
        if isinstance(kind, list):
            return union([self._convert_typed(schema, k, pointer) for k in kind])
        if kind is None:
            if "properties" in schema:
                return MapOf(ANY)
            if "items" in schema:
                return self._convert_typed(schema, "array", pointer)
            return ANY
        return self._convert_typed(schema, kind, pointer)

    def _convert_typed(self, schema: dict[str, Any], kind: str, pointer: str) -> TypeExpr:
        if kind == "string" and schema.get("format") == "binary":
            return FileUpload()
        if kind == "array":
            items = schema.get("items", {})
            return ListOf(self.convert(items, pointer_join(pointer, "items")))
        if kind == "object":
            extra = schema.get("additionalProperties")
            if isinstance(extra, dict) and extra and "properties" not in schema:
                return MapOf(self.convert(extra, pointer_join(pointer, "additionalProperties")))
            return MapOf(ANY)
        if kind not in _SCALARS:
            raise GeneratorBug(f"{pointer}: type {kind!r} reached the IR; the prechecks should have refused it")
        return _SCALARS[kind]

    def _convert_enum(self, schema: dict[str, Any], pointer: str) -> TypeExpr:
        values = schema["enum"]
        if not isinstance(values, list) or not values:
            raise SpecError([self.resolver.spec.problem(pointer_join(pointer, "enum"), "must be a non-empty list")])
        present = [v for v in values if v is not None]
        for i, v in enumerate(values):
            if isinstance(v, (dict, list)) or isinstance(v, float):
                raise SpecError([self.resolver.spec.problem(
                    pointer_join(pointer, "enum", i), "enum values must be strings, integers, booleans or null")])
        members: list[TypeExpr] = [LiteralOf(tuple(dict.fromkeys(present)))] if present else []
        if len(present) != len(values):
            members.append(NONE)
        return union(members)

    def _convert_ref(self, schema: dict[str, Any], pointer: str) -> TypeExpr:
        at = pointer_join(pointer, "$ref")
        target = self.resolver.target(schema["$ref"], at)
        node = self.resolver.lookup(target, at)
        name = schema_name(target)
        if name is not None and (is_named_schema(node) or name in self.recursive):
            self.referenced.add(name)
            return NamedType(self.name_of(name))
        resolved, resolved_pointer = self.resolver.deref(schema, pointer)
        return self.convert(resolved, resolved_pointer)


def file_kind(type_: TypeExpr) -> str:
    """How a multipart argument carries uploads: "none", "single", "list" or "single_or_list"."""
    members = type_.members if isinstance(type_, UnionOf) else (type_,)
    single = any(isinstance(m, FileUpload) for m in members)
    many = any(isinstance(m, ListOf) and isinstance(m.item, FileUpload) for m in members)
    if single and many:
        return "single_or_list"
    return "single" if single else "list" if many else "none"


def accepts_bool(type_: TypeExpr) -> bool:
    members = type_.members if isinstance(type_, UnionOf) else (type_,)
    return Primitive("bool") in members or any(
        isinstance(m, LiteralOf) and any(isinstance(v, bool) for v in m.values) for m in members)
