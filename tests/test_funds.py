"""The funds ledger (carried over without lapse, statements that balance) and the split."""

from __future__ import annotations

import datetime as dt
import doctest
from collections import defaultdict
from decimal import Decimal

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import post65.funds
import post65.ledger
from post65.errors import InvalidAmount, InvalidParameter, UnknownCounty
from post65.funds import (
    AdminCategory,
    AdminCost,
    Commitment,
    Funds,
    Payment,
    Receipt,
    SchemeId,
    Split,
)
from post65.ledger import Ledger, Overdrawn
from post65.money import Money, kroner, nok
from post65.strategies import amounts

A, B, C = SchemeId.A, SchemeId.B, SchemeId.C


def test_module_doctests() -> None:
    result = doctest.testmod(
        post65.funds, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
    )
    assert result.failed == 0
    assert result.attempted > 0
    result = doctest.testmod(
        post65.ledger, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
    )
    assert result.failed == 0
    assert result.attempted > 0


def _admin(scheme: SchemeId, year: int, amount: int) -> AdminCost:
    return AdminCost(scheme, year, nok(amount), AdminCategory.CASE_HANDLING, "saksbehandling")


def test_funds_carry_over_without_lapse() -> None:
    ledger = (
        Ledger().receive(Receipt(B, 2024, nok(4_000_000))).pay(Payment(B, 2024, nok(1_000_000)))
    )
    ledger = ledger.receive(Receipt(B, 2025, nok(2_000_000))).pay(Payment(B, 2026, nok(4_500_000)))
    assert ledger.balance(B, 2024) == nok(3_000_000)
    assert ledger.balance(B, 2025) == nok(5_000_000)
    assert ledger.balance(B, 2026) == nok(500_000)
    assert ledger.balance(B, 2030) == nok(500_000)
    assert ledger.overdrafts() == ()
    assert ledger.received_by_appropriation_year(B) == {2024: nok(4_000_000), 2025: nok(2_000_000)}


def test_statement_balances_and_admin_costs_count_as_paid() -> None:
    ledger = Ledger.from_funds(
        Funds(
            received=(Receipt(A, 2024, nok(1_000_000)), Receipt(C, 2024, nok(300_000))),
            payments=(Payment(A, 2024, nok(600_000)),),
            admin_costs=(_admin(A, 2024, 40_000), _admin(A, 2025, 10_000)),
        ),
        county="34",
    )
    s = ledger.statement(2025)
    line = s.line(A)
    assert (line.opening, line.received, line.payments, line.admin_costs, line.closing) == (
        nok(360_000),
        nok(0),
        nok(0),
        nok(10_000),
        nok(350_000),
    )
    assert line.paid == nok(10_000)
    assert s.balances
    assert s.county == "34"
    assert s.total.closing == nok(650_000)
    assert ledger.spent(A) == nok(650_000)
    assert ledger.spent(A, 2024) == nok(640_000)
    assert ledger.spent(A, up_to=2024) == nok(640_000)
    assert ledger.admin(A, up_to=2025) == nok(50_000)
    assert ledger.received(A, up_to=2025) == nok(1_000_000)


def test_receipt_is_booked_in_the_year_received() -> None:
    late = Receipt(B, 2024, nok(100), received=dt.date(2025, 2, 1))
    ledger = Ledger().receive(late)
    assert ledger.received(B, 2024) == nok(0)
    assert ledger.received(B, 2025) == nok(100)
    assert ledger.received_by_appropriation_year(B) == {2024: nok(100)}


def test_outstanding_commitments_are_settled_by_payments_of_the_same_measure() -> None:
    ledger = (
        Ledger()
        .receive(Receipt(B, 2024, nok(1_000)))
        .commit(Commitment(B, 2024, nok(600), measure="m1"))
        .commit(Commitment(B, 2024, nok(300), measure="m2"))
        .pay(Payment(B, 2025, nok(400), measure="m1"))
        .pay(Payment(B, 2025, nok(50), measure="other"))
    )
    assert ledger.outstanding(B, 2024) == nok(900)
    assert ledger.available(B, 2024) == nok(100)
    assert ledger.outstanding(B, 2025) == nok(500)  # 200 on m1, 300 on m2
    assert ledger.available(B, 2025) == nok(50)  # 1000 − 450 paid − 500 outstanding
    assert ledger.committed(B) == nok(900)
    assert ledger.statement(2024).line(B).committed == nok(900)


