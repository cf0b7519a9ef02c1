"""A spec in several files (issue 16: DigitalOcean's layout): path items, parameters, responses,
schemas and a tag's description by `$ref` into other files, relative to the file that refers,
with cycles across files; problems inside another file name that file and its line; and a
change to another file is never taken for a no-op.

`tests/fixtures/multifile/` is such a spec, written for this test in the shape of DigitalOcean's
(`resources/droplets/...`, `shared/...`).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from generator.errors import SpecError
from generator.options import Options
from generator.pipeline import generate_files, load_and_build

from .conftest import FIXTURES, ROOT

MULTI = FIXTURES / "multifile"


def test_every_reference_into_another_file_is_brought_in() -> None:
    spec, api, _ = load_and_build(MULTI / "openapi.yaml", Options())
    operations = {op.method_name: op for r in api.resources for op in r.operations}
    assert set(operations) == {"list", "create", "get"}  # a path item by $ref too
    models = {m.name: m for m in api.models}
    droplet = models["Droplet"]  # named after its file, once however many places refer to it
    assert {f.wire_name for f in droplet.fields} == {"id", "name", "region", "next"}
    assert "Droplet" in repr(next(f.type for f in droplet.fields if f.wire_name == "next"))  # a cycle, named
    assert {f.wire_name for f in models["Region"].fields} == {"slug", "sizes"}  # a fragment of another file
    assert "Size" in models  # a `#/...` inside another file is that file's own
    get = operations["get"]
    assert [(p.location, p.wire_name) for p in get.params] == [("path", "droplet_id")]
    assert spec.data["tags"][0]["description"].startswith("A Droplet is a virtual machine")
    assert sorted(Path(s).name for s in spec.sources) == ["description.yml", "droplet.yml", "droplet_create.yml",
                                                          "droplets.yml", "models.yml", "parameters.yml",
                                                          "responses.yml"]


def test_the_package_imports_and_type_checks(tmp_path: Path) -> None:
    out = tmp_path / "out"
    for rel, data in generate_files(MULTI / "openapi.yaml", Options(package="multi_client")).items():
        (out / rel).parent.mkdir(parents=True, exist_ok=True)
        (out / rel).write_bytes(data)
    typed = subprocess.run([sys.executable, "-m", "mypy", "--strict", "--no-incremental", "-p", "multi_client"],
                           cwd=out, capture_output=True, text=True, env={**os.environ, "MYPYPATH": str(out)})
    assert typed.returncode == 0, typed.stdout


def test_a_problem_in_another_file_names_that_file_and_line(tmp_path: Path) -> None:
    copy = tmp_path / "spec"
    shutil.copytree(MULTI, copy)
    model = copy / "resources" / "droplets" / "models" / "droplet.yml"
    model.write_text(model.read_text().replace("name: {type: string}", "name: {type: strng}"))
    try:
        load_and_build(copy / "openapi.yaml", Options(), display="spec/openapi.yaml")
    except SpecError as exc:
        shown = [str(p) for p in exc.problems]
    else:
        raise AssertionError("a broken type in another file was taken")
    line = next(i for i, text in enumerate(model.read_text().splitlines(), 1) if "strng" in text)
    assert any(s.startswith(f"spec/resources/droplets/models/droplet.yml:{line}: ") and "unknown type 'strng'" in s
               for s in shown), shown


def test_a_missing_file_is_a_located_error(tmp_path: Path) -> None:
    copy = tmp_path / "spec"
    shutil.copytree(MULTI, copy)
    (copy / "shared" / "parameters.yml").unlink()
    try:
        load_and_build(copy / "openapi.yaml", Options(), display="spec/openapi.yaml")
    except SpecError as exc:
        (problem,) = exc.problems
    else:
        raise AssertionError("a missing file was taken")
    assert problem.file == "spec/openapi.yaml" and problem.line is not None
    assert "shared/parameters.yml does not exist" in problem.message


def test_a_change_to_another_file_is_not_a_no_op(tmp_path: Path) -> None:
    copy = tmp_path / "spec"
    shutil.copytree(MULTI, copy)

    def generate() -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "generator", "generate", "--spec", "spec/openapi.yaml", "--out",
                               "out"], cwd=tmp_path, capture_output=True, text=True,
                              env={**os.environ, "PYTHONPATH": str(ROOT)})

    assert generate().returncode == 0
    assert "up to date" in generate().stdout
    model = copy / "resources" / "droplets" / "models" / "droplet.yml"
    model.write_text(model.read_text() + "  image: {type: string}\n")
    again = generate()
    assert again.returncode == 0 and "wrote" in again.stdout, again.stdout + again.stderr
    assert "image" in (tmp_path / "out" / "images_client" / "types" / "__init__.py").read_text()
