"""The ``post65`` command. Its contract is ``docs/cli.md``: exit codes 0, 1 and 2, JSON on stdout.

One module per command (:mod:`~post65.cli.check`, :mod:`~post65.cli.rules`,
:mod:`~post65.cli.verify`, :mod:`~post65.cli.schema`, :mod:`~post65.cli.parameters`,
:mod:`~post65.cli.municipalities`, :mod:`~post65.cli.allocate`, :mod:`~post65.cli.report`,
:mod:`~post65.cli.summarise`, :mod:`~post65.cli.completion`), each with ``add(p)`` adding its
arguments to its subparser and ``run(args)`` running it. They import the shared
:mod:`~post65.cli._options` and :mod:`~post65.cli._output`, never each other; this module holds
the table :data:`COMMANDS` (each command's name, module and one-line help), ends each command's
``--help`` with its :data:`EXAMPLES`, and runs the command.

``post65 --help`` and ``post65 -h`` are written by :mod:`~post65.cli._help` without loading
argparse: the text argparse would format, at the terminal's width (a test compares the two at
every width). Any other command line is parsed by argparse.

:func:`main` builds only what its command line needs (:func:`parser_for`): the top-level parser
lists every command from :data:`COMMANDS` alone, and a command's module is imported and its
arguments added only when the command line names it, so ``post65 --help`` imports no command
module. :func:`build_parser` builds every command (the completion scripts are made from it); the
two give the same help, usage errors and exit codes. Building a parser loads argparse and these
modules only (no errors, catalogue, attrs, money, io, tables or computation): a command's ``run``
imports what it needs (``allocate`` runs in :mod:`~post65.cli._allocate_run`), and :func:`main`
imports :mod:`post65.errors` when a command stops on an exception.

Every :class:`~post65.errors.Post65Error` becomes exit code 2 with its message (every problem, in
the chosen language: ``--lang nb|nn|en``) on stderr; no input a user can give prints a Python
traceback. A command line argparse refuses is exit code 2 too, its usage and problem in the
language of ``--lang`` (:mod:`~post65.cli._parsing`). A FILE of ``-`` is standard input, and a
problem in it is located as such.
"""

import os
import sys
from collections.abc import Callable, Collection, Sequence
from typing import TYPE_CHECKING, Final, NamedTuple

from post65 import __version__

if TYPE_CHECKING:
    import argparse

__all__ = [
    "COMMANDS",
    "DESCRIPTION",
    "EPILOG",
    "EXAMPLES",
    "PROG",
    "Subcommand",
    "build_parser",
    "main",
    "parser_for",
]

PROG: Final = "post65"
DESCRIPTION: Final = "kap. 553 post 65: rules, allocation and reporting, exactly."
"""The first paragraph of ``post65 --help``."""
EPILOG: Final = "Run `post65 COMMAND --help` for a command's options and an example."
"""The last paragraph of ``post65 --help``."""


class Subcommand(NamedTuple):
    """A command of ``post65``: its name, the module adding its arguments (``add(p)``) and
    running it (``run(args)``), and its line in ``post65 --help``."""

    name: str
    module: str
    help: str


COMMANDS: Final[tuple[Subcommand, ...]] = (
    Subcommand(
        "check", "post65.cli.check", "check a document against every rule that applies to it"
    ),
    Subcommand("rules", "post65.cli.rules", "list the rule catalogue"),
    Subcommand("verify", "post65.cli.verify", "run scenario files"),
    Subcommand("schema", "post65.cli.schema", "print the JSON Schema of a document kind"),
    Subcommand("parameters", "post65.cli.parameters", "list the dated policy parameters"),
    Subcommand(
        "municipalities",
        "post65.cli.municipalities",
        "list the municipalities of the 2024 register",
    ),
    Subcommand(
        "allocate",
        "post65.cli.allocate",
        "allocate an amount between the 15 counties by the district index (§3)",
    ),
    Subcommand(
        "report", "post65.cli.report", "render the yearly post 65 report and check it (P65-6.*)"
    ),
    Subcommand(
        "summarise",
        "post65.cli.summarise",
        "the national summary of the county reports of one year (for KDD)",
    ),
    Subcommand(
        "completion", "post65.cli.completion", "print a shell completion script (bash, zsh or fish)"
    ),
)
"""The commands, in the order ``post65 --help`` lists them."""

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


