"""Scheme c: restructuring (omstilling) in municipalities or regions with a large fall in jobs.

*Tilskudd til omstilling i kommuner/regioner med vesentlig fall i sysselsettingen over relativt
kort tid*, under KDD's forskrift of 3 April 2024, with Innovasjon Norge's guidance and county
practice.

One document kind, ``programme``: a restructuring programme (omstillingsprogram) for an area of
one or more municipalities: the status decision (date, decided by; restructuring status lasts at
most 6 years), the four phases with their dates (avklaring, strategi og forankring,
gjennomføring, avslutning), the approved cost base and its financing (public support, the
municipalities' own share), the measures per phase with the jobs they created, support to
undertakings (de minimis), and any municipal business fund (kommunalt næringsfond) granted to an
area municipality.

>>> import datetime as dt
>>> from post65.money import nok
>>> from post65.rules import check
>>> programme = Programme(
...     name="Omstilling Nord-Østerdal", county="34", year=2025, area=("3429", "3430"),
...     cost_base=nok(10_000_000), public_support=nok(7_500_000),
...     municipal_share=nok(2_500_000),
...     status=StatusDecision(decided=dt.date(2024, 6, 1), decided_by="KDD"),
... )
>>> [f.outcome.value for f in check(programme).for_rule("C-3")]
['met']
>>> over = attrs.evolve(programme, public_support=nok(7_500_001))
>>> [f.outcome.value for f in check(over).for_rule("C-3")]
['not_met']
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable, Iterator
from decimal import Decimal

import attrs
import pint

from post65 import io
from post65.errors import Problem, UnknownMunicipality
from post65.geography import register
from post65.law import Citation
from post65.money import format_amount, kroner
from post65.parameters import Parameter, define
from post65.rulebook import Context, Outcome, Result, Rule, Severity, Text, rule
from post65.stateaid import (
    DE_MINIMIS_CITATION,
    DE_MINIMIS_TITLE,
    Support,
    support_problems,
    support_result,
)

__all__ = [
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
]

KINDS = ("programme",)

FINNMARK_SOURCE = "finnmark-omstilling"
"""A county's public page on restructuring (Finnmark fylkeskommune), cited by C-3 and C-6."""


# --------------------------------------------------------------------------------------------
# Parameters

PUBLIC_SHARE_MAX = "c.public_share_max"
MUNICIPAL_SHARE_MIN = "c.municipal_share_min"
STATUS_MAX_YEARS = "c.status_max_years"

define(
    Parameter(
        name=PUBLIC_SHARE_MAX,
        value=Decimal("0.75"),
        valid_from=dt.date(2024, 1, 1),
        unit="share",
        source=FINNMARK_SOURCE,
        section="Støttenivå og finansiering",
        certainty="S",
        note=(
            "«Fortrinnsvis inntil 75 %» of the approved cost base (Finnmark fylkeskommune; "
            "Innovasjon Norge). The valid-from date is the first budget year of post 65 in this "
            "form, not a date the sources give."
        ),
    ),
    Parameter(
        name=MUNICIPAL_SHARE_MIN,
        value=Decimal("0.25"),
        valid_from=dt.date(2024, 1, 1),
        unit="share",
        source=FINNMARK_SOURCE,
        section="Støttenivå og finansiering",
        certainty="S",
        note="The municipality «normally» pays 25 % (Finnmark fylkeskommune).",
    ),
    Parameter(
        name=STATUS_MAX_YEARS,
        value=Decimal(6),
        valid_from=dt.date(2024, 1, 1),
        unit="years",
        source="innovasjon-norge",
        section="Om omstilling",
        certainty="S",
        note="Restructuring status lasts «inntil seks år» (Innovasjon Norge; Finnmark).",
    ),
)

# --------------------------------------------------------------------------------------------
# Document types


