"""Scheme b documents: one application (søknad), or a set of applications answering one call.

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

The rules B-1 … B-5 (:mod:`post65.schemes.b`) check either kind; in a set every finding points
into ``/applications/N``.

>>> from post65.money import nok
>>> app = Application(
...     id="engerdal-1",
...     applicants=(Applicant("3425", centrality_class=6),),
...     project=Project("Bulyst i Engerdal", ProjectType.PLACE_DEVELOPMENT),
...     amount_applied=nok(400_000),
...     total_cost=nok(900_000),
...     call="innlandet-2024",
... )
>>> app.joint, app.year
(False, 2024)
>>> [p.render("en") for p in validate_application(attrs.evolve(app, total_cost=nok(0)))]
['/total_cost: the project cost must be greater than zero']
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable, Iterator
from decimal import Decimal

import attrs
import pint

from post65._sums import Sums
from post65.calls import CENTRALITY_CLASSES, Call, ProjectType, UnknownCall, call_problems
from post65.calls import shipped_call as _shipped_call
from post65.codec import pointer
from post65.errors import Problem
from post65.geography import municipality_problem
from post65.money import kroner
from post65.stateaid import Support, support_problems
from post65.text import msg

__all__ = [
    "KINDS",
    "Applicant",
    "Application",
    "Applications",
    "Contribution",
    "Criterion",
    "Decline",
    "Project",
    "resolve_call",
    "validate_application",
    "validate_applications",
]

KINDS = ("application", "applications")
"""The document kinds of scheme b."""

_MAX_HEADCOUNT = 10**9  # the most people or jobs a municipality's decline figures may state


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
    population_from: int = attrs.field(metadata={"minimum": 1})
    population_to: int = attrs.field(metadata={"minimum": 0})
    employment_from: int = attrs.field(
        metadata={"doc": "jobs located in the municipality", "minimum": 1}
    )
    employment_to: int = attrs.field(metadata={"minimum": 0})
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

    kommunenummer: str = attrs.field(metadata={"pattern": "^[0-9]{4}$"})
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
    amount_applied: pint.Quantity[Decimal] = attrs.field(metadata={"minimum": 0})
    total_cost: pint.Quantity[Decimal] = attrs.field(metadata={"minimum": 0})
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
        yield Problem(pointer(*base, "call"), msg("applications.call.missing"))
    if terms is not None:
        yield from call_problems(terms, (*base, "call_terms"))
        if call_id is not None and call_id != terms.id:
            yield Problem(
                pointer(*base, "call"),
                msg("applications.call.differs", call=call_id[:40], terms=terms.id[:40]),
            )
    elif call_id is not None:
        try:
            _shipped_call(call_id)
        except UnknownCall as exc:
            yield Problem(pointer(*base, "call"), exc.text)


def _decline_problems(d: Decline, here: tuple[str | int, ...]) -> Iterator[Problem]:
    if d.to_year <= d.from_year:
        yield Problem(pointer(*here, "to_year"), msg("applications.decline.years"))
    for name in ("population_from", "employment_from"):
        if getattr(d, name) <= 0:
            yield Problem(pointer(*here, name), msg("applications.decline.start_not_positive"))
    for name in ("population_to", "employment_to"):
        if getattr(d, name) < 0:
            yield Problem(pointer(*here, name), msg("applications.decline.negative"))
    for name in ("population_from", "population_to", "employment_from", "employment_to"):
        if getattr(d, name) > _MAX_HEADCOUNT:
            yield Problem(
                pointer(*here, name), msg("applications.decline.too_large", most=_MAX_HEADCOUNT)
            )


def _applicant_problems(app: Application, base: tuple[str | int, ...]) -> Iterator[Problem]:
    if not app.applicants:
        yield Problem(pointer(*base, "applicants"), msg("applications.applicants.none"))
    seen: set[str] = set()
    for j, applicant in enumerate(app.applicants):
        here = (*base, "applicants", j)
        nr = applicant.kommunenummer
        problem = municipality_problem(pointer(*here, "kommunenummer"), nr)
        if problem is not None:
            yield problem
        if nr in seen:
            yield Problem(
                pointer(*here, "kommunenummer"), msg("applications.applicants.twice", nr=nr)
            )
        seen.add(nr)
        centrality = applicant.centrality_class
        if centrality is not None and centrality not in CENTRALITY_CLASSES:
            yield Problem(
                pointer(*here, "centrality_class"),
                msg("calls.centrality_class.unknown", centrality_class=centrality),
            )
        if applicant.decline is not None:
            yield from _decline_problems(applicant.decline, (*here, "decline"))


def _application_problems(app: Application, base: tuple[str | int, ...]) -> Iterator[Problem]:
    if not app.id.strip():
        yield Problem(pointer(*base, "id"), msg("applications.id.empty"))
    yield from _applicant_problems(app, base)
    if kroner(app.amount_applied) < 0:
        yield Problem(pointer(*base, "amount_applied"), msg("applications.amount.negative"))
    if kroner(app.total_cost) <= 0:
        yield Problem(pointer(*base, "total_cost"), msg("applications.total_cost.not_positive"))
    p = app.project
    if p.start is not None and p.end is not None and p.end < p.start:
        yield Problem(pointer(*base, "project", "end"), msg("applications.project.ends_early"))
    if app.support is not None:
        yield from support_problems(app.support, (*base, "support"))


def validate_application(app: Application) -> Iterable[Problem]:
    """Problems that make an ``application`` document unusable (exit 2)."""
    yield from _application_problems(app, ())
    yield from _call_ref_problems(app.call, app.call_terms, ())


def _member_problems(
    doc: Applications, app: Application, base: tuple[str | int, ...]
) -> Iterator[Problem]:
    if app.call_terms is not None:
        yield Problem(pointer(*base, "call_terms"), msg("applications.set.call_terms"))
    set_id = doc.call_terms.id if doc.call_terms is not None else doc.call
    if app.call is not None and app.call != set_id:
        yield Problem(
            pointer(*base, "call"),
            msg("applications.set.other_call", call=app.call[:40], set=str(set_id)[:40]),
        )


def validate_applications(doc: Applications) -> Iterable[Problem]:
    """Problems that make an ``applications`` document unusable (exit 2)."""
    yield from _call_ref_problems(doc.call, doc.call_terms, ())
    if not doc.applications:
        yield Problem("/applications", msg("applications.set.empty"))
    ids: set[str] = set()
    for i, app in enumerate(doc.applications):
        base = ("applications", i)
        yield from _application_problems(app, base)
        if app.id in ids:
            yield Problem(pointer(*base, "id"), msg("applications.set.id_twice", id=app.id[:40]))
        ids.add(app.id)
        yield from _member_problems(doc, app, base)
    # the amounts applied for, cumulated in the call's priority order (located only when past)
    applied = [kroner(app.amount_applied) for app in doc.applications]
    yield from Sums().add_all("applied", applied, "/applications/{}/amount_applied").problems()
