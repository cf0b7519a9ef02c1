"""The official `openai` package's surface, where ours lacked it, each against the official package.

Every test drives our client and `openai.OpenAI` / `openai.AsyncOpenAI` the same way, through the
same scripted loopback server, and compares what went on the wire or what the caller reads back:
`APIStatusError.request_id`; `default_query` with `copy()` / `with_options`; `omit` and
`not_given`; `DefaultHttpxClient`; `api_key` as a function asked before each try; `omit` as a
default header (which the official package only accepts per call); and `<PREFIX>_LOG` logging,
whose records never show a key.
"""

from __future__ import annotations

import asyncio
import inspect
import json
import logging
import os
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any, Callable, Iterator, List

import httpx
import openai
import pytest

from .conftest import API_KEY, CLIENT_DIR, FIXTURES
from .scripted_server import Recorded, Reply, ScriptedServer

KINDS = ["sync", "async"]
ERROR_BODY = json.dumps({"error": {"message": "bad prompt", "type": "invalid_request_error"}}).encode()


@pytest.fixture(params=KINDS)
def kind(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def ours(kind: str) -> Any:
    import images_client

    return images_client.AsyncImagesClient if kind == "async" else images_client.ImagesClient


def official(kind: str) -> Any:
    return openai.AsyncOpenAI if kind == "async" else openai.OpenAI


def drive(kind: str, make: Callable[[], Any], call: Callable[[Any], Any]) -> Any:
    """`call(client)` with a client `make()` builds (in the event loop, for the async kind), its
    result awaited; the client closed after."""
    if kind == "sync":
        with make() as client:
            return call(client)

    async def run() -> Any:
        async with make() as client:
            result = call(client)
            return await result if inspect.isawaitable(result) else result

    return asyncio.run(run())


def raised(kind: str, make: Callable[[], Any], call: Callable[[Any], Any]) -> BaseException:
    with pytest.raises(Exception) as info:
        drive(kind, make, call)
    return info.value


def both(server: ScriptedServer, replies: Callable[[], List[Reply]], run: Callable[[Any], Any]) -> List[Any]:
    """`run(client_class)` once with ours, once with the official class, each given `replies()`:
    [(our result, our requests), (their result, their requests)]."""
    import images_client

    outcomes = []
    for make in (ours, official):
        server.clear()
        server.script(*replies())
        try:
            result = run(make)
        except (images_client.APIError, openai.APIError) as exc:
            result = exc
        outcomes.append((result, list(server.requests)))
    return outcomes


def generate(client: Any, **kwargs: Any) -> Any:
    return client.images.generate(prompt="otter", **kwargs)


# ---- APIStatusError.request_id ----


@pytest.mark.parametrize("headers", [{"x-request-id": "req_8f2c"}, {}], ids=["with-id", "without-id"])
def test_status_errors_carry_the_request_id(kind: str, server: ScriptedServer, headers: dict[str, str]) -> None:
    def run(make: Callable[[str], Any]) -> Any:
        return drive(kind, lambda: make(kind)(api_key=API_KEY, base_url=server.base_url, max_retries=0), generate)

    def replies() -> List[Reply]:
        return [Reply(status=400, headers={"content-type": "application/json", **headers}, body=ERROR_BODY)]

    (our_error, _), (their_error, _) = both(server, replies, run)
    assert type(our_error).__name__ == type(their_error).__name__ == "BadRequestError"
    assert our_error.request_id == their_error.request_id == headers.get("x-request-id")


# ---- default_query, copy() and with_options ----


def test_copy_takes_the_official_keywords_and_with_options_is_copy() -> None:
    import images_client

    settings = {"api_key", "organization", "project", "base_url", "timeout", "max_retries", "http_client",
                "default_headers", "set_default_headers", "default_query", "set_default_query"}
    for our_class, their_class in ((images_client.ImagesClient, openai.OpenAI),
                                   (images_client.AsyncImagesClient, openai.AsyncOpenAI)):
        our_keywords = set(inspect.signature(our_class.copy).parameters) - {"self"}
        their_keywords = set(inspect.signature(their_class.copy).parameters)
        assert settings <= their_keywords  # what we follow is still the official package's
        assert settings <= our_keywords  # (and settings of our own)
        assert our_class.with_options is our_class.copy and their_class.with_options is their_class.copy
        assert {"default_query", "default_headers"} <= set(inspect.signature(our_class).parameters)


QUERY_CASES: dict[str, Callable[[Any], Any]] = {
    "constructor": lambda c: generate(c),
    "with-extra-query": lambda c: generate(c, extra_query={"trace": "t-1"}),
    "extra-query-replaces-a-default": lambda c: generate(c, extra_query={"api-version": "2025-01-01"}),
    "omit-removes-a-default": lambda c: generate(c, extra_query={"api-version": _omit(c)}),
    "with_options-adds": lambda c: generate(c.with_options(default_query={"region": "eu"})),
    "copy-adds-and-replaces": lambda c: generate(c.copy(default_query={"region": "eu", "deployment": "d2"})),
    "copy-set-replaces-all": lambda c: generate(c.copy(set_default_query={"region": "us"})),
}


def _omit(client: Any) -> Any:
    """The `omit` of the package `client` comes from."""
    import images_client

    return images_client.omit if type(client).__module__.startswith("images_client") else openai.omit


@pytest.mark.parametrize("case", QUERY_CASES.values(), ids=QUERY_CASES.keys())
def test_default_query_goes_with_every_request_as_the_official_sends_it(kind: str, server: ScriptedServer,
                                                                      case: Callable[[Any], Any]) -> None:
    defaults = {"api-version": "2024-10-21", "deployment": "d1"}

    def run(make: Callable[[str], Any]) -> Any:
        return drive(kind, lambda: make(kind)(api_key=API_KEY, base_url=server.base_url, default_query=defaults),
                     case)

    (_, our_requests), (_, their_requests) = both(server, lambda: [Reply()], run)
    assert [r.query for r in our_requests] == [r.query for r in their_requests]
    assert our_requests[0].path == their_requests[0].path == "/images/generations"


def test_default_query_reads_back_as_the_official_and_copies_stay_apart(kind: str) -> None:
    made = {}
    for make in (ours, official):
        client = make(kind)(api_key=API_KEY, default_query={"a": "1"})
        added = client.with_options(default_query={"b": "2"})
        replaced = added.copy(set_default_query={"c": "3"})
        made[make] = [dict(client.default_query), dict(added.default_query), dict(replaced.default_query)]
        with pytest.raises(ValueError):
            client.copy(default_query={"x": "1"}, set_default_query={"y": "2"})
        with pytest.raises(ValueError):
            client.copy(default_headers={"X-A": "1"}, set_default_headers={"X-B": "2"})
    assert made[ours] == made[official] == [{"a": "1"}, {"a": "1", "b": "2"}, {"c": "3"}]


HEADER_CASES: dict[str, Callable[[Any], Any]] = {
    "constructor": lambda c: generate(c),
    "copy-adds": lambda c: generate(c.copy(default_headers={"X-Region": "eu"})),
    "copy-replaces-whatever-the-case": lambda c: generate(c.copy(default_headers={"x-team": "blue"})),
    "set-replaces-all": lambda c: generate(c.copy(set_default_headers={"X-Region": "us"})),
    "omit-per-call": lambda c: generate(c, extra_headers={"X-Team": _omit(c)}),
}


@pytest.mark.parametrize("case", HEADER_CASES.values(), ids=HEADER_CASES.keys())
def test_copy_merges_default_headers_as_the_official_does(kind: str, server: ScriptedServer,
                                                          case: Callable[[Any], Any]) -> None:
    def run(make: Callable[[str], Any]) -> Any:
        return drive(kind, lambda: make(kind)(api_key=API_KEY, base_url=server.base_url,
                                              default_headers={"X-Team": "red"}), case)

    (_, our_requests), (_, their_requests) = both(server, lambda: [Reply()], run)
    assert custom(our_requests[0]) == custom(their_requests[0])


def custom(request: Recorded) -> list[tuple[str, str]]:
    """The headers a test sets (`X-...` but the official package's own) and the credentials."""
    return sorted((name.lower(), value) for name, value in request.header_list
                  if (name.lower().startswith("x-") and not name.lower().startswith("x-stainless"))
                  or name.lower() in ("authorization", "api-key"))


# ---- omit and not_given ----


def test_omit_and_not_given_are_exported_as_the_official_exports_them() -> None:
    import images_client

    names = {"omit", "not_given", "Omit", "NotGiven", "NOT_GIVEN"}
    assert names <= set(openai.__all__) and names <= set(images_client.__all__)
    for package in (images_client, openai):
        assert isinstance(package.omit, package.Omit) and isinstance(package.not_given, package.NotGiven)
        assert not package.omit and not package.not_given and not package.NOT_GIVEN
        assert isinstance(package.NOT_GIVEN, package.NotGiven)


def test_omit_and_not_given_as_arguments_send_nothing_as_the_official(kind: str, server: ScriptedServer) -> None:
    def run(make: Callable[[str], Any]) -> Any:
        package = openai if make is official else sys.modules["images_client"]
        return drive(kind, lambda: make(kind)(api_key=API_KEY, base_url=server.base_url),
                     lambda c: generate(c, n=package.omit, size=package.not_given, quality=package.NOT_GIVEN,
                                        timeout=package.not_given))

    (_, our_requests), (_, their_requests) = both(server, lambda: [Reply()], run)
    assert json.loads(our_requests[0].body) == json.loads(their_requests[0].body) == {"prompt": "otter"}


def test_a_wrapper_written_for_the_official_package_forwards_omit(server: ScriptedServer) -> None:
    """Code written for the official package defaults its own arguments to `omit` and passes them on."""
    import images_client

    def make_image(client: Any, prompt: str, n: Any = images_client.omit, style: Any = images_client.omit) -> Any:
        return client.images.generate(prompt=prompt, n=n, style=style)

    with images_client.ImagesClient(api_key=API_KEY, base_url=server.base_url) as client:
        make_image(client, "otter", n=2)
    assert json.loads(server.requests[0].body) == {"prompt": "otter", "n": 2}


# ---- DefaultHttpxClient ----


def pool_settings(http_client: Any) -> tuple[Any, ...]:
    """What an httpx (or the official package's httpx2) client was made with."""
    timeout = http_client.timeout
    pool = http_client._transport._pool
    return ((timeout.connect, timeout.read, timeout.write, timeout.pool), http_client.follow_redirects,
            pool._max_connections, pool._max_keepalive_connections, pool._keepalive_expiry)


@pytest.mark.parametrize("name", ["DefaultHttpxClient", "DefaultAsyncHttpxClient"])
def test_default_httpx_clients_carry_the_official_defaults(name: str) -> None:
    import images_client

    base = httpx.AsyncClient if "Async" in name else httpx.Client
    ours_made, theirs_made = getattr(images_client, name)(), getattr(openai, name)()
    assert isinstance(ours_made, base)
    assert pool_settings(ours_made) == pool_settings(theirs_made)
    # an argument given replaces that default only
    ours_five, theirs_five = getattr(images_client, name)(timeout=5.0), getattr(openai, name)(timeout=5.0)
    assert pool_settings(ours_five) == pool_settings(theirs_five)
    assert pool_settings(ours_five)[0] == (5.0, 5.0, 5.0, 5.0) and pool_settings(ours_five)[1] is True
    assert pool_settings(base()) != pool_settings(ours_made)  # httpx's own defaults differ


def test_the_clients_own_pool_has_the_same_defaults(kind: str) -> None:
    import images_client

    given = (images_client.DefaultAsyncHttpxClient if kind == "async" else images_client.DefaultHttpxClient)()
    client = ours(kind)(api_key=API_KEY)
    assert pool_settings(client._http) == pool_settings(given)
    assert client.with_options(http_client=given).timeout == images_client.DEFAULT_TIMEOUT


def test_a_default_httpx_client_follows_redirects_where_a_plain_one_does_not(kind: str,
                                                                            server: ScriptedServer) -> None:
    import images_client

    moved = Reply(status=307, headers={"location": f"{server.base_url}/v2/images/generations",
                                       "content-length": "0"}, body=b"")
    made = images_client.DefaultAsyncHttpxClient if kind == "async" else images_client.DefaultHttpxClient
    plain = httpx.AsyncClient if kind == "async" else httpx.Client
    server.script(moved, Reply())
    drive(kind, lambda: ours(kind)(api_key=API_KEY, base_url=server.base_url, http_client=made()), generate)
    assert [r.path for r in server.requests] == ["/images/generations", "/v2/images/generations"]
    server.clear()
    server.script(moved)
    error = raised(kind, lambda: ours(kind)(api_key=API_KEY, base_url=server.base_url, http_client=plain(),
                                            max_retries=0), generate)
    assert type(error).__name__ == "APIStatusError" and error.status_code == 307  # type: ignore[attr-defined]


# ---- api_key as a function ----


class Keys:
    """A token source: a new key each time it is asked, as a rotating credential gives."""

    def __init__(self, prefix: str) -> None:
        self.prefix, self.asked = prefix, 0

    def next(self) -> str:
        self.asked += 1
        return f"{self.prefix}-{self.asked:012d}"

    async def next_async(self) -> str:
        return self.next()


def key_function(kind: str, keys: Keys) -> Callable[[], Any]:
    return keys.next_async if kind == "async" else keys.next


def test_a_key_function_is_asked_before_each_try_as_the_official_asks(kind: str, server: ScriptedServer) -> None:
    keys = {ours: Keys("sk-ours"), official: Keys("sk-theirs")}

    def run(make: Callable[[str], Any]) -> Any:
        made = make(kind)(api_key=key_function(kind, keys[make]), base_url=server.base_url, max_retries=2)
        return drive(kind, lambda: made, generate), made.api_key

    def replies() -> List[Reply]:
        retry = {"content-type": "application/json", "retry-after-ms": "1"}
        return [Reply(status=500, headers=retry), Reply(status=500, headers=retry), Reply()]  # 1 ms apart

    ((_, our_last), our_requests), ((_, their_last), their_requests) = both(server, replies, run)
    sent = {ours: [r.headers["authorization"] for r in our_requests],
            official: [r.headers["authorization"] for r in their_requests]}
    for make, prefix in ((ours, "sk-ours"), (official, "sk-theirs")):
        assert sent[make] == [f"Bearer {prefix}-{n:012d}" for n in (1, 2, 3)]  # one key per try
        assert keys[make].asked == 3
    assert our_last == "sk-ours-000000000003" and their_last == "sk-theirs-000000000003"  # `api_key`: the last


def test_copies_keep_asking_the_key_function(kind: str, server: ScriptedServer) -> None:
    keys = Keys("sk-rotating")
    server.script(Reply(), Reply())

    def call(client: Any) -> Any:
        async def both_calls() -> None:
            await generate(client)
            await generate(client.with_options(timeout=30.0))

        if kind == "async":
            return both_calls()
        generate(client)
        return generate(client.with_options(timeout=30.0))

    drive(kind, lambda: ours(kind)(api_key=key_function(kind, keys), base_url=server.base_url), call)
    assert [r.headers["authorization"] for r in server.requests] == [
        "Bearer sk-rotating-000000000001", "Bearer sk-rotating-000000000002"]


def test_a_bad_key_from_the_function_fails_by_name_without_showing_it(kind: str, server: ScriptedServer) -> None:
    import images_client

    secret = "sk-bad-0123456789abcdef"

    def bad_sync() -> str:
        return secret + "\n"

    async def bad_async() -> str:
        return bad_sync()

    error = raised(kind, lambda: ours(kind)(api_key=bad_async if kind == "async" else bad_sync,
                                            base_url=server.base_url), generate)
    assert isinstance(error, images_client.ClientError)
    assert "api_key function" in str(error) and "line break" in str(error) and secret not in str(error)
    assert server.requests == []


def test_a_rotated_key_never_shows_in_an_error_or_repr(kind: str, server: ScriptedServer) -> None:
    keys = Keys("sk-secret")
    echo = json.dumps({"error": {"message": "Incorrect API key provided: sk-secret-000000000001"}}).encode()
    server.script(Reply(status=401, body=echo))
    made = ours(kind)(api_key=key_function(kind, keys), base_url=server.base_url, max_retries=0)
    error = raised(kind, lambda: made, generate)
    assert type(error).__name__ == "AuthenticationError"
    for text in (str(error), repr(error), json.dumps(error.body), repr(made)):  # type: ignore[attr-defined]
        assert "sk-secret-000000000001" not in text


# ---- omit as a default header ----


def test_omit_as_a_default_header_turns_the_bearer_off_client_wide(kind: str, server: ScriptedServer) -> None:
    """A gateway (Azure's `api-key`) without the bearer header. The official package accepts the
    `omit` only per call (client-wide it raises when sending); ours sends what the official's
    per-call form sends, with no key needed."""
    import images_client

    def run(make: Callable[[str], Any]) -> Any:
        if make is official:
            return drive(kind, lambda: make(kind)(api_key="unused-by-the-gateway", base_url=server.base_url,
                                                  default_headers={"api-key": "azure-0123456789"}),
                         lambda c: generate(c, extra_headers={"Authorization": openai.omit}))
        return drive(kind, lambda: make(kind)(base_url=server.base_url, default_headers={
            "Authorization": images_client.omit, "api-key": "azure-0123456789"}), generate)

    (_, our_requests), (_, their_requests) = both(server, lambda: [Reply()], run)
    assert custom(our_requests[0]) == custom(their_requests[0]) == [("api-key", "azure-0123456789")]


def test_the_official_package_refuses_a_client_wide_omit(kind: str, server: ScriptedServer) -> None:
    """Why the test above drives the official package per call: its client-wide form fails."""
    with pytest.raises(TypeError, match="Authorization"):
        drive(kind, lambda: official(kind)(api_key=API_KEY, base_url=server.base_url,
                                           default_headers={"Authorization": openai.omit}), generate)


def test_a_default_omit_removes_the_bearer_in_any_case_and_a_call_may_put_it_back(kind: str,
                                                                                 server: ScriptedServer) -> None:
    import images_client

    keys = Keys("sk-never-asked")
    server.script(Reply(), Reply(), Reply())

    def calls(client: Any) -> Any:
        async def run_async() -> None:
            await generate(client)
            await generate(client, extra_headers={"Authorization": "Bearer per-call-0123456789"})
            await generate(client.with_options(default_headers={"X-Team": "a"}))

        if kind == "async":
            return run_async()
        generate(client)
        generate(client, extra_headers={"Authorization": "Bearer per-call-0123456789"})
        return generate(client.with_options(default_headers={"X-Team": "a"}))

    drive(kind, lambda: ours(kind)(api_key=key_function(kind, keys), base_url=server.base_url,
                                   default_headers={"authorization": images_client.omit}), calls)
    assert [r.headers.get("authorization") for r in server.requests] == [None, "Bearer per-call-0123456789", None]
    assert keys.asked == 0  # the function is not asked for a key nobody sends


def test_without_an_omit_a_client_still_needs_a_key(kind: str) -> None:
    import images_client

    with pytest.raises(images_client.ClientError, match="No API key"):
        ours(kind)(default_headers={"api-key": "azure-0123456789"})
    client = ours(kind)(default_headers={"Authorization": images_client.omit})
    with pytest.raises(images_client.ClientError, match="No API key"):
        client.copy(set_default_headers={})  # the copy sends the bearer again, and has no key for it


# ---- logging ----


@pytest.fixture
def package_logger() -> Iterator[logging.Logger]:
    """The package's logger, its level put back after the test (a client sets it from the environment)."""
    import images_client

    logger = logging.getLogger(images_client.__name__)
    level = logger.level
    yield logger
    logger.setLevel(level)


LOGGED_KEY = "sk-logged-0123456789abcdef"


def test_no_log_variable_no_records(kind: str, server: ScriptedServer, caplog: pytest.LogCaptureFixture,
                                    package_logger: logging.Logger) -> None:
    package_logger.setLevel(logging.NOTSET)
    server.script(Reply())
    drive(kind, lambda: ours(kind)(api_key=LOGGED_KEY, base_url=server.base_url), generate)
    assert [r for r in caplog.records if r.name == package_logger.name] == []


def test_log_info_gives_each_try_and_retry_and_never_the_key(kind: str, server: ScriptedServer,
                                                             caplog: pytest.LogCaptureFixture,
                                                             monkeypatch: pytest.MonkeyPatch,
                                                             package_logger: logging.Logger) -> None:
    monkeypatch.setenv("OPENAI_LOG", "info")
    server.script(Reply(status=503, headers={"content-type": "application/json", "retry-after-ms": "1"}),
                  Reply(headers={"content-type": "application/json", "x-request-id": "req_42"}))
    client = ours(kind)(api_key=LOGGED_KEY, base_url=server.base_url, max_retries=1)
    drive(kind, lambda: client, generate)
    records = [r for r in caplog.records if r.name == package_logger.name]
    messages = [r.getMessage() for r in records]
    url = f"{server.base_url}/images/generations"
    assert {r.levelno for r in records} == {logging.INFO}  # no headers at info
    assert messages[0].startswith(f'POST {url} "503 ')  # and the reason the server gave
    assert messages[1] == f"Retrying POST {url} in 0.001 s (retry 1 of 1): status 503"
    assert messages[2].startswith(f'POST {url} "200 OK" in ')
    assert messages[2].endswith(", request id req_42 (retry 1)")
    assert len(messages) == 3
    assert all(LOGGED_KEY not in message for message in messages)


def test_log_debug_shows_headers_redacted(kind: str, server: ScriptedServer, caplog: pytest.LogCaptureFixture,
                                          monkeypatch: pytest.MonkeyPatch, package_logger: logging.Logger) -> None:
    monkeypatch.setenv("OPENAI_LOG", "debug")
    server.script(Reply(headers={"content-type": "application/json", "set-cookie": "session=s3cr3t-cookie"}))
    client = ours(kind)(api_key=LOGGED_KEY, base_url=server.base_url,
                        default_headers={"X-Api-Key": "gateway-0123456789", "Cookie": "id=c00kie-value",
                                         "X-Echo": f"copy of {LOGGED_KEY}", "X-Team": "red"},
                        default_query={"api_key": "query-0123456789", "api-version": "2024"})
    drive(kind, lambda: client, generate)
    text = "\n".join(r.getMessage() for r in caplog.records if r.name == package_logger.name)
    for secret in (LOGGED_KEY, "gateway-0123456789", "c00kie-value", "s3cr3t-cookie", "query-0123456789"):
        assert secret not in text
    assert "'authorization': '<redacted>'" in text and "'x-api-key': '<redacted>'" in text
    assert "'set-cookie': '<redacted>'" in text and "'x-team': 'red'" in text
    assert "'x-echo': 'copy of <redacted>'" in text
    assert "api_key=%3Credacted%3E&api-version=2024" in text  # the query's value, not its name
    assert f"Sending POST {server.base_url}/images/generations?" in text


def test_log_records_propagate_from_the_package_logger(kind: str, server: ScriptedServer,
                                                       monkeypatch: pytest.MonkeyPatch,
                                                       package_logger: logging.Logger) -> None:
    seen: list[logging.LogRecord] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            seen.append(record)

    root = logging.getLogger()
    handler = Keep()
    root.addHandler(handler)
    try:
        monkeypatch.setenv("OPENAI_LOG", "info")
        server.script(Reply())
        drive(kind, lambda: ours(kind)(api_key=LOGGED_KEY, base_url=server.base_url), generate)
    finally:
        root.removeHandler(handler)
    assert package_logger.handlers == [] and package_logger.propagate
    assert [record.name for record in seen] == ["images_client"]


SCRIPT = """
import {package}
client = {package}.{client}(api_key={key!r}, base_url={base!r}, max_retries=1)
client._sleep = lambda seconds: None
{call}
"""


def run_logged(env: dict[str, str], package_dir: Path, package: str, client: str, base: str, call: str) -> str:
    """stderr of a fresh interpreter that makes one client of `package` and runs `call` on it."""
    script = SCRIPT.format(package=package, client=client, key=LOGGED_KEY, base=base, call=call)
    done = subprocess.run([sys.executable, "-c", textwrap.dedent(script)], capture_output=True, text=True,
                          timeout=60, env={**os.environ, "PYTHONPATH": str(package_dir), **env})
    assert done.returncode == 0, done.stderr
    return done.stderr


def test_the_log_variable_alone_shows_records_on_stderr(server: ScriptedServer) -> None:
    server.script(Reply(status=500), Reply())
    stderr = run_logged({"OPENAI_LOG": "debug"}, CLIENT_DIR, "images_client", "ImagesClient", server.base_url,
                        "client.images.generate(prompt='otter')")
    assert " images_client DEBUG] Sending POST " in stderr
    assert '"500 ' in stderr and '"200 OK"' in stderr and "Retrying POST" in stderr
    assert "'authorization': '<redacted>'" in stderr
    assert LOGGED_KEY not in stderr


def test_the_log_variable_takes_the_clients_environment_prefix(tmp_path: Path) -> None:
    from generator.options import Options
    from generator.pipeline import generate_files

    for rel, data in generate_files(FIXTURES / "surface" / "acme.yaml", Options(package="acme_client")).items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_bytes(data)
    server = ScriptedServer()
    try:
        server.script(Reply(body=b'{"id": "w1"}'), Reply(body=b'{"id": "w1"}'))
        call = "client.widgets.get('w1')"
        logged = run_logged({"ACME_LOG": "info"}, tmp_path, "acme_client", "AcmeClient", server.base_url, call)
        quiet = run_logged({"OPENAI_LOG": "debug"}, tmp_path, "acme_client", "AcmeClient", server.base_url, call)
    finally:
        server.close()
    assert f' acme_client INFO] GET {server.base_url}/widgets/w1 "200 OK" in ' in logged
    assert LOGGED_KEY not in logged
    assert quiet == ""


def test_the_page_types_are_importable_where_the_official_package_keeps_them() -> None:
    import images_client.pagination
    import openai.pagination

    for name in ("SyncPage", "AsyncPage", "SyncCursorPage", "AsyncCursorPage"):
        assert hasattr(openai.pagination, name), name  # the official names, checked against the oracle
        ours = getattr(images_client.pagination, name)
        assert ours.__name__ == name and ours.__module__ == "images_client._pagination"
