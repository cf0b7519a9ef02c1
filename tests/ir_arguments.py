"""Values for a generated method's arguments, and a check of what it returned, read from the IR.

`Arguments` builds what a caller would pass for a parameter of a given `TypeExpr`: the least a
call needs (required fields only) or every field there is, within the parameter's constraints
(lengths, bounds, patterns, formats). `conforms` says whether a parsed answer is of its declared
type, through every field of every model in it. Both read only the IR, so they know nothing of
how the runtime sends or parses: they are the test's own reading of the spec.
"""

from __future__ import annotations

import datetime
import json
import re
import uuid
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]
from types import ModuleType
from typing import Any, Mapping

from generator.ir.nodes import (
    Constraints,
    FileUpload,
    ListOf,
    LiteralOf,
    MapOf,
    Model,
    NamedType,
    Primitive,
    TypeExpr,
    UnionOf,
)

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32  # a file's bytes: Steady reads no further than the part
NONE = Primitive("None")
MAX_DEPTH = 8  # models nested deeper than this get their required fields only (recursive schemas)


def sample(pattern: str) -> str:
    """The shortest plain string `pattern` matches (first of each class, first branch, fewest repeats)."""

    def walk(items: Any) -> str:
        out = ""
        for op, arg in items:
            if op is sre.LITERAL:
                out += chr(arg)
            elif op is sre.IN:
                out += _first_of(arg)
            elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
                low, _, sub = arg
                out += walk(sub) * low
            elif op is sre.SUBPATTERN:
                out += walk(arg[-1])
            elif op is sre.BRANCH:
                out += walk(arg[1][0])
            elif op is sre.ANY:
                out += "a"
            elif op is not sre.AT:  # anchors match nothing
                raise ValueError(f"no sample for {op} in {pattern!r}")
        return out

    text = walk(sre_parse.parse(pattern))
    assert re.search(pattern, text), (pattern, text)
    return text


def _first_of(items: Any) -> str:
    kind, arg = items[0]
    if kind is sre.LITERAL:
        return chr(arg)
    if kind is sre.RANGE:
        return chr(arg[0])
    if kind is sre.CATEGORY:
        return "0" if arg is sre.CATEGORY_DIGIT else "a"
    raise ValueError(f"no sample for the class {items}")


class Arguments:
    """What a caller passes: `full=False` gives each model its required fields only, `full=True`
    every field it has. A union gives its first member that is not `None`; a Literal its first
    value; a list one item (or its `minItems`); a file `PNG`."""

    def __init__(self, models: Mapping[str, Model], *, full: bool) -> None:
        self.models = models
        self.full = full
        self._depth = 0

    def value(self, t: TypeExpr, constraints: Constraints = ()) -> Any:
        limits = dict(constraints)
        if isinstance(t, Primitive):
            return _primitive(t.name, limits)
        if isinstance(t, LiteralOf):
            return next(v for v in t.values if v is not None)
        if isinstance(t, ListOf):
            return [self.value(t.item) for _ in range(max(int(limits.get("minItems") or 1), 1))]
        if isinstance(t, MapOf):
            return {"key": self.value(t.value)}
        if isinstance(t, FileUpload):
            return PNG
        if isinstance(t, UnionOf):
            return self.value(next(m for m in t.members if m != NONE), constraints)
        return self._model(t, constraints)

    def _model(self, t: NamedType, constraints: Constraints) -> Any:
        model = self.models[t.name]
        if model.kind == "alias":
            assert model.alias_of is not None
            return self.value(model.alias_of, constraints)
        self._depth += 1
        try:
            every = self.full and self._depth <= MAX_DEPTH
            return {f.wire_name: self.value(f.type, f.constraints) for f in model.fields if f.required or every}
        finally:
            self._depth -= 1