class Phase(enum.StrEnum):
    """The four phases of a restructuring programme, in order."""

    AVKLARING = "avklaring"
    STRATEGI_OG_FORANKRING = "strategi_og_forankring"
    GJENNOMFORING = "gjennomforing"
    AVSLUTNING = "avslutning"


PHASE_ORDER: tuple[Phase, ...] = tuple(Phase)
"""The phases in the order they run."""

_PHASE_NB = {
    Phase.AVKLARING: "avklaring",
    Phase.STRATEGI_OG_FORANKRING: "strategi og forankring",
    Phase.GJENNOMFORING: "gjennomføring",
    Phase.AVSLUTNING: "avslutning",
}


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
        metadata={"doc": "who decided (KDD, on the county's application)"}
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
        default=None, metadata={"doc": "jobs created (a whole number; 0 if none)"}
    )
    cost: pint.Quantity[Decimal] | None = None
    support: Support | None = attrs.field(
        default=None, metadata={"doc": "support to an undertaking, when the measure gives any"}
    )


@attrs.frozen
class BusinessFundGrant:
    """A municipal business fund (kommunalt næringsfond) granted to a municipality."""

    kommunenummer: str
    granted: dt.date
    amount: pint.Quantity[Decimal]
    description: str = ""


@attrs.frozen
class Programme:
    """A restructuring programme (omstillingsprogram) as the county follows it up in ``year``."""

    name: str
    county: str = attrs.field(metadata={"doc": "fylkesnummer of the county that follows it up"})
    year: int
    area: tuple[str, ...] = attrs.field(metadata={"doc": "kommunenumre of the area"})
    cost_base: pint.Quantity[Decimal] = attrs.field(metadata={"doc": "approved cost base"})
    public_support: pint.Quantity[Decimal] = attrs.field(
        metadata={"doc": "public support (post 65 and other public funds) of the cost base"}
    )
    municipal_share: pint.Quantity[Decimal] = attrs.field(
        metadata={"doc": "the area municipalities' own financing of the cost base"}
    )
    status: StatusDecision | None = None
    phases: tuple[PhasePeriod, ...] = ()
    measures: tuple[ProgrammeMeasure, ...] = ()
    municipal_share_reason: str = attrs.field(
        default="", metadata={"doc": "why the municipal share is below the normal share"}
    )
    business_fund: tuple[BusinessFundGrant, ...] = attrs.field(
        default=(), metadata={"doc": "municipal business funds granted to area municipalities"}
    )
    description: str = ""


def _add_years(day: dt.date, years: int) -> dt.date:
    """``day`` moved by ``years`` (29 February to 28 February in a year that has none); beyond
    the calendar (before year 1, after 9999) it stops at its first or last day."""
    year = day.year + years
    if year > dt.MAXYEAR:
        return dt.date.max
    if year < dt.MINYEAR:
        return dt.date.min
    try:
        return day.replace(year=year)
    except ValueError:  # 29 February in a year that has none
        return day.replace(year=year, day=28)


def _day_before(day: dt.date) -> dt.date:
    """The day before ``day``; the calendar's last day stays itself (a period that runs past the
    calendar ends with it)."""
    return day if day == dt.date.max else day - dt.timedelta(days=1)


def status_period(
    status: StatusDecision, max_years: Decimal | None
) -> tuple[dt.date, dt.date | None, bool]:
    """The first and last day of the status period, and whether the last day was computed (the
    decision gives none: the longest period ``max_years`` allows, or None if that is unknown).

    >>> status_period(StatusDecision(dt.date(2024, 3, 1), "KDD"), Decimal(6))
    (datetime.date(2024, 3, 1), datetime.date(2030, 2, 28), True)
    """
    start = status.start or status.decided
    if status.end is not None:
        return start, status.end, False
    if max_years is None:
        return start, None, True
    return start, _day_before(_add_years(start, int(max_years))), True


# --------------------------------------------------------------------------------------------
# Validation


