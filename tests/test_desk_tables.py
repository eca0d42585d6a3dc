"""Excel out (issue 15 point 2): workbooks read back with openpyxl, CSV in the chosen language
and dialect, and the sum row."""

from __future__ import annotations

import csv
import io
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from post65.cli import main
from post65.tables import Column, Kind, MissingExtra, Table, csv_text, xlsx_bytes

ROOT = Path(__file__).resolve().parent.parent
INDEX = str(ROOT / "examples" / "illustrative-index.csv")
PORTFOLIO = str(ROOT / "examples" / "nordland-2024.portfolio.json")
ALLOCATE = ["allocate", "--amount", "120 MNOK", "--index", INDEX, "--lowest", "100"]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def sheet_rows(path: Path, sheet: int = 0) -> list[tuple[Any, ...]]:
    book = openpyxl.load_workbook(path)
    return list(book.worksheets[sheet].iter_rows(values_only=True))


# ------------------------------------------------------------------------------------------
# allocate


@pytest.mark.parametrize(
    ("lang", "header", "total"),
    [("nb", "Fylke", "Sum"), ("nn", "Fylke", "Sum"), ("en", "County", "Total")],
)
def test_allocation_workbook_has_numbers_a_sum_row_and_headers_in_the_language(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, lang: str, header: str, total: str
) -> None:
    out = tmp_path / "a.xlsx"
    code, stdout, err = run(
        capsys, *ALLOCATE, "--format", "xlsx", "--output", str(out), "--lang", lang
    )
    assert code == 0, err
    assert stdout == ""
    book = openpyxl.load_workbook(out)
    assert len(book.worksheets) == 2  # the allocation and its target municipalities
    rows = list(book.worksheets[0].iter_rows(values_only=True))
    assert rows[0][1] == header
    counties, last = rows[1:-1], rows[-1]
    assert len(counties) == 15
    assert last[1] == total
    amounts = [r[5] for r in counties]
    assert all(isinstance(a, int) for a in amounts)
    assert sum(amounts) == last[5] == 120_000_000
    assert sum(r[3] for r in counties) == last[3]
    cells = list(book.worksheets[0].iter_rows())
    assert cells[1][5].number_format == '#,##0 "kr"'
    targets = list(book.worksheets[1].iter_rows(values_only=True))
    assert len(targets) == 1 + 100 + 1
    assert sum(r[4] for r in targets[1:-1]) == targets[-1][4] == last[3]


def test_the_same_allocation_gives_the_same_workbook_bytes(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    a, b = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    assert run(capsys, *ALLOCATE, "--format", "xlsx", "--output", str(a))[0] == 0
    assert run(capsys, *ALLOCATE, "--format", "xlsx", "--output", str(b))[0] == 0
    assert a.read_bytes() == b.read_bytes()
    props = openpyxl.load_workbook(a).properties
    assert props.created.year == props.modified.year == 2000


def test_xlsx_needs_output_and_output_needs_xlsx(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, *ALLOCATE, "--format", "xlsx")
    assert code == 2
    assert "--output" in err
    code, _, err = run(capsys, "municipalities", "--output", "x.xlsx", "--lang", "en")
    assert code == 2
    assert "only with --format xlsx" in err


def test_without_openpyxl_xlsx_exits_2_naming_the_extra(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    out = tmp_path / "a.xlsx"
    code, _, err = run(capsys, *ALLOCATE, "--format", "xlsx", "--output", str(out))
    assert code == 2
    assert "pip install 'post65[xlsx]'" in err
    assert not out.exists()
    with pytest.raises(MissingExtra):
        xlsx_bytes([Table("x", (Column("a", "A"),), (("1",),))])


def test_allocation_csv_headers_follow_the_language(capsys: pytest.CaptureFixture[str]) -> None:
    _, nb, _ = run(capsys, *ALLOCATE, "--format", "csv")
    _, en, _ = run(capsys, *ALLOCATE, "--format", "csv", "--lang", "en")
    _, nn, _ = run(capsys, *ALLOCATE, "--format", "csv", "--lang", "nn")
    assert nb.splitlines()[0] == "fylkesnummer,fylkesnavn,kommuner,folketall,kvote,beløp"
    assert en.splitlines()[0] == "county_number,county_name,municipalities,population,quota,amount"
    assert nn.splitlines()[0] == "fylkesnummer,fylkesnamn,kommunar,folketal,kvote,beløp"
    assert nb.splitlines()[1:] == en.splitlines()[1:]  # the data are the same
    assert len(nb.splitlines()) == 16  # plain CSV: no sum row, for programs


def test_excel_dialect_semicolon_decimal_comma_bom_and_a_sum_row(
    capsys: pytest.CaptureFixture[str],
) -> None:
    _, out, _ = run(capsys, *ALLOCATE, "--format", "csv", "--csv-dialect", "excel")
    assert out.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(out.removeprefix("\ufeff")), delimiter=";"))
    assert rows[0][0] == "fylkesnummer"
    assert len(rows) == 17
    assert rows[-1][1] == "Sum"
    assert rows[-1][5] == "120000000"
    quota = rows[4][4]  # Nordland's quota, with a decimal comma
    assert "," in quota
    assert "." not in quota
    assert sum(int(r[5]) for r in rows[1:-1]) == 120_000_000
    assert "\r\n" in out


