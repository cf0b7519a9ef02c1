"""Shapes the realworld corpus (`make realworld`) found refused or broken, each fixed and kept so:
a `$ref` whose pointer is percent-encoded (DigitalOcean, RFC 6901 section 6), a path item that is
a `$ref` (to `components/pathItems`), a tag named like a runtime name (`Query`) or like a name the
client module imports (`Self`, mist.com's), schemas named like what the modules import (Jira's
`Field`), parameters, methods and tags named like what the code around them uses (`cast`,
`withRawResponse`, `copy`), an argument that only looks async (Twilio's `AsyncAmd`), an enum of floats (a Literal
cannot hold one), a `false` schema (codat's).
"""

from __future__ import annotations

import ast
import functools
import importlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from generator.errors import SpecError
from generator.ir.naming import BODY_NAMES, CLIENT_ATTRIBUTES, METHOD_ARGUMENTS, RESOURCE_ATTRIBUTES
from generator.ir.nodes import NamedType, Primitive, UnionOf
from generator.options import Options
from generator.pipeline import generate_files, load_and_build

from .conftest import FIXTURES, generated_package

SPEC = FIXTURES / "shapes" / "realworld_shapes.yaml"


def test_every_operation_is_a_method_with_the_right_names() -> None:
    _, api, _ = load_and_build(SPEC, Options())
    methods = {(r.attr_name, r.class_name, op.method_name) for r in api.resources for op in r.operations}
    assert ("b", "B", "get") in methods  # the path item by `$ref`
    assert any(cls == "QueryResource" and name == "c" for _, cls, name in methods)
    assert any(cls == "SelfResource" for _, cls, _ in methods)  # `Self` is typing's, in the client module (mist.com)
    c = next(op for r in api.resources for op in r.operations if op.method_name == "c")
    assert c.response is not None  # the percent-encoded pointer found its schema
    (amd,) = c.params
    assert amd.py_name == "async_amd"
    alias = next(m for m in api.models if m.name in repr(amd.type))
    assert alias.alias_of == Primitive("float")


def test_a_callback_given_by_ref_is_no_error() -> None:
    """peertube's spec gives a callback as a `$ref` to `components/callbacks` (OpenAPI allows a
    Reference there): the spec was refused ("must be a mapping (a path item)"); callbacks are not
    generated, and the operation is a method as any other."""
    _, api, warnings = load_and_build(SPEC, Options())
    assert not [w for w in warnings if "callbacks" in w.pointer]
    assert any(op.path == "/strictness" for r in api.resources for op in r.operations)


def test_a_false_schema_is_read_as_any_value_with_a_warning() -> None:
    """codat's 3.1 spec gives a property the schema `false` (no value is valid): a warning at its
    place, and the property typed as any value, not a refusal of the spec."""
    _, api, warnings = load_and_build(SPEC, Options())
    pointer = "/paths/~1connection/get/responses/200/content/application~1json/schema/properties/additionalProperties"
    assert [w.pointer for w in warnings if "`false` schema" in w.message] == [pointer]
    model = next(m for m in api.models if any(f.wire_name == "additionalProperties" for f in m.fields))
    (field,) = [f for f in model.fields if f.wire_name == "additionalProperties"]
    assert "Any" in repr(field.type)


