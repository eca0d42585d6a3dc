"""Wrong values are refused with a Post65Error, never a crash (issue 10, points 3, 7 and 8).

The command-line tests run with ``POST65_DEBUG=1`` (set in conftest), so an internal error
raises instead of becoming the safety net's exit 2: every exit 2 here is a located refusal.
"""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
import io
import json
import os
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import post65
from post65.allocation import Lowest, allocate, compare
from post65.cli import main
from post65.errors import (
    InvalidArgument,
    InvalidDocument,
    InvalidIndex,
    InvalidParameter,
    Post65Error,
    UnknownParameter,
)
from post65.funds import Funds, Receipt, SchemeId, Split
from post65.ledger import Ledger
from post65.parameters import Parameters, check_value
from post65.report import build_report

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
PORTFOLIO = EXAMPLES / "nordland-2024.portfolio.json"
INDEX = EXAMPLES / "illustrative-index.csv"
B_PARAMS = ("--param", "b.population_decline_min=0.05", "--param", "b.employment_decline_min=0.05")


def cli(*argv: str) -> tuple[int, str, str]:
    assert os.environ.get("POST65_DEBUG") == "1"  # internal errors raise, not exit 2
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


def _edited(name: str, tmp_path: Path, edit: Callable[[str, Any], Any]) -> Path:
    """A copy of the example ``name`` with every key's value replaced where ``edit`` says."""

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for key, value in list(node.items()):
                new = edit(key, value)
                if new is None:
                    walk(value)
                else:
                    node[key] = new
        elif isinstance(node, list):
            for item in node:
                walk(item)

    data = copy.deepcopy(json.loads((EXAMPLES / name).read_text(encoding="utf-8")))
    walk(data)
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


# --------------------------------------------------------------------------------------------
# Point 3: no internal error on any document that loads


def test_a_grant_in_year_1_is_judged(tmp_path: Path) -> None:
    path = _edited(
        "innlandet-2024-application.json",
        tmp_path,
        lambda k, v: "0001-06-01" if k == "granted" else None,
    )
    code, out, err = cli("check", str(path), *B_PARAMS, "--format", "json", "--lang", "en")
    assert code in (0, 1), err
    b5 = json.loads(out)["findings"]["B-5"]
    assert b5
    assert all(f["outcome"] in ("met", "not_met", "undetermined") for f in b5)


def test_a_status_decided_in_9999_is_judged(tmp_path: Path) -> None:
    path = _edited(
        "innlandet-2024-programme.json",
        tmp_path,
        lambda k, v: {"decided": "9999-05-15", "decided_by": "KDD"} if k == "status" else None,
    )
    code, out, err = cli("check", str(path), "--format", "json")
    assert code in (0, 1), err
    assert json.loads(out)["findings"]


@pytest.mark.parametrize("document", ["application", "applications"])
@pytest.mark.parametrize("field", ["population_from", "employment_to"])
def test_huge_decline_figures_are_refused_with_their_pointer(
    document: str, field: str, tmp_path: Path
) -> None:
    path = _edited(
        f"innlandet-2024-{document}.json",
        tmp_path,
        lambda k, v: 1000000000000000000000000000000 if k == field else None,
    )
    code, _, err = cli("check", str(path), *B_PARAMS, "--lang", "en")
    assert code == 2
    assert f"/decline/{field}: the figure is larger than any municipality can have" in err


def test_the_largest_allowed_decline_figure_is_judged(tmp_path: Path) -> None:
    path = _edited(
        "innlandet-2024-applications.json",
        tmp_path,
        lambda k, v: 10**9 if k == "population_from" else None,
    )
    code, _, err = cli("check", str(path), *B_PARAMS)
    assert code in (0, 1), err


@pytest.mark.parametrize(
    "assignment",
    [
        "a.admin_cost_share=99999999999999999999999",
        "a.admin_cost_share=-0.01",
        "a.admin_cost_share=1.01",
        "p65.report_max_pages=0",
        "a.guidance_min_months=2.5",
        "b.decline_years=0",
        "c.status_max_years=1000000",
        "stateaid.eur_nok_rate=0",
    ],
)
def test_out_of_range_parameters_exit_2_on_the_command_line(assignment: str) -> None:
    code, _, err = cli("check", str(PORTFOLIO), "--param", assignment, "--lang", "en")
    assert code == 2
    assert assignment.partition("=")[0] in err


