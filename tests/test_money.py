"""Tests of post65.money: the registry, parsing, formatting, rounding and serialisation."""

from __future__ import annotations

import re
import subprocess
import sys
from decimal import ROUND_DOWN, ROUND_HALF_EVEN, Decimal, localcontext
from typing import Any

import pint
import pytest
from hypothesis import given
from hypothesis import strategies as st

from post65 import _amounts, money
from post65.errors import InvalidAmount, InvalidParameter, Post65Error
from post65.money import (
    MAX_KRONER,
    ZERO,
    Money,
    amount_to_str,
    format_amount,
    format_number,
    from_thousands,
    kroner,
    nok,
    parse_amount,
    round_kroner,
    round_ore,
    to_thousands,
    total,
    ureg,
)

NBSP = "\u00a0"
SEPARATORS = [" ", "\u00a0", "\u202f", "\u2009"]
BOUND = 10**15

# parse_amount typed loosely, for feeding it things its signature does not admit.
parse_any: Any = parse_amount

# --------------------------------------------------------------------------------------------
# Strategies (built at import, never inside a test body)
# --------------------------------------------------------------------------------------------

whole_kroner = st.integers(-BOUND, BOUND)
whole_ore = st.integers(-BOUND * 100, BOUND * 100)
amounts: st.SearchStrategy[Money] = st.one_of(
    whole_kroner.map(nok),
    whole_ore.map(lambda cents: nok(Decimal(f"{cents}E-2"))),
)
bounded_decimals = st.decimals(
    min_value=-(10**20), max_value=10**20, allow_nan=False, allow_infinity=False, places=4
)
awkward_decimals = st.sampled_from(
    [
        Decimal("NaN"),
        Decimal("-NaN"),
        Decimal("sNaN"),
        Decimal("Infinity"),
        Decimal("-Infinity"),
        Decimal("1E999999"),
        Decimal("-1E999999"),
        Decimal("1E-999999"),
        Decimal("1E+18"),
        Decimal("1000000000000000000.01"),
        Decimal("-0"),
        Decimal("0E+10"),
        Decimal("0E+999999999999999999"),
        Decimal("-0E-999999999999999999"),
        Decimal("1E-999999999999999999"),
        Decimal("-1.5E-61"),
        Decimal("1E-60"),
        Decimal("1.00000000000000000000000000000000000000000000000000000000000000001"),
    ]
)
quantities = st.one_of(
    st.builds(lambda m: ureg.Quantity(m, "NOK"), st.integers(-(10**20), 10**20)),
    st.builds(lambda m: ureg.Quantity(m, "kNOK"), bounded_decimals),
    st.builds(lambda m: ureg.Quantity(m, "øre"), bounded_decimals),
    st.builds(lambda m: ureg.Quantity(m, "MNOK"), bounded_decimals),
    st.builds(lambda m: ureg.Quantity(m, "NOK"), awkward_decimals),
    st.builds(lambda m: ureg.Quantity(m, "NOK"), st.floats()),
    st.builds(lambda m: ureg.Quantity(m, "NOK") ** 2, st.integers()),
    st.builds(lambda m: ureg.Quantity(m, "dimensionless"), st.integers()),
)
anything = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(-(10**400), 10**400),
    st.floats(),
    st.complex_numbers(),
    st.fractions(),
    bounded_decimals,
    awkward_decimals,
    st.text(),
    st.binary(),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=3),
    quantities,
    st.just(object()),
    st.just(ureg),
    st.just(Decimal),
)
amount_alphabet = "0123456789 ,.-\u2212\u00a0\u202f\u2009krNOKnokmilMNOKøretusnd"


def grouped(n: int, sep: str = NBSP) -> str:
    """``n`` with digit groups of 3 separated by ``sep`` (independent of the module)."""
    return f"{n:,}".replace(",", sep)


# --------------------------------------------------------------------------------------------
# The registry
# --------------------------------------------------------------------------------------------


def test_registry_is_currency_only() -> None:
    assert ureg.Quantity(Decimal(1), "kr") == nok(1)
    assert ureg.Quantity(Decimal(250), "øre") == nok(Decimal("2.50"))
    assert ureg.Quantity(Decimal(250), "ore") == nok(Decimal("2.50"))
    assert ureg.Quantity(Decimal(3), "kNOK") == nok(3000)
    assert ureg.Quantity(Decimal(3), "MNOK") == nok(3_000_000)
    assert "meter" not in ureg
    assert "EUR" not in ureg
    with pytest.raises(pint.UndefinedUnitError):
        ureg.Quantity(Decimal(1), "second")


def test_module_does_not_set_application_registry() -> None:
    code = "import pint, post65.money as m; print(pint.get_application_registry().get() is m.ureg)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_use_as_application_registry_is_opt_in(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[object] = []
    monkeypatch.setattr(pint, "set_application_registry", seen.append)
    money.use_as_application_registry()
    assert seen == [ureg]


