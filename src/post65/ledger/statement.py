"""The year-end statement of a county's post 65 funds, and the overdrafts the books find.

A :class:`Statement` has one :class:`StatementLine` per scheme (and a total) that balances
exactly: opening + received + repaid + reallocated in − reallocated out − paid = closing, where
*paid* is payments **and** the county's administration costs (both are money spent from the
scheme's funds). The :class:`~post65.ledger.Ledger` builds them.
"""

from __future__ import annotations

from typing import Literal

import attrs

from post65._decimal import exact_methods
from post65.funds import SchemeId, _scheme
from post65.money import Money, kroner, nok, total
from post65.text import Message, msg

__all__ = ["Overdraft", "Statement", "StatementLine"]


@exact_methods
@attrs.frozen
class Overdraft:
    """A year end where a scheme has spent more than its funds (``kind="balance"``), or has
    committed more than it has left (``kind="commitments"``), and by how much."""

    scheme: SchemeId
    year: int
    kind: Literal["balance", "commitments"]
    shortfall: Money

    def message(self) -> Message:
        """The overdraft described (a catalogue message, rendered per language)."""
        if self.kind == "balance":
            return msg(
                "ledger.overdraft.balance",
                scheme=self.scheme,
                year=self.year,
                amount=self.shortfall,
            )
        return msg(
            "ledger.overdraft.committed", scheme=self.scheme, year=self.year, amount=self.shortfall
        )


def _zero() -> Money:
    return nok(0)


@exact_methods
@attrs.frozen
class StatementLine:
    """One scheme's year in the books (or every scheme's, when ``scheme`` is None).

    ``paid`` is payments plus administration costs: both are money spent from the funds.
    ``repaid`` is money paid back (tilbakebetaling) to the scheme in the year,
    ``reallocated_in`` and ``reallocated_out`` the money moved to and from it between schemes
    (omdisponering), ``cancelled`` the commitments that lapsed (bortfall) in the year.
    ``closing`` is computed from every entry up to the year end, not from the other figures, so
    :attr:`balances` is a real check.
    """

    scheme: SchemeId | None
    year: int
    opening: Money
    received: Money
    payments: Money
    admin_costs: Money
    closing: Money
    committed: Money
    outstanding: Money
    repaid: Money = attrs.field(factory=_zero)
    reallocated_in: Money = attrs.field(factory=_zero)
    reallocated_out: Money = attrs.field(factory=_zero)
    cancelled: Money = attrs.field(factory=_zero)

    @property
    def paid(self) -> Money:
        """Payments and administration costs of the year."""
        return total((self.payments, self.admin_costs))

    @property
    def available(self) -> Money:
        """The closing balance less the commitments not yet paid: the free funds."""
        return nok(kroner(self.closing) - kroner(self.outstanding))

    @property
    def balances(self) -> bool:
        """True when opening + received + repaid + reallocated in − reallocated out − paid =
        closing, exactly."""
        moved = kroner(self.reallocated_in) - kroner(self.reallocated_out)
        into = kroner(self.opening) + kroner(self.received) + kroner(self.repaid) + moved
        return into - kroner(self.paid) == kroner(self.closing)


_FIGURES = (
    "opening",
    "received",
    "payments",
    "admin_costs",
    "closing",
    "committed",
    "outstanding",
    "repaid",
    "reallocated_in",
    "reallocated_out",
    "cancelled",
)


@exact_methods
@attrs.frozen
class Statement:
    """The year-end statement of a county's post 65 funds: one line per scheme and a total."""

    year: int
    county: str | None
    lines: tuple[StatementLine, ...]

    def line(self, scheme: SchemeId) -> StatementLine:
        """The line of ``scheme``."""
        scheme = _scheme(scheme)
        for line in self.lines:
            if line.scheme is scheme:
                return line
        raise KeyError(scheme)  # pragma: no cover - every statement has a line per scheme

    @property
    def total(self) -> StatementLine:
        """Every scheme together (reallocations between schemes appear both in and out)."""
        sums = {name: total(getattr(line, name) for line in self.lines) for name in _FIGURES}
        return StatementLine(None, self.year, **sums)

    @property
    def balances(self) -> bool:
        """True when every line (and the total) balances."""
        return all(line.balances for line in self.lines) and self.total.balances
