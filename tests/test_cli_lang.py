"""``--lang nn`` on every command; no English in Norwegian output; the labels from the catalogues.

The English heuristic is the one of tests/test_catalogues.py. Data a command prints as it is
(the notes of parameters without a value, the titles of document kinds, scenario names) is not
the command's text and is left out of the heuristic.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from post65.cli import COMMANDS, build_parser, main
from post65.cli._output import subject_label
from post65.cli.check import _group_of, render_findings
from post65.law import Citation
from post65.rulebook import CheckResult, Finding, Outcome, Severity
from post65.rules import rules
from post65.text import msg

ENGLISH = (" the ", " and ", " of ", " is ", " must ", " measure")
"""The English heuristic of tests/test_catalogues.py (its ``ENGLISH``)."""

ROOT = Path(__file__).resolve().parent.parent
PORTFOLIO = str(ROOT / "examples" / "nordland-2024.portfolio.json")
INDEX = str(ROOT / "examples" / "illustrative-index.csv")
REPORTS = ROOT / "examples" / "reports-2024"
SCENARIO = ROOT / "tests" / "scenarios" / "a" / "a-1.1-no-beneficiary.scenario.json"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def english_in(text: str) -> list[str]:
    """The lines of ``text`` with an English function word."""
    return [line for line in text.splitlines() if any(w in f" {line.lower()} " for w in ENGLISH)]


def _report_speaks_nynorsk() -> bool:
    from post65.report import ReportLanguage

    return "nn" in {lang.value for lang in ReportLanguage}


def _argv_of_every_command(tmp_path: Path) -> dict[str, list[str]]:
    folder = tmp_path / "scenarios"
    folder.mkdir()
    body = json.loads(SCENARIO.read_text(encoding="utf-8"))
    body["scenario"] = "Eit tiltak utan mottakarar er ikkje oppfylt"
    (folder / "nn.scenario.json").write_text(json.dumps(body), encoding="utf-8")
    if "base" in body:  # the base document the scenario patches goes beside it
        base = SCENARIO.parent / body["base"]
        (folder / base.name).write_text(base.read_text(encoding="utf-8"), encoding="utf-8")
    return {
        "check": ["check", PORTFOLIO],
        "rules": ["rules"],
        "verify": ["verify", str(folder)],
        "schema": ["schema", "portfolio"],
        "parameters": ["parameters"],
        "municipalities": ["municipalities", "--county", "46"],
        "allocate": ["allocate", "--amount", "120 mill. kr", "--index", INDEX, "--lowest", "100"],
        "report": ["report", PORTFOLIO],
        "summarise": ["summarise", *map(str, sorted(REPORTS.glob("*.report.json")))],
        "completion": ["completion", "bash"],
    }


def test_every_command_is_tested_here(tmp_path: Path) -> None:
    names = {command.name for command in COMMANDS}
    assert names == set(_argv_of_every_command(tmp_path))


@pytest.mark.parametrize(
    "command",
    [
        "check",
        "rules",
        "verify",
        "schema",
        "parameters",
        "municipalities",
        "allocate",
        "summarise",
        "completion",
        pytest.param(
            "report",
            marks=pytest.mark.skipif(
                not _report_speaks_nynorsk(),
                reason="the report speaks nynorsk once post65.report has ReportLanguage.NN",
            ),
        ),
    ],
)
def test_every_command_speaks_nynorsk(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, command: str
) -> None:
    argv = _argv_of_every_command(tmp_path)[command]
    code, out, err = run(capsys, *argv, "--lang", "nn")
    assert code in (0, 1), err
    assert "Traceback" not in err
    text = out + err
    if command in ("schema", "completion"):  # for developers and shells: one language
        assert run(capsys, *argv, "--lang", "nb")[1] == out
        return
    if command == "parameters":  # the notes of parameters without a value are their data
        text = "\n".join(line for line in text.splitlines() if line[:1] not in (" ", "\t"))
        text = "\n".join(line.split("—")[0] for line in text.splitlines())
    assert english_in(text) == []
    _, out_nb, _ = run(capsys, *argv, "--lang", "nb")
    assert out != out_nb


def test_the_check_table_in_nynorsk(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", PORTFOLIO, "--lang", "nn", "--all")
    assert code == 1
    assert "ikkje oppfylt" in out
    assert "ikkje aktuelt" in out
    assert "ikke oppfylt" not in out
    assert "ikke aktuelt" not in out
    lines = out.splitlines()
    assert lines[0].startswith("Gjeld: /measures/")
    assert lines[1].split() == ["Regel", "Utfall", "Alvor", "Melding"]
    assert lines[-1].startswith("Samandrag: ")
    assert lines[-1].endswith("(ikkje bestått)")


@pytest.mark.parametrize(
    ("lang", "subject", "word"),
    [("nb", "Gjelder", "tiltak"), ("nn", "Gjeld", "tiltak"), ("en", "Subject", "measure")],
)
def test_rule_subjects_are_named_in_the_language(
    capsys: pytest.CaptureFixture[str], lang: str, subject: str, word: str
) -> None:
    code, out, _ = run(capsys, "rules", "--format", "markdown", "--lang", lang)
    assert code == 0
    assert f"- {subject}: {word}\n" in out
    if lang != "en":
        assert "measure" not in out.replace("measures", "")


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_every_rule_subject_has_a_label(lang: str) -> None:
    for r in rules():
        label = subject_label(r.subject, lang)  # type: ignore[arg-type]
        if lang == "en":
            assert label == r.subject
        else:
            assert english_in(f" {label} ") == [], label
            assert label != r.subject or r.subject in ("program", "rapport"), r.subject


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_errors_are_told_in_the_language(capsys: pytest.CaptureFixture[str], lang: str) -> None:
    code, out, err = run(capsys, "allocate", "--lang", lang)
    assert code == 2
    assert out == ""
    expected = {
        "nb": "--amount: beløpet mangler",
        "nn": "--amount: beløpet manglar",
        "en": "--amount: the amount is missing",
    }[lang]
    assert expected in err
    code, _, err = run(capsys, "check", "/no/such.json", f"--lang={lang}")
    assert code == 2
    assert err.startswith({"nb": "1 feil i", "nn": "1 feil i", "en": "1 problem in"}[lang])


def test_a_bug_is_told_in_nynorsk(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import post65.cli.municipalities

    def broken(args: object) -> int:
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(post65.cli.municipalities, "run", broken)
    monkeypatch.delenv("POST65_DEBUG", raising=False)
    code, out, err = run(capsys, "municipalities", "--lang", "nn")
    assert code == 2
    assert out == ""
    assert err == (
        "intern feil i post65 (ZeroDivisionError: division by zero); meld han gjerne med "
        "inndataa som gav han\n"
    )


def test_every_command_offers_the_three_languages() -> None:
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    for name, command in sub.choices.items():  # type: ignore[union-attr]
        lang = next(a for a in command._actions if a.dest == "lang")
        assert lang.choices == ("nb", "nn", "en"), name
        assert lang.default == "nb", name


def _finding(subject: str, outcome: Outcome = Outcome.MET) -> Finding:
    return Finding(
        rule="A-4.1",
        outcome=outcome,
        severity=Severity.ERROR,
        subject=subject,
        message=msg("cli.check.passed"),
        citation=Citation("regelverk-a-2023", "4", "x"),
    )


def test_grouping_takes_the_shortest_subject_above() -> None:
    subjects = {"", "/measures/1", "/measures/1/beneficiaries/0", "/funds", "/funds/items/3"}
    assert _group_of("/measures/1/beneficiaries/0", subjects) == "/measures/1"
    assert _group_of("/measures/1", subjects) == "/measures/1"
    assert _group_of("/measures/10/x", subjects) == "/measures/10/x"  # /measures/1 is no prefix
    assert _group_of("/funds/items/3", subjects) == "/funds"
    assert _group_of("", subjects) == ""  # the root gathers only itself


def test_many_findings_are_grouped_in_one_pass() -> None:
    findings = tuple(
        f
        for i in range(20_000)
        for f in (
            _finding(f"/measures/{i}"),
            _finding(f"/measures/{i}/beneficiaries/0", Outcome.NOT_MET),
        )
    )
    result = CheckResult("portfolio", findings)
    text = render_findings(result, fmt="table", lang="nn")
    assert text.count("Gjeld: /measures/") == 20_000
    assert text.count("beneficiaries/0: bestått") == 20_000
    assert text.index("Gjeld: /measures/0\n") < text.index("Gjeld: /measures/2\n")
    assert text.index("Gjeld: /measures/9\n") < text.index("Gjeld: /measures/10\n")


def test_the_default_check_table_in_nynorsk(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", PORTFOLIO, "--lang", "nn")
    assert code == 1
    lines = out.splitlines()
    assert lines[0].startswith("Å rette eller fylle ut (")
    assert lines[1].split() == ["Regel", "Utfall", "Alvor", "Felt", "og", "melding"]
    assert lines[3].split()[:4] == ["A-4.6", "ikkje", "oppfylt", "krav"]
    assert lines[-1].startswith("Samandrag: ")
    assert "feil" not in out  # the severity reads krav/råd
    assert english_in(out) == []


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("nb", ("filen finnes ikke", "det er en mappe, ikke en fil", "forventet «,»")),
        ("nn", ("fila finst ikkje", "det er ei mappe, ikkje ei fil", "venta «,»")),
        ("en", ("no such file", "it is a directory, not a file", "expecting ','")),
    ],
)
def test_file_and_json_errors_are_in_the_chosen_language(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, lang: str, words: tuple[str, ...]
) -> None:
    """The OS's and the json module's own words (English) never reach the user: each is put in
    the chosen language and located (the file, the line and column)."""
    bad = tmp_path / "bad.json"
    bad.write_text('{"kind": "portfolio"\n "year": 2024}', encoding="utf-8")
    missing, folder = str(tmp_path / "missing.json"), str(tmp_path)
    errors = []
    for path in (missing, folder, str(bad)):
        code, out, err = run(capsys, "check", path, "--lang", lang)
        assert (code, out) == (2, "")
        assert path in err.splitlines()[0]  # located: the file it could not use
        errors.append(err)
    for err, word in zip(errors, words, strict=True):
        assert word in err
    assert "(linje 2, kolonne 2)" in errors[2] or "(line 2, column 2)" in errors[2]
    if lang != "en":
        for err in errors:
            assert english_in(err) == []
            assert "No such file" not in err
            assert "Expecting" not in err


def test_every_json_decoding_error_has_catalogue_words() -> None:
    """Each message of the json module maps to a catalogue entry (never the English text)."""
    from post65.errors import InvalidDocument
    from post65.io import load

    texts = {
        "": None,
        "{": "forventet et feltnavn",
        '{"a" 1}': "forventet «:»",
        '{"a": 1 "b": 2}': "forventet «,»",
        '{"a": "x': "aldri avsluttes",
        '{"a": "\x01"}': "kontrolltegn",
        '{"a": "\\q"}': "\\-sekvens",
        '{"a": 1} x': "mer tekst etter",
        '{"a": [}': "forventet en verdi",
        '{"a": ' + "1" * 5000 + "}": "for mange sifre",
    }
    for text, words in texts.items():
        with pytest.raises(InvalidDocument) as caught:
            load(text.encode())
        message = caught.value.message("nb")
        if words is not None:
            assert words in message, (text[:20], message)
