"""Answers that are not JSON (issue 16, point 4): a file, audio, text come back as a
`BinaryResponse` (`.content`, `.text`, `.iter_bytes()`, `.write_to_file()`, the official
package's shape), asked for with their media types in `Accept`; streamed to disk through
`with_streaming_response`, never whole in memory; sync and async over loopback. A request body
of `application/merge-patch+json` is JSON.
"""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any, Iterator

import pytest

from .conftest import FIXTURES, generated_package
from .scripted_server import Reply, ScriptedServer

SPEC = FIXTURES / "binary" / "binary.yaml"
PAYLOAD = bytes(range(256)) * 4096  # 1 MiB, every byte value


@pytest.fixture(scope="module")
def files_client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    yield from generated_package(SPEC, "files_client", "FilesClient", tmp_path_factory.mktemp("binary"))


@pytest.fixture
def server() -> Iterator[ScriptedServer]:
    started = ScriptedServer()
    yield started
    started.close()


def _options(server: ScriptedServer) -> dict[str, Any]:
    return {"api_key": "sk-test-0123456789", "base_url": server.base_url, "max_retries": 0}


def test_a_file_comes_back_as_bytes_sync_and_async(files_client: Any, server: ScriptedServer, tmp_path: Path) -> None:
    octet = {"content-type": "application/octet-stream", "x-request-id": "req_1"}
    server.script(Reply(headers=octet, body=PAYLOAD), Reply(headers=octet, body=PAYLOAD))
    with files_client.FilesClient(**_options(server)) as client:
        answer = client.files.download("file-abc")
    assert isinstance(answer, files_client.BinaryResponse) and answer.content == PAYLOAD
    assert b"".join(answer.iter_bytes(4096)) == PAYLOAD and answer.request_id == "req_1"
    answer.write_to_file(tmp_path / "out.bin")
    assert (tmp_path / "out.bin").read_bytes() == PAYLOAD

    async def call() -> Any:
        async with files_client.AsyncFilesClient(**_options(server)) as client:
            return await client.files.download("file-abc")

    assert asyncio.run(call()).read() == PAYLOAD
    first = server.requests[0]
    assert first.path == "/files/file-abc/content" and first.headers["accept"] == "application/octet-stream"


def test_audio_asks_for_its_media_types_and_text_reads_as_text(files_client: Any, server: ScriptedServer) -> None:
    server.script(Reply(headers={"content-type": "audio/mpeg"}, body=b"ID3\x04mp3"),
                  Reply(headers={"content-type": "text/plain; charset=utf-8"}, body="héllo".encode()))
    with files_client.FilesClient(**_options(server)) as client:
        speech = client.audio.create_speech(input="Hello")
        note = client.notes.get("n1")
    assert speech.content == b"ID3\x04mp3" and note.text == "héllo"
    request = server.requests[0]
    assert request.headers["accept"] == "audio/mpeg, audio/wav" and json.loads(request.body) == {"input": "Hello"}


def test_an_event_stream_of_no_declared_shape_is_read_as_it_comes(files_client: Any, server: ScriptedServer) -> None:
    """`text/event-stream` with no schema: the events' shape is unknown, so the answer is the body
    (it was `None`, the events read and dropped), line by line through `with_streaming_response`."""
    events = b"event: edit\ndata: line one\n\ndata: {\"at\": 2}\n\n"
    server.script(Reply(headers={"content-type": "text/event-stream"}, body=events),
                  Reply(headers={"content-type": "text/event-stream"}, body=events))
    with files_client.FilesClient(**_options(server)) as client:
        assert client.notes.watch("n1").content == events
        with client.notes.with_streaming_response.watch("n1") as response:
            assert list(response.iter_lines()) == ["event: edit", "data: line one", "", 'data: {"at": 2}', ""]
    assert server.requests[0].headers["accept"] == "text/event-stream"


def test_a_large_file_streams_to_disk_in_pieces(files_client: Any, server: ScriptedServer, tmp_path: Path) -> None:
    chunks = [PAYLOAD[i:i + 65536] for i in range(0, len(PAYLOAD), 65536)]
    server.script(Reply(headers={"content-type": "application/octet-stream"}, chunks=chunks),
                  Reply(headers={"content-type": "application/octet-stream"}, chunks=chunks))
    with files_client.FilesClient(**_options(server)) as client:
        with client.files.with_streaming_response.download("file-abc") as answer:
            answer.stream_to_file(tmp_path / "sync.bin")

    async def call() -> None:
        async with files_client.AsyncFilesClient(**_options(server)) as client:
            async with client.files.with_streaming_response.download("file-abc") as answer:
                await answer.stream_to_file(tmp_path / "async.bin")

    asyncio.run(call())
    assert (tmp_path / "sync.bin").read_bytes() == PAYLOAD == (tmp_path / "async.bin").read_bytes()


def test_a_merge_patch_body_is_json(files_client: Any, server: ScriptedServer) -> None:
    server.script(Reply(status=204, headers={}, body=b""))
    with files_client.FilesClient(**_options(server)) as client:
        assert client.notes.patch("n1", title="New") is None
    assert json.loads(server.requests[0].body) == {"title": "New"}


def test_a_body_of_bytes_or_text_goes_as_it_is(files_client: Any, server: ScriptedServer, tmp_path: Path) -> None:
    image = tmp_path / "photo.jpg"
    image.write_bytes(PAYLOAD[:5000])
    server.script(*[Reply(status=204, headers={}, body=b"") for _ in range(3)])
    with files_client.FilesClient(**_options(server)) as client:
        client.files.upload("f1", body=image)
        with image.open("rb") as handle:
            client.files.upload("f1", body=handle)
        client.notes.put_text("n1", body="héllo")
    first, second, text = server.requests
    assert first.headers["content-type"] == "image/jpeg" and first.body == PAYLOAD[:5000] == second.body
    assert text.headers["content-type"] == "text/plain" and text.body == "héllo".encode()
