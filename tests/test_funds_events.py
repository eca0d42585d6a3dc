"""Cancelled commitments (bortfall), repayments (tilbakebetaling) and reallocations between schemes
(omdisponering): booked by the ledger, written in documents, validated with located problems, and
money conserved through the document path (JSON text → load → ledger → statement)."""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from post65.errors import InvalidAmount, InvalidDocument, InvalidParameter
from post65.funds import (
    Cancellation,
    Commitment,
    Funds,
    Payment,
    Reallocation,
    Receipt,
    Repayment,
    SchemeId,
    funds_problems,
)
from post65.io import json_schema, load
from post65.ledger import Ledger, Overdrawn
from post65.ledger.book import Book
from post65.ledger.statement import Statement, StatementLine
from post65.money import kroner, nok
from post65.portfolio import Portfolio
from post65.strategies import funds

A, B, C = SchemeId.A, SchemeId.B, SchemeId.C
BASE = json.loads(
    (Path(__file__).parent / "scenarios" / "a" / "base.portfolio.json").read_text("utf-8")
)


def _k(q: Any) -> Decimal:
    return kroner(q)


def _ints(*amounts: Any) -> tuple[int, ...]:
    """Whole-krone amounts as ints (refusing any øre, so the comparison stays exact)."""
    values = [kroner(q) for q in amounts]
    assert all(v == int(v) for v in values)
    return tuple(int(v) for v in values)


# --------------------------------------------------------------------------------------------
# The ledger books them


def test_a_cancellation_frees_the_money_of_its_measure_only() -> None:
    ledger = (
        Ledger()
        .receive(Receipt(A, 2024, nok(1_000)))
        .commit(Commitment(A, 2024, nok(800), "m1"))
        .commit(Commitment(A, 2024, nok(100), "m2"))
        .cancel(Cancellation(A, 2025, nok(300), "m1"))
    )
    assert _k(ledger.outstanding(A, 2024)) == 900
    assert _k(ledger.available(A, 2024)) == 100
    assert _k(ledger.outstanding(A, 2025)) == 600  # m1 500, m2 100
    assert _k(ledger.available(A, 2025)) == 400
    assert _k(ledger.cancelled(A, 2025)) == 300
    assert _k(ledger.cancelled(A, up_to=2024)) == 0
    assert _k(ledger.balance(A, 2025)) == 1_000  # a cancellation moves no money
    line = ledger.statement(2025).line(A)
    assert _ints(line.cancelled, line.outstanding, line.available) == (300, 600, 400)
    assert line.balances


def test_a_repayment_is_money_in_that_does_not_reopen_the_commitment() -> None:
    ledger = (
        Ledger()
        .receive(Receipt(A, 2023, nok(1_000)))
        .commit(Commitment(A, 2023, nok(1_000), "m1"))
        .pay(Payment(A, 2023, nok(1_000), "m1"))
        .repay(Repayment(A, 2024, 2023, nok(250), "m1", "ubrukt"))
    )
    assert _k(ledger.balance(A, 2023)) == 0
    assert _k(ledger.balance(A, 2024)) == 250
    assert _k(ledger.outstanding(A, 2024)) == 0
    assert _k(ledger.available(A, 2024)) == 250
    assert _k(ledger.repaid(A, 2024)) == 250
    assert _k(ledger.repaid(A, up_to=2023)) == 0
    assert _k(ledger.received(A)) == 1_000  # a repayment is not a receipt
    later = ledger.repay(Repayment(A, 2025, 2024, nok(5))).repay(Repayment(B, 2024, 2023, nok(7)))
    assert {y: _k(q) for y, q in later.repaid_by_appropriation_year(A).items()} == {
        2023: 250,
        2024: 5,
    }
    assert list(later.repaid_by_appropriation_year(A, up_to=2024)) == [2023]
    assert list(later.repaid_by_appropriation_year(A, up_to=2023)) == []
    assert _k(ledger.funds_of(A)) == 1_000  # nor new grant funds
    line = ledger.statement(2024).line(A)
    assert _ints(line.opening, line.repaid, line.closing) == (0, 250, 250)
    assert line.balances


