"""spec → IR → rendered files → formatted bytes: the whole generation, in memory."""

from __future__ import annotations

from pathlib import Path

from . import DEFAULT_PACKAGE
from .errors import Problem, SpecError
from .ir.build import build_api
from .ir.nodes import Api
from .output.cache import ContentCache
from .output.formatting import format_python
from .render.package import render_package
from .spec.loading import LoadedSpec, load_spec
from .spec.spec_name import display_name
from .spec.validation import validate_structure


def load_and_build(spec_path: Path, package: str, cache: ContentCache | None = None) -> tuple[LoadedSpec, Api]:
    if not package.isidentifier() or package.startswith("_"):
        raise SpecError([Problem(display_name(spec_path), None, "",
                                 f"--package {package!r} is not a valid Python package name")])
    spec = load_spec(spec_path, display_name(spec_path))
    validate_structure(spec, cache)
    return spec, build_api(spec, package)


def generate_files(spec_path: Path, package: str = DEFAULT_PACKAGE,
                   cache: ContentCache | None = None) -> dict[str, bytes]:
    """Every output file, formatted, as bytes keyed by POSIX path relative to the output folder.

    With a `cache`, validation, models and formatting reuse results for identical inputs.
    """
    spec, api = load_and_build(spec_path, package, cache)
    rendered = render_package(api, spec, cache)
    files = {}
    for rel in sorted(rendered):
        text = rendered[rel]
        if rel.endswith(".py"):
            text = format_python(rel, text, spec.display_name, cache)
        files[rel] = text.encode("utf-8")
    return files
