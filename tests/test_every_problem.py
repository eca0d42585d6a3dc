"""Every problem of a document at once, located: the structural ones together with those the
checks of its kind find (unknown kommunenumre, unusable funds), summarised when there are many."""

from __future__ import annotations

import contextlib
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from post65 import strategies
from post65.cli import main
from post65.errors import MAX_REPORTED, InvalidDocument, Problem, summarise
from post65.geography import register
from post65.io import load, pointer_key, to_json
from post65.portfolio import Portfolio
from post65.text import msg

ROOT = Path(__file__).parent.parent
EXAMPLE = ROOT / "examples" / "nordland-2024.portfolio.json"


def _example() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    return data


def _problems(doc: dict[str, Any]) -> tuple[Problem, ...]:
    with pytest.raises(InvalidDocument) as info:
        load(json.dumps(doc))
    return info.value.problems


def test_a_draft_with_three_wrong_types_and_an_unknown_number_has_four_problems() -> None:
    doc = _example()
    doc["measures"][0]["cost"] = 1.5  # a float
    doc["measures"][1]["title"] = 5  # not a string
    doc["year"] = "2024"  # not an integer
    doc["challenges"][0]["kommunenummer"] = "1899"  # not in the register
    problems = _problems(doc)
    assert [p.where for p in problems] == [
        "/challenges/0/kommunenummer",
        "/measures/0/cost",
        "/measures/1/title",
        "/year",
    ]
    assert "1899" in problems[0].en
    assert "nearest" in problems[0].en
    assert "nærmeste" in problems[0].nb


def test_an_unknown_field_and_a_missing_one_join_the_checks() -> None:
    doc = _example()
    doc["measures"][2]["bogus"] = True
    del doc["measures"][3]["title"]
    doc["measures"][4]["beneficiaries"] = ["1835", "9999"]
    doc["b_measures"][0]["municipalities"] = ["1826", "0000"]
    wheres = [p.where for p in _problems(doc)]
    assert wheres == [
        "/b_measures/0/municipalities/1",
        "/measures/2/bogus",
        "/measures/3/title",
        "/measures/4/beneficiaries/1",
    ]


def test_problems_about_placeholders_are_left_out() -> None:
    doc = _example()
    old = {doc["measures"][0]["id"], doc["measures"][1]["id"]}
    doc["measures"][0]["id"] = 7  # wrong types: their placeholders must not clash
    doc["measures"][1]["id"] = 7
    for entry in (*doc["funds"]["payments"], *doc["funds"]["commitments"]):
        if entry.get("measure") in old:
            entry["measure"] = "7"  # the payments still name the measures
    doc["challenges"][0]["kommunenummer"] = 1835  # a wrong type, not an unknown number
    wheres = [p.where for p in _problems(doc)]
    assert wheres == ["/challenges/0/kommunenummer", "/measures/0/id", "/measures/1/id"]


def test_the_funds_are_checked_when_read() -> None:
    doc = _example()
    doc["funds"]["payments"][0]["year"] = 1899
    doc["funds"]["payments"][1]["amount"] = "-5"
    doc["funds"]["received"][0]["appropriation_year"] = 10000
    received = doc["funds"]["received"]
    received.append({"scheme": "b", "appropriation_year": 2024, "amount": str(10**18)})
    received.append({"scheme": "b", "appropriation_year": 2025, "amount": "1"})  # once only
    problems = {p.where: p for p in _problems(doc)}
    pay_year = problems["/funds/payments/0/year"]
    assert "1899" in pay_year.en
    assert "1899" in pay_year.nb
    negative = problems["/funds/payments/1/amount"]
    assert "-5" in negative.en
    assert "negativ" in negative.nb
    assert "10000" in problems["/funds/received/0/appropriation_year"].en
    over = problems[f"/funds/received/{len(received) - 2}/amount"]
    assert "10^18" in over.en
    assert "scheme b" in over.en
    assert len(problems) == 4


def test_the_funds_and_the_structure_are_reported_together() -> None:
    doc = _example()
    doc["funds"]["payments"][0]["year"] = 1899
    doc["measures"][0]["cost"] = 1.5
    assert [p.where for p in _problems(doc)] == ["/funds/payments/0/year", "/measures/0/cost"]


