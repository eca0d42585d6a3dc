"""``post65 parameters``: every dated policy parameter the rules read."""

from __future__ import annotations

import argparse
import re
from typing import TYPE_CHECKING, Final, NamedTuple

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


class Row(NamedTuple):
    """One line of the listing, as ``--format json`` writes it (the table wraps ``source``)."""

    name: str
    value: str | None
    unit: str
    valid_from: str | None
    certainty: str
    source: str


def rows(lang: Lang) -> list[Row]:
    """Every parameter: its dated values, a line for one without a value (``value`` ``None``, its
    note as ``source``), and the readings."""
    from post65.law import cited
    from post65.parameters import DEFAULTS, READINGS, WITHOUT_DEFAULT

    found: list[Row] = []
    for name in sorted({*DEFAULTS, *WITHOUT_DEFAULT}):
        for p in DEFAULTS.get(name, ()):
            valid_from = p.valid_from.isoformat()
            source = cited(p.source, p.section)  # «… 2023/2831 art. 3(2)», not «§ 3(2)» again
            found.append(Row(name, str(p.value), p.unit, valid_from, p.certainty, source))
        if name in WITHOUT_DEFAULT:
            key = f"cli.parameters.note.{name}"
            note = msg(key)(lang) if key in KEYS else WITHOUT_DEFAULT[name]
            found.append(Row(name, None, "", None, "?", note))
    for name, reading in sorted(READINGS.items()):
        choices = " | ".join(reading.choices)
        found.append(Row(name, reading.default, "reading", None, "", f"{reading.rule}: {choices}"))
    return found


def run(args: argparse.Namespace) -> int:
    """List the parameters as a table or as JSON (each text whole: only the table wraps)."""
    lang: Lang = args.lang
    listed = rows(lang)
    if args.format == "json":
        write_json([row._asdict() for row in listed])
        return EXIT_OK
    shown = [
        [
            r.name,
            "—" if r.value is None else r.value,
            unit_label(r.unit, lang) if r.unit else "",
            r.valid_from or "",
            r.certainty,
            wrap(r.source, 50) if r.value is None else r.source,
        ]
        for r in listed
    ]
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
