"""The report's pages on A4: the layout of the typeset PDF, computed once, in pure Python.

The PDF report (:mod:`post65.report.pdf`) draws exactly the pages this module lays out, so the
page count is known whether or not the typesetter (``reportlab``, the ``post65[pdf]`` extra) is
installed: the layout uses the advance widths of the report's fonts (:mod:`post65.report.metrics`)
and breaks lines, tables and pages itself. Nothing a document holds changes the page: A4, fixed
margins, fixed type sizes; the county's header text and contact block have rooms of fixed size.

- running text: 10 pt, 13.5 pt apart, broken greedily at spaces (a no-break space joins; a word
  wider than the line is broken between characters);
- a section title: 12 pt bold, kept on the page with the first line of what follows (or, with
  ``keep``, the whole section starts a new page unless it fits or is longer than a page);
- a drawing (:class:`Drawing`, e.g. a chart): a block of fixed height, its ops placed from the
  left margin and moved whole to the next page if it does not fit;
- a table: 9 pt, as wide as the text, columns sized to their text (when all fit, each widened in
  proportion; else a column that fits keeps its width and the others share what is left in
  proportion to what they lack), the header row repeated on every page the table runs onto; a
  row moves whole to the next page unless it is taller than a page.

>>> from post65.layout import Paragraph, Section
>>> laid = typeset("Årsrapport", [Section("s", "Del", (Paragraph("Tekst. " * 1500),))])
>>> laid.pages, laid.lines
(3, 110)
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from typing import Final

import attrs

from post65.layout import Heading, Paragraph, Section, Table
from post65.report.metrics import UNITS_PER_EM, Face, face

__all__ = [
    "BODY_BOTTOM",
    "BODY_TOP",
    "CONTACT_LINES",
    "HEADER_LINES",
    "LEFT",
    "PAGE_HEIGHT",
    "PAGE_WIDTH",
    "RIGHT",
    "Box",
    "Drawing",
    "Laid",
    "Op",
    "Rule",
    "Text",
    "typeset",
    "wrap",
]

PAGE_WIDTH: Final = 595.2756
"""A4 width in points (210 mm)."""
PAGE_HEIGHT: Final = 841.8898
"""A4 height in points (297 mm)."""
LEFT: Final = 56.6929
"""Left margin: 2 cm."""
RIGHT: Final = PAGE_WIDTH - 56.6929
"""Right edge of the text: 2 cm margin."""
BODY_TOP: Final = PAGE_HEIGHT - 86.0
"""The top of the body: below the sender, the header text and the rule under them."""
BODY_BOTTOM: Final = 76.0
"""The bottom of the body: above the rule over the footer (year, date, page, contact)."""
HEADER_LINES: Final = 2
"""Lines of the county's header text under the sender (8.5 pt), at most."""
CONTACT_LINES: Final = 3
"""Lines of the county's contact block in the footer (8 pt), at most."""

TITLE_SIZE, TITLE_LEAD = 15.0, 19.0
HEAD_SIZE, HEAD_LEAD, HEAD_BEFORE, HEAD_AFTER = 12.0, 15.0, 12.0, 3.0
TEXT_SIZE, TEXT_LEAD, TEXT_AFTER = 10.0, 13.5, 6.0
CELL_SIZE, CELL_LEAD, CELL_PAD_X, CELL_PAD_Y = 9.0, 11.5, 4.0, 2.0
TABLE_AFTER: Final = 8.0

_SPACES = re.compile(r"[\t\n\x0b\x0c\r ]+")


@attrs.frozen
class Text:
    """A line of text drawn with its baseline starting at (x, y)."""

    x: float
    y: float
    text: str
    size: float
    bold: bool = False
    fill: str = ""
    """The colour (``#rrggbb``); empty for black."""


@attrs.frozen
class Box:
    """A filled rectangle, its lower left corner at (x, y)."""

    x: float
    y: float
    width: float
    height: float
    fill: str
    """The colour: ``#rrggbb``."""


