"""Scheme c: the programme kind, rules C-1 … C-6, the example."""

from __future__ import annotations

import datetime as dt
import doctest
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import post65.programme
import post65.schemes.c
from post65 import io
from post65.cli import main
from post65.errors import InvalidDocument
from post65.money import nok
from post65.parameters import READINGS, Parameters
from post65.programme import (
    BusinessFundGrant,
    Contribution,
    Criterion,
    Phase,
    PhasePeriod,
    Programme,
    ProgrammeMeasure,
    StatusDecision,
    status_period,
)
from post65.rules import CheckResult, Finding, Outcome, Severity, check
from post65.schemes.c.status import StatusAuthority, authority
from post65.stateaid import Aid, Regime, Support

EXAMPLE = Path(__file__).parent.parent / "examples" / "innlandet-2024-programme.json"
D = dt.date
COUNTY = "Innlandet fylkeskommune"
STATUS = StatusDecision(D(2024, 5, 15), COUNTY, D(2024, 6, 1), D(2030, 5, 31))


def _json(document: object) -> dict[str, Any]:
    """The document as parsed JSON (plain strings for enums, as a file would hold it)."""
    data: dict[str, Any] = io.loads_json(io.dump(document))
    return data


def test_module_doctests() -> None:
    for module in (post65.schemes.c, post65.programme):
        result = doctest.testmod(
            module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
        )
        assert result.failed == 0, module.__name__
        assert result.attempted > 0, module.__name__


PHASES = (
    PhasePeriod(Phase.AVKLARING, D(2024, 6, 1), D(2024, 9, 30)),
    PhasePeriod(Phase.STRATEGI_OG_FORANKRING, D(2024, 10, 1), D(2025, 3, 31)),
    PhasePeriod(Phase.GJENNOMFORING, D(2025, 4, 1), D(2029, 12, 31)),
    PhasePeriod(Phase.AVSLUTNING, D(2030, 1, 1), D(2030, 5, 31)),
)


def _measure(id: str = "m1", **changes: Any) -> ProgrammeMeasure:
    base = ProgrammeMeasure(
        id=id,
        title="Næringshage",
        phase=Phase.GJENNOMFORING,
        start=D(2025, 5, 1),
        end=D(2026, 12, 31),
        contributions=(Contribution(Criterion.JOBS, "Nye arbeidsplasser"),),
        jobs_created=6,
    )
    return attrs.evolve(base, **changes)


def _programme(**changes: Any) -> Programme:
    base = Programme(
        name="Omstilling Nord-Østerdal",
        county="34",
        year=2025,
        area=("3429", "3430"),
        cost_base=nok(12_000_000),
        public_support=nok(9_000_000),
        municipal_share=nok(3_000_000),
        status=STATUS,
        phases=PHASES,
        measures=(_measure(),),
    )
    return attrs.evolve(base, **changes)


def _one(result: CheckResult, rule_id: str, subject: str | None = None) -> Finding:
    found = [f for f in result.for_rule(rule_id) if subject is None or f.subject == subject]
    assert len(found) == 1, found
    return found[0]


def test_the_good_programme_passes_every_rule() -> None:
    result = check(_programme())
    assert result.passed
    assert {f.outcome for f in result if f.rule != "C-5"} == {Outcome.MET}


# --------------------------------------------------------------------------------------------
# C-1


def test_status_period_may_be_computed() -> None:
    start, end, computed = status_period(StatusDecision(D(2024, 2, 29), "KDD"), Decimal(6))
    assert (start, end, computed) == (D(2024, 2, 29), D(2030, 2, 27), True)
    assert status_period(StatusDecision(D(2024, 1, 1), "KDD"), None) == (D(2024, 1, 1), None, True)


def test_c1_six_years_exactly_and_one_day_more() -> None:
    assert _one(check(_programme()), "C-1").outcome is Outcome.MET
    longer = _programme(status=StatusDecision(D(2024, 5, 15), COUNTY, D(2024, 6, 1), D(2030, 6, 1)))
    f = _one(check(longer), "C-1")
    assert f.outcome is Outcome.NOT_MET
    assert "2030-05-31" in f.message("en")


