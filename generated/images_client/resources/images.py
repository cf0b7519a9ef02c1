# Generated from spec/openapi.yaml by images-sdk-generator. Do not edit; run `make generate`.
"""`client.images`: Operations on images."""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING, Optional, Sequence, Union, cast, overload

import httpx
from typing_extensions import Literal

from .._base_client import RequestOptions, ResponseMode
from .._bodies import json_body, multipart_body
from .._response import (
    async_to_raw_response_wrapper,
    async_to_streamed_response_wrapper,
    to_raw_response_wrapper,
    to_streamed_response_wrapper,
)
from .._streaming import AsyncStream, Stream
from .._types import NOT_GIVEN, Body, FileTypes, Headers, NotGiven, Query

if TYPE_CHECKING:
    from .._base_client import APIClient, AsyncAPIClient
    from ..types import (
        CreateImageEditRequestBackground,
        CreateImageEditRequestOutputFormat,
        CreateImageEditRequestQuality,
        CreateImageEditRequestResponseFormat,
        CreateImageRequestBackground,
        CreateImageRequestModeration,
        CreateImageRequestOutputFormat,
        CreateImageRequestQuality,
        CreateImageRequestResponseFormat,
        CreateImageRequestStyle,
        CreateImageVariationRequestResponseFormat,
        CreateImageVariationRequestSize,
        ImageEditSize,
        ImageEditStreamEvent,
        ImageGenStreamEvent,
        ImageGenerationSize,
        ImageModel,
        ImagesResponse,
        InputFidelity,
    )

__all__ = ["Images", "AsyncImages"]


