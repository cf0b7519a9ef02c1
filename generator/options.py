"""What a maintainer can choose beyond the spec (the `generate` options), with today's defaults.

Each choice can also be made in the spec itself, under `info` (an `x-python-...` extension); an
option given on the command line wins over the spec, and the spec over the default.
"""

from __future__ import annotations

from typing import NamedTuple

from .config import Config

DEFAULT_PACKAGE = "images_client"
DEFAULT_CLIENT_NAME = "ImagesClient"  # when the spec's title gives no name
DEFAULT_ENV_PREFIX = "IMAGES"  # when neither the spec's title nor the client class gives one (as ImagesClient)
DEFAULT_BASE_URL = "https://api.openai.com/v1"

CLIENT_NAME_EXTENSION = "x-python-client-name"  # in `info`: the client class (`AsyncX` is its twin)
ENV_PREFIX_EXTENSION = "x-python-env-prefix"  # in `info`: PREFIX_API_KEY, PREFIX_BASE_URL...


class Selection(NamedTuple):  # NamedTuples, not dataclasses: cheap to import on the no-op path
    """`--tag` and `--path`: which operations to generate (all of them when both are empty)."""

    tags: tuple[str, ...] = ()
    paths: tuple[str, ...] = ()  # patterns: `*` is any run of characters, `/` included

    def __bool__(self) -> bool:
        return bool(self.tags or self.paths)


class Options(NamedTuple):
    package: str = DEFAULT_PACKAGE
    client_name: str | None = None  # None: the spec's `info.x-python-client-name`, else the default
    env_prefix: str | None = None  # None: the spec's `info.x-python-env-prefix`, else one from its title
    selection: Selection = Selection()
    config: Config = Config()  # the configuration file's renames, pagination rules and query array format
