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

import enum
import functools
import re
from collections.abc import Iterable, Iterator, Mapping
from decimal import Decimal
from fractions import Fraction
from typing import Any, ClassVar, Final, TypeAlias

import attrs

from post65._decimal import exact, exact_methods
from post65.apportion import Method, apportion
from post65.districtindex import DistrictIndex, FrozenMap, describe_missing
from post65.errors import (
    InvalidAmount,
    InvalidArgument,
    InvalidParameter,
    Lang,
    Post65Error,
    Problem,
    UnknownCounty,
)
from post65.geography import register
from post65.io import pointer, register_kind
from post65.money import Money, amount_to_str, format_number, kroner, nok, parse_amount
from post65.rulebook import Text

__all__ = [
    "Allocation",
    "Comparison",
    "CountyAllocation",
    "CountyDifference",
    "Explicit",
    "Lowest",
    "MaxScore",
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


class SelectionRule(enum.StrEnum):
    """How the target municipalities are chosen (the names of the ``post65 allocate`` options)."""

    LOWEST = "lowest"
    MAX_SCORE = "max-score"
    POPULATION_SHARE = "population-share"
    MUNICIPALITIES = "municipalities"


class Unit(enum.StrEnum):
    """The unit amounts are whole multiples of: 1 kr or 1 000 kr."""

    KR = "kr"
    THOUSAND_KR = "1000kr"

    @property
    def kroner(self) -> int:
        """The unit in kroner: 1 or 1000."""
        return 1 if self is Unit.KR else 1000


# --------------------------------------------------------------------------------------------
# Selections


def _nb_number(value: Decimal) -> str:
    return format_number(value)


@exact_methods
@attrs.frozen
class Selected:
    """The target municipalities a selection picked from an index.

    ``threshold`` is the highest score included (``None`` for an explicit list or an empty
    selection); ``notes`` explain ties at the edge, in bokmål and English.
    """

    rule: SelectionRule
    value: str
    municipalities: frozenset[str]
    threshold: Decimal | None
    notes: tuple[Text, ...] = ()


def _index_of(index: object, rule: SelectionRule) -> DistrictIndex:
    if isinstance(index, DistrictIndex):
        return index
    scores = getattr(index, "scores", None)
    if index is not None and isinstance(scores, Mapping):
        return DistrictIndex(scores, year=getattr(index, "year", None))
    raise InvalidParameter(
        f"utvalget «{rule.value}» trenger en distriktsindeks (--index)",
        f"the selection '{rule.value}' needs a district index (--index)",
    )


def _check_positive_int(_instance: object, attribute: attrs.Attribute[int], value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise InvalidParameter(
            f"{attribute.name} må være et heltall ≥ 1, fikk {value!r}",
            f"{attribute.name} must be an integer >= 1, got {value!r}",
        )


def _to_decimal(value: object) -> Decimal:
    """An exact Decimal from a Decimal, an int or text (decimal comma or point); never a float."""
    if isinstance(value, Decimal):
        out = value
    elif isinstance(value, int) and not isinstance(value, bool):
        out = Decimal(value)
    elif isinstance(value, str) and _DECIMAL_TEXT.fullmatch(value.strip()):
        out = Decimal(value.strip().replace(",", "."))
    else:
        shown = str(value)[:40] if isinstance(value, str) else type(value).__name__
        raise InvalidParameter(
            f"forventet et tall (Decimal, int eller tekst som «45,5»), fikk {shown}",
            f"expected a number (Decimal, int or text such as '45.5'), got {shown}",
        )
    if not out.is_finite():
        raise InvalidParameter(f"{out} er ikke et endelig tall", f"{out} is not a finite number")
    return out


_DECIMAL_TEXT: Final = re.compile(r"[0-9]{1,12}(?:[.,][0-9]{1,30})?")


def _check_score(_instance: object, _attribute: attrs.Attribute[Decimal], value: Decimal) -> None:
    if not 0 <= value <= 100:
        raise InvalidParameter(
            f"en skår er mellom 0 og 100, fikk {value}",
            f"a score is between 0 and 100, got {value}",
        )


def _check_percent(_instance: object, _attribute: attrs.Attribute[Decimal], value: Decimal) -> None:
    if not 0 < value <= 100:
        raise InvalidParameter(
            f"andelen må være over 0 og høyst 100 prosent, fikk {value}",
            f"the share must be above 0 and at most 100 percent, got {value}",
        )


@exact_methods
@attrs.frozen
class Lowest:
    """The ``n`` lowest-scoring municipalities; if the ``n``-th and the next score are equal,
    every municipality with that score is in, and a note says so.

    >>> index = DistrictIndex({"1826": 10, "1875": 20, "5632": 20, "0301": 90})
    >>> picked = Lowest(2).select(index)
    >>> sorted(picked.municipalities), picked.threshold
    (['1826', '1875', '5632'], Decimal('20'))
    >>> print(picked.notes[0].en)
    Municipality number 2 in the ranking and the next one have the same score (20): all 2 with ...
    """

    n: int = attrs.field(validator=_check_positive_int)
    rule: ClassVar[SelectionRule] = SelectionRule.LOWEST

    @property
    def value(self) -> str:
        """The cut-off as ``post65 allocate`` writes it."""
        return str(self.n)

    def select(
        self, index: DistrictIndex | None, *, population: Mapping[str, int] | None = None
    ) -> Selected:
        """The municipalities picked from ``index`` (``population`` is not used)."""
        idx = _index_of(index, self.rule)
        ranked = idx.ranked
        if self.n > len(ranked):
            raise InvalidParameter(
                f"indeksen har bare {len(ranked)} kommuner; kan ikke velge de {self.n} laveste",
                f"the index has only {len(ranked)} municipalities; cannot pick the {self.n} lowest",
            )
        edge = idx.ranked_scores[self.n - 1]
        end = idx.count_at_most(edge)
        notes: tuple[Text, ...] = ()
        if end > self.n:
            tied = end - idx.ranked_scores.index(edge)
            notes = (
                Text(
                    f"Kommune nummer {self.n} i rangeringen og den neste har samme skår"
                    f" ({_nb_number(edge)}): alle {tied} med denne skåren er med, til sammen"
                    f" {end} kommuner i stedet for {self.n}",
                    f"Municipality number {self.n} in the ranking and the next one have the same"
                    f" score ({edge}): all {tied} with that score are in, {end} municipalities"
                    f" instead of {self.n}",
                ),
            )
        return Selected(self.rule, self.value, frozenset(ranked[:end]), edge, notes)


@exact_methods
@attrs.frozen
class MaxScore:
    """Every municipality with a score at most ``score`` (0-100).

    >>> picked = MaxScore(Decimal("20")).select(DistrictIndex({"1826": 10, "1875": 20, "0301": 90}))
    >>> sorted(picked.municipalities), picked.threshold
    (['1826', '1875'], Decimal('20'))
    """

    score: Decimal = attrs.field(converter=_to_decimal, validator=_check_score)
    rule: ClassVar[SelectionRule] = SelectionRule.MAX_SCORE

    @property
    def value(self) -> str:
        """The cut-off as ``post65 allocate`` writes it."""
        return str(self.score)

    def select(
        self, index: DistrictIndex | None, *, population: Mapping[str, int] | None = None
    ) -> Selected:
        """The municipalities picked from ``index`` (``population`` is not used)."""
        idx = _index_of(index, self.rule)
        end = idx.count_at_most(self.score)
        threshold = idx.ranked_scores[end - 1] if end else None
        return Selected(self.rule, self.value, frozenset(idx.ranked[:end]), threshold)


@functools.cache
def _register_population() -> FrozenMap[int]:
    return FrozenMap({k.kommunenummer: k.population for k in register(2024)})


def _population_map(population: Mapping[str, int] | None) -> Mapping[str, int]:
    """``population`` checked (every 2024 municipality once, integers >= 0), or the register's."""
    if population is None:
        return _register_population()
    if isinstance(population, FrozenMap) and population is _register_population():
        return population
    if not isinstance(population, Mapping):
        raise InvalidParameter(
            "folketallet må være en mapping fra kommunenummer til heltall",
            "the population must be a mapping from kommunenummer to integer",
        )
    reg = register(2024)
    problems_nb: list[str] = []
    problems_en: list[str] = []
    for nr, value in population.items():
        if nr not in reg:
            problems_nb.append(f"{nr!r} er ikke et kommunenummer i 2024-registeret")
            problems_en.append(f"{nr!r} is not a kommunenummer of the 2024 register")
        elif isinstance(value, bool) or not isinstance(value, int) or value < 0:
            problems_nb.append(f"folketallet for {nr} må være et heltall ≥ 0, fikk {value!r}")
            problems_en.append(f"the population of {nr} must be an integer >= 0, got {value!r}")
    missing = [k.kommunenummer for k in reg if k.kommunenummer not in population]
    if missing:
        shown = ", ".join(missing[:10]) + (" …" if len(missing) > 10 else "")
        problems_nb.append(f"{len(missing)} kommuner mangler folketall: {shown}")
        problems_en.append(f"{len(missing)} municipalities have no population: {shown}")
    if problems_nb:
        raise InvalidParameter("; ".join(problems_nb), "; ".join(problems_en))
    return FrozenMap({nr: int(population[nr]) for nr in sorted(population)})


@exact_methods
@attrs.frozen
class PopulationShare:
    """The fewest lowest-scoring municipalities whose population together is at least
    ``percent`` % of the country's; every municipality tied at the edge score is included.

    The population is the one passed to :meth:`select` (``allocate`` passes its own), else
    ``population`` given here, else the shipped 2024 register.

    >>> index = DistrictIndex({"1826": 10, "1875": 20, "0301": 90})
    >>> sorted(PopulationShare(Decimal("0.01")).select(index).municipalities)
    ['1826']
    """

    percent: Decimal = attrs.field(converter=_to_decimal, validator=_check_percent)
    population: Mapping[str, int] | None = attrs.field(default=None, eq=False, repr=False)
    rule: ClassVar[SelectionRule] = SelectionRule.POPULATION_SHARE

    @property
    def value(self) -> str:
        """The cut-off as ``post65 allocate`` writes it."""
        return str(self.percent)

    def select(
        self, index: DistrictIndex | None, *, population: Mapping[str, int] | None = None
    ) -> Selected:
        """The municipalities picked from ``index`` by the population they hold."""
        idx = _index_of(index, self.rule)
        pop = _population_map(population if population is not None else self.population)
        country = sum(pop.values())
        target = Fraction(self.percent) * country / 100
        ranked, scores = idx.ranked, idx.ranked_scores
        held = 0
        end = 0
        while end < len(ranked):
            group_end = idx.count_at_most(scores[end])
            held += sum(pop[nr] for nr in ranked[end:group_end])
            end = group_end
            if held >= target:
                break
        else:
            share = Fraction(100 * held, country) if country else Fraction(0)
            shown = Decimal(share.numerator) / Decimal(share.denominator)
            raise InvalidParameter(
                f"kommunene i indeksen har til sammen bare {_nb_number(round(shown, 2))} % av"
                f" folketallet; kan ikke nå {_nb_number(self.percent)} %",
                f"the municipalities of the index hold only {round(shown, 2)} % of the"
                f" population together; cannot reach {self.percent} %",
            )
        edge = scores[end - 1]
        first_edge = scores.index(edge)
        edge_pops = [pop[nr] for nr in ranked[first_edge:end]]
        notes: tuple[Text, ...] = ()
        if len(edge_pops) > 1 and held - min(edge_pops) >= target:
            notes = (
                Text(
                    f"{len(edge_pops)} kommuner har samme skår ({_nb_number(edge)}) der"
                    f" {_nb_number(self.percent)} % av folketallet nås; alle er med, selv om"
                    " færre hadde vært nok",
                    f"{len(edge_pops)} municipalities share the score ({edge}) at which"
                    f" {self.percent} % of the population is reached; all are in, although"
                    " fewer would have been enough",
                ),
            )
        return Selected(self.rule, self.value, frozenset(ranked[:end]), edge, notes)


def _explicit_numbers(items: Iterable[str]) -> tuple[str, ...]:
    if isinstance(items, str) or not isinstance(items, Iterable):
        raise InvalidParameter(
            "kommunene må gis som en liste av kommunenumre",
            "the municipalities must be given as a list of kommunenumre",
        )
    reg = register(2024)
    seen: set[str] = set()
    problems_nb: list[str] = []
    problems_en: list[str] = []
    for nr in items:
        if nr in seen:
            problems_nb.append(f"{nr} står mer enn én gang")
            problems_en.append(f"{nr} is listed more than once")
            continue
        try:
            reg.municipality(nr)
        except Post65Error as exc:
            problems_nb.append(exc.nb)
            problems_en.append(exc.en)
            continue
        seen.add(nr)
    if problems_nb:
        raise InvalidParameter("; ".join(problems_nb), "; ".join(problems_en))
    return tuple(sorted(seen))


@exact_methods
@attrs.frozen
class Explicit:
    """An explicit list of target municipalities (2024 kommunenumre); no index is needed.

    >>> Explicit(["1875", "1826"]).select(None).municipalities == {"1826", "1875"}
    True
    """

    municipalities: tuple[str, ...] = attrs.field(converter=_explicit_numbers)
    rule: ClassVar[SelectionRule] = SelectionRule.MUNICIPALITIES

    @property
    def value(self) -> str:
        """The list as ``post65 allocate --municipalities`` takes it."""
        return ",".join(self.municipalities)

    def select(
        self, index: DistrictIndex | None = None, *, population: Mapping[str, int] | None = None
    ) -> Selected:
        """The listed municipalities (``index`` and ``population`` are not used)."""
        return Selected(self.rule, self.value, frozenset(self.municipalities), None)


Selection: TypeAlias = Lowest | MaxScore | PopulationShare | Explicit
"""Any of the four selection rules."""

_SELECTION_TYPES: Final = (Lowest, MaxScore, PopulationShare, Explicit)


@exact
def parse_selection(rule: SelectionRule | str, value: str) -> Selection:
    """The selection ``rule`` with ``value`` as ``post65 allocate`` writes it.

    >>> parse_selection("lowest", "100")
    Lowest(n=100)
    >>> parse_selection("max-score", "45,5")
    MaxScore(score=Decimal('45.5'))
    >>> parse_selection("municipalities", "1875, 1826")
    Explicit(municipalities=('1826', '1875'))
    """
    try:
        chosen = SelectionRule(rule)
    except ValueError:
        names = ", ".join(r.value for r in SelectionRule)
        raise InvalidParameter(
            f"ukjent utvalgsregel «{str(rule)[:40]}»; bruk en av {names}",
            f"unknown selection rule {str(rule)[:40]!r}; use one of {names}",
        ) from None
    text = value.strip() if isinstance(value, str) else ""
    if chosen is SelectionRule.LOWEST:
        if not (text.isascii() and text.isdigit()) or len(text) > 6 or int(text) < 1:
            raise InvalidParameter(
                f"antallet laveste må være et heltall fra 1 til 999 999, fikk «{str(value)[:40]}»",
                f"the number of lowest must be an integer from 1 to 999 999,"
                f" got {str(value)[:40]!r}",
            )
        return Lowest(int(text))
    if chosen is SelectionRule.MAX_SCORE:
        return MaxScore(text)
    if chosen is SelectionRule.POPULATION_SHARE:
        return PopulationShare(text.removesuffix("%").strip())
    numbers = [part for part in re.split(r"[\s,;]+", text) if part]
    if not numbers:
        raise InvalidParameter("kommunelisten er tom", "the list of municipalities is empty")
    return Explicit(numbers)


# --------------------------------------------------------------------------------------------
# The allocation document


def _doc(text: str) -> dict[str, str]:
    return {"doc": text}


@exact_methods
@attrs.frozen
class SelectionSpec:
    """The selection rule and its value, as ``post65 allocate`` writes them."""

    rule: SelectionRule = attrs.field(
        metadata=_doc("lowest, max-score, population-share or municipalities")
    )
    value: str = attrs.field(
        metadata=_doc('"100" (lowest), "45.5" (max-score), "12.5" (percent), "1826,1875" (list)')
    )

    def selection(self, population: Mapping[str, int] | None = None) -> Selection:
        """The selection this describes (``population`` is bound to a population share)."""
        parsed = parse_selection(self.rule, self.value)
        if isinstance(parsed, PopulationShare) and population is not None:
            return PopulationShare(parsed.percent, population)
        return parsed


def _frozen_scores(value: Mapping[str, Decimal]) -> Mapping[str, Decimal]:
    return value if isinstance(value, FrozenMap) else FrozenMap(value)


def _frozen_population(value: Mapping[str, int] | None) -> Mapping[str, int] | None:
    if value is None or isinstance(value, FrozenMap):
        return value
    return FrozenMap(value)


@exact_methods
@attrs.frozen
class StatedIndex:
    """The district index an allocation was computed from, as stated in the document."""

    scores: Mapping[str, Decimal] = attrs.field(
        converter=_frozen_scores, metadata=_doc("Score (0-100, as a string) per kommunenummer.")
    )
    year: int | None = attrs.field(default=None, metadata=_doc("The index year, if known."))

    def index(self) -> DistrictIndex:
        """The scores as a :class:`~post65.districtindex.DistrictIndex` (checked)."""
        return DistrictIndex(self.scores, year=self.year)


@exact_methods
@attrs.frozen
class CountyAllocation:
    """One county's line of the allocation table."""

    fylkesnummer: str
    name: str
    municipalities: tuple[str, ...] = attrs.field(
        metadata=_doc("The county's target municipalities (kommunenumre).")
    )
    population: int = attrs.field(metadata=_doc("Their population together (p_i)."))
    quota: Decimal = attrs.field(
        metadata=_doc("U·p_i/P in units, rounded half up to 4 decimals (for reading only).")
    )
    amount: Money = attrs.field(metadata=_doc("The county's amount in whole kroner."))

    @property
    def units(self) -> int:
        """How many units of the allocation the amount is (amount / unit)."""
        return int(kroner(self.amount))


@exact_methods
@attrs.frozen
class Allocation:
    """An allocation of an amount between the 15 counties, with the inputs it came from.

    This is the ``allocation`` document kind: ``index`` (the scores), ``population`` (``null``
    for the shipped 2024 register), ``selection``, ``method``, ``unit`` and ``amount`` are the
    inputs; ``counties`` the table; rule A-3.1 recomputes it from the inputs, to the krone.
    """

    amount: Money = attrs.field(metadata=_doc("The amount allocated, in whole kroner."))
    unit: Unit = attrs.field(metadata=_doc("Amounts are whole multiples of 1 kr or 1000 kr."))
    method: Method = attrs.field(metadata=_doc("The apportionment method."))
    selection: SelectionSpec
    counties: tuple[CountyAllocation, ...] = attrs.field(
        metadata=_doc("One line per county, by fylkesnummer; all 15 counties.")
    )
    index: StatedIndex | None = attrs.field(
        default=None, metadata=_doc("The district index used (null: none, for an explicit list).")
    )
    population: Mapping[str, int] | None = attrs.field(
        default=None,
        converter=_frozen_population,
        metadata=_doc("Population per kommunenummer; null: the shipped 2024 register (SSB)."),
    )
    threshold: Decimal | None = attrs.field(
        default=None, metadata=_doc("The highest score included (null for an explicit list).")
    )
    notes: tuple[Text, ...] = attrs.field(
        default=(), metadata=_doc("Notes on ties, missing municipalities, the population used.")
    )

    @property
    def municipalities(self) -> frozenset[str]:
        """Every target municipality."""
        return frozenset(nr for c in self.counties for nr in c.municipalities)

    @property
    def target_population(self) -> int:
        """The target population of all counties together (P)."""
        return sum(c.population for c in self.counties)

    def county(self, fylkesnummer: str) -> CountyAllocation:
        """The line of county ``fylkesnummer``."""
        for c in self.counties:
            if c.fylkesnummer == fylkesnummer:
                return c
        county = register(2024).county(fylkesnummer)  # UnknownCounty for a number not in 2024
        raise UnknownCounty(
            f"fylke {fylkesnummer} {county.name} står ikke i fordelingen",
            f"county {fylkesnummer} {county.name} is not in the allocation",
            number=fylkesnummer,
        )

    def to_cli_json(self, lang: Lang = "nb") -> dict[str, Any]:
        """The ``post65 allocate --format json`` object (``cli.md``'s shape, exactly)."""
        return {
            "amount": amount_to_str(self.amount),
            "unit": str(self.unit.kroner),
            "method": self.method.value,
            "selection": {
                "rule": self.selection.rule.value,
                "value": self.selection.value,
                "municipalities": len(self.municipalities),
            },
            "counties": [
                {
                    "fylkesnummer": c.fylkesnummer,
                    "name": c.name,
                    "municipalities": list(c.municipalities),
                    "population": c.population,
                    "quota": str(c.quota),
                    "amount": amount_to_str(c.amount),
                }
                for c in self.counties
            ],
            "notes": [note(lang) for note in self.notes],
        }


def _quota(units: int, weight: int, total: int) -> Decimal:
    """``units·weight/total`` rounded half up to 4 decimals, exactly."""
    if total == 0:
        return Decimal("0.0000")
    scaled = (2 * units * weight * 10_000 + total) // (2 * total)
    whole, frac = divmod(scaled, 10_000)
    return Decimal(f"{whole}.{frac:04d}")


def _method_of(method: Method | str) -> Method:
    try:
        return Method(method)
    except ValueError:
        names = ", ".join(m.value for m in Method)
        raise InvalidParameter(
            f"ukjent fordelingsmetode «{str(method)[:40]}»; bruk en av {names}",
            f"unknown apportionment method {str(method)[:40]!r}; use one of {names}",
        ) from None


def _unit_of(unit: Unit | str) -> Unit:
    try:
        return Unit(unit)
    except ValueError:
        raise InvalidParameter(
            f"ukjent enhet «{str(unit)[:40]}»; bruk kr eller 1000kr",
            f"unknown unit {str(unit)[:40]!r}; use kr or 1000kr",
        ) from None


def _units_of(amount: Money | str | int | Decimal, unit: Unit) -> tuple[Money, int]:
    money = parse_amount(amount)
    value = kroner(money)
    if value < 0:
        raise InvalidAmount(
            f"beløpet som skal fordeles kan ikke være negativt ({value} kr)",
            f"the amount to allocate cannot be negative ({value} kr)",
        )
    if value != value.to_integral_value() or int(value) % unit.kroner:
        size = "hele kroner" if unit is Unit.KR else "hele tusen kroner"
        size_en = "whole kroner" if unit is Unit.KR else "whole thousands of kroner"
        raise InvalidAmount(
            f"beløpet {value} kr er ikke i {size} (enheten er {unit.value})",
            f"the amount {value} kr is not in {size_en} (the unit is {unit.value})",
        )
    return nok(int(value)), int(value) // unit.kroner


def _population_note(population: Mapping[str, int] | None) -> Text:
    if population is None:
        return Text(
            "Folketall: 1. januar 2024 (SSB), fra registeret som følger med post65",
            "Population: 1 January 2024 (SSB), from the register shipped with post65",
        )
    return Text("Folketall: fra oppgitt fil", "Population: from the file supplied")


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
    chosen_method = _method_of(method)
    money, units = _units_of(amount, chosen_unit)
    if not isinstance(selection, _SELECTION_TYPES):
        raise InvalidParameter(
            "utvalget må være Lowest, MaxScore, PopulationShare eller Explicit",
            "the selection must be Lowest, MaxScore, PopulationShare or Explicit",
        )
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
        raise InvalidParameter(
            "utvalget gir ingen kommuner med folketall; ingenting å fordele etter",
            "the selection gives no municipality with population; nothing to allocate by",
        )
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
    notes: list[Text] = []
    if idx is not None:
        notes.extend(idx.notes)
        missing = idx.missing
        if missing and not isinstance(selection, Explicit):
            notes.append(describe_missing(missing))
    notes.extend(selected.notes)
    notes.append(_population_note(None if stated_population is None else pop))
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


def _validate(doc: Allocation) -> Iterator[Problem]:
    """Problems that make an allocation document unusable (unknown numbers, bad values)."""
    reg = register(2024)
    try:
        _units_of(doc.amount, doc.unit)
    except Post65Error as exc:
        yield Problem(pointer("amount"), exc.nb, exc.en)
    try:
        parse_selection(doc.selection.rule, doc.selection.value)
    except Post65Error as exc:
        yield Problem(pointer("selection", "value"), exc.nb, exc.en)
    if doc.index is not None:
        for nr, score in doc.index.scores.items():
            where = pointer("index", "scores", nr)
            if nr not in reg:
                yield _unknown(where, nr)
            elif not 0 <= score <= 100:
                yield Problem(
                    where, f"skåren {score} er utenfor 0-100", f"the score {score} is outside 0-100"
                )
    if doc.population is not None:
        for nr, value in doc.population.items():
            where = pointer("population", nr)
            if nr not in reg:
                yield _unknown(where, nr)
            elif value < 0:
                yield Problem(
                    where,
                    f"folketallet kan ikke være negativt ({value})",
                    f"the population cannot be negative ({value})",
                )
        missing = [k.kommunenummer for k in reg if k.kommunenummer not in doc.population]
        if missing:
            shown = ", ".join(missing[:10]) + (" …" if len(missing) > 10 else "")
            yield Problem(
                pointer("population"),
                f"{len(missing)} kommuner mangler folketall: {shown}",
                f"{len(missing)} municipalities have no population: {shown}",
            )
    counties = {f.fylkesnummer for f in reg.counties}
    for i, line in enumerate(doc.counties):
        if line.fylkesnummer not in counties:
            try:
                reg.county(line.fylkesnummer)
            except Post65Error as exc:
                yield Problem(pointer("counties", i, "fylkesnummer"), exc.nb, exc.en)
        for j, nr in enumerate(line.municipalities):
            if nr not in reg:
                yield _unknown(pointer("counties", i, "municipalities", j), nr)
        if line.population < 0:
            yield Problem(
                pointer("counties", i, "population"),
                "folketallet kan ikke være negativt",
                "the population cannot be negative",
            )
        try:
            parse_amount(line.amount)
        except Post65Error as exc:  # pragma: no cover - structured amounts are valid
            yield Problem(pointer("counties", i, "amount"), exc.nb, exc.en)


def _unknown(where: str, nr: str) -> Problem:
    try:
        register(2024).municipality(nr)
    except Post65Error as exc:
        return Problem(where, exc.nb, exc.en)
    return Problem(where, nr, nr)  # pragma: no cover - only called for unknown numbers


register_kind(
    "allocation",
    Allocation,
    title="Allocation between the counties (kap. 553 post 65, §3 of scheme a)",
    validate=_validate,
)


# --------------------------------------------------------------------------------------------
# What-if


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
            raise InvalidArgument(
                f"compare tar to Allocation, ikke {name}",
                f"compare takes two Allocations, not a value of type {name}",
            )
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
