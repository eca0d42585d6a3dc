"""The national summary as a typeset A4 PDF, set by the county report's typesetter.

The pages are laid out by :func:`post65.report.typeset.typeset` and drawn by
:func:`post65.report.pdf.draw_pdf` (the ``post65[pdf]`` extra): the same tables as the HTML page
(the overview, the whole country, one table per county), and after the overview the split
between a, b and c per county as stacked horizontal bars (:func:`split_drawing`, the colours of
the HTML chart). Every page carries «Post 65: nasjonal oppsummering {year}» at the top and
«Side x av y» at the foot; a section is split over two pages only if it is longer than one. The
same summary gives the same bytes: the PDF is dated the 31st of December of the summary's year,
never by the clock.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from typing import Final, Literal

from post65.errors import Lang
from post65.layout import Paragraph, Section, Table
from post65.report.look import Look
from post65.report.metrics import face
from post65.report.pdf import Furniture, NeedsPdfExtra, draw_pdf, pdf_available
from post65.report.typeset import LEFT, RIGHT, Box, Drawing, Op, Text, typeset
from post65.summary.build import SCHEMES, CountySummary, NationalSummary
from post65.summary.page import (
    COLOURS,
    county_line,
    national_line,
    overview_headers,
    overview_rows,
    scheme_headers,
    scheme_rows,
    status,
)
from post65.text import msg

__all__ = ["split_drawing", "summary_pdf", "summary_sections"]

_WIDTH: Final = RIGHT - LEFT
_NAME_W: Final = 112.0
"""The room for the county names, left of the bars."""
_TOTAL_W: Final = 72.0
"""The room right of the longest bar for its total (more if the widest total needs it)."""
_ROW: Final = 17.0
_BAR: Final = 12.0
_TITLE_H: Final = 22.0
_LEGEND_H: Final = 24.0
_SIZE: Final = 8.5
_TENTH: Final = Decimal("0.1")


def _table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> Table:
    right: tuple[Literal["left", "right"], ...] = ("right",)
    align: tuple[Literal["left", "right"], ...] = ("left", *right * (len(headers) - 1))
    return Table(tuple(headers), tuple(tuple(r) for r in rows), align)


def _schemes_table(rows: Sequence[Sequence[str]], lang: Lang) -> Table:
    """A scheme table turned on its side to fit A4 upright: a row per figure, a column per
    scheme and one for the sum."""
    headers = scheme_headers(lang)
    corner = [msg("summary.pdf.figure")(lang)]
    schemes = [msg("summary.col.scheme", scheme=s.value)(lang) for s in SCHEMES]
    top = [*corner, *schemes, rows[-1][0]]
    return _table(top, [[h, *(r[j] for r in rows)] for j, h in enumerate(headers) if j > 0])


def _overview_tables(summary: NationalSummary, lang: Lang) -> tuple[Table, Table]:
    """The overview in two tables that fit A4 upright: the frame and the split, then the
    carried over, measures, jobs and target municipalities."""
    headers, rows = overview_headers(lang), overview_rows(summary, lang)
    first, second = (0, 1, 2, 3, 4), (0, 5, 6, 7, 8)
    return (
        _table([headers[i] for i in first], [[r[i] for i in first] for r in rows]),
        _table([headers[i] for i in second], [[r[i] for i in second] for r in rows]),
    )


def _split(c: CountySummary) -> Decimal:
    return sum(((f.split or Decimal(0)) for f in c.schemes), start=Decimal(0))


def split_drawing(summary: NationalSummary, lang: Lang = "nb") -> Drawing:
    """The split between a, b and c per county as stacked horizontal bars, the largest split
    at the top (as :func:`~post65.summary.page.split_svg`): each segment in its scheme's colour
    with its amount in millions where it fits («9,0 mill. kr»), each bar's total at its end, a
    legend below."""
    counties = sorted(summary.counties, key=lambda c: (-_split(c), c.fylkesnummer))
    regular, bold = face(), face(bold=True)
    height = _TITLE_H + _ROW * len(counties) + _LEGEND_H
    ops: list[Op] = [Text(0.0, height - 12.0, msg("summary.chart.title")(lang), 10.0, True)]
    largest = max((_split(c) for c in counties), default=Decimal(0))
    totals = {c.fylkesnummer: msg("summary.kr", amount=_split(c))(lang) for c in counties}
    widest = max((regular.width(t, _SIZE) for t in totals.values()), default=0.0)
    bars = _WIDTH - _NAME_W - max(_TOTAL_W, widest + 6.0)
    for i, c in enumerate(counties):
        top = height - _TITLE_H - i * _ROW
        base = top - (_ROW + _BAR) / 2
        text_y = base + (_BAR - _SIZE) / 2 + 1.2
        name = f"{c.fylkesnummer} {c.name}"
        ops.append(Text(_NAME_W - 6.0 - regular.width(name, _SIZE), text_y, name, _SIZE))
        x = _NAME_W
        for f, colour in zip(c.schemes, COLOURS, strict=True):
            amount = f.split or Decimal(0)
            w = float(Decimal(str(bars)) * amount / largest) if largest else 0.0
            if w <= 0:
                continue
            ops.append(Box(x, base, w, _BAR, colour))
            label = msg("charts.tick.million", x=(amount / 10**6).quantize(_TENTH))(lang)
            size = 7.0
            label_w = bold.width(label, size)
            if label_w + 6.0 <= w:  # the label fits inside the segment
                ops.append(
                    Text(x + (w - label_w) / 2, base + 3.2, label, size, True, fill="#ffffff")
                )
            x += w
        ops.append(Text(x + 5.0, text_y, totals[c.fylkesnummer], _SIZE))
    legend_y = 6.0
    key_x = _NAME_W
    for scheme, colour in zip(SCHEMES, COLOURS, strict=True):
        name = msg("summary.col.scheme", scheme=scheme.value)(lang)
        ops.append(Box(key_x, legend_y, 9.0, 9.0, colour))
        ops.append(Text(key_x + 13.0, legend_y + 1.5, name, _SIZE))
        key_x += 13.0 + regular.width(name, _SIZE) + 22.0
    return Drawing("chart", height, tuple(ops))


def summary_sections(summary: NationalSummary, lang: Lang = "nb") -> list[Section | Drawing]:
    """What the PDF sets: who reported (and who is missing), the overview, the chart, the whole
    country, and one section per county."""
    national = msg("summary.national")(lang)
    parts: list[Section | Drawing] = [
        Section(
            "overview",
            msg("summary.overview")(lang),
            (
                Paragraph(status(summary, lang)),
                *_overview_tables(summary, lang),
            ),
        ),
    ]
    if summary.counties:
        parts.append(split_drawing(summary, lang))
    parts.append(
        Section(
            "national",
            national,
            (
                Paragraph(national_line(summary, lang)),
                _schemes_table(scheme_rows(summary.schemes, summary.total, lang), lang),
            ),
        )
    )
    parts += [
        Section(
            c.fylkesnummer,
            f"{c.fylkesnummer} {c.name}",
            (
                Paragraph(county_line(c, lang)),
                _schemes_table(scheme_rows(c.schemes, c.total, lang), lang),
            ),
        )
        for c in summary.counties
    ]
    return parts


def summary_pdf(summary: NationalSummary, lang: Lang = "nb") -> bytes:
    """The summary as a typeset A4 PDF (bytes).

    :raises NeedsPdfExtra: without ``reportlab`` (``pip install 'post65[pdf]'``).
    """
    if not pdf_available():
        raise NeedsPdfExtra(msg("summary.pdf.needs_extra"))
    title = msg("summary.title", year=summary.year)(lang)
    laid = typeset(title, summary_sections(summary, lang), keep=True)
    furniture = Furniture(
        sender=msg("summary.pdf.header", year=summary.year)(lang),
        footer=msg("summary.pdf.footer", year=summary.year)(lang),
        title=title,
        subject=msg("summary.pdf.subject", year=summary.year)(lang),
        made=dt.date(summary.year, 12, 31),
        author="post65",
    )
    labels = [
        msg("report.pdf.page", page=n, pages=laid.pages)(lang) for n in range(1, laid.pages + 1)
    ]
    return draw_pdf(laid, furniture, Look(), labels)
