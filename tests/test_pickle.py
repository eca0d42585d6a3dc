"""Documents, check results and errors pickle, so a grant system can send them between processes
(a worker of a process pool sends its findings, or the error it raised, back) or keep them: every
example and its result round-trip, in this process and in a fresh one, and so does every error."""

from __future__ import annotations

import inspect
import pickle
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import TypeVar

import pytest
from hypothesis import given, settings

import post65
from post65 import money, strategies
from post65._empty import EMPTY
from post65.errors import InvalidInput, Post65Error, Problem
from post65.rulebook import CheckResult
from post65.text import msg

T = TypeVar("T")


def _again(obj: T) -> T:
    """``obj`` pickled and unpickled (bytes this test made itself, never untrusted input)."""
    back: T = pickle.loads(pickle.dumps(obj))  # noqa: S301 - our own bytes, see above
    return back


EXAMPLES = sorted((Path(__file__).resolve().parents[1] / "examples").glob("*.json"))


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_a_document_and_its_check_pickle(path: Path) -> None:
    document = post65.load(path)
    assert _again(document) == document
    result = post65.check(document)
    again = _again(result)
    assert isinstance(again, CheckResult)
    assert again == result
    for lang in ("nb", "nn", "en"):
        assert again.to_json(lang) == result.to_json(lang)


def test_a_fresh_process_unpickles_without_pint_s_application_registry() -> None:
    """The amounts come back in post65's registry whatever pint's application registry is: a
    process that has only imported post65 reads them (pint's own way would look for NOK in
    its application registry, and fail)."""
    path = next(p for p in EXAMPLES if p.name.endswith(".portfolio.json"))
    document = post65.load(path)
    data = pickle.dumps((document, post65.check(document)))
    code = (
        "import pickle, sys, post65\n"
        "document, result = pickle.loads(sys.stdin.buffer.read())\n"
        f"assert document == post65.load({str(path)!r})\n"
        "assert result == post65.check(document)\n"
        "print(len(result.findings))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], input=data, capture_output=True, check=False, timeout=120
    )
    assert done.returncode == 0, done.stderr.decode()
    assert int(done.stdout) == len(post65.check(document).findings)


def test_an_amount_comes_back_as_it_was() -> None:
    """Its magnitude, its unit, and (plain NOK) the units object the fast paths know."""
    plain = money.nok(Decimal("1234.50"))
    back = _again(plain)
    assert back == plain
    assert str(back.magnitude) == "1234.50"
    assert back._units is money._OWN_UNITS
    assert money.kroner(back) == Decimal("1234.5")
    thousands = money.ureg.Quantity(Decimal("12.5"), "kNOK")
    again = _again(thousands)
    assert str(again.units) == str(thousands.units)
    assert again.magnitude == Decimal("12.5")
    assert money.kroner(again) == Decimal(12500)


def test_the_empty_mapping_is_one_and_stays_empty() -> None:
    """A message without arguments and a finding without values share one empty mapping,
    equal to ``{}``, that cannot be changed and pickles as itself."""
    assert _again(EMPTY) is EMPTY
    nothing: dict[str, object] = {}
    assert EMPTY == nothing  # noqa: SIM300 - its own side of the comparison, then the dict's
    assert nothing == EMPTY
    assert len(EMPTY) == 0
    assert list(EMPTY) == []
    assert dict(EMPTY) == {}
    assert (list(EMPTY.keys()), list(EMPTY.items()), list(EMPTY.values())) == ([], [], [])
    assert EMPTY.get("x") is None
    assert EMPTY.get("x", "y") == "y"
    assert "x" not in EMPTY
    with pytest.raises(KeyError):
        EMPTY["x"]
    with pytest.raises(TypeError):
        EMPTY["x"] = 1  # type: ignore[index]  # a Mapping: what the test shows
    assert msg("a.no_measures").args is EMPTY


def _every_error_class() -> list[type[Post65Error]]:
    """``Post65Error`` and every class below it, wherever post65 defines it."""
    import post65.calls  # noqa: F401 - defines UnknownCall

    found: list[type[Post65Error]] = []
    todo: list[type[Post65Error]] = [Post65Error]
    while todo:
        cls = todo.pop()
        found.append(cls)
        todo.extend(c for c in cls.__subclasses__() if c.__module__.startswith("post65."))
    return sorted(found, key=lambda c: c.__name__)


def _an_error_of(cls: type[Post65Error]) -> Post65Error:
    """An instance of ``cls`` with every attribute its class gives it set."""
    text = msg("a.no_measures")
    if issubclass(cls, InvalidInput):
        return cls([Problem("/measures/0", text)], source="fil.json")
    keywords = {
        name: ("1804" if name in ("number", "name") else ["1805"])
        for name in inspect.signature(cls.__init__).parameters
        if name in ("number", "name", "suggestions")
    }
    return cls(text, **keywords)  # the keywords its __init__ names


@pytest.mark.parametrize("cls", _every_error_class(), ids=lambda c: c.__name__)
def test_an_error_pickles(cls: type[Post65Error]) -> None:
    """A worker process of a pool sends the error it raised back pickled: it comes back as the
    same class with the same attributes and texts (Exception's own way would call the class
    with the English text, which no post65 error takes)."""
    error = _an_error_of(cls)
    again = _again(error)
    assert type(again) is cls
    assert vars(again) == vars(error)
    assert again.args == error.args
    for lang in ("nb", "nn", "en"):
        assert again.message(lang) == error.message(lang)
    assert str(again) == str(error)


@settings(max_examples=25, deadline=None)
@given(document=strategies.documents())
def test_any_document_and_its_check_pickle(document: object) -> None:
    """Every kind of document post65 reads, as the strategies make them, pickles, and so does
    what a check of it finds."""
    assert _again(document) == document
    result = post65.check(document)
    assert _again(result) == result
