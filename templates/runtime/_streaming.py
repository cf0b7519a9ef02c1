# Runtime of images-sdk-generator, copied into each generated client with this line as its header.
"""Server-sent events: an incremental parser, and the typed `Stream` / `AsyncStream`.

The parser follows the WHATWG event-stream rules on bytes in any chunking: `\r`, `\n` and
`\r\n` line ends (also split across chunks), comment lines, multi-line `data:` joined with
"\n", one leading byte-order mark ignored, `retry:` only when it is ASCII digits (and not
longer than Python converts). Its work is linear in the bytes received however they are chunked:
a partial image is megabytes of base64 in one event, arriving in pieces of a few KiB, and each
byte is looked at a fixed number of times.

Each event's JSON payload is typed by its `type` field; a type no variant knows is yielded as
an `UnknownEvent`, never mistaken for another variant. An error event raises `APIError`: one
named `error`, or a payload with an `error` object or with `"type": "error"`. `data: [DONE]`, or
an event named `done` (as mock servers such as Steady send), ends the stream.

`stream.saving_to(folder)` writes each event's image to a file as its base64 arrives, decoded
inside the parser's line handling, so that no image is held whole (`_image_stream.py`).
"""

from __future__ import annotations

import functools
import json
import os
import weakref
from types import TracebackType
from typing import (
    TYPE_CHECKING,
    Any,
    AsyncGenerator,
    AsyncIterator,
    Callable,
    Generator,
    Generic,
    Iterator,
    List,
    Optional,
    Set,
    Type,
    TypeVar,
    Union,
    cast,
)

import httpx

from ._drift import SpecDrift, drift_watch
from ._exceptions import APIConnectionError, APIError, APIResponseValidationError, connection_error

if TYPE_CHECKING:
    import asyncio

    from typing_extensions import Self

    from ._image_stream import ImageExtractor, PendingImage

__all__ = ["ServerSentEvent", "SSEDecoder", "Stream", "AsyncStream"]

_BOM = b"\xef\xbb\xbf"
_CR = 13
_MAX_MESSAGE = 2000  # characters of an error event's message kept in the APIError

T = TypeVar("T")


class ServerSentEvent:
    """One dispatched event: its `event:` name (None when not given), joined `data:`, last `id:`."""

    __slots__ = ("event", "data", "id", "retry", "image")

    def __init__(self, *, event: Optional[str], data: str, id: Optional[str], retry: Optional[int]) -> None:
        self.event = event
        self.data = data
        self.id = id
        self.retry = retry
        self.image: Optional[PendingImage] = None  # its `b64_json`, written to a file (`Stream.saving_to`)

    def __repr__(self) -> str:
        return f"ServerSentEvent(event={self.event!r}, data={self.data!r}, id={self.id!r}, retry={self.retry!r})"


