"""``post65 parameters``: every dated policy parameter the rules read."""

from __future__ import annotations

import argparse
import re
from typing import TYPE_CHECKING, Final

from post65.cli._output import EXIT_OK, msg, render_table, wrap, write, write_json

if TYPE_CHECKING:
    from post65.errors import Lang

__all__ = ["add", "run"]

KEYS: Final = (
    # A parameter's unit in the table, by unit_label().
    "cli.parameters.unit.count",
    "cli.parameters.unit.date",
    "cli.parameters.unit.eur",
    "cli.parameters.unit.months",
    "cli.parameters.unit.nok_eur",
    "cli.parameters.unit.pages",
    "cli.parameters.unit.reading",
    "cli.parameters.unit.share",
    "cli.parameters.unit.years",
    # What a parameter without a value is, by name (post65.parameter_table.WITHOUT_DEFAULT).
    "cli.parameters.note.a.guidance_min_months",
    "cli.parameters.note.b.decline_years",
    "cli.parameters.note.b.employment_decline_min",
    "cli.parameters.note.b.population_decline_min",
    "cli.parameters.note.stateaid.de_minimis_change_date",
    "cli.parameters.note.stateaid.eur_nok_rate",
)
"""Keys built at run time (see tests/test_catalogues.py)."""


def unit_label(unit: str, lang: Lang) -> str:
    """A parameter's unit (``share``, ``months`` …) in ``lang``."""
    key = "cli.parameters.unit." + re.sub(r"[^a-z0-9]+", "_", unit.lower()).strip("_")
    return msg(key)(lang) if key in KEYS else unit


def run(args: argparse.Namespace) -> int:
    """List the parameters as a table or as JSON."""
    from post65.parameters import DEFAULTS, READINGS, WITHOUT_DEFAULT

    lang: Lang = args.lang
    rows: list[list[str]] = []
    for name in sorted({*DEFAULTS, *WITHOUT_DEFAULT}):
        for p in DEFAULTS.get(name, ()):
            rows.append(
                [
                    name,
                    str(p.value),
                    p.unit,
                    p.valid_from.isoformat(),
                    p.certainty,
                    f"{p.source} § {p.section}",
                ]
            )
        if name in WITHOUT_DEFAULT:
            key = f"cli.parameters.note.{name}"
            note = msg(key)(lang) if key in KEYS else WITHOUT_DEFAULT[name]
            rows.append([name, "—", "", "", "?", wrap(note, 50)])
    for name, reading in sorted(READINGS.items()):
        choices = " | ".join(reading.choices)
        rows.append([name, reading.default, "reading", "", "", f"{reading.rule}: {choices}"])
    if args.format == "json":
        write_json(
            [
                {
                    "name": r[0],
                    "value": None if r[1] == "—" else r[1],
                    "unit": r[2],
                    "valid_from": r[3] or None,
                    "certainty": r[4],
                    "source": r[5],
                }
                for r in rows
            ]
        )
        return EXIT_OK
    shown = [[r[0], r[1], unit_label(r[2], lang) if r[2] else "", *r[3:]] for r in rows]
    headers = [
        msg("cli.parameters.name")(lang),
        msg("cli.parameters.value")(lang),
        msg("cli.parameters.unit")(lang),
        msg("cli.parameters.valid_from")(lang),
        msg("cli.parameters.certainty")(lang),
        msg("cli.parameters.source")(lang),
    ]
    write(render_table(headers, shown) + "\n")
    return EXIT_OK


def add(p: argparse.ArgumentParser) -> None:
    """Add the arguments of the ``parameters`` subcommand to its parser ``p``."""
    p.description = (
        "List every policy parameter the rules read: value, unit, valid from, certainty "
        "(R regulation, S public source, P county practice, ? unknown) and source. "
        "Parameters without a value have no invented default: set them with --param."
    )
    p.add_argument("--format", choices=("table", "json"), default="table")
    p.set_defaults(func=run)