# --------------------------------------------------------------------------------------------
# Point 7: parameters are checked in the API


def test_an_unknown_parameter_names_the_nearest() -> None:
    with pytest.raises(UnknownParameter) as info:
        Parameters().override("a.admin_cost_shar", Decimal("0.04"))
    assert info.value.suggestions[0] == "a.admin_cost_share"
    assert "a.admin_cost_share" in info.value.message("nb")
    assert isinstance(info.value, KeyError)
    assert isinstance(info.value, ValueError)
    assert isinstance(info.value, post65.UnknownParameter)


def test_unknown_names_are_refused_at_every_door() -> None:
    with pytest.raises(UnknownParameter):
        Parameters({"x.new": Decimal(7)})
    with pytest.raises(UnknownParameter):
        Parameters().with_overrides({"x.new": 7})


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("a.admin_cost_share", 1),  # an int share: a percentage by mistake
        ("a.admin_cost_share", Decimal("1.5")),
        ("a.admin_cost_share", Decimal("-0.01")),
        ("c.public_share_max", Decimal("99999999999999999999999")),
        ("b.population_decline_min", 5),
        ("p65.report_max_pages", 0),
        ("p65.report_max_pages", Decimal("2.5")),
        ("b.decline_years", 0),
        ("c.status_max_years", 10**40),
        ("a.guidance_min_months", -1),
        ("stateaid.eur_nok_rate", 0),
        ("stateaid.eur_nok_rate", Decimal(-11)),
        ("stateaid.de_minimis_limit_eur.2023_2831", 0),
        ("stateaid.de_minimis_change_date", 2024),
        ("a.admin_cost_share", Decimal("Infinity")),
        ("a.admin_cost_share", 0.05),
        ("a.admin_cost_share", "0.05"),
        ("a.admin_cost_share", True),
    ],
)
def test_parameter_values_are_typed_and_range_checked(name: str, value: object) -> None:
    with pytest.raises(InvalidParameter) as info:
        Parameters().override(name, value)  # type: ignore[arg-type]
    assert name in info.value.message("en")
    assert name in info.value.message("nb")
    with pytest.raises(InvalidParameter):
        Parameters({name: value})  # type: ignore[dict-item]


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("a.admin_cost_share", Decimal(0)),
        ("a.admin_cost_share", Decimal(1)),
        ("p65.report_max_pages", 1),
        ("b.decline_years", 1),
        ("a.guidance_min_months", 0),
        ("stateaid.eur_nok_rate", Decimal("11.65")),
        ("stateaid.de_minimis_change_date", 20241111),
    ],
)
def test_parameter_values_at_the_limits_are_kept(name: str, value: Decimal | int) -> None:
    assert Parameters().override(name, value).get(name, dt.date(2024, 6, 1)) == value
    assert check_value(name, value) == value


def test_parameters_takes_a_mapping() -> None:
    with pytest.raises(InvalidArgument):
        Parameters(1.5)  # type: ignore[arg-type]


# --------------------------------------------------------------------------------------------
# Point 8: public functions refuse wrong values


def _allocation() -> post65.Allocation:
    return allocate(post65.nok(1_000_000), post65.read_index(INDEX), Lowest(100))


def _indicators(**last: object) -> dict[str, post65.Indicators]:
    out = {
        "0301": post65.Indicators(1, 2, 3, 4),
        "1101": post65.Indicators(2, 1, 5, 3),
        "1103": post65.Indicators(7, 3, 1, 1),
    }
    if last:
        out["1103"] = post65.Indicators(**{"centrality": 7, **last})
    return out


