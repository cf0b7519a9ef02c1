# Generated from spec/openapi.yaml by images-sdk-generator. Do not edit; run `make generate`.
"""Sending requests: headers, bodies, timeouts, and the retry loop.

Retries: connection errors, timeouts and retryable statuses (see `_retries.py`) are tried
again up to `max_retries` times; a failed response is closed before the next try, and the
same `httpx.Request` is re-sent, so a multipart body goes out byte for byte the same.
"""

from __future__ import annotations

import json
import os
import random
import time
from time import sleep
from contextlib import ExitStack
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, Mapping, Optional, Union
from urllib.parse import quote

import httpx
from typing_extensions import Literal

from ._exceptions import APIConnectionError, APIStatusError, APITimeoutError, ImagesClientError, status_error_class
from ._multipart import MultipartForm
from ._response import AsyncAPIResponse, APIResponse, check_event_stream, parse_json
from ._retries import backoff_delay, retry_delay, should_retry_status
from ._streaming import AsyncStream, Stream
from ._types import NOT_GIVEN, Body, Headers, NotGiven, Omit, Query, Timeout
from ._version import __title__, __version__

__all__ = ["RequestOptions", "ResponseMode", "APIClient", "AsyncAPIClient", "DEFAULT_TIMEOUT", "DEFAULT_MAX_RETRIES"]

DEFAULT_BASE_URL = "https://api.openai.com/v1"
DEFAULT_TIMEOUT = httpx.Timeout(600.0, connect=5.0)
DEFAULT_MAX_RETRIES = 2
USER_AGENT = f"{__title__}/{__version__}"

ResponseMode = Literal["parse", "raw", "raw_stream"]
"""What a method returns: the parsed result, an `APIResponse`, or one whose body is unread."""


@dataclass(frozen=True)
class RequestOptions:
    """Everything one method call asks for; the client adds auth, defaults and retries."""

    method: str
    path: str
    json: Optional[Mapping[str, object]] = None
    form: Optional[MultipartForm] = None
    query: Mapping[str, object] = field(default_factory=dict)
    stream: bool = False
    extra_headers: Optional[Headers] = None
    extra_query: Optional[Query] = None
    timeout: Union[Timeout, NotGiven] = NOT_GIVEN


def json_body(values: Mapping[str, object], extra_body: Optional[Body]) -> Dict[str, object]:
    """The JSON body: arguments left out are absent, `None` stays (sent as null)."""
    body = {key: value for key, value in values.items() if not isinstance(value, NotGiven)}
    body.update(extra_body or {})
    return body


async def async_sleep(seconds: float) -> None:
    import asyncio  # only when a retry waits: asyncio is slow to import

    await asyncio.sleep(seconds)


def path_param(value: object) -> str:
    """A path parameter, percent-encoded so it cannot change the path (`/`, `..`, `?`)."""
    return quote(str(value), safe="")


def header_params(values: Mapping[str, object], extra_headers: Optional[Headers]) -> Dict[str, Union[str, Omit]]:
    """Header parameters the caller gave, as strings, then `extra_headers` on top."""
    headers: Dict[str, Union[str, Omit]] = {
        name: str(value) for name, value in values.items() if not isinstance(value, NotGiven) and value is not None
    }
    headers.update(extra_headers or {})
    return headers


def _resolve_api_key(api_key: Optional[str]) -> str:
    key = api_key if api_key is not None else os.environ.get("OPENAI_API_KEY")
    if not key:
        raise ImagesClientError(
            "No API key: pass api_key=... to the client or set the OPENAI_API_KEY environment variable."
        )
    return key