def test_a_reallocation_moves_money_between_two_schemes() -> None:
    ledger = (
        Ledger()
        .receive(Receipt(A, 2024, nok(1_000)))
        .reallocate(Reallocation(A, C, 2024, nok(400), "FT-sak 2024/1", "til omstilling"))
    )
    assert _ints(ledger.balance(A, 2024), ledger.balance(C, 2024)) == (600, 400)
    assert _k(ledger.reallocated_out(A, 2024)) == 400
    assert _k(ledger.reallocated_in(C, up_to=2024)) == 400
    assert _k(ledger.reallocated_in(A)) == 0
    assert _ints(ledger.funds_of(A), ledger.funds_of(C, 2024)) == (600, 400)
    statement = ledger.statement(2024)
    assert statement.balances
    whole = statement.total
    assert _ints(whole.reallocated_in, whole.reallocated_out, whole.closing) == (400, 400, 1_000)
    assert ledger.years(C) == (2024,)


def test_a_strict_ledger_refuses_a_reallocation_that_overdraws_the_scheme_it_leaves() -> None:
    ledger = Ledger(strict=True).receive(Receipt(A, 2024, nok(100)))
    with pytest.raises(Overdrawn):
        ledger.reallocate(Reallocation(A, B, 2024, nok(101), "sak 1"))
    moved = ledger.reallocate(Reallocation(A, B, 2024, nok(100), "sak 1"))
    assert _k(moved.balance(B, 2024)) == 100
    # Committing more than what is left after the move is refused too.
    with pytest.raises(Overdrawn):
        moved.commit(Commitment(A, 2024, nok(1)))


def test_bad_entries_are_refused_by_the_ledger() -> None:
    with pytest.raises(InvalidParameter):
        Ledger().reallocate(Reallocation(A, A, 2024, nok(1), "sak"))
    with pytest.raises(InvalidParameter):
        Ledger().reallocate(Reallocation(A, B, 2024, nok(1), "  "))
    with pytest.raises(InvalidParameter):
        Ledger().repay(Repayment(A, 2024, 1899, nok(1)))
    with pytest.raises(InvalidParameter):
        Ledger().cancel(Cancellation(A, 10_000, nok(1)))
    with pytest.raises(InvalidAmount):
        Ledger().repay(Repayment(A, 2024, 2024, nok(-1)))
    with pytest.raises(InvalidAmount):
        Ledger().reallocate(Reallocation(A, B, 2024, nok(-1), "sak"))


def test_a_statement_line_balances_with_the_new_figures() -> None:
    zero = nok(0)
    line = StatementLine(
        A, 2024, nok(10), nok(5), nok(3), nok(1), nok(14), zero, zero,
        repaid=nok(2), reallocated_in=nok(4), reallocated_out=nok(3),
    )  # fmt: skip
    assert line.balances  # 10 + 5 + 2 + 4 - 3 - 3 - 1 = 14
    for name in ("repaid", "reallocated_in", "reallocated_out"):
        off = StatementLine(**{**_fields(line), name: nok(_k(getattr(line, name)) + 1)})
        assert not off.balances, name
    total = Statement(2024, None, (line,)).total
    assert _ints(total.repaid, total.reallocated_in, total.reallocated_out) == (2, 4, 3)


def _fields(line: StatementLine) -> dict[str, Any]:
    import attrs

    return attrs.asdict(line, recurse=False)


# --------------------------------------------------------------------------------------------
# Documents: schema, validation with JSON Pointers


def _portfolio(funds: dict[str, Any]) -> str:
    return json.dumps({**BASE, "funds": funds}, ensure_ascii=False)


def test_the_schema_describes_the_new_entries() -> None:
    defs = json_schema("portfolio")["$defs"]
    funds = defs["Funds"]["properties"]
    assert {"cancellations", "repayments", "reallocations"} <= set(funds)
    assert set(defs["Reallocation"]["required"]) == {
        "from_scheme",
        "to_scheme",
        "year",
        "amount",
        "decision",
    }
    assert set(defs["Repayment"]["required"]) == {"scheme", "year", "appropriation_year", "amount"}
    assert "bortfall" in defs["Cancellation"]["description"]


