"""The yearly report as a document (the ``report`` kind): its parts and what makes it unusable.

A report holds everything it shows, so a stored report (say, with the county's judgement edited
in) can be rendered and checked on its own. :func:`validate_report` lists the problems that make
a structurally sound report unusable (``post65 report`` and ``post65 check`` exit 2 on them).
"""

from __future__ import annotations

import enum
from collections.abc import Iterator
from decimal import Decimal

import attrs
import pint

from post65._decimal import exact, exact_methods
from post65.errors import Problem, UnknownCounty
from post65.funds import SchemeId, Split
from post65.geography import municipality_problem, register
from post65.layout import PageModel
from post65.measures import Period, PlanAction
from post65.money import kroner, nok, total
from post65.portfolio import FIRST_YEAR, LAST_YEAR
from post65.text import msg

__all__ = [
    "SCHEME_CRITERIA",
    "DisposedBasis",
    "Report",
    "ReportContribution",
    "ReportCriterion",
    "ReportLanguage",
    "ReportMeasure",
    "ReportPlan",
    "ReportScheme",
    "ReportSection2",
    "SchemeFunds",
    "TargetBasis",
    "validate_report",
]


def _doc(text: str) -> dict[str, str]:
    return {"doc": text}


class ReportCriterion(enum.StrEnum):
    """The criteria of the three schemes a measure can contribute to (see
    :data:`SCHEME_CRITERIA` for which belong to which scheme)."""

    NEW_WAYS = "new_ways"
    """Scheme a (§2): tasks solved in new ways."""
    PLANNING = "planning"
    """Scheme a (§2): community planning strengthened."""
    PLANS = "plans"
    """Scheme a (§2): a plan developed or renewed (the description is its name)."""
    DEVELOPMENT_CAPACITY = "development_capacity"
    """Schemes b and c: development capacity."""
    ATTRACTIVENESS = "attractiveness"
    """Scheme b: attractiveness for settlement and business."""
    BUSINESS_COMPETENCE = "business_competence"
    """Scheme c: competence for business development in the municipality and region."""
    JOBS = "jobs"
    """Scheme c: more jobs (the number is the measure's ``jobs_created``)."""


SCHEME_CRITERIA: dict[SchemeId, frozenset[ReportCriterion]] = {
    SchemeId.A: frozenset(
        {ReportCriterion.NEW_WAYS, ReportCriterion.PLANNING, ReportCriterion.PLANS}
    ),
    SchemeId.B: frozenset({ReportCriterion.DEVELOPMENT_CAPACITY, ReportCriterion.ATTRACTIVENESS}),
    SchemeId.C: frozenset(
        {
            ReportCriterion.DEVELOPMENT_CAPACITY,
            ReportCriterion.BUSINESS_COMPETENCE,
            ReportCriterion.JOBS,
        }
    ),
}
"""Each scheme's own criteria (P65-6.3 counts only a measure's contributions to these)."""


class ReportLanguage(enum.StrEnum):
    """The language a report is written (rendered and page-counted) in."""

    NB = "nb"
    """Norwegian bokmål."""
    NN = "nn"
    """Norwegian nynorsk."""
    EN = "en"
    """English."""


class TargetBasis(enum.StrEnum):
    """How the target group of the §2 figures was found."""

    CHALLENGES = "challenges"
    """Municipalities with a documented challenge in strategic development work."""
    INDEX = "index"
    """Those, and the municipalities the district index and a selection put in the target set."""


class DisposedBasis(enum.StrEnum):
    """Where the funds disposed in the year come from."""

    FRAME = "frame"
    """The portfolio's frame."""
    RECEIVED = "received"
    """The funds received for the year's appropriation year, all schemes (no frame given)."""


@attrs.frozen
class ReportContribution:
    """How a measure contributes to one criterion."""

    criterion: ReportCriterion
    description: str


