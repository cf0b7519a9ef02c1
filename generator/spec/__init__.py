"""Stage 1, the spec: read it with line numbers, resolve `$ref`s, and check it (our own located
prechecks, then openapi-spec-validator)."""
