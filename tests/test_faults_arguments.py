"""CONTRACT.md's "Faults, lifetime and bad arguments", the argument and lifetime half, sync and
async: bad arguments fail at once and by name, before anything is sent; a dropped client releases
its connections; a forked child gets a pool of its own.
"""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
import traceback
from typing import Any, Callable

import httpx
import pytest

from .conftest import API_KEY, CLIENT_DIR, ROOT, Driver
from .scripted_server import Reply, ScriptedServer

SECRET = "hunter2-pa55"


def in_memory(kind: str, seen: list[httpx.Request], **options: Any) -> Driver:
    """A driver whose own pool answers in memory, recording each request it would send."""

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={"created": 1})

    driver = Driver(kind, "http://test.invalid", **options)
    driver.client._http._transport = httpx.MockTransport(handler)
    return driver


# ---- a closed client ----


def test_a_call_on_a_closed_client_fails_at_once(driver: Driver, server: ScriptedServer) -> None:
    driver.client = driver.client.with_options(max_retries=2)
    sleeps = driver.record_sleeps()
    driver.run(driver.client.close())
    with pytest.raises(ValueError, match="client is closed") as info:
        driver.call("generate", prompt="otter")
    assert info.value.__cause__ is None
    assert sleeps == [] and server.requests == [] and server.connections == 0


def test_a_copy_of_a_closed_client_and_a_closed_http_client_fail_at_once(driver: Driver,
                                                                          server: ScriptedServer) -> None:
    copy = driver.client.with_options(max_retries=2)
    driver.run(driver.client.close())
    driver.client = copy
    sleeps = driver.record_sleeps()
    with pytest.raises(ValueError, match="client is closed"):
        driver.call("generate", prompt="otter")
    pool = driver.http_client()
    driver.run(pool.aclose() if driver.kind == "async" else pool.close())  # type: ignore[attr-defined]
    driver.client = driver.client.with_options(http_client=pool)
    with pytest.raises(ValueError, match="http_client.*closed"):
        driver.call("generate", prompt="otter")
    assert sleeps == [] and server.requests == []


# ---- timeout and max_retries ----

BAD_TIMEOUTS = [(-1, ValueError), (-0.5, ValueError), (math.nan, ValueError), (httpx.Timeout(-1), ValueError),
                (httpx.Timeout(5.0, read=math.nan), ValueError), ("5", TypeError), (True, TypeError),
                ((5, 5), TypeError)]
BAD_RETRIES = [(None, TypeError), ("3", TypeError), (2.5, TypeError), (math.inf, TypeError), (True, TypeError),
               (-1, ValueError)]


@pytest.mark.parametrize(("timeout", "error"), BAD_TIMEOUTS)
def test_a_bad_timeout_is_refused_where_it_is_given(driver: Driver, server: ScriptedServer, timeout: Any,
                                                    error: type) -> None:
    import images_client

    for cls in (images_client.ImagesClient, images_client.AsyncImagesClient):
        with pytest.raises(error, match="timeout"):
            cls(api_key=API_KEY, base_url=server.base_url, timeout=timeout)
    with pytest.raises(error, match="timeout"):
        driver.client.with_options(timeout=timeout)
    with pytest.raises(error, match="timeout"):
        driver.client.timeout = timeout
    with pytest.raises(error, match="timeout"):
        driver.call("generate", prompt="otter", timeout=timeout)
    assert server.requests == []


@pytest.mark.parametrize(("max_retries", "error"), BAD_RETRIES)
def test_a_bad_max_retries_is_refused_where_it_is_given(driver: Driver, max_retries: Any, error: type) -> None:
    import images_client

    for cls in (images_client.ImagesClient, images_client.AsyncImagesClient):
        with pytest.raises(error, match="max_retries"):
            cls(api_key=API_KEY, max_retries=max_retries)
    with pytest.raises(error, match="max_retries"):
        driver.client.with_options(max_retries=max_retries)
    with pytest.raises(error, match="max_retries"):
        driver.client.max_retries = max_retries
    assert driver.client.max_retries == 0


