"""State aid: organisasjonsnummer, the de minimis register, the EUR limit at a stated rate."""

from __future__ import annotations

import datetime as dt
import doctest
from decimal import Decimal

import pint
import pytest
from hypothesis import given
from hypothesis import strategies as st

import post65.deminimis
import post65.stateaid
from post65.deminimis import assess, assess_support
from post65.errors import InvalidAmount, InvalidParameter, Post65Error
from post65.money import kroner, nok, ureg
from post65.parameters import Parameters
from post65.rules import Outcome
from post65.stateaid import (
    Aid,
    DeMinimisRegister,
    Organisasjonsnummer,
    Regime,
    Support,
    eur,
    eur_nok_context,
    eur_to_nok,
    is_organisasjonsnummer,
    organisasjonsnummer_check_digit,
    support_problems,
    window,
)


def test_module_doctests() -> None:
    for module in (post65.stateaid, post65.deminimis):
        result = doctest.testmod(
            module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
        )
        assert result.failed == 0, module.__name__
        assert result.attempted > 0, module.__name__


# --------------------------------------------------------------------------------------------
# Organisasjonsnummer


@pytest.mark.parametrize("number", ["974760673", "999999999", "123456785", "971526920"])
def test_known_valid_numbers(number: str) -> None:
    assert is_organisasjonsnummer(number)
    assert Organisasjonsnummer(number).value == number


@pytest.mark.parametrize(
    "bad", ["974760674", "97476067", "9747606730", "97476067a", "９７４７６０６７３", "", 974760673]
)
def test_invalid_numbers_are_refused(bad: object) -> None:
    assert not is_organisasjonsnummer(bad)
    with pytest.raises(InvalidParameter) as info:
        Organisasjonsnummer(bad)  # type: ignore[arg-type]
    assert isinstance(info.value, Post65Error)
    assert info.value.nb
    assert info.value.en


def test_parse_allows_spaces_between_groups() -> None:
    assert Organisasjonsnummer.parse("974 760 673").value == "974760673"
    assert str(Organisasjonsnummer.parse("974\u00a0760\u00a0673")) == "974760673"


def test_remainder_one_has_no_valid_check_digit() -> None:
    # 3·1 + 2·0 + … = weighted sum ≡ 1 (mod 11) gives check digit 10: no number is issued.
    first = next(
        f"{n:08d}" for n in range(10**8) if organisasjonsnummer_check_digit(f"{n:08d}") is None
    )
    assert all(not is_organisasjonsnummer(first + str(d)) for d in range(10))


def test_check_digit_wants_eight_digits() -> None:
    with pytest.raises(InvalidParameter):
        organisasjonsnummer_check_digit("1234567")


_WEIGHTS = (3, 2, 7, 6, 5, 4, 3, 2)


@st.composite
def orgnr(draw: st.DrawFn) -> str:
    """A valid organisasjonsnummer: eight random digits and their mod-11 check digit."""
    digits = draw(st.lists(st.integers(0, 9), min_size=8, max_size=8))
    remainder = sum(w * d for w, d in zip(_WEIGHTS, digits, strict=True)) % 11
    check = (11 - remainder) % 11
    if check == 10:
        digits[7] = (digits[7] + 1) % 10  # move off the one remainder that has no check digit
        remainder = sum(w * d for w, d in zip(_WEIGHTS, digits, strict=True)) % 11
        check = (11 - remainder) % 11
    return "".join(map(str, digits)) + str(check)


@given(orgnr())
def test_generated_numbers_round_trip(number: str) -> None:
    assert is_organisasjonsnummer(number)
    assert Organisasjonsnummer.parse(number).value == number
    assert Organisasjonsnummer.parse(f"{number[:3]} {number[3:6]} {number[6:]}").value == number


@given(orgnr(), st.integers(0, 8), st.integers(1, 9))
def test_every_single_digit_error_is_caught(number: str, position: int, shift: int) -> None:
    digit = (int(number[position]) + shift) % 10
    wrong = number[:position] + str(digit) + number[position + 1 :]
    assert not is_organisasjonsnummer(wrong)


# --------------------------------------------------------------------------------------------
# EUR at a stated rate


def test_euro_never_converts_without_a_rate() -> None:
    with pytest.raises(pint.DimensionalityError):
        eur(1).to("NOK")
    assert "EUR" not in ureg  # the NOK registry of post65.money stays currency-only


