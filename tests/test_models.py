"""Response models: lenient parsing that never guesses, and the surface users of the official
package rely on (to_dict, to_json, str, _request_id, `images_client.types`)."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any, Dict, List, Optional, Union

import pytest

from .conftest import CLIENT_DIR, Driver
from .scripted_server import Reply, ScriptedServer

SSE = {"content-type": "text/event-stream"}
USAGE = {"input_tokens": 1, "output_tokens": 2, "total_tokens": 3,
         "input_tokens_details": {"image_tokens": 0, "text_tokens": 1}}
COMPLETED = {"type": "image_generation.completed", "b64_json": "Zg==", "background": "opaque", "created_at": 2,
             "output_format": "png", "quality": "high", "size": "1024x1024", "usage": USAGE}


def parse(type_: Any, value: Any) -> Any:
    from images_client._models import parse_json

    return parse_json(type_, json.dumps(value))


# ---- lenient parsing keeps what it is given, and guesses nothing ----


def test_a_completed_event_with_a_newer_size_keeps_its_type(driver: Driver, server: ScriptedServer) -> None:
    from images_client.types import ImageGenCompletedEvent, ImagesUsage

    newer = {**COMPLETED, "size": "1536x864", "quality": "ultra"}
    server.script(Reply(headers=SSE, chunks=[f"data: {json.dumps(newer)}\n\n".encode()]))
    (completed,) = driver.call("generate", prompt="otter", stream=True)  # type: ignore[misc]
    assert type(completed) is ImageGenCompletedEvent
    assert (completed.size, completed.quality) == ("1536x864", "ultra")
    assert type(completed.usage) is ImagesUsage and completed.usage.total_tokens == 3


def test_an_unknown_tag_gives_the_generic_model_with_every_field() -> None:
    from images_client import UnknownEvent
    from images_client.types import ImageGenStreamEvent

    event = parse(ImageGenStreamEvent, {"type": "image_generation.moderated", "reason": "policy", "n": 2**70})
    assert type(event) is UnknownEvent
    assert (event.type, event.reason, event.n) == ("image_generation.moderated", "policy", 2**70)


def test_values_are_kept_exactly() -> None:
    from images_client.types import Image, ImagesResponse

    big = 2**53 + 1
    result = parse(ImagesResponse, {"created": big, "size": "1536x864", "data": [{"b64_json": 19, "url": None}],
                                    "usage": {"total_tokens": big}})
    assert result.created == big and type(result.created) is int
    assert type(result.data[0]) is Image and result.data[0].b64_json == 19
    assert result.usage.total_tokens == big and result.usage.input_tokens is None  # missing reads as None


def test_unions_of_lists_and_dicts_still_hold_models() -> None:
    from images_client.types import Image

    broken = {"b64_json": 19}  # fails validation, so the lenient path builds it
    as_list = parse(Union[List[Image], Dict[str, Image]], [broken, {"url": "u"}])
    assert [type(x) for x in as_list] == [Image, Image] and as_list[0].b64_json == 19
    as_dict = parse(Optional[Union[List[Image], Dict[str, Image]]], {"a": broken})
    assert type(as_dict["a"]) is Image and as_dict["a"].b64_json == 19


def test_scalars_in_unions_are_not_coerced() -> None:
    from images_client._models import BaseModel

    class Reading(BaseModel):
        value: Optional[Union[float, str]] = None
        label: Optional[str] = None
        kind: Optional[int] = None

    big = 2**53 + 1
    reading = parse(Reading, {"value": big, "label": 19, "kind": "seven"})  # label and kind fail: lenient path
    assert reading.value == big and type(reading.value) is int
    assert reading.label == 19 and reading.kind == "seven"


def test_an_ambiguous_untagged_object_is_left_as_given() -> None:
    from images_client._models import BaseModel

    class A(BaseModel):
        x: int

    class B(BaseModel):
        x: str

    class Holder(BaseModel):
        item: Union[A, B]
        other: List[int]

    holder = parse(Holder, {"item": {"x": [1]}, "other": ["not an int"]})
    assert holder.item == {"x": [1]}  # both models have every required field: choosing would be a guess
    only_a = parse(Holder, {"item": {"x": 5}, "other": ["not an int"]})
    assert type(only_a.item) is A  # the one member it validates as


def test_a_tagged_union_nested_in_a_union_is_flattened() -> None:
    from images_client.types import ImageEditStreamEvent, ImageGenCompletedEvent, ImageGenStreamEvent
    from pydantic import Field
    from typing_extensions import Annotated

    either = Annotated[Union[ImageGenStreamEvent, ImageEditStreamEvent], Field(discriminator="type")]
    event = parse(either, {**COMPLETED, "size": "1536x864"})
    assert type(event) is ImageGenCompletedEvent and event.size == "1536x864"


def test_valid_answers_take_the_fast_strict_path() -> None:
    from images_client.types import ImageGenCompletedEvent, ImageGenStreamEvent

    event = parse(ImageGenStreamEvent, COMPLETED)
    assert type(event) is ImageGenCompletedEvent
    assert event.model_fields_set >= {"type", "usage"}


# ---- the model surface ----


def test_to_dict_to_json_and_str() -> None:
    from images_client._models import BaseModel
    from pydantic import Field

    class Thing(BaseModel):
        class_: Optional[str] = Field(default=None, alias="class")
        count: Optional[int] = None

    thing = parse(Thing, {"class": "a", "extra": [1]})
    assert thing.to_dict() == {"class": "a", "extra": [1]}  # API names, only what was sent
    assert thing.to_dict(use_api_names=False) == {"class_": "a", "extra": [1]}
    assert thing.to_dict(exclude_unset=False) == {"class": "a", "count": None, "extra": [1]}
    assert json.loads(thing.to_json()) == {"class": "a", "extra": [1]}
    assert thing.to_json().startswith("{\n  ")  # indented by 2, as the official package does
    assert thing.to_json(indent=None) == '{"class":"a","extra":[1]}'
    assert str(thing).startswith("Thing(") and repr(thing).startswith("Thing(")


def test_request_id_comes_from_the_answer(driver: Driver, server: ScriptedServer) -> None:
    server.script(Reply(headers={"content-type": "application/json", "x-request-id": "req_42"}))
    result = driver.call("generate", prompt="otter")
    assert result._request_id == "req_42"  # type: ignore[attr-defined]
    assert "_request_id" not in result.to_dict() and "req_42" not in result.to_json()  # type: ignore[attr-defined]
    server.script(Reply(headers={"content-type": "application/json", "x-request-id": "req_43"}))
    raw = driver.run(driver.client.images.with_raw_response.generate(prompt="otter"))
    assert driver.run(raw.parse())._request_id == "req_43" and raw.request_id == "req_43"


@pytest.mark.parametrize("statement", [
    "from images_client import types; print(types.ImagesResponse.__name__)",
    "import images_client; print(images_client.types.ImagesResponse.__name__)",
    "import images_client.types as t; print(t.ImagesResponse.__name__)",
    "from images_client import BaseModel, UnknownEvent; print(UnknownEvent.__name__)",
])
def test_types_module_imports_every_way(statement: str) -> None:
    result = subprocess.run([sys.executable, "-c", statement], cwd=CLIENT_DIR, capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() in ("ImagesResponse", "UnknownEvent")
