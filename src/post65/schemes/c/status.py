"""C-1: restructuring status, decided, and a period of at most six years holding every measure.

Source: Innovasjon Norge, «Om omstilling»: «kommuner med omstillingsstatus får midler fra
fylkeskommunen over en periode på inntil seks år; KDD avgjør status etter søknad fra
fylkeskommunen». The longest period is the parameter ``c.status_max_years``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal

from post65.dates import add_years, day_before
from post65.law import Alternative, Citation, Interpretation
from post65.programme import KINDS, Programme, status_period
from post65.rulebook import Context, Outcome, Result, Rule, Severity, rule
from post65.schemes._joined import joined
from post65.text import Message, msg

__all__ = ["RULES", "STATUS_MAX_YEARS", "c_1"]

STATUS_MAX_YEARS = "c.status_max_years"


def _failures(p: Programme, start: dt.date, end: dt.date, max_years: Decimal) -> list[Message]:
    """What lies outside the period, and a period longer than allowed."""
    failures: list[Message] = []
    latest = day_before(add_years(start, int(max_years)))
    if end > latest:
        failures.append(
            msg("c.1.too_long", start=start, end=end, max_years=max_years, latest=latest)
        )
    outside = [m.id for m in p.measures if m.start < start or m.end > end]
    if outside:
        failures.append(msg("c.1.measures_outside", ids=outside))
    phases_outside = [ph.phase for ph in p.phases if ph.start < start or ph.end > end]
    if phases_outside:
        failures.append(msg("c.1.phases_outside", phases=phases_outside))
    return failures


@rule(
    "C-1",
    scheme="c",
    severity=Severity.ERROR,
    subject="programme",
    kinds=KINDS,
    title=msg("c.1.title"),
    citation=Citation(
        "innovasjon-norge",
        "Hvem får omstillingsstatus?",
        "Kommuner med omstillingsstatus får overført ekstraordinære midler fra fylkeskommunen "
        "over en periode på inntil seks år.",
    ),
    interpretations=(
        Interpretation.library("authority", msg("interp.c-1.authority")),
        Interpretation.practice("period", msg("interp.c-1.period"), "innovasjon-norge"),
        Interpretation.library(
            "avklaring_inside",
            msg("interp.c-1.avklaring_inside"),
            Alternative(
                "avklaring_before", msg("interp.c-1.avklaring_inside.alt.avklaring_before")
            ),
        ),
    ),
)
def c_1(document: object, ctx: Context) -> Iterator[Result]:
    """Status with a decision; a period of at most ``c.status_max_years``; every phase and
    measure inside it."""
    if not isinstance(document, Programme):
        return
    if document.status is None:
        yield Result("", Outcome.NOT_MET, msg("c.1.no_status"))
        return
    status = document.status
    max_years = ctx.param(STATUS_MAX_YEARS)
    start, end, computed = status_period(status, max_years)
    values = {
        "decided": status.decided.isoformat(),
        "decided_by": status.decided_by,
        "start": start.isoformat(),
        "end": "" if end is None else end.isoformat(),
        "end_computed": "true" if computed else "false",
    }
    if max_years is None or end is None:
        message = msg("c.1.no_max_years", parameter=STATUS_MAX_YEARS)
        yield Result("", Outcome.UNDETERMINED, message, values)
        return
    values["max_years"] = str(max_years)
    failures = _failures(document, start, end, max_years)
    if failures:
        yield Result("", Outcome.NOT_MET, joined(failures), values)
        return
    met = msg("c.1.met", decided=status.decided, decided_by=status.decided_by, start=start, end=end)
    yield Result("", Outcome.MET, met, values)


RULES: tuple[Rule, ...] = (c_1,)
"""The rules of this module."""
