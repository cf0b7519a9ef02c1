# Runtime of images-sdk-generator, copied into each generated client with this line as its header.
"""Sending requests: settings, headers, bodies, timeouts, and the retry loop.

Retries: connection errors, timeouts and retryable statuses (see `_retries.py`) are tried
again up to `max_retries` times; a failed response is closed before the next try, and the
same `httpx.Request` is re-sent, so a multipart body goes out byte for byte the same. A body
that cannot be sent again (an upload from a pipe, once read) is never resent: the failure that
a retry would have followed, or the 307/308 redirect that would have resent it, is raised
instead, and its message says why. (Copying such an upload to a temporary file first would
make it resendable, but every such call would then wait for the whole stream, and need the
disk room, before sending a byte, to guard against a failure that is rare: a caller who wants
retries passes a path or bytes.) An error of the caller's upload (`UploadError`, a
`ValueError`: closed, failing) is raised at once, never retried as a network failure.

Bounds: a failed answer's body is read up to `ERROR_BODY_LIMIT` (decompressed within it), and
its error message shows a part of it; the `timeout` of a non-stream call is a deadline for each
try as a whole (httpx limits each read, so an answer sent a byte at a time could last forever),
while a stream keeps httpx's per-read limits. A read answer drops its stream at once, so its
body is freed as soon as the answer is, without waiting for the cycle collector.

Every failure reaches the caller as one of the exceptions in `_exceptions.py`: whatever the
transport raises (httpx's errors, bad gzip, a redirect loop, or any exception of a custom
transport) becomes `APIConnectionError` or `APITimeoutError`, with the original as its cause.
"""

from __future__ import annotations

import json
import os
import random
import sys
import time
import weakref
import zlib
from contextlib import ExitStack
from dataclasses import dataclass
from typing import (
    Any,
    AsyncGenerator,
    AsyncIterator,
    Callable,
    Dict,
    Generic,
    Iterator,
    List,
    Mapping,
    Optional,
    Tuple,
    TypeVar,
    Union,
    cast,
)
from urllib.parse import quote

import httpx

from ._arguments import check_api_key, check_base_url, check_header, check_max_retries, check_timeout
from ._credentials import ASK, BEARER, KEY_EXTENSION, KeyPlace, Setting
from ._drift import DRIFT_EXTENSION, DriftWatch, SpecDrift
from ._exceptions import (
    REDACTED,
    APIConnectionError,
    APIStatusError,
    ClientError,
    connection_error,
    request_secret,
    status_error_class,
)
from ._http_clients import DEFAULT_TIMEOUT, with_defaults
from ._logs import log_outcome, log_request, log_retry, setup_logging
from ._multipart import UploadError, UploadStream
from ._request_options import RequestOptions, ResponseMode
from ._response import (
    APIResponse,
    AsyncAPIResponse,
    AsyncStreamedAPIResponse,
    StreamedAPIResponse,
    check_event_stream,
    is_event_stream,
    parse_body,
)
from ._retries import backoff_delay, retry_delay, should_retry_status
from ._serialization import to_wire
from ._streaming import AsyncStream, Stream
from ._types import Headers, NotGiven, Omit, Query, Timeout

__all__ = [
    "ClientDefaults",
    "RequestOptions",
    "ResponseMode",
    "APIClient",
    "AsyncAPIClient",
    "DEFAULT_TIMEOUT",
    "DEFAULT_MAX_RETRIES",
]

DEFAULT_MAX_RETRIES = 2

# Failures that would only repeat: retrying them is wasted time.
_NOT_RETRIED = (httpx.TooManyRedirects, httpx.UnsupportedProtocol, httpx.LocalProtocolError)
ERROR_BODY_LIMIT = 1024 * 1024
"""Bytes of a failed answer's body that are read, decoded, at most (an error body is a few hundred)."""
_MESSAGE_LIMIT = 1000  # characters of the body an error's message shows


@dataclass(frozen=True)
class ClientDefaults:
    """What a client falls back to when the caller says nothing; each generated client states
    its own (from its spec), so this runtime names no API of its own."""

    base_url: str
    user_agent: str
    api_key_env: str
    base_url_env: str
    log_env: str  # `info` or `debug` there turns logging on (see `_logs.py`)
    key: KeyPlace = BEARER  # where the key goes, as the spec's security scheme says
    # Values sent beside the key (OpenAI's organization and project), each an attribute of the client
    settings: Tuple[Setting, ...] = ()


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


