r"""Document text made safe to show in the text and Markdown outputs.

A document is untrusted: its texts (a measure's title, the split's justification, the county's
judgement, an id an error quotes) reach what ``post65`` writes for people to read, on a terminal
or in a Markdown viewer. Two rules hold there:

**Control characters are shown, never sent** (:func:`visible`). A line break stays a line
break: ``\r\n`` and every other break :meth:`str.splitlines` knows (``\r``, ``\v``, ``\f``,
``\x1c`` to ``\x1e``, ``\x85``, U+2028, U+2029) becomes ``\n``, where the text report has always
broken its lines. Every other C0 control character (U+0000 to U+001F: escape, bell, backspace,
tab …) and DEL (U+007F) shows as its Unicode control picture, U+2400 plus its code (``␛`` for
escape, ``␇`` bell, ``␈`` backspace, ``␉`` tab; ``␡`` for DEL), and every C1 control character
(U+0080 to U+009F, which have no picture) as U+FFFD ``�``, and so does each bidirectional
embedding, override or isolate (U+202A to U+202E, U+2066 to U+2069), which would reorder the
text around it. Each is one character for one, so a
table keeps its alignment and a report its lines and pages; no escape sequence, carriage return
or backspace reaches the terminal to recolour, retitle or hide text. (Where the text outputs
wrap a line, the wrapper has always turned a tab into spaces; it still does.)

**Markdown shows document text as text** (:func:`md_cell`, :func:`md_line`,
:func:`md_paragraph`), by CommonMark's rules and GitHub's (tables, strikethrough):

- ``&``, ``<`` and ``>`` become ``&amp;``, ``&lt;`` and ``&gt;``: no raw HTML, no ``<…>``
  autolink, no entity, no block quote;
- ``\``, ``` ` ```, ``*``, ``_``, ``[``, ``]``, ``~`` and ``|`` get a backslash: no code span,
  emphasis, link, image (``![…](…)`` needs the brackets), link reference definition,
  strikethrough or table cell. An ``_`` between two letters or digits stays as it is (inside a
  word, ``b_measures``, it can neither open nor close emphasis), and so do ``!``, ``(`` and
  ``)``: they make markup only beside a bracket;
- a ``#`` ending the text gets a backslash (in a heading, a closing sequence would drop it);
- in a paragraph, each line starts without its leading white space (no indented code block),
  and a ``#``, ``-``, ``+`` or ``=`` starting it, or the ``.`` or ``)`` after the digits
  starting it, gets a backslash: no heading, list, thematic break or setext underline;
- a heading is one line; in a table cell a line break is ``<br>``.

A backslash before ASCII punctuation shows as that character alone, and an entity as its
character: the escapes change the Markdown source, never what a reader sees.

JSON, CSV and xlsx output and the documents themselves keep every character as it is (JSON
writes a control character as ``\u001b``); the HTML page escapes its own text.
"""

from __future__ import annotations

import re
from typing import Final

__all__ = ["md_cell", "md_line", "md_paragraph", "shown", "visible"]

_BREAKS: Final = re.compile("\r\n|[\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
"""What :meth:`str.splitlines` breaks at besides ``\\n``."""

_CONTROLS: Final = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
"""Any character :func:`visible` changes."""

_BIDI: Final = (*range(0x202A, 0x202F), *range(0x2066, 0x206A))
"""The bidirectional embeddings, overrides and isolates: they reorder the text around them
(U+202E shows what follows backwards), so they could hide or disguise text too."""

_PICTURES: Final = {
    **{c: 0x2400 + c for c in range(0x20) if c != 0x0A},
    0x7F: 0x2421,
    **dict.fromkeys(range(0x80, 0xA0), 0xFFFD),
    **dict.fromkeys(_BIDI, 0xFFFD),
}

_PUNCTUATION: Final = re.compile(r"[\\`*\[\]~|]|(?<![^\W_])_|_(?![^\W_])")
"""What gets a backslash anywhere: ``_`` only where a letter or digit is not on both sides (an
underscore inside a word, ``b_measures``, cannot open or close emphasis)."""
_SPECIAL: Final = re.compile(r"[\\`*\[\]~|_&<>#]")
"""Any character :func:`_inline` may change: a text without one is shown as it is (most are)."""
_MARK: Final = re.compile(r"\A(?=[#+=-])|\A([0-9]{1,9})(?=[.)])")
"""Where a line starts a heading, a list, a thematic break or a setext underline: a backslash
goes before its first character, or after the digits of an ordered list's number."""


def visible(text: str) -> str:
    """``text`` with each line break as ``\\n`` and every other control character shown as a
    visible character (see the module docstring).

    >>> visible("a\\x1b[31mb\\r\\nc\\x9b\\td\\x7f")
    'a␛[31mb\\nc�␉d␡'
    """
    if _CONTROLS.search(text) is None:
        return text
    return _BREAKS.sub("\n", text).translate(_PICTURES)


def shown(value: object, limit: int = 40) -> str:
    """A refused value as a message quotes it: a text as written, :func:`visible`, cut to
    ``limit`` characters with «…»; anything else by its ``repr``, cut alike.

    >>> shown("18\x1b3"), shown("x" * 50)[-3:], shown(None)
    ('18␛3', 'xx…', 'None')
    """
    text = visible(value) if isinstance(value, str) else repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _inline(text: str) -> str:
    """One line of :func:`visible` text made inert in Markdown (no line breaks in it)."""
    if _SPECIAL.search(text) is None:
        return text
    text = _PUNCTUATION.sub(r"\\\g<0>", text)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    # the run of # that ends the text (before spaces and tabs) gets a backslash: found from the
    # end, in time linear in the text (a pattern trying each # of a long run was quadratic)
    end = len(text.rstrip(" \t"))
    start = len(text[:end].rstrip("#"))
    return text if start == end else text[:start] + "\\" + text[start:]


def md_cell(text: str) -> str:
    """``text`` as a Markdown table cell: shown as it is, a line break as ``<br>``.

    >>> md_cell("![i](javascript:x) a|b\\nc")
    '!\\\\[i\\\\](javascript:x) a\\\\|b<br>c'
    """
    return "<br>".join(_inline(line) for line in visible(text).split("\n"))


def md_line(text: str) -> str:
    """``text`` as one line of Markdown (a heading's text): its white space runs, line breaks
    too, made one space, so that nothing it holds can start a block.

    >>> md_line("Tittel #\\n# ikke en overskrift")
    'Tittel # # ikke en overskrift'
    >>> md_line("Tittel ##")
    'Tittel \\\\##'
    """
    return _inline(" ".join(visible(text).split()))


def md_paragraph(text: str) -> str:
    """``text`` as a Markdown paragraph: each line shown as it is, none starting a block.

    >>> print(md_paragraph("2024. Året\\n# H\\n    [a](javascript:alert(1))"))
    2024\\. Året
    \\# H
    \\[a\\](javascript:alert(1))
    """
    return "\n".join(_unblocked(_inline(line.strip(" "))) for line in visible(text).split("\n"))


def _unblocked(line: str) -> str:
    return _MARK.sub(lambda m: (m.group(1) or "") + "\\", line, count=1)
