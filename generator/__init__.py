"""images-sdk-generator: OpenAPI spec → IR → Jinja templates → black → a typed Python client.

Pipeline, one module per step: loading → validation → build (IR) → render (templates and
models) → formatting → writing. `python -m generator --help` is the command line.
"""

__version__ = "0.1.0"
DEFAULT_PACKAGE = "images_client"
