"""The arguments of the documents' public functions, refused before they fail deep inside.

A function of :mod:`post65.funds`, :mod:`post65.ledger`, :mod:`post65.portfolio` or
:mod:`post65.law` called from code with an argument of the wrong type raises
:class:`~post65.errors.InvalidArgument` (a ``TypeError``) naming the argument (or the field of a
document built in code) and the type it got; a text that is none of the values it takes raises
:class:`~post65.errors.InvalidParameter` (a ``ValueError``). A ``bool`` is not a whole number and a
``datetime`` is not a date, unless named.

Arguments are checked once per call, at the public entry. A document built in code holds what it
is given (an attrs class checks no types), and looking at every entry of it would cost a loaded
document, which is sound, as much as the work itself: :func:`refused_by` asks where the fault is
only when the work has failed.

>>> checked("year", 2024, int)
>>> checked("year", True, int)
Traceback (most recent call last):
...
post65.errors.InvalidArgument: year must be of type int, not bool
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from post65.errors import (
    InvalidAmount,
    InvalidArgument,
    InvalidParameter,
    Post65Error,
    UnknownParameter,
)
from post65.text import msg

__all__ = [
    "Types",
    "checked",
    "checked_choice",
    "is_of",
    "refused_by",
    "type_name",
    "typed",
    "wrong_field",
    "wrong_type",
]

Types = tuple[type | None, ...]
"""The types an argument may have; ``None`` stands for the value ``None``."""


_ABSENT = object()


def type_name(t: type | None) -> str:
    """A type's name in a refusal: ``None``, ``datetime.date``, else its ``__name__``."""
    if t is None:
        return "None"
    return "datetime.date" if t is dt.date else t.__name__


def is_of(value: object, types: Types) -> bool:
    """Whether ``value`` is of one of ``types`` (``None`` for the value ``None``); a ``bool`` is
    not an ``int``, nor a ``datetime`` a ``date``, unless ``types`` names it."""
    if value is None:
        return None in types
    if isinstance(value, bool | dt.datetime) and type(value) not in types:
        return False
    return isinstance(value, tuple(t for t in types if t is not None))


def wrong_type(name: str, value: object, *types: type | None) -> InvalidArgument:
    """The refusal of ``value`` given as ``name``, which must be of one of ``types``."""
    want = [type_name(t) for t in types]
    return InvalidArgument(
        msg("errors.argument.type", name=name, want=want, type=type(value).__name__)
    )


def checked(name: str, value: object, *types: type | None) -> None:
    """Nothing when ``value`` is of one of ``types`` (see :func:`is_of`), else
    :class:`~post65.errors.InvalidArgument` naming ``name``."""
    if not is_of(value, types):
        raise wrong_type(name, value, *types)


def checked_choice(name: str, value: object, choices: tuple[str, ...]) -> None:
    """Nothing when ``value`` is one of the texts ``choices``; else
    :class:`~post65.errors.InvalidParameter` for another text,
    :class:`~post65.errors.InvalidArgument` for a value that is no text."""
    if isinstance(value, str) and value in choices:
        return
    shown = repr(value[:40]) if isinstance(value, str) else type(value).__name__
    text = msg("errors.argument.choice", name=name, choices=list(choices), shown=shown)
    raise InvalidParameter(text) if isinstance(value, str) else InvalidArgument(text)


def typed(*types: type | None) -> Callable[[Any, Any, Any], None]:
    """An attrs validator refusing a value not of one of ``types``, naming the field, as
    :func:`checked` refuses an argument."""

    def validate(_instance: object, attribute: Any, value: object) -> None:
        if not is_of(value, types):
            raise wrong_type(attribute.name, value, *types)

    return validate


def wrong_field(obj: object, where: str, types: Mapping[str, Types]) -> InvalidArgument | None:
    """The refusal of the first field of ``obj`` that ``types`` names and whose value is of none
    of its types, named ``where.field``; ``None`` when there is none."""
    for field, allowed in types.items():
        value = getattr(obj, field, _ABSENT)  # a field ``obj`` does not have is not looked at
        if value is not _ABSENT and not is_of(value, allowed):
            return wrong_type(f"{where}.{field}", value, *allowed)
    return None


@contextlib.contextmanager
def refused_by(
    fault: Callable[[], Post65Error | None], also: tuple[type[Post65Error], ...] = ()
) -> Iterator[None]:
    """Within the block, the error a value of the wrong type raises deep inside (an
    ``AttributeError``, ``TypeError``, ``KeyError``, ``ValueError``, or an ``ArithmeticError``
    such as comparing ``Decimal("NaN")``) becomes the refusal ``fault()`` finds, naming the
    argument or field; ``fault`` is asked only then, and so it is when post65 refused a value
    with no place to name (an :class:`~post65.errors.InvalidAmount` or
    :class:`~post65.errors.InvalidParameter`: a float for an amount), or one of ``also``. Any
    other post65 error, an unknown parameter's name (a bug) and every error ``fault`` finds
    nothing for stand as they were. :func:`post65.jsontext.located_in` is this with a fault
    that is the document's own refusal."""
    try:
        yield
    except (AttributeError, TypeError, KeyError, ValueError, ArithmeticError) as exc:
        # post65's own refusals are these too: only a value refused with no place to name (an
        # amount that is a float, a year that is a text) is looked into; an unknown parameter's
        # name is a bug to see, and every other post65 error says where already
        if isinstance(exc, Post65Error) and (
            not isinstance(exc, (InvalidAmount, InvalidParameter, *also))
            or isinstance(exc, UnknownParameter)
        ):
            raise
        found = fault()
        if found is None:
            raise
        raise found from exc
