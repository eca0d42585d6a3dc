"""JSON text read strictly: bounded size and depth, no duplicate keys, no NaN or Infinity, no
text UTF-8 cannot write, numbers with a decimal point as ``Decimal`` (never float).

Every problem is located by its JSON Pointer and raised together in one
:class:`~post65.errors.InvalidDocument`.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import re
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal

from post65._arguments import refused_by
from post65.errors import (
    InvalidArgument,
    InvalidDocument,
    Problem,
    pointer,
    summarise,
)
from post65.text import Message, msg

__all__ = [
    "MAX_DEPTH",
    "MAX_DOCUMENT_BYTES",
    "admit_text",
    "check_json",
    "in_document_order",
    "json_reason",
    "loads_json",
    "located_in",
    "os_reason",
    "pointer_key",
    "printable",
    "read_document",
    "read_source",
    "read_text",
    "strict_decoder",
    "text_sound",
]

MAX_DOCUMENT_BYTES = 32 * 1024 * 1024
"""The largest document :func:`post65.io.load` reads (32 MiB)."""

MAX_DEPTH = 32
"""The deepest nesting of arrays and objects a document may have."""


# --------------------------------------------------------------------------------------------
# Reading JSON safely


class _DupDict(dict[str, Any]):
    """An object that had duplicate keys; remembered so the walk can report them by pointer."""

    duplicates: tuple[str, ...] = ()


def _marked(pairs: list[tuple[str, Any]]) -> _DupDict:
    """The object of ``pairs`` that hold a key more than once (the last value kept, as the
    json module keeps it), marked with those keys so the walk can report them by pointer."""
    out: dict[str, Any] = {}
    dups: list[str] = []
    for key, value in pairs:
        if key in out:
            dups.append(key)
        out[key] = value
    marked = _DupDict(out)
    marked.duplicates = tuple(dict.fromkeys(dups))
    return marked


class _BadConstant:
    def __init__(self, name: str) -> None:
        self.name = name


_CONTAINERS = frozenset({dict, list, _DupDict})
"""The types of JSON containers as :func:`loads_json` builds them."""


def _bad_constant(value: _BadConstant, path: tuple[str | int, ...]) -> Problem:
    return Problem(_safe_pointer(path), msg("io.json.bad_constant", name=value.name))


def _encodable(text: str) -> bool:
    """Whether ``text`` can be written as UTF-8 (no lone surrogate such as ``"\\ud800"``)."""
    if text.isascii():
        return True
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def printable(text: str) -> str:
    """``text`` with every character UTF-8 cannot encode (a lone surrogate) written as its
    escape (``\\ud800``), so that a message naming it can always be printed."""
    return text if _encodable(text) else text.encode("utf-8", "backslashreplace").decode("utf-8")


def _safe_pointer(path: tuple[str | int, ...]) -> str:
    return pointer(*(printable(p) if isinstance(p, str) else p for p in path))


def _unencodable(path: tuple[str | int, ...], what: Literal["key", "value"]) -> Problem:
    where = _safe_pointer(path)
    if what == "key":
        return Problem(where, msg("io.json.key_unencodable"))
    return Problem(where, msg("io.json.text_unencodable"))


def check_json(root: object) -> list[Problem]:
    """Iteratively look for duplicate keys, NaN/Infinity, text that cannot be written as UTF-8
    (lone surrogates, in keys and values) and excessive depth.

    Only containers go on the stack (scalars are looked at in place), so a large document is
    walked quickly; a value whose path is longer than :data:`MAX_DEPTH` is reported once, at
    the pointer of its container.
    """
    problems: list[Problem] = []
    if isinstance(root, _BadConstant):
        problems.append(_bad_constant(root, ()))
    if type(root) is str and not _encodable(root):
        problems.append(_unencodable((), "value"))
    stack: list[tuple[dict[str, Any] | list[Any], tuple[str | int, ...]]] = (
        [(root, ())] if isinstance(root, dict | list) else []
    )
    too_deep = False
    while stack:
        value, path = stack.pop()
        items: Iterable[tuple[str | int, Any]]
        if isinstance(value, dict):
            if isinstance(value, _DupDict):
                for dup in map(printable, value.duplicates):
                    text = msg("io.json.duplicate_key", key=dup)
                    problems.append(Problem(_safe_pointer((*path, dup)), text))
            problems.extend(
                _unencodable((*path, key), "key") for key in value if not _encodable(key)
            )
            items = value.items()
        else:
            items = enumerate(value)
        if len(path) >= MAX_DEPTH:  # its items would lie deeper than MAX_DEPTH
            if value and not too_deep:
                text = msg("io.json.too_deep", depth=MAX_DEPTH)
                problems.append(Problem(_safe_pointer(path), text))
                too_deep = True
            continue
        for key, item in items:
            kind = type(item)
            if kind in _CONTAINERS:
                stack.append((item, (*path, key)))
            elif kind is str:
                if not _encodable(item):
                    problems.append(_unencodable((*path, key), "value"))
            elif kind is _BadConstant:
                problems.append(_bad_constant(item, (*path, key)))
    problems.sort(key=lambda p: pointer_key(p.where))
    return problems


def read_source(
    source: str | bytes | os.PathLike[str], *, max_bytes: int = MAX_DOCUMENT_BYTES
) -> tuple[str, str | None]:
    """The text of ``source`` and the name to report it by (at most ``max_bytes``)."""
    text, name, _ = read_document(source, max_bytes=max_bytes)
    return text, name


def read_document(
    source: str | bytes | os.PathLike[str], *, max_bytes: int = MAX_DOCUMENT_BYTES
) -> tuple[str, str | None, bool]:
    """As :func:`read_source`, and whether the text was decoded from UTF-8 bytes (a file or
    ``bytes``): such a text holds no lone surrogate (the decoder refuses one), so only its
    escapes need looking at (:func:`text_sound`). A ``str`` is the text itself when, past any
    ``\\ufeff``, spaces, tabs, ``\\r`` and ``\\n`` at its start, it begins with ``{``, ``[`` or
    ``"`` or is empty, or when it holds a ``\\n`` anywhere; any other ``str`` is a file path."""
    max_bytes = check_max_bytes(max_bytes)
    if isinstance(source, os.PathLike):
        return _read_path(Path(source), max_bytes), str(source), True
    if isinstance(source, bytes):
        return _decode(source, None, max_bytes), None, True
    if not isinstance(source, str):
        raise InvalidDocument([Problem("", msg("io.source.wrong_type"))])
    stripped = source.lstrip("\ufeff \t\r\n")
    if stripped[:1] in ("{", "[", '"') or stripped == "" or "\n" in source:
        return source, None, False
    return _read_path(Path(source), max_bytes), source, True


def read_text(path: str | os.PathLike[str]) -> str:
    """The text of a UTF-8 file (BOM allowed), bounded in size; problems as InvalidDocument."""
    return _read_path(Path(path))


def check_max_bytes(max_bytes: object) -> int:
    """``max_bytes`` when it is a whole number of bytes from 1 up to 2³¹ (the most a grant system
    may raise the limit to), else :class:`~post65.errors.InvalidArgument`."""
    if type(max_bytes) is not int or not 1 <= max_bytes <= 2**31:
        raise InvalidArgument(msg("io.max_bytes", shown=repr(max_bytes)[:40]))
    return max_bytes


def _read_path(path: Path, max_bytes: int = MAX_DOCUMENT_BYTES) -> str:
    if "\0" in str(path):  # the OS would refuse it with a bare ValueError
        raise InvalidDocument(
            [Problem("", msg("io.path.nul"))],
            source=repr(str(path))[1:-1],
        )
    try:
        with path.open("rb") as fh:
            data = fh.read(max_bytes + 1)
    except (OSError, ValueError) as exc:  # ValueError: a NUL or a lone surrogate in the path
        raise InvalidDocument(
            [Problem("", msg("io.file.unreadable", reason=os_reason(exc)))],
            source=printable(str(path)),
        ) from None
    return _decode(data, str(path), max_bytes)


_OS_REASONS = {
    errno.ENOENT: "io.os.not_found",
    errno.EACCES: "io.os.permission",
    errno.EPERM: "io.os.permission",
    errno.EISDIR: "io.os.is_directory",
    errno.ENOTDIR: "io.os.not_directory",
    errno.ENAMETOOLONG: "io.os.name_too_long",
    errno.ELOOP: "io.os.loop",
}

_JSON_REASONS = (  # the start of the json module's messages, and the catalogue's words for it
    ("Expecting value", "io.json.why.expecting_value"),
    ("Expecting property name", "io.json.why.expecting_name"),
    ("Expecting ':'", "io.json.why.expecting_colon"),
    ("Expecting ','", "io.json.why.expecting_comma"),
    ("Unterminated string", "io.json.why.unterminated_string"),
    ("Invalid control character", "io.json.why.control_character"),
    ("Invalid \\", "io.json.why.bad_escape"),
    ("Extra data", "io.json.why.extra_data"),
    ("Illegal trailing comma", "io.json.why.trailing_comma"),
)

KEYS = (
    "io.os.not_found",
    "io.os.permission",
    "io.os.is_directory",
    "io.os.not_directory",
    "io.os.name_too_long",
    "io.os.loop",
    "io.json.why.expecting_value",
    "io.json.why.expecting_name",
    "io.json.why.expecting_colon",
    "io.json.why.expecting_comma",
    "io.json.why.unterminated_string",
    "io.json.why.control_character",
    "io.json.why.bad_escape",
    "io.json.why.extra_data",
    "io.json.why.trailing_comma",
)
"""Keys built at run time (see tests/test_catalogues.py)."""


def os_reason(exc: BaseException) -> Message:
    """Why the operating system refused to read a file, in the catalogue's words (the OS's own
    ``strerror`` is English, or in the machine's language, not the one the user chose)."""
    code = getattr(exc, "errno", None)
    key = _OS_REASONS.get(code) if isinstance(code, int) else None
    if key is not None:
        return msg(key)
    if isinstance(exc, OSError):
        name = errno.errorcode.get(code, str(code)) if isinstance(code, int) else "?"
        return msg("io.os.other", code=name)
    return msg("io.os.bad_name")  # ValueError: a NUL or a lone surrogate in the path


def json_reason(exc: ValueError) -> Message:
    """Why JSON text could not be parsed, in the catalogue's words."""
    text = exc.msg if isinstance(exc, json.JSONDecodeError) else str(exc)
    for start, key in _JSON_REASONS:
        if text.startswith(start):
            return msg(key)
    if "digits" in text:  # Python refuses integers of more than 4300 digits
        return msg("io.json.why.too_many_digits")
    return msg("io.json.why.other")


def _decode(data: bytes, name: str | None, max_bytes: int = MAX_DOCUMENT_BYTES) -> str:
    if len(data) > max_bytes:
        raise InvalidDocument([_too_large(max_bytes)], source=name)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InvalidDocument(
            [Problem("", msg("io.file.not_utf8", offset=exc.start))], source=name
        ) from None


def _utf8_length(text: str) -> int:
    """The length of ``text`` in UTF-8 (a lone surrogate counted as its escape would be)."""
    return len(text.encode("utf-8", "surrogatepass"))


def _too_large(max_bytes: int = MAX_DOCUMENT_BYTES) -> Problem:
    mib, rest = divmod(max_bytes, 1024 * 1024)
    if rest:  # a limit that is not whole MiB is said in bytes
        return Problem("", msg("io.too_large_bytes", limit=max_bytes))
    return Problem("", msg("io.too_large", mib=mib))


def admit_text(text: str, *, source: str | None, max_bytes: int = MAX_DOCUMENT_BYTES) -> None:
    """Refuse ``text`` before it is parsed when it is larger than ``max_bytes`` in UTF-8, or
    holds nothing but white space."""
    max_bytes = check_max_bytes(max_bytes)
    if len(text) > max_bytes or (
        # a character is 1 to 4 bytes of UTF-8: count them only when it can matter
        len(text) > max_bytes // 4 and not text.isascii() and _utf8_length(text) > max_bytes
    ):
        raise InvalidDocument([_too_large(max_bytes)], source=source)
    first = _BLANK.match(text)
    if first is not None and first.end() == len(text):
        raise InvalidDocument([Problem("", msg("io.empty"))], source=source)


_BLANK = re.compile("[ \t\r\n\ufeff]*")
"""White space and byte order marks (a text of nothing else is empty)."""


def text_sound(text: str, *, decoded: bool = False) -> bool:
    """Whether every string ``text`` can hold is one UTF-8 can write: no escape of a UTF-16
    surrogate (a pair is fine, but is looked at by the walk all the same) and no lone surrogate
    in the text itself (not looked for when the text was ``decoded`` from UTF-8 bytes: the
    decoder refuses one)."""
    # "\\" first: a search for one character is many times faster than for two, and most
    # documents hold no backslash at all
    if "\\" in text and "\\u" in text and _SURROGATE_ESCAPE.search(text) is not None:
        return False
    return decoded or _encodable(text)


def strict_decoder(flagged: list[bool]) -> json.JSONDecoder:
    """The decoder :func:`loads_json` parses with: duplicate keys and NaN/Infinity append to
    ``flagged`` as they are met (the walk of :func:`check_json` then locates them), numbers with
    a decimal point are Decimal."""

    def pairs(found: list[tuple[str, Any]]) -> dict[str, Any]:
        out = dict(found)
        if len(out) == len(found):  # no duplicate key: the common case, one call and built in C
            return out
        flagged.append(True)
        return _marked(found)

    def constant(name: str) -> _BadConstant:
        flagged.append(True)
        return _BadConstant(name)

    return json.JSONDecoder(object_pairs_hook=pairs, parse_float=Decimal, parse_constant=constant)


def loads_json(text: str, *, source: str | None = None, max_bytes: int = MAX_DOCUMENT_BYTES) -> Any:
    """Parse JSON text strictly: bounded size (``max_bytes``, :data:`MAX_DOCUMENT_BYTES` by
    default) and depth, no duplicate keys, no NaN or Infinity, numbers with a decimal point as
    :class:`~decimal.Decimal` (never float)."""
    admit_text(text, source=source, max_bytes=max_bytes)
    flagged: list[bool] = []  # set while parsing: a duplicate key or a NaN/Infinity was seen
    try:
        value = strict_decoder(flagged).decode(text.lstrip("\ufeff"))
    except RecursionError:
        raise InvalidDocument(
            [Problem("", msg("io.json.too_deep", depth=MAX_DEPTH))], source=source
        ) from None
    except json.JSONDecodeError as exc:
        why = msg("io.json.invalid", reason=json_reason(exc), line=exc.lineno, column=exc.colno)
        raise InvalidDocument([Problem("", why)], source=source) from None
    except ValueError as exc:  # e.g. an integer with more digits than Python converts
        raise InvalidDocument(
            [Problem("", msg("io.json.unusable", reason=json_reason(exc)))], source=source
        ) from None
    if flagged or not text_sound(text) or not _shallow(value):
        problems = check_json(value)  # the walk that locates each problem
        if problems:
            raise InvalidDocument(problems, source=source)
    return value


_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
"""The escape of a UTF-16 surrogate (``\\ud800``): only through one can parsed JSON text hold
text UTF-8 cannot write (a pair is fine, but is looked at by the walk all the same)."""


def _shallow(root: object) -> bool:
    """Whether no container of ``root`` lies deeper than :data:`MAX_DEPTH` (level by level,
    looking only for containers: the cheap test before the walk that locates the problem)."""
    level: list[Any] = [root] if type(root) in _CONTAINERS else []
    for _ in range(MAX_DEPTH):
        deeper: list[Any] = []
        for container in level:
            items = container.values() if isinstance(container, dict) else container
            deeper += [x for x in items if type(x) in _CONTAINERS]
        if not deeper:
            return True
        level = deeper
    return False


def pointer_key(where: str) -> tuple[tuple[int, int | str], ...]:
    """Sort key of a JSON Pointer in document order (``/measures/10`` after ``/measures/9``).

    >>> sorted(["/m/10", "/m/9", "", "/a"], key=pointer_key)
    ['', '/a', '/m/9', '/m/10']
    """
    if not where.startswith("/"):
        return ((2, where),) if where else ()
    return tuple((0, int(t)) if t.isdigit() else (1, t) for t in where[1:].split("/"))


def in_document_order(problems: Iterable[Problem]) -> list[Problem]:
    """``problems`` in document order (by :func:`pointer_key`), the first
    :data:`~post65.errors.MAX_REPORTED` of them and one line counting the rest: as
    :func:`post65.io.load` reports a document's problems."""
    return summarise(sorted(problems, key=lambda p: pointer_key(p.where)))


@contextlib.contextmanager
def located_in(problems: Callable[[], Iterable[Problem]]) -> Iterator[None]:
    """Within the block, an amount or a year refused with no place to name
    (:class:`~post65.errors.InvalidAmount`, :class:`~post65.errors.InvalidParameter`), or a
    value of the wrong type failing deep inside (an ``AttributeError``, ``TypeError``,
    ``KeyError``, ``ValueError`` or ``ArithmeticError``), becomes the refusal of the document,
    each of ``problems()`` at its JSON Pointer, as :func:`post65.io.load` refuses it; with no
    problems (or when asking for them fails too) the error stands as it was.

    A document built in code is not validated as it is built, so a negative amount, a year 0,
    sums past 10^18 kr or ``None`` for a measure's period reach the check, the report or its
    rendering, which can name only the value. ``problems`` (the document's validation, with
    :func:`post65._shape.misfits` first) is asked only then: a sound document costs nothing
    more. A document refused inside (a report built of the document, refused as it is laid
    out) is the document's refusal when the document has problems of its own. Any other post65
    error says where already, and an unknown parameter's name is a bug to see: they stand as
    they were."""

    def refusal() -> InvalidDocument | None:
        try:
            found = in_document_order(problems())
        except Exception:  # the validation fails on the same value: the error stands
            return None
        return InvalidDocument(found) if found else None

    with refused_by(refusal, also=(InvalidDocument,)):
        yield
