"""Defects of the ``post65`` command an audit found: ``check --all`` in every format, the place
of a finding inside its group, option problems of ``allocate`` and ``municipalities`` told like
every other, and a bad file given twice."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from post65.cli import main
from post65.errors import Lang

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
PROGRAMME = str(EXAMPLES / "innlandet-2024-programme.json")
NORDLAND = str(EXAMPLES / "nordland-2024.portfolio.json")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


# --------------------------------------------------------------------------------------------
# check --all in every format


@pytest.mark.parametrize("document", [PROGRAMME, NORDLAND])
def test_check_all_json_is_the_json_of_every_finding(
    capsys: pytest.CaptureFixture[str], document: str
) -> None:
    code, out, _ = run(capsys, "check", document, "--all", "--format", "json")
    data = json.loads(out)
    assert list(data) == ["kind", "findings", "rules", "summary"]
    found = [f for rows in data["findings"].values() for f in rows]
    assert len(found) == sum(data["summary"].values())
    assert data["summary"]["met"] > 0
    assert any(f["outcome"] == "met" for f in found)
    assert set(data["rules"]) == set(data["findings"])
    plain, without, _ = run(capsys, "check", document, "--format", "json")
    assert (plain, without) == (code, out)  # --all changes nothing: the JSON has every finding


def test_check_all_markdown_and_table_show_every_finding(
    capsys: pytest.CaptureFixture[str],
) -> None:
    _, table, _ = run(capsys, "check", PROGRAMME, "--all")
    code, markdown, _ = run(capsys, "check", PROGRAMME, "--all", "--format", "markdown")
    assert code == 0
    assert markdown.startswith("### Gjelder: /\n\n| Regel")

    def met_rows(text: str) -> int:  # a row: the rule, then its outcome
        return len(re.findall(r"^(?:\| )?[A-Z]-[0-9.]+ +(?:\| )?oppfylt ", text, re.M))

    assert met_rows(table) == met_rows(markdown) == 12  # each of the 12 met findings
    _, default, _ = run(capsys, "check", PROGRAMME, "--format", "markdown")
    assert met_rows(default) == 2  # without --all: the met advice only


def test_check_all_xlsx_is_the_workbook(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    a, b = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    assert run(capsys, "check", PROGRAMME, "--format", "xlsx", "--output", str(a))[0] == 0
    code = run(capsys, "check", PROGRAMME, "--all", "--format", "xlsx", "--output", str(b))[0]
    assert code == 0
    import openpyxl

    def cells(path: Path) -> list[list[object]]:
        book = openpyxl.load_workbook(path, read_only=True)
        return [list(row) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True)]

    assert cells(a) == cells(b)
    assert len(cells(b)) > 12


# --------------------------------------------------------------------------------------------
# check --all: a finding below its group's subject is led by its JSON Pointer in the group


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
@pytest.mark.parametrize(
    "document", sorted(str(p) for p in EXAMPLES.glob("*.json") if "report" not in p.name)
)
def test_check_all_leads_a_finding_below_its_group_by_a_pointer(
    capsys: pytest.CaptureFixture[str], document: str, lang: str
) -> None:
    from post65 import check, load
    from post65.cli.check import _group_of

    result = check(load(document))
    subjects = {f.subject for f in result.findings}
    _, out, _ = run(capsys, "check", document, "--all", "--lang", lang, "--format", "markdown")
    for f in result.findings:
        group = _group_of(f.subject, subjects)
        if group != f.subject and f.outcome != "not_applicable":
            place = f.subject[len(group) :]
            assert place.startswith("/")
            assert f"| {place}: " in out  # /support, /beneficiaries/0: never a bare word
            assert f"| {place[1:]}: " not in out


def test_the_places_of_the_examples_read_as_pointers(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "check", PROGRAMME, "--all", "--lang", "nn")
    assert "/support: tiltak reiselivshage" in out
    assert " support: " not in out
    _, out, _ = run(capsys, "check", NORDLAND, "--all")
    assert "/beneficiaries/0: 1811 Bindal" in out
    assert " beneficiaries/0: " not in out


# --------------------------------------------------------------------------------------------
# allocate: a selection the index cannot give is the option's problem, told like every other

INDEX = str(EXAMPLES / "illustrative-index.csv")
ALLOCATE = ("allocate", "--amount", "120000000", "--index", INDEX)
HEADER = {"nb": "1 feil:", "nn": "1 feil:", "en": "1 problem:"}
TOO_FEW = {
    "nb": "indeksen har bare 357 kommuner; kan ikke velge de 358 laveste",
    "nn": "indeksen har berre 357 kommunar; kan ikkje velje dei 358 lågaste",
    "en": "the index has only 357 municipalities; cannot pick the 358 lowest",
}
NOBODY = {
    "nb": "utvalget gir ingen kommuner med folketall; ingenting å fordele etter",
    "nn": "utvalet gir ingen kommunar med folketal; ingenting å fordele etter",
    "en": "the selection gives no municipality with population; nothing to allocate by",
}


def _problems(err: str) -> list[str]:
    """The lines of stderr after the illustrative index's warning."""
    return [line for line in err.splitlines() if "illustrati" not in line]


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
@pytest.mark.parametrize(
    ("options", "where", "text"),
    [
        (("--lowest", "358"), "--lowest", TOO_FEW),
        (("--max-score", "0"), "--max-score", NOBODY),
        (("--lowest", "5", "--compare-lowest", "358"), "--compare-lowest", TOO_FEW),
        (("--lowest", "358", "--compare-method", "dhondt"), "--lowest", TOO_FEW),
        (("--lowest", "5", "--compare-max-score", "0"), "--compare-max-score", NOBODY),
    ],
)
def test_a_selection_the_index_cannot_give_is_the_option_s_problem(
    capsys: pytest.CaptureFixture[str],
    lang: str,
    options: tuple[str, ...],
    where: str,
    text: dict[str, str],
) -> None:
    code, out, err = run(capsys, *ALLOCATE, *options, "--lang", lang)
    assert (code, out) == (2, "")
    assert _problems(err) == [HEADER[lang], f"  {where}: {text[lang]}"]


