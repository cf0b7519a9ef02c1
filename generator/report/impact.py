"""`python -m generator impact OLD NEW --project PATH`: what a spec change breaks in one project's code.

`diff` says what changed for Python users in general; a maintainer deciding whether to ship, or
a user deciding whether to update, wants to know what breaks in *their* code. So this runs the
change report and then reads the project itself:

1. both specs are built into IRs and compared (the same report as `diff`);
2. both packages are generated in memory and written to a temporary folder (`old/`, `new/`);
3. mypy checks the project's files once against each package. An error found with NEW and not
   with OLD (same file, line and message) is the update's doing; an error found with both is
   the project's own and is not reported. The package is reached through MYPYPATH, which mypy
   searches before the project's folder and site-packages, and a copy of the package vendored
   inside the project (a folder named like it) is left out of the files checked, so the check
   always sees the generated old and new copies, never the vendored one or an installed one;
4. an AST pass finds what type-checks but means something else at run time: calls that leave
   out an argument whose server default changed, and calls passing a value mypy cannot see
   (a plain `str`, `Any`) to an argument that takes fewer values than it did;
5. each finding is mapped back to the change of the report that explains it, by the names the
   change is about (the argument, field, class or method) as they appear in mypy's message or
   on the line; a type error no change explains is still listed, as unmapped.

Exit status: 1 when something in the project breaks (a new type error), else 0 (lines that only
change meaning are listed, but do not fail).
"""

from __future__ import annotations

import ast
import importlib.util
import json
import os
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Mapping, Sequence

from ..errors import OutputError, UsageError
from ..ir.nodes import Api, Operation
from ..options import Options
from ..pipeline import generate_files
from ..render.annotations import named_types
from .command import _build
from .compare import Change, compare
from .formats import bump, next_version

MYPY_TIMEOUT = 600  # seconds for one check of the project; a big project on a slow machine fits
# Folders that hold no code of the project's own: environments, dependencies, build output.
SKIPPED_FOLDERS = frozenset({".venv", "venv", "node_modules", "__pycache__", "build", "dist"})
WRAPPERS = frozenset({"with_raw_response", "with_streaming_response"})  # `client.images.with_raw_response.generate`
UNMAPPED = "the type check fails here; no single change in the report explains it"
MYPY_FLAGS = (
    "--no-error-summary", "--show-column-numbers", "--show-error-codes", "--no-color-output", "--hide-error-context",
    "--no-pretty",
    "--follow-imports=silent",  # the package (and the rest) is read for its types, its own errors are not ours
    "--ignore-missing-imports",  # the project's other dependencies may not be installed here: they are Any
    "--check-untyped-defs",  # a call in an unannotated function breaks at run time all the same
    "--explicit-package-bases",  # `app/render.py` is `app.render` even without `__init__.py` (no name clashes)
)
_LINE = re.compile(r"^(?P<file>.+?):(?P<line>\d+):(?:(?P<column>\d+):)? (?P<severity>error|note|warning): "
                   r"(?P<message>.*?)(?:  \[(?P<code>[a-z0-9-]+)\])?$")


@dataclass(frozen=True)
class Diagnostic:
    """One mypy error in the project."""

    file: str  # POSIX, relative to the project
    line: int
    column: int
    message: str
    code: str  # mypy's error code (`call-arg`), "" when it gave none


@dataclass(frozen=True)
class Finding:
    file: str  # POSIX, relative to the project
    line: int
    column: int
    code: str  # the source line, stripped
    error: str  # mypy's message, or "behaviour" for a line that type-checks but changes meaning
    change: Change | None  # the change that explains it; None: unmapped
    breaks: bool  # a type error (the update breaks this line), not only a change of meaning
    note: str = ""  # for a behaviour finding: why the line changes meaning
    error_code: str = ""  # mypy's error code

    def as_json(self) -> dict[str, object]:
        found: dict[str, object] = {"file": self.file, "line": self.line, "column": self.column, "code": self.code,
                                    "error": self.error, "change": self.change.as_json() if self.change else None,
                                    "breaks": self.breaks}
        if self.note:
            found["note"] = self.note
        if self.error_code:
            found["error_code"] = self.error_code
        return found


@dataclass(frozen=True)
class Impact:
    project: str  # as the user named it
    version: str  # the package's version before (the old spec's `info.version`)
    changes: list[Change]
    findings: list[Finding]
    unparsed: list[str]  # project files Python cannot parse: not checked

    @property
    def safe(self) -> bool:
        return not any(f.breaks for f in self.findings)


