"""The ledger's sums: each entry of a document's funds posted to the tables it adds to.

A receipt, a repayment, a payment, an administration cost and a cancellation add to one table of
one scheme; a reallocation to two (the scheme it leaves and the one it enters). Per measure,
commitments add to and payments and cancellations take from the sum that says what is left
outstanding.
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping
from decimal import Decimal

import attrs

from post65.errors import InvalidAmount, InvalidParameter
from post65.funds import (
    ENTRY_WORDS,
    AdminCost,
    Cancellation,
    Commitment,
    Funds,
    Payment,
    Reallocation,
    Receipt,
    Repayment,
    SchemeId,
)
from post65.money import _whole_kroner, kroner, nok
from post65.settling import later_year
from post65.text import Message, msg

__all__ = ["Book", "Entry", "checked_year", "year_of"]


def year_of(receipt: Receipt) -> int:
    """The year a receipt enters the books: the year it was received, else its appropriation
    year."""
    return receipt.received.year if receipt.received is not None else receipt.appropriation_year


def _non_negative(amount: object, entry: Message) -> Decimal:
    value = kroner(amount)  # type: ignore[arg-type]  # kroner refuses anything not NOK
    if value < 0:
        raise InvalidAmount(msg("funds.amount.negative", entry=entry, amount=nok(value)))
    return value


def checked_year(value: object) -> int:
    if type(value) is not int or not 1900 <= value <= 9999:
        raise InvalidParameter(msg("ledger.year.invalid", value=repr(value)))
    return value


def _returned_to(repayment: Repayment, year: int) -> None:
    """Nothing when ``repayment`` (paid back in ``year``) returns to a year from 1900 to ``year``;
    else :class:`~post65.errors.InvalidParameter`, as a document with it is refused."""
    appropriation_year = checked_year(repayment.appropriation_year)
    if appropriation_year > year:
        raise InvalidParameter(later_year(repayment))


Entry = Receipt | Commitment | Payment | AdminCost | Cancellation | Repayment | Reallocation
_TABLES = {
    Receipt: "received",
    Commitment: "committed",
    Payment: "payments",
    AdminCost: "admin",
    Cancellation: "cancelled",
    Repayment: "repaid",
}
_Posting = tuple[str, SchemeId, int, Decimal]


def _postings(entry: Entry) -> tuple[_Posting, ...]:
    """The (table, scheme, year, amount) sums ``entry`` adds to: one, or (a reallocation) the
    scheme it leaves and the one it enters."""
    amount = _non_negative(entry.amount, ENTRY_WORDS[type(entry)])
    if isinstance(entry, Reallocation):
        if entry.from_scheme is entry.to_scheme or not entry.decision.strip():
            raise InvalidParameter(msg("ledger.reallocation.invalid"))
        year = checked_year(entry.year)
        return (
            ("moved_out", entry.from_scheme, year, amount),
            ("moved_in", entry.to_scheme, year, amount),
        )
    if isinstance(entry, Receipt):
        year = checked_year(year_of(entry))
    else:
        year = checked_year(entry.year)
        if isinstance(entry, Repayment):
            _returned_to(entry, year)
    return ((_TABLES[type(entry)], entry.scheme, year, amount),)


@attrs.frozen
class Book:
    """The ledger's sums, kept so that booking one entry costs little: per table and scheme the
    sum of each year, and per scheme and measure the commitments less the payments and
    cancellations of each year. Never changed after it is built: :meth:`add` returns a new book
    sharing what did not change."""

    totals: Mapping[tuple[str, SchemeId], Mapping[int, Decimal]]
    measures: Mapping[SchemeId, Mapping[str | None, Mapping[int, Decimal]]]
    _outstanding: dict[SchemeId, tuple[list[int], list[Decimal]]] = attrs.field(
        factory=dict, init=False, repr=False, eq=False
    )
    """Per scheme, what :meth:`outstanding` worked out for every year at once (the book never
    changes, so it is worked out on first use)."""

    @classmethod
    def of(cls, funds: Funds) -> Book:
        """The book of every entry of ``funds``, built in one pass (linear in the entries: the
        sums are filled in place here, where :meth:`add` copies what it changes)."""
        totals: dict[tuple[str, SchemeId], dict[int, Decimal]] = {}
        measures: dict[SchemeId, dict[str | None, dict[int, Decimal]]] = {}
        for field in _FIELDS:
            for entry in getattr(funds, field):
                _post(totals, measures, entry)
        return cls(totals, measures)

    def add(self, entry: Entry) -> Book:
        """A new book with ``entry`` added (copying only the parts it changes)."""
        totals = dict(self.totals)
        for table, scheme, year, amount in _postings(entry):
            years = dict(totals.get((table, scheme), {}))
            years[year] = years.get(year, Decimal(0)) + amount
            totals[(table, scheme)] = years
        measures = self.measures
        if isinstance(entry, (Commitment, Payment, Cancellation)):
            scheme_book = dict(measures.get(entry.scheme, {}))
            per_year = dict(scheme_book.get(entry.measure, {}))
            left = _left(entry, kroner(entry.amount))
            per_year[entry.year] = per_year.get(entry.year, Decimal(0)) + left
            scheme_book[entry.measure] = per_year
            measures = {**measures, entry.scheme: scheme_book}
        return Book(totals, measures)

    def outstanding(self, scheme: SchemeId, year: int) -> Decimal:
        """The commitments of ``scheme`` not yet paid or cancelled at the end of ``year``: per
        measure, its commitments less its payments and cancellations up to then, counted when
        more than nothing is left."""
        table = self._outstanding.get(scheme)
        if table is None:
            table = self._outstanding[scheme] = _outstanding_by_year(self.measures.get(scheme, {}))
        years, sums = table
        at = bisect.bisect_right(years, year)  # the sums change only in the years booked
        return sums[at - 1] if at else Decimal(0)


def _outstanding_by_year(
    measures: Mapping[str | None, Mapping[int, Decimal]],
) -> tuple[list[int], list[Decimal]]:
    """The years any measure has a booking in, in order, and beside each what is outstanding at
    its end (the sum over measures of what is left of each, where more than nothing): one walk
    of every measure's bookings, where asking year by year would walk them once per year.

    What a measure has paid or cancelled beyond its commitments at a year's end is not carried
    into later years: a payment settles the commitments made before it, never one made in a
    later year (a tilsagn comes before its utbetaling), and a cancellation frees nothing more
    than is outstanding. Carried, 500 000 kr paid in 2023 with no measure would have hidden
    500 000 kr of a commitment made in 2024, and A-4.12 found funds where there were none."""
    years = sorted({y for per_year in measures.values() for y in per_year})
    sums = [Decimal(0)] * len(years)
    for per_year in measures.values():
        left = Decimal(0)
        for i, y in enumerate(years):
            settled = per_year.get(y)
            if settled is not None:
                left += settled
                if left < _ZERO:  # paid or cancelled beyond its commitments by this year's end:
                    left = _ZERO  # the excess settles nothing committed later (settling.rest)
            if left > _ZERO:  # (against a Decimal zero: against 0, each test makes a Decimal of it)
                sums[i] += left
    return years, sums


def _left(entry: Commitment | Payment | Cancellation, amount: Decimal) -> Decimal:
    """What ``entry`` of ``amount`` kroner adds to its measure's outstanding sum: a commitment
    adds, a payment and a cancellation take away."""
    return amount if isinstance(entry, Commitment) else -amount


_ZERO = Decimal(0)
_SETTLES = frozenset({Commitment, Payment, Cancellation})
"""The entries that change a measure's outstanding sum."""


