"""Broken specs: exit 1, one located line per problem, no traceback, output folder untouched."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import GENERATED, ROOT

BROKEN = Path(__file__).parent / "fixtures" / "broken"

CASES = [
    # (fixture, "file:line: pointer: message" fragment)
    ("yaml_syntax", "yaml_syntax.yaml:3: /: YAML syntax error"),
    ("empty", "empty.yaml:1: /: the spec is empty"),
    ("list_document", "list_document.yaml:1: /: the spec must be a mapping"),
    ("not_openapi", "not_openapi.yaml:1: /: not an OpenAPI document"),
    ("swagger", "swagger.yaml:1: /swagger: this is a Swagger 2.0 document"),
    ("shape", "shape.yaml:3: /paths: must be a mapping of paths to path items, not 5"),
    ("unresolved", "unresolved.yaml:12: /paths/~1a/post/responses/200/content/application~1json/schema/$ref: "
                   "unresolved reference #/components/schemas/Nope"),
    ("unknown_type", "unknown_type.yaml:18: /components/schemas/T/properties/x/type: unknown type 'strng'"),
    ("unknown_type_in_parameter", "unknown_type_in_parameter.yaml:16: /components/parameters/Limit/schema/type: "
                                  "unknown type 'integr'"),
]


@pytest.fixture(scope="module")
def existing_output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("out") / "generated"
    shutil.copytree(GENERATED, out)
    return out


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {p.relative_to(folder).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
            for p in folder.rglob("*") if p.is_file()}


@pytest.mark.parametrize(("name", "expected"), CASES, ids=[c[0] for c in CASES])
def test_broken_spec(name: str, expected: str, existing_output: Path) -> None:
    before = snapshot(existing_output)
    result = subprocess.run(
        [sys.executable, "-m", "generator", "generate", "--spec", f"{name}.yaml", "--out", str(existing_output)],
        cwd=BROKEN, capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("error: the spec has 1 problem; nothing was written\n")
    assert f"  {expected}" in result.stderr, result.stderr
    assert snapshot(existing_output) == before


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    spec = tmp_path / "many.yaml"
    spec.write_text((BROKEN / "unknown_type.yaml").read_text().replace("strng", "strg") + (
        "    A: {type: strng}\n    B: {$ref: '#/components/schemas/Missing'}\n"))
    result = subprocess.run([sys.executable, "-m", "generator", "check", "--spec", str(spec)], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 1
    assert "the spec has 3 problems" in result.stderr, result.stderr
    assert len([line for line in result.stderr.splitlines() if line.startswith("  ")]) == 3


def test_examples_are_data(tmp_path: Path) -> None:
    """A `type` or `$ref` inside an example payload is data, not a schema or a reference."""
    spec = tmp_path / "examples.yaml"
    spec.write_text("""openapi: 3.1.0
info: {title: x, version: "1"}
paths:
  /a:
    post:
      operationId: a
      requestBody:
        content:
          application/json:
            schema:
              type: object
              properties:
                role: {type: string, example: {type: message, $ref: '#/nowhere'}}
            example: {type: message, content: [{type: input_text, $ref: '#/nowhere'}]}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {type: object, default: {type: strange}}
              examples:
                one: {value: {type: message}}
      x-oaiMeta: {example: {type: weird, $ref: '#/nowhere'}}
""")
    result = subprocess.run([sys.executable, "-m", "generator", "generate", "--spec", str(spec), "--out",
                             str(tmp_path / "out")], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


STRUCTURE = {  # (what is broken, where the spec's problem line points, its message)
    "parameter-without-in": ("/paths/~1a/get/parameters/0", "a parameter needs `in`"),
    "parameter-in-body": ("/paths/~1a/get/parameters/0/in", "must be query, header, path or cookie, not 'body'"),
    "path-without-slash": ("/paths/a", "a path must start with `/`"),
    "status-code": ("/paths/~1a/get/responses/twohundred", "is not a status code"),
    "required-flag-on-a-schema": ("/components/schemas/T/required", "must be a list of property names"),
    "operation-id-number": ("/paths/~1a/get/operationId", "must be text, not 5"),
}


def _document(case: str) -> dict[str, object]:
    operation: dict[str, object] = {"operationId": "a", "responses": {"204": {"description": "none"}}}
    paths: dict[str, object] = {"/a": {"get": operation}}
    schemas: dict[str, object] = {"T": {"type": "object"}}
    if case == "parameter-without-in":
        operation["parameters"] = [{"name": "q", "schema": {"type": "string"}}]
    elif case == "parameter-in-body":
        operation["parameters"] = [{"name": "q", "in": "body", "schema": {"type": "string"}}]
    elif case == "path-without-slash":
        paths = {"a": {"get": operation}}
    elif case == "status-code":
        operation["responses"] = {"twohundred": {"description": "ok"}}
    elif case == "required-flag-on-a-schema":
        schemas["T"] = {"type": "object", "required": True}
    elif case == "operation-id-number":
        operation["operationId"] = 5
    return {"openapi": "3.1.0", "info": {"title": "x", "version": "1"}, "paths": paths,
            "components": {"schemas": schemas}}


@pytest.mark.parametrize("case", sorted(STRUCTURE))
def test_structure_errors_are_located(case: str, tmp_path: Path) -> None:
    import json

    spec = tmp_path / "spec.json"
    spec.write_text(json.dumps(_document(case)))
    result = subprocess.run([sys.executable, "-m", "generator", "generate", "--spec", str(spec), "--out",
                             str(tmp_path / "out")], cwd=ROOT, capture_output=True, text=True)
    pointer, message = STRUCTURE[case]
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f": {pointer}: " in result.stderr and message in result.stderr, result.stderr
    assert not (tmp_path / "out").exists()


def test_what_leaves_a_spec_usable_is_a_located_warning(tmp_path: Path) -> None:
    """The kinds of defect the upstream OpenAI file has: generation goes on, each is shown where it is."""
    spec = tmp_path / "spec.yaml"
    spec.write_text("""openapi: 3.1.0
