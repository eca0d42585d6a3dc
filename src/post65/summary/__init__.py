"""The national summary for KDD (``post65 summarise``): the county reports of one year side by
side, with the national totals.

:func:`summarise_files` reads the ``report`` documents (what ``post65 report --format json``
writes) and refuses, with every problem listed and located by file and JSON Pointer, a file that
is not a report, a county not in the 2024 register, a county twice and a year other than the one
most reports have; :func:`summarise_reports` does the same for reports already read. The
:class:`NationalSummary` holds one :class:`CountySummary` per county (frame; per scheme the
split, the funds received, paid out and spent on administration, the administration share, the
funds carried over, the measures and, for c, the jobs created; the target municipalities
reached, where the report states them) and the counties missing; :func:`render_summary` writes it
as Markdown, HTML (with a chart of the split per county), CSV, JSON, an Excel workbook or a
typeset A4 PDF (with the same chart; the ``pdf`` extra).

>>> from post65.io import load
>>> from post65.report import build_report
>>> report = build_report(load("examples/nordland-2024.portfolio.json"))
>>> summary = summarise_reports([("nordland.json", report)])
>>> [c.name for c in summary.counties], len(summary.missing)
(['Nordland'], 14)
>>> print(summary.counties[0].schemes[2].jobs_created, summary.total.measures)
23 19
"""

from __future__ import annotations

from post65.summary.build import (
    CountySummary,
    NationalSummary,
    SchemeFigures,
    summarise_files,
    summarise_reports,
)
from post65.summary.page import split_svg
from post65.summary.render import SUMMARY_FORMATS, render_summary, summary_json, summary_tables

__all__ = [
    "SUMMARY_FORMATS",
    "CountySummary",
    "NationalSummary",
    "SchemeFigures",
    "render_summary",
    "split_svg",
    "summarise_files",
    "summarise_reports",
    "summary_json",
    "summary_tables",
]
