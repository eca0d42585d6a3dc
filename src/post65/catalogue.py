"""The rule catalogue: every rule of post65 in one explicit table, in the order of ``rules.md``.

Each rule module lists its rules in ``RULES``; this table lists the modules. A new rule module
is added here (``tests/test_catalogue_tables.py`` finds one that is not).
"""

from __future__ import annotations

import re

from post65.rulebook import Rule
from post65.schemes import a, a_allocation, b, c
from post65.schemes.p65 import s6_report

__all__ = ["MODULES", "RULES"]

MODULES = (a, a_allocation, s6_report, b, c)
"""The rule modules, scheme a, the report rules of §6, then schemes b and c."""


def _natural(rule_id: str) -> tuple[object, ...]:
    order = {"A": 0, "P65": 1, "B": 2, "C": 3}
    head, _, tail = rule_id.partition("-")
    return (order.get(head, 9), *(int(p) for p in re.findall(r"\d+", tail)))


def _table() -> tuple[Rule, ...]:
    found = [r for module in MODULES for r in module.RULES]
    ids = [r.id for r in found]
    twice = sorted({i for i in ids if ids.count(i) > 1})
    if twice:
        raise ValueError(f"rules defined twice: {', '.join(twice)}")
    return tuple(sorted(found, key=lambda r: _natural(r.id)))


RULES: tuple[Rule, ...] = _table()
"""Every rule, in the order of ``rules.md`` (A, P65, B, C; numbers in numeric order)."""