def test_models_named_like_imports_get_a_suffix_and_a_chosen_one_is_an_error(tmp_path: Path) -> None:
    """Jira's `Field` schema, and others named like what the models module or a resource module
    imports: each class gets `Model` appended (a real `FieldModel` beside them keeps its name by
    the rules for two schemas, or takes the next); `test_the_package_type_checks` runs mypy on them."""
    _, api, warnings = load_and_build(SPEC, Options())
    by_pointer = {m.pointer: m.name for m in api.models if m.pointer.startswith("/components/schemas/")}
    assert {p.rsplit("/", 1)[1]: n for p, n in by_pointer.items()}.items() >= {
        "Field": "FieldModel", "Query": "QueryModel", "Optional": "OptionalModel", "BaseModel": "BaseModelModel",
        "Stream": "StreamModel", "ImageFile": "ImageFileModel", "FieldModel": "FieldModel2"}.items()
    assert any(w.pointer == "/components/schemas/FieldModel" and "'FieldModel2'" in w.message for w in warnings)
    spec = tmp_path / "chosen.yaml"
    chosen = "    Query: {x-python-class-name: Headers, type: object,"
    spec.write_text(SPEC.read_text().replace("    Query: {type: object,", chosen))
    with pytest.raises(SpecError) as caught:
        load_and_build(spec, Options())
    (problem,) = caught.value.problems
    assert problem.pointer == "/components/schemas/Query/x-python-class-name" and problem.line
    assert "'Headers' is a name the generated modules import" in problem.message


def test_parameters_named_like_what_a_method_calls_are_renamed_and_sent_by_their_wire_names(
        tmp_path: Path) -> None:
    """A path parameter `cast` would shadow `cast(...)` in the method's body, a body field
    `json_body` the helper that encodes the body: each gets a trailing `_` (mypy passes on the
    package in `test_the_package_type_checks`), and the request still says `cast` and `json_body`."""
    import httpx

    seen: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={"title": "Alien"})

    for package in generated_package(SPEC, "movies_client", "MoviesClient", tmp_path):
        client = package.MoviesClient(api_key="k", base_url="http://api.test",
                                      http_client=httpx.Client(transport=httpx.MockTransport(answer)))
        movie = client.movies.find("sigourney", query_params_="q", header_params_="h", json_body_="j")
        assert movie.title == "Alien"
    (request,) = seen
    assert request.url.path == "/movies/sigourney" and request.url.params["query_params"] == "q"
    assert request.headers["header_params"] == "h" and json.loads(request.content) == {"json_body": "j"}
    assert BODY_NAMES <= METHOD_ARGUMENTS


def test_a_media_type_that_is_no_media_type_is_sent_as_bytes(tmp_path: Path) -> None:
    """spoonacular's spec names a request body's media type `""`: its bytes go as
    `application/octet-stream`, with a warning where the name stands (before, the method called
    the encoder without its media type: a TypeError, and mypy's [call-arg]). An answer of that
    media type is a `BinaryResponse` asked for with `Accept: */*` (not an empty `Accept`)."""
    import httpx

    _, _, warnings = load_and_build(SPEC, Options())
    assert [w.pointer for w in warnings if "is not a media type" in w.message] == [
        "/paths/~1templates/post/requestBody/content/"]
    seen: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200)

    for package in generated_package(SPEC, "templates_client", "TemplatesClient", tmp_path):
        client = package.TemplatesClient(api_key="k", base_url="http://api.test",
                                         http_client=httpx.Client(transport=httpx.MockTransport(answer)))
        answer_ = client.templates.add(body=b'{"hash": "h"}')
        assert answer_.content == b""  # an answer of media type `""`: its bytes, whatever they are
    (request,) = seen
    assert request.headers["content-type"] == "application/octet-stream" and request.content == b'{"hash": "h"}'
    assert request.headers["accept"] == "*/*"


def test_a_request_body_with_no_media_type_is_no_body(tmp_path: Path) -> None:
    """just-eat's spec gives two operations `requestBody: {content: {}}`: the spec was refused
    ("no supported request content type"); now the method sends no body, with a warning there."""
    import httpx

    _, _, warnings = load_and_build(SPEC, Options())
    assert [w.pointer for w in warnings if "a request body with no media type" in w.message] == [
        "/paths/~1channels~1{channel}/post/requestBody/content"]
    seen: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(204)

    for package in generated_package(SPEC, "channels_client", "ChannelsClient", tmp_path):
        client = package.ChannelsClient(api_key="k", base_url="http://api.test",
                                        http_client=httpx.Client(transport=httpx.MockTransport(answer)))
        assert client.channels.subscribe("sms") is None
    (request,) = seen
    assert (request.method, request.url.path, request.content) == ("POST", "/channels/sms", b"")
    assert "content-type" not in request.headers


