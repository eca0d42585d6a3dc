"""The typeset PDF report: how fast, and how its page count estimate compares with the PDF's.

Run: ``python benchmarks/report_pdf.py`` (``--corpus N``: also compare the estimate with the real
PDF page count over N generated reports, default 200; ``--rounds N``; ``--help``).

Figures follow ``benchmarks/run.py``: each is the median of interleaved rounds, printed beside
a floor measured in the same run on the same report (rendering it as HTML: the same sections,
with no layout and no PDF), and beside issue 13's absolute targets (Nordland's PDF in ≤ 1 s, a
1 000-measure report rendered in ≤ 1 s). ``layouts`` counts how many times building, checking
and rendering one report laid out its pages (issue 13: once). Nothing fails: benchmarks are not
tests.
"""

from __future__ import annotations

import argparse
import io
import sys
import time
import warnings
from pathlib import Path
from typing import Any

import attrs

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import (
    EXAMPLES,
    Figure,
    _py,
    interleaved,
    interleaved_processes,
    text_header,
    text_table,
)


def _thousand(portfolio: object) -> object:
    """The Nordland portfolio with its measures repeated to 1 000 (ids made unique)."""
    p: object = portfolio
    a, b, c = p.measures, p.b_measures, p.c_measures  # type: ignore[attr-defined]
    n_a, n_b = 600, 250
    n_c = 1_000 - n_a - n_b
    return attrs.evolve(
        p,  # type: ignore[misc]
        measures=tuple(attrs.evolve(a[i % len(a)], id=f"a{i:04d}") for i in range(n_a)),
        b_measures=tuple(attrs.evolve(b[i % len(b)], id=f"b{i:04d}") for i in range(n_b)),
        c_measures=tuple(attrs.evolve(c[i % len(c)], id=f"c{i:04d}") for i in range(n_c)),
    )


def bench(rounds: int) -> tuple[list[Figure], list[str]]:
    import post65
    from post65.report import render as render_module

    portfolio = post65.load(EXAMPLES / "nordland-2024.portfolio.json")
    judgement = (EXAMPLES / "nordland-2024.judgement.txt").read_text(encoding="utf-8")
    big = _thousand(portfolio)
    figures: list[Figure] = []
    notes: list[str] = []
    for section, p in (("Nordland (19 measures)", portfolio), ("1 000 measures", big)):

        def fresh(p: Any = p) -> Any:
            render_module._typeset.cache_clear()
            return post65.build_report(p, judgement=judgement)

        report = fresh()

        def pdf_cold(report: Any = report) -> Any:
            render_module._typeset.cache_clear()
            return post65.render_report(report, "pdf")

        def everything(p: Any = p) -> Any:
            built = fresh(p)
            post65.check(built)
            return post65.render_report(built, "pdf")

        def html(report: Any = report) -> Any:
            return post65.render_report(report, "html")

        t = interleaved(
            {
                "floor": html,
                "build": fresh,
                "pdf": pdf_cold,
                "all": everything,
            },
            rounds,
        )
        floor = f"render as HTML ({t['floor']:.3f} s)"
        render_module._typeset.cache_clear()
        everything()
        info = render_module._typeset.cache_info()
        pages = report.pages
        figures += [
            Figure(section, "build the report (lays out its pages)", t["build"], floor, t["floor"]),
            Figure(
                section,
                f"render the PDF ({pages} pages, layout anew)",
                t["pdf"],
                floor,
                t["floor"],
                target=None,
            ),
            Figure(section, "build + check + render the PDF", t["all"], floor, t["floor"]),
            Figure(section, "  the same, absolute (target ≤ 1 s)", t["all"], target=1.0),
        ]
        notes.append(f"{section}: {info.misses} layout(s) in build + check + render the PDF")
    figures.append(_command(rounds))
    return figures, notes


