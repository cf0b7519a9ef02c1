"""Names without editing the spec (issue 18, point 3): defaults that read as hand-written code,
and a configuration file (`[tool.images-sdk-generator]` in pyproject.toml, or `--config`)."""

from __future__ import annotations

import importlib
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any, Iterator

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.ir.naming import (
    client_class_from_title,
    env_prefix_from_class,
    env_prefix_from_title,
    method_from_operation,
    singular,
)
from generator.options import Options
from generator.pipeline import load_and_build
from tests.conftest import ROOT, upstream_or_skip
from tests.scripted_server import Reply, ScriptedServer

# A store whose tag is singular while its path is plural, with an operationId that repeats the
# resource's words, the shapes every hand-written client renames.
SPEC = {
    "openapi": "3.1.0",
    "info": {"title": "Acme Store REST API", "version": "1.0.0"},
    "paths": {
        "/v1/widgets": {
            "get": {
                "operationId": "listWidgets", "tags": ["Widget"],
                "parameters": [{"name": "ids", "in": "query", "schema": {"type": "array", "items": {"type": "string"}}},
                               {"name": "order", "in": "query", "schema": {"type": "string"}}],
                "responses": {"200": {"description": "ok", "content": {"application/json": {
                    "schema": {"$ref": "#/components/schemas/WidgetList"}}}}},
            },
            "post": {
                "operationId": "createWidget", "tags": ["Widget"],
                "requestBody": {"content": {"application/json": {"schema": {
                    "type": "object", "required": ["name"], "properties": {"name": {"type": "string"}}}}}},
                "responses": {"200": {"description": "ok", "content": {"application/json": {
                    "schema": {"$ref": "#/components/schemas/Widget"}}}}},
            },
        },
        "/v1/widgets/{widget_id}/archive": {
            "post": {
                "operationId": "archiveWidget", "tags": ["Widget"],
                "parameters": [{"name": "widget_id", "in": "path", "required": True, "schema": {"type": "string"}}],
                "responses": {"200": {"description": "ok", "content": {"application/json": {
                    "schema": {"$ref": "#/components/schemas/Widget"}}}}},
            },
        },
    },
    "components": {"schemas": {
        "Widget": {"type": "object", "required": ["id"], "properties": {"id": {"type": "string"}}},
        "WidgetList": {"type": "object", "properties": {
            "data": {"type": "array", "items": {"$ref": "#/components/schemas/Widget"}}}},
    }},
}

CONFIG_TOML = """
[tool.images-sdk-generator]
package = "acme"
client-name = "Acme"
env-prefix = "ACME"
query-array-format = "brackets"

[tool.images-sdk-generator.rename.resources]
Widget = "gadgets"

[tool.images-sdk-generator.rename.methods]
archiveWidget = "shelve"

[tool.images-sdk-generator.rename.classes]
WidgetList = "GadgetPage"

[tool.images-sdk-generator.rename.parameters]
"listWidgets.order" = "sort_by"
"""

CONFIG_YAML = """
package: acme
client-name: Acme
env-prefix: ACME
query-array-format: brackets
rename:
  resources: {Widget: gadgets}
  methods: {archiveWidget: shelve}
  classes: {WidgetList: GadgetPage}
  parameters: {listWidgets.order: sort_by}
"""


def generate(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "generator", "generate", "--spec", "spec.json", "--out", "out",
                           *args], cwd=project, capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "spec.json").write_text(json.dumps(SPEC))
    return tmp_path


@pytest.fixture
def configured(project: Path) -> Iterator[Any]:
    (project / "pyproject.toml").write_text(CONFIG_TOML)
    result = generate(project)
    assert result.returncode == 0, result.stderr
    sys.path.insert(0, str(project / "out"))
    try:
        yield importlib.import_module("acme")
    finally:
        sys.path.remove(str(project / "out"))
        for name in [m for m in sys.modules if m == "acme" or m.startswith("acme.")]:
            del sys.modules[name]


# ---- defaults that read well ----


@pytest.mark.parametrize(("title", "expected"), [
    ("Images API", "ImagesClient"), ("OpenAI API", "OpenAIClient"), ("GitHub v3 REST API", "GitHubClient"),
    ("Twilio - Lookups", "TwilioLookupsClient"), ("Swagger Petstore - OpenAPI 3.0", "SwaggerPetstoreClient"),
    ("", None), ("API", None), ("2.0", None),
])
def test_the_client_class_comes_from_the_title(title: str, expected: str | None) -> None:
    assert client_class_from_title(title) == expected


