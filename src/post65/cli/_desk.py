"""The desk outputs several commands share: CSV in the chosen language and dialect, Excel
workbooks (``--format xlsx --output FILE``) and charts (``--chart FILE.svg|.png``), and the
tables of ``allocate``, ``municipalities`` and ``check`` they are written from.

Each command adds its options with :func:`add_output_arguments` (and :func:`add_chart_argument`)
and hands its tables to :func:`write_tables`; the table model and its writers are
:mod:`post65.tables`, the charts :mod:`post65.charts`.
"""

from __future__ import annotations

import argparse
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Final

from post65.cli._output import label, msg, write

if TYPE_CHECKING:
    from decimal import Decimal

    from post65.allocation import Allocation, Comparison
    from post65.errors import Lang, Problem
    from post65.geography import Kommune
    from post65.rulebook import CheckResult
    from post65.tables import Column, Kind, Table
    from post65.text import Message

__all__ = [
    "CSV_DIALECTS",
    "add_chart_argument",
    "add_output_arguments",
    "allocation_tables",
    "check_output_args",
    "check_tables",
    "comparison_tables",
    "municipality_tables",
    "output_problems",
    "write_allocation_chart",
    "write_file",
    "write_tables",
]

KEYS: Final = (
    "cli.csv.county_number",
    "cli.csv.county_name",
    "cli.csv.municipalities",
    "cli.csv.population",
    "cli.csv.quota",
    "cli.csv.amount",
    "cli.csv.amount_a",
    "cli.csv.amount_b",
    "cli.csv.difference",
    "cli.csv.gained",
    "cli.csv.lost",
    "cli.csv.municipality_number",
    "cli.csv.municipality_name",
    "cli.csv.municipality_name_alt",
    "cli.csv.score",
    "cli.csv.rule",
    "cli.csv.outcome",
    "cli.csv.severity",
    "cli.csv.subject",
    "cli.csv.message",
    "cli.csv.count",
)
"""Keys built at run time (see tests/test_catalogues.py): the CSV headers, per language."""

CSV_DIALECTS: Final = ("plain", "excel")
""":data:`post65.tables.CSV_DIALECTS`, written out so that building the parser (``--help``) need
not import the table writers (``tests/test_startup.py`` holds the two equal)."""


def add_output_arguments(parser: argparse.ArgumentParser, *, csv: bool = True) -> None:
    """Add ``--output FILE`` (and ``--csv-dialect plain|excel`` when the command writes CSV)."""
    parser.add_argument(
        "--output",
        metavar="FILE",
        help="the file --format xlsx writes (an Excel workbook, one sheet per table)",
    )
    if csv:
        parser.add_argument(
            "--csv-dialect",
            choices=CSV_DIALECTS,
            default="plain",
            help="plain (comma, decimal point; the default) or excel (semicolon, decimal comma, "
            "a BOM and a sum row: as Norwegian Excel opens it)",
        )


def add_chart_argument(parser: argparse.ArgumentParser) -> None:
    """Add ``--chart FILE.svg|FILE.png`` (matplotlib, the ``charts`` extra)."""
    parser.add_argument(
        "--chart",
        metavar="FILE",
        help="also draw a chart to FILE.svg or FILE.png (needs post65[charts])",
    )


def output_problems(args: argparse.Namespace) -> list[Problem]:
    """The problems of ``--format xlsx`` without ``--output``, ``--output`` with a format that
    does not write a file, and a ``--chart`` file that is not .svg or .png."""
    from pathlib import Path

    from post65.errors import Problem

    problems: list[Problem] = []
    fmt = getattr(args, "format", None)
    output = getattr(args, "output", None)
    if fmt == "xlsx" and not output:
        problems.append(Problem("--output", msg("cli.desk.xlsx_needs_output")))
    if output and fmt != "xlsx":
        problems.append(Problem("--output", msg("cli.desk.output_only_xlsx")))
    chart = getattr(args, "chart", None)
    if chart is not None and Path(chart).suffix.lower() not in (".svg", ".png"):
        problems.append(Problem("--chart", msg("cli.desk.chart_suffix", file=chart)))
    return problems