@attrs.frozen
class ReportMeasure:
    """A measure carried out in the year, as the report shows it."""

    id: str = attrs.field(metadata=_doc("unique in the report (across schemes a, b and c)"))
    title: str
    beneficiaries: tuple[str, ...] = attrs.field(
        default=(),
        metadata=_doc(
            "kommunenumre (4 digits); for scheme a also the county's fylkesnummer (2 digits)"
        ),
    )
    amount: pint.Quantity[Decimal] | None = attrs.field(
        default=None, metadata=_doc("scheme a: the measure's cost; b and c: the grant")
    )
    spent: pint.Quantity[Decimal] | None = attrs.field(
        default=None, metadata=_doc("paid out in the year, when known")
    )
    description: str = attrs.field(default="", metadata=_doc("what was carried out"))
    contributions: tuple[ReportContribution, ...] = attrs.field(
        default=(), metadata=_doc("how it contributes to its scheme's criteria")
    )
    jobs_created: int | None = attrs.field(
        default=None, metadata=_doc("scheme c: jobs created (a whole number)")
    )
    period: Period | None = attrs.field(
        default=None, metadata=_doc("scheme a: when the measure runs")
    )


def _zero() -> pint.Quantity[Decimal]:
    return nok(0)


@exact_methods
@attrs.frozen
class SchemeFunds:
    """One scheme's money in the year, from the ledger's statement: opening + received −
    payments − administration costs = closing (carried over)."""

    opening: pint.Quantity[Decimal] = attrs.field(metadata=_doc("balance at the start of the year"))
    received: pint.Quantity[Decimal]
    payments: pint.Quantity[Decimal]
    admin_costs: pint.Quantity[Decimal] = attrs.field(
        metadata=_doc("the county's administration costs charged to the scheme in the year")
    )
    closing: pint.Quantity[Decimal] = attrs.field(
        metadata=_doc("balance at the end of the year: carried over")
    )
    repaid: pint.Quantity[Decimal] = attrs.field(
        factory=_zero, metadata=_doc("money paid back to the scheme in the year (tilbakebetaling)")
    )
    reallocated_in: pint.Quantity[Decimal] = attrs.field(
        factory=_zero, metadata=_doc("money moved to the scheme from another (omdisponering)")
    )
    reallocated_out: pint.Quantity[Decimal] = attrs.field(
        factory=_zero, metadata=_doc("money moved from the scheme to another (omdisponering)")
    )
    cancelled: pint.Quantity[Decimal] = attrs.field(
        factory=_zero,
        metadata=_doc("commitments that lapsed in the year (bortfall): the money is free again"),
    )

    @property
    def moved(self) -> bool:
        """True when money was repaid or reallocated in the year (or commitments lapsed)."""
        names = ("repaid", "reallocated_in", "reallocated_out", "cancelled")
        return any(kroner(getattr(self, n)) != 0 for n in names)

    @property
    def spent(self) -> pint.Quantity[Decimal]:
        """Payments and administration costs: money spent from the scheme's funds."""
        return total((self.payments, self.admin_costs))

    @property
    def admin_share(self) -> Decimal | None:
        """Administration costs as a share of the funds received in the year (None if none were
        received)."""
        received = kroner(self.received)
        return None if received == 0 else kroner(self.admin_costs) / received

    @property
    def balances(self) -> bool:
        """True when opening + received + repaid + reallocated in − reallocated out − payments −
        administration costs = closing."""
        into = kroner(self.opening) + kroner(self.received) + kroner(self.repaid)
        moved = kroner(self.reallocated_in) - kroner(self.reallocated_out)
        return into + moved - kroner(self.spent) == kroner(self.closing)


@attrs.frozen
class ReportScheme:
    """One scheme's part of the report: its measures and its money."""

    scheme: SchemeId
    measures: tuple[ReportMeasure, ...] = ()
    funds: SchemeFunds | None = None


@attrs.frozen
class ReportPlan:
    """A plan developed or renewed with the help of a scheme a measure (§2)."""

    measure: str = attrs.field(metadata=_doc("the id of the scheme a measure"))
    name: str
    action: PlanAction
    kommunenummer: str | None = None


