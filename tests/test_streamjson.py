"""The reader that structures a document's records as the text is read (post65.streamjson):
it gives the same document as the path that parses the whole text first, or gives up, and then
``load`` reports exactly what that path reports."""

from __future__ import annotations

import collections.abc
import datetime as dt
import enum
import json
import types
import typing
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pint
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from post65 import strategies
from post65.codec import Structured
from post65.errors import InvalidDocument, Problem
from post65.io import _from_json, _streamed_class, document_kinds, dump, load
from post65.jsontext import MAX_DEPTH, loads_json
from post65.streamjson import streamed

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
KINDS = sorted(strategies.STRATEGIES)


def _classic(text: str) -> Any:
    """The document as the locating path reads it (the whole text parsed first)."""
    return _from_json(loads_json(text), kind=None, source=None)


def _refused_alike(source: str | bytes) -> list[Problem]:
    """The problems ``load`` refuses ``source`` with, having checked they are the locating
    path's."""
    with pytest.raises(InvalidDocument) as streamed_path:
        load(source)
    text = source.decode("utf-8") if isinstance(source, bytes) else source
    with pytest.raises(InvalidDocument) as locating_path:
        _classic(text)
    assert streamed_path.value.problems == locating_path.value.problems
    return list(streamed_path.value.problems)


def _depth(t: Any, seen: tuple[type, ...] = ()) -> int:
    """How deep a JSON value structured as ``t`` can nest (a leaf is 0)."""
    origin = typing.get_origin(t)
    if isinstance(t, type) and attrs.has(t):
        assert t not in seen, f"{t} holds itself: its depth is not bounded"
        hints = typing.get_type_hints(t)
        inner = [_depth(hints[a.name], (*seen, t)) for a in attrs.fields(t) if a.init]
        return 1 + max(inner, default=0)
    if origin in (tuple, list, frozenset):
        return 1 + _depth(typing.get_args(t)[0], seen)
    if origin in (dict, collections.abc.Mapping):
        return 1 + _depth(typing.get_args(t)[1], seen)
    if origin in (typing.Union, types.UnionType):
        return max(_depth(a, seen) for a in typing.get_args(t))
    if origin is typing.Literal:
        return 0
    leaves = (str, int, bool, Decimal, dt.date, type(None))
    if t in leaves or (isinstance(t, type) and issubclass(t, enum.Enum)):
        return 0
    if typing.get_origin(t) is pint.Quantity or getattr(t, "__origin__", None) is not None:
        return 0  # money: a string or an integer in JSON
    raise AssertionError(f"a field of type {t!r} may hold any JSON: its depth is not bounded")


@pytest.mark.parametrize("kind", [k.name for k in document_kinds()])
def test_a_document_that_structures_is_never_deeper_than_the_limit(kind: str) -> None:
    # The reason the reader needs no walk for depth: every field's type bounds it.
    cls = next(k.cls for k in document_kinds() if k.name == kind)
    assert 1 + _depth(cls) <= MAX_DEPTH


@settings(max_examples=40, deadline=None)
@given(st.data())
@pytest.mark.parametrize("kind", KINDS)
def test_the_reader_gives_the_document_the_locating_path_gives(
    kind: str, data: st.DataObject
) -> None:
    document = data.draw(strategies.documents(kind))
    text = dump(document, indent=data.draw(st.sampled_from([None, 2])))
    assert streamed(text, _streamed_class) is not None  # read in parts, not given up
    assert load(text) == _classic(text) == document


def test_a_portfolio_s_records_are_structured_as_they_are_read() -> None:
    text = (EXAMPLES / "nordland-2024.portfolio.json").read_text(encoding="utf-8")
    parts = streamed(text, _streamed_class)
    assert parts is not None
    assert type(parts["measures"]) is Structured
    assert all(type(v) is Structured for v in parts["funds"].values() if isinstance(v, list))
    assert load(text) == _classic(text)


def test_records_before_the_kind_are_parsed_whole_and_still_read() -> None:
    data = json.loads((EXAMPLES / "nordland-2024.portfolio.json").read_text(encoding="utf-8"))
    kind = data.pop("kind")
    text = json.dumps({**data, "kind": kind}, ensure_ascii=False)
    parts = streamed(text, _streamed_class)
    assert parts is not None
    assert type(parts["measures"]) is list
    assert load(text) == _classic(text)


def _measure_text(change: str) -> str:
    """The Nordland example as compact JSON text, its first measure's members written as
    ``change`` says (``MEASURE`` standing for the members as they were)."""
    data = json.loads((EXAMPLES / "nordland-2024.portfolio.json").read_text(encoding="utf-8"))
    first = json.dumps(data["measures"][0], ensure_ascii=False)
    whole = json.dumps(data, ensure_ascii=False)
    assert first in whole
    return whole.replace(first, "{" + change.replace("MEASURE", first[1:-1]) + "}", 1)


