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

import dataclasses
import json
from dataclasses import dataclass
from typing import Callable, Iterable, TypeVar

from ..errors import GeneratorBug, Problem, SpecError, pointer_join
from ..spec.refs import schema_name
from ..spec.schemas import CLASS_NAME_EXTENSION, Schema, SchemaGraph
from .helpers import HELPERS
from .naming import MODEL_CLASS_RESERVED, class_name
from .nodes import Constraints, FileKind, FileUpload, ListOf, LiteralOf, MapOf, NamedType, Primitive, TypeExpr, UnionOf

NONE = Primitive("None")
ANY = Primitive("Any")
_SCALARS = {"string": Primitive("str"), "integer": Primitive("int"), "number": Primitive("float"),
            "boolean": Primitive("bool"), "null": NONE}
_STRING_FORMATS = {"date-time": Primitive("datetime"), "date": Primitive("date"), "time": Primitive("time"),
                   "uuid": Primitive("UUID")}


T = TypeVar("T")


def distinct_values(values: Iterable[T]) -> tuple[T, ...]:
    """`values` without repeats, in order; `True` and `1` (equal in Python) are two values."""
    return tuple({(type(v), v): v for v in values}.values())


def _huge(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and not -(2**63) <= value < 2**63


_RESERVED = MODEL_CLASS_RESERVED | frozenset(HELPERS)  # class names no model takes


@dataclass(frozen=True)
class NamedSchema:
    """A schema that is a class or alias in `types`: its name, and the schema."""

    name: str
    schema: Schema

    @property
    def pointer(self) -> str:
        return self.schema.pointer


# Keywords that say something about a value without being a type: an `allOf` part made of these
# alone (`{nullable: true}`, `{description: ...}`) adds no fields to the part beside it.
_ANNOTATIONS = frozenset({"nullable", "description", "title", "default", "example", "examples", "readOnly",
                          "writeOnly", "deprecated", "externalDocs", "xml"})


def single_part(schema: Schema) -> tuple[int, bool] | None:
    """For `allOf: [{$ref: X}, {nullable: true}]` and its kin (one real part, the others only
    annotations): the real part's index (-1: there is none, anything goes), and whether a part
    or the schema makes it nullable. None for an allOf that merges several parts, or no allOf."""
    parts = schema.all_of
    if parts is None or schema.properties or schema.single_type == "object":
        return None
    real = [i for i, part in enumerate(parts) if not (part.mapping and all(
        key in _ANNOTATIONS or key.startswith("x-") for key in part.keys))]
    if len(real) > 1:
        return None
    nullable = schema.nullable or any(part.nullable for part in parts)
    return (real[0] if real else -1), nullable


def is_object_schema(schema: Schema) -> bool:
    """An object with fields (or allOf parts merged into one): a model class."""
    if not schema.mapping or schema.keys & {"anyOf", "oneOf", "enum", "const"}:
        return False
    if single_part(schema) is not None:
        return False  # one part, and annotations: that part's type
    return schema.single_type == "object" or bool(schema.keys & {"properties", "allOf"})


def is_named_component(schema: Schema) -> bool:
    """Whether a component schema becomes a named type in `types` (see the module docstring)."""
    return schema.mapping and (bool(schema.keys & {"enum", "const", "discriminator"}) or is_object_schema(schema))


def is_named_inline(schema: Schema) -> bool:
    """Whether an inline schema is hoisted into a named type: an object with properties, an allOf
    of several parts, a tagged union, or a closed set of two or more values (a name keeps each one
    type wherever it is used, and keeps an enum's values in one place: one more size is one line)."""
    if not schema.mapping or "$ref" in schema.keys:
        return False
    unions = schema.keys & {"anyOf", "oneOf"}
    if "discriminator" in schema.keys and unions:
        return True
    if schema.enum is not None and not unions:
        return len({json.dumps(v) for v in schema.enum if v is not None}) >= 2
    if not is_object_schema(schema):
        return False
    return bool(schema.properties) or (schema.all_of is not None and len(schema.all_of) > 1)


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
        merged = LiteralOf(distinct_values(v for lit in literals for v in lit.values))
        flat = [m for m in flat if not isinstance(m, LiteralOf)]
        flat.insert(0, merged)
    return flat[0] if len(flat) == 1 else UnionOf(tuple(flat))


def recursive_schemas(graph: SchemaGraph) -> set[str]:
    """Component schemas that refer back to themselves, directly or through others.

    They are always named types, even when they would otherwise be inlined (a recursive
    alias cannot be written out inline).
    """
    edges: dict[str, set[str]] = {}
    for name in graph.component_names:
        found: set[str] = set()
        nodes = [graph.component(name)]
        while nodes:
            node = nodes.pop()
            target = schema_name(node.ref) if node.ref is not None else None
            if target is not None:
                found.add(target)
            if node.recursive_ref:
                found.add(name)
            nodes.extend(node.children())
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


@dataclass(frozen=True)
class SchemaShapes:
    """What the type rules need to know of the whole document, found once."""

    recursive: frozenset[str]  # component schemas that refer back to themselves
    tag_fields: frozenset[str]  # where the tag property of each member of each tagged union stands

    @classmethod
    def of(cls, graph: SchemaGraph) -> SchemaShapes:
        return cls(frozenset(recursive_schemas(graph)), frozenset(tag_fields(graph)))


class TypeConverter:
    """Schema → type, for the builder; collects the named schemas (and naming problems) it meets.

    `inline_name(pointer)` gives the class name of an inline schema from where it stands. Warnings
    go to `warnings`, the builder's list when it gives one (so they keep the order they were met in).
    """

    def __init__(self, graph: SchemaGraph, shapes: SchemaShapes, inline_name: Callable[[str], str],
                 renamed: dict[str, str] | None = None, warnings: list[Problem] | None = None) -> None:
        self.graph = graph
        self.spec = graph.spec
        self.inline_name = inline_name
        self.renamed = renamed or {}  # pointer → the class name a clash gave it (see `clash_renames`)
        self.problems: list[Problem] = []
        self.warnings = [] if warnings is None else warnings
        self.named: dict[str, NamedSchema] = {}  # pointer → the named schema standing there
        self.owners: dict[str, str] = {}  # class name → the pointer of the schema that has it
        self.chosen: set[str] = set()  # pointers whose class name the spec chose (x-python-class-name)
        self.clashes: dict[str, set[str]] = {}  # a class name two schemas would have → their pointers
        self.pending: list[NamedSchema] = []  # named schemas met whose models are still to be built
        self.recursive = shapes.recursive
        self.tag_fields = shapes.tag_fields  # kept Literal: a union tells its members by them
        self.component_names: dict[str, str] = {}  # only the components that are types of their own
        for name in graph.component_names:
            schema = graph.component(name)
            if is_named_component(schema) or name in self.recursive:
                self.component_names[name] = self._claim(schema, class_name(name))

    def _claim(self, schema: Schema, derived: str) -> str:
        """The class name of `schema` (its extension's, else `derived`), claimed once.

        Two schemas that would share a name are a clash, never an error: the first build notes it
        (with a stand-in name) and `clash_renames` decides, from the pointers alone, who keeps the
        name, so that the second build names every class whatever order it meets them in. Only two
        names both chosen with x-python-class-name are the spec's own contradiction, an error."""
        pointer, chosen = schema.pointer, schema.class_name
        name = chosen if isinstance(chosen, str) and chosen.isidentifier() and chosen[:1].isupper() else derived
        if isinstance(chosen, str) and name != chosen:
            self.problems.append(self.spec.problem(pointer_join(pointer, CLASS_NAME_EXTENSION),
                                                   f"{chosen!r} is not a capitalised Python identifier"))
        elif name == chosen and name in _RESERVED:
            self.problems.append(self.spec.problem(pointer_join(pointer, CLASS_NAME_EXTENSION),
                                                   f"{chosen!r} is a name the generated modules import; "
                                                   "choose another"))
        while name != chosen and name in _RESERVED:
            name += "Model"  # a `Field` schema is the class `FieldModel`
        if name == chosen:
            self.chosen.add(pointer)
        elif pointer in self.renamed:
            self.warnings.append(self.spec.problem(pointer, f"this schema's Python class would be {name!r}, the class "
                                                   f"of another schema; it is {self.renamed[pointer]!r} "
                                                   f"({CLASS_NAME_EXTENSION} names it otherwise)"))
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

    def convert(self, schema: Schema) -> TypeExpr:
        if schema.problems:
            raise SpecError(list(schema.problems))
        if schema.is_any:
            return ANY
        nullable = schema.nullable
        if is_named_inline(schema) and schema.pointer not in self.tag_fields:
            if schema.enum is not None and None in schema.enum:  # the values are named, null not
                schema = dataclasses.replace(schema, enum=tuple(v for v in schema.enum if v is not None))
                nullable = True
            base: TypeExpr = self._name(schema, self.inline_name(schema.pointer))
        else:
            base = self._convert_non_null(schema)
        return union([base, NONE]) if nullable else base

    def convert_body(self, schema: Schema) -> TypeExpr:
        """Like convert(), for a named schema's own body: never the named type it defines."""
        if schema.problems or schema.is_any:
            return self.convert(schema)
        base = self._convert_non_null(schema)
        return union([base, NONE]) if schema.nullable else base

    def _name(self, schema: Schema, derived: str) -> NamedType:
        named = self.named.get(schema.pointer)
        if named is None:
            name = self.component_names.get(schema_name(schema.pointer) or "") or self._claim(schema, derived)
            named = NamedSchema(name, schema)
            self.named[schema.pointer] = named
            self.pending.append(named)
        return NamedType(named.name, is_object_schema(schema) and "discriminator" not in schema.keys)

    def _convert_non_null(self, schema: Schema) -> TypeExpr:
        self.warnings.extend(schema.notes)
        if schema.ref is not None:
            return self._convert_ref(schema.ref, schema)
        if schema.recursive_ref:  # 2019-09's self-reference: the component it stands in
            component = recursive_target(schema.pointer)
            if component is not None:
                return self._convert_ref(component, schema)
        if schema.has_const:
            return LiteralOf((schema.const,))
        if schema.enum is not None:
            return self._convert_enum(schema.enum)
        members = schema.union_members()
        if members is not None:
            return union([self.convert(m) for m in members])
        if schema.all_of is not None:
            single = single_part(schema)
            if single is not None:  # `allOf: [{$ref: X}, {nullable: true}]`: X, perhaps None
                index, nullable = single
                part = self.convert(schema.all_of[index]) if index >= 0 else ANY
                return union([part, NONE]) if nullable else part
            return MapOf(ANY)  # only a named schema's own body reaches here: its model merges the parts
        if schema.type_is_list:  # the types are known ones: the prechecks saw every schema
            return union([self._convert_typed(schema, kind) for kind in schema.types])
        if not schema.types:
            if "properties" in schema.keys:
                return MapOf(ANY)
            if "items" in schema.keys:
                return self._convert_typed(schema, "array")
            return ANY
        return self._convert_typed(schema, schema.types[0])

    def _convert_typed(self, schema: Schema, kind: str) -> TypeExpr:
        if kind == "string":
            if schema.format == "binary":
                return FileUpload()
            return _STRING_FORMATS.get(schema.format or "", _SCALARS["string"])
        if kind == "array":
            return ListOf(self.convert(schema.items) if schema.items is not None else ANY)
        if kind == "object":
            if schema.additional is not None and "properties" not in schema.keys:
                return MapOf(self.convert(schema.additional))
            return MapOf(ANY)
        if kind not in _SCALARS:
            raise GeneratorBug(f"{schema.pointer}: type {kind!r} reached the IR; the prechecks should have refused it")
        return _SCALARS[kind]

    @staticmethod
    def _convert_enum(values: tuple[object, ...]) -> TypeExpr:
        # a Literal cannot hold a float (a set of numbers such as [0.5, 1.5] is a `float`), nor, for
        # mypy, an integer past 64 bits (it is an `int`)
        present = distinct_values(v for v in values if v is not None and not isinstance(v, float) and not _huge(v))
        members: list[TypeExpr] = [LiteralOf(present)] if present else []  # type: ignore[arg-type]
        if any(isinstance(v, float) for v in values):
            members.append(_SCALARS["number"])
        if any(_huge(v) for v in values):
            members.append(_SCALARS["integer"])
        if None in values:
            members.append(NONE)
        return union(members)

    def _convert_ref(self, target: str, schema: Schema) -> TypeExpr:
        """The type of the schema at `target`, which `schema` refers to: a component's named type,
        else the type of what it is."""
        node = self.graph.at(target)
        name = schema_name(target)
        if name is not None and not node.problems and (is_named_component(node) or name in self.recursive):
            return self._name(node, self.component_names[name])
        return self.convert(self.graph.deref(node))


def constraints_of(graph: SchemaGraph, schema: Schema) -> Constraints:
    """The constraint keywords of a parameter's or field's schema, looking through `$ref`s, a
    single `allOf` part and the one non-null member of an `anyOf`/`oneOf` (how specs spell
    "nullable" in 3.1), as the type itself does."""
    seen: set[str] = set()
    while True:
        if schema.ref is not None:
            if schema.pointer in seen:
                return ()
            seen.add(schema.pointer)
            schema = graph.at(schema.ref)
            continue
        if schema.constraints:
            return schema.constraints
        for members in (schema.any_of, schema.one_of, schema.all_of):
            real = [m for m in members or () if not m.is_null]
            if members is not None and len(real) == 1:
                schema = real[0]
                break
        else:
            return ()


def tag_fields(graph: SchemaGraph) -> set[str]:
    """Where the tag property of each member of each tagged union stands."""
    found: set[str] = set()
    for union_schema in graph.discriminated():
        tag = union_schema.discriminator
        stack = [union_schema]
        while stack:
            node = stack.pop()
            for member in (*(node.any_of or ()), *(node.one_of or ())):
                try:
                    target = graph.deref(member)
                except SpecError:
                    continue  # reported by the prechecks
                if not target.mapping or target.problems:
                    continue
                if target.keys & {"anyOf", "oneOf"} and "properties" not in target.keys:
                    stack.append(target)
                    continue
                properties, _ = object_properties(graph, target)
                if tag in properties:
                    found.add(properties[tag].pointer)
    return found


def recursive_target(pointer: str) -> str | None:
    """The component a `$recursiveRef: "#"` at `pointer` refers to (its `$recursiveAnchor`'s)."""
    parts = pointer.split("/")
    return "/".join(parts[:4]) if parts[1:3] == ["components", "schemas"] and len(parts) > 3 else None


def object_properties(graph: SchemaGraph, node: Schema) -> tuple[dict[str, Schema], set[str]]:
    """An object schema's properties and required names, merging `allOf` parts in order."""
    if node.problems:
        raise SpecError(list(node.problems))
    if not node.mapping:
        raise SpecError([graph.spec.problem(node.pointer, "an object schema must be a mapping")])
    properties: dict[str, Schema] = {}
    required: set[str] = set()
    for part in node.all_of or ():
        sub_props, sub_required = object_properties(graph, graph.deref(part))
        properties.update(sub_props)
        required |= sub_required
    properties.update(node.properties)
    required |= node.required
    return properties, required


def allof_conflicts(graph: SchemaGraph, node: Schema) -> list[tuple[str, Schema, Schema]]:
    """Properties that two parts of an object's `allOf` (or a part and the object) type apart, so
    that no value is both (`string` and `integer`): each as (name, the earlier, the later), in the
    order `object_properties` merges them, where the later one's type stands."""
    seen: dict[str, Schema] = {}
    found: list[tuple[str, Schema, Schema]] = []

    def merge(schema: Schema) -> None:
        for part in schema.all_of or ():
            merge(graph.deref(part))
        for name, prop in schema.properties:
            if name in seen and _apart(graph.deref(seen[name]).types, graph.deref(prop).types):
                found.append((name, seen[name], prop))
            seen[name] = prop

    merge(node)
    return found


def _apart(first: tuple[str, ...], second: tuple[str, ...]) -> bool:
    """Whether two `type`s share no value (an absent `type` allows any; an integer is a number)."""
    def widened(types: tuple[str, ...]) -> set[str]:
        return set(types) | ({"number"} if "integer" in types else set()) | \
            ({"integer"} if "number" in types else set())
    return bool(first) and bool(second) and not widened(first) & widened(second)


def union_parts(graph: SchemaGraph, node: Schema) -> list[str]:
    """Where an object's `allOf` (its parts' too) has a union for a part: `oneOf`/`anyOf` with no
    properties of its own, whose members' fields a model cannot have as its own."""
    found: list[str] = []
    for part in node.all_of or ():
        target = graph.deref(part)
        if target.union_members() is not None and not target.properties and not target.all_of:
            found.append(part.pointer)  # where the model names it (its `$ref`, or the union written there)
        elif target.mapping:
            found += union_parts(graph, target)
    return found


def file_kind(type_: TypeExpr) -> FileKind:
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

