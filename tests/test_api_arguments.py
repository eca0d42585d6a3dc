"""The arguments of ``dump``, ``to_json``, ``build_report`` and the report's renderers, and of the
documents' own functions (``section2``, ``validate_portfolio``, ``Ledger.from_funds`` and its
operations, ``Funds.received_total``, ``funds_problems``, ``verify_citation``): a wrong type or
value raises a Post65Error with a catalogue message naming the argument (or the field of a
document built in code), never a bare TypeError or AttributeError from deep inside (found by
fuzzing and by an audit)."""

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
import post65.funds
import post65.ledger
import post65.portfolio
from post65._arguments import refused_by
from post65.allocation import Lowest
from post65.errors import InvalidArgument, InvalidInput, InvalidParameter, Post65Error
from post65.funds import (
    Commitment,
    Funds,
    Payment,
    Reallocation,
    Receipt,
    SchemeId,
    Split,
    funds_problems,
)
from post65.io import MAX_INDENT, dump, load, to_json
from post65.law import Citation, UnknownSource, normalise, source, source_text, verify_citation
from post65.layout import PageModel
from post65.ledger import Ledger
from post65.money import nok
from post65.parameters import Parameters
from post65.portfolio import Portfolio, section2, validate_portfolio
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


# --------------------------------------------------------------------------------------------
# The funds, the ledger, the portfolio's §2 figures and the law: a wrong argument, or a document
# built in code holding a value of the wrong type, is refused naming it


def _with_funds(**changes: Any) -> Portfolio:
    return attrs.evolve(_portfolio(), funds=attrs.evolve(_portfolio().funds, **changes))