def _parser(names: Collection[str]) -> "argparse.ArgumentParser":
    """The parser of ``post65`` with every command listed and the commands ``names`` built:
    their modules imported and their arguments added (any other command parses nothing)."""
    from importlib import import_module

    from post65.cli._options import common_parser
    from post65.cli._parsing import Parser, RawDescriptionHelpFormatter

    parser = Parser(prog=PROG, description=DESCRIPTION)
    parser.add_argument("--version", action="version", version=f"post65 {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=Parser)
    common = common_parser() if any(c.name in names for c in COMMANDS) else None
    for command in COMMANDS:
        if common is None or command.name not in names:
            # listed only (its name and help): argparse never parses with it, nor shows its help
            sub.add_parser(command.name, help=command.help, add_help=False)
            continue
        p = sub.add_parser(command.name, parents=[common], help=command.help)
        add: Callable[[argparse.ArgumentParser], None] = import_module(command.module).add
        add(p)
        lines = EXAMPLES.get(command.name, ())
        if lines:
            p.formatter_class = RawDescriptionHelpFormatter
            p.epilog = "examples:\n" + "\n".join(f"  {line}" for line in lines)
    parser.set_defaults(full_parser=build_parser)
    parser.epilog = EPILOG
    return parser


def build_parser() -> "argparse.ArgumentParser":
    """The argument parser of the ``post65`` command, with every command built."""
    return _parser([c.name for c in COMMANDS])


def parser_for(argv: Sequence[str]) -> "argparse.ArgumentParser":
    """The parser :func:`main` parses ``argv`` with: every command listed, only those ``argv``
    names built. argparse takes a command by its exact name (no prefix of it: subcommands are
    never abbreviated), and that name is one of ``argv``'s words, so building each command one
    of them equals is enough; ``argv`` then parses as with :func:`build_parser` (help, errors,
    exit codes), and ``post65 --help`` or a command line naming no command builds none."""
    return _parser(frozenset(argv))


def _lang_after_command(argv: list[str]) -> list[str]:
    """``post65 --lang nn check F`` read as ``post65 check F --lang nn``: every command takes
    ``--lang``, and one given before the command is its (the top level has none). Given alone,
    it is dropped, and «choose a command» is told in that language."""
    from post65.cli._options import names_lang

    i = 0
    while i < len(argv) and names_lang(argv[i]):
        i += 1 if "=" in argv[i] else 2
    if i == 0:
        return argv
    moved, rest = argv[:i], argv[i:]
    return [rest[0], *moved, *rest[1:]] if rest else []


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command with ``argv`` (default ``sys.argv[1:]``); return the exit code."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None and (getattr(stream, "encoding", "") or "").lower() != "utf-8":
            reconfigure(encoding="utf-8")
    if args_list in (["-h"], ["--help"]):  # the same text argparse prints, without loading it
        from contextlib import suppress

        from post65.cli._help import terminal_columns, top_help

        with suppress(BrokenPipeError):
            commands = [(c.name, c.help) for c in COMMANDS]
            sys.stdout.write(top_help(terminal_columns(), PROG, DESCRIPTION, EPILOG, commands))
        return 0
    from post65.cli._options import lang_of
    from post65.cli._output import EXIT_BAD_INPUT, EXIT_OK, error_text, msg
    from post65.cli._parsing import UsageError

    lang = lang_of(args_list)
    args_list = _lang_after_command(args_list)
    parser = parser_for(args_list)
    try:
        args = parser.parse_args(args_list)
    except UsageError as exc:  # told in the language of --lang, which may not have been read
        sys.stderr.write(exc.text(lang) + "\n")
        return EXIT_BAD_INPUT
    except SystemExit as exc:  # --help and --version
        return exc.code if isinstance(exc.code, int) else EXIT_OK
    try:
        code: int = args.func(args)
        sys.stdout.flush()  # a failure to write the last of the output is told here too
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:
        from post65.errors import InvalidDocument, Post65Error  # not loaded to build the parser

        if isinstance(exc, OSError) and exc.filename is None:
            # Standard output cannot be written (a full disk, a closed pipe): not a bug in
            # post65. Every file post65 opens names itself in its error (filename), and reading
            # standard input fails as an InvalidDocument, so what is left is the output.
            from post65.cli._files import write_reason

            sys.stderr.write(msg("cli.write.stdout", reason=write_reason(exc))(lang) + "\n")
            _stdout_to_nothing()
            return EXIT_BAD_INPUT

        # A bug in post65 (not a Post65Error, not a RecursionError) is told in one sentence, not
        # a traceback; tests and developers set POST65_DEBUG=1 to see the traceback.
        bug = not isinstance(exc, (Post65Error, RecursionError))
        if bug and os.environ.get("POST65_DEBUG"):
            raise
        if isinstance(exc, InvalidDocument) and not exc.source and getattr(args, "file", "") == "-":
            exc.source = msg("cli.stdin")(lang)  # the document (options name their own places)
        sys.stderr.write(error_text(exc, lang) + "\n")
        return EXIT_BAD_INPUT
    return code


def _stdout_to_nothing() -> None:
    """Point the process's own standard output at the null device, so that Python's flush at
    exit does not fail once more (the remedy the Python documentation gives for a closed pipe).
    Standard output replaced by a caller (a test capturing it) is left alone."""
    stream = sys.stdout
    if stream is not sys.__stdout__ or stream is None:
        return
    from contextlib import suppress

    with suppress(OSError, ValueError):  # no null device, or no descriptor: nothing to do
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, stream.fileno())
        os.close(null)
