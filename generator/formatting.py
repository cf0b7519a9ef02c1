"""Format generated Python with black, through its API (no subprocess)."""

from __future__ import annotations

from .errors import Problem, SpecError

LINE_LENGTH = 120


def format_python(path: str, source: str, spec_name: str) -> str:
    import black

    mode = black.Mode(line_length=LINE_LENGTH, target_versions={black.TargetVersion.PY310})
    try:
        return black.format_str(source, mode=mode)
    except Exception as exc:  # a generator bug or a spec value that made invalid code
        message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        problem = f"internal error: generated {path} is not valid Python ({message})"
        raise SpecError([Problem(spec_name, None, "", problem)]) from None
