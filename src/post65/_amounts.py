"""Amounts of kroner as exact ``Decimal`` values: bounds, canonical form, and reading text.

The plumbing under :mod:`post65.money` that needs no units: one explicit decimal context (the
caller's thread context never matters), the bounds every amount keeps (at most
:data:`MAX_KRONER`, no sub-øre where øre are whole), and the reading of amounts written as text
(``"1 234 567 kr"``, ``"12,5 mill. kr"``). Every refusal is an
:class:`~post65.errors.InvalidAmount`.
"""

from __future__ import annotations

import re
from decimal import (
    ROUND_05UP,
    ROUND_CEILING,
    ROUND_DOWN,
    ROUND_FLOOR,
    ROUND_HALF_DOWN,
    ROUND_HALF_EVEN,
    ROUND_HALF_UP,
    ROUND_UP,
    Decimal,
)
from typing import Final

from post65._decimal import POST65_CONTEXT
from post65.errors import InvalidAmount, InvalidParameter
from post65.text import Message, msg

MAX_KRONER: Final[int] = 10**18
"""The largest absolute amount, in kroner, that :func:`post65.money.nok` and
:func:`post65.money.parse_amount` accept."""

# --------------------------------------------------------------------------------------------
# Decimal plumbing: one explicit context, so the caller's thread context never matters
# --------------------------------------------------------------------------------------------

