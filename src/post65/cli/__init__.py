"""The ``post65`` command. Its contract is ``docs/cli.md``: exit codes 0, 1 and 2, JSON on stdout.

One module per command (:mod:`~post65.cli.check`, :mod:`~post65.cli.rules`,
:mod:`~post65.cli.verify`, :mod:`~post65.cli.schema`, :mod:`~post65.cli.parameters`,
:mod:`~post65.cli.municipalities`, :mod:`~post65.cli.allocate`, :mod:`~post65.cli.report`,
:mod:`~post65.cli.completion`), each with ``add(sub, common)`` adding its subcommand and
``run(args)`` running it. They import the shared :mod:`~post65.cli._options` and
:mod:`~post65.cli._output`, never each other; this module builds the parser from the list
:data:`COMMANDS`, ends each command's ``--help`` with its :data:`EXAMPLES`, and runs the command.
Building the parser loads argparse and these modules only (no errors, catalogue, attrs, money,
io, tables or computation): a command's ``run`` imports what it needs (``allocate`` runs in
:mod:`~post65.cli._allocate_run`), and :func:`main` imports :mod:`post65.errors` when a command
stops on an exception, so ``post65 --help`` is quick.

Every :class:`~post65.errors.Post65Error` becomes exit code 2 with its message (every problem, in
the chosen language: ``--lang nb|nn|en``) on stderr; no input a user can give prints a Python
traceback. A FILE of ``-`` is standard input, and a problem in it is located as such.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from types import ModuleType
from typing import Any, Final

from post65 import __version__
from post65.cli import (
    allocate,
    check,
    completion,
    municipalities,
    parameters,
    report,
    rules,
    schema,
    summarise,
    verify,
)
from post65.cli._options import Parser, UsageError, common_parser, lang_of
from post65.cli._output import EXIT_BAD_INPUT, EXIT_OK, error_text, msg

__all__ = ["COMMANDS", "EXAMPLES", "build_parser", "main"]

COMMANDS: Final[tuple[ModuleType, ...]] = (
    check,
    rules,
    verify,
    schema,
    parameters,
    municipalities,
    allocate,
    report,
    summarise,
    completion,
)
"""The command modules, in the order ``post65 --help`` lists them."""

EXAMPLES: Final[dict[str, tuple[str, ...]]] = {
    "check": (
        "post65 check examples/nordland-2024.portfolio.json",
        "post65 check examples/nordland-2024.portfolio.json --all --lang en",
        "post65 check - --format json < examples/nordland-2024.portfolio.json",
    ),
    "rules": ("post65 rules --scheme a --format markdown",),
    "verify": ("post65 verify tests/scenarios",),
    "schema": ("post65 schema portfolio",),
    "parameters": ("post65 parameters --format json",),
    "municipalities": ("post65 municipalities --county 18 --format csv",),
    "allocate": (
        'post65 allocate --amount "120 mill. kr" --index examples/illustrative-index.csv '
        "--lowest 100",
    ),
    "report": (
        "post65 report examples/nordland-2024.portfolio.json "
        "--judgement examples/nordland-2024.judgement.txt --format html",
        "post65 report examples/nordland-2024.portfolio.json --format pdf --output report.pdf",
    ),
    "summarise": (
        "post65 summarise examples/reports-2024/*.json",
        "post65 summarise examples/reports-2024/*.json --format xlsx --output summary.xlsx",
    ),
    "completion": ("post65 completion bash > ~/.local/share/bash-completion/completions/post65",),
}
"""An example or more of each command, shown at the end of its ``--help`` (the help is English,
so are these; ``docs/cli.md`` has them too)."""


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``post65`` command."""
    common = common_parser()
    parser = Parser(
        prog="post65",
        description="kap. 553 post 65: rules, allocation and reporting, exactly.",
    )
    parser.add_argument("--version", action="version", version=f"post65 {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=Parser)
    for command in COMMANDS:
        add: Callable[[Any, argparse.ArgumentParser], None] = command.add
        add(sub, common)
    for name, subparser in sub.choices.items():
        lines = EXAMPLES.get(name, ())
        if lines:
            subparser.formatter_class = argparse.RawDescriptionHelpFormatter
            subparser.epilog = "examples:\n" + "\n".join(f"  {line}" for line in lines)
    parser.set_defaults(root_parser=parser)
    parser.epilog = "Run `post65 COMMAND --help` for a command's options and an example."
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command with ``argv`` (default ``sys.argv[1:]``); return the exit code."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    lang = lang_of(args_list)
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None and (getattr(stream, "encoding", "") or "").lower() != "utf-8":
            reconfigure(encoding="utf-8")
    parser = build_parser()
    try:
        args = parser.parse_args(args_list)
    except UsageError as exc:
        sys.stderr.write(exc.message + "\n")
        return EXIT_BAD_INPUT
    except SystemExit as exc:  # --help and --version
        return exc.code if isinstance(exc.code, int) else EXIT_OK
    try:
        code: int = args.func(args)
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:
        from post65.errors import InvalidInput, Post65Error  # not loaded to build the parser

        # A bug in post65 (not a Post65Error, not a RecursionError) is told in one sentence, not
        # a traceback; tests and developers set POST65_DEBUG=1 to see the traceback.
        bug = not isinstance(exc, (Post65Error, RecursionError))
        if bug and os.environ.get("POST65_DEBUG"):
            raise
        if isinstance(exc, InvalidInput) and not exc.source and getattr(args, "file", "") == "-":
            exc.source = msg("cli.stdin")(lang)  # what was read from standard input
        sys.stderr.write(error_text(exc, lang) + "\n")
        return EXIT_BAD_INPUT
    return code
