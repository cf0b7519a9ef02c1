"""`python -m generator impact`: what a spec change breaks in one downstream project's own code.

Each case writes a tiny spec (one operation, `POST /images/generations`, answering a `Result`),
edits it as a maintainer would, and a small project that uses the generated package; then checks
the lines reported, the change each maps to, the verdict and the exit status. The type check is
real (mypy runs against both generated packages), so each case takes a few seconds.
"""

from __future__ import annotations

import copy
import importlib.util
import json
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any, Callable

import pytest

from generator.errors import OutputError, UsageError
from generator.options import Options
from generator.report.impact import Finding, Impact, as_json, as_text, assess, run_impact

from .conftest import ROOT

SPEC: dict[str, Any] = {
    "openapi": "3.1.0",
    "info": {"title": "Images API", "version": "1.0.0"},  # the client is `ImagesClient`
    "paths": {"/images/generations": {"post": {
        "operationId": "createImage",
        "requestBody": {"required": True, "content": {"application/json": {
            "schema": {"$ref": "#/components/schemas/CreateImageRequest"}}}},
        "responses": {"200": {"description": "the images", "content": {"application/json": {
            "schema": {"$ref": "#/components/schemas/Result"}}}}},
    }}},
    "components": {"schemas": {
        "CreateImageRequest": {"type": "object", "required": ["prompt"], "properties": {
            "prompt": {"type": "string"},
            "style": {"type": "string", "enum": ["vivid", "natural", "poster"]},
            "n": {"type": "integer", "default": 1},
        }},
        "Result": {"type": "object", "required": ["created", "data"], "properties": {
            "created": {"type": "integer"},
            "data": {"type": "array", "items": {"type": "object", "properties": {"url": {"type": "string"}}}},
        }},
    }},
}

# What the project calls generate(...) with: line numbers below are read from these texts.
RENDER = '''\
from images_client import ImagesClient

client = ImagesClient(api_key="sk-test")


def render(prompt: str) -> str:
    styled = client.images.generate(
        prompt=prompt,
        style="vivid",
        n=2,
    )
    plain = client.images.generate(prompt=prompt)
    print(styled.created, plain.created)
    return plain.data[0].url or ""
'''
SAFE = '''\
from images_client import ImagesClient


def render(client: ImagesClient, prompt: str) -> int:
    result = client.images.generate(prompt=prompt, n=3)
    return result.created
'''


def edited(edit: Callable[[dict[str, Any]], None]) -> dict[str, Any]:
    copied = copy.deepcopy(SPEC)
    edit(copied)
    return copied


def without_style(document: dict[str, Any]) -> None:
    """NEW: `style` is gone, and the server makes 2 images by default (was 1)."""
    properties = document["components"]["schemas"]["CreateImageRequest"]["properties"]
    del properties["style"]
    properties["n"]["default"] = 2


def specs(tmp_path: Path, new: dict[str, Any], old: dict[str, Any] = SPEC) -> tuple[str, str]:
    paths = []
    for name, document in (("old", old), ("new", new)):
        path = tmp_path / "specs" / name / "openapi.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(document))
        paths.append(str(path))
    return paths[0], paths[1]


def project(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text))
    return root


def line_of(text: str, fragment: str) -> int:
    (number,) = [i for i, line in enumerate(text.splitlines(), 1) if fragment in line]
    return number


def at(result: Impact, file: str, line: int) -> list[Finding]:
    return [f for f in result.findings if (f.file, f.line) == (file, line)]


@pytest.fixture(scope="module")
def broken(tmp_path_factory: pytest.TempPathFactory) -> Impact:
    """The project of RENDER, updated to the spec without `style`."""
    tmp_path = tmp_path_factory.mktemp("broken")
    old, new = specs(tmp_path, edited(without_style))
    return assess(old, new, project(tmp_path / "downstream", {"app/render.py": RENDER}), Options())


