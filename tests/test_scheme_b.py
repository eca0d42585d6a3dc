"""Scheme b: the application kinds, the call, rules B-1 … B-5, the examples."""

from __future__ import annotations

import datetime as dt
import doctest
import json
import random
import re
from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import post65.applications
import post65.calls
import post65.schemes.b
import post65.schemes.b.priority
from post65 import io, strategies
from post65.applications import (
    Applicant,
    Application,
    Applications,
    Contribution,
    Criterion,
    Decline,
    Project,
)
from post65.calls import Call, ProjectType, shipped_call, shipped_calls
from post65.cli import main
from post65.districtindex import DistrictIndex
from post65.errors import InvalidDocument, InvalidParameter
from post65.geography import register
from post65.law import source_text
from post65.money import kroner, nok
from post65.parameters import DEFAULTS, WITHOUT_DEFAULT, Parameters
from post65.rules import CheckResult, Finding, Outcome, Severity, check
from post65.schemes.b.priority import GROUPS, priority, priority_order
from post65.schemes.b.target_group import lowest
from post65.stateaid import Aid, Regime, Support

EXAMPLES = Path(__file__).parent.parent / "examples"
INNLANDET = shipped_call("innlandet-2024")
THRESHOLDS = Parameters().with_overrides(
    {
        "b.population_decline_min": Decimal("0.05"),
        "b.employment_decline_min": Decimal("0.05"),
        "b.decline_years": Decimal(10),
    }
)


def _json(document: object) -> dict[str, Any]:
    """The document as parsed JSON (plain strings for enums, as a file would hold it)."""
    data: dict[str, Any] = io.loads_json(io.dump(document))
    return data


def test_module_doctests() -> None:
    for module in (
        post65.schemes.b,
        post65.schemes.b.priority,
        post65.applications,
        post65.calls,
    ):
        result = doctest.testmod(
            module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
        )
        assert result.failed == 0, module.__name__
        assert result.attempted > 0, module.__name__


def _decline(pop: tuple[int, int] = (1000, 900), emp: tuple[int, int] = (400, 360)) -> Decline:
    return Decline(2013, 2023, pop[0], pop[1], emp[0], emp[1])


def _app(**changes: Any) -> Application:
    base = Application(
        id="engerdal-1",
        applicants=(
            Applicant("3425", centrality_class=6, in_target_group=True, decline=_decline()),
        ),
        project=Project(
            "Bulyst",
            ProjectType.PLACE_DEVELOPMENT,
            contributions=(Contribution(Criterion.ATTRACTIVENESS, "Møteplasser i sentrum"),),
        ),
        amount_applied=nok(400_000),
        total_cost=nok(1_000_000),
        call="innlandet-2024",
    )
    return attrs.evolve(base, **changes)


def _one(result: CheckResult, rule_id: str, subject: str | None = None) -> Finding:
    found = [f for f in result.for_rule(rule_id) if subject is None or f.subject == subject]
    assert len(found) == 1, found
    return found[0]


# --------------------------------------------------------------------------------------------
# The call


def test_innlandet_call_is_that_countys_practice() -> None:
    assert set(shipped_calls()) == {"innlandet-2024"}
    c = INNLANDET
    assert (c.county, c.year, c.certainty) == ("34", 2024, "P")
    assert c.eligible_centrality_classes == (4, 5, 6)
    assert (c.max_grant, c.max_grant_joint, c.set_aside) == (
        nok(500_000),
        nok(700_000),
        nok(4_000_000),
    )
    assert c.max_share == Decimal("0.5")
    assert c.not_prioritised == (
        ProjectType.MIGRATION_CAMPAIGN,
        ProjectType.IMAGE,
        ProjectType.FILM,
    )
    assert c.priority_centrality_groups == ((5, 6), (4,))
    assert c.cap(joint=True) == nok(700_000)
    assert c.cap(joint=False) == nok(500_000)
    assert all(s.startswith("https://") for s in c.sources)


def test_example_call_is_the_shipped_call() -> None:
    assert io.load(EXAMPLES / "innlandet-2024-call.json") == INNLANDET


def test_call_dump_load_round_trip() -> None:
    assert io.load(io.dump(INNLANDET)) == INNLANDET


