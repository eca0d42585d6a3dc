"""The reading parameters of A-1.3, A-1.4, A-2.1, A-4.11 and B-1 (issue 12): each alternative
reading is selectable and does what its interpretation says; the properties compare each
alternative with the default on generated documents."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st

from post65 import (
    GoalContribution,
    Lasting,
    LastingKind,
    Measure,
    Organisation,
    OrganisationKind,
    Period,
    Portfolio,
    Use,
    nok,
)
from post65.applications import (
    Applicant,
    Application,
    Contribution,
    Criterion,
    Decline,
    Project,
)
from post65.calls import ProjectType
from post65.districtindex import DistrictIndex
from post65.geography import register
from post65.measures import months_between
from post65.parameters import Parameters
from post65.rules import CheckResult, Finding, Outcome, Severity, check
from post65.schemes.a.s4_county_work import continuity
from post65.strategies import portfolios

MET, NOT_MET = Outcome.MET, Outcome.NOT_MET
UNDETERMINED, NOT_APPLICABLE = Outcome.UNDETERMINED, Outcome.NOT_APPLICABLE


def reading(name: str, choice: str, **numbers: int | str) -> Parameters:
    """Parameters selecting ``choice`` for the reading ``name`` (and setting ``numbers``)."""
    params = Parameters().override(name, choice)
    if numbers:
        params = params.with_overrides(
            {k.replace("__", "."): Decimal(v) for k, v in numbers.items()}
        )
    return params


def by_subject(result: CheckResult, rule_id: str) -> dict[str, Finding]:
    """The findings on single measures (``/measures/3``), by subject."""
    return {f.subject: f for f in result.for_rule(rule_id) if f.subject.startswith("/measures/")}


def only(result: CheckResult, rule_id: str) -> Finding:
    (found,) = result.for_rule(rule_id)
    return found


def measure(**changes: Any) -> Measure:
    base = Measure(
        id="m1",
        title="Planveiledning i Træna",
        uses=(Use.IV,),
        owner=Organisation(OrganisationKind.COUNTY, "Nordland fylkeskommune"),
        cost=nok(1_200_000),
        period=Period(dt.date(2024, 1, 1), dt.date(2024, 6, 30)),
        beneficiaries=("1835",),
        goals=(GoalContribution(3, "Styrket plankapasitet."),),
        lasting=Lasting(LastingKind.COMPETENCE, "Kommunen kan selv rullere planen."),
    )
    return attrs.evolve(base, **changes)


def portfolio(*measures: Measure) -> Portfolio:
    return Portfolio(county="18", year=2024, measures=measures or (measure(),))


# --------------------------------------------------------------------------------------------
#


def _stated(m: Measure) -> set[int]:
    return {g.goal for g in m.goals if g.goal in (1, 3) and g.contribution.strip()}


@settings(max_examples=40)
@given(portfolios(min_measures=1, max_measures=4))
def test_a_1_3_both_each_is_never_wider_than_one_goal_each(p: Portfolio) -> None:
    default = by_subject(check(p), "A-1.3")
    both = by_subject(check(p, parameters=reading("reading.a-1.3", "both_each")), "A-1.3")
    portfolio_only = check(p, parameters=reading("reading.a-1.3", "portfolio_only"))
    loose = by_subject(portfolio_only, "A-1.3")
    assert default.keys() == both.keys() == loose.keys()
    measures = {f"/measures/{i}": m for i, m in enumerate(p.measures)}
    for subject, f in both.items():
        assert f.values["reading"] == "both_each"
        assert (f.outcome is MET) == (_stated(measures[subject]) == {1, 3})
        if f.outcome is MET:
            assert default[subject].outcome is MET
        assert loose[subject].outcome is NOT_APPLICABLE
    # portfolio_only leaves the portfolio to, judged as by default
    assert only(portfolio_only, "A-1.4").outcome is only(check(p), "A-1.4").outcome


def test_a_1_3_both_each_names_the_goal_the_measure_lacks() -> None:
    f = only(check(portfolio(), parameters=reading("reading.a-1.3", "both_each")), "A-1.3")
    assert f.outcome is NOT_MET
    assert "no contribution to goal 1 of 13.50" in f.message("en")
    assert "ikke bidrag til mål 1 for 13.50" in f.message("nb")
    assert only(check(portfolio()), "A-1.3").outcome is MET


@settings(max_examples=40)
@given(portfolios(max_measures=4))
def test_a_1_4_national_never_fails_a_portfolio(p: Portfolio) -> None:
    default = only(check(p), "A-1.4")
    national = only(check(p, parameters=reading("reading.a-1.4", "national")), "A-1.4")
    if default.outcome is NOT_MET:
        assert national.outcome is NOT_APPLICABLE
        assert (national.values["goal_1"], national.values["goal_3"]) == (
            default.values["goal_1"],
            default.values["goal_3"],
        )
        assert "reading.a-1.4=national" in national.message("en")
    else:
        assert national.outcome is default.outcome
    assert national.outcome is not NOT_MET


# --------------------------------------------------------------------------------------------
#


@settings(max_examples=40)
@given(portfolios(min_measures=1, max_measures=4))
def test_a_2_1_both_required_is_never_wider_than_stated_strengthening(p: Portfolio) -> None:
    default = by_subject(check(p), "A-2.1")
    strict = check(p, parameters=reading("reading.a-2.1", "both_required"))
    both = by_subject(strict, "A-2.1")
    assert default.keys() == both.keys()
    for subject, f in both.items():
        m = p.measures[int(subject.rsplit("/", 1)[1])]
        assert isinstance(m, Measure)
        lasting = m.lasting
        leaves_both = (
            lasting is not None
            and lasting.kind is LastingKind.COMPETENCE_AND_CAPACITY
            and bool(lasting.description.strip())
        )
        assert (f.outcome is MET) == leaves_both, subject
        if f.outcome is MET:
            assert default[subject].outcome is MET


def test_a_2_1_both_required_says_what_the_county_states() -> None:
    params = reading("reading.a-2.1", "both_required")
    f = only(check(portfolio(), parameters=params), "A-2.1")
    assert (f.outcome, f.values["lasting"], f.values["reading"]) == (
        NOT_MET,
        "competence",
        "both_required",
    )
    assert "The county states: lasting competence" in f.message("en")
    both = Lasting(LastingKind.COMPETENCE_AND_CAPACITY, "Planressurs og kompetanse.")
    g = only(check(portfolio(measure(lasting=both)), parameters=params), "A-2.1")
    assert g.outcome is MET
    h = only(check(portfolio(measure(lasting=None)), parameters=params), "A-2.1")
    assert h.outcome is NOT_MET
    assert "nothing strengthened" in h.message("en")


# --------------------------------------------------------------------------------------------
#


@settings(max_examples=40)
@given(portfolios(min_measures=1, max_measures=4), st.integers(1, 36))
def test_a_4_11_span_is_never_stricter_than_continuity(p: Portfolio, minimum: int) -> None:
    def judged(choice: str) -> Finding:
        params = reading("reading.a-4.11", choice, a__guidance_min_months=minimum)
        return only(check(p, parameters=params), "A-4.11")

    default, span = judged("continuity"), judged("span")
    if default.outcome is NOT_APPLICABLE:
        assert span.outcome is NOT_APPLICABLE
        return
    assert span.values["reading"] == "span"
    helped = continuity(p)
    assert (span.outcome is MET) == all(c.span.months >= minimum for c in helped)
    if default.outcome is MET:
        assert span.outcome is MET


@settings(max_examples=40)
@given(portfolios(min_measures=1, max_measures=4), st.integers(1, 36))
def test_a_4_11_duration_judges_each_use_iv_measure(p: Portfolio, minimum: int) -> None:
    params = reading("reading.a-4.11", "duration", a__guidance_min_months=minimum)
    f = only(check(p, parameters=params), "A-4.11")
    if only(check(p), "A-4.11").outcome is NOT_APPLICABLE:
        assert f.outcome is NOT_APPLICABLE
        return
    year_end = dt.date(p.year, 12, 31)
    lengths = {
        m.id: months_between(m.period.start, m.period.end or max(m.period.start, year_end))
        for m in sorted(p.measures, key=lambda m: (m.period.start, m.id))
        if isinstance(m, Measure) and Use.IV in m.uses
    }
    assert f.values["use_iv_measures"] == ", ".join(lengths)
    if not lengths:
        assert f.outcome is NOT_APPLICABLE
        return
    short = [i for i, n in lengths.items() if n < minimum]
    assert f.values["short_measures"] == ", ".join(short)
    assert (f.outcome is MET) == (not short)


def test_a_4_11_two_short_measures_in_a_row_differ_by_reading() -> None:
    first = measure()
    second = measure(id="m2", period=Period(dt.date(2024, 7, 1), dt.date(2024, 12, 31)))
    p = portfolio(first, second)

    def outcome(choice: str) -> Outcome:
        params = reading("reading.a-4.11", choice, a__guidance_min_months=12)
        return only(check(p, parameters=params), "A-4.11").outcome

    assert (outcome("continuity"), outcome("span"), outcome("duration")) == (MET, MET, NOT_MET)
    # without a minimum every reading is undetermined, naming the parameter
    f = only(check(p, parameters=reading("reading.a-4.11", "duration")), "A-4.11")
    assert f.outcome is UNDETERMINED
    assert "a.guidance_min_months" in f.message("en")
    # a gap: continuity sees 6 months unbroken, span 12 months
    late = measure(id="m2", period=Period(dt.date(2024, 9, 1), dt.date(2024, 12, 31)))
    q = portfolio(first, late)
    spans = [
        only(check(q, parameters=reading("reading.a-4.11", c, a__guidance_min_months=12)), "A-4.11")
        for c in ("continuity", "span")
    ]
    assert [s.outcome for s in spans] == [NOT_MET, MET]


# --------------------------------------------------------------------------------------------
# B-1

INNLANDET = [k.kommunenummer for k in register(2024).municipalities_in("34")]
NORDLAND = [k.kommunenummer for k in register(2024).municipalities_in("18")]
THRESHOLDS = {"b.population_decline_min": "0.05", "b.employment_decline_min": "0.05"}


def application(decline: Decline | None, stated: bool | None = None) -> Application:
    return Application(
        id="engerdal-1",
        applicants=(Applicant("3425", 6, stated, decline),),
        project=Project(
            "Bulyst",
            ProjectType.PLACE_DEVELOPMENT,
            contributions=(Contribution(Criterion.ATTRACTIVENESS, "Møteplasser i sentrum"),),
        ),
        amount_applied=nok(400_000),
        total_cost=nok(1_000_000),
        call="innlandet-2024",
    )


def b_params(
    target: str = "lowest_on_index", decline: str = "thresholds", **set_: str
) -> Parameters:
    params = Parameters().override("reading.b-1.target", target)
    params = params.override("reading.b-1.thresholds", decline)
    return params.with_overrides({k: Decimal(v) for k, v in set_.items()})


@settings(max_examples=150)
@given(
    pop=st.tuples(st.integers(1, 5000), st.integers(0, 6000)),
    emp=st.tuples(st.integers(1, 3000), st.integers(0, 4000)),
    pop_min=st.decimals(0, 1, places=2),
    emp_min=st.decimals(0, 1, places=2),
)
def test_b_1_either_decline_is_never_stricter_than_thresholds(
    pop: tuple[int, int], emp: tuple[int, int], pop_min: Decimal, emp_min: Decimal
) -> None:
    app = application(Decline(2013, 2023, pop[0], pop[1], emp[0], emp[1]))
    set_ = {
        "b.population_decline_min": str(pop_min),
        "b.employment_decline_min": str(emp_min),
        "b.decline_years": "10",
    }
    both = only(check(app, parameters=b_params(**set_)), "B-1")
    either = only(check(app, parameters=b_params(decline="either_decline", **set_)), "B-1")
    pop_ok = pop[0] - pop[1] >= pop_min * pop[0]
    emp_ok = emp[0] - emp[1] >= emp_min * emp[0]
    assert (both.outcome is MET) == (pop_ok and emp_ok)
    assert (either.outcome is MET) == (pop_ok or emp_ok)
    assert either.values["reading_thresholds"] == "either_decline"
    if either.outcome is NOT_MET:
        assert "in either population or employment" in either.message("en")


def test_b_1_national_ranks_the_whole_index() -> None:
    """Nordland municipalities scoring lower push Engerdal out of the country's 17 lowest,
    not out of Innlandet's."""
    index = DistrictIndex(
        {**dict.fromkeys(INNLANDET, 50), **dict.fromkeys(NORDLAND, 1), "3425": 40}
    )
    app = application(None)
    county = only(check(app, index=index), "B-1")
    national = only(check(app, index=index, parameters=b_params("national")), "B-1")
    assert (county.outcome, county.values["index_scope"]) == (MET, "county")
    assert (national.outcome, national.values["index_scope"]) == (UNDETERMINED, "national")
    assert national.values["index_rank"] == str(len(NORDLAND) + 1)
    assert national.values["index_count"] == str(len(INNLANDET) + len(NORDLAND))
    assert "of the whole country" in national.message("en")
    # lowest everywhere: inside under both readings
    lowest = DistrictIndex({**dict.fromkeys(INNLANDET + NORDLAND, 50), "3425": 1})
    assert only(check(app, index=lowest, parameters=b_params("national")), "B-1").outcome is MET