def test_c1_met_says_every_phase_is_inside_only_when_it_is() -> None:
    """With the avklaring phase before the status period (the shipped example), the met finding
    says the *other* phases and the measures lie in the period, not «every phase»."""
    example = io.load(EXAMPLE)
    before = _one(check(example), "C-1")
    assert before.outcome is Outcome.MET
    assert "the other phases and every measure fall inside the period" in before.message("en")
    assert "every phase" not in before.message("en")
    assert "de andre fasene og alle tiltak ligger i perioden" in before.message("nb")
    inside = _one(check(_programme()), "C-1")
    assert "every phase and measure falls inside the period" in inside.message("en")


def test_c1_no_status_and_measures_outside() -> None:
    assert _one(check(_programme(status=None)), "C-1").outcome is Outcome.NOT_MET
    late = _programme(measures=(_measure(end=D(2030, 6, 30)),))
    f = _one(check(late), "C-1")
    assert f.outcome is Outcome.NOT_MET
    assert "m1" in f.message("nb")


def test_c1_the_caller_may_change_the_longest_period() -> None:
    params = Parameters().override("c.status_max_years", 5)
    assert _one(check(_programme(), parameters=params), "C-1").outcome is Outcome.NOT_MET


def _reading(name: str, value: str) -> Parameters:
    return Parameters().with_overrides({name: value})


def test_c1_the_authority_is_an_enumerated_reading_default_the_county() -> None:
    """The sources disagree on who decides status: the county by default, KDD selectable."""
    assert READINGS["reading.c-1.authority"].default == "county"
    assert {a.value for a in StatusAuthority} == {"county", "kdd"}
    for name in ("county", "Fylkeskommunen", "Finnmark fylkeskommune", "Innlandet fylkeskommune"):
        assert authority(name) is StatusAuthority.COUNTY, name
    for name in ("kdd", "KDD", "KMD", "Kommunal- og distriktsdepartementet"):
        assert authority(name) is StatusAuthority.KDD, name
    by_kdd = _programme(status=attrs.evolve(STATUS, decided_by="KDD"))
    f = _one(check(by_kdd), "C-1")
    assert (f.outcome, f.values["authority"], f.values["authority_reading"]) == (
        Outcome.NOT_MET,
        "kdd",
        "county",
    )
    assert "reading.c-1.authority" in f.message("en")
    assert "the sources disagree" in f.message("en")
    kdd = _reading("reading.c-1.authority", "kdd")
    assert _one(check(by_kdd, parameters=kdd), "C-1").outcome is Outcome.MET
    assert _one(check(_programme(), parameters=kdd), "C-1").outcome is Outcome.NOT_MET


def test_c1_an_unknown_authority_is_undetermined_and_says_the_county_states_it() -> None:
    odd = _programme(status=attrs.evolve(STATUS, decided_by="kommunestyret"))
    f = _one(check(odd), "C-1")
    assert f.outcome is Outcome.UNDETERMINED
    assert f.message("nb").startswith(
        "Fylkeskommunen oppgir at status ble vedtatt av kommunestyret"
    )
    assert f.message("nn").startswith("Fylkeskommunen oppgjev at")
    assert f.message("en").startswith("The county states that")
    met = _one(check(_programme()), "C-1")
    assert met.message("en").startswith("The county states that restructuring status was decided")


# Innovasjon Norge's order: avklaring (the konsekvensanalyse), the status application and
# decision, then strategi og forankring inside the status period.
BEFORE = (
    PhasePeriod(Phase.AVKLARING, D(2024, 1, 15), D(2024, 4, 15)),
    PhasePeriod(Phase.STRATEGI_OG_FORANKRING, D(2024, 6, 1), D(2025, 3, 31)),
    *PHASES[2:],
)
ANALYSIS = _measure(
    "konsekvensanalyse", phase=Phase.AVKLARING, start=D(2024, 2, 1), end=D(2024, 4, 1)
)