def test_call_without_joint_cap_uses_the_project_cap() -> None:
    assert Call("x", "34", 2024, "t", max_grant=nok(5)).cap(joint=True) == nok(5)


# --------------------------------------------------------------------------------------------
# B-1


def _stated(decline: Decline | None = None, stated: bool | None = None) -> Application:
    """An application from Engerdal with the given decline and statement of membership."""
    return _app(applicants=(Applicant("3425", 6, stated, decline),))


INNLANDET_NRS = [k.kommunenummer for k in register(2024).municipalities_in("34")]


def _index(scores: Mapping[str, int]) -> DistrictIndex:
    """An index: every Innlandet municipality at 50 unless ``scores`` says otherwise."""
    return DistrictIndex({**dict.fromkeys(INNLANDET_NRS, 50), **scores})


def test_b1_decline_exactly_at_the_threshold_is_met() -> None:
    app = _stated(_decline(pop=(1000, 950), emp=(400, 380)))
    f = _one(check(app, parameters=THRESHOLDS), "B-1")
    assert f.outcome is Outcome.MET
    assert f.subject == "/applicants/0"
    assert f.values["population_decline"] == "0.0500"
    assert f.values["decline_years"] == "10"
    assert "søkeren oppgir at folketallet" in f.message("nb")
    assert "the applicant states that the population" in f.message("en")
    assert "søkjaren oppgjev at" in f.message("nn")


def test_b1_one_person_short_is_not_met() -> None:
    app = _stated(_decline(pop=(1000, 951), emp=(400, 300)))
    f = _one(check(app, parameters=THRESHOLDS), "B-1")
    assert f.outcome is Outcome.NOT_MET
    assert "4,90\u00a0%" in f.message("nb")  # the catalogue writes two decimals


def test_b1_growth_is_not_decline() -> None:
    app = _stated(_decline(pop=(1000, 1100)))
    assert _one(check(app, parameters=THRESHOLDS), "B-1").outcome is Outcome.NOT_MET


def test_b1_without_thresholds_names_the_parameters() -> None:
    f = _one(check(_stated(_decline())), "B-1")
    assert f.outcome is Outcome.UNDETERMINED
    for name in ("b.population_decline_min", "b.employment_decline_min", "b.decline_years"):
        assert name in f.message("en")


def test_b1_the_period_has_no_default() -> None:
    """«langvarig» has no number in any saved source: b.decline_years is the caller's."""
    assert "b.decline_years" in WITHOUT_DEFAULT
    assert "b.decline_years" not in DEFAULTS
    two = Parameters().with_overrides(
        {"b.population_decline_min": Decimal("0.05"), "b.employment_decline_min": Decimal("0.05")}
    )
    f = _one(check(_stated(_decline()), parameters=two), "B-1")
    assert f.outcome is Outcome.UNDETERMINED
    assert "b.decline_years" in f.message("en")
    assert "b.population_decline_min" not in f.message("en")


def test_b1_unusable_figures_are_undetermined_not_a_crash() -> None:
    app = _stated(_decline(pop=(0, 0)))
    assert _one(check(app, parameters=THRESHOLDS), "B-1").outcome is Outcome.UNDETERMINED


def test_b1_one_finding_per_applicant() -> None:
    joint = _app(
        applicants=(
            Applicant("3425", 6, None, _decline()),
            Applicant("3424", 6, None, None),
        )
    )
    result = check(joint, parameters=THRESHOLDS)
    assert _one(result, "B-1", "/applicants/0").outcome is Outcome.MET
    assert _one(result, "B-1", "/applicants/1").outcome is Outcome.UNDETERMINED


def test_b1_the_applicants_statement_counts_without_an_index_and_says_so() -> None:
    f = _one(check(_stated(None, stated=True)), "B-1")
    assert f.outcome is Outcome.MET
    assert f.message("nb").startswith("Søkeren oppgir at kommune 3425")
    assert f.message("nn").startswith("Søkjaren oppgjev at kommune 3425")
    assert f.message("en").startswith("The applicant states that municipality 3425")
    # a statement that it is outside is no verdict: the decline decides
    g = _one(check(_stated(None, stated=False)), "B-1")
    assert g.outcome is Outcome.UNDETERMINED


