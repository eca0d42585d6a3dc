"""Yearly reports (the ``report`` kind), valid and refused."""

from __future__ import annotations

import functools
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import attrs
from hypothesis import strategies as st

from post65.funds import (
    SchemeId,
)
from post65.layout import MIN_LINES_PER_PAGE, MIN_WIDTH, OPTION_BOUNDS, PageModel
from post65.measures import (
    PartnerKind,
    PlanAction,
)
from post65.money import Money, kroner, nok
from post65.portfolio import (
    FIRST_YEAR,
    LAST_YEAR,
)
from post65.report import (
    CarriedOver,
    MunicipalityAmount,
    Report,
    ReportContribution,
    ReportCriterion,
    ReportLanguage,
    ReportMeasure,
    ReportPlan,
    ReportScheme,
    ReportSection2,
    SchemeFunds,
    StateActor,
    TargetBasis,
    TargetMunicipalities,
    build_report,
)
from post65.strategies._common import (
    _PERIODS,
    JSON,
    _bad_county,
    _put,
    _set,
    _to_json_value,
    _tuples,
    _words,
    amounts,
    fylkesnummer,
    invalid_kommunenummer,
    kommunenummer,
    texts,
)
from post65.strategies._refused import Refusal
from post65.strategies.allocation import _EXPLICIT
from post65.strategies.portfolio import portfolios

_PAGE_MODELS = st.builds(
    PageModel,
    width=st.integers(MIN_WIDTH, 10_000),
    lines_per_page=st.integers(MIN_LINES_PER_PAGE, 1_000),
)
"""Any page model the class takes (a report holds one within :data:`_OPTION_PAGE_MODELS`)."""
_OPTION_PAGE_MODELS = st.builds(
    PageModel,
    width=st.integers(*OPTION_BOUNDS["width"]),
    lines_per_page=st.integers(*OPTION_BOUNDS["lines_per_page"]),
)
"""Page models within the option bounds (what ``build_report(model=…)`` takes)."""
_JUDGEMENTS = (
    st.none()
    | texts(max_size=200)
    | st.lists(_words(max_size=80), min_size=1, max_size=4).map("\n\n".join)
)


@st.composite
def _reports(draw: st.DrawFn, min_measures: int, max_measures: int) -> Report:
    portfolio = draw(portfolios(min_measures=min_measures, max_measures=max_measures))
    selection = draw(st.none() | _EXPLICIT)  # a target set besides the documented challenges
    report = build_report(
        portfolio,
        judgement=draw(_JUDGEMENTS),
        selection=selection,
        lang=draw(st.sampled_from(ReportLanguage)),
        model=draw(st.none() | _OPTION_PAGE_MODELS),
    )
    # a stored report may declare another model, within the bounds a report is built in
    declared = draw(st.none() | _OPTION_PAGE_MODELS)
    return report if declared is None else attrs.evolve(report, page_model=declared)


@functools.cache
def reports(*, min_measures: int = 0, max_measures: int = 8) -> st.SearchStrategy[Report]:
    """Yearly reports (the ``report`` kind), as :func:`post65.build_report` makes them from
    :func:`portfolios` (``min_measures`` … ``max_measures`` measures of schemes a, b and c):
    with or without the county's judgement, a target set from an explicit selection or none, in
    bokmål or English, rendered in the standard :class:`~post65.PageModel` or another one. Their
    money figures add up and their §2 figures name the report's own measures and municipalities,
    so they load (any rule may be met or not; a long report breaks P65-6.4).

    >>> from hypothesis import given, settings
    >>> import post65
    >>> @settings(max_examples=5, database=None)
    ... @given(reports(min_measures=1, max_measures=3))
    ... def test_reports(report):
    ...     assert 1 <= sum(len(part.measures) for part in report.schemes) <= 3
    ...     assert post65.load(post65.dump(report)) == report
    >>> test_reports()
    """
    return _reports(min_measures, max_measures)


def _scheme_funds(
    opening: Money, received: Money, payments: Money, admin_costs: Money
) -> SchemeFunds:
    closing = kroner(opening) + kroner(received) - kroner(payments) - kroner(admin_costs)
    return SchemeFunds(opening, received, payments, admin_costs, nok(closing))


_SCHEME_FUNDS = st.builds(
    _scheme_funds,
    amounts(-(10**8), 10**8),
    amounts(0, 10**8),
    amounts(0, 10**8),
    amounts(0, 10**7),
)
_REPORT_MEASURES = st.builds(
    ReportMeasure,
    id=_words(max_size=10),
    title=texts(),
    beneficiaries=_tuples(kommunenummer() | fylkesnummer(), max_size=4),
    amount=st.none() | amounts(0, 10**8),
    spent=st.none() | amounts(0, 10**8),
    description=texts(),
    contributions=_tuples(st.builds(ReportContribution, st.sampled_from(ReportCriterion), texts())),
    jobs_created=st.none() | st.integers(0, 500),
    period=st.none() | _PERIODS,
)


