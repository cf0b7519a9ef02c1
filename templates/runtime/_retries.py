# Runtime of images-sdk-generator, copied into each generated client with this line as its header.
"""When to retry a failed request, and how long to wait first. Pure functions, no I/O.

Every header value here comes from a server, so every one is read defensively: a value that
cannot be read (not a number, `inf`, a date past year 9999) counts as absent, never as an error.
"""

from __future__ import annotations

import email.utils
import math
from typing import Callable, Mapping, Optional

RETRYABLE_STATUSES = frozenset({408, 409, 429})
INITIAL_DELAY = 0.5
MAX_DELAY = 8.0
MAX_RETRY_AFTER = 120.0
# 0.5 * 2**4 already exceeds MAX_DELAY; capping the exponent keeps huge retry counts finite.
_MAX_EXPONENT = 16


def should_retry_status(status_code: int, headers: Mapping[str, str]) -> bool:
    """Retry 408, 409, 429 and 5xx, unless `x-should-retry` says otherwise."""
    override = headers.get("x-should-retry")
    if override == "true":
        return True
    if override == "false":
        return False
    return status_code in RETRYABLE_STATUSES or status_code >= 500


def retry_after(headers: Mapping[str, str], now: Callable[[], float]) -> Optional[float]:
    """Seconds the server asked us to wait, from `retry-after-ms` or `retry-after`; None if unreadable."""
    millis = _finite_number(headers.get("retry-after-ms"))
    if millis is not None:
        return millis / 1000
    value = headers.get("retry-after")
    if value is None:
        return None
    seconds = _finite_number(value)
    if seconds is not None:
        return seconds
    try:
        parsed = email.utils.parsedate_tz(value)
        if parsed is None:
            return None
        return float(email.utils.mktime_tz(parsed)) - now()
    except (ValueError, OverflowError, IndexError, TypeError):  # e.g. a year past 9999
        return None


def _finite_number(value: Optional[str]) -> Optional[float]:
    if value is None:
        return None
    try:
        number = float(value)
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def retry_delay(
    headers: Mapping[str, str],
    retries_taken: int,
    *,
    random: Callable[[], float],
    now: Callable[[], float],
) -> Optional[float]:
    """Seconds to sleep before the next try, or None when the server asked for too long a wait.

    A Retry-After in (0, 120] is honoured exactly; over 120 s means "do not retry";
    anything else falls back to `min(0.5 * 2**retries_taken, 8) * (1 - 0.25 * random())`.
    """
    asked = retry_after(headers, now)
    if asked is not None and asked > 0:
        return asked if asked <= MAX_RETRY_AFTER else None
    return backoff_delay(retries_taken, random)


def backoff_delay(retries_taken: int, random: Callable[[], float]) -> float:
    exponent = min(retries_taken, _MAX_EXPONENT)
    return min(INITIAL_DELAY * 2.0**exponent, MAX_DELAY) * (1 - 0.25 * random())
