"""The money side a county's post 65 year shares across schemes a, b and c.

These are the value types a ``portfolio`` document records: the funds received per scheme and
appropriation year (bevilgningsår), commitments (tilsagn) and payments (utbetalinger), the
county's administration cost items, and the split of the year's funds between a, b and c with its
justification. Amounts are exact (``pint.Quantity[Decimal]`` in NOK).

The :class:`Ledger` keeps the books over the years: funds carried over without lapse («Midlene i
ordningen kan disponeres uavhengig av hvilket år bevilgningen er gitt», §4 of scheme a), and a
year-end :class:`Statement` per scheme that balances exactly: opening + received − paid =
closing, where *paid* is payments **and** the county's administration costs (both are money spent
from the scheme's funds).

>>> case_handling = AdminCost(
...     SchemeId.A, 2024, nok(40_000), AdminCategory.CASE_HANDLING, "saksbehandling"
... )
>>> funds = Funds(
...     received=(Receipt(SchemeId.A, 2024, nok(1_000_000)),),
...     payments=(Payment(SchemeId.A, 2024, nok(600_000)),),
...     admin_costs=(case_handling,),
... )
>>> ledger = funds.ledger(county="18")
>>> ledger.balance(SchemeId.A, 2024), ledger.available(SchemeId.A, 2025)
(<Quantity(360000, 'NOK')>, <Quantity(360000, 'NOK')>)
>>> line = ledger.statement(2025).line(SchemeId.A)
>>> line.opening, line.received, line.paid, line.closing, line.balances
(<Quantity(360000, 'NOK')>, <Quantity(0, 'NOK')>, <Quantity(0, 'NOK')>,
 <Quantity(360000, 'NOK')>, True)
"""

from __future__ import annotations

import datetime as dt
import decimal
import enum
from collections import defaultdict
from collections.abc import Mapping
from decimal import ROUND_HALF_EVEN, Decimal
from typing import Literal

import attrs
import pint

from post65._decimal import exact_methods
from post65.errors import InvalidAmount, InvalidParameter, Post65Error, Problem
from post65.money import MAX_KRONER, Money, format_amount, kroner, nok, total

