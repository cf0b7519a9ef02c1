# Generated from spec/openapi.yaml by images-sdk-generator. Do not edit; run `make generate`.
"""Response models and the named types of Images API."""

from __future__ import annotations

from typing import Annotated, List, Literal, Optional, Union
from typing_extensions import TypeAliasType
from pydantic import Field
from .._models import BaseModel

CreateImageEditRequestBackground = TypeAliasType(
    "CreateImageEditRequestBackground", Optional[Literal["transparent", "opaque", "auto"]]
)
"""
Background transparency, for GPT image models only. `auto` (the default) lets the model
choose. `gpt-image-2` and `gpt-image-2-2026-04-21` reject `transparent`; with `transparent`,
use the `png` or `webp` output format.
"""


CreateImageEditRequestOutputFormat = TypeAliasType(
    "CreateImageEditRequestOutputFormat", Optional[Literal["png", "jpeg", "webp"]]
)
"""File format of the returned images, for GPT image models only."""


CreateImageEditRequestQuality = TypeAliasType(
    "CreateImageEditRequestQuality", Optional[Literal["standard", "low", "medium", "high", "auto"]]
)
"""Image quality for GPT image models. Defaults to `auto`."""


CreateImageEditRequestResponseFormat = TypeAliasType(
    "CreateImageEditRequestResponseFormat", Optional[Literal["url", "b64_json"]]
)
"""
How `dall-e-2` returns images: as a `url` (valid for 60 minutes, the default) or inline as
`b64_json`. GPT image models always return base64.
"""


CreateImageRequestBackground = TypeAliasType("CreateImageRequestBackground", Literal["transparent", "opaque", "auto"])
"""
Background transparency, for GPT image models only. `auto` (the default) lets the model
choose. `gpt-image-2` and `gpt-image-2-2026-04-21` reject `transparent`; with `transparent`,
use the `png` or `webp` output format.
"""


CreateImageRequestModeration = TypeAliasType("CreateImageRequestModeration", Literal["low", "auto"])
"""
How strictly GPT image models filter content: `low` filters less, `auto` (the default) is
the standard level.
"""


CreateImageRequestOutputFormat = TypeAliasType("CreateImageRequestOutputFormat", Literal["png", "jpeg", "webp"])
"""File format of the returned images, for GPT image models only."""


CreateImageRequestQuality = TypeAliasType(
    "CreateImageRequestQuality", Literal["standard", "hd", "low", "medium", "high", "auto"]
)
"""
Image quality. `auto` (the default) picks the best the model offers; GPT image models take
`high`, `medium` or `low`; `dall-e-3` takes `hd` or `standard`; `dall-e-2` only `standard`.
"""


CreateImageRequestResponseFormat = TypeAliasType("CreateImageRequestResponseFormat", Literal["url", "b64_json"])
"""
How `dall-e-2` and `dall-e-3` return images: as a `url` (valid for 60 minutes) or inline as
`b64_json`. GPT image models always return base64.
"""


CreateImageRequestStyle = TypeAliasType("CreateImageRequestStyle", Literal["vivid", "natural"])
"""
Look of `dall-e-3` images: `vivid` leans to dramatic, hyper-real pictures, `natural` to
plainer ones.
"""


CreateImageVariationRequestResponseFormat = TypeAliasType(
    "CreateImageVariationRequestResponseFormat", Optional[Literal["url", "b64_json"]]
)
"""Return images as a `url` (valid for 60 minutes) or inline as `b64_json`."""


CreateImageVariationRequestSize = TypeAliasType(
    "CreateImageVariationRequestSize", Optional[Literal["256x256", "512x512", "1024x1024"]]
)
"""Size of the variations."""


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


ImageEditCompletedEventBackground = TypeAliasType(
    "ImageEditCompletedEventBackground", Literal["transparent", "opaque", "auto"]
)
"""The background of the image."""


ImageEditCompletedEventOutputFormat = TypeAliasType(
    "ImageEditCompletedEventOutputFormat", Literal["png", "webp", "jpeg"]
)
"""The file format of the image."""


ImageEditCompletedEventQuality = TypeAliasType(
    "ImageEditCompletedEventQuality", Literal["low", "medium", "high", "auto"]
)
"""The quality of the image."""


ImageEditCompletedEventSize = TypeAliasType(
    "ImageEditCompletedEventSize", Literal["1024x1024", "1024x1536", "1536x1024", "auto"]
)
"""The size of the image."""


ImageEditPartialImageEventBackground = TypeAliasType(
    "ImageEditPartialImageEventBackground", Literal["transparent", "opaque", "auto"]
)
"""The background asked for."""


ImageEditPartialImageEventOutputFormat = TypeAliasType(
    "ImageEditPartialImageEventOutputFormat", Literal["png", "webp", "jpeg"]
)
"""The output format asked for."""


ImageEditPartialImageEventQuality = TypeAliasType(
    "ImageEditPartialImageEventQuality", Literal["low", "medium", "high", "auto"]
)
"""The quality asked for."""


ImageEditPartialImageEventSize = TypeAliasType(
    "ImageEditPartialImageEventSize", Literal["1024x1024", "1024x1536", "1536x1024", "auto"]
)
"""The size asked for."""


ImageEditSize = TypeAliasType(
    "ImageEditSize", Literal["256x256", "512x512", "1024x1024", "1536x1024", "1024x1536", "auto"]
)


ImageGenCompletedEventBackground = TypeAliasType(
    "ImageGenCompletedEventBackground", Literal["transparent", "opaque", "auto"]
)
"""The background of the image."""


ImageGenCompletedEventOutputFormat = TypeAliasType("ImageGenCompletedEventOutputFormat", Literal["png", "webp", "jpeg"])
"""The file format of the image."""