def test_public_names() -> None:
    assert set(money.__all__) == {
        "MAX_KRONER",
        "ZERO",
        "Money",
        "amount_to_str",
        "format_amount",
        "format_number",
        "from_thousands",
        "kroner",
        "nok",
        "parse_amount",
        "round_kroner",
        "round_ore",
        "to_thousands",
        "total",
        "ureg",
        "use_as_application_registry",
    }
    assert Money == pint.Quantity[Decimal]


# --------------------------------------------------------------------------------------------
# nok()
# --------------------------------------------------------------------------------------------


def test_nok_builds_decimal_quantities() -> None:
    q = nok(5)
    assert isinstance(q, pint.Quantity)
    assert type(q.magnitude) is Decimal
    assert q.magnitude == 5
    assert str(q.units) == "NOK"
    assert nok(Decimal("2500.50")).magnitude == Decimal("2500.50")
    assert nok(0) == ZERO
    assert nok(MAX_KRONER) == nok(Decimal(MAX_KRONER))
    assert nok(Decimal("0.001")).magnitude == Decimal("0.001")  # sub-øre kept as given


@pytest.mark.parametrize(
    "value",
    [
        0.5,
        1.0,
        float("nan"),
        True,
        False,
        Decimal("NaN"),
        Decimal("sNaN"),
        Decimal("Infinity"),
        Decimal("-Infinity"),
        Decimal("1E999999"),
        MAX_KRONER + 1,
        pytest.param(-(10**5000), id="huge-int"),
        "5",
        None,
    ],
)
def test_nok_refuses(value: object) -> None:
    with pytest.raises(InvalidAmount) as info:
        money.nok(value)  # type: ignore[arg-type]
    assert isinstance(info.value, ValueError)
    assert isinstance(info.value, Post65Error)
    assert info.value.nb
    assert info.value.en
    assert info.value.nb != info.value.en


def test_nok_normalises_odd_zeros_and_refuses_vanishing_amounts() -> None:
    for zero in ["0E+999999999999999999", "-0E-999999999999999999", "-0"]:
        assert nok(Decimal(zero)) == ZERO
        assert str(kroner(nok(Decimal(zero)))) == "0"
        assert amount_to_str(nok(Decimal(zero))) == "0"
        assert format_amount(nok(Decimal(zero))) == "0\u00a0kr"
        assert str(from_thousands(Decimal(zero)).magnitude) == "0"
    assert nok(Decimal("1E-60")).magnitude == Decimal("1E-60")
    with pytest.raises(InvalidAmount, match="10\\^-60"):
        nok(Decimal("1E-61"))


@given(st.one_of(bounded_decimals, awkward_decimals, st.integers(-(10**20), 10**20)))
def test_money_functions_raise_only_invalid_amount(value: Decimal | int) -> None:
    try:
        q = nok(value)
    except InvalidAmount:
        return
    assert format_amount(q).endswith(NBSP + "kr")
    assert format_amount(q, unit="1000kr")
    exponent = kroner(q).as_tuple().exponent
    assert isinstance(exponent, int)
    assert exponent <= 0
    assert to_thousands(q) == kroner(from_thousands(to_thousands(q))) / 1000
    assert parse_amount(amount_to_str(round_ore(q))) == round_ore(q)
    if q.magnitude != round_ore(q).magnitude:
        with pytest.raises(InvalidAmount, match="øre"):
            amount_to_str(q)


# --------------------------------------------------------------------------------------------
# parse_amount: accepted forms
# --------------------------------------------------------------------------------------------

ACCEPTED = [
    ("120000000", "120000000"),
    ("120 000 000 kr", "120000000"),
    ("120\u00a0000\u00a0000\u00a0kr", "120000000"),
    ("120\u202f000\u202f000 kr", "120000000"),
    ("120\u2009000\u2009000 kr", "120000000"),
    ("1 234\u00a0567 kr", "1234567"),
    ("1 234 567 kr", "1234567"),
    ("120 mill. kr", "120000000"),
    ("120 mill kr", "120000000"),
    ("120 millioner kroner", "120000000"),
    ("120 mill.", "120000000"),
    ("120 mill", "120000000"),
    ("12,5 mill. kr", "12500000"),
    ("12,5mill.kr", "12500000"),
    ("1,2 mrd. kr", "1200000000"),
    ("120 MNOK", "120000000"),
    ("120 mnok", "120000000"),
    ("120000 kNOK", "120000000"),
    ("1,5 kNOK", "1500"),
    ("500 tusen kr", "500000"),
    ("2 500,50 kr", "2500.50"),
    ("2500,5 kr", "2500.50"),
    ("2500.50", "2500.50"),
    ("2 500.50 kr", "2500.50"),
    ("5 kr", "5"),
    ("5 NOK", "5"),
    ("5 kroner", "5"),
    ("5 Kr", "5"),
    ("1000kr", "1000"),
    ("1000NOK", "1000"),
    ("50 øre", "0.50"),
    ("kr 1 500,-", "1500"),
    ("NOK 1500", "1500"),
    ("1 500,- kr", "1500"),
    ("-5 kr", "-5"),
    ("\u22125 kr", "-5"),
    ("-2 500,50 kr", "-2500.50"),
    ("kr -5", "-5"),
    ("  7 kr \n", "7"),
    ("\u00a07\u00a0", "7"),
    ("0", "0"),
    ("-0", "0"),
    ("0,00 kr", "0"),
    ("007", "7"),
    ("1 000 000 000 000 000 000 kr", "1000000000000000000"),
    ("0,01", "0.01"),
]


