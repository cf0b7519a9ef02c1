# Runtime of images-sdk-generator, copied into each generated client with this line as its header.
"""Raw answers, as the official SDK shapes them.

- `with_raw_response.<method>()` gives an `APIResponse` on the sync client: the body is already
  read, `.parse()` is a plain call, and `.content`, `.text` are properties. The async client gives
  an `AsyncAPIResponse`, as the official package's: `await response.parse()`, `await
  response.read()`, `await response.text()`, `await response.json()`. With `stream=True`, the
  parsed result is the `Stream` / `AsyncStream`.
- `with_streaming_response.<method>()` is a context manager around a `StreamedAPIResponse`
  (`AsyncStreamedAPIResponse`): nothing is read until asked for (`read()`, `text()`, `json()`,
  `parse()`, `iter_bytes()`...), and leaving the block releases the connection.
- A raw answer whose body is still unread (a stream, or one of `with_streaming_response` never
  closed) releases its connection when it is dropped, as a `Stream` does; once `.parse()` has
  made the `Stream`, that stream is what holds the connection.
- An answer the spec declares JSON that comes as another media type (`application/octet-stream`,
  `image/png`...: a file where a model was promised) is never guessed at: `APIResponseValidationError`
  names its content type, and its `.response.content` holds the bytes, as `.content` (`read()`)
  of the raw answer does. JSON media types (`application/json`, `...+json`) are read as JSON, and
  so are text (`text/plain`...), which servers use for JSON by mistake, and an answer without a
  Content-Type.
"""

from __future__ import annotations

import datetime
import json
import os
from types import TracebackType
from typing import (
    Any,
    AsyncIterator,
    Awaitable,
    Callable,
    Generic,
    Iterator,
    List,
    Optional,
    Type,
    TypeVar,
    Union,
    cast,
    get_args,
    get_origin,
    overload,
)

import httpx
from typing_extensions import ParamSpec

from ._drift import SpecDrift, drift_watch
from ._exceptions import APIResponseValidationError
from ._page_call import PageCall
from ._streaming import release_when_dropped

__all__ = [
    "BinaryResponse",
    "APIResponse",
    "AsyncAPIResponse",
    "StreamedAPIResponse",
    "AsyncStreamedAPIResponse",
    "ResponseContextManager",
    "AsyncResponseContextManager",
]

P = ParamSpec("P")
R = TypeVar("R")
_T = TypeVar("_T")


def read_json(response: httpx.Response) -> Any:
    """The read body as JSON, or APIResponseValidationError saying why it is not."""
    try:
        return json.loads(response.content)
    except (ValueError, RecursionError) as exc:
        raise _not_json(response, exc) from None


def parse_body(cast_to: Any, response: httpx.Response) -> Any:
    """The read body as `cast_to` (see `_models.parse_json`), with its `x-request-id`. An answer of
    a media type that is not JSON (nor text) is refused, whatever its bytes: a file of digits, or
    one that decodes as UTF-32 JSON, would otherwise come back as a number typed as the model."""
    if cast_to is BinaryResponse:
        return BinaryResponse(response)
    if isinstance(cast_to, PageCall):  # a list: its answer as the model, then a page that can ask for the next
        return cast_to.page(parse_body(cast_to.model, response))
    if not response.content and _admits_none(cast_to):  # a 204 where the spec gives only `default`'s shape
        return None
    other = _other_media_type(response)
    if other is not None:
        raise APIResponseValidationError(
            response,
            f"the API answered {response.status_code} with {other} ({len(response.content)} bytes) where JSON "
            "was expected: the bytes are in this error's `.response.content`",
        )
    from ._models import parse_json, set_request_id  # pydantic loads on first use

    watch = drift_watch(response)  # a client's with `on_spec_drift` or `strict` (see `_drift.py`)
    drift: Optional[List[SpecDrift]] = [] if watch is not None else None
    try:
        parsed = parse_json(cast_to, response.content, drift)
    except (ValueError, RecursionError) as exc:
        raise _not_json(response, exc) from None
    if watch is not None and drift:  # after the `try`: what `on_spec_drift` raises is its own
        watch.report(drift, response)
    set_request_id(parsed, response.headers.get("x-request-id"))
    return parsed


