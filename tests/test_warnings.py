"""Warnings are values: each stage returns what it found, and the loaded spec is never written to."""

from __future__ import annotations

import copy
from pathlib import Path

from generator.errors import Problem
from generator.ir.build import build_api
from generator.options import Options
from generator.pipeline import load_and_build
from generator.render.annotations import annotation
from generator.spec.loading import load_spec
from generator.spec.validation import validate_structure

# Two structure warnings (a response without a description, `x` required twice) and two of the IR
# (a property named "", a class name two schemas would share: a second build, which meets the first
# one's warnings again).
SPEC = """openapi: 3.1.0
info: {title: x, version: "1"}
paths:
  /a:
    post:
      operationId: a
      responses:
        '200':
          content:
            application/json:
              schema: {$ref: '#/components/schemas/image-model'}
components:
  schemas:
    ImageModel: {type: string, enum: [a]}
    image-model:
      type: object
      required: [x, x]
      properties:
        x: {type: string}
        '': {type: string}
"""
STRUCTURE = [(9, "/paths/~1a/post/responses/200", "a response should have a `description`"),
             (17, "/components/schemas/image-model/required", "names 'x' more than once (each is read once)")]
IR = [(20, "/components/schemas/image-model/properties/", "a property with an empty name is no field of the model; "
                                                          "its value is kept with the model's extra values"),
      (16, "/components/schemas/image-model", "this schema's Python class would be 'ImageModel', the class of "
                                              "another schema; it is 'ImageModel2' (x-python-class-name names it "
                                              "otherwise)")]


def _located(problems: list[Problem]) -> list[tuple[int | None, str, str]]:
    assert all(p.file == "spec.yaml" for p in problems), problems
    return [(p.line, p.pointer, p.message) for p in problems]


def _written(tmp_path: Path) -> Path:
    path = tmp_path / "spec.yaml"
    path.write_text(SPEC)
    return path


def test_validation_and_build_return_their_warnings_and_leave_the_spec_as_it_was(tmp_path: Path) -> None:
    spec = load_spec(_written(tmp_path), "spec.yaml")
    before = copy.deepcopy(vars(spec))
    for _ in range(2):  # twice: nothing found the first time is kept anywhere to be found again
        assert _located(validate_structure(spec)) == STRUCTURE
        api, warnings = build_api(spec, Options())
        assert _located(warnings) == IR  # each once, though both builds met the first
        assert [m.name for m in api.models] == ["ImageModel2"]
    assert vars(spec) == before and not hasattr(spec, "warnings")


def test_load_and_build_returns_every_warning_once_in_the_order_of_the_file(tmp_path: Path) -> None:
    _, _, warnings = load_and_build(_written(tmp_path), Options(), display="spec.yaml")
    assert _located(warnings) == sorted(STRUCTURE + IR)


def test_a_union_in_an_allof_is_a_located_warning_and_its_answers_are_kept(tmp_path: Path) -> None:
    """`allOf: [{$ref: Pet}, {properties: {extra}}]` where Pet is `oneOf` Cat/Dog: a class cannot
    be one of Pet's members, so it has `extra` alone; the warning says so at the allOf part (also
    nested one allOf deeper, or written inline), and an answer's other fields are kept, untyped."""
    path = tmp_path / "spec.yaml"
    path.write_text("""openapi: 3.1.0
info: {title: x, version: "1"}
paths:
  /a:
    get:
      operationId: a
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {type: array, items: {anyOf: [$ref: '#/components/schemas/Tagged',
                                                     $ref: '#/components/schemas/Deeper',
                                                     $ref: '#/components/schemas/Plain']}}
components:
  schemas:
    Cat: {type: object, properties: {meow: {type: boolean}}}
    Dog: {type: object, properties: {bark: {type: integer}}}
    Pet: {oneOf: [{$ref: '#/components/schemas/Cat'}, {$ref: '#/components/schemas/Dog'}]}
    Tagged:
      allOf:
        - $ref: '#/components/schemas/Pet'
        - {type: object, properties: {extra: {type: string}}}
    Deeper:
      allOf:
        - allOf: [{anyOf: [{$ref: '#/components/schemas/Cat'}, {type: string}]}]
        - {properties: {z: {type: number}}}
    Plain:
      allOf: [{$ref: '#/components/schemas/Cat'}, {properties: {y: {type: string}}}]
""")
    _, api, warnings = load_and_build(path, Options(), display="spec.yaml")
    unions = [(line, pointer) for line, pointer, message in _located(warnings) if "is a union" in message]
    assert unions == [(22, "/components/schemas/Tagged/allOf/0"), (26, "/components/schemas/Deeper/allOf/0/allOf/0")]
    fields = {m.name: [f.wire_name for f in m.fields] for m in api.models}
    assert fields["Tagged"] == ["extra"] and fields["Plain"] == ["meow", "y"]


