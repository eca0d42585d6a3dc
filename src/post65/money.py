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

import copyreg
from collections.abc import Callable, Iterable
from decimal import (
    ROUND_HALF_UP,
    Decimal,
    DecimalException,
    localcontext,
)
from typing import Any, Final, Literal, TypeAlias

import pint

from post65._amounts import (
    _CENT,
    _CTX,
    _MAX,
    _MAX_THOUSANDS,
    _MIN,
    _MIN_ADJUSTED,
    _NBSP,
    _ONE,
    _TO_NORWEGIAN,
    MAX_KRONER,
    _bounded,
    _check_rounding,
    _decimal,
    _parse_text,
    _plain,
    _shift,
    _show,
    _whole_ore,
)
from post65._decimal import exact
from post65.errors import InvalidAmount, InvalidParameter
from post65.text import msg

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


def _slow_nok(value: Decimal) -> Money:
    return ureg.Quantity(value, _NOK)


def _fast_maker() -> Callable[[Decimal], Money]:
    """A constructor of NOK quantities that skips pint's generic ``Quantity.__new__`` (which
    inspects the value and the unit on every call: about 5 µs, most of the cost of reading a
    document's amounts). It sets the two attributes pint's own constructor sets; if this pint
    builds its quantities any other way, the generic constructor is used instead."""
    template = ureg.Quantity(Decimal(1), _NOK)
    cls, units = type(template), template._units

    def make(value: Decimal) -> Money:
        inst: Money = object.__new__(cls)
        inst._magnitude = value
        inst._units = units
        return inst

    probe = make(Decimal(1))
    same = vars(probe) == vars(template) and probe == template and repr(probe) == repr(template)
    return make if same else _slow_nok


_make: Final = _fast_maker()
"""A NOK quantity of an already checked ``Decimal`` (see :func:`_fast_maker`)."""


def _own_nok() -> tuple[type[Money], object]:
    """The class and the units object of the quantities :func:`_make` builds (pint's own
    arithmetic keeps both: the sum of two of them is one too), when they are plain NOK.
    :func:`_quantity_kroner` reads such a quantity's magnitude directly, skipping pint's
    ``unit_items`` (most of the cost of reading an amount back)."""
    probe = _make(Decimal(1))
    if tuple(probe.unit_items()) != (("NOK", 1),):
        return (type(probe), object())  # units no quantity has: all take the general path
    return (type(probe), probe._units)


_OWN_CLASS, _OWN_UNITS = _own_nok()


def _unpickled(magnitude: Any, units: Any) -> Money:
    """An amount of post65's registry again, from its pickle (see :func:`_pickled`)."""
    if type(magnitude) is Decimal and units == _OWN_UNITS:
        return _make(magnitude)  # plain NOK, with the units object the fast paths know
    again: Money = ureg.Quantity(magnitude, units)
    return again


def _pickled(q: Money) -> tuple[Callable[[Any, Any], Money], tuple[object, object]]:
    """How an amount of post65's registry pickles: its magnitude and units, rebuilt in
    post65's registry by whatever process unpickles it. pint's own way rebuilds it in pint's
    application registry, which knows no NOK (unless the caller made ours that registry:
    :func:`use_as_application_registry`), so a document or a check's result could not be sent
    to a worker process or kept on disk."""
    return _unpickled, (q._magnitude, q._units)


copyreg.pickle(_OWN_CLASS, _pickled)  # our registry's own class: no other quantity is touched


def use_as_application_registry() -> None:
    """Make :data:`ureg` pint's application registry (opt-in: this changes pint's global state).

    Afterwards ``pint.Quantity(Decimal("5"), "NOK")`` builds amounts in our registry. post65
    itself never needs this and never calls it.
    """
    pint.set_application_registry(ureg)  # type: ignore[no-untyped-call]  # pint lacks hints


# Units of a quantity we accept, by the name pint stores, as a power of ten of kroner.
_UNIT_EXPONENT: Final[dict[str, int]] = {"NOK": 0, "øre": -2, "kNOK": 3, "MNOK": 6}


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
        return _make(value)
    return _make(_decimal(value))


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
    return _make(out)


@exact
def from_thousands(n: int | Decimal) -> Money:
    """An amount of ``n`` thousand kroner (as budget tables write it), exactly.

    >>> from_thousands(120_000) == nok(120_000_000)
    True
    """
    value = _decimal(n)
    if value.copy_abs() > _MAX_THOUSANDS:
        raise InvalidAmount(msg("money.thousands.too_large", value=_show(value)))
    return _make(_plain(_shift(value, 3)))


