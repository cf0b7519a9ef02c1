"""Stage 3, rendering: the IR as text, through the Jinja templates in `templates/` and
datamodel-code-generator for the models."""
