"""The district index (distriktsindeksen): KDD's file read exactly, or computed from its indicators.

KDD publishes the index yearly, one score from 0 to 100 per municipality; the lowest scores have
the largest district challenges. The scores are **not** shipped with post65: the user supplies
KDD's file (``examples/illustrative-index.csv`` is a made-up file for trying things out, not
KDD's figures).

- :func:`read_index` reads a CSV file (``kommunenummer``/``knr``/``KNR`` and
  ``distriktsindeks``/``indeks`` columns, ``,`` or ``;`` between fields, decimal comma or point,
  UTF-8 with or without BOM, any line ending) or KDD's xlsx workbook (sheet «Rådata», or the first
  sheet with a KNR column and an index column; needs the ``xlsx`` extra). Every problem is
  reported together, each with its line.
- :func:`read_population` reads the ``kommunenummer,folketall`` file ``post65 allocate
  --population`` takes.
- :func:`compute_index` computes an index from its four indicators by the published method.

>>> from decimal import Decimal
>>> index = read_index(b"knr;distriktsindeks\\n1826;12,5\\n1875;30\\n")
>>> index.scores["1826"], len(index.scores), len(index.missing)
(Decimal('12.5'), 2, 355)
>>> read_index(b"knr;indeks\\n1826;12,5\\n1826;130\\n")
Traceback (most recent call last):
...
post65.errors.InvalidIndex: 2 problems:
  line 3, column knr: kommunenummer 1826 is also on line 2
  line 3, column indeks: the score 130 is outside 0-100
"""

from __future__ import annotations

import bisect
import csv
import io
import os
import re
import unicodedata
import warnings
from collections.abc import Iterable, Iterator, Mapping, Sequence
from decimal import (
    ROUND_HALF_EVEN,
    ROUND_HALF_UP,
    Context,
    Decimal,
    DivisionByZero,
    InvalidOperation,
    Overflow,
    localcontext,
)
from pathlib import Path
from typing import Final, TypeVar

import attrs

from post65._decimal import exact, exact_methods
from post65.errors import InvalidIndex, InvalidParameter, Post65Error, Problem, summarise
from post65.geography import MUNICIPALITY_CHANGES_2024, Register, register
from post65.rulebook import Text

__all__ = [
    "DEFAULT_TRUNCATION",
    "DEFAULT_WEIGHTS",
    "INDEX_PRECISION",
    "MAX_INDEX_BYTES",
    "DistrictIndex",
    "FrozenMap",
    "Indicators",
    "compute_index",
    "describe_missing",
    "read_index",
    "read_population",
]

V = TypeVar("V")

MAX_INDEX_BYTES: Final[int] = 64 * 1024 * 1024
"""The largest index or population file read (64 MiB)."""

_MAX_REPORTED = 200  # more problems than this are summarised in one closing line


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
        return Problem(
            where,
            f"skåren må være en Decimal, ikke {kind} (flyttall avvises)",
            f"the score must be a Decimal, not a {kind} (floats are refused)",
        )
    if isinstance(value, Decimal) and not value.is_finite():
        return Problem(
            where, f"skåren {value} er ikke et tall", f"the score {value} is not a number"
        )
    if not 0 <= value <= 100:
        return Problem(
            where, f"skåren {value} er utenfor 0-100", f"the score {value} is outside 0-100"
        )
    return None


def _check_scores(scores: object) -> FrozenMap[Decimal]:
    if not isinstance(scores, Mapping):
        raise InvalidParameter(
            "skårene må være en mapping fra kommunenummer til Decimal",
            "the scores must be a mapping from kommunenummer to Decimal",
        )
    reg = register(2024)
    problems: list[Problem] = []
    out: dict[str, Decimal] = {}
    for nr, value in scores.items():
        if nr not in reg:
            try:
                reg.municipality(nr)
            except Post65Error as exc:
                problems.append(Problem(str(nr), exc.nb, exc.en))
            continue
        problem = _score_problem(nr, value)
        if problem is not None:
            problems.append(problem)
            continue
        out[nr] = Decimal(value)
    if problems:
        raise InvalidIndex(problems)
    return FrozenMap({nr: out[nr] for nr in sorted(out)})


