"""The yearly post 65 report (§6 of scheme a): built from the portfolio, rendered, page-counted.

§6 of the scheme a regulation: «Ordning a, b og c på post 65 rapporterer sammen.
Fylkeskommunen må hvert år levere en kortfattet rapport til departementet», describing the split
of the funds between a, b and c with its justification and the measures carried out and how they
contribute to each scheme's criteria; «Rapporten skal ikke overskride 3 sider.»

:func:`build_report` makes a :class:`Report` from a :class:`~post65.portfolio.Portfolio`: the
split and its justification; per scheme the measures carried out and how each contributes to
that scheme's criteria; the §2 figures of scheme a computed from the data (distinct target-group
municipalities that benefited, plans developed or renewed by name, tasks solved in new ways);
per scheme the money received, spent and carried over and the administration cost share (from
the ledger's statement for the year); and the county's own judgement, which the county writes.

A report is also the ``report`` document kind: its JSON holds everything it shows, so a stored
report (say, with the judgement edited in) can be rendered and checked on its own. It records
the language it is written in and the page model it is rendered in (P65-6.4 counts by the
standard measure whatever it declares). :func:`render_report` renders it as Markdown, plain
text or one complete HTML page with print CSS for A4; :func:`page_count` counts its pages under
the :class:`~post65.layout.PageModel` (the lines of the text rendering, wrapped at a fixed width,
cut into pages of a fixed number of lines); the report states its own page count. Rules
P65-6.1 … P65-6.4 (:mod:`post65.schemes.post`) check it.

>>> from post65.io import load
>>> p = load('''{"kind": "portfolio", "county": "18", "year": 2024, "frame": "1000000",
...   "split": {"a": "600000", "b": "400000", "c": "0", "justification": "Behov."},
...   "b_measures": [{"id": "b1", "title": "Bulyst i Træna", "municipalities": ["1835"],
...     "granted": "400000", "description": "Møteplasser.",
...     "contributions": [{"criterion": "attractiveness", "description": "Nye møteplasser."}]}]}''')
>>> report = build_report(p, judgement="Godt år.")
>>> [s.scheme.value for s in report.schemes], report.schemes[1].measures[0].title
(['a', 'b', 'c'], 'Bulyst i Træna')
>>> count = page_count(report)
>>> count.pages, count.lines, count.longest(1)
(2, 58, (('split', 15),))
>>> print(render_report(report, "text").splitlines()[0])
ÅRSRAPPORT 2024, KAP. 553 POST 65: NORDLAND FYLKESKOMMUNE
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Iterator
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal

import attrs
import pint

from post65 import io
from post65._decimal import exact, exact_methods
from post65.errors import (
    InvalidArgument,
    InvalidParameter,
    Lang,
    Problem,
    UnknownCounty,
    UnknownMunicipality,
)
from post65.funds import SchemeId, Split
from post65.geography import register
from post65.layout import (
    Format,
    Heading,
    PageCount,
    PageModel,
    Paragraph,
    Section,
    Table,
    bounded,
    render,
)
from post65.measures import Period, PlanAction, is_blank
from post65.money import format_amount, format_number, kroner, nok, total
from post65.portfolio import FIRST_YEAR, LAST_YEAR, Portfolio, section2
from post65.rulebook import IndexLike, SelectionLike, Text

__all__ = [
    "SCHEME_CRITERIA",
    "SECTION_NAMES",
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
    "build_report",
    "page_count",
    "render_report",
    "report_sections",
    "validate_report",
]


def _doc(text: str) -> dict[str, str]:
    return {"doc": text}


# --------------------------------------------------------------------------------------------
# The document


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

_CRITERION_LABEL = {
    ReportCriterion.NEW_WAYS: Text("Nye arbeidsmåter", "New ways"),
    ReportCriterion.PLANNING: Text("Samfunnsplanlegging", "Community planning"),
    ReportCriterion.PLANS: Text("Planer", "Plans"),
    ReportCriterion.DEVELOPMENT_CAPACITY: Text("Utviklingskapasitet", "Development capacity"),
    ReportCriterion.ATTRACTIVENESS: Text("Attraktivitet", "Attractiveness"),
    ReportCriterion.BUSINESS_COMPETENCE: Text("Næringskompetanse", "Business competence"),
    ReportCriterion.JOBS: Text("Arbeidsplasser", "Jobs"),
}


class ReportLanguage(enum.StrEnum):
    """The language a report is written (rendered and page-counted) in."""

    NB = "nb"
    """Norwegian bokmål."""
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
        """True when opening + received − payments − administration costs = closing."""
        return kroner(self.opening) + kroner(self.received) - kroner(self.spent) == kroner(
            self.closing
        )


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


# --------------------------------------------------------------------------------------------
# Building a report from a portfolio


def _spent_by_measure(portfolio: Portfolio) -> dict[tuple[SchemeId, str], pint.Quantity[Decimal]]:
    found: dict[tuple[SchemeId, str], Decimal] = {}
    for p in portfolio.funds.payments:
        if p.year == portfolio.year and p.measure is not None:
            key = (p.scheme, p.measure)
            found[key] = found.get(key, Decimal(0)) + kroner(p.amount)
    return {k: nok(v) for k, v in found.items()}


def _scheme_a_measures(
    portfolio: Portfolio, spent: dict[tuple[SchemeId, str], pint.Quantity[Decimal]]
) -> tuple[ReportMeasure, ...]:
    out = []
    for m in portfolio.measures:
        contributions = []
        if not is_blank(m.criteria.new_ways):
            contributions.append(ReportContribution(ReportCriterion.NEW_WAYS, m.criteria.new_ways))
        if not is_blank(m.criteria.planning):
            contributions.append(ReportContribution(ReportCriterion.PLANNING, m.criteria.planning))
        contributions += [
            ReportContribution(ReportCriterion.PLANS, p.name)
            for p in m.criteria.plans
            if not is_blank(p.name)
        ]
        out.append(
            ReportMeasure(
                id=m.id,
                title=m.title,
                beneficiaries=m.beneficiaries,
                amount=m.cost,
                spent=spent.get((SchemeId.A, m.id)),
                description=m.description,
                contributions=tuple(contributions),
                period=m.period,
            )
        )
    return tuple(out)


def _scheme_funds(portfolio: Portfolio) -> dict[SchemeId, SchemeFunds]:
    statement = portfolio.funds.ledger().statement(portfolio.year)
    return {
        s: SchemeFunds(
            opening=line.opening,
            received=line.received,
            payments=line.payments,
            admin_costs=line.admin_costs,
            closing=line.closing,
        )
        for s in SchemeId
        for line in (statement.line(s),)
    }


def _disposed(portfolio: Portfolio) -> tuple[pint.Quantity[Decimal] | None, DisposedBasis]:
    if portfolio.frame is not None:
        return portfolio.frame, DisposedBasis.FRAME
    receipts = [
        r.amount for r in portfolio.funds.received if r.appropriation_year == portfolio.year
    ]
    return (total(receipts) if receipts else None), DisposedBasis.RECEIVED


@exact
def build_report(
    portfolio: Portfolio,
    *,
    judgement: str | None = None,
    index: IndexLike | None = None,
    selection: SelectionLike | None = None,
    lang: Lang | ReportLanguage = "nb",
    model: PageModel | None = None,
) -> Report:
    """The yearly report of ``portfolio``.

    ``judgement`` is the county's own text (optional). ``index`` and ``selection`` (as for
    :func:`post65.check`) add the district index's target set to the target group of the §2
    figures; without them the target group is the municipalities with a documented challenge.
    ``lang`` and ``model`` are the language and page model the report is rendered in (bokmål
    and the standard :class:`~post65.layout.PageModel` unless given); ``model`` must lie within
    the option bounds (:func:`~post65.layout.bounded`), and P65-6.4 counts by the standard
    measure whatever it is. A ``portfolio`` that is not a :class:`~post65.portfolio.Portfolio`
    raises :class:`~post65.errors.InvalidArgument` (a ``TypeError``).
    """
    if not isinstance(portfolio, Portfolio):
        name = type(portfolio).__name__
        raise InvalidArgument(
            f"build_report tar en Portfolio, ikke {name}",
            f"build_report takes a Portfolio, not a value of type {name}",
        )
    if model is not None:
        bounded(model)
    target: frozenset[str] | None = None
    if selection is not None:
        target = selection.select(index).municipalities
    figures = section2(portfolio, target=target)
    spent = _spent_by_measure(portfolio)
    funds = _scheme_funds(portfolio)
    b = tuple(
        ReportMeasure(
            id=m.id,
            title=m.title,
            beneficiaries=m.municipalities,
            amount=m.granted,
            spent=m.spent if m.spent is not None else spent.get((SchemeId.B, m.id)),
            description=m.description,
            contributions=tuple(
                ReportContribution(ReportCriterion(c.criterion.value), c.description)
                for c in m.contributions
            ),
        )
        for m in portfolio.b_measures
    )
    c = tuple(
        ReportMeasure(
            id=m.id,
            title=m.title,
            beneficiaries=m.municipalities,
            amount=m.granted,
            spent=m.spent if m.spent is not None else spent.get((SchemeId.C, m.id)),
            description=m.description,
            contributions=tuple(
                ReportContribution(ReportCriterion(x.criterion.value), x.description)
                for x in m.contributions
            ),
            jobs_created=m.jobs_created,
        )
        for m in portfolio.c_measures
    )
    measures = {SchemeId.A: _scheme_a_measures(portfolio, spent), SchemeId.B: b, SchemeId.C: c}
    disposed, basis = _disposed(portfolio)
    return Report(
        county=portfolio.county,
        year=portfolio.year,
        split=portfolio.split,
        disposed=disposed,
        disposed_basis=basis,
        schemes=tuple(ReportScheme(s, measures[s], funds[s]) for s in SchemeId),
        section2=ReportSection2(
            municipalities=figures.municipalities,
            target_group=figures.target_group,
            basis=TargetBasis.CHALLENGES if target is None else TargetBasis.INDEX,
            plans=tuple(
                ReportPlan(mid, plan.name, plan.action, plan.kommunenummer)
                for mid, plan in figures.plans
            ),
            new_ways=tuple(mid for mid, _ in figures.new_ways),
            planning=tuple(mid for mid, _ in figures.planning),
        ),
        judgement=judgement or "",
        lang=_checked_language(lang),
        page_model=model or PageModel(),
    )


# --------------------------------------------------------------------------------------------
# What makes a report unusable (exit 2)


def _municipality_problem(nr: str, where: str) -> Problem | None:
    try:
        register(2024).municipality(nr)
    except UnknownMunicipality as exc:
        return Problem(where, exc.nb, exc.en)
    return None


def _county_problem(nr: str, where: str) -> Problem | None:
    try:
        register(2024).county(nr)
    except UnknownCounty as exc:
        return Problem(where, exc.nb, exc.en)
    return None


def _beneficiary_problem(nr: str, where: str) -> Problem | None:
    if len(nr) == 2 and nr.isdigit():
        return _county_problem(nr, where)
    return _municipality_problem(nr, where)


def _measure_problems(report: Report) -> Iterator[Problem]:
    first: dict[str, str] = {}
    for where, _, m in report.measures():
        if m.id in first:
            yield Problem(
                f"{where}/id",
                f"id-en «{m.id[:40]}» er allerede brukt av {first[m.id]}",
                f'the id "{m.id[:40]}" is already used by {first[m.id]}',
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
                yield Problem(
                    f"{where}/{name}",
                    "beløpet kan ikke være negativt",
                    "the amount cannot be negative",
                )
        if m.jobs_created is not None and m.jobs_created < 0:
            yield Problem(
                f"{where}/jobs_created",
                "antall arbeidsplasser kan ikke være negativt",
                "the number of jobs cannot be negative",
            )


def _funds_problems(report: Report) -> Iterator[Problem]:
    for i, part in enumerate(report.schemes):
        if part.funds is None:
            continue
        where = f"/schemes/{i}/funds"
        f = part.funds
        for name in ("opening", "received", "payments", "admin_costs", "closing"):
            if name not in ("opening", "closing") and kroner(getattr(f, name)) < 0:
                yield Problem(
                    f"{where}/{name}",
                    "beløpet kan ikke være negativt",
                    "the amount cannot be negative",
                )
        if not f.balances:
            yield Problem(
                where,
                f"tallene går ikke opp: inngående {format_amount(f.opening)} + mottatt "
                f"{format_amount(f.received)} − brukt {format_amount(f.spent)} er ikke "
                f"utgående {format_amount(f.closing)}",
                f"the figures do not add up: opening {format_amount(f.opening)} + received "
                f"{format_amount(f.received)} − spent {format_amount(f.spent)} is not the "
                f"closing balance {format_amount(f.closing)}",
            )


def _section2_problems(report: Report) -> Iterator[Problem]:
    s2 = report.section2
    for field in ("municipalities", "target_group"):
        for k, nr in enumerate(getattr(s2, field)):
            problem = _municipality_problem(nr, f"/section2/{field}/{k}")
            if problem is not None:
                yield problem
    benefited = set(s2.municipalities)
    for k, nr in enumerate(s2.target_group):
        if nr not in benefited:
            yield Problem(
                f"/section2/target_group/{k}",
                f"{nr} er ikke blant kommunene som har hatt nytte av tiltakene (municipalities)",
                f"{nr} is not among the municipalities that benefited (municipalities)",
            )
    a_ids = {m.id for _, s, m in report.measures() if s is SchemeId.A}
    refs: list[tuple[str, str]] = [
        *((f"/section2/plans/{k}/measure", p.measure) for k, p in enumerate(s2.plans)),
        *((f"/section2/new_ways/{k}", mid) for k, mid in enumerate(s2.new_ways)),
        *((f"/section2/planning/{k}", mid) for k, mid in enumerate(s2.planning)),
    ]
    for where, mid in refs:
        if mid not in a_ids:
            yield Problem(
                where,
                f"tiltaket «{mid[:40]}» finnes ikke blant tiltakene i ordning a i rapporten",
                f'the measure "{mid[:40]}" is not among the report\'s scheme a measures',
            )
    for k, plan in enumerate(s2.plans):
        if plan.kommunenummer is not None:
            problem = _municipality_problem(
                plan.kommunenummer, f"/section2/plans/{k}/kommunenummer"
            )
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
                f"året må være mellom {FIRST_YEAR} og {LAST_YEAR}, fikk {report.year}",
                f"the year must be between {FIRST_YEAR} and {LAST_YEAR}, got {report.year}",
            )
        )
    if report.disposed is not None and kroner(report.disposed) < 0:
        problems.append(
            Problem("/disposed", "beløpet kan ikke være negativt", "the amount cannot be negative")
        )
    problems += _measure_problems(report)
    problems += _funds_problems(report)
    problems += _section2_problems(report)
    return problems


io.register_kind(
    "report",
    Report,
    title="post65 report: the yearly post 65 report of one county (§6)",
    validate=validate_report,
)


# --------------------------------------------------------------------------------------------
# Rendering

SECTION_NAMES: dict[str, Text] = {
    "split": Text("fordelingen mellom ordningene", "the split between the schemes"),
    "a": Text("ordning a: tiltak", "scheme a: measures"),
    "section2": Text("ordning a: måloppnåelse (§2)", "scheme a: goal achievement (§2)"),
    "b": Text("ordning b: prosjekter", "scheme b: projects"),
    "c": Text("ordning c: tiltak", "scheme c: measures"),
    "funds": Text("midler per ordning", "funds per scheme"),
    "judgement": Text("fylkeskommunens vurdering", "the county's judgement"),
}
"""Short names of the report's sections by key, for messages (P65-6.4 names the longest)."""

