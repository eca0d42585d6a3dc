"""Building the yearly report from a portfolio (:func:`build_report`).

The split and its justification; per scheme the measures carried out and how each contributes to
that scheme's criteria; the §2 figures of scheme a computed from the data (distinct target-group
municipalities that benefited, plans developed or renewed by name, tasks solved in new ways);
per scheme the money received, spent and carried over (from the ledger's statement for the
year); and the county's own judgement, which the county writes.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pint

from post65._arguments import refused_by
from post65._decimal import exact
from post65._shape import problems_of
from post65.errors import InvalidArgument, Lang
from post65.funds import SchemeId, wrong_entry
from post65.jsontext import located_in
from post65.layout import PageModel, bounded
from post65.ledger import Ledger
from post65.measures import is_blank
from post65.money import kroner, nok, total
from post65.parameters import Parameters
from post65.portfolio import (
    Portfolio,
    SchemeBMeasure,
    SchemeCMeasure,
    section2,
    validate_portfolio,
)
from post65.report.arguments import (
    checked_date,
    checked_index,
    checked_model,
    checked_parameters,
    checked_selection,
    checked_text,
)
from post65.report.document import (
    DisposedBasis,
    Report,
    ReportContribution,
    ReportCriterion,
    ReportLanguage,
    ReportMeasure,
    ReportPlan,
    ReportScheme,
    ReportSection2,
    SchemeFunds,
    TargetBasis,
    checked_language,
)
from post65.report.figures import comparison
from post65.report.render import with_pages
from post65.rulebook import IndexLike, SelectionLike
from post65.text import msg

__all__ = ["build_report", "checked_language"]


def _granted_measure(
    m: SchemeBMeasure | SchemeCMeasure,
    scheme: SchemeId,
    spent: dict[tuple[SchemeId, str], pint.Quantity[Decimal]],
) -> ReportMeasure:
    """A scheme b or c measure as the report shows it: what it states it spent, else what was
    paid to it in the year; a scheme c measure with the jobs it created."""
    return ReportMeasure(
        id=m.id,
        title=m.title,
        beneficiaries=m.municipalities,
        amount=m.granted,
        spent=m.spent if m.spent is not None else spent.get((scheme, m.id)),
        description=m.description,
        contributions=tuple(
            ReportContribution(ReportCriterion(x.criterion.value), x.description)
            for x in m.contributions
        ),
        jobs_created=m.jobs_created if isinstance(m, SchemeCMeasure) else None,
    )


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
    statement = Ledger.from_funds(portfolio.funds).statement(portfolio.year)
    return {
        s: SchemeFunds(
            opening=line.opening,
            received=line.received,
            payments=line.payments,
            admin_costs=line.admin_costs,
            closing=line.closing,
            repaid=line.repaid,
            reallocated_in=line.reallocated_in,
            reallocated_out=line.reallocated_out,
            cancelled=line.cancelled,
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
    made: dt.date | None = None,
    parameters: Parameters | None = None,
) -> Report:
    """The yearly report of ``portfolio``.

    ``judgement`` is the county's own text (optional). ``index`` and ``selection`` (as for
    :func:`post65.check`) add the district index's target set to the target group of the §2
    figures; without them the target group is the municipalities with a documented challenge.
    ``lang`` and ``model`` are the language and page model the report is rendered in (``"nb"``
    bokmål, ``"nn"`` nynorsk or ``"en"`` English; bokmål and the standard
    :class:`~post65.layout.PageModel` unless given); the target group is read as A-1.2 reads
    it (``parameters``' ``reading.a-1.2``: ``both`` by default); ``model`` must lie within
    the option bounds (:func:`~post65.layout.bounded`), and P65-6.4 counts by the standard
    measure whatever it is. ``made`` is the date the report is made (shown on every page of the
    PDF); the report's ``pages`` and ``page_measure`` are those of its typeset PDF
    (:func:`~post65.report.render.pdf_pages`). A ``portfolio`` that is not a
    :class:`~post65.portfolio.Portfolio` raises :class:`~post65.errors.InvalidArgument` (a
    ``TypeError``), and so does any other argument of the wrong type (``made`` a ``datetime``
    or a text, ``judgement`` not a text, …) before any work is done; a ``judgement`` that
    :func:`~post65.io.load` would refuse in the stored report (a lone surrogate) raises
    :class:`~post65.errors.InvalidParameter`, an unknown ``lang`` too.
    """
    if not isinstance(portfolio, Portfolio):
        name = type(portfolio).__name__
        raise InvalidArgument(msg("report.not_a_portfolio", name=name))
    judgement = checked_text("judgement", judgement)
    index = checked_index(index)
    selection = checked_selection(selection)
    language = checked_language(lang)
    model = checked_model(model)
    if model is not None:
        bounded(model)
    made = checked_date("made", made)
    parameters = checked_parameters(parameters)
    target: frozenset[str] | None = None
    if selection is not None:
        target = selection.select(index).municipalities
    reading = (parameters or Parameters()).reading("reading.a-1.2")
    # a portfolio built in code: its values load() would refuse or of a wrong type, each named
    # where it is (its funds' entries as the arguments of the ledger)
    with (
        located_in(lambda: problems_of(portfolio, validate_portfolio)),
        refused_by(lambda: wrong_entry(portfolio.funds)),
    ):
        return _built(portfolio, judgement or "", language, model, made, target, reading)


def _built(
    portfolio: Portfolio,
    judgement: str,
    language: ReportLanguage,
    model: PageModel | None,
    made: dt.date | None,
    target: frozenset[str] | None,
    reading: str,
) -> Report:
    """The report of a portfolio, its arguments checked (:func:`build_report`)."""
    figures = section2(
        portfolio, target=target, reading="either" if reading == "either" else "both"
    )
    spent = _spent_by_measure(portfolio)
    funds = _scheme_funds(portfolio)
    b = tuple(_granted_measure(m, SchemeId.B, spent) for m in portfolio.b_measures)
    c = tuple(_granted_measure(m, SchemeId.C, spent) for m in portfolio.c_measures)
    measures = {SchemeId.A: _scheme_a_measures(portfolio, spent), SchemeId.B: b, SchemeId.C: c}
    disposed, basis = _disposed(portfolio)
    carried = {s: (f.opening, f.closing) for s, f in funds.items()}
    figures_ = comparison(portfolio, carried, target)
    report = Report(
        county=portfolio.county,
        year=portfolio.year,
        split=portfolio.split,
        disposed=disposed,
        disposed_basis=basis,
        schemes=tuple(ReportScheme(s, measures[s], funds[s]) for s in SchemeId),
        section2=ReportSection2(
            municipalities=figures.municipalities,
            target_group=figures.target_group,
            basis=(
                TargetBasis.CHALLENGES
                if target is None
                else TargetBasis.INDEX
                if reading == "either"
                else TargetBasis.BOTH
            ),
            plans=tuple(
                ReportPlan(mid, plan.name, plan.action, plan.kommunenummer)
                for mid, plan in figures.plans
            ),
            new_ways=tuple(mid for mid, _ in figures.new_ways),
            planning=tuple(mid for mid, _ in figures.planning),
        ),
        judgement=judgement,
        lang=language,
        page_model=model or PageModel(),
        made=made,
        carried_over=figures_.carried_over,
        by_use=figures_.by_use,
        by_municipality=figures_.by_municipality,
        to_county=figures_.to_county,
        unassigned=figures_.unassigned,
        target_municipalities=figures_.target_municipalities,
        state_actors=figures_.state_actors,
        projects_by_criterion=figures_.projects_by_criterion,
        jobs=figures_.jobs,
    )
    return with_pages(report)