def custom_headers(*layers: Optional[Headers]) -> Dict[str, Any]:
    """The caller's headers, `default_headers` then `extra_headers`: a later name replaces an
    earlier one whatever its case, so that `{"Authorization": Omit()}` removes the bearer header."""
    merged: Dict[str, Tuple[str, Any]] = {}
    for layer in layers:
        for name, value in (layer or {}).items():
            merged[name.lower() if isinstance(name, str) else name] = (name, value)  # a bad name: refused later
    return dict(merged.values())


def _carried(place: KeyPlace, headers: Optional[Headers], query: Optional[Query]) -> bool:
    """Whether the caller's own `default_headers` or `default_query` set (or remove) where the key
    goes: a gateway's credential, say; then no key is needed."""
    if place.header is not None:
        return any(isinstance(name, str) and name.lower() == place.header.lower() for name in headers or {})
    return place.place == "query" and place.name in (query or {})


def _connection_error(exc: Exception, request: httpx.Request, spent: Optional[str] = None) -> APIConnectionError:
    kind = "" if isinstance(exc, httpx.HTTPError) else f"{type(exc).__name__}: "  # a custom transport's own
    note = f" (not retried: {spent})" if spent else ""
    return connection_error(exc, request, f"Connection error: {kind}{exc}{note}")


def _status_error(response: httpx.Response, spent: Optional[str] = None) -> APIStatusError:
    """The exception for a failed answer whose body has been read (see `_read_error_body`), or a
    redirect not followed. `spent` says why the request was not sent again, if that is why."""
    try:
        decoded: Any = json.loads(response.content)
    except (ValueError, RecursionError):  # not JSON, not UTF-8, cut at the limit, or nested too deeply
        decoded = None
    error = decoded.get("error") if isinstance(decoded, dict) else None
    body = error if error is not None else decoded if decoded is not None else (response.text or None)
    detail = error.get("message") if isinstance(error, dict) else None
    shown = str(detail if detail else body if body else response.reason_phrase)
    secret = request_secret(response.request)
    if secret is not None:  # before it is cut short: a cut could leave part of the key
        shown = shown.replace(secret, REDACTED)
    if len(shown) > _MESSAGE_LIMIT:
        shown = f"{shown[:_MESSAGE_LIMIT]}... ({len(shown) - _MESSAGE_LIMIT} more characters)"
    message = f"Error code: {response.status_code} - {shown}"
    if response.next_request is not None:  # a redirect that was not followed
        message += f" (redirected to {response.next_request.url}, not followed{': ' + spent if spent else ''})"
    elif spent:
        message += f" (not retried: {spent})"
    return status_error_class(response.status_code)(message, response=response, body=body)


def _spent(request: httpx.Request) -> Optional[str]:
    """Why `request` cannot be sent again, or None: it can."""
    body = request.stream  # once a hook has read it, httpx keeps the bytes here, and they can be resent
    return body.spent if isinstance(body, UploadStream) else None


def _deadline(request: httpx.Request) -> Optional[float]:
    """When a try of a non-stream call must be over: its timeout from now (an `httpx.Timeout`:
    its largest limit; none if any limit is None, which lets that phase take forever)."""
    limits = list(request.extensions.get("timeout", {}).values())
    if not limits or None in limits:
        return None
    return time.monotonic() + float(max(limits))


class _Deadline(httpx.SyncByteStream, httpx.AsyncByteStream):
    """An answer's body that fails with `httpx.ReadTimeout` once the deadline has passed.

    httpx limits each read, not the whole: a server that sends a byte every so often could
    otherwise keep a call alive for as long as it likes. Checked as each piece arrives, so a
    call ends at most one read limit past its deadline, and at once when the pieces keep coming.
    """

    def __init__(
        self, stream: Union[httpx.SyncByteStream, httpx.AsyncByteStream], deadline: float, request: httpx.Request
    ) -> None:
        self._stream = stream
        self._deadline = deadline
        self._request = request

    def _check(self) -> None:
        if time.monotonic() > self._deadline:
            raise httpx.ReadTimeout("the answer took longer than the timeout", request=self._request)

    def __iter__(self) -> Iterator[bytes]:
        assert isinstance(self._stream, httpx.SyncByteStream)
        self._check()
        for chunk in self._stream:
            self._check()
            yield chunk

    async def __aiter__(self) -> AsyncIterator[bytes]:
        assert isinstance(self._stream, httpx.AsyncByteStream)
        self._check()
        async for chunk in self._stream:
            self._check()
            yield chunk

    def close(self) -> None:
        assert isinstance(self._stream, httpx.SyncByteStream)
        self._stream.close()

    async def aclose(self) -> None:
        assert isinstance(self._stream, httpx.AsyncByteStream)
        await self._stream.aclose()


