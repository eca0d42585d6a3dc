"""Scheme b: grants to municipalities with long-term decline in population and employment.

*Tilskudd til kommuner med langvarig nedgang i folketall og sysselsetting av særlig omfattende
grad*, under KDD's forskrift of 3 April 2024 and each county's call (:mod:`post65.calls`).

Two document kinds:

- ``application``: one application (søknad): the applicant municipality or municipalities (a
  joint project), the project, the amount applied for, the total project cost, the call it
  answers (a shipped call id and/or the terms inline), the evidence B-1 needs (the ten-year change
  in population and employment), each applicant's centrality class, and, where the grant supports
  an undertaking, the undertaking's organisasjonsnummer and de minimis record;
- ``applications``: a set of applications answering one call, so that B-4 can compute the
  priority order (and what fits in the amount set aside) over the whole set.

Rules B-1 … B-5 check either kind; in a set every finding points into ``/applications/N``.

>>> import datetime as dt
>>> from post65.money import nok
>>> from post65.rules import check
>>> app = Application(
...     id="engerdal-1",
...     applicants=(Applicant("3425", centrality_class=6),),
...     project=Project("Bulyst i Engerdal", ProjectType.PLACE_DEVELOPMENT,
...                     contributions=(Contribution(Criterion.ATTRACTIVENESS, "Nye møteplasser"),)),
...     amount_applied=nok(400_000),
...     total_cost=nok(900_000),
...     call="innlandet-2024",
... )
>>> result = check(app)
>>> [(f.rule, f.outcome.value) for f in result if f.rule in ("B-2", "B-3")]
[('B-2', 'met'), ('B-3', 'met')]
>>> check(attrs.evolve(app, amount_applied=nok(500_001))).for_rule("B-3")[0].outcome.value
'not_met'
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal

import attrs
import pint

from post65 import io
from post65.calls import CENTRALITY_CLASSES, Call, ProjectType, UnknownCall, call_problems
from post65.calls import shipped_call as _shipped_call
from post65.errors import Problem, UnknownMunicipality
from post65.geography import register
from post65.law import Citation
from post65.money import format_amount, kroner, nok
from post65.parameters import Parameter, declare, define
from post65.rulebook import Context, Outcome, Result, Rule, Severity, Text, rule
from post65.stateaid import (
    DE_MINIMIS_CITATION,
    DE_MINIMIS_TITLE,
    Support,
    support_problems,
    support_result,
)

__all__ = [
    "Applicant",
    "Application",
    "Applications",
    "Contribution",
    "Criterion",
    "Decline",
    "Priority",
    "Project",
    "Ranked",
    "priority",
    "priority_order",
    "resolve_call",
]

KINDS = ("application", "applications")

# --------------------------------------------------------------------------------------------
# Parameters

_MAX_HEADCOUNT = 10**9  # the most people or jobs a municipality's decline figures may state

POPULATION_DECLINE_MIN = "b.population_decline_min"
EMPLOYMENT_DECLINE_MIN = "b.employment_decline_min"
DECLINE_YEARS = "b.decline_years"

declare(
    POPULATION_DECLINE_MIN,
    "B-1: the least ten-year population decline (a share, e.g. 0.05) that counts as «langvarig "
    "nedgang … av særlig omfattende grad»; no published value, the caller sets it.",
    unit="share",
)
declare(
    EMPLOYMENT_DECLINE_MIN,
    "B-1: the least ten-year employment decline (a share) that counts as particularly large; no "
    "published value, the caller sets it.",
    unit="share",
)
define(
    Parameter(
        name=DECLINE_YEARS,
        value=Decimal(10),
        valid_from=dt.date(2024, 1, 1),
        unit="years",
        source="KDD, Distriktsindeksen (regjeringen.no); rules.md B-1",
        section="B-1",
        certainty="S",
        note=(
            "B-1 reads «langvarig nedgang» as the change over ten years, the period the district "
            "index uses for population and employment growth. The forskrift's own wording was "
            "not available to post65."
        ),
    ),
)
# b.population_decline_min and b.employment_decline_min (the smallest ten-year decline, as a
# share, that counts as «særlig omfattende») have no known value: they are deliberately not
# defined, so B-1 is undetermined until the caller sets them.

# --------------------------------------------------------------------------------------------
# Document types


class Criterion(enum.StrEnum):
    """The scheme b criteria a project contributes to."""

    DEVELOPMENT_CAPACITY = "development_capacity"
    """Increased capacity and ability for development work in the municipality."""
    ATTRACTIVENESS = "attractiveness"
    """Increased attractiveness for settlement and business establishment."""


@attrs.frozen
class Contribution:
    """How the project contributes to one scheme b criterion."""

    criterion: Criterion
    description: str


@attrs.frozen
class Decline:
    """B-1's evidence: population and employment at the start and end of a period (years)."""

    from_year: int
    to_year: int
    population_from: int
    population_to: int
    employment_from: int = attrs.field(metadata={"doc": "jobs located in the municipality"})
    employment_to: int
    source: str = attrs.field(default="", metadata={"doc": "where the figures come from (SSB)"})

    def population_decline(self) -> Decimal:
        """The fall in population as a share of the start (negative for growth), exact to 28
        significant digits."""
        return Decimal(self.population_from - self.population_to) / Decimal(self.population_from)

    def employment_decline(self) -> Decimal:
        """The fall in employment as a share of the start (negative for growth)."""
        return Decimal(self.employment_from - self.employment_to) / Decimal(self.employment_from)