@pytest.mark.parametrize("kind", ["sync", "async"])
def test_an_infinite_timeout_means_no_limit(kind: str) -> None:
    seen: list[httpx.Request] = []
    driver = in_memory(kind, seen, timeout=math.inf)
    no_limit = httpx.Timeout(None).as_dict()
    driver.call("generate", prompt="otter")
    driver.call("generate", prompt="otter", timeout=httpx.Timeout(5.0, read=math.inf))
    driver.client = driver.client.with_options(timeout=httpx.Timeout(math.inf, connect=2.0))
    driver.call("generate", prompt="otter")
    assert [r.extensions["timeout"] for r in seen] == [
        no_limit, {**httpx.Timeout(5.0).as_dict(), "read": None}, {**no_limit, "connect": 2.0}]
    driver.close()


def test_an_infinite_timeout_works_on_the_wire(driver: Driver, server: ScriptedServer) -> None:
    assert driver.call("generate", prompt="otter", timeout=math.inf).created == 1
    driver.client.timeout = math.inf
    assert driver.client.timeout is None
    assert driver.call("generate", prompt="otter").created == 1


# ---- header values and names ----


@pytest.mark.parametrize("value", [5, None, 1.5, ["a"]])
def test_a_header_value_that_is_not_text_is_refused_by_name(driver: Driver, server: ScriptedServer,
                                                            value: Any) -> None:
    import images_client

    with pytest.raises(TypeError, match="X-Trace"):
        driver.call("generate", prompt="otter", extra_headers={"X-Trace": value})
    for cls in (images_client.ImagesClient, images_client.AsyncImagesClient):
        with pytest.raises(TypeError, match="X-Team"):
            cls(api_key=API_KEY, default_headers={"X-Team": value})
    with pytest.raises(TypeError, match="X-Team"):
        driver.client.with_options(default_headers={"X-Team": value})
    assert server.requests == []


@pytest.mark.parametrize("defaults", [None, {"X-Team": "a"}])
def test_non_ascii_header_values_are_refused_by_name_whatever_the_defaults(driver: Driver, server: ScriptedServer,
                                                                          defaults: Any) -> None:
    import images_client

    driver.client = driver.client.with_options(default_headers=defaults)
    with pytest.raises(ValueError, match="X-Trace.*ASCII"):
        driver.call("generate", prompt="otter", extra_headers={"X-Trace": "café"})
    for given in ({"default_headers": {"X-Team": "café"}}, {"organization": "org-é"}, {"project": "proj\u2028"}):
        with pytest.raises(ValueError, match="X-Team|OpenAI-Organization|OpenAI-Project"):
            images_client.ImagesClient(api_key=API_KEY, **given)
    assert server.requests == []


def test_bytes_header_values_are_sent_as_given(driver: Driver, server: ScriptedServer) -> None:
    driver.client = driver.client.with_options(default_headers={"X-Team": b"blue"})
    driver.call("generate", prompt="otter", extra_headers={"X-Trace": b"caf\xc3\xa9", "X-Plain": "yes"})
    headers = server.requests[0].headers
    assert (headers["x-team"], headers["x-trace"], headers["x-plain"]) == ("blue", "caf\xc3\xa9", "yes")
    with pytest.raises(ValueError, match="X-Trace"):
        driver.call("generate", prompt="otter", extra_headers={"X-Trace": b"a\r\nX-Injected: 1"})
    assert len(server.requests) == 1


@pytest.mark.parametrize("name", ["X-Trace\n", "X-Trace\r\n", "\nX-Trace", "X Trace", "", "X-Tracé"])
def test_a_header_name_with_a_line_break_or_bad_character_is_refused(driver: Driver, server: ScriptedServer,
                                                                     name: str) -> None:
    import images_client

    with pytest.raises(ValueError, match="header name"):
        driver.call("generate", prompt="otter", extra_headers={name: "1"})
    with pytest.raises(ValueError, match="header name"):
        images_client.ImagesClient(api_key=API_KEY, default_headers={name: "1"})
    with pytest.raises(TypeError, match="header name"):
        driver.call("generate", prompt="otter", extra_headers={5: "1"})  # type: ignore[dict-item]
    assert server.requests == []


def test_omit_still_removes_a_header(driver: Driver, server: ScriptedServer) -> None:
    from images_client import Omit

    driver.client = driver.client.with_options(default_headers={"X-Team": "a"})
    driver.call("generate", prompt="otter", extra_headers={"X-Team": Omit(), "User-Agent": Omit()})
    headers = server.requests[0].headers
    assert "x-team" not in headers and "user-agent" not in headers


# ---- base_url ----


