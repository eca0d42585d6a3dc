"""KDD's xlsx workbook, read with hostile files in mind (zip bombs, lying dimensions)."""

from __future__ import annotations

import io
import re
import warnings
import zipfile
from collections.abc import Iterator
from typing import Final

from post65.districtindex.table import (
    _HEADER_SEARCH_ROWS,
    _is_header,
    _norm_header,
    _show,
    _Table,
    _Uncomputed,
    _Want,
)
from post65.errors import InvalidIndex, Problem
from post65.text import Message, msg

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


def _xlsx_problem(name: str, text: Message, source: str | None) -> InvalidIndex:
    return InvalidIndex([Problem(name, text)], source=source)


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
                name, msg("index.xlsx.too_many_parts", limit=MAX_XLSX_PARTS), source
            )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as exc:
        raise _xlsx_problem(
            name, msg("index.xlsx.unreadable", error=type(exc).__name__), source
        ) from None
    if len(infos) > MAX_XLSX_PARTS:
        raise _xlsx_problem(name, msg("index.xlsx.too_many_parts", limit=MAX_XLSX_PARTS), source)
    unpacked = sum(info.file_size for info in infos)
    if unpacked > MAX_XLSX_UNPACKED_BYTES:
        mib = MAX_XLSX_UNPACKED_BYTES // (1024 * 1024)
        biggest = max(infos, key=lambda info: info.file_size)
        bomb = msg(
            "index.xlsx.too_large_unpacked",
            unpacked=unpacked,
            part=_show(biggest.filename),
            size=biggest.file_size,
            mib=mib,
        )
        raise _xlsx_problem(name, bomb, source)


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


def _xlsx_table(data: bytes, source: str | None, want: _Want) -> _Table:
    name = source or "index"
    try:
        import openpyxl
    except ImportError:
        raise _xlsx_problem(name, msg("index.xlsx.needs_extra"), source) from None
    _check_zip(data, name, source)
    titles: list[str] = []
    seen: list[str] = []
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            try:
                sheets = list(book.worksheets)
                titles = [str(sheet.title) for sheet in sheets]
                if want.sheet is not None:
                    sheets = [
                        s for s in sheets if _norm_header(s.title) == _norm_header(want.sheet)
                    ]
                    if not sheets:
                        missing = msg("index.xlsx.no_such_sheet", sheet=want.sheet, sheets=titles)
                        raise _xlsx_problem(name, missing, source)
                preferred = [s for s in sheets if _norm_header(s.title) == "rådata"]
                for sheet in preferred + [s for s in sheets if s not in preferred]:
                    found, columns = _sheet_table(sheet, f"{name} ({sheet.title})", want, data)
                    if found is not None:
                        return found
                    shown = ", ".join(columns) if columns else "-"
                    seen.append(f"{sheet.title}: {shown}")
            finally:
                book.close()
    except InvalidIndex:
        raise
    except Exception as exc:  # openpyxl raises many types for a damaged workbook
        if isinstance(exc, ValueError) and "digits" in str(exc):
            cell = _too_long_in_xml(data)
            where = f"{name}, cell {cell[0]}" if cell else name
            too_long = (
                msg("index.xlsx.number_too_long_digits", digits=cell[1])
                if cell
                else msg("index.xlsx.number_too_long")
            )
            raise _xlsx_problem(where, too_long, source) from None
        raise _xlsx_problem(
            name, msg("index.xlsx.unreadable", error=type(exc).__name__), source
        ) from None
    raise _xlsx_problem(name, _no_sheet(want, titles, seen), source)


def _no_sheet(want: _Want, titles: list[str], seen: list[str]) -> Message:
    """The refusal of a workbook without the columns: the sheets, and the columns seen in each."""
    columns = "; ".join(seen)
    if want.knr_column is not None or want.value_column is not None:
        usual = "distriktsindeks" if want.scores else "folketall"
        named = [want.knr_column or "KNR", want.value_column or usual]
        return msg("index.xlsx.no_named_columns", named=named, sheets=titles, columns=columns)
    if want.scores:
        return msg("index.xlsx.no_index_sheet", sheets=titles, columns=columns)
    return msg("index.xlsx.no_population_sheet", sheets=titles, columns=columns)


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
                [Problem(label, msg("index.xlsx.too_many_rows", limit=MAX_XLSX_ROWS))],
                source=label,
            )
        yield row


def _seen_columns(cells: tuple[object, ...]) -> list[str]:
    """The headers a row of text cells would give (at most 12 shown, then «…»)."""
    names = [_show(c) for c in cells if isinstance(c, str) and c.strip()]
    return names[:12] + (["…"] if len(names) > 12 else [])


def _sheet_table(
    sheet: object, label: str, want: _Want, data: bytes
) -> tuple[_Table | None, list[str]]:
    """The table of a worksheet whose header is in its first 20 rows, else None and the columns
    seen (the row of the most text cells among the first 20). Only the columns up to the
    header's last named one are read (at most :data:`MAX_XLSX_COLUMNS`)."""
    header_at = 0
    header: tuple[str, ...] | None = None
    seen: list[str] = []
    most = 0
    top = _sheet_rows(sheet, label, last=_HEADER_SEARCH_ROWS, width=MAX_XLSX_COLUMNS)
    for number, cells in enumerate(top, start=1):
        if _is_header(cells, want):
            header, header_at = tuple("" if c is None else str(c) for c in cells), number
            break
        texts = sum(isinstance(c, str) and bool(c.strip()) for c in cells)
        if texts > most:
            most, seen = texts, _seen_columns(cells)
    if header is None:
        return None, seen
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
    return _Table(header, header_at, tuple(data_rows), label, None), []


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