def test_comparison_has_a_workbook_and_a_csv(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out = tmp_path / "c.xlsx"
    argv = [*ALLOCATE, "--compare-lowest", "120"]
    code, _, err = run(capsys, *argv, "--format", "xlsx", "--output", str(out), "--lang", "en")
    assert code == 0, err
    rows = sheet_rows(out)
    assert rows[0][:5] == ("Number", "County", "A", "B", "Difference")
    assert rows[-1][4] == 0  # the differences of two allocations of one amount sum to 0
    assert rows[-1][2] == rows[-1][3] == 120_000_000
    _, text, _ = run(capsys, *argv, "--format", "csv", "--lang", "en")
    assert text.splitlines()[0].startswith("county_number,county_name,amount_a,amount_b")


# ------------------------------------------------------------------------------------------
# municipalities and check


def test_municipalities_workbook(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    out = tmp_path / "m.xlsx"
    code, _, err = run(
        capsys, "municipalities", "--format", "xlsx", "--output", str(out), "--lang", "nn"
    )
    assert code == 0, err
    rows = sheet_rows(out)
    assert rows[0][0] == "Kommunenr."
    assert len(rows) == 1 + 357 + 1
    assert rows[-1][1] == "Sum (357 kommunar)"
    assert rows[-1][4] == sum(r[4] for r in rows[1:-1]) == 5_550_203


def test_municipalities_csv_in_english_and_excel_dialect(
    capsys: pytest.CaptureFixture[str],
) -> None:
    _, out, _ = run(capsys, "municipalities", "--county", "03", "--format", "csv", "--lang", "en")
    assert out.splitlines()[0] == (
        "municipality_number,municipality_name,municipality_name_alt,county_number,population"
    )
    _, out, _ = run(
        capsys, "municipalities", "--county", "03", "--format", "csv", "--csv-dialect", "excel"
    )
    assert out == (
        "\ufeffkommunenummer;kommunenavn;kommunenavn_alt;fylkesnummer;folketall\r\n"
        "0301;Oslo;;03;717710\r\n"
        ";Sum (1 kommune);;;717710\r\n"
    )


def test_check_workbook_lists_every_finding(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out = tmp_path / "c.xlsx"
    code, stdout, _ = run(capsys, "check", PORTFOLIO, "--format", "xlsx", "--output", str(out))
    assert code == 1  # the portfolio breaks: the exit code is the check's
    assert stdout == ""
    book = openpyxl.load_workbook(out)
    findings = list(book.worksheets[0].iter_rows(values_only=True))
    counts = list(book.worksheets[1].iter_rows(values_only=True))
    assert findings[0] == ("Regel", "Utfall", "Alvor", "Gjelder", "Melding")
    assert any(r[0] == "A-4.6" and r[1] == "ikke oppfylt" for r in findings[1:])
    assert counts[-1][1] == len(findings) - 1 == sum(r[1] for r in counts[1:-1])


# ------------------------------------------------------------------------------------------
# the table model


CELLS = st.one_of(
    st.none(),
    st.integers(-(10**12), 10**12),
    st.decimals(min_value=-(10**9), max_value=10**9, places=2, allow_nan=False),
)


@given(st.lists(st.tuples(st.text(max_size=5), CELLS, CELLS), max_size=20))
def test_the_sum_row_is_the_sum_of_the_rows(rows: list[tuple[str, object, object]]) -> None:
    table = Table(
        "t",
        (Column("n", "N"), Column("x", "X", Kind.KR, True), Column("y", "Y", Kind.INT)),
        tuple(rows),  # type: ignore[arg-type]
        total_label="Sum",
    )
    total = table.sum_row()
    assert total is not None
    assert total[0] == "Sum"
    numbers = [x for r in rows if isinstance(x := r[1], (int, Decimal))]
    # empty where no row has a number (a figure nobody states is not 0), 0 where rows state 0
    assert total[1] == (sum(numbers, start=Decimal(0)) if numbers else None)
    assert total[2] is None  # a column not marked total is not summed


@given(
    st.lists(
        st.tuples(
            st.integers(0, 10**10),
            st.decimals(min_value=0, max_value=10**6, places=3, allow_nan=False),
        ),
        min_size=1,
        max_size=12,
    )
)
def test_a_workbook_reads_back_as_the_numbers_written(rows: list[tuple[int, Decimal]]) -> None:
    table = Table(
        "Tall",
        (Column("a", "A", Kind.KR, True), Column("b", "B", Kind.DECIMAL, True)),
        tuple(rows),
        total_label=None,
    )
    book = openpyxl.load_workbook(io.BytesIO(xlsx_bytes([table])))
    read = list(book.worksheets[0].iter_rows(values_only=True))[1:]
    assert [r[0] for r in read] == [r[0] for r in rows]
    assert all(
        abs(Decimal(str(x[1])) - y[1]) < Decimal("1e-9") for x, y in zip(read, rows, strict=True)
    )


def test_sheet_names_are_cut_cleaned_and_unique() -> None:
    long = "A very long name: with / forbidden [characters]?"
    tables = [Table(long, (Column("a", "A"),), ()), Table(long, (Column("a", "A"),), ())]
    book = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(tables)))
    names = book.sheetnames
    assert len(set(names)) == 2
    assert all(len(n) <= 31 and not set(n) & set("[]:*?/\\") for n in names)


def test_excel_csv_writes_decimals_with_a_comma_and_plain_with_a_point() -> None:
    columns = (Column("n", "N"), Column("x", "X", Kind.DECIMAL, True))
    table = Table("t", columns, (("a", Decimal("1.25")), ("b", 2)), "Sum")
    assert csv_text(table, "plain") == "n,x\na,1.25\nb,2\n"
    assert csv_text(table, "excel") == "\ufeffn;x\r\na;1,25\r\nb;2\r\nSum;3,25\r\n"


@given(st.text(max_size=40), st.text(max_size=20))
def test_any_text_goes_into_a_workbook(text: str, title: str) -> None:
    """A worksheet cannot hold most control characters (openpyxl refused the whole workbook:
    a measure title with U+0001 made `check --format xlsx` an internal error): each is written
    as its picture (U+0001 as ␁), everything else as it is."""
    table = Table("t", (Column("a", "A"), Column("b", "B")), ((text, "x"),), title=title)
    book = openpyxl.load_workbook(io.BytesIO(xlsx_bytes([table])))
    values = [c.value for row in book.worksheets[0].iter_rows() for c in row]
    shown = "".join(chr(0x2400 + ord(ch)) if ch < " " and ch not in "\t\n\r" else ch for ch in text)
    read = shown.replace("\r\n", "\n").replace("\r", "\n")  # XML reads a line end as \n
    assert (read or None) in values


def test_a_text_past_excels_cell_limit_is_cut_visibly() -> None:
    table = Table("t", (Column("a", "A"),), (("x" * 40_000,),))
    book = openpyxl.load_workbook(io.BytesIO(xlsx_bytes([table])))
    (cell,) = [c.value for row in book.worksheets[0].iter_rows(min_row=2) for c in row]
    assert cell == "x" * 32_766 + "…"