@attrs.frozen
class Applicant:
    """An applicant municipality, with what the call's terms need to know about it."""

    kommunenummer: str
    centrality_class: int | None = attrs.field(
        default=None, metadata={"doc": "SSB centrality class 1–6"}
    )
    in_target_group: bool | None = attrs.field(
        default=None,
        metadata={
            "doc": (
                "whether the municipality is in KDD's target group for the county (the lowest "
                "on the district index); unstated: taken from the index given to the check"
            )
        },
    )
    decline: Decline | None = None


@attrs.frozen
class Project:
    """The project applied for."""

    title: str
    type: ProjectType
    description: str = ""
    contributions: tuple[Contribution, ...] = ()
    start: dt.date | None = None
    end: dt.date | None = None


@attrs.frozen
class Application:
    """One scheme b application. ``call`` names a shipped call; ``call_terms`` gives the terms
    inline (and wins, when both are given their ids must agree)."""

    id: str
    applicants: tuple[Applicant, ...] = attrs.field(
        metadata={"doc": "one municipality, or several for a joint project"}
    )
    project: Project
    amount_applied: pint.Quantity[Decimal]
    total_cost: pint.Quantity[Decimal]
    submitted: dt.date | None = None
    call: str | None = attrs.field(default=None, metadata={"doc": "a shipped call id"})
    call_terms: Call | None = None
    support: Support | None = attrs.field(
        default=None, metadata={"doc": "support to an undertaking, when the grant gives any"}
    )

    @property
    def joint(self) -> bool:
        """True for a joint project of several municipalities."""
        return len(self.applicants) > 1

    @property
    def year(self) -> int | None:
        """The year of the call answered (the rules read parameters for it)."""
        call = resolve_call(self.call, self.call_terms)
        if call is not None:
            return call.year
        return None if self.submitted is None else self.submitted.year


@attrs.frozen
class Applications:
    """A set of applications answering one call (``call`` and/or ``call_terms``)."""

    applications: tuple[Application, ...]
    call: str | None = None
    call_terms: Call | None = None
    description: str = ""

    @property
    def year(self) -> int | None:
        """The year of the call answered."""
        call = resolve_call(self.call, self.call_terms)
        return None if call is None else call.year


def resolve_call(call_id: str | None, terms: Call | None) -> Call | None:
    """The call terms: inline ``terms`` if given, else the shipped call ``call_id``, else None."""
    if terms is not None:
        return terms
    if call_id is None:
        return None
    try:
        return _shipped_call(call_id)
    except UnknownCall:
        return None


# --------------------------------------------------------------------------------------------
# Validation: what makes a document unusable


def _call_ref_problems(
    call_id: str | None, terms: Call | None, base: tuple[str | int, ...]
) -> Iterator[Problem]:
    if call_id is None and terms is None:
        yield Problem(
            io.pointer(*base, "call"),
            "oppgi utlysningen: «call» (en medfølgende id) eller «call_terms»",
            'name the call: "call" (a shipped id) or "call_terms"',
        )
    if terms is not None:
        yield from call_problems(terms, (*base, "call_terms"))
        if call_id is not None and call_id != terms.id:
            yield Problem(
                io.pointer(*base, "call"),
                f"«call» er «{call_id[:40]}», men «call_terms» har id «{terms.id[:40]}»",
                f'"call" is "{call_id[:40]}", but "call_terms" has the id "{terms.id[:40]}"',
            )
    elif call_id is not None:
        try:
            _shipped_call(call_id)
        except UnknownCall as exc:
            yield Problem(io.pointer(*base, "call"), exc.nb, exc.en)


