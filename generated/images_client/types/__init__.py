# Generated from spec/openapi.yaml by images-sdk-generator. Do not edit; run `make generate`.
"""Response models and the named types of Images API."""

from __future__ import annotations

from typing import Annotated, List, Literal, Optional, Union
from typing_extensions import TypeAliasType
from pydantic import Field
from .._models import BaseModel


class Image(BaseModel):
    """One image the API made, as base64 data or as a URL."""

    b64_json: Optional[str] = None
    """
    The image as base64. Always present for GPT image models; for `dall-e-2` and `dall-e-3` only
    when `response_format` is `b64_json`.
    """

    revised_prompt: Optional[str] = None
    """The prompt `dall-e-3` actually used, after rewriting yours."""

    url: Optional[str] = None
    """
    Where to download the image, for `dall-e-2` and `dall-e-3` with `response_format` `url` (the
    default). GPT image models never return one.
    """


class ImageEditPartialImageEvent(BaseModel):
    """A partial image, sent while an edit is still in progress."""

    b64_json: str
    """The partial image as base64, ready to display."""

    background: Literal["transparent", "opaque", "auto"]
    """The background asked for."""

    created_at: int
    """When the event was made, as a Unix timestamp."""

    output_format: Literal["png", "webp", "jpeg"]
    """The output format asked for."""

    partial_image_index: int
    """Position of this partial image, counting from 0."""

    quality: Literal["low", "medium", "high", "auto"]
    """The quality asked for."""

    size: Literal["1024x1024", "1024x1536", "1536x1024", "auto"]
    """The size asked for."""

    type: Literal["image_edit.partial_image"]
    """Always `image_edit.partial_image`."""


class ImageGenInputUsageDetails(BaseModel):
    """How the input tokens split between images and text."""

    image_tokens: int
    """Tokens spent on input images."""

    text_tokens: int
    """Tokens spent on the prompt text."""


class ImageGenOutputTokensDetails(BaseModel):
    """How the output tokens split between images and text."""

    image_tokens: int
    """Tokens spent on output images."""

    text_tokens: int
    """Tokens spent on output text."""


class ImageGenPartialImageEvent(BaseModel):
    """A partial image, sent while a generation is still in progress."""

    b64_json: str
    """The partial image as base64, ready to display."""

    background: Literal["transparent", "opaque", "auto"]
    """The background asked for."""

    created_at: int
    """When the event was made, as a Unix timestamp."""

    output_format: Literal["png", "webp", "jpeg"]
    """The output format asked for."""

    partial_image_index: int
    """Position of this partial image, counting from 0."""

    quality: Literal["low", "medium", "high", "auto"]
    """The quality asked for."""

    size: Literal["1024x1024", "1024x1536", "1536x1024", "auto"]
    """The size asked for."""

    type: Literal["image_generation.partial_image"]
    """Always `image_generation.partial_image`."""


class ImageGenUsage(BaseModel):
    """Tokens a GPT image model used for the request."""

    input_tokens: int
    """Tokens in the input, text and images together."""

    input_tokens_details: ImageGenInputUsageDetails

    output_tokens: int
    """Tokens the model produced."""

    total_tokens: int
    """Input and output tokens together."""

    output_tokens_details: Optional[ImageGenOutputTokensDetails] = None


ImageModel = TypeAliasType(
    "ImageModel",
    Literal[
        "gpt-image-1",
        "gpt-image-1-mini",
        "gpt-image-2",
        "gpt-image-2-2026-04-21",
        "gpt-image-1.5",
        "chatgpt-image-latest",
        "dall-e-2",
        "dall-e-3",
    ],
)
"""The image models the API knows by name."""


class ImagesResponse(BaseModel):
    """The images made by a generation, edit or variation request."""

    created: int
    """When the images were made, as a Unix timestamp in seconds."""

    background: Optional[Literal["transparent", "opaque"]] = None
    """The background the images were made with."""

    data: Optional[List[Image]] = None
    """The images."""

    output_format: Optional[Literal["png", "webp", "jpeg"]] = None
    """The file format of the images."""

    quality: Optional[Literal["low", "medium", "high"]] = None
    """The quality the images were made at."""

    size: Optional[Literal["1024x1024", "1024x1536", "1536x1024"]] = None
    """The size of the images."""

    usage: Optional[ImageGenUsage] = None


class ImagesUsage(BaseModel):
    """Tokens a GPT image model used for a streamed request."""

    input_tokens: int
    """Tokens in the input, text and images together."""

    input_tokens_details: ImageGenInputUsageDetails

    output_tokens: int
    """Tokens spent on the output image."""

    total_tokens: int
    """Input and output tokens together."""


InputFidelity = TypeAliasType("InputFidelity", Literal["high", "low"])
"""
How closely the edit keeps the style and features, faces above all, of the input images.
Supported by `gpt-image-1`, `gpt-image-1.5` and later models, not by `gpt-image-1-mini`.
Defaults to `low`.
"""


class ImageEditCompletedEvent(BaseModel):
    """The final image of an edit, with the tokens it used."""

    b64_json: str
    """The final edited image as base64, ready to display."""

    background: Literal["transparent", "opaque", "auto"]
    """The background of the image."""

    created_at: int
    """When the event was made, as a Unix timestamp."""

    output_format: Literal["png", "webp", "jpeg"]
    """The file format of the image."""

    quality: Literal["low", "medium", "high", "auto"]
    """The quality of the image."""

    size: Literal["1024x1024", "1024x1536", "1536x1024", "auto"]
    """The size of the image."""

    type: Literal["image_edit.completed"]
    """Always `image_edit.completed`."""

    usage: ImagesUsage


ImageEditStreamEvent = TypeAliasType(
    "ImageEditStreamEvent",
    Annotated[Union[ImageEditPartialImageEvent, ImageEditCompletedEvent], Field(..., discriminator="type")],
)
"""An event of a streamed edit, told apart by `type`."""


class ImageGenCompletedEvent(BaseModel):
    """The final image of a generation, with the tokens it used."""

    b64_json: str
    """The final image as base64, ready to display."""

    background: Literal["transparent", "opaque", "auto"]
    """The background of the image."""

    created_at: int
    """When the event was made, as a Unix timestamp."""

    output_format: Literal["png", "webp", "jpeg"]
    """The file format of the image."""

    quality: Literal["low", "medium", "high", "auto"]
    """The quality of the image."""

    size: Literal["1024x1024", "1024x1536", "1536x1024", "auto"]
    """The size of the image."""

    type: Literal["image_generation.completed"]
    """Always `image_generation.completed`."""

    usage: ImagesUsage


ImageGenStreamEvent = TypeAliasType(
    "ImageGenStreamEvent",
    Annotated[Union[ImageGenPartialImageEvent, ImageGenCompletedEvent], Field(..., discriminator="type")],
)
"""An event of a streamed generation, told apart by `type`."""