@attrs.frozen
class Rule:
    """A horizontal line from x1 to x2 at height y."""

    x1: float
    x2: float
    y: float
    width: float = 0.5
    grey: float = 0.0


Op = Text | Rule | Box


@attrs.frozen
class Drawing:
    """A block of fixed ``height`` (points) drawn by ``ops`` whose coordinates start at the left
    margin and the bottom of the block; placed between sections, whole on one page."""

    key: str
    height: float
    ops: tuple[Op, ...]

    def placed(self, x: float, y: float) -> tuple[Op, ...]:
        """The ops moved by (``x``, ``y``)."""
        out: list[Op] = []
        for op in self.ops:
            if isinstance(op, Rule):
                out.append(attrs.evolve(op, x1=op.x1 + x, x2=op.x2 + x, y=op.y + y))
            else:
                out.append(attrs.evolve(op, x=op.x + x, y=op.y + y))
        return tuple(out)


@attrs.frozen
class Laid:
    """The laid-out body of every page (furniture apart), and the lines of text set."""

    page_ops: tuple[tuple[Op, ...], ...]
    lines: int
    by_section: tuple[tuple[str, int], ...] = ()
    """The lines of text each section set, by section key."""

    @property
    def pages(self) -> int:
        """The number of pages."""
        return len(self.page_ops)


def _limit(width: float, size: float) -> float:
    return width * UNITS_PER_EM / size


def _pieces(word: str, f: Face, limit: float) -> list[str]:
    """``word`` cut between characters into pieces no wider than ``limit`` font units."""
    out: list[str] = []
    current, used = "", 0
    for ch in word:
        w = f.widths.get(ord(ch), f.default)
        if current and used + w > limit:
            out.append(current)
            current, used = "", 0
        current += ch
        used += w
    out.append(current)
    return out


def wrap(text: str, f: Face, size: float, width: float) -> list[str]:
    """``text`` broken into lines no wider than ``width`` points at ``size`` (a line break in
    the text is kept; an empty text is one empty line)."""
    limit = _limit(width, size)
    space = f.widths[32]
    lines: list[str] = []
    for para in text.split("\n"):
        line: list[str] = []
        used = 0
        for word in _SPACES.split(para):
            if not word:
                continue
            w = f.units(word)
            if line and used + space + w <= limit:
                line.append(word)
                used += space + w
                continue
            if line:
                lines.append(" ".join(line))
            if w <= limit:
                line, used = [word], w
            else:
                *full, last = _pieces(word, f, limit)
                lines.extend(full)
                line, used = [last], f.units(last)
        lines.append(" ".join(line))
    return lines


def _cell_units(cell: str, f: Face) -> tuple[int, int]:
    """The widest line of ``cell`` unbroken (words joined by one space, as :func:`wrap` sets
    them) and its widest word, in font units."""
    space = f.widths[32]
    widest = word_max = 0
    for line in cell.split("\n"):
        words = [f.units(w) for w in _SPACES.split(line) if w]
        if words:
            widest = max(widest, sum(words) + space * (len(words) - 1))
            word_max = max(word_max, *words)
    return widest, word_max


@functools.lru_cache(maxsize=64)
def column_widths(table: Table, width: float) -> tuple[float, ...]:
    """Each column's width in points, the table filling ``width``: a column whose text fits
    keeps its natural width, the others share the room left in proportion to what they lack
    (never narrower than their longest word while that is possible). Remembered per table."""
    regular, bold = face(), face(bold=True)
    cols = max([len(table.headers), *(len(r) for r in table.rows)])
    if cols == 0:
        return ()
    natural = [0.0] * cols
    least = [0.0] * cols
    scale = CELL_SIZE / UNITS_PER_EM
    for r, row in enumerate((table.headers, *table.rows)):
        f = bold if r == 0 else regular
        for i, cell in enumerate(row):
            widest, word = _cell_units(cell, f)
            natural[i] = max(natural[i], widest * scale + 2 * CELL_PAD_X)
            least[i] = max(least[i], min(word * scale, 90.0) + 2 * CELL_PAD_X)
    if sum(natural) <= width:  # the table fills the width: the room left shared by width
        spread = width / sum(natural) if sum(natural) else 1.0
        return tuple(n * spread for n in natural)
    widths = [min(natural[i], least[i]) for i in range(cols)]
    if sum(widths) > width:
        shrink = width / sum(widths)
        return tuple(w * shrink for w in widths)
    lack = [natural[i] - widths[i] for i in range(cols)]
    spare = width - sum(widths)
    whole = sum(lack)
    return tuple(widths[i] + spare * lack[i] / whole for i in range(cols))


