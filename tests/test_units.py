"""Unit tests of the generator's pure functions: naming, schema → type, annotations, unasync,
views, import pruning and literals. Each points at one function, so a failure names the fault."""

from __future__ import annotations

import json
import keyword
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from generator.black_style import LINE_LENGTH, black_format
from generator.errors import SpecError
from generator.ir.build import build_api
from generator.ir.naming import class_name, field_name, snake_name, words
from generator.ir.nodes import FileUpload, ListOf, LiteralOf, MapOf, NamedType, Primitive, UnionOf
from generator.ir.types import ANY, NONE, SchemaShapes, TypeConverter
from generator.options import Options
from generator.render.annotations import annotation
from generator.render.imports import prune_unused_imports
from generator.render.unasync import UnasyncError, to_sync, with_twin
from generator.render.views import operation_view, parameter_line, self_only_def, sum_argument
from generator.spec.loading import load_spec
from generator.spec.schemas import SchemaGraph
from generator.text import python_literal

from .conftest import property_settings

# ---- naming ----


@pytest.mark.parametrize(("text", "snake", "pascal"), [
    ("imageModel", "image_model", "ImageModel"),
    ("HTTPResponse", "http_response", "HTTPResponse"),
    ("max-size", "max_size", "MaxSize"),
    ("café", "cafe", "Cafe"),
    ("9lives", "field_9lives", "Model9lives"),
    ("class", "class_", "Class"),
    ("", "field", "Model"),
    ("$$$", "field", "Model"),
])
def test_names(text: str, snake: str, pascal: str) -> None:
    assert snake_name(text) == snake and class_name(text) == pascal


def test_field_names_keep_safe_wire_names_and_avoid_pydantic_and_our_methods() -> None:
    assert field_name("b64_json") == "b64_json"
    assert field_name("model_config") == "model_config_" and field_name("to_dict") == "to_dict_"
    assert field_name("café") == "cafe" and field_name("class") == "class_" and field_name("_x") == "x"


@property_settings(200)
@given(st.text(max_size=30))
def test_any_text_gives_an_identifier(text: str) -> None:
    name = snake_name(text)
    assert name.isidentifier() and name.isascii() and words(name) == words(name.rstrip("_"))
    assert class_name(text).isidentifier()


# ---- schema → type ----


def converter(schemas: dict[str, Any] | None = None, tmp_path: Path | None = None) -> TypeConverter:
    assert tmp_path is not None
    spec = tmp_path / "spec.json"
    spec.write_text(json.dumps({"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "paths": {},
                                "components": {"schemas": schemas or {}}}))
    graph = SchemaGraph(load_spec(spec, "spec.json"))
    return TypeConverter(graph, SchemaShapes.of(graph), lambda pointer: "Inline")


@pytest.mark.parametrize(("schema", "expected"), [
    ({"type": "string"}, Primitive("str")),
    ({"type": "string", "format": "date-time"}, Primitive("datetime")),
    ({"type": "string", "format": "uuid"}, Primitive("UUID")),
    ({"type": "string", "format": "email"}, Primitive("str")),
    ({"type": "string", "format": "binary"}, FileUpload()),
    ({"type": "string", "nullable": True}, UnionOf((Primitive("str"), NONE))),
    ({"type": ["integer", "null"]}, UnionOf((Primitive("int"), NONE))),
    ({"anyOf": [{"type": "number"}, {"type": "null"}]}, UnionOf((Primitive("float"), NONE))),
    ({"enum": ["a", "b", None]}, UnionOf((NamedType("Inline"), NONE))),  # its values get a name; null stays out
    ({"enum": ["only", None]}, UnionOf((LiteralOf(("only",)), NONE))),  # a tag value is no set to name
    ({"const": 3}, LiteralOf((3,))),
    ({"anyOf": [{"type": "string"}, {"enum": ["x"]}]}, UnionOf((Primitive("str"), LiteralOf(("x",))))),
    ({"anyOf": [{"type": "string"}, {"enum": ["x", "y"]}]}, UnionOf((Primitive("str"), NamedType("Inline")))),
    ({"anyOf": [{"enum": ["a"]}, {"const": "b"}]}, LiteralOf(("a", "b"))),
    ({"type": "array", "items": {"type": "boolean"}}, ListOf(Primitive("bool"))),
    ({"type": "object", "additionalProperties": {"type": "integer"}}, MapOf(Primitive("int"))),
    ({"type": "object"}, MapOf(ANY)),
    ({}, ANY),
    ({"allOf": [{"type": "integer"}]}, Primitive("int")),
    ({"type": "object", "properties": {"a": {"type": "string"}}}, NamedType("Inline", True)),
    ({"allOf": [{"$ref": "#/components/schemas/A"}, {"$ref": "#/components/schemas/B"}]}, NamedType("Inline", True)),
    ({"$ref": "#/components/schemas/A"}, NamedType("A", True)),
    ({"$ref": "#/components/schemas/Bounded"}, Primitive("int")),
])
def test_schema_to_type(schema: dict[str, Any], expected: Any, tmp_path: Path) -> None:
    types = converter({"A": {"type": "object"}, "B": {"type": "object"}, "Bounded": {"type": "integer"}},
                      tmp_path)
    assert types.convert(types.graph.parse(schema, "/x")) == expected


