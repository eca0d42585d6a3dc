"""What every ``post65`` command writes with: JSON, CSV, tables (plain text or Markdown), numbers
and labels in the chosen language, and the one line an error prints on stderr.

Every word a command shows comes from the catalogues (keys ``cli.*``, ``enum.*``): nothing here
or in a command module is written in one language by hand.
"""

from __future__ import annotations

import enum
import re
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Final, TextIO

# json, csv, textwrap and post65._escape are imported where they are used: building the parser
# (``--help``) writes none of them.
if TYPE_CHECKING:
    from decimal import Decimal

    from post65.errors import Lang
    from post65.text import Message

__all__ = [
    "EXIT_BAD_INPUT",
    "EXIT_NOT_MET",
    "EXIT_OK",
    "error_text",
    "escape_markdown",
    "kr",
    "label",
    "msg",
    "num",
    "out",
    "render_table",
    "subject_label",
    "visible",
    "wrap",
    "write",
    "write_csv",
    "write_json",
    "write_json_rows",
]

EXIT_OK: Final = 0
EXIT_NOT_MET: Final = 1
EXIT_BAD_INPUT: Final = 2

KEYS: Final = (
    # The subjects rules name (``Rule.subject``), shown by subject_label().
    "cli.subject.allocation",
    "cli.subject.application",
    "cli.subject.application_and_the_set_of_applications",
    "cli.subject.application_each_applicant_municipality",
    "cli.subject.measure",
    "cli.subject.measure_the_project",
    "cli.subject.measure_use_i",
    "cli.subject.measure_use_ii",
    "cli.subject.measure_use_iii",
    "cli.subject.measure_use_iv",
    "cli.subject.portfolio",
    "cli.subject.programme",
    "cli.subject.programme_and_each_measure",
    "cli.subject.programme_each_area_municipality",
    "cli.subject.report",
    "cli.subject.support_to_an_undertaking",
)
"""Keys built at run time (see tests/test_catalogues.py)."""


def msg(key: str, /, **args: object) -> Message:
    """:func:`post65.text.msg`, its module imported by the first message a command makes: the
    ``cli`` modules take ``msg`` from here, so building the parser (``--help``) loads no
    catalogue, attrs or errors."""
    from post65.text import msg as message

    return message(key, **args)


def out() -> TextIO:
    """Standard output, looked up on each call (tests redirect it)."""
    return sys.stdout


def write(text: str) -> None:
    """Write ``text`` on stdout as it is."""
    out().write(text)


def write_json(value: Any) -> None:
    """Write ``value`` as UTF-8 JSON on stdout, nothing else."""
    import json

    out().write(json.dumps(value, ensure_ascii=False, indent=2) + "\n")


def compact_json() -> Callable[[Any], str]:
    """A function writing one JSON value compactly (``,`` and ``:`` without spaces, text as it
    is, not escaped to ASCII), as ``json.dumps`` with those options writes it.

    A check's JSON output writes each finding by itself, 1.5 million of them for 100 000
    measures: the encoder is made once here and called directly, where ``json.dumps`` would make
    one per call and keep a table against reference cycles (the rows are plain data, with
    none). Where the json module has no C encoder (or one that takes other arguments), the
    encoder is ``json.JSONEncoder``'s own."""
    import json
    import json.encoder as std

    slow = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), check_circular=False)
    make = getattr(std, "c_make_encoder", None)
    if make is None:
        return slow.encode
    try:
        fast = make(None, slow.default, std.encode_basestring, None, ":", ",", False, False, True)
        probe: dict[str, Any] = {"a": ["b", 1, None, True], "c": {"d": 'é\n"'}}
        if "".join(fast(probe, 0)) != slow.encode(probe):
            return slow.encode
    except Exception:  # another Python's encoder: the json module's own way
        return slow.encode

    def encode(value: Any) -> str:
        return "".join(fast(value, 0))

    return encode


