"""§6 of the scheme a regulation (regelverk 12.12.2023), the yearly report of post 65:

    6. Opplegg for oppfølging og kontroll og evaluering
    Ordning a, b og c på post 65 rapporterer sammen. Fylkeskommunen må hvert år levere en
    kortfattet rapport til departementet som beskriver

    a. Fordeling av midler mellom ordning a, b og c på post 65 med begrunnelse
    b. Tiltak gjennomført og hvordan disse bidrar til å oppnå kriteriene for måloppnåelse for
    de respektive ordningene.
    Rapporten skal ikke overskride 3 sider.

    Departementet kan initiere evaluering av ordningen.

Schemes a, b and c report together, in one short yearly report. P65-6.1 … P65-6.3 check both a
:class:`~post65.portfolio.Portfolio`, the data a report is made from, and a
:class:`~post65.report.Report`; P65-6.4 (the page limit) counts the pages of the report's typeset
A4 PDF, whatever page model the report declares.
Every subject is a JSON Pointer into the document checked.

>>> from post65.io import load
>>> from post65.rules import check
>>> p = load('''{"kind": "portfolio", "county": "18", "year": 2024, "frame": "30000000",
...   "split": {"a": "10000000", "b": "12000000", "c": "7000000", "justification": "Behov"}}''')
>>> [f.outcome.value for f in check(p).for_rule("P65-6.2")]
['not_met']
>>> print(check(p).for_rule("P65-6.2")[0].message("en").replace("\u00a0", " "))
The split: a + b + c = 29 000 000 kr differs from the funds disposed, 30 000 000 kr (the frame).
>>> print(check(p).for_rule("P65-6.2")[0].message("nn").replace("\u00a0", " "))
Fordelinga: a + b + c = 29 000 000 kr avvik frå midlane disponerte, 30 000 000 kr (ramma).
>>> from post65.report import build_report
>>> [(f.rule, f.outcome.value) for f in check(build_report(p)) if f.rule == "P65-6.4"]
[('P65-6.4', 'met')]
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from decimal import Decimal
from typing import Any, NamedTuple

from post65._empty import Frozen
from post65.errors import UnknownCounty
from post65.funds import SchemeId, Split
from post65.law import Citation, Interpretation
from post65.measures import is_blank
from post65.money import amount_to_str, kroner, nok
from post65.portfolio import Portfolio
from post65.report import (
    SCHEME_CRITERIA,
    SECTION_NAMES,
    DisposedBasis,
    PageMeasure,
    Report,
    ReportMeasure,
    pdf_pages,
)
from post65.rulebook import Context, Result, Rule, Severity, rule
from post65.schemes import verdict
from post65.text import Message, msg

__all__: list[str] = []

SOURCE = "regelverk-a-2023"
KINDS = ("portfolio", "report")


def _semicolons(parts: Sequence[Message]) -> Message:
    """``parts`` joined by «; » (each part a message in the same language)."""
    joined = parts[0]
    for part in parts[1:]:
        joined = msg("p65.joined", first=joined, then=part)
    return joined


def _place(doc: Portfolio | Report, ctx: Context) -> str:
    try:
        return f"{doc.county} {ctx.register.county(doc.county).name}"
    except UnknownCounty:
        return doc.county


# --- P65-6.1 --------------------------------------------------------------------------------


def _outside_year(doc: Portfolio | Report) -> list[str]:
    if isinstance(doc, Portfolio):
        return sorted(m.id for m in doc.measures if not m.period.overlaps_year(doc.year))
    return sorted(
        m.id
        for _, _, m in doc.measures()
        if m.period is not None and not m.period.overlaps_year(doc.year)
    )


def _measure_count(doc: Portfolio | Report) -> int:
    if isinstance(doc, Portfolio):
        return len(doc.measures) + len(doc.b_measures) + len(doc.c_measures)
    return sum(1 for _ in doc.measures())


def _scheme_coverage(doc: Report) -> list[Message]:
    """A scheme missing from the report's parts, or given twice."""
    seen = [part.scheme for part in doc.schemes]
    missing = [s.value for s in SchemeId if s not in seen]
    twice = [s.value for s in SchemeId if seen.count(s) > 1]
    wrong = []
    if missing:
        wrong.append(msg("p65.6-1.scheme_missing", schemes=missing))
    if twice:
        wrong.append(msg("p65.6-1.scheme_twice", schemes=twice))
    return wrong


