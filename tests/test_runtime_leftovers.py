"""The runtime's leftovers of issues 16 and 17, sync and async over loopback:

- an answer the spec declares JSON that comes as bytes (a file, an image) is refused by its media
  type, never read as a number typed as the model, and its bytes stay in reach (on the error,
  and through `with_raw_response`);
- a JSON body of `application/merge-patch+json` (`json-patch+json`) is sent as that media type;
- a body of bytes from a file or an iterable streams in bounded pieces (flat memory in a child
  process), and one that cannot be read twice (a pipe, an iterator) is never sent twice;
- a raw or streamed answer dropped unread gives its connection back (a pool of one, gc off);
- an async client dropped after its event loop closed leaves no socket to warn about.
"""

from __future__ import annotations

import asyncio
import gc
import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any, AsyncIterator, Callable, Dict, Iterator, List

import httpx
import pytest

from .conftest import API_KEY, CLIENT_DIR, FIXTURES, ROOT, generated_package
from .scripted_server import Reply, ScriptedServer
from .test_faults_bodies import pipe_of
from .test_faults_streams import PARTIAL, SSE, event, nothing_leaks, one_connection
from .test_uploads import PatternFile, _pattern

SPEC = FIXTURES / "leftovers" / "leftovers.yaml"
THING = {"id": "t1", "size": 3, "title": "Otter"}
THING_REPLY = json.dumps(THING).encode()
PAYLOAD = bytes(range(256)) * 1024  # 256 KiB, every byte value: more than a pipe's buffer
CHUNK_LIMIT = 64 * 1024