ENUM_OF_OBJECTS = """openapi: 3.1.0
info: {title: x, version: "1"}
paths:
  /games:
    get:
      operationId: games
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Match'}
components:
  schemas:
    Match:
      type: object
      properties:
        game:
          type: object
          enum: [{id: 1, slug: lol}, {id: 3, slug: cs-go}]
        pair: {type: array, items: {type: integer}, enum: [[1, 2], [3, 4]]}
"""


def test_an_enum_of_objects_or_lists_is_a_warning_and_the_type_stands(tmp_path: Path) -> None:
    # JSON Schema allows any value in `enum` (pandascore's spec lists its videogames as objects);
    # no Literal can spell them, so the schema is read as if it had none, and says so
    path = tmp_path / "spec.yaml"
    path.write_text(ENUM_OF_OBJECTS)
    _, api, warnings = load_and_build(path, Options(), display="spec.yaml")
    assert [(p.line, p.pointer) for p in warnings] == [(20, "/components/schemas/Match/properties/game/enum"),
                                                       (21, "/components/schemas/Match/properties/pair/enum")]
    assert all("an enum of objects or lists" in p.message for p in warnings)
    (match,) = [m for m in api.models if m.name == "Match"]
    assert [annotation(f.type, for_input=False) for f in match.fields] == ["Dict[str, Any]", "List[int]"]


def test_allof_parts_that_type_a_property_apart_are_a_located_warning(tmp_path: Path) -> None:
    """`id` is a string in one part and an integer in another: no value is both, and the last part's
    type stands. A number refined to an integer, or a part that only describes, is no conflict."""
    path = tmp_path / "spec.yaml"
    path.write_text("""openapi: 3.0.3
info: {title: x, version: "1"}
paths:
  /a:
    get:
      operationId: a
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Both'}
components:
  schemas:
    Base:
      type: object
      properties:
        id: {type: string}
        n: {type: number}
        s: {type: string, nullable: true}
        r: {$ref: '#/components/schemas/Text'}
    Text: {type: string}
    Both:
      allOf:
        - $ref: '#/components/schemas/Base'
        - type: object
          properties:
            id: {type: integer}
            n: {type: integer}
            s: {description: refined}
            r: {type: array, items: {type: string}}
""")
    spec = load_spec(path, "spec.yaml")
    api, warnings = build_api(spec, Options())
    assert _located(warnings) == [
        (28, "/components/schemas/Both/allOf/1/properties/id", "the property 'id' of Both is `integer` here and "
         "`string` at /components/schemas/Base/properties/id: no value is both, and this type stands"),
        (31, "/components/schemas/Both/allOf/1/properties/r", "the property 'r' of Both is `array` here and "
         "`string` at /components/schemas/Base/properties/r: no value is both, and this type stands")]
    both = next(m for m in api.models if m.name == "Both")
    assert annotation(next(f for f in both.fields if f.wire_name == "id").type, for_input=False) == "int"
