# Runtime of images-sdk-generator, copied into each generated client with this line as its header.
"""Every error the client raises. All derive from `ClientError`.

No error shows the API key: an `APIError` removes the key its own request carries (wherever the
client put it: see `_credentials.py`) from its message and body, whoever built it (a status error,
a stream's error event, a failed connection).
"""

from __future__ import annotations

from typing import Any, List, Optional

import httpx

from ._credentials import key_place_of

__all__ = [
    "ClientError",
    "APIError",
    "APIStatusError",
    "BadRequestError",
    "AuthenticationError",
    "PermissionDeniedError",
    "NotFoundError",
    "ConflictError",
    "UnprocessableEntityError",
    "RateLimitError",
    "InternalServerError",
    "APIConnectionError",
    "APITimeoutError",
    "APIResponseValidationError",
]

REDACTED = "<redacted>"
# Shorter "keys" (test doubles such as "sk") are not secrets, and redacting them would mangle text.
_MIN_SECRET_LENGTH = 8


class ClientError(Exception):
    """Base of every error this package raises (a missing API key, too).

    A generated package also exports it under its client's name (`ImagesClientError`)."""


class APIError(ClientError):
    """The API, or the connection to it, failed a request.

    `body` is the decoded error body (the inner `error` object when there is one);
    `code`, `param` and `type` are read from it when present.
    """

    message: str
    request: Optional[httpx.Request]
    body: object
    code: Optional[str]
    param: Optional[str]
    type: Optional[str]

    def __init__(self, message: str, request: Optional[httpx.Request] = None, *, body: object = None) -> None:
        secret = request_secret(request)
        if secret is not None:
            message = message.replace(secret, REDACTED)
            body = redact(body, secret)
        super().__init__(message)
        self.message = message
        self.request = request
        self.body = body
        fields: dict[str, Any] = body if isinstance(body, dict) else {}
        self.code = _optional_str(fields.get("code"))
        self.param = _optional_str(fields.get("param"))
        self.type = _optional_str(fields.get("type"))

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.message!r})"


class APIResponseValidationError(APIError):
    """The API answered with something the client cannot read (bad JSON, wrong content type)."""

    response: httpx.Response
    status_code: int

    def __init__(self, response: httpx.Response, message: str, *, body: object = None) -> None:
        super().__init__(message, response.request, body=body)
        self.response = response
        self.status_code = response.status_code


class APIStatusError(APIError):
    """The API answered with a 4xx or 5xx status.

    `request_id` is the answer's `x-request-id` header (None without one): quote it to support.
    """

    response: httpx.Response
    status_code: int
    request_id: Optional[str]

    def __init__(self, message: str, *, response: httpx.Response, body: object) -> None:
        super().__init__(message, response.request, body=body)
        self.response = response
        self.status_code = response.status_code
        self.request_id = response.headers.get("x-request-id")


class BadRequestError(APIStatusError):
    """400"""


class AuthenticationError(APIStatusError):
    """401"""


class PermissionDeniedError(APIStatusError):
    """403"""


class NotFoundError(APIStatusError):
    """404"""


class ConflictError(APIStatusError):
    """409"""


class UnprocessableEntityError(APIStatusError):
    """422"""


class RateLimitError(APIStatusError):
    """429"""


class InternalServerError(APIStatusError):
    """500 and above"""


class APIConnectionError(APIError):
    """The request never got an answer: refused, reset, or cut mid-way."""

    def __init__(self, *, message: str = "Connection error.", request: Optional[httpx.Request] = None) -> None:
        super().__init__(message, request)


class APITimeoutError(APIConnectionError):
    """The request took longer than its timeout."""

    def __init__(self, request: Optional[httpx.Request] = None) -> None:
        super().__init__(message="Request timed out.", request=request)


_STATUS_ERRORS: dict[int, type[APIStatusError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    422: UnprocessableEntityError,
    429: RateLimitError,
}


def status_error_class(status_code: int) -> type[APIStatusError]:
    if status_code >= 500:
        return InternalServerError
    return _STATUS_ERRORS.get(status_code, APIStatusError)


def _optional_str(value: object) -> Optional[str]:
    return value if isinstance(value, str) else None if value is None else str(value)


def request_secret(request: Optional[httpx.Request]) -> Optional[str]:
    """The key a request carries, if it is long enough to be a real secret."""
    if request is None:
        return None
    token = key_place_of(request).secret(request)
    return token if token is not None and len(token) >= _MIN_SECRET_LENGTH else None


def redact(value: object, secret: str) -> Any:
    """`value` with `secret` replaced in every string; dicts and lists are changed in place.

    Iterative, so a deeply nested body cannot exhaust the stack.
    """
    if isinstance(value, str):
        return value.replace(secret, REDACTED)
    stack: List[object] = [value]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            for key in list(node):
                item = node[key]
                if isinstance(key, str) and secret in key:
                    del node[key]
                    key = key.replace(secret, REDACTED)
                if isinstance(item, str):
                    node[key] = item.replace(secret, REDACTED)
                else:
                    node[key] = item
                    stack.append(item)
        elif isinstance(node, list):
            for index, item in enumerate(node):
                if isinstance(item, str):
                    node[index] = item.replace(secret, REDACTED)
                else:
                    stack.append(item)
    return value


def scrub_cause(exc: BaseException, request: Optional[httpx.Request]) -> BaseException:
    """`exc` (about to be chained as a cause) with the request's secret removed from its arguments."""
    secret = request_secret(request)
    if secret is not None and any(isinstance(arg, str) and secret in arg for arg in exc.args):
        exc.args = tuple(arg.replace(secret, REDACTED) if isinstance(arg, str) else arg for arg in exc.args)
    return exc


def connection_error(exc: BaseException, request: httpx.Request, message: str) -> APIConnectionError:
    """The client's error for a transport failure `exc` (its cause, the secret scrubbed from it):
    `APITimeoutError` for a timeout, else `APIConnectionError` with `message`."""
    scrub_cause(exc, request)
    if isinstance(exc, httpx.TimeoutException):
        return APITimeoutError(request)
    return APIConnectionError(message=message, request=request)