class Images:
    """Operations on images."""

    def __init__(self, client: APIClient, *, mode: ResponseMode = "parse") -> None:
        self._client = client
        self._mode: ResponseMode = mode

    @cached_property
    def with_raw_response(self) -> ImagesWithRawResponse:
        """The same methods, returning the raw `APIResponse` (headers, status) to `.parse()`."""
        return ImagesWithRawResponse(self)

    @cached_property
    def with_streaming_response(self) -> ImagesWithStreamingResponse:
        """The same methods as context managers whose response body is read only on demand."""
        return ImagesWithStreamingResponse(self)

    def create_variation(
        self,
        *,
        image: FileTypes,
        model: Optional[Union[str, ImageModel]] | NotGiven = NOT_GIVEN,
        n: Optional[int] | NotGiven = NOT_GIVEN,
        response_format: Optional[CreateImageVariationRequestResponseFormat] | NotGiven = NOT_GIVEN,
        size: Optional[CreateImageVariationRequestSize] | NotGiven = NOT_GIVEN,
        user: str | NotGiven = NOT_GIVEN,
        extra_headers: Optional[Headers] = None,
        extra_query: Optional[Query] = None,
        extra_body: Optional[Body] = None,
        timeout: Union[float, httpx.Timeout, None, NotGiven] = NOT_GIVEN,
    ) -> ImagesResponse:
        """Create variations of an existing image. Only `dall-e-2` supports this.

        Args:
            image: The image to vary. It must be a square PNG file under 4MB.

            model: The model that makes the variations. Only `dall-e-2` supports them. Defaults to
                `"dall-e-2"` on the server.

            n: How many variations to make, from 1 to 10. Defaults to `1` on the server.

            response_format: Return images as a `url` (valid for 60 minutes) or inline as `b64_json`.
                Defaults to `"url"` on the server.

            size: Size of the variations. Defaults to `"1024x1024"` on the server.

            user: A stable identifier of your end user, which helps detect abuse.

            extra_headers: Headers to add to this request; `Omit()` removes one.

            extra_query: Query parameters to add to this request.

            extra_body: Fields to add to the request body.

            timeout: Seconds (or an `httpx.Timeout`) for this request; `None` waits forever.
        """
        from ..types import ImagesResponse  # the models, and pydantic, load on first use

        return cast(
            ImagesResponse,
            self._client.request(
                RequestOptions(
                    method="post",
                    path="/images/variations",
                    body=multipart_body(
                        {
                            "image": image,
                            "model": model,
                            "n": n,
                            "response_format": response_format,
                            "size": size,
                            "user": user,
                        },
                        extra_body,
                        files=("image",),
                    ),
                    stream=False,
                    extra_headers=extra_headers,
                    extra_query=extra_query,
                    timeout=timeout,
                ),
                cast_to=ImagesResponse,
                mode=self._mode,
            ),
        )

    @overload
    def edit(
        self,
        *,
        image: Union[FileTypes, Sequence[FileTypes]],
        prompt: str,
        background: Optional[CreateImageEditRequestBackground] | NotGiven = NOT_GIVEN,
        input_fidelity: Optional[InputFidelity] | NotGiven = NOT_GIVEN,
        mask: FileTypes | NotGiven = NOT_GIVEN,
        model: Optional[Union[str, ImageModel]] | NotGiven = NOT_GIVEN,
        n: Optional[int] | NotGiven = NOT_GIVEN,
        output_compression: Optional[int] | NotGiven = NOT_GIVEN,
        output_format: Optional[CreateImageEditRequestOutputFormat] | NotGiven = NOT_GIVEN,
        partial_images: Optional[int] | NotGiven = NOT_GIVEN,
        quality: Optional[CreateImageEditRequestQuality] | NotGiven = NOT_GIVEN,
        response_format: Optional[CreateImageEditRequestResponseFormat] | NotGiven = NOT_GIVEN,
        size: Optional[Union[str, ImageEditSize]] | NotGiven = NOT_GIVEN,
        stream: Optional[Literal[False]] | NotGiven = NOT_GIVEN,
        user: str | NotGiven = NOT_GIVEN,
        extra_headers: Optional[Headers] = None,
        extra_query: Optional[Query] = None,
        extra_body: Optional[Body] = None,
        timeout: Union[float, httpx.Timeout, None, NotGiven] = NOT_GIVEN,
    ) -> ImagesResponse: ...

    @overload
    def edit(
        self,
        *,
        image: Union[FileTypes, Sequence[FileTypes]],
        prompt: str,
        background: Optional[CreateImageEditRequestBackground] | NotGiven = NOT_GIVEN,
        input_fidelity: Optional[InputFidelity] | NotGiven = NOT_GIVEN,
        mask: FileTypes | NotGiven = NOT_GIVEN,
        model: Optional[Union[str, ImageModel]] | NotGiven = NOT_GIVEN,
        n: Optional[int] | NotGiven = NOT_GIVEN,
        output_compression: Optional[int] | NotGiven = NOT_GIVEN,
        output_format: Optional[CreateImageEditRequestOutputFormat] | NotGiven = NOT_GIVEN,
        partial_images: Optional[int] | NotGiven = NOT_GIVEN,
        quality: Optional[CreateImageEditRequestQuality] | NotGiven = NOT_GIVEN,
        response_format: Optional[CreateImageEditRequestResponseFormat] | NotGiven = NOT_GIVEN,
        size: Optional[Union[str, ImageEditSize]] | NotGiven = NOT_GIVEN,
        stream: Literal[True],
        user: str | NotGiven = NOT_GIVEN,
        extra_headers: Optional[Headers] = None,
        extra_query: Optional[Query] = None,
        extra_body: Optional[Body] = None,
        timeout: Union[float, httpx.Timeout, None, NotGiven] = NOT_GIVEN,
    ) -> Stream[ImageEditStreamEvent]: ...

    @overload
    def edit(
        self,
        *,
        image: Union[FileTypes, Sequence[FileTypes]],
        prompt: str,
        background: Optional[CreateImageEditRequestBackground] | NotGiven = NOT_GIVEN,
        input_fidelity: Optional[InputFidelity] | NotGiven = NOT_GIVEN,
        mask: FileTypes | NotGiven = NOT_GIVEN,
        model: Optional[Union[str, ImageModel]] | NotGiven = NOT_GIVEN,
        n: Optional[int] | NotGiven = NOT_GIVEN,
        output_compression: Optional[int] | NotGiven = NOT_GIVEN,
        output_format: Optional[CreateImageEditRequestOutputFormat] | NotGiven = NOT_GIVEN,
        partial_images: Optional[int] | NotGiven = NOT_GIVEN,
        quality: Optional[CreateImageEditRequestQuality] | NotGiven = NOT_GIVEN,
        response_format: Optional[CreateImageEditRequestResponseFormat] | NotGiven = NOT_GIVEN,
        size: Optional[Union[str, ImageEditSize]] | NotGiven = NOT_GIVEN,
        stream: bool,
        user: str | NotGiven = NOT_GIVEN,
        extra_headers: Optional[Headers] = None,
        extra_query: Optional[Query] = None,
        extra_body: Optional[Body] = None,
        timeout: Union[float, httpx.Timeout, None, NotGiven] = NOT_GIVEN,
    ) -> Union[ImagesResponse, Stream[ImageEditStreamEvent]]: ...

    def edit(
        self,
        *,
        image: Union[FileTypes, Sequence[FileTypes]],
        prompt: str,
        background: Optional[CreateImageEditRequestBackground] | NotGiven = NOT_GIVEN,
        input_fidelity: Optional[InputFidelity] | NotGiven = NOT_GIVEN,
        mask: FileTypes | NotGiven = NOT_GIVEN,
        model: Optional[Union[str, ImageModel]] | NotGiven = NOT_GIVEN,
        n: Optional[int] | NotGiven = NOT_GIVEN,
        output_compression: Optional[int] | NotGiven = NOT_GIVEN,
        output_format: Optional[CreateImageEditRequestOutputFormat] | NotGiven = NOT_GIVEN,
        partial_images: Optional[int] | NotGiven = NOT_GIVEN,
        quality: Optional[CreateImageEditRequestQuality] | NotGiven = NOT_GIVEN,
        response_format: Optional[CreateImageEditRequestResponseFormat] | NotGiven = NOT_GIVEN,
        size: Optional[Union[str, ImageEditSize]] | NotGiven = NOT_GIVEN,
        stream: Optional[bool] | NotGiven = NOT_GIVEN,
        user: str | NotGiven = NOT_GIVEN,
        extra_headers: Optional[Headers] = None,
        extra_query: Optional[Query] = None,
        extra_body: Optional[Body] = None,
        timeout: Union[float, httpx.Timeout, None, NotGiven] = NOT_GIVEN,
    ) -> Union[ImagesResponse, Stream[ImageEditStreamEvent]]:
        """Edit or extend one or more source images following a text prompt.

        GPT image models accept up to 16 source images; `dall-e-2` accepts a single square PNG. An optional
        mask marks, with fully transparent pixels, the area to change in the first image.

        Args:
            image: The image or images to edit. GPT image models take up to 16 `png`, `webp` or `jpg`
                files under 50MB each; `dall-e-2` takes one square `png` under 4MB.

            prompt: The edit to make. GPT image models take up to 32000 characters, `dall-e-2` up to
                1000.

            background: Background transparency, for GPT image models only. `auto` (the default) lets
                the model choose. `gpt-image-2` and `gpt-image-2-2026-04-21` reject `transparent`; with
                `transparent`, use the `png` or `webp` output format.

            input_fidelity: How closely the edit keeps the style and features, faces above all, of the
                input images. Supported by `gpt-image-1`, `gpt-image-1.5` and later models, not by
                `gpt-image-1-mini`. Defaults to `low`.

            mask: A PNG the size of `image` (under 4MB) whose fully transparent pixels mark where to
                edit. With several images, it applies to the first.

            model: The model that makes the edit: `dall-e-2` or a GPT image model. Defaults to
                `gpt-image-1.5`.

            n: How many edited images to make, from 1 to 10. Defaults to `1` on the server.

            output_compression: Compression level in percent (0-100) for `webp` and `jpeg` output of the
                GPT image models. Defaults to 100.

            output_format: File format of the returned images, for GPT image models only. Defaults to
                `"png"` on the server.

            partial_images: How many partial images to stream before the final one, from 0 to 3. With 0
                the image arrives in a single event. The final image can arrive before all partial images if
                it is ready sooner. Defaults to `0` on the server.

            quality: Image quality for GPT image models. Defaults to `auto`.

            response_format: How `dall-e-2` returns images: as a `url` (valid for 60 minutes, the
                default) or inline as `b64_json`. GPT image models always return base64.

            size: Size of the edited images. Any `WIDTHxHEIGHT` string is accepted by `gpt-image-2` and
                `gpt-image-2-2026-04-21` (both sides divisible by 16, aspect ratio between 1:3 and 3:1, at
                most `3840x2160`). GPT image models also take the listed sizes and `auto`; `dall-e-2` takes
                `256x256`, `512x512` or `1024x1024`. Defaults to `"1024x1024"` on the server.

            stream: Send the result as a stream of server-sent events, with partial images first.
                Defaults to false.

            user: A stable identifier of your end user, which helps detect abuse.

            extra_headers: Headers to add to this request; `Omit()` removes one.

            extra_query: Query parameters to add to this request.

            extra_body: Fields to add to the request body.

            timeout: Seconds (or an `httpx.Timeout`) for this request; `None` waits forever.
        """
        from ..types import ImageEditStreamEvent, ImagesResponse  # the models, and pydantic, load on first use

        return cast(
            Union[ImagesResponse, Stream[ImageEditStreamEvent]],
            self._client.request(
                RequestOptions(
                    method="post",
                    path="/images/edits",
                    body=multipart_body(
                        {
                            "image": image,
                            "prompt": prompt,
                            "background": background,
                            "input_fidelity": input_fidelity,
                            "mask": mask,
                            "model": model,
                            "n": n,
                            "output_compression": output_compression,
                            "output_format": output_format,
                            "partial_images": partial_images,
                            "quality": quality,
                            "response_format": response_format,
                            "size": size,
                            "stream": stream,
                            "user": user,
                        },
                        extra_body,
                        files=("image", "mask"),
                    ),
                    stream=bool(stream),
                    extra_headers=extra_headers,
                    extra_query=extra_query,
                    timeout=timeout,
                ),
                cast_to=ImagesResponse,
                event_type=ImageEditStreamEvent,
                mode=self._mode,
            ),
        )

    @overload
    def generate(
        self,
        *,
        prompt: str,
        background: Optional[CreateImageRequestBackground] | NotGiven = NOT_GIVEN,
        model: Optional[Union[str, ImageModel]] | NotGiven = NOT_GIVEN,
        moderation: Optional[CreateImageRequestModeration] | NotGiven = NOT_GIVEN,
        n: Optional[int] | NotGiven = NOT_GIVEN,
        output_compression: Optional[int] | NotGiven = NOT_GIVEN,
        output_format: Optional[CreateImageRequestOutputFormat] | NotGiven = NOT_GIVEN,
        partial_images: Optional[int] | NotGiven = NOT_GIVEN,
        quality: Optional[CreateImageRequestQuality] | NotGiven = NOT_GIVEN,
        response_format: Optional[CreateImageRequestResponseFormat] | NotGiven = NOT_GIVEN,
        size: Optional[Union[str, ImageGenerationSize]] | NotGiven = NOT_GIVEN,
        stream: Optional[Literal[False]] | NotGiven = NOT_GIVEN,
        style: Optional[CreateImageRequestStyle] | NotGiven = NOT_GIVEN,
        user: str | NotGiven = NOT_GIVEN,
        extra_headers: Optional[Headers] = None,
        extra_query: Optional[Query] = None,
        extra_body: Optional[Body] = None,
        timeout: Union[float, httpx.Timeout, None, NotGiven] = NOT_GIVEN,
    ) -> ImagesResponse: ...

    @overload
    def generate(
        self,
        *,
        prompt: str,
        background: Optional[CreateImageRequestBackground] | NotGiven = NOT_GIVEN,
        model: Optional[Union[str, ImageModel]] | NotGiven = NOT_GIVEN,
        moderation: Optional[CreateImageRequestModeration] | NotGiven = NOT_GIVEN,
        n: Optional[int] | NotGiven = NOT_GIVEN,
        output_compression: Optional[int] | NotGiven = NOT_GIVEN,
        output_format: Optional[CreateImageRequestOutputFormat] | NotGiven = NOT_GIVEN,
        partial_images: Optional[int] | NotGiven = NOT_GIVEN,
        quality: Optional[CreateImageRequestQuality] | NotGiven = NOT_GIVEN,
        response_format: Optional[CreateImageRequestResponseFormat] | NotGiven = NOT_GIVEN,
        size: Optional[Union[str, ImageGenerationSize]] | NotGiven = NOT_GIVEN,
        stream: Literal[True],
        style: Optional[CreateImageRequestStyle] | NotGiven = NOT_GIVEN,
        user: str | NotGiven = NOT_GIVEN,
        extra_headers: Optional[Headers] = None,
        extra_query: Optional[Query] = None,
        extra_body: Optional[Body] = None,
        timeout: Union[float, httpx.Timeout, None, NotGiven] = NOT_GIVEN,
    ) -> Stream[ImageGenStreamEvent]: ...

    @overload
    def generate(
        self,
        *,
        prompt: str,
        background: Optional[CreateImageRequestBackground] | NotGiven = NOT_GIVEN,
        model: Optional[Union[str, ImageModel]] | NotGiven = NOT_GIVEN,
        moderation: Optional[CreateImageRequestModeration] | NotGiven = NOT_GIVEN,
        n: Optional[int] | NotGiven = NOT_GIVEN,
        output_compression: Optional[int] | NotGiven = NOT_GIVEN,
        output_format: Optional[CreateImageRequestOutputFormat] | NotGiven = NOT_GIVEN,
        partial_images: Optional[int] | NotGiven = NOT_GIVEN,
        quality: Optional[CreateImageRequestQuality] | NotGiven = NOT_GIVEN,
        response_format: Optional[CreateImageRequestResponseFormat] | NotGiven = NOT_GIVEN,
        size: Optional[Union[str, ImageGenerationSize]] | NotGiven = NOT_GIVEN,
        stream: bool,
        style: Optional[CreateImageRequestStyle] | NotGiven = NOT_GIVEN,
        user: str | NotGiven = NOT_GIVEN,
        extra_headers: Optional[Headers] = None,
        extra_query: Optional[Query] = None,
        extra_body: Optional[Body] = None,
        timeout: Union[float, httpx.Timeout, None, NotGiven] = NOT_GIVEN,
    ) -> Union[ImagesResponse, Stream[ImageGenStreamEvent]]: ...

    def generate(
        self,
        *,
        prompt: str,
        background: Optional[CreateImageRequestBackground] | NotGiven = NOT_GIVEN,
        model: Optional[Union[str, ImageModel]] | NotGiven = NOT_GIVEN,
        moderation: Optional[CreateImageRequestModeration] | NotGiven = NOT_GIVEN,
        n: Optional[int] | NotGiven = NOT_GIVEN,
        output_compression: Optional[int] | NotGiven = NOT_GIVEN,
        output_format: Optional[CreateImageRequestOutputFormat] | NotGiven = NOT_GIVEN,
        partial_images: Optional[int] | NotGiven = NOT_GIVEN,
        quality: Optional[CreateImageRequestQuality] | NotGiven = NOT_GIVEN,
        response_format: Optional[CreateImageRequestResponseFormat] | NotGiven = NOT_GIVEN,
        size: Optional[Union[str, ImageGenerationSize]] | NotGiven = NOT_GIVEN,
        stream: Optional[bool] | NotGiven = NOT_GIVEN,
        style: Optional[CreateImageRequestStyle] | NotGiven = NOT_GIVEN,
        user: str | NotGiven = NOT_GIVEN,
        extra_headers: Optional[Headers] = None,
        extra_query: Optional[Query] = None,
        extra_body: Optional[Body] = None,
        timeout: Union[float, httpx.Timeout, None, NotGiven] = NOT_GIVEN,
    ) -> Union[ImagesResponse, Stream[ImageGenStreamEvent]]:
        """Create one or more images from a text prompt.

        Pass `stream=True` (GPT image models only) to receive partial images as server-sent events while the
        final image is produced.

        Args:
            prompt: What the image should show. GPT image models take up to 32000 characters, `dall-e-3`
                up to 4000 and `dall-e-2` up to 1000.

            background: Background transparency, for GPT image models only. `auto` (the default) lets
                the model choose. `gpt-image-2` and `gpt-image-2-2026-04-21` reject `transparent`; with
                `transparent`, use the `png` or `webp` output format.

            model: The model that makes the image: `dall-e-2`, `dall-e-3` or a GPT image model.
                `dall-e-2` is used unless a parameter only GPT image models support is given. Defaults to
                `"dall-e-2"` on the server.

            moderation: How strictly GPT image models filter content: `low` filters less, `auto` (the
                default) is the standard level.

            n: How many images to make, from 1 to 10. `dall-e-3` only makes one. Defaults to `1` on the
                server.

            output_compression: Compression level in percent (0-100) for `webp` and `jpeg` output of the
                GPT image models. Defaults to 100.

            output_format: File format of the returned images, for GPT image models only. Defaults to
                `"png"` on the server.

            partial_images: How many partial images to stream before the final one, from 0 to 3. With 0
                the image arrives in a single event. The final image can arrive before all partial images if
                it is ready sooner. Defaults to `0` on the server.

            quality: Image quality. `auto` (the default) picks the best the model offers; GPT image
                models take `high`, `medium` or `low`; `dall-e-3` takes `hd` or `standard`; `dall-e-2` only
                `standard`.

            response_format: How `dall-e-2` and `dall-e-3` return images: as a `url` (valid for 60
                minutes) or inline as `b64_json`. GPT image models always return base64. Defaults to `"url"`
                on the server.

            size: Size of the images. Any `WIDTHxHEIGHT` string is accepted by `gpt-image-2` and
                `gpt-image-2-2026-04-21` (both sides divisible by 16, aspect ratio between 1:3 and 3:1, at
                most `3840x2160`; above `2560x1440` is experimental). GPT image models also take the listed
                sizes and `auto`; `dall-e-2` takes `256x256`, `512x512` or `1024x1024`; `dall-e-3` takes
                `1024x1024`, `1792x1024` or `1024x1792`. Defaults to `"auto"` on the server.

            stream: Send the result as a stream of server-sent events, with partial images first. GPT
                image models only. Defaults to false.

            style: Look of `dall-e-3` images: `vivid` leans to dramatic, hyper-real pictures, `natural`
                to plainer ones. Defaults to `"vivid"` on the server.

            user: A stable identifier of your end user, which helps detect abuse.

            extra_headers: Headers to add to this request; `Omit()` removes one.

            extra_query: Query parameters to add to this request.

            extra_body: Fields to add to the request body.

            timeout: Seconds (or an `httpx.Timeout`) for this request; `None` waits forever.
        """
        from ..types import ImageGenStreamEvent, ImagesResponse  # the models, and pydantic, load on first use

        return cast(
            Union[ImagesResponse, Stream[ImageGenStreamEvent]],
            self._client.request(
                RequestOptions(
                    method="post",
                    path="/images/generations",
                    body=json_body(
                        {
                            "prompt": prompt,
                            "background": background,
                            "model": model,
                            "moderation": moderation,
                            "n": n,
                            "output_compression": output_compression,
                            "output_format": output_format,
                            "partial_images": partial_images,
                            "quality": quality,
                            "response_format": response_format,
                            "size": size,
                            "stream": stream,
                            "style": style,
                            "user": user,
                        },
                        extra_body,
                    ),
                    stream=bool(stream),
                    extra_headers=extra_headers,
                    extra_query=extra_query,
                    timeout=timeout,
                ),
                cast_to=ImagesResponse,
                event_type=ImageGenStreamEvent,
                mode=self._mode,
            ),
        )