_SCHEME_SHORT = {
    SchemeId.A: Text("a – bistand og veiledning", "a – assistance and guidance"),
    SchemeId.B: Text("b – langvarig nedgang", "b – long-term decline"),
    SchemeId.C: Text("c – omstilling", "c – restructuring"),
}

_MEASURE_TITLES = {
    SchemeId.A: Text(
        "Ordning a: tiltak og bidrag til kriteriene", "Scheme a: measures and their contributions"
    ),
    SchemeId.B: Text(
        "Ordning b: prosjekter og bidrag til kriteriene",
        "Scheme b: projects and their contributions",
    ),
    SchemeId.C: Text(
        "Ordning c: tiltak og bidrag til kriteriene", "Scheme c: measures and their contributions"
    ),
}


def _language(report: Report, lang: str | None) -> Lang:
    chosen = report.lang.value if lang is None else _checked_language(lang).value
    return "en" if chosen == "en" else "nb"


def _checked_language(lang: str) -> ReportLanguage:
    try:
        return ReportLanguage(lang)
    except ValueError:
        raise InvalidParameter(
            f"ukjent språk «{lang}» (nb eller en)", f'unknown language "{lang}" (nb or en)'
        ) from None


def _t(lang: Lang, nb: str, en: str) -> str:
    return nb if lang == "nb" else en