GIVE_UP = {
    "a duplicate key in a measure": '"id": "X", MEASURE',
    "NaN in a measure": '"extra": NaN, MEASURE',
    "a lone surrogate in a measure": '"extra": "\\ud800", MEASURE',
    "an unknown key in a measure": '"extra": 1, MEASURE',
    "deep nesting in a measure": '"extra": ' + "[" * 40 + "]" * 40 + ", MEASURE",
    "a measure of the wrong type": '"id": 5, MEASURE',
}


@pytest.mark.parametrize("case", sorted(GIVE_UP))
def test_the_reader_gives_up_and_load_locates_as_before(case: str) -> None:
    text = _measure_text(GIVE_UP[case])
    assert streamed(text, _streamed_class) is None
    problems = _refused_alike(text)
    assert any(p.where.startswith("/measures/0") for p in problems)


@pytest.mark.parametrize(
    "text",
    [
        "[]",
        '{"kind": "portfolio"} x',
        '{"kind": "portfolio",}',
        '{"kind" "portfolio"}',
        '{"kind": "portfolio", "measures": [1,]}',
        '{"kind": "portfolio", "measures": [{} {}]}',
        '{"kind": "portfolio", "kind": "portfolio"}',
        '{"kind": "portfolio", "year": ' + "1" * 5000 + "}",
        '{"kind": "portfolio", "measures": ["\\ud800"]}',
    ],
)
def test_text_that_is_not_sound_json_is_left_to_the_locating_path(text: str) -> None:
    assert streamed(text, _streamed_class) is None
    _refused_alike(text)


@settings(max_examples=60, deadline=None)
@given(strategies.invalid_documents("portfolio"))
def test_an_invalid_portfolio_gets_the_problems_it_always_got(document: Any) -> None:
    text = json.dumps(document, ensure_ascii=False)
    _refused_alike(text.encode("utf-8"))  # bytes: a text such as "0" would be a path


def test_a_raw_lone_surrogate_in_text_given_as_str_is_left_to_the_locating_path() -> None:
    # Text decoded from UTF-8 bytes cannot hold one (the decoder refuses it), so only a str
    # source is searched for one; the reader gives up and load locates it as before.
    sound = _measure_text("MEASURE")
    assert '"title": "' in sound
    text = sound.replace('"title": "', '"title": "\ud800', 1)
    assert streamed(sound, _streamed_class) is not None
    assert streamed(text, _streamed_class) is None
    problems = _refused_alike(text)
    assert problems


def test_text_decoded_from_bytes_is_only_searched_for_escapes() -> None:
    from post65.jsontext import text_sound

    assert text_sound('{"a": "b"}', decoded=True)
    assert not text_sound('{"a": "\\ud800"}', decoded=True)  # an escape: looked at always
    assert not text_sound('{"a": "\ud800"}')  # a raw lone surrogate in a str
    assert text_sound('{"a": "\\ud83d\\ude00"}') is False  # a pair: left to the walk, as before


def _next_the_long_way(text: str, i: int, close: str) -> tuple[int, bool] | None:
    """What ``streamjson._next`` gives, worked out by stripping JSON's white space from what
    follows ``i`` (``None``: not JSON there)."""
    blank = " \t\n\r"
    rest = text[i:].lstrip(blank)
    if rest.startswith(","):
        return len(text) - len(rest[1:].lstrip(blank)), True
    if rest.startswith(close):
        return len(text) - len(rest) + 1, False
    return None


@given(
    text=st.text(alphabet=' \t\n\r,]}x"1', max_size=8),
    close=st.sampled_from(["]", "}"]),
)
@example(text=",  1", close="]")  # «, » then more white space: the fast path must not stop
@example(text=", \n  1", close="]")
@example(text=", ", close="]")  # the text ends after «, »
@example(text=" , 1", close="]")  # white space before the comma
@example(text=" ]", close="]")
def test_the_step_to_the_next_item_skips_json_white_space(text: str, close: str) -> None:
    """``_next`` reads «, » and a closing bracket without a regular expression; wherever it
    starts in any text of separators, white space and value characters, it finds where the next
    item starts (or that the array ends) as stripping the white space does, or says the text is
    not JSON there."""
    from post65.streamjson import _next, _Unsure

    for i in range(len(text) + 1):
        expected = _next_the_long_way(text, i, close)
        if expected is None:
            with pytest.raises(_Unsure):
                _next(text, i, close)
        else:
            assert _next(text, i, close) == expected
