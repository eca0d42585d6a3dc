"""The rulebook: a rule judged per item gets its loop, pointers and not_applicable declared."""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs

from post65.geography import register
from post65.law import Citation
from post65.parameters import Parameters
from post65.rulebook import Context, Each, Outcome, Rule, Severity, Verdict, rule
from post65.text import msg


@attrs.frozen
class _Doc:
    items: tuple[int, ...]


_EACH = Each(
    items=lambda d: d.items,
    pointer="/items",
    empty=msg("a.no_measures"),
    skip=lambda n: msg("example.not_met", reason="negative") if n < 0 else None,
)


@rule(
    "T-1",
    scheme="a",
    severity=Severity.ERROR,
    subject="item",
    kinds=("test",),
    title=msg("example.not_met", reason="t"),
    citation=Citation("regelverk-a-2023", "4", ""),
    each=_EACH,
)
def _even(n: int, ctx: Context) -> Any:
    if n == 3:
        return [
            ("/a", Verdict(Outcome.MET, msg("example.not_met", reason="a"))),
            ("/b", Verdict(Outcome.MET, msg("example.not_met", reason="b"))),
        ]
    outcome = Outcome.MET if n % 2 == 0 else Outcome.NOT_MET
    return Verdict(
        outcome,
        msg("example.not_met", reason=str(n)),
        {"n": str(n), "seen": str(len(ctx.document.items))},
    )


def _context() -> Context:
    return Context(register=register(2024), parameters=Parameters(), on=dt.date(2024, 1, 1))


def test_a_rule_judged_per_item_gets_one_finding_per_item_with_its_pointer() -> None:
    assert isinstance(_even, Rule)
    found = _even.run(_Doc((2, 1, -5, 3)), _context())
    assert [(f.subject, f.outcome) for f in found] == [
        ("/items/0", Outcome.MET),
        ("/items/1", Outcome.NOT_MET),
        ("/items/2", Outcome.NOT_APPLICABLE),
        ("/items/3/a", Outcome.MET),
        ("/items/3/b", Outcome.MET),
    ]
    assert found[0].values == {"n": "2", "seen": "4"}
    assert found[2].message("en") == "Not met: negative."


def test_a_rule_judged_per_item_says_once_when_there_are_none() -> None:
    found = _even.run(_Doc(()), _context())
    assert [(f.subject, f.outcome, f.message("nb")) for f in found] == [
        ("/items", Outcome.NOT_APPLICABLE, "Porteføljen har ingen tiltak.")
    ]
