"""Policy parameters given as text (``--param NAME=VALUE``, a scenario's ``options.parameters``):
what :func:`post65.parameters.parse_value` accepts, and what its refusals show."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from post65.cli import main
from post65.errors import InvalidParameter, Lang
from post65.parameters import Parameters, check_value, parse_assignment, parse_value

EXAMPLE = str(Path(__file__).resolve().parents[1] / "examples" / "nordland-2024.portfolio.json")
DATE = "stateaid.de_minimis_change_date"
SHARE = "a.admin_cost_share"


def refusal(name: str, raw: str, lang: Lang = "en") -> str:
    """The message :func:`parse_value` refuses ``raw`` with."""
    with pytest.raises(InvalidParameter) as info:
        parse_value(name, raw)
    return info.value.message(lang)


# --------------------------------------------------------------------------------------------
# 1. A date parameter names a real calendar date


@pytest.mark.parametrize("raw", ["20241301", "20240230", "20230229", "20240100", "2024-02-30"])
def test_a_date_that_is_not_in_the_calendar_is_refused_when_parsed(raw: str) -> None:
    text = refusal(DATE, raw)
    assert text == f"the parameter {DATE} is a date written YYYYMMDD, but {raw} is no calendar date"
    assert "er ingen dato i kalenderen" in refusal(DATE, raw, "nb")
    assert "er ingen dato i kalenderen" in refusal(DATE, raw, "nn")


@pytest.mark.parametrize("value", [20241301, Decimal(20240230), Decimal("20241340.0")])
def test_a_date_that_is_not_in_the_calendar_is_refused_as_an_override(
    value: int | Decimal,
) -> None:
    with pytest.raises(InvalidParameter, match="no calendar date"):
        Parameters().override(DATE, value)
    with pytest.raises(InvalidParameter, match="no calendar date"):
        Parameters().with_overrides({DATE: value})
    with pytest.raises(InvalidParameter, match="no calendar date"):
        check_value(DATE, value)


@given(st.dates(min_value=dt.date(1000, 1, 1), max_value=dt.date(9999, 12, 31)))
def test_every_calendar_date_is_kept_in_either_form(day: dt.date) -> None:
    number = Decimal(day.strftime("%Y%m%d"))
    assert parse_value(DATE, day.strftime("%Y%m%d")) == number
    assert parse_value(DATE, day.isoformat()) == number


@given(st.integers(1000, 9999), st.integers(0, 99), st.integers(0, 99))
def test_a_whole_number_in_range_is_kept_exactly_when_it_is_a_date(
    year: int, month: int, day: int
) -> None:
    raw = f"{year:04}{month:02}{day:02}"
    try:
        dt.date(year, month, day)
    except ValueError:
        text = refusal(DATE, raw)
        if 10000101 <= int(raw) <= 99991231:
            assert text.endswith(f"{raw} is no calendar date")
        else:
            assert text.endswith(f"<= 99991231, not {raw}")
    else:
        assert parse_value(DATE, raw) == Decimal(raw)


def test_check_refuses_a_date_that_is_not_in_the_calendar_with_exit_2(
    capsys: pytest.CaptureFixture[str],
) -> None:
    expected = {
        "en": f"--param: the parameter {DATE} is a date written YYYYMMDD, but 20241301 is no "
        "calendar date",
        "nb": f"--param: parameteren {DATE} er en dato skrevet ÅÅÅÅMMDD, men 20241301 er ingen "
        "dato i kalenderen",
        "nn": f"--param: parameteren {DATE} er ein dato skriven ÅÅÅÅMMDD, men 20241301 er ingen "
        "dato i kalenderen",
    }
    for lang, line in expected.items():
        code = main(["check", EXAMPLE, "--lang", lang, "--param", f"{DATE}=20241301"])
        out, err = capsys.readouterr()
        assert (code, out) == (2, "")
        assert line in err


# --------------------------------------------------------------------------------------------
# 2. A refusal shows what was written, not the number it was read as


@pytest.mark.parametrize(
    ("name", "raw"),
    [
        (DATE, "00010101"),
        (DATE, "0001-01-01"),
        (DATE, "020240101"),
        (SHARE, "01.50"),
        (SHARE, "1,5"),
        ("p65.report_max_pages", "0000"),
        ("p65.report_max_pages", "2.50"),
    ],
)
def test_a_refused_value_is_shown_as_written(name: str, raw: str) -> None:
    for lang in ("nb", "nn", "en"):
        text = refusal(name, raw, lang)
        assert text.endswith(f" {raw}"), text


@pytest.mark.parametrize("raw", ["020240101", "20240101.0", "2024010", "-20240101", "2024-1-01"])
def test_a_date_is_written_with_eight_digits(raw: str) -> None:
    assert refusal(DATE, raw) == (
        f"the parameter {DATE} is a date written YYYYMMDD (or YYYY-MM-DD), not {raw}"
    )


def test_the_leading_zeros_of_a_refused_date_stay() -> None:
    text = refusal(DATE, "00010101", "nb")
    assert text.endswith("<= 99991231, ikke 00010101")
    assert "ikke 10101" not in text


# --------------------------------------------------------------------------------------------
# 3. Only the ASCII digits 0-9, as in documents


@pytest.mark.parametrize(
    "raw",
    [
        "٠.٠٤",  # Arabic-Indic
        "۰٫۰۴",  # Extended Arabic-Indic with an Arabic decimal separator
        "０.０４",  # fullwidth
        "0.0٤",  # one digit of another script
        "०.०४",  # Devanagari
    ],
)
def test_digits_of_other_scripts_are_refused(raw: str) -> None:
    assert (
        refusal(SHARE, raw) == f"the parameter {SHARE}: '{raw}' must be written with the digits 0-9"
    )
    assert refusal(SHARE, raw, "nb").endswith(f"«{raw}» må skrives med sifrene 0-9")
    assert refusal(SHARE, raw, "nn").endswith(f"«{raw}» må skrivast med sifra 0-9")


def test_a_date_in_digits_of_another_script_is_refused() -> None:
    for raw in ("٢٠٢٤٠١٠١", "٢٠٢٤-٠١-٠١", "2024-٠1-01"):
        with pytest.raises(InvalidParameter):
            parse_value(DATE, raw)


@given(
    st.text(alphabet=st.characters(categories=["Nd"]), min_size=1, max_size=6).filter(
        lambda s: not s.isascii()
    )
)
def test_no_digit_outside_ascii_is_read(digits: str) -> None:
    with pytest.raises(InvalidParameter):
        parse_value(SHARE, f"0.{digits}")
    with pytest.raises(InvalidParameter):
        parse_value("p65.report_max_pages", digits)


def test_a_scenario_parameter_has_ascii_digits_too() -> None:
    with pytest.raises(InvalidParameter, match="digits 0-9"):
        parse_assignment(f"{SHARE}=٠.٠٤")


def test_check_refuses_digits_of_another_script_with_exit_2(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code = main(["check", EXAMPLE, "--lang", "en", "--param", f"{SHARE}=٠.٠٤"])
    out, err = capsys.readouterr()
    assert (code, out) == (2, "")
    assert f"--param: the parameter {SHARE}: '٠.٠٤' must be written with the digits 0-9" in err


@pytest.mark.parametrize(
    ("raw", "value"),
    [("0.04", "0.04"), ("0,04", "0.04"), (".5", "0.5"), ("1.", "1"), ("-0", "0"), (" 1 ", "1")],
)
def test_ascii_numbers_are_read_as_before(raw: str, value: str) -> None:
    assert parse_value(SHARE, raw) == Decimal(value)


@pytest.mark.parametrize("raw", ["", "-", ".", "1.2.3", "1-2", "+1", "1e-2", "0x1", "1_0", "− 1"])
def test_text_that_is_no_number_is_refused_as_such(raw: str) -> None:
    assert refusal(SHARE, raw) == f"the parameter {SHARE}: '{raw.strip()}' is not a number"


# --------------------------------------------------------------------------------------------
# 4. A value too long to read is refused as too long, cut visibly


def test_a_long_number_is_refused_as_too_long_not_as_no_number() -> None:
    raw = "0." + "0" * 66 + "1"
    text = refusal("b.employment_decline_min", raw)
    assert "not a number" not in text
    assert text == (
        "the parameter b.employment_decline_min: '" + raw[:39] + "…' (69 characters) is too long;"
        " a value has at most 40 characters"
    )
    nb = refusal("b.employment_decline_min", raw, "nb")
    assert nb.endswith("…» (69 tegn) er for lang; en verdi har høyst 40 tegn")
    nn = refusal("b.employment_decline_min", raw, "nn")
    assert nn.endswith("…» (69 teikn) er for lang; ein verdi har høgst 40 teikn")


def test_forty_characters_are_read() -> None:
    raw = "0." + "0" * 37 + "1"
    assert len(raw) == 40
    assert parse_value("b.employment_decline_min", raw) == Decimal("1E-38")


@given(st.text(min_size=41, max_size=80).filter(lambda s: len(s.strip()) > 40))
def test_any_long_text_is_refused_as_too_long(raw: str) -> None:
    text = refusal(SHARE, raw)
    assert f"({len(raw.strip())} characters) is too long" in text
    assert "…'" in text


@pytest.mark.parametrize("value", [Decimal("1." + "0" * 60 + "1"), Decimal("1" * 50)])
def test_a_long_number_given_as_a_decimal_is_cut_visibly(value: Decimal) -> None:
    with pytest.raises(InvalidParameter) as info:
        check_value(SHARE, value)
    text = info.value.message("en")
    assert text.endswith("…")
    assert text.endswith(str(value)[:39] + "…")


def test_a_long_reading_and_assignment_are_cut_visibly() -> None:
    with pytest.raises(InvalidParameter) as info:
        parse_value("reading.a-1.2", "x" * 50)
    assert "x" * 39 + "…" in info.value.message("en")
    with pytest.raises(InvalidParameter) as info:
        parse_assignment("y" * 70)
    assert "y" * 59 + "…" in info.value.message("en")
