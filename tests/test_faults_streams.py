"""Streams and raw answers under faults (CONTRACT "Faults, lifetime and bad arguments"), sync and
async: a hostile `retry:`, a repeated content type, error events in either form, a stream dropped
unread, and the async raw response awaited as the official package's `AsyncAPIResponse` is."""

from __future__ import annotations

import asyncio
import gc
import inspect
import json
import sys
import warnings
from contextlib import contextmanager
from typing import Any, Iterator, List

import httpx
import pytest

from .conftest import API_KEY, Driver
from .scripted_server import Reply, ScriptedServer

SSE = {"content-type": "text/event-stream"}
JSON = {"content-type": "application/json", "x-request-id": "req_5"}
PARTIAL = {"type": "image_generation.partial_image", "b64_json": "cA==", "background": "auto", "created_at": 1,
           "output_format": "png", "partial_image_index": 0, "quality": "low", "size": "1024x1024"}


def event(payload: object, name: str | None = None) -> bytes:
    head = f"event: {name}\n" if name else ""
    return f"{head}data: {json.dumps(payload)}\n\n".encode()


# ---- a `retry:` longer than Python converts ----


def test_a_5000_digit_retry_is_ignored_by_the_decoder() -> None:
    from images_client._streaming import SSEDecoder

    decoder = SSEDecoder()
    events = decoder.feed(b"retry: 7\nretry: " + b"9" * 5000 + b"\ndata: x\n\nretry: " + b"1" * 5000 + b"\ndata: y\n\n")
    assert decoder.error is None
    assert [(e.data, e.retry) for e in events] == [("x", 7), ("y", None)]  # ignored: the earlier value stands


def test_a_5000_digit_retry_does_not_break_a_stream(driver: Driver, server: ScriptedServer) -> None:
    server.script(Reply(headers=SSE, chunks=[b"retry: " + b"9" * 5000 + b"\n" + event(PARTIAL)]))
    events, error = driver.collect("generate", prompt="otter", stream=True)
    assert error is None and [e.type for e in events] == ["image_generation.partial_image"]


# ---- a content type a proxy repeated ----


@pytest.mark.parametrize("values", [
    ["text/event-stream", "text/event-stream"],
    ["text/event-stream; charset=utf-8", "Text/Event-Stream"],
    ["text/event-stream, text/event-stream"],  # the same, folded into one line
])
def test_a_repeated_event_stream_content_type_is_still_a_stream(driver: Driver, server: ScriptedServer,
                                                                values: List[str]) -> None:
    server.script(Reply(headers={}, header_lines=[("Content-Type", v) for v in values], chunks=[event(PARTIAL)]))
    events, error = driver.collect("generate", prompt="otter", stream=True)
    assert error is None and [e.type for e in events] == ["image_generation.partial_image"]


def test_content_types_that_disagree_are_not_a_stream(driver: Driver, server: ScriptedServer) -> None:
    from images_client import APIResponseValidationError

    lines = [("Content-Type", "text/event-stream"), ("Content-Type", "application/json")]
    server.script(Reply(headers={}, header_lines=lines, body=b'{"created": 1}'))
    with pytest.raises(APIResponseValidationError, match="application/json"):
        driver.call("generate", prompt="otter", stream=True)


# ---- error events, nested and flat ----

FLAT = {"type": "error", "code": "rate_limit_exceeded", "message": "slow down", "param": None, "sequence_number": 2}
NESTED = {"type": "error", "error": {"message": "moderation blocked", "code": "moderation", "type": "image_error"}}
ERROR_EVENTS = {
    "event-error-flat": (event(FLAT, "error"), "slow down", "rate_limit_exceeded"),
    "flat-payload-unnamed": (event(FLAT), "slow down", "rate_limit_exceeded"),
    "event-error-without-type": (event({"message": "boom", "code": "c1"}, "error"), "boom", "c1"),
    "nested": (event(NESTED), "moderation blocked", "moderation"),
    "nested-named": (event(NESTED, "error"), "moderation blocked", "moderation"),
    "nested-without-type": (event({"error": {"message": "nope", "code": "c2"}}), "nope", "c2"),
    "event-error-text": (b"event: error\ndata: upstream timed out\n\n", "upstream timed out", None),
}


@pytest.mark.parametrize("raw, message, code", ERROR_EVENTS.values(), ids=ERROR_EVENTS.keys())
def test_an_error_event_raises_api_error(driver: Driver, server: ScriptedServer, raw: bytes, message: str,
                                         code: str | None) -> None:
    from images_client import APIError

    server.script(Reply(headers=SSE, chunks=[event(PARTIAL), raw, event(PARTIAL)]))
    events, error = driver.collect("generate", prompt="otter", stream=True)
    assert len(events) == 1  # the event before it, then the error; nothing after
    assert type(error) is APIError, error
    assert message in error.message and error.code == code