def test_c1_the_avklaring_phase_may_run_before_the_status_decision() -> None:
    early = _programme(phases=BEFORE, measures=(ANALYSIS, _measure()))
    f = _one(check(early), "C-1")
    assert f.outcome is Outcome.MET
    assert "ran before the status decision" in f.message("en")
    assert check(early).passed
    # the other readings of C-1's avklaring: inside the status period
    inside = _reading("reading.c-1.avklaring", "avklaring_inside")
    g = _one(check(early, parameters=inside), "C-1")
    assert g.outcome is Outcome.NOT_MET
    assert "konsekvensanalyse" in g.message("en")
    # only the avklaring phase may start early
    strategy_early = (BEFORE[0], attrs.evolve(BEFORE[1], start=D(2024, 5, 1)), *BEFORE[2:])
    h = _one(check(_programme(phases=strategy_early, measures=())), "C-1")
    assert h.outcome is Outcome.NOT_MET


def test_c1_the_avklaring_phase_may_not_run_past_the_status_period() -> None:
    late = attrs.evolve(ANALYSIS, end=D(2030, 6, 1))
    f = _one(check(_programme(phases=BEFORE, measures=(late,))), "C-1")
    assert f.outcome is Outcome.NOT_MET


@settings(max_examples=40, deadline=None)
@given(
    start=st.dates(D(2023, 1, 1), D(2030, 12, 31)),
    days=st.integers(0, 400),
    authority_reading=st.sampled_from(["county", "kdd"]),
)
def test_c1_avklaring_before_is_never_stricter_than_inside(
    start: dt.date, days: int, authority_reading: str
) -> None:
    """Whatever the avklaring phase's dates, the reading that lets it run before the decision
    never fails a programme the stricter reading passes; they differ only on an early start."""
    avklaring = PhasePeriod(Phase.AVKLARING, start, start + dt.timedelta(days=days))
    p = _programme(phases=(avklaring, *PHASES[1:]), measures=())
    params = Parameters().with_overrides({"reading.c-1.authority": authority_reading})
    before = _one(check(p, parameters=params), "C-1").outcome
    inside = _one(
        check(p, parameters=params.with_overrides({"reading.c-1.avklaring": "avklaring_inside"})),
        "C-1",
    ).outcome
    if inside is Outcome.MET:
        assert before is Outcome.MET
    if start >= D(2024, 6, 1):  # the status period starts 1 June 2024
        assert before is inside


# --------------------------------------------------------------------------------------------
# C-2


def test_c2_phases_in_order_may_stop_before_the_last() -> None:
    assert _one(check(_programme(phases=PHASES[:2], measures=())), "C-2").outcome is Outcome.MET


@pytest.mark.parametrize(
    "phases",
    [
        (PHASES[1], PHASES[0], PHASES[2]),  # out of order
        (PHASES[0], PHASES[2]),  # a gap
        (PHASES[0], PHASES[0], PHASES[1]),  # twice
        (PHASES[0], attrs.evolve(PHASES[1], start=D(2024, 9, 1))),  # overlap
    ],
)
def test_c2_phases_not_in_order(phases: tuple[PhasePeriod, ...]) -> None:
    f = _one(check(_programme(phases=phases, measures=())), "C-2", "")
    assert f.outcome is Outcome.NOT_MET


def test_c2_a_phase_may_start_the_day_the_previous_ends() -> None:
    touching = (PHASES[0], attrs.evolve(PHASES[1], start=D(2024, 9, 30)))
    assert _one(check(_programme(phases=touching, measures=())), "C-2").outcome is Outcome.MET


def test_c2_measures_must_lie_in_their_phase() -> None:
    result = check(
        _programme(
            measures=(
                _measure("inside"),
                _measure("early", start=D(2025, 3, 1)),
                _measure("unplanned", phase=Phase.AVSLUTNING),
            ),
            phases=PHASES[:3],
        )
    )
    assert _one(result, "C-2", "/measures/0").outcome is Outcome.MET
    assert _one(result, "C-2", "/measures/1").outcome is Outcome.NOT_MET
    assert _one(result, "C-2", "/measures/2").outcome is Outcome.NOT_MET


