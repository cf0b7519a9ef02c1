# Generated from spec/openapi.yaml by images-sdk-generator. Do not edit; run `make generate`.
"""Images API: a typed Python client.

from images_client import ImagesClient

client = ImagesClient()  # reads OPENAI_API_KEY
"""

from . import types
from ._base_client import DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT
from ._client import AsyncImagesClient, ImagesClient
from ._exceptions import (
    APIConnectionError,
    APIError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    ConflictError,
    ImagesClientError,
    InternalServerError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    UnprocessableEntityError,
)
from ._models import BaseModel, UnknownEvent
from ._response import APIResponse, AsyncAPIResponse
from ._streaming import AsyncStream, Stream
from ._types import NOT_GIVEN, FileTypes, NotGiven, Omit
from ._version import __title__, __version__

__all__ = [
    "types",
    "ImagesClient",
    "AsyncImagesClient",
    "DEFAULT_MAX_RETRIES",
    "DEFAULT_TIMEOUT",
    "ImagesClientError",
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
    "BaseModel",
    "UnknownEvent",
    "APIResponse",
    "AsyncAPIResponse",
    "Stream",
    "AsyncStream",
    "NOT_GIVEN",
    "NotGiven",
    "Omit",
    "FileTypes",
    "__title__",
    "__version__",
]
