"""The ``post65`` command: exit codes, formats, errors without tracebacks."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pytest

from post65.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_municipalities_table_has_a_total_row(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "municipalities", "--county", "18")
    assert code == 0
    lines = out.splitlines()
    assert "Bodø" in out
    assert "Sum (41 kommuner)" in lines[-1]
    assert "243\u00a0081" in lines[-1]


def test_municipalities_json_and_csv(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "municipalities", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert len(data) == 357
    assert sum(row["population"] for row in data) == 5_550_203
    code, out, _ = run(capsys, "municipalities", "--county", "03", "--format", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows == [
        {
            "kommunenummer": "0301",
            "kommunenavn": "Oslo",
            "kommunenavn_alt": "",
            "fylkesnummer": "03",
            "folketall": "717710",
        }
    ]


def test_english_headers(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "municipalities", "--county", "56", "--lang", "en")
    assert code == 0
    assert "Population 1 Jan 2024" in out
    assert "Total (18 municipalities)" in out


@pytest.mark.parametrize(
    "argv",
    [
        ["municipalities", "--county", "99"],
        ["municipalities", "--county", "30"],
        ["municipalities", "--format", "xml"],
        ["no-such-command"],
        [],
    ],
)
def test_bad_input_exits_2_without_traceback(
    capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    code, out, err = run(capsys, *argv)
    assert code == 2
    assert out == ""
    assert err.strip()
    assert "Traceback" not in err


def test_unknown_county_message_in_both_languages(capsys: pytest.CaptureFixture[str]) -> None:
    _, _, err_nb = run(capsys, "municipalities", "--county", "99")
    _, _, err_en = run(capsys, "municipalities", "--county", "99", "--lang", "en")
    assert err_nb != err_en
    assert "99" in err_nb
    assert "99" in err_en


def test_python_dash_m_runs_the_command() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "post65", "municipalities", "--county", "03", "--format", "json"],
        capture_output=True,
        check=False,
    )
    assert proc.returncode == 0
    assert json.loads(proc.stdout.decode("utf-8"))[0]["name"] == "Oslo"


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--version")
    assert code == 0
    assert out.startswith("post65 ")


def test_param_overrides_a_policy_number(capsys: pytest.CaptureFixture[str]) -> None:
    example = "examples/nordland-2024.portfolio.json"
    code, out, _ = run(capsys, "check", example, "--format", "json")
    assert code == 1  # the example's deliberate break
    share = next(f for f in json.loads(out)["findings"] if f["rule"] == "A-5.1")
    assert share["outcome"] == "met"
    code, out, _ = run(
        capsys, "check", example, "--format", "json", "--param", "a.admin_cost_share=0,01"
    )
    assert code == 1
    share = next(f for f in json.loads(out)["findings"] if f["rule"] == "A-5.1")
    assert share["outcome"] == "not_met"
    assert share["values"]["limit"] == "0.01"


def test_bad_params_are_all_reported(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(
        capsys,
        "check",
        "examples/nordland-2024.portfolio.json",
        "--param",
        "a.admin_cost_shar=0.04",
        "--param",
        "a.admin_cost_share=abc",
        "--lang",
        "en",
    )
    assert code == 2
    assert out == ""
    assert "did you mean a.admin_cost_share" in err
    assert "'abc' is not a number" in err


def test_parameters_lists_values_and_the_unknown(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "parameters", "--format", "json")
    assert code == 0
    rows = {r["name"]: r for r in json.loads(out)}
    assert rows["a.admin_cost_share"]["value"] == "0.05"
    assert rows["b.population_decline_min"]["value"] is None
    assert rows["stateaid.eur_nok_rate"]["certainty"] == "?"


def test_a_bug_is_one_sentence_and_exit_2_not_a_traceback(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import post65.cli.municipalities

    def broken(args: object) -> int:
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(post65.cli.municipalities, "run", broken)
    monkeypatch.delenv("POST65_DEBUG", raising=False)
    code, out, err = run(capsys, "municipalities", "--lang", "en")
    assert code == 2
    assert out == ""
    assert err.startswith("internal error in post65 (ZeroDivisionError: division by zero)")
    assert "Traceback" not in err
    monkeypatch.setenv("POST65_DEBUG", "1")
    with pytest.raises(ZeroDivisionError):
        main(["municipalities"])


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_rules_table_fits_100_columns(capsys: pytest.CaptureFixture[str], lang: str) -> None:
    code, out, _ = run(capsys, "rules", "--lang", lang)
    assert code == 0
    lines = out.splitlines()
    assert max(len(line) for line in lines) <= 100
    assert sum(line[:1] in "ABCP" and line[1:2] in "-6" for line in lines) == 36  # added
