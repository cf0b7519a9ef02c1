"""Render the package: the static runtime, the templates with the IR, the models.

Returns every output file as text; nothing is written here (see `output/writing.py`).
- `templates/runtime/*.py` is real Python, the same for every spec: each module is copied with
  only its first line replaced by the header, so it is already formatted and a traceback's line
  numbers point into the template;
- `templates/package/` and `templates/resources/` depend on the spec and render with Jinja;
- `types/__init__.py` comes from datamodel-code-generator (`models.py`), in a worker when there
  are workers (`generator/parallel.py`), while the rest renders.
"""

from __future__ import annotations

import ast
from concurrent.futures import Executor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, Iterator, Mapping

import jinja2
import jinja2.bccache

from .. import __version__
from ..ir.nodes import Api
from ..ir.surface import PER_CALL_ARGUMENTS
from ..locations import TEMPLATE_CACHE, TEMPLATES
from ..output.cache import ContentCache
from ..output.writing import MARKER
from ..spec.loading import LoadedSpec
from ..text import docstring_body, python_literal, toml_string, wrap_text
from .imports import prune_unused_imports
from .models import models_source
from .readme import example_calls
from .unasync import looks_async, to_sync
from .views import ResourceView, lazy_import, resource_view, self_only_def, sum_argument

RUNTIME = TEMPLATES / "runtime"
# The package's own modules that depend on the spec (template → path in the package).
PACKAGE_MODULES = ("__init__.py", "_client.py", "_version.py")


@dataclass(frozen=True)
class RenderedFile:
    path: str  # relative to the output folder
    text: str
    needs_black: bool = False  # Python rendered from a template (the static runtime is formatted already)
    tree: ast.Module | None = None  # its syntax tree, when already parsed (the models module's)
    twins: Mapping[str, str] | None = None  # its async classes' sync twins (async name → sync name)


def header_line(api: Api) -> str:
    """The first line of every file: what made it, from which spec, and how to make it again.

    The spec is named by its title and version, not its file: the same API gives the same bytes
    whether it comes from its own file or is selected from a larger one (`--tag`)."""
    title, version = (" ".join(text.split()) for text in (api.title.replace('"', "'"), api.version))
    title = title if len(title) <= 60 else title[:59] + "…"
    return (f'{MARKER} from the OpenAPI document "{title}" {version[:20]}. Do not edit: regenerate with '
            "`python -m generator generate`.")


def runtime_modules() -> list[str]:
    """The static runtime's module names (its `__init__.py` only makes it a package for tools)."""
    return sorted(p.name for p in RUNTIME.glob("*.py") if p.name != "__init__.py")


class _TemplateCache(jinja2.FileSystemBytecodeCache):
    """Jinja's compiled templates on disk: compiling ours costs a cold run ~0.13 s of CPU. A
    folder that cannot be written (an installed, read-only generator) only means no cache."""

    def __init__(self, directory: Path) -> None:
        super().__init__(str(directory))
        self._directory = directory

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except OSError:
            pass

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            self._directory.mkdir(parents=True, exist_ok=True)
            super().dump_bytecode(bucket)
        except OSError:
            pass


def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        bytecode_cache=_TemplateCache(TEMPLATE_CACHE),
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
    env.filters["sum_argument"] = sum_argument
    env.filters["lazy_import"] = lazy_import
    env.filters["self_only_def"] = self_only_def
    return env


def async_names(api: Api, views: list[ResourceView]) -> Dict[str, str]:
    """The generated async classes' names and their sync twins', for the `unasync` filter."""
    names = {f"Async{api.client_name}": api.client_name}
    # the spec's own names that only look async (Twilio's `AsyncAmd` argument, an `AsyncJob`
    # model) stay as they are in the sync twin
    spec_names = [m.name for m in api.models] + [f.py_name for m in api.models for f in m.fields] + [
        p.py_name for r in api.resources for op in r.operations for p in op.params] + [
        op.method_name for r in api.resources for op in r.operations] + [
        name for r in api.resources for name in (r.attr_name, r.module_name, r.class_name)]
    names.update({name: name for name in spec_names if looks_async(name)})
    for view in views:
        for suffix in ("", "WithRawResponse", "WithStreamingResponse"):
            names[f"Async{view.class_name}{suffix}"] = f"{view.class_name}{suffix}"
    return names


def key_sentences(api: Api) -> str:
    """Where the key is sent, and which operations need it (for a key that is not the default)."""
    return " ".join(filter(None, [f"The key is sent {api.key.where}.", api.key.who_needs_it]))


def key_paragraph(api: Api) -> str:
    """The client docstring's words on a key that is not a bearer token (the template has those):
    where it goes, as the spec's security scheme says, then what `api_key`, `default_headers` and
    logging do; wrapped, four columns in."""
    words = (f"{key_sentences(api)} `api_key` may be a function that returns the key (awaited by "
             "the async client), asked before each try, so that tokens can rotate. `default_headers` and "
             "`default_query` go with every request; a header given as `omit` there is never sent. "
             f"`{api.env.log}=info` or `debug` logs each request and answer (see the package README).")
    return wrap_text("    " + words)


