"""CONTRACT.md's "Faults, lifetime and bad arguments", the request-body and response-reading
half, sync and async: nothing is faked (a body that cannot be replayed goes out once, a body
already consumed is an error, hooks and transports see what is sent); a bad upload fails at once
and is never retried; a failed answer is read up to a cap; `timeout` is a deadline for a whole
non-stream call; Retry-After is read as the official package reads it; a large answer is freed
as soon as it is parsed; and a random sequence of calls on one client takes exactly the tries the
rules say.
"""

from __future__ import annotations

import asyncio
import email.utils
import functools
import io
import json
import os
import subprocess
import sys
import threading
import time
import zlib
from contextlib import ExitStack
from types import SimpleNamespace
from typing import IO, Any, Callable, Dict, List, Optional, Tuple
from unittest import mock

import httpx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from .conftest import API_KEY, CLIENT_DIR, ROOT, Driver, property_settings
from .scripted_server import DEFAULT_BODY, Recorded, Reply, ScriptedServer

IMAGE = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 800  # 200 KiB: more than a pipe's buffer
ERROR = {"error": {"message": "it broke", "type": "server_error"}}
SSE = {"content-type": "text/event-stream"}
PARTIAL = {"type": "image_generation.partial_image", "b64_json": "cA==", "background": "auto", "created_at": 1,
           "output_format": "png", "partial_image_index": 0, "quality": "low", "size": "1024x1024"}


def error_reply(status: int, headers: Optional[Dict[str, str]] = None) -> Reply:
    return Reply(status=status, headers={"content-type": "application/json", **(headers or {})},
                 body=json.dumps(ERROR).encode())


def retrying(driver: Driver, max_retries: int = 2) -> List[float]:
    driver.client = driver.client.with_options(max_retries=max_retries)
    return driver.record_sleeps(random=0.5)


def part(recorded: Recorded, name: str) -> Optional[bytes]:
    """The data of the form part called `name` in a recorded multipart request (None: no such part)."""
    boundary = recorded.headers["content-type"].split("boundary=", 1)[1].encode()
    for piece in recorded.body.split(b"--" + boundary)[1:]:
        head, _, data = piece.partition(b"\r\n\r\n")
        if f'name="{name}"'.encode() in head:
            return data[:-2]  # less the CRLF before the next boundary
    return None


# ---- uploads that cannot be rewound ----


def pipe_of(data: bytes) -> IO[bytes]:
    """The read end of a real pipe, fed with `data` by a thread (then closed, so it ends)."""
    read_end, write_end = os.pipe()

    def feed() -> None:
        try:
            with os.fdopen(write_end, "wb") as out:
                out.write(data)
        except BrokenPipeError:  # the reader went away first
            pass

    threading.Thread(target=feed, daemon=True).start()
    return os.fdopen(read_end, "rb")


class OneWay(io.RawIOBase):
    """A binary stream that can be read once, front to back, and cannot seek (a socket, say)."""

    def __init__(self, data: bytes) -> None:
        self._data = io.BytesIO(data)

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        chunk = self._data.read(len(buffer))
        buffer[: len(chunk)] = chunk
        return len(chunk)


UNREWINDABLE: Dict[str, Callable[[bytes], IO[bytes]]] = {"pipe": pipe_of, "one-way": OneWay}  # type: ignore[dict-item]


@pytest.mark.parametrize("source", sorted(UNREWINDABLE))
def test_an_upload_that_cannot_be_rewound_is_not_retried(driver: Driver, server: ScriptedServer, source: str) -> None:
    from images_client import InternalServerError

    sleeps = retrying(driver)
    server.script(error_reply(500), Reply())
    with pytest.raises(InternalServerError) as info:
        driver.call("edit", image=("otter.png", UNREWINDABLE[source](IMAGE)), prompt="hat")
    assert [part(r, "image") for r in server.requests] == [IMAGE]  # sent once, whole
    assert sleeps == []
    assert "it broke" in str(info.value) and "cannot be sent again" in str(info.value)


@pytest.mark.parametrize("source", sorted(UNREWINDABLE))
def test_an_upload_that_cannot_be_rewound_is_not_resent_after_a_reset(driver: Driver, server: ScriptedServer,
                                                                      source: str) -> None:
    from images_client import APIConnectionError

    sleeps = retrying(driver)
    server.script(Reply(drop=True), Reply())  # the request was read, then the connection dropped
    with pytest.raises(APIConnectionError, match="not retried.*cannot be sent again"):
        driver.call("edit", image=("otter.png", UNREWINDABLE[source](IMAGE)), prompt="hat")
    assert [part(r, "image") for r in server.requests] == [IMAGE] and sleeps == []


