"""The ``hypothesis`` entry point: registers post65's strategies for post65's own types.

Hypothesis calls :func:`_hypothesis_setup_hook` when it is imported (``pyproject.toml``:
``[project.entry-points.hypothesis]``), so ``st.from_type(post65.Portfolio)`` works without
importing :mod:`post65.strategies` first. Only post65's own classes are registered; builtins,
``Decimal`` and pint's ``Quantity`` are left alone.

The hook is light: it imports no other post65 module (nor pint), so every ``import hypothesis``
of a system that has post65 installed costs what it costs without post65. Hypothesis registers a
strategy by the class object, and the modules that define the classes cost as much as post65
itself (they need pint), so the hook registers the classes of a module when the module is there:
those of every module of :data:`TYPES` already imported, at once; those of a module imported
later, as soon as it has been executed (a finder on :data:`sys.meta_path`, which looks at those
modules only, and otherwise leaves the import to the finders that would have made it). A class
can only reach ``st.from_type`` through its module, so each class is registered before it can be
asked for (but for a module part-way through its import when Hypothesis is first imported, by
another thread or an import hook: docs/guide.md says so). :mod:`post65.strategies`, which gives
each class its strategy, is imported the first time Hypothesis asks for one of them.

:data:`TYPES` names the classes by module and name. It is declared, because deriving it needs the
classes, but it is checked against its derivation (:func:`derived_types`, a test): every attrs
class reachable through the fields of the document kinds (:data:`post65.kinds.KINDS`), and of
the few values the API takes besides documents (:func:`values`).
"""

from __future__ import annotations

import importlib.abc
import sys
import types
import typing
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    # importlib.machinery's ModuleSpec, named where it is defined: tests/test_architecture.py
    # takes importlib.machinery for a loader of modules by name, which this module is not.
    from _frozen_importlib import ModuleSpec

__all__: list[str] = []

TYPES: tuple[tuple[str, str], ...] = (
    ("post65.allocation.document", "Allocation"),
    ("post65.allocation.document", "CountyAllocation"),
    ("post65.allocation.document", "Note"),
    ("post65.allocation.document", "SelectionSpec"),
    ("post65.allocation.document", "StatedIndex"),
    ("post65.allocation.selection", "Explicit"),
    ("post65.allocation.selection", "Lowest"),
    ("post65.allocation.selection", "MaxScore"),
    ("post65.allocation.selection", "PopulationShare"),
    ("post65.applications", "Applicant"),
    ("post65.applications", "Application"),
    ("post65.applications", "Applications"),
    ("post65.applications", "Contribution"),
    ("post65.applications", "Decline"),
    ("post65.applications", "Project"),
    ("post65.calls", "Call"),
    ("post65.districtindex.index", "DistrictIndex"),
    ("post65.funds", "AdminCost"),
    ("post65.funds", "Cancellation"),
    ("post65.funds", "Commitment"),
    ("post65.funds", "Funds"),
    ("post65.funds", "Payment"),
    ("post65.funds", "Reallocation"),
    ("post65.funds", "Receipt"),
    ("post65.funds", "Repayment"),
    ("post65.funds", "Split"),
    ("post65.geography", "Fylke"),
    ("post65.geography", "Kommune"),
    ("post65.layout", "PageModel"),
    ("post65.measures", "BeneficiaryShare"),
    ("post65.measures", "Criteria"),
    ("post65.measures", "GoalContribution"),
    ("post65.measures", "GuidanceCapacity"),
    ("post65.measures", "Lasting"),
    ("post65.measures", "Measure"),
    ("post65.measures", "Needs"),
    ("post65.measures", "Organisation"),
    ("post65.measures", "Partner"),
    ("post65.measures", "Period"),
    ("post65.measures", "Plan"),
    ("post65.measures", "PlanProcess"),
    ("post65.measures", "Supplier"),
    ("post65.portfolio", "MunicipalChallenge"),
    ("post65.portfolio", "Portfolio"),
    ("post65.portfolio", "SchemeBMeasure"),
    ("post65.portfolio", "SchemeCMeasure"),
    ("post65.programme", "BusinessFundGrant"),
    ("post65.programme", "Contribution"),
    ("post65.programme", "PhasePeriod"),
    ("post65.programme", "Programme"),
    ("post65.programme", "ProgrammeMeasure"),
    ("post65.programme", "StatusDecision"),
    ("post65.report.document", "Report"),
    ("post65.report.document", "ReportContribution"),
    ("post65.report.document", "ReportMeasure"),
    ("post65.report.document", "ReportPlan"),
    ("post65.report.document", "ReportScheme"),
    ("post65.report.document", "ReportSection2"),
    ("post65.report.document", "SchemeFunds"),
    ("post65.report.figures", "CarriedOver"),
    ("post65.report.figures", "MunicipalityAmount"),
    ("post65.report.figures", "StateActor"),
    ("post65.report.figures", "TargetMunicipalities"),
    ("post65.stateaid", "Aid"),
    ("post65.stateaid", "DeMinimisRegister"),
    ("post65.stateaid", "Organisasjonsnummer"),
    ("post65.stateaid", "Support"),
    ("post65.text", "Message"),
)
"""The post65 classes registered with Hypothesis, by module and name, sorted (declared; a test
holds it equal to :func:`derived_types`)."""