def validate_programme(p: Programme) -> Iterable[Problem]:
    """Problems that make a ``programme`` document unusable (exit 2)."""
    reg = register(2024)
    if p.county not in {c.fylkesnummer for c in reg.counties}:
        yield Problem(
            "/county",
            f"ukjent fylkesnummer «{p.county[:10]}» (2024)",
            f'unknown fylkesnummer "{p.county[:10]}" (2024)',
        )
    if not 1900 <= p.year <= 9999:
        yield Problem("/year", "ugyldig år", "invalid year")
    if not p.area:
        yield Problem(
            "/area",
            "området må ha minst én kommune",
            "the area must have at least one municipality",
        )
    seen: set[str] = set()
    for i, nr in enumerate(p.area):
        try:
            reg.municipality(nr)
        except UnknownMunicipality as exc:
            yield Problem(io.pointer("area", i), exc.nb, exc.en)
        if nr in seen:
            yield Problem(
                io.pointer("area", i),
                f"kommune {nr} står flere ganger",
                f"municipality {nr} is listed more than once",
            )
        seen.add(nr)
    if kroner(p.cost_base) <= 0:
        yield Problem(
            "/cost_base",
            "kostnadsgrunnlaget må være større enn null",
            "the cost base must be greater than zero",
        )
    for name in ("public_support", "municipal_share"):
        if kroner(getattr(p, name)) < 0:
            yield Problem(
                f"/{name}", "beløpet kan ikke være negativt", "the amount cannot be negative"
            )
    s = p.status
    if s is not None:
        if not s.decided_by.strip():
            yield Problem(
                "/status/decided_by",
                "oppgi hvem som fattet vedtaket",
                "say who made the decision",
            )
        start = s.start or s.decided
        if s.end is not None and s.end < start:
            yield Problem(
                "/status/end",
                "statusperioden slutter før den starter",
                "the status period ends before it starts",
            )
    for i, period in enumerate(p.phases):
        if period.end < period.start:
            yield Problem(
                io.pointer("phases", i, "end"),
                "fasen slutter før den starter",
                "the phase ends before it starts",
            )
    ids: set[str] = set()
    for i, m in enumerate(p.measures):
        if m.end < m.start:
            yield Problem(
                io.pointer("measures", i, "end"),
                "tiltaket slutter før det starter",
                "the measure ends before it starts",
            )
        if m.id in ids:
            yield Problem(
                io.pointer("measures", i, "id"),
                f"id «{m.id[:40]}» er brukt av et annet tiltak",
                f'the id "{m.id[:40]}" is used by another measure',
            )
        ids.add(m.id)
        if m.jobs_created is not None and m.jobs_created < 0:
            yield Problem(
                io.pointer("measures", i, "jobs_created"),
                "antallet kan ikke være negativt",
                "the number cannot be negative",
            )
        if m.cost is not None and kroner(m.cost) < 0:
            yield Problem(
                io.pointer("measures", i, "cost"),
                "beløpet kan ikke være negativt",
                "the amount cannot be negative",
            )
        if m.support is not None:
            yield from support_problems(m.support, ("measures", i, "support"))
    for i, grant in enumerate(p.business_fund):
        try:
            reg.municipality(grant.kommunenummer)
        except UnknownMunicipality as exc:
            yield Problem(io.pointer("business_fund", i, "kommunenummer"), exc.nb, exc.en)


io.register_kind(
    "programme",
    Programme,
    title="A scheme c restructuring programme (omstillingsprogram)",
    validate=validate_programme,
)


def _programme(document: object) -> Programme | None:
    return document if isinstance(document, Programme) else None


# --------------------------------------------------------------------------------------------
# C-1


