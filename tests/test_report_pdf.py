"""The typeset PDF report as a person sees it, its page count, its look, and the figures the
ministry compares (issue 13).

The PDF is read back with ``pypdf`` (the test extra): its pages, its text, its fonts.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
from decimal import Decimal
from pathlib import Path
from typing import Any, cast

import attrs
import pypdf
import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st

from post65 import load, strategies
from post65.allocation import Explicit
from post65.cli import main
from post65.errors import InvalidInput
from post65.measures import Partner, PartnerKind
from post65.money import kroner, nok, total
from post65.portfolio import Portfolio
from post65.report import (
    PageMeasure,
    Report,
    build_report,
    even_shares,
    make_look,
    pdf_pages,
    render_report,
)
from post65.report import pdf as pdf_module
from post65.report import render as render_module
from post65.report.metrics import UNITS_PER_EM, face
from post65.report.typeset import PAGE_HEIGHT, PAGE_WIDTH

ROOT = Path(__file__).parent.parent
EXAMPLE = ROOT / "examples" / "nordland-2024.portfolio.json"
JUDGEMENT = ROOT / "examples" / "nordland-2024.judgement.txt"
MADE = dt.date(2025, 2, 14)


def _portfolio() -> Portfolio:
    portfolio = load(EXAMPLE)
    assert isinstance(portfolio, Portfolio)
    return portfolio


def _report(lang: str = "nb", **kw: object) -> Report:
    judgement = JUDGEMENT.read_text(encoding="utf-8")
    return build_report(_portfolio(), judgement=judgement, lang=lang, made=MADE, **kw)  # type: ignore[arg-type]


def _pages_text(data: bytes) -> list[str]:
    return [page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages]


def _flat(text: str) -> str:
    return " ".join(text.split())


# --------------------------------------------------------------------------------------------
# What a person sees


@pytest.mark.parametrize(
    ("lang", "page", "sender"),
    [
        ("nb", "Side {n} av {total}", "Nordland fylkeskommune"),
        ("nn", "Side {n} av {total}", "Nordland fylkeskommune"),
        ("en", "Page {n} of {total}", "Nordland fylkeskommune"),
    ],
)
def test_the_pdf_is_a4_with_sender_year_date_and_page_numbers_on_every_page(
    lang: str, page: str, sender: str
) -> None:
    report = _report(lang)
    data = render_report(report, "pdf")
    reader = pypdf.PdfReader(io.BytesIO(data))
    assert len(reader.pages) == report.pages
    assert report.pages is not None
    assert 1 <= report.pages <= 3
    texts = _pages_text(data)
    for n, (p, text) in enumerate(zip(reader.pages, texts, strict=True), start=1):
        box = p.mediabox
        assert (round(float(box.width), 1), round(float(box.height), 1)) == (
            round(PAGE_WIDTH, 1),
            round(PAGE_HEIGHT, 1),
        )
        flat = _flat(text)
        assert page.format(n=n, total=report.pages) in flat
        assert sender in flat
        assert "2024" in flat
        assert "2025-02-14" in flat
    assert _flat(texts[0]).count("Side 1 av" if lang != "en" else "Page 1 of") == 1


def test_every_measure_title_appears_in_the_pdf_text() -> None:
    report = _report()
    text = _flat(" ".join(_pages_text(render_report(report, "pdf"))))
    titles = [m.title for _, _, m in report.measures()]
    assert len(titles) == 19
    for title in titles:
        assert _flat(title) in text, title
    for words in ("Fordelt 2024", "Overført fra tidligere år", "Midlene nådde", "Statsforvalteren"):
        assert words in text, words


def test_the_pdf_embeds_its_fonts_and_writes_norwegian_letters() -> None:
    data = render_report(_report(), "pdf")
    reader = pypdf.PdfReader(io.BytesIO(data))
    fonts = cast(Any, reader.pages[0])["/Resources"]["/Font"]
    embedded = []
    for ref in fonts.values():
        font = ref.get_object()
        descriptor = font.get("/FontDescriptor")
        if descriptor is None and "/DescendantFonts" in font:
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
        embedded.append(descriptor is not None and "/FontFile2" in descriptor.get_object())
    assert embedded
    assert all(embedded)
    text = " ".join(_pages_text(data))
    for letters in ("æ", "ø", "å", "Å", "–", "§"):
        assert letters in text, letters


def test_the_same_report_gives_the_same_bytes_and_no_clock_reaches_them() -> None:
    report = _report()
    first = render_report(report, "pdf")
    assert render_report(report, "pdf") == first
    assert render_report(build_report(_portfolio(), judgement=report.judgement, made=MADE), "pdf")
    meta = cast(Any, pypdf.PdfReader(io.BytesIO(first)).metadata)
    assert meta is not None
    assert meta["/CreationDate"].startswith("D:20250214000000")  # the caller's date, no clock
    assert meta["/Author"] == "Nordland fylkeskommune"
    other_day = render_report(attrs.evolve(report, made=dt.date(2025, 2, 15)), "pdf")
    assert other_day != first


def test_the_width_tables_are_the_fonts_own() -> None:
    import reportlab
    from reportlab.pdfbase.ttfonts import TTFont

    folder = Path(reportlab.__file__).parent / "fonts"
    for bold, name in ((False, "Vera.ttf"), (True, "VeraBd.ttf")):
        font = TTFont(f"check-{name}", str(folder / name))
        widths = {k: round(v * UNITS_PER_EM / 1000) for k, v in font.face.charWidths.items()}
        assert face(bold).widths == widths
        assert face(bold).default == round(font.face.defaultWidth * UNITS_PER_EM / 1000)


# --------------------------------------------------------------------------------------------
# The committed examples


@pytest.mark.parametrize(
    ("lang", "name"),
    [("nb", "nordland-2024.report.pdf"), ("nn", "nordland-2024.report.nn.pdf"),
     ("en", "nordland-2024.report.en.pdf")],
)  # fmt: skip
def test_committed_pdf_examples_are_fresh(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, lang: str, name: str
) -> None:
    out = tmp_path / name
    code = main(
        ["report", str(EXAMPLE), "--judgement", str(JUDGEMENT), "--format", "pdf",
         "--date", "2025-02-14", "--lang", lang, "--output", str(out)]
    )  # fmt: skip
    assert (code, capsys.readouterr().err) == (0, "")
    assert out.read_bytes() == (ROOT / "examples" / name).read_bytes()


def test_committed_json_example_is_fresh_and_carries_its_pages(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code = main(
        ["report", str(EXAMPLE), "--judgement", str(JUDGEMENT), "--format", "json",
         "--date", "2025-02-14"]
    )  # fmt: skip
    out = capsys.readouterr().out
    assert code == 0
    assert out == (ROOT / "examples" / "nordland-2024.report.json").read_text(encoding="utf-8")
    data = json.loads(out)
    assert (data["pages"], data["page_measure"], data["made"]) == (3, "pdf", "2025-02-14")
    for field in ("by_use", "by_municipality", "state_actors", "carried_over", "jobs"):
        assert field in data, field


# --------------------------------------------------------------------------------------------
# The page count: the PDF's, or an estimate never below it


def test_without_the_extra_the_count_is_an_estimate_and_the_finding_says_so(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from post65.rules import check

    monkeypatch.setattr(render_module, "pdf_available", lambda: False)
    report = _report()
    assert report.page_measure is PageMeasure.ESTIMATE
    (finding,) = check(report).for_rule("P65-6.4")
    assert finding.values["page_measure"] == "estimate"
    assert "anslått i samme sideoppsett uten PDF-tillegget" in finding.message("nb")
    monkeypatch.setattr(pdf_module, "pdf_available", lambda: False)
    with pytest.raises(pdf_module.NeedsPdfExtra, match=r"post65\[pdf\]"):
        render_report(report, "pdf")


portfolios = strategies.portfolios(min_measures=5, max_measures=45)


@settings(max_examples=40, deadline=None)
@given(portfolios, st.sampled_from(["nb", "nn", "en"]))
def test_the_estimate_is_never_below_the_pdf_and_at_most_one_above(
    portfolio: Portfolio, lang: str
) -> None:
    report = build_report(portfolio, lang=lang)  # type: ignore[arg-type]
    real = len(pypdf.PdfReader(io.BytesIO(render_report(report, "pdf"))).pages)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(render_module, "pdf_available", lambda: False)
        laid, measure = pdf_pages(report)
    assert measure is PageMeasure.ESTIMATE
    event(f"estimate - pdf = {laid.pages - real}")
    assert real <= laid.pages <= real + 1
    assert report.pages == real


def test_a_row_taller_than_a_page_runs_on_and_a_long_word_is_cut() -> None:
    portfolio = _portfolio()
    long_text = "Ord " * 3000 + "x" * 400
    b = attrs.evolve(portfolio.b_measures[0], description=long_text)
    report = build_report(attrs.evolve(portfolio, b_measures=(b,)), judgement=long_text)
    data = render_report(report, "pdf")
    assert len(pypdf.PdfReader(io.BytesIO(data)).pages) == report.pages
    assert report.pages is not None
    assert report.pages > 3


# --------------------------------------------------------------------------------------------
# The county's own look


def _png(width: int = 40, height: int = 20) -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (width, height), (0, 90, 160)).save(buf, "PNG")
    return buf.getvalue()


SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="80" height="30">'
    b'<rect width="80" height="30" fill="#063"/></svg>'
)


def _jpeg() -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (60, 30), (200, 30, 30)).save(buf, "JPEG")
    return buf.getvalue()


@pytest.mark.parametrize("logo", [_png(), _jpeg()], ids=["png", "jpeg"])
def test_a_logo_header_and_contact_appear_and_never_change_the_page_count(logo: bytes) -> None:
    report = _report()
    plain = render_report(report, "pdf")
    look = make_look(
        logo, header="Regional utvikling", contact="Postboks 1485, 8048 Bodø\\npost@nfk.no"
    )
    data = render_report(report, "pdf", look=look)
    assert data != plain
    texts = _pages_text(data)
    assert len(texts) == report.pages
    for text in texts:
        assert "Regional utvikling" in text
        assert "post@nfk.no" in text
    reader = pypdf.PdfReader(io.BytesIO(data))
    resources = cast(Any, reader.pages[1])["/Resources"]
    assert "/XObject" in resources  # the logo on every page


def test_bad_look_options_are_refused_each_located(tmp_path: Path) -> None:
    big = tmp_path / "stor.png"
    big.write_bytes(b"\x89PNG\r\n\x1a\n" + b"0" * (2 * 1024 * 1024 + 1))
    with pytest.raises(InvalidInput) as caught:
        make_look(big, header="linje " * 200, contact="a\nb\nc\nd")
    where = [p.where for p in caught.value.problems]
    assert where == ["--logo", "--header", "--contact"]
    assert "2 097 152" in caught.value.problems[0].en.replace("\u00a0", " ")
    for bad, words in (
        (b"GIF89a", "must be a PNG or JPEG file"),
        (b"\x89PNG\r\n\x1a\nbroken", "cannot be read"),
        (b"\xff\xd8\xff\xe0 not really a jpeg", "cannot be read"),
        (SVG, "save the logo as PNG"),
        (_png(10_001, 1), "10001 × 1 pixels, at most 10000"),
    ):
        with pytest.raises(InvalidInput, match=words):
            make_look(bad)
    with pytest.raises(InvalidInput, match="cannot be read"):
        make_look(tmp_path / "finnes-ikke.png")


def test_report_command_writes_a_pdf_with_a_logo_and_refuses_a_bad_one(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    logo = tmp_path / "logo.png"
    logo.write_bytes(_png())
    out = tmp_path / "rapport.pdf"
    code = main(
        ["report", str(EXAMPLE), "--format", "pdf", "--output", str(out), "--logo", str(logo),
         "--contact", "Nordland fylkeskommune, Bodø", "--date", "2025-02-14"]
    )  # fmt: skip
    assert (code, capsys.readouterr().err) == (0, "")
    assert out.read_bytes().startswith(b"%PDF-")
    bad = tmp_path / "logo.txt"
    bad.write_text("ikke et bilde", encoding="utf-8")
    code = main(
        ["report", str(EXAMPLE), "--format", "pdf", "--output", str(out), "--logo", str(bad)]
    )
    err = capsys.readouterr().err
    assert code == 2
    assert "--logo: logoen må være en PNG- eller JPEG-fil" in err
    code = main(["report", str(EXAMPLE), "--logo", str(logo)])
    assert code == 2
    assert "--format: --logo, --header og --contact gjelder bare --format pdf" in (
        capsys.readouterr().err
    )


# --------------------------------------------------------------------------------------------
# What the ministry compares


def test_nordland_figures_add_up_and_name_the_state_actors() -> None:
    report = _report()
    a = report.scheme(report.schemes[0].scheme)
    assert a is not None
    a_total = kroner(total(m.amount for m in a.measures if m.amount is not None))
    assert kroner(total(report.by_use.values())) == a_total
    reached = kroner(total(r.amount for r in report.by_municipality))
    rest = kroner(report.to_county or nok(0)) + kroner(report.unassigned or nok(0))
    assert reached + rest == a_total
    assert set(report.by_use) == {"i", "ii", "iii", "iv"}
    kinds = {actor.kind for actor in report.state_actors}
    assert PartnerKind.STATSFORVALTEREN in kinds
    assert report.jobs == 23
    assert set(report.projects_by_criterion) == {"b", "c"}
    assert report.target_municipalities is None  # no index given
    assert report.carried_over["a"].from_earlier == nok(1_920_000)


def test_target_municipalities_reached_out_of_the_countys_own() -> None:
    report = build_report(_portfolio(), selection=Explicit(frozenset({"1818", "1815", "0301"})))
    t = report.target_municipalities
    assert t is not None
    assert t.in_county == ("1815", "1818")  # Oslo is not Nordland's
    assert set(t.reached) <= set(t.in_county)
    text = render_report(report, "text")
    assert "av fylkets 2 kommuner i målgruppen" in _flat(text)


def test_stated_shares_reach_the_municipalities_and_the_rest_is_split_evenly() -> None:
    measure = {
        "title": "Planveiledning",
        "uses": ["iv"],
        "owner": {"kind": "county", "name": "Nordland fylkeskommune"},
        "period": {"start": "2024-01-01"},
    }
    stated = [
        {"beneficiary": "1836", "amount": "60000.50"},
        {"beneficiary": "18", "amount": "1000"},
        {"beneficiary": "1835", "amount": "38999.50"},
    ]
    portfolio = load(
        json.dumps(
            {
                "kind": "portfolio",
                "county": "18",
                "year": 2024,
                "measures": [
                    measure
                    | {"id": "m1", "cost": "100000", "beneficiaries": ["1835", "1836", "18"]}
                    | {"shares": stated},
                    measure | {"id": "m2", "cost": "101", "beneficiaries": ["1835", "1836"]},
                ],
            }
        )
    )
    assert isinstance(portfolio, Portfolio)
    report = build_report(portfolio)
    assert [(r.kommunenummer, r.amount) for r in report.by_municipality] == [
        ("1835", nok(Decimal("39050.50"))),  # 38 999,50 stated + 51 of the even 101
        ("1836", nok(Decimal("60050.50"))),  # 60 000,50 stated + 50
    ]
    assert report.to_county == nok(1000)
    stored = load(dump_report(report))
    assert stored == report
    # the same measure without its shares is split evenly
    even = attrs.evolve(portfolio.measures[0], shares=())
    plain = build_report(attrs.evolve(portfolio, measures=(even,)))
    assert [r.amount for r in plain.by_municipality] == [nok(33334), nok(33333)]


@given(
    st.decimals(min_value=0, max_value=Decimal("1e12"), places=0)
    | st.decimals(min_value=0, max_value=Decimal("1e9"), places=2),
    st.integers(1, 40),
)
def test_even_shares_add_up_to_the_amount_and_differ_by_one_unit_at_most(
    amount: Decimal, n: int
) -> None:
    parts = [kroner(p) for p in even_shares(nok(amount), n)]
    assert sum(parts, Decimal(0)) == amount
    exponent = kroner(nok(amount)).as_tuple().exponent
    assert isinstance(exponent, int)
    unit = Decimal(1).scaleb(min(0, exponent))
    assert max(parts) - min(parts) <= unit
    assert parts == sorted(parts, reverse=True)


@settings(max_examples=60, deadline=None)
@given(strategies.portfolios(min_measures=0, max_measures=20), st.data())
def test_every_figure_sums_with_the_others_to_the_krone(
    portfolio: Portfolio, data: st.DataObject
) -> None:
    partners = data.draw(st.lists(st.sampled_from(list(PartnerKind)), max_size=3))
    if portfolio.measures and partners:
        first = attrs.evolve(portfolio.measures[0], partners=tuple(Partner(k) for k in partners))
        portfolio = attrs.evolve(portfolio, measures=(first, *portfolio.measures[1:]))
    report = build_report(portfolio)
    a_total = sum((kroner(m.cost) for m in portfolio.measures), Decimal(0))
    assert kroner(total(report.by_use.values())) == a_total
    reached = kroner(total(r.amount for r in report.by_municipality))
    rest = kroner(report.to_county or nok(0)) + kroner(report.unassigned or nok(0))
    assert reached + rest == a_total
    # each municipality receives its stated shares, and an even part of measures stating none
    expected: dict[str, Decimal] = {}
    for m in portfolio.measures:
        names = list(dict.fromkeys(m.beneficiaries))
        if m.shares:
            event("a measure states its shares")
            parts = [(s.beneficiary, kroner(s.amount)) for s in m.shares]
        elif names:
            split = even_shares(m.cost, len(names))
            parts = [(nr, kroner(x)) for nr, x in zip(names, split, strict=True)]
        else:
            parts = []
        for nr, amount in parts:
            if len(nr) == 4:
                expected[nr] = expected.get(nr, Decimal(0)) + amount
    assert {r.kommunenummer: kroner(r.amount) for r in report.by_municipality} == expected
    for s, carried in report.carried_over.items():
        part = next(p for p in report.schemes if p.scheme.value == s)
        assert part.funds is not None
        assert (carried.from_earlier, carried.to_next) == (part.funds.opening, part.funds.closing)
    jobs = [m.jobs_created for m in portfolio.c_measures if m.jobs_created is not None]
    assert report.jobs == (sum(jobs) if jobs else None)
    assert {a.kind for a in report.state_actors} >= set(partners if portfolio.measures else [])
    assert load(json.dumps(json.loads(dump_report(report)))) == report


def dump_report(report: Report) -> str:
    from post65.io import dump

    return dump(report)


def test_a_stored_report_whose_figures_do_not_add_up_is_refused() -> None:
    data = json.loads(dump_report(_report()))
    data["by_use"]["i"] = str(int(data["by_use"]["i"]) + 1)
    data["by_use"]["v"] = "1"
    with pytest.raises(InvalidInput) as caught:
        load(json.dumps(data, ensure_ascii=False))
    where = {p.where for p in caught.value.problems}
    assert {"/by_use/v", "/by_municipality", "/by_use"} <= where


def test_no_clock_in_the_environment_changes_the_pdf(monkeypatch: pytest.MonkeyPatch) -> None:
    report = _report()
    first = render_report(report, "pdf")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert render_report(report, "pdf") == first
    assert re.search(rb"/CreationDate \(D:20250214000000", first)
    undated = render_report(attrs.evolve(report, made=None), "pdf")
    assert re.search(rb"/CreationDate \(D:20000101000000", undated)
