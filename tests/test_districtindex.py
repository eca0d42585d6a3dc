"""The district index: reading CSV and xlsx exactly, refusing bad files with every problem and its
line, and computing the index from its indicators."""

from __future__ import annotations

import doctest
import importlib
import pkgutil
import sys
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st

import post65.districtindex
from post65.districtindex import (
    DistrictIndex,
    FrozenMap,
    Indicators,
    PopulationTable,
    compute_index,
    read_index,
    read_population,
)
from post65.errors import InvalidIndex, InvalidParameter, Post65Error
from post65.geography import register

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "illustrative-index.csv"


def wheres(exc: InvalidIndex) -> list[str]:
    return [p.where for p in exc.problems]


def test_docstrings_run() -> None:
    modules = [post65.districtindex] + [
        importlib.import_module(info.name)
        for info in pkgutil.iter_modules(post65.districtindex.__path__, "post65.districtindex.")
    ]
    for module in modules:
        result = doctest.testmod(
            module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
        )
        assert result.failed == 0, module.__name__
    assert len(modules) > 3


# ---------------------------------------------------------------------------------------------
# CSV forms


@pytest.mark.parametrize(
    "text",
    [
        "kommunenummer,distriktsindeks\n1826,12.5\n0301,100\n",
        "knr;indeks\n1826;12,5\n0301;100\n",
        "KNR;Distriktsindeks\r\n1826;12,5\r\n0301;100\r\n",
        "\ufeffKommunenummer;Kommunenavn;Indeks\n1826;Hattfjelldal;12,50\n0301;Oslo;100\n",
        'knr,navn,indeks\n1826,Hattfjelldal,"12,5"\n0301,Oslo,100\n',
        "knr\tindeks\n1826\t12.5\n301\t100\n\n\n",
        "  KNR ; INDEKS \n 1826 ; 12,5 \n0301;100;\n",
    ],
)
def test_csv_forms_read_the_same(text: str) -> None:
    index = read_index(text.encode("utf-8"))
    assert dict(index.scores) == {"0301": Decimal("100"), "1826": Decimal("12.5")}
    assert index.ranked == ("1826", "0301")


def test_read_from_a_path_and_the_year(tmp_path: Path) -> None:
    path = tmp_path / "index.csv"
    path.write_text("knr;Distriktsindeks 2023\n1826;1\n", encoding="utf-8")
    index = read_index(path)
    assert index.year == 2023
    assert index.source == str(path)
    assert read_index(str(path), year=2024).year == 2024
    assert read_index(b"knr;indeks\n1826;1\n").year is None


def test_example_file_reads_and_is_marked_illustrative() -> None:
    index = read_index(EXAMPLE, strict=True)
    assert len(index.scores) == 357
    assert not index.missing
    text = EXAMPLE.read_text(encoding="utf-8")
    assert text.count("ILLUSTRATIVE: made-up score, not KDD's district index") == 357


def test_missing_municipalities_warn_or_fail_in_strict_mode() -> None:
    index = read_index(b"knr;indeks\n1826;1\n")
    assert len(index.missing) == 356
    assert "1826" not in index.missing
    with pytest.raises(InvalidIndex) as info:
        read_index(b"knr;indeks\n1826;1\n", strict=True)
    assert "356 municipalities" in info.value.problems[0].en
    assert "0301 Oslo" in info.value.problems[0].en


def test_every_problem_is_reported_with_its_line() -> None:
    text = (
        "knr;indeks\n"
        "1826;12,5\n"  # 2 fine
        "9999;3\n"  # 3 unknown
        "1826;4\n"  # 4 duplicate of line 2
        "1875;abc\n"  # 5 not a number
        "5632;100,5\n"  # 6 out of range
        "5634;-1\n"  # 7 out of range
        "12x4;5\n"  # 8 malformed number
        "3005;5\n"  # 9 old number
        "4636;\n"  # 10 missing score
        "1151;1;2\n"  # 11 too many fields
    )
    with pytest.raises(InvalidIndex) as info:
        read_index(text.encode())
    exc = info.value
    assert isinstance(exc, ValueError)
    assert wheres(exc) == [
        "line 3, column knr",
        "line 4, column knr",
        "line 5, column indeks",
        "line 6, column indeks",
        "line 7, column indeks",
        "line 8, column knr",
        "line 9, column knr",
        "line 10, column indeks",
        "line 11",
    ]
    en = [p.en for p in exc.problems]
    assert "nearest:" in en[0]
    assert "also on line 2" in en[1]
    assert "'abc' is not a number" in en[2]
    assert "outside 0-100" in en[3]
    assert "outside 0-100" in en[4]
    assert "is not a kommunenummer" in en[5]
    assert "3005 Drammen became 3301 Drammen" in en[6]
    assert "--map-old-numbers" in en[6]
    assert "missing" in en[7]
    assert all(p.nb != p.en for p in exc.problems)
    assert "line 9, column knr: kommunenummer 3005" in exc.message("en")


