"""Reading a large document a part at a time: the items of its arrays of records (a portfolio's
measures, its commitments and payments) are structured one by one as the text is read, so the
parsed form of the whole document is never held at once.

This is the reader :func:`post65.io.load` tries first. It reads only what it can read without a
doubt: strict JSON (the decoder of :func:`~post65.jsontext.loads_json`, so duplicate keys and
NaN/Infinity are flagged while parsing), text that UTF-8 can write, and items that structure
without a problem. On anything else it gives up (returns ``None``) and :func:`~post65.io.load`
reads the document again with the path that locates every problem, so a refused document gets
exactly the problems it always got.

No walk for depth is needed here: a document that structures has the depth of its classes (at
most :data:`~post65.jsontext.MAX_DEPTH`, held by ``tests/test_streamjson.py``), because every
leaf hook refuses a container and every container hook structures its items.
"""

from __future__ import annotations

import functools
import re
import typing
from collections.abc import Callable
from json import decoder as _decoder
from typing import Any, get_args, get_origin

import attrs

from post65.codec import Structured, _is_attrs_class, _is_optional, _optional_inner, converter
from post65.faststructure import fast_structurer
from post65.jsontext import strict_decoder, text_sound

__all__ = ["streamed"]

_SPACE: typing.Final = re.compile(r"[ \t\n\r]*")
"""JSON's white space (as the json module skips it)."""

_BOMS: typing.Final = re.compile("\ufeff*")
"""Byte order marks at the start (read past, as :func:`~post65.jsontext.loads_json` does)."""

_NESTING: typing.Final = 3
"""How many objects deep the reader follows a document's classes to find arrays of records
(the funds of a portfolio are one below it); deeper objects are parsed whole."""


_scanstring: typing.Final[Callable[[str, int, bool], tuple[str, int]]] = _decoder.scanstring  # type: ignore[attr-defined]  # public in the json module, not in typeshed


class _Unsure(Exception):
    """Something the reader leaves to the path that locates problems."""


Scan = Callable[[str, int], tuple[Any, int]]


@functools.cache
def _plan(cls: type) -> dict[str, tuple[bool, type]]:
    """The fields of ``cls`` worth reading a part at a time, by their JSON key: ``(True, item)``
    for an array of records of class ``item``, ``(False, inner)`` for an object of class
    ``inner`` (that may hold such arrays)."""
    hints = typing.get_type_hints(cls)
    plan: dict[str, tuple[bool, type]] = {}
    for a in attrs.fields(cls):
        if not a.init:
            continue
        t = hints[a.name]
        t = _optional_inner(t) if _is_optional(t) else t
        if get_origin(t) in (tuple, list) and _is_attrs_class(get_args(t)[0]):
            args = get_args(t)
            if get_origin(t) is list or (len(args) == 2 and args[1] is Ellipsis):
                plan[a.name] = (True, args[0])
        elif _is_attrs_class(t):
            plan[a.name] = (False, t)
    return plan


def _skip(text: str, i: int) -> int:
    return _SPACE.match(text, i).end()  # type: ignore[union-attr]  # matches the empty string


def streamed(
    text: str, classes: Callable[[str], type | None], *, decoded: bool = False
) -> dict[str, Any] | None:
    """The top-level object of the JSON ``text``, its arrays of records already structured
    (:class:`~post65.codec.Structured`), or ``None`` when the locating path must read it.

    ``classes`` gives the class of a document kind (``None``: not one to read in parts); the
    top-level ``"kind"`` must come before the arrays for them to be read in parts. ``decoded``:
    the text was decoded from UTF-8 bytes (see :func:`~post65.jsontext.text_sound`).
    """
    if not text_sound(text, decoded=decoded):
        return None
    flagged: list[bool] = []
    scan: Scan = strict_decoder(flagged).scan_once  # type: ignore[attr-defined]  # see above
    try:
        i = _skip(text, _BOMS.match(text).end())  # type: ignore[union-attr]  # matches ""
        if not text.startswith("{", i):
            return None
        top, i = _object(text, i, None, classes, scan, flagged, 0)
        if _skip(text, i) != len(text):
            return None
    except (_Unsure, StopIteration, ValueError, RecursionError):
        return None
    return top


def _object(
    text: str,
    i: int,
    cls: type | None,
    classes: Callable[[str], type | None] | None,
    scan: Scan,
    flagged: list[bool],
    depth: int,
) -> tuple[dict[str, Any], int]:
    """The object starting at ``text[i]`` (a ``{``) and the index after it. At the top
    (``classes`` given) the class is found by the ``"kind"`` read."""
    plan = _plan(cls) if cls is not None else {}
    out: dict[str, Any] = {}
    i = _skip(text, i + 1)
    if text.startswith("}", i):
        return out, i + 1
    while True:
        if not text.startswith('"', i):
            raise _Unsure
        key, i = _scanstring(text, i + 1, True)
        i = _skip(text, i)
        if not text.startswith(":", i):
            raise _Unsure
        i = _skip(text, i + 1)
        how = plan.get(key)
        value: Any
        if how is not None and how[0] and text.startswith("[", i):
            value, i = _items(text, i, how[1], scan, flagged)
        elif how is not None and depth < _NESTING and text.startswith("{", i):
            value, i = _object(text, i, how[1], None, scan, flagged, depth + 1)
        else:
            value, i = scan(text, i)
        if flagged or key in out:
            raise _Unsure
        out[key] = value
        if classes is not None and key == "kind" and type(value) is str:
            found = classes(value)
            plan = _plan(found) if found is not None else {}
        i, more = _next(text, i, "}")
        if not more:
            return out, i


_BLANK: typing.Final = frozenset(" \t\n\r") | {""}
"""A character of JSON's white space, or none (the end of the text)."""


def _next(text: str, i: int, close: str) -> tuple[int, bool]:
    """After a member or an item ending at ``text[i]``: the index of the next one and ``True``
    after a ``,``, or the index after ``close`` and ``False``; anything else is not JSON."""
    c = text[i : i + 1]
    if c != "," and c != close:  # white space before it (rare): read past it
        i = _SPACE.match(text, i).end()  # type: ignore[union-attr]  # matches the empty string
        c = text[i : i + 1]
    if c == ",":
        # «, » then the next value (json.dumps's separator) without a regular expression
        j = i + 1
        if text[j : j + 1] == " " and text[j + 1 : j + 2] not in _BLANK:
            return j + 1, True
        return _SPACE.match(text, j).end(), True  # type: ignore[union-attr]  # as above
    if c == close:
        return i + 1, False
    raise _Unsure


def _items(
    text: str, i: int, item: type, scan: Scan, flagged: list[bool]
) -> tuple[Structured, int]:
    """The array starting at ``text[i]`` (a ``[``), each item structured as ``item`` as soon as
    it is read, and the index after it. Each item is tried with the function generated for
    its class (:func:`~post65.faststructure.fast_structurer`), which gives the converter's
    object or raises; then with the converter's hook, whose object or problem counts."""
    fast = fast_structurer(item)
    hook = converter.get_structure_hook(item)
    out = Structured()
    i = _skip(text, i + 1)
    if text.startswith("]", i):
        return out, i + 1
    while True:
        value, i = scan(text, i)
        if flagged:
            raise _Unsure
        try:
            out.append(fast(value))
        except Exception:  # anything unusual: the converter structures it, or finds a problem
            try:
                out.append(hook(value, item))
            except Exception:  # a problem: the locating path reads the document, says where
                raise _Unsure from None
        i, more = _next(text, i, "]")
        if not more:
            return out, i
