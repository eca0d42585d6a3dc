"""A share that rounds onto its limit is shown with the decimals that tell it from the limit,
so a failure never reads as a contradiction («50,00 % … over 50,00 %»)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from post65.rules import Finding, Outcome, check
from post65.scenarios import load_scenario, run_scenario
from post65.schemes._shares import beside
from post65.text import msg

SCENARIOS = Path(__file__).parent / "scenarios"


def _finding(path: Path, rule: str) -> Finding:
    assert run_scenario(path).passed
    _, document = load_scenario(path)
    (found,) = check(document).for_rule(rule)
    assert found.outcome is Outcome.NOT_MET
    return found


@pytest.mark.parametrize(
    ("scenario", "rule", "words"),
    [
        (
            "b/b3-not-met-share-by-a-hair",
            "B-3",
            {
                "nb": "50,000001 % av 799 999,99 kr er over utlysningens største andel, 50,00 %",
                "nn": "50,000001 % av 799 999,99 kr er over den største delen utlysinga tillèt, "
                "50,00 %",
                "en": "50.000001 % of 799 999.99 kr is above the call's largest share, 50.00 %",
            },
        ),
        (
            "c/c3-not-met-municipal-by-a-hair",
            "C-3",
            {
                "nb": "er 24,9999999 %, under",
                "nn": "er 24,9999999 %, under",
                "en": "is 24.9999999 %, below",
            },
        ),
        (
            "a/a-5.1-not-met-by-an-ore",
            "A-5.1",
            {
                "nb": "er 5,0000003 % av 4 000 000 kr mottatt, over 5,00 %",
                "nn": "er 5,0000003 % av 4 000 000 kr motteke, over 5,00 %",
                "en": "is 5.0000003 % of 4 000 000 kr received, above 5.00 %",
            },
        ),
        (
            "c/c3-not-met-public-by-a-hair",
            "C-3",
            {"nb": "er 75,0000001 % av", "nn": "er 75,0000001 % av", "en": "is 75.0000001 % of"},
        ),
    ],
)
def test_a_share_by_a_hair_beside_its_limit_shows_the_difference(
    scenario: str, rule: str, words: dict[str, str]
) -> None:
    found = _finding(SCENARIOS / f"{scenario}.scenario.json", rule)
    for lang, text in words.items():
        assert text in found.message(lang).replace("\xa0", " "), (lang, found.message(lang))


@given(
    st.decimals(min_value=0, max_value=2, places=12),
    st.sampled_from([Decimal("0.05"), Decimal("0.25"), Decimal("0.5"), Decimal("0.75")]),
)
def test_beside_is_on_the_share_s_side_of_the_limit(share: Decimal, limit: Decimal) -> None:
    shown = beside(share, limit)
    assert (shown > limit) == (share > limit)
    assert (shown < limit) == (share < limit)
    assert abs(shown - share) <= Decimal("0.00005")  # never further off than {:pct} rounds


def test_pctx_writes_every_decimal_of_the_share_and_at_least_two() -> None:
    for share, nb, en in [
        (Decimal("0.5"), "50,00 %", "50.00 %"),
        (Decimal("0.0405"), "4,05 %", "4.05 %"),
        (Decimal("0.500000625"), "50,0000625 %", "50.0000625 %"),
        (Decimal("0.5000006250"), "50,0000625 %", "50.0000625 %"),
    ]:
        over = msg("b.3.over_share", share=share, cost=Decimal(1), max_share=Decimal("0.25"))
        assert f"tilskuddsandelen {nb} av" in over("nb").replace("\xa0", " ")
        assert f"grant share {en} of" in over("en").replace("\xa0", " ")


def test_a51_names_a_cap_of_more_decimals_with_them_and_the_years_beside_it() -> None:
    """A cap of 5.125 % was written 5,13 %, and 205 001 kr of 4 000 000 kr «5,13 % … over
    5,13 %»; each year's share was rounded onto the cap too."""
    from post65.parameters import Parameters

    path = SCENARIOS / "a" / "a-5.1-limit-of-more-decimals.scenario.json"
    assert run_scenario(path).passed
    _, document = load_scenario(path)
    cap = Parameters().override("a.admin_cost_share", Decimal("0.05125"))
    (found,) = check(document, parameters=cap).for_rule("A-5.1")
    assert found.outcome is Outcome.NOT_MET
    assert found.message("nb").replace("\xa0", " ") == (
        "Administrasjon 205 001 kr er 5,12503 % av 4 000 000 kr mottatt, over 5,125 % "
        "(taket er 205 000 kr) (per år: 2024: 5,12503 %)."
    )
    one = "a/a-5.1-not-met-by-an-ore"
    assert "(per år: 2024: 5,0000003 %)" in _finding(
        SCENARIOS / f"{one}.scenario.json", "A-5.1"
    ).message("nb").replace("\xa0", " ")


@given(
    st.decimals(min_value=0, max_value=1, places=9),
    st.decimals(min_value=Decimal("0.0001"), max_value=1, places=7),
)
def test_beside_keeps_the_limits_decimals(share: Decimal, limit: Decimal) -> None:
    shown = beside(share, limit)
    assert (shown > limit) == (share > limit)
    assert (shown < limit) == (share < limit)
    decimals = -int(limit.normalize().as_tuple().exponent)
    assert -int(shown.as_tuple().exponent) >= decimals
