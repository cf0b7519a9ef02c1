"""spec → IR → rendered files → formatted bytes: the whole generation, in memory."""

from __future__ import annotations

from pathlib import Path

from .errors import Problem, SpecError
from .ir.build import build_api
from .ir.nodes import Api
from .options import Options
from .output.cache import ContentCache
from .output.formatting import format_python
from .render.package import render_package
from .spec.loading import LoadedSpec, load_spec
from .spec.spec_name import display_name
from .spec.validation import validate_structure


def load_and_build(spec_path: Path, options: Options, cache: ContentCache | None = None, *,
                   display: str | None = None) -> tuple[LoadedSpec, Api]:
    """The loaded spec and its IR; `display` names the spec in errors (default: its path)."""
    name = display or display_name(spec_path)
    if not options.package.isidentifier() or options.package.startswith("_"):
        raise SpecError([Problem(name, None, "", f"--package {options.package!r} is not a valid Python package name")])
    spec = load_spec(spec_path, name)
    validate_structure(spec)
    return spec, build_api(spec, options)


def generate_files(spec_path: Path, options: Options | str | None = None,
                   cache: ContentCache | None = None, *, warnings: list[Problem] | None = None) -> dict[str, bytes]:
    """Every output file, formatted, as bytes keyed by POSIX path relative to the output folder.

    With a `cache`, models and formatting reuse results for identical inputs. The spec's warnings
    (what is wrong but leaves it usable) are added to `warnings` when it is given.
    """
    if not isinstance(options, Options):  # None, or a package name alone
        options = Options() if options is None else Options(package=options)
    spec, api = load_and_build(spec_path, options, cache)
    if warnings is not None:
        warnings.extend(sorted(set(spec.warnings), key=lambda p: (p.line or 0, p.pointer, p.message)))
    rendered = render_package(api, spec, cache)
    files = {}
    for rel in sorted(rendered.files):
        text = rendered.files[rel]
        if rel.endswith(".py") and rel not in rendered.formatted:
            text = format_python(rel, text, spec.display_name, cache)
        files[rel] = text.encode("utf-8")
    return files