# --------------------------------------------------------------------------------------------
# Refused documents: the changes that make a valid document of this kind unusable


_REPORT_FAULTS = (
    "county",
    "year",
    "disposed",
    "page_model",
    "funds",
    "negative",
    "beneficiary",
    "duplicate",
    "jobs",
    "section2_municipality",
    "section2_target",
    "section2_measure",
    "plan_municipality",
)


def _report_measures(data: JSON) -> list[tuple[int, int]]:
    """(scheme index, measure index) of every measure in a report's JSON."""
    return [(i, j) for i, part in enumerate(data["schemes"]) for j in range(len(part["measures"]))]


def _with_report_measure(draw: st.DrawFn, data: JSON) -> JSON:
    """``data`` with at least one measure (in a scheme it has, or in a new part for scheme a)."""
    if _report_measures(data):
        return data
    measure = _to_json_value(draw(_REPORT_MEASURES))
    if not data["schemes"]:
        part = _to_json_value(ReportScheme(SchemeId.A))
        return {**data, "schemes": [{**part, "measures": [measure]}]}
    i = draw(st.integers(0, len(data["schemes"]) - 1))
    return _put(data, ("schemes", i, "measures"), [measure])


def _scheme_a_ids(data: JSON) -> set[str]:
    return {m["id"] for part in data["schemes"] if part["scheme"] == "a" for m in part["measures"]}


def _negative_amount(draw: st.DrawFn) -> str:
    return str(-draw(st.integers(1, 10**9)))


def _report_refusal(draw: st.DrawFn, data: JSON) -> JSON:
    """Faults only a report has: money figures that do not add up, negative amounts, §2 figures
    naming measures or municipalities the report does not have, a page model out of range,
    besides unknown numbers, a year out of range and a measure id used twice."""
    how = draw(st.sampled_from(_REPORT_FAULTS))
    if how == "county":
        return {**data, "county": _bad_county(draw)}
    if how == "year":
        return {
            **data,
            "year": draw(st.integers(max_value=FIRST_YEAR - 1) | st.integers(LAST_YEAR + 1)),
        }
    if how == "disposed":
        return {**data, "disposed": _negative_amount(draw)}
    if how == "page_model":
        name = draw(st.sampled_from(sorted(OPTION_BOUNDS)))
        low, high = OPTION_BOUNDS[name]
        beyond = st.integers(max_value=low - 1) | st.integers(min_value=high + 1)
        return _put(data, ("page_model", name), draw(beyond))
    if how == "funds":
        parts = [i for i, part in enumerate(data["schemes"]) if part["funds"] is not None]
        if not parts:
            data = _with_report_measure(draw, data)  # there is a part to give funds
            parts = [0]
            data = _set(data, ("schemes", 0, "funds"), _to_json_value(draw(_SCHEME_FUNDS)))
        i = draw(st.sampled_from(parts))
        name = draw(st.sampled_from(["opening", "received", "payments", "admin_costs", "closing"]))
        old = Decimal(data["schemes"][i]["funds"][name])
        off = draw(st.integers(1, 10**6).map(Decimal) | st.just(Decimal("0.01")))
        return _put(data, ("schemes", i, "funds", name), format(old + off, "f"))
    if how == "section2_municipality":
        field = draw(st.sampled_from(["municipalities", "target_group"]))
        numbers = [*data["section2"][field], draw(invalid_kommunenummer())]
        return _put(data, ("section2", field), numbers)
    if how == "section2_target":
        benefited = set(data["section2"]["municipalities"])
        outside = draw(kommunenummer().filter(lambda nr: nr not in benefited))
        return _put(
            data, ("section2", "target_group"), [*data["section2"]["target_group"], outside]
        )
    if how == "section2_measure":
        known = _scheme_a_ids(data)
        unknown = draw(st.text(max_size=8).filter(lambda s: s not in known))
        field = draw(st.sampled_from(["plans", "new_ways", "planning"]))
        entry: Any = unknown
        if field == "plans":
            entry = _to_json_value(ReportPlan(unknown, draw(texts()), PlanAction.DEVELOPED))
        return _put(data, ("section2", field), [*data["section2"][field], entry])
    if how == "plan_municipality":
        ids = sorted(_scheme_a_ids(data)) or ["m0"]
        plan = ReportPlan(
            draw(st.sampled_from(ids)),
            draw(texts()),
            draw(st.sampled_from(PlanAction)),
            draw(invalid_kommunenummer()),
        )
        return _put(data, ("section2", "plans"), [*data["section2"]["plans"], _to_json_value(plan)])
    data = _with_report_measure(draw, data)
    if how == "negative":
        funded = [i for i, part in enumerate(data["schemes"]) if part["funds"] is not None]
        in_funds = draw(st.booleans())
        if funded and in_funds:
            i = draw(st.sampled_from(funded))
            name = draw(st.sampled_from(["received", "payments", "admin_costs"]))
            return _put(data, ("schemes", i, "funds", name), _negative_amount(draw))
    i, j = draw(st.sampled_from(_report_measures(data)))
    measure = data["schemes"][i]["measures"][j]
    if how == "negative":
        name = draw(st.sampled_from(["amount", "spent"]))
        return _put(data, ("schemes", i, "measures", j, name), _negative_amount(draw))
    if how == "beneficiary":
        numbers = [*measure["beneficiaries"], draw(invalid_kommunenummer())]
        return _put(data, ("schemes", i, "measures", j, "beneficiaries"), numbers)
    if how == "jobs":
        jobs = -draw(st.integers(1, 500))
        return _put(data, ("schemes", i, "measures", j, "jobs_created"), jobs)
    k = draw(st.integers(0, len(data["schemes"]) - 1))  # duplicate: the same id in any scheme
    twin = {**_to_json_value(draw(_REPORT_MEASURES)), "id": measure["id"]}
    return _put(data, ("schemes", k, "measures"), [*data["schemes"][k]["measures"], twin])