def run_impact(old: str, new: str, project: Path, options: Options, *, output: str = "text") -> int:
    impact = assess(old, new, project, options)
    sys.stdout.write(as_json(impact) if output == "json" else as_text(impact))
    return 0 if impact.safe else 1


def assess(old: str, new: str, project: Path, options: Options) -> Impact:
    """Everything the report says about one project (the work of `run_impact`, without printing)."""
    if not project.is_dir():
        raise UsageError(f"--project {project}: not a folder")
    if importlib.util.find_spec("mypy") is None:  # `python -m mypy` would fail with status 1, like a type error
        raise OutputError(f"mypy is not installed for {sys.executable}; `impact` type-checks the project with it "
                          "(pip install mypy)")
    sources, unparsed = _project_files(project, options.package)
    with tempfile.TemporaryDirectory(prefix="generator-impact-") as name:
        scratch = Path(name)
        (scratch / "specs").mkdir()
        (old_spec, old_api, _), (new_spec, new_api, _) = (_build(source, options, scratch / "specs", i)
                                                    for i, source in enumerate((old, new)))
        changes = compare(old_api, new_api)
        errors = []
        for side, spec_path in (("old", old_spec.path), ("new", new_spec.path)):
            _write_package(generate_files(spec_path, options, workers=1), options.package, scratch / side)
            errors.append(_type_check(project, sorted(sources), scratch / side, scratch) if sources else set())
    findings = _findings(project, changes, sources, errors[0], errors[1], old_api, new_api)
    return Impact(str(project), old_api.version, changes, findings, unparsed)


# ---- the project's files ----


def _project_files(project: Path, package: str) -> tuple[dict[str, ast.Module], list[str]]:
    """The project's own .py files (relative POSIX path → its tree), and those that do not parse."""
    trees: dict[str, ast.Module] = {}
    unparsed = []
    for folder, dirs, files in os.walk(project):
        # The vendored package (a folder named like it) is left out: the check uses the generated copies.
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in SKIPPED_FOLDERS and d != package)
        for file in sorted(files):
            if not file.endswith(".py"):
                continue
            path = Path(folder, file)
            rel = path.relative_to(project).as_posix()
            try:
                trees[rel] = ast.parse(path.read_bytes(), rel)
            except (SyntaxError, ValueError, OSError):  # mypy would stop at it; the rest is still worth checking
                unparsed.append(rel)
    return trees, unparsed


# ---- the type check ----


def _write_package(files: Mapping[str, bytes], package: str, folder: Path) -> None:
    for rel, data in files.items():
        if rel.startswith(f"{package}/"):  # the package alone: pyproject.toml, api.md are not imported
            path = folder / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)


