"""Where a document built in code holds a value its field's type cannot: located, as
:func:`post65.io.load` locates what it refuses.

An attrs class checks no types, so a grant system that builds a portfolio from its own records
can put ``None`` where a measure's period goes, a number among its beneficiaries or a text for its
uses; a rule or the report then fails deep inside, on an ``AttributeError`` or a ``TypeError``
that names no place. :func:`misfits` walks the document against its fields' declared types and
gives each such value as a :class:`~post65.errors.Problem` at its JSON Pointer
(``/measures/0/period: må være av typen Period, ikke NoneType``); :func:`problems_of` gives those,
or, when every value has its type, the document's own validation (which reads the values and
would fail on one of the wrong type).

Nothing here runs while a sound document is checked: :func:`~post65.jsontext.located_in` asks
only when a rule, the report or its rendering has failed.

>>> import attrs
>>> @attrs.frozen
... class Example:
...     name: str
...     years: tuple[int, ...] = ()
>>> [p.render("en") for p in misfits(Example(name=None, years=(2024, "2025")))]
['/name: must be of type str, not NoneType', '/years/1: must be of type int, not str']
"""

from __future__ import annotations

import contextlib
import enum
import functools
import types
import typing
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any, Final, Literal, TypeVar, Union

import attrs
import pint

from post65._arguments import is_of, type_name
from post65.errors import Problem, pointer
from post65.text import msg

__all__ = ["misfits", "problems_of"]

_T = TypeVar("_T")

MAX_DEPTH: Final = 64
"""How deep :func:`misfits` looks (a document is a few levels deep; an object built in code may
nest itself)."""

_Path = tuple[str | int, ...]


def misfits(document: object, limit: int | None = None) -> list[Problem]:
    """The values of ``document`` (an attrs instance) that its fields' types cannot hold, each at
    its JSON Pointer, in document order: every one (the caller counts what it does not show), or
    the first ``limit``; none for a document whose every value has its type. A field whose type
    post65 cannot read is not looked at."""
    if limit is not None and limit < 1:
        return []  # none asked for
    faults: list[_Fault] = []
    with contextlib.suppress(_Enough):  # ``limit`` found: the walk stops there
        stop = -1 if limit is None else limit  # -1: never reached, every value is named
        _checker(typing.cast(Any, type(document)))(document, (), 0, faults, stop)
    out = []
    for path, want, value in faults:
        if isinstance(value, pint.Quantity) and _magnitude_fits(value) and not _kroner(value):
            text = msg("document.unit", units=str(value.units))  # an amount in metres
        else:
            names = [name for t in want for name in _names(t)]
            text = msg("document.type", want=names, type=_type_name(value))
        out.append(Problem(pointer(*path), text))
    return out


def problems_of(document: _T, validate: Callable[[_T], Iterable[Problem]] | None) -> list[Problem]:
    """:func:`misfits` of ``document``, or when it has none, what ``validate`` (a kind's own
    validation, if it has one) finds in it: the validation reads the values, and fails on one
    of the wrong type."""
    found = misfits(document)
    return found if found or validate is None else list(validate(document))


_Fault = tuple[_Path, tuple[Any, ...], object]
_Check = Callable[[object, _Path, int, list[_Fault], int], None]
"""``check(value, path, depth, faults, limit)``: appends to ``faults`` each value below
``value`` (at ``path``) of the wrong type; raises :class:`_Enough` at ``limit`` faults."""


class _Enough(Exception):
    """Raised when ``limit`` faults are found: the walk stops there."""


@functools.cache
def _checker(hint: Any) -> _Check:
    """The check of a value of the type ``hint``, worked out once per type (a document of
    100 000 measures asks it of each field of each)."""
    options = _options(hint)
    plans = [(_fits(option), _inside(option)) for option in options]
    shown = tuple(_shown_type(o) for o in options)

    def check(value: object, path: _Path, depth: int, faults: list[_Fault], limit: int) -> None:
        if depth > MAX_DEPTH:
            return
        for fits, inside in plans:
            if fits(value):
                if inside is not None:
                    inside(value, path, depth, faults, limit)
                return
        _fault(faults, (path, shown, value), limit)

    return check


def _fault(faults: list[_Fault], fault: _Fault, limit: int) -> None:
    """``fault`` added to ``faults``; :class:`_Enough` when they are ``limit``."""
    faults.append(fault)
    if len(faults) == limit:
        raise _Enough


_SERVES: Final[Mapping[type, tuple[type, ...]]] = {
    tuple: (tuple, list),
    frozenset: (frozenset, set),
}
"""The containers a value of a field declared as the key may be (a document built in code with
lists where its fields say tuples is checked, reported and written as well)."""


def _options(hint: Any) -> tuple[Any, ...]:
    """The types a value of ``hint`` may have: the members of a union, else ``hint`` itself."""
    if typing.get_origin(hint) in (Union, types.UnionType):
        return typing.get_args(hint)
    return (hint,)


def _anything(value: object) -> bool:
    return True


