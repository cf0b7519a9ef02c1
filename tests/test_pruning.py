"""Black given less to read (generator/output/pruning.py), with black itself as the oracle.

Whatever is pruned, the result must be black's bytes for the whole module: on every module the
generator formats for real specs, on real Python files of installed packages (code nobody wrote
for this test), and on modules hypothesis builds from element lines and fields spelled black's
way and other ways, around the line limit, with comments, blank lines and one-element brackets.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path
from typing import List

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from generator.black_style import LINE_LENGTH, black_format
from generator.output import pruning
from generator.output.pruning import black_pruned, pruning_plan
from generator.output.spelling import canonical
from tests.conftest import FIXTURES, Counting, modules_to_format, property_settings

ROOT = Path(__file__).resolve().parent.parent
REALWORLD = ROOT / "tests" / "realworld" / "specs"


@pytest.mark.parametrize("spec", [REALWORLD / "twilio-verify-v2.json", REALWORLD / "aws-health.json",
                                  REALWORLD / "apideck-ats.json", FIXTURES / "specs" / "pages.yaml",
                                  ROOT / "spec" / "openapi.yaml"], ids=lambda p: p.stem)
def test_every_generated_module_comes_out_as_black_makes_it(spec: Path) -> None:
    for module in modules_to_format(spec):
        assert black_pruned(module.text, black_format, LINE_LENGTH) == black_format(module.text), module.path


def test_the_formatter_composes_twins_and_pruning_into_black_s_bytes() -> None:
    """What a generation runs: each module through `format_checked` (the sync twins by proof, black
    given each piece pruned) is black's layout of the whole module."""
    from generator.output.formatting import format_checked

    modules = modules_to_format(REALWORLD / "twilio-verify-v2.json") + modules_to_format(ROOT / "spec" / "openapi.yaml")
    for module in modules:
        assert format_checked(module.path, module.text, "spec", module.twins) == black_format(module.text), module.path


def test_black_reads_much_less_of_a_real_spec() -> None:
    """The point of it: on a real spec's resources and models, black is given well under the whole."""
    whole = given = 0
    for module in modules_to_format(REALWORLD / "twilio-verify-v2.json"):
        counting = Counting()
        black_pruned(module.text, counting, LINE_LENGTH)
        whole += len(module.text)
        given += counting.characters
    assert given < 0.75 * whole, (given, whole)


def _installed_python_files() -> List[Path]:
    """Python files nobody wrote for this test: installed packages', a fixed sample."""
    site = Path(ast.__file__).parent  # the standard library
    packages = [Path(p) for p in sys.path if p.endswith("site-packages")]
    chosen: List[Path] = []
    for root, names in [(site, ["json", "email", "asyncio", "concurrent", "http"])] + [
            (p, ["httpx", "pydantic", "jinja2", "hypothesis", "black", "datamodel_code_generator"]) for p in packages]:
        for name in names:
            chosen += sorted((root / name).glob("*.py"))[:12]
    return [p for p in chosen if p.stat().st_size < 150_000]


def test_real_python_files_come_out_as_black_makes_them() -> None:
    files = _installed_python_files()
    assert len(files) > 40, "too few installed files to compare with"
    pruned_some = 0
    for path in files:
        source = path.read_text(encoding="utf-8")
        try:
            expected = black_format(source)
        except Exception:  # noqa: BLE001 - a file black itself refuses (target versions): not a case here
            continue
        pruned_some += bool(pruning_plan(source, LINE_LENGTH))
        assert black_pruned(source, black_format, LINE_LENGTH) == expected, path
    assert pruned_some > 10, "the sample never exercised pruning"


# ---- black's spelling, for the small grammar ----

@pytest.mark.parametrize("text", ['name: int | NotGiven = NOT_GIVEN', '"Key": value', 'method="post"',
                                  'path="/v2/" + path_param("sid", sid)', "await self._client.request(_)",
                                  "x=-1", 'Literal["a", "b"]', "Dict[str, Any]", "{_}", '{"a": 1, b: c}',
                                  "f()", "[a, b]", "x.y.z(w=1)", "self", "3.5"])
def test_black_spelled_elements_are_read_as_they_are(text: str) -> None:
    assert canonical(text) == text


