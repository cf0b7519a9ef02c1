"""Checks that run before the OpenAPI validator, because they can name the exact place.

The validator reports some faults at the document root or relative to a sub-schema, or
stops at the first bad reference; these walk the whole spec once and report every broken
`$ref`, unknown schema `type` and duplicate operationId where it stands.
"""

from __future__ import annotations

from typing import Any, Iterator

from ..errors import Problem, SpecError, pointer_join
from .loading import LoadedSpec
from .refs import HTTP_METHODS, RefResolver, schema_pointer

# The `type` values JSON Schema knows.
KNOWN_TYPES = frozenset({"string", "integer", "number", "boolean", "array", "object", "null"})


def precheck(spec: LoadedSpec) -> None:
    problems = [*_references(spec), *_schema_types(spec), *_operation_ids(spec)]
    if problems:
        raise SpecError(problems)


def _walk(node: Any, pointer: str) -> Iterator[tuple[str, Any]]:
    yield pointer, node
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _walk(value, pointer_join(pointer, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _walk(value, pointer_join(pointer, index))


def _references(spec: LoadedSpec) -> Iterator[Problem]:
    resolver = RefResolver(spec)
    for pointer, node in _walk(spec.data, ""):
        if isinstance(node, dict) and "$ref" in node and isinstance(node["$ref"], str):
            at = pointer_join(pointer, "$ref")
            try:
                resolver.lookup(resolver.target(node["$ref"], at), at)
            except SpecError as exc:
                yield from exc.problems


def _schema_roots(spec: LoadedSpec) -> Iterator[tuple[str, Any]]:
    schemas = (spec.data.get("components") or {}).get("schemas")
    if isinstance(schemas, dict):
        for name, schema in schemas.items():
            yield schema_pointer(name), schema
    for pointer, node in _walk(spec.data.get("paths") or {}, "/paths"):
        if isinstance(node, dict) and isinstance(node.get("schema"), dict):
            yield pointer_join(pointer, "schema"), node["schema"]


def _schema_types(spec: LoadedSpec) -> Iterator[Problem]:
    seen: set[str] = set()
    for root, schema in _schema_roots(spec):
        for pointer, node in _walk(schema, root):
            if not isinstance(node, dict) or pointer in seen or pointer.endswith("/properties"):
                continue
            seen.add(pointer)
            kinds = node.get("type")
            for kind in kinds if isinstance(kinds, list) else [kinds] if kinds is not None else []:
                if kind not in KNOWN_TYPES:
                    yield spec.problem(pointer_join(pointer, "type"),
                                       f"unknown type {kind!r}; expected one of {', '.join(sorted(KNOWN_TYPES))}")


def _operation_ids(spec: LoadedSpec) -> Iterator[Problem]:
    first: dict[str, str] = {}
    paths = spec.data.get("paths")
    if not isinstance(paths, dict):
        return
    for path, item in paths.items():
        if not isinstance(item, dict):
            continue
        for method in HTTP_METHODS:
            op = item.get(method)
            op_id = op.get("operationId") if isinstance(op, dict) else None
            if not isinstance(op_id, str):
                continue
            pointer = pointer_join("/paths", path, method, "operationId")
            if op_id in first:
                yield spec.problem(pointer, f"duplicate operationId {op_id!r}; first used at {first[op_id]}")
            else:
                first[op_id] = pointer
