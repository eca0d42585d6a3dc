"""Charts and the cut-off sweep (issue 15 point 3): ``allocate --chart`` and
``allocate --sweep-lowest``."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from post65.allocation import allocate
from post65.allocation.sweep import SweepRange, parse_sweep, sweep_lowest
from post65.charts import bar_chart, line_chart
from post65.cli import main
from post65.districtindex import DistrictIndex
from post65.errors import InvalidParameter
from post65.geography import register
from post65.money import kroner

ROOT = Path(__file__).resolve().parent.parent
INDEX = str(ROOT / "examples" / "illustrative-index.csv")
ALLOCATE = ["allocate", "--amount", "120 MNOK", "--index", INDEX]
COUNTIES = [f.name for f in register(2024).counties]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


# ------------------------------------------------------------------------------------------
# the sweep


NUMBERS = [k.kommunenummer for k in register(2024)]


@given(
    scores=st.lists(st.integers(0, 100), min_size=357, max_size=357),
    start=st.integers(1, 357),
    width=st.integers(0, 40),
    step=st.integers(1, 15),
    amount=st.integers(0, 10**9),
)
def test_each_cutoff_shares_out_exactly_the_amount(
    scores: list[int], start: int, width: int, step: int, amount: int
) -> None:
    index = DistrictIndex(dict(zip(NUMBERS, scores, strict=True)))
    stop = min(357, start + width)
    result = sweep_lowest(amount, index, SweepRange(start, stop, step))
    assert [int(a.selection.value) for a in result] == list(range(start, stop + 1, step))
    for a in result:
        assert sum(kroner(c.amount) for c in a.counties) == amount
        assert len(a.municipalities) >= int(a.selection.value)  # ties at the edge are in


def test_a_sweep_is_lowest_n_for_every_n() -> None:
    from post65.allocation import Lowest
    from post65.districtindex import read_index

    index = read_index(INDEX)
    sweep = sweep_lowest("120 MNOK", index, SweepRange(90, 110, 10))
    for a in sweep:
        assert a == allocate("120 MNOK", index, Lowest(int(a.selection.value)))


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("10", "A:B"),
        ("20:10", "backwards"),
        ("0:10", "whole numbers from 1"),
        ("1:357:0", "whole numbers from 1"),
        ("1:1000", "too many"),
    ],
)
def test_bad_ranges_are_refused(text: str, word: str) -> None:
    with pytest.raises(InvalidParameter) as caught:
        parse_sweep(text)
    assert word in caught.value.message("en")


def test_a_range_beyond_the_index_is_refused() -> None:
    index = DistrictIndex({"1826": 1, "1875": 2})
    with pytest.raises(InvalidParameter, match="above the 2"):
        sweep_lowest(1000, index, parse_sweep("1:3"))


def test_sweep_table_has_a_column_per_cutoff_and_a_sum_row_of_the_amount(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run(capsys, *ALLOCATE, "--sweep-lowest", "80:120:20", "--lang", "en")
    assert code == 0, err
    lines = out.splitlines()
    assert "from the 80 to the 120 lowest" in lines[0]
    assert "lowest 80" in lines[2]
    assert "lowest 120" in lines[2]
    total = next(line for line in lines if line.split()[:1] == ["Total"])
    assert total.count("120\u00a0000\u00a0000\u00a0kr") == 3
    assert any("Municipalities selected" in line for line in lines)


def test_sweep_csv_json_and_workbook_agree(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    argv = [*ALLOCATE, "--sweep-lowest", "60:140:20"]
    _, text, _ = run(capsys, *argv, "--format", "csv", "--lang", "en")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == [
        "county_number",
        "county_name",
        *(f"lowest_{n}" for n in (60, 80, 100, 120, 140)),
    ]
    assert len(rows) == 16
    _, text, _ = run(capsys, *argv, "--format", "json")
    data = json.loads(text)
    assert [c["lowest"] for c in data["cutoffs"]] == [60, 80, 100, 120, 140]
    for k, cutoff in enumerate(data["cutoffs"]):
        amounts = [int(c["amount"]) for c in cutoff["counties"]]
        assert sum(amounts) == 120_000_000
        assert amounts == [int(r[2 + k]) for r in rows[1:]]
    out = tmp_path / "s.xlsx"
    assert run(capsys, *argv, "--format", "xlsx", "--output", str(out))[0] == 0
    book = openpyxl.load_workbook(out)
    sheet = list(book.worksheets[0].iter_rows(values_only=True))
    assert sheet[-1][1] == "Sum"
    assert list(sheet[-1][2:]) == [120_000_000] * 5
    cutoffs = list(book.worksheets[1].iter_rows(values_only=True))
    assert [r[0] for r in cutoffs[1:]] == [60, 80, 100, 120, 140]


def test_sweep_problems_are_reported_together(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(
        capsys,
        "allocate",
        "--sweep-lowest",
        "20:10",
        "--lowest",
        "100",
        "--details",
        "--chart",
        "x.pdf",
        "--lang",
        "en",
    )
    assert code == 2
    for part in (
        "leave out --lowest",
        "--details",
        "backwards",
        ".svg or .png",
        "--amount",
        "--index",
    ):
        assert part in err


# ------------------------------------------------------------------------------------------
# the charts


def test_allocation_chart_same_bytes_and_every_county_named(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    a, b = tmp_path / "a.svg", tmp_path / "b.svg"
    for path in (a, b):
        code, out, err = run(capsys, *ALLOCATE, "--lowest", "100", "--chart", str(path))
        assert code == 0, err
        assert "Nordland" in out  # the table is still written
    svg = a.read_text(encoding="utf-8")
    assert a.read_bytes() == b.read_bytes()
    assert all(f"<!-- {name} -->" in svg for name in COUNTIES)
    assert (
        "<!-- 24\u00a0319\u00a0055\u00a0kr -->" in svg
    )  # Nordland's amount, Norwegian digit groups
    assert "<dc:date>" not in svg


def test_png_chart_same_bytes(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    a, b = tmp_path / "a.png", tmp_path / "b.png"
    for path in (a, b):
        assert run(capsys, *ALLOCATE, "--lowest", "100", "--chart", str(path))[0] == 0
    assert a.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert a.read_bytes() == b.read_bytes()


def test_sweep_chart_draws_a_line_per_county_with_money(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "s.svg"
    code, _, err = run(
        capsys, *ALLOCATE, "--sweep-lowest", "60:140:10", "--chart", str(path), "--lang", "en"
    )
    assert code == 0, err
    svg = path.read_text(encoding="utf-8")
    assert "<!-- Nordland -->" in svg
    assert "<!-- Oslo -->" not in svg  # zero at every cut-off: left out of the legend
    assert "<!-- 20 million kr -->" in svg
    assert "<!-- Cut-off: the N lowest on the district index -->" in svg


def test_chart_functions_are_deterministic_in_every_format() -> None:
    names, amounts = ["Troms", "Agder"], [Decimal(3_000_000), Decimal(1_500_000)]
    for fmt in ("svg", "png"):
        first = bar_chart(names, amounts, title="T", fmt=fmt)
        assert first == bar_chart(names, amounts, title="T", fmt=fmt)
    lines = line_chart([1, 2], [("Troms", [Decimal(1), Decimal(2)])], title="T", xlabel="N")
    assert lines == line_chart([1, 2], [("Troms", [Decimal(1), Decimal(2)])], title="T", xlabel="N")
    with pytest.raises(InvalidParameter):
        bar_chart(names, amounts, title="T", fmt="pdf")


def test_chart_and_compare_are_refused_together(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(
        capsys, *ALLOCATE, "--lowest", "100", "--compare-lowest", "90", "--chart", "a.svg"
    )
    assert code == 2
    assert "--chart" in err


def test_without_matplotlib_a_chart_exits_2_naming_the_extra(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    code, _, err = run(capsys, *ALLOCATE, "--lowest", "100", "--chart", str(tmp_path / "a.svg"))
    assert code == 2
    assert "pip install 'post65[charts]'" in err


def test_import_and_help_do_not_load_matplotlib() -> None:
    code = (
        "import sys, contextlib, io, post65, post65.cli\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    post65.cli.main(['--help']); post65.cli.main(['allocate', '--help'])\n"
        "print('matplotlib' in sys.modules, 'openpyxl' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    ).stdout
    assert out.strip() == "False False"
