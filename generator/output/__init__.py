"""Stage 4, output: format with black, and write the output folder atomically (with the
no-op stamp and the content cache that make regeneration cheap)."""
