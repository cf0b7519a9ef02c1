"""Problems found in a spec, each located by file, line and JSON pointer."""

from __future__ import annotations

from typing import NamedTuple


class Problem(NamedTuple):  # not a dataclass: the no-op path would import dataclasses (and inspect) for it
    """One thing wrong with a spec. `pointer` is a JSON pointer ("" for the root)."""

    file: str
    line: int | None
    pointer: str
    message: str

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        return f"{where}: {self.pointer or '/'}: {self.message}"


class SpecError(Exception):
    """The spec cannot be generated from. Carries every problem found, sorted."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted_problems(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def sorted_problems(problems: list[Problem]) -> list[Problem]:
    """Each problem once, in the order of the file (line, then pointer)."""
    return sorted(set(problems), key=lambda p: (p.line or 0, p.pointer, p.message))


class UsageError(Exception):
    """A command-line choice that does not fit the spec (a `--tag` no operation has)."""


class OutputError(Exception):
    """The output folder cannot be written safely (e.g. it holds files we did not make)."""


def pointer_join(pointer: str, *parts: str | int) -> str:
    """Extend a JSON pointer, escaping `~` and `/` in each part (RFC 6901)."""
    for part in parts:
        pointer += "/" + str(part).replace("~", "~0").replace("/", "~1")
    return pointer


def pointer_parts(pointer: str) -> list[str]:
    """Split a JSON pointer into unescaped parts."""
    if not pointer:
        return []
    return [p.replace("~1", "/").replace("~0", "~") for p in pointer.lstrip("/").split("/")]


class GeneratorBug(Exception):
    """The generator produced invalid code: a bug in the generator, not in the spec."""
