"""The national summary written out: Markdown, one HTML page (with an inline SVG chart of the
split per county), CSV, JSON, an Excel workbook (one sheet per table) and a typeset A4 PDF (with
the same chart drawn; :mod:`post65.summary.pdf`).

Every table has the same shape: an overview (one row per county and a sum row), then one table
per county and one for the whole country with a row per scheme (a, b, c) and a sum row. A figure
a report does not state is shown as «—» (empty in CSV and the workbook, ``null`` in JSON).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Final

from post65._decimal import exact
from post65.errors import InvalidParameter, Lang
from post65.money import amount_to_str, nok
from post65.summary.build import SCHEMES, CountySummary, NationalSummary, SchemeFigures
from post65.summary.page import markdown, page_html
from post65.summary.pdf import summary_pdf
from post65.tables import Cell, Column, Kind, Table, csv_text, xlsx_bytes
from post65.text import Message, msg

__all__ = ["SUMMARY_FORMATS", "render_summary", "summary_json", "summary_tables"]

SUMMARY_FORMATS: Final = ("markdown", "html", "csv", "json", "xlsx", "pdf")

_SHARE_PLACES: Final = Decimal("0.0001")


@exact
def _share(f: SchemeFigures) -> Decimal | None:
    """The administration share as the data outputs carry it (JSON, CSV, the workbook): to four
    decimals, half up, whatever the caller's decimal context."""
    share = f.admin_share
    return None if share is None else share.quantize(_SHARE_PLACES, rounding=ROUND_HALF_UP)


# ---------------------------------------------------------------------------------------------
# Tables (raw cells: for CSV and the workbook)


def _column(
    csv: Message, header: Message, lang: Lang, kind: Kind = Kind.TEXT, total: bool = False
) -> Column:
    """A column headed ``csv`` in CSV and ``header`` in a workbook, both in ``lang``."""
    return Column(csv(lang), header(lang), kind, total)


def _scheme_columns(lang: Lang) -> tuple[Column, ...]:
    return (
        Column(msg("summary.csv.scheme")(lang), msg("summary.col.scheme", scheme="")(lang).strip()),
        _column(msg("summary.csv.split_one"), msg("summary.col.split"), lang, Kind.KR, True),
        _column(msg("summary.csv.received"), msg("summary.col.received"), lang, Kind.KR, True),
        _column(msg("summary.csv.payments"), msg("summary.col.payments"), lang, Kind.KR, True),
        _column(
            msg("summary.csv.admin_costs"), msg("summary.col.admin_costs"), lang, Kind.KR, True
        ),
        _column(
            msg("summary.csv.admin_share_one"), msg("summary.col.admin_share"), lang, Kind.SHARE
        ),
        _column(msg("summary.csv.carried"), msg("summary.col.carried"), lang, Kind.KR, True),
        _column(msg("summary.csv.measures"), msg("summary.col.measures"), lang, Kind.INT, True),
        _column(msg("summary.csv.jobs"), msg("summary.col.jobs"), lang, Kind.INT, True),
    )


def _scheme_row(name: str, f: SchemeFigures) -> tuple[Cell, ...]:
    return (
        name,
        f.split,
        f.received,
        f.payments,
        f.admin_costs,
        _share(f),
        f.carried_over,
        f.measures,
        f.jobs_created,
    )


def _scheme_table(name: str, title: str, schemes: Sequence[SchemeFigures], lang: Lang) -> Table:
    return Table(
        name,
        _scheme_columns(lang),
        tuple(_scheme_row(s.value, f) for s, f in zip(SCHEMES, schemes, strict=True)),
        total_label=msg("summary.col.total")(lang),
        title=title,
    )


def _overview(summary: NationalSummary, lang: Lang) -> Table:
    def col(csv: Message, header: Message, kind: Kind = Kind.TEXT, total: bool = False) -> Column:
        return _column(csv, header, lang, kind, total)

    columns = (
        col(msg("summary.csv.county_number"), msg("summary.col.county_number")),
        col(msg("summary.csv.county_name"), msg("summary.col.county")),
        col(msg("summary.csv.frame"), msg("summary.col.frame"), Kind.KR, True),
        *(
            col(
                msg("summary.csv.split", scheme=s),
                msg("summary.col.split_scheme", scheme=s),
                Kind.KR,
                True,
            )
            for s in SCHEMES
        ),
        *(
            col(
                msg("summary.csv.admin_share", scheme=s),
                msg("summary.col.admin_share_scheme", scheme=s),
                Kind.SHARE,
            )
            for s in SCHEMES
        ),
        col(msg("summary.csv.carried"), msg("summary.col.carried"), Kind.KR, True),
        col(msg("summary.csv.measures"), msg("summary.col.measures"), Kind.INT, True),
        col(msg("summary.csv.jobs"), msg("summary.col.jobs"), Kind.INT, True),
        col(msg("summary.csv.reached"), msg("summary.col.reached"), Kind.INT, True),
        col(msg("summary.csv.in_county"), msg("summary.col.in_county"), Kind.INT, True),
    )
    rows = tuple(_overview_row(c) for c in summary.counties)
    return Table(
        msg("summary.overview")(lang),
        columns,
        rows,
        total_label=msg("summary.col.total")(lang),
        label_at=1,
        title=msg("summary.title", year=summary.year)(lang),
    )


