"""The books of a county's post 65 funds over the years.

The :class:`Ledger` keeps the books: funds that count in later years too («Midlene i ordningen
kan disponeres uavhengig av hvilket år bevilgningen er gitt», §4 of scheme a), commitments
(tilsagn), payments, the county's administration costs, commitments that lapse (bortfall),
repayments (tilbakebetaling) and reallocations between schemes (omdisponering); and a year-end
:class:`Statement` per scheme (:mod:`post65.ledger.statement`) that balances exactly: opening +
received + repaid + reallocated in − reallocated out − paid = closing, where *paid* is payments
**and** administration costs (both are money spent from the scheme's funds).

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

A tilsagn of 300 000 whose last 100 000 lapse, 20 000 paid back, 50 000 moved to scheme b:

>>> from post65.funds import Cancellation, Commitment, Reallocation, Repayment
>>> ledger = (
...     ledger.commit(Commitment(SchemeId.A, 2025, nok(300_000), "m1"))
...     .pay(Payment(SchemeId.A, 2025, nok(200_000), "m1"))
...     .cancel(Cancellation(SchemeId.A, 2025, nok(100_000), "m1"))
...     .repay(Repayment(SchemeId.A, 2025, 2024, nok(20_000), "m1"))
...     .reallocate(Reallocation(SchemeId.A, SchemeId.B, 2025, nok(50_000), "sak 25/123"))
... )
>>> line = ledger.statement(2025).line(SchemeId.A)
>>> line.outstanding, line.cancelled, line.repaid, line.reallocated_out, line.closing
(<Quantity(0, 'NOK')>, <Quantity(100000, 'NOK')>, <Quantity(20000, 'NOK')>,
 <Quantity(50000, 'NOK')>, <Quantity(130000, 'NOK')>)
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from decimal import Decimal

import attrs

from post65._arguments import checked, refused_by, wrong_field
from post65._decimal import exact_methods
from post65.errors import InvalidAmount, InvalidParameter, Post65Error
from post65.funds import (
    _FIELDS,
    ENTRY_TYPES,
    AdminCost,
    Cancellation,
    Commitment,
    Funds,
    Payment,
    Reallocation,
    Receipt,
    Repayment,
    SchemeId,
    Split,
    _scheme,
    _year_arg,
    _year_opt,
    entry_schemes,
    wrong_entry,
)
from post65.ledger.book import Book, Entry, checked_year, year_of
from post65.ledger.statement import Overdraft, Statement, StatementLine
from post65.money import Money, kroner, nok, total
from post65.settling import cancelled_too_much, paid_past_a_bortfall
from post65.text import Message, msg

__all__ = ["Ledger", "Overdraft", "Overdrawn", "Statement", "StatementLine"]

_CLASSES: dict[str, type] = dict(_FIELDS)
"""The class of the entries of each field of the funds, as an operation books them."""

# --------------------------------------------------------------------------------------------
# The ledger


class Overdrawn(Post65Error, ValueError):
    """An operation a strict :class:`Ledger` refuses: it would spend or commit more than the
    funds of all appropriation years together."""


_Settles = Callable[
    [Sequence[Commitment], Sequence[Payment], Sequence[Cancellation], Payment | Cancellation],
    Message | None,
]
"""A check of :mod:`post65.settling`: why an entry would make its measure's entries refused."""