def _admits_none(cast_to: Any) -> bool:
    """Whether `cast_to` is `Optional[...]`: an answer with no body is then None."""
    return get_origin(cast_to) is Union and type(None) in get_args(cast_to)


class BinaryResponse:
    """An answer that is not JSON (a file, audio, an image, a zip, text), read, as the official
    package's `HttpxBinaryResponseContent`: `.content`, `.text`, `.json()`, `.iter_bytes()`,
    `.write_to_file(path)`. To go to disk without holding the whole body, stream it instead:
    `with client.files.with_streaming_response.content(...) as answer: answer.stream_to_file(path)`."""

    def __init__(self, response: httpx.Response) -> None:
        self.response = response

    @property
    def content(self) -> bytes:
        return self.response.content

    @property
    def text(self) -> str:
        return self.response.text

    @property
    def encoding(self) -> Optional[str]:
        encoding: Optional[str] = self.response.encoding
        return encoding

    @property
    def request_id(self) -> Optional[str]:
        request_id: Optional[str] = self.response.headers.get("x-request-id")
        return request_id

    def read(self) -> bytes:
        return self.response.content

    def json(self) -> Any:
        return read_json(self.response)

    def iter_bytes(self, chunk_size: Optional[int] = None) -> Iterator[bytes]:
        size = chunk_size or 65536
        content = self.response.content
        for start in range(0, len(content), size):
            yield content[start : start + size]

    def write_to_file(self, file: Union[str, "os.PathLike[str]"]) -> None:
        with open(file, "wb") as target:
            target.write(self.response.content)

    def close(self) -> None:
        self.response.close()

    def __repr__(self) -> str:
        return f"<BinaryResponse {self.response.headers.get('content-type', '')!r} {len(self.content)} bytes>"


def _not_json(response: httpx.Response, exc: BaseException) -> APIResponseValidationError:
    content_type = response.headers.get("content-type", "no content type")
    reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return APIResponseValidationError(
        response, f"the API answered {response.status_code} with a body that is not JSON ({content_type}): {reason}"
    )


def _media_types(response: httpx.Response) -> List[str]:
    """The media types the Content-Type names (a proxy may repeat the header), lower case."""
    items = response.headers.get_list("content-type", split_commas=True)
    media_types = {item.split(";")[0].strip().lower() for item in items}
    # an item without "/" is no media type: the rest of a quoted parameter that held a comma
    return sorted(media_type for media_type in media_types if "/" in media_type)


def _other_media_type(response: httpx.Response) -> Optional[str]:
    """The Content-Type, when it names a media type that is neither JSON nor text; else None."""
    content_type: str = response.headers.get("content-type", "")
    if "," not in content_type:  # one header naming one type, as nearly always: no need to split
        media_type = content_type.partition(";")[0].strip().lower()
        if "/" not in media_type or media_type.endswith("json") or media_type.startswith("text/"):
            return None
        return content_type
    for media_type in _media_types(response):
        if not (media_type.endswith("json") or media_type.startswith("text/")):
            return str(response.headers.get("content-type", media_type))
    return None


def is_event_stream(response: httpx.Response) -> bool:
    """Whether the Content-Type is `text/event-stream`, also when a proxy repeated the header:
    every media type it names must be that one."""
    return _media_types(response) == ["text/event-stream"]


def check_event_stream(response: httpx.Response) -> None:
    """A stream request must be answered with `text/event-stream`; say what came instead."""
    if not is_event_stream(response):
        content_type = response.headers.get("content-type", "")
        raise APIResponseValidationError(
            response,
            f"asked for an event stream but the API answered {content_type or 'with no content type'}",
        )


