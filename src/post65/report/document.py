"""The yearly report as a document (the ``report`` kind): its parts and what makes it unusable.

A report holds everything it shows, so a stored report (say, with the county's judgement edited
in) can be rendered and checked on its own. :func:`validate_report` lists the problems that make
a structurally sound report unusable (``post65 report`` and ``post65 check`` exit 2 on them).
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterator
from decimal import Decimal

import attrs
import pint

from post65._decimal import exact_methods
from post65.errors import InvalidArgument, InvalidParameter
from post65.funds import SchemeId, Split
from post65.jsontext import printable
from post65.layout import PageModel
from post65.measures import Period, PlanAction
from post65.money import kroner, nok, total
from post65.report.figures import (
    CarriedOver,
    Comparison,
    MunicipalityAmount,
    StateActor,
    TargetMunicipalities,
)
from post65.text import msg

__all__ = [
    "SCHEME_CRITERIA",
    "DisposedBasis",
    "PageMeasure",
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
    "checked_language",
]


def _doc(text: str, **schema: object) -> dict[str, object]:
    """A field's metadata: its ``doc``, and keys of its JSON Schema (``pattern``, ``minimum``)."""
    return {"doc": text, **schema}


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


def checked_language(lang: str) -> ReportLanguage:
    """``lang`` as a report language (:class:`~post65.errors.InvalidParameter` if unknown,
    :class:`~post65.errors.InvalidArgument` if not a text)."""
    if not isinstance(lang, str):
        raise InvalidArgument(msg("report.argument.lang", type=type(lang).__name__))
    try:
        return ReportLanguage(lang)
    except ValueError:
        codes = [code.value for code in ReportLanguage]
        shown = printable(lang[:40])
        raise InvalidParameter(msg("report.unknown_language", lang=shown, codes=codes)) from None


class TargetBasis(enum.StrEnum):
    """How the target group of the §2 figures was found."""

    CHALLENGES = "challenges"
    """Municipalities with a documented challenge in strategic development work."""
    INDEX = "index"
    """Those, and the municipalities the district index and a selection put in the target set
    (A-1.2 read ``either``)."""
    BOTH = "both"
    """The municipalities in the target set (district index and selection, or a list) with a
    documented challenge (A-1.2 read ``both``, the default)."""


