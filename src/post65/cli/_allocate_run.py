"""The run of ``post65 allocate`` (:mod:`~post65.cli.allocate` builds its parser): read the
amount, the index and the selection, allocate (and compare), and write the result."""

from __future__ import annotations

import argparse
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from post65.allocation import (
    Allocation,
    Comparison,
    PopulationShare,
    Selection,
    SelectionRule,
    allocate,
    compare,
)
from post65.apportion import Method
from post65.cli._amount import check_amount
from post65.cli._desk import (
    allocation_tables,
    comparison_tables,
    output_problems,
    write_allocation_chart,
    write_tables,
)
from post65.cli._options import (
    SELECTION_OPTIONS,
    Problems,
    inputs,
    option,
)
from post65.cli._output import (
    EXIT_OK,
    kr,
    num,
    render_table,
    write,
    write_json,
)
from post65.cli._sweep import run_sweep
from post65.districtindex import DistrictIndex
from post65.errors import Lang, Post65Error
from post65.geography import register
from post65.io import dump
from post65.money import Money, amount_to_str, kroner, nok
from post65.text import Message, msg

__all__ = ["run_allocate"]


def _compare_requested(args: argparse.Namespace) -> bool:
    names = ["compare_index", "compare_method"] + ["compare_" + d for d in SELECTION_OPTIONS]
    return any(getattr(args, n, None) is not None for n in names)


def run_allocate(args: argparse.Namespace) -> int:
    """Allocate (and compare, with ``--compare-*``); write the result in ``--format``."""
    if args.sweep_lowest is not None:
        return run_sweep(args)
    lang: Lang = args.lang
    problems = Problems()
    problems.items.extend(output_problems(args))
    check_amount(args, problems)
    index, selection, population, _ = inputs(args, problems, required=True)
    comparing = _compare_requested(args)
    index_b, selection_b = index, selection
    if comparing:
        if args.format == "document":
            problems.note("--format", msg("cli.allocate.document_and_compare"))
        if args.chart is not None:
            problems.note("--chart", msg("cli.desk.chart_with_compare"))
        read = None if args.index is None else (args.index, index)
        other_index, other_selection, _, failed = inputs(
            args, problems, required=False, prefix="compare-", read=read
        )
        if other_index is not None or failed:
            index_b = other_index
        if other_selection is not None:
            selection_b = other_selection
            if isinstance(selection_b, PopulationShare) and population is not None:
                selection_b = PopulationShare(selection_b.percent, population)
    problems.raise_if_any()
    assert selection is not None  # noqa: S101 - required=True reported its absence
    where = _selection_option(args)
    result = _allocated(args, index, selection, population, args.method, where, problems)
    if not comparing:
        problems.raise_if_any()
        assert result is not None  # noqa: S101 - its problem was raised
        warn = _warn_missing(index, lang)
        if warn:
            _stderr(warn)
        if args.chart is not None:  # first: a chart that cannot be made or written stops
            write_allocation_chart(result, _describe(result, lang), args.chart, lang)
        _write_allocation(result, index, args, lang)  # the command before it prints anything
        return EXIT_OK
    assert selection_b is not None  # noqa: S101 - falls back to the first selection
    where_b = _selection_option(args, "compare-")
    if not where_b:  # the first selection, of --compare-index (or as the first, by another method)
        where_b = "--compare-index" if index_b is not index else where
    method_b = args.compare_method or args.method
    other = _allocated(args, index_b, selection_b, population, method_b, where_b, problems)
    problems.raise_if_any()
    assert result is not None  # noqa: S101 - its problem was raised
    assert other is not None  # noqa: S101 - its problem was raised
    warn = _warn_missing(index, lang)
    if index_b is not index:
        warn += _warn_missing(index_b, lang)
    if warn:
        _stderr(warn)
    _write_comparison(compare(result, other), args, lang)
    return EXIT_OK


def _selection_option(args: argparse.Namespace, prefix: str = "") -> str:
    """The selection option given (``--lowest``, or with ``prefix`` ``--compare-lowest``), or
    ``""`` for none."""
    attr = prefix.replace("-", "_")
    given = [d for d in SELECTION_OPTIONS if getattr(args, attr + d, None) is not None]
    return option(given[0], prefix) if given else ""