def _primitive(name: str, limits: Mapping[str, object]) -> Any:
    if name == "str":
        if isinstance(limits.get("pattern"), str):
            return sample(str(limits["pattern"]))
        formatted = {"uri": "https://example.com/a", "date": "2026-01-02", "date-time": "2026-01-02T03:04:05Z"}
        text = formatted.get(str(limits.get("format")), "abc")
        text = text.ljust(int(limits.get("minLength") or 0), "a")  # type: ignore[call-overload]
        return text[: int(limits["maxLength"])] if "maxLength" in limits else text  # type: ignore[call-overload]
    if name in ("int", "float"):
        number: float = 1_700_000_000 if limits.get("format") == "unixtime" else 1 if name == "int" else 0.5
        low, high = limits.get("minimum"), limits.get("maximum")
        number = max(number, low) if isinstance(low, (int, float)) else number
        number = min(number, high) if isinstance(high, (int, float)) else number
        return int(number) if name == "int" else float(number)
    moment = datetime.datetime(2026, 1, 2, 3, 4, 5, tzinfo=datetime.timezone.utc)
    return {"bool": True, "None": None, "datetime": moment, "date": moment.date(), "time": moment.time(),
            "UUID": uuid.UUID(int=1), "Any": {"key": "value"}, "object": {"key": "value"}}[name]


def conforms(value: Any, t: TypeExpr, models: Mapping[str, Model], types: ModuleType) -> str | None:
    """Where `value` is not of type `t` (a path and what is wrong there), or None when it is: a model
    is an instance of its class, and each field it has is of the field's type, all the way down."""
    return _Conformance(models, types).check(value, t, "$")


class _Conformance:
    def __init__(self, models: Mapping[str, Model], types: ModuleType) -> None:
        self.models = models
        self.types = types

    def check(self, value: Any, t: TypeExpr, path: str) -> str | None:
        if isinstance(t, Primitive):
            fits = {"str": isinstance(value, str), "bool": isinstance(value, bool), "None": value is None,
                    "int": isinstance(value, int) and not isinstance(value, bool), "Any": True, "object": True,
                    "float": isinstance(value, (int, float)) and not isinstance(value, bool),
                    "datetime": isinstance(value, datetime.datetime), "time": isinstance(value, datetime.time),
                    "date": type(value) is datetime.date, "UUID": isinstance(value, uuid.UUID)}[t.name]
            return None if fits else f"{path}: {_shown(value)} is no {t.name}"
        if isinstance(t, LiteralOf):
            same = any(type(value) is type(v) and value == v for v in t.values)
            return None if same else f"{path}: {_shown(value)} is none of {t.values}"
        if isinstance(t, ListOf):
            if not isinstance(value, list):
                return f"{path}: {_shown(value)} is no list"
            return next((f for i, item in enumerate(value) if (f := self.check(item, t.item, f"{path}[{i}]"))), None)
        if isinstance(t, MapOf):
            if not isinstance(value, dict):
                return f"{path}: {_shown(value)} is no dict"
            return next((f for k, item in value.items() if (f := self.check(item, t.value, f"{path}.{k}"))), None)
        if isinstance(t, UnionOf):
            failures = [self.check(value, member, path) for member in t.members]
            return None if None in failures else f"{path}: fits no member ({'; '.join(map(str, failures))})"
        if isinstance(t, FileUpload):
            return f"{path}: an answer holds no upload"
        return self._model(value, t, path)

    def _model(self, value: Any, t: NamedType, path: str) -> str | None:
        model = self.models[t.name]
        if model.kind == "alias":
            assert model.alias_of is not None
            return self.check(value, model.alias_of, path)
        if type(value) is not getattr(self.types, model.name):
            return f"{path}: {type(value).__name__} is no {model.name}"
        for field in model.fields:
            item = getattr(value, field.py_name)
            if item is None and not field.required and field.py_name not in value.model_fields_set:
                continue  # not sent: an optional field reads as None
            failure = self.check(item, field.type, f"{path}.{field.wire_name}")
            if failure:
                return failure
        return None


def _shown(value: Any) -> str:
    try:
        text = json.dumps(value)
    except TypeError:
        text = repr(value)
    return text if len(text) < 80 else text[:77] + "..."
