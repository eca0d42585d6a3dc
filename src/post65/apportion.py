"""Exact apportionment: largest remainder, Sainte-Laguë and D'Hondt, as ``cli.md`` defines them.

:func:`apportion` shares ``units`` whole units between parties (for post65: the 15 counties) in
proportion to their weights (the target population ``p_i``). Everything is integer arithmetic on
weights scaled to a common denominator: no float is ever involved, and scaling every weight by the
same constant changes nothing.

With ``U`` units, weights ``p_i`` and ``P = Σ p_i``, the quota is ``q_i = U·p_i/P``.

- **largest remainder**: each party gets ``⌊q_i⌋``; the units left go one each to the largest
  remainders ``q_i − ⌊q_i⌋``.
- **Sainte-Laguë** / **D'Hondt**: units are handed out one at a time to the largest
  ``p_i/d(s_i)``, where ``s_i`` is what the party holds so far and ``d(s) = 2s+1`` (Sainte-Laguë)
  or ``s+1`` (D'Hondt).
- **every tie**, in any method: the larger ``p_i`` first, then the lower key (fylkesnummer).

The divisor methods are *defined* one unit at a time, but computed without that loop (a billion
kroner would take a billion steps). The one-at-a-time process hands out the entries
``(i, s)`` (party ``i``'s unit number ``s+1``, priority ``p_i/d(s)``) in one fixed total order:
priority descending, then ``p_i`` descending, then key ascending. So the result after ``U`` steps
is the first ``U`` entries of that order. We count, exactly, the entries whose priority exceeds a
threshold close to the final one (``P/U`` for D'Hondt, ``P/2U`` for Sainte-Laguë); that set is a
prefix of the order with at most a few units per party too many or too few, and it is corrected
by adding the next (or removing the last) entries of the order, one per party at most.

>>> apportion(10, {"18": 500, "15": 300, "46": 200})
{'15': 3, '18': 5, '46': 2}
>>> apportion(7, {"18": 500, "15": 300, "46": 200}, "dhondt")
{'15': 2, '18': 4, '46': 1}
>>> apportion(7, {"18": 500, "15": 300, "46": 200}, "sainte-lague")
{'15': 2, '18': 4, '46': 1}
"""

from __future__ import annotations

import enum
import heapq
import math
from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction
from typing import Final

from post65._decimal import exact
from post65.errors import InvalidParameter
from post65.text import msg

__all__ = ["MAX_UNITS", "Method", "apportion", "quotas"]

MAX_UNITS: Final[int] = 10**18
"""The most units :func:`apportion` shares out (10¹⁸ kroner is the largest amount post65 takes)."""


class Method(enum.StrEnum):
    """An apportionment method, by the name ``post65 allocate --method`` uses."""

    LARGEST_REMAINDER = "largest-remainder"
    SAINTE_LAGUE = "sainte-lague"
    DHONDT = "dhondt"


def _method(method: object) -> Method:
    if isinstance(method, Method):
        return method
    if isinstance(method, str):
        for m in Method:
            if m.value == method:
                return m
    shown = method if isinstance(method, str) else type(method).__name__
    raise InvalidParameter(
        msg("apportion.unknown_method", shown=str(shown)[:40], names=list(Method))
    )


def _units(units: object) -> int:
    if isinstance(units, bool) or not isinstance(units, int):
        raise InvalidParameter(msg("apportion.units.not_an_int", kind=type(units).__name__))
    if units < 0 or units > MAX_UNITS:
        raise InvalidParameter(msg("apportion.units.range", units=str(units)))
    return int(units)


def _weight(key: object, value: object) -> Fraction:
    """``value`` as an exact non-negative Fraction; floats, bools, NaN and negatives refused."""
    if not isinstance(key, str):
        raise InvalidParameter(msg("apportion.key.not_a_string", kind=type(key).__name__))
    out: Fraction | None = None
    if isinstance(value, Decimal):
        out = Fraction(value) if value.is_finite() else None
    elif isinstance(value, int | Fraction) and not isinstance(value, bool):
        out = Fraction(value)
    if out is None:
        if isinstance(value, float):
            raise InvalidParameter(msg("apportion.weight.float", key=key))
        raise InvalidParameter(
            msg("apportion.weight.not_exact", key=key, kind=type(value).__name__)
        )
    if out < 0:
        raise InvalidParameter(msg("apportion.weight.negative", key=key, value=str(value)))
    return out


def _integer_weights(weights: Mapping[str, int | Fraction | Decimal]) -> dict[str, int]:
    """The weights scaled by one common factor to integers (ratios, and so results, unchanged)."""
    if not isinstance(weights, Mapping):
        raise InvalidParameter(msg("apportion.weights.not_a_mapping"))
    exact = {key: _weight(key, value) for key, value in weights.items()}
    denominator = 1
    for w in exact.values():
        denominator = math.lcm(denominator, w.denominator)
    return {key: int(w * denominator) for key, w in exact.items()}