def test_b1_inside_the_n_lowest_is_met_whatever_the_thresholds() -> None:
    """KDD's method: the 17 lowest of the county on the index are the target group; thresholds
    nobody set never make such a municipality not met or undetermined."""
    index = _index({"3425": 10})
    f = _one(check(_stated(None), index=index), "B-1")
    assert f.outcome is Outcome.MET
    assert f.values["in_lowest"] == "true"
    assert (f.values["index_rank"], f.values["index_count"]) == ("1", str(len(INNLANDET_NRS)))
    assert f.values["target_group_lowest"] == "17"
    assert "among the 17 municipalities of county 34 scoring lowest" in f.message("en")
    strict = THRESHOLDS.with_overrides({"b.population_decline_min": Decimal("0.99")})
    g = _one(check(_stated(_decline(), stated=False), index=index, parameters=strict), "B-1")
    assert g.outcome is Outcome.MET


def test_b1_outside_the_n_lowest_falls_back_on_the_decline() -> None:
    # 17 others score lower than Engerdal's 20, the rest higher
    index = _index(dict.fromkeys(INNLANDET_NRS[:17], 5) | {"3425": 20})
    f = _one(check(_stated(_decline()), index=index), "B-1")
    assert f.outcome is Outcome.UNDETERMINED
    assert f.values["in_lowest"] == "false"
    assert "is not among the 17" in f.message("en")
    assert "b.decline_years" in f.message("en")
    g = _one(check(_stated(_decline()), index=index, parameters=THRESHOLDS), "B-1")
    assert g.outcome is Outcome.MET
    # N is a parameter: with 18, Engerdal is inside
    more = Parameters().with_overrides({"b.target_group_lowest": Decimal(18)})
    h = _one(check(_stated(None), index=index, parameters=more), "B-1")
    assert h.outcome is Outcome.MET


def test_b1_the_index_wins_over_the_statement_and_says_so() -> None:
    index = _index(dict.fromkeys(INNLANDET_NRS[:17], 5) | {"3425": 60})
    f = _one(check(_stated(None, stated=True), index=index), "B-1")
    assert f.outcome is Outcome.UNDETERMINED
    assert "the applicant states that it is in the target group" in f.message("en")
    assert f.values["stated_in_target_group"] == "true"


def test_b1_only_the_calls_county_is_ranked() -> None:
    """Nordland municipalities scoring lower do not push Engerdal out of Innlandet's 17."""
    nordland = {k.kommunenummer: 1 for k in register(2024).municipalities_in("18")}
    index = _index({**nordland, "3425": 40})
    f = _one(check(_stated(None), index=index), "B-1")
    assert (f.outcome, f.values["index_rank"], f.values["county"]) == (Outcome.MET, "1", "34")


def test_b1_a_municipality_missing_from_the_index_is_judged_by_its_decline() -> None:
    index = DistrictIndex({nr: 50 for nr in INNLANDET_NRS if nr != "3425"})
    f = _one(check(_stated(_decline()), index=index, parameters=THRESHOLDS), "B-1")
    assert f.outcome is Outcome.MET
    assert "has no score in the district index given" in f.message("en")


def test_b1_target_group_lowest_is_innlandets_practice() -> None:
    (p,) = DEFAULTS["b.target_group_lowest"]
    assert (p.value, p.certainty, p.source, p.unit) == (Decimal(17), "P", "call", "count")
    assert p.valid_from == dt.date(2024, 1, 1)
    assert "dei 17 kommunane som skårar lågast på distriktsindeksen" in source_text("call")
    with pytest.raises(InvalidParameter):
        Parameters().with_overrides({"b.target_group_lowest": Decimal("2.5")})
    with pytest.raises(InvalidParameter):
        Parameters().with_overrides({"b.target_group_lowest": Decimal(0)})


_SCORES = st.dictionaries(
    st.sampled_from(INNLANDET_NRS), st.integers(0, 100).map(Decimal), min_size=1
)


