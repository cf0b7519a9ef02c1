"""Format generated Python with black, through its API (no subprocess)."""

from __future__ import annotations

from ..errors import GeneratorBug
from .cache import ContentCache, tool_version

LINE_LENGTH = 120


def format_python(path: str, source: str, spec_name: str, cache: ContentCache | None = None) -> str:
    key = cache.key("black", tool_version("black"), str(LINE_LENGTH), source) if cache else ""
    if cache and (hit := cache.get("black", key)) is not None:
        return hit.decode("utf-8")
    formatted = _format(path, source, spec_name)
    if cache:
        cache.put("black", key, formatted.encode("utf-8"))
    return formatted


def black_format(source: str) -> str:
    """`source` as black writes it, with the generated package's settings."""
    import black

    return black.format_str(source, mode=black.Mode(line_length=LINE_LENGTH,
                                                    target_versions={black.TargetVersion.PY310}))


def _format(path: str, source: str, spec_name: str) -> str:
    try:
        formatted = black_format(source)
        compile(formatted, path, "exec")  # black parses; only compiling finds e.g. duplicate arguments
    except Exception as exc:
        message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise GeneratorBug(f"generated {path} from {spec_name} is not valid Python ({message})") from exc
    return formatted
