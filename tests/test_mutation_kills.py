"""Tests written to kill the mutants that survived ``tests/mutation/mutate.py`` (issue 10, 13).

Each test asserts behaviour a mutant of the named module changed and the other tests did not
notice; ``docs/development.md`` ("Mutation testing") lists the runs and the mutants left.
"""

from __future__ import annotations

import enum
from decimal import Decimal

import pytest

from post65.errors import InvalidAmount
from post65.money import format_number, kroner, total, ureg

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
