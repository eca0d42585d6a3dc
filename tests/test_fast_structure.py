"""The fast structurer (post65.faststructure) gives, object for object, what the converter gives,
or raises and leaves the value to the converter; it never decides a document's problems."""

from __future__ import annotations

import datetime as dt
import typing
from collections.abc import Iterator, Mapping
from decimal import Decimal
from typing import Any

import attrs
import pint
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from post65 import strategies
from post65.allocation.document import StatedIndex
from post65.calls import Call
from post65.codec import converter, structure
from post65.errors import InvalidDocument
from post65.faststructure import fast_structurer
from post65.funds import Commitment, Funds, Receipt
from post65.io import _kinds, dump, load
from post65.jsontext import loads_json
from post65.measures import Period
from post65.portfolio import Portfolio
from post65.streamjson import _plan

KINDS = sorted(strategies.STRATEGIES)


def same(a: object, b: object) -> bool:
    """``a`` and ``b`` are the same objects, down to the type and the digits of each
    ``Decimal`` (``==`` would take ``Decimal("1.0")`` for ``Decimal("1")``)."""
    if type(a) is not type(b):
        return False
    if attrs.has(type(a)):
        fields = attrs.fields(typing.cast(Any, type(a)))
        return all(same(getattr(a, f.name), getattr(b, f.name)) for f in fields)
    if isinstance(a, tuple | list):
        assert isinstance(b, tuple | list)
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, Mapping):
        assert isinstance(b, Mapping)
        return list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    if isinstance(a, pint.Quantity):
        assert isinstance(b, pint.Quantity)
        return same(a.magnitude, b.magnitude) and a.units == b.units
    if isinstance(a, Decimal):
        return str(a) == str(b)
    return a == b


def converted(value: object, cls: type) -> tuple[bool, object]:
    """What the converter makes of ``value``: ``(True, the object)`` or ``(False, None)``."""
    try:
        return True, converter.structure(value, cls)
    except Exception:
        return False, None


def fast(value: object, cls: type) -> tuple[bool, object]:
    try:
        return True, fast_structurer(cls)(value)
    except Exception:
        return False, None


def records(body: object, cls: type) -> Iterator[tuple[object, type]]:
    """The records of ``body`` (a document of class ``cls``) that the reader of
    :mod:`post65.streamjson` structures one by one, each with its class."""
    if type(body) is not dict:
        return
    for key, (is_array, inner) in _plan(cls).items():
        value = body.get(key)
        if is_array and type(value) is list:
            yield from ((item, inner) for item in value)
        elif not is_array:
            yield from records(value, inner)


def body_of(data: object) -> tuple[object, type] | None:
    if type(data) is not dict or type(data.get("kind")) is not str:
        return None
    spec = _kinds().get(data["kind"])
    if spec is None:
        return None
    return {k: v for k, v in data.items() if k != "kind"}, spec.cls


@settings(max_examples=30, deadline=None)
@given(st.data())
@pytest.mark.parametrize("kind", KINDS)
def test_a_valid_document_and_its_records_structure_as_the_converter_does(
    kind: str, data: st.DataObject
) -> None:
    found = body_of(loads_json(dump(data.draw(strategies.documents(kind)))))
    assert found is not None
    body, cls = found
    for value, t in [(body, cls), *records(body, cls)]:
        ok, want = converted(value, t)
        assert ok
        done, got = fast(value, t)
        assert done  # the fast path takes every valid document: it is the one used
        assert same(got, want)


@settings(max_examples=60, deadline=None)
@given(st.data())
@pytest.mark.parametrize("kind", KINDS)
def test_on_a_refused_document_the_fast_path_raises_or_gives_the_converters_object(
    kind: str, data: st.DataObject
) -> None:
    found = body_of(data.draw(strategies.invalid_documents(kind)))
    if found is None:
        return  # not a document of a known kind: nothing is structured
    body, cls = found
    for value, t in [(body, cls), *records(body, cls)]:
        done, got = fast(value, t)
        if done:
            ok, want = converted(value, t)
            assert ok
            assert same(got, want)


COMMITMENT = {"scheme": "a", "year": 2021, "amount": "724000", "measure": "m-1"}
CALL = {"id": "innlandet-2024", "county": "34", "year": 2024, "title": "Utlysning"}


def _with(base: dict[str, Any], **changes: object) -> dict[str, Any]:
    return {**base, **changes}


@pytest.mark.parametrize(
    "value",
    [
        _with(COMMITMENT, year=True),  # a bool is no int
        _with(COMMITMENT, year="2021"),  # nor is text of digits
        _with(COMMITMENT, year=Decimal("2021.0")),
        _with(COMMITMENT, amount=Decimal("724000.5")),  # money is never a number with a point
        _with(COMMITMENT, amount=724000.5),
        _with(COMMITMENT, amount=True),
        _with(COMMITMENT, amount="724 persons"),
        _with(COMMITMENT, amount=""),
        _with(COMMITMENT, amount=None),
        _with(COMMITMENT, scheme="d"),  # not a member of the enum
        _with(COMMITMENT, scheme=1),
        _with(COMMITMENT, measure=7),  # str | None: neither
        _with(COMMITMENT, description=["x"]),
        _with(COMMITMENT, extra="x"),  # an unknown key
        {k: v for k, v in COMMITMENT.items() if k != "year"},  # a required key missing
        ["a", 2021, "724000"],  # not an object
    ],
)
def test_the_fast_path_refuses_what_the_converter_refuses(value: object) -> None:
    with pytest.raises(Exception):  # noqa: B017, PT011 - which exception is no one's business
        fast_structurer(Commitment)(value)
    with pytest.raises(InvalidDocument):
        structure(value, Commitment)


