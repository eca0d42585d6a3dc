"""Where a problem is in a district index or population file, told in the chosen language.

``post65 allocate --lang nb|nn|en`` names a CSV file's line and a worksheet's row and column in
the words of that language («linje 2, kolonne folketall», «rad 7, kolonne Skår»), while
:attr:`Problem.where` keeps one form in every language for code that reads it; a note on the
rows skipped names its file, so that an index and a population file read together are told
apart.
"""

from __future__ import annotations

import pickle
import re
from collections.abc import Mapping, Sequence
from pathlib import Path

import openpyxl
import pytest

from post65.cli import main
from post65.districtindex import PopulationTable, read_index, read_population
from post65.errors import InvalidIndex, Lang, Problem
from post65.geography import register
from post65.text import msg

REG = register(2024)
ENGLISH_PLACE = re.compile(r"(?<![\w-])(?:line|row|column)s?(?![\w-])", re.IGNORECASE)
"""The English words of a place in a file, which no Norwegian output may hold (an option's
name, ``knr_column (--knr-column)``, is no word)."""

PLACE_WORDS = {
    "nb": ("linje", "rad", "kolonne"),
    "nn": ("linje", "rad", "kolonne"),
    "en": ("line", "row", "column"),
}
"""A CSV file's line, a worksheet's row and a column, in each language."""


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _workbook(path: Path, rows: Sequence[Sequence[object]]) -> Path:
    """A workbook of one sheet «Data» holding ``rows``."""
    book = openpyxl.Workbook(write_only=True)
    data = book.create_sheet("Data")
    for row in rows:
        data.append(row)
    book.save(path)
    return path


def _bad_files(tmp_path: Path) -> tuple[Path, Path]:
    """An index workbook with a score «høy» on row 7 and a kommunenummer repeated on row 6,
    and a population CSV file with «mange» on line 2 and a line of three fields on line 3."""
    xlsx = _workbook(
        tmp_path / "bad.xlsx",
        [
            ["KNR", "KNAVN", "Skår"],
            [1826, "Hattfjelldal", 10],
            [1875, "Hamarøy", 12],
            [5632, "Båtsfjord", 14],
            [4636, "Solund", 16],
            [1826, "Hattfjelldal", 18],
            [1111, "Sokndal", "høy"],
        ],
    )
    pop = tmp_path / "pop.csv"
    pop.write_text("knr,folketall\n0301,mange\n1826,1200,7\n", encoding="utf-8")
    return xlsx, pop


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_cli_names_lines_rows_and_columns_in_the_language(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, lang: str
) -> None:
    xlsx, pop = _bad_files(tmp_path)
    argv = ["allocate", "--amount", "1000 kr", "--index", str(xlsx), "--lowest", "3"]
    code, out, err = run(capsys, *argv, "--population", str(pop), "--lang", lang)
    assert (code, out) == (2, "")
    line, row, column = PLACE_WORDS[lang]
    places = [p.split(": ", 1)[0] for p in err.splitlines()[1:]]
    assert places == [
        f"  {xlsx} (Data), {row} 6, {column} KNR",
        f"  {xlsx} (Data), {row} 7, {column} Skår",
        f"  {pop}, {line} 2, {column} folketall",
        f"  {pop}, {line} 3",
    ]
    if lang != "en":
        assert not ENGLISH_PLACE.findall(err.replace(str(tmp_path), "")), err


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_cli_names_the_header_line_and_row_in_the_language(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, lang: str
) -> None:
    csv_index = tmp_path / "index.csv"
    csv_index.write_text("Distriktsindeksen\nkommune;verdi\n1826;1\n", encoding="utf-8")
    header = ["knr", "folketall", "befolkning"]  # two population columns
    xlsx = _workbook(tmp_path / "pop.xlsx", [["Folkemengde"], [], header, [1826, 5, 5]])
    argv = ["allocate", "--amount", "1000 kr", "--index", str(csv_index), "--lowest", "3"]
    code, _, err = run(capsys, *argv, "--population", str(xlsx), "--lang", lang)
    assert code == 2
    line, row, _ = PLACE_WORDS[lang]
    places = {p.split(": ", 1)[0] for p in err.splitlines()[1:]}
    assert places == {f"  {csv_index}, {line} 1", f"  {xlsx} (Data), {row} 3"}
    if lang != "en":
        assert not ENGLISH_PLACE.findall(err.replace(str(tmp_path), "")), err


