"""Server-sent event streams under every shape a server can send, sync and async."""

from __future__ import annotations

import json

import pytest

from .conftest import API_KEY, Driver
from .scripted_server import Reply, ScriptedServer

SSE = {"content-type": "text/event-stream"}


def event(payload: dict[str, object], name: str | None = None) -> bytes:
    head = f"event: {name}\n" if name else ""
    return f"{head}data: {json.dumps(payload)}\n\n".encode()


PARTIAL = {"type": "image_generation.partial_image", "b64_json": "cA==", "background": "auto", "created_at": 1,
           "output_format": "png", "partial_image_index": 0, "quality": "low", "size": "1024x1024"}
COMPLETED = {"type": "image_generation.completed", "b64_json": "Zg==", "background": "opaque", "created_at": 2,
             "output_format": "png", "quality": "high", "size": "1024x1024",
             "usage": {"input_tokens": 1, "output_tokens": 2, "total_tokens": 3,
                       "input_tokens_details": {"image_tokens": 0, "text_tokens": 1}}}


def stream(driver: Driver, server: ScriptedServer, *chunks: bytes, **reply: object) -> list[object]:
    server.script(Reply(headers=SSE, chunks=list(chunks), **reply))  # type: ignore[arg-type]
    return driver.call("generate", prompt="otter", stream=True)  # type: ignore[return-value]


def test_typed_events(driver: Driver, server: ScriptedServer) -> None:
    from images_client.types import ImageGenCompletedEvent, ImageGenPartialImageEvent

    events = stream(driver, server, event(PARTIAL, "image_generation.partial_image"), event(COMPLETED))
    assert [type(e) for e in events] == [ImageGenPartialImageEvent, ImageGenCompletedEvent]
    assert events[1].usage.total_tokens == 3


def test_crlf_and_cr_line_ends_split_across_chunks(driver: Driver, server: ScriptedServer) -> None:
    raw = b"data: " + json.dumps(PARTIAL).encode() + b"\r\n\r\n" + b"data: " + json.dumps(COMPLETED).encode() + b"\r\r"
    pieces = [raw[i : i + 7] for i in range(0, len(raw), 7)]
    # also split exactly between "\r" and "\n"
    cut = raw.index(b"\r\n") + 1
    events = stream(driver, server, raw[:cut], raw[cut:])
    assert [e.type for e in events] == ["image_generation.partial_image", "image_generation.completed"]
    server.requests.clear()
    assert [e.type for e in stream(driver, server, *pieces)] == [e.type for e in events]


def test_multi_line_data_comments_and_done(driver: Driver, server: ScriptedServer) -> None:
    text = json.dumps(PARTIAL, indent=1)
    body = ": keep-alive\n" + "".join(f"data: {line}\n" for line in text.splitlines()) + "\n"
    body += "data: [DONE]\n\n" + "data: {\"type\": \"never\"}\n\n"
    events = stream(driver, server, body.encode())
    assert len(events) == 1 and events[0].partial_image_index == 0


def test_error_payload_raises_api_error(driver: Driver, server: ScriptedServer) -> None:
    from images_client import APIError

    error = {"type": "error", "error": {"message": "moderation blocked", "code": "moderation", "type": "image_error"}}
    with pytest.raises(APIError) as info:
        stream(driver, server, event(PARTIAL), event(error))
    assert info.value.message == "moderation blocked"
    assert (info.value.code, info.value.type) == ("moderation", "image_error")


def test_unknown_event_type_is_not_mistyped(driver: Driver, server: ScriptedServer) -> None:
    from images_client import UnknownEvent

    newer = {"type": "image_generation.moderated", "reason": "policy", "created_at": 3}
    events = stream(driver, server, event(newer), event(COMPLETED))
    assert type(events[0]) is UnknownEvent
    assert events[0].type == "image_generation.moderated" and events[0].reason == "policy"
    assert events[1].type == "image_generation.completed"


def test_event_only_block_is_an_error(driver: Driver, server: ScriptedServer) -> None:
    from images_client import APIError

    with pytest.raises(APIError, match="no data"):
        stream(driver, server, event(PARTIAL), b"event: image_generation.completed\n\n")