def test_a_recursive_alias_stays_named(tmp_path: Path) -> None:
    types = converter({"Json": {"anyOf": [{"type": "string"}, {"type": "array",
                                                              "items": {"$ref": "#/components/schemas/Json"}}]}},
                      tmp_path)
    assert types.convert(types.graph.parse({"$ref": "#/components/schemas/Json"}, "/x")) == NamedType("Json")


# ---- inline class names ----


def build(tmp_path: Path, document: dict[str, Any], **options: Any) -> Any:
    spec = tmp_path / "spec.json"
    spec.write_text(json.dumps({"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, **document}))
    return build_api(load_spec(spec, "spec.json"), Options(**options))[0]


def test_inline_schemas_are_named_after_where_they_stand(tmp_path: Path) -> None:
    obj = {"type": "object", "properties": {"v": {"type": "integer"}}}
    api = build(tmp_path, {"paths": {"/notes": {"post": {
        "operationId": "createNote",
        "requestBody": {"content": {"application/json": {"schema": {"type": "object", "properties": {
            "meta": obj, "either": {"anyOf": [obj, {"type": "string"}, obj]}, "maybe": {"anyOf": [obj,
                                                                                               {"type": "null"}]}}}}}},
        "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {
            "type": "object", "properties": {"thing": {"$ref": "#/components/schemas/Thing"}}}}}}}}}},
        "components": {"schemas": {"Thing": {"type": "object", "properties": {
            "tags": {"type": "array", "items": obj}, "map": {"type": "object", "additionalProperties": obj}}}}}})
    assert {m.name for m in api.models} == {
        "CreateNoteMeta", "CreateNoteEitherVariant1", "CreateNoteEitherVariant3", "CreateNoteMaybe",
        "CreateNoteResponse", "Thing", "ThingTagsItem", "ThingMapValue"}


def test_client_name_and_environment_from_spec_or_option(tmp_path: Path) -> None:
    spec = {"info": {"title": "t", "version": "1", "x-python-client-name": "AcmeClient",
                     "x-python-env-prefix": "ACME"}, "servers": [{"url": "https://acme.test/v2"}], "paths": {}}
    api = build(tmp_path, spec)
    assert (api.client_name, api.env.api_key, api.env.base_url, api.base_url) == (
        "AcmeClient", "ACME_API_KEY", "ACME_BASE_URL", "https://acme.test/v2")
    api = build(tmp_path, spec, client_name="Other", env_prefix="OTHER")
    assert (api.client_name, api.env.api_key, api.settings) == ("Other", "OTHER_API_KEY", ())  # not OpenAI's
    api = build(tmp_path, {"paths": {}})  # the title `t` names it
    assert (api.client_name, api.env.api_key, api.base_url) == ("TClient", "T_API_KEY",
                                                               "https://api.openai.com/v1")
    # OpenAI's server: its settings
    assert [(s.name, s.env, s.wire) for s in api.settings] == [("organization", "T_ORG_ID", "OpenAI-Organization"),
                                                               ("project", "T_PROJECT_ID", "OpenAI-Project")]
    api = build(tmp_path, {"info": {"title": "REST API v2", "version": "1"}, "paths": {}})  # no word to name it by
    assert (api.client_name, api.env.api_key) == ("ImagesClient", "IMAGES_API_KEY")
    with pytest.raises(SpecError, match="--client-name: the client class name"):
        build(tmp_path, {"paths": {}}, client_name="not-a-class")
    with pytest.raises(SpecError, match="environment prefix"):
        build(tmp_path, {"info": {"title": "t", "version": "1", "x-python-env-prefix": "lower"}, "paths": {}})


@pytest.mark.parametrize(("url", "openai"), [
    ("https://api.openai.com/v1", True), ("https://eu.api.openai.com/v1", True), ("https://openai.com", True),
    ("https://api.github.com", False), ("https://notopenai.com/v1", False), ("https://openai.com.evil.test", False),
    ("http://127.0.0.1:4010", False)])