@pytest.mark.parametrize("source", sorted(UNREWINDABLE))
def test_an_upload_that_cannot_be_rewound_is_not_resent_by_a_307(driver: Driver, server: ScriptedServer,
                                                                  source: str) -> None:
    from images_client import APIStatusError

    retrying(driver)
    server.script(Reply(status=307, headers={"location": "/images/edits"}, body=b""), Reply())
    with pytest.raises(APIStatusError) as info:
        driver.call("edit", image=("otter.png", UNREWINDABLE[source](IMAGE)), prompt="hat")
    assert info.value.status_code == 307
    assert "/images/edits" in str(info.value) and "cannot be sent again" in str(info.value)
    assert [part(r, "image") for r in server.requests] == [IMAGE]


def test_a_seekable_upload_still_follows_a_307_with_the_same_body(driver: Driver, server: ScriptedServer) -> None:
    server.script(Reply(status=307, headers={"location": "/v2/images/edits"}, body=b""), Reply())
    assert driver.call("edit", image=("otter.png", io.BytesIO(IMAGE)), prompt="hat").created == 1
    assert [(r.path, part(r, "image")) for r in server.requests] == [("/images/edits", IMAGE),
                                                                    ("/v2/images/edits", IMAGE)]


def test_a_303_needs_no_body_so_it_is_followed(driver: Driver, server: ScriptedServer) -> None:
    server.script(Reply(status=303, headers={"location": "/images/result"}, body=b""), Reply())
    assert driver.call("edit", image=("otter.png", pipe_of(IMAGE)), prompt="hat").created == 1
    assert [r.method for r in server.requests] == ["POST", "GET"]
    assert part(server.requests[0], "image") == IMAGE


class FailsFirst(httpx.BaseTransport, httpx.AsyncBaseTransport):
    """Refuses the first request before reading any of its body, then sends for real."""

    def __init__(self, inner: Any) -> None:
        self.inner, self.calls = inner, 0

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.calls += 1
        if self.calls == 1:
            raise httpx.ConnectError("refused", request=request)
        return self.inner.handle_request(request)  # type: ignore[no-any-return]

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.calls += 1
        if self.calls == 1:
            raise httpx.ConnectError("refused", request=request)
        return await self.inner.handle_async_request(request)  # type: ignore[no-any-return]


def test_an_unrewindable_upload_that_was_never_read_can_still_be_sent(driver: Driver, server: ScriptedServer) -> None:
    inner = httpx.AsyncHTTPTransport() if driver.kind == "async" else httpx.HTTPTransport()
    driver.client = driver.client.with_options(http_client=driver.http_client(transport=FailsFirst(inner)),
                                               max_retries=2)
    sleeps = driver.record_sleeps()
    assert driver.call("edit", image=("otter.png", pipe_of(IMAGE)), prompt="hat").created == 1
    assert [part(r, "image") for r in server.requests] == [IMAGE] and len(sleeps) == 1


@pytest.mark.parametrize("source", sorted(UNREWINDABLE))
def test_a_second_read_of_a_consumed_body_is_an_error_never_an_empty_part(source: str) -> None:
    from images_client._multipart import MultipartForm

    async def read_async(body: Any) -> bytes:
        return b"".join([chunk async for chunk in body])

    for read in (lambda body: b"".join(body), lambda body: asyncio.run(read_async(body))):
        with ExitStack() as stack:
            body = MultipartForm({}, {"image": ("otter.png", UNREWINDABLE[source](IMAGE))}).encode(stack).content
            assert IMAGE in read(body)
            with pytest.raises(ValueError, match="'image'.*cannot be sent again"):
                read(body)


def test_a_seekable_upload_is_read_again_from_its_start() -> None:
    from images_client._multipart import MultipartForm

    with ExitStack() as stack:
        body = MultipartForm({}, {"image": ("otter.png", io.BytesIO(IMAGE))}).encode(stack).content
        assert b"".join(body) == b"".join(body)  # type: ignore[arg-type]


# ---- bad uploads fail at once and are never retried ----


