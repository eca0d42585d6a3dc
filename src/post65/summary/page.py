"""The national summary as a page: Markdown, or one HTML page with an inline SVG chart of the
split per county (drawn here, by hand: no extra needed, the same bytes everywhere)."""

from __future__ import annotations

import html
from collections.abc import Sequence
from decimal import Decimal
from typing import Final

from post65.errors import Lang
from post65.summary.build import SCHEMES, CountySummary, NationalSummary, SchemeFigures
from post65.text import Lang as Language
from post65.text import msg

__all__ = [
    "ABSENT",
    "COLOURS",
    "county_line",
    "markdown",
    "national_line",
    "overview_headers",
    "overview_rows",
    "page_html",
    "scheme_headers",
    "scheme_rows",
    "split_svg",
    "status",
]

ABSENT: Final = "—"
"""What a figure the report does not state shows as."""

COLOURS: Final = ("#2b6f8e", "#b5651d", "#4f7a3a")
"""Schemes a, b and c in the chart."""
_TENTH: Final = Decimal("0.1")


def _kr(value: Decimal | None, lang: Lang) -> str:
    return ABSENT if value is None else msg("summary.kr", amount=value)(lang)


def _pct(value: Decimal | None, lang: Lang) -> str:
    return ABSENT if value is None else msg("summary.pct", share=value)(lang)


def _num(value: int | None, lang: Lang) -> str:
    return ABSENT if value is None else msg("summary.num", n=value)(lang)


def _reached(reached: int | None, in_county: int | None, lang: Lang) -> str:
    if reached is None:
        return ABSENT
    if in_county is None:
        return _num(reached, lang)
    return msg("summary.reached", reached=reached, in_county=in_county)(lang)


def scheme_headers(lang: Lang) -> list[str]:
    return [
        msg("summary.col.scheme", scheme="")(lang).strip(),
        msg("summary.col.split")(lang),
        msg("summary.col.received")(lang),
        msg("summary.col.payments")(lang),
        msg("summary.col.admin_costs")(lang),
        msg("summary.col.admin_share")(lang),
        msg("summary.col.carried")(lang),
        msg("summary.col.measures")(lang),
        msg("summary.col.jobs")(lang),
    ]


def _scheme_cells(name: str, f: SchemeFigures, lang: Lang) -> list[str]:
    return [
        name,
        _kr(f.split, lang),
        _kr(f.received, lang),
        _kr(f.payments, lang),
        _kr(f.admin_costs, lang),
        _pct(f.admin_share, lang),
        _kr(f.carried_over, lang),
        _num(f.measures, lang),
        _num(f.jobs_created, lang),
    ]


def scheme_rows(
    schemes: Sequence[SchemeFigures], total: SchemeFigures, lang: Lang
) -> list[list[str]]:
    rows = [_scheme_cells(s.value, f, lang) for s, f in zip(SCHEMES, schemes, strict=True)]
    rows.append(_scheme_cells(msg("summary.col.total")(lang), total, lang))
    return rows


def overview_headers(lang: Lang) -> list[str]:
    return [
        msg("summary.col.county")(lang),
        msg("summary.col.frame")(lang),
        *(msg("summary.col.split_scheme", scheme=s)(lang) for s in SCHEMES),
        msg("summary.col.carried")(lang),
        msg("summary.col.measures")(lang),
        msg("summary.col.jobs")(lang),
        msg("summary.col.reached")(lang),
    ]


def overview_rows(summary: NationalSummary, lang: Lang) -> list[list[str]]:
    def row(
        name: str,
        frame: Decimal | None,
        schemes: Sequence[SchemeFigures],
        total: SchemeFigures,
        reached: str,
    ) -> list[str]:
        return [
            name,
            _kr(frame, lang),
            *(_kr(f.split, lang) for f in schemes),
            _kr(total.carried_over, lang),
            _num(total.measures, lang),
            _num(total.jobs_created, lang),
            reached,
        ]

    rows = [
        row(
            f"{c.fylkesnummer} {c.name}",
            c.frame,
            c.schemes,
            c.total,
            _reached(c.target_reached, c.target_in_county, lang),
        )
        for c in summary.counties
    ]
    rows.append(
        row(
            msg("summary.col.total")(lang),
            summary.frame,
            summary.schemes,
            summary.total,
            _reached(summary.target_reached, summary.target_in_county, lang),
        )
    )
    return rows