@pytest.fixture(scope="module")
def things(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    yield from generated_package(SPEC, "leftovers_client", "ThingsClient", tmp_path_factory.mktemp("leftovers"))


class Things:
    """A `ThingsClient` or `AsyncThingsClient`, called the same way: `call` returns what the sync
    client would (the async one is run on a loop of its own)."""

    def __init__(self, package: Any, kind: str, base_url: str, **options: Any) -> None:
        self.kind = kind
        self.loop = asyncio.new_event_loop() if kind == "async" else None
        cls = package.AsyncThingsClient if kind == "async" else package.ThingsClient
        self.client = cls(api_key=API_KEY, base_url=base_url, **{"max_retries": 0, **options})
        self.sleeps: List[float] = []
        if self.loop is None:
            self.client._sleep = self.sleeps.append
        else:
            async def sleep(seconds: float) -> None:
                self.sleeps.append(seconds)

            self.client._sleep = sleep

    def call(self, path: str, *args: Any, **kwargs: Any) -> Any:
        """`path` is `resource.method`, or `resource.with_raw_response.method`."""
        bound: Any = self.client
        for name in path.split("."):
            bound = getattr(bound, name)
        return self.run(bound(*args, **kwargs))

    def run(self, value: Any) -> Any:
        return value if self.loop is None else self.loop.run_until_complete(value)

    def close(self) -> None:
        self.run(self.client.close())
        if self.loop is not None:
            self.loop.close()


@pytest.fixture(params=["sync", "async"])
def client(request: pytest.FixtureRequest, things: Any, server: ScriptedServer) -> Iterator[Things]:
    made = Things(things, request.param, server.base_url)
    yield made
    made.close()


# ---- an answer declared JSON that comes as bytes ----

BYTES_FOR_JSON = {
    "png": ("image/png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"),
    "digits": ("application/octet-stream", b"12345"),  # JSON, as text: a number
    "utf-32": ("application/octet-stream", b"\x00\x00\x00\x31"),  # json.loads reads it as UTF-32 "1"
    "utf-16-bom": ("application/octet-stream", b"\xff\xfe1\x00"),
    "object-as-a-file": ("application/octet-stream", THING_REPLY),  # a file that happens to be JSON
    "audio": ("audio/mpeg", b"ID3\x04\x00\x00"),
}


@pytest.mark.parametrize("content_type, body", BYTES_FOR_JSON.values(), ids=BYTES_FOR_JSON.keys())
@pytest.mark.parametrize("method", ["things.get", "things.get_label"])
def test_bytes_where_json_was_declared_are_refused_by_media_type(
    things: Any, client: Things, server: ScriptedServer, content_type: str, body: bytes, method: str
) -> None:
    server.script(Reply(headers={"content-type": content_type}, body=body))
    with pytest.raises(things.APIResponseValidationError) as info:
        client.call(method, "t1")
    error = info.value
    assert content_type in str(error) and f"{len(body)} bytes" in str(error)
    assert error.response.content == body and error.status_code == 200  # the bytes are kept


@pytest.mark.parametrize("content_type", ["application/json", "application/problem+json; charset=utf-8",
                                          "text/plain", None])
def test_json_and_text_answers_are_still_read_as_json(things: Any, client: Things, server: ScriptedServer,
                                                      content_type: str | None) -> None:
    server.script(Reply(headers={"content-type": content_type} if content_type else {}, body=THING_REPLY))
    thing = client.call("things.get", "t1")
    assert isinstance(thing, things.types.Thing) and thing.to_dict() == THING


def test_the_bytes_stay_in_reach_of_the_raw_response(things: Any, client: Things, server: ScriptedServer) -> None:
    png = BYTES_FOR_JSON["png"][1]
    server.script(*[Reply(headers={"content-type": "image/png"}, body=png)] * 2)
    raw = client.call("things.with_raw_response.get", "t1")
    with pytest.raises(things.APIResponseValidationError, match="image/png"):
        client.run(raw.parse())
    if client.kind == "sync":
        assert raw.content == png and raw.parse(to=bytes) == png
    else:
        assert client.run(raw.read()) == png and client.run(raw.parse(to=bytes)) == png

    async def streamed_async() -> bytes:
        async with client.client.things.with_streaming_response.get("t1") as answer:
            with pytest.raises(things.APIResponseValidationError):
                await answer.parse()
            return await answer.read()  # type: ignore[no-any-return]

    def streamed_sync() -> bytes:
        with client.client.things.with_streaming_response.get("t1") as answer:
            with pytest.raises(things.APIResponseValidationError):
                answer.parse()
            return answer.read()  # type: ignore[no-any-return]

    assert (streamed_sync() if client.kind == "sync" else client.run(streamed_async())) == png


# ---- a JSON body of another JSON media type ----


def test_a_merge_patch_body_goes_as_merge_patch_json(client: Things, server: ScriptedServer) -> None:
    server.script(Reply(body=THING_REPLY), Reply(status=204, headers={}, body=b""))
    assert client.call("things.patch", "t1", title=None).id == "t1"
    assert client.call("things.apply_ops", "t1", ops=[{"op": "remove", "path": "/title"}]) is None
    patch, ops = server.requests
    assert patch.headers["content-type"] == "application/merge-patch+json" and json.loads(patch.body) == {
        "title": None}
    assert ops.headers["content-type"] == "application/json-patch+json"
    assert json.loads(ops.body) == {"ops": [{"op": "remove", "path": "/title"}]}


def test_hooks_see_the_merge_patch_body_and_its_type(things: Any) -> None:
    seen: List[tuple[str, bytes]] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append((request.headers["content-type"], request.content))
        return httpx.Response(200, json=THING)

    with things.ThingsClient(api_key=API_KEY, base_url="http://test.invalid",
                             http_client=httpx.Client(transport=httpx.MockTransport(handler))) as sync:
        sync.things.patch("t1", title="New")
    assert seen == [("application/merge-patch+json", b'{"title":"New"}')]


def test_a_test_double_s_failed_answer_is_its_status_error_sync_and_async(things: Any) -> None:
    """What users test their code with: `httpx.MockTransport` (and respx) hand back answers made
    whole, already read. A 404 from one is `NotFoundError` with its body (it was an
    `APIConnectionError`: the error path read the body raw, which such an answer no longer has)."""
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(404, json={"error": {"message": "no such thing"}})

    with things.ThingsClient(api_key=API_KEY, base_url="http://test.invalid", max_retries=0,
                             http_client=httpx.Client(transport=httpx.MockTransport(handler))) as sync:
        with pytest.raises(things.NotFoundError) as caught:
            sync.things.patch("t1", title="New")
    assert caught.value.status_code == 404 and "no such thing" in str(caught.value)

    async def call() -> Any:
        async with things.AsyncThingsClient(api_key=API_KEY, base_url="http://test.invalid", max_retries=0,
                                            http_client=httpx.AsyncClient(transport=httpx.MockTransport(handler))) as c:
            return await c.things.patch("t1", title="New")

    with pytest.raises(things.NotFoundError):
        asyncio.run(call())


# ---- a body of bytes streams in bounded pieces ----


def expected_pattern(size: int) -> bytes:
    """What `PatternFile(size)` (tests/test_uploads.py) reads as, whole."""
    return _pattern(0, size)


def pieces(data: bytes, size: int = 10_000) -> Iterator[bytes]:
    for start in range(0, len(data), size):
        yield data[start:start + size]


async def async_pieces(data: bytes, size: int = 10_000) -> AsyncIterator[bytes]:
    for piece in pieces(data, size):
        await asyncio.sleep(0)
        yield piece


def test_a_large_file_is_read_in_bounded_chunks(client: Things, server: ScriptedServer) -> None:
    upload = PatternFile(3 * 1024 * 1024 + 7)
    server.script(Reply(body=THING_REPLY))
    assert client.call("blobs.put", "b1", body=upload).id == "t1"
    assert upload.reads and max(upload.reads) <= CHUNK_LIMIT and -1 not in upload.reads and None not in upload.reads
    (request,) = server.requests
    assert request.headers["content-length"] == str(upload.size) and request.body == expected_pattern(upload.size)


SOURCES: Dict[str, Callable[[Path], Any]] = {
    "bytes": lambda path: PAYLOAD,
    "bytearray": lambda path: bytearray(PAYLOAD),
    "path": lambda path: path,
    "open file": lambda path: path.open("rb"),
    "BytesIO": lambda path: io.BytesIO(PAYLOAD),
    "list of bytes": lambda path: list(pieces(PAYLOAD)),
    "generator": lambda path: pieces(PAYLOAD),
    "pipe": lambda path: pipe_of(PAYLOAD),
    "tuple with a type": lambda path: ("blob.bin", io.BytesIO(PAYLOAD), "application/x-blob"),
}
LENGTH_KNOWN = {"bytes", "bytearray", "path", "open file", "BytesIO", "list of bytes", "tuple with a type"}


@pytest.mark.parametrize("source", SOURCES)
def test_every_kind_of_body_arrives_whole(client: Things, server: ScriptedServer, tmp_path: Path,
                                          source: str) -> None:
    (tmp_path / "blob.bin").write_bytes(PAYLOAD)
    server.script(Reply(body=THING_REPLY))
    client.call("blobs.put", "b1", body=SOURCES[source](tmp_path / "blob.bin"))
    (request,) = server.requests
    assert request.body == PAYLOAD
    content_type = "application/x-blob" if source == "tuple with a type" else "application/octet-stream"
    assert request.headers["content-type"] == content_type
    if source in LENGTH_KNOWN:
        assert request.headers["content-length"] == str(len(PAYLOAD))
    else:
        assert request.headers["transfer-encoding"] == "chunked"


def test_the_async_client_sends_an_async_iterable(things: Any, server: ScriptedServer) -> None:
    client = Things(things, "async", server.base_url)
    server.script(Reply(body=THING_REPLY))
    try:
        client.call("blobs.put", "b1", body=async_pieces(PAYLOAD))
    finally:
        client.close()
    assert server.requests[0].body == PAYLOAD and server.requests[0].headers["transfer-encoding"] == "chunked"


def test_the_sync_client_refuses_an_async_iterable_by_name(things: Any, server: ScriptedServer) -> None:
    client = Things(things, "sync", server.base_url)
    server.script(Reply(body=THING_REPLY))
    body = async_pieces(PAYLOAD)
    try:
        with pytest.raises(ValueError, match="'body'.*async"):
            client.call("blobs.put", "b1", body=body)
    finally:
        client.close()
        asyncio.run(body.aclose())


MEMORY = """
import asyncio, io, re, sys
sys.path[:0] = [{package_dir!r}]
import leftovers_client


class Pattern(io.RawIOBase):  # a seekable file of any size that exists only as it is read
    def __init__(self, size):
        self.size, self.pos, self.block = size, 0, bytes(range(256)) * 1024

    def readable(self):
        return True

    def seekable(self):
        return True

    def tell(self):
        return self.pos

    def seek(self, offset, whence=0):
        self.pos = {{0: offset, 1: self.pos + offset, 2: self.size + offset}}[whence]
        return self.pos

    def read(self, n=-1):
        n = self.size - self.pos if n is None or n < 0 else min(n, self.size - self.pos)
        self.pos += n
        return (self.block * (n // len(self.block) + 1))[:n]


def peak():
    with open("/proc/self/status") as status:
        return int(re.search(r"VmHWM:\\s+(\\d+)", status.read()).group(1)) * 1024


loop = asyncio.new_event_loop()
run = (lambda call: loop.run_until_complete(call)) if {kind!r} == "async" else (lambda call: call)
cls = leftovers_client.AsyncThingsClient if {kind!r} == "async" else leftovers_client.ThingsClient
client = cls(api_key="sk-test", base_url={base_url!r}, max_retries=0)
run(client.blobs.put("warm", body=Pattern(1024 * 1024)))  # loads every module the call needs
before = peak()
run(client.blobs.put("big", body=Pattern({size})))
print(peak() - before)
"""


@pytest.mark.parametrize("kind", ["sync", "async"])
def test_a_big_upload_keeps_memory_flat(things: Any, kind: str) -> None:
    server = ScriptedServer(keep_bodies=False)
    size = 160 * 1024 * 1024
    server.script(Reply(body=THING_REPLY), Reply(body=THING_REPLY))
    script = MEMORY.format(package_dir=str(Path(things.__file__).parent.parent), kind=kind,
                           base_url=server.base_url, size=size)
    try:
        done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=180)
    finally:
        server.close()
    assert done.returncode == 0, done.stderr
    growth = int(done.stdout)
    assert growth < 16 * 1024 * 1024, growth  # read whole, it was +160 MiB
    assert [int(r.headers["content-length"]) for r in server.requests] == [1024 * 1024, size]


