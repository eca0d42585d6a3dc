"""An unknown language given to the public API is refused as InvalidParameter (a Post65Error
and a ValueError) wherever it is given, as ``render_report(lang="de")`` refuses it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from post65.errors import InvalidParameter, Post65Error
from post65.io import load
from post65.law import Interpretation
from post65.report import build_report, render_report
from post65.rules import check, rules
from post65.text import Lang, keys, msg, template

EXAMPLE = Path(__file__).parent.parent / "examples" / "nordland-2024.portfolio.json"
FINDING = check(load(EXAMPLE)).findings[0]
INTERPRETATION: Interpretation = next(i for r in rules() for i in r.interpretations)


@pytest.mark.parametrize(
    "call",
    [
        lambda: FINDING.message("de"),
        lambda: FINDING.to_json(lang="de"),  # type: ignore[arg-type]
        lambda: INTERPRETATION.to_json(lang="se"),
        lambda: INTERPRETATION.text("se"),
        lambda: msg("example.not_met", reason="x")("de"),
        lambda: Lang.parse("de"),
        lambda: Lang.parse(None),
        lambda: keys("de"),
        lambda: template("de", "example.not_met"),
        lambda: render_report(build_report(load(EXAMPLE)), "text", lang="de"),  # type: ignore[call-overload]
    ],
)
def test_an_unknown_language_is_an_invalid_parameter(call: Callable[[], object]) -> None:
    with pytest.raises(InvalidParameter) as caught:
        call()
    assert isinstance(caught.value, Post65Error)
    assert isinstance(caught.value, ValueError)
    assert "nb, nn" in caught.value.message("en")


def test_the_refusal_names_the_language_in_every_language() -> None:
    with pytest.raises(InvalidParameter) as caught:
        FINDING.message("de")
    assert caught.value.message("nn") == "ukjent språk «de» (nb, nn eller en)"
    assert caught.value.message("nb") == "ukjent språk «de» (nb, nn eller en)"
    assert caught.value.message("en") == 'unknown language "de" (nb, nn or en)'


def test_a_problem_and_an_error_say_their_message_in_each_language_by_name() -> None:
    """``.nb``, ``.nn`` and ``.en``: each language has its property (nynorsk had none)."""
    from post65.errors import InvalidParameter, Problem
    from post65.text import msg

    text = msg("example.not_met", reason="x")
    problem = Problem("/a", text)
    error = InvalidParameter(text)
    for lang in ("nb", "nn", "en"):
        assert getattr(problem, lang) == text(lang)
        assert getattr(error, lang) == error.message(lang)
    assert problem.nn != problem.nb
    assert error.nn != error.en