@pytest.mark.parametrize(
    ("cls", "value"),
    [
        (Period, {"start": "2021-1-01"}),  # a date is YYYY-MM-DD
        (Period, {"start": "2021-02-30"}),  # and a day that exists
        (Period, {"start": 20210101}),
        (Period, {"start": "2021-05-01", "end": "2021-04-01"}),  # the class's validator
        (Receipt, {"scheme": "a", "appropriation_year": 2021, "amount": "5", "received": 5}),
        (StatedIndex, {"scores": {"3001": 50}}),  # a Decimal is a string
        (StatedIndex, {"scores": {"3001": "5e1"}}),  # of plain digits
        (StatedIndex, {"scores": [["3001", "50"]]}),  # a mapping is an object
        (Call, _with(CALL, certainty="X")),  # a Literal
        (Call, _with(CALL, joint_first=1)),  # bool
        (Call, _with(CALL, eligible_centrality_classes=[True])),
        (Call, _with(CALL, sources="abc")),  # tuple: array
        (Call, _with(CALL, sources=["a", 1])),
        (Funds, {"commitments": {"0": COMMITMENT}}),
        (Funds, {"commitments": [COMMITMENT, _with(COMMITMENT, year=True)]}),
        (Portfolio, {"county": "18", "year": 2024, "funds": []}),  # a class is an object
    ],
)
def test_each_kind_of_leaf_and_container_is_refused_as_the_converter_refuses(
    cls: type, value: object
) -> None:
    with pytest.raises(Exception):  # noqa: B017, PT011 - which exception is no one's business
        fast_structurer(cls)(value)
    with pytest.raises(InvalidDocument):
        structure(value, cls)


@pytest.mark.parametrize(
    ("cls", "value"),
    [
        (Commitment, COMMITMENT),
        (Commitment, _with(COMMITMENT, amount=724000)),  # money: an integer
        (Commitment, _with(COMMITMENT, amount="0724000")),  # digits (the fast path of kroner)
        (Commitment, _with(COMMITMENT, amount="2 500,50 kr")),  # any text parse_amount reads
        (Commitment, _with(COMMITMENT, amount="-5")),
        (Commitment, _with(COMMITMENT, measure=None)),
        (Period, {"start": "2021-05-01", "end": None}),
        (StatedIndex, {"scores": {"3001": "50.25"}, "year": 2024}),
        (Call, _with(CALL, certainty="R")),
        (Call, _with(CALL, max_share="0.5")),
        (Receipt, {"scheme": "a", "appropriation_year": 2021, "amount": "5", "received": None}),
        (Funds, {}),  # every field absent: the attrs defaults
        (Funds, {"commitments": [COMMITMENT, COMMITMENT]}),
        (Portfolio, {"county": "18", "year": 2024}),  # a factory default (Funds())
    ],
)
def test_what_the_converter_takes_the_fast_path_gives_the_same(cls: type, value: object) -> None:
    assert same(fast_structurer(cls)(value), structure(value, cls))


def test_a_factory_default_is_a_new_object_each_time() -> None:
    make = fast_structurer(Portfolio)
    first, second = make({"county": "18", "year": 2024}), make({"county": "18", "year": 2024})
    assert first.funds == Funds()
    assert first.funds is not second.funds


@attrs.frozen
class Node:
    """A class that holds itself."""

    name: str
    children: tuple[Node, ...] = ()


def test_a_class_holding_itself_is_structured_through_the_converter_below_the_top() -> None:
    value = {"name": "a", "children": [{"name": "b", "children": [{"name": "c"}]}]}
    assert same(fast_structurer(Node)(value), converter.structure(value, Node))
    with pytest.raises(Exception):  # noqa: B017, PT011 - which exception is no one's business
        fast_structurer(Node)({"name": "a", "children": [{"name": 1}]})


def test_load_falls_back_to_the_converter_when_the_fast_path_refuses(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    portfolio = Portfolio(
        county="18",
        year=2024,
        funds=Funds(commitments=(converter.structure(COMMITMENT, Commitment),)),
    )
    text = dump(portfolio)

    def refusing(cls: type) -> typing.Callable[[Any], Any]:
        def structure(value: Any) -> Any:
            raise ValueError(value)

        return structure

    import post65.streamjson

    monkeypatch.setattr(post65.streamjson, "fast_structurer", refusing)
    assert load(text) == portfolio
    bad = text.replace('"year": 2021', '"year": true')
    with pytest.raises(InvalidDocument) as refused:
        load(bad)
    assert [p.where for p in refused.value.problems] == ["/funds/commitments/0/year"]


_DATE_CHARACTERS = st.sampled_from([*"0123456789-W+T :/", "\u0661", "\uff10", "a"])


@settings(max_examples=400)
@given(
    st.one_of(
        st.dates().map(dt.date.isoformat),
        st.text(_DATE_CHARACTERS, min_size=8, max_size=12),
        st.dates().map(lambda d: d.isoformat().replace("-", "", 1) + "0"),
        st.builds(
            "{}-W{:02}-{}".format, st.integers(1000, 9999), st.integers(1, 53), st.integers(1, 7)
        ),
    )
)
def test_a_date_is_read_as_the_converter_reads_it_or_left_to_it(text: str) -> None:
    """The fast path's test of YYYY-MM-DD (no regular expression) takes only what the
    converter's takes, and makes the same date of it."""
    ok, expected = converted({"start": text}, Period)
    try:
        fast = fast_structurer(Period)({"start": text})
    except Exception:  # left to the converter, as anything unusual is
        return
    assert ok
    assert same(fast, expected)
