"""`python -m generator diff OLD NEW`: build both IRs, compare them, print the report.

OLD and NEW are spec files, or `git:REF:PATH` for a spec as it was at a commit (read with
`git show`, so `git:HEAD:spec/openapi.yaml` is the last committed spec). Or both are generated
packages' folders (`git:REF:PATH` naming a folder too): then their public surface is compared,
read from the code (surface.py), so a generator upgrade shows what it changes for users. Exit
status: 0, or 1 when `--fail-on` names an impact that a change has (or a worse one).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any, Iterator

from ..errors import Problem, SpecError, pointer_join
from ..ir.nodes import Api
from ..options import Options
from ..pipeline import load_and_build
from .compare import IMPACTS, compare
from .formats import FORMATS, prepend_changelog
from .surface import diff_folders

_MOST_PLACES = 200  # --verbose lists at most this many places where the specs differ


def run_diff(old: str, new: str, options: Options, *, output: str = "text", fail_on: str | None = None,
             verbose: bool = False, changelog: Path | None = None) -> int:
    with tempfile.TemporaryDirectory() as scratch:
        # Two generated packages (a generator upgrade): compare the code's public surface instead.
        folders = diff_folders(old, new, Path(scratch) / "folders")
        if folders is None:
            (old_spec, old_api, _), (new_spec, new_api, _) = (_build(source, options, Path(scratch), i)
                                                              for i, source in enumerate((old, new)))
    if folders is not None:
        changes, version = folders
        new_version = None
        elsewhere: list[str] = []
    else:
        changes, version, new_version = compare(old_api, new_api), old_api.version, new_api.version
        elsewhere = list(_differences(old_spec.data, new_spec.data))[:_MOST_PLACES] if verbose else []
    sys.stdout.write(FORMATS[output](changes, version, elsewhere, verbose))
    if changelog is not None:
        heading = prepend_changelog(changelog, changes, version, new_version)
        print(f"{changelog}: {'nothing to add' if heading is None else f'added the entry for {heading}'}",
              file=sys.stderr)
    if fail_on is not None:
        worst = IMPACTS.index(fail_on)
        if any(IMPACTS.index(c.impact) <= worst for c in changes):
            return 1
    return 0


def _build(source: str, options: Options, scratch: Path, index: int) -> tuple[Any, Api, list[Problem]]:
    if source.startswith("git:"):
        _, _, rest = source.partition(":")
        ref, colon, path = rest.partition(":")
        if not colon or not ref or not path:
            raise SpecError([Problem(source, None, "", "write a spec at a commit as git:REF:PATH, "
                                                       "like git:HEAD:spec/openapi.yaml")])
        shown = subprocess.run(["git", "show", f"{ref}:{path}"], capture_output=True)
        if shown.returncode != 0:
            reason = shown.stderr.decode("utf-8", "replace").strip().splitlines()
            raise SpecError([Problem(source, None, "", f"git cannot show it: {reason[-1] if reason else 'failed'}")])
        folder = scratch / str(index)  # the file keeps its name: the IR names the spec by it
        folder.mkdir()
        spec_path = folder / Path(path).name
        spec_path.write_bytes(shown.stdout)
        return load_and_build(spec_path, options, display=source)
    return load_and_build(Path(source), options)


def _differences(old: Any, new: Any, pointer: str = "") -> Iterator[str]:
    """The deepest places where two documents differ (each subtree that differs, once)."""
    if old == new:
        return
    if isinstance(old, dict) and isinstance(new, dict):
        for key in sorted(old.keys() | new.keys(), key=str):
            yield from _differences(old.get(key), new.get(key), pointer_join(pointer, key))
    elif isinstance(old, list) and isinstance(new, list) and len(old) == len(new):
        for index, (a, b) in enumerate(zip(old, new, strict=True)):
            yield from _differences(a, b, pointer_join(pointer, index))
    else:
        yield pointer
