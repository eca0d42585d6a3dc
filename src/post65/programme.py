"""Scheme c documents: a restructuring programme (omstillingsprogram).

*Tilskudd til omstilling i kommuner/regioner med vesentlig fall i sysselsettingen over relativt
kort tid*, under KDD's forskrift of 3 April 2024, with Innovasjon Norge's guidance and county
practice.

One document kind, ``programme``: a restructuring programme for an area of one or more
municipalities: the status decision (date, decided by; restructuring status lasts at most 6
years), the four phases with their dates (avklaring, strategi og forankring, gjennomføring,
avslutning), the approved cost base and its financing (public support, the municipalities' own
share), the measures per phase with the jobs they created, support to undertakings (de minimis),
and any municipal business fund (kommunalt næringsfond) granted to an area municipality. The
rules C-1 … C-6 are in :mod:`post65.schemes.c`.

>>> from post65.money import nok
>>> programme = Programme(
...     name="Omstilling Nord-Østerdal", county="34", year=2025, area=("3429", "3430"),
...     cost_base=nok(10_000_000), public_support=nok(7_500_000),
...     municipal_share=nok(2_500_000),
...     status=StatusDecision(decided=dt.date(2024, 6, 1), decided_by="county"),
... )
>>> list(validate_programme(programme))
[]
>>> [p.render("en") for p in validate_programme(attrs.evolve(programme, area=()))]
['/area: the area must have at least one municipality']
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable, Iterator
from decimal import Decimal

import attrs
import pint

from post65.codec import pointer
from post65.dates import add_years, day_before
from post65.errors import Problem, UnknownMunicipality
from post65.geography import register
from post65.money import kroner
from post65.stateaid import Support, support_problems
from post65.text import msg

__all__ = [
    "KINDS",
    "PHASE_ORDER",
    "BusinessFundGrant",
    "Contribution",
    "Criterion",
    "Phase",
    "PhasePeriod",
    "Programme",
    "ProgrammeMeasure",
    "StatusDecision",
    "status_period",
    "validate_programme",
]

KINDS = ("programme",)
"""The document kind of scheme c."""


class Phase(enum.StrEnum):
    """The four phases of a restructuring programme, in order."""

    AVKLARING = "avklaring"
    STRATEGI_OG_FORANKRING = "strategi_og_forankring"
    GJENNOMFORING = "gjennomforing"
    AVSLUTNING = "avslutning"


PHASE_ORDER: tuple[Phase, ...] = tuple(Phase)
"""The phases in the order they run."""


class Criterion(enum.StrEnum):
    """The scheme c criteria a measure contributes to."""

    DEVELOPMENT_CAPACITY = "development_capacity"
    """Stronger development capacity."""
    BUSINESS_COMPETENCE = "business_competence"
    """More competence for business development in the municipality and region."""
    JOBS = "jobs"
    """More jobs (reported as a number: ``jobs_created``)."""


@attrs.frozen
class Contribution:
    """How a measure contributes to one scheme c criterion."""

    criterion: Criterion
    description: str


@attrs.frozen
class StatusDecision:
    """The decision giving the area restructuring status (omstillingsstatus)."""

    decided: dt.date = attrs.field(metadata={"doc": "the date of the decision"})
    decided_by: str = attrs.field(
        metadata={
            "doc": (
                "who decided: county or kdd (the Norwegian names are accepted too); the sources "
                "disagree on which decides, see rule C-1"
            )
        }
    )
    start: dt.date | None = attrs.field(
        default=None, metadata={"doc": "first day of the status period (default: decided)"}
    )
    end: dt.date | None = attrs.field(
        default=None,
        metadata={"doc": "last day of the status period (default: the longest allowed)"},
    )


@attrs.frozen
class PhasePeriod:
    """When one phase runs (both days included)."""

    phase: Phase
    start: dt.date
    end: dt.date


@attrs.frozen
class ProgrammeMeasure:
    """A measure (tiltak) of the programme, in one phase."""

    id: str
    title: str
    phase: Phase
    start: dt.date
    end: dt.date
    contributions: tuple[Contribution, ...] = ()
    jobs_created: int | None = attrs.field(
        default=None, metadata={"doc": "jobs created (a whole number; 0 if none)", "minimum": 0}
    )
    cost: pint.Quantity[Decimal] | None = attrs.field(default=None, metadata={"minimum": 0})
    support: Support | None = attrs.field(
        default=None, metadata={"doc": "support to an undertaking, when the measure gives any"}
    )


@attrs.frozen
class BusinessFundGrant:
    """A municipal business fund (kommunalt næringsfond) granted to a municipality."""

    kommunenummer: str = attrs.field(metadata={"pattern": "^[0-9]{4}$"})
    granted: dt.date
    amount: pint.Quantity[Decimal]
    description: str = ""


@attrs.frozen
class Programme:
    """A restructuring programme (omstillingsprogram) as the county follows it up in ``year``."""

    name: str
    county: str = attrs.field(
        metadata={"doc": "fylkesnummer of the county that follows it up", "pattern": "^[0-9]{2}$"}
    )
    year: int
    area: tuple[str, ...] = attrs.field(
        metadata={"doc": "kommunenumre of the area", "pattern": "^[0-9]{4}$"}
    )
    cost_base: pint.Quantity[Decimal] = attrs.field(
        metadata={"doc": "approved cost base", "minimum": 0}
    )
    public_support: pint.Quantity[Decimal] = attrs.field(
        metadata={
            "doc": "public support (post 65 and other public funds) of the cost base",
            "minimum": 0,
        }
    )
    municipal_share: pint.Quantity[Decimal] = attrs.field(
        metadata={"doc": "the area municipalities' own financing of the cost base", "minimum": 0}
    )
    status: StatusDecision | None = None
    phases: tuple[PhasePeriod, ...] = ()
    measures: tuple[ProgrammeMeasure, ...] = ()
    municipal_share_reason: str = attrs.field(
        default="", metadata={"doc": "why the municipal share is below the normal share"}
    )
    public_support_reason: str = attrs.field(
        default="",
        metadata={"doc": "why public support is above the preferred share (c.public_share_max)"},
    )
    business_fund: tuple[BusinessFundGrant, ...] = attrs.field(
        default=(), metadata={"doc": "municipal business funds granted to area municipalities"}
    )
    description: str = ""


def status_period(
    status: StatusDecision, max_years: Decimal | None
) -> tuple[dt.date, dt.date | None, bool]:
    """The first and last day of the status period, and whether the last day was computed (the
    decision gives none: the longest period ``max_years`` allows, or None if that is unknown).

    >>> status_period(StatusDecision(dt.date(2024, 3, 1), "county"), Decimal(6))
    (datetime.date(2024, 3, 1), datetime.date(2030, 2, 28), True)
    """
    start = status.start or status.decided
    if status.end is not None:
        return start, status.end, False
    if max_years is None:
        return start, None, True
    return start, day_before(add_years(start, int(max_years))), True


# --------------------------------------------------------------------------------------------
# Validation


def _area_problems(p: Programme) -> Iterator[Problem]:
    reg = register(2024)
    if not p.area:
        yield Problem("/area", msg("programme.area.empty"))
    seen: set[str] = set()
    for i, nr in enumerate(p.area):
        try:
            reg.municipality(nr)
        except UnknownMunicipality as exc:
            yield Problem(pointer("area", i), exc.text)
        if nr in seen:
            yield Problem(pointer("area", i), msg("programme.area.twice", nr=nr))
        seen.add(nr)


def _status_problems(s: StatusDecision) -> Iterator[Problem]:
    if not s.decided_by.strip():
        yield Problem("/status/decided_by", msg("programme.status.decided_by"))
    start = s.start or s.decided
    if s.end is not None and s.end < start:
        yield Problem("/status/end", msg("programme.status.ends_early"))


def _measure_problems(p: Programme) -> Iterator[Problem]:
    ids: set[str] = set()
    for i, m in enumerate(p.measures):
        if m.end < m.start:
            yield Problem(pointer("measures", i, "end"), msg("programme.measure.ends_early"))
        if m.id in ids:
            yield Problem(
                pointer("measures", i, "id"), msg("programme.measure.id_twice", id=m.id[:40])
            )
        ids.add(m.id)
        if m.jobs_created is not None and m.jobs_created < 0:
            yield Problem(pointer("measures", i, "jobs_created"), msg("programme.number.negative"))
        if m.cost is not None and kroner(m.cost) < 0:
            yield Problem(pointer("measures", i, "cost"), msg("programme.amount.negative"))
        if m.support is not None:
            yield from support_problems(m.support, ("measures", i, "support"))


def validate_programme(p: Programme) -> Iterable[Problem]:
    """Problems that make a ``programme`` document unusable (exit 2)."""
    reg = register(2024)
    if p.county not in {c.fylkesnummer for c in reg.counties}:
        yield Problem("/county", msg("calls.county.unknown", county=p.county[:10]))
    if not 1900 <= p.year <= 9999:
        yield Problem("/year", msg("calls.year.invalid"))
    yield from _area_problems(p)
    if kroner(p.cost_base) <= 0:
        yield Problem("/cost_base", msg("programme.cost_base.not_positive"))
    for name in ("public_support", "municipal_share"):
        if kroner(getattr(p, name)) < 0:
            yield Problem(f"/{name}", msg("programme.amount.negative"))
    if p.status is not None:
        yield from _status_problems(p.status)
    for i, period in enumerate(p.phases):
        if period.end < period.start:
            yield Problem(pointer("phases", i, "end"), msg("programme.phase.ends_early"))
    yield from _measure_problems(p)
    for i, grant in enumerate(p.business_fund):
        try:
            reg.municipality(grant.kommunenummer)
        except UnknownMunicipality as exc:
            yield Problem(pointer("business_fund", i, "kommunenummer"), exc.text)
