"""The rule catalogue: every rule of post65 in one explicit table, in the order of ``rules.md``.

Each rule module lists its rules in ``RULES``; this table lists the modules. A new rule module
is added here (``tests/test_catalogue_tables.py`` finds one that is not).
"""

from __future__ import annotations

import re

from post65.rulebook import Rule
from post65.schemes.a import (
    s1_target,
    s2_criteria,
    s3_allocation,
    s4_all_measures,
    s4_county_work,
    s4_funds,
    s4_uses,
    s5_admin,
)
from post65.schemes.b import call_limits, priority, purpose, target_group
from post65.schemes.b import de_minimis as b_de_minimis
from post65.schemes.c import business_fund, financing, goals, phases, status
from post65.schemes.c import de_minimis as c_de_minimis
from post65.schemes.p65 import s6_report

__all__ = ["MODULES", "RULES"]

MODULES = (
    s1_target,
    s2_criteria,
    s3_allocation,
    s4_uses,
    s4_all_measures,
    s4_county_work,
    s4_funds,
    s5_admin,
    s6_report,
    target_group,
    purpose,
    call_limits,
    priority,
    b_de_minimis,
    status,
    phases,
    financing,
    goals,
    c_de_minimis,
    business_fund,
)
"""The rule modules: scheme a section by section, the report rules of §6, then schemes b and c."""


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