@pytest.mark.parametrize(("url", "words"), [
    ("http://127.0.0.1:9/v1?api-version=2024-01", "query"),
    ("http://127.0.0.1:9/v1#images", "fragment"),
    (f"http://user:{SECRET}@127.0.0.1:9/v1", "user"),
    (f"http://{SECRET}@127.0.0.1:9/v1", "user"),
    ("http://[::1/v1", "not a valid URL"),
    ("http://exa mple.com/v1", "not a valid URL"),
    (f"http://user:{SECRET}@exa mple.com/v1", "not a valid URL"),
    ("ftp://127.0.0.1/v1", "http"),
    ("http:///v1", "absolute"),
])
@pytest.mark.parametrize("kind", ["ImagesClient", "AsyncImagesClient"])
def test_a_bad_base_url_is_a_value_error_that_names_where_it_came_from(kind: str, url: str, words: str,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    import images_client

    cls = getattr(images_client, kind)
    errors = []
    with pytest.raises(ValueError, match=f"base_url.*{words}") as info:
        cls(api_key=API_KEY, base_url=url)
    errors.append(info.value)
    client = cls(api_key=API_KEY, base_url="http://127.0.0.1:9/v1")
    with pytest.raises(ValueError, match=f"base_url.*{words}") as info:
        client.base_url = url
    errors.append(info.value)
    with pytest.raises(ValueError, match=f"base_url.*{words}") as info:
        client.with_options(base_url=url)
    errors.append(info.value)
    assert str(client.base_url) == "http://127.0.0.1:9/v1/"
    monkeypatch.setenv("OPENAI_BASE_URL", url)
    with pytest.raises(ValueError, match=f"OPENAI_BASE_URL.*{words}") as info:
        cls(api_key=API_KEY)
    errors.append(info.value)
    for error in errors:
        assert SECRET not in "".join(traceback.format_exception(error))  # nor in a chained cause


def test_a_good_base_url_still_joins_its_paths(driver: Driver, server: ScriptedServer) -> None:
    driver.client = driver.client.with_options(base_url=httpx.URL(server.base_url + "/v1//"))
    driver.call("generate", prompt="otter")
    assert server.requests[0].target == "/v1/images/generations"


# ---- the API key ----


@pytest.mark.parametrize("key", ["My API Key", "sk-proj 0123 4567", "a b"])
def test_an_api_key_with_interior_spaces_is_sent(driver: Driver, server: ScriptedServer, key: str,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    import images_client

    driver.client = driver.client.with_options(api_key=key)
    driver.call("generate", prompt="otter")
    monkeypatch.setenv("OPENAI_API_KEY", key)
    assert images_client.ImagesClient(base_url=server.base_url).api_key == key
    assert server.requests[0].headers["authorization"] == f"Bearer {key}"


@pytest.mark.parametrize(("key", "kind"), [
    (SECRET + " ", "whitespace at the end"), (" " + SECRET, "whitespace at the start"),
    (SECRET + "\t", "whitespace at the end"), (SECRET[:4] + "\t" + SECRET[4:], "a control character"),
    (SECRET[:4] + "\x7f" + SECRET[4:], "a control character"),
    (SECRET[:4] + "\x1b" + SECRET[4:], "a control character"),
    (SECRET + "\n", "a line break"), (SECRET[:4] + "\u00a0" + SECRET[4:], "a non-ASCII character"),
])
def test_an_api_key_with_control_characters_or_outer_whitespace_is_refused(key: str, kind: str) -> None:
    import images_client

    for cls in (images_client.ImagesClient, images_client.AsyncImagesClient):
        with pytest.raises(images_client.ImagesClientError, match=kind) as info:
            cls(api_key=key)
        assert SECRET not in str(info.value) + repr(info.value)
        client = cls(api_key=API_KEY)
        with pytest.raises(images_client.ImagesClientError, match=kind):
            client.api_key = key
        assert client.api_key == API_KEY


# ---- nothing that fails on our side is retried ----


def test_a_bad_argument_is_never_retried(driver: Driver, server: ScriptedServer) -> None:
    driver.client = driver.client.with_options(max_retries=2)
    sleeps = driver.record_sleeps()
    for bad in ({"timeout": -1}, {"extra_headers": {"X-Trace": None}}, {"extra_headers": {"X-Trace\n": "1"}}):
        with pytest.raises((TypeError, ValueError)):
            driver.call("generate", prompt="otter", **bad)
    assert sleeps == [] and server.requests == []


# ---- lifetime: a dropped client is collected at once and releases its pool ----

# Run in a child: warnings from finalizers, and the cyclic collector switched off, stay there.
LIFETIME = """
import asyncio, gc, sys, time, warnings, weakref
sys.path[:0] = [{client_dir!r}, {root!r}]
warnings.simplefilter("always")
gc.disable()
import httpx, images_client
from tests.scripted_server import ScriptedServer

server = ScriptedServer()


def dropped(make, call):
    client = make()
    call(client)
    refs = weakref.ref(client), weakref.ref(client._http)
    del client
    return [ref() is None for ref in refs]


async def dropped_async(make):
    client = make()
    await client.images.generate(prompt="otter")
    ref = weakref.ref(client)
    del client  # its pool lives on in the task that closes it
    return ref() is None


def wait_for(count):
    for _ in range(500):  # the server sees the connection end
        if server.disconnects >= count:
            return True
        time.sleep(0.01)
    return False


results = {{}}
new = lambda cls, **kw: (lambda: cls(api_key="sk-test", base_url=server.base_url, **kw))
results["sync"] = dropped(new(images_client.ImagesClient), lambda c: c.images.generate(prompt="otter"))
results["sync released"] = wait_for(1)
results["sync copy"] = dropped(lambda: new(images_client.ImagesClient)().with_options(timeout=5.0),
                               lambda c: c.images.generate(prompt="otter"))
results["sync copy released"] = wait_for(2)


async def inside_a_loop():
    collected = await dropped_async(new(images_client.AsyncImagesClient))
    for _ in range(500):  # the pool closes in a task of this loop
        if server.disconnects >= 3:
            break
        await asyncio.sleep(0.01)
    return collected


results["async"] = asyncio.run(inside_a_loop())
results["async released"] = server.disconnects >= 3
shared = httpx.Client()
results["callers"] = dropped(new(images_client.ImagesClient, http_client=shared),
                             lambda c: c.images.generate(prompt="otter"))[:1]
results["callers kept open"] = not shared.is_closed
results["callers still works"] = shared.get(server.base_url + "/").status_code == 200
shared.close()
print(results)
"""


def test_a_dropped_client_is_collected_at_once_and_releases_its_pool_without_warnings() -> None:
    script = LIFETIME.format(client_dir=str(CLIENT_DIR), root=str(ROOT))
    done = subprocess.run([sys.executable, "-W", "always", "-c", script], capture_output=True, text=True,
                          timeout=120, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    results = eval(done.stdout)  # noqa: S307 -- a dict literal printed by the script above
    assert results == {
        "sync": [True, True], "sync released": True, "sync copy": [True, True], "sync copy released": True,
        "async": True, "async released": True,
        "callers": [True], "callers kept open": True, "callers still works": True,
    }
    assert done.stderr == ""  # no ResourceWarning, no "Exception ignored", no un-awaited coroutine


NO_LOOP = """
import asyncio, gc, sys, warnings, weakref
sys.path[:0] = [{client_dir!r}, {root!r}]
warnings.simplefilter("always")
gc.disable()
import images_client

client = images_client.AsyncImagesClient(api_key="sk-test", base_url="http://127.0.0.1:9")
ref = weakref.ref(client)
del client  # no running loop: nothing to await the close on, and nothing to close
print(ref() is None)
"""


def test_an_async_client_dropped_without_a_running_loop_prints_nothing() -> None:
    script = NO_LOOP.format(client_dir=str(CLIENT_DIR), root=str(ROOT))
    done = subprocess.run([sys.executable, "-W", "always", "-c", script], capture_output=True, text=True,
                          timeout=60, cwd=ROOT)
    assert (done.returncode, done.stdout, done.stderr) == (0, "True\n", "")


@pytest.mark.parametrize("kind", ["sync", "async"])
def test_the_images_resource_does_not_keep_its_client_in_a_cycle(kind: str) -> None:
    import gc
    import weakref

    driver = Driver(kind, "http://127.0.0.1:9")
    images = driver.client.images
    assert images.with_raw_response is not None and images.with_streaming_response is not None
    ref = weakref.ref(driver.client)
    driver.close()
    gc.disable()
    try:
        driver.client = None  # type: ignore[assignment]
        assert ref() is not None  # the resource holds its client: a call through it still works
        del images
        assert ref() is None  # and nothing else does: no cycle waits for the collector
    finally:
        gc.enable()


@pytest.mark.parametrize("mode", ["stream", "raw"])
@pytest.mark.parametrize("kind", ["sync", "async"])
def test_a_stream_outlives_its_dropped_client(kind: str, mode: str, server: ScriptedServer) -> None:
    """`for event in ImagesClient().images.generate(..., stream=True)`: the pool closes with the
    client only once nothing reads from it."""
    import weakref

    partial = {"type": "image_generation.partial_image", "b64_json": "cA==", "background": "auto", "created_at": 1,
               "output_format": "png", "partial_image_index": 0, "quality": "low", "size": "1024x1024"}
    event = f"data: {json.dumps(partial)}\n\n".encode()
    server.script(Reply(headers={"content-type": "text/event-stream"}, chunks=[event] * 3, chunk_pause=0.05))
    driver = Driver(kind, server.base_url, max_retries=0)
    images = driver.client.images if mode == "stream" else driver.client.images.with_raw_response
    answer: Any = driver.run(images.generate(prompt="otter", stream=True))
    client = weakref.ref(driver.client)
    driver.client = images = None  # type: ignore[assignment]
    assert client() is None

    async def drain() -> int:
        stream = await answer.parse() if mode == "raw" else answer
        return len([e async for e in stream])

    if driver.loop is None:
        assert len(list(answer.parse() if mode == "raw" else answer)) == 3
    else:
        assert driver.loop.run_until_complete(drain()) == 3
        driver.loop.close()


# ---- fork: a child gets a pool of its own ----


def forked(work: Callable[[], object]) -> object:
    """`work()` run in a forked child; what it returned (or raised) comes back through a pipe."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never return into pytest
        code = 0
        try:
            os.close(read_end)
            try:
                result: object = work()
            except BaseException as exc:  # noqa: BLE001 -- reported to the parent
                result, code = f"{type(exc).__name__}: {exc}", 1
            os.write(write_end, json.dumps(result).encode())
        finally:
            os._exit(code)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as pipe:
        output = pipe.read()
    _, status = os.waitpid(pid, 0)
    result = json.loads(output)
    assert os.waitstatus_to_exitcode(status) == 0, result
    return result


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")
@pytest.mark.parametrize("kind", ["sync", "async"])
def test_a_forked_child_gets_a_fresh_pool_and_the_parent_keeps_its_own(kind: str, server: ScriptedServer) -> None:
    import asyncio

    import images_client

    driver = Driver(kind, server.base_url, max_retries=0)
    copy = driver.client.with_options(timeout=30.0)  # shares the pool, so it is renewed too
    server.script(Reply(body=b'{"created": 1}'), Reply(body=b'{"created": 2}'), Reply(body=b'{"created": 3}'),
                  Reply(body=b'{"created": 4}'))
    assert driver.call("generate", prompt="parent").created == 1
    assert server.connections == 1

    def child() -> object:
        if kind == "sync":
            answers = [copy.images.generate(prompt="child").created,
                       driver.client.images.generate(prompt="child").created]
        else:
            async def calls() -> list[int]:
                return [(await copy.images.generate(prompt="child")).created,
                        (await driver.client.images.generate(prompt="child")).created]

            answers = asyncio.run(calls())
        return [answers, driver.client._http is copy._http]

    assert forked(child) == [[2, 3], True]
    assert server.connections == 2  # the child's one new connection, for both its clients
    assert driver.call("generate", prompt="parent").created == 4  # the parent's pool still works
    assert server.connections == 2
    assert [json.loads(r.body)["prompt"] for r in server.requests] == ["parent", "child", "child", "parent"]
    driver.close()
    callers = httpx.Client()  # a caller's pool is the caller's business: the child uses it as it is
    with images_client.ImagesClient(api_key=API_KEY, base_url=server.base_url, http_client=callers) as client:
        assert forked(lambda: client._http is callers) is True
    callers.close()


def test_a_client_closed_before_the_fork_stays_closed_in_the_child(server: ScriptedServer) -> None:
    import images_client

    client = images_client.ImagesClient(api_key=API_KEY, base_url=server.base_url)
    client.close()

    def child() -> object:
        try:
            client.images.generate(prompt="child")
        except ValueError as exc:
            return str(exc)
        return "sent"

    assert "closed" in str(forked(child))
    assert server.requests == []
