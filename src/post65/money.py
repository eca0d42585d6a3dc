"""Money: Norwegian kroner as exact ``Decimal`` quantities, parsed and written the Norwegian way.

Amounts are :class:`pint.Quantity` objects with a :class:`~decimal.Decimal` magnitude in a small,
currency-only unit registry (:data:`ureg`) that knows ``NOK`` (symbol ``kr``), ``øre`` (alias
``ore``), ``kNOK`` and ``MNOK``. The registry is built once, at import, and is *not* made pint's
application registry unless you ask for it with :func:`use_as_application_registry`.

- :func:`nok` builds an amount fast from an ``int`` or ``Decimal`` (use it on hot paths);
- :func:`parse_amount` reads what people write (``"120 mill. kr"``, ``"1 234 567 kr"``,
  ``"2 500,50 kr"``, ``"120 MNOK"``) and what JSON documents store (``"2500.50"``);
- :func:`format_amount` writes ``1 234 567 kr`` with no-break spaces, or thousands of kroner
  as budget tables do; :func:`format_number` groups plain numbers (populations) the same way;
- :func:`amount_to_str` is the canonical serialisation: ``"1250000"``, ``"2500.50"``.

Floats are refused at every door, and so are NaN, infinities and amounts beyond
:data:`MAX_KRONER` (10¹⁸ kr). Every refusal is an :class:`~post65.errors.InvalidAmount` (a
``ValueError``) that says what was wrong in bokmål and English; no pint or ``decimal`` exception
escapes.

>>> from decimal import Decimal
>>> q = parse_amount("12,5 mill. kr")
>>> q == nok(12_500_000)
True
>>> format_amount(q) == "12\\u00a0500\\u00a0000\\u00a0kr"
True
>>> print(format_amount(parse_amount("2500.50")).replace("\\u00a0", "_"))
2_500,50_kr
>>> amount_to_str(parse_amount("-1 234,5 kr"))
'-1234.50'
"""

from __future__ import annotations

import re
from collections.abc import Iterable
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
    DecimalException,
    localcontext,
)
from typing import Final, Literal, TypeAlias

import pint

from post65._decimal import POST65_CONTEXT, exact
from post65.errors import InvalidAmount, InvalidParameter
from post65.text import Message, msg

__all__ = [
    "MAX_KRONER",
    "ZERO",
    "Money",
    "amount_to_str",
    "format_amount",
    "format_number",
    "from_thousands",
    "kroner",
    "nok",
    "parse_amount",
    "round_kroner",
    "round_ore",
    "to_thousands",
    "total",
    "ureg",
    "use_as_application_registry",
]

# --------------------------------------------------------------------------------------------
# The registry
# --------------------------------------------------------------------------------------------


def _build_registry() -> pint.UnitRegistry[Decimal]:
    registry: pint.UnitRegistry[Decimal] = pint.UnitRegistry(None, non_int_type=Decimal)
    registry.define("NOK = [currency] = kr")
    registry.define("øre = NOK / 100 = _ = ore")
    registry.define("kNOK = 1000 NOK")
    registry.define("MNOK = 1000000 NOK")
    return registry


ureg: Final[pint.UnitRegistry[Decimal]] = _build_registry()
"""The currency-only unit registry: ``NOK`` (``kr``), ``øre`` (``ore``), ``kNOK``, ``MNOK``."""

Money: TypeAlias = pint.Quantity[Decimal]
"""An amount of money: a pint quantity with a ``Decimal`` magnitude, in NOK (or kNOK, MNOK, øre)."""

_NOK: Final = ureg.Unit("NOK")  # a ready unit: Quantity(value, _NOK) skips parsing "NOK"

MAX_KRONER: Final[int] = 10**18
"""The largest absolute amount, in kroner, that :func:`nok` and :func:`parse_amount` accept."""


