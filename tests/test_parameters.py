"""Dated policy parameters."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from decimal import Decimal

import pytest

import post65.parameters
from post65.errors import InvalidParameter, Post65Error, UnknownParameter
from post65.parameter_table import READINGS, TABLE, WITHOUT_DEFAULT
from post65.parameters import DEFAULTS, Parameter, Parameters


def test_defaults_are_dated_and_sourced() -> None:
    params = Parameters()
    assert params.get("a.admin_cost_share", dt.date(2024, 1, 1)) == Decimal("0.05")
    assert params.get("a.admin_cost_share", dt.date(2023, 12, 31)) is None
    assert params.get("p65.report_max_pages", dt.date(2030, 1, 1)) == 3
    for versions in DEFAULTS.values():
        for p in versions:
            assert p.source
            assert p.certainty in ("R", "S", "P", "?")


def test_unknown_parameters_have_no_invented_default() -> None:
    assert Parameters().get("no.such.parameter", dt.date(2024, 1, 1)) is None


def test_overrides_win_for_every_date() -> None:
    params = Parameters().with_overrides(
        {"a.admin_cost_share": Decimal("0.04"), "b.population_decline_min": Decimal("0.07")}
    )
    assert params.get("a.admin_cost_share", dt.date(2024, 1, 1)) == Decimal("0.04")
    assert params.get("b.population_decline_min", dt.date(1999, 1, 1)) == Decimal("0.07")
    assert Parameters().get("a.admin_cost_share", dt.date(2024, 1, 1)) == Decimal("0.05")


@pytest.mark.parametrize("bad", [0.05, True, "0.05", Decimal("NaN")])
def test_overrides_refuse_non_numbers(bad: object) -> None:
    with pytest.raises(InvalidParameter) as info:
        Parameters().override("a.admin_cost_share", bad)  # type: ignore[arg-type]
    assert isinstance(info.value, Post65Error)


def test_later_versions_take_over_on_their_date(monkeypatch: pytest.MonkeyPatch) -> None:
    def version(value: int, year: int) -> Parameter:
        return Parameter("test.dated", Decimal(value), dt.date(year, 1, 1), "n", "call", "1", "?")

    table = post65.parameters._by_name([*TABLE, version(2, 2025), version(1, 2020)])
    monkeypatch.setattr(post65.parameters, "DEFAULTS", table)
    params = Parameters()
    assert params.get("test.dated", dt.date(2019, 12, 31)) is None
    assert params.get("test.dated", dt.date(2024, 6, 1)) == 1
    assert params.get("test.dated", dt.date(2025, 1, 1)) == 2


def test_a_fresh_interpreter_knows_every_parameter() -> None:
    """The table is explicit: no module needs importing for Parameters() to know a parameter."""
    code = (
        "import datetime, sys\n"
        "from post65.parameters import Parameters\n"
        "p = Parameters()\n"
        "print(p.get('c.public_share_max', datetime.date(2024, 6, 1)), sorted(p.known()))\n"
        "print(sorted(m for m in sys.modules if m.startswith('post65.schemes')))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    names = sorted({p.name for p in TABLE} | set(WITHOUT_DEFAULT) | {r.name for r in READINGS})
    assert out == [f"0.75 {names}", "[]"]


def test_every_parameter_a_rule_reads_is_in_the_table() -> None:
    """Each ``ctx.param("...")`` in the rule modules names a parameter of the table."""
    import re
    from pathlib import Path

    src = Path(post65.parameters.__file__).parent
    read = {
        name
        for path in src.rglob("*.py")
        for name in re.findall(r'param\(\s*"([a-z0-9_.]+)"', path.read_text("utf-8"))
    }
    assert read
    assert read <= set(DEFAULTS) | set(WITHOUT_DEFAULT)


def test_parse_assignment() -> None:
    from post65.parameters import parse_assignment

    assert parse_assignment("a.admin_cost_share=0.04") == ("a.admin_cost_share", Decimal("0.04"))
    assert parse_assignment(" a.guidance_min_months = 6 ") == ("a.guidance_min_months", Decimal(6))
    for bad in (
        "a.admin_cost_share",
        "=1",
        "nope=1",
        "a.admin_cost_share=1e5",
        "a.admin_cost_share=",
    ):
        with pytest.raises(InvalidParameter):
            parse_assignment(bad)


def test_a_reading_parameter_selects_one_of_its_choices() -> None:
    from post65.parameters import READINGS, parse_assignment

    params = Parameters()
    for name, reading in READINGS.items():
        assert params.reading(name) == reading.default == reading.choices[0]
        for choice in reading.choices:
            assert params.override(name, choice).reading(name) == choice
            assert parse_assignment(f"{name}={choice}") == (name, choice)
        with pytest.raises(InvalidParameter) as caught:
            params.override(name, "no_such_reading")
        assert all(c in caught.value.text("en") for c in reading.choices)
        with pytest.raises(InvalidParameter):
            params.override(name, Decimal(1))
        # a reading is not a number: get() never returns it
        assert params.override(name, reading.choices[-1]).get(name, dt.date(2024, 1, 1)) is None
    with pytest.raises(UnknownParameter):
        params.reading("reading.a-9.9")
    with pytest.raises(UnknownParameter):
        params.reading("a.admin_cost_share")


def test_every_interpretation_with_a_parameter_matches_its_reading() -> None:
    from post65.catalogue import RULES
    from post65.parameters import READINGS

    for r in RULES:
        for i in r.interpretations:
            if i.parameter is None:
                continue
            reading = READINGS[i.parameter]
            assert reading.rule == r.id, (r.id, i.id)
            assert reading.default == i.id, (r.id, i.id)
            assert reading.choices == (i.id, *(a.id for a in i.alternatives)), (r.id, i.id)


def test_every_reading_with_alternatives_is_selected_by_a_parameter() -> None:
    """Issue 12: where a reasonable reader could read a rule otherwise, the alternatives are
    listed with the parameter that selects one; and every reading parameter is some rule's."""
    from post65.catalogue import RULES
    from post65.parameters import READINGS

    used = set()
    for r in RULES:
        for i in r.interpretations:
            assert (i.parameter is not None) == bool(i.alternatives), (r.id, i.id)
            if i.parameter is not None:
                used.add(i.parameter)
    assert used == set(READINGS)


def test_every_alternative_reading_has_a_scenario() -> None:
    """Issue 12: a scenario per alternative, selecting it with ``options.parameters``."""
    import json
    from pathlib import Path

    from post65.parameters import READINGS

    root = Path(__file__).resolve().parent / "scenarios"
    selected = set()
    for path in root.rglob("*.scenario.json"):
        options = json.loads(path.read_text(encoding="utf-8")).get("options", {})
        selected |= set(options.get("parameters", {}).items())
    missing = [
        (name, choice)
        for name, reading in READINGS.items()
        for choice in reading.choices[1:]
        if (name, choice) not in selected
    ]
    assert missing == []
