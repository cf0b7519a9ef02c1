"""The change report on a history of the official images spec, against hand-checked answers.

Each pair is two consecutive versions built from the official spec (`../shared`) the way the
upstream file changed over time: sizes and models added, a parameter made nullable, the usage
object extracted into named schemas, a format added, a limit tightened, an event added. The
expected changes were worked out by hand, from the Python user's side, before the report was
run; the test fails on a change missed, a change the report invents (a false alarm), a wrong
impact or a wrong release. `python -m tests.test_diff_history` prints the figures.
"""

from __future__ import annotations

import copy
import json
import sys
from pathlib import Path
from typing import Any, Callable, NamedTuple

import pytest
import yaml

from generator.options import Options
from generator.pipeline import load_and_build
from generator.report.compare import Change, compare
from generator.report.formats import bump

from .conftest import OFFICIAL_SPEC, shared_or_skip

Edit = Callable[[dict[str, Any]], None]
Expected = tuple[str, str, str]  # (impact, kind, where a Python user meets it)


def _schemas(d: dict[str, Any]) -> dict[str, Any]:
    return d["components"]["schemas"]


def _props(d: dict[str, Any], name: str) -> dict[str, Any]:
    return _schemas(d)[name]["properties"]


def _closed(values: list[str], *, nullable: bool) -> dict[str, Any]:
    return {"type": "string", "enum": values, **({"nullable": True} if nullable else {})}


def _no_change(d: dict[str, Any]) -> None:
    pass


def _model_enum(d: dict[str, Any], request: str) -> list[str]:
    return next(m["enum"] for m in _props(d, request)["model"]["anyOf"] if "enum" in m)


# ---- the versions ----


def sizes_before(d: dict[str, Any]) -> None:
    """Before GPT image models: three square sizes, two qualities, neither nullable."""
    _props(d, "CreateImageEditRequest")["size"] = _closed(["256x256", "512x512", "1024x1024"], nullable=False)
    _props(d, "CreateImageRequest")["quality"] = _closed(["standard", "hd"], nullable=False)


def sizes_after(d: dict[str, Any]) -> None:
    _props(d, "CreateImageEditRequest")["size"] = _closed(
        ["256x256", "512x512", "1024x1024", "1536x1024", "1024x1536", "auto"], nullable=True)
    _props(d, "CreateImageRequest")["quality"] = _closed(["standard", "hd", "low", "medium", "high", "auto"],
                                                         nullable=True)


def without_mini(d: dict[str, Any]) -> None:
    for request in ("CreateImageRequest", "CreateImageEditRequest"):
        _model_enum(d, request).remove("gpt-image-1-mini")


def usage_inline(d: dict[str, Any]) -> None:
    """The usage object as it first was: inline, with its details inline, and no output details;
    `created` had no format yet."""
    usage = copy.deepcopy(_schemas(d)["ImageGenUsage"])
    usage["properties"]["input_tokens_details"] = copy.deepcopy(_schemas(d)["ImageGenInputUsageDetails"])
    del usage["properties"]["output_tokens_details"]
    _props(d, "ImagesResponse")["usage"] = usage
    del _props(d, "ImagesResponse")["created"]["format"]
    for name in ("ImageGenUsage", "ImageGenInputUsageDetails", "ImageGenOutputTokensDetails"):
        del _schemas(d)[name]


def response_size_before(d: dict[str, Any]) -> None:
    _props(d, "ImagesResponse")["size"]["enum"].remove("1536x1024")


def n_at_most(limit: int) -> Edit:
    def edit(d: dict[str, Any]) -> None:
        _props(d, "CreateImageRequest")["n"]["maximum"] = limit
    return edit


def without_variation_user(d: dict[str, Any]) -> None:
    del _props(d, "CreateImageVariationRequest")["user"]


def with_moderated_event(d: dict[str, Any]) -> None:
    _schemas(d)["ImageGenModeratedEvent"] = {
        "type": "object", "required": ["type", "reason"],
        "properties": {"type": {"type": "string", "enum": ["image_generation.moderated"]},
                       "reason": {"type": "string"}}}
    _schemas(d)["ImageGenStreamEvent"]["anyOf"].append({"$ref": "#/components/schemas/ImageGenModeratedEvent"})