CASES: dict[str, tuple[Callable[[], object], type[BaseException]]] = {
    "check(123)": (lambda: post65.check(123), InvalidArgument),
    "check(parameters=1.5)": (
        lambda: post65.check(post65.load(PORTFOLIO), parameters=1.5),  # type: ignore[arg-type]
        InvalidArgument,
    ),
    "build_report(an allocation)": (lambda: build_report(_allocation()), InvalidArgument),  # type: ignore[arg-type]
    'compare("x", a)': (lambda: compare("x", _allocation()), InvalidArgument),  # type: ignore[arg-type]
    'compare(a, "x")': (lambda: compare(_allocation(), "x"), InvalidArgument),  # type: ignore[arg-type]
    "compute_index(1E+999999)": (
        lambda: post65.compute_index(
            _indicators(
                population_growth=Decimal("1E+999999"), employment_growth=1, business_diversity=1
            )
        ),
        InvalidParameter,
    ),
    "compute_index(places=48)": (
        lambda: post65.compute_index(_indicators(), places=48),
        InvalidParameter,
    ),
    "compute_index(places=-1)": (
        lambda: post65.compute_index(_indicators(), places=-1),
        InvalidParameter,
    ),
    "Split.shares(30)": (
        lambda: Split(post65.nok(1), post65.nok(1), post65.nok(1), "x").shares(30),
        InvalidParameter,
    ),
    "Ledger.balance(year=NaN)": (
        lambda: Ledger().balance(SchemeId.A, year=Decimal("NaN")),  # type: ignore[arg-type]
        InvalidParameter,
    ),
    "Ledger.received(up_to=True)": (
        lambda: Ledger().received(SchemeId.A, up_to=True),
        InvalidParameter,
    ),
    'Ledger.balance("d")': (
        lambda: Ledger().balance("d", 2024),  # type: ignore[arg-type]
        InvalidParameter,
    ),
    'load("a\\0b")': (lambda: post65.load("a\0b.json"), InvalidDocument),
    'read_index("a\\0b")': (lambda: post65.read_index("a\0b.csv"), InvalidIndex),
    'read_population("a\\0b")': (
        lambda: post65.read_population(Path("a\0b.csv")),
        InvalidIndex,
    ),
    'rules("x")': (lambda: post65.rules("x"), InvalidParameter),  # type: ignore[arg-type]
    "Parameters(1.5)": (lambda: Parameters(1.5), InvalidArgument),  # type: ignore[arg-type]
    "Receipt(True, …)": (
        lambda: Receipt(True, 2024, post65.nok(1)),  # type: ignore[arg-type]
        InvalidParameter,
    ),
    'Receipt("d", …)': (
        lambda: Receipt("d", 2024, post65.nok(1)),
        InvalidParameter,
    ),
}


@pytest.mark.parametrize(("call", "expected"), CASES.values(), ids=CASES.keys())
def test_public_functions_refuse_wrong_values(
    call: Callable[[], object], expected: type[BaseException]
) -> None:
    with pytest.raises(expected) as info:
        call()
    assert isinstance(info.value, Post65Error)
    assert info.value.message("nb")
    assert info.value.message("en")


def test_wrong_types_are_also_type_errors() -> None:
    with pytest.raises(TypeError):
        post65.check(123)
    with pytest.raises(TypeError):
        build_report(_allocation())  # type: ignore[arg-type]


def test_a_receipt_for_scheme_a_written_as_text_is_booked_under_scheme_a() -> None:
    receipt = Receipt("a", 2024, post65.nok(1_000))
    assert receipt.scheme is SchemeId.A
    funds = Funds(received=(receipt,))
    assert funds.received_total(SchemeId.A) == post65.nok(1_000)
    assert funds.received_total("a") == post65.nok(1_000)  # type: ignore[arg-type]
    ledger = Ledger.from_funds(funds)
    assert ledger.balance(SchemeId.A, 2024) == post65.nok(1_000)
    assert ledger.received("a", 2024) == post65.nok(1_000)  # type: ignore[arg-type]


def test_rules_takes_every_known_scheme() -> None:
    assert {r.scheme for r in post65.rules()} == {"a", "b", "c", "p65"}
    for scheme in ("a", "b", "c", "p65"):
        assert post65.rules(scheme)
    assert post65.rules(SchemeId.B) == post65.rules("b")  # type: ignore[arg-type]


def test_split_shares_keeps_its_range() -> None:
    split = Split(post65.nok(1), post65.nok(1), post65.nok(1), "x")
    assert split.shares(0)[SchemeId.A] == 0
    assert split.shares(20)[SchemeId.A] == Decimal("0.33333333333333333333")


@pytest.mark.parametrize(
    "argv",
    [
        ("check", "a\0b.json"),
        ("check", str(PORTFOLIO), "--index", "x\0y.csv", "--lowest", "5"),
        ("report", "a\0b.json"),
        ("allocate", "--amount", "1000", "--index", "x\0y.csv", "--lowest", "5"),
    ],
)
def test_a_path_with_nul_exits_2_on_the_command_line(argv: tuple[str, ...]) -> None:
    code, _, err = cli(*argv, "--lang", "en")
    assert code == 2
    assert "NUL character" in err
