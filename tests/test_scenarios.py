"""Every scenario file under ``tests/scenarios/`` passes, and every rule is seen met and not met."""

from __future__ import annotations

from pathlib import Path

import pytest

from post65.cli import main
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
