# Generated from spec/openapi.yaml by images-sdk-generator. Do not edit; run `make generate`.
"""Server-sent events: an incremental parser, and the typed `Stream` / `AsyncStream`.

The parser takes bytes in any chunking: `\r`, `\n` and `\r\n` line ends (also a `\r\n`
split across two chunks), comment lines, multi-line `data:` joined with "\n". Each event's
JSON payload is typed by its `type` field; a type no variant knows is yielded as an
`UnknownEvent`, never mistaken for another variant. `data: [DONE]`, or an event named
`done` (as mock servers such as Steady send), ends the stream.
"""

from __future__ import annotations

import codecs
import json
import re
from types import TracebackType
from typing import (
    TYPE_CHECKING,
    Any,
    AsyncGenerator,
    AsyncIterator,
    Generator,
    Generic,
    Iterator,
    List,
    Optional,
    Type,
    TypeVar,
)

import httpx

from ._exceptions import APIConnectionError, APIError, APIResponseValidationError, APITimeoutError

if TYPE_CHECKING:
    from typing_extensions import Self

__all__ = ["ServerSentEvent", "SSEDecoder", "Stream", "AsyncStream"]

_LINE_END = re.compile(r"\r\n|\r|\n")

T = TypeVar("T")


class ServerSentEvent:
    __slots__ = ("event", "data", "id", "retry")

    def __init__(self, *, event: Optional[str], data: str, id: Optional[str], retry: Optional[int]) -> None:
        self.event = event
        self.data = data
        self.id = id
        self.retry = retry

    def __repr__(self) -> str:
        return f"ServerSentEvent(event={self.event!r}, data={self.data!r}, id={self.id!r})"


class SSEDecoder:
    """Feed it bytes with `feed()`, take complete events back; call `end()` at the end."""

    def __init__(self) -> None:
        self._text = codecs.getincrementaldecoder("utf-8")(errors="replace")
        self._pending = ""  # text after the last complete line
        self._skip_lf = False  # the last chunk ended in "\r": a leading "\n" belongs to it
        self._event: Optional[str] = None
        self._data: List[str] = []
        self._id: Optional[str] = None
        self._retry: Optional[int] = None
        self._started = False  # a field line was seen since the last dispatch

    def feed(self, chunk: bytes) -> List[ServerSentEvent]:
        text = self._text.decode(chunk)
        if self._skip_lf and text:
            text = text[1:] if text.startswith("\n") else text
            self._skip_lf = False
        lines = _LINE_END.split(self._pending + text)
        self._pending = lines.pop()  # the text after the last line end is not a line yet
        if text:  # a "\r" at the very end may be the first half of a "\r\n" split across chunks
            self._skip_lf = text.endswith("\r")
        events: List[ServerSentEvent] = []
        for line in lines:
            self._line(line, events)
        return events

    def end(self) -> None:
        """The body ended: raise if it stopped in the middle of an event."""
        tail = self._text.decode(b"", final=True)
        if self._pending or tail or self._started:
            raise APIError("the event stream ended in the middle of an event")

    def _line(self, line: str, events: List[ServerSentEvent]) -> None:
        if not line:
            self._dispatch(events)
            return
        if line.startswith(":"):
            return
        name, _, value = line.partition(":")
        if value.startswith(" "):
            value = value[1:]
        self._started = True
        if name == "data":
            self._data.append(value)
        elif name == "event":
            self._event = value
        elif name == "id":
            if "\0" not in value:
                self._id = value
        elif name == "retry":
            if value.isdigit():
                self._retry = int(value)

    def _dispatch(self, events: List[ServerSentEvent]) -> None:
        if not self._started:
            return
        if not self._data:
            if self._event is not None:
                raise APIError(f"the event stream sent an {self._event!r} event with no data")
        else:
            events.append(
                ServerSentEvent(event=self._event, data="\n".join(self._data), id=self._id, retry=self._retry)
            )
        self._event, self._data, self._retry, self._started = None, [], None, False


