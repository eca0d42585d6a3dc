"""Sums of a document's amounts stay within 10^18 kr, or the document is refused where they pass.

Every amount is at most 10^18 kr (``MAX_KRONER``), and sums post65 forms later of several amounts
(a split's a + b + c, the de minimis aid of an undertaking, the funds of all schemes, a scheme's
measures, a report's figures over all schemes) could pass it: ``check``, ``build_report`` and
the rendering then failed with no location. ``load`` now refuses such a document, every problem
at the JSON Pointer of the amount that takes the sum past the bound (``/split`` for the split).
"""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pint
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import post65
from post65 import strategies
from post65._sums import Sums
from post65.errors import InvalidDocument, InvalidInput, Problem
from post65.money import MAX_KRONER, kroner, nok
from post65.portfolio import Portfolio
from post65.report import Report
from post65.summary import render_summary, summarise_reports, summary_json

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
MAX = str(MAX_KRONER)


def _example(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((EXAMPLES / name).read_text(encoding="utf-8"))
    return data


def _refused(doc: dict[str, Any]) -> list[Problem]:
    with pytest.raises(InvalidDocument) as caught:
        post65.load(json.dumps(doc))
    problems = caught.value.problems
    assert problems, "a refusal names its problems"
    return list(problems)


def _portfolio_split_over() -> dict[str, Any]:
    doc = _example("nordland-2024.portfolio.json")
    doc["split"]["a"] = MAX  # with b and c the split's total passes 10^18 kr
    return doc


def _report_split_over() -> dict[str, Any]:
    doc = _example("nordland-2024.report.json")
    doc["split"]["a"] = MAX
    return doc


def _application_aid_over() -> dict[str, Any]:
    doc = _example("innlandet-2024-application.json")
    doc["support"]["amount"] = MAX  # with the earlier aid the de minimis total passes
    doc["support"]["previous_aid"] = [
        {"granted": "2023-04-01", "amount": "250000", "grantor": "Innovasjon Norge"}
    ]
    return doc


REPRODUCERS = {
    "portfolio": (_portfolio_split_over, ["/split"], "fordelingen", "split"),
    "report": (_report_split_over, ["/split"], "fordelingen", "split"),
    "application": (
        _application_aid_over,
        ["/support/previous_aid/0/amount"],
        "bagatellmessige",
        "de minimis",
    ),
}


@pytest.mark.parametrize("kind", sorted(REPRODUCERS))
def test_the_fuzzers_documents_are_refused_where_the_sum_passes(kind: str) -> None:
    make, wheres, nb_word, en_word = REPRODUCERS[kind]
    problems = _refused(make())
    assert [p.where for p in problems] == wheres
    (problem,) = problems
    assert nb_word in problem.nb
    assert "høyst 1\u00a0000\u00a0000\u00a0000\u00a0000\u00a0000\u00a0000\u00a0kr" in problem.nb
    assert en_word in problem.en
    assert "at most 1\u00a0000" in problem.en


def test_the_split_total_is_shown_in_the_message() -> None:
    (problem,) = _refused(_portfolio_split_over())
    # a = 10^18, b = 12 500 000 (Nordland's example), c = 7 000 000
    assert "1\u00a0000\u00a0000\u00a0000\u00a0019\u00a0500\u00a0000\u00a0kr" in problem.en


def test_a_portfolios_measures_and_funds_are_bounded_as_sums() -> None:
    doc = _example("nordland-2024.portfolio.json")
    doc["measures"][0]["cost"] = MAX
    doc["measures"][0].pop("shares", None)
    doc["b_measures"][1]["granted"] = MAX
    doc["funds"]["received"][1]["amount"] = str(MAX_KRONER // 2)
    doc["funds"]["received"][2]["amount"] = str(MAX_KRONER // 2)  # scheme b: a scheme apart
    wheres = [p.where for p in _refused(doc)]
    assert "/measures/1/cost" in wheres  # the first scheme a measure after the one at 10^18
    assert "/b_measures/1/granted" in wheres or "/b_measures/0/granted" in wheres
    assert any(w.startswith("/funds/") for w in wheres)


def test_the_funds_of_all_schemes_are_bounded_together() -> None:
    doc = _example("nordland-2024.portfolio.json")
    entries = [e for table in doc["funds"].values() for e in table]
    schemes = ("scheme", "from_scheme", "to_scheme")
    of_c = sum(Decimal(e["amount"]) for e in entries if "c" in (e.get(k) for k in schemes))
    assert of_c > 0
    left = MAX_KRONER - of_c  # scheme c at the bound exactly, and with a and b past it
    doc["funds"]["received"].append(
        {"scheme": "c", "appropriation_year": 2024, "amount": str(left)}
    )
    (problem,) = _refused(doc)
    assert problem.where.startswith("/funds/")
    assert "alle ordningene" in problem.nb
    assert "all schemes" in problem.en


def test_an_application_sets_amounts_applied_are_bounded() -> None:
    doc = _example("innlandet-2024-applications.json")
    doc["applications"][0]["amount_applied"] = MAX
    assert [p.where for p in _refused(doc)] == ["/applications/1/amount_applied"]


def test_a_reports_own_sums_are_bounded() -> None:
    doc = _example("nordland-2024.report.json")
    funds = doc["schemes"][0]["funds"]
    funds["payments"], funds["admin_costs"] = MAX, MAX
    doc["schemes"][1]["measures"][0]["amount"] = MAX
    first_use = next(iter(doc["by_use"]))
    doc["by_use"][first_use] = MAX
    doc["carried_over"]["b"]["to_next"] = MAX
    wheres = {p.where for p in _refused(doc)}
    assert "/schemes/0/funds/admin_costs" in wheres  # payments and administration costs
    assert any(w.startswith("/schemes/1/measures/") for w in wheres)
    assert any(w.startswith("/by_use/") for w in wheres)
    assert any(w.startswith("/carried_over/") for w in wheres)


def test_a_measures_shares_beyond_the_bound_are_refused_where_they_are() -> None:
    doc = _example("nordland-2024.portfolio.json")
    m = doc["measures"][0]
    m["cost"] = MAX
    m["shares"] = [{"beneficiary": b, "amount": MAX} for b in dict.fromkeys(m["beneficiaries"])]
    assert len(m["shares"]) > 1
    assert "/measures/0/shares" in [p.where for p in _refused(doc)]


def test_a_document_at_the_bound_whose_sums_are_within_it_loads_and_checks() -> None:
    doc = _example("nordland-2024.portfolio.json")
    doc["frame"] = MAX
    doc["split"].update(a=str(MAX_KRONER - 19_500_000))  # a + b + c = 10^18 exactly
    doc["measures"][0]["cost"] = str(MAX_KRONER - 10**12)
    doc["measures"][0].pop("shares", None)
    portfolio = post65.load(json.dumps(doc))
    assert kroner(portfolio.split.total) == MAX_KRONER
    post65.check(portfolio)
    report = post65.build_report(portfolio)
    for fmt in ("markdown", "text", "html"):
        assert post65.render_report(report, fmt)
    again = post65.load(post65.dump(report))
    post65.check(again)
    post65.render_report(again, "markdown")


def test_an_application_at_the_bound_loads_and_checks() -> None:
    doc = _example("innlandet-2024-application.json")
    doc["support"]["amount"] = MAX
    doc["support"]["previous_aid"] = []
    post65.check(post65.load(json.dumps(doc)))


# --------------------------------------------------------------------------------------------
# Any portfolio the strategies make, its amounts scaled toward the bound


def _amounts(value: Any) -> list[Decimal]:
    """Every amount in ``value`` (an attrs object, tuples and dicts of them)."""
    if isinstance(value, pint.Quantity):
        return [kroner(value)]
    if isinstance(value, tuple | list):
        return [a for item in value for a in _amounts(item)]
    if isinstance(value, dict):
        return [a for item in value.values() for a in _amounts(item)]
    if attrs.has(type(value)):
        return [a for f in attrs.fields(type(value)) for a in _amounts(getattr(value, f.name))]
    return []


def _scaled(value: Any, factor: int) -> Any:
    """``value`` with every amount multiplied by ``factor``."""
    if isinstance(value, pint.Quantity):
        return nok(kroner(value) * factor)
    if isinstance(value, tuple):
        return tuple(_scaled(item, factor) for item in value)
    if isinstance(value, dict):
        return {k: _scaled(v, factor) for k, v in value.items()}
    if attrs.has(type(value)):
        changes = {
            f.name: _scaled(getattr(value, f.name), factor)
            for f in attrs.fields(type(value))
            if f.init
        }
        return attrs.evolve(value, **changes)
    return value


def _located(problems: list[Problem] | tuple[Problem, ...] | None) -> bool:
    return bool(problems) and all(p.where.startswith("/") for p in problems or ())


@settings(
    max_examples=30,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(strategies.portfolios(min_measures=1, max_measures=5), st.integers(1, 8))
def test_any_portfolio_scaled_to_the_bound_is_refused_located_or_works(
    portfolio: Portfolio, eighths: int
) -> None:
    largest = max((abs(a) for a in _amounts(portfolio)), default=Decimal(0))
    if largest == 0:
        return
    factor = max(1, int(Decimal(MAX_KRONER) * eighths / 8 / largest))
    big = _scaled(portfolio, factor)
    refused: InvalidDocument | None = None
    try:
        loaded = post65.load(post65.dump(big))
    except InvalidDocument as exc:
        refused = exc
    if refused is not None:
        assert _located(refused.problems), refused
        return
    post65.check(loaded)
    report = post65.build_report(loaded)
    for fmt in ("markdown", "text", "html"):
        assert post65.render_report(report, fmt)
    again = post65.load(post65.dump(report))  # the report it makes loads, and checks, too
    post65.check(again)
    post65.render_report(again, "text")


# --------------------------------------------------------------------------------------------
# The command line


@pytest.mark.parametrize("kind", sorted(REPRODUCERS))
def test_the_command_refuses_each_with_exit_2_naming_the_pointer(kind: str, tmp_path: Path) -> None:
    make, wheres, _, _ = REPRODUCERS[kind]
    path = tmp_path / f"{kind}.json"
    path.write_text(json.dumps(copy.deepcopy(make())), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "post65", "check", str(path), "--format", "json"],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 2, done.stderr
    for where in wheres:
        assert where in done.stderr
    assert "Traceback" not in done.stderr


# --------------------------------------------------------------------------------------------
# The running sums themselves


def test_a_sum_names_the_amount_that_takes_it_past_once() -> None:
    sums = Sums()
    for i, value in enumerate((MAX_KRONER - 1, 1, 1, 10**18)):
        sums.add("by_use", Decimal(value), f"/by_use/{i}")
    sums.add("aid", Decimal(-MAX_KRONER), "/aid/0")  # absolute values: one at the bound is fine
    assert sums.past("aid") is None
    assert [p.where for p in sums.problems()] == ["/by_use/2"]


def test_a_signed_sum_is_bounded_as_a_whole() -> None:
    sums = Sums()
    sums.add("to_next", Decimal(MAX_KRONER), "/carried_over/a/to_next", signed=True)
    sums.add("to_next", Decimal(1), "/carried_over/b/to_next", signed=True)
    sums.add("to_next", Decimal(-1), "/carried_over/c/to_next", signed=True)
    assert sums.problems() == []  # past for a moment, within at the end
    sums.add("from_earlier", Decimal(-MAX_KRONER), "/carried_over/a/from_earlier", signed=True)
    sums.add("from_earlier", Decimal(-1), "/carried_over/b/from_earlier", signed=True)
    assert [p.where for p in sums.problems()] == ["/carried_over/b/from_earlier"]


def test_adding_all_at_once_locates_as_one_by_one() -> None:
    values = [Decimal(MAX_KRONER // 2), Decimal(MAX_KRONER // 2), Decimal(1), Decimal(5)]
    at_once = Sums().add_all("measures", values, "/measures/{}/cost")
    one_by_one = Sums()
    for i, value in enumerate(values):
        one_by_one.add("measures", value, f"/measures/{i}/cost")
    assert at_once.past("measures") == one_by_one.past("measures") == "/measures/2/cost"
    assert at_once.problems() == one_by_one.problems()
    assert Sums().add_all("measures", values[:2], "/measures/{}/cost").problems() == []


def test_a_report_whose_balances_cancel_over_the_schemes_loads() -> None:
    doc = _example("nordland-2024.portfolio.json")
    doc["funds"]["reallocations"] = [
        {
            "from_scheme": "c",
            "to_scheme": "a",
            "year": 2023,
            "amount": str(MAX_KRONER // 2),
            "decision": "FT-sak 1/23",
        }
    ]
    report = post65.build_report(post65.load(json.dumps(doc)))
    again = post65.load(post65.dump(report))  # opening: c −x, a +x (and more): within
    post65.check(again)
    assert post65.render_report(again, "text")


# --------------------------------------------------------------------------------------------
# The national summary: reports each within the bound, but not together


def _report_at_the_bound(name: str) -> Report:
    doc = _example(f"reports-2024/{name}")
    split = doc["split"]
    split["a"] = str(MAX_KRONER - int(split["b"]) - int(split["c"]))  # a + b + c = 10^18
    doc["disposed"] = MAX
    return post65.load(json.dumps(doc), kind="report")


def test_a_national_sum_past_the_bound_is_refused_at_the_file_and_pointer() -> None:
    one, two = "18-nordland.report.json", "34-innlandet.report.json"
    reports = [(one, _report_at_the_bound(one)), (two, _report_at_the_bound(two))]
    with pytest.raises(InvalidInput) as caught:
        summarise_reports(reports)
    wheres = [p.where for p in caught.value.problems]
    assert f"{two}, /split/a" in wheres
    assert f"{two}, /disposed" in wheres
    assert all(w.startswith(two) for w in wheres)
    assert "alle rapportene" in caught.value.problems[0].nb
    summary = summarise_reports(reports[:1])  # one of them alone is summarised, and written
    assert summary_json(summary)
    assert render_summary(summary, "markdown")
