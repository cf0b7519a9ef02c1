# Generated from spec/openapi.yaml by images-sdk-generator. Do not edit; run `make generate`.
"""Raw answers: `with_raw_response` and `with_streaming_response` give these objects."""

from __future__ import annotations

import json
from types import TracebackType
from typing import Any, AsyncIterator, Awaitable, Callable, Generic, Iterator, Optional, Type, TypeVar, cast

import httpx
from typing_extensions import ParamSpec

from ._exceptions import APIResponseValidationError
from ._streaming import AsyncStream, Stream

__all__ = ["APIResponse", "AsyncAPIResponse", "ResponseContextManager", "AsyncResponseContextManager"]

P = ParamSpec("P")
R = TypeVar("R")


def read_json(response: httpx.Response) -> Any:
    """The body as JSON, or APIResponseValidationError saying why it is not."""
    try:
        return json.loads(response.content)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        content_type = response.headers.get("content-type", "no content type")
        raise APIResponseValidationError(
            response, f"the API answered {response.status_code} with a body that is not JSON ({content_type}): {exc}"
        ) from None


def parse_json(cast_to: Any, response: httpx.Response) -> Any:
    """The JSON body as `cast_to` (see `_models.parse`)."""
    from ._models import parse  # pydantic loads on first use

    return parse(cast_to, read_json(response))


def check_event_stream(response: httpx.Response) -> None:
    """A stream request must be answered with `text/event-stream`; say what came instead."""
    content_type = response.headers.get("content-type", "")
    if not content_type.split(";")[0].strip().lower() == "text/event-stream":
        raise APIResponseValidationError(
            response,
            f"asked for an event stream but the API answered {content_type or 'with no content type'}",
        )


class APIResponse(Generic[R]):
    """An HTTP answer before parsing: `.status_code`, `.headers`, then `.parse()`."""

    http_response: httpx.Response

    def __init__(self, http_response: httpx.Response, *, cast_to: Any, event_type: Any) -> None:
        self.http_response = http_response
        self._cast_to = cast_to
        self._event_type = event_type
        self._parsed: Any = _UNSET

    @property
    def status_code(self) -> int:
        return self.http_response.status_code

    @property
    def headers(self) -> httpx.Headers:
        return self.http_response.headers

    @property
    def url(self) -> httpx.URL:
        return self.http_response.url

    def parse(self) -> R:
        """The typed result the method would have returned (read once, then cached)."""
        if self._parsed is _UNSET:
            if self._event_type is not None:
                check_event_stream(self.http_response)
                self._parsed = Stream(cast_to=self._event_type, response=self.http_response)
            elif self._cast_to is None:
                self.http_response.read()
                self._parsed = None
            else:
                self.http_response.read()
                self._parsed = parse_json(self._cast_to, self.http_response)
        return cast(R, self._parsed)

    def read(self) -> bytes:
        return self.http_response.read()

    def text(self) -> str:
        self.http_response.read()
        return self.http_response.text

    def json(self) -> Any:
        self.http_response.read()
        return read_json(self.http_response)

    def iter_bytes(self, chunk_size: Optional[int] = None) -> Iterator[bytes]:
        for chunk in self.http_response.iter_bytes(chunk_size):
            yield chunk

    def close(self) -> None:
        self.http_response.close()

    def __repr__(self) -> str:
        return f"<{type(self).__name__} [{self.status_code}] {self.http_response.request.method} {self.url}>"


class ResponseContextManager(Generic[R]):
    """`with images.with_streaming_response.generate(...) as response:` — the body is
    read only when asked for, and the connection is released on leaving the block."""

    def __init__(self, send: Callable[[], APIResponse[R]]) -> None:
        self._send = send
        self._response: Optional[APIResponse[R]] = None

    def __enter__(self) -> APIResponse[R]:
        self._response = self._send()
        return self._response

    def __exit__(
        self,
        exc_type: Optional[Type[BaseException]],
        exc: Optional[BaseException],
        exc_tb: Optional[TracebackType],
    ) -> None:
        if self._response is not None:
            self._response.close()


