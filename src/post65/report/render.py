"""Rendering the yearly report: its sections, its page count, Markdown, text and HTML.

Every word the report shows comes from the catalogues (keys ``report.*``, the criteria by their
labels ``enum.ReportCriterion.*``), in the report's language: bokmål, nynorsk or English.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal

import pint

from post65._decimal import exact
from post65.errors import InvalidParameter, Lang, UnknownCounty
from post65.funds import SchemeId
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
from post65.measures import PlanAction, is_blank
from post65.money import kroner, total
from post65.report.build import checked_language
from post65.report.document import (
    DisposedBasis,
    Report,
    ReportCriterion,
    ReportMeasure,
    ReportScheme,
    SchemeFunds,
)
from post65.text import Message, msg

__all__ = ["SECTION_NAMES", "page_count", "render_report", "report_sections"]

SECTION_NAMES: dict[str, Message] = {
    "split": msg("report.section.split"),
    "a": msg("report.section.a"),
    "section2": msg("report.section.section2"),
    "b": msg("report.section.b"),
    "c": msg("report.section.c"),
    "funds": msg("report.section.funds"),
    "judgement": msg("report.section.judgement"),
}
"""Short names of the report's sections by key, for messages (P65-6.4 names the longest)."""

_SCHEME_SHORT = {
    SchemeId.A: msg("report.scheme_short.a"),
    SchemeId.B: msg("report.scheme_short.b"),
    SchemeId.C: msg("report.scheme_short.c"),
}

_MEASURE_TITLES = {
    SchemeId.A: msg("report.measures.title_a"),
    SchemeId.B: msg("report.measures.title_b"),
    SchemeId.C: msg("report.measures.title_c"),
}

_PLAN_ACTION = {
    PlanAction.DEVELOPED: msg("report.plan.developed"),
    PlanAction.RENEWED: msg("report.plan.renewed"),
}

_CENT = Decimal("0.01")


def _language(report: Report, lang: str | None) -> Lang:
    chosen = report.lang if lang is None else checked_language(lang)
    return chosen.value


def _kr(amount: pint.Quantity[Decimal], lang: Lang) -> str:
    return msg("report.amount", amount=amount)(lang)


def _bare(amount: pint.Quantity[Decimal], lang: Lang) -> str:
    """Kroner without the symbol (the funds table says «kr» in its title): øre only if any."""
    cents = kroner(amount).quantize(_CENT, rounding=ROUND_HALF_UP)
    whole = cents.quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return msg("report.number", n=whole if whole == cents else cents)(lang)


def _percent(share: Decimal | None, lang: Lang) -> str:
    return "–" if share is None else msg("report.percent", share=share)(lang)


def _sentence(text: str) -> str:
    text = " ".join(text.split())
    return text if text.endswith((".", "!", "?", "…")) else text + "."


def _names(numbers: Iterable[str], lang: Lang) -> str:
    reg = register(2024)
    out = []
    for nr in numbers:
        if len(nr) == 2:
            out.append(msg("report.the_county")(lang))
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
    return msg("report.title", year=report.year, county=_county_name(report))(lang)


def _split_table(report: Report, lang: Lang) -> Table:
    split = report.split
    assert split is not None  # noqa: S101 - the caller checked
    shares = split.shares(4)
    rows = [
        (_SCHEME_SHORT[s](lang), _kr(split.amount(s), lang), _percent(shares[s], lang))
        for s in SchemeId
    ]
    whole = kroner(split.total)
    rows.append(
        (
            msg("report.total")(lang),
            _kr(split.total, lang),
            _percent(Decimal(1 if whole else 0), lang),
        )
    )
    headers = (
        msg("report.table.scheme")(lang),
        msg("report.table.amount")(lang),
        msg("report.table.share")(lang),
    )
    return Table(headers, tuple(rows), ("left", "right", "right"))


def _split_section(report: Report, lang: Lang, stated: PageCount, model: PageModel) -> Section:
    intro = msg(
        "report.split.intro",
        year=report.year,
        pages=stated.pages,
        lines=stated.lines,
        model=model.description(),
    )
    title = msg("report.split.title")(lang)
    blocks: list[Heading | Paragraph | Table] = [Paragraph(intro(lang))]
    split = report.split
    if split is None:
        blocks.append(Paragraph(msg("report.split.missing")(lang)))
        return Section("split", title, tuple(blocks))
    blocks.append(_split_table(report, lang))
    if report.disposed is not None and kroner(report.disposed) != kroner(split.total):
        basis = (
            msg("report.basis.frame")
            if report.disposed_basis is DisposedBasis.FRAME
            else msg("report.basis.received", year=report.year)
        )
        disposed = msg(
            "report.split.disposed", year=report.year, amount=report.disposed, basis=basis
        )
        blocks.append(Paragraph(disposed(lang)))
    justification: str | Message = (
        _sentence(split.justification)
        if not is_blank(split.justification)
        else msg("report.split.not_given")
    )
    blocks.append(Paragraph(msg("report.split.justification", text=justification)(lang)))
    return Section("split", title, tuple(blocks))


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
        label = msg("report.criterion", criterion=criterion)(lang)
        if criterion is ReportCriterion.JOBS and m.jobs_created is not None:
            label = msg("report.criterion_count", criterion=criterion, n=m.jobs_created)(lang)
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
        none = msg("report.measures.none", year=report.year)(lang)
        return Section(key, title, (Paragraph(none),))
    rows = [
        (
            f"{m.title} ({_names(m.beneficiaries, lang)})" if m.beneficiaries else m.title,
            _kr(m.amount, lang) if m.amount is not None else "–",
            _contribution_text(m, lang),
        )
        for m in part.measures
    ]
    amount = total(m.amount for m in part.measures if m.amount is not None)
    last = ""
    jobs = [m.jobs_created for m in part.measures if m.jobs_created is not None]
    if jobs:
        last = msg("report.measures.jobs", n=sum(jobs))(lang)
    rows.append((msg("report.measures.total", n=len(part.measures))(lang), _kr(amount, lang), last))
    headers = (
        msg("report.measures.header_measure")(lang),
        msg("report.table.amount")(lang),
        msg("report.measures.header_contribution")(lang),
    )
    return Section(key, title, (Table(headers, tuple(rows), ("left", "right", "left")),))


