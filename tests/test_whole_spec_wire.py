"""The whole upstream spec on the wire (issue 18, point 4): every one of its operations, called
against Steady serving that same file, sends exactly the request it was asked for and parses the
answer strictly into its declared type.

Each operation is called sync and async: with its required arguments only (minimal), and with
every argument it has, every field of every model in them given (every-argument); an operation
that can stream is called both ways again with `stream=True` (the stream twins). The arguments
come from the IR's types (`ir_arguments.py`), not from the generated code. Each call must pass
three checks:

- the request is exactly what was asked: its path, query, headers and body read back (the body by
  werkzeug for a form) equal what the arguments say under OpenAPI's rules, nothing more;
- Steady, which validates every request against the spec, accepts it (`x-steady-request-valid`);
- the client (made with `strict=True`, so an answer that differs from the spec raises
  `SpecDriftError` rather than being kept leniently) returns the declared type, checked model by
  model and field by field against the IR.

An operation that cannot pass for a reason outside this project (an example in the spec that does
not fit its own schema, something Steady cannot read) is in `KNOWN`, with the reason, and must
still fail exactly that way: a call that starts to pass, or fails otherwise, fails the test.

Slow (the whole spec is generated once; its models and black's work are cached in pytest's cache
folder, so a second run takes seconds), so marked `slow`; `make test` and CI run it.
"""

from __future__ import annotations

import asyncio
import datetime
import functools
import importlib
import json
import re
import sys
import uuid
import warnings
from dataclasses import dataclass
from types import ModuleType
from typing import Any, Iterator, List, Mapping, NamedTuple, Optional, Tuple
from urllib.parse import parse_qsl, quote

import httpx
import pytest

from generator.ir.nodes import Api, Model, Operation, Resource
from generator.options import Options
from generator.output.cache import ContentCache
from generator.pipeline import generate_files, load_and_build
from generator.render.views import PAGE_ATTRIBUTES

from .conftest import API_KEY, UPSTREAM_SPEC, SteadyServer, upstream_or_skip
from .ir_arguments import Arguments, conforms
from .test_request_shapes import Part, read_parts

pytestmark = [pytest.mark.slow, pytest.mark.steady]
PACKAGE = "openai_wire"
KINDS = ["sync", "async"]
# How our client writes what OpenAPI leaves open, said to Steady as the official SDK's suite says it:
# a list in a form is `name[]` parts, an object `name[key]` parts.
STEADY_OPTIONS = ("--validator-form-object-format=brackets", "--quiet")
NO_WAIT = {"X-Steady-Stream-Interval-Ms": "0"}  # Steady paces stream events 100 ms apart otherwise


class Known(NamedTuple):
    """A call that fails for a reason outside this project, and how it fails (a regex)."""

    reason: str
    fails_with: str


_EXAMPLE = "the spec's own example answer lacks a field its schema requires"
_RESPONSE_EXAMPLE = Known(f"{_EXAMPLE}: `logprobs` of an `output_text` (OutputTextContent)",
                          r"SpecDriftError: .*\$\.output\[0\]\.content\[0\]\.logprobs: expected a required field")
_SESSION_EXAMPLE = Known(f"{_EXAMPLE}: `state_variables` and `tracing` of a ChatKit session's workflow",
                         r"SpecDriftError: .*\$\.workflow\.state_variables: expected a required field")
_COMPACTION_EXAMPLE = Known(f"{_EXAMPLE}: `id` and `status` of the output items (a compacted conversation)",
                            r"SpecDriftError: .*\$\.output\[0\]\.id: expected a required field")


def _answers(operation_ids: str, known: Known) -> dict[str, Known]:
    """`known` for the calls that answer the example: all but the stream twins (whose events Steady
    makes from the event schema)."""
    return {f"{op}[{label}]": known for op in operation_ids.split() for label in ("minimal", "every-argument")}


# By operationId (method names may change, the spec's ids do not): `id[label]`, or `id` for every call.
KNOWN: Mapping[str, Known] = {
    **_answers("createResponse getResponse cancelResponse beta_createResponse beta_getResponse beta_cancelResponse",
               _RESPONSE_EXAMPLE),
    **_answers("Compactconversation beta_Compactconversation", _COMPACTION_EXAMPLE),
    **_answers("CreateChatSessionMethod CancelChatSessionMethod", _SESSION_EXAMPLE),
    # The spec's `encoding` sends `session` as one `application/json` part, as the official SDK does;
    # Steady reads every part as text (and a bracketed `session[...]` form as text leaves, so no form
    # of a session with a number in it passes).
    "create-realtime-call[every-argument]": Known(
        "Steady reads a multipart part the spec's `encoding` declares `application/json` as a string",
        r"^Steady answered 400: body\.session: Expected type object, got string$"),
}


