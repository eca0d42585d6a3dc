"""Tests written to kill the mutants that survived ``tests/mutation/mutate.py`` (issue 10, 13).

Each test asserts behaviour a mutant of the named module changed and the other tests did not
notice; ``docs/development.md`` ("Mutation testing") lists the runs and the mutants left.
"""

from __future__ import annotations

import datetime as dt
import enum
from decimal import Decimal

import pytest

from post65.errors import InvalidAmount, InvalidArgument, InvalidParameter
from post65.funds import (
    AdminCategory,
    AdminCost,
    Commitment,
    Funds,
    Payment,
    Receipt,
    SchemeId,
    Split,
    funds_problems,
)
from post65.ledger import Ledger, Overdrawn, Statement, StatementLine
from post65.money import MAX_KRONER, format_number, kroner, nok, parse_amount, total, ureg

# --------------------------------------------------------------------------------------------
# money.py
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("unit", "shown"),
    [("NOK**2", "'NOK^2'"), ("NOK*kNOK", "'NOK · kNOK'"), ("NOK/kNOK", "'NOK · kNOK^-1'")],
)
def test_a_wrong_unit_is_named_with_its_powers(unit: str, shown: str) -> None:
    with pytest.raises(InvalidAmount) as info:
        kroner(ureg.Quantity(Decimal(5), unit))
    assert str(info.value).endswith(f"not in {shown}")


@pytest.mark.parametrize(
    ("magnitude", "unit", "text"),
    [("1.5", "kNOK", "1500"), ("2.5", "MNOK", "2500000"), ("150", "øre", "1.50")],
)
def test_total_shifts_simple_units_exactly(magnitude: str, unit: str, text: str) -> None:
    # A simple unit is a shift of the decimal point: no digit is added by a conversion factor
    # (pint's own conversion would give 1500.0 for 1.5 kNOK).
    assert str(total([ureg.Quantity(Decimal(magnitude), unit)]).magnitude) == text


class _Population(enum.IntEnum):
    OSLO = 717_710


class _Count(int):
    """An int subclass that is no enum."""


def test_format_number_takes_int_subclasses() -> None:
    assert format_number(_Population.OSLO) == "717\u00a0710"
    assert format_number(_Count(1234567)) == "1\u00a0234\u00a0567"


@pytest.mark.parametrize(
    ("text", "kr"),
    [
        ("2 million", 2_000_000),
        ("3 mrd", 3_000_000_000),
        ("1 milliard", 1_000_000_000),
        ("2 milliarder kr", 2_000_000_000),
        ("50 ore", Decimal("0.5")),
    ],
)
def test_every_unit_word_has_its_power(text: str, kr: int | Decimal) -> None:
    assert kroner(parse_amount(text)) == kr


class _Kroner(Decimal):
    """A Decimal subclass."""


def test_amounts_from_int_and_decimal_subclasses() -> None:
    assert kroner(nok(_Count(5))) == 5
    assert kroner(nok(_Kroner("2.5"))) == Decimal("2.5")


# --------------------------------------------------------------------------------------------
# funds.py
# --------------------------------------------------------------------------------------------

_SPLIT = Split(nok(500), nok(300), nok(200), "why")


def test_split_shares_places_from_0_to_20() -> None:
    assert _SPLIT.shares(0)[SchemeId.A] == 0  # 0.5 rounds half-even to 0
    assert _SPLIT.shares(20)[SchemeId.B].as_tuple().exponent == -20
    for places in (-1, 21):
        with pytest.raises(InvalidParameter):
            _SPLIT.shares(places)


def _message(call: object) -> str:
    assert callable(call)
    with pytest.raises(InvalidParameter) as info:
        call()
    return str(info.value)


def test_refused_values_are_shown_cut_to_40_characters() -> None:
    long = "x" * 100
    shown = "'" + "x" * 39  # repr(long)[:40]
    for text in (
        _message(lambda: Receipt(long, 2024, nok(1))),
        _message(lambda: Funds().received_total(SchemeId.A, up_to_year=long)),  # type: ignore[arg-type]
        _message(lambda: _SPLIT.shares(long)),  # type: ignore[arg-type]
    ):
        assert shown in text
        assert shown + "x" not in text