@pytest.mark.parametrize(("text", "expected"), ACCEPTED)
def test_parse_accepts(text: str, expected: str) -> None:
    q = parse_amount(text)
    assert q == nok(Decimal(expected))
    assert str(q.units) == "NOK"
    assert type(q.magnitude) is Decimal
    assert amount_to_str(q) == expected


def test_parse_accepts_numbers_and_quantities() -> None:
    assert parse_amount(1_250_000) == nok(1_250_000)
    assert parse_amount(Decimal("2500.5")) == nok(Decimal("2500.50"))
    assert parse_amount(Decimal("1.2345E+5")).magnitude.as_tuple().exponent == 0
    assert parse_amount(ureg.Quantity(Decimal(120), "MNOK")) == nok(120_000_000)
    assert str(parse_amount(ureg.Quantity(Decimal(120), "MNOK")).units) == "NOK"
    assert parse_amount(ureg.Quantity(Decimal(5), "kNOK")) == nok(5000)
    seven: Any = 7  # an int magnitude, which the registry's typing does not expect
    assert parse_amount(ureg.Quantity(seven, "øre")) == nok(Decimal("0.07"))
    compound = ureg.Quantity(Decimal(2), "kNOK") * ureg.Quantity(Decimal(3), "NOK")
    compound = compound / ureg.Quantity(Decimal(3), "NOK")
    assert parse_amount(compound) == nok(2000)


def test_parse_gives_canonical_magnitudes() -> None:
    assert str(parse_amount("12,5 mill. kr").magnitude) == "12500000"
    assert str(parse_amount("2 500,5 kr").magnitude) == "2500.50"
    assert str(parse_amount("-0,00").magnitude) == "0"


def test_parse_ignores_callers_decimal_context() -> None:
    with localcontext() as ctx:
        ctx.prec = 3
        assert parse_amount("123 456 789,01 kr") == nok(Decimal("123456789.01"))
        assert format_amount(nok(Decimal("123456789.01"))).startswith("123")
        assert amount_to_str(ureg.Quantity(Decimal("123.45678"), "MNOK")) == "123456780"


@pytest.mark.parametrize(
    "amount",
    [nok(Decimal("1.25E+7")), ureg.Quantity(Decimal("12.5"), "MNOK"), nok(Decimal("12500000.00"))],
)
def test_kroner_is_plain_whatever_the_callers_context_writes(
    amount: pint.Quantity[Decimal],
) -> None:
    """A context with ``capitals=0`` writes an exponent as ``e``: the magnitude came back as
    ``1.25e+7`` (the test for an exponent looked for ``E`` only)."""
    for changes in ({"capitals": 0}, {"capitals": 0, "prec": 2}, {"clamp": 1, "Emax": 9}):
        with localcontext() as ctx:
            for name, value in changes.items():
                setattr(ctx, name, value)
            assert str(kroner(amount)) == "12500000"
            assert amount_to_str(amount) == "12500000"


# --------------------------------------------------------------------------------------------
# parse_amount: refused forms
# --------------------------------------------------------------------------------------------

REFUSED: list[Any] = [
    (1.5, "float"),
    (1e6, "float"),
    (float("inf"), "float"),
    (True, "bool"),
    (False, "bool"),
    (Decimal("NaN"), "NaN"),
    (Decimal("sNaN"), "NaN"),
    (Decimal("Infinity"), "infinite"),
    (Decimal("-Infinity"), "infinite"),
    (Decimal("1E999999"), "too large"),
    (Decimal("-1E999999"), "too large"),
    (Decimal("1E-999999"), "øre"),
    (10**19, "too large"),
    pytest.param(10**5000, "too large", id="huge-int"),
    (Decimal("0.001"), "øre"),
    ("", "empty"),
    ("   ", "empty"),
    ("\u00a0\n", "empty"),
    ("1" * 201, "too long"),
    ("12 persons", "unknown unit"),
    ("5 EUR", "unknown unit"),
    ("5 kr kr", "unknown unit"),
    ("5 krr", "unknown unit"),
    ("0,001 kr", "øre"),
    ("1,234567891 mill. kr", "øre"),
    ("1 23 456", "grouped"),
    ("1234 567", "grouped"),
    ("12 3456", "grouped"),
    ("1  234", "grouped"),
    ("12,,5", "decimal"),
    ("1.234.567", "decimal"),
    ("1,5,5", "decimal"),
    ("5,", "decimal"),
    ("1e5", "malformed"),
    ("5 kr 3", "malformed"),
    ("abc", "no number"),
    ("kr", "no number"),
    (".5", "no number"),
    ("- 5", "no number"),
    ("--5", "no number"),
    ("+5", "no number"),
    ("\u0663", "no number"),
    ("-kr -5", "two minus"),
    ("kr 5 kr", "both before and after"),
    ("10000000000000000000", "too large"),
    ("2 mrd. mrd. kr", "unknown unit"),
    (None, "type"),
    (b"5", "type"),
    ([5], "type"),
    (object(), "type"),
    (ureg.Quantity(Decimal(5), "NOK") ** 2, "kroner (NOK)"),
    (ureg.Quantity(5, "dimensionless"), "kroner (NOK)"),
    (ureg.Quantity(5.0, "NOK"), "float"),
    (ureg.Quantity(Decimal("0.5"), "øre"), "øre"),
    (ureg.Quantity(Decimal(10**15), "MNOK"), "too large"),
]


