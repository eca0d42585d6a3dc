"""check_by_rule: what check finds, a rule at a time (so a caller need not hold it all)."""

from __future__ import annotations

import decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from post65 import strategies
from post65.errors import InvalidArgument
from post65.io import load
from post65.rules import check, check_by_rule, rules

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


@settings(max_examples=25, deadline=None)
@given(st.data())
@pytest.mark.parametrize("kind", ["portfolio", "applications", "programme"])
def test_the_rules_findings_together_are_the_check(kind: str, data: st.DataObject) -> None:
    document = data.draw(strategies.documents(kind))
    parts = list(check_by_rule(document))
    assert [f for _, found in parts for f in found] == list(check(document).findings)
    assert [r.id for r, _ in parts] == [r.id for r in rules() if kind in r.kinds]
    assert all(f.rule == r.id for r, found in parts for f in found)


def test_a_rule_runs_only_when_the_one_before_is_taken() -> None:
    document = load(EXAMPLES / "nordland-2024.portfolio.json")
    parts = check_by_rule(document)
    first_rule, first = next(parts)
    assert first_rule.id == rules()[0].id
    assert first == [f for f in check(document).findings if f.rule == first_rule.id]


def test_bad_arguments_are_refused_at_the_call_not_at_the_first_rule() -> None:
    with pytest.raises(InvalidArgument):
        check_by_rule(object())
    document: Any = load(EXAMPLES / "nordland-2024.portfolio.json")
    with pytest.raises(InvalidArgument):
        check_by_rule(document, on="2024-01-01")  # type: ignore[arg-type]


def test_the_caller_s_decimal_context_is_its_own_between_rules() -> None:
    document = load(EXAMPLES / "nordland-2024.portfolio.json")
    with decimal.localcontext() as mine:
        mine.prec = 5
        mine.traps[decimal.Inexact] = True
        for _rule, _found in check_by_rule(document):
            assert decimal.getcontext() is mine
            assert decimal.getcontext().prec == 5