def decode_event(cast_to: Any, sse: ServerSentEvent, response: httpx.Response) -> Any:
    """One event's payload as a typed model; raise for an `error` payload or bad JSON."""
    from ._models import UnknownEvent, event_variants, parse  # pydantic loads on first use

    try:
        payload = json.loads(sse.data)
    except json.JSONDecodeError as exc:
        raise APIResponseValidationError(response, f"the event stream sent data that is not JSON: {exc}") from None
    if isinstance(payload, dict) and isinstance(payload.get("error"), dict):
        error = payload["error"]
        message = error.get("message")
        raise APIError(str(message) if message else "the event stream reported an error", response.request, body=error)
    tag, variants = event_variants(cast_to)
    if tag is not None and isinstance(payload, dict) and payload.get(tag) not in variants:
        return UnknownEvent.model_construct(**payload)
    return parse(cast_to, payload)


def _stream_error(exc: httpx.TransportError, request: httpx.Request) -> APIConnectionError:
    if isinstance(exc, httpx.TimeoutException):
        return APITimeoutError(request)
    return APIConnectionError(message=f"the connection failed mid-stream: {exc}", request=request)


class Stream(Generic[T]):
    """Typed events of a streamed answer.

    Iterate it (`for event in stream`) or use it as a context manager. The
    connection is released when iteration ends, however it ends, and by `close()`.
    """

    response: httpx.Response

    def __init__(self, *, cast_to: Type[T], response: httpx.Response) -> None:
        self.response = response
        self._cast_to = cast_to
        self._events: Generator[T, None] = self._iter_events()
        self._closed = False

    def __next__(self) -> T:
        return self._events.__next__()

    def __iter__(self) -> Iterator[T]:
        try:
            for event in self._events:
                yield event
        finally:
            self.close()

    def _iter_events(self) -> Generator[T, None]:
        decoder = SSEDecoder()
        try:
            try:
                for chunk in self.response.iter_bytes():
                    for sse in decoder.feed(chunk):
                        if sse.data.startswith("[DONE]") or sse.event == "done":
                            return
                        yield decode_event(self._cast_to, sse, self.response)
            except httpx.StreamError:
                return  # closed by the caller: nothing more to read
            except httpx.TransportError as exc:
                raise _stream_error(exc, self.response.request) from exc
            decoder.end()
        finally:
            self.response.close()

    def close(self) -> None:
        """Release the connection; further iteration yields nothing. Safe to call twice."""
        if self._closed:
            return
        self._closed = True  # set first: a break and a `with` exit may both close
        self._events.close()
        self.response.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: Optional[Type[BaseException]],
        exc: Optional[BaseException],
        exc_tb: Optional[TracebackType],
    ) -> None:
        self.close()


class AsyncStream(Generic[T]):
    """Typed events of a streamed answer.

    Iterate it (`async for event in stream`) or use it as a context manager. The
    connection is released when iteration ends, however it ends, and by `close()`.
    """

    response: httpx.Response

    def __init__(self, *, cast_to: Type[T], response: httpx.Response) -> None:
        self.response = response
        self._cast_to = cast_to
        self._events: AsyncGenerator[T, None] = self._iter_events()
        self._closed = False

    async def __anext__(self) -> T:
        return await self._events.__anext__()

    async def __aiter__(self) -> AsyncIterator[T]:
        try:
            async for event in self._events:
                yield event
        finally:
            await self.close()

    async def _iter_events(self) -> AsyncGenerator[T, None]:
        decoder = SSEDecoder()
        try:
            try:
                async for chunk in self.response.aiter_bytes():
                    for sse in decoder.feed(chunk):
                        if sse.data.startswith("[DONE]") or sse.event == "done":
                            return
                        yield decode_event(self._cast_to, sse, self.response)
            except httpx.StreamError:
                return  # closed by the caller: nothing more to read
            except httpx.TransportError as exc:
                raise _stream_error(exc, self.response.request) from exc
            decoder.end()
        finally:
            await self.response.aclose()

    async def close(self) -> None:
        """Release the connection; further iteration yields nothing. Safe to call twice."""
        if self._closed:
            return
        self._closed = True  # set first: a break and a `with` exit may both close
        await self._events.aclose()
        await self.response.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: Optional[Type[BaseException]],
        exc: Optional[BaseException],
        exc_tb: Optional[TracebackType],
    ) -> None:
        await self.close()