@rule(
    "C-1",
    scheme="c",
    severity=Severity.ERROR,
    subject="programme",
    kinds=KINDS,
    title=Text(
        "Området har omstillingsstatus med vedtaksdato; tiltakene ligger i statusperioden, som "
        "er høyst 6 år",
        "The area holds restructuring status with a decision date; the measures fall inside the "
        "status period, which is at most 6 years",
    ),
    citation=Citation(
        "innovasjon-norge",
        "Om omstilling",
        "kommuner med omstillingsstatus får midler fra fylkeskommunen over en periode på inntil "
        "seks år; KDD avgjør status etter søknad fra fylkeskommunen",
    ),
)
def c_1(document: object, ctx: Context) -> Iterator[Result]:
    """Status with a decision; a period of at most ``c.status_max_years``; every phase and
    measure inside it."""
    p = _programme(document)
    if p is None:
        return
    if p.status is None:
        yield Result(
            "",
            Outcome.NOT_MET,
            Text(
                "området har ikke noe vedtak om omstillingsstatus",
                "the area has no decision on restructuring status",
            ),
        )
        return
    max_years = ctx.param(STATUS_MAX_YEARS)
    start, end, computed = status_period(p.status, max_years)
    values = {
        "decided": p.status.decided.isoformat(),
        "decided_by": p.status.decided_by,
        "start": start.isoformat(),
        "end": "" if end is None else end.isoformat(),
        "end_computed": "true" if computed else "false",
    }
    if max_years is None:
        yield Result(
            "",
            Outcome.UNDETERMINED,
            Text(
                f"den lengste statusperioden er ikke kjent; sett parameteren {STATUS_MAX_YEARS}",
                f"the longest status period is not known; set the parameter {STATUS_MAX_YEARS}",
            ),
            values,
        )
        return
    values["max_years"] = str(max_years)
    assert end is not None  # noqa: S101 - known max_years gives an end
    failures: list[tuple[str, str]] = []
    latest = _day_before(_add_years(start, int(max_years)))
    if end > latest:
        failures.append(
            (
                f"statusperioden {start.isoformat()}–{end.isoformat()} er lengre enn "
                f"{max_years} år (siste dag kan være {latest.isoformat()})",
                f"the status period {start.isoformat()}–{end.isoformat()} is longer than "
                f"{max_years} years (the last day can be {latest.isoformat()})",
            )
        )
    outside = [m.id for m in p.measures if m.start < start or m.end > end]
    if outside:
        failures.append(
            (
                f"tiltak utenfor statusperioden: {', '.join(outside)}",
                f"measures outside the status period: {', '.join(outside)}",
            )
        )
    phases_outside = [ph.phase.value for ph in p.phases if ph.start < start or ph.end > end]
    if phases_outside:
        failures.append(
            (
                f"faser utenfor statusperioden: {', '.join(phases_outside)}",
                f"phases outside the status period: {', '.join(phases_outside)}",
            )
        )
    if failures:
        yield Result(
            "",
            Outcome.NOT_MET,
            Text.join(failures),
            values,
        )
    else:
        yield Result(
            "",
            Outcome.MET,
            Text(
                f"omstillingsstatus vedtatt {p.status.decided.isoformat()} av "
                f"{p.status.decided_by}, {start.isoformat()}–{end.isoformat()}; alle tiltak "
                "ligger i perioden",
                f"restructuring status decided {p.status.decided.isoformat()} by "
                f"{p.status.decided_by}, {start.isoformat()}–{end.isoformat()}; every measure "
                "falls inside it",
            ),
            values,
        )


# --------------------------------------------------------------------------------------------
# C-2


