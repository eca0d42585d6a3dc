"""Allocating an amount between the counties, recomputing a stated allocation, comparing two."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

import attrs

from post65._decimal import exact, exact_methods
from post65.allocation.document import (
    Allocation,
    CountyAllocation,
    SelectionSpec,
    StatedIndex,
    Unit,
    _unit_of,
    _units_of,
)
from post65.allocation.selection import (
    _SELECTION_TYPES,
    Explicit,
    PopulationShare,
    Selection,
    _index_of,
    _population_map,
)
from post65.apportion import Method, _method, apportion
from post65.districtindex import DistrictIndex, PopulationTable, describe_missing
from post65.errors import InvalidArgument, InvalidParameter
from post65.geography import register
from post65.money import Money, kroner, nok
from post65.text import Message, msg


def _quota(units: int, weight: int, total: int) -> Decimal:
    """``units·weight/total`` rounded half up to 4 decimals, exactly."""
    if total == 0:
        return Decimal("0.0000")
    scaled = (2 * units * weight * 10_000 + total) // (2 * total)
    whole, frac = divmod(scaled, 10_000)
    return Decimal(f"{whole}.{frac:04d}")


def _population_note(population: Mapping[str, int] | None) -> Message:
    if population is None:
        return msg("allocation.note.register_population")
    return msg("allocation.note.file_population")


@exact
def allocate(
    amount: Money | str | int | Decimal,
    index: DistrictIndex | None,
    selection: Selection,
    *,
    method: Method | str = Method.LARGEST_REMAINDER,
    unit: Unit | str = Unit.KR,
    population: Mapping[str, int] | None = None,
) -> Allocation:
    """Share ``amount`` between the 15 counties by the population of the target municipalities.

    ``selection`` picks the target municipalities from ``index`` (``index`` may be ``None`` for
    :class:`Explicit`). Each county's weight ``p_i`` is the population of its target
    municipalities, from ``population`` (every 2024 kommunenummer → folketall), else the
    population a :class:`PopulationShare` carries, else the shipped 2024 register. With
    ``U = amount / unit``, the quota is ``U·p_i/P``, and ``method`` turns quotas into whole units
    exactly (:func:`post65.apportion.apportion`; ties go to the larger ``p_i``, then the lower
    fylkesnummer). A county without target municipalities gets 0; all 15 are listed.

    >>> from post65.allocation import Lowest
    >>> from post65.districtindex import DistrictIndex
    >>> index = DistrictIndex({"1826": 1, "1875": 2, "5632": 3, "4636": 4})
    >>> result = allocate("100 000 kr", index, Lowest(3), unit="1000kr")
    >>> [(c.name, c.population, str(c.quota), str(c.amount.magnitude))
    ...  for c in result.counties if c.population]
    [('Nordland', 4013, '65.5077', '66000'), ('Finnmark', 2113, '34.4923', '34000')]

    :raises InvalidAmount: for an amount that is negative, a float, or not a whole number of
        units.
    :raises InvalidParameter: for an unknown method or unit, a selection the index cannot
        satisfy, a bad population mapping, or an amount to share with no target population.
    """
    chosen_unit = _unit_of(unit)
    chosen_method = _method(method)
    money, units = _units_of(amount, chosen_unit)
    if not isinstance(selection, _SELECTION_TYPES):
        raise InvalidParameter(msg("allocation.selection.wrong_type"))
    stated_population = population
    if stated_population is None and isinstance(selection, PopulationShare):
        stated_population = selection.population
    pop = _population_map(stated_population)
    idx = None if index is None else _index_of(index, selection.rule)
    selected = selection.select(idx, population=pop)
    reg = register(2024)
    by_county: dict[str, list[str]] = {f.fylkesnummer: [] for f in reg.counties}
    for nr in sorted(selected.municipalities):
        by_county[reg.municipality(nr).fylkesnummer].append(nr)
    weights = {fnr: sum(pop[nr] for nr in nrs) for fnr, nrs in by_county.items()}
    total = sum(weights.values())
    if units > 0 and total == 0:
        raise InvalidParameter(msg("allocation.no_population"))
    shares = apportion(units, weights, chosen_method)
    counties = tuple(
        CountyAllocation(
            fylkesnummer=f.fylkesnummer,
            name=f.name,
            municipalities=tuple(by_county[f.fylkesnummer]),
            population=weights[f.fylkesnummer],
            quota=_quota(units, weights[f.fylkesnummer], total),
            amount=nok(shares[f.fylkesnummer] * chosen_unit.kroner),
        )
        for f in reg.counties
    )
    notes: list[Message] = []
    if idx is not None:
        notes.extend(idx.notes)
        missing = idx.missing
        if missing and not isinstance(selection, Explicit):
            notes.append(describe_missing(missing))
    notes.extend(selected.notes)
    notes.append(_population_note(None if stated_population is None else pop))
    if isinstance(stated_population, PopulationTable):
        notes.extend(stated_population.notes)
    return Allocation(
        amount=money,
        unit=chosen_unit,
        method=chosen_method,
        selection=SelectionSpec(selected.rule, selected.value),
        counties=counties,
        index=None if idx is None else StatedIndex(idx.scores, idx.year),
        population=None if stated_population is None else pop,
        threshold=selected.threshold,
        notes=tuple(notes),
    )


@exact
def recompute(document: Allocation) -> Allocation:
    """The allocation recomputed from the inputs ``document`` states (what A-3.1 compares).

    :raises Post65Error: when the stated inputs cannot give an allocation (for instance a
        selection by score with no index stated).
    """
    index = None if document.index is None else document.index.index()
    selection = document.selection.selection(document.population)
    return allocate(
        document.amount,
        index,
        selection,
        method=document.method,
        unit=document.unit,
        population=document.population,
    )


@exact_methods
@attrs.frozen
class CountyDifference:
    """How one county fares in allocation ``b`` compared with allocation ``a``."""

    fylkesnummer: str
    name: str
    amount_a: Money
    amount_b: Money
    gained: tuple[str, ...]
    """Target municipalities in ``b`` that are not in ``a``."""
    lost: tuple[str, ...]
    """Target municipalities in ``a`` that are not in ``b``."""

    @property
    def difference(self) -> Money:
        """``amount_b − amount_a``."""
        return nok(kroner(self.amount_b) - kroner(self.amount_a))


@exact_methods
@attrs.frozen
class Comparison:
    """Two allocations side by side, county by county (``b`` minus ``a``)."""

    a: Allocation
    b: Allocation
    counties: tuple[CountyDifference, ...]

    @property
    def gained(self) -> tuple[str, ...]:
        """Every target municipality of ``b`` that is not one of ``a``."""
        return tuple(nr for c in self.counties for nr in c.gained)

    @property
    def lost(self) -> tuple[str, ...]:
        """Every target municipality of ``a`` that is not one of ``b``."""
        return tuple(nr for c in self.counties for nr in c.lost)


@exact
def compare(a: Allocation, b: Allocation) -> Comparison:
    """County by county: the amounts of ``a`` and ``b``, the difference in kroner (``b − a``),
    and the target municipalities gained and lost.

    >>> from post65.allocation import Lowest
    >>> from post65.districtindex import DistrictIndex
    >>> index = DistrictIndex({"1826": 1, "1875": 2, "5632": 3, "4636": 4})
    >>> diff = compare(allocate(1000, index, Lowest(2)), allocate(1000, index, Lowest(3)))
    >>> [(c.fylkesnummer, str(c.difference.magnitude), c.gained) for c in diff.counties
    ...  if c.gained or c.lost or kroner(c.difference)]
    [('18', '-345', ()), ('56', '345', ('5632',))]

    ``a`` or ``b`` that is not an :class:`Allocation` raises
    :class:`~post65.errors.InvalidArgument` (a ``TypeError``).
    """
    for arg in (a, b):
        if not isinstance(arg, Allocation):
            name = type(arg).__name__
            raise InvalidArgument(msg("allocation.compare.wrong_type", kind=name))
    reg = register(2024)
    lines_a = {c.fylkesnummer: c for c in a.counties}
    lines_b = {c.fylkesnummer: c for c in b.counties}
    rows = []
    for fnr in sorted(lines_a.keys() | lines_b.keys()):
        line_a, line_b = lines_a.get(fnr), lines_b.get(fnr)
        in_a = set(line_a.municipalities) if line_a else set()
        in_b = set(line_b.municipalities) if line_b else set()
        known = line_a or line_b
        name = known.name if known is not None else reg.county(fnr).name
        rows.append(
            CountyDifference(
                fylkesnummer=fnr,
                name=name,
                amount_a=line_a.amount if line_a else nok(0),
                amount_b=line_b.amount if line_b else nok(0),
                gained=tuple(sorted(in_b - in_a)),
                lost=tuple(sorted(in_a - in_b)),
            )
        )
    return Comparison(a, b, tuple(rows))
