"""JSON Schemas as typed, located nodes: what `ir/types.py` reads instead of the raw document.

A `Schema` holds every keyword the IR reads, already checked: `type` as a tuple, `enum` and
`const` as values, each sub-schema (`items`, `properties`, `allOf`...) as a node of its own, and
a `$ref` as the pointer it leads to. A reference is not followed when the node is made, so a
schema may refer to itself or to a schema that refers back: `SchemaGraph.at(pointer)` gives the
node standing at a pointer, each made once and kept. What a node gets wrong (an `enum` that is
not a list, a `$ref` that leads nowhere, a schema that is not a mapping) is a located problem kept
on the node, which the IR raises where it reads that node, so a broken schema nobody uses stops
nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterator

from ..errors import Problem, SpecError, pointer_join, pointer_parts
from .loading import LoadedSpec
from .prechecks import ONE_SCHEMA, SCHEMA_LIST, SCHEMA_MAP, document_nodes
from .refs import MISSING, RefResolver, schema_pointer

# The keywords that narrow a value without changing its Python type (formats that do change the
# type, such as `date-time`, are constraints too: a new format refuses text that passed before).
CONSTRAINT_KEYWORDS = ("exclusiveMaximum", "exclusiveMinimum", "format", "maxItems", "maxLength", "maximum",
                       "minItems", "minLength", "minimum", "multipleOf", "pattern", "uniqueItems")
CLASS_NAME_EXTENSION = "x-python-class-name"
_ABSENT = object()


@dataclass(frozen=True, eq=False)
class Schema:
    """One schema of the document, where it stands (`pointer`), with its keywords read.

    `keys` are the keywords the schema gives (a test such as "has properties at all" reads them);
    `mapping` is false for the schema `true` (and for one that is no schema at all); `is_any` is
    `true` or `{}`; `problems` are what is wrong with the node itself."""

    pointer: str
    keys: frozenset[str] = frozenset()
    mapping: bool = True
    is_any: bool = False
    ref: str | None = None  # the pointer a `$ref` leads to
    recursive_ref: bool = False  # `$recursiveRef: "#"` (2019-09's self-reference)
    types: tuple[str, ...] = ()
    type_is_list: bool = False
    nullable: bool = False  # `nullable: true`, OpenAPI 3.0's spelling
    enum: tuple[Any, ...] | None = None
    const: Any = _ABSENT
    format: str | None = None
    items: Schema | None = None
    properties: tuple[tuple[str, Schema], ...] = ()
    required: frozenset[str] = frozenset()
    additional: Schema | None = None  # `additionalProperties` when it is a schema with keywords
    all_of: tuple[Schema, ...] | None = None
    any_of: tuple[Schema, ...] | None = None
    one_of: tuple[Schema, ...] | None = None
    discriminator: str | None = None  # the tag's property name
    description: str = ""
    default: Any = _ABSENT
    class_name: Any = None  # `x-python-class-name`, as given (checked where the class is named)
    deprecated: bool = False
    read_only: bool = False  # `readOnly: true`: the server's to send, never the client's
    write_only: bool = False  # `writeOnly: true`: the client's to send; an answer may leave it out
    constraints: tuple[tuple[str, Any], ...] = ()
    others: tuple[Schema, ...] = field(default=())  # sub-schemas of keywords the IR does not read (`not`...)
    problems: tuple[Problem, ...] = ()
    notes: tuple[Problem, ...] = ()  # what is amiss but readable: warnings, given where the IR reads the node

    @property
    def has_const(self) -> bool:
        return self.const is not _ABSENT

    @property
    def has_default(self) -> bool:
        return self.default is not _ABSENT

    @property
    def single_type(self) -> str | None:
        """`type` when it is one name, not a list."""
        return self.types[0] if self.types and not self.type_is_list else None

    @property
    def is_null(self) -> bool:
        """`{type: "null"}`: how 3.1 spells the None member of a union."""
        return self.single_type == "null"

    def union_members(self) -> tuple[Schema, ...] | None:
        """The members of its `anyOf` (else its `oneOf`), or None when it is no union."""
        return self.any_of if self.any_of is not None else self.one_of

    def children(self) -> Iterator[Schema]:
        """Every sub-schema, by JSON Schema's keywords (a `$ref` is not followed)."""
        if self.items is not None:
            yield self.items
        yield from (schema for _, schema in self.properties)
        if self.additional is not None:
            yield self.additional
        for members in (self.all_of, self.any_of, self.one_of):
            yield from members or ()
        yield from self.others


