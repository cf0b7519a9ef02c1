"""Render the package: every template with the IR, the models through datamodel-code-generator.

Returns `{relative path: text}`; nothing is written here (see `writing.py`).
"""

from __future__ import annotations

from typing import Any

import jinja2

from ..ir.nodes import Api
from ..locations import TEMPLATES
from ..output.cache import ContentCache
from ..spec.loading import LoadedSpec
from ..text import docstring_body, python_literal
from .imports import prune_unused_imports
from .models import models_source
from .unasync import to_sync
from .views import resource_view

# template (under templates/) → output path (under the package folder, or the output root)
RUNTIME_FILES = (
    "__init__.py",
    "_base_client.py",
    "_client.py",
    "_exceptions.py",
    "_models.py",
    "_multipart.py",
    "_response.py",
    "_retries.py",
    "_streaming.py",
    "_types.py",
    "_version.py",
)


def header_line(spec_name: str) -> str:
    return f"Generated from {spec_name} by images-sdk-generator. Do not edit; run `make generate`."


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
    env.filters["docstring"] = docstring_body
    env.filters["unasync"] = to_sync
    return env


def render_package(api: Api, spec: LoadedSpec, cache: ContentCache | None = None) -> dict[str, str]:
    env = environment()
    header = header_line(api.spec_name)
    context: dict[str, Any] = {"api": api, "package": api.package, "header": header}
    pkg = api.package
    files: dict[str, str] = {}

    def python(template: str, target: str, **extra: Any) -> None:
        text = env.get_template(template).render(**context, **extra)
        files[target] = prune_unused_imports(text)

    for name in RUNTIME_FILES:
        python(f"runtime/{name}.jinja", f"{pkg}/{name}")
    python("resources/__init__.py.jinja", f"{pkg}/resources/__init__.py")
    views = [resource_view(r) for r in api.resources]  # shared by the modules and api.md
    for view in views:
        python("resources/resource.py.jinja", f"{pkg}/resources/{view.module_name}.py", resource=view)
    files[f"{pkg}/types/__init__.py"] = _types_module(api, spec, header, cache)
    files[f"{pkg}/py.typed"] = f"# {header}\n"  # PEP 561 marker; only "partial" would mean anything
    files["pyproject.toml"] = env.get_template("package/pyproject.toml.jinja").render(**context)
    files["api.md"] = env.get_template("package/api.md.jinja").render(
        **context, resources=views)
    return files


def _types_module(api: Api, spec: LoadedSpec, header: str, cache: ContentCache | None) -> str:
    intro = f'# {header}\n"""Response models and the named types of {docstring_body(api.title)}."""\n'
    return models_source(api, spec, TEMPLATES / "models", intro, cache)
