"""What the entries of a county's funds may settle: a bortfall no more than is outstanding, a
tilbakebetaling to an appropriation year that has come.

A cancellation (bortfall) frees a commitment (tilsagn) that will not be paid, or its rest: it
can never cancel more than the measure has outstanding at the end of its year (its commitments
less its payments up to then, less the cancellations before it). A repayment (tilbakebetaling)
returns money to the appropriation year it was granted from: a year that has come by the year
it is paid back, never a later one. Both are read the same way by :func:`post65.load` (a
document with such an entry is refused, located) and by the ledger's :meth:`cancel
<post65.ledger.Ledger.cancel>` and :meth:`repay <post65.ledger.Ledger.repay>` (the entry is
refused, the ledger unchanged).

The entries are read by their fields only (``scheme``, ``measure``, ``year``, ``amount``, and a
repayment's ``appropriation_year``): :mod:`post65.funds` defines them and calls this module.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from decimal import Decimal
from typing import Any, Protocol

from post65.errors import Problem
from post65.money import kroner, nok
from post65.text import Message, msg

_ZERO = Decimal(0)

__all__ = [
    "cancellation_problems",
    "cancelled_too_much",
    "later_year",
    "paid_past_a_bortfall",
    "repayment_problems",
    "rest",
]


class Settling(Protocol):
    """A commitment, a payment or a cancellation, by the fields read here."""

    @property
    def scheme(self) -> Hashable: ...
    @property
    def measure(self) -> str | None: ...
    @property
    def year(self) -> int: ...
    @property
    def amount(self) -> Any: ...


class Repaying(Protocol):
    """A repayment, by the fields read here."""

    @property
    def year(self) -> int: ...
    @property
    def appropriation_year(self) -> int: ...


def cancellation_problems(
    commitments: Sequence[Settling],
    payments: Sequence[Settling],
    cancellations: Sequence[Settling],
    base: str,
) -> list[Problem]:
    """The first cancellation of each scheme and measure that cancels more than is outstanding
    there (located at ``base/cancellations/i/amount``), in document order. What is outstanding
    is what the ledger says (:func:`post65.ledger.book._outstanding_by_year`): year by year, the
    measure's commitments less its payments and cancellations, what is settled beyond the
    commitments at a year's end dropped; a cancellation is judged against what is left in its
    year before it (the commitments and payments of its year, the cancellations of its year
    before it in the document)."""
    if not cancellations:
        return []
    settled: dict[tuple[Hashable, str | None], dict[int, Decimal]] = {}
    for entries, sign in ((commitments, 1), (payments, -1)):
        for e in entries:
            years = settled.setdefault((e.scheme, e.measure), {})
            years[e.year] = years.get(e.year, _ZERO) + sign * kroner(e.amount)
    mine: dict[tuple[Hashable, str | None], dict[int, list[int]]] = {}
    for i, c in enumerate(cancellations):
        mine.setdefault((c.scheme, c.measure), {}).setdefault(c.year, []).append(i)
    found: list[tuple[int, Problem]] = []
    for key, by_year in mine.items():
        years = settled.get(key, {})
        left = _ZERO
        for year in sorted(years.keys() | by_year.keys()):
            left = rest(left) + years.get(year, _ZERO)  # the year before carries its rest only
            for i in by_year.get(year, ()):
                c = cancellations[i]
                amount = kroner(c.amount)
                if amount > rest(left):
                    text = _too_much(c, rest(left))
                    found.append((i, Problem(f"{base}/cancellations/{i}/amount", text)))
                    break
                left -= amount
            else:
                continue
            break  # the first of the measure's cancellations that cancels too much, only
    return [problem for _, problem in sorted(found, key=lambda f: f[0])]


def _too_much(cancellation: Settling, left: Decimal) -> Message:
    """«a bortfall of 150 kr in 2024 is more than the 100 kr left of the commitment»."""
    outstanding = nok(left)
    return msg(
        "funds.cancellation.too_much",
        amount=cancellation.amount,
        year=cancellation.year,
        outstanding=outstanding,
    )


def rest(left: Decimal) -> Decimal:
    """What a measure's running sum (its commitments less what settled them) carries into the
    next year, or leaves for a cancellation: never less than nothing (what is paid or cancelled
    beyond the commitments settles nothing committed later). The ledger's sums apply the same
    rule inline, in the loop a check runs for every measure and year
    (:func:`post65.ledger.book._outstanding_by_year`)."""
    return left if left > 0 else _ZERO


def cancelled_too_much(
    commitments: Sequence[Settling],
    payments: Sequence[Settling],
    cancellations: Sequence[Settling],
    new: Settling,
) -> Message | None:
    """Why the cancellation ``new``, added after ``cancellations``, cancels more than is
    outstanding, or makes one of them do so; ``None`` when it does neither. The new one is
    judged against what is left before it in its year, after every cancellation of its measure
    made before it (whatever those were); then, when the entries were sound without it, they
    must be sound with it (a bortfall of an earlier year takes what a later one cancelled).
    Only the entries of ``new``'s scheme and measure are read."""
    mine = _own(commitments, new), _own(payments, new), _own(cancellations, new)
    left = _left_before(*mine, new.year)
    if kroner(new.amount) > left:
        return _too_much(new, left)
    if cancellation_problems(*mine, ""):
        return None  # refused already without it (built in code): the new one is not to blame
    found = cancellation_problems(mine[0], mine[1], [*mine[2], new], "")
    if not found:
        return None
    reason = found[0].text
    return msg("funds.cancellation.past_later", amount=new.amount, year=new.year, reason=reason)


