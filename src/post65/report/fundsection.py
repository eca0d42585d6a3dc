"""The report's funds section (§6: «Midler som er overført fra tidligere år»): the funds per
scheme, and the repayments (tilbakebetaling), reallocations (omdisponering) and lapsed
commitments (bortfall) when there are any. Amounts are kroner without the symbol (the table's
title says «kr»)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Literal

import pint

from post65.errors import Lang
from post65.funds import SchemeId
from post65.layout import Paragraph, Section, Table
from post65.money import kroner, total
from post65.report.document import Report, SchemeFunds
from post65.text import msg

__all__ = ["bare", "funds_section", "percent"]

_CENT = Decimal("0.01")


def bare(amount: pint.Quantity[Decimal], lang: Lang) -> str:
    """Kroner without the symbol (the funds table says «kr» in its title): øre only if any."""
    cents = kroner(amount).quantize(_CENT, rounding=ROUND_HALF_UP)
    whole = cents.quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return msg("report.number", n=whole if whole == cents else cents)(lang)


def percent(share: Decimal | None, lang: Lang) -> str:
    return "–" if share is None else msg("report.percent", share=share)(lang)


_FUNDS_HEADERS = (
    msg("report.table.scheme"),
    msg("report.funds.opening"),
    msg("report.funds.received"),
    msg("report.funds.spent"),
    msg("report.funds.admin"),
    msg("report.funds.admin_share"),
    msg("report.funds.closing"),
)


def funds_section(report: Report, lang: Lang) -> Section:
    """The funds section: per scheme the opening balance, received, spent, administration costs
    and their share, and the closing balance; the repayments, reallocations and lapsed
    commitments in a second table when there are any."""
    parts = [(p.scheme, p.funds) for p in report.schemes if p.funds is not None]
    title = msg("report.funds.title")(lang)
    if not parts:
        return Section("funds", title, (Paragraph(msg("report.funds.none")(lang)),))
    rows = [
        (
            s.value,
            bare(f.opening, lang),
            bare(f.received, lang),
            bare(f.spent, lang),
            bare(f.admin_costs, lang),
            percent(f.admin_share, lang),
            bare(f.closing, lang),
        )
        for s, f in parts
    ]
    if len(parts) > 1:
        sums = {
            name: total(getattr(f, name) for _, f in parts)
            for name in ("opening", "received", "spent", "admin_costs", "closing")
        }
        received = kroner(sums["received"])
        rows.append(
            (
                msg("report.total")(lang),
                bare(sums["opening"], lang),
                bare(sums["received"], lang),
                bare(sums["spent"], lang),
                bare(sums["admin_costs"], lang),
                percent(None if received == 0 else kroner(sums["admin_costs"]) / received, lang),
                bare(sums["closing"], lang),
            )
        )
    headers = tuple(h(lang) for h in _FUNDS_HEADERS)
    note = msg("report.funds.note", year=report.year)(lang)
    align: tuple[Literal["left", "right"], ...] = ("left", *("right",) * 6)
    body: list[Table | Paragraph] = [Table(headers, tuple(rows), align), Paragraph(note)]
    if any(f.moved for _, f in parts):
        body[1:1] = [_movements(parts, lang), Paragraph(msg("report.funds.movements_note")(lang))]
    return Section("funds", title, tuple(body))


def _movements(parts: list[tuple[SchemeId, SchemeFunds]], lang: Lang) -> Table:
    """The funds table's second part: repayments (tilbakebetaling), reallocations (omdisponering)
    in and out, and commitments that lapsed (bortfall), per scheme (only when there are any)."""
    names = ("repaid", "reallocated_in", "reallocated_out", "cancelled")
    rows = [(s.value, *(bare(getattr(f, n), lang) for n in names)) for s, f in parts]
    headers = tuple(h(lang) for h in _MOVEMENT_HEADERS)
    return Table(headers, tuple(rows), ("left", *("right",) * 4))


_MOVEMENT_HEADERS = (
    msg("report.table.scheme"),
    msg("report.funds.repaid"),
    msg("report.funds.reallocated_in"),
    msg("report.funds.reallocated_out"),
    msg("report.funds.cancelled"),
)