def _check_year(_instance: object, _attribute: attrs.Attribute[int | None], value: object) -> None:
    if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
        raise InvalidParameter(
            f"året må være et heltall eller None, fikk {value!r}",
            f"the year must be an integer or None, got {value!r}",
        )


def _notes(items: Iterable[Text]) -> tuple[Text, ...]:
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
    notes: tuple[Text, ...] = attrs.field(default=(), eq=False, converter=_notes)
    """How the index was read: old numbers mapped, municipalities missing."""
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


def describe_missing(missing: frozenset[str]) -> Text:
    """A note naming the municipalities of the 2024 register an index has no score for."""
    reg = register(2024)
    shown = ", ".join(f"{nr} {reg.municipality(nr).name}" for nr in sorted(missing)[:10])
    more_nb = f" og {len(missing) - 10} til" if len(missing) > 10 else ""
    more_en = f" and {len(missing) - 10} more" if len(missing) > 10 else ""
    return Text(
        f"{len(missing)} kommuner i 2024-registeret mangler i indeksen og kan ikke velges:"
        f" {shown}{more_nb}",
        f"{len(missing)} municipalities of the 2024 register are missing from the index and"
        f" cannot be selected: {shown}{more_en}",
    )


# --------------------------------------------------------------------------------------------
# Reading files


_KNR_NAMES: Final = frozenset({"kommunenummer", "knr"})
_SCORE_RE: Final = re.compile(r"(?:distriktsindeks|indeks)(?:[ _-]?(?P<year>(?:19|20)[0-9]{2}))?")
_POPULATION_NAMES: Final = frozenset({"folketall", "befolkning", "innbyggere", "population"})
_NUMBER_RE: Final = re.compile(r"[+-]?[0-9]{1,12}(?:[.,][0-9]{1,30})?")
_INT_RE: Final = re.compile(r"[0-9]{1,3}(?:[ \u00a0\u202f\u2009][0-9]{3})+|[0-9]{1,12}")
_XLSX_MAGIC: Final = b"PK\x03\x04"
_XLS_MAGIC: Final = b"\xd0\xcf\x11\xe0"
_HEADER_SEARCH_ROWS = 20


def _norm_header(value: object) -> str:
    if not isinstance(value, str):
        return "" if value is None else str(value).strip().casefold()
    text = unicodedata.normalize("NFC", value).replace("\ufeff", "")
    return " ".join(text.split()).casefold()


@attrs.frozen
class _Table:
    """Rows of a CSV file or a worksheet: a header and the data rows, with their line numbers."""

    header: tuple[str, ...]
    header_line: int
    rows: tuple[tuple[int, tuple[object, ...]], ...]
    source: str | None
    delimiter: str | None = None

    @property
    def label(self) -> str:
        """How file-level problems name the file."""
        return self.source or "index"


def _read_bytes(path: str | os.PathLike[str] | bytes) -> tuple[bytes, str | None]:
    if isinstance(path, bytes):
        return path, None
    if not isinstance(path, str | os.PathLike):
        raise InvalidParameter(
            f"forventet en filsti eller bytes, fikk {type(path).__name__}",
            f"expected a file path or bytes, got a {type(path).__name__}",
        )
    name = os.fspath(path)
    if "\0" in name:  # the OS would refuse it with a bare ValueError
        shown = repr(name)[1:-1]
        raise InvalidIndex(
            [
                Problem(
                    shown,
                    "filstien inneholder et NUL-tegn",
                    "the file path contains a NUL character",
                )
            ],
            source=shown,
        )
    try:
        with Path(name).open("rb") as fh:
            data = fh.read(MAX_INDEX_BYTES + 1)
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise InvalidIndex(
            [Problem(name, f"kan ikke lese filen: {reason}", f"cannot read the file: {reason}")],
            source=name,
        ) from None
    if len(data) > MAX_INDEX_BYTES:
        mib = MAX_INDEX_BYTES // (1024 * 1024)
        raise InvalidIndex(
            [Problem(name, f"filen er større enn {mib} MiB", f"the file is larger than {mib} MiB")],
            source=name,
        )
    return data, name