def test_conversion_is_exact_at_the_stated_rate() -> None:
    assert eur_to_nok(eur(300_000), Decimal("11.4875")) == nok(3_446_250)
    assert kroner(eur_to_nok(eur(1), Decimal("11.4875"))) == Decimal("11.4875")
    back = nok(23)
    assert ureg.Quantity(kroner(back), "NOK") == back
    assert eur(2).to("NOK", eur_nok_context(11)).magnitude == Decimal(22)


@pytest.mark.parametrize("rate", [Decimal(0), Decimal(-1), Decimal("NaN"), 11.5, "11.5", True])
def test_rates_must_be_positive_decimals(rate: object) -> None:
    with pytest.raises(InvalidParameter):
        eur_nok_context(rate)  # type: ignore[arg-type]


def test_euro_amounts_refuse_floats() -> None:
    with pytest.raises(InvalidAmount):
        eur(1.5)  # type: ignore[arg-type]


# --------------------------------------------------------------------------------------------
# The window and the register


def test_fiscal_window_is_this_and_the_two_previous_calendar_years() -> None:
    assert window(dt.date(2024, 1, 1), Regime.EU_1407_2013) == (
        dt.date(2022, 1, 1),
        dt.date(2024, 1, 1),
    )


def test_three_year_window_ends_on_the_grant_date() -> None:
    assert window(dt.date(2024, 2, 29), Regime.EU_2023_2831) == (
        dt.date(2021, 3, 1),
        dt.date(2024, 2, 29),
    )


def _register(*items: tuple[str, int]) -> DeMinimisRegister:
    return DeMinimisRegister(
        "999999999", tuple(Aid(dt.date.fromisoformat(d), nok(a)) for d, a in items)
    )


def test_register_counts_only_the_window() -> None:
    reg = _register(("2021-12-31", 1), ("2022-01-01", 10), ("2024-06-01", 100), ("2024-06-02", 7))
    assert reg.total(dt.date(2024, 6, 1), Regime.EU_1407_2013) == nok(110)
    assert reg.total(dt.date(2024, 6, 1), Regime.EU_2023_2831) == nok(111)
    assert reg.add(Aid(dt.date(2023, 1, 1), nok(5))).total(
        dt.date(2024, 6, 1), Regime.EU_1407_2013
    ) == nok(115)


# --------------------------------------------------------------------------------------------
# The assessment

RATE = Decimal("11.50")  # EUR 300 000 = 3 450 000 kr; EUR 200 000 = 2 300 000 kr


def test_exactly_at_the_limit_is_within() -> None:
    reg = _register(("2024-03-01", 2_950_000))
    at = assess(reg, nok(500_000), dt.date(2025, 1, 10), rate=RATE, regime=Regime.EU_2023_2831)
    assert at.outcome is Outcome.MET
    assert at.total == nok(3_450_000)
    assert at.limit_nok == nok(3_450_000)
    over = assess(reg, nok(500_001), dt.date(2025, 1, 10), rate=RATE, regime=Regime.EU_2023_2831)
    assert over.outcome is Outcome.NOT_MET
    assert over.values()["total_nok"] == "3450001"
    assert over.values()["window"] == "2022-01-11/2025-01-10"


def test_no_rate_is_undetermined_and_says_which_parameter() -> None:
    a = assess(_register(), nok(1), dt.date(2025, 1, 1), rate=None, regime=Regime.EU_2023_2831)
    assert a.outcome is Outcome.UNDETERMINED
    assert "stateaid.eur_nok_rate" in a.message("en")


def test_rate_may_come_from_the_parameter() -> None:
    params = Parameters().override("stateaid.eur_nok_rate", RATE)
    a = assess(_register(), nok(1), dt.date(2025, 1, 1), rate=None, parameters=params)
    assert a.outcome is Outcome.MET
    assert a.rate == RATE


def test_change_date_picks_the_regime() -> None:
    reg = _register(("2024-03-01", 2_000_000))
    params = Parameters().override("stateaid.de_minimis_change_date", 20241111)
    before = assess(reg, nok(500_000), dt.date(2024, 11, 10), rate=RATE, parameters=params)
    after = assess(reg, nok(500_000), dt.date(2024, 11, 11), rate=RATE, parameters=params)
    assert (before.regime, before.outcome) == (Regime.EU_1407_2013, Outcome.NOT_MET)
    assert (after.regime, after.outcome) == (Regime.EU_2023_2831, Outcome.MET)


