"""``post65 report``: render the yearly report from a ``portfolio`` or ``report`` document and
check it (P65-6.*).

The report goes to stdout (Markdown by default, or plain text, one HTML page, or with
``--format json`` the ``report`` document itself, so a county can store it and write its
judgement into it); the findings that are not met go to stderr. Exit 1 when an error rule is not
met (for instance more than 3 pages), 2 when the input cannot be used.

``--width`` (40 to 200 characters a line) and ``--lines-per-page`` (20 to 100) change the page
model the report is rendered in, never the measure P65-6.4 counts by (the standard one: 90
characters, 50 lines); when the report is rendered in another model, a note on stderr says so.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from post65.errors import InvalidInput, Lang, Problem
from post65.rules import CheckResult, Outcome

if TYPE_CHECKING:
    from post65.layout import PageModel

__all__ = ["add_report"]

EXIT_OK = 0
EXIT_NOT_MET = 1

_OUTCOME = {"nb": "ikke oppfylt", "en": "not met"}
_SEVERITY = {"nb": {"error": "feil", "advice": "råd"}, "en": {"error": "error", "advice": "advice"}}


def not_met_lines(result: CheckResult, lang: Lang) -> list[str]:
    """One line per finding that is not met: rule, outcome, severity, subject and message."""
    return [
        f"{f.rule} {_OUTCOME[lang]} ({_SEVERITY[lang][f.severity.value]}) "
        f"{f.subject or '/'}: {f.message(lang)}"
        for f in result.findings
        if f.outcome is Outcome.NOT_MET
    ]


def _cmd_report(args: argparse.Namespace) -> int:
    import attrs

    from post65.cli import parameters_from_args, write_json
    from post65.cli_allocate import selection_from_args
    from post65.io import kind_of, load, read_text, to_json
    from post65.layout import PageModel, option_problem
    from post65.portfolio import Portfolio
    from post65.report import Report, ReportLanguage, build_report, render_report
    from post65.rules import check

    lang: Lang = args.lang
    bad = [
        p
        for name, option, value in (
            ("width", "--width", args.width),
            ("lines_per_page", "--lines-per-page", args.lines_per_page),
        )
        if value is not None and (p := option_problem(name, value, option)) is not None
    ]
    if bad:
        raise InvalidInput(bad)
    document = load(args.file)
    if not isinstance(document, (Portfolio, Report)):
        raise InvalidInput(
            [
                Problem(
                    "/kind",
                    f"«post65 report» leser et «portfolio»- eller «report»-dokument, ikke "
                    f"«{kind_of(document)}»",
                    f'"post65 report" reads a "portfolio" or "report" document, not '
                    f'"{kind_of(document)}"',
                )
            ],
            source=args.file,
        )
    index, selection = selection_from_args(args)
    judgement = None if args.judgement is None else read_text(args.judgement)
    if isinstance(document, Portfolio):
        report = build_report(
            document, judgement=judgement, index=index, selection=selection, lang=lang
        )
    else:
        if index is not None or selection is not None:
            raise InvalidInput(
                [
                    Problem(
                        "--index",
                        "en lagret rapport har sine §2-tall; distriktsindeksen og utvalget "
                        "brukes bare når rapporten lages fra en portefølje",
                        "a stored report has its own §2 figures; the district index and the "
                        "selection apply only when the report is made from a portfolio",
                    )
                ]
            )
        report = attrs.evolve(document, lang=ReportLanguage(lang))
        if judgement is not None:
            report = attrs.evolve(report, judgement=judgement)
    if args.width is not None or args.lines_per_page is not None:
        model = report.page_model
        report = attrs.evolve(
            report,
            page_model=PageModel(
                width=model.width if args.width is None else args.width,
                lines_per_page=(
                    model.lines_per_page if args.lines_per_page is None else args.lines_per_page
                ),
            ),
        )
    result = check(report, parameters=parameters_from_args(args))
    if args.format == "json":
        write_json(to_json(report))
    else:
        sys.stdout.write(render_report(report, args.format))
    for line in not_met_lines(result, lang):
        sys.stderr.write(line + "\n")
    if not report.page_model.is_standard:
        sys.stderr.write(_non_standard_note(report.page_model, lang) + "\n")
    return EXIT_OK if result.passed else EXIT_NOT_MET


def _non_standard_note(model: PageModel, lang: Lang) -> str:
    """The note that the report was rendered in a page model other than the standard measure."""
    from post65.layout import STANDARD

    used_nb, used_en = model.describe()
    standard_nb, standard_en = STANDARD.describe()
    if lang == "nb":
        return (
            f"merknad: rapporten er gjengitt med en sidemodell som ikke er standardmålet "
            f"({used_nb}); sidetallet den oppgir gjelder den modellen, men P65-6.4 måler "
            f"sidene med standardmålet ({standard_nb})"
        )
    return (
        f"note: the report is rendered in a page model other than the standard measure "
        f"({used_en}); the page count it states is under that model, but P65-6.4 counts its "
        f"pages by the standard measure ({standard_en})"
    )


def _whole(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None


def add_report(sub: Any, common: argparse.ArgumentParser) -> None:
    """Add the ``report`` subcommand to the ``post65`` parser."""
    from post65.cli_allocate import add_selection_arguments

    p = sub.add_parser(
        "report",
        parents=[common],
        help="render the yearly post 65 report and check it (P65-6.*)",
        description=(
            "Render the yearly post 65 report (§6: schemes a, b and c together, at most 3 pages) "
            "from a portfolio or report document, state its page count, and check it. The "
            "findings that are not met go to stderr. Exit 0: no error rule is not met; 1: at "
            "least one is (for instance more than 3 pages); 2: the input cannot be used."
        ),
    )
    p.add_argument("file", metavar="FILE", help="a portfolio or report document (JSON)")
    p.add_argument(
        "--format",
        choices=("markdown", "html", "text", "json"),
        default="markdown",
        help="markdown (default), html (one page, print CSS for A4), text, or json (the report "
        "document)",
    )
    p.add_argument(
        "--width",
        type=_whole,
        metavar="N",
        help="page model to render in: characters a line, 40 to 200 (default the document's, "
        "else 90); P65-6.4 always counts by the standard 90",
    )
    p.add_argument(
        "--lines-per-page",
        type=_whole,
        metavar="N",
        help="page model to render in: lines a page, 20 to 100 (default the document's, else "
        "50); P65-6.4 always counts by the standard 50",
    )
    p.add_argument(
        "--judgement",
        metavar="FILE",
        help="a UTF-8 text file with the county's own judgement (blank lines part paragraphs)",
    )
    add_selection_arguments(p)
    from post65.cli import add_parameter_arguments

    add_parameter_arguments(p)
    p.set_defaults(func=_cmd_report)
