"""The verdict functions rules use (post65.schemes.verdict) give the class's own verdicts."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from post65.rulebook import Outcome, Result, Severity, Verdict
from post65.schemes import verdict
from post65.text import Message, msg

_VALUES = st.dictionaries(st.text(max_size=5), st.text(max_size=5), max_size=3)
_MESSAGES = st.builds(msg, st.sampled_from(["a.1-1.none", "b.no_call", "example.not_met"]))


@given(_MESSAGES, _VALUES)
def test_each_outcome_gives_the_classs_own_verdict(
    message: Message, values: dict[str, str]
) -> None:
    made = {
        Outcome.MET: verdict.met(message, values),
        Outcome.NOT_MET: verdict.not_met(message, values),
        Outcome.UNDETERMINED: verdict.undetermined(message, values),
        Outcome.NOT_APPLICABLE: verdict.not_applicable(message, values),
    }
    for outcome, found in made.items():
        expected = Verdict(outcome, message, values)
        assert type(found) is Verdict
        assert found == expected
        assert (found.outcome, found.message, found.values, found.severity) == expected
        assert verdict.of(outcome, message, values) == expected


def test_defaults_and_severity_are_the_classs_own() -> None:
    message = msg("b.no_call")
    assert verdict.met(message) == Verdict(Outcome.MET, message)
    assert verdict.met(message).values is Verdict(Outcome.MET, message).values
    assert verdict.not_met(message, severity=Severity.ADVICE) == Verdict(
        Outcome.NOT_MET, message, severity=Severity.ADVICE
    )
    assert verdict.of(Outcome.MET, message, {}, Severity.ADVICE).severity is Severity.ADVICE


def test_the_outcomes_are_the_enums_members() -> None:
    assert (verdict.MET, verdict.NOT_MET, verdict.UNDETERMINED, verdict.NOT_APPLICABLE) == (
        Outcome.MET,
        Outcome.NOT_MET,
        Outcome.UNDETERMINED,
        Outcome.NOT_APPLICABLE,
    )
    assert all(type(o) is Outcome for o in (verdict.MET, verdict.NOT_MET))


@given(st.text(max_size=8), st.sampled_from(list(Outcome)), _MESSAGES, _VALUES)
def test_a_result_is_the_classs_own(
    subject: str, outcome: Outcome, message: Message, values: dict[str, str]
) -> None:
    made = verdict.result(subject, outcome, message, values)
    assert type(made) is Result
    assert made == Result(subject, outcome, message, values)
    assert made.severity is None
    assert (
        verdict.result(subject, outcome, message).values is Result(subject, outcome, message).values
    )
    advice = verdict.result(subject, outcome, message, values, Severity.ADVICE)
    assert advice == Result(subject, outcome, message, values, Severity.ADVICE)
