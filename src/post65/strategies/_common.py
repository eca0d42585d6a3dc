"""The shared building blocks: text, money, numbers of the 2024 register, dates, state aid,
and the helpers that edit a document's JSON."""

from __future__ import annotations

import datetime as dt
import functools
import json
import typing
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from hypothesis import strategies as st

from post65.geography import Fylke, Kommune, register
from post65.measures import (
    Period,
)
from post65.money import Money, nok
from post65.stateaid import (
    Aid,
    DeMinimisRegister,
    Organisasjonsnummer,
    Regime,
    Support,
    organisasjonsnummer_check_digit,
)

JSON = dict[str, Any]


# --------------------------------------------------------------------------------------------
# Values
#
# Every function that returns a strategy is cached: Hypothesis validates each new strategy object
# once, and building strategies afresh inside every draw would cost more than the drawing.


@functools.cache
def texts(*, min_size: int = 0, max_size: int = 30) -> st.SearchStrategy[str]:
    """Free text: any Unicode (no surrogates), Norwegian letters and odd spaces likely."""
    return st.text(
        st.characters(codec="utf-8") | st.sampled_from("æøåÆØÅ«»–—€\u00a0\u2009 "),
        min_size=min_size,
        max_size=max_size,
    )


@functools.cache
def _words(*, max_size: int = 30) -> st.SearchStrategy[str]:
    """Text that is not blank (for ids and the fields a validator wants filled)."""
    return texts(min_size=1, max_size=max_size).filter(lambda s: bool(s.strip()))


@functools.cache
def amounts(
    min_value: int | Decimal = 0, max_value: int | Decimal = 10**10, *, ore: bool = True
) -> st.SearchStrategy[Money]:
    """Exact NOK amounts from ``min_value`` to ``max_value`` kroner: whole kroner, or (``ore``)
    kroner and øre (two decimals). Never a float, never NaN.

    >>> from hypothesis import find
    >>> find(amounts(100), lambda q: True)
    <Quantity(100, 'NOK')>
    """
    low, high = Decimal(min_value), Decimal(max_value)
    whole = st.integers(int(low.to_integral_value("ROUND_CEILING")), int(high)).map(nok)
    if not ore:
        return whole
    with_ore = st.decimals(low, high, places=2, allow_nan=False, allow_infinity=False).map(nok)
    return whole | with_ore


@functools.cache
def _municipality_numbers(county: str | None = None) -> tuple[str, ...]:
    reg = register(2024)
    if county is None:
        return tuple(k.kommunenummer for k in reg)
    return tuple(k.kommunenummer for k in reg.municipalities_in(county))


@functools.cache
def _county_numbers() -> tuple[str, ...]:
    return tuple(f.fylkesnummer for f in register(2024).counties)


@functools.cache
def kommunenummer(county: str | None = None) -> st.SearchStrategy[str]:
    """A kommunenummer of the 2024 register (of the county ``county``, a fylkesnummer, if given).

    >>> from hypothesis import find
    >>> find(kommunenummer("18"), lambda nr: True)
    '1804'
    """
    return st.sampled_from(_municipality_numbers(county))


@functools.cache
def _near(county: str) -> st.SearchStrategy[str]:
    """A kommunenummer, most often one of ``county``."""
    return kommunenummer(county) | kommunenummer()


@functools.cache
def fylkesnummer() -> st.SearchStrategy[str]:
    """A fylkesnummer of the 15 counties of 2024."""
    return st.sampled_from(_county_numbers())


@functools.cache
def invalid_kommunenummer() -> st.SearchStrategy[str]:
    """Text that is no kommunenummer of 2024 (nor a 2024 fylkesnummer): numbers of 2023 and
    earlier (``"3005"``, ``"5401"``, ``"1507"``), unused numbers, malformed text (``"301"``,
    ``" 1804"``, ``"18O4"``, non-ASCII digits, empty).

    >>> from hypothesis import find
    >>> nr = find(invalid_kommunenummer(), lambda nr: True)
    >>> nr in register(2024)
    False
    """
    from post65.geography import MUNICIPALITY_CHANGES_2024

    taken = set(_municipality_numbers()) | set(_county_numbers())
    old = sorted(nr for nr in MUNICIPALITY_CHANGES_2024 if nr not in taken)
    candidates = st.one_of(
        st.sampled_from(old),
        st.integers(0, 9999).map(lambda n: f"{n:04d}"),
        st.sampled_from(["", "301", "18O4", " 1804", "1804 ", "١٨٠٤", "18-04", "0", "99"]),
        st.text(max_size=6),
    )
    return candidates.filter(lambda nr: nr not in taken)


