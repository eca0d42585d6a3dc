"""``post65 report``: render the yearly report from a ``portfolio`` or ``report`` document and
check it (P65-6.*).

The report goes to stdout or ``--output FILE`` (Markdown by default, or plain text, one HTML page,
the typeset A4 PDF with ``--format pdf`` and the ``post65[pdf]`` extra, or with ``--format json``
the ``report`` document itself, so a county can store it and write its judgement into it); the
findings that are not met go to stderr. ``--logo``, ``--header`` and ``--contact`` give the PDF
the county's own look; ``--date`` is the date the report is made (default today, or a stored
report's own). Exit 1 when an error rule is not
met (for instance more than 3 pages), 2 when the input cannot be used.

``--width`` (40 to 200 characters a line) and ``--lines-per-page`` (20 to 100) change the page
model the text is rendered in, never what P65-6.4 counts (the pages of the typeset A4 PDF); when
the plain text (``--format text``, the one format the model shapes) is rendered in another model
than the standard one (90 characters, 50 lines), a note on stderr says so.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Final

from post65.cli._options import (
    Problems,
    add_parameter_arguments,
    add_reading_arguments,
    add_selection_arguments,
    document_and_options,
)
from post65.cli._output import EXIT_NOT_MET, EXIT_OK, label, msg, visible, write

if TYPE_CHECKING:
    import datetime as dt

    from post65.errors import Lang
    from post65.layout import PageModel
    from post65.rulebook import CheckResult

__all__ = ["add", "not_met_lines", "run"]

_MODEL_FORMATS: Final = ("text",)
"""The formats rendered in the text page model (:func:`post65.layout.render` wraps and pages
only the plain text; Markdown and HTML are the same in every model, the PDF has none, JSON is the
document): only these get the note that the model is not the standard one."""


def not_met_lines(result: CheckResult, lang: Lang) -> list[str]:
    """One line per finding that is not met: rule, outcome, severity, subject and message."""
    from post65.rulebook import Outcome

    outcome = label(Outcome.NOT_MET, lang)
    return [
        f"{f.rule} {outcome} ({label(f.severity, lang)}) {f.subject or '/'}: {f.message(lang)}"
        for f in result.findings
        if f.outcome is Outcome.NOT_MET
    ]


def run(args: argparse.Namespace) -> int:
    """Render the report in ``--format`` on stdout; the findings not met on stderr."""
    import datetime as dt
    import json

    import attrs

    from post65.errors import InvalidInput, Problem
    from post65.io import kind_of, read_text, to_json
    from post65.layout import PageModel, option_problem
    from post65.portfolio import Portfolio
    from post65.report import Report, ReportLanguage, build_report, render_report
    from post65.report.render import with_pages
    from post65.rules import check

    lang: Lang = args.lang
    problems = Problems()  # every problem of the options and the document at once
    problems.items += [
        p
        for name, option, value in (
            ("width", "--width", args.width),
            ("lines_per_page", "--lines-per-page", args.lines_per_page),
        )
        if value is not None and (p := option_problem(name, value, option)) is not None
    ]
    document, index, selection, parameters = document_and_options(args, problems)
    if not isinstance(document, (Portfolio, Report)):
        raise InvalidInput(
            [Problem("/kind", msg("cli.report.wrong_kind", kind=kind_of(document)))],
            source=args.file,
        )
    judgement = None if args.judgement is None else read_text(args.judgement)
    if isinstance(document, Portfolio):
        report = build_report(
            document,
            judgement=judgement,
            index=index,
            selection=selection,
            lang=lang,
            parameters=parameters,
        )
    else:
        if index is not None or selection is not None:
            raise InvalidInput([Problem("--index", msg("cli.report.stored_has_figures"))])
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
    look = None
    if args.format == "pdf":
        from post65.report import make_look

        look = make_look(args.logo, header=args.header, contact=args.contact)
    elif args.logo is not None or args.header is not None or args.contact is not None:
        raise InvalidInput([Problem("--format", msg("cli.report.look_needs_pdf"))])
    made = args.date if args.date is not None else (report.made or dt.date.today())
    report = with_pages(attrs.evolve(report, made=made))
    result = check(report, parameters=parameters)
    if args.format == "json":
        _emit(json.dumps(to_json(report), ensure_ascii=False, indent=2) + "\n", args.output)
    elif args.format == "pdf":
        _emit(render_report(report, "pdf", look=look), args.output)
    else:
        _emit(render_report(report, args.format), args.output)
    for line in not_met_lines(result, lang):
        sys.stderr.write(visible(line) + "\n")  # a finding may quote the document's text
    if args.format in _MODEL_FORMATS and not report.page_model.is_standard:
        sys.stderr.write(_non_standard_note(report.page_model, lang) + "\n")
    return EXIT_OK if result.passed else EXIT_NOT_MET


def _emit(content: str | bytes, output: str | None) -> None:
    """``content`` to the file ``output`` (written whole, or not at all), or to stdout (a PDF
    only when stdout is not a terminal)."""
    from post65.errors import InvalidInput, Problem

    if output is not None:
        from post65.cli._desk import write_file

        write_file(
            output, content.encode("utf-8") if isinstance(content, str) else content, "--output"
        )
        return
    if isinstance(content, str):
        write(content)
        return
    if sys.stdout.isatty():
        raise InvalidInput([Problem("--output", msg("cli.report.pdf_to_terminal"))])
    sys.stdout.flush()
    sys.stdout.buffer.write(content)
    sys.stdout.buffer.flush()


def _date(text: str) -> dt.date:
    import datetime as dt

    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(text) from None  # told «invalid value for --date DATE»


def _non_standard_note(model: PageModel, lang: Lang) -> str:
    """The note that the text was rendered in a page model other than the standard one."""
    from post65.layout import STANDARD

    return msg(
        "cli.report.non_standard",
        width=model.width,
        lines=model.lines_per_page,
        standard_width=STANDARD.width,
        standard_lines=STANDARD.lines_per_page,
    )(lang)


def _whole(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(text) from None  # told «invalid value for --width N»


def add(p: argparse.ArgumentParser) -> None:
    """Add the arguments of the ``report`` subcommand to its parser ``p``."""
    p.description = (
        "Render the yearly post 65 report (§6: schemes a, b and c together, at most 3 pages) "
        "from a portfolio or report document and check it (P65-6.4 counts the pages of its "
        "typeset A4 PDF). The "
        "findings that are not met go to stderr. Exit 0: no error rule is not met; 1: at "
        "least one is (for instance more than 3 pages); 2: the input cannot be used."
    )
    p.add_argument("file", metavar="FILE", help="a portfolio or report document (JSON)")
    p.add_argument(
        "--format",
        choices=("markdown", "html", "text", "json", "pdf"),
        default="markdown",
        help="markdown (default), html (one page, print CSS for A4), text, json (the report "
        "document), or pdf (typeset on A4; needs the post65[pdf] extra)",
    )
    p.add_argument(
        "--output",
        metavar="FILE",
        help="write the report to FILE instead of stdout (a PDF to a terminal is refused)",
    )
    p.add_argument(
        "--date",
        type=_date,
        metavar="YYYY-MM-DD",
        help="the date the report is made, shown on every page of the PDF (default: a stored "
        "report's own, else today)",
    )
    p.add_argument(
        "--logo",
        metavar="FILE",
        help="pdf: the county's logo (PNG or JPEG, at most 2 MB), top right of every page",
    )
    p.add_argument(
        "--header",
        metavar="TEXT",
        help="pdf: a header text under the sender on every page (at most 2 lines)",
    )
    p.add_argument(
        "--contact",
        metavar="TEXT",
        help="pdf: the county's contact block in the footer of every page (at most 3 lines; "
        "a line break or \\n starts a new line)",
    )
    p.add_argument(
        "--width",
        type=_whole,
        metavar="N",
        help="text page model: characters a line, 40 to 200 (default the document's, else 90); "
        "P65-6.4 counts the pages of the typeset PDF",
    )
    p.add_argument(
        "--lines-per-page",
        type=_whole,
        metavar="N",
        help="text page model: lines a page, 20 to 100 (default the document's, else 50); "
        "P65-6.4 counts the pages of the typeset PDF",
    )
    p.add_argument(
        "--judgement",
        metavar="FILE",
        help="a UTF-8 text file with the county's own judgement (blank lines part paragraphs)",
    )
    add_selection_arguments(p)
    add_reading_arguments(p)
    add_parameter_arguments(p)
    p.set_defaults(func=run)