@given(scores=_SCORES, n=st.integers(1, 50), more=st.integers(0, 20))
def test_b1_membership_is_monotone_in_n(scores: dict[str, Decimal], n: int, more: int) -> None:
    smaller, larger = lowest(scores, n), lowest(scores, n + more)
    assert smaller <= larger
    assert len(smaller) >= min(n, len(scores))
    # every member scores no more than every non-member
    outside = [scores[nr] for nr in scores if nr not in smaller]
    assert all(scores[nr] <= min(outside) for nr in smaller) if outside else True


@settings(max_examples=25, deadline=None)
@given(scores=_SCORES, n=st.integers(1, 46))
def test_b1_met_by_the_index_stays_met_for_a_larger_n(scores: dict[str, Decimal], n: int) -> None:
    index = DistrictIndex({**dict.fromkeys(INNLANDET_NRS, Decimal(100)), **scores})

    def outcome(size: int) -> Outcome:
        params = Parameters().with_overrides({"b.target_group_lowest": Decimal(size)})
        return _one(check(_stated(None), index=index, parameters=params), "B-1").outcome

    if outcome(n) is Outcome.MET:
        assert outcome(n + 1) is Outcome.MET


# --------------------------------------------------------------------------------------------
# B-2


def test_b2_needs_a_described_contribution() -> None:
    assert _one(check(_app()), "B-2").outcome is Outcome.MET
    bare = _app(project=Project("Bulyst", ProjectType.PLACE_DEVELOPMENT))
    f = _one(check(bare), "B-2")
    assert (f.outcome, f.subject) == (Outcome.NOT_MET, "/project")


# --------------------------------------------------------------------------------------------
# B-3


@pytest.mark.parametrize(
    ("amount", "cost", "joint", "outcome"),
    [
        (500_000, 1_000_000, False, Outcome.MET),
        (500_001, 1_000_002, False, Outcome.NOT_MET),  # cap, share exactly 50 %
        (450_001, 900_000, False, Outcome.NOT_MET),  # share
        (700_000, 1_400_000, True, Outcome.MET),
        (700_001, 2_000_000, True, Outcome.NOT_MET),
        (0, 1, False, Outcome.MET),
    ],
)
def test_b3_caps_are_exact(amount: int, cost: int, joint: bool, outcome: Outcome) -> None:
    applicants = (Applicant("3425", 6, True),) + ((Applicant("3424", 5, False),) if joint else ())
    app = _app(applicants=applicants, amount_applied=nok(amount), total_cost=nok(cost))
    f = _one(check(app), "B-3")
    assert f.outcome is outcome, f.message("en")
    assert f.values["joint"] == ("true" if joint else "false")


def test_b3_reports_every_failure_at_once() -> None:
    app = _app(
        applicants=(Applicant("1826", 3),),
        amount_applied=nok(600_000),
        total_cost=nok(1_000_000),
        submitted=dt.date(2024, 9, 1),
        project=Project("Anlegg", ProjectType.PHYSICAL_INVESTMENT),
    )
    message = _one(check(app), "B-3").message("en")
    for part in ("not in county 34", "centrality class 3", "physical investments", "deadline"):
        assert part in message
    assert "above the cap" in message
    assert "above the call's largest share" in message


def test_b3_unknown_class_is_undetermined() -> None:
    app = _app(applicants=(Applicant("3425"),))
    assert _one(check(app), "B-3").outcome is Outcome.UNDETERMINED


def test_b3_without_a_known_call_is_undetermined() -> None:
    app = _app(call="nowhere-2024")
    assert _one(check(app), "B-3").outcome is Outcome.UNDETERMINED
    assert _one(check(app), "B-4").outcome is Outcome.UNDETERMINED


def test_b3_inline_terms_win() -> None:
    terms = attrs.evolve(INNLANDET, max_grant=nok(300_000))
    f = _one(check(_app(call_terms=terms)), "B-3")
    assert f.outcome is Outcome.NOT_MET
    assert f.values["cap"] == "300000"


# --------------------------------------------------------------------------------------------
# B-4


def _entry(
    id: str,
    nr: str,
    cls: int | None,
    target: bool | None,
    amount: int = 300_000,
    kind: ProjectType = ProjectType.PLACE_DEVELOPMENT,
    partner: str | None = None,
) -> Application:
    applicants: tuple[Applicant, ...] = (Applicant(nr, cls, target),)
    if partner is not None:
        applicants += (Applicant(partner, cls, target),)
    return _app(
        id=id,
        applicants=applicants,
        amount_applied=nok(amount),
        total_cost=nok(2 * amount),
        project=attrs.evolve(_app().project, type=kind),
        call=None,
    )


