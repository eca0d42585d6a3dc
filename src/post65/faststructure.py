"""A faster structurer for documents that structure without a problem, beside the converter.

:func:`fast_structurer` gives, for an attrs class, a function that structures a dict parsed
from JSON into the class exactly as :data:`post65.codec.converter` does, object for object, or
raises *some* exception (wherever the converter would refuse the value, and wherever it is not
sure). It is only ever tried first: on any exception the caller structures the same value with
the converter, which gives the object or the located problems (a message never comes from
here). It mirrors the hooks of :mod:`post65.codec`; ``tests/test_fast_structure.py`` holds the
two to the same objects for every document kind.

The function is generated once per class (``exec`` of source built only from the class's own
field names and types, never from input): the leaf conversions of the converter's hooks are
written inline (``type(v) is str``, an enum's ``_value2member_map_``, the fast path of whole
kroner), nested classes call their own generated function, sequences are built by a
comprehension, and the class is called once with all its fields. A key that is absent gets the
field's attrs default; an unknown key is refused. A type it does not know (a ``Literal``, a
union of more than ``X | None``, a type the converter has another hook for) is structured by
the converter's hook for that type, so the result is still the converter's.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import typing
from collections.abc import Callable
from decimal import Decimal
from typing import Any, get_args, get_origin

import attrs

from post65 import codec, money
from post65._slots import slot_maker

__all__ = ["fast_structurer"]


class _Refused(Exception):
    """A value the fast structurer leaves to the converter."""


class _Generator:
    """The source and namespace of one class's structure function."""

    def __init__(self) -> None:
        self.ns: dict[str, Any] = {
            "_Refused": _Refused,
            "_Structured": codec.Structured,
            "_Decimal": Decimal,
            "_decimal_text": codec._DECIMAL_TEXT.fullmatch,
            "_fromisoformat": dt.date.fromisoformat,
            "_make": money._make,
            "_parse_amount": money.parse_amount,
            "_tuple": tuple,
            "_list": list,
            "_frozenset": frozenset,
            "_str": str,
            "_int": int,
            "_bool": bool,
            "_dict": dict,
            "_len": len,
            "_type": type,
        }
        self.functions: list[str] = []
        self._count = itertools.count()

    def name(self, value: object, stem: str) -> str:
        """A fresh name for ``value`` in the generated code's namespace."""
        key = f"_{stem}{next(self._count)}"
        self.ns[key] = value
        return key

    def convert(self, t: Any, v: str, pad: str) -> list[str]:
        """Statements that replace the value in the local ``v`` by its structured form as
        the type ``t``, raising on anything the converter would not structure the same way."""
        hook = codec.converter.get_structure_hook(t)
        if t is str or t is int or t is bool:
            expected = {str: codec._structure_str, int: codec._structure_int}.get(t)
            if hook is (expected or codec._structure_bool):
                name = {str: "_str", int: "_int", bool: "_bool"}[t]
                return [f"{pad}if _type({v}) is not {name}: raise _Refused"]
        elif t is Decimal and hook is codec._structure_decimal:
            return [
                f"{pad}if _type({v}) is not _str or not _decimal_text({v}): raise _Refused",
                f"{pad}{v} = _Decimal({v})",
            ]
        elif t is dt.date and hook is codec._structure_date:
            # YYYY-MM-DD without the converter's regular expression: ten ASCII characters with
            # «-» fifth and eighth leave fromisoformat nothing but digits to read between
            # (its other forms, 2024-W01-1 and 20240101, differ there); it refuses the rest
            return [
                f"{pad}if _type({v}) is not _str or _len({v}) != 10 or {v}[4] != '-'"
                f" or {v}[7] != '-' or not {v}.isascii(): raise _Refused",
                f"{pad}{v} = _fromisoformat({v})",
            ]
        elif codec._is_money(t) and hook is codec._structure_money:
            return [
                f"{pad}if _type({v}) is _str and 0 < _len({v}) <= 18 and {v}.isascii()"
                f" and {v}.isdigit():",
                f"{pad}    {v} = _make(_Decimal({v}))",  # as money.nok(int(v)), its checks done
                f"{pad}elif _type({v}) is _int or _type({v}) is _str:",
                f"{pad}    {v} = _parse_amount({v})",
                f"{pad}else:",
                f"{pad}    raise _Refused",
            ]
        elif codec._is_enum(t) and hook is codec._structure_enum:
            members = self.name(t._value2member_map_, "members")
            return [
                f"{pad}if _type({v}) is not _str: raise _Refused",
                f"{pad}{v} = {members}[{v}]",
            ]
        elif codec._is_optional(t):
            inner = codec._optional_inner(t)
            return [f"{pad}if {v} is not None:", *self.convert(inner, v, pad + "    ")]
        elif get_origin(t) in (tuple, list, frozenset) and codec._is_homogeneous_sequence(t):
            return self._sequence(t, v, pad)
        elif codec._is_str_mapping(t):
            item = self.function(get_args(t)[1])
            return [
                f"{pad}if _type({v}) is not _dict: raise _Refused",
                f"{pad}{v} = {{k: {item}(x) for k, x in {v}.items()}}",
            ]
        elif codec._is_attrs_class(t) and t not in _BUILDING:
            return [f"{pad}{v} = {self.name(fast_structurer(t), 'structure')}({v})"]
        return [f"{pad}{v} = {self.name(hook, 'hook')}({v}, {self.name(t, 'type')})"]

    def _sequence(self, t: Any, v: str, pad: str) -> list[str]:
        build = {tuple: "_tuple", list: "_list", frozenset: "_frozenset"}[get_origin(t)]
        elem = get_args(t)[0]
        head = [
            f"{pad}if _type({v}) is _Structured:",
            f"{pad}    {v} = {build}({v})",
            f"{pad}elif _type({v}) is not _list:",
            f"{pad}    raise _Refused",
        ]
        if (elem is str or elem is int) and codec.converter.get_structure_hook(elem) in (
            codec._structure_str,
            codec._structure_int,
        ):
            name = "_str" if elem is str else "_int"
            return [
                *head,
                f"{pad}else:",
                f"{pad}    for x in {v}:",
                f"{pad}        if _type(x) is not {name}: raise _Refused",
                f"{pad}    {v} = {build}({v})",
            ]
        item = self.function(elem)
        return [*head, f"{pad}else:", f"{pad}    {v} = {build}([{item}(x) for x in {v}])"]

    def function(self, t: Any) -> str:
        """The name of a function that structures one value as ``t``."""
        if codec._is_attrs_class(t) and t not in _BUILDING:
            return self.name(fast_structurer(t), "structure")
        name = f"_convert{next(self._count)}"
        body = self.convert(t, "v", "    ")
        self.functions.append("\n".join([f"def {name}(v):", *body, "    return v"]))
        return name