def check_output_args(args: argparse.Namespace) -> None:
    """Raise :class:`~post65.errors.InvalidInput` with :func:`output_problems`, if any."""
    from post65.errors import InvalidInput

    problems = output_problems(args)
    if problems:
        raise InvalidInput(problems)


def write_file(path: str, data: bytes, option: str) -> None:
    """Write ``data`` to ``path`` whole or not at all (:func:`post65.cli._files.write_bytes`); a
    file that cannot be written is a problem of the option that named it (``--output``,
    ``--chart``), told as every command tells it («1 feil: --output: filen kan ikke skrives:
    mappen finnes ikke»)."""
    from post65.cli._files import write_bytes, write_reason
    from post65.errors import InvalidInput, Problem

    try:
        write_bytes(path, data)
    except (OSError, ValueError) as exc:
        reason = write_reason(exc)
        problem = Problem(option, msg("cli.report.cannot_write", reason=reason))
        raise InvalidInput([problem]) from None


def write_tables(tables: Sequence[Table], args: argparse.Namespace) -> None:
    """Write ``tables`` in ``args.format``: ``csv`` (the first table, in ``--csv-dialect``) on
    stdout, or ``xlsx`` (every table, one sheet each) to ``--output``."""
    from post65.tables import csv_text, xlsx_bytes

    if args.format == "xlsx":
        check_output_args(args)
        write_file(args.output, xlsx_bytes(tables), "--output")
        return
    write(csv_text(tables[0], getattr(args, "csv_dialect", "plain")))


def _h(key: str, lang: Lang) -> str:
    return msg(key)(lang)


def _col(
    csv_key: str, header: Message, lang: Lang, kind: Kind | None = None, *, total: bool = False
) -> Column:
    """A column headed ``header`` (CSV: the ``cli.csv.*`` key); text unless ``kind`` says."""
    from post65.tables import Column, Kind

    return Column(
        _h("cli.csv." + csv_key, lang), header(lang), Kind.TEXT if kind is None else kind, total
    )


def allocation_tables(alloc: Allocation, lang: Lang, scores: Mapping[str, Decimal]) -> list[Table]:
    """The allocation (one row per county, a sum row) and, as a second sheet, its target
    municipalities with score and population."""
    from post65.geography import register
    from post65.money import kroner  # pint loads on use, not for --help
    from post65.tables import Kind, Table

    columns = (
        _col("county_number", msg("cli.allocate.county_number"), lang),
        _col("county_name", msg("cli.allocate.county"), lang),
        _col("municipalities", msg("cli.allocate.municipalities"), lang),
        _col("population", msg("cli.allocate.population"), lang, Kind.INT, total=True),
        _col("quota", msg("cli.allocate.quota"), lang, Kind.DECIMAL),
        _col("amount", msg("cli.allocate.amount"), lang, Kind.KR, total=True),
    )
    rows = tuple(
        (
            c.fylkesnummer,
            c.name,
            " ".join(c.municipalities),
            c.population,
            c.quota,
            kroner(c.amount),
        )
        for c in alloc.counties
    )
    main = Table(
        msg("cli.desk.sheet.allocation")(lang),
        columns,
        rows,
        total_label=msg("cli.allocate.total")(lang),
        label_at=1,
    )
    reg = register(2024)
    pop = alloc.population
    targets = [
        (nr, reg.municipality(nr), c.name, scores.get(nr))
        for c in alloc.counties
        for nr in c.municipalities
    ]
    detail = Table(
        msg("cli.desk.sheet.targets")(lang),
        (
            _col("municipality_number", msg("cli.allocate.municipality_number"), lang),
            _col("municipality_name", msg("cli.allocate.municipality"), lang),
            _col("county_name", msg("cli.allocate.county"), lang),
            _col("score", msg("cli.allocate.score"), lang, Kind.DECIMAL),
            _col("population", msg("cli.allocate.population"), lang, Kind.INT, total=True),
        ),
        tuple(
            (nr, k.name, county, score, pop[nr] if pop is not None else k.population)
            for nr, k, county, score in targets
        ),
        total_label=msg("cli.allocate.total")(lang),
        label_at=1,
    )
    return [main, detail]


