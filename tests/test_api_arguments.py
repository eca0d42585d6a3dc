"""The arguments of ``dump``, ``to_json``, ``build_report`` and the report's renderers: a wrong
type or value raises a Post65Error with a catalogue message naming the argument, before any work
is done, never a bare TypeError or AttributeError from deep inside (found by fuzzing)."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import post65
from post65.allocation import Lowest
from post65.errors import InvalidArgument, InvalidInput, InvalidParameter, Post65Error
from post65.io import MAX_INDENT, dump, load, to_json
from post65.layout import PageModel
from post65.parameters import Parameters
from post65.portfolio import Portfolio
from post65.report import (
    Report,
    build_report,
    make_look,
    page_count,
    pdf_pages,
    render_report,
    report_sections,
    typeset_report,
    validate_report,
)

ROOT = Path(__file__).resolve().parent.parent
PORTFOLIO = ROOT / "examples" / "nordland-2024.portfolio.json"


@functools.cache
def _portfolio() -> Portfolio:
    return load(PORTFOLIO, kind="portfolio")


@functools.cache
def _report() -> Report:
    return build_report(_portfolio(), judgement="Godt år.", made=dt.date(2025, 2, 1))


def _refused(expected: type[Post65Error], call: Callable[[], object], *words: str) -> Post65Error:
    """The error ``call`` raises: of class ``expected``, with a message in bokmål and in
    English that holds each of ``words`` (the argument's name and what it was given)."""
    with pytest.raises(expected) as info:
        call()
    error = info.value
    for lang in ("nb", "en"):
        text = error.message(lang)
        for word in words:
            assert word in text, (lang, word, text)
    return error


# --------------------------------------------------------------------------------------------
# dump and to_json


@pytest.mark.parametrize("obj", [None, {}, [], "x", 5, b"{}", Parameters()])
def test_dump_and_to_json_refuse_what_is_not_a_document(obj: object) -> None:
    name = type(obj).__name__
    _refused(InvalidArgument, lambda: dump(obj), "dump", name)
    _refused(InvalidArgument, lambda: to_json(obj), "to_json", name)


@pytest.mark.parametrize("indent", ["x", True, False, 1.0, Decimal(2), [2], b"  "])
def test_dump_refuses_an_indent_that_is_not_a_whole_number(indent: object) -> None:
    call = functools.partial(dump, _portfolio(), indent=indent)  # type: ignore[arg-type]
    _refused(InvalidArgument, call, "indent", type(indent).__name__)


@pytest.mark.parametrize("indent", [-5, -1, MAX_INDENT + 1, 10**30])
def test_dump_refuses_an_indent_out_of_range(indent: int) -> None:
    _refused(InvalidParameter, lambda: dump(_portfolio(), indent=indent), "indent", str(indent))


@pytest.mark.parametrize("indent", [None, 0, 2, MAX_INDENT])
def test_dump_writes_with_an_indent_in_range(indent: int | None) -> None:
    text = dump(_portfolio(), indent=indent)
    assert load(text) == _portfolio()
    assert (text.count("\n") == 1) is (indent is None)


def test_dump_names_the_field_of_a_document_made_with_a_wrong_value() -> None:
    report = attrs.evolve(_report(), made="2024-01-01")  # type: ignore[arg-type]
    _refused(InvalidArgument, lambda: dump(report), "made", "report")
    _refused(InvalidArgument, lambda: to_json(report), "made", "report")


# --------------------------------------------------------------------------------------------
# build_report


def _build(**kwargs: Any) -> Report:
    return build_report(_portfolio(), **kwargs)


BUILD_REFUSALS: list[tuple[str, object, type[Post65Error], tuple[str, ...]]] = [
    ("judgement", 5, InvalidArgument, ("judgement", "int")),
    ("judgement", b"x", InvalidArgument, ("judgement", "bytes")),
    ("judgement", ["Godt år."], InvalidArgument, ("judgement", "list")),
    ("judgement", "a\ud800b", InvalidParameter, ("judgement", "UTF-8")),
    ("made", "2024-01-01", InvalidArgument, ("made", "str")),
    ("made", dt.datetime(2024, 1, 1), InvalidArgument, ("made", "datetime")),
    ("made", 20240101, InvalidArgument, ("made", "int")),
    ("model", "wide", InvalidArgument, ("model", "str")),
    ("model", {"width": 90}, InvalidArgument, ("model", "dict")),
    ("parameters", {"reading.a-1.2": "either"}, InvalidArgument, ("parameters", "dict")),
    ("parameters", "x", InvalidArgument, ("parameters", "str")),
    ("index", 5, InvalidArgument, ("index", "int")),
    ("index", {"1826": 10}, InvalidArgument, ("index", "dict")),
    ("selection", "lowest", InvalidArgument, ("selection", "str")),
    ("selection", 3, InvalidArgument, ("selection", "int")),
    ("lang", 5, InvalidArgument, ("lang", "int")),
    ("lang", None, InvalidArgument, ("lang", "NoneType")),
    ("lang", "se", InvalidParameter, ("se",)),
]


@pytest.mark.parametrize(("name", "value", "expected", "words"), BUILD_REFUSALS)
def test_build_report_refuses_a_wrong_argument(
    name: str, value: object, expected: type[Post65Error], words: tuple[str, ...]
) -> None:
    _refused(expected, lambda: _build(**{name: value}), *words)


def test_a_bool_is_not_an_indent_and_a_datetime_not_a_date() -> None:
    assert isinstance(True, int)
    assert isinstance(dt.datetime(2024, 1, 1), dt.date)
    _refused(InvalidArgument, lambda: dump(_portfolio(), indent=True), "bool")
    _refused(InvalidArgument, lambda: _build(made=dt.datetime(2024, 1, 1)), "datetime")


def test_a_long_unknown_language_is_shown_shortened() -> None:
    error = _refused(InvalidParameter, lambda: _build(lang="x" * 1000), "x" * 40)
    assert "x" * 41 not in error.message("en")


def test_build_report_accepts_what_load_accepts() -> None:
    judgement = "Godt år.\n\nFlere tiltak i 1826 Aurland \u00e6\u00f8\u00e5 \U0001f600 \x00."
    report = _build(
        judgement=judgement,
        made=dt.date(2024, 12, 31),
        model=PageModel(),
        parameters=Parameters(),
        lang="nn",
    )
    assert load(dump(report)) == report
    assert report.judgement == judgement
    assert report.made == dt.date(2024, 12, 31)


def test_a_selection_is_used_with_its_index() -> None:
    index = post65.DistrictIndex({"1826": Decimal(10), "1875": Decimal(20), "0301": Decimal(90)})
    report = _build(index=index, selection=Lowest(1))
    assert load(dump(report)) == report
    with pytest.raises(InvalidParameter):  # a selection by score needs the index, as before
        _build(selection=Lowest(1))


# --------------------------------------------------------------------------------------------
# render_report and the other renderers


RENDERERS: list[tuple[str, Callable[[Any], object]]] = [
    ("render_report", lambda r: render_report(r)),
    ("render_report pdf", lambda r: render_report(r, "pdf")),
    ("page_count", lambda r: page_count(r)),
    ("report_sections", lambda r: report_sections(r)),
    ("typeset_report", lambda r: typeset_report(r)),
    ("pdf_pages", lambda r: pdf_pages(r)),
    ("validate_report", lambda r: validate_report(r)),
]


@pytest.mark.parametrize(("label", "call"), RENDERERS)
@pytest.mark.parametrize("report", [None, "x", {}, 5])
def test_the_renderers_refuse_what_is_not_a_report(
    label: str, call: Callable[[Any], object], report: object
) -> None:
    _refused(InvalidArgument, lambda: call(report), "report", type(report).__name__)


RENDER_REFUSALS: list[tuple[dict[str, Any], type[Post65Error], tuple[str, ...]]] = [
    ({"fmt": 5}, InvalidArgument, ("fmt", "int")),
    ({"fmt": b"pdf"}, InvalidArgument, ("fmt", "bytes")),
    ({"fmt": "docx"}, InvalidParameter, ("docx",)),
    ({"fmt": "y" * 100}, InvalidParameter, ("y" * 40,)),
    ({"fmt": "pdf", "look": "county"}, InvalidArgument, ("look", "str")),
    ({"fmt": "markdown", "look": 5}, InvalidArgument, ("look", "int")),
    ({"fmt": "pdf", "model": "wide"}, InvalidArgument, ("model", "str")),
    ({"fmt": "text", "model": ["wide"]}, InvalidArgument, ("model", "list")),
    ({"fmt": "html", "lang": 5}, InvalidArgument, ("lang", "int")),
    ({"fmt": "pdf", "lang": "se"}, InvalidParameter, ("se",)),
]


@pytest.mark.parametrize(("kwargs", "expected", "words"), RENDER_REFUSALS)
def test_render_report_refuses_a_wrong_argument(
    kwargs: dict[str, Any], expected: type[Post65Error], words: tuple[str, ...]
) -> None:
    _refused(expected, lambda: render_report(_report(), **kwargs), *words)


def test_render_report_takes_a_look_from_make_look() -> None:
    look = make_look(header="Nordland fylkeskommune")
    assert render_report(_report(), "pdf", look=look).startswith(b"%PDF")


@pytest.mark.parametrize(
    ("call", "words"),
    [
        (lambda: page_count(_report(), model="wide"), ("model", "str")),  # type: ignore[arg-type]
        (lambda: report_sections(_report(), lang=5), ("lang", "int")),  # type: ignore[arg-type]
        (lambda: typeset_report(_report(), lang=b"nb"), ("lang", "bytes")),  # type: ignore[arg-type]
    ],
)
def test_the_other_renderers_name_a_wrong_argument(
    call: Callable[[], object], words: tuple[str, ...]
) -> None:
    _refused(InvalidArgument, call, *words)


@pytest.mark.parametrize(
    ("kwargs", "words"),
    [
        ({"logo": -1}, ("logo", "int")),
        ({"logo": 1.5}, ("logo", "float")),
        ({"logo": [137, 80]}, ("logo", "list")),
        ({"header": 5}, ("header", "int")),
        ({"contact": b"Postboks 1"}, ("contact", "bytes")),
    ],
)
def test_make_look_refuses_a_wrong_argument(kwargs: dict[str, Any], words: tuple[str, ...]) -> None:
    _refused(InvalidArgument, lambda: make_look(**kwargs), *words)


@pytest.mark.parametrize("path", ["logo\x00.png", "logo\ud800.png"])
def test_make_look_refuses_a_logo_path_the_system_cannot_name(path: str) -> None:
    _refused(InvalidInput, lambda: make_look(path), "--logo")


# --------------------------------------------------------------------------------------------
# Property: whatever is passed, a Post65Error or success

ANYTHING = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.decimals(),
    st.binary(max_size=8),
    st.text(max_size=8),
    st.text(alphabet=st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF), max_size=3),
    st.dates(),
    st.datetimes(),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=3),
    st.sampled_from(["nb", "nn", "en", "pdf", "markdown", "text", "html"]),
    st.builds(object),
    st.builds(PageModel),
    st.builds(Parameters),
)