DOCUMENT_REFUSALS: dict[str, tuple[Callable[[], object], type[Post65Error], tuple[str, ...]]] = {
    "section2(1)": (lambda: section2(1), InvalidArgument, ("portfolio", "Portfolio", "int")),  # type: ignore[arg-type]
    "section2(target=text)": (
        lambda: section2(_portfolio(), target="1835"),  # type: ignore[arg-type]
        InvalidArgument,
        ("target", "str"),
    ),
    "section2(target=5)": (
        lambda: section2(_portfolio(), target=5),  # type: ignore[arg-type]
        InvalidArgument,
        ("target", "int"),
    ),
    "section2(reading=x)": (
        lambda: section2(_portfolio(), reading="x"),  # type: ignore[arg-type]
        InvalidParameter,
        ("reading", "both", "either", "'x'"),
    ),
    "section2(reading=None)": (
        lambda: section2(_portfolio(), reading=None),  # type: ignore[arg-type]
        InvalidArgument,
        ("reading", "NoneType"),
    ),
    "validate_portfolio(dict)": (
        lambda: validate_portfolio({}),  # type: ignore[arg-type]
        InvalidArgument,
        ("portfolio", "dict"),
    ),
    "verify_citation(1)": (lambda: verify_citation(1), InvalidArgument, ("citation", "int")),  # type: ignore[arg-type]
    "verify_citation(quote=1)": (
        lambda: verify_citation(Citation("regelverk-a-2023", "5", quote=1)),  # type: ignore[arg-type]
        InvalidArgument,
        ("citation.quote", "int"),
    ),
    "Citation.verbatim (paraphrase=None)": (
        lambda: Citation("regelverk-a-2023", "5", "x", None).verbatim,  # type: ignore[arg-type]
        InvalidArgument,
        ("citation.paraphrase", "NoneType"),
    ),
    "normalise(1)": (lambda: normalise(1), InvalidArgument, ("text", "int")),  # type: ignore[arg-type]
    "source(None)": (lambda: source(None), InvalidArgument, ("source_id", "NoneType")),  # type: ignore[arg-type]
    "source_text([1])": (lambda: source_text([1]), InvalidArgument, ("source_id", "list")),  # type: ignore[arg-type]
    "source(unknown)": (
        lambda: source("x" * 99),
        UnknownSource,
        ("'" + "x" * 40 + "'", "eu-de-minimis"),
    ),
    "source_text(not shipped)": (
        lambda: source_text("eu-de-minimis"),
        UnknownSource,
        ("eu-de-minimis", "post65"),
    ),
    "Citation.shipped (unknown source)": (
        lambda: Citation("regelverk-a-2024", "5").shipped,
        UnknownSource,
        ("'regelverk-a-2024'",),
    ),
    "Ledger.from_funds(1)": (lambda: Ledger.from_funds(1), InvalidArgument, ("funds", "int")),  # type: ignore[arg-type]
    "Ledger.from_funds(a portfolio)": (
        lambda: Ledger.from_funds(_portfolio()),  # type: ignore[arg-type]
        InvalidArgument,
        ("funds", "Funds", "Portfolio"),
    ),
    "Ledger(county=18)": (
        lambda: Ledger.from_funds(Funds(), county=18),  # type: ignore[arg-type]
        InvalidArgument,
        ("county", "int"),
    ),
    "Ledger(strict=yes)": (
        lambda: Ledger.from_funds(Funds(), strict="yes"),  # type: ignore[arg-type]
        InvalidArgument,
        ("strict", "bool", "str"),
    ),
    "Funds(received=[1]).received_total": (
        lambda: Funds(received=[1]).received_total(SchemeId.A),  # type: ignore[arg-type]
        InvalidArgument,
        ("funds.received[0]", "Receipt", "int"),
    ),
    "Funds(received=1).received_total": (
        lambda: Funds(received=1).received_total(SchemeId.A),  # type: ignore[arg-type]
        InvalidArgument,
        ("funds.received", "tuple", "int"),
    ),
    "funds_problems(None)": (
        lambda: funds_problems(None),  # type: ignore[arg-type]
        InvalidArgument,
        ("funds", "NoneType"),
    ),
    "funds_problems(a year as text)": (
        lambda: funds_problems(Funds(payments=(Payment(SchemeId.A, "2024", nok(5)),))),  # type: ignore[arg-type]
        InvalidArgument,
        ("funds.payments[0].year", "int", "str"),
    ),
    "Receipt(received=text)": (
        lambda: Receipt(SchemeId.A, 2024, nok(5), "2024-01-01"),  # type: ignore[arg-type]
        InvalidArgument,
        ("received", "datetime.date", "str"),
    ),
    "Receipt(received=datetime)": (
        lambda: Receipt(SchemeId.A, 2024, nok(5), dt.datetime(2024, 1, 1)),
        InvalidArgument,
        ("received", "datetime"),
    ),
    "Split(justification=5)": (
        lambda: Split(nok(1), nok(1), nok(1), 5),  # type: ignore[arg-type]
        InvalidArgument,
        ("justification", "int"),
    ),
    "Ledger.pay(a receipt)": (
        lambda: Ledger().pay(Receipt(SchemeId.A, 2024, nok(5))),  # type: ignore[arg-type]
        InvalidArgument,
        ("payment", "Payment", "Receipt"),
    ),
    "Ledger.receive(1)": (
        lambda: Ledger().receive(1),  # type: ignore[arg-type]
        InvalidArgument,
        ("receipt", "Receipt", "int"),
    ),
    "Ledger.commit(measure=list)": (
        lambda: Ledger().commit(Commitment(SchemeId.A, 2024, nok(5), ["m1"])),  # type: ignore[arg-type]
        InvalidArgument,
        ("commitment.measure", "list"),
    ),
    "Ledger.from_funds(decision=5)": (
        lambda: Ledger.from_funds(
            Funds(reallocations=(Reallocation(SchemeId.A, SchemeId.B, 2024, nok(5), 5),))  # type: ignore[arg-type]
        ),
        InvalidArgument,
        ("funds.reallocations[0].decision", "str", "int"),
    ),
    "validate_portfolio(measure=5)": (
        lambda: validate_portfolio(_with_funds(payments=(Payment(SchemeId.A, 2024, nok(5), 5),))),  # type: ignore[arg-type]
        InvalidArgument,
        ("funds.payments[0].measure", "int"),
    ),
    "check(a payment that is a number)": (
        lambda: post65.check(_with_funds(payments=(1,))),
        InvalidArgument,
        ("funds.payments[0]", "Payment", "int"),
    ),
}