LIGHT: frozenset[str] = frozenset({"post65", "post65._hypothesis"})
"""The post65 modules ``import hypothesis`` loads through the entry point (a test holds it)."""

_NAMES: dict[str, tuple[str, ...]] = {
    module: tuple(n for m, n in TYPES if m == module) for module, _ in TYPES
}
"""Module → the names of its classes in :data:`TYPES`."""


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
    import attrs

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


def values() -> tuple[Any, ...]:
    """The values besides documents whose types are registered (with the types reachable from
    them): the inputs of :func:`post65.allocate` and the state aid and geography lookups. A value
    may be a type alias for a union of classes. (Imports their modules.)"""
    from post65.allocation import Selection
    from post65.districtindex import DistrictIndex
    from post65.geography import Fylke, Kommune
    from post65.stateaid import DeMinimisRegister, Organisasjonsnummer

    return (Selection, DistrictIndex, Fylke, Kommune, DeMinimisRegister, Organisasjonsnummer)


def derived_types() -> tuple[tuple[str, str], ...]:
    """What :data:`TYPES` must be: the classes reachable from the document kinds and
    :func:`values`, by module and name (imports every module that defines them)."""
    from post65.kinds import KINDS

    found = reachable([kind.cls for kind in KINDS] + list(values()))
    return tuple((c.__module__, c.__qualname__) for c in found)


def _resolve(cls: type) -> Any:
    """The strategy for ``cls``, from :mod:`post65.strategies` (imported on first use)."""
    from post65.strategies import for_type

    return for_type(cls)


def _register(module: types.ModuleType) -> None:
    """Register a strategy for each class of ``module`` in :data:`TYPES`."""
    from hypothesis import strategies as st

    for name in _NAMES.get(module.__name__, ()):
        cls = getattr(module, name, None)
        if isinstance(cls, type):
            st.register_type_strategy(cls, _resolve)


class _Loader(importlib.abc.Loader):
    """The loader of a module of :data:`TYPES`: the loader found for it, which registers the
    module's classes once it has executed the module, and then steps aside."""

    def __init__(self, loader: importlib.abc.Loader) -> None:
        self._loader = loader

    def create_module(self, spec: ModuleSpec) -> types.ModuleType | None:
        return self._loader.create_module(spec)

    def exec_module(self, module: types.ModuleType) -> None:
        try:
            self._loader.exec_module(module)
        finally:
            if module.__spec__ is not None and module.__spec__.loader is self:
                module.__spec__.loader = self._loader
            if getattr(module, "__loader__", None) is self:
                module.__loader__ = self._loader
        _register(module)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._loader, name)


class _Finder(importlib.abc.MetaPathFinder):
    """Finds the modules of :data:`TYPES` as the finders after it on :data:`sys.meta_path` do,
    with a :class:`_Loader` around the loader they find; other modules it leaves to them."""

    def __init__(self) -> None:
        self._finding: set[str] = set()

    def find_spec(
        self,
        fullname: str,
        path: Sequence[str] | None,
        target: types.ModuleType | None = None,
    ) -> ModuleSpec | None:
        if fullname not in _NAMES or fullname in self._finding:
            return None
        self._finding.add(fullname)
        try:
            spec = self._found(fullname, path, target)
        finally:
            self._finding.discard(fullname)
        if spec is not None and spec.loader is not None and hasattr(spec.loader, "exec_module"):
            spec.loader = _Loader(spec.loader)
        return spec

    def _found(
        self, fullname: str, path: Sequence[str] | None, target: types.ModuleType | None
    ) -> ModuleSpec | None:
        for finder in sys.meta_path:
            find_spec = getattr(finder, "find_spec", None)
            if finder is self or find_spec is None:
                continue
            spec: ModuleSpec | None = find_spec(fullname, path, target)
            if spec is not None:
                return spec
        return None


def _hypothesis_setup_hook() -> None:
    """Register a strategy for each class in :data:`TYPES` (``st.register_type_strategy``): now
    for the modules already imported, and for the others when they are imported."""
    if not any(isinstance(finder, _Finder) for finder in sys.meta_path):
        sys.meta_path.insert(0, _Finder())
    for name in _NAMES:
        module = sys.modules.get(name)
        if module is not None:
            _register(module)