def use_as_application_registry() -> None:
    """Make :data:`ureg` pint's application registry (opt-in: this changes pint's global state).

    Afterwards ``pint.Quantity(Decimal("5"), "NOK")`` builds amounts in our registry. post65
    itself never needs this and never calls it.
    """
    pint.set_application_registry(ureg)  # type: ignore[no-untyped-call]  # pint lacks hints


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

# Units of a quantity we accept, by the name pint stores, as a power of ten of kroner.
_UNIT_EXPONENT: Final[dict[str, int]] = {"NOK": 0, "øre": -2, "kNOK": 3, "MNOK": 6}


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
# Construction
# --------------------------------------------------------------------------------------------


def nok(value: int | Decimal) -> Money:
    """An amount of ``value`` kroner: the fast constructor for hot paths.

    ``value`` is kept as given (sub-øre fractions included); it must be an ``int`` or a finite
    ``Decimal`` of at most :data:`MAX_KRONER` in absolute value (and, unless zero, at least
    10⁻⁶⁰). Floats, bools, NaN and infinities are refused with
    :class:`~post65.errors.InvalidAmount`.

    >>> nok(Decimal("2500.50"))
    <Quantity(2500.50, 'NOK')>
    >>> nok(0.5)
    Traceback (most recent call last):
    ...
    post65.errors.InvalidAmount: an amount cannot be a float (0.5); use Decimal, int or text
    """
    if (
        type(value) is Decimal
        and value.is_finite()
        and _MIN <= value <= _MAX
        and value.adjusted() >= _MIN_ADJUSTED
    ):
        return ureg.Quantity(value, _NOK)
    return ureg.Quantity(_decimal(value), _NOK)


ZERO: Final[Money] = nok(0)
"""Zero kroner."""


@exact
def total(amounts: Iterable[Money]) -> Money:
    """The exact sum of ``amounts`` in NOK (:data:`ZERO` for none).

    >>> total([nok(1), nok(Decimal("2.50"))])
    <Quantity(3.50, 'NOK')>
    """
    out = Decimal(0)
    for q in amounts:
        out += _quantity_kroner(q)
    return ureg.Quantity(out, _NOK)


@exact
def from_thousands(n: int | Decimal) -> Money:
    """An amount of ``n`` thousand kroner (as budget tables write it), exactly.

    >>> from_thousands(120_000) == nok(120_000_000)
    True
    """
    value = _decimal(n)
    if value.copy_abs() > _MAX_THOUSANDS:
        raise InvalidAmount(msg("money.thousands.too_large", value=_show(value)))
    return ureg.Quantity(_plain(_shift(value, 3)), _NOK)


# --------------------------------------------------------------------------------------------
# Reading a quantity back as kroner
# --------------------------------------------------------------------------------------------


def _quantity_kroner(q: object) -> Decimal:
    """The magnitude in kroner of a NOK-compatible quantity (bounded), else InvalidAmount."""
    if not isinstance(q, pint.Quantity):
        raise InvalidAmount(msg("money.not_quantity", type=type(q).__name__))
    try:
        items = tuple(q.unit_items())
        magnitude: object = q.magnitude
    except Exception as exc:  # a foreign or broken quantity: say so, never crash
        raise InvalidAmount(msg("money.broken_quantity")) from exc
    value = _decimal(magnitude)
    if len(items) == 1 and items[0][1] == 1 and items[0][0] in _UNIT_EXPONENT:
        places = _UNIT_EXPONENT[items[0][0]]
        return value if places == 0 else _bounded(_shift(value, places))
    if isinstance(q, ureg.Quantity):  # a compound unit of ours, e.g. kNOK·NOK/NOK
        try:
            with localcontext(_CTX):
                converted: object = ureg.Quantity(value, q.units).to("NOK").magnitude
            return _decimal(converted)
        except (pint.PintError, DecimalException, ArithmeticError, TypeError):
            pass
    units = " · ".join(name if power == 1 else f"{name}^{power}" for name, power in items)
    shown = _show(units) if units else msg("money.dimensionless")
    raise InvalidAmount(msg("money.wrong_unit", units=shown))


