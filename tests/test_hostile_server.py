"""CONTRACT.md against hostile servers, proxies, transports and inputs, sync and async: every
failure is one of the contract's exceptions, the API key never shows, nothing stays checked out.
"""

from __future__ import annotations

import json
import zlib
from typing import Any

import httpx
import pytest

from .conftest import API_KEY, Driver
from .scripted_server import Reply, ScriptedServer

SSE = {"content-type": "text/event-stream"}
PARTIAL = {"type": "image_generation.partial_image", "b64_json": "cA==", "background": "auto", "created_at": 1,
           "output_format": "png", "partial_image_index": 0, "quality": "low", "size": "1024x1024"}
LONG_KEY = "sk-proj-" + "A1b2C3d4" * 6


def event(payload: dict[str, Any]) -> bytes:
    return f"data: {json.dumps(payload)}\n\n".encode()


def gzip_bytes(data: bytes, *, complete: bool = True) -> bytes:
    compressor = zlib.compressobj(wbits=31)
    return compressor.compress(data) + compressor.flush(zlib.Z_FINISH if complete else zlib.Z_SYNC_FLUSH)


def retrying(driver: Driver, max_retries: int = 2) -> list[float]:
    driver.client = driver.client.with_options(max_retries=max_retries)
    return driver.record_sleeps()


# ---- bodies that do not decode ----


def test_gzip_that_is_not_gzip_is_a_retried_connection_error(driver: Driver, server: ScriptedServer) -> None:
    from images_client import APIConnectionError

    sleeps = retrying(driver)
    bad = Reply(headers={"content-type": "application/json", "content-encoding": "gzip"}, body=b"not gzip at all")
    server.script(bad, bad, bad)
    with pytest.raises(APIConnectionError) as info:
        driver.call("generate", prompt="otter")
    assert isinstance(info.value.__cause__, httpx.DecodingError)
    assert len(server.requests) == 3 and len(sleeps) == 2


def test_gzip_that_breaks_mid_stream_is_a_connection_error(driver: Driver, server: ScriptedServer) -> None:
    from images_client import APIConnectionError

    good = gzip_bytes(event(PARTIAL), complete=False)  # decodable so far...
    server.script(Reply(headers={**SSE, "content-encoding": "gzip"}, chunks=[good, b"\xff\xff\xff\xff\xff\xff"]))
    events, error = driver.collect("generate", prompt="otter", stream=True)
    assert [e.type for e in events] == ["image_generation.partial_image"]  # ...and what came whole is delivered
    assert isinstance(error, APIConnectionError) and isinstance(error.__cause__, httpx.DecodingError)


def test_a_redirect_loop_is_a_connection_error_and_not_retried(driver: Driver, server: ScriptedServer) -> None:
    from images_client import APIConnectionError

    retrying(driver)
    server.script(*[Reply(status=307, headers={"location": "/images/generations"}, body=b"") for _ in range(30)])
    with pytest.raises(APIConnectionError, match="redirect") as info:
        driver.call("generate", prompt="otter")
    assert isinstance(info.value.__cause__, httpx.TooManyRedirects)
    assert len(server.requests) == 21  # the first try and httpx's 20 redirects: a loop is not tried again


def test_deeply_nested_json_error_body(driver: Driver, server: ScriptedServer) -> None:
    from images_client import BadRequestError

    deep = b'{"error": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    server.script(Reply(status=400, body=deep))
    with pytest.raises(BadRequestError) as info:
        driver.call("generate", prompt="otter")
    assert info.value.status_code == 400 and info.value.body == deep.decode()