# ---- a body that cannot be read twice is never sent twice ----

ONCE: Dict[str, Callable[[], Any]] = {"pipe": lambda: pipe_of(PAYLOAD), "generator": lambda: pieces(PAYLOAD)}


@pytest.fixture
def retrying_client(client: Things) -> Things:
    client.client = client.client.with_options(max_retries=2)
    if client.loop is None:
        client.client._sleep = client.sleeps.append
    else:
        async def sleep(seconds: float) -> None:
            client.sleeps.append(seconds)

        client.client._sleep = sleep
    return client


@pytest.mark.parametrize("source", ONCE)
def test_a_body_read_once_is_not_retried_after_a_500(things: Any, retrying_client: Things, server: ScriptedServer,
                                                     source: str) -> None:
    server.script(Reply(status=500, body=b'{"error": {"message": "it broke"}}'), Reply(body=THING_REPLY))
    with pytest.raises(things.InternalServerError) as info:
        retrying_client.call("blobs.put", "b1", body=ONCE[source]())
    assert "it broke" in str(info.value) and "'body'" in str(info.value) and "cannot be sent again" in str(info.value)
    assert [r.body for r in server.requests] == [PAYLOAD] and retrying_client.sleeps == []


@pytest.mark.parametrize("source", ONCE)
def test_a_body_read_once_is_not_resent_after_a_dropped_connection(things: Any, retrying_client: Things,
                                                                  server: ScriptedServer, source: str) -> None:
    server.script(Reply(drop=True), Reply(body=THING_REPLY))
    with pytest.raises(things.APIConnectionError, match="not retried.*cannot be sent again"):
        retrying_client.call("blobs.put", "b1", body=ONCE[source]())
    assert [r.body for r in server.requests] == [PAYLOAD] and retrying_client.sleeps == []