@rule(
    "C-2",
    scheme="c",
    severity=Severity.ERROR,
    subject="programme (and each measure)",
    kinds=KINDS,
    title=Text(
        "Fasene kommer i rekkefølge; hvert tiltak hører til en fase som pågår på tiltakets datoer",
        "The phases run in order; each measure belongs to a phase active at its dates",
    ),
    citation=Citation(
        "innovasjon-norge",
        "Hvordan organiseres omstillingsarbeidet",
        "omstillingsarbeidet organiseres i fire faser: avklaring, strategi og forankring, "
        "gjennomføring og avslutning",
    ),
)
def c_2(document: object, ctx: Context) -> Iterator[Result]:
    """The listed phases are in the order of :data:`PHASE_ORDER`, none missing before a listed
    one (later ones may not be planned yet), none listed twice, each starting no earlier than the
    day the previous one ends; each measure's phase is listed and its dates lie within it."""
    p = _programme(document)
    if p is None:
        return
    listed = [ph.phase for ph in p.phases]
    values = {"phases": ",".join(ph.value for ph in listed)}
    if not p.phases:
        yield Result(
            "",
            Outcome.UNDETERMINED,
            Text(
                "programmet oppgir ingen faser med datoer",
                "the programme lists no phases with dates",
            ),
            values,
        )
    else:
        failures: list[tuple[str, str]] = []
        twice = sorted({ph.value for ph in listed if listed.count(ph) > 1})
        if twice:
            failures.append(
                (
                    f"faser oppgitt flere ganger: {', '.join(twice)}",
                    f"phases listed more than once: {', '.join(twice)}",
                )
            )
        expected = list(PHASE_ORDER[: len(set(listed))])
        if not twice and listed != expected:
            failures.append(
                (
                    "fasene må komme i rekkefølgen "
                    + ", ".join(_PHASE_NB[ph] for ph in expected)
                    + ", uten hull; oppgitt: "
                    + ", ".join(_PHASE_NB[ph] for ph in listed),
                    "the phases must come in the order "
                    + ", ".join(ph.value for ph in expected)
                    + ", with no gap; given: "
                    + ", ".join(ph.value for ph in listed),
                )
            )
        for before, after in zip(p.phases, p.phases[1:], strict=False):
            if after.start < before.end:
                failures.append(
                    (
                        f"{_PHASE_NB[after.phase]} starter {after.start.isoformat()}, før "
                        f"{_PHASE_NB[before.phase]} slutter {before.end.isoformat()}",
                        f"{after.phase.value} starts {after.start.isoformat()}, before "
                        f"{before.phase.value} ends {before.end.isoformat()}",
                    )
                )
        if failures:
            yield Result(
                "",
                Outcome.NOT_MET,
                Text.join(failures),
                values,
            )
        else:
            yield Result(
                "",
                Outcome.MET,
                Text(
                    "fasene kommer i rekkefølge: " + ", ".join(_PHASE_NB[ph] for ph in listed),
                    "the phases run in order: " + ", ".join(ph.value for ph in listed),
                ),
                values,
            )
    periods = {ph.phase: ph for ph in p.phases}
    for i, m in enumerate(p.measures):
        subject = io.pointer("measures", i)
        mvalues = {"phase": m.phase.value, "start": m.start.isoformat(), "end": m.end.isoformat()}
        period = periods.get(m.phase)
        if period is None:
            if not p.phases:
                yield Result(
                    subject,
                    Outcome.UNDETERMINED,
                    Text(
                        f"tiltak {m.id}: programmet oppgir ingen faser å holde det opp mot",
                        f"measure {m.id}: the programme lists no phases to hold it against",
                    ),
                    mvalues,
                )
                continue
            yield Result(
                subject,
                Outcome.NOT_MET,
                Text(
                    f"tiltak {m.id} hører til fasen {_PHASE_NB[m.phase]}, som programmet ikke "
                    "har datoer for",
                    f"measure {m.id} belongs to the phase {m.phase.value}, which the programme "
                    "gives no dates for",
                ),
                mvalues,
            )
            continue
        mvalues["phase_start"] = period.start.isoformat()
        mvalues["phase_end"] = period.end.isoformat()
        if period.start <= m.start and m.end <= period.end:
            yield Result(
                subject,
                Outcome.MET,
                Text(
                    f"tiltak {m.id} ligger i fasen {_PHASE_NB[m.phase]} "
                    f"({period.start.isoformat()}–{period.end.isoformat()})",
                    f"measure {m.id} lies in the phase {m.phase.value} "
                    f"({period.start.isoformat()}–{period.end.isoformat()})",
                ),
                mvalues,
            )
        else:
            yield Result(
                subject,
                Outcome.NOT_MET,
                Text(
                    f"tiltak {m.id} ({m.start.isoformat()}–{m.end.isoformat()}) ligger ikke i "
                    f"fasen {_PHASE_NB[m.phase]} ({period.start.isoformat()}–"
                    f"{period.end.isoformat()})",
                    f"measure {m.id} ({m.start.isoformat()}–{m.end.isoformat()}) does not lie in "
                    f"the phase {m.phase.value} ({period.start.isoformat()}–"
                    f"{period.end.isoformat()})",
                ),
                mvalues,
            )


