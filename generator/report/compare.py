"""Compare two IRs and classify every change from the Python user's side.

- breaking for callers: a call that type-checked, or that the API took, no longer does;
- breaking for readers: code reading answers stops type-checking or meets None;
- behaviour: nothing breaks, but the same call means something else (a default changed);
- compatible: additions (a response's new value or event is one, but exhaustive matching code
  needs a branch more, and the report says so); the values of an open enum (`str | Literal`);
- docs: descriptions only.

Operations are matched by method and path, parameters by where and how they are sent, models
by where their schema stands (so a class whose name changed is a rename, not a removal and an
addition), or failing that by having the same fields (an inline object that became a `$ref`).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Iterable, Iterator, Mapping

from ..errors import pointer_parts
from ..ir.nodes import Api, ListOf, MapOf, Model, NamedType, Operation, Param, TypeExpr, UnionOf
from ..ir.types import NONE, union
from ..render.annotations import annotation, named_types
from ..spec.refs import schema_name
from .fits import fits, is_open, literal_values

IMPACTS = ("breaking", "behaviour", "compatible", "docs")
EXHAUSTIVE = "code that matches every case (`match`, `assert_never`) needs a branch for it"


@dataclass(frozen=True)
class Change:
    impact: str  # one of IMPACTS
    kind: str
    message: str
    python: str  # where a Python user meets it
    breaks: str | None = None  # "callers" or "readers", for a breaking change
    operation: str | None = None  # "POST /images/edits"
    param: str | None = None  # its wire name
    schema: str | None = None  # the spec's schema name
    field: str | None = None  # its wire name
    event: str | None = None  # the event's `type`

    def as_json(self) -> dict[str, str]:
        return {key: value for key, value in asdict(self).items() if value is not None}


def compare(old: Api, new: Api) -> list[Change]:
    return list(_Comparison(old, new).changes())


def _names(types: Iterable[TypeExpr | None]) -> set[str]:
    return set().union(*(named_types(t) for t in types if t is not None))


def _operations(api: Api) -> dict[tuple[str, str], tuple[str, Operation]]:
    return {(op.http_method, op.path): (resource.attr_name, op) for resource in api.resources
            for op in resource.operations}


class _Comparison:
    def __init__(self, old: Api, new: Api) -> None:
        self.old, self.new = old, new
        self.old_models = {m.name: m for m in old.models}
        self.new_models = {m.name: m for m in new.models}
        self.renamed = self._renames()
        self.new_inputs, self.new_outputs = self._usage(new, self.new_models)
        self.old_outputs = self._usage(old, self.old_models)[1]
        self.open_inputs = self._open(new, self.new_models)

    def changes(self) -> Iterator[Change]:
        yield from self._client()
        yield from self._endpoints()
        yield from self._models()

    # ---- what users see at the top ----

    def _client(self) -> Iterator[Change]:
        old, new = self.old, self.new
        if old.client_name != new.client_name:
            yield Change("breaking", "client-renamed", f"the client class is `{new.client_name}` now "
                         f"(was `{old.client_name}`)", old.client_name, "callers")
        for attr in ("api_key", "organization", "project", "base_url"):
            before, after = getattr(old.env, attr), getattr(new.env, attr)
            if before != after:
                yield Change("breaking", "environment-variable", f"the client reads `{after}` now, not `{before}`: "
                             "a setting given only in the environment is no longer found", new.client_name, "callers")
        if old.base_url != new.base_url:
            yield Change("behaviour", "default-base-url", f"requests go to {new.base_url} by default now "
                         f"(was {old.base_url})", f"{new.client_name}(base_url=...)")

    # ---- operations ----

    def _endpoints(self) -> Iterator[Change]:
        old_ops, new_ops = _operations(self.old), _operations(self.new)
        for key in sorted(old_ops.keys() | new_ops.keys()):
            where = f"{key[0].upper()} {key[1]}"
            if key not in new_ops:
                resource, op = old_ops[key]
                yield Change("breaking", "method-removed", f"`client.{resource}.{op.method_name}()` is gone",
                             f"client.{resource}.{op.method_name}()", "callers", operation=where)
            elif key not in old_ops:
                resource, op = new_ops[key]
                yield Change("compatible", "method-added", f"new method `client.{resource}.{op.method_name}()`",
                             f"client.{resource}.{op.method_name}()", operation=where)
            else:
                yield from self._operation(where, *old_ops[key], *new_ops[key])

    def _operation(self, where: str, old_resource: str, old: Operation, resource: str,
                   new: Operation) -> Iterator[Change]:
        call = f"client.{resource}.{new.method_name}"
        if (old_resource, old.method_name) != (resource, new.method_name):
            yield Change("breaking", "method-renamed", f"`client.{old_resource}.{old.method_name}()` is "
                         f"`{call}()` now", f"{call}()", "callers", operation=where)
        if (old.summary, old.description) != (new.summary, new.description):
            yield Change("docs", "method-description", "the method's description changed", f"{call}()",
                         operation=where)
        yield from self._parameters(where, call, old, new)
        yield from self._response(where, call, old.response, new.response)
        yield from self._stream(where, call, old, new)

    def _parameters(self, where: str, call: str, old: Operation, new: Operation) -> Iterator[Change]:
        before = {(p.location, p.wire_name): p for p in old.params}
        after = {(p.location, p.wire_name): p for p in new.params}
        for key in sorted(before.keys() | after.keys()):
            p_old, p_new = before.get(key), after.get(key)
            shown = (p_new or p_old).py_name  # type: ignore[union-attr]
            here = {"operation": where, "param": key[1]}
            python = f"{call}({shown}=...)"
            if p_new is None:
                yield Change("breaking", "param-removed", f"the argument `{shown}` is gone; a call passing it fails",
                             python, "callers", **here)
                continue
            if p_old is None:
                if p_new.required:
                    yield Change("breaking", "param-added-required", f"new required argument `{shown}`: every call "
                                 "must pass it", python, "callers", **here)
                else:
                    yield Change("compatible", "param-added", f"new optional argument `{shown}` "
                                 f"({annotation(p_new.type)})", python, **here)
                continue
            yield from self._parameter(p_old, p_new, python, here)

    def _parameter(self, old: Param, new: Param, python: str, here: dict[str, str]) -> Iterator[Change]:
        name = new.py_name
        if old.py_name != new.py_name:
            yield Change("breaking", "param-renamed", f"the argument `{old.py_name}` is `{new.py_name}` now (still "
                         f"sent as `{new.wire_name}`)", python, "callers", **here)
        if new.required and not old.required:
            yield Change("breaking", "param-required", f"`{name}` must be passed now", python, "callers", **here)
        elif old.required and not new.required:
            yield Change("compatible", "param-optional", f"`{name}` may be left out now", python, **here)
        if old.type != new.type and not (self._fits(old.type, new.type, old_into_new=True)
                                         and self._fits(new.type, old.type, old_into_new=False)):  # not just renamed
            if not self._fits(old.type, new.type, old_into_new=True):
                yield Change("breaking", "param-type", f"`{name}` takes less than it did: {annotation(old.type)} → "
                             f"{annotation(new.type)}", python, "callers", **here)
            else:
                yield Change("compatible", "param-type", f"`{name}` takes more than it did: {annotation(old.type)} → "
                             f"{annotation(new.type)}", python, **here)
        if old.default != new.default:
            yield Change("behaviour", "param-default", f"the server's default for `{name}` is {new.default or 'none'} "
                         f"now (was {old.default or 'none'})", python, **here)
        if old.description != new.description:
            yield Change("docs", "param-description", f"the description of `{name}` changed", python, **here)

    def _response(self, where: str, call: str, old: TypeExpr | None, new: TypeExpr | None) -> Iterator[Change]:
        if old == new or (old is None and new is None):
            return
        shown = f"{call}()"
        if old is None or new is None:
            what = "nothing" if new is None else annotation(new, for_input=False)
            yield Change("breaking", "response-type", f"returns {what} now (was "
                         f"{'nothing' if old is None else annotation(old, for_input=False)})", shown, "readers",
                         operation=where)
        elif not self._fits(new, old, old_into_new=False):
            yield Change("breaking", "response-type", f"returns {annotation(new, for_input=False)} now (was "
                         f"{annotation(old, for_input=False)})", shown, "readers", operation=where)

    def _stream(self, where: str, call: str, old: Operation, new: Operation) -> Iterator[Change]:
        if old.stream_event is None and new.stream_event is not None:
            yield Change("compatible", "stream-added", "can stream its answer now (`stream=True`)",
                         f"{call}(stream=True)", operation=where)
        elif old.stream_event is not None and new.stream_event is None:
            yield Change("breaking", "stream-removed", "no longer streams its answer", f"{call}(stream=True)",
                         "callers", operation=where)

    # ---- models ----

    def _models(self) -> Iterator[Change]:
        matched_new = set(self.renamed.values()) | (self.old_models.keys() & self.new_models.keys())
        for name in sorted(self.old_models):
            new_name = self.renamed.get(name, name)
            old = self.old_models[name]
            users = "readers" if name in self.old_outputs else "callers"  # whose code may name it
            if new_name not in self.new_models:
                yield Change("breaking", "class-removed", f"the class `{name}` is gone", name, users,
                             schema=_schema(old.pointer))
                continue
            new = self.new_models[new_name]
            if new_name != name:
                yield Change("breaking", "class-renamed", f"the class `{name}` is `{new_name}` now", new_name,
                             users, schema=_schema(new.pointer))
            yield from self._model(old, new)
        for name in sorted(self.new_models.keys() - matched_new):
            model = self.new_models[name]
            tag = self._event_tag(model)
            yield Change("compatible", "class-added", f"new class `{name}`" + (
                f", the event `{tag}`: {EXHAUSTIVE}" if tag else ""), name, schema=_schema(model.pointer),
                **({"event": tag} if tag else {}))

    def _model(self, old: Model, new: Model) -> Iterator[Change]:
        if old.description != new.description:
            yield Change("docs", "class-description", f"the description of `{new.name}` changed", new.name,
                         schema=_schema(new.pointer))
        if old.kind == "alias" and new.kind == "alias":
            yield from self._alias(old, new)
            return
        before = {f.wire_name: f for f in old.fields}
        after = {f.wire_name: f for f in new.fields}
        for wire in sorted(before.keys() | after.keys()):
            f_old, f_new = before.get(wire), after.get(wire)
            here = {"schema": _schema(new.pointer), "field": wire}
            python = f"{new.name}.{(f_new or f_old).py_name}"  # type: ignore[union-attr]
            if f_new is None:
                yield Change("breaking", "field-removed", f"the field `{python}` is gone", python, "readers", **here)
            elif f_old is None:
                yield Change("compatible", "field-added", f"new field `{python}` "
                             f"({annotation(f_new.type, for_input=False)})", python, **here)
            else:
                if f_old.py_name != f_new.py_name:
                    yield Change("breaking", "field-renamed", f"the field `{new.name}.{f_old.py_name}` is `{python}` "
                                 f"now (still read from `{wire}`)", python, "readers", **here)
                old_type = f_old.type if f_old.required else union([f_old.type, NONE])
                new_type = f_new.type if f_new.required else union([f_new.type, NONE])
                if f_old.required and not f_new.required and f_old.type == f_new.type:
                    yield Change("breaking", "field-optional", f"`{python}` may be missing (None) now", python,
                                 "readers", **here)
                elif old_type != new_type:  # (optional → required with one type: the same annotation)
                    yield from self._field_type(python, old_type, new_type, here)
                if f_old.description != f_new.description:
                    yield Change("docs", "field-description", f"the description of `{python}` changed", python,
                                 **here)

    def _field_type(self, python: str, old: TypeExpr, new: TypeExpr, here: dict[str, str]) -> Iterator[Change]:
        if self._fits(new, old, old_into_new=False):
            return  # every value it can hold now was expected before
        old_values, new_values = literal_values(old, self.old_models), literal_values(new, self.new_models)
        if old_values is not None and new_values is not None:
            added = [v for v in new_values if v not in old_values]
            yield Change("compatible", "field-values-added", f"`{python}` may hold {_values(added)} now: {EXHAUSTIVE}",
                         python, **here)
        elif self._fits(old, new, old_into_new=True) and NONE in _members(new) and NONE not in _members(old):
            yield Change("breaking", "field-nullable", f"`{python}` may be None now", python, "readers", **here)
        elif self._same_fields(old, new):
            yield Change("breaking", "field-class", f"`{python}` is a `{_named(new)}` now (was `{_named(old)}`, with "
                         "the same fields): code naming the old class breaks", python, "readers", **here)
        else:
            yield Change("breaking", "field-type", f"`{python}` is {annotation(new, for_input=False)} now (was "
                         f"{annotation(old, for_input=False)})", python, "readers", **here)

    def _same_fields(self, old: TypeExpr, new: TypeExpr) -> bool:
        """Two model types (or optional ones) whose classes differ only in name."""
        a, b = _named(old), _named(new)
        return a in self.old_models and b in self.new_models and _shape(self.old_models[a]) == _shape(
            self.new_models[b]) and [m for m in _members(old) if m != NONE] == [NamedType(a, True)]

    def _alias(self, old: Model, new: Model) -> Iterator[Change]:
        """An enum or union used by arguments and fields: each change once, where it matters."""
        assert old.alias_of is not None and new.alias_of is not None
        here = {"schema": _schema(new.pointer)}
        here.update(_field_of(new.pointer))
        as_input, as_output = new.name in self.new_inputs, new.name in self.new_outputs
        old_values, new_values = literal_values(old.alias_of, self.old_models), literal_values(new.alias_of,
                                                                                               self.new_models)
        if old_values is not None and new_values is not None:
            removed = [v for v in old_values if v not in new_values]
            added = [v for v in new_values if v not in old_values]
            open_ = new.name in self.open_inputs
            if removed:
                if as_input and not open_:
                    yield Change("breaking", "enum-values-removed", f"`{new.name}` no longer takes {_values(removed)}",
                                 new.name, "callers", **here)
                else:
                    yield Change("compatible", "enum-values-removed", f"`{new.name}` lists {_values(removed)} no more"
                                 + (" (any string is still taken)" if open_ else ""), new.name, **here)
            if added:
                note = f": {EXHAUSTIVE}" if as_output else ""
                yield Change("compatible", "enum-values-added", f"`{new.name}` also takes {_values(added)}{note}",
                             new.name, **here)
            return
        old_tags, new_tags = self._tags(old), self._tags(new)
        if old_tags or new_tags:
            for tag in sorted(new_tags.keys() - old_tags.keys()):
                yield Change("compatible", "event-added", f"new event `{tag}` ({new_tags[tag]}) in `{new.name}`: "
                             f"{EXHAUSTIVE}", new.name, event=tag, **here)
            for tag in sorted(old_tags.keys() - new_tags.keys()):
                yield Change("breaking", "event-removed", f"the event `{tag}` is no longer in `{new.name}`", new.name,
                             "readers", event=tag, **here)
            return
        if not self._fits(new.alias_of, old.alias_of, old_into_new=False):
            yield Change("breaking", "alias-type", f"`{new.name}` is {annotation(new.alias_of, for_input=False)} now "
                         f"(was {annotation(old.alias_of, for_input=False)})", new.name,
                         "readers" if as_output else "callers", **here)

    # ---- helpers ----

    def _fits(self, value: TypeExpr, into: TypeExpr, *, old_into_new: bool) -> bool:
        """`fits` between the IRs: an alias that is the same alias on both sides fits as itself (its
        own change is reported once, at the alias)."""
        value_models, into_models = (self.old_models, self.new_models) if old_into_new else \
            (self.new_models, self.old_models)
        renamed = self.renamed if old_into_new else {new: old for old, new in self.renamed.items()}
        return fits(value, into, value_models, into_models, renamed)

    def _renames(self) -> dict[str, str]:
        """Old class name → new, for a class that kept its place or its fields but not its name."""
        old_at = {m.pointer: m for m in self.old_models.values()}
        new_at = {m.pointer: m for m in self.new_models.values()}
        renamed = {old_at[p].name: new_at[p].name for p in old_at.keys() & new_at.keys()
                   if old_at[p].name != new_at[p].name}
        gone = [m for m in self.old_models.values() if m.name not in self.new_models and m.name not in renamed]
        taken = set(renamed.values()) | (self.old_models.keys() & self.new_models.keys())
        fresh = [m for m in self.new_models.values() if m.name not in taken]
        for model in gone:
            twins = [m for m in fresh if m.kind == model.kind and _shape(m) == _shape(model)]
            if len(twins) == 1:
                renamed[model.name] = twins[0].name
                fresh.remove(twins[0])
        return renamed

    def _usage(self, api: Api, models: Mapping[str, Model]) -> tuple[set[str], set[str]]:
        """The named types arguments reach, and those answers reach (through models' fields)."""
        ops = [op for resource in api.resources for op in resource.operations]
        inputs = _closure(_names(p.type for op in ops for p in op.params), models)
        outputs = _closure(_names([t for op in ops for t in (op.response, op.stream_event)]), models)
        return inputs, outputs

    @staticmethod
    def _open(api: Api, models: Mapping[str, Model]) -> set[str]:
        """Enums arguments take beside any string (`str | ImageGenerationSize`): their values are advice."""
        params = [p for resource in api.resources for op in resource.operations for p in op.params]
        return {name for p in params for name in _names([p.type]) if is_open(p.type, models)
                or _in_open_union(p.type, name)}

    def _tags(self, model: Model) -> dict[str, str]:
        """A tagged union's tag values → the class of each."""
        if model.discriminator is None or model.alias_of is None:
            return {}
        models = self.old_models if self.old_models.get(model.name) is model else self.new_models
        found = {}
        for member in _members(model.alias_of):
            if isinstance(member, NamedType) and member.name in models:
                tag = self._event_tag(models[member.name], model.discriminator)
                if tag:
                    found[tag] = member.name
        return found

    def _event_tag(self, model: Model, tag: str | None = None) -> str | None:
        """The one value a model's tag field holds (`type: Literal["image_generation.completed"]`)."""
        for f in model.fields:
            if (tag is None and f.wire_name == "type") or f.wire_name == tag:
                values = literal_values(f.type, {})
                if values and len(values) == 1 and isinstance(values[0], str):
                    return values[0]
        return None


def _closure(names: set[str], models: Mapping[str, Model]) -> set[str]:
    found, stack = set(), list(names)
    while stack:
        name = stack.pop()
        if name in found or name not in models:
            continue
        found.add(name)
        model = models[name]
        stack.extend(_names([f.type for f in model.fields] + [model.alias_of]))
    return found


def _in_open_union(type_: TypeExpr, name: str) -> bool:
    """Whether `name` stands beside `str` in a union of `type_` (`str | ImageGenerationSize`)."""
    stack = [type_]
    while stack:
        current = stack.pop()
        if isinstance(current, UnionOf):
            if any(m == NamedType(name) for m in current.members) and any(
                    annotation(m) == "str" for m in current.members):
                return True
            stack.extend(current.members)
        elif isinstance(current, (ListOf, MapOf)):
            stack.append(current.item if isinstance(current, ListOf) else current.value)
    return False


def _named(type_: TypeExpr) -> str:
    """The class a (possibly optional) model type names, else ""."""
    named = [m for m in _members(type_) if isinstance(m, NamedType)]
    return named[0].name if len(named) == 1 else ""


def _members(type_: TypeExpr) -> tuple[TypeExpr, ...]:
    return type_.members if isinstance(type_, UnionOf) else (type_,)


def _shape(model: Model) -> tuple[object, ...]:
    """What a class is, apart from its name: its fields, or what it is an alias of."""
    fields = tuple((f.wire_name, f.py_name, f.required, _type_shape(f.type)) for f in model.fields)
    return fields, model.kind, model.discriminator, _type_shape(model.alias_of) if model.alias_of else None


def _type_shape(type_: TypeExpr) -> object:
    """A type with the names of the classes it refers to left out (they may be renamed too)."""
    if isinstance(type_, NamedType):
        return "named"
    if isinstance(type_, ListOf):
        return "list", _type_shape(type_.item)
    if isinstance(type_, MapOf):
        return "map", _type_shape(type_.value)
    if isinstance(type_, UnionOf):
        return "union", tuple(_type_shape(m) for m in type_.members)
    return type_


def _schema(pointer: str) -> str:
    """The spec's name for a schema: its component name, else where it stands."""
    parts = pointer_parts(pointer)
    return schema_name(pointer) or (parts[2] if parts[:2] == ["components", "schemas"] and len(parts) > 2
                                    else pointer)


def _field_of(pointer: str) -> dict[str, str]:
    parts = pointer_parts(pointer)
    if parts[:2] == ["components", "schemas"] and len(parts) > 4 and parts[3] == "properties":
        return {"field": parts[4]}
    return {}


def _values(values: list[object]) -> str:
    return ", ".join(f"`{v}`" for v in values)
