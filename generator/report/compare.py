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

from ..errors import pointer_join, pointer_parts
from ..ir.nodes import (
    Api,
    Constraints,
    JsonScalar,
    ListOf,
    MapOf,
    Model,
    ModelField,
    NamedType,
    Operation,
    Param,
    TypeExpr,
    UnionOf,
)
from ..ir.types import NONE
from ..render.annotations import annotation, named_types
from ..spec.refs import schema_name
from .fits import fits, is_open, literal_values, look_through

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


_NEEDED_BY = {"all": "every operation", "some": "some operations (the others' `security` allows none)",
              "none": "no operation"}


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
        self.nested: dict[str, str] = {}  # a class renamed inside another renamed one → that one's old name
        self.renamed = self._renames()
        self.new_inputs, self.new_outputs = self._usage(new, self.new_models)
        self.old_inputs, self.old_outputs = self._usage(old, self.old_models)
        self.open_inputs = self._open(new, self.new_models)
        self.bare = _bare_uses(old) & _bare_uses(new)
        self.inside, self.folded = self._fold()

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
        envs = [(old.env.api_key, new.env.api_key), (old.env.base_url, new.env.base_url)]
        before, after = {s.name: s for s in old.settings}, {s.name: s for s in new.settings}
        for name in sorted(before.keys() | after.keys()):
            was, now = before.get(name), after.get(name)
            call = f"{new.client_name}({name}=...)"
            if now is None:
                yield Change("breaking", "setting-removed", f"the client takes no `{name}` now: a call passing it "
                             "fails", call, "callers")
            elif was is None:
                yield Change("compatible", "setting-added", f"new setting `{name}`, sent as the `{now.wire}` "
                             f"{now.place} (else read from `{now.env}`)", call)
            else:
                envs.append((was.env, now.env))
                if (was.place, was.wire) != (now.place, now.wire):
                    yield Change("behaviour", "setting-place", f"`{name}` is sent as the `{now.wire}` {now.place} "
                                 f"now (was the `{was.wire}` {was.place})", call)
        for env_before, env_after in envs:
            if env_before != env_after:
                yield Change("breaking", "environment-variable", f"the client reads `{env_after}` now, not "
                             f"`{env_before}`: a setting given only in the environment is no longer found",
                             new.client_name, "callers")
        if old.base_url != new.base_url:
            yield Change("behaviour", "default-base-url", f"requests go to {new.base_url} by default now "
                         f"(was {old.base_url})", f"{new.client_name}(base_url=...)")
        if (old.key.place, old.key.name) != (new.key.place, new.key.name):
            newly_required = new.key.required and not old.key.required
            yield Change("breaking" if newly_required else "behaviour", "api-key-place",
                         f"the API key is sent {new.key.where} now (was {old.key.where})"
                         + ("; a client made without a key raises" if newly_required else ""),
                         f"{new.client_name}(api_key=...)", "callers" if newly_required else None)
        elif old.key.needed_by != new.key.needed_by and new.key.place not in ("optional", "none"):
            newly_required = new.key.required and not old.key.required
            yield Change("breaking" if newly_required else "behaviour", "api-key-needed",
                         f"the API key is needed by {_NEEDED_BY[new.key.needed_by]} now (was by "
                         f"{_NEEDED_BY[old.key.needed_by]})" + ("; a client made without a key raises"
                                                               if newly_required else ""),
                         f"{new.client_name}(api_key=...)", "callers" if newly_required else None)

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
        if self.old.key.needed_by == self.new.key.needed_by == "some" and old.keyless != new.keyless:
            needed = self.new.key.needed_for(new)
            yield Change("breaking" if needed else "compatible", "method-key",
                         f"`{call}()` needs an API key now" if needed else f"`{call}()` needs no API key now",
                         f"{call}()", "callers" if needed else None, operation=where)
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
        verdict = self._judge(old.type, new.type, as_input=True, as_output=False)
        if verdict is not None:
            impact, breaks = verdict
            how = "takes less than it did" if breaks else "takes more than it did"
            yield Change(impact, "param-type", f"`{name}` {how}: {annotation(old.type)} → {annotation(new.type)}",
                         python, breaks, **here)
        yield from _constraint_change("param-constraint", f"`{name}`", old.constraints, new.constraints,
                                      python, here, as_input=True, type_changed=old.type != new.type)
        if old.default != new.default:
            yield Change("behaviour", "param-default", f"the server's default for `{name}` is {new.default or 'none'} "
                         f"now (was {old.default or 'none'})", python, **here)
        if old.description != new.description:
            yield Change("docs", "param-description", f"the description of `{name}` changed", python, **here)

    def _response(self, where: str, call: str, old: TypeExpr | None, new: TypeExpr | None) -> Iterator[Change]:
        if old == new:
            return
        shown = f"{call}()"
        before = "nothing" if old is None else annotation(old, for_input=False)
        after = "nothing" if new is None else annotation(new, for_input=False)
        if old is None or new is None:
            yield Change("breaking", "response-type", f"returns {after} now (was {before})", shown, "readers",
                         operation=where)
            return
        verdict = self._judge(old, new, as_input=False, as_output=True)
        if verdict is not None:
            impact, breaks = verdict
            note = "" if breaks else f": {EXHAUSTIVE}"
            yield Change(impact, "response-type", f"returns {after} now (was {before}){note}", shown, breaks,
                         operation=where)

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
                if name in self.folded:
                    continue  # said with the field it stood in
                yield Change("breaking", "class-removed", f"the class `{name}` is gone", name, users,
                             schema=_schema(old.pointer))
                continue
            new = self.new_models[new_name]
            if new_name != name and name not in self.nested:
                inner = [f"`{child}` is `{self.renamed[child]}`" for child in sorted(self.nested)
                         if self.nested[child] == name]
                also = f" (and, inside it, {', '.join(inner)})" if inner else ""
                what = "fields" if new.kind == "object" else "values"
                yield Change("breaking", "class-renamed", f"the class `{name}` is `{new_name}` now{also}: code that "
                             f"imports the old name breaks; its {what} are compared under the new name", new_name,
                             users, schema=_schema(new.pointer))
            yield from self._model(old, new)
        for name in sorted(self.new_models.keys() - matched_new - self.folded):
            model = self.new_models[name]
            tag = self._event_tag(model)
            yield Change("compatible", "class-added", f"new class `{name}`" + (
                f", the event `{tag}`: {EXHAUSTIVE}" if tag else ""), name, schema=_schema(model.pointer),
                **({"event": tag} if tag else {}))

    def _model(self, old: Model, new: Model) -> Iterator[Change]:
        if old.description != new.description:
            yield Change("docs", "class-description", f"the description of `{new.name}` changed", new.name,
                         schema=_schema(new.pointer))
        as_input, as_output = self._uses(old.name, new.name)
        if old.kind == "alias" and new.kind == "alias":
            yield from self._alias(old, new, as_input, as_output)
            return
        before = {f.wire_name: f for f in old.fields}
        after = {f.wire_name: f for f in new.fields}
        for wire in sorted(before.keys() | after.keys()):
            f_old, f_new = before.get(wire), after.get(wire)
            here = {"schema": _schema(new.pointer), "field": wire}
            python = f"{new.name}.{(f_new or f_old).py_name}"  # type: ignore[union-attr]
            classes = _with_classes(self.inside.get((new.name, wire), []))
            if f_new is None:
                yield Change("breaking", "field-removed", f"the field `{python}` is gone{classes}", python,
                             "readers" if as_output else "callers", **here)
            elif f_old is None:
                if f_new.required and as_input:
                    yield Change("breaking", "field-added-required", f"new required field `{python}`{classes}: every "
                                 "value passed as an argument must have it", python, "callers", **here)
                else:
                    yield Change("compatible", "field-added", f"new field `{python}` "
                                 f"({annotation(f_new.type, for_input=False)}){classes}", python, **here)
            else:
                yield from self._field(f_old, f_new, python, here, as_input, as_output)

    def _field(self, old: ModelField, new: ModelField, python: str, here: dict[str, str], as_input: bool,
               as_output: bool) -> Iterator[Change]:
        if old.py_name != new.py_name:
            yield Change("breaking", "field-renamed", f"the field `{python.rsplit('.', 1)[0]}.{old.py_name}` is "
                         f"`{python}` now (still read from `{new.wire_name}`)", python, "readers", **here)
        if old.required and not new.required:
            if as_output:
                yield Change("breaking", "field-optional", f"`{python}` may be missing (None) now", python, "readers",
                             **here)
            else:
                yield Change("compatible", "field-optional", f"`{python}` may be left out now", python, **here)
        elif new.required and not old.required and as_input:
            yield Change("breaking", "field-required", f"`{python}` must be given now", python, "callers", **here)
        verdict = self._judge(old.type, new.type, as_input=as_input, as_output=as_output)
        if verdict is not None:
            yield self._field_type(python, old.type, new.type, verdict, here)
        yield from _constraint_change("field-constraint", f"`{python}`", old.constraints, new.constraints, python,
                                      here, as_input=as_input, type_changed=old.type != new.type)
        if old.description != new.description:
            yield Change("docs", "field-description", f"the description of `{python}` changed", python, **here)

    def _field_type(self, python: str, old: TypeExpr, new: TypeExpr, verdict: tuple[str, str | None],
                    here: dict[str, str]) -> Change:
        impact, breaks = verdict
        old_values, new_values = literal_values(old, self.old_models), literal_values(new, self.new_models)
        if old_values is not None and new_values is not None:
            added = [v for v in new_values if v not in old_values]
            removed = [v for v in old_values if v not in new_values]
            parts = ([f"may hold {_values(added)} now"] if added else []) + (
                [f"no longer holds {_values(removed)}"] if removed else [])
            note = f": {EXHAUSTIVE}" if added and not breaks else ""
            return Change(impact, "field-values-added" if added and not removed else "field-values-changed",
                          f"`{python}` {' and '.join(parts)}{note}", python, breaks, **here)
        if breaks == "readers" and self._gains_none(old, new):
            return Change(impact, "field-nullable", f"`{python}` may be None now", python, breaks, **here)
        if breaks is None and self._gains_none(old, new) and not self._gains_values(old, new):
            return Change(impact, "field-nullable", f"`{python}` may be None now (None may be given)", python,
                          **here)
        note = f": {EXHAUSTIVE}" if breaks is None else ""
        return Change(impact, "field-type", f"`{python}` is {annotation(new, for_input=False)} now (was "
                      f"{annotation(old, for_input=False)}){note}", python, breaks, **here)

    def _alias(self, old: Model, new: Model, as_input: bool, as_output: bool) -> Iterator[Change]:
        """An enum or union used by arguments and fields: each change once, where it is defined,
        judged by where it is used (arguments take, answers hold)."""
        assert old.alias_of is not None and new.alias_of is not None
        here = {"schema": _schema(new.pointer)}
        here.update(_field_of(new.pointer))
        old_tags, new_tags = self._tags(old), self._tags(new)
        if old_tags or new_tags:
            for tag in sorted(new_tags.keys() - old_tags.keys()):
                yield Change("compatible", "event-added", f"new event `{tag}` ({new_tags[tag]}) in `{new.name}`: "
                             f"{EXHAUSTIVE}", new.name, event=tag, **here)
            for tag in sorted(old_tags.keys() - new_tags.keys()):
                yield Change("breaking", "event-removed", f"the event `{tag}` is no longer in `{new.name}`", new.name,
                             "readers", event=tag, **here)
            return
        old_type, new_type = old.alias_of, new.alias_of
        if new.name not in self.bare or old.name not in self.bare:  # `Optional[X]` where it is used (on a side):
            old_type, new_type = _without_none(old_type), _without_none(new_type)  # X's own None is no news
        verdict = self._judge(old_type, new_type, as_input=as_input, as_output=as_output,
                              open_=new.name in self.open_inputs)
        if verdict is None:
            return
        impact, breaks = verdict
        old_values, new_values = _values_and_null(old_type, self.old_models), _values_and_null(
            new_type, self.new_models)
        if old_values is not None and new_values is not None:
            (before, old_null), (after, new_null) = old_values, new_values
            added, removed = [v for v in after if v not in before], [v for v in before if v not in after]
            parts = []
            if added:
                parts.append(f"also {'takes' if as_input else 'holds'} {_values(added)}")
            if removed:
                parts.append(f"{'no longer takes' if as_input else 'holds no more'} {_values(removed)}"
                             + (" (any string is still taken)" if new.name in self.open_inputs else ""))
            if new_null != old_null:
                parts.append("may be None now" if new_null else "is never None now")
            note = f": {EXHAUSTIVE}" if as_output and (added or new_null) and not breaks else ""
            kind = "enum-values-added" if added and not removed else "enum-values-removed" if removed and not added \
                else "enum-values-changed" if added or removed else "alias-nullable"
            yield Change(impact, kind, f"`{new.name}` {' and '.join(parts)}{note}", new.name, breaks, **here)
            return
        note = f": {EXHAUSTIVE}" if as_output and not breaks else ""
        yield Change(impact, "alias-type", f"`{new.name}` is {annotation(new_type, for_input=False)} now "
                     f"(was {annotation(old_type, for_input=False)}){note}", new.name, breaks, **here)

    # ---- direction ----

    def _judge(self, old: TypeExpr, new: TypeExpr, *, as_input: bool, as_output: bool,
               open_: bool = False) -> tuple[str, str | None] | None:
        """(impact, whom it breaks) for a value type that changed, or None when it did not (for
        Python users: a renamed class that is the same class is no change).

        Arguments take values: a wider type is compatible, a narrower one breaks callers. Answers
        hold values: a narrower type is compatible, a wider one is compatible too (code that
        matches every case needs a branch, the message says), except that a value which may be
        None now breaks readers, and a type that is neither breaks them. Both uses: the stricter.
        """
        if old == new:
            return None  # a named type's own change is reported once, where it is defined
        wider = self._fits(old, new, old_into_new=True)
        narrower = self._fits(new, old, old_into_new=False)
        if wider and narrower:
            return None
        verdicts: list[tuple[str, str | None]] = []
        if as_input:
            verdicts.append(("compatible", None) if wider or open_ else ("breaking", "callers"))
        if as_output:
            if narrower or (wider and not self._gains_none(old, new)):
                verdicts.append(("compatible", None))
            else:
                verdicts.append(("breaking", "readers"))
        if not verdicts:  # reached by nothing the client exposes today: judge it as both
            return self._judge(old, new, as_input=True, as_output=True, open_=open_)
        return min(verdicts, key=lambda v: IMPACTS.index(v[0]))

    def _gains_none(self, old: TypeExpr, new: TypeExpr) -> bool:
        return NONE in _members(look_through(new, self.new_models)) and NONE not in _members(
            look_through(old, self.old_models))

    def _gains_values(self, old: TypeExpr, new: TypeExpr) -> bool:
        """Whether `new` holds something besides None that `old` did not."""
        strip = tuple(m for m in _members(look_through(new, self.new_models)) if m != NONE)
        return not self._fits(strip[0] if len(strip) == 1 else UnionOf(strip), old, old_into_new=False)

    def _fold(self) -> tuple[dict[tuple[str, str], list[str]], set[str]]:
        """Classes that come or go with one field, or one event, and are said with it (one change,
        one entry): the inline classes standing inside a field that was added or removed, and
        the classes a new field alone reaches; the class of an event added to a union."""
        matched = set(self.renamed.values()) | (self.old_models.keys() & self.new_models.keys())
        gone = {n for n in self.old_models if n not in self.renamed and n not in self.new_models}
        fresh = set(self.new_models) - matched
        inside: dict[tuple[str, str], list[str]] = {}
        roots = _names([t for r in self.new.resources for op in r.operations
                        for t in (op.response, op.stream_event, *(p.type for p in op.params))])
        for old_name, new_name in sorted({**{n: n for n in self.old_models.keys() & self.new_models.keys()},
                                          **self.renamed}.items()):
            old, new = self.old_models[old_name], self.new_models[new_name]
            before, after = {f.wire_name: f for f in old.fields}, {f.wire_name: f for f in new.fields}
            for wire in sorted(before.keys() - after.keys()):
                at = pointer_join(old.pointer, "properties", wire)
                inside[(new_name, wire)] = sorted(n for n in gone if _stands_in(self.old_models[n].pointer, at))
            for wire in sorted(after.keys() - before.keys()):
                at = pointer_join(new.pointer, "properties", wire)
                reached = _closure(_names([after[wire].type]), self.new_models) & fresh
                others = _closure(roots, self.new_models, skip=(new_name, wire))
                inside[(new_name, wire)] = sorted(n for n in reached if _stands_in(self.new_models[n].pointer, at)
                                                  or n not in others)
        folded = {n for names in inside.values() for n in names}
        old_name_of = {new: old for old, new in self.renamed.items()}
        for model in self.new_models.values():
            if old_name_of.get(model.name, model.name) in self.old_models and model.discriminator is not None:
                folded |= set(self._tags(model).values()) & fresh
        return {k: v for k, v in inside.items() if v}, folded

    def _uses(self, old_name: str, new_name: str) -> tuple[bool, bool]:
        """Whether arguments reach a class (before or after), and whether answers do."""
        return (new_name in self.new_inputs or old_name in self.old_inputs,
                new_name in self.new_outputs or old_name in self.old_outputs)

    # ---- helpers ----

    def _fits(self, value: TypeExpr, into: TypeExpr, *, old_into_new: bool) -> bool:
        """`fits` between the IRs: an alias that is the same alias on both sides fits as itself (its
        own change is reported once, at the alias)."""
        value_models, into_models = (self.old_models, self.new_models) if old_into_new else \
            (self.new_models, self.old_models)
        renamed = self.renamed if old_into_new else {new: old for old, new in self.renamed.items()}
        return fits(value, into, value_models, into_models, renamed)

    def _renames(self) -> dict[str, str]:
        """Old class name → new, for a class that kept its place, its position, or its fields, but
        not its name.

        Its place: the same JSON pointer. Its position: what stands at the same place of the same
        operation or field on both sides (an inline object replaced by a `$ref` to a schema of
        the same shape, with the objects inside it followed), even where its fields changed too:
        they are compared under the new name. Failing both, its fields: one new class with
        exactly the same shape. A rename found inside another is `nested` under it.
        """
        old_at = {m.pointer: m for m in self.old_models.values()}
        new_at = {m.pointer: m for m in self.new_models.values()}
        renamed = {old_at[p].name: new_at[p].name for p in old_at.keys() & new_at.keys()
                   if old_at[p].name != new_at[p].name}
        pairs: list[tuple[TypeExpr, TypeExpr, str | None]] = []
        old_ops, new_ops = _operations(self.old), _operations(self.new)
        for key in sorted(old_ops.keys() & new_ops.keys()):
            old_op, new_op = old_ops[key][1], new_ops[key][1]
            after = {(p.location, p.wire_name): p for p in new_op.params}
            pairs += [(p.type, after[(p.location, p.wire_name)].type, None) for p in old_op.params
                      if (p.location, p.wire_name) in after]
            pairs += [(a, b, None) for a, b in ((old_op.response, new_op.response),
                                                (old_op.stream_event, new_op.stream_event)) if a and b]
        pairs += [(NamedType(name), NamedType(name), None) for name in sorted(self.old_models.keys()
                                                                              & self.new_models.keys())]
        visited: set[tuple[str, str]] = set()
        while pairs:
            old_type, new_type, parent = pairs.pop(0)
            if isinstance(old_type, NamedType) and isinstance(new_type, NamedType):
                a, b = old_type.name, new_type.name
                if a not in self.old_models or b not in self.new_models or (a, b) in visited:
                    continue
                if a != b:
                    if renamed.get(a, b) != b or a in self.new_models or (a not in renamed and b in renamed.values()):
                        continue  # a class that is still there, or another's new name: a type change
                    if a not in renamed and parent is not None and parent != a:
                        self.nested.setdefault(a, parent)
                    renamed[a] = b
                visited.add((a, b))
                old_model, new_model = self.old_models[a], self.new_models[b]
                inner_parent = (self.nested.get(a, a) if a != b else None)
                fields = {f.wire_name: f.type for f in new_model.fields}
                pairs += [(f.type, fields[f.wire_name], inner_parent) for f in old_model.fields
                          if f.wire_name in fields]
                if old_model.alias_of is not None and new_model.alias_of is not None:
                    pairs.append((old_model.alias_of, new_model.alias_of, inner_parent))
            else:
                pairs += [(x, y, parent) for x, y in _aligned(old_type, new_type)]
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


