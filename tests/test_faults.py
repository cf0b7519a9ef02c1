"""CONTRACT.md under faults, sync and async: errors, retries and delays, timeouts, connection
failures, lenient parsing, and the API key never leaking."""

from __future__ import annotations

import email.utils
import io
import json

import pytest

from .conftest import API_KEY, Driver, free_port
from .scripted_server import Reply, ScriptedServer

ERROR_BODY = {"error": {"message": "it broke", "type": "invalid_request_error", "param": "size", "code": "bad_size"}}


def error_reply(status: int, headers: dict[str, str] | None = None) -> Reply:
    return Reply(status=status, headers={"content-type": "application/json", **(headers or {})},
                 body=json.dumps(ERROR_BODY).encode())


# ---- status errors ----


@pytest.mark.parametrize(
    ("status", "name"),
    [(400, "BadRequestError"), (401, "AuthenticationError"), (403, "PermissionDeniedError"),
     (404, "NotFoundError"), (409, "ConflictError"), (422, "UnprocessableEntityError"),
     (429, "RateLimitError"), (500, "InternalServerError"), (503, "InternalServerError"),
     (418, "APIStatusError")],
)
def test_status_maps_to_exception(driver: Driver, server: ScriptedServer, status: int, name: str) -> None:
    import images_client

    server.script(error_reply(status))
    with pytest.raises(images_client.APIStatusError) as info:
        driver.call("generate", prompt="otter")
    error = info.value
    assert type(error).__name__ == name
    assert isinstance(error, getattr(images_client, name)) and isinstance(error, images_client.APIError)
    assert error.status_code == status
    assert error.body == ERROR_BODY["error"]
    assert (error.code, error.param, error.type) == ("bad_size", "size", "invalid_request_error")
    assert "it broke" in str(error)
    assert error.response.status_code == status


def test_error_body_that_is_not_json(driver: Driver, server: ScriptedServer) -> None:
    from images_client import InternalServerError

    server.script(Reply(status=502, headers={"content-type": "text/plain"}, body=b"upstream down"))
    with pytest.raises(InternalServerError) as info:
        driver.call("generate", prompt="otter")
    assert info.value.body == "upstream down" and info.value.code is None


# ---- retries ----


def retrying(driver: Driver, server: ScriptedServer, max_retries: int = 2) -> list[float]:
    driver.client = driver.client.with_options(max_retries=max_retries)
    return driver.record_sleeps(random=0.5)


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ({"retry-after-ms": "250"}, 0.25),
        ({"retry-after": "2"}, 2.0),
        ({"retry-after": "1.5"}, 1.5),
        ({"retry-after": email.utils.formatdate(1_000_000.0 + 3, usegmt=True)}, 3.0),
        ({"retry-after": "120"}, 120.0),
        ({"retry-after-ms": "250", "retry-after": "9"}, 0.25),
    ],
)
def test_retry_after_is_honoured(driver: Driver, server: ScriptedServer, headers: dict[str, str],
                                 expected: float) -> None:
    sleeps = retrying(driver, server)
    server.script(error_reply(429, headers))
    result = driver.call("generate", prompt="otter")
    assert type(result).__name__ == "ImagesResponse"
    assert sleeps == [pytest.approx(expected)]
    assert len(server.requests) == 2


@pytest.mark.parametrize("value", ["0", "-3", "soon", ""])
def test_unusable_retry_after_falls_back_to_backoff(driver: Driver, server: ScriptedServer, value: str) -> None:
    sleeps = retrying(driver, server)
    server.script(error_reply(429, {"retry-after": value}))
    driver.call("generate", prompt="otter")
    assert sleeps == [pytest.approx(0.5 * (1 - 0.25 * 0.5))]


def test_retry_after_over_120_seconds_means_no_retry(driver: Driver, server: ScriptedServer) -> None:
    from images_client import RateLimitError

    sleeps = retrying(driver, server)
    server.script(error_reply(429, {"retry-after": "121"}))
    with pytest.raises(RateLimitError):
        driver.call("generate", prompt="otter")
    assert sleeps == [] and len(server.requests) == 1


