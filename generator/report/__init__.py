"""The change report (`python -m generator diff`): what a spec change means for Python users.

It reads two IRs, the names and types users really see, never the YAML: `compare.py` finds the
changes and classifies each from the user's side, `fits.py` decides whether one type takes every
value of another, `formats.py` writes text, markdown or JSON, `command.py` is the command.
"""
