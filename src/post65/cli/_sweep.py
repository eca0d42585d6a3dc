"""``post65 allocate --sweep-lowest A:B:STEP``: each county's amount for every cut-off from the
``A`` to the ``B`` lowest-scoring municipalities on the district index (step ``STEP``), as a
table (one row per county, one column per cut-off, a sum row that is the amount in every
column), CSV, JSON or a workbook, and with ``--chart`` as lines.

The sweep takes the place of the selection options (``--lowest``, ``--max-score``, …): it is
``--lowest N`` for every ``N`` of the range.
"""

from __future__ import annotations

import argparse
from typing import Any

from post65.allocation import Allocation, Unit
from post65.allocation.sweep import SweepRange, parse_sweep, sweep_lowest
from post65.apportion import Method
from post65.cli._amount import check_amount
from post65.cli._desk import output_problems, write_file, write_tables
from post65.cli._options import SELECTION_OPTIONS, Problems, inputs, option
from post65.cli._output import EXIT_OK, kr, num, render_table, write, write_json
from post65.errors import Lang, Post65Error
from post65.money import amount_to_str, kroner
from post65.tables import Cell, Column, Kind, Table
from post65.text import msg

__all__ = ["run_sweep", "sweep_json", "sweep_tables"]

_NOT_WITH = ("compare_index", "compare_method", *("compare_" + d for d in SELECTION_OPTIONS))


def _gather(args: argparse.Namespace, problems: Problems) -> SweepRange | None:
    chosen = [option(d) for d in SELECTION_OPTIONS if getattr(args, d, None) is not None]
    if chosen:
        problems.note(", ".join(chosen), msg("cli.sweep.with_selection", options=", ".join(chosen)))
    others = [option(d) for d in _NOT_WITH if getattr(args, d, None) is not None]
    if args.format == "document":
        others.append("--format document")
    if args.details:
        others.append("--details")
    if others:
        problems.note(", ".join(others), msg("cli.sweep.not_with", options=", ".join(others)))
    problems.items.extend(output_problems(args))
    try:
        return parse_sweep(args.sweep_lowest)
    except Post65Error as exc:
        problems.add("--sweep-lowest", exc)
        return None


def run_sweep(args: argparse.Namespace) -> int:
    """Run ``allocate --sweep-lowest``: every problem of the options together, then the sweep
    in ``--format`` (and ``--chart``)."""
    lang: Lang = args.lang
    problems = Problems()
    cutoffs = _gather(args, problems)
    check_amount(args, problems)
    index, _, population, _ = inputs(args, problems, required=False)
    if args.index is None:
        problems.note("--sweep-lowest", msg("cli.selection.needs_index", option="--sweep-lowest"))
    if index is not None and cutoffs is not None:
        try:
            allocations = sweep_lowest(
                args.amount,
                index,
                cutoffs,
                method=args.method,
                unit=args.unit,
                population=population,
            )
        except Post65Error as exc:
            problems.add("--sweep-lowest", exc)
    problems.raise_if_any()
    assert cutoffs is not None  # noqa: S101 - a problem was raised otherwise
    first = allocations[0]
    heading = msg(
        "cli.sweep.heading",
        amount=first.amount,
        start=cutoffs.start,
        stop=cutoffs.stop,
        step=cutoffs.step,
        method=Method(first.method),
        unit=msg("cli.allocate.unit_kr")
        if first.unit is Unit.KR
        else msg("cli.allocate.unit_1000kr"),
    )(lang)
    # the chart first: one that cannot be made or written stops the command before it prints
    if args.chart:
        from post65.charts import line_chart

        series = [
            (c.name, [kroner(a.counties[i].amount) for a in allocations])
            for i, c in enumerate(first.counties)
        ]
        fmt = "png" if args.chart.lower().endswith(".png") else "svg"
        data = line_chart(
            [int(a.selection.value) for a in allocations],
            series,
            title=heading,
            xlabel=msg("charts.sweep.xlabel")(lang),
            lang=lang,
            fmt=fmt,
        )
        write_file(args.chart, data, "--chart")
    if args.format == "json":
        write_json(sweep_json(allocations, lang))
    elif args.format in ("csv", "xlsx"):
        write_tables(sweep_tables(allocations, lang), args)
    else:
        write(heading + "\n\n" + _text(allocations, args.format, lang) + "\n")
    return EXIT_OK