def _allocated(
    args: argparse.Namespace,
    index: DistrictIndex | None,
    selection: Selection,
    population: Mapping[str, int] | None,
    method: str,
    where: str,
    problems: Problems,
) -> Allocation | None:
    """The allocation of ``args.amount`` by ``selection``; ``None`` when it cannot be made (no
    target population, a selection the index cannot give), its problem noted at ``where``, the
    option of the selection, once."""
    try:
        return allocate(
            args.amount, index, selection, method=method, unit=args.unit, population=population
        )
    except Post65Error as exc:
        problems.add(where, exc)  # once, though both allocations meet it
        return None


def _stderr(text: str) -> None:
    import sys

    sys.stderr.write(text)


def _warn_missing(index: DistrictIndex | None, lang: Lang) -> str:
    if index is None or not index.missing:
        return ""
    source = index.source or "index"
    return msg("cli.allocate.missing", count=len(index.missing), source=source)(lang) + "\n"


# --------------------------------------------------------------------------------------------
# Output


def _selection_text(alloc: Allocation) -> Message:
    spec = alloc.selection
    count = len(alloc.municipalities)
    if spec.rule is SelectionRule.LOWEST:
        return msg("cli.allocate.lowest", n=spec.value, count=count)
    if spec.rule is SelectionRule.MAX_SCORE:
        return msg("cli.allocate.max_score", score=Decimal(spec.value), count=count)
    if spec.rule is SelectionRule.POPULATION_SHARE:
        return msg("cli.allocate.population_share", percent=Decimal(spec.value), count=count)
    return msg("cli.allocate.listed", count=count)


def _describe(alloc: Allocation, lang: Lang) -> str:
    year = alloc.index.year if alloc.index is not None else None
    selection = _selection_text(alloc)
    if year is not None:
        selection = msg("cli.allocate.with_index", selection=selection, year=str(year))
    unit = (
        msg("cli.allocate.unit_kr") if alloc.unit.kroner == 1 else msg("cli.allocate.unit_1000kr")
    )
    return msg(
        "cli.allocate.heading",
        amount=alloc.amount,
        selection=selection,
        method=Method(alloc.method),
        unit=unit,
    )(lang)


def _notes_text(notes: Sequence[str], lang: Lang) -> str:
    if not notes:
        return ""
    return "\n" + msg("cli.allocate.notes")(lang) + "\n" + "".join(f"- {n}\n" for n in notes)


def _write_allocation(
    alloc: Allocation, index: DistrictIndex | None, args: argparse.Namespace, lang: Lang
) -> None:
    if args.format == "json":
        write_json(alloc.to_cli_json(lang))
        return
    if args.format == "document":
        write(dump(alloc))
        return
    if args.format in ("csv", "xlsx"):
        write_tables(allocation_tables(alloc, lang, index.scores if index else {}), args)
        return
    headers = [
        msg("cli.allocate.county_number")(lang),
        msg("cli.allocate.county")(lang),
        msg("cli.allocate.municipalities")(lang),
        msg("cli.allocate.population")(lang),
        msg("cli.allocate.quota")(lang),
        msg("cli.allocate.amount")(lang),
    ]
    rows = [
        [
            c.fylkesnummer,
            c.name,
            str(len(c.municipalities)),
            num(c.population, lang),
            num(c.quota, lang),
            kr(c.amount, lang),
        ]
        for c in alloc.counties
    ]
    units = int(kroner(alloc.amount)) // alloc.unit.kroner
    rows.append(
        [
            "",
            msg("cli.allocate.total")(lang),
            str(len(alloc.municipalities)),
            num(alloc.target_population, lang),
            num(units, lang),
            kr(alloc.amount, lang),
        ]
    )
    align = ("left", "left", "right", "right", "right", "right")
    text = (
        _describe(alloc, lang)
        + "\n\n"
        + render_table(headers, rows, fmt=args.format, colalign=align)
    )
    text += "\n"
    if args.details:
        text += "\n" + _details(alloc, index, args.format, lang) + "\n"
    text += _notes_text([n(lang) for n in alloc.notes], lang)
    write(text)