info: {title: x, version: "1"}
paths:
  /a:
    get:
      operationId: a
      responses:
        '200':
          content:
            application/json:
              schema: {$ref: '#/components/schemas/T'}
components:
  schemas:
    T:
      type: object
      $recursiveAnchor: true
      required: [n, n]
      properties:
        n: {type: number, exclusiveMinimum: true, minimum: 0}
        mode: {type: string, enum: [a, b], default: c}
        children: {type: array, items: {$recursiveRef: "#"}}
""")
    result = subprocess.run([sys.executable, "-m", "generator", "generate", "--spec", str(spec), "--out",
                             str(tmp_path / "out")], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "warning: the spec has 5 things to fix (generation goes on):" in result.stderr
    for line, pointer in ((9, "/paths/~1a/get/responses/200"), (16, "/components/schemas/T/$recursiveAnchor"),
                          (17, "/components/schemas/T/required"),
                          (19, "/components/schemas/T/properties/n/exclusiveMinimum"),
                          (20, "/components/schemas/T/properties/mode/default")):
        assert f"spec.yaml:{line}: {pointer}: " in result.stderr, result.stderr
    types = (tmp_path / "out" / "images_client" / "types" / "__init__.py").read_text()
    assert "children: Optional[List[T]]" in types  # $recursiveRef "#" is the component itself


def test_a_duplicate_operation_id_is_a_located_warning_and_both_operations_are_methods(tmp_path: Path) -> None:
    spec = tmp_path / "spec.yaml"
    spec.write_text("""openapi: 3.1.0
info: {title: x, version: "1"}
paths:
  /a:
    post:
      operationId: same
      tags: [things]
      responses: {'200': {description: ok}}
  /b:
    post:
      operationId: same
      tags: [things]
      responses: {'200': {description: ok}}
""")
    result = subprocess.run([sys.executable, "-m", "generator", "generate", "--spec", str(spec), "--out",
                             str(tmp_path / "out")], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "spec.yaml:11: /paths/~1b/post/operationId: duplicate operationId 'same'; first used at " \
           "/paths/~1a/post/operationId" in result.stderr, result.stderr
    things = (tmp_path / "out" / "images_client" / "resources" / "things.py").read_text()
    assert "    def same(\n" in things and "    def same_2(\n" in things


def test_openapi_spec_validator_agrees_where_it_can_tell(tmp_path: Path) -> None:
    """An independent oracle: it accepts the specs we accept (ours, the official images spec, every
    fixture) and rejects the structurally broken ones we reject."""
    import json

    from openapi_spec_validator import validate
    from openapi_spec_validator.readers import read_from_filename

    from .conftest import OFFICIAL_SPEC, SPEC

    accepted = [SPEC, *sorted((ROOT / "tests" / "fixtures" / "specs").glob("*.yaml"))]
    if OFFICIAL_SPEC.exists():
        accepted.append(OFFICIAL_SPEC)
    for path in accepted:
        validate(read_from_filename(str(path))[0])
    for case in STRUCTURE:
        with pytest.raises(Exception):  # noqa: B017 - any of the oracle's errors
            validate(_document(case))
    for name in ("shape", "unknown_type", "unresolved"):
        with pytest.raises(Exception):  # noqa: B017
            validate(read_from_filename(str(BROKEN / f"{name}.yaml"))[0])
    assert json  # used above