def test_every_module_name_a_method_body_reads_is_reserved_from_parameters() -> None:
    """What keeps BODY_NAMES whole when a template changes: in the modules generated for the wire
    shapes (every kind of body and parameter) and this fixture, each module-level name a method's
    body reads that a parameter could be named (lowercase) is one no parameter takes. (An `__init__`
    takes no parameter of the spec.)"""
    read: set[str] = set()
    for spec in (SPEC, FIXTURES / "wire" / "shapes.yaml"):
        for rel, data in generate_files(spec).items():
            if "/resources/" not in rel or not rel.endswith(".py"):
                continue
            tree = ast.parse(data)
            imported = {(a.asname or a.name).split(".")[0] for node in tree.body
                        if isinstance(node, (ast.Import, ast.ImportFrom)) for a in node.names}
            for method in (m for c in tree.body if isinstance(c, ast.ClassDef) for m in c.body
                           if isinstance(m, (ast.FunctionDef, ast.AsyncFunctionDef)) and m.name != "__init__"):
                read |= {n.id for stmt in method.body for n in ast.walk(stmt)
                         if isinstance(n, ast.Name) and n.id in imported and n.id.islower()}
    assert {"cast", "json_body", "multipart_body", "path_param", "query_params"} <= read  # it reads them
    assert read <= METHOD_ARGUMENTS, read - METHOD_ARGUMENTS


def test_no_resource_or_method_hides_an_attribute_of_the_client_or_the_resource(tmp_path: Path) -> None:
    """A `copy` or `strict` tag beside the client's own `copy()` and `strict`, an operation
    `withRawResponse` beside a resource's `with_raw_response`: each gets a trailing `_`. And what
    keeps the reserved names whole: every public attribute the generated client and resource
    classes have of their own is in CLIENT_ATTRIBUTES or RESOURCE_ATTRIBUTES."""
    resources = {r.attr_name for r in load_and_build(SPEC, Options())[1].resources}
    assert {"movies", "copy_", "strict_"} <= resources
    for package in generated_package(SPEC, "attrs_client", "AttrsClient", tmp_path):
        for cls in (package.AttrsClient, package.AsyncAttrsClient):
            assert resources <= set(dir(cls))
            own = {n for n in [*dir(cls), *vars(cls(api_key="k", base_url="http://x"))] if not n.startswith("_")}
            assert own - resources <= CLIENT_ATTRIBUTES, own - resources - CLIENT_ATTRIBUTES
        movies = importlib.import_module("attrs_client.resources.movies")
        for cls in (movies.Movies, movies.AsyncMovies):
            methods = {n for n in vars(cls) if not n.startswith("_")}
            assert {"with_raw_response_", "find"} <= methods
            assert {n for n in methods if isinstance(vars(cls)[n], functools.cached_property)} == RESOURCE_ATTRIBUTES


def test_a_list_of_itself_and_enums_python_would_flatten(tmp_path: Path) -> None:
    """`Nested` is a list of `Nested` (not a bare `List`); `true` and `1`, `false` and `0` are four
    values of a Literal, not two; an integer past 64 bits makes the field an `int` beside its Literal.
    The answers validate, and mypy passes on them in `test_the_package_type_checks`."""
    from generator.ir.nodes import LiteralOf, NamedType, UnionOf

    _, api, _ = load_and_build(SPEC, Options())
    models = {m.name: m for m in api.models}
    types = {f.wire_name: f.type for f in models["Odd"].fields}
    mixed, huge = (models[t.name].alias_of if isinstance(t, NamedType) else t for t in (types["mixed"], types["huge"]))
    assert mixed == LiteralOf(("a", 1, True, 0, False))
    assert isinstance(huge, UnionOf) and huge.members[:2] == (LiteralOf((1,)), Primitive("int"))
    for _package in generated_package(SPEC, "odd_client", "OddClient", tmp_path):
        models = importlib.import_module("odd_client.types")
        value = models.Odd.model_validate({"nested": [[], [[]]], "mixed": True, "huge": 12345678901234567890})
        assert value.nested == [[], [[]]] and value.mixed is True and value.huge == 12345678901234567890
        assert models.Odd.model_validate({"mixed": 1}).mixed == 1 and type(models.Odd(mixed=False).mixed) is bool


