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
import re
from collections.abc import Iterable, Mapping
from decimal import Decimal
from types import MappingProxyType
from typing import Final

import attrs

from post65.errors import InvalidArgument, InvalidParameter, UnknownParameter
from post65.parameter_table import READINGS as READING_TABLE
from post65.parameter_table import TABLE, Certainty, Parameter, Reading
from post65.parameter_table import WITHOUT_DEFAULT as WITHOUT_DEFAULT_TABLE
from post65.text import msg

__all__ = [
    "DEFAULTS",
    "READINGS",
    "UNIT_RANGES",
    "WITHOUT_DEFAULT",
    "Certainty",
    "Parameter",
    "Parameters",
    "Reading",
    "check_value",
    "parse_assignment",
    "parse_value",
]


def _by_name(table: Iterable[Parameter]) -> dict[str, tuple[Parameter, ...]]:
    versions: dict[str, dict[dt.date, Parameter]] = {}
    for p in table:
        versions.setdefault(p.name, {})[p.valid_from] = p
    return {name: tuple(v[d] for d in sorted(v)) for name, v in sorted(versions.items())}


DEFAULTS: Final[Mapping[str, tuple[Parameter, ...]]] = MappingProxyType(_by_name(TABLE))
"""Every known parameter by name, its dated values oldest first (from
:data:`post65.parameter_table.TABLE`)."""

WITHOUT_DEFAULT: Final[Mapping[str, str]] = MappingProxyType(
    {name: note for name, (note, _) in WITHOUT_DEFAULT_TABLE.items()}
)
"""Parameters the rules read that have no known value (no invented default): name → what it is
and where its value would come from. The caller sets them; until then the rules that need them
are ``undetermined``."""

READINGS: Final[Mapping[str, Reading]] = MappingProxyType({r.name: r for r in READING_TABLE})
"""Every parameter that selects a reading of a rule (:data:`post65.parameter_table.READINGS`),
by name; its value is one of the reading's ``choices`` (a string), its default the plainest
reading of the words."""

DECLARED_UNITS: Final[Mapping[str, str]] = MappingProxyType(
    {name: unit for name, (_, unit) in WITHOUT_DEFAULT_TABLE.items()}
)
"""The unit of each parameter without a default (see :data:`UNIT_RANGES`)."""

UNIT_RANGES: dict[str, tuple[str, Decimal | None, Decimal | None, bool, bool]] = {
    # unit: (what it is, least value, greatest value, whole numbers only, int allowed)
    "share": ("a share", Decimal(0), Decimal(1), False, False),
    "months": ("a number of months", Decimal(0), Decimal(1200), True, True),
    "years": ("a number of years", Decimal(1), Decimal(100), True, True),
    "pages": ("a number of pages", Decimal(1), Decimal(1000), True, True),
    "EUR": ("an amount in euro", Decimal(0), Decimal(10**18), False, True),
    "NOK/EUR": ("an exchange rate", Decimal(0), Decimal(10**6), False, True),
    "date": ("a date written YYYYMMDD", Decimal(10000101), Decimal(99991231), True, True),
    "count": ("a number of municipalities", Decimal(1), Decimal(10000), True, True),
}
"""What each parameter unit allows: shares lie in [0, 1] and are given as ``Decimal`` (an
``int`` share is almost always a percentage by mistake); months from 0 to 1200, years from 1 to
100 and pages from 1 to 1000 are whole numbers, and so is a count (of municipalities) from 1 to
10 000; amounts in euro and exchange rates are greater
than 0 (at most 10¹⁸ and 10⁶); a date is a whole number of 8 digits. The least value of ``EUR``
and ``NOK/EUR`` is exclusive, every other bound inclusive."""

_EXCLUSIVE_LOW = frozenset({"EUR", "NOK/EUR"})

_MAX_TEXT: Final = 40
"""The longest value text :func:`parse_value` reads (as given); a longer one is refused as too
long."""

_NUMBER_TEXT: Final = re.compile(r"-?(?:[0-9]+\.?[0-9]*|\.[0-9]+)")
"""A number as a parameter's text writes it, once a decimal comma is a point: ASCII digits only
(``[0-9]``, not ``str.isdigit``, which takes the digits of every script), as documents' decimals
and amounts are read (:mod:`post65.codec`, :func:`post65.money.parse_amount`)."""

_ISO_DATE: Final = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_DATE_TEXT: Final = re.compile(r"[0-9]{8}")