def _with_check_digit(first: int) -> str | None:
    digits = f"{first:08d}"
    check = organisasjonsnummer_check_digit(digits)
    return None if check is None else digits + str(check)


@functools.cache
def organisasjonsnummer() -> st.SearchStrategy[str]:
    """A valid organisasjonsnummer: nine digits, the last the mod-11 check digit.

    >>> from post65.stateaid import is_organisasjonsnummer
    >>> from hypothesis import find
    >>> is_organisasjonsnummer(find(organisasjonsnummer(), lambda s: True))
    True
    """
    return (
        st.integers(80_000_000, 99_999_999)
        .map(_with_check_digit)
        .filter(lambda s: s is not None)
        .map(lambda s: typing.cast(str, s))
    )


@functools.cache
def _dates(first: int = 2015, last: int = 2035) -> st.SearchStrategy[dt.date]:
    return st.dates(dt.date(first, 1, 1), dt.date(last, 12, 31))


def _period(start: dt.date, days: int | None) -> Period:
    return Period(start, None if days is None else start + dt.timedelta(days=days))


_PERIODS = st.builds(_period, _dates(), st.none() | st.integers(0, 2500))


def _tuples(
    elements: st.SearchStrategy[Any], *, min_size: int = 0, max_size: int = 3
) -> st.SearchStrategy[tuple[Any, ...]]:
    return st.lists(elements, min_size=min_size, max_size=max_size).map(tuple)


# --------------------------------------------------------------------------------------------
# Editing a document's JSON (for the refusals)


def _set(data: Any, path: tuple[Any, ...], value: Any) -> Any:
    if not path:
        return value
    head, rest = path[0], path[1:]
    copy = list(data) if isinstance(data, list) else dict(data)
    copy[head] = _set(data[head], rest, value)
    return copy


def _get(data: Any, path: tuple[Any, ...]) -> Any:
    for step in path:
        data = data[step]
    return data


def _put(data: JSON, path: tuple[Any, ...], value: Any) -> JSON:
    """``data`` with the value at ``path`` replaced (a copy; ``data`` is left as it is)."""
    return typing.cast(JSON, _set(data, path, value))


def _to_json_value(obj: object) -> Any:
    """The JSON value of any part of a document (the converter's unstructured form)."""
    from post65.io import converter

    return json.loads(json.dumps(converter.unstructure(obj), ensure_ascii=False))


def _bad_number(draw: st.DrawFn, data: JSON, path: tuple[Any, ...]) -> JSON:
    return typing.cast(JSON, _set(data, path, draw(invalid_kommunenummer())))


def _bad_county(draw: st.DrawFn) -> str:
    taken = set(_county_numbers())
    return draw(
        st.sampled_from(["30", "38", "54", "99", "0", "1", "018", " 18"])
        | st.text(max_size=3).filter(lambda s: s not in taken)
    )


# --------------------------------------------------------------------------------------------
# State aid (scheme b applications and scheme c programmes), the register, texts

_AIDS = st.builds(Aid, _dates(2015, 2030), amounts(0, 10**7), texts(), texts())
_SUPPORTS = st.builds(
    Support,
    organisasjonsnummer=organisasjonsnummer(),
    name=texts(),
    amount=amounts(0, 10**7),
    granted=_dates(2018, 2030),
    previous_aid=_tuples(_AIDS),
    eur_nok_rate=st.none() | st.integers(800, 1500).map(lambda n: Decimal(n).scaleb(-2)),
    regime=st.none() | st.sampled_from(Regime),
)


TYPES: dict[type, Callable[[], st.SearchStrategy[Any]]] = {
    Aid: lambda: _AIDS,
    DeMinimisRegister: lambda: st.builds(DeMinimisRegister, organisasjonsnummer(), _tuples(_AIDS)),
    Fylke: lambda: st.sampled_from(register(2024).counties),
    Kommune: lambda: st.sampled_from(tuple(register(2024))),
    Organisasjonsnummer: lambda: organisasjonsnummer().map(Organisasjonsnummer),
    Support: lambda: _SUPPORTS,
}
"""The post65 types whose strategies this module gives (see :func:`post65.strategies.for_type`)."""
