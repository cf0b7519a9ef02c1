"""Every generated model takes the spec's own examples (issue 16, point 6).

For each named schema of a spec (and each property of it) that gives an `example` or `examples`,
an independent JSON Schema validator (`jsonschema`, over the whole document so `$ref`s resolve)
says whether the example is valid. Each valid one must then pass our model's strict validation,
the path the client's parsing takes first (`TypeAdapter(...).validate_json(..., strict=True)`);
falling back to lenient parsing would mean the model says something other than the schema. An
example the validator refuses is the spec's own defect: counted and printed, never a failure.
"""

from __future__ import annotations

import json
from pathlib import Path
from types import ModuleType
from typing import Any, Iterator

import jsonschema
import pydantic
import pytest
import referencing.exceptions

from generator.errors import pointer_parts
from generator.options import Options
from generator.pipeline import load_and_build
from generator.spec.refs import MISSING, find_in
from tests.conftest import ROOT, generated_package, upstream_or_skip

REALWORLD = ROOT / "tests" / "realworld" / "specs"


def _specs() -> list[Any]:
    return [pytest.param(REALWORLD / "apideck-ats.json", id="apideck-ats"),
            pytest.param("upstream", id="openai-whole")]


@pytest.fixture(scope="module", params=_specs())
def spec_and_package(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
                     ) -> Iterator[tuple[Path, ModuleType]]:
    spec = request.param
    if spec == "upstream":
        spec = upstream_or_skip()
    package = "examples_" + "".join(c if c.isalnum() else "_" for c in spec.stem)
    yield from ((spec, module) for module in generated_package(spec, package, "ExamplesClient",
                                                                tmp_path_factory.mktemp(package)))


def _examples(schema: Any) -> list[Any]:
    if not isinstance(schema, dict):
        return []
    found = [schema["example"]] if "example" in schema else []
    if isinstance(schema.get("examples"), list):
        found += schema["examples"]
    return found


def _valid(document: dict[str, Any], pointer: str, value: Any) -> bool:
    """The independent validator's answer: is `value` valid against the schema at `pointer`?"""
    schema = {**document, "$ref": "#" + pointer}
    schema.pop("paths", None)
    try:
        validator = jsonschema.Draft202012Validator
        validator(schema, format_checker=validator.FORMAT_CHECKER).validate(value)
    except jsonschema.ValidationError:
        return False
    except (jsonschema.SchemaError, referencing.exceptions.Unresolvable, RecursionError):
        return False  # a schema the validator cannot read says nothing about the example
    return True


def test_the_models_take_the_examples_the_schema_takes(spec_and_package: tuple[Path, ModuleType]) -> None:
    spec_path, package = spec_and_package
    spec, api, _ = load_and_build(spec_path, Options(package=package.__name__))
    types_module = __import__(f"{package.__name__}.types", fromlist=["*"])
    checked, refused, failures = 0, 0, []
    for model in api.models:
        schema = find_in(spec.data, pointer_parts(model.pointer))
        if schema is MISSING:
            continue
        target = getattr(types_module, model.name)
        cases = [(model.pointer, pydantic.TypeAdapter(target), example) for example in _examples(schema)]
        properties = schema.get("properties") if isinstance(schema, dict) else None
        for field in model.fields:
            prop = properties.get(field.wire_name) if isinstance(properties, dict) else None
            annotation = target.model_fields[field.py_name].annotation if field.py_name in target.model_fields \
                else None
            if annotation is not None:
                pointer = f"{model.pointer}/properties/{field.wire_name.replace('~', '~0').replace('/', '~1')}"
                cases += [(pointer, pydantic.TypeAdapter(annotation), example) for example in _examples(prop)]
        for pointer, adapter, example in cases:
            if not _valid(spec.data, pointer, example):
                refused += 1
                continue
            checked += 1
            try:
                adapter.validate_json(json.dumps(example), strict=True)
            except pydantic.ValidationError as exc:
                failures.append(f"{pointer}: {json.dumps(example)[:200]}\n{exc}")
    print(f"{spec_path.name}: {checked} examples the schema takes, all checked; "
          f"{refused} the schema itself refuses (the spec's defects, skipped)")
    assert checked > 0, "the spec was chosen for its examples: none was checked"
    assert not failures, "\n\n".join(failures[:10])
