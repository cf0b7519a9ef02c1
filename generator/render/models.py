"""Render `types` with datamodel-code-generator, called as a library.

We hand it a small, normalised OpenAPI document instead of the user's spec:
- only the component schemas the operations reach (no request-body models);
- renamed to the Python class names the IR already chose, `$ref`s rewritten to match;
- nullable spelled one way (`anyOf [X, {type: null}]`), properties required-first then
  alphabetical, defaults/examples/`additionalProperties: false` dropped (response models
  must not invent values or refuse fields a newer API adds), text cleaned.
Its output is then shaped by our templates in `templates/models/`.
"""

from __future__ import annotations

import json
import warnings
from pathlib import Path
from typing import Any

from ..errors import SpecError, pointer_join
from ..ir.nodes import Api
from ..output.cache import ContentCache, tool_version
from ..spec.loading import LoadedSpec
from ..spec.refs import ref_schema_name, schema_pointer
from ..text import WRAP_WIDTH, clean_text, wrap_text

_DROP_KEYS = {"default", "example", "examples", "readOnly", "writeOnly", "xml", "externalDocs",
              "deprecated", "title", "discriminator_mapping"}


def models_source(api: Api, spec: LoadedSpec, template_dir: Path, file_header: str,
                  cache: ContentCache | None = None) -> str:
    """Python source of the models module (unformatted; black runs later), under `file_header`."""
    if not api.models:
        return file_header
    schemas = spec.data.get("components", {}).get("schemas", {})
    renames = {m.schema_name: m.name for m in api.models}
    document = {
        "openapi": "3.1.0",
        "info": {"title": "models", "version": "0"},
        "paths": {},
        "components": {"schemas": {
            m.name: _normalise(schemas[m.schema_name], renames, schema_pointer(m.schema_name), spec)
            for m in api.models
        }},
    }
    if cache is None:
        return _run_datamodel_codegen(document, template_dir, file_header)
    templates = b"".join(p.relative_to(template_dir).as_posix().encode() + p.read_bytes()
                         for p in sorted(template_dir.rglob("*.jinja2")))
    key = cache.key("models", tool_version("datamodel-code-generator"), json.dumps(document, sort_keys=True),
                    templates, file_header, _OPTIONS_VERSION)
    if (hit := cache.get("models", key)) is not None:
        return hit.decode("utf-8")
    source = _run_datamodel_codegen(document, template_dir, file_header)
    cache.put("models", key, source.encode("utf-8"))
    return source


_OPTIONS_VERSION = "1"  # bump when the options passed below change, to retire cached models


def _run_datamodel_codegen(document: dict[str, Any], template_dir: Path, file_header: str) -> str:
    from datamodel_code_generator import DataModelType, InputFileType, PythonVersion, generate

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # its deprecation notices are not the user's business
        output = generate(
            document,
            input_file_type=InputFileType.OpenAPI,
            output_model_type=DataModelType.PydanticV2BaseModel,
            target_python_version=PythonVersion.PY_310,
            base_class="images_client_models_base._models.BaseModel",
            import_overrides={"BaseModel": ".._models"},
            custom_template_dir=template_dir,
            enum_field_as_literal="all",
            use_union_operator=False,
            use_standard_collections=False,
            use_schema_description=True,
            use_field_description=True,
            use_single_line_docstring=True,
            use_double_quotes=True,
            parent_scoped_naming=True,
            use_type_alias=True,
            type_mappings=["string+uri=string", "integer+unixtime=integer"],
            disable_timestamp=True,
            custom_file_header=file_header,
            formatters=[],
        )
    if not isinstance(output, str):  # pragma: no cover - one module is all we ask for
        raise RuntimeError("datamodel-code-generator returned several modules")
    return output


def _normalise(schema: Any, renames: dict[str, str], pointer: str, spec: LoadedSpec) -> Any:
    if isinstance(schema, list):
        return [_normalise(s, renames, pointer_join(pointer, i), spec) for i, s in enumerate(schema)]
    if not isinstance(schema, dict):
        return schema
    out: dict[str, Any] = {}
    for key, value in schema.items():
        if key in _DROP_KEYS or key.startswith("x-") and key != "x-stainless-const":
            continue
        if key == "$ref":
            inline = _inlined_target(value, renames, spec)
            if inline is not None:  # an unnamed helper schema (e.g. a bounded int): inline it
                return _normalise(inline, renames, pointer, spec)
            out[key] = _rename_ref(value, renames, pointer, spec)
        elif key == "description":
            out[key] = wrap_text(clean_text(str(value)), WRAP_WIDTH - 8)
        elif key == "properties" and isinstance(value, dict):
            required = set(schema.get("required") or [])
            order = sorted(value, key=lambda k: (k not in required, k))
            out[key] = {k: _normalise(value[k], renames, pointer_join(pointer, key, k), spec) for k in order}
        elif key == "required" and isinstance(value, list):
            out[key] = sorted(value)
        elif key == "additionalProperties" and value is False:
            continue
        elif key == "discriminator" and isinstance(value, dict):
            out[key] = {"propertyName": value.get("propertyName")}  # mappings are re-derived from members
        elif key in ("nullable", "enum"):
            continue  # handled below
        else:
            out[key] = _normalise(value, renames, pointer_join(pointer, key), spec)
    return _spell_nullable(schema, out)


def _spell_nullable(original: dict[str, Any], out: dict[str, Any]) -> dict[str, Any]:
    """Fold `nullable`, `null` in `type` lists and `null` in enums into one anyOf form."""
    nullable = original.get("nullable") is True
    enum = original.get("enum")
    if isinstance(enum, list):
        if None in enum:
            nullable = True
        out["enum"] = [v for v in enum if v is not None]
    kind = out.get("type")
    if isinstance(kind, list) and "null" in kind:
        nullable = True
        rest = [k for k in kind if k != "null"]
        out["type"] = rest[0] if len(rest) == 1 else rest
        if not rest:
            out.pop("type")
    if not nullable:
        return out
    description = out.pop("description", None)
    wrapped: dict[str, Any] = {"anyOf": [out, {"type": "null"}]}
    if description is not None:
        wrapped["description"] = description
    return wrapped


def _inlined_target(ref: Any, renames: dict[str, str], spec: LoadedSpec) -> Any:
    name = ref_schema_name(ref)
    if name is not None and name not in renames:
        return spec.data.get("components", {}).get("schemas", {}).get(name)
    return None


def _rename_ref(ref: Any, renames: dict[str, str], pointer: str, spec: LoadedSpec) -> str:
    name = ref_schema_name(ref)
    if name is not None and name in renames:
        return "#" + schema_pointer(renames[name])
    raise SpecError([spec.problem(pointer, f"reference {ref!r} does not name an emitted schema")])