def _percent(share: Decimal, lang: Lang) -> str:
    value = (share * 100).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    shown = format_number(value) if lang == "nb" else str(value)
    return f"{shown}\u00a0%"


def _sentence(text: str) -> str:
    text = " ".join(text.split())
    return text if text.endswith((".", "!", "?", "…")) else text + "."


def _names(numbers: Iterable[str], lang: Lang) -> str:
    reg = register(2024)
    out = []
    for nr in numbers:
        if len(nr) == 2:
            out.append(_t(lang, "fylkeskommunen", "the county"))
        elif nr in reg:
            out.append(reg.municipality(nr).name)
        else:
            out.append(nr)
    return ", ".join(out)


def _county_name(report: Report) -> str:
    try:
        return register(2024).county(report.county).name
    except UnknownCounty:
        return report.county


def _title(report: Report, lang: Lang) -> str:
    name = _county_name(report)
    return _t(
        lang,
        f"Årsrapport {report.year}, kap. 553 post 65: {name} fylkeskommune",
        f"Yearly report {report.year}, kap. 553 post 65: {name} fylkeskommune",
    )


_SPLIT_TITLE = ("Fordeling mellom ordning a, b og c", "Split between schemes a, b and c")


def _split_section(report: Report, lang: Lang, stated: PageCount, model: PageModel) -> Section:
    pages = stated.pages
    intro = _t(
        lang,
        f"Fylkeskommunen rapporterer ordning a, b og c samlet for {report.year}. Rapporten er "
        f"{pages} {'side' if pages == 1 else 'sider'} etter sidemodellen ({stated.lines} "
        f"linjer; {model.width} tegn per linje, {model.lines_per_page} linjer per side).",
        f"The county reports schemes a, b and c together for {report.year}. The report is "
        f"{pages} {'page' if pages == 1 else 'pages'} under the page model ({stated.lines} "
        f"lines; {model.width} characters a line, {model.lines_per_page} lines a page).",
    )
    blocks: list[Heading | Paragraph | Table] = [Paragraph(intro)]
    split = report.split
    if split is None:
        blocks.append(
            Paragraph(
                _t(
                    lang,
                    "Fordelingen mellom ordningene er ikke oppgitt.",
                    "The split between the schemes is not given.",
                )
            )
        )
        return Section("split", _t(lang, *_SPLIT_TITLE), tuple(blocks))
    shares = split.shares(4)
    rows = [
        (_SCHEME_SHORT[s](lang), format_amount(split.amount(s)), _percent(shares[s], lang))
        for s in SchemeId
    ]
    whole = kroner(split.total)
    rows.append(
        (
            _t(lang, "Sum", "Total"),
            format_amount(split.total),
            _percent(Decimal(1 if whole else 0), lang),
        )
    )
    blocks.append(
        Table(
            (
                _t(lang, "Ordning", "Scheme"),
                _t(lang, "Beløp", "Amount"),
                _t(lang, "Andel", "Share"),
            ),
            tuple(rows),
            ("left", "right", "right"),
        )
    )
    if report.disposed is not None and kroner(report.disposed) != whole:
        basis = {
            DisposedBasis.FRAME: Text("rammen", "the frame"),
            DisposedBasis.RECEIVED: Text(
                f"midler mottatt for {report.year}", f"funds received for {report.year}"
            ),
        }[report.disposed_basis](lang)
        blocks.append(
            Paragraph(
                _t(
                    lang,
                    f"Midlene disponert i {report.year} er {format_amount(report.disposed)} "
                    f"({basis}).",
                    f"The funds disposed in {report.year} are {format_amount(report.disposed)} "
                    f"({basis}).",
                )
            )
        )
    justification = (
        _sentence(split.justification)
        if not is_blank(split.justification)
        else _t(lang, "(ikke oppgitt).", "(not given).")
    )
    blocks.append(Paragraph(_t(lang, "Begrunnelse: ", "Justification: ") + justification))
    return Section("split", _t(lang, *_SPLIT_TITLE), tuple(blocks))