_READ = httpx.ByteStream(b"")
"""What a read answer's `stream` becomes: httpx's response and its stream refer to each other,
so while it stays, a body of any size waits for the cycle collector to be freed."""


class _ErrorBody:
    """Up to `ERROR_BODY_LIMIT` bytes of a failed answer's body, decoded as httpx decodes it.

    gzip and deflate are inflated here, a step at a time with zlib's output limit, since a few
    kilobytes of gzip can inflate to gigabytes. The encodings httpx decodes with optional
    packages (br, zstd) are left to httpx: the limit then holds to within one piece's inflation.
    """

    def __init__(self, headers: httpx.Headers) -> None:
        encodings = [value.strip().lower() for value in headers.get_list("content-encoding", split_commas=True)]
        self.raw = not any(encoding in ("br", "zstd") for encoding in encodings)  # else: read decoded
        # The last encoding applied is undone first; those httpx does not know are left as they are.
        self._inflaters = [_Inflater(e) for e in reversed(encodings) if e in ("gzip", "deflate")] if self.raw else []
        self._pieces: List[bytes] = []
        self._room = ERROR_BODY_LIMIT

    def add(self, piece: bytes) -> bool:
        """Keep what `piece` decodes to, up to the limit; True once the limit is reached."""
        full = False
        for inflater in self._inflaters:
            piece, held_back = inflater.inflate(piece, self._room)
            full = full or held_back
        piece = piece[: self._room]
        self._pieces.append(piece)
        self._room -= len(piece)
        return full or self._room <= 0

    @property
    def content(self) -> bytes:
        return b"".join(self._pieces)


class _Inflater:
    """One gzip or deflate layer, as httpx's decoders read them (deflate: zlib-wrapped, or raw
    as some servers send it), with each output limited to `room` bytes."""

    def __init__(self, encoding: str) -> None:
        self._zlib = zlib.decompressobj(zlib.MAX_WBITS | 16 if encoding == "gzip" else zlib.MAX_WBITS)
        self._retry_raw = encoding == "deflate"

    def inflate(self, data: bytes, room: int) -> Tuple[bytes, bool]:
        """What `data` inflates to, at most `room` bytes; and whether some of it was held back."""
        try:
            output = self._zlib.decompress(data, room)
        except zlib.error as exc:
            if not self._retry_raw:
                raise httpx.DecodingError(str(exc)) from exc
            self._zlib, self._retry_raw = zlib.decompressobj(-zlib.MAX_WBITS), False
            return self.inflate(data, room)
        self._retry_raw = False
        return output, bool(self._zlib.unconsumed_tail)


_H = TypeVar("_H", bound=Union[httpx.Client, httpx.AsyncClient], covariant=True)


class _Pool(Generic[_H]):
    """The connection pool (an httpx client) that a client and its `with_options` copies share.

    One that we made (no `http_client` was passed) is ours to look after:
    - it is closed when the last client using it is collected, so a client dropped without
      `close()` leaves no socket open;
    - after `os.fork()`, the child gets a new one on first use: with the parent's, both
      processes would write to the same keep-alive sockets and read each other's answers;
    - an async one used from another event loop than before (each `asyncio.run()`, say) is
      replaced by a new one: its keep-alive connections belong to the other loop, and a request
      sent on one is written but its answer cannot be read, a try lost (and a POST sent twice);
    - an async one is closed with the event loop it is used in (see `_closed_with_loop`): once
      the loop is closed nothing could close its sockets, and a client dropped later would leave
      them to the collector, with a `ResourceWarning`. The next use, in another loop, makes a new one.
    A caller's `http_client` is theirs: left as it is in all cases.
    """

    def __init__(self, http: _H, new: Optional[Callable[[], _H]] = None) -> None:
        self._http: _H = http
        self._new: Optional[Callable[[], _H]] = new  # makes another pool of ours; None for a caller's
        self._pid = os.getpid()
        self._loop: Optional[weakref.ref[Any]] = None  # the event loop an async pool was last used in
        self._guard: Optional[AsyncGenerator[None, None]] = None  # closes it with that loop
        self._retired = False  # closed with its event loop, not by the caller: the next use makes a new one

    @property
    def owned(self) -> bool:
        return self._new is not None

    def get(self) -> _H:
        """The pool for this process and event loop (one closed by `close()` stays closed, in a child too)."""
        if self._new is None:
            return self._http
        if self._retired:
            self._http, self._retired, self._loop = self._new(), False, None
        if self._pid != os.getpid() and not self._http.is_closed:
            parents, self._http, self._pid = self._http, self._new(), os.getpid()
            _release(parents)
        if isinstance(self._http, httpx.AsyncClient) and not self._http.is_closed:
            loop = _running_loop()
            if loop is not None and (self._loop is None or self._loop() is not loop):
                if self._loop is not None:  # the old one's sockets are the other loop's: left to its guard
                    self._http = self._new()
                self._loop = weakref.ref(loop)
                self._guard = _closed_with_loop(cast(httpx.AsyncClient, self._http), weakref.ref(self))
                _start(self._guard)
        return self._http

    def __del__(self) -> None:
        if self._new is not None:
            _release(self._http)