def _municipality_problem(nr: str, where: str) -> Problem | None:
    try:
        register(2024).municipality(nr)
    except UnknownMunicipality as exc:
        return Problem(where, exc.nb, exc.en)
    return None


def _application_problems(app: Application, base: tuple[str | int, ...]) -> Iterator[Problem]:
    if not app.id.strip():
        yield Problem(io.pointer(*base, "id"), "id kan ikke være tom", "the id cannot be empty")
    if not app.applicants:
        yield Problem(
            io.pointer(*base, "applicants"),
            "minst én søkerkommune må oppgis",
            "at least one applicant municipality must be given",
        )
    seen: set[str] = set()
    for j, applicant in enumerate(app.applicants):
        here = (*base, "applicants", j)
        problem = _municipality_problem(applicant.kommunenummer, io.pointer(*here, "kommunenummer"))
        if problem is not None:
            yield problem
        if applicant.kommunenummer in seen:
            yield Problem(
                io.pointer(*here, "kommunenummer"),
                f"kommune {applicant.kommunenummer} står flere ganger blant søkerne",
                f"municipality {applicant.kommunenummer} is listed more than once",
            )
        seen.add(applicant.kommunenummer)
        if (
            applicant.centrality_class is not None
            and applicant.centrality_class not in CENTRALITY_CLASSES
        ):
            yield Problem(
                io.pointer(*here, "centrality_class"),
                f"sentralitetsklasse {applicant.centrality_class} finnes ikke (1–6)",
                f"centrality class {applicant.centrality_class} does not exist (1–6)",
            )
        d = applicant.decline
        if d is not None:
            if d.to_year <= d.from_year:
                yield Problem(
                    io.pointer(*here, "decline", "to_year"),
                    "sluttåret må komme etter startåret",
                    "the end year must come after the start year",
                )
            for name in ("population_from", "employment_from"):
                if getattr(d, name) <= 0:
                    yield Problem(
                        io.pointer(*here, "decline", name),
                        "tallet ved periodens start må være større enn null",
                        "the figure at the start of the period must be greater than zero",
                    )
            for name in ("population_to", "employment_to"):
                if getattr(d, name) < 0:
                    yield Problem(
                        io.pointer(*here, "decline", name),
                        "tallet kan ikke være negativt",
                        "the figure cannot be negative",
                    )
            for name in ("population_from", "population_to", "employment_from", "employment_to"):
                if getattr(d, name) > _MAX_HEADCOUNT:
                    yield Problem(
                        io.pointer(*here, "decline", name),
                        "tallet er større enn noen kommune kan ha (høyst 1 000 000 000)",
                        "the figure is larger than any municipality can have (at most"
                        " 1 000 000 000)",
                    )
    if kroner(app.amount_applied) < 0:
        yield Problem(
            io.pointer(*base, "amount_applied"),
            "beløpet kan ikke være negativt",
            "the amount cannot be negative",
        )
    if kroner(app.total_cost) <= 0:
        yield Problem(
            io.pointer(*base, "total_cost"),
            "prosjektkostnaden må være større enn null",
            "the project cost must be greater than zero",
        )
    p = app.project
    if p.start is not None and p.end is not None and p.end < p.start:
        yield Problem(
            io.pointer(*base, "project", "end"),
            "prosjektet slutter før det starter",
            "the project ends before it starts",
        )
    if app.support is not None:
        yield from support_problems(app.support, (*base, "support"))


def validate_application(app: Application) -> Iterable[Problem]:
    """Problems that make an ``application`` document unusable (exit 2)."""
    yield from _application_problems(app, ())
    yield from _call_ref_problems(app.call, app.call_terms, ())


def validate_applications(doc: Applications) -> Iterable[Problem]:
    """Problems that make an ``applications`` document unusable (exit 2)."""
    yield from _call_ref_problems(doc.call, doc.call_terms, ())
    if not doc.applications:
        yield Problem(
            "/applications",
            "settet må ha minst én søknad",
            "the set must hold at least one application",
        )
    ids: set[str] = set()
    for i, app in enumerate(doc.applications):
        base = ("applications", i)
        yield from _application_problems(app, base)
        if app.id in ids:
            yield Problem(
                io.pointer(*base, "id"),
                f"id «{app.id[:40]}» er brukt av en annen søknad i settet",
                f'the id "{app.id[:40]}" is used by another application in the set',
            )
        ids.add(app.id)
        if app.call_terms is not None:
            yield Problem(
                io.pointer(*base, "call_terms"),
                "i et sett oppgis utlysningen én gang, på settet",
                "in a set the call is given once, on the set",
            )
        set_id = doc.call_terms.id if doc.call_terms is not None else doc.call
        if app.call is not None and app.call != set_id:
            yield Problem(
                io.pointer(*base, "call"),
                f"søknaden svarer på «{app.call[:40]}», settet på «{str(set_id)[:40]}»",
                f'the application answers "{app.call[:40]}", the set "{str(set_id)[:40]}"',
            )