def _selected(a: Allocation) -> int:
    return len(a.municipalities)


def _text(allocations: tuple[Allocation, ...], fmt: str, lang: Lang) -> str:
    first = allocations[0]
    headers = [
        msg("cli.allocate.county_number")(lang),
        msg("cli.allocate.county")(lang),
        *(msg("cli.sweep.column", n=int(a.selection.value))(lang) for a in allocations),
    ]
    rows = [
        [c.fylkesnummer, c.name, *(kr(a.counties[i].amount, lang) for a in allocations)]
        for i, c in enumerate(first.counties)
    ]
    rows.append(["", msg("cli.allocate.total")(lang), *(kr(a.amount, lang) for a in allocations)])
    rows.append(
        ["", msg("cli.sweep.selected")(lang), *(num(_selected(a), lang) for a in allocations)]
    )
    rows.append(
        [
            "",
            msg("cli.sweep.threshold")(lang),
            *("" if a.threshold is None else num(a.threshold, lang) for a in allocations),
        ]
    )
    align = ("left", "left", *("right" for _ in allocations))
    return render_table(headers, rows, fmt=fmt, colalign=align)


def sweep_tables(allocations: tuple[Allocation, ...], lang: Lang) -> list[Table]:
    """One row per county with its amount at each cut-off (and a sum row), and one row per
    cut-off with the municipalities selected, the highest score included and their population."""
    first = allocations[0]
    columns = (
        Column(msg("cli.csv.county_number")(lang), msg("cli.allocate.county_number")(lang)),
        Column(msg("cli.csv.county_name")(lang), msg("cli.allocate.county")(lang)),
        *(
            Column(
                msg("cli.sweep.csv_column", n=int(a.selection.value))(lang),
                msg("cli.sweep.column", n=int(a.selection.value))(lang),
                Kind.KR,
                True,
            )
            for a in allocations
        ),
    )
    rows: tuple[tuple[Cell, ...], ...] = tuple(
        (c.fylkesnummer, c.name, *(kroner(a.counties[i].amount) for a in allocations))
        for i, c in enumerate(first.counties)
    )
    amounts = Table(
        msg("cli.desk.sheet.sweep")(lang),
        columns,
        rows,
        total_label=msg("cli.allocate.total")(lang),
        label_at=1,
    )
    cut = Table(
        msg("cli.desk.sheet.cutoffs")(lang),
        (
            Column(msg("cli.csv.cutoff")(lang), msg("cli.sweep.cutoff")(lang), Kind.INT),
            Column(msg("cli.csv.selected")(lang), msg("cli.sweep.selected")(lang), Kind.INT),
            Column(msg("cli.csv.threshold")(lang), msg("cli.sweep.threshold")(lang), Kind.DECIMAL),
            Column(
                msg("cli.csv.population")(lang), msg("cli.sweep.target_population")(lang), Kind.INT
            ),
        ),
        tuple(
            (int(a.selection.value), _selected(a), a.threshold, a.target_population)
            for a in allocations
        ),
    )
    return [amounts, cut]


def sweep_json(allocations: tuple[Allocation, ...], lang: Lang) -> dict[str, Any]:
    """The JSON of a sweep: the amount, method and unit, and per cut-off the municipalities
    selected, the highest score included and each county's amount."""
    first = allocations[0]
    return {
        "amount": amount_to_str(first.amount),
        "unit": str(Unit(first.unit).kroner),
        "method": Method(first.method).value,
        "cutoffs": [
            {
                "lowest": int(a.selection.value),
                "municipalities": _selected(a),
                "threshold": None if a.threshold is None else str(a.threshold),
                "target_population": a.target_population,
                "counties": [
                    {
                        "fylkesnummer": c.fylkesnummer,
                        "name": c.name,
                        "municipalities": len(c.municipalities),
                        "amount": amount_to_str(c.amount),
                    }
                    for c in a.counties
                ],
                "notes": [n(lang) for n in a.notes],
            }
            for a in allocations
        ],
    }
