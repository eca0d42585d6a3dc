"""§5 Administrasjons- og gjennomføringskostnader: the county's own costs (rules A-5.1, A-5.2).

«Fylkeskommunen kan bruke inntil 5 prosent av tilskuddsmidlene til å dekke egne
administrasjons- og gjennomføringskostnader som kan knyttes direkte til forvaltningen av
midlene.»

A-5.1 judges the administration costs together (``/funds/admin_costs``), A-5.2 each cost item
(``/funds/admin_costs/0``).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from decimal import ROUND_HALF_UP, Decimal

from post65.funds import AdminCategory, AdminCost, SchemeId
from post65.law import Alternative, Interpretation
from post65.ledger import Ledger
from post65.money import amount_to_str, kroner, nok
from post65.portfolio import Portfolio
from post65.rulebook import Context, Each, Outcome, Result, Rule, Severity, Verdict, rule
from post65.schemes import verdict
from post65.schemes._shares import beside
from post65.schemes.a._common import KINDS, cite, msg
from post65.text import Message

__all__ = ["RULES", "a_5_1", "a_5_2"]

_SUBJECT = "/funds/admin_costs"
_A = SchemeId.A
_PLACES = Decimal("0.0001")


def _by_year(
    ledger: Ledger, years: list[int], limit: Decimal, values: dict[str, str]
) -> list[Message]:
    """The share of each year (costs of the year / the scheme's funds received in that year),
    shown on its side of ``limit``; the values get ``share_<year>``."""
    shown: list[Message] = []
    for year in years:
        r = kroner(ledger.funds_of(_A, year))
        a = kroner(ledger.admin(_A, year))
        if r > 0:
            ratio = a / r
            values[f"share_{year}"] = str(ratio.quantize(_PLACES, rounding=ROUND_HALF_UP))
            shown.append(msg("a.5-1.year", year=year, share=beside(ratio, limit)))
        elif a > 0:
            values[f"share_{year}"] = "-"
            shown.append(msg("a.5-1.year_no_funds", year=year, amount=a))
    return shown


def _over_years(
    ledger: Ledger, years: list[int], share: Decimal, values: dict[str, str]
) -> list[Message]:
    """The years whose administration costs exceed ``share`` of the funds received in the same
    year (the per-year reading), each described; the values get ``cap_<year>``."""
    over: list[Message] = []
    for year in years:
        funds = kroner(ledger.funds_of(_A, year))
        admin = kroner(ledger.admin(_A, year))
        cap = share * funds
        values[f"cap_{year}"] = str(cap)
        if admin <= cap:
            continue
        if funds > 0:
            found = msg("a.5-1.per_year.over", year=year, admin=admin, funds=funds, cap=cap)
        else:
            found = msg("a.5-1.year_no_funds", year=year, amount=admin)
        over.append(found)
    return over


@rule(
    "A-5.1",
    scheme="a",
    severity=Severity.ERROR,
    subject="portfolio",
    kinds=KINDS,
    title=msg("a.5-1.title"),
    citation=cite(
        "5",
        "Fylkeskommunen kan bruke inntil 5 prosent av tilskuddsmidlene til å dekke egne "
        "administrasjons- og gjennomføringskostnader",
    ),
    interpretations=(
        Interpretation.library(
            "cumulative",
            msg("interp.a-5.1.cumulative"),
            Alternative("per_year", msg("interp.a-5.1.cumulative.alt.per_year")),
        ).selected_by("reading.a-5.1"),
        Interpretation.library("grant_funds", msg("interp.a-5.1.grant_funds")),
    ),
)
def a_5_1(doc: Portfolio, ctx: Context) -> Iterator[Result]:
    """Cumulatively up to the portfolio's year (the default reading): the administration costs
    charged to scheme a are at most ``a.admin_cost_share`` (5 % from 2024) of scheme a's grant
    funds (received, plus reallocated in, less reallocated out); the ratio of each year is shown
    too. With ``reading.a-5.1=per_year``: each year's costs are at most that share of the funds
    received in the same year."""
    share = ctx.param("a.admin_cost_share")
    if share is None:
        values = {"parameter": "a.admin_cost_share"}
        yield verdict.result(_SUBJECT, verdict.UNDETERMINED, msg("a.5-1.no_parameter"), values)
        return
    ledger = ctx.once("ledger", lambda: Ledger.from_funds(doc.funds))
    received = kroner(ledger.funds_of(_A, up_to=doc.year))
    admin = kroner(ledger.admin(_A, up_to=doc.year))
    cap = share * received
    reading = ctx.reading("reading.a-5.1")
    values = {
        "admin_costs": amount_to_str(nok(admin)),
        "received": amount_to_str(nok(received)),
        "parameter": "a.admin_cost_share",
        "limit": str(share),
        "cap": str(cap),
        "reading": reading,
    }
    years = [y for y in ledger.years(_A) if y <= doc.year]
    shown = _by_year(ledger, years, share, values)
    if received > 0:
        values["share"] = str((admin / received).quantize(_PLACES, rounding=ROUND_HALF_UP))
    if reading == "per_year":
        over = _over_years(ledger, years, share, values)
        if over:
            found = msg("a.5-1.per_year.not_met", limit=share, years=over)
            yield verdict.result(_SUBJECT, verdict.NOT_MET, found, values)
            return
        if admin > 0:
            found = msg("a.5-1.per_year.met", limit=share, years=shown)
            yield verdict.result(_SUBJECT, verdict.MET, found, values)
            return
    yield verdict.result(_SUBJECT, *_judged(admin, received, share, cap, shown), values)


def _judged(
    admin: Decimal, received: Decimal, share: Decimal, cap: Decimal, years: list[Message]
) -> tuple[Outcome, Message]:
    """A-5.1's verdict on ``admin`` kroner of costs against ``received`` kroner of funds."""
    if admin == 0:
        return verdict.MET, msg("a.5-1.none")
    if received == 0:
        return verdict.NOT_MET, msg("a.5-1.no_funds", admin=admin)
    ratio = admin / received
    if admin <= cap:
        shown = beside(ratio, share)
        found = msg(
            "a.5-1.met", admin=admin, share=shown, received=received, limit=share, years=years
        )
        return verdict.MET, found
    found = msg(
        "a.5-1.not_met",
        admin=admin,
        share=beside(ratio, share),  # above the limit in the decimals shown too
        received=received,
        limit=share,
        cap=cap,
        years=years,
    )
    return verdict.NOT_MET, found


def _admin_costs(doc: Portfolio) -> Sequence[AdminCost]:
    return doc.funds.admin_costs


@rule(
    "A-5.2",
    scheme="a",
    severity=Severity.ERROR,
    subject="portfolio",
    kinds=KINDS,
    title=msg("a.5-2.title"),
    citation=cite("5", "som kan knyttes direkte til forvaltningen av midlene"),
    each=Each(items=_admin_costs, pointer=_SUBJECT, empty=msg("a.5-2.none")),
    interpretations=(Interpretation.library("categories", msg("interp.a-5.2.categories")),),
)
def a_5_2(c: AdminCost, ctx: Context) -> Verdict:
    """Case handling, follow-up, reporting, calls and control are directly linked to managing
    the funds; general overhead is not. Costs of schemes b and c are not §5's concern."""
    values = {
        "category": c.category.value,
        "amount": amount_to_str(c.amount),
        "year": str(c.year),
    }
    if c.scheme is not SchemeId.A:
        return verdict.not_applicable(msg("a.5-2.other_scheme", scheme=c.scheme), values)
    if c.category is AdminCategory.GENERAL_OVERHEAD:
        return verdict.not_met(msg("a.5-2.overhead", amount=c.amount), values)
    met = msg("a.5-2.met", amount=c.amount, category=c.category)
    return verdict.met(met, values)


RULES: tuple[Rule, ...] = (a_5_1, a_5_2)
"""The rules of §5, in the order of the law."""