def _tie_rank(weights: Mapping[str, int]) -> dict[str, int]:
    """Each key's place in the tie order: the larger weight first, then the lower key."""
    order = sorted(weights, key=lambda k: (-weights[k], k))
    return {key: place for place, key in enumerate(order)}


def _largest_remainder(units: int, weights: dict[str, int], total: int) -> dict[str, int]:
    seats: dict[str, int] = {}
    remainders: dict[str, int] = {}
    for key, w in weights.items():
        seats[key], remainders[key] = divmod(units * w, total)
    left = units - sum(seats.values())
    if left:
        rank = _tie_rank(weights)
        for key in sorted(weights, key=lambda k: (-remainders[k], rank[k]))[:left]:
            seats[key] += 1
    return seats


def _divisor(units: int, weights: dict[str, int], total: int, step: int) -> dict[str, int]:
    """A divisor method with ``d(s) = step·s + 1`` (D'Hondt: step 1, Sainte-Laguë: step 2).

    ``s_i`` starts as the number of entries with priority ``p_i/d(s) > P/(step·U)``, i.e. with
    ``d(s) ≤ M_i = ⌊(step·U·p_i − 1)/P⌋``: a prefix of the total order. Then whole entries of
    the order are added (or removed) at its end until exactly ``units`` are handed out.
    """
    seats: dict[str, int] = {}
    for key, w in weights.items():
        limit = (step * units * w - 1) // total
        seats[key] = 0 if limit < 1 else (limit - 1) // step + 1
    handed = sum(seats.values())
    if handed == units:
        return seats
    rank = _tie_rank(weights)
    if handed < units:
        # Next entry of each party: priority w/d(s); the order wants the largest priority, then the
        # lowest rank. heapq pops the smallest, so use the negated priority as a Fraction.
        heap = [
            (-Fraction(w, step * seats[key] + 1), rank[key], key)
            for key, w in weights.items()
            if w > 0
        ]
        heapq.heapify(heap)
        while handed < units:
            _, place, key = heapq.heappop(heap)
            seats[key] += 1
            handed += 1
            heapq.heappush(heap, (-Fraction(weights[key], step * seats[key] + 1), place, key))
        return seats
    # Too many: remove the last entries of the order. A party's last entry has priority
    # w/d(s-1); the last of all has the smallest priority, then the highest rank.
    back = [
        (Fraction(w, step * (seats[key] - 1) + 1), -rank[key], key)
        for key, w in weights.items()
        if seats[key] > 0
    ]
    heapq.heapify(back)
    while handed > units:
        _, minus_place, key = heapq.heappop(back)
        seats[key] -= 1
        handed -= 1
        if seats[key] > 0:
            heapq.heappush(
                back, (Fraction(weights[key], step * (seats[key] - 1) + 1), minus_place, key)
            )
    return seats


@exact
def apportion(
    units: int,
    weights: Mapping[str, int | Fraction | Decimal],
    method: Method | str = Method.LARGEST_REMAINDER,
) -> dict[str, int]:
    """Share ``units`` whole units between the keys of ``weights``, exactly, by ``method``.

    ``weights`` maps each key (a fylkesnummer) to a non-negative ``int``, ``Fraction`` or finite
    ``Decimal`` (never a float). The result maps every key, in key order, to its units; they sum
    to ``units``. A key with weight 0 gets 0. Ties go to the larger weight, then the lower key.

    >>> apportion(1, {"03": 1, "18": 1})
    {'03': 1, '18': 0}
    >>> apportion(3, {"a": Fraction(1, 3), "b": Decimal("0.5")}, Method.DHONDT)
    {'a': 1, 'b': 2}
    >>> apportion(5, {"18": 0})
    Traceback (most recent call last):
    ...
    post65.errors.InvalidParameter: cannot share 5 units: the weights add up to 0

    :raises InvalidParameter: (a ``ValueError``) for a negative or non-integer ``units``, a float
        or negative weight, an unknown method, or ``units > 0`` with weights that add up to 0.
    """
    count = _units(units)
    chosen = _method(method)
    scaled = _integer_weights(weights)
    total = sum(scaled.values())
    if count == 0:
        return dict.fromkeys(sorted(scaled), 0)
    if total == 0:
        raise InvalidParameter(msg("apportion.weights.zero", count=count))
    if chosen is Method.LARGEST_REMAINDER:
        seats = _largest_remainder(count, scaled, total)
    else:
        seats = _divisor(count, scaled, total, 1 if chosen is Method.DHONDT else 2)
    return {key: seats[key] for key in sorted(seats)}


@exact
def quotas(units: int, weights: Mapping[str, int | Fraction | Decimal]) -> dict[str, Fraction]:
    """Each key's exact quota ``U·p_i/P`` (all 0 when the weights add up to 0).

    >>> quotas(10, {"18": 2, "15": 1})
    {'15': Fraction(10, 3), '18': Fraction(20, 3)}
    """
    count = _units(units)
    scaled = _integer_weights(weights)
    total = sum(scaled.values())
    if total == 0:
        return dict.fromkeys(sorted(scaled), Fraction(0))
    return {key: Fraction(count * scaled[key], total) for key in sorted(scaled)}