def test_backoff_formula_and_final_error(driver: Driver, server: ScriptedServer) -> None:
    from images_client import InternalServerError

    sleeps = retrying(driver, server, max_retries=5)
    server.script(*[error_reply(500) for _ in range(6)])
    with pytest.raises(InternalServerError):
        driver.call("generate", prompt="otter")
    jitter = 1 - 0.25 * 0.5
    assert sleeps == [pytest.approx(d * jitter) for d in (0.5, 1.0, 2.0, 4.0, 8.0)]
    assert len(server.requests) == 6


@pytest.mark.parametrize(("random", "factor"), [(0.0, 1.0), (0.999999, 0.75)])
def test_jitter_bounds(driver: Driver, server: ScriptedServer, random: float, factor: float) -> None:
    driver.client = driver.client.with_options(max_retries=1)
    sleeps = driver.record_sleeps(random=random)
    server.script(error_reply(503))
    driver.call("generate", prompt="otter")
    assert sleeps == [pytest.approx(0.5 * factor, rel=1e-5)]


@pytest.mark.parametrize("status", [408, 409, 429, 500, 502, 503, 504])
def test_retryable_statuses(driver: Driver, server: ScriptedServer, status: int) -> None:
    retrying(driver, server)
    server.script(error_reply(status))
    driver.call("generate", prompt="otter")
    assert len(server.requests) == 2


@pytest.mark.parametrize("status", [400, 401, 403, 404, 422])
def test_non_retryable_statuses(driver: Driver, server: ScriptedServer, status: int) -> None:
    from images_client import APIStatusError

    retrying(driver, server)
    server.script(error_reply(status))
    with pytest.raises(APIStatusError):
        driver.call("generate", prompt="otter")
    assert len(server.requests) == 1


def test_x_should_retry_overrides_status(driver: Driver, server: ScriptedServer) -> None:
    from images_client import InternalServerError

    retrying(driver, server)
    server.script(error_reply(400, {"x-should-retry": "true"}))
    driver.call("generate", prompt="otter")
    assert len(server.requests) == 2
    server.requests.clear()
    server.script(error_reply(500, {"x-should-retry": "false"}))
    with pytest.raises(InternalServerError):
        driver.call("generate", prompt="otter")
    assert len(server.requests) == 1


def test_max_retries_zero(driver: Driver, server: ScriptedServer) -> None:
    from images_client import InternalServerError

    sleeps = retrying(driver, server, max_retries=0)
    server.script(error_reply(500))
    with pytest.raises(InternalServerError):
        driver.call("generate", prompt="otter")
    assert sleeps == [] and len(server.requests) == 1


def test_multipart_body_is_resent_byte_identical(driver: Driver, server: ScriptedServer) -> None:
    retrying(driver, server)
    server.script(error_reply(500), error_reply(429))
    upload = io.BytesIO(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 500)
    upload.name = "otter.png"
    driver.call("edit", image=upload, prompt="hat", n=2)
    bodies = [r.body for r in server.requests]
    assert len(bodies) == 3 and bodies[0] == bodies[1] == bodies[2]
    assert upload.getvalue()[-100:] in bodies[0]


# ---- connection failures and timeouts ----


def test_connection_refused(driver: Driver) -> None:
    from images_client import APIConnectionError, APITimeoutError

    driver.client = driver.client.with_options(base_url=f"http://127.0.0.1:{free_port()}", max_retries=2)
    sleeps = driver.record_sleeps()
    with pytest.raises(APIConnectionError) as info:
        driver.call("generate", prompt="otter")
    assert not isinstance(info.value, APITimeoutError)
    assert info.value.__cause__ is not None
    assert len(sleeps) == 2


def test_connection_reset_is_retried_then_raised(driver: Driver, server: ScriptedServer) -> None:
    from images_client import APIConnectionError

    sleeps = retrying(driver, server)
    server.script(Reply(drop=True), Reply(drop=True), Reply(drop=True))
    with pytest.raises(APIConnectionError):
        driver.call("generate", prompt="otter")
    assert len(server.requests) == 3 and len(sleeps) == 2


def test_reset_then_success(driver: Driver, server: ScriptedServer) -> None:
    retrying(driver, server)
    server.script(Reply(drop=True))
    assert type(driver.call("generate", prompt="otter")).__name__ == "ImagesResponse"


