"""A value of the wrong type in a document built in code is named at its JSON Pointer.

A grant system builds portfolios from its own records, and an attrs class checks no types: a
``None`` for a measure's period, a number among its beneficiaries, a text for its uses reached
the rules or the report and failed there with an ``AttributeError`` or a ``TypeError`` naming no
place. ``check``, ``build_report`` and ``io.document_problems`` now refuse such a document with
:class:`InvalidDocument`, the value at its JSON Pointer (:mod:`post65._shape`); the walk runs
only when something has failed.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import post65
import post65.io
from post65 import strategies
from post65._shape import misfits
from post65.errors import InvalidArgument, InvalidDocument, Post65Error
from post65.measures import Measure
from post65.money import ureg
from post65.portfolio import Portfolio
from post65.report import build_report

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def _portfolio() -> Portfolio:
    loaded: Portfolio = post65.load(EXAMPLES / "nordland-2024.portfolio.json")
    return loaded


def _with_first_measure(p: Portfolio, **changes: Any) -> Portfolio:
    first = attrs.evolve(p.measures[0], **changes)
    return attrs.evolve(p, measures=(first, *p.measures[1:]))


def _refusal(call: Callable[[], object]) -> InvalidDocument | None:
    """The refusal ``call`` raises, or ``None`` when it answers (any other error propagates)."""
    try:
        call()
    except InvalidDocument as caught:
        return caught
    return None


# (field and value set in code, where the value is named, what the message says in English)
WRONG: dict[str, tuple[dict[str, Any], str, str]] = {
    "no beneficiaries": (
        {"beneficiaries": None},
        "/measures/0/beneficiaries",
        "must be of type tuple, not NoneType",
    ),
    "a number among the beneficiaries": (
        {"beneficiaries": (1835,)},
        "/measures/0/beneficiaries/0",
        "must be of type str, not int",
    ),
    "no period": ({"period": None}, "/measures/0/period", "must be of type Period, not NoneType"),
    "no criteria": (
        {"criteria": None},
        "/measures/0/criteria",
        "must be of type Criteria, not NoneType",
    ),
    "no departments": (
        {"departments": None},
        "/measures/0/departments",
        "must be of type tuple, not NoneType",
    ),
    "uses as a text": ({"uses": "i"}, "/measures/0/uses", "must be of type tuple, not str"),
    "a float cost": (
        {"cost": 12.5},
        "/measures/0/cost",
        "must be of type Quantity[Decimal], not float",
    ),
}


@pytest.mark.parametrize("case", sorted(WRONG))
def test_document_problems_names_a_value_of_the_wrong_type(case: str) -> None:
    changes, where, said = WRONG[case]
    broken = _with_first_measure(_portfolio(), **changes)
    found = post65.io.document_problems(broken)
    assert [(p.where, p.message("en")) for p in found] == [(where, said)]
    assert all(p.message(lang) for p in found for lang in ("nb", "nn"))


@pytest.mark.parametrize("case", sorted(WRONG))
def test_check_and_build_report_refuse_it_located_or_do_not_read_it(case: str) -> None:
    """Each entry point either never reads the value (and answers) or refuses the document at
    the value's pointer: never an unlocated AttributeError or TypeError."""
    changes, where, _ = WRONG[case]
    broken = _with_first_measure(_portfolio(), **changes)
    refusals = [
        _refusal(call)
        for call in (
            lambda: post65.check(broken),
            lambda: list(post65.check_by_rule(broken)),
            lambda: build_report(broken),
        )
    ]
    for refusal in refusals:  # any error but InvalidDocument fails the test in _refusal
        assert refusal is None or [p.where for p in refusal.problems] == [where]
    assert any(refusals)  # each of these values is read by the check or the report


def test_the_messages_in_each_language() -> None:
    broken = _with_first_measure(_portfolio(), period=None)
    with pytest.raises(InvalidDocument) as caught:
        post65.check(broken)
    (problem,) = caught.value.problems
    assert problem.render("nb") == "/measures/0/period: må være av typen Period, ikke NoneType"
    assert problem.render("nn") == "/measures/0/period: må vere av typen Period, ikkje NoneType"
    assert isinstance(caught.value.__cause__, AttributeError)  # what the rule met


def test_dump_names_the_value_it_cannot_write() -> None:
    broken = _with_first_measure(_portfolio(), period=None)
    with pytest.raises(InvalidArgument) as caught:
        post65.dump(broken)
    assert '"/measures/0/period"' in str(caught.value)