# --------------------------------------------------------------------------------------------
# The tables the package merges


STRATEGIES: dict[str, Callable[[], st.SearchStrategy[Any]]] = {"report": reports}
"""The document kinds of this module and the strategies of their valid documents."""

REFUSALS: dict[str, tuple[Refusal, ...]] = {"report": (_report_refusal,)}
"""The document kinds of this module and their own refusals."""


@st.composite
def _section2(draw: st.DrawFn) -> ReportSection2:
    """§2 figures as a report has them: a target group among the municipalities benefited,
    plans and lists of measure ids naming a few measures."""
    benefited = draw(st.lists(kommunenummer(), max_size=6, unique=True))
    ids = draw(st.lists(_words(max_size=10), max_size=4, unique=True))
    named = st.lists(st.sampled_from(ids), max_size=3, unique=True) if ids else st.just([])
    plans = st.builds(
        ReportPlan,
        st.sampled_from(ids),
        texts(),
        st.sampled_from(PlanAction),
        st.none() | kommunenummer(),
    )
    return ReportSection2(
        municipalities=tuple(benefited),
        target_group=tuple(draw(st.lists(st.sampled_from(benefited), unique=True)))
        if benefited
        else (),
        basis=draw(st.sampled_from(TargetBasis)),
        plans=tuple(draw(st.lists(plans, max_size=2))) if ids else (),
        new_ways=tuple(draw(named)),
        planning=tuple(draw(named)),
    )


_REPORT_PLANS = st.builds(
    ReportPlan,
    _words(max_size=10),
    texts(),
    st.sampled_from(PlanAction),
    st.none() | kommunenummer(),
)
_SECTION2 = _section2()


TYPES: dict[type, Callable[[], st.SearchStrategy[Any]]] = {
    CarriedOver: lambda: st.builds(CarriedOver, amounts(-(10**8), 10**8), amounts(-(10**8), 10**8)),
    MunicipalityAmount: lambda: st.builds(MunicipalityAmount, kommunenummer(), amounts(0, 10**8)),
    PageModel: lambda: _PAGE_MODELS,
    Report: reports,
    ReportContribution: lambda: st.builds(
        ReportContribution, st.sampled_from(ReportCriterion), texts()
    ),
    ReportMeasure: lambda: _REPORT_MEASURES,
    ReportPlan: lambda: _REPORT_PLANS,
    ReportScheme: lambda: st.builds(
        ReportScheme,
        st.sampled_from(SchemeId),
        _tuples(_REPORT_MEASURES),
        st.none() | _SCHEME_FUNDS,
    ),
    ReportSection2: lambda: _SECTION2,
    SchemeFunds: lambda: _SCHEME_FUNDS,
    StateActor: lambda: st.builds(
        StateActor, st.sampled_from(PartnerKind), texts(), _tuples(_words(max_size=10), max_size=3)
    ),
    TargetMunicipalities: lambda: st.builds(
        TargetMunicipalities,
        _tuples(kommunenummer(), max_size=4),
        _tuples(kommunenummer(), max_size=4),
    ),
}
"""The post65 types whose strategies this module gives (see :func:`post65.strategies.for_type`)."""
