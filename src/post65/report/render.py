"""Rendering the yearly report: its sections, its page count, Markdown, text and HTML.

Every word the report shows comes from the catalogues (keys ``report.*``, the criteria by their
labels ``enum.ReportCriterion.*``), in the report's language: bokmål, nynorsk or English.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from decimal import Decimal
from typing import Any, Literal, overload

import attrs
import pint

from post65._decimal import exact
from post65._shape import problems_of
from post65.errors import InvalidParameter, Lang, UnknownCounty
from post65.funds import SchemeId
from post65.geography import register
from post65.jsontext import located_in
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
from post65.report.arguments import (
    checked_format,
    checked_look,
    checked_model,
    checked_report,
    shown,
)
from post65.report.document import (
    DisposedBasis,
    PageMeasure,
    Report,
    ReportCriterion,
    ReportMeasure,
    ReportScheme,
    checked_language,
)
from post65.report.figsections import criterion_paragraph, figures_section
from post65.report.fundsection import funds_section
from post65.report.fundsection import percent as _percent
from post65.report.look import Look
from post65.report.pdf import Furniture, draw_pdf, pdf_available
from post65.report.typeset import Laid, typeset
from post65.report.validation import validate_report
from post65.text import Message, msg

__all__ = [
    "SECTION_NAMES",
    "ReportFormat",
    "page_count",
    "pdf_pages",
    "render_report",
    "report_sections",
    "typeset_report",
    "with_pages",
]

SECTION_NAMES: dict[str, Message] = {
    "split": msg("report.section.split"),
    "a": msg("report.section.a"),
    "section2": msg("report.section.section2"),
    "a_figures": msg("report.section.a_figures"),
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


def _language(report: Report, lang: str | None) -> Lang:
    report = checked_report(report)
    chosen = report.lang if lang is None else checked_language(lang)
    return chosen.value


def _kr(amount: pint.Quantity[Decimal], lang: Lang) -> str:
    return msg("report.amount", amount=amount)(lang)


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
    carried = {k: v for k, v in report.carried_over.items() if k in {s.value for s in SchemeId}}
    rows = []
    for s in SchemeId:
        row = [_SCHEME_SHORT[s](lang), _kr(split.amount(s), lang), _percent(shares[s], lang)]
        if carried:
            c = carried.get(s.value)
            row += ["–", "–"] if c is None else [_kr(c.from_earlier, lang), _kr(c.to_next, lang)]
        rows.append(tuple(row))
    whole = kroner(split.total)
    last = [
        msg("report.total")(lang),
        _kr(split.total, lang),
        _percent(Decimal(1 if whole else 0), lang),
    ]
    if carried:
        last += [
            _kr(total(c.from_earlier for c in carried.values()), lang),
            _kr(total(c.to_next for c in carried.values()), lang),
        ]
    rows.append(tuple(last))
    headers = [
        msg("report.table.scheme")(lang),
        msg("report.split.header_amount", year=report.year)(lang),
        msg("report.table.share")(lang),
    ]
    if carried:
        headers += [msg("report.split.from_earlier")(lang), msg("report.split.to_next")(lang)]
    rights: list[Literal["left", "right"]] = ["right"] * (len(headers) - 1)
    return Table(tuple(headers), tuple(rows), ("left", *rights))


def _split_section(report: Report, lang: Lang) -> Section:
    intro = msg("report.split.intro_plain", year=report.year)
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
    if report.carried_over:
        blocks.append(Paragraph(msg("report.split.carried_note", year=report.year)(lang)))
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
    blocks: list[Paragraph | Table] = [Table(headers, tuple(rows), ("left", "right", "left"))]
    by_criterion = criterion_paragraph(report, part.scheme, lang)
    if by_criterion is not None:
        blocks.append(by_criterion)
    return Section(key, title, tuple(blocks))


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


def _judgement_section(report: Report, lang: Lang) -> Section | None:
    if is_blank(report.judgement):
        return None
    paragraphs = [p.strip() for p in report.judgement.strip().split("\n\n") if p.strip()]
    return Section(
        "judgement",
        msg("report.judgement.title")(lang),
        tuple(Paragraph(" ".join(p.split())) for p in paragraphs),
    )


def _sections(report: Report, lang: Lang) -> list[Section]:
    sections = [_split_section(report, lang)]
    for part in report.schemes:
        sections.append(_measures_section(part, part.scheme.value, report, lang))
        if part.scheme is SchemeId.A:
            sections.append(_section2_section(report, lang))
            figures = figures_section(report, lang)
            if figures is not None:
                sections.append(figures)
    sections.append(funds_section(report, lang))
    judgement = _judgement_section(report, lang)
    if judgement is not None:
        sections.append(judgement)
    return sections


@exact
def report_sections(
    report: Report, *, lang: Lang | None = None, model: PageModel | None = None
) -> tuple[str, tuple[Section, ...], PageCount]:
    """The report as a title and document sections (:mod:`post65.layout`), with their count
    under the text page model (``lang`` and ``model`` default to the report's own; a ``model``
    given must lie within the option bounds, :func:`~post65.layout.bounded`)."""
    lang = _language(report, lang)
    model = checked_model(model)
    model = report.page_model if model is None else bounded(model)
    title = _title(report, lang)
    sections = _sections(report, lang)
    return title, tuple(sections), model.count(sections, title=title)


@exact
def page_count(
    report: Report, *, lang: Lang | None = None, model: PageModel | None = None
) -> PageCount:
    """The lines and pages of ``report`` under the page model (by default its own language and
    page model), with the lines of each section (keys as in :data:`SECTION_NAMES`)."""
    with located_in(lambda: problems_of(report, validate_report)):  # a report built in code
        return report_sections(report, lang=lang, model=model)[2]


@exact
def typeset_report(report: Report, *, lang: Lang | None = None) -> tuple[str, Laid]:
    """The report's title and its pages as the PDF sets them (:mod:`post65.report.typeset`),
    laid out once: the PDF draws exactly these pages, and P65-6.4 counts them."""
    chosen = _language(report, lang)
    title = _title(report, chosen)
    with located_in(lambda: problems_of(report, validate_report)):  # a report built in code
        return title, _typeset(title, tuple(_sections(report, chosen)))


@functools.lru_cache(maxsize=16)
def _typeset(title: str, sections: tuple[Section, ...]) -> Laid:
    """:func:`~post65.report.typeset.typeset`, remembered: building, checking and rendering one
    report lay it out once (the sections are immutable and compared by value)."""
    return typeset(title, sections)


def pdf_pages(report: Report, *, lang: Lang | None = None) -> tuple[Laid, PageMeasure]:
    """The report's typeset pages and how they were counted: ``pdf`` when the typesetter is
    installed (the PDF draws these very pages), ``estimate`` without it (the same layout, by
    the fonts' widths copied into post65: never below the PDF's count)."""
    _, laid = typeset_report(report, lang=lang)
    return laid, PageMeasure.PDF if pdf_available() else PageMeasure.ESTIMATE


def with_pages(report: Report) -> Report:
    """``report`` with its ``pages`` and ``page_measure`` counted anew (:func:`pdf_pages`)."""
    laid, measure = pdf_pages(report)
    return attrs.evolve(report, pages=laid.pages, page_measure=measure)


def _furniture(report: Report, title: str, lang: Lang, look: Look) -> Furniture:
    sender = msg("report.pdf.sender", county=_county_name(report))(lang)
    if report.made is None:
        footer = msg("report.pdf.footer", year=report.year)(lang)
    else:
        footer = msg("report.pdf.footer_made", year=report.year, made=report.made)(lang)
    subject = msg("report.pdf.subject", year=report.year)(lang)
    return Furniture(sender, footer, look.header, look.contact, title, subject, report.made)


def _pdf(report: Report, lang: Lang | None, look: Look | None) -> bytes:
    chosen = _language(report, lang)
    title, laid = typeset_report(report, lang=chosen)
    look = look or Look()
    labels = [
        msg("report.pdf.page", page=n, pages=laid.pages)(chosen) for n in range(1, laid.pages + 1)
    ]
    return draw_pdf(laid, _furniture(report, title, chosen, look), look, labels)


ReportFormat = Literal["markdown", "text", "html", "pdf"]
"""The formats :func:`render_report` writes."""


@overload
def render_report(
    report: Report,
    fmt: Literal["pdf"],
    *,
    lang: Lang | None = None,
    model: PageModel | None = None,
    look: Look | None = None,
) -> bytes: ...


@overload
def render_report(
    report: Report,
    fmt: Format = "markdown",
    *,
    lang: Lang | None = None,
    model: PageModel | None = None,
    look: Look | None = None,
) -> str: ...


@overload
def render_report(
    report: Report,
    fmt: str,
    *,
    lang: Lang | None = None,
    model: PageModel | None = None,
    look: Look | None = None,
) -> Any: ...


@exact
def render_report(
    report: Report,
    fmt: ReportFormat | str = "markdown",
    *,
    lang: Lang | None = None,
    model: PageModel | None = None,
    look: Look | None = None,
) -> str | bytes:
    """``report`` as ``markdown``, ``text``, ``html`` (one complete page with print CSS for A4)
    or ``pdf`` (bytes: A4, typeset, with the county's ``look``: see
    :func:`~post65.report.look.make_look`; needs the ``post65[pdf]`` extra), in its own language
    and page model unless ``lang`` or ``model`` is given (the PDF has no page model: its pages
    are A4 with fixed margins). An argument of the wrong type raises
    :class:`~post65.errors.InvalidArgument`, an unknown format or language
    :class:`~post65.errors.InvalidParameter`, before any work is done."""
    checked_report(report)
    checked_format(fmt)
    if fmt not in ("markdown", "text", "html", "pdf"):
        formats = ["markdown", "text", "html", "pdf"]
        raise InvalidParameter(msg("report.unknown_format", fmt=shown(fmt), formats=formats))
    _language(report, lang)  # the language too, before any work is done
    model, look = checked_model(model), checked_look(look)
    with located_in(lambda: problems_of(report, validate_report)):  # a report built in code
        if fmt == "pdf":
            return _pdf(report, lang, look)
        title, sections, _ = report_sections(report, lang=lang, model=model)
        chosen = _language(report, lang)
        return render(title, sections, fmt, model=model or report.page_model, lang=chosen)
