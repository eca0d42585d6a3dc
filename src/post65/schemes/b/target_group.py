"""B-1: the target group of scheme b, municipalities with long-term decline of particularly large
extent.

Source: KDD's forskrift of 3 April 2024 (its sections are not saved; its scope is quoted from the
saved regjeringen.no page: «tilskudd til kommuner med langvarig nedgang i befolkning og
sysselsetting av særlig omfattende grad»). The one documented method is KDD's own allocation for
scheme b, quoted from Innlandet fylkeskommune's call for 2024: «Tildelinga frå kommunal- og
distriktsdepartementet er basert på folketalet i dei 17 kommunane som skårar lågast på
distriktsindeksen».

post65's reading (paraphrase, see the rule's interpretations): where a district index is given,
an applicant among the ``b.target_group_lowest`` lowest-scoring municipalities of the call's
county (ties included) is in the target group; without an index, the applicant's own statement
that it is in KDD's target group counts. Otherwise the decline itself is judged, against the
caller's thresholds (``b.population_decline_min``, ``b.employment_decline_min``) over the
caller's period (``b.decline_years``): none of the three has a published value, so the finding is
``undetermined``, naming them, until the caller sets them.

>>> from decimal import Decimal
>>> sorted(lowest({"a": Decimal(1), "b": Decimal(2), "c": Decimal(2), "d": Decimal(9)}, 2))
['a', 'b', 'c']
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from decimal import Decimal
from typing import NamedTuple

import attrs

from post65._empty import Made
from post65.applications import KINDS, Applicant, Decline
from post65.law import Alternative, Citation, Interpretation
from post65.rulebook import Context, Outcome, Result, Rule, Severity, rule
from post65.schemes import verdict
from post65.schemes._joined import joined
from post65.schemes.b._common import RATIO_PLACES, items
from post65.text import Message, msg

__all__ = [
    "DECLINE_YEARS",
    "EMPLOYMENT_DECLINE_MIN",
    "POPULATION_DECLINE_MIN",
    "READING_TARGET",
    "READING_THRESHOLDS",
    "RULES",
    "TARGET_GROUP_LOWEST",
    "Placed",
    "b_1",
    "county_scores",
    "lowest",
    "placed_on_index",
]

POPULATION_DECLINE_MIN = "b.population_decline_min"
EMPLOYMENT_DECLINE_MIN = "b.employment_decline_min"
DECLINE_YEARS = "b.decline_years"
TARGET_GROUP_LOWEST = "b.target_group_lowest"
READING_TARGET = "reading.b-1.target"
"""Selects whose N lowest on the index are the target group: ``lowest_on_index`` (the county's,
default), ``national`` (the whole index's) or ``allocation_only`` (none: the decline decides)."""
READING_THRESHOLDS = "reading.b-1.thresholds"
"""Selects the decline judged: ``thresholds`` (population and employment, default) or
``either_decline`` (at least one of them)."""

# b.population_decline_min, b.employment_decline_min and b.decline_years have no known value:
# they are deliberately not defined (parameter_table.WITHOUT_DEFAULT), so the decline part of B-1
# is undetermined until the caller sets them. b.target_group_lowest is 17 (Innlandet 2024, P).

_Judged = tuple[Outcome, Message, dict[str, str]]


class _Terms(NamedTuple):
    """The readings and parameters B-1 judges every applicant by, read once per check (a set of
    thousands of applications would otherwise look each one up per applicant), with what
    follows from them alone: the parameters not set, the thresholds' values as text, and the
    messages that name nothing but the municipality."""

    target: str
    thresholds: str
    lowest: Decimal | None
    population_min: Decimal | None
    employment_min: Decimal | None
    years: Decimal | None
    missing: list[str]
    """The names of the decline's parameters not set (one list, shared by the messages)."""
    threshold_values: dict[str, str]
    """The values naming the thresholds, when all three are set."""
    stated_target: Made[str, Message]
    """The messages that name only the municipality, one per kommunenummer, made when a check
    first needs it and shared by every applicant that municipality is."""
    no_decline: Made[str, Message]
    start_not_positive: Made[str, Message]
    no_threshold: Made[str, Message]


def _terms(ctx: Context) -> _Terms:
    pop_min, emp_min = ctx.param(POPULATION_DECLINE_MIN), ctx.param(EMPLOYMENT_DECLINE_MIN)
    years = ctx.param(DECLINE_YEARS)
    given = ((POPULATION_DECLINE_MIN, pop_min), (EMPLOYMENT_DECLINE_MIN, emp_min))
    missing = [n for n, v in (*given, (DECLINE_YEARS, years)) if v is None]
    threshold_values = (
        {}
        if pop_min is None or emp_min is None or years is None
        else {
            "decline_years": str(years),
            "population_decline_min": str(pop_min),
            "employment_decline_min": str(emp_min),
        }
    )
    return _Terms(
        ctx.reading(READING_TARGET),
        ctx.reading(READING_THRESHOLDS),
        ctx.param(TARGET_GROUP_LOWEST),
        pop_min,
        emp_min,
        years,
        missing,
        threshold_values,
        Made(lambda nr: msg("b.1.stated_target", nr=nr, parameter=TARGET_GROUP_LOWEST)),
        Made(lambda nr: msg("b.1.no_decline", nr=nr)),
        Made(lambda nr: msg("b.1.start_not_positive", nr=nr)),
        Made(lambda nr: msg("b.1.no_threshold", nr=nr, names=missing)),
    )


def lowest(scores: Mapping[str, Decimal], n: int) -> frozenset[str]:
    """The ``n`` lowest-scoring of ``scores``; where the ``n``-th score is shared, every
    municipality with that score is in (as :class:`post65.allocation.Lowest`). Fewer than ``n``
    scores: all of them."""
    if n < 1 or not scores:
        return frozenset()
    ranked = sorted(scores.values())
    edge = ranked[min(n, len(ranked)) - 1]
    return frozenset(nr for nr, score in scores.items() if score <= edge)


@attrs.frozen
class Placed:
    """Where the district index puts an applicant in its county: inside the ``n`` lowest or
    not, its score, its rank (1 = lowest) and how many of the county's municipalities have a
    score; ``national``: among every municipality on the index instead (reading
    ``national``)."""

    inside: bool
    n: int
    county: str
    score: Decimal
    rank: int
    count: int
    national: bool = False

    def values(self) -> dict[str, str]:
        """The figures behind the placing, for the finding's ``values``."""
        return {
            "target_group_lowest": str(self.n),
            "county": self.county,
            "index_score": str(self.score),
            "index_rank": str(self.rank),
            "index_count": str(self.count),
            "in_lowest": "true" if self.inside else "false",
            "index_scope": "national" if self.national else "county",
        }


def county_scores(ctx: Context, county: str) -> Mapping[str, Decimal]:
    """The index scores of the municipalities of ``county`` (worked out once per check)."""

    def make() -> Mapping[str, Decimal]:
        reg, scores = ctx.register, ctx.scores or {}
        return {
            nr: s
            for nr, s in scores.items()
            if nr in reg and reg.municipality(nr).fylkesnummer == county
        }

    return ctx.once(f"b-1.county_scores.{county}", make)


def national_scores(ctx: Context) -> Mapping[str, Decimal]:
    """The index scores of every municipality of the register (worked out once per check)."""
    reg, scores = ctx.register, ctx.scores or {}
    return ctx.once("b-1.national_scores", lambda: {k: v for k, v in scores.items() if k in reg})


def placed_on_index(
    nr: str, county: str, n: int, ctx: Context, *, national: bool = False
) -> Placed | None:
    """Where the index given to the check puts ``nr`` among the municipalities of ``county``
    (``national``: among every municipality of the index); None without an index or when ``nr``
    has no score in it."""
    if ctx.scores is None:
        return None
    scores = national_scores(ctx) if national else county_scores(ctx, county)
    if nr not in scores:
        return None
    score = scores[nr]
    scope = "*" if national else county
    inside = nr in ctx.once(f"b-1.lowest.{scope}.{n}", lambda: lowest(scores, n))
    rank = 1 + sum(1 for s in scores.values() if s < score)
    return Placed(inside, n, county, score, rank, len(scores), national)


def _place_message(nr: str, p: Placed, stated: bool | None) -> Message:
    figures = {"nr": nr, "n": p.n, "county": p.county, "score": p.score, "rank": p.rank}
    if p.national:
        if p.inside:
            return msg("b.1.lowest_national", count=p.count, **figures)
        if stated is True:
            return msg("b.1.outside_lowest_stated_national", count=p.count, **figures)
        return msg("b.1.outside_lowest_national", count=p.count, **figures)
    if p.inside:
        return msg("b.1.lowest", count=p.count, **figures)
    if stated is True:
        return msg("b.1.outside_lowest_stated", count=p.count, **figures)
    return msg("b.1.outside_lowest", count=p.count, **figures)


def _figures(
    d: Decline, declines: tuple[Decimal, Decimal], pop_min: Decimal, emp_min: Decimal
) -> Message:
    population_decline, employment_decline = declines
    return msg(
        "b.1.figures",
        population_from=d.population_from,
        population_to=d.population_to,
        population_decline=population_decline,
        population_min=pop_min,
        employment_from=d.employment_from,
        employment_to=d.employment_to,
        employment_decline=employment_decline,
        employment_min=emp_min,
        from_year=d.from_year,
        to_year=d.to_year,
    )


def _decline(nr: str, d: Decline | None, terms: _Terms, values: dict[str, str]) -> _Judged:
    """The decline the applicant states, over the caller's period, against the caller's
    thresholds (undetermined while any of them is unset). ``values``, made for this applicant,
    gets the decline's figures added."""
    if d is None:
        return verdict.UNDETERMINED, terms.no_decline[nr], values
    if d.population_from <= 0 or d.employment_from <= 0:
        return verdict.UNDETERMINED, terms.start_not_positive[nr], values
    population, employment = d.population_decline(), d.employment_decline()
    values["period"] = f"{d.from_year}-{d.to_year}"
    values["population_decline"] = str(population.quantize(RATIO_PLACES))
    values["employment_decline"] = str(employment.quantize(RATIO_PLACES))
    pop_min, emp_min, years = terms.population_min, terms.employment_min, terms.years
    if pop_min is None or emp_min is None or years is None:
        return verdict.UNDETERMINED, terms.no_threshold[nr], values
    if Decimal(d.to_year - d.from_year) != years:
        covered = d.to_year - d.from_year
        message = msg("b.1.period", nr=nr, covered=covered, years=years, parameter=DECLINE_YEARS)
        return verdict.UNDETERMINED, message, values
    values.update(terms.threshold_values)
    # Exact: decline ≥ min  ⇔  from − to ≥ min · from.
    pop_ok = d.population_from - d.population_to >= pop_min * d.population_from
    emp_ok = d.employment_from - d.employment_to >= emp_min * d.employment_from
    figures = _figures(d, (population, employment), pop_min, emp_min)
    either = terms.thresholds == "either_decline"
    if (pop_ok or emp_ok) if either else (pop_ok and emp_ok):
        return verdict.MET, msg("b.1.met", nr=nr, figures=figures), values
    if either:
        return verdict.NOT_MET, msg("b.1.not_met_either", nr=nr, figures=figures), values
    return verdict.NOT_MET, msg("b.1.not_met", nr=nr, figures=figures), values


def _county(applicant: Applicant, call_county: str | None, ctx: Context) -> str | None:
    """The county whose lowest-scoring municipalities count: the call's, else the applicant's."""
    if call_county is not None:
        return call_county
    nr = applicant.kommunenummer
    return ctx.register.municipality(nr).fylkesnummer if nr in ctx.register else None


def _judge(applicant: Applicant, call_county: str | None, ctx: Context, terms: _Terms) -> _Judged:
    """One applicant municipality: the index's N lowest, the applicant's statement, then the
    decline against the caller's thresholds (with ``reading.b-1.target=allocation_only`` the
    decline alone, the index's placing shown)."""
    nr = applicant.kommunenummer
    reading = terms.target
    values: dict[str, str] = {
        "kommunenummer": nr,
        "reading_target": reading,
        "reading_thresholds": terms.thresholds,
    }
    if applicant.in_target_group is not None:
        values["stated_in_target_group"] = "true" if applicant.in_target_group else "false"
    n = terms.lowest
    placed = None  # without an index (ctx.scores), placed_on_index places no one
    if n is not None and ctx.scores is not None:
        county = _county(applicant, call_county, ctx)
        if county is not None:
            placed = placed_on_index(nr, county, int(n), ctx, national=reading == "national")
    if reading == "allocation_only":
        if placed is not None:
            values.update(placed.values())
        outcome, message, values = _decline(nr, applicant.decline, terms, values)
        words = msg("b.1.allocation_only", nr=nr, parameter=TARGET_GROUP_LOWEST)
        return outcome, joined([words, message]), values
    if placed is not None:
        values.update(placed.values())
        if placed.inside:
            return verdict.MET, _place_message(nr, placed, applicant.in_target_group), values
    elif applicant.in_target_group is True:
        return verdict.MET, terms.stated_target[nr], values
    outcome, message, values = _decline(nr, applicant.decline, terms, values)
    if placed is not None:
        message = joined([_place_message(nr, placed, applicant.in_target_group), message])
    elif ctx.scores is not None and n is not None:
        message = joined([msg("b.1.not_on_index", nr=nr), message])
    return outcome, message, values


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
        Interpretation.practice(
            "scope", msg("interp.b-1.scope"), "regjeringen-omstillingsforskrift"
        ),
        Interpretation.practice(
            "lowest_on_index",
            msg("interp.b-1.lowest_on_index"),
            "call",
            Alternative("national", msg("interp.b-1.lowest_on_index.alt.national")),
            Alternative("allocation_only", msg("interp.b-1.lowest_on_index.alt.allocation_only")),
        ).selected_by(READING_TARGET),
        Interpretation.library("stated", msg("interp.b-1.stated")),
        Interpretation.library(
            "thresholds",
            msg("interp.b-1.thresholds"),
            Alternative("either_decline", msg("interp.b-1.thresholds.alt.either_decline")),
        ).selected_by(READING_THRESHOLDS),
        Interpretation.library("period", msg("interp.b-1.period")),
    ),
)
def b_1(document: object, ctx: Context) -> Iterator[Result]:
    """Each applicant is in the target group: among the ``b.target_group_lowest`` lowest on the
    district index in the call's county (where an index is given), or by the applicant's own
    statement (without an index), or by a decline over ``b.decline_years`` years at least the
    caller's thresholds (``b.population_decline_min``, ``b.employment_decline_min``; none of the
    three has a default)."""
    terms = _terms(ctx)
    for item in items(document, ctx):
        county = None if item.call is None else item.call.county
        for j, applicant in enumerate(item.app.applicants):
            outcome, message, values = _judge(applicant, county, ctx, terms)
            yield verdict.result(f"{item.subject}/applicants/{j}", outcome, message, values)


RULES: tuple[Rule, ...] = (b_1,)
"""The rules of this module."""
