"""The selection rules: which municipalities are the target of the allocation."""

from __future__ import annotations

import enum
import functools
import re
from collections.abc import Iterable, Mapping
from decimal import Decimal
from fractions import Fraction
from typing import ClassVar, Final, TypeAlias

import attrs

from post65._decimal import exact, exact_methods
from post65.districtindex import DistrictIndex, FrozenMap
from post65.errors import InvalidParameter, Post65Error
from post65.geography import register
from post65.money import format_number
from post65.rulebook import Text


class SelectionRule(enum.StrEnum):
    """How the target municipalities are chosen (the names of the ``post65 allocate`` options)."""

    LOWEST = "lowest"
    MAX_SCORE = "max-score"
    POPULATION_SHARE = "population-share"
    MUNICIPALITIES = "municipalities"


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