def _contribution_text(m: ReportMeasure, lang: Lang) -> str:
    by_criterion: dict[ReportCriterion, list[str]] = {}
    for c in m.contributions:
        if not is_blank(c.description):
            by_criterion.setdefault(c.criterion, []).append(" ".join(c.description.split()))
    if m.jobs_created:
        by_criterion.setdefault(ReportCriterion.JOBS, [])
    parts = []
    for criterion in ReportCriterion:
        texts = by_criterion.get(criterion)
        if texts is None:
            continue
        label = _CRITERION_LABEL[criterion](lang)
        if criterion is ReportCriterion.JOBS and m.jobs_created is not None:
            label += f" ({format_number(m.jobs_created)})"
        if criterion is ReportCriterion.PLANS:  # named in the §2 section
            parts.append(f"{label}: {len(texts)} (§2).")
        elif texts:
            parts.append(f"{label}: {' '.join(_sentence(t) for t in texts)}")
        else:
            parts.append(f"{label}.")
    return " ".join(parts) if parts else "–"


def _measures_section(part: ReportScheme, key: str, report: Report, lang: Lang) -> Section:
    title = _MEASURE_TITLES[part.scheme](lang)
    if not part.measures:
        return Section(
            key,
            title,
            (
                Paragraph(
                    _t(lang, f"Ingen tiltak i {report.year}.", f"No measures in {report.year}.")
                ),
            ),
        )
    rows = [
        (
            f"{m.title} ({_names(m.beneficiaries, lang)})" if m.beneficiaries else m.title,
            format_amount(m.amount) if m.amount is not None else "–",
            _contribution_text(m, lang),
        )
        for m in part.measures
    ]
    n = len(part.measures)
    amount = total(m.amount for m in part.measures if m.amount is not None)
    last = ""
    jobs = [m.jobs_created for m in part.measures if m.jobs_created is not None]
    if jobs:
        last = _t(
            lang,
            f"Arbeidsplasser skapt: {format_number(sum(jobs))}",
            f"Jobs created: {format_number(sum(jobs))}",
        )
    rows.append(
        (_t(lang, f"Sum ({n} tiltak)", f"Total ({n} measures)"), format_amount(amount), last)
    )
    headers = (
        _t(lang, "Tiltak (kommuner)", "Measure (municipalities)"),
        _t(lang, "Beløp", "Amount"),
        _t(lang, "Bidrag til kriteriene", "Contribution to the criteria"),
    )
    return Section(key, title, (Table(headers, tuple(rows), ("left", "right", "left")),))


