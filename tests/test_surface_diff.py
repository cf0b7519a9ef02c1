"""`python -m generator diff DIR DIR`: what a generator upgrade changes for Python users.

Each case makes its own inputs: a copy of generated/ edited as a generator change would edit
it (the target found by reading the copy, so no case depends on what the spec holds today), a
small hand-written package, or two packages generated from a spec and the same spec with one
property more. Only the last says anything about the real spec, and only that the two diffs
(of the specs, and of the packages) agree.
"""

from __future__ import annotations

import ast
import copy
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any, Callable

import pytest
import yaml

from generator.errors import UsageError
from generator.options import Options
from generator.pipeline import generate_files
from generator.report.command import run_diff
from generator.report.compare import EXHAUSTIVE
from generator.report.surface import Class, Surface, find_package, read_surface

from .conftest import GENERATED, ROOT, SPEC

LineEdit = Callable[[list[str], ast.FunctionDef | ast.AsyncFunctionDef], None]


def report(old: Path | str, new: Path | str, capsys: pytest.CaptureFixture[str], *, output: str = "json",
           fail_on: str | None = None) -> tuple[Any, int]:
    capsys.readouterr()
    status = run_diff(str(old), str(new), Options(), output=output, fail_on=fail_on)
    text = capsys.readouterr().out
    return (json.loads(text) if output == "json" else text), status


def kinds(result: Any) -> list[tuple[str, str, str | None]]:
    return [(c["impact"], c["kind"], c.get("breaks")) for c in result["changes"]]


@pytest.fixture
def copies(tmp_path: Path) -> tuple[Path, Path]:
    """Two copies of the generated output folder: the one to leave alone, and the one to edit."""
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    return (Path(shutil.copytree(GENERATED, tmp_path / "old", ignore=ignore)),
            Path(shutil.copytree(GENERATED, tmp_path / "new", ignore=ignore)))


# ---- finding what to edit in a copy, by reading it ----


def client_twins(surface: Surface) -> tuple[Class, Class]:
    """A resource class reached from the client (`client.x`) and its async twin."""
    by_name = {c.path.rsplit(".", 1)[1]: c for c in surface.classes}
    for cls in surface.classes:
        name = cls.path.rsplit(".", 1)[1]
        if cls.accessor and cls.accessor.count(".") == 1 and f"Async{name}" in by_name:
            return cls, by_name[f"Async{name}"]
    raise AssertionError("no resource class with an async twin")


def optional_keyword(cls: Class) -> tuple[str, str]:
    """A method of `cls` and a keyword-only argument with a default that all its signatures have."""
    for method in cls.methods:
        signatures = [s for s in (method.signature, *method.overloads) if s is not None]
        if method.name.startswith("_") or method.kind != "method" or not signatures:
            continue
        for param in signatures[0].params:
            if param.kind == "keyword-only" and param.default is not None and all(
                    any(p.name == param.name and p.default is not None for p in s.params) for s in signatures):
                return method.name, param.name
    raise AssertionError(f"no optional keyword argument in {cls.path}")


def find_class(package: Path, name: str) -> Path:
    for path in sorted(package.rglob("*.py")):
        if any(isinstance(n, ast.ClassDef) and n.name == name for n in ast.parse(path.read_text()).body):
            return path
    raise AssertionError(f"no class {name}")


def edit_methods(package: Path, classes: list[str], method: str, edit: LineEdit) -> None:
    """Apply `edit` to the lines of each def (overloads too) of `method` in `classes`, last first."""
    path = find_class(package, classes[0])
    lines = path.read_text().splitlines(keepends=True)
    tree = ast.parse("".join(lines))
    defs = [d for c in tree.body if isinstance(c, ast.ClassDef) and c.name in classes for d in c.body
            if isinstance(d, (ast.FunctionDef, ast.AsyncFunctionDef)) and d.name == method]
    assert defs
    for node in sorted(defs, key=lambda d: d.lineno, reverse=True):
        edit(lines, node)
    path.write_text("".join(lines))
    ast.parse(path.read_text())  # the edited copy is still Python