def test_c2_without_phases_is_undetermined() -> None:
    result = check(_programme(phases=()))
    assert _one(result, "C-2", "").outcome is Outcome.UNDETERMINED
    assert _one(result, "C-2", "/measures/0").outcome is Outcome.UNDETERMINED


# --------------------------------------------------------------------------------------------
# C-3


def test_c3_exact_boundaries() -> None:
    assert _one(check(_programme()), "C-3").outcome is Outcome.MET
    over = _one(check(_programme(public_support=nok(9_000_001))), "C-3")
    assert (over.outcome, over.severity) == (Outcome.NOT_MET, Severity.ERROR)
    assert over.values["public_share"] == "0.7500"
    assert "with no reason given" in over.message("en")


def test_c3_above_75_with_a_reason_is_advice_without_one_not_met() -> None:
    """«Fortrinnsvis inntil 75%»: preferably, so a stated reason makes it advice."""
    over = _programme(public_support=nok(9_600_000), municipal_share=nok(3_000_000))
    f = _one(check(over), "C-3")
    assert (f.outcome, f.severity, f.fails) == (Outcome.NOT_MET, Severity.ERROR, True)
    reasoned = attrs.evolve(over, public_support_reason="Ekstra statlige midler etter nedleggelse")
    g = _one(check(reasoned), "C-3")
    assert (g.outcome, g.severity, g.fails) == (Outcome.NOT_MET, Severity.ADVICE, False)
    assert "the county states as its reason: Ekstra statlige midler" in g.message("en")
    assert "fylkeskommunen oppgir som begrunnelse" in g.message("nb")
    assert "fylkeskommunen oppgjev som grunngjeving" in g.message("nn")
    assert g.values["public_support_reason"].startswith("Ekstra")
    # the other reading: a hard limit whatever the reason
    hard = Parameters().with_overrides({"reading.c-3.public": "hard"})
    h = _one(check(reasoned, parameters=hard), "C-3")
    assert (h.outcome, h.severity) == (Outcome.NOT_MET, Severity.ERROR)
    assert "reading.c-3.public=hard" in h.message("en")


def test_c3_one_error_part_makes_the_finding_an_error() -> None:
    both = _programme(
        public_support=nok(9_600_000),
        municipal_share=nok(2_400_000),
        public_support_reason="Særskilt vedtak",
    )
    f = _one(check(both), "C-3")
    assert (f.outcome, f.severity) == (Outcome.NOT_MET, Severity.ERROR)
    reasons = attrs.evolve(both, municipal_share_reason="Fylkestinget vedtok lavere andel")
    g = _one(check(reasons), "C-3")
    assert (g.outcome, g.severity) == (Outcome.NOT_MET, Severity.ADVICE)


@given(
    public=st.integers(0, 12_000_000),
    municipal=st.integers(0, 12_000_000),
    public_reason=st.sampled_from(["", "grunn"]),
    municipal_reason=st.sampled_from(["", "grunn"]),
)
def test_c3_a_reason_never_makes_a_finding_worse(
    public: int, municipal: int, public_reason: str, municipal_reason: str
) -> None:
    """Adding a stated reason turns errors into advice, never the other way round; the
    outcome (met or not) does not depend on reasons."""
    p = _programme(public_support=nok(public), municipal_share=nok(municipal))
    without = _one(check(p), "C-3")
    reasons = attrs.evolve(
        p, public_support_reason=public_reason, municipal_share_reason=municipal_reason
    )
    with_ = _one(check(reasons), "C-3")
    assert with_.outcome is without.outcome
    assert not (with_.fails and not without.fails)
    if public_reason and municipal_reason:
        assert not with_.fails


def test_c3_low_municipal_share_is_an_error_without_reason_and_advice_with_one() -> None:
    low = _programme(public_support=nok(7_200_000), municipal_share=nok(2_999_999))
    f = _one(check(low), "C-3")
    assert (f.outcome, f.severity, f.fails) == (Outcome.NOT_MET, Severity.ERROR, True)
    reasoned = attrs.evolve(low, municipal_share_reason="Særskilt vedtak i fylkestinget")
    g = _one(check(reasoned), "C-3")
    assert (g.outcome, g.severity, g.fails) == (Outcome.NOT_MET, Severity.ADVICE, False)
    assert "Særskilt vedtak" in g.message("nb")
    assert "fylkeskommunen oppgir som begrunnelse" in g.message("nb")


