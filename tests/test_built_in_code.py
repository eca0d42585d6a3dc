"""A document built in code that load would refuse is refused as load refuses it, located.

``load`` validates a document as it reads it; a document built in Python (``attrs.evolve`` of a
loaded one, or made from a grant system's own records) is not validated as it is built. A
negative amount, a year 0 or sums past 10^18 kr then reach the rules, the report or its
rendering, which can name only the value («the amount … is too large»). ``check``,
``check_by_rule``, ``build_report``, ``render_report`` and ``page_count`` now refuse such a
document with :class:`InvalidDocument`, each problem at its JSON Pointer: the problems ``load``
gives for the same document written out.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import post65
from post65 import strategies
from post65.errors import InvalidAmount, InvalidArgument, InvalidDocument, InvalidParameter, Problem
from post65.money import MAX_KRONER, nok
from post65.portfolio import Portfolio, validate_portfolio
from post65.report import Report, build_report, page_count, render_report
from post65.report.render import typeset_report
from post65.text import msg

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def _portfolio() -> Portfolio:
    loaded: Portfolio = post65.load(EXAMPLES / "nordland-2024.portfolio.json")
    return loaded


def _with_funds(p: Portfolio, **changes: Any) -> Portfolio:
    return attrs.evolve(p, funds=attrs.evolve(p.funds, **changes))


def _negative_receipt(p: Portfolio) -> Portfolio:
    first = attrs.evolve(p.funds.received[0], amount=nok(-5))
    return _with_funds(p, received=(first, *p.funds.received[1:]))


def _payment_in_year_0(p: Portfolio) -> Portfolio:
    first = attrs.evolve(p.funds.payments[0], year=0)
    return _with_funds(p, payments=(first, *p.funds.payments[1:]))


def _receipts_past_the_bound(p: Portfolio) -> Portfolio:
    huge = attrs.evolve(p.funds.received[0], amount=nok(MAX_KRONER))
    return _with_funds(p, received=(huge, huge, *p.funds.received[1:]))


BROKEN: dict[str, tuple[Callable[[Portfolio], Portfolio], str]] = {
    "negative receipt": (_negative_receipt, "/funds/received/0/amount"),
    "payment in year 0": (_payment_in_year_0, "/funds/payments/0/year"),
    "receipts past 10^18 kr": (_receipts_past_the_bound, "/funds/received/1/amount"),
}


def _load_refuses(document: object) -> list[str]:
    """The pointers load gives for ``document`` written out."""
    with pytest.raises(InvalidDocument) as caught:
        post65.load(post65.dump(document))
    return [p.where for p in caught.value.problems]


def _refused(call: Callable[[], object]) -> InvalidDocument:
    with pytest.raises(InvalidDocument) as caught:
        call()
    return caught.value


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_check_refuses_a_broken_portfolio_built_in_code_where_load_does(case: str) -> None:
    broken, where = BROKEN[case]
    doc = broken(_portfolio())
    refusal = _refused(lambda: post65.check(doc))
    assert [p.where for p in refusal.problems] == [where] == _load_refuses(doc)
    assert isinstance(refusal.__cause__, InvalidAmount | InvalidParameter)  # the rule's own
    # every language, as load's
    assert all(p.render(lang) for p in refusal.problems for lang in ("nb", "nn", "en"))


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_check_by_rule_and_build_report_refuse_it_alike(case: str) -> None:
    broken, where = BROKEN[case]
    doc = broken(_portfolio())
    by_rule = _refused(lambda: list(post65.check_by_rule(doc)))
    report = _refused(lambda: build_report(doc))
    assert [p.where for p in by_rule.problems] == [p.where for p in report.problems] == [where]


def test_render_report_refuses_a_report_built_in_code_where_load_does() -> None:
    report: Report = build_report(_portfolio())
    first = report.schemes[0]
    assert first.funds is not None
    funds = attrs.evolve(first.funds, opening=nok(MAX_KRONER), received=nok(MAX_KRONER))
    broken = attrs.evolve(report, schemes=(attrs.evolve(first, funds=funds), *report.schemes[1:]))
    expected = _load_refuses(broken)
    assert "/schemes/0/funds" in expected
    for fmt in ("text", "markdown", "html"):
        refusal = _refused(lambda fmt=fmt: render_report(broken, fmt))  # type: ignore[misc]
        assert [p.where for p in refusal.problems] == expected
    for count in (page_count, typeset_report):
        refusal = _refused(lambda count=count: count(broken))  # type: ignore[misc]
        assert [p.where for p in refusal.problems] == expected


def test_a_sound_documents_refusal_stands_as_it_was(monkeypatch: pytest.MonkeyPatch) -> None:
    """A rule that refuses a value of a sound document (no problem load would find) raises its
    own error, unchanged: the document's validation is asked, and finds nothing."""
    refused = InvalidParameter(msg("ledger.year.invalid", value="0"))
    rule = next(r for r in post65.rules() if r.id == "A-4.12")

    def refuse(*args: object) -> list[object]:
        raise refused

    monkeypatch.setattr(type(rule), "run", lambda self, *a: refuse() if self is rule else [])
    with pytest.raises(InvalidParameter) as caught:
        post65.check(_portfolio())
    assert caught.value is refused