def _running_loop() -> Any:
    """The running asyncio event loop; None outside a coroutine (`is_closed()`, a sync `close()`...)."""
    if "asyncio" not in sys.modules:  # no event loop has run, then
        return None
    import asyncio

    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        return None


async def _closed_with_loop(http: httpx.AsyncClient, pool: weakref.ref[_Pool[Any]]) -> AsyncGenerator[None, None]:
    """Closes `http`, an async pool of ours, on the event loop it is used in, at the latest when
    that loop ends.

    An async generator, for what asyncio does with one: `asyncio.run()` (any loop shut down as
    its documentation says, with `shutdown_asyncgens()`) closes every one still open before it
    closes the loop, so the pool's sockets are closed while they can be; and one dropped earlier,
    with its pool, is closed by a task of its own loop. A loop closed without that step leaves
    the sockets to the collector: they belong to it, and only it could close them cleanly.
    """
    pid = os.getpid()
    try:
        yield
    finally:
        if os.getpid() == pid and not http.is_closed:  # in a forked child the sockets are the parent's
            owner = pool()
            if owner is not None and owner._http is http:
                owner._retired = True
            try:
                await http.aclose()
            except Exception:  # nobody to tell: the loop is ending, or the pool was dropped
                pass


def _start(guard: AsyncGenerator[None, None]) -> None:
    """Run `guard` to its `yield`, from synchronous code inside the loop: its first step is what
    makes the running loop keep it (its async-generator hooks), and it awaits nothing to get there."""
    try:
        guard.asend(None).send(None)
    except StopIteration:
        pass


def _release(http: Union[httpx.Client, httpx.AsyncClient]) -> None:
    """Close a sync pool of ours that no client will use again (an async one is closed by its
    guard, `_closed_with_loop`, on its own loop). In a forked child that closes the child's copies
    of the parent's sockets, and sends nothing on them."""
    try:
        if isinstance(http, httpx.Client) and not http.is_closed:
            http.close()
    except Exception:  # called from `__del__`, where nobody could handle it: interpreter exit...
        pass


