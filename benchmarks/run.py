"""post65's performance figures, each beside its target from the design.

Run: ``python benchmarks/run.py``. Every figure is the median of several runs; import times are
measured in fresh processes. Later capabilities add their figures to ``BENCHMARKS``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPEAT_PROCESSES = 21


def _process_seconds(code: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True)
    return time.perf_counter() - start


def _import_seconds(*statements: str) -> list[float]:
    """For each statement, the median wall time of ``python -c statement`` less an empty
    interpreter's start. The runs of the statements (and of the empty interpreter) take turns,
    so that a change in the machine's load between them does not skew their ratio."""
    runs: list[list[float]] = [[] for _ in range(len(statements) + 1)]
    for _ in range(REPEAT_PROCESSES):
        for times, code in zip(runs, ("pass", *statements), strict=True):
            times.append(_process_seconds(code))
    base = statistics.median(runs[0])
    return [statistics.median(times) - base for times in runs[1:]]


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
    floor, ours = _import_seconds("import attrs, cattrs, pint, tabulate", "import post65")
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

    from post65.funds import AdminCategory, AdminCost, Commitment, Payment, Receipt
    from post65.funds import SchemeId as S
    from post65.io import load
    from post65.ledger import Ledger
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


DESIGN_TARGETS = {
    "import post65 / floor": "import post65 ≤ 1.3 × import attrs, cattrs, pint, tabulate",
    "national allocation (357 municipalities -> 15 counties)": "national allocation ≤ 5 ms",
    "every cut-off --lowest 1..357 x 3 methods": "every cut-off × 3 methods ≤ 1 s together",
    "check 10 000 measures against every rule": "checking 10 000 measures ≤ 1 s on one core",
    "JSON round trip, portfolio of 1 000 measures (load + dump)": (
        "JSON round trip of a portfolio with 1 000 measures ≤ 100 ms"
    ),
}
"""The performance targets of ``design.md``, by the name of the figure that measures each (the
other figures have targets of their own, or none)."""

Row = tuple[str, float, float, str]


def machine() -> dict[str, str]:
    """What the figures were measured on."""
    cpu = "unknown"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    load = "unknown"
    with contextlib.suppress(OSError):
        load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    return {
        "date": dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"),
        "cpus": str(os.cpu_count()),
        "machine": platform.machine(),
        "cpu": cpu,
        "python": platform.python_version(),
        "load": load,
    }


def _shown(value: float, unit: str) -> str:
    return f"{value:.3f}" if unit == "ratio" else f"{value:.4f} {unit}"


def _target(target: float, unit: str) -> str:
    return f"{target:g}×" if unit == "ratio" else f"{target:g} {unit}"


def run_all() -> list[Row]:
    """Every figure of every benchmark, in order."""
    return [row for bench in BENCHMARKS for row in bench()]


def text_table(rows: list[Row]) -> str:
    """The figures as a plain table, each beside its target and the ratio."""
    out = [f"{'figure':<58} {'measured':>12} {'target':>10} {'ratio':>7}"]
    for name, value, target, unit in rows:
        mark = " *" if name in DESIGN_TARGETS else ""
        if target != target:  # no target: an informative figure
            out.append(f"{name:<58} {_shown(value, unit):>12} {'-':>10} {'-':>7}")
            continue
        ratio = value / target
        verdict = "ok" if ratio <= 1 else "OVER"
        out.append(
            f"{name:<58} {_shown(value, unit):>12} {target:>10.4g} {ratio:>7.2f}  {verdict}{mark}"
        )
    return "\n".join(out)


def markdown_page(rows: list[Row], where: dict[str, str]) -> str:
    """``docs/performance.md``: the figures, the date and the machine."""
    lines = [
        "# Performance",
        "",
        "The latest figures of `python benchmarks/run.py`, each beside its target and the ratio "
        "(measured / target; above 1 is over the target). The targets marked (design) are "
        "those of the design (`design.md`); the others are targets the modules set themselves, "
        "or none (informative figures). Every figure is the median of several runs; import "
        "times are measured in fresh processes, less an empty interpreter's start, the floor's "
        "runs and post65's taking turns. The checks run on one core. The benchmarks are not "
        "tests: nothing in the test suite is timed.",
        "",
        "Regenerate this page with `python benchmarks/run.py --markdown > docs/performance.md`.",
        "",
        f"- Date: {where['date']}",
        f"- Machine: {where['machine']}, {where['cpus']} CPUs ({where['cpu']}); load average "
        f"(1, 5, 15 min) at the start: {where['load']}",
        f"- Python {where['python']}",
        "",
        "| figure | measured | target | ratio | |",
        "|---|--:|--:|--:|---|",
    ]
    for name, value, target, unit in rows:
        if target != target:
            lines.append(f"| {name.strip()} | {_shown(value, unit)} | – | – | |")
            continue
        ratio = value / target
        verdict = "ok" if ratio <= 1 else "**over**"
        design = " (design)" if name in DESIGN_TARGETS else ""
        lines.append(
            f"| {name.strip()} | {_shown(value, unit)} | {_target(target, unit)} | {ratio:.2f} | "
            f"{verdict}{design} |"
        )
    worst = max((v / t for _, v, t, _ in rows if t == t), default=0.0)
    lines += ["", f"Worst ratio to a target: {worst:.2f}.", ""]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Print every figure beside its target (``--markdown``: the page ``docs/performance.md``).
    Exit 1 if a design target was not measured."""
    args = sys.argv[1:] if argv is None else argv
    where = machine()
    rows = run_all()
    missing = sorted(set(DESIGN_TARGETS) - {name for name, *_ in rows})
    if "--markdown" in args:
        print(markdown_page(rows, where), end="")
    else:
        print(
            f"{where['date']}; {where['machine']}, {where['cpus']} CPUs ({where['cpu']}); "
            f"Python {where['python']}; load average {where['load']}"
        )
        print(text_table(rows))
        worst = max((v / t for _, v, t, _ in rows if t == t), default=0.0)
        print(f"worst ratio to target: {worst:.2f} (* a target of design.md)")
    for name in missing:
        print(f"MISSING design target: {name}", file=sys.stderr)
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
