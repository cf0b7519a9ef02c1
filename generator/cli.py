"""Command line: `python -m generator generate|check|diff ...`.

Exit codes: 0 success (or up to date, or no change that fails `--fail-on`), 1 a spec problem,
stale output, or a change that fails `--fail-on`, 2 bad usage (argparse's, invalid names, a `--tag` or
`--path` that selects nothing).
"""

from __future__ import annotations

import argparse
import keyword
import os
import re
import sys
from pathlib import Path
from typing import Sequence

from . import __version__
from .config import ConfigError
from .errors import GeneratorBug, OutputError, Problem, SpecError, UsageError
from .options import DEFAULT_PACKAGE, Options, Selection

DEFAULT_SPEC = "spec/openapi.yaml"
DEFAULT_OUT = "generated"
MAX_DIFF_LINES = 40


def package_name(value: str) -> str:
    if not value.isidentifier() or keyword.iskeyword(value) or value.startswith("_") or not value.isascii():
        raise argparse.ArgumentTypeError(f"{value!r} is not an importable package name (like images_client)")
    return value


def client_name(value: str) -> str:
    if not (value.isascii() and value.isidentifier() and value[0].isupper() and not keyword.iskeyword(value)):
        raise argparse.ArgumentTypeError(f"{value!r} is not a class name (like ImagesClient)")
    return value


def env_prefix(value: str) -> str:
    if not re.fullmatch(r"[A-Z][A-Z0-9_]*", value):
        raise argparse.ArgumentTypeError(f"{value!r} is not an environment prefix (capitals, digits, _: OPENAI)")
    return value


def _output_options(sub: argparse.ArgumentParser, what: str) -> None:
    sub.add_argument("--package", type=package_name,
                     help=f"Python package name{what} (default: the configuration's, else {DEFAULT_PACKAGE})")
    sub.add_argument("--client-name", metavar="NAME", type=client_name,
                     help="the client class (default: the configuration's, else the spec's "
                          "info.x-python-client-name, else one from the spec's title: `OpenAI API` → OpenAIClient)")
    sub.add_argument("--env-prefix", metavar="PREFIX", type=env_prefix,
                     help="environment variables PREFIX_API_KEY, PREFIX_BASE_URL... (default: the configuration's, "
                          "else the spec's info.x-python-env-prefix, else one from the spec's title: "
                          "`GitHub v3 REST API` → GITHUB)")
    sub.add_argument("--config", metavar="FILE", type=Path,
                     help="the configuration file (TOML, or YAML): names, renames, pagination rules, the query "
                          "array format (default: [tool.images-sdk-generator] in ./pyproject.toml, if there is one)")
    sub.add_argument("--tag", action="append", default=[], metavar="TAG", dest="tags",
                     help="only the operations with this tag, and what they reach (repeatable)")
    sub.add_argument("--path", action="append", default=[], metavar="PATTERN", dest="paths",
                     help="only the operations of the paths matching PATTERN, where * is any run of characters "
                          "(repeatable; with --tag, the operations either selects)")


class _HelpFormatter(argparse.HelpFormatter):
    """argparse's own, told the terminal's width: finding it itself imports shutil on every run,
    for every argument (a few ms of a no-op `generate`)."""

    def __init__(self, prog: str) -> None:
        try:
            columns = int(os.environ.get("COLUMNS", "")) or os.get_terminal_size(sys.stdout.fileno()).columns
        except (ValueError, OSError):
            columns = 80
        super().__init__(prog, width=columns - 2)


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(
        prog="python -m generator", formatter_class=_HelpFormatter,
        description="Generate a typed Python client for the images API from an OpenAPI 3.x spec.",
    )
    root.add_argument("--version", action="version", version=f"images-sdk-generator {__version__}")
    commands = root.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name, text in (
        ("generate", "render the client into the output folder (only changed files are rewritten)"),
        ("check", "exit 1 with a short diff if the output folder is not what the spec generates"),
    ):
        sub = commands.add_parser(name, help=text, description=text, formatter_class=_HelpFormatter)
        sub.add_argument("--spec", default=DEFAULT_SPEC, type=Path, help=f"OpenAPI spec (default: {DEFAULT_SPEC})")
        sub.add_argument("--out", default=DEFAULT_OUT, type=Path, help=f"output folder (default: {DEFAULT_OUT})")
        _output_options(sub, "" if name == "generate" else " the output was made with")
        if name == "generate":
            sub.add_argument("--force", action="store_true",
                             help="overwrite generated files that were edited by hand since the last generate")
    diff = commands.add_parser(
        "diff", help="what changed between two specs for Python users, and whether it breaks them",
        formatter_class=_HelpFormatter,
        description="Compare what two specs give Python users (the generated names and types, not the YAML) "
                    "and classify each change: breaking for callers or readers, behaviour, compatible, docs.")
    diff.add_argument("old", help="the spec before: a file, or git:REF:PATH (git:HEAD:spec/openapi.yaml); or a "
                                  "generated package's folder, to compare two outputs (a generator upgrade)")
    diff.add_argument("new", help="the spec (or generated folder) after, the same way")
    diff.add_argument("--format", choices=("text", "markdown", "json"), default="text",
                      help="text (default, by impact), markdown (for a PR or CHANGELOG) or json (for CI)")
    diff.add_argument("--fail-on", choices=("breaking", "behaviour", "compatible", "docs"),
                      help="exit 1 if a change of this impact (or a worse one) is found")
    diff.add_argument("--changelog", metavar="FILE", type=Path,
                      help="also put the report at the top of this CHANGELOG (made if missing), under the new "
                           "version; an entry for that version already there is replaced")
    diff.add_argument("--verbose", action="store_true",
                      help="also list the places where the specs differ without a change for Python users")
    _output_options(diff, "")
    impact = commands.add_parser(
        "impact", help="what a spec change breaks in one downstream project's own code",
        formatter_class=_HelpFormatter,
        description="Run the change report between two specs against a project that uses the generated "
                    "package: the lines of its code that break or change meaning, each mapped to a change, "
                    "and whether the update is safe for it. Exit 1 when something in the project breaks.")
    impact.add_argument("old", help="the spec the project uses now: a file, or git:REF:PATH")
    impact.add_argument("new", help="the spec after, the same way")
    impact.add_argument("--project", required=True, type=Path, help="the downstream project's folder")
    impact.add_argument("--format", choices=("text", "json"), default="text", help="text (default) or json")
    _output_options(impact, "")
    return root


