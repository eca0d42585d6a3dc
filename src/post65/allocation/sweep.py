"""How an allocation moves with the cut-off: :func:`sweep_lowest` allocates the same amount for
every ``n`` lowest-scoring municipalities in a range (``post65 allocate --sweep-lowest A:B:STEP``).

Each cut-off is an ordinary :func:`~post65.allocation.allocate` with :class:`Lowest` ``(n)``: the
``n`` lowest scores on the district index, every municipality tied with the ``n``-th included, so
each cut-off's county amounts sum to the amount exactly.

>>> from post65.districtindex import DistrictIndex
>>> index = DistrictIndex({"1826": 1, "1875": 2, "5632": 3, "4636": 4})
>>> [(a.selection.value, [str(c.amount.magnitude) for c in a.counties if c.population])
...  for a in sweep_lowest(1000, index, SweepRange(1, 3))]
[('1', ['1000']), ('2', ['1000']), ('3', ['655', '345'])]
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal
from typing import Final

import attrs

from post65._decimal import exact
from post65.allocation.compute import allocate
from post65.allocation.document import Allocation, Unit
from post65.allocation.selection import Lowest, SelectionRule
from post65.apportion import Method
from post65.districtindex import DistrictIndex
from post65.errors import InvalidParameter
from post65.money import Money
from post65.text import msg

__all__ = ["MAX_CUTOFFS", "SweepRange", "parse_sweep", "sweep_lowest"]

MAX_CUTOFFS: Final = 400
"""The most cut-offs one sweep computes (357 municipalities: every one of them fits)."""


def _positive(_instance: object, _attribute: attrs.Attribute[int], value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise InvalidParameter(msg("sweep.positive", value=repr(value)))


@attrs.frozen
class SweepRange:
    """The cut-offs ``start``, ``start + step``, … up to ``stop`` (included)."""

    start: int = attrs.field(validator=_positive)
    stop: int = attrs.field(validator=_positive)
    step: int = attrs.field(default=1, validator=_positive)

    def __attrs_post_init__(self) -> None:
        if self.stop < self.start:
            raise InvalidParameter(msg("sweep.reversed", start=self.start, stop=self.stop))
        if len(self.cutoffs) > MAX_CUTOFFS:
            raise InvalidParameter(msg("sweep.too_many", count=len(self.cutoffs), most=MAX_CUTOFFS))

    @property
    def cutoffs(self) -> range:
        """Every cut-off of the range."""
        return range(self.start, self.stop + 1, self.step)


_SWEEP_TEXT: Final = re.compile(r"\s*([0-9]{1,6})\s*:\s*([0-9]{1,6})\s*(?::\s*([0-9]{1,6})\s*)?")


def parse_sweep(text: str) -> SweepRange:
    """``A:B:STEP`` (or ``A:B``, step 1) as ``post65 allocate --sweep-lowest`` takes it.

    >>> parse_sweep("80:120:10").cutoffs
    range(80, 121, 10)
    """
    found = _SWEEP_TEXT.fullmatch(text) if isinstance(text, str) else None
    if found is None:
        raise InvalidParameter(msg("sweep.syntax", shown=str(text)[:40]))
    start, stop, step = found.groups()
    return SweepRange(int(start), int(stop), int(step or 1))


@exact
def sweep_lowest(
    amount: Money | str | int | Decimal,
    index: DistrictIndex,
    cutoffs: SweepRange,
    *,
    method: Method | str = Method.LARGEST_REMAINDER,
    unit: Unit | str = Unit.KR,
    population: Mapping[str, int] | None = None,
) -> tuple[Allocation, ...]:
    """One allocation of ``amount`` per cut-off of ``cutoffs``, each with :class:`Lowest`.

    :raises InvalidParameter: for a cut-off above the municipalities the index has (and every
        error :func:`~post65.allocation.allocate` raises).
    """
    if not isinstance(cutoffs, SweepRange):
        raise InvalidParameter(msg("sweep.wrong_type", kind=type(cutoffs).__name__))
    if not isinstance(index, DistrictIndex):
        raise InvalidParameter(msg("allocation.needs_index", rule=SelectionRule.LOWEST))
    ranked = len(index.ranked)
    if cutoffs.stop > ranked:
        raise InvalidParameter(msg("sweep.beyond_index", stop=cutoffs.stop, count=ranked))
    return tuple(
        allocate(amount, index, Lowest(n), method=method, unit=unit, population=population)
        for n in cutoffs.cutoffs
    )
