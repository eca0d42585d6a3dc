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


_CURRENCIES: Final = ("kr", "kr.", "kroner", "krone", "nok")
_MULTIPLIERS: Final = {
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
_OTHER_UNITS: Final = {"knok": 3, "mnok": 6, "øre": -2, "ore": -2}


def _unit_table() -> dict[str, int]:
    """Every accepted unit spelling (lower case, single spaces) and its power of ten of kroner."""
    table = {"": 0, **_OTHER_UNITS, **dict.fromkeys(_CURRENCIES, 0)}
    for word, power in _MULTIPLIERS.items():
        table[word] = power
        for currency in _CURRENCIES:
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


# --------------------------------------------------------------------------------------------
# The text _parse_text reads, as one regular expression (the pattern of a JSON Schema)
# --------------------------------------------------------------------------------------------

_STRIPPED: Final = ((0x09, 0x0D), (0x1C, 0x20), (0x85, 0x85), (0xA0, 0xA0), (0x1680, 0x1680))
_STRIPPED_TOO: Final = ((0x2000, 0x200A), (0x2028, 0x2029), (0x202F, 0x202F), (0x205F, 0x205F))
"""With U+3000: the characters ``str.strip`` takes off an amount's text (``str.isspace``)."""
_FOLDED: Final = {"k": "kK\u212a"}
"""The letters more than their capital lower to (``str.lower``) or match under
``re.IGNORECASE``: the Kelvin sign is a ``k``."""
_PATTERN_SPACE: Final = "[ \\u00a0\\u202f\\u2009]"


def _escaped(c: str) -> str:
    return c if c.isascii() and c.isalnum() else f"\\u{ord(c):04x}"


def _spelled(word: str) -> str:
    """``word`` as a pattern of every text ``str.lower`` makes it (a space: any run of the
    spaces that group digits), as :func:`_parse_text` reads a unit."""
    out = []
    for c in word:
        if c == " ":
            out.append(f"{_PATTERN_SPACE}+")
        elif c == ".":
            out.append("\\.")
        else:
            out.append("[" + "".join(map(_escaped, _FOLDED.get(c, c + c.upper()))) + "]")
    return "".join(out)


def _units_pattern(power: int) -> str:
    """The units of ``power`` (a power of ten of kroner), as a pattern."""
    currency = "(?:" + "|".join(map(_spelled, _CURRENCIES)) + ")"
    alternatives = [_spelled(w) for w, p in _OTHER_UNITS.items() if p == power]
    if power == 0:
        alternatives.append(currency)
    for word, p in _MULTIPLIERS.items():
        if p == power:
            between = "*" if word.endswith(".") else "+"
            alternatives.append(f"{_spelled(word)}(?:{_PATTERN_SPACE}{between}{currency})?")
    return "(?:" + "|".join(alternatives) + ")"


def _fraction_pattern(power: int) -> str:
    """The decimal mark and digits of a whole number of øre in units of ``10**power`` kr."""
    places = power + 2
    digits = "0+" if places <= 0 else f"[0-9]{{1,{places}}}0*"
    return f"(?:,-|[,.]{digits})?"


def _number_pattern(sign: str, *, zero: bool) -> str:
    """An amount with ``sign`` (a pattern) before it or its ``kr``/``nok``; ``zero``: of 0 kr."""
    whole = "(?:0{1,3}(?:S000)+|0+)" if zero else "(?:[0-9]{1,3}(?:S[0-9]{3})+|[0-9]+)"
    whole = whole.replace("S", _PATTERN_SPACE)
    powers = sorted(set(_UNITS.values()))
    s = _PATTERN_SPACE
    if zero:
        units = "|".join(map(_units_pattern, powers))
        tail = f"(?:,-|[,.]0+)?(?:{s}*(?:{units}))?"
        bare = "(?:,-|[,.]0+)?"
    else:
        tails = [f"{_fraction_pattern(p)}{s}*{_units_pattern(p)}" for p in powers if p]
        bare = _fraction_pattern(0)
        tail = "(?:" + "|".join([f"{bare}(?:{s}*{_units_pattern(0)})?", *tails]) + ")"
    prefix = f"(?:{_spelled('kr')}\\.?|{_spelled('nok')}){s}*"
    before = f"(?:{sign}{prefix}|{prefix}{sign})" if sign else prefix
    return f"{sign}{whole}{tail}|{before}{whole}{bare}"


def amount_pattern(*, signed: bool = True) -> str:
    """A regular expression (ECMA-262 as JSON Schema asks, and Python's), anchored, of the text
    :func:`post65.money.parse_amount` reads: every text it accepts matches, and a text that
    matches is accepted unless it is past :data:`MAX_KRONER`. ``signed=False``: with a minus
    only for 0 kr (``"-0"``), for a field that refuses every negative amount."""
    ranges = (*_STRIPPED, *_STRIPPED_TOO, (0x3000, 0x3000))
    spaces = "".join(
        _escaped(chr(a)) if a == b else f"{_escaped(chr(a))}-{_escaped(chr(b))}" for a, b in ranges
    )
    minus = "[-\\u2212]"
    if signed:
        body = _number_pattern(f"{minus}?", zero=False)
    else:
        body = f"{_number_pattern('', zero=False)}|{_number_pattern(minus, zero=True)}"
    return f"^[{spaces}]*(?:{body})[{spaces}]*$"
