"""Rows of an index or population file that are not municipalities, and notes on the rows.

KDD's workbook as published has rows that are no municipality: the country («Landet», or
«0 Gjennomsnitt for hele landet»), county and regional totals, headings with a blank KNR. They
are skipped, and a note names them. A column of notes (``merknad``) is read too: its texts are
reported in the index's notes, and a row marked «ILLUSTRATIV» makes the whole index
illustrative (a warning on every use).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Final

from post65.districtindex.table import _norm_header, _show, _Uncomputed
from post65.geography import register
from post65.text import Message, msg

_TOTAL_WORDS: Final = re.compile(
    r"\b(?:landet|norge|sum|summert|total|totalt|i alt|gjennomsnitt|snitt|median|fylke|fylket"
    r"|fylkeskommune|region|regionen|nasjonalt|average|mean|country|county|all)\b"
)
_OLD_COUNTIES: Final = (
    "Viken",
    "Vestfold og Telemark",
    "Troms og Finnmark",
    "Hordaland",
    "Sogn og Fjordane",
    "Aust-Agder",
    "Vest-Agder",
    "Hedmark",
    "Oppland",
    "Sør-Trøndelag",
    "Nord-Trøndelag",
)
_ONE_NUMBER: Final = re.compile(r"\D*?([0-9]+)\D*")
_SHOWN: Final = 25

KEYS: Final = (
    "index.skipped.rows",
    "index.skipped.lines",
    "index.skipped.rows_more",
    "index.skipped.lines_more",
    "index.skipped.named.rows",
    "index.skipped.named.lines",
    "index.skipped.named.rows_more",
    "index.skipped.named.lines_more",
)
"""The message keys built at run time (a worksheet's rows, a CSV file's lines; the file named,
or not when it was read from bytes)."""


def _county_names() -> frozenset[str]:
    names = [f.name for f in register(2024).counties] + list(_OLD_COUNTIES)
    return frozenset(_norm_header(n) for n in names)


_COUNTIES: Final = _county_names()


def _is_total_text(text: str) -> bool:
    norm = _norm_header(text)
    return bool(norm) and (norm in _COUNTIES or _TOTAL_WORDS.search(norm) is not None)


def is_total_row(raw_nr: object, raw_name: object) -> bool:
    """Whether a row is no municipality but a total or a heading: its KNR is blank; a number of
    one or two digits (the country's 0, a county's number) or zeros (``0000``); or text without
    digits that names the country, a county or a total (``Landet``, ``Nordland``, ``Sum``), in
    the KNR cell or the name cell. Anything else is read as a municipality (and a problem if it
    is none)."""
    if raw_nr is None or isinstance(raw_nr, bool | _Uncomputed):
        return raw_nr is None
    if isinstance(raw_nr, int):
        return 0 <= raw_nr <= 99
    if isinstance(raw_nr, float):
        return raw_nr.is_integer() and 0 <= raw_nr <= 99
    text = str(raw_nr).strip()
    if not text:
        return True
    number = _ONE_NUMBER.fullmatch(text)
    if number is not None:
        digits = number[1]
        return len(digits) <= 2 or not digits.strip("0")
    if any(c.isdigit() for c in text):
        return False
    name = raw_name.strip() if isinstance(raw_name, str) else ""
    return _is_total_text(text) or (bool(name) and _is_total_text(name))


def row_label(row: Sequence[object], knr: int, name: int | None) -> str:
    """How a note names a skipped row: its KNR and name cells (or its first text cell)."""
    cells = [row[knr] if knr < len(row) else None]
    if name is not None and name < len(row):
        cells.append(row[name])
    shown = " ".join(_show(c) for c in cells if c is not None and str(c).strip())
    if not shown:
        words = (c for c in row if isinstance(c, str) and any(ch.isalpha() for ch in c))
        shown = next((_show(c) for c in words), "")
    return shown


class Skipped:
    """The rows skipped as no municipality in the file ``source``: the first 25 named, all
    counted."""

    __slots__ = ("count", "shown", "source", "word")

    def __init__(self, word: str, source: str | None = None) -> None:
        self.word = word
        self.source = source
        self.count = 0
        self.shown: list[str] = []

    def add(self, line: int, label: str) -> None:
        """Count the row at ``line``, named ``label``."""
        self.count += 1
        if len(self.shown) < _SHOWN:
            self.shown.append(f"{line} «{label}»" if label else str(line))

    def note(self) -> Message | None:
        """The note naming the file and the rows skipped, or None if there were none (an index
        and a population file read together each give one)."""
        if not self.count:
            return None
        kind = "rows" if self.word == "row" else "lines"
        key = f"index.skipped.{kind}" if self.source is None else f"index.skipped.named.{kind}"
        named = {} if self.source is None else {"source": self.source}
        if self.count > len(self.shown):
            return msg(
                key + "_more",
                count=self.count,
                shown=self.shown,
                rest=self.count - len(self.shown),
                **named,
            )
        return msg(key, count=self.count, shown=self.shown, **named)


_ILLUSTRATIVE: Final = re.compile(r"\s*illustrativ", re.IGNORECASE)
_MAX_NOTES: Final = 5


class RowNotes:
    """The notes on the rows (a ``merknad`` column), by text, with the rows that carry each."""

    __slots__ = ("by_text",)

    def __init__(self) -> None:
        self.by_text: dict[str, list[str]] = {}

    def add(self, nr: str, raw: object) -> None:
        """Remember the note cell ``raw`` of municipality ``nr`` (a blank cell is none)."""
        if raw is None or isinstance(raw, _Uncomputed):
            return
        text = " ".join(str(raw).split())
        if text:
            self.by_text.setdefault(text, []).append(nr)

    @property
    def illustrative(self) -> bool:
        """Whether a row is marked illustrative (a note that begins «ILLUSTRATIV»)."""
        return any(_ILLUSTRATIVE.match(text) for text in self.by_text)

    def notes(self, source: str | None) -> list[Message]:
        """The notes: the illustrative warning first, then each other text with its rows."""
        out: list[Message] = []
        reg = register(2024)
        illustrative = [t for t in self.by_text if _ILLUSTRATIVE.match(t)]
        if illustrative:
            count = sum(len(self.by_text[t]) for t in illustrative)
            out.append(
                msg(
                    "index.illustrative",
                    source=source or "index",
                    count=count,
                    note=_show_note(illustrative[0]),
                )
            )
        others = [t for t in self.by_text if t not in illustrative]
        for text in others[:_MAX_NOTES]:
            numbers = self.by_text[text]
            shown = [f"{nr} {reg.municipality(nr).name}" for nr in numbers[:3]]
            if len(numbers) > 3:
                shown.append("…")
            out.append(
                msg("index.row_note", note=_show_note(text), count=len(numbers), shown=shown)
            )
        if len(others) > _MAX_NOTES:
            out.append(msg("index.row_notes_more", rest=len(others) - _MAX_NOTES))
        return out


def _show_note(text: str) -> str:
    return text if len(text) <= 200 else text[:197] + "..."