def _section2_section(report: Report, lang: Lang) -> Section:
    s2 = report.section2
    title = _t(lang, "Ordning a: måloppnåelse etter §2", "Scheme a: goal achievement under §2")
    if not (s2.municipalities or s2.plans or s2.new_ways or s2.planning):
        return Section(
            "section2",
            title,
            (
                Paragraph(
                    _t(
                        lang,
                        f"Ingen tiltak i ordning a bidro til kriteriene i §2 i {report.year}.",
                        f"No scheme a measure contributed to the §2 criteria in {report.year}.",
                    )
                ),
            ),
        )
    basis = {
        TargetBasis.CHALLENGES: Text(
            "dokumentert utfordring i strategisk utviklingsarbeid",
            "a documented challenge in strategic development work",
        ),
        TargetBasis.INDEX: Text(
            "distriktsindeksen og utvalget, eller dokumentert utfordring",
            "the district index and the selection, or a documented challenge",
        ),
    }[s2.basis](lang)
    n, t = len(s2.municipalities), len(s2.target_group)
    listed = f": {_names(s2.target_group, lang)}" if s2.target_group else ""
    reach = _t(
        lang,
        f"Kommuner som har hatt nytte av tiltakene: {n}, av dem {t} i målgruppen "
        f"({basis}){listed}.",
        f"Municipalities that benefited from the measures: {n}, of them {t} in the target group "
        f"({basis}){listed}.",
    )
    action = {
        PlanAction.DEVELOPED: Text("utviklet", "developed"),
        PlanAction.RENEWED: Text("fornyet", "renewed"),
    }
    if s2.plans:
        listed_plans = "; ".join(f"{p.name} ({action[p.action](lang)})" for p in s2.plans)
        plans = _t(
            lang,
            f"Planer utviklet eller fornyet ({len(s2.plans)}): {listed_plans}.",
            f"Plans developed or renewed ({len(s2.plans)}): {listed_plans}.",
        )
    else:
        plans = _t(lang, "Ingen planer utviklet eller fornyet.", "No plans developed or renewed.")

    ways = _t(
        lang,
        f"Oppgaver løst på nye måter: {len(s2.new_ways)} tiltak. Samfunnsplanleggingen "
        f"styrket: {len(s2.planning)} tiltak.",
        f"Tasks solved in new ways: {len(s2.new_ways)} measures. Community planning "
        f"strengthened: {len(s2.planning)} measures.",
    )
    return Section("section2", title, (Paragraph(reach), Paragraph(plans), Paragraph(ways)))


