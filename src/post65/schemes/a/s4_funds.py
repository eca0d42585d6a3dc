"""§4 Hva kan midlene brukes til: the funds over the years (rule A-4.12).

«Midlene i ordningen kan disponeres uavhengig av hvilket år bevilgningen er gitt.»

A-4.12 judges the portfolio's funds (``/funds``), year by year up to the portfolio's year: what
scheme a has spent and the commitments (tilsagn) it has outstanding never exceed the funds it has
had from all appropriation years together. The sentence itself says only that the funds may be
used whatever the appropriation year; that spending and commitments stay within the funds is
post65's reading (basis ``library``).
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from post65.funds import SchemeId
from post65.law import Alternative, Interpretation
from post65.ledger import Ledger, Overdraft
from post65.money import amount_to_str, kroner, nok
from post65.portfolio import Portfolio
from post65.rulebook import Context, Result, Rule, Severity, rule
from post65.schemes import verdict
from post65.schemes.a._common import KINDS, cite, msg
from post65.text import Message

__all__ = ["RULES", "a_4_12"]

_A = SchemeId.A


def _funds(ledger: Ledger, year: int) -> Decimal:
    """Scheme a's funds up to the end of ``year``: received, repaid and reallocated in, less
    reallocated out."""
    return kroner(ledger.funds_of(_A, up_to=year)) + kroner(ledger.repaid(_A, up_to=year))


def _not_met(ledger: Ledger, over: Overdraft) -> Message:
    """The first year end where scheme a's spending, or its spending and outstanding
    commitments, exceed its funds, described."""
    year, shortfall = over.year, over.shortfall
    spent = kroner(ledger.spent(_A, up_to=year))
    funds = _funds(ledger, year)
    if over.kind == "balance":
        return msg("a.4-12.not_met", year=year, spent=spent, funds=funds, over=shortfall)
    outstanding = kroner(ledger.outstanding(_A, year))
    return msg(
        "a.4-12.not_met_committed",
        year=year,
        spent=spent,
        outstanding=outstanding,
        total=spent + outstanding,
        funds=funds,
        shortfall=shortfall,
    )


@rule(
    "A-4.12",
    scheme="a",
    severity=Severity.ERROR,
    subject="portfolio",
    kinds=KINDS,
    title=msg("a.4-12.title"),
    citation=cite(
        "4", "Midlene i ordningen kan disponeres uavhengig av hvilket år bevilgningen er gitt."
    ),
    interpretations=(
        Interpretation.library(
            "with_commitments",
            msg("interp.a-4.12.with_commitments"),
            Alternative("spending_only", msg("interp.a-4.12.with_commitments.alt.spending_only")),
        ).selected_by("reading.a-4.12"),
        Interpretation.law("carry_over", msg("interp.a-4.12.carry_over")),
        Interpretation.library("ledger_events", msg("interp.a-4.12.ledger_events")),
    ),
)
def a_4_12(doc: Portfolio, ctx: Context) -> Iterator[Result]:
    """At every year end up to the portfolio's year, what scheme a has spent (payments and
    administration costs) plus its outstanding commitments (tilsagn neither paid nor lapsed) is
    at most its funds from all appropriation years to date (received, repaid, reallocated in,
    less reallocated out). With ``reading.a-4.12=spending_only`` the commitments are shown but
    not counted: only spending beyond the funds is ``not_met``."""
    ledger = ctx.once("ledger", lambda: Ledger.from_funds(doc.funds))
    years = [y for y in ledger.years(_A) if y <= doc.year]
    if not years:
        found = msg("a.4-12.nothing", year=doc.year)
        yield verdict.result("/funds", verdict.UNDETERMINED, found, {"year": str(doc.year)})
        return
    values = {f"balance_{y}": amount_to_str(ledger.balance(_A, y)) for y in years}
    funds = _funds(ledger, doc.year)
    spent = kroner(ledger.spent(_A, up_to=doc.year))
    outstanding = kroner(ledger.outstanding(_A, doc.year))
    free = funds - spent - outstanding
    values |= {
        "received": amount_to_str(ledger.received(_A, up_to=doc.year)),
        "funds": amount_to_str(nok(funds)),
        "spent": amount_to_str(nok(spent)),
        "outstanding": amount_to_str(nok(outstanding)),
        "balance": amount_to_str(nok(funds - spent)),
        "free": amount_to_str(nok(free)),
    }
    reading = ctx.reading("reading.a-4.12")
    values["reading"] = reading
    over = [
        o
        for o in ledger.overdrafts(_A)
        if o.year <= doc.year and (reading == "with_commitments" or o.kind == "balance")
    ]
    if over:
        values |= {"shortfall": amount_to_str(over[0].shortfall), "year": str(over[0].year)}
        yield verdict.result("/funds", verdict.NOT_MET, _not_met(ledger, over[0]), values)
        return
    if free < 0:  # the commitments go beyond what is left, and the reading does not count them
        found = msg(
            "a.4-12.met_committed_beyond",
            spent=spent,
            outstanding=outstanding,
            funds=funds,
            beyond=-free,
        )
    else:
        found = msg("a.4-12.met", spent=spent, outstanding=outstanding, funds=funds, free=free)
    yield verdict.result("/funds", verdict.MET, found, values)


RULES: tuple[Rule, ...] = (a_4_12,)
"""The rule of §4 on the funds over the years."""