io.register_kind(
    "application",
    Application,
    title="A scheme b application (søknad)",
    validate=validate_application,
)
io.register_kind(
    "applications",
    Applications,
    title="A set of scheme b applications answering one call",
    validate=validate_applications,
)

# --------------------------------------------------------------------------------------------
# Walking the documents


@attrs.frozen
class _Item:
    base: tuple[str | int, ...]
    app: Application
    call: Call | None


def _items(document: object) -> list[_Item]:
    if isinstance(document, Applications):
        call = resolve_call(document.call, document.call_terms)
        return [_Item(("applications", i), a, call) for i, a in enumerate(document.applications)]
    if isinstance(document, Application):
        return [_Item((), document, resolve_call(document.call, document.call_terms))]
    return []


def _pct(share: Decimal) -> str:
    """A share as a Norwegian percentage with up to two decimals: ``0.5`` → ``50 %``."""
    value = (share * 100).quantize(Decimal("0.01")).normalize()
    text = f"{value:f}".replace(".", ",")
    return f"{text}\u00a0%"


def _no_call(base: tuple[str | int, ...]) -> Result:
    return Result(
        io.pointer(*base),
        Outcome.UNDETERMINED,
        Text(
            "søknaden nevner ingen kjent utlysning; vilkårene kan ikke leses",
            "the application names no known call; its terms cannot be read",
        ),
    )


# --------------------------------------------------------------------------------------------
# B-1


@rule(
    "B-1",
    scheme="b",
    severity=Severity.ERROR,
    subject="application (each applicant municipality)",
    kinds=KINDS,
    title=Text(
        "Søkerkommunen har langvarig nedgang i folketall og sysselsetting av særlig "
        "omfattende grad",
        "The applicant municipality has long-term decline in population and employment of "
        "particularly large extent",
    ),
    citation=Citation(
        "forskrift-omstilling-2024",
        "ordning b",
        "tilskudd til kommuner med langvarig nedgang i befolkning og sysselsetting av særlig "
        "omfattende grad",
    ),
)
def b_1(document: object, ctx: Context) -> Iterator[Result]:
    """Each applicant's ten-year fall in population and in employment is at least the caller's
    thresholds (``b.population_decline_min``, ``b.employment_decline_min``, shares; no default).
    """
    pop_min = ctx.param(POPULATION_DECLINE_MIN)
    emp_min = ctx.param(EMPLOYMENT_DECLINE_MIN)
    years = ctx.param(DECLINE_YEARS)
    for item in _items(document):
        for j, applicant in enumerate(item.app.applicants):
            subject = io.pointer(*item.base, "applicants", j)
            nr = applicant.kommunenummer
            d = applicant.decline
            if d is None:
                yield Result(
                    subject,
                    Outcome.UNDETERMINED,
                    Text(
                        f"kommune {nr}: oppgi endringen i folketall og sysselsetting over ti år "
                        "(«decline»)",
                        f"municipality {nr}: state the ten-year change in population and "
                        'employment ("decline")',
                    ),
                )
                continue
            if d.population_from <= 0 or d.employment_from <= 0:
                yield Result(
                    subject,
                    Outcome.UNDETERMINED,
                    Text(
                        f"kommune {nr}: tallene ved periodens start må være større enn null",
                        f"municipality {nr}: the figures at the start of the period must be "
                        "greater than zero",
                    ),
                )
                continue
            values = {
                "kommunenummer": nr,
                "period": f"{d.from_year}-{d.to_year}",
                "population_decline": str(d.population_decline().quantize(Decimal("0.0001"))),
                "employment_decline": str(d.employment_decline().quantize(Decimal("0.0001"))),
            }
            if years is not None and Decimal(d.to_year - d.from_year) != years:
                yield Result(
                    subject,
                    Outcome.UNDETERMINED,
                    Text(
                        f"kommune {nr}: tallene dekker {d.to_year - d.from_year} år, regelen "
                        f"leser endringen over {years} år ({DECLINE_YEARS})",
                        f"municipality {nr}: the figures cover {d.to_year - d.from_year} years; "
                        f"the rule reads the change over {years} years ({DECLINE_YEARS})",
                    ),
                    values,
                )
                continue
            missing = [
                name
                for name, value in (
                    (POPULATION_DECLINE_MIN, pop_min),
                    (EMPLOYMENT_DECLINE_MIN, emp_min),
                )
                if value is None
            ]
            if pop_min is None or emp_min is None:
                names = ", ".join(missing)
                yield Result(
                    subject,
                    Outcome.UNDETERMINED,
                    Text(
                        f"kommune {nr}: grensen for «særlig omfattende» nedgang er ikke kjent; "
                        f"sett parameteren {names} (andel, f.eks. 0.05 for 5 %)",
                        f"municipality {nr}: the threshold for a «particularly large» decline is "
                        f"not known; set the parameter {names} (a share, e.g. 0.05 for 5 %)",
                    ),
                    values,
                )
                continue
            values = {
                **values,
                "population_decline_min": str(pop_min),
                "employment_decline_min": str(emp_min),
            }
            # Exact: decline ≥ min  ⇔  from − to ≥ min · from.
            pop_ok = d.population_from - d.population_to >= pop_min * d.population_from
            emp_ok = d.employment_from - d.employment_to >= emp_min * d.employment_from
            shown = Text(
                f"folketall {d.population_from} → {d.population_to} "
                f"(nedgang {_pct(d.population_decline())}, grense {_pct(pop_min)}), "
                f"sysselsetting {d.employment_from} → {d.employment_to} "
                f"(nedgang {_pct(d.employment_decline())}, grense {_pct(emp_min)}), "
                f"{d.from_year}–{d.to_year}",
                f"population {d.population_from} → {d.population_to} "
                f"(decline {_pct(d.population_decline())}, threshold {_pct(pop_min)}), "
                f"employment {d.employment_from} → {d.employment_to} "
                f"(decline {_pct(d.employment_decline())}, threshold {_pct(emp_min)}), "
                f"{d.from_year}–{d.to_year}",
            )
            if pop_ok and emp_ok:
                yield Result(
                    subject,
                    Outcome.MET,
                    Text(
                        f"kommune {nr} er i målgruppen: {shown.nb}",
                        f"municipality {nr} is in the target group: {shown.en}",
                    ),
                    values,
                )
            else:
                yield Result(
                    subject,
                    Outcome.NOT_MET,
                    Text(
                        f"kommune {nr} har ikke nedgang av særlig omfattende grad i både "
                        f"folketall og sysselsetting: {shown.nb}",
                        f"municipality {nr} does not have a particularly large decline in both "
                        f"population and employment: {shown.en}",
                    ),
                    values,
                )


