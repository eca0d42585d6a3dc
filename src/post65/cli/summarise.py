"""``post65 summarise``: the national summary of the county reports of one year, for KDD.

Reads the ``report`` documents (what ``post65 report --format json`` writes), refuses a county
twice, mixed years and unknown counties with every problem listed (exit 2, each located by file
and JSON Pointer), and writes one table per county and the national totals as Markdown, HTML
(with a chart of the split per county), CSV, JSON, an Excel workbook or a typeset A4 PDF (with
the chart; the last two only to a file: ``--output FILE``).
"""

from __future__ import annotations

import argparse

from post65.cli._desk import CSV_DIALECTS, write_file
from post65.cli._output import EXIT_OK, msg, write

__all__ = ["add", "run"]


def run(args: argparse.Namespace) -> int:
    """Summarise the reports ``args.files`` in ``--format`` (to ``--output`` or stdout)."""
    from post65.errors import InvalidInput, Problem
    from post65.summary import render_summary, summarise_files

    if args.format == "xlsx" and not args.output:
        raise InvalidInput([Problem("--output", msg("cli.desk.xlsx_needs_output"))])
    if args.format == "pdf" and not args.output:
        raise InvalidInput([Problem("--output", msg("cli.summarise.pdf_needs_output"))])
    summary = summarise_files(args.files)
    rendered = render_summary(summary, args.format, args.lang, csv_dialect=args.csv_dialect)
    if args.output:
        data = rendered if isinstance(rendered, bytes) else rendered.encode()
        write_file(args.output, data, "--output")
    else:
        assert isinstance(rendered, str)  # noqa: S101 - xlsx and pdf are bytes, need --output
        write(rendered)
    return EXIT_OK


def add(p: argparse.ArgumentParser) -> None:
    """Add the arguments of the ``summarise`` subcommand to its parser ``p``."""
    p.description = (
        "Read the county reports of one year (post65 report --format json) and write one "
        "table per county (frame, split a/b/c, administration share per scheme, carried "
        "over, target municipalities reached, measures, jobs created) and the national "
        "totals; the counties with no report are listed as missing. A county twice, mixed "
        "years and unknown counties are refused with every problem listed (exit 2)."
    )
    p.add_argument("files", metavar="REPORT.json", nargs="+", help="county report documents")
    p.add_argument(
        "--format",
        choices=("markdown", "html", "csv", "json", "xlsx", "pdf"),
        default="markdown",
        help="markdown (default), html (one page with a chart of the split), csv (the "
        "overview), json, xlsx (a workbook, one sheet per table; needs post65[xlsx]), or pdf "
        "(typeset on A4, with the chart; needs post65[pdf]); xlsx and pdf need --output",
    )
    p.add_argument("--output", metavar="FILE", help="write to FILE instead of standard output")
    p.add_argument(
        "--csv-dialect",
        choices=CSV_DIALECTS,
        default="plain",
        help="plain (comma, decimal point) or excel (semicolon, decimal comma, a BOM and a sum "
        "row: as Norwegian Excel opens it)",
    )
    p.set_defaults(func=run)
