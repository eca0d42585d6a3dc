"""``post65 verify``: run declarative scenario files, a line per scenario and a count last."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from post65.cli._output import EXIT_BAD_INPUT, EXIT_NOT_MET, EXIT_OK, msg, visible, write

if TYPE_CHECKING:
    from post65.errors import Lang

__all__ = ["add", "run"]


def run(args: argparse.Namespace) -> int:
    """Run the scenarios; exit 1 if any failed, 2 if a file could not be used."""
    from post65.scenarios import run_paths

    lang: Lang = args.lang

    def say(line: str) -> None:  # a scenario's name and a problem may quote a file's text
        write(visible(line) + "\n")

    passed = failed = unusable = 0
    for item in run_paths(args.paths):
        if isinstance(item, tuple):
            path, error = item
            unusable += 1
            failed += 1
            say(msg("cli.verify.fail", path=str(path), name=error.message(lang))(lang))
            continue
        if item.passed:
            passed += 1
            say(msg("cli.verify.pass", path=str(item.path), name=item.name)(lang))
        else:
            failed += 1
            say(msg("cli.verify.fail", path=str(item.path), name=item.name)(lang))
            for problem in item.failures:
                say(f"    {problem.message(lang)}")
    write(msg("cli.verify.summary", passed=passed, failed=failed)(lang) + "\n")
    if unusable:
        return EXIT_BAD_INPUT
    return EXIT_NOT_MET if failed else EXIT_OK


def add(p: argparse.ArgumentParser) -> None:
    """Add the arguments of the ``verify`` subcommand to its parser ``p``."""
    p.description = (
        "Run declarative scenario files (a directory is searched for *.scenario.json); "
        "print a line per scenario and a count of those passed and failed. Exit 1 if any "
        "failed."
    )
    p.add_argument("paths", metavar="PATH", nargs="+")
    p.set_defaults(func=run)
