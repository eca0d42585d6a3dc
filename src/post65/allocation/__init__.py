"""The allocation between the counties (§3 of scheme a): target municipalities and exact amounts.

«Fordeling av midlene mellom fylkeskommunene tar utgangspunkt i folketallet i kommunene som
skårer lavest på distriktsindeksen» (regelverk 12.12.2023, §3). KDD uses the same kind of key for
scheme b. The regulation does not say where the cut-off lies, so the caller chooses it:

- :class:`Lowest` ``(n)``: the ``n`` lowest scores (and every municipality tied with the ``n``-th);
- :class:`MaxScore` ``(s)``: every municipality with a score at most ``s``;
- :class:`PopulationShare` ``(p)``: the fewest lowest-scoring municipalities holding at least
  ``p`` % of the country's population (ties at the edge included);
- :class:`Explicit` ``([...])``: a list of kommunenumre.

:func:`allocate` then shares the amount between the 15 counties by the target population of each,
with :func:`post65.apportion.apportion` (largest remainder, Sainte-Laguë or D'Hondt), in whole
units of 1 kr or 1 000 kr. The result, :class:`Allocation`, is also the ``allocation`` document
kind: it states its inputs, so rule A-3.1 can recompute it to the krone. :func:`compare` shows the
difference between two allocations, county by county.

>>> from decimal import Decimal
>>> from post65.districtindex import DistrictIndex
>>> index = DistrictIndex({"1826": Decimal("3.1"), "1875": Decimal("8.4"), "5632": Decimal("9")})
>>> result = allocate("1 000 000 kr", index, Lowest(2))
>>> [(c.fylkesnummer, str(c.amount.magnitude)) for c in result.counties if c.population]
[('18', '1000000')]
"""

from __future__ import annotations

from post65.allocation.compute import (
    Comparison,
    CountyDifference,
    allocate,
    compare,
    recompute,
)
from post65.allocation.document import (
    Allocation,
    CountyAllocation,
    Note,
    SelectionSpec,
    StatedIndex,
    Unit,
)
from post65.allocation.document import (
    _units_of as _units_of,  # used by post65.cli_allocate
)
from post65.allocation.selection import (
    Explicit,
    Lowest,
    MaxScore,
    PopulationShare,
    Selected,
    Selection,
    SelectionRule,
)
from post65.allocation.selection import (
    parse_selection as parse_selection,
)

__all__ = [
    "Allocation",
    "Comparison",
    "CountyAllocation",
    "CountyDifference",
    "Explicit",
    "Lowest",
    "MaxScore",
    "Note",
    "PopulationShare",
    "Selected",
    "Selection",
    "SelectionRule",
    "SelectionSpec",
    "StatedIndex",
    "Unit",
    "allocate",
    "compare",
    "recompute",
]