class SSEDecoder:
    """Feed it bytes with `feed()`, take complete events back; call `end()` when the body ends.

    A malformed block (an `event:` with no `data:`) stops decoding: `feed()` returns the events
    before it and sets `error`, so nothing that arrived complete is lost.
    """

    def __init__(self) -> None:
        self._partial: List[bytes] = []  # the line being received, in pieces (no line end yet)
        self._skip_lf = False  # the last chunk ended in "\r": a leading "\n" belongs to it
        self._first_line = True
        self._event: Optional[str] = None
        self._data: List[str] = []
        self._id: Optional[str] = None  # the last event ID: kept across events, as WHATWG says
        self._retry: Optional[int] = None
        self._started = False  # a field line was seen since the last dispatch
        self.error: Optional[str] = None
        self._images: Optional[ImageExtractor] = None

    def save_images(self, images: ImageExtractor) -> None:
        """From now on, pass each line through `images`, which writes an event's base64 image to
        a file as it arrives and leaves the rest of the line (see `_image_stream.py`)."""
        images.feed(b"".join(self._partial))  # the line begun so far: `_partial` always starts at a line start
        self._partial = []
        self._images = images

    def feed(self, chunk: bytes) -> List[ServerSentEvent]:
        if self._skip_lf and chunk:
            self._skip_lf = False
            if chunk[0] == 10:
                chunk = chunk[1:]
        if self._images is not None:
            return self._feed_saving(chunk, self._images)
        end = max(chunk.rfind(b"\n"), chunk.rfind(b"\r"))  # the last line end
        if end < 0:  # no line ends here (most chunks of a big event): keep the piece, join it once
            if chunk:
                self._partial.append(chunk)
            return []
        if self.error is not None:
            return []
        lines = chunk.splitlines()  # bytes split on "\r", "\n" and "\r\n" only; one copy of the chunk
        tail = lines.pop() if end + 1 < len(chunk) else None  # the start of a line that goes on
        if self._partial:  # the first line began in earlier chunks
            self._partial.append(lines[0])
            lines[0] = b"".join(self._partial)
            self._partial = []
        if tail is not None:
            self._partial.append(tail)
        else:  # a "\r" at the very end may be the first half of a "\r\n" split across chunks
            self._skip_lf = chunk[end] == _CR
        events: List[ServerSentEvent] = []
        for line in lines:
            self._line(line, events)
            if self.error is not None:
                break
        return events

    def _feed_saving(self, chunk: bytes, images: ImageExtractor) -> List[ServerSentEvent]:
        """`feed()` while images are saved: each line's pieces go through `images`, and what it
        leaves of the line is read as usual."""
        events: List[ServerSentEvent] = []
        if not chunk or self.error is not None:
            return events
        end = max(chunk.rfind(b"\n"), chunk.rfind(b"\r"))
        lines = chunk.splitlines() if end >= 0 else []
        if end + 1 < len(chunk):  # the start of a line that goes on
            tail: Optional[bytes] = lines.pop() if lines else chunk
        else:
            tail, self._skip_lf = None, chunk[end] == _CR
        for line in lines:
            images.feed(line)
            if images.error is None:
                self._line(images.end_line(), events)
            if images.error is not None or self.error is not None:
                break
        else:
            if tail is not None:
                images.feed(tail)
        if images.error is not None:
            self.error = images.error
        return events

    def end(self) -> None:
        """The body ended: raise if it stopped in the middle of an event."""
        if self._images is not None:
            self._partial = [self._images.end_line()]
        partial = b"".join(self._partial)
        if self._first_line and partial.startswith(_BOM):
            partial = partial[len(_BOM) :]
        if self._started or (partial and not partial.startswith(b":")):
            raise APIError("the event stream ended in the middle of an event")

    def _line(self, line: bytes, events: List[ServerSentEvent]) -> None:
        if self._first_line:
            self._first_line = False
            if line.startswith(_BOM):
                line = line[len(_BOM) :]
        if not line:
            self._dispatch(events)
            return
        if line[0] == 58:  # ":" starts a comment
            return
        colon = line.find(b":")
        if colon < 0:  # a line without a colon names a field whose value is empty
            name, value = line, memoryview(b"")
        else:
            name = line[:colon]
            start = colon + 2 if line[colon + 1 : colon + 2] == b" " else colon + 1
            value = memoryview(line)[start:]  # a view: a megabyte data line is not copied to slice it
        self._started = True
        if name == b"data":
            self._data.append(str(value, "utf-8", "replace"))
        elif name == b"event":
            self._event = str(value, "utf-8", "replace")
        elif name == b"id":
            if 0 not in value:  # a NUL in the id makes the line ignored
                self._id = str(value, "utf-8", "replace")
        elif name == b"retry":
            digits = bytes(value)
            if digits.isdigit():  # bytes.isdigit() is true for ASCII digits only
                try:
                    self._retry = int(digits)
                except ValueError:  # more digits than Python converts (4,300 by default): ignored
                    pass

    def _dispatch(self, events: List[ServerSentEvent]) -> None:
        if not self._started:
            return
        image = self._images.take() if self._images is not None else None
        if self._data:
            events.append(
                ServerSentEvent(event=self._event, data="\n".join(self._data), id=self._id, retry=self._retry)
            )
            events[-1].image = image
        elif self._event is not None:
            self.error = f"the event stream sent an {self._event!r} event with no data"
        self._event, self._data, self._retry, self._started = None, [], None, False


def decode_event(cast_to: Any, sse: ServerSentEvent, response: httpx.Response) -> Any:
    """One event's payload as a typed model; raise for an error event or bad JSON."""
    from ._models import parse_json  # pydantic loads on first use

    watch = drift_watch(response)
    drift: Optional[List[SpecDrift]] = [] if watch is not None else None
    try:
        if sse.event == "error" or '"error"' in sse.data:  # cheap: a base64 image cannot contain a quote
            _raise_error_event(sse, response)
        value = parse_json(cast_to, sse.data, drift)
    except (ValueError, RecursionError) as exc:
        raise APIResponseValidationError(response, f"the event stream sent data that is not JSON: {exc}") from None
    if watch is not None and drift:  # after the `try`: what `on_spec_drift` raises is its own
        watch.report(drift, response)
    if sse.image is not None:
        sse.image.attach(value)
    return value