def _closure(names: set[str], models: Mapping[str, Model], skip: tuple[str, str] | None = None) -> set[str]:
    """The classes `names` reach through fields and aliases (not through the field `skip`)."""
    found, stack = set(), list(names)
    while stack:
        name = stack.pop()
        if name in found or name not in models:
            continue
        found.add(name)
        model = models[name]
        stack.extend(_names([f.type for f in model.fields if (name, f.wire_name) != skip] + [model.alias_of]))
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


def _values_and_null(type_: TypeExpr, models: Mapping[str, Model]) -> tuple[list[object], bool] | None:
    """A closed set of values, perhaps with None beside it (`Literal[...] | None`), else None."""
    members = _members(look_through(type_, models))
    values = [m for m in members if m != NONE]
    if len(values) == 1:
        found = literal_values(values[0], models)
        if found is not None:
            return found, NONE in members
    return None


def _aligned(old: TypeExpr, new: TypeExpr) -> list[tuple[TypeExpr, TypeExpr]]:
    """The parts of two types that stand at the same place: list items, map values, union
    members one by one (None set aside), where a class may have been renamed."""
    if isinstance(old, ListOf) and isinstance(new, ListOf):
        return [(old.item, new.item)]
    if isinstance(old, MapOf) and isinstance(new, MapOf):
        return [(old.value, new.value)]
    a, b = [m for m in _members(old) if m != NONE], [m for m in _members(new) if m != NONE]
    if (isinstance(old, UnionOf) or isinstance(new, UnionOf)) and len(a) == len(b):
        return list(zip(a, b, strict=True))
    return []


