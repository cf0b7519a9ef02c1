"""One black pass is enough: what we write is a fixed point of black's own `format_str`.

The generator calls black's single pass (`_format_str_once`) to save the second, which black
runs only to settle rare layouts that change again (magic trailing commas meeting optional
parentheses). If one of our modules were such a case, black run by a user on the vendored
package would rewrite it; these tests say which file. The whole upstream output is checked in
tests/test_whole_upstream.py.
"""

from __future__ import annotations

from pathlib import Path

import black
import pytest

from generator.black_style import LINE_LENGTH

from .conftest import FIXTURES, GENERATED

MODE = black.Mode(line_length=LINE_LENGTH, target_versions={black.TargetVersion.PY310})
MODULES = sorted([*GENERATED.rglob("*.py"), *(FIXTURES / "expected").rglob("*.py")])


def unstable(path: Path) -> bool:
    source = path.read_text(encoding="utf-8")
    return black.format_str(source, mode=MODE) != source


def test_there_are_modules_to_check() -> None:
    assert len(MODULES) > 30


@pytest.mark.parametrize("folder", ["generated", "expected"])
def test_black_leaves_every_module_as_it_is(folder: str) -> None:
    modules = [p for p in MODULES if folder in p.parts]
    assert [str(p) for p in modules if unstable(p)] == []


@pytest.mark.parametrize("twins", [None, {"AsyncThings": "Things"}])
def test_a_module_black_takes_but_python_refuses_is_a_generator_bug(twins: dict[str, str] | None) -> None:
    """Black parses a function with two parameters of one name; only compiling refuses it. With
    sync twins the module is compiled from the tree parsed before formatting: the same program."""
    from generator.errors import GeneratorBug
    from generator.output.formatting import format_checked

    source = ("class AsyncThings:\n    async def get(self, a: int, a: int) -> None:\n        await self.x()\n\n\n"
              "class Things:\n    def get(self, a: int, a: int) -> None:\n        self.x()\n")
    with pytest.raises(GeneratorBug, match=r"things\.py from spec is not valid Python \(duplicate argument 'a'"):
        format_checked("pkg/things.py", source, "spec", twins)
    assert format_checked("pkg/things.py", source.replace("a: int, a: int", "a: int"), "spec", twins) == \
        black.format_str(source.replace("a: int, a: int", "a: int"), mode=MODE)