# --------------------------------------------------------------------------------------------
# B-2


@rule(
    "B-2",
    scheme="b",
    severity=Severity.ERROR,
    subject="measure (the project)",
    kinds=KINDS,
    title=Text(
        "Prosjektet sier hva det bidrar med til kriteriene for ordning b",
        "The project states its contribution to the scheme b criteria",
    ),
    citation=Citation(
        "call",
        "Føremål",
        "prosjekt som kan gi økt attraktivitet for lokalsamfunnet og næringslivet, og styrke "
        "kommunens kapasitet til å arbeide med utvikling",
    ),
)
def b_2(document: object, ctx: Context) -> Iterator[Result]:
    """At least one contribution to a scheme b criterion, described in words."""
    for item in _items(document):
        subject = io.pointer(*item.base, "project")
        stated = [c for c in item.app.project.contributions if c.description.strip()]
        criteria = sorted({c.criterion.value for c in stated})
        values = {"criteria": ",".join(criteria)}
        if stated:
            yield Result(
                subject,
                Outcome.MET,
                Text(
                    f"prosjektet bidrar til: {', '.join(criteria)}",
                    f"the project contributes to: {', '.join(criteria)}",
                ),
                values,
            )
        else:
            yield Result(
                subject,
                Outcome.NOT_MET,
                Text(
                    "prosjektet beskriver ikke sitt bidrag til økt utviklingskapasitet eller "
                    "økt attraktivitet for bosetting og næringsliv",
                    "the project does not describe its contribution to development capacity or "
                    "to attractiveness for settlement and business",
                ),
                values,
            )


# --------------------------------------------------------------------------------------------
# B-3


