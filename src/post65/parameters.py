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
import difflib
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Literal

import attrs

from post65.errors import InvalidParameter

__all__ = [
    "DEFAULTS",
    "WITHOUT_DEFAULT",
    "Certainty",
    "Parameter",
    "Parameters",
    "declare",
    "define",
    "parse_assignment",
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

WITHOUT_DEFAULT: dict[str, str] = {}
"""Parameters the rules read that have no known value (no invented default): name → what it is
and where its value would come from. The caller sets them; until then the rules that need them
are ``undetermined``."""


def declare(name: str, note: str) -> None:
    """Declare a parameter the rules read that has no default (modules call this at import)."""
    WITHOUT_DEFAULT[name] = note


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
        """Every parameter name with a default, declared without one, or overridden."""
        return sorted({*DEFAULTS, *WITHOUT_DEFAULT, *self.overrides})


def parse_assignment(text: str) -> tuple[str, Decimal]:
    """``NAME=VALUE`` (a decimal point or comma; a date as ``YYYY-MM-DD`` becomes ``YYYYMMDD``)
    for a parameter post65 knows, as ``post65 check --param`` takes it.

    >>> parse_assignment("a.admin_cost_share=0,04")
    ('a.admin_cost_share', Decimal('0.04'))
    """
    name, sep, raw = text.partition("=")
    name, raw = name.strip(), raw.strip()
    known = {*DEFAULTS, *WITHOUT_DEFAULT}
    if not sep or not name:
        raise InvalidParameter(
            f"«{text[:60]}»: skriv NAVN=VERDI, f.eks. a.admin_cost_share=0.05",
            f"{text[:60]!r}: write NAME=VALUE, e.g. a.admin_cost_share=0.05",
        )
    if name not in known:
        close = difflib.get_close_matches(name, sorted(known), n=3)
        hint_nb = f"; mente du {', '.join(close)}?" if close else ""
        hint_en = f"; did you mean {', '.join(close)}?" if close else ""
        raise InvalidParameter(
            f"ukjent parameter «{name[:60]}»{hint_nb} (kjente: {', '.join(sorted(known))})",
            f"unknown parameter {name[:60]!r}{hint_en} (known: {', '.join(sorted(known))})",
        )
    value = raw.replace(",", ".")
    if (
        len(value) == 10
        and value[4] == "-"
        and value[7] == "-"
        and value.replace("-", "").isdigit()
    ):
        value = value.replace("-", "")
    if not value or len(value) > 40 or not all(c.isdigit() or c in ".-" for c in value):
        raise InvalidParameter(
            f"parameteren {name}: «{raw[:40]}» er ikke et tall",
            f"the parameter {name}: {raw[:40]!r} is not a number",
        )
    try:
        number = Decimal(value)
    except ArithmeticError:
        raise InvalidParameter(
            f"parameteren {name}: «{raw[:40]}» er ikke et tall",
            f"the parameter {name}: {raw[:40]!r} is not a number",
        ) from None
    return name, number