ImageGenCompletedEventQuality = TypeAliasType("ImageGenCompletedEventQuality", Literal["low", "medium", "high", "auto"])
"""The quality of the image."""


ImageGenCompletedEventSize = TypeAliasType(
    "ImageGenCompletedEventSize", Literal["1024x1024", "1024x1536", "1536x1024", "auto"]
)
"""The size of the image."""


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


ImageGenPartialImageEventBackground = TypeAliasType(
    "ImageGenPartialImageEventBackground", Literal["transparent", "opaque", "auto"]
)
"""The background asked for."""


ImageGenPartialImageEventOutputFormat = TypeAliasType(
    "ImageGenPartialImageEventOutputFormat", Literal["png", "webp", "jpeg"]
)
"""The output format asked for."""


ImageGenPartialImageEventQuality = TypeAliasType(
    "ImageGenPartialImageEventQuality", Literal["low", "medium", "high", "auto"]
)
"""The quality asked for."""


ImageGenPartialImageEventSize = TypeAliasType(
    "ImageGenPartialImageEventSize", Literal["1024x1024", "1024x1536", "1536x1024", "auto"]
)
"""The size asked for."""


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


ImageGenerationSize = TypeAliasType(
    "ImageGenerationSize",
    Literal["auto", "1024x1024", "1536x1024", "1024x1536", "256x256", "512x512", "1792x1024", "1024x1792"],
)


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


ImagesResponseBackground = TypeAliasType("ImagesResponseBackground", Literal["transparent", "opaque"])
"""The background the images were made with."""


ImagesResponseOutputFormat = TypeAliasType("ImagesResponseOutputFormat", Literal["png", "webp", "jpeg"])
"""The file format of the images."""


ImagesResponseQuality = TypeAliasType("ImagesResponseQuality", Literal["low", "medium", "high"])
"""The quality the images were made at."""


ImagesResponseSize = TypeAliasType("ImagesResponseSize", Literal["1024x1024", "1024x1536", "1536x1024"])
"""The size of the images."""


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

    background: ImageEditCompletedEventBackground
    """The background of the image."""

    created_at: int
    """When the event was made, as a Unix timestamp."""

    output_format: ImageEditCompletedEventOutputFormat
    """The file format of the image."""

    quality: ImageEditCompletedEventQuality
    """The quality of the image."""

    size: ImageEditCompletedEventSize
    """The size of the image."""

    type: Literal["image_edit.completed"]
    """Always `image_edit.completed`."""

    usage: ImagesUsage


class ImageEditPartialImageEvent(BaseModel):
    """A partial image, sent while an edit is still in progress."""

    b64_json: str
    """The partial image as base64, ready to display."""

    background: ImageEditPartialImageEventBackground
    """The background asked for."""

    created_at: int
    """When the event was made, as a Unix timestamp."""

    output_format: ImageEditPartialImageEventOutputFormat
    """The output format asked for."""

    partial_image_index: int
    """Position of this partial image, counting from 0."""

    quality: ImageEditPartialImageEventQuality
    """The quality asked for."""

    size: ImageEditPartialImageEventSize
    """The size asked for."""

    type: Literal["image_edit.partial_image"]
    """Always `image_edit.partial_image`."""


ImageEditStreamEvent = TypeAliasType(
    "ImageEditStreamEvent",
    Annotated[Union[ImageEditPartialImageEvent, ImageEditCompletedEvent], Field(..., discriminator="type")],
)
"""An event of a streamed edit, told apart by `type`."""


class ImageGenCompletedEvent(BaseModel):
    """The final image of a generation, with the tokens it used."""

    b64_json: str
    """The final image as base64, ready to display."""

    background: ImageGenCompletedEventBackground
    """The background of the image."""

    created_at: int
    """When the event was made, as a Unix timestamp."""

    output_format: ImageGenCompletedEventOutputFormat
    """The file format of the image."""

    quality: ImageGenCompletedEventQuality
    """The quality of the image."""

    size: ImageGenCompletedEventSize
    """The size of the image."""

    type: Literal["image_generation.completed"]
    """Always `image_generation.completed`."""

    usage: ImagesUsage


class ImageGenPartialImageEvent(BaseModel):
    """A partial image, sent while a generation is still in progress."""

    b64_json: str
    """The partial image as base64, ready to display."""

    background: ImageGenPartialImageEventBackground
    """The background asked for."""

    created_at: int
    """When the event was made, as a Unix timestamp."""

    output_format: ImageGenPartialImageEventOutputFormat
    """The output format asked for."""

    partial_image_index: int
    """Position of this partial image, counting from 0."""

    quality: ImageGenPartialImageEventQuality
    """The quality asked for."""

    size: ImageGenPartialImageEventSize
    """The size asked for."""

    type: Literal["image_generation.partial_image"]
    """Always `image_generation.partial_image`."""


ImageGenStreamEvent = TypeAliasType(
    "ImageGenStreamEvent",
    Annotated[Union[ImageGenPartialImageEvent, ImageGenCompletedEvent], Field(..., discriminator="type")],
)
"""An event of a streamed generation, told apart by `type`."""


class ImagesResponse(BaseModel):
    """The images made by a generation, edit or variation request."""

    created: int
    """When the images were made, as a Unix timestamp in seconds."""

    background: Optional[ImagesResponseBackground] = None
    """The background the images were made with."""

    data: Optional[List[Image]] = None
    """The images."""

    output_format: Optional[ImagesResponseOutputFormat] = None
    """The file format of the images."""

    quality: Optional[ImagesResponseQuality] = None
    """The quality the images were made at."""

    size: Optional[ImagesResponseSize] = None
    """The size of the images."""

    usage: Optional[ImageGenUsage] = None
