"""The generated client against Steady, which rejects (400) any request that breaks the spec."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from .conftest import SPEC, STEADY_SPEC, Driver

pytestmark = pytest.mark.steady

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def test_generate_minimal(steady_driver: Driver) -> None:
    from images_client.types import ImagesResponse

    result = steady_driver.call("generate", prompt="A cute baby sea otter")
    assert isinstance(result, ImagesResponse)
    assert isinstance(result.created, int)


def test_generate_every_parameter(steady_driver: Driver) -> None:
    result = steady_driver.call(
        "generate",
        prompt="A cute baby sea otter",
        background="opaque",
        model="gpt-image-2-2026-04-21",
        moderation="low",
        n=2,
        output_compression=80,
        output_format="webp",
        partial_images=2,
        quality="high",
        response_format="b64_json",
        size="1536x864",  # open enum: any WIDTHxHEIGHT string
        stream=False,
        style="natural",
        user="user-1234",
    )
    assert type(result).__name__ == "ImagesResponse"


def test_generate_explicit_nulls(steady_driver: Driver) -> None:
    nulls: dict[str, None] = {"partial_images": None}
    if STEADY_SPEC == SPEC:
        # The official spec spells these `nullable: true` inside a 3.1 document, which 3.1 (and
        # so Steady) ignores; ours says `type: [X, "null"]`, so they are nullable for both.
        nulls.update(model=None, size=None, quality=None, n=None)
    result = steady_driver.call("generate", prompt="otter", **nulls)
    assert type(result).__name__ == "ImagesResponse"


@pytest.mark.parametrize(
    "image",
    [
        pytest.param(PNG, id="bytes"),
        pytest.param(io.BytesIO(PNG), id="file-object"),
        pytest.param(("otter.png", PNG, "image/png"), id="tuple"),
        pytest.param([PNG, ("b.png", PNG)], id="list"),
    ],
)
def test_edit_file_forms(steady_driver: Driver, image: object) -> None:
    result = steady_driver.call("edit", image=image, prompt="Add a red hat")
    assert type(result).__name__ == "ImagesResponse"


def test_edit_path_and_mask_and_all_parameters(steady_driver: Driver, tmp_path: Path) -> None:
    image = tmp_path / "otter.png"
    image.write_bytes(PNG)
    mask = tmp_path / "mask.png"
    mask.write_bytes(PNG)
    result = steady_driver.call(
        "edit",
        image=[image, image],
        mask=mask,
        prompt="Add a red hat",
        background="transparent",
        input_fidelity="high",
        model="gpt-image-1.5",
        n=3,
        output_compression=50,
        output_format="png",
        partial_images=1,
        quality="medium",
        response_format="b64_json",
        size="1024x1024",
        stream=False,
        user="user-1234",
    )
    assert type(result).__name__ == "ImagesResponse"


def test_create_variation(steady_driver: Driver, tmp_path: Path) -> None:
    image = tmp_path / "otter.png"
    image.write_bytes(PNG)
    with image.open("rb") as handle:
        result = steady_driver.call(
            "create_variation", image=handle, model="dall-e-2", n=2, response_format="url", size="512x512", user="u"
        )
    assert type(result).__name__ == "ImagesResponse"


def test_generate_stream(steady_driver: Driver) -> None:
    from images_client.types import ImageGenCompletedEvent, ImageGenPartialImageEvent

    events = steady_driver.call("generate", prompt="otter", stream=True, partial_images=2)
    assert isinstance(events, list) and events
    for event in events:
        assert isinstance(event, (ImageGenPartialImageEvent, ImageGenCompletedEvent))
        assert event.type in ("image_generation.partial_image", "image_generation.completed")
        assert isinstance(event.b64_json, str)


def test_edit_stream(steady_driver: Driver) -> None:
    from images_client.types import ImageEditCompletedEvent, ImageEditPartialImageEvent

    events = steady_driver.call("edit", image=[PNG], prompt="hat", stream=True)
    assert isinstance(events, list) and events
    for event in events:
        assert isinstance(event, (ImageEditPartialImageEvent, ImageEditCompletedEvent))
        assert event.type.startswith("image_edit.")


def test_spec_violation_is_a_bad_request(steady_driver: Driver) -> None:
    """Proves Steady validates what we send: a wrongly typed field comes back as 400."""
    from images_client import BadRequestError

    with pytest.raises(BadRequestError) as info:
        steady_driver.call("generate", prompt="otter", extra_body={"n": "three"})
    assert info.value.status_code == 400
    assert "body.n" in info.value.response.headers.get("x-steady-error-1-path", "")