@pytest.mark.parametrize("text, reason", [
    ("name : int", "a space before the colon"), ("name:int", "no space after it"),
    ("a = 1", "spaces around a keyword's ="), ("a: int=1", "none around a default's ="),
    ("f(a,)", "a magic trailing comma inside"), ("'single'", "black's quotes are double"),
    ('"a\\"b"', "an escape black may respell"), ("x[1:2]", "slices have rules of their own"),
    ("not x", "a keyword's spacing"), ("lambda: 0", "a lambda"), ("*args", "an unpacking"),
    ("0x1F", "a number black respells"), ("1e5", "an exponent"), ("a - b", "outside the grammar"),
    ("f(a)(b", "unbalanced"), ('"a" "b"', "strings joined"), ("a  |  b", "spaces black would remove"),
])
def test_other_spellings_are_not_read(text: str, reason: str) -> None:
    assert canonical(text) != text, reason


def test_the_middle_elements_go_and_the_first_and_last_are_stood_in_for() -> None:
    source = "x = f(\n    a,\n    b,\n    c,\n    d,\n)\n"
    plan = pruning_plan(source, LINE_LENGTH)
    assert sorted(plan) == [(1, 1, "    _,"), (2, 2, None), (3, 3, None), (4, 4, "    _,")]
    odd = pruning_plan("x = f(\n    a,\n    b = 1,\n    c,\n)\n", LINE_LENGTH)  # black would respell `b = 1`
    assert all(not change.first <= 2 <= change.last for change in odd)
    parameters = pruning_plan("def f(\n    self,\n    *,\n    a: int = 0,\n    b: str,\n    **k: int,\n) -> None:\n"
                              "    pass\n", LINE_LENGTH)
    assert sorted(plan_line for plan_line in parameters) == [(3, 3, "    a=_,"), (4, 4, None)]


def test_fields_dropped_from_a_class_black_changes_are_restored() -> None:
    """A model whose class line black changes: its fields between the first and last are kept."""
    fields = "".join(f'    f{i}: int = {i}\n    """Field {i}."""\n\n' for i in range(6))
    source = f"class M( Base ):\n{fields}    last: str = 'x'\n"
    assert pruning_plan(source, LINE_LENGTH)
    assert black_pruned(source, black_format, LINE_LENGTH) == black_format(source)


# ---- hypothesis: modules of exploded brackets and fields, spelled many ways ----

_values = st.sampled_from(["a", "b_long_name", '"text"', "'text'", "-1", "3", "None", "x.y", "f(a, b)", "f(a,)",
                           "g(k=1)", "await h(x)", "A | B", "A|B", "a + b", "a - b", "[a, b]", "{}", '{"k": v}',
                           "Literal['x']", "t[1:2]", "q" * 70, "lambda: 0", "not a", "(a)", "(a,)"])


@st.composite
def elements(draw: st.DrawFn, kind: str) -> str:
    value = draw(_values)
    if kind == "call":
        name = draw(st.sampled_from(["", "k=", "k = ", "long_keyword_" * draw(st.integers(1, 6)) + "="]))
        return name + value
    if kind == "dict":
        return draw(st.sampled_from(['"key": ', "'key': ", '"key" : ', "name: "])) + value
    if kind == "def":
        name = draw(st.sampled_from(["p", "q", "r", "s", "t", "u"]))
        return name + draw(st.sampled_from([": int", ":int", ": " + value + " | None"])) + " = " + value
    return value


@st.composite
def brackets(draw: st.DrawFn, depth: int = 1) -> str:
    kind = draw(st.sampled_from(["call", "dict", "list", "def"] if depth == 1 else ["call", "dict", "list"]))
    opening, closing = {"call": ("f(", ")"), "dict": ("{", "}"), "list": ("[", "]"), "def": ("(", ")")}[kind]
    indent = "    " * depth
    lines = []
    for index in range(draw(st.integers(1, 6))):
        if depth < 3 and kind != "def" and draw(st.integers(0, 5)) == 0:
            inner = draw(brackets(depth + 1))
            head = {"call": "k=", "dict": '"k": ', "list": ""}[kind]
            lines.append(indent + head + inner + ",")
        else:
            element = draw(elements(kind))
            if kind == "def":
                element = element.replace(element.split(":")[0].split(" ")[0], f"p{index}", 1)
            lines.append(indent + element + ",")
        if draw(st.integers(0, 12)) == 0:
            lines.append(draw(st.sampled_from(["", indent + "# a comment"])))
    if draw(st.integers(0, 6)) == 0:
        lines[-1] = lines[-1].rstrip(",")  # no magic comma: black may join the bracket
    closer = "    " * (depth - 1) + closing
    return opening + "\n" + "\n".join(lines) + "\n" + closer