# --------------------------------------------------------------------------------------------
# Reading a quantity back as kroner
# --------------------------------------------------------------------------------------------


def _quantity_kroner(q: object) -> Decimal:
    """The magnitude in kroner of a NOK-compatible quantity (bounded), else InvalidAmount."""
    whole = _whole_kroner(q)
    if whole is not None:
        return whole  # what _bounded gives it
    if type(q) is _OWN_CLASS and q._units is _OWN_UNITS:
        magnitude = q._magnitude
        if type(magnitude) is Decimal:
            return _bounded(magnitude)  # what the general path gives a Decimal in NOK
    return _general_kroner(q)


def _whole_kroner(q: object) -> Decimal | None:
    """The magnitude of ``q`` when it is one of post65's own NOK quantities (:func:`_make`) of a
    positive whole number of kroner below :data:`MAX_KRONER` written with exponent 0 (``12500``,
    not ``1.25E+4``): bounded and plain as it is, so :func:`_bounded` and
    :func:`~post65._amounts._plain` give it back unchanged; else ``None``. Most amounts are;
    reading their text is several times cheaper than those two checks. ``kroner`` and
    ``_quantity_kroner`` take it first; ``tests/test_money.py`` holds it to the long way."""
    if type(q) is _OWN_CLASS and q._units is _OWN_UNITS:
        magnitude = q._magnitude
        if type(magnitude) is Decimal:
            text = str(magnitude)  # digits only exactly when finite, not negative, exponent 0
            if text.isdigit() and len(text) < _DIGITS_BELOW_MAX and text != "0":
                return magnitude
    return None


_DIGITS_BELOW_MAX: Final = len(str(MAX_KRONER))
"""A number of fewer digits is below :data:`MAX_KRONER` (10**18, 19 digits)."""


def _general_kroner(q: object) -> Decimal:
    """:func:`_quantity_kroner` of any quantity (any unit, any magnitude), through pint."""
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


def kroner(q: Money) -> Decimal:
    """The magnitude of ``q`` in kroner, exactly: no positive exponent, no trailing zeros.

    Whatever unit ``q`` is in (``kNOK``, ``MNOK``, ``øre``), and whatever exponent pint's Decimal
    arithmetic left (``1.25E+7``), the result prints as plain digits (``12500000``).

    >>> kroner(ureg.Quantity(Decimal("12.5"), "MNOK"))
    Decimal('12500000')
    >>> kroner(nok(Decimal("2500.50")))
    Decimal('2500.5')
    """
    # Not run in post65's context: reading the magnitude and dropping trailing zeros compute
    # nothing (a quantity in another unit is converted in that context by _general_kroner).
    whole = _whole_kroner(q)
    if whole is not None:
        return whole  # bounded and plain already: what the long way gives
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
    return _make(_rounded(_quantity_kroner(q), _ONE, rounding))


@exact
def round_ore(q: Money, rounding: str = ROUND_HALF_UP) -> Money:
    """``q`` rounded to whole øre (``ROUND_HALF_UP`` unless another ``decimal`` mode is given).

    >>> round_ore(nok(Decimal("0.125")))
    <Quantity(0.13, 'NOK')>
    """
    return _make(_rounded(_quantity_kroner(q), _CENT, rounding))


@exact
def to_thousands(q: Money, rounding: str = ROUND_HALF_UP) -> Decimal:
    """``q`` as a whole number of thousands of kroner (``ROUND_HALF_UP`` unless given).

    >>> to_thousands(nok(120_000_500))
    Decimal('120001')
    """
    return _rounded(_shift(_quantity_kroner(q), -3), _ONE, rounding)


def amount_to_str(q: Money) -> str:
    """The canonical text of ``q`` for JSON: kroner as digits, ``.`` and 2 decimals for øre.

    No decimal context is switched to (it is called for every amount a document is written
    with): reading the kroner sets post65's own where it computes, and the rounding checks name
    it (``context=``).

    ``"1250000"``, ``"2500.50"``, ``"-75"``; ``parse_amount(amount_to_str(q)) == q``. An amount
    with fractions of an øre is refused (round it first with :func:`round_ore`).

    >>> amount_to_str(nok(1_250_000)), amount_to_str(nok(Decimal("2500.5")))
    ('1250000', '2500.50')
    """
    value = _quantity_kroner(q)
    text = str(value)
    if text.isdigit() or (text[:1] == "-" and text[1:].isdigit()):
        return text  # whole kroner with exponent 0 (a zero is already 0): the canonical text
    return format(_whole_ore(value, q), "f")


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
    return _make(value)
