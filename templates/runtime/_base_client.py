# Runtime of images-sdk-generator, copied into each generated client with this line as its header.
"""Sending requests: settings, headers, bodies, timeouts, and the retry loop.

Retries: connection errors, timeouts and retryable statuses (see `_retries.py`) are tried
again up to `max_retries` times; a failed response is closed before the next try, and the
same `httpx.Request` is re-sent, so a multipart body goes out byte for byte the same.

Every failure reaches the caller as one of the exceptions in `_exceptions.py`: whatever the
transport raises (httpx's errors, bad gzip, a redirect loop, or any exception of a custom
transport) becomes `APIConnectionError` or `APITimeoutError`, with the original as its cause.
"""

from __future__ import annotations

import json
import os
import random
import re
import time
from contextlib import ExitStack
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, Mapping, Optional, Tuple, Union
from urllib.parse import quote

import httpx
from typing_extensions import Literal

from ._bodies import RequestBody
from ._exceptions import (
    APIConnectionError,
    APIStatusError,
    ClientError,
    connection_error,
    status_error_class,
)
from ._response import (
    APIResponse,
    AsyncStreamedAPIResponse,
    StreamedAPIResponse,
    check_event_stream,
    is_event_stream,
    parse_body,
)
from ._retries import backoff_delay, retry_delay, should_retry_status
from ._serialization import to_wire
from ._streaming import AsyncStream, Stream
from ._types import NOT_GIVEN, Headers, NotGiven, Omit, Query, Timeout

__all__ = [
    "ClientDefaults",
    "RequestOptions",
    "ResponseMode",
    "APIClient",
    "AsyncAPIClient",
    "DEFAULT_TIMEOUT",
    "DEFAULT_MAX_RETRIES",
]

DEFAULT_TIMEOUT = httpx.Timeout(600.0, connect=5.0)
DEFAULT_MAX_RETRIES = 2

ResponseMode = Literal["parse", "raw", "raw_stream"]
"""What a method returns: the parsed result, an `APIResponse`, or one whose body is unread."""

# A header value may not hold line breaks or NUL: they would end the header (injection).
_BAD_HEADER_VALUE = re.compile("[\r\n\x00]")
_HEADER_NAME = re.compile(r"^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$")
# Failures that would only repeat: retrying them is wasted time.
_NOT_RETRIED = (httpx.TooManyRedirects, httpx.UnsupportedProtocol, httpx.LocalProtocolError)


@dataclass(frozen=True)
class ClientDefaults:
    """What a client falls back to when the caller says nothing; each generated client states
    its own (from its spec), so this runtime names no API of its own."""

    base_url: str
    user_agent: str
    api_key_env: str
    organization_env: str
    project_env: str
    base_url_env: str


@dataclass(frozen=True)
class RequestOptions:
    """Everything one method call asks for; the client adds auth, defaults and retries."""

    method: str
    path: str
    body: Optional[RequestBody] = None
    query: Mapping[str, object] = field(default_factory=dict)
    stream: bool = False
    extra_headers: Optional[Headers] = None
    extra_query: Optional[Query] = None
    timeout: Union[Timeout, NotGiven] = NOT_GIVEN


async def async_sleep(seconds: float) -> None:
    import asyncio  # only when a retry waits: asyncio is slow to import

    await asyncio.sleep(seconds)


def path_param(name: str, value: object) -> str:
    """A path parameter, percent-encoded so it cannot change the path (`/`, `..`, `?`); an empty
    one would call another endpoint (`/batches/` for `/batches/{id}`), so it is refused."""
    text = "" if value is None else str(value)
    if not text:
        raise ValueError(f"`{name}` must be a non-empty string, not {value!r}")
    return quote(text, safe="")


def header_params(values: Mapping[str, object], extra_headers: Optional[Headers]) -> Dict[str, Union[str, Omit]]:
    """Header parameters the caller gave, as strings, then `extra_headers` on top."""
    headers: Dict[str, Union[str, Omit]] = {
        name: str(value) for name, value in values.items() if not isinstance(value, NotGiven) and value is not None
    }
    headers.update(extra_headers or {})
    return headers


def _resolve_api_key(key: Optional[str], source: str, env: str) -> str:
    """`key` if it can be sent as a bearer token; else a clear error that does not show it."""
    if not key:
        raise ClientError(f"No API key: pass api_key=... to the client or set the {env} environment variable.")
    bad = next((index for index, char in enumerate(key) if not "!" <= char <= "~"), None)
    if bad is not None:
        raise ClientError(
            f"The API key ({source}) has {_kind_of(key[bad])} at position {bad + 1} of {len(key)}, so it cannot "
            "be sent in an HTTP header. Was it read from a file with a trailing newline? (The key is not shown.)"
        )
    return key


