"""The command line: exit codes, `check` on stale output, and refusing to clobber folders."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import GENERATED, ROOT


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=cwd, capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})


def test_help_lists_commands() -> None:
    result = run("--help")
    assert result.returncode == 0
    assert "generate" in result.stdout and "check" in result.stdout


def test_bad_usage_exits_2_with_usage() -> None:
    for args in ((), ("frobnicate",), ("generate", "--bogus")):
        result = run(*args)
        assert result.returncode == 2, args
        assert "usage:" in result.stderr


def test_check_is_clean_on_main() -> None:
    result = run("check")
    assert result.returncode == 0, result.stdout + result.stderr


def test_check_reports_stale_output(tmp_path: Path) -> None:
    out = tmp_path / "out"
    shutil.copytree(GENERATED, out)
    target = out / "images_client" / "_retries.py"
    target.write_text(target.read_text().replace("MAX_DELAY = 8.0", "MAX_DELAY = 9.0"))
    (out / "images_client" / "_client.py").unlink()
    result = run("check", "--out", str(out))
    assert result.returncode == 1
    assert "images_client/_retries.py: differs" in result.stdout
    assert "-MAX_DELAY = 9.0" in result.stdout and "+MAX_DELAY = 8.0" in result.stdout
    assert "images_client/_client.py: missing" in result.stdout
    assert f"python -m generator generate --spec spec/openapi.yaml --out {out}" in result.stdout


def test_generate_is_a_no_op_when_nothing_changed(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run("generate", "--out", str(out)).returncode == 0
    before = {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()}
    result = run("generate", "--out", str(out))
    assert result.returncode == 0 and "up to date" in result.stdout
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()} == before


def test_generate_rewrites_only_changed_files_and_keeps_foreign_ones(tmp_path: Path) -> None:
    out = tmp_path / "out"
    run("generate", "--out", str(out))
    keep = out / "images_client" / "_exceptions.py"
    mtime = keep.stat().st_mtime_ns
    (out / "images_client" / "_retries.py").write_text("# Generated from x. Do not edit\n")
    (out / "images_client" / "_stale_module.py").write_text("# Generated from an older spec. Do not edit\n")
    (out / "NOTES.txt").write_text("mine")
    result = run("generate", "--out", str(out), "--force")  # _retries.py was edited by hand: overwrite it
    assert result.returncode == 0
    assert "wrote   images_client/_retries.py" in result.stdout
    assert "removed images_client/_stale_module.py" in result.stdout
    assert keep.stat().st_mtime_ns == mtime
    assert (out / "NOTES.txt").read_text() == "mine"
    assert not (out / "images_client" / "_stale_module.py").exists()


def test_refuses_to_overwrite_a_folder_it_did_not_make(tmp_path: Path) -> None:
    (tmp_path / "important.txt").write_text("do not lose me")
    result = run("generate", "--out", str(tmp_path))
    assert result.returncode == 1
    assert "refusing to overwrite" in result.stderr
    assert (tmp_path / "important.txt").read_text() == "do not lose me"


def test_broken_spec_is_reported_and_nothing_is_written(tmp_path: Path) -> None:
    spec = tmp_path / "broken.yaml"
    spec.write_text("openapi: 3.1.0\ninfo: {title: x, version: '1'}\npaths: 5\n")
    out = tmp_path / "out"
    result = run("generate", "--spec", str(spec), "--out", str(out))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "broken.yaml:3: /paths:" in result.stderr
    assert not out.exists()


def test_build_folders_in_the_output_are_ignored(tmp_path: Path) -> None:
    out = tmp_path / "out"
    run("generate", "--out", str(out))
    junk = out / "build" / "lib" / "images_client" / "_retries.py"
    junk.parent.mkdir(parents=True)
    junk.write_text("# Generated from an old build. Do not edit\n")
    assert run("check", "--out", str(out)).returncode == 0
    (out / "images_client" / "_retries.py").unlink()  # something to write
    result = run("generate", "--out", str(out))
    assert result.returncode == 0 and "wrote   images_client/_retries.py" in result.stdout
    assert junk.read_text() == "# Generated from an old build. Do not edit\n"


def test_no_op_fast_path_still_notices_changes(tmp_path: Path) -> None:
    spec = tmp_path / "spec.yaml"
    shutil.copy(ROOT / "spec" / "openapi.yaml", spec)
    out = tmp_path / "out"
    assert run("generate", "--spec", str(spec), "--out", str(out)).returncode == 0
    assert "up to date" in run("generate", "--spec", str(spec), "--out", str(out)).stdout
    # a deleted file is put back; a hand edit is noticed (and kept: test_vendoring.py)
    target = out / "images_client" / "_retries.py"
    original = target.read_bytes()
    target.unlink()
    result = run("generate", "--spec", str(spec), "--out", str(out))
    assert "wrote   images_client/_retries.py" in result.stdout and target.read_bytes() == original
    target.write_text("# Generated from x. Do not edit\n")
    result = run("generate", "--spec", str(spec), "--out", str(out))
    assert result.returncode == 1 and "edited by hand" in result.stderr
    target.write_bytes(original)
    # a spec change is picked up
    spec.write_text(spec.read_text().replace("version: 1.0.0", "version: 1.0.1"))
    result = run("generate", "--spec", str(spec), "--out", str(out))
    assert "wrote   images_client/_version.py" in result.stdout
    # the stamp lives outside the output folder, so it never shows in `generated/`
    assert not any(".cache" in p.parts for p in out.rglob("*"))


def test_version() -> None:
    from generator import __version__

    result = run("--version")
    assert result.returncode == 0 and result.stdout.strip() == f"images-sdk-generator {__version__}"


def test_same_spec_same_bytes_from_any_folder(tmp_path: Path) -> None:
    """The headers name the spec by its file name: `check` from elsewhere finds nothing stale."""
    result = run("check", "--spec", str(ROOT / "spec" / "openapi.yaml"), "--out", str(GENERATED), cwd=tmp_path)
    assert result.returncode == 0, result.stdout


def test_an_existing_file_as_out_is_refused_and_kept(tmp_path: Path) -> None:
    target = tmp_path / "notes.txt"
    target.write_text("mine")
    result = run("generate", "--out", str(target))
    assert result.returncode == 1 and "is a file, not a folder" in result.stderr
    assert target.read_text() == "mine" and sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


def test_regenerating_keeps_the_folder_mode(tmp_path: Path) -> None:
    out = tmp_path / "out"
    shutil.copytree(GENERATED, out)
    os.chmod(out, 0o755)
    (out / "images_client" / "_retries.py").unlink()  # something to write
    assert run("generate", "--out", str(out)).returncode == 0
    assert (out / "images_client" / "_retries.py").is_file()
    assert out.stat().st_mode & 0o777 == 0o755
    fresh = tmp_path / "fresh"
    assert run("generate", "--out", str(fresh)).returncode == 0
    assert fresh.stat().st_mode & 0o777 == 0o777 & ~_umask()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@pytest.mark.parametrize("args", [("--package", "class"), ("--package", "my-client"), ("--package", "_x"),
                                  ("--client-name", "lower"), ("--env-prefix", "lower")])
def test_invalid_names_are_usage_errors(args: tuple[str, str], tmp_path: Path) -> None:
    result = run("generate", "--out", str(tmp_path / "out"), *args)
    assert result.returncode == 2 and "usage:" in result.stderr and args[1] in result.stderr
    assert not (tmp_path / "out").exists()


def test_check_of_a_missing_folder_says_so(tmp_path: Path) -> None:
    result = run("check", "--out", str(tmp_path / "nowhere"))
    assert result.returncode == 1
    assert "does not exist" in result.stdout and len(result.stdout.splitlines()) == 1


def test_piping_into_head_is_not_a_traceback(tmp_path: Path) -> None:
    out = tmp_path / "out"
    shutil.copytree(GENERATED, out)
    for path in (out / "images_client").glob("*.py"):
        path.write_text("# Generated from x. Do not edit\n")  # a long report to cut short
    command = f"{sys.executable} -m generator check --out {out} | head -1"
    result = subprocess.run(command, shell=True, cwd=ROOT, capture_output=True, text=True,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert "Traceback" not in result.stderr and "BrokenPipeError" not in result.stderr
    assert result.stdout.startswith(f"{out} is stale")
