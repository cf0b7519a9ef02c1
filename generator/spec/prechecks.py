"""Checks that run before the OpenAPI validator, because they can name the exact place.

The validator reports some faults at the document root or relative to a sub-schema, or stops at
the first bad reference; these walk the whole spec once and report every broken `$ref`, unknown
schema `type` (errors) and duplicate operationId (a warning) where it stands. They are the only
place these three are checked.

The walk knows the document's shape: it enters schemas only through the JSON Schema keywords
that hold schemas, and never enters data (`example`, `examples`, `default`, `enum`, `const`,
extensions), so a `type` or `$ref` key inside an example payload is data, as it should be.
"""

from __future__ import annotations

from typing import Any, Iterator

from ..errors import Problem, SpecError, pointer_join
from .loading import LoadedSpec
from .refs import RefResolver, operations

# The `type` values JSON Schema knows, and the Python values of each.
JSON_TYPES: dict[str, type | tuple[type, ...]] = {
    "string": str, "integer": int, "number": (int, float), "boolean": bool, "array": list, "object": dict,
    "null": type(None)}
KNOWN_TYPES = frozenset(JSON_TYPES)

# JSON Schema keywords whose value is a schema, a list of schemas, or a map of named schemas.
ONE_SCHEMA = ("items", "additionalProperties", "not", "contains", "if", "then", "else", "propertyNames",
               "unevaluatedItems", "unevaluatedProperties", "additionalItems")
SCHEMA_LIST = ("allOf", "anyOf", "oneOf", "prefixItems", "items")
SCHEMA_MAP = ("properties", "patternProperties", "$defs", "definitions", "dependentSchemas")
# Keys of the document whose values are data, never schemas or references.
DATA_KEYS = frozenset({"example", "examples", "default", "enum", "const"})


def precheck(spec: LoadedSpec) -> list[Problem]:
    """Raise SpecError for every broken `$ref` and unknown `type`; return the warnings (a duplicate
    operationId: its operations are still methods, named apart where they would share a name)."""
    problems = list(_node_problems(spec))
    if problems:
        raise SpecError(problems)
    return list(_operation_ids(spec))


def schema_nodes(schema: Any, pointer: str) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every schema inside `schema` (itself included), by JSON Schema's keywords only."""
    stack = [(pointer, schema)]
    while stack:
        at, node = stack.pop()
        if not isinstance(node, dict):
            continue
        yield at, node
        for key in ONE_SCHEMA:
            if isinstance(node.get(key), dict):
                stack.append((pointer_join(at, key), node[key]))
        for key in SCHEMA_LIST:
            if isinstance(node.get(key), list):
                stack.extend((pointer_join(at, key, i), s) for i, s in enumerate(node[key]))
        for key in SCHEMA_MAP:
            if isinstance(node.get(key), dict):
                stack.extend((pointer_join(at, key, name), s) for name, s in node[key].items())


def document_nodes(spec: LoadedSpec) -> Iterator[tuple[str, Any, bool]]:
    """(pointer, node, is_schema) for every node of the document that is not data."""
    stack: list[tuple[str, Any]] = [("", spec.data)]
    while stack:
        at, node = stack.pop()
        yield at, node, False
        items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
        for key, value in items:
            if isinstance(key, str) and (key in DATA_KEYS or key.startswith("x-")):
                continue
            child = pointer_join(at, key)
            if key == "schema" and isinstance(value, dict) or at == "/components/schemas":
                yield from ((p, n, True) for p, n in schema_nodes(value, child))
            elif isinstance(value, (dict, list)):
                stack.append((child, value))


def _node_problems(spec: LoadedSpec) -> Iterator[Problem]:
    """In one walk of the document: references that lead nowhere, and schema types that do not exist."""
    resolver = RefResolver(spec)
    for pointer, node, is_schema in document_nodes(spec):
        if isinstance(node, dict) and isinstance(node.get("$ref"), str):
            at = pointer_join(pointer, "$ref")
            try:
                target = resolver.lookup(resolver.target(node["$ref"], at), at)
            except SpecError as exc:
                yield from exc.problems
            else:
                loop = _only_references(resolver, node, at) if is_schema and _is_bare(target) else None
                if loop is not None:
                    yield spec.problem(at, f"refers only to itself, through {loop}: a schema that is nothing but "
                                           "references has no type")
        if is_schema:
            kinds = node.get("type")
            if kinds == []:
                yield spec.problem(pointer_join(pointer, "type"), "an empty list of types allows no value; "
                                   "leave `type` out for any value")
            for kind in kinds if isinstance(kinds, list) else [kinds] if kinds is not None else []:
                if not isinstance(kind, str) or kind not in KNOWN_TYPES:
                    yield spec.problem(pointer_join(pointer, "type"),
                                       f"unknown type {kind!r}; expected one of {', '.join(sorted(KNOWN_TYPES))}")


def _is_bare(node: Any) -> bool:
    """A schema that is a `$ref` and nothing that gives a type (annotations aside)."""
    return isinstance(node, dict) and "$ref" in node and not any(
        key in node for key in ("type", "properties", "items", "allOf", "anyOf", "oneOf", "enum", "const"))


def _only_references(resolver: RefResolver, node: dict[str, Any], at: str) -> str | None:
    """The chain of `$ref`s when following them from `node` comes back to where it went before
    without meeting a schema of its own (`A: {$ref: A}`), else None."""
    seen: list[str] = []
    while _is_bare(node):
        try:
            target = resolver.target(node["$ref"], at)
            node = resolver.lookup(target, at)
        except SpecError:
            return None  # reported where it stands
        if target in seen:
            return " → ".join([*seen[seen.index(target):], target])
        seen.append(target)
    return None


def _operation_ids(spec: LoadedSpec) -> Iterator[Problem]:
    first: dict[str, str] = {}
    paths = spec.data.get("paths")
    if not isinstance(paths, dict):
        return
    for path, item in paths.items():
        if not isinstance(item, dict):
            continue
        for method, op in operations(item):
            op_id = op.get("operationId")
            if not isinstance(op_id, str):
                continue
            pointer = pointer_join("/paths", path, method, "operationId")
            if op_id in first:
                yield spec.problem(pointer, f"duplicate operationId {op_id!r}; first used at {first[op_id]} (each "
                                            "should be unique; where the two would be one method, this one's "
                                            "name gets a number)")
            else:
                first[op_id] = pointer
