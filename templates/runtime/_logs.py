# Runtime of images-sdk-generator, copied into each generated client with this line as its header.
"""Logging: what the client sends and what comes back, through the standard `logging` module.

Records go to the package's own logger (named after the package, wherever it is vendored) and
propagate as usual, so an application's logging configuration shows them. The environment
variable a client names (`OPENAI_LOG`, say), set to `info` or `debug` when a client is made,
sets that logger's level; when the application has configured no logging at all, it also sends
records to stderr, so that setting it is enough to see them.

- `info`: each try's answer (method, URL, status, time taken, request id, which retry it was),
  a try that failed without an answer, and each retry with its delay and its reason;
- `debug`: also each request before it is sent, and the headers of requests and answers.

Secrets are not logged: the values of headers that carry credentials (`Authorization`,
`api-key`, cookies, anything named like a key, token or secret) and of query parameters named
like one are `<redacted>`, and the API key is removed wherever else it shows up.
"""

from __future__ import annotations

import logging
import os
import re
from typing import Dict, Optional, Union

import httpx

from ._exceptions import REDACTED, request_secret

__all__ = ["logger", "setup_logging", "log_request", "log_outcome", "log_retry", "shown_headers", "shown_url"]

logger = logging.getLogger(__package__ or __name__)

_LEVELS = {
    "debug": logging.DEBUG,
    "info": logging.INFO,
    "warning": logging.WARNING,
    "error": logging.ERROR,
    "critical": logging.CRITICAL,
}
_SENSITIVE_HEADERS = frozenset(
    {"authorization", "proxy-authorization", "api-key", "x-api-key", "cookie", "set-cookie", "x-amz-security-token"}
)
# Names that say "credential" in gateways' own headers and query parameters
# (`Ocp-Apim-Subscription-Key`, `x-goog-api-key`, `access_token`, a SAS URL's `sig`).
_SENSITIVE_WORDS = re.compile(
    r"auth|key|token|secret|passw|cookie|credential|session|signature|(?:^|[-_])sig(?:$|[-_])", re.IGNORECASE
)


def setup_logging(env: str) -> None:
    """Apply the level named by the environment variable `env`, if it names one."""
    level = _LEVELS.get(os.environ.get(env, "").strip().lower())
    if level is None:
        return
    if not logging.getLogger().handlers:  # the application configured nothing: show records on stderr
        logging.basicConfig(format="[%(asctime)s %(name)s %(levelname)s] %(message)s")
    logger.setLevel(level)


def _sensitive(name: str) -> bool:
    return name.lower() in _SENSITIVE_HEADERS or _SENSITIVE_WORDS.search(name) is not None


def _scrub(text: str, secret: Optional[str]) -> str:
    return text.replace(secret, REDACTED) if secret else text


def shown_headers(headers: httpx.Headers, secret: Optional[str] = None) -> Dict[str, str]:
    """`headers` as they may be logged: credentials redacted, `secret` removed from the rest."""
    return {name: REDACTED if _sensitive(name) else _scrub(value, secret) for name, value in headers.items()}


def shown_url(url: httpx.URL, secret: Optional[str] = None) -> str:
    """`url` as it may be logged: the values of query parameters named like credentials redacted."""
    params = url.params
    if any(_sensitive(name) for name in params.keys()):
        url = url.copy_with(
            params=[(name, REDACTED if _sensitive(name) else value) for name, value in params.multi_items()]
        )
    return _scrub(str(url), secret)


def _retry_note(retries_taken: int) -> str:
    return f" (retry {retries_taken})" if retries_taken else ""


def log_request(request: httpx.Request, retries_taken: int) -> None:
    """At debug: `request`, about to be sent."""
    if not logger.isEnabledFor(logging.DEBUG):
        return
    secret = request_secret(request)
    logger.debug(
        "Sending %s %s%s, headers: %s",
        request.method,
        shown_url(request.url, secret),
        _retry_note(retries_taken),
        shown_headers(request.headers, secret),
    )


def log_outcome(
    request: httpx.Request, outcome: Union[httpx.Response, Exception], seconds: float, retries_taken: int
) -> None:
    """At info: what one try of `request` came to, an answer or a failure; at debug, the answer's headers."""
    if not logger.isEnabledFor(logging.INFO):
        return
    secret = request_secret(request)
    url = shown_url(request.url, secret)
    if isinstance(outcome, httpx.Response):
        request_id = outcome.headers.get("x-request-id")
        logger.info(
            '%s %s "%d %s" in %.3f s%s%s',
            request.method,
            url,
            outcome.status_code,
            outcome.reason_phrase,
            seconds,
            f", request id {request_id}" if request_id else "",
            _retry_note(retries_taken),
        )
        if logger.isEnabledFor(logging.DEBUG):
            logger.debug("Answer headers: %s", shown_headers(outcome.headers, secret))
    else:
        logger.info(
            "%s %s failed in %.3f s%s: %s",
            request.method,
            url,
            seconds,
            _retry_note(retries_taken),
            _scrub(f"{type(outcome).__name__}: {outcome}", secret),
        )


def log_retry(
    request: httpx.Request, outcome: Union[httpx.Response, Exception], delay: float, retries_taken: int, limit: int
) -> None:
    """At info: `request` is to be sent again after `delay` seconds, because of `outcome`."""
    if not logger.isEnabledFor(logging.INFO):
        return
    reason = f"status {outcome.status_code}" if isinstance(outcome, httpx.Response) else type(outcome).__name__
    logger.info(
        "Retrying %s %s in %.3f s (retry %d of %d): %s",
        request.method,
        shown_url(request.url, request_secret(request)),
        delay,
        retries_taken + 1,
        limit,
        reason,
    )