def test_the_command_prints_every_problem_with_exit_2(tmp_path: Path) -> None:
    doc = _example()
    doc["year"] = "2024"
    doc["measures"][0]["cost"] = 1.5
    doc["measures"][1]["title"] = 5
    doc["challenges"][0]["kommunenummer"] = "1899"
    path = tmp_path / "draft.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    err = io.StringIO()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(err):
        code = main(["check", str(path), "--lang", "en"])
    assert code == 2
    for where in ("/challenges/0/kommunenummer", "/measures/0/cost", "/measures/1/title", "/year"):
        assert where in err.getvalue()


def _check(
    argv: list[str], stdin: str | None = None, command: str = "check"
) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.ExitStack() as stack:
        stack.enter_context(contextlib.redirect_stdout(out))
        stack.enter_context(contextlib.redirect_stderr(err))
        if stdin is not None:
            stack.enter_context(_stdin(stdin))
        code = main([command, *argv])
    return code, out.getvalue(), err.getvalue()


@contextlib.contextmanager
def _stdin(text: str) -> Iterator[None]:
    import sys

    saved = sys.stdin
    sys.stdin = io.TextIOWrapper(io.BytesIO(text.encode("utf-8")), encoding="utf-8")
    try:
        yield
    finally:
        sys.stdin = saved


def test_check_lists_the_param_with_the_index_problems(tmp_path: Path) -> None:
    """``post65 check`` names every problem of its options at once, as ``allocate`` does: a bad
    ``--param`` is no longer told only once the index is good."""
    index = tmp_path / "bad.csv"
    index.write_text("kommunenummer,distriktsindeks\nx,1\n1826,abc\n", encoding="utf-8")
    argv = [str(EXAMPLE), "--param", "foo=1", "--index", str(index), "--lowest", "10"]
    code, out, err = _check(argv)
    assert (code, out) == (2, "")
    lines = err.splitlines()
    assert lines[0] == "3 feil:"
    assert (
        lines[1]
        == f"  {index}, linje 2, kolonne kommunenummer: «x» er ikke et kommunenummer (4 sifre)"
    )
    assert lines[2] == f"  {index}, linje 3, kolonne distriktsindeks: «abc» er ikke et tall"
    assert lines[3].startswith("  --param: ukjent parameter «foo» (kjente: a.admin_cost_share, ")
    assert len(lines) == 4


def test_report_lists_every_problem_of_its_options_at_once(tmp_path: Path) -> None:
    """``post65 report`` as ``check``: the page options, the index and ``--param`` together."""
    index = tmp_path / "bad.csv"
    index.write_text("kommunenummer,distriktsindeks\nx,1\n", encoding="utf-8")
    argv = [str(EXAMPLE), "--param", "foo=1", "--index", str(index), "--lowest", "10"]
    code, out, err = _check([*argv, "--width", "5"], command="report")
    assert (code, out) == (2, "")
    lines = err.splitlines()
    assert lines[0] == "3 feil:"
    assert lines[1] == "  --width: må være mellom 40 og 200, fikk 5"
    assert lines[2].startswith(f"  {index}, linje 2, kolonne kommunenummer: «x» er ikke")
    assert lines[3].startswith("  --param: ukjent parameter «foo» (kjente: ")
    assert len(lines) == 4


def test_check_lists_the_options_problems_with_the_document_s(tmp_path: Path) -> None:
    draft = tmp_path / "draft.json"
    draft.write_text('{"kind": "portfolio"}', encoding="utf-8")
    argv = [str(draft), "--format", "xlsx", "--max-score", "2", "--param", "bar", "--lang", "en"]
    code, out, err = _check(argv)
    assert (code, out) == (2, "")
    assert err.splitlines() == [
        "5 problems:",
        "  --output: --format xlsx writes a workbook to a file: give --output FILE.xlsx",
        "  --max-score: --max-score needs a district index: --index FILE",
        "  --param: 'bar': write NAME=VALUE, e.g. a.admin_cost_share=0.05",
        f"  {draft}, /county: required field is missing",
        f"  {draft}, /year: required field is missing",
    ]
    # the document's problems alone are told as load tells them, in the file
    code, out, err = _check([str(draft), "--lang", "en"])
    assert (code, out) == (2, "")
    assert err.splitlines()[0] == f"2 problems in {draft}:"
    assert err.splitlines()[1:] == [
        "  /county: required field is missing",
        "  /year: required field is missing",
    ]