def _kind_of(char: str) -> str:
    if char in "\r\n":
        return "a line break"
    if char.isspace():
        return "whitespace"
    return "a non-ASCII character" if ord(char) > 0x7F else "a control character"


def check_header(name: str, value: str) -> None:
    if not _HEADER_NAME.match(name):
        raise ValueError(f"{name!r} is not a valid HTTP header name")
    if _BAD_HEADER_VALUE.search(value):
        raise ValueError(f"the value of header {name!r} has a line break or NUL, which would break the request")


def base_url_of(url: Union[str, httpx.URL]) -> httpx.URL:
    """The base URL with exactly one trailing slash, so paths join below it."""
    parsed = httpx.URL(str(url).rstrip("/") + "/")
    if parsed.is_relative_url:
        raise ValueError(f"base_url must be an absolute URL such as https://api.example.com/v1, got {str(url)!r}")
    return parsed


def _connection_error(exc: Exception, request: httpx.Request) -> APIConnectionError:
    kind = "" if isinstance(exc, httpx.HTTPError) else f"{type(exc).__name__}: "  # a custom transport's own
    return connection_error(exc, request, f"Connection error: {kind}{exc}")


def _status_error(response: httpx.Response) -> APIStatusError:
    """The exception for a 4xx/5xx answer whose body has been read."""
    try:
        decoded: Any = json.loads(response.content)
    except (ValueError, RecursionError):  # not JSON, not UTF-8, or nested too deeply to decode
        decoded = None
    error = decoded.get("error") if isinstance(decoded, dict) else None
    body = error if error is not None else decoded if decoded is not None else (response.text or None)
    detail = error.get("message") if isinstance(error, dict) else None
    message = f"Error code: {response.status_code} - {detail if detail else body if body else response.reason_phrase}"
    return status_error_class(response.status_code)(message, response=response, body=body)


class _ClientConfig:
    """Settings shared by the sync and async clients (read from arguments, then the environment)."""

    def __init__(
        self,
        *,
        defaults: ClientDefaults,
        api_key: Optional[str],
        organization: Optional[str],
        project: Optional[str],
        base_url: Union[str, httpx.URL, None],
        timeout: Union[Timeout, NotGiven],
        max_retries: int,
        default_headers: Optional[Mapping[str, str]],
    ) -> None:
        self._defaults = defaults
        if api_key is not None:
            self.api_key = api_key  # the setter checks it
        else:
            env = defaults.api_key_env
            self._api_key = _resolve_api_key(os.environ.get(env), f"the {env} environment variable", env)
        self.organization = organization if organization is not None else os.environ.get(defaults.organization_env)
        self.project = project if project is not None else os.environ.get(defaults.project_env)
        self.base_url = base_url if base_url is not None else os.environ.get(defaults.base_url_env) or defaults.base_url
        self._timeout = timeout
        if max_retries < 0:
            raise ValueError("max_retries must be 0 or more")
        self.max_retries = max_retries
        self.default_headers: Dict[str, str] = dict(default_headers or {})
        for name, value in {
            **self.default_headers,
            "OpenAI-Organization": self.organization or "",
            "OpenAI-Project": self.project or "",
        }.items():
            check_header(name, value)
        # Test hooks: replace to make retries instant and deterministic.
        self._random: Callable[[], float] = random.random
        self._now: Callable[[], float] = time.time

    @property
    def api_key(self) -> str:
        return self._api_key

    @api_key.setter
    def api_key(self, key: str) -> None:
        self._api_key = _resolve_api_key(key, "api_key", self._defaults.api_key_env)

    @property
    def base_url(self) -> httpx.URL:
        return self._base_url

    @base_url.setter
    def base_url(self, url: Union[str, httpx.URL]) -> None:
        self._base_url = base_url_of(url)
        self._base_url_text = str(self._base_url)  # joined by concatenation: much cheaper than URL.join

    @property
    def timeout(self) -> Timeout:
        """The default timeout of each request: ours, or that of the `http_client` passed in."""
        return self._http.timeout if isinstance(self._timeout, NotGiven) else self._timeout

    @timeout.setter
    def timeout(self, value: Timeout) -> None:
        self._timeout = value

    _http: Union[httpx.Client, httpx.AsyncClient]

    def _headers(self, options: RequestOptions) -> httpx.Headers:
        headers = httpx.Headers(
            {
                "Accept": "text/event-stream" if options.stream else "application/json",
                "User-Agent": self._defaults.user_agent,
                "Authorization": f"Bearer {self.api_key}",
            }
        )
        if self.organization:
            headers["OpenAI-Organization"] = self.organization
        if self.project:
            headers["OpenAI-Project"] = self.project
        headers.update(self.default_headers)
        for name, value in (options.extra_headers or {}).items():
            if not isinstance(value, Omit):  # an `Omit()` is removed from the built request
                check_header(name, value)
                headers[name] = value
        return headers

    def _build_request(self, options: RequestOptions, files: ExitStack) -> httpx.Request:
        query: Any = {
            key: to_wire(value)
            for key, value in {**options.query, **(options.extra_query or {})}.items()
            if value is not None and not isinstance(value, NotGiven)
        }
        timeout = self.timeout if isinstance(options.timeout, NotGiven) else options.timeout
        url = self._base_url_text + options.path.lstrip("/")
        headers = self._headers(options)
        encoded = options.body.encode(files) if options.body is not None else None
        if encoded is not None:
            headers.update(encoded.headers)
        request = self._http.build_request(
            options.method.upper(), url, params=query or None, headers=headers, timeout=timeout
        )
        if encoded is not None:
            request.stream = encoded.stream  # as is: httpx would wrap a stream given as content in a one-shot one
        # `Omit()` removes a header here, once httpx has added its own defaults (User-Agent...)
        # and the body its Content-Type, so it removes those too.
        for header, header_value in (options.extra_headers or {}).items():
            if isinstance(header_value, Omit) and header in request.headers:
                del request.headers[header]
        return request

    def __repr__(self) -> str:
        return f"{type(self).__name__}(base_url={str(self.base_url)!r}, max_retries={self.max_retries})"


