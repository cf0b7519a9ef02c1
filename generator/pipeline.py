"""spec → IR → rendered files → formatted bytes: the whole generation, in memory."""

from __future__ import annotations

import os
from pathlib import Path

from .build import build_api
from .errors import Problem, SpecError
from .formatting import format_python
from .ir import Api
from .loading import LoadedSpec, load_spec
from .render import render_package
from .validation import validate_structure

DEFAULT_PACKAGE = "images_client"


def display_name(spec_path: Path) -> str:
    """How the spec is named in headers and errors: relative to the working folder if inside it."""
    try:
        return Path(os.path.relpath(spec_path.resolve(), Path.cwd())).as_posix() \
            if spec_path.resolve().is_relative_to(Path.cwd()) else spec_path.resolve().as_posix()
    except ValueError:  # another drive on Windows
        return spec_path.resolve().as_posix()


def load_and_build(spec_path: Path, package: str) -> tuple[LoadedSpec, Api]:
    if not package.isidentifier() or package.startswith("_"):
        raise SpecError([Problem(display_name(spec_path), None, "",
                                 f"--package {package!r} is not a valid Python package name")])
    spec = load_spec(spec_path, display_name(spec_path))
    validate_structure(spec)
    return spec, build_api(spec, package)


def generate_files(spec_path: Path, package: str = DEFAULT_PACKAGE) -> dict[str, bytes]:
    """Every output file, formatted, as bytes keyed by POSIX path relative to the output folder."""
    spec, api = load_and_build(spec_path, package)
    rendered = render_package(api, spec)
    files = {}
    for rel in sorted(rendered):
        text = rendered[rel]
        if rel.endswith(".py"):
            text = format_python(rel, text, spec.display_name)
        files[rel] = text.encode("utf-8")
    return files
