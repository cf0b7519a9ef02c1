"""How the client sends its key: the spec's security schemes, read into one `Credential`.

A generated client takes one secret (`api_key`, or its environment variable) and puts it where
the spec's first security requirement says: the top-level `security` list first, then each
operation's in path order, then the first scheme declared; the first scheme of a requirement
that the client can send wins.

- `http` `bearer`, `oauth2` and `openIdConnect`: `Authorization: Bearer <key>` (a token got
  elsewhere; the client does no OAuth dance).
- `http` `basic`: `Authorization: Basic <base64 of the key>`, the key given as `user:password`.
- another `http` scheme (`Token`, say): `Authorization: <Scheme> <key>`.
- `apiKey`: the key itself, in the header, query parameter or cookie the scheme names.
- no scheme at all: the key is optional, and sent as a bearer token when there is one (many
  specs leave out the security an API has).

`digest` and `mutualTLS` cannot be sent with a key: a located warning, and the client sends no
credential of its own (an `http_client` with its own `auth` does it).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any, Iterator

from ..errors import Problem, SpecError, pointer_join
from .loading import LoadedSpec
from .refs import RefResolver

# Where a key goes: `place` in Credential
BEARER, BASIC, SCHEME, HEADER, QUERY, COOKIE, OPTIONAL, NONE = (
    "bearer", "basic", "scheme", "header", "query", "cookie", "optional", "none")
_API_KEY_PLACES = {"header": HEADER, "query": QUERY, "cookie": COOKIE}


@dataclass(frozen=True)
class Credential:
    place: str  # one of BEARER ... NONE
    name: str  # the header, query parameter or cookie; the scheme's word for SCHEME (`Token`)
    scheme: str  # its name under `components/securitySchemes` ("" when the spec has none)
    also: tuple[Credential, ...] = ()  # apiKeys the same requirement asks for too (an application id)

    @property
    def is_a_key(self) -> bool:
        """Whether the client sends a key it needs (not `optional`, not `none`)."""
        return self.place not in (OPTIONAL, NONE)

    def takes_parameter(self, location: str, name: str) -> bool:
        """Whether a parameter the spec declares is this credential (sent by the client, not by a method)."""
        if location == "header" and self.place in (BEARER, BASIC, SCHEME):
            return name.lower() == "authorization"
        if self.place == HEADER and location == "header":
            return name.lower() == self.name.lower()
        return location == self.place and name == self.name


Requirements = tuple[tuple[str, ...], ...]  # a `security` list: each requirement's scheme names


def requirements(raw: Any) -> Requirements | None:
    """A `security` list as scheme names (None where there is none: an operation then has the document's)."""
    if not isinstance(raw, list):
        return None
    return tuple(tuple(name for name in requirement if isinstance(name, str))
                 for requirement in raw if isinstance(requirement, dict))


def scopes(own: Any, document: Any) -> dict[str, tuple[str, ...]]:
    """The scopes an operation's `security` (else the document's) lists for each scheme (OAuth's
    `repo`, `https://www.googleapis.com/auth/drive`), in order, each once."""
    found: dict[str, dict[str, None]] = {}
    for requirement in own if isinstance(own, list) else document if isinstance(document, list) else ():
        for name, listed in requirement.items() if isinstance(requirement, dict) else ():
            if isinstance(name, str) and isinstance(listed, list):
                found.setdefault(name, {}).update(dict.fromkeys(s for s in listed if isinstance(s, str) and s))
    return {name: tuple(listed) for name, listed in found.items() if listed}


def needs_no_key(own: Requirements | None, document: Requirements | None) -> bool:
    """Whether an operation can be called without a key: its `security` (else the document's) is
    `[]`, or lists an empty requirement (`{}`: the key is optional)."""
    effective = own if own is not None else document
    return effective is not None and (not effective or () in effective)


def parse_credential(spec: LoadedSpec, operations: list[Requirements | None]) -> tuple[Credential, list[Problem]]:
    """The credential the client sends, and a warning when the spec's scheme cannot be sent.
    `operations` is each operation's own `security`, in path order."""
    resolver = RefResolver(spec)
    components = spec.data.get("components")
    schemes = components.get("securitySchemes") if isinstance(components, dict) else None
    schemes = schemes if isinstance(schemes, dict) else {}
    if not schemes:
        return Credential(OPTIONAL, "Authorization", ""), []

    def read(name: str) -> tuple[Credential | None, Any, str]:
        """The scheme `name` as a credential (None: it cannot be sent), as given, and where it stands."""
        scheme, pointer = resolver.deref(schemes[name], pointer_join("/components/securitySchemes", name))
        return _credential(scheme, name), scheme, pointer

    unsendable: list[Problem] = []
    for requirement in _requirements([requirements(spec.data.get("security")), *operations], list(schemes)):
        for name in requirement:
            if name not in schemes:
                continue  # a requirement naming no scheme: the spec's own mistake, and not ours to send
            try:
                credential, scheme, pointer = read(name)
                partners = [read(other)[0] for other in requirement if other != name and other in schemes]
            except SpecError as exc:
                return Credential(NONE, "", name), exc.problems
            if credential is not None:
                also = [p for p in partners if p is not None and p.place in _API_KEY_PLACES.values()
                        and (p.place, p.name) != (credential.place, credential.name)]
                unique: dict[tuple[str, str], Credential] = {}
                for partner in also:  # the first of each place and name
                    unique.setdefault((partner.place, partner.name), partner)
                return dataclasses.replace(credential, also=tuple(unique.values())), []
            unsendable.append(spec.problem(pointer, f"the security scheme {name!r} ({_describe(scheme)}) cannot be "
                                                    "sent with a key: the client sends no credential of its own (pass "
                                                    "an http_client with its `auth`)"))
    return Credential(NONE, "", ""), unsendable[:1]


def _requirements(lists: list[Requirements | None], declared: list[str]) -> Iterator[tuple[str, ...]]:
    """Requirements in the order they are met (see the module), then each scheme declared alone."""
    for security in lists:
        yield from security or ()
    yield from ((name,) for name in declared)


def _credential(scheme: Any, name: str) -> Credential | None:
    if not isinstance(scheme, dict):
        return None
    kind = scheme.get("type")
    if kind in ("oauth2", "openIdConnect"):
        return Credential(BEARER, "Authorization", name)
    if kind == "http":
        word = scheme.get("scheme")
        word = word.strip() if isinstance(word, str) else ""
        if word.lower() == "bearer":
            return Credential(BEARER, "Authorization", name)
        if word.lower() == "basic":
            return Credential(BASIC, "Authorization", name)
        if word and word.lower() not in ("digest", "hoba", "mutual", "negotiate", "vapid", "scram-sha-256") \
                and word.isascii() and word.replace("-", "").isalnum():
            return Credential(SCHEME, word, name)
        return None
    if kind == "apiKey":
        place, key_name = _API_KEY_PLACES.get(str(scheme.get("in"))), scheme.get("name")
        if place is not None and isinstance(key_name, str) and key_name and key_name.isascii() \
                and key_name.isprintable() and not any(c in key_name for c in " ;=,:"):
            return Credential(place, key_name, name)
    return None


def _describe(scheme: Any) -> str:
    if not isinstance(scheme, dict):
        return "not an object"
    if scheme.get("type") == "http":
        return f"http {scheme.get('scheme')!r}"
    if scheme.get("type") == "apiKey":
        return f"an apiKey in {scheme.get('in')!r} named {scheme.get('name')!r}"
    return f"type {scheme.get('type')!r}"