class _ResponseInfo:
    """What every raw answer tells without reading its body."""

    http_response: httpx.Response
    retries_taken: int
    """How many times the request was retried before this answer (0 when the first try answered)."""

    def __init__(
        self, http_response: httpx.Response, *, cast_to: Any, event_type: Any, retries_taken: int, stream_class: Any
    ) -> None:
        self.http_response = http_response
        self.retries_taken = retries_taken
        self._cast_to = cast_to
        self._event_type = event_type
        self._stream_class = stream_class  # Stream or AsyncStream, as the client is
        self._parsed: Any = _UNSET
        # An unread body holds a connection: released when this answer is dropped unclosed.
        self._release = None if http_response.is_closed else release_when_dropped(self, http_response)

    @property
    def status_code(self) -> int:
        return self.http_response.status_code

    @property
    def headers(self) -> httpx.Headers:
        return self.http_response.headers

    @property
    def http_request(self) -> httpx.Request:
        return self.http_response.request

    @property
    def url(self) -> httpx.URL:
        return self.http_response.url

    @property
    def method(self) -> str:
        return self.http_request.method

    @property
    def http_version(self) -> str:
        return self.http_response.http_version

    @property
    def elapsed(self) -> datetime.timedelta:
        return self.http_response.elapsed

    @property
    def is_closed(self) -> bool:
        return self.http_response.is_closed

    @property
    def request_id(self) -> Optional[str]:
        request_id: Optional[str] = self.http_response.headers.get("x-request-id")
        return request_id

    def _parse_read(self, to: Any) -> Any:
        """The typed result from a body that has been read (or a stream, for a stream call)."""
        if to is None and self._event_type is not None:
            check_event_stream(self.http_response)
            if self._release is not None:  # the stream releases the connection from now on
                self._release()
            return self._stream_class(cast_to=self._event_type, response=self.http_response)
        target = self._cast_to if to is None else to
        if target is None:
            return None
        if target is httpx.Response:
            return self.http_response
        if target is bytes:
            return self.http_response.content
        if target is str:
            return self.http_response.text
        return parse_body(target, self.http_response)

    def __repr__(self) -> str:
        return f"<{type(self).__name__} [{self.status_code}] {self.method} {self.url}>"


class APIResponse(_ResponseInfo, Generic[R]):
    """A read answer: `.status_code`, `.headers`, `.content`, then `.parse()` for the typed result."""

    @overload
    def parse(self) -> R: ...

    @overload
    def parse(self, *, to: Type[_T]) -> _T: ...

    def parse(self, *, to: Any = None) -> Any:
        """The typed result the method would have returned (parsed once, then cached).

        `to` parses the body as another type instead: a model, `dict`, `str`, `bytes`...
        """
        if to is not None:
            return self._parse_read(to)
        if self._parsed is _UNSET:
            self._parsed = self._parse_read(None)
        return self._parsed

    @property
    def content(self) -> bytes:
        return self.http_response.content

    @property
    def text(self) -> str:
        return self.http_response.text

    def json(self) -> Any:
        return read_json(self.http_response)


class _Unset:
    pass


_UNSET: Any = _Unset()


# ---- async: the source of the sync twin below (`make twins` derives it) ----


class AsyncStreamedAPIResponse(_ResponseInfo, Generic[R]):
    """An answer whose body is read only when asked for."""

    @overload
    async def parse(self) -> R: ...

    @overload
    async def parse(self, *, to: Type[_T]) -> _T: ...

    async def parse(self, *, to: Any = None) -> Any:
        """Read the body (unless the call streams) and return the typed result, cached."""
        if to is None and self._parsed is not _UNSET:
            return self._parsed
        if to is not None or self._event_type is None:
            await self.http_response.aread()
        try:
            parsed = self._parse_read(to)
        except Exception:
            await self.http_response.aclose()
            raise
        if to is None:
            self._parsed = parsed
        return parsed

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

    async def iter_text(self, chunk_size: Optional[int] = None) -> AsyncIterator[str]:
        async for chunk in self.http_response.aiter_text(chunk_size):
            yield chunk

    async def iter_lines(self) -> AsyncIterator[str]:
        async for line in self.http_response.aiter_lines():
            yield line

    async def stream_to_file(self, file: Union[str, "os.PathLike[str]"], *, chunk_size: Optional[int] = None) -> None:
        """Write the body to `file` as it arrives, one piece at a time: a large file is never
        whole in memory."""
        with open(file, "wb") as target:
            async for chunk in self.http_response.aiter_bytes(chunk_size):
                target.write(chunk)

    async def close(self) -> None:
        await self.http_response.aclose()


