"""What the package's own README shows: one ready call per operation, with the real names.

A project that vendors the package opens its folder and finds how to construct the client and
call each operation without this repository. The example values are chosen from each argument's
type (an enum's first value, a file opened for reading), only for the required arguments, so a
call reads as it would be written.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..ir.nodes import (
    Api,
    FileUpload,
    ListOf,
    LiteralOf,
    MapOf,
    Model,
    NamedType,
    Operation,
    Primitive,
    TypeExpr,
    UnionOf,
)
from ..text import python_literal

_PLACEHOLDERS = {"str": '"..."', "int": "1", "float": "1.0", "bool": "True", "datetime": '"2026-01-01T00:00:00Z"',
                 "date": '"2026-01-01"', "time": '"12:00:00"', "UUID": '"00000000-0000-0000-0000-000000000000"'}


@dataclass(frozen=True)
class ExampleCall:
    resource: str
    method: str
    http: str  # `POST /images/generations`
    summary: str  # the operation's summary, first line
    call: str  # `client.images.generate(prompt="...")`
    stream_call: str  # the same asking for a stream, when the operation can stream; else ""


def example_calls(api: Api) -> list[ExampleCall]:
    models = {m.name: m for m in api.models}
    calls = []
    for resource in api.resources:
        for op in resource.operations:
            call = _call(resource.attr_name, op, models, stream=False)
            streams = op.stream_param is not None or op.stream_event is not None
            calls.append(ExampleCall(resource.attr_name, op.method_name, f"{op.http_method.upper()} {op.path}",
                                     " ".join((op.summary or op.description).split("\n")[0].split()),
                                     call, _call(resource.attr_name, op, models, stream=True) if streams else ""))
    return calls


def _call(resource: str, op: Operation, models: dict[str, Model], *, stream: bool) -> str:
    positional = [_example(p.type, models) for p in op.params if p.location == "path"]
    keywords = [f"{p.py_name}={_example(p.type, models)}" for p in op.params
                if p.required and p.location != "path"]
    if stream and op.stream_param is not None:
        stream_name = next(p.py_name for p in op.params if p.wire_name == op.stream_param)
        keywords.append(f"{stream_name}=True")
    return f"client.{resource}.{op.method_name}({', '.join(positional + keywords)})"


def _example(type_: TypeExpr, models: dict[str, Model], depth: int = 0) -> str:
    """A value of `type_` as Python source: plain, and accepted by the method's signature."""
    if depth > 4:
        return "..."
    if isinstance(type_, UnionOf):
        members = [m for m in type_.members if m != Primitive("None")]
        literal = next((m for m in members if isinstance(m, (LiteralOf, NamedType))), None)
        return _example(literal or members[0], models, depth + 1) if members else "None"
    if isinstance(type_, LiteralOf):
        return python_literal(type_.values[0])
    if isinstance(type_, NamedType):
        model = models.get(type_.name)
        if model is not None and model.kind == "alias" and model.alias_of is not None:
            return _example(model.alias_of, models, depth + 1)
        if model is not None:  # a model argument also takes a plain mapping of its required fields
            fields = ", ".join(f"{python_literal(f.wire_name)}: {_example(f.type, models, depth + 1)}"
                               for f in model.fields if f.required)
            return "{" + fields + "}"
        return "..."
    if isinstance(type_, FileUpload):
        return 'open("image.png", "rb")'
    if isinstance(type_, ListOf):
        return f"[{_example(type_.item, models, depth + 1)}]"
    if isinstance(type_, MapOf):
        return "{}"
    return _PLACEHOLDERS.get(type_.name, "...")