def _fits(hint: Any) -> Callable[[object], bool]:
    """Whether a value is of ``hint`` at its top (its items are looked at by :func:`_inside`);
    a type post65 cannot read fits anything."""
    if hint is Any or hint is object or isinstance(hint, TypeVar):
        return _anything
    if hint is None or hint is type(None):
        return lambda value: value is None
    origin = typing.get_origin(hint)
    if origin is Literal:
        allowed = typing.get_args(hint)
        return lambda value: any(type(value) is type(a) and value == a for a in allowed)
    if origin is typing.Annotated:
        return _fits(typing.get_args(hint)[0])
    if origin is not None:
        if isinstance(origin, type) and issubclass(origin, pint.Quantity):
            if typing.get_args(hint) != (Decimal,):
                return lambda value: isinstance(value, pint.Quantity)
            return lambda value: (
                isinstance(value, pint.Quantity) and _magnitude_fits(value) and _kroner(value)
            )
        if not isinstance(origin, type):
            return _anything
        # what a document's code reads of a tuple a list serves as well, and a set a frozenset
        container: tuple[type, ...] = _SERVES.get(origin, (origin,))
        args = typing.get_args(hint)
        if origin is tuple and args and args[-1] is not Ellipsis:  # tuple[X, Y]: of that length
            size = 0 if args == ((),) else len(args)
            return lambda value: isinstance(value, container) and len(value) == size  # type: ignore[arg-type]
        return lambda value: isinstance(value, container) and not isinstance(value, str)
    if isinstance(hint, type):
        cls: type = hint
        return lambda value: type(value) is cls or is_of(value, (cls,))
    return _anything  # a NewType, a ForwardRef left unresolved …: not judged


def _inside(hint: Any) -> _Check | None:
    """The check of the items or fields of a value that fits ``hint`` at its top; ``None`` when
    it has none to look at."""
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if origin is not None and args and isinstance(origin, type):
        if issubclass(origin, tuple) and not (len(args) == 2 and args[1] is Ellipsis):
            fixed = [_checker(a) for a in args]

            def each_of(value: Any, path: _Path, depth: int, out: list[_Fault], limit: int) -> None:
                for i, (item, check) in enumerate(zip(value, fixed, strict=True)):
                    check(item, (*path, i), depth + 1, out, limit)

            return each_of
        if issubclass(origin, Mapping) and len(args) == 2:
            key_fits, item_check = _fits(args[0]), _checker(args[1])

            def every_entry(
                value: Any, path: _Path, depth: int, out: list[_Fault], limit: int
            ) -> None:
                for key, item in value.items():
                    if key_fits(key):
                        item_check(item, (*path, str(key)), depth + 1, out, limit)
                    else:
                        _fault(out, ((*path, str(key)), (args[0],), key), limit)

            return every_entry
        if issubclass(origin, Sequence | frozenset | set):
            item_check = _checker(args[0])

            def every_item(
                value: Any, path: _Path, depth: int, out: list[_Fault], limit: int
            ) -> None:
                for i, item in enumerate(value):
                    item_check(item, (*path, i), depth + 1, out, limit)

            return every_item
        return None
    if isinstance(hint, type) and attrs.has(hint):
        cls: type = hint

        def every_field(value: Any, path: _Path, depth: int, out: list[_Fault], limit: int) -> None:
            if type(value) is not cls and attrs.has(type(value)):
                _checker(typing.cast(Any, type(value)))(
                    value, path, depth, out, limit
                )  # a subclass: its own
                return
            for name, check in _fields(cls):
                check(getattr(value, name), (*path, name), depth + 1, out, limit)

        return every_field
    return None


@functools.cache
def _fields(cls: type) -> tuple[tuple[str, _Check], ...]:
    """The fields of the attrs class ``cls`` a document sets, each with the check of its type
    (none when the types cannot be read)."""
    hints = _hints(cls)
    return tuple(
        (f.name, _checker(hints[f.name])) for f in attrs.fields(cls) if f.init and f.name in hints
    )


def _hints(cls: type) -> Mapping[str, Any]:
    """The declared types of the fields of the attrs class ``cls`` (none when they cannot be
    read)."""
    try:
        return typing.get_type_hints(cls)
    except Exception:  # a name only imported for type checking: the fields are not judged
        return {}


def _magnitude_fits(value: pint.Quantity[Any]) -> bool:
    """An amount holds a ``Decimal`` or a whole number, never a ``float``."""
    return type(value.magnitude) in (Decimal, int)


def _kroner(value: pint.Quantity[Any]) -> bool:
    """Whether ``value`` is in a unit of money (``NOK``, ``kNOK``, ``øre`` …)."""
    try:
        return bool(value.check("[currency]"))
    except Exception:  # a quantity of another registry, or broken: not ours
        return False


def _type_name(value: object) -> str:
    """The type a message says a value has: ``Quantity[float]`` for an amount of a float."""
    if isinstance(value, pint.Quantity):
        return f"Quantity[{type(value.magnitude).__name__}]"
    return type(value).__name__


def _shown_type(hint: Any) -> Any:
    """What a message names for ``hint``: its origin for a generic (``tuple``), an amount as
    ``Quantity[Decimal]``."""
    origin = typing.get_origin(hint)
    if origin is Literal or (isinstance(origin, type) and issubclass(origin, pint.Quantity)):
        return hint
    return origin if origin is not None else hint


def _names(t: Any) -> list[str]:
    """A type's name in a message (``None``, ``datetime.date``, ``Quantity``), or the values a
    ``Literal`` takes (``'a'``, ``'b'``)."""
    origin = typing.get_origin(t)
    if origin is Literal:
        return [repr(a.value if isinstance(a, enum.Enum) else a) for a in typing.get_args(t)]
    if isinstance(origin, type) and issubclass(origin, pint.Quantity):
        return [f"Quantity[{', '.join(a.__name__ for a in typing.get_args(t))}]"]
    if t is None or t is type(None) or isinstance(t, type):
        return [type_name(None if t is type(None) else t)]  # as an argument's refusal names it
    return [str(getattr(t, "__name__", t))]  # a NewType by its name