def _post(
    totals: dict[tuple[str, SchemeId], dict[int, Decimal]],
    measures: dict[SchemeId, dict[str | None, dict[int, Decimal]]],
    entry: Entry,
) -> None:
    """Add ``entry`` to the sums in place (what :meth:`Book.of` builds a new book with): an
    entry of one table as :func:`_postings` books it, checked in the same order, without the
    tuple of postings between (a portfolio's ledger books thousands); a reallocation by
    :func:`_postings` itself."""
    kind = type(entry)
    table = _TABLES.get(kind)
    if table is None:  # a reallocation: two tables
        _post_each(totals, entry)
        return
    # A positive whole number of kroner (most amounts) is taken as it is, without the two calls
    # of _non_negative (kroner gives it back unchanged, and it is not negative).
    amount = _whole_kroner(entry.amount)
    if amount is None:
        amount = _non_negative(entry.amount, ENTRY_WORDS[kind])
    if kind is Receipt:
        year = checked_year(year_of(entry))  # type: ignore[arg-type]  # kind is Receipt
    else:
        year = entry.year  # type: ignore[union-attr]  # every entry but a receipt
        if type(year) is not int or not 1900 <= year <= 9999:  # checked_year's test, inline
            checked_year(year)  # raises
        if kind is Repayment:
            _returned_to(entry, year)  # type: ignore[arg-type]  # kind is Repayment
    key = (table, entry.scheme)  # type: ignore[union-attr]  # one scheme: not a reallocation
    years = totals.get(key)
    if years is None:
        years = totals[key] = {}
    years[year] = years.get(year, _ZERO) + amount
    if kind in _SETTLES:  # a commitment, a payment or a cancellation
        settling: Commitment | Payment | Cancellation = entry  # type: ignore[assignment]
        per_year = measures.setdefault(settling.scheme, {}).setdefault(settling.measure, {})
        left = amount if kind is Commitment else -amount  # as _left()
        per_year[year] = per_year.get(year, _ZERO) + left


def _post_each(totals: dict[tuple[str, SchemeId], dict[int, Decimal]], entry: Entry) -> None:
    """:func:`_post` of an entry :data:`_TABLES` does not name (a reallocation: the scheme it
    leaves and the one it enters), through :func:`_postings`; no such entry settles a measure."""
    for table, scheme, year, amount in _postings(entry):
        years = totals.setdefault((table, scheme), {})
        years[year] = years.get(year, Decimal(0)) + amount


_FIELDS = (
    "received",
    "commitments",
    "payments",
    "admin_costs",
    "cancellations",
    "repayments",
    "reallocations",
)
