"""Render the package: the static runtime, the templates with the IR, the models.

Returns every output file as text; nothing is written here (see `output/writing.py`).
- `templates/runtime/*.py` is real Python, the same for every spec: each module is copied with
  only its first line replaced by the header, so it is already formatted and a traceback's line
  numbers point into the template;
- `templates/package/` and `templates/resources/` depend on the spec and render with Jinja;
- `types/__init__.py` comes from datamodel-code-generator (`models.py`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Dict, Set

import jinja2

from ..ir.nodes import Api
from ..ir.surface import PER_CALL_ARGUMENTS
from ..locations import TEMPLATES
from ..output.cache import ContentCache
from ..output.writing import MARKER
from ..spec.loading import LoadedSpec
from ..text import docstring_body, python_literal, toml_string
from .imports import prune_unused_imports
from .models import models_source
from .unasync import to_sync
from .views import ResourceView, resource_view

RUNTIME = TEMPLATES / "runtime"
# The package's own modules that depend on the spec (template → path in the package).
PACKAGE_MODULES = ("__init__.py", "_client.py", "_version.py")


@dataclass
class RenderedPackage:
    files: Dict[str, str] = field(default_factory=dict)  # relative path → text
    formatted: Set[str] = field(default_factory=set)  # paths black need not see (the static runtime)


def header_line(spec_name: str) -> str:
    """The first line of every file: what made it, from which spec, and how to make it again."""
    return (f"{MARKER} from {spec_name}. Do not edit: regenerate with "
            f"`python -m generator generate --spec {spec_name}`.")


def runtime_modules() -> list[str]:
    """The static runtime's module names (its `__init__.py` only makes it a package for tools)."""
    return sorted(p.name for p in RUNTIME.glob("*.py") if p.name != "__init__.py")


def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["pyrepr"] = python_literal
    env.filters["toml"] = toml_string
    env.filters["docstring"] = docstring_body
    env.filters["unasync"] = to_sync
    return env


def async_names(api: Api, views: list[ResourceView]) -> Dict[str, str]:
    """The generated async classes' names and their sync twins', for the `unasync` filter."""
    names = {f"Async{api.client_name}": api.client_name}
    for view in views:
        for suffix in ("", "WithRawResponse", "WithStreamingResponse"):
            names[f"Async{view.class_name}{suffix}"] = f"{view.class_name}{suffix}"
    return names


def render_package(api: Api, spec: LoadedSpec, cache: ContentCache | None = None) -> RenderedPackage:
    env = environment()
    header = header_line(api.spec_name)
    views = [resource_view(r) for r in api.resources]  # shared by the modules and api.md
    context: Dict[str, Any] = {"api": api, "package": api.package, "header": header,
                               "async_names": async_names(api, views), "per_call": PER_CALL_ARGUMENTS}
    pkg = api.package
    out = RenderedPackage()

    def python(template: str, target: str, **extra: Any) -> None:
        out.files[target] = prune_unused_imports(env.get_template(template).render(**context, **extra))

    for name in runtime_modules():
        _, rest = (RUNTIME / name).read_text(encoding="utf-8").split("\n", 1)
        out.files[f"{pkg}/{name}"] = f"# {header}\n{rest}"
        out.formatted.add(f"{pkg}/{name}")
    for name in PACKAGE_MODULES:
        python(f"package/{name}.jinja", f"{pkg}/{name}")
    python("resources/__init__.py.jinja", f"{pkg}/resources/__init__.py")
    for view in views:
        python("resources/resource.py.jinja", f"{pkg}/resources/{view.module_name}.py", resource=view)
    out.files[f"{pkg}/types/__init__.py"] = _types_module(api, spec, header, cache)
    out.files[f"{pkg}/py.typed"] = f"# {header}\n"  # PEP 561 marker; only "partial" would mean anything
    out.files["pyproject.toml"] = env.get_template("package/pyproject.toml.jinja").render(**context)
    out.files["api.md"] = env.get_template("package/api.md.jinja").render(**context, resources=views)
    return out


def _types_module(api: Api, spec: LoadedSpec, header: str, cache: ContentCache | None) -> str:
    intro = f'# {header}\n"""Response models and the named types of {docstring_body(api.title)}."""\n'
    return models_source(api, TEMPLATES / "models", intro, cache)