@rule(
    "B-3",
    scheme="b",
    severity=Severity.ERROR,
    subject="application",
    kinds=KINDS,
    title=Text(
        "Søknaden er innenfor utlysningens rammer: søker, beløp og tilskuddsandel",
        "The application is within the call's limits: applicant, amount and grant share",
    ),
    citation=Citation(
        "call",
        "Kven kan søkje; Økonomi",
        "distriktskommuner i sentralitetsklasse 4–6 kan søke; høyst 500 000 kr per prosjekt, "
        "700 000 kr for samarbeidsprosjekter, og høyst 50 % tilskudd",
    ),
)
def b_3(document: object, ctx: Context) -> Iterator[Result]:
    """The call's limits, each checked exactly: the applicants' county and centrality classes,
    the project type, the deadline, amount ≤ cap (joint cap for several municipalities) and
    amount ≤ max share × total cost."""
    reg = register(2024)
    for item in _items(document):
        subject = io.pointer(*item.base)
        call = item.call
        if call is None:
            yield _no_call(item.base)
            continue
        app = item.app
        amount = kroner(app.amount_applied)
        cost = kroner(app.total_cost)
        failures: list[tuple[str, str]] = []
        unknown: list[tuple[str, str]] = []
        values: dict[str, str] = {
            "call": call.id,
            "amount_applied": str(amount),
            "total_cost": str(cost),
            "joint": "true" if app.joint else "false",
        }
        for applicant in app.applicants:
            nr = applicant.kommunenummer
            if nr in reg and reg.municipality(nr).fylkesnummer != call.county:
                failures.append(
                    (
                        f"kommune {nr} ligger ikke i fylke {call.county}",
                        f"municipality {nr} is not in county {call.county}",
                    )
                )
            if call.eligible_centrality_classes:
                allowed = ", ".join(str(c) for c in call.eligible_centrality_classes)
                if applicant.centrality_class is None:
                    unknown.append(
                        (
                            f"kommune {nr}: sentralitetsklassen er ikke oppgitt (tillatt: "
                            f"{allowed})",
                            f"municipality {nr}: the centrality class is not given (allowed: "
                            f"{allowed})",
                        )
                    )
                elif applicant.centrality_class not in call.eligible_centrality_classes:
                    failures.append(
                        (
                            f"kommune {nr} er i sentralitetsklasse {applicant.centrality_class}, "
                            f"utlysningen gjelder klasse {allowed}",
                            f"municipality {nr} is in centrality class "
                            f"{applicant.centrality_class}; the call is for classes {allowed}",
                        )
                    )
        if app.project.type in call.not_supported:
            failures.append(
                (
                    f"utlysningen støtter ikke prosjekttypen «{app.project.type.value}»",
                    f'the call does not support the project type "{app.project.type.value}"',
                )
            )
        if call.deadline is not None and app.submitted is not None:
            values["deadline"] = call.deadline.isoformat()
            if app.submitted > call.deadline:
                failures.append(
                    (
                        f"søknaden kom {app.submitted.isoformat()}, etter fristen "
                        f"{call.deadline.isoformat()}",
                        f"the application came on {app.submitted.isoformat()}, after the "
                        f"deadline {call.deadline.isoformat()}",
                    )
                )
        cap = call.cap(app.joint)
        if cap is not None:
            cap_kroner = kroner(cap)
            values["cap"] = str(cap_kroner)
            if amount > cap_kroner:
                kind_nb = "samarbeidsprosjekter" if app.joint else "ett prosjekt"
                kind_en = "joint projects" if app.joint else "a project"
                failures.append(
                    (
                        f"{format_amount(app.amount_applied)} er over taket for {kind_nb}, "
                        f"{format_amount(cap)}",
                        f"{format_amount(app.amount_applied)} is above the cap for {kind_en}, "
                        f"{format_amount(cap)}",
                    )
                )
        if cost > 0:
            values["share"] = str((amount / cost).quantize(Decimal("0.0001")))
        if call.max_share is not None:
            values["max_share"] = str(call.max_share)
            if cost > 0 and amount > call.max_share * cost:  # exact: amount/cost > max share
                failures.append(
                    (
                        f"tilskuddsandelen {_pct(amount / cost)} av {format_amount(nok(cost))} er "
                        f"over utlysningens største andel, {_pct(call.max_share)}",
                        f"the grant share {_pct(amount / cost)} of {format_amount(nok(cost))} is "
                        f"above the call's largest share, {_pct(call.max_share)}",
                    )
                )
        if failures:
            yield Result(
                subject,
                Outcome.NOT_MET,
                Text.join(failures),
                values,
            )
        elif unknown:
            yield Result(
                subject,
                Outcome.UNDETERMINED,
                Text("; ".join(u[0] for u in unknown), "; ".join(u[1] for u in unknown)),
                values,
            )
        else:
            share = _pct(amount / cost) if cost > 0 else "–"
            yield Result(
                subject,
                Outcome.MET,
                Text(
                    f"innenfor rammene til {call.id}: {format_amount(app.amount_applied)} "
                    f"({share} av {format_amount(app.total_cost)})",
                    f"within the limits of {call.id}: {format_amount(app.amount_applied)} "
                    f"({share} of {format_amount(app.total_cost)})",
                ),
                values,
            )


