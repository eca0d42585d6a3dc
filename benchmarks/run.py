"""post65's performance figures, each beside its target from the design.

Run: ``python benchmarks/run.py``. Every figure is the median of several runs; import times are
measured in fresh processes. Later capabilities add their figures to ``BENCHMARKS``.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPEAT_PROCESSES = 7


def _import_seconds(statement: str) -> float:
    """Median wall time of ``python -c statement`` minus an empty interpreter start."""

    def once(code: str) -> float:
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True)
        return time.perf_counter() - start

    base = statistics.median(once("pass") for _ in range(REPEAT_PROCESSES))
    return statistics.median(once(statement) for _ in range(REPEAT_PROCESSES)) - base


def median_seconds(fn: Callable[[], object], *, repeat: int = 7) -> float:
    """Median wall time of ``fn()`` over ``repeat`` runs (after one warm-up run)."""
    fn()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def bench_import() -> list[tuple[str, float, float, str]]:
    floor = _import_seconds("import attrs, cattrs, pint, tabulate")
    ours = _import_seconds("import post65")
    return [
        ("import attrs, cattrs, pint, tabulate (floor)", floor, float("nan"), "s"),
        ("import post65 / floor", ours / floor, 1.3, "ratio"),
    ]


def bench_allocation() -> list[tuple[str, float, float, str]]:
    import functools
    from pathlib import Path

    from post65 import Lowest, allocate, apportion, read_index, register

    index = read_index(Path(__file__).resolve().parent.parent / "examples/illustrative-index.csv")
    methods = ("largest-remainder", "sainte-lague", "dhondt")
    reg = register(2024)
    weights = {
        f.fylkesnummer: sum(k.population for k in reg.municipalities_in(f.fylkesnummer))
        for f in reg.counties
    }

    def every_cut_off() -> None:
        for method in methods:
            for n in range(1, len(index.scores) + 1):
                allocate(120_000_000, index, Lowest(n), method=method)

    national = median_seconds(lambda: allocate(120_000_000, index, Lowest(100)), repeat=51)
    return [
        ("national allocation (357 municipalities -> 15 counties)", national, 0.005, "s"),
        ("every cut-off --lowest 1..357 x 3 methods", median_seconds(every_cut_off), 1.0, "s"),
        *(
            (
                f"apportion 1 000 000 000 kr, {method}",
                median_seconds(functools.partial(apportion, 10**9, weights, method), repeat=51),
                0.005,
                "s",
            )
            for method in methods
        ),
    ]


EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "nordland-2024.portfolio.json"


def portfolio_json(measures: int) -> dict[str, Any]:
    """The Nordland example with ``measures`` measures (its own, repeated with fresh ids)."""
    data: dict[str, Any] = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    own = data["measures"]
    data["measures"] = [{**own[i % len(own)], "id": f"m{i}"} for i in range(measures)]
    funds = data["funds"]
    for entries in ("payments", "commitments"):  # keep only entries naming no 2024 measure
        funds[entries] = [e for e in funds[entries] if e.get("year") != 2024 or "measure" not in e]
    return data


def bench_check() -> list[tuple[str, float, float, str]]:
    from post65.io import from_json
    from post65.rules import check

    document = from_json(portfolio_json(10_000))
    seconds = median_seconds(lambda: check(document), repeat=5)
    return [("check 10 000 measures against every rule", seconds, 1.0, "s")]


def bench_round_trip() -> list[tuple[str, float, float, str]]:
    from post65.io import dump, load

    text = json.dumps(portfolio_json(1_000), ensure_ascii=False)
    compact = median_seconds(lambda: dump(load(text), indent=None))
    indented = median_seconds(lambda: dump(load(text)))
    return [
        ("JSON round trip, portfolio of 1 000 measures (load + dump)", compact, 0.1, "s"),
        ("  the same, dumped indented (json's pure-Python encoder)", indented, float("nan"), "s"),
    ]


def bench_schemes_bc() -> list[tuple[str, float, float, str]]:
    """Scheme b and c checks at scale, and the funds ledger."""
    import attrs

    from post65.funds import AdminCategory, AdminCost, Commitment, Ledger, Payment, Receipt
    from post65.funds import SchemeId as S
    from post65.io import load
    from post65.money import nok
    from post65.rules import check

    here = __import__("pathlib").Path(__file__).resolve().parent.parent / "examples"
    sample = load(here / "innlandet-2024-applications.json")
    apps = tuple(
        attrs.evolve(sample.applications[i % len(sample.applications)], id=f"app-{i:05d}")
        for i in range(10_000)
    )
    many = attrs.evolve(sample, applications=apps)
    programme = load(here / "innlandet-2024-programme.json")
    measures = tuple(
        attrs.evolve(programme.measures[i % len(programme.measures)], id=f"m{i:05d}")
        for i in range(10_000)
    )
    big_programme = attrs.evolve(programme, measures=measures)

    def ledger_year_ends() -> None:
        ledger = Ledger()
        for i in range(2_500):
            scheme = list(S)[i % 3]
            year = 2020 + i % 10
            ledger = ledger.receive(Receipt(scheme, year, nok(1_000_000)))
            ledger = ledger.commit(Commitment(scheme, year, nok(400_000), measure=f"m{i}"))
            ledger = ledger.pay(Payment(scheme, year, nok(300_000), measure=f"m{i}"))
            ledger = ledger.charge(
                AdminCost(scheme, year, nok(10_000), AdminCategory.CASE_HANDLING, "x")
            )
        if not all(s.balances for s in ledger.statements()) or ledger.overdrafts():
            raise RuntimeError("the benchmark ledger does not balance")

    return [
        (
            "check 10 000 scheme b applications (one set, B-1..B-5)",
            median_seconds(lambda: check(many), repeat=3),
            1.0,
            "s",
        ),
        (
            "check a programme of 10 000 measures (C-1..C-6)",
            median_seconds(lambda: check(big_programme), repeat=3),
            1.0,
            "s",
        ),
        (
            "ledger: 10 000 bookings one by one, 10 year-end statements",
            median_seconds(ledger_year_ends, repeat=1),
            float("nan"),
            "s",
        ),
    ]


def bench_report() -> list[tuple[str, float, float, str]]:
    """The yearly report of the Nordland example: built, rendered, checked (no target given)."""
    from post65.io import load
    from post65.report import build_report, page_count, render_report
    from post65.rules import check

    portfolio = load(EXAMPLE)
    judgement = (EXAMPLE.parent / "nordland-2024.judgement.txt").read_text(encoding="utf-8")

    def build() -> object:
        return build_report(portfolio, judgement=judgement)

    report = build_report(portfolio, judgement=judgement)

    def everything() -> None:
        built = build_report(portfolio, judgement=judgement)
        for fmt in ("markdown", "html", "text"):
            render_report(built, fmt)
        check(built)

    nan = float("nan")
    return [
        ("report: build the Nordland report from its portfolio", median_seconds(build), nan, "s"),
        (
            "report: page count (the fixed point)",
            median_seconds(lambda: page_count(report)),
            nan,
            "s",
        ),
        ("report: build + render 3 formats + check P65-6.*", median_seconds(everything), nan, "s"),
    ]


BENCHMARKS: list[Callable[[], list[tuple[str, float, float, str]]]] = [
    bench_import,
    bench_allocation,
    bench_check,
    bench_round_trip,
    bench_schemes_bc,
    bench_report,
]


def main() -> int:
    print(f"{'figure':<58} {'measured':>12} {'target':>10} {'ratio':>7}")
    worst = 0.0
    for bench in BENCHMARKS:
        for name, value, target, unit in bench():
            if target != target:  # no target: informative figure
                print(f"{name:<58} {value:>10.4f} {unit:<1} {'-':>10} {'-':>7}")
                continue
            ratio = value / target
            worst = max(worst, ratio)
            shown = f"{value:.4f}" if unit != "ratio" else f"{value:.3f}"
            verdict = "ok" if ratio <= 1 else "OVER"
            print(f"{name:<58} {shown:>12} {target:>10.4g} {ratio:>7.2f}  {verdict}")
    print(f"worst ratio to target: {worst:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
