"""The ``hypothesis`` entry point (:mod:`post65._hypothesis`) stays light and still registers.

Every ``import hypothesis`` where post65 is installed runs the hook, so it must not import
post65's modules (nor pint): it registers the classes of a module already imported at once, and
of a module imported later when it is imported. Each check runs in a fresh interpreter, where
the hook runs as Hypothesis runs it. The times are not tested (no timed tests); the figures are
in the change's report.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from post65._hypothesis import LIGHT, TYPES, derived_types

MODULES = sorted({module for module, _ in TYPES})

_REGISTERED = """
import json, sys
from hypothesis.strategies._internal import types
from post65._hypothesis import _resolve
ours = {t: s for t, s in types._global_type_lookup.items() if t.__module__.startswith("post65")}
print(json.dumps({
    "registered": sorted([t.__module__, t.__qualname__] for t in ours),
    "resolved_by_post65": all(s is _resolve for s in ours.values()),
    "strategies_imported": "post65.strategies" in sys.modules,
    "loaders": sorted({type(sys.modules[m].__loader__).__name__ for m in MODULES}),
}))
"""


def _run(code: str) -> dict[str, object]:
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, check=True)
    result: dict[str, object] = json.loads(proc.stdout.decode().strip().splitlines()[-1])
    return result


def _registered(before: str, after: str) -> dict[str, object]:
    return _run(f"MODULES = {MODULES!r}\nimport importlib\n{before}\n{after}\n{_REGISTERED}")


def _lookup_is_there() -> None:
    from hypothesis.strategies._internal import types

    if not hasattr(types, "_global_type_lookup"):  # pragma: no cover - another Hypothesis
        pytest.skip("this Hypothesis keeps its type registry elsewhere")


def test_the_declared_types_are_the_derived_ones() -> None:
    """``TYPES`` is a table (the hook cannot derive it without importing the classes); it must
    be what the walk through the document kinds and ``values()`` finds."""
    derived = derived_types()
    assert derived == TYPES, "TYPES must be:\n" + "\n".join(f"    {t!r}," for t in derived)


def test_importing_hypothesis_loads_only_the_light_post65_modules() -> None:
    code = (
        "import json, sys, hypothesis\n"
        "print(json.dumps(sorted(m for m in sys.modules if m == 'pint' or m.startswith("
        "('post65.', 'pint.')) or m == 'post65')))"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, check=True)
    loaded = set(json.loads(proc.stdout.decode()))
    assert "post65._hypothesis" in loaded  # the hook ran
    assert loaded <= LIGHT, sorted(loaded - LIGHT)


@pytest.mark.parametrize("hypothesis_first", [True, False])
def test_modules_imported_after_or_before_hypothesis_are_registered(
    hypothesis_first: bool,
) -> None:
    _lookup_is_there()
    hypothesis, modules = "import hypothesis", "for m in MODULES:\n    importlib.import_module(m)"
    result = (
        _registered(hypothesis, modules) if hypothesis_first else _registered(modules, hypothesis)
    )
    assert result["registered"] == [list(t) for t in TYPES]
    assert result["resolved_by_post65"] is True
    assert result["strategies_imported"] is False
    if hypothesis_first:
        assert result["loaders"] == ["SourceFileLoader"]  # the hook's loader stepped aside


def test_from_type_works_without_importing_the_strategies() -> None:
    """As a user's test does it: Hypothesis, then a post65 class, then ``st.from_type``; the
    strategies are imported when the first example is drawn."""
    code = (
        "import json, sys\n"
        "from hypothesis import given, settings, strategies as st\n"
        "from post65 import Portfolio, Programme\n"
        "imported = 'post65.strategies' in sys.modules\n"
        "seen = []\n"
        "@settings(max_examples=3, database=None)\n"
        "@given(st.from_type(Portfolio), st.from_type(Programme))\n"
        "def check(portfolio, programme):\n"
        "    seen.append((type(portfolio).__name__, type(programme).__name__))\n"
        "check()\n"
        "print(json.dumps({'before': imported, 'after': 'post65.strategies' in sys.modules,\n"
        "                  'seen': sorted(set(seen))}))\n"
    )
    result = _run(code)
    assert result == {"before": False, "after": True, "seen": [["Portfolio", "Programme"]]}