def comparison_tables(diff: Comparison, lang: Lang) -> list[Table]:
    """Two allocations side by side, one row per county and a sum row."""
    from post65.money import kroner  # pint loads on use, not for --help
    from post65.tables import Column, Kind, Table

    columns = (
        _col("county_number", msg("cli.allocate.county_number"), lang),
        _col("county_name", msg("cli.allocate.county"), lang),
        Column(_h("cli.csv.amount_a", lang), "A", Kind.KR, True),
        Column(_h("cli.csv.amount_b", lang), "B", Kind.KR, True),
        _col("difference", msg("cli.allocate.difference"), lang, Kind.KR, total=True),
        _col("gained", msg("cli.allocate.gained"), lang),
        _col("lost", msg("cli.allocate.lost"), lang),
    )
    rows = tuple(
        (
            c.fylkesnummer,
            c.name,
            kroner(c.amount_a),
            kroner(c.amount_b),
            kroner(c.difference),
            " ".join(c.gained),
            " ".join(c.lost),
        )
        for c in diff.counties
    )
    return [
        Table(
            msg("cli.desk.sheet.comparison")(lang),
            columns,
            rows,
            total_label=msg("cli.allocate.total")(lang),
            label_at=1,
        )
    ]


def municipality_tables(kommuner: Sequence[Kommune], lang: Lang) -> list[Table]:
    """The municipalities with county and population, and a sum row."""
    from post65.tables import Column, Kind, Table

    columns = (
        _col("municipality_number", msg("cli.municipalities.number"), lang),
        _col("municipality_name", msg("cli.municipalities.municipality"), lang),
        Column(_h("cli.csv.municipality_name_alt", lang), msg("cli.desk.name_alt")(lang)),
        _col("county_number", msg("cli.allocate.county_number"), lang),
        _col("population", msg("cli.municipalities.population"), lang, Kind.INT, total=True),
    )
    rows = tuple(
        (k.kommunenummer, k.name, k.name_alt or "", k.fylkesnummer, k.population) for k in kommuner
    )
    return [
        Table(
            msg("cli.desk.sheet.municipalities")(lang),
            columns,
            rows,
            total_label=msg("cli.municipalities.total", count=len(kommuner))(lang),
            label_at=1,
        )
    ]


def check_tables(
    result: CheckResult, lang: Lang, labels: Mapping[str, str] | None = None
) -> list[Table]:
    """Every finding (rule, outcome, severity, subject, message) and the count of each
    outcome with a sum row."""
    from post65.rulebook import Outcome
    from post65.tables import Column, Kind, Table

    names = labels or {}
    findings = Table(
        msg("cli.desk.sheet.findings")(lang),
        (
            _col("rule", msg("cli.check.rule"), lang),
            _col("outcome", msg("cli.check.outcome"), lang),
            _col("severity", msg("cli.check.severity"), lang),
            Column(_h("cli.csv.subject", lang), msg("cli.desk.subject")(lang)),
            _col("message", msg("cli.check.message"), lang),
        ),
        tuple(
            (
                f.rule,
                label(f.outcome, lang),
                label(f.severity, lang),
                (f.subject or "/") + (f" ({names[f.subject]})" if f.subject in names else ""),
                f.message(lang),
            )
            for f in result.findings
        ),
    )
    counts = Table(
        msg("cli.desk.sheet.summary")(lang),
        (
            _col("outcome", msg("cli.check.outcome"), lang),
            Column(_h("cli.csv.count", lang), msg("cli.desk.count")(lang), Kind.INT, True),
        ),
        tuple((label(Outcome(o), lang), n) for o, n in result.summary.items()),
        total_label=msg("cli.allocate.total")(lang),
    )
    return [findings, counts]


def write_allocation_chart(alloc: Allocation, title: str, path: str, lang: Lang) -> None:
    """Draw the amount per county of ``alloc`` as bars to ``path`` (.svg or .png)."""
    from post65.charts import bar_chart
    from post65.money import kroner

    data = bar_chart(
        [c.name for c in alloc.counties],
        [kroner(c.amount) for c in alloc.counties],
        title=title,
        lang=lang,
        fmt="png" if path.lower().endswith(".png") else "svg",
    )
    write_file(path, data, "--chart")
