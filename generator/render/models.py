"""Render `types` with datamodel-code-generator, fed from the IR and checked against it.

The IR has already decided every class, field and type. We hand datamodel-code-generator a
small OpenAPI document written from the IR (not the user's spec): one schema per IR model, under
the model's own class name, each field's type spelled back as the plain JSON Schema that means
exactly that type, the IR's Python field names passed as `aliases`. Its output, shaped by our
templates in `templates/models/`, is then read back (ast) and compared with the IR: a class
the IR did not name, a class missing, or a field of another name or type is a generator bug
(an internal error), never a silently renamed `Thing1`.
"""

from __future__ import annotations

import ast
import functools
import json
import warnings
from concurrent.futures import Executor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional, Tuple

from ..errors import GeneratorBug
from ..ir.helpers import HELPERS
from ..ir.naming import field_name
from ..ir.nodes import Api, FileUpload, ListOf, LiteralOf, MapOf, Model, NamedType, Primitive, TypeExpr, UnionOf
from ..ir.types import NONE, union
from ..output.cache import ContentCache, tool_version
from ..text import WRAP_WIDTH, wrap_text
from .annotations import annotation, named_types

_OPTIONS_VERSION = "3"  # bump when the options passed below change, to retire cached models
_RUNTIME = "images_client_models_base"  # stands for the package's runtime; `import_overrides` says where it is
_FORMATS = {"datetime": "date-time", "date": "date", "time": "time", "UUID": "uuid"}
_SCALARS = {"str": "string", "int": "integer", "float": "number", "bool": "boolean", "None": "null"}


def models_source(api: Api, template_dir: Path, file_header: str, cache: ContentCache | None,
                  executor: Executor) -> Callable[[], ModelsModule]:
    """Start making the models module in `executor` (a worker, or `parallel.Inline`); the returned call
    waits for it, checks it against the IR and gives its source (unformatted; black runs later)."""
    if not api.models:
        return lambda: ModelsModule(file_header, None)
    document = models_document(api)
    aliases = model_aliases(api)
    key = ""
    if cache is not None:
        templates = b"".join(p.relative_to(template_dir).as_posix().encode() + p.read_bytes()
                             for p in sorted(template_dir.rglob("*.jinja2")))
        key = cache.key("models", tool_version("datamodel-code-generator"), json.dumps(document, sort_keys=True),
                        json.dumps(aliases, sort_keys=True), templates, file_header, _OPTIONS_VERSION)
        hit = cache.get("models", key)
        if hit is not None:
            return lambda: _checked(hit.decode("utf-8"), api)
    pending = executor.submit(run_datamodel_codegen, document, aliases, template_dir, file_header)

    def finish() -> ModelsModule:
        source = pending.result()
        if cache is not None:
            cache.put("models", key, source.encode("utf-8"))
        return _checked(source, api)

    return finish


def model_aliases(api: Api) -> Dict[str, str]:
    """The attribute of each field whose name is not its wire name, for datamodel-code-generator:
    by wire name, or scoped to its class (`Model.total`) where a clash renamed it in one model only."""
    aliases: Dict[str, str] = {}
    for model in api.models:
        for f in model.fields:
            if f.py_name != field_name(f.wire_name):
                aliases[f"{model.name}.{f.wire_name}"] = f.py_name
            elif f.py_name != f.wire_name:
                aliases[f.wire_name] = f.py_name
    return aliases


@dataclass(frozen=True)
class ModelsModule:
    source: str
    tree: Optional[ast.Module]  # parsed once: checked here, sliced for black later


def _checked(source: str, api: Api) -> ModelsModule:
    tree = ast.parse(source)
    check_against_ir(tree, api)
    return ModelsModule(source, tree)


# ---- IR → the document datamodel-code-generator reads ----


def models_document(api: Api) -> Dict[str, Any]:
    models = {m.name: m for m in api.models}
    return {
        "openapi": "3.1.0",
        "info": {"title": "models", "version": "0"},
        "paths": {},
        "components": {"schemas": {m.name: _model_schema(m, models) for m in api.models}},
    }


