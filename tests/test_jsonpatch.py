"""JSON Patch (RFC 6902) and JSON Merge Patch (RFC 7396) as scenario files use them."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from post65._jsonpatch import apply_patch, merge_patch
from post65.errors import InvalidDocument
from post65.scenarios import load_scenario

DOC: dict[str, Any] = {"a": {"b": [1, 2, 3]}, "c": "x", "~/": 1}


@pytest.mark.parametrize(
    ("ops", "expected"),
    [
        ([{"op": "add", "path": "/a/b/1", "value": 9}], {"a": {"b": [1, 9, 2, 3]}}),
        ([{"op": "add", "path": "/a/b/-", "value": 9}], {"a": {"b": [1, 2, 3, 9]}}),
        ([{"op": "add", "path": "/d", "value": [1]}], {"d": [1]}),
        ([{"op": "remove", "path": "/a/b/0"}], {"a": {"b": [2, 3]}}),
        ([{"op": "remove", "path": "/c"}], {"c": None}),
        ([{"op": "replace", "path": "/c", "value": "y"}], {"c": "y"}),
        ([{"op": "move", "from": "/c", "path": "/d"}], {"c": None, "d": "x"}),
        ([{"op": "copy", "from": "/a/b/2", "path": "/a/b/0"}], {"a": {"b": [3, 1, 2, 3]}}),
        ([{"op": "test", "path": "/a/b/1", "value": 2}], {}),
        ([{"op": "replace", "path": "/~0~1", "value": 2}], {"~/": 2}),
    ],
)
def test_each_operation(ops: list[dict[str, Any]], expected: dict[str, Any]) -> None:
    want = copy.deepcopy(DOC)
    for key, value in expected.items():
        if value is None:
            del want[key]
        else:
            want[key] = value
    assert apply_patch(DOC, ops) == want


@pytest.mark.parametrize(
    ("op", "words"),
    [
        ({"op": "remove", "path": "/nope"}, "not in the base document"),
        ({"op": "replace", "path": "/a/b/3", "value": 0}, "no place in the list"),
        ({"op": "add", "path": "/a/b/01", "value": 0}, "no place in the list"),
        ({"op": "add", "path": "a", "value": 0}, "not a JSON Pointer"),
        ({"op": "add", "path": "/x"}, 'lacks "value"'),
        ({"op": "jump", "path": "/x"}, "an operation is an object"),
        ({"op": "test", "path": "/c", "value": "y"}, "not the one the test expects"),
        ({"op": "move", "from": "/a", "path": "/a/z"}, "cannot be moved into itself"),
        ({"op": "remove", "path": ""}, "whole document"),
    ],
)
def test_a_refused_operation_is_located(op: dict[str, Any], words: str) -> None:
    with pytest.raises(InvalidDocument) as info:
        apply_patch(DOC, [{"op": "test", "path": "/c", "value": "x"}, op])
    (problem,) = info.value.problems
    assert problem.where == "/patch/1"
    assert words in problem.message("en")
    assert problem.message("nn") != problem.message("en")


def test_a_patch_is_a_list_or_an_object() -> None:
    with pytest.raises(InvalidDocument) as info:
        apply_patch(DOC, "x")
    assert info.value.problems[0].where == "/patch"


def test_merge_patch_follows_rfc_7396() -> None:
    # The examples of RFC 7396, appendix A (a selection).
    assert merge_patch({"a": "b"}, {"a": "c"}) == {"a": "c"}
    assert merge_patch({"a": "b"}, {"b": "c"}) == {"a": "b", "b": "c"}
    assert merge_patch({"a": "b"}, {"a": None}) == {}
    assert merge_patch({"a": [{"b": "c"}]}, {"a": [1]}) == {"a": [1]}
    assert merge_patch(["a", "b"], ["c", "d"]) == ["c", "d"]
    assert merge_patch({"e": None}, {"a": 1}) == {"e": None, "a": 1}
    assert merge_patch([1, 2], {"a": "b", "c": None}) == {"a": "b"}


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=5),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=4), inner, max_size=4)
    ),
    max_leaves=20,
)


@given(_JSON, _JSON)
def test_patching_never_changes_the_base(doc: Any, value: Any) -> None:
    before = json.dumps(doc, sort_keys=True)
    apply_patch(doc, [{"op": "add", "path": "/x", "value": value}] if isinstance(doc, dict) else [])
    apply_patch(doc, {"x": value})
    assert json.dumps(doc, sort_keys=True) == before


@given(_JSON, _JSON)
def test_a_merge_patch_applied_twice_is_applied_once(doc: Any, patch: Any) -> None:
    once = merge_patch(doc, patch)
    assert merge_patch(once, patch) == once


def test_a_scenario_with_a_bad_patch_is_refused_at_its_operation(tmp_path: Path) -> None:
    scenarios = Path(__file__).parent / "scenarios" / "a"
    (tmp_path / "base.portfolio.json").write_text(
        (scenarios / "base.portfolio.json").read_text("utf-8"), "utf-8"
    )
    path = tmp_path / "bad.scenario.json"
    path.write_text(
        json.dumps(
            {
                "scenario": "bad",
                "base": "base.portfolio.json",
                "patch": [{"op": "remove", "path": "/measures/99"}],
                "expect": [],
            }
        ),
        "utf-8",
    )
    with pytest.raises(InvalidDocument) as info:
        load_scenario(path)
    assert [p.where for p in info.value.problems] == ["/patch/0"]


def test_scenario_files_are_small_patches() -> None:
    """One file per case, each a base and a few lines of patch (issue 11, point 8)."""
    root = Path(__file__).parent / "scenarios"
    files = sorted(root.rglob("*.scenario.json"))
    assert len(files) >= 140
    inline = [f.name for f in files if "input" in json.loads(f.read_text("utf-8"))]
    assert inline == []
    lines = {f: len(f.read_text("utf-8").splitlines()) for f in files}
    assert sum(lines.values()) / len(files) <= 25  # 14 357 lines in 142 files before
    longest = max(files, key=lines.__getitem__)
    assert lines[longest] <= 150, longest  # a case that adds a whole measure