def test_only_a_client_of_openai_has_its_organization_and_project(url: str, openai: bool) -> None:
    from generator.ir.build import is_openai

    assert is_openai(url) is openai


# ---- annotations ----


@pytest.mark.parametrize(("type_", "arg", "result"), [
    (ANY, "object", "Any"),
    (Primitive("datetime"), "Union[str, datetime]", "datetime"),
    (NamedType("Thing", True), "Union[Thing, Mapping[str, object]]", "Thing"),
    (NamedType("Mode"), "Mode", "Mode"),
    (ListOf(NamedType("Thing", True)), "Sequence[Union[Thing, Mapping[str, object]]]", "List[Thing]"),
    (FileUpload(), "FileTypes", "bytes"),
    (UnionOf((Primitive("str"), LiteralOf(("a",)), NONE)), 'Optional[Union[str, Literal["a"]]]',
     'Optional[Union[str, Literal["a"]]]'),
])
def test_annotations(type_: Any, arg: str, result: str) -> None:
    assert annotation(type_) == arg and annotation(type_, for_input=False) == result


# ---- literals ----


@property_settings(300)
@given(st.recursive(st.one_of(st.text(), st.integers(), st.booleans(), st.none(), st.floats(allow_nan=False)),
                    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
                    max_leaves=8))
def test_python_literal_round_trips_in_ascii(value: Any) -> None:
    source = python_literal(value)
    assert source.isascii() and eval(source, {"__builtins__": {"float": float}}) == value


# ---- unasync ----


def test_unasync_rules() -> None:
    source = '''class AsyncThing(AsyncStream[T]):
    """Use `async for x in AsyncStream`."""

    async def go(self) -> Awaitable[Dict[str, Awaitable[int]]]:
        async with self.lock:
            await self.response.aclose()
        return [x async for x in self.aiter_bytes()]
'''
    assert to_sync(source, {"AsyncThing": "Thing"}) == '''class Thing(Stream[T]):
    """Use `for x in Stream`."""

    def go(self) -> Dict[str, int]:
        with self.lock:
            self.response.close()
        return [x for x in self.iter_bytes()]
'''


@pytest.mark.parametrize("name", ["AsyncUnknown", "async_helper", "__afoo__", "aiter_things"])
def test_unasync_refuses_a_name_without_a_twin(name: str) -> None:
    with pytest.raises(UnasyncError, match=name):
        to_sync(f"x = {name}\n")


def test_unasync_leaves_other_words_alone() -> None:
    source = "asyncio.run(main)\nAsyncio = 1\nclass Awaiting: ...\n"
    assert to_sync(source) == source


def test_a_stale_twin_is_found_and_rewritten() -> None:
    from generator.render.unasync import END_MARKER, SOURCE_MARKER, TWIN_MARKER

    module = (f"{SOURCE_MARKER}\n\n\nasync def get() -> None:\n    await go()\n\n\n"
              f"{TWIN_MARKER}\n\n\ndef old() -> None:\n    pass\n\n\n{END_MARKER}\n")
    fresh = with_twin(module)
    assert "def get() -> None:\n    go()" in fresh and "def old" not in fresh
    assert with_twin(fresh) == fresh


# ---- views and imports ----