@exact
def kroner(q: Money) -> Decimal:
    """The magnitude of ``q`` in kroner, exactly: no positive exponent, no trailing zeros.

    Whatever unit ``q`` is in (``kNOK``, ``MNOK``, ``øre``), and whatever exponent pint's Decimal
    arithmetic left (``1.25E+7``), the result prints as plain digits (``12500000``).

    >>> kroner(ureg.Quantity(Decimal("12.5"), "MNOK"))
    Decimal('12500000')
    >>> kroner(nok(Decimal("2500.50")))
    Decimal('2500.5')
    """
    return _plain(_quantity_kroner(q))


def _rounded(value: Decimal, quantum: Decimal, rounding: str) -> Decimal:
    result = value.quantize(quantum, rounding=_check_rounding(rounding), context=_CTX)
    return result.copy_abs() if result.is_zero() else result


@exact
def round_kroner(q: Money, rounding: str = ROUND_HALF_UP) -> Money:
    """``q`` rounded to whole kroner (``ROUND_HALF_UP`` unless another ``decimal`` mode is given).

    >>> round_kroner(nok(Decimal("2.50")))
    <Quantity(3, 'NOK')>
    """
    return ureg.Quantity(_rounded(_quantity_kroner(q), _ONE, rounding), _NOK)


@exact
def round_ore(q: Money, rounding: str = ROUND_HALF_UP) -> Money:
    """``q`` rounded to whole øre (``ROUND_HALF_UP`` unless another ``decimal`` mode is given).

    >>> round_ore(nok(Decimal("0.125")))
    <Quantity(0.13, 'NOK')>
    """
    return ureg.Quantity(_rounded(_quantity_kroner(q), _CENT, rounding), _NOK)


@exact
def to_thousands(q: Money, rounding: str = ROUND_HALF_UP) -> Decimal:
    """``q`` as a whole number of thousands of kroner (``ROUND_HALF_UP`` unless given).

    >>> to_thousands(nok(120_000_500))
    Decimal('120001')
    """
    return _rounded(_shift(_quantity_kroner(q), -3), _ONE, rounding)


@exact
def amount_to_str(q: Money) -> str:
    """The canonical text of ``q`` for JSON: kroner as digits, ``.`` and 2 decimals for øre.

    ``"1250000"``, ``"2500.50"``, ``"-75"``; ``parse_amount(amount_to_str(q)) == q``. An amount
    with fractions of an øre is refused (round it first with :func:`round_ore`).

    >>> amount_to_str(nok(1_250_000)), amount_to_str(nok(Decimal("2500.5")))
    ('1250000', '2500.50')
    """
    return format(_whole_ore(_quantity_kroner(q), q), "f")


# --------------------------------------------------------------------------------------------
# Formatting
# --------------------------------------------------------------------------------------------


def _group(value: Decimal) -> str:
    """``value`` in Norwegian style: no-break spaces between groups of 3 digits, decimal comma."""
    return format(value, ",f").translate(_TO_NORWEGIAN)