def test_an_error_event_keeps_the_nested_type(driver: Driver, server: ScriptedServer) -> None:
    server.script(Reply(headers=SSE, chunks=[event(NESTED)]))
    _, error = driver.collect("generate", prompt="otter", stream=True)
    assert (error.code, error.type, error.body) == ("moderation", "image_error", NESTED["error"])  # type: ignore[union-attr]


@pytest.mark.parametrize("raw", [event({"type": "error", "message": f"bad key {API_KEY}", "code": API_KEY}),
                                 f"event: error\ndata: bad key {API_KEY}\n\n".encode()], ids=["flat", "text"])
def test_an_error_event_never_shows_the_api_key(driver: Driver, server: ScriptedServer, raw: bytes) -> None:
    server.script(Reply(headers=SSE, chunks=[raw]))
    _, error = driver.collect("generate", prompt="otter", stream=True)
    assert error is not None and "bad key" in str(error)
    assert API_KEY not in f"{error} {error!r} {error.body} {error.code}"  # type: ignore[attr-defined]


def test_a_field_merely_named_error_is_not_an_error(driver: Driver, server: ScriptedServer) -> None:
    newer = {"type": "image_generation.moderated", "error": None, "status": "error", "created_at": 3}
    server.script(Reply(headers=SSE, chunks=[event(newer)]))
    events, error = driver.collect("generate", prompt="otter", stream=True)
    assert error is None and [e.type for e in events] == ["image_generation.moderated"]


# ---- an event:-only block after empty data lines ----


def test_an_event_only_block_after_empty_data_lines_raises(driver: Driver, server: ScriptedServer) -> None:
    """The empty `data:` line joins the next (JSON allows the leading line feed); the block after
    names an event with no data: the message is delivered, then the contract's error."""
    from images_client import APIError

    body = b"data:\ndata: " + json.dumps(PARTIAL).encode() + b"\n\nevent\n\n\n"
    server.script(Reply(headers=SSE, chunks=[body]))
    events, error = driver.collect("generate", prompt="otter", stream=True)
    assert [e.type for e in events] == ["image_generation.partial_image"]
    assert type(error) is APIError and "no data" in str(error)


def test_empty_data_lines_alone_are_a_message_that_is_not_json(driver: Driver, server: ScriptedServer) -> None:
    from images_client import APIResponseValidationError

    server.script(Reply(headers=SSE, chunks=[b"data:\ndata\n\nevent\n\n\n"]))
    events, error = driver.collect("generate", prompt="otter", stream=True)
    assert events == [] and isinstance(error, APIResponseValidationError) and "not JSON" in str(error)


# ---- a stream dropped unread gives its connection back ----


@contextmanager
def nothing_leaks() -> Iterator[None]:
    """Fail on any ResourceWarning, and on any exception raised where no caller sees it (a finalizer)."""
    unraisable: List[Any] = []
    with warnings.catch_warnings():  # what earlier tests left behind is theirs: collected first, unseen
        warnings.simplefilter("ignore")
        gc.collect()
    enabled = gc.isenabled()
    gc.disable()  # so nothing of theirs is collected in the middle of this one
    hook, sys.unraisablehook = sys.unraisablehook, unraisable.append
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            yield
            gc.collect()
    finally:
        sys.unraisablehook = hook
        if enabled:
            gc.enable()
    assert [w for w in caught if issubclass(w.category, (ResourceWarning, RuntimeWarning))] == []
    assert unraisable == []


def one_connection(kind: str) -> Any:
    """A pool of one connection that gives up waiting for it after a second."""
    options: Any = dict(limits=httpx.Limits(max_connections=1), timeout=httpx.Timeout(10.0, pool=1.0))
    return httpx.AsyncClient(**options) if kind == "async" else httpx.Client(**options)


@pytest.mark.parametrize("taken", [0, 1])
def test_a_dropped_stream_releases_its_connection(server: ScriptedServer, taken: int) -> None:
    from images_client import ImagesClient

    server.script(Reply(headers=SSE, chunks=[event(PARTIAL)] * 3), Reply())
    with one_connection("sync") as pool, nothing_leaks():
        client = ImagesClient(api_key=API_KEY, base_url=server.base_url, http_client=pool, max_retries=0)
        stream = client.images.generate(prompt="otter", stream=True)
        for _ in range(taken):
            next(stream)
        del stream
        gc.collect()
        assert client.images.generate(prompt="otter").created == 1  # the pool's one connection is free