# --------------------------------------------------------------------------------------------
# B-4: priority


@attrs.frozen
class Priority:
    """Where an application stands in its call's priority order.

    ``tier`` 0 is the call's first group (KDD's target group when the call puts it first), then
    the call's groups of centrality classes in order, then everyone else; ``None`` when it cannot
    be told (a target-group membership or centrality class is unknown).
    """

    id: str
    not_prioritised: bool
    tier: int | None
    joint: bool
    label: Text

    def key(self, call: Call) -> tuple[int, int, int, str]:
        """The sort key: prioritised types first, then the tier (unknown last), then joint
        projects first where the call says so, then the id (so the order is total)."""
        return (
            1 if self.not_prioritised else 0,
            self.tier if self.tier is not None else 1_000_000,
            0 if (self.joint or not call.joint_first) else 1,
            self.id,
        )


@attrs.frozen
class Ranked:
    """An application in the priority order: its rank (1 = first), the amount applied for by it
    and every application before it, and whether that is within the amount set aside."""

    index: int
    application: Application
    priority: Priority
    rank: int
    cumulative: pint.Quantity[Decimal]
    within_set_aside: bool | None


def _in_target(applicant: Applicant, target: frozenset[str] | None) -> bool | None:
    if applicant.in_target_group is not None:
        return applicant.in_target_group
    if target is None:
        return None
    return applicant.kommunenummer in target


def priority(app: Application, call: Call, target: frozenset[str] | None = None) -> Priority:
    """The priority of ``app`` under ``call``. ``target`` is KDD's target group (kommunenumre)
    when the caller knows it (from the district index); an applicant's own ``in_target_group``
    wins over it."""
    not_prioritised = app.project.type in call.not_prioritised
    tier: int | None = 0
    label = Text("ingen prioriteringsgruppe", "no priority group")
    base = 0
    decided = False
    if call.priority_target_group:
        flags = [_in_target(a, target) for a in app.applicants]
        if any(f is True for f in flags):
            decided = True
            label = Text("KDDs målgruppe (lavest på distriktsindeksen)", "KDD's target group")
        elif any(f is None for f in flags):
            decided = True
            tier = None
            label = Text(
                "ukjent om søkeren er i KDDs målgruppe: oppgi in_target_group eller gi "
                "distriktsindeksen til kontrollen",
                "unknown whether the applicant is in KDD's target group: give in_target_group "
                "or pass the district index to the check",
            )
        base = 1
    groups = call.priority_centrality_groups
    if not decided and groups:
        classes = [a.centrality_class for a in app.applicants]
        known = [gi for gi, group in enumerate(groups) if any(c in group for c in classes if c)]
        best = min(known) if known else len(groups)
        if any(c is None for c in classes) and best > 0:
            tier = None
            label = Text(
                "sentralitetsklassen er ikke oppgitt for alle søkerne",
                "the centrality class is not given for every applicant",
            )
        else:
            tier = base + best
            if best < len(groups):
                shown = ", ".join(str(c) for c in groups[best])
                label = Text(f"sentralitetsklasse {shown}", f"centrality class {shown}")
            else:
                label = Text("øvrige søkere", "other applicants")
    elif not decided and call.priority_target_group:
        tier = base
        label = Text("øvrige søkere", "other applicants")
    return Priority(app.id, not_prioritised, tier, app.joint, label)


def priority_order(
    applications: Sequence[Application], call: Call, target: frozenset[str] | None = None
) -> tuple[Ranked, ...]:
    """The applications in the call's priority order, whatever order they come in (ids are
    unique in a set, so the order is total), with the amount applied for cumulated in that order
    against the amount the call sets aside."""
    prioritised = [(i, a, priority(a, call, target)) for i, a in enumerate(applications)]
    prioritised.sort(key=lambda t: t[2].key(call))
    out: list[Ranked] = []
    running = Decimal(0)
    set_aside = None if call.set_aside is None else kroner(call.set_aside)
    for rank, (i, a, p) in enumerate(prioritised, start=1):
        running += kroner(a.amount_applied)
        within = None if set_aside is None else running <= set_aside
        out.append(Ranked(i, a, p, rank, nok(running), within))
    return tuple(out)