@attrs.frozen
class ReportSection2:
    """The §2 figures of scheme a, computed from the portfolio when the report was built."""

    municipalities: tuple[str, ...] = attrs.field(
        default=(), metadata=_doc("distinct municipalities the scheme a measures benefited")
    )
    target_group: tuple[str, ...] = attrs.field(
        default=(), metadata=_doc("those of them in the target group")
    )
    basis: TargetBasis = attrs.field(
        default=TargetBasis.CHALLENGES, metadata=_doc("how the target group was found")
    )
    plans: tuple[ReportPlan, ...] = attrs.field(
        default=(), metadata=_doc("plans developed or renewed, by name")
    )
    new_ways: tuple[str, ...] = attrs.field(
        default=(), metadata=_doc("ids of the measures that solve tasks in new ways")
    )
    planning: tuple[str, ...] = attrs.field(
        default=(), metadata=_doc("ids of the measures that strengthen community planning")
    )


@exact_methods
@attrs.frozen
class Report:
    """The yearly post 65 report of one county (the ``report`` document kind)."""

    county: str = attrs.field(metadata=_doc("the county's fylkesnummer (2024 register)"))
    year: int
    split: Split | None = attrs.field(
        default=None, metadata=_doc("the split of the year's funds between a, b and c, and why")
    )
    disposed: pint.Quantity[Decimal] | None = attrs.field(
        default=None, metadata=_doc("the year's post 65 funds the county disposes")
    )
    disposed_basis: DisposedBasis = attrs.field(
        default=DisposedBasis.FRAME, metadata=_doc("where the funds disposed come from")
    )
    schemes: tuple[ReportScheme, ...] = attrs.field(
        default=(), metadata=_doc("schemes a, b and c, each once: measures and money")
    )
    section2: ReportSection2 = attrs.field(
        factory=ReportSection2, metadata=_doc("the §2 figures of scheme a")
    )
    judgement: str = attrs.field(
        default="", metadata=_doc("the county's own judgement of the year (the county writes it)")
    )
    lang: ReportLanguage = attrs.field(
        default=ReportLanguage.NB, metadata=_doc("the language it is rendered and counted in")
    )
    page_model: PageModel = attrs.field(
        factory=PageModel,
        validator=attrs.validators.instance_of(PageModel),
        metadata=_doc(
            "the page model it is rendered in (P65-6.4 counts its pages by the standard measure, "
            "90 characters a line and 50 lines a page, whatever it declares)"
        ),
    )

    def scheme(self, scheme: SchemeId) -> ReportScheme | None:
        """The first part of the report for ``scheme`` (None if there is none)."""
        return next((s for s in self.schemes if s.scheme is scheme), None)

    def measures(self) -> Iterator[tuple[str, SchemeId, ReportMeasure]]:
        """Every measure with its JSON Pointer and scheme, in document order."""
        for i, part in enumerate(self.schemes):
            for j, m in enumerate(part.measures):
                yield f"/schemes/{i}/measures/{j}", part.scheme, m

    def subject_labels(self) -> dict[str, str]:
        """Names for the subjects of findings: ``/schemes/0/measures/3`` → ``m4: Title``."""
        return {where: f"{m.id}: {m.title}" for where, _, m in self.measures()}


def _county_problem(nr: str, where: str) -> Problem | None:
    try:
        register(2024).county(nr)
    except UnknownCounty as exc:
        return Problem(where, exc.text)
    return None


def _beneficiary_problem(nr: str, where: str) -> Problem | None:
    if len(nr) == 2 and nr.isdigit():
        return _county_problem(nr, where)
    return municipality_problem(where, nr)


