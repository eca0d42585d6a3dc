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
from post65.text import Message, msg


class SelectionRule(enum.StrEnum):
    """How the target municipalities are chosen (the names of the ``post65 allocate`` options)."""

    LOWEST = "lowest"
    MAX_SCORE = "max-score"
    POPULATION_SHARE = "population-share"
    MUNICIPALITIES = "municipalities"


def _joined(problems: list[Message]) -> Message:
    """Several problems as one message, separated by semicolons."""
    joined = problems[-1]
    for problem in reversed(problems[:-1]):
        joined = msg("allocation.problems", first=problem, rest=joined)
    return joined


@exact_methods
@attrs.frozen
class Selected:
    """The target municipalities a selection picked from an index.

    ``threshold`` is the highest score included (``None`` for an explicit list or an empty
    selection); ``notes`` explain ties at the edge (catalogue messages).
    """

    rule: SelectionRule
    value: str
    municipalities: frozenset[str]
    threshold: Decimal | None
    notes: tuple[Message, ...] = ()


def _index_of(index: object, rule: SelectionRule) -> DistrictIndex:
    if isinstance(index, DistrictIndex):
        return index
    scores = getattr(index, "scores", None)
    if index is not None and isinstance(scores, Mapping):
        return DistrictIndex(scores, year=getattr(index, "year", None))
    raise InvalidParameter(msg("allocation.needs_index", rule=rule))


def _check_positive_int(_instance: object, attribute: attrs.Attribute[int], value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise InvalidParameter(
            msg("allocation.positive_int", name=attribute.name, value=repr(value))
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
        raise InvalidParameter(msg("allocation.not_a_number", shown=shown))
    if not out.is_finite():
        raise InvalidParameter(msg("allocation.not_finite", value=str(out)))
    return out.copy_abs() if out.is_zero() else out  # -0 is 0


_DECIMAL_TEXT: Final = re.compile(r"[-+]?[0-9]{1,12}(?:[.,][0-9]{1,30})?")
"""A number as text; a sign too, so a negative one is told it is out of range."""


def _check_score(_instance: object, _attribute: attrs.Attribute[Decimal], value: Decimal) -> None:
    if not 0 <= value <= 100:
        raise InvalidParameter(msg("allocation.score_range", value=str(value)))


def _check_percent(_instance: object, _attribute: attrs.Attribute[Decimal], value: Decimal) -> None:
    if not 0 < value <= 100:
        raise InvalidParameter(msg("allocation.share_range", value=str(value)))


@exact_methods
@attrs.frozen
class Lowest:
    """The ``n`` lowest-scoring municipalities; if the ``n``-th and the next score are equal,
    every municipality with that score is in, and a note says so.

    >>> index = DistrictIndex({"1826": 10, "1875": 20, "5632": 20, "0301": 90})
    >>> picked = Lowest(2).select(index)
    >>> sorted(picked.municipalities), picked.threshold
    (['1826', '1875', '5632'], Decimal('20'))
    >>> print(picked.notes[0]("en"))
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
            raise InvalidParameter(msg("allocation.lowest.too_few", count=len(ranked), n=self.n))
        edge = idx.ranked_scores[self.n - 1]
        end = idx.count_at_most(edge)
        notes: tuple[Message, ...] = ()
        if end > self.n:
            tied = end - idx.ranked_scores.index(edge)
            notes = (msg("allocation.lowest.tie", n=self.n, score=edge, tied=tied, count=end),)
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
        raise InvalidParameter(msg("allocation.population.not_a_mapping"))
    reg = register(2024)
    problems: list[Message] = []
    for nr, value in population.items():
        if nr not in reg:
            problems.append(msg("allocation.population.unknown", nr=repr(nr)))
        elif isinstance(value, bool) or not isinstance(value, int) or value < 0:
            problems.append(msg("allocation.population.not_an_int", nr=nr, value=repr(value)))
    missing = [k.kommunenummer for k in reg if k.kommunenummer not in population]
    if missing:
        problems.append(population_missing(missing))
    if problems:
        raise InvalidParameter(_joined(problems))
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
            held_share = Decimal(share.numerator) / Decimal(share.denominator) / 100
            raise InvalidParameter(
                msg(
                    "allocation.share.unreachable",
                    held=held_share,
                    percent=self.percent.scaleb(-2),
                )
            )
        edge = scores[end - 1]
        first_edge = scores.index(edge)
        edge_pops = [pop[nr] for nr in ranked[first_edge:end]]
        notes: tuple[Message, ...] = ()
        if len(edge_pops) > 1 and held - min(edge_pops) >= target:
            notes = (
                msg(
                    "allocation.share.tie",
                    count=len(edge_pops),
                    score=edge,
                    percent=self.percent.scaleb(-2),
                ),
            )
        return Selected(self.rule, self.value, frozenset(ranked[:end]), edge, notes)


def _explicit_numbers(items: Iterable[str]) -> tuple[str, ...]:
    if isinstance(items, str) or not isinstance(items, Iterable):
        raise InvalidParameter(msg("allocation.explicit.not_a_list"))
    reg = register(2024)
    seen: set[str] = set()
    problems: list[Message] = []
    for nr in items:
        if nr in seen:
            problems.append(msg("allocation.explicit.twice", nr=nr))
            continue
        try:
            reg.municipality(nr)
        except Post65Error as exc:
            problems.append(exc.text)
            continue
        seen.add(nr)
    if problems:
        raise InvalidParameter(_joined(problems))
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
        raise InvalidParameter(
            msg(
                "allocation.selection.unknown_rule", shown=str(rule)[:40], names=list(SelectionRule)
            )
        ) from None
    text = value.strip() if isinstance(value, str) else ""
    if chosen is SelectionRule.LOWEST:
        if not (text.isascii() and text.isdigit()) or len(text) > 6 or int(text) < 1:
            raise InvalidParameter(msg("allocation.selection.lowest", shown=str(value)[:40]))
        return Lowest(int(text))
    if chosen is SelectionRule.MAX_SCORE:
        return MaxScore(text)
    if chosen is SelectionRule.POPULATION_SHARE:
        return PopulationShare(text.removesuffix("%").strip())
    numbers = [part for part in re.split(r"[\s,;]+", text) if part]
    if not numbers:
        raise InvalidParameter(msg("allocation.selection.empty_list"))
    return Explicit(numbers)


# --------------------------------------------------------------------------------------------
# The allocation document


def population_missing(missing: list[str]) -> Message:
    """«N kommuner mangler folketall: ...»: the first ten numbers, and … for more."""
    shown = ", ".join(missing[:10]) + (" …" if len(missing) > 10 else "")
    return msg("allocation.population.missing", count=len(missing), shown=shown)
