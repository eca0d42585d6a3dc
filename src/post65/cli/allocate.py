"""``post65 allocate`` (``cli.md``): an amount between the 15 counties by the district index (§3).

The command reads the amount, the index and the selection together, so a bad amount, a
malformed index and two selection options are reported in one go. ``--compare-*`` options compute
a second allocation (another index, selection or method) and print the difference per county.

This module builds the parser only (``post65 --help`` loads no allocation); the command runs in
:mod:`~post65.cli._allocate_run`.
"""

from __future__ import annotations

import argparse
from typing import Final

from post65.cli._desk import add_chart_argument, add_output_arguments
from post65.cli._options import add_reading_arguments, add_selection_arguments

__all__ = ["METHODS", "add", "run"]

METHODS: Final = ("largest-remainder", "sainte-lague", "dhondt")
"""The values of :class:`post65.apportion.Method`, the first the default, written out so that
building the parser (``--help``) need not import the apportionment (``tests/test_startup.py``
holds them equal)."""


def add(p: argparse.ArgumentParser) -> None:
    """Add the arguments of the ``allocate`` subcommand to its parser ``p``."""
    p.description = (
        "Distribute AMOUNT between the 15 counties of 2024 by the population of the target"
        " municipalities (the §3 key of scheme a, also used for scheme b), exactly."
    )
    p.add_argument(
        "--amount",
        metavar="AMOUNT",
        help="a bare number is kroner: 120000000, '120 000 000 kr', '120 mill. kr', '120 MNOK',"
        " '120000 kNOK' (at least 10 units of --unit per county)",
    )
    add_selection_arguments(p)
    add_reading_arguments(p)
    p.add_argument(
        "--method",
        choices=list(METHODS),
        default=METHODS[0],
        help="apportionment method (default largest-remainder)",
    )
    p.add_argument(
        "--unit",
        choices=("kr", "1000kr"),
        default="kr",
        help="the counties' amounts are whole units of this (it does not scale --amount)",
    )
    p.add_argument(
        "--format",
        choices=("table", "markdown", "json", "csv", "xlsx", "document"),
        default="table",
        help="output; 'document' is the allocation document that 'post65 check' checks (A-3.1);"
        " 'xlsx' a workbook (--output FILE, needs post65[xlsx])",
    )
    add_output_arguments(p)
    add_chart_argument(p)
    p.add_argument(
        "--sweep-lowest",
        metavar="A:B:STEP",
        help="instead of one selection: each county's amount for every cut-off from the A to"
        " the B lowest on the index (step STEP, default 1); with --chart, as lines",
    )
    p.add_argument(
        "--details", action="store_true", help="also list the target municipalities (table)"
    )
    add_selection_arguments(p, prefix="compare-")
    p.add_argument(
        "--compare-method",
        choices=list(METHODS),
        help="compare with this method",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Allocate (and compare, with ``--compare-*``); write the result in ``--format``."""
    from post65.cli._allocate_run import run_allocate

    return run_allocate(args)