def _csv_table(data: bytes, name: str | None) -> _Table:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InvalidIndex(
            [
                Problem(
                    name or "index",
                    f"filen er ikke UTF-8-tekst (byte {exc.start}); lagre den som «CSV UTF-8»",
                    f"the file is not UTF-8 text (byte {exc.start}); save it as 'CSV UTF-8'",
                )
            ],
            source=name,
        ) from None
    first = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = ";" if ";" in first else "," if "," in first else "\t" if "\t" in first else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header: tuple[str, ...] | None = None
    header_line = 0
    rows: list[tuple[int, tuple[object, ...]]] = []
    line = 1
    try:
        for record in reader:
            start = line
            line = reader.line_num + 1
            if not any(cell.strip() for cell in record):
                continue
            if header is None:
                header, header_line = tuple(record), start
            else:
                rows.append((start, tuple(record)))
    except csv.Error as exc:
        raise InvalidIndex(
            [Problem(f"line {line}", f"ugyldig CSV: {exc}", f"invalid CSV: {exc}")], source=name
        ) from None
    if header is None:
        raise InvalidIndex(
            [Problem(name or "index", "filen er tom", "the file is empty")], source=name
        )
    return _Table(header, header_line, tuple(rows), name, delimiter)


def _is_header(cells: Sequence[object], score_names: bool) -> bool:
    names = [_norm_header(c) for c in cells]
    if not any(n in _KNR_NAMES for n in names):
        return False
    if score_names:
        return any(_SCORE_RE.fullmatch(n) for n in names)
    return any(n in _POPULATION_NAMES for n in names)


def _xlsx_table(data: bytes, source: str | None, *, score_names: bool) -> _Table:
    name = source or "index"
    try:
        import openpyxl
    except ImportError:
        raise InvalidIndex(
            [
                Problem(
                    name,
                    "xlsx-filer kan bare leses når tillegget «xlsx» er installert"
                    " (pip install 'post65[xlsx]'); lagre ellers arket som CSV",
                    "xlsx files can be read only with the 'xlsx' extra installed"
                    " (pip install 'post65[xlsx]'); or save the sheet as CSV",
                )
            ],
            source=source,
        ) from None
    titles: list[str] = []
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            try:
                sheets = list(book.worksheets)
                titles = [str(sheet.title) for sheet in sheets]
                preferred = [s for s in sheets if _norm_header(s.title) == "rådata"]
                for sheet in preferred + [s for s in sheets if s not in preferred]:
                    found = _sheet_table(sheet, f"{name} ({sheet.title})", score_names)
                    if found is not None:
                        return found
            finally:
                book.close()
    except Exception as exc:  # openpyxl raises many types for a damaged workbook
        raise InvalidIndex(
            [
                Problem(
                    name,
                    f"kan ikke lese xlsx-filen ({type(exc).__name__})",
                    f"cannot read the xlsx file ({type(exc).__name__})",
                )
            ],
            source=source,
        ) from None
    wanted = "et indeks-felt" if score_names else "et folketall-felt"
    wanted_en = "an index column" if score_names else "a population column"
    raise InvalidIndex(
        [
            Problem(
                name,
                f"fant ikke noe ark med en KNR-kolonne og {wanted} (ark: {', '.join(titles)})",
                f"found no sheet with a KNR column and {wanted_en} (sheets: {', '.join(titles)})",
            )
        ],
        source=source,
    )


def _sheet_table(sheet: object, label: str, score_names: bool) -> _Table | None:
    """The table of a worksheet whose header is in its first 20 rows, else None."""
    rows = [tuple(r) for r in sheet.iter_rows(values_only=True)]  # type: ignore[attr-defined]
    for i, cells in enumerate(rows[:_HEADER_SEARCH_ROWS]):
        if _is_header(cells, score_names):
            header = tuple("" if c is None else str(c) for c in cells)
            data_rows = tuple(
                (j + 1, row)
                for j, row in enumerate(rows)
                if j > i and any(c is not None and str(c).strip() for c in row)
            )
            return _Table(header, i + 1, data_rows, label, None)
    return None