@pytest.mark.parametrize(("value", "why"), REFUSED)
def test_parse_refuses(value: object, why: str) -> None:
    with pytest.raises(InvalidAmount) as info:
        parse_any(value)
    error = info.value
    assert isinstance(error, ValueError)
    assert isinstance(error, Post65Error)
    assert why in error.en
    assert error.nb
    assert error.nb != error.en
    assert error.message("nb") == error.nb
    assert str(error) == error.en
    assert len(error.en) < 400


def test_refusal_messages_say_what_was_wrong_in_bokmal() -> None:
    with pytest.raises(InvalidAmount, match="float") as info:
        parse_any(0.1)
    assert "flyttall" in info.value.nb
    with pytest.raises(InvalidAmount) as info:
        parse_amount("12 persons")
    assert "ukjent enhet" in info.value.nb
    assert "persons" in info.value.nb
    with pytest.raises(InvalidAmount) as info:
        parse_amount("1 23 456")
    assert "gruppert" in info.value.nb
    with pytest.raises(InvalidAmount) as info:
        parse_amount("0,001 kr")
    assert "øre" in info.value.nb


# --------------------------------------------------------------------------------------------
# Properties: round trips and robustness
# --------------------------------------------------------------------------------------------

FORMATTED = re.compile("-?[0-9]{1,3}(?:\u00a0[0-9]{3})*(?:,[0-9]{2})?\u00a0kr")


@given(amounts)
def test_parse_format_round_trip(q: Money) -> None:
    text = format_amount(q)
    assert FORMATTED.fullmatch(text), text
    assert " " not in text
    assert "E" not in text
    assert parse_amount(text) == q


@given(amounts)
def test_parse_amount_to_str_round_trip(q: Money) -> None:
    text = amount_to_str(q)
    assert re.fullmatch(r"-?[0-9]+(?:\.[0-9]{2})?", text), text
    assert parse_amount(text) == q
    assert amount_to_str(parse_amount(text)) == text


@given(whole_kroner)
def test_format_groups_with_no_break_spaces(n: int) -> None:
    assert format_amount(nok(n)) == grouped(n) + NBSP + "kr"
    assert format_amount(nok(n), symbol=False) == grouped(n)
    assert amount_to_str(nok(n)) == str(n)


@given(whole_ore, st.sampled_from(SEPARATORS), st.sampled_from(["", " kr", "kr", " NOK"]))
def test_parse_any_separator(cents: int, sep: str, suffix: str) -> None:
    kr, ore = divmod(abs(cents), 100)
    sign = "-" if cents < 0 else ""
    text = f"{sign}{grouped(kr, sep)},{ore:02d}{suffix}"
    assert parse_amount(text) == nok(Decimal(f"{cents}E-2"))


@given(st.text())
def test_arbitrary_text_raises_only_invalid_amount(text: str) -> None:
    try:
        q = parse_amount(text)
    except InvalidAmount:
        return
    assert type(q.magnitude) is Decimal
    assert abs(q.magnitude) <= MAX_KRONER


@given(st.text(alphabet=amount_alphabet, max_size=40))
def test_amount_like_text_raises_only_invalid_amount(text: str) -> None:
    try:
        q = parse_amount(text)
    except InvalidAmount:
        return
    assert parse_amount(amount_to_str(q)) == q


@given(anything)
def test_arbitrary_objects_raise_only_invalid_amount(value: object) -> None:
    try:
        q = parse_any(value)
    except InvalidAmount:
        return
    assert type(q.magnitude) is Decimal
    assert str(q.units) == "NOK"
    assert parse_amount(amount_to_str(q)) == q


@given(anything)
def test_formatting_refuses_only_with_invalid_amount(value: object) -> None:
    formatter: Any = format_amount
    try:
        text = formatter(value)
    except InvalidAmount:
        return
    assert text.endswith(NBSP + "kr")


