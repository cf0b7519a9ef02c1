# One command each: `make install` sets everything up on a fresh machine (Python deps in
# ./.venv, Steady via npm, then generates); `make test` runs every check CI runs.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STEADY := node_modules/.bin/steady
SPEC := spec/openapi.yaml
OUT := generated

.PHONY: install generate check twins diff changelog drift test test-fast lint typecheck mock bench clean

install: $(PY) $(STEADY)
	$(MAKE) generate

$(PY): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	# bytecode now, as pip writes it for a regular install (an editable one leaves it to the first
	# run, and a machine with PYTHONDONTWRITEBYTECODE would compile on every run: ~30 ms a no-op)
	$(PY) -m compileall -q generator
	touch $(PY)

$(STEADY): package.json
	npm install --no-audit --no-fund --loglevel=error
	touch $(STEADY)

generate: $(PY)
	$(PY) -m generator generate --spec $(SPEC) --out $(OUT)

check: $(PY)
	$(PY) -m generator check --spec $(SPEC) --out $(OUT)
	$(PY) -m generator.render.unasync --check

# What the working spec changes for Python users since the last commit, and the version it calls for.
diff: $(PY)
	$(PY) -m generator diff git:HEAD:$(SPEC) $(SPEC)

# The same report as a CHANGELOG.md entry, at the top, under the new version (SINCE=REF compares
# with the spec at another commit, a release tag say).
SINCE ?= HEAD
changelog: $(PY)
	$(PY) -m generator diff git:$(SINCE):$(SPEC) $(SPEC) --changelog CHANGELOG.md

# What the upstream OpenAI spec (../shared, the whole file, its Images operations selected) has
# that ours lacks or has otherwise, for Python users: a report, never a failure.
UPSTREAM ?= ../shared/reference/openai-openapi.full.yaml
drift: $(PY)
	$(PY) -m generator diff $(SPEC) $(UPSTREAM) --tag Images

# Rewrite the sync twins of the static runtime (templates/runtime/) from their async source.
twins: $(PY)
	$(PY) -m generator.render.unasync --write

# Golden files, the runtime suites (Steady and the scripted server), types, lint, staleness.
test: $(PY) $(STEADY)
	$(PY) -m pytest
	$(MAKE) typecheck lint check
	# the tools keep their caches outside the output a project vendors
	test -z "$$(find $(OUT) -name '.*_cache' | head -1)"

test-fast: $(PY)
	$(PY) -m pytest -m "not steady"

typecheck: $(PY)
	# 3.10 is the oldest Python the generated package declares; the static runtime is checked
	# where it is written, and again inside the package
	cd templates && ../$(PY) -m mypy --strict --python-version 3.10 --cache-dir ../.mypy_cache -p runtime
	cd $(OUT) && ../$(PY) -m mypy --strict --python-version 3.10 --cache-dir ../.mypy_cache images_client
	# what users see: overloads, Literals, raw responses (tests/typing/usage.py is checked, not run)
	cd $(OUT) && MYPYPATH=. ../$(PY) -m mypy --strict --python-version 3.10 --cache-dir ../.mypy_cache \
		../tests/typing/usage.py

lint: $(PY)
	$(PY) -m ruff check $(OUT)/images_client --config $(OUT)/pyproject.toml
	$(PY) -m ruff check generator tests templates/runtime
	$(PY) -m black --check --quiet --line-length 120 --target-version py310 templates/runtime

# Steady serving our spec on 127.0.0.1:4010, for trying the client by hand.
mock: $(STEADY)
	$(STEADY) --host 127.0.0.1 -p 4010 --validator-form-array-format=brackets $(SPEC)

# Speed targets beside openapi-python-client and the official package, each in its own venv.
bench: $(PY) .venv-bench/bin/python .venv-opc/bin/openapi-python-client
	$(PY) -m tests.bench

# The generated package's dependencies, not the package: the benchmark imports generated/ as it
# is now (PYTHONPATH), and installing from it would leave build folders inside it.
.venv-bench/bin/python: $(OUT)/pyproject.toml
	$(PYTHON) -m venv .venv-bench
	.venv-bench/bin/python -m pip install --quiet openai==3.51.0 'httpx>=0.23.0,<1' 'pydantic>=2.0,<3' \
		'typing_extensions>=4.7'
	touch $@

.venv-opc/bin/openapi-python-client:
	$(PYTHON) -m venv .venv-opc
	.venv-opc/bin/python -m pip install --quiet openapi-python-client==0.29.1
	touch $@

clean:
	rm -rf $(VENV) .venv-bench .venv-opc .cache node_modules .pytest_cache .mypy_cache .ruff_cache
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
