"""A small document model, its renderers (text, Markdown, HTML) and the A4 page model.

The yearly report (§6 of scheme a: «Rapporten skal ikke overskride 3 sider») is built as a list
of :class:`Section` s made of :class:`Heading`, :class:`Paragraph` and :class:`Table` blocks. The
same blocks render as plain text, Markdown or one complete HTML page with print CSS for A4, and
the :class:`PageModel` counts the pages they fill, deterministically:

- the page model counts the lines of the *text* rendering, so what you read is what is counted;
- text is word-wrapped at :attr:`PageModel.width` characters;
- every heading, section title and underline is a line, and one blank line stands between blocks;
- a table takes a line for its header, one for the rule under it, and one per row, or as many as
  the row's tallest cell when cells wrap (each column wraps at its share of the width: a column
  that fits keeps its width, no column is cut narrower than its longest word or 8 characters
  while that is possible, and the rest of the width goes to the wider columns in proportion to
  what they lack; see :meth:`PageModel.column_widths`);
- pages = ⌈lines / :attr:`PageModel.lines_per_page`⌉.

The defaults model A4 with 2.5 cm margins and 11 pt text: 90 characters a line, 50 lines a page.
That is the *standard measure* (:data:`STANDARD`): rule P65-6.4 always counts a report's pages by
it, whatever page model the report declares, so that no report can certify itself. Either
parameter can be overridden for rendering, as whole numbers (``int``; a ``bool``, a float or a
``Decimal`` is refused at once). As an option (``model=`` of
:func:`~post65.report.build_report`, :func:`~post65.report.render_report`,
:func:`~post65.report.page_count`, ``--width`` and ``--lines-per-page`` on the command line) a
page model must lie within :data:`OPTION_BOUNDS`: 40 to 200 characters a line, 20 to 100 lines a
page (see :func:`bounded`). A model outside them can still be built (a stored report may declare
one: it is rendered with it, never judged by it), down to :data:`MIN_WIDTH` and
:data:`MIN_LINES_PER_PAGE`.

>>> doc = [Section("intro", "Innledning", (Paragraph("Kort tekst."),))]
>>> PageModel().count(doc).pages
1
"""

from __future__ import annotations

import html
import math
import re
import textwrap
from collections.abc import Callable, Sequence
from typing import Literal

import attrs
from tabulate import tabulate

from post65._escape import md_cell, md_line, md_paragraph, visible
from post65.errors import FieldError, InvalidParameter, Problem
from post65.text import Message, msg

__all__ = [
    "HEADER_PADDING",
    "MIN_LINES_PER_PAGE",
    "MIN_WIDTH",
    "OPTION_BOUNDS",
    "STANDARD",
    "Block",
    "Format",
    "Heading",
    "PageCount",
    "PageModel",
    "Paragraph",
    "Section",
    "Table",
    "bounded",
    "option_problem",
    "render",
    "wrap",
]


@attrs.frozen
class Heading:
    """A heading inside a section (level 3 and below; sections are level 2)."""

    text: str
    level: int = 3


@attrs.frozen
class Paragraph:
    """A paragraph of running text."""

    text: str


@attrs.frozen
class Table:
    """A table of strings (numbers already formatted, Norwegian style)."""

    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    align: tuple[Literal["left", "right"], ...] = ()


Block = Heading | Paragraph | Table


@attrs.frozen
class Section:
    """A titled part of a document; ``key`` names it in page-count messages."""

    key: str
    title: str
    blocks: tuple[Block, ...]


@attrs.frozen
class PageCount:
    """How many lines each section fills, and the pages of the whole."""

    lines: int
    pages: int
    by_section: tuple[tuple[str, int], ...]

    def longest(self, n: int = 3) -> tuple[tuple[str, int], ...]:
        """The ``n`` sections with the most lines, longest first."""
        return tuple(sorted(self.by_section, key=lambda kv: (-kv[1], kv[0]))[:n])


