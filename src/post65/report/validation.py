"""The validation of a stored report document (:func:`validate_report`): what makes a
structurally sound report unusable, each problem at its JSON Pointer."""

from __future__ import annotations

from collections.abc import Iterator

from post65._decimal import exact
from post65.errors import InvalidArgument, Problem, UnknownCounty
from post65.funds import SchemeId
from post65.geography import municipality_problem, register
from post65.money import kroner, total
from post65.portfolio import FIRST_YEAR, LAST_YEAR
from post65.report.document import Report
from post65.report.figures import comparison_problems
from post65.text import msg

__all__ = ["validate_report"]


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
    does not have. A ``report`` that is not a :class:`Report` raises
    :class:`~post65.errors.InvalidArgument`."""
    if not isinstance(report, Report):
        raise InvalidArgument(msg("report.argument.report", type=type(report).__name__))
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
    a = report.scheme(SchemeId.A)
    a_amount = None if a is None else total(m.amount for m in a.measures if m.amount is not None)
    problems += comparison_problems(report.comparison, a_amount)
    if report.pages is not None and report.pages < 1:
        problems.append(Problem("/pages", msg("report.problem.pages")))
    return problems