def _table(path: str | os.PathLike[str] | bytes, *, score_names: bool) -> _Table:
    data, name = _read_bytes(path)
    if data.startswith(_XLSX_MAGIC):
        return _xlsx_table(data, name, score_names=score_names)
    if data.startswith(_XLS_MAGIC):
        raise InvalidIndex(
            [
                Problem(
                    name or "index",
                    "gamle Excel-filer (.xls) kan ikke leses; lagre som xlsx eller CSV",
                    "old Excel files (.xls) cannot be read; save as xlsx or CSV",
                )
            ],
            source=name,
        )
    return _csv_table(data, name)


def _columns(
    table: _Table, *, value_names: str
) -> tuple[int, int, str, str, int | None, list[Problem]]:
    """The municipality column, the value column, their names, the year in the value header."""
    names = [_norm_header(h) for h in table.header]
    where = f"line {table.header_line}"
    knr = [i for i, n in enumerate(names) if n in _KNR_NAMES]
    if value_names == "score":
        values = [i for i, n in enumerate(names) if _SCORE_RE.fullmatch(n)]
        accepted_nb = "«distriktsindeks» eller «indeks»"
        accepted_en = "'distriktsindeks' or 'indeks'"
    else:
        values = [i for i, n in enumerate(names) if n in _POPULATION_NAMES]
        accepted_nb = "«folketall»"
        accepted_en = "'folketall'"
    found = ", ".join(h.strip() for h in table.header if str(h).strip()) or "ingen"
    found_en = ", ".join(h.strip() for h in table.header if str(h).strip()) or "none"
    problems: list[Problem] = []
    if not knr:
        problems.append(
            Problem(
                where,
                f"mangler kolonnen «kommunenummer» (eller «knr»); fant: {found}",
                f"no column 'kommunenummer' (or 'knr'); found: {found_en}",
            )
        )
    if not values:
        problems.append(
            Problem(
                where,
                f"mangler kolonnen {accepted_nb}; fant: {found}",
                f"no column {accepted_en}; found: {found_en}",
            )
        )
    for label, hits in (("kommunenummer", knr), (value_names, values)):
        if len(hits) > 1:
            both = ", ".join(table.header[i].strip() for i in hits)
            problems.append(
                Problem(
                    where,
                    f"flere kolonner kan være {label}: {both}; behold én",
                    f"several columns could be the {label}: {both}; keep one",
                )
            )
    if problems:
        return 0, 0, "", "", None, problems
    year_match = _SCORE_RE.fullmatch(names[values[0]])
    year = int(year_match["year"]) if year_match and year_match["year"] else None
    return (
        knr[0],
        values[0],
        table.header[knr[0]].strip(),
        table.header[values[0]].strip(),
        year,
        [],
    )


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


def _show(value: object) -> str:
    """A cell as it can be printed in a message: stripped, control characters escaped, short."""
    text = "" if value is None else str(value).strip()
    text = "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)
    return text if len(text) <= 40 else text[:37] + "..."


def _cell(row: tuple[object, ...], i: int) -> object:
    return row[i] if i < len(row) else None


def _extra_cells_problem(
    table: _Table, line: int, row: tuple[object, ...], delimiter_hint: bool
) -> Problem | None:
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


def _summarised(problems: list[Problem]) -> list[Problem]:
    return summarise(problems, _MAX_REPORTED)


def _not_a_kommunenummer(where: str, raw: object) -> Problem:
    return Problem(
        where,
        f"«{_show(raw)}» er ikke et kommunenummer (4 sifre)",
        f"'{_show(raw)}' is not a kommunenummer (4 digits)",
    )


def _municipality_problem(
    reg: Register, where: str, nr: str, map_old_numbers: bool
) -> tuple[tuple[str, ...], Problem | None]:
    """The 2024 numbers ``nr`` stands for, or a problem (with the 2024 mapping suggested)."""
    if nr in reg:
        return (nr,), None
    targets = MUNICIPALITY_CHANGES_2024.get(nr)
    if targets is not None and map_old_numbers:
        return targets, None
    try:
        reg.municipality(nr)
    except Post65Error as exc:
        nb, en = exc.nb, exc.en
    else:  # pragma: no cover - nr is not in the register
        nb = en = nr
    if targets is not None:
        nb += " (les filen med --map-old-numbers / map_old_numbers=True for å bruke 2024-numrene)"
        en += (
            " (read the file with --map-old-numbers / map_old_numbers=True to use the 2024 numbers)"
        )
    return (), Problem(where, nb, en)


