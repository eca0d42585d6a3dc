"""What the entries of the funds settle: a payment or a bortfall settles no tilsagn made later,
a bortfall cancels no more than is outstanding, a tilbakebetaling returns to no later year.

An audit found the ledger carrying a measure's excess (paid or cancelled beyond its commitments)
into later years: 500 000 kr paid in 2023 hid half of a tilsagn of 1 000 000 kr made in 2024,
and A-4.12 was met for a county that had committed money it did not have; ``Ledger.cancel``
accepted a bortfall the document refuses, and a strict ledger then let a later commitment
through; a repayment could return to an appropriation year still to come.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import post65
from post65.errors import InvalidAmount, InvalidDocument, InvalidParameter
from post65.funds import (
    Cancellation,
    Commitment,
    Funds,
    Payment,
    Receipt,
    Repayment,
    SchemeId,
    funds_problems,
)
from post65.ledger import Ledger, Overdrawn
from post65.money import kroner, nok

A = SchemeId.A
EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "nordland-2024.portfolio.json"


def _plain(text: str) -> str:
    """``text`` with the no-break spaces of its amounts as spaces."""
    return " ".join(text.split())


def _received(amount: int = 1_000_000, year: int = 2023) -> Ledger:
    return Ledger.from_funds(Funds(received=(Receipt(A, year, nok(amount)),)))


@pytest.mark.parametrize("measure", [None, "m1"])
def test_a_payment_before_a_tilsagn_does_not_settle_it(measure: str | None) -> None:
    ledger = (
        _received()
        .pay(Payment(A, 2023, nok(500_000), measure))
        .commit(Commitment(A, 2024, nok(1_000_000), measure))
    )
    assert ledger.outstanding(A, 2023) == nok(0)
    assert ledger.outstanding(A, 2024) == nok(1_000_000)
    assert ledger.available(A, 2024) == nok(-500_000)  # spent 500 000, bound 1 000 000
    assert [o.year for o in ledger.overdrafts(A)] == [2024]


def test_a_payment_in_the_year_of_its_tilsagn_settles_it_whatever_the_order() -> None:
    """Years are whole budget years: a payment and its commitment of the same year offset."""
    ledger = (
        _received()
        .pay(Payment(A, 2024, nok(400_000), "m1"))
        .commit(Commitment(A, 2024, nok(1_000_000), "m1"))
    )
    assert ledger.outstanding(A, 2024) == nok(600_000)


def test_a_bortfall_beyond_what_is_outstanding_is_refused_by_the_ledger() -> None:
    ledger = _received(1_000_000, 2024).commit(Commitment(A, 2024, nok(1_000_000), "m1"))
    with pytest.raises(InvalidAmount) as caught:
        ledger.cancel(Cancellation(A, 2024, nok(1_500_000), "m1"))
    assert _plain(caught.value.nb) == (
        "bortfall på 1 500 000 kr i 2024 er mer enn de 1 000 000 kr som står igjen av tilsagnet"
    )
    with pytest.raises(InvalidAmount):  # nothing committed to cancel
        ledger.cancel(Cancellation(A, 2024, nok(1), "m2"))
    whole = ledger.cancel(Cancellation(A, 2024, nok(1_000_000), "m1"))  # all of it: accepted
    assert whole.outstanding(A, 2024) == nok(0)


def test_a_strict_ledger_frees_no_more_than_a_bortfall_cancels() -> None:
    """The audit's case: a strict ledger refused 1.5 MNOK committed on 1 MNOK of funds, and let
    it through after a bortfall of 1.5 MNOK of a 1 MNOK tilsagn."""
    funds = Funds(received=(Receipt(A, 2024, nok(1_000_000)),))
    strict = Ledger.from_funds(funds, strict=True).commit(Commitment(A, 2024, nok(1_000_000), "m1"))
    freed = strict.cancel(Cancellation(A, 2024, nok(1_000_000), "m1"))
    with pytest.raises(Overdrawn):
        freed.commit(Commitment(A, 2025, nok(1_500_000), "m1"))
    freed.commit(Commitment(A, 2025, nok(1_000_000), "m1"))  # what is free: accepted


def test_a_repayment_to_a_later_appropriation_year_is_refused_by_ledger_and_load() -> None:
    with pytest.raises(InvalidParameter) as caught:
        _received().repay(Repayment(A, 2024, 2030, nok(5_000)))
    assert caught.value.nb == (
        "en tilbakebetaling i 2024 kan ikke gå tilbake til bevilgningsåret 2030, som kommer senere"
    )
    _received().repay(Repayment(A, 2024, 2024, nok(5_000)))  # its own year: accepted
    doc = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    doc["funds"]["repayments"] = [
        {"scheme": "a", "year": 2024, "appropriation_year": 2030, "amount": "5000"}
    ]
    with pytest.raises(InvalidDocument) as refused:
        post65.load(json.dumps(doc).encode())
    assert [p.where for p in refused.value.problems] == ["/funds/repayments/0/appropriation_year"]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["commit", "pay", "cancel"]),
            st.integers(2021, 2026),
            st.integers(1, 10**6),
            st.sampled_from([None, "m1", "m2"]),
        ),
        max_size=12,
    ),
    st.integers(2021, 2026),
)
def test_outstanding_is_each_measures_running_rest_never_below_nothing(
    entries: list[tuple[str, int, int, str | None]], year: int
) -> None:
    """What is outstanding at a year's end is, per measure, its commitments less what settles
    them, year by year from the first, where what is settled beyond the commitments at a year's
    end is dropped: never more than is committed, never less than nothing, and a commitment
    made in a year after every payment and bortfall of its measure is outstanding whole."""
    ledger = _received(10**8, 2021)
    for kind, on, amount, measure in entries:
        if kind == "commit":
            ledger = ledger.commit(Commitment(A, on, nok(amount), measure))
        elif kind == "pay":
            ledger = ledger.pay(Payment(A, on, nok(amount), measure))
        else:
            try:
                ledger = ledger.cancel(Cancellation(A, on, nok(amount), measure))
            except InvalidAmount:
                continue  # more than is outstanding: refused, the ledger unchanged
    expected = Decimal(0)
    for measure in (None, "m1", "m2"):
        left = Decimal(0)
        for y in range(2021, year + 1):
            for kind, on, amount, m in entries:
                if m == measure and on == y and kind == "commit":
                    left += amount
            for c in ledger.funds.payments + ledger.funds.cancellations:
                if c.measure == measure and c.year == y:
                    left -= kroner(c.amount)
            left = max(left, Decimal(0))
        expected += left
    outstanding = kroner(ledger.outstanding(A, year))
    assert outstanding == expected
    assert 0 <= outstanding <= kroner(ledger.committed(A, up_to=year))


@settings(max_examples=80, deadline=None)
@given(
    st.lists(
        st.tuples(st.booleans(), st.integers(2021, 2026), st.integers(1, 10**6)),
        max_size=8,
    ),
    st.integers(2021, 2026),
    st.sampled_from([None, "m1"]),
)
def test_a_bortfall_of_what_the_ledger_says_is_outstanding_is_accepted_and_no_more(
    entries: list[tuple[bool, int, int]], year: int, measure: str | None
) -> None:
    """The bortfall check and the ledger read «outstanding» alike: of one measure's commitments
    and payments, a bortfall of exactly what the ledger has outstanding at the end of its year
    is accepted (by ``Ledger.cancel`` and by ``load``'s validation), one øre more refused."""
    ledger = _received(10**8, 2021)
    for commits, on, amount in entries:
        entry = (Commitment if commits else Payment)(A, on, nok(amount), measure)
        ledger = ledger.commit(entry) if commits else ledger.pay(entry)  # type: ignore[arg-type]
    outstanding = kroner(ledger.outstanding(A, year))
    more = Cancellation(A, year, nok(outstanding + Decimal("0.01")), measure)
    with pytest.raises(InvalidAmount):
        ledger.cancel(more)
    f = ledger.funds
    assert funds_problems(attrs.evolve(f, cancellations=(more,))) != []
    if outstanding:
        exact = Cancellation(A, year, nok(outstanding), measure)
        assert kroner(ledger.cancel(exact).outstanding(A, year)) == 0
        assert funds_problems(attrs.evolve(f, cancellations=(exact,))) == []


def test_the_audits_case_a_bortfall_of_the_rest_after_an_overpaid_year() -> None:
    """1 000 committed and 1 500 paid in 2023, 1 000 committed in 2024: 1 000 is outstanding
    at the end of 2024, and a bortfall of it is accepted (it was refused: the check carried the
    500 overpaid into 2024, where the ledger does not)."""
    ledger = (
        _received(10**6)
        .commit(Commitment(A, 2023, nok(1_000), "m1"))
        .pay(Payment(A, 2023, nok(1_500), "m1"))
        .commit(Commitment(A, 2024, nok(1_000), "m1"))
    )
    assert ledger.outstanding(A, 2024) == nok(1_000)
    assert ledger.cancel(Cancellation(A, 2024, nok(1_000), "m1")).outstanding(A, 2024) == nok(0)


def test_an_overpayment_of_less_than_a_krone_settles_nothing_later_either() -> None:
    """50 øre paid beyond a tilsagn in 2023 leaves nothing to carry: a bortfall of the whole
    tilsagn of 2024 is accepted, by the ledger and by the document's validation alike."""
    ledger = (
        _received(10**6)
        .commit(Commitment(A, 2023, nok(100), "m1"))
        .pay(Payment(A, 2023, nok(Decimal("100.50")), "m1"))
        .commit(Commitment(A, 2024, nok(100), "m1"))
    )
    assert ledger.outstanding(A, 2024) == nok(100)
    whole = Cancellation(A, 2024, nok(100), "m1")
    assert ledger.cancel(whole).outstanding(A, 2024) == nok(0)
    assert funds_problems(attrs.evolve(ledger.funds, cancellations=(whole,))) == []
    nothing = Cancellation(A, 2024, nok(0), "m2")  # a bortfall of nothing, with nothing committed
    assert funds_problems(attrs.evolve(ledger.funds, cancellations=(nothing,))) == []


def test_a_ledger_never_books_its_way_into_funds_load_refuses() -> None:
    """The review's cases: a payment after a tilsagn lapsed whole was booked, and the funds
    then refused by load (and every later bortfall of the measure let through); a bortfall of
    an earlier year that takes what a later one cancelled; a ledger built in code with a bortfall
    of nothing committed, which let a bortfall of 1 000 000 000 kr through."""
    lapsed = _received(1_000, 2024).commit(Commitment(A, 2024, nok(100), "m"))
    lapsed = lapsed.cancel(Cancellation(A, 2024, nok(100), "m"))
    with pytest.raises(InvalidAmount) as paid:
        lapsed.pay(Payment(A, 2024, nok(50), "m"))
    assert _plain(paid.value.nb) == (
        "utbetalingen på 50 kr kan ikke bokføres: bortfall på 100 kr i 2024 er mer enn de 50 kr "
        "som står igjen av tilsagnet når den er med"
    )
    lapsed.pay(Payment(A, 2024, nok(50), "other"))  # another measure's: booked
    later = _received(1_000, 2024).commit(Commitment(A, 2024, nok(100), "m"))
    later = later.cancel(Cancellation(A, 2025, nok(100), "m"))
    with pytest.raises(InvalidAmount) as earlier:
        later.cancel(Cancellation(A, 2024, nok(100), "m"))
    assert _plain(earlier.value.en).startswith("the bortfall of 100 kr in 2024 cannot be booked")
    built = Ledger(Funds(cancellations=(Cancellation(A, 2024, nok(100), "x"),)))
    with pytest.raises(InvalidAmount):
        built.cancel(Cancellation(A, 2024, nok(10**9), "x"))


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["commit", "pay", "cancel"]),
            st.integers(2021, 2024),
            st.integers(1, 1_000),
        ),
        max_size=10,
    )
)
def test_whatever_the_ledger_books_load_accepts(entries: list[tuple[str, int, int]]) -> None:
    """Of any sequence of commitments, payments and bortfall of one measure, what the ledger
    books (refusing what it refuses) are funds whose bortfall the document's validation
    accepts."""
    ledger = _received(10**8, 2021)
    for kind, on, amount in entries:
        try:
            if kind == "commit":
                ledger = ledger.commit(Commitment(A, on, nok(amount), "m"))
            elif kind == "pay":
                ledger = ledger.pay(Payment(A, on, nok(amount), "m"))
            else:
                ledger = ledger.cancel(Cancellation(A, on, nok(amount), "m"))
        except InvalidAmount:
            continue
    assert funds_problems(ledger.funds) == []