def test_the_line_passing_a_removed_argument_breaks(broken: Impact) -> None:
    style = line_of(RENDER, 'style="vivid"')  # the argument's own line, not where the call starts
    (finding,) = at(broken, "app/render.py", style)
    assert finding.breaks and finding.change is not None
    assert (finding.change.kind, finding.change.param) == ("param-removed", "style")
    assert finding.code == 'style="vivid",' and 'Unexpected keyword argument "style"' in finding.error
    assert not broken.safe


def test_a_call_leaving_out_an_argument_whose_default_changed_changes_meaning(broken: Impact) -> None:
    plain = line_of(RENDER, "plain = client")
    (finding,) = at(broken, "app/render.py", plain)
    assert not finding.breaks and finding.error == "behaviour" and finding.change is not None
    assert (finding.change.kind, finding.change.param) == ("param-default", "n")
    # the call passing n=2 keeps its meaning; the lines that read the answer are untouched
    assert {f.line for f in broken.findings} == {line_of(RENDER, 'style="vivid"'), plain}


def test_the_text_report(broken: Impact) -> None:
    text = as_text(broken)
    first, *rest = text.splitlines()
    assert first == (f"1 line of {broken.project} breaks with this update, 1 more line changes meaning "
                     "(a major release for the package, 1.0.0 → 2.0.0): not safe")
    style = line_of(RENDER, 'style="vivid"')
    assert rest[1:4] == [
        f'app/render.py:{style}: style="vivid",',
        "  → client.images.generate(style=...): the argument `style` is gone; a call passing it fails",
        '    mypy: Unexpected keyword argument "style" for "generate" of "Images"  [call-arg]',
    ]
    assert f"app/render.py:{line_of(RENDER, 'plain = client')}: plain = client.images.generate(prompt=prompt)" in rest
    # the class of `style`'s values is gone too, but the project never names it
    assert rest[rest.index(f"Changes that touch nothing in {broken.project} (1):") + 1].startswith(
        "  CreateImageRequestStyle: the class `CreateImageRequestStyle` is gone")


def test_the_json_report(broken: Impact) -> None:
    document = json.loads(as_json(broken))
    assert (document["safe"], document["bump"], document["next_version"]) == (False, "major", "2.0.0")
    assert [(f["file"], f["line"], f["error"] == "behaviour", f["change"]["kind"]) for f in document["findings"]] == [
        ("app/render.py", line_of(RENDER, 'style="vivid"'), False, "param-removed"),
        ("app/render.py", line_of(RENDER, "plain = client"), True, "param-default"),
    ]
    assert len(document["changes"]) == len(broken.changes)


