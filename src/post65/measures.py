"""A scheme a measure (tiltak) and what it documents.

A :class:`Measure` is one thing a county does with scheme a funds (*Bistand og veiledning til
distriktskommuner*, regelverk 12.12.2023): its permitted use (§4 i–iv), who owns it, who supplies
it (use ii), which municipalities benefit (by kommunenummer, or the county itself by its
fylkesnummer for use iii), what it costs, when it runs, the goals of programme category 13.50 it
contributes to (§1), the challenges and needs it starts from, what lasting competence or capacity
it leaves, which sectors, county departments and partners take part, the plan and strategy
processes it is linked to (use iv), and its contributions to the §2 criteria.

These are plain value types: structurally checked when a document is read (types, required
fields, local invariants such as a non-negative cost), never judged. Whether a measure follows the
regulation is for the rules of :mod:`post65.schemes.a`, which return findings.

>>> import datetime as dt
>>> from post65.money import nok
>>> m = Measure(
...     id="m1",
...     title="Planverksted i Træna",
...     uses=(Use.IV,),
...     owner=Organisation(OrganisationKind.COUNTY, "Nordland fylkeskommune"),
...     cost=nok(250_000),
...     period=Period(dt.date(2024, 1, 1), dt.date(2025, 6, 30)),
...     beneficiaries=("1835",),
... )
>>> m.municipalities
('1835',)
>>> m.period.months
18
"""

from __future__ import annotations

import calendar
import datetime as dt
import enum
from collections.abc import Iterator
from decimal import Decimal

import attrs
import pint

from post65._arguments import checked
from post65.errors import FieldError, Problem
from post65.money import Money, kroner
from post65.text import msg

__all__ = [
    "AssistanceKind",
    "BeneficiaryShare",
    "Criteria",
    "GoalContribution",
    "GuidanceCapacity",
    "Lasting",
    "LastingKind",
    "Measure",
    "Needs",
    "NeedsSource",
    "Organisation",
    "OrganisationKind",
    "Partner",
    "PartnerKind",
    "Period",
    "Plan",
    "PlanAction",
    "PlanProcess",
    "Supplier",
    "Use",
    "is_blank",
    "months_between",
    "share_problems",
]


def is_blank(text: str) -> bool:
    """True when ``text`` says nothing (empty or only white space).

    >>> is_blank("  \\n"), is_blank("Plan")
    (True, False)
    """
    return not text.strip()


def _doc(text: str, **schema: object) -> dict[str, object]:
    """A field's metadata: its ``doc``, and keys of its JSON Schema (``pattern``, ``minimum``)."""
    return {"doc": text, **schema}


class Use(enum.StrEnum):
    """The permitted uses of scheme a funds (§4 i–iv)."""

    I = "i"  # noqa: E741 - the regulation numbers the uses i, ii, iii, iv
    """Targeted projects the county is responsible for, benefiting one or more municipalities."""
    II = "ii"
    """Purchase of consultant and process assistance for the municipalities."""
    III = "iii"
    """Targeted strengthening of the county's own guidance competence and capacity."""
    IV = "iv"
    """Reinforced guidance and assistance linked to the municipalities' plan and strategy
    processes."""


class OrganisationKind(enum.StrEnum):
    """What kind of organisation owns or supplies a measure."""

    COUNTY = "county"
    """The county municipality (fylkeskommune) itself."""
    MUNICIPALITY = "municipality"
    """A municipality, e.g. a vertskommune's plan office serving its neighbours."""
    INTERMUNICIPAL = "intermunicipal"
    """An intermunicipal body (interkommunalt selskap, kommunalt oppgavefellesskap, regionråd)."""
    STATE_AGENCY = "state_agency"
    COMPANY = "company"
    """A private firm, e.g. a consultancy."""
    RESEARCH = "research"
    """A research or education institution."""
    OTHER = "other"


@attrs.frozen
class Organisation:
    """An organisation by kind and name."""

    kind: OrganisationKind
    name: str


class AssistanceKind(enum.StrEnum):
    """What a supplier delivers (use ii is «konsulent- og prosessbistand»)."""

    CONSULTANT = "consultant"
    PROCESS = "process"
    CONSULTANT_AND_PROCESS = "consultant_and_process"
    OTHER = "other"
    """Something else (equipment, licences, a one-off product): not use ii."""


