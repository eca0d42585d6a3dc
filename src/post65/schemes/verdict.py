"""A rule's verdict on one item, by its outcome: ``verdict.met(message, values)`` is
``Verdict(Outcome.MET, message, values)``, the same tuple, made in one step.

A check makes a verdict per rule and measure (about ten thousand for a thousand measures). Made
through the class, each costs the named tuple's own ``__new__`` (a Python function called from C)
and the lookup of the enum member (``Outcome.MET`` goes through ``EnumType.__getattr__`` on
Python 3.11); these functions cost neither, about half as much in all. The rules import the
module (``from post65.schemes import verdict``) and call ``verdict.met(…)``;
``tests/test_verdict.py`` holds each function equal to the class's own verdict.

``verdict.result(subject, outcome, message, values)`` is ``Result(…)`` made the same way, for the
rules that judge the whole document and yield one result per subject.

The outcomes themselves are here too (``verdict.MET`` …, the rulebook's members read once), for
the rules that choose one (``MET if … else NOT_MET``) or give a :class:`~post65.rulebook.Result`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from post65._empty import Frozen
from post65.rulebook import (
    MET,
    NOT_APPLICABLE,
    NOT_MET,
    UNDETERMINED,
    Outcome,
    Result,
    Severity,
    Verdict,
    _new,
)
from post65.text import Message

__all__ = [
    "MET",
    "NOT_APPLICABLE",
    "NOT_MET",
    "NO_VALUES",
    "UNDETERMINED",
    "YES_NO",
    "met",
    "not_applicable",
    "not_met",
    "of",
    "result",
    "shared",
    "undetermined",
]

YES_NO: Final = ("no", "yes")
"""A finding's value ``no`` or ``yes``, by a ``bool`` (``YES_NO[stated]``)."""

NO_VALUES: Final[Mapping[str, str]] = Verdict._field_defaults["values"]
"""A verdict's values when it has none: the class's own default, shared."""


def of(
    outcome: Outcome,
    message: Message,
    values: Mapping[str, str] = NO_VALUES,
    severity: Severity | None = None,
) -> Verdict:
    """``Verdict(outcome, message, values, severity)``."""
    return _new(Verdict, (outcome, message, values, severity))


def result(
    subject: str,
    outcome: Outcome,
    message: Message,
    values: Mapping[str, str] = NO_VALUES,
    severity: Severity | None = None,
) -> Result:
    """``Result(subject, outcome, message, values, severity)``: what a rule judging the whole
    document yields for one subject (scheme b yields one per application and rule)."""
    return _new(Result, (subject, outcome, message, values, severity))


def met(message: Message, values: Mapping[str, str] = NO_VALUES) -> Verdict:
    """``Verdict(Outcome.MET, message, values)``."""
    return _new(Verdict, (MET, message, values, None))


def not_met(
    message: Message, values: Mapping[str, str] = NO_VALUES, severity: Severity | None = None
) -> Verdict:
    """``Verdict(Outcome.NOT_MET, message, values, severity)``."""
    return _new(Verdict, (NOT_MET, message, values, severity))


def undetermined(message: Message, values: Mapping[str, str] = NO_VALUES) -> Verdict:
    """``Verdict(Outcome.UNDETERMINED, message, values)``."""
    return _new(Verdict, (UNDETERMINED, message, values, None))


def not_applicable(message: Message, values: Mapping[str, str] = NO_VALUES) -> Verdict:
    """``Verdict(Outcome.NOT_APPLICABLE, message, values)``."""
    return _new(Verdict, (NOT_APPLICABLE, message, values, None))


def shared(found: Verdict) -> Verdict:
    """``found`` with its values :class:`~post65._empty.Frozen`: a verdict a rule works out once
    and gives many findings (``ctx.once``), whose values a caller must not change in one finding
    without changing them in all."""
    outcome, message, values, severity = found
    if type(values) is dict:  # (made in one step, as the verdicts here: not _replace's call)
        return _new(Verdict, (outcome, message, Frozen(values), severity))
    return found