def test_read_only_is_never_asked_of_the_caller_and_write_only_never_of_the_answer() -> None:
    """`required: [id, secret]` with `id` readOnly and `secret` writeOnly: the create method does
    not take `id` (the server assigns it; a caller was made to invent one), and the answer's model
    does not require `secret` (the server never sends it back)."""
    _, api, _ = load_and_build(SPEC, Options())
    create = next(op for r in api.resources for op in r.operations if op.operation_id == "createAccount")
    assert {p.wire_name: p.required for p in create.params} == {"name": True, "secret": True}
    account = next(m for m in api.models if m.name == "Account")
    assert {f.wire_name: f.required for f in account.fields} == {"id": True, "name": True, "secret": False}


def test_server_variables_and_a_path_template_its_parameters_disagree_with(tmp_path: Path) -> None:
    """A server `https://{region}.api.example.com/{base}` is its variables' defaults (the client
    called a host named `{region}`); a `{name}` no parameter declares is a string argument (it was
    sent as the text `{postId}`), and a path parameter the path lacks is none; warnings say where."""
    import httpx

    spec = tmp_path / "spec.yaml"
    spec.write_text("""openapi: 3.0.3
info: {title: Posts, version: '1'}
servers:
  - url: https://{region}.api.example.com/{base}
    variables: {region: {default: eu, enum: [eu, us]}, base: {default: v2}}
paths:
  /users/{userId}/posts/{postId}:
    parameters:
      - {name: userId, in: path, required: true, schema: {type: string}}
    get:
      operationId: getPost
      tags: [posts]
      parameters:
        - {name: extra, in: path, required: true, schema: {type: string}}
      responses:
        '200': {description: ok}
""")
    _, api, warnings = load_and_build(spec, Options())
    assert api.base_url == "https://eu.api.example.com/v2"
    (op,) = api.resources[0].operations
    assert [(p.wire_name, p.location, p.required) for p in op.params] == [("userId", "path", True),
                                                                          ("postId", "path", True)]
    path = "/paths/~1users~1{userId}~1posts~1{postId}"
    assert [(w.line, w.pointer, w.message.split(":")[0]) for w in warnings] == [
        (11, f"{path}/get", "{postId} in the path has no path parameter"),
        (14, f"{path}/get/parameters/0",
         "the path parameter 'extra' is not in the path '/users/{userId}/posts/{postId}'")]
    seen: list[httpx.Request] = []
    for package in generated_package(spec, "posts_client", "PostsClient", tmp_path / "out"):
        client = package.PostsClient(api_key="k", http_client=httpx.Client(transport=httpx.MockTransport(
            lambda request: seen.append(request) or httpx.Response(200))))
        client.posts.get("ada", "p 1")
    assert str(seen[0].url) == "https://eu.api.example.com/v2/users/ada/posts/p%201"


