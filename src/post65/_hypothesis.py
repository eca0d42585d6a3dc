"""The ``hypothesis`` entry point: registers post65's strategies for post65's own types.

Hypothesis calls :func:`_hypothesis_setup_hook` when it is imported (``pyproject.toml``:
``[project.entry-points.hypothesis]``), so ``st.from_type(post65.Portfolio)`` works without
importing :mod:`post65.strategies` first. Only post65's own classes are registered; builtins,
``Decimal`` and pint's ``Quantity`` are left alone.

The table of classes, :data:`TYPES`, is derived, not kept by hand: every attrs class reachable
through the fields of the document kinds (:func:`post65.io.document_kinds`), and of the few values
the API takes besides documents (:data:`VALUES`). The hook imports the modules that define the
types (it needs the classes) and nothing more: :mod:`post65.strategies`, whose modules give each
of those classes its strategy (a test checks that they give one for each), is imported the first
time Hypothesis asks for one of its strategies.
"""

from __future__ import annotations

import importlib
import types
import typing
from collections.abc import Iterable, Iterator
from typing import Any

import attrs

__all__: list[str] = []

VALUES: tuple[tuple[str, str], ...] = (
    ("post65.allocation", "Selection"),
    ("post65.districtindex", "DistrictIndex"),
    ("post65.geography", "Fylke"),
    ("post65.geography", "Kommune"),
    ("post65.stateaid", "DeMinimisRegister"),
    ("post65.stateaid", "Organisasjonsnummer"),
)
"""The values besides documents whose types are registered (with the types reachable from them),
by module and name: the inputs of :func:`post65.allocate` and the state aid and geography
lookups. A name may be a type alias for a union of classes."""


def _classes(hint: Any) -> Iterator[type]:
    """The classes a type hint names (through unions, tuples, mappings and aliases)."""
    args = typing.get_args(hint)
    if args or typing.get_origin(hint) is not None or isinstance(hint, types.UnionType):
        for arg in args:
            yield from _classes(arg)
    elif isinstance(hint, type):
        yield hint


def reachable(roots: Iterable[Any]) -> tuple[type, ...]:
    """The post65 attrs classes among ``roots`` (classes or type hints) and in their fields,
    transitively, by module and name."""
    found: dict[type, None] = {}
    todo = [cls for root in roots for cls in _classes(root)]
    while todo:
        cls = todo.pop()
        if cls in found or not attrs.has(cls) or not cls.__module__.startswith("post65"):
            continue
        found[cls] = None
        hints = typing.get_type_hints(cls)
        todo.extend(c for field in attrs.fields(cls) for c in _classes(hints[field.name]))
    return tuple(sorted(found, key=lambda c: (c.__module__, c.__qualname__)))


def _types() -> tuple[tuple[str, str], ...]:
    from post65.io import document_kinds

    values = [getattr(importlib.import_module(module), name) for module, name in VALUES]
    roots = [kind.cls for kind in document_kinds()] + values
    return tuple((cls.__module__, cls.__qualname__) for cls in reachable(roots))


TYPES: tuple[tuple[str, str], ...] = _types()
"""The post65 classes registered with Hypothesis, by module and name (derived; see above)."""


def _resolve(cls: type) -> Any:
    """The strategy for ``cls``, from :mod:`post65.strategies` (imported on first use)."""
    strategies = importlib.import_module("post65.strategies")
    return strategies.for_type(cls)


def _hypothesis_setup_hook() -> None:
    """Register a strategy for each class in :data:`TYPES` (``st.register_type_strategy``)."""
    from hypothesis import strategies as st

    for module, name in TYPES:
        cls = getattr(importlib.import_module(module), name)
        st.register_type_strategy(cls, _resolve)
