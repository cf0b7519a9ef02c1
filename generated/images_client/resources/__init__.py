# Generated from spec/openapi.yaml by images-sdk-generator. Do not edit; run `make generate`.
"""The API's resources, one module each."""

from .images import AsyncImages, Images

__all__ = [
    "Images",
    "AsyncImages",
]
