"""The district index: a score per municipality, and reading KDD's file."""

from __future__ import annotations

import bisect
import itertools
import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from decimal import Decimal
from typing import TypeVar

import attrs

from post65._decimal import exact, exact_methods
from post65.districtindex.cells import (
    _UNSEEN,
    _decimal_cell,
    _duplicate,
    _extra_cells_problem,
    _kommunenummer,
    _Memo,
    _Problems,
    _same,
    _score_cell_problem,
    _too_long_problem,
    kommunenummer_problem,
)
from post65.districtindex.files import _columns, _table
from post65.districtindex.rows import RowNotes, Skipped, is_total_row, row_label
from post65.districtindex.table import _MAX_REPORTED, _problem_at, _Want
from post65.errors import InvalidIndex, InvalidParameter, Post65Error, Problem
from post65.geography import MUNICIPALITY_CHANGES_2024, register
from post65.text import Message, msg

V = TypeVar("V")


class FrozenMap(Mapping[str, V]):
    """An immutable, hashable mapping from kommunenummer (or another string) to a value.

    >>> m = FrozenMap({"1826": 5})
    >>> m["1826"], dict(m) == {"1826": 5}, hash(m) == hash(FrozenMap({"1826": 5}))
    (5, True, True)
    """

    __slots__ = ("_data", "_hash")

    def __init__(self, data: Mapping[str, V] | Iterable[tuple[str, V]] = ()) -> None:
        self._data: dict[str, V] = dict(data)
        self._hash: int | None = None

    def __getitem__(self, key: str) -> V:
        return self._data[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __contains__(self, key: object) -> bool:
        return key in self._data

    def __eq__(self, other: object) -> bool:
        if isinstance(other, FrozenMap):
            return self._data == other._data
        if isinstance(other, Mapping):
            return self._data == dict(other.items())
        return NotImplemented

    def __hash__(self) -> int:
        if self._hash is None:
            self._hash = hash(frozenset(self._data.items()))
        return self._hash

    def __repr__(self) -> str:
        return f"FrozenMap({self._data!r})"


# --------------------------------------------------------------------------------------------
# The index value


def _score_problem(where: str, value: object) -> Problem | None:
    """A problem if ``value`` is not a finite Decimal (or int) score in 0-100."""
    if isinstance(value, bool) or not isinstance(value, Decimal | int):
        kind = type(value).__name__
        return Problem(where, msg("index.score.not_decimal", kind=kind))
    if isinstance(value, Decimal) and not value.is_finite():
        return Problem(where, msg("index.score.not_a_number", value=str(value)))
    if not 0 <= value <= 100:
        return _out_of_range(where, Decimal(value))
    return None


def _out_of_range(where: str, score: Decimal) -> Problem:
    digits = len(score.as_tuple().digits)
    if digits > 40 or score.adjusted() < -40:  # written out, more than 40 digits
        return _too_long_problem(where, max(digits, -score.adjusted()))
    return Problem(where, msg("index.score.out_of_range", score=score))


def _check_scores(scores: object) -> FrozenMap[Decimal]:
    if not isinstance(scores, Mapping):
        raise InvalidParameter(msg("index.scores.not_a_mapping"))
    reg = register(2024)
    problems: list[Problem] = []
    out: dict[str, Decimal] = {}
    for nr, value in scores.items():
        if nr not in reg:
            try:
                reg.municipality(nr)
            except Post65Error as exc:
                problems.append(Problem(str(nr), exc.text))
            continue
        problem = _score_problem(nr, value)
        if problem is not None:
            problems.append(problem)
            continue
        score = Decimal(value)
        out[nr] = score.copy_abs() if score.is_zero() else score  # -0 is read as 0
    if problems:
        raise InvalidIndex(problems)
    return FrozenMap({nr: out[nr] for nr in sorted(out)})


def _check_year(_instance: object, _attribute: attrs.Attribute[int | None], value: object) -> None:
    if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
        raise InvalidParameter(msg("index.year.not_an_int", value=repr(value)))


def _notes(items: Iterable[Message]) -> tuple[Message, ...]:
    return tuple(items)


@exact_methods
@attrs.frozen
class DistrictIndex:
    """A district index: a ``Decimal`` score in 0-100 per kommunenummer (2024 numbers).

    ``year`` is the index year when known. ``notes`` say how the file was read (old numbers
    mapped, municipalities missing). Building one checks every number against the 2024 register
    and every score (a ``Decimal`` or ``int`` in 0-100; floats are refused), and reports every
    problem in one :class:`~post65.errors.InvalidIndex`.

    >>> idx = DistrictIndex({"1826": Decimal("12.5"), "0301": 100}, year=2023)
    >>> idx.ranked
    ('1826', '0301')
    >>> sorted(idx.missing)[:2]
    ['1101', '1103']
    """

    scores: Mapping[str, Decimal] = attrs.field(converter=_check_scores)
    """Score per kommunenummer, ordered by kommunenummer."""
    year: int | None = attrs.field(default=None, validator=_check_year)
    """The index year (``None`` when unknown)."""
    source: str | None = attrs.field(default=None, eq=False)
    """Where the index was read from, for messages."""
    notes: tuple[Message, ...] = attrs.field(default=(), eq=False, converter=_notes)
    """How the index was read: old numbers mapped, rows skipped that are no municipality, the
    file's notes on its rows (a ``merknad`` column)."""
    illustrative: bool = attrs.field(default=False, eq=False, kw_only=True)
    """Whether the file marks its scores as made up (a row noted «ILLUSTRATIV…», as in
    ``examples/illustrative-index.csv``): then the first note says so, and ``post65`` warns
    on every use."""
    ranked: tuple[str, ...] = attrs.field(init=False, eq=False, repr=False)
    """The kommunenumre ordered by score, lowest first (equal scores by kommunenummer)."""
    ranked_scores: tuple[Decimal, ...] = attrs.field(init=False, eq=False, repr=False)
    """The scores in the order of :attr:`ranked` (ascending)."""

    @ranked.default
    def _rank(self) -> tuple[str, ...]:
        return tuple(sorted(self.scores, key=lambda nr: (self.scores[nr], nr)))

    @ranked_scores.default
    def _rank_scores(self) -> tuple[Decimal, ...]:
        return tuple(self.scores[nr] for nr in self.ranked)

    @property
    def missing(self) -> frozenset[str]:
        """The municipalities of the 2024 register that have no score in this index."""
        return frozenset(
            k.kommunenummer for k in register(2024) if k.kommunenummer not in self.scores
        )

    def count_at_most(self, score: Decimal) -> int:
        """How many municipalities score at most ``score``.

        >>> DistrictIndex({"1826": 1, "1875": 2, "0301": 2}).count_at_most(Decimal(2))
        3
        """
        return bisect.bisect_right(self.ranked_scores, score)


def describe_missing(missing: frozenset[str]) -> Message:
    """A note naming the municipalities of the 2024 register an index has no score for."""
    reg = register(2024)
    shown = [f"{nr} {reg.municipality(nr).name}" for nr in sorted(missing)[:10]]
    if len(missing) > 10:
        return msg("index.missing_more", count=len(missing), shown=shown, rest=len(missing) - 10)
    return msg("index.missing", count=len(missing), shown=shown)


# --------------------------------------------------------------------------------------------
# Reading files


class _Counter:
    """How many problems a row of an index file has, once the reported ones are full: the same
    judgement as :func:`read_index` makes (a malformed, unknown or repeated kommunenummer, extra
    cells, a bad score), without building the problems, with each distinct cell judged once."""

    __slots__ = ("changes", "first", "known", "map_old", "name_col", "numbers", "seen")

    def __init__(
        self,
        known: frozenset[str],
        changes: dict[str, tuple[str, ...]],
        map_old: bool,
        first: dict[str, int],
        numbers: Callable[[object], str | None],
        name_col: int | None,
    ) -> None:
        self.known, self.changes, self.map_old, self.first = known, changes, map_old, first
        self.numbers, self.name_col = numbers, name_col
        self.seen: dict[tuple[object, object, object], tuple[tuple[str, ...], int]] = {}

    def count(
        self,
        row: Sequence[object],
        knr_col: int,
        score_col: int,
        decimal_cell: Callable[[object], Decimal | None],
    ) -> int:
        raw_nr = row[knr_col] if knr_col < len(row) else None
        raw_score = row[score_col] if score_col < len(row) else None
        col = self.name_col
        raw_name = row[col] if col is not None and col < len(row) else None
        try:
            numbers, bad = self.seen[raw_nr, raw_score, raw_name]
        except (KeyError, TypeError):  # a new pair of cells (or cells that are not text)
            numbers, bad = self._judge(raw_nr, raw_score, raw_name, decimal_cell)
        found = bad
        first = self.first
        for target in numbers:
            if target in first:
                found += 1
            else:
                first[target] = 0
        return found

    def _judge(
        self,
        raw_nr: object,
        raw_score: object,
        raw_name: object,
        decimal_cell: Callable[[object], Decimal | None],
    ) -> tuple[tuple[str, ...], int]:
        """The numbers a row books (whose repeats are problems) and its other problems."""
        nr = self.numbers(raw_nr)
        bad = 0
        numbers: tuple[str, ...] = ()
        if nr is not None and nr in self.known:
            numbers = (nr,)
        elif is_total_row(raw_nr, raw_name):
            return (), 0
        else:
            targets = self.changes.get(nr) if nr is not None else None
            if targets is not None and self.map_old:
                numbers = targets
            else:
                bad += 1
        score = decimal_cell(raw_score)
        bad += int(score is None or not 0 <= score <= 100)
        if type(raw_nr) is str and type(raw_score) is str and raw_name is None:
            self.seen[raw_nr, raw_score, raw_name] = (numbers, bad)
        return numbers, bad


@exact
def read_index(
    path: str | os.PathLike[str] | bytes,
    *,
    year: int | None = None,
    strict: bool = False,
    map_old_numbers: bool = False,
    sheet: str | None = None,
    knr_column: str | None = None,
    score_column: str | None = None,
) -> DistrictIndex:
    """Read a district index file (CSV, or KDD's xlsx with the ``xlsx`` extra) exactly.

    ``path`` is a file path, or the file's bytes. CSV: a header row with a municipality column
    (``kommunenummer``, ``knr``, ``KNR`` or ``kommunenr``) and a score column
    (``distriktsindeks``, ``indeks``, ``DI`` or ``skår``, also with a year: ``DI 2025``,
    ``distriktsindeks 2023``, which gives the year), case-insensitive; other columns are
    ignored; ``,``, ``;`` or tab between fields; decimal comma or point; UTF-8 with or without
    BOM; title lines above the header (a workbook saved as CSV) are passed over. A 3-digit
    number (``301``, as Excel writes ``0301``) gets its leading zero. xlsx: the
    sheet ``sheet``, else «Rådata», else the first sheet with such a header in its first 20
    rows; numbers stored by Excel are read as the shortest decimal that is the same binary
    value. ``knr_column`` and ``score_column`` name the columns by their header (any case) when
    the usual names do not find them, or find two.

    Rows that are no municipality (a blank KNR, the country's ``0`` or «Landet», a county's
    number or name, a «Sum» row) are skipped, and a note names them. A column ``merknad`` (notes
    on the rows) is reported in the notes; a row noted «ILLUSTRATIV…» makes the index
    :attr:`~DistrictIndex.illustrative`, and its first note a warning.

    2023 numbers are refused, with their 2024 numbers suggested, unless
    ``map_old_numbers=True``: then each is read as its 2024 number(s) (1507 Ålesund's score goes
    to both 1508 Ålesund and 1580 Haram) and a note says so. Municipalities of the 2024 register
    that are missing give a note, or a problem when ``strict=True``.

    :raises InvalidIndex: (a ``ValueError``) with every problem, each with its line (a CSV
        file) or row (a worksheet): unknown or malformed municipality numbers, duplicates,
        scores outside 0-100, cells that are not numbers or formulas never computed, missing
        columns (with the columns seen), a sheet not in the workbook (with its sheets), an
        unreadable file.
    """
    want = _Want("score", sheet, knr_column, score_column)
    table = _table(path, want)
    columns, problems = _columns(table, want)
    if columns is None:
        raise InvalidIndex(problems, source=table.source)
    knr_col, score_col = columns.knr, columns.value
    knr_name, score_name, name_col, note_col = (
        columns.knr_name,
        columns.value_name,
        columns.name,
        columns.note,
    )
    reg = register(2024)
    word = table.word
    found = _Problems(word)
    skipped = Skipped(word, table.source)
    row_notes = RowNotes()
    scores: dict[str, Decimal] = {}
    first_line: dict[str, int] = {}
    mapped: dict[str, None] = {}  # the old numbers read as their 2024 numbers, in order
    csv_width = len(table.header) if table.delimiter is not None else None
    known = frozenset(k.kommunenummer for k in reg)
    kommunenummer, decimal_cell = _Memo(_kommunenummer), _Memo(_decimal_cell)
    knr_seen, score_seen = kommunenummer.cache, decimal_cell.cache
    changes = dict(MUNICIPALITY_CHANGES_2024)
    rows = 0
    for line, row in table.rows:
        rows += 1
        if found.count >= _MAX_REPORTED:  # the reported problems are full: only count the rest
            rest = _Counter(known, changes, map_old_numbers, first_line, kommunenummer, name_col)
            comma = table.delimiter == ","
            for at, more in itertools.chain([(line, row)], table.rows):  # this row, then the rest
                rows += at != line
                if (
                    csv_width is not None
                    and len(more) > csv_width
                    and _extra_cells_problem(table, at, more, comma) is not None
                ):
                    found.count += 1
                else:
                    found.count += rest.count(more, knr_col, score_col, decimal_cell)
            break
        if csv_width is not None and len(row) > csv_width:
            extra = _extra_cells_problem(table, line, row, table.delimiter == ",")
            if extra is not None:
                found.add(_same, extra)
                continue
        raw_nr = row[knr_col] if knr_col < len(row) else None
        raw_score = row[score_col] if score_col < len(row) else None
        nr = knr_seen.get(raw_nr, _UNSEEN)  # type: ignore[call-overload]
        if nr is _UNSEEN:
            nr = kommunenummer(raw_nr)
        numbers: tuple[str, ...] = ()
        if nr in known:  # the common case: a 2024 number
            if nr in first_line:
                found.at(line, knr_name, _duplicate, nr, nr, first_line[nr], word)
            else:
                first_line[nr] = line
                numbers = (nr,)
        elif is_total_row(raw_nr, _cell(row, name_col)):
            skipped.add(line, row_label(row, knr_col, name_col))
            continue
        elif nr is None:
            found.at(line, knr_name, kommunenummer_problem, raw_nr)
        else:
            targets = changes.get(nr)
            if targets is not None and map_old_numbers:
                numbers = targets
                mapped[nr] = None
            else:
                found.at(line, knr_name, kommunenummer_problem, raw_nr)
            for target in numbers:
                if target in first_line:
                    found.at(line, knr_name, _duplicate, nr, target, first_line[target], word)
                else:
                    first_line[target] = line
        score = score_seen.get(raw_score, _UNSEEN)  # type: ignore[call-overload]
        if score is _UNSEEN:
            score = decimal_cell(raw_score)
        if score is None:
            found.at(line, score_name, _score_cell_problem, raw_score)
        elif not 0 <= score <= 100:
            found.at(line, score_name, _out_of_range, score)
        else:
            for target in numbers:
                scores.setdefault(target, score)
                if note_col is not None:
                    row_notes.add(target, _cell(row, note_col))
    if rows == skipped.count:
        found.add(
            _same,
            _problem_at(word, table.header_line, msg("index.file.no_rows")),
        )
    notes: list[Message] = []
    if strict and rows > skipped.count:
        missing = frozenset(k.kommunenummer for k in reg if k.kommunenummer not in first_line)
        if missing:
            found.add(Problem, table.label, describe_missing(missing))
    if found:
        raise InvalidIndex(found.summary(), source=table.source)
    notes.extend(row_notes.notes(table.source))
    if mapped:
        split = [nr for nr in mapped if len(MUNICIPALITY_CHANGES_2024[nr]) > 1]
        splits = [
            msg("index.mapped.split", nr=nr, targets=list(MUNICIPALITY_CHANGES_2024[nr]))
            for nr in split
        ]
        notes.append(
            msg("index.mapped_split", count=len(mapped), splits=splits)
            if splits
            else msg("index.mapped", count=len(mapped))
        )
    skipped_note = skipped.note()
    if skipped_note is not None:
        notes.append(skipped_note)
    return DistrictIndex(
        scores,
        year=year if year is not None else columns.year,
        source=table.source,
        notes=notes,
        illustrative=row_notes.illustrative,
    )


def _cell(row: Sequence[object], col: int | None) -> object:
    return row[col] if col is not None and col < len(row) else None