@dataclass(frozen=True)
class Call:
    resource: Resource
    op: Operation
    full: bool  # every argument, every field; else the required ones only
    stream: bool  # the stream twin: `stream=True`

    @property
    def name(self) -> str:
        return f"{self.resource.attr_name}.{self.op.method_name}"

    @property
    def label(self) -> str:
        return ("every-argument" if self.full else "minimal") + ("-stream" if self.stream else "")

    def known(self) -> Optional[Known]:
        return KNOWN.get(f"{self.op.operation_id}[{self.label}]") or KNOWN.get(self.op.operation_id)

    def arguments(self, models: Mapping[str, Model]) -> dict[str, Any]:
        """Keyword arguments by Python name: the required parameters, or all of them; the stream
        flag is True for a stream twin, False given explicitly for every argument."""
        values = Arguments(models, full=self.full)
        given = {}
        for param in self.op.params:
            if param.wire_name == self.op.stream_param:
                if self.stream or self.full:
                    given[param.py_name] = self.stream
            elif param.required or self.full:
                given[param.py_name] = values.value(param.type, param.constraints)
        return given


@functools.lru_cache(maxsize=None)
def upstream_api() -> Optional[Api]:
    """The whole spec's IR (read once, at collection, to name the calls), or None without ../shared."""
    if not UPSTREAM_SPEC.exists():
        return None
    return load_and_build(UPSTREAM_SPEC, Options(package=PACKAGE))[1]


def every_call(api: Api) -> List[Call]:
    return [Call(resource, op, full, stream) for resource in api.resources for op in resource.operations
            for full in (False, True) for stream in ((False, True) if op.stream_param else (False,))]


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "call" not in metafunc.fixturenames:
        return
    api = upstream_api()
    if api is None:
        reason = f"../shared is absent ({UPSTREAM_SPEC} not found); the upstream-file checks run in CI"
        metafunc.parametrize("call", [pytest.param(None, marks=pytest.mark.skip(reason=reason))])
        return
    metafunc.parametrize("call", every_call(api), ids=lambda call: f"{call.name}-{call.label}")


# ---- the package, Steady, and clients that record what they send ----------------------------------


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest) -> Iterator[ModuleType]:
    spec = upstream_or_skip()
    cache = getattr(request.config, "cache", None)  # absent under `-p no:cacheprovider`
    folder = cache.mkdir("whole-spec-wire") if cache is not None else tmp_path_factory.mktemp("cache")
    out = tmp_path_factory.mktemp("wire")
    for rel, data in generate_files(spec, Options(package=PACKAGE), ContentCache(folder), workers=None).items():
        (out / rel).parent.mkdir(parents=True, exist_ok=True)
        (out / rel).write_bytes(data)
    sys.path.insert(0, str(out))
    try:
        yield importlib.import_module(PACKAGE)
    finally:
        sys.path.remove(str(out))


@pytest.fixture(scope="module")
def steady_whole() -> Iterator[SteadyServer]:
    server = SteadyServer(upstream_or_skip(), *STEADY_OPTIONS)
    yield server
    server.stop()


class Exchange(NamedTuple):
    request: httpx.Request
    body: bytes
    response: httpx.Response


class Wire:
    """A sync and an async client of the package, `strict=True`, each request and answer recorded."""

    def __init__(self, package: ModuleType, client_name: str, base_url: str) -> None:
        self.exchanges: List[Exchange] = []
        self._bodies: List[bytes] = []
        self.loop = asyncio.new_event_loop()
        settings = {"api_key": API_KEY, "base_url": base_url, "max_retries": 0, "strict": True,
                    "default_headers": NO_WAIT}
        self.sync = getattr(package, client_name)(**settings, http_client=httpx.Client(
            event_hooks={"request": [self._sent], "response": [self._answered]}))

        async def sent(request: httpx.Request) -> None:
            self._bodies.append(await request.aread())

        async def answered(response: httpx.Response) -> None:
            self._answered(response)

        self.async_ = getattr(package, f"Async{client_name}")(**settings, http_client=httpx.AsyncClient(
            event_hooks={"request": [sent], "response": [answered]}))

    def _sent(self, request: httpx.Request) -> None:
        self._bodies.append(request.read())

    def _answered(self, response: httpx.Response) -> None:
        self.exchanges.append(Exchange(response.request, self._bodies.pop(), response))

    def call(self, kind: str, call: Call, arguments: Mapping[str, Any]) -> Any:
        """What the method returned (a stream's events as a list)."""
        self.exchanges.clear()
        if kind == "sync":
            result = getattr(getattr(self.sync, call.resource.attr_name), call.op.method_name)(**arguments)
            return list(result) if call.stream else result

        async def run() -> Any:
            method = getattr(getattr(self.async_, call.resource.attr_name), call.op.method_name)
            result = await method(**arguments)  # a page's paginator is awaited for the first page too
            return [event async for event in result] if call.stream else result

        return self.loop.run_until_complete(run())

    def close(self) -> None:
        self.sync.close()
        self.loop.run_until_complete(self.async_.close())
        self.loop.close()


