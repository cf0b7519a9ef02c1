# Runtime of images-sdk-generator, copied into each generated client with this line as its header.
"""The httpx clients the package makes, with its defaults: timeout, connection limits, redirects.

`DefaultHttpxClient` and `DefaultAsyncHttpxClient` are what a caller builds to pass as
`http_client=` with a proxy, a transport or event hooks of their own: a plain `httpx.Client`
would bring httpx's defaults instead (a 5 s timeout, redirects not followed). Any argument given
replaces the default of that name; the client makes its own pool with the same settings.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Dict

import httpx

__all__ = [
    "DEFAULT_TIMEOUT",
    "DEFAULT_CONNECTION_LIMITS",
    "DefaultHttpxClient",
    "DefaultAsyncHttpxClient",
    "with_defaults",
]

DEFAULT_TIMEOUT = httpx.Timeout(600.0, connect=5.0)
DEFAULT_CONNECTION_LIMITS = httpx.Limits(max_connections=1000, max_keepalive_connections=100)


def with_defaults(options: Dict[str, Any]) -> Dict[str, Any]:
    """The options of an httpx client: `options`, and our default for each one not given."""
    options.setdefault("timeout", DEFAULT_TIMEOUT)
    options.setdefault("limits", DEFAULT_CONNECTION_LIMITS)
    options.setdefault("follow_redirects", True)
    return options


class _DefaultHttpxClient(httpx.Client):
    """An `httpx.Client` with this package's defaults, for `http_client=`."""

    def __init__(self, **options: Any) -> None:
        super().__init__(**with_defaults(options))


class _DefaultAsyncHttpxClient(httpx.AsyncClient):
    """An `httpx.AsyncClient` with this package's defaults, for the async client's `http_client=`."""

    def __init__(self, **options: Any) -> None:
        super().__init__(**with_defaults(options))


if TYPE_CHECKING:
    # To type checkers they are httpx's own classes, so that every argument is checked by its name.
    DefaultHttpxClient = httpx.Client
    DefaultAsyncHttpxClient = httpx.AsyncClient
else:
    DefaultHttpxClient = _DefaultHttpxClient
    DefaultAsyncHttpxClient = _DefaultAsyncHttpxClient