def write_json_rows(value: Mapping[str, Any]) -> None:
    """Write the JSON object ``value`` on stdout compactly: each member on its own line, and
    each item of a member that is an array or an object on its own line without spaces (a
    rule), one level deeper for an object's arrays (the findings of a rule, one a line), so
    the text stays small, greppable and diffable line by line.

    A member may be given as an iterator of ``(key, value)`` pairs, an object written item by
    item as they come (``post65 check`` writes each rule's findings as soon as the rule has
    run; a value that is itself an iterator is an array written an item at a time), or as a
    function, called when the member is reached (what is complete only after the
    members before it). The text is written as it is made, never held whole."""
    dumps = compact_json()
    write = out().write

    def rows(items: list[Any], indent: str) -> str:
        return ",\n".join(f"{indent}{dumps(item)}" for item in items)

    def item(k: str, v: Any) -> str:
        if isinstance(v, list) and v:
            return f"    {dumps(k)}: [\n{rows(v, '      ')}\n    ]"
        return f"    {dumps(k)}: {dumps(v)}"

    def write_item(k: str, v: Any) -> None:
        if not isinstance(v, Iterator):
            write(item(k, v))
            return
        write(f"    {dumps(k)}: [")
        first = True
        for row in v:  # written one by one: a rule of 100 000 measures has as many rows
            write(("\n      " if first else ",\n      ") + dumps(row))
            first = False
        write("]" if first else "\n    ]")

    write("{\n")
    for n, (key, member) in enumerate(value.items()):
        if callable(member):
            member = member()
        head = (",\n" if n else "") + f"  {dumps(key)}: "
        if isinstance(member, Iterator):
            write(head + "{")
            empty = True
            for k, v in member:
                write("\n" if empty else ",\n")
                write_item(k, v)
                empty = False
            write("}" if empty else "\n  }")
        elif isinstance(member, list) and member:
            write(f"{head}[\n{rows(member, '    ')}\n  ]")
        elif isinstance(member, dict) and member:
            write(head + "{\n" + ",\n".join(item(k, v) for k, v in member.items()) + "\n  }")
        else:
            write(head + dumps(member))
    write("\n}\n")


def write_csv(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    """Write a CSV table (comma-separated, a header row) on stdout."""
    import csv
    import io

    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(headers)
    writer.writerows(rows)
    out().write(buf.getvalue())


def escape_markdown(cell: str) -> str:
    """A table cell or a heading's text for Markdown, shown as it is written: no markup, no raw
    HTML (``<`` as ``&lt;``), no control character; ``|`` and line breaks (``<br>``) cannot break
    the table (:func:`post65._escape.md_cell`)."""
    from post65._escape import md_cell

    return md_cell(cell)


def visible(text: str) -> str:
    """``text`` with its control characters shown (``\\x1b`` as ``␛``), its line breaks kept:
    what every text a command writes for people passes (:func:`post65._escape.visible`)."""
    from post65._escape import visible as shown

    return shown(text)


def render_table(
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    fmt: str = "table",
    colalign: Sequence[str] | None = None,
) -> str:
    """A table of strings (already formatted: tabulate never sees a number) as plain text
    (``table``) or Markdown (``markdown``), every cell shown as it is written
    (:func:`visible`, :func:`escape_markdown`)."""
    from tabulate import tabulate  # here: importing it costs ~25 ms, which --help need not pay

    from post65._escape import md_cell, visible

    cell = md_cell if fmt == "markdown" else visible
    rows = [[cell(c) for c in row] for row in rows]
    headers = [cell(h) for h in headers]
    return tabulate(
        rows,
        headers=list(headers),
        tablefmt="github" if fmt == "markdown" else "simple",
        disable_numparse=True,
        colalign=tuple(colalign) if colalign else None,
    )


def wrap(text: str, width: int) -> str:
    """``text`` wrapped at ``width`` characters (never at a hyphen; a word longer than a line
    cut in linear time, :func:`post65.layout.wrap`), control characters shown (:func:`visible`)."""
    from post65._escape import visible
    from post65.layout import wrap as lines

    return visible("\n".join(lines(text, width)) or text)


def num(n: int | Decimal, lang: Lang) -> str:
    """A number (a population, a score) written the way ``lang`` writes it."""
    return msg("cli.format.num", n=n)(lang)


def kr(amount: object, lang: Lang) -> str:
    """An amount of money (a quantity or kroner) as ``1 234 567 kr`` in ``lang``."""
    return msg("cli.format.kr", amount=amount)(lang)


def label(member: enum.Enum, lang: Lang) -> str:
    """An enum member's label in ``lang`` (``enum.<Class>.<value>`` in the catalogue)."""
    return msg("cli.format.label", value=member)(lang)


def subject_label(subject: str, lang: Lang) -> str:
    """A rule's subject (``measure (use iv)``) in ``lang`` (``tiltak (bruk iv)``)."""
    key = "cli.subject." + re.sub(r"[^a-z0-9]+", "_", subject.lower()).strip("_")
    return msg(key)(lang) if key in KEYS else subject


def error_text(exc: BaseException, lang: Lang) -> str:
    """The text a command prints on stderr (without the line end) when it stops on ``exc``.

    A :class:`~post65.errors.Post65Error` gives its message (every problem); input nested too
    deeply gives one sentence; any other exception is a bug in post65, told in one sentence
    with its type and the start of its message. A control character the message quotes (from
    a document) shows as a visible character (:func:`visible`).
    """
    from post65.errors import Post65Error

    if isinstance(exc, Post65Error):
        return visible(exc.message(lang))  # it may quote a document's text
    if isinstance(exc, RecursionError):
        return msg("cli.error.too_deep")(lang)
    return visible(msg("cli.error.internal", name=type(exc).__name__, detail=str(exc)[:200])(lang))
