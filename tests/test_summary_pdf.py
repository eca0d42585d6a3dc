"""The national summary as a typeset A4 PDF (issue 13 point 6): ``summarise --format pdf``."""

from __future__ import annotations

import io
import re
import sys
from decimal import Decimal
from pathlib import Path

import attrs
import pypdf
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from post65.cli import main
from post65.io import load
from post65.layout import Paragraph, Section, Table
from post65.money import nok
from post65.report import Report
from post65.report.metrics import face
from post65.report.typeset import (
    BODY_BOTTOM,
    BODY_TOP,
    LEFT,
    RIGHT,
    Box,
    Drawing,
    Rule,
    Text,
    typeset,
)
from post65.summary import render_summary, summarise_files, summarise_reports
from post65.summary.page import COLOURS
from post65.summary.pdf import split_drawing, summary_sections

ROOT = Path(__file__).resolve().parent.parent
FILES = sorted((ROOT / "examples" / "reports-2024").glob("*.report.json"))
A4 = (595.2756, 841.8898)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def reports() -> list[tuple[str, Report]]:
    return [(p.name, load(p, kind="report")) for p in FILES]


def pages_text(data: bytes) -> list[str]:
    """Each page's text, white space (line breaks, no-break spaces) made single spaces."""
    reader = pypdf.PdfReader(io.BytesIO(data))
    return [re.sub(r"\s+", " ", p.extract_text().replace("\xa0", " ")) for p in reader.pages]


def test_the_cli_writes_an_a4_pdf_with_every_county_and_the_missing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out = tmp_path / "summary.pdf"
    code, stdout, err = run(
        capsys, "summarise", *map(str, FILES), "--format", "pdf", "--output", str(out)
    )
    assert (code, stdout, err) == (0, "", "")
    data = out.read_bytes()
    reader = pypdf.PdfReader(io.BytesIO(data))
    n = len(reader.pages)
    assert n >= 1
    for page in reader.pages:
        assert (float(page.mediabox.width), float(page.mediabox.height)) == pytest.approx(A4)
    texts = pages_text(data)
    for k, text in enumerate(texts, start=1):
        assert f"Side {k} av {n}" in text
        assert "Post 65: nasjonalt sammendrag 2024" in text
        assert "Kommunal- og distriktsdepartementet" not in text
    whole = " ".join(texts)
    summary = summarise_reports(reports())
    for c in summary.counties:
        assert f"{c.fylkesnummer} {c.name}" in whole
    assert "Mangler:" in whole
    assert summary.missing
    for nr, name in summary.missing:
        assert f"{nr} {name}" in whole
    # the chart: its title, the legend and Nordland's split a in millions
    assert "Fordelingen mellom ordning a, b og c per fylke" in whole
    assert "Ordning a Ordning b Ordning c" in whole
    assert "9,0 mill. kr" in whole
    assert reader.metadata is not None
    assert str(reader.metadata["/CreationDate"]).startswith("D:20241231")
    assert str(reader.metadata["/Author"]) == "post65"


