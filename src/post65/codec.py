"""The one strict cattrs converter of post65 and structuring with located problems.

The converter is strict where cattrs by default is lenient:

- ``int`` accepts only JSON integers (not ``"5"``, not ``1.9``, not ``true``);
- ``bool`` only ``true``/``false``; ``str`` only strings;
- ``Decimal`` only strings such as ``"0.75"`` (a JSON number with a decimal point is refused);
- money (``pint.Quantity[Decimal]``) a JSON integer or a string in any form
  :func:`post65.money.parse_amount` accepts, written back as a string of digits (``"1250000"``);
  a JSON number with a decimal point is refused: money is never a float;
- dates ISO strings ``YYYY-MM-DD``; enums by value; lists must be JSON arrays;
- unknown keys are refused (duplicate keys are refused when the JSON text is read, by
  :func:`post65.jsontext.loads_json`).

:func:`structure` collects every problem, located by its JSON Pointer, into one
:class:`~post65.errors.InvalidDocument`. This module knows no document kinds (that is
:mod:`post65.io`); document modules import the converter from here.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
import types
import typing
from collections.abc import Callable, Iterator, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any, TypeVar, Union, get_args, get_origin

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
)
from post65.jsontext import (
    MAX_DEPTH,
    MAX_DOCUMENT_BYTES,
    loads_json,
    pointer_key,
    printable,
    read_text,
)
from post65.text import Message, msg

__all__ = [
    "MAX_DEPTH",
    "MAX_DOCUMENT_BYTES",
    "FieldError",
    "Structured",
    "converter",
    "loads_json",
    "pointer",
    "pointer_key",
    "printable",
    "read_text",
    "structure",
]

T = TypeVar("T")

# --------------------------------------------------------------------------------------------
# The converter


def _describe(value: object) -> Message:
    """What a JSON value is, for messages: a ``float`` (JSON parsed by ``json.loads``) is a number
    with a decimal point, as the ``Decimal`` :func:`~post65.jsontext.loads_json` reads one as."""
    if value is None:
        return msg("io.type.null")
    if isinstance(value, bool):
        return msg("io.type.boolean")
    if isinstance(value, int):
        return msg("io.type.integer")
    if isinstance(value, Decimal | float):
        return msg("io.type.decimal")
    if isinstance(value, str):
        return msg("io.type.string")
    if isinstance(value, list):
        return msg("io.type.array")
    if isinstance(value, dict):
        return msg("io.type.object")
    return msg("io.type.unknown")


def _wrong_type(value: object, want: Message) -> FieldError:
    return FieldError(msg("io.wrong_type", want=want, got=_describe(value)))


def _structure_int(value: object, t: type) -> int:
    if t is not int and _is_enum(t):  # an IntEnum reaches the int hook by single dispatch
        return _structure_enum(value, t)  # type: ignore[return-value]
    if type(value) is not int:
        raise _wrong_type(value, msg("io.type.integer"))
    return value


def _structure_bool(value: object, _: type) -> bool:
    if type(value) is not bool:
        raise _wrong_type(value, msg("io.want.bool"))
    return value


def _structure_str(value: object, t: type) -> str:
    if t is not str and _is_enum(t):  # a StrEnum reaches the str hook by single dispatch
        return _structure_enum(value, t)  # type: ignore[return-value]
    if type(value) is not str:
        raise _wrong_type(value, msg("io.type.string"))
    return value


_DECIMAL_TEXT = re.compile(r"-?[0-9]{1,30}(\.[0-9]{1,30})?")


def _structure_decimal(value: object, _: type) -> Decimal:
    if type(value) is not str:
        raise _wrong_type(value, msg("io.want.decimal"))
    if not _DECIMAL_TEXT.fullmatch(value):
        raise FieldError(msg("io.decimal.malformed", value=value[:40]))
    try:
        return Decimal(value)
    except InvalidOperation as exc:  # pragma: no cover - the pattern admits only valid text
        raise FieldError(msg("io.decimal.invalid")) from exc


def _structure_money(value: object, _: type) -> pint.Quantity[Decimal]:
    if isinstance(value, Decimal | float):
        raise FieldError(msg("io.money.float"))
    if type(value) is not int and type(value) is not str:
        raise _wrong_type(value, msg("io.want.amount"))
    if type(value) is str and 0 < len(value) <= 18 and value.isascii() and value.isdigit():
        return money.nok(int(value))  # whole kroner as JSON stores them: the fast path
    try:
        return money.parse_amount(value)
    except InvalidAmount as exc:
        raise FieldError(exc.text) from exc


_DATE_TEXT = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _structure_date(value: object, _: type) -> dt.date:
    if type(value) is not str:
        raise _wrong_type(value, msg("io.want.date"))
    if not _DATE_TEXT.fullmatch(value):
        raise FieldError(msg("io.date.malformed", value=value[:40]))
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise FieldError(msg("io.date.invalid", value=value)) from exc


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
        raise FieldError(msg("io.enum.not_one_of", value=value[:40], allowed=allowed))
    raise _wrong_type(value, msg("io.want.one_of", allowed=allowed))


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
        if type(value) is Structured:
            return build(value)  # structured item by item as the text was read (streamjson)
        if type(value) is not list:
            raise _wrong_type(value, msg("io.type.array"))
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


class Structured(list[Any]):
    """The items of an array already structured, one at a time as the text was read, by
    :mod:`post65.streamjson` (with the hook of the field's item type, as this hook would): the
    sequence hook takes them as they are. Parsed JSON never holds one."""


def _is_optional(t: Any) -> bool:
    """``X | None`` (one type and None)."""
    if get_origin(t) not in (Union, types.UnionType):
        return False
    args = get_args(t)
    return len(args) == 2 and type(None) in args


def _optional_inner(t: Any) -> Any:
    """``X`` of ``X | None`` (see :func:`_is_optional`)."""
    return next(a for a in get_args(t) if a is not type(None))


def _optional_factory(t: Any) -> Callable[[object, Any], object]:
    inner = _optional_inner(t)
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
            raise _wrong_type(value, msg("io.type.object"))
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


def _enums_in(t: Any) -> Iterator[type[enum.Enum]]:
    """The enum classes in the type ``t`` (``Use``, ``tuple[Use, ...]``, ``Use | None`` …)."""
    if _is_enum(t):
        yield t
    for arg in get_args(t):
        yield from _enums_in(arg)


def _attrs_factory(t: type) -> Callable[[object, Any], object]:
    # An enum of str or int would reach the str or int hook by single dispatch, and be told
    # apart there on every value: each enum of the class's fields gets the enum hook as its own,
    # before the class's structure function looks its fields' hooks up.
    for hint in typing.get_type_hints(t).values():
        for e in _enums_in(hint):
            if converter.get_structure_hook(e) is not _structure_enum:
                converter.register_structure_hook(e, _structure_enum)
    inner: Callable[[Any, Any], object] = cattrs.gen.make_dict_structure_fn(
        t, converter, _cattrs_forbid_extra_keys=True
    )

    def hook(value: object, _: Any) -> object:
        if type(value) is not dict:
            raise _wrong_type(value, msg("io.type.object"))
        return inner(value, t)

    return hook


def _unstructure_records(t: Any) -> Callable[[Any], object]:
    """The unstructure hook of ``tuple[X, ...]`` and ``list[X]`` of attrs classes: ``X``'s hook
    looked up once for the sequence, not once per item (a portfolio of 10 000 measures)."""
    item = get_args(t)[0]
    hook = converter.get_unstructure_hook(item)

    def unstructure(items: Any) -> object:
        return [hook(x) if type(x) is item else converter.unstructure(x) for x in items]

    return unstructure


def _unstructure_optional(t: Any) -> Callable[[Any], object]:
    """The unstructure hook of ``X | None``: ``X``'s hook looked up once, not per value (the
    generic one dispatches on each value's class)."""
    inner = _optional_inner(t)
    if inner is str or inner is int or inner is bool:
        return _same
    hook = converter.get_unstructure_hook(inner)

    def unstructure(value: Any) -> object:
        return None if value is None else hook(value)

    return unstructure


def _same(value: Any) -> object:
    return value


def _is_record_sequence(t: Any) -> bool:
    return (
        get_origin(t) in (tuple, list)
        and _is_homogeneous_sequence(t)
        and _is_attrs_class(get_args(t)[0])
    )


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
    conv.register_unstructure_hook_factory(_is_record_sequence, _unstructure_records)
    conv.register_unstructure_hook_factory(_is_optional, _unstructure_optional)
    return conv


converter: cattrs.Converter = _make_converter()
"""The converter post65 uses for every document. Never the global cattrs converter."""

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
            yield Problem(pointer(*path, key), msg("io.field.unknown", key=key))
    elif isinstance(exc, KeyError) and not isinstance(exc, Post65Error):
        yield Problem(pointer(*path), msg("io.field.missing"))
    elif isinstance(exc, FieldError) and exc.field is not None:  # an attrs validator's
        yield Problem(pointer(*path, exc.field), exc.text)
    elif isinstance(exc, Post65Error):
        yield Problem(pointer(*path), exc.text)
    else:
        text = str(exc)[:200]
        yield Problem(pointer(*path), msg("io.value.invalid", text=text))


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
        raise InvalidDocument([Problem(pointer(*base), exc.text)]) from None
    except (ValueError, TypeError, KeyError) as exc:
        text = msg("io.value.invalid", text=str(exc)[:200])
        raise InvalidDocument([Problem(pointer(*base), text)]) from None