@exact
def read_index(
    path: str | os.PathLike[str] | bytes,
    *,
    year: int | None = None,
    strict: bool = False,
    map_old_numbers: bool = False,
) -> DistrictIndex:
    """Read a district index file (CSV, or KDD's xlsx with the ``xlsx`` extra) exactly.

    ``path`` is a file path, or the file's bytes. CSV: a header row with a municipality column
    (``kommunenummer``, ``knr`` or ``KNR``) and a score column (``distriktsindeks`` or
    ``indeks``, also ``distriktsindeks 2023``, which gives the year), case-insensitive; other
    columns are ignored; ``,``, ``;`` or tab between fields; decimal comma or point; UTF-8 with
    or without BOM. A 3-digit number (``301``, as Excel writes ``0301``) gets its leading zero.
    xlsx: the sheet «Rådata», else the first sheet with such a header in its first 20 rows;
    numbers stored by Excel are read as the shortest decimal that is the same binary value.

    2023 numbers are refused, with their 2024 numbers suggested, unless
    ``map_old_numbers=True``: then each is read as its 2024 number(s) (1507 Ålesund's score goes
    to both 1508 Ålesund and 1580 Haram) and a note says so. Municipalities of the 2024 register
    that are missing give a note, or a problem when ``strict=True``.

    :raises InvalidIndex: (a ``ValueError``) with every problem, each with its line: unknown or
        malformed municipality numbers, duplicates, scores outside 0-100, cells that are not
        numbers, missing columns, an unreadable file.
    """
    table = _table(path, score_names=True)
    knr_col, score_col, knr_name, score_name, header_year, problems = _columns(
        table, value_names="score"
    )
    if problems:
        raise InvalidIndex(problems, source=table.source)
    reg = register(2024)
    scores: dict[str, Decimal] = {}
    first_line: dict[str, int] = {}
    mapped: list[str] = []
    for line, row in table.rows:
        raw_nr = _cell(row, knr_col)
        raw_score = _cell(row, score_col)
        where_nr = f"line {line}, column {knr_name}"
        where_score = f"line {line}, column {score_name}"
        extra = _extra_cells_problem(table, line, row, table.delimiter == ",")
        if extra is not None:
            problems.append(extra)
            continue
        nr = _kommunenummer(raw_nr)
        numbers: tuple[str, ...] = ()
        if nr is None:
            problems.append(_not_a_kommunenummer(where_nr, raw_nr))
        else:
            numbers, problem = _municipality_problem(reg, where_nr, nr, map_old_numbers)
            if problem is not None:
                problems.append(problem)
            elif numbers != (nr,):
                mapped.append(nr)
        for target in numbers:
            if target in first_line:
                also = "" if target == nr else f" ({nr} → {target})"
                problems.append(
                    Problem(
                        where_nr,
                        f"kommunenummer {target}{also} står også på linje {first_line[target]}",
                        f"kommunenummer {target}{also} is also on line {first_line[target]}",
                    )
                )
            else:
                first_line[target] = line
        score = _decimal_cell(raw_score)
        if score is None:
            if raw_score is None or not str(raw_score).strip():
                problems.append(Problem(where_score, "skåren mangler", "the score is missing"))
            else:
                problems.append(
                    Problem(
                        where_score,
                        f"«{_show(raw_score)}» er ikke et tall",
                        f"'{_show(raw_score)}' is not a number",
                    )
                )
            continue
        range_problem = _score_problem(where_score, score)
        if range_problem is not None:
            problems.append(range_problem)
            continue
        for target in numbers:
            scores.setdefault(target, score)
    if not table.rows:
        problems.append(
            Problem(
                f"line {table.header_line}",
                "filen har ingen kommuner under overskriften",
                "the file has no municipalities below the header",
            )
        )
    notes: list[Text] = []
    if strict and table.rows:
        missing = frozenset(k.kommunenummer for k in reg if k.kommunenummer not in first_line)
        if missing:
            note = describe_missing(missing)
            problems.append(Problem(table.label, note.nb, note.en))
    if problems:
        raise InvalidIndex(_summarised(problems), source=table.source)
    if mapped:
        split = [nr for nr in mapped if len(MUNICIPALITY_CHANGES_2024[nr]) > 1]
        split_nb = "".join(
            f"; {nr} ble delt, og {' og '.join(MUNICIPALITY_CHANGES_2024[nr])} fikk begge skåren"
            f" til {nr}"
            for nr in split
        )
        split_en = "".join(
            f"; {nr} was split, and {' and '.join(MUNICIPALITY_CHANGES_2024[nr])} both got the"
            f" score of {nr}"
            for nr in split
        )
        notes.insert(
            0,
            Text(
                f"{len(mapped)} kommunenumre fra før 2024 er lest som sine 2024-numre{split_nb}",
                f"{len(mapped)} municipality numbers from before 2024 were read as their 2024"
                f" numbers{split_en}",
            ),
        )
    return DistrictIndex(
        scores,
        year=year if year is not None else header_year,
        source=table.source,
        notes=notes,
    )