@pytest.fixture(scope="module")
def wire(package: ModuleType, steady_whole: SteadyServer) -> Iterator[Wire]:
    api = upstream_api()
    assert api is not None
    recorded = Wire(package, api.client_name, steady_whole.base_url)
    yield recorded
    recorded.close()


@pytest.fixture(scope="module")
def models() -> Mapping[str, Model]:
    api = upstream_api()
    assert api is not None
    return {model.name: model for model in api.models}


# ---- the test ------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_every_operation_sends_what_it_was_asked_and_parses_strictly(
        call: Call, kind: str, wire: Wire, package: ModuleType, models: Mapping[str, Model]) -> None:
    arguments = call.arguments(models)
    error: Optional[BaseException] = None
    result: Any = None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # deprecated operations and fields warn
        try:
            result = wire.call(kind, call, arguments)
        except Exception as exc:  # judged below: a known failure, or the test's failure
            error = exc
    assert len(wire.exchanges) == 1, f"{len(wire.exchanges)} requests for one call (error: {error!r})"
    exchange = wire.exchanges[0]
    assert_sent_as_asked(call.op, arguments, exchange)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        failure = steady_rejection(exchange) or (f"{type(error).__name__}: {error}" if error is not None else None) \
            or answer_failure(call, result, package, models)
    known = call.known()
    if known is None:
        assert failure is None, failure
        return
    assert failure is not None, f"{call.name}[{call.label}] now passes: take it out of KNOWN ({known.reason})"
    assert re.search(known.fails_with, failure), f"fails otherwise than KNOWN says ({known.reason}): {failure}"
    pytest.xfail(known.reason)


def test_each_known_failure_names_a_call_of_the_spec() -> None:
    """An entry left behind when the spec drops or renames an operation would hide nothing, silently."""
    api = upstream_api()
    if api is None:
        upstream_or_skip()
    assert api is not None
    calls = every_call(api)
    names = {call.op.operation_id for call in calls} | {f"{call.op.operation_id}[{call.label}]" for call in calls}
    assert sorted(set(KNOWN) - names) == []


def steady_rejection(exchange: Exchange) -> Optional[str]:
    """What Steady found wrong with the request, from its `x-steady-error-N-*` headers."""
    headers = exchange.response.headers
    if headers.get("x-steady-request-valid") == "true" and exchange.response.is_success:
        return None
    found = [f"{headers.get(f'x-steady-error-{n}-path')}: {headers.get(f'x-steady-error-{n}-message')}"
             for n in range(1, int(headers.get("x-steady-error-count") or 0) + 1)]
    return f"Steady answered {exchange.response.status_code}: " + "; ".join(found)


def answer_failure(call: Call, result: Any, package: ModuleType, models: Mapping[str, Model]) -> Optional[str]:
    """Where the result is not of the operation's declared type (None when it is)."""
    op, types = call.op, importlib.import_module(f"{PACKAGE}.types")
    if call.stream:
        assert op.stream_event is not None
        if not result:
            return "the stream gave no event"
        return next((f"event {i}: {f}" for i, event in enumerate(result)
                     if (f := conforms(event, op.stream_event, models, types))), None)
    if op.page is not None:
        pages = {"cursor": ("SyncCursorPage", "AsyncCursorPage"), "single": ("SyncPage", "AsyncPage")}[op.page.kind]
        runtime = next(c.__name__ for c in type(result).__mro__ if c.__module__ == f"{PACKAGE}._pagination")
        if runtime not in pages:  # the typed page of the answer model is the runtime's page of its kind
            return f"{type(result).__name__} ({runtime}) is no page of {op.page.kind} kind"
        failure = next((f"item {i}: {f}" for i, item in enumerate(result.data)
                        if (f := conforms(item, op.page.item, models, types))), None)
        if failure is not None:
            return failure
        sent = result.to_dict(use_api_names=False)
        for field in op.page.fields:  # the answer's other fields, read from the page as the user reads them
            if field.py_name in PAGE_ATTRIBUTES or field.py_name == op.page.items:
                continue
            value = getattr(result, field.py_name)
            if value is None and not field.required and field.py_name not in sent:
                continue  # not sent: an optional field reads as None
            wrong = conforms(value, field.type, models, types)
            if wrong:
                return f"page field {field.wire_name}: {wrong}"
        return None
    if op.response is not None:
        return conforms(result, op.response, models, types)
    if op.binary_media:
        binary = importlib.import_module(f"{PACKAGE}._response").BinaryResponse
        fits = type(result) is binary and isinstance(result.content, bytes)
        return None if fits else f"{result!r} is no BinaryResponse"
    return None if result is None else f"{result!r} where the operation answers nothing"