_WORDS = re.compile(r"[\t\n\x0b\x0c\r ]+")
"""What separates words for :mod:`textwrap` (ASCII white space: a no-break space joins)."""

HEADER_PADDING = 2
"""The room tabulate keeps beside a header cell (its ``MIN_PADDING``): a header is wrapped that
much narrower than its column, so that no column grows past its share of the width."""

MIN_WIDTH = 20
"""The narrowest line any page model accepts, in characters (options: see :data:`OPTION_BOUNDS`)."""
MIN_LINES_PER_PAGE = 10
"""The fewest lines a page any page model accepts (options: see :data:`OPTION_BOUNDS`)."""

OPTION_BOUNDS: dict[str, tuple[int, int]] = {"width": (40, 200), "lines_per_page": (20, 100)}
"""The inclusive bounds of each page option (``width`` in characters a line, ``lines_per_page``
in lines a page) wherever a page model is passed as an option (:func:`bounded`)."""


KEYS = ("layout.name.width", "layout.name.lines_per_page")
"""How a message names a page option in words (``bredden (tegn per linje)``), see :func:`_named`."""


def _named(name: str) -> Message:
    """The page option ``name`` (``width``, ``lines_per_page``) in words in each language: a
    Norwegian message names no English field."""
    return msg(f"layout.name.{name}")


def _whole_at_least(minimum: int) -> Callable[[object, attrs.Attribute[int], int], None]:
    def check(_instance: object, attribute: attrs.Attribute[int], value: int) -> None:
        key, name = attribute.name, _named(attribute.name)
        if type(value) is not int:  # a bool is an int subclass; a float NaN would never wrap
            raise FieldError(msg("layout.not_whole", name=name, value=repr(value)), field=key)
        if value < minimum:
            text = msg("layout.too_small", name=name, minimum=minimum, value=value)
            raise FieldError(text, field=key)

    return check


class _Wrapper(textwrap.TextWrapper):
    """:class:`textwrap.TextWrapper`, lines and all, with a word longer than a line cut in time
    linear in its length. textwrap cuts such a word a line at a time, each time copying what is
    left of it: a 10 MB word (a document may hold one in any text) took 20 s to wrap, a 32 MB one
    minutes. Here what is left after the first line is cut at once into the pieces textwrap would
    make of it, a line's width each (the last one shorter): each fits a line by itself, as the
    rest did, and nothing is copied again. ``tests/test_layout.py`` holds the lines to
    textwrap's."""

    def _handle_long_word(
        self, reversed_chunks: list[str], cur_line: list[str], cur_len: int, width: int
    ) -> None:
        super()._handle_long_word(reversed_chunks, cur_line, cur_len, width)
        rest = reversed_chunks[-1]
        step = max(width, 1)  # textwrap cuts at least one character a line
        # white space longer than a line (what strip() empties, as textwrap tells it) is not cut:
        # textwrap drops it whole at the next line's start
        if len(rest) > step and rest.strip():
            pieces = [rest[i : i + step] for i in range(0, len(rest), step)]
            # Once what is left of the word is all white space (a no-break or an ideographic
            # space, which textwrap does not break at), textwrap drops it at the next line's
            # start in one step and fills that line with the chunks after it: those last
            # pieces stay one (cut apart, each would take a line of its own to be dropped).
            end = len(pieces)
            while not pieces[end - 1].strip():
                end -= 1
            if end < len(pieces):
                pieces[end:] = ["".join(pieces[end:])]
            reversed_chunks[-1:] = pieces[::-1]


def wrap(text: str, width: int) -> list[str]:
    """``textwrap.wrap(text, width, break_on_hyphens=False)``, in time linear in the longest
    word (see :class:`_Wrapper`). A text that fits the line and holds no white space but
    single spaces (``isprintable`` is false for every other kind) is the one line textwrap makes
    of it, its trailing spaces dropped (none when it is blank), without a wrapper: most cells and
    lines of a report and of the check's table are such texts."""
    if width > 0 and len(text) <= width and text.isprintable():
        line = text.rstrip(" ")
        return [line] if line else []
    return _Wrapper(width=width, break_on_hyphens=False).wrap(text)


