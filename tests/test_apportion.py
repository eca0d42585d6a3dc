"""Exact apportionment: hand-computed cases, the one-at-a-time definition, and the properties."""

from __future__ import annotations

import doctest
import importlib
import itertools
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

import post65
from post65.apportion import Method, apportion, quotas
from post65.errors import InvalidParameter, Post65Error

METHODS = [m.value for m in Method]
DIVISOR_METHODS = [Method.SAINTE_LAGUE.value, Method.DHONDT.value]


# ---------------------------------------------------------------------------------------------
# References, straight from the definitions in cli.md (slow, obviously right)


def reference(units: int, weights: dict[str, int], method: str) -> dict[str, int]:
    total = sum(weights.values())
    if units == 0:
        return dict.fromkeys(sorted(weights), 0)
    if method == "largest-remainder":
        quota = {k: Fraction(units * w, total) for k, w in weights.items()}
        seats = {k: q.numerator // q.denominator for k, q in quota.items()}
        left = units - sum(seats.values())
        order = sorted(weights, key=lambda k: (-(quota[k] - seats[k]), -weights[k], k))
        for k in order[:left]:
            seats[k] += 1
        return {k: seats[k] for k in sorted(seats)}
    step = 2 if method == "sainte-lague" else 1
    seats = dict.fromkeys(weights, 0)
    for _ in range(units):
        best = min(
            weights, key=lambda k: (-Fraction(weights[k], step * seats[k] + 1), -weights[k], k)
        )
        seats[best] += 1
    return {k: seats[k] for k in sorted(seats)}


keys = st.sampled_from([f"{i:02d}" for i in range(1, 40)])
# Small weights make ties (equal remainders, equal priorities) common.
weight_values = st.integers(0, 6) | st.integers(0, 2000)
weight_maps = st.dictionaries(keys, weight_values, min_size=1, max_size=9).filter(
    lambda d: sum(d.values()) > 0
)


# ---------------------------------------------------------------------------------------------
# Hand-computed cases


def test_docstrings_run() -> None:
    # post65.apportion is the function (it shadows its module on the package).
    module = importlib.import_module("post65.apportion")
    assert post65.apportion is apportion
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
    assert result.attempted > 0


def test_largest_remainder_by_hand() -> None:
    # q = 10·(5, 3, 2)/10·... with P = 1000, U = 7: q = 3.5, 2.1, 1.4 → floors 3, 2, 1 (6);
    # the one unit left goes to the largest remainder, 0.5 (county 18).
    assert apportion(7, {"18": 500, "15": 300, "46": 200}) == {"15": 2, "18": 4, "46": 1}


def test_largest_remainder_tie_goes_to_larger_population_then_lower_number() -> None:
    # U = 1, weights 2, 1, 1 of P = 4: quotas 0.5, 0.25, 0.25. One unit: largest remainder 0.5.
    assert apportion(1, {"03": 1, "11": 2, "15": 1}) == {"03": 0, "11": 1, "15": 0}
    # U = 2, weights 1, 1, 1, 1: every remainder is 0.5; equal populations → lower numbers.
    assert apportion(2, {"56": 1, "03": 1, "18": 1, "11": 1}) == {
        "03": 1,
        "11": 1,
        "18": 0,
        "56": 0,
    }
    # U = 1, weights 3 and 1 of P = 4 with U = 2: quotas 1.5 and 0.5, equal remainders 0.5:
    # the larger population (3) wins over the lower number ("01").
    assert apportion(2, {"01": 1, "02": 3}) == {"01": 0, "02": 2}


def test_dhondt_by_hand() -> None:
    # Priorities 500, 250, 166.7, 125 | 300, 150, 100 | 200, 100: the first 7 are
    # 500, 300, 250, 200, 166.7, 150, 125.
    assert apportion(7, {"18": 500, "15": 300, "46": 200}, "dhondt") == {
        "15": 2,
        "18": 4,
        "46": 1,
    }


def test_sainte_lague_by_hand_with_a_tie() -> None:
    # d = 1, 3, 5, 7: 500, 166.7, 100, 71.4 | 300, 100, 60 | 200, 66.7. Order: 500, 300, 200,
    # 166.7, then 100 (18) and 100 (15) tie: the larger population (18) first (the lower
    # number, 15, would win if the tie went by number); 7th: 71.4 (18).
    assert apportion(5, {"18": 500, "15": 300, "46": 200}, "sainte-lague") == {
        "15": 1,
        "18": 3,
        "46": 1,
    }
    assert apportion(6, {"18": 500, "15": 300, "46": 200}, "sainte-lague") == {
        "15": 2,
        "18": 3,
        "46": 1,
    }
    assert apportion(7, {"18": 500, "15": 300, "46": 200}, "sainte-lague") == {
        "15": 2,
        "18": 4,
        "46": 1,
    }


def test_divisor_tie_on_equal_populations_goes_to_the_lower_number() -> None:
    for method in DIVISOR_METHODS:
        assert apportion(3, {"46": 7, "15": 7}, method) == {"15": 2, "46": 1}


def test_a_billion_kroner_with_fifteen_counties() -> None:
    weights = {f"{i:02d}": w for i, w in enumerate([717_710, 5_000, 243_081, 1, 0, 99_999], 1)}
    for method in METHODS:
        result = apportion(10**9, weights, method)
        assert sum(result.values()) == 10**9
        assert result["05"] == 0
        quota = quotas(10**9, weights)
        for key, units in result.items():
            if method == "largest-remainder":
                assert abs(units - quota[key]) < 1
            elif method == "dhondt":  # D'Hondt never gives less than the whole quota
                assert units >= int(quota[key])
    assert divisor_optimal(10**9, weights, apportion(10**9, weights, "dhondt"), 1)
    assert divisor_optimal(10**9, weights, apportion(10**9, weights, "sainte-lague"), 2)


def divisor_optimal(units: int, weights: dict[str, int], seats: dict[str, int], step: int) -> bool:
    """The divisor-method characterisation: the smallest priority handed out is at least the
    largest priority not handed out (so some divisor gives exactly these seats)."""
    given_ = [Fraction(w, step * (seats[k] - 1) + 1) for k, w in weights.items() if seats[k] > 0]
    next_ = [Fraction(w, step * seats[k] + 1) for k, w in weights.items()]
    return sum(seats.values()) == units and min(given_) >= max(next_)


def test_fraction_and_decimal_weights_are_exact() -> None:
    assert apportion(10, {"a": Fraction(1, 3), "b": Fraction(2, 3)}) == {"a": 3, "b": 7}
    assert apportion(10, {"a": Decimal("0.1"), "b": Decimal("0.3")}) == apportion(
        10, {"a": 1, "b": 3}
    )


def test_zero_units_and_zero_weights() -> None:
    assert apportion(0, {"a": 0, "b": 0}) == {"a": 0, "b": 0}
    assert apportion(0, {}) == {}
    assert apportion(5, {"a": 0, "b": 1}, "dhondt") == {"a": 0, "b": 5}


@pytest.mark.parametrize(
    ("units", "weights", "method"),
    [
        (5, {"a": 0.5}, "largest-remainder"),
        (5, {"a": -1}, "largest-remainder"),
        (5, {"a": True}, "largest-remainder"),
        (5, {"a": Decimal("NaN")}, "largest-remainder"),
        (5, {1: 1}, "largest-remainder"),
        (5, [("a", 1)], "largest-remainder"),
        (-1, {"a": 1}, "largest-remainder"),
        (1.0, {"a": 1}, "largest-remainder"),
        (True, {"a": 1}, "largest-remainder"),
        (10**19, {"a": 1}, "largest-remainder"),
        (5, {"a": 1}, "hare"),
        (5, {"a": 0}, "dhondt"),
        (5, {}, "sainte-lague"),
    ],
)
def test_bad_input_is_refused(units: object, weights: object, method: object) -> None:
    with pytest.raises(InvalidParameter) as info:
        apportion(units, weights, method)  # type: ignore[arg-type]
    assert isinstance(info.value, Post65Error)
    assert info.value.nb != info.value.en


# ---------------------------------------------------------------------------------------------
# Properties


@given(st.integers(0, 60), weight_maps, st.sampled_from(METHODS))
def test_equals_the_one_at_a_time_definition(
    units: int, weights: dict[str, int], method: str
) -> None:
    assert apportion(units, weights, method) == reference(units, weights, method)


@given(st.integers(0, 10**12), weight_maps, st.sampled_from(METHODS))
def test_amounts_sum_exactly_and_zero_weight_gets_zero(
    units: int, weights: dict[str, int], method: str
) -> None:
    result = apportion(units, weights, method)
    assert sum(result.values()) == units
    assert list(result) == sorted(weights)
    for key, w in weights.items():
        if w == 0:
            assert result[key] == 0


@given(st.integers(0, 10**12), weight_maps)
def test_largest_remainder_stays_within_one_unit_of_the_quota(
    units: int, weights: dict[str, int]
) -> None:
    result = apportion(units, weights)
    for key, quota in quotas(units, weights).items():
        assert quota - 1 < result[key] < quota + 1


@given(st.integers(1, 10**12), weight_maps, st.sampled_from(DIVISOR_METHODS))
def test_divisor_methods_are_divisor_optimal_for_large_amounts(
    units: int, weights: dict[str, int], method: str
) -> None:
    step = 2 if method == "sainte-lague" else 1
    assert divisor_optimal(units, weights, apportion(units, weights, method), step)


@given(st.integers(0, 10**9), weight_maps, st.sampled_from(METHODS), st.randoms())
def test_order_of_input_never_matters(
    units: int, weights: dict[str, int], method: str, rnd: object
) -> None:
    items = list(weights.items())
    rnd.shuffle(items)  # type: ignore[attr-defined]
    assert apportion(units, dict(items), method) == apportion(units, weights, method)


@given(st.integers(0, 10**9), weight_maps, st.sampled_from(METHODS), st.integers(2, 10**6))
def test_scaling_all_weights_changes_nothing(
    units: int, weights: dict[str, int], method: str, factor: int
) -> None:
    scaled = {k: w * factor for k, w in weights.items()}
    fractions = {k: Fraction(w, factor) for k, w in weights.items()}
    expected = apportion(units, weights, method)
    assert apportion(units, scaled, method) == expected
    assert apportion(units, fractions, method) == expected


@given(st.integers(0, 10**9), weight_maps, st.sampled_from(DIVISOR_METHODS))
def test_divisor_methods_are_house_monotone(
    units: int, weights: dict[str, int], method: str
) -> None:
    before = apportion(units, weights, method)
    after = apportion(units + 1, weights, method)
    assert all(after[k] >= before[k] for k in weights)
    assert sum(after[k] - before[k] for k in weights) == 1


# ---------------------------------------------------------------------------------------------
# Edges that mutation testing found unguarded (docs/development.md, "Mutation testing")


def test_every_small_case_equals_the_one_at_a_time_definition() -> None:
    # Exhaustive, so no edge depends on what Hypothesis happens to draw: every map of one to
    # three counties with weights 0..3 (ties everywhere) and every amount 0..6, in each method.
    checked = 0
    for size in (1, 2, 3):
        for values in itertools.product(range(4), repeat=size):
            if sum(values) == 0:
                continue
            weights = {f"{i:02d}": w for i, w in enumerate(values, 1)}
            for units in range(7):
                for method in METHODS:
                    assert apportion(units, weights, method) == reference(units, weights, method)
                    checked += 1
    assert checked == (3 + 15 + 63) * 7 * 3


def test_dhondt_tie_exactly_at_the_threshold() -> None:
    # P/U = 3/2: the entries above it are 2/1 (01) only; the tie 2/2 (01) = 1/1 (02) at 1 goes
    # to the larger population, so 01 gets both units.
    assert apportion(2, {"01": 2, "02": 1}, "dhondt") == {"01": 2, "02": 0}
    assert apportion(2, {"01": 2, "02": 1}, Method.DHONDT) == {"01": 2, "02": 0}


def test_sainte_lague_removes_over_handed_units() -> None:
    # P/2U = 7/10: the first count hands out 01: 1, 02: 2, 03: 2 (five entries for four units);
    # the last entry of the order (1/1 of county 01, the smallest priority) is taken back: that
    # was county 01's only unit.
    assert apportion(4, {"01": 1, "02": 3, "03": 3}, "sainte-lague") == {
        "01": 0,
        "02": 2,
        "03": 2,
    }
    # Three equal counties, two units: the first count gives each one; the highest number gives
    # its only unit back (the tie goes to the lower number).
    assert apportion(2, {"01": 2, "02": 2, "03": 2}, "sainte-lague") == {
        "01": 1,
        "02": 1,
        "03": 0,
    }
    # A county that keeps units after giving one back: 6/3 = 2 > 3/3 = 1 ties at 1 with 3/3.
    assert apportion(4, {"01": 1, "02": 1, "03": 4}, "sainte-lague") == {
        "01": 1,
        "02": 1,
        "03": 2,
    }


def test_the_inclusive_limit_of_ten_to_the_eighteen_units() -> None:
    for method in METHODS:
        result = apportion(10**18, {"01": 1, "02": 1, "03": 1}, method)
        assert result == {
            "01": 333333333333333334,
            "02": 333333333333333333,
            "03": 333333333333333333,
        }
    assert quotas(10**18, {"01": 1})["01"] == 10**18
    for bad in (10**18 + 1, -1):
        with pytest.raises(InvalidParameter):
            apportion(bad, {"01": 1})
        with pytest.raises(InvalidParameter):
            quotas(bad, {"01": 1})


def test_quotas_are_exact_and_all_zero_for_zero_weights() -> None:
    assert quotas(5, {"02": 0, "01": 0}) == {"01": Fraction(0), "02": Fraction(0)}
    assert list(quotas(5, {"02": 0, "01": 0})) == ["01", "02"]
    assert quotas(0, {"01": 0}) == {"01": 0}
    assert quotas(7, {"02": 1, "01": Fraction(1, 2)}) == {
        "01": Fraction(7, 3),
        "02": Fraction(14, 3),
    }
    assert list(quotas(7, {"02": 1, "01": 2})) == ["01", "02"]
    assert quotas(3, {"01": Decimal("0.5"), "02": Decimal("1.5")}) == {
        "01": Fraction(3, 4),
        "02": Fraction(9, 4),
    }


def test_zero_weights_with_units_name_the_count() -> None:
    with pytest.raises(InvalidParameter) as info:
        apportion(3, {"01": 0, "02": 0}, "sainte-lague")
    assert "3" in info.value.en
    assert apportion(0, {"02": 0, "01": 0}, "dhondt") == {"01": 0, "02": 0}


def test_sainte_lague_gives_back_two_units_of_one_county() -> None:
    # The first count hands 01 seventeen units (P/2U = 36/40); three too many in all, and two of
    # the last three entries of the order are county 01's: it gives back two.
    weights = {"01": 30, "02": 1, "03": 1, "04": 3, "05": 1}
    result = apportion(20, weights, "sainte-lague")
    assert result == {"01": 15, "02": 1, "03": 1, "04": 2, "05": 1}
    assert result == reference(20, weights, "sainte-lague")


def test_sainte_lague_gives_back_the_only_units_of_two_counties() -> None:
    # Eight units handed out for six: 03 and 05 (weight 1 each) give back their only unit, and
    # a county left with none is never asked again.
    weights = {"01": 3, "02": 3, "03": 1, "04": 3, "05": 1}
    result = apportion(6, weights, "sainte-lague")
    assert result == {"01": 2, "02": 2, "03": 0, "04": 2, "05": 0}
    assert result == reference(6, weights, "sainte-lague")


def test_sainte_lague_gives_back_in_the_order_of_the_priorities() -> None:
    # County 03 gives back a unit, and its next-to-last entry (20/25) must then compete at its
    # own priority with the others' last entries: here 06 keeps its second unit.
    weights = {"01": 1, "02": 4, "03": 20, "04": 4, "05": 1, "06": 4}
    result = apportion(23, weights, "sainte-lague")
    assert result == {"01": 1, "02": 3, "03": 13, "04": 3, "05": 1, "06": 2}
    assert result == reference(23, weights, "sainte-lague")