def main(argv: Sequence[str] | None = None) -> int:
    try:
        return _main(argv)
    except BrokenPipeError:  # `... | head` closed the pipe: stop quietly, without a traceback
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1


def _main(argv: Sequence[str] | None) -> int:
    args = parser().parse_args(argv)  # exits 2 with usage on bad arguments
    try:
        options = _options(args)
        if args.command == "generate":
            return _generate(args.spec, args.out, options, force=args.force)
        if args.command == "check":
            return _check(args.spec, args.out, options)
        if args.command == "impact":
            from .report.impact import run_impact

            return run_impact(args.old, args.new, args.project, options, output=args.format)
        from .report.command import run_diff

        return run_diff(args.old, args.new, options, output=args.format, fail_on=args.fail_on,
                        verbose=args.verbose, changelog=args.changelog)
    except ConfigError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except SpecError as exc:
        count = len(exc.problems)
        print(f"error: the spec has {count} problem{'s' if count != 1 else ''}; nothing was written", file=sys.stderr)
        for problem in exc.problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    except OutputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except UsageError as exc:
        print(f"python -m generator {args.command}: error: {exc}", file=sys.stderr)
        return 2
    except GeneratorBug as exc:
        print(f"internal error (a generator bug; please report it with the spec): {exc}", file=sys.stderr)
        print("nothing was written", file=sys.stderr)
        return 1
    except RecursionError:
        print("internal error (a generator bug; please report it with the spec): the spec nests more deeply "
              "than the generator can follow; nothing was written", file=sys.stderr)
        return 1
    except BrokenPipeError:
        raise
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


def _options(args: argparse.Namespace) -> Options:
    """The command line's choices, then the configuration file's, then the defaults."""
    from .config import Config, find_config, load_config

    found = find_config(args.config, Path.cwd())
    config = load_config(found) if found is not None else Config()
    return Options(package=args.package or config.package or DEFAULT_PACKAGE,
                   client_name=args.client_name or config.client_name,
                   env_prefix=args.env_prefix or config.env_prefix,
                   selection=Selection(tuple(args.tags), tuple(args.paths)), config=config)


def report_warnings(warnings: Sequence[Problem]) -> None:
    """What is wrong with the spec but leaves it usable: one located line each, on stderr."""
    if warnings:
        print(f"warning: the spec has {len(warnings)} thing{'s' if len(warnings) != 1 else ''} to fix "
              "(generation goes on):", file=sys.stderr)
        for warning in warnings:
            print(f"  {warning}", file=sys.stderr)