def test_a_bortfall_is_judged_against_what_is_left_even_after_one_refused() -> None:
    """Funds built in code whose bortfall of 2023 cancels 50 kr more than was committed: the
    ledger books them (it validates nothing), and a bortfall of 2024 is judged against what is
    left in 2024 (the 2023 excess dropped, the 2024 payment and bortfall taken off): exactly it
    is booked, one krone more refused. A payment is not blamed for the earlier fault."""
    funds = Funds(
        received=(Receipt(A, 2023, nok(10_000)),),
        commitments=(Commitment(A, 2023, nok(100), "x"), Commitment(A, 2024, nok(100), "x")),
        payments=(Payment(A, 2024, nok(30), "x"),),
        cancellations=(Cancellation(A, 2023, nok(150), "x"), Cancellation(A, 2024, nok(10), "x")),
    )
    ledger = Ledger.from_funds(funds)
    assert ledger.outstanding(A, 2024) == nok(60)
    with pytest.raises(InvalidAmount):
        ledger.cancel(Cancellation(A, 2024, nok(61), "x"))
    assert ledger.cancel(Cancellation(A, 2024, nok(60), "x")).outstanding(A, 2024) == nok(0)
    ledger.pay(Payment(A, 2024, nok(5), "x"))  # not refused for the bortfall of 2023


def test_a_bortfall_that_takes_what_a_later_one_cancelled_counts_the_payments_between() -> None:
    """100 committed in 2024, 60 paid in 2025, 40 lapsing in 2026: a bortfall of 1 kr in 2024
    leaves 39 for 2026, and is refused; the payment of 2025 is what makes it so."""
    ledger = (
        _received(10_000, 2024)
        .commit(Commitment(A, 2024, nok(100), "x"))
        .pay(Payment(A, 2025, nok(60), "x"))
        .cancel(Cancellation(A, 2026, nok(40), "x"))
    )
    with pytest.raises(InvalidAmount) as caught:
        ledger.cancel(Cancellation(A, 2024, nok(1), "x"))
    assert "2026" in caught.value.en