@pytest.mark.parametrize("taken", [0, 1])
async def test_a_dropped_async_stream_releases_its_connection(server: ScriptedServer, taken: int) -> None:
    from images_client import AsyncImagesClient

    server.script(Reply(headers=SSE, chunks=[event(PARTIAL)] * 3), Reply())
    async with one_connection("async") as pool:
        with nothing_leaks():
            client = AsyncImagesClient(api_key=API_KEY, base_url=server.base_url, http_client=pool, max_retries=0)
            stream = await client.images.generate(prompt="otter", stream=True)
            for _ in range(taken):
                await stream.__anext__()
            del stream
            gc.collect()
            answer = await asyncio.wait_for(client.images.generate(prompt="otter"), timeout=5)
            assert answer.created == 1


def test_an_async_stream_dropped_while_its_loop_is_idle_is_released_when_it_runs(server: ScriptedServer) -> None:
    """Collected outside the loop (a finalizer cannot await): the close waits for the loop's next run."""
    from images_client import AsyncImagesClient

    server.script(Reply(headers=SSE, chunks=[event(PARTIAL)] * 3), Reply())
    loop = asyncio.new_event_loop()
    pool = one_connection("async")
    try:
        with nothing_leaks():
            client = AsyncImagesClient(api_key=API_KEY, base_url=server.base_url, http_client=pool, max_retries=0)
            stream = loop.run_until_complete(client.images.generate(prompt="otter", stream=True))
            del stream
            gc.collect()
            assert loop.run_until_complete(client.images.generate(prompt="otter")).created == 1
    finally:
        loop.run_until_complete(pool.aclose())
        loop.close()


# ---- the async raw response is awaited, as the official package's AsyncAPIResponse ----


async def official_snippet(raw: Any) -> dict[str, Any]:
    """Code written for the official package's `AsyncAPIResponse`, run unchanged on either."""
    parsed = await raw.parse()
    return {"created": parsed.created, "request_id": parsed._request_id, "read": await raw.read(),
            "text": await raw.text(), "json": await raw.json(), "as_dict": await raw.parse(to=dict),
            "status": raw.status_code, "header": raw.headers["x-request-id"], "closed": raw.is_closed}


async def test_async_raw_response_runs_code_written_for_the_official_one(server: ScriptedServer) -> None:
    openai = pytest.importorskip("openai")
    from images_client import AsyncAPIResponse, AsyncImagesClient

    body = b'{"created": 4, "data": [{"url": "https://example.test/a.png"}]}'
    server.script(Reply(headers=JSON, body=body), Reply(headers=JSON, body=body))
    async with AsyncImagesClient(api_key=API_KEY, base_url=server.base_url, max_retries=0) as client:
        raw = await client.images.with_raw_response.generate(prompt="otter")
        assert type(raw) is AsyncAPIResponse and raw.retries_taken == 0
        ours = await official_snippet(raw)
    # the official AsyncAPIResponse (its with_streaming_response gives one), on the same answer
    async with openai.AsyncOpenAI(api_key=API_KEY, base_url=server.base_url, max_retries=0) as official:
        async with official.images.with_streaming_response.generate(prompt="otter") as response:
            assert type(response) is openai._response.AsyncAPIResponse
            theirs = await official_snippet(response)
    assert ours == theirs and ours["created"] == 4 and ours["read"] == body


def test_async_raw_response_has_the_official_methods_awaitable() -> None:
    official = pytest.importorskip("openai._response").AsyncAPIResponse
    from images_client import AsyncAPIResponse

    for name, member in vars(official).items():
        if name.startswith("_") or not callable(member):
            continue
        ours = getattr(AsyncAPIResponse, name)
        assert inspect.iscoroutinefunction(ours) == inspect.iscoroutinefunction(member), name
        assert inspect.isasyncgenfunction(ours) == inspect.isasyncgenfunction(member), name


async def test_async_raw_stream_response_parses_to_a_stream_when_awaited(server: ScriptedServer) -> None:
    from images_client import AsyncImagesClient, AsyncStream

    server.script(Reply(headers=SSE, chunks=[event(PARTIAL)]))
    async with AsyncImagesClient(api_key=API_KEY, base_url=server.base_url, max_retries=0) as client:
        raw = await client.images.with_raw_response.generate(prompt="otter", stream=True)
        stream = await raw.parse()
        assert type(stream) is AsyncStream and await raw.parse() is stream
        assert [e.type async for e in stream] == ["image_generation.partial_image"] and raw.is_closed


def test_sync_raw_response_stays_a_plain_api_response(server: ScriptedServer) -> None:
    from images_client import APIResponse, ImagesClient

    server.script(Reply(headers=JSON, body=b'{"created": 4}'))
    with ImagesClient(api_key=API_KEY, base_url=server.base_url, max_retries=0) as client:
        raw = client.images.with_raw_response.generate(prompt="otter")
        assert type(raw) is APIResponse
        assert raw.parse().created == 4 and raw.content == b'{"created": 4}' and raw.text == '{"created": 4}'