def test_without_regime_or_date_only_agreeing_outcomes_stand() -> None:
    reg = _register(("2024-03-01", 2_000_000))
    unsure = assess(reg, nok(500_000), dt.date(2024, 9, 1), rate=RATE)
    assert unsure.outcome is Outcome.UNDETERMINED
    assert "stateaid.de_minimis_change_date" in unsure.message("en")
    low = assess(reg, nok(300_000), dt.date(2024, 9, 1), rate=RATE)
    assert low.outcome is Outcome.MET
    assert low.regime is None
    high = assess(reg, nok(1_500_000), dt.date(2024, 9, 1), rate=RATE)
    assert high.outcome is Outcome.NOT_MET


def test_a_change_date_that_is_no_date_never_reaches_the_assessment() -> None:
    """A change date that is no day of the calendar is refused where it is set (it once reached
    B-5 and made it undetermined)."""
    with pytest.raises(InvalidParameter) as info:
        Parameters().override("stateaid.de_minimis_change_date", 20241340)
    assert "YYYYMMDD" in info.value.message("en")
    assert "20241340 is no calendar date" in info.value.message("en")


def test_no_known_limit_before_the_new_regulation() -> None:
    a = assess(_register(), nok(1), dt.date(2023, 6, 1), rate=RATE, regime=Regime.EU_2023_2831)
    assert a.outcome is Outcome.UNDETERMINED
    assert "stateaid.de_minimis_limit_eur.2023_2831" in a.message("en")


def _support(**changes: object) -> Support:
    base: dict[str, object] = {
        "organisasjonsnummer": "999999999",
        "name": "Fjellnæring AS",
        "amount": nok(500_000),
        "granted": dt.date(2025, 1, 10),
        "eur_nok_rate": RATE,
        "regime": Regime.EU_2023_2831,
    }
    base.update(changes)
    return Support(**base)  # type: ignore[arg-type]


def test_support_with_an_invalid_number_is_undetermined() -> None:
    assert assess_support(_support(organisasjonsnummer="123")).outcome is Outcome.UNDETERMINED


def test_support_problems_are_located() -> None:
    bad = _support(
        organisasjonsnummer="974760674",
        amount=nok(-1),
        previous_aid=(Aid(dt.date(2024, 1, 1), nok(-5)),),
        eur_nok_rate=Decimal(0),
    )
    where = [p.where for p in support_problems(bad, ("support",))]
    assert where == [
        "/support/organisasjonsnummer",
        "/support/amount",
        "/support/previous_aid/0/amount",
        "/support/eur_nok_rate",
    ]
    assert list(support_problems(_support(), ("support",))) == []


@given(
    st.decimals(min_value=Decimal("1E-120"), max_value=Decimal("1E+120"), places=None).filter(
        lambda r: r.is_finite() and r > 0
    ),
    st.integers(0, 10**12),
)
def test_assess_never_fails_at_any_positive_rate(rate: Decimal, previous: int) -> None:
    """Whatever positive rate is stated (an absurd one included), the assessment is made: a
    limit past 10^18 kr at that rate is undetermined, saying so, never an unlocated error; its
    message renders in every language."""
    register = DeMinimisRegister("974760673", (Aid(dt.date(2023, 3, 1), nok(previous)),))
    found = assess(
        register, nok(500_000), dt.date(2025, 2, 1), rate=rate, regime=Regime.EU_2023_2831
    )
    texts = [found.message(lang) for lang in ("nb", "nn", "en")]
    if found.limit_nok is None:
        assert found.outcome is Outcome.UNDETERMINED
        assert all("10^18" in t for t in texts)
    else:
        assert found.outcome in (Outcome.MET, Outcome.NOT_MET)


def test_a_limit_past_the_bound_is_undetermined_naming_the_rate() -> None:
    register = DeMinimisRegister("974760673", ())
    found = assess(
        register,
        nok(500_000),
        dt.date(2025, 2, 1),
        rate=Decimal("99999999999999999999"),
        regime=Regime.EU_2023_2831,
    )
    assert found.outcome is Outcome.UNDETERMINED
    assert found.message("en").replace("\u00a0", " ") == (
        "the limit EUR 300 000 at the rate 99 999 999 999 999 999 999 is more than 10^18 kr "
        "and cannot be compared: check the rate (regulation 2023/2831)"
    )