_CTX: Final = POST65_CONTEXT  # see post65._decimal: one context for all of post65
_ONE: Final = Decimal(1)
_CENT: Final = Decimal("0.01")
_MAX: Final = Decimal(MAX_KRONER)
_MIN: Final = -_MAX
_MAX_THOUSANDS: Final = Decimal(MAX_KRONER // 1000)
_MIN_ADJUSTED: Final = -60  # a non-zero amount is at least 10**-60 kr: keeps exponents sane
_ZERO_D: Final = Decimal(0)
_ROUNDINGS: Final = frozenset(
    {
        ROUND_05UP,
        ROUND_CEILING,
        ROUND_DOWN,
        ROUND_FLOOR,
        ROUND_HALF_DOWN,
        ROUND_HALF_EVEN,
        ROUND_HALF_UP,
        ROUND_UP,
    }
)
_NBSP: Final = "\u00a0"
_TO_NORWEGIAN: Final = str.maketrans({",": _NBSP, ".": ","})


def _show(value: object) -> str:
    """A short printable form of ``value`` for messages (never raises)."""
    try:
        text = str(value) if isinstance(value, str | int | Decimal) else repr(value)
    except Exception:  # an int too long for str(), a broken __repr__
        text = f"<{type(value).__name__}>"
    return text if len(text) <= 60 else text[:57] + "..."


def _check_rounding(rounding: str) -> str:
    if not isinstance(rounding, str) or rounding not in _ROUNDINGS:
        names = ", ".join(sorted(_ROUNDINGS))
        raise InvalidParameter(msg("money.rounding.unknown", value=_show(rounding), names=names))
    return rounding


def _bounded(value: Decimal) -> Decimal:
    """``value`` itself when it is finite and at most :data:`MAX_KRONER`, else InvalidAmount."""
    if not value.is_finite():
        if value.is_nan():
            raise InvalidAmount(msg("money.nan"))
        raise InvalidAmount(msg("money.infinite"))
    if value.is_zero():
        return _ZERO_D  # whatever its sign and exponent (0E+999999999 included)
    if value.copy_abs() > _MAX:
        raise InvalidAmount(msg("money.too_large", value=_show(value)))
    if value.adjusted() < _MIN_ADJUSTED:
        raise InvalidAmount(msg("money.too_small", value=_show(value)))
    return value


def _decimal(value: object) -> Decimal:
    """``value`` (an ``int`` or ``Decimal``) as a bounded ``Decimal``; anything else is refused."""
    if type(value) is Decimal:
        return _bounded(value)
    if type(value) is int:
        if -MAX_KRONER <= value <= MAX_KRONER:
            return Decimal(value)
        raise InvalidAmount(msg("money.too_large", value=_show(value)))
    if isinstance(value, bool):
        raise InvalidAmount(msg("money.bool", value=repr(value)))
    if isinstance(value, float):
        raise InvalidAmount(msg("money.float", value=_show(value)))
    if isinstance(value, Decimal):
        return _bounded(Decimal(value))
    if isinstance(value, int):
        return _decimal(int(value))
    raise InvalidAmount(msg("money.type", type=type(value).__name__))


def _shift(value: Decimal, places: int) -> Decimal:
    """``value · 10**places``, exactly (no rounding to any context precision)."""
    sign, digits, exponent = value.as_tuple()
    assert isinstance(exponent, int)  # noqa: S101 - finite values only
    return Decimal((sign, digits, exponent + places))


def _plain(value: Decimal) -> Decimal:
    """``value`` exactly, with no positive exponent and no trailing fractional zeros; 0 not -0."""
    # Read off the text, several times cheaper than as_tuple: a finite Decimal is written without
    # an exponent exactly when its exponent is at most 0 and it is not tiny.
    text = str(value)  # "e" when the caller's context has capitals=0
    if "E" in text or "e" in text or not value.is_finite():
        return _plain_by_digits(value)
    if text[-1] == "0" and "." in text:
        value = Decimal(text.rstrip("0").rstrip("."))  # exact: no context is involved
    return _ZERO_D if value.is_zero() else value


def _plain_by_digits(value: Decimal) -> Decimal:
    """:func:`_plain` of any finite ``value``, from its digits and exponent."""
    sign, digits, exponent = value.as_tuple()
    assert isinstance(exponent, int)  # noqa: S101 - finite values only
    if not any(digits):
        return Decimal(0)
    if exponent > 0:
        return Decimal((sign, digits + (0,) * exponent, 0))
    trailing = 0
    while trailing < -exponent and digits[len(digits) - 1 - trailing] == 0:
        trailing += 1
    if trailing:
        return Decimal((sign, digits[: len(digits) - trailing], exponent + trailing))
    return value


def _canonical(value: Decimal) -> Decimal:
    """A whole-øre ``value`` with exponent 0 (whole kroner) or -2 (øre); 0 rather than -0."""
    whole = value.quantize(_ONE, context=_CTX)
    if whole == value:
        return whole.copy_abs() if whole.is_zero() else whole
    return value.quantize(_CENT, context=_CTX)


def _whole_ore(value: Decimal, shown: object) -> Decimal:
    """``value`` in canonical form if it is a whole number of øre, else InvalidAmount."""
    cents = value.quantize(_CENT, context=_CTX)
    if cents != value:
        raise InvalidAmount(msg("money.fraction_of_ore", value=_show(shown)))
    return _canonical(value)


# --------------------------------------------------------------------------------------------
# Parsing
# --------------------------------------------------------------------------------------------

_MAX_TEXT: Final = 200  # the longest text parse_amount reads

_SPACE: Final = "[ \u00a0\u202f\u2009]"
_AMOUNT_RE: Final = re.compile(
    rf"""
    (?P<sign>[-\u2212])?
    (?:(?P<prefix>(?i:kr\.?|nok)){_SPACE}*(?P<sign2>[-\u2212])?)?
    (?P<int>[0-9]{{1,3}}(?:{_SPACE}[0-9]{{3}})+(?![0-9])|[0-9]+)
    (?:[,.](?P<frac>[0-9]+)|(?P<dash>,-))?
    (?P<rest>.*)
    """,
    re.VERBOSE | re.DOTALL,
)
_SPACES_RE: Final = re.compile(f"{_SPACE}+")
_BAD_GROUP_RE: Final = re.compile(f"{_SPACE}+[0-9]")


def _unit_table() -> dict[str, int]:
    """Every accepted unit spelling (lower case, single spaces) and its power of ten of kroner."""
    currencies = ["kr", "kr.", "kroner", "krone", "nok"]
    multipliers = {
        "tusen": 3,
        "mill.": 6,
        "mill": 6,
        "million": 6,
        "millioner": 6,
        "mrd.": 9,
        "mrd": 9,
        "milliard": 9,
        "milliarder": 9,
    }
    table = {"": 0, "knok": 3, "mnok": 6, "øre": -2, "ore": -2}
    table.update(dict.fromkeys(currencies, 0))
    for word, power in multipliers.items():
        table[word] = power
        for currency in currencies:
            table[f"{word} {currency}"] = power
            if word.endswith("."):
                table[f"{word}{currency}"] = power
    return table


_UNITS: Final[dict[str, int]] = _unit_table()


def _malformed(text: str, why: Message) -> InvalidAmount:
    return InvalidAmount(msg("money.malformed", value=_show(text), why=why))


def _parse_text(raw: str) -> Decimal:
    if len(raw) > _MAX_TEXT:
        raise InvalidAmount(msg("money.text.too_long", length=len(raw), limit=_MAX_TEXT))
    text = raw.strip()
    if not text:
        raise InvalidAmount(msg("money.empty"))
    match = _AMOUNT_RE.fullmatch(text)
    if match is None:
        raise _malformed(text, msg("money.why.no_number"))
    if match["sign"] and match["sign2"]:
        raise _malformed(text, msg("money.why.two_minus"))
    rest = match["rest"]
    if rest[:1] in {",", "."}:
        raise _malformed(text, msg("money.why.decimal_mark"))
    if _BAD_GROUP_RE.match(rest):
        raise _malformed(text, msg("money.why.grouping"))
    if any(c.isdigit() for c in rest):
        raise _malformed(text, msg("money.why.malformed"))
    unit = _SPACES_RE.sub(" ", rest.strip(" \u00a0\u202f\u2009")).lower()
    if match["prefix"] and unit:
        raise _malformed(text, msg("money.why.unit_twice", unit=_show(unit)))
    power = _UNITS.get(unit)
    if power is None:
        raise InvalidAmount(msg("money.unit.unknown", unit=_show(unit), value=_show(text)))
    negative = bool(match["sign"] or match["sign2"])
    digits = _SPACES_RE.sub("", match["int"])
    frac = match["frac"] or ""
    # The constructor is exact whatever the context; the exponent is bounded by the text length.
    value = Decimal(f"{'-' if negative else ''}{digits}.{frac}E{power}")
    if value.copy_abs() > _MAX:
        raise InvalidAmount(msg("money.text.too_large", value=_show(text)))
    return _whole_ore(value, text)