class AsyncAPIResponse(Generic[R]):
    """An HTTP answer before parsing: `.status_code`, `.headers`, then `.parse()`."""

    http_response: httpx.Response

    def __init__(self, http_response: httpx.Response, *, cast_to: Any, event_type: Any) -> None:
        self.http_response = http_response
        self._cast_to = cast_to
        self._event_type = event_type
        self._parsed: Any = _UNSET

    @property
    def status_code(self) -> int:
        return self.http_response.status_code

    @property
    def headers(self) -> httpx.Headers:
        return self.http_response.headers

    @property
    def url(self) -> httpx.URL:
        return self.http_response.url

    async def parse(self) -> R:
        """The typed result the method would have returned (read once, then cached)."""
        if self._parsed is _UNSET:
            if self._event_type is not None:
                check_event_stream(self.http_response)
                self._parsed = AsyncStream(cast_to=self._event_type, response=self.http_response)
            elif self._cast_to is None:
                await self.http_response.aread()
                self._parsed = None
            else:
                await self.http_response.aread()
                self._parsed = parse_json(self._cast_to, self.http_response)
        return cast(R, self._parsed)

    async def read(self) -> bytes:
        return await self.http_response.aread()

    async def text(self) -> str:
        await self.http_response.aread()
        return self.http_response.text

    async def json(self) -> Any:
        await self.http_response.aread()
        return read_json(self.http_response)

    async def iter_bytes(self, chunk_size: Optional[int] = None) -> AsyncIterator[bytes]:
        async for chunk in self.http_response.aiter_bytes(chunk_size):
            yield chunk

    async def close(self) -> None:
        await self.http_response.aclose()

    def __repr__(self) -> str:
        return f"<{type(self).__name__} [{self.status_code}] {self.http_response.request.method} {self.url}>"


class AsyncResponseContextManager(Generic[R]):
    """`async with images.with_streaming_response.generate(...) as response:` — the body is
    read only when asked for, and the connection is released on leaving the block."""

    def __init__(self, send: Callable[[], Awaitable[AsyncAPIResponse[R]]]) -> None:
        self._send = send
        self._response: Optional[AsyncAPIResponse[R]] = None

    async def __aenter__(self) -> AsyncAPIResponse[R]:
        self._response = await self._send()
        return self._response

    async def __aexit__(
        self,
        exc_type: Optional[Type[BaseException]],
        exc: Optional[BaseException],
        exc_tb: Optional[TracebackType],
    ) -> None:
        if self._response is not None:
            await self._response.close()


class _Unset:
    pass


_UNSET: Any = _Unset()


def to_raw_response_wrapper(method: Callable[P, R]) -> Callable[P, APIResponse[R]]:
    """Type a raw-mode bound method as returning `APIResponse` (the call itself is unchanged)."""
    return cast("Callable[P, APIResponse[R]]", method)


def async_to_raw_response_wrapper(method: Callable[P, Awaitable[R]]) -> Callable[P, Awaitable[AsyncAPIResponse[R]]]:
    return cast("Callable[P, Awaitable[AsyncAPIResponse[R]]]", method)


def to_streamed_response_wrapper(method: Callable[P, R]) -> Callable[P, ResponseContextManager[R]]:
    """Wrap a streaming-raw-mode bound method so that calling it gives a context manager."""

    def wrapped(*args: P.args, **kwargs: P.kwargs) -> ResponseContextManager[R]:
        return ResponseContextManager(lambda: cast("APIResponse[R]", method(*args, **kwargs)))

    return wrapped


def async_to_streamed_response_wrapper(
    method: Callable[P, Awaitable[R]],
) -> Callable[P, AsyncResponseContextManager[R]]:
    def wrapped(*args: P.args, **kwargs: P.kwargs) -> AsyncResponseContextManager[R]:
        return AsyncResponseContextManager(lambda: cast("Awaitable[AsyncAPIResponse[R]]", method(*args, **kwargs)))

    return wrapped