@pytest.mark.parametrize("source", ONCE)
def test_a_body_read_once_is_not_resent_by_a_307(things: Any, retrying_client: Things, server: ScriptedServer,
                                                 source: str) -> None:
    server.script(Reply(status=307, headers={"location": "/v2/blobs/b1"}, body=b""), Reply(body=THING_REPLY))
    with pytest.raises(things.APIStatusError) as info:
        retrying_client.call("blobs.put", "b1", body=ONCE[source]())
    assert info.value.status_code == 307 and "cannot be sent again" in str(info.value)
    assert [r.body for r in server.requests] == [PAYLOAD]


@pytest.mark.parametrize("source", ["path", "BytesIO", "list of bytes"])
def test_a_body_that_can_be_read_again_is_retried_whole(retrying_client: Things, server: ScriptedServer,
                                                        tmp_path: Path, source: str) -> None:
    (tmp_path / "blob.bin").write_bytes(PAYLOAD)
    server.script(Reply(status=500, body=b"{}"), Reply(status=307, headers={"location": "/v2/blobs/b1"}, body=b""),
                  Reply(body=THING_REPLY))
    assert retrying_client.call("blobs.put", "b1", body=SOURCES[source](tmp_path / "blob.bin")).id == "t1"
    assert [(r.path, r.body) for r in server.requests] == [("/blobs/b1", PAYLOAD), ("/blobs/b1", PAYLOAD),
                                                           ("/v2/blobs/b1", PAYLOAD)]