def _type_check(project: Path, files: Sequence[str], package_root: Path, scratch: Path) -> set[Diagnostic]:
    """mypy's errors in the project's files, with the package generated in `package_root`.

    mypy runs in the project's folder, so its paths are the project's own; MYPYPATH holds the
    generated package first (before the project's folder and site-packages, where a vendored or
    installed copy may stand) and the project's `src/` for a src layout. Both checks share one
    cache: the second reuses typeshed, httpx and pydantic, and rechecks what the package changed.
    """
    config = scratch / "mypy.ini"  # an empty configuration: the project's own (plugins, excludes) is not used
    config.write_text("[mypy]\n")
    listing = scratch / f"files-{package_root.name}.txt"  # read by mypy as arguments: no command line too long
    listing.write_text("".join(f"{rel}\n" for rel in files), encoding="utf-8")
    paths = [str(package_root)] + ([str((project / "src").resolve())] if (project / "src").is_dir() else [])
    env = {**os.environ, "MYPYPATH": os.pathsep.join(paths), "PYTHONIOENCODING": "utf-8"}
    command = [sys.executable, "-m", "mypy", "--config-file", str(config), "--cache-dir", str(scratch / "mypy-cache"),
               *MYPY_FLAGS, f"@{listing}"]
    try:
        done = subprocess.run(command, cwd=project, env=env, capture_output=True, encoding="utf-8", errors="replace",
                              timeout=MYPY_TIMEOUT, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        raise OutputError(f"mypy did not finish checking {project} in {MYPY_TIMEOUT} s") from None
    found = {d for d in (_diagnostic(line, project) for line in done.stdout.splitlines()) if d is not None}
    if done.returncode not in (0, 1) or (done.returncode == 1 and not found):
        said = (done.stderr.strip() or done.stdout.strip()).splitlines()
        raise OutputError(f"mypy could not check {project} (status {done.returncode}): "
                          + (said[-1] if said else "no message"))
    return found


def _diagnostic(line: str, project: Path) -> Diagnostic | None:
    match = _LINE.match(line)
    if match is None or match["severity"] != "error":
        return None
    path = Path(match["file"])
    if path.is_absolute():
        try:
            path = path.relative_to(project.resolve())
        except ValueError:
            return None  # not one of the project's files
    return Diagnostic(path.as_posix(), int(match["line"]), int(match["column"] or 0), match["message"],
                      match["code"] or "")


# ---- findings ----


def _operations(api: Api) -> dict[str, tuple[str, Operation]]:
    """`"POST /images/generations"` (as a Change names it) → the resource's attribute and the operation."""
    return {f"{op.http_method.upper()} {op.path}": (resource.attr_name, op) for resource in api.resources
            for op in resource.operations}


def _findings(root: Path, changes: Sequence[Change], trees: Mapping[str, ast.Module], before: set[Diagnostic],
              after: set[Diagnostic], old_api: Api, new_api: Api) -> list[Finding]:
    project_errors = {(d.file, d.line, d.message, d.code) for d in before}
    fresh = sorted((d for d in after if (d.file, d.line, d.message, d.code) not in project_errors),
                   key=lambda d: (d.file, d.line, d.column, d.message))
    ops = _operations(old_api), _operations(new_api)
    targets = [t for t in (_target(c, *ops) for c in changes if c.impact != "docs") if t is not None]
    project = _Project(root, trees)
    findings = [project.type_finding(d, _match(d, project.line(d.file, d.line), targets)) for d in fresh]
    broken = {(d.file, line) for d in fresh for line in project.call_lines(d.file, d.line, d.column)}
    findings += project.behaviour(changes, ops, broken, old_api, new_api)
    return sorted(findings, key=lambda f: (f.file, f.line, not f.breaks, f.column, f.error))


@dataclass(frozen=True)
class _Target:
    """What a change is about, as names mypy's messages and the project's lines would show."""

    change: Change
    primary: frozenset[str]  # the thing that changed: an argument, a field, a class, a method
    owner: frozenset[str] = frozenset()  # what it belongs to: the method of an argument, the class of a field
    literals: frozenset[str] = frozenset()  # values taken away (`Literal['vivid']` in mypy's message)
    by_line: bool = False  # the error may not name it (a field now Optional): its name on the line is enough


def _target(change: Change, old_ops: Mapping[str, tuple[str, Operation]],
            new_ops: Mapping[str, tuple[str, Operation]]) -> _Target | None:
    quoted = re.findall(r"`([^`]+)`", change.message)
    where = change.operation or ""
    sides = [ops[where] for ops in (old_ops, new_ops) if where in ops]
    methods = frozenset(op.method_name for _, op in sides)
    # A class the message names goes with the change ("the field `Result.data` is gone (with its class `X`)")
    classes = frozenset(text for text in quoted if text.isidentifier() and text[0].isupper())
    if change.param is not None:  # an argument: its Python names before and after (a rename)
        names = frozenset(p.py_name for _, op in sides for p in op.params if p.wire_name == change.param)
        return _Target(change, names | classes, methods)
    if change.kind == "stream-removed":
        return _Target(change, frozenset({"stream"}), methods)
    if change.kind in ("method-removed", "method-renamed"):
        resources = frozenset(attr for attr, _ in sides)
        return _Target(change, methods, resources | {attr.title().replace("_", "") for attr in resources})
    if change.kind == "response-type":
        return _Target(change, methods, by_line=True)
    if change.field is not None and change.kind.startswith("field-"):  # `Model.field`, and `Model.old` if renamed
        dotted = [text.split(".") for text in [change.python, *quoted] if text.count(".") == 1]
        return _Target(change, frozenset(parts[1] for parts in dotted) | classes,
                       frozenset(parts[0] for parts in dotted), by_line=True)
    names = frozenset(text for text in [change.python, *quoted] if text.isidentifier())
    if change.kind == "client-renamed":
        return _Target(change, names | {f"Async{name}" for name in names})
    if change.kind == "enum-values-removed":
        return _Target(change, frozenset({change.python}), literals=frozenset(quoted) - {change.python})
    if change.kind == "event-removed" and change.event:
        return _Target(change, frozenset({change.python}), literals=frozenset({change.event}))
    if change.kind.startswith(("class-", "alias-", "enum-", "event-")):
        return _Target(change, names)
    return None  # environment variables, the base URL: nothing a type check shows


def _match(diagnostic: Diagnostic, source: str, targets: Sequence[_Target]) -> _Target | None:
    """The change that best explains a type error: the one whose names its message (or line) shows."""
    literals = set(re.findall(r"'((?:[^'\\]|\\.)*)'", diagnostic.message))
    quoted = " ".join(re.findall(r'"([^"]*)"', re.sub(r"'(?:[^'\\]|\\.)*'", "", diagnostic.message)))
    in_message = set(re.findall(r"[A-Za-z_]\w*", quoted))
    on_line = set(re.findall(r"[A-Za-z_]\w*", source))
    best: tuple[int, int, int] | None = None
    chosen = None
    for index, target in enumerate(targets):
        if target.primary & in_message or target.literals & literals:
            score = 4
        elif target.by_line and target.primary & on_line:
            score = 2
        else:
            continue
        score += bool(target.owner & (in_message | on_line))
        rank = (score, target.change.impact == "breaking", -index)  # the first in the report wins a tie
        if best is None or rank > best:
            best, chosen = rank, target
    return chosen


class _Project:
    """The project's trees and lines, for locating findings and the AST pass."""

    def __init__(self, root: Path, trees: Mapping[str, ast.Module]) -> None:
        self.root, self.trees = root, trees
        self.lines: dict[str, list[str]] = {}

    def line(self, rel: str, number: int) -> str:
        """A line of a file, stripped ("" past its end)."""
        if rel not in self.lines:
            self.lines[rel] = (self.root / rel).read_bytes().decode("utf-8", "replace").splitlines()
        found = self.lines[rel]
        return found[number - 1].strip() if 0 < number <= len(found) else ""

    def calls(self, rel: str) -> Iterator[ast.Call]:
        tree = self.trees.get(rel)
        if tree is not None:
            yield from (node for node in ast.walk(tree) if isinstance(node, ast.Call))

    def call_lines(self, rel: str, line: int, column: int) -> range:
        """The lines of the call mypy reported at (line, column), or that line alone."""
        call = self._call_at(rel, line, column)
        return range(line, line + 1) if call is None else range(call.lineno, (call.end_lineno or call.lineno) + 1)

    def _call_at(self, rel: str, line: int, column: int) -> ast.Call | None:
        return next((c for c in self.calls(rel) if (c.lineno, c.col_offset + 1) == (line, column)), None)

    def type_finding(self, diagnostic: Diagnostic, target: _Target | None) -> Finding:
        line, column = diagnostic.line, diagnostic.column
        call = self._call_at(diagnostic.file, line, column)
        if target is not None and target.change.param is not None and call is not None:
            # mypy reports a call where it starts: point at the argument itself in a call over several lines
            keyword = next((k for k in call.keywords if k.arg in target.primary), None)
            if keyword is not None:
                line, column = keyword.lineno, keyword.col_offset + 1
        return Finding(diagnostic.file, line, column, self.line(diagnostic.file, line), diagnostic.message,
                       target.change if target else None, True, error_code=diagnostic.code)

    def behaviour(self, changes: Sequence[Change], ops: tuple[Mapping[str, tuple[str, Operation]], ...],
                  broken: set[tuple[str, int]], old_api: Api, new_api: Api) -> Iterator[Finding]:
        """Calls that type-check but mean something else now."""
        for change in changes:
            if change.kind == "param-default" and change.operation and change.param:
                for rel, call, name in self._calls_of(change.operation, change.param, ops):
                    if not any(k.arg in (name, None) for k in call.keywords):  # `**options` may pass it: unknown
                        yield self._behaviour(rel, call, change, f"this call leaves `{name}` out, so the server's "
                                              "new default applies")
            narrowed = _narrowed(change, old_api, new_api)
            for operation, param in narrowed:
                for rel, call, name in self._calls_of(operation, param, ops):
                    keyword = next((k for k in call.keywords if k.arg == name), None)
                    lines = range(call.lineno, (call.end_lineno or call.lineno) + 1)
                    if keyword is None or isinstance(keyword.value, ast.Constant) or any(
                            (rel, line) in broken for line in lines):
                        continue  # a constant mypy checks; an error here is already a finding
                    yield self._behaviour(rel, keyword, change, f"mypy cannot tell what this passes as `{name}` "
                                          "(not a literal): a value no longer taken is refused at run time")

    def _calls_of(self, operation: str, wire_name: str,
                  ops: tuple[Mapping[str, tuple[str, Operation]], ...]) -> Iterator[tuple[str, ast.Call, str]]:
        """The project's calls of an operation (as its code names it: the old names), with the argument's name."""
        if operation not in ops[0]:
            return
        resource, op = ops[0][operation]
        name = next((p.py_name for p in op.params if p.wire_name == wire_name), None)
        if name is None:
            return
        for rel in sorted(self.trees):
            for call in self.calls(rel):
                if _calls_method(call.func, resource, op.method_name):
                    yield rel, call, name

    def _behaviour(self, rel: str, where: ast.Call | ast.keyword, change: Change, note: str) -> Finding:
        """A line that type-checks but changes meaning: at the call, or at the argument that matters."""
        return Finding(rel, where.lineno, where.col_offset + 1, self.line(rel, where.lineno), "behaviour", change,
                       False, note)


def _calls_method(func: ast.expr, resource: str, method: str) -> bool:
    """`<anything>.images.generate`, `images.generate`, `<anything>.images.with_raw_response.generate`."""
    if not (isinstance(func, ast.Attribute) and func.attr == method):
        return False
    owner = func.value
    if isinstance(owner, ast.Attribute) and owner.attr in WRAPPERS:
        owner = owner.value
    return (isinstance(owner, ast.Attribute) and owner.attr == resource) or (
        isinstance(owner, ast.Name) and owner.id == resource)


def _narrowed(change: Change, old_api: Api, new_api: Api) -> list[tuple[str, str]]:
    """The arguments (operation, wire name) that take fewer values after a breaking change for callers."""
    if change.impact != "breaking" or change.breaks != "callers":
        return []
    if change.kind == "param-type" and change.operation and change.param:
        return [(change.operation, change.param)]
    if change.kind in ("enum-values-removed", "alias-type"):  # every argument typed with the alias
        return sorted({(where, p.wire_name) for api in (old_api, new_api) for where, (_, op) in _operations(api).items()
                       for p in op.params if change.python in named_types(p.type)})
    return []


# ---- output ----


def _release(impact: Impact) -> str:
    level = bump(impact.changes)
    if level == "none":
        return "no change for Python users"
    target = next_version(impact.version, level)
    version = f"{impact.version} → {target}" if target else f"{impact.version} is not X.Y.Z"
    return f"a {level} release for the package, {version}"


def _summary(impact: Impact) -> str:
    broken_lines = {(f.file, f.line) for f in impact.findings if f.breaks}
    broken = len(broken_lines)
    meaning = len({(f.file, f.line) for f in impact.findings if not f.breaks} - broken_lines)
    changed = f"{meaning} line{'s' if meaning != 1 else ''}" + (" changes" if meaning == 1 else " change") + \
        " meaning"
    if broken:
        more = f", {changed.replace(' line', ' more line', 1)}" if meaning else ""
        return f"{broken} line{'s' if broken != 1 else ''} of {impact.project} break{'s' if broken == 1 else ''} " \
               f"with this update{more} ({_release(impact)}): not safe"
    if meaning:
        return f"nothing in {impact.project} breaks, but {changed}: safe to update once they are checked " \
               f"({_release(impact)})"
    return f"nothing in {impact.project} breaks: safe to update ({_release(impact)})"


def as_text(impact: Impact) -> str:
    lines = [_summary(impact)]
    if impact.unparsed:
        lines.append(f"not checked (Python cannot parse them): {', '.join(impact.unparsed)}")
    if impact.findings:
        lines.append("")
    for finding in impact.findings:
        lines.append(f"{finding.file}:{finding.line}: {finding.code}")
        if finding.change is None:
            lines.append(f"  → unmapped: {UNMAPPED}")
        else:
            lines.append(f"  → {finding.change.python}: {finding.change.message}")
        if finding.breaks:
            lines.append(f"    mypy: {finding.error}" + (f"  [{finding.error_code}]" if finding.error_code else ""))
        else:
            lines.append(f"    changes meaning: {finding.note}")
    met = {f.change for f in impact.findings if f.change is not None}
    untouched = [c for c in impact.changes if c not in met]
    listed = [c for c in untouched if c.impact != "docs"]
    docs = len(untouched) - len(listed)
    if untouched:
        lines += ["", f"Changes that touch nothing in {impact.project} ({len(untouched)}):"]
        lines += [f"  {c.python}: {c.message} ({c.impact})" for c in listed]
        if docs:
            lines.append(f"  ... and {docs} description change{'s' if docs != 1 else ''}")
    return "\n".join(lines) + "\n"


def as_json(impact: Impact) -> str:
    level = bump(impact.changes)
    document = {"safe": impact.safe, "bump": level, "next_version": next_version(impact.version, level),
                "findings": [f.as_json() for f in impact.findings], "changes": [c.as_json() for c in impact.changes],
                "not_checked": impact.unparsed}
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