class _Year(int):
    """An int subclass (not a bool) is a year."""


def test_a_year_may_be_an_int_subclass() -> None:
    funds = Funds(received=(Receipt(SchemeId.A, 2023, nok(5)),))
    assert kroner(funds.received_total(SchemeId.A, up_to_year=_Year(2023))) == 5
    assert kroner(funds.received_total(SchemeId.A, up_to_year=_Year(2022))) == 0


def _where(funds: Funds) -> list[str]:
    return [p.where for p in funds_problems(funds)]


def test_funds_problems_years_1900_to_9999_inclusive() -> None:
    ok = Funds(
        received=(
            Receipt(SchemeId.A, 1900, nok(1)),
            Receipt(SchemeId.A, 9999, nok(1), received=dt.date(9999, 12, 31)),
        ),
        commitments=(Commitment(SchemeId.A, 1900, nok(1)),),
        payments=(Payment(SchemeId.B, 9999, nok(1)),),
        admin_costs=(AdminCost(SchemeId.A, 1900, nok(1), AdminCategory.CONTROL, "x"),),
    )
    assert _where(ok) == []
    bad = Funds(
        received=(
            Receipt(SchemeId.A, 1899, nok(1)),
            Receipt(SchemeId.A, 2024, nok(1), received=dt.date(1899, 12, 31)),
        ),
        commitments=(Commitment(SchemeId.A, 10000, nok(1)),),
        payments=(Payment(SchemeId.B, 1899, nok(1)),),
        admin_costs=(AdminCost(SchemeId.A, 10000, nok(1), AdminCategory.CONTROL, "x"),),
    )
    assert _where(bad) == [
        "/funds/received/0/appropriation_year",
        "/funds/received/1/received",
        "/funds/commitments/0/year",
        "/funds/payments/0/year",
        "/funds/admin_costs/0/year",
    ]


@pytest.mark.parametrize("kind", [Commitment, Payment])
@pytest.mark.parametrize("year", [1900, 9999])
def test_the_ledger_books_an_entry_of_the_years_1900_to_9999(kind: type, year: int) -> None:
    # the year checked as each entry is booked (ledger/book.py's _post), not only by
    # funds_problems: a ledger of funds built in code holds the same bounds
    ledger = Ledger.from_funds(Funds(**{_FIELD[kind]: (kind(SchemeId.A, year, nok(5), "m"),)}))
    assert ledger.years(SchemeId.A) == (year,)


@pytest.mark.parametrize("kind", [Commitment, Payment])
@pytest.mark.parametrize(
    ("year", "refused"),
    [
        (1899, InvalidParameter),
        (10000, InvalidParameter),
        (True, InvalidArgument),  # not a year: named at its field
        ("2024", InvalidArgument),
        (2024.0, InvalidArgument),
    ],
)
def test_the_ledger_refuses_an_entry_of_another_year(
    kind: type, year: object, refused: type[Exception]
) -> None:
    entry = kind(SchemeId.A, 2024, nok(5), "m")
    object.__setattr__(entry, "year", year)  # built in code past its own check
    with pytest.raises(refused, match="year"):
        Ledger.from_funds(Funds(**{_FIELD[kind]: (entry,)}))


_FIELD: dict[type, str] = {Commitment: "commitments", Payment: "payments"}


def test_funds_problems_amounts_zero_allowed_any_negative_refused() -> None:
    funds = Funds(
        payments=(
            Payment(SchemeId.A, 2024, nok(0)),
            Payment(SchemeId.A, 2024, nok(Decimal("0.5"))),
            Payment(SchemeId.A, 2024, nok(Decimal("-0.5"))),
            Payment(SchemeId.A, 2024, nok(Decimal("-0.01"))),
        )
    )
    assert _where(funds) == ["/funds/payments/2/amount", "/funds/payments/3/amount"]


