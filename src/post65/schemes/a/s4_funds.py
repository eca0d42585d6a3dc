"""§4 Hva kan midlene brukes til: the funds over the years (rule A-4.12).

«Midlene i ordningen kan disponeres uavhengig av hvilket år bevilgningen er gitt.»

A-4.12 judges the portfolio's funds (``/funds``), year by year up to the portfolio's year.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from post65.funds import SchemeId
from post65.law import Alternative, Interpretation
from post65.ledger import Ledger
from post65.money import amount_to_str, kroner, nok
from post65.portfolio import Portfolio
from post65.rulebook import Context, Outcome, Result, Rule, Severity, rule
from post65.schemes.a._common import KINDS, cite, msg

__all__ = ["RULES", "a_4_12"]


def _first_overdraft(ledger: Ledger, years: list[int]) -> tuple[int, Decimal, Decimal] | None:
    """The first year whose balance is below zero, with what was spent and received by then."""
    for year in years:
        if kroner(ledger.balance(SchemeId.A, year)) < 0:
            spent = kroner(ledger.spent(SchemeId.A, up_to=year))
            return year, spent, kroner(ledger.received(SchemeId.A, up_to=year))
    return None


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
            "spending_only",
            msg("interp.a-4.12.spending_only"),
            Alternative("commitments", msg("interp.a-4.12.spending_only.alt.commitments")),
        ),
        Interpretation.law("carry_over", msg("interp.a-4.12.carry_over")),
    ),
)
def a_4_12(doc: Portfolio, ctx: Context) -> Iterator[Result]:
    """Year by year up to the portfolio's year, what scheme a has spent (payments and
    administration costs) never exceeds what it has received for all appropriation years to
    date; what is left carries over and never lapses."""
    ledger = ctx.once("ledger", lambda: Ledger.from_funds(doc.funds))
    years = [y for y in ledger.years(SchemeId.A) if y <= doc.year]
    if not years:
        found = msg("a.4-12.nothing", year=doc.year)
        yield Result("/funds", Outcome.UNDETERMINED, found, {"year": str(doc.year)})
        return
    values = {f"balance_{y}": amount_to_str(ledger.balance(SchemeId.A, y)) for y in years}
    received = kroner(ledger.received(SchemeId.A, up_to=doc.year))
    spent = kroner(ledger.spent(SchemeId.A, up_to=doc.year))
    values |= {
        "received": amount_to_str(nok(received)),
        "spent": amount_to_str(nok(spent)),
        "balance": amount_to_str(nok(received - spent)),
    }
    over = _first_overdraft(ledger, years)
    if over is not None:
        year, s, r = over
        found = msg("a.4-12.not_met", year=year, spent=s, received=r, over=s - r)
        yield Result("/funds", Outcome.NOT_MET, found, values)
        return
    found = msg("a.4-12.met", spent=spent, received=received, balance=received - spent)
    yield Result("/funds", Outcome.MET, found, values)


RULES: tuple[Rule, ...] = (a_4_12,)
"""The rule of §4 on the funds over the years."""