@settings(max_examples=40)
@given(
    score=st.integers(0, 100),
    stated=st.none() | st.booleans(),
    thresholds=st.booleans(),
)
def test_b_1_allocation_only_lets_the_decline_alone_decide(
    score: int, stated: bool | None, thresholds: bool
) -> None:
    """Neither the index nor the applicant's statement puts a municipality in the target group:
    the finding is the decline's, the same as for an applicant outside the index."""
    decline = Decline(2013, 2023, 1450, 1361, 520, 470)
    index = DistrictIndex({**dict.fromkeys(INNLANDET, 50), "3425": score})
    set_ = {**THRESHOLDS, "b.decline_years": "10"} if thresholds else {}
    params = b_params("allocation_only", **set_)
    f = only(check(application(decline, stated), index=index, parameters=params), "B-1")
    bare = only(check(application(decline), parameters=b_params(**set_)), "B-1")
    assert f.outcome is bare.outcome is (MET if thresholds else UNDETERMINED)
    assert f.values["reading_target"] == "allocation_only"
    assert "only the key of KDD's allocation" in f.message("en")
    assert f.severity is Severity.ERROR


def test_a_4_11_the_order_of_the_measures_does_not_matter() -> None:
    """Two measures with the same period: listed by id whichever comes first in the document
    (found by tests/test_portfolio.py's order property)."""
    a, b = measure(id="a"), measure(id="b")
    for choice in ("continuity", "duration"):
        params = reading("reading.a-4.11", choice, a__guidance_min_months=3)
        found = [
            only(check(portfolio(*ms), parameters=params), "A-4.11") for ms in ((a, b), (b, a))
        ]
        assert found[0].values == found[1].values
        assert found[0].message("en") == found[1].message("en")
    (c,) = continuity(portfolio(b, a))
    assert c.measures == ("a", "b")


