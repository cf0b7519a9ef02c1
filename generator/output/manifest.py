"""The manifest: what a generated package was made from, and the hash of every file in it.

It lives inside the package (`images_client/_manifest.json`), so it travels with a vendored
copy: the generator's version, the spec's title, `info.version` and the SHA-256 of its content
(the document generated from, as canonical JSON: sorted keys, no layout, so the key order or
the YAML style of the file do not count, as they do not count for the output), the options
given, and `sha256` of every other output file. It is written deterministically (sorted keys,
no dates, no paths), so a regeneration with nothing changed gives the same bytes.

From it, `drift()` tells what happened to a copy since it was generated: a file edited by
hand, deleted, or added to the package by hand. `check` reports each; `generate` refuses to
overwrite a hand edit without `--force`.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import PurePosixPath
from typing import Any, NamedTuple

from .. import __version__
from ..options import Options
from .writing import MARKER

NAME = "_manifest.json"


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def content_hash(document: Any) -> str:
    """The SHA-256 of a spec's content: its data as canonical JSON (YAML's dates as their text)."""
    canonical = json.dumps(document, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    return sha256(canonical.encode("utf-8"))


def manifest_bytes(package: str, title: str, version: str, spec_hash: str, options: Options,
                   files: dict[str, bytes]) -> tuple[str, bytes]:
    """The manifest's path in the output and its bytes, for the output `files` (not itself)."""
    document = {
        "about": f"{MARKER}: what this package was made from, and the SHA-256 of each of its files. "
                 "`python -m generator check` compares them; do not edit.",
        "generator": {"name": "images-sdk-generator", "version": __version__},
        "spec": {"title": title, "version": version, "sha256": spec_hash},
        "options": {"package": options.package, "client_name": options.client_name,
                    "env_prefix": options.env_prefix, "tags": list(options.selection.tags),
                    "paths": list(options.selection.paths)},
        "files": {rel: sha256(files[rel]) for rel in sorted(files)},
    }
    text = json.dumps(document, indent=1, ensure_ascii=False)
    # the marker on the first line, as every generated file has it (the writer knows its files so)
    text = "{" + text[1:].lstrip(" \n")
    return f"{package}/{NAME}", (text + "\n").encode("utf-8")


class Manifest(NamedTuple):
    path: str  # where it stands in the folder read, e.g. `images_client/_manifest.json`
    package: str  # the package's name when it was generated
    version: str  # the spec's info.version it records
    files: dict[str, str]  # path (in the folder read) → sha256

    @property
    def package_dir(self) -> str:
        """The package's folder in the folder read ("" when the folder read is the package)."""
        parent = str(PurePosixPath(self.path).parent)
        return "" if parent == "." else parent


def find_manifest(files: dict[str, bytes]) -> Manifest | None:
    """The manifest among a folder's `files`: the output folder (`images_client/_manifest.json`)
    or the package folder itself, as a project vendors it (`_manifest.json`). Paths in the
    result are the folder's own. None when there is none, or it cannot be read."""
    found = sorted((rel for rel in files if PurePosixPath(rel).name == NAME and rel.count("/") <= 1),
                   key=lambda rel: rel.count("/"))
    if not found:
        return None
    rel = found[0]
    try:
        document: Any = json.loads(files[rel])
        recorded = {str(k): str(v) for k, v in document["files"].items()}
        version = str(document["spec"]["version"])
        package = str(document["options"]["package"])
    except (ValueError, KeyError, TypeError, AttributeError):
        return None
    own_package = str(PurePosixPath(rel).parent)
    if own_package == ".":  # the folder read is the package: its paths lose the package's name
        recorded = {r[len(package) + 1:]: h for r, h in recorded.items() if r.startswith(package + "/")}
    return Manifest(rel, package, version, recorded)


class Drift(NamedTuple):
    rel: str
    what: str  # one of the DRIFT kinds


DRIFT = {"edited": "edited by hand since it was generated",
         "deleted": "deleted since it was generated",
         "added": "added to the package by hand (not generated)"}


def drift(files: dict[str, bytes], manifest: Manifest | None = None) -> list[Drift]:
    """What changed in a generated folder since its manifest was written, in path order."""
    manifest = manifest or find_manifest(files)
    if manifest is None:
        return []
    found = []
    for rel, digest in manifest.files.items():
        if rel not in files:
            found.append(Drift(rel, "deleted"))
        elif sha256(files[rel]) != digest:
            found.append(Drift(rel, "edited"))
    prefix = manifest.package_dir + "/" if manifest.package_dir else ""
    for rel in files:
        if rel.startswith(prefix) and rel not in manifest.files and rel != manifest.path:
            found.append(Drift(rel, "added"))
    return sorted(found, key=lambda d: d.rel.split("/"))