@pytest.mark.parametrize("where", ["image", "image[]", "mask"])
def test_a_closed_file_is_a_value_error_naming_its_part(driver: Driver, server: ScriptedServer, tmp_path: Any,
                                                        where: str) -> None:
    path = tmp_path / "otter.png"
    path.write_bytes(IMAGE)
    closed = open(path, "rb")
    closed.close()
    arguments = {"image": {"image": closed}, "image[]": {"image": [io.BytesIO(IMAGE), closed]},
                 "mask": {"image": io.BytesIO(IMAGE), "mask": closed}}[where]
    sleeps = retrying(driver)
    with pytest.raises(ValueError, match="closed") as info:
        driver.call("edit", prompt="hat", **arguments)
    assert repr(where) in str(info.value)
    assert server.requests == [] and server.connections == 0 and sleeps == []


class Broken(io.RawIOBase):
    """A file whose disk fails on the first read."""

    name = "otter.png"

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def seek(self, offset: int, whence: int = 0) -> int:
        return 0

    def readinto(self, buffer: Any) -> int:
        raise OSError(5, "Input/output error")


def test_an_upload_that_fails_while_it_is_sent_is_never_retried(driver: Driver, server: ScriptedServer) -> None:
    from images_client import APIError

    sleeps = retrying(driver)
    with pytest.raises(ValueError, match="'image'") as info:
        driver.call("edit", image=Broken(), prompt="hat")
    assert not isinstance(info.value, APIError)
    assert isinstance(info.value.__cause__, OSError) and "Input/output error" in str(info.value)
    assert sleeps == [] and len(server.requests) <= 1


# ---- hooks and transports see what is sent ----


def test_event_hooks_see_the_body_that_is_sent(driver: Driver, server: ScriptedServer) -> None:
    contents: List[bytes] = []
    read: List[bytes] = []

    def record(request: httpx.Request) -> None:
        if "json" in request.headers["content-type"]:
            contents.append(request.content)  # a JSON body is bytes: there from the start

    async def async_hook(request: httpx.Request) -> None:
        record(request)
        read.append(await request.aread())

    def hook(request: httpx.Request) -> None:
        record(request)
        read.append(request.read())

    hooks = {"request": [async_hook if driver.kind == "async" else hook]}
    driver.client = driver.client.with_options(http_client=driver.http_client(event_hooks=hooks))
    driver.call("generate", prompt="otter")
    driver.call("edit", image=("otter.png", io.BytesIO(IMAGE)), prompt="hat")
    driver.call("edit", image=("otter.png", pipe_of(IMAGE)), prompt="hat")
    assert read == [r.body for r in server.requests]
    assert contents == [server.requests[0].body] and json.loads(contents[0]) == {"prompt": "otter"}
    assert part(server.requests[1], "image") == part(server.requests[2], "image") == IMAGE


def test_a_mock_transport_sees_the_body_that_would_be_sent(driver: Driver) -> None:
    seen: List[Tuple[str, bytes]] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append((request.headers["content-type"], request.content))
        return httpx.Response(200, json={"created": 1})

    transport = httpx.MockTransport(handler)
    driver.client = driver.client.with_options(http_client=driver.http_client(transport=transport),
                                               base_url="http://test.invalid")
    driver.call("generate", prompt="otter", extra_body={"n": 2})
    driver.call("edit", image=("otter.png", io.BytesIO(IMAGE)), prompt="hat")
    assert seen[0] == ("application/json", b'{"prompt":"otter","n":2}')
    content_type, body = seen[1]
    recorded = Recorded("POST", "/images/edits", {"content-type": content_type}, body)
    assert part(recorded, "image") == IMAGE and part(recorded, "prompt") == b"hat"


# ---- failed answers are read up to a cap ----


def test_an_endless_error_body_is_read_up_to_a_cap(driver: Driver, server: ScriptedServer) -> None:
    from images_client import InternalServerError

    server.script(Reply(status=500, headers={"content-type": "text/plain"}, body=b"x" * 65536, endless=True))
    started = time.monotonic()
    with pytest.raises(InternalServerError) as info:
        driver.call("generate", prompt="otter", timeout=5.0)
    assert time.monotonic() - started < 3.0
    assert isinstance(info.value.body, str) and 1_000_000 <= len(info.value.body) <= 1024 * 1024
    assert len(str(info.value)) < 2000 and "more characters" in str(info.value)
    assert info.value.response.content == info.value.body.encode()