def test_a_document_with_the_new_entries_loads_and_books() -> None:
    doc = load(
        _portfolio(
            {
                "received": [{"scheme": "a", "appropriation_year": 2024, "amount": "1 000 000"}],
                "commitments": [{"scheme": "a", "year": 2024, "amount": 600_000, "measure": "m1"}],
                "cancellations": [
                    {"scheme": "a", "year": 2024, "amount": "100000", "measure": "m1"}
                ],
                "repayments": [
                    {"scheme": "a", "year": 2024, "appropriation_year": 2023, "amount": "5000"}
                ],
                "reallocations": [
                    {
                        "from_scheme": "a",
                        "to_scheme": "b",
                        "year": 2024,
                        "amount": "200000",
                        "decision": "FT-sak 2024/9",
                    }
                ],
            }
        )
    )
    assert isinstance(doc, Portfolio)
    assert doc.funds.repayments == (Repayment(A, 2024, 2023, nok(5_000)),)
    line = Ledger.from_funds(doc.funds).statement(2024).line(A)
    assert [_k(q) for q in (line.outstanding, line.cancelled, line.repaid)] == [
        500_000,
        100_000,
        5_000,
    ]
    assert [_k(q) for q in (line.reallocated_out, line.closing, line.available)] == [
        200_000,
        805_000,
        305_000,
    ]


def _problems(funds: dict[str, Any]) -> list[tuple[str, str]]:
    with pytest.raises(InvalidDocument) as info:
        load(_portfolio(funds))
    return [(p.where, p.message("en")) for p in info.value.problems]


def test_bad_new_entries_are_refused_with_located_problems() -> None:
    found = _problems(
        {
            "repayments": [
                {"scheme": "a", "year": 2024, "appropriation_year": 1800, "amount": "-1"}
            ],
            "reallocations": [
                {"from_scheme": "b", "to_scheme": "b", "year": 2024, "amount": 1, "decision": ""},
                {"from_scheme": "a", "to_scheme": "d", "year": 2024, "amount": 1, "decision": "x"},
            ],
        }
    )
    wheres = [w for w, _ in found]
    assert "/funds/repayments/0/appropriation_year" in wheres
    assert "/funds/repayments/0/amount" in wheres
    assert "/funds/reallocations/1/to_scheme" in wheres
    found = _problems(
        {
            "reallocations": [
                {"from_scheme": "b", "to_scheme": "b", "year": 2024, "amount": 1, "decision": " "}
            ],
        }
    )
    assert sorted(found) == [
        ("/funds/reallocations/0/decision", "the reallocation (omdisponering) names no decision"),
        ("/funds/reallocations/0/to_scheme", "a reallocation (omdisponering) must go to a "
         "scheme other than b"),
    ]  # fmt: skip
    missing = _problems(
        {"reallocations": [{"from_scheme": "a", "to_scheme": "b", "year": 2024, "amount": 1}]}
    )
    assert missing[0][0].startswith("/funds/reallocations/0")


def test_a_cancellation_beyond_the_outstanding_commitment_is_refused() -> None:
    funds = {
        "commitments": [
            {"scheme": "a", "year": 2023, "amount": "1000", "measure": "m1"},
            {"scheme": "a", "year": 2025, "amount": "1000", "measure": "m1"},
        ],
        "payments": [{"scheme": "a", "year": 2023, "amount": "400", "measure": "m1"}],
        "cancellations": [
            {"scheme": "a", "year": 2024, "amount": "500", "measure": "m1"},
            {"scheme": "a", "year": 2024, "amount": "100.01", "measure": "m1"},
            {"scheme": "a", "year": 2023, "amount": "1", "measure": "m2"},
        ],
    }
    found = _problems(funds)
    assert sorted(w for w, _ in found) == [
        "/funds/cancellations/1/amount",  # 600 outstanding on m1 at the end of 2024; 600.01
        "/funds/cancellations/2/amount",  # nothing committed to m2
    ]
    assert any("100.01\u00a0kr in 2024 is more than the 100\u00a0kr left" in m for _, m in found)
    # Exactly what is outstanding lapses: fine; the 2025 commitment does not count in 2024.
    rest = {"scheme": "a", "year": 2024, "amount": "100", "measure": "m1"}
    funds["cancellations"] = [funds["cancellations"][0], rest]
    doc = load(_portfolio(funds))
    assert _k(Ledger.from_funds(doc.funds).outstanding(A, 2024)) == 0
    assert _k(Ledger.from_funds(doc.funds).outstanding(A, 2025)) == 1_000


