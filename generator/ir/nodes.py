"""The intermediate representation: what the templates render, as plain comparable data.

Everything here is a frozen dataclass of strings, tuples and other IR nodes, so two IRs
(from two versions of a spec) can be compared field by field, and so rendering can never
depend on dict order or hash seeds.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Union

from .bodies import BodyKind

JsonScalar = Union[str, int, float, bool, None]
# What a schema demands of a value beyond its type (`("maximum", 10)`, `("pattern", "^a")`), by
# keyword in name order: the types do not show them, the change report does.
Constraints = tuple[tuple[str, JsonScalar], ...]


# ---- types -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Primitive:
    """A Python builtin: "str", "int", "float", "bool", "None", or "object" for anything."""

    name: str


@dataclass(frozen=True)
class LiteralOf:
    """A closed set of JSON scalars: `Literal["a", "b"]`."""

    values: tuple[JsonScalar, ...]


@dataclass(frozen=True)
class NamedType:
    """A model or alias emitted in `types`, referred to by its Python name."""

    name: str
    is_object: bool = False  # a model class with fields (as an argument, a plain mapping is taken too)


@dataclass(frozen=True)
class ListOf:
    item: TypeExpr


@dataclass(frozen=True)
class MapOf:
    """A JSON object with arbitrary keys: `Dict[str, value]`."""

    value: TypeExpr


@dataclass(frozen=True)
class UnionOf:
    members: tuple[TypeExpr, ...]


@dataclass(frozen=True)
class FileUpload:
    """A binary multipart part (`format: binary`)."""


TypeExpr = Union[Primitive, LiteralOf, NamedType, ListOf, MapOf, UnionOf, FileUpload]


# ---- operations --------------------------------------------------------------------------

Location = Literal["path", "query", "header", "cookie", "body"]
# Where each place's parameters go, by default: OpenAPI's `style` (with `explode` true for "form").
DEFAULT_STYLES = {"path": "simple", "query": "form", "header": "simple", "cookie": "form", "body": "form"}
FileKind = Literal["none", "single", "list", "single_or_list"]


@dataclass(frozen=True)
class Param:
    """One keyword argument of a generated method."""

    wire_name: str
    py_name: str
    location: Location
    type: TypeExpr
    required: bool
    description: str
    default: str | None  # the spec's default as Python source, for the docstring only
    files: FileKind  # for multipart bodies: whether this argument carries uploads
    constraints: Constraints = ()
    style: str = ""  # OpenAPI's `style` (how a list or an object is written); "" the place's default
    explode: bool | None = None  # OpenAPI's `explode`; None: the style's default
    part_type: str = ""  # a multipart text field sent as one part of this Content-Type (the body's `encoding`)


@dataclass(frozen=True)
class Page:
    """How the answer of a list operation pages: it iterates over `items`, and, for a cursor, the next
    page is the same request with `cursor_param` set to the answer's `next_cursor` field, else to
    the last item's `item_cursor` field. Fields are Python attributes; `cursor_param` a wire name."""

    kind: Literal["cursor", "single"]  # "single": a list the API does not page (`GET /models`)
    items: str  # the field holding the items (`data`)
    item: TypeExpr  # one item's type
    cursor_param: str = ""  # the query parameter of the next page's cursor (`after`)
    next_cursor: str = ""  # the answer's field holding it (`last_id`); "" none
    item_cursor: str = ""  # else this field of the last item (`id`); "" none
    has_more: str = ""  # the answer's boolean field saying whether more pages follow; "" none
    model: str = ""  # the answer's model (`ListBatchesResponse`): a page has its fields, typed as there
    fields: tuple[ModelField, ...] = ()  # that model's fields


@dataclass(frozen=True)
class Operation:
    operation_id: str
    method_name: str
    http_method: str
    path: str
    summary: str
    description: str
    deprecated: bool
    body: BodyKind | None  # how the body parameters are sent; None: there is no body
    params: tuple[Param, ...]
    response: TypeExpr | None  # parsed JSON answer; None when the answer has no JSON body
    stream_event: TypeExpr | None  # one SSE event's type, when the operation can stream
    stream_param: str | None  # wire name of the boolean that asks for a stream, if any
    binary_media: tuple[str, ...] = ()  # an answer that is not JSON (a file, audio, text): its media types
    body_media: str = ""  # a body sent as bytes (`binary`), or JSON as `merge-patch+json`...: its Content-Type
    page: Page | None = None  # the answer is one page of a list (`ir/pages.py`); None: it is the model itself
    keyless: bool = False  # needs no key, in a client where others do (`KeyPlacement.needed_by` "some")
    scopes: tuple[str, ...] = ()  # the OAuth scopes its security lists for the client's scheme


@dataclass(frozen=True)
class Resource:
    attr_name: str  # `client.images`
    class_name: str  # `Images` / `AsyncImages`
    module_name: str  # `resources/images.py`
    operations: tuple[Operation, ...]


