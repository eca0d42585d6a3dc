"""Hostile index and population files: refused with a located, bilingual problem, or read
correctly at a bounded cost (issue 10, points 5 and 12). Nothing here is timed: the times and
peaks are in ``benchmarks/hostile.py``."""

from __future__ import annotations

import io
import re
import tracemalloc
import zipfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st

import post65.districtindex as di
import post65.districtindex.xlsx as xlsx
from post65.districtindex import DistrictIndex, read_index, read_population
from post65.errors import InvalidIndex, Post65Error
from post65.geography import register

SHEET = "xl/worksheets/sheet1.xml"


def _workbook(path: Path, rows: list[list[object]], title: str = "Rådata") -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = title
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def _rewrite(path: Path, member: str, change: dict[bytes, bytes]) -> Path:
    """Rewrite one part of a zip, replacing bytes (each replacement must apply)."""
    with zipfile.ZipFile(path) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    for old, new in change.items():
        assert old in parts[member], old
        parts[member] = parts[member].replace(old, new)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


def _both(exc: Post65Error) -> tuple[str, str]:
    assert isinstance(exc, InvalidIndex)
    return exc.problems[0].nb, exc.problems[0].en


def _population_rows() -> list[list[object]]:
    rows: list[list[object]] = [["KNR", "Folketall"]]
    rows.extend([int(k.kommunenummer), k.population] for k in register(2024))
    return rows


# ---------------------------------------------------------------------------------------------
# Point 5: a worksheet's declared size, zip bombs, large CSV files


def test_a_huge_declared_dimension_is_not_padded_and_reads_the_right_rows(tmp_path: Path) -> None:
    path = _workbook(
        tmp_path / "wide.xlsx", [["KNR", "Indeks"], [1826, 12.5], [None, None], [9999, 3]]
    )
    # the sheet declares every column and a million rows, row 3 has a cell in column XFD only,
    # and row 30 follows a gap
    _rewrite(
        path,
        SHEET,
        {
            b'<dimension ref="A1:B4"': b'<dimension ref="A1:XFD1048576"',
            b'<row r="3"></row>': b'<row r="3"><c r="XFD3"><v>7</v></c></row>',
            b"</sheetData>": b'<row r="30"><c r="A30"><v>1826</v></c></row></sheetData>',
        },
    )
    with pytest.raises(InvalidIndex) as info:
        read_index(path)
    # the cell in column XFD is ignored (row 3 is empty); rows 4 and 30 keep their numbers
    assert [p.where for p in info.value.problems] == [
        "row 4, column KNR",
        "row 30, column KNR",
        "row 30, column Indeks",
    ]
    assert "9999" in info.value.problems[0].en
    assert info.value.problems[1].en == "kommunenummer 1826 is also on row 2"


def test_a_dimension_smaller_than_the_data_does_not_hide_rows(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "lie.xlsx", [["KNR", "Indeks"], [1826, 1], [1875, 2], [301, 3]])
    _rewrite(path, SHEET, {b'<dimension ref="A1:B4"': b'<dimension ref="A1:A1"'})
    assert dict(read_index(path).scores) == {
        "0301": Decimal(3),
        "1826": Decimal(1),
        "1875": Decimal(2),
    }


def test_a_score_right_of_the_column_cap_is_ignored(tmp_path: Path) -> None:
    gap: list[object] = [None] * di.MAX_XLSX_COLUMNS
    path = _workbook(tmp_path / "far.xlsx", [["KNR", *gap, "Indeks"], [1826, *gap, 1]])
    with pytest.raises(InvalidIndex) as info:
        read_index(path)
    assert "found no sheet" in info.value.problems[0].en


