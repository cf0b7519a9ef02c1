"""images-sdk-generator: OpenAPI spec → IR → Jinja templates → black → a typed Python client.

The pipeline, one package per stage: `spec/` (load, resolve, check) → `ir/` (build the IR:
every Python type and name) → `render/` (templates, models) → `output/` (black, atomic
write). `pipeline.py` runs them in order; `python -m generator --help` is the command line.
"""

__version__ = "0.1.0"