SET = (
    _entry("stange", "3413", 4, False, 500_000),
    _entry("film", "3425", 6, True, 200_000, ProjectType.FILM),
    _entry("vang", "3454", 6, False, 450_000),
    _entry("os-tolga", "3430", 6, False, 700_000, partner="3426"),
    _entry("engerdal", "3425", 6, True, 400_000),
    _entry("tynset", "3427", 5, False, 300_000),
    _entry("hamar", "3403", 3, False, 100_000),
)


def test_b4_priority_order_follows_the_call() -> None:
    order = [r.application.id for r in priority_order(SET, INNLANDET)]
    # Target group first; then classes 5–6 with joint projects first; then class 4; then others;
    # the film, not prioritised, last.
    assert order == ["engerdal", "os-tolga", "tynset", "vang", "stange", "hamar", "film"]


def test_b4_set_aside_is_cumulated_in_priority_order() -> None:
    call = attrs.evolve(INNLANDET, set_aside=nok(1_400_000))
    ranked = priority_order(SET, call)
    assert [(r.application.id, r.within_set_aside) for r in ranked][:4] == [
        ("engerdal", True),
        ("os-tolga", True),
        ("tynset", True),
        ("vang", False),
    ]
    assert ranked[2].cumulative == nok(1_400_000)


def test_b4_findings_on_a_set() -> None:
    doc = Applications(applications=SET, call="innlandet-2024")
    result = check(doc)
    whole = _one(result, "B-4", "")
    assert whole.outcome is Outcome.MET
    assert whole.values["order"].startswith("engerdal, os-tolga")
    film = _one(result, "B-4", "/applications/1")
    assert (film.outcome, film.severity) == (Outcome.NOT_MET, Severity.ADVICE)
    assert film.values["rank"] == "7"
    # Advice never fails the check: the one failing finding is Hamar's class (B-3).
    assert [(f.rule, f.subject) for f in result if f.fails] == [("B-3", "/applications/6")]


def test_b4_group_is_a_code_and_the_message_says_it_in_words() -> None:
    # The value ``group`` is data: a code whatever the language (it was English prose, «KDD's
    # target group», also under --lang nn); the message names the group in the language.
    unknown = (*SET, _entry("x", "3425", 6, None), _entry("y", "3411", None, False))
    result = check(Applications(applications=unknown, call="innlandet-2024"))
    groups = {f.subject: f.values["group"] for f in result.for_rule("B-4") if "group" in f.values}
    assert groups == {
        "/applications/0": "centrality_4",
        "/applications/1": "target_group",
        "/applications/2": "centrality_5_6",
        "/applications/3": "centrality_5_6",
        "/applications/4": "target_group",
        "/applications/5": "centrality_5_6",
        "/applications/6": "others",
        "/applications/7": "target_unknown",
        "/applications/8": "centrality_unknown",
    }
    # every code is one GROUPS documents (``centrality_<classes>`` for a group of classes)
    assert all(g in GROUPS or re.fullmatch(r"centrality(_[1-6])+", g) for g in groups.values())
    engerdal = _one(result, "B-4", "/applications/4")
    assert engerdal.message("nn").endswith("(KDDs målgruppe (lågast på distriktsindeksen))")
    assert engerdal.message("en").endswith("(KDD's target group)")


def test_b4_unknown_target_group_is_undetermined_unless_the_index_says() -> None:
    unknown = (_entry("x", "3425", 6, None), _entry("y", "3454", 6, False))
    doc = Applications(applications=unknown, call="innlandet-2024")
    assert _one(check(doc), "B-4", "/applications/0").outcome is Outcome.UNDETERMINED
    assert _one(check(doc), "B-4", "").outcome is Outcome.UNDETERMINED

    @attrs.frozen
    class Index:
        scores: Mapping[str, Decimal]

    @attrs.frozen
    class Selected:
        municipalities: frozenset[str]
        threshold: Decimal | None = None

    @attrs.frozen
    class PickLowest:
        def select(self, index: Any) -> Selected:
            return Selected(frozenset({"3425", "1826"}))

    index = Index({"3425": Decimal(1), "1826": Decimal(2), "3454": Decimal(50)})
    result = check(doc, index=index, selection=PickLowest())
    f = _one(result, "B-4", "/applications/0")
    assert (f.outcome, f.values["tier"], f.values["rank"]) == (Outcome.MET, "0", "1")


