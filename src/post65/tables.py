"""Tables for the desk: one model, written as CSV (plain or as Norwegian Excel reads it) or as an
Excel workbook (one sheet per table).

A :class:`Table` is a name, its :class:`Column` s and rows of raw cells (text, ``int`` or
``Decimal``; never a float, never a formatted number), and optionally a sum row: every column
marked ``total`` is summed exactly (empty where no row has a number: a figure nobody states does
not become 0), the label (``Sum``, ``I alt``) goes in ``label_at``.

- :func:`csv_text` writes one table: ``plain`` (comma, decimal point, no BOM, no sum row: for
  programs) or ``excel`` (semicolon, decimal comma, a UTF-8 BOM, CRLF and the sum row: what
  Norwegian Excel opens by double-click with the numbers as numbers);
- :func:`xlsx_bytes` writes a workbook with openpyxl (the ``xlsx`` extra), one sheet per table:
  numbers as numbers, amounts in the kroner format ``#,##0 "kr"`` (Excel shows ``1 234 567 kr``
  with the reader's own digit grouping), bold headers, a bold sum row; the same tables give the
  same bytes (fixed document dates, fixed zip entry times).

>>> from decimal import Decimal
>>> t = Table("Fordeling", (Column("fylke", "Fylke"), Column("beløp", "Beløp", Kind.KR, True)),
...           (("Nordland", 600), ("Troms", Decimal("400.5"))), total_label="Sum")
>>> t.sum_row()
('Sum', Decimal('1000.5'))
>>> print(csv_text(t, "excel").lstrip("\\ufeff"), end="")
fylke;beløp
Nordland;600
Troms;400,5
Sum;1000,5
"""

from __future__ import annotations

import csv
import datetime as dt
import enum
import io
import re
import zipfile
from collections.abc import Sequence
from decimal import Decimal
from typing import Final, TypeAlias

import attrs

from post65.errors import Post65Error
from post65.text import msg

__all__ = [
    "CSV_DIALECTS",
    "Cell",
    "Column",
    "Kind",
    "MissingExtra",
    "Table",
    "csv_text",
    "require",
    "xlsx_bytes",
]

Cell: TypeAlias = str | int | Decimal | None
"""A raw cell: text, a whole number, an exact decimal, or empty."""

CSV_DIALECTS: Final = ("plain", "excel")
"""``plain``: comma and decimal point (for programs); ``excel``: semicolon, decimal comma and a
BOM (Norwegian Excel)."""

FIXED_TIME: Final = dt.datetime(2000, 1, 1)
"""The created and modified time every workbook states (so the same input gives the same bytes)."""


class MissingExtra(Post65Error, ImportError):
    """An output that needs an optional extra which is not installed (``post65[xlsx]``,
    ``post65[charts]``); the message names the ``pip install`` that adds it."""


def require(module: str, extra: str) -> None:
    """Raise :class:`MissingExtra` naming ``pip install 'post65[extra]'`` if ``module`` cannot be
    imported."""
    try:
        __import__(module)
    except ImportError:
        raise MissingExtra(msg("tables.needs_extra", extra=extra, module=module)) from None


class Kind(enum.StrEnum):
    """What a column holds, which decides how each writer writes it."""

    TEXT = "text"
    INT = "int"
    """A whole number (a count, a population)."""
    KR = "kr"
    """An amount in kroner."""
    DECIMAL = "decimal"
    """An exact decimal (a score, a quota)."""
    SHARE = "share"
    """A share (0.046 is 4.6 %)."""


_XLSX_FORMATS: Final = {
    Kind.INT: "#,##0",
    Kind.KR: '#,##0 "kr"',
    Kind.DECIMAL: "#,##0.####",
    Kind.SHARE: "0.00 %",
}


@attrs.frozen
class Column:
    """A column: ``key`` heads it in CSV, ``header`` in a workbook (both in the chosen
    language); ``total`` marks a column the sum row sums."""

    key: str
    header: str
    kind: Kind = Kind.TEXT
    total: bool = False


@attrs.frozen
class Table:
    """A table: ``name`` names its sheet (31 characters at most are used)."""

    name: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[Cell, ...], ...]
    total_label: str | None = None
    """The sum row's label; ``None``: no sum row."""
    label_at: int = 0
    """The column the sum row's label is written in."""
    title: str = ""
    """A line written above the table in a workbook (what it shows)."""

    def sum_row(self) -> tuple[Cell, ...] | None:
        """The sum row, or ``None``: each ``total`` column's numbers summed exactly (empty cells
        left out), the cell empty where the column has no number at all."""
        if self.total_label is None:
            return None
        out: list[Cell] = [None] * len(self.columns)
        for i, column in enumerate(self.columns):
            if column.total:
                values = [row[i] for row in self.rows]
                numbers = [v for v in values if isinstance(v, (int, Decimal))]
                if numbers:
                    summed: int | Decimal = sum(numbers, start=0)
                    out[i] = summed
        out[self.label_at] = self.total_label
        return tuple(out)