class _Pages:
    """Pages being filled from the top of the body down."""

    def __init__(self) -> None:
        self.pages: list[list[Op]] = [[]]
        self.y = BODY_TOP
        self.lines = 0

    @property
    def fresh(self) -> bool:
        return self.y == BODY_TOP

    def room(self) -> float:
        return self.y - BODY_BOTTOM

    def new_page(self) -> None:
        self.pages.append([])
        self.y = BODY_TOP

    def ensure(self, height: float) -> None:
        if height > self.room() and not self.fresh:
            self.new_page()

    def text_lines(self, lines: Sequence[str], size: float, lead: float, bold: bool) -> None:
        for line in lines:
            self.ensure(lead)
            self.y -= lead
            self.pages[-1].append(Text(LEFT, self.y + (lead - size) * 0.9, line, size, bold))
            self.lines += 1

    def gap(self, height: float) -> None:
        if not self.fresh:
            self.y = max(self.y - height, BODY_BOTTOM)


def _first_height(block: Heading | Paragraph | Table, width: float) -> float:
    """The height of a block's first line (or a table's header and first row)."""
    if isinstance(block, Table):
        return _row_height(block.headers, column_widths(block, width), True) + (
            _row_height(block.rows[0], column_widths(block, width), False) if block.rows else 0
        )
    return TEXT_LEAD


def _cells(row: Sequence[str], widths: Sequence[float], bold: bool) -> list[list[str]]:
    f = face(bold)
    padded = [*row, *("",) * (len(widths) - len(row))][: len(widths)]
    return [
        wrap(cell, f, CELL_SIZE, max(w - 2 * CELL_PAD_X, 1.0))
        for cell, w in zip(padded, widths, strict=True)
    ]


def _row_height(row: Sequence[str], widths: Sequence[float], bold: bool) -> float:
    cells = _cells(row, widths, bold)
    return max((len(c) for c in cells), default=1) * CELL_LEAD + 2 * CELL_PAD_Y


def _draw_row(
    pages: _Pages,
    cells: list[list[str]],
    widths: Sequence[float],
    align: Sequence[str],
    bold: bool,
    start: int,
    count: int,
) -> None:
    """Lines ``start`` … ``start + count`` of each cell of a row, at the current height."""
    f = face(bold)
    x = LEFT
    top = pages.y
    for i, lines in enumerate(cells):
        right = i < len(align) and align[i] == "right"
        for k, line in enumerate(lines[start : start + count]):
            y = top - CELL_PAD_Y - (k + 1) * CELL_LEAD + (CELL_LEAD - CELL_SIZE) * 0.9
            tx = x + widths[i] - CELL_PAD_X - f.width(line, CELL_SIZE) if right else x + CELL_PAD_X
            pages.pages[-1].append(Text(tx, y, line, CELL_SIZE, bold))
        x += widths[i]
    shown = max((len(c[start : start + count]) for c in cells), default=0)
    pages.lines += max(shown, 1)
    pages.y = top - max(count, 1) * CELL_LEAD - 2 * CELL_PAD_Y