def remove_param(name: str) -> LineEdit:
    def edit(lines: list[str], node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        args = node.args
        (arg,) = [a for a in args.kwonlyargs if a.arg == name]
        default = args.kw_defaults[args.kwonlyargs.index(arg)]
        end = (default or arg).end_lineno
        assert end is not None and lines[arg.lineno - 1].lstrip().startswith(f"{name}:"), "one argument a line"
        del lines[arg.lineno - 1:end]
    return edit


def add_param(text: str) -> LineEdit:
    """A keyword-only argument written after the last one."""
    def edit(lines: list[str], node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        last = node.args.kwonlyargs[-1]
        default = node.args.kw_defaults[-1]
        end = (default or last).end_lineno
        assert end is not None
        indent = lines[last.lineno - 1][:len(lines[last.lineno - 1]) - len(lines[last.lineno - 1].lstrip())]
        lines.insert(end, f"{indent}{text},\n")
    return edit


def alias_literal(package: Path, surface: Surface, want: Callable[[str], bool]) -> tuple[Path, str, ast.Subscript]:
    """A module-level alias whose right-hand side holds a `Literal[...]` of two values or more."""
    for alias in surface.aliases:
        name = alias.path.rsplit(".", 1)[1]
        if "Literal[" not in alias.value or not want(name):
            continue
        for path in sorted(package.rglob("*.py")):
            for stmt in ast.parse(path.read_text()).body:
                if isinstance(stmt, ast.Assign) and any(isinstance(t, ast.Name) and t.id == name for t in stmt.targets):
                    found = [n for n in ast.walk(stmt.value) if isinstance(n, ast.Subscript)
                             and ast.unparse(n.value).endswith("Literal") and isinstance(n.slice, ast.Tuple)]
                    if found:
                        return path, name, found[0]
    raise AssertionError("no Literal alias")


def offset(text: str, line: int, column: int) -> int:
    """The character offset of an ast position (its column counts UTF-8 bytes)."""
    start = sum(len(row) for row in text.splitlines(keepends=True)[:line - 1])
    row = text.splitlines(keepends=True)[line - 1]
    return start + len(row.encode("utf-8")[:column].decode("utf-8"))


def used_only_as_argument(surface: Surface) -> Callable[[str], bool]:
    def names(text: str | None) -> set[str]:
        return set(re.findall(r"\w+", text or ""))

    inputs = {n for c in surface.classes for m in c.methods for s in (m.signature, *m.overloads) if s
              for p in s.params for n in names(p.annotation)}
    outputs = {n for c in surface.classes for a in c.attributes for n in names(a.annotation)}
    outputs |= {n for c in surface.classes for m in c.methods for s in (m.signature, *m.overloads) if s
                for n in names(s.returns)}
    outputs |= {n for a in surface.aliases for n in names(a.value)}  # through another alias: left out, to be sure
    return lambda name: name in inputs and name not in outputs


# ---- a copy of generated/, edited ----


def test_the_same_package_is_no_change(copies: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    old, new = copies
    text, status = report(old, new, capsys, output="text")
    assert text.startswith("No change for Python users.") and status == 0
    result, _ = report(old, new, capsys)
    assert result["bump"] == "none" and result["changes"] == []
    package = find_package(new)
    assert report(package, new, capsys)[0]["changes"] == []  # the package folder, or the output folder holding it


def test_a_removed_argument_breaks_callers_once_for_both_twins(copies: tuple[Path, Path],
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    old, new = copies
    sync, asynchronous = client_twins(read_surface(new))
    method, param = optional_keyword(sync)
    edit_methods(find_package(new), [sync.path.rsplit(".", 1)[1], asynchronous.path.rsplit(".", 1)[1]], method,
                 remove_param(param))
    result, status = report(old, new, capsys, fail_on="breaking")
    assert kinds(result) == [("breaking", "surface-param-removed", "callers")]
    (change,) = result["changes"]
    assert change["python"] == f"{sync.accessor}.{method}({param}=...)"
    assert "(and its async twin)" in change["message"]
    assert result["bump"] == "major" and status == 1


def test_a_new_keyword_argument_is_compatible(copies: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    old, new = copies
    sync, asynchronous = client_twins(read_surface(new))
    method = optional_keyword(sync)[0]
    edit_methods(find_package(new), [sync.path.rsplit(".", 1)[1], asynchronous.path.rsplit(".", 1)[1]], method,
                 add_param("surface_seed: Optional[int] | NotGiven = NOT_GIVEN"))
    result, _ = report(old, new, capsys)
    assert kinds(result) == [("compatible", "surface-param-added", None)]
    assert result["changes"][0]["python"] == f"{sync.accessor}.{method}(surface_seed=...)"
    assert "(and its async twin)" in result["changes"][0]["message"]
    assert result["bump"] == "minor"


def test_twins_that_change_differently_are_reported_apart(copies: tuple[Path, Path],
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    old, new = copies
    sync, asynchronous = client_twins(read_surface(new))
    method = optional_keyword(sync)[0]
    package = find_package(new)
    edit_methods(package, [sync.path.rsplit(".", 1)[1]], method, add_param("surface_seed: int = 0"))
    edit_methods(package, [asynchronous.path.rsplit(".", 1)[1]], method, add_param("surface_seed: int"))
    result, _ = report(old, new, capsys)
    assert sorted(kinds(result)) == [("breaking", "surface-param-added-required", "callers"),
                                     ("compatible", "surface-param-added", None)]
    assert not any("twin" in c["message"] for c in result["changes"])


def test_a_literal_value_more_is_compatible(copies: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    old, new = copies
    path, name, literal = alias_literal(find_package(new), read_surface(new), lambda name: True)
    assert isinstance(literal.slice, ast.Tuple)
    first = literal.slice.elts[0]
    text = path.read_text()
    at = offset(text, first.lineno, first.col_offset)
    path.write_text(text[:at] + '"surface-test-value", ' + text[at:])
    result, _ = report(old, new, capsys)
    assert kinds(result) == [("compatible", "surface-alias-type", None)]
    assert result["changes"][0]["python"].endswith(f".{name}") and result["bump"] == "minor"


def test_a_literal_value_fewer_breaks_callers(copies: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    old, new = copies
    surface = read_surface(new)
    path, name, literal = alias_literal(find_package(new), surface, used_only_as_argument(surface))
    assert isinstance(literal.slice, ast.Tuple) and len(literal.slice.elts) >= 2
    before, last = literal.slice.elts[-2:]
    assert before.end_lineno is not None and before.end_col_offset is not None
    assert last.end_lineno is not None and last.end_col_offset is not None
    text = path.read_text()
    removed = ast.literal_eval(last)
    start, end = offset(text, before.end_lineno, before.end_col_offset), offset(text, last.end_lineno,
                                                                                last.end_col_offset)
    path.write_text(text[:start] + text[end:])
    result, status = report(old, new, capsys, fail_on="breaking")
    assert kinds(result) == [("breaking", "surface-alias-type", "callers")]
    assert json.dumps(removed) in result["changes"][0]["message"] and status == 1


def test_a_removed_field_breaks_readers(copies: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    old, new = copies
    model = next(c for c in read_surface(new).classes if c.is_model and any(a.annotation for a in c.attributes))
    name, field = model.path.rsplit(".", 1)[1], next(a.name for a in model.attributes if a.annotation)
    path = find_class(find_package(new), name)
    lines = path.read_text().splitlines(keepends=True)
    (cls,) = [n for n in ast.parse("".join(lines)).body if isinstance(n, ast.ClassDef) and n.name == name]
    index, stmt = next((i, s) for i, s in enumerate(cls.body) if isinstance(s, ast.AnnAssign)
                       and isinstance(s.target, ast.Name) and s.target.id == field)
    following = cls.body[index + 1] if index + 1 < len(cls.body) else None
    last = following if isinstance(following, ast.Expr) and isinstance(following.value, ast.Constant) else stmt
    del lines[stmt.lineno - 1:last.end_lineno]  # the field and its docstring
    path.write_text("".join(lines))
    result, _ = report(old, new, capsys)
    assert kinds(result) == [("breaking", "surface-field-removed", "readers")]
    assert result["changes"][0]["python"] == f"{name}.{field}" and result["bump"] == "major"


def test_a_renamed_class_is_one_change(copies: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    old, new = copies
    model = next(c for c in read_surface(new).classes if c.is_model and c.path.count(".") > 1)
    name = model.path.rsplit(".", 1)[1]
    for path in find_package(new).rglob("*.py"):  # the class and every use of it
        path.write_text(re.sub(rf"\b{name}\b", f"{name}Renamed", path.read_text()))
    result, _ = report(old, new, capsys)
    assert kinds(result) == [("breaking", "surface-class-renamed", "readers")]
    assert result["changes"][0]["python"] == f"{model.path}Renamed"


def test_the_real_package_has_a_client_and_its_methods() -> None:
    surface = read_surface(GENERATED)
    assert surface == read_surface(GENERATED)  # the same answer each time
    exported = {c.path.rsplit(".", 1)[1]: c for c in surface.classes if c.path.count(".") == 1}
    clients = [c for name, c in exported.items() if name.endswith("Client") and c.accessor == "client"]
    assert clients, "the client class, re-exported from its private module"
    resources = [c for c in surface.classes if c.accessor and c.accessor.startswith("client.")]
    methods = [m for c in resources for m in c.methods if not m.name.startswith("_") and m.kind == "method"
               and m.signature and m.signature.params]
    assert methods, "a resource method with its arguments"
    assert any(c.is_model and c.attributes for c in surface.classes)


# ---- a small hand-written package ----

MINI = '''\
"""A package of a few names."""

from typing import Annotated, Iterator, Literal, Optional, Union, overload

from pydantic import BaseModel, Field

__all__ = ["Client", "Color", "Shape", "make", "LIMIT", "Event", "Done", "Delta"]

Color = Literal["red", "green"]

LIMIT = 3


class Shape(BaseModel):
    color: Color
    size: Optional[int] = None


class Done(BaseModel):
    type: Literal["done"]


class Delta(BaseModel):
    type: Literal["delta"]


Event = Annotated[Union[Delta, Done], Field(discriminator="type")]


class Client:
    def events(self) -> Iterator[Event]:
        yield Done(type="done")

    def paint(self, shape: Shape, color: Color = "red", *, times: int = 1) -> Shape:
        return shape

    @overload
    def fetch(self, key: int) -> int: ...

    @overload
    def fetch(self, key: str) -> str: ...

    def fetch(self, key: object) -> object:
        return key


def make(name: str, /, count: int = 0) -> Shape:
    return Shape(color="red")
'''

OVERLOAD = "    @overload\n    def fetch(self, key: str) -> str: ..."

MINI_CASES = [
    ("*, times: int = 1", "times: int = 1", "compatible", "surface-param-kind", None),
    ('color: Color = "red", *, times', '*, color: Color = "red", times', "breaking", "surface-param-kind", "callers"),
    ("times: int = 1", "times: int = 2", "behaviour", "surface-param-default", None),
    ("times: int = 1", "times: int", "breaking", "surface-param-required", "callers"),
    ("times: int = 1", "times: Literal[1, 2] = 1", "breaking", "surface-param-type", "callers"),
    ('color: Color = "red"', 'color: str = "red"', "compatible", "surface-param-type", None),
    ("def make(name: str, /,", "def make(name: str,", "compatible", "surface-param-kind", None),
    ('Color = Literal["red", "green"]', 'Color = Literal["red", "green", "blue"]', "compatible", "surface-alias-type",
     None),
    ('Color = Literal["red", "green"]', 'Color = Literal["red"]', "breaking", "surface-alias-type", "callers"),
    ("    color: Color\n", "    color: Optional[Color]\n", "breaking", "surface-field-type", "readers"),
    ("    color: Color\n", '    color: Literal["red", "green", "blue"]\n', "compatible", "surface-field-type",
     None),
    ("    size: Optional[int] = None", "    size: Optional[int] = 0", "behaviour", "surface-field-default", None),
    ("    def paint(", "    async def paint(", "breaking", "surface-method-async", "callers"),
    ("-> Shape:\n        return shape", "-> Optional[Shape]:\n        return shape", "breaking",
     "surface-return-type", "readers"),
    ("LIMIT = 3", "LIMIT = 4", "behaviour", "surface-constant-value", None),
    (OVERLOAD, OVERLOAD + "\n\n    @overload\n    def fetch(self, key: bytes) -> bytes: ...", "compatible",
     "surface-overloads", None),
    (OVERLOAD, "", "breaking", "surface-overloads", "callers"),
    ('"make", ', "", "breaking", "surface-function-removed", "callers"),
    ("class Client:", "class Client(Exception):", "compatible", "surface-class-bases", None),
]


def mini(tmp_path: Path, name: str, source: str) -> Path:
    package = tmp_path / name / "mini"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text(source)
    return package


@pytest.mark.parametrize(("before", "after", "impact", "kind", "breaks"), MINI_CASES)
def test_each_change_of_a_signature_or_type(before: str, after: str, impact: str, kind: str, breaks: str | None,
                                            tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert before in MINI
    old, new = mini(tmp_path, "old", MINI), mini(tmp_path, "new", MINI.replace(before, after, 1))
    result, _ = report(old, new, capsys)
    assert kinds(result) == [(impact, kind, breaks)], result


def test_the_same_type_written_differently_is_no_change(tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    old = mini(tmp_path, "old", MINI)
    new = mini(tmp_path, "new", MINI.replace("size: Optional[int] = None", "size: Union[None, int] = None")
               .replace("-> Shape:\n        return shape", "-> 'Shape':\n        return shape")
               .replace('Color = Literal["red", "green"]', 'Color = Literal["green", "red"]'))
    assert report(old, new, capsys)[0]["changes"] == []


def test_a_new_event_class_is_compatible_but_needs_a_branch(tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    old = mini(tmp_path, "old", MINI)
    new = mini(tmp_path, "new", MINI.replace("Union[Delta, Done]", "Union[Delta, Done, Failed]").replace(
        "class Client:", 'class Failed(BaseModel):\n    type: Literal["failed"]\n\n\nclass Client:').replace(
        '"Delta"]', '"Delta", "Failed"]'))
    result, _ = report(old, new, capsys)
    assert kinds(result) == [("compatible", "surface-class-added", None), ("compatible", "surface-alias-type", None)]
    assert EXHAUSTIVE in result["changes"][1]["message"] and result["bump"] == "minor"


def test_a_new_value_a_field_may_hold_needs_a_branch(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old = mini(tmp_path, "old", MINI)
    new = mini(tmp_path, "new", MINI.replace("    color: Color\n", '    color: Literal["red", "green", "blue"]\n'))
    (change,) = report(old, new, capsys)[0]["changes"]
    assert change["python"] == "Shape.color" and EXHAUSTIVE in change["message"] and '"blue"' in change["message"]


def test_what_cannot_be_decided_counts_as_breaking_and_says_so(tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    old = mini(tmp_path, "old", MINI)
    new = mini(tmp_path, "new", MINI.replace("    color: Color\n", "    color: Sequence[str]\n"))
    (change,) = report(old, new, capsys)[0]["changes"]
    assert (change["impact"], change["breaks"]) == ("breaking", "readers")
    assert "cannot tell" in change["message"] and "Sequence[str]" in change["message"]


def test_arguments_that_swap_places_break_positional_calls(tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    old = mini(tmp_path, "old", MINI)
    new = mini(tmp_path, "new", MINI.replace('shape: Shape, color: Color = "red"', 'color: Color, shape: Shape'))
    result, _ = report(old, new, capsys)
    assert ("breaking", "surface-param-position", "callers") in kinds(result)
    assert ("breaking", "surface-param-required", "callers") in kinds(result)  # color lost its default


def test_the_version_comes_from_the_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old, new = mini(tmp_path, "old", MINI), mini(tmp_path, "new", MINI.replace("LIMIT = 3", "LIMIT = 4"))
    assert report(old, new, capsys)[0]["next_version"] == "0.1.0"  # nothing says: 0.0.0
    (old / "_version.py").write_text('__version__ = "2.3.4"\n')
    assert report(old, new, capsys)[0]["next_version"] == "2.4.0"
    (old.parent / "pyproject.toml").write_text('[project]\nname = "mini"\nversion = "5.0.0"\n')
    assert report(old.parent, new.parent, capsys)[0]["next_version"] == "5.1.0"


# ---- the command line, and git ----


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "generator", "diff", *args], capture_output=True, text=True,
                          cwd=ROOT)


def test_the_command_line(copies: tuple[Path, Path]) -> None:
    old, new = copies
    same = cli(str(old), str(new), "--format", "json")
    assert same.returncode == 0 and json.loads(same.stdout)["bump"] == "none"
    sync, asynchronous = client_twins(read_surface(new))
    method, param = optional_keyword(sync)
    edit_methods(find_package(new), [sync.path.rsplit(".", 1)[1], asynchronous.path.rsplit(".", 1)[1]], method,
                 remove_param(param))
    broken = cli(str(old), str(new), "--fail-on", "breaking")
    assert broken.returncode == 1 and "Breaking for callers" in broken.stdout


def test_a_folder_and_a_spec_do_not_mix(copies: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    old, _ = copies
    mixed = cli(str(old), str(SPEC))
    assert mixed.returncode == 2 and "both must be folders" in mixed.stderr and mixed.stdout == ""
    with pytest.raises(UsageError, match="both must be folders"):
        run_diff(str(SPEC), str(old), Options())


def test_a_folder_without_a_package_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    with pytest.raises(UsageError, match="no Python package"):
        run_diff(str(tmp_path / "a"), str(tmp_path / "b"), Options())


def test_a_folder_at_a_commit(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)  # git reads REF:PATH from the repository the command runs in
    package = find_package(GENERATED).name
    listed = subprocess.run(["git", "ls-tree", "-d", "HEAD", f"generated/{package}"], capture_output=True,
                            text=True)
    if listed.returncode != 0 or not listed.stdout.strip():
        pytest.skip("no generated/ in this checkout's HEAD")
    result, status = report("git:HEAD:generated", f"git:HEAD:generated/{package}", capsys)
    assert result["changes"] == [] and status == 0
    with pytest.raises(UsageError, match="both must be folders"):
        run_diff("git:HEAD:generated", "git:HEAD:spec/openapi.yaml", Options())


# ---- agreeing with the spec diff ----


def test_the_surface_diff_agrees_with_the_spec_diff(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    document = yaml.safe_load(SPEC.read_text())
    grown = copy.deepcopy(document)
    schemas = grown["components"]["schemas"]
    name = next(n for n in sorted(schemas) if n.endswith("Request") and "properties" in schemas[n])
    assert "seed" not in schemas[name]["properties"]
    schemas[name]["properties"]["seed"] = {"type": "integer"}
    folders = []
    for label, spec in (("old", document), ("new", grown)):
        path = tmp_path / label / "openapi.yaml"
        path.parent.mkdir()
        path.write_text(yaml.safe_dump(spec, sort_keys=False))
        out = tmp_path / label / "out"
        for rel, data in generate_files(path).items():
            (out / rel).parent.mkdir(parents=True, exist_ok=True)
            (out / rel).write_bytes(data)
        folders.append(out)
    surface, _ = report(folders[0], folders[1], capsys)
    assert kinds(surface) == [("compatible", "surface-param-added", None)] and surface["bump"] == "minor"
    assert "(and its async twin)" in surface["changes"][0]["message"]
    specs, _ = report(tmp_path / "old" / "openapi.yaml", tmp_path / "new" / "openapi.yaml", capsys)
    assert [(c["impact"], c["kind"]) for c in specs["changes"] if c["impact"] != "docs"] == [
        ("compatible", "param-added")]
    assert specs["bump"] == surface["bump"]
    spec_change = next(c for c in specs["changes"] if c["kind"] == "param-added")
    assert surface["changes"][0]["python"] == spec_change["python"]