class SchemaGraph:
    """The schemas of one loaded spec, each parsed once, on first use, by pointer."""

    def __init__(self, spec: LoadedSpec) -> None:
        self.spec = spec
        self.resolver = RefResolver(spec)
        self._nodes: dict[str, Schema] = {}
        components = spec.data.get("components")
        schemas = components.get("schemas") if isinstance(components, dict) else None
        self.component_names: tuple[str, ...] = tuple(sorted(schemas)) if isinstance(schemas, dict) else ()

    def at(self, pointer: str) -> Schema:
        """The schema standing at `pointer` (a missing one is a node with that problem)."""
        node = self._nodes.get(pointer)
        if node is None:
            raw = self.resolver.find(pointer_parts(pointer))
            if raw is MISSING:
                node = Schema(pointer, problems=(self.spec.problem(pointer, "nothing is there"),))
                self._nodes[pointer] = node
            else:
                node = self.parse(raw, pointer)
        return node

    def component(self, name: str) -> Schema:
        return self.at(schema_pointer(name))

    def parse(self, raw: Any, pointer: str) -> Schema:
        """The node of the raw schema `raw` standing at `pointer` (made once; later calls reuse it)."""
        known = self._nodes.get(pointer)
        if known is not None:
            return known
        node = self._parse(raw, pointer)
        self._nodes[pointer] = node
        return node

    def deref(self, schema: Schema) -> Schema:
        """Follow `schema` through any chain of `$ref`s to the schema that is no reference."""
        seen: list[str] = []
        while schema.ref is not None:
            if schema.ref in seen:
                raise SpecError([self.spec.problem(pointer_join(schema.pointer, "$ref"),
                                                   "reference cycle: " + " -> ".join(["#" + s for s in seen]))])
            seen.append(schema.ref)
            schema = self.at(schema.ref)
            if schema.problems:
                raise SpecError(list(schema.problems))
        return schema

    def discriminated(self) -> Iterator[Schema]:
        """Every schema of the document (components and operations alike) that has a discriminator."""
        for pointer, raw, is_schema in document_nodes(self.spec):
            if is_schema and isinstance(raw.get("discriminator"), dict):
                schema = self.parse(raw, pointer)
                if schema.discriminator is not None:
                    yield schema

    # ---- reading one node ----

    def _parse(self, raw: Any, pointer: str) -> Schema:
        if isinstance(raw, bool):  # `false` as `true`: structure.py warns of it
            return Schema(pointer, mapping=False, is_any=True)
        if not isinstance(raw, dict):
            return Schema(pointer, mapping=False, problems=(self.spec.problem(pointer, "a schema must be a mapping"),))
        problems: list[Problem] = []
        notes: list[Problem] = []
        ref = None
        if "$ref" in raw:
            at = pointer_join(pointer, "$ref")
            try:
                ref = self.resolver.target(raw["$ref"], at)
                self.resolver.lookup(ref, at)
            except SpecError as exc:
                problems.extend(exc.problems)
                ref = None
        kinds = raw.get("type")
        types = tuple(k for k in kinds if isinstance(k, str)) if isinstance(kinds, list) else \
            (kinds,) if isinstance(kinds, str) else ()
        return Schema(
            pointer=pointer,
            keys=frozenset(k for k in raw if isinstance(k, str)),
            is_any=not raw,
            ref=ref,
            recursive_ref=raw.get("$recursiveRef") == "#",
            types=types,
            type_is_list=isinstance(kinds, list),
            nullable=raw.get("nullable") is True,
            enum=self._enum(raw, pointer, problems, notes),
            const=raw.get("const", _ABSENT),
            format=raw["format"] if isinstance(raw.get("format"), str) else None,
            items=self._one(raw, "items", pointer),
            properties=tuple((name, self.parse(sub, pointer_join(pointer, "properties", name)))
                             for name, sub in raw["properties"].items()) if isinstance(raw.get("properties"), dict)
            else (),
            required=frozenset(r for r in raw["required"] if isinstance(r, str))
            if isinstance(raw.get("required"), list) else frozenset(),
            additional=self._one(raw, "additionalProperties", pointer)
            if isinstance(raw.get("additionalProperties"), dict) and raw["additionalProperties"] else None,
            all_of=self._list(raw, "allOf", pointer, problems),
            any_of=self._list(raw, "anyOf", pointer, problems),
            one_of=self._list(raw, "oneOf", pointer, problems),
            discriminator=_discriminator(raw),
            description=raw["description"] if isinstance(raw.get("description"), str) else "",
            default=raw.get("default", _ABSENT),
            class_name=raw.get(CLASS_NAME_EXTENSION),
            deprecated=raw.get("deprecated") is True,
            read_only=raw.get("readOnly") is True,
            write_only=raw.get("writeOnly") is True,
            constraints=tuple((key, raw[key]) for key in CONSTRAINT_KEYWORDS
                              if key in raw and isinstance(raw[key], (str, int, float, bool))),
            others=tuple(self._others(raw, pointer)),
            problems=tuple(problems),
            notes=tuple(notes),
        )

    def _one(self, raw: dict[str, Any], key: str, pointer: str) -> Schema | None:
        if key not in raw:
            return None
        return self.parse(raw[key], pointer_join(pointer, key))

    def _list(self, raw: dict[str, Any], key: str, pointer: str, problems: list[Problem]) -> tuple[Schema, ...] | None:
        if key not in raw:
            return None
        members = raw[key]
        if not isinstance(members, list):
            problems.append(self.spec.problem(pointer_join(pointer, key), "must be a list"))
            return None
        return tuple(self.parse(m, pointer_join(pointer, key, i)) for i, m in enumerate(members))

    def _enum(self, raw: dict[str, Any], pointer: str, problems: list[Problem],
              notes: list[Problem]) -> tuple[Any, ...] | None:
        if "enum" not in raw:
            return None
        values = raw["enum"]
        if not isinstance(values, list) or not values:
            problems.append(self.spec.problem(pointer_join(pointer, "enum"), "must be a non-empty list"))
            return None
        if any(isinstance(value, (dict, list)) for value in values):  # JSON Schema allows any value
            notes.append(self.spec.problem(pointer_join(pointer, "enum"), "an enum of objects or lists: its values "
                                                                          "are not checked, the schema's type stands"))
            return None  # no Literal can spell them
        return tuple(values)

    def _others(self, raw: dict[str, Any], pointer: str) -> Iterator[Schema]:
        """The sub-schemas of the keywords read nowhere else, so a walk of the graph meets them too."""
        for key in ONE_SCHEMA:
            if key not in ("items", "additionalProperties") and isinstance(raw.get(key), dict):
                yield self.parse(raw[key], pointer_join(pointer, key))
        for key in SCHEMA_LIST:
            if key not in ("allOf", "anyOf", "oneOf", "items") and isinstance(raw.get(key), list):
                yield from (self.parse(s, pointer_join(pointer, key, i)) for i, s in enumerate(raw[key]))
        for key in SCHEMA_MAP:
            if key != "properties" and isinstance(raw.get(key), dict):
                yield from (self.parse(s, pointer_join(pointer, key, name)) for name, s in raw[key].items())


def _discriminator(raw: dict[str, Any]) -> str | None:
    disc = raw.get("discriminator")
    tag = disc.get("propertyName") if isinstance(disc, dict) else None
    return tag if isinstance(tag, str) else None