def tag_mapping(union: Model, models: Dict[str, Model]) -> Dict[str, str]:
    """Each tag value of a tagged union → the member holding it (the IR checked each has a Literal)."""
    mapping: Dict[str, str] = {}
    for member in union.alias_of.members if isinstance(union.alias_of, UnionOf) else (union.alias_of,):
        if isinstance(member, NamedType):
            tag = next(f for f in models[member.name].fields if f.wire_name == union.discriminator)
            for value in tag.type.values if isinstance(tag.type, LiteralOf) else ():
                mapping.setdefault(str(value), f"#/components/schemas/{member.name}")
    return mapping


def _model_schema(model: Model, models: Dict[str, Model]) -> Dict[str, Any]:
    if model.kind == "object":
        schema: Dict[str, Any] = {"type": "object", "properties": {}}
        for f in model.fields:
            prop = schema_of(f.type)
            if f.description:  # beside a `$ref` too: OpenAPI 3.1 allows it, and it is only read as text
                prop = {**prop, "description": _text(f.description)}
            if f.deprecated:  # `Field(deprecated="...")`: reading it warns with this message
                prop = {**prop, "deprecated": f"{model.name}.{f.py_name} is deprecated by the API"}
            schema["properties"][f.wire_name] = prop
        required = [f.wire_name for f in model.fields if f.required]
        if required:
            schema["required"] = required
    else:
        assert model.alias_of is not None
        schema = schema_of(model.alias_of)
        if isinstance(model.alias_of, ListOf) and model.name in named_types(model.alias_of):
            schema = {"anyOf": [schema]}  # a list of itself: datamodel-code-generator writes a bare `List` otherwise
        if model.discriminator is not None:  # every tag value named, so none is left to guess
            schema = {"oneOf": schema.get("anyOf", [schema]),
                      "discriminator": {"propertyName": model.discriminator, "mapping": tag_mapping(model, models)}}
    if model.mixins:  # helper classes of the runtime instead of BaseModel (`ir/helpers.py`); each is a BaseModel
        schema["customBasePath"] = [f"{_RUNTIME}.{HELPERS[name][0]}.{name}" for name in model.mixins]
    if model.description:
        schema["description"] = _text(model.description)
    return schema


def schema_of(type_: TypeExpr) -> Dict[str, Any]:
    """The plain JSON Schema that datamodel-code-generator reads as exactly `type_`."""
    if isinstance(type_, Primitive):
        if type_.name == "Any":
            return {}
        if type_.name in _FORMATS:
            return {"type": "string", "format": _FORMATS[type_.name]}
        return {"type": _SCALARS[type_.name]}
    if isinstance(type_, LiteralOf):
        return {"enum": list(type_.values)}
    if isinstance(type_, NamedType):
        return {"$ref": f"#/components/schemas/{type_.name}"}
    if isinstance(type_, ListOf):
        return {"type": "array", "items": schema_of(type_.item)}
    if isinstance(type_, MapOf):
        value = schema_of(type_.value)
        return {"type": "object", "additionalProperties": value} if value else {"type": "object"}
    if isinstance(type_, FileUpload):
        return {"type": "string", "format": "binary"}
    return {"anyOf": [schema_of(member) for member in type_.members]}


def _text(description: str) -> str:
    return wrap_text(description, WRAP_WIDTH - 8)  # docstrings sit 4 or 8 columns in


# ---- the run ----


def import_datamodel_codegen() -> None:
    """Import what `run_datamodel_codegen` calls (~0.35 s: it builds many pydantic models as it loads)."""
    import datamodel_code_generator.config  # noqa: F401 - imported for its cost, paid here
    import datamodel_code_generator.parser.openapi  # noqa: F401


def run_datamodel_codegen(document: Dict[str, Any], aliases: Dict[str, str], template_dir: Path,
                           file_header: str) -> str:
    from datamodel_code_generator import InputFileType, LiteralType, PythonVersion, generate
    from datamodel_code_generator._format_types import DatetimeClassType
    from datamodel_code_generator.enums import DataModelType

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # its deprecation notices are not the user's business
        output = generate(
            document,
            input_file_type=InputFileType.OpenAPI,
            output_model_type=DataModelType.PydanticV2BaseModel,
            target_python_version=PythonVersion.PY_310,
            base_class=f"{_RUNTIME}._models.BaseModel",
            import_overrides={"BaseModel": ".._models", **{name: f"..{at}" for name, (at, _) in HELPERS.items()}},
            custom_template_dir=template_dir,
            enum_field_as_literal=LiteralType.All,
            use_union_operator=False,
            use_standard_collections=False,
            use_schema_description=True,
            use_field_description=True,
            use_single_line_docstring=True,
            use_double_quotes=True,
            use_type_alias=True,
            output_datetime_class=DatetimeClassType.Datetime,
            aliases=aliases,
            disable_timestamp=True,
            custom_file_header=file_header,
            formatters=[],
        )
    if not isinstance(output, str):  # pragma: no cover - one module is all we ask for
        raise GeneratorBug("datamodel-code-generator returned several modules")
    return output