def test_lenient_ledger_reports_overdrafts() -> None:
    ledger = Ledger().receive(Receipt(A, 2024, nok(100))).pay(Payment(A, 2024, nok(150)))
    ledger = ledger.commit(Commitment(C, 2025, nok(10)))
    found = ledger.overdrafts()
    assert [(o.scheme, o.year, o.kind, o.shortfall) for o in found] == [
        (A, 2024, "balance", nok(50)),
        (C, 2025, "commitments", nok(10)),
    ]
    message = found[0].message()
    nb, nn, en = message("nb"), message("nn"), message("en")
    assert "50\u00a0kr mer enn mottatt" in nb
    assert "50\u00a0kr meir enn motteke" in nn
    assert "more has been spent than received" in en


def test_strict_ledger_refuses_and_stays_unchanged() -> None:
    ledger = Ledger(strict=True).receive(Receipt(A, 2024, nok(100)))
    with pytest.raises(Overdrawn) as info:
        ledger.pay(Payment(A, 2024, nok(101)))
    assert isinstance(info.value, ValueError)
    assert "1\u00a0kr" in info.value.en
    with pytest.raises(Overdrawn):
        ledger.commit(Commitment(A, 2024, nok(101)))
    with pytest.raises(Overdrawn):
        ledger.charge(_admin(A, 2024, 101))
    # A payment in a later year that would overdraw that year is refused too.
    with pytest.raises(Overdrawn):
        ledger.pay(Payment(A, 2026, nok(101)))
    assert ledger.balance(A, 2024) == nok(100)
    assert ledger.pay(Payment(A, 2024, nok(100))).balance(A, 2024) == nok(0)


def test_strict_from_funds_refuses_overdrawn_funds() -> None:
    funds = Funds(payments=(Payment(B, 2024, nok(1)),))
    with pytest.raises(Overdrawn):
        Ledger.from_funds(funds, strict=True)
    assert Ledger.from_funds(funds).overdrafts()[0].shortfall == nok(1)


def test_bad_bookings_are_refused() -> None:
    with pytest.raises(InvalidAmount):
        Ledger().pay(Payment(A, 2024, nok(-1)))
    with pytest.raises(InvalidParameter):
        Ledger().pay(Payment(A, 1066, nok(1)))
    with pytest.raises(UnknownCounty):
        Ledger(county="30")
    with pytest.raises(InvalidParameter):
        Ledger().spent(A, 2024, up_to=2024)


def test_frame_and_split_of_a_year() -> None:
    ledger = Ledger.from_funds(
        Funds(
            received=(
                Receipt(A, 2024, nok(6_000_000)),
                Receipt(B, 2024, nok(4_000_000)),
                Receipt(C, 2024, nok(2_000_000)),
                Receipt(A, 2023, nok(1)),
            )
        )
    )
    assert ledger.frame(2024) == nok(12_000_000)
    split = ledger.split(2024, "Etter behov i kommunene")
    assert split.matches(ledger.frame(2024))
    assert split.problems(ledger.frame(2024)) == ()
    assert split.shares() == {A: Decimal("0.5000"), B: Decimal("0.3333"), C: Decimal("0.1667")}


def test_split_problems_are_located() -> None:
    split = Split(nok(-1), nok(2), nok(3), " ")
    assert [p.where for p in split.problems(nok(5))] == ["/a", "/justification", ""]
    assert split.amount(C) == nok(3)
    assert Split(nok(0), nok(0), nok(0), "x").shares(2) == {
        A: Decimal("0.00"),
        B: Decimal("0.00"),
        C: Decimal("0.00"),
    }