def test_c3_parameters_are_the_callers_to_change() -> None:
    params = Parameters().with_overrides(
        {"c.public_share_max": Decimal("0.8"), "c.municipal_share_min": Decimal("0.2")}
    )
    p = _programme(public_support=nok(9_600_000), municipal_share=nok(2_400_000))
    assert _one(check(p), "C-3").outcome is Outcome.NOT_MET
    assert _one(check(p, parameters=params), "C-3").outcome is Outcome.MET


# --------------------------------------------------------------------------------------------
# C-4


def test_c4_contributions_and_jobs_as_a_number() -> None:
    result = check(
        _programme(
            measures=(
                _measure("ok"),
                _measure("no-number", jobs_created=None),
                _measure("nothing", contributions=(Contribution(Criterion.JOBS, " "),)),
                _measure(
                    "capacity",
                    jobs_created=None,
                    contributions=(Contribution(Criterion.DEVELOPMENT_CAPACITY, "Analyse"),),
                ),
            )
        )
    )
    outcomes = [_one(result, "C-4", f"/measures/{i}").outcome for i in range(4)]
    assert outcomes == [Outcome.MET, Outcome.NOT_MET, Outcome.NOT_MET, Outcome.MET]
    assert _one(result, "C-4", "/measures/0").values["jobs_created"] == "6"


# --------------------------------------------------------------------------------------------
# C-5


def _support(previous: int) -> Support:
    return Support(
        "123456785",
        "Fjellnæring AS",
        nok(750_000),
        D(2025, 5, 1),
        (Aid(D(2023, 1, 1), nok(previous)),),
        Decimal("11.50"),
        Regime.EU_2023_2831,
    )


def test_c5_per_supported_measure() -> None:
    assert _one(check(_programme()), "C-5").outcome is Outcome.NOT_APPLICABLE
    result = check(
        _programme(
            measures=(
                _measure("a", support=_support(2_700_000)),
                _measure("b"),
                _measure("c", support=_support(2_700_001)),
            )
        )
    )
    assert [f.subject for f in result.for_rule("C-5")] == [
        "/measures/0/support",
        "/measures/2/support",
    ]
    assert _one(result, "C-5", "/measures/0/support").outcome is Outcome.MET
    assert _one(result, "C-5", "/measures/2/support").outcome is Outcome.NOT_MET


# --------------------------------------------------------------------------------------------
# C-6


def test_c6_business_fund_inside_the_status_period() -> None:
    grants = (
        BusinessFundGrant("3430", D(2025, 2, 1), nok(500_000)),
        BusinessFundGrant("3429", D(2024, 5, 31), nok(100_000)),  # before the status period
    )
    result = check(_programme(business_fund=grants))
    assert _one(result, "C-6", "/area/0").outcome is Outcome.MET
    f = _one(result, "C-6", "/area/1")
    assert (f.outcome, f.severity, f.fails) == (Outcome.NOT_MET, Severity.ADVICE, False)
    none = check(_programme(status=None))
    assert {f.outcome for f in none.for_rule("C-6")} == {Outcome.NOT_APPLICABLE}


# --------------------------------------------------------------------------------------------
# Documents


DATES = st.dates(D(2024, 1, 1), D(2031, 12, 31))


