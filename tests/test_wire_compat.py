"""Our client and the official `openai` package, driven through the same scripted server.

For every case both clients make the same calls; their requests must match once the headers
that name the package (User-Agent, X-Stainless-*) are set aside and multipart boundaries are
normalised, and their parsed results must match. The differences CONTRACT.md asks for (the
"better" points) are tested one by one at the end, each showing both behaviours.
"""

from __future__ import annotations

import asyncio
import io
import json
import re
import warnings
from pathlib import Path
from typing import Any, Callable

import pytest

from .conftest import API_KEY
from .scripted_server import Recorded, Reply, ScriptedServer

openai = pytest.importorskip("openai")

PNG = b"\x89PNG\r\n\x1a\n" + b"\x07" * 40
UNKNOWN = b"just some bytes"
IGNORED_HEADERS = re.compile(r"^(user-agent|x-stainless-.*|host|content-length)$")
RESPONSE = {"created": 1713833628, "data": [{"b64_json": "aGk=", "revised_prompt": "otter"}],
            "background": "opaque", "output_format": "png", "quality": "high", "size": "1024x1024",
            "usage": {"input_tokens": 50, "output_tokens": 50, "total_tokens": 100,
                      "input_tokens_details": {"text_tokens": 10, "image_tokens": 40}}}


def normalise(request: Recorded) -> dict[str, Any]:
    headers = {k.lower(): v for k, v in request.header_list if not IGNORED_HEADERS.match(k.lower())}
    body: Any = request.body
    content_type = headers.get("content-type", "")
    if content_type.startswith("multipart/form-data"):
        boundary = content_type.split("boundary=")[1]
        headers["content-type"] = "multipart/form-data; boundary=<b>"
        body = request.body.replace(boundary.encode(), b"<b>")
    elif content_type == "application/json":
        body = json.loads(request.body)  # key order is not significant in JSON
    return {"method": request.method, "target": request.target, "headers": headers, "body": body}


def dump(value: Any) -> Any:
    if isinstance(value, list):
        return [dump(v) for v in value]
    if hasattr(value, "model_dump"):
        return value.model_dump(mode="json", exclude_unset=True, by_alias=True)
    return value


def run_both(call: Callable[[Any], Any], replies: Callable[[], list[Reply]], *, is_async: bool = False,
             **options: Any) -> tuple[list[dict[str, Any]], list[dict[str, Any]], Any, Any]:
    """(our requests, official requests, our result, official result); errors become results."""
    import images_client

    outcomes = []
    for make in ((images_client.AsyncImagesClient if is_async else images_client.ImagesClient),
                 (openai.AsyncOpenAI if is_async else openai.OpenAI)):
        server = ScriptedServer()
        server.script(*replies())
        client = make(api_key=API_KEY, base_url=server.base_url, **{"max_retries": 0, **options})
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", DeprecationWarning)  # openai marks some params deprecated
                result = asyncio.run(_drain_async(call(client))) if is_async else _drain(call(client))
        except openai.APIError as exc:
            result = ("error", type(exc).__name__, exc.status_code if hasattr(exc, "status_code") else None,
                      exc.body, exc.code, exc.param, exc.type)
        except images_client.APIError as exc:
            result = ("error", type(exc).__name__, getattr(exc, "status_code", None), exc.body, exc.code, exc.param,
                      exc.type)
        finally:
            server.close()
        outcomes.append(([normalise(r) for r in server.requests], dump(result)))
    (ours, our_result), (theirs, their_result) = outcomes
    return ours, theirs, our_result, their_result


def _drain(result: Any) -> Any:
    return list(result) if type(result).__name__ == "Stream" else result


async def _drain_async(awaitable: Any) -> Any:
    result = await awaitable
    if type(result).__name__ == "AsyncStream":
        return [event async for event in result]
    return result


def ok() -> list[Reply]:
    return [Reply(body=json.dumps(RESPONSE).encode())]


def assert_same(call: Callable[[Any], Any], replies: Callable[[], list[Reply]] = ok, **kwargs: Any) -> None:
    ours, theirs, our_result, their_result = run_both(call, replies, **kwargs)
    assert ours == theirs
    assert our_result == their_result


# ---- the matrix: identical on the wire and in results ----

GENERATE_CASES = {
    "minimal": dict(prompt="otter"),
    "every-parameter": dict(prompt="otter", background="opaque", model="gpt-image-1.5", moderation="low", n=2,
                            output_compression=80, output_format="webp", partial_images=2, quality="high",
                            response_format="b64_json", size="1536x864", stream=False, style="vivid", user="u-1"),
    "explicit-none": dict(prompt="otter", background=None, model=None, moderation=None, n=None,
                          output_compression=None, output_format=None, partial_images=None, quality=None,
                          response_format=None, size=None, stream=None, style=None),
    "extras": dict(prompt="otter", extra_headers={"X-Trace": "t1"}, extra_query={"debug": "1"},
                   extra_body={"seed": 3}),
}


