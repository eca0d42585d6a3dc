"""Scheme c: restructuring programmes (the ``programme`` kind), valid and refused."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from typing import Any

from hypothesis import strategies as st

from post65.programme import (
    BusinessFundGrant,
    Phase,
    PhasePeriod,
    Programme,
    ProgrammeMeasure,
    StatusDecision,
)
from post65.programme import Contribution as CContribution
from post65.programme import Criterion as CCriterion
from post65.strategies._common import (
    _SUPPORTS,
    JSON,
    _bad_county,
    _bad_number,
    _dates,
    _near,
    _tuples,
    _words,
    amounts,
    fylkesnummer,
    invalid_kommunenummer,
    kommunenummer,
    texts,
)
from post65.strategies._refused import Refusal


def _span(start: dt.date, days: int) -> tuple[dt.date, dt.date]:
    return start, start + dt.timedelta(days=days)


_SPANS = st.builds(_span, _dates(), st.integers(0, 1500))
_PHASE_PERIODS = st.builds(lambda p, s: PhasePeriod(p, *s), st.sampled_from(Phase), _SPANS)
_PHASES = _tuples(_PHASE_PERIODS, max_size=4)


def _status(decided: dt.date, by: str, delay: int | None, length: int | None) -> StatusDecision:
    start = None if delay is None else decided + dt.timedelta(days=delay)
    end = None if length is None else (start or decided) + dt.timedelta(days=length)
    return StatusDecision(decided, by, start, end)


_STATUS_DECISIONS = st.builds(
    _status, _dates(), _words(), st.none() | st.integers(0, 90), st.none() | st.integers(0, 3000)
)
_STATUSES = st.none() | _STATUS_DECISIONS


def _programme_measure(
    measure_id: str, span: tuple[dt.date, dt.date], **fields: Any
) -> ProgrammeMeasure:
    return ProgrammeMeasure(id=measure_id, start=span[0], end=span[1], **fields)


_CONTRIBUTIONS = st.builds(CContribution, st.sampled_from(CCriterion), texts())
_PROGRAMME_MEASURES = st.builds(
    _programme_measure,
    _words(max_size=10),
    _SPANS,
    title=texts(),
    phase=st.sampled_from(Phase),
    contributions=_tuples(_CONTRIBUTIONS),
    jobs_created=st.none() | st.integers(0, 500),
    cost=st.none() | amounts(0, 10**8),
    support=st.none() | _SUPPORTS,
)


@functools.cache
def _programme_measures(max_measures: int) -> st.SearchStrategy[tuple[ProgrammeMeasure, ...]]:
    return st.lists(_PROGRAMME_MEASURES, max_size=max_measures, unique_by=lambda m: m.id).map(tuple)


@functools.cache
def _programmes_of(county: str, max_measures: int) -> st.SearchStrategy[Programme]:
    knr = _near(county)
    return st.builds(
        Programme,
        name=texts(),
        county=st.just(county),
        year=st.integers(2020, 2030),
        area=st.lists(knr, min_size=1, max_size=4, unique=True).map(tuple),
        cost_base=amounts(1, 10**9),
        public_support=amounts(0, 10**9),
        municipal_share=amounts(0, 10**9),
        status=_STATUSES,
        phases=_PHASES,
        measures=_programme_measures(max_measures),
        municipal_share_reason=texts(),
        public_support_reason=texts(),
        business_fund=_tuples(
            st.builds(BusinessFundGrant, knr, _dates(), amounts(0, 10**7), texts())
        ),
        description=texts(),
    )


@functools.cache
def programmes(max_measures: int = 4) -> st.SearchStrategy[Programme]:
    """Restructuring programmes (the ``programme`` kind): an area of 1-4 municipalities, a
    status decision or none, phases, measures with unique ids, municipal business funds."""
    return fylkesnummer().flatmap(lambda county: _programmes_of(county, max_measures))


# --------------------------------------------------------------------------------------------
# Refused documents: the changes that make a valid document of this kind unusable


def _programme_refusal(draw: st.DrawFn, data: JSON) -> JSON:
    how = draw(
        st.sampled_from(
            [
                "county",
                "area",
                "empty",
                "duplicate",
                "cost",
                "negative",
                "status",
                "measure",
                "fund",
            ]
        )
    )
    if how == "county":
        return {**data, "county": _bad_county(draw)}
    if how == "area":
        return _bad_number(draw, data, ("area", 0))
    if how == "empty":
        return {**data, "area": []}
    if how == "duplicate":
        return {**data, "area": [*data["area"], data["area"][0]]}
    if how == "cost":
        return {**data, "cost_base": draw(st.sampled_from(["0", "-100", 0]))}
    if how == "negative":
        name = draw(st.sampled_from(["public_support", "municipal_share"]))
        return {**data, name: str(-draw(st.integers(1, 10**6)))}
    if how == "status":
        status = {"decided": "2024-01-01", "decided_by": draw(st.sampled_from(["", "  "]))}
        return {**data, "status": status}
    if how == "measure":
        measure = {
            "id": "x",
            "title": "",
            "phase": "avklaring",
            "start": "2024-05-02",
            "end": "2024-05-01",
        }
        return {**data, "measures": [*data["measures"], measure]}
    grant = {"kommunenummer": draw(invalid_kommunenummer()), "granted": "2024-01-01", "amount": 1}
    return {**data, "business_fund": [*data["business_fund"], grant]}


# --------------------------------------------------------------------------------------------
# The tables the package merges


STRATEGIES: dict[str, Callable[[], st.SearchStrategy[Any]]] = {"programme": programmes}
"""The document kinds of this module and the strategies of their valid documents."""

REFUSALS: dict[str, tuple[Refusal, ...]] = {"programme": (_programme_refusal,)}
"""The document kinds of this module and their own refusals."""

TYPES: dict[type, Callable[[], st.SearchStrategy[Any]]] = {
    BusinessFundGrant: lambda: st.builds(
        BusinessFundGrant, kommunenummer(), _dates(), amounts(0, 10**7), texts()
    ),
    CContribution: lambda: _CONTRIBUTIONS,
    PhasePeriod: lambda: _PHASE_PERIODS,
    Programme: programmes,
    ProgrammeMeasure: lambda: _PROGRAMME_MEASURES,
    StatusDecision: lambda: _STATUS_DECISIONS,
}
"""The post65 types whose strategies this module gives (see :func:`post65.strategies.for_type`)."""