@attrs.frozen
class Supplier:
    """Who delivers purchased assistance (use ii), and what they deliver."""

    name: str
    kind: OrganisationKind = attrs.field(
        metadata=_doc(
            "county is the county buying from itself (A-4.3); a municipality, an intermunicipal "
            "body, a state agency or a company may supply"
        )
    )
    assistance: AssistanceKind


def _check_period(
    instance: Period, attribute: attrs.Attribute[dt.date | None], _value: dt.date | None
) -> None:
    if instance.end is not None and instance.end < instance.start:
        text = msg("measures.period.end_before_start", end=instance.end, start=instance.start)
        raise FieldError(text, field=attribute.name)


def months_between(start: dt.date, end: dt.date) -> int:
    """Whole months from ``start`` to ``end``, both days included.

    >>> months_between(dt.date(2024, 1, 1), dt.date(2024, 12, 31))
    12
    >>> months_between(dt.date(2024, 3, 15), dt.date(2025, 3, 13))
    11
    """
    # the day after ``end`` as (months from start, day), without building a date past 9999
    if end.day == calendar.monthrange(end.year, end.month)[1]:
        months, after_day = (end.year - start.year) * 12 + end.month + 1 - start.month, 1
    else:
        months, after_day = (end.year - start.year) * 12 + end.month - start.month, end.day + 1
    return months - 1 if after_day < start.day else months


@attrs.frozen
class Period:
    """When a measure runs: from ``start`` to ``end`` (both included); no end while ongoing."""

    start: dt.date
    end: dt.date | None = attrs.field(default=None, validator=_check_period)

    @property
    def months(self) -> int | None:
        """Whole months from start to end (``None`` while the end is not known)."""
        return None if self.end is None else months_between(self.start, self.end)

    def overlaps_year(self, year: int) -> bool:
        """True when the period has at least one day in ``year``."""
        return self.start.year <= year and (self.end is None or self.end.year >= year)


def _check_goal(_instance: object, attribute: attrs.Attribute[int], value: int) -> None:
    if value < 1:
        raise FieldError(msg("measures.goal.below_one", value=value), field=attribute.name)


@attrs.frozen
class GoalContribution:
    """A goal of programme category 13.50 the measure contributes to, and how."""

    goal: int = attrs.field(
        validator=_check_goal,
        metadata=_doc(
            "goal of programme category 13.50: 1 business development, value creation and "
            "attractive labour markets; 3 development capacity and well-functioning services"
        ),
    )
    contribution: str = attrs.field(default="", metadata=_doc("how the measure contributes"))


class NeedsSource(enum.StrEnum):
    """Who identified the challenges and needs a measure starts from."""

    MUNICIPALITY = "municipality"
    """The municipality itself (its request, plan strategy or needs assessment)."""
    DIALOGUE = "dialogue"
    """The municipality and the county together, in dialogue."""
    COUNTY = "county"
    """The county alone, without the municipality."""


@attrs.frozen
class Needs:
    """The municipalities' challenges and needs a measure starts from (§4)."""

    description: str
    source: NeedsSource
    reference: str = attrs.field(
        default="", metadata=_doc("where it is documented, e.g. a plan strategy or a request")
    )


class LastingKind(enum.StrEnum):
    """What a measure leaves behind."""

    COMPETENCE = "competence"
    CAPACITY = "capacity"
    COMPETENCE_AND_CAPACITY = "competence_and_capacity"
    ONE_OFF = "one_off"
    """A one-off delivery (a report, an event) with nothing lasting."""


@attrs.frozen
class Lasting:
    """The lasting competence or capacity for strategic community development a measure leaves."""

    kind: LastingKind
    description: str = attrs.field(metadata=_doc("what remains after the measure"))


class PartnerKind(enum.StrEnum):
    """The actors §4 names for the county to invite."""

    STATSFORVALTEREN = "statsforvalteren"
    DISTRIKTSSENTERET = "distriktssenteret"
    STATE_AGENCY = "state_agency"
    VIRKEMIDDELAKTOR = "virkemiddelaktor"
    """A virkemiddelaktør such as Innovasjon Norge or SIVA."""


@attrs.frozen
class Partner:
    """An actor invited into a measure."""

    kind: PartnerKind
    name: str = ""