def test_where_stays_one_form_in_every_language() -> None:
    data = b"knr;indeks\n1826;1\n1826;2\nabcd;3\n1875;x;9\n"
    with pytest.raises(InvalidIndex) as info:
        read_index(data)
    problems = info.value.problems
    assert [p.where for p in problems] == [
        "line 3, column knr",
        "line 4, column knr",
        "line 5",
    ]
    assert [p.location("nb") for p in problems] == [
        "linje 3, kolonne knr",
        "linje 4, kolonne knr",
        "linje 5",
    ]
    assert problems[0].render("nn") == "linje 3, kolonne knr: kommunenummer 1826 står òg på linje 2"
    assert problems[0].render("en") == "line 3, column knr: kommunenummer 1826 is also on line 2"
    assert info.value.message("nb").splitlines()[1:] == [f"  {p.render()}" for p in problems]


def test_a_problem_within_a_file_keeps_both_forms_and_pickles() -> None:
    place = msg("index.at.row_column", line=7, column="Skår")
    problem = Problem("row 7, column Skår", msg("index.cell.score_missing"), place)
    inside = problem.within("di.xlsx (Data)")
    assert inside.where == "di.xlsx (Data), row 7, column Skår"
    assert inside.render("nb") == "di.xlsx (Data), rad 7, kolonne Skår: skåren mangler"
    assert inside.render("en") == "di.xlsx (Data), row 7, column Skår: the score is missing"
    assert inside == Problem(inside.where, inside.text)  # the place is not part of equality
    plain = Problem("/measures/0", msg("index.cell.score_missing")).within("a.json")
    assert (plain.where, plain.place, plain.location("nn")) == (
        "a.json, /measures/0",
        None,
        "a.json, /measures/0",
    )
    error = InvalidIndex([problem], source="di.xlsx (Data)")
    again = pickle.loads(pickle.dumps(error))  # noqa: S301 - our own bytes
    assert again.message("nn") == error.message("nn")
    assert "rad 7, kolonne Skår" in again.message("nn")


def _with_a_total_line(path: Path, value_header: str, values: Mapping[str, int]) -> Path:
    rows = "".join(f"{nr};{value}\n" for nr, value in values.items())
    path.write_text(f"knr;{value_header}\n0;Landet\n{rows}", encoding="utf-8")
    return path


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_each_skipped_rows_note_names_its_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, lang: str
) -> None:
    scores = {k.kommunenummer: i % 100 for i, k in enumerate(REG)}
    index = _with_a_total_line(tmp_path / "di.csv", "indeks", scores)
    people = {k.kommunenummer: k.population for k in REG}
    pop = _with_a_total_line(tmp_path / "folk.csv", "folketall", people)
    argv = ["allocate", "--amount", "1 mill. kr", "--index", str(index), "--population", str(pop)]
    code, out, _ = run(capsys, *argv, "--population-share", "10", "--lang", lang)
    assert code == 0
    file = {
        "nb": "fila {} har 1 linje",
        "nn": "fila {} har 1 linje",
        "en": "the file {} has 1 line",
    }
    for path in (index, pop):
        assert file[lang].format(path) in out
    named = read_population(pop)
    assert isinstance(named, PopulationTable)
    assert named.notes[0]("nb").startswith(f"fila {pop} har 1 linje")
    unnamed = read_population(pop.read_bytes())  # no file name: «the file»
    assert isinstance(unnamed, PopulationTable)
    assert unnamed.notes[0]("nb").startswith("fila har 1 linje")
    assert unnamed.notes[0]("en").startswith("the file has 1 line")


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("nb", "linje 2: en celle er lengre enn 131\u00a0072 tegn"),
        ("nn", "linje 2: ei celle er lengre enn 131\u00a0072 teikn"),
        ("en", "line 2: a cell is longer than 131\u00a0072 characters"),
    ],
)
def test_a_cell_past_the_csv_reader_s_limit_is_told_in_the_language(
    tmp_path: Path, lang: Lang, said: str
) -> None:
    """The CSV reader's refusal was its own English («field larger than field limit (131072)»)
    inside the Norwegian message."""
    path = tmp_path / "lang.csv"
    path.write_text('kommunenummer,indeks\n1804,"' + "x" * 200_000 + '"\n', encoding="utf-8")
    with pytest.raises(InvalidIndex) as refused:
        read_index(path)
    (problem,) = refused.value.problems
    assert problem.render(lang).endswith(said)
    assert "field" not in problem.render(lang) or lang == "en"
