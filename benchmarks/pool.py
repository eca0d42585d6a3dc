"""How a grant system checks many portfolios at once: a process pool against one process.

A grant system holds a portfolio for every county and year: 15 counties × 10 years × 200
measures is 150 portfolios. Checking them is embarrassingly parallel: each worker process loads
and checks whole files and sends back only a small summary (sending findings between processes
would cost more than making them). ``python benchmarks/pool.py`` writes the 150 portfolios to a
temporary folder, checks them serially and then with ``concurrent.futures.ProcessPoolExecutor``
(one worker per CPU), and prints both times and the speed-up on this machine
(``python benchmarks/pool.py YEARS``: 15 × YEARS portfolios; ``--help``).

The pattern, for a grant system's own code::

    from concurrent.futures import ProcessPoolExecutor
    import post65

    def summary(path):
        result = post65.check(post65.load(path))
        return path, result.summary

    with ProcessPoolExecutor() as pool:
        for path, counts in pool.map(summary, paths, chunksize=4):
            ...
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus

COUNTIES = (
    "03",
    "11",
    "15",
    "18",
    "31",
    "32",
    "33",
    "34",
    "39",
    "40",
    "42",
    "46",
    "50",
    "55",
    "56",
)
"""The 15 counties of 2024."""


def summary(path: str) -> tuple[str, dict[str, int]]:
    """Load and check one portfolio; return only its counts by outcome (cheap to send back)."""
    import post65

    result = post65.check(post65.load(path))
    return path, dict(result.summary)


def write_portfolios(directory: Path, *, years: int = 10, measures: int = 200) -> list[str]:
    """One portfolio per county and year (15 × ``years``), written to ``directory``."""
    paths = []
    for county in COUNTIES:
        for year in range(2024 - years + 1, 2025):
            path = directory / f"portfolio-{county}-{year}.json"
            path.write_bytes(corpus.portfolio_bytes(measures, county=county, year=year))
            paths.append(str(path))
    return paths


def measure(*, years: int = 10, measures: int = 200) -> dict[str, float]:
    """Serial and pooled seconds for checking 15 × ``years`` portfolios of ``measures``."""
    workers = os.cpu_count() or 1
    with tempfile.TemporaryDirectory(prefix="post65-pool-") as tmp:
        paths = write_portfolios(Path(tmp), years=years, measures=measures)
        start = time.perf_counter()
        serial = [summary(p) for p in paths]
        serial_s = time.perf_counter() - start
        start = time.perf_counter()
        with ProcessPoolExecutor(max_workers=workers) as pool:
            pooled = list(pool.map(summary, paths, chunksize=4))
        pooled_s = time.perf_counter() - start
    if serial != pooled:
        raise RuntimeError("the pool's results differ from the serial results")
    return {
        "portfolios": float(len(paths)),
        "measures": float(measures),
        "workers": float(workers),
        "serial": serial_s,
        "pooled": pooled_s,
        "speedup": serial_s / pooled_s,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python benchmarks/pool.py",
        description="Check 15 counties × YEARS portfolios of 200 measures serially and then with "
        "a process pool (one worker per CPU); print both times and the speed-up.",
        allow_abbrev=False,
    )
    parser.add_argument(
        "years",
        type=_years,
        nargs="?",
        default=10,
        metavar="YEARS",
        help="years per county (default: 10, that is 150 portfolios)",
    )
    years: int = parser.parse_args(argv).years
    m = measure(years=years)
    print(
        f"{m['portfolios']:.0f} portfolios of {m['measures']:.0f} measures: "
        f"serially {m['serial']:.1f} s, {m['workers']:.0f} worker processes {m['pooled']:.1f} s, "
        f"speed-up {m['speedup']:.2f}× (load average {os.getloadavg()[0]:.1f})"
    )
    return 0


def _years(text: str) -> int:
    """A whole number of years, at least 1."""
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is no number of years (a whole number ≥ 1)")
    return int(text)


if __name__ == "__main__":
    sys.exit(main())
