"""``post65.strategies``: valid documents load and round-trip, invalid ones are refused, and the
strategies are registered with Hypothesis for post65's own types."""

from __future__ import annotations

import contextlib
import importlib
import importlib.metadata
import io
import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import post65
from post65 import strategies
from post65._hypothesis import TYPES
from post65.cli import main
from post65.errors import InvalidDocument
from post65.geography import register
from post65.io import document_kinds, dump, load, to_json
from post65.money import Money
from post65.stateaid import Organisasjonsnummer, is_organisasjonsnummer

KINDS = sorted(strategies.STRATEGIES)


def test_every_document_kind_has_a_strategy_and_refusals() -> None:
    kinds = {k.name for k in document_kinds()}
    assert set(strategies.STRATEGIES) == kinds
    assert set(strategies.REFUSALS) <= kinds


@pytest.mark.parametrize("kind", KINDS)
@given(data=st.data())
def test_valid_documents_load_and_round_trip(kind: str, data: st.DataObject) -> None:
    document = data.draw(strategies.documents(kind))
    text = dump(document)
    assert json.loads(text)["kind"] == kind
    again = load(text)
    assert again == document
    assert dump(again) == text


@pytest.mark.parametrize("kind", KINDS)
@given(data=st.data())
def test_invalid_documents_are_refused_with_located_problems(
    kind: str, data: st.DataObject
) -> None:
    document = data.draw(strategies.invalid_documents(kind))
    with pytest.raises(InvalidDocument) as info:
        load(json.dumps(document, ensure_ascii=False))
    assert info.value.problems
    for problem in info.value.problems:
        assert problem.where == "" or problem.where.startswith("/")
        assert problem.nb
        assert problem.en


@given(strategies.portfolios(valid=False))
def test_invalid_portfolios_make_the_check_command_exit_2(
    tmp_path_factory: pytest.TempPathFactory, document: dict[str, Any]
) -> None:
    path = tmp_path_factory.mktemp("invalid") / "portfolio.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["check", str(path), "--lang", "en"])
    assert code == 2
    assert out.getvalue() == ""
    assert "problem" in err.getvalue()
    assert "Traceback" not in err.getvalue()


@given(strategies.amounts(-5, 10**6))
def test_amounts_are_exact_and_bounded(amount: Money) -> None:
    magnitude = amount.magnitude
    assert isinstance(magnitude, Decimal | int)
    assert not isinstance(magnitude, bool | float)
    assert Decimal(-5) <= Decimal(magnitude) <= Decimal(10**6)
    assert Decimal(magnitude) == Decimal(magnitude).quantize(Decimal("0.01"))
    assert str(amount.units) == "NOK"


@given(strategies.amounts(ore=False))
def test_whole_kroner_have_no_ore(amount: Money) -> None:
    assert Decimal(amount.magnitude) == Decimal(amount.magnitude).to_integral_value()


@given(strategies.kommunenummer(), strategies.invalid_kommunenummer())
def test_kommunenummer_valid_and_invalid(good: str, bad: str) -> None:
    reg = register(2024)
    assert good in reg
    assert bad not in reg
    assert bad not in {f.fylkesnummer for f in reg.counties}
    with pytest.raises(post65.UnknownMunicipality):
        reg.municipality(bad)


@given(strategies.kommunenummer("18"))
def test_kommunenummer_of_a_county(nr: str) -> None:
    assert register(2024).municipality(nr).fylkesnummer == "18"


@given(strategies.organisasjonsnummer())
def test_organisasjonsnummer_has_its_check_digit(value: str) -> None:
    assert is_organisasjonsnummer(value)
    assert Organisasjonsnummer(value).value == value


@given(strategies.district_indexes(max_size=30))
def test_district_indexes_are_in_range(index: post65.DistrictIndex) -> None:
    assert 1 <= len(index.scores) <= 30
    assert all(0 <= score <= 100 for score in index.scores.values())
    assert set(index.scores) <= {k.kommunenummer for k in register(2024)}


@given(strategies.index_files())
def test_valid_index_files_are_read(data: bytes) -> None:
    text = data.decode("utf-8-sig")
    rows = [line for line in text.splitlines()[1:] if line.strip()]
    index = post65.read_index(data)
    assert len(index.scores) == len(rows)


@given(data=st.data())
def test_selections_pick_from_the_index(data: st.DataObject) -> None:
    index = data.draw(strategies.district_indexes())
    selection = data.draw(strategies.selections(index))
    allocation = post65.allocate(1_000_000, index, selection)
    assert allocation.municipalities
    assert sum(c.units for c in allocation.counties) == 1_000_000


