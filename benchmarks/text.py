"""The cost of building and rendering a message of post65.text (issue 11: a check makes hundreds
of thousands of findings, so building one must be cheap and rendering happens only when asked).

Run: ``python benchmarks/text.py`` (``--help``). Prints the best of 5 runs of each statement, per
call.
"""

from __future__ import annotations

import argparse
import sys
import timeit
from decimal import Decimal

from post65.text import Lang, msg

grant = msg("example.grant", n=3, amount=Decimal("2500.5"), uses=["iv", "v"])
short = msg("example.not_met", reason="for sent")
missing = msg("example.no_such_key", n=1)

STATEMENTS = {
    "msg('x', n=1): build": (lambda: msg("x", n=1), 1_000_000),
    "msg('x'): build": (lambda: msg("x"), 1_000_000),
    "(nb, en) tuple: build, what the catalogues replaced": (lambda: ("a", "b"), 1_000_000),
    "render one text field (nb)": (lambda: short(Lang.NB), 300_000),
    "render kr + list + plural (nn)": (lambda: grant(Lang.NN), 100_000),
    "render a missing key (fallback to the key)": (lambda: missing(Lang.NN), 100_000),
}


def main(argv: list[str] | None = None) -> int:
    argparse.ArgumentParser(
        prog="python benchmarks/text.py",
        description="The cost of building and rendering a message of post65.text: the best of "
        "5 runs of each statement, per call. No options.",
        allow_abbrev=False,
    ).parse_args(argv)
    grant(Lang.NN), short(Lang.NB)  # catalogues read and templates compiled outside the timing
    for name, (statement, number) in STATEMENTS.items():
        best = min(timeit.repeat(statement, number=number, repeat=5)) / number
        print(f"{name:45} {best * 1e9:8.0f} ns")
    return 0


if __name__ == "__main__":
    sys.exit(main())
