"""The ``post65`` command: exit codes, formats, errors without tracebacks."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

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
    (share,) = json.loads(out)["findings"]["A-5.1"]
    assert share["outcome"] == "met"
    code, out, _ = run(
        capsys, "check", example, "--format", "json", "--param", "a.admin_cost_share=0,01"
    )
    assert code == 1
    (share,) = json.loads(out)["findings"]["A-5.1"]
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


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_parameters_json_carries_every_text_unwrapped(
    capsys: pytest.CaptureFixture[str], lang: str
) -> None:
    """The table wraps a note at 50 characters; the JSON does not: for every parameter, no string
    of its rows holds a line break its source text lacks, and the note of one without a value
    is its catalogue message whole (the table, read by people, still wraps it)."""
    from post65.law import cited
    from post65.parameters import DEFAULTS, READINGS, WITHOUT_DEFAULT
    from post65.text import msg

    texts: dict[str, set[str]] = {}  # every text a parameter's own data holds
    for name, dated in DEFAULTS.items():
        texts[name] = {name, *(cited(p.source, p.section) for p in dated)}
        texts[name] |= {str(p.value) for p in dated} | {p.unit for p in dated}
    notes = {name: msg(f"cli.parameters.note.{name}")(lang) for name in WITHOUT_DEFAULT}
    for name, note in notes.items():
        texts.setdefault(name, {name}).add(note)
    for name, reading in READINGS.items():
        texts[name] = {name, reading.default, f"{reading.rule}: {' | '.join(reading.choices)}"}
    code, out, _ = run(capsys, "parameters", "--format", "json", "--lang", lang)
    assert code == 0
    printed = json.loads(out)
    assert {r["name"] for r in printed} == set(texts)
    breaks = [
        (r["name"], key)
        for r in printed
        for key, value in r.items()
        if isinstance(value, str)
        and value.count("\n") > max(t.count("\n") for t in texts[r["name"]])
    ]
    assert breaks == []
    unvalued = {r["name"]: r["source"] for r in printed if r["value"] is None}
    assert unvalued == notes
    long = [note for note in notes.values() if len(note) > 50]
    assert long  # notes the table wraps
    code, table, _ = run(capsys, "parameters", "--lang", lang)
    assert code == 0
    assert all(note not in table and note.split()[2] in table for note in long)


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


# --------------------------------------------------------------------------------------------
# post65 check: what to fix first (issue 15, point 4)

ROOT = Path(__file__).resolve().parent.parent
NORDLAND = str(ROOT / "examples" / "nordland-2024.portfolio.json")


def _sections(out: str) -> list[str]:
    return out.rstrip("\n").split("\n\n")


def test_nordland_check_fits_a_screen_and_shows_what_to_fix_first(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The default table: what needs action (not_met, then undetermined, each with its field),
    then advice, then one summary line; at most 60 lines for Nordland. The exact findings follow
    the rules; the structure and the presence of every not_met and undetermined one do not."""
    code, out, _ = run(capsys, "check", NORDLAND)
    _, data, _ = run(capsys, "check", NORDLAND, "--format", "json")
    findings = flat(json.loads(data))
    lines = out.splitlines()
    assert len(lines) <= 60
    assert max(len(line) for line in lines) <= 100
    action, *rest = _sections(out)
    summary = rest[-1]
    assert "\n" not in summary
    assert summary.startswith("Oppsummering: ")
    assert summary.endswith("Alle: --all")
    head = action.splitlines()
    needs = [f for f in findings if f["outcome"] in ("not_met", "undetermined")]
    assert head[0] == f"Å rette eller fylle ut ({len(needs)})"
    rows = [line.split()[:2] for line in head[3:] if line[:1] not in (" ", "")]
    ordered = sorted(needs, key=lambda f: (f["outcome"] != "not_met", f["severity"] != "error"))
    shown = [r[0] for r in rows]
    assert shown == sorted(shown, key=[f["rule"] for f in ordered].index)  # not_met first
    assert set(shown) == {f["rule"] for f in needs}
    grouped = len(needs) - len(rows)  # the findings shown as "the same holds for n more"
    assert grouped == sum(
        int(n) for n in re.findall(r"Det\s+samme\s+gjelder\s+(\d+)\s+felt", action)
    )
    for f in needs:  # each with the field to fix or fill, or in a row of its kind by its item
        item = re.search(r"/measures/\d+", f["subject"])
        assert f["subject"] in action or (item is not None and grouped > 0)
    # the ones Nordland has today: on m-2024-08 (measure 7), Herøy undetermined
    assert "/measures/7 (m-2024-08)" in action
    assert action.index("A-4.6") < action.index("1818 Herøy")
    if len(rest) == 2:
        assert rest[0].startswith("Råd (")
    assert code == 1