@given(strategies.allocations())
def test_allocations_meet_a_3_1(allocation: post65.Allocation) -> None:
    result = post65.check(allocation)
    assert {f.outcome.value for f in result.for_rule("A-3.1")} == {"met"}


def test_the_entry_point_is_registered() -> None:
    entries = importlib.metadata.entry_points(group="hypothesis")
    assert "post65._hypothesis:_hypothesis_setup_hook" in {e.value for e in entries}


@pytest.mark.parametrize(("module", "name"), TYPES)
@given(data=st.data())
def test_from_type_gives_post65_types(module: str, name: str, data: st.DataObject) -> None:
    cls = getattr(importlib.import_module(module), name)
    assert isinstance(data.draw(st.from_type(cls)), cls)


@given(st.from_type(post65.Portfolio))
def test_from_type_portfolio_round_trips(portfolio: post65.Portfolio) -> None:
    assert load(dump(portfolio)) == portfolio


def test_only_post65_types_are_registered() -> None:
    from hypothesis.strategies._internal import types as hypothesis_types

    registered = getattr(hypothesis_types, "_global_type_lookup", None)
    if registered is None:  # pragma: no cover - Hypothesis keeps its registry elsewhere
        pytest.skip("this Hypothesis keeps its type registry elsewhere")
    ours = [t for t in registered if getattr(t, "__module__", "").startswith("post65")]
    assert sorted(f"{t.__module__}.{t.__name__}" for t in ours) == sorted(
        f"{m}.{n}" for m, n in TYPES
    )


def _python(code: str) -> str:
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, check=True)
    return proc.stdout.decode().strip()


def test_hypothesis_is_not_imported_by_post65_nor_strategies_by_hypothesis() -> None:
    assert _python("import sys, post65; print('hypothesis' in sys.modules)") == "False"
    assert _python("import sys, hypothesis; print('post65.strategies' in sys.modules)") == "False"


def test_to_json_of_a_generated_document_is_plain_json() -> None:
    @given(strategies.documents())
    def check(document: object) -> None:
        data = to_json(document)
        assert json.loads(json.dumps(data)) == data

    check()


def test_every_type_reachable_from_the_document_kinds_has_a_strategy() -> None:
    from post65._hypothesis import reachable

    reached = set(reachable(kind.cls for kind in document_kinds()))
    assert post65.Portfolio in reached
    assert post65.Organisation in reached  # the walk goes deep: a field of a field of a portfolio
    assert reached <= set(strategies.TYPES), sorted(map(str, reached - set(strategies.TYPES)))


def test_the_entry_point_registers_exactly_the_types_the_strategies_give() -> None:
    registered = {getattr(importlib.import_module(module), name) for module, name in TYPES}
    assert registered == set(strategies.TYPES)


_INVENTED = """
from __future__ import annotations

import attrs

from post65.measures import Measure


@attrs.frozen
class Inner:
    value: int


@attrs.frozen
class Outer:
    inner: tuple[Inner, ...]
    maybe: Measure | None = None
"""


def test_a_type_without_a_strategy_is_found(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import importlib.util

    from post65._hypothesis import reachable

    path = Path(str(tmp_path)) / "invented.py"
    path.write_text(_INVENTED, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("post65.invented", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "post65.invented", module)
    spec.loader.exec_module(module)
    outer, inner = module.Outer, module.Inner
    found = set(reachable([outer]))
    assert {outer, inner, post65.Measure, post65.Organisation} <= found
    assert found - set(strategies.TYPES) == {outer, inner}


def test_the_strategies_package_has_small_modules() -> None:
    package = Path(strategies.__file__).parent
    sizes = {p.name: len(p.read_text(encoding="utf-8").splitlines()) for p in package.glob("*.py")}
    assert len(sizes) >= 8
    assert max(sizes.values()) <= 500, sizes


def test_importing_the_strategies_without_hypothesis_says_how_to_install_it() -> None:
    code = (
        "import sys\n"
        "sys.modules['hypothesis'] = None\n"
        "try:\n"
        "    import post65.strategies\n"
        "except ImportError as error:\n"
        "    print(error)\n"
    )
    assert "pip install 'post65[hypothesis]'" in _python(code)
    without = "import sys; sys.modules['hypothesis'] = None; import post65; print(post65.load)"
    assert _python(without).startswith("<function load")