@rule(
    "P65-6.1",
    scheme="p65",
    severity=Severity.ERROR,
    subject="report",
    kinds=KINDS,
    title=msg("p65.6-1.title"),
    citation=Citation(
        SOURCE,
        "6",
        "Ordning a, b og c på post 65 rapporterer sammen. Fylkeskommunen må hvert år levere en "
        "kortfattet rapport til departementet",
    ),
    interpretations=(Interpretation.library("one_document", msg("interp.p65-6.1.one_document")),),
)
def p65_6_1(doc: Portfolio | Report, ctx: Context) -> Iterator[Result]:
    """A portfolio or a report is one county's one year: it covers schemes a, b and c together (it
    gives the split between them; a report also has one part for each scheme, neither missing
    nor repeated) and holds only measures that run in its year.
    """
    outside = _outside_year(doc)
    count = _measure_count(doc)
    values = {"county": doc.county, "year": str(doc.year), "measures": str(count)}
    wrong: list[Message] = []
    if doc.split is None:
        wrong.append(msg("p65.6-1.no_split"))
    if isinstance(doc, Report):
        wrong += _scheme_coverage(doc)
        values["schemes"] = ",".join(part.scheme.value for part in doc.schemes)
    if outside:
        listed = ", ".join(outside[:6]) + (" …" if len(outside) > 6 else "")
        values["outside_year"] = ", ".join(outside)
        wrong.append(msg("p65.6-1.outside", n=len(outside), year=doc.year, listed=listed))
    place = _place(doc, ctx)
    if wrong:
        text = msg("p65.6-1.not_met", place=place, year=doc.year, wrong=_semicolons(wrong))
        yield verdict.result("", verdict.NOT_MET, text, values)
    else:
        yield verdict.result(
            "", verdict.MET, msg("p65.6-1.met", place=place, year=doc.year, n=count), values
        )


# --- P65-6.2 --------------------------------------------------------------------------------


def _disposed(doc: Portfolio | Report) -> tuple[Decimal | None, Message]:
    """The funds disposed in the year, and what they are."""
    received = msg("p65.basis.received", year=doc.year)
    if isinstance(doc, Report):
        amount = None if doc.disposed is None else kroner(doc.disposed)
        frame = doc.disposed_basis is DisposedBasis.FRAME
        return amount, msg("p65.basis.frame") if frame else received
    if doc.frame is not None:
        return kroner(doc.frame), msg("p65.basis.frame")
    receipts = [kroner(r.amount) for r in doc.funds.received if r.appropriation_year == doc.year]
    return (sum(receipts, Decimal(0)) if receipts else None), received


def _split_wrong(
    parts: dict[str, Decimal],
    total: Decimal,
    disposed: Decimal | None,
    basis: Message,
    split: Split,
) -> list[Message]:
    wrong = []
    negative = [k for k, v in parts.items() if v < 0]
    if negative:
        wrong.append(msg("p65.6-2.negative", schemes=negative))
    if disposed is not None and total != disposed:
        wrong.append(msg("p65.6-2.differs", total=total, disposed=disposed, basis=basis))
    if is_blank(split.justification):
        wrong.append(msg("p65.6-2.no_justification"))
    return wrong


@rule(
    "P65-6.2",
    scheme="p65",
    severity=Severity.ERROR,
    subject="report",
    kinds=KINDS,
    title=msg("p65.6-2.title"),
    citation=Citation(
        SOURCE, "6", "Fordeling av midler mellom ordning a, b og c på post 65 med begrunnelse"
    ),
    interpretations=(Interpretation.library("sum", msg("interp.p65-6.2.sum")),),
)
def p65_6_2(doc: Portfolio | Report, ctx: Context) -> Iterator[Result]:
    """§6 a. The split is given; a + b + c equals the funds disposed (a portfolio's ``frame``, or
    failing that the funds received for its appropriation year, all schemes; a report's
    ``disposed``); the justification is not empty. Funds disposed unknown → ``undetermined`` (if
    nothing else is wrong).
    """
    split = doc.split
    if split is None:
        yield verdict.result("/split", verdict.NOT_MET, msg("p65.6-2.missing"))
        return
    parts = {"a": kroner(split.a), "b": kroner(split.b), "c": kroner(split.c)}
    total = sum(parts.values(), Decimal(0))
    values = {k: amount_to_str(nok(v)) for k, v in parts.items()}
    values["total"] = amount_to_str(nok(total))
    disposed, basis = _disposed(doc)
    if disposed is not None:
        values["disposed"] = amount_to_str(nok(disposed))
    wrong = _split_wrong(parts, total, disposed, basis, split)
    if wrong:
        text = msg("p65.6-2.not_met", wrong=_semicolons(wrong))
        yield verdict.result("/split", verdict.NOT_MET, text, values)
    elif disposed is None:
        field = "disposed" if isinstance(doc, Report) else "frame"
        text = msg("p65.6-2.undetermined", total=total, field=field, year=doc.year)
        yield verdict.result("/split", verdict.UNDETERMINED, text, values)
    else:
        a, b, c = parts["a"], parts["b"], parts["c"]
        text = msg("p65.6-2.met", a=a, b=b, c=c, total=total, basis=basis)
        yield verdict.result("/split", verdict.MET, text, values)


