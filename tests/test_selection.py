"""`--tag` and `--path`: only the selected operations and what they reach.

The upstream OpenAI file, its Images operations selected, gives the package the images-only
file gives, byte for byte; a fixture shows what a selection keeps and leaves out (through
shared parameters, request bodies, responses and discriminator mappings) and that a defect in
the part left out no longer stops generation.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from generator.errors import SpecError, UsageError
from generator.options import Options, Selection
from generator.pipeline import generate_files, load_and_build
from generator.spec.selection import path_pattern

from .conftest import FIXTURES, ROOT, SPEC, shared_or_skip, upstream_or_skip

TWO_TAGS = FIXTURES / "selection" / "two_tags.yaml"


def selected(*, tags: tuple[str, ...] = (), paths: tuple[str, ...] = ()) -> Options:
    return Options(selection=Selection(tags, paths))


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=ROOT, capture_output=True, text=True)


@pytest.fixture(scope="module")
def images_package() -> dict[str, bytes]:
    return generate_files(shared_or_skip())


@pytest.mark.parametrize("options", [selected(tags=("Images",)), selected(paths=("/images/*",)),
                                     selected(paths=("/images/generations", "/images/edits", "/images/variations"))],
                         ids=["tag", "path-pattern", "paths"])
def test_the_images_operations_of_the_upstream_file_give_the_images_package(
        options: Options, images_package: dict[str, bytes]) -> None:
    files = generate_files(upstream_or_skip(), options)
    assert sorted(files) == sorted(images_package)
    manifest = "images_client/_manifest.json"  # provenance: it says which document, and the selection
    different = [rel for rel in files if files[rel] != images_package[rel] and rel != manifest]
    assert not different, f"not byte-identical: {different}"
    selected, whole = json.loads(files[manifest]), json.loads(images_package[manifest])
    assert selected["files"] == whole["files"]  # the same package, file for file
    assert (selected["options"]["tags"], selected["options"]["paths"]) == (list(options.selection.tags),
                                                                           list(options.selection.paths))
    assert selected["spec"]["version"] == whole["spec"]["version"]


def test_a_selection_keeps_what_its_operations_reach_and_nothing_else() -> None:
    _, api, _ = load_and_build(TWO_TAGS, selected(tags=("Pets",)))
    operations = {(r.attr_name, op.method_name) for r in api.resources for op in r.operations}
    # an operation tagged [Stores, Pets] is selected by Pets and stays in its own resource
    assert operations == {("pets", "list"), ("pets", "create"), ("stores", "list_pets")}
    assert {m.name for m in api.models} == {"Pet", "PetAnimal", "Owner", "Cat", "Dog"}
    create = next(op for r in api.resources for op in r.operations if op.method_name == "create")
    assert [p.wire_name for p in create.params] == ["name", "X-Trace"]  # a shared parameter and body, by $ref


def test_a_defect_outside_the_selection_does_not_stop_it() -> None:
    with pytest.raises(SpecError) as whole:
        load_and_build(TWO_TAGS, Options())
    assert [p.pointer for p in whole.value.problems] == ["/components/schemas/Store/properties/address/type"]
    load_and_build(TWO_TAGS, selected(tags=("Pets",)))  # the broken Store is not reached
    with pytest.raises(SpecError) as chosen:  # selected, it is reported where it stands in the file
        load_and_build(TWO_TAGS, selected(paths=("/stores/*",)))
    problem = chosen.value.problems[0]
    line = next(i for i, text in enumerate(TWO_TAGS.read_text().splitlines(), 1) if "type: banana" in text)
    assert (problem.pointer, problem.line) == ("/components/schemas/Store/properties/address/type", line)


def test_tags_and_paths_select_the_operations_either_matches() -> None:
    _, api, _ = load_and_build(TWO_TAGS, selected(paths=("/pets",)))
    assert sorted(op.method_name for r in api.resources for op in r.operations) == ["create", "list"]
    _, api, _ = load_and_build(TWO_TAGS, selected(paths=("/pets", "/stores/*/pets")))
    assert sorted(op.method_name for r in api.resources for op in r.operations) == [
        "create", "list", "list_pets"]
    with pytest.raises(SpecError):  # the path adds get_store (and its broken Store) to the tag's operations
        load_and_build(TWO_TAGS, selected(tags=("Pets",), paths=("/stores/{store_id}",)))


@pytest.mark.parametrize(("pattern", "path", "matches"), [
    ("/images/*", "/images/edits", True),
    ("/images/*", "/images", False),
    ("/images/*", "/v2/images/edits", False),  # a pattern matches the whole path
    ("*/edits", "/images/edits", True),
    ("/stores/*", "/stores/{store_id}/pets", True),  # `*` crosses `/`
    ("/stores/{store_id}", "/stores/{store_id}", True),  # braces and dots are themselves
    ("/a.b", "/aXb", False),
])
def test_path_patterns(pattern: str, path: str, matches: bool) -> None:
    assert bool(path_pattern(pattern).fullmatch(path)) is matches


def test_a_selector_that_selects_nothing_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match=r"--tag 'pets'.*did you mean 'Pets'\?"):
        load_and_build(TWO_TAGS, selected(tags=("pets",)))
    out = tmp_path / "out"
    result = run("generate", "--spec", str(TWO_TAGS), "--out", str(out), "--tag", "Pets", "--tag", "Birds",
                 "--path", "/birds/*")
    assert result.returncode == 2, result.stderr
    assert "--tag 'Birds'" in result.stderr and "its tags are Pets, Stores" in result.stderr
    assert "--path '/birds/*'" in result.stderr and "Traceback" not in result.stderr
    assert not out.exists()


def test_generate_and_check_take_the_selection(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run("generate", "--spec", str(TWO_TAGS), "--out", str(out), "--tag", "Pets").returncode == 0
    assert (out / "images_client" / "resources" / "pets.py").exists()
    assert run("check", "--spec", str(TWO_TAGS), "--out", str(out), "--tag", "Pets").returncode == 0
    # the same folder is stale for another selection (the stamp knows the selection too)
    assert run("check", "--spec", str(TWO_TAGS), "--out", str(out), "--path", "/pets").returncode == 1
    result = run("generate", "--spec", str(TWO_TAGS), "--out", str(out), "--path", "/pets")
    assert result.returncode == 0 and "removed images_client/resources/stores.py" in result.stdout


def test_diff_against_the_upstream_file_reads_only_the_selected_operations() -> None:
    upstream = upstream_or_skip()
    result = run("diff", str(SPEC), str(upstream), "--tag", "Images", "--format", "json")
    assert result.returncode == 0, result.stderr
    changes = json.loads(result.stdout)["changes"]
    methods = {change["python"].split("(")[0] for change in changes if change["python"].startswith("client.")}
    assert methods == {"client.images.edit", "client.images.generate", "client.images.create_variation"}
    assert not any(change["kind"] == "method-removed" for change in changes)
    # unselected, the other 285 operations of the file read as new methods
    whole = run("diff", str(SPEC), str(upstream), "--format", "json")
    added = {c["python"] for c in json.loads(whole.stdout)["changes"] if c["kind"] == "method-added"}
    assert len(added) > 250