def test_empty_ledger() -> None:
    assert Ledger().statements() == ()
    assert Ledger().overdrafts() == ()
    assert Ledger().statement(2024).balances


# --------------------------------------------------------------------------------------------
# Property: never lose or invent a krone

YEARS = st.integers(2022, 2027)
SCHEMES = st.sampled_from(list(SchemeId))
AMOUNTS = amounts(0, 10_000_000)
MEASURES = st.sampled_from([None, "m1", "m2"])

OPERATIONS = st.one_of(
    st.builds(Receipt, SCHEMES, YEARS, AMOUNTS),
    st.builds(
        Receipt,
        SCHEMES,
        YEARS,
        AMOUNTS,
        received=st.dates(dt.date(2022, 1, 1), dt.date(2027, 12, 31)),
    ),
    st.builds(Commitment, SCHEMES, YEARS, AMOUNTS, measure=MEASURES),
    st.builds(Payment, SCHEMES, YEARS, AMOUNTS, measure=MEASURES),
    st.builds(
        AdminCost, SCHEMES, YEARS, AMOUNTS, st.sampled_from(list(AdminCategory)), st.just("x")
    ),
)


def _apply(ledger: Ledger, op: object) -> Ledger:
    if isinstance(op, Receipt):
        return ledger.receive(op)
    if isinstance(op, Commitment):
        return ledger.commit(op)
    if isinstance(op, Payment):
        return ledger.pay(op)
    assert isinstance(op, AdminCost)
    return ledger.charge(op)


def _oracle(ops: list[object]) -> dict[tuple[SchemeId, int], Decimal]:
    """Net money in per scheme and year, computed the plainest way."""
    net: dict[tuple[SchemeId, int], Decimal] = defaultdict(Decimal)
    for op in ops:
        if isinstance(op, Receipt):
            year = op.received.year if op.received else op.appropriation_year
            net[(op.scheme, year)] += kroner(op.amount)
        elif isinstance(op, (Payment, AdminCost)):
            net[(op.scheme, op.year)] -= kroner(op.amount)
    return net


def _d(q: Money) -> Decimal:
    return kroner(q)


@given(st.lists(OPERATIONS, max_size=40))
def test_ledger_never_loses_or_invents_a_krone(ops: list[object]) -> None:
    ledger = Ledger()
    for op in ops:
        ledger = _apply(ledger, op)
    net = _oracle(ops)
    for scheme in SchemeId:
        running = Decimal(0)
        for year in range(2021, 2029):
            line = ledger.statement(year).line(scheme)
            assert line.balances
            assert _d(line.opening) == running
            running += net.get((scheme, year), Decimal(0))
            assert _d(line.closing) == running
            assert _d(ledger.balance(scheme, year)) == running
            assert _d(line.outstanding) >= 0
            assert _d(line.outstanding) <= _d(ledger.committed(scheme, up_to=year))
    total_in = sum((kroner(o.amount) for o in ops if isinstance(o, Receipt)), Decimal(0))
    total_out = sum(
        (kroner(o.amount) for o in ops if isinstance(o, (Payment, AdminCost))), Decimal(0)
    )
    assert _d(ledger.statement(2028).total.closing) == total_in - total_out
    assert all(s.balances for s in ledger.statements())


@given(st.lists(OPERATIONS, max_size=30))
def test_strict_ledger_never_overdraws(ops: list[object]) -> None:
    ledger = Ledger(strict=True)
    accepted: list[object] = []
    for op in ops:
        try:
            after = _apply(ledger, op)
        except Overdrawn:
            assert ledger.overdrafts() == ()
            continue
        ledger = after
        accepted.append(op)
    assert ledger.overdrafts() == ()
    for scheme in SchemeId:
        for year in range(2021, 2029):
            assert _d(ledger.balance(scheme, year)) >= 0
            assert _d(ledger.available(scheme, year)) >= 0
    # The strict ledger holds exactly the accepted operations, and agrees with a lenient one.
    lenient = Ledger()
    for op in accepted:
        lenient = _apply(lenient, op)
    assert lenient.funds == ledger.funds
    # Receipts are never refused.
    assert [o for o in ops if isinstance(o, Receipt)] == [
        o for o in accepted if isinstance(o, Receipt)
    ]


