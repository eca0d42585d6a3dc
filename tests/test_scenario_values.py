"""Scenario expectations can assert the values of a finding, not only its outcome."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from post65.errors import InvalidDocument
from post65.scenarios import run_scenario, value_matches

A = Path(__file__).parent / "scenarios" / "a"


def _copy(tmp_path: Path, name: str, values: dict[str, str]) -> Path:
    """The scenario ``name`` of tests/scenarios/a with its first expectation's values replaced."""
    data = json.loads((A / f"{name}.scenario.json").read_text(encoding="utf-8"))
    data["expect"][0]["values"] = values
    path = tmp_path / f"{name}.scenario.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    base = A / data["base"]  # the base document the scenario patches goes beside it
    (tmp_path / base.name).write_text(base.read_text(encoding="utf-8"), encoding="utf-8")
    return path


def test_the_a_4_12_and_a_5_1_scenarios_assert_values() -> None:
    for path in [*A.glob("a-4.12-*.scenario.json"), *A.glob("a-5.1-*.scenario.json")]:
        data = json.loads(path.read_text(encoding="utf-8"))
        assert any(e.get("values") for e in data["expect"]), path.name
        assert run_scenario(path).passed, path.name


@pytest.mark.parametrize(
    ("name", "values", "shown"),
    [
        ("a-5.1-above-cap", {"cap": "200001"}, "cap=200000.00"),
        ("a-5.1-above-cap", {"parameter": "a.admin_cost_shar"}, "parameter=a.admin_cost_share"),
        ("a-4.12-overspent", {"balance": "150000"}, "balance=-150000"),
        ("a-4.12-overspent", {"no_such_value": "1"}, "no_such_value=—"),
    ],
)
def test_a_scenario_whose_values_differ_fails_and_says_what_was_found(
    tmp_path: Path, name: str, values: dict[str, str], shown: str
) -> None:
    result = run_scenario(_copy(tmp_path, name, values))
    assert not result.passed
    (failure,) = result.failures
    assert shown in failure.en
    assert shown in failure.nb
    assert "expected" in failure.en
    assert "forventet" in failure.nb


def test_matching_values_in_another_form_pass(tmp_path: Path) -> None:
    result = run_scenario(_copy(tmp_path, "a-5.1-above-cap", {"cap": "200000", "limit": "0.050"}))
    assert result.passed


def test_values_must_be_strings(tmp_path: Path) -> None:
    path = _copy(tmp_path, "a-5.1-above-cap", {"cap": 200000})  # type: ignore[dict-item]
    with pytest.raises(InvalidDocument) as info:
        run_scenario(path)
    assert info.value.problems[0].where == "/expect/0/values/cap"


def test_value_matches() -> None:
    assert value_matches("-150000", "-150000.00")
    assert not value_matches("150000", "-150000")
    assert not value_matches("1", None)
    assert not value_matches("a.admin_cost_share", "a.admin_cost_shar")
    assert value_matches("-", "-")


def _expecting(tmp_path: Path, name: str, outcome: str, values: dict[str, str]) -> Path:
    """The scenario ``name`` of tests/scenarios/a expecting ``outcome`` (and ``values``)."""
    path = _copy(tmp_path, name, values)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["expect"][0]["outcome"] = outcome
    if not values:
        del data["expect"][0]["values"]
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


@pytest.mark.parametrize("values", [{}, {"cap": "1"}])
def test_a_failed_expectation_names_the_outcomes_by_their_labels(
    tmp_path: Path, values: dict[str, str]
) -> None:
    # The outcome of a failure is shown as the catalogue's label in each language, not its code
    # value («venta not_met» inside a nynorsk sentence).
    wanted = "met" if not values else "not_met"
    (failure,) = run_scenario(_expecting(tmp_path, "a-5.1-above-cap", wanted, values)).failures
    nb, nn, en = failure.text("nb"), failure.text("nn"), failure.text("en")
    assert "not_met" not in nb + nn + en
    if values:
        assert "forventet «ikke oppfylt» med cap=1" in nb
        assert "venta «ikkje oppfylt» med cap=1" in nn
        assert 'expected "not met" with cap=1' in en
    else:
        assert "forventet «oppfylt», fant /funds/admin_costs: «ikke oppfylt»" in nb
        assert "venta «oppfylt», fann /funds/admin_costs: «ikkje oppfylt»" in nn
        assert 'expected "met", found /funds/admin_costs: "not met"' in en
