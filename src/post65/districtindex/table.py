"""Tables read from CSV files and worksheets: header names, the table type, cell display."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from typing import Final

import attrs

from post65.errors import Problem
from post65.text import Message, msg

_MAX_REPORTED = 200  # more problems than this are summarised in one closing line

_KNR_NAMES: Final = frozenset({"kommunenummer", "knr", "kommunenr", "kommunenr."})
_SCORE_RE: Final = re.compile(
    r"(?:distrikts-?indeks(?:en)?|indeks(?:en)?|di|skår|skar)"
    r"(?:[ _-]?(?P<year>(?:19|20)[0-9]{2}))?"
)
_NAME_NAMES: Final = frozenset({"knavn", "kommunenavn", "navn", "kommune", "name", "region"})
"""Headers of a column naming the row (a municipality, or a total such as «Landet»)."""
_NOTE_NAMES: Final = frozenset({"merknad", "merknader", "anmerkning", "kommentar", "note"})
"""Headers of a column of notes on the rows (the illustrative index marks every row in one)."""
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
class _Want:
    """What a reader looks for: the value column's kind (``"score"`` or ``"population"``), and
    the sheet and columns the caller named (``None``: found by their usual names)."""

    kind: str
    sheet: str | None = None
    knr_column: str | None = None
    value_column: str | None = None

    @property
    def scores(self) -> bool:
        """Whether the value column is the index score."""
        return self.kind == "score"

    def is_knr(self, name: str) -> bool:
        """Whether the normalised header ``name`` is the municipality column."""
        if self.knr_column is not None:
            return name == _norm_header(self.knr_column)
        return name in _KNR_NAMES

    def is_value(self, name: str) -> bool:
        """Whether the normalised header ``name`` is the value column."""
        if self.value_column is not None:
            return name == _norm_header(self.value_column)
        if self.scores:
            return _SCORE_RE.fullmatch(name) is not None
        return name in _POPULATION_NAMES


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

    @property
    def word(self) -> str:
        """How a problem names a place in the file: a CSV file's «line», a worksheet's «row»."""
        return "line" if self.delimiter is not None else "row"


def _where(word: str, line: int, column: str | None = None) -> str:
    """Where a problem is in a file, as :attr:`Problem.where` holds it in every language:
    ``line 7`` or ``row 7, column Skår`` (``word`` is :attr:`_Table.word`)."""
    at = f"{word} {line}"
    return at if column is None else f"{at}, column {column}"


def _place(word: str, line: int, column: str | None = None) -> Message:
    """:func:`_where` as the user reads it in each language: «linje 7, kolonne Skår»,
    «rad 7», «line 7, column Skår»."""
    if word == "row":
        if column is None:
            return msg("index.at.row", line=line)
        return msg("index.at.row_column", line=line, column=column)
    if column is None:
        return msg("index.at.line", line=line)
    return msg("index.at.line_column", line=line, column=column)


def _problem_at(word: str, line: int, text: Message) -> Problem:
    """The problem ``text`` of a whole line (CSV) or row (worksheet)."""
    return Problem(_where(word, line), text, _place(word, line))


def _is_header(cells: Sequence[object], want: _Want) -> bool:
    names = [_norm_header(c) for c in cells]
    return any(want.is_knr(n) for n in names) and any(want.is_value(n) for n in names)


@attrs.frozen
class _Uncomputed:
    """A formula cell the workbook holds no computed value for (it was never calculated)."""

    formula: str

    def __str__(self) -> str:
        return f"={self.formula}"


def _show(value: object) -> str:
    """A cell as it can be printed in a message: stripped, control characters escaped, short."""
    text = "" if value is None else str(value).strip()[:41]
    text = "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)
    return text if len(text) <= 40 else text[:37] + "..."


def _cell(row: tuple[object, ...], i: int) -> object:
    return row[i] if i < len(row) else None