def test_a_long_error_message_is_truncated_and_the_body_kept(driver: Driver, server: ScriptedServer) -> None:
    from images_client import BadRequestError

    long = "m" * 100_000
    server.script(Reply(status=400, body=json.dumps({"error": {"message": long, "code": "c"}}).encode()))
    with pytest.raises(BadRequestError) as info:
        driver.call("generate", prompt="otter")
    assert len(str(info.value)) < 2000 and str(info.value).startswith("Error code: 400 - mmm")
    assert info.value.body == {"message": long, "code": "c"} and info.value.code == "c"


def compress(data: bytes, wbits: int) -> bytes:
    compressor = zlib.compressobj(wbits=wbits)
    return compressor.compress(data) + compressor.flush()


@pytest.mark.parametrize(("encoding", "wbits"), [("gzip", 31), ("deflate", 15), ("deflate", -15),
                                                 ("gzip, deflate", None)])
def test_a_compressed_error_body_is_decoded(driver: Driver, server: ScriptedServer, encoding: str,
                                            wbits: Optional[int]) -> None:
    from images_client import BadRequestError

    raw = json.dumps(ERROR).encode()
    body = compress(compress(raw, 31), 15) if wbits is None else compress(raw, wbits)
    server.script(Reply(status=400, headers={"content-type": "application/json", "content-encoding": encoding},
                        body=body))
    with pytest.raises(BadRequestError) as info:
        driver.call("generate", prompt="otter")
    assert info.value.body == ERROR["error"] and info.value.response.json() == ERROR


def test_error_body_that_is_not_gzip_is_still_a_retried_connection_error(driver: Driver,
                                                                          server: ScriptedServer) -> None:
    from images_client import APIConnectionError

    sleeps = retrying(driver)
    bad = Reply(status=500, headers={"content-type": "application/json", "content-encoding": "gzip"}, body=b"nope")
    server.script(bad, bad, bad)
    with pytest.raises(APIConnectionError) as info:
        driver.call("generate", prompt="otter")
    assert isinstance(info.value.__cause__, httpx.DecodingError) and len(sleeps) == 2


MEMORY = """
import asyncio, re, sys
sys.path.insert(0, {client_dir!r})
import images_client

def peak():
    with open("/proc/self/status") as status:
        return int(re.search(r"VmHWM:\\s+(\\d+)", status.read()).group(1)) * 1024

loop = asyncio.new_event_loop()  # one loop for every call: an async pool belongs to one


def run(call):
    return loop.run_until_complete(call) if {kind!r} == "async" else call

cls = images_client.AsyncImagesClient if {kind!r} == "async" else images_client.ImagesClient
client = cls(api_key="sk-test", base_url={base_url!r}, max_retries=0)
for _ in range(2):  # the first tries load every module the error path needs
    try:
        run(client.images.generate(prompt="warm"))
    except images_client.BadRequestError:
        pass
before = peak()
try:
    run(client.images.generate(prompt="bomb"))
except images_client.BadRequestError as exc:
    error = exc
print(peak() - before, len(str(error)), len(error.body))
"""


@pytest.mark.parametrize("kind", ["sync", "async"])
def test_a_gzip_bomb_error_body_costs_no_memory(kind: str, server: ScriptedServer) -> None:
    compressor = zlib.compressobj(wbits=31)
    bomb = b"".join(compressor.compress(b"x" * (1 << 20)) for _ in range(100)) + compressor.flush()
    assert len(bomb) < 200_000  # 100 MiB inflated
    small = Reply(status=400, headers={"content-type": "text/plain", "content-encoding": "gzip"},
                  body=compress(b"x" * 1000, 31))
    server.script(small, small, Reply(status=400, headers={"content-type": "text/plain", "content-encoding": "gzip"},
                                      body=bomb))
    script = MEMORY.format(client_dir=str(CLIENT_DIR), kind=kind, base_url=server.base_url)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    growth, message, body = map(int, done.stdout.split())
    assert growth < 16 * 1024 * 1024, growth  # the body kept is 1 MiB; inflating it all was +300 MiB
    assert message < 2000 and body <= 1024 * 1024


# ---- timeout: a deadline for a whole non-stream call ----


def test_a_dribbled_answer_cannot_outlast_the_timeout(driver: Driver, server: ScriptedServer) -> None:
    from images_client import APITimeoutError

    server.script(Reply(body=DEFAULT_BODY + b" " * 14, dribble=0.25))  # 10 s in all, no wait over 0.25 s
    started = time.monotonic()
    with pytest.raises(APITimeoutError):
        driver.call("generate", prompt="otter", timeout=1.0)
    assert time.monotonic() - started < 2.0