def key_place(api: Api) -> str:
    """The client's `KeyPlace(...)`, as its `ClientDefaults` states it; "" for the runtime's default."""
    if api.key.is_default:
        return ""
    needed_by = "" if api.key.needed_by == "all" else f", needed_by={python_literal(api.key.needed_by)}"
    return f"KeyPlace({python_literal(api.key.place)}, {python_literal(api.key.name)}{needed_by})"


def key_partners(api: Api) -> str:
    """The client docstring's words on the apiKeys the spec asks for beside the key (an application
    id), each a setting of the client; "" when there are none."""
    where = {"header": "header", "query": "query parameter", "cookie": "cookie"}
    given = [f"`{s.name}` (the `{s.wire}` {where[s.place]}, else `{s.env}`)" for s in api.settings if s.beside_key]
    if not given:
        return ""
    return wrap_text(f"    The spec asks for {', '.join(given[:-1]) + ' and ' if given[:-1] else ''}{given[-1]} "
                     "with the key: each is sent with every request when given.")


def env_paragraph(api: Api) -> str:
    """The client docstring's first paragraph: where settings not passed come from, and the
    timeout and lifetime; wrapped, four columns in."""
    names = ", ".join(f"`{env}`" for env in [api.env.api_key, *(s.env for s in api.settings), api.env.base_url])
    return wrap_text(f"    Settings not passed fall back to the environment: {names}. `timeout` defaults to 600 s "
                     "(5 s to connect), or to the timeout of the `http_client` you pass; `None` or `math.inf` "
                     "means no limit. Use it as a context manager, or call `close()`.")


def credentials_import(api: Api) -> str:
    """The `_client.py` import of what its `ClientDefaults` name of `_credentials.py` ("" for none)."""
    names = (["KeyPlace"] if key_place(api) or api.settings else []) + (["Setting"] if api.settings else [])
    return f"from ._credentials import {', '.join(names)}" if names else ""


def client_settings(api: Api) -> list[str]:
    """Each setting of the client as its `ClientDefaults` states it: `Setting(...)`."""
    return [f"Setting({python_literal(s.name)}, {python_literal(s.env)}, "
            f"KeyPlace({python_literal(s.place)}, {python_literal(s.wire)}))" for s in api.settings]


def _size_hint(view: ResourceView) -> int:
    """About how many characters a resource module will have (a method is ~1,500 and its docstring)."""
    return sum(1500 + len(op.docstring) for op in view.operations)


def render_package(api: Api, spec: LoadedSpec, cache: ContentCache | None,
                   models_executor: Executor) -> Iterator[RenderedFile]:
    """Every file of the package, as each is rendered; the models come last (the longest step,
    started first, in `models_executor`: a worker, or `parallel.Inline`)."""
    env = environment()
    header = header_line(api)
    intro = f'# {header}\n"""Response models and the named types of {docstring_body(api.title)}."""\n'
    models = models_source(api, TEMPLATES / "models", intro, cache, models_executor)
    views = [resource_view(r) for r in api.resources]  # shared by the modules and api.md
    names = async_names(api, views)
    context: Dict[str, Any] = {"api": api, "package": api.package, "header": header, "async_names": names,
                               "renames": {view.module_name: {**names, **dict(view.twins)} for view in views},
                               "per_call": PER_CALL_ARGUMENTS, "key_paragraph": key_paragraph(api),
                               "key_partners": key_partners(api), "key_place": key_place(api),
                               "key_sentences": wrap_text(key_sentences(api)), "env_paragraph": env_paragraph(api),
                               "client_settings": client_settings(api),
                               "credentials_import": credentials_import(api)}
    pkg = api.package

    def python(template: str, target: str, twins: Mapping[str, str] | None = None, **extra: Any) -> RenderedFile:
        text = prune_unused_imports(env.get_template(template).render(**context, **extra))
        return RenderedFile(target, text, needs_black=True, twins=twins)

    # the largest first (by what their methods hold): their formatting, in the workers, starts
    # while the rest renders, and no large module is left to format alone at the end
    for view in sorted(views, key=lambda v: (-_size_hint(v), v.module_name)):
        renames = context["renames"][view.module_name]
        yield python("resources/resource.py.jinja", f"{pkg}/resources/{view.module_name}.py", renames,
                     resource=view)
    for name in PACKAGE_MODULES:  # the client's sync twin, like a resource's, is laid out by proof
        yield python(f"package/{name}.jinja", f"{pkg}/{name}", names if name == "_client.py" else None)
    yield python("resources/__init__.py.jinja", f"{pkg}/resources/__init__.py")
    for name in runtime_modules():
        _, rest = (RUNTIME / name).read_text(encoding="utf-8").split("\n", 1)
        yield RenderedFile(f"{pkg}/{name}", f"# {header}\n{rest}")
    yield RenderedFile(f"{pkg}/py.typed", f"# {header}\n")  # PEP 561 marker; only "partial" would mean anything
    yield RenderedFile("pyproject.toml", env.get_template("package/pyproject.toml.jinja").render(**context))
    yield RenderedFile("api.md", env.get_template("package/api.md.jinja").render(**context, resources=views))
    examples = example_calls(api)
    yield RenderedFile(f"{pkg}/README.md", env.get_template("package/README.md.jinja").render(
        **context, examples=examples, streaming=next((e for e in examples if e.stream_call), None),
        generator_version=__version__))
    module = models()
    yield RenderedFile(f"{pkg}/types/__init__.py", module.source, needs_black=True, tree=module.tree)
