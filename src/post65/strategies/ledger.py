"""Funds ledgers: receipts, commitments, payments and administration costs."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from hypothesis import strategies as st

from post65.funds import (
    AdminCategory,
    AdminCost,
    Commitment,
    Funds,
    Payment,
    Receipt,
    SchemeId,
    Split,
)
from post65.strategies._common import _dates, _tuples, amounts, texts


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
        cls: type[Commitment] | type[Payment], scheme: SchemeId
    ) -> st.SearchStrategy[Commitment | Payment]:
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
    )


@functools.cache
def funds(
    *, years: tuple[int, int] = (2022, 2026), measure_ids: tuple[str, ...] = (), max_size: int = 3
) -> st.SearchStrategy[Funds]:
    """Funds ledgers: receipts, commitments, payments and administration costs (amounts
    non-negative) in ``years``; commitments and payments name one of ``measure_ids`` or none."""
    return _funds_of(years, (measure_ids, measure_ids, measure_ids), max_size)


_SPLITS = st.none() | st.builds(
    Split, amounts(0, 10**8), amounts(0, 10**8), amounts(0, 10**8), texts()
)


# --------------------------------------------------------------------------------------------
# The table the package merges


def _entries(cls: type[Commitment] | type[Payment]) -> st.SearchStrategy[Commitment | Payment]:
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
    Commitment: lambda: _entries(Commitment),
    Funds: funds,
    Payment: lambda: _entries(Payment),
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