def test_a_dribbled_error_body_cannot_outlast_the_timeout(driver: Driver, server: ScriptedServer) -> None:
    from images_client import APITimeoutError

    server.script(Reply(status=400, body=json.dumps(ERROR).encode(), dribble=0.25))
    started = time.monotonic()
    with pytest.raises(APITimeoutError):
        driver.call("generate", prompt="otter", timeout=1.0)
    assert time.monotonic() - started < 2.0


def test_each_try_has_a_deadline_of_its_own(driver: Driver, server: ScriptedServer) -> None:
    sleeps = retrying(driver, max_retries=1)
    server.script(Reply(body=DEFAULT_BODY + b" " * 14, dribble=0.25), Reply())
    assert driver.call("generate", prompt="otter", timeout=httpx.Timeout(1.0)).created == 1
    assert len(server.requests) == 2 and len(sleeps) == 1


def test_a_stream_is_limited_per_read_not_in_all(driver: Driver, server: ScriptedServer) -> None:
    event = f"data: {json.dumps(PARTIAL)}\n\n".encode()
    server.script(Reply(headers=SSE, chunks=[event] * 5, chunk_pause=0.3))  # 1.5 s in all, no wait over 0.3 s
    assert len(driver.call("generate", prompt="otter", stream=True, timeout=1.0)) == 5  # type: ignore[arg-type]


def test_the_docstrings_say_what_timeout_limits() -> None:
    from images_client.resources.images import AsyncImages, Images

    for method in (Images.generate, Images.edit, AsyncImages.create_variation):
        doc = " ".join((method.__doc__ or "").split())
        assert "in all" in doc and "each try" in doc and "each wait for data" in doc, doc


# ---- Retry-After, read as the official package reads it ----

NOW = 1_700_000_000.0
RANDOM = 0.3


@functools.lru_cache(maxsize=1)
def official_client() -> Any:
    openai = pytest.importorskip("openai")
    return openai.OpenAI(api_key=API_KEY, base_url="http://127.0.0.1:9", max_retries=2)


def official_decision(headers: List[Tuple[bytes, bytes]]) -> Optional[float]:
    """The official package's answer for a 429 carrying `headers`: None (no retry), or its sleep."""
    client = official_client()
    from openai import _base_client as official
    from openai._models import FinalRequestOptions

    headers_class = type(client._client.headers)  # the httpx it is built on
    response = SimpleNamespace(status_code=429, headers=headers_class(headers))
    with mock.patch.object(official, "random", lambda: RANDOM), mock.patch.object(official.time, "time", lambda: NOW):
        if not client._should_retry(response):  # type: ignore[arg-type]
            return None
        options = FinalRequestOptions(method="post", url="/images/generations")
        return client._calculate_retry_timeout(2, options, response.headers)


def our_decision(headers: List[Tuple[bytes, bytes]]) -> Optional[float]:
    from images_client._retries import retry_delay

    return retry_delay(httpx.Headers(headers), 0, random=lambda: RANDOM, now=lambda: NOW)


def date(offset: float) -> str:
    return email.utils.formatdate(NOW + offset, usegmt=True)


HOSTILE_VALUES = [
    "1e400", "-1e400", "9" * 400, "-" + "9" * 400, "inf", "+inf", "-inf", "Infinity", "+Infinity", "INF", " inf ",
    "infinity ", "nan", "NaN", "-nan", "0", "-0", "0.0", "1e-400", "-3", "0.001", "2", "1.5", "120", "120.0000001",
    "121", "1e300", "1_000", "1_5", "\u0661\u0662", " 7 ", "7 ", "abc", "", "Fri, 31 Dec 99999 23:59:59 GMT",
    "Sat, 01 Jan 10000 00:00:00 GMT", "Mon, 99 Foo 2020 99:99:99 GMT", date(3), date(-3), date(0), date(119),
    date(500), date(0.5), "1, 2",
]
HEADER_SETS = [("retry-after",), ("retry-after-ms",), ("retry-after-ms", "retry-after")]


@pytest.mark.parametrize("names", HEADER_SETS, ids="+".join)
@pytest.mark.parametrize("value", HOSTILE_VALUES)
def test_retry_after_values_are_read_as_the_official_package_reads_them(names: Tuple[str, ...], value: str) -> None:
    headers = [(name.encode(), value.encode()) for name in names]
    assert our_decision(headers) == official_decision(headers)


