"""The strict converter, safe JSON reading, and error locations."""

from __future__ import annotations

import contextlib
import datetime as dt
import enum
import json
from decimal import Decimal
from pathlib import Path

import attrs
import pint
import pytest
from hypothesis import given
from hypothesis import strategies as st

from post65 import money
from post65.errors import InvalidDocument, Post65Error
from post65.io import MAX_DEPTH, converter, loads_json, pointer, structure


class Colour(enum.StrEnum):
    RED = "red"
    BLUE = "blue"


@attrs.frozen
class Item:
    name: str
    count: int


@attrs.frozen
class Doc:
    flag: bool
    share: Decimal
    cost: pint.Quantity[Decimal]
    day: dt.date
    colour: Colour
    items: tuple[Item, ...]
    note: str | None = None


GOOD = {
    "flag": True,
    "share": "0.75",
    "cost": "1250000",
    "day": "2024-03-01",
    "colour": "red",
    "items": [{"name": "a", "count": 1}],
}


def problems_of(data: object) -> dict[str, str]:
    with pytest.raises(InvalidDocument) as info:
        structure(data, Doc)
    return {p.where: p.en for p in info.value.problems}


def test_good_document_structures_and_round_trips() -> None:
    doc = structure(GOOD, Doc)
    assert doc.cost == money.nok(1250000)
    assert doc.day == dt.date(2024, 3, 1)
    assert doc.colour is Colour.RED
    assert converter.unstructure(doc) == {**GOOD, "note": None}


@pytest.mark.parametrize(
    ("field", "value", "fragment"),
    [
        ("flag", "false", "true or false"),
        ("flag", 1, "true or false"),
        ("share", 0.75, "a number as a string"),
        ("share", "1e5", "not a decimal number"),
        ("cost", Decimal("1.5"), "never as floats"),
        ("cost", True, "an amount"),
        ("cost", "12 persons", ""),
        ("day", "20240301", "YYYY-MM-DD"),
        ("day", "2024-02-30", "not a valid date"),
        ("colour", "green", '"red", "blue"'),
        ("items", "ab", "an array"),
        ("items", {"name": "a"}, "an array"),
    ],
)
def test_strict_hooks_refuse_lenient_coercions(field: str, value: object, fragment: str) -> None:
    found = problems_of({**GOOD, field: value})
    assert list(found) == [f"/{field}"]
    assert fragment in found[f"/{field}"]


def test_int_is_strict() -> None:
    for bad in ("5", 1.9, Decimal("1.9"), True, None):
        found = problems_of({**GOOD, "items": [{"name": "a", "count": bad}]})
        assert list(found) == ["/items/0/count"]


def test_every_problem_is_collected_with_its_pointer() -> None:
    data = {
        **GOOD,
        "flag": "yes",
        "extra": 1,
        "items": [{"name": "a", "count": "1"}, {"count": 2, "more": 3}, 7],
    }
    del data["day"]
    found = problems_of(data)
    assert found == {
        "/flag": "expected true or false, got a string",
        "/extra": 'unknown field "extra"',
        "/day": "required field is missing",
        "/items/0/count": "expected an integer, got a string",
        "/items/1/name": "required field is missing",
        "/items/1/more": 'unknown field "more"',
        "/items/2": "expected an object, got an integer",
    }


def test_messages_are_bilingual() -> None:
    with pytest.raises(InvalidDocument) as info:
        structure({**GOOD, "flag": "x"}, Doc)
    problem = info.value.problems[0]
    assert "forventet" in problem.nb
    assert "expected" in problem.en
    assert "forventet" in info.value.message("nb")
    assert "expected" in info.value.message("en")


def test_duplicate_keys_are_refused_with_their_pointer() -> None:
    with pytest.raises(InvalidDocument) as info:
        loads_json('{"a": {"b": 1, "b": 2}, "c": [{"d": 1, "d": 1}]}')
    assert [p.where for p in info.value.problems] == ["/a/b", "/c/0/d"]


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_nan_and_infinity_are_refused(constant: str) -> None:
    with pytest.raises(InvalidDocument) as info:
        loads_json(f'{{"x": [{constant}]}}')
    assert info.value.problems[0].where == "/x/0"