def test_the_example_pdf_is_fresh(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """If this fails: ``post65 summarise examples/reports-2024/*.json --format pdf --output
    examples/summary-2024.pdf`` from the repository's root."""
    monkeypatch.chdir(ROOT)
    out = tmp_path / "summary.pdf"
    relative = [str(p.relative_to(ROOT)) for p in FILES]
    code, _, err = run(capsys, "summarise", *relative, "--format", "pdf", "--output", str(out))
    assert code == 0, err
    assert out.read_bytes() == (ROOT / "examples" / "summary-2024.pdf").read_bytes()


def test_the_same_summary_gives_the_same_bytes(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    first, second = tmp_path / "1.pdf", tmp_path / "2.pdf"
    for out in (first, second):
        run(capsys, "summarise", *map(str, FILES), "--format", "pdf", "--output", str(out))
    assert first.read_bytes() == second.read_bytes()
    summary = summarise_files([str(p) for p in FILES])
    assert render_summary(summary, "pdf") == first.read_bytes()
    assert render_summary(summary, "pdf", "en") != first.read_bytes()


@pytest.mark.parametrize(
    ("lang", "header", "page"),
    [
        ("nn", "Post 65: nasjonalt samandrag 2024", "Side 1 av"),
        ("en", "Post 65: national summary 2024", "Page 1 of"),
    ],
)
def test_nynorsk_and_english(lang: str, header: str, page: str) -> None:
    data = render_summary(summarise_reports(reports()), "pdf", lang)  # type: ignore[arg-type]
    assert isinstance(data, bytes)
    first = pages_text(data)[0]
    assert header in first
    assert page in first


def test_pdf_without_output_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "summarise", *map(str, FILES), "--format", "pdf")
    assert (code, out) == (2, "")
    assert "--output" in err


def test_without_reportlab_exit_2_names_the_extra(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "reportlab", None)  # import reportlab raises ImportError
    out = tmp_path / "s.pdf"
    code, _, err = run(
        capsys, "summarise", *map(str, FILES), "--format", "pdf", "--output", str(out)
    )
    assert code == 2
    assert "pip install 'post65[pdf]'" in err
    assert not out.exists()


def test_the_chart_has_a_bar_per_county_in_the_html_colours() -> None:
    summary = summarise_reports(reports())
    drawing = split_drawing(summary)
    boxes = [op for op in drawing.ops if isinstance(op, Box)]
    *bars, key_a, key_b, key_c = boxes
    assert [k.fill for k in (key_a, key_b, key_c)] == list(COLOURS)
    segments = sum(1 for c in summary.counties for f in c.schemes if (f.split or 0) > 0)
    assert len(bars) == segments
    assert {b.fill for b in bars} <= set(COLOURS)
    # the bars are in proportion to the split, the largest the longest
    by_row: dict[float, float] = {}
    for b in bars:
        by_row[b.y] = by_row.get(b.y, 0.0) + b.width
    largest = max(sum(f.split or Decimal(0) for f in c.schemes) for c in summary.counties)
    nordland = next(c for c in summary.counties if c.name == "Nordland")
    a = next(b for b in bars if b.fill == COLOURS[0] and b.x == bars[0].x and b.y == bars[0].y)
    assert a.width / max(by_row.values()) == pytest.approx(
        float(nordland.schemes[0].split or 0) / float(largest)
    )


split_amounts = st.lists(
    st.integers(min_value=0, max_value=400_000_000), min_size=3, max_size=3
).map(tuple)


@settings(max_examples=25, deadline=None)
@given(st.sets(st.integers(0, len(FILES) - 1), min_size=1), st.data())
def test_the_chart_stays_inside_the_body(chosen: set[int], data: st.DataObject) -> None:
    """Whatever the counties and their split, every op of every page lies inside the body."""
    splits = {i: data.draw(split_amounts) for i in sorted(chosen)}
    assert_inside_the_body(splits)


def test_a_split_of_billions_stays_inside_the_body() -> None:
    assert_inside_the_body({0: (4 * 10**9, 3 * 10**9, 5 * 10**9), 2: (1, 0, 0)})


def assert_inside_the_body(splits: dict[int, tuple[int, ...]]) -> None:
    chosen_reports = []
    loaded = reports()
    for i, amounts in splits.items():
        name, report = loaded[i]
        assert report.split is not None
        a, b, c = (nok(Decimal(x)) for x in amounts)
        split = attrs.evolve(report.split, a=a, b=b, c=c)
        chosen_reports.append((name, attrs.evolve(report, split=split)))
    summary = summarise_reports(chosen_reports)
    laid = typeset("T", summary_sections(summary))
    for ops in laid.page_ops:
        for op in ops:
            if isinstance(op, Rule):
                assert LEFT - 0.01 <= op.x1 <= op.x2 <= RIGHT + 0.01
                continue
            assert BODY_BOTTOM - 0.01 <= op.y <= BODY_TOP + 0.01
            assert op.x >= LEFT - 0.01
            if isinstance(op, Box):
                assert op.x + op.width <= RIGHT + 0.01
                assert op.y + op.height <= BODY_TOP + 0.01
            else:
                assert op.x + face(op.bold).width(op.text, op.size) <= RIGHT + 0.01, op.text


def test_a_drawing_that_does_not_fit_moves_whole_to_the_next_page() -> None:
    filler = Section("s", "Del", (Paragraph("Tekst. " * 700),))
    drawing = Drawing("d", 300.0, (Box(0.0, 0.0, 10.0, 300.0, "#000000"),))
    laid = typeset("T", [filler, drawing])
    assert laid.pages == 2
    (box,) = [op for op in laid.page_ops[1] if isinstance(op, Box)]
    assert box.y + box.height <= BODY_TOP
    assert box.x == LEFT
    assert not any(isinstance(op, Box) for op in laid.page_ops[0])


def test_keep_starts_a_section_that_fits_on_a_new_page_instead_of_splitting_it() -> None:
    filler = Section("s", "Del", (Paragraph("Tekst. " * 520),))
    rows = tuple((f"rad {i}", f"{i} kr") for i in range(12))
    short = Section("t", "Fylke", (Paragraph("Ramme."), Table(("Tall", "Sum"), rows)))

    def texts(laid_pages: tuple[tuple[object, ...], ...]) -> list[set[str]]:
        return [{op.text for op in ops if isinstance(op, Text)} for ops in laid_pages]

    split = texts(typeset("T", [filler, short]).page_ops)
    kept = texts(typeset("T", [filler, short], keep=True).page_ops)
    assert "Fylke" in split[0]
    assert "rad 11" in split[1]  # without keep the section runs over two pages
    assert "Fylke" not in kept[0]
    assert {"Fylke", "Ramme.", "rad 0", "rad 11"} <= kept[1]
    # a section longer than a page is set as before
    long = Section("l", "Lang", (Paragraph("Tekst. " * 2000),))
    assert typeset("T", [filler, long], keep=True) == typeset("T", [filler, long])