def test_cancellation_problems_wait_for_sound_amounts() -> None:
    funds = Funds(
        payments=(Payment(A, 2024, nok(-1)),),
        cancellations=(Cancellation(A, 2024, nok(5)),),
    )
    assert [p.where for p in funds_problems(funds)] == ["/funds/payments/0/amount"]
    assert [p.where for p in funds_problems(Funds(cancellations=funds.cancellations))] == [
        "/funds/cancellations/0/amount"
    ]


# --------------------------------------------------------------------------------------------
# Property: money is conserved through the document path, per scheme and year, to the krone

YEARS = (2021, 2026)
SCHEMES = ["a", "b", "c"]
MEASURES = [None, "m1", "p"]


def _amount_json(draw: st.DrawFn) -> tuple[Decimal, object]:
    ore = draw(st.integers(0, 2_000_000_000))
    value = Decimal(ore) / 100
    if ore % 100 == 0 and draw(st.booleans()):
        return value, ore // 100
    return value, f"{value:f}"


@st.composite
def _documents(draw: st.DrawFn) -> tuple[str, dict[str, list[dict[str, Any]]]]:
    """A portfolio's JSON text with random funds, and the funds as written (amounts exact)."""
    year = st.integers(*YEARS)
    entries: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for _ in range(draw(st.integers(0, 30))):
        kind = draw(
            st.sampled_from(
                [
                    "received",
                    "commitments",
                    "payments",
                    "admin_costs",
                    "cancellations",
                    "repayments",
                    "reallocations",
                ]
            )
        )
        if kind == "cancellations" and not entries["commitments"] and draw(st.integers(0, 9)):
            kind = "commitments"  # a cancellation with nothing committed: rarely
        value, written = _amount_json(draw)
        scheme = draw(st.sampled_from(SCHEMES))
        e: dict[str, Any] = {"amount": written, "_value": value}
        if kind == "received":
            e |= {"scheme": scheme, "appropriation_year": draw(year)}
            if draw(st.booleans()):
                on = draw(st.dates(dt.date(YEARS[0], 1, 1), dt.date(YEARS[1], 12, 31)))
                e["received"] = on.isoformat()
        elif kind in ("commitments", "payments", "cancellations"):
            # Payments and cancellations mostly settle a part of an earlier commitment (as in
            # the books of a county; otherwise a cancellation rarely leaves a valid document).
            earlier = entries["commitments"]
            pick = kind != "commitments" and draw(st.integers(0, 9)) > 1
            if earlier and pick:
                c = draw(st.sampled_from(earlier))
                part = (c["_value"] * draw(st.integers(0, 3)) / 8).quantize(Decimal("0.01"))
                e |= {"amount": f"{part:f}", "_value": part}
                e |= {"scheme": c["scheme"], "year": draw(st.integers(c["year"], YEARS[1]))}
                e["measure"] = c["measure"]
            else:
                e |= {"scheme": scheme, "year": draw(year)}
                e["measure"] = draw(st.sampled_from(MEASURES))
        elif kind == "admin_costs":
            e |= {"scheme": scheme, "year": draw(year), "category": "reporting"}
            e["description"] = "rapport"
        elif kind == "repayments":
            paid_back = draw(year)  # to the appropriation year it was granted from, not a later one
            e |= {"scheme": scheme, "year": paid_back}
            e["appropriation_year"] = draw(st.integers(YEARS[0], paid_back))
        else:
            other = draw(st.sampled_from([s for s in SCHEMES if s != scheme]))
            e |= {"from_scheme": scheme, "to_scheme": other, "year": draw(year)}
            e["decision"] = draw(st.sampled_from(["FT-sak 2024/1", "vedtak 17"]))
        entries[kind].append(e)
    funds = {
        k: [{n: v for n, v in e.items() if n != "_value"} for e in es] for k, es in entries.items()
    }
    doc = {**BASE, "year": 2030, "funds": funds}
    return json.dumps(doc, ensure_ascii=False), dict(entries)


