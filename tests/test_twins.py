"""Sync twins laid out by proof (generator/output/twins.py), with black itself as the oracle.

Whatever the proof keeps, the module must come out as black makes it, byte for byte: on every
resource module of real specs, on the whole upstream OpenAI file (slow), and on modules
hypothesis builds around black's line limit, where a line too long in the async class fits in
its shorter sync twin (the case the proof must refuse).
"""

from __future__ import annotations

from pathlib import Path
from typing import Dict, List

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.black_style import LINE_LENGTH, black_format
from generator.output import twins
from generator.render.package import RenderedFile
from generator.render.tokens import token_texts
from generator.render.unasync import to_sync
from tests.conftest import FIXTURES, Counting, modules_to_format, property_settings

ROOT = Path(__file__).resolve().parent.parent
REALWORLD = ROOT / "tests" / "realworld" / "specs"
UPSTREAM = ROOT.parent / "shared" / "reference" / "openai-openapi.full.yaml"


def twinned_modules(spec: Path) -> List[RenderedFile]:
    return [r for r in modules_to_format(spec) if r.twins]


def check_against_black(modules: List[RenderedFile]) -> Dict[str, int]:
    """Every module formatted both ways must be the same bytes; returns what black was given."""
    given_to_black = {"whole": 0, "twins": 0}
    for module in modules:
        assert module.twins is not None
        counting = Counting()
        assert twins.format_with_twins(module.text, module.twins, counting, LINE_LENGTH) == black_format(
            module.text), module.path
        given_to_black["whole"] += len(module.text)
        given_to_black["twins"] += counting.characters
    return given_to_black


@pytest.mark.parametrize("spec", [REALWORLD / "twilio-verify-v2.json", REALWORLD / "apideck-ats.json",
                                  FIXTURES / "specs" / "pages.yaml", FIXTURES / "specs" / "sse.yaml",
                                  ROOT / "spec" / "openapi.yaml"], ids=lambda p: p.stem)
def test_resource_modules_come_out_as_black_makes_them(spec: Path) -> None:
    if not spec.exists():
        pytest.skip(f"{spec} is not in this checkout")
    modules = twinned_modules(spec)
    assert modules, "no module with sync twins"
    check_against_black(modules)


def test_most_of_a_sync_class_is_not_given_to_black() -> None:
    """The point of it: on a real spec, black sees well under the whole of each module."""
    given_to_black = check_against_black(twinned_modules(REALWORLD / "twilio-verify-v2.json"))
    assert given_to_black["twins"] < 0.7 * given_to_black["whole"], given_to_black


@pytest.mark.slow
def test_every_module_of_the_whole_upstream_file_comes_out_as_black_makes_it() -> None:
    if not UPSTREAM.exists():
        pytest.skip(f"{UPSTREAM} is missing: ../shared holds the upstream spec")
    check_against_black(twinned_modules(UPSTREAM))


# ---- the proof's conditions, one by one ----

def test_brackets_split_with_a_trailing_comma_stay_split_whatever_the_length() -> None:
    tokens = token_texts
    assert twins._brackets_magic(tokens("f(\n    a,\n    b,\n)"))
    assert twins._brackets_magic(tokens("f(\n    a,\n)"))  # a call's one argument: the comma is magic
    assert not twins._brackets_magic(tokens("f(\n    a, b\n)"))  # black split it for its length
    assert not twins._brackets_magic(tokens("x[\n    a,\n]"))  # a one-element subscript: not magic
    assert twins._brackets_magic(tokens("x = [\n    a,\n]"))  # a one-element list: magic
    assert twins._brackets_magic(tokens("from x import (\n    a,\n)"))  # an import's one name: magic
    assert twins._brackets_magic(tokens("f(\n    {\n        a: b,\n    },\n)"))  # a one-item dict: magic
    assert not twins._brackets_magic(tokens("return (\n    a,\n)"))  # a one-tuple: not magic
    assert twins._brackets_magic(tokens("x = [\n    a,\n    b,\n]"))
    assert twins._brackets_magic(tokens('f("(", x)'))  # brackets inside strings do not count
    assert twins._brackets_magic(tokens("f(a)  # (\n"))  # nor inside comments


def test_a_bracket_split_for_its_length_is_kept_only_inside_an_unchanged_element() -> None:
    member = "f(\n    c: (\n        Union[A, B] | None\n    ) = None,\n    d: int = 0,\n)"
    assert not twins._brackets_magic(token_texts(member))  # nothing known to be unchanged
    assert twins._brackets_magic(token_texts(member), {1, 2, 3})  # the lines of its element, `c: (...) = None,`
    assert not twins._brackets_magic(token_texts(member), {1, 3})  # a line of it changed
    assert not twins._brackets_magic(token_texts("x = (\n    a\n)"), {0, 1, 2})  # in no magic bracket
    last = "f(\n    d: int,\n    c: (\n        Union[A, B] | None\n    ) = None\n)"  # no comma after it
    assert not twins._brackets_magic(token_texts(last), {0, 1, 2, 3, 4, 5})


