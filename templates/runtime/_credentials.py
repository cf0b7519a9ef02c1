# Runtime of images-sdk-generator, copied into each generated client with this line as its header.
"""Where a client puts its key, as its spec's security scheme says, and where to find it again.

Each generated client states its `KeyPlace` (in its `ClientDefaults`): a bearer token, HTTP basic
(the key is `user:password`), another `Authorization` scheme, or the key itself in a header, a
query parameter or a cookie. A request keeps the place it was built with in its extensions, so
that logs and error messages can find the key in it and leave it out.
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass
from typing import Dict, List, Optional, Tuple

import httpx

__all__ = ["KeyPlace", "Setting", "BEARER", "ASK", "KEY_EXTENSION", "key_place_of"]

ASK = "<asked of the api_key function before each try>"
"""What stands for the key until the `api_key` function is asked for it; never sent."""

KEY_EXTENSION = "api_key_place"  # request.extensions: the KeyPlace the request was built with

_AUTHORIZATION_PLACES = ("bearer", "optional", "basic", "scheme")


@dataclass(frozen=True)
class KeyPlace:
    """`place`: `bearer`, `basic`, `scheme` (`name` is the scheme's word, `Token` say), `header`,
    `query` or `cookie` (`name` is the header, parameter or cookie), `optional` (no scheme in the
    spec: a key is sent as a bearer token when there is one) or `none` (the client sends none).
    A key given is sent with every request, whether or not its operation needs one."""

    place: str = "bearer"
    name: str = "Authorization"
    # Which operations need the key: "all", "some" (those whose `RequestOptions` are not `keyless`:
    # a call of one without a key is refused before it is sent), or "none".
    needed_by: str = "all"

    @property
    def required(self) -> bool:
        """Whether a client without a key is refused (unless its own headers or query carry one)."""
        return self.place not in ("optional", "none") and self.needed_by == "all"

    def needed_for(self, keyless: bool) -> bool:
        """Whether a call is refused without a key, in a client made without one: an operation that
        needs it, where others do not (a client whose every operation needs it wants it when made)."""
        return self.needed_by == "some" and not keyless and self.place not in ("optional", "none")

    @property
    def given_as(self) -> str:
        """What form the key takes, for the error that asks for one ("" when any text will do)."""
        return " (as `user:password`, for HTTP basic authentication)" if self.place == "basic" else ""

    @property
    def header(self) -> Optional[str]:
        """The header the key travels in; None for a query parameter, or no credential at all."""
        if self.place in _AUTHORIZATION_PLACES:
            return "Authorization"
        return {"header": self.name, "cookie": "Cookie"}.get(self.place)

    def misfit(self, key: str) -> Optional[str]:
        """Why `key` cannot be sent in this place, or None (the checks every header value gets apart)."""
        if self.place == "basic" and ":" not in key:
            return "has no `:`: HTTP basic authentication takes the key as `user:password`"
        if self.place == "cookie" and ";" in key:  # it would end the key's cookie and start another
            return f"has a `;` at position {key.index(';') + 1} of {len(key)}, so it cannot be sent in a cookie"
        return None

    def header_value(self, key: str) -> str:
        if self.place in ("bearer", "optional"):
            return f"Bearer {key}"
        if self.place == "basic":
            return "Basic " + base64.b64encode(key.encode("utf-8")).decode("ascii")
        if self.place == "scheme":
            return f"{self.name} {key}"
        if self.place == "cookie":
            return f"{self.name}={key}"
        return key

    def query(self, key: str) -> Dict[str, str]:
        """The query parameter that carries `key`, if that is the place (else none)."""
        return {self.name: key} if self.place == "query" and key else {}

    def asks(self, request: httpx.Request) -> bool:
        """Whether `request` holds `ASK` where the key goes: it is to be asked for before each try."""
        if self.place == "query":
            held: Optional[str] = request.url.params.get(self.name)
            return held == ASK
        return self.header is not None and self.header_value(ASK) in request.headers.get(self.header, "")

    def in_cookie(self, header: str) -> bool:
        """Whether a `Cookie` header already holds this key's cookie (a cookie key, by its name)."""
        return self.place == "cookie" and any(name == self.name for name, _ in _cookies(header))

    def put(self, request: httpx.Request, key: str) -> None:
        """Put `key` where `request` holds the key (`ASK`, or the one a try before was given)."""
        if self.place == "query":
            request.url = request.url.copy_set_param(self.name, key)
        elif self.place == "cookie":  # the key's cookie among the operation's own
            kept = [part for name, part in _cookies(request.headers.get("Cookie", "")) if name != self.name]
            request.headers["Cookie"] = "; ".join([*kept, self.header_value(key)])
        elif self.header is not None:
            request.headers[self.header] = self.header_value(key)

    def secret(self, request: httpx.Request) -> Optional[str]:
        """The key `request` carries, as it was given (for basic, the password), or None."""
        if self.place == "query":
            given: Optional[str] = request.url.params.get(self.name)
            return given
        if self.header is None or self.header not in request.headers:
            return None
        value = request.headers[self.header]
        if self.place == "cookie":
            found = [part.partition("=")[2] for name, part in _cookies(value) if name == self.name]
            return found[-1] if found else None
        if self.place not in _AUTHORIZATION_PLACES:  # the key as given; in `Authorization`, its scheme's word apart
            return value.strip().partition(" ")[2].strip() or value if self.name.lower() == "authorization" else value
        word, _, token = value.strip().partition(" ")
        if self.place == "basic" and word.lower() == "basic":
            try:
                return base64.b64decode(token.strip(), validate=True).decode("utf-8").partition(":")[2] or None
            except (binascii.Error, UnicodeDecodeError):
                return None
        expected = "bearer" if self.place in ("bearer", "optional") else self.name.lower()
        return token.strip() if word.lower() == expected else None


BEARER = KeyPlace()


@dataclass(frozen=True)
class Setting:
    """A value sent with every request beside the key, when there is one: OpenAI's organization, or
    an application id that the spec's security asks for with the key. The client's argument (and
    attribute) `name`, else the environment variable `env`; sent where `place` says (a header, a
    query parameter or a cookie), as given."""

    name: str
    env: str
    place: KeyPlace


def _cookies(header: str) -> List[Tuple[str, str]]:
    """A `Cookie` header's cookies in order, each as (its name, its `name=value` text)."""
    parts = (part.strip() for part in header.split(";"))
    return [(part.partition("=")[0].strip(), part) for part in parts if part]


def key_place_of(request: httpx.Request) -> KeyPlace:
    """The place `request` was built with (a request built elsewhere: the bearer default)."""
    place = request.extensions.get(KEY_EXTENSION)
    return place if isinstance(place, KeyPlace) else BEARER
