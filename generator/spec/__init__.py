"""Stage 1, the spec: read it with line numbers, resolve `$ref`s, and check it (located prechecks,
then its structure), with warnings for what leaves it usable."""
