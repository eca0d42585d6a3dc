"""The examples: ``post65 check`` on the Nordland portfolio, and the build-in-code script."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from post65.cli import main

ROOT = Path(__file__).parent.parent
EXAMPLE = ROOT / "examples" / "nordland-2024.portfolio.json"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_check_example_json_exits_1_for_the_deliberately_broken_measure(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run(capsys, "check", str(EXAMPLE), "--format", "json")
    assert (code, err) == (1, "")
    data = json.loads(out)
    assert list(data) == ["kind", "findings", "rules", "summary"]
    assert data["kind"] == "portfolio"
    failing = [
        (rule, f["subject"])
        for rule, found in data["findings"].items()
        for f in found
        if f["outcome"] == "not_met"
        and f.get("severity", data["rules"][rule]["severity"]) == "error"
    ]
    assert failing == [("A-4.6", "/measures/7")]
    broken = json.loads(EXAMPLE.read_text(encoding="utf-8"))["measures"][7]
    assert "DELIBERATELY BROKEN (breaks A-4.6)" in broken["description"]


def test_check_json_shape_is_the_cli_contract(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "check", str(EXAMPLE), "--format", "json", "--lang", "en")
    data = json.loads(out)
    outcomes = {"met", "not_met", "undetermined", "not_applicable"}
    assert set(data["summary"]) == outcomes
    rows = [f for found in data["findings"].values() for f in found]
    assert sum(data["summary"].values()) == len(rows)
    for f in rows:
        assert list(f) in (
            ["outcome", "subject", "message"],
            ["outcome", "subject", "message", "values"],
        )
        assert f["outcome"] in outcomes
        assert f["subject"] == "" or f["subject"].startswith("/")
        assert isinstance(f["message"], str)
        assert f["message"]
        assert "values" not in f or f["values"]  # values only where there are some
        assert all(isinstance(v, str) for v in f.get("values", {}).values())
    # each rule once in the rules table, its findings under the same id, in the same order
    assert list(data["rules"]) == list(data["findings"])
    assert all(data["findings"].values())
    for entry in data["rules"].values():
        assert list(entry) in (["severity", "citation"], ["severity", "citation", "readings"])
        assert entry["severity"] in {"error", "advice"}
        assert list(entry["citation"]) == ["source", "section", "quote"]
    assert {"A-1.1", "A-5.1", "P65-6.3"} <= set(data["findings"])


def test_check_messages_follow_the_language(capsys: pytest.CaptureFixture[str]) -> None:
    _, nb, _ = run(capsys, "check", str(EXAMPLE), "--format", "json")
    _, en, _ = run(capsys, "check", str(EXAMPLE), "--format", "json", "--lang", "en")
    by_rule_nb = {r: found[0]["message"] for r, found in json.loads(nb)["findings"].items()}
    by_rule_en = {r: found[0]["message"] for r, found in json.loads(en)["findings"].items()}
    assert by_rule_nb["A-5.1"].startswith("Administrasjon")
    assert by_rule_en["A-5.1"].startswith("Administration")


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_check_table_is_readable_at_100_columns(
    capsys: pytest.CaptureFixture[str], lang: str
) -> None:
    code, out, _ = run(capsys, "check", str(EXAMPLE), "--lang", lang, "--all")
    assert code == 1
    lines = out.splitlines()
    assert max(len(line) for line in lines) <= 100
    first = "Gjelder: /measures/7" if lang == "nb" else "Subject: /measures/7"
    assert lines[0].startswith(first)  # the subject with the failing finding comes first
    assert "Mulighetsstudie for havneområdet i Bindal" in lines[0]
    assert lines[3].startswith("A-4.6")  # and its not_met error heads its table
    summary = lines[-1]
    assert summary.startswith("Oppsummering:" if lang == "nb" else "Summary:")
    assert ("ikke bestått" if lang == "nb" else "failed") in summary
    # a measure's beneficiaries are shown with the measure, by their relative pointer
    assert "beneficiaries/2: 1818 Herøy" in out


def test_check_markdown(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["check", str(EXAMPLE), "--format", "markdown", "--lang", "en"]
    code, out, _ = run(capsys, *argv, "--all")
    assert code == 1
    assert out.startswith("### Subject: /measures/7")
    assert "| A-4.6 " in out
    code, out, _ = run(capsys, *argv)
    assert code == 1
    assert out.startswith("### To fix or fill in (")
    assert "\n\n| Rule " in out
    assert "| A-4.6  | not met      | requirement | /measures/7 (m-2024-08)  " in out
    assert out.index("### To fix") < out.index("### Advice") < out.index("\nSummary: ")


def test_build_portfolio_script_runs() -> None:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    proc = subprocess.run(
        [sys.executable, str(ROOT / "examples" / "build_portfolio.py"), "en"],
        capture_output=True,
        check=False,
        env=env,
    )
    out = proc.stdout.decode("utf-8")
    assert proc.returncode == 0, proc.stderr.decode("utf-8")
    assert "A-4.11" in out
    assert "advice" in out
    assert "passed" in out
    assert "JSON round trip: the same portfolio" in out


JUDGEMENT = ROOT / "examples" / "nordland-2024.judgement.txt"


@pytest.mark.parametrize(("fmt", "ext"), [("markdown", "md"), ("html", "html"), ("text", "txt")])
def test_committed_nordland_report_is_fresh(
    capsys: pytest.CaptureFixture[str], fmt: str, ext: str
) -> None:
    """``examples/nordland-2024.report.*`` are exactly what ``post65 report`` makes today (to
    refresh them: ``post65 report examples/nordland-2024.portfolio.json --judgement
    examples/nordland-2024.judgement.txt --format FMT > examples/nordland-2024.report.EXT``)."""
    code, out, err = run(
        capsys, "report", str(EXAMPLE), "--judgement", str(JUDGEMENT), "--format", fmt
    )
    assert (code, err) == (0, "")
    committed = ROOT / "examples" / f"nordland-2024.report.{ext}"
    assert out == committed.read_text(encoding="utf-8")
    assert "sidemodell" not in out  # the page count is in the check, not in the report
