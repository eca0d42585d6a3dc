"""B-1: the target group of scheme b, municipalities with long-term decline of particularly large
extent.

Source: KDD's forskrift of 3 April 2024 on post 65, «ordning b: tilskudd til kommuner med
langvarig nedgang i befolkning og sysselsetting av særlig omfattende grad». post65 reads
«langvarig» as the change over ten years (``b.decline_years``); the thresholds for «særlig
omfattende» have no published value and are the caller's (``b.population_decline_min``,
``b.employment_decline_min``).
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from post65.applications import KINDS, Applicant, Decline
from post65.errors import pointer
from post65.law import Alternative, Citation, Interpretation
from post65.rulebook import Context, Outcome, Result, Rule, Severity, rule
from post65.schemes.b._common import items
from post65.text import Message, msg

__all__ = ["DECLINE_YEARS", "EMPLOYMENT_DECLINE_MIN", "POPULATION_DECLINE_MIN", "RULES", "b_1"]

POPULATION_DECLINE_MIN = "b.population_decline_min"
EMPLOYMENT_DECLINE_MIN = "b.employment_decline_min"
DECLINE_YEARS = "b.decline_years"

# b.population_decline_min and b.employment_decline_min (the smallest ten-year decline, as a
# share, that counts as «særlig omfattende») have no known value: they are deliberately not
# defined, so B-1 is undetermined until the caller sets them.

_Judged = tuple[Outcome, Message, dict[str, str]]


def _figures(d: Decline, pop_min: Decimal, emp_min: Decimal) -> Message:
    return msg(
        "b.1.figures",
        population_from=d.population_from,
        population_to=d.population_to,
        population_decline=d.population_decline(),
        population_min=pop_min,
        employment_from=d.employment_from,
        employment_to=d.employment_to,
        employment_decline=d.employment_decline(),
        employment_min=emp_min,
        from_year=d.from_year,
        to_year=d.to_year,
    )


def _threshold(nr: str, d: Decline, ctx: Context, values: dict[str, str]) -> _Judged:
    """The decline against the caller's thresholds (undetermined without them)."""
    pop_min = ctx.param(POPULATION_DECLINE_MIN)
    emp_min = ctx.param(EMPLOYMENT_DECLINE_MIN)
    if pop_min is None or emp_min is None:
        missing = [
            n
            for n, v in ((POPULATION_DECLINE_MIN, pop_min), (EMPLOYMENT_DECLINE_MIN, emp_min))
            if v is None
        ]
        return Outcome.UNDETERMINED, msg("b.1.no_threshold", nr=nr, names=missing), values
    values = {
        **values,
        "population_decline_min": str(pop_min),
        "employment_decline_min": str(emp_min),
    }
    # Exact: decline ≥ min  ⇔  from − to ≥ min · from.
    pop_ok = d.population_from - d.population_to >= pop_min * d.population_from
    emp_ok = d.employment_from - d.employment_to >= emp_min * d.employment_from
    figures = _figures(d, pop_min, emp_min)
    if pop_ok and emp_ok:
        return Outcome.MET, msg("b.1.met", nr=nr, figures=figures), values
    return Outcome.NOT_MET, msg("b.1.not_met", nr=nr, figures=figures), values


def _judge(applicant: Applicant, ctx: Context) -> _Judged:
    """One applicant municipality: its evidence, the period, then the thresholds."""
    nr = applicant.kommunenummer
    d = applicant.decline
    if d is None:
        return Outcome.UNDETERMINED, msg("b.1.no_decline", nr=nr), {}
    if d.population_from <= 0 or d.employment_from <= 0:
        return Outcome.UNDETERMINED, msg("b.1.start_not_positive", nr=nr), {}
    values = {
        "kommunenummer": nr,
        "period": f"{d.from_year}-{d.to_year}",
        "population_decline": str(d.population_decline().quantize(Decimal("0.0001"))),
        "employment_decline": str(d.employment_decline().quantize(Decimal("0.0001"))),
    }
    years = ctx.param(DECLINE_YEARS)
    if years is not None and Decimal(d.to_year - d.from_year) != years:
        message = msg(
            "b.1.period",
            nr=nr,
            covered=d.to_year - d.from_year,
            years=years,
            parameter=DECLINE_YEARS,
        )
        return Outcome.UNDETERMINED, message, values
    return _threshold(nr, d, ctx, values)


@rule(
    "B-1",
    scheme="b",
    severity=Severity.ERROR,
    subject="application (each applicant municipality)",
    kinds=KINDS,
    title=msg("b.1.title"),
    citation=Citation(
        "regjeringen-omstillingsforskrift",
        "b)",
        "tilskudd til kommuner med langvarig nedgang i befolkning og sysselsetting av særlig "
        "omfattende grad",
    ),
    interpretations=(
        Interpretation.law("scope", msg("interp.b-1.scope"), "forskrift-omstilling-2024"),
        Interpretation.library(
            "thresholds",
            msg("interp.b-1.thresholds"),
            Alternative("lowest_on_index", msg("interp.b-1.thresholds.alt.lowest_on_index")),
        ),
        Interpretation.library("ten_years", msg("interp.b-1.ten_years")),
    ),
)
def b_1(document: object, ctx: Context) -> Iterator[Result]:
    """Each applicant's ten-year fall in population and in employment is at least the caller's
    thresholds (``b.population_decline_min``, ``b.employment_decline_min``, shares; no default).
    """
    for item in items(document):
        for j, applicant in enumerate(item.app.applicants):
            outcome, message, values = _judge(applicant, ctx)
            yield Result(pointer(*item.base, "applicants", j), outcome, message, values)


RULES: tuple[Rule, ...] = (b_1,)
"""The rules of this module."""