class ImagesWithRawResponse:
    def __init__(self, resource: Images) -> None:
        raw = Images(resource._client, mode="raw")
        self.create_variation = to_raw_response_wrapper(raw.create_variation)
        self.edit = to_raw_response_wrapper(raw.edit)
        self.generate = to_raw_response_wrapper(raw.generate)


class ImagesWithStreamingResponse:
    def __init__(self, resource: Images) -> None:
        raw = Images(resource._client, mode="raw_stream")
        self.create_variation = to_streamed_response_wrapper(raw.create_variation)
        self.edit = to_streamed_response_wrapper(raw.edit)
        self.generate = to_streamed_response_wrapper(raw.generate)


class AsyncImages:
    """Operations on images."""

    def __init__(self, client: AsyncAPIClient, *, mode: ResponseMode = "parse") -> None:
        self._client = client
        self._mode: ResponseMode = mode

    @cached_property
    def with_raw_response(self) -> AsyncImagesWithRawResponse:
        """The same methods, returning the raw `APIResponse` (headers, status) to `.parse()`."""
        return AsyncImagesWithRawResponse(self)

    @cached_property
    def with_streaming_response(self) -> AsyncImagesWithStreamingResponse:
        """The same methods as context managers whose response body is read only on demand."""
        return AsyncImagesWithStreamingResponse(self)

    async def create_variation(
        self,
        *,
        image: FileTypes,
        model: Optional[Union[str, ImageModel]] | NotGiven = NOT_GIVEN,
        n: Optional[int] | NotGiven = NOT_GIVEN,
        response_format: Optional[CreateImageVariationRequestResponseFormat] | NotGiven = NOT_GIVEN,
        size: Optional[CreateImageVariationRequestSize] | NotGiven = NOT_GIVEN,
        user: str | NotGiven = NOT_GIVEN,
        extra_headers: Optional[Headers] = None,
        extra_query: Optional[Query] = None,
        extra_body: Optional[Body] = None,
        timeout: Union[float, httpx.Timeout, None, NotGiven] = NOT_GIVEN,
    ) -> ImagesResponse:
        """Create variations of an existing image. Only `dall-e-2` supports this.

        Args:
            image: The image to vary. It must be a square PNG file under 4MB.

            model: The model that makes the variations. Only `dall-e-2` supports them. Defaults to
                `"dall-e-2"` on the server.

            n: How many variations to make, from 1 to 10. Defaults to `1` on the server.

            response_format: Return images as a `url` (valid for 60 minutes) or inline as `b64_json`.
                Defaults to `"url"` on the server.

            size: Size of the variations. Defaults to `"1024x1024"` on the server.

            user: A stable identifier of your end user, which helps detect abuse.

            extra_headers: Headers to add to this request; `Omit()` removes one.

            extra_query: Query parameters to add to this request.

            extra_body: Fields to add to the request body.

            timeout: Seconds (or an `httpx.Timeout`) for this request; `None` waits forever.
        """
        from ..types import ImagesResponse  # the models, and pydantic, load on first use

        return cast(
            ImagesResponse,
            await self._client.request(
                RequestOptions(
                    method="post",
                    path="/images/variations",
                    body=multipart_body(
                        {
                            "image": image,
                            "model": model,
                            "n": n,
                            "response_format": response_format,
                            "size": size,
                            "user": user,
                        },
                        extra_body,
                        files=("image",),
                    ),
                    stream=False,
                    extra_headers=extra_headers,
                    extra_query=extra_query,
                    timeout=timeout,
                ),
                cast_to=ImagesResponse,
                mode=self._mode,
            ),
        )

    @overload
    async def edit(
        self,
        *,
        image: Union[FileTypes, Sequence[FileTypes]],
        prompt: str,
        background: Optional[CreateImageEditRequestBackground] | NotGiven = NOT_GIVEN,
        input_fidelity: Optional[InputFidelity] | NotGiven = NOT_GIVEN,
        mask: FileTypes | NotGiven = NOT_GIVEN,
        model: Optional[Union[str, ImageModel]] | NotGiven = NOT_GIVEN,
        n: Optional[int] | NotGiven = NOT_GIVEN,
        output_compression: Optional[int] | NotGiven = NOT_GIVEN,
        output_format: Optional[CreateImageEditRequestOutputFormat] | NotGiven = NOT_GIVEN,
        partial_images: Optional[int] | NotGiven = NOT_GIVEN,
        quality: Optional[CreateImageEditRequestQuality] | NotGiven = NOT_GIVEN,
        response_format: Optional[CreateImageEditRequestResponseFormat] | NotGiven = NOT_GIVEN,
        size: Optional[Union[str, ImageEditSize]] | NotGiven = NOT_GIVEN,
        stream: Optional[Literal[False]] | NotGiven = NOT_GIVEN,
        user: str | NotGiven = NOT_GIVEN,
        extra_headers: Optional[Headers] = None,
        extra_query: Optional[Query] = None,
        extra_body: Optional[Body] = None,
        timeout: Union[float, httpx.Timeout, None, NotGiven] = NOT_GIVEN,
    ) -> ImagesResponse: ...

    @overload
    async def edit(
        self,
        *,
        image: Union[FileTypes, Sequence[FileTypes]],
        prompt: str,
        background: Optional[CreateImageEditRequestBackground] | NotGiven = NOT_GIVEN,
        input_fidelity: Optional[InputFidelity] | NotGiven = NOT_GIVEN,
        mask: FileTypes | NotGiven = NOT_GIVEN,
        model: Optional[Union[str, ImageModel]] | NotGiven = NOT_GIVEN,
        n: Optional[int] | NotGiven = NOT_GIVEN,
        output_compression: Optional[int] | NotGiven = NOT_GIVEN,
        output_format: Optional[CreateImageEditRequestOutputFormat] | NotGiven = NOT_GIVEN,
        partial_images: Optional[int] | NotGiven = NOT_GIVEN,
        quality: Optional[CreateImageEditRequestQuality] | NotGiven = NOT_GIVEN,
        response_format: Optional[CreateImageEditRequestResponseFormat] | NotGiven = NOT_GIVEN,
        size: Optional[Union[str, ImageEditSize]] | NotGiven = NOT_GIVEN,
        stream: Literal[True],
        user: str | NotGiven = NOT_GIVEN,
        extra_headers: Optional[Headers] = None,
        extra_query: Optional[Query] = None,
        extra_body: Optional[Body] = None,
        timeout: Union[float, httpx.Timeout, None, NotGiven] = NOT_GIVEN,
    ) -> AsyncStream[ImageEditStreamEvent]: ...

    @overload
    async def edit(
        self,
        *,
        image: Union[FileTypes, Sequence[FileTypes]],
        prompt: str,
        background: Optional[CreateImageEditRequestBackground] | NotGiven = NOT_GIVEN,
        input_fidelity: Optional[InputFidelity] | NotGiven = NOT_GIVEN,
        mask: FileTypes | NotGiven = NOT_GIVEN,
        model: Optional[Union[str, ImageModel]] | NotGiven = NOT_GIVEN,
        n: Optional[int] | NotGiven = NOT_GIVEN,
        output_compression: Optional[int] | NotGiven = NOT_GIVEN,
        output_format: Optional[CreateImageEditRequestOutputFormat] | NotGiven = NOT_GIVEN,
        partial_images: Optional[int] | NotGiven = NOT_GIVEN,
        quality: Optional[CreateImageEditRequestQuality] | NotGiven = NOT_GIVEN,
        response_format: Optional[CreateImageEditRequestResponseFormat] | NotGiven = NOT_GIVEN,
        size: Optional[Union[str, ImageEditSize]] | NotGiven = NOT_GIVEN,
        stream: bool,
        user: str | NotGiven = NOT_GIVEN,
        extra_headers: Optional[Headers] = None,
        extra_query: Optional[Query] = None,
        extra_body: Optional[Body] = None,
        timeout: Union[float, httpx.Timeout, None, NotGiven] = NOT_GIVEN,
    ) -> Union[ImagesResponse, AsyncStream[ImageEditStreamEvent]]: ...

    async def edit(
        self,
        *,
        image: Union[FileTypes, Sequence[FileTypes]],
        prompt: str,
        background: Optional[CreateImageEditRequestBackground] | NotGiven = NOT_GIVEN,
        input_fidelity: Optional[InputFidelity] | NotGiven = NOT_GIVEN,
        mask: FileTypes | NotGiven = NOT_GIVEN,
        model: Optional[Union[str, ImageModel]] | NotGiven = NOT_GIVEN,
        n: Optional[int] | NotGiven = NOT_GIVEN,
        output_compression: Optional[int] | NotGiven = NOT_GIVEN,
        output_format: Optional[CreateImageEditRequestOutputFormat] | NotGiven = NOT_GIVEN,
        partial_images: Optional[int] | NotGiven = NOT_GIVEN,
        quality: Optional[CreateImageEditRequestQuality] | NotGiven = NOT_GIVEN,
        response_format: Optional[CreateImageEditRequestResponseFormat] | NotGiven = NOT_GIVEN,
        size: Optional[Union[str, ImageEditSize]] | NotGiven = NOT_GIVEN,
        stream: Optional[bool] | NotGiven = NOT_GIVEN,
        user: str | NotGiven = NOT_GIVEN,
        extra_headers: Optional[Headers] = None,
        extra_query: Optional[Query] = None,
        extra_body: Optional[Body] = None,
        timeout: Union[float, httpx.Timeout, None, NotGiven] = NOT_GIVEN,
    ) -> Union[ImagesResponse, AsyncStream[ImageEditStreamEvent]]:
        """Edit or extend one or more source images following a text prompt.

        GPT image models accept up to 16 source images; `dall-e-2` accepts a single square PNG. An optional
        mask marks, with fully transparent pixels, the area to change in the first image.

        Args:
            image: The image or images to edit. GPT image models take up to 16 `png`, `webp` or `jpg`
                files under 50MB each; `dall-e-2` takes one square `png` under 4MB.

            prompt: The edit to make. GPT image models take up to 32000 characters, `dall-e-2` up to
                1000.

            background: Background transparency, for GPT image models only. `auto` (the default) lets
                the model choose. `gpt-image-2` and `gpt-image-2-2026-04-21` reject `transparent`; with
                `transparent`, use the `png` or `webp` output format.

            input_fidelity: How closely the edit keeps the style and features, faces above all, of the
                input images. Supported by `gpt-image-1`, `gpt-image-1.5` and later models, not by
                `gpt-image-1-mini`. Defaults to `low`.

            mask: A PNG the size of `image` (under 4MB) whose fully transparent pixels mark where to
                edit. With several images, it applies to the first.

            model: The model that makes the edit: `dall-e-2` or a GPT image model. Defaults to
                `gpt-image-1.5`.

            n: How many edited images to make, from 1 to 10. Defaults to `1` on the server.

            output_compression: Compression level in percent (0-100) for `webp` and `jpeg` output of the
                GPT image models. Defaults to 100.

            output_format: File format of the returned images, for GPT image models only. Defaults to
                `"png"` on the server.

            partial_images: How many partial images to stream before the final one, from 0 to 3. With 0
                the image arrives in a single event. The final image can arrive before all partial images if
                it is ready sooner. Defaults to `0` on the server.

            quality: Image quality for GPT image models. Defaults to `auto`.

            response_format: How `dall-e-2` returns images: as a `url` (valid for 60 minutes, the
                default) or inline as `b64_json`. GPT image models always return base64.

            size: Size of the edited images. Any `WIDTHxHEIGHT` string is accepted by `gpt-image-2` and
                `gpt-image-2-2026-04-21` (both sides divisible by 16, aspect ratio between 1:3 and 3:1, at
                most `3840x2160`). GPT image models also take the listed sizes and `auto`; `dall-e-2` takes
                `256x256`, `512x512` or `1024x1024`. Defaults to `"1024x1024"` on the server.

            stream: Send the result as a stream of server-sent events, with partial images first.
                Defaults to false.

            user: A stable identifier of your end user, which helps detect abuse.

            extra_headers: Headers to add to this request; `Omit()` removes one.

            extra_query: Query parameters to add to this request.

            extra_body: Fields to add to the request body.

            timeout: Seconds (or an `httpx.Timeout`) for this request; `None` waits forever.
        """
        from ..types import ImageEditStreamEvent, ImagesResponse  # the models, and pydantic, load on first use

        return cast(
            Union[ImagesResponse, AsyncStream[ImageEditStreamEvent]],
            await self._client.request(
                RequestOptions(
                    method="post",
                    path="/images/edits",
                    body=multipart_body(
                        {
                            "image": image,
                            "prompt": prompt,
                            "background": background,
                            "input_fidelity": input_fidelity,
                            "mask": mask,
                            "model": model,
                            "n": n,
                            "output_compression": output_compression,
                            "output_format": output_format,
                            "partial_images": partial_images,
                            "quality": quality,
                            "response_format": response_format,
                            "size": size,
                            "stream": stream,
                            "user": user,
                        },
                        extra_body,
                        files=("image", "mask"),
                    ),
                    stream=bool(stream),
                    extra_headers=extra_headers,
                    extra_query=extra_query,
                    timeout=timeout,
                ),
                cast_to=ImagesResponse,
                event_type=ImageEditStreamEvent,
                mode=self._mode,
            ),
        )

    @overload
    async def generate(
        self,
        *,
        prompt: str,
        background: Optional[CreateImageRequestBackground] | NotGiven = NOT_GIVEN,
        model: Optional[Union[str, ImageModel]] | NotGiven = NOT_GIVEN,
        moderation: Optional[CreateImageRequestModeration] | NotGiven = NOT_GIVEN,
        n: Optional[int] | NotGiven = NOT_GIVEN,
        output_compression: Optional[int] | NotGiven = NOT_GIVEN,
        output_format: Optional[CreateImageRequestOutputFormat] | NotGiven = NOT_GIVEN,
        partial_images: Optional[int] | NotGiven = NOT_GIVEN,
        quality: Optional[CreateImageRequestQuality] | NotGiven = NOT_GIVEN,
        response_format: Optional[CreateImageRequestResponseFormat] | NotGiven = NOT_GIVEN,
        size: Optional[Union[str, ImageGenerationSize]] | NotGiven = NOT_GIVEN,
        stream: Optional[Literal[False]] | NotGiven = NOT_GIVEN,
        style: Optional[CreateImageRequestStyle] | NotGiven = NOT_GIVEN,
        user: str | NotGiven = NOT_GIVEN,
        extra_headers: Optional[Headers] = None,
        extra_query: Optional[Query] = None,
        extra_body: Optional[Body] = None,
        timeout: Union[float, httpx.Timeout, None, NotGiven] = NOT_GIVEN,
    ) -> ImagesResponse: ...

    @overload
    async def generate(
        self,
        *,
        prompt: str,
        background: Optional[CreateImageRequestBackground] | NotGiven = NOT_GIVEN,
        model: Optional[Union[str, ImageModel]] | NotGiven = NOT_GIVEN,
        moderation: Optional[CreateImageRequestModeration] | NotGiven = NOT_GIVEN,
        n: Optional[int] | NotGiven = NOT_GIVEN,
        output_compression: Optional[int] | NotGiven = NOT_GIVEN,
        output_format: Optional[CreateImageRequestOutputFormat] | NotGiven = NOT_GIVEN,
        partial_images: Optional[int] | NotGiven = NOT_GIVEN,
        quality: Optional[CreateImageRequestQuality] | NotGiven = NOT_GIVEN,
        response_format: Optional[CreateImageRequestResponseFormat] | NotGiven = NOT_GIVEN,
        size: Optional[Union[str, ImageGenerationSize]] | NotGiven = NOT_GIVEN,
        stream: Literal[True],
        style: Optional[CreateImageRequestStyle] | NotGiven = NOT_GIVEN,
        user: str | NotGiven = NOT_GIVEN,
        extra_headers: Optional[Headers] = None,
        extra_query: Optional[Query] = None,
        extra_body: Optional[Body] = None,
        timeout: Union[float, httpx.Timeout, None, NotGiven] = NOT_GIVEN,
    ) -> AsyncStream[ImageGenStreamEvent]: ...

    @overload
    async def generate(
        self,
        *,
        prompt: str,
        background: Optional[CreateImageRequestBackground] | NotGiven = NOT_GIVEN,
        model: Optional[Union[str, ImageModel]] | NotGiven = NOT_GIVEN,
        moderation: Optional[CreateImageRequestModeration] | NotGiven = NOT_GIVEN,
        n: Optional[int] | NotGiven = NOT_GIVEN,
        output_compression: Optional[int] | NotGiven = NOT_GIVEN,
        output_format: Optional[CreateImageRequestOutputFormat] | NotGiven = NOT_GIVEN,
        partial_images: Optional[int] | NotGiven = NOT_GIVEN,
        quality: Optional[CreateImageRequestQuality] | NotGiven = NOT_GIVEN,
        response_format: Optional[CreateImageRequestResponseFormat] | NotGiven = NOT_GIVEN,
        size: Optional[Union[str, ImageGenerationSize]] | NotGiven = NOT_GIVEN,
        stream: bool,
        style: Optional[CreateImageRequestStyle] | NotGiven = NOT_GIVEN,
        user: str | NotGiven = NOT_GIVEN,
        extra_headers: Optional[Headers] = None,
        extra_query: Optional[Query] = None,
        extra_body: Optional[Body] = None,
        timeout: Union[float, httpx.Timeout, None, NotGiven] = NOT_GIVEN,
    ) -> Union[ImagesResponse, AsyncStream[ImageGenStreamEvent]]: ...

    async def generate(
        self,
        *,
        prompt: str,
        background: Optional[CreateImageRequestBackground] | NotGiven = NOT_GIVEN,
        model: Optional[Union[str, ImageModel]] | NotGiven = NOT_GIVEN,
        moderation: Optional[CreateImageRequestModeration] | NotGiven = NOT_GIVEN,
        n: Optional[int] | NotGiven = NOT_GIVEN,
        output_compression: Optional[int] | NotGiven = NOT_GIVEN,
        output_format: Optional[CreateImageRequestOutputFormat] | NotGiven = NOT_GIVEN,
        partial_images: Optional[int] | NotGiven = NOT_GIVEN,
        quality: Optional[CreateImageRequestQuality] | NotGiven = NOT_GIVEN,
        response_format: Optional[CreateImageRequestResponseFormat] | NotGiven = NOT_GIVEN,
        size: Optional[Union[str, ImageGenerationSize]] | NotGiven = NOT_GIVEN,
        stream: Optional[bool] | NotGiven = NOT_GIVEN,
        style: Optional[CreateImageRequestStyle] | NotGiven = NOT_GIVEN,
        user: str | NotGiven = NOT_GIVEN,
        extra_headers: Optional[Headers] = None,
        extra_query: Optional[Query] = None,
        extra_body: Optional[Body] = None,
        timeout: Union[float, httpx.Timeout, None, NotGiven] = NOT_GIVEN,
    ) -> Union[ImagesResponse, AsyncStream[ImageGenStreamEvent]]:
        """Create one or more images from a text prompt.

        Pass `stream=True` (GPT image models only) to receive partial images as server-sent events while the
        final image is produced.

        Args:
            prompt: What the image should show. GPT image models take up to 32000 characters, `dall-e-3`
                up to 4000 and `dall-e-2` up to 1000.

            background: Background transparency, for GPT image models only. `auto` (the default) lets
                the model choose. `gpt-image-2` and `gpt-image-2-2026-04-21` reject `transparent`; with
                `transparent`, use the `png` or `webp` output format.

            model: The model that makes the image: `dall-e-2`, `dall-e-3` or a GPT image model.
                `dall-e-2` is used unless a parameter only GPT image models support is given. Defaults to
                `"dall-e-2"` on the server.

            moderation: How strictly GPT image models filter content: `low` filters less, `auto` (the
                default) is the standard level.

            n: How many images to make, from 1 to 10. `dall-e-3` only makes one. Defaults to `1` on the
                server.

            output_compression: Compression level in percent (0-100) for `webp` and `jpeg` output of the
                GPT image models. Defaults to 100.

            output_format: File format of the returned images, for GPT image models only. Defaults to
                `"png"` on the server.

            partial_images: How many partial images to stream before the final one, from 0 to 3. With 0
                the image arrives in a single event. The final image can arrive before all partial images if
                it is ready sooner. Defaults to `0` on the server.

            quality: Image quality. `auto` (the default) picks the best the model offers; GPT image
                models take `high`, `medium` or `low`; `dall-e-3` takes `hd` or `standard`; `dall-e-2` only
                `standard`.

            response_format: How `dall-e-2` and `dall-e-3` return images: as a `url` (valid for 60
                minutes) or inline as `b64_json`. GPT image models always return base64. Defaults to `"url"`
                on the server.

            size: Size of the images. Any `WIDTHxHEIGHT` string is accepted by `gpt-image-2` and
                `gpt-image-2-2026-04-21` (both sides divisible by 16, aspect ratio between 1:3 and 3:1, at
                most `3840x2160`; above `2560x1440` is experimental). GPT image models also take the listed
                sizes and `auto`; `dall-e-2` takes `256x256`, `512x512` or `1024x1024`; `dall-e-3` takes
                `1024x1024`, `1792x1024` or `1024x1792`. Defaults to `"auto"` on the server.

            stream: Send the result as a stream of server-sent events, with partial images first. GPT
                image models only. Defaults to false.

            style: Look of `dall-e-3` images: `vivid` leans to dramatic, hyper-real pictures, `natural`
                to plainer ones. Defaults to `"vivid"` on the server.

            user: A stable identifier of your end user, which helps detect abuse.

            extra_headers: Headers to add to this request; `Omit()` removes one.

            extra_query: Query parameters to add to this request.

            extra_body: Fields to add to the request body.

            timeout: Seconds (or an `httpx.Timeout`) for this request; `None` waits forever.
        """
        from ..types import ImageGenStreamEvent, ImagesResponse  # the models, and pydantic, load on first use

        return cast(
            Union[ImagesResponse, AsyncStream[ImageGenStreamEvent]],
            await self._client.request(
                RequestOptions(
                    method="post",
                    path="/images/generations",
                    body=json_body(
                        {
                            "prompt": prompt,
                            "background": background,
                            "model": model,
                            "moderation": moderation,
                            "n": n,
                            "output_compression": output_compression,
                            "output_format": output_format,
                            "partial_images": partial_images,
                            "quality": quality,
                            "response_format": response_format,
                            "size": size,
                            "stream": stream,
                            "style": style,
                            "user": user,
                        },
                        extra_body,
                    ),
                    stream=bool(stream),
                    extra_headers=extra_headers,
                    extra_query=extra_query,
                    timeout=timeout,
                ),
                cast_to=ImagesResponse,
                event_type=ImageGenStreamEvent,
                mode=self._mode,
            ),
        )


class AsyncImagesWithRawResponse:
    def __init__(self, resource: AsyncImages) -> None:
        raw = AsyncImages(resource._client, mode="raw")
        self.create_variation = async_to_raw_response_wrapper(raw.create_variation)
        self.edit = async_to_raw_response_wrapper(raw.edit)
        self.generate = async_to_raw_response_wrapper(raw.generate)


class AsyncImagesWithStreamingResponse:
    def __init__(self, resource: AsyncImages) -> None:
        raw = AsyncImages(resource._client, mode="raw_stream")
        self.create_variation = async_to_streamed_response_wrapper(raw.create_variation)
        self.edit = async_to_streamed_response_wrapper(raw.edit)
        self.generate = async_to_streamed_response_wrapper(raw.generate)