__all__ = [
    "AdminCategory",
    "AdminCost",
    "Commitment",
    "Funds",
    "Ledger",
    "Overdraft",
    "Overdrawn",
    "Payment",
    "Receipt",
    "SchemeId",
    "Split",
    "Statement",
    "StatementLine",
    "funds_problems",
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


_MAX_PLACES = 20  # the most decimals Split.shares gives


def _scheme(value: SchemeId | str) -> SchemeId:
    """``value`` as a :class:`SchemeId`: a SchemeId, or its text ``"a"``, ``"b"``, ``"c"``.

    Anything else (``True``, ``"d"``, ``1``) is refused with
    :class:`~post65.errors.InvalidParameter`, so that no money is ever booked under no scheme.
    """
    if isinstance(value, SchemeId):
        return value
    if isinstance(value, str) and value in {s.value for s in SchemeId}:
        return SchemeId(value)
    shown = repr(value) if isinstance(value, str | int) else type(value).__name__
    return _refuse_scheme(shown[:40])


def _refuse_scheme(shown: str) -> SchemeId:
    raise InvalidParameter(
        f"ukjent ordning {shown}; bruk SchemeId.A, SchemeId.B eller SchemeId.C («a», «b», «c»)",
        f"unknown scheme {shown}; use SchemeId.A, SchemeId.B or SchemeId.C ('a', 'b', 'c')",
    )


def _year_arg(value: object, name: str = "year") -> int:
    """A year argument of a ledger query: an ``int`` (not a bool), else InvalidParameter."""
    if type(value) is int or (isinstance(value, int) and not isinstance(value, bool)):
        return int(value)
    shown = repr(value)[:40] if isinstance(value, str | int | Decimal) else type(value).__name__
    raise InvalidParameter(
        f"{name} må være et heltall (et år), ikke {shown}",
        f"{name} must be an integer (a year), not {shown}",
    )


def _year_opt(value: object, name: str) -> int | None:
    return None if value is None else _year_arg(value, name)


@attrs.frozen
class Receipt:
    """Funds received from KDD for one scheme, by the year they were appropriated."""

    scheme: SchemeId = attrs.field(converter=_scheme)
    appropriation_year: int
    amount: pint.Quantity[Decimal]
    received: dt.date | None = None


@attrs.frozen
class Commitment:
    """A grant committed (tilsagn) in ``year`` from a scheme's funds, optionally for a measure."""

    scheme: SchemeId = attrs.field(converter=_scheme)
    year: int
    amount: pint.Quantity[Decimal]
    measure: str | None = None
    description: str = ""


@attrs.frozen
class Payment:
    """Money paid out (utbetalt) in ``year`` from a scheme's funds, optionally for a measure."""

    scheme: SchemeId = attrs.field(converter=_scheme)
    year: int
    amount: pint.Quantity[Decimal]
    measure: str | None = None
    description: str = ""


@attrs.frozen
class AdminCost:
    """One item of the county's own administration and implementation costs charged to a
    scheme's funds."""

    scheme: SchemeId = attrs.field(converter=_scheme)
    year: int
    amount: pint.Quantity[Decimal]
    category: AdminCategory
    description: str


@exact_methods
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

    def amount(self, scheme: SchemeId) -> Money:
        """The amount the split gives ``scheme``."""
        return {SchemeId.A: self.a, SchemeId.B: self.b, SchemeId.C: self.c}[_scheme(scheme)]

    def shares(self, places: int = 4) -> dict[SchemeId, Decimal]:
        """Each scheme's share of the total, rounded half-even to ``places`` decimals (all zero
        when the total is zero). ``places`` is an integer from 0 to 20.

        >>> Split(nok(500), nok(300), nok(200), "x").shares(2)[SchemeId.A]
        Decimal('0.50')
        """
        if type(places) is not int or not 0 <= places <= _MAX_PLACES:
            shown = repr(places)[:40] if isinstance(places, int | str) else type(places).__name__
            raise InvalidParameter(
                f"places må være et heltall fra 0 til {_MAX_PLACES}, ikke {shown}",
                f"places must be an integer from 0 to {_MAX_PLACES}, not {shown}",
            )
        whole = kroner(self.total)
        quantum = Decimal(1).scaleb(-places)
        if whole == 0:
            return {s: Decimal(0).quantize(quantum) for s in SchemeId}
        return {
            s: (kroner(self.amount(s)) / whole).quantize(quantum, rounding=ROUND_HALF_EVEN)
            for s in SchemeId
        }

    def problems(self, disposed: Money | None = None) -> tuple[Problem, ...]:
        """What is wrong with the split, each with a JSON Pointer relative to the split: a
        negative amount, an empty justification, or (when ``disposed`` is given: the year's
        post 65 funds the county disposes) a total that differs from it. P65-6.2 reads this.

        >>> Split(nok(500), nok(300), nok(200), "").problems(nok(1001))[0].en
        'the split gives no justification'
        """
        found: list[Problem] = []
        for scheme in SchemeId:
            if kroner(self.amount(scheme)) < 0:
                found.append(
                    Problem(
                        f"/{scheme.value}",
                        f"beløpet til ordning {scheme.value} er negativt",
                        f"the amount for scheme {scheme.value} is negative",
                    )
                )
        if not self.justification.strip():
            found.append(
                Problem(
                    "/justification",
                    "fordelingen er ikke begrunnet",
                    "the split gives no justification",
                )
            )
        if disposed is not None and kroner(self.total) != kroner(disposed):
            found.append(
                Problem(
                    "",
                    f"a + b + c = {format_amount(self.total)}, men midlene som disponeres er "
                    f"{format_amount(disposed)}",
                    f"a + b + c = {format_amount(self.total)}, but the funds disposed are "
                    f"{format_amount(disposed)}",
                )
            )
        return tuple(found)

    def matches(self, disposed: Money) -> bool:
        """True when a + b + c equals ``disposed`` exactly."""
        return kroner(self.total) == kroner(disposed)


@exact_methods
@attrs.frozen
class Funds:
    """Everything that moved in and out of a county's post 65 funds, all years to date."""

    received: tuple[Receipt, ...] = ()
    commitments: tuple[Commitment, ...] = ()
    payments: tuple[Payment, ...] = ()
    admin_costs: tuple[AdminCost, ...] = ()

    def received_total(self, scheme: SchemeId, *, up_to_year: int | None = None) -> Money:
        """Funds received for ``scheme`` from every appropriation year (up to ``up_to_year``)."""
        scheme = _scheme(scheme)
        up_to_year = _year_opt(up_to_year, "up_to_year")
        return total(
            r.amount
            for r in self.received
            if r.scheme is scheme and (up_to_year is None or r.appropriation_year <= up_to_year)
        )

    def ledger(self, *, county: str | None = None, strict: bool = False) -> Ledger:
        """These funds as a :class:`Ledger` (see :meth:`Ledger.from_funds`)."""
        return Ledger.from_funds(self, county=county, strict=strict)


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

    def message(self) -> tuple[str, str]:
        """The overdraft described in bokmål and English."""
        amount = format_amount(self.shortfall)
        if self.kind == "balance":
            return (
                f"ordning {self.scheme.value}: ved utgangen av {self.year} er det brukt "
                f"{amount} mer enn mottatt",
                f"scheme {self.scheme.value}: at the end of {self.year}, {amount} more has "
                "been spent than received",
            )
        return (
            f"ordning {self.scheme.value}: ved utgangen av {self.year} er det gitt tilsagn om "
            f"{amount} mer enn midlene som er igjen",
            f"scheme {self.scheme.value}: at the end of {self.year}, {amount} more has been "
            "committed than the funds left",
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


def _non_negative(amount: object, what_nb: str, what_en: str) -> Decimal:
    value = kroner(amount)  # type: ignore[arg-type]  # kroner refuses anything not NOK
    if value < 0:
        raise InvalidAmount(
            f"{what_nb}: beløpet kan ikke være negativt ({format_amount(nok(value))})",
            f"{what_en}: the amount cannot be negative ({format_amount(nok(value))})",
        )
    return value


def _year(value: object) -> int:
    if type(value) is not int or not 1900 <= value <= 9999:
        raise InvalidParameter(f"ugyldig år: {value!r}", f"invalid year: {value!r}")
    return value


_Entry = Receipt | Commitment | Payment | AdminCost
_TABLES = {
    Receipt: ("received", "mottatte midler", "funds received"),
    Commitment: ("committed", "tilsagn", "commitment"),
    Payment: ("payments", "utbetaling", "payment"),
    AdminCost: ("admin", "administrasjonskostnad", "administration cost"),
}


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
        table, nb, en = _TABLES[type(entry)]
        year = _year(_year_of(entry) if isinstance(entry, Receipt) else entry.year)
        return table, year, _non_negative(entry.amount, nb, en)

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

    funds: Funds = Funds()
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
            nb, en = zip(*(o.message() for o in found), strict=True)
            raise Overdrawn("; ".join(nb), "; ".join(en))

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
            raise InvalidParameter(
                "oppgi enten year eller up_to, ikke begge", "give either year or up_to, not both"
            )
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


# --------------------------------------------------------------------------------------------
# What makes a document's funds unusable, located (checked when a document is read)

_SUMS = decimal.Context(prec=200)  # exact for any sum of amounts the converter admits
_FIELDS: tuple[tuple[str, str, str], ...] = (
    ("received", "mottatte midler", "funds received"),
    ("commitments", "tilsagn", "commitment"),
    ("payments", "utbetaling", "payment"),
    ("admin_costs", "administrasjonskostnad", "administration cost"),
)


def funds_problems(funds: Funds, base: str = "/funds") -> list[Problem]:
    """Every entry of ``funds`` the ledger could not book, located below ``base``: a year
    outside 1900–9999, a negative amount, and (once per scheme) the entry at which the amounts
    of a scheme add up to more than 10^18 kr.

    >>> funds = Funds(payments=(Payment(SchemeId.A, 1899, nok(-5)),))
    >>> for problem in funds_problems(funds):
    ...     print(problem.render("en"))
    /funds/payments/0/year: the year of a payment must be between 1900 and 9999, got 1899
    /funds/payments/0/amount: payment: the amount cannot be negative (-5...kr)
    """
    found: list[Problem] = []
    sums: dict[SchemeId, Decimal] = {}
    over: set[SchemeId] = set()
    limit = Decimal(MAX_KRONER)
    for field, nb, en in _FIELDS:
        entries: tuple[Receipt | Commitment | Payment | AdminCost, ...] = getattr(funds, field)
        for i, entry in enumerate(entries):
            where = f"{base}/{field}/{i}"
            if isinstance(entry, Receipt):
                years = [("appropriation_year", entry.appropriation_year)]
                if entry.received is not None:
                    years.append(("received", entry.received.year))
            else:
                years = [("year", entry.year)]
            for name, year in years:
                if not 1900 <= year <= 9999:
                    found.append(
                        Problem(
                            f"{where}/{name}",
                            f"året for {nb} må være mellom 1900 og 9999, fikk {year}",
                            f"the year of a {en} must be between 1900 and 9999, got {year}",
                        )
                    )
            amount = kroner(entry.amount)
            if amount < 0:
                shown = format_amount(entry.amount)
                found.append(
                    Problem(
                        f"{where}/amount",
                        f"{nb}: beløpet kan ikke være negativt ({shown})",
                        f"{en}: the amount cannot be negative ({shown})",
                    )
                )
                continue
            running = _SUMS.add(sums.get(entry.scheme, Decimal(0)), amount)
            sums[entry.scheme] = running
            if running > limit and entry.scheme not in over:
                over.add(entry.scheme)
                found.append(
                    Problem(
                        f"{where}/amount",
                        f"beløpene i ordning {entry.scheme.value} blir til sammen mer enn "
                        "10^18 kr med dette beløpet",
                        f"with this amount the amounts of scheme {entry.scheme.value} add up "
                        "to more than 10^18 kr",
                    )
                )
    return found