def test_decimal_comma_in_a_comma_file_gets_a_hint() -> None:
    with pytest.raises(InvalidIndex) as info:
        read_index(b"knr,indeks\n1826,12,5\n")
    assert wheres(info.value) == ["line 2"]
    assert "quoted" in info.value.problems[0].en


def test_line_numbers_count_blank_and_quoted_lines() -> None:
    text = 'knr;indeks;merknad\n\n1826;1;"two\nlines"\n1875;x;\n'
    with pytest.raises(InvalidIndex) as info:
        read_index(text.encode())
    assert wheres(info.value) == ["line 5, column indeks"]


@pytest.mark.parametrize(
    ("data", "where", "fragment"),
    [
        (b"", "index", "empty"),
        (b"\n\n", "index", "empty"),
        (b"navn;indeks\nx;1\n", "line 1", "no column 'kommunenummer'"),
        (b"knr;score\n1826;1\n", "line 1", "no column 'distriktsindeks'"),
        (b"knr;kommunenummer;indeks\n1826;1826;1\n", "line 1", "several columns"),
        (b"knr;indeks\n", "line 1", "no municipalities"),
        ("knr;indeks\n1826;1\n".encode("utf-16"), "index", "not UTF-8"),
        (b"\xd0\xcf\x11\xe0 old excel", "index", ".xls"),
        (b"PK\x03\x04 not really a zip", "index", "cannot read the xlsx file"),
    ],
)
def test_unusable_files(data: bytes, where: str, fragment: str) -> None:
    with pytest.raises(InvalidIndex) as info:
        read_index(data)
    assert info.value.problems[0].where == where
    assert fragment in info.value.problems[0].en


def test_unreadable_path(tmp_path: Path) -> None:
    missing = tmp_path / "nope.csv"
    with pytest.raises(InvalidIndex) as info:
        read_index(missing)
    assert info.value.problems[0].where == str(missing)
    assert "cannot read the file" in info.value.problems[0].en
    with pytest.raises(InvalidIndex):
        read_index(tmp_path)  # a directory
    with pytest.raises(InvalidParameter):
        read_index(42)  # type: ignore[arg-type]


def test_old_numbers_mapped_when_asked() -> None:
    text = b"knr;indeks\n1507;20\n3005;30\n1826;1\n"
    index = read_index(text, map_old_numbers=True)
    assert index.scores["1508"] == index.scores["1580"] == Decimal(20)
    assert index.scores["3301"] == Decimal(30)
    assert "1507" not in index.scores
    assert "2 municipality numbers from before 2024" in index.notes[0]("en")
    assert "1508 and 1580 both got the score of 1507" in index.notes[0]("en")
    with pytest.raises(InvalidIndex) as info:
        read_index(b"knr;indeks\n1507;20\n1508;21\n", map_old_numbers=True)
    assert "1508 (1507" in info.value.problems[0].en or "1508" in info.value.problems[0].en
    assert wheres(info.value) == ["line 3, column knr"]


def test_many_problems_are_summarised() -> None:
    rows = "".join(f"99{i:02d};x\n" for i in range(99)) * 2
    with pytest.raises(InvalidIndex) as info:
        read_index(("knr;indeks\n" + rows).encode())
    assert len(info.value.problems) == 201
    assert info.value.problems[-1].en.startswith("and ")


# ---------------------------------------------------------------------------------------------
# xlsx


