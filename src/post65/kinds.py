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
    "post65.applications",  # kinds: application, applications
    "post65.programme",  # kind: programme
    "post65.catalogue",  # the rules (B-*, C-* define parameters)
    "post65.schemes.p65.s6_report",  # rules P65-*
)

for _module in MODULES:
    importlib.import_module(_module)