def _cut(text: str, limit: int = _MAX_TEXT) -> str:
    """``text`` as a message shows it: whole, or its first characters and «…» when it is longer
    than ``limit``, so that a cut value is seen to be cut (never taken for another value)."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _is_calendar_date(number: Decimal) -> bool:
    """Whether the whole number ``number`` (8 digits) is a date written ``YYYYMMDD``."""
    whole = int(number)
    try:
        dt.date(whole // 10000, whole // 100 % 100, whole % 100)
    except ValueError:
        return False
    return True


def _unit_of(name: str) -> str:
    versions = DEFAULTS.get(name, ())
    return versions[-1].unit if versions else DECLARED_UNITS.get(name, "")


_UNIT_NAMES: Final = {
    "share": msg("parameters.unit.share"),
    "months": msg("parameters.unit.months"),
    "years": msg("parameters.unit.years"),
    "pages": msg("parameters.unit.pages"),
    "EUR": msg("parameters.unit.eur"),
    "NOK/EUR": msg("parameters.unit.rate"),
    "date": msg("parameters.unit.date"),
    "count": msg("parameters.unit.count"),
}
"""What a parameter of each unit is, for messages."""


def _known() -> list[str]:
    return sorted({*DEFAULTS, *WITHOUT_DEFAULT, *READINGS})


def _unknown(name: object) -> UnknownParameter:
    known = _known()
    shown = name[:60] if isinstance(name, str) else repr(name)[:60]
    close = difflib.get_close_matches(shown, known, n=3) if isinstance(name, str) else []
    text = (
        msg("parameters.unknown_close", shown=shown, close=close, known=known)
        if close
        else msg("parameters.unknown", shown=shown, known=known)
    )
    return UnknownParameter(text, name=shown, suggestions=close)


def check_reading(name: str, value: object) -> str:
    """``value`` as the reading ``name`` selects: one of its choices, else
    :class:`~post65.errors.InvalidParameter` naming them."""
    reading = READINGS[name]
    if not isinstance(value, str) or value not in reading.choices:
        shown = _cut(value) if isinstance(value, str) else type(value).__name__
        raise InvalidParameter(
            msg("parameters.reading", name=name, shown=shown, choices=list(reading.choices))
        )
    return value


def check_value(name: str, value: object) -> Decimal:
    """``value`` as the ``Decimal`` value of the parameter ``name``, checked against the
    parameter's unit (:data:`UNIT_RANGES`); an unknown ``name`` raises
    :class:`~post65.errors.UnknownParameter`, a bad value (one of a date unit that is no date
    in the calendar too) :class:`~post65.errors.InvalidParameter`."""
    return _check_number(name, value, None)


def _check_number(name: str, value: object, written: str | None) -> Decimal:
    """:func:`check_value`, a message naming the value as ``written`` (the text it was read
    from) if given."""
    if not isinstance(name, str) or (name not in DEFAULTS and name not in WITHOUT_DEFAULT):
        raise _unknown(name)
    unit = _unit_of(name)
    _, low, high, whole, int_ok = UNIT_RANGES.get(unit, ("a number", None, None, False, True))
    if isinstance(value, bool) or not isinstance(value, (Decimal, int)):
        raise InvalidParameter(msg("parameters.not_a_number", name=name, kind=type(value).__name__))
    if isinstance(value, int) and not int_ok:
        raise InvalidParameter(msg("parameters.share_as_int", name=name, shown=str(value)[:20]))
    if isinstance(value, int) and abs(value) > 10**30:
        raise InvalidParameter(msg("parameters.too_large", name=name))
    number = Decimal(value)
    if not number.is_finite():
        raise InvalidParameter(msg("parameters.not_finite", name=name))
    shown = _cut(str(number)) if written is None else written
    what = _UNIT_NAMES.get(unit, msg("parameters.unit.number"))
    too_low = low is not None and (number <= low if unit in _EXCLUSIVE_LOW else number < low)
    too_high = high is not None and number > high
    not_whole = whole and number != number.to_integral_value()
    if too_low or too_high or not_whole:
        bounds: list[str] = []
        if low is not None:
            bounds.append(("> " if unit in _EXCLUSIVE_LOW else ">= ") + str(low))
        if high is not None:
            bounds.append(f"<= {high}")
        if whole:
            raise InvalidParameter(
                msg("parameters.range_whole", name=name, what=what, bounds=bounds, shown=shown)
            )
        raise InvalidParameter(
            msg("parameters.range", name=name, what=what, bounds=bounds, shown=shown)
        )
    if unit == "date" and not _is_calendar_date(number):
        raise InvalidParameter(msg("parameters.date_not_real", name=name, what=what, shown=shown))
    return number


def _checked(name: str, value: object) -> Decimal | str:
    if isinstance(name, str) and name in READINGS:
        return check_reading(name, value)
    return check_value(name, value)


def _checked_overrides(
    overrides: Mapping[str, Decimal | int | str],
) -> Mapping[str, Decimal | str]:
    if not isinstance(overrides, Mapping):
        raise InvalidArgument(msg("parameters.overrides", kind=type(overrides).__name__))
    return {name: _checked(name, value) for name, value in overrides.items()}


@attrs.frozen
class Parameters:
    """The parameters in force: the defaults, with the caller's overrides on top.

    An override replaces every dated value of a parameter (or names a parameter with no default).
    """

    overrides: Mapping[str, Decimal | str] = attrs.field(factory=dict, converter=_checked_overrides)

    def override(self, name: str, value: Decimal | int | str) -> Parameters:
        """A copy with ``name`` set to ``value`` for every date.

        An unknown ``name`` raises :class:`~post65.errors.UnknownParameter` (with the nearest
        names); a value that is not a number, or out of its unit's range (:data:`UNIT_RANGES`),
        raises :class:`~post65.errors.InvalidParameter`. A reading (``reading.a-1.2``) takes
        one of its choices as a string.
        """
        return Parameters({**self.overrides, name: _checked(name, value)})

    def with_overrides(self, values: Mapping[str, Decimal | int | str]) -> Parameters:
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
        found = self.overrides.get(name)
        if isinstance(found, Decimal):
            return found
        p = self.version(name, on)
        return None if p is None else p.value

    def reading(self, name: str) -> str:
        """The reading ``name`` selects: the override, else the default (the plainest reading
        of the words). An unknown name raises :class:`~post65.errors.UnknownParameter`.

        >>> Parameters().reading("reading.a-1.2")
        'both'
        >>> Parameters().override("reading.a-1.2", "either").reading("reading.a-1.2")
        'either'
        """
        if name not in READINGS:
            raise _unknown(name)
        found = self.overrides.get(name)
        return found if isinstance(found, str) else READINGS[name].default

    def known(self) -> Iterable[str]:
        """Every parameter name with a default, declared without one, a reading, or
        overridden."""
        return sorted({*DEFAULTS, *WITHOUT_DEFAULT, *READINGS, *self.overrides})


def parse_assignment(text: str) -> tuple[str, Decimal | str]:
    """``NAME=VALUE`` (a decimal point or comma; a date as ``YYYY-MM-DD`` becomes ``YYYYMMDD``)
    for a parameter post65 knows, as ``post65 check --param`` takes it.

    >>> parse_assignment("a.admin_cost_share=0,04")
    ('a.admin_cost_share', Decimal('0.04'))
    """
    name, sep, raw = text.partition("=")
    if not sep or not name.strip():
        raise InvalidParameter(msg("parameters.assignment", text=_cut(text, 60)))
    return name.strip(), parse_value(name.strip(), raw)


def parse_value(name: str, raw: str) -> Decimal | str:
    """The value ``raw`` (text, as :func:`parse_assignment` reads it after the ``=``) of the
    parameter ``name``: a reading's choice, or a number or date checked against its unit.

    A number is written with the ASCII digits 0-9, an optional leading minus and one decimal
    point or comma, in at most 40 characters; a date as ``YYYYMMDD`` or ``YYYY-MM-DD``, a day of
    the calendar. A refusal (:class:`~post65.errors.InvalidParameter`) shows the value as
    written (a value too long to show, cut with «…»).

    >>> parse_value("reading.a-1.2", "either")
    'either'
    """
    raw = raw.strip()
    if name in READINGS:
        return check_reading(name, raw)
    if name not in DEFAULTS and name not in WITHOUT_DEFAULT:
        raise _unknown(name)
    if len(raw) > _MAX_TEXT:
        raise InvalidParameter(
            msg(
                "parameters.value_too_long",
                name=name,
                shown=_cut(raw),
                length=len(raw),
                limit=_MAX_TEXT,
            )
        )
    value = raw.replace(",", ".")
    if _ISO_DATE.fullmatch(value):
        value = value.replace("-", "")
    date = _unit_of(name) == "date"
    if not (_DATE_TEXT if date else _NUMBER_TEXT).fullmatch(value):
        if any(c.isdigit() and not c.isascii() for c in raw):
            raise InvalidParameter(msg("parameters.value_digits", name=name, raw=raw))
        if date:
            what = _UNIT_NAMES["date"]
            raise InvalidParameter(msg("parameters.date_written", name=name, what=what, shown=raw))
        raise InvalidParameter(msg("parameters.value_not_a_number", name=name, raw=raw))
    return _check_number(name, Decimal(value), raw)
