"""Every scenario file under ``tests/scenarios/`` passes, and every rule is seen met and not met."""

from __future__ import annotations

from pathlib import Path

import pytest

from post65.cli import main
from post65.errors import InvalidDocument
from post65.rules import Outcome, rules
from post65.scenarios import find_scenarios, load_scenario, run_scenario

HERE = Path(__file__).parent / "scenarios"
SCENARIOS = sorted(find_scenarios([HERE])) if HERE.is_dir() else []


@pytest.mark.parametrize("path", SCENARIOS, ids=[p.relative_to(HERE).as_posix() for p in SCENARIOS])
def test_scenario(path: Path) -> None:
    result = run_scenario(path)
    assert result.passed, [p.en for p in result.failures]


def test_every_rule_is_seen_met_and_not_met() -> None:
    seen: dict[str, set[Outcome]] = {}
    for path in SCENARIOS:
        scenario, _ = load_scenario(path)
        for e in scenario.expect:
            seen.setdefault(e.rule, set()).add(e.outcome)
    missing = [
        (r.id, o.value)
        for r in rules()
        for o in (Outcome.MET, Outcome.NOT_MET)
        if o not in seen.get(r.id, set())
    ]
    assert missing == []


def test_verify_command_closes_with_the_count(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["verify", *map(str, SCENARIOS)]) if SCENARIOS else 0
    out = capsys.readouterr().out
    assert code == 0
    if SCENARIOS:
        assert out.splitlines()[-1] == f"{len(SCENARIOS)} bestått, 0 ikke bestått"


def test_every_bad_parameter_of_a_scenario_is_refused_at_its_pointer(tmp_path: Path) -> None:
    """A scenario's ``options.parameters`` were refused one at a time, with no place: each is
    now at ``/options/parameters/<name>``, all at once."""
    import json

    source = HERE / "a" / "a-4.12-spending-only.scenario.json"
    scenario = json.loads(source.read_text(encoding="utf-8"))
    scenario["options"]["parameters"] = {"reading.a-4.12": "bogus", "a.admin_cost_share": "x"}
    (tmp_path / "base.portfolio.json").write_bytes((HERE / "a" / scenario["base"]).read_bytes())
    path = tmp_path / "bad.scenario.json"
    path.write_text(json.dumps(scenario), encoding="utf-8")
    with pytest.raises(InvalidDocument) as refused:
        run_scenario(path)
    assert [p.where for p in refused.value.problems] == [
        "/options/parameters/reading.a-4.12",
        "/options/parameters/a.admin_cost_share",
    ]