def _raise_error_event(sse: ServerSentEvent, response: httpx.Response) -> None:
    """Raise `APIError` if the event reports an error: one named `error`, a payload with an `error`
    object, or a flat `{"type": "error", "code": ..., "message": ...}` (as newer OpenAI streams send)."""
    named = sse.event == "error"
    try:
        payload = json.loads(sse.data)
    except (ValueError, RecursionError):
        if not named:
            raise  # not an error event, just bad JSON: the caller says so
        raise APIError(_error_message(sse.data), response.request, body=sse.data) from None
    error: object = None
    if isinstance(payload, dict) and payload.get("error"):
        error = payload["error"]
    elif named or (isinstance(payload, dict) and payload.get("type") == "error"):
        error = payload  # the flat form: code and message sit beside the type
    if error is None:
        return
    message = error.get("message") if isinstance(error, dict) else error
    raise APIError(_error_message(message), response.request, body=error)


def _error_message(message: object) -> str:
    """An error event's message as given, if it is text, cut to a length a log line can hold."""
    if not isinstance(message, str) or not message.strip():
        return "the event stream reported an error"
    return message if len(message) <= _MAX_MESSAGE else message[:_MAX_MESSAGE] + "..."


def _stream_error(exc: Exception, request: httpx.Request) -> APIConnectionError:
    """A failure while reading the body: a timeout, a dropped connection, bad gzip, a broken transport."""
    return connection_error(exc, request, f"the connection failed mid-stream: {exc}")


def release_when_dropped(owner: object, response: httpx.Response) -> Optional[Callable[[], object]]:
    """Close `response` when `owner` (a stream, a raw answer) is collected: one dropped unread
    (never iterated, never closed) would otherwise keep its connection checked out of the pool for
    good. Returns what cancels that, for an owner that hands the response on."""
    if not isinstance(response.stream, httpx.AsyncByteStream):
        finalizer = weakref.finalize(owner, _close_quietly, response)
    else:
        import asyncio  # already imported: an async stream is made inside a running loop

        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:  # made outside any loop: there is no loop to close it on
            return None
        finalizer = weakref.finalize(owner, functools.partial(_close_on_loop, loop), response)
    finalizer.atexit = False
    return finalizer.detach


def _close_quietly(response: httpx.Response) -> None:
    try:
        response.close()
    except Exception:  # a finalizer has no caller to tell; the connection is discarded either way
        pass


def _close_on_loop(loop: asyncio.AbstractEventLoop, response: httpx.Response) -> None:
    """A finalizer cannot await, and may run outside the loop: ask the stream's loop to close it."""
    if response.is_closed or loop.is_closed():  # nothing to do, or no loop left to do it on
        return
    try:
        loop.call_soon_threadsafe(_start_closing, loop, response)
    except RuntimeError:  # the loop closed in the meantime
        pass


_closing: Set[asyncio.Task[None]] = set()  # the loop keeps only weak references to its tasks


def _start_closing(loop: asyncio.AbstractEventLoop, response: httpx.Response) -> None:
    task = loop.create_task(response.aclose())
    _closing.add(task)
    task.add_done_callback(_closed)


def _closed(task: asyncio.Task[None]) -> None:
    _closing.discard(task)
    if not task.cancelled():
        task.exception()  # retrieved, so asyncio does not log it: a failed close has no one to tell


# ---- async: the source of the sync twin below (`make twins` derives it) ----


