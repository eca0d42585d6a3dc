"""Measures of schemes a, b and c (the parts of a portfolio)."""

from __future__ import annotations

import functools
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import attrs
from hypothesis import strategies as st

from post65.applications import (
    Contribution,
    Criterion,
)
from post65.measures import (
    AssistanceKind,
    BeneficiaryShare,
    Criteria,
    GoalContribution,
    GuidanceCapacity,
    Lasting,
    LastingKind,
    Measure,
    Needs,
    NeedsSource,
    Organisation,
    OrganisationKind,
    Partner,
    PartnerKind,
    Period,
    Plan,
    PlanAction,
    PlanProcess,
    Supplier,
    Use,
)
from post65.money import Money, kroner, nok
from post65.portfolio import (
    SchemeBMeasure,
    SchemeCMeasure,
)
from post65.programme import Contribution as CContribution
from post65.programme import Criterion as CCriterion
from post65.strategies._common import (
    _PERIODS,
    _near,
    _tuples,
    _words,
    amounts,
    fylkesnummer,
    kommunenummer,
    texts,
)

_ORGANISATIONS = st.builds(Organisation, st.sampled_from(OrganisationKind), texts())
_SUPPLIERS = st.builds(
    Supplier, texts(), st.sampled_from(OrganisationKind), st.sampled_from(AssistanceKind)
)
_GOALS = st.builds(GoalContribution, st.integers(1, 4), texts())
_NEEDS = st.builds(Needs, texts(), st.sampled_from(NeedsSource), texts())
_LASTING = st.builds(Lasting, st.sampled_from(LastingKind), texts())
_PARTNERS = st.builds(Partner, st.sampled_from(PartnerKind), texts())
_GUIDANCE = st.builds(GuidanceCapacity, texts(), texts(), texts())


@functools.cache
def _plan_processes(knr: st.SearchStrategy[str]) -> st.SearchStrategy[PlanProcess]:
    return st.builds(PlanProcess, texts(), st.none() | knr)


@functools.cache
def _plans(knr: st.SearchStrategy[str]) -> st.SearchStrategy[Plan]:
    return st.builds(Plan, texts(), st.sampled_from(PlanAction), st.none() | knr)


@functools.cache
def _criteria(knr: st.SearchStrategy[str]) -> st.SearchStrategy[Criteria]:
    return st.builds(Criteria, texts(), texts(), _tuples(_plans(knr)))


@functools.cache
def _measure_fields(county: str) -> dict[str, st.SearchStrategy[Any]]:
    knr = _near(county)
    text = texts()
    return {
        "title": text,
        "uses": _tuples(st.sampled_from(Use), max_size=2),
        "owner": _ORGANISATIONS,
        "cost": amounts(0, 10**8),
        "period": _PERIODS,
        "description": text,
        "beneficiaries": _tuples(knr | st.just(county), max_size=4),
        "supplier": st.none() | _SUPPLIERS,
        "goals": _tuples(_GOALS, max_size=2),
        "needs": st.none() | _NEEDS,
        "lasting": st.none() | _LASTING,
        "sectors": _tuples(st.sampled_from(["plan", "Plan", "helse", "næring", ""]) | text),
        "departments": _tuples(st.sampled_from(["Plan", "Næring", "Kultur"]) | text),
        "partners": _tuples(_PARTNERS),
        "guidance_capacity": st.none() | _GUIDANCE,
        "plan_processes": _tuples(_plan_processes(knr)),
        "criteria": _criteria(knr),
    }


@st.composite
def _stated_shares(
    draw: st.DrawFn, cost: Money, beneficiaries: tuple[str, ...]
) -> tuple[BeneficiaryShare, ...]:
    """Shares of ``cost`` for each of the distinct ``beneficiaries`` (in any order), adding up
    to it to the øre; some may be nothing."""
    names = draw(st.permutations(list(dict.fromkeys(beneficiaries))))
    units = int(kroner(cost) * 100)
    cuts = sorted(
        draw(st.lists(st.integers(0, units), min_size=len(names) - 1, max_size=len(names) - 1))
    )
    bounds = [0, *cuts, units]
    return tuple(
        BeneficiaryShare(nr, nok(Decimal(high - low) / 100))
        for nr, low, high in zip(names, bounds[:-1], bounds[1:], strict=True)
    )