class AsyncResponseContextManager(Generic[R]):
    """`async with images.with_streaming_response.generate(...) as response:` — the body is
    read only when asked for, and the connection is released on leaving the block."""

    def __init__(self, send: Callable[[], Awaitable[AsyncStreamedAPIResponse[R]]]) -> None:
        self._send = send
        self._response: Optional[AsyncStreamedAPIResponse[R]] = None

    async def __aenter__(self) -> AsyncStreamedAPIResponse[R]:
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


def async_to_raw_response_wrapper(method: Callable[P, Awaitable[R]]) -> Callable[P, Awaitable[AsyncAPIResponse[R]]]:
    """Type a raw-mode bound method as returning `AsyncAPIResponse` (the call itself is unchanged)."""
    return cast("Callable[P, Awaitable[AsyncAPIResponse[R]]]", method)


def async_to_streamed_response_wrapper(
    method: Callable[P, Awaitable[R]],
) -> Callable[P, AsyncResponseContextManager[R]]:
    """Wrap a streaming-raw-mode bound method so that calling it gives a context manager."""

    def wrapped(*args: P.args, **kwargs: P.kwargs) -> AsyncResponseContextManager[R]:
        return AsyncResponseContextManager(
            lambda: cast("Awaitable[AsyncStreamedAPIResponse[R]]", method(*args, **kwargs))
        )

    return wrapped


# ---- sync twin: derived from the async code above by generator/render/unasync.py; do not edit ----


class StreamedAPIResponse(_ResponseInfo, Generic[R]):
    """An answer whose body is read only when asked for."""

    @overload
    def parse(self) -> R: ...

    @overload
    def parse(self, *, to: Type[_T]) -> _T: ...

    def parse(self, *, to: Any = None) -> Any:
        """Read the body (unless the call streams) and return the typed result, cached."""
        if to is None and self._parsed is not _UNSET:
            return self._parsed
        if to is not None or self._event_type is None:
            self.http_response.read()
        try:
            parsed = self._parse_read(to)
        except Exception:
            self.http_response.close()
            raise
        if to is None:
            self._parsed = parsed
        return parsed

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

    def iter_text(self, chunk_size: Optional[int] = None) -> Iterator[str]:
        for chunk in self.http_response.iter_text(chunk_size):
            yield chunk

    def iter_lines(self) -> Iterator[str]:
        for line in self.http_response.iter_lines():
            yield line

    def stream_to_file(self, file: Union[str, "os.PathLike[str]"], *, chunk_size: Optional[int] = None) -> None:
        """Write the body to `file` as it arrives, one piece at a time: a large file is never
        whole in memory."""
        with open(file, "wb") as target:
            for chunk in self.http_response.iter_bytes(chunk_size):
                target.write(chunk)

    def close(self) -> None:
        self.http_response.close()


class ResponseContextManager(Generic[R]):
    """`with images.with_streaming_response.generate(...) as response:` — the body is
    read only when asked for, and the connection is released on leaving the block."""

    def __init__(self, send: Callable[[], StreamedAPIResponse[R]]) -> None:
        self._send = send
        self._response: Optional[StreamedAPIResponse[R]] = None

    def __enter__(self) -> StreamedAPIResponse[R]:
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


def to_raw_response_wrapper(method: Callable[P, R]) -> Callable[P, APIResponse[R]]:
    """Type a raw-mode bound method as returning `APIResponse` (the call itself is unchanged)."""
    return cast("Callable[P, APIResponse[R]]", method)


def to_streamed_response_wrapper(
    method: Callable[P, R],
) -> Callable[P, ResponseContextManager[R]]:
    """Wrap a streaming-raw-mode bound method so that calling it gives a context manager."""

    def wrapped(*args: P.args, **kwargs: P.kwargs) -> ResponseContextManager[R]:
        return ResponseContextManager(lambda: cast("StreamedAPIResponse[R]", method(*args, **kwargs)))

    return wrapped


# ---- end of the sync twin ----


# ---- the async raw answer: no twin (the sync `APIResponse` above keeps plain calls) ----


class AsyncAPIResponse(AsyncStreamedAPIResponse[R]):
    """A read answer of the async client, as the official package's `AsyncAPIResponse`:
    `.status_code`, `.headers`, then `await .parse()` for the typed result, and `await .read()`,
    `await .text()`, `await .json()` for the body (already read, unless the call streams)."""