def test_check_all_shows_every_finding_with_krav_and_rad(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(capsys, "check", NORDLAND, "--all")
    assert code == 1
    assert out.count("Gjelder: ") > 5
    assert " krav " in out
    assert " råd " in out
    assert " feil " not in out
    assert "Alle: --all" not in out
    assert len(out.splitlines()) > 200


def test_check_with_nothing_to_fix_says_so() -> None:
    from post65 import check, load
    from post65.cli.check import render_action
    from post65.rulebook import CheckResult, Outcome

    result = check(load(NORDLAND))
    met = CheckResult(result.kind, tuple(f for f in result if f.outcome is Outcome.MET))
    sections = _sections(render_action(met, fmt="table", lang="en"))
    assert (
        sections[0]
        == "To fix or fill in (0)\nNothing to fix: no finding is not met or undetermined."
    )
    assert sections[1].startswith("Advice (")
    assert sections[-1].startswith("Summary: ")
    assert sections[-1].endswith("(passed). All: --all")  # the met requirements: --all


def test_check_markdown_default_has_a_field_column(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", NORDLAND, "--format", "markdown", "--lang", "nn")
    assert code == 1
    assert out.startswith("### Å rette eller fylle ut (")
    assert "\n\n| Regel " in out
    assert "| Felt " in out
    assert "/measures/8/beneficiaries/2 (m-2024-09)" in out


# --------------------------------------------------------------------------------------------
# Compact JSON (issue 14, point 4)


def flat(data: dict[str, Any]) -> list[dict[str, Any]]:
    """The findings of a ``post65 check --format json`` document, each with its ``rule`` and its
    severity (its own, or its rule's): how a program that wants one list reads the output."""
    return [
        {"rule": rule, "severity": data["rules"][rule]["severity"], **f}
        for rule, found in data["findings"].items()
        for f in found
    ]


def test_check_json_gives_each_citation_once(capsys: pytest.CaptureFixture[str]) -> None:
    from post65 import check, load

    code, out, _ = run(capsys, "check", NORDLAND, "--format", "json")
    assert code == 1
    data = json.loads(out)
    assert list(data) == ["kind", "findings", "rules", "summary"]
    result = check(load(NORDLAND))
    assert data == json.loads(json.dumps(result.to_json("nb")))
    assert list(data["findings"]) == list(data["rules"])  # the same rules, in the same order
    for finding in result:
        rule = data["rules"][finding.rule]
        assert rule["citation"] == {
            "source": finding.citation.source,
            "section": finding.citation.section,
            "quote": finding.citation.quote,
        }
        assert rule["severity"] == finding.severity.value  # no finding here has its own
    rows = [f for found in data["findings"].values() for f in found]
    assert len(rows) == len(result)
    assert all(set(f) <= {"outcome", "subject", "message", "values"} for f in rows)
    assert all(f["values"] for f in rows if "values" in f)  # no empty values
    # one rule, or one finding, a line, no spaces inside it: compact and greppable
    lines = out.splitlines()
    assert sum(1 for line in lines if line.startswith('      {"outcome":')) == len(rows)
    assert sum(1 for line in lines if re.fullmatch(r'    "[A-Z0-9.-]+": \[', line)) == len(
        data["findings"]
    )
    assert out.count(data["rules"]["A-4.6"]["citation"]["quote"]) == 1
    assert flat(data)[0] == {"rule": "A-1.1", "severity": "error", **rows[0]}


def test_check_json_names_a_finding_s_severity_only_where_it_is_not_its_rule_s(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """C-3: a reason given turns the rule's error into advice for that finding alone (the
    scenario c3-advice-with-reason); ``rules`` keeps the catalogue's severity, and the finding
    names its own."""
    from post65.rulebook import CheckResult

    programme = json.loads((ROOT / "tests/scenarios/c/base.programme.json").read_text("utf-8"))
    programme |= {
        "public_support": "7200000",
        "municipal_share": "2400000",
        "municipal_share_reason": "Fylkeskommunen dekker en større andel i avklaringsfasen",
    }
    path = tmp_path / "programme.json"
    path.write_text(json.dumps(programme), encoding="utf-8")
    code, out, _ = run(capsys, "check", str(path), "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["rules"]["C-3"]["severity"] == "error"
    (c3,) = data["findings"]["C-3"]
    assert (c3["outcome"], c3["severity"]) == ("not_met", "advice")
    assert flat(data)[[f["rule"] for f in flat(data)].index("C-3")]["severity"] == "advice"
    others = [f for rule, found in data["findings"].items() if rule != "C-3" for f in found]
    assert others
    assert all("severity" not in f for f in others)
    # a result built without the catalogue's severities takes the first finding's
    from post65 import check, load

    bare = CheckResult("programme", check(load(path)).for_rule("C-3")).to_json("nb")
    assert bare["rules"]["C-3"]["severity"] == "advice"
    assert "severity" not in bare["findings"]["C-3"][0]


def test_check_json_is_compact_per_finding(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """At most 250 bytes a finding on average on the benchmarks' 1 000-measure portfolio, as
    issue 14 asks (495 when each finding carried its citation; 291 with the rule and the
    severity on every finding; 246 since they are given once per rule and A-1.2's and A-2.1's
    messages were shortened); a size, not a time."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("corpus", ROOT / "benchmarks" / "corpus.py")
    assert spec is not None
    assert spec.loader is not None
    corpus = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(corpus)
    path = tmp_path / "portfolio-1000.json"
    path.write_bytes(corpus.portfolio_bytes(1_000))
    code, text, _ = run(capsys, "check", str(path), "--format", "json")
    assert code == 1
    findings = len(flat(json.loads(text)))
    assert findings > 10_000
    assert len(text.encode("utf-8")) / findings <= 250


# --------------------------------------------------------------------------------------------
# Standard input (issue 15, point 5)


def _stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


def test_check_dash_reads_standard_input(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _stdin(monkeypatch, Path(NORDLAND).read_bytes())
    code, out, _ = run(capsys, "check", "-", "--format", "json")
    assert code == 1
    _, from_file, _ = run(capsys, "check", NORDLAND, "--format", "json")
    assert out == from_file


def test_report_dash_reads_standard_input(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _stdin(monkeypatch, Path(NORDLAND).read_bytes())
    code, out, _ = run(capsys, "report", "-", "--format", "text")
    assert code == 0
    assert out.startswith("ÅRSRAPPORT 2024")


@pytest.mark.parametrize(
    ("lang", "where"),
    [("nb", "1 feil i standard inndata:"), ("en", "1 problem in standard input:")],
)
def test_bad_standard_input_is_located_in_the_language(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, lang: str, where: str
) -> None:
    _stdin(monkeypatch, b'{"kind": "portfolio",,}')
    code, out, err = run(capsys, "check", "-", "--lang", lang)
    assert (code, out) == (2, "")
    assert err.startswith(where)
    assert "(linje 1, kolonne 22)" in err or "(line 1, column 22)" in err


def test_standard_input_larger_than_the_limit_is_refused(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from post65.io import MAX_DOCUMENT_BYTES

    _stdin(monkeypatch, b" " * (MAX_DOCUMENT_BYTES + 10))
    code, _, err = run(capsys, "report", "-")
    assert code == 2
    assert "standard inndata" in err
    assert "MiB" in err


def test_a_closed_standard_input_is_a_located_problem(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", None)
    code, _, err = run(capsys, "check", "-", "--lang", "en")
    assert code == 2
    assert err.startswith("1 problem in -:")
    assert "cannot read the file" in err


# --------------------------------------------------------------------------------------------
# Shell completion (issue 15, point 10)


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_each_completion_script_names_every_subcommand_and_option(
    capsys: pytest.CaptureFixture[str], shell: str
) -> None:
    from post65.cli import build_parser
    from post65.cli.completion import commands

    code, out, _ = run(capsys, "completion", shell)
    assert code == 0
    for command in commands(build_parser()):
        assert command.name in out
        for option in command.options:
            long = next(n for n in option.names if n.startswith("--"))
            assert (long if shell != "fish" else f"-l {long[2:]}") in out
    assert "portfolio" in out  # the document kinds of post65 schema KIND
    if shutil.which(shell):  # the shell itself reads the script without a syntax error
        proc = subprocess.run([shell, "-n"], input=out.encode(), capture_output=True, check=False)
        assert proc.returncode == 0, proc.stderr.decode()


@pytest.mark.skipif(shutil.which("bash") is None, reason="bash is not installed")
def test_the_bash_completion_completes(capsys: pytest.CaptureFixture[str]) -> None:
    _, script, _ = run(capsys, "completion", "bash")
    probe = (
        script
        + 'COMP_WORDS=(post65 ch); COMP_CWORD=1; _post65; echo "${COMPREPLY[*]}"\n'
        + 'COMP_WORDS=(post65 check --lang ""); COMP_CWORD=3; _post65; echo "${COMPREPLY[*]}"\n'
        + 'COMP_WORDS=(post65 schema po); COMP_CWORD=2; _post65; echo "${COMPREPLY[*]}"\n'
        + 'COMP_WORDS=(post65 allocate --me); COMP_CWORD=2; _post65; echo "${COMPREPLY[*]}"\n'
    )
    bash = shutil.which("bash")
    assert bash is not None
    proc = subprocess.run([bash], input=probe.encode(), capture_output=True, check=True)
    assert proc.stdout.decode().splitlines() == ["check", "nb nn en", "portfolio", "--method"]


def test_completion_of_an_unknown_shell_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "completion", "tcsh")
    assert (code, out) == (2, "")
    assert "feil: ugyldig verdi for {bash,zsh,fish}: «tcsh» (velg bash, zsh eller fish)" in err


@pytest.mark.parametrize("command", ["check", "report"])
def test_check_and_report_read_kdds_workbook_options(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, command: str
) -> None:
    """--sheet, --knr-column and --score-column are the same for every command that reads an
    index (issue 15, point 1): two candidate score columns are refused naming the option, and
    the option picks one."""
    rows = (ROOT / "examples" / "illustrative-index.csv").read_text(encoding="utf-8").splitlines()
    header = rows[0].split(";")
    knr, score = header.index("kommunenummer"), header.index("distriktsindeks")
    lines = ["KNR;DI 2025;Skår"]
    for row in rows[1:]:
        cells = row.split(";")
        lines.append(f"{cells[knr]};{cells[score]};{cells[score]}")
    index = tmp_path / "two-scores.csv"
    index.write_text("\n".join(lines) + "\n", encoding="utf-8")
    argv = [command, NORDLAND, "--index", str(index), "--lowest", "100", "--lang", "en"]
    if command == "report":
        argv += ["--format", "json"]
    code, _, err = run(capsys, *argv)
    assert code == 2
    assert "--score-column" in err
    code, _, err = run(capsys, *argv, "--score-column", "DI 2025")
    assert code in (0, 1), err


# --------------------------------------------------------------------------------------------
# Written a rule at a time (issue 14, points 1 and 6)


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_check_json_written_as_rules_run_is_the_result_s_json(
    capsys: pytest.CaptureFixture[str], lang: str
) -> None:
    # The command writes each rule's findings as they come (check_by_rule): the bytes are those
    # of the whole result written at once.
    from post65 import check, load
    from post65.cli._output import write_json_rows

    code, out, _ = run(capsys, "check", NORDLAND, "--format", "json", "--lang", lang)
    assert code == 1
    write_json_rows(check(load(NORDLAND)).to_json(lang))  # type: ignore[arg-type]
    assert capsys.readouterr().out == out


@pytest.mark.parametrize("fmt", ["table", "markdown"])
def test_check_default_view_from_the_rules_findings_is_render_action(
    capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    # The default view keeps only what it shows and counts the rest: the same text as from the
    # whole result.
    from post65 import check, load
    from post65.cli.check import render_action
    from post65.portfolio import Portfolio

    document = load(NORDLAND)
    assert isinstance(document, Portfolio)
    code, out, _ = run(capsys, "check", NORDLAND, "--format", fmt)
    assert code == 1
    whole = render_action(check(document), fmt=fmt, lang="nb", labels=document.subject_labels())
    assert out == whole


def test_check_max_mib_raises_the_size_limit(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    text = Path(NORDLAND).read_text(encoding="utf-8")
    big = tmp_path / "big.json"
    # The same portfolio padded with white space past 1 MiB.
    big.write_text(text + " " * (1024 * 1024), encoding="utf-8")
    code, _, err = run(capsys, "check", str(big), "--max-mib", "1")
    assert code == 2
    assert "1 MiB" in err
    code, _, _ = run(capsys, "check", str(big), "--max-mib", "2")
    assert code == 1  # read, and the broken measure found


@pytest.mark.parametrize("value", ["0", "2049", "1.5", "x", "-3"])
def test_check_max_mib_must_be_whole_mib_in_range(
    capsys: pytest.CaptureFixture[str], value: str
) -> None:
    code, _, err = run(capsys, "check", NORDLAND, "--max-mib", value, "--lang", "en")
    assert code == 2
    assert "--max-mib must be a whole number of MiB from 1 to 2048" in err


@pytest.mark.parametrize("fmt", ["table", "json"])
def test_parameters_name_an_article_once(capsys: pytest.CaptureFixture[str], fmt: str) -> None:
    """«Forordning (EU) 2023/2831 art. 3(2)», not «… art. 3(2) § 3(2)»; a section of the
    regulation keeps its «§» (``regelverk-a-2023 § 5``)."""
    code, out, _ = run(capsys, "parameters", "--format", fmt)
    assert code == 0
    assert "Forordning (EU) 2023/2831 art. 3(2)" in out
    assert "Forordning (EU) nr. 1407/2013 art. 3(2)" in out
    assert "§ 3(2)" not in out
    assert "regelverk-a-2023 § 5" in out


def test_rules_name_an_article_without_a_section_sign(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "rules", "--format", "markdown", "--lang", "en")
    assert code == 0
    assert "§ art." not in out
    assert ", art. 3(2) (not shipped) <https://eur-lex.europa.eu/" in out
    assert "2023-12-12, § 1 <https://www.regjeringen.no/" in out
