"""Whether a municipality is in the target group of scheme a (§1: «distriktskommuner med særlige
utfordringer med strategisk utviklingsarbeid»), as A-1.2 decides it and A-2.2 counts it.

Two parts, each ``yes``, ``no`` or unknown:

- *a district municipality*: in the caller's selection, picked from a district index (the
  ``selection`` of :func:`post65.check` with its ``index``) or listed by the caller without an
  index (an explicit selection, ``--municipalities``); a score above the selection's threshold is
  ``no``; without a selection, or without a score where the selection has a threshold, it is
  unknown;
- *with a challenge in strategic development work*: the portfolio's ``challenges`` states one
  (a non-blank text); none stated is unknown, not ``no`` (the county may simply not have written
  it down).

The reading (the parameter ``reading.a-1.2``) joins them: ``both`` (the default) or ``either``.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from decimal import Decimal
from typing import Final

from post65.rulebook import Outcome, Verdict
from post65.schemes import verdict
from post65.text import Message, msg

__all__ = ["BOTH", "EITHER", "READING", "District", "target_status"]

READING: Final = "reading.a-1.2"
"""The parameter that selects A-1.2's reading (in :data:`post65.parameter_table.READINGS`)."""
BOTH: Final = "both"
"""A district municipality *and* with a documented challenge (the default)."""
EITHER: Final = "either"
"""A district municipality *or* with a documented challenge."""


class District(enum.StrEnum):
    """Whether a municipality is a district municipality of the caller's selection."""

    YES = "yes"
    NO = "no"
    UNKNOWN = "unknown"


def _district(
    nr: str,
    scores: Mapping[str, Decimal] | None,
    target: frozenset[str] | None,
    threshold: Decimal | None,
) -> tuple[District, Message]:
    """Whether ``nr`` is in the caller's selection, and the words for it."""
    score = None if scores is None else scores.get(nr)
    if target is None:
        if scores is not None:
            return District.UNKNOWN, msg("a.1-2.district.no_selection")
        return District.UNKNOWN, msg("a.1-2.district.nothing")
    if nr in target or (threshold is not None and score is not None and score <= threshold):
        if score is None:
            return District.YES, msg("a.1-2.district.in")
        return District.YES, msg("a.1-2.district.in_score", score=score)
    if threshold is not None and score is None:
        return District.UNKNOWN, msg("a.1-2.district.no_score")
    if score is not None and threshold is not None:
        return District.NO, msg("a.1-2.district.out_score", score=score, threshold=threshold)
    return District.NO, msg("a.1-2.district.out")


def _outcome(district: District, challenge: bool, reading: str) -> tuple[Outcome, Message]:
    """The verdict of ``reading`` on the two parts, and its closing words."""
    if reading == EITHER:
        if district is District.YES or challenge:
            return verdict.MET, msg("a.1-2.either.in_group")
        if district is District.NO:
            return verdict.NOT_MET, msg("a.1-2.either.outside")
        return verdict.UNDETERMINED, msg("a.1-2.either.open")
    if district is District.NO:
        return verdict.NOT_MET, msg("a.1-2.both.outside")
    if district is District.YES and challenge:
        return verdict.MET, msg("a.1-2.both.in_group")
    return verdict.UNDETERMINED, msg("a.1-2.both.open")


def target_status(
    nr: str,
    name: str,
    *,
    documented: Mapping[str, int],
    scores: Mapping[str, Decimal] | None,
    target: frozenset[str] | None,
    threshold: Decimal | None,
    reading: str = BOTH,
) -> Verdict:
    """Whether the municipality ``nr`` (called ``name`` in the message) is in the target group.

    ``documented`` maps kommunenummer to the index of its challenge in the portfolio's
    ``challenges``; ``scores``, ``target`` and ``threshold`` are the caller's district index and
    selection (``target`` alone: an explicit list). ``reading`` ``both``: ``met`` for a district
    municipality with a documented challenge, ``not_met`` outside the selection, ``undetermined``
    otherwise; ``either``: ``met`` for either of the two, ``not_met`` outside the selection with
    no documented challenge, ``undetermined`` otherwise. The values name both parts:
    ``district`` (``yes``, ``no``, ``unknown``), ``challenge`` (its JSON Pointer, or empty),
    ``score`` and ``threshold`` where known, and the ``reading``.
    """
    score = None if scores is None else scores.get(nr)
    values = {"kommunenummer": nr}
    if score is not None:
        values["score"] = str(score)
    if threshold is not None:
        values["threshold"] = str(threshold)
    district, district_words = _district(nr, scores, target, threshold)
    index = documented.get(nr)
    pointer = "" if index is None else f"/challenges/{index}"
    values |= {"district": str(district), "challenge": pointer, "reading": reading}
    if index is None:
        challenge_words = msg("a.1-2.challenge.none")
    else:
        challenge_words = msg("a.1-2.challenge.stated", pointer=pointer)
    outcome, closing = _outcome(district, index is not None, reading)
    words = msg(
        "a.1-2.judged",
        name=name,
        district=district_words,
        challenge=challenge_words,
        closing=closing,
    )
    return verdict.of(outcome, words, values)