# The environment prefix: the class's words in capitals, so a GitHub client reads GITHUB_API_KEY.
@pytest.mark.parametrize(("title", "prefix", "client"), [
    ("OpenAI API", "OPENAI", "OpenAIClient"), ("GitHub v3 REST API", "GITHUB", "GitHubClient"),
    ("Twilio - Api", "TWILIO", "TwilioClient"), ("Spotify Web API", "SPOTIFY", "SpotifyClient"),
    ("Box Platform API", "BOX", "BoxClient"), ("Acme Widgets API", "ACME_WIDGETS", "AcmeWidgetsClient"),
    ("Images API", "IMAGES", "ImagesClient"), ("Twilio - Lookups", "TWILIO_LOOKUPS", "TwilioLookupsClient"),
    ("Swagger Petstore - OpenAPI 3.0", "SWAGGER_PETSTORE", "SwaggerPetstoreClient"),
    ("GitHub v3 REST API 2022-11-28", "GITHUB", "GitHubClient"),  # a dated version is no word
    ("Web Risk API", "WEB_RISK", "WebRiskClient"),  # `Web` says nothing only at the end
    ("Café Übersicht API", "CAFE_UBERSICHT", "CafeUbersichtClient"),  # accents dropped
    ("ｗｉｄｇｅｔ API", "WIDGET", "WidgetClient"),  # full-width letters are letters
    ("a-b_c.d API", "A_B_C_D", "ABCDClient"),
    ("class API", "CLASS", "ClassClient"),  # a keyword in a title is only a word
    # nothing usable: empty, blank, only generic words, versions, a digit first, no ASCII letter
    ("", None, None), (" \t\n", None, None), ("API", None, None), ("REST API Web Platform", None, None),
    ("The API Specification", None, None), ("v2", None, None), ("2.0", None, None),
    ("4chan API", None, None), ("1Password Connect", None, None), ("日本語 API", None, None), ("---", None, None),
    ("3 Widgets", "WIDGETS", "WidgetsClient"),  # a lone number reads as a version
])
def test_the_environment_prefix_comes_from_the_title_as_the_class_does(title: str, prefix: str | None,
                                                                        client: str | None) -> None:
    assert env_prefix_from_title(title) == prefix
    assert client_class_from_title(title) == client


@given(st.text(max_size=40))
def test_a_title_gives_a_valid_prefix_or_none_and_agrees_with_the_class(title: str) -> None:
    prefix, client = env_prefix_from_title(title), client_class_from_title(title)
    assert (prefix is None) == (client is None)
    if prefix is not None and client is not None:
        assert re.fullmatch(r"[A-Z][A-Z0-9_]*", prefix)
        assert prefix.replace("_", "") == client.removesuffix("Client").upper()  # the same words


@pytest.mark.parametrize(("name", "prefix"), [
    ("ImagesClient", "IMAGES"), ("Acme", "ACME"), ("GitHubClient", "GITHUB"), ("Client", "CLIENT"),
    ("My_Client", "MY"), ("X9", "X9"), ("_Private", "PRIVATE"), ("Ünïcode", "UNICODE"),
])
def test_a_title_with_no_name_takes_the_prefix_of_the_client_class(name: str, prefix: str | None) -> None:
    assert env_prefix_from_class(name) == prefix


@pytest.mark.parametrize(("operation_id", "resource", "expected"), [
    ("listBatches", "batches", "list"), ("retrieveBatch", "batches", "retrieve"),
    ("createFineTuningJob", "fine_tuning", "create_job"), ("repos/get", "repos", "get"),
    ("createVectorStoreFileBatch", "vector_stores", "create_file_batch"), ("listStatus", "status", "list"),
    ("batches", "batches", None),
])
def test_methods_lose_the_resource_words(operation_id: str, resource: str, expected: str | None) -> None:
    assert method_from_operation(operation_id, resource) == expected


@pytest.mark.parametrize(("plural", "one"), [("batches", "batch"), ("companies", "company"), ("classes", "class"),
                                             ("status", "status"), ("users", "user"), ("boxes", "box")])
def test_singular(plural: str, one: str) -> None:
    assert singular(plural) == one


