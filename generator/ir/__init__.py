"""Stage 2, the IR: what the spec means for Python users. Every schema becomes a Python type and
a name here (and only here); what renders the package and the change report reads the IR."""
