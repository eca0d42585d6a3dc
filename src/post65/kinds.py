"""Imports every module that defines a document kind or rules, so that :mod:`post65.io` and
:func:`post65.rules.rules` know them all.

Each module calls :func:`post65.io.register_kind` (and registers its rules) when imported. Add a
module here when it defines a new kind or new rules.
"""

from __future__ import annotations

import importlib

__all__: list[str] = []

MODULES = (
    "post65.allocation",  # kind: allocation
    "post65.calls",  # kind: call (utlysning)
    "post65.portfolio",  # kind: portfolio
    "post65.report",  # kind: report
    "post65.schemes.a",  # rules A-* on portfolio
    "post65.schemes.a_allocation",  # rule on allocation
    "post65.schemes.b",  # kinds: application, applications; rules B-*
    "post65.schemes.c",  # kind: programme; rules C-*
    "post65.schemes.p65.s6_report",  # rules P65-*
)

for _module in MODULES:
    importlib.import_module(_module)