# ---- what the request should be, by OpenAPI's rules ----------------------------------------------


def assert_sent_as_asked(op: Operation, arguments: Mapping[str, Any], exchange: Exchange) -> None:
    request = exchange.request
    given = [(param, _wire(arguments[param.py_name])) for param in op.params if param.py_name in arguments]
    assert request.method == op.http_method.upper()
    path, _, fixed_query = op.path.partition("?")  # `/responses?beta=true`: a path may carry a query
    for param, value in given:
        if param.location == "path":
            assert param.style in ("", "simple"), f"the test knows no path style {param.style!r}"
            path = path.replace("{" + param.wire_name + "}", quote(_text(value), safe=""))
    assert request.url.path == httpx.URL("http://host" + path).path
    query = parse_qsl(fixed_query) + [pair for param, value in given if param.location == "query"
                                      for pair in _query_pairs(param, value)]
    assert sorted(parse_qsl(request.url.query.decode(), keep_blank_values=True)) == sorted(query)
    for param, value in given:
        if param.location == "header":
            assert request.headers.get(param.wire_name) == _simple(value)
        assert param.location != "cookie", "the test knows no cookie parameters"
    body = {param: value for param, value in given if param.location == "body"}
    if op.body is None:
        assert exchange.body == b""
    elif op.body.name == "json":
        assert request.headers["content-type"] == (op.body_media or "application/json")
        sent = json.loads(exchange.body) if exchange.body else {}
        assert _canonical(sent) == _canonical({param.wire_name: value for param, value in body.items()})
    elif op.body.name == "multipart":
        assert request.headers["content-type"].startswith("multipart/form-data; boundary=")
        assert read_parts(exchange.body, request.headers["content-type"]) == _form(body)
    else:
        raise AssertionError(f"the test knows no {op.body.name} body")


def _wire(value: Any) -> Any:
    """An argument as JSON data: dates in ISO 8601, UUIDs as text (the only values the arguments hold
    that JSON has not)."""
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, list):
        return [_wire(item) for item in value]
    if isinstance(value, dict):
        return {key: _wire(item) for key, item in value.items()}
    return value


def _text(value: Any) -> str:
    """A value in a query, path or header, as JSON writes it (a string as itself)."""
    return value if isinstance(value, str) else json.dumps(value, separators=(",", ":"))


def _simple(value: Any) -> str:
    return ",".join(_text(item) for item in value) if isinstance(value, list) else _text(value)


def _query_pairs(param: Any, value: Any) -> List[Tuple[str, str]]:
    style = param.style or "form"
    explode = param.explode if param.explode is not None else style == "form"
    if value is None:
        return []
    if isinstance(value, dict):
        if style == "deepObject":
            return [(f"{param.wire_name}[{key}]", _text(item)) for key, item in value.items()]
        assert style == "form" and explode, f"the test knows no object query style {style!r}"
        return [(key, _text(item)) for key, item in value.items()]
    if isinstance(value, list):
        assert style == "form", f"the test knows no list query style {style!r}"
        return [(param.wire_name, _text(item)) for item in value] if explode else \
            [(param.wire_name, ",".join(_text(item) for item in value))]
    return [(param.wire_name, _text(value))]


def _canonical(value: Any) -> str:
    """JSON text that tells `1` from `1.0` and `true`, whatever the order of keys."""
    return json.dumps(value, sort_keys=True)


def _form(body: Mapping[Any, Any]) -> List[Part]:
    """The parts a form of these arguments holds, sorted: in the official SDK's bracket form (`name[]`
    for each item of a list, `name[key]` for each field of an object), but one part of its own type
    for a field the spec's `encoding` gives a content type (JSON text for a JSON type)."""
    parts: List[Part] = []

    def add(name: str, value: Any, is_file: bool) -> None:
        if value is None or value == "":
            return
        if isinstance(value, bytes) and is_file:
            parts.append((name, "file", value.decode("latin-1")))
        elif isinstance(value, list):
            for item in value:
                add(f"{name}[]", item, is_file)
        elif isinstance(value, dict):
            for key, item in value.items():
                add(f"{name}[{key}]", item, False)
        else:
            parts.append((name, "", "true" if value is True else "false" if value is False else str(value)))

    for param, value in body.items():
        json_part = param.part_type == "application/json" or param.part_type.endswith("+json")
        if json_part:  # `null` too
            parts.append((param.wire_name, param.part_type, json.dumps(value, sort_keys=True)))
        elif param.part_type and value is not None:
            parts.append((param.wire_name, param.part_type, value if isinstance(value, str) else json.dumps(value)))
        elif not param.part_type:
            add(param.wire_name, value, param.files != "none")
    return sorted(parts)