def _population_cell(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if value >= 0 else None
    if isinstance(value, float) and value.is_integer() and value >= 0:
        return int(value)
    if isinstance(value, str):
        text = value.strip()
        if _INT_RE.fullmatch(text):
            return int(re.sub(r"\D", "", text))
    return None


@exact
def read_population(path: str | os.PathLike[str] | bytes) -> Mapping[str, int]:
    """Read a population file: ``kommunenummer,folketall`` for every municipality of 2024.

    The municipality column is named as in :func:`read_index`; the population column
    ``folketall`` (or ``befolkning``, ``innbyggere``, ``population``); digits may be grouped by
    spaces. Every municipality of the 2024 register must be there exactly once (the country's
    population is their sum).

    >>> rows = "\\n".join(f"{k.kommunenummer},{k.population}" for k in register(2024))
    >>> pop = read_population(("knr,folketall\\n" + rows).encode())
    >>> sum(pop.values())
    5550203

    :raises InvalidIndex: (a ``ValueError``) with every problem and its line.
    """
    table = _table(path, score_names=False)
    knr_col, pop_col, knr_name, pop_name, _, problems = _columns(table, value_names="population")
    if problems:
        raise InvalidIndex(problems, source=table.source)
    reg = register(2024)
    population: dict[str, int] = {}
    first_line: dict[str, int] = {}
    for line, row in table.rows:
        raw_nr = _cell(row, knr_col)
        raw_pop = _cell(row, pop_col)
        where_nr = f"line {line}, column {knr_name}"
        extra = _extra_cells_problem(table, line, row, False)
        if extra is not None:
            problems.append(extra)
            continue
        nr = _kommunenummer(raw_nr)
        if nr is None:
            problems.append(_not_a_kommunenummer(where_nr, raw_nr))
        else:
            _, problem = _municipality_problem(reg, where_nr, nr, False)
            if problem is not None:
                problems.append(problem)
                nr = None
            elif nr in first_line:
                problems.append(
                    Problem(
                        where_nr,
                        f"kommunenummer {nr} står også på linje {first_line[nr]}",
                        f"kommunenummer {nr} is also on line {first_line[nr]}",
                    )
                )
                nr = None
            else:
                first_line[nr] = line
        value = _population_cell(raw_pop)
        if value is None:
            problems.append(
                Problem(
                    f"line {line}, column {pop_name}",
                    f"«{_show(raw_pop)}» er ikke et folketall (et heltall ≥ 0)",
                    f"'{_show(raw_pop)}' is not a population (an integer >= 0)",
                )
            )
        elif nr is not None:
            population[nr] = value
    if not problems:
        missing = sorted(k.kommunenummer for k in reg if k.kommunenummer not in first_line)
        if missing:
            shown = ", ".join(missing[:10]) + (" …" if len(missing) > 10 else "")
            problems.append(
                Problem(
                    table.label,
                    f"filen mangler {len(missing)} av kommunene i 2024-registeret: {shown}",
                    f"the file lacks {len(missing)} of the municipalities of the 2024 register:"
                    f" {shown}",
                )
            )
    if problems:
        raise InvalidIndex(_summarised(problems), source=table.source)
    return FrozenMap({nr: population[nr] for nr in sorted(population)})


# --------------------------------------------------------------------------------------------
# Computing the index from its indicators

INDEX_PRECISION: Final[int] = 50
"""Significant digits :func:`compute_index` works with (square roots are rounded to this)."""

DEFAULT_WEIGHTS: Final[tuple[Decimal, Decimal, Decimal, Decimal]] = (
    Decimal(40),
    Decimal(40),
    Decimal(10),
    Decimal(10),
)
"""The published weights, in the order of :class:`Indicators`: 40/40/10/10."""

DEFAULT_TRUNCATION: Final[Decimal] = Decimal("2.5")
"""z-scores are truncated to ``[-2.5, 2.5]``."""


def _exact(value: object) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, Decimal | int):
        kind = type(value).__name__
        raise InvalidParameter(
            f"indikatorene må være Decimal eller int, ikke {kind} (flyttall avvises)",
            f"indicators must be Decimal or int, not {kind} (floats are refused)",
        )
    out = Decimal(value)
    if not out.is_finite():
        raise InvalidParameter(
            f"indikatoren {out} er ikke et endelig tall", f"the indicator {out} is not finite"
        )
    return out


