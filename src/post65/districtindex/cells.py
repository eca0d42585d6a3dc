"""Cells of an index or population file read one by one, and the problems they raise."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Concatenate, Final, Generic, ParamSpec, TypeVar

from post65.districtindex.table import (
    _MAX_REPORTED,
    _NUMBER_RE,
    _place,
    _problem_at,
    _show,
    _Table,
    _Uncomputed,
    _where,
)
from post65.errors import Problem
from post65.geography import MUNICIPALITY_CHANGES_2024, municipality_problem
from post65.text import msg

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
    fields, header = len(row), len(table.header)
    if delimiter_hint:
        return _problem_at(
            "line", line, msg("index.line.extra_fields_comma", fields=fields, header=header)
        )
    return _problem_at("line", line, msg("index.line.extra_fields", fields=fields, header=header))


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

    __slots__ = ("count", "kept", "word")

    def __init__(self, word: str = "line") -> None:
        self.kept: list[Problem] = []
        self.count = 0
        self.word = word

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
        """Count the problem ``make("line N, column C", *args)`` (``row N`` in a worksheet);
        build and keep it as ``add``, its place in words of each language (``linje N, kolonne
        C``)."""
        if self.count < _MAX_REPORTED:
            problem = make(_where(self.word, line, column), *args, **kwargs)
            place = _place(self.word, line, column)
            self.kept.append(Problem(problem.where, problem.text, place))
        self.count += 1

    def summary(self) -> list[Problem]:
        """The kept problems, and a closing line counting the others."""
        rest = self.count - len(self.kept)
        if not rest:
            return list(self.kept)
        return [*self.kept, Problem("...", msg("errors.more_problems", rest=rest))]


_NUMBER_LIKE: Final = re.compile(
    r"[+-]?[0-9]+(?:[.,][0-9]+)?|[0-9]+(?:[ \u00a0\u202f\u2009][0-9]+)+"
)


def _same(problem: Problem) -> Problem:
    return problem


def _uncomputed_problem(where: str) -> Problem:
    return Problem(where, msg("index.cell.uncomputed"))


def _too_long_problem(where: str, digits: int) -> Problem:
    return Problem(where, msg("index.cell.too_long", digits=digits))


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


def _score_cell_problem(where: str, raw: object) -> Problem:
    """The problem of a cell that should hold a score: missing, a formula never computed, a
    number too long, or not a number."""
    if isinstance(raw, _Uncomputed):
        return _uncomputed_problem(where)
    if raw is None or not str(raw).strip():
        return Problem(where, msg("index.cell.score_missing"))
    digits = _digits(raw)
    if digits is not None:
        return _too_long_problem(where, digits)
    return Problem(where, msg("index.cell.not_a_number", value=_show(raw)))


def kommunenummer_problem(where: str, raw: object) -> Problem:
    """The problem of a cell ``raw`` that holds no kommunenummer of the 2024 register, the one
    both file readers report: «'x' is not a kommunenummer (4 digits)» for a malformed cell (or
    a formula never computed), else the register's own message (the nearest numbers, the 2024
    number of an old one), with a hint to read old numbers as their 2024 numbers."""
    if isinstance(raw, _Uncomputed):
        return _uncomputed_problem(where)
    nr = _kommunenummer(raw)
    if nr is None:
        return Problem(where, msg("index.not_a_kommunenummer", value=_show(raw)))
    unknown = municipality_problem(where, nr)
    if unknown is None:  # pragma: no cover - only called for a number not in the register
        return Problem(where, msg("index.not_a_kommunenummer", value=nr))
    if nr in MUNICIPALITY_CHANGES_2024:
        return Problem(where, msg("index.old_kommunenummer", error=unknown.text))
    return unknown


def _duplicate(where: str, nr: str, target: str, first: int, word: str = "line") -> Problem:
    row = ".row" if word == "row" else ""
    if target == nr:
        return Problem(where, msg("index.duplicate" + row, nr=nr, first=first))
    return Problem(where, msg("index.duplicate_old" + row, old=nr, nr=target, first=first))


KEYS: Final = (
    "index.duplicate",
    "index.duplicate_old",
    "index.duplicate.row",
    "index.duplicate_old.row",
)
"""The message keys built at run time (a worksheet's duplicates name the first row)."""