# ---- a bad body fails at once, by name, and is never retried ----


def test_a_closed_file_is_refused_by_name_before_anything_is_sent(retrying_client: Things, server: ScriptedServer,
                                                                 tmp_path: Path) -> None:
    closed = (tmp_path / "blob.bin").open("wb")
    closed.close()
    with pytest.raises(ValueError, match="'body'.*closed"):
        retrying_client.call("blobs.put", "b1", body=closed)
    assert server.connections == 0 and retrying_client.sleeps == []


class FailsMidway(io.RawIOBase):
    """A file whose disk fails after its first 64 KiB."""

    def __init__(self) -> None:
        self.sent = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if self.sent:
            raise OSError(5, "Input/output error")
        self.sent = len(buffer)
        buffer[:] = b"x" * len(buffer)
        return len(buffer)


def broken_pieces() -> Iterator[bytes]:
    yield b"first"
    raise RuntimeError("the source went away")


BAD: Dict[str, tuple[Callable[[], Any], str]] = {
    "failing file": (FailsMidway, "Input/output error"),
    "failing iterator": (broken_pieces, "the source went away"),
    "iterator of text": (lambda: iter([b"ok", "text"]), "gave str where bytes"),
    "iterator of empty text": (lambda: iter([b"ok", ""]), "gave str where bytes"),  # refused, not skipped
    "list of text": (lambda: [b"ok", "text"], "gave str where bytes"),
}


@pytest.mark.parametrize("source", BAD)
def test_a_body_that_fails_is_a_value_error_never_retried(things: Any, retrying_client: Things,
                                                          server: ScriptedServer, source: str) -> None:
    make, message = BAD[source]
    server.script(Reply(body=THING_REPLY), Reply(body=THING_REPLY), Reply(body=THING_REPLY))
    with pytest.raises(ValueError, match=message) as info:
        retrying_client.call("blobs.put", "b1", body=make())
    assert not isinstance(info.value, things.APIError) and "'body'" in str(info.value)
    assert retrying_client.sleeps == [] and len(server.requests) <= 1


# ---- a raw or streamed answer dropped unread gives its connection back ----


def drop_sync(client: Any, how: str) -> None:
    if how == "raw":
        raw = client.images.with_raw_response.generate(prompt="otter", stream=True)
    else:
        raw = client.images.with_streaming_response.generate(prompt="otter").__enter__()
    assert not raw.is_closed  # unread: it holds the pool's one connection
    del raw


async def drop_async(client: Any, how: str) -> None:
    if how == "raw":
        raw = await client.images.with_raw_response.generate(prompt="otter", stream=True)
    else:
        raw = await client.images.with_streaming_response.generate(prompt="otter").__aenter__()
    assert not raw.is_closed
    del raw


@pytest.mark.parametrize("how", ["raw", "streaming"])
def test_a_dropped_raw_answer_releases_its_connection(server: ScriptedServer, how: str) -> None:
    from images_client import ImagesClient

    server.script(Reply(headers=SSE, chunks=[event(PARTIAL)] * 3), Reply())
    with one_connection("sync") as pool, nothing_leaks():
        client = ImagesClient(api_key=API_KEY, base_url=server.base_url, http_client=pool, max_retries=0)
        drop_sync(client, how)
        assert client.images.generate(prompt="otter").created == 1  # the pool's one connection is free