# --------------------------------------------------------------------------------------------
# C-3


def _pct(share: Decimal) -> str:
    value = (share * 100).quantize(Decimal("0.01")).normalize()
    return f"{value:f}".replace(".", ",") + "\u00a0%"


@rule(
    "C-3",
    scheme="c",
    severity=Severity.ERROR,
    subject="programme",
    kinds=KINDS,
    title=Text(
        "Offentlig støtte er høyst 75 % av godkjent kostnadsgrunnlag; kommunens egenandel er "
        "normalt minst 25 %",
        "Public support is at most 75 % of the approved cost base; the municipality's own share "
        "is normally at least 25 %",
    ),
    citation=Citation(
        FINNMARK_SOURCE,
        "Støttenivå og finansiering",
        "støtte fortrinnsvis inntil 75 % av godkjent kostnadsgrunnlag; kommunen bidrar normalt "
        "med 25 %",
    ),
)
def c_3(document: object, ctx: Context) -> Iterator[Result]:
    """public support ≤ ``c.public_share_max`` × cost base (error); municipal share ≥
    ``c.municipal_share_min`` × cost base, else ``not_met``: an error without a reason, advice
    with one (``municipal_share_reason``). Compared exactly, by multiplication."""
    p = _programme(document)
    if p is None:
        return
    public_max = ctx.param(PUBLIC_SHARE_MAX)
    municipal_min = ctx.param(MUNICIPAL_SHARE_MIN)
    base = kroner(p.cost_base)
    public = kroner(p.public_support)
    municipal = kroner(p.municipal_share)
    values = {
        "cost_base": str(base),
        "public_support": str(public),
        "municipal_share": str(municipal),
    }
    if base <= 0:
        yield Result(
            "",
            Outcome.UNDETERMINED,
            Text("kostnadsgrunnlaget er null", "the cost base is zero"),
            values,
        )
        return
    values["public_share"] = str((public / base).quantize(Decimal("0.0001")))
    values["municipal_share_of_base"] = str((municipal / base).quantize(Decimal("0.0001")))
    missing = [
        n
        for n, v in ((PUBLIC_SHARE_MAX, public_max), (MUNICIPAL_SHARE_MIN, municipal_min))
        if v is None
    ]
    if public_max is None or municipal_min is None:
        yield Result(
            "",
            Outcome.UNDETERMINED,
            Text(
                f"sett parameteren {', '.join(missing)}",
                f"set the parameter {', '.join(missing)}",
            ),
            values,
        )
        return
    values["public_share_max"] = str(public_max)
    values["municipal_share_min"] = str(municipal_min)
    shown_public = Text(
        f"offentlig støtte {format_amount(p.public_support)} er {_pct(public / base)} av "
        f"{format_amount(p.cost_base)}",
        f"public support {format_amount(p.public_support)} is {_pct(public / base)} of "
        f"{format_amount(p.cost_base)}",
    )
    shown_municipal = Text(
        f"kommunenes andel {format_amount(p.municipal_share)} er {_pct(municipal / base)}",
        f"the municipalities' share {format_amount(p.municipal_share)} is {_pct(municipal / base)}",
    )
    if public > public_max * base:
        yield Result(
            "",
            Outcome.NOT_MET,
            Text(
                f"{shown_public.nb}, over {_pct(public_max)}",
                f"{shown_public.en}, above {_pct(public_max)}",
            ),
            values,
        )
        return
    if municipal < municipal_min * base:
        reason = p.municipal_share_reason.strip()
        if reason:
            yield Result(
                "",
                Outcome.NOT_MET,
                Text(
                    f"{shown_municipal.nb}, under normalen {_pct(municipal_min)}; begrunnelse: "
                    f"{reason}",
                    f"{shown_municipal.en}, below the normal {_pct(municipal_min)}; reason "
                    f"given: {reason}",
                ),
                {**values, "reason": reason},
                severity=Severity.ADVICE,
            )
        else:
            yield Result(
                "",
                Outcome.NOT_MET,
                Text(
                    f"{shown_municipal.nb}, under normalen {_pct(municipal_min)}, uten begrunnelse",
                    f"{shown_municipal.en}, below the normal {_pct(municipal_min)}, with no "
                    "reason given",
                ),
                values,
            )
        return
    yield Result(
        "",
        Outcome.MET,
        Text(
            f"{shown_public.nb}; {shown_municipal.nb}", f"{shown_public.en}; {shown_municipal.en}"
        ),
        values,
    )