@pytest.mark.parametrize(
    ("call", "expected", "words"), DOCUMENT_REFUSALS.values(), ids=DOCUMENT_REFUSALS
)
def test_the_documents_functions_refuse_a_wrong_argument(
    call: Callable[[], object], expected: type[Post65Error], words: tuple[str, ...]
) -> None:
    _refused(expected, call, *words)


def test_an_unknown_source_is_still_a_key_error() -> None:
    """``source`` and ``source_text`` raised a bare ``KeyError`` (its text not in the
    catalogues); ``UnknownSource`` is a Post65Error and still a ``KeyError``."""
    with pytest.raises(KeyError):
        source("x")
    with pytest.raises(KeyError):
        source_text("eu-de-minimis")
    assert "inntil 5 prosent av tilskuddsmidlene" in source_text("regelverk-a-2023")


def test_a_receipt_dated_by_text_is_refused_before_the_ledger_sees_it() -> None:
    """The audit's case: a receipt dated "2024-01-01" failed inside the ledger (``'str' object
    has no attribute 'year'``); the receipt itself now refuses it, as build_report's ``made``
    refuses a text (a date given in code is a ``datetime.date``; only load reads ISO text)."""
    error = _refused(
        InvalidArgument,
        lambda: Ledger.from_funds(
            Funds(received=(Receipt("a", 2024, nok(5), "2024-01-01"),))  # type: ignore[arg-type]
        ),
        "received",
        "str",
    )
    assert isinstance(error, TypeError)
    receipt = Receipt("a", 2024, nok(5), dt.date(2024, 1, 1))
    with pytest.raises(InvalidArgument):
        attrs.evolve(receipt, received="2024-01-02")  # type: ignore[arg-type]
    ledger = Ledger.from_funds(Funds(received=(receipt,)))
    assert ledger.received(SchemeId.A, 2024) == nok(5)


def test_what_the_checks_take_works_as_before() -> None:
    portfolio = _portfolio()
    municipalities = {nr for m in portfolio.measures for nr in m.municipalities}
    first = sorted(municipalities)[:2]
    expected = section2(portfolio, target=frozenset(first))
    for target in (set(first), list(first), tuple(first)):
        assert section2(portfolio, target=target) == expected  # type: ignore[arg-type]
    assert section2(portfolio, reading="either") == section2(portfolio)  # no target: same
    funds = Funds(received=[Receipt(SchemeId.A, 2024, nok(7))])  # type: ignore[arg-type]
    assert funds.received_total(SchemeId.A) == nok(7)
    assert Ledger.from_funds(funds, county="18", strict=True).balance(SchemeId.A, 2024) == nok(7)
    assert funds_problems(funds) == []
    assert validate_portfolio(portfolio) == []
    assert Ledger().pay(Payment(SchemeId.A, 2024, nok(0))).payments(SchemeId.A) == nok(0)
    assert verify_citation(
        Citation("regelverk-a-2023", "5", "inntil 5 prosent av tilskuddsmidlene")
    )