def _needs_reading(response: httpx.Response, *, stream: bool, mode: ResponseMode) -> bool:
    """Whether the body is read before the call returns: always for a failure (the error shows
    it), never for `with_streaming_response`, and otherwise unless it is the asked-for stream."""
    if not response.is_success:
        return True
    if mode == "raw_stream":
        return False
    return not (stream and is_event_stream(response))


# ---- async: the source of the sync twin below (`make twins` derives it) ----


class AsyncAPIClient(_ClientConfig):
    """The request machinery behind a generated async client (`AsyncImagesClient`...)."""

    _http: httpx.AsyncClient

    def __init__(self, *, http_client: Optional[httpx.AsyncClient], **settings: Any) -> None:
        if http_client is not None and not isinstance(http_client, httpx.AsyncClient):
            raise TypeError(
                f"http_client must be an httpx.AsyncClient for {type(self).__name__}, "
                f"not {type(http_client).__module__}.{type(http_client).__qualname__}"
            )
        self._owns_http = http_client is None
        self._http = (
            http_client
            if http_client is not None
            else httpx.AsyncClient(timeout=DEFAULT_TIMEOUT, follow_redirects=True)
        )
        super().__init__(**settings)
        self._sleep: Callable[[float], Any] = async_sleep

    def is_closed(self) -> bool:
        """Whether the connection pool has been closed."""
        return self._http.is_closed

    async def request(
        self,
        options: RequestOptions,
        *,
        cast_to: Any,
        event_type: Any = None,
        mode: ResponseMode = "parse",
    ) -> Any:
        """Send `options`, retrying as the rules say, and return what `mode` asks for.

        `cast_to` types a JSON answer; `event_type` types each event of a streamed one.
        """
        with ExitStack() as files:
            request = self._build_request(options, files)
            response, retries_taken = await self._send(request, stream=options.stream, mode=mode)
        event_type = event_type if options.stream else None
        if mode == "raw":
            return APIResponse(
                response, cast_to=cast_to, event_type=event_type, retries_taken=retries_taken, stream_class=AsyncStream
            )
        if mode == "raw_stream":
            return AsyncStreamedAPIResponse(
                response, cast_to=cast_to, event_type=event_type, retries_taken=retries_taken, stream_class=AsyncStream
            )
        if event_type is not None:
            check_event_stream(response)  # a body that is not the stream was read, so nothing is held
            return AsyncStream(cast_to=event_type, response=response)
        return None if cast_to is None else parse_body(cast_to, response)

    async def _send(self, request: httpx.Request, *, stream: bool, mode: ResponseMode) -> Tuple[httpx.Response, int]:
        """The first successful answer, and how many retries it took; or the final error."""
        retries_taken = 0
        while True:
            outcome = await self._send_once(request, stream=stream, mode=mode)
            if isinstance(outcome, httpx.Response):
                if outcome.is_success:
                    return outcome, retries_taken
                delay = None
                if retries_taken < self.max_retries and should_retry_status(outcome.status_code, outcome.headers):
                    delay = retry_delay(outcome.headers, retries_taken, random=self._random, now=self._now)
                if delay is None:
                    raise _status_error(outcome)
                await outcome.aclose()
            else:
                if retries_taken >= self.max_retries or isinstance(outcome, _NOT_RETRIED):
                    raise _connection_error(outcome, request) from outcome
                delay = backoff_delay(retries_taken, self._random)
            await self._sleep(delay)
            retries_taken += 1

    async def _send_once(
        self, request: httpx.Request, *, stream: bool, mode: ResponseMode
    ) -> Union[httpx.Response, Exception]:
        """One try: the answer (its body read when `_needs_reading` says so), or what went wrong."""
        try:
            response = await self._http.send(request, stream=True)
        except Exception as exc:  # httpx's errors, and anything a custom transport raises
            return exc
        if _needs_reading(response, stream=stream, mode=mode):
            try:
                await response.aread()
            except Exception as exc:  # cut short, bad gzip...
                await response.aclose()
                return exc
        return response

    async def close(self) -> None:
        """Close the connection pool (unless it was passed in as `http_client`)."""
        if self._owns_http:
            await self._http.aclose()


