"""Reading an index or population file: the bytes, CSV, the columns."""

from __future__ import annotations

import codecs
import csv
import io
import os
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Final

from post65.districtindex.table import (
    _ENCRYPTED_PACKAGE,
    _KNR_NAMES,
    _POPULATION_NAMES,
    _SCORE_RE,
    _XLS_MAGIC,
    _XLSX_MAGIC,
    _norm_header,
    _Table,
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
            [Problem(f"line {line}", msg("index.csv.invalid", error=str(exc)))], source=name
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


def _table(path: str | os.PathLike[str] | bytes, *, score_names: bool) -> _Table:
    data, name = _read_bytes(path)
    if data.startswith(_XLSX_MAGIC):
        return _xlsx_table(data, name, score_names=score_names)
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
    return _csv_table(data, name)


def _columns(
    table: _Table, *, value_names: str
) -> tuple[int, int, str, str, int | None, list[Problem]]:
    """The municipality column, the value column, their names, the year in the value header."""
    names = [_norm_header(h) for h in table.header]
    where = f"line {table.header_line}"
    knr = [i for i, n in enumerate(names) if n in _KNR_NAMES]
    named = [h.strip() for h in table.header if str(h).strip()]
    found: list[str] | Message = named or msg("index.columns.none")
    scores = value_names == "score"
    if scores:
        values = [i for i, n in enumerate(names) if _SCORE_RE.fullmatch(n)]
    else:
        values = [i for i, n in enumerate(names) if n in _POPULATION_NAMES]
    problems: list[Problem] = []
    if not knr:
        problems.append(Problem(where, msg("index.columns.no_kommunenummer", found=found)))
    if not values:
        no_value = (
            msg("index.columns.no_score", found=found)
            if scores
            else msg("index.columns.no_population", found=found)
        )
        problems.append(Problem(where, no_value))
    if len(knr) > 1:
        both = [table.header[i].strip() for i in knr]
        problems.append(Problem(where, msg("index.columns.several_kommunenummer", columns=both)))
    if len(values) > 1:
        both = [table.header[i].strip() for i in values]
        several = (
            msg("index.columns.several_scores", columns=both)
            if scores
            else msg("index.columns.several_populations", columns=both)
        )
        problems.append(Problem(where, several))
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
