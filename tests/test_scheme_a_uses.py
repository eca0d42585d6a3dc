"""Scheme a §4 under issue 12's readings: A-4.1 one or more uses (reading.a-4.1), A-4.3 only the
county buying from itself excluded (reading.a-4.3), A-4.5 the process of a beneficiary, the rules
that rest on the county's statements saying so, and A-4.11 help over time as continuity per
municipality with no default length."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from post65 import (
    GoalContribution,
    GuidanceCapacity,
    Lasting,
    LastingKind,
    Measure,
    MunicipalChallenge,
    Needs,
    NeedsSource,
    Organisation,
    OrganisationKind,
    Partner,
    PartnerKind,
    Period,
    PlanProcess,
    Portfolio,
    Supplier,
    Use,
    nok,
)
from post65.measures import AssistanceKind, months_between
from post65.parameter_table import TABLE, WITHOUT_DEFAULT
from post65.parameters import Parameters
from post65.rules import CheckResult, Finding, Outcome, check, rules
from post65.schemes.a.s4_county_work import continuity
from post65.text import Lang, strict

MET, NOT_MET = Outcome.MET, Outcome.NOT_MET
UNDETERMINED, NOT_APPLICABLE = Outcome.UNDETERMINED, Outcome.NOT_APPLICABLE
EXACTLY_ONE = Parameters().override("reading.a-4.1", "exactly_one")
EXTERNAL_ONLY = Parameters().override("reading.a-4.3", "external_only")
USE_RULES = {Use.I: "A-4.2", Use.II: "A-4.3", Use.III: "A-4.4", Use.IV: "A-4.5"}


def measure(**changes: Any) -> Measure:
    """A use iv measure in 1835 Træna, 18 months from 2024, that meets every rule of §4."""
    base = Measure(
        id="m1",
        title="Planveiledning i Træna",
        uses=(Use.IV,),
        owner=Organisation(OrganisationKind.COUNTY, "Nordland fylkeskommune"),
        cost=nok(1_200_000),
        period=Period(dt.date(2024, 1, 1), dt.date(2025, 6, 30)),
        beneficiaries=("1835",),
        goals=(GoalContribution(3, "Styrket plankapasitet."),),
        needs=Needs("Kommunen har bedt om hjelp.", NeedsSource.MUNICIPALITY, "Kommunedialog"),
        lasting=Lasting(LastingKind.COMPETENCE, "Kommunen kan selv rullere planen."),
        sectors=("plan", "næring"),
        departments=("Plan", "Næring"),
        partners=(Partner(PartnerKind.STATSFORVALTEREN),),
        plan_processes=(PlanProcess("Kommuneplanens samfunnsdel, Træna", "1835"),),
    )
    return attrs.evolve(base, **changes)


def portfolio(*measures: Measure) -> Portfolio:
    return Portfolio(
        county="18",
        year=2024,
        challenges=(MunicipalChallenge("1835", "Ingen egen planressurs.", "Kommunedialog"),),
        measures=measures or (measure(),),
    )


def only(result: CheckResult, rule_id: str, subject: str | None = None) -> Finding:
    hits = [f for f in result.for_rule(rule_id) if subject is None or f.subject == subject]
    assert len(hits) == 1, hits
    return hits[0]


uses_lists = st.lists(st.sampled_from(Use), max_size=6).map(tuple)


# --------------------------------------------------------------------------------------------
# and the use rules


@settings(max_examples=60, deadline=None)
@given(uses_lists)
def test_a_4_1_is_met_exactly_when_the_measure_has_a_use(uses: tuple[Use, ...]) -> None:
    document = portfolio(measure(uses=uses))
    default = only(check(document), "A-4.1").outcome
    exactly_one = only(check(document, parameters=EXACTLY_ONE), "A-4.1").outcome
    assert (default is MET) == bool(uses)
    assert (exactly_one is MET) == (len(set(uses)) == 1)
    assert exactly_one is not MET or default is MET  # exactly one is one or more


@settings(max_examples=60, deadline=None)
@given(uses_lists)
def test_each_listed_use_brings_its_own_rule(uses: tuple[Use, ...]) -> None:
    result = check(portfolio(measure(uses=uses)))
    for use, rule_id in USE_RULES.items():
        judged = only(result, rule_id, "/measures/0").outcome is not NOT_APPLICABLE
        assert judged == (use in uses), (rule_id, uses)


def test_a_4_1_names_the_rules_of_the_uses_listed() -> None:
    f = only(check(portfolio(measure(uses=(Use.I, Use.IV)))), "A-4.1")
    assert f.message("en") == "Uses i, iv (§4); the conditions of each apply (A-4.2, A-4.5)."
    assert f.values == {"uses": "i, iv", "reading": "one_or_more"}


# --------------------------------------------------------------------------------------------
#


def _use_ii(kind: OrganisationKind) -> Portfolio:
    supplier = Supplier("Leverandøren", kind, AssistanceKind.PROCESS)
    return portfolio(measure(uses=(Use.II,), supplier=supplier, plan_processes=()))


@pytest.mark.parametrize("kind", list(OrganisationKind))
def test_a_4_3_excludes_only_the_county_buying_from_itself(kind: OrganisationKind) -> None:
    document = _use_ii(kind)
    default = only(check(document), "A-4.3")
    external = only(check(document, parameters=EXTERNAL_ONLY), "A-4.3").outcome
    assert default.outcome is (NOT_MET if kind is OrganisationKind.COUNTY else MET)
    public_sector = {
        OrganisationKind.COUNTY,
        OrganisationKind.MUNICIPALITY,
        OrganisationKind.INTERMUNICIPAL,
    }
    assert external is (NOT_MET if kind in public_sector else MET)
    assert external is not MET or default.outcome is MET  # the old rule is the stricter
    if kind is OrganisationKind.COUNTY:
        assert (
            "is given as “Leverandøren”, the county itself, which cannot buy from itself"
            in default.message("en")
        )


def test_a_4_3_vertskommune_message_says_the_county_states_it() -> None:
    f = only(check(_use_ii(OrganisationKind.MUNICIPALITY)), "A-4.3")
    assert f.message("nb") == (
        "Fylkeskommunen oppgir at det kjøpes prosessbistand fra «Leverandøren» (kommune) til "
        "1 kommune."
    )


# --------------------------------------------------------------------------------------------
#


@pytest.mark.parametrize(
    ("processes", "beneficiaries", "outcome", "said"),
    [
        (
            (PlanProcess("Planstrategi", "1835"),),
            ("1835",),
            MET,
            "The county states that the guidance is linked to «Planstrategi» (1835 Træna).",
        ),
        (
            (PlanProcess("Planstrategi", "1836"),),
            ("1835",),
            NOT_MET,
            "Use iv: the process “Planstrategi” is given for 1836 Rødøy, which is not among the "
            "measure's beneficiaries.",
        ),
        (
            (PlanProcess("Planstrategi", "1836"), PlanProcess("Samfunnsdelen", "1835")),
            ("1835", "1836"),
            MET,
            "The county states that the guidance is linked to «Planstrategi» (1836 Rødøy), "
            "«Samfunnsdelen» (1835 Træna).",
        ),
        (
            (PlanProcess("Planstrategi", " "), PlanProcess("Samfunnsdelen")),
            ("1835",),
            MET,
            "The county states that the guidance is linked to «Planstrategi», «Samfunnsdelen», "
            "and that the processes without a kommunenummer belong to the beneficiary "
            "municipalities.",
        ),
    ],
)
def test_a_4_5_the_process_belongs_to_a_beneficiary(
    processes: tuple[PlanProcess, ...], beneficiaries: tuple[str, ...], outcome: Outcome, said: str
) -> None:
    m = measure(plan_processes=processes, beneficiaries=beneficiaries)
    f = only(check(portfolio(m)), "A-4.5")
    assert (f.outcome, f.message("en")) == (outcome, said)


# --------------------------------------------------------------------------------------------
# What the county states is said as such

STATES = {
    Lang.NB: "Fylkeskommunen oppgir",
    Lang.NN: "Fylkeskommunen oppgjev",
    Lang.EN: "The county",
}


@pytest.mark.parametrize(
    "document",
    [
        portfolio(),
        portfolio(
            measure(
                uses=(Use.I, Use.II, Use.III, Use.IV),
                supplier=Supplier("Prosess AS", OrganisationKind.COMPANY, AssistanceKind.PROCESS),
                guidance_capacity=GuidanceCapacity("Prosessledelse.", "", "Planstrategier."),
            )
        ),
        portfolio(measure(sectors=("plan",), departments=(), partners=())),
    ],
)
def test_the_rules_that_rest_on_the_county_s_statements_say_so(document: Portfolio) -> None:
    """Every finding that repeats what the county states opens by saying so (the reasons of a
    not_met use rule, and messages about what is missing, state nothing)."""
    repeats = {
        ("A-4.2", MET),
        ("A-4.3", MET),
        ("A-4.4", MET),
        ("A-4.5", MET),
        ("A-4.6", MET),
        ("A-4.7", MET),
        ("A-4.8", MET),
        ("A-4.8", NOT_MET),
        ("A-4.9", MET),
        ("A-4.9", NOT_MET),
        ("A-4.10", MET),
        ("A-4.10", NOT_MET),
        ("A-4.11", UNDETERMINED),
    }
    seen = set()
    with strict():
        for f in check(document):
            if (f.rule, f.outcome) in repeats:
                for lang, words in STATES.items():
                    assert f.message(lang).startswith(words), (f.rule, f.message(lang))
                seen.add(f.rule)
    assert seen >= {"A-4.6", "A-4.7", "A-4.8", "A-4.9", "A-4.10", "A-4.11"}


def test_a_4_6_never_writes_the_statement_as_fact() -> None:
    f = only(check(portfolio()), "A-4.6")
    assert f.message("nb") == (
        "Fylkeskommunen oppgir at tiltaket gir varig kompetanse: Kommunen kan selv rullere planen."
    )
    assert not f.message("nb").startswith("Varig")


# --------------------------------------------------------------------------------------------
#


def test_a_guidance_min_months_has_no_default() -> None:
    assert "a.guidance_min_months" in WITHOUT_DEFAULT
    assert all(p.name != "a.guidance_min_months" for p in TABLE)
    assert Parameters().get("a.guidance_min_months", dt.date(2024, 6, 1)) is None


def _helped(*periods: Period, nr: str = "1835") -> Portfolio:
    return portfolio(
        *(measure(id=f"m{i}", period=p, beneficiaries=(nr,)) for i, p in enumerate(periods, 1))
    )


def test_a_4_11_joins_measures_one_after_another_and_shows_the_gaps() -> None:
    document = _helped(
        Period(dt.date(2024, 1, 1), dt.date(2024, 3, 31)),
        Period(dt.date(2024, 4, 1), dt.date(2024, 6, 30)),  # starts the day after: continues
        Period(dt.date(2024, 9, 1), dt.date(2025, 2, 28)),  # after a gap of two months
    )
    (c,) = continuity(document)
    assert c.measures == ("m1", "m2", "m3")
    assert [str(s) for s in c.stretches] == ["2024-01-01/2024-06-30", "2024-09-01/2025-02-28"]
    assert [str(g) for g in c.gaps] == ["2024-07-01/2024-08-31"]
    assert (c.longest.months, c.span.months, c.years) == (6, 14, "2024–2025")
    f = only(check(document), "A-4.11")
    assert f.outcome is UNDETERMINED
    assert f.message("en") == (
        "The county states measures for 1 municipality: 1835 Træna: 6 months unbroken "
        "(2024-01-01 to 2024-06-30), 3 measures over 14 months, 1 gap. The regulation does not "
        "say how long «over tid» is: set the parameter a.guidance_min_months to judge it."
    )
    six = Parameters().override("a.guidance_min_months", 6)
    assert only(check(document, parameters=six), "A-4.11").outcome is MET


def test_a_4_11_names_only_the_municipalities_short_of_the_minimum() -> None:
    document = portfolio(
        measure(beneficiaries=("1835", "1836")),  # 18 months
        measure(id="m2", beneficiaries=("1836",), period=Period(dt.date(2025, 7, 1))),
        measure(
            id="m3",
            beneficiaries=("1837",),
            period=Period(dt.date(2024, 1, 1), dt.date(2024, 6, 30)),
        ),
    )
    twelve = Parameters().override("a.guidance_min_months", 12)
    f = only(check(document, parameters=twelve), "A-4.11")
    assert f.outcome is NOT_MET
    assert f.values["municipalities"] == "1835, 1836, 1837"
    assert f.values["1836.longest"] == "2024-01-01/2025-07-01"  # m2 has no end, starts later
    assert f.values["1836.open_ended"] == "m2"
    text = f.message("en")
    assert "give 1 of 3 municipalities help for less than 12 months" in text
    assert "1837 " in text
    assert "1835 Træna" not in text


@st.composite
def _periods(draw: st.DrawFn) -> Period:
    start = draw(st.dates(dt.date(2020, 1, 1), dt.date(2027, 12, 31)))
    if draw(st.booleans()):
        return Period(start)
    return Period(start, start + dt.timedelta(days=draw(st.integers(0, 900))))


@settings(max_examples=80, deadline=None)
@given(
    st.lists(
        st.tuples(_periods(), st.sets(st.sampled_from(["1835", "1836", "1837"]), min_size=1)),
        min_size=1,
        max_size=6,
    ),
    st.integers(0, 30),
)
def test_a_4_11_continuity_invariants(items: list[tuple[Period, set[str]]], minimum: int) -> None:
    measures = [
        measure(id=f"m{i}", period=p, beneficiaries=tuple(sorted(nrs)))
        for i, (p, nrs) in enumerate(items)
    ]
    document = portfolio(*measures)
    year_end = dt.date(document.year, 12, 31)
    found = continuity(document)
    assert [c.kommunenummer for c in found] == sorted({nr for _, nrs in items for nr in nrs})
    for c in found:
        own = [m for m in measures if c.kommunenummer in m.beneficiaries]
        assert sorted(c.measures) == sorted(m.id for m in own)
        longest_single = max(
            months_between(m.period.start, m.period.end or max(m.period.start, year_end))
            for m in own
        )
        # the span covers the longest unbroken stretch, which covers the longest single period
        assert c.span.months >= c.longest.months >= longest_single
        # stretches are in order, apart by at least one day, and every period is inside one
        for a, b in zip(c.stretches, c.stretches[1:], strict=False):
            assert (b.start - a.end).days >= 2
        for p in c.periods:
            assert any(s.start <= p.start and p.end <= s.end for s in c.stretches)
        assert len(c.gaps) == len(c.stretches) - 1
    at_least = Parameters().override("a.guidance_min_months", Decimal(minimum))
    f = only(check(document, parameters=at_least), "A-4.11")
    assert f.outcome is (MET if all(c.longest.months >= minimum for c in found) else NOT_MET)
    assert only(check(document), "A-4.11").outcome is UNDETERMINED


def test_a_4_11_is_not_applicable_without_a_municipality() -> None:
    document = portfolio(measure(uses=(Use.III,), beneficiaries=("18",)))
    assert only(check(document), "A-4.11").outcome is NOT_APPLICABLE


def test_the_interpretations_of_these_rules() -> None:
    by_id = {r.id: {i.id: i for i in r.interpretations} for r in rules()}
    assert by_id["A-4.1"]["one_or_more"].parameter == "reading.a-4.1"
    assert [a.id for a in by_id["A-4.1"]["one_or_more"].alternatives] == ["exactly_one"]
    assert by_id["A-4.3"]["not_self"].parameter == "reading.a-4.3"
    assert [a.id for a in by_id["A-4.3"]["not_self"].alternatives] == ["external_only"]
    assert [a.id for a in by_id["A-4.11"]["continuity"].alternatives] == ["span", "duration"]
    assert "no default" in by_id["A-4.11"]["continuity"].text("en")
    assert "beneficiary" in by_id["A-4.5"]["beneficiaries_process"].text("en")