# --- P65-6.3 --------------------------------------------------------------------------------


class _Described(NamedTuple):
    """What P65-6.3 looks at in one measure (a named tuple: one per measure of a check)."""

    subject: str
    scheme: SchemeId
    described: bool
    contributes: bool
    elsewhere: bool = False
    """Contributions are stated, but only to other schemes' criteria."""


def _report_measure(where: str, scheme: SchemeId, m: ReportMeasure) -> _Described:
    stated = {c.criterion for c in m.contributions if not is_blank(c.description)}
    own = stated & SCHEME_CRITERIA[scheme]
    return _Described(
        where, scheme, not is_blank(m.description), bool(own), elsewhere=bool(stated) and not own
    )


def _described_bc(field: str, scheme: SchemeId, measures: Sequence[Any]) -> list[_Described]:
    """A scheme b or c measure: described, and with a contribution stated."""
    return [
        _Described(
            f"/{field}/{i}",
            scheme,
            not is_blank(m.description),
            any(not is_blank(c.description) for c in m.contributions),
        )
        for i, m in enumerate(measures)
    ]


def _described(doc: Report) -> list[_Described]:
    return [_report_measure(where, s, m) for where, s, m in doc.measures()]


_CRITERIA_NAMES = {
    SchemeId.A: msg("p65.criteria.a"),
    SchemeId.B: msg("p65.criteria.b"),
    SchemeId.C: msg("p65.criteria.c"),
}


_MET = {s: msg("p65.6-3.met", scheme=s.value) for s in SchemeId}
"""P65-6.3's ``met`` of each scheme: made once, shared by the findings."""

_VALUES = {
    (s, described, contributes): Frozen(
        {
            "scheme": s.value,
            "description": verdict.YES_NO[described],
            "criteria": verdict.YES_NO[contributes],
        }
    )
    for s in SchemeId
    for described in (False, True)
    for contributes in (False, True)
}
"""P65-6.3's values of each scheme and answer: made once, shared by the findings."""


def _result(d: _Described) -> Result:
    values = _VALUES[d.scheme, d.described, d.contributes]
    if d.described and d.contributes:
        return verdict.result(d.subject, verdict.MET, _MET[d.scheme], values)
    return verdict.result(d.subject, verdict.NOT_MET, _lacking(d), values)


def _lacking(d: _Described) -> Message:
    scheme = d.scheme.value
    missing = []
    if not d.described:
        missing.append(msg("p65.6-3.lacks_description"))
    if not d.contributes:
        criteria = _CRITERIA_NAMES[d.scheme]
        missing.append(msg("p65.6-3.lacks_contribution", scheme=scheme, criteria=criteria))
    if d.elsewhere:
        return msg("p65.6-3.not_met_elsewhere", missing=missing)
    return msg("p65.6-3.not_met", missing=missing)


