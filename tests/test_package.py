"""The committed package stands alone: it builds, installs without this repo, and imports."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

from .conftest import GENERATED


def test_pip_installs_generated_on_its_own(tmp_path: Path) -> None:
    source = tmp_path / "source"  # a copy, so the build leaves nothing behind in generated/
    shutil.copytree(GENERATED, source)
    wheels = tmp_path / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(wheels), str(source)],
                   check=True, capture_output=True)
    (wheel,) = wheels.glob("images_client-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    for required in ("images_client/py.typed", "images_client/types/__init__.py",
                     "images_client/resources/images.py", "images_client/_streaming.py"):
        assert required in names
    metadata = next(n for n in names if n.endswith("METADATA"))
    requires = [line for line in zipfile.ZipFile(wheel).read(metadata).decode().splitlines()
                if line.startswith("Requires-Dist:")]
    assert sorted(r.split()[1].split(">")[0].split("<")[0] for r in requires) == ["httpx", "pydantic",
                                                                                   "typing_extensions"]
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(target),
                    str(wheel)], check=True, capture_output=True)
    probe = ("import images_client, images_client.types as t; "
             "print(images_client.__file__); print(t.ImagesResponse.__name__)")
    result = subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, env={"PYTHONPATH": str(target)},
                            check=True, capture_output=True, text=True)
    path, name = result.stdout.split()
    assert path.startswith(str(target)) and name == "ImagesResponse"


def test_vendored_under_another_package(tmp_path: Path) -> None:
    """All imports inside the package are relative, so it works copied under any parent."""
    vendor = tmp_path / "myapp" / "_vendor"
    shutil.copytree(GENERATED / "images_client", vendor / "images_client")
    (tmp_path / "myapp" / "__init__.py").write_text("")
    (vendor / "__init__.py").write_text("")
    probe = "from myapp._vendor.images_client import ImagesClient; print(ImagesClient.__module__)"
    result = subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, check=True, capture_output=True, text=True)
    assert result.stdout.strip() == "myapp._vendor.images_client._client"


def test_the_generator_installs_and_runs_from_any_folder(tmp_path: Path) -> None:
    """`pip install .` carries the templates inside the generator: from an unrelated folder the
    installed generator (not this checkout) gives the same bytes as the checkout does."""
    from generator.pipeline import generate_files

    from .conftest import ROOT, SPEC

    wheels = tmp_path / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(wheels), str(ROOT)],
                   check=True, capture_output=True)
    (wheel,) = wheels.glob("images_sdk_generator-*.whl")
    site = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(site), str(wheel)],
                   check=True, capture_output=True)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    shutil.copy(SPEC, elsewhere / "openapi.yaml")
    result = subprocess.run(
        [sys.executable, "-c", "import generator, sys; from generator.cli import main; print(generator.__file__); "
                               "sys.exit(main(['generate', '--spec', 'openapi.yaml', '--out', 'out']))"],
        cwd=elsewhere, env={**os.environ, "PYTHONPATH": str(site)}, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0].startswith(str(site))  # the installed copy ran
    produced = {p.relative_to(elsewhere / "out").as_posix(): p.read_bytes()
                for p in (elsewhere / "out").rglob("*") if p.is_file()}
    cwd = os.getcwd()
    try:
        os.chdir(elsewhere)  # the same folder, so the header names the spec the same way
        assert produced == generate_files(Path("openapi.yaml"))
    finally:
        os.chdir(cwd)