# ---- sync twin: derived from the async code above by generator/render/unasync.py; do not edit ----


class APIClient(_ClientConfig):
    """The request machinery behind a generated async client (`AsyncImagesClient`...)."""

    _http: httpx.Client

    def __init__(self, *, http_client: Optional[httpx.Client], **settings: Any) -> None:
        if http_client is not None and not isinstance(http_client, httpx.Client):
            raise TypeError(
                f"http_client must be an httpx.Client for {type(self).__name__}, "
                f"not {type(http_client).__module__}.{type(http_client).__qualname__}"
            )
        self._owns_http = http_client is None
        self._http = (
            http_client if http_client is not None else httpx.Client(timeout=DEFAULT_TIMEOUT, follow_redirects=True)
        )
        super().__init__(**settings)
        self._sleep: Callable[[float], Any] = time.sleep

    def is_closed(self) -> bool:
        """Whether the connection pool has been closed."""
        return self._http.is_closed

    def request(
        self,
        options: RequestOptions,
        *,
        cast_to: Any,
        event_type: Any = None,
        mode: ResponseMode = "parse",
    ) -> Any:
        """Send `options`, retrying as the rules say, and return what `mode` asks for.

        `cast_to` types a JSON answer; `event_type` types each event of a streamed one.
        """
        with ExitStack() as files:
            request = self._build_request(options, files)
            response, retries_taken = self._send(request, stream=options.stream, mode=mode)
        event_type = event_type if options.stream else None
        if mode == "raw":
            return APIResponse(
                response, cast_to=cast_to, event_type=event_type, retries_taken=retries_taken, stream_class=Stream
            )
        if mode == "raw_stream":
            return StreamedAPIResponse(
                response, cast_to=cast_to, event_type=event_type, retries_taken=retries_taken, stream_class=Stream
            )
        if event_type is not None:
            check_event_stream(response)  # a body that is not the stream was read, so nothing is held
            return Stream(cast_to=event_type, response=response)
        return None if cast_to is None else parse_body(cast_to, response)

    def _send(self, request: httpx.Request, *, stream: bool, mode: ResponseMode) -> Tuple[httpx.Response, int]:
        """The first successful answer, and how many retries it took; or the final error."""
        retries_taken = 0
        while True:
            outcome = self._send_once(request, stream=stream, mode=mode)
            if isinstance(outcome, httpx.Response):
                if outcome.is_success:
                    return outcome, retries_taken
                delay = None
                if retries_taken < self.max_retries and should_retry_status(outcome.status_code, outcome.headers):
                    delay = retry_delay(outcome.headers, retries_taken, random=self._random, now=self._now)
                if delay is None:
                    raise _status_error(outcome)
                outcome.close()
            else:
                if retries_taken >= self.max_retries or isinstance(outcome, _NOT_RETRIED):
                    raise _connection_error(outcome, request) from outcome
                delay = backoff_delay(retries_taken, self._random)
            self._sleep(delay)
            retries_taken += 1

    def _send_once(
        self, request: httpx.Request, *, stream: bool, mode: ResponseMode
    ) -> Union[httpx.Response, Exception]:
        """One try: the answer (its body read when `_needs_reading` says so), or what went wrong."""
        try:
            response = self._http.send(request, stream=True)
        except Exception as exc:  # httpx's errors, and anything a custom transport raises
            return exc
        if _needs_reading(response, stream=stream, mode=mode):
            try:
                response.read()
            except Exception as exc:  # cut short, bad gzip...
                response.close()
                return exc
        return response

    def close(self) -> None:
        """Close the connection pool (unless it was passed in as `http_client`)."""
        if self._owns_http:
            self._http.close()


# ---- end of the sync twin ----