def test_a_zip_bomb_is_refused_before_it_is_opened(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _workbook(tmp_path / "bomb.xlsx", [["KNR", "Indeks"], [1826, 1]])
    _rewrite(path, SHEET, {b"</sheetData>": b"</sheetData>" + b" " * 200_000})
    assert read_index(path).scores["1826"] == 1  # under the limit: read
    monkeypatch.setattr(xlsx, "MAX_XLSX_UNPACKED_BYTES", 100_000)
    opened: list[object] = []
    monkeypatch.setattr(openpyxl, "load_workbook", lambda *a, **k: opened.append(a))
    with pytest.raises(InvalidIndex) as info:
        read_index(path)
    assert opened == []
    problem = info.value.problems[0]
    assert problem.where == str(path)
    assert re.search(r"unpack to [0-9]{6} bytes \(the part 'xl/worksheets/sheet1.xml'", problem.en)
    assert "0 MiB is not read" in problem.en
    assert "utpakket" in problem.nb
    assert "leses ikke" in problem.nb


def test_a_workbook_with_too_many_parts_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _workbook(tmp_path / "parts.xlsx", [["KNR", "Indeks"], [1826, 1]])
    monkeypatch.setattr(xlsx, "MAX_XLSX_PARTS", 3)
    with pytest.raises(InvalidIndex) as info:
        read_index(path)
    nb, en = _both(info.value)
    assert "more than 3 parts" in en
    assert "mer enn 3 deler" in nb


def test_a_part_larger_than_it_declares_is_not_read(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "liar.xlsx", [["KNR", "Indeks"], [1826, 1]])
    data = bytearray(path.read_bytes())
    name = SHEET.encode()
    at = data.find(b"PK\x01\x02" + b"\x00" * 0)  # the central directory entries
    while at >= 0:
        length = int.from_bytes(data[at + 28 : at + 30], "little")
        if data[at + 46 : at + 46 + length] == name:
            data[at + 24 : at + 28] = (10).to_bytes(4, "little")  # the declared size
            break
        at = data.find(b"PK\x01\x02", at + 4)
    assert at >= 0
    with pytest.raises(InvalidIndex) as info:
        read_index(bytes(data))
    assert "cannot read the xlsx file" in info.value.problems[0].en


def test_many_bad_lines_keep_200_problems_and_count_the_rest_exactly() -> None:
    # each of the 1000 lines has two problems: an unknown number and a score that is no number
    rows = "".join(f"{9000 + i % 500};x{i}\n" for i in range(1000))
    with pytest.raises(InvalidIndex) as info:
        read_index(("knr;indeks\n" + rows).encode())
    problems = info.value.problems
    assert len(problems) == 201
    assert [p.where for p in problems[:4]] == [
        "line 2, column knr",
        "line 2, column indeks",
        "line 3, column knr",
        "line 3, column indeks",
    ]
    assert problems[199].where == "line 101, column indeks"
    assert problems[-1].en == "and 1800 more problems"
    assert problems[-1].nb == "og 1800 feil til"


def test_many_bad_population_lines_are_counted_exactly() -> None:
    rows = "".join(f"1826;{i}\n" for i in range(700))  # 699 duplicates
    with pytest.raises(InvalidIndex) as info:
        read_population(("knr;folketall\n" + rows).encode())
    assert info.value.problems[0].en == "kommunenummer 1826 is also on line 2"
    assert info.value.problems[-1].en == "and 499 more problems"


def test_a_large_csv_is_streamed_not_held_as_rows() -> None:
    data = ("knr;indeks\n" + "9999;1\n1826;x\n1826;2\n" * 30_000).encode()  # 90 000 lines
    tracemalloc.start()
    try:
        with pytest.raises(InvalidIndex) as info:
            read_index(data)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    # 30 000 unknown numbers, 30 000 scores that are no number, 59 999 duplicates
    assert info.value.problems[-1].en == f"and {30_000 * 4 - 1 - 200} more problems"
    # the rows held as tuples of strings took about 20 MB
    assert peak < 4 * 1024 * 1024


@pytest.mark.parametrize("before", [100, (1 << 20) - 1, (1 << 20) - 13])
def test_a_bad_byte_is_located_exactly_in_a_large_file(before: int) -> None:
    head = b"knr;indeks\n"
    filler = b"#" * (before - len(head) - 2) + "ø".encode()  # a 2-byte character
    data = head + filler + b"\xff\n1826;1\n"
    with pytest.raises(InvalidIndex) as info:
        read_index(data)
    assert f"(byte {before})" in info.value.problems[0].en


# ---------------------------------------------------------------------------------------------
# Point 12: clear messages


def test_an_encrypted_workbook_is_called_password_protected(tmp_path: Path) -> None:
    # an encrypted OOXML file is a compound (CFB) file holding an "EncryptedPackage" stream
    data = (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        + b"\x00" * 504
        + "EncryptionInfo".encode("utf-16-le")
        + b"\x00" * 50
        + "EncryptedPackage".encode("utf-16-le")
        + b"\x00" * 200
    )
    path = tmp_path / "secret.xlsx"
    path.write_bytes(data)
    with pytest.raises(InvalidIndex) as info:
        read_population(path)
    nb, en = _both(info.value)
    assert info.value.problems[0].where == str(path)
    assert "password-protected" in en
    assert ".xls" not in en
    assert "passordbeskyttet" in nb
    # a compound file without it is an old Excel file
    with pytest.raises(InvalidIndex) as info:
        read_index(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    assert "old Excel files (.xls)" in info.value.problems[0].en


FORMULA_NB = "cellen inneholder en formel som aldri er regnet ut: åpne og lagre filen i Excel"
FORMULA_EN = "the cell holds a formula that was never computed: open and save the file in Excel"


def test_formulas_never_computed_are_named(tmp_path: Path) -> None:
    # openpyxl writes formulas without a computed value, as a program that never ran Excel does
    path = _workbook(
        tmp_path / "formulas.xlsx",
        [
            ["KNR", "Navn", "Indeks"],
            [1826, "a", "=1+1"],
            ["=1800+75", "b", 3],
            [None, "=x", None],
            [1875, "c", None],
        ],
    )
    with pytest.raises(InvalidIndex) as info:
        read_index(path)
    got = [(p.where, p.nb, p.en) for p in info.value.problems]
    # a worksheet's places are rows; row 4 (a blank KNR) is no municipality and is skipped
    assert got == [
        ("row 2, column Indeks", FORMULA_NB, FORMULA_EN),
        ("row 3, column KNR", FORMULA_NB, FORMULA_EN),
        ("row 5, column Indeks", "skåren mangler", "the score is missing"),
    ]


def test_formulas_with_a_computed_value_are_read(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "computed.xlsx", [["KNR", "Indeks"], [1826, "=1+1"]])
    with zipfile.ZipFile(path) as archive:  # openpyxl writes <v /> or <v></v> (its XML writer)
        empty = b"<v />" if b"<f>1+1</f><v />" in archive.read(SHEET) else b"<v></v>"
    _rewrite(path, SHEET, {b"<f>1+1</f>" + empty: b"<f>1+1</f><v>2</v>"})
    assert read_index(path).scores["1826"] == 2


def test_a_population_formula_never_computed(tmp_path: Path) -> None:
    rows = _population_rows()
    rows[5][1] = "=2*3"
    path = _workbook(tmp_path / "pop.xlsx", rows)
    with pytest.raises(InvalidIndex) as info:
        read_population(path)
    assert [(p.where, p.en) for p in info.value.problems] == [
        ("row 6, column Folketall", FORMULA_EN)
    ]


@pytest.mark.parametrize("digits", [13, 5000])
def test_a_number_too_long_in_a_csv_file(digits: int) -> None:
    long = "1" * digits
    with pytest.raises(InvalidIndex) as info:
        read_index(f"knr;indeks\n1826;{long}\n1875;0,{long * 3}\n".encode())
    problems = info.value.problems
    assert [p.en for p in problems] == [
        f"the number is too long ({digits} digits)",
        f"the number is too long ({3 * digits + 1} digits)",
    ]
    assert problems[0].nb == f"tallet er for langt ({digits} sifre)"
    lines = "\n".join(f"{k.kommunenummer};{k.population}" for k in register(2024))
    lines = lines.replace("\n1826;", f"\n1826;{long}\n9999;", 1)
    with pytest.raises(InvalidIndex) as info:
        read_population(("knr;folketall\n" + lines).encode())
    assert f"the number is too long ({digits} digits)" in [p.en for p in info.value.problems]
    assert not any("max_str_digits" in p.en for p in info.value.problems)


def test_a_number_too_long_in_a_workbook(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "long.xlsx", [["KNR", "Indeks"], [1826, 1], [1875, 2]])
    _rewrite(path, SHEET, {b"<v>2</v>": b"<v>" + b"7" * 5000 + b"</v>"})
    with pytest.raises(InvalidIndex) as info:
        read_index(path)
    problem = info.value.problems[0]
    assert (problem.where, problem.en) == (
        f"{path}, cell B3",
        "a number in the workbook is too long (5000 digits)",
    )
    assert problem.nb == "et tall i arbeidsboken er for langt (5000 sifre)"
    assert "max_str_digits" not in problem.en
    # a number that can be read but is longer than any score or population
    _rewrite(path, SHEET, {b"7" * 5000: b"7" * 100})
    with pytest.raises(InvalidIndex) as info:
        read_index(path)
    assert [(p.where, p.en) for p in info.value.problems] == [
        ("row 3, column Indeks", "the number is too long (100 digits)")
    ]
    rows = _population_rows()
    rows[1][1] = 10**40
    with pytest.raises(InvalidIndex) as info:
        read_population(_workbook(tmp_path / "pop.xlsx", rows))
    assert [p.en for p in info.value.problems] == ["the number is too long (41 digits)"]


def test_a_score_too_long_given_in_python() -> None:
    with pytest.raises(InvalidIndex) as info:
        DistrictIndex({"1826": 10**5000})
    assert info.value.problems[0].en == "the number is too long (5001 digits)"


@pytest.mark.parametrize("text", ["-0", "-0,0", "−0", "+0"])
def test_minus_zero_is_read_as_zero(text: str) -> None:
    score = read_index(f"knr;indeks\n1826;{text}\n".encode()).scores["1826"]
    assert score == 0
    assert not score.is_signed()


def test_minus_zero_from_a_workbook_and_from_python(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "zero.xlsx", [["KNR", "Indeks"], [1826, -0.0]])
    score = read_index(path).scores["1826"]
    assert score == 0
    assert not score.is_signed()
    built = DistrictIndex({"1826": Decimal("-0.00")}).scores["1826"]
    assert str(built) == "0.00"
    assert DistrictIndex({"1826": Decimal("-0")}) == DistrictIndex({"1826": 0})


def test_bytes_of_a_workbook_read_like_its_path(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "b.xlsx", [["KNR", "Indeks"], [1826, 4]])
    assert read_index(io.BytesIO(path.read_bytes()).getvalue()).scores["1826"] == 4


def test_rows_beyond_the_row_limit_are_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _workbook(tmp_path / "tall.xlsx", [["KNR", "Indeks"], [1826, 1]])
    _rewrite(
        path, SHEET, {b"</sheetData>": b'<row r="50"><c r="A50"><v>1</v></c></row></sheetData>'}
    )
    monkeypatch.setattr(xlsx, "MAX_XLSX_ROWS", 40)
    with pytest.raises(InvalidIndex) as info:
        read_index(path)
    problem = info.value.problems[0]
    assert problem.where == f"{path} (Rådata)"
    assert problem.en == "the sheet has more than 40 rows"
    assert problem.nb == "arket har mer enn 40 rader"


def test_cells_right_of_the_header_are_ignored(tmp_path: Path) -> None:
    path = _workbook(
        tmp_path / "notes.xlsx",
        [["KNR", "Indeks", None, "Merknad"], [1826, 1, None, "x"], [1875, 2, None, None, "y"]],
    )
    assert dict(read_index(path).scores) == {"1826": Decimal(1), "1875": Decimal(2)}
    path = _workbook(
        tmp_path / "beyond.xlsx", [["KNR", "Indeks"], [1826, 1, "extra"], [None, None, 5]]
    )
    assert dict(read_index(path).scores) == {"1826": Decimal(1)}


_CELLS = st.sampled_from(["1826", "1826", "0301", "1507", "9999", "x", "18", "", "301", "1804"])
_SCORES = st.sampled_from(["12,5", "x", "101", "", "-0", "50", "7.25"])


@given(
    st.lists(st.tuples(_CELLS, _SCORES, st.booleans()), min_size=1, max_size=60),
    st.booleans(),
)
def test_counting_past_the_reported_problems_counts_what_reading_all_would_find(
    rows: list[tuple[str, str, bool]], map_old: bool
) -> None:
    """Once the reported problems are full, the rest are only counted (a faster path); the
    total is the same as when every problem is built."""
    import post65.districtindex.index as index_module

    text = "knr;indeks\n" + "".join(
        f"{nr};{score}{';extra' if extra else ''}\n" for nr, score, extra in rows
    )

    def total(cap: int) -> int:
        original = getattr(index_module, "_MAX_REPORTED")  # noqa: B009 - a private name
        setattr(index_module, "_MAX_REPORTED", cap)  # noqa: B010
        try:
            read_index(text.encode(), map_old_numbers=map_old)
        except InvalidIndex as exc:
            last = exc.problems[-1]
            rest = int(last.en.split()[1]) if last.where == "..." else 0
            return len(exc.problems) - (1 if rest else 0) + rest
        finally:
            setattr(index_module, "_MAX_REPORTED", original)  # noqa: B010
        return 0

    assert total(2) == total(10**9)


@pytest.mark.parametrize("separator", [",", ";", "\t"])
def test_a_line_of_more_columns_than_a_spreadsheet_is_refused_at_once(separator: str) -> None:
    """A header of a million separators was cut into a million cells, each read as a possible
    header (10 million: 18 s and 1 GB); a line of more than 16 384 columns is refused at its
    number, before it is cut."""
    for data, line in (
        (separator * 1_000_000 + "\n1804;1\n", 1),
        ("knr;indeks\n1804;1\n" + "1826" + separator * 20_000 + "\n", 3),
    ):
        with pytest.raises(InvalidIndex) as info:
            read_index(data.encode())
        (problem,) = info.value.problems
        assert problem.where == f"line {line}"
        assert (
            problem.en
            == "the line has more than 16\u00a0384 columns; a spreadsheet has at most 16\u00a0384"
        )
        assert (
            problem.nb
            == "linjen har mer enn 16\u00a0384 kolonner; et regneark har høyst 16\u00a0384"
        )


def test_a_line_of_as_many_columns_as_a_spreadsheet_is_read() -> None:
    wide = "knr;indeks" + ";" * (16_384 - 2) + "\n1826;1\n1804;2\n"
    assert dict(read_index(wide.encode()).scores) == {"1826": 1, "1804": 2}