def test_funds_problems_sum_limit_is_inclusive_and_named_once_per_scheme() -> None:
    half = nok(MAX_KRONER // 2)
    at_limit = Funds(payments=(Payment(SchemeId.A, 2024, half), Payment(SchemeId.A, 2024, half)))
    assert _where(at_limit) == []
    over = Funds(
        received=(Receipt(SchemeId.A, 2024, half),),
        payments=(
            Payment(SchemeId.A, 2024, half),
            Payment(SchemeId.A, 2024, nok(Decimal("0.01"))),
            Payment(SchemeId.A, 2024, nok(1)),
            Payment(SchemeId.B, 2024, nok(MAX_KRONER)),
            Payment(SchemeId.B, 2024, nok(1)),
        ),
    )
    assert _where(over) == ["/funds/payments/1/amount", "/funds/payments/4/amount"]


# --------------------------------------------------------------------------------------------
# ledger.py
# --------------------------------------------------------------------------------------------


def _line(scheme: SchemeId, closing: int) -> StatementLine:
    zero = nok(0)
    return StatementLine(scheme, 2024, nok(10), zero, zero, zero, nok(closing), zero, zero)


def test_a_statement_balances_only_when_every_line_does() -> None:
    # Lines off by +1 and -1 make a total that balances: the statement still does not.
    lines = (_line(SchemeId.A, 11), _line(SchemeId.B, 9), _line(SchemeId.C, 10))
    statement = Statement(2024, None, lines)
    assert statement.total.balances
    assert [line.balances for line in lines] == [False, False, True]
    assert not statement.balances
    fine = Statement(2024, None, (_line(SchemeId.A, 10),) * 3)
    assert fine.balances


def test_a_ledger_repr_hides_its_book() -> None:
    ledger = Ledger.from_funds(Funds(received=(Receipt(SchemeId.A, 2024, nok(1)),)))
    assert "_book" not in repr(ledger)


def test_strict_refusal_names_each_overdraft_once_in_year_order() -> None:
    funds = Funds(
        payments=(Payment(SchemeId.A, 2023, nok(100)), Payment(SchemeId.A, 2024, nok(50)))
    )
    found = Ledger.from_funds(funds).overdrafts()
    assert [(o.year, kroner(o.shortfall)) for o in found] == [
        (2023, Decimal(100)),
        (2024, Decimal(150)),
    ]
    with pytest.raises(Overdrawn) as info:
        Ledger.from_funds(funds, strict=True)
    text = info.value.message("en")
    first, second = found[0].message()("en"), found[1].message()("en")
    assert text.count(first) == 1
    assert text.count(second) == 1
    assert text.index(first) < text.index(second)


def test_an_overdraft_of_one_krone_is_of_the_balance() -> None:
    funds = Funds(
        received=(Receipt(SchemeId.A, 2024, nok(100)),),
        payments=(Payment(SchemeId.A, 2024, nok(101)),),
    )
    (found,) = Ledger.from_funds(funds).overdrafts()
    assert (found.kind, kroner(found.shortfall)) == ("balance", Decimal(1))


# --------------------------------------------------------------------------------------------
# ledger/book.py (issue 14: outstanding from one table per book)
# --------------------------------------------------------------------------------------------


def test_outstanding_adds_only_what_is_left_of_each_measure_to_the_last_digit() -> None:
    """A measure paid in full adds nothing to what is outstanding, not even its zero: the sum
    keeps the digits of the amounts still outstanding (300, not 300.0), as it always has, and
    a later payment never makes an earlier year's sum change."""
    funds = Funds(
        commitments=(
            Commitment(SchemeId.A, 2023, nok(Decimal("100.50")), "m1"),
            Commitment(SchemeId.A, 2024, nok(300), "m2"),
        ),
        payments=(
            Payment(SchemeId.A, 2024, nok(Decimal("100.50")), "m1"),
            Payment(SchemeId.A, 2025, nok(100), "m2"),
        ),
    )
    ledger = Ledger.from_funds(funds)
    shown = [str(ledger.outstanding(SchemeId.A, y).magnitude) for y in range(2022, 2027)]
    assert shown == ["0", "100.5", "300", "200", "200"]