# --------------------------------------------------------------------------------------------
# format_amount
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        (nok(1_234_567), "1\u00a0234\u00a0567\u00a0kr"),
        (nok(Decimal("2500.50")), "2\u00a0500,50\u00a0kr"),
        (nok(Decimal("2500.5")), "2\u00a0500,50\u00a0kr"),
        (nok(Decimal("2500.00")), "2\u00a0500\u00a0kr"),
        (nok(-75), "-75\u00a0kr"),
        (nok(Decimal("-1234.5")), "-1\u00a0234,50\u00a0kr"),
        (nok(0), "0\u00a0kr"),
        (nok(999), "999\u00a0kr"),
        (nok(1000), "1\u00a0000\u00a0kr"),
        (nok(Decimal("0.125")), "0,13\u00a0kr"),
        (nok(Decimal("-0.125")), "-0,13\u00a0kr"),
        (nok(Decimal("-0.001")), "0\u00a0kr"),
        (nok(Decimal("0.999")), "1\u00a0kr"),
        (nok(Decimal("1.2345E+5")), "123\u00a0450\u00a0kr"),
        (ureg.Quantity(Decimal("12.5"), "MNOK"), "12\u00a0500\u00a0000\u00a0kr"),
        (ureg.Quantity(Decimal(150), "øre"), "1,50\u00a0kr"),
        (nok(MAX_KRONER), grouped(MAX_KRONER) + "\u00a0kr"),
    ],
)
def test_format_amount(q: Money, expected: str) -> None:
    assert format_amount(q) == expected


def test_format_amount_rounding_and_symbol() -> None:
    q = nok(Decimal("0.125"))
    assert format_amount(q, rounding=ROUND_HALF_EVEN) == "0,12\u00a0kr"
    assert format_amount(q, rounding=ROUND_DOWN) == "0,12\u00a0kr"
    assert format_amount(q, symbol=False) == "0,13"
    with pytest.raises(InvalidParameter) as info:
        format_amount(q, rounding="ROUND_SIDEWAYS")
    assert isinstance(info.value, ValueError)
    bad_unit: Any = "EUR"
    with pytest.raises(InvalidParameter):
        format_amount(q, unit=bad_unit)


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        (nok(120_000_000), "120\u00a0000"),
        (nok(1_234_567), "1\u00a0235"),
        (nok(1_234_499), "1\u00a0234"),
        (nok(500), "1"),
        (nok(499), "0"),
        (nok(-500), "-1"),
        (nok(-499), "0"),
        (nok(Decimal("999.99")), "1"),
        (ureg.Quantity(Decimal(120), "MNOK"), "120\u00a0000"),
    ],
)
def test_format_thousands(q: Money, expected: str) -> None:
    assert format_amount(q, unit="1000kr") == expected
    assert format_amount(q, unit="1000kr", symbol=True) == expected + "\u00a0tusen\u00a0kr"


def test_format_thousands_rounding() -> None:
    assert format_amount(nok(2500), unit="1000kr") == "3"
    assert format_amount(nok(2500), unit="1000kr", rounding=ROUND_HALF_EVEN) == "2"
    assert format_amount(nok(2999), unit="1000kr", rounding=ROUND_DOWN) == "2"


@given(whole_kroner)
def test_thousands_format_parses_back_to_rounded_amount(n: int) -> None:
    q = nok(n)
    text = format_amount(q, unit="1000kr", symbol=True)
    assert parse_amount(text) == from_thousands(to_thousands(q))


@given(st.integers(-(10**12), 10**12))
def test_thousands_of_whole_thousands(n: int) -> None:
    assert format_amount(from_thousands(n), unit="1000kr") == grouped(n)


# --------------------------------------------------------------------------------------------
# format_number
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (5_550_203, "5\u00a0550\u00a0203"),
        (0, "0"),
        (-1234, "-1\u00a0234"),
        (999, "999"),
        (Decimal("1234.5"), "1\u00a0234,5"),
        (Decimal("0.75"), "0,75"),
        (Decimal("1.50"), "1,50"),
        (Decimal("1E+5"), "100\u00a0000"),
        (Decimal("-0"), "0"),
    ],
)
def test_format_number(n: int | Decimal, expected: str) -> None:
    assert format_number(n) == expected


@pytest.mark.parametrize(
    "n",
    [
        1.5,
        True,
        None,
        "5",
        Decimal("NaN"),
        Decimal("Infinity"),
        Decimal("1E999999"),
        pytest.param(10**5000, id="huge-int"),
    ],
)
def test_format_number_refuses(n: object) -> None:
    formatter: Any = format_number
    with pytest.raises(InvalidParameter) as info:
        formatter(n)
    assert isinstance(info.value, ValueError)
    assert info.value.nb != info.value.en


@given(st.integers(-(10**30), 10**30))
def test_format_number_groups(n: int) -> None:
    assert format_number(n) == grouped(n)


# --------------------------------------------------------------------------------------------
# Rounding, thousands, kroner(), amount_to_str()
# --------------------------------------------------------------------------------------------


def test_round_kroner() -> None:
    assert round_kroner(nok(Decimal("2.5"))) == nok(3)
    assert round_kroner(nok(Decimal("-2.5"))) == nok(-3)
    assert round_kroner(nok(Decimal("2.5")), ROUND_HALF_EVEN) == nok(2)
    assert round_kroner(nok(Decimal("2.99")), ROUND_DOWN) == nok(2)
    assert str(round_kroner(nok(Decimal("-0.4"))).magnitude) == "0"
    assert str(round_kroner(ureg.Quantity(Decimal("1.2345"), "kNOK")).units) == "NOK"
    with pytest.raises(InvalidParameter):
        round_kroner(nok(1), "nearest")