def test_commitment_and_payment_share_their_fields_but_never_equal() -> None:
    commitment = Commitment(A, 2024, nok(10), "m1", "tilsagn")
    payment = Payment(A, 2024, nok(10), "m1", "tilsagn")
    same_fields: object = payment
    assert commitment != same_fields
    names = [f.name for f in attrs.fields(Commitment)]
    assert names == [f.name for f in attrs.fields(Payment)]
    assert names == ["scheme", "year", "amount", "measure", "description"]
    assert isinstance(commitment, post65.funds.Movement)
    assert isinstance(payment, post65.funds.Movement)


def test_the_ledger_is_a_layer_above_the_funds() -> None:
    """post65.funds (documents) knows nothing of post65.ledger (the books): no import cycle."""
    assert not hasattr(post65.funds, "Ledger")
    assert not hasattr(Funds, "ledger")


# ---------------------------------------------------------------------------------------------
# Edges that mutation testing found unguarded (docs/development.md, "Mutation testing")

_FUNDS = Funds(
    received=(
        Receipt(A, 2023, nok(1_000_000), dt.date(2023, 2, 1)),
        Receipt(A, 2023, nok(500_000)),  # a second receipt of the same appropriation year
        Receipt(A, 2024, nok(800_000), dt.date(2025, 1, 10)),  # booked in 2025
        Receipt(B, 2024, nok(200_000)),
    ),
    commitments=(
        Commitment(A, 2023, nok(600_000), "m1"),
        Commitment(A, 2024, nok(300_000)),
        Commitment(A, 2024, nok(100_000), "m2"),
    ),
    payments=(
        Payment(A, 2024, nok(400_000), "m1"),
        Payment(A, 2025, nok(250_000), "m1"),  # pays m1 50 000 more than committed
        Payment(A, 2024, nok(300_000)),
    ),
    admin_costs=(_admin(A, 2024, 50_000), _admin(B, 2024, 10_000)),
)


def _figures(ledger: Ledger) -> dict[str, object]:
    out: dict[str, object] = {}
    for s in SchemeId:
        for y in (2022, 2023, 2024, 2025, 2026):
            for name in ("received", "payments", "admin", "spent", "committed"):
                out[f"{name} {s} {y}"] = kroner(getattr(ledger, name)(s, y))
                out[f"{name} {s} ..{y}"] = kroner(getattr(ledger, name)(s, up_to=y))
            for name in ("balance", "outstanding", "available"):
                out[f"{name} {s} {y}"] = kroner(getattr(ledger, name)(s, y))
    return out