class _ClientConfig:
    """Settings shared by the sync and async clients (read from arguments, then the environment)."""

    def __init__(
        self,
        *,
        api_key: Optional[str],
        organization: Optional[str],
        project: Optional[str],
        base_url: Union[str, httpx.URL, None],
        timeout: Timeout,
        max_retries: int,
        default_headers: Optional[Mapping[str, str]],
    ) -> None:
        self.api_key = _resolve_api_key(api_key)
        self.organization = organization if organization is not None else os.environ.get("OPENAI_ORG_ID")
        self.project = project if project is not None else os.environ.get("OPENAI_PROJECT_ID")
        base = base_url if base_url is not None else os.environ.get("OPENAI_BASE_URL") or DEFAULT_BASE_URL
        self.base_url = httpx.URL(str(base).rstrip("/") + "/")
        self.timeout = timeout
        if max_retries < 0:
            raise ValueError("max_retries must be 0 or more")
        self.max_retries = max_retries
        self.default_headers: Dict[str, str] = dict(default_headers or {})
        # Test hooks: replace to make retries instant and deterministic.
        self._random: Callable[[], float] = random.random
        self._now: Callable[[], float] = time.time

    def _headers(self, options: RequestOptions) -> httpx.Headers:
        headers = httpx.Headers(
            {
                "Accept": "text/event-stream" if options.stream else "application/json",
                "User-Agent": USER_AGENT,
                "Authorization": f"Bearer {self.api_key}",
            }
        )
        if self.organization:
            headers["OpenAI-Organization"] = self.organization
        if self.project:
            headers["OpenAI-Project"] = self.project
        headers.update(self.default_headers)
        for name, value in (options.extra_headers or {}).items():
            if isinstance(value, Omit):
                headers.pop(name, None)
            else:
                headers[name] = value
        return headers

    def _build_request(
        self, http: Union[httpx.Client, httpx.AsyncClient], options: RequestOptions, files: ExitStack
    ) -> httpx.Request:
        query: Any = {**options.query, **(options.extra_query or {})}
        timeout = self.timeout if isinstance(options.timeout, NotGiven) else options.timeout
        url = self.base_url.join(options.path.lstrip("/"))
        headers = self._headers(options)
        if options.form is not None:
            data: Dict[str, Any] = {}
            for name, value in options.form.fields:
                data.setdefault(name, []).append(value)
            request = http.build_request(
                options.method.upper(),
                url,
                params=query or None,
                headers=headers,
                data={k: v if len(v) > 1 or k.endswith("[]") else v[0] for k, v in data.items()},
                files=options.form.open_files(files),
                timeout=timeout,
            )
        else:
            request = http.build_request(
                options.method.upper(), url, params=query or None, headers=headers, json=options.json, timeout=timeout
            )
        # httpx adds its own defaults (User-Agent...) after ours: `Omit()` must remove those too.
        for header, header_value in (options.extra_headers or {}).items():
            if isinstance(header_value, Omit) and header in request.headers:
                del request.headers[header]
        return request

    def _status_error(self, response: httpx.Response) -> APIStatusError:
        """The exception for a 4xx/5xx answer whose body has been read."""
        try:
            decoded: Any = json.loads(response.content)
        except (json.JSONDecodeError, UnicodeDecodeError):
            decoded = None
        error = decoded.get("error") if isinstance(decoded, dict) else None
        body = error if error is not None else decoded if decoded is not None else (response.text or None)
        detail = error.get("message") if isinstance(error, dict) else None
        message = (
            f"Error code: {response.status_code} - {detail if detail else body if body else response.reason_phrase}"
        )
        return status_error_class(response.status_code)(self._redact(message), response=response, body=body)

    def _redact(self, text: str) -> str:
        return text.replace(self.api_key, "<redacted>") if self.api_key else text

    def __repr__(self) -> str:
        return f"{type(self).__name__}(base_url={str(self.base_url)!r}, max_retries={self.max_retries})"