def test_round_ore() -> None:
    assert round_ore(nok(Decimal("0.125"))) == nok(Decimal("0.13"))
    assert round_ore(nok(Decimal("0.125")), ROUND_HALF_EVEN) == nok(Decimal("0.12"))
    assert amount_to_str(round_ore(nok(Decimal(1) / 3))) == "0.33"


def test_thousands() -> None:
    assert to_thousands(nok(120_000_000)) == Decimal(120_000)
    assert str(to_thousands(nok(120_000_000))) == "120000"
    assert to_thousands(nok(1500)) == 2
    assert to_thousands(nok(1500), ROUND_HALF_EVEN) == 2
    assert to_thousands(nok(2500), ROUND_HALF_EVEN) == 2
    assert to_thousands(nok(-1500)) == -2
    assert str(to_thousands(nok(-400))) == "0"
    assert from_thousands(120_000) == nok(120_000_000)
    assert str(from_thousands(Decimal("1.5")).magnitude) == "1500"
    assert from_thousands(Decimal("0.00001")) == nok(Decimal("0.01"))
    with pytest.raises(InvalidAmount):
        from_thousands(10**16)
    with pytest.raises(InvalidAmount):
        from_thousands(1.5)  # type: ignore[arg-type]


@given(st.integers(-(10**15), 10**15))
def test_from_to_thousands_round_trip(n: int) -> None:
    assert to_thousands(from_thousands(n)) == n


def test_kroner_is_plain() -> None:
    assert str(kroner(ureg.Quantity(Decimal("12.5"), "MNOK"))) == "12500000"
    assert str(kroner(nok(Decimal("1.2345E+5")))) == "123450"
    assert str(kroner(nok(Decimal("2500.50")))) == "2500.5"
    assert str(kroner(nok(Decimal("-0.00")))) == "0"
    assert str(kroner(ureg.Quantity(Decimal(5), "øre"))) == "0.05"
    assert kroner(nok(7)) == 7


@given(bounded_decimals)
def test_kroner_never_has_a_positive_exponent(d: Decimal) -> None:
    try:
        q = parse_amount(d)
    except InvalidAmount:
        return
    value = kroner(q)
    assert value == d
    exponent = value.as_tuple().exponent
    assert isinstance(exponent, int)
    assert exponent <= 0
    assert "E" not in str(value)


def test_amount_to_str() -> None:
    assert amount_to_str(nok(1_250_000)) == "1250000"
    assert amount_to_str(nok(Decimal("2500.5"))) == "2500.50"
    assert amount_to_str(nok(Decimal("-2500.50"))) == "-2500.50"
    assert amount_to_str(nok(Decimal("1.2345E+5"))) == "123450"
    assert amount_to_str(nok(Decimal("100.00"))) == "100"
    assert amount_to_str(nok(Decimal("-0"))) == "0"
    assert amount_to_str(ureg.Quantity(Decimal(120), "MNOK")) == "120000000"
    with pytest.raises(InvalidAmount, match="øre"):
        amount_to_str(nok(Decimal("0.125")))


@pytest.mark.parametrize(
    "value",
    [
        Decimal(5),
        5,
        "5 kr",
        None,
        ureg.Quantity(5.0, "NOK"),
        ureg.Quantity(Decimal(5), "NOK") ** 2,
        ureg.Quantity(Decimal(5), "NOK") * 10**18,
    ],
)
def test_money_functions_refuse_non_amounts(value: object) -> None:
    functions: list[Any] = [format_amount, kroner, round_kroner, round_ore, to_thousands]
    functions.append(amount_to_str)
    for function in functions:
        with pytest.raises(InvalidAmount):
            function(value)


# ---------------------------------------------------------------------------------------------
# Edges that mutation testing found unguarded (docs/development.md, "Mutation testing")


def test_the_limits_are_inclusive_on_both_sides() -> None:
    for value in (10**18, -(10**18), Decimal(10**18), Decimal(-(10**18))):
        assert kroner(nok(value)) == value
        assert kroner(parse_amount(value)) == value
    for value in (
        10**18 + 1,
        -(10**18) - 1,
        Decimal("1000000000000000000.01"),
        Decimal(-(10**18)) - Decimal("0.01"),
    ):
        with pytest.raises(InvalidAmount, match="at most 10"):
            nok(value)
    assert kroner(parse_amount("-1000000000000000000")) == -(10**18)
    with pytest.raises(InvalidAmount, match="too large"):
        parse_amount("-1000000000000000000,01")
    assert kroner(from_thousands(10**15)) == 10**18
    assert kroner(from_thousands(-(10**15))) == -(10**18)
    with pytest.raises(InvalidAmount, match="too large"):
        from_thousands(10**15 + 1)
    with pytest.raises(InvalidAmount, match="too large"):
        from_thousands(-(10**15) - 1)
    assert kroner(ureg.Quantity(Decimal(10**12), "MNOK")) == 10**18
    with pytest.raises(InvalidAmount, match="too large"):
        kroner(ureg.Quantity(Decimal(10**12 + 1), "MNOK"))


