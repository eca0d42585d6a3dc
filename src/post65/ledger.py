"""The books of a county's post 65 funds over the years.

The :class:`Ledger` keeps the books: funds carried over without lapse («Midlene i ordningen kan
disponeres uavhengig av hvilket år bevilgningen er gitt», §4 of scheme a), and a year-end
:class:`Statement` per scheme that balances exactly: opening + received − paid = closing, where
*paid* is payments **and** the county's administration costs (both are money spent from the
scheme's funds).

>>> from post65.funds import AdminCategory, AdminCost, Funds, Payment, Receipt, SchemeId
>>> from post65.money import nok
>>> case_handling = AdminCost(
...     SchemeId.A, 2024, nok(40_000), AdminCategory.CASE_HANDLING, "saksbehandling"
... )
>>> funds = Funds(
...     received=(Receipt(SchemeId.A, 2024, nok(1_000_000)),),
...     payments=(Payment(SchemeId.A, 2024, nok(600_000)),),
...     admin_costs=(case_handling,),
... )
>>> ledger = Ledger.from_funds(funds, county="18")
>>> ledger.balance(SchemeId.A, 2024), ledger.available(SchemeId.A, 2025)
(<Quantity(360000, 'NOK')>, <Quantity(360000, 'NOK')>)
>>> line = ledger.statement(2025).line(SchemeId.A)
>>> line.opening, line.received, line.paid, line.closing, line.balances
(<Quantity(360000, 'NOK')>, <Quantity(0, 'NOK')>, <Quantity(0, 'NOK')>,
 <Quantity(360000, 'NOK')>, True)
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from decimal import Decimal
from typing import Literal

import attrs

from post65._decimal import exact_methods
from post65.errors import InvalidAmount, InvalidParameter, Post65Error
from post65.funds import (
    ENTRY_WORDS,
    AdminCost,
    Commitment,
    Funds,
    Payment,
    Receipt,
    SchemeId,
    Split,
    _scheme,
    _year_arg,
    _year_opt,
)
from post65.money import Money, kroner, nok, total
from post65.text import Message, msg

__all__ = ["Ledger", "Overdraft", "Overdrawn", "Statement", "StatementLine"]

# --------------------------------------------------------------------------------------------
# The ledger


class Overdrawn(Post65Error, ValueError):
    """An operation a strict :class:`Ledger` refuses: it would spend or commit more than the
    funds received from all appropriation years together."""


@exact_methods
@attrs.frozen
class Overdraft:
    """A year end where a scheme has spent more than it received (``kind="balance"``), or has
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


