"""The runtime every generated client shares: static Python, copied into each package as it is
(only the first line, the header, is replaced), so ruff, mypy and tests run on it here.

This file only makes the folder a package for those tools; it is not copied. Modules with a
sync and an async half hold the async code once and its sync twin between markers, derived by
`python -m generator.render.unasync --write` (`make twins`); `make check` fails when a twin is stale.
"""