def _table(pages: _Pages, table: Table, width: float) -> None:
    widths = column_widths(table, width)
    align = table.align or ("left",) * len(widths)
    head = _cells(table.headers, widths, True)
    head_lines = max((len(c) for c in head), default=1)
    head_height = head_lines * CELL_LEAD + 2 * CELL_PAD_Y

    def header() -> None:
        _draw_row(pages, head, widths, align, True, 0, head_lines)
        pages.pages[-1].append(Rule(LEFT, LEFT + width, pages.y, 0.8))

    header()
    for n, row in enumerate(table.rows):
        cells = _cells(row, widths, False)
        lines = max((len(c) for c in cells), default=1)
        height = lines * CELL_LEAD + 2 * CELL_PAD_Y
        if height > pages.room():
            fits_fresh = height <= BODY_TOP - BODY_BOTTOM - head_height
            if fits_fresh or pages.room() < CELL_LEAD + 2 * CELL_PAD_Y:
                pages.new_page()
                header()
        start = 0
        while start < lines:
            count = max(1, min(lines - start, int((pages.room() - 2 * CELL_PAD_Y) // CELL_LEAD)))
            _draw_row(pages, cells, widths, align, False, start, count)
            start += count
            if start < lines:
                pages.new_page()
                header()
        last = n == len(table.rows) - 1
        pages.pages[-1].append(Rule(LEFT, LEFT + width, pages.y, 0.8 if last else 0.3, 0.55))
    pages.gap(TABLE_AFTER)


def _drawing(pages: _Pages, drawing: Drawing) -> None:
    pages.gap(HEAD_BEFORE)
    pages.ensure(drawing.height)
    pages.y -= drawing.height
    pages.pages[-1].extend(drawing.placed(LEFT, pages.y))
    pages.gap(TABLE_AFTER)


def _section(pages: _Pages, section: Section, width: float) -> None:
    regular = face()
    heading = wrap(section.title, face(True), HEAD_SIZE, width)
    first = _first_height(section.blocks[0], width) if section.blocks else 0.0
    pages.gap(HEAD_BEFORE)
    pages.ensure(len(heading) * HEAD_LEAD + HEAD_AFTER + first)
    pages.text_lines(heading, HEAD_SIZE, HEAD_LEAD, True)
    pages.gap(HEAD_AFTER)
    for block in section.blocks:
        if isinstance(block, Table):
            pages.ensure(_first_height(block, width))
            _table(pages, block, width)
        elif isinstance(block, Heading):
            lines = wrap(block.text, face(True), TEXT_SIZE, width)
            pages.ensure(len(lines) * TEXT_LEAD + TEXT_LEAD)
            pages.text_lines(lines, TEXT_SIZE, TEXT_LEAD, True)
        else:
            pages.text_lines(
                wrap(block.text, regular, TEXT_SIZE, width), TEXT_SIZE, TEXT_LEAD, False
            )
            pages.gap(TEXT_AFTER)


def _keep_together(pages: _Pages, section: Section, width: float) -> None:
    """A new page unless ``section`` fits in the room left (or is longer than a page)."""
    trial = _Pages()
    _section(trial, section, width)
    if len(trial.pages) == 1:
        pages.ensure(HEAD_BEFORE + BODY_TOP - trial.y)


def typeset(title: str, sections: Sequence[Section | Drawing], *, keep: bool = False) -> Laid:
    """The body of every page of the document ``title`` made of ``sections`` (and drawings);
    ``keep``: a section that fits on a page is not split over two."""
    width = RIGHT - LEFT
    pages = _Pages()
    pages.text_lines(wrap(title, face(True), TITLE_SIZE, width), TITLE_SIZE, TITLE_LEAD, True)
    pages.gap(4.0)
    by_section: list[tuple[str, int]] = []
    for section in sections:
        if isinstance(section, Drawing):
            _drawing(pages, section)
            continue
        before = pages.lines
        if keep:
            _keep_together(pages, section, width)
        _section(pages, section, width)
        by_section.append((section.key, pages.lines - before))
    return Laid(tuple(tuple(p) for p in pages.pages), pages.lines, tuple(by_section))