def variation_sizes_narrowed(d: dict[str, Any]) -> None:
    _props(d, "CreateImageVariationRequest")["size"]["enum"].remove("256x256")


def completed_quality_optional(d: dict[str, Any]) -> None:
    _schemas(d)["ImageGenCompletedEvent"]["required"].remove("quality")


def user_nullable(d: dict[str, Any]) -> None:
    _props(d, "CreateImageRequest")["user"]["nullable"] = True


def response_quality_removed(d: dict[str, Any]) -> None:
    del _props(d, "ImagesResponse")["quality"]


def shared_fidelity(d: dict[str, Any]) -> None:
    """`InputFidelity` typed an argument only; here an answer reports it too."""
    _props(d, "ImagesResponse")["input_fidelity"] = {"$ref": "#/components/schemas/InputFidelity"}


def shared_fidelity_widened(d: dict[str, Any]) -> None:
    shared_fidelity(d)
    _schemas(d)["InputFidelity"]["enum"].append("max")


def shared_fidelity_narrowed(d: dict[str, Any]) -> None:
    shared_fidelity(d)
    _schemas(d)["InputFidelity"]["enum"].remove("low")


class Pair(NamedTuple):
    name: str
    before: Edit
    after: Edit
    expected: list[Expected]  # every change a Python user meets, descriptions aside
    release: str


GEN, EDIT, VAR = "client.images.generate", "client.images.edit", "client.images.create_variation"

PAIRS = [
    Pair("request sizes and qualities added, made nullable", sizes_before, sizes_after, [
        ("compatible", "param-type", f"{EDIT}(size=...)"),  # Optional now
        ("compatible", "enum-values-added", "CreateImageEditRequestSize"),
        ("compatible", "param-type", f"{GEN}(quality=...)"),
        ("compatible", "enum-values-added", "CreateImageRequestQuality"),
    ], "minor"),
    Pair("a new model (an open enum)", without_mini, _no_change, [
        ("compatible", "enum-values-added", "CreateImageRequestModel"),
        ("compatible", "enum-values-added", "CreateImageEditRequestModel"),
    ], "minor"),
    Pair("usage extracted into named schemas, a field added inside, created gets a format", usage_inline,
         _no_change, [
             ("breaking", "class-renamed", "ImageGenUsage"),  # one entry, the details' rename inside it
             ("compatible", "field-added", "ImageGenUsage.output_tokens_details"),  # with its new class
             ("compatible", "field-constraint", "ImagesResponse.created"),
         ], "major"),
    Pair("a response size added", response_size_before, _no_change, [
        ("compatible", "enum-values-added", "ImagesResponseSize"),
    ], "minor"),
    Pair("n's limit tightened", _no_change, n_at_most(8), [
        ("breaking", "param-constraint", f"{GEN}(n=...)"),
    ], "major"),
    Pair("n's limit loosened", n_at_most(8), _no_change, [
        ("compatible", "param-constraint", f"{GEN}(n=...)"),
    ], "minor"),
    Pair("a request parameter removed", _no_change, without_variation_user, [
        ("breaking", "param-removed", f"{VAR}(user=...)"),
    ], "major"),
    Pair("a stream event added", _no_change, with_moderated_event, [
        ("compatible", "event-added", "ImageGenStreamEvent"),  # naming its new class
    ], "minor"),
    Pair("a request size removed", _no_change, variation_sizes_narrowed, [
        ("breaking", "enum-values-removed", "CreateImageVariationRequestSize"),
    ], "major"),
    Pair("a response field no longer always there", _no_change, completed_quality_optional, [
        ("breaking", "field-optional", "ImageGenCompletedEvent.quality"),
    ], "major"),
    Pair("a request parameter made nullable", _no_change, user_nullable, [
        ("compatible", "param-type", f"{GEN}(user=...)"),
    ], "minor"),
    Pair("a response field removed, and its enum with it", _no_change, response_quality_removed, [
        ("breaking", "field-removed", "ImagesResponse.quality"),  # naming its class, gone with it
    ], "major"),
    Pair("an enum that arguments and answers share, widened", shared_fidelity, shared_fidelity_widened, [
        ("compatible", "enum-values-added", "InputFidelity"),
    ], "minor"),
    Pair("an enum that arguments and answers share, narrowed", shared_fidelity, shared_fidelity_narrowed, [
        ("breaking", "enum-values-removed", "InputFidelity"),  # callers, the stricter of the two
    ], "major"),
    Pair("a response enum narrowed", _no_change, response_size_before, [
        ("compatible", "enum-values-removed", "ImagesResponseSize"),
    ], "minor"),
]


