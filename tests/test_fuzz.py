"""Fuzzing: malformed documents never crash a loader or the command.

Seeds are every shipped example document and every scenario input; Hypothesis mutates them (values
replaced by arbitrary JSON, keys removed or added, floats and NaN for money, truncation, stray
bytes, deep nesting) and throws the results at ``post65.load`` and, in-process, at
``post65 check``. Only ``Post65Error`` subclasses may escape ``load``; the command may only exit
0, 1 or 2 and never print a traceback. CI runs the profile's count of examples per test; the
``thorough`` profile (``HYPOTHESIS_PROFILE=thorough``) runs 10 000 per test.
"""

from __future__ import annotations

import contextlib
import io
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import post65
from post65.cli import main
from post65.io import loads_json

ROOT = Path(__file__).parent.parent


def _seeds() -> list[str]:
    texts: list[str] = []
    for path in sorted((ROOT / "examples").glob("**/*.json")):
        texts.append(path.read_text(encoding="utf-8"))
    for path in sorted((ROOT / "tests" / "scenarios").glob("**/*.scenario.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(data.get("input"), dict):
            texts.append(json.dumps(data["input"], ensure_ascii=False))
    return texts or ['{"kind": "portfolio"}']


SEEDS = _seeds()

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=30)
    | st.sampled_from(["1250000", "12,5 mill. kr", "0301", "1804", "9999", "2024-01-01", "a", ""]),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4)
    ),
    max_leaves=12,
)


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix]
    if isinstance(value, dict):
        for k, v in value.items():
            out += _paths(v, (*prefix, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            out += _paths(v, (*prefix, i))
    return out


def _replace(value: Any, path: tuple[Any, ...], new: Any, *, delete: bool = False) -> Any:
    if not path:
        return new
    head, rest = path[0], path[1:]
    if isinstance(value, dict):
        copy = dict(value)
        if delete and not rest:
            copy.pop(head, None)
        else:
            copy[head] = _replace(value[head], rest, new, delete=delete)
        return copy
    copy_list = list(value)
    if delete and not rest:
        del copy_list[head]
    else:
        copy_list[head] = _replace(value[head], rest, new, delete=delete)
    return copy_list


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, default=str)


@st.composite
def malformed_documents(draw: st.DrawFn) -> str:
    seed = draw(st.sampled_from(SEEDS))
    data = json.loads(seed, parse_float=Decimal)
    how = draw(
        st.sampled_from(
            ["replace", "delete", "extra", "float", "nan", "truncate", "bytes", "nest", "dup"]
        )
    )
    paths = _paths(data)
    path = draw(st.sampled_from(paths))
    if how == "replace":
        return _dumps(_replace(data, path, draw(json_values)))
    if how == "delete" and path:
        return _dumps(_replace(data, path, None, delete=True))
    if how == "extra" and isinstance(data, dict):
        return _dumps({**data, draw(st.text(min_size=1, max_size=8)): draw(json_values)})
    if how == "float":
        return _dumps(_replace(data, path, draw(st.floats(allow_nan=False, allow_infinity=False))))
    if how == "nan":
        return _dumps(_replace(data, path, float("nan")))
    if how == "nest":
        depth = draw(st.integers(30, 3000))
        return _dumps(_replace(data, path, 0)).replace("0", "[" * depth + "]" * depth, 1)
    if how == "dup" and isinstance(data, dict) and data:
        key = draw(st.sampled_from(sorted(data)))
        text = _dumps(data)
        return text[:-1] + f", {json.dumps(key)}: {_dumps(data[key])}" + "}"
    text = seed
    cut = draw(st.integers(0, len(text)))
    if how == "truncate":
        return text[:cut]
    junk = draw(st.text(max_size=5))
    return text[:cut] + junk + text[cut:]


@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(malformed_documents())
def test_load_raises_only_post65_errors(text: str) -> None:
    with contextlib.suppress(post65.Post65Error):
        post65.load(text if text.lstrip()[:1] in ("{", "[") else "\n" + text)


@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.binary(max_size=200) | malformed_documents().map(lambda t: t.encode("utf-8")))
def test_check_command_exits_0_1_or_2(
    tmp_path_factory: pytest.TempPathFactory, data: bytes
) -> None:
    path = tmp_path_factory.mktemp("fuzz") / "doc.json"
    path.write_bytes(data)
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["check", str(path), "--format", "json"])
    assert code in (0, 1, 2)
    assert "Traceback" not in err.getvalue()
    if code == 2:
        assert err.getvalue().strip()
    else:
        json.loads(out.getvalue())


@given(st.text(max_size=300))
def test_loads_json_raises_only_post65_errors(text: str) -> None:
    with contextlib.suppress(post65.Post65Error):
        loads_json(text)