def test_retry_after_ms_wins_even_when_it_means_a_backoff() -> None:
    headers = [(b"retry-after-ms", b"nan"), (b"retry-after", b"5")]
    assert our_decision(headers) == official_decision(headers) == 0.5 * (1 - 0.25 * RANDOM)


NUMBERS = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.integers(min_value=-(10**500), max_value=10**500).map(str),
    st.decimals(allow_nan=True).map(str),
    st.floats(min_value=-200, max_value=200).map(lambda x: f"{x:.3f}"),
)
VALUES = st.one_of(
    NUMBERS,
    st.tuples(NUMBERS, st.sampled_from(["", " ", "\t"]), st.sampled_from(["", " ", "_"])).map(
        lambda t: t[1] + t[0] + t[1]),
    st.floats(min_value=-10**6, max_value=10**6).map(date),
    st.sampled_from(HOSTILE_VALUES),
    st.text(alphabet=st.characters(min_codepoint=0x20, max_codepoint=0x7E), max_size=30),
)


@property_settings(300)
@given(first=st.one_of(st.none(), VALUES), second=st.one_of(st.none(), VALUES))
def test_retry_after_agrees_with_the_official_package_on_any_value(first: Optional[str], second: Optional[str]) -> None:
    headers = [(name, value.encode()) for name, value in ((b"retry-after-ms", first), (b"retry-after", second))
               if value is not None]
    try:
        theirs = official_decision(headers)
    except (IndexError, TypeError, ValueError, OverflowError):  # a value the official package trips on...
        our_decision(headers)  # ...must not trip ours: any answer will do, an exception will not
        return
    assert our_decision(headers) == theirs


# ---- a large answer is freed as soon as it is parsed ----


LARGE = """
import asyncio, gc, sys, tracemalloc
sys.path.insert(0, {client_dir!r})
import images_client

cls = images_client.AsyncImagesClient if {kind!r} == "async" else images_client.ImagesClient
client = cls(api_key="sk-test", base_url={base_url!r}, max_retries=0)

loop = asyncio.new_event_loop()  # one loop for every call: an async pool belongs to one


def call():
    result = client.images.generate(prompt="otter")
    return loop.run_until_complete(result) if {kind!r} == "async" else result

call()  # imports, pydantic's first validation
gc.collect()
gc.disable()
tracemalloc.start()
result = call()
size = len(result.data[0].b64_json)
held = tracemalloc.get_traced_memory()[0]
del result
print(size, held, tracemalloc.get_traced_memory()[0])
"""


@pytest.mark.parametrize("kind", ["sync", "async"])
def test_a_large_answer_is_freed_without_the_cycle_collector(kind: str, server: ScriptedServer) -> None:
    size = 50 * 1024 * 1024
    body = b'{"created": 1, "data": [{"b64_json": "' + b"A" * size + b'"}]}'
    server.script(Reply(body=b'{"created": 1}'), Reply(body=body))
    script = LARGE.format(client_dir=str(CLIENT_DIR), kind=kind, base_url=server.base_url)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    parsed, held, left = map(int, done.stdout.split())
    assert parsed == size and held > size  # the answer was there...
    assert left < 4 * 1024 * 1024, left  # ...and nothing of it is left once the result is dropped


# ---- a random sequence of calls on one client takes exactly the tries the rules say ----


def should_retry(status: int) -> Reply:
    return Reply(status=status, headers={"content-type": "application/json", "x-should-retry": "true"},
                 body=json.dumps(ERROR).encode())


