"""Where the generator finds its templates, in a checkout and once installed.

The templates live in the top-level `templates/` folder of the checkout (the product's layout);
a wheel carries the same files as `generator/templates` (see `pyproject.toml`). Either way the
bytes are the same, so generating from the checkout or from an installed generator gives the
same output.
"""

from __future__ import annotations

from pathlib import Path

GENERATOR = Path(__file__).resolve().parent
_INSTALLED = GENERATOR / "templates"
_CHECKOUT = GENERATOR.parent / "templates"
TEMPLATES = _INSTALLED if _INSTALLED.is_dir() else _CHECKOUT

# Compiled templates, kept beside the generator's own bytecode (and, like it, only a speed-up:
# each is checked against its template's text when read, and not written where that fails).
TEMPLATE_CACHE = GENERATOR / "__pycache__" / "jinja"