def _refused_class(t: type) -> bool:
    """A class whose structure function is not generated (the converter's hook is used)."""
    return any(
        not a.init
        or a.alias != a.name
        or (isinstance(a.default, attrs.Factory) and a.default.takes_self)  # type: ignore[arg-type]
        for a in attrs.fields(t)
    )


_BUILDING: set[type] = set()
"""The classes whose structure function is being generated: a class that holds itself is
structured, below the top, by the converter's hook."""


@functools.cache
def fast_structurer(cls: type) -> Callable[[Any], Any]:
    """The structure function of the attrs class ``cls``: a dict parsed from JSON to an
    instance equal, object for object, to what the converter makes of it, or an exception
    (of no particular kind, with no message for anyone) where the converter may see otherwise."""
    hook = codec.converter.get_structure_hook(cls)  # registers the hooks of its enums
    if _refused_class(cls):
        return lambda value: hook(value, cls)
    _BUILDING.add(cls)
    try:
        return _generated(cls)
    finally:
        _BUILDING.discard(cls)


def _generated(cls: type) -> Callable[[Any], Any]:
    hints = typing.get_type_hints(cls)
    gen = _Generator()
    fields = attrs.fields(cls)
    # An unknown key is refused by counting: the keys read (every required one, and each
    # optional one present) are all of the dict's keys exactly when there is no other, a
    # count cheaper than comparing the dict's keys with the set of the class's.
    required = sum(1 for a in fields if a.default is attrs.NOTHING)
    body = [
        "    if _type(d) is not _dict: raise _Refused",
        f"    n = {required}",
    ]
    args: list[str] = []
    keywords: list[str] = []
    for i, a in enumerate(fields):
        v = f"f{i}"
        convert = gen.convert(hints[a.name], v, "        ")
        if a.default is attrs.NOTHING:
            body.append(f"    {v} = d[{a.name!r}]")
            body.extend(line[4:] for line in convert)
        else:
            if isinstance(a.default, attrs.Factory):  # type: ignore[arg-type]
                absent = f"{gen.name(a.default.factory, 'factory')}()"
            else:
                absent = gen.name(a.default, "default")
            body.append(f"    if {a.name!r} in d:")
            body.append(f"        {v} = d[{a.name!r}]")
            body.append("        n += 1")
            body.extend(convert)
            body.append("    else:")
            body.append(f"        {v} = {absent}")
        if a.kw_only:
            keywords.append(f"{a.name}={v}")
        else:
            args.append(v)
    body.append("    if _len(d) != n: raise _Refused")
    gen.ns["_cls"] = slot_maker(cls)  # made by its slots, as attrs' __init__ makes it
    source = "\n\n".join(
        [
            *gen.functions,
            "\n".join(
                ["def structure(d):", *body, f"    return _cls({', '.join([*args, *keywords])})"]
            ),
        ]
    )
    gen.ns["__source__"] = source
    code = compile(source, f"<post65 structure of {cls.__qualname__}>", "exec")
    exec(code, gen.ns)  # noqa: S102 - built from the class's field names and types, never input
    function: Callable[[Any], Any] = gen.ns["structure"]
    return function