# ---- models ------------------------------------------------------------------------------


@dataclass(frozen=True)
class ModelField:
    wire_name: str
    py_name: str  # the attribute; the model reads and writes `wire_name` (its alias)
    type: TypeExpr
    required: bool
    description: str
    constraints: Constraints = ()
    deprecated: bool = False  # the spec marks it `deprecated: true`: reading it warns


@dataclass(frozen=True)
class Model:
    """A schema emitted in `types`: an object, or an alias (enum, union, list...)."""

    name: str
    pointer: str  # where the schema stands in the spec (`/components/schemas/Image`, or inline)
    kind: Literal["object", "alias"]
    fields: tuple[ModelField, ...]
    alias_of: TypeExpr | None
    discriminator: str | None  # for tagged unions: the tag property's wire name
    description: str
    mixins: tuple[str, ...] = ()  # runtime classes it derives from for their helpers (`ir/helpers.py`)


@dataclass(frozen=True)
class EnvNames:
    """The environment variables a client reads when an argument is not given (a setting's own
    is its `ClientSetting.env`)."""

    api_key: str
    base_url: str
    log: str  # `info` or `debug` there logs each request

    @classmethod
    def with_prefix(cls, prefix: str) -> EnvNames:
        return cls(f"{prefix}_API_KEY", f"{prefix}_BASE_URL", f"{prefix}_LOG")


@dataclass(frozen=True)
class ClientSetting:
    """A value the client sends with every request beside the key, when given: OpenAI's
    `organization` and `project`, or an apiKey the spec's security asks for with the key (an
    application id). An argument and attribute of the client, else an environment variable."""

    name: str  # the argument: `organization`
    env: str  # `OPENAI_ORG_ID`
    place: str  # header, query or cookie
    wire: str  # the header, query parameter or cookie: `OpenAI-Organization`
    beside_key: bool  # asked for by the spec's security, with the key (else OpenAI's own)


@dataclass(frozen=True)
class KeyPlacement:
    """Where the client puts its key (`spec/security.py` says how each scheme is read)."""

    place: str  # bearer, basic, scheme, header, query, cookie, optional, none
    name: str  # the header, query parameter or cookie; the scheme's word for `scheme` (`Token`)
    # Which operations need the key: "all", "some" (the others' `security` allows none: `[]` or `{}`)
    # or "none"; "all" where the place is `optional` or `none` (no operation needs one there either).
    needed_by: str = "all"

    @property
    def is_default(self) -> bool:
        """The runtime's default: `Authorization: Bearer <key>`, needed by every operation."""
        return self.place == "bearer" and self.needed_by == "all"

    @property
    def required(self) -> bool:
        """Whether a client made without a key raises (unless its own headers or query carry one)."""
        return self.place not in ("optional", "none") and self.needed_by == "all"

    def needed_for(self, operation: Operation) -> bool:
        """Whether `operation` is refused without a key (when its client is made, or when called)."""
        if self.place in ("optional", "none"):
            return False
        return self.needed_by == "all" or (self.needed_by == "some" and not operation.keyless)

    @property
    def who_needs_it(self) -> str:
        """Which operations need the key, in words ("" when every one does, or none could)."""
        if self.place in ("optional", "none") or self.needed_by == "all":
            return ""
        if self.needed_by == "none":
            return "The spec's operations need no key (their `security` allows none); one given is sent all the same."
        return ("Operations whose `security` allows none (`[]`) can be called without a key; the others raise "
                "`ClientError` without one, before anything is sent.")

    @property
    def where(self) -> str:
        """How the key is sent, in words: `as the `X-API-Key` header`."""
        return {
            "bearer": "as a bearer token (`Authorization: Bearer <key>`)",
            "basic": "with HTTP basic authentication, given as `user:password`",
            "scheme": f"as `Authorization: {self.name} <key>`",
            "header": f"as the `{self.name}` header" + (", as given (with its scheme's word, `Bearer <key>` say, "
                                                        "where the API asks for one)"
                                                        if self.name.lower() == "authorization" else ""),
            "query": f"as the `{self.name}` query parameter",
            "cookie": f"as the `{self.name}` cookie",
            "optional": "as a bearer token when given (the spec names no security scheme, so none is needed)",
        }.get(self.place, "by no means of the client's (the spec's security scheme needs an `http_client` with its "
                          "own `auth`)")


@dataclass(frozen=True)
class Api:
    title: str
    version: str
    package: str
    client_name: str  # `ImagesClient`; its async twin is `Async` + this
    env: EnvNames
    base_url: str
    key: KeyPlacement
    resources: tuple[Resource, ...]
    models: tuple[Model, ...]
    settings: tuple[ClientSetting, ...] = ()  # sent beside the key, each an argument of the client
