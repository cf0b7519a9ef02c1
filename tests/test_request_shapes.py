"""Request and answer shapes the whole upstream OpenAI file has, which driving every one of its
operations against Steady found sent or read wrongly (`test_whole_spec_wire.py`), kept fixed here
on a small spec of our own, sync and async over loopback:

- a multipart field the body's `encoding` gives a content type is one part of that type (JSON
  text for `application/json`), as the official package sends `/realtime/calls`;
- a path with a query of its own (`/responses?beta=true`) keeps it when the call adds parameters;
- an answer that is a file or an event stream, with no boolean argument to choose (`/audio/speech`,
  whose `stream_format` does), is the file, as the official package's.
"""

from __future__ import annotations

import asyncio
import inspect
import json
from typing import Any, Iterator, List, Tuple

import openai
import pytest
from werkzeug.sansio import multipart

from .conftest import API_KEY, FIXTURES, generated_package
from .scripted_server import Recorded, Reply, ScriptedServer

SPEC = FIXTURES / "wire" / "shapes.yaml"
KINDS = ["sync", "async"]
SDP = "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\n"
SESSION = {"type": "realtime", "model": "gpt-realtime", "audio": {"output": {"speed": 1.5}},
           "parallel_tool_calls": True}
SDP_ANSWER = Reply(status=201, headers={"content-type": "application/sdp"}, body=b"v=0 answer")

Part = Tuple[str, str, str]  # name, Content-Type ("" for none; "file" for an upload), content


def read_parts(body: bytes, content_type: str) -> List[Part]:
    """The parts of a multipart body as werkzeug reads them, sorted; a JSON part's content as
    canonical JSON text (sorted keys), so that two writers' spacing does not count."""
    decoder = multipart.MultipartDecoder(content_type.split("boundary=", 1)[1].encode())
    decoder.receive_data(body)
    decoder.receive_data(None)
    parts: List[Part] = []
    name, kind, data = "", "", b""
    while not isinstance(event := decoder.next_event(), (multipart.Epilogue, multipart.NeedData)):
        if isinstance(event, (multipart.Field, multipart.File)):
            name, data = event.name, b""
            kind = "file" if isinstance(event, multipart.File) else event.headers.get("content-type", "")
        elif isinstance(event, multipart.Data):
            data += event.data
            if not event.more_data:
                if kind == "application/json" or kind.endswith("+json"):
                    text = json.dumps(json.loads(data), sort_keys=True)
                else:
                    text = data.decode("latin-1" if kind == "file" else "utf-8")
                parts.append((name, kind, text))
    return sorted(parts)


@pytest.fixture(scope="module")
def shapes(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    yield from generated_package(SPEC, "shapes_client", "ShapesClient", tmp_path_factory.mktemp("shapes"))


def call(shapes: Any, kind: str, server: ScriptedServer, method: str, *args: Any, **kwargs: Any) -> Any:
    settings = {"api_key": API_KEY, "base_url": server.base_url, "max_retries": 0}
    if kind == "sync":
        with shapes.ShapesClient(**settings) as client:
            return getattr(client.calls, method)(*args, **kwargs)

    async def run() -> Any:
        async with shapes.AsyncShapesClient(**settings) as client:
            return await getattr(client.calls, method)(*args, **kwargs)

    return asyncio.run(run())


def parts_of(request: Recorded) -> List[Part]:
    return read_parts(request.body, request.headers["content-type"])


@pytest.mark.parametrize("kind", KINDS)
def test_a_field_the_encoding_types_is_one_part_of_that_type(shapes: Any, kind: str, server: ScriptedServer) -> None:
    server.script(SDP_ANSWER)
    answer = call(shapes, kind, server, "create_call", sdp=SDP, session=SESSION, label="first", tags=["a", "b"])
    assert answer.content == b"v=0 answer"
    assert parts_of(server.requests[0]) == sorted([
        ("sdp", "application/sdp", SDP),  # text, as it is
        ("session", "application/json", json.dumps(SESSION, sort_keys=True)),  # one JSON part, not `session[type]`
        ("label", "", "first"), ("tags[]", "", "a"), ("tags[]", "", "b"),  # the others in the bracket form
    ])


@pytest.mark.parametrize("kind", KINDS)
def test_an_explicit_none_is_a_json_null_part_and_an_omitted_field_no_part(shapes: Any, kind: str,
                                                                           server: ScriptedServer) -> None:
    server.script(SDP_ANSWER, SDP_ANSWER)
    call(shapes, kind, server, "create_call", sdp=SDP, session=None)
    call(shapes, kind, server, "create_call", sdp=SDP)
    assert parts_of(server.requests[0]) == [("sdp", "application/sdp", SDP), ("session", "application/json", "null")]
    assert parts_of(server.requests[1]) == [("sdp", "application/sdp", SDP)]


def test_the_parts_are_the_official_packages(shapes: Any, server: ScriptedServer) -> None:
    """The official package's `realtime.calls.create` sends the same parts, types and contents."""
    server.script(SDP_ANSWER, SDP_ANSWER)
    call(shapes, "sync", server, "create_call", sdp=SDP, session=SESSION)
    official = openai.OpenAI(api_key=API_KEY, base_url=server.base_url, max_retries=0)
    official.realtime.calls.create(sdp=SDP, session=SESSION)
    official.close()
    ours, theirs = server.requests
    assert (ours.method, ours.path) == (theirs.method, theirs.path) == ("POST", "/realtime/calls")
    assert parts_of(ours) == parts_of(theirs)


@pytest.mark.parametrize("kind", KINDS)
def test_a_path_with_a_query_of_its_own_keeps_it(shapes: Any, kind: str, server: ScriptedServer) -> None:
    note = Reply(body=b'{"id": "n1"}')
    server.script(note, note, note)
    assert call(shapes, kind, server, "list_beta_notes").id == "n1"
    call(shapes, kind, server, "list_beta_notes", limit=2, tag=["a", "b"])
    call(shapes, kind, server, "list_beta_notes", limit=2, extra_query={"trace": "yes"})
    assert [(r.path, r.query) for r in server.requests] == [
        ("/notes", [("beta", "true")]),
        ("/notes", [("beta", "true"), ("limit", "2"), ("tag", "a"), ("tag", "b")]),
        ("/notes", [("beta", "true"), ("limit", "2"), ("trace", "yes")]),
    ]


@pytest.mark.parametrize("kind", KINDS)
def test_a_file_or_a_stream_with_nothing_to_choose_is_the_file(shapes: Any, kind: str, server: ScriptedServer) -> None:
    events = b'data: {"type": "speech.audio.delta", "audio": "AAA="}\n\n'
    server.script(Reply(headers={"content-type": "application/octet-stream"}, body=b"RIFF....WAVE"),
                  Reply(headers={"content-type": "text/event-stream"}, body=events))
    audio = call(shapes, kind, server, "create_speech", input="Hello")
    sse = call(shapes, kind, server, "create_speech", input="Hello", stream_format="sse")
    assert isinstance(audio, shapes.BinaryResponse) and audio.content == b"RIFF....WAVE"
    assert isinstance(sse, shapes.BinaryResponse) and sse.content == events  # the events' bytes, as asked
    assert [r.headers["accept"] for r in server.requests] == ["application/octet-stream"] * 2
    method = shapes.ShapesClient if kind == "sync" else shapes.AsyncShapesClient
    assert inspect.signature(method(api_key=API_KEY).calls.create_speech).return_annotation == "BinaryResponse"
