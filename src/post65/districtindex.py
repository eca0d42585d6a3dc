"""The district index (distriktsindeksen): KDD's file read exactly, or computed from its indicators.

KDD publishes the index yearly, one score from 0 to 100 per municipality; the lowest scores have
the largest district challenges. The scores are **not** shipped with post65: the user supplies
KDD's file (``examples/illustrative-index.csv`` is a made-up file for trying things out, not
KDD's figures).

- :func:`read_index` reads a CSV file (``kommunenummer``/``knr``/``KNR`` and
  ``distriktsindeks``/``indeks`` columns, ``,`` or ``;`` between fields, decimal comma or point,
  UTF-8 with or without BOM, any line ending) or KDD's xlsx workbook (sheet «Rådata», or the first
  sheet with a KNR column and an index column; needs the ``xlsx`` extra). Every problem is
  reported together, each with its line (the first 200, and how many more). Hostile files cost
  little: a CSV file is read a line at a time; a workbook that would unpack to more than
  :data:`MAX_XLSX_UNPACKED_BYTES` is refused before it is opened, and only the first
  :data:`MAX_XLSX_COLUMNS` columns of a sheet are read, whatever size it declares.
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
import codecs
import csv
import io
import os
import re
import unicodedata
import warnings
import zipfile
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
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
from typing import Concatenate, Final, Generic, ParamSpec, TypeVar

import attrs

from post65._decimal import exact, exact_methods
from post65.errors import InvalidIndex, InvalidParameter, Post65Error, Problem
from post65.geography import MUNICIPALITY_CHANGES_2024, Register, register
from post65.rulebook import Text

__all__ = [
    "DEFAULT_TRUNCATION",
    "DEFAULT_WEIGHTS",
    "INDEX_PRECISION",
    "MAX_INDEX_BYTES",
    "MAX_XLSX_COLUMNS",
    "MAX_XLSX_PARTS",
    "MAX_XLSX_ROWS",
    "MAX_XLSX_UNPACKED_BYTES",
    "DistrictIndex",
    "FrozenMap",
    "Indicators",
    "compute_index",
    "describe_missing",
    "read_index",
    "read_population",
]

V = TypeVar("V")
_P = ParamSpec("_P")

MAX_INDEX_BYTES: Final[int] = 64 * 1024 * 1024
"""The largest index or population file read (64 MiB)."""

MAX_XLSX_UNPACKED_BYTES: Final[int] = 64 * 1024 * 1024
"""The largest an xlsx workbook may be once unpacked (64 MiB, the sum of the sizes its zip
directory declares for its parts); a larger one (a "zip bomb") is refused before it is opened."""

MAX_XLSX_PARTS: Final[int] = 10_000
"""The most parts (zip members) an xlsx workbook may have."""

MAX_XLSX_COLUMNS: Final[int] = 256
"""Only the first 256 columns (A to IV) of a worksheet are searched for the header, and only the
columns up to the header's last are read; cells beyond are ignored, and a row is never padded
to the width the sheet declares."""

MAX_XLSX_ROWS: Final[int] = 1_048_576
"""The most rows a worksheet is read to (Excel's own limit); empty rows count."""

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
        return _out_of_range(where, Decimal(value))
    return None


def _out_of_range(where: str, score: Decimal) -> Problem:
    digits = len(score.as_tuple().digits)
    if digits > 40:
        return _too_long_problem(where, digits)
    return Problem(where, f"skåren {score} er utenfor 0-100", f"the score {score} is outside 0-100")


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
        score = Decimal(value)
        out[nr] = score.copy_abs() if score.is_zero() else score  # -0 is read as 0
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
_INT_RE: Final = re.compile(r"[0-9]{1,3}(?:[ \u00a0\u202f\u2009][0-9]{3}){1,3}|[0-9]{1,12}")
_MAX_POPULATION: Final = 10**12 - 1
_XLSX_MAGIC: Final = b"PK\x03\x04"
_XLS_MAGIC: Final = b"\xd0\xcf\x11\xe0"
_ENCRYPTED_PACKAGE: Final = "EncryptedPackage".encode("utf-16-le")  # the stream of an encrypted
# OOXML file inside its compound (CFB) file: a password-protected xlsx is not a zip
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
    rows: Iterable[tuple[int, Sequence[object]]] = attrs.field(eq=False)
    """The data rows: a stream for a CSV file (read once), a tuple for a worksheet."""
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


def _check_utf8(data: bytes, name: str | None) -> None:
    """Refuse a file that is not UTF-8, naming the first bad byte; decoded a chunk at a time,
    so that a large file is never held as text whole."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    chunk = 1024 * 1024
    for offset in range(0, len(data) + 1, chunk):
        pending = len(decoder.getstate()[0])
        try:
            decoder.decode(data[offset : offset + chunk], final=offset + chunk >= len(data))
        except UnicodeDecodeError as exc:
            at = offset - pending + exc.start
            raise InvalidIndex(
                [
                    Problem(
                        name or "index",
                        f"filen er ikke UTF-8-tekst (byte {at}); lagre den som «CSV UTF-8»",
                        f"the file is not UTF-8 text (byte {at}); save it as 'CSV UTF-8'",
                    )
                ],
                source=name,
            ) from None


def _lines(data: bytes) -> Iterator[str]:
    """The lines of UTF-8 text (a BOM dropped), each with its line ending, decoded as read."""
    return io.TextIOWrapper(io.BytesIO(data), encoding="utf-8-sig", newline="")


def _csv_table(data: bytes, name: str | None) -> _Table:
    _check_utf8(data, name)
    first = next((line for line in _lines(data) if line.strip()), "")
    delimiter = ";" if ";" in first else "," if "," in first else "\t" if "\t" in first else ","
    reader = csv.reader(_lines(data), delimiter=delimiter)
    header: tuple[str, ...] | None = None
    header_line = 0
    line = 1

    def fail(exc: csv.Error) -> InvalidIndex:
        return InvalidIndex(
            [Problem(f"line {line}", f"ugyldig CSV: {exc}", f"invalid CSV: {exc}")], source=name
        )

    try:
        for record in reader:
            start = line
            line = reader.line_num + 1
            if not any(cell.strip() for cell in record):
                continue
            header, header_line = tuple(record), start
            break
    except csv.Error as exc:
        raise fail(exc) from None
    if header is None:
        raise InvalidIndex(
            [Problem(name or "index", "filen er tom", "the file is empty")], source=name
        )

    def rows() -> Iterator[tuple[int, Sequence[object]]]:
        nonlocal line
        try:
            for record in reader:
                start = line
                line = reader.line_num + 1
                if record and (record[0].strip() or "".join(record).strip()):
                    yield start, record
        except csv.Error as exc:
            raise fail(exc) from None

    return _Table(header, header_line, rows(), name, delimiter)


def _is_header(cells: Sequence[object], score_names: bool) -> bool:
    names = [_norm_header(c) for c in cells]
    if not any(n in _KNR_NAMES for n in names):
        return False
    if score_names:
        return any(_SCORE_RE.fullmatch(n) for n in names)
    return any(n in _POPULATION_NAMES for n in names)


def _xlsx_problem(name: str, nb: str, en: str, source: str | None) -> InvalidIndex:
    return InvalidIndex([Problem(name, nb, en)], source=source)


def _check_zip(data: bytes, name: str, source: str | None) -> None:
    """Refuse a workbook whose parts would unpack to more than :data:`MAX_XLSX_UNPACKED_BYTES`
    (a "zip bomb"), or that has more than :data:`MAX_XLSX_PARTS` parts, before it is opened.

    The sizes are those the zip directory declares; :mod:`zipfile` never unpacks more than a
    part's declared size (a part that would is refused by its checksum)."""
    tail = data[-(65_535 + 22) :]
    end = tail.rfind(b"PK\x05\x06")
    if end >= 0 and len(tail) >= end + 12:
        parts = int.from_bytes(tail[end + 10 : end + 12], "little")
        if parts > MAX_XLSX_PARTS:  # 0xFFFF (zip64) too
            raise _xlsx_problem(
                name,
                f"xlsx-filen har mer enn {MAX_XLSX_PARTS} deler og leses ikke",
                f"the xlsx file has more than {MAX_XLSX_PARTS} parts and is not read",
                source,
            )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as exc:
        raise _xlsx_problem(
            name,
            f"kan ikke lese xlsx-filen ({type(exc).__name__})",
            f"cannot read the xlsx file ({type(exc).__name__})",
            source,
        ) from None
    if len(infos) > MAX_XLSX_PARTS:
        raise _xlsx_problem(
            name,
            f"xlsx-filen har mer enn {MAX_XLSX_PARTS} deler og leses ikke",
            f"the xlsx file has more than {MAX_XLSX_PARTS} parts and is not read",
            source,
        )
    unpacked = sum(info.file_size for info in infos)
    if unpacked > MAX_XLSX_UNPACKED_BYTES:
        mib = MAX_XLSX_UNPACKED_BYTES // (1024 * 1024)
        biggest = max(infos, key=lambda info: info.file_size)
        raise _xlsx_problem(
            name,
            f"xlsx-filen ville bli {unpacked} byte utpakket (delen «{_show(biggest.filename)}»"
            f" alene {biggest.file_size}); mer enn {mib} MiB leses ikke",
            f"the xlsx file would unpack to {unpacked} bytes (the part"
            f" '{_show(biggest.filename)}' alone {biggest.file_size}); more than {mib} MiB is"
            " not read",
            source,
        )


@attrs.frozen
class _Uncomputed:
    """A formula cell the workbook holds no computed value for (it was never calculated)."""

    formula: str

    def __str__(self) -> str:
        return f"={self.formula}"


_CELL_REF: Final = re.compile(r"([A-Z]{1,3})([0-9]{1,7})")


def _column_number(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def _uncomputed_cells(xml: bytes) -> dict[tuple[int, int], _Uncomputed]:
    """The cells (row, column) of a worksheet's XML that hold a formula but no cached value."""
    from xml.etree import ElementTree

    found: dict[tuple[int, int], _Uncomputed] = {}
    row_number = 0
    if b"<!DOCTYPE" in xml:
        return found  # worksheets have no DTD; such a part is not scanned
    # openpyxl has already parsed this XML with the same parser; expat limits entity expansion
    # and ElementTree resolves no external entities
    for _, element in ElementTree.iterparse(io.BytesIO(xml), events=("end",)):  # noqa: S314
        if not element.tag.endswith("}row") and element.tag != "row":
            continue
        r = element.get("r", "")
        row_number = int(r) if r.isdigit() and len(r) <= 7 else row_number + 1
        column = 0
        for cell in element:
            match = _CELL_REF.fullmatch(cell.get("r", ""))
            column = _column_number(match[1]) if match else column + 1
            formula = value = None
            for child in cell:
                local = child.tag.rsplit("}", 1)[-1]
                if local == "f":
                    formula = child
                elif local == "v":
                    value = child
            if formula is not None and (value is None or not (value.text or "").strip()):
                found[(row_number, column)] = _Uncomputed(_show(formula.text or ""))
        element.clear()
    return found


_LONG_NUMBER_CELL: Final = re.compile(
    rb'<(?:\w+:)?c\b[^>]*?\br="([A-Z]{1,3}[0-9]{1,7})"[^>]*>(?:(?!</(?:\w+:)?c>).){0,4000}?'
    rb"<(?:\w+:)?v>\s*[-+]?([0-9]{1000,})",
    re.DOTALL,
)


def _too_long_in_xml(data: bytes) -> tuple[str, int] | None:
    """The first cell (``B7``) of any worksheet whose stored number has more than 1000 digits."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for info in archive.infolist():
            if info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml"):
                match = _LONG_NUMBER_CELL.search(archive.read(info))
                if match:
                    return match[1].decode(), len(match[2])
    return None


def _xlsx_table(data: bytes, source: str | None, *, score_names: bool) -> _Table:
    name = source or "index"
    try:
        import openpyxl
    except ImportError:
        raise _xlsx_problem(
            name,
            "xlsx-filer kan bare leses når tillegget «xlsx» er installert"
            " (pip install 'post65[xlsx]'); lagre ellers arket som CSV",
            "xlsx files can be read only with the 'xlsx' extra installed"
            " (pip install 'post65[xlsx]'); or save the sheet as CSV",
            source,
        ) from None
    _check_zip(data, name, source)
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
                    found = _sheet_table(sheet, f"{name} ({sheet.title})", score_names, data)
                    if found is not None:
                        return found
            finally:
                book.close()
    except InvalidIndex:
        raise
    except Exception as exc:  # openpyxl raises many types for a damaged workbook
        if isinstance(exc, ValueError) and "digits" in str(exc):
            cell = _too_long_in_xml(data)
            where = f"{name}, cell {cell[0]}" if cell else name
            digits = f" ({cell[1]} sifre)" if cell else ""
            digits_en = f" ({cell[1]} digits)" if cell else ""
            raise _xlsx_problem(
                where,
                f"et tall i arbeidsboken er for langt{digits}",
                f"a number in the workbook is too long{digits_en}",
                source,
            ) from None
        raise _xlsx_problem(
            name,
            f"kan ikke lese xlsx-filen ({type(exc).__name__})",
            f"cannot read the xlsx file ({type(exc).__name__})",
            source,
        ) from None
    wanted = "et indeks-felt" if score_names else "et folketall-felt"
    wanted_en = "an index column" if score_names else "a population column"
    raise _xlsx_problem(
        name,
        f"fant ikke noe ark med en KNR-kolonne og {wanted} (ark: {', '.join(titles)})",
        f"found no sheet with a KNR column and {wanted_en} (sheets: {', '.join(titles)})",
        source,
    )


def _sheet_rows(
    sheet: object, label: str, *, first: int = 1, last: int | None = None, width: int
) -> Iterator[tuple[object, ...]]:
    """Rows ``first`` to ``last`` of a read-only worksheet, ``width`` cells each, streamed: the
    declared dimension is ignored (it may lie), and no row beyond :data:`MAX_XLSX_ROWS` is
    read."""
    sheet.reset_dimensions()  # type: ignore[attr-defined]
    rows = sheet.iter_rows(  # type: ignore[attr-defined]
        min_row=first, max_row=last, max_col=width, values_only=True
    )
    for number, row in enumerate(rows, start=first):
        if number > MAX_XLSX_ROWS:
            raise InvalidIndex(
                [
                    Problem(
                        label,
                        f"arket har mer enn {MAX_XLSX_ROWS} rader",
                        f"the sheet has more than {MAX_XLSX_ROWS} rows",
                    )
                ],
                source=label,
            )
        yield row


def _sheet_table(sheet: object, label: str, score_names: bool, data: bytes) -> _Table | None:
    """The table of a worksheet whose header is in its first 20 rows, else None. Only the
    columns up to the header's last named one are read (at most :data:`MAX_XLSX_COLUMNS`)."""
    header_at = 0
    header: tuple[str, ...] | None = None
    top = _sheet_rows(sheet, label, last=_HEADER_SEARCH_ROWS, width=MAX_XLSX_COLUMNS)
    for number, cells in enumerate(top, start=1):
        if _is_header(cells, score_names):
            header, header_at = tuple("" if c is None else str(c) for c in cells), number
            break
    if header is None:
        return None
    while not header[-1].strip():  # the header names a column: it has a last named one
        header = header[:-1]
    width = len(header)
    data_rows: list[tuple[int, tuple[object, ...]]] = []
    blank: tuple[object, ...] | None = None  # openpyxl gives one tuple for every missing row
    for j, row in enumerate(
        _sheet_rows(sheet, label, first=header_at + 1, width=width), start=header_at + 1
    ):
        if row is blank:
            continue
        if row.count(None) == len(row):
            blank = row
            continue
        if any(c is not None and str(c).strip() for c in row):
            data_rows.append((j, row))
    data_rows.extend(_uncomputed_rows(sheet, data, data_rows, header_at, width))
    data_rows.sort(key=lambda item: item[0])
    return _Table(header, header_at, tuple(data_rows), label, None)


def _uncomputed_rows(
    sheet: object,
    data: bytes,
    data_rows: list[tuple[int, tuple[object, ...]]],
    header_at: int,
    width: int,
) -> list[tuple[int, tuple[object, ...]]]:
    """Mark the formula cells without a computed value (openpyxl reads them as empty) in
    ``data_rows`` (changed in place); return the rows that only such cells make non-empty."""
    path = getattr(sheet, "_worksheet_path", None)
    if not isinstance(path, str):
        return []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        xml = archive.read(path)
    if not re.search(rb"<(?:\w+:)?f[\s>/]", xml):
        return []
    marks = {
        key: value
        for key, value in _uncomputed_cells(xml).items()
        if key[0] > header_at and key[1] <= width
    }
    if not marks:
        return []
    by_row: dict[int, dict[int, _Uncomputed]] = {}
    for (r, c), value in marks.items():
        by_row.setdefault(r, {})[c] = value
    for i, (r, row) in enumerate(data_rows):
        if r in by_row:
            cells = list(row)
            for c, value in by_row.pop(r).items():
                cells.extend([None] * (c - len(cells)))
                cells[c - 1] = value
            data_rows[i] = (r, tuple(cells))
    added: list[tuple[int, tuple[object, ...]]] = []
    for r, columns in by_row.items():
        new: list[object] = [None] * max(columns)
        for c, value in columns.items():
            new[c - 1] = value
        added.append((r, tuple(new)))
    return added


def _table(path: str | os.PathLike[str] | bytes, *, score_names: bool) -> _Table:
    data, name = _read_bytes(path)
    if data.startswith(_XLSX_MAGIC):
        return _xlsx_table(data, name, score_names=score_names)
    if data.startswith(_XLS_MAGIC):
        if _ENCRYPTED_PACKAGE in data or b"EncryptedPackage" in data:
            raise InvalidIndex(
                [
                    Problem(
                        name or "index",
                        "filen er passordbeskyttet (kryptert) og kan ikke leses; fjern passordet"
                        " i Excel (Fil → Info → Beskytt arbeidsbok) og lagre på nytt",
                        "the file is password-protected (encrypted) and cannot be read; remove"
                        " the password in Excel (File → Info → Protect Workbook) and save again",
                    )
                ],
                source=name,
            )
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
    text = "" if value is None else str(value).strip()[:41]
    text = "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)
    return text if len(text) <= 40 else text[:37] + "..."


def _cell(row: tuple[object, ...], i: int) -> object:
    return row[i] if i < len(row) else None


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
    found = _Problems()
    scores: dict[str, Decimal] = {}
    first_line: dict[str, int] = {}
    mapped: dict[str, None] = {}  # the old numbers read as their 2024 numbers, in order
    csv_width = len(table.header) if table.delimiter is not None else None
    known = frozenset(k.kommunenummer for k in reg)
    kommunenummer, decimal_cell = _Memo(_kommunenummer), _Memo(_decimal_cell)
    knr_seen, score_seen = kommunenummer.cache, decimal_cell.cache
    rows = 0
    for line, row in table.rows:
        rows += 1
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
                found.at(line, knr_name, _duplicate, nr, nr, first_line[nr])
            else:
                first_line[nr] = line
                numbers = (nr,)
        elif nr is None:
            found.at(line, knr_name, _not_a_kommunenummer, raw_nr)
        else:
            targets = MUNICIPALITY_CHANGES_2024.get(nr)
            if targets is not None and map_old_numbers:
                numbers = targets
                mapped[nr] = None
            else:
                found.at(line, knr_name, _unknown_municipality, reg, nr)
            for target in numbers:
                if target in first_line:
                    found.at(line, knr_name, _duplicate, nr, target, first_line[target])
                else:
                    first_line[target] = line
        score = score_seen.get(raw_score, _UNSEEN)  # type: ignore[call-overload]
        if score is _UNSEEN:
            score = decimal_cell(raw_score)
        if score is None:
            found.at(line, score_name, _value_problem, raw_score, "skåren", "score")
        elif not 0 <= score <= 100:
            found.at(line, score_name, _out_of_range, score)
        else:
            for target in numbers:
                scores.setdefault(target, score)
    if not rows:
        found.add(
            _same,
            Problem(
                f"line {table.header_line}",
                "filen har ingen kommuner under overskriften",
                "the file has no municipalities below the header",
            ),
        )
    notes: list[Text] = []
    if strict and rows:
        missing = frozenset(k.kommunenummer for k in reg if k.kommunenummer not in first_line)
        if missing:
            note = describe_missing(missing)
            found.add(Problem, table.label, note.nb, note.en)
    if found:
        raise InvalidIndex(found.summary(), source=table.source)
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
        return value if 0 <= value <= _MAX_POPULATION else None
    if isinstance(value, float) and value.is_integer() and 0 <= value <= _MAX_POPULATION:
        return int(value)
    if isinstance(value, str):
        text = value.strip()
        if _INT_RE.fullmatch(text):
            return int(re.sub(r"\D", "", text))
    return None


def _population_problem(where: str, raw: object) -> Problem:
    if isinstance(raw, _Uncomputed):
        return _uncomputed_problem(where)
    digits = _digits(raw)
    if digits is not None and digits > 12 and not str(raw).strip().startswith("-"):
        return _too_long_problem(where, digits)
    return Problem(
        where,
        f"«{_show(raw)}» er ikke et folketall (et heltall ≥ 0)",
        f"'{_show(raw)}' is not a population (an integer >= 0)",
    )


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
    found = _Problems()
    population: dict[str, int] = {}
    first_line: dict[str, int] = {}
    csv_width = len(table.header) if table.delimiter is not None else None
    for line, row in table.rows:
        if csv_width is not None and len(row) > csv_width:
            extra = _extra_cells_problem(table, line, row, False)
            if extra is not None:
                found.add(_same, extra)
                continue
        raw_nr = row[knr_col] if knr_col < len(row) else None
        raw_pop = row[pop_col] if pop_col < len(row) else None
        nr = _kommunenummer(raw_nr)
        if nr is None:
            found.at(line, knr_name, _not_a_kommunenummer, raw_nr)
        elif nr not in reg:
            found.at(line, knr_name, _unknown_municipality, reg, nr)
            nr = None
        elif nr in first_line:
            found.at(line, knr_name, _duplicate, nr, nr, first_line[nr])
            nr = None
        else:
            first_line[nr] = line
        value = _population_cell(raw_pop)
        if value is None:
            found.at(line, pop_name, _population_problem, raw_pop)
        elif nr is not None:
            population[nr] = value
    if not found:
        missing = sorted(k.kommunenummer for k in reg if k.kommunenummer not in first_line)
        if missing:
            shown = ", ".join(missing[:10]) + (" …" if len(missing) > 10 else "")
            found.add(
                _same,
                Problem(
                    table.label,
                    f"filen mangler {len(missing)} av kommunene i 2024-registeret: {shown}",
                    f"the file lacks {len(missing)} of the municipalities of the 2024 register:"
                    f" {shown}",
                ),
            )
    if found:
        raise InvalidIndex(found.summary(), source=table.source)
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