def test_b4_with_an_index_and_no_selection_uses_b1s_method() -> None:
    """KDD's target group from the index alone: the county's b.target_group_lowest lowest."""
    doc = Applications(
        applications=(_entry("x", "3425", 6, None), _entry("y", "3454", 6, None)),
        call="innlandet-2024",
    )
    index = _index({"3425": 1})  # Engerdal lowest, all others 50 (so all 46 tie at the edge)
    f = _one(check(doc, index=index), "B-4", "/applications/0")
    assert (f.outcome, f.values["tier"]) == (Outcome.MET, "0")
    one = Parameters().with_overrides({"b.target_group_lowest": Decimal(1)})
    result = check(doc, index=index, parameters=one)
    assert _one(result, "B-4", "/applications/0").values["tier"] == "0"
    assert _one(result, "B-4", "/applications/1").values["tier"] != "0"


@pytest.mark.parametrize("set_aside", [None, 1_399_999, 1_400_000, 1_400_001])
def test_b4_findings_carry_the_order_and_the_sum_as_priority_order_does(
    set_aside: int | None,
) -> None:
    # the findings' values are made apart from priority_order (without a Ranked per
    # application): the two must agree on every rank, running sum and place within the set-aside
    call = attrs.evolve(INNLANDET, set_aside=None if set_aside is None else nok(set_aside))
    result = check(Applications(applications=SET, call="innlandet-2024", call_terms=call))
    ranked = priority_order(SET, call)
    for r in ranked:
        f = _one(result, "B-4", f"/applications/{r.index}")
        assert f.values["rank"] == str(r.rank)
        assert f.values["of"] == str(len(SET))
        assert f.values["cumulative"] == str(kroner(r.cumulative))
        if set_aside is None:
            assert "within_set_aside" not in f.values
        else:
            assert f.values["within_set_aside"] == ("true" if r.within_set_aside else "false")
    # engerdal, os-tolga, tynset: 400 000 + 700 000 + 300 000 = 1 400 000 kr, within when the
    # call sets aside as much or more (the sum is compared with «at most»)
    tynset = _one(result, "B-4", "/applications/5")
    assert tynset.values["cumulative"] == "1400000"
    if set_aside is not None:
        assert tynset.values["within_set_aside"] == str(set_aside >= 1_400_000).lower()
    whole = _one(result, "B-4", "")
    assert ("within_set_aside" in whole.values) is (set_aside is not None)


def test_b4_a_running_sum_in_ore_is_written_as_kroner_writes_it() -> None:
    # «1000.50» twice: 1 000,5 kr, then 2 001 kr (no trailing zeros); an application of 0 kr
    # first in the order: 0 kr
    def app(id: str, nr: str, amount: Decimal) -> Application:
        return attrs.evolve(_entry(id, nr, 6, False), amount_applied=nok(amount))

    apps = (
        app("b", "3454", Decimal("1000.50")),
        app("c", "3427", Decimal("1000.50")),
        app("a", "3403", Decimal(0)),
    )
    result = check(Applications(applications=apps, call="innlandet-2024"))
    found = [_one(result, "B-4", f"/applications/{i}").values["cumulative"] for i in range(3)]
    assert found == ["1000.5", "2001", "0"]


@pytest.mark.parametrize("joint_first", [False, True])
@pytest.mark.parametrize(("single", "joint"), [("a-single", "b-joint"), ("b-single", "a-joint")])
def test_b4_joint_projects_first_only_where_the_call_says_so(
    joint_first: bool, single: str, joint: str
) -> None:
    call = attrs.evolve(INNLANDET, joint_first=joint_first)
    apps = (_entry(single, "3454", 6, False), _entry(joint, "3430", 6, False, partner="3426"))
    order = [r.application.id for r in priority_order(apps, call)]
    expected = [joint, single] if joint_first else sorted([single, joint])
    assert order == expected