def test_ledger_from_funds_with_commitments_by_hand() -> None:
    ledger = Ledger.from_funds(_FUNDS, county="18")
    assert kroner(ledger.received(A, 2023)) == 1_500_000
    assert kroner(ledger.received(A, 2024)) == 0
    assert kroner(ledger.received(A, 2025)) == 800_000
    assert kroner(ledger.received(A, up_to=2024)) == 1_500_000
    assert kroner(ledger.received(A, up_to=2025)) == 2_300_000
    assert kroner(ledger.received(A)) == 2_300_000
    assert {y: kroner(q) for y, q in ledger.received_by_appropriation_year(A).items()} == {
        2023: 1_500_000,
        2024: 800_000,
    }
    assert list(ledger.received_by_appropriation_year(A, up_to=2024)) == [2023]
    assert list(ledger.received_by_appropriation_year(A, up_to=2025)) == [2023, 2024]
    assert kroner(_FUNDS.received_total(A)) == 2_300_000
    assert kroner(_FUNDS.received_total(A, up_to_year=2023)) == 1_500_000
    assert kroner(_FUNDS.received_total(A, up_to_year=2022)) == 0
    assert kroner(_FUNDS.received_total(B, up_to_year=2024)) == 200_000
    assert kroner(ledger.payments(A, 2024)) == 700_000
    assert kroner(ledger.admin(A, 2024)) == 50_000
    assert kroner(ledger.spent(A, 2024)) == 750_000
    assert kroner(ledger.spent(A, up_to=2024)) == 750_000
    assert kroner(ledger.spent(A)) == 1_000_000
    assert kroner(ledger.committed(A, 2024)) == 400_000
    assert kroner(ledger.committed(A)) == 1_000_000
    assert kroner(ledger.committed(A, up_to=2023)) == 600_000
    expected = {  # year: (balance, outstanding, available)
        2022: (0, 0, 0),
        2023: (1_500_000, 600_000, 900_000),
        2024: (750_000, 300_000, 450_000),  # m1 200 000 and m2 100 000 left
        2025: (1_300_000, 100_000, 1_200_000),  # m1 overpaid: counts 0, not -50 000
    }
    for year, (balance, outstanding, available) in expected.items():
        assert kroner(ledger.balance(A, year)) == balance
        assert kroner(ledger.outstanding(A, year)) == outstanding
        assert kroner(ledger.available(A, year)) == available
    assert kroner(ledger.balance(B, 2024)) == 190_000
    assert ledger.years() == (2023, 2024, 2025)
    assert ledger.years(B) == (2024,)
    assert ledger.years(C) == ()
    assert [kroner(ledger.frame(y)) for y in (2023, 2024, 2025)] == [1_500_000, 200_000, 800_000]
    assert ledger.overdrafts() == ()
    line = ledger.statement(2024).line(A)
    assert [kroner(q) for q in (line.opening, line.received, line.payments, line.admin_costs)] == [
        1_500_000,
        0,
        700_000,
        50_000,
    ]
    assert [kroner(q) for q in (line.closing, line.committed, line.outstanding)] == [
        750_000,
        400_000,
        300_000,
    ]
    assert kroner(line.paid) == 750_000
    assert kroner(line.available) == 450_000
    whole = ledger.statement(2024).total
    assert kroner(whole.opening) == 1_500_000
    assert kroner(whole.admin_costs) == 60_000
    assert kroner(whole.closing) == 940_000
    assert whole.scheme is None
    assert ledger.statement(2024).balances
    assert ledger.statement(2024).county == "18"
    assert [s.year for s in ledger.statements()] == [2023, 2024, 2025]


def test_ledger_from_funds_equals_the_ledger_built_step_by_step() -> None:
    built = Ledger(county="18")
    for receipt in _FUNDS.received:
        built = built.receive(receipt)
    for commitment in _FUNDS.commitments:
        built = built.commit(commitment)
    for payment in _FUNDS.payments:
        built = built.pay(payment)
    for cost in _FUNDS.admin_costs:
        built = built.charge(cost)
    assert built.funds == _FUNDS
    assert _figures(built) == _figures(Ledger.from_funds(_FUNDS, county="18"))
    assert _figures(built) == _figures(Ledger(_FUNDS))


def test_two_receipts_of_one_appropriation_year_both_count() -> None:
    funds = Funds(received=(Receipt(A, 2024, nok(100)), Receipt(A, 2024, nok(50))))
    ledger = Ledger.from_funds(funds)
    assert kroner(ledger.received(A, 2024)) == 150
    assert {y: kroner(q) for y, q in ledger.received_by_appropriation_year(A).items()} == {
        2024: 150
    }
    stepwise = Ledger().receive(Receipt(A, 2024, nok(100))).receive(Receipt(A, 2024, nok(50)))
    assert kroner(stepwise.received(A, 2024)) == 150
    assert kroner(stepwise.balance(A, 2024)) == 150


