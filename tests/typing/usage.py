"""Checked by `make typecheck` (mypy --strict), never run: the types users see are right.

`assert_type` fails the check when a type is not the one stated; a `type: ignore` that is not
needed fails it too (strict mode warns on unused ignores), so the bad calls below prove that
mypy rejects them.
"""

from __future__ import annotations

from typing import Any, Union

import httpx
from images_client import (
    APIResponse,
    APIStatusError,
    AsyncAPIResponse,
    AsyncImagesClient,
    AsyncStream,
    DefaultAsyncHttpxClient,
    DefaultHttpxClient,
    ImagesClient,
    Stream,
    StreamedAPIResponse,
    not_given,
    omit,
)
from images_client.types import ImageEditStreamEvent, ImageGenStreamEvent, ImagesResponse
from typing_extensions import assert_type


def sync_usage(client: ImagesClient, flag: bool) -> None:
    assert_type(client.images.generate(prompt="otter"), ImagesResponse)
    assert_type(client.images.generate(prompt="otter", stream=False), ImagesResponse)
    assert_type(client.images.generate(prompt="otter", stream=True), Stream[ImageGenStreamEvent])
    assert_type(client.images.generate(prompt="otter", stream=flag),
                Union[ImagesResponse, Stream[ImageGenStreamEvent]])
    assert_type(client.images.edit(image=b"x", prompt="hat", stream=True), Stream[ImageEditStreamEvent])
    assert_type(client.images.create_variation(image=("a.png", b"x", "image/png")), ImagesResponse)
    client.images.generate(prompt="otter", size="1536x864", model="a-model-from-next-year")  # open enums
    client.images.edit(image=[b"a", open("b.png", "rb")], prompt="hat", mask=b"m")
    raw = client.images.with_raw_response.create_variation(image=b"x")
    assert_type(raw, APIResponse[ImagesResponse])
    assert_type(raw.parse(), ImagesResponse)
    assert_type(raw.retries_taken, int)
    with client.images.with_streaming_response.generate(prompt="otter") as streamed:
        assert_type(streamed, StreamedAPIResponse[ImagesResponse])
        assert_type(streamed.parse(), ImagesResponse)
    assert_type(client.is_closed(), bool)
    assert_type(client.images.generate(prompt="otter").to_json(), str)

    client.images.generate(prompt="otter", quality="ultra")  # type: ignore[call-overload]
    client.images.generate(prompt="otter", n="2")  # type: ignore[call-overload]
    client.images.generate("otter")  # type: ignore[call-overload]
    client.images.create_variation(image=b"x", stream=True)  # type: ignore[call-arg]


async def async_usage(client: AsyncImagesClient) -> None:
    assert_type(await client.images.generate(prompt="otter"), ImagesResponse)
    stream = await client.images.generate(prompt="otter", stream=True)
    assert_type(stream, AsyncStream[ImageGenStreamEvent])
    async for event in stream:
        if event.type == "image_generation.completed":
            assert_type(event.usage.total_tokens, int)

    raw = await client.images.with_raw_response.generate(prompt="otter")
    assert_type(raw, AsyncAPIResponse[ImagesResponse])
    assert_type(await raw.parse(), ImagesResponse)  # awaited, as the official AsyncAPIResponse has it
    assert_type(await raw.read(), bytes)
    assert_type(await raw.text(), str)
    assert_type(await raw.json(), Any)
    assert_type(raw.retries_taken, int)
    raw.parse()  # type: ignore[unused-coroutine]
    raw_stream = await client.images.with_raw_response.generate(prompt="otter", stream=True)
    assert_type(await raw_stream.parse(), AsyncStream[ImageGenStreamEvent])
    async with client.images.with_streaming_response.generate(prompt="otter") as streamed:
        assert_type(await streamed.parse(), ImagesResponse)


def official_surface(error: APIStatusError) -> None:
    """What code written for the official package uses, typed as there."""
    assert_type(error.request_id, Union[str, None])

    def token() -> str:
        return "sk-rotating"

    async def async_token() -> str:
        return "sk-rotating"

    client = ImagesClient(api_key=token, default_query={"api-version": "2024-10-21"},
                          default_headers={"Authorization": omit, "api-key": "k"},
                          http_client=DefaultHttpxClient(proxy="http://proxy.internal:3128"))
    assert_type(DefaultHttpxClient(timeout=5.0), httpx.Client)
    assert_type(client.copy(set_default_headers={}, default_query={"region": "eu"}), ImagesClient)
    assert_type(client.with_options(api_key="sk-other", set_default_query={}), ImagesClient)
    assert_type(client.images.generate(prompt="otter", n=omit, size=not_given), ImagesResponse)
    AsyncImagesClient(api_key=async_token, http_client=DefaultAsyncHttpxClient())
    AsyncImagesClient(api_key=token)  # type: ignore[arg-type]  # the async client awaits its key function
    ImagesClient(api_key=async_token)  # type: ignore[arg-type]
    DefaultHttpxClient(timeuot=5.0)  # type: ignore[call-arg]  # httpx's arguments, checked by name