# How each constraint keyword narrows what is accepted as its value grows: +1 a higher value
# is stricter (minimum), -1 a lower one is (maximum), 0 any other value is different rules.
_STRICTER_WHEN = {"minimum": 1, "exclusiveMinimum": 1, "minLength": 1, "minItems": 1, "maximum": -1,
                  "exclusiveMaximum": -1, "maxLength": -1, "maxItems": -1, "uniqueItems": 1}


def _tightens(key: str, old: JsonScalar, new: JsonScalar) -> bool:
    """Whether `key` going from `old` to `new` (None: absent) refuses a value it took."""
    if new is None:
        return False
    if old is None:
        return new is not False
    direction = _STRICTER_WHEN.get(key, 0)
    if direction and isinstance(old, (int, float)) and isinstance(new, (int, float)):
        return (new - old) * direction > 0
    return old != new


def _constraint_change(kind: str, shown: str, old: Constraints, new: Constraints, python: str,
                       here: dict[str, str], *, as_input: bool, type_changed: bool) -> Iterator[Change]:
    """One entry for the constraints of an argument or field that changed: breaking for callers
    when an argument refuses a value it took (the server, or the API, says no at run time);
    compatible otherwise. A format whose type changed too is the type change's."""
    before, after = dict(old), dict(new)
    keys = [k for k in sorted(before.keys() | after.keys()) if before.get(k) != after.get(k)
            and not (type_changed and k == "format")]
    if not keys:
        return
    parts = [f"{k} {_shown(before.get(k))} → {_shown(after.get(k))}" for k in keys]
    tighter = [k for k in keys if _tightens(k, before.get(k), after.get(k))]
    if as_input and tighter:
        yield Change("breaking", kind, f"{shown} refuses values it took ({', '.join(parts)}): a call that "
                     "passed before can fail at run time", python, "callers", **here)
    else:
        yield Change("compatible", kind, f"{shown}: {', '.join(parts)}", python, **here)


