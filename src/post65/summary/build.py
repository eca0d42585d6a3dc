"""The national summary's figures: one :class:`CountySummary` per county report, the national
totals, and the refusals (a county twice, mixed years, a county not in the 2024 register, a file
that is not a report), every one located by file and JSON Pointer."""

from __future__ import annotations

import os
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Final

import attrs

from post65._decimal import exact, exact_methods
from post65._sums import Sums
from post65.errors import InvalidDocument, InvalidInput, Post65Error, Problem, UnknownCounty
from post65.funds import SchemeId
from post65.geography import register
from post65.money import kroner
from post65.report import DisposedBasis, Report
from post65.text import msg

__all__ = [
    "SCHEMES",
    "CountySummary",
    "NationalSummary",
    "SchemeFigures",
    "summarise_files",
    "summarise_reports",
]

SCHEMES: Final = (SchemeId.A, SchemeId.B, SchemeId.C)


def _sum(values: Iterable[Decimal | None]) -> Decimal | None:
    """The exact sum of the values given (``None`` when none is)."""
    found = [v for v in values if v is not None]
    return sum(found, start=Decimal(0)) if found else None


@exact_methods
@attrs.frozen
class SchemeFigures:
    """One scheme's figures in one county's report (or summed over the counties)."""

    split: Decimal | None = None
    """The amount the split gives the scheme (kroner)."""
    received: Decimal | None = None
    payments: Decimal | None = None
    admin_costs: Decimal | None = None
    carried_over: Decimal | None = None
    """The balance at the end of the year."""
    measures: int = 0
    jobs_created: int | None = None
    """Scheme c: the jobs the measures created (``None`` when no measure states it)."""

    @property
    def admin_share(self) -> Decimal | None:
        """Administration costs as a share of the funds received (``None`` if none received)."""
        if self.admin_costs is None or not self.received:
            return None
        return self.admin_costs / self.received

    @classmethod
    def summed(cls, parts: Sequence[SchemeFigures]) -> SchemeFigures:
        """The figures of ``parts`` added up (a figure no part states stays ``None``)."""
        jobs = [p.jobs_created for p in parts if p.jobs_created is not None]
        return cls(
            split=_sum(p.split for p in parts),
            received=_sum(p.received for p in parts),
            payments=_sum(p.payments for p in parts),
            admin_costs=_sum(p.admin_costs for p in parts),
            carried_over=_sum(p.carried_over for p in parts),
            measures=sum(p.measures for p in parts),
            jobs_created=sum(jobs) if jobs else None,
        )


def _reached(report: Report) -> tuple[int | None, int | None]:
    """``target_municipalities.reached`` and ``.in_county`` of the report, when it has them
    (counts, or lists of kommunenumre counted)."""
    target = getattr(report, "target_municipalities", None)
    if target is None:
        return None, None

    def count(value: object) -> int | None:
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        if isinstance(value, (tuple, list, set, frozenset)):
            return len(value)
        return None

    return count(getattr(target, "reached", None)), count(getattr(target, "in_county", None))


@exact_methods
@attrs.frozen
class CountySummary:
    """One county's report as the summary shows it."""

    fylkesnummer: str
    name: str
    source: str
    frame: Decimal | None
    """The funds the county disposes in the year (kroner)."""
    frame_basis: DisposedBasis
    schemes: tuple[SchemeFigures, SchemeFigures, SchemeFigures]
    """Schemes a, b and c."""
    target_reached: int | None = None
    target_in_county: int | None = None

    @property
    def total(self) -> SchemeFigures:
        """The three schemes added up."""
        return SchemeFigures.summed(self.schemes)

    @classmethod
    def of(cls, report: Report, source: str) -> CountySummary:
        """The summary of one county's ``report`` (read from ``source``)."""
        figures = []
        for scheme in SCHEMES:
            part = report.scheme(scheme)
            funds = part.funds if part is not None else None
            measures = part.measures if part is not None else ()
            jobs = [m.jobs_created for m in measures if m.jobs_created is not None]
            figures.append(
                SchemeFigures(
                    split=None if report.split is None else kroner(report.split.amount(scheme)),
                    received=None if funds is None else kroner(funds.received),
                    payments=None if funds is None else kroner(funds.payments),
                    admin_costs=None if funds is None else kroner(funds.admin_costs),
                    carried_over=None if funds is None else kroner(funds.closing),
                    measures=len(measures),
                    jobs_created=sum(jobs) if jobs else None,
                )
            )
        reached, in_county = _reached(report)
        return cls(
            fylkesnummer=report.county,
            name=register(2024).county(report.county).name,
            source=source,
            frame=None if report.disposed is None else kroner(report.disposed),
            frame_basis=report.disposed_basis,
            schemes=(figures[0], figures[1], figures[2]),
            target_reached=reached,
            target_in_county=in_county,
        )


@exact_methods
@attrs.frozen
class NationalSummary:
    """The county reports of one year side by side, the national totals, the counties missing."""

    year: int
    counties: tuple[CountySummary, ...]
    """By fylkesnummer."""
    missing: tuple[tuple[str, str], ...]
    """The counties of the 2024 register with no report: (fylkesnummer, name)."""

    @property
    def frame(self) -> Decimal | None:
        """The counties' frames added up (those that state one)."""
        return _sum(c.frame for c in self.counties)

    @property
    def schemes(self) -> tuple[SchemeFigures, SchemeFigures, SchemeFigures]:
        """Each scheme summed over the counties."""
        a, b, c = (SchemeFigures.summed([x.schemes[i] for x in self.counties]) for i in range(3))
        return a, b, c

    @property
    def total(self) -> SchemeFigures:
        """Every scheme of every county added up."""
        return SchemeFigures.summed(self.schemes)

    @property
    def target_reached(self) -> int | None:
        """Target municipalities reached, over the counties that state it."""
        found = [c.target_reached for c in self.counties if c.target_reached is not None]
        return sum(found) if found else None

    @property
    def target_in_county(self) -> int | None:
        """Target municipalities of the counties that state how many were reached."""
        found = [
            c.target_in_county
            for c in self.counties
            if c.target_reached is not None and c.target_in_county is not None
        ]
        return sum(found) if found else None


