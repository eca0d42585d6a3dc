"""Dated policy parameters: the numbers of the rules that are policy, not arithmetic.

A number such as the 5 % cap on administration costs is not a constant: it is valid from a date,
has a source and a certainty, and a caller may override it. Rules read parameters for the date
they check (the year of the document). Certainty follows ``domain.md``: ``R`` the shipped
regulation, ``S`` a public source, ``P`` one county's practice, ``?`` not known.

Parameters whose value is not known have no invented default: :meth:`Parameters.get` returns
``None`` for them and the rules that need them say ``undetermined``.

>>> from datetime import date
>>> params = Parameters()
>>> params.get("a.admin_cost_share", date(2024, 6, 1))
Decimal('0.05')
>>> lower = params.override("a.admin_cost_share", Decimal("0.04"))
>>> lower.get("a.admin_cost_share", date(2024, 6, 1))
Decimal('0.04')
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Literal

import attrs

from post65.errors import InvalidParameter

__all__ = [
    "DEFAULTS",
    "Certainty",
    "Parameter",
    "Parameters",
    "define",
]

Certainty = Literal["R", "S", "P", "?"]


@attrs.frozen
class Parameter:
    """One dated value of a policy parameter."""

    name: str
    value: Decimal
    valid_from: dt.date
    unit: str
    source: str
    section: str
    certainty: Certainty
    note: str = ""


DEFAULTS: dict[str, tuple[Parameter, ...]] = {}
"""Every known parameter by name, its dated values oldest first."""


def define(*params: Parameter) -> None:
    """Add dated parameter values to :data:`DEFAULTS` (modules call this at import)."""
    for p in params:
        versions = {v.valid_from: v for v in DEFAULTS.get(p.name, ())}
        versions[p.valid_from] = p
        DEFAULTS[p.name] = tuple(versions[d] for d in sorted(versions))


define(
    Parameter(
        name="a.admin_cost_share",
        value=Decimal("0.05"),
        valid_from=dt.date(2024, 1, 1),
        unit="share",
        source="regelverk-a-2023",
        section="5",
        certainty="R",
        note="«inntil 5 prosent av tilskuddsmidlene» to the county's own administration costs.",
    ),
    Parameter(
        name="a.guidance_min_months",
        value=Decimal(12),
        valid_from=dt.date(2024, 1, 1),
        unit="months",
        source="regelverk-a-2023",
        section="4",
        certainty="P",
        note=(
            "The regulation says «over tid» without a number; 12 months is post65's reading, "
            "an advice threshold the caller may override."
        ),
    ),
    Parameter(
        name="p65.report_max_pages",
        value=Decimal(3),
        valid_from=dt.date(2024, 1, 1),
        unit="pages",
        source="regelverk-a-2023",
        section="6",
        certainty="R",
        note="«Rapporten skal ikke overskride 3 sider.»",
    ),
)


@attrs.frozen
class Parameters:
    """The parameters in force: the defaults, with the caller's overrides on top.

    An override replaces every dated value of a parameter (or names a parameter with no default).
    """

    overrides: Mapping[str, Decimal] = attrs.field(factory=dict)

    def override(self, name: str, value: Decimal | int) -> Parameters:
        """A copy with ``name`` set to ``value`` for every date."""
        if isinstance(value, bool) or not isinstance(value, (Decimal, int)):
            raise InvalidParameter(
                f"parameteren {name} må være et tall (Decimal eller int)",
                f"the parameter {name} must be a number (Decimal or int)",
            )
        if not Decimal(value).is_finite():
            raise InvalidParameter(
                f"parameteren {name} må være et endelig tall",
                f"the parameter {name} must be finite",
            )
        return Parameters({**self.overrides, name: Decimal(value)})

    def with_overrides(self, values: Mapping[str, Decimal | int]) -> Parameters:
        """A copy with every ``values`` item overridden."""
        out = self
        for name, value in values.items():
            out = out.override(name, value)
        return out

    def version(self, name: str, on: dt.date) -> Parameter | None:
        """The default value of ``name`` in force on ``on`` (ignoring overrides), if any."""
        found = None
        for p in DEFAULTS.get(name, ()):
            if p.valid_from <= on:
                found = p
        return found

    def get(self, name: str, on: dt.date) -> Decimal | None:
        """The value of ``name`` on ``on``: the override, else the dated default, else ``None``."""
        if name in self.overrides:
            return self.overrides[name]
        p = self.version(name, on)
        return None if p is None else p.value

    def known(self) -> Iterable[str]:
        """Every parameter name with a default or an override."""
        return sorted({*DEFAULTS, *self.overrides})