def test_a_fault_is_looked_for_only_when_the_work_has_failed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A sound document costs nothing more: the walk over its entries runs only on a failure."""
    asked: list[object] = []
    monkeypatch.setattr(post65.funds, "wrong_entry", lambda *a: asked.append(a))
    monkeypatch.setattr(post65.ledger, "wrong_entry", lambda *a: asked.append(a))
    monkeypatch.setattr(post65.portfolio, "wrong_entry", lambda *a: asked.append(a))
    portfolio = _portfolio()
    Ledger.from_funds(portfolio.funds)
    portfolio.funds.received_total(SchemeId.A)
    funds_problems(portfolio.funds)
    validate_portfolio(portfolio)
    post65.check(portfolio)
    assert asked == []
    with pytest.raises(AttributeError):  # nothing found: the error stands as it was
        Ledger.from_funds(Funds(payments=(1,)))  # type: ignore[arg-type]
    assert asked


def test_refused_by_lets_an_error_it_cannot_explain_stand() -> None:
    with pytest.raises(KeyError), refused_by(lambda: None):
        raise KeyError("x")
    asked: list[bool] = []
    refusal = InvalidParameter(
        post65.text.msg("errors.argument.choice", name="n", choices=["a"], shown="b")
    )
    with pytest.raises(InvalidParameter) as stood, refused_by(lambda: asked.append(True)):
        raise refusal  # a value refused with no place: looked into, and stands when found none
    assert asked == [True]
    assert stood.value is refusal
    unknown = post65.errors.UnknownParameter(refusal.text, name="no.such")
    with pytest.raises(post65.errors.UnknownParameter), refused_by(lambda: asked.append(True)):
        raise unknown  # a parameter's name no rule has is a bug: not looked into
    document = post65.errors.InvalidDocument([])
    with pytest.raises(post65.errors.InvalidDocument), refused_by(lambda: asked.append(True)):
        raise document  # nor any other post65 error
    assert asked == [True]


ENTRY_VALUES = st.one_of(
    ANYTHING,
    st.builds(Receipt, st.sampled_from(SchemeId), st.integers(1900, 9999), st.just(nok(5))),
    st.builds(Payment, st.sampled_from(SchemeId), ANYTHING, ANYTHING, ANYTHING, ANYTHING),
    st.builds(Commitment, st.sampled_from(SchemeId), ANYTHING, ANYTHING, ANYTHING),
    st.builds(Reallocation, st.just(SchemeId.A), st.just(SchemeId.B), ANYTHING, ANYTHING, ANYTHING),
)
FUNDS_FIELDS = ("received", "commitments", "payments", "reallocations")


@given(
    field=st.sampled_from(FUNDS_FIELDS), entries=st.lists(ENTRY_VALUES, max_size=3), value=ANYTHING
)
def test_the_funds_and_the_ledger_raise_only_post65_errors(
    field: str, entries: list[object], value: object
) -> None:
    funds = Funds(**{field: tuple(entries)})  # type: ignore[arg-type]
    _post65_error_or_success(lambda: Ledger.from_funds(funds))
    _post65_error_or_success(lambda: funds.received_total(SchemeId.A))
    _post65_error_or_success(lambda: funds_problems(funds))
    _post65_error_or_success(lambda: validate_portfolio(_with_funds(**{field: tuple(entries)})))
    _post65_error_or_success(lambda: Ledger().pay(value))  # type: ignore[arg-type]
    _post65_error_or_success(lambda: Ledger.from_funds(value))  # type: ignore[arg-type]


@given(portfolio=ANYTHING, target=ANYTHING, reading=ANYTHING, citation=ANYTHING)
def test_section2_and_verify_citation_raise_only_post65_errors(
    portfolio: object, target: object, reading: object, citation: object
) -> None:
    _post65_error_or_success(lambda: section2(portfolio))  # type: ignore[arg-type]
    _post65_error_or_success(lambda: section2(_portfolio(), target=target))  # type: ignore[arg-type]
    _post65_error_or_success(lambda: section2(_portfolio(), reading=reading))  # type: ignore[arg-type]
    _post65_error_or_success(lambda: verify_citation(citation))  # type: ignore[arg-type]
    _post65_error_or_success(lambda: source_text(citation))  # type: ignore[arg-type]
    _post65_error_or_success(lambda: normalise(citation))  # type: ignore[arg-type]
    fields = Citation("regelverk-a-2023", "5", citation, "")  # type: ignore[arg-type]
    _post65_error_or_success(lambda: verify_citation(fields))
