"""The yearly post 65 report (§6 of scheme a): built from the portfolio, rendered, page-counted.

A package: :mod:`~post65.report.document` (the ``report`` kind and its validation),
:mod:`~post65.report.build` (:func:`build_report`) and :mod:`~post65.report.render` (sections,
page count, Markdown, text and HTML); every name is importable from ``post65.report``.

§6 of the scheme a regulation: «Ordning a, b og c på post 65 rapporterer sammen.
Fylkeskommunen må hvert år levere en kortfattet rapport til departementet», describing the split
of the funds between a, b and c with its justification and the measures carried out and how they
contribute to each scheme's criteria; «Rapporten skal ikke overskride 3 sider.»

:func:`build_report` makes a :class:`Report` from a :class:`~post65.portfolio.Portfolio`: the
split and its justification; per scheme the measures carried out and how each contributes to
that scheme's criteria; the §2 figures of scheme a computed from the data (distinct target-group
municipalities that benefited, plans developed or renewed by name, tasks solved in new ways);
per scheme the money received, spent and carried over and the administration cost share (from
the ledger's statement for the year); and the county's own judgement, which the county writes.

A report is also the ``report`` document kind: its JSON holds everything it shows, so a stored
report (say, with the judgement edited in) can be rendered and checked on its own, and the figures
the ministry compares across counties (:mod:`~post65.report.figures`: ``by_use``,
``by_municipality``, ``target_municipalities``, ``state_actors``, ``jobs``, …). It records the
language it is written in (bokmål, nynorsk or English), the date it was made, and the pages of
its typeset PDF. :func:`render_report` renders it as Markdown, plain text, one HTML page with
print CSS for A4, or the typeset A4 PDF (``post65[pdf]``: :mod:`~post65.report.typeset` lays the
pages out once, :mod:`~post65.report.pdf` draws them, :mod:`~post65.report.look` holds the
county's logo, header and contact); :func:`pdf_pages` counts those pages (the PDF's, or without
the extra the same layout's: never fewer); :func:`page_count` counts the lines and pages of the
text rendering under a :class:`~post65.layout.PageModel`. Rules P65-6.1 … P65-6.4
(:mod:`post65.schemes.p65.s6_report`) check it.

>>> from post65.io import load
>>> p = load('''{"kind": "portfolio", "county": "18", "year": 2024, "frame": "1000000",
...   "split": {"a": "600000", "b": "400000", "c": "0", "justification": "Behov."},
...   "b_measures": [{"id": "b1", "title": "Bulyst i Træna", "municipalities": ["1835"],
...     "granted": "400000", "description": "Møteplasser.",
...     "contributions": [{"criterion": "attractiveness", "description": "Nye møteplasser."}]}]}''')
>>> report = build_report(p, judgement="Godt år.")
>>> [s.scheme.value for s in report.schemes], report.schemes[1].measures[0].title
(['a', 'b', 'c'], 'Bulyst i Træna')
>>> report.pages
2
>>> count = page_count(report)
>>> count.pages, count.lines, count.longest(1)
(2, 78, (('split', 18),))
>>> print(render_report(report, "text").splitlines()[0])
ÅRSRAPPORT 2024, KAP. 553 POST 65: NORDLAND FYLKESKOMMUNE
"""

from __future__ import annotations

from post65.report.build import build_report
from post65.report.document import (
    SCHEME_CRITERIA,
    DisposedBasis,
    PageMeasure,
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
)
from post65.report.figures import (
    CarriedOver,
    MunicipalityAmount,
    StateActor,
    TargetMunicipalities,
    even_shares,
)
from post65.report.look import Look, make_look
from post65.report.pdf import pdf_available
from post65.report.render import (
    SECTION_NAMES,
    ReportFormat,
    page_count,
    pdf_pages,
    render_report,
    report_sections,
    typeset_report,
)
from post65.report.validation import validate_report

__all__ = [
    "SCHEME_CRITERIA",
    "SECTION_NAMES",
    "CarriedOver",
    "DisposedBasis",
    "Look",
    "MunicipalityAmount",
    "PageMeasure",
    "Report",
    "ReportContribution",
    "ReportCriterion",
    "ReportFormat",
    "ReportLanguage",
    "ReportMeasure",
    "ReportPlan",
    "ReportScheme",
    "ReportSection2",
    "SchemeFunds",
    "StateActor",
    "TargetBasis",
    "TargetMunicipalities",
    "build_report",
    "even_shares",
    "make_look",
    "page_count",
    "pdf_available",
    "pdf_pages",
    "render_report",
    "report_sections",
    "typeset_report",
    "validate_report",
]