# --------------------------------------------------------------------------------------------
# C-4


@rule(
    "C-4",
    scheme="c",
    severity=Severity.ERROR,
    subject="measure",
    kinds=KINDS,
    title=Text(
        "Tiltaket sier hva det bidrar med til kriteriene for ordning c; arbeidsplasser oppgis "
        "som et tall",
        "The measure states its contribution to the scheme c criteria; jobs are reported as a "
        "number",
    ),
    citation=Citation(
        "innovasjon-norge",
        "Hva er Regional omstilling",
        "omstillingen skal skape nye og sikre eksisterende arbeidsplasser, gi et mer robust og "
        "variert næringsliv og øke utviklingsevnen i næringsliv og kommuner",
    ),
)
def c_4(document: object, ctx: Context) -> Iterator[Result]:
    """At least one described contribution to a scheme c criterion; a contribution to jobs must
    come with ``jobs_created`` as a number."""
    p = _programme(document)
    if p is None:
        return
    if not p.measures:
        yield Result(
            "",
            Outcome.NOT_APPLICABLE,
            Text("programmet oppgir ingen tiltak", "the programme lists no measures"),
        )
    for i, m in enumerate(p.measures):
        subject = io.pointer("measures", i)
        stated = [c for c in m.contributions if c.description.strip()]
        criteria = sorted({c.criterion.value for c in stated})
        values = {"criteria": ",".join(criteria)}
        if m.jobs_created is not None:
            values["jobs_created"] = str(m.jobs_created)
        if not stated:
            yield Result(
                subject,
                Outcome.NOT_MET,
                Text(
                    f"tiltak {m.id} beskriver ikke sitt bidrag til utviklingskapasitet, "
                    "kompetanse for næringsutvikling eller arbeidsplasser",
                    f"measure {m.id} does not describe its contribution to development capacity, "
                    "competence for business development or jobs",
                ),
                values,
            )
        elif Criterion.JOBS.value in criteria and m.jobs_created is None:
            yield Result(
                subject,
                Outcome.NOT_MET,
                Text(
                    f"tiltak {m.id} sier det gir arbeidsplasser, men oppgir ikke antallet "
                    "(«jobs_created»)",
                    f'measure {m.id} says it creates jobs but gives no number ("jobs_created")',
                ),
                values,
            )
        else:
            jobs_nb = "" if m.jobs_created is None else f"; arbeidsplasser skapt: {m.jobs_created}"
            jobs_en = "" if m.jobs_created is None else f"; jobs created: {m.jobs_created}"
            yield Result(
                subject,
                Outcome.MET,
                Text(
                    f"tiltak {m.id} bidrar til: {', '.join(criteria)}{jobs_nb}",
                    f"measure {m.id} contributes to: {', '.join(criteria)}{jobs_en}",
                ),
                values,
            )