@st.composite
def fields(draw: st.DrawFn) -> str:
    out = []
    for index in range(draw(st.integers(0, 8))):
        spelled = draw(st.sampled_from(["f{i}: int = 0", "f{i}: Optional[str] = None", "f{i}:int = 0",
                                        "f{i}: str", "f{i}: List[str] = Field(default_factory=list)"]))
        out.append("    " + spelled.format(i=index))
        if draw(st.booleans()):
            out.append(draw(st.sampled_from(['    """One line."""', '    """\n    Two\n    lines.\n    """',
                                             "    '''Single quotes.'''", '    """Trailing."""  '])))
        out += [""] * draw(st.sampled_from([0, 1, 1, 2]))
    return "\n".join(out)


@st.composite
def modules(draw: st.DrawFn) -> str:
    parts = ["import x\n"]
    for _ in range(draw(st.integers(1, 4))):
        shape = draw(st.sampled_from(["assign", "def", "class", "return"]))
        bracket = draw(brackets())
        if bracket.startswith("("):  # a definition's parameters
            parts.append(f"def g{len(parts)}{bracket} -> None:\n    pass\n")
        elif shape == "class":
            head = draw(st.sampled_from(["", "( object )", "(Base)"]))  # odd spacing: black changes the class
            first = draw(st.sampled_from([f"x = {bracket.replace(chr(10), chr(10) + '    ')}", "z: int = 0"]))
            parts.append(f"class C{len(parts)}{head}:\n    {first}\n" + draw(fields()) + "\n    y: int = 0\n")
        elif shape == "return":
            parts.append("def h():\n    return " + bracket.replace("\n", "\n    ") + "\n")
        else:
            parts.append("value = " + bracket + "\n")
    return "\n\n".join(parts)


@property_settings(ci_examples=200)
@given(modules())
def test_any_module_comes_out_as_black_makes_it(source: str) -> None:
    try:
        ast.parse(source)
    except SyntaxError:
        assume(False)
    assert black_pruned(source, black_format, LINE_LENGTH) == black_format(source)


def test_the_restore_keeps_statements_black_formats_again_in_order() -> None:
    """Two statements in a row black changes, with pruned lines in the module: both formatted
    again, in their places."""
    body = "".join(f"    a{i},\n" for i in range(5))
    source = f"x = f(\n{body})\ny=1\nz=2\nw = g(\n{body})\n"
    assert black_pruned(source, black_format, LINE_LENGTH) == black_format(source)
    assert pruning._UNPRUNABLE.search("x = 1  # fmt: skip")


_LONG_A, _LONG_B = "a" * 60, "b" * 60


@pytest.mark.parametrize("source", [
    # a line of spaces between fields: black empties it
    "class M:\n    a: int = 1\n\n    b: int = 2\n    \n    c: int = 3\n\n    d: int = 4\n",
    # `b: c` in a subscript is a slice, which black spells otherwise
    "x[\n    a,\n    b: c,\n    d,\n]\n", "x[\n    a,\n    b: c + 1,\n    d,\n]\n",
    'x[\n    a,\n    "k": v,\n    d,\n]\n',
    # escapes in a field's docstring: black respells them in every string
    "class M:\n" + "".join(f'    f{i}: int = {i}\n    """V \\xAB."""\n\n' for i in range(4)),
    # two statements on a line
    "x = f(\n    a0,\n    a1,\n    a2,\n    a3,\n); y = 1\n", "y=1; x = f(\n    a0,\n    a1,\n    a2,\n    a3,\n)\n",
    # a carriage return on the first line: black writes every line so
    "import os\r\nx = f(\n    a0,\n    a1,\n    a2,\n    a3,\n)\n",
    # a bracket black may split after, with this one in the line before the split
    f"x = foo(\n    {_LONG_A},\n    {_LONG_B},\n)(\n    c\n)(d)\n", f"x = foo(\n    {'a' * 115},\n)(\n    c\n)(d)\n",
    f'foo(\n    {_LONG_A},\n    {_LONG_B},\n) and {{\n    "k": c\n}} in [x]\n',
    f"x = foo(\n    {_LONG_A},\n    {_LONG_B},\n    c,\n)[\n    d\n](e)\n",
], ids=["spaces-line", "slice", "slice-expr", "slice-string", "escape", "semicolon-after", "semicolon-before", "crlf",
        "trailer", "trailer-one", "and-dict", "subscript-trailer"])
def test_a_reviewer_s_counterexamples_come_out_as_black_makes_them(source: str) -> None:
    """Inputs a review found where the pruned result was not black's: each is kept as a case."""
    assert black_pruned(source, black_format, LINE_LENGTH) == black_format(source)
