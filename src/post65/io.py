"""JSON in and out: the one cattrs converter of post65, ``load``, ``dump`` and JSON Schema.

Every document is a JSON object whose top-level ``"kind"`` names what it is (``portfolio``,
``allocation``, ``application``, ``programme``, ``report``). The rest of the object is the attrs
class registered for that kind, structured by the converter below, which is strict where cattrs by
default is lenient:

- ``int`` accepts only JSON integers (not ``"5"``, not ``1.9``, not ``true``);
- ``bool`` only ``true``/``false``; ``str`` only strings;
- ``Decimal`` only strings such as ``"0.75"`` (a JSON number with a decimal point is refused);
- money (``pint.Quantity[Decimal]``) a JSON integer or a string in any form
  :func:`post65.money.parse_amount` accepts, written back as a string of digits (``"1250000"``);
  a JSON number with a decimal point is refused: money is never a float;
- dates ISO strings ``YYYY-MM-DD``; enums by value; lists must be JSON arrays;
- unknown keys are refused, and so are duplicate keys in one object.

Every problem is collected, located by its JSON Pointer, and reported in one
:class:`~post65.errors.InvalidDocument`. Input size and nesting depth are bounded.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import json
import os
import re
import types
import typing
from collections.abc import Callable, Iterable, Iterator, Mapping
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Literal, TypeVar, Union, get_args, get_origin

import attrs
import cattrs
import pint
from cattrs.errors import (
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
)

from post65 import money
from post65.errors import (
    FieldError,
    InvalidAmount,
    InvalidDocument,
    Post65Error,
    Problem,
    pointer,
    summarise,
)

__all__ = [
    "MAX_DEPTH",
    "MAX_DOCUMENT_BYTES",
    "DocumentKind",
    "FieldError",
    "converter",
    "document_kind",
    "document_kinds",
    "dump",
    "from_json",
    "json_schema",
    "kind_of",
    "load",
    "loads_json",
    "pointer",
    "pointer_key",
    "printable",
    "read_text",
    "register_kind",
    "structure",
    "to_json",
]

MAX_DOCUMENT_BYTES = 32 * 1024 * 1024
"""The largest document :func:`load` reads (32 MiB)."""

MAX_DEPTH = 32
"""The deepest nesting of arrays and objects a document may have."""

T = TypeVar("T")


# --------------------------------------------------------------------------------------------
# The converter


def _describe(value: object) -> tuple[str, str]:
    """What a JSON value is, in bokmål and English, for messages."""
    if value is None:
        return "null", "null"
    if isinstance(value, bool):
        return "en sannhetsverdi", "a boolean"
    if isinstance(value, int):
        return "et heltall", "an integer"
    if isinstance(value, Decimal):
        return "et desimaltall", "a number with a decimal point"
    if isinstance(value, str):
        return "en tekst", "a string"
    if isinstance(value, list):
        return "en liste", "an array"
    if isinstance(value, dict):
        return "et objekt", "an object"
    return "en ukjent verdi", "an unknown value"


def _wrong_type(value: object, want_nb: str, want_en: str) -> FieldError:
    got_nb, got_en = _describe(value)
    return FieldError(f"forventet {want_nb}, fikk {got_nb}", f"expected {want_en}, got {got_en}")


def _structure_int(value: object, t: type) -> int:
    if t is not int and _is_enum(t):  # an IntEnum reaches the int hook by single dispatch
        return _structure_enum(value, t)  # type: ignore[return-value]
    if type(value) is not int:
        raise _wrong_type(value, "et heltall", "an integer")
    return value


def _structure_bool(value: object, _: type) -> bool:
    if type(value) is not bool:
        raise _wrong_type(value, "true eller false", "true or false")
    return value


def _structure_str(value: object, t: type) -> str:
    if t is not str and _is_enum(t):  # a StrEnum reaches the str hook by single dispatch
        return _structure_enum(value, t)  # type: ignore[return-value]
    if type(value) is not str:
        raise _wrong_type(value, "en tekst", "a string")
    return value


_DECIMAL_TEXT = re.compile(r"-?[0-9]{1,30}(\.[0-9]{1,30})?")


def _structure_decimal(value: object, _: type) -> Decimal:
    if type(value) is not str:
        raise _wrong_type(
            value, 'et tall skrevet som tekst, f.eks. "0.75"', 'a number as a string, e.g. "0.75"'
        )
    if not _DECIMAL_TEXT.fullmatch(value):
        raise FieldError(
            f'«{value[:40]}» er ikke et desimaltall (skriv f.eks. "0.75")',
            f'"{value[:40]}" is not a decimal number (write e.g. "0.75")',
        )
    try:
        return Decimal(value)
    except InvalidOperation as exc:  # pragma: no cover - the pattern admits only valid text
        raise FieldError("ugyldig desimaltall", "invalid decimal number") from exc


def _structure_money(value: object, _: type) -> pint.Quantity[Decimal]:
    if isinstance(value, Decimal):
        raise FieldError(
            'beløp skrives som heltall eller tekst, aldri som desimaltall (skriv "1250000")',
            'amounts are written as integers or strings, never as floats (write "1250000")',
        )
    if type(value) is not int and type(value) is not str:
        raise _wrong_type(value, 'et beløp, f.eks. "1250000"', 'an amount, e.g. "1250000"')
    if type(value) is str and 0 < len(value) <= 18 and value.isascii() and value.isdigit():
        return money.nok(int(value))  # whole kroner as JSON stores them: the fast path
    try:
        return money.parse_amount(value)
    except InvalidAmount as exc:
        raise FieldError(exc.nb, exc.en) from exc


_DATE_TEXT = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _structure_date(value: object, _: type) -> dt.date:
    if type(value) is not str:
        raise _wrong_type(value, "en dato (ÅÅÅÅ-MM-DD)", "a date (YYYY-MM-DD)")
    if not _DATE_TEXT.fullmatch(value):
        raise FieldError(
            f"«{value[:40]}» er ikke en dato på formen ÅÅÅÅ-MM-DD",
            f'"{value[:40]}" is not a date of the form YYYY-MM-DD',
        )
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise FieldError(
            f"«{value}» er ingen gyldig dato", f'"{value}" is not a valid date'
        ) from exc


def _is_money(t: Any) -> bool:
    return t is pint.Quantity or get_origin(t) is pint.Quantity


def _is_enum(t: Any) -> bool:
    return isinstance(t, type) and issubclass(t, enum.Enum)


def _structure_enum(value: object, t: type[enum.Enum]) -> enum.Enum:
    if type(value) is str:
        member = t._value2member_map_.get(value)
        if member is not None:
            return member
    allowed = ", ".join(f'"{m.value}"' for m in t)
    if type(value) is str:
        raise FieldError(
            f"«{value[:40]}» er ikke en av {allowed}", f'"{value[:40]}" is not one of {allowed}'
        )
    raise _wrong_type(value, f"en av {allowed}", f"one of {allowed}")


def _is_homogeneous_sequence(t: Any) -> bool:
    origin = get_origin(t)
    if origin is tuple:
        args = get_args(t)
        return len(args) == 2 and args[1] is Ellipsis
    return origin in (list, frozenset)


def _sequence_factory(t: Any) -> Callable[[object, Any], object]:
    origin = get_origin(t)
    elem = get_args(t)[0]
    elem_hook = converter.get_structure_hook(elem)
    build: Callable[[list[Any]], object] = {tuple: tuple, list: list, frozenset: frozenset}[origin]

    plain = elem is str or elem is int  # items that are themselves when of the exact type

    def hook(value: object, _: Any) -> object:
        if type(value) is not list:
            raise _wrong_type(value, "en liste", "an array")
        if plain and all(type(item) is elem for item in value):
            return build(value)  # the fast path: nothing to convert, nothing to refuse
        out: list[Any] = []
        errors: list[Exception] = []
        for i, item in enumerate(value):
            try:
                out.append(elem_hook(item, elem))
            except Exception as exc:
                exc.add_note(cattrs.IterableValidationNote(f"@ index {i}", i, elem))
                errors.append(exc)
        if errors:
            raise IterableValidationError(f"While structuring {t!r}", errors, t)
        return build(out)

    return hook


def _is_optional(t: Any) -> bool:
    """``X | None`` (one type and None)."""
    if get_origin(t) not in (Union, types.UnionType):
        return False
    args = get_args(t)
    return len(args) == 2 and type(None) in args


def _optional_factory(t: Any) -> Callable[[object, Any], object]:
    inner = next(a for a in get_args(t) if a is not type(None))
    inner_hook = converter.get_structure_hook(inner)

    def hook(value: object, _: Any) -> object:
        return None if value is None else inner_hook(value, inner)

    return hook


def _is_str_mapping(t: Any) -> bool:
    return get_origin(t) in (dict, Mapping) and get_args(t)[:1] == (str,)


def _mapping_factory(t: Any) -> Callable[[object, Any], object]:
    value_type = get_args(t)[1]
    value_hook = converter.get_structure_hook(value_type)

    def hook(value: object, _: Any) -> object:
        if type(value) is not dict:
            raise _wrong_type(value, "et objekt", "an object")
        out: dict[str, Any] = {}
        errors: list[Exception] = []
        for key, item in value.items():
            try:
                out[key] = value_hook(item, value_type)
            except Exception as exc:
                exc.add_note(cattrs.AttributeValidationNote(f"@ key {key}", key, value_type))
                errors.append(exc)
        if errors:
            raise ClassValidationError(f"While structuring {t!r}", errors, dict)
        return out

    return hook


def _is_attrs_class(t: Any) -> bool:
    return isinstance(t, type) and attrs.has(t)


def _attrs_factory(t: type) -> Callable[[object, Any], object]:
    inner: Callable[[Any, Any], object] = cattrs.gen.make_dict_structure_fn(
        t, converter, _cattrs_forbid_extra_keys=True
    )

    def hook(value: object, _: Any) -> object:
        if type(value) is not dict:
            raise _wrong_type(value, "et objekt", "an object")
        return inner(value, t)

    return hook


def _unstructure_decimal(value: Decimal) -> str:
    """``value`` as the text :func:`_structure_decimal` reads back: never exponent notation
    (``Decimal("1E+2")`` is ``"100"``, not ``"1E+2"``)."""
    return format(value, "f")


def _unstructure_money(q: pint.Quantity[Decimal]) -> str:
    return money.amount_to_str(q)


def _make_converter() -> cattrs.Converter:
    conv = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
    conv.register_structure_hook(int, _structure_int)
    conv.register_structure_hook(bool, _structure_bool)
    conv.register_structure_hook(str, _structure_str)
    conv.register_structure_hook(Decimal, _structure_decimal)
    conv.register_unstructure_hook(Decimal, _unstructure_decimal)
    conv.register_structure_hook(dt.date, _structure_date)
    conv.register_unstructure_hook(dt.date, dt.date.isoformat)
    conv.register_structure_hook_func(_is_money, _structure_money)
    conv.register_unstructure_hook_func(_is_money, _unstructure_money)
    conv.register_structure_hook_func(_is_enum, _structure_enum)
    conv.register_unstructure_hook_func(_is_enum, lambda e: e.value)
    conv.register_structure_hook_factory(_is_homogeneous_sequence, _sequence_factory)
    conv.register_structure_hook_factory(_is_optional, _optional_factory)
    conv.register_structure_hook_factory(_is_str_mapping, _mapping_factory)
    conv.register_structure_hook_factory(_is_attrs_class, _attrs_factory)
    return conv


converter: cattrs.Converter = _make_converter()
"""The converter post65 uses for every document. Never the global cattrs converter."""


# --------------------------------------------------------------------------------------------
# Document kinds


@attrs.frozen
class DocumentKind:
    """A kind of JSON document: its name (the ``"kind"`` value), its class, and the checks that
    make a structurally sound document unusable (for instance unknown municipality numbers)."""

    name: str
    cls: type
    title: str
    validate: Callable[[Any], Iterable[Problem]] | None = None


_KINDS: dict[str, DocumentKind] = {}


def register_kind(
    name: str,
    cls: type,
    *,
    title: str,
    validate: Callable[[Any], Iterable[Problem]] | None = None,
) -> None:
    """Register ``cls`` as the document kind ``name`` (done by the modules that define kinds)."""
    _KINDS[name] = DocumentKind(name=name, cls=cls, title=title, validate=validate)


def _ensure_kinds_loaded() -> None:
    # The modules that define document kinds register them when imported.
    import post65.kinds  # noqa: F401


def document_kinds() -> tuple[DocumentKind, ...]:
    """Every registered document kind, by name."""
    _ensure_kinds_loaded()
    return tuple(_KINDS[name] for name in sorted(_KINDS))


def document_kind(name: str) -> DocumentKind:
    """The document kind called ``name``; an unknown name raises :class:`InvalidDocument`."""
    _ensure_kinds_loaded()
    try:
        return _KINDS[name]
    except KeyError:
        known = ", ".join(sorted(_KINDS))
        raise InvalidDocument(
            [
                Problem(
                    "/kind",
                    f"ukjent dokumenttype «{name[:40]}»; kjente: {known}",
                    f'unknown document kind "{name[:40]}"; known: {known}',
                )
            ]
        ) from None


def kind_of(obj: object) -> str:
    """The kind name of a document object."""
    _ensure_kinds_loaded()
    for kind in _KINDS.values():
        if type(obj) is kind.cls:
            return kind.name
    raise TypeError(f"{type(obj).__name__} is not a registered document kind")


# --------------------------------------------------------------------------------------------
# Reading JSON safely


class _DupDict(dict[str, Any]):
    """An object that had duplicate keys; remembered so the walk can report them by pointer."""

    duplicates: tuple[str, ...] = ()


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    fast = dict(pairs)
    if len(fast) == len(pairs):  # no duplicate key: the common case, built in C
        return fast
    out: dict[str, Any] = {}
    dups: list[str] = []
    for key, value in pairs:
        if key in out:
            dups.append(key)
        out[key] = value
    if dups:
        marked = _DupDict(out)
        marked.duplicates = tuple(dict.fromkeys(dups))
        return marked
    return out


class _BadConstant:
    def __init__(self, name: str) -> None:
        self.name = name


_CONTAINERS = frozenset({dict, list, _DupDict})
"""The types of JSON containers as :func:`loads_json` builds them."""


def _bad_constant(value: _BadConstant, path: tuple[str | int, ...]) -> Problem:
    return Problem(
        _safe_pointer(path),
        f"{value.name} er ikke et tall som kan brukes",
        f"{value.name} is not a usable number",
    )


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
        return Problem(
            where,
            "nøkkelen inneholder tegn som ikke kan skrives som UTF-8 (en enslig surrogat)",
            "the key holds characters that cannot be written as UTF-8 (a lone surrogate)",
        )
    return Problem(
        where,
        "teksten inneholder tegn som ikke kan skrives som UTF-8 (en enslig surrogat)",
        "the text holds characters that cannot be written as UTF-8 (a lone surrogate)",
    )


def _walk_json(root: object) -> list[Problem]:
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
                    problems.append(
                        Problem(
                            _safe_pointer((*path, dup)),
                            f"nøkkelen «{dup}» står flere ganger i samme objekt",
                            f'the key "{dup}" appears more than once in the same object',
                        )
                    )
            problems.extend(
                _unencodable((*path, key), "key") for key in value if not _encodable(key)
            )
            items = value.items()
        else:
            items = enumerate(value)
        if len(path) >= MAX_DEPTH:  # its items would lie deeper than MAX_DEPTH
            if value and not too_deep:
                problems.append(
                    Problem(
                        _safe_pointer(path),
                        f"dokumentet er nestet dypere enn {MAX_DEPTH} nivåer",
                        f"the document is nested deeper than {MAX_DEPTH} levels",
                    )
                )
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


def _read_source(source: str | bytes | os.PathLike[str]) -> tuple[str, str | None]:
    """The text of ``source`` and the name to report it by."""
    if isinstance(source, os.PathLike):
        return _read_path(Path(source)), str(source)
    if isinstance(source, bytes):
        return _decode(source, None), None
    if not isinstance(source, str):
        raise InvalidDocument(
            [
                Problem(
                    "",
                    "forventet JSON-tekst, bytes eller en filsti",
                    "expected JSON text, bytes or a file path",
                )
            ]
        )
    stripped = source.lstrip("\ufeff \t\r\n")
    if stripped[:1] in ("{", "[", '"') or stripped == "" or "\n" in source:
        return source, None
    return _read_path(Path(source)), source


def read_text(path: str | os.PathLike[str]) -> str:
    """The text of a UTF-8 file (BOM allowed), bounded in size; problems as InvalidDocument."""
    return _read_path(Path(path))


def _read_path(path: Path) -> str:
    if "\0" in str(path):  # the OS would refuse it with a bare ValueError
        raise InvalidDocument(
            [
                Problem(
                    "", "filstien inneholder et NUL-tegn", "the file path contains a NUL character"
                )
            ],
            source=repr(str(path))[1:-1],
        )
    try:
        with path.open("rb") as fh:
            data = fh.read(MAX_DOCUMENT_BYTES + 1)
    except (OSError, ValueError) as exc:  # ValueError: a NUL or a lone surrogate in the path
        reason = getattr(exc, "strerror", None) or type(exc).__name__
        raise InvalidDocument(
            [Problem("", f"kan ikke lese filen: {reason}", f"cannot read the file: {reason}")],
            source=printable(str(path)),
        ) from None
    return _decode(data, str(path))


def _decode(data: bytes, name: str | None) -> str:
    if len(data) > MAX_DOCUMENT_BYTES:
        raise InvalidDocument([_too_large()], source=name)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InvalidDocument(
            [
                Problem(
                    "",
                    f"filen er ikke UTF-8-tekst (byte {exc.start})",
                    f"the file is not UTF-8 text (byte {exc.start})",
                )
            ],
            source=name,
        ) from None


def _too_large() -> Problem:
    mib = MAX_DOCUMENT_BYTES // (1024 * 1024)
    return Problem(
        "", f"dokumentet er større enn {mib} MiB", f"the document is larger than {mib} MiB"
    )


def loads_json(text: str, *, source: str | None = None) -> Any:
    """Parse JSON text strictly: bounded size and depth, no duplicate keys, no NaN or Infinity,
    numbers with a decimal point as :class:`~decimal.Decimal` (never float)."""
    if len(text) > MAX_DOCUMENT_BYTES:
        raise InvalidDocument([_too_large()], source=source)
    if not text.strip(" \t\r\n\ufeff"):
        raise InvalidDocument(
            [Problem("", "dokumentet er tomt", "the document is empty")], source=source
        )
    try:
        value = json.loads(
            text.lstrip("\ufeff"),
            object_pairs_hook=_pairs,
            parse_float=Decimal,
            parse_constant=_BadConstant,
        )
    except RecursionError:
        raise InvalidDocument(
            [
                Problem(
                    "",
                    f"dokumentet er nestet dypere enn {MAX_DEPTH} nivåer",
                    f"the document is nested deeper than {MAX_DEPTH} levels",
                )
            ],
            source=source,
        ) from None
    except json.JSONDecodeError as exc:
        raise InvalidDocument(
            [
                Problem(
                    "",
                    f"ikke gyldig JSON: {exc.msg} (linje {exc.lineno}, kolonne {exc.colno})",
                    f"not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})",
                )
            ],
            source=source,
        ) from None
    except ValueError as exc:  # e.g. an integer with more digits than Python converts
        raise InvalidDocument(
            [Problem("", f"ikke brukbar JSON: {exc}", f"unusable JSON: {exc}")], source=source
        ) from None
    problems = _walk_json(value)
    if problems:
        raise InvalidDocument(problems, source=source)
    return value


# --------------------------------------------------------------------------------------------
# Structuring errors to problems


def _note_step(exc: BaseException) -> str | int | None:
    for note in reversed(getattr(exc, "__notes__", ())):
        if isinstance(note, cattrs.AttributeValidationNote):
            return note.name
        if isinstance(note, cattrs.IterableValidationNote):
            return note.index
    return None


def _problems(exc: BaseException, path: tuple[str | int, ...]) -> Iterator[Problem]:
    if isinstance(exc, BaseExceptionGroup):
        for sub in exc.exceptions:
            step = _note_step(sub)
            yield from _problems(sub, path if step is None else (*path, step))
    elif isinstance(exc, ForbiddenExtraKeysError):
        for key in sorted(exc.extra_fields):
            yield Problem(
                pointer(*path, key),
                f"ukjent felt «{key}»",
                f'unknown field "{key}"',
            )
    elif isinstance(exc, KeyError) and not isinstance(exc, Post65Error):
        yield Problem(pointer(*path), "påkrevd felt mangler", "required field is missing")
    elif isinstance(exc, Post65Error):
        yield Problem(pointer(*path), exc.nb, exc.en)
    else:
        text = str(exc)[:200]
        yield Problem(pointer(*path), f"ugyldig verdi: {text}", f"invalid value: {text}")


def structure(data: object, cls: type[T], *, base: tuple[str | int, ...] = ()) -> T:
    """Structure ``data`` into ``cls`` with the strict converter; every problem is collected into
    one :class:`InvalidDocument` located by JSON Pointers below ``base``."""
    try:
        return converter.structure(data, cls)
    except (ClassValidationError, IterableValidationError, FieldError) as exc:
        raise InvalidDocument(
            sorted(_problems(exc, base), key=lambda p: pointer_key(p.where))
        ) from None
    except Post65Error as exc:
        raise InvalidDocument([Problem(pointer(*base), exc.nb, exc.en)]) from None
    except (ValueError, TypeError, KeyError) as exc:
        text = str(exc)[:200]
        raise InvalidDocument(
            [Problem(pointer(*base), f"ugyldig verdi: {text}", f"invalid value: {text}")]
        ) from None


def load(source: str | bytes | os.PathLike[str], *, kind: str | None = None) -> Any:
    """Read a post65 document from JSON text, bytes or a file path.

    A ``str`` that starts with ``{`` (after white space) is JSON text; any other ``str`` is a
    path. The top-level ``"kind"`` picks the class; ``kind=`` insists on one. Every problem found
    is raised together in one :class:`~post65.errors.InvalidDocument`.
    """
    text, name = _read_source(source)
    return _from_json(loads_json(text, source=name), kind=kind, source=name)


def from_json(data: object, *, kind: str | None = None, source: str | None = None) -> Any:
    """A document from already parsed JSON (as :func:`loads_json` returns it): the top-level
    ``"kind"`` picks the class; every problem is raised together in one InvalidDocument.
    Data parsed elsewhere is held to the same bounds (depth, text UTF-8 can write)."""
    problems = _walk_json(data)
    if problems:
        raise InvalidDocument(problems, source=source)
    return _from_json(data, kind=kind, source=source)


def _from_json(data: object, *, kind: str | None, source: str | None) -> Any:
    name = source
    if type(data) is not dict:
        raise InvalidDocument(
            [
                Problem(
                    "",
                    "dokumentet må være et JSON-objekt med feltet «kind»",
                    'the document must be a JSON object with the field "kind"',
                )
            ],
            source=name,
        )
    found = data.get("kind")
    if found is None:
        raise InvalidDocument(
            [Problem("/kind", "feltet «kind» mangler", 'the field "kind" is missing')], source=name
        )
    if type(found) is not str:
        raise InvalidDocument(
            [Problem("/kind", "«kind» må være en tekst", '"kind" must be a string')], source=name
        )
    if kind is not None and found != kind:
        raise InvalidDocument(
            [
                Problem(
                    "/kind",
                    f"forventet «{kind}», fikk «{found[:40]}»",
                    f'expected "{kind}", got "{found[:40]}"',
                )
            ],
            source=name,
        )
    try:
        spec = document_kind(found)
    except InvalidDocument as exc:
        raise InvalidDocument(exc.problems, source=name) from None
    body = {k: v for k, v in data.items() if k != "kind"}
    try:
        obj: Any = structure(body, spec.cls)
    except InvalidDocument as exc:
        problems = [*exc.problems, *_validate_repaired(spec, body, exc.problems)]
        raise InvalidDocument(_reported(problems), source=name) from None
    if spec.validate is not None:
        problems = list(spec.validate(obj))
        if problems:
            raise InvalidDocument(_reported(problems), source=name)
    return obj


def _reported(problems: Iterable[Problem]) -> list[Problem]:
    """``problems`` in document order, the first :data:`~post65.errors.MAX_REPORTED` of them
    and one line counting the rest."""
    return summarise(sorted(problems, key=lambda p: pointer_key(p.where)))


def pointer_key(where: str) -> tuple[tuple[int, int | str], ...]:
    """Sort key of a JSON Pointer in document order (``/measures/10`` after ``/measures/9``).

    >>> sorted(["/m/10", "/m/9", "", "/a"], key=pointer_key)
    ['', '/a', '/m/9', '/m/10']
    """
    if not where.startswith("/"):
        return ((2, where),) if where else ()
    return tuple((0, int(t)) if t.isdigit() else (1, t) for t in where[1:].split("/"))


# --------------------------------------------------------------------------------------------
# The checks after structuring, on a document with structural problems
#
# A document with wrong types cannot be structured, so the checks of its kind (an unknown
# kommunenummer, a payment in 1899) cannot run on it. To report every problem in one run, the
# values at the structural problems' pointers are replaced by placeholders of the right type (an
# unknown field is dropped), the copy is structured and checked, and the problems it has at or
# below a replaced pointer (about the placeholders, not the user's text) are left out.

_REPAIR_ROUNDS = 3


def _tokens(where: str) -> list[str] | None:
    if not where.startswith("/"):
        return None
    return [t.replace("~1", "/").replace("~0", "~") for t in where[1:].split("/")]


def _unwrap(t: Any) -> Any:
    while _is_optional(t):
        t = next(a for a in get_args(t) if a is not type(None))
    return t


def _placeholder(t: Any, depth: int = 0, *, like: object = None) -> object:
    """A JSON value the converter structures into type ``t`` (``None`` for an optional). Text
    in place of a number the user wrote is that number's text (an id written ``7`` is ``"7"``),
    so that references to it still match."""
    if t is str and type(like) in (int, Decimal):
        return str(like)
    if _is_optional(t):
        return None
    origin = get_origin(t)
    if depth > MAX_DEPTH:
        raise TypeError("too deep")
    if origin in (Union, types.UnionType):
        return _placeholder(get_args(t)[0], depth + 1)
    if origin is Literal:
        return get_args(t)[0]
    if t is bool:
        return False
    if t is int:
        return 0
    if _is_enum(t):
        return next(iter(t)).value
    if t is str:
        return "?"
    if t is Decimal or _is_money(t):
        return "0"
    if t is dt.date:
        return "2000-01-01"
    if _is_homogeneous_sequence(t):
        return []
    if _is_str_mapping(t) or origin in (dict, Mapping):
        return {}
    if _is_attrs_class(t):
        hints = typing.get_type_hints(t)
        return {
            f.name: _placeholder(hints[f.name], depth + 1)
            for f in attrs.fields(t)
            if f.default is attrs.NOTHING
        }
    raise TypeError(f"no placeholder for {t!r}")


class _Trie:
    """The pointers to repair, by token: ``whole`` replaces the value here."""

    __slots__ = ("below", "whole")

    def __init__(self) -> None:
        self.below: dict[str, _Trie] = {}
        self.whole = False


@functools.cache
def _hints_of(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _repair(data: Any, cls: type, wheres: Iterable[str]) -> Any:
    """A copy of ``data`` with the value at each of ``wheres`` replaced by a placeholder of its
    type (or, for a field the class does not have, removed); each container on the way is copied
    once, so the cost grows with the number of pointers, not its square. ``TypeError`` when a
    pointer cannot be repaired."""
    trie = _Trie()
    for where in wheres:
        tokens = _tokens(where)
        if not tokens:
            raise TypeError("the whole document")
        node = trie
        for token in tokens:
            node = node.below.setdefault(token, _Trie())
        node.whole = True

    def inner_type(t: Any, token: str) -> tuple[Any, bool]:
        """The type of item ``token`` of a value of type ``t``; False for a field ``t`` lacks."""
        if _is_attrs_class(t):
            hint = _hints_of(t).get(token)
            return hint, hint is not None
        if _is_homogeneous_sequence(t):
            return get_args(t)[0], True
        if _is_str_mapping(t):
            return get_args(t)[1], True
        raise TypeError("not a container")

    def step(value: Any, t: Any, node: _Trie) -> Any:
        t = _unwrap(t)
        copy: Any
        if _is_homogeneous_sequence(t):
            if type(value) is not list:
                raise TypeError("no such item")
            copy = list(value)
        elif _is_attrs_class(t) or _is_str_mapping(t):
            if type(value) is not dict:
                if not _is_attrs_class(t):
                    raise TypeError("no such key")
                value = {}
            copy = dict(value)
        else:
            raise TypeError("not a container")
        for token, below in node.below.items():
            inner, known = inner_type(t, token)
            if not known:  # a field the class does not have
                copy.pop(token, None)
                continue
            index: Any = token
            if type(copy) is list:
                if not token.isdigit() or int(token) >= len(copy):
                    raise TypeError("no such item")
                index = int(token)
            current = copy[index] if type(copy) is list else copy.get(index)
            if below.whole:
                copy[index] = _placeholder(inner, like=current)
            else:
                copy[index] = step(current, inner, below)
        return copy

    return step(data, cls, trie)


def _under(where: str, roots: set[str]) -> bool:
    """Whether ``where`` is one of ``roots`` or lies below one."""
    if where in roots:
        return True
    i = where.find("/", 1)
    while i != -1:
        if where[:i] in roots:
            return True
        i = where.find("/", i + 1)
    return False


def _validate_repaired(
    spec: DocumentKind, body: dict[str, Any], structural: Iterable[Problem]
) -> list[Problem]:
    """The problems the checks of ``spec`` find in ``body`` once its structural problems are
    replaced by placeholders, leaving out those at or below a replaced pointer; ``[]`` when the
    document cannot be repaired."""
    if spec.validate is None:
        return []
    replaced: set[str] = set()
    pending = [p.where for p in structural]
    data: Any = body
    for _ in range(_REPAIR_ROUNDS):
        fresh = {w for w in pending if not _under(w, replaced)}
        try:
            data = _repair(data, spec.cls, fresh)
        except TypeError:
            return []
        replaced |= fresh
        try:
            obj: Any = converter.structure(data, spec.cls)
        except (ClassValidationError, IterableValidationError, FieldError) as exc:
            pending = [p.where for p in _problems(exc, ())]
            if all(_under(w, replaced) for w in pending):
                return []  # a placeholder refused: no progress to make
            continue
        except (Post65Error, ValueError, TypeError, KeyError, ArithmeticError):
            return []  # a repair that does not structure adds nothing to the structural problems
        try:
            found = list(spec.validate(obj))
        except (Post65Error, ValueError, TypeError, KeyError, ArithmeticError):
            return []
        return [p for p in found if not _under(p.where, replaced)]
    return []


def to_json(obj: object) -> dict[str, Any]:
    """The JSON-ready dict of a document, its ``"kind"`` first."""
    body = converter.unstructure(obj)
    if not isinstance(body, dict):  # pragma: no cover - documents are attrs classes
        raise TypeError("a document unstructures to an object")
    return {"kind": kind_of(obj), **body}


def dump(obj: object, *, indent: int | None = 2) -> str:
    """The JSON text of a document (UTF-8 friendly, amounts as strings of digits)."""
    return json.dumps(to_json(obj), ensure_ascii=False, indent=indent) + "\n"


# --------------------------------------------------------------------------------------------
# JSON Schema, derived from the same types the converter structures


class _Defs(dict[str, Any]):
    """The ``$defs`` of a schema being built, and which class owns each name."""

    def __init__(self) -> None:
        super().__init__()
        self.owners: dict[str, type] = {}


def _def_name(t: type, defs: dict[str, Any]) -> str:
    """The ``$defs`` name of class ``t``: its own name, or (when another class of that name is
    already defined, e.g. the ``Contribution`` of scheme b and of scheme c) the name qualified by
    its module, ``c.Contribution``."""
    owners = defs.owners if isinstance(defs, _Defs) else {}
    name = t.__name__
    if owners.setdefault(name, t) is not t:
        name = f"{t.__module__.rsplit('.', 1)[-1]}.{t.__name__}"
        owners.setdefault(name, t)
    return name


def _schema_for(t: Any, defs: dict[str, Any]) -> dict[str, Any]:
    origin = get_origin(t)
    if t is type(None):
        return {"type": "null"}
    if origin in (Union, types.UnionType):
        return {"anyOf": [_schema_for(a, defs) for a in get_args(t)]}
    if origin is Literal:
        return {"enum": list(get_args(t))}
    if t is bool:
        return {"type": "boolean"}
    if t is int:
        return {"type": "integer"}
    if t is str:
        return {"type": "string"}
    if t is Decimal:  # a JSON Schema pattern matches anywhere in the string: anchor it
        return {"type": "string", "pattern": f"^{_DECIMAL_TEXT.pattern}$"}
    if t is dt.date:
        return {"type": "string", "format": "date", "pattern": f"^{_DATE_TEXT.pattern}$"}
    if _is_money(t):
        return {
            "anyOf": [{"type": "string", "minLength": 1}, {"type": "integer"}],
            "description": (
                'An amount in kroner: "1250000", "2500.50", "1 250 000 kr", "12,5 mill. kr".'
            ),
        }
    if _is_enum(t):
        return {"enum": [m.value for m in t]}
    if _is_homogeneous_sequence(t):
        out: dict[str, Any] = {"type": "array", "items": _schema_for(get_args(t)[0], defs)}
        if origin is frozenset:
            out["uniqueItems"] = True
        return out
    if _is_str_mapping(t):
        return {"type": "object", "additionalProperties": _schema_for(get_args(t)[1], defs)}
    if _is_attrs_class(t):
        name = _def_name(t, defs)
        if name not in defs:
            defs[name] = {}
            hints = typing.get_type_hints(t)
            props: dict[str, Any] = {}
            required: list[str] = []
            for field in attrs.fields(t):
                prop = _schema_for(hints[field.name], defs)
                doc = (field.metadata or {}).get("doc")
                if doc:
                    prop = {**prop, "description": doc}
                props[field.name] = prop
                if field.default is attrs.NOTHING:
                    required.append(field.name)
            body: dict[str, Any] = {
                "type": "object",
                "properties": props,
                "additionalProperties": False,
            }
            if required:
                body["required"] = required
            if t.__doc__:
                body["description"] = " ".join(t.__doc__.split())
            defs[name] = body
        return {"$ref": f"#/$defs/{name}"}
    raise TypeError(f"no JSON Schema for {t!r}")


def json_schema(kind: str) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the document kind ``kind``."""
    spec = document_kind(kind)
    defs = _Defs()
    ref = _schema_for(spec.cls, defs)
    root = dict(defs[ref["$ref"].rsplit("/", 1)[1]])
    props = {"kind": {"const": kind}, **root.get("properties", {})}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://post65.invalid/schema/{kind}.json",
        "title": spec.title,
        **{k: v for k, v in root.items() if k not in ("properties", "required")},
        "properties": props,
        "required": ["kind", *root.get("required", [])],
        "$defs": dict(defs),
    }