def _command(rounds: int) -> Figure:
    """``post65 report … --format pdf --output …`` in a fresh process, against a process that
    imports post65 and reportlab (the floor)."""
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        out = str(Path(tmp) / "rapport.pdf")
        example = str(EXAMPLES / "nordland-2024.portfolio.json")
        judgement = str(EXAMPLES / "nordland-2024.judgement.txt")
        t = interleaved_processes(
            {
                "floor": _py("import post65.report, reportlab.pdfgen.canvas"),
                "cli": [sys.executable, "-m", "post65", "report", example, "--judgement",
                        judgement, "--format", "pdf", "--output", out],
            },
            rounds,
        )  # fmt: skip
    floor = t["floor"]
    return Figure(
        "Nordland from the command line (target ≤ 1 s)",
        "post65 report … --format pdf --output FILE",
        t["cli"],
        "import post65 + reportlab",
        floor,
        target=None,
    )


def corpus(n: int) -> tuple[dict[int, int], dict[int, int]]:
    """Over ``n`` generated reports: how often estimate − PDF pages is 0, 1, …; and the PDF page
    counts."""
    import pypdf
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    import post65
    from post65 import strategies
    from post65.report import pdf_pages
    from post65.report import render as render_module

    differences: dict[int, int] = {}
    page_counts: dict[int, int] = {}

    judgements = st.none() | st.lists(
        st.text(alphabet="abcæøå ÆØÅ–«».,", min_size=0, max_size=400), max_size=30
    ).map("\n\n".join)

    @settings(
        max_examples=n,
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        derandomize=True,
    )
    @given(strategies.portfolios(min_measures=0, max_measures=80),
           st.sampled_from(["nb", "nn", "en"]), judgements)  # fmt: skip
    def one(portfolio: object, lang: str, judgement: str | None) -> None:
        report = post65.build_report(portfolio, lang=lang, judgement=judgement)  # type: ignore[arg-type]
        real = len(pypdf.PdfReader(io.BytesIO(post65.render_report(report, "pdf"))).pages)
        saved = getattr(render_module, "pdf_available")  # noqa: B009 - swapped for the test
        setattr(render_module, "pdf_available", lambda: False)  # noqa: B010
        try:
            laid, _ = pdf_pages(report)
        finally:
            setattr(render_module, "pdf_available", saved)  # noqa: B010
        d = laid.pages - real
        differences[d] = differences.get(d, 0) + 1
        page_counts[real] = page_counts.get(real, 0) + 1

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        one()
    return differences, page_counts


def _positive(text: str) -> int:
    """A whole number, at least 1."""
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is no whole number ≥ 1")
    return int(text)


def build_parser() -> argparse.ArgumentParser:
    """The options of ``python benchmarks/report_pdf.py``."""
    parser = argparse.ArgumentParser(
        prog="python benchmarks/report_pdf.py",
        description="How fast the typeset PDF report is built and rendered (the Nordland "
        "example and a 1 000-measure report, and the command line), each figure the median of "
        "interleaved rounds beside a floor (rendering the same report as HTML) and issue 13's "
        "targets; and, with --corpus, how the page count estimate compares with the PDF's.",
        allow_abbrev=False,
    )
    parser.add_argument(
        "--rounds",
        type=_positive,
        default=5,
        metavar="N",
        help="rounds of each figure (default: 5)",
    )
    parser.add_argument(
        "--corpus",
        type=_positive,
        nargs="?",
        const=200,
        default=None,
        metavar="N",
        help="also compare the estimated page count with the PDF's over N generated reports "
        "(N: 200 if not given)",
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    rounds: int = args.rounds
    start = time.perf_counter()
    figures, notes = bench(rounds)
    print(text_header())
    print(text_table(figures))
    print("\n".join(["", *notes]))
    if args.corpus is not None:
        differences, pages = corpus(args.corpus)
        total = sum(differences.values())
        spread = dict(sorted(differences.items()))
        print(f"\nestimate − PDF pages over {total} generated reports: {spread}")
        print(f"PDF page counts: {dict(sorted(pages.items()))}")
    print(f"\n({time.perf_counter() - start:.0f} s in all)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
