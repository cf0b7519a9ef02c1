"""`python -m generator diff`: every change classified from the Python user's side.

Each case edits our spec (or the official one) as a maintainer would and reads the JSON report:
the impact, who it breaks, where, and the version bump. What does not reach Python users
(security, examples, extensions, a media type the client does not expose) is not a change.

"Our spec" here is a frozen copy (tests/fixtures/report/images.yaml): the cases own their input,
so a maintainer's edit of spec/openapi.yaml (one more size, model or parameter) never breaks them.
"""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from pathlib import Path
from typing import Any, Callable

import pytest
import yaml

from generator.options import Options
from generator.report.command import run_diff

from .conftest import FIXTURES, ROOT, shared_or_skip

Edit = Callable[[dict[str, Any]], None]
OURS = yaml.safe_load((FIXTURES / "report" / "images.yaml").read_text())


def report(old: dict[str, Any], new: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str],
           *, output: str = "json", verbose: bool = False, fail_on: str | None = None) -> tuple[Any, int]:
    paths = []
    for name, document in (("old", old), ("new", new)):
        (tmp_path / name).mkdir(exist_ok=True)
        path = tmp_path / name / "openapi.json"
        path.write_text(json.dumps(document))
        paths.append(str(path))
    capsys.readouterr()
    status = run_diff(*paths, Options(), output=output, verbose=verbose, fail_on=fail_on)
    text = capsys.readouterr().out
    return (json.loads(text) if output == "json" else text), status


def edited(edit: Edit, document: dict[str, Any] = OURS) -> dict[str, Any]:
    copied = copy.deepcopy(document)
    edit(copied)
    return copied


def schema(document: dict[str, Any], name: str) -> dict[str, Any]:
    return document["components"]["schemas"][name]


def kinds(result: Any, impact: str | None = None) -> list[tuple[str, str, str | None]]:
    return [(c["impact"], c["kind"], c.get("breaks")) for c in result["changes"] if impact in (None, c["impact"])]


def only(result: Any, **fields: str) -> dict[str, str]:
    (change,) = [c for c in result["changes"] if c["impact"] != "docs"]
    for key, value in fields.items():
        assert change.get(key) == value, (key, change)
    return change