def test_deeply_nested_json_success_body(driver: Driver, server: ScriptedServer) -> None:
    from images_client import APIResponseValidationError

    server.script(Reply(body=b'{"created": 1, "data": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"))
    with pytest.raises(APIResponseValidationError):
        driver.call("generate", prompt="otter")


def test_deeply_nested_json_in_a_stream_event(driver: Driver, server: ScriptedServer) -> None:
    from images_client import APIResponseValidationError

    server.script(Reply(headers=SSE, chunks=[b"data: " + b"[" * 100_000 + b"]" * 100_000 + b"\n\n"]))
    events, error = driver.collect("generate", prompt="otter", stream=True)
    assert events == [] and isinstance(error, APIResponseValidationError)


# ---- Retry-After values no server should send ----


@pytest.mark.parametrize("value", ["Fri, 31 Dec 99999 23:59:59 GMT", "Sat, 01 Jan 10000 00:00:00 GMT",
                                   "inf", "-inf", "nan", "-1e400", "Infinity", "Mon, 99 Foo 2020 99:99:99 GMT",
                                   "\x00"])
def test_hostile_retry_after_falls_back_to_backoff(driver: Driver, server: ScriptedServer, value: str) -> None:
    sleeps = retrying(driver)
    server.script(Reply(status=429, headers={"content-type": "application/json", "retry-after": value},
                        body=b'{"error": {"message": "slow"}}'))
    assert driver.call("generate", prompt="otter").created == 1
    assert sleeps == [pytest.approx(0.5 * (1 - 0.25 * 0.5))]


# A number too large for a float is a wait too long to make, as the official package reads it
# (`inf` spelled out is no number of seconds at all: a backoff, above).
@pytest.mark.parametrize(("header", "value"), [("retry-after", "1e300"), ("retry-after", "1e400"),
                                               ("retry-after", "9" * 400), ("retry-after-ms", "1e400")])
def test_a_huge_retry_after_means_no_retry(driver: Driver, server: ScriptedServer, header: str, value: str) -> None:
    from images_client import RateLimitError

    sleeps = retrying(driver)
    server.script(Reply(status=429, headers={"content-type": "application/json", header: value},
                        body=b'{"error": {"message": "slow"}}'))
    with pytest.raises(RateLimitError):
        driver.call("generate", prompt="otter")
    assert sleeps == []


def test_backoff_stays_finite_for_any_retry_count() -> None:
    from images_client._retries import backoff_delay

    assert backoff_delay(10**6, lambda: 0.0) == 8.0
    assert backoff_delay(2000, lambda: 1.0) == 6.0


# ---- custom transports ----


class Failing(httpx.BaseTransport, httpx.AsyncBaseTransport):
    """A transport that raises what it is told (not an httpx error), counting its calls."""

    def __init__(self, make: Any) -> None:
        self.make, self.calls = make, 0

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.calls += 1
        raise self.make(request)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        return self.handle_request(request)


def test_any_exception_from_a_custom_transport_is_retried_then_wrapped(driver: Driver) -> None:
    from images_client import APIConnectionError

    transport = Failing(lambda request: RuntimeError("proxy exploded"))
    driver.client = driver.client.with_options(http_client=driver.http_client(transport=transport), max_retries=2)
    sleeps = driver.record_sleeps()
    with pytest.raises(APIConnectionError, match="proxy exploded") as info:
        driver.call("generate", prompt="otter")
    assert type(info.value.__cause__) is RuntimeError
    assert transport.calls == 3 and len(sleeps) == 2


def test_a_transport_error_never_shows_the_key(driver: Driver) -> None:
    from images_client import APIConnectionError

    transport = Failing(lambda request: ValueError(f"refused {request.headers['authorization']}"))
    driver.client = driver.client.with_options(http_client=driver.http_client(transport=transport),
                                               api_key=LONG_KEY, max_retries=0)
    with pytest.raises(APIConnectionError) as info:
        driver.call("generate", prompt="otter")
    for text in (str(info.value), repr(info.value), info.value.message, str(info.value.__cause__),
                 repr(info.value.__cause__)):
        assert LONG_KEY not in text and "<redacted>" in text


def test_a_transport_failing_mid_stream(driver: Driver) -> None:
    from images_client import APIConnectionError

    class Broken(httpx.SyncByteStream, httpx.AsyncByteStream):
        def __iter__(self) -> Any:
            yield event(PARTIAL)
            raise OSError("link down")

        async def __aiter__(self) -> Any:
            for chunk in self:
                yield chunk

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, headers=SSE, stream=Broken())

    driver.client = driver.client.with_options(http_client=driver.http_client(transport=httpx.MockTransport(handler)))
    events, error = driver.collect("generate", prompt="otter", stream=True)
    assert len(events) == 1 and isinstance(error, APIConnectionError) and type(error.__cause__) is OSError


# ---- the API key ----


@pytest.mark.parametrize("key", [LONG_KEY + "\n", LONG_KEY + "\r\n", " " + LONG_KEY, LONG_KEY[:20] + "\x00" + LONG_KEY,
                                 LONG_KEY + "é", LONG_KEY[:9] + "\t" + LONG_KEY[9:], LONG_KEY + " "])
@pytest.mark.parametrize("kind", ["ImagesClient", "AsyncImagesClient"])
def test_a_malformed_key_is_a_clear_error_that_does_not_show_it(key: str, kind: str,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    import images_client

    for given in ({"api_key": key}, {}) if "\x00" not in key else ({"api_key": key},):  # no NUL in environ
        if not given:
            monkeypatch.setenv("OPENAI_API_KEY", key)
        with pytest.raises(images_client.ImagesClientError) as info:
            getattr(images_client, kind)(**given)
        text = str(info.value) + repr(info.value)
        assert LONG_KEY[:12] not in text and LONG_KEY[-12:] not in text
        assert "API key" in text and "position" in text
        assert ("environment" in text) == (not given)


def test_a_stream_error_event_that_echoes_the_key_is_redacted(driver: Driver, server: ScriptedServer) -> None:
    from images_client import APIError

    driver.client = driver.client.with_options(api_key=LONG_KEY)
    echo = {"type": "error", "error": {"message": f"key {LONG_KEY} is revoked", "code": "revoked", "key": LONG_KEY}}
    server.script(Reply(headers=SSE, chunks=[event(PARTIAL) + event(echo)]))
    events, error = driver.collect("generate", prompt="otter", stream=True)
    assert len(events) == 1 and isinstance(error, APIError)
    assert error.code == "revoked"
    for text in (str(error), repr(error), error.message, json.dumps(error.body)):
        assert LONG_KEY not in text
    assert "<redacted>" in error.message


def test_a_status_error_body_that_echoes_the_key_is_redacted(driver: Driver, server: ScriptedServer) -> None:
    from images_client import AuthenticationError

    driver.client = driver.client.with_options(api_key=LONG_KEY)
    server.script(Reply(status=401, body=json.dumps({"error": {"message": f"bad {LONG_KEY}", "deep": [[LONG_KEY]]}})
                        .encode()))
    with pytest.raises(AuthenticationError) as info:
        driver.call("generate", prompt="otter")
    assert LONG_KEY not in json.dumps(info.value.body) and LONG_KEY not in str(info.value)


# ---- bad arguments are refused before anything is sent ----


def test_an_upload_content_type_with_a_line_break_is_refused(driver: Driver, server: ScriptedServer) -> None:
    with pytest.raises(ValueError, match="content type"):
        driver.call("edit", image=("a.png", b"data", "image/png\r\nX-Injected: 1"), prompt="hat")
    assert server.requests == []


@pytest.mark.parametrize("headers", [{"X-Trace": "a\r\nX-Injected: 1"}, {"X-Trace": "a\nb"}, {"Bad Name": "x"}])
def test_a_header_that_would_break_the_request_is_refused(driver: Driver, server: ScriptedServer,
                                                          headers: dict[str, str]) -> None:
    with pytest.raises(ValueError, match="header"):
        driver.call("generate", prompt="otter", extra_headers=headers)
    assert server.requests == []


# ---- nothing stays checked out ----


def test_a_json_answer_to_a_raw_stream_request_releases_its_connection(driver: Driver, server: ScriptedServer) -> None:
    from images_client import APIResponseValidationError

    pool = driver.http_client(limits=httpx.Limits(max_connections=1), timeout=2.0)
    driver.client = driver.client.with_options(http_client=pool)
    server.script(Reply(body=b'{"created": 7}'))
    raw = driver.run(driver.client.images.with_raw_response.generate(prompt="otter", stream=True))
    with pytest.raises(APIResponseValidationError, match="application/json"):
        driver.run(raw.parse())
    assert raw.is_closed and driver.run(raw.json()) == {"created": 7}
    assert driver.call("generate", prompt="otter").created == 1  # the one connection is free again


def test_events_complete_before_an_error_in_the_same_chunk_are_delivered(driver: Driver,
                                                                         server: ScriptedServer) -> None:
    from images_client import APIError

    second = {**PARTIAL, "partial_image_index": 1}
    server.script(Reply(headers=SSE, chunks=[event(PARTIAL) + event(second) + b"event: broken\n\n" + event(PARTIAL)]))
    events, error = driver.collect("generate", prompt="otter", stream=True)
    assert [e.partial_image_index for e in events] == [0, 1]
    assert isinstance(error, APIError) and "no data" in str(error)


# ---- the caller's http_client ----


def test_the_callers_http_client_keeps_its_timeout(driver: Driver, server: ScriptedServer) -> None:
    from images_client import APITimeoutError

    driver.client = driver.client.with_options(http_client=driver.http_client(timeout=0.2))
    assert driver.client.timeout == httpx.Timeout(0.2)
    server.script(Reply(delay=0.6))
    with pytest.raises(APITimeoutError):
        driver.call("generate", prompt="otter")
    server.script(Reply(delay=0.4))
    assert driver.call("generate", prompt="otter", timeout=3.0).created == 1  # a per-call timeout still wins


def test_a_timeout_given_beside_an_http_client_wins(driver: Driver, server: ScriptedServer) -> None:
    driver.client = driver.client.with_options(http_client=driver.http_client(timeout=0.1), timeout=5.0)
    server.script(Reply(delay=0.4))
    assert driver.call("generate", prompt="otter").created == 1


@pytest.mark.parametrize("kind", ["sync", "async"])
def test_the_timeouts_each_request_carries(kind: str) -> None:
    """600 s (5 s to connect) by default; the client's own; the call's; the caller's http_client's."""
    from images_client import DEFAULT_TIMEOUT

    seen: list[dict[str, Any]] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request.extensions["timeout"])
        return httpx.Response(200, json={"created": 1})

    transport = httpx.MockTransport(handler)
    driver = Driver(kind, "http://test.invalid")
    assert driver.client.timeout == DEFAULT_TIMEOUT
    driver.client._http._transport = transport  # our own pool as constructed, answering in memory
    driver.call("generate", prompt="otter")
    driver.call("generate", prompt="otter", timeout=7.0)
    driver.client = driver.client.with_options(timeout=3.0)
    driver.call("generate", prompt="otter")
    callers = Driver(kind, "http://test.invalid", http_client=driver.http_client(transport=transport, timeout=9.0))
    callers.call("generate", prompt="otter")
    assert DEFAULT_TIMEOUT == httpx.Timeout(600.0, connect=5.0)
    assert seen == [DEFAULT_TIMEOUT.as_dict(), httpx.Timeout(7.0).as_dict(), httpx.Timeout(3.0).as_dict(),
                    httpx.Timeout(9.0).as_dict()]
    driver.close()
    callers.close()


@pytest.mark.parametrize(("kind", "wrong"), [("ImagesClient", httpx.AsyncClient), ("AsyncImagesClient", httpx.Client)])
def test_an_http_client_of_the_other_kind_is_a_type_error(kind: str, wrong: type) -> None:
    import images_client

    with pytest.raises(TypeError, match="http_client"):
        getattr(images_client, kind)(api_key=API_KEY, http_client=wrong())


def test_setting_base_url_works_like_the_argument(driver: Driver, server: ScriptedServer) -> None:
    driver.client.base_url = server.base_url + "/v9"
    assert str(driver.client.base_url) == server.base_url + "/v9/"
    driver.call("generate", prompt="otter")
    assert server.requests[0].path == "/v9/images/generations"
    with pytest.raises(ValueError, match="absolute"):
        driver.client.base_url = "api.example.com/v1"


def test_is_closed(driver: Driver) -> None:
    assert driver.client.is_closed() is False
    driver.run(driver.client.close())
    assert driver.client.is_closed() is True