def test_a_project_that_does_not_pass_the_argument_is_safe(tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    old, new = specs(tmp_path, edited(without_style))
    downstream = project(tmp_path / "downstream", {"app/render.py": SAFE})
    status = run_impact(old, new, downstream, Options())
    text = capsys.readouterr().out
    assert status == 0
    assert text.startswith(f"nothing in {downstream} breaks: safe to update (a major release for the package, "
                           "1.0.0 → 2.0.0)\n")


def test_the_project_own_type_errors_are_not_the_update(tmp_path: Path) -> None:
    own = SAFE + '\n\ncount: int = "three"\n'
    old, new = specs(tmp_path, edited(without_style))
    result = assess(old, new, project(tmp_path / "downstream", {"app/render.py": own, "app/__init__.py": ""}),
                    Options())
    assert result.safe and result.findings == []


def test_a_vendored_copy_of_the_package_is_not_what_is_checked(tmp_path: Path) -> None:
    old, new = specs(tmp_path, edited(without_style))
    downstream = project(tmp_path / "downstream", {
        "app/render.py": RENDER,
        # a stale copy in the project: were it checked, `generate` would not exist at all
        "images_client/__init__.py": "class ImagesClient:\n    def __init__(self, api_key: str) -> None: ...\n",
        "images_client/broken.py": "this is not Python\n",
    })
    result = assess(old, new, downstream, Options())
    assert [(f.line, f.change and f.change.kind) for f in result.findings] == [
        (line_of(RENDER, 'style="vivid"'), "param-removed"), (line_of(RENDER, "plain = client"), "param-default")]
    assert result.unparsed == []  # the vendored folder is not read at all


def test_each_type_error_maps_to_the_change_that_explains_it(tmp_path: Path) -> None:
    def answer_changes(document: dict[str, Any]) -> None:
        result = document["components"]["schemas"]["Result"]
        result["properties"]["created"] = {"type": "string"}  # a field's type
        del result["properties"]["data"]  # a field gone
        result["required"] = ["created"]

    code = '''\
    from images_client import ImagesClient
    from images_client.types import ResultDataItem


    def render(client: ImagesClient) -> int:
        result = client.images.generate(prompt="a cat")
        items: list[ResultDataItem] = result.data
        total: int = result.created + 1
        stamp = result.created
        later: int = stamp + 1
        return total + later + len(items)
    '''
    old, new = specs(tmp_path, edited(answer_changes))
    result = assess(old, new, project(tmp_path / "downstream", {"render.py": code}), Options())
    code = textwrap.dedent(code)
    kinds = {f.line: f.change.kind if f.change else None for f in result.findings if f.breaks}
    imported = line_of(code, "import ResultDataItem")
    assert kinds == {
        imported: kinds[imported],
        line_of(code, "= result.data"): "field-removed",
        line_of(code, "total: int"): "field-type",
        line_of(code, "later: int"): None,  # `stamp + 1` names nothing the report changed
    }
    # the field's inline class is gone with it: the change that says so (the field's, or the class's own)
    (gone,) = at(result, "render.py", imported)
    assert gone.change is not None and "ResultDataItem" in gone.change.python + gone.change.message
    assert "→ unmapped: the type check fails here; no single change in the report explains it" in as_text(result)


def test_a_value_mypy_cannot_see_passed_to_a_narrower_argument(tmp_path: Path) -> None:
    code = '''\
    import json
    from typing import Any

    from images_client import ImagesClient


    def render(client: ImagesClient, settings: str) -> None:
        chosen: Any = json.loads(settings)
        client.images.generate(prompt="a cat", style=chosen["style"], n=1)
        client.images.generate(prompt="a dog", style="vivid", n=1)
    '''
    new = edited(lambda d: d["components"]["schemas"]["CreateImageRequest"]["properties"]["style"].update(
        enum=["vivid", "natural"]))  # `poster` is gone
    old, new_path = specs(tmp_path, new)
    result = assess(old, new_path, project(tmp_path / "downstream", {"app.py": code}), Options())
    (finding,) = result.findings
    assert finding.line == line_of(textwrap.dedent(code), 'chosen["style"]') and not finding.breaks
    assert finding.change is not None and finding.change.kind == "enum-values-removed"
    assert result.safe and "changes meaning" in as_text(result).splitlines()[0]


def test_the_command_line(tmp_path: Path) -> None:
    old, new = specs(tmp_path, edited(without_style))
    code = SAFE.replace("n=3)", 'n=3, style="natural")')
    downstream = project(tmp_path / "downstream", {"app/render.py": code})
    done = subprocess.run([sys.executable, "-m", "generator", "impact", old, new, "--project", str(downstream),
                           "--format", "json"], cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert done.returncode == 1, done.stderr
    document = json.loads(done.stdout)
    (finding,) = document["findings"]
    call = 'result = client.images.generate(prompt=prompt, n=3, style="natural")'
    assert (finding["file"], finding["line"], finding["code"]) == ("app/render.py", line_of(code, "style="), call)
    assert finding["change"]["kind"] == "param-removed" and document["safe"] is False


def test_refusals(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    old, new = specs(tmp_path, SPEC)
    with pytest.raises(UsageError, match="not a folder"):
        assess(old, new, tmp_path / "nowhere", Options())
    monkeypatch.setattr(importlib.util, "find_spec", lambda name: None)  # as where mypy is not installed
    with pytest.raises(OutputError, match="mypy is not installed"):
        assess(old, new, tmp_path, Options())
