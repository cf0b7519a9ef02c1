# Runtime of images-sdk-generator, copied into each generated client with this line as its header.
"""When to retry a failed request, and how long to wait first. Pure functions, no I/O.

Every header value here comes from a server, so every one is read defensively: a value that
cannot be read (not a number, a date past year 9999) counts as absent, never as an error. The
numbers are read exactly as the official `openai` package reads them (see `retry_after`), so both
clients retry the same answers after the same waits.
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
# How `float()` spells infinity; any other text that reads as infinity is a number too large for a float.
_INFINITY = frozenset({"inf", "+inf", "infinity", "+infinity"})


def should_retry_status(status_code: int, headers: Mapping[str, str]) -> bool:
    """Retry 408, 409, 429 and 5xx, unless `x-should-retry` says otherwise."""
    override = headers.get("x-should-retry")
    if override == "true":
        return True
    if override == "false":
        return False
    return status_code in RETRYABLE_STATUSES or status_code >= 500


def retry_after(headers: Mapping[str, str], now: Callable[[], float]) -> Optional[float]:
    """Seconds the server asked us to wait; None when it did not say, or said it unreadably.

    `retry-after-ms` (milliseconds) comes first, then `retry-after` (seconds), each read by
    `float()`, so spaces, `1_000`, `nan` or `-3` are read as Python reads them; the first header
    that reads as a number decides, even when the number is of no use (`nan`: a backoff). A number
    too large for a float (`1e400`) is a wait too long to make, not infinity: it stands for just
    over `MAX_RETRY_AFTER` seconds, so the answer is not retried. Last, `retry-after` may be an
    HTTP date.
    """
    for name, per_second in (("retry-after-ms", 1000.0), ("retry-after", 1.0)):
        value = headers.get(name)
        if value is None:
            continue
        try:
            number = float(value)
        except ValueError:
            continue
        if number == math.inf and value.strip().lower() not in _INFINITY:
            return MAX_RETRY_AFTER + 1
        return number / per_second
    return _date_from_now(headers.get("retry-after"), now)


def _date_from_now(value: Optional[str], now: Callable[[], float]) -> Optional[float]:
    if not value:
        return None
    try:
        parsed = email.utils.parsedate_tz(value)
        if parsed is None:
            return None
        return float(email.utils.mktime_tz(parsed) - now())
    except (ValueError, OverflowError, OSError, IndexError, TypeError):  # e.g. a year past 9999
        return None


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
    if asked is not None and math.isfinite(asked) and asked > 0:
        return asked if asked <= MAX_RETRY_AFTER else None
    return backoff_delay(retries_taken, random)


def backoff_delay(retries_taken: int, random: Callable[[], float]) -> float:
    exponent = min(retries_taken, _MAX_EXPONENT)
    return min(INITIAL_DELAY * 2.0**exponent, MAX_DELAY) * (1 - 0.25 * random())