def _target(ctx: Context, call: Call) -> frozenset[str] | None:
    """KDD's target group in the call's county, from the index and selection given to check."""
    if ctx.target is None:
        return None
    reg = register(2024)
    return frozenset(
        nr for nr in ctx.target if nr in reg and reg.municipality(nr).fylkesnummer == call.county
    )


@rule(
    "B-4",
    scheme="b",
    severity=Severity.ADVICE,
    subject="application (and the set of applications)",
    kinds=KINDS,
    title=Text(
        "Prosjekttyper utlysningen ikke prioriterer flagges; søkernes prioritering beregnes",
        "Project types the call does not prioritise are flagged; the priority order is computed",
    ),
    citation=Citation(
        "call",
        "Prioritering",
        "søknader fra kommunene som skårer lavest på distriktsindeksen prioriteres høyest, "
        "deretter sentralitetsklasse 5 og 6 foran 4; tilflyttingskampanjer, omdømmetiltak og "
        "filmer prioriteres ikke",
    ),
)
def b_4(document: object, ctx: Context) -> Iterator[Result]:
    """Per application: ``not_met`` (advice) for a project type the call does not prioritise,
    ``undetermined`` when its priority group cannot be told, else ``met``; with its rank. For a
    set, one more finding on the whole set with the order."""
    items = _items(document)
    if not items:
        return
    call = items[0].call
    if call is None:
        for item in items:
            yield _no_call(item.base)
        return
    target = _target(ctx, call)
    ranked = priority_order([i.app for i in items], call, target)
    count = len(ranked)
    for r in sorted(ranked, key=lambda r: r.index):
        item = items[r.index]
        p = r.priority
        values = {
            "rank": str(r.rank),
            "of": str(count),
            "tier": "" if p.tier is None else str(p.tier),
            "group": p.label.en,
            "joint": "true" if p.joint else "false",
            "cumulative": str(kroner(r.cumulative)),
        }
        if r.within_set_aside is not None:
            values["within_set_aside"] = "true" if r.within_set_aside else "false"
        place = Text(
            f"nr. {r.rank} av {count} ({p.label.nb})", f"no. {r.rank} of {count} ({p.label.en})"
        )
        subject = io.pointer(*item.base)
        if p.not_prioritised:
            kind = item.app.project.type.value
            yield Result(
                subject,
                Outcome.NOT_MET,
                Text(
                    f"utlysningen prioriterer ikke prosjekttypen «{kind}»; {place.nb}",
                    f'the call does not prioritise the project type "{kind}"; {place.en}',
                ),
                values,
            )
        elif p.tier is None:
            yield Result(subject, Outcome.UNDETERMINED, place, values)
        else:
            yield Result(subject, Outcome.MET, place, values)
    if isinstance(document, Applications):
        order = ", ".join(r.application.id for r in ranked)
        values = {"order": order}
        if call.set_aside is not None:
            values["set_aside"] = str(kroner(call.set_aside))
            values["within_set_aside"] = ", ".join(
                r.application.id for r in ranked if r.within_set_aside
            )
        unknown = [r.application.id for r in ranked if r.priority.tier is None]
        if unknown:
            yield Result(
                "",
                Outcome.UNDETERMINED,
                Text(
                    f"rekkefølgen er usikker for {', '.join(unknown)}; foreløpig: {order}",
                    f"the order is uncertain for {', '.join(unknown)}; so far: {order}",
                ),
                values,
            )
        else:
            yield Result(
                "",
                Outcome.MET,
                Text(f"prioritert rekkefølge: {order}", f"priority order: {order}"),
                values,
            )


# --------------------------------------------------------------------------------------------
# B-5


@rule(
    "B-5",
    scheme="b",
    severity=Severity.ERROR,
    subject="support to an undertaking",
    kinds=KINDS,
    title=DE_MINIMIS_TITLE,
    citation=DE_MINIMIS_CITATION,
)
def b_5(document: object, ctx: Context) -> Iterator[Result]:
    """The undertaking's de minimis aid in the window, this grant included, against the limit in
    EUR at the stated rate (see :func:`post65.stateaid.assess`)."""
    for item in _items(document):
        support = item.app.support
        if support is None:
            yield Result(
                io.pointer(*item.base),
                Outcome.NOT_APPLICABLE,
                Text(
                    "søknaden gir ikke støtte til et foretak", "the grant supports no undertaking"
                ),
            )
            continue
        yield support_result(io.pointer(*item.base, "support"), support, ctx.parameters)


RULES: tuple[Rule, ...] = (
    b_1,
    b_2,
    b_3,
    b_4,
    b_5,
)
"""The rules of this module, in the order of the law."""