def test_overdrafts_over_two_years_and_of_commitments() -> None:
    funds = Funds(
        received=(Receipt(A, 2023, nok(100_000)), Receipt(A, 2026, nok(100_000))),
        payments=(Payment(A, 2024, nok(150_000)),),
        commitments=(Commitment(A, 2025, nok(20_000)), Commitment(B, 2024, nok(150_000))),
    )
    funds = attrs_evolve_received(funds, Receipt(B, 2024, nok(100_000)))
    found = Ledger.from_funds(funds).overdrafts()
    assert [(o.scheme, o.year, str(o.kind), int(kroner(o.shortfall))) for o in found] == [
        (A, 2024, "balance", 50_000),
        (A, 2025, "balance", 50_000),  # a balance overdraft is not also a commitment one
        (B, 2024, "commitments", 50_000),
    ]
    assert Ledger.from_funds(funds).overdrafts(B) == found[2:]
    with pytest.raises(Overdrawn) as info:
        Ledger.from_funds(funds, strict=True)
    assert "2024" in info.value.en
    assert "2025" in info.value.en
    assert "committed" in info.value.en


def attrs_evolve_received(funds: Funds, receipt: Receipt) -> Funds:
    return Funds((*funds.received, receipt), funds.commitments, funds.payments, funds.admin_costs)


def test_a_balance_of_exactly_zero_is_no_overdraft() -> None:
    ledger = Ledger(strict=True).receive(Receipt(A, 2024, nok(1000)))
    ledger = ledger.commit(Commitment(A, 2024, nok(400), "m"))
    ledger = ledger.pay(Payment(A, 2024, nok(400), "m"))
    ledger = ledger.charge(_admin(A, 2024, 600))
    assert kroner(ledger.balance(A, 2024)) == 0
    assert kroner(ledger.available(A, 2024)) == 0
    assert ledger.overdrafts() == ()
    with pytest.raises(Overdrawn):
        ledger.pay(Payment(A, 2024, nok(Decimal("0.01"))))
    with pytest.raises(Overdrawn):
        ledger.commit(Commitment(A, 2024, nok(Decimal("0.01"))))
    exact = (
        Ledger(strict=True).receive(Receipt(A, 2024, nok(10))).commit(Commitment(A, 2024, nok(10)))
    )
    assert kroner(exact.available(A, 2024)) == 0


def test_the_years_1900_and_9999_are_the_inclusive_limits() -> None:
    for year in (1900, 9999):
        ledger = Ledger.from_funds(Funds(received=(Receipt(A, year, nok(1)),)))
        assert kroner(ledger.received(A, year)) == 1
        assert ledger.statement(year).year == year
    for bad in (1899, 10_000):
        with pytest.raises(InvalidParameter):
            Ledger.from_funds(Funds(received=(Receipt(A, bad, nok(1)),)))
        with pytest.raises(InvalidParameter):
            Ledger().statement(bad)
    with pytest.raises(InvalidParameter):
        Ledger().received(A, 2024, up_to=2024)
    assert kroner(Ledger.from_funds(Funds(payments=(Payment(A, 2024, nok(0)),))).payments(A)) == 0


def test_split_shares_round_half_even_and_zero_total() -> None:
    shares = Split(nok(1), nok(1), nok(2), "x").shares(1)
    assert shares == {A: Decimal("0.2"), B: Decimal("0.2"), C: Decimal("0.5")}
    assert str(Split(nok(1), nok(1), nok(2), "x").shares()[A]) == "0.2500"
    zero = Split(nok(0), nok(0), nok(0), "x").shares()
    assert [str(v) for v in zero.values()] == ["0.0000"] * 3
    split = Split(nok(-1), nok(0), nok(2), " ")
    assert [p.where for p in split.problems()] == ["/a", "/justification"]
    assert [p.where for p in split.problems(nok(1))] == ["/a", "/justification"]
    assert [p.where for p in split.problems(nok(2))] == ["/a", "/justification", ""]
    assert split.matches(nok(1))
    assert not split.matches(nok(2))
    assert kroner(split.total) == 1