def test_stream_ending_mid_event_is_an_error(driver: Driver, server: ScriptedServer) -> None:
    from images_client import APIError

    with pytest.raises(APIError, match="middle of an event"):
        stream(driver, server, event(PARTIAL), b'data: {"type": "image_generation.comp')


def test_connection_dropped_mid_stream(driver: Driver, server: ScriptedServer) -> None:
    from images_client import APIConnectionError

    with pytest.raises(APIConnectionError):
        stream(driver, server, event(PARTIAL), event(COMPLETED), cut_after=len(event(PARTIAL)) + 20)


def test_invalid_json_in_an_event(driver: Driver, server: ScriptedServer) -> None:
    from images_client import APIResponseValidationError

    with pytest.raises(APIResponseValidationError, match="not JSON"):
        stream(driver, server, b"data: {oops\n\n")


def test_json_answer_to_a_stream_request(driver: Driver, server: ScriptedServer) -> None:
    from images_client import APIResponseValidationError

    server.script(Reply(body=b'{"created": 1}'))
    with pytest.raises(APIResponseValidationError, match="application/json"):
        driver.call("generate", prompt="otter", stream=True)


def test_http_error_on_a_stream_request_after_retries(driver: Driver, server: ScriptedServer) -> None:
    from images_client import RateLimitError

    driver.client = driver.client.with_options(max_retries=1)
    driver.record_sleeps()
    server.script(Reply(status=429, body=b'{"error": {"message": "slow down"}}'),
                  Reply(status=429, body=b'{"error": {"message": "slow down"}}'))
    with pytest.raises(RateLimitError):
        driver.call("generate", prompt="otter", stream=True)
    assert len(server.requests) == 2


def test_breaking_out_releases_the_connection(server: ScriptedServer) -> None:
    from images_client import ImagesClient

    server.script(Reply(headers=SSE, chunks=[event(PARTIAL)] * 5))
    with ImagesClient(api_key=API_KEY, base_url=server.base_url) as client:
        events = client.images.generate(prompt="otter", stream=True)
        for _ in events:
            break
        assert events.response.is_closed
        assert list(events) == []  # nothing more after close


def test_stream_as_context_manager_closes(server: ScriptedServer) -> None:
    from images_client import ImagesClient

    server.script(Reply(headers=SSE, chunks=[event(PARTIAL)] * 3))
    with ImagesClient(api_key=API_KEY, base_url=server.base_url) as client:
        with client.images.generate(prompt="otter", stream=True) as events:
            first = next(iter(events))
        assert first.type == "image_generation.partial_image"
        assert events.response.is_closed


async def test_async_break_releases_the_connection(server: ScriptedServer) -> None:
    import asyncio

    from images_client import AsyncImagesClient

    server.script(Reply(headers=SSE, chunks=[event(PARTIAL)] * 5))
    async with AsyncImagesClient(api_key=API_KEY, base_url=server.base_url) as client:
        events = await client.images.generate(prompt="otter", stream=True)
        async with events:
            async for _ in events:
                break
        await asyncio.sleep(0)
        assert events.response.is_closed


@pytest.mark.parametrize("chunk_size", [4 * 1024, 16 * 1024])
def test_image_sized_events_in_record_sized_chunks(driver: Driver, server: ScriptedServer, chunk_size: int) -> None:
    """Partial images are megabytes of base64 in one event, arriving in TLS-record-sized pieces."""
    import base64
    import os

    images = [base64.b64encode(os.urandom(1_100_000 + i)).decode() for i in range(3)]
    body = b"".join(event({**PARTIAL, "partial_image_index": i, "b64_json": image}, PARTIAL["type"])
                    for i, image in enumerate(images)) + event(COMPLETED)
    events = stream(driver, server, *[body[i : i + chunk_size] for i in range(0, len(body), chunk_size)])
    assert [e.b64_json for e in events[:3]] == images
    assert events[3].type == "image_generation.completed"
