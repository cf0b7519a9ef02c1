"""Which operations answer with one page of a list, and how the next page is asked for.

Read from the IR (the operation and the models), so a page is what the Python user sees: a model
whose items are in a list field. A page is iterable over every item of every page; any other
model is not iterable at all (`_models.BaseModel.__iter__`).

Found without help:
- a cursor page (OpenAI's lists): a GET whose answer has a `data` list beside `has_more`,
  `first_id`, `last_id` or `next`, and an `after` query parameter. The next page is the same
  request with `after` set to the answer's `last_id` (else `next`), else to the last item's `id`;
- the same with a `page` query parameter and a `next_page` field (OpenAI's usage reports);
- a single page: a GET whose answer has a `data` list and an `object` field that may be
  `"list"` (`GET /models`), and nothing that pages: iterable over its items, no next page.

`x-python-pagination` on an operation says otherwise: `false` (the answer is its model), or a
mapping of wire names `{kind: cursor, items: data, cursor_param: after, next_cursor: last_id,
item_cursor: id, has_more: has_more}` (`kind: single` takes `items` only).
"""

from __future__ import annotations

import dataclasses
from typing import Any, Mapping, Sequence

from ..errors import Problem, pointer_join
from ..spec.loading import LoadedSpec
from ..spec.model import OperationNode
from .nodes import ListOf, LiteralOf, Model, ModelField, NamedType, Operation, Page, Primitive, TypeExpr, UnionOf

PAGINATION_EXTENSION = "x-python-pagination"
_CURSORS = (("after", ("last_id", "next")), ("page", ("next_page",)))  # query parameter, answer fields
_MARKS = ("has_more", "first_id", "last_id", "next")  # fields that say an answer is one page of several
_KEYS = ("kind", "items", "cursor_param", "next_cursor", "item_cursor", "has_more")


class _Refused(Exception):
    """An `x-python-pagination` that does not fit the operation; `key` is where."""

    def __init__(self, message: str, key: str = "") -> None:
        super().__init__(message)
        self.key = key


def with_pages(operations: Sequence[tuple[str, Operation]], models: Sequence[Model], nodes: Sequence[OperationNode],
               spec: LoadedSpec, problems: list[Problem]) -> list[tuple[str, Operation]]:
    """The operations, each that answers with a page knowing how it pages; an extension that does not
    fit its operation is a problem of the spec."""
    by_name = {m.name: m for m in models}
    nodes_at = {(n.path, n.method): n for n in nodes}
    found = []
    for resource, op in operations:
        node = nodes_at.get((op.path, op.http_method))
        try:
            if node is not None and PAGINATION_EXTENSION in node.extensions:
                page = declared_page(op, by_name, node.extensions[PAGINATION_EXTENSION])
            else:
                page = detected_page(op, by_name)
        except _Refused as exc:
            where = pointer_join(node.pointer if node else "", PAGINATION_EXTENSION, *([exc.key] if exc.key else []))
            problems.append(spec.problem(where, f"{PAGINATION_EXTENSION}: {exc}"))
            page = None
        if page is not None:
            model = _answer_model(op, by_name)
            if model is not None:  # a page has the answer's fields beside its items (typed in `views.py`)
                page = dataclasses.replace(page, model=model.name, fields=model.fields)
            op = dataclasses.replace(op, page=page)
        found.append((resource, op))
    return found


def detected_page(op: Operation, models: Mapping[str, Model]) -> Page | None:
    """The page an operation answers with, from the shapes of OpenAI's lists (module docstring)."""
    if op.http_method != "get" or op.stream_event is not None:
        return None
    model = _answer_model(op, models)
    items = _field(model, "data") if model is not None else None
    item = _list_item(items.type) if items is not None else None
    if model is None or items is None or item is None:
        return None
    query = {p.wire_name for p in op.params if p.location == "query"}
    has_more = _field(model, "has_more")
    paged = any(_field(model, mark) for mark in _MARKS)
    for cursor_param, cursor_fields in _CURSORS:
        if cursor_param not in query or not paged:
            continue
        next_cursor = next((f.py_name for name in cursor_fields if (f := _field(model, name))), "")
        item_cursor = _item_attribute(item, models, "id") if cursor_param == "after" else ""
        if next_cursor or item_cursor:
            return Page("cursor", items.py_name, item, cursor_param, next_cursor, item_cursor,
                        has_more.py_name if has_more else "")
    kind = _field(model, "object")
    if kind is not None and not paged and _may_be_list(kind.type):
        return Page("single", items.py_name, item)
    return None


