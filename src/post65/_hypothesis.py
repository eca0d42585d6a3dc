"""The ``hypothesis`` entry point: registers post65's strategies for post65's own types.

Hypothesis calls :func:`_hypothesis_setup_hook` when it is imported (``pyproject.toml``:
``[project.entry-points.hypothesis]``), so ``st.from_type(post65.Portfolio)`` works without
importing :mod:`post65.strategies` first. Only post65's own classes are registered; builtins,
``Decimal`` and pint's ``Quantity`` are left alone.

The table of classes, :data:`TYPES`, is derived, not kept by hand: every attrs class reachable
through the fields of the document kinds (:data:`post65.kinds.KINDS`), and of the few values
the API takes besides documents (:data:`VALUES`). The hook imports the modules that define the
types (it needs the classes) and nothing more: :mod:`post65.strategies`, whose modules give each
of those classes its strategy (a test checks that they give one for each), is imported the first
time Hypothesis asks for one of its strategies.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Iterable, Iterator
from typing import Any

import attrs

from post65.allocation import Selection
from post65.districtindex import DistrictIndex
from post65.geography import Fylke, Kommune
from post65.kinds import KINDS
from post65.stateaid import DeMinimisRegister, Organisasjonsnummer

__all__: list[str] = []

VALUES: tuple[Any, ...] = (
    Selection,
    DistrictIndex,
    Fylke,
    Kommune,
    DeMinimisRegister,
    Organisasjonsnummer,
)
"""The values besides documents whose types are registered (with the types reachable from them):
the inputs of :func:`post65.allocate` and the state aid and geography lookups. A value may be a
type alias for a union of classes."""


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


CLASSES: tuple[type, ...] = reachable([kind.cls for kind in KINDS] + list(VALUES))
"""The post65 classes registered with Hypothesis (derived; see above)."""

TYPES: tuple[tuple[str, str], ...] = tuple((c.__module__, c.__qualname__) for c in CLASSES)
"""The same, by module and name."""


def _resolve(cls: type) -> Any:
    """The strategy for ``cls``, from :mod:`post65.strategies` (imported on first use)."""
    from post65.strategies import for_type

    return for_type(cls)


def _hypothesis_setup_hook() -> None:
    """Register a strategy for each class in :data:`TYPES` (``st.register_type_strategy``)."""
    from hypothesis import strategies as st

    for cls in CLASSES:
        st.register_type_strategy(cls, _resolve)