def run_pair(pair: Pair, official: dict[str, Any], folder: Path) -> list[Change]:
    apis = []
    for side, edit in (("before", pair.before), ("after", pair.after)):
        document = copy.deepcopy(official)
        edit(document)
        (folder / side).mkdir(parents=True, exist_ok=True)
        path = folder / side / "openapi.json"
        path.write_text(json.dumps(document))
        apis.append(load_and_build(path, Options())[1])
    return [c for c in compare(*apis) if c.impact != "docs"]


@pytest.fixture(scope="module")
def official() -> dict[str, Any]:
    return yaml.safe_load(shared_or_skip().read_text())


@pytest.mark.parametrize("pair", PAIRS, ids=[p.name for p in PAIRS])
def test_each_change_found_once_and_judged_right(pair: Pair, official: dict[str, Any], tmp_path: Path) -> None:
    changes = run_pair(pair, official, tmp_path)
    found = sorted((c.impact, c.kind, c.python) for c in changes)
    assert found == sorted(pair.expected), "\n".join(f"{c.impact} {c.kind} {c.python}: {c.message}" for c in changes)
    assert bump(changes) == pair.release


def test_a_pure_widening_of_request_values_never_fails_ci(official: dict[str, Any], tmp_path: Path) -> None:
    """`--fail-on breaking` in CI must stay quiet on the commonest change there is."""
    changes = run_pair(PAIRS[0], official, tmp_path)
    assert changes and all(c.impact == "compatible" for c in changes)


def test_the_extraction_is_one_entry_naming_both_classes(official: dict[str, Any], tmp_path: Path) -> None:
    changes = run_pair(PAIRS[2], official, tmp_path)
    (renamed,) = [c for c in changes if c.kind == "class-renamed"]
    assert "`ImagesResponseUsage` is `ImageGenUsage`" in renamed.message
    assert "`ImagesResponseUsageInputTokensDetails` is `ImageGenInputUsageDetails`" in renamed.message
    assert renamed.breaks == "readers"


def test_a_tightened_request_limit_says_it_fails_at_run_time(official: dict[str, Any], tmp_path: Path) -> None:
    (change,) = run_pair(PAIRS[4], official, tmp_path)
    assert change.breaks == "callers" and "`10` → `8`" in change.message and "run time" in change.message


def figures(official: dict[str, Any], folder: Path) -> dict[str, int]:
    """Found, breaking and false alarms over every pair, against the hand-checked answers."""
    totals = {"pairs": 0, "expected": 0, "found": 0, "expected_breaking": 0, "found_breaking": 0,
              "false_alarms": 0, "releases_right": 0}
    for i, pair in enumerate(PAIRS):
        changes = run_pair(pair, official, folder / str(i))
        got = [(c.impact, c.kind, c.python) for c in changes]
        totals["pairs"] += 1
        totals["expected"] += len(pair.expected)
        totals["found"] += sum(e in got for e in pair.expected)
        totals["expected_breaking"] += sum(e[0] == "breaking" for e in pair.expected)
        totals["found_breaking"] += sum(e in got for e in pair.expected if e[0] == "breaking")
        totals["false_alarms"] += sum(g not in pair.expected for g in got)
        totals["releases_right"] += bump(changes) == pair.release
    return totals


if __name__ == "__main__":
    import tempfile

    with tempfile.TemporaryDirectory() as scratch:
        json.dump(figures(yaml.safe_load(OFFICIAL_SPEC.read_text()), Path(scratch)), sys.stdout, indent=1)
    print()
