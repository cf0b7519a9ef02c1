"""Turn a JSON Schema node into an IR type expression, naming every class on the way.

This is the one place a schema becomes a Python type: method signatures and models both read
what it decides, so a value read from a response field always fits the request parameter of
the same schema. Rules worth knowing:

- every nullable spelling gives a union with None: `nullable: true`, `type: [X, "null"]`,
  `anyOf`/`oneOf` with a `{type: "null"}` member, `null` in an `enum`;
- `enum` and `const` give `Literal[...]`; `anyOf [string, enum]` is an open enum,
  `Union[str, Literal[...]]`;
- `format` picks a richer type for strings: `date-time` → datetime, `date`, `time`, `uuid` → UUID,
  `binary` → an upload (other formats are documentation and stay `str`);
- a component schema that is an object, an enum or a tagged union is a named type (a class or
  alias in `types`), and so is every *inline* object with properties, inline `allOf` of several
  parts, and inline tagged union: it is named after where it stands (`Thing.tags[]` →
  `ThingTagsItem`, a request body's `meta` → `CreateNoteMeta`, see `naming.inline_class_name`);
  `x-python-class-name` on a schema names it instead. Two schemas may never share a class
  name: that is a located spec error, never a silent `Name1`;
- a `$ref` to anything else (an int with bounds, an open enum) is inlined, so signatures read
  `Optional[int]` rather than an alias; a recursive schema always stays named.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Callable

from ..errors import GeneratorBug, Problem, SpecError, pointer_join
from ..spec.prechecks import document_nodes
from ..spec.refs import RefResolver, ref_schema_name, schema_name, schema_pointer
from .naming import class_name
from .nodes import Constraints, FileUpload, ListOf, LiteralOf, MapOf, NamedType, Primitive, TypeExpr, UnionOf

CLASS_NAME_EXTENSION = "x-python-class-name"
NONE = Primitive("None")
ANY = Primitive("Any")
_SCALARS = {"string": Primitive("str"), "integer": Primitive("int"), "number": Primitive("float"),
            "boolean": Primitive("bool"), "null": NONE}
_STRING_FORMATS = {"date-time": Primitive("datetime"), "date": Primitive("date"), "time": Primitive("time"),
                   "uuid": Primitive("UUID")}


@dataclass(frozen=True)
class NamedSchema:
    """A schema that is a class or alias in `types`: where it stands, and what it is."""

    name: str
    pointer: str
    schema: dict[str, Any]


# Keywords that say something about a value without being a type: an `allOf` part made of these
# alone (`{nullable: true}`, `{description: ...}`) adds no fields to the part beside it.
_ANNOTATIONS = frozenset({"nullable", "description", "title", "default", "example", "examples", "readOnly",
                          "writeOnly", "deprecated", "externalDocs", "xml"})


def single_part(schema: Any) -> tuple[int, bool] | None:
    """For `allOf: [{$ref: X}, {nullable: true}]` and its kin (one real part, the others only
    annotations): the real part's index (-1: there is none, anything goes), and whether a part
    or the schema makes it nullable. None for an allOf that merges several parts, or no allOf."""
    parts = schema.get("allOf") if isinstance(schema, dict) else None
    if not isinstance(parts, list) or schema.get("properties") or schema.get("type") == "object":
        return None
    real = [i for i, part in enumerate(parts) if not (isinstance(part, dict) and all(
        key in _ANNOTATIONS or key.startswith("x-") for key in part))]
    if len(real) > 1:
        return None
    nullable = schema.get("nullable") is True or any(isinstance(p, dict) and p.get("nullable") is True for p in parts)
    return (real[0] if real else -1), nullable


def is_object_schema(schema: Any) -> bool:
    """An object with fields (or allOf parts merged into one): a model class."""
    if not isinstance(schema, dict) or any(k in schema for k in ("anyOf", "oneOf", "enum", "const")):
        return False
    if single_part(schema) is not None:
        return False  # one part, and annotations: that part's type
    return schema.get("type") == "object" or "properties" in schema or "allOf" in schema


def is_named_component(schema: Any) -> bool:
    """Whether a component schema becomes a named type in `types` (see the module docstring)."""
    if not isinstance(schema, dict):
        return False
    return "enum" in schema or "const" in schema or "discriminator" in schema or is_object_schema(schema)


def is_named_inline(schema: Any) -> bool:
    """Whether an inline schema is hoisted into a named type: an object with properties, an allOf
    of several parts, a tagged union, or a closed set of two or more values (a name keeps each one
    type wherever it is used, and keeps an enum's values in one place: one more size is one line)."""
    if not isinstance(schema, dict) or "$ref" in schema:
        return False
    if "discriminator" in schema and ("anyOf" in schema or "oneOf" in schema):
        return True
    if isinstance(schema.get("enum"), list) and "anyOf" not in schema and "oneOf" not in schema:
        return len({json.dumps(v) for v in schema["enum"] if v is not None}) >= 2
    if not is_object_schema(schema):
        return False
    parts = schema.get("allOf")
    return bool(schema.get("properties")) or (isinstance(parts, list) and len(parts) > 1)


def union(members: list[TypeExpr]) -> TypeExpr:
    """Flatten, de-duplicate (keeping first place) and put None last."""
    flat: list[TypeExpr] = []
    for member in members:
        for m in member.members if isinstance(member, UnionOf) else (member,):
            if m not in flat:
                flat.append(m)
    if ANY in flat:  # anything already holds None and every other member: `Optional[Any]` is `Any`
        return ANY
    if NONE in flat:
        flat.remove(NONE)
        flat.append(NONE)
    literals = [m for m in flat if isinstance(m, LiteralOf)]
    if len(literals) > 1:  # Literal["a"] | Literal["b"] reads better merged
        merged = LiteralOf(tuple(dict.fromkeys(v for lit in literals for v in lit.values)))
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
                if node.get("$recursiveRef") == "#":
                    found.add(name)
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
    """Schema → type, for the builder; collects the named schemas (and naming problems) it meets.

    `inline_name(pointer)` gives the class name of an inline schema from where it stands.
    """

    def __init__(self, resolver: RefResolver, inline_name: Callable[[str], str],
                 renamed: dict[str, str] | None = None) -> None:
        self.resolver = resolver
        self.spec = resolver.spec
        self.inline_name = inline_name
        self.renamed = renamed or {}  # pointer → the class name a clash gave it (see `clash_renames`)
        self.problems: list[Problem] = []
        self.named: dict[str, NamedSchema] = {}  # pointer → the named schema standing there
        self.owners: dict[str, str] = {}  # class name → the pointer of the schema that has it
        self.chosen: set[str] = set()  # pointers whose class name the spec chose (x-python-class-name)
        self.clashes: dict[str, set[str]] = {}  # a class name two schemas would have → their pointers
        self.pending: list[NamedSchema] = []  # named schemas met whose models are still to be built
        schemas = (self.spec.data.get("components") or {}).get("schemas")
        self.recursive = recursive_schemas(schemas)
        self.tag_fields = tag_fields(resolver)  # kept Literal: a union tells its members by them
        self.component_names: dict[str, str] = {}  # only the components that are types of their own
        for name in sorted(schemas or {}):
            if is_named_component(schemas[name]) or name in self.recursive:
                self.component_names[name] = self._claim(schema_pointer(name), schemas[name], class_name(name))

    def _claim(self, pointer: str, schema: Any, derived: str) -> str:
        """The class name of the schema at `pointer` (its extension's, else `derived`), claimed once.

        Two schemas that would share a name are a clash, never an error: the first build notes it
        (with a stand-in name) and `clash_renames` decides, from the pointers alone, who keeps the
        name, so that the second build names every class whatever order it meets them in. Only two
        names both chosen with x-python-class-name are the spec's own contradiction, an error."""
        chosen = schema.get(CLASS_NAME_EXTENSION) if isinstance(schema, dict) else None
        name = chosen if isinstance(chosen, str) and chosen.isidentifier() and chosen[:1].isupper() else derived
        if isinstance(chosen, str) and name != chosen:
            self.problems.append(self.spec.problem(pointer_join(pointer, CLASS_NAME_EXTENSION),
                                                   f"{chosen!r} is not a capitalised Python identifier"))
        if name == chosen:
            self.chosen.add(pointer)
        elif pointer in self.renamed:
            self.spec.warn(pointer, f"this schema's Python class would be {name!r}, the class of another schema; "
                                    f"it is {self.renamed[pointer]!r} ({CLASS_NAME_EXTENSION} names it otherwise)")
            name = self.renamed[pointer]
        owner = self.owners.setdefault(name, pointer)
        if owner != pointer:
            if owner in self.chosen and pointer in self.chosen:
                self.problems.append(self.spec.problem(pointer, self._clash(name, owner)))
                return name
            self.clashes.setdefault(name, {owner}).add(pointer)
            return f"{name}_{len(self.owners)}_"  # a stand-in until the second build
        return name

    def clash_renames(self) -> dict[str, str]:
        """For each clash, the pointer → new class name of every schema but the one that keeps the
        name: a name the spec chose, else a component schema before an inline one, then the
        pointers in order. The others get the first free `Name2`, `Name3`..."""
        taken = set(self.owners) | {name for name in self.renamed.values()}
        renames: dict[str, str] = {}
        for name in sorted(self.clashes):
            pointers = sorted(self.clashes[name], key=lambda p: (p not in self.chosen, p.count("/") > 3, p))
            for pointer in pointers[1:]:
                number = 2
                while f"{name}{number}" in taken:
                    number += 1
                renames[pointer] = f"{name}{number}"
                taken.add(renames[pointer])
        return renames

    @staticmethod
    def _clash(name: str, owner: str) -> str:
        other = f"schema {schema_name(owner)!r}" if schema_name(owner) else f"the schema at {owner}"
        return (f"the {CLASS_NAME_EXTENSION} of this schema, {name!r}, is the {CLASS_NAME_EXTENSION} of {other} "
                "already; give one another name")

    # ---- conversion ----

    def convert(self, schema: Any, pointer: str) -> TypeExpr:
        if not isinstance(schema, dict):
            if schema is True or schema == {}:
                return ANY
            raise SpecError([self.spec.problem(pointer, "a schema must be a mapping")])
        nullable = schema.get("nullable") is True
        if is_named_inline(schema) and pointer not in self.tag_fields:
            if isinstance(schema.get("enum"), list) and None in schema["enum"]:  # the values are named, null not
                schema, nullable = {**schema, "enum": [v for v in schema["enum"] if v is not None]}, True
            base: TypeExpr = self._name(pointer, schema, self.inline_name(pointer))
        else:
            base = self._convert_non_null(schema, pointer)
        return union([base, NONE]) if nullable else base

    def convert_body(self, schema: Any, pointer: str) -> TypeExpr:
        """Like convert(), for a named schema's own body: never the named type it defines."""
        if not isinstance(schema, dict):
            return self.convert(schema, pointer)
        base = self._convert_non_null(schema, pointer)
        return union([base, NONE]) if schema.get("nullable") is True else base

    def _name(self, pointer: str, schema: dict[str, Any], derived: str) -> NamedType:
        named = self.named.get(pointer)
        if named is None:
            name = self.component_names.get(schema_name(pointer) or "") or self._claim(pointer, schema, derived)
            named = NamedSchema(name, pointer, schema)
            self.named[pointer] = named
            self.pending.append(named)
        return NamedType(named.name, is_object_schema(schema) and "discriminator" not in schema)

    def _convert_non_null(self, schema: dict[str, Any], pointer: str) -> TypeExpr:
        if "$ref" in schema:
            return self._convert_ref(schema, pointer)
        if schema.get("$recursiveRef") == "#":  # 2019-09's self-reference: the component it stands in
            component = recursive_target(pointer)
            if component is not None:
                return self._convert_ref({"$ref": "#" + component}, pointer)
        if "const" in schema:
            return LiteralOf((schema["const"],))
        if "enum" in schema:
            return self._convert_enum(schema, pointer)
        for key in ("anyOf", "oneOf"):
            if key in schema:
                members = schema[key]
                if not isinstance(members, list):
                    raise SpecError([self.spec.problem(pointer_join(pointer, key), "must be a list")])
                return union([self.convert(m, pointer_join(pointer, key, i)) for i, m in enumerate(members)])
        if "allOf" in schema:
            single = single_part(schema)
            if single is not None:  # `allOf: [{$ref: X}, {nullable: true}]`: X, perhaps None
                index, nullable = single
                part = self.convert(schema["allOf"][index], pointer_join(pointer, "allOf", index)) if index >= 0 \
                    else ANY
                return union([part, NONE]) if nullable else part
            return MapOf(ANY)  # only a named schema's own body reaches here: its model merges the parts
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
        if kind == "string":
            if schema.get("format") == "binary":
                return FileUpload()
            return _STRING_FORMATS.get(schema.get("format"), _SCALARS["string"])  # type: ignore[arg-type]
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
            raise SpecError([self.spec.problem(pointer_join(pointer, "enum"), "must be a non-empty list")])
        for i, v in enumerate(values):
            if isinstance(v, (dict, list)):
                raise SpecError([self.spec.problem(
                    pointer_join(pointer, "enum", i), "enum values must be numbers, strings, booleans or null")])
        # a Literal cannot hold a float: a set of numbers such as [0.5, 1.5] is a `float`
        present = [v for v in values if v is not None and not isinstance(v, float)]
        members: list[TypeExpr] = [LiteralOf(tuple(dict.fromkeys(present)))] if present else []
        if any(isinstance(v, float) for v in values):
            members.append(_SCALARS["number"])
        if None in values:
            members.append(NONE)
        return union(members)

    def _convert_ref(self, schema: dict[str, Any], pointer: str) -> TypeExpr:
        at = pointer_join(pointer, "$ref")
        target = self.resolver.target(schema["$ref"], at)
        node = self.resolver.lookup(target, at)
        name = schema_name(target)
        if name is not None and (is_named_component(node) or name in self.recursive):
            return self._name(target, node, self.component_names[name])
        resolved, resolved_pointer = self.resolver.deref(schema, pointer)
        return self.convert(resolved, resolved_pointer)


# The keywords that narrow a value without changing its Python type (formats that do change the
# type, such as `date-time`, are constraints too: a new format refuses text that passed before).
CONSTRAINT_KEYWORDS = ("exclusiveMaximum", "exclusiveMinimum", "format", "maxItems", "maxLength", "maximum",
                       "minItems", "minLength", "minimum", "multipleOf", "pattern", "uniqueItems")


def constraints_of(resolver: RefResolver, schema: Any, pointer: str) -> Constraints:
    """The constraint keywords of a parameter's or field's schema, looking through `$ref`s, a
    single `allOf` part and the one non-null member of an `anyOf`/`oneOf` (how specs spell
    "nullable" in 3.1), as the type itself does."""
    seen: set[str] = set()
    while isinstance(schema, dict):
        if "$ref" in schema:
            if pointer in seen:
                return ()
            seen.add(pointer)
            try:
                schema, pointer = resolver.deref(schema, pointer)
            except SpecError:
                return ()  # reported where the type is converted
            continue
        found = tuple((key, schema[key]) for key in CONSTRAINT_KEYWORDS
                      if key in schema and isinstance(schema[key], (str, int, float, bool)))
        if found:
            return found
        for key in ("anyOf", "oneOf", "allOf"):
            members = schema.get(key)
            if isinstance(members, list):
                real = [(i, m) for i, m in enumerate(members) if not (isinstance(m, dict) and m.get("type") == "null")]
                if len(real) == 1:
                    schema, pointer = real[0][1], pointer_join(pointer, key, real[0][0])
                    break
        else:
            return ()
    return ()


def tag_fields(resolver: RefResolver) -> set[str]:
    """Where the tag property of each member of each tagged union stands."""
    found: set[str] = set()
    for pointer, node, is_schema in document_nodes(resolver.spec):
        disc = node.get("discriminator") if is_schema else None
        tag = disc.get("propertyName") if isinstance(disc, dict) else None
        if not isinstance(tag, str):
            continue
        stack = [(pointer, node)]
        while stack:
            at, union_node = stack.pop()
            for key in ("anyOf", "oneOf"):
                for i, member in enumerate(union_node.get(key) or []):
                    try:
                        target, target_at = resolver.deref(member, pointer_join(at, key, i))
                    except SpecError:
                        continue  # reported by the prechecks
                    if not isinstance(target, dict):
                        continue
                    if ("anyOf" in target or "oneOf" in target) and "properties" not in target:
                        stack.append((target_at, target))
                        continue
                    properties, _ = object_properties(resolver, target, target_at)
                    if tag in properties:
                        found.add(properties[tag][1])
    return found


def recursive_target(pointer: str) -> str | None:
    """The component a `$recursiveRef: "#"` at `pointer` refers to (its `$recursiveAnchor`'s)."""
    parts = pointer.split("/")
    return "/".join(parts[:4]) if parts[1:3] == ["components", "schemas"] and len(parts) > 3 else None


def object_properties(resolver: RefResolver, node: Any, pointer: str) -> tuple[dict[str, tuple[Any, str]], set[str]]:
    """An object schema's properties (each with the pointer it stands at) and required names,
    merging `allOf` parts in order."""
    if not isinstance(node, dict):
        raise SpecError([resolver.spec.problem(pointer, "an object schema must be a mapping")])
    properties: dict[str, tuple[Any, str]] = {}
    required: set[str] = set()
    for i, part in enumerate(node.get("allOf") or []):
        sub, sub_at = resolver.deref(part, pointer_join(pointer, "allOf", i))
        sub_props, sub_required = object_properties(resolver, sub, sub_at)
        properties.update(sub_props)
        required |= sub_required
    props = node.get("properties") or {}
    if isinstance(props, dict):
        properties.update({wire: (schema, pointer_join(pointer, "properties", wire)) for wire, schema in props.items()})
    req = node.get("required") or []
    if isinstance(req, list):
        required |= {r for r in req if isinstance(r, str)}
    return properties, required


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