def test_a_changed_long_line_or_multiline_string_is_left_to_black() -> None:
    long_async = ["    x = " + "AsyncThing" + "a" * LINE_LENGTH]
    assert not twins._stable_when_shorter(long_async, ["    x = Thing" + "a" * LINE_LENGTH], LINE_LENGTH)
    doc = ['    """One line about AsyncThing.', "", '    More."""']
    assert not twins._stable_when_shorter(doc, ['    """One line about Thing.', "", '    More."""'], LINE_LENGTH)
    assert twins._stable_when_shorter(doc, doc, LINE_LENGTH)  # unchanged: nothing to prove


# ---- hypothesis: modules built around black's limit ----

RENAMES = {"AsyncWidgets": "Widgets"}

_words = st.sampled_from(["the", "AsyncWidgets", "AsyncStream", "await", "widget", "a" * 30, "list", "async"])


@st.composite
def methods(draw: st.DrawFn) -> str:
    name = draw(st.sampled_from(["create", "list_all", "retrieve_one_widget_by_its_identifier"]))
    width = draw(st.integers(20, 110))  # an annotation's length: around the limit once indented
    annotation = "AsyncStream[" + "W" * width + "]"
    exploded = draw(st.booleans())
    magic = draw(st.booleans())
    arguments = ["self", "*", f"a: {annotation}", "b: int = 0"]
    # a long annotation black puts in parentheses (not a magic bracket: split for its length), which
    # the sync twin keeps only where it did not change (a renamed name inside it changes it)
    long_type = draw(st.sampled_from(["", f"Union[{'L' * width}, Mapping[str, object]]",
                                      f"Union[AsyncWidgets, int, {'L' * width}]",
                                      f"Union[AsyncWidgets, {'L' * width}]"]))
    if long_type:
        arguments.insert(3, f"c: (\n            {long_type} | None\n        ) = None" if draw(st.booleans())
                         else f"c: {long_type} | None = None")
    if exploded:
        signature = "(\n" + "".join(f"        {a},\n" for a in arguments[:-1]) + f"        {arguments[-1]}" + (
            ",\n" if magic else "\n") + "    )"
    else:
        signature = "(" + ", ".join(arguments) + ")"
    docstring = " ".join(draw(st.lists(_words, min_size=1, max_size=30)))
    if draw(st.booleans()):
        docstring += "\n\n        " + " ".join(draw(st.lists(_words, min_size=1, max_size=20)))
    call_arguments = draw(st.lists(st.sampled_from(["a", "b", "AsyncWidgets", "x" * 40, "[a, b]", "[a]",
                                                    '{"k": AsyncWidgets}', "(a,)", "t[a]"]),
                                   min_size=1, max_size=6))
    split_call = draw(st.booleans())
    if split_call:
        call = "(\n" + "".join(f"            {a},\n" for a in call_arguments) + "        )"
    else:
        call = "(" + ", ".join(call_arguments) + ")"
    returns = draw(st.sampled_from(["AsyncStream[int]", annotation, "None"]))
    comment = draw(st.sampled_from(["", "  # AsyncWidgets " + "c" * draw(st.integers(0, 60))]))
    imported = ", ".join(draw(st.lists(st.sampled_from(["AsyncWidgets", "Model" + "M" * width, "Other"]),
                                       min_size=0, max_size=3, unique=True)))
    lazy = f"        from ..types import {imported}  # load on first use\n\n" if imported else ""
    return (f"    async def {name}{signature} -> {returns}:\n"
            f'        """{docstring}"""\n'
            f"{lazy}"
            f"        return await self._request{call}{comment}\n")


@st.composite
def modules(draw: st.DrawFn) -> str:
    body = "\n".join(draw(st.lists(methods(), min_size=1, max_size=4)))
    async_class = f'class AsyncWidgets:\n    """Widgets, the AsyncWidgets way."""\n\n{body}'
    if draw(st.booleans()):  # as black lays it out: the shapes it leaves alone, where the proof is needed
        async_class = black_format(async_class).rstrip("\n")
    sync_class = to_sync(async_class, RENAMES)
    return f'"""A module."""\n\nfrom x import AsyncStream\n\n\n{sync_class}\n\n{async_class}'


@property_settings(ci_examples=150)
@given(modules())
def test_any_module_comes_out_as_black_makes_it(source: str) -> None:
    assert twins.format_with_twins(source, RENAMES, black_format, LINE_LENGTH) == black_format(source)


def test_a_comment_before_a_class_is_never_cut_off() -> None:
    """Cuts come only where blank lines alone separate a class from what precedes it (`cuts.py`):
    a comment above a class stays with it, as black places it."""
    async_class = ('class AsyncWidgets:\n    """Widgets."""\n\n'
                   "    async def get(self) -> None:\n        await self.x()\n")
    source = ('"""A module."""\n\n\n# the sync widgets\nclass Widgets:\n    """Widgets."""\n\n'
              "    def get(self) -> None:\n        self.x()\n\n\n# the async ones\n" + async_class)
    assert twins.format_with_twins(source, RENAMES, black_format, LINE_LENGTH) == black_format(source)


@given(st.text(alphabet="ab_1 ()[]{},:=#'\"\\\nfr", max_size=80))
@property_settings(ci_examples=300)
def test_token_texts_are_the_named_tokens_texts(source: str) -> None:
    """The twins read tokens as plain texts, the import pruner as named kinds: one tokenizer."""
    from generator.render.tokens import TOKEN

    assert token_texts(source) == [match.group() for match in TOKEN.finditer(source)]
