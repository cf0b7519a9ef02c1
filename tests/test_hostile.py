"""Hostile specs: whatever text and names a spec holds, the output is valid, importable code
that treats them as data, or the generator says clearly why it cannot; never a traceback."""

from __future__ import annotations

import importlib
import itertools
import json
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.errors import SpecError
from generator.output.writing import write_tree
from generator.pipeline import generate_files

from .conftest import property_settings

EVIL_TEXT = ['"""', "'''", "\\", "\\n", "{{ 7*7 }}", "{% if x %}", "{#", "\x00", "\x07", "\u202e", "\u2066",
             "\r\n", "\t", "é", "😀", "`", "'", '"', "#", "\\u0041"]
EVIL_NAMES = ["class", "import", "from", "type", "print", "self", "model_config", "model_fields", "extra_headers",
              "extra_body", "timeout", "a-b", "a.b", "a b", "9lives", "naïve", "ünïcödé", "__init__", "_private",
              "x", "X", "None", "True", "match", "async"]
COUNTER = itertools.count()

text = st.lists(st.one_of(st.sampled_from(EVIL_TEXT), st.text(max_size=5)), max_size=6).map("".join)
name = st.one_of(st.sampled_from(EVIL_NAMES), st.from_regex(r"[A-Za-z][A-Za-z0-9_.\- ]{0,8}", fullmatch=True))
scalar = st.one_of(
    st.just({"type": "string"}), st.just({"type": "integer"}), st.just({"type": "number"}),
    st.just({"type": "boolean"}), st.just({"type": ["string", "null"]}),
    st.just({"type": "integer", "nullable": True}),
    st.just({"anyOf": [{"type": "string"}, {"type": "null"}]}),
    st.lists(st.one_of(text, st.sampled_from(["it's", 'say "hi"', "back\\slash"])), min_size=1, max_size=4,
             unique=True).map(lambda values: {"type": "string", "enum": values}),
    st.just({"type": "array", "items": {"type": "string"}}),
    st.just({"anyOf": [{"type": "string"}, {"type": "string", "enum": ["a", "b"]}]}),
)