def test_floats_parse_as_decimal_never_float() -> None:
    assert loads_json('{"x": 0.1}') == {"x": Decimal("0.1")}


def test_extreme_nesting_is_refused_cleanly() -> None:
    with pytest.raises(InvalidDocument) as info:
        loads_json("[" * 100_000 + "]" * 100_000)
    assert "nested" in info.value.problems[0].en
    with pytest.raises(InvalidDocument):
        loads_json("[" * (MAX_DEPTH + 2) + "]" * (MAX_DEPTH + 2))


def test_large_string_is_fast_and_clean() -> None:
    text = json.dumps({"flag": "x" * 10_000_000})
    data = loads_json(text)
    with pytest.raises(InvalidDocument):
        structure(data, Doc)


@pytest.mark.parametrize("text", ["", "   ", "{", "nul", "[1,]", '{"a" 1}', "1" * 5000])
def test_malformed_json_is_refused(text: str) -> None:
    with pytest.raises(InvalidDocument):
        loads_json(text)


def test_pointer_escapes() -> None:
    assert pointer() == ""
    assert pointer("a/b", "c~d", 0) == "/a~1b/c~0d/0"


@given(st.lists(st.text(alphabet="ab/~0", max_size=4) | st.integers(-5, 12), max_size=5))
def test_pointer_is_rfc_6901_token_by_token(parts: list[str | int]) -> None:
    # The quick way (tokens joined at once when none holds "/" or "~") gives the pointer the
    # token-by-token escaping gives.
    expected = "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in parts)
    assert pointer(*parts) == expected


@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(),
        lambda c: st.lists(c) | st.dictionaries(st.text(), c),
        max_leaves=20,
    )
)
def test_any_json_value_structures_or_fails_cleanly(value: object) -> None:
    with contextlib.suppress(Post65Error):
        structure(value, Doc)


@given(st.text(max_size=200))
def test_any_text_parses_or_fails_cleanly(text: str) -> None:
    with contextlib.suppress(Post65Error):
        loads_json(text)


@pytest.mark.parametrize(
    ("value", "text"),
    [("1E+2", "100"), ("5E-7", "0.0000005"), ("0.750", "0.750"), ("-0", "-0")],
)
def test_decimals_are_written_without_exponent_and_read_back(value: str, text: str) -> None:
    assert converter.unstructure(Decimal(value)) == text
    assert structure(text, Decimal) == Decimal(value)


def test_the_size_limit_is_a_parameter_of_load(tmp_path: Path) -> None:
    """32 MiB by default; a grant system raises it (or lowers it) per call (issue 14)."""
    from post65.errors import InvalidArgument, InvalidDocument
    from post65.io import MAX_DOCUMENT_BYTES, load

    example = Path(__file__).resolve().parent.parent / "examples" / "nordland-2024.portfolio.json"
    text = example.read_text(encoding="utf-8")
    padded = text + " " * (MAX_DOCUMENT_BYTES + 1 - len(text.encode("utf-8")))
    path = tmp_path / "large.json"
    path.write_text(padded, encoding="utf-8")
    for source in (padded, padded.encode("utf-8"), path):
        with pytest.raises(InvalidDocument) as caught:
            load(source)
        assert caught.value.problems[0].en == "the document is larger than 32 MiB"
        assert load(source, max_bytes=64 * 1024 * 1024) == load(text)
    with pytest.raises(InvalidDocument) as caught:
        load(text, max_bytes=1000)
    assert caught.value.problems[0].en == "the document is larger than 1\u00a0000 bytes"
    assert caught.value.problems[0].nb == "dokumentet er større enn 1\u00a0000 byte"
    for bad in (0, -1, 2**31 + 1, 1.5, "32", True, None):
        with pytest.raises(InvalidArgument):
            load(text, max_bytes=bad)  # type: ignore[arg-type]