@attrs.frozen
class Indicators:
    """The four indicators of one municipality, each "higher is better" (fewer challenges).

    - ``centrality``: SSB's centrality index (sentralitetsindeksen);
    - ``population_growth``: population growth over ten years;
    - ``employment_growth``: employment growth over ten years;
    - ``business_diversity``: the inverse Herfindahl index of private-sector employment.
    """

    centrality: Decimal = attrs.field(converter=_exact)
    population_growth: Decimal = attrs.field(converter=_exact)
    employment_growth: Decimal = attrs.field(converter=_exact)
    business_diversity: Decimal = attrs.field(converter=_exact)

    def values(self) -> tuple[Decimal, Decimal, Decimal, Decimal]:
        """The four values, in the order of :data:`DEFAULT_WEIGHTS`."""
        return (
            self.centrality,
            self.population_growth,
            self.employment_growth,
            self.business_diversity,
        )


_INDICATOR_NAMES: Final = (
    ("sentralitet", "centrality"),
    ("befolkningsvekst", "population growth"),
    ("sysselsettingsvekst", "employment growth"),
    ("næringsmangfold", "business diversity"),
)


@exact
def compute_index(
    indicators: Mapping[str, Indicators],
    *,
    weights: Sequence[Decimal | int] = DEFAULT_WEIGHTS,
    truncation: Decimal | int | None = DEFAULT_TRUNCATION,
    precision: int = INDEX_PRECISION,
    places: int | None = None,
    year: int | None = None,
) -> DistrictIndex:
    """A district index from the four indicators of each municipality, by the published method.

    For each indicator: the z-score ``(x − mean)/sd`` with the *sample* standard deviation
    (divisor ``n − 1``), truncated to ``[−truncation, truncation]`` (``None``: no truncation).
    The weighted sum ``S = Σ w_j·z_j`` (weights 40/40/10/10 by default) is rescaled min–max to
    0–100: ``100·(S − min S)/(max S − min S)``. All arithmetic is ``Decimal`` with
    ``precision`` significant digits (default 50, ``ROUND_HALF_EVEN``); the square root is
    Decimal's own, correctly rounded to that precision. ``places`` rounds the scores
    (``ROUND_HALF_UP``) to that many decimals; by default they are left at full precision.

    >>> from decimal import Decimal as D
    >>> idx = compute_index({
    ...     "1826": Indicators(1, 1, 1, 1),
    ...     "1875": Indicators(2, 2, 2, 2),
    ...     "0301": Indicators(3, 3, 3, 3),
    ... })
    >>> [idx.scores[nr] for nr in ("1826", "1875", "0301")]
    [Decimal('0'), Decimal('50'), Decimal('100')]

    :raises InvalidParameter: (a ``ValueError``) for fewer than two municipalities, an
        indicator with the same value everywhere (its standard deviation is 0), weights that
        are not four non-negative numbers with a positive sum, a non-positive truncation, or
        weighted sums that are all equal (nothing to rescale), ``places`` that is not an
        integer from 0 to ``precision − 3``, or indicators too large to compute with.
    """
    if not isinstance(indicators, Mapping) or len(indicators) < 2:
        raise InvalidParameter(
            "indeksen trenger indikatorer for minst to kommuner",
            "the index needs indicators for at least two municipalities",
        )
    for nr, item in indicators.items():
        if not isinstance(item, Indicators):
            raise InvalidParameter(
                f"{nr}: forventet Indicators, fikk {type(item).__name__}",
                f"{nr}: expected Indicators, got a {type(item).__name__}",
            )
    w = [_exact(x) for x in weights]
    if len(w) != 4 or any(x < 0 for x in w) or sum(w) <= 0:
        raise InvalidParameter(
            "vektene må være fire tall ≥ 0 med positiv sum",
            "the weights must be four numbers >= 0 with a positive sum",
        )
    limit = None if truncation is None else _exact(truncation)
    if limit is not None and limit <= 0:
        raise InvalidParameter("trunkeringen må være > 0", "the truncation must be > 0")
    if isinstance(precision, bool) or not isinstance(precision, int) or not 10 <= precision <= 1000:
        raise InvalidParameter(
            "presisjonen må være et heltall mellom 10 og 1000",
            "the precision must be an integer between 10 and 1000",
        )
    if places is not None and (
        type(places) is not int or not 0 <= places <= precision - _INTEGER_DIGITS
    ):
        shown = repr(places)[:40] if isinstance(places, int | str) else type(places).__name__
        top = precision - _INTEGER_DIGITS
        raise InvalidParameter(
            f"places må være et heltall fra 0 til {top} (presisjonen minus 3), ikke {shown}",
            f"places must be an integer from 0 to {top} (the precision less 3), not {shown}",
        )
    try:
        return _compute(indicators, w, limit, precision, places, year)
    except ArithmeticError:  # an overflow or an impossible operation on absurd indicators
        raise InvalidParameter(
            "indikatorene er for store eller for små til å regne med; sjekk verdiene",
            "the indicators are too large or too small to compute with; check the values",
        ) from None


