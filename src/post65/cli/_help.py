"""``post65 --help`` written without argparse.

The top-level help lists the commands of :data:`post65.cli.COMMANDS`; argparse would print it
after importing itself, gettext, locale and textwrap, which costs more than ``import post65``.
:func:`top_help` lays the same text out as argparse's ``HelpFormatter`` does (its usage wrapping,
help column and word wrapping, at the width argparse takes from the terminal), so ``post65
--help`` and ``post65 -h`` print exactly the bytes ``parser_for([]).format_help()`` gives: a
test compares the two at every terminal width from 1 to 300 columns.

The wrapping here breaks lines at spaces and, as textwrap does, splits a word longer than a line
(after its last hyphen that fits). textwrap also breaks hyphenated words (``bokmål-nynorsk``);
none of the texts has one, and a test fails the day one does.
"""

import os
import sys
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = ["HELP_HELP", "VERSION_HELP", "terminal_columns", "top_help", "wrap"]

HELP_HELP: Final = "show this help message and exit"
"""argparse's help of ``-h, --help``."""

VERSION_HELP: Final = "show program's version number and exit"
"""argparse's help of an ``action="version"`` option."""

_INDENT: Final = 2
"""argparse's indent of a section's items, and again of a command under its choices."""


def terminal_columns() -> int:
    """``shutil.get_terminal_size().columns`` (what argparse wraps its help to), found as shutil
    finds it without importing shutil, which loads zlib, bz2 and lzma: ``$COLUMNS`` if a positive
    whole number, else the width of the terminal on standard output, else 80."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns > 0:
        return columns
    stdout = sys.__stdout__
    try:
        size = os.get_terminal_size(stdout.fileno()) if stdout is not None else None
    except (AttributeError, ValueError, OSError):
        size = None
    return (size.columns if size is not None else 0) or 80


def wrap(text: str, width: int) -> list[str]:
    """The lines ``textwrap.wrap(text, width)`` makes of a text with no hyphenated word, its
    whitespace collapsed first as argparse does: its chunks are the words and the single spaces
    between them, taken greedily; a word longer than a line is split as textwrap splits it."""
    chunks: list[str] = []
    for word in text.split():
        if chunks:
            chunks.append(" ")
        chunks.append(word)
    chunks.reverse()
    lines: list[str] = []
    while chunks:
        line: list[str] = []
        length = 0
        if lines and chunks[-1] == " ":
            chunks.pop()
        while chunks and length + len(chunks[-1]) <= width:
            length += len(chunks[-1])
            line.append(chunks.pop())
        if chunks and len(chunks[-1]) > width:
            left = 1 if width < 1 else width - length
            chunk = chunks[-1]
            end = left
            if len(chunk) > left:
                hyphen = chunk.rfind("-", 0, left)
                if hyphen > 0 and chunk[:hyphen].strip("-"):
                    end = hyphen + 1
            line.append(chunk[:end])
            chunks[-1] = chunk[end:]
        if line and line[-1] == " ":
            line.pop()
        if line:
            lines.append("".join(line))
    return lines


def _usage(prog: str, options: list[str], positionals: list[str], width: int) -> str:
    """argparse's usage of a parser with these options and positionals, wrapped to ``width``."""
    prefix = "usage: "
    usage = " ".join([prog, *options, *positionals])
    if len(prefix) + len(usage) <= width:
        return f"{prefix}{usage}\n\n"

    def lines_of(parts: list[str], indent: str, first: str | None = None) -> list[str]:
        lines: list[str] = []
        line: list[str] = []
        length = (len(first) if first is not None else len(indent)) - 1
        for part in parts:
            if length + 1 + len(part) > width and line:
                lines.append(indent + " ".join(line))
                line = []
                length = len(indent) - 1
            line.append(part)
            length += len(part) + 1
        if line:
            lines.append(indent + " ".join(line))
        if first is not None:
            lines[0] = lines[0][len(indent) :]
        return lines

    if len(prefix) + len(prog) <= 0.75 * width:
        indent = " " * (len(prefix) + len(prog) + 1)
        lines = lines_of([prog, *options], indent, prefix) + lines_of(positionals, indent)
    else:
        indent = " " * len(prefix)
        lines = lines_of(options + positionals, indent)
        if len(lines) > 1:
            lines = lines_of(options, indent) + lines_of(positionals, indent)
        lines = [prog, *lines]
    return prefix + "\n".join(lines) + "\n\n"


def _action(header: str, help: str | None, indent: int, column: int, width: int) -> str:
    """argparse's lines of one argument: its ``header`` (``-h, --help``, a command's name) at
    ``indent``, its help from ``column`` (on the next line if the header reaches it)."""
    help_width = max(width - column, 11)
    header_width = column - indent - 2
    if not help:
        return f"{'':{indent}}{header}\n"
    if len(header) <= header_width:
        first, start = f"{'':{indent}}{header:{header_width}}  ", 0
    else:
        first, start = f"{'':{indent}}{header}\n", column
    lines = wrap(help, help_width)
    return "".join(
        [first, f"{'':{start}}{lines[0]}\n", *(f"{'':{column}}{x}\n" for x in lines[1:])]
    )


def top_help(
    columns: int, prog: str, description: str, epilog: str, commands: "Sequence[tuple[str, str]]"
) -> str:
    """The help of a parser ``prog`` with ``-h``, ``--version`` and the subcommands ``commands``
    (each a name and its help) on a terminal ``columns`` wide, as argparse formats it:
    ``post65 --help`` of :data:`post65.cli.COMMANDS`."""
    width = columns - 2  # argparse wraps to the terminal's width less 2
    column_most = min(24, max(width - 20, 2 * _INDENT))
    choices = "{" + ",".join(name for name, _ in commands) + "}"
    options = [("-h, --help", HELP_HELP), ("--version", VERSION_HELP)]
    longest = max(
        [len(choices), *(len(name) for name, _ in commands), *(len(o) for o, _ in options)]
    )
    column = min(longest + _INDENT + 2, column_most)
    text_width = max(width, 11)
    parts = [
        _usage(prog, ["[-h]", "[--version]"], [choices, "..."], width),
        "\n".join(wrap(description, text_width)) + "\n\n",
        "\npositional arguments:\n",
        _action(choices, None, _INDENT, column, width),
        *(_action(name, text, 2 * _INDENT, column, width) for name, text in commands),
        "\n\noptions:\n",
        *(_action(o, h, _INDENT, column, width) for o, h in options),
        "\n",
        "\n".join(wrap(epilog, text_width)) + "\n\n",
    ]
    text = "".join(parts)
    while "\n\n\n" in text:
        text = text.replace("\n\n\n", "\n\n")
    return text.strip("\n") + "\n"
