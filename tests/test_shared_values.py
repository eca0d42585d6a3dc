"""Values that several findings hold are :class:`~post65._empty.Frozen`.

A check works out some verdicts once (per kind of measure, per set of criteria, per answer) and
gives the findings alike the same values mapping; a caller that changed one finding's values
(a ``Mapping`` by its type, a dict underneath) would change its neighbours', or a later check's.
Every mapping held by two findings, within one check or across two, must refuse the change.
"""

from __future__ import annotations

import copy
import json
import pickle
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings

import post65
from post65._empty import EMPTY, Frozen
from post65.parameters import Parameters
from post65.rules import Finding
from post65.strategies import documents

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def _shared(findings: Iterable[Finding]) -> list[tuple[Finding, Finding]]:
    """Pairs of findings holding the same values mapping that is not frozen (nor EMPTY)."""
    first: dict[int, Finding] = {}
    wrong = []
    for f in findings:
        seen = first.setdefault(id(f.values), f)
        if seen is not f and f.values is not EMPTY and type(f.values) is not Frozen:
            wrong.append((seen, f))
    return wrong


def _repeated(name: str, field: str, n: int) -> Any:
    """The example ``name`` with the items of ``field`` repeated to ``n``, each its own id."""
    doc = post65.load(EXAMPLES / name)
    items = getattr(doc, field)
    many = tuple(
        attrs.evolve(items[i % len(items)], id=f"{items[i % len(items)].id}-{i}") for i in range(n)
    )
    return attrs.evolve(doc, **{field: many})


_READINGS = [
    {},
    {"reading.a-2.1": "both_required", "reading.a-4.1": "exactly_one"},
    {"reading.a-4.3": "external_only", "reading.a-4.7": "county_assessment"},
    {"reading.a-1.3": "both_each"},
]


@pytest.mark.parametrize(
    ("name", "field"),
    [
        ("nordland-2024.portfolio.json", "measures"),
        ("innlandet-2024-applications.json", "applications"),
        ("innlandet-2024-programme.json", "measures"),
    ],
)
@pytest.mark.parametrize("readings", _READINGS)
def test_values_held_by_several_findings_are_frozen(
    name: str, field: str, readings: dict[str, str]
) -> None:
    doc = _repeated(name, field, 60)
    parameters = Parameters(overrides=readings) if readings else None
    one = post65.check(doc, parameters=parameters)
    two = post65.check(doc, parameters=parameters)
    assert _shared([*one.findings, *two.findings]) == []


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_generated_documents_share_only_frozen_values(doc: Any) -> None:
    one = post65.check(doc)
    two = post65.check(doc)
    assert _shared([*one.findings, *two.findings]) == []


def test_frozen_values_refuse_a_change_and_are_a_dict_otherwise() -> None:
    values = Frozen({"uses": "i", "reading": "any"})
    changes: list[Callable[[], object]] = [
        lambda: values.__setitem__("uses", "ii"),
        lambda: values.__delitem__("uses"),
        lambda: values.update(uses="ii"),
        lambda: values.setdefault("x", "y"),
        lambda: values.pop("uses"),
        values.popitem,
        values.clear,
    ]
    for change in changes:
        with pytest.raises(TypeError, match="cannot be changed"):
            change()
    with pytest.raises(TypeError):
        values |= {"x": "y"}
    assert values == {"uses": "i", "reading": "any"}
    assert json.loads(json.dumps(values)) == dict(values)
    back = pickle.loads(pickle.dumps(values))  # noqa: S301 (bytes this test made itself)
    assert type(back) is Frozen
    assert back == values
    assert copy.copy(values) is values
    assert copy.deepcopy(values) is values
    assert {**values, "x": "y"} == {"uses": "i", "reading": "any", "x": "y"}