def _shown(value: JsonScalar) -> str:
    return "none" if value is None else f"`{value}`"


def _without_none(type_: TypeExpr) -> TypeExpr:
    members = [m for m in _members(type_) if m != NONE]
    return members[0] if len(members) == 1 else UnionOf(tuple(members)) if members else type_


def _bare_uses(api: Api) -> set[str]:
    """The classes some argument, field, answer or alias uses without None beside it: for the
    others, whether the class itself holds None changes no annotation a user meets."""
    found: set[str] = set()
    types: list[TypeExpr | None] = [t for resource in api.resources for op in resource.operations
                                    for t in (op.response, op.stream_event, *(p.type for p in op.params))]
    types += [f.type for m in api.models for f in m.fields] + [m.alias_of for m in api.models]
    stack = [t for t in types if t is not None]
    while stack:
        type_ = stack.pop()
        if isinstance(type_, NamedType):
            found.add(type_.name)
        elif isinstance(type_, (ListOf, MapOf)):
            stack.append(type_.item if isinstance(type_, ListOf) else type_.value)
        elif isinstance(type_, UnionOf):
            guarded = NONE in type_.members
            stack += [m for m in type_.members if not (guarded and isinstance(m, NamedType))]
    return found


def _stands_in(pointer: str, field_pointer: str) -> bool:
    return pointer == field_pointer or pointer.startswith(field_pointer + "/")


def _with_classes(names: list[str]) -> str:
    if not names:
        return ""
    listed = ", ".join(f"`{n}`" for n in names)
    return f" (with its class{'es' if len(names) > 1 else ''} {listed})"
