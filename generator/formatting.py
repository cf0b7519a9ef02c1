"""Format generated Python with black, through its API (no subprocess)."""

from __future__ import annotations

from .errors import GeneratorBug

LINE_LENGTH = 120


def format_python(path: str, source: str, spec_name: str) -> str:
    import black

    mode = black.Mode(line_length=LINE_LENGTH, target_versions={black.TargetVersion.PY310})
    try:
        formatted = black.format_str(source, mode=mode)
        compile(formatted, path, "exec")  # black parses; only compiling finds e.g. duplicate arguments
    except Exception as exc:
        message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise GeneratorBug(f"generated {path} from {spec_name} is not valid Python ({message})") from exc
    return formatted