def _overview_row(c: CountySummary) -> tuple[Cell, ...]:
    total = c.total
    return (
        c.fylkesnummer,
        c.name,
        c.frame,
        *(f.split for f in c.schemes),
        *(_share(f) for f in c.schemes),
        total.carried_over,
        total.measures,
        total.jobs_created,
        c.target_reached,
        c.target_in_county if c.target_reached is not None else None,
    )


def summary_tables(summary: NationalSummary, lang: Lang = "nb") -> list[Table]:
    """The overview, the whole country, and one table per county (each a sheet)."""
    national = msg("summary.national")(lang)
    tables = [
        _overview(summary, lang),
        _scheme_table(national, national, summary.schemes, lang),
    ]
    tables += [
        _scheme_table(c.name, f"{c.fylkesnummer} {c.name}", c.schemes, lang)
        for c in summary.counties
    ]
    return tables


# ---------------------------------------------------------------------------------------------
# JSON


def _amount(value: Decimal | None) -> str | None:
    return None if value is None else amount_to_str(nok(value))


def _scheme_json(f: SchemeFigures) -> dict[str, Any]:
    share = _share(f)
    return {
        "split": _amount(f.split),
        "received": _amount(f.received),
        "payments": _amount(f.payments),
        "admin_costs": _amount(f.admin_costs),
        "admin_share": None if share is None else str(share),
        "carried_over": _amount(f.carried_over),
        "measures": f.measures,
        "jobs_created": f.jobs_created,
    }


def _schemes_json(schemes: Sequence[SchemeFigures], total: SchemeFigures) -> dict[str, Any]:
    out = {s.value: _scheme_json(f) for s, f in zip(SCHEMES, schemes, strict=True)}
    out["total"] = _scheme_json(total)
    return out


def summary_json(summary: NationalSummary) -> dict[str, Any]:
    """The summary as JSON: amounts as strings of kroner, shares to 4 decimals, ``null`` for
    what a report does not state."""
    return {
        "year": summary.year,
        "counties": [
            {
                "fylkesnummer": c.fylkesnummer,
                "name": c.name,
                "source": c.source,
                "frame": _amount(c.frame),
                "frame_basis": c.frame_basis.value,
                "schemes": _schemes_json(c.schemes, c.total),
                "target_municipalities": {
                    "reached": c.target_reached,
                    "in_county": c.target_in_county,
                },
            }
            for c in summary.counties
        ],
        "missing": [{"fylkesnummer": nr, "name": name} for nr, name in summary.missing],
        "national": {
            "frame": _amount(summary.frame),
            "schemes": _schemes_json(summary.schemes, summary.total),
            "target_municipalities": {
                "reached": summary.target_reached,
                "in_county": summary.target_in_county,
            },
        },
    }


def render_summary(
    summary: NationalSummary,
    fmt: str = "markdown",
    lang: Lang = "nb",
    *,
    csv_dialect: str = "plain",
) -> str | bytes:
    """``summary`` in ``fmt``: ``markdown``, ``html`` (one page with the chart of the split),
    ``csv`` (the overview, in ``csv_dialect``), ``json``, ``xlsx`` (bytes: a workbook, one
    sheet per table; needs the ``xlsx`` extra) or ``pdf`` (bytes: typeset on A4, with the chart;
    needs the ``pdf`` extra).

    :raises InvalidParameter: for another format.
    :raises MissingExtra: for ``xlsx`` without openpyxl.
    :raises NeedsPdfExtra: for ``pdf`` without reportlab.
    """
    if fmt == "markdown":
        return markdown(summary, lang)
    if fmt == "html":
        return page_html(summary, lang)
    if fmt == "csv":
        return csv_text(summary_tables(summary, lang)[0], csv_dialect)
    if fmt == "json":
        return json.dumps(summary_json(summary), ensure_ascii=False, indent=2) + "\n"
    if fmt == "xlsx":
        return xlsx_bytes(summary_tables(summary, lang))
    if fmt == "pdf":
        return summary_pdf(summary, lang)
    raise InvalidParameter(msg("summary.format", shown=str(fmt)[:20], choices=SUMMARY_FORMATS))
