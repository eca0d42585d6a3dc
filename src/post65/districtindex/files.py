"""Reading an index or population file: the bytes, CSV, the columns."""

from __future__ import annotations

import codecs
import csv
import io
import os
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Final

import attrs

from post65.districtindex.table import (
    _ENCRYPTED_PACKAGE,
    _HEADER_SEARCH_ROWS,
    _NAME_NAMES,
    _NOTE_NAMES,
    _SCORE_RE,
    _XLS_MAGIC,
    _XLSX_MAGIC,
    _is_header,
    _norm_header,
    _place,
    _problem_at,
    _Table,
    _Want,
    _where,
)
from post65.districtindex.xlsx import _xlsx_table
from post65.errors import InvalidIndex, InvalidParameter, Problem
from post65.jsontext import os_reason
from post65.text import Message, msg

MAX_INDEX_BYTES: Final[int] = 64 * 1024 * 1024
"""The largest index or population file read (64 MiB)."""


def _read_bytes(path: str | os.PathLike[str] | bytes) -> tuple[bytes, str | None]:
    if isinstance(path, bytes):
        return path, None
    if not isinstance(path, str | os.PathLike):
        raise InvalidParameter(msg("index.file.not_a_path", kind=type(path).__name__))
    name = os.fspath(path)
    if "\0" in name:  # the OS would refuse it with a bare ValueError
        shown = repr(name)[1:-1]
        raise InvalidIndex(
            [Problem(shown, msg("index.file.nul"))],
            source=shown,
        )
    try:
        with Path(name).open("rb") as fh:
            data = fh.read(MAX_INDEX_BYTES + 1)
    except OSError as exc:
        reason = os_reason(exc)
        raise InvalidIndex(
            [Problem(name, msg("index.file.unreadable", reason=reason))],
            source=name,
        ) from None
    if len(data) > MAX_INDEX_BYTES:
        mib = MAX_INDEX_BYTES // (1024 * 1024)
        raise InvalidIndex(
            [Problem(name, msg("index.file.too_large", mib=mib))],
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
                [Problem(name or "index", msg("index.file.not_utf8", at=at))],
                source=name,
            ) from None


MAX_COLUMNS: Final = 16_384
"""The most columns a CSV line may have: a spreadsheet's (A … XFD). A line of millions of
separators would be cut into as many cells, and each read as a possible header, before anything
could be said of it (a 20 MB line of commas took 18 s and 1 GB); it is refused at once."""


def _lines(data: bytes, name: str | None) -> Iterator[str]:
    """The lines of UTF-8 text (a BOM dropped), each with its line ending, decoded as read; a
    line of more than :data:`MAX_COLUMNS` columns is refused at its number."""
    text = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8-sig", newline="")
    for number, line in enumerate(text, start=1):
        if len(line) >= MAX_COLUMNS and max(map(line.count, ";,\t")) >= MAX_COLUMNS:
            wide = msg("index.csv.too_many_columns", most=MAX_COLUMNS)
            raise InvalidIndex([_problem_at("line", number, wide)], source=name)
        yield line


def _sniff(line: str) -> str:
    return ";" if ";" in line else "," if "," in line else "\t" if "\t" in line else ","


def _header_at(data: bytes, want: _Want, name: str | None) -> tuple[str, int]:
    """The delimiter, and how many non-blank lines come before the header: title lines above
    it (as a workbook saved as CSV has) are passed over when a header is among the first 20
    non-blank lines; else the first non-blank line is the header (and its problems are told)."""
    before = 0
    for text in _lines(data, name):
        if not text.strip():
            continue
        delimiter = _sniff(text)
        try:
            cells = next(csv.reader([text], delimiter=delimiter), [])
        except csv.Error:
            break
        if _is_header(cells, want):
            return delimiter, before
        before += 1
        if before >= _HEADER_SEARCH_ROWS:
            break
    return _sniff(next((text for text in _lines(data, name) if text.strip()), "")), 0


def _csv_table(data: bytes, name: str | None, want: _Want) -> _Table:
    _check_utf8(data, name)
    delimiter, titles = _header_at(data, want, name)
    reader = csv.reader(_lines(data, name), delimiter=delimiter)
    header: tuple[str, ...] | None = None
    header_line = 0
    line = 1

    def fail(exc: csv.Error) -> InvalidIndex:
        # the reader's one refusal of text it reads with newline="" (not strict) is a cell past
        # its field size limit, told in the chosen language; any other keeps the reader's words
        if str(exc).startswith("field larger than field limit"):
            text = msg("index.csv.field_too_long", limit=csv.field_size_limit())
        else:
            text = msg("index.csv.invalid", error=str(exc))
        return InvalidIndex([_problem_at("line", line, text)], source=name)

    try:
        for record in reader:
            start = line
            line = reader.line_num + 1
            if not any(cell.strip() for cell in record):
                continue
            if titles:
                titles -= 1
                continue
            header, header_line = tuple(record), start
            break
    except csv.Error as exc:
        raise fail(exc) from None
    if header is None:
        raise InvalidIndex([Problem(name or "index", msg("index.file.empty"))], source=name)

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


