"""The checks of a document kind, run on a document with structural problems.

A document with wrong types cannot be structured, so the checks of its kind (an unknown
kommunenummer, a payment in 1899) cannot run on it. To report every problem in one run, the
values at the structural problems' pointers are replaced by placeholders of the right type (an
unknown field is dropped), the copy is structured and checked, and the problems it has at or
below a replaced pointer (about the placeholders, not the user's text) are left out.
"""

from __future__ import annotations

import datetime as dt
import functools
import types
import typing
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from typing import Any, Literal, Union, get_args, get_origin

import attrs
from cattrs.errors import (
    ClassValidationError,
    IterableValidationError,
)

from post65.codec import (
    _is_attrs_class,
    _is_enum,
    _is_homogeneous_sequence,
    _is_money,
    _is_optional,
    _is_str_mapping,
    _optional_inner,
    _problems,
    converter,
)
from post65.errors import (
    FieldError,
    Post65Error,
    Problem,
)
from post65.jsontext import MAX_DEPTH

__all__ = ["validate_repaired"]


_REPAIR_ROUNDS = 3


def _tokens(where: str) -> list[str] | None:
    if not where.startswith("/"):
        return None
    return [t.replace("~1", "/").replace("~0", "~") for t in where[1:].split("/")]


def _unwrap(t: Any) -> Any:
    while _is_optional(t):
        t = _optional_inner(t)
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


def _beside(where: str, replaced: set[str]) -> bool:
    """Whether ``where`` is at or below a replaced pointer, or a field beside one (a check of
    the object may compare it with the placeholder: an end before a start replaced)."""
    parent = where.rpartition("/")[0]
    return _under(where, replaced) or any(r.rpartition("/")[0] == parent for r in replaced)


def validate_repaired(
    cls: type,
    validate: Callable[[Any], Iterable[Problem]] | None,
    body: dict[str, Any],
    structural: Iterable[Problem],
) -> list[Problem]:
    """The problems ``validate`` finds in ``body`` once its structural problems are
    replaced by placeholders, leaving out those at or below a replaced pointer; ``[]`` when the
    document cannot be repaired. A class refuses its first bad value only, so the problems a
    repaired copy shows that the first structuring hid (a negative cost behind a period ending
    before it starts) come first, but for those beside a replaced value (they may be the
    placeholder's)."""
    if validate is None:
        return []
    replaced: set[str] = set()
    pending = [p.where for p in structural]
    data: Any = body
    later: list[Problem] = []  # what a repaired copy shows that the first structuring hid
    for _ in range(_REPAIR_ROUNDS):
        fresh = {w for w in pending if not _under(w, replaced)}
        try:
            data = _repair(data, cls, fresh)
        except TypeError:
            return later
        replaced |= fresh
        try:
            obj: Any = converter.structure(data, cls)
        except (ClassValidationError, IterableValidationError, FieldError) as exc:
            # a class refuses its first bad value only (a period ending before it starts hides
            # the measure's negative cost): the next value refused is the user's too
            new = [p for p in _problems(exc, ()) if not _beside(p.where, replaced)]
            if not new:
                return later  # a placeholder refused: no progress to make
            later.extend(new)
            pending = [p.where for p in new]
            continue
        except (Post65Error, ValueError, TypeError, KeyError, ArithmeticError):
            return later  # a repair that does not structure adds nothing more
        try:
            found = list(validate(obj))
        except (Post65Error, ValueError, TypeError, KeyError, ArithmeticError):
            return later
        return [*later, *(p for p in found if not _under(p.where, replaced))]
    return later