@attrs.frozen
class GuidanceCapacity:
    """Use iii: which of the county's own guidance competence or capacity is strengthened, and
    for what municipal needs."""

    competence: str = attrs.field(default="", metadata=_doc("which competence is strengthened"))
    capacity: str = attrs.field(default="", metadata=_doc("which capacity is strengthened"))
    municipal_needs: str = attrs.field(
        default="", metadata=_doc("the municipal needs the strengthening answers")
    )


@attrs.frozen
class PlanProcess:
    """A municipality's plan or strategy process a measure is linked to (use iv)."""

    name: str
    kommunenummer: str | None = attrs.field(
        default=None,
        metadata=_doc(
            "the municipality whose process it is (A-4.5: one of the measure's beneficiaries); "
            "without it the process is taken as the beneficiaries', as the county states",
            pattern="^[0-9]{4}$",
        ),
    )


class PlanAction(enum.StrEnum):
    """What happened to a plan (§2: «utviklet eller fornyet»)."""

    DEVELOPED = "developed"
    RENEWED = "renewed"


@attrs.frozen
class Plan:
    """A plan developed or renewed with the help of a measure (§2)."""

    name: str
    action: PlanAction
    kommunenummer: str | None = attrs.field(default=None, metadata=_doc("", pattern="^[0-9]{4}$"))


@attrs.frozen
class Criteria:
    """A measure's contributions to the §2 criteria for goal achievement."""

    new_ways: str = attrs.field(default="", metadata=_doc("how tasks are solved in new ways"))
    planning: str = attrs.field(default="", metadata=_doc("how community planning is strengthened"))
    plans: tuple[Plan, ...] = attrs.field(
        default=(), metadata=_doc("plans developed or renewed, by name")
    )

    @property
    def recorded(self) -> bool:
        """True when at least one contribution is recorded."""
        return not (
            is_blank(self.new_ways)
            and is_blank(self.planning)
            and all(is_blank(p.name) for p in self.plans)
        )


@attrs.frozen
class BeneficiaryShare:
    """The part of a measure's cost that reaches one of its beneficiaries, as the county states
    it (without stated shares the report splits the cost evenly)."""

    beneficiary: str = attrs.field(
        metadata=_doc(
            "one of the measure's beneficiaries: a kommunenummer, or the county's own fylkesnummer",
            pattern="^[0-9]{2}([0-9]{2})?$",
        )
    )
    amount: Money = attrs.field(
        metadata=_doc(
            "the part of the measure's cost that reaches it, in kroner (not negative)", minimum=0
        )
    )