# --------------------------------------------------------------------------------------------
# C-5


@rule(
    "C-5",
    scheme="c",
    severity=Severity.ERROR,
    subject="support to an undertaking",
    kinds=KINDS,
    title=DE_MINIMIS_TITLE,
    citation=DE_MINIMIS_CITATION,
)
def c_5(document: object, ctx: Context) -> Iterator[Result]:
    """As B-5, for every measure that supports an undertaking."""
    p = _programme(document)
    if p is None:
        return
    supported = [(i, m) for i, m in enumerate(p.measures) if m.support is not None]
    if not supported:
        yield Result(
            "",
            Outcome.NOT_APPLICABLE,
            Text("ingen tiltak gir støtte til et foretak", "no measure supports an undertaking"),
        )
        return
    for i, m in supported:
        support = m.support
        assert support is not None  # noqa: S101 - filtered above
        yield support_result(
            io.pointer("measures", i, "support"),
            support,
            ctx.parameters,
            label=Text(f"tiltak {m.id}", f"measure {m.id}"),
        )


# --------------------------------------------------------------------------------------------
# C-6


@rule(
    "C-6",
    scheme="c",
    severity=Severity.ADVICE,
    subject="programme (each area municipality)",
    kinds=KINDS,
    title=Text(
        "En kommune med omstillingsstatus får normalt ikke kommunalt næringsfond",
        "A municipality with restructuring status normally gets no municipal business fund",
    ),
    citation=Citation(
        FINNMARK_SOURCE,
        "Kommunal omstilling",
        "kommuner med omstillingsstatus får normalt ikke innvilget kommunalt næringsfond i "
        "omstillingsperioden",
    ),
)
def c_6(document: object, ctx: Context) -> Iterator[Result]:
    """Per area municipality: a municipal business fund granted inside the status period is
    ``not_met`` (advice); none is ``met``; without status ``not_applicable``."""
    p = _programme(document)
    if p is None:
        return
    if p.status is None:
        for i, nr in enumerate(p.area):
            yield Result(
                io.pointer("area", i),
                Outcome.NOT_APPLICABLE,
                Text(
                    f"kommune {nr} har ikke omstillingsstatus",
                    f"municipality {nr} has no restructuring status",
                ),
            )
        return
    start, end, _ = status_period(p.status, ctx.param(STATUS_MAX_YEARS))
    for i, nr in enumerate(p.area):
        grants = [
            g
            for g in p.business_fund
            if g.kommunenummer == nr and start <= g.granted and (end is None or g.granted <= end)
        ]
        subject = io.pointer("area", i)
        if grants:
            shown = ", ".join(f"{g.granted.isoformat()} {format_amount(g.amount)}" for g in grants)
            yield Result(
                subject,
                Outcome.NOT_MET,
                Text(
                    f"kommune {nr} har fått kommunalt næringsfond i omstillingsperioden: {shown}",
                    f"municipality {nr} got a municipal business fund during restructuring: "
                    f"{shown}",
                ),
                {"kommunenummer": nr, "grants": str(len(grants))},
            )
        else:
            yield Result(
                subject,
                Outcome.MET,
                Text(
                    f"kommune {nr} har ikke fått kommunalt næringsfond i omstillingsperioden",
                    f"municipality {nr} got no municipal business fund during restructuring",
                ),
                {"kommunenummer": nr, "grants": "0"},
            )


RULES: tuple[Rule, ...] = (
    c_1,
    c_2,
    c_3,
    c_4,
    c_5,
    c_6,
)
"""The rules of this module, in the order of the law."""
