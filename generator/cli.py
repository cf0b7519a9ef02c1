"""Command line: `python -m generator generate|check ...`.

Exit codes: 0 success (or up to date), 1 a spec problem or stale output, 2 bad usage.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Sequence

from .errors import GeneratorBug, OutputError, SpecError
from .options import DEFAULT_PACKAGE, Options

DEFAULT_SPEC = "spec/openapi.yaml"
DEFAULT_OUT = "generated"
MAX_DIFF_LINES = 40


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(
        prog="python -m generator",
        description="Generate a typed Python client for the images API from an OpenAPI 3.x spec.",
    )
    commands = root.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name, text in (
        ("generate", "render the client into the output folder (only changed files are rewritten)"),
        ("check", "exit 1 with a short diff if the output folder is not what the spec generates"),
    ):
        sub = commands.add_parser(name, help=text, description=text)
        sub.add_argument("--spec", default=DEFAULT_SPEC, type=Path, help=f"OpenAPI spec (default: {DEFAULT_SPEC})")
        sub.add_argument("--out", default=DEFAULT_OUT, type=Path, help=f"output folder (default: {DEFAULT_OUT})")
        sub.add_argument("--package", default=DEFAULT_PACKAGE,
                         help=f"Python package name (default: {DEFAULT_PACKAGE})" if name == "generate" else
                         "package name the output was made with")
        sub.add_argument("--client-name", metavar="NAME",
                         help="the client class (default: the spec's info.x-python-client-name, else ImagesClient)")
        sub.add_argument("--env-prefix", metavar="PREFIX",
                         help="environment variables PREFIX_API_KEY, PREFIX_BASE_URL... (default: the spec's "
                              "info.x-python-env-prefix, else OPENAI)")
    return root


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)  # exits 2 with usage on bad arguments
    try:
        options = Options(package=args.package, client_name=args.client_name, env_prefix=args.env_prefix)
        if args.command == "generate":
            return _generate(args.spec, args.out, options)
        return _check(args.spec, args.out, options)
    except SpecError as exc:
        count = len(exc.problems)
        print(f"error: the spec has {count} problem{'s' if count != 1 else ''}; nothing was written", file=sys.stderr)
        for problem in exc.problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    except OutputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except GeneratorBug as exc:
        print(f"internal error (a generator bug; please report it with the spec): {exc}", file=sys.stderr)
        print("nothing was written", file=sys.stderr)
        return 1
    except RecursionError:
        print("internal error (a generator bug; please report it with the spec): the spec nests more deeply "
              "than the generator can follow; nothing was written", file=sys.stderr)
        return 1
    except Exception as exc:  # a bug of ours: say so plainly; the traceback is there when asked for
        if os.environ.get("GENERATOR_TRACEBACK"):
            raise
        print(f"internal error (a generator bug; please report it with the spec): {type(exc).__name__}: {exc}",
              file=sys.stderr)
        print("nothing was written (set GENERATOR_TRACEBACK=1 to see where it happened)", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted; the output folder was not changed", file=sys.stderr)
        return 130


def _generate(spec: Path, out: Path, options: Options) -> int:
    from .output import stamp
    from .spec.spec_name import display_name

    try:
        inputs = stamp.fingerprint(spec, display_name(spec), repr(options))
    except OSError:
        inputs = ""  # an unreadable spec: the full path reports it properly
    if inputs and stamp.is_up_to_date(out, inputs):
        print(f"{out}: up to date")
        return 0

    from .output.cache import ContentCache
    from .output.writing import write_tree
    from .pipeline import generate_files

    files = generate_files(spec, options, ContentCache(stamp.cache_root(out)))
    changes = write_tree(out, files)
    if inputs:
        stamp.save(out, inputs, files)
    if not changes:
        print(f"{out}: up to date")
    else:
        print(f"{out}: {len(changes.written)} written, {len(changes.removed)} removed")
        for rel in changes.written:
            print(f"  wrote   {rel}")
        for rel in changes.removed:
            print(f"  removed {rel}")
    return 0


def _check(spec: Path, out: Path, options: Options) -> int:
    import difflib

    from .output.writing import existing_files, is_generated
    from .pipeline import generate_files

    expected = generate_files(spec, options)
    actual = {rel: data for rel, data in existing_files(out).items() if is_generated(data) or rel in expected}
    stale = sorted(set(expected) | set(actual))
    stale = [rel for rel in stale if expected.get(rel) != actual.get(rel)]
    if not stale:
        print(f"{out}: up to date with {spec}")
        return 0
    print(f"{out} is stale: {len(stale)} file{'s' if len(stale) != 1 else ''} differ from what {spec} generates.")
    for rel in stale:
        old = actual.get(rel, b"").decode("utf-8", "replace").splitlines()
        new = expected.get(rel, b"").decode("utf-8", "replace").splitlines()
        status = "missing" if rel not in actual else "extra" if rel not in expected else "differs"
        print(f"\n{rel}: {status}")
        diff = list(difflib.unified_diff(old, new, f"{out}/{rel}", f"expected/{rel}", n=1, lineterm=""))
        for line in diff[:MAX_DIFF_LINES]:
            print(f"  {line}")
        if len(diff) > MAX_DIFF_LINES:
            print(f"  ... {len(diff) - MAX_DIFF_LINES} more diff lines")
    print("\nFix: run `make generate` and commit the result.")
    return 1