def test_the_default_names_of_a_spec_read_as_hand_written(project: Path) -> None:
    _, api, _ = load_and_build(project / "spec.json", Options())
    assert api.client_name == "AcmeStoreClient"
    assert [(r.attr_name, sorted(o.method_name for o in r.operations)) for r in api.resources] == [
        ("widgets", ["archive", "create", "list"])]  # tag `Widget`, path /v1/widgets (a version is no resource)


def test_the_whole_upstream_file_reads_like_the_official_client() -> None:
    _, api, _ = load_and_build(upstream_or_skip(), Options())
    methods = {r.attr_name: {o.method_name for o in r.operations} for r in api.resources}
    assert api.client_name == "OpenAIClient"
    assert {"list", "create", "retrieve", "cancel"} <= methods["batches"]  # tag `Batch`, path /batches
    assert {"list", "create", "retrieve", "delete"} <= methods["files"]
    assert {"list", "retrieve", "delete"} <= methods["models"]
    assert methods["images"] == {"generate", "edit", "create_variation"}  # the images client's names stay


def test_two_operations_that_would_share_a_short_name_keep_their_whole_names(tmp_path: Path) -> None:
    spec = json.loads(json.dumps(SPEC))
    spec["paths"]["/v1/widgets/{widget_id}/archive"]["post"]["operationId"] = "listWidgetsArchived"
    spec["paths"]["/v1/widgets"]["get"]["operationId"] = "listWidget"  # both would be `list`... not quite
    spec["paths"]["/v1/widgets/{widget_id}/archive"]["post"]["operationId"] = "listWidgetArchive"
    spec["paths"]["/v1/widgets/{widget_id}/archive"]["post"]["tags"] = ["Widget"]
    spec["paths"]["/v1/widgets"]["post"]["operationId"] = "widgetsList"
    (tmp_path / "spec.json").write_text(json.dumps(spec))
    _, api, _ = load_and_build(tmp_path / "spec.json", Options())
    names = sorted(o.method_name for o in api.resources[0].operations)
    assert len(set(names)) == 3
    assert "list_widget" in names and "widgets_list" in names  # `list` twice: both keep their operationId


# ---- the configuration file ----


def test_the_configuration_names_the_package_client_resources_methods_classes_and_arguments(configured: Any) -> None:
    assert configured.Acme.__name__ == "Acme" and configured.AsyncAcme.__name__ == "AsyncAcme"
    client = configured.Acme(api_key="sk-test")
    try:
        assert {"list", "create", "shelve"} <= set(dir(client.gadgets))
    finally:
        client.close()
    assert hasattr(configured.types, "GadgetPage") and not hasattr(configured.types, "WidgetList")


@pytest.mark.parametrize("kind", ["sync", "async"])
def test_configured_names_go_on_the_wire_as_the_spec_says(configured: Any, kind: str) -> None:
    server = ScriptedServer()
    try:
        server.script(Reply(body=b'{"data": [{"id": "w1"}]}'))
        options = {"api_key": "sk-test", "base_url": server.base_url, "max_retries": 0}
        if kind == "sync":
            with configured.Acme(**options) as client:
                page = client.gadgets.list(ids=["a", "b"], sort_by="name")
        else:
            import asyncio

            async def run() -> Any:
                async with configured.AsyncAcme(**options) as client:
                    return await client.gadgets.list(ids=["a", "b"], sort_by="name")

            page = asyncio.run(run())
        assert type(page).__name__ == "GadgetPage"
        request = server.requests[-1]
        assert request.path == "/v1/widgets"
        assert request.query == [("ids[]", "a"), ("ids[]", "b"), ("order", "name")]  # brackets; the wire name
    finally:
        server.close()