def _wrapped(text: str, width: int) -> list[str]:
    """``text``'s lines, each wrapped at ``width``, control characters shown
    (:func:`post65._escape.visible`: one character for one, so the widths stay)."""
    out: list[str] = []
    for para in text.splitlines() or [""]:
        out.extend(visible(line) for line in wrap(para, width) or [""])
    return out


@attrs.frozen
class PageModel:
    """A deterministic model of A4 pages (see the module docstring)."""

    width: int = attrs.field(
        default=90,
        validator=_whole_at_least(MIN_WIDTH),
        metadata={"doc": f"characters a line (at least {MIN_WIDTH})"},
    )
    lines_per_page: int = attrs.field(
        default=50,
        validator=_whole_at_least(MIN_LINES_PER_PAGE),
        metadata={"doc": f"lines a page (at least {MIN_LINES_PER_PAGE})"},
    )

    @property
    def is_standard(self) -> bool:
        """Whether this is the standard measure (:data:`STANDARD`: 90 characters, 50 lines)."""
        return self == STANDARD

    def description(self) -> Message:
        """The model in words, in any language: ``90 tegn per linje, 50 linjer per side``."""
        return msg("layout.model", width=self.width, lines_per_page=self.lines_per_page)

    def column_widths(self, table: Table) -> list[int]:
        """Each column's share of the width (the room left after two spaces between columns).

        A header cell counts two characters wider than it is (tabulate pads headers by two).
        When every column fits, each keeps its longest cell's width. Otherwise each column first
        gets the width of its longest word (at least 8), or of its longest cell if less; the
        room left goes to the columns still narrower than their longest cell, in proportion to
        how much of their text lies beyond that first width (the sum over their cells), never
        past their longest cell; what rounding leaves goes one character at a time to the
        columns with the most such text, leftmost first. When even the first step does not
        fit, each column gets a share proportional to its longest cell, at least 8.

        >>> table = Table(("Tiltak", "Beløp"), (("ord " * 20, "1\u00a0450\u00a0000\u00a0kr"),))
        >>> PageModel(width=40).column_widths(table)
        [26, 12]
        """
        cols = (
            max(len(table.headers), *(len(r) for r in table.rows))
            if table.rows
            else len(table.headers)
        )
        if cols == 0:
            return []
        cells: list[list[int]] = [[] for _ in range(cols)]
        word = [0] * cols
        for r, row in enumerate((table.headers, *table.rows)):
            pad = HEADER_PADDING if r == 0 else 0
            for i, cell in enumerate(row):
                cells[i].append(max(len(line) for line in cell.splitlines() or [""]) + pad)
                word[i] = max(word[i], *(len(w) + pad for w in _WORDS.split(cell)))
        longest = [max(c, default=0) for c in cells]
        room = max(self.width - 2 * (cols - 1), 8 * cols)
        total = sum(longest) or 1
        if total <= room:
            return [max(n, 1) for n in longest]
        widths = [max(1, min(longest[i], max(8, word[i]))) for i in range(cols)]
        if sum(widths) > room:
            return [max(8, room * n // total) for n in longest]
        weight = [sum(max(0, n - widths[i]) for n in cells[i]) for i in range(cols)]
        spare = room - sum(widths)
        while spare > 0:
            open_ = [i for i in range(cols) if widths[i] < longest[i]]
            if not open_:
                break
            whole = sum(weight[i] for i in open_) or 1
            give = {i: min(longest[i] - widths[i], spare * weight[i] // whole) for i in open_}
            if not any(give.values()):
                give[min(open_, key=lambda i: (-weight[i], i))] = 1
            for i, n in give.items():
                widths[i] += n
            spare -= sum(give.values())
        return widths

    def section_lines(self, section: Section) -> int:
        """The lines a section fills in the text rendering, the blank line before it included."""
        return len(_section_text(section, self)) + 1

    def count(self, sections: Sequence[Section], *, title: str | None = None) -> PageCount:
        """Lines and pages of a document made of ``sections`` under ``title``: exactly the lines
        of its text rendering, cut into pages of :attr:`lines_per_page`."""
        by_section = tuple((s.key, self.section_lines(s)) for s in sections)
        lines = sum(n for _, n in by_section)  # each section: a blank line, then its text
        if title is not None:
            lines += len(_title_text(title, self))
        elif sections:
            lines -= 1  # no blank line before the first section without a title
        return PageCount(
            lines=lines, pages=max(1, math.ceil(lines / self.lines_per_page)), by_section=by_section
        )


STANDARD = PageModel()
"""The standard measure: 90 characters a line, 50 lines a page (what P65-6.4 counts by)."""


def option_problem(name: str, value: int, where: str) -> Problem | None:
    """The problem with ``value`` as the page option ``name`` (``width`` or ``lines_per_page``)
    given at ``where``, or None if it lies within :data:`OPTION_BOUNDS`. ``where`` names the
    option (``--width``, ``/page_model/width``), so the text does not: ``må være mellom 40 og
    200, fikk 10``."""
    low, high = OPTION_BOUNDS[name]
    if low <= value <= high:
        return None
    return Problem(where, msg("layout.out_of_range", low=low, high=high, value=value))


def bounded(model: PageModel) -> PageModel:
    """``model``, checked as a page option: a :class:`PageModel` (``TypeError`` if not) within
    :data:`OPTION_BOUNDS` (:class:`~post65.errors.InvalidParameter` naming every value out of
    bounds if not).

    >>> bounded(PageModel(width=200)).width
    200
    >>> bounded(PageModel(width=10_000))
    Traceback (most recent call last):
    ...
    post65.errors.InvalidParameter: the width (characters a line) must be between 40 and 200, ...
    """
    if not isinstance(model, PageModel):
        raise TypeError(f"model must be a post65.PageModel, not {type(model).__name__}")
    texts = [
        msg("layout.out_of_bounds", name=_named(name), low=low, high=high, value=value)
        for name, (low, high) in OPTION_BOUNDS.items()
        if not low <= (value := getattr(model, name)) <= high
    ]
    if texts:
        text = texts[0]
        for then in texts[1:]:
            text = msg("layout.and_then", first=text, then=then)
        raise InvalidParameter(text)
    return model


# --------------------------------------------------------------------------------------------
# Rendering

Format = Literal["text", "markdown", "html"]


def _text_table(table: Table, model: PageModel) -> str:
    widths = model.column_widths(table)
    rows = [
        ["\n".join(_wrapped(c, w)) for c, w in zip(row, widths, strict=False)] for row in table.rows
    ]
    headers = [
        "\n".join(_wrapped(h, max(1, w - HEADER_PADDING)))
        for h, w in zip(table.headers, widths, strict=False)
    ]
    return tabulate(
        rows,
        headers=headers,
        tablefmt="simple",
        disable_numparse=True,
        colalign=table.align or None,
    )


def _title_text(title: str, model: PageModel) -> list[str]:
    return [*(t.upper() for t in _wrapped(title, model.width)), "=" * min(len(title), model.width)]


def _section_text(section: Section, model: PageModel) -> list[str]:
    out = [*_wrapped(section.title, model.width), "-" * min(len(section.title), model.width)]
    for b in section.blocks:
        out.append("")
        if isinstance(b, Table):
            out += _text_table(b, model).splitlines()
        else:
            out += _wrapped(b.text, model.width)
    return out


def _render_text(title: str, sections: Sequence[Section], model: PageModel) -> str:
    out = _title_text(title, model)
    for s in sections:
        out += ["", *_section_text(s, model)]
    return "\n".join(out) + "\n"


def _render_markdown(title: str, sections: Sequence[Section]) -> str:
    out: list[str] = [f"# {md_line(title)}", ""]
    for s in sections:
        out += [f"## {md_line(s.title)}", ""]
        for b in s.blocks:
            if isinstance(b, Heading):
                out += [f"{'#' * max(3, b.level)} {md_line(b.text)}", ""]
            elif isinstance(b, Paragraph):
                out += [md_paragraph(b.text), ""]
            else:
                rows = [[md_cell(c) for c in r] for r in b.rows]
                headers = [md_cell(h) for h in b.headers]
                out += [
                    tabulate(
                        rows,
                        headers=headers,
                        tablefmt="github",
                        disable_numparse=True,
                        colalign=b.align or None,
                    ),
                    "",
                ]
    return "\n".join(out).rstrip() + "\n"


_CSS = """
@page { size: A4; margin: 2.5cm; }
body { font-family: "Source Sans 3", "Helvetica Neue", Arial, sans-serif; font-size: 11pt;
       line-height: 1.35; max-width: 16cm; margin: 2rem auto; color: #111; }
h1 { font-size: 16pt; margin: 0 0 0.6em; }
h2 { font-size: 13pt; margin: 1.1em 0 0.4em; border-bottom: 1px solid #999; }
h3 { font-size: 11pt; margin: 0.8em 0 0.3em; }
table { border-collapse: collapse; width: 100%; margin: 0.4em 0 0.8em; font-size: 10pt; }
th, td { border-bottom: 1px solid #ccc; padding: 0.15em 0.4em; vertical-align: top; }
th { text-align: left; }
td.num, th.num { text-align: right; white-space: nowrap; }
@media print { body { margin: 0; max-width: none; } h2 { break-after: avoid; }
               tr { break-inside: avoid; } }
""".strip()


def _html_table(table: Table) -> str:
    align = table.align or ("left",) * len(table.headers)

    def cls(i: int) -> str:
        return ' class="num"' if i < len(align) and align[i] == "right" else ""

    head = "".join(f"<th{cls(i)}>{html.escape(h)}</th>" for i, h in enumerate(table.headers))
    body = "".join(
        "<tr>"
        + "".join(
            f"<td{cls(i)}>{html.escape(c).replace(chr(10), '<br>')}</td>" for i, c in enumerate(r)
        )
        + "</tr>\n"
        for r in table.rows
    )
    return f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{body}</tbody>\n</table>"


def _render_html(title: str, sections: Sequence[Section], lang: str) -> str:
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{html.escape(lang)}">',
        "<head>",
        '<meta charset="utf-8">',
        f"<title>{html.escape(title)}</title>",
        f"<style>\n{_CSS}\n</style>",
        "</head>",
        "<body>",
        f"<h1>{html.escape(title)}</h1>",
    ]
    for s in sections:
        out.append(f'<section id="{html.escape(s.key)}">')
        out.append(f"<h2>{html.escape(s.title)}</h2>")
        for b in s.blocks:
            if isinstance(b, Heading):
                level = min(max(3, b.level), 6)
                out.append(f"<h{level}>{html.escape(b.text)}</h{level}>")
            elif isinstance(b, Paragraph):
                out.append(f"<p>{html.escape(b.text).replace(chr(10), '<br>')}</p>")
            else:
                out.append(_html_table(b))
        out.append("</section>")
    out += ["</body>", "</html>"]
    return "\n".join(out) + "\n"


def render(
    title: str,
    sections: Sequence[Section],
    fmt: Format,
    *,
    model: PageModel | None = None,
    lang: str = "nb",
) -> str:
    """``sections`` under ``title`` as ``text``, ``markdown`` or a complete ``html`` page.

    Their text shows as it is written and does nothing else: in ``text`` and ``markdown`` a
    control character shows as a visible character, in ``markdown`` no text makes markup, and
    in ``html`` every text is escaped (see :mod:`post65._escape`)."""
    if fmt == "text":
        return _render_text(title, sections, model or PageModel())
    if fmt == "markdown":
        return _render_markdown(title, sections)
    return _render_html(title, sections, lang)