@pytest.mark.parametrize("kwargs", GENERATE_CASES.values(), ids=GENERATE_CASES.keys())
def test_generate(kwargs: dict[str, Any]) -> None:
    assert_same(lambda c: c.images.generate(**kwargs))


def edit_cases(tmp: Path) -> dict[str, dict[str, Any]]:
    on_disk = tmp / "photo.png"
    on_disk.write_bytes(PNG)
    named = io.BytesIO(PNG)
    named.name = "/some/dir/named.png"
    return {
        "unknown-bytes": dict(image=UNKNOWN, prompt="hat"),
        "named-file-object": dict(image=named, prompt="hat"),
        "path": dict(image=on_disk, prompt="hat"),
        "open-file": dict(image=on_disk.open("rb"), prompt="hat"),
        "tuple": dict(image=("a.png", PNG), prompt="hat"),
        "tuple-with-type": dict(image=("a.bin", PNG, "image/png"), prompt="hat"),
        "list-of-one": dict(image=[("a.png", PNG)], prompt="hat"),
        "list-and-mask": dict(image=[("a.png", PNG), ("b.webp", UNKNOWN)], mask=("m.png", PNG), prompt="hat"),
        "every-parameter": dict(image=("a.png", PNG), prompt="hat", background="transparent", input_fidelity="high",
                                model="gpt-image-2", n=3, output_compression=0, output_format="jpeg",
                                partial_images=0, quality="auto", response_format="url", size="auto",
                                stream=False, user="u"),
        "none-is-left-out": dict(image=("a.png", PNG), prompt="hat", n=None, size=None, output_format=None),
        "extras": dict(image=("a.png", PNG), prompt="hat", extra_body={"seed": 4}, extra_headers={"X-A": "b"},
                       extra_query={"q": "1"}),
        "nested-extra-body": dict(image=("a.png", PNG), prompt="hat", extra_body={
            "meta": {"k": 1, "flag": True, "tags": ["a", "b"], "deep": {"x": 2.5, "none": None}},
            "ids": [1, {"id": 2}]}),
        "hostile-filename": dict(image=("we\"ird\r\nX-Injected: 1\\ä.png", PNG), prompt="hat"),
    }


EDIT_IDS = ["unknown-bytes", "named-file-object", "path", "open-file", "tuple", "tuple-with-type", "list-of-one",
            "list-and-mask", "every-parameter", "none-is-left-out", "extras", "nested-extra-body", "hostile-filename"]


@pytest.mark.parametrize("case", EDIT_IDS)
def test_edit(case: str, tmp_path: Path) -> None:
    def call(client: Any) -> Any:
        kwargs = edit_cases(tmp_path)[case]  # fresh file objects for each client
        return client.images.edit(**kwargs)

    assert_same(call)


@pytest.mark.parametrize("kwargs", [dict(image=("v.png", PNG)),
                                    dict(image=("v.png", PNG), model="dall-e-2", n=2, response_format="b64_json",
                                         size="512x512", user="u")], ids=["minimal", "every-parameter"])
def test_create_variation(kwargs: dict[str, Any]) -> None:
    assert_same(lambda c: c.images.create_variation(**kwargs))


@pytest.mark.parametrize("status", [400, 401, 403, 404, 409, 422, 429, 500, 418])
def test_errors(status: int) -> None:
    body = {"error": {"message": "nope", "type": "invalid_request_error", "param": "n", "code": "bad"}}
    assert_same(lambda c: c.images.generate(prompt="otter"),
                lambda: [Reply(status=status, body=json.dumps(body).encode())])


def test_retries_send_the_same_requests() -> None:
    def replies() -> list[Reply]:
        fail = json.dumps({"error": {"message": "busy"}}).encode()
        return [Reply(status=503, headers={"content-type": "application/json", "retry-after-ms": "1"}, body=fail),
                Reply(status=429, headers={"content-type": "application/json", "retry-after": "0.001"}, body=fail),
                *ok()]

    ours, theirs, our_result, their_result = run_both(
        lambda c: c.images.edit(image=("a.png", PNG), prompt="hat"), replies, max_retries=2)
    assert len(ours) == len(theirs) == 3
    assert ours == theirs and our_result == their_result


def test_raw_response() -> None:
    def call(client: Any) -> Any:
        raw = client.images.with_raw_response.generate(prompt="otter")
        return {"status": raw.status_code, "request-id": raw.headers.get("x-request-id"), "parsed": dump(raw.parse())}

    def replies() -> list[Reply]:
        return [Reply(headers={"content-type": "application/json", "x-request-id": "req_9"},
                      body=json.dumps(RESPONSE).encode())]

    assert_same(call, replies)