def test_a_list_where_a_tuple_is_declared_is_not_a_fault() -> None:
    """The code reads a list as it reads a tuple, and load reads the written list back."""
    p = _portfolio()
    listed = _with_first_measure(p, beneficiaries=list(p.measures[0].beneficiaries))
    assert misfits(listed) == []
    assert post65.check(listed).findings == post65.check(p).findings


def test_a_sound_documents_own_error_stands(monkeypatch: pytest.MonkeyPatch) -> None:
    """A rule that fails on a sound document (a bug) raises its own error: the walk finds no
    value of the wrong type, and the validation nothing."""
    bug = TypeError("a bug in a rule")
    rule = next(r for r in post65.rules() if r.id == "A-2.1")

    def run(self: object, *args: object) -> list[object]:
        if self is rule:
            raise bug
        return []

    monkeypatch.setattr(type(rule), "run", run)
    with pytest.raises(TypeError) as caught:
        post65.check(_portfolio())
    assert caught.value is bug


def test_many_faults_are_counted_past_the_limit() -> None:
    p = _portfolio()
    no_period: dict[str, Any] = {"period": None}
    many = attrs.evolve(p, measures=tuple(attrs.evolve(m, **no_period) for m in p.measures) * 100)
    found = post65.io.document_problems(many)
    assert len(found) == 201  # 200 named, then one line counting the rest exactly
    assert found[-1].where == "..."
    assert found[-1].message("en") == f"and {len(p.measures) * 100 - 200} more problems"


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(strategies.documents())
def test_no_sound_document_has_a_misfit(document: object) -> None:
    """Every document the strategies make (what load makes of valid JSON) fits its types."""
    assert misfits(document) == []


_MEASURE_FIELDS = sorted(f.name for f in attrs.fields(Measure))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    strategies.portfolios(min_measures=1, max_measures=3),
    st.data(),
    st.sampled_from(_MEASURE_FIELDS),
    st.sampled_from([1.5, b"bytes", object()]),
)
def test_any_field_of_a_measure_of_the_wrong_type_is_named(
    portfolio: Portfolio, data: st.DataObject, field: str, value: object
) -> None:
    """Whichever field of whichever measure holds a value no field of a measure takes, the
    walk names exactly it, and check answers or refuses the document there, never otherwise."""
    assume(portfolio.measures)  # min_measures counts the measures of schemes b and c too
    i = data.draw(st.integers(0, len(portfolio.measures) - 1))
    try:
        changes: dict[str, Any] = {field: value}
        changed = attrs.evolve(portfolio.measures[i], **changes)
    except Post65Error:
        return  # the measure refuses it as it is built (its id), naming the field
    measures = list(portfolio.measures)
    measures[i] = changed
    broken = attrs.evolve(portfolio, measures=tuple(measures))
    where = f"/measures/{i}/{field}"
    assert [p.where for p in misfits(broken)] == [where]
    refusal = _refusal(lambda: post65.check(broken))
    assert refusal is None or [p.where for p in refusal.problems] == [where]


def test_an_amount_of_a_float_is_the_portfolios_problem_in_the_report_too() -> None:
    """A float frame made the report being built fail as it was laid out, and the refusal named
    the report's field (/disposed): it names the portfolio's, as check does."""
    p = _portfolio()
    broken = attrs.evolve(p, frame=ureg.Quantity(1.5, "NOK"))  # type: ignore[arg-type]
    for call in (lambda: post65.check(broken), lambda: build_report(broken)):
        refusal = _refusal(call)
        assert refusal is not None
        assert [(x.where, x.message("en")) for x in refusal.problems] == [
            ("/frame", "must be of type Quantity[Decimal] or None, not Quantity[float]")
        ]


def test_an_amount_in_another_unit_is_named_by_its_unit() -> None:
    broken = _with_first_measure(_portfolio(), cost=ureg.Quantity(Decimal(5), "dimensionless"))
    (problem,) = post65.io.document_problems(broken)
    assert problem.where == "/measures/0/cost"
    assert problem.message("nb") == (
        "må være et beløp i kroner (NOK, kNOK, MNOK eller øre), ikke i dimensionless"
    )
    refusal = _refusal(lambda: build_report(broken))
    assert refusal is not None
    assert [x.where for x in refusal.problems] == ["/measures/0/cost"]


def test_a_limit_of_none_or_fewer_asks_for_no_value() -> None:
    broken = _with_first_measure(_portfolio(), period=None)
    assert misfits(broken, limit=0) == []
    assert [p.where for p in misfits(broken, limit=1)] == ["/measures/0/period"]
