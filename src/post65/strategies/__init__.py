"""Hypothesis strategies for post65's values and documents (the extra ``post65[hypothesis]``).

For systems that embed post65 and want to test against it, and for post65's own tests. This
package imports :mod:`hypothesis` (without it, importing it raises :class:`ImportError`);
``import post65`` never imports it.

Values:

- :func:`amounts`: exact NOK amounts (whole kroner, or kroner and øre), bounded;
- :func:`kommunenummer` (valid 2024 numbers), :func:`invalid_kommunenummer` (anything else: old
  numbers, malformed text), :func:`fylkesnummer`, :func:`organisasjonsnummer`;
- :func:`district_indexes`, :func:`selections`, :func:`index_files` (CSV bytes, valid or not).

Documents, each of them valid: it loads, and round-trips (``load(dump(x)) == x``):

- :func:`measures`, :func:`funds`, :func:`portfolios` (measures of schemes a, b and c;
  ``portfolios(valid=False)`` gives JSON objects that :func:`post65.load` must refuse, exit 2 in
  the command), :func:`reports` (the yearly report, built from a portfolio);
- :func:`allocations` (computed by :func:`post65.allocate`, so rule A-3.1 holds), :func:`calls`,
  :func:`applications`, :func:`application_sets` (the ``applications`` kind), :func:`programmes`;
- :data:`STRATEGIES`: document kind → the strategy of its valid documents; :func:`documents` and
  :func:`invalid_documents` draw from it. It is merged from the kind modules (one module per
  document kind, its valid and refused documents side by side: :mod:`.allocation`,
  :mod:`.call` (calls and applications), :mod:`.portfolio`, :mod:`.programme`, :mod:`.report`;
  their parts in :mod:`.measure`, :mod:`.ledger` and :mod:`._common`), each declaring its
  ``STRATEGIES``, ``REFUSALS`` and ``TYPES``; a new kind is a new module added to
  :data:`MODULES`.

>>> from hypothesis import given, settings
>>> import post65
>>> @settings(max_examples=20)
... @given(portfolios())
... def test_round_trip(p):
...     assert post65.load(post65.dump(p)) == p
>>> test_round_trip()

The strategies are also registered with Hypothesis (``st.from_type(post65.Portfolio)``) through
the ``hypothesis`` entry point (:mod:`post65._hypothesis`), for post65's own types only:
:func:`for_type` gives the strategy of each type in :data:`TYPES`.
"""

from __future__ import annotations

try:
    import hypothesis  # noqa: F401
except ImportError as error:  # pragma: no cover - the tests run with Hypothesis installed
    raise ImportError(
        "post65.strategies needs Hypothesis: pip install 'post65[hypothesis]'",
        name="hypothesis",
    ) from error

import functools
from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Any

from hypothesis import strategies as st

from post65.strategies import (
    _common,
    allocation,
    call,
    ledger,
    measure,
    portfolio,
    programme,
    report,
)
from post65.strategies._common import (
    JSON,
    amounts,
    fylkesnummer,
    invalid_kommunenummer,
    kommunenummer,
    organisasjonsnummer,
    texts,
)
from post65.strategies._refused import Refusal, invalid
from post65.strategies.allocation import allocations, district_indexes, index_files, selections
from post65.strategies.call import application_sets, applications, calls
from post65.strategies.ledger import funds
from post65.strategies.measure import measures
from post65.strategies.portfolio import portfolios
from post65.strategies.programme import programmes
from post65.strategies.report import reports

__all__ = [
    "REFUSALS",
    "STRATEGIES",
    "Refusal",
    "allocations",
    "amounts",
    "application_sets",
    "applications",
    "calls",
    "district_indexes",
    "documents",
    "for_type",
    "funds",
    "fylkesnummer",
    "index_files",
    "invalid_documents",
    "invalid_kommunenummer",
    "kommunenummer",
    "measures",
    "organisasjonsnummer",
    "portfolios",
    "programmes",
    "reports",
    "selections",
    "texts",
]

MODULES = (_common, allocation, call, ledger, measure, portfolio, programme, report)
"""The modules of the package: each declares ``TYPES`` (post65 type → its strategy), and each
that defines document kinds ``STRATEGIES`` and ``REFUSALS``; the tables below merge them."""


def _merged(name: str) -> dict[Any, Any]:
    merged: dict[Any, Any] = {}
    for module in MODULES:
        table: Mapping[Any, Any] = getattr(module, name, {})
        clash = merged.keys() & table.keys()
        if clash:  # pragma: no cover - a programming error the import makes visible at once
            raise RuntimeError(f"{module.__name__}.{name} repeats {sorted(map(str, clash))}")
        merged.update(table)
    return dict(sorted(merged.items(), key=lambda item: _key(item[0])))


def _key(key: Any) -> str:
    return key if isinstance(key, str) else f"{key.__module__}.{key.__qualname__}"


STRATEGIES: dict[str, Callable[[], st.SearchStrategy[Any]]] = _merged("STRATEGIES")
"""Document kind → the strategy of its valid documents (objects that load and round-trip).
Merged from the kind modules; the schema, round-trip and fuzz tests iterate over it."""

REFUSALS: dict[str, tuple[Refusal, ...]] = _merged("REFUSALS")
"""Document kind → changes that make a valid document of that kind unusable for reasons only
that kind knows (numbers that do not exist, broken references, values out of range). The
generic refusals of :func:`invalid_documents` apply to every kind besides."""

TYPES: Mapping[type, Callable[[], st.SearchStrategy[Any]]] = MappingProxyType(_merged("TYPES"))
"""post65 type → its strategy, merged from the modules' ``TYPES``: what the ``hypothesis`` entry
point (:mod:`post65._hypothesis`) registers, through :func:`for_type`."""


@functools.cache
def documents(kind: str | None = None) -> st.SearchStrategy[Any]:
    """Valid documents of ``kind`` (any kind in :data:`STRATEGIES` if ``None``)."""
    if kind is not None:
        return STRATEGIES[kind]()
    return st.sampled_from(sorted(STRATEGIES)).flatmap(lambda k: STRATEGIES[k]())


def _invalid_of(kind: str) -> st.SearchStrategy[JSON]:
    return invalid(STRATEGIES[kind](), REFUSALS.get(kind, ()))


@functools.cache
def invalid_documents(kind: str | None = None) -> st.SearchStrategy[JSON]:
    """JSON objects (as :func:`json.loads` gives them) that :func:`post65.load` refuses with
    :class:`~post65.errors.InvalidDocument` (``post65 check`` exits 2): a valid document of
    ``kind`` (any kind if ``None``) with one thing broken. Either a generic fault (the kind
    missing, unknown or not a string; the document not an object; an unknown field; a required
    field missing; a value of the wrong JSON type, a float for money among them; a date, decimal,
    enum value or amount that does not parse), or one of the kind's own :data:`REFUSALS`."""
    if kind is not None:
        return _invalid_of(kind)
    return st.sampled_from(sorted(STRATEGIES)).flatmap(_invalid_of)


@functools.cache
def for_type(cls: type) -> st.SearchStrategy[Any]:
    """The strategy post65 registers with Hypothesis for its class ``cls``
    (``st.from_type(cls)`` gives it once Hypothesis has loaded the ``hypothesis`` entry point).

    :raises KeyError: for a class post65 registers no strategy for.
    """
    return TYPES[cls]()