def _section2_section(report: Report, lang: Lang) -> Section:
    s2 = report.section2
    title = msg("report.section2.title")(lang)
    if not (s2.municipalities or s2.plans or s2.new_ways or s2.planning):
        none = msg("report.section2.none", year=report.year)(lang)
        return Section("section2", title, (Paragraph(none),))
    listed = f": {_names(s2.target_group, lang)}" if s2.target_group else ""
    reach = msg(
        "report.section2.reach",
        n=len(s2.municipalities),
        target=len(s2.target_group),
        basis=s2.basis,
        listed=listed,
    )
    if s2.plans:
        named = "; ".join(f"{p.name} ({_PLAN_ACTION[p.action](lang)})" for p in s2.plans)
        plans = msg("report.section2.plans", n=len(s2.plans), plans=named)
    else:
        plans = msg("report.section2.no_plans")
    ways = msg("report.section2.ways", new_ways=len(s2.new_ways), planning=len(s2.planning))
    return Section(
        "section2", title, (Paragraph(reach(lang)), Paragraph(plans(lang)), Paragraph(ways(lang)))
    )


_FUNDS_HEADERS = (
    msg("report.table.scheme"),
    msg("report.funds.opening"),
    msg("report.funds.received"),
    msg("report.funds.spent"),
    msg("report.funds.admin"),
    msg("report.funds.admin_share"),
    msg("report.funds.closing"),
)


def _funds_section(report: Report, lang: Lang) -> Section:
    parts = [(p.scheme, p.funds) for p in report.schemes if p.funds is not None]
    title = msg("report.funds.title")(lang)
    if not parts:
        return Section("funds", title, (Paragraph(msg("report.funds.none")(lang)),))
    rows = [
        (
            s.value,
            _bare(f.opening, lang),
            _bare(f.received, lang),
            _bare(f.spent, lang),
            _bare(f.admin_costs, lang),
            _percent(f.admin_share, lang),
            _bare(f.closing, lang),
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
                msg("report.total")(lang),
                _bare(sums["opening"], lang),
                _bare(sums["received"], lang),
                _bare(sums["spent"], lang),
                _bare(sums["admin_costs"], lang),
                _percent(None if received == 0 else kroner(sums["admin_costs"]) / received, lang),
                _bare(sums["closing"], lang),
            )
        )
    headers = tuple(h(lang) for h in _FUNDS_HEADERS)
    note = msg("report.funds.note", year=report.year)(lang)
    align: tuple[Literal["left", "right"], ...] = ("left", *("right",) * 6)
    body: list[Table | Paragraph] = [Table(headers, tuple(rows), align), Paragraph(note)]
    if any(f.moved for _, f in parts):
        body[1:1] = [_movements(parts, lang), Paragraph(msg("report.funds.movements_note")(lang))]
    return Section("funds", title, tuple(body))


def _movements(parts: list[tuple[SchemeId, SchemeFunds]], lang: Lang) -> Table:
    """The funds table's second part: repayments (tilbakebetaling), reallocations (omdisponering)
    in and out, and commitments that lapsed (bortfall), per scheme (only when there are any)."""
    names = ("repaid", "reallocated_in", "reallocated_out", "cancelled")
    rows = [(s.value, *(_bare(getattr(f, n), lang) for n in names)) for s, f in parts]
    headers = tuple(h(lang) for h in _MOVEMENT_HEADERS)
    return Table(headers, tuple(rows), ("left", *("right",) * 4))


_MOVEMENT_HEADERS = (
    msg("report.table.scheme"),
    msg("report.funds.repaid"),
    msg("report.funds.reallocated_in"),
    msg("report.funds.reallocated_out"),
    msg("report.funds.cancelled"),
)


def _judgement_section(report: Report, lang: Lang) -> Section | None:
    if is_blank(report.judgement):
        return None
    paragraphs = [p.strip() for p in report.judgement.strip().split("\n\n") if p.strip()]
    return Section(
        "judgement",
        msg("report.judgement.title")(lang),
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
        formats = ["markdown", "text", "html"]
        raise InvalidParameter(msg("report.unknown_format", fmt=fmt, formats=formats))
    title, sections, _ = report_sections(report, lang=lang, model=model)
    chosen = _language(report, lang)
    return render(title, sections, fmt, model=model or report.page_model, lang=chosen)