class APIClient(_ClientConfig):
    """The request machinery behind `ImagesClient`."""

    _http: httpx.Client

    def __init__(self, *, http_client: Optional[httpx.Client], **settings: Any) -> None:
        super().__init__(**settings)
        self._owns_http = http_client is None
        self._http = http_client if http_client is not None else httpx.Client(follow_redirects=True)
        self._sleep: Callable[[float], Any] = sleep

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
        read_body = not options.stream and mode != "raw_stream"
        with ExitStack() as files:
            request = self._build_request(self._http, options, files)
            response = self._send(request, read_body=read_body)
        event_type = event_type if options.stream else None
        if mode != "parse":
            return APIResponse(response, cast_to=cast_to, event_type=event_type)
        if event_type is not None:
            try:
                check_event_stream(response)
            except Exception:
                response.close()
                raise
            return Stream(cast_to=event_type, response=response)
        return None if cast_to is None else parse_json(cast_to, response)

    def _send(self, request: httpx.Request, *, read_body: bool) -> httpx.Response:
        retries_taken = 0
        while True:
            error: Optional[APIConnectionError] = None
            cause: Optional[Exception] = None
            try:
                response = self._http.send(request, stream=True)
                if read_body or not response.is_success:
                    try:
                        response.read()
                    except BaseException:
                        response.close()
                        raise
            except httpx.TimeoutException as exc:
                error, cause = APITimeoutError(request), exc
            except httpx.TransportError as exc:
                error, cause = APIConnectionError(message=f"Connection error: {exc}", request=request), exc
            if error is None:
                if response.is_success:
                    return response
                delay = None
                if retries_taken < self.max_retries and should_retry_status(response.status_code, response.headers):
                    delay = retry_delay(response.headers, retries_taken, random=self._random, now=self._now)
                if delay is None:
                    raise self._status_error(response)
                response.close()
            else:
                if retries_taken >= self.max_retries:
                    raise error from cause
                delay = backoff_delay(retries_taken, self._random)
            self._sleep(delay)
            retries_taken += 1

    def close(self) -> None:
        """Close the connection pool (unless it was passed in as `http_client`)."""
        if self._owns_http:
            self._http.close()


class AsyncAPIClient(_ClientConfig):
    """The request machinery behind `AsyncImagesClient`."""

    _http: httpx.AsyncClient

    def __init__(self, *, http_client: Optional[httpx.AsyncClient], **settings: Any) -> None:
        super().__init__(**settings)
        self._owns_http = http_client is None
        self._http = http_client if http_client is not None else httpx.AsyncClient(follow_redirects=True)
        self._sleep: Callable[[float], Any] = async_sleep

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
        read_body = not options.stream and mode != "raw_stream"
        with ExitStack() as files:
            request = self._build_request(self._http, options, files)
            response = await self._send(request, read_body=read_body)
        event_type = event_type if options.stream else None
        if mode != "parse":
            return AsyncAPIResponse(response, cast_to=cast_to, event_type=event_type)
        if event_type is not None:
            try:
                check_event_stream(response)
            except Exception:
                await response.aclose()
                raise
            return AsyncStream(cast_to=event_type, response=response)
        return None if cast_to is None else parse_json(cast_to, response)

    async def _send(self, request: httpx.Request, *, read_body: bool) -> httpx.Response:
        retries_taken = 0
        while True:
            error: Optional[APIConnectionError] = None
            cause: Optional[Exception] = None
            try:
                response = await self._http.send(request, stream=True)
                if read_body or not response.is_success:
                    try:
                        await response.aread()
                    except BaseException:
                        await response.aclose()
                        raise
            except httpx.TimeoutException as exc:
                error, cause = APITimeoutError(request), exc
            except httpx.TransportError as exc:
                error, cause = APIConnectionError(message=f"Connection error: {exc}", request=request), exc
            if error is None:
                if response.is_success:
                    return response
                delay = None
                if retries_taken < self.max_retries and should_retry_status(response.status_code, response.headers):
                    delay = retry_delay(response.headers, retries_taken, random=self._random, now=self._now)
                if delay is None:
                    raise self._status_error(response)
                await response.aclose()
            else:
                if retries_taken >= self.max_retries:
                    raise error from cause
                delay = backoff_delay(retries_taken, self._random)
            await self._sleep(delay)
            retries_taken += 1

    async def close(self) -> None:
        """Close the connection pool (unless it was passed in as `http_client`)."""
        if self._owns_http:
            await self._http.aclose()
