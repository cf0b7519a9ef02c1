# Generated from spec/openapi.yaml by images-sdk-generator. Do not edit; run `make generate`.
"""Images API: a typed Python client.

from images_client import ImagesClient

client = ImagesClient()  # reads OPENAI_API_KEY
"""

import importlib
from typing import TYPE_CHECKING

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
    ClientError,
    ConflictError,
    InternalServerError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    UnprocessableEntityError,
)
from ._response import APIResponse, AsyncStreamedAPIResponse, StreamedAPIResponse
from ._streaming import AsyncStream, Stream
from ._types import NOT_GIVEN, FileTypes, NotGiven, Omit
from ._version import __title__, __version__

ImagesClientError = ClientError  # the base of every error, by the client's name

if TYPE_CHECKING:
    from . import types as types
    from ._models import BaseModel as BaseModel, UnknownEvent as UnknownEvent

__all__ = [
    "types",
    "ImagesClient",
    "AsyncImagesClient",
    "DEFAULT_MAX_RETRIES",
    "DEFAULT_TIMEOUT",
    "ClientError",
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
    "StreamedAPIResponse",
    "AsyncStreamedAPIResponse",
    "Stream",
    "AsyncStream",
    "NOT_GIVEN",
    "NotGiven",
    "Omit",
    "FileTypes",
    "__title__",
    "__version__",
]


def __getattr__(name: str) -> object:
    # The models load pydantic, the slowest import of all; `import images_client` stays quick
    # and pays for it on first use (the first parsed answer, or `images_client.types`).
    # import_module, not `from . import types`: that form asks this very hook first, forever.
    if name == "types":
        return importlib.import_module(f"{__name__}.types")
    if name in ("BaseModel", "UnknownEvent"):
        return getattr(importlib.import_module(f"{__name__}._models"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