def _post65_error_or_success(call: Callable[[], object]) -> None:
    error: Post65Error | None = None
    try:
        call()
    except Post65Error as exc:
        error = exc
    if error is not None:
        assert error.message("nb")
        assert error.message("en")


@given(obj=ANYTHING, indent=ANYTHING)
def test_dump_raises_only_post65_errors(obj: object, indent: object) -> None:
    _post65_error_or_success(lambda: dump(obj, indent=indent))  # type: ignore[arg-type]
    _post65_error_or_success(lambda: dump(_portfolio(), indent=indent))  # type: ignore[arg-type]
    _post65_error_or_success(lambda: to_json(obj))


BUILD_ARGUMENTS = ("judgement", "index", "selection", "lang", "model", "made", "parameters")


@given(name=st.sampled_from(BUILD_ARGUMENTS), value=ANYTHING)
def test_build_report_raises_only_post65_errors(name: str, value: object) -> None:
    def call() -> None:
        report = _build(**{name: value})
        assert load(dump(report)) == report  # what build_report accepts, load takes back

    _post65_error_or_success(call)
    _post65_error_or_success(lambda: build_report(value))  # type: ignore[arg-type]


@given(
    report=ANYTHING, fmt=ANYTHING, name=st.sampled_from(("lang", "model", "look")), value=ANYTHING
)
def test_render_report_raises_only_post65_errors(
    report: object, fmt: object, name: str, value: object
) -> None:
    _post65_error_or_success(lambda: render_report(report, fmt))  # type: ignore[call-overload]
    kwargs: dict[str, Any] = {name: value}
    _post65_error_or_success(lambda: render_report(_report(), "markdown", **kwargs))


@given(logo=ANYTHING, header=ANYTHING, contact=ANYTHING)
def test_make_look_raises_only_post65_errors(logo: object, header: object, contact: object) -> None:
    kwargs: dict[str, Any] = {"header": header, "contact": contact}
    _post65_error_or_success(lambda: make_look(logo, **kwargs))  # type: ignore[arg-type]


# --------------------------------------------------------------------------------------------
# check: its index and selection, as build_report's


@pytest.mark.parametrize(
    ("keyword", "value", "words"),
    [
        ("index", "x", ("index", "str")),
        ("index", {"1804": 10}, ("index", "dict")),
        ("selection", "x", ("selection", "str")),
        ("selection", 5, ("selection", "int")),
    ],
)
def test_check_refuses_an_index_or_selection_of_the_wrong_type(
    keyword: str, value: object, words: tuple[str, ...]
) -> None:
    from post65 import check

    arguments: dict[str, Any] = {keyword: value}
    _refused(InvalidArgument, lambda: check(_portfolio(), **arguments), *words)