def _generate(spec: Path, out: Path, options: Options, *, force: bool = False) -> int:
    from .output import stamp
    from .output.writing import refuse_unsafe_output
    from .spec.spec_name import display_name

    current = refuse_unsafe_output(out)  # before anything is written, caches included
    try:
        inputs = stamp.fingerprint(spec, display_name(spec), repr(options))
    except OSError:
        inputs = ""  # an unreadable spec: the full path reports it properly
    if inputs and stamp.is_up_to_date(out, inputs, current):
        print(f"{out}: up to date")
        return 0

    from .parallel import Workers

    with Workers() as workers:  # before the heavy imports below: the workers warm up meanwhile
        from .output.cache import ContentCache
        from .pipeline import generate_files

        warnings: list[Problem] = []
        sources: list[str] = []
        files = generate_files(spec, options, ContentCache(stamp.cache_root(out)), warnings=warnings,
                               workers=workers, sources=sources)
    from .output.manifest import drift
    from .output.writing import write_tree

    report_warnings(warnings)
    edited = [d for d in drift(current) if d.what == "edited" and files.get(d.rel) != current[d.rel]]
    if edited and not force:
        listed = "\n".join(f"  {d.rel}" for d in edited)
        raise OutputError(f"{len(edited)} generated file{'s' if len(edited) != 1 else ''} in {out} "
                          f"{'were' if len(edited) != 1 else 'was'} edited by hand since the last generate, and "
                          f"regenerating would lose the edit:\n{listed}\nnothing was written. Move the change into "
                          "the spec (or a file of your own), or run again with --force to overwrite it.")
    for d in edited:
        print(f"warning: overwriting {d.rel}, edited by hand since it was generated (--force)", file=sys.stderr)
    changes = write_tree(out, files)
    if changes and current:  # nothing written, or nothing before: nothing to judge (and reading surfaces is not free)
        _version_advice(current, files)
    if inputs:
        stamp.save(out, inputs, files, sources)
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
    """Compare `out` with what the spec generates, and with its own manifest: a file edited,
    deleted or added by hand since it was generated is named with what happened. Without the
    spec (a vendored copy in a project that has none), the manifest alone is checked. `out` is
    the output folder, or the package folder itself as a project vendors it."""
    import difflib

    from .output.manifest import DRIFT, drift, find_manifest
    from .output.writing import existing_files, is_generated

    if not out.is_dir():
        what = "is a file, not a folder" if out.exists() else "does not exist"
        print(f"{out} {what}: nothing to check; `python -m generator generate --out {out}` makes it.")
        return 1
    current = existing_files(out)
    manifest = find_manifest(current)
    drifted = {d.rel: d.what for d in drift(current, manifest)}
    if not spec.exists() and manifest is not None:
        return _report_drift(out, drifted, manifest.path)
    from .pipeline import generate_files

    warnings: list[Problem] = []
    expected = generate_files(spec, options, warnings=warnings, workers=None)  # one per core
    report_warnings(warnings)
    if manifest is not None and not manifest.package_dir:  # the package folder itself: its own paths
        prefix = manifest.package + "/"
        expected = {rel[len(prefix):]: data for rel, data in expected.items() if rel.startswith(prefix)}
    actual = {rel: data for rel, data in current.items() if is_generated(data) or rel in expected}
    stale = sorted(set(expected) | set(actual) | {rel for rel, what in drifted.items() if what == "added"},
                   key=lambda rel: rel.split("/"))
    stale = [rel for rel in stale if expected.get(rel) != current.get(rel)]
    if not stale:
        print(f"{out}: up to date with {spec}")
        return 0
    print(f"{out} is stale: {len(stale)} file{'s' if len(stale) != 1 else ''} differ from what {spec} generates.")
    for rel in stale:
        old = current.get(rel, b"").decode("utf-8", "replace").splitlines()
        new = expected.get(rel, b"").decode("utf-8", "replace").splitlines()
        status = "missing" if rel not in current else "extra" if rel not in expected else "differs"
        why = f" ({DRIFT[drifted[rel]]})" if rel in drifted else ""
        print(f"\n{rel}: {status}{why}")
        diff = list(difflib.unified_diff(old, new, f"{out}/{rel}", f"expected/{rel}", n=1, lineterm=""))
        for line in diff[:MAX_DIFF_LINES]:
            print(f"  {line}")
        if len(diff) > MAX_DIFF_LINES:
            print(f"  ... {len(diff) - MAX_DIFF_LINES} more diff lines")
    _version_advice(current, expected)
    if any(what == "edited" for what in drifted.values()):
        print(f"\nFiles edited by hand are overwritten only with `generate --force`: move the change into {spec} "
              "(or a file of your own) first.")
    print(f"\nFix: `python -m generator generate --spec {spec} --out {out}` (`make generate` here), and commit.")
    return 1


def _report_drift(out: Path, drifted: dict[str, str], manifest: str) -> int:
    from .output.manifest import DRIFT

    if not drifted:
        print(f"{out}: every file is as generated ({manifest}); no spec to compare with")
        return 0
    print(f"{out} has drifted: {len(drifted)} file{'s' if len(drifted) != 1 else ''} changed by hand since "
          f"{'they were' if len(drifted) != 1 else 'it was'} generated ({manifest}):")
    for rel, what in drifted.items():
        print(f"  {rel}: {DRIFT[what]}")
    return 1


def _version_advice(before: dict[str, bytes], after: dict[str, bytes]) -> None:
    """Warn when the package's public surface changed more than its version says: a breaking
    change with the same major version, an addition with the same minor one."""
    from .report.versions import version_advice

    advice = version_advice(before, after)
    if advice:
        print(f"warning: {advice}", file=sys.stderr)