def test_a_long_path_is_laid_out_as_black_lays_it_out() -> None:
    """A method black finds as it was rendered is one whose sync twin needs no formatting: the
    path argument comes out of the template on one line, or a term a line, as black would have it."""
    parts = ('"/repos/"', 'path_param("owner", owner)', '"/"', 'path_param("repository_name", repository_name)',
             '"/actions/runs/"', 'path_param("run_id", run_id)', '"/attempts"')
    for terms in (1, 3, 5, 7):
        for column in (8, 16, 20, 24, 48):
            argument = sum_argument(parts[:terms], "path", column - 4, 4)  # written 4 columns to the left
            blocks = "".join("    " * depth + "if x:\n" for depth in range(column // 4 - 1))
            inner = " " * (column - 4)
            body = "\n".join(" " * column + line.lstrip(" ") if index else " " * column + line
                              for index, line in enumerate(argument.split("\n")))
            source = f"{blocks}{inner}y = call(\n{body}\n{inner})\n"
            assert black_format(source) == source, source
            one_line = f"path={' + '.join(parts[:terms])},"
            assert ("\n" in argument) == (terms > 1 and column + len(one_line) > LINE_LENGTH)


_CLASS = st.from_regex(r"[A-Z][A-Za-z0-9]{2,70}", fullmatch=True)
_PARAMETER = st.from_regex(r"[a-z][a-z_]{0,40}", fullmatch=True).filter(lambda name: not keyword.iskeyword(name))
_ANNOTATION = st.one_of(
    _CLASS,
    st.lists(_CLASS, min_size=1, max_size=4).map(lambda names: f"Union[{', '.join(names)}, Mapping[str, object]]"),
    st.lists(st.from_regex(r"[a-z|_ ]{1,30}", fullmatch=True), min_size=1, max_size=6).map(
        lambda values: f"Literal[{', '.join(python_literal(v) for v in values)}]"),
).flatmap(lambda inner: st.sampled_from([inner, f"Optional[{inner}]", f"Sequence[{inner}]"]))


@given(name=_PARAMETER, annotation=_ANNOTATION, optional=st.booleans())
@example(name="connection", optional=True, annotation=(
    "Union[DatabasesListClustersResponseDatabasesItemConnection, Mapping[str, object]]"))  # in parentheses, alone
@example(name="maintenance_window", optional=True, annotation=(
    "Optional[Union[DatabasesListClustersResponseDatabasesItemMaintenanceWindow, Mapping[str, object]]]"))  # `|` a line
@property_settings(ci_examples=200)
def test_a_long_parameter_is_laid_out_as_black_lays_it_out(name: str, annotation: str, optional: bool) -> None:
    """Black is the oracle: where `parameter_line` chooses a layout, black keeps it (and where it
    gives up, it says so by returning the line too long, for black to split)."""
    annotation, default = (f"{annotation} | NotGiven", " = NOT_GIVEN") if optional else (annotation, "")
    line = parameter_line(name, annotation, default, 8)
    source = f"class A:\n    def f(\n        self,\n        *,\n        {line}\n    ) -> None:\n        pass\n"
    longest = max(len(text) for text in source.split("\n"))
    if longest <= LINE_LENGTH:
        assert black_format(source) == source
    else:  # given up: one line, which black splits
        assert "\n" not in line and black_format(source) != source
    if optional and 12 + len(annotation) <= LINE_LENGTH:
        assert longest <= LINE_LENGTH  # the simple case is never given up


def test_a_property_too_long_for_its_line_is_laid_out_as_black_lays_it_out() -> None:
    for width in range(60, 120, 3):  # the return annotation's length: one line, then `self` on its own
        definition = self_only_def("Async" + "W" * width, "with_streaming_response")
        source = f"class A:\n    @property\n    {definition}\n        return 1\n"
        assert black_format(source) == source, source
        assert ("\n" in definition) == (4 + len(f"def with_streaming_response(self) -> Async{'W' * width}:") > 120)


def test_path_parameters_are_encoded_and_headers_merged(tmp_path: Path) -> None:
    api = build(tmp_path, {"paths": {"/folders/{folder id}/x": {"get": {
        "operationId": "look",
        "parameters": [{"name": "folder id", "in": "path", "required": True, "schema": {"type": "string"}},
                       {"name": "X-Tag", "in": "header", "schema": {"type": "string"}}],
        "responses": {"204": {"description": "none"}}}}}})
    view = operation_view(api.resources[0].operations[0])
    assert view.path_parts == ('"/folders/"', 'path_param("folder_id", folder_id)', '"/x"')
    assert (view.header_entries, view.headers_extra) == (('"X-Tag": x_tag',), "extra_headers")
    assert view.body is None and "extra_headers: Headers to add" in view.docstring


def test_upload_fields_are_named_for_the_encoder(tmp_path: Path) -> None:
    api = build(tmp_path, {"paths": {"/up": {"post": {
        "operationId": "up",
        "requestBody": {"content": {"multipart/form-data": {"schema": {"type": "object", "properties": {
            "file": {"type": "string", "format": "binary"}, "note": {"type": "string"},
            "more": {"type": "array", "items": {"type": "string", "format": "binary"}}}}}}},
        "responses": {"204": {"description": "none"}}}}}})
    body = operation_view(api.resources[0].operations[0]).body
    assert body is not None and body.encoder == "multipart_body" and body.files == '("file", "more")'


def test_unused_imports_are_pruned_but_prose_does_not_count() -> None:
    source = '''from a import used, unused, in_fstring, in_all, time
"""time flies in the module docstring"""

__all__ = ["in_all"]


def f() -> None:
    """time again"""  # and time in a comment
    used()
    print(f"{in_fstring}")
'''
    assert prune_unused_imports(source).splitlines()[0] == "from a import used, in_fstring, in_all"