def status(summary: NationalSummary, lang: Lang) -> str:
    count = msg(
        "summary.reported",
        count=len(summary.counties),
        total=len(summary.counties) + len(summary.missing),
    )(lang)
    if not summary.missing:
        return count + " " + msg("summary.all_reported")(lang)
    names = [f"{nr} {name}" for nr, name in summary.missing]
    return count + " " + msg("summary.missing", names=names)(lang)


def national_line(summary: NationalSummary, lang: Lang) -> str:
    """The whole country's frame and target municipalities reached, in a sentence."""
    return msg(
        "summary.national_line",
        frame=_kr(summary.frame, lang),
        reached=_reached(summary.target_reached, summary.target_in_county, lang),
    )(lang)


def county_line(c: CountySummary, lang: Lang) -> str:
    return msg(
        "summary.county_line",
        frame=_kr(c.frame, lang),
        reached=_reached(c.target_reached, c.target_in_county, lang),
        source=c.source,
    )(lang)


def _md_table(headers: list[str], rows: list[list[str]]) -> str:
    def esc(cell: str) -> str:
        return html.escape(cell, quote=False).replace("|", "\\|").replace("\n", " ")

    align = ["---"] + ["---:"] * (len(headers) - 1)
    lines = ["| " + " | ".join(esc(h) for h in headers) + " |", "| " + " | ".join(align) + " |"]
    lines += ["| " + " | ".join(esc(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def markdown(summary: NationalSummary, lang: Lang = "nb") -> str:
    """The summary as Markdown: the title, who reported, the overview, the whole country, and
    one section per county."""
    national = msg("summary.national")(lang)
    parts = [
        "# " + msg("summary.title", year=summary.year)(lang),
        status(summary, lang),
        "## " + msg("summary.overview")(lang),
        _md_table(overview_headers(lang), overview_rows(summary, lang)),
        "## " + national,
        national_line(summary, lang),
        _md_table(scheme_headers(lang), scheme_rows(summary.schemes, summary.total, lang)),
    ]
    for c in summary.counties:
        parts += [
            f"## {c.fylkesnummer} {c.name}",
            html.escape(county_line(c, lang), quote=False),
            _md_table(scheme_headers(lang), scheme_rows(c.schemes, c.total, lang)),
        ]
    return "\n\n".join(parts) + "\n"


def split_svg(summary: NationalSummary, lang: Lang = "nb") -> str:
    """The split between a, b and c per county as horizontal stacked bars (an SVG element),
    the largest split at the top, each bar's total at its end, a legend below."""
    counties = sorted(
        (c for c in summary.counties),
        key=lambda c: (-sum((f.split or Decimal(0)) for f in c.schemes), c.fylkesnummer),
    )
    left, bar_w, row_h, top = 150, 420, 24, 34
    width = left + bar_w + 140
    height = top + row_h * len(counties) + 40
    largest = max(
        (sum((f.split or Decimal(0)) for f in c.schemes) for c in counties), default=Decimal(0)
    )
    title = html.escape(msg("summary.chart.title")(lang))
    desc = html.escape(msg("summary.chart.description")(lang))
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-labelledby="split-title split-desc" '
        'font-family="DejaVu Sans, Arial, sans-serif" font-size="12">',
        f'<title id="split-title">{title}</title>',
        f'<desc id="split-desc">{desc}</desc>',
        f'<text x="0" y="16" font-size="14" font-weight="bold">{title}</text>',
    ]
    for i, c in enumerate(counties):
        y = top + i * row_h
        name = html.escape(f"{c.fylkesnummer} {c.name}")
        out.append(f'<text x="{left - 8}" y="{y + 16}" text-anchor="end">{name}</text>')
        x = Decimal(left)
        for scheme, f, colour in zip(SCHEMES, c.schemes, COLOURS, strict=True):
            amount = f.split or Decimal(0)
            w = Decimal(bar_w) * amount / largest if largest else Decimal(0)
            if w > 0:
                label = html.escape(f"{scheme.value}: {_kr(f.split, lang)}")
                out.append(
                    f'<rect x="{x:.1f}" y="{y + 3}" width="{w:.1f}" height="{row_h - 6}" '
                    f'fill="{colour}"><title>{label}</title></rect>'
                )
                millions = msg("charts.tick.million", x=(amount / 10**6).quantize(_TENTH))
                if w >= 6.5 * len(millions(lang)) + 10:  # the label fits inside the segment
                    out.append(
                        f'<text x="{x + w / 2:.1f}" y="{y + 16}" text-anchor="middle" '
                        f'fill="white" font-size="11">{html.escape(millions(lang))}</text>'
                    )
            x += w
        total = sum(((f.split or Decimal(0)) for f in c.schemes), start=Decimal(0))
        out.append(f'<text x="{x + 6:.1f}" y="{y + 16}">{html.escape(_kr(total, lang))}</text>')
    y = top + row_h * len(counties) + 18
    for k, (scheme, colour) in enumerate(zip(SCHEMES, COLOURS, strict=True)):
        key_x = left + k * 110
        name = html.escape(msg("summary.col.scheme", scheme=scheme.value)(lang))
        out.append(f'<rect x="{key_x}" y="{y - 10}" width="12" height="12" fill="{colour}"/>')
        out.append(f'<text x="{key_x + 18}" y="{y}">{name}</text>')
    out.append("</svg>")
    return "\n".join(out)


_CSS: Final = """body { font-family: "DejaVu Sans", Arial, sans-serif; margin: 2em; color: #222; }
table { border-collapse: collapse; margin: 0.5em 0 1.5em; font-size: 0.9em; }
th, td { border-bottom: 1px solid #ccc; padding: 0.25em 0.6em; text-align: right; }
th:first-child, td:first-child { text-align: left; }
tr:last-child td { font-weight: bold; border-top: 2px solid #888; }
figure { margin: 1em 0 2em; }
@media print { body { margin: 1cm; } h2 { break-after: avoid; } table { break-inside: avoid; } }"""


def _html_table(headers: list[str], rows: list[list[str]]) -> str:
    head = "".join(f"<th>{html.escape(h)}</th>" for h in headers)
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>" for row in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def page_html(summary: NationalSummary, lang: Lang = "nb") -> str:
    """The summary as one HTML page (print CSS for A4), the chart after the overview."""
    title = html.escape(msg("summary.title", year=summary.year)(lang))
    national = html.escape(msg("summary.national")(lang))
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{Language.parse(lang).value}">',
        f'<head><meta charset="utf-8"><title>{title}</title><style>{_CSS}</style></head>',
        "<body>",
        f"<h1>{title}</h1>",
        f"<p>{html.escape(status(summary, lang))}</p>",
        f"<h2>{html.escape(msg('summary.overview')(lang))}</h2>",
        _html_table(overview_headers(lang), overview_rows(summary, lang)),
        f"<figure>{split_svg(summary, lang)}</figure>",
        f"<h2>{national}</h2>",
        "<p>" + html.escape(national_line(summary, lang)) + "</p>",
        _html_table(scheme_headers(lang), scheme_rows(summary.schemes, summary.total, lang)),
    ]
    for c in summary.counties:
        parts += [
            f"<h2>{html.escape(f'{c.fylkesnummer} {c.name}')}</h2>",
            f"<p>{html.escape(county_line(c, lang))}</p>",
            _html_table(scheme_headers(lang), scheme_rows(c.schemes, c.total, lang)),
        ]
    parts += ["</body>", "</html>"]
    return "\n".join(parts) + "\n"