def _table(path: str | os.PathLike[str] | bytes, want: _Want) -> _Table:
    data, name = _read_bytes(path)
    if data.startswith(_XLSX_MAGIC):
        return _xlsx_table(data, name, want)
    if data.startswith(_XLS_MAGIC):
        if _ENCRYPTED_PACKAGE in data or b"EncryptedPackage" in data:
            raise InvalidIndex(
                [Problem(name or "index", msg("index.file.encrypted"))],
                source=name,
            )
        raise InvalidIndex(
            [Problem(name or "index", msg("index.file.old_excel"))],
            source=name,
        )
    if want.sheet is not None:
        raise InvalidIndex(
            [Problem(name or "index", msg("index.csv.no_sheets", sheet=want.sheet))], source=name
        )
    return _csv_table(data, name, want)


@attrs.frozen
class _Columns:
    """The columns of a table a reader uses (0-based), their headers, and the index year."""

    knr: int
    value: int
    knr_name: str
    value_name: str
    year: int | None = None
    name: int | None = None
    """The column naming each row (``KNAVN``), if any: how a skipped total row is named."""
    note: int | None = None
    """The column of notes on the rows (``merknad``), if any."""


def _options(want: _Want) -> tuple[str, str]:
    """How the caller names the municipality and value columns: the argument and the option."""
    if want.scores:
        return "knr_column (--knr-column)", "score_column (--score-column)"
    return (
        "knr_column (--population-knr-column)",
        "population_column (--population-column)",
    )


def _columns(table: _Table, want: _Want) -> tuple[_Columns | None, list[Problem]]:
    """The columns ``want`` names (or the usual ones) in the header of ``table``."""
    names = [_norm_header(h) for h in table.header]
    where, place = _where(table.word, table.header_line), _place(table.word, table.header_line)
    knr = [i for i, n in enumerate(names) if want.is_knr(n)]
    values = [i for i, n in enumerate(names) if want.is_value(n)]
    named = [h.strip() for h in table.header if str(h).strip()]
    found: list[str] | Message = named or msg("index.columns.none")
    knr_option, value_option = _options(want)
    problems: list[Problem] = []
    if not knr:
        problems.append(
            Problem(where, _no_column(want.knr_column, knr_option, found, "knr"), place)
        )
    if not values:
        problems.append(
            Problem(where, _no_column(want.value_column, value_option, found, want.kind), place)
        )
    if len(knr) > 1:
        both = [table.header[i].strip() for i in knr]
        problems.append(
            Problem(
                where,
                msg("index.columns.several_kommunenummer", columns=both, option=knr_option),
                place,
            )
        )
    if len(values) > 1:
        both = [table.header[i].strip() for i in values]
        key = "index.columns.several_scores" if want.scores else "index.columns.several_populations"
        problems.append(Problem(where, msg(key, columns=both, option=value_option), place))
    if problems:
        return None, problems
    year_match = _SCORE_RE.fullmatch(names[values[0]]) if want.scores else None
    year = int(year_match["year"]) if year_match and year_match["year"] else None
    used = {knr[0], values[0]}
    row_names = [i for i, n in enumerate(names) if n in _NAME_NAMES and i not in used]
    notes = [i for i, n in enumerate(names) if n in _NOTE_NAMES and i not in used]
    return (
        _Columns(
            knr[0],
            values[0],
            table.header[knr[0]].strip(),
            table.header[values[0]].strip(),
            year,
            row_names[0] if row_names else None,
            notes[0] if notes else None,
        ),
        [],
    )


KEYS: Final = (
    "index.columns.no_kommunenummer",
    "index.columns.no_score",
    "index.columns.no_population",
    "index.columns.several_scores",
    "index.columns.several_populations",
)
"""The message keys chosen at run time (by the value column's kind)."""

_KEYS: Final = {
    "score": "index.columns.no_score",
    "population": "index.columns.no_population",
}


def _no_column(named: str | None, option: str, found: list[str] | Message, kind: str) -> Message:
    if named is not None:
        return msg("index.columns.named_missing", name=named, option=option, found=found)
    if kind == "knr":
        return msg("index.columns.no_kommunenummer", found=found, option=option)
    return msg(_KEYS[kind], found=found)
