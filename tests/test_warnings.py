"""Warnings are values: each stage returns what it found, and the loaded spec is never written to."""

from __future__ import annotations

import copy
from pathlib import Path

from generator.errors import Problem
from generator.ir.build import build_api
from generator.options import Options
from generator.pipeline import load_and_build
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