def test_async_matches_too() -> None:
    assert_same(lambda c: c.images.generate(**GENERATE_CASES["every-parameter"]), is_async=True)
    assert_same(lambda c: c.images.edit(image=[("a.png", PNG)], mask=("m.png", PNG), prompt="hat"), is_async=True)


STREAM_EVENTS = [
    {"type": "image_generation.partial_image", "b64_json": "cA==", "background": "auto", "created_at": 1,
     "output_format": "png", "partial_image_index": 0, "quality": "low", "size": "1024x1024"},
    {"type": "image_generation.completed", "b64_json": "Zg==", "background": "opaque", "created_at": 2,
     "output_format": "png", "quality": "high", "size": "1024x1024",
     "usage": {"input_tokens": 1, "output_tokens": 2, "total_tokens": 3,
               "input_tokens_details": {"image_tokens": 0, "text_tokens": 1}}},
]


def sse_reply() -> list[Reply]:
    chunks = [f"event: {e['type']}\ndata: {json.dumps(e)}\n\n".encode() for e in STREAM_EVENTS]
    return [Reply(headers={"content-type": "text/event-stream"}, chunks=chunks)]


def test_streams_parse_the_same_events() -> None:
    ours, theirs, our_result, their_result = run_both(
        lambda c: c.images.generate(prompt="otter", stream=True), sse_reply)
    assert our_result == their_result == STREAM_EVENTS
    # Better (CONTRACT "Headers"): we ask for the stream we want; everything else is the same.
    assert ours[0]["headers"].pop("accept") == "text/event-stream"
    assert theirs[0]["headers"].pop("accept") == "application/json"
    assert ours == theirs


# ---- the "better" points, each shown against the official behaviour ----


def test_better_raw_image_bytes_are_sniffed() -> None:
    ours, theirs, _, _ = run_both(lambda c: c.images.create_variation(image=PNG), ok)
    assert b'filename="image.png"\r\nContent-Type: image/png' in ours[0]["body"]
    assert b'filename="upload"\r\nContent-Type: application/octet-stream' in theirs[0]["body"]


def test_better_unknown_event_type_is_not_mistyped() -> None:
    import images_client

    newer = {"type": "image_generation.moderated", "reason": "policy"}

    def replies() -> list[Reply]:
        chunk = f"data: {json.dumps(newer)}\n\n".encode()
        return [Reply(headers={"content-type": "text/event-stream"}, chunks=[chunk])]

    server = ScriptedServer()
    server.script(*replies())
    with images_client.ImagesClient(api_key=API_KEY, base_url=server.base_url) as client:
        (event,) = list(client.images.generate(prompt="otter", stream=True))
    assert type(event) is images_client.UnknownEvent and event.reason == "policy"
    server.script(*replies())
    with openai.OpenAI(api_key=API_KEY, base_url=server.base_url) as client:
        (theirs,) = list(client.images.generate(prompt="otter", stream=True))
    assert type(theirs).__name__ != "UnknownEvent"  # the official package guesses a variant
    server.close()


def test_better_json_answer_to_a_stream_request_is_an_error() -> None:
    import images_client

    server = ScriptedServer()
    server.script(*ok())
    with images_client.ImagesClient(api_key=API_KEY, base_url=server.base_url) as client:
        with pytest.raises(images_client.APIResponseValidationError, match="application/json"):
            client.images.generate(prompt="otter", stream=True)
    server.script(*ok())
    with openai.OpenAI(api_key=API_KEY, base_url=server.base_url) as client:
        assert list(client.images.generate(prompt="otter", stream=True)) == []  # silently nothing
    server.close()


def test_better_stream_cut_mid_event_is_an_error() -> None:
    import images_client

    cut = [b'data: {"type": "image_generation.partial_image", "b64_json": "c']
    server = ScriptedServer()
    server.script(Reply(headers={"content-type": "text/event-stream"}, chunks=cut))
    with images_client.ImagesClient(api_key=API_KEY, base_url=server.base_url) as client:
        with pytest.raises(images_client.APIError, match="middle of an event"):
            list(client.images.generate(prompt="otter", stream=True))
    server.script(Reply(headers={"content-type": "text/event-stream"}, chunks=cut))
    with openai.OpenAI(api_key=API_KEY, base_url=server.base_url) as client:
        assert list(client.images.generate(prompt="otter", stream=True)) == []
    server.close()


def test_contract_empty_string_text_field_is_left_out() -> None:
    """CONTRACT.md, Requests: "`None` and empty strings → no part"; the official package sends ""."""
    ours, theirs, _, _ = run_both(lambda c: c.images.edit(image=("a.png", PNG), prompt="hat", user=""), ok)
    assert b'name="user"' not in ours[0]["body"]
    assert b'name="user"\r\n\r\n\r\n' in theirs[0]["body"]