class _ClientConfig:
    """Settings shared by the sync and async clients (read from arguments, then the environment)."""

    def __init__(
        self,
        *,
        defaults: ClientDefaults,
        api_key: Union[str, Callable[[], Any], None],
        settings: Optional[Mapping[str, Optional[str]]] = None,
        base_url: Union[str, httpx.URL, None],
        timeout: Union[Timeout, NotGiven],
        max_retries: int,
        default_headers: Optional[Headers],
        default_query: Optional[Query],
        on_spec_drift: Optional[Callable[[SpecDrift], object]] = None,
        strict: bool = False,
    ) -> None:
        self._defaults = defaults
        setup_logging(defaults.log_env)
        self._api_key_provider: Optional[Callable[[], Any]] = None
        env = defaults.api_key_env
        if api_key is not None:
            self.api_key = api_key  # the setters check what they are given
        elif os.environ.get(env) or (
            defaults.key.required and not _carried(defaults.key, default_headers, default_query)
        ):
            source = f"the {env} environment variable"
            self._api_key = check_api_key(os.environ.get(env), source, env, defaults.key)
        else:  # no key, and none needed: the API takes none, or the caller's own headers or query carry one
            self._api_key = ""
        for setting in defaults.settings:  # each an attribute the generated client declares (`organization`)
            given = (settings or {}).get(setting.name)
            given = given if given is not None else os.environ.get(setting.env)
            if given and setting.place.header is not None:
                check_header(setting.place.header, setting.place.header_value(given))
            setattr(self, setting.name, given)
        if base_url is not None:
            self.base_url = base_url
        elif os.environ.get(defaults.base_url_env):
            self._set_base_url(os.environ[defaults.base_url_env], f"the {defaults.base_url_env} environment variable")
        else:
            self.base_url = defaults.base_url
        self._timeout: Union[Timeout, NotGiven] = timeout if isinstance(timeout, NotGiven) else check_timeout(timeout)
        self.max_retries = max_retries
        self.default_headers: Dict[str, Union[str, Omit]] = dict(default_headers or {})
        for name, value in self.default_headers.items():
            if not isinstance(value, Omit):
                check_header(name, value)
        self.default_query: Dict[str, object] = dict(default_query or {})
        if on_spec_drift is not None and not callable(on_spec_drift):
            raise TypeError(f"on_spec_drift must be a function taking a SpecDrift, not {type(on_spec_drift).__name__}")
        if not isinstance(strict, bool):
            raise TypeError(f"strict must be True or False, not {strict!r}")
        self.on_spec_drift = on_spec_drift  # called with each place an answer differs from the spec (`_drift.py`)
        self.strict = strict  # raise `APIResponseValidationError` there instead of keeping what came
        # Test hooks: replace to make retries instant and deterministic.
        self._random: Callable[[], float] = random.random
        self._now: Callable[[], float] = time.time

    @property
    def api_key(self) -> str:
        """The API key; given a function, the key it returned last ("" before the first request)."""
        return self._api_key

    @api_key.setter
    def api_key(self, key: Union[str, Callable[[], Any]]) -> None:
        if callable(key):  # asked for the key before each try (see `_authorize`), so that tokens can rotate
            self._api_key_provider, self._api_key = key, ""
        else:
            self._api_key_provider = None
            self._api_key = check_api_key(key, "api_key", self._defaults.api_key_env, self._defaults.key)

    def _set_provided_key(self, key: object, request: httpx.Request) -> None:
        """Send `key`, what the `api_key` function returned, with `request`: checked as a key given is."""
        self._api_key = check_api_key(
            key, "returned by the api_key function", self._defaults.api_key_env, self._defaults.key
        )
        self._defaults.key.put(request, self._api_key)

    @property
    def base_url(self) -> httpx.URL:
        return self._base_url

    @base_url.setter
    def base_url(self, url: Union[str, httpx.URL]) -> None:
        self._set_base_url(url, "base_url")

    def _set_base_url(self, url: Union[str, httpx.URL], source: str) -> None:
        self._base_url = check_base_url(url, source)
        self._base_url_text = str(self._base_url)  # joined by concatenation: much cheaper than URL.join

    @property
    def timeout(self) -> Timeout:
        """The default timeout of each request: ours, or that of the `http_client` passed in."""
        return self._http.timeout if isinstance(self._timeout, NotGiven) else self._timeout

    @timeout.setter
    def timeout(self, value: Timeout) -> None:
        self._timeout = check_timeout(value)

    @property
    def max_retries(self) -> int:
        return self._max_retries

    @max_retries.setter
    def max_retries(self, value: int) -> None:
        self._max_retries = check_max_retries(value)

    _pool: _Pool[Union[httpx.Client, httpx.AsyncClient]]

    @property
    def _http(self) -> Union[httpx.Client, httpx.AsyncClient]:
        """This process's connection pool."""
        return self._pool.get()

    def _keep_pool_for(self, response: httpx.Response) -> None:
        """Tie this client's pool to `response`: what reads it after the call returns (a stream, a
        raw response) keeps the pool open even once the client is dropped, as in
        `for event in ImagesClient().images.generate(..., stream=True)`. It also carries this
        client's drift watch, if it has one, to wherever the body is parsed (see `_drift.py`)."""
        response.extensions["connection_pool"] = self._pool
        if self.on_spec_drift is not None or self.strict:
            response.extensions[DRIFT_EXTENSION] = DriftWatch(self.on_spec_drift, self.strict)

    def _check_open(self) -> None:
        """Refuse to send on a closed pool: each try would fail the same way, and be retried."""
        if self._http.is_closed:
            if self._pool.owned:
                raise ValueError("This client is closed (by close() or the end of its `with` block): make a new one.")
            raise ValueError("The http_client given to this client is closed.")

    def _headers(self, options: RequestOptions, custom: Mapping[str, Any]) -> httpx.Headers:
        """The request's headers: ours, then the caller's `custom` ones (see `custom_headers`)."""
        ours = {
            "Accept": "text/event-stream" if options.stream else "application/json",
            "User-Agent": self._defaults.user_agent,
        }
        cookies = []  # the key's and the settings' cookies: they join the operation's own
        for place, value in self._credentials():
            if place.place == "cookie":
                cookies.append((place, place.header_value(value)))
            elif place.header is not None:
                ours[place.header] = place.header_value(value)
        if cookies:
            ours["Cookie"] = "; ".join(text for _, text in cookies)
        headers = httpx.Headers(ours)
        # Checked when given (see `_arguments.py`). `update`, not `headers[name] = value`: that would
        # encode text as UTF-8 and refuse bytes. An `Omit()` is removed from the built request.
        given = {name: value for name, value in custom.items() if not isinstance(value, Omit)}
        cookie = next((value for name, value in given.items() if name.lower() == "cookie"), None)
        headers.update(given)
        if cookies and isinstance(cookie, str):  # the operation's cookies, then ours it does not have
            headers["Cookie"] = "; ".join([cookie, *(text for place, text in cookies if not place.in_cookie(cookie))])
        return headers

    def _credentials(self) -> List[Tuple[KeyPlace, str]]:
        """Where the key and each setting given go, with their values (`ASK` for a key still to be asked)."""
        key = self._key_or_ask()
        given = [(setting.place, getattr(self, setting.name)) for setting in self._defaults.settings]
        return [(place, value) for place, value in [(self._defaults.key, key), *given] if value]

    def _key_or_ask(self) -> str:
        """The key to send ("" for none), or `ASK` when the `api_key` function is to be asked before each try."""
        return ASK if self._api_key_provider is not None else self._api_key

    def _build_request(self, options: RequestOptions, files: ExitStack) -> httpx.Request:
        ours = {name: value for place, value in self._credentials() for name, value in place.query(value).items()}
        given = {**ours, **self.default_query, **options.query}
        query: Any = {
            key: to_wire(value)
            for key, value in {**given, **(options.extra_query or {})}.items()
            if value is not None and not isinstance(value, NotGiven)  # `omit` too: it is a NotGiven
        }
        timeout = self.timeout if isinstance(options.timeout, NotGiven) else options.timeout
        # A path may carry a query of its own (`/responses?beta=true`); httpx would drop it for `params`.
        path, _, path_query = options.path.lstrip("/").partition("?")
        url = self._base_url_text + path
        params = httpx.QueryParams(path_query).merge(query)
        custom = custom_headers(self.default_headers, options.extra_headers)
        place = self._defaults.key
        if place.needed_for(options.keyless) and not self._key_or_ask() and not _carried(place, custom, query):
            raise ClientError(
                f"No API key, which {options.method.upper()} /{path} needs: pass api_key=...{place.given_as} to the "
                f"client or set the {self._defaults.api_key_env} environment variable."
            )
        headers = self._headers(options, custom)
        encoded = options.body.encode(files) if options.body is not None else None
        if encoded is not None:
            headers.update(encoded.headers)
        content = encoded.content if encoded is not None else None
        request = self._http.build_request(
            options.method.upper(),
            url,
            params=params or None,
            headers=headers,
            timeout=timeout,
            content=content if isinstance(content, bytes) else None,
        )
        if content is not None and not isinstance(content, bytes):
            # A stream goes in as a stream, so that `request.content` is what is sent. Given as
            # `content=`, httpx would wrap it in a one-shot iterator; set as `request.stream` after
            # building, it would leave the `b""` httpx read for "no content" as `request.content`.
            # So hooks and transports find it unread, as httpx's own streamed bodies: `read()`
            # gives its bytes (and then keeps them, to send), and a plain send streams it.
            request = httpx.Request(
                request.method, request.url, headers=request.headers, stream=content, extensions=request.extensions
            )
        # `Omit()` removes a header here, once httpx has added its own defaults (User-Agent...)
        # and the body its Content-Type, so it removes those too.
        for header, header_value in custom.items():
            if isinstance(header_value, Omit) and header in request.headers:
                del request.headers[header]
        request.extensions[KEY_EXTENSION] = self._defaults.key  # where logs and errors find the key, to hide it
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

    def __init__(self, *, http_client: Optional[httpx.AsyncClient], **settings: Any) -> None:
        if http_client is not None and not isinstance(http_client, httpx.AsyncClient):
            raise TypeError(
                f"http_client must be an httpx.AsyncClient for {type(self).__name__}, "
                f"not {type(http_client).__module__}.{type(http_client).__qualname__}"
            )
        super().__init__(**settings)  # first: bad settings make no pool
        self._pool: _Pool[httpx.AsyncClient] = (
            _Pool(self._new_pool(), self._new_pool) if http_client is None else _Pool(http_client)
        )
        self._sleep: Callable[[float], Any] = async_sleep

    @staticmethod
    def _new_pool() -> httpx.AsyncClient:
        return httpx.AsyncClient(**with_defaults({}))  # the settings `DefaultHttpxClient` and its twin have

    @property
    def _http(self) -> httpx.AsyncClient:
        """This process's connection pool."""
        return self._pool.get()

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
        self._check_open()
        with ExitStack() as files:
            request = self._build_request(options, files)
            response, retries_taken = await self._send(request, stream=options.stream, mode=mode)
        self._keep_pool_for(response)
        event_type = event_type if options.stream else None
        if mode == "raw":
            return AsyncAPIResponse(
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
        """The first successful answer, and how many retries it took; or the final error (also
        when a retry would have to send again a body that cannot be sent again)."""
        retries_taken = 0
        ask_key = self._defaults.key.asks(request)
        while True:
            if ask_key:
                await self._authorize(request)
            log_request(request, retries_taken)
            started = time.monotonic()
            outcome = await self._send_once(request, stream=stream, mode=mode)
            log_outcome(request, outcome, time.monotonic() - started, retries_taken)
            spent = _spent(request)
            if isinstance(outcome, httpx.Response):
                if outcome.is_success:
                    return outcome, retries_taken
                delay = None
                if retries_taken < self.max_retries and should_retry_status(outcome.status_code, outcome.headers):
                    delay = retry_delay(outcome.headers, retries_taken, random=self._random, now=self._now)
                if delay is None or spent:
                    raise _status_error(outcome, spent)
                await outcome.aclose()
            else:
                if retries_taken >= self.max_retries or isinstance(outcome, _NOT_RETRIED) or spent:
                    raise _connection_error(outcome, request, spent) from outcome
                delay = backoff_delay(retries_taken, self._random)
            log_retry(request, outcome, delay, retries_taken, self.max_retries)
            await self._sleep(delay)
            retries_taken += 1

    async def _authorize(self, request: httpx.Request) -> None:
        """Give `request` the key the `api_key` function returns now: asked before each try, so
        that a token can rotate, even between the tries of one call."""
        assert self._api_key_provider is not None
        self._set_provided_key(await self._api_key_provider(), request)

    async def _send_once(
        self, request: httpx.Request, *, stream: bool, mode: ResponseMode
    ) -> Union[httpx.Response, Exception]:
        """One try: the answer (its body read when `_needs_reading` says so), or what went wrong.
        The caller's upload failing (`UploadError`) is raised: it is no network failure to retry."""
        deadline = None if stream or mode == "raw_stream" else _deadline(request)
        try:
            response = await self._transmit(request)
        except UploadError as exc:
            raise exc from exc.failure
        except Exception as exc:  # httpx's errors, and anything a custom transport raises
            return exc
        if deadline is not None:
            response.stream = _Deadline(response.stream, deadline, request)
        if _needs_reading(response, stream=stream, mode=mode):
            try:
                if response.is_success:
                    await response.aread()
                else:
                    await self._read_error_body(response)
            except Exception as exc:  # cut short, bad gzip, past the deadline...
                await response.aclose()
                return exc
            response.stream = _READ
        return response

    async def _transmit(self, request: httpx.Request) -> httpx.Response:
        """`request` sent, redirects followed as the pool says, except those that would send
        again a body that cannot be sent again (307, 308): that answer is returned as it is."""
        pool = self._http
        body = request.stream
        if not pool.follow_redirects or not isinstance(body, UploadStream) or body.replayable:
            return await pool.send(request, stream=True)
        response = await pool.send(request, stream=True, follow_redirects=False)
        redirect = response.next_request
        if redirect is None or redirect.stream is body:  # no redirect, or one that needs the body again
            return response
        await response.aclose()
        return await pool.send(redirect, stream=True)  # a GET now (301, 302, 303): no body to send

    @staticmethod
    async def _read_error_body(response: httpx.Response) -> None:
        """Read a failed answer's body up to `ERROR_BODY_LIMIT` (the rest is never read), and close it."""
        if response.is_stream_consumed:  # an answer made whole (`httpx.MockTransport`, respx): it is read
            await response.aclose()
            return
        kept = _ErrorBody(response.headers)
        try:
            async for piece in response.aiter_raw() if kept.raw else response.aiter_bytes():
                if kept.add(piece):
                    break
        finally:
            await response.aclose()
        # What httpx keeps of a read body, and what `.content`, `.text` and `.json()` give.
        response._content = kept.content

    async def close(self) -> None:
        """Close the connection pool, which `with_options` copies share (a caller's `http_client` is
        left open)."""
        if self._pool.owned:
            await self._http.aclose()


# ---- sync twin: derived from the async code above by generator/render/unasync.py; do not edit ----


class APIClient(_ClientConfig):
    """The request machinery behind a generated async client (`AsyncImagesClient`...)."""

    def __init__(self, *, http_client: Optional[httpx.Client], **settings: Any) -> None:
        if http_client is not None and not isinstance(http_client, httpx.Client):
            raise TypeError(
                f"http_client must be an httpx.Client for {type(self).__name__}, "
                f"not {type(http_client).__module__}.{type(http_client).__qualname__}"
            )
        super().__init__(**settings)  # first: bad settings make no pool
        self._pool: _Pool[httpx.Client] = (
            _Pool(self._new_pool(), self._new_pool) if http_client is None else _Pool(http_client)
        )
        self._sleep: Callable[[float], Any] = time.sleep

    @staticmethod
    def _new_pool() -> httpx.Client:
        return httpx.Client(**with_defaults({}))  # the settings `DefaultHttpxClient` and its twin have

    @property
    def _http(self) -> httpx.Client:
        """This process's connection pool."""
        return self._pool.get()

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
        self._check_open()
        with ExitStack() as files:
            request = self._build_request(options, files)
            response, retries_taken = self._send(request, stream=options.stream, mode=mode)
        self._keep_pool_for(response)
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
        """The first successful answer, and how many retries it took; or the final error (also
        when a retry would have to send again a body that cannot be sent again)."""
        retries_taken = 0
        ask_key = self._defaults.key.asks(request)
        while True:
            if ask_key:
                self._authorize(request)
            log_request(request, retries_taken)
            started = time.monotonic()
            outcome = self._send_once(request, stream=stream, mode=mode)
            log_outcome(request, outcome, time.monotonic() - started, retries_taken)
            spent = _spent(request)
            if isinstance(outcome, httpx.Response):
                if outcome.is_success:
                    return outcome, retries_taken
                delay = None
                if retries_taken < self.max_retries and should_retry_status(outcome.status_code, outcome.headers):
                    delay = retry_delay(outcome.headers, retries_taken, random=self._random, now=self._now)
                if delay is None or spent:
                    raise _status_error(outcome, spent)
                outcome.close()
            else:
                if retries_taken >= self.max_retries or isinstance(outcome, _NOT_RETRIED) or spent:
                    raise _connection_error(outcome, request, spent) from outcome
                delay = backoff_delay(retries_taken, self._random)
            log_retry(request, outcome, delay, retries_taken, self.max_retries)
            self._sleep(delay)
            retries_taken += 1

    def _authorize(self, request: httpx.Request) -> None:
        """Give `request` the key the `api_key` function returns now: asked before each try, so
        that a token can rotate, even between the tries of one call."""
        assert self._api_key_provider is not None
        self._set_provided_key(self._api_key_provider(), request)

    def _send_once(
        self, request: httpx.Request, *, stream: bool, mode: ResponseMode
    ) -> Union[httpx.Response, Exception]:
        """One try: the answer (its body read when `_needs_reading` says so), or what went wrong.
        The caller's upload failing (`UploadError`) is raised: it is no network failure to retry."""
        deadline = None if stream or mode == "raw_stream" else _deadline(request)
        try:
            response = self._transmit(request)
        except UploadError as exc:
            raise exc from exc.failure
        except Exception as exc:  # httpx's errors, and anything a custom transport raises
            return exc
        if deadline is not None:
            response.stream = _Deadline(response.stream, deadline, request)
        if _needs_reading(response, stream=stream, mode=mode):
            try:
                if response.is_success:
                    response.read()
                else:
                    self._read_error_body(response)
            except Exception as exc:  # cut short, bad gzip, past the deadline...
                response.close()
                return exc
            response.stream = _READ
        return response

    def _transmit(self, request: httpx.Request) -> httpx.Response:
        """`request` sent, redirects followed as the pool says, except those that would send
        again a body that cannot be sent again (307, 308): that answer is returned as it is."""
        pool = self._http
        body = request.stream
        if not pool.follow_redirects or not isinstance(body, UploadStream) or body.replayable:
            return pool.send(request, stream=True)
        response = pool.send(request, stream=True, follow_redirects=False)
        redirect = response.next_request
        if redirect is None or redirect.stream is body:  # no redirect, or one that needs the body again
            return response
        response.close()
        return pool.send(redirect, stream=True)  # a GET now (301, 302, 303): no body to send

    @staticmethod
    def _read_error_body(response: httpx.Response) -> None:
        """Read a failed answer's body up to `ERROR_BODY_LIMIT` (the rest is never read), and close it."""
        if response.is_stream_consumed:  # an answer made whole (`httpx.MockTransport`, respx): it is read
            response.close()
            return
        kept = _ErrorBody(response.headers)
        try:
            for piece in response.iter_raw() if kept.raw else response.iter_bytes():
                if kept.add(piece):
                    break
        finally:
            response.close()
        # What httpx keeps of a read body, and what `.content`, `.text` and `.json()` give.
        response._content = kept.content

    def close(self) -> None:
        """Close the connection pool, which `with_options` copies share (a caller's `http_client` is
        left open)."""
        if self._pool.owned:
            self._http.close()


# ---- end of the sync twin ----