def test_the_smallest_amount_is_ten_to_the_minus_sixty() -> None:
    for value in (Decimal("1E-60"), Decimal("-1E-60")):
        assert kroner(nok(value)) == value
    for value in (Decimal("1E-61"), Decimal("-1E-61")):
        with pytest.raises(InvalidAmount, match="below 10"):
            nok(value)


def test_an_amount_text_of_exactly_two_hundred_characters_is_read() -> None:
    assert parse_amount(" " * 198 + "12") == nok(12)
    assert parse_amount("1" + " " * 199) == nok(1)
    with pytest.raises(InvalidAmount, match=r"201 characters, at most 200"):
        parse_amount(" " * 199 + "12")


def test_total_adds_every_unit_exactly() -> None:
    assert total([]) == ZERO
    assert kroner(total([])) == 0
    mixed = [
        nok(1),
        nok(Decimal("2.5")),
        ureg.Quantity(Decimal(3), "MNOK"),
        ureg.Quantity(Decimal(50), "øre"),
        ureg.Quantity(Decimal(-2), "kNOK"),
    ]
    assert kroner(total(mixed)) == Decimal("2998004")
    assert str(total(mixed).units) == "NOK"
    assert kroner(total(iter([nok(-5), nok(5)]))) == 0
    with pytest.raises(InvalidAmount):
        total([nok(1), 5])  # type: ignore[list-item]


def test_compound_units_are_converted_to_kroner() -> None:
    # kNOK·NOK/NOK is 1000 kr per unit: what pint leaves after multiplying and dividing amounts.
    q = ureg.Quantity(Decimal(5), "kNOK") * ureg.Quantity(Decimal(2), "NOK")
    q = q / ureg.Quantity(Decimal(1), "NOK")
    assert kroner(q) == 10_000
    assert kroner(total([q, nok(1)])) == 10_001
    assert amount_to_str(q) == "10000"
    assert kroner(ureg.Quantity(Decimal(3), "MNOK/kNOK") * nok(1)) == 3000
    for bad in (ureg.Quantity(Decimal(5), "NOK**2"), ureg.Quantity(Decimal(5), "NOK/kNOK")):
        with pytest.raises(InvalidAmount, match="must be in kroner"):
            kroner(bad)


def test_format_number_limits_are_inclusive() -> None:
    assert format_number(10**100 - 1).count(NBSP) == 33
    assert format_number(-(10**100) + 1).startswith("-9")
    for n in (10**100, -(10**100)):
        with pytest.raises(InvalidParameter):
            format_number(n)
    assert format_number(Decimal("1E+99")).startswith("1" + NBSP)
    assert format_number(Decimal("1E-100")).endswith("01")
    for d in (Decimal("1E+100"), Decimal("1E-101")):
        with pytest.raises(InvalidParameter):
            format_number(d)
    assert format_number(Decimal("0E-100")) == "0," + "0" * 100
    assert format_number(Decimal("0E-101")) == "0"
    assert format_number(Decimal("0E+1")) == "0"
    assert format_number(Decimal("-0.00")) == "0,00"


def test_messages_show_at_most_sixty_characters_of_the_input() -> None:
    with pytest.raises(InvalidAmount) as info:
        parse_amount("x" * 60)
    assert f"'{'x' * 60}'" in info.value.en
    with pytest.raises(InvalidAmount) as info:
        parse_amount("x" * 61)
    assert f"'{'x' * 57}...'" in info.value.en
    assert "x" * 58 not in info.value.en


@given(st.decimals(allow_nan=False, allow_infinity=False, min_value=-(10**15), max_value=10**15))
def test_the_fast_constructor_builds_what_pint_builds(value: Decimal) -> None:
    from post65.money import _NOK, _make

    fast, slow = _make(value), ureg.Quantity(value, _NOK)
    assert vars(fast) == vars(slow)
    assert repr(fast) == repr(slow)
    assert fast == slow
    assert (fast + slow).magnitude == value + value
    assert fast.to("kNOK").magnitude == slow.to("kNOK").magnitude


# --- the fast reading of post65's own NOK quantities (issue 14) ---------------------------------

_MAGNITUDES = st.one_of(
    st.integers(-(10**18), 10**18).map(Decimal),
    st.decimals(-(10**15), 10**15, places=2, allow_nan=False, allow_infinity=False),
    st.decimals(-(10**6), 10**6, places=7, allow_nan=False, allow_infinity=False),
    st.sampled_from([Decimal("0E-5"), Decimal("-0.00"), Decimal("1.25E+7"), Decimal("5E-40")]),
)


@given(_MAGNITUDES, _MAGNITUDES)
def test_own_nok_quantities_read_fast_as_through_pint(a: Decimal, b: Decimal) -> None:
    """A quantity post65 built in NOK (nok, and pint's sums and differences of them) is read
    without pint's unit_items: the value, exponent and sign included, is the general path's."""
    for q in [nok(a), nok(a) + nok(b), nok(a) - nok(b)]:
        assert type(q) is money._OWN_CLASS  # the fast path is taken
        assert q._units is money._OWN_UNITS
        try:
            general = money._general_kroner(q)
        except InvalidAmount:  # a sum beyond MAX_KRONER is refused by both
            with pytest.raises(InvalidAmount):
                money._quantity_kroner(q)
            continue
        fast = money._quantity_kroner(q)
        assert fast.as_tuple() == general.as_tuple()
        assert kroner(q).as_tuple() == _amounts._plain_by_digits(general).as_tuple()


