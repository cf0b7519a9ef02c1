"""How names in a spec become Python names.

The rules (also in README.md, "Naming"):
- identifiers: accents are dropped, camelCase becomes snake_case, comparison signs become
  words (`StartTime<` → `start_time_before`), every run of other characters becomes one `_`;
  a leading digit gets `field_` in front; Python keywords, pydantic internals and the per-call
  arguments every method has get a trailing `_`. The wire name is always kept for the request
  and the response.
- classes: PascalCase of the same words (`image-model` → `ImageModel`).
"""

from __future__ import annotations

import keyword
import re
import unicodedata

from .surface import PER_CALL_ARGUMENTS

# Module-level names a generated method's body calls (templates/resources/resource.py.jinja): a
# parameter of one of these names would shadow it there (a movie API's `cast`).
BODY_NAMES = frozenset({"cast", "path_param", "path_value", "query_params", "header_params", "header_value",
                        "cookie_params", "json_body", "form_body", "multipart_body", "binary_body"})
# Arguments every generated method takes, and those names; a spec parameter may not shadow them.
METHOD_ARGUMENTS = frozenset({"self", *(argument.name for argument in PER_CALL_ARGUMENTS), *BODY_NAMES})
# Attributes the client classes already have; a resource may not take one of these names.
CLIENT_ATTRIBUTES = frozenset({"api_key", "organization", "project", "base_url", "timeout", "max_retries",
                               "default_headers", "default_query", "strict", "on_spec_drift", "with_options",
                               "copy", "close", "is_closed", "request"})
# Names a setting of the client (`ClientSetting`) may not take besides those: the client's other
# arguments, and what its environment variables would share (`PREFIX_LOG`).
SETTING_RESERVED = frozenset({"http_client", "set_default_headers", "set_default_query", "log", "aclose"})
# Attributes a resource class already has; a method may not take one of these names.
RESOURCE_ATTRIBUTES = frozenset({"with_raw_response", "with_streaming_response"})
# Names a model may not give a field: pydantic's, and our base model's own (`to_dict`...).
PYDANTIC_RESERVED = frozenset({"to_dict", "to_json",
                               "model_config", "model_fields", "model_computed_fields", "model_extra",
                               "model_fields_set", "model_construct", "model_copy", "model_dump",
                               "model_dump_json", "model_json_schema", "model_parametrized_name",
                               "model_post_init", "model_rebuild", "model_validate", "model_validate_json",
                               "model_validate_strings", "copy", "dict", "json", "schema", "schema_json",
                               "construct", "validate", "parse_obj", "parse_raw", "parse_file",
                               "from_orm", "update_forward_refs"})

_CAMEL_BOUNDARY = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
_NOT_WORD = re.compile(r"[^0-9A-Za-z]+")


