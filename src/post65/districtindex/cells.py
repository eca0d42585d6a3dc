"""Cells of an index or population file read one by one, and the problems they raise."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Concatenate, Final, Generic, ParamSpec, TypeVar

from post65.districtindex.table import (
    _MAX_REPORTED,
    _NUMBER_RE,
    _show,
    _Table,
    _Uncomputed,
)
from post65.errors import Post65Error, Problem
from post65.geography import MUNICIPALITY_CHANGES_2024, Register

V = TypeVar("V")
_P = ParamSpec("_P")


def _kommunenummer(value: object) -> str | None:
    """The 4-digit text of a cell (``301`` from Excel becomes ``0301``), or None if malformed."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        text = str(value)
    elif isinstance(value, float) and value.is_integer() and 0 <= value < 10_000:
        text = str(int(value))
    elif isinstance(value, str):
        text = value.strip()
    else:
        return None
    if text.isascii() and text.isdigit() and len(text) in (3, 4):
        return text.zfill(4)
    return None


def _decimal_cell(value: object) -> Decimal | None:
    """The exact number of a cell, or None. Excel stores numbers as binary floats: the shortest
    text that reads back as the same float (``repr``) is taken, i.e. the number as typed."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value)) if value == value and abs(value) != float("inf") else None
    if isinstance(value, str):
        text = value.strip().replace("\u2212", "-")
        if _NUMBER_RE.fullmatch(text):
            return Decimal(text.replace(",", "."))
    return None


def _extra_cells_problem(
    table: _Table, line: int, row: Sequence[object], delimiter_hint: bool
) -> Problem | None:
    if table.delimiter is None or len(row) <= len(table.header):
        return None  # a worksheet's cells right of the header are ignored
    extra = [c for c in row[len(table.header) :] if c is not None and str(c).strip()]
    if not extra:
        return None
    hint_nb = " (et desimalkomma i en kommaseparert fil må stå i anførselstegn; bruk ;)"
    hint_en = " (a decimal comma in a comma-separated file must be quoted; use ;)"
    return Problem(
        f"line {line}",
        f"linjen har {len(row)} felt, men overskriften har {len(table.header)}"
        + (hint_nb if delimiter_hint else ""),
        f"the line has {len(row)} fields but the header has {len(table.header)}"
        + (hint_en if delimiter_hint else ""),
    )


_UNSEEN: Final = object()


class _Memo(Generic[V]):
    """``fn`` of a text cell, remembered: a large file repeats the same few cells. Only text
    is remembered, so ``cache.get(cell)`` finds no other kind of cell (``True == 1``)."""

    __slots__ = ("cache", "fn")

    def __init__(self, fn: Callable[[object], V]) -> None:
        self.fn = fn
        self.cache: dict[str, V] = {}

    def __call__(self, raw: object) -> V:
        if type(raw) is not str:
            return self.fn(raw)
        try:
            return self.cache[raw]
        except KeyError:
            value = self.cache[raw] = self.fn(raw)
            if len(self.cache) > 10_000:
                self.cache.clear()
            return value


class _Problems:
    """The problems of a file: the first 200 kept, the others only counted (exactly), so that a
    file with millions of bad lines costs no more memory than one with 200. Each problem is
    built only when it is kept."""

    __slots__ = ("count", "kept")

    def __init__(self) -> None:
        self.kept: list[Problem] = []
        self.count = 0

    def __bool__(self) -> bool:
        return self.count > 0

    def add(self, make: Callable[_P, Problem], *args: _P.args, **kwargs: _P.kwargs) -> None:
        """Count the problem ``make(*args)``, and build and keep it if fewer are kept than 200."""
        if self.count < _MAX_REPORTED:
            self.kept.append(make(*args, **kwargs))
        self.count += 1

    def at(
        self,
        line: int,
        column: str,
        make: Callable[Concatenate[str, _P], Problem],
        *args: _P.args,
        **kwargs: _P.kwargs,
    ) -> None:
        """Count the problem ``make("line N, column C", *args)``; build and keep it as ``add``."""
        if self.count < _MAX_REPORTED:
            self.kept.append(make(f"line {line}, column {column}", *args, **kwargs))
        self.count += 1

    def summary(self) -> list[Problem]:
        """The kept problems, and a closing line counting the others."""
        rest = self.count - len(self.kept)
        if not rest:
            return list(self.kept)
        return [*self.kept, Problem("...", f"og {rest} feil til", f"and {rest} more problems")]


_NUMBER_LIKE: Final = re.compile(
    r"[+-]?[0-9]+(?:[.,][0-9]+)?|[0-9]+(?:[ \u00a0\u202f\u2009][0-9]+)+"
)


def _same(problem: Problem) -> Problem:
    return problem


def _uncomputed_problem(where: str) -> Problem:
    return Problem(
        where,
        "cellen inneholder en formel som aldri er regnet ut: åpne og lagre filen i Excel",
        "the cell holds a formula that was never computed: open and save the file in Excel",
    )


def _too_long_problem(where: str, digits: int) -> Problem:
    return Problem(
        where,
        f"tallet er for langt ({digits} sifre)",
        f"the number is too long ({digits} digits)",
    )


def _digits(value: object) -> int | None:
    """How many digits a number-like cell has that is too long to be read, else None."""
    if isinstance(value, int) and not isinstance(value, bool):
        return len(Decimal(value).as_tuple().digits)
    if isinstance(value, float) and value.is_integer():  # Excel's way of storing 10**40
        return len(str(int(abs(value))))
    if isinstance(value, str):
        text = value.strip().replace("\u2212", "-")
        if _NUMBER_LIKE.fullmatch(text):
            return sum(c.isdigit() for c in text)
    return None


def _value_problem(where: str, raw: object, what_nb: str, what_en: str) -> Problem:
    """The problem of a cell that should hold a number: missing, a formula never computed, a
    number too long, or not a number."""
    if isinstance(raw, _Uncomputed):
        return _uncomputed_problem(where)
    if raw is None or not str(raw).strip():
        return Problem(where, f"{what_nb} mangler", f"the {what_en} is missing")
    digits = _digits(raw)
    if digits is not None:
        return _too_long_problem(where, digits)
    return Problem(where, f"«{_show(raw)}» er ikke et tall", f"'{_show(raw)}' is not a number")


def _not_a_kommunenummer(where: str, raw: object) -> Problem:
    if isinstance(raw, _Uncomputed):
        return _uncomputed_problem(where)
    return Problem(
        where,
        f"«{_show(raw)}» er ikke et kommunenummer (4 sifre)",
        f"'{_show(raw)}' is not a kommunenummer (4 digits)",
    )


def _unknown_municipality(where: str, reg: Register, nr: str) -> Problem:
    """The problem of a number not in the 2024 register (with the 2024 mapping suggested)."""
    try:
        reg.municipality(nr)
    except Post65Error as exc:
        nb, en = exc.nb, exc.en
    else:  # pragma: no cover - nr is not in the register
        nb = en = nr
    if nr in MUNICIPALITY_CHANGES_2024:
        nb += " (les filen med --map-old-numbers / map_old_numbers=True for å bruke 2024-numrene)"
        en += (
            " (read the file with --map-old-numbers / map_old_numbers=True to use the 2024 numbers)"
        )
    return Problem(where, nb, en)


def _duplicate(where: str, nr: str, target: str, first: int) -> Problem:
    also = "" if target == nr else f" ({nr} → {target})"
    return Problem(
        where,
        f"kommunenummer {target}{also} står også på linje {first}",
        f"kommunenummer {target}{also} is also on line {first}",
    )