@pytest.mark.parametrize("how", ["raw", "streaming"])
async def test_a_dropped_async_raw_answer_releases_its_connection(server: ScriptedServer, how: str) -> None:
    from images_client import AsyncImagesClient

    server.script(Reply(headers=SSE, chunks=[event(PARTIAL)] * 3), Reply())
    async with one_connection("async") as pool:
        with nothing_leaks():
            client = AsyncImagesClient(api_key=API_KEY, base_url=server.base_url, http_client=pool, max_retries=0)
            await drop_async(client, how)
            answer = await asyncio.wait_for(client.images.generate(prompt="otter"), timeout=5)
            assert answer.created == 1


async def test_a_stream_parsed_from_a_dropped_raw_answer_keeps_its_connection(server: ScriptedServer) -> None:
    """The raw answer hands its connection to the stream it parses to: dropping the raw answer
    leaves the stream readable, and dropping the stream then releases the connection."""
    from images_client import AsyncImagesClient

    server.script(Reply(headers=SSE, chunks=[event(PARTIAL)] * 3), Reply())
    async with one_connection("async") as pool:
        with nothing_leaks():
            client = AsyncImagesClient(api_key=API_KEY, base_url=server.base_url, http_client=pool, max_retries=0)
            raw = await client.images.with_raw_response.generate(prompt="otter", stream=True)
            stream = await raw.parse()
            del raw
            gc.collect()
            assert (await stream.__anext__()).type == "image_generation.partial_image"
            del stream
            answer = await asyncio.wait_for(client.images.generate(prompt="otter"), timeout=5)
            assert answer.created == 1


def test_a_sync_stream_parsed_from_a_dropped_raw_answer_keeps_its_connection(server: ScriptedServer) -> None:
    from images_client import ImagesClient

    server.script(Reply(headers=SSE, chunks=[event(PARTIAL)] * 3), Reply())
    with one_connection("sync") as pool, nothing_leaks():
        client = ImagesClient(api_key=API_KEY, base_url=server.base_url, http_client=pool, max_retries=0)
        raw = client.images.with_raw_response.generate(prompt="otter", stream=True)
        stream = raw.parse()
        del raw
        gc.collect()
        assert [e.type for e in stream] == ["image_generation.partial_image"] * 3
        assert client.images.generate(prompt="otter").created == 1


# ---- an async client dropped after its event loop closed ----

AFTER_THE_LOOP = """
import asyncio, gc, sys, warnings
sys.path[:0] = [{client_dir!r}, {root!r}]
warnings.simplefilter("error")  # a ResourceWarning in a finalizer goes to the unraisable hook
unraisable = []
sys.unraisablehook = unraisable.append
gc.disable()
import images_client
from tests.scripted_server import ScriptedServer

server = ScriptedServer()


async def call(client):
    return (await client.images.generate(prompt="otter")).created


def new(**options):
    return images_client.AsyncImagesClient(api_key="sk-test", base_url=server.base_url, **options)


results = {{}}
kept = new()
results["first run"] = asyncio.run(call(kept))
results["open between runs"] = not kept.is_closed()
results["second run"] = asyncio.run(call(kept))  # a new loop: a new pool
copy = new().with_options(timeout=5.0)
results["copy"] = asyncio.run(call(copy))
closed = new()


async def call_and_close(client):
    await call(client)
    await client.close()

asyncio.run(call_and_close(closed))
try:
    asyncio.run(call(closed))
    results["closed stays closed"] = False
except ValueError:
    results["closed stays closed"] = True
del kept, copy, closed
gc.collect()
results["connections"] = server.connections
results["unraisable"] = [repr(u.exc_value) for u in unraisable]
print(results)
"""


def test_an_async_client_dropped_after_its_loop_closed_leaves_no_socket_to_warn_about() -> None:
    script = AFTER_THE_LOOP.format(client_dir=str(CLIENT_DIR), root=str(ROOT))
    done = subprocess.run([sys.executable, "-W", "error", "-c", script], capture_output=True, text=True,
                          timeout=120, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    results = eval(done.stdout)  # noqa: S307 -- a dict literal printed by the script above
    assert results == {"first run": 1, "open between runs": True, "second run": 1, "copy": 1,
                       "closed stays closed": True, "connections": 4, "unraisable": []}
    assert done.stderr == ""