# ---- its output, checked against the IR ----

# name → ("class", ([base], [(attribute, wire name, annotation)])) or ("alias", annotation)
Emitted = Dict[str, Tuple[str, Any]]


def check_against_ir(source: str | ast.Module, api: Api) -> None:
    emitted = _emitted(ast.parse(source) if isinstance(source, str) else source)
    expected = {m.name: _expected(m) for m in api.models}
    extra, missing = sorted(set(emitted) - set(expected)), sorted(set(expected) - set(emitted))
    if extra or missing:
        raise GeneratorBug(f"datamodel-code-generator emitted classes {extra} the IR did not name"
                           if extra else f"datamodel-code-generator did not emit {missing}")
    for name in sorted(expected):
        if emitted[name] != expected[name]:
            raise GeneratorBug(f"the model {name} came out of datamodel-code-generator as {emitted[name]}, "
                               f"not as the IR has it: {expected[name]}")


def _expected(model: Model) -> Tuple[str, Any]:
    if model.kind == "object":
        return "class", (list(model.mixins) or ["BaseModel"],
                         [(f.py_name, f.wire_name, _canonical(field_annotation(f.type, f.required)))
                          for f in model.fields])
    assert model.alias_of is not None
    text = annotation(model.alias_of, for_input=False)
    if model.discriminator is not None:
        text = f"Annotated[{text}, Field(..., discriminator={model.discriminator!r})]"
    return "alias", _canonical(text)


def field_annotation(type_: TypeExpr, required: bool) -> str:
    """A model field's annotation: a field the API may leave out is Optional (defaulting to None)."""
    return annotation(type_ if required else union([type_, NONE]), for_input=False)


def _emitted(tree: ast.Module) -> Emitted:
    found: Emitted = {}
    for node in tree.body:
        if isinstance(node, ast.ClassDef):
            fields: List[Tuple[str, str, str]] = []
            for item in node.body:
                if isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name):
                    name = item.target.id
                    fields.append((name, _alias(item.value) or name, _canonical(ast.unparse(item.annotation))))
            found[node.name] = ("class", ([ast.unparse(base) for base in node.bases], fields))
        elif isinstance(node, ast.Assign) and isinstance(node.value, ast.Call) and len(node.targets) == 1 \
                and isinstance(node.targets[0], ast.Name) and ast.unparse(node.value.func) == "TypeAliasType":
            found[node.targets[0].id] = ("alias", _canonical(ast.unparse(node.value.args[1])))
    return found


def _alias(value: Optional[ast.expr]) -> Optional[str]:
    if isinstance(value, ast.Call):
        for keyword in value.keywords:
            if keyword.arg == "alias" and isinstance(keyword.value, ast.Constant):
                return str(keyword.value.value)
    return None


@functools.lru_cache(maxsize=4096)  # the same few annotations recur thousands of times
def _canonical(expression: str) -> str:
    """One spelling of an annotation: quotes (forward references), spacing and `Optional[Any]`
    for `Any` do not count."""
    return ast.unparse(_Unquote().visit(ast.parse(expression, mode="eval")))


class _Unquote(ast.NodeTransformer):
    def visit_Constant(self, node: ast.Constant) -> ast.AST:
        if isinstance(node.value, str):
            try:
                unquoted: ast.AST = self.visit(ast.parse(node.value, mode="eval").body)
                return unquoted
            except SyntaxError:  # a Literal's string value, not a forward reference
                return node
        return node

    def visit_Subscript(self, node: ast.Subscript) -> ast.AST:
        if isinstance(node.value, ast.Name) and node.value.id == "Literal":
            return node  # its strings are values
        if isinstance(node.value, ast.Name) and node.value.id == "Optional" and \
                isinstance(node.slice, ast.Name) and node.slice.id == "Any":
            return node.slice  # the same type; datamodel-code-generator writes either for a field that may be absent
        return self.generic_visit(node)