def test_no_change(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    result, status = report(OURS, OURS, tmp_path, capsys)
    assert result == {"bump": "none", "next_version": "1.0.0", "changes": []} and status == 0


# ---- callers ----


def test_a_new_optional_parameter_is_compatible(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    new = edited(lambda d: schema(d, "CreateImageRequest")["properties"].update(seed={"type": "integer"}))
    result, _ = report(OURS, new, tmp_path, capsys)
    only(result, impact="compatible", kind="param-added", operation="POST /images/generations", param="seed",
         python="client.images.generate(seed=...)")
    assert (result["bump"], result["next_version"]) == ("minor", "1.1.0")


def test_a_new_required_parameter_breaks_callers(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    def edit(d: dict[str, Any]) -> None:
        schema(d, "CreateImageRequest")["properties"]["seed"] = {"type": "integer"}
        schema(d, "CreateImageRequest")["required"].append("seed")

    result, status = report(OURS, edited(edit), tmp_path, capsys, fail_on="breaking")
    only(result, impact="breaking", breaks="callers", kind="param-added-required", param="seed")
    assert (result["bump"], result["next_version"], status) == ("major", "2.0.0", 1)


@pytest.mark.parametrize(("edit", "kind", "impact"), [
    (lambda d: schema(d, "CreateImageVariationRequest")["properties"].pop("user"), "param-removed", "breaking"),
    (lambda d: schema(d, "CreateImageVariationRequest")["required"].append("n"), "param-required", "breaking"),
    (lambda d: schema(d, "CreateImageVariationRequest").update(required=[]), "param-optional", "compatible"),
    (lambda d: schema(d, "CreateImageVariationRequest")["properties"]["n"].update(default=2), "param-default",
     "behaviour"),
], ids=["removed", "made required", "made optional", "default"])
def test_parameter_changes(edit: Edit, kind: str, impact: str, tmp_path: Path,
                           capsys: pytest.CaptureFixture[str]) -> None:
    result, _ = report(OURS, edited(edit), tmp_path, capsys)
    change = only(result, kind=kind, impact=impact, operation="POST /images/variations")
    assert ("breaks" in change) == (impact == "breaking")


def _values(name: str, field: str, change: Callable[[list[Any]], None]) -> Edit:
    def edit(d: dict[str, Any]) -> None:
        prop = schema(d, name)["properties"][field]
        enum = next(s["enum"] for s in [prop, *prop.get("anyOf", [])] if "enum" in s)
        change(enum)

    return edit


def test_a_value_removed_from_a_closed_request_enum_breaks_callers(tmp_path: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    result, _ = report(OURS, edited(_values("CreateImageRequest", "quality", lambda e: e.remove("hd"))), tmp_path,
                       capsys)
    change = only(result, impact="breaking", breaks="callers", kind="enum-values-removed",
                  schema="CreateImageRequest", field="quality")
    assert "`hd`" in change["message"]


def test_a_value_added_to_a_request_enum_is_compatible(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    result, _ = report(OURS, edited(_values("CreateImageRequest", "quality", lambda e: e.append("ultra"))),
                       tmp_path, capsys)
    only(result, impact="compatible", kind="enum-values-added")


@pytest.mark.parametrize("change", [lambda e: e.remove("256x256"), lambda e: e.append("2048x2048")],
                         ids=["removed", "added"])
def test_open_enum_values_are_compatible_either_way(change: Callable[[list[Any]], None], tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    def edit(d: dict[str, Any]) -> None:
        change(schema(d, "ImageGenerationSize")["anyOf"][1]["enum"])

    result, _ = report(OURS, edited(edit), tmp_path, capsys)
    assert [impact for impact, _, _ in kinds(result)] == ["compatible"]


def test_a_tag_rename_moves_the_methods(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    def edit(d: dict[str, Any]) -> None:
        for item in d["paths"].values():
            for op in item.values():
                op["tags"] = ["OpenAI"]

    result, _ = report(OURS, edited(edit), tmp_path, capsys)
    renamed = [c for c in result["changes"] if c["kind"] == "method-renamed"]
    assert len(renamed) == 3 and all(c["breaks"] == "callers" for c in renamed)
    assert any("`client.images.edit()` is `client.open_ai.edit()` now" in c["message"] for c in renamed)


def test_methods_removed_and_added(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    smaller = edited(lambda d: d["paths"].pop("/images/variations"))
    removed, _ = report(OURS, smaller, tmp_path, capsys)
    assert ("breaking", "method-removed", "callers") in kinds(removed)
    added, _ = report(smaller, OURS, tmp_path, capsys)
    assert kinds(added, "breaking") == [] and ("compatible", "method-added", None) in kinds(added)


# ---- readers ----


@pytest.mark.parametrize(("edit", "kind"), [
    (lambda d: schema(d, "ImagesResponse")["properties"].pop("created"), "field-removed"),
    (lambda d: schema(d, "ImagesResponse").update(required=[]), "field-optional"),
    (lambda d: schema(d, "ImagesResponse")["properties"]["created"].update(type=["integer", "null"]),
     "field-nullable"),
    (lambda d: schema(d, "ImagesResponse")["properties"]["created"].update(type="string"), "field-type"),
], ids=["removed", "made optional", "made nullable", "type"])
def test_field_changes_break_readers(edit: Edit, kind: str, tmp_path: Path,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    result, _ = report(OURS, edited(edit), tmp_path, capsys)
    only(result, impact="breaking", breaks="readers", kind=kind, schema="ImagesResponse")


def test_a_new_field_is_compatible(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    new = edited(lambda d: schema(d, "ImagesResponse")["properties"].update(seed={"type": "integer"}))
    result, _ = report(OURS, new, tmp_path, capsys)
    only(result, impact="compatible", kind="field-added", schema="ImagesResponse", field="seed",
         python="ImagesResponse.seed")


def test_a_new_response_value_is_compatible_but_needs_a_branch(tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    result, _ = report(OURS, edited(_values("ImagesResponse", "size", lambda e: e.append("1536x864"))), tmp_path,
                       capsys)
    change = only(result, impact="compatible", kind="enum-values-added")
    assert "`match`" in change["message"]


def test_a_new_event_is_compatible_but_needs_a_branch(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    def edit(d: dict[str, Any]) -> None:
        schema(d, "ImageGenStreamEvent")["anyOf"].append({"$ref": "#/components/schemas/ImageGenModeratedEvent"})
        d["components"]["schemas"]["ImageGenModeratedEvent"] = {
            "type": "object", "required": ["type"],
            "properties": {"type": {"type": "string", "enum": ["image_generation.moderated"]}}}

    result, _ = report(OURS, edited(edit), tmp_path, capsys)
    event = next(c for c in result["changes"] if c["kind"] == "event-added")
    assert event["impact"] == "compatible" and event["event"] == "image_generation.moderated"
    assert "assert_never" in event["message"] and kinds(result, "breaking") == []


def test_an_inline_object_turned_into_a_ref_is_a_rename(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    owner = {"type": "object", "properties": {"name": {"type": "string"}}}

    def inline(d: dict[str, Any]) -> None:
        schema(d, "ImagesResponse")["properties"]["owner"] = copy.deepcopy(owner)

    def as_ref(d: dict[str, Any]) -> None:
        schema(d, "ImagesResponse")["properties"]["owner"] = {"$ref": "#/components/schemas/Owner"}
        d["components"]["schemas"]["Owner"] = copy.deepcopy(owner)

    result, _ = report(edited(inline), edited(as_ref), tmp_path, capsys)
    assert ("breaking", "class-renamed", "readers") in kinds(result)
    renamed = next(c for c in result["changes"] if c["kind"] == "class-renamed")
    assert "`ImagesResponseOwner` is `Owner` now" in renamed["message"]
    assert [k for k in kinds(result) if k[1] != "class-renamed"] == []  # the field's type follows the rename


# ---- docs, and what is not on the surface ----


def test_descriptions_only_are_a_patch(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    new = edited(lambda d: schema(d, "ImagesResponse")["properties"]["created"].update(description="Reworded."))
    result, _ = report(OURS, new, tmp_path, capsys)
    assert kinds(result) == [("docs", "field-description", None)]
    assert (result["bump"], result["next_version"]) == ("patch", "1.0.1")


def test_what_python_users_cannot_see_is_not_a_change(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    def edit(d: dict[str, Any]) -> None:
        d["components"]["securitySchemes"]["Other"] = {"type": "http", "scheme": "basic"}  # declared, not required
        d["x-vendor"] = {"anything": True}
        schema(d, "ImagesResponse")["example"] = {"created": 5}
        schema(d, "ImagesResponse")["x-internal"] = "note"
        responses = d["paths"]["/images/generations"]["post"]["responses"]["200"]["content"]
        responses["application/xml"] = {"schema": {"type": "string"}}

    new = edited(edit)
    result, _ = report(OURS, new, tmp_path, capsys)
    assert result["changes"] == [] and result["bump"] == "none"
    verbose, _ = report(OURS, new, tmp_path, capsys, verbose=True)
    assert verbose["changes"] == [] and any(p.startswith("/x-vendor") for p in verbose["not_on_the_surface"])
    text, _ = report(OURS, new, tmp_path, capsys, output="text", verbose=True)
    assert text.startswith("No change for Python users.") and "Not a change for Python users" in text


def test_where_the_key_goes_is_a_change_of_behaviour_and_a_key_newly_needed_breaks_callers(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    def to_header(d: dict[str, Any]) -> None:
        d["components"]["securitySchemes"] = {"Key": {"type": "apiKey", "in": "header", "name": "X-API-Key"}}
        d["security"] = [{"Key": []}]

    result, _ = report(OURS, edited(to_header), tmp_path, capsys)
    change = only(result, impact="behaviour", kind="api-key-place")
    assert change["message"] == ("the API key is sent as the `X-API-Key` header now (was as a bearer token "
                                 "(`Authorization: Bearer <key>`))")

    def without_schemes(d: dict[str, Any]) -> None:
        del d["components"]["securitySchemes"], d["security"]

    result, _ = report(edited(without_schemes), OURS, tmp_path, capsys)
    only(result, impact="breaking", kind="api-key-place", breaks="callers")
    assert result["bump"] == "major"


def test_operations_that_need_no_key_are_reported_for_the_client_and_each_method(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    def public(path: str) -> Callable[[dict[str, Any]], None]:
        def edit(d: dict[str, Any]) -> None:
            d["paths"][path]["post"]["security"] = []
        return edit

    generations_public, edits_public = edited(public("/images/generations")), edited(public("/images/edits"))
    result, _ = report(OURS, generations_public, tmp_path, capsys)
    change = only(result, impact="behaviour", kind="api-key-needed")
    assert change["message"].startswith("the API key is needed by some operations")
    assert not [c for c in result["changes"] if c["kind"] == "method-key"]
    result, _ = report(generations_public, OURS, tmp_path, capsys)
    only(result, impact="breaking", kind="api-key-needed", breaks="callers")  # a client made without a key raises
    result, _ = report(generations_public, edits_public, tmp_path, capsys)
    assert sorted((c["impact"], c["operation"], c["message"]) for c in result["changes"]) == [
        ("breaking", "POST /images/generations", "`client.images.generate()` needs an API key now"),
        ("compatible", "POST /images/edits", "`client.images.edit()` needs no API key now"),
    ]


def test_a_setting_the_security_asks_for_beside_the_key_is_reported(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    def with_team(place: str) -> Callable[[dict[str, Any]], None]:
        def edit(d: dict[str, Any]) -> None:
            d["components"]["securitySchemes"]["team"] = {"type": "apiKey", "in": place, "name": "X-Team"}
            d["security"] = [{"ApiKeyAuth": [], "team": []}]
        return edit

    header, query = edited(with_team("header")), edited(with_team("query"))
    result, _ = report(OURS, header, tmp_path, capsys)
    change = only(result, impact="compatible", kind="setting-added")
    assert change["message"] == "new setting `team`, sent as the `X-Team` header (else read from `OPENAI_TEAM`)"
    result, _ = report(header, query, tmp_path, capsys)
    only(result, impact="behaviour", kind="setting-place")
    result, _ = report(header, OURS, tmp_path, capsys)
    only(result, impact="breaking", kind="setting-removed", breaks="callers")


# ---- formats and the command ----


def test_the_json_shape(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    def edit(d: dict[str, Any]) -> None:
        schema(d, "CreateImageVariationRequest")["properties"].pop("user")
        schema(d, "ImagesResponse")["properties"]["seed"] = {"type": "integer"}

    result, _ = report(OURS, edited(edit), tmp_path, capsys)
    assert set(result) == {"bump", "next_version", "changes"}
    allowed = {"impact", "breaks", "kind", "operation", "param", "schema", "field", "event", "python", "message"}
    for change in result["changes"]:
        assert set(change) <= allowed and {"impact", "kind", "python", "message"} <= set(change)
        assert change["impact"] in ("breaking", "behaviour", "compatible", "docs")
        assert ("breaks" in change) == (change["impact"] == "breaking")
        assert ("param" in change) <= ("operation" in change) and ("field" in change) <= ("schema" in change)


def test_text_and_markdown(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    new = edited(lambda d: schema(d, "CreateImageVariationRequest")["properties"].pop("user"))
    text, _ = report(OURS, new, tmp_path, capsys, output="text")
    assert text.splitlines()[0] == "1 change for Python users (1 breaking): a major release, 1.0.0 → 2.0.0"
    assert "Breaking for callers\n  client.images.create_variation(user=...): the argument `user` is gone" in text
    markdown, _ = report(OURS, new, tmp_path, capsys, output="markdown")
    assert markdown.startswith("## API changes") and "### Breaking for callers" in markdown
    assert "- `client.images.create_variation(user=...)`" in markdown


def test_git_refs_and_fail_on(tmp_path: Path) -> None:
    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "generator", "diff", *args], cwd=ROOT, capture_output=True,
                              text=True)

    same = run("git:HEAD:spec/openapi.yaml", "spec/openapi.yaml", "--fail-on", "docs")
    committed_spec_is_unchanged = subprocess.run(["git", "diff", "--quiet", "HEAD", "--", "spec/openapi.yaml"],
                                                 cwd=ROOT).returncode == 0
    if committed_spec_is_unchanged:
        assert same.returncode == 0 and same.stdout.startswith("No change"), same.stdout + same.stderr
    # the committed spec, whatever it holds, less its first path: a method removed
    committed = yaml.safe_load(subprocess.run(["git", "show", "HEAD:spec/openapi.yaml"], cwd=ROOT, capture_output=True,
                                              text=True, check=True).stdout)
    broken = tmp_path / "openapi.json"
    broken.write_text(json.dumps(edited(lambda d: d["paths"].pop(next(iter(d["paths"]))), committed)))
    result = run("git:HEAD:spec/openapi.yaml", str(broken), "--fail-on", "breaking", "--format", "json")
    assert result.returncode == 1 and json.loads(result.stdout)["bump"] == "major"
    assert run("git:HEAD:spec/openapi.yaml", str(broken)).returncode == 0  # no --fail-on: a report, not a verdict
    bad = run("git:no-such-ref:spec/openapi.yaml", "spec/openapi.yaml")
    assert bad.returncode == 1 and "git:no-such-ref:spec/openapi.yaml" in bad.stderr and "Traceback" not in bad.stderr


def test_the_official_spec_against_ours_lists_only_what_python_users_notice(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A wire-level tool (redocly diff) lists 235 changes, 18 "major", between these two specs,
    whose Python surface is nearly the same. Ours: the classes named otherwise, two defaults, the
    limits our spec states (a prompt's length, a compression's range) and the formats it leaves
    out, one model value, the descriptions (in our own words), and the client class, named after
    each title (`OpenAIClient`, `ImagesClient`). No method or argument comes or goes, and no field."""
    official = yaml.safe_load(shared_or_skip().read_text())
    result, _ = report(official, OURS, tmp_path, capsys)
    surface = [c for c in result["changes"] if c["impact"] != "docs"]
    assert len(surface) <= 20, json.dumps(surface, indent=1)
    assert not {c["kind"] for c in surface} & {"method-removed", "method-added", "param-removed", "param-added",
                                                "param-added-required", "field-removed", "field-added"}
    assert {c["kind"] for c in surface} <= {"class-removed", "class-renamed", "class-added", "param-default",
                                            "param-constraint", "field-constraint", "enum-values-added",
                                            "client-renamed"}
    constraints = [c for c in surface if c["kind"].endswith("-constraint")]
    assert all(c["impact"] == ("breaking" if c["kind"] == "param-constraint" else "compatible")
               for c in constraints), json.dumps(constraints, indent=1)  # limits refuse what was taken


def test_a_class_no_longer_reached_is_gone_too(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    result, _ = report(OURS, edited(lambda d: schema(d, "ImagesResponse")["properties"].pop("data")), tmp_path,
                       capsys)
    assert kinds(result) == [("breaking", "class-removed", "readers"), ("breaking", "field-removed", "readers")]
