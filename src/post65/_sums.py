"""Sums of a document's amounts kept within :data:`~post65.money.MAX_KRONER`, located.

Every amount a document states is at most 10^18 kr, but the sums post65 forms of several of them
(a split's total, the funds of all schemes, the measures of a scheme, the aid of an undertaking)
could pass that bound, and then the check, the report or its rendering would fail with no
location. A document's validator adds the amounts it already visits to a :class:`Sums` (by the
name of the sum, with the JSON Pointer of each amount), and :meth:`Sums.problems` names, once per
sum, the amount with which the sum passes the bound (and the whole sum). Absolute values are
added, so a sum of amounts of either sign (and every part of it) stays within the bound, except
for balances, which are added as they are (``signed``).

>>> from decimal import Decimal
>>> sums = Sums()
>>> sums.add("split", Decimal(10**18), "/split/a")
>>> sums.add("split", Decimal(1), "/split/b")
>>> [p.where for p in sums.problems()]
['/split/b']
"""

from __future__ import annotations

import decimal
from collections.abc import Mapping, Sequence
from decimal import Decimal, localcontext
from typing import Final

from post65._amounts import MAX_KRONER
from post65.errors import Problem
from post65.text import Message, msg

__all__ = ["KEYS", "WHAT", "Sums"]

_MAX: Final = Decimal(MAX_KRONER)
_ZERO: Final = Decimal(0)
_EXACT: Final = decimal.Context(prec=200)  # exact for any sum of amounts a document states

KEYS: Final = (
    "sums.too_large",
    "sums.what.split",
    "sums.what.funds",
    "sums.what.measures",
    "sums.what.aid",
    "sums.what.applied",
    "sums.what.scheme_funds",
    "sums.what.spent",
    "sums.what.by_use",
    "sums.what.by_municipality",
    "sums.what.carried",
    "sums.what.national",
)
"""The catalogue keys of this module's messages."""


WHAT: Final[Mapping[str, Message]] = {
    "split": msg("sums.what.split"),
    "measures": msg("sums.what.measures", scheme="a"),
    "b_measures": msg("sums.what.measures", scheme="b"),
    "c_measures": msg("sums.what.measures", scheme="c"),
    "aid": msg("sums.what.aid"),
    "applied": msg("sums.what.applied"),
    "spent": msg("sums.what.spent"),
    "by_use": msg("sums.what.by_use"),
    "by_municipality": msg("sums.what.by_municipality"),
    "from_earlier": msg("sums.what.carried"),
    "to_next": msg("sums.what.carried"),
}
"""What the sums of these names add up (the names the validators use; a sum of another name
is named by the caller: :meth:`Sums.problems`)."""


class Sums:
    """Running sums of amounts, by name, each noting the amount that takes it past
    :data:`~post65.money.MAX_KRONER` (its JSON Pointer).

    A sum adds absolute values, unless its amounts are added ``signed`` (balances, which may be
    negative and add up as they are): then only the whole sum is bounded, and the amount named is
    the one after which it stays past the bound."""

    __slots__ = ("_past", "_sums")

    def __init__(self) -> None:
        self._sums: dict[str, Decimal] = {}
        self._past: dict[str, str] = {}

    def add(self, name: str, amount: Decimal, where: str, *, signed: bool = False) -> None:
        """Add ``amount`` (``signed``, else its absolute value) to the sum ``name``; ``where``
        locates ``amount``."""
        before = self._sums.get(name, _ZERO)
        running = _EXACT.add(before, amount if signed else amount.copy_abs())
        self._sums[name] = running
        if running.copy_abs() > _MAX and before.copy_abs() <= _MAX:
            self._past[name] = where

    def add_all(self, name: str, amounts: Sequence[Decimal], where: str) -> Sums:
        """Add the absolute values of ``amounts`` to the sum ``name`` (the cheap way: one sum, and
        the amounts one by one only when it passes the bound); ``where.format(i)`` locates the
        ``i``-th amount. Returns the sums."""
        before = self._sums.get(name, _ZERO)
        with localcontext(_EXACT):
            running = sum(map(abs, amounts), before)
        if running <= _MAX:
            self._sums[name] = running
        else:
            for i, amount in enumerate(amounts):
                self.add(name, amount, where.format(i))
        return self

    def past(self, name: str) -> str | None:
        """The pointer of the amount that took the sum ``name`` past the bound, if it is past."""
        if self._sums.get(name, _ZERO).copy_abs() > _MAX:
            return self._past[name]
        return None

    def problems(self, what: Mapping[str, Message] = WHAT) -> list[Problem]:
        """One problem for each sum past the bound, at the amount that took it past, in the
        order the sums were begun; one problem per pointer. ``what`` says, by name, what each
        sum adds up (:data:`WHAT`, unless the caller names sums of its own)."""
        found: list[Problem] = []
        seen: set[str] = set()
        for name, running in self._sums.items():
            where = self.past(name)
            if where is None or where in seen:
                continue
            seen.add(where)
            text = msg("sums.too_large", what=what[name], total=running, most=_MAX)
            found.append(Problem(where, text))
        return found