_INTEGER_DIGITS = 3  # a score has at most 3 digits before the decimal point (100)


def _compute(
    indicators: Mapping[str, Indicators],
    w: list[Decimal],
    limit: Decimal | None,
    precision: int,
    places: int | None,
    year: int | None,
) -> DistrictIndex:
    ctx = Context(
        prec=precision,
        rounding=ROUND_HALF_EVEN,
        traps=[InvalidOperation, DivisionByZero, Overflow],
    )
    numbers = sorted(indicators)
    columns = [[indicators[nr].values()[j] for nr in numbers] for j in range(4)]
    scores: dict[str, Decimal] = {}
    with localcontext(ctx):
        n = Decimal(len(numbers))
        z_columns: list[list[Decimal]] = []
        for j, column in enumerate(columns):
            mean = sum(column, Decimal(0)) / n
            variance = sum(((x - mean) ** 2 for x in column), Decimal(0)) / (n - 1)
            sd = variance.sqrt()
            if sd.is_zero():
                raise InvalidParameter(
                    f"indikatoren «{_INDICATOR_NAMES[j][0]}» har samme verdi for alle"
                    " kommunene; standardavviket er 0",
                    f"the indicator '{_INDICATOR_NAMES[j][1]}' has the same value everywhere;"
                    " its standard deviation is 0",
                )
            z = [(x - mean) / sd for x in column]
            if limit is not None:
                z = [max(-limit, min(limit, v)) for v in z]
            z_columns.append(z)
        weighted = [
            sum((w[j] * z_columns[j][i] for j in range(4)), Decimal(0)) for i in range(len(numbers))
        ]
        low, high = min(weighted), max(weighted)
        if low == high:
            raise InvalidParameter(
                "alle kommunene får samme vektede sum; indeksen kan ikke skaleres til 0-100",
                "every municipality has the same weighted sum; the index cannot be rescaled"
                " to 0-100",
            )
        span = high - low
        for nr, s in zip(numbers, weighted, strict=True):
            score = 100 * (s - low) / span
            if places is not None:
                score = score.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
            scores[nr] = max(Decimal(0), min(Decimal(100), score))
    return DistrictIndex(scores, year=year, source="compute_index")