@exact_methods
@attrs.frozen
class StatementLine:
    """One scheme's year in the books (or every scheme's, when ``scheme`` is None).

    ``paid`` is payments plus administration costs: both are money spent from the funds.
    ``closing`` is computed from every receipt and every spending up to the year end, not from
    the other figures, so :attr:`balances` is a real check.
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

    @property
    def paid(self) -> Money:
        """Payments and administration costs of the year."""
        return total((self.payments, self.admin_costs))

    @property
    def available(self) -> Money:
        """The closing balance less the commitments not yet paid."""
        return nok(kroner(self.closing) - kroner(self.outstanding))

    @property
    def balances(self) -> bool:
        """True when opening + received − paid = closing, exactly."""
        return kroner(self.opening) + kroner(self.received) - kroner(self.paid) == kroner(
            self.closing
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
        """Every scheme together."""

        def add(name: str) -> Money:
            return total(getattr(line, name) for line in self.lines)

        return StatementLine(
            None,
            self.year,
            add("opening"),
            add("received"),
            add("payments"),
            add("admin_costs"),
            add("closing"),
            add("committed"),
            add("outstanding"),
        )

    @property
    def balances(self) -> bool:
        """True when every line (and the total) balances."""
        return all(line.balances for line in self.lines) and self.total.balances


def _year_of(receipt: Receipt) -> int:
    """The year a receipt enters the books: the year it was received, else its appropriation
    year."""
    return receipt.received.year if receipt.received is not None else receipt.appropriation_year


def _non_negative(amount: object, entry: Message) -> Decimal:
    value = kroner(amount)  # type: ignore[arg-type]  # kroner refuses anything not NOK
    if value < 0:
        raise InvalidAmount(msg("funds.amount.negative", entry=entry, amount=nok(value)))
    return value


def _year(value: object) -> int:
    if type(value) is not int or not 1900 <= value <= 9999:
        raise InvalidParameter(msg("ledger.year.invalid", value=repr(value)))
    return value


_Entry = Receipt | Commitment | Payment | AdminCost
_TABLES = {Receipt: "received", Commitment: "committed", Payment: "payments", AdminCost: "admin"}


@attrs.frozen
class _Book:
    """The ledger's sums, kept so that booking one entry costs little: per table and scheme the
    sum of each year, and per scheme and measure the commitments and payments of each year.
    Never changed after it is built: :meth:`add` returns a new book sharing what did not
    change."""

    totals: Mapping[tuple[str, SchemeId], Mapping[int, Decimal]]
    measures: Mapping[SchemeId, Mapping[str | None, Mapping[int, tuple[Decimal, Decimal]]]]

    @classmethod
    def of(cls, funds: Funds) -> _Book:
        entries: tuple[_Entry, ...] = (
            *funds.received,
            *funds.commitments,
            *funds.payments,
            *funds.admin_costs,
        )
        totals: dict[tuple[str, SchemeId], dict[int, Decimal]] = {}
        measures: dict[SchemeId, dict[str | None, dict[int, tuple[Decimal, Decimal]]]] = {}
        for entry in entries:
            table, year, amount = cls._parts(entry)
            years = totals.setdefault((table, entry.scheme), {})
            years[year] = years.get(year, Decimal(0)) + amount
            if isinstance(entry, (Commitment, Payment)):
                per_year = measures.setdefault(entry.scheme, {}).setdefault(entry.measure, {})
                c, p = per_year.get(year, (Decimal(0), Decimal(0)))
                per_year[year] = (
                    (c + amount, p) if isinstance(entry, Commitment) else (c, p + amount)
                )
        return cls(totals, measures)

    @staticmethod
    def _parts(entry: _Entry) -> tuple[str, int, Decimal]:
        year = _year(_year_of(entry) if isinstance(entry, Receipt) else entry.year)
        return _TABLES[type(entry)], year, _non_negative(entry.amount, ENTRY_WORDS[type(entry)])

    def add(self, entry: _Entry) -> _Book:
        """A new book with ``entry`` added (copying only the parts it changes)."""
        table, year, amount = self._parts(entry)
        key = (table, entry.scheme)
        years = dict(self.totals.get(key, {}))
        years[year] = years.get(year, Decimal(0)) + amount
        totals = {**self.totals, key: years}
        measures = self.measures
        if isinstance(entry, (Commitment, Payment)):
            scheme_book = dict(measures.get(entry.scheme, {}))
            per_year = dict(scheme_book.get(entry.measure, {}))
            c, p = per_year.get(year, (Decimal(0), Decimal(0)))
            per_year[year] = (c + amount, p) if isinstance(entry, Commitment) else (c, p + amount)
            scheme_book[entry.measure] = per_year
            measures = {**measures, entry.scheme: scheme_book}
        return _Book(totals, measures)


@exact_methods
@attrs.frozen
class Ledger:
    """A county's post 65 books over the years: funds received per scheme and appropriation year,
    commitments, payments and administration costs, carried over without lapse.

    A ledger is immutable: :meth:`receive`, :meth:`commit`, :meth:`pay` and :meth:`charge` return
    a new ledger. A ``strict`` ledger refuses (:class:`Overdrawn`) an operation that would leave a
    scheme, at some year end, with more spent than received or more committed than left; a
    lenient one records it and reports it in :meth:`overdrafts`.

    Years are whole budget years: what is received and spent in the same year offsets, whatever
    the order within the year. A payment settles the commitments of the same measure (payments
    and commitments with no measure settle each other); commitments not yet paid are
    ``outstanding``, and ``available`` is the balance less them.

    For the scheme rules: ``available(scheme, year)`` and ``overdrafts()`` (A-4.12: spending never
    exceeds the funds of all appropriation years together), ``admin(scheme, up_to=year)`` and
    ``received(scheme, up_to=year)`` (A-5.1: administration costs against funds received,
    cumulatively), ``statement(year)`` (the year-end statement).
    """

    funds: Funds = Funds()  # noqa: RUF009 - a frozen value, shared safely
    county: str | None = None
    strict: bool = False
    _book: _Book | None = attrs.field(default=None, repr=False, eq=False, alias="_book")

    def __attrs_post_init__(self) -> None:
        if self.county is not None:
            from post65.geography import register

            register(2024).county(self.county)  # an unknown county raises UnknownCounty
        if self._book is None:
            object.__setattr__(self, "_book", _Book.of(self.funds))

    @property
    def _sums(self) -> _Book:
        assert self._book is not None  # noqa: S101 - set in __attrs_post_init__
        return self._book

    @classmethod
    def from_funds(cls, funds: Funds, *, county: str | None = None, strict: bool = False) -> Ledger:
        """The ledger of ``funds`` for county ``county`` (a fylkesnummer, optional). A strict
        ledger raises :class:`Overdrawn` if ``funds`` already overdraw."""
        ledger = cls(funds, county, strict)
        if strict:
            ledger._refuse_overdrafts(ledger.overdrafts())
        return ledger

    # ---- operations

    @staticmethod
    def _refuse_overdrafts(found: tuple[Overdraft, ...]) -> None:
        if found:
            text = found[0].message()
            for more in found[1:]:
                text = msg("ledger.overdrafts", first=text, then=more.message())
            raise Overdrawn(text)

    def _book_entry(self, entry: _Entry, funds: Funds) -> Ledger:
        new = Ledger(funds, self.county, self.strict, _book=self._sums.add(entry))
        if self.strict:  # the ledger had no overdraft: only the entry's scheme can have one now
            new._refuse_overdrafts(new.overdrafts(entry.scheme))
        return new

    def receive(self, receipt: Receipt) -> Ledger:
        """A copy with ``receipt`` booked."""
        funds = attrs.evolve(self.funds, received=(*self.funds.received, receipt))
        return self._book_entry(receipt, funds)

    def commit(self, commitment: Commitment) -> Ledger:
        """A copy with ``commitment`` booked (strict: refused if it commits more than is left)."""
        funds = attrs.evolve(self.funds, commitments=(*self.funds.commitments, commitment))
        return self._book_entry(commitment, funds)

    def pay(self, payment: Payment) -> Ledger:
        """A copy with ``payment`` booked (strict: refused if it spends more than received)."""
        funds = attrs.evolve(self.funds, payments=(*self.funds.payments, payment))
        return self._book_entry(payment, funds)

    def charge(self, cost: AdminCost) -> Ledger:
        """A copy with the administration cost ``cost`` booked (money spent, like a payment)."""
        funds = attrs.evolve(self.funds, admin_costs=(*self.funds.admin_costs, cost))
        return self._book_entry(cost, funds)

    # ---- figures

    def _sum(self, table: str, scheme: SchemeId, year: int | None, up_to: int | None) -> Decimal:
        if year is not None and up_to is not None:
            raise InvalidParameter(msg("ledger.year_or_up_to"))
        scheme, year, up_to = _scheme(scheme), _year_opt(year, "year"), _year_opt(up_to, "up_to")
        years = self._sums.totals.get((table, scheme), {})
        if year is not None:
            return years.get(year, Decimal(0))
        return sum((v for y, v in years.items() if up_to is None or y <= up_to), Decimal(0))

    def years(self, scheme: SchemeId | None = None) -> tuple[int, ...]:
        """Every year with a booking (for ``scheme``, or any), ascending."""
        scheme = None if scheme is None else _scheme(scheme)
        return tuple(
            sorted(
                {
                    y
                    for (_, s), years in self._sums.totals.items()
                    if scheme in (None, s)
                    for y in years
                }
            )
        )

    def received(
        self, scheme: SchemeId, year: int | None = None, *, up_to: int | None = None
    ) -> Money:
        """Funds booked as received for ``scheme`` in ``year``, up to and including ``up_to``,
        or (neither given) ever."""
        return nok(self._sum("received", scheme, year, up_to))

    def received_by_appropriation_year(
        self, scheme: SchemeId, *, up_to: int | None = None
    ) -> dict[int, Money]:
        """Funds received for ``scheme`` by appropriation year (booked up to ``up_to``)."""
        scheme, up_to = _scheme(scheme), _year_opt(up_to, "up_to")
        out: defaultdict[int, Decimal] = defaultdict(Decimal)
        for r in self.funds.received:
            if r.scheme is scheme and (up_to is None or _year_of(r) <= up_to):
                out[r.appropriation_year] += kroner(r.amount)
        return {y: nok(out[y]) for y in sorted(out)}

    def payments(
        self, scheme: SchemeId, year: int | None = None, *, up_to: int | None = None
    ) -> Money:
        """Payments from ``scheme``'s funds (in ``year``, up to ``up_to``, or ever)."""
        return nok(self._sum("payments", scheme, year, up_to))

    def admin(
        self, scheme: SchemeId, year: int | None = None, *, up_to: int | None = None
    ) -> Money:
        """Administration costs charged to ``scheme`` (in ``year``, up to ``up_to``, or ever)."""
        return nok(self._sum("admin", scheme, year, up_to))

    def spent(
        self, scheme: SchemeId, year: int | None = None, *, up_to: int | None = None
    ) -> Money:
        """Money spent from ``scheme``'s funds: payments and administration costs (in ``year``,
        up to ``up_to``, or ever)."""
        return nok(
            self._sum("payments", scheme, year, up_to) + self._sum("admin", scheme, year, up_to)
        )

    def committed(
        self, scheme: SchemeId, year: int | None = None, *, up_to: int | None = None
    ) -> Money:
        """Commitments (tilsagn) made from ``scheme``'s funds (in ``year``, up to ``up_to``, or
        ever)."""
        return nok(self._sum("committed", scheme, year, up_to))

    def balance(self, scheme: SchemeId, year: int) -> Money:
        """The funds left at the end of ``year``: everything received up to then, less everything
        spent up to then (carried over without lapse)."""
        year = _year_arg(year)
        return nok(
            self._sum("received", scheme, None, year)
            - self._sum("payments", scheme, None, year)
            - self._sum("admin", scheme, None, year)
        )

    def outstanding(self, scheme: SchemeId, year: int) -> Money:
        """Commitments not yet paid at the end of ``year``, measure by measure."""
        scheme, year = _scheme(scheme), _year_arg(year)
        out = Decimal(0)
        for per_year in self._sums.measures.get(scheme, {}).values():
            left = Decimal(0)
            for y, (c, p) in per_year.items():
                if y <= year:
                    left += c - p
            if left > 0:
                out += left
        return nok(out)

    def available(self, scheme: SchemeId, year: int) -> Money:
        """What ``scheme`` can still commit or spend at the end of ``year``: the balance less the
        commitments not yet paid."""
        year = _year_arg(year)
        return nok(kroner(self.balance(scheme, year)) - kroner(self.outstanding(scheme, year)))

    def frame(self, year: int) -> Money:
        """The post 65 funds booked as received in ``year``, every scheme together."""
        year = _year_arg(year)
        return total(self.received(s, year) for s in SchemeId)

    def split(self, year: int, justification: str) -> Split:
        """The :class:`Split` of ``year``'s received funds between a, b and c."""
        year = _year_arg(year)
        return Split(
            self.received(SchemeId.A, year),
            self.received(SchemeId.B, year),
            self.received(SchemeId.C, year),
            justification,
        )

    def statement(self, year: int) -> Statement:
        """The year-end statement of ``year``: per scheme, opening balance, received, payments,
        administration costs, closing balance, commitments made and outstanding."""
        _year(year)
        lines = tuple(
            StatementLine(
                scheme=s,
                year=year,
                opening=self.balance(s, year - 1),
                received=self.received(s, year),
                payments=self.payments(s, year),
                admin_costs=self.admin(s, year),
                closing=self.balance(s, year),
                committed=self.committed(s, year),
                outstanding=self.outstanding(s, year),
            )
            for s in SchemeId
        )
        return Statement(year=year, county=self.county, lines=lines)

    def overdrafts(self, scheme: SchemeId | None = None) -> tuple[Overdraft, ...]:
        """Every year end (from the first booking to the last) where a scheme has spent more than
        it received, or committed more than it has left."""
        found: list[Overdraft] = []
        for s in SchemeId if scheme is None else (_scheme(scheme),):
            years = self.years(s)
            if not years:
                continue
            for y in range(years[0], years[-1] + 1):
                balance = kroner(self.balance(s, y))
                if balance < 0:
                    found.append(Overdraft(s, y, "balance", nok(-balance)))
                    continue
                available = balance - kroner(self.outstanding(s, y))
                if available < 0:
                    found.append(Overdraft(s, y, "commitments", nok(-available)))
        return tuple(found)

    def statements(self) -> tuple[Statement, ...]:
        """The statement of every year from the first booking to the last."""
        years = self.years()
        if not years:
            return ()
        return tuple(self.statement(y) for y in range(years[0], years[-1] + 1))
