"""The ``hypothesis`` entry point: registers post65's strategies for post65's own types.

Hypothesis calls :func:`_hypothesis_setup_hook` when it is imported (``pyproject.toml``:
``[project.entry-points.hypothesis]``), so ``st.from_type(post65.Portfolio)`` works without
importing :mod:`post65.strategies` first. Only post65's own classes are registered; builtins,
``Decimal`` and pint's ``Quantity`` are left alone. The hook imports the modules that define the
types (it needs the classes) and nothing more: :mod:`post65.strategies` is imported the first time
Hypothesis asks for one of its strategies.
"""

from __future__ import annotations

import importlib
from typing import Any

__all__: list[str] = []

TYPES: tuple[tuple[str, str], ...] = (
    ("post65.allocation", "Allocation"),
    ("post65.allocation", "Explicit"),
    ("post65.allocation", "Lowest"),
    ("post65.allocation", "MaxScore"),
    ("post65.allocation", "PopulationShare"),
    ("post65.calls", "Call"),
    ("post65.districtindex", "DistrictIndex"),
    ("post65.funds", "AdminCost"),
    ("post65.funds", "Commitment"),
    ("post65.funds", "Funds"),
    ("post65.funds", "Payment"),
    ("post65.funds", "Receipt"),
    ("post65.funds", "Split"),
    ("post65.geography", "Fylke"),
    ("post65.geography", "Kommune"),
    ("post65.layout", "PageModel"),
    ("post65.measures", "Measure"),
    ("post65.measures", "Period"),
    ("post65.portfolio", "MunicipalChallenge"),
    ("post65.portfolio", "Portfolio"),
    ("post65.portfolio", "SchemeBMeasure"),
    ("post65.portfolio", "SchemeCMeasure"),
    ("post65.report", "Report"),
    ("post65.report", "ReportMeasure"),
    ("post65.report", "SchemeFunds"),
    ("post65.schemes.b", "Application"),
    ("post65.schemes.b", "Applications"),
    ("post65.schemes.c", "Programme"),
    ("post65.stateaid", "DeMinimisRegister"),
    ("post65.stateaid", "Organisasjonsnummer"),
    ("post65.stateaid", "Support"),
)
"""The post65 classes registered with Hypothesis, by module and name."""


def _resolve(cls: type) -> Any:
    """The strategy for ``cls``, from :mod:`post65.strategies` (imported on first use)."""
    strategies = importlib.import_module("post65.strategies")
    return strategies.for_type(cls)


def _hypothesis_setup_hook() -> None:
    """Register a strategy for each class in :data:`TYPES` (``st.register_type_strategy``)."""
    from hypothesis import strategies as st

    for module, name in TYPES:
        cls = getattr(importlib.import_module(module), name)
        st.register_type_strategy(cls, _resolve)