def _plain(value: Cell, comma: bool) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        text = f"{value:f}"
        return text.replace(".", ",") if comma else text
    return str(value)


def csv_text(table: Table, dialect: str = "plain") -> str:
    """``table`` as CSV in ``dialect`` (see :data:`CSV_DIALECTS`)."""
    excel = dialect == "excel"
    buf = io.StringIO()
    writer = csv.writer(
        buf, delimiter=";" if excel else ",", lineterminator="\r\n" if excel else "\n"
    )
    writer.writerow([c.key for c in table.columns])
    rows = list(table.rows)
    total = table.sum_row() if excel else None
    if total is not None:
        rows.append(total)
    writer.writerows([[_plain(v, excel) for v in row] for row in rows])
    return ("\ufeff" if excel else "") + buf.getvalue()


_SHEET_BAD: Final = re.compile(r"[\[\]:*?/\\]")


def _sheet_names(tables: Sequence[Table]) -> list[str]:
    """Each table's sheet name: forbidden characters out, 31 characters, unique."""
    names: list[str] = []
    for t in tables:
        base = _SHEET_BAD.sub(" ", t.name).strip()[:31] or "Ark"
        name, n = base, 2
        while name.casefold() in (x.casefold() for x in names):
            suffix = f" ({n})"
            name, n = base[: 31 - len(suffix)] + suffix, n + 1
        names.append(name)
    return names


_XML_ILLEGAL: Final = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
"""The control characters a worksheet cannot hold (XML 1.0 has no place for them)."""

_EXCEL_CELL_MAX: Final = 32_767
"""The most characters Excel takes in a cell (a longer text makes it «repair» the file)."""


def _excel_text(text: str) -> str:
    """``text`` as a cell can hold it: a control character shown as its picture (U+0001 as
    ␁, as the character it was, where openpyxl would refuse the whole workbook), cut at Excel's
    32 767 characters with «…»."""
    if _XML_ILLEGAL.search(text):
        text = _XML_ILLEGAL.sub(lambda m: chr(0x2400 + ord(m.group())), text)
    if len(text) > _EXCEL_CELL_MAX:
        text = text[: _EXCEL_CELL_MAX - 1] + "…"
    return text


def _excel_value(value: Cell) -> str | int | Decimal | None:
    if isinstance(value, Decimal) and value == value.to_integral_value():
        return int(value)
    if isinstance(value, str):
        return _excel_text(value)
    return value


def xlsx_bytes(tables: Sequence[Table]) -> bytes:
    """A workbook with one sheet per table (openpyxl, the ``xlsx`` extra): the same tables give
    the same bytes.

    :raises MissingExtra: without openpyxl.
    """
    require("openpyxl", "xlsx")
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter
    from openpyxl.writer.excel import ExcelWriter

    book = Workbook()
    book.remove(book.active)
    bold = Font(bold=True)
    for table, name in zip(tables, _sheet_names(tables), strict=True):
        sheet = book.create_sheet(name)
        first = 1
        if table.title:
            sheet.cell(row=1, column=1, value=_excel_text(table.title)).font = bold
            first = 3
        for j, column in enumerate(table.columns, start=1):
            sheet.cell(row=first, column=j, value=_excel_text(column.header)).font = bold
        rows = list(table.rows)
        total = table.sum_row()
        for i, row in enumerate([*rows, *([total] if total else [])], start=first + 1):
            for j, (column, value) in enumerate(zip(table.columns, row, strict=True), start=1):
                cell = sheet.cell(row=i, column=j, value=_excel_value(value))
                if column.kind in _XLSX_FORMATS and value is not None:
                    cell.number_format = _XLSX_FORMATS[column.kind]
                if total is not None and i == first + 1 + len(rows):
                    cell.font = bold
        for j, column in enumerate(table.columns, start=1):
            widest = max(
                [len(column.header)]
                + [
                    len(_plain(r[j - 1], False)) + (3 if column.kind is Kind.KR else 0)
                    for r in rows
                ]
            )
            sheet.column_dimensions[get_column_letter(j)].width = min(60, widest + 4)
        sheet.freeze_panes = sheet.cell(row=first + 1, column=1)
    book.properties.creator = "post65"
    book.properties.created = FIXED_TIME
    book.properties.modified = FIXED_TIME
    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(book, archive).save()
    return _fixed_zip(raw.getvalue())


def _fixed_zip(data: bytes) -> bytes:
    """The zip ``data`` with every entry's time set to 1980-01-01 (zip's first date)."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o600 << 16
            target.writestr(fixed, source.read(info.filename))
    return out.getvalue()