def paid_past_a_bortfall(
    commitments: Sequence[Settling],
    payments: Sequence[Settling],
    cancellations: Sequence[Settling],
    new: Settling,
) -> Message | None:
    """Why the payment ``new`` makes a cancellation of its measure cancel more than is
    outstanding (a tilsagn paid after it lapsed), or ``None``: what a document holding it would
    be refused for, when it was sound without it."""
    mine = _own(commitments, new), _own(payments, new), _own(cancellations, new)
    if not mine[2] or cancellation_problems(*mine, ""):
        return None
    found = cancellation_problems(mine[0], [*mine[1], new], mine[2], "")
    if not found:
        return None
    return msg("funds.payment.past_bortfall", reason=found[0].text, amount=new.amount)


def _own(entries: Sequence[Settling], new: Settling) -> list[Settling]:
    """The entries of ``new``'s scheme and measure."""
    key = (new.scheme, new.measure)
    return [e for e in entries if (e.scheme, e.measure) == key]


def _left_before(
    commitments: Sequence[Settling],
    payments: Sequence[Settling],
    cancellations: Sequence[Settling],
    year: int,
) -> Decimal:
    """What one measure has outstanding in ``year`` after all its cancellations up to it (as
    :func:`cancellation_problems` reads it, none refused), never less than nothing."""
    settled: dict[int, Decimal] = {}
    for entries, sign in ((commitments, 1), (payments, -1), (cancellations, -1)):
        for e in entries:
            if e.year <= year:
                settled[e.year] = settled.get(e.year, _ZERO) + sign * kroner(e.amount)
    left = _ZERO
    for y in sorted(settled):
        left = rest(rest(left) + settled[y])
    return left


def repayment_problems(repayments: Sequence[Repaying], base: str) -> list[Problem]:
    """Each repayment paid back in a year before the appropriation year it returns to, located
    at ``base/repayments/i/appropriation_year``."""
    return [
        Problem(f"{base}/repayments/{i}/appropriation_year", later_year(r))
        for i, r in enumerate(repayments)
        if r.appropriation_year > r.year
    ]


def later_year(repayment: Repaying) -> Message:
    """«a tilbakebetaling in 2024 cannot return to the appropriation year 2030, which comes
    later»."""
    return msg(
        "funds.repayment.later_year",
        year=repayment.year,
        appropriation_year=repayment.appropriation_year,
    )