def _workbook(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def test_kdd_xlsx_with_title_rows_and_numbers(tmp_path: Path) -> None:
    path = _workbook(
        tmp_path / "distriktsindeks.xlsx",
        {
            "Forside": [["Distriktsindeksen 2023"], ["Kilde: KDD"]],
            "Rådata": [
                ["Distriktsindeksen 2023, rådata"],
                [],
                ["KNR", "KNAVN", "SSB Sentralitet", "Distriktsindeks"],
                [1826, "Hattfjelldal", 512, 12.3],
                [301, "Oslo", 1000, 100],
                ["1875", "Hamarøy", 480, "20,5"],
                [None, None, None, None],
            ],
        },
    )
    index = read_index(path)
    assert dict(index.scores) == {
        "0301": Decimal(100),
        "1826": Decimal("12.3"),
        "1875": Decimal("20.5"),
    }
    assert index.source == f"{path} (Rådata)"


def test_xlsx_first_sheet_with_the_columns(tmp_path: Path) -> None:
    path = _workbook(
        tmp_path / "index.xlsx",
        {
            "Notes": [["nothing here"]],
            "Data": [["kommunenummer", "indeks 2022"], [1826, 1.5]],
        },
    )
    index = read_index(path)
    assert index.year == 2022
    assert index.scores["1826"] == Decimal("1.5")


def test_xlsx_problems_have_row_numbers(tmp_path: Path) -> None:
    path = _workbook(
        tmp_path / "bad.xlsx",
        {"Rådata": [["KNR", "Indeks"], [9999, 1], [1826, "x"], [1826, 101.25], [True, 3]]},
    )
    with pytest.raises(InvalidIndex) as info:
        read_index(path)
    assert wheres(info.value) == [
        "row 2, column KNR",
        "row 3, column Indeks",
        "row 4, column KNR",
        "row 4, column Indeks",
        "row 5, column KNR",
    ]
    assert info.value.source == f"{path} (Rådata)"


def test_xlsx_without_the_columns(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "none.xlsx", {"A": [["x", "y"]], "B": [["KNR", "navn"]]})
    with pytest.raises(InvalidIndex) as info:
        read_index(path)
    assert "found no sheet" in info.value.problems[0].en
    assert "A, B" in info.value.problems[0].en


def test_xlsx_without_openpyxl_says_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _workbook(tmp_path / "index.xlsx", {"Rådata": [["KNR", "Indeks"], [1826, 1]]})
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    with pytest.raises(InvalidIndex) as info:
        read_index(path)
    assert "post65[xlsx]" in info.value.problems[0].en
    assert isinstance(info.value, Post65Error)


# ---------------------------------------------------------------------------------------------
# The index value


def test_district_index_refuses_floats_unknown_numbers_and_range() -> None:
    with pytest.raises(InvalidIndex) as info:
        DistrictIndex({"1826": 12.5, "9999": Decimal(1), "1875": Decimal(101), "0301": "5"})
    assert sorted(wheres(info.value)) == ["0301", "1826", "1875", "9999"]
    with pytest.raises(InvalidParameter):
        DistrictIndex([("1826", 1)])
    with pytest.raises(InvalidParameter):
        DistrictIndex({"1826": 1}, year="2023")  # type: ignore[arg-type]


def test_district_index_is_a_value() -> None:
    a = DistrictIndex({"1875": Decimal("2.0"), "1826": 1}, year=2023)
    b = DistrictIndex({"1826": Decimal(1), "1875": Decimal(2)}, year=2023)
    assert a == b
    assert hash(a) == hash(b)
    assert list(a.scores) == ["1826", "1875"]
    assert a.ranked_scores == (Decimal(1), Decimal(2))
    assert a != DistrictIndex({"1826": 1, "1875": 2}, year=2024)
    assert FrozenMap({"a": 1}) == {"a": 1}
    assert FrozenMap({"a": 1}) != FrozenMap({"a": 2})
    assert "a" in FrozenMap({"a": 1})
    assert repr(FrozenMap({"a": 1})) == "FrozenMap({'a': 1})"


# ---------------------------------------------------------------------------------------------
# Population files


def _population_csv(overrides: dict[str, str] | None = None, drop: str | None = None) -> bytes:
    lines = ["kommunenummer;folketall"]
    for k in register(2024):
        if k.kommunenummer == drop:
            continue
        value = (overrides or {}).get(k.kommunenummer, str(k.population))
        lines.append(f"{k.kommunenummer};{value}")
    return ("\n".join(lines) + "\n").encode()


def test_population_file() -> None:
    pop = read_population(_population_csv({"0301": "720 000", "1826": "1300"}))
    assert pop["0301"] == 720_000
    assert pop["1826"] == 1300
    assert len(pop) == 357


def test_population_file_problems() -> None:
    with pytest.raises(InvalidIndex) as info:
        read_population(_population_csv({"0301": "-5", "1826": "1,5"}, drop="1875"))
    assert wheres(info.value) == ["line 2, column folketall", "line 65, column folketall"]
    with pytest.raises(InvalidIndex) as info:
        read_population(_population_csv(drop="1875"))
    assert "lacks 1 of the municipalities of the 2024 register: 1875" in info.value.problems[0].en
    with pytest.raises(InvalidIndex) as info:
        read_population(b"knr;folketall\n1826;5\n1826;6\n3005;1\n")
    assert wheres(info.value) == ["line 3, column knr", "line 4, column knr"]


# ---------------------------------------------------------------------------------------------
# compute_index

# Five municipalities whose indicators have standard deviation exactly 2 (sample, n - 1 = 4),
# so every z-score is a multiple of 1/2:
#   centrality        (0, 1, 1, 3, 5)  mean 2  z = (-1, -1/2, -1/2, 1/2, 3/2)
#   population growth (0, 2, 4, 4, 5)  mean 3  z = (-3/2, -1/2, 1/2, 1/2, 1)
#   employment growth (1, 0, 5, 3, 1)  mean 2  z = (-1/2, -1, 3/2, 1/2, -1/2)
#   business divers.  (0, 5, 1, 1, 3)  mean 2  z = (-1, 3/2, -1/2, -1/2, 1/2)
NUMBERS = ("1826", "1875", "5632", "4636", "0301")
HAND = {
    nr: Indicators(c, p, e, b)
    for nr, c, p, e, b in zip(
        NUMBERS, (0, 1, 1, 3, 5), (0, 2, 4, 4, 5), (1, 0, 5, 3, 1), (0, 5, 1, 1, 3), strict=True
    )
}


def test_compute_index_by_hand_default_method() -> None:
    # S = 40 z1 + 40 z2 + 10 z3 + 10 z4 = (-115, -35, 10, 40, 100); span 215;
    # scores 100 (S + 115)/215 = 0, 1600/43, 2500/43, 3100/43, 100.
    index = compute_index(HAND, places=4)
    assert [index.scores[nr] for nr in NUMBERS] == [
        Decimal("0.0000"),
        Decimal("37.2093"),
        Decimal("58.1395"),
        Decimal("72.0930"),
        Decimal("100.0000"),
    ]
    full = compute_index(HAND)
    assert abs(Fraction(full.scores["1875"]) - Fraction(1600, 43)) < Fraction(1, 10**45)


def test_compute_index_truncation_changes_the_result() -> None:
    # Truncated at 1: z1 = (-1, -1/2, -1/2, 1/2, 1), z2 = (-1, -1/2, 1/2, 1/2, 1),
    # z3 = (-1/2, -1, 1, 1/2, -1/2), z4 = (-1, 1, -1/2, -1/2, 1/2):
    # S = (-95, -40, 5, 40, 80); span 175; scores 0, 220/7, 400/7, 540/7, 100.
    index = compute_index(HAND, truncation=1, places=2)
    assert [index.scores[nr] for nr in NUMBERS] == [
        Decimal("0.00"),
        Decimal("31.43"),
        Decimal("57.14"),
        Decimal("77.14"),
        Decimal("100.00"),
    ]
    assert compute_index(HAND, truncation=None) == compute_index(HAND)


def test_compute_index_weights_are_a_parameter() -> None:
    # Equal weights: S = z1 + z2 + z3 + z4 = (-4, -1/2, 1, 1, 5/2); span 13/2.
    index = compute_index(HAND, weights=(1, 1, 1, 1), places=3)
    assert [index.scores[nr] for nr in NUMBERS] == [
        Decimal("0.000"),
        Decimal("53.846"),
        Decimal("76.923"),
        Decimal("76.923"),
        Decimal("100.000"),
    ]
    # Only employment growth: the scores are its own min-max rescaling.
    only = compute_index(HAND, weights=(0, 0, 1, 0), year=2025)
    assert [only.scores[nr] for nr in NUMBERS] == [20, 0, 100, 60, 20]
    assert only.year == 2025


def test_compute_index_three_municipalities() -> None:
    index = compute_index(
        {
            "1826": Indicators(1, 3, 2, 1),
            "1875": Indicators(2, 2, 1, 3),
            "0301": Indicators(3, 1, 3, 2),
        }
    )
    # z1 = (-1, 0, 1), z2 = (1, 0, -1), z3 = (0, -1, 1), z4 = (-1, 1, 0);
    # S = (-10, 0, 10) → 0, 50, 100.
    assert [index.scores[nr] for nr in ("1826", "1875", "0301")] == [0, 50, 100]


@pytest.mark.parametrize(
    ("indicators", "kwargs", "fragment"),
    [
        ({"1826": Indicators(1, 1, 1, 1)}, {}, "at least two"),
        ({"1826": Indicators(1, 1, 1, 1), "1875": Indicators(1, 2, 2, 2)}, {}, "centrality"),
        (HAND, {"weights": (1, 1, 1)}, "four numbers"),
        (HAND, {"weights": (1, 1, 1, -1)}, "four numbers"),
        (HAND, {"weights": (0, 0, 0, 0)}, "four numbers"),
        (HAND, {"weights": (0.4, 0.4, 0.1, 0.1)}, "floats are refused"),
        (HAND, {"truncation": 0}, "truncation"),
        (HAND, {"precision": 5}, "precision"),
        ({"1826": "x", "1875": Indicators(1, 1, 1, 1)}, {}, "expected Indicators"),
        (
            {"1826": Indicators(1, 2, 1, 2), "1875": Indicators(2, 1, 2, 1)},
            {"weights": (1, 1, 1, 1)},
            "same weighted sum",
        ),
    ],
)
def test_compute_index_refusals(
    indicators: object, kwargs: dict[str, object], fragment: str
) -> None:
    with pytest.raises(InvalidParameter) as info:
        compute_index(indicators, **kwargs)  # type: ignore[arg-type]
    assert fragment in info.value.en


def test_indicators_refuse_floats() -> None:
    with pytest.raises(InvalidParameter):
        Indicators(0.5, 1, 1, 1)
    with pytest.raises(InvalidParameter):
        Indicators(Decimal("NaN"), 1, 1, 1)


@given(
    st.lists(
        st.tuples(st.integers(-(10**6), 10**6), st.integers(-1000, 1000)),
        min_size=3,
        max_size=12,
    ).filter(lambda rows: len({c for c, _ in rows}) > 1 and len({p for _, p in rows}) > 1)
)
def test_compute_index_is_a_min_max_rescaling_in_0_100(rows: list[tuple[int, int]]) -> None:
    numbers = [k.kommunenummer for k in register(2024)][: len(rows)]
    indicators = {
        nr: Indicators(Decimal(c) / 10, p, 1 + i % 2, i % 3)
        for i, (nr, (c, p)) in enumerate(zip(numbers, rows, strict=True))
    }
    index = compute_index(indicators, weights=(1, 0, 0, 0), truncation=None)
    values = [index.scores[nr] for nr in numbers]
    assert min(values) == 0
    assert max(values) == 100
    low = min(c for c, _ in rows)
    high = max(c for c, _ in rows)
    for (c, _), score in zip(rows, values, strict=True):
        expected = Fraction(100 * (c - low), high - low)
        assert abs(Fraction(score) - expected) < Fraction(1, 10**40)


# ---------------------------------------------------------------------------------------------
# KDD's workbook as published (issue 15 point 1)

REG = register(2024)
FORMULA_EN = "the cell holds a formula that was never computed: open and save the file in Excel"


def _score_of(nr: str) -> Decimal:
    return Decimal(int(nr) % 997) / 10


def _kdd_book(path: Path, *, header: list[str] | None = None, per_county: int = 3) -> Path:
    """A workbook shaped like KDD's published one: a cover sheet, then «Rådata» with title rows
    above the header, a few municipalities per county each followed by the county's subtotal
    row, a «Landet» row and a national average row (``0``), a ``DI 2025`` column and a rank
    column of formulas that were never computed (openpyxl stores no value for them)."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    front = book.create_sheet("Forside")
    front.append(["Distriktsindeksen 2025"])
    front.append(["Kilde: Kommunal- og distriktsdepartementet"])
    raw = book.create_sheet("Rådata")
    raw.append(["Distriktsindeksen 2025 - rådata og indeksverdier"])
    raw.append(["Kilde: SSB, KDD"])
    raw.append([])
    raw.append(header or ["KNR", "KNAVN", "SSB Sentralitet", "DI 2025", "Rang"])
    row = 5
    for county in REG.counties:
        for k in [k for k in REG if k.fylkesnummer == county.fylkesnummer][:per_county]:
            score = float(_score_of(k.kommunenummer))
            raw.append([int(k.kommunenummer), k.name, 700, score, f"=RANK(D{row},D:D,1)"])
            row += 1
        raw.append([int(county.fylkesnummer), county.name, None, 55.5, None])
        row += 1
    raw.append([None, "Landet", None, 74.5, None])
    raw.append([0, "Gjennomsnitt for hele landet", None, 74.5, None])
    book.save(path)
    return path


def _expected(per_county: int = 3) -> dict[str, Decimal]:
    return {
        k.kommunenummer: _score_of(k.kommunenummer)
        for county in REG.counties
        for k in [k for k in REG if k.fylkesnummer == county.fylkesnummer][:per_county]
    }


def test_kdd_workbook_as_published_is_read_and_its_totals_named(tmp_path: Path) -> None:
    index = read_index(_kdd_book(tmp_path / "distriktsindeksen-2025.xlsx"))
    assert dict(index.scores) == _expected()
    assert index.year == 2025
    assert index.source is not None
    assert index.source.endswith("(Rådata)")
    assert not index.illustrative
    skipped = index.notes[-1]
    en, nb = skipped("en"), skipped("nb")
    assert en.startswith(f"the file {index.source} has 17 rows that are no municipality")
    assert "skipped: rows 6 «3 Oslo», 10 «11 Rogaland», 14 «15 Møre og Romsdal»" in en
    assert en.endswith("63 «Landet» and 64 «0 Gjennomsnitt for hele landet»")
    assert nb.startswith(f"fila {index.source} har 17 rader som ikke er kommuner")
    assert nb.endswith("63 «Landet» og 64 «0 Gjennomsnitt for hele landet»")


@pytest.mark.parametrize("header", ["Skår", "skår 2025", "DI", "Distriktsindeksen 2025"])
def test_score_columns_as_kdd_heads_them(tmp_path: Path, header: str) -> None:
    path = _kdd_book(tmp_path / "di.xlsx", header=["KNR", "KNAVN", "SSB", header, "Rang"])
    assert dict(read_index(path).scores) == _expected()


def test_two_score_columns_are_refused_naming_both_and_the_option(tmp_path: Path) -> None:
    path = _kdd_book(tmp_path / "two.xlsx", header=["KNR", "KNAVN", "Skår", "DI 2025", "Rang"])
    with pytest.raises(InvalidIndex) as info:
        read_index(path)
    (problem,) = info.value.problems
    assert problem.where == "row 4"
    assert "Skår, DI 2025" in problem.en
    assert "--score-column" in problem.en
    assert "flere kolonner kan være skåren: Skår, DI 2025; velg én med score_column" in problem.nb
    chosen = read_index(path, score_column="di 2025")  # by its header, any case
    assert dict(chosen.scores) == _expected()
    assert chosen.year == 2025
    with pytest.raises(InvalidIndex) as info:  # the column chosen is read: it holds 700
        read_index(path, score_column="Skår")
    assert info.value.problems[0].en == "the score 700 is outside 0-100"
    assert info.value.problems[0].where == "row 5, column Skår"


def test_columns_and_sheet_chosen_by_name(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.active.title = "Notater"
    book.active.append(["Ingen data her"])
    data = book.create_sheet("Tabell 2")
    data.append(["Kommunenr 2024", "Navn", "Indeksverdi"])
    data.append([1826, "Hattfjelldal", 12.5])
    path = tmp_path / "named.xlsx"
    book.save(path)
    with pytest.raises(InvalidIndex) as info:
        read_index(path)
    en = info.value.problems[0].en
    assert "sheets: Notater, Tabell 2" in en
    assert "Tabell 2: Kommunenr 2024, Navn, Indeksverdi" in en  # the columns it saw
    index = read_index(
        path, sheet="tabell 2", knr_column="Kommunenr 2024", score_column="Indeksverdi"
    )
    assert dict(index.scores) == {"1826": Decimal("12.5")}
    with pytest.raises(InvalidIndex) as info:
        read_index(path, sheet="Rådata")
    assert info.value.problems[0].en == (
        "the workbook has no sheet 'Rådata'; its sheets are: Notater, Tabell 2"
    )
    assert "arkene er: Notater, Tabell 2" in info.value.problems[0].nb
    with pytest.raises(InvalidIndex) as info:
        read_index(path, score_column="Indeksverdi")
    assert "found no sheet with the columns KNR and Indeksverdi" in info.value.problems[0].en
    with pytest.raises(InvalidIndex) as info:
        read_index(b"knr;indeks\n1826;1\n", sheet="Rådata")
    assert "a CSV file has no sheets" in info.value.problems[0].en
    with pytest.raises(InvalidIndex) as info:
        read_index(b"knr;verdi\n1826;1\n", score_column="Skår")
    assert info.value.problems[0].where == "line 1"
    assert info.value.problems[0].en == (
        "no column 'Skår' (named by score_column (--score-column)); found: knr, verdi"
    )


def test_formula_scores_without_a_cached_value_say_so(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Rådata"
    sheet.append(["Distriktsindeksen 2025"])
    sheet.append(["KNR", "KNAVN", "DI 2025"])
    sheet.append([1826, "Hattfjelldal", "=10+2.5"])
    sheet.append([1875, "Hamarøy", 20.5])
    sheet.append([None, "Landet", "=AVERAGE(C3:C4)"])
    path = tmp_path / "formulas.xlsx"
    book.save(path)
    with pytest.raises(InvalidIndex) as info:
        read_index(path)
    got = [(p.where, p.en) for p in info.value.problems]
    assert got == [("row 3, column DI 2025", FORMULA_EN)]  # «Landet» is skipped, not a problem
    assert "formel som aldri er regnet ut" in info.value.problems[0].nb


def test_csv_problems_say_line_and_xlsx_problems_say_row(tmp_path: Path) -> None:
    with pytest.raises(InvalidIndex) as csv_info:
        read_index(b"knr;indeks\n1826;1\n1826;2\n")
    assert wheres(csv_info.value) == ["line 3, column knr"]
    assert csv_info.value.problems[0].en == "kommunenummer 1826 is also on line 2"
    book = openpyxl.Workbook()
    for row in (["KNR", "Indeks"], [1826, 1], [1826, 2]):
        book.active.append(row)
    path = tmp_path / "dup.xlsx"
    book.save(path)
    with pytest.raises(InvalidIndex) as xlsx_info:
        read_index(path)
    assert wheres(xlsx_info.value) == ["row 3, column KNR"]
    assert xlsx_info.value.problems[0].en == "kommunenummer 1826 is also on row 2"
    assert xlsx_info.value.problems[0].nb == "kommunenummer 1826 står også på rad 2"


def test_a_file_of_only_totals_has_no_municipalities() -> None:
    with pytest.raises(InvalidIndex) as info:
        read_index(b"knr;navn;DI 2025\n;Landet;74,5\n18;Nordland;40\n")
    assert [(p.where, p.en) for p in info.value.problems] == [
        ("line 1", "the file has no municipalities below the header")
    ]


def test_a_workbook_saved_as_csv_keeps_its_title_lines() -> None:
    text = "Distriktsindeksen 2025;;\nKilde: KDD;;\n\nKNR;KNAVN;DI 2025\n1826;Hattfjelldal;12,5\n"
    index = read_index((text + ";Landet;74,5\n").encode())
    assert dict(index.scores) == {"1826": Decimal("12.5")}
    assert index.year == 2025
    assert index.notes[0]("en").endswith("it was skipped: line 6 «Landet»")
    with pytest.raises(InvalidIndex) as info:  # no header among the lines: the first is told
        read_index(b"Tittel\nknr;verdi\n1826;1\n")
    assert wheres(info.value) == ["line 1", "line 1"]
    assert "found: Tittel" in info.value.problems[0].en


def test_garbage_is_still_a_problem_not_a_skipped_row() -> None:
    with pytest.raises(InvalidIndex) as info:
        read_index(b"knr;navn;indeks\nabcd;x;1\n12x4;y;2\n9999;z;3\n1826;Hattfjelldal;4\n")
    assert wheres(info.value) == ["line 2, column knr", "line 3, column knr", "line 4, column knr"]


TOTAL_ROWS = [
    ("", "Landet"),
    ("0", "Gjennomsnitt for hele landet"),
    ("0000", "Hele landet"),
    ("18", "Nordland"),
    ("56", "Finnmark"),
    ("Nordland", ""),
    ("Sum", ""),
    ("Troms og Finnmark", ""),
    ("", ""),
    ("", "Helgeland"),
]


@given(
    st.dictionaries(
        st.sampled_from([k.kommunenummer for k in REG]),
        st.integers(0, 1000).map(lambda n: Decimal(n) / 10),
        min_size=1,
        max_size=30,
    ),
    st.lists(st.tuples(st.sampled_from(TOTAL_ROWS), st.integers(0, 40)), max_size=8),
)
def test_skipping_total_rows_never_changes_the_municipalities_read(
    scores: dict[str, Decimal], totals: list[tuple[tuple[str, str], int]]
) -> None:
    rows = [
        f"{nr};{REG.municipality(nr).name};{str(s).replace('.', ',')}" for nr, s in scores.items()
    ]
    plain = read_index(("knr;navn;DI 2025\n" + "\n".join(rows) + "\n").encode())
    for (knr, name), at in totals:
        rows.insert(min(at, len(rows)), f"{knr};{name};50")
    with_totals = read_index(("knr;navn;DI 2025\n" + "\n".join(rows) + "\n").encode())
    assert with_totals == plain
    assert dict(with_totals.scores) == scores
    skipped = [n("en") for n in with_totals.notes if "no municipality" in n("en")]
    if totals:
        assert skipped[0].startswith(f"the file has {len(totals)} line")
    else:
        assert skipped == []


@given(
    st.dictionaries(
        st.sampled_from([k.kommunenummer for k in REG]),
        st.integers(0, 10_000).map(lambda n: Decimal(n) / 100),
        min_size=1,
        max_size=25,
    ),
    st.booleans(),
)
def test_the_same_index_as_csv_and_as_xlsx_is_equal(
    tmp_path_factory: pytest.TempPathFactory, scores: dict[str, Decimal], landet: bool
) -> None:
    csv_text = "Distriktsindeksen 2025;;\n\nKNR;KNAVN;DI 2025\n" + "".join(
        f"{nr};{REG.municipality(nr).name};{str(s).replace('.', ',')}\n" for nr, s in scores.items()
    )
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Rådata"
    sheet.append(["Distriktsindeksen 2025"])
    sheet.append(["KNR", "KNAVN", "DI 2025"])
    for nr, s in scores.items():
        sheet.append([int(nr), REG.municipality(nr).name, float(s)])
    if landet:
        csv_text += ";Landet;74,5\n"
        sheet.append([None, "Landet", 74.5])
    path = tmp_path_factory.mktemp("same") / "di.xlsx"
    book.save(path)
    from_csv, from_xlsx = read_index(csv_text.encode()), read_index(path)
    assert from_csv == from_xlsx
    assert from_csv.year == from_xlsx.year == 2025
    assert [n("en").split(":")[0] for n in from_csv.notes] == [
        n("en").split(":")[0].replace(f" {from_xlsx.source}", "").replace("row", "line")
        for n in from_xlsx.notes
    ]


# ---------------------------------------------------------------------------------------------
# Notes on the rows, and the illustrative index (issue 15 point 7)


def test_a_merknad_column_is_reported_in_the_notes() -> None:
    text = (
        "knr;navn;indeks;merknad\n"
        "1826;Hattfjelldal;12,5;Tall fra 2023\n"
        "1875;Hamarøy;20;Tall fra 2023\n"
        "0301;Oslo;90;\n"
    )
    index = read_index(text.encode())
    assert not index.illustrative
    assert [n("en") for n in index.notes] == [
        "note in the index file on 2 municipalities (1826 Hattfjelldal and 1875 Hamarøy):"
        " 'Tall fra 2023'"
    ]
    assert index.notes[0]("nb") == (
        "merknad i indeksfila for 2 kommuner (1826 Hattfjelldal og 1875 Hamarøy): «Tall fra 2023»"
    )


def test_the_shipped_illustrative_index_says_so_in_its_first_note() -> None:
    index = read_index(EXAMPLE)
    assert index.illustrative
    first = index.notes[0]
    assert first("en").startswith(f"ILLUSTRATIVE INDEX: {EXAMPLE} marks 357 rows 'ILLUSTRATIV:")
    assert "not KDD's district index" in first("en")
    assert first("nb").startswith(f"ILLUSTRATIV INDEKS: {EXAMPLE} merker 357 rader «ILLUSTRATIV:")
    assert "oppdiktet" in first("nb")
    assert "oppdikta" in first("nn")
    copy = read_index(EXAMPLE.read_bytes().replace(b"ILLUSTRATIV: ", b"Kilde: "))
    assert not copy.illustrative  # the mark, not the file's name, makes it illustrative


# ---------------------------------------------------------------------------------------------
# The population as published


def _population_book(path: Path, sheet_title: str = "Folketall") -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = sheet_title
    sheet.append(["Folkemengde 1. januar 2024"])
    sheet.append(["Kommunenr.", "Kommune", "Befolkning"])
    for county in REG.counties:
        members = [k for k in REG if k.fylkesnummer == county.fylkesnummer]
        for k in members:
            sheet.append([k.kommunenummer, k.name, k.population])
        sheet.append([county.fylkesnummer, county.name, sum(k.population for k in members)])
    sheet.append(["0", "Hele landet", REG.population])
    book.save(path)
    return path


def test_population_workbook_as_published(tmp_path: Path) -> None:
    path = _population_book(tmp_path / "folketall.xlsx")
    population = read_population(path)
    assert dict(population) == {k.kommunenummer: k.population for k in REG}
    assert isinstance(population, PopulationTable)
    notes = population.notes
    assert len(notes) == 1
    source = f"{path} (Folketall)"  # the file is named: an index may be read with it
    assert population.source == source
    assert notes[0]("en").startswith(f"the file {source} has 16 rows that are no municipality")
    assert "«18 Nordland»" in notes[0]("en")
    assert "«0 Hele landet»" in notes[0]("en")
    assert notes[0]("nb").startswith(f"fila {source} har 16 rader som ikke er kommuner")


def test_population_sheet_and_columns_chosen_and_refusals_listed(tmp_path: Path) -> None:
    path = _population_book(tmp_path / "pop.xlsx", "Tabell")
    book = openpyxl.load_workbook(path)
    book["Tabell"]["C2"] = "Personer"
    book.create_sheet("Personer 2023").append(["KNR", "Personer"])
    book.save(path)
    with pytest.raises(InvalidIndex) as info:
        read_population(path)
    en = info.value.problems[0].en
    assert "found no sheet with a KNR column and a population column" in en
    assert "sheets: Tabell, Personer 2023" in en
    assert "Tabell: Kommunenr., Kommune, Personer" in en
    assert "--population-column" in en
    population = read_population(path, sheet="Tabell", population_column="Personer")
    assert sum(population.values()) == REG.population
    with pytest.raises(InvalidIndex) as info:
        read_population(path, sheet="Befolkning")
    assert "its sheets are: Tabell, Personer 2023" in info.value.problems[0].en
    with pytest.raises(InvalidIndex) as info:
        read_population(b"knr;folketall;innbyggere\n1826;1;1\n")
    assert "choose one with population_column (--population-column)" in (info.value.problems[0].en)