def test_check_with_a_bad_size_limit_lists_the_options_without_reading(tmp_path: Path) -> None:
    code, _, err = _check(["/no/such.json", "--max-mib", "0", "--param", "bar", "--lang", "en"])
    assert code == 2
    assert err.splitlines() == [
        "2 problems:",
        '  --max-mib: --max-mib must be a whole number of MiB from 1 to 2048, not "0"',
        "  --param: 'bar': write NAME=VALUE, e.g. a.admin_cost_share=0.05",
    ]
    code, _, err = _check(["/no/such.json", "--param", "bar", "--lang", "en"])
    assert code == 2
    assert err.splitlines()[1:] == [
        "  --param: 'bar': write NAME=VALUE, e.g. a.admin_cost_share=0.05",
        "  /no/such.json: cannot read the file: no such file",
    ]


def test_check_locates_standard_input_s_problems_beside_the_options() -> None:
    code, _, err = _check(["-", "--param", "bar", "--lang", "nn"], stdin='{"kind": "portfolio"}')
    assert code == 2
    assert err.splitlines() == [
        "3 feil:",
        "  --param: «bar»: skriv NAMN=VERDI, t.d. a.admin_cost_share=0.05",
        "  standard inndata, /county: påkravd felt manglar",
        "  standard inndata, /year: påkravd felt manglar",
    ]
    code, _, err = _check(["-", "--lang", "nn"], stdin='{"kind": "portfolio"}')
    assert code == 2
    assert err.splitlines()[0] == "2 feil i standard inndata:"


def test_many_unknown_numbers_are_summarised_in_document_order() -> None:
    reg = register(2024)
    unknown = [f"{i:04d}" for i in range(10_000) if f"{i:04d}" not in reg]
    numbers = (unknown * 2)[:10_000]
    doc = {
        "kind": "portfolio",
        "county": "18",
        "year": 2024,
        "challenges": [{"kommunenummer": nr, "challenge": "x"} for nr in numbers],
    }
    problems = _problems(doc)
    assert len(problems) == MAX_REPORTED + 1
    shown = problems[:MAX_REPORTED]
    assert [p.where for p in shown] == [
        f"/challenges/{i}/kommunenummer" for i in range(MAX_REPORTED)
    ]
    assert all("nearest" in p.en and "nærmeste" in p.nb for p in shown)
    rest = 10_000 - MAX_REPORTED
    last = problems[-1]
    assert (last.where, last.nb, last.en) == (
        "...",
        f"og {rest} feil til",
        f"and {rest} more problems",
    )


def test_summarise_counts_the_rest_exactly() -> None:
    problems = [Problem(f"/{i}", msg("example.not_met", reason="x")) for i in range(5)]
    assert summarise(problems, 5) == problems
    last = summarise(problems, 4)[-1]
    assert (last.where, last.nb, last.en) == ("...", "og 1 feil til", "and 1 more problems")
    assert len(summarise(problems, 4)) == 5


def test_pointers_sort_in_document_order() -> None:
    wheres = ["/m/10", "/m/9", "/a", "", "/m/9/x", "..."]
    assert sorted(wheres, key=pointer_key) == ["", "/a", "/m/9", "/m/9/x", "/m/10", "..."]


@settings(max_examples=30, suppress_health_check=[HealthCheck.too_slow])
@given(strategies.portfolios())
def test_a_wrong_type_never_hides_an_unknown_number(portfolio: Portfolio) -> None:
    doc = to_json(portfolio)
    doc["year"] = str(doc["year"])
    doc["challenges"] = [*doc.get("challenges", []), {"kommunenummer": "0000", "challenge": "x"}]
    wheres = [p.where for p in _problems(doc)]
    assert "/year" in wheres
    assert f"/challenges/{len(doc['challenges']) - 1}/kommunenummer" in wheres