@exact_methods
@attrs.frozen
class Ledger:
    """A county's post 65 books over the years: funds received per scheme and appropriation year,
    commitments (tilsagn), payments, administration costs, commitments that lapse (bortfall),
    repayments (tilbakebetaling) and reallocations between schemes (omdisponering).

    A ledger is immutable: :meth:`receive`, :meth:`commit`, :meth:`pay`, :meth:`charge`,
    :meth:`cancel`, :meth:`repay` and :meth:`reallocate` return a new ledger. A ``strict`` ledger
    refuses (:class:`Overdrawn`) an operation that would leave a scheme, at some year end, with
    more spent than its funds or more committed than left; a lenient one records it and reports
    it in :meth:`overdrafts`.

    Years are whole budget years: what comes in and goes out in the same year offsets, whatever
    the order within the year. A payment or a cancellation settles the commitments of the same
    measure (those with no measure settle each other), up to what the measure has committed by
    the end of the year: what is paid or cancelled beyond that settles nothing committed in a
    later year. Commitments neither paid nor cancelled are ``outstanding``, and ``available``
    (the free funds) is the balance less them. Money is conserved: received + repaid +
    reallocated in − reallocated out = spent + outstanding + available, per scheme at every
    year end.

    For the scheme rules: ``available(scheme, year)`` and ``overdrafts()`` (A-4.12: spending
    and outstanding commitments never exceed the funds of all appropriation years together),
    ``admin(scheme, ...)`` and ``funds_of(scheme, ...)`` (A-5.1: administration costs against
    the scheme's grant funds, cumulatively or per year), ``statement(year)`` (the year-end
    statement).
    """

    funds: Funds = Funds()  # noqa: RUF009 - a frozen value, shared safely
    county: str | None = None
    strict: bool = False
    _book: Book | None = attrs.field(default=None, repr=False, eq=False, alias="_book")

    def __attrs_post_init__(self) -> None:
        checked("funds", self.funds, Funds)
        checked("county", self.county, str, None)
        checked("strict", self.strict, bool)
        if self.county is not None:
            from post65.geography import register

            register(2024).county(self.county)  # an unknown county raises UnknownCounty
        if self._book is None:
            with refused_by(lambda: wrong_entry(self.funds)):  # built in code: holds anything
                object.__setattr__(self, "_book", Book.of(self.funds))

    @property
    def _sums(self) -> Book:
        assert self._book is not None  # noqa: S101 - set in __attrs_post_init__
        return self._book

    @classmethod
    def from_funds(cls, funds: Funds, *, county: str | None = None, strict: bool = False) -> Ledger:
        """The ledger of ``funds`` for county ``county`` (a fylkesnummer, optional). A strict
        ledger raises :class:`Overdrawn` if ``funds`` already overdraw. An argument of the wrong
        type, or an entry of ``funds`` of the wrong type (built in code), raises
        :class:`~post65.errors.InvalidArgument` naming it."""
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

    def _book_entry(self, name: str, entry: Entry, field: str) -> Ledger:
        """A copy with ``entry`` (the argument ``name``) booked and added to ``field`` of the
        funds; an entry of the wrong type is refused, naming it."""
        cls = _CLASSES[field]
        checked(name, entry, cls)
        with refused_by(lambda: wrong_field(entry, name, ENTRY_TYPES)):
            book = self._sums.add(entry)
        entries = (*getattr(self.funds, field), entry)
        new = Ledger(
            attrs.evolve(self.funds, **{field: entries}), self.county, self.strict, _book=book
        )
        if self.strict:  # the ledger had no overdraft: only the entry's schemes can have one now
            new._refuse_overdrafts(
                tuple(o for s in entry_schemes(entry) for o in new.overdrafts(s))
            )
        return new

    def _book_settling(
        self, name: str, entry: Payment | Cancellation, field: str, refused: _Settles
    ) -> Ledger:
        """:meth:`_book_entry` of a payment or a bortfall, refused (InvalidAmount) when
        ``refused`` (of :mod:`post65.settling`) says why the measure's entries would be."""
        new = self._book_entry(name, entry, field)
        f = self.funds
        why = refused(f.commitments, f.payments, f.cancellations, entry)
        if why is not None:
            raise InvalidAmount(why)
        return new

    def receive(self, receipt: Receipt) -> Ledger:
        """A copy with ``receipt`` booked."""
        return self._book_entry("receipt", receipt, "received")

    def commit(self, commitment: Commitment) -> Ledger:
        """A copy with ``commitment`` booked (strict: refused if it commits more than is left)."""
        return self._book_entry("commitment", commitment, "commitments")

    def pay(self, payment: Payment) -> Ledger:
        """A copy with ``payment`` booked (strict: refused if it spends more than received). A
        payment that leaves a bortfall of its measure cancelling more than is outstanding (a
        tilsagn paid after it lapsed) is refused (:class:`~post65.errors.InvalidAmount`), as a
        document with both is refused when read."""
        return self._book_settling("payment", payment, "payments", paid_past_a_bortfall)

    def charge(self, cost: AdminCost) -> Ledger:
        """A copy with the administration cost ``cost`` booked (money spent, like a payment)."""
        return self._book_entry("cost", cost, "admin_costs")

    def cancel(self, cancellation: Cancellation) -> Ledger:
        """A copy with the bortfall ``cancellation`` booked: the commitment (or its rest) of the
        measure lapses and the money is free again. A cancellation of more than the measure has
        outstanding at the end of its year is refused (:class:`~post65.errors.InvalidAmount`),
        as a document with it is refused when read (:mod:`post65.settling`)."""
        return self._book_settling(
            "cancellation", cancellation, "cancellations", cancelled_too_much
        )

    def repay(self, repayment: Repayment) -> Ledger:
        """A copy with the tilbakebetaling ``repayment`` booked: money in to its scheme. A
        repayment to an appropriation year after the year it is paid back in is refused
        (:class:`~post65.errors.InvalidParameter`), as a document with it is refused."""
        return self._book_entry("repayment", repayment, "repayments")

    def reallocate(self, reallocation: Reallocation) -> Ledger:
        """A copy with the omdisponering ``reallocation`` booked: money out of one scheme and into
        another (strict: refused if it leaves the scheme it comes from overdrawn)."""
        return self._book_entry("reallocation", reallocation, "reallocations")

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
            if r.scheme is scheme and (up_to is None or year_of(r) <= up_to):
                out[r.appropriation_year] += kroner(r.amount)
        return {y: nok(out[y]) for y in sorted(out)}

    def repaid_by_appropriation_year(
        self, scheme: SchemeId, *, up_to: int | None = None
    ) -> dict[int, Money]:
        """Money paid back to ``scheme`` by the appropriation year it returns to (booked up to
        ``up_to``)."""
        scheme, up_to = _scheme(scheme), _year_opt(up_to, "up_to")
        out: defaultdict[int, Decimal] = defaultdict(Decimal)
        for r in self.funds.repayments:
            if r.scheme is scheme and (up_to is None or r.year <= up_to):
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

    def repaid(
        self, scheme: SchemeId, year: int | None = None, *, up_to: int | None = None
    ) -> Money:
        """Money paid back (tilbakebetaling) to ``scheme`` (in ``year``, up to ``up_to``, or
        ever)."""
        return nok(self._sum("repaid", scheme, year, up_to))

    def reallocated_in(
        self, scheme: SchemeId, year: int | None = None, *, up_to: int | None = None
    ) -> Money:
        """Money moved to ``scheme`` from the other schemes (omdisponering)."""
        return nok(self._sum("moved_in", scheme, year, up_to))

    def reallocated_out(
        self, scheme: SchemeId, year: int | None = None, *, up_to: int | None = None
    ) -> Money:
        """Money moved from ``scheme`` to the other schemes (omdisponering)."""
        return nok(self._sum("moved_out", scheme, year, up_to))

    def cancelled(
        self, scheme: SchemeId, year: int | None = None, *, up_to: int | None = None
    ) -> Money:
        """Commitments of ``scheme`` that lapsed (bortfall), as booked."""
        return nok(self._sum("cancelled", scheme, year, up_to))

    def funds_of(
        self, scheme: SchemeId, year: int | None = None, *, up_to: int | None = None
    ) -> Money:
        """The scheme's grant funds: received, plus reallocated in, less reallocated out
        (repayments are money that was received once already)."""
        return nok(
            self._sum("received", scheme, year, up_to)
            + self._sum("moved_in", scheme, year, up_to)
            - self._sum("moved_out", scheme, year, up_to)
        )

    def balance(self, scheme: SchemeId, year: int) -> Money:
        """The funds left at the end of ``year``: everything received, repaid and reallocated in
        up to then, less everything reallocated out and spent up to then (what is left counts in
        later years too: the funds «kan disponeres uavhengig av hvilket år bevilgningen er
        gitt»)."""
        year = _year_arg(year)
        into = ("received", "repaid", "moved_in")
        out = ("moved_out", "payments", "admin")
        return nok(
            sum((self._sum(t, scheme, None, year) for t in into), Decimal(0))
            - sum((self._sum(t, scheme, None, year) for t in out), Decimal(0))
        )

    def outstanding(self, scheme: SchemeId, year: int) -> Money:
        """Commitments not yet paid at the end of ``year``, measure by measure."""
        return nok(self._sums.outstanding(_scheme(scheme), _year_arg(year)))

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
        checked_year(year)
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
                repaid=self.repaid(s, year),
                reallocated_in=self.reallocated_in(s, year),
                reallocated_out=self.reallocated_out(s, year),
                cancelled=self.cancelled(s, year),
            )
            for s in SchemeId
        )
        return Statement(year=year, county=self.county, lines=lines)

    def overdrafts(self, scheme: SchemeId | None = None) -> tuple[Overdraft, ...]:
        """Every year end (from the first booking to the last) where a scheme has spent more than
        its funds (received, repaid, reallocated in, less reallocated out), or has spent and
        committed more than them."""
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