def test_body_cut_short_is_a_connection_error(driver: Driver, server: ScriptedServer) -> None:
    from images_client import APIConnectionError

    retrying(driver, server, max_retries=0)
    server.script(Reply(body=b'{"created": 1, "data": [{"url": "x"}]}', cut_after=10))
    with pytest.raises(APIConnectionError):
        driver.call("generate", prompt="otter")


def test_slow_answer_times_out(driver: Driver, server: ScriptedServer) -> None:
    from images_client import APITimeoutError

    retrying(driver, server, max_retries=1)
    server.script(Reply(delay=1.0), Reply(delay=1.0))
    with pytest.raises(APITimeoutError):
        driver.call("generate", prompt="otter", timeout=0.2)
    assert len(server.requests) == 2


# ---- responses ----


def test_lenient_parsing_keeps_unknown_values(driver: Driver, server: ScriptedServer) -> None:
    body = {"created": 5, "size": "1536x864", "quality": "ultra", "brand_new": {"a": 1},
            "data": [{"b64_json": "aGk=", "extra": True}],
            "usage": {"total_tokens": 3, "input_tokens": 1, "output_tokens": 2}}
    server.script(Reply(body=json.dumps(body).encode()))
    result = driver.call("generate", prompt="otter")
    assert result.size == "1536x864" and result.quality == "ultra"
    assert result.brand_new == {"a": 1}
    assert result.data[0].b64_json == "aGk=" and result.data[0].extra is True
    assert result.usage.total_tokens == 3
    assert result.usage.input_tokens_details is None  # missing though required: None, not a crash
    assert result.to_dict()["size"] == "1536x864"


def test_valid_answers_are_fully_typed(driver: Driver, server: ScriptedServer) -> None:
    from images_client.types import Image, ImageGenUsage

    body = {"created": 5, "data": [{"url": "https://x"}], "usage": {
        "total_tokens": 3, "input_tokens": 1, "output_tokens": 2,
        "input_tokens_details": {"text_tokens": 1, "image_tokens": 0}}}
    server.script(Reply(body=json.dumps(body).encode()))
    result = driver.call("generate", prompt="otter")
    assert isinstance(result.data[0], Image) and isinstance(result.usage, ImageGenUsage)
    assert result.background is None


def test_missing_optional_fields(driver: Driver, server: ScriptedServer) -> None:
    server.script(Reply(body=b'{"created": 1}'))
    result = driver.call("generate", prompt="otter")
    assert result.data is None and result.usage is None


@pytest.mark.parametrize("body", [b"{not json", b"", b"<html>oops</html>"])
def test_malformed_json_is_a_validation_error(driver: Driver, server: ScriptedServer, body: bytes) -> None:
    from images_client import APIResponseValidationError

    server.script(Reply(body=body))
    with pytest.raises(APIResponseValidationError) as info:
        driver.call("generate", prompt="otter")
    assert info.value.status_code == 200


def test_api_key_never_leaks(driver: Driver, server: ScriptedServer) -> None:
    from images_client import APIStatusError

    echo = {"error": {"message": f"bad key {API_KEY}", "type": "auth"}}
    server.script(Reply(status=401, body=json.dumps(echo).encode()))
    with pytest.raises(APIStatusError) as info:
        driver.call("generate", prompt="otter")
    for text in (repr(driver.client), str(driver.client), repr(driver.client.images), str(info.value),
                 repr(info.value), info.value.message):
        assert API_KEY not in text


def test_raw_response(driver: Driver, server: ScriptedServer) -> None:
    server.script(Reply(headers={"content-type": "application/json", "x-request-id": "req_1"}))
    raw = driver.run(driver.client.images.with_raw_response.generate(prompt="otter"))
    assert raw.status_code == 200 and raw.headers["x-request-id"] == "req_1"
    parsed = driver.run(raw.parse())  # a plain call on the sync client, awaited on the async one
    assert type(parsed).__name__ == "ImagesResponse" and parsed.created == 1


