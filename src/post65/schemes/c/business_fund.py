"""C-6: a municipality with restructuring status normally gets no municipal business fund.

Source: Finnmark fylkeskommune, page *Kommunal omstilling* (verbatim in the saved page):
«Kommuner med omstillingsstatus får normalt ikke innvilget kommunalt næringsfond i
omstillingsperioden.» Judged per area municipality from the grants the county states: advice,
not an error («normalt»).
"""

from __future__ import annotations

from post65.law import Citation, Interpretation
from post65.programme import KINDS, Programme, status_period
from post65.rulebook import Context, Each, Rule, Severity, Verdict, rule
from post65.schemes import verdict
from post65.schemes.c import FINNMARK_SOURCE
from post65.schemes.c.status import STATUS_MAX_YEARS
from post65.text import msg

__all__ = ["RULES", "c_6"]

AREA = Each(
    items=lambda p: p.area,
    pointer="/area",
    empty=msg("c.6.no_area"),
)
"""Each municipality of the programme's area."""


@rule(
    "C-6",
    scheme="c",
    severity=Severity.ADVICE,
    subject="programme (each area municipality)",
    kinds=KINDS,
    title=msg("c.6.title"),
    citation=Citation(
        FINNMARK_SOURCE,
        "Kommunal omstilling",
        "Kommuner med omstillingsstatus får normalt ikke innvilget kommunalt næringsfond i "
        "omstillingsperioden.",
    ),
    each=AREA,
    interpretations=(
        Interpretation.practice("normally", msg("interp.c-6.normally"), "finnmark-omstilling"),
    ),
)
def c_6(nr: str, ctx: Context) -> Verdict:
    """A municipal business fund granted inside the status period is ``not_met`` (advice); none
    is ``met``; without status ``not_applicable``."""
    p: Programme = ctx.document
    if p.status is None:
        return verdict.not_applicable(msg("c.6.no_status", nr=nr))
    start, end, _ = status_period(p.status, ctx.param(STATUS_MAX_YEARS))
    grants = [
        g
        for g in p.business_fund
        if g.kommunenummer == nr and start <= g.granted and (end is None or g.granted <= end)
    ]
    if not grants:
        return verdict.met(msg("c.6.met", nr=nr), {"kommunenummer": nr, "grants": "0"})
    shown = [msg("c.6.grant", granted=g.granted, amount=g.amount) for g in grants]
    values = {"kommunenummer": nr, "grants": str(len(grants))}
    return verdict.not_met(msg("c.6.not_met", nr=nr, grants=shown), values)


RULES: tuple[Rule, ...] = (c_6,)
"""The rules of this module."""