class PageMeasure(enum.StrEnum):
    """How a report's pages were counted."""

    PDF = "pdf"
    """Typeset as the PDF (the ``post65[pdf]`` extra installed)."""
    ESTIMATE = "estimate"
    """The same layout without the typesetter (never below the PDF's count)."""


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
            "kommunenumre (4 digits); for scheme a also the county's fylkesnummer (2 digits)",
            pattern="^[0-9]{2}([0-9]{2})?$",
        ),
    )
    amount: pint.Quantity[Decimal] | None = attrs.field(
        default=None, metadata=_doc("scheme a: the measure's cost; b and c: the grant", minimum=0)
    )
    spent: pint.Quantity[Decimal] | None = attrs.field(
        default=None, metadata=_doc("paid out in the year, when known", minimum=0)
    )
    description: str = attrs.field(default="", metadata=_doc("what was carried out"))
    contributions: tuple[ReportContribution, ...] = attrs.field(
        default=(), metadata=_doc("how it contributes to its scheme's criteria")
    )
    jobs_created: int | None = attrs.field(
        default=None, metadata=_doc("scheme c: jobs created (a whole number)", minimum=0)
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
    received: pint.Quantity[Decimal] = attrs.field(metadata=_doc("", minimum=0))
    payments: pint.Quantity[Decimal] = attrs.field(metadata=_doc("", minimum=0))
    admin_costs: pint.Quantity[Decimal] = attrs.field(
        metadata=_doc(
            "the county's administration costs charged to the scheme in the year", minimum=0
        )
    )
    closing: pint.Quantity[Decimal] = attrs.field(
        metadata=_doc("balance at the end of the year: carried over")
    )
    repaid: pint.Quantity[Decimal] = attrs.field(
        factory=_zero,
        metadata=_doc("money paid back to the scheme in the year (tilbakebetaling)", minimum=0),
    )
    reallocated_in: pint.Quantity[Decimal] = attrs.field(
        factory=_zero,
        metadata=_doc("money moved to the scheme from another (omdisponering)", minimum=0),
    )
    reallocated_out: pint.Quantity[Decimal] = attrs.field(
        factory=_zero,
        metadata=_doc("money moved from the scheme to another (omdisponering)", minimum=0),
    )
    cancelled: pint.Quantity[Decimal] = attrs.field(
        factory=_zero,
        metadata=_doc(
            "commitments that lapsed in the year (bortfall): the money is free again", minimum=0
        ),
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
        spent = kroner(self.payments) + kroner(self.admin_costs)  # exact, if past 10^18 kr too
        return into + moved - spent == kroner(self.closing)


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
    kommunenummer: str | None = attrs.field(default=None, metadata=_doc("", pattern="^[0-9]{4}$"))


@attrs.frozen
class ReportSection2:
    """The §2 figures of scheme a, computed from the portfolio when the report was built."""

    municipalities: tuple[str, ...] = attrs.field(
        default=(),
        metadata=_doc(
            "distinct municipalities the scheme a measures benefited", pattern="^[0-9]{4}$"
        ),
    )
    target_group: tuple[str, ...] = attrs.field(
        default=(), metadata=_doc("those of them in the target group", pattern="^[0-9]{4}$")
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

    county: str = attrs.field(
        metadata=_doc("the county's fylkesnummer (2024 register)", pattern="^[0-9]{2}$")
    )
    year: int
    split: Split | None = attrs.field(
        default=None, metadata=_doc("the split of the year's funds between a, b and c, and why")
    )
    disposed: pint.Quantity[Decimal] | None = attrs.field(
        default=None, metadata=_doc("the year's post 65 funds the county disposes", minimum=0)
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

    made: dt.date | None = attrs.field(
        default=None, metadata=_doc("the date the report was made (shown on every page)")
    )
    pages: int | None = attrs.field(
        default=None,
        metadata=_doc("the pages of the typeset PDF when it was made (P65-6.4 counts anew)"),
    )
    page_measure: PageMeasure | None = attrs.field(
        default=None, metadata=_doc("how ``pages`` was counted: pdf or estimate")
    )
    carried_over: dict[str, CarriedOver] = attrs.field(
        factory=dict,
        metadata=_doc(
            "per scheme (a, b, c): funds carried over from earlier years and to the next"
        ),
    )
    by_use: dict[str, pint.Quantity[Decimal]] = attrs.field(
        factory=dict, metadata=_doc("scheme a money by permitted use (i, ii, iii, iv)")
    )
    by_municipality: tuple[MunicipalityAmount, ...] = attrs.field(
        default=(),
        metadata=_doc("scheme a money reaching each beneficiary municipality (shared evenly)"),
    )
    to_county: pint.Quantity[Decimal] | None = attrs.field(
        default=None, metadata=_doc("scheme a money whose beneficiary is the county itself")
    )
    unassigned: pint.Quantity[Decimal] | None = attrs.field(
        default=None, metadata=_doc("scheme a money of measures that name no beneficiary")
    )
    target_municipalities: TargetMunicipalities | None = attrs.field(
        default=None,
        metadata=_doc("the county's target municipalities and those reached (index given)"),
    )
    state_actors: tuple[StateActor, ...] = attrs.field(
        default=(), metadata=_doc("state actors invited into scheme a measures")
    )
    projects_by_criterion: dict[str, dict[str, tuple[str, ...]]] = attrs.field(
        factory=dict, metadata=_doc("schemes b and c: measure ids by criterion")
    )
    jobs: int | None = attrs.field(
        default=None, metadata=_doc("jobs created by scheme c, all measures together")
    )

    @property
    def comparison(self) -> Comparison:
        """The figures the ministry compares (:mod:`post65.report.figures`)."""
        return Comparison(
            carried_over=self.carried_over,
            by_use=self.by_use,
            by_municipality=self.by_municipality,
            to_county=self.to_county,
            unassigned=self.unassigned,
            target_municipalities=self.target_municipalities,
            state_actors=self.state_actors,
            projects_by_criterion=self.projects_by_criterion,
            jobs=self.jobs,
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