@exact
def format_amount(
    q: Money,
    *,
    unit: Literal["kr", "1000kr"] = "kr",
    symbol: bool | None = None,
    rounding: str | None = None,
) -> str:
    """``q`` written the Norwegian way: ``1 234 567 kr``, ``2 500,50 kr``, ``-75 kr``.

    Digit groups and the symbol are separated by no-break spaces (U+00A0); øre are shown, with
    a decimal comma and 2 decimals, only when there are any. ``unit="1000kr"`` writes whole
    thousands of kroner as budget tables do (``120 000`` for 120 000 000 kr). ``symbol`` adds
    ``kr`` (or ``tusen kr`` for thousands); by default it is on for ``kr`` and off for
    ``1000kr``. Amounts are rounded (to øre, or to thousands) by ``rounding``, a ``decimal``
    rounding mode, ``ROUND_HALF_UP`` by default.

    >>> print(format_amount(nok(1_234_567)).replace("\\u00a0", "_"))
    1_234_567_kr
    >>> print(format_amount(nok(120_000_000), unit="1000kr").replace("\\u00a0", "_"))
    120_000
    >>> print(format_amount(nok(Decimal("-0.125"))).replace("\\u00a0", "_"))
    -0,13_kr
    """
    value = _quantity_kroner(q)
    mode = ROUND_HALF_UP if rounding is None else rounding
    if unit == "kr":
        cents = _rounded(value, _CENT, mode)
        whole = cents.quantize(_ONE, context=_CTX)
        text = _group(whole if whole == cents else cents)
        suffix = "kr"
    elif unit == "1000kr":
        text = _group(_rounded(_shift(value, -3), _ONE, mode))
        suffix = f"tusen{_NBSP}kr"
    else:
        raise InvalidParameter(msg("money.format.unit_unknown", value=_show(unit)))
    if symbol is None:
        symbol = unit == "kr"
    return f"{text}{_NBSP}{suffix}" if symbol else text


@exact
def format_number(n: int | Decimal) -> str:
    """A plain number (a population, a score) with Norwegian digit grouping and decimal comma.

    Decimals are kept as given: ``Decimal("1.50")`` is ``1,50``.

    >>> print(format_number(5_550_203).replace("\\u00a0", "_"))
    5_550_203
    >>> format_number(Decimal("0.75"))
    '0,75'
    """
    if type(n) is int or (isinstance(n, int) and not isinstance(n, bool)):
        if abs(n) >= 10**100:
            raise InvalidParameter(msg("money.number.too_large"))
        return _group(Decimal(int(n)))
    if isinstance(n, Decimal):
        if not n.is_finite():
            raise InvalidParameter(msg("money.number.not_finite", value=_show(n)))
        exponent = n.as_tuple().exponent
        assert isinstance(exponent, int)  # noqa: S101 - finite
        if n.is_zero() and not -100 <= exponent <= 0:
            return "0"
        if n.adjusted() >= 100 or exponent < -100:
            raise InvalidParameter(msg("money.number.too_many_digits"))
        return _group(n.copy_abs() if n.is_zero() else n)
    raise InvalidParameter(msg("money.number.type", type=type(n).__name__, value=_show(n)))


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


@exact
def parse_amount(x: str | int | Decimal | Money) -> Money:
    """An amount in NOK, whole øre, from text, an ``int``, a ``Decimal`` or a quantity.

    Text may be ``120000000``, ``120 000 000 kr`` (groups of 3 digits separated by a space, a
    no-break space, a narrow no-break space or a thin space), ``1000kr``, ``2 500,50 kr`` or
    ``2500.50`` (one decimal comma or point), ``120 mill. kr`` (also ``mill``, ``mill kr``,
    ``millioner kroner``), ``12,5 mrd. kr``, ``120 MNOK``, ``120000 kNOK``, ``50 øre``,
    ``kr 1 500,-``, with a leading minus (``-`` or ``−``). The unit is ``kr``, ``kroner`` or
    ``NOK`` when none is given. Anything else (floats, bools, NaN, infinities, amounts beyond
    10¹⁸ kr, fractions of an øre, other units, malformed or empty text) is refused with
    :class:`~post65.errors.InvalidAmount`, and nothing else is ever raised.

    >>> parse_amount("120 mill. kr") == nok(120_000_000)
    True
    >>> parse_amount("2\\u00a0500,50 kr")
    <Quantity(2500.50, 'NOK')>
    >>> parse_amount("12 persons")
    Traceback (most recent call last):
    ...
    post65.errors.InvalidAmount: unknown unit 'persons' in the amount '12 persons'; ...
    """
    if isinstance(x, str):
        value = _parse_text(x)
    elif isinstance(x, pint.Quantity):
        value = _whole_ore(_quantity_kroner(x), x)
    else:
        value = _whole_ore(_decimal(x), x)
    return ureg.Quantity(value, _NOK)