def _booked_year(e: dict[str, Any]) -> int:
    if "received" in e:
        return int(e["received"][:4])
    return int(e["year"] if "year" in e else e["appropriation_year"])


def _by(entries: list[dict[str, Any]], scheme: str, year: int, field: str = "scheme") -> Decimal:
    return sum(
        (e["_value"] for e in entries if e[field] == scheme and _booked_year(e) <= year),
        Decimal(0),
    )


def _outstanding(entries: dict[str, list[dict[str, Any]]], scheme: str, year: int) -> Decimal:
    """Per measure, its commitments less its payments and cancellations, year by year from the
    first, what is settled beyond its commitments at a year's end dropped (it settles nothing
    committed later); the sum of what is left of each at the end of ``year``."""
    settled: dict[object, dict[int, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    for kind, sign in (("commitments", 1), ("payments", -1), ("cancellations", -1)):
        for e in entries.get(kind, []):
            if e["scheme"] == scheme and e["year"] <= year:
                settled[e["measure"]][e["year"]] += sign * e["_value"]
    total = Decimal(0)
    for by_year in settled.values():
        left = Decimal(0)
        for y in sorted(by_year):
            left = max(left + by_year[y], Decimal(0))
        total += left
    return total


def _over_cancelled(entries: dict[str, list[dict[str, Any]]]) -> bool:
    """Whether the cancellations of some measure's year cancel more than it has outstanding in
    that year: its commitments less its payments of the year, with what the year before left
    (never less than nothing: what is settled beyond the commitments settles nothing later)."""
    totals: dict[tuple[object, object], dict[int, list[Decimal]]] = defaultdict(
        lambda: defaultdict(lambda: [Decimal(0), Decimal(0)])
    )
    for kind, sign in (("commitments", 1), ("payments", -1)):
        for e in entries.get(kind, []):
            totals[(e["scheme"], e["measure"])][e["year"]][0] += sign * e["_value"]
    for c in entries.get("cancellations", []):
        totals[(c["scheme"], c["measure"])][c["year"]][1] += c["_value"]
    for by_year in totals.values():
        carried = Decimal(0)
        for y in sorted(by_year):
            settled, cancelled = by_year[y]
            left = max(carried, Decimal(0)) + settled
            if cancelled > max(left, Decimal(0)):
                return True
            carried = left - cancelled
    return False


@settings(max_examples=150, deadline=None)
@given(_documents())
def test_money_is_conserved_through_the_document_path(
    document: tuple[str, dict[str, list[dict[str, Any]]]],
) -> None:
    text, entries = document
    if _over_cancelled(entries):
        with pytest.raises(InvalidDocument) as info:
            load(text)
        assert {p.where.rsplit("/", 2)[0] for p in info.value.problems} == {"/funds/cancellations"}
        return
    doc = load(text)
    ledger = Ledger.from_funds(doc.funds)
    get = entries.get
    for scheme in SCHEMES:
        spent = Decimal(0)
        for year in range(YEARS[0], YEARS[1] + 1):
            statement = ledger.statement(year)
            assert statement.balances
            line = statement.line(SchemeId(scheme))
            spent += _k(line.payments) + _k(line.admin_costs)
            received = _by(get("received", []), scheme, year)
            repaid = _by(get("repayments", []), scheme, year)
            moved_out = _by(get("reallocations", []), scheme, year, "from_scheme")
            moved_in = _by(get("reallocations", []), scheme, year, "to_scheme")
            out = _by(get("payments", []), scheme, year) + _by(get("admin_costs", []), scheme, year)
            assert spent == out
            outstanding = _outstanding(entries, scheme, year)
            assert _k(line.outstanding) == outstanding
            free = _k(line.available)
            # received + repaid-in − reallocated-out + reallocated-in
            #   = spent + committed-outstanding + free, to the krone (to the øre)
            assert received + repaid - moved_out + moved_in == spent + outstanding + free
            assert _k(line.closing) == received + repaid - moved_out + moved_in - spent
    # Every scheme together: reallocations cancel out.
    into = sum((e["_value"] for k in ("received", "repayments") for e in get(k, [])), Decimal(0))
    gone = sum((e["_value"] for k in ("payments", "admin_costs") for e in get(k, [])), Decimal(0))
    whole = ledger.statement(YEARS[1]).total
    assert _k(whole.closing) == into - gone
    assert _k(whole.reallocated_in) == _k(whole.reallocated_out)
    assert [s.year for s in ledger.statements()] == list(
        range(min(ledger.years(), default=0), max(ledger.years(), default=-1) + 1)
    )


# --------------------------------------------------------------------------------------------
# The report's funds table shows them


def _report_funds(extra: dict[str, Any]) -> Portfolio:
    doc = load(_portfolio({**BASE["funds"], **extra}))
    assert isinstance(doc, Portfolio)
    return doc


def test_the_report_funds_table_shows_repayments_reallocations_and_bortfall() -> None:
    from post65.report import build_report, render_report
    from post65.report.document import SchemeFunds

    plain = render_report(build_report(_report_funds({})), "text", lang="en")
    assert "Repaid" not in plain  # without them, the table is as before
    portfolio = _report_funds(
        {
            "commitments": [{"scheme": "a", "year": 2024, "amount": "2000000", "measure": "m1"}],
            "cancellations": [{"scheme": "a", "year": 2024, "amount": "250000", "measure": "m1"}],
            "repayments": [
                {"scheme": "a", "year": 2024, "appropriation_year": 2024, "amount": "30000"}
            ],
            "reallocations": [
                {
                    "from_scheme": "a",
                    "to_scheme": "b",
                    "year": 2024,
                    "amount": "400000",
                    "decision": "FT-sak 2024/9",
                }
            ],
        }
    )
    report = build_report(portfolio)
    a, b = (part.funds for part in report.schemes[:2])
    assert isinstance(a, SchemeFunds)
    assert isinstance(b, SchemeFunds)
    assert _ints(a.repaid, a.reallocated_out, a.cancelled, a.closing) == (
        30_000,
        400_000,
        250_000,
        2_480_000,  # 4 000 000 + 30 000 − 400 000 − 1 150 000
    )
    assert _ints(b.reallocated_in, b.closing) == (400_000, 400_000)
    assert a.balances
    assert b.balances
    assert a.moved
    assert b.moved
    english = render_report(report, "text", lang="en")
    for label in ("Repaid", "Reallocated in", "Lapsed (bortfall)"):
        assert label in english
    assert "money moved between the schemes by decision" in " ".join(english.split())
    assert "400\u00a0000" in english
    bokmal = render_report(report, "text", lang="nb")
    nynorsk = render_report(report, "text", lang="nn")
    assert "Tilbakebetalt" in bokmal
    assert "Omdisponert ut" in bokmal
    assert "Bortfalt tilsagn" in bokmal
    assert "Bortfalne tilsegner" in nynorsk


def test_a_report_whose_figures_do_not_add_up_with_movements_is_refused() -> None:
    from post65.io import to_json
    from post65.report import build_report

    data = to_json(build_report(_report_funds({"repayments": [
        {"scheme": "a", "year": 2024, "appropriation_year": 2024, "amount": "30000"}
    ]})))  # fmt: skip
    data["schemes"][0]["funds"]["repaid"] = "30001"
    with pytest.raises(InvalidDocument) as info:
        load(json.dumps(data, ensure_ascii=False))
    (problem,) = info.value.problems
    assert problem.where == "/schemes/0/funds"
    assert "repaid 30\u00a0001\u00a0kr" in problem.message("en")
    data["schemes"][0]["funds"]["repaid"] = "-1"
    with pytest.raises(InvalidDocument) as info:
        load(json.dumps(data, ensure_ascii=False))
    assert "/schemes/0/funds/repaid" in [p.where for p in info.value.problems]


# --------------------------------------------------------------------------------------------
# on these entries


def test_a_4_12_names_the_first_year_end_short_of_funds() -> None:
    from post65 import check

    doc = load(
        _portfolio(
            {
                "received": [
                    {"scheme": "a", "appropriation_year": 2023, "amount": "1000000"},
                    {"scheme": "a", "appropriation_year": 2024, "amount": "1000000"},
                ],
                "payments": [{"scheme": "a", "year": 2023, "amount": "1300000"}],
                "commitments": [
                    {"scheme": "a", "year": 2024, "amount": "2000000", "measure": "m1"}
                ],
            }
        )
    )
    assert len(Ledger.from_funds(doc.funds).overdrafts()) == 2  # 2023 spent, 2024 committed
    (finding,) = [f for f in check(doc).findings if f.rule == "A-4.12"]
    assert finding.outcome.value == "not_met"
    assert (finding.values["year"], finding.values["shortfall"]) == ("2023", "300000")
    english = finding.message("en")
    assert english.startswith("By the end of 2023 scheme a had spent 1\u00a0300\u00a0000")
    assert "overspent by 300\u00a0000\u00a0kr" in english
    # 2024 alone: 700 000 left, 2 000 000 committed: short by 1 300 000.
    later = load(
        _portfolio(
            {
                "received": [{"scheme": "a", "appropriation_year": 2024, "amount": "700000"}],
                "commitments": [{"scheme": "a", "year": 2024, "amount": "2000000"}],
            }
        )
    )
    (finding,) = [f for f in check(later).findings if f.rule == "A-4.12"]
    nb = finding.message("nb")
    assert "utestående tilsagn 2\u00a0000\u00a0000\u00a0kr" in nb
    assert "mangler 1\u00a0300\u00a0000\u00a0kr" in nb
    assert "tilsegner" in finding.message("nn")


def test_a_5_1_shows_a_year_of_costs_below_one_krone_without_funds() -> None:
    from post65 import check

    doc = load(
        _portfolio(
            {
                "received": [{"scheme": "a", "appropriation_year": 2023, "amount": "1000"}],
                "admin_costs": [
                    {
                        "scheme": "a",
                        "year": 2024,
                        "amount": "0.50",
                        "category": "reporting",
                        "description": "porto",
                    }
                ],
            }
        )
    )
    (finding,) = [f for f in check(doc).findings if f.rule == "A-5.1"]
    assert finding.outcome.value == "met"  # 0.05 % cumulatively
    assert finding.values["share_2024"] == "-"
    assert "2024: 0.50\u00a0kr with no funds for that year" in finding.message("en")


def test_a_cancellation_of_a_settled_or_unknown_commitment_says_nothing_is_left() -> None:
    overpaid = Funds(
        commitments=(Commitment(A, 2024, nok(100), "m1"),),
        payments=(Payment(A, 2024, nok(500), "m1"),),
        cancellations=(Cancellation(A, 2024, nok(1), "m1"), Cancellation(B, 2024, nok(2))),
    )
    found = [(p.where, p.message("en")) for p in funds_problems(overpaid)]
    assert found == [
        ("/funds/cancellations/0/amount", "a bortfall of 1\u00a0kr in 2024 is more than the "
         "0\u00a0kr left of the commitment (tilsagn)"),
        ("/funds/cancellations/1/amount", "a bortfall of 2\u00a0kr in 2024 is more than the "
         "0\u00a0kr left of the commitment (tilsagn)"),
    ]  # fmt: skip


@settings(max_examples=60)
@given(funds(measure_ids=("m1", "m2", "m3"), max_size=4))
def test_the_book_of_funds_is_what_adding_each_entry_in_turn_gives(f: Funds) -> None:
    """Book.of sums every entry in place; Book.add books one entry in a new book: the same sums,
    kept in the same order, either way."""
    book = Book({}, {})
    for field in _BOOK_FIELDS:
        for entry in getattr(f, field):
            book = book.add(entry)
    built = Book.of(f)
    assert built == book
    assert [(k, list(v.items())) for k, v in built.totals.items()] == [
        (k, list(v.items())) for k, v in book.totals.items()
    ]
    assert [(s, {m: list(y.items()) for m, y in v.items()}) for s, v in built.measures.items()] == [
        (s, {m: list(y.items()) for m, y in v.items()}) for s, v in book.measures.items()
    ]


_BOOK_FIELDS = tuple(a.name for a in attrs.fields(Funds))
"""The entry lists of the funds, in the order the book takes them."""