def _funds_section(report: Report, lang: Lang) -> Section:
    parts = [(p.scheme, p.funds) for p in report.schemes if p.funds is not None]

    def amount(q: pint.Quantity[Decimal]) -> str:
        return format_amount(q, symbol=False)

    def share(value: Decimal | None) -> str:
        return "–" if value is None else _percent(value, lang)

    rows = [
        (
            s.value,
            amount(f.opening),
            amount(f.received),
            amount(f.spent),
            amount(f.admin_costs),
            share(f.admin_share),
            amount(f.closing),
        )
        for s, f in parts
    ]
    if len(parts) > 1:
        sums = {
            name: total(getattr(f, name) for _, f in parts)
            for name in ("opening", "received", "spent", "admin_costs", "closing")
        }
        received = kroner(sums["received"])
        rows.append(
            (
                _t(lang, "Sum", "Total"),
                amount(sums["opening"]),
                amount(sums["received"]),
                amount(sums["spent"]),
                amount(sums["admin_costs"]),
                share(None if received == 0 else kroner(sums["admin_costs"]) / received),
                amount(sums["closing"]),
            )
        )
    headers = (
        (_t(lang, "Ordning", "Scheme")),
        _t(lang, "Inngående", "Opening"),
        _t(lang, "Mottatt", "Received"),
        _t(lang, "Brukt", "Spent"),
        _t(lang, "Herav adm.", "Of it admin."),
        _t(lang, "Adm.-andel", "Admin. share"),
        _t(lang, "Overført", "Carried over"),
    )
    note = _t(
        lang,
        "Brukt: utbetalinger og egen administrasjon. Adm.-andel: administrasjon delt på "
        f"mottatt i året. Overført: saldo ved utgangen av {report.year}.",
        "Spent: payments and own administration. Admin. share: administration divided by "
        f"received in the year. Carried over: the balance at the end of {report.year}.",
    )
    title = _t(lang, "Midler per ordning (kr)", "Funds per scheme (NOK)")
    if not parts:
        return Section(
            "funds",
            title,
            (Paragraph(_t(lang, "Ingen regnskapstall.", "No figures from the books.")),),
        )
    align: tuple[Literal["left", "right"], ...] = ("left", *("right",) * 6)
    return Section("funds", title, (Table(headers, tuple(rows), align), Paragraph(note)))


