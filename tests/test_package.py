"""The committed package stands alone: it builds, installs without this repo, and imports. So does
the generator: its wheel, installed into a fresh virtual environment, runs every subcommand anywhere."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest
import yaml

from .conftest import GENERATED, ROOT, SPEC


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


def _not_source(folder: str, names: list[str]) -> set[str]:
    """What a build must not see: the checkout's venvs, caches, git and earlier builds (a stale
    build/lib would ship a module deleted since); tests/ and generated/ stay, to show they are left out."""
    top = Path(folder) == ROOT
    return {name for name in names if name == "__pycache__" or top and (
        name.startswith(".") or name in ("build", "dist", "node_modules") or name.endswith(".egg-info"))}


@pytest.fixture(scope="module")
def generator_wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The generator's wheel, built once from a copy of the checkout, so the build writes nothing
    into the working tree and cannot pick up what an earlier (or a concurrent) build left there."""
    source = tmp_path_factory.mktemp("checkout") / "images-sdk-generator"
    shutil.copytree(ROOT, source, ignore=_not_source)
    wheels = source.parent / "wheels"
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(wheels),
                            str(source)], env=_clean_env(), capture_output=True, text=True)
    assert built.returncode == 0, built.stderr
    (wheel,) = wheels.glob("images_sdk_generator-*.whl")
    return wheel


def _clean_env() -> dict[str, str]:
    """This environment without PYTHONPATH and the like, so only the interpreter's own paths count."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("PYTHON") and key != "VIRTUAL_ENV"}
    return {**env, "PIP_DISABLE_PIP_VERSION_CHECK": "1", "PIP_NO_INPUT": "1"}


def test_the_wheel_carries_every_generator_module_and_template(generator_wheel: Path) -> None:
    """Packages are discovered, not listed by hand (issue 15: generator.report was left out): every
    module under generator/ and every file under templates/ is in the wheel, and nothing else."""
    shipped = {name for name in zipfile.ZipFile(generator_wheel).namelist() if ".dist-info/" not in name}
    modules = {path.relative_to(ROOT).as_posix() for path in (ROOT / "generator").rglob("*.py")
               if "__pycache__" not in path.parts}
    templates = {f"generator/templates/{path.relative_to(ROOT / 'templates').as_posix()}"
                 for path in (ROOT / "templates").rglob("*") if path.is_file() and "__pycache__" not in path.parts}
    assert "generator/report/command.py" in modules and "generator/templates/runtime/_types.py" in templates
    assert sorted(modules - shipped) == []
    assert sorted(templates - shipped) == []
    assert sorted(shipped - modules - templates) == []  # no tests/, generated/, spec/ or caches


def _fresh_venv(folder: Path, wheel: Path) -> Path:
    """A new virtual environment holding the wheel (installed by its own pip, as a user would). The
    dependencies come from this interpreter's site-packages through a .pth line: a folder a .pth
    names is only put on sys.path, its own .pth files are not run, so this checkout's editable
    install (a .pth and a finder there) cannot bring the checkout's generator back."""
    subprocess.run([sys.executable, "-m", "venv", str(folder)], check=True, capture_output=True)
    python = folder / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    installed = subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--no-deps", "--no-index", str(wheel)],
                               env=_clean_env(), capture_output=True, text=True)
    assert installed.returncode == 0, installed.stderr
    site = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          env=_clean_env(), check=True, capture_output=True, text=True).stdout.strip()
    ours = sysconfig.get_paths()
    dependencies = dict.fromkeys((ours["purelib"], ours["platlib"]))
    (Path(site) / "_dependencies_from_the_checkout.pth").write_text("".join(f"{path}\n" for path in dependencies))
    return python


def _generator(python: Path, *args: str, cwd: Path, exit: int = 0) -> subprocess.CompletedProcess[str]:
    """`python -m generator ARGS` with the venv's python: the exit code, and no traceback or
    missing module anywhere (the CLI reports an unexpected exception as an internal error)."""
    result = subprocess.run([str(python), "-m", "generator", *args], cwd=cwd, env=_clean_env(),
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == exit, f"{args}: exit {result.returncode}\n{result.stdout}\n{result.stderr}"
    for sign in ("Traceback", "ModuleNotFoundError", "internal error"):
        assert sign not in result.stderr, f"{args}:\n{result.stderr}"
    return result


def test_every_subcommand_runs_from_the_wheel_in_a_fresh_venv(generator_wheel: Path, tmp_path: Path) -> None:
    """What `pip install` gives a user works from any folder, for every subcommand: the installed
    copy (not this checkout) runs, with its templates, and makes the same bytes as the checkout."""
    import generator
    from generator.pipeline import generate_files

    venv = tmp_path / "venv"
    python = _fresh_venv(venv, generator_wheel)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    shutil.copy(SPEC, elsewhere / "openapi.yaml")

    probe = ("import importlib, pkgutil, generator, generator.locations as at\n"
             "names = [m.name for m in pkgutil.walk_packages(generator.__path__, 'generator.')\n"
             "         if not m.name.startswith(('generator.templates', 'generator.__main__'))]\n"
             "for name in ['generator', *names]: print(importlib.import_module(name).__file__)\n"
             "print(at.TEMPLATES)\n")
    imported = subprocess.run([str(python), "-c", probe], cwd=elsewhere, env=_clean_env(), capture_output=True,
                              text=True)
    assert imported.returncode == 0, imported.stderr
    files = imported.stdout.splitlines()
    assert any(line.endswith("report/command.py") for line in files)
    outside = [line for line in files if not Path(line).resolve().is_relative_to(venv.resolve())]
    assert outside == []  # every module and the templates come from the wheel, none from the checkout

    version = _generator(python, "--version", cwd=elsewhere)
    assert version.stdout.strip() == f"images-sdk-generator {generator.__version__}"

    _generator(python, "generate", "--spec", "openapi.yaml", "--out", "out", cwd=elsewhere)
    produced = {path.relative_to(elsewhere / "out").as_posix(): path.read_bytes()
                for path in (elsewhere / "out").rglob("*") if path.is_file()}
    cwd = os.getcwd()
    try:
        os.chdir(elsewhere)  # the same folder, so the header names the spec the same way
        assert produced == generate_files(Path("openapi.yaml"))
    finally:
        os.chdir(cwd)

    assert "up to date" in _generator(python, "check", "--spec", "openapi.yaml", "--out", "out", cwd=elsewhere).stdout

    spec = yaml.safe_load((elsewhere / "openapi.yaml").read_text(encoding="utf-8"))
    del spec["components"]["schemas"]["CreateImageRequest"]["properties"]["background"]
    (elsewhere / "edited.yaml").write_text(yaml.safe_dump(spec, sort_keys=False, allow_unicode=True), encoding="utf-8")
    diff = _generator(python, "diff", "openapi.yaml", "edited.yaml", "--format", "json", cwd=elsewhere)
    report = json.loads(diff.stdout)
    assert report["bump"] == "major"
    assert any(change["impact"] == "breaking" and change.get("param") == "background" for change in report["changes"])

    stale = _generator(python, "check", "--spec", "edited.yaml", "--out", "out", cwd=elsewhere, exit=1)
    assert "is stale" in stale.stdout

    assert "--project" in _generator(python, "impact", "--help", cwd=elsewhere).stdout