@rule(
    "P65-6.3",
    scheme="p65",
    severity=Severity.ERROR,
    subject="report",
    kinds=KINDS,
    title=msg("p65.6-3.title"),
    citation=Citation(
        SOURCE,
        "6",
        "Tiltak gjennomført og hvordan disse bidrar til å oppnå kriteriene for måloppnåelse for "
        "de respektive ordningene.",
    ),
    interpretations=(Interpretation.library("own_criteria", msg("interp.p65-6.3.own_criteria")),),
)
def p65_6_3(doc: Portfolio | Report, ctx: Context) -> Iterator[Result]:
    """§6 b. Every measure of every scheme says what was carried out (``description``) and how
    it contributes to its own scheme's criteria: scheme a the §2 criteria (tasks solved in new
    ways, community planning, plans developed or renewed); scheme b development capacity and
    attractiveness; scheme c development capacity, competence for business development and jobs.
    In a report a contribution to another scheme's criteria does not count. A document with no
    measures describes none.
    """
    if isinstance(doc, Report):
        found = _described(doc)
        if not found:
            text = msg("p65.6-3.none_report")
            yield verdict.result("/schemes", verdict.NOT_MET, text, {"measures": "0"})
            return
        yield from map(_result, found)
        return
    if not (doc.measures or doc.b_measures or doc.c_measures):
        text = msg("p65.6-3.none_portfolio")
        yield verdict.result("/measures", verdict.NOT_MET, text, {"measures": "0"})
        return
    # a scheme a measure judged as it comes (a check has a thousand): nothing made for it but
    # its result, which names it by the pointer the check's other rules name it by
    a = SchemeId.A
    met, met_values = _MET[a], _VALUES[a, True, True]
    subjects = ctx.subjects("/measures", len(doc.measures))
    for subject, m in zip(subjects, doc.measures, strict=True):
        described = not is_blank(m.description)
        contributes = m.criteria.recorded
        if described and contributes:
            yield verdict.result(subject, verdict.MET, met, met_values)
        else:
            yield _result(_Described(subject, a, described, contributes))
    yield from map(_result, _described_bc("b_measures", SchemeId.B, doc.b_measures))
    yield from map(_result, _described_bc("c_measures", SchemeId.C, doc.c_measures))


# --- P65-6.4 --------------------------------------------------------------------------------


def _longest(by_section: tuple[tuple[str, int], ...], n: int = 3) -> list[tuple[str, int]]:
    return sorted(by_section, key=lambda kv: (-kv[1], kv[0]))[:n]


@rule(
    "P65-6.4",
    scheme="p65",
    severity=Severity.ERROR,
    subject="report",
    kinds=("report",),
    title=msg("p65.6-4.title"),
    citation=Citation(SOURCE, "6", "Rapporten skal ikke overskride 3 sider."),
    interpretations=(Interpretation.library("page_model", msg("interp.p65-6.4.page_model")),),
)
def p65_6_4(doc: Report, ctx: Context) -> Iterator[Result]:
    """The report is counted as the PDF sets it (:func:`~post65.report.pdf_pages`, in the
    report's own language): A4 pages with fixed margins and type sizes, which nothing in the
    document changes (a declared ``page_model`` is the text rendering's, and a stored ``pages``
    is counted anew). With the ``post65[pdf]`` extra the count is the typeset PDF's
    (``page_measure`` ``pdf``); without it, the same layout by the fonts' widths (``estimate``),
    never below the PDF's count. At most ``p65.report_max_pages`` (3) pages is ``met``; more
    is ``not_met``, and the message names the longest sections with their lines of text.
    """
    laid, measure = pdf_pages(doc)
    limit = ctx.param("p65.report_max_pages")
    longest = _longest(laid.by_section)
    values = {
        "pages": str(laid.pages),
        "page_measure": measure.value,
        "lines": str(laid.lines),
        "lang": doc.lang.value,
        "sections": ", ".join(f"{k}={n}" for k, n in laid.by_section),
        "longest": ", ".join(f"{k}={n}" for k, n in longest),
    }
    measured = msg("p65.6-4.measured", pages=laid.pages, measure=_MEASURES[measure])
    if limit is None:
        yield verdict.result(
            "", verdict.UNDETERMINED, msg("p65.6-4.unknown", measured=measured), values
        )
        return
    values["max_pages"] = str(limit)
    if laid.pages <= limit:
        yield verdict.result(
            "", verdict.MET, msg("p65.6-4.met", measured=measured, limit=limit), values
        )
        return
    named = [msg("p65.6-4.section_lines", section=SECTION_NAMES.get(k, k), n=n) for k, n in longest]
    text = msg("p65.6-4.not_met", measured=measured, limit=limit, longest=named)
    yield verdict.result("", verdict.NOT_MET, text, values)


_MEASURES = {
    PageMeasure.PDF: msg("p65.6-4.measure.pdf"),
    PageMeasure.ESTIMATE: msg("p65.6-4.measure.estimate"),
}


RULES: tuple[Rule, ...] = (p65_6_1, p65_6_2, p65_6_3, p65_6_4)
"""The rules of this module, in the order of the law."""
