"""The national summary for KDD (issue 13 point 6): ``post65 summarise``."""

from __future__ import annotations

import csv
import importlib.util
import io
import json
import re
from decimal import ROUND_DOWN, ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal, localcontext
from pathlib import Path
from typing import Any

import attrs
import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from post65.cli import main
from post65.errors import InvalidInput
from post65.io import dump, load
from post65.report import DisposedBasis, Report
from post65.summary import (
    CountySummary,
    NationalSummary,
    SchemeFigures,
    render_summary,
    summarise_files,
    summarise_reports,
    summary_json,
)

ROOT = Path(__file__).resolve().parent.parent
REPORTS = ROOT / "examples" / "reports-2024"
FILES = sorted(REPORTS.glob("*.report.json"))
RELATIVE = [str(p.relative_to(ROOT)) for p in FILES]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def reports() -> list[tuple[str, Report]]:
    return [(p.name, load(p, kind="report")) for p in FILES]


def test_the_example_reports_are_fresh(tmp_path: Path) -> None:
    """If this fails, refresh them: ``python examples/build_reports.py``."""
    spec = importlib.util.spec_from_file_location(
        "build_reports", ROOT / "examples" / "build_reports.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.main(tmp_path)
    made = sorted(p.name for p in tmp_path.iterdir())
    assert made == [p.name for p in FILES]
    for p in FILES:
        assert (tmp_path / p.name).read_text(encoding="utf-8") == p.read_text(encoding="utf-8")


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_the_example_summary_is_fresh(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    """If this fails: ``post65 summarise examples/reports-2024/*.json [--format html]
    --output examples/summary-2024.md|.html`` from the repository's root."""
    monkeypatch.chdir(ROOT)
    code, out, err = run(capsys, "summarise", *RELATIVE, "--format", fmt)
    assert code == 0, err
    suffix = "md" if fmt == "markdown" else "html"
    assert out == (ROOT / "examples" / f"summary-2024.{suffix}").read_text(encoding="utf-8")


def test_one_table_per_county_and_the_counties_missing(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "summarise", *map(str, FILES))
    assert code == 0
    for heading in ("## 18 Nordland", "## 34 Innlandet", "## 55 Troms", "## 56 Finnmark"):
        assert heading in out
    assert "4 av 15 fylkeskommuner har rapportert." in out
    assert "Mangler: 03 Oslo, 11 Rogaland" in out
    assert "46 Vestland og 50 Trøndelag." in out
    nordland = out.split("## 18 Nordland")[1].split("## ")[0]
    assert "| c | 7\u00a0000\u00a0000\u00a0kr |" in nordland
    assert "| 4,67\u00a0% |" in nordland  # scheme a's administration share
    assert "Målkommuner nådd: —." in nordland  # not stated in the report


def test_national_totals_are_the_sum_of_the_counties() -> None:
    data = summary_json(summarise_reports(reports()))
    for field in ("split", "received", "payments", "admin_costs", "carried_over"):
        for scheme in ("a", "b", "c", "total"):
            counties = [c["schemes"][scheme][field] for c in data["counties"]]
            assert sum(int(x) for x in counties if x is not None) == int(
                data["national"]["schemes"][scheme][field]
            )
    assert data["national"]["frame"] == "93500000"
    assert data["national"]["schemes"]["c"]["jobs_created"] == 23 + 9
    assert [m["fylkesnummer"] for m in data["missing"]][:2] == ["03", "11"]


@given(st.sets(st.integers(0, 3), min_size=1))
def test_any_subset_adds_up_and_the_rest_is_missing(chosen: set[int]) -> None:
    picked = [r for i, r in enumerate(reports()) if i in chosen]
    summary = summarise_reports(picked)
    assert len(summary.counties) + len(summary.missing) == 15
    assert summary.total.split == sum(
        (f.split for c in summary.counties for f in c.schemes if f.split is not None),
        start=Decimal(0),
    )
    assert summary.total.measures == sum(c.total.measures for c in summary.counties)


def _report_at(tmp_path: Path, name: str, **changes: Any) -> str:
    report = attrs.evolve(load(FILES[0], kind="report"), **changes)
    path = tmp_path / name
    path.write_text(dump(report), encoding="utf-8")
    return str(path)


def test_every_refusal_is_listed_with_file_and_pointer(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    twice = _report_at(tmp_path, "twice.json")
    other_year = _report_at(tmp_path, "year.json", county="46", year=2023)
    unknown = tmp_path / "unknown.json"
    unknown.write_text(
        FILES[0].read_text(encoding="utf-8").replace('"county": "18"', '"county": "54"'),
        encoding="utf-8",
    )
    not_report = str(ROOT / "examples" / "nordland-2024.portfolio.json")
    code, out, err = run(
        capsys,
        "summarise",
        *map(str, FILES),
        twice,
        other_year,
        str(unknown),
        not_report,
        "--lang",
        "en",
    )
    assert code == 2
    assert out == ""
    lines = err.splitlines()
    assert lines[0].startswith("4 problems")
    assert any(
        line.strip().startswith(f"{twice}, /county:") and "18 Nordland" in line for line in lines
    )
    assert any(
        line.strip().startswith(f"{other_year}, /year:") and "2023" in line for line in lines
    )
    assert any(line.strip().startswith(f"{unknown}, /county:") for line in lines)
    assert any(line.strip().startswith(f"{not_report}, /kind:") for line in lines)


def test_mixed_years_name_the_year_most_reports_have(tmp_path: Path) -> None:
    old = _report_at(tmp_path, "old.json", county="46", year=2023)
    with pytest.raises(InvalidInput) as caught:
        summarise_files([*FILES, old])
    (problem,) = caught.value.problems
    assert problem.where == f"{old}, /year"
    assert "4 of the reports are for 2024" in problem.message("en")


def test_target_municipalities_reached_when_the_report_states_them() -> None:
    from post65.report.figures import TargetMunicipalities

    base = load(FILES[0], kind="report")
    report = attrs.evolve(
        base,
        target_municipalities=TargetMunicipalities(
            in_county=("1826", "1835", "1836"), reached=("1826", "1835")
        ),
    )
    summary = summarise_reports([("n.json", report), *reports()[1:]])
    text = render_summary(summary, "markdown", "en")
    assert isinstance(text, str)
    assert "Target municipalities reached: 2 of 3." in text
    assert summary_json(summary)["counties"][0]["target_municipalities"] == {
        "reached": 2,
        "in_county": 3,
    }


def test_csv_json_and_workbook(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    _, text, _ = run(capsys, "summarise", *map(str, FILES), "--format", "csv", "--lang", "en")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [r["county_number"] for r in rows] == ["18", "34", "55", "56"]
    assert rows[0]["split_c"] == "7000000"
    assert rows[0]["admin_share_a"] == "0.0467"  # to four decimals, as the JSON has it
    _, text, _ = run(
        capsys, "summarise", *map(str, FILES), "--format", "csv", "--csv-dialect", "excel"
    )
    excel = list(csv.reader(io.StringIO(text.removeprefix("\ufeff")), delimiter=";"))
    assert excel[0][:3] == ["fylkesnummer", "fylkesnavn", "ramme"]
    assert excel[-1][1] == "Sum"
    assert excel[-1][2] == "93500000"
    _, text, _ = run(capsys, "summarise", *map(str, FILES), "--format", "json")
    assert json.loads(text)["year"] == 2024
    out = tmp_path / "s.xlsx"
    code, _, err = run(
        capsys, "summarise", *map(str, FILES), "--format", "xlsx", "--output", str(out)
    )
    assert code == 0, err
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == [
        "Oversikt",
        "Hele landet",
        "Nordland",
        "Innlandet",
        "Troms",
        "Finnmark",
    ]
    overview = list(book["Oversikt"].iter_rows(values_only=True))
    header = overview[2]  # the title, a blank row, the header
    assert header[:3] == ("Fylkesnr.", "Fylke", "Ramme")
    counties, total = overview[3:-1], overview[-1]
    assert total[2] == sum(r[2] for r in counties) == 93_500_000
    assert isinstance(counties[0][6], float)  # an administration share: a number, not text
    national = list(book["Hele landet"].iter_rows(values_only=True))
    assert national[-1][1] == 93_500_000
    assert national[-1][1] == sum(r[1] for r in national[3:-1])
    again = tmp_path / "again.xlsx"
    run(capsys, "summarise", *map(str, FILES), "--format", "xlsx", "--output", str(again))
    assert out.read_bytes() == again.read_bytes()
    code, _, err = run(capsys, "summarise", *map(str, FILES), "--format", "xlsx")
    assert code == 2
    assert "--output" in err


def test_html_has_the_split_chart_with_every_county(capsys: pytest.CaptureFixture[str]) -> None:
    _, page, _ = run(capsys, "summarise", *map(str, FILES), "--format", "html", "--lang", "nn")
    svg = re.search(r"<svg.*?</svg>", page, re.S)
    assert svg is not None
    for name in ("18 Nordland", "34 Innlandet", "55 Troms", "56 Finnmark"):
        assert f">{name}</text>" in svg.group(0)
    assert "Fordelinga mellom ordning a, b og c per fylke" in svg.group(0)
    assert "<title>c: 7\u00a0000\u00a0000\u00a0kr</title>" in svg.group(0)
    assert '<html lang="nn">' in page


def test_a_report_with_no_split_shows_dashes() -> None:
    base = load(FILES[0], kind="report")
    summary = summarise_reports([("x.json", attrs.evolve(base, split=None, disposed=None))])
    text = render_summary(summary, "markdown", "en")
    assert isinstance(text, str)
    assert "| a | — |" in text
    assert summary.frame is None


def test_nothing_to_summarise_and_unknown_format() -> None:
    with pytest.raises(InvalidInput):
        summarise_reports([])
    summary = summarise_reports(reports())
    with pytest.raises(ValueError, match="summary"):
        render_summary(summary, "docx", "en")


# ------------------------------------------------------------------------------------------
# the data outputs (CSV in both dialects, the workbook) carry what the JSON carries


def _outputs(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, *files: str
) -> tuple[dict[str, Any], list[list[str]], list[list[str]], openpyxl.Workbook]:
    """The JSON, the plain CSV, the Excel-dialect CSV and the workbook of ``files``."""
    _, text, _ = run(capsys, "summarise", *files, "--format", "json")
    data = json.loads(text)
    _, text, _ = run(capsys, "summarise", *files, "--format", "csv")
    plain = list(csv.reader(io.StringIO(text)))
    _, text, _ = run(capsys, "summarise", *files, "--format", "csv", "--csv-dialect", "excel")
    excel = list(csv.reader(io.StringIO(text.removeprefix("\ufeff")), delimiter=";"))
    out = tmp_path / "s.xlsx"
    code, _, err = run(capsys, "summarise", *files, "--format", "xlsx", "--output", str(out))
    assert code == 0, err
    return data, plain, excel, openpyxl.load_workbook(out)


def test_the_administration_share_in_csv_and_workbook_is_the_json_share(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    data, plain, excel, book = _outputs(capsys, tmp_path, *map(str, FILES))
    assert plain[1][6] == "0.0467"  # Nordland a: 420 000 / 9 000 000, not 61 digits
    assert excel[1][6] == "0,0467"
    overview = list(book["Oversikt"].iter_rows())
    for i, county in enumerate(data["counties"]):
        shares = [county["schemes"][s]["admin_share"] for s in ("a", "b", "c")]
        assert plain[i + 1][6:9] == [x or "" for x in shares]
        assert excel[i + 1][6:9] == [(x or "").replace(".", ",") for x in shares]
        cells = overview[3 + i][6:9]
        assert [c.value for c in cells] == [None if x is None else float(x) for x in shares]
        assert {c.number_format for c in cells if c.value is not None} == {"0.00 %"}
        sheet = list(book[county["name"]].iter_rows())
        assert [r[5].value for r in sheet[3:6]] == [None if x is None else float(x) for x in shares]
    national = [data["national"]["schemes"][s]["admin_share"] for s in ("a", "b", "c")]
    rows = list(book["Hele landet"].iter_rows(values_only=True))
    assert [r[5] for r in rows[3:6]] == [float(x) for x in national]


def _one_county(received: Decimal, admin_costs: Decimal) -> NationalSummary:
    a = SchemeFigures(received=received, admin_costs=admin_costs)
    county = CountySummary(
        "18", "Nordland", "n.json", None, DisposedBasis.FRAME, (a, SchemeFigures(), SchemeFigures())
    )
    return NationalSummary(year=2024, counties=(county,), missing=())


def _share_a_in_csv(summary: NationalSummary, dialect: str = "plain") -> str:
    """The first county's administration share of scheme a in the CSV (``dialect``)."""
    text = render_summary(summary, "csv", csv_dialect=dialect)
    assert isinstance(text, str)
    return text.splitlines()[1].split(";" if dialect == "excel" else ",")[6]


@given(
    st.integers(1, 10**12).map(Decimal),
    st.integers(0, 10**12).map(Decimal),
    st.sampled_from([ROUND_HALF_EVEN, ROUND_DOWN, ROUND_HALF_UP]),
)
def test_the_share_is_rounded_half_up_to_four_decimals_in_every_data_output(
    received: Decimal, admin_costs: Decimal, rounding: str
) -> None:
    summary = _one_county(received, admin_costs)
    exact = admin_costs / Decimal(received)
    with localcontext() as caller:  # a caller's own context changes nothing
        caller.prec, caller.rounding = 3, rounding
        shown = summary_json(summary)["counties"][0]["schemes"]["a"]["admin_share"]
        plain, excel = _share_a_in_csv(summary), _share_a_in_csv(summary, "excel")
    assert shown == plain == excel.replace(",", ".")
    assert Decimal(shown).as_tuple().exponent == -4
    assert abs(Decimal(shown) - exact) <= Decimal("0.00005")


def test_a_share_halfway_rounds_up() -> None:
    # 1 kr of 20 000 kr is 0.00005: half up gives 0.0001 (as s5_admin rounds), in every output
    summary = _one_county(Decimal(20_000), Decimal(1))
    assert summary_json(summary)["counties"][0]["schemes"]["a"]["admin_share"] == "0.0001"
    assert _share_a_in_csv(summary) == "0.0001"


def test_a_sum_no_report_states_is_empty_not_0(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    _, _, excel, book = _outputs(capsys, tmp_path, *map(str, FILES))
    assert excel[0][-3:] == ["arbeidsplasser", "målkommuner_nådd", "målkommuner_i_fylket"]
    assert excel[-1][-3:] == ["32", "", ""]  # no report states the target municipalities
    overview = list(book["Oversikt"].iter_rows(values_only=True))
    assert overview[-1][-3:] == (32, None, None)
    jobs = {name: list(book[name].iter_rows(values_only=True))[-1][-1] for name in book.sheetnames}
    assert jobs == {
        "Oversikt": None,  # the last column there is «in county»
        "Hele landet": 32,
        "Nordland": 23,
        "Innlandet": None,  # markdown: —
        "Troms": 9,
        "Finnmark": None,
    }


def test_a_sum_a_report_states_as_0_stays_0(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    from post65.report.figures import TargetMunicipalities

    reached_none = TargetMunicipalities(in_county=("1826", "1835"), reached=())
    nordland = _report_at(tmp_path, "n.json", target_municipalities=reached_none)
    _, _, excel, book = _outputs(capsys, tmp_path, nordland, *map(str, FILES[1:]))
    assert excel[1][-2:] == ["0", "2"]
    assert excel[-1][-2:] == ["0", "2"]
    overview = list(book["Oversikt"].iter_rows(values_only=True))
    assert overview[-1][-2:] == (0, 2)