def declared_page(op: Operation, models: Mapping[str, Model], given: Any) -> Page | None:
    """The page `x-python-pagination` declares (`false`: none)."""
    if given is False:
        return None
    if not isinstance(given, dict):
        raise _Refused(f"must be false or a mapping of {', '.join(_KEYS)}, not {given!r}")
    for key, value in given.items():
        if key not in _KEYS:
            raise _Refused(f"unknown key {key!r} (known: {', '.join(_KEYS)})", str(key))
        if not isinstance(value, str) or not value:
            raise _Refused(f"{key} must be a name, not {value!r}", key)
    kind = given.get("kind", "cursor")
    if kind not in ("cursor", "single"):
        raise _Refused(f"kind must be cursor or single, not {kind!r}", "kind")
    model = _answer_model(op, models)
    if model is None:
        raise _Refused("the operation's answer is no model with fields, so it cannot be a page")
    items = _field(model, given.get("items", "data"))
    item = _list_item(items.type) if items is not None else None
    if items is None or item is None:
        raise _Refused(f"{model.name} has no list field {given.get('items', 'data')!r}", "items")
    if kind == "single":
        extra = sorted(set(given) - {"kind", "items"})
        if extra:
            raise _Refused(f"a single page has no next page: {', '.join(extra)} do not apply", extra[0])
        return Page("single", items.py_name, item)
    cursor_param = given.get("cursor_param")
    if cursor_param not in {p.wire_name for p in op.params if p.location == "query"}:
        raise _Refused(f"cursor_param must name a query parameter of the operation, not {cursor_param!r}",
                       "cursor_param")
    next_cursor = _declared_field(model, given, "next_cursor")
    has_more = _declared_field(model, given, "has_more")
    item_cursor = ""
    if "item_cursor" in given:
        item_cursor = _item_attribute(item, models, given["item_cursor"])
        if not item_cursor:
            raise _Refused(f"the items have no field {given['item_cursor']!r}", "item_cursor")
    if not (next_cursor or item_cursor):
        raise _Refused("a cursor page needs next_cursor (a field of the answer) or item_cursor (one of each item)")
    return Page("cursor", items.py_name, item, str(cursor_param), next_cursor, item_cursor, has_more)


def _declared_field(model: Model, given: Mapping[str, str], key: str) -> str:
    if key not in given:
        return ""
    found = _field(model, given[key])
    if found is None:
        raise _Refused(f"{model.name} has no field {given[key]!r}", key)
    return found.py_name


def _answer_model(op: Operation, models: Mapping[str, Model]) -> Model | None:
    answer = op.response
    model = models.get(answer.name) if isinstance(answer, NamedType) else None
    return model if model is not None and model.kind == "object" else None


def _field(model: Model, wire_name: str) -> ModelField | None:
    return next((f for f in model.fields if f.wire_name == wire_name), None)


def _list_item(type_: TypeExpr) -> TypeExpr | None:
    """The item type of a list, or of an optional list."""
    members = type_.members if isinstance(type_, UnionOf) else (type_,)
    lists = [m for m in members if isinstance(m, ListOf)]
    others = [m for m in members if not isinstance(m, ListOf) and m != Primitive("None")]
    return lists[0].item if len(lists) == 1 and not others else None


def _item_attribute(item: TypeExpr, models: Mapping[str, Model], wire_name: str) -> str:
    """The attribute of `wire_name` in every model an item may be ("" if one lacks it)."""
    found: set[str] = set()
    pending: list[TypeExpr] = [item]
    seen: set[str] = set()
    while pending:
        type_ = pending.pop()
        if isinstance(type_, UnionOf):
            pending += [m for m in type_.members if m != Primitive("None")]
            continue
        model = models.get(type_.name) if isinstance(type_, NamedType) else None
        if model is None:
            return ""
        if model.name in seen:
            continue
        seen.add(model.name)
        if model.kind == "alias":
            if model.alias_of is None:
                return ""
            pending.append(model.alias_of)
            continue
        field = _field(model, wire_name)
        if field is None:
            return ""
        found.add(field.py_name)
    return found.pop() if len(found) == 1 else ""


def _may_be_list(type_: TypeExpr) -> bool:
    """Whether an `object` field may say "list": a plain string, or a Literal with that value."""
    members = type_.members if isinstance(type_, UnionOf) else (type_,)
    return any(m == Primitive("str") or (isinstance(m, LiteralOf) and "list" in m.values) for m in members)