def _check_id(_instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    checked("id", value, str)  # a number for an id: named, not an AttributeError
    if is_blank(value):
        raise FieldError(msg("measures.id.missing"), field=attribute.name)


def _check_cost(_instance: object, attribute: attrs.Attribute[object], value: object) -> None:
    magnitude = getattr(value, "magnitude", None)
    if isinstance(magnitude, Decimal) and magnitude < 0:
        raise FieldError(msg("measures.cost.negative"), field=attribute.name)


@attrs.frozen
class Measure:
    """A scheme a measure (tiltak) and what it documents."""

    id: str = attrs.field(
        validator=_check_id,
        metadata=_doc("unique in the portfolio; payments and commitments refer to it"),
    )
    title: str
    uses: tuple[Use, ...] = attrs.field(
        metadata=_doc('the permitted uses (§4): one or more of "i", "ii", "iii", "iv"')
    )
    owner: Organisation = attrs.field(metadata=_doc("who is responsible for the measure"))
    cost: pint.Quantity[Decimal] = attrs.field(
        validator=_check_cost, metadata=_doc("the measure's cost to scheme a, in kroner", minimum=0)
    )
    period: Period
    description: str = attrs.field(default="", metadata=_doc("what was carried out"))
    beneficiaries: tuple[str, ...] = attrs.field(
        default=(),
        metadata=_doc(
            "who benefits: kommunenummer (4 digits), or the county's own fylkesnummer "
            "(2 digits) for use iii",
            pattern="^[0-9]{2}([0-9]{2})?$",
        ),
    )
    shares: tuple[BeneficiaryShare, ...] = attrs.field(
        default=(),
        metadata=_doc(
            "the part of the cost reaching each beneficiary; when given, one share for every "
            "beneficiary, adding up to the cost exactly; without it the cost is split evenly"
        ),
    )
    supplier: Supplier | None = attrs.field(default=None, metadata=_doc("use ii: the supplier"))
    goals: tuple[GoalContribution, ...] = attrs.field(
        default=(), metadata=_doc("contributions to the goals of programme category 13.50")
    )
    needs: Needs | None = attrs.field(
        default=None, metadata=_doc("the municipalities' challenges and needs it starts from")
    )
    lasting: Lasting | None = attrs.field(
        default=None, metadata=_doc("the lasting competence or capacity it leaves")
    )
    sectors: tuple[str, ...] = attrs.field(
        default=(), metadata=_doc("sectors or fields involved (cross-sector cooperation)")
    )
    departments: tuple[str, ...] = attrs.field(
        default=(), metadata=_doc("county departments or sections involved")
    )
    partners: tuple[Partner, ...] = attrs.field(
        default=(), metadata=_doc("Statsforvalteren, Distriktssenteret, … invited")
    )
    guidance_capacity: GuidanceCapacity | None = attrs.field(
        default=None, metadata=_doc("use iii: the guidance competence or capacity strengthened")
    )
    plan_processes: tuple[PlanProcess, ...] = attrs.field(
        default=(), metadata=_doc("use iv: the plan and strategy processes it is linked to")
    )
    criteria: Criteria = attrs.field(
        factory=Criteria, metadata=_doc("contributions to the §2 criteria")
    )

    @property
    def municipalities(self) -> tuple[str, ...]:
        """The beneficiaries that are kommunenumre (4 characters), in the order given."""
        return tuple([b for b in self.beneficiaries if len(b) == 4])


def share_problems(m: Measure, base: str) -> Iterator[Problem]:
    """What makes the stated :attr:`Measure.shares` of ``m`` unusable, located below ``base``
    (the measure's JSON Pointer): a share naming no beneficiary of the measure, a beneficiary
    with two shares, a negative amount, a beneficiary without a share, and shares that do not add
    up to the cost exactly (to the øre: the report's figures must sum to the measure's cost, and a
    rounding tolerance would leave a remainder no municipality receives). No shares is no
    problem: the cost is then split evenly.

    A negative amount is reported here rather than refused when the measure is built, so that
    the sum is reported with the amounts as written.

    >>> import datetime as dt
    >>> from post65.money import nok
    >>> m = Measure(
    ...     id="m1", title="Plan", uses=(Use.IV,),
    ...     owner=Organisation(OrganisationKind.COUNTY, "Nordland fylkeskommune"),
    ...     cost=nok(100), period=Period(dt.date(2024, 1, 1)), beneficiaries=("1835", "1836"),
    ...     shares=(BeneficiaryShare("1835", nok(70)), BeneficiaryShare("1837", nok(20))),
    ... )
    >>> for p in share_problems(m, "/measures/0"):
    ...     print(p.where, p.text.key)
    /measures/0/shares/1/beneficiary measures.share.not_beneficiary
    /measures/0/shares measures.share.missing
    /measures/0/shares measures.share.sum
    """
    if not m.shares:
        return
    beneficiaries = list(dict.fromkeys(m.beneficiaries))
    first: dict[str, str] = {}
    for j, share in enumerate(m.shares):
        where = f"{base}/shares/{j}"
        name = share.beneficiary[:40]
        if share.beneficiary not in beneficiaries:
            text = msg("measures.share.not_beneficiary", beneficiary=name)
            yield Problem(f"{where}/beneficiary", text)
        elif share.beneficiary in first:
            text = msg("measures.share.duplicate", beneficiary=name, first=first[share.beneficiary])
            yield Problem(f"{where}/beneficiary", text)
        else:
            first[share.beneficiary] = where
        if kroner(share.amount) < 0:
            yield Problem(f"{where}/amount", msg("measures.share.negative", amount=share.amount))
    missing = [b[:40] for b in beneficiaries if b not in first]
    if missing:
        yield Problem(f"{base}/shares", msg("measures.share.missing", missing=missing))
    stated = sum((kroner(s.amount) for s in m.shares), Decimal(0))
    if stated != kroner(m.cost):
        yield Problem(f"{base}/shares", msg("measures.share.sum", stated=stated, cost=m.cost))
