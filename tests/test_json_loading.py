"""A JSON spec is read by `json`, its lines found only when asked for: the same data, the same
line for every node, the same errors as reading it the YAML way.

The YAML way is reached with the same text behind a YAML comment line (a JSON file cannot start
with `#`), so every line there is one more; the test compares them node by node.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.errors import SpecError
from generator.spec.loading import JsonLines, LoadedSpec, load_spec

from .conftest import property_settings

ROOT = Path(__file__).resolve().parent.parent

# Keys that need escaping in a pointer, escapes JSON allows, nesting, empty containers, numbers.
TRICKY: dict[str, Any] = {
    "openapi": "3.1.0",
    "info": {"title": "t\u00e9st \"quoted\" \\ back/slash", "version": "1", "x-empty": {}, "x-list": []},
    "paths": {
        "/a/{id}": {"get": {"operationId": "a", "parameters": [{"name": "id", "in": "path", "required": True,
                                                                 "schema": {"type": "integer", "maximum": 1.5}}],
                            "responses": {"200": {"description": "ok"}}}},
        "/b~c": {"post": {"responses": {"default": {"description": "x", "content": {}}}}},
    },
    "components": {"schemas": {"": {"type": "null"}, "a~b/c": {"enum": [1, -2, 3.25, True, False, None, "s"]},
                               "nested": {"items": [[[], [{}]], {"k": [1, [2, [3]]]}]}}},
}


def layouts(document: Any) -> dict[str, str]:
    """The same document written several ways: compact, indented, CRLF, spaces around colons."""
    indented = json.dumps(document, indent=2)
    return {
        "compact": json.dumps(document),
        "indented": indented,
        "crlf": indented.replace("\n", "\r\n"),
        "airy": json.dumps(document, indent="\t", separators=(" , ", " :  ")),
        "escaped": json.dumps(document, indent=1, ensure_ascii=True).replace("/", "\\/"),
        "leading-blank-lines": "\n\n  " + indented + "\n\n",
    }


def both_ways(tmp_path: Path, text: str) -> tuple[LoadedSpec, LoadedSpec]:
    as_json, as_yaml = tmp_path / "spec.json", tmp_path / "spec.yaml"
    as_json.write_bytes(text.encode("utf-8"))
    as_yaml.write_bytes(("# the same, read as YAML\n" + text).encode("utf-8"))
    return load_spec(as_json, "spec.json"), load_spec(as_yaml, "spec.yaml")


@pytest.mark.parametrize("layout", sorted(layouts(TRICKY)))
def test_every_node_has_the_line_yaml_gives_it(layout: str, tmp_path: Path) -> None:
    fast, slow = both_ways(tmp_path, layouts(TRICKY)[layout])
    assert isinstance(fast.lines, JsonLines) and not isinstance(slow.lines, JsonLines)
    assert fast.data == slow.data == TRICKY
    expected = {pointer: line - 1 for pointer, line in slow.lines.items() if line is not None}
    shuffled = list(expected)
    random.Random(layout).shuffle(shuffled)  # asked for in any order, as problems come
    assert {pointer: fast.lines[pointer] for pointer in shuffled} == expected
    for pointer in shuffled:  # nothing more is there, below or beside each node
        for missing in (pointer + "/nothing", pointer + "/0", pointer + "x", pointer + "/"):
            if missing not in expected:
                assert missing not in fast.lines and fast.line_of(missing) == slow.line_of(missing) - 1  # type: ignore[operator]
    assert "no-slash" not in fast.lines


@pytest.mark.parametrize("layout", sorted(layouts(TRICKY)))
def test_listing_every_line_walks_the_whole_text(layout: str, tmp_path: Path) -> None:
    fast, slow = both_ways(tmp_path, layouts(TRICKY)[layout])
    fast.lines["/info/x-from-a-configuration"] = None  # set by a configuration, before listing
    listed = dict(fast.lines)  # what the bundler does
    expected = {pointer: line - 1 for pointer, line in slow.lines.items() if line is not None}
    assert listed == {**expected, "/info/x-from-a-configuration": None}
    assert list(listed)[:len(expected)] == list(expected)  # in the text's order
    fast.lines["/info/title"] = 99
    assert fast.lines["/info/title"] == 99 and len(fast.lines) == len(listed)


def test_lines_set_by_a_configuration_win(tmp_path: Path) -> None:
    text = json.dumps(TRICKY, indent=2)
    fast, _ = both_ways(tmp_path, text)
    fast.lines["/paths/~1a~1{id}/get/x-python-method-name"] = None
    assert fast.line_of("/paths/~1a~1{id}/get/x-python-method-name") is None
    operation_id = next(i for i, line in enumerate(text.splitlines(), 1) if '"operationId"' in line)
    assert fast.line_of("/paths/~1a~1{id}/get/operationId") == operation_id


@pytest.mark.parametrize("text", [
    '{"openapi": "3.1.0", "info": {"title": "a", "title": "b"}}',  # a duplicate key: YAML says where
    '{"openapi": "3.1.0", "info": {"title": NaN}}',  # not JSON; YAML reads it as a string
    '{"openapi": "3.1.0", "info": {"title": "a\u2028b"}}',  # a line break to YAML, not to JSON
    '{"openapi": "3.1.0",\r "info": {}}',  # an old Mac line end: YAML counts it
    '{"openapi": "3.1.0", "info": {}} trailing',  # not JSON at all
    '[{"openapi": "3.1.0"}]',  # JSON, but no mapping
])
def test_what_json_reads_otherwise_goes_the_yaml_way(text: str, tmp_path: Path) -> None:
    path = tmp_path / "spec.json"
    path.write_bytes(text.encode("utf-8"))
    yaml_path = tmp_path / "spec.yaml"
    yaml_path.write_bytes(b"# a comment\n" + text.encode("utf-8"))

    def outcome(path: Path) -> tuple[Any, ...]:
        try:
            spec = load_spec(path, "spec")
        except SpecError as exc:
            return ("error", [(p.pointer, p.message) for p in exc.problems])
        return ("loaded", spec.data, isinstance(spec.lines, JsonLines))

    result = outcome(path)
    assert result[-1] is not True  # not read by json
    assert result == outcome(yaml_path)  # the same data or errors as the YAML way (lines aside)


def test_a_duplicate_key_in_json_is_located_as_before(tmp_path: Path) -> None:
    path = tmp_path / "spec.json"
    path.write_text('{\n  "openapi": "3.1.0",\n  "info": {\n    "title": "a",\n    "title": "b"\n  }\n}\n')
    with pytest.raises(SpecError) as caught:
        load_spec(path, "spec.json")
    assert [str(problem) for problem in caught.value.problems] == ["spec.json:5: /info/title: duplicate key"]


def test_a_warning_in_a_json_spec_names_its_line(tmp_path: Path) -> None:
    document = {"openapi": "3.1.0", "info": {"title": "x", "version": "1"}, "paths": {"/a": {"get": {
        "operationId": "a", "responses": {"200": {"content": {"application/json": {"schema": {
            "$ref": "#/components/schemas/T"}}}}}}}},
        "components": {"schemas": {"T": {"type": "object", "required": ["n", "n"],
                                         "properties": {"n": {"type": "integer"}}}}}}
    text = json.dumps(document, indent=2)
    spec = tmp_path / "spec.json"
    spec.write_text(text)
    result = subprocess.run([sys.executable, "-m", "generator", "generate", "--spec", str(spec), "--out",
                             str(tmp_path / "out")], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    lines = text.splitlines()
    required = next(i for i, line in enumerate(lines, 1) if '"required"' in line)
    described = next(i for i, line in enumerate(lines, 1) if '"200"' in line)
    assert f"spec.json:{required}: /components/schemas/T/required: " in result.stderr, result.stderr
    assert f"spec.json:{described}: /paths/~1a/get/responses/200: " in result.stderr, result.stderr


def test_yaml_is_read_as_yaml_1_2_as_openapi_asks(tmp_path: Path) -> None:
    """The Norway problem: YAML 1.1 (PyYAML's) reads `NO` as false, `on` as true, `12:30` as 750 and
    `2024-01-01` as a date. OpenAPI asks for YAML 1.2: keys are their text, and only the core
    schema's spellings are booleans, numbers and null."""
    from generator.ir.nodes import LiteralOf
    from generator.options import Options
    from generator.pipeline import load_and_build

    path = tmp_path / "spec.yaml"
    path.write_text("""openapi: 3.1.0
info: {title: t, version: 2024-01-01}
paths:
  /places:
    get:
      operationId: listPlaces
      parameters:
        - {name: at, in: query, schema: {type: string, default: 12:30}}
      responses:
        200:
          description: ok
          content:
            application/json:
              schema:
                type: object
                properties:
                  country: {type: string, enum: [NO, SE, DK]}
                  switch: {enum: [on, off, yes, no, true, false]}
                  yes: {type: integer}
                  sizes: {type: array, items: {enum: [1e3, 0x1F, 0o17, 010, .5, -.inf, ~]}}
                  codes: {enum: [!!str 12, !!str 1e3, &seven !!str 7, !!str &eight 8, *seven, 9, !!int "10"]}
""")
    spec = load_spec(path, "spec")
    assert spec.data["info"]["version"] == "2024-01-01"
    schema = spec.data["paths"]["/places"]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    assert schema["properties"]["country"]["enum"] == ["NO", "SE", "DK"] and "yes" in schema["properties"]
    assert schema["properties"]["switch"]["enum"] == ["on", "off", "yes", "no", True, False]
    assert schema["properties"]["sizes"]["items"]["enum"] == [1000.0, 31, 15, 10, 0.5, float("-inf"), None]
    # a tag says what a scalar is: `!!str 12` is text
    assert schema["properties"]["codes"]["enum"] == ["12", "1e3", "7", "8", "7", 9, 10]
    bom = tmp_path / "bom.yaml"
    bom.write_text("\ufeffopenapi: 3.1.0\r\ninfo: {title: t, version: !!str 1e3}\r\npaths: {}\r\n")
    assert load_spec(bom, "bom").data["info"]["version"] == "1e3"
    _, api, _ = load_and_build(path, Options())
    (param,) = api.resources[0].operations[0].params
    assert param.default == '"12:30"'
    country = next(f for m in api.models for f in m.fields if f.wire_name == "country")
    alias = next(m for m in api.models if getattr(country.type, "name", "") == m.name)
    assert alias.alias_of == LiteralOf(("NO", "SE", "DK"))


# text YAML can carry in a file as it is (no control characters, no lone surrogates)
_texts = st.text(st.characters(blacklist_categories=("Cs", "Cc")))
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | _texts,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_texts, inner, max_size=4), max_leaves=12)


@property_settings(ci_examples=200)
@given(value=json_values, indent=st.sampled_from([None, 1]))
def test_json_text_read_as_yaml_is_what_json_reads(tmp_path_factory: pytest.TempPathFactory, value: Any,
                                                   indent: int | None) -> None:
    """YAML 1.2 is a superset of JSON: any JSON text, read the YAML way (behind a comment line),
    is the data `json` reads (YAML 1.1 read `1e5` as text)."""
    path = tmp_path_factory.mktemp("json") / "spec.yaml"
    text = json.dumps({"openapi": "3.1.0", "x": value}, indent=indent, ensure_ascii=False)
    path.write_text("# read the YAML way\n" + text, encoding="utf-8")
    assert load_spec(path, "spec").data == json.loads(text)
