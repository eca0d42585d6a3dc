"""The ``allocation`` document: the table and the inputs it states, and its validation."""

from __future__ import annotations

import enum
from collections.abc import Iterable, Iterator, Mapping
from decimal import Decimal
from typing import Any

import attrs

from post65._decimal import exact_methods
from post65.allocation.selection import (
    PopulationShare,
    Selection,
    SelectionRule,
    parse_selection,
    population_missing,
)
from post65.apportion import Method
from post65.districtindex import DistrictIndex, FrozenMap
from post65.errors import (
    InvalidAmount,
    InvalidParameter,
    Lang,
    Post65Error,
    Problem,
    UnknownCounty,
    pointer,
)
from post65.geography import municipality_problem, register
from post65.money import Money, amount_to_str, kroner, nok, parse_amount
from post65.text import Lang as Lang_
from post65.text import Message, msg


class Unit(enum.StrEnum):
    """The unit amounts are whole multiples of: 1 kr or 1 000 kr."""

    KR = "kr"
    THOUSAND_KR = "1000kr"

    @property
    def kroner(self) -> int:
        """The unit in kroner: 1 or 1000."""
        return 1 if self is Unit.KR else 1000


def _as_notes(notes: Iterable[Note | Message]) -> tuple[Note, ...]:
    return tuple(note if isinstance(note, Note) else Note.of(note) for note in notes)


@attrs.frozen
class Note:
    """A note of an allocation (a tie at the edge, municipalities missing from the index, the
    population used), stated in the document in bokmål and English, and in nynorsk when the
    document was written by post65 (a document without it shows the bokmål)."""

    nb: str
    en: str
    nn: str = attrs.field(
        default=attrs.Factory(lambda self: self.nb, takes_self=True),
        metadata={"doc": "The note in nynorsk (default: the bokmål)."},
    )

    @classmethod
    def of(cls, message: Message) -> Note:
        """The note ``message`` says, in every language."""
        return cls(nb=message("nb"), en=message("en"), nn=message("nn"))

    def render(self, lang: Lang = "nb") -> str:
        """The note in ``lang``."""
        return str(getattr(self, Lang_.parse(lang).value))

    __call__ = render


def _doc(text: str, **schema: object) -> dict[str, object]:
    """A field's metadata: its ``doc``, and keys of its JSON Schema (``pattern``, ``minimum``)."""
    return {"doc": text, **schema}


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
        converter=_frozen_scores,
        metadata=_doc("Score (0-100, as a string) per kommunenummer.", key_pattern="^[0-9]{4}$"),
    )
    year: int | None = attrs.field(default=None, metadata=_doc("The index year, if known."))

    def index(self) -> DistrictIndex:
        """The scores as a :class:`~post65.districtindex.DistrictIndex` (checked)."""
        return DistrictIndex(self.scores, year=self.year)


@exact_methods
@attrs.frozen
class CountyAllocation:
    """One county's line of the allocation table."""

    fylkesnummer: str = attrs.field(metadata=_doc("", pattern="^[0-9]{2}$"))
    name: str
    municipalities: tuple[str, ...] = attrs.field(
        metadata=_doc("The county's target municipalities (kommunenumre).", pattern="^[0-9]{4}$")
    )
    population: int = attrs.field(metadata=_doc("Their population together (p_i).", minimum=0))
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

    amount: Money = attrs.field(metadata=_doc("The amount allocated, in whole kroner.", minimum=0))
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
        metadata=_doc(
            "Population per kommunenummer; null: the shipped 2024 register (SSB).",
            minimum=0,
            key_pattern="^[0-9]{4}$",
        ),
    )
    threshold: Decimal | None = attrs.field(
        default=None, metadata=_doc("The highest score included (null for an explicit list).")
    )
    notes: tuple[Note, ...] = attrs.field(
        default=(),
        converter=_as_notes,
        metadata=_doc("Notes on ties, missing municipalities, the population used."),
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
            msg("allocation.county_not_in", nr=fylkesnummer, name=county.name),
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


def _unit_of(unit: Unit | str) -> Unit:
    try:
        return Unit(unit)
    except ValueError:
        raise InvalidParameter(msg("allocation.unit.unknown", shown=str(unit)[:40])) from None


def _units_of(amount: Money | str | int | Decimal, unit: Unit) -> tuple[Money, int]:
    money = parse_amount(amount)
    value = kroner(money)
    if value < 0:
        raise InvalidAmount(msg("allocation.amount.negative", amount=value))
    if value != value.to_integral_value() or int(value) % unit.kroner:
        if unit is Unit.KR:
            raise InvalidAmount(msg("allocation.amount.not_whole", amount=value, unit=unit))
        raise InvalidAmount(msg("allocation.amount.not_thousands", amount=value, unit=unit))
    return nok(int(value)), int(value) // unit.kroner


def validate_allocation(doc: Allocation) -> Iterator[Problem]:
    """Problems that make an allocation document unusable (unknown numbers, bad values)."""
    reg = register(2024)
    try:
        _units_of(doc.amount, doc.unit)
    except Post65Error as exc:
        yield Problem(pointer("amount"), exc.text)
    try:
        parse_selection(doc.selection.rule, doc.selection.value)
    except Post65Error as exc:
        yield Problem(pointer("selection", "value"), exc.text)
    if doc.index is not None:
        for nr, score in doc.index.scores.items():
            where = pointer("index", "scores", nr)
            if nr not in reg:
                yield _unknown(where, nr)
            elif not 0 <= score <= 100:
                yield Problem(where, msg("index.score.out_of_range", score=score))
    if doc.population is not None:
        for nr, value in doc.population.items():
            where = pointer("population", nr)
            if nr not in reg:
                yield _unknown(where, nr)
            elif value < 0:
                yield Problem(where, msg("allocation.population.negative", value=value))
        missing = [k.kommunenummer for k in reg if k.kommunenummer not in doc.population]
        if missing:
            yield Problem(pointer("population"), population_missing(missing))
    counties = {f.fylkesnummer for f in reg.counties}
    for i, line in enumerate(doc.counties):
        if line.fylkesnummer not in counties:
            try:
                reg.county(line.fylkesnummer)
            except Post65Error as exc:
                yield Problem(pointer("counties", i, "fylkesnummer"), exc.text)
        for j, nr in enumerate(line.municipalities):
            if nr not in reg:
                yield _unknown(pointer("counties", i, "municipalities", j), nr)
        if line.population < 0:
            yield Problem(pointer("counties", i, "population"), msg("allocation.line.negative"))
        try:
            parse_amount(line.amount)
        except Post65Error as exc:  # pragma: no cover - structured amounts are valid
            yield Problem(pointer("counties", i, "amount"), exc.text)


def _unknown(where: str, nr: str) -> Problem:
    """The problem of a kommunenummer not in the register (the register's one message)."""
    problem = municipality_problem(where, nr)
    return problem or Problem(where, msg("index.not_a_kommunenummer", value=nr))


# --------------------------------------------------------------------------------------------
# What-if
