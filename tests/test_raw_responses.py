"""`with_raw_response` and `with_streaming_response`, used the way users of the official package
use them (sync and async), and the attributes they reach for."""

from __future__ import annotations

import json

import httpx
import pytest

from .conftest import API_KEY, Driver
from .scripted_server import Reply, ScriptedServer

JSON = {"content-type": "application/json", "x-request-id": "req_7"}
SSE = {"content-type": "text/event-stream"}
PARTIAL = {"type": "image_generation.partial_image", "b64_json": "cA==", "background": "auto", "created_at": 1,
           "output_format": "png", "partial_image_index": 0, "quality": "low", "size": "1024x1024"}
RAW_ATTRIBUTES = ["headers", "http_request", "status_code", "url", "method", "content", "text", "http_version",
                  "is_closed", "elapsed", "retries_taken", "request_id", "parse", "http_response"]
# the async client's raw answer is the official package's AsyncAPIResponse: the body is awaited
ASYNC_RAW_ATTRIBUTES = ["headers", "http_request", "status_code", "url", "method", "http_version", "is_closed",
                        "elapsed", "retries_taken", "request_id", "parse", "read", "text", "json", "close",
                        "iter_bytes", "iter_text", "iter_lines", "http_response"]


def test_raw_response_has_what_the_official_one_has(driver: Driver, server: ScriptedServer) -> None:
    driver.client = driver.client.with_options(max_retries=1)
    driver.record_sleeps()
    server.script(Reply(status=500, body=b'{"error": {"message": "x"}}'), Reply(headers=JSON, body=b'{"created": 3}'))
    raw = driver.run(driver.client.images.with_raw_response.generate(prompt="otter"))
    assert all(hasattr(raw, name) for name in (RAW_ATTRIBUTES if driver.kind == "sync" else ASYNC_RAW_ATTRIBUTES))
    assert raw.retries_taken == 1 and raw.is_closed  # read: the connection is back in the pool
    assert isinstance(raw.http_request, httpx.Request) and raw.http_request.method == raw.method == "POST"
    assert raw.http_request.url.path == "/images/generations"
    if driver.kind == "sync":
        assert raw.content == b'{"created": 3}' and raw.text == '{"created": 3}'
    else:
        assert driver.run(raw.read()) == b'{"created": 3}' and driver.run(raw.text()) == '{"created": 3}'
    assert driver.run(raw.json()) == {"created": 3}
    assert raw.status_code == 200 and raw.request_id == "req_7" and raw.http_version == "HTTP/1.1"
    parsed = driver.run(raw.parse())  # a plain call on the sync client, awaited on the async one
    assert parsed.created == 3 and driver.run(raw.parse()) is parsed
    assert driver.run(raw.parse(to=dict)) == {"created": 3}


def test_official_raw_response_has_the_same_attributes() -> None:
    """The lists above are the official package's own: its `LegacyAPIResponse` (which its sync
    with_raw_response gives) and its `AsyncAPIResponse`."""
    legacy = pytest.importorskip("openai._legacy_response")
    official = pytest.importorskip("openai._response")
    assert all(hasattr(legacy.LegacyAPIResponse, name) for name in RAW_ATTRIBUTES if name not in (
        "retries_taken", "http_response"))  # set per instance there
    assert all(hasattr(official.AsyncAPIResponse, name) for name in ASYNC_RAW_ATTRIBUTES if name not in (
        "retries_taken", "http_response"))


def test_raw_stream_response_parses_to_a_stream(driver: Driver, server: ScriptedServer) -> None:
    server.script(Reply(headers=SSE, chunks=[f"data: {json.dumps(PARTIAL)}\n\n".encode()]))
    raw = driver.run(driver.client.images.with_raw_response.generate(prompt="otter", stream=True))
    assert not raw.is_closed  # the stream is still to be read
    stream = driver.run(raw.parse())
    assert type(stream).__name__ == ("AsyncStream" if driver.kind == "async" else "Stream")
    if driver.kind == "async":
        async def drain() -> list[object]:
            return [e async for e in stream]

        events = driver.run(drain())
    else:
        events = list(stream)
    assert [e.type for e in events] == ["image_generation.partial_image"] and raw.is_closed


def test_streaming_response_reads_lines_on_demand(server: ScriptedServer) -> None:
    from images_client import ImagesClient

    server.script(Reply(headers=JSON, chunks=[b'{"created":', b" 1}\n", b'{"x": 2}']))
    with ImagesClient(api_key=API_KEY, base_url=server.base_url) as client:
        with client.images.with_streaming_response.generate(prompt="otter") as response:
            assert response.retries_taken == 0 and not response.is_closed
            assert list(response.iter_lines()) == ['{"created": 1}', '{"x": 2}']
        assert response.is_closed


async def test_async_streaming_response_parse_is_awaited(server: ScriptedServer) -> None:
    from images_client import AsyncImagesClient

    server.script(Reply(headers=JSON, body=b'{"created": 9}'))
    async with AsyncImagesClient(api_key=API_KEY, base_url=server.base_url) as client:
        async with client.images.with_streaming_response.generate(prompt="otter") as response:
            parsed = await response.parse()
            assert parsed.created == 9 and parsed._request_id == "req_7"
            assert await response.json() == {"created": 9}
        assert response.is_closed