def test_check_tells_lowest_past_the_index_at_the_option(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run(capsys, "check", NORDLAND, "--index", INDEX, "--lowest", "358")
    assert (code, out) == (2, "")
    assert _problems(err) == ["1 feil:", f"  --lowest: {TOO_FEW['nb']}"]


def test_the_problems_of_both_selections_are_told_together(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, _, err = run(capsys, *ALLOCATE, "--max-score", "0", "--compare-lowest", "358")
    assert code == 2
    assert _problems(err) == [
        "2 feil:",
        f"  --max-score: {NOBODY['nb']}",
        f"  --compare-lowest: {TOO_FEW['nb']}",
    ]
    code, _, err = run(capsys, *ALLOCATE, "--lowest", "358", "--compare-index", INDEX)
    assert code == 2
    assert _problems(err) == ["1 feil:", f"  --lowest: {TOO_FEW['nb']}"]  # once, at the option


# --------------------------------------------------------------------------------------------
# a negative score or share is out of range, as one above 100


@pytest.mark.parametrize(
    ("options", "text"),
    [
        (("--max-score", "-1"), "--max-score: en skår er mellom 0 og 100, fikk -1"),
        (("--max-score=-0,5",), "--max-score: en skår er mellom 0 og 100, fikk -0.5"),
        (("--max-score", "100,5"), "--max-score: en skår er mellom 0 og 100, fikk 100.5"),
        (
            ("--population-share", "-5"),
            "--population-share: andelen må være over 0 og høyst 100 prosent, fikk -5",
        ),
    ],
)
def test_a_negative_score_is_out_of_range_not_a_non_number(
    capsys: pytest.CaptureFixture[str], options: tuple[str, ...], text: str
) -> None:
    code, _, err = run(capsys, *ALLOCATE, *options)
    assert code == 2
    assert _problems(err) == ["1 feil:", f"  {text}"]


def test_a_negative_score_in_code_is_out_of_range() -> None:
    from decimal import Decimal

    from post65.allocation import MaxScore, PopulationShare
    from post65.errors import InvalidParameter

    for make, value in ((MaxScore, "-1"), (MaxScore, "-0,5"), (PopulationShare, "-5")):
        with pytest.raises(InvalidParameter) as caught:
            make(value)
        assert caught.value.text.key in ("allocation.score_range", "allocation.share_range")
    assert MaxScore("-0").score == 0
    assert str(MaxScore("-0").score) == "0"  # as «0», never «-0»
    assert MaxScore("+20").score == Decimal(20)


# --------------------------------------------------------------------------------------------
# municipalities --county: told at the option, in the language's quotes


@pytest.mark.parametrize(
    ("county", "lang", "text"),
    [
        (
            "99",
            "nn",
            "fylkesnummer 99 finst ikkje i registeret for 2024 (fylka er 03, 11, 15, 18, 31, 32,"
            " 33, 34, 39, 40, 42, 46, 50, 55, 56)",
        ),
        ("54", "en", "fylkesnummer 54 "),
        ("abc", "nn", "eit fylkesnummer må vere 2 siffer (0-9), fekk «abc»"),
        ("3", "nb", "et fylkesnummer må være 2 sifre (0-9), fikk «3»"),
        ("abc", "en", "a fylkesnummer must be 2 digits (0-9), got 'abc'"),
    ],
)
def test_a_bad_county_is_the_option_s_problem(
    capsys: pytest.CaptureFixture[str], county: str, lang: str, text: str
) -> None:
    code, out, err = run(capsys, "municipalities", "--county", county, "--lang", lang)
    assert (code, out) == (2, "")
    header, line = err.splitlines()
    assert header == HEADER[lang]
    assert line.startswith(f"  --county: {text}")


def test_a_bad_county_is_told_with_the_other_problems(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "municipalities", "--county", "abc", "--format", "xlsx")
    assert code == 2
    assert err.splitlines()[0] == "2 feil:"
    assert err.splitlines()[2] == "  --county: et fylkesnummer må være 2 sifre (0-9), fikk «abc»"


# --------------------------------------------------------------------------------------------
# the same index file given to --index and --compare-index: read once, each problem told once

BAD_INDEX = "kommunenummer;distriktsindeks\n1826;abc\n9999;12\n1826;13\n0301;200\nxx;1\n1875;\n"


def test_a_bad_index_given_twice_has_each_problem_once(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text(BAD_INDEX, encoding="utf-8")
    alone = ("allocate", "--amount", "1000", "--lowest", "3", "--index", str(bad))
    code, _, once = run(capsys, *alone)
    assert code == 2
    assert once.splitlines()[0] == "6 feil:"
    assert all(line.startswith(f"  {bad}, linje ") for line in once.splitlines()[1:])
    monkeypatch.chdir(tmp_path)
    for again in (str(bad), "./bad.csv"):  # one file, however it is named
        code, _, err = run(capsys, *alone, "--compare-index", again)
        assert (code, err) == (2, once)
    other = tmp_path / "other.csv"
    other.write_text(BAD_INDEX, encoding="utf-8")
    code, _, err = run(capsys, *alone, "--compare-index", str(other))
    assert code == 2
    lines = err.splitlines()
    assert lines[0] == "12 feil:"  # another file: its own problems, at its own lines
    assert lines[1:7] == once.splitlines()[1:]
    assert lines[7:] == [line.replace(str(bad), str(other)) for line in once.splitlines()[1:]]


def test_the_illustrative_index_given_twice_is_warned_of_once(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run(
        capsys, *ALLOCATE, "--lowest", "3", "--compare-index", INDEX, "--compare-lowest", "5"
    )
    assert code == 0
    assert out.startswith("A: ")
    assert len(err.splitlines()) == 1
    assert "illustrativ indeks" in err


# --------------------------------------------------------------------------------------------
# one old kommunenummer read as its 2024 number: told in the singular


@pytest.mark.parametrize(
    ("count", "lang", "text"),
    [
        (1, "nb", "1 kommunenummer fra før 2024 er lest som sitt 2024-nummer"),
        (2, "nb", "2 kommunenumre fra før 2024 er lest som sine 2024-numre"),
        (1, "nn", "1 kommunenummer frå før 2024 er lese som sitt 2024-nummer"),
        (2, "nn", "2 kommunenummer frå før 2024 er lesne som sine 2024-nummer"),
        (1, "en", "1 municipality number from before 2024 was read as its 2024 number"),
        (2, "en", "2 municipality numbers from before 2024 were read as their 2024 numbers"),
    ],
)
def test_old_numbers_read_are_counted_in_the_singular_or_plural(
    count: int, lang: Lang, text: str
) -> None:
    from post65.districtindex import read_index

    rows = ["3005;30", "1507;20"][:count]  # Drammen, then Ålesund (split in 2024)
    index = read_index(
        ("knr;indeks\n1826;1\n" + "\n".join(rows) + "\n").encode(), map_old_numbers=True
    )
    assert index.notes[0](lang).startswith(text)
