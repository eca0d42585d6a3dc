"""``post65 municipalities``: the 357 municipalities of 2024 with county and population."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from post65.cli._desk import (
    add_output_arguments,
    municipality_tables,
    output_problems,
    write_tables,
)
from post65.cli._options import Problems
from post65.cli._output import EXIT_OK, msg, num, render_table, write, write_json

if TYPE_CHECKING:
    from post65.errors import Lang

__all__ = ["add", "run"]


def run(args: argparse.Namespace) -> int:
    """List the municipalities (of one county with ``--county``)."""
    from post65.errors import Post65Error
    from post65.geography import register

    lang: Lang = args.lang
    problems = Problems()
    problems.items.extend(output_problems(args))
    reg = register(2024)
    county = args.county
    if county is not None:
        try:
            reg.county(county)
        except Post65Error as exc:  # UnknownCounty: malformed, or its message names the counties
            problems.add("--county", exc)
    problems.raise_if_any()  # exit 2, every problem at its option
    kommuner = tuple(reg) if county is None else reg.municipalities_in(county)
    if args.format == "json":
        write_json(
            [
                {
                    "kommunenummer": k.kommunenummer,
                    "name": k.name,
                    "name_alt": k.name_alt,
                    "fylkesnummer": k.fylkesnummer,
                    "population": k.population,
                }
                for k in kommuner
            ]
        )
        return EXIT_OK
    if args.format in ("csv", "xlsx"):
        write_tables(municipality_tables(kommuner, lang), args)
        return EXIT_OK
    rows = [
        [
            k.kommunenummer,
            k.name + (f" ({k.name_alt})" if k.name_alt else ""),
            reg.county(k.fylkesnummer).name,
            num(k.population, lang),
        ]
        for k in kommuner
    ]
    total = sum(k.population for k in kommuner)
    rows.append(
        ["", msg("cli.municipalities.total", count=len(kommuner))(lang), "", num(total, lang)]
    )
    headers = [
        msg("cli.municipalities.number")(lang),
        msg("cli.municipalities.municipality")(lang),
        msg("cli.municipalities.county")(lang),
        msg("cli.municipalities.population")(lang),
    ]
    write(render_table(headers, rows, colalign=("left", "left", "left", "right")) + "\n")
    return EXIT_OK


def add(p: argparse.ArgumentParser) -> None:
    """Add the arguments of the ``municipalities`` subcommand to its parser ``p``."""
    p.description = (
        "List the 357 municipalities of 2024 with county and population (1 January 2024, SSB)."
    )
    p.add_argument("--county", metavar="NN", help="only the municipalities of county NN")
    p.add_argument("--format", choices=("table", "json", "csv", "xlsx"), default="table")
    add_output_arguments(p)
    p.set_defaults(func=run)
