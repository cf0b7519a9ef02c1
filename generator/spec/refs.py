"""Finding things in a spec: local `$ref`s (and those that lead nowhere), component names, operations."""

from __future__ import annotations

from typing import Any, Iterator
from urllib.parse import unquote

from ..errors import SpecError, pointer_join, pointer_parts
from .loading import LoadedSpec

MISSING = object()  # what `find_in` gives where a pointer leads nowhere


def find_in(document: Any, parts: list[str]) -> Any:
    """The node of `document` at the (unescaped) pointer `parts`, or `MISSING`."""
    node = document
    for part in parts:
        if isinstance(node, dict) and part in node:
            node = node[part]
        elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
        else:
            return MISSING
    return node


class RefResolver:
    def __init__(self, spec: LoadedSpec) -> None:
        self.spec = spec

    def target(self, ref: Any, at: str) -> str:
        """The JSON pointer a `$ref` value names; `at` is where the `$ref` stands."""
        if not isinstance(ref, str) or not ref.startswith("#"):
            raise SpecError([self.spec.problem(at, f"only local references (#/...) are supported, got {ref!r}")])
        return ref_pointer(ref)

    def lookup(self, pointer: str, at: str) -> Any:
        node = self.find(pointer_parts(pointer))
        if node is MISSING:
            raise SpecError([self.spec.problem(at, f"unresolved reference #{pointer}: nothing is there")])
        return node

    def find(self, parts: list[str]) -> Any:
        """The node at the (unescaped) pointer `parts`, or `MISSING` when nothing is there."""
        return find_in(self.spec.data, parts)

    def deref(self, node: Any, pointer: str) -> tuple[Any, str]:
        """Follow `node` through any chain of `$ref`s; return the final node and its pointer."""
        seen: list[str] = []
        while isinstance(node, dict) and "$ref" in node:
            at = pointer + "/$ref"
            target = self.target(node["$ref"], at)
            if target in seen:
                raise SpecError([self.spec.problem(at, "reference cycle: " + " -> ".join(["#" + s for s in seen]))])
            seen.append(target)
            node, pointer = self.lookup(target, at), target
        return node, pointer


def schema_pointer(name: str) -> str:
    """"Foo" → `/components/schemas/Foo`."""
    return pointer_join("/components/schemas", name)


def ref_schema_name(ref: object) -> str | None:
    """`#/components/schemas/Foo` → "Foo"; None for any other `$ref`."""
    return schema_name(ref_pointer(ref)) if isinstance(ref, str) and ref.startswith("#") else None


def ref_pointer(ref: str) -> str:
    """The JSON pointer of a local `$ref` (`#/paths/~1a%7Bid%7D`): a URI fragment, so percent-
    encoded characters are decoded first (RFC 6901, section 6)."""
    return unquote(ref[1:])


def schema_name(pointer: str) -> str | None:
    """`/components/schemas/Foo` → "Foo"; None for anything else."""
    parts = pointer_parts(pointer)
    if len(parts) == 3 and parts[0] == "components" and parts[1] == "schemas":
        return parts[2]
    return None


# The keys of a path item that hold operations.
HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


def operations(item: Any) -> Iterator[tuple[str, dict[str, Any]]]:
    """(method, operation) for each operation a path item holds, in HTTP_METHODS order."""
    if isinstance(item, dict):
        for method in HTTP_METHODS:
            op = item.get(method)
            if isinstance(op, dict):
                yield method, op
