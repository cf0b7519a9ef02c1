# Runtime of images-sdk-generator, copied into each generated client with this line as its header.
"""Checks of what callers pass: the API key, `base_url`, timeouts, `max_retries`, headers.

Each check runs where the value is given (the constructor, `with_options`, a setter, a method
call), so a bad value fails at once, before anything is sent, with an error that names the
argument, or the environment variable it came from. Our own errors are never retried.
Wrong types are `TypeError`s, wrong values `ValueError`s; a bad API key is a `ClientError`.

Secrets are never shown: not the API key, not a header's value, not a password or query in a
URL; messages say where the problem is instead.

One rule for every header value, the API key's included: `str` in ASCII, or `bytes` sent as
they are; no control characters (line breaks, NUL, tabs...) and no whitespace at either end,
which HTTP/1.1 would reject or misread. Non-ASCII text is refused rather than encoded, since
servers disagree on the encoding: pass `bytes` to choose one.
"""

from __future__ import annotations

import math
import re
from typing import Optional, Tuple, Union

import httpx

from ._credentials import BEARER, KeyPlace
from ._exceptions import ClientError
from ._types import Timeout

__all__ = ["check_api_key", "check_base_url", "check_header", "check_max_retries", "check_timeout"]

# RFC 9110 token characters: anything else (a space, a colon, a line break) breaks the header.
_HEADER_NAME = re.compile(r"[!#$%&'*+\-.^_`|~0-9A-Za-z]+")
_CONTROL = re.compile("[\x00-\x1f\x7f]")
_TIMEOUT_PARTS = ("connect", "read", "write", "pool")


def check_timeout(value: object, name: str = "timeout") -> Timeout:
    """`value` as a timeout: seconds (`inf` becomes `None`, no limit), an `httpx.Timeout`, or `None`."""
    if isinstance(value, httpx.Timeout):
        parts = {part: _seconds(getattr(value, part), f"{name}.{part}") for part in _TIMEOUT_PARTS}
        if all(parts[part] == getattr(value, part) for part in _TIMEOUT_PARTS):
            return value
        return httpx.Timeout(**parts)
    return _seconds(value, name)


def _seconds(value: object, name: str) -> Optional[float]:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"{name} must be a number of seconds, an httpx.Timeout or None, not {type(value).__name__}")
    if math.isnan(value) or value < 0:
        raise ValueError(f"{name} must be 0 seconds or more (None or math.inf for no limit), not {value!r}")
    return None if math.isinf(value) else value


def check_max_retries(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"max_retries must be an int (0 for no retries), not {value!r}")
    if value < 0:
        raise ValueError(f"max_retries must be 0 or more, not {value!r}")
    return value


def check_header(name: object, value: object) -> None:
    """Refuse a header that the request could not carry as given (the value is never shown)."""
    if not isinstance(name, str):
        raise TypeError(f"a header name must be a str, not {type(name).__name__}")
    if not _HEADER_NAME.fullmatch(name):
        raise ValueError(f"{name!r} is not a valid HTTP header name (letters, digits and !#$%&'*+-.^_`|~ only)")
    if not isinstance(value, (str, bytes)):
        raise TypeError(f"the value of header {name!r} must be a str or bytes, not {type(value).__name__}")
    problem = _value_problem(value)
    if problem is not None:
        kind, position = problem
        hint = " (pass bytes to choose how it is encoded)" if kind == _NON_ASCII else ""
        raise ValueError(f"the value of header {name!r} has {kind} at position {position}, so it cannot be sent{hint}")


def check_api_key(key: object, source: str, env: str, place: KeyPlace = BEARER) -> str:
    """`key` if it can be sent where `place` puts it; else a clear error that does not show it."""
    if not key:
        raise ClientError(
            f"No API key: pass api_key=...{place.given_as} to the client or set the {env} environment variable."
        )
    if not isinstance(key, str):
        raise TypeError(f"api_key must be a str, not {type(key).__name__}")
    problem = _value_problem(key)
    if problem is not None:
        kind, position = problem
        trailing = position == len(key) and kind in ("a line break", "whitespace at the end")
        hint = " Was it read from a file with a trailing newline?" if trailing else ""
        raise ClientError(
            f"The API key ({source}) has {kind} at position {position} of {len(key)}, so it cannot be sent in an "
            f"HTTP header.{hint} (The key is not shown.)"
        )
    misfit = place.misfit(key)
    if misfit is not None:
        raise ClientError(f"The API key ({source}) {misfit}. (The key is not shown.)")
    return key


_NON_ASCII = "a non-ASCII character"


def _value_problem(value: Union[str, bytes]) -> Optional[Tuple[str, int]]:
    """What keeps `value` from being sent as a header value, and its position (from 1); None if nothing."""
    text = value.decode("latin-1") if isinstance(value, bytes) else value  # one byte, one character
    control = _CONTROL.search(text)
    if control is not None and control.group() in "\r\n":
        return "a line break", control.start() + 1
    if text.startswith((" ", "\t")):  # HTTP's whitespace; the other kinds are control characters
        return "whitespace at the start", 1
    if text.endswith((" ", "\t")):
        return "whitespace at the end", len(text)
    if control is not None:
        return "a control character", control.start() + 1
    if isinstance(value, str) and not value.isascii():
        return _NON_ASCII, next(index for index, char in enumerate(value) if not char.isascii()) + 1
    return None


def check_base_url(url: Union[str, httpx.URL], source: str) -> httpx.URL:
    """`url` as the base of every request's URL, with exactly one trailing slash so that paths
    join below it; else a `ValueError` naming `source` (`base_url`, or an environment variable)."""
    text = str(url)
    shown = _shown(text)
    parsed = _parse(text)
    if parsed is None:
        raise ValueError(f"{source} is not a valid URL: {shown!r}")
    if parsed.is_relative_url:
        raise ValueError(f"{source} must be an absolute URL such as https://api.example.com/v1, got {shown!r}")
    if parsed.scheme not in ("http", "https"):
        raise ValueError(f"{source} must start with http:// or https://, got {shown!r}")
    if parsed.userinfo:
        raise ValueError(
            f"{source} has a user name or password in it (not shown): they would replace the API key with Basic "
            f"auth. Remove them: {shown!r}"
        )
    if "?" in str(parsed):
        raise ValueError(
            f"{source} has a query (not shown): each request's path would end up inside it. Pass query "
            f"parameters with extra_query instead: {shown!r}"
        )
    if "#" in str(parsed):
        raise ValueError(f"{source} has a fragment (#...), which would swallow each request's path: {shown!r}")
    return parsed.copy_with(raw_path=parsed.raw_path.rstrip(b"/") + b"/")


def _parse(text: str) -> Optional[httpx.URL]:
    """`text` as a URL, or None. Stricter than httpx, which accepts (and percent-encodes) a host
    with a space in it, and a port past 65535."""
    if _CONTROL.search(text) or any(char.isspace() for char in text):
        return None
    try:
        parsed = httpx.URL(text)
    except httpx.InvalidURL:  # returned, not raised from here: its message may hold a password
        return None
    if parsed.port is not None and not 0 < parsed.port < 65536:
        return None
    return parsed


def _shown(url: str) -> str:
    """`url` without what may be secret: a user name and password, a query, a fragment."""
    start = url.index("//") + 2 if "//" in url else 0
    slash = url.find("/", start)
    at = url.rfind("@", start, slash if slash >= 0 else len(url))
    if at >= 0:
        url = url[:start] + url[at + 1 :]
    return re.split("[?#]", url, maxsplit=1)[0]