class AsyncStream(Generic[T]):
    """Typed events of a streamed answer.

    Iterate it (`async for event in stream`) or use it as a context manager. The
    connection is released when iteration ends, however it ends, by `close()`, and
    when the stream is dropped unclosed.
    """

    response: httpx.Response

    def __init__(self, *, cast_to: Type[T], response: httpx.Response) -> None:
        self.response = response
        self._cast_to = cast_to
        self._decoder = SSEDecoder()
        self._events: AsyncGenerator[T, None] = self._iter_events(cast_to, response, self._decoder)
        self._closed = False
        release_when_dropped(self, response)

    async def __anext__(self) -> T:
        return await self._events.__anext__()

    async def __aiter__(self) -> AsyncIterator[T]:
        try:
            async for event in self._events:
                yield event
        finally:
            await self.close()

    async def saving_to(self, folder: Union[str, os.PathLike[str]]) -> AsyncIterator[T]:
        """The events, as iterating the stream gives them, each image written to a file in `folder`
        (made if need be) before its event comes: `partial-0.png`, `partial-1.png`... for partial
        images, `image-0.png`... for the others, the suffix from the image's bytes (else its
        `output_format`).

        An image event comes with `saved_path`, its file, and `b64_json` None: the base64 is decoded
        into the file as it arrives, so no image is ever held whole in memory (see
        `_image_stream.py`). A file is renamed into place once complete; a failure leaves none half
        written."""
        from ._image_stream import ImageExtractor, ImageFolder  # pydantic loads with the images

        images = ImageFolder(folder)
        self._decoder.save_images(ImageExtractor(images))
        try:
            async for event in self:
                yield cast(T, images.saved(event))
        finally:
            images.close()

    @staticmethod  # it must not hold the stream: a stream dropped unread is then freed at once
    async def _iter_events(cast_to: Type[T], response: httpx.Response, decoder: SSEDecoder) -> AsyncGenerator[T, None]:
        request = response.request
        chunks = response.aiter_bytes()
        try:
            while True:
                try:
                    chunk = await chunks.__anext__()
                except StopAsyncIteration:
                    break
                except httpx.StreamClosed:
                    return  # closed by the caller: nothing more to read
                except Exception as exc:
                    raise _stream_error(exc, request) from exc
                for sse in decoder.feed(chunk):
                    if sse.data.startswith("[DONE]") or sse.event == "done":
                        return
                    yield decode_event(cast_to, sse, response)
                if decoder.error is not None:
                    raise APIError(decoder.error, request)
            decoder.end()
        finally:
            await response.aclose()

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


# ---- sync twin: derived from the async code above by generator/render/unasync.py; do not edit ----


class Stream(Generic[T]):
    """Typed events of a streamed answer.

    Iterate it (`for event in stream`) or use it as a context manager. The
    connection is released when iteration ends, however it ends, by `close()`, and
    when the stream is dropped unclosed.
    """

    response: httpx.Response

    def __init__(self, *, cast_to: Type[T], response: httpx.Response) -> None:
        self.response = response
        self._cast_to = cast_to
        self._decoder = SSEDecoder()
        self._events: Generator[T, None] = self._iter_events(cast_to, response, self._decoder)
        self._closed = False
        release_when_dropped(self, response)

    def __next__(self) -> T:
        return self._events.__next__()

    def __iter__(self) -> Iterator[T]:
        try:
            for event in self._events:
                yield event
        finally:
            self.close()

    def saving_to(self, folder: Union[str, os.PathLike[str]]) -> Iterator[T]:
        """The events, as iterating the stream gives them, each image written to a file in `folder`
        (made if need be) before its event comes: `partial-0.png`, `partial-1.png`... for partial
        images, `image-0.png`... for the others, the suffix from the image's bytes (else its
        `output_format`).

        An image event comes with `saved_path`, its file, and `b64_json` None: the base64 is decoded
        into the file as it arrives, so no image is ever held whole in memory (see
        `_image_stream.py`). A file is renamed into place once complete; a failure leaves none half
        written."""
        from ._image_stream import ImageExtractor, ImageFolder  # pydantic loads with the images

        images = ImageFolder(folder)
        self._decoder.save_images(ImageExtractor(images))
        try:
            for event in self:
                yield cast(T, images.saved(event))
        finally:
            images.close()

    @staticmethod  # it must not hold the stream: a stream dropped unread is then freed at once
    def _iter_events(cast_to: Type[T], response: httpx.Response, decoder: SSEDecoder) -> Generator[T, None]:
        request = response.request
        chunks = response.iter_bytes()
        try:
            while True:
                try:
                    chunk = chunks.__next__()
                except StopIteration:
                    break
                except httpx.StreamClosed:
                    return  # closed by the caller: nothing more to read
                except Exception as exc:
                    raise _stream_error(exc, request) from exc
                for sse in decoder.feed(chunk):
                    if sse.data.startswith("[DONE]") or sse.event == "done":
                        return
                    yield decode_event(cast_to, sse, response)
                if decoder.error is not None:
                    raise APIError(decoder.error, request)
            decoder.end()
        finally:
            response.close()

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


# ---- end of the sync twin ----