def _ascii(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return decomposed.encode("ascii", "ignore").decode("ascii")


def words(text: str) -> list[str]:
    """Split any name into lowercase ASCII words."""
    spaced = _CAMEL_BOUNDARY.sub(" ", _ascii(text))
    return [w.lower() for w in _NOT_WORD.split(spaced) if w]


# Comparison signs in a name are words (Twilio's `StartTime<` and `StartTime>` filter beside
# `StartTime`): `start_time_before`, `start_time_after`, `start_time`, never three `start_time`s.
_OPERATORS = (("<=", " at or before "), (">=", " at or after "), ("!=", " not "), ("<", " before "),
              (">", " after "))


def snake_name(text: str, *, reserved: frozenset[str] = frozenset()) -> str:
    """A safe snake_case identifier for `text` (see the module docstring)."""
    for sign, word in _OPERATORS:
        text = text.replace(sign, word)
    name = "_".join(words(text)) or "field"
    if name[0].isdigit():
        name = "field_" + name
    if keyword.iskeyword(name) or keyword.issoftkeyword(name) or name in reserved:
        name += "_"
    return name


def class_name(text: str) -> str:
    """A PascalCase class name for `text`; keeps existing capitals (`ImagesResponse`)."""
    parts = [w for w in _NOT_WORD.split(_ascii(text)) if w]
    name = "".join(p[0].upper() + p[1:] for p in parts) or "Model"
    if name[0].isdigit():
        name = "Model" + name
    if keyword.iskeyword(name):
        name += "_"
    return name


# Names an annotation in the models module may use: a field of one of these names would shadow
# it inside its class (`list: List[str]` breaks `List[...]` after it), so it gets a trailing `_`.
MODULE_TYPE_NAMES = frozenset({"int", "float", "bool", "str", "bytes", "dict", "list", "Any", "List", "Dict",
                               "Optional", "Union", "Literal", "Annotated", "Field", "BaseModel", "TypeAliasType",
                               "date", "datetime", "time", "UUID"})


# Names a resource module imports (templates/resources/resource.py.jinja) beside the models it
# uses: neither a resource class nor a model class takes one (a `Query` tag or schema would shadow
# the runtime's `Query` alias).
RESOURCE_MODULE_NAMES = frozenset({"Any", "Dict", "List", "Mapping", "Optional", "Sequence", "Union", "Literal",
                                   "UUID", "Body", "FileTypes", "Headers", "NotGiven", "Query", "Stream", "AsyncStream",
                                   "RequestOptions", "ResponseMode", "APIClient", "AsyncAPIClient", "APIResponse",
                                   "BinaryResponse", "SyncPage", "AsyncPage", "SyncCursorPage", "AsyncCursorPage",
                                   "AsyncPaginator"})
# The class names a model never takes: what the models module imports (datamodel-code-generator
# would rename a `Field` schema's class `FieldModel` on its own) and what a resource module does.
# Such a class is `FieldModel`; the helper classes of `ir/helpers.py` are added where class names
# are claimed (`types.TypeNamer._claim`).
MODEL_CLASS_RESERVED = RESOURCE_MODULE_NAMES | frozenset({"Annotated", "BaseModel", "Field", "RootModel",
                                                          "TypeAliasType"})


def field_name(wire: str, classes: frozenset[str] = frozenset()) -> str:
    """A model attribute for a wire field: kept as is when it is already a safe identifier that
    shadows no name the module's annotations use (a type, or one of the `classes`)."""
    reserved = PYDANTIC_RESERVED | MODULE_TYPE_NAMES | classes
    if wire.isidentifier() and wire.isascii() and not keyword.iskeyword(wire) and wire not in reserved \
            and not wire.startswith("_"):
        return wire
    return snake_name(wire, reserved=reserved)


# Words of a title that say nothing of the API: `GitHub v3 REST API` is the `GitHubClient`.
_TITLE_NOISE = frozenset({"api", "apis", "rest", "openapi", "spec", "specification", "the", "client", "sdk"})
# Words that say nothing when they end a title (`Spotify Web API`, `Box Platform API`), but do
# inside it (`Web Risk API` is the `WebRiskClient`).
_TITLE_TRAILING_NOISE = frozenset({"web", "platform", "service", "services", "server"})
_VERSION = re.compile(r"v?\d+(?:[._-]\d+)*[a-z]?|\d{4}-\d{2}-\d{2}", re.IGNORECASE)


def title_words(title: str) -> list[str] | None:
    """The words a spec's title names its API by, with their own capitals (`GitHub v3 REST API` →
    `GitHub`): accents dropped, generic words and versions left out, and generic words at the end
    (`Web`, `Platform`); None when no word is left or the first one does not start with a letter.
    The client class and the environment prefix both come from these words, so they agree."""
    parts = [w for w in _NOT_WORD.split(_ascii(title)) if w]
    kept = [w for w in parts if w.lower() not in _TITLE_NOISE and not _VERSION.fullmatch(w)]
    while kept and kept[-1].lower() in _TITLE_TRAILING_NOISE:
        kept.pop()
    if not kept or not kept[0][0].isalpha():
        return None
    return kept


def client_class_from_title(title: str) -> str | None:
    """The client class a spec's title reads as (`OpenAI API` → `OpenAIClient`), keeping the
    title's own capitals; None when the title has no word to name it by."""
    kept = title_words(title)
    if kept is None:
        return None
    name = "".join(w[0].upper() + w[1:] for w in kept) + "Client"
    return name if name.isidentifier() and not keyword.iskeyword(name) else None


def env_prefix_from_title(title: str) -> str | None:
    """The environment prefix a spec's title reads as, from the words that name the client class
    (`GitHub v3 REST API` → `GITHUB`, so `GITHUB_API_KEY`; `Acme Widgets API` → `ACME_WIDGETS`);
    None when the title has no word to name it by."""
    kept = title_words(title)
    return "_".join(w.upper() for w in kept) if kept is not None else None


def env_prefix_from_class(name: str) -> str | None:
    """The environment prefix of a client class, for a title with no word to name it by
    (`ImagesClient` → `IMAGES`, `Acme` → `ACME`); None when the name gives no such prefix."""
    stem = name[: -len("Client")] if name.endswith("Client") and len(name) > len("Client") else name
    prefix = "_".join(w for w in _NOT_WORD.split(_ascii(stem).upper()) if w)
    return prefix if re.fullmatch(r"[A-Z][A-Z0-9_]*", prefix) else None


def is_version_segment(segment: str) -> bool:
    """A path segment that names a version (`v1`, `2010-04-01`), never a resource."""
    return bool(_VERSION.fullmatch(segment))


def first_segment(path: str) -> str | None:
    """The first segment of a path that is neither a version (`v1`) nor a parameter: an untagged
    operation's resource."""
    return next((s for s in path.split("/") if s and not s.startswith("{") and not is_version_segment(s)), None)


def singular_words(text: str) -> list[str]:
    """`words(text)` with a plural last word made singular, for comparing `Batch` with `batches`."""
    found = words(text)
    if found:
        found[-1] = singular(found[-1])
    return found


def singular(word: str) -> str:
    """English's regular plurals made singular (`batches`, `companies`); `status`, `class` stay."""
    if word.endswith(("ss", "us", "is")):
        return word
    for plural, one in (("ies", "y"), ("sses", "ss"), ("ches", "ch"), ("shes", "sh"), ("xes", "x"), ("s", "")):
        if word.endswith(plural) and len(word) > len(plural) + 1:
            return word[: -len(plural)] + one
    return word


def method_from_operation(operation_id: str, *resources: str) -> str | None:
    """An operationId with the resource's own words taken out, as people name methods by hand:
    `listBatches` on `batches` is `list`, `createFineTuningJob` on `fine_tuning` is
    `create_job` (`resources`: the resource's names, its attribute and its path segment). None when
    nothing, or nothing but a number, would be left."""
    noise = {variant for resource in resources for word in words(resource) for variant in (word, singular(word))}
    kept = [w for w in words(operation_id) if w not in noise and singular(w) not in noise]
    if not kept or kept[0][0].isdigit():
        return None
    return snake_name(" ".join(kept))