# Each kind of call: the replies scripted for it, and what it must do (tries, and the outcome).
CALLS: Dict[str, Tuple[List[Reply], int, str]] = {
    "ok": ([Reply()], 1, "ImagesResponse"),
    "400 should retry": ([should_retry(400)] * 3, 3, "BadRequestError"),
    "400 should retry, then ok": ([should_retry(400), Reply()], 2, "ImagesResponse"),
    "400": ([error_reply(400)], 1, "BadRequestError"),
    "500 then ok": ([error_reply(500), Reply()], 2, "ImagesResponse"),
    "429 for too long": ([error_reply(429, {"retry-after": "121"})], 1, "RateLimitError"),
    "429 gzip, should retry": ([Reply(status=429, headers={"content-type": "application/json",
                                                           "content-encoding": "gzip", "x-should-retry": "true"},
                                      body=compress(json.dumps(ERROR).encode(), 31))] * 3, 3, "RateLimitError"),
    "dropped then ok": ([Reply(drop=True), Reply()], 2, "ImagesResponse"),
    "cut then ok": ([Reply(body=DEFAULT_BODY, cut_after=5), Reply()], 2, "ImagesResponse"),
    "endless 503": ([Reply(status=503, body=b"x" * 65536, endless=True)] * 3, 3, "InternalServerError"),
    "stream": ([Reply(headers=SSE, chunks=[f"data: {json.dumps(PARTIAL)}\n\n".encode()] * 2)], 1, "list"),
    "stream after 429": ([error_reply(429), Reply(headers=SSE, chunks=[b"data: [DONE]\n\n"])], 2, "list"),
    "edit after 500": ([error_reply(500), Reply()], 2, "ImagesResponse"),
    "pipe edit after 500": ([error_reply(500)], 1, "InternalServerError"),
    "307 edit": ([Reply(status=307, headers={"location": "/images/edits"}, body=b""), Reply()], 2, "ImagesResponse"),
    "raw": ([Reply()], 1, "APIResponse"),
}


def make_call(driver: Driver, kind: str) -> Any:
    if kind.startswith("stream"):
        return driver.call("generate", prompt="otter", stream=True)
    if kind == "raw":
        return driver.run(driver.client.images.with_raw_response.generate(prompt="otter"))
    if kind.startswith("pipe"):
        return driver.call("edit", image=("otter.png", pipe_of(IMAGE[:1000])), prompt="hat")
    if "edit" in kind:
        return driver.call("edit", image=("otter.png", io.BytesIO(IMAGE[:1000])), prompt="hat")
    return driver.call("generate", prompt="otter")


def test_a_call_in_a_new_event_loop_does_not_use_the_last_loops_connections(server: ScriptedServer) -> None:
    from images_client import AsyncImagesClient

    client = AsyncImagesClient(api_key=API_KEY, base_url=server.base_url, max_retries=2)
    sleeps: List[float] = []

    async def sleep(seconds: float) -> None:
        sleeps.append(seconds)

    client._sleep = sleep
    server.script(Reply(), Reply(), should_retry(400), should_retry(400), should_retry(400))
    assert asyncio.run(client.images.generate(prompt="first")).created == 1
    assert asyncio.run(client.images.generate(prompt="second")).created == 1  # was sent twice
    with pytest.raises(Exception) as info:
        asyncio.run(client.images.generate(prompt="third"))
    assert type(info.value).__name__ == "BadRequestError" and len(sleeps) == 2
    assert [json.loads(r.body)["prompt"] for r in server.requests] == ["first", "second"] + ["third"] * 3
    asyncio.run(client.close())


class FreshLoops:
    """Stands for a driver's event loop: runs each call in a loop of its own, as `asyncio.run()`."""

    def run_until_complete(self, awaitable: Any) -> Any:
        return asyncio.run(awaitable)

    def close(self) -> None:
        pass


@pytest.mark.parametrize("kind", ["sync", "async", "async, a loop per call"])
def test_a_random_sequence_of_calls_on_one_client_takes_the_tries_the_rules_say(kind: str) -> None:
    """The tries each call takes depend on nothing an earlier call left behind. (They did: an
    async pool kept the keep-alive connections of the loop of the call before, and the next call,
    in a new loop, lost a try on one, its request written but its answer never read.)"""
    server = ScriptedServer()
    driver = Driver(kind.split(",")[0], server.base_url, max_retries=2)
    if kind == "async, a loop per call":
        driver.loop.close()  # type: ignore[union-attr]
        driver.loop = FreshLoops()  # type: ignore[assignment]
    driver.record_sleeps()

    @property_settings(40)
    @given(st.lists(st.sampled_from(sorted(CALLS)), min_size=1, max_size=12))
    def sequence(calls: List[str]) -> None:
        for call in calls:
            replies, tries, outcome = CALLS[call]
            server.clear()
            server.script(*replies)
            try:
                result: Any = make_call(driver, call)
            except Exception as exc:  # noqa: BLE001 -- the outcome is compared below
                result = exc
            got = type(result).__name__.replace("Async", "")
            assert (call, len(server.requests), got) == (call, tries, outcome), calls

    try:
        sequence()
    finally:
        driver.close()
        server.close()