def _details(alloc: Allocation, index: DistrictIndex | None, fmt: str, lang: Lang) -> str:
    reg = register(2024)
    pop = alloc.population
    scores = index.scores if index is not None else {}
    rows = []
    for c in alloc.counties:
        for nr in sorted(c.municipalities, key=lambda n: (scores.get(n, Decimal(101)), n)):
            k = reg.municipality(nr)
            score = scores.get(nr)
            rows.append(
                [
                    nr,
                    k.name,
                    c.name,
                    "" if score is None else num(score, lang),
                    num(pop[nr] if pop is not None else k.population, lang),
                ]
            )
    headers = [
        msg("cli.allocate.municipality_number")(lang),
        msg("cli.allocate.municipality")(lang),
        msg("cli.allocate.county")(lang),
        msg("cli.allocate.score")(lang),
        msg("cli.allocate.population")(lang),
    ]
    return render_table(headers, rows, fmt=fmt, colalign=("left", "left", "left", "right", "right"))


def _signed(q: Money, lang: Lang) -> str:
    text = kr(q, lang)
    return "+" + text if kroner(q) > 0 else text


def _names(numbers: Sequence[str]) -> str:
    reg = register(2024)
    return ", ".join(f"{nr} {reg.municipality(nr).name}" for nr in numbers)


def _comparison_json(diff: Comparison, lang: Lang) -> dict[str, Any]:
    return {
        "a": diff.a.to_cli_json(lang),
        "b": diff.b.to_cli_json(lang),
        "counties": [
            {
                "fylkesnummer": c.fylkesnummer,
                "name": c.name,
                "amount_a": amount_to_str(c.amount_a),
                "amount_b": amount_to_str(c.amount_b),
                "difference": amount_to_str(c.difference),
                "gained": list(c.gained),
                "lost": list(c.lost),
            }
            for c in diff.counties
        ],
    }


def _write_comparison(diff: Comparison, args: argparse.Namespace, lang: Lang) -> None:
    if args.format == "json":
        write_json(_comparison_json(diff, lang))
        return
    if args.format in ("csv", "xlsx"):
        write_tables(comparison_tables(diff, lang), args)
        return
    headers = [
        msg("cli.allocate.county_number")(lang),
        msg("cli.allocate.county")(lang),
        "A",
        "B",
        msg("cli.allocate.difference")(lang),
        msg("cli.allocate.gained")(lang),
        msg("cli.allocate.lost")(lang),
    ]
    rows = [
        [
            c.fylkesnummer,
            c.name,
            kr(c.amount_a, lang),
            kr(c.amount_b, lang),
            _signed(c.difference, lang),
            str(len(c.gained)),
            str(len(c.lost)),
        ]
        for c in diff.counties
    ]
    total_a = sum((kroner(c.amount_a) for c in diff.counties), start=Decimal(0))
    total_b = sum((kroner(c.amount_b) for c in diff.counties), start=Decimal(0))
    rows.append(
        [
            "",
            msg("cli.allocate.total")(lang),
            kr(nok(total_a), lang),
            kr(nok(total_b), lang),
            _signed(nok(total_b - total_a), lang),
            str(len(diff.gained)),
            str(len(diff.lost)),
        ]
    )
    align = ("left", "left", "right", "right", "right", "right", "right")
    text = f"A: {_describe(diff.a, lang)}\nB: {_describe(diff.b, lang)}\n\n"
    text += render_table(headers, rows, fmt=args.format, colalign=align) + "\n"
    changes = [c for c in diff.counties if c.gained or c.lost]
    if changes:
        text += "\n" + msg("cli.allocate.changed")(lang) + "\n"
        for c in changes:
            parts = []
            if c.gained:
                parts.append(msg("cli.allocate.gained_list", names=_names(c.gained))(lang))
            if c.lost:
                parts.append(msg("cli.allocate.lost_list", names=_names(c.lost))(lang))
            text += f"- {c.fylkesnummer} {c.name}: " + "; ".join(parts) + "\n"
    notes = [n(lang) for n in diff.a.notes if n in diff.b.notes]
    notes += [f"A: {n(lang)}" for n in diff.a.notes if n not in diff.b.notes]
    notes += [f"B: {n(lang)}" for n in diff.b.notes if n not in diff.a.notes]
    text += _notes_text(notes, lang)
    write(text)