def test_streaming_response_reads_on_demand(server: ScriptedServer) -> None:
    from images_client import ImagesClient

    server.script(Reply(headers={"content-type": "application/json", "x-request-id": "req_2"}))
    with ImagesClient(api_key=API_KEY, base_url=server.base_url) as client:
        with client.images.with_streaming_response.generate(prompt="otter") as response:
            assert response.headers["x-request-id"] == "req_2"
            assert not response.http_response.is_stream_consumed
            assert response.parse().created == 1


async def test_async_streaming_response(server: ScriptedServer) -> None:
    from images_client import AsyncImagesClient

    async with AsyncImagesClient(api_key=API_KEY, base_url=server.base_url) as client:
        async with client.images.with_streaming_response.generate(prompt="otter") as response:
            assert response.status_code == 200
            assert (await response.parse()).created == 1


async def test_fifty_concurrent_async_calls(server: ScriptedServer) -> None:
    import asyncio

    from images_client import AsyncImagesClient

    async with AsyncImagesClient(api_key=API_KEY, base_url=server.base_url) as client:
        results = await asyncio.gather(*(client.images.generate(prompt=f"otter {i}") for i in range(50)))
    assert len(results) == 50 and all(r.created == 1 for r in results)
    assert sorted(json.loads(r.body)["prompt"] for r in server.requests) == sorted(f"otter {i}" for i in range(50))


def test_with_options_copies_settings(server: ScriptedServer) -> None:
    from images_client import ImagesClient

    client = ImagesClient(api_key=API_KEY, base_url=server.base_url, organization="org-a", max_retries=5)
    other = client.with_options(organization="org-b")
    assert (other.max_retries, other.organization, str(other.base_url)) == (5, "org-b", server.base_url + "/")
    other.images.generate(prompt="otter")
    assert server.requests[0].headers["openai-organization"] == "org-b"
    client.close()


@pytest.mark.parametrize("kind", ["sync", "async"])
def test_timeouts_per_client_and_per_call(kind: str, server: ScriptedServer) -> None:
    import httpx
    from images_client import DEFAULT_TIMEOUT, APITimeoutError

    assert DEFAULT_TIMEOUT == httpx.Timeout(600.0, connect=5.0)
    for timeout in (0.2, httpx.Timeout(0.2)):
        driver = Driver(kind, server.base_url, max_retries=0, timeout=timeout)
        server.script(Reply(delay=0.6))
        with pytest.raises(APITimeoutError):
            driver.call("generate", prompt="otter")
        server.script(Reply(delay=0.4))
        assert driver.call("generate", prompt="otter", timeout=None).created == 1  # None: no limit
        server.script(Reply(delay=0.4))
        assert driver.call("generate", prompt="otter", timeout=2.0).created == 1
        driver.close()


def test_clients_are_context_managers(server: ScriptedServer) -> None:
    import httpx
    from images_client import ImagesClient

    with ImagesClient(api_key=API_KEY, base_url=server.base_url) as client:
        client.images.generate(prompt="otter")
    assert client._http.is_closed
    shared = httpx.Client()
    with ImagesClient(api_key=API_KEY, base_url=server.base_url, http_client=shared) as client:
        client.images.generate(prompt="otter")
    assert not shared.is_closed  # a pool passed in belongs to the caller
    shared.close()


def test_failed_responses_are_closed_before_retrying(driver: Driver, server: ScriptedServer) -> None:
    retrying(driver, server)
    sent = []
    original = driver.client._http.send

    earlier_closed: list[bool] = []  # at each send: were all earlier responses closed?

    def recording_send(*args: object, **kwargs: object) -> object:
        earlier_closed.append(all(r.is_closed for r in sent))
        result = original(*args, **kwargs)
        sent.append(result)
        return result

    async def async_recording_send(*args: object, **kwargs: object) -> object:
        earlier_closed.append(all(r.is_closed for r in sent))
        result = await original(*args, **kwargs)
        sent.append(result)
        return result

    driver.client._http.send = async_recording_send if driver.kind == "async" else recording_send
    server.script(error_reply(500), error_reply(429))
    assert driver.call("generate", prompt="otter").created == 1
    assert [r.status_code for r in sent] == [500, 429, 200]
    assert earlier_closed == [True, True, True]
