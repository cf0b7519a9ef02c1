"""spec → IR → rendered files → formatted bytes: the whole generation, in memory."""

from __future__ import annotations

from pathlib import Path

from .config import apply_config
from .errors import Problem, SpecError, sorted_problems
from .ir.build import build_api
from .ir.nodes import Api
from .options import Options
from .output.cache import ContentCache
from .output.formatting import Formatter
from .output.manifest import content_hash, manifest_bytes
from .parallel import Workers
from .render.package import render_package
from .spec.bundle import bundle
from .spec.loading import LoadedSpec, load_spec
from .spec.selection import select
from .spec.spec_name import display_name
from .spec.validation import validate_structure


def load_and_build(spec_path: Path, options: Options, *,
                   display: str | None = None) -> tuple[LoadedSpec, Api, list[Problem]]:
    """The loaded spec, its IR and its warnings (what is wrong but leaves it usable), each once, in
    the order of the file; `display` names the spec in errors (default: its path)."""
    name = display or display_name(spec_path)
    if not options.package.isidentifier() or options.package.startswith("_"):
        raise SpecError([Problem(name, None, "", f"--package {options.package!r} is not a valid Python package name")])
    spec = bundle(load_spec(spec_path, name))
    apply_config(spec, options.config)  # its renames become the spec's own x-python-... extensions
    spec = select(spec, options.selection)
    warnings = validate_structure(spec)
    api, more = build_api(spec, options)
    return spec, api, sorted_problems(warnings + more)


def generate_files(spec_path: Path, options: Options | str | None = None,
                   cache: ContentCache | None = None, *, warnings: list[Problem] | None = None,
                   workers: Workers | int | None = 1, sources: list[str] | None = None) -> dict[str, bytes]:
    """Every output file, formatted, as bytes keyed by POSIX path relative to the output folder.

    With a `cache`, models and formatting reuse results for identical inputs. The spec's warnings
    (what is wrong but leaves it usable) are added to `warnings` when it is given. `workers` is
    how many processes format (None: one per core; 1: none, all in this one), or `Workers` the
    caller started (and closes); the bytes are the same whatever it is. The other files the spec
    refers to are added to `sources` when it is given (the no-op check hashes them too).
    """
    if not isinstance(options, Options):  # None, or a package name alone
        options = Options() if options is None else Options(package=options)
    if not isinstance(workers, Workers):
        # workers first: they import their tools while the spec loads
        with Workers(workers) as started:
            return generate_files(spec_path, options, cache, warnings=warnings, workers=started, sources=sources)
    spec, api, found = load_and_build(spec_path, options)
    if warnings is not None:
        warnings.extend(found)
    if sources is not None:
        sources.extend(spec.sources)
    formatter = Formatter(spec.display_name, workers.format, cache)
    texts: dict[str, str] = {}
    for rendered in render_package(api, spec, cache, workers.models):
        if rendered.needs_black:
            # formatted in the workers meanwhile
            formatter.add(rendered.path, rendered.text, rendered.tree, rendered.twins)
        else:
            texts[rendered.path] = rendered.text
    texts.update(formatter.results())
    files = {rel: texts[rel].encode("utf-8") for rel in sorted(texts)}
    rel, manifest = manifest_bytes(api.package, api.title, api.version, content_hash(spec.data), options, files)
    return dict(sorted({**files, rel: manifest}.items()))