@settings(max_examples=60, deadline=None)
@given(portfolios())
def test_a_4_12_spending_only_is_never_stricter_than_with_commitments(p: Portfolio) -> None:
    """``reading.a-4.12=spending_only`` counts spending alone: whatever it finds not met, the
    default (spending and outstanding commitments) finds not met too, and the two agree when no
    commitment is outstanding."""
    default = check(p).for_rule("A-4.12")[0]
    spending = check(p, parameters=reading("reading.a-4.12", "spending_only")).for_rule("A-4.12")[0]
    assert (default.values.get("reading"), spending.values.get("reading")) in (
        ("with_commitments", "spending_only"),
        (None, None),  # no funds booked up to the year: undetermined either way
    )
    if spending.outcome is NOT_MET:
        assert default.outcome is NOT_MET
    if default.values.get("outstanding") in (None, "0"):
        assert spending.outcome is default.outcome
    for found in (default, spending):  # met: what is left is never shown below nothing
        for lang in ("nb", "nn", "en") if found.outcome is Outcome.MET else ():
            assert not re.search(r"[-\u2212]\d", found.message(lang)), found.message(lang)


@settings(max_examples=60, deadline=None)
@given(portfolios())
def test_a_4_7_county_assessment_is_never_stricter_than_the_default(p: Portfolio) -> None:
    """``reading.a-4.7=county_assessment`` also counts the county's own assessment: per measure
    it is met wherever the default is, and the two differ only on a need the county assessed
    alone (met there, not met under the default)."""
    default = {f.subject: f for f in check(p).for_rule("A-4.7")}
    other = check(p, parameters=reading("reading.a-4.7", "county_assessment")).for_rule("A-4.7")
    assert set(default) == {f.subject for f in other}
    for found in other:
        before = default[found.subject]
        if found.outcome is not before.outcome:
            assert (before.outcome, found.outcome) == (NOT_MET, Outcome.MET)
            assert found.values["source"] == "county"
        elif before.outcome in (Outcome.MET, NOT_MET):  # judged: the reading is named
            assert found.values["reading"] == "county_assessment"


def test_a_4_12_spending_only_names_commitments_beyond_the_funds() -> None:
    """5 MNOK committed on 1 MNOK received, nothing spent: met under spending_only, saying the
    commitments go 4 MNOK beyond what is left (not that -4 MNOK is free)."""
    from post65.scenarios import load_scenario

    path = "tests/scenarios/a/a-4.12-spending-only.scenario.json"
    _, document = load_scenario(path)
    found = check(document, parameters=reading("reading.a-4.12", "spending_only"))
    (a_4_12,) = found.for_rule("A-4.12")
    assert a_4_12.outcome is Outcome.MET
    assert a_4_12.values["free"] == "-4000000"
    words = {lang: a_4_12.message(lang).replace("\u00a0", " ") for lang in ("nb", "nn", "en")}
    assert "går 4 000 000 kr ut over" in words["nb"]
    assert "går 4 000 000 kr ut over" in words["nn"]
    assert "go 4 000 000 kr beyond" in words["en"]