def test_with_no_2xx_response_default_is_an_optional_answer(tmp_path: Path) -> None:
    """An operation whose only answer with a body is `default` (every status not listed; 168 of
    18,901 operations in a sample of 600 of APIs.guru's specs): its JSON is the answer, optional,
    since such a spec may mean its errors there and succeed with no body (a 204 DELETE): None then.
    The method returned None before, the body dropped; a listed 404 stays an error."""
    from .scripted_server import Reply, ScriptedServer

    spec = tmp_path / "spec.yaml"
    spec.write_text("""openapi: 3.0.3
info: {title: Lamps, version: '1'}
paths:
  /lamp:
    get:
      operationId: getLamp
      tags: [lamps]
      responses:
        '404': {description: none}
        default:
          description: the lamp, or an error
          content: {application/json: {schema: {type: object, properties: {name: {type: string}}}}}
    delete:
      operationId: deleteLamp
      tags: [lamps]
      responses:
        default:
          description: an error
          content: {application/json: {schema: {$ref: '#/components/schemas/Problem'}}}
components:
  schemas:
    Problem: {type: object, properties: {message: {type: string}}}
""")
    _, api, _ = load_and_build(spec, Options())
    ops = {op.method_name: op for op in api.resources[0].operations}
    assert ops["get"].response == UnionOf((NamedType("GetLampResponse", is_object=True), Primitive("None")))
    server = ScriptedServer()
    try:
        server.script(Reply(body=b'{"name": "lamp"}'), Reply(status=404, body=b'{"error": "gone"}'),
                      Reply(status=204, headers={}, body=b""), Reply(status=200, body=b'{"message": "done"}'),
                      Reply(status=200, headers={"content-type": "text/plain"}, body=b"done"))
        for package in generated_package(spec, "lamps_client", "LampsClient", tmp_path / "out"):
            with package.LampsClient(api_key="k", base_url=server.base_url, max_retries=0) as client:
                lamp = client.lamp.get()
                assert lamp is not None and lamp.name == "lamp"
                with pytest.raises(package.NotFoundError):
                    client.lamp.get()
                assert client.lamp.delete() is None  # a 204, no body
                done = client.lamp.delete()
                assert done is not None and done.message == "done"
                with pytest.raises(package.APIResponseValidationError):  # a body, and not JSON
                    client.lamp.delete()
    finally:
        server.close()


def test_the_package_type_checks(tmp_path: Path) -> None:
    for rel, data in generate_files(SPEC, Options(package="shapes_client")).items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_bytes(data)
    typed = subprocess.run([sys.executable, "-m", "mypy", "--strict", "--no-incremental", "-p", "shapes_client"],
                           cwd=tmp_path, capture_output=True, text=True, env={**os.environ, "MYPYPATH": str(tmp_path)})
    assert typed.returncode == 0, typed.stdout
    module = (tmp_path / "shapes_client" / "resources" / "query.py").read_text()
    assert "async_amd" in module.split("class QueryResource:")[1]  # the sync twin keeps the argument's name
    module = (tmp_path / "shapes_client" / "resources" / "async_things.py").read_text()  # a tag that looks async
    assert "class AsyncThings:" in module and "class AsyncAsyncThings:" in module


def test_fields_named_like_types_or_classes_never_shadow_them(tmp_path: Path) -> None:
    """xero, vtex and botify name fields `list`, `date` or like a class: each gets an attribute of
    its own (the wire name stays), the same one datamodel-code-generator is told, never an
    internal error."""
    files = generate_files(FIXTURES / "shapes" / "shadowing.yaml")
    models = files["images_client/types/__init__.py"].decode()
    for attribute, wire in (("list_", "list"), ("date_", "date"), ("str_", "str"), ("kind", "Kind"),
                            ("optional", "Optional"), ("field", "Field")):
        assert f'{attribute}: ' in models and f'alias="{wire}"' in models, attribute


def test_a_union_member_without_the_tag_is_a_warning_not_a_stop() -> None:
    """GitHub's `content` union names `type` as its discriminator though one member is an array."""
    from generator.errors import Problem

    warnings: list[Problem] = []
    files = generate_files(FIXTURES / "shapes" / "disc.yaml", warnings=warnings)
    assert files and any("discriminator property 'kind' is missing" in w.message and w.line for w in warnings)
