"""The money side a county's post 65 year shares across schemes a, b and c.

These are the value types a ``portfolio`` document records: the funds received per scheme and
appropriation year (bevilgningsår), commitments (tilsagn) and payments (utbetalinger), the
county's administration cost items, and the split of the year's funds between a, b and c with its
justification. Amounts are exact (``pint.Quantity[Decimal]`` in NOK).
"""

from __future__ import annotations

import datetime as dt
import enum
from decimal import Decimal

import attrs
import pint

from post65.money import Money, total

__all__ = [
    "AdminCategory",
    "AdminCost",
    "Commitment",
    "Funds",
    "Payment",
    "Receipt",
    "SchemeId",
    "Split",
]


class SchemeId(enum.StrEnum):
    """The three schemes of post 65."""

    A = "a"
    B = "b"
    C = "c"


class AdminCategory(enum.StrEnum):
    """What an administration cost item is for (§5 of scheme a: costs «som kan knyttes direkte
    til forvaltningen av midlene»). ``general_overhead`` is not directly linked."""

    CASE_HANDLING = "case_handling"
    FOLLOW_UP = "follow_up"
    REPORTING = "reporting"
    CALLS = "calls"
    CONTROL = "control"
    GENERAL_OVERHEAD = "general_overhead"


@attrs.frozen
class Receipt:
    """Funds received from KDD for one scheme, by the year they were appropriated."""

    scheme: SchemeId
    appropriation_year: int
    amount: pint.Quantity[Decimal]
    received: dt.date | None = None


@attrs.frozen
class Commitment:
    """A grant committed (tilsagn) in ``year`` from a scheme's funds, optionally for a measure."""

    scheme: SchemeId
    year: int
    amount: pint.Quantity[Decimal]
    measure: str | None = None
    description: str = ""


@attrs.frozen
class Payment:
    """Money paid out (utbetalt) in ``year`` from a scheme's funds, optionally for a measure."""

    scheme: SchemeId
    year: int
    amount: pint.Quantity[Decimal]
    measure: str | None = None
    description: str = ""


@attrs.frozen
class AdminCost:
    """One item of the county's own administration and implementation costs charged to a
    scheme's funds."""

    scheme: SchemeId
    year: int
    amount: pint.Quantity[Decimal]
    category: AdminCategory
    description: str


@attrs.frozen
class Split:
    """The county's split of the year's post 65 funds between schemes a, b and c, and why."""

    a: pint.Quantity[Decimal]
    b: pint.Quantity[Decimal]
    c: pint.Quantity[Decimal]
    justification: str

    @property
    def total(self) -> Money:
        """a + b + c."""
        return total((self.a, self.b, self.c))


@attrs.frozen
class Funds:
    """Everything that moved in and out of a county's post 65 funds, all years to date."""

    received: tuple[Receipt, ...] = ()
    commitments: tuple[Commitment, ...] = ()
    payments: tuple[Payment, ...] = ()
    admin_costs: tuple[AdminCost, ...] = ()

    def received_total(self, scheme: SchemeId, *, up_to_year: int | None = None) -> Money:
        """Funds received for ``scheme`` from every appropriation year (up to ``up_to_year``)."""
        return total(
            r.amount
            for r in self.received
            if r.scheme is scheme and (up_to_year is None or r.appropriation_year <= up_to_year)
        )
