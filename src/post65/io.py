"""Documents in and out: the document kinds, ``load``, ``dump`` and JSON Schema.

Every document is a JSON object whose top-level ``"kind"`` names what it is (``portfolio``,
``allocation``, ``application``, ``programme``, ``report``). The rest of the object is the attrs
class registered for that kind, read by :mod:`post65.jsontext` and structured by the converter of
:mod:`post65.codec`, which is strict where cattrs by default is lenient:

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
import functools
import json
import os
import types
import typing
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Literal, Union, get_args, get_origin, overload

import attrs

from post65._amounts import _MAX_TEXT, MAX_KRONER, amount_pattern
from post65._arguments import checked
from post65._gc import collector_paused
from post65._shape import misfits, problems_of
from post65.codec import (
    _DATE_TEXT,
    _DECIMAL_TEXT,
    _is_attrs_class,
    _is_enum,
    _is_homogeneous_sequence,
    _is_money,
    _is_str_mapping,
    converter,
    structure,
)
from post65.errors import (
    FieldError,
    InvalidArgument,
    InvalidDocument,
    InvalidParameter,
    Problem,
    pointer,
)
from post65.jsontext import (
    MAX_DEPTH,
    MAX_DOCUMENT_BYTES,
    admit_text,
    check_json,
    in_document_order,
    loads_json,
    pointer_key,
    printable,
    read_document,
    read_text,
)
from post65.repair import validate_repaired
from post65.streamjson import streamed
from post65.text import msg

if TYPE_CHECKING:
    from post65.allocation.document import Allocation
    from post65.applications import Application, Applications
    from post65.calls import Call
    from post65.kinds import DocumentKind
    from post65.portfolio import Portfolio
    from post65.programme import Programme
    from post65.report.document import Report

DocumentSource = str | bytes | os.PathLike[str]
"""What :func:`load` reads: JSON text, bytes, or a file path."""

__all__ = [
    "MAX_DEPTH",
    "MAX_DOCUMENT_BYTES",
    "MAX_INDENT",
    "FieldError",
    "converter",
    "document_kind",
    "document_kinds",
    "document_problems",
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
    "structure",
    "to_json",
]

# --------------------------------------------------------------------------------------------
# Document kinds


@functools.cache
def _kinds() -> dict[str, DocumentKind]:
    # The table of kinds loads every document module: on first use, not at ``import post65``.
    from post65.kinds import KINDS

    return {kind.name: kind for kind in KINDS}


def document_kinds() -> tuple[DocumentKind, ...]:
    """Every registered document kind, by name."""
    kinds = _kinds()
    return tuple(kinds[name] for name in sorted(kinds))


def document_kind(name: str) -> DocumentKind:
    """The document kind called ``name``; an unknown name raises :class:`InvalidDocument`, a
    ``name`` that is no text :class:`~post65.errors.InvalidArgument`."""
    checked("name", name, str)
    kinds = _kinds()
    try:
        return kinds[name]
    except KeyError:
        known = ", ".join(sorted(kinds))
        text = msg("io.kind.unknown", name=name[:40], known=known)
        raise InvalidDocument([Problem("/kind", text)]) from None


def kind_of(obj: object) -> str:
    """The kind name of a document object."""
    for kind in _kinds().values():
        if type(obj) is kind.cls:
            return kind.name
    raise TypeError(f"{type(obj).__name__} is not a registered document kind")


@overload
def load(
    source: DocumentSource, *, kind: Literal["portfolio"], max_bytes: int = ...
) -> Portfolio: ...
@overload
def load(
    source: DocumentSource, *, kind: Literal["allocation"], max_bytes: int = ...
) -> Allocation: ...
@overload
def load(
    source: DocumentSource, *, kind: Literal["application"], max_bytes: int = ...
) -> Application: ...
@overload
def load(
    source: DocumentSource, *, kind: Literal["applications"], max_bytes: int = ...
) -> Applications: ...
@overload
def load(source: DocumentSource, *, kind: Literal["call"], max_bytes: int = ...) -> Call: ...
@overload
def load(
    source: DocumentSource, *, kind: Literal["programme"], max_bytes: int = ...
) -> Programme: ...
@overload
def load(source: DocumentSource, *, kind: Literal["report"], max_bytes: int = ...) -> Report: ...
@overload
def load(source: DocumentSource, *, kind: str | None = None, max_bytes: int = ...) -> Any: ...


def load(
    source: DocumentSource, *, kind: str | None = None, max_bytes: int = MAX_DOCUMENT_BYTES
) -> Any:
    """Read a post65 document from JSON text, bytes or a file path.

    A ``str`` is JSON text when it holds a newline (``\\n``) anywhere, or when, past any byte
    order marks, spaces, tabs, carriage returns and line feeds at its start, it begins with
    ``{``, ``[`` or ``"`` or is empty (nothing but those characters, or nothing at all); any
    other ``str`` is a file path, and bytes are always JSON text. JSON text that is not an
    object is refused as a document. The top-level ``"kind"`` picks the class; ``kind=``
    insists on one, and a type checker then knows the class: ``load(path, kind="portfolio")``
    is a :class:`~post65.portfolio.Portfolio`. Every problem found is raised together in one
    :class:`~post65.errors.InvalidDocument`.

    A document larger than ``max_bytes`` (32 MiB by default, :data:`MAX_DOCUMENT_BYTES`) is
    refused before it is parsed; a grant system that loads larger ones raises the limit (up to
    2 GiB): ``load(path, max_bytes=256 * 1024 * 1024)``.
    """
    text, name, decoded = read_document(source, max_bytes=max_bytes)
    admit_text(text, source=name, max_bytes=max_bytes)
    with collector_paused():  # many small objects, no reference cycle: see post65._gc
        parts = streamed(text, _streamed_class, decoded=decoded)
        if parts is not None:
            try:
                return _from_json(parts, kind=kind, source=name)
            except InvalidDocument:
                pass  # the path below reads it again and locates every problem
        del parts  # the records read so far are freed before the document is read again
        data = loads_json(text, source=name, max_bytes=max_bytes)
        return _from_json(data, kind=kind, source=name)


def _streamed_class(name: str) -> type | None:
    """The class of the document kind ``name`` for :func:`~post65.streamjson.streamed`."""
    spec = _kinds().get(name)
    return spec.cls if spec is not None else None


@overload
def from_json(
    data: object, *, kind: Literal["portfolio"], source: str | None = None
) -> Portfolio: ...
@overload
def from_json(
    data: object, *, kind: Literal["allocation"], source: str | None = None
) -> Allocation: ...
@overload
def from_json(
    data: object, *, kind: Literal["application"], source: str | None = None
) -> Application: ...
@overload
def from_json(
    data: object, *, kind: Literal["applications"], source: str | None = None
) -> Applications: ...
@overload
def from_json(data: object, *, kind: Literal["call"], source: str | None = None) -> Call: ...
@overload
def from_json(
    data: object, *, kind: Literal["programme"], source: str | None = None
) -> Programme: ...
@overload
def from_json(data: object, *, kind: Literal["report"], source: str | None = None) -> Report: ...
@overload
def from_json(data: object, *, kind: str | None = None, source: str | None = None) -> Any: ...


def from_json(data: object, *, kind: str | None = None, source: str | None = None) -> Any:
    """A document from already parsed JSON (as :func:`loads_json` returns it): the top-level
    ``"kind"`` picks the class; every problem is raised together in one InvalidDocument.
    Data parsed elsewhere is held to the same bounds (depth, text UTF-8 can write)."""
    problems = check_json(data)
    if problems:
        raise InvalidDocument(problems, source=source)
    return _from_json(data, kind=kind, source=source)


def _from_json(data: object, *, kind: str | None, source: str | None) -> Any:
    name = source
    if type(data) is not dict:
        raise InvalidDocument([Problem("", msg("io.document.not_object"))], source=name)
    found = data.get("kind")
    if found is None:
        raise InvalidDocument([Problem("/kind", msg("io.kind.missing"))], source=name)
    if type(found) is not str:
        raise InvalidDocument([Problem("/kind", msg("io.kind.not_string"))], source=name)
    if kind is not None and found != kind:
        text = msg("io.kind.expected", want=kind, got=found[:40])
        raise InvalidDocument([Problem("/kind", text)], source=name)
    try:
        spec = document_kind(found)
    except InvalidDocument as exc:
        raise InvalidDocument(exc.problems, source=name) from None
    body = {k: v for k, v in data.items() if k != "kind"}
    try:
        obj: Any = structure(body, spec.cls)
    except InvalidDocument as exc:
        problems = [*exc.problems, *validate_repaired(spec.cls, spec.validate, body, exc.problems)]
        raise InvalidDocument(in_document_order(problems), source=name) from None
    if spec.validate is not None:
        problems = list(spec.validate(obj))
        if problems:
            raise InvalidDocument(in_document_order(problems), source=name)
    return obj


def document_problems(obj: object) -> list[Problem]:
    """The problems :func:`load` would refuse ``obj`` for, were it read from a file, in
    document order; none for a sound document. A document built in code is not validated as it
    is built (an amount of -5 kr, a year 0, sums past 10^18 kr, ``None`` for a period, a number
    among the beneficiaries): :func:`~post65.rules.check` asks this when a rule fails on one of
    its values, to say where (:func:`~post65.jsontext.located_in`). A value of the wrong type
    is named first (:func:`post65._shape.misfits`): with one, the values are not read further.
    An ``obj`` that is not a document raises :class:`~post65.errors.InvalidArgument`."""
    spec = document_kind(_document_kind_of(obj, "document_problems"))
    return in_document_order(problems_of(obj, spec.validate))  # a wrong type first


def to_json(obj: object) -> dict[str, Any]:
    """The JSON-ready dict of a document, its ``"kind"`` first. An ``obj`` that is not a
    document (:func:`document_kinds`) raises :class:`~post65.errors.InvalidArgument`."""
    kind = _document_kind_of(obj, "to_json")
    with collector_paused():  # many small dicts and lists, no reference cycle
        return _unstructured(obj, kind)


def _document_kind_of(obj: object, function: str) -> str:
    """The kind name of ``obj``, or :class:`~post65.errors.InvalidArgument` naming
    ``function`` and the type it was given."""
    try:
        return kind_of(obj)
    except TypeError:
        name = type(obj).__name__
        raise InvalidArgument(msg("io.dump.not_a_document", function=function, type=name)) from None


def _unstructured(obj: object, kind: str) -> dict[str, Any]:
    try:
        body = converter.unstructure(obj)
    except (TypeError, ValueError, AttributeError) as exc:
        # a document made in Python with a value its field cannot hold (a text for a date)
        field = _unwritable_field(obj)
        raise InvalidArgument(msg("io.dump.malformed", kind=kind, field=field)) from exc
    if not isinstance(body, dict):  # pragma: no cover - documents are attrs classes
        raise TypeError("a document unstructures to an object")
    return {"kind": kind, **body}


def _unwritable_field(obj: object) -> str:
    """Where the document ``obj`` holds the first value its type cannot write: the value's
    JSON Pointer (``/measures/0/period``) when :func:`~post65._shape.misfits` finds it, else
    the first field that cannot be written (``?`` when the fault lies deeper than one field)."""
    found = misfits(obj, limit=1)
    if found:
        return found[0].where
    cls: Any = type(obj)
    hints = typing.get_type_hints(cls)
    for field in attrs.fields(cls):
        try:
            converter.unstructure(getattr(obj, field.name), unstructure_as=hints[field.name])
        except (TypeError, ValueError, AttributeError):
            return str(field.name)
    return "?"  # pragma: no cover - the document as a whole failed, so one of its fields did


MAX_INDENT = 16
"""The widest ``indent`` :func:`dump` writes with."""


def _checked_indent(indent: object) -> int | None:
    if indent is None:
        return None
    if type(indent) is not int:
        raise InvalidArgument(msg("io.dump.indent", most=MAX_INDENT, shown=type(indent).__name__))
    if not 0 <= indent <= MAX_INDENT:
        raise InvalidParameter(msg("io.dump.indent", most=MAX_INDENT, shown=str(indent)[:40]))
    return indent


def dump(obj: object, *, indent: int | None = 2) -> str:
    """The JSON text of a document (UTF-8 friendly, amounts as strings of digits), ``indent``
    spaces deep (0 to :data:`MAX_INDENT`; ``None`` writes it on one line). An ``obj`` that is
    not a document raises :class:`~post65.errors.InvalidArgument`, and so does an ``indent``
    that is not a whole number (a ``bool`` is not); one out of range raises
    :class:`~post65.errors.InvalidParameter`."""
    kind = _document_kind_of(obj, "dump")
    indent = _checked_indent(indent)
    # One pause across the dicts of the document and their text, the dicts freed inside it: the
    # collector, given back, finds nothing new to look at (given back between the two, it
    # would look through every dict once, only for them to be freed a moment later).
    with collector_paused():  # many small dicts and lists, no reference cycle
        body = _unstructured(obj, kind)
        text = json.dumps(body, ensure_ascii=False, indent=indent)
        del body
    return text + "\n"


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
        module = _SCHEMA_MODULES.get(t.__module__, t.__module__.rsplit(".", 1)[-1])
        name = f"{module}.{t.__name__}"
        owners.setdefault(name, t)
    return name


_SCHEMA_MODULES = {"post65.applications": "b", "post65.programme": "c"}
"""The names by which the schemas qualify a class of these modules (the schemes' letters, as
before the documents of schemes b and c moved out of their rule modules)."""
_AMOUNT_TEXT = 'An amount in kroner: "1250000", "2500.50", "1 250 000 kr", "12,5 mill. kr".'


def _schema_for(
    t: Any, defs: dict[str, Any], facets: typing.Mapping[str, Any] = types.MappingProxyType({})
) -> dict[str, Any]:
    """The schema of type ``t``; ``facets`` are the schema keys of the field's metadata (its
    ``"pattern"`` for a text, its ``"minimum"`` for a number or an amount, which only 0 can be)
    that hold for ``t`` or, through ``None``, lists and mappings, for the values in it, and
    ``"key_pattern"``, the pattern of a mapping's keys."""
    origin = get_origin(t)
    if t is type(None):
        return {"type": "null"}
    if origin in (Union, types.UnionType):
        return {"anyOf": [_schema_for(a, defs, facets) for a in get_args(t)]}
    if origin is Literal:
        return {"enum": list(get_args(t))}
    if t is bool:
        return {"type": "boolean"}
    if t is int:
        return {"type": "integer", **{k: facets[k] for k in ("minimum",) if k in facets}}
    if t is str:
        return {"type": "string", **{k: facets[k] for k in ("pattern",) if k in facets}}
    if t is Decimal:  # a JSON Schema pattern matches anywhere in the string: anchor it
        return {"type": "string", "pattern": f"^{_DECIMAL_TEXT.pattern}$"}
    if t is dt.date:
        return {"type": "string", "format": "date", "pattern": f"^{_DATE_TEXT.pattern}$"}
    if _is_money(t):  # one definition of each: the pattern is kilobytes long
        signed = "minimum" not in facets
        name = "Amount" if signed else "NonNegativeAmount"
        if name not in defs:  # built once per schema, however many amounts refer to it
            pattern = amount_pattern(signed=signed)
            text = {"type": "string", "maxLength": _MAX_TEXT, "pattern": pattern}
            least = -MAX_KRONER if signed else 0
            number = {"type": "integer", "minimum": least, "maximum": MAX_KRONER}
            about = _AMOUNT_TEXT if signed else f"{_AMOUNT_TEXT} Not negative."
            defs[name] = {"anyOf": [text, number], "description": about}
        return {"$ref": f"#/$defs/{name}"}
    if _is_enum(t):
        return {"enum": [m.value for m in t]}
    if _is_homogeneous_sequence(t):
        out: dict[str, Any] = {"type": "array", "items": _schema_for(get_args(t)[0], defs, facets)}
        if origin is frozenset:
            out["uniqueItems"] = True
        return out
    if _is_str_mapping(t):
        out = {"type": "object", "additionalProperties": _schema_for(get_args(t)[1], defs, facets)}
        if "key_pattern" in facets:
            out["propertyNames"] = {"pattern": facets["key_pattern"]}
        return out
    if _is_attrs_class(t):
        name = _def_name(t, defs)
        if name not in defs:
            defs[name] = {}
            hints = typing.get_type_hints(t)
            props: dict[str, Any] = {}
            required: list[str] = []
            for field in attrs.fields(t):
                prop = _schema_for(hints[field.name], defs, field.metadata or {})
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
    """The JSON Schema (draft 2020-12) of the document kind ``kind``: an unknown kind raises
    :class:`InvalidDocument`, a ``kind`` that is no text :class:`~post65.errors.InvalidArgument`."""
    checked("kind", kind, str)
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