def test_b4_target_group_first_without_groups_of_classes() -> None:
    call = attrs.evolve(INNLANDET, priority_target_group=True, priority_centrality_groups=())
    inside, outside = priority(SET[4], call), priority(SET[2], call)  # engerdal, vang
    assert (inside.tier, outside.tier) == (0, 1)
    assert [r.application.id for r in priority_order((SET[2], SET[4]), call)] == [
        "engerdal",
        "vang",
    ]


def test_b4_priority_without_tiers() -> None:
    plain = Call("plain-2024", "34", 2024, "Plain")
    p = priority(SET[0], plain)
    assert (p.tier, p.not_prioritised) == (0, False)


def application_lists() -> st.SearchStrategy[list[Application]]:
    """Lists of up to 12 applications (ids unique) to rank against Innlandet's call."""
    return strategies.application_sets(max_size=12).map(lambda s: list(s.applications))


@given(application_lists(), st.randoms(use_true_random=False))
def test_b4_order_does_not_depend_on_input_order(
    apps: list[Application], rnd: random.Random
) -> None:
    first = [r.application.id for r in priority_order(apps, INNLANDET)]
    shuffled = list(apps)
    rnd.shuffle(shuffled)
    second = [r.application.id for r in priority_order(shuffled, INNLANDET)]
    assert first == second
    keys = [priority(a, INNLANDET).key(INNLANDET) for a in apps]
    ranked = priority_order(apps, INNLANDET)
    assert [r.priority.key(INNLANDET) for r in ranked] == sorted(keys)


# --------------------------------------------------------------------------------------------
# B-5


def _support(previous: int, regime: Regime | None = Regime.EU_2023_2831) -> Support:
    return Support(
        organisasjonsnummer="999999999",
        name="Fjellnæring AS",
        amount=nok(500_000),
        granted=dt.date(2024, 9, 20),
        previous_aid=(Aid(dt.date(2023, 3, 1), nok(previous)),),
        eur_nok_rate=Decimal("11.50"),
        regime=regime,
    )


def test_b5_outcomes() -> None:
    assert _one(check(_app()), "B-5").outcome is Outcome.NOT_APPLICABLE
    met = _one(check(_app(support=_support(2_950_000))), "B-5")
    assert (met.outcome, met.subject) == (Outcome.MET, "/support")
    assert met.values["limit_nok"] == "3450000"
    # the rate as each language writes a number: a decimal comma in Norwegian
    assert "kurs 11,50" in met.message("nb")
    assert "kurs 11,50" in met.message("nn")
    assert "rate 11.50" in met.message("en")
    assert _one(check(_app(support=_support(2_950_001))), "B-5").outcome is Outcome.NOT_MET
    unsure = check(_app(support=_support(2_000_000, regime=None)))
    assert _one(unsure, "B-5").outcome is Outcome.UNDETERMINED
    dated = check(
        _app(support=_support(2_000_000, regime=None)),
        parameters=Parameters().override("stateaid.de_minimis_change_date", 20241111),
    )
    assert _one(dated, "B-5").values["regime"] == "1407/2013"


# --------------------------------------------------------------------------------------------
# Documents: round trip, schema, refusals


@given(strategies.applications())
def test_application_dump_load_round_trip(app: Application) -> None:
    text = io.dump(app)
    assert json.loads(text)["kind"] == "application"
    data = io.loads_json(text)
    assert io.structure({k: v for k, v in data.items() if k != "kind"}, Application) == app


@given(strategies.application_sets())
def test_applications_dump_load_round_trip(doc: Applications) -> None:
    assert io.load(io.dump(doc)) == doc


def test_schemas_of_the_kinds() -> None:
    for kind in ("application", "applications", "call"):
        schema = io.json_schema(kind)
        assert schema["properties"]["kind"] == {"const": kind}
    app = io.json_schema("application")
    assert "applicants" in app["required"]
    assert app["$defs"]["Support"]["properties"]["organisasjonsnummer"]["description"]