def test_the_environment_prefix_comes_from_the_configuration(configured: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ACME_API_KEY", "sk-from-env")
    client = configured.Acme()
    try:
        assert client.api_key == "sk-from-env"
    finally:
        client.close()


def _widgets_spec(project: Path, **info: str) -> None:
    spec = json.loads(json.dumps(SPEC))
    spec["info"] = {"title": "Acme Widgets API", "version": "1.0.0", **info}
    # a bearer key, required: a client made without one names the variable it read
    spec.setdefault("components", {})["securitySchemes"] = {"Key": {"type": "http", "scheme": "bearer"}}
    spec["security"] = [{"Key": []}]
    (project / "spec.json").write_text(json.dumps(spec))


def _api_key_env(project: Path, package: str = "widgets") -> str:
    found = re.search(r'api_key_env="([^"]+)"', (project / "out" / package / "_client.py").read_text())
    assert found is not None
    return found.group(1)


@pytest.mark.parametrize("kind", ["sync", "async"])
def test_a_client_named_by_its_title_reads_the_environment_of_its_title(tmp_path: Path, kind: str,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """No prefix chosen anywhere: the client of `Acme Widgets API` reads ACME_WIDGETS_..., never OPENAI_..."""
    _widgets_spec(tmp_path)
    result = generate(tmp_path, "--package", "widgets")
    assert result.returncode == 0, result.stderr
    prefix = env_prefix_from_title("Acme Widgets API")
    assert prefix == "ACME_WIDGETS"
    sys.path.insert(0, str(tmp_path / "out"))
    server = ScriptedServer()
    try:
        widgets = importlib.import_module("widgets")
        client_class = widgets.AcmeWidgetsClient if kind == "sync" else widgets.AsyncAcmeWidgetsClient
        monkeypatch.setenv("OPENAI_API_KEY", "sk-openai")  # another API's key: never read
        monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:9/not-here")
        monkeypatch.delenv(f"{prefix}_API_KEY", raising=False)
        monkeypatch.delenv(f"{prefix}_BASE_URL", raising=False)
        with pytest.raises(widgets.ClientError, match=f"set the {prefix}_API_KEY environment variable"):
            client_class()
        monkeypatch.setenv(f"{prefix}_API_KEY", "sk-acme")
        monkeypatch.setenv(f"{prefix}_BASE_URL", server.base_url)
        monkeypatch.setenv(f"{prefix}_ORG_ID", "org-acme")
        server.script(Reply(body=b'{"data": [{"id": "w1"}]}'))
        if kind == "sync":
            with client_class(max_retries=0) as client:
                assert client.api_key == "sk-acme" and client.organization == "org-acme"
                ids = [widget.id for widget in client.widgets.list().data or []]
        else:
            import asyncio

            async def run() -> list[str]:
                async with client_class(max_retries=0) as client:
                    assert client.api_key == "sk-acme" and client.organization == "org-acme"
                    return [widget.id for widget in (await client.widgets.list()).data or []]

            ids = asyncio.run(run())
        assert ids == ["w1"]
        assert server.requests[-1].headers["authorization"] == "Bearer sk-acme"
        assert server.requests[-1].path == "/v1/widgets"
        assert "OPENAI_" not in (tmp_path / "out" / "widgets" / "_client.py").read_text()
    finally:
        server.close()
        sys.path.remove(str(tmp_path / "out"))
        for name in [m for m in sys.modules if m == "widgets" or m.startswith("widgets.")]:
            del sys.modules[name]


def test_a_client_of_another_api_has_no_openai_organization_or_project(tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """OpenAI's `organization` and `project` (its `OpenAI-Organization` and `OpenAI-Project`
    headers) belong to a client whose server is OpenAI's; a client of Acme's server has neither."""
    spec = json.loads(json.dumps(SPEC))
    spec["info"] = {"title": "Acme Widgets API", "version": "1.0.0"}
    spec["servers"] = [{"url": "https://widgets.acme.test/v1"}]
    (tmp_path / "spec.json").write_text(json.dumps(spec))
    result = generate(tmp_path, "--package", "widgets")
    assert result.returncode == 0, result.stderr
    source = (tmp_path / "out" / "widgets" / "_client.py").read_text()
    assert "ORG_ID" not in source and "PROJECT_ID" not in source
    sys.path.insert(0, str(tmp_path / "out"))
    server = ScriptedServer()
    try:
        widgets = importlib.import_module("widgets")
        for client_class in (widgets.AcmeWidgetsClient, widgets.AsyncAcmeWidgetsClient):
            for name in ("organization", "project"):
                with pytest.raises(TypeError, match=name):
                    client_class(api_key="sk-acme", **{name: "x"})
        monkeypatch.setenv("ACME_WIDGETS_ORG_ID", "org-acme")  # no such setting: never read
        monkeypatch.setenv("ACME_WIDGETS_PROJECT_ID", "proj-acme")
        server.script(Reply(body=b'{"data": []}'))
        with widgets.AcmeWidgetsClient(api_key="sk-acme", base_url=server.base_url, max_retries=0) as client:
            assert not hasattr(client, "organization") and not hasattr(client, "project")
            client.widgets.list()
            with pytest.raises(TypeError, match="organization"):
                client.with_options(organization="x")  # type: ignore[call-arg]
        sent = server.requests[-1].headers
        assert sent["authorization"] == "Bearer sk-acme"
        assert "openai-organization" not in sent and "openai-project" not in sent
    finally:
        server.close()
        sys.path.remove(str(tmp_path / "out"))
        for name in [m for m in sys.modules if m == "widgets" or m.startswith("widgets.")]:
            del sys.modules[name]


def test_the_command_line_the_configuration_and_the_spec_each_win_over_the_title(tmp_path: Path) -> None:
    _widgets_spec(tmp_path)
    assert generate(tmp_path, "--package", "widgets").returncode == 0
    assert _api_key_env(tmp_path) == "ACME_WIDGETS_API_KEY"  # the title
    _widgets_spec(tmp_path, **{"x-python-env-prefix": "FROM_SPEC"})
    assert generate(tmp_path, "--package", "widgets").returncode == 0
    assert _api_key_env(tmp_path) == "FROM_SPEC_API_KEY"  # the spec over the title
    (tmp_path / "pyproject.toml").write_text('[tool.images-sdk-generator]\nenv-prefix = "FROM_CONFIG"\n')
    assert generate(tmp_path, "--package", "widgets").returncode == 0
    assert _api_key_env(tmp_path) == "FROM_CONFIG_API_KEY"  # the configuration over the spec
    result = generate(tmp_path, "--package", "widgets", "--env-prefix", "FROM_FLAG")
    assert result.returncode == 0, result.stderr
    assert _api_key_env(tmp_path) == "FROM_FLAG_API_KEY"  # the command line over the configuration


def test_a_title_with_no_name_takes_the_prefix_of_the_chosen_class(tmp_path: Path) -> None:
    spec = tmp_path / "spec.json"
    for info, client, prefix in [
        ({"title": "REST API v2"}, "ImagesClient", "IMAGES"),
        ({"title": "REST API v2", "x-python-client-name": "Acme"}, "Acme", "ACME"),
        ({"title": "", "x-python-client-name": "GitHubClient"}, "GitHubClient", "GITHUB"),
        ({"title": "4chan API", "x-python-env-prefix": "FOURCHAN"}, "ImagesClient", "FOURCHAN"),
        ({"title": "Acme Widgets API", "x-python-client-name": "Other"}, "Other", "ACME_WIDGETS"),  # the title first
    ]:
        spec.write_text(json.dumps({"openapi": "3.1.0", "info": {"version": "1", **info}, "paths": {}}))
        _, api, _ = load_and_build(spec, Options())
        assert (api.client_name, api.env.api_key, api.env.log) == (client, f"{prefix}_API_KEY", f"{prefix}_LOG")
    _, api, _ = load_and_build(spec, Options(env_prefix="FLAG", client_name="Flag"))
    assert (api.client_name, api.env.base_url) == ("Flag", "FLAG_BASE_URL")


def test_a_yaml_configuration_gives_the_same_package(project: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    (project / "pyproject.toml").write_text(CONFIG_TOML)
    assert generate(project).returncode == 0
    other = tmp_path_factory.mktemp("yaml")
    (other / "spec.json").write_text(json.dumps(SPEC))
    (other / "names.yaml").write_text(CONFIG_YAML)
    result = generate(other, "--config", "names.yaml")
    assert result.returncode == 0, result.stderr
    ours = {p.relative_to(project / "out"): p.read_bytes() for p in (project / "out").rglob("*") if p.is_file()}
    theirs = {p.relative_to(other / "out"): p.read_bytes() for p in (other / "out").rglob("*") if p.is_file()}
    manifest = Path("acme/_manifest.json")
    assert {k: v for k, v in ours.items() if k != manifest} == {k: v for k, v in theirs.items() if k != manifest}


def test_a_yaml_configuration_is_read_as_yaml_1_2(tmp_path: Path) -> None:
    """As the specs are: a tag `on` or `NO` named in a YAML configuration stays text (YAML 1.1
    read them as booleans), a broken one is a located error, and an empty one is no renames."""
    from generator.config import ConfigError, load_config, parse_config

    path = tmp_path / "names.yaml"
    path.write_text("rename:\n  resources: {on: events, NO: norway}\n  methods: {yes: confirm}\n")
    renames = dict(load_config(path).renames)
    assert dict(renames["resources"]) == {"on": "events", "NO": "norway"}
    assert dict(renames["methods"]) == {"yes": "confirm"}
    path.write_text("rename: [\n")
    with pytest.raises(ConfigError, match=r"names\.yaml: not valid YAML: YAML syntax error"):
        load_config(path)
    path.write_text("\n")
    assert load_config(path).renames == parse_config({}, "nothing").renames


def test_the_command_line_wins_over_the_configuration(project: Path) -> None:
    (project / "pyproject.toml").write_text(CONFIG_TOML)
    result = generate(project, "--client-name", "Other")
    assert result.returncode == 0, result.stderr
    assert "class Other(" in (project / "out" / "acme" / "_client.py").read_text()


def test_a_configuration_change_is_never_a_no_op(project: Path) -> None:
    (project / "pyproject.toml").write_text(CONFIG_TOML)
    assert generate(project).returncode == 0
    assert "up to date" in generate(project).stdout
    (project / "pyproject.toml").write_text(CONFIG_TOML.replace('"shelve"', '"put_away"'))
    result = generate(project)
    assert result.returncode == 0 and "up to date" not in result.stdout
    assert "def put_away(" in (project / "out" / "acme" / "resources" / "gadgets.py").read_text()


@pytest.mark.parametrize(("config", "exit_code", "message"), [
    ('[tool.images-sdk-generator]\ncolour = "blue"\n', 2, "colour: unknown setting"),
    ('[tool.images-sdk-generator]\nquery-array-format = "comma"\n', 2, "query-array-format: must be one of"),
    ('[tool.images-sdk-generator.rename.methods]\nnoSuchOperation = "x"\n', 1,
     "rename.methods.noSuchOperation: no operation has this operationId"),
    ('[tool.images-sdk-generator.rename.classes]\nNoSuchSchema = "X"\n', 1, "rename.classes.NoSuchSchema: no schema"),
    ('[tool.images-sdk-generator.rename.parameters]\n"listWidgets.nope" = "x"\n', 1,
     "no argument is sent as 'nope'"),
    ('[tool.images-sdk-generator.rename.parameters]\n"listWidgets.order" = "class"\n', 1,
     "must map wire names to Python identifiers"),
    ('[tool.images-sdk-generator\n', 2, "not valid TOML"),
])
def test_a_bad_configuration_is_a_located_error_and_nothing_is_written(project: Path, config: str, exit_code: int,
                                                                       message: str) -> None:
    (project / "pyproject.toml").write_text(config)
    result = generate(project)
    assert result.returncode == exit_code, result.stderr
    assert message in result.stderr and "pyproject.toml" in result.stderr
    assert not (project / "out").exists()


def test_the_readme_configuration_of_the_whole_upstream_file_works(tmp_path: Path) -> None:
    """The README's example configuration, read as a user would, names what it says it names."""
    from generator.config import load_config

    readme = (ROOT / "README.md").read_text()
    block = readme.split("### The configuration file", 1)[1].split("```toml\n", 1)[1].split("```", 1)[0]
    (tmp_path / "pyproject.toml").write_text(block)
    config = load_config(tmp_path / "pyproject.toml")
    assert config.package == "openai_client" and config.client_name == "OpenAI"
    _, api, _ = load_and_build(upstream_or_skip(), Options(package=config.package, client_name=config.client_name,
                                                            env_prefix=config.env_prefix, config=config))
    methods = {r.attr_name: {o.method_name: o for o in r.operations} for r in api.resources}
    assert api.client_name == "OpenAI" and api.env.api_key == "OPENAI_API_KEY"
    assert "list" in methods["batches"] and methods["batches"]["list"].page is not None
    assert methods["files"]["content"].operation_id == "downloadFile"
    assert "organization_admin" in methods and "organization_" not in methods
    assert "ImageResults" in {m.name for m in api.models} and "ImagesResponse" not in {m.name for m in api.models}
    assert methods["models"]["list"].page is None  # pagination turned off by the configuration
    assert any(p.py_name == "kind" and p.wire_name == "purpose" for p in methods["files"]["list"].params)
    assert any(p.style == "brackets" for r in api.resources for o in r.operations for p in o.params)