def test_a_sound_document_is_not_validated_again(monkeypatch: pytest.MonkeyPatch) -> None:
    """The validation is asked only when a rule refuses: a sound check never calls it."""
    import post65.io

    calls: list[object] = []
    original = post65.io.document_problems

    def counted(document: object) -> list[Problem]:
        calls.append(document)
        return original(document)

    monkeypatch.setattr(post65.io, "document_problems", counted)
    post65.check(_portfolio())
    assert calls == []
    with pytest.raises(InvalidDocument):
        post65.check(_negative_receipt(_portfolio()))
    assert len(calls) == 1  # and asked when one does


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    strategies.portfolios(min_measures=1, max_measures=3),
    st.sampled_from(["received", "commitments", "payments", "admin_costs"]),
    st.integers(-(10**6), -1),
)
def test_a_negative_amount_anywhere_in_the_funds_is_refused_located(
    portfolio: Portfolio, field: str, amount: int
) -> None:
    """Whichever entry of the funds is made negative in code, check refuses the portfolio at
    the problems load gives for it, never with an unlocated error."""
    entries = getattr(portfolio.funds, field)
    if not entries:
        entries = getattr(_portfolio().funds, field)[:1]
    changed = (attrs.evolve(entries[0], amount=nok(amount)), *entries[1:])
    doc = attrs.evolve(portfolio, funds=attrs.evolve(portfolio.funds, **{field: changed}))
    refusal: InvalidDocument | None = None
    try:
        post65.check(doc)
    except InvalidDocument as caught:  # any other error (unlocated) fails the test
        refusal = caught
    expected = _load_refuses(doc)
    assert f"/funds/{field}/0/amount" in expected
    if refusal is not None:  # the rules need not read every amount; load refuses it all the same
        assert [p.where for p in refusal.problems] == expected


def test_a_funds_entry_of_a_wrong_type_is_named_by_check_and_build_report() -> None:
    """A portfolio built in code whose funds hold something that is no entry: both name it."""
    county = _portfolio()
    broken = _with_funds(county, payments=(1, *county.funds.payments))
    for call in (lambda: post65.check(broken), lambda: build_report(broken)):
        with pytest.raises(InvalidArgument) as refused:
            call()
        assert str(refused.value) == "funds.payments[0] must be of type Payment, not int"


@pytest.mark.parametrize(
    ("field", "value", "said"),
    [
        ("amount", 5.0, "funds.payments[0].amount must be of type Quantity, not float"),
        ("year", "2024", "funds.payments[0].year must be of type int, not str"),
    ],
)
def test_a_field_of_a_wrong_type_is_named_not_refused_as_a_value(
    field: str, value: object, said: str
) -> None:
    """post65 refuses a float amount or a text year as a value (InvalidAmount,
    InvalidParameter), with no place to name: of a portfolio built in code, the field is named."""
    county = _portfolio()
    first = attrs.evolve(county.funds.payments[0], **{field: value})  # type: ignore[arg-type]
    broken = _with_funds(county, payments=(first, *county.funds.payments[1:]))
    for call in (
        lambda: post65.check(broken),
        lambda: build_report(broken),
        lambda: validate_portfolio(broken),
    ):
        with pytest.raises(InvalidArgument) as refused:
            call()
        assert str(refused.value) == said


def test_a_portfolio_without_funds_is_named_by_every_entry_point() -> None:
    broken = attrs.evolve(_portfolio(), funds=None)  # type: ignore[arg-type]
    for call in (lambda: post65.check(broken), lambda: build_report(broken)):
        with pytest.raises(InvalidArgument) as refused:
            call()
        assert str(refused.value) == "funds must be of type Funds, not NoneType"