def _bad(document: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    code = main(["check", str(path), "--lang", "en"])
    out, err = capsys.readouterr()
    assert code == 2
    assert out == ""
    assert "Traceback" not in err
    return err


def _document(app: Application) -> dict[str, Any]:
    return _json(app)


def test_bad_application_exits_2_with_every_pointer(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = _document(
        _app(
            applicants=(
                Applicant("1507", 6, True, Decline(2023, 2013, 0, 1, 1, -1)),
                Applicant("3425", 9),
                Applicant("3425", 6),
            ),
            total_cost=nok(0),
            support=_support(1),
        )
    )
    doc["support"]["organisasjonsnummer"] = "974760674"
    err = _bad(doc, tmp_path, capsys)
    for where in (
        "/applicants/0/kommunenummer",
        "/applicants/0/decline/to_year",
        "/applicants/0/decline/population_from",
        "/applicants/0/decline/employment_to",
        "/applicants/1/centrality_class",
        "/applicants/2/kommunenummer",
        "/total_cost",
        "/support/organisasjonsnummer",
    ):
        assert where in err, where
    assert "1508" in err  # the split of Ålesund is explained


def test_unknown_call_and_missing_call_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert "/call: no shipped call" in _bad(_document(_app(call="nowhere")), tmp_path, capsys)
    assert "/call:" in _bad(_document(_app(call=None)), tmp_path, capsys)
    clash = _document(_app(call="other-2024", call_terms=INNLANDET))
    assert "/call:" in _bad(clash, tmp_path, capsys)
    bad_terms = _document(_app(call=None, call_terms=attrs.evolve(INNLANDET, county="30")))
    assert "/call_terms/county" in _bad(bad_terms, tmp_path, capsys)


def test_bad_set_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc = _json(
        Applications(
            applications=(
                _entry("a", "3425", 6, True),
                _entry("a", "3454", 6, True),
                attrs.evolve(_entry("c", "3454", 6, True), call="other"),
                attrs.evolve(_entry("d", "3454", 6, True), call_terms=INNLANDET),
            ),
            call="innlandet-2024",
        )
    )
    err = _bad(doc, tmp_path, capsys)
    for where in ("/applications/1/id", "/applications/2/call", "/applications/3/call_terms"):
        assert where in err


def test_floats_and_strings_for_numbers_are_refused() -> None:
    doc = _document(_app())
    doc["amount_applied"] = 400000.5
    doc["applicants"][0]["centrality_class"] = "6"
    with pytest.raises(InvalidDocument) as info:
        io.from_json(json.loads(json.dumps(doc), parse_float=Decimal))
    assert [p.where for p in info.value.problems] == [
        "/amount_applied",
        "/applicants/0/centrality_class",
    ]


# --------------------------------------------------------------------------------------------
# The examples


@pytest.mark.parametrize(
    "name", ["innlandet-2024-application.json", "innlandet-2024-applications.json"]
)
def test_examples_check_and_pass(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["check", str(EXAMPLES / name), "--format", "json"])
    out = json.loads(capsys.readouterr().out)
    assert code == 0
    rules = set(out["findings"])
    assert rules == {"B-1", "B-2", "B-3", "B-4", "B-5"}
    assert out["summary"]["not_met"] <= 1  # at most the advice on a film


def test_example_set_priority_order() -> None:
    doc = io.load(EXAMPLES / "innlandet-2024-applications.json")
    result = check(doc, parameters=THRESHOLDS)
    whole = _one(result, "B-4", "")
    assert whole.outcome is Outcome.MET
    assert whole.values["order"] == (
        "engerdal-sentrum, rendalen-stor-elvdal, lesja-kompetanse, nord-odal-bulyst, folldal-film"
    )
    assert {f.outcome for f in result.for_rule("B-1")} == {Outcome.MET}


# --------------------------------------------------------------------------------------------
# Honest sources: the module docstrings quote only saved words


def test_b2_says_it_rests_on_what_the_applicant_states() -> None:
    f = _one(check(_app()), "B-2")
    assert f.outcome is Outcome.MET
    assert f.message("nb").startswith("Søkeren oppgir at prosjektet bidrar til")
    assert f.message("nn").startswith("Søkjaren oppgjev at")
    assert f.message("en").startswith("The applicant states that")