def _where(source: str, pointer: str) -> str:
    return f"{source}, {pointer or '/'}"


def _year(reports: Sequence[tuple[str, Report]]) -> int:
    """The year most reports have (of two as common, the one the earlier file has)."""
    years = Counter(r.year for _, r in reports)
    return max(years, key=lambda y: (years[y], -[r.year for _, r in reports].index(y)))


def _problems(
    reports: Sequence[tuple[str, object]],
) -> tuple[list[Problem], list[tuple[str, Report]]]:
    """The problems of ``reports`` together, and the reports that can be summarised."""
    reg = register(2024)
    problems: list[Problem] = []
    usable: list[tuple[str, Report]] = []
    for source, report in reports:
        if not isinstance(report, Report):
            kind = type(report).__name__
            problems.append(Problem(_where(source, ""), msg("summary.not_a_report", kind=kind)))
            continue
        try:
            reg.county(report.county)
        except UnknownCounty as exc:
            problems.append(Problem(_where(source, "/county"), exc.text))
            continue
        usable.append((source, report))
    if not usable:
        return problems, usable
    year = _year(usable)
    count = sum(1 for _, r in usable if r.year == year)
    first: dict[str, str] = {}
    for source, report in usable:
        if report.year != year:
            found = msg("summary.mixed_years", found=report.year, year=year, count=count)
            problems.append(Problem(_where(source, "/year"), found))
        if report.county in first:
            county = f"{report.county} {reg.county(report.county).name}"
            twice = msg("summary.duplicate", county=county, first=first[report.county])
            problems.append(Problem(_where(source, "/county"), twice))
        else:
            first[report.county] = source
    return problems, usable


_FUNDS_FIGURES: Final = ("received", "payments", "admin_costs", "closing")


def _sum_problems(usable: Sequence[tuple[str, Report]]) -> list[Problem]:
    """The national sums the summary forms (each figure per scheme and over the schemes, over
    every report) that pass 10^18 kr, each at the file and pointer of the amount that takes it
    past: the reports are documents of their own, each within the bound, but not together."""
    sums = Sums()
    for source, report in usable:
        if report.disposed is not None:
            sums.add("disposed", kroner(report.disposed), _where(source, "/disposed"), signed=True)
        if report.split is not None:
            for scheme in SCHEMES:
                amount = kroner(report.split.amount(scheme))
                where = _where(source, f"/split/{scheme.value}")
                sums.add(f"split/{scheme.value}", amount, where, signed=True)
                sums.add("split", amount, where, signed=True)
        for i, part in enumerate(report.schemes):
            if part.funds is None:
                continue
            for name in _FUNDS_FIGURES:
                amount = kroner(getattr(part.funds, name))
                where = _where(source, f"/schemes/{i}/funds/{name}")
                sums.add(f"{name}/{part.scheme.value}", amount, where, signed=True)
                sums.add(name, amount, where, signed=True)
    national = msg("sums.what.national")
    return sums.problems(defaultdict(lambda: national))


@exact
def summarise_reports(reports: Sequence[tuple[str, Report]]) -> NationalSummary:
    """The national summary of ``reports`` (each with the name of the file it came from).

    :raises InvalidInput: with every problem, located by file and JSON Pointer: a report that is
        not a :class:`~post65.report.Report`, a county not in the 2024 register, a county twice,
        a year other than the one most reports have, no report at all.
    """
    if not reports:
        raise InvalidInput([Problem("", msg("summary.none"))])
    problems, usable = _problems(reports)
    if not problems:
        problems = _sum_problems(usable)
    if problems:
        raise InvalidInput(problems)
    counties = tuple(
        sorted((CountySummary.of(r, s) for s, r in usable), key=lambda c: c.fylkesnummer)
    )
    stated = {c.fylkesnummer for c in counties}
    reg = register(2024)
    missing = tuple((f.fylkesnummer, f.name) for f in reg.counties if f.fylkesnummer not in stated)
    return NationalSummary(year=_year(usable), counties=counties, missing=missing)


def summarise_files(sources: Sequence[str | os.PathLike[str]]) -> NationalSummary:
    """The national summary of the report documents in the files ``sources``.

    :raises InvalidInput: with every problem of every file and between them (see
        :func:`summarise_reports`), each located by file and JSON Pointer.
    """
    from post65.io import load

    if not sources:
        raise InvalidInput([Problem("", msg("summary.none"))])
    problems: list[Problem] = []
    loaded: list[tuple[str, Report]] = []
    for source in sources:
        name = os.fspath(source)
        try:
            loaded.append((name, load(source, kind="report")))
        except InvalidDocument as exc:
            problems.extend(Problem(_where(name, p.where), p.text) for p in exc.problems)
        except Post65Error as exc:
            problems.append(Problem(_where(name, ""), exc.text))
    more, _ = _problems(loaded)
    if problems or more:
        raise InvalidInput([*problems, *more])
    return summarise_reports(loaded)
