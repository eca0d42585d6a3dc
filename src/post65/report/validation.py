"""The validation of a stored report document (:func:`validate_report`): what makes a
structurally sound report unusable, each problem at its JSON Pointer."""

from __future__ import annotations

from collections.abc import Iterator

import attrs

from post65._decimal import exact
from post65._sums import WHAT, Sums
from post65.errors import InvalidArgument, Problem, UnknownCounty
from post65.funds import SchemeId, split_sums
from post65.geography import municipality_problem, register
from post65.layout import OPTION_BOUNDS, option_problem
from post65.money import kroner, total
from post65.portfolio import FIRST_YEAR, LAST_YEAR
from post65.report.document import Report, SchemeFunds
from post65.report.figures import comparison_problems
from post65.text import Message, msg

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


_FUNDS_FIGURES = tuple(a.name for a in attrs.fields(SchemeFunds))
"""Every figure of a scheme's funds, in the order of the document."""

_BALANCES = frozenset(_FUNDS_FIGURES) - frozenset(_NON_NEGATIVE)
"""The figures of a scheme's funds that may be negative (the balances, opening and closing):
their sum is of signed amounts."""


def _sums(report: Report) -> tuple[Sums, dict[str, Message]]:
    """The sums of the report's amounts that the check, the rendering or a reader of the report
    forms, and what each adds up: the split's total, each scheme's measures, each figure of the
    funds over all schemes (and payments with administration costs: what was spent), the
    amounts by use, by municipality (with those to the county and unassigned), and those
    carried over from earlier years and to the next over all schemes."""
    sums = Sums()
    what: dict[str, Message] = dict(WHAT)
    split_sums(report.split, "/split", sums)
    for i, part in enumerate(report.schemes):
        name = f"measures/{i}"
        what[name] = msg("sums.what.measures", scheme=part.scheme)
        for j, m in enumerate(part.measures):
            if m.amount is not None:
                sums.add(name, kroner(m.amount), f"/schemes/{i}/measures/{j}/amount")
        if part.funds is not None:
            where = f"/schemes/{i}/funds"
            for figure in _FUNDS_FIGURES:
                amount = kroner(getattr(part.funds, figure))
                sums.add(figure, amount, f"{where}/{figure}", signed=figure in _BALANCES)
                if figure in ("payments", "admin_costs"):
                    sums.add("spent", amount, f"{where}/{figure}")
    what.update(dict.fromkeys(_FUNDS_FIGURES, msg("sums.what.scheme_funds")))
    c = report.comparison
    for key, used in c.by_use.items():
        sums.add("by_use", kroner(used), f"/by_use/{key}")
    for k, row in enumerate(c.by_municipality):
        sums.add("by_municipality", kroner(row.amount), f"/by_municipality/{k}/amount")
    for field in ("to_county", "unassigned"):
        value = getattr(c, field)
        if value is not None:
            sums.add("by_municipality", kroner(value), f"/{field}")
    for key, carried in c.carried_over.items():
        for field in ("from_earlier", "to_next"):
            amount = kroner(getattr(carried, field))
            sums.add(field, amount, f"/carried_over/{key}/{field}", signed=True)
    return sums, what


@exact
def validate_report(report: Report) -> list[Problem]:
    """Every problem that makes a structurally sound report unusable: an unknown county or
    kommunenummer, a year outside 2000–2100, a measure id used twice, a negative amount, money
    figures that do not add up, amounts that add up to more than 10^18 kr (see :func:`_sums`),
    a page model outside :data:`~post65.layout.OPTION_BOUNDS`, and §2 figures that name
    measures or municipalities the report does not have. A ``report`` that is not a
    :class:`Report` raises :class:`~post65.errors.InvalidArgument`."""
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
    sums, what = _sums(report)
    problems += sums.problems(what)
    a_amount = None
    for i, part in enumerate(report.schemes):
        if part.scheme is SchemeId.A and sums.past(f"measures/{i}") is None:
            a_amount = total(m.amount for m in part.measures if m.amount is not None)
            break
    problems += comparison_problems(report.comparison, a_amount)
    if report.pages is not None and report.pages < 1:
        problems.append(Problem("/pages", msg("report.problem.pages")))
    # the page model within the bounds build_report and the command hold it to (a report of
    # 10^9 characters a line would render lines of that width)
    model = report.page_model
    for name in OPTION_BOUNDS:
        found = option_problem(name, getattr(model, name), f"/page_model/{name}")
        if found is not None:
            problems.append(found)
    return problems
