"""Black with the generated package's settings: what every step that formats or measures code uses
(the formatter, the sync twins' rules, the views that render black's own layout)."""

from __future__ import annotations

LINE_LENGTH = 120


def black_format(source: str) -> str:
    """`source` as black writes it, with the generated package's settings."""
    import black
    from black.mode import Mode, TargetVersion

    mode = Mode(line_length=LINE_LENGTH, target_versions={TargetVersion.PY310})
    once = getattr(black, "_format_str_once", None)  # black >= 23.1; else its two-pass format_str
    return str(once(source, mode=mode)) if once is not None else black.format_str(source, mode=mode)