@st.composite
def programmes(draw: st.DrawFn) -> Programme:
    measures = tuple(
        ProgrammeMeasure(
            id=f"m{i}",
            title=draw(st.text(max_size=10)),
            phase=draw(st.sampled_from(list(Phase))),
            start=D(2025, 1, 1),
            end=draw(st.dates(D(2025, 1, 1), D(2030, 1, 1))),
            contributions=tuple(
                draw(
                    st.lists(
                        st.builds(Contribution, st.sampled_from(list(Criterion)), st.text()),
                        max_size=2,
                    )
                )
            ),
            jobs_created=draw(st.one_of(st.none(), st.integers(0, 500))),
            cost=draw(st.one_of(st.none(), st.integers(0, 10**7).map(nok))),
        )
        for i in range(draw(st.integers(0, 4)))
    )
    return _programme(
        phases=tuple(draw(st.permutations(PHASES))),
        measures=measures,
        status=draw(
            st.one_of(
                st.none(),
                st.builds(StatusDecision, DATES, st.just("KDD"), st.none(), st.none()),
            )
        ),
        public_support=nok(draw(st.integers(0, 12_000_000))),
        municipal_share_reason=draw(st.text(max_size=10)),
        business_fund=tuple(
            draw(
                st.lists(
                    st.builds(
                        BusinessFundGrant,
                        st.sampled_from(["3429", "3430"]),
                        DATES,
                        st.integers(0, 10**6).map(nok),
                    ),
                    max_size=2,
                )
            )
        ),
    )


@given(programmes())
def test_programme_dump_load_round_trip_and_checks(p: Programme) -> None:
    assert io.load(io.dump(p)) == p
    result = check(p)
    assert {f.rule for f in result} == {"C-1", "C-2", "C-3", "C-4", "C-5", "C-6"}


def test_schema_of_programme() -> None:
    schema = io.json_schema("programme")
    assert schema["properties"]["kind"] == {"const": "programme"}
    assert schema["$defs"]["Phase" if "Phase" in schema["$defs"] else "PhasePeriod"]


def test_bad_programme_exits_2_with_every_pointer(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = _json(
        _programme(
            county="54",
            area=("3429", "5444", "3429"),
            cost_base=nok(0),
            status=StatusDecision(D(2024, 5, 15), " ", D(2024, 6, 1), D(2024, 1, 1)),
            phases=(PhasePeriod(Phase.AVKLARING, D(2024, 6, 2), D(2024, 6, 1)),),
            measures=(
                _measure("m", end=D(2024, 1, 1), jobs_created=-1, support=_support(1)),
                _measure("m"),
            ),
            business_fund=(BusinessFundGrant("0000", D(2025, 1, 1), nok(1)),),
        )
    )
    doc["measures"][0]["support"]["organisasjonsnummer"] = "123456786"
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    code = main(["check", str(path), "--lang", "en"])
    out, err = capsys.readouterr()
    assert (code, out) == (2, "")
    assert "Traceback" not in err
    for where in (
        "/county",
        "/area/1",
        "/area/2",
        "/cost_base",
        "/status/decided_by",
        "/status/end",
        "/phases/0/end",
        "/measures/0/end",
        "/measures/0/jobs_created",
        "/measures/0/support/organisasjonsnummer",
        "/measures/1/id",
        "/business_fund/0/kommunenummer",
    ):
        assert where in err, where


def test_unknown_phase_is_refused_with_its_pointer() -> None:
    doc = _json(_programme())
    doc["phases"][0]["phase"] = "planning"
    with pytest.raises(InvalidDocument) as info:
        io.from_json(doc)
    assert [p.where for p in info.value.problems] == ["/phases/0/phase"]


def test_example_programme_checks_and_passes(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["check", str(EXAMPLE), "--format", "json"])
    out = json.loads(capsys.readouterr().out)
    assert code == 0
    assert out["summary"]["not_met"] == 0
    assert out["summary"]["undetermined"] == 0
    assert set(out["findings"]) == {"C-1", "C-2", "C-3", "C-4", "C-5", "C-6"}


# --------------------------------------------------------------------------------------------
# Honest sources: the module docstrings quote only saved words


def test_findings_that_rest_on_the_countys_statement_say_so() -> None:
    """C-1 (the status decision), C-4 (contributions) and C-6 (business funds) judge what the
    county states in the programme: their messages say so, in every language."""
    result = check(_programme())
    for rule_id in ("C-1", "C-4", "C-6"):
        f = result.for_rule(rule_id)[0]
        assert f.message("nb").startswith("Fylkeskommunen oppgir"), rule_id
        assert f.message("nn").startswith("Fylkeskommunen oppgjev"), rule_id
        assert f.message("en").startswith("The county states"), rule_id
