"""Funds ledgers: receipts, commitments, payments, administration costs, cancelled commitments
(bortfall), repayments (tilbakebetaling) and reallocations between schemes (omdisponering)."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import attrs
from hypothesis import strategies as st

from post65.funds import (
    AdminCategory,
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
    funds_problems,
)
from post65.strategies._common import _dates, _tuples, _words, amounts, texts

_PAIRS = [(a, b) for a in SchemeId for b in SchemeId if a is not b]


def _reallocations(year: st.SearchStrategy[int]) -> st.SearchStrategy[Reallocation]:
    """Reallocations between two different schemes, each naming a decision."""
    return st.sampled_from(_PAIRS).flatmap(
        lambda pair: st.builds(
            Reallocation, st.just(pair[0]), st.just(pair[1]), year, amounts(0, 10**8), _words()
        )
    )


def _without_bad_cancellations(funds: Funds) -> Funds:
    """``funds`` less the cancellations that cancel more than is outstanding (a valid
    document's)."""
    while True:
        bad = {
            p.where.split("/")[3]
            for p in funds_problems(funds)
            if p.where.startswith("/funds/cancellations/")
        }
        if not bad:
            return funds
        kept = tuple(c for i, c in enumerate(funds.cancellations) if str(i) not in bad)
        funds = attrs.evolve(funds, cancellations=kept)


@functools.cache
def _funds_of(
    years: tuple[int, int],
    ids: tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]],
    max_size: int,
) -> st.SearchStrategy[Funds]:
    """Funds ledgers whose commitments and payments of scheme a, b or c name one of that
    scheme's ids in ``ids`` (a, b, c) or none."""
    year = st.integers(*years)
    money = amounts(0, 10**8)
    text = texts()

    def entry(
        cls: type[Commitment] | type[Payment] | type[Cancellation], scheme: SchemeId
    ) -> st.SearchStrategy[Commitment | Payment | Cancellation]:
        known = ids["abc".index(scheme.value)]
        ref = st.none() | st.sampled_from(known) if known else st.none()
        return st.builds(cls, st.just(scheme), year, money, ref, text)

    commitment = st.one_of(*(entry(Commitment, s) for s in SchemeId))
    payment = st.one_of(*(entry(Payment, s) for s in SchemeId))
    scheme = st.sampled_from(SchemeId)
    return st.builds(
        Funds,
        received=_tuples(
            st.builds(Receipt, scheme, year, money, st.none() | _dates(*years)), max_size=max_size
        ),
        commitments=_tuples(commitment, max_size=max_size),
        payments=_tuples(payment, max_size=max_size),
        admin_costs=_tuples(
            st.builds(AdminCost, scheme, year, money, st.sampled_from(AdminCategory), text),
            max_size=max_size,
        ),
        cancellations=_tuples(
            st.one_of(*(entry(Cancellation, s) for s in SchemeId)), max_size=max_size
        ),
        repayments=_tuples(  # paid back to its own appropriation year or an earlier one
            year.flatmap(
                lambda y: st.builds(
                    Repayment, scheme, st.just(y), st.integers(years[0], y), money, st.none(), text
                )
            ),
            max_size=max_size,
        ),
        reallocations=_tuples(_reallocations(year), max_size=max_size),
    ).map(_without_bad_cancellations)


@functools.cache
def funds(
    *, years: tuple[int, int] = (2022, 2026), measure_ids: tuple[str, ...] = (), max_size: int = 3
) -> st.SearchStrategy[Funds]:
    """Funds ledgers: receipts, commitments, payments, administration costs, cancellations,
    repayments and reallocations (amounts non-negative) in ``years``; commitments, payments and
    cancellations name one of ``measure_ids`` or none, and no cancellation cancels more than is
    outstanding."""
    return _funds_of(years, (measure_ids, measure_ids, measure_ids), max_size)


_SPLITS = st.none() | st.builds(
    Split, amounts(0, 10**8), amounts(0, 10**8), amounts(0, 10**8), texts()
)


# --------------------------------------------------------------------------------------------
# The table the package merges


def _entries(
    cls: type[Commitment] | type[Payment] | type[Cancellation],
) -> st.SearchStrategy[Commitment | Payment | Cancellation]:
    return st.builds(
        cls,
        st.sampled_from(SchemeId),
        st.integers(2020, 2030),
        amounts(0, 10**8),
        st.none(),
        texts(),
    )


TYPES: dict[type, Callable[[], st.SearchStrategy[Any]]] = {
    AdminCost: lambda: st.builds(
        AdminCost,
        st.sampled_from(SchemeId),
        st.integers(2020, 2030),
        amounts(0, 10**8),
        st.sampled_from(AdminCategory),
        texts(),
    ),
    Cancellation: lambda: _entries(Cancellation),
    Commitment: lambda: _entries(Commitment),
    Funds: funds,
    Payment: lambda: _entries(Payment),
    Reallocation: lambda: _reallocations(st.integers(2020, 2030)),
    Repayment: lambda: st.integers(2020, 2030).flatmap(
        lambda year: st.builds(
            Repayment,
            st.sampled_from(SchemeId),
            st.just(year),
            st.integers(2020, year),  # paid back to the year it was granted from, or an earlier
            amounts(0, 10**8),
            st.none() | texts(max_size=8),
            texts(),
        )
    ),
    Receipt: lambda: st.builds(
        Receipt,
        st.sampled_from(SchemeId),
        st.integers(2020, 2030),
        amounts(0, 10**8),
        st.none() | _dates(),
    ),
    Split: lambda: st.builds(
        Split, amounts(0, 10**8), amounts(0, 10**8), amounts(0, 10**8), texts()
    ),
}
"""The post65 types whose strategies this module gives (see :func:`post65.strategies.for_type`)."""
