"""The document kinds post65 reads and writes: one explicit table.

Each kind is the ``"kind"`` value of a JSON document, the class it is structured into, a title,
and the checks that make a structurally sound document unusable (an unknown kommunenummer, funds
that do not add up). A new kind is one entry here; nothing registers itself at import.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, Final

import attrs

from post65.allocation.document import Allocation, validate_allocation
from post65.applications import (
    Application,
    Applications,
    validate_application,
    validate_applications,
)
from post65.calls import Call, call_problems
from post65.errors import Problem
from post65.portfolio import Portfolio, validate_portfolio
from post65.programme import Programme, validate_programme
from post65.report.document import Report
from post65.report.validation import validate_report

__all__ = ["KINDS", "DocumentKind"]


@attrs.frozen
class DocumentKind:
    """A kind of JSON document: its name (the ``"kind"`` value), its class, and the checks that
    make a structurally sound document unusable (for instance unknown municipality numbers)."""

    name: str
    cls: type
    title: str
    validate: Callable[[Any], Iterable[Problem]] | None = None


KINDS: Final[tuple[DocumentKind, ...]] = (
    DocumentKind(
        "allocation",
        Allocation,
        title="Allocation between the counties (kap. 553 post 65, §3 of scheme a)",
        validate=validate_allocation,
    ),
    DocumentKind(
        "application",
        Application,
        title="A scheme b application (søknad)",
        validate=validate_application,
    ),
    DocumentKind(
        "applications",
        Applications,
        title="A set of scheme b applications answering one call",
        validate=validate_applications,
    ),
    DocumentKind(
        "call",
        Call,
        title="A county's scheme b call (utlysning)",
        validate=call_problems,
    ),
    DocumentKind(
        "portfolio",
        Portfolio,
        title="post65 portfolio: one county's post 65 year (kap. 553 post 65)",
        validate=validate_portfolio,
    ),
    DocumentKind(
        "programme",
        Programme,
        title="A scheme c restructuring programme (omstillingsprogram)",
        validate=validate_programme,
    ),
    DocumentKind(
        "report",
        Report,
        title="post65 report: the yearly post 65 report of one county (§6)",
        validate=validate_report,
    ),
)
"""Every document kind, by name."""