def _measure_problems(report: Report) -> Iterator[Problem]:
    first: dict[str, str] = {}
    for where, _, m in report.measures():
        if m.id in first:
            yield Problem(
                f"{where}/id", msg("report.problem.id_twice", id=m.id[:40], first=first[m.id])
            )
        else:
            first[m.id] = where
        for k, nr in enumerate(m.beneficiaries):
            problem = _beneficiary_problem(nr, f"{where}/beneficiaries/{k}")
            if problem is not None:
                yield problem
        for name in ("amount", "spent"):
            value = getattr(m, name)
            if value is not None and kroner(value) < 0:
                yield Problem(f"{where}/{name}", msg("report.problem.negative"))
        if m.jobs_created is not None and m.jobs_created < 0:
            yield Problem(f"{where}/jobs_created", msg("report.problem.negative_jobs"))


def _funds_problems(report: Report) -> Iterator[Problem]:
    for i, part in enumerate(report.schemes):
        if part.funds is None:
            continue
        where = f"/schemes/{i}/funds"
        f = part.funds
        for name in _NON_NEGATIVE:
            if kroner(getattr(f, name)) < 0:
                yield Problem(f"{where}/{name}", msg("report.problem.negative"))
        if not f.balances:
            if f.moved:
                text = msg(
                    "report.problem.unbalanced_moved",
                    opening=f.opening,
                    received=f.received,
                    repaid=f.repaid,
                    moved_in=f.reallocated_in,
                    moved_out=f.reallocated_out,
                    spent=f.spent,
                    closing=f.closing,
                )
            else:
                text = msg(
                    "report.problem.unbalanced",
                    opening=f.opening,
                    received=f.received,
                    spent=f.spent,
                    closing=f.closing,
                )
            yield Problem(where, text)


_NON_NEGATIVE = (
    "received",
    "payments",
    "admin_costs",
    "repaid",
    "reallocated_in",
    "reallocated_out",
    "cancelled",
)


def _section2_problems(report: Report) -> Iterator[Problem]:
    s2 = report.section2
    for field in ("municipalities", "target_group"):
        for k, nr in enumerate(getattr(s2, field)):
            problem = municipality_problem(f"/section2/{field}/{k}", nr)
            if problem is not None:
                yield problem
    benefited = set(s2.municipalities)
    for k, nr in enumerate(s2.target_group):
        if nr not in benefited:
            yield Problem(f"/section2/target_group/{k}", msg("report.problem.not_benefited", nr=nr))
    a_ids = {m.id for _, s, m in report.measures() if s is SchemeId.A}
    refs: list[tuple[str, str]] = [
        *((f"/section2/plans/{k}/measure", p.measure) for k, p in enumerate(s2.plans)),
        *((f"/section2/new_ways/{k}", mid) for k, mid in enumerate(s2.new_ways)),
        *((f"/section2/planning/{k}", mid) for k, mid in enumerate(s2.planning)),
    ]
    for where, mid in refs:
        if mid not in a_ids:
            yield Problem(where, msg("report.problem.unknown_measure", id=mid[:40]))
    for k, plan in enumerate(s2.plans):
        if plan.kommunenummer is not None:
            problem = municipality_problem(f"/section2/plans/{k}/kommunenummer", plan.kommunenummer)
            if problem is not None:
                yield problem


@exact
def validate_report(report: Report) -> list[Problem]:
    """Every problem that makes a structurally sound report unusable: an unknown county or
    kommunenummer, a year outside 2000–2100, a measure id used twice, a negative amount, money
    figures that do not add up, and §2 figures that name measures or municipalities the report
    does not have."""
    problems: list[Problem] = []
    county = _county_problem(report.county, "/county")
    if county is not None:
        problems.append(county)
    if not FIRST_YEAR <= report.year <= LAST_YEAR:
        problems.append(
            Problem(
                "/year",
                msg("report.problem.year", first=FIRST_YEAR, last=LAST_YEAR, year=report.year),
            )
        )
    if report.disposed is not None and kroner(report.disposed) < 0:
        problems.append(Problem("/disposed", msg("report.problem.negative")))
    problems += _measure_problems(report)
    problems += _funds_problems(report)
    problems += _section2_problems(report)
    return problems