def test_quantities_not_of_our_own_making_take_the_general_path() -> None:
    cases: list[tuple[Any, Decimal]] = [
        (ureg.Quantity(5, "NOK"), Decimal(5)),
        (ureg.Quantity(Decimal("12.5"), "MNOK"), Decimal(12_500_000)),
        (ureg.Quantity(Decimal(150), "øre"), Decimal("1.50")),
    ]
    for q, expected in cases:
        assert kroner(q) == expected
    square: Any = nok(1) * nok(1)  # NOK² is no amount, though its class is ours
    with pytest.raises(InvalidAmount):
        kroner(square)


@given(st.decimals(allow_nan=False, allow_infinity=False))
def test_plain_from_the_text_is_plain_from_the_digits(value: Decimal) -> None:
    assert _amounts._plain(value).as_tuple() == _amounts._plain_by_digits(value).as_tuple()


@given(
    st.one_of(
        st.integers(-(10**18), 10**18).map(Decimal),
        st.decimals(
            min_value=Decimal(-(10**15)), max_value=Decimal(10**15), places=2, allow_nan=False
        ),
        st.builds(
            lambda n, e: Decimal(n).scaleb(e), st.integers(-(10**6), 10**6), st.integers(-4, 6)
        ),
    )
)
def test_amount_to_str_of_whole_kroner_is_the_canonical_text(value: Decimal) -> None:
    # The short way (whole kroner written as they are) gives what rounding to whole øre and the
    # canonical form give, for every exponent: 1E+3, 100.00, -0, 0E-5 …
    from post65._amounts import _whole_ore
    from post65.money import _quantity_kroner

    q = nok(value)
    try:
        expected = format(_whole_ore(_quantity_kroner(q), q), "f")
    except InvalidAmount:
        with pytest.raises(InvalidAmount):
            amount_to_str(q)
        return
    assert amount_to_str(q) == expected


_MAGNITUDES = st.one_of(
    st.decimals(allow_nan=True, allow_infinity=True),
    st.integers(-(10**20), 10**20).map(Decimal),
    st.sampled_from([10**18 - 1, 10**18, 10**18 + 1, 10**19, 0, 1]).map(Decimal),
    st.builds(
        lambda sign, digits, exponent: Decimal((sign, tuple(map(int, str(digits))), exponent)),
        st.integers(0, 1),
        st.integers(0, 10**20),
        st.integers(-70, 5),
    ),
    st.sampled_from(["-0", "0E+3", "0.00", "1E+2", "100", "1.0", "-5", "5E-61"]).map(Decimal),
)


def _long_way(d: Decimal) -> str:
    try:
        return repr(_amounts._plain(_amounts._bounded(d)))
    except InvalidAmount:
        return "refused"


@given(_MAGNITUDES)
def test_whole_kroner_shortcut_gives_what_the_long_way_gives(d: Decimal) -> None:
    q = money._make(d)  # a NOK quantity of any Decimal, unchecked: the shortcut is on it
    if money._whole_kroner(q) is not None:
        assert money._whole_kroner(q) is d
        assert _long_way(d) == repr(d)
        assert money._quantity_kroner(q) is d
    try:
        fast = repr(kroner(q))
    except InvalidAmount:
        fast = "refused"
    assert fast == _long_way(d)
    try:
        bounded = repr(money._quantity_kroner(q))
    except InvalidAmount:
        bounded = "refused"
    try:
        assert bounded == repr(_amounts._bounded(d))
    except InvalidAmount:
        assert bounded == "refused"


def test_whole_kroner_shortcut_takes_only_plain_positive_whole_kroner() -> None:
    taken = [Decimal(x) for x in ("1", "12500", "999999999999999999")]
    left = [Decimal(x) for x in ("0", "-1", "1.0", "1E+3", "1000000000000000000", "NaN")]
    assert all(money._whole_kroner(money._make(d)) is d for d in taken)
    assert all(money._whole_kroner(money._make(d)) is None for d in left)
    # only post65's own NOK quantities of a Decimal: another unit, or an int, goes the long way
    assert money._whole_kroner(ureg.Quantity(Decimal(5), "kNOK")) is None
    assert money._whole_kroner(money._make(5)) is None  # type: ignore[arg-type]  # an int
    assert money._whole_kroner(Decimal(5)) is None


def test_kroner_of_a_nok_quantity_with_an_int_magnitude_is_a_decimal() -> None:
    # pint keeps an int magnitude as given; the whole-kroner shortcut is for Decimals only
    for q in (money._make(5), money._make(0)):  # type: ignore[arg-type]  # an int, on purpose
        assert type(kroner(q)) is Decimal
        assert type(money._quantity_kroner(q)) is Decimal
    assert kroner(money._make(5)) == Decimal(5)  # type: ignore[arg-type]  # as above
