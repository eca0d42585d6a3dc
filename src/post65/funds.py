"""The money side a county's post 65 year shares across schemes a, b and c: the document types.

These are the value types a ``portfolio`` document records: the funds received per scheme and
appropriation year (bevilgningsår), commitments (tilsagn) and payments (utbetalinger), commitments
or their rests that lapse (bortfall), money paid back (tilbakebetaling, to a scheme and
appropriation year), money moved between schemes by a decision (omdisponering), the county's
administration cost items, and the split of the year's funds between a, b and c with its
justification. Amounts are exact (``pint.Quantity[Decimal]`` in NOK).

The book-keeping over the years (:class:`~post65.ledger.Ledger`, the year-end
:class:`~post65.ledger.Statement`) is :mod:`post65.ledger`, a layer above these documents:
``Ledger.from_funds(funds)`` keeps the books of a document's funds.

>>> from post65.money import nok
>>> funds = Funds(
...     received=(Receipt(SchemeId.A, 2024, nok(1_000_000)),),
...     payments=(Payment(SchemeId.A, 2024, nok(600_000)),),
... )
>>> funds.received_total(SchemeId.A)
<Quantity(1000000, 'NOK')>
"""

from __future__ import annotations

import datetime as dt
import decimal
import enum
from collections.abc import Mapping
from decimal import ROUND_HALF_EVEN, Decimal
from typing import Final

import attrs
import pint

from post65._arguments import Types, checked, refused_by, typed, wrong_field, wrong_type
from post65._decimal import exact_methods
from post65._sums import Sums
from post65.errors import InvalidArgument, InvalidParameter, Problem
from post65.money import MAX_KRONER, Money, _quantity_kroner, kroner, total
from post65.settling import cancellation_problems, repayment_problems
from post65.text import Message, msg

