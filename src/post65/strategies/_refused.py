"""The refusals every document kind shares: kind, type, required and unknown fields, malformed
strings.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import types
import typing
from collections.abc import Callable, Iterator, Mapping
from decimal import Decimal
from typing import Any, Literal, Union, get_args, get_origin

import attrs
from hypothesis import strategies as st

from post65.io import document_kinds, to_json
from post65.strategies._common import JSON, _get, _set

Refusal = Callable[[st.DrawFn, JSON], JSON]
"""A change to a valid document's JSON that makes :func:`post65.load` refuse it."""


_HINTS: dict[type, dict[str, Any]] = {}


def _hints(cls: type) -> dict[str, Any]:
    found = _HINTS.get(cls)
    if found is None:
        found = _HINTS[cls] = typing.get_type_hints(cls)
    return found


def _objects(
    obj: object, path: tuple[str | int, ...] = ()
) -> Iterator[tuple[tuple[Any, ...], Any]]:
    """Every attrs instance in a document with its path (the JSON keys are the field names)."""
    yield path, obj
    for field in attrs.fields(typing.cast(Any, type(obj))):
        value = getattr(obj, field.name)
        if attrs.has(type(value)):
            yield from _objects(value, (*path, field.name))
        elif isinstance(value, tuple):
            for i, item in enumerate(value):
                if attrs.has(type(item)):
                    yield from _objects(item, (*path, field.name, i))


def _json_types(t: Any) -> frozenset[str]:
    """The JSON types the converter may accept for a value of type ``t``."""
    origin = get_origin(t)
    if t is type(None):
        return frozenset({"null"})
    if origin in (Union, types.UnionType):
        return frozenset().union(*(_json_types(a) for a in get_args(t)))
    if t is bool:
        return frozenset({"boolean"})
    if t is int:
        return frozenset({"integer"})
    if t is Decimal or t is str or t is dt.date or origin is Literal:
        return frozenset({"string"})
    if isinstance(t, type) and issubclass(t, enum.Enum):
        return frozenset({"string"})
    if origin is tuple or origin is list:
        return frozenset({"array"})
    if attrs.has(t) or origin in (dict, Mapping):
        return frozenset({"object"})
    return frozenset({"integer", "string"})  # money: pint.Quantity[Decimal]


_VALUES_OF_TYPE: dict[str, st.SearchStrategy[Any]] = {
    "null": st.none(),
    "boolean": st.booleans(),
    "integer": st.integers(),
    "number": st.floats(allow_nan=False, allow_infinity=False).filter(lambda x: not x.is_integer())
    | st.just(1.0),
    "string": st.text(max_size=10),
    "array": st.lists(st.integers() | st.text(max_size=4), max_size=2),
    "object": st.dictionaries(st.text(max_size=4), st.integers(), max_size=2),
}


def _structural(draw: st.DrawFn, obj: object, data: JSON) -> JSON:
    how = draw(st.sampled_from(["extra", "missing", "type", "string", "kind", "root"]))
    if how == "kind":
        kinds = {k.name for k in document_kinds()}
        new = draw(
            st.none()
            | st.integers()
            | st.text(max_size=12).filter(lambda s: s not in kinds)
            | st.lists(st.just(data["kind"]), min_size=1, max_size=1)
        )
        if new is None and draw(st.booleans()):
            return {k: v for k, v in data.items() if k != "kind"}
        return {**data, "kind": new}
    if how == "root":
        return typing.cast(JSON, draw(st.sampled_from([[], [data], "", 0, None])))
    path, target = draw(st.sampled_from(list(_objects(obj))))
    fields = attrs.fields(type(target))
    node = _get(data, path)
    if how == "extra":
        key = draw(st.text(min_size=1, max_size=10).filter(lambda k: k not in node))
        return typing.cast(JSON, _set(data, path, {**node, key: draw(_VALUES_OF_TYPE["integer"])}))
    required = [f.name for f in fields if f.default is attrs.NOTHING]
    if how == "missing" and required:
        name = draw(st.sampled_from(required))
        return typing.cast(JSON, _set(data, path, {k: v for k, v in node.items() if k != name}))
    field = draw(st.sampled_from([f.name for f in fields]))
    hint = _hints(type(target))[field]
    if how == "string":
        bad = _bad_strings(hint)
        if bad is not None:
            return typing.cast(JSON, _set(data, (*path, field), draw(bad)))
    wrong = sorted(
        {"null", "boolean", "integer", "number", "string", "array", "object"} - _json_types(hint)
    )
    value = draw(st.sampled_from(wrong).flatmap(lambda t: _VALUES_OF_TYPE[t]))
    return typing.cast(JSON, _set(data, (*path, field), value))


def _bad_strings(t: Any) -> st.SearchStrategy[str] | None:
    """Strings the converter refuses for type ``t`` (None if it takes any string)."""
    if get_origin(t) in (Union, types.UnionType):
        inner = [a for a in get_args(t) if a is not type(None)]
        return _bad_strings(inner[0]) if len(inner) == 1 else None
    if t is dt.date:
        return st.sampled_from(["", "2024-02-30", "01.02.2024", "2024-1-1", "2024-13-01", "i går"])
    if t is Decimal:
        return st.sampled_from(["", "1e5", "0,5", "abc", "NaN", " 1", "1.", "Infinity"])
    if get_origin(t) is Literal:
        allowed = set(get_args(t))
        return st.text(max_size=6).filter(lambda s: s not in allowed)
    if isinstance(t, type) and issubclass(t, enum.Enum):
        values = {m.value for m in t}
        return st.text(max_size=12).filter(lambda s: s not in values)
    if t is str or t is int or t is bool or get_origin(t) in (tuple, list, dict, Mapping):
        return None
    if attrs.has(t):
        return None
    return st.sampled_from(["", "12 personer", "1 250 EUR", "NaN", "kr", "1,2,3", "--5"])  # money


@st.composite
def _invalid(draw: st.DrawFn, valid: st.SearchStrategy[Any], own: tuple[Refusal, ...]) -> JSON:
    obj = draw(valid)
    data = to_json(obj)
    kind_specific = draw(st.booleans())
    if own and kind_specific:
        return draw(st.sampled_from(own))(draw, data)
    return _structural(draw, obj, data)


@functools.cache
def invalid(
    valid: st.SearchStrategy[Any], own: tuple[Refusal, ...] = ()
) -> st.SearchStrategy[JSON]:
    """JSON objects that :func:`post65.load` refuses: a document drawn from ``valid`` with one
    thing broken, either a generic fault (see :func:`post65.strategies.invalid_documents`) or
    one of the kind's ``own`` refusals."""
    return _invalid(valid, own)