def with_description(schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {**schema, "description": description} if description else schema


@st.composite
def specs(draw: st.DrawFn) -> dict[str, Any]:
    props = draw(st.dictionaries(name, st.tuples(scalar, text), min_size=1, max_size=6))
    properties = {k: with_description(s, d) for k, (s, d) in props.items()}
    multipart = draw(st.booleans())
    body_props = dict(properties)
    if multipart:
        body_props[draw(name)] = {"type": "string", "format": "binary"}
    model_name = draw(st.from_regex(r"[A-Za-z][A-Za-z0-9_.\-]{0,10}", fullmatch=True))
    return {
        "openapi": "3.1.0",
        "info": {"title": draw(text) or "t", "version": "1.0.0", "description": draw(text)},
        "paths": {"/things/{id}": {"post": {
            "operationId": draw(name),
            "tags": [draw(name)],
            "summary": draw(text),
            "description": draw(text),
            "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}],
            "requestBody": {"content": {("multipart/form-data" if multipart else "application/json"): {
                "schema": {"type": "object", "properties": body_props,
                           "required": sorted(draw(st.sets(st.sampled_from(sorted(body_props)))))}}}},
            "responses": {"200": {"description": draw(text) or "ok", "content": {"application/json": {
                "schema": {"$ref": f"#/components/schemas/{model_name}"}}}}},
        }}},
        "components": {"schemas": {model_name: {"type": "object", "description": draw(text),
                                                "properties": properties}}},
    }


@property_settings(40)  # HYPOTHESIS_EXAMPLES=300 for a deeper, random search
@given(spec=specs())
def test_any_spec_gives_importable_code_or_a_clear_error(spec: dict[str, Any], tmp_path_factory: Any) -> None:
    folder = tmp_path_factory.mktemp("hostile")
    path = folder / "spec.json"
    path.write_text(json.dumps(spec))
    package = f"hostile_{next(COUNTER)}"
    try:
        files = generate_files(path, package)
    except SpecError as exc:
        assert exc.problems and all(str(p).startswith(str(p.file)) for p in exc.problems)
        return
    out = folder / "out"
    write_tree(out, files)
    assert all(Path(out, rel).resolve().is_relative_to(out.resolve()) for rel in files)  # nothing escapes
    for rel, data in files.items():
        if rel.endswith(".py"):
            compile(data, rel, "exec")
    sys.path.insert(0, str(out))
    try:
        module = importlib.import_module(package)
        assert module.__all__[:3] == ["types", module.__all__[1], "Async" + module.__all__[1]]  # named by the title
        client = getattr(module, module.__all__[1])(api_key="sk-x", base_url="http://127.0.0.1:9")
        names = [n for n, v in vars(type(client)).items() if isinstance(v, property)]
        assert names  # every resource loads, with its models
        for resource_name in names:
            assert getattr(client, resource_name).with_raw_response is not None
        importlib.import_module(f"{package}.types")
    finally:
        sys.path.remove(str(out))
        for mod in [m for m in sys.modules if m == package or m.startswith(package + ".")]:
            del sys.modules[mod]


def test_descriptions_cannot_break_out_of_docstrings(tmp_path: Path) -> None:
    payload = '""" + __import__("os").system("echo pwned") + """'
    spec = {"openapi": "3.1.0", "info": {"title": payload, "version": "1"},
            "paths": {"/a": {"post": {"operationId": "a", "summary": payload,
                                      "responses": {"200": {"description": payload}}}}}}
    path = tmp_path / "spec.json"
    path.write_text(json.dumps(spec))
    files = generate_files(path, "payload_client")
    for rel, data in files.items():
        if rel.endswith(".py"):
            tree = compile(data, rel, "exec", flags=0x400)  # ast.PyCF_ONLY_AST
            calls = [n for n in __import__("ast").walk(tree) if getattr(n, "id", None) == "__import__"]
            assert not calls, rel


@pytest.mark.parametrize("bad_name", ["../../x", "a/b", "..", "x/../../y"])
def test_path_like_schema_names_are_rejected_or_contained(bad_name: str, tmp_path: Path) -> None:
    spec = {"openapi": "3.1.0", "info": {"title": "t", "version": "1"},
            "paths": {"/a": {"post": {"operationId": "a", "responses": {"200": {"description": "ok", "content": {
                "application/json": {"schema": {"$ref": "#/components/schemas/" + bad_name.replace("/", "~1")}}}}}}}},
            "components": {"schemas": {bad_name: {"type": "object", "properties": {"x": {"type": "string"}}}}}}
    path = tmp_path / "spec.json"
    path.write_text(json.dumps(spec))
    try:
        files = generate_files(path)
    except SpecError as exc:
        assert "does not match" in str(exc)  # OpenAPI allows only [a-zA-Z0-9._-] in component names
        return
    assert all(".." not in rel.split("/") for rel in files)


def test_names_differing_only_in_case_never_share_a_file(tmp_path: Path) -> None:
    def op(op_id: str, tag: str, schema: str) -> dict[str, Any]:
        return {"post": {"operationId": op_id, "tags": [tag], "responses": {"200": {"description": "ok", "content": {
            "application/json": {"schema": {"$ref": f"#/components/schemas/{schema}"}}}}}}}

    spec = {"openapi": "3.1.0", "info": {"title": "t", "version": "1"},
            "paths": {"/a": op("a", "Images", "ThingA"), "/b": op("b", "images", "Thinga"),
                      "/c": op("c", "IMAGES", "THINGA")},
            "components": {"schemas": {n: {"type": "object", "properties": {n.lower(): {"type": "string"}}}
                                       for n in ("ThingA", "Thinga", "THINGA")}}}
    path = tmp_path / "spec.json"
    path.write_text(json.dumps(spec))
    files = generate_files(path, "case_client")
    assert len({rel.lower() for rel in files}) == len(files)  # safe on case-insensitive filesystems
    resources = [rel for rel in files if "/resources/" in rel and not rel.endswith("__init__.py")]
    assert resources == ["case_client/resources/images.py"]  # the three tags are one resource
    models = files["case_client/types/__init__.py"].decode()
    assert all(f"class {n}(BaseModel)" in models for n in ("ThingA", "Thinga", "THINGA"))