__all__ = [
    "AdminCategory",
    "AdminCost",
    "Cancellation",
    "Commitment",
    "Funds",
    "Movement",
    "Payment",
    "Reallocation",
    "Receipt",
    "Repayment",
    "SchemeId",
    "Split",
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
    raise InvalidParameter(msg("funds.scheme.unknown", value=shown))


def _year_arg(value: object, name: str = "year") -> int:
    """A year argument of a ledger query: an ``int`` (not a bool), else InvalidParameter."""
    if type(value) is int or (isinstance(value, int) and not isinstance(value, bool)):
        return int(value)
    shown = repr(value)[:40] if isinstance(value, str | int | Decimal) else type(value).__name__
    raise InvalidParameter(msg("funds.year.not_int", name=name, value=shown))


def _year_opt(value: object, name: str) -> int | None:
    return None if value is None else _year_arg(value, name)


@attrs.frozen
class Receipt:
    """Funds received from KDD for one scheme, by the year they were appropriated."""

    scheme: SchemeId = attrs.field(converter=_scheme)
    appropriation_year: int
    amount: pint.Quantity[Decimal] = attrs.field(metadata={"minimum": 0})
    received: dt.date | None = attrs.field(default=None, validator=typed(dt.date, None))


@attrs.frozen
class Movement:
    """The fields a commitment and a payment share: money moved in ``year`` from a scheme's
    funds, optionally for a measure. A commitment never equals a payment of the same fields."""

    scheme: SchemeId = attrs.field(converter=_scheme)
    year: int
    amount: pint.Quantity[Decimal] = attrs.field(metadata={"minimum": 0})
    measure: str | None = None
    description: str = ""


@attrs.frozen
class Commitment(Movement):
    """A grant committed (tilsagn) in ``year`` from a scheme's funds, optionally for a measure."""


@attrs.frozen
class Payment(Movement):
    """Money paid out (utbetalt) in ``year`` from a scheme's funds, optionally for a measure."""


@attrs.frozen
class Cancellation(Movement):
    """A commitment, or the rest of one, that lapses (bortfall) in ``year``: the money is free
    again. It cancels the outstanding commitments of the same measure (or, with no measure, those
    with none); it can never cancel more than is outstanding there."""


@attrs.frozen
class Repayment:
    """Money paid back (tilbakebetaling) in ``year`` to ``scheme``'s funds, returning to the
    appropriation year ``appropriation_year``, optionally from a measure. It is money in, like a
    receipt; it does not reopen the measure's commitment."""

    scheme: SchemeId = attrs.field(converter=_scheme)
    year: int
    appropriation_year: int
    amount: pint.Quantity[Decimal] = attrs.field(metadata={"minimum": 0})
    measure: str | None = None
    description: str = ""


@attrs.frozen
class Reallocation:
    """Money moved (omdisponert) in ``year`` from one scheme's funds to another's, by the decision
    ``decision`` (its reference: a case or decision number). Money out of ``from_scheme`` and into
    ``to_scheme``, the same amount."""

    from_scheme: SchemeId = attrs.field(converter=_scheme)
    to_scheme: SchemeId = attrs.field(converter=_scheme)
    year: int
    amount: pint.Quantity[Decimal] = attrs.field(metadata={"minimum": 0})
    decision: str
    description: str = ""


@attrs.frozen
class AdminCost:
    """One item of the county's own administration and implementation costs charged to a
    scheme's funds."""

    scheme: SchemeId = attrs.field(converter=_scheme)
    year: int
    amount: pint.Quantity[Decimal] = attrs.field(metadata={"minimum": 0})
    category: AdminCategory
    description: str


@exact_methods
@attrs.frozen
class Split:
    """The county's split of the year's post 65 funds between schemes a, b and c, and why."""

    a: pint.Quantity[Decimal]
    b: pint.Quantity[Decimal]
    c: pint.Quantity[Decimal]
    justification: str = attrs.field(validator=typed(str))

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

        >>> from post65.money import nok
        >>> Split(nok(500), nok(300), nok(200), "x").shares(2)[SchemeId.A]
        Decimal('0.50')
        """
        if type(places) is not int or not 0 <= places <= _MAX_PLACES:
            shown = repr(places)[:40] if isinstance(places, int | str) else type(places).__name__
            raise InvalidParameter(msg("funds.places", max=_MAX_PLACES, value=shown))
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

        >>> from post65.money import nok
        >>> Split(nok(500), nok(300), nok(200), "").problems(nok(1001))[0].en
        'the split gives no justification'
        """
        found: list[Problem] = []
        for scheme in SchemeId:
            if kroner(self.amount(scheme)) < 0:
                text = msg("funds.split.negative", scheme=scheme)
                found.append(Problem(f"/{scheme.value}", text))
        if not self.justification.strip():
            found.append(Problem("/justification", msg("funds.split.no_justification")))
        if disposed is not None and kroner(self.total) != kroner(disposed):
            found.append(Problem("", msg("funds.split.total", total=self.total, disposed=disposed)))
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
    cancellations: tuple[Cancellation, ...] = ()
    repayments: tuple[Repayment, ...] = ()
    reallocations: tuple[Reallocation, ...] = ()

    def received_total(self, scheme: SchemeId, *, up_to_year: int | None = None) -> Money:
        """Funds received for ``scheme`` from every appropriation year (up to ``up_to_year``)."""
        scheme = _scheme(scheme)
        up_to_year = _year_opt(up_to_year, "up_to_year")
        with refused_by(lambda: wrong_entry(self)):
            return total(
                r.amount
                for r in self.received
                if r.scheme is scheme and (up_to_year is None or r.appropriation_year <= up_to_year)
            )


# --------------------------------------------------------------------------------------------
# What makes a document's funds unusable, located (checked when a document is read)

_SUMS = decimal.Context(prec=200)  # exact for any sum of amounts the converter admits
_Entry = Receipt | Commitment | Payment | AdminCost | Cancellation | Repayment | Reallocation
ENTRY_WORDS: Final[Mapping[type, Message]] = {
    Receipt: msg("funds.entry.received"),
    Commitment: msg("funds.entry.commitment"),
    Payment: msg("funds.entry.payment"),
    AdminCost: msg("funds.entry.admin"),
    Cancellation: msg("funds.entry.cancellation"),
    Repayment: msg("funds.entry.repayment"),
    Reallocation: msg("funds.entry.reallocation"),
}
"""What each kind of entry is called in messages."""
_FIELDS: tuple[tuple[str, type], ...] = (
    ("received", Receipt),
    ("commitments", Commitment),
    ("payments", Payment),
    ("admin_costs", AdminCost),
    ("cancellations", Cancellation),
    ("repayments", Repayment),
    ("reallocations", Reallocation),
)
ENTRY_TYPES: Final[Mapping[str, Types]] = {  # the scheme fields are converted: always sound
    **dict.fromkeys(("year", "appropriation_year"), (int,)),
    **dict.fromkeys(("description", "decision"), (str,)),
    "amount": (pint.Quantity,),
    "received": (dt.date, None),
    "measure": (str, None),
    "category": (AdminCategory,),
}
"""The types of the fields of the funds' entries (a field an entry does not have is skipped)."""


def wrong_entry(funds: Funds, name: str = "funds") -> InvalidArgument | None:
    """The refusal of the first entry of ``funds`` (built in code, it holds what it is given)
    not of its field's class or with a field of the wrong type (named ``funds.received[0]``,
    ``funds.received[0].received``), asked when work on ``funds`` failed; else ``None``. A
    ``funds`` that is no :class:`Funds` (``None`` in a portfolio built in code) is refused
    itself."""
    if not isinstance(funds, Funds):
        return wrong_type(name, funds, Funds)
    for field, cls in _FIELDS:
        entries, where = getattr(funds, field), f"{name}.{field}"
        if not isinstance(entries, tuple | list):
            return wrong_type(where, entries, tuple)
        for i, entry in enumerate(entries):
            if type(entry) is not cls:
                return wrong_type(f"{where}[{i}]", entry, cls)
            found = wrong_field(entry, f"{where}[{i}]", ENTRY_TYPES)
            if found is not None:
                return found
    return None


def entry_schemes(entry: _Entry) -> tuple[SchemeId, ...]:
    """The schemes whose funds ``entry`` moves: one, or (a reallocation) the two."""
    if isinstance(entry, Reallocation):
        return (entry.from_scheme, entry.to_scheme)
    return (entry.scheme,)


def _entry_years(entry: _Entry) -> list[tuple[str, int]]:
    if isinstance(entry, Receipt):
        years = [("appropriation_year", entry.appropriation_year)]
        if entry.received is not None:
            years.append(("received", entry.received.year))
        return years
    if isinstance(entry, Repayment):
        return [("year", entry.year), ("appropriation_year", entry.appropriation_year)]
    return [("year", entry.year)]


def _reallocation_problems(entry: Reallocation, where: str) -> list[Problem]:
    found: list[Problem] = []
    if entry.from_scheme is entry.to_scheme:
        text = msg("funds.reallocation.same_scheme", scheme=entry.from_scheme)
        found.append(Problem(f"{where}/to_scheme", text))
    if not entry.decision.strip():
        found.append(Problem(f"{where}/decision", msg("funds.reallocation.no_decision")))
    return found


_ONE_YEAR: Final = frozenset({Commitment, Payment, AdminCost, Cancellation})
"""The entries whose only year is ``year`` (and which need no check but that year's range)."""


_NOTHING: Final = Decimal(0)
"""The sum of no amounts (a constant: :func:`funds_problems` starts a sum per entry)."""


def funds_problems(funds: Funds, base: str = "/funds") -> list[Problem]:
    """Every entry of ``funds`` the ledger could not book, located below ``base``: a year
    outside 1900–9999, a negative amount, (once per scheme) the entry at which the amounts
    of a scheme add up to more than 10^18 kr (or, when no scheme's do, the entry at which
    those of all schemes together do: the statement's total line adds them), a reallocation
    to its own scheme or without a decision reference, a cancellation (bortfall) of more than
    is outstanding and a repayment to an appropriation year after its own
    (:mod:`post65.settling`). What is not a :class:`Funds`, or holds an entry of the wrong type
    (built in code), raises :class:`~post65.errors.InvalidArgument` naming it.

    >>> from post65.money import nok
    >>> funds = Funds(payments=(Payment(SchemeId.A, 1899, nok(-5)),))
    >>> for problem in funds_problems(funds):
    ...     print(problem.render("en"))
    /funds/payments/0/year: the year of a payment must be between 1900 and 9999, got 1899
    /funds/payments/0/amount: payment: the amount cannot be negative (-5...kr)
    """
    checked("funds", funds, Funds)
    with refused_by(lambda: wrong_entry(funds)):
        return _problems(funds, base)


def _problems(funds: Funds, base: str) -> list[Problem]:
    found: list[Problem] = []
    sums: dict[SchemeId, Decimal] = {}
    over: set[SchemeId] = set()
    limit = Decimal(MAX_KRONER)
    for field, cls in _FIELDS:
        entries: tuple[_Entry, ...] = getattr(funds, field)
        for i, entry in enumerate(entries):
            kind = type(entry)
            year = entry.year if kind in _ONE_YEAR else None  # type: ignore[union-attr]
            if year is None or not 1900 <= year <= 9999:
                for name, year in _entry_years(entry):
                    if not 1900 <= year <= 9999:
                        text = msg("funds.year.range", entry=ENTRY_WORDS[cls], year=year)
                        found.append(Problem(f"{base}/{field}/{i}/{name}", text))
                if isinstance(entry, Reallocation):
                    found.extend(_reallocation_problems(entry, f"{base}/{field}/{i}"))
            # the sums compare and add the same with or without trailing zeros: kroner()'s
            # writing of the value without them is not needed (its checks are made all the same)
            amount = _quantity_kroner(entry.amount)
            if amount < 0:
                text = msg("funds.amount.negative", entry=ENTRY_WORDS[cls], amount=entry.amount)
                found.append(Problem(f"{base}/{field}/{i}/amount", text))
                continue
            # the entries of one year are of one scheme
            one = kind in _ONE_YEAR
            schemes = (entry.scheme,) if one else entry_schemes(entry)  # type: ignore[union-attr]
            for scheme in schemes:
                running = _SUMS.add(sums.get(scheme, _NOTHING), amount)
                sums[scheme] = running
                if running > limit and scheme not in over:
                    over.add(scheme)
                    text = msg("funds.amount.sum_too_large", scheme=scheme)
                    found.append(Problem(f"{base}/{field}/{i}/amount", text))
    if not over:
        found.extend(_all_schemes_problem(funds, base, sums))
    if not found:  # every year and amount sound: what the entries settle
        f = funds
        found.extend(cancellation_problems(f.commitments, f.payments, f.cancellations, base))
        found.extend(repayment_problems(funds.repayments, base))
    return found


def _all_schemes_problem(
    funds: Funds, base: str, sums: Mapping[SchemeId, Decimal]
) -> list[Problem]:
    """The entry at which the amounts of every scheme together (each entry once: the statement's
    total line adds the schemes' figures) pass 10^18 kr, given each scheme's sum ``sums`` (a
    reallocation is in two of them): the entries are walked again only when they do."""
    every = _NOTHING
    for amount in sums.values():
        every = _SUMS.add(every, amount)
    for r in funds.reallocations:
        every = _SUMS.subtract(every, max(_quantity_kroner(r.amount), _NOTHING))
    limit = Decimal(MAX_KRONER)
    if every <= limit:
        return []
    running = _NOTHING
    for field, _ in _FIELDS:
        for i, entry in enumerate(getattr(funds, field)):
            running = _SUMS.add(running, max(_quantity_kroner(entry.amount), _NOTHING))
            if running > limit:
                text = msg("sums.too_large", what=msg("sums.what.funds"), total=every, most=limit)
                return [Problem(f"{base}/{field}/{i}/amount", text)]
    return []  # pragma: no cover - the walk adds up to ``every``


def split_sums(split: Split | None, where: str, sums: Sums) -> Sums:
    """``sums`` with the parts of ``split`` (when there is one) added as the sum ``"split"``,
    located at ``where``: its total a + b + c is what P65-6.2, the report and its rendering
    compute."""
    if split is not None:
        for part in (split.a, split.b, split.c):
            sums.add("split", kroner(part), where, signed=True)
    return sums