@st.composite
def _measures(draw: st.DrawFn, ids: st.SearchStrategy[str], county: str) -> Measure:
    m = draw(st.builds(Measure, id=ids, **_measure_fields(county)))
    if not m.beneficiaries or not draw(st.booleans()):
        return m
    return attrs.evolve(m, shares=draw(_stated_shares(m.cost, m.beneficiaries)))


@functools.cache
def measures(measure_id: str | None = None, county: str = "18") -> st.SearchStrategy[Measure]:
    """Scheme a measures (with the id ``measure_id``, if given) whose numbers all exist in 2024:
    beneficiaries mostly from ``county``'s municipalities, now and then the county itself; now
    and then with stated shares of the cost (one per beneficiary, adding up to the cost). Any
    rule may be met or not."""
    ids = st.just(measure_id) if measure_id is not None else _words(max_size=12)
    return _measures(ids, county)


@functools.cache
def _scheme_b_measures(county: str) -> st.SearchStrategy[SchemeBMeasure]:
    """Scheme b measures of ``county`` (id ``"b"``: the portfolio gives each its own)."""
    money = amounts(0, 10**8)
    return st.builds(
        SchemeBMeasure,
        id=st.just("b"),
        title=texts(),
        municipalities=_tuples(_near(county), max_size=4),
        granted=money,
        spent=st.none() | money,
        description=texts(),
        contributions=_tuples(
            st.builds(Contribution, st.sampled_from(Criterion), texts()), max_size=2
        ),
    )


@functools.cache
def _scheme_c_measures(county: str) -> st.SearchStrategy[SchemeCMeasure]:
    """Scheme c measures of ``county`` (id ``"c"``: the portfolio gives each its own)."""
    money = amounts(0, 10**8)
    return st.builds(
        SchemeCMeasure,
        id=st.just("c"),
        title=texts(),
        municipalities=_tuples(_near(county), max_size=4),
        granted=money,
        spent=st.none() | money,
        programme=texts(),
        description=texts(),
        contributions=_tuples(st.builds(CContribution, st.sampled_from(CCriterion), texts())),
        jobs_created=st.none() | st.integers(0, 500),
    )


def _with_own_id(
    strategy: st.SearchStrategy[SchemeBMeasure | SchemeCMeasure],
) -> st.SearchStrategy[SchemeBMeasure | SchemeCMeasure]:
    return st.builds(lambda m, i: attrs.evolve(m, id=i), strategy, _words(max_size=10))


# --------------------------------------------------------------------------------------------
# The table the package merges


TYPES: dict[type, Callable[[], st.SearchStrategy[Any]]] = {
    BeneficiaryShare: lambda: st.builds(BeneficiaryShare, kommunenummer(), amounts(0, 10**8)),
    Criteria: lambda: _criteria(kommunenummer()),
    GoalContribution: lambda: _GOALS,
    GuidanceCapacity: lambda: _GUIDANCE,
    Lasting: lambda: _LASTING,
    Measure: measures,
    Needs: lambda: _NEEDS,
    Organisation: lambda: _ORGANISATIONS,
    Partner: lambda: _PARTNERS,
    Period: lambda: _PERIODS,
    Plan: lambda: _plans(kommunenummer()),
    PlanProcess: lambda: _plan_processes(kommunenummer()),
    SchemeBMeasure: lambda: _with_own_id(fylkesnummer().flatmap(_scheme_b_measures)),
    SchemeCMeasure: lambda: _with_own_id(fylkesnummer().flatmap(_scheme_c_measures)),
    Supplier: lambda: _SUPPLIERS,
}
"""The post65 types whose strategies this module gives (see :func:`post65.strategies.for_type`)."""
