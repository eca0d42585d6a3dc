"""What schemes a, b and c share: the yearly report of §6 (rules ``P65-*``).

§6 of the scheme a regulation (regelverk 12.12.2023) says that schemes a, b and c report together,
in one short yearly report to the department that describes (a) the split of the funds between
a, b and c with its justification and (b) the measures carried out and how they contribute to
each scheme's criteria, in at most 3 pages. P65-6.1 … P65-6.3 check both a
:class:`~post65.portfolio.Portfolio`, the data a report is made from, and a
:class:`~post65.report.Report`; P65-6.4 (the page limit) checks the report under the standard page
measure (90 characters a line, 50 lines a page), whatever page model the report declares.
Every subject is a JSON Pointer into the document checked.

>>> from post65.io import load
>>> from post65.rules import check
>>> p = load('''{"kind": "portfolio", "county": "18", "year": 2024, "frame": "30000000",
...   "split": {"a": "10000000", "b": "12000000", "c": "7000000", "justification": "Behov"}}''')
>>> [f.outcome.value for f in check(p).for_rule("P65-6.2")]
['not_met']
>>> print(check(p).for_rule("P65-6.2")[0].message("en").replace("\u00a0", " "))
The split: a + b + c = 29 000 000 kr differs from the funds disposed, 30 000 000 kr (the frame).
>>> from post65.report import build_report
>>> [(f.rule, f.outcome.value) for f in check(build_report(p)) if f.rule == "P65-6.4"]
[('P65-6.4', 'met')]
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

import attrs
import pint

from post65.errors import Lang, UnknownCounty
from post65.funds import SchemeId, Split
from post65.law import Citation
from post65.layout import STANDARD
from post65.measures import is_blank
from post65.money import amount_to_str, format_amount, kroner, nok
from post65.portfolio import Portfolio
from post65.report import (
    SCHEME_CRITERIA,
    SECTION_NAMES,
    DisposedBasis,
    Report,
    ReportMeasure,
    page_count,
)
from post65.rulebook import Context, Outcome, Result, Rule, Severity, Text, Texts, rule

__all__: list[str] = []

SOURCE = "regelverk-a-2023"
KINDS = ("portfolio", "report")


def _place(county: str, name: str) -> str:
    return f"{county} {name}" if name else county


def _kr(value: Decimal) -> str:
    return format_amount(nok(value))


# --------------------------------------------------------------------------------------------
# P65-6.1


@attrs.frozen
class _Dated:
    id: str
    inside: bool


def _dated_measures(doc: Portfolio | Report) -> list[_Dated]:
    if isinstance(doc, Portfolio):
        return [_Dated(m.id, m.period.overlaps_year(doc.year)) for m in doc.measures]
    return [
        _Dated(m.id, m.period.overlaps_year(doc.year))
        for _, _, m in doc.measures()
        if m.period is not None
    ]


def _measure_count(doc: Portfolio | Report) -> int:
    if isinstance(doc, Portfolio):
        return len(doc.measures) + len(doc.b_measures) + len(doc.c_measures)
    return sum(1 for _ in doc.measures())


def _scheme_coverage(doc: Report) -> tuple[list[str], list[str]]:
    """What is wrong with the report's parts per scheme (bokmål, English): a scheme missing
    or given twice."""
    seen = [part.scheme for part in doc.schemes]
    nb: list[str] = []
    en: list[str] = []
    missing = [s.value for s in SchemeId if s not in seen]
    twice = [s.value for s in SchemeId if seen.count(s) > 1]
    if missing:
        nb.append("rapporten mangler en del for ordning " + ", ".join(missing))
        en.append("the report lacks a part for scheme " + ", ".join(missing))
    if twice:
        nb.append("rapporten har mer enn én del for ordning " + ", ".join(twice))
        en.append("the report has more than one part for scheme " + ", ".join(twice))
    return nb, en


@rule(
    "P65-6.1",
    scheme="p65",
    severity=Severity.ERROR,
    subject="report",
    kinds=KINDS,
    title=Text(
        "Én rapport per fylke og år, for ordning a, b og c sammen",
        "One report per county and year, covering schemes a, b and c together",
    ),
    citation=Citation(
        SOURCE,
        "6",
        "Ordning a, b og c på post 65 rapporterer sammen. Fylkeskommunen må hvert år levere en "
        "kortfattet rapport til departementet",
    ),
)
def p65_6_1(doc: Portfolio | Report, ctx: Context) -> Iterator[Result]:
    """§6: «Ordning a, b og c på post 65 rapporterer sammen. Fylkeskommunen må hvert år levere en
    kortfattet rapport til departementet …»

    A portfolio or a report is one county's one year: it covers schemes a, b and c together (it
    gives the split between them; a report also has one part for each scheme, neither missing
    nor repeated) and holds only measures that run in its year.
    """
    text = Texts()
    try:
        name = ctx.register.county(doc.county).name
    except UnknownCounty:
        name = ""
    outside = sorted(m.id for m in _dated_measures(doc) if not m.inside)
    count = _measure_count(doc)
    values = {"county": doc.county, "year": str(doc.year), "measures": str(count)}
    wrong_nb: list[str] = []
    wrong_en: list[str] = []
    if doc.split is None:
        wrong_nb.append(
            "fordelingen mellom ordning a, b og c mangler, så rapporten dekker ikke "
            "de tre ordningene sammen"
        )
        wrong_en.append(
            "the split between schemes a, b and c is missing, so the report does not "
            "cover the three schemes together"
        )
    if isinstance(doc, Report):
        nb, en = _scheme_coverage(doc)
        wrong_nb += nb
        wrong_en += en
        values["schemes"] = ",".join(part.scheme.value for part in doc.schemes)
    if outside:
        listed = ", ".join(outside[:6]) + (" …" if len(outside) > 6 else "")
        values["outside_year"] = ", ".join(outside)
        wrong_nb.append(f"{len(outside)} tiltak ligger utenfor {doc.year} ({listed})")
        wrong_en.append(f"{len(outside)} measures lie outside {doc.year} ({listed})")
    if wrong_nb:
        yield Result(
            "",
            Outcome.NOT_MET,
            text(
                f"Årsrapporten for {_place(doc.county, name)} {doc.year}: "
                + "; ".join(wrong_nb)
                + ".",
                f"The yearly report for {_place(doc.county, name)} {doc.year}: "
                + "; ".join(wrong_en)
                + ".",
            ),
            values,
        )
    else:
        yield Result(
            "",
            Outcome.MET,
            text(
                f"Én rapport for {_place(doc.county, name)} {doc.year}, ordning a, b og c sammen; "
                f"{count} tiltak i året.",
                f"One report for {_place(doc.county, name)} {doc.year}, schemes a, b and c "
                f"together; {count} measures in the year.",
            ),
            values,
        )


# --------------------------------------------------------------------------------------------
# P65-6.2


def _disposed(doc: Portfolio | Report) -> tuple[Decimal | None, str, str]:
    """The funds disposed in the year, and what they are (bokmål, English)."""
    received_nb = f"midler mottatt for bevilgningsår {doc.year}"
    received_en = f"funds received for appropriation year {doc.year}"
    if isinstance(doc, Report):
        amount: pint.Quantity[Decimal] | None = doc.disposed
        if doc.disposed_basis is DisposedBasis.FRAME:
            return (None if amount is None else kroner(amount)), "rammen", "the frame"
        return (None if amount is None else kroner(amount)), received_nb, received_en
    if doc.frame is not None:
        return kroner(doc.frame), "rammen", "the frame"
    receipts = [kroner(r.amount) for r in doc.funds.received if r.appropriation_year == doc.year]
    return (sum(receipts, Decimal(0)) if receipts else None), received_nb, received_en


@rule(
    "P65-6.2",
    scheme="p65",
    severity=Severity.ERROR,
    subject="report",
    kinds=KINDS,
    title=Text(
        "Fordelingen mellom ordning a, b og c, med begrunnelse, summerer til midlene disponert",
        "The split between schemes a, b and c, justified, sums to the funds disposed",
    ),
    citation=Citation(
        SOURCE, "6", "Fordeling av midler mellom ordning a, b og c på post 65 med begrunnelse"
    ),
)
def p65_6_2(doc: Portfolio | Report, ctx: Context) -> Iterator[Result]:
    """§6 a: «Fordeling av midler mellom ordning a, b og c på post 65 med begrunnelse»

    The split is given; a + b + c equals the funds disposed (a portfolio's ``frame``, or failing
    that the funds received for its appropriation year, all schemes; a report's ``disposed``);
    the justification is not empty. Funds disposed unknown → ``undetermined`` (if nothing else
    is wrong).
    """
    text = Texts()
    split: Split | None = doc.split
    if split is None:
        yield Result(
            "/split",
            Outcome.NOT_MET,
            text(
                "Fordelingen av midlene mellom ordning a, b og c mangler.",
                "The split of the funds between schemes a, b and c is missing.",
            ),
        )
        return
    parts = {"a": kroner(split.a), "b": kroner(split.b), "c": kroner(split.c)}
    total = sum(parts.values(), Decimal(0))
    values = {k: amount_to_str(nok(v)) for k, v in parts.items()}
    values["total"] = amount_to_str(nok(total))
    disposed, basis_nb, basis_en = _disposed(doc)
    wrong_nb: list[str] = []
    wrong_en: list[str] = []
    negative = [k for k, v in parts.items() if v < 0]
    if negative:
        wrong_nb.append("negativt beløp for ordning " + ", ".join(negative))
        wrong_en.append("a negative amount for scheme " + ", ".join(negative))
    if disposed is not None:
        values["disposed"] = amount_to_str(nok(disposed))
        if total != disposed:
            wrong_nb.append(
                f"a + b + c = {_kr(total)} avviker fra midlene disponert, {_kr(disposed)} "
                f"({basis_nb})"
            )
            wrong_en.append(
                f"a + b + c = {_kr(total)} differs from the funds disposed, {_kr(disposed)} "
                f"({basis_en})"
            )
    if is_blank(split.justification):
        wrong_nb.append("begrunnelsen mangler")
        wrong_en.append("the justification is missing")
    if wrong_nb:
        yield Result(
            "/split",
            Outcome.NOT_MET,
            text(
                "Fordelingen: " + "; ".join(wrong_nb) + ".",
                "The split: " + "; ".join(wrong_en) + ".",
            ),
            values,
        )
    elif disposed is None:
        field = "disposed" if isinstance(doc, Report) else "frame"
        yield Result(
            "/split",
            Outcome.UNDETERMINED,
            text(
                f"Fordelingen a + b + c = {_kr(total)} er begrunnet, men midlene disponert er "
                f"ukjent: oppgi {field} eller midler mottatt for {doc.year}.",
                f"The split a + b + c = {_kr(total)} is justified, but the funds disposed are "
                f"unknown: give {field} or the funds received for {doc.year}.",
            ),
            values,
        )
    else:
        yield Result(
            "/split",
            Outcome.MET,
            text(
                f"a {_kr(parts['a'])}, b {_kr(parts['b'])}, c {_kr(parts['c'])}: til sammen "
                f"{_kr(total)} = {basis_nb}; begrunnet.",
                f"a {_kr(parts['a'])}, b {_kr(parts['b'])}, c {_kr(parts['c'])}: in total "
                f"{_kr(total)} = {basis_en}; justified.",
            ),
            values,
        )


# --------------------------------------------------------------------------------------------
# P65-6.3


@attrs.frozen
class _Described:
    """What P65-6.3 looks at in one measure."""

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


def _described(doc: Portfolio | Report) -> list[_Described]:
    if isinstance(doc, Report):
        return [_report_measure(where, s, m) for where, s, m in doc.measures()]
    out = [
        _Described(f"/measures/{i}", SchemeId.A, not is_blank(m.description), m.criteria.recorded)
        for i, m in enumerate(doc.measures)
    ]
    out += [
        _Described(
            f"/b_measures/{i}",
            SchemeId.B,
            not is_blank(m.description),
            any(not is_blank(c.description) for c in m.contributions),
        )
        for i, m in enumerate(doc.b_measures)
    ]
    out += [
        _Described(
            f"/c_measures/{i}",
            SchemeId.C,
            not is_blank(m.description),
            any(not is_blank(c.description) for c in m.contributions),
        )
        for i, m in enumerate(doc.c_measures)
    ]
    return out


_CRITERIA_NAMES = {
    SchemeId.A: Text("§2", "§2"),
    SchemeId.B: Text(
        "utviklingskapasitet; attraktivitet for bosetting og næringsliv",
        "development capacity; attractiveness for settlement and business",
    ),
    SchemeId.C: Text(
        "utviklingskapasitet, kompetanse for næringsutvikling, arbeidsplasser",
        "development capacity, competence for business development, jobs",
    ),
}


@rule(
    "P65-6.3",
    scheme="p65",
    severity=Severity.ERROR,
    subject="report",
    kinds=KINDS,
    title=Text(
        "Tiltakene som er gjennomført, og hvordan hvert bidrar til sin ordnings kriterier",
        "The measures carried out, and how each contributes to its scheme's criteria",
    ),
    citation=Citation(
        SOURCE,
        "6",
        "Tiltak gjennomført og hvordan disse bidrar til å oppnå kriteriene for måloppnåelse for "
        "de respektive ordningene.",
    ),
)
def p65_6_3(doc: Portfolio | Report, ctx: Context) -> Iterator[Result]:
    """§6 b: «Tiltak gjennomført og hvordan disse bidrar til å oppnå kriteriene for måloppnåelse
    for de respektive ordningene.»

    Every measure of every scheme says what was carried out (``description``) and how it
    contributes to its own scheme's criteria: scheme a the §2 criteria (tasks solved in new ways,
    community planning, plans developed or renewed); scheme b development capacity and
    attractiveness; scheme c development capacity, competence for business development and jobs.
    In a report a contribution to another scheme's criteria does not count. A document with no
    measures describes none.
    """
    text = Texts()
    found = _described(doc)
    if not found:
        yield Result(
            "/schemes" if isinstance(doc, Report) else "/measures",
            Outcome.NOT_MET,
            text(
                "Rapporten beskriver ingen gjennomførte tiltak i noen av ordningene.",
                "The report describes no measures carried out in any of the schemes.",
            )
            if isinstance(doc, Report)
            else text(
                "Porteføljen beskriver ingen gjennomførte tiltak.",
                "The portfolio describes no measures carried out.",
            ),
            {"measures": "0"},
        )
        return
    for d in found:
        scheme = d.scheme.value
        values = {
            "scheme": scheme,
            "description": "yes" if d.described else "no",
            "criteria": "yes" if d.contributes else "no",
        }
        if d.described and d.contributes:
            yield Result(
                d.subject,
                Outcome.MET,
                text(
                    "Beskriver hva som er gjennomført og bidraget til kriteriene for "
                    f"ordning {scheme}.",
                    "Describes what was carried out and its contribution to scheme "
                    f"{scheme}'s criteria.",
                ),
                values,
            )
            continue
        missing_nb = []
        missing_en = []
        if not d.described:
            missing_nb.append("hva som er gjennomført")
            missing_en.append("what was carried out")
        if not d.contributes:
            names = _CRITERIA_NAMES[d.scheme]
            missing_nb.append(
                f"hvordan tiltaket bidrar til kriteriene for ordning {scheme} ({names.nb})"
            )
            missing_en.append(
                f"how the measure contributes to scheme {scheme}'s criteria ({names.en})"
            )
        note_nb = note_en = ""
        if d.elsewhere:
            note_nb = " (bidragene som er oppgitt, gjelder kriteriene for en annen ordning)"
            note_en = " (the contributions given are to another scheme's criteria)"
        yield Result(
            d.subject,
            Outcome.NOT_MET,
            text(
                "Rapporten mangler " + " og ".join(missing_nb) + note_nb + ".",
                "The report lacks " + " and ".join(missing_en) + note_en + ".",
            ),
            values,
        )


# --------------------------------------------------------------------------------------------
# P65-6.4


@rule(
    "P65-6.4",
    scheme="p65",
    severity=Severity.ERROR,
    subject="report",
    kinds=("report",),
    title=Text(
        "Rapporten er høyst 3 sider etter sidemodellen",
        "The report is at most 3 pages under the page model",
    ),
    citation=Citation(SOURCE, "6", "Rapporten skal ikke overskride 3 sider."),
)
def p65_6_4(doc: Report, ctx: Context) -> Iterator[Result]:
    """§6: «Rapporten skal ikke overskride 3 sider.»

    The report is counted under the standard measure (:data:`~post65.layout.STANDARD`, in the
    report's own language): the lines of its text rendering, wrapped at 90 characters, cut into
    pages of 50 lines. A report that declares another page model (its ``page_model``) is still
    counted by the standard measure, so that it cannot certify itself, and the message says so
    (``values`` then hold ``declared_width`` and ``declared_lines_per_page``). At most
    ``p65.report_max_pages`` (3) pages is ``met``; more is ``not_met``, and the message names
    the longest sections with their line counts.
    """
    model = STANDARD
    count = page_count(doc, model=model)
    limit = ctx.param("p65.report_max_pages")
    longest = count.longest(3)
    values = {
        "pages": str(count.pages),
        "lines": str(count.lines),
        "width": str(model.width),
        "lines_per_page": str(model.lines_per_page),
        "lang": doc.lang.value,
        "sections": ", ".join(f"{k}={n}" for k, n in count.by_section),
        "longest": ", ".join(f"{k}={n}" for k, n in longest),
    }
    model_nb, model_en = model.describe()
    declared = doc.page_model
    if declared.is_standard:
        by_nb, by_en = f"sidemodellen ({model_nb})", f"the page model ({model_en})"
    else:  # the report's own model is named, never used: a report cannot certify itself
        values["declared_width"] = str(declared.width)
        values["declared_lines_per_page"] = str(declared.lines_per_page)
        declared_nb, declared_en = declared.describe()
        by_nb = (
            f"standardmålet ({model_nb}), ikke etter sidemodellen rapporten selv oppgir "
            f"({declared_nb})"
        )
        by_en = (
            f"the standard measure ({model_en}), not under the page model the report declares "
            f"({declared_en})"
        )
    measured_nb = (
        f"{count.pages} {'side' if count.pages == 1 else 'sider'} ({count.lines} linjer) etter "
        f"{by_nb}"
    )
    measured_en = (
        f"{count.pages} {'page' if count.pages == 1 else 'pages'} ({count.lines} lines) under "
        f"{by_en}"
    )
    if limit is None:
        yield Result(
            "",
            Outcome.UNDETERMINED,
            Text(
                f"Rapporten er {measured_nb}, men parameteren p65.report_max_pages er ikke kjent.",
                f"The report is {measured_en}, but the parameter p65.report_max_pages is not "
                "known.",
            ),
            values,
        )
        return
    values["max_pages"] = str(limit)
    if count.pages <= limit:
        yield Result(
            "",
            Outcome.MET,
            Text(
                f"Rapporten er {measured_nb}, innenfor {limit} sider.",
                f"The report is {measured_en}, within {limit} pages.",
            ),
            values,
        )
        return

    def named(lang: Lang) -> str:
        return ", ".join(
            f"{SECTION_NAMES[k](lang) if k in SECTION_NAMES else k} ({n} "
            f"{'linjer' if lang == 'nb' else 'lines'})"
            for k, n in longest
        )

    yield Result(
        "",
        Outcome.NOT_MET,
        Text(
            f"Rapporten er {measured_nb}, mer enn {limit} sider. Lengste deler: {named('nb')}.",
            f"The report is {measured_en}, more than {limit} pages. Longest sections: "
            f"{named('en')}.",
        ),
        values,
    )


RULES: tuple[Rule, ...] = (
    p65_6_1,
    p65_6_2,
    p65_6_3,
    p65_6_4,
)
"""The rules of this module, in the order of the law."""