def _judgement_section(report: Report, lang: Lang) -> Section | None:
    if is_blank(report.judgement):
        return None
    paragraphs = [p.strip() for p in report.judgement.strip().split("\n\n") if p.strip()]
    return Section(
        "judgement",
        _t(lang, "Fylkeskommunens vurdering", "The county's judgement"),
        tuple(Paragraph(" ".join(p.split())) for p in paragraphs),
    )


def _sections(report: Report, lang: Lang, model: PageModel, stated: PageCount) -> list[Section]:
    sections = [_split_section(report, lang, stated, model)]
    for part in report.schemes:
        sections.append(_measures_section(part, part.scheme.value, report, lang))
        if part.scheme is SchemeId.A:
            sections.append(_section2_section(report, lang))
    sections.append(_funds_section(report, lang))
    judgement = _judgement_section(report, lang)
    if judgement is not None:
        sections.append(judgement)
    return sections


@exact
def report_sections(
    report: Report, *, lang: Lang | None = None, model: PageModel | None = None
) -> tuple[str, tuple[Section, ...], PageCount]:
    """The report as a title and document sections (:mod:`post65.layout`), with the page count
    they state: the count of exactly these sections (a fixed point: the statement of the count
    is itself counted). ``lang`` and ``model`` default to the report's own; a ``model`` given
    must lie within the option bounds (:func:`~post65.layout.bounded`)."""
    lang = _language(report, lang)
    model = report.page_model if model is None else bounded(model)
    title = _title(report, lang)
    stated = PageCount(lines=0, pages=1, by_section=())
    for _ in range(20):  # the count never decreases from one round to the next, so it settles
        sections = _sections(report, lang, model, stated)
        count = model.count(sections, title=title)
        if (count.lines, count.pages) == (stated.lines, stated.pages):
            break
        stated = count
    return title, tuple(sections), count


@exact
def page_count(
    report: Report, *, lang: Lang | None = None, model: PageModel | None = None
) -> PageCount:
    """The lines and pages of ``report`` under the page model (by default its own language and
    page model), with the lines of each section (keys as in :data:`SECTION_NAMES`)."""
    return report_sections(report, lang=lang, model=model)[2]


@exact
def render_report(
    report: Report,
    fmt: Format = "markdown",
    *,
    lang: Lang | None = None,
    model: PageModel | None = None,
) -> str:
    """``report`` as ``markdown``, ``text`` or ``html`` (one complete page with print CSS for
    A4), in its own language and page model unless ``lang`` or ``model`` is given."""
    if fmt not in ("markdown", "text", "html"):
        raise InvalidParameter(
            f"ukjent format «{fmt}» (markdown, text eller html)",
            f'unknown format "{fmt}" (markdown, text or html)',
        )
    title, sections, _ = report_sections(report, lang=lang, model=model)
    chosen = _language(report, lang)
    return render(title, sections, fmt, model=model or report.page_model, lang=chosen)
