"""§2 Kriterier for måloppnåelse: the criteria for goal achievement (rules A-2.1, A-2.2).

«Innsatsen skal bidra til at kommuner i målgruppen sin kompetanse og kapasitet til strategisk
arbeid med samfunnsutvikling blir styrket.

Vurderinger av måloppnåelse kan blant annet være å vise hvordan oppgaver er løst på nye
måter, hvordan samfunnsplanleggingen er styrket, eller hvilke planer som er utviklet eller
fornyet ved hjelp av innsatsen. Antall kommuner i målgruppen som får nytte av ordningen er
også et kriterium.»

A-2.1 judges each measure (``/measures/3``) by the «skal» sentence, showing the examples and the
number of municipalities as evidence; A-2.2 the portfolio, counting its beneficiary
municipalities in the target group as A-1.2 decides them (in the same reading).
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from typing import Final

from post65._empty import Frozen
from post65.law import Alternative, Interpretation
from post65.measures import LastingKind, Measure
from post65.portfolio import Portfolio
from post65.rulebook import Context, Outcome, Result, Rule, Severity, Verdict, rule
from post65.schemes import verdict
from post65.schemes.a._common import (
    KINDS,
    MEASURES,
    cite,
    label,
    listing,
    msg,
    semicolons,
    short,
)
from post65.schemes.a._target import READING, target_status
from post65.text import Message

__all__ = ["RULES", "a_2_1", "a_2_2"]


_NEW_WAYS: Final = msg("a.2-1.new_ways")
_PLANNING: Final = msg("a.2-1.planning")
"""A-2.1's words for two of §2's examples: made once, shared by the findings."""

_STRENGTHENING = (
    LastingKind.COMPETENCE,
    LastingKind.CAPACITY,
    LastingKind.COMPETENCE_AND_CAPACITY,
)
"""The kinds of :class:`~post65.measures.Lasting` that say what a measure strengthens."""

_TAILS: Final[dict[tuple[bool, bool], Message | None]] = {
    (new_ways, planning): (
        semicolons(parts) if (parts := [_NEW_WAYS] * new_ways + [_PLANNING] * planning) else None
    )
    for new_ways in (False, True)
    for planning in (False, True)
}
"""A-2.1's words for the examples of new ways and of planning, by whether the measure states
each (``None``: neither), joined as the end of its parts: made once, shared by the findings."""


@functools.lru_cache(maxsize=1024)
def _reach(n: int) -> Message:
    """«n kommuner får nytte av tiltaket»: one message per number, shared by the findings."""
    return msg("a.2-1.reach", n=n)


def _then(first: Message, rest: Message) -> Message:
    """``semicolons((first, rest))``: «first; rest» (``rest`` itself joined, or one part), made
    in one step, without the loop of a list (A-2.1 joins up to four parts per measure)."""
    return msg("schemes.joined", first=first, rest=rest)


_Alike = tuple[LastingKind | None, bool, bool, int, int]
"""What A-2.1's values of a measure depend on: the kind of what lasts, new ways, planning, the
number of plans and of municipalities (the reading aside: one per check)."""

READING_BOTH: Final = "reading.a-2.1"
"""Selects A-2.1's reading: ``stated_strengthening`` (default) or ``both_required``."""


@rule(
    "A-2.1",
    scheme="a",
    severity=Severity.ERROR,
    subject="measure",
    kinds=KINDS,
    title=msg("a.2-1.title"),
    citation=cite(
        "2",
        "Innsatsen skal bidra til at kommuner i målgruppen sin kompetanse og kapasitet til "
        "strategisk arbeid med samfunnsutvikling blir styrket.",
    ),
    each=MEASURES,
    interpretations=(
        Interpretation.law("skal_sentence", msg("interp.a-2.1.skal_sentence")),
        Interpretation.library(
            "stated_strengthening",
            msg("interp.a-2.1.stated_strengthening"),
            Alternative(
                "both_required", msg("interp.a-2.1.stated_strengthening.alt.both_required")
            ),
        ).selected_by(READING_BOTH),
    ),
)
def a_2_1(m: Measure, ctx: Context) -> Verdict:
    """The «skal» sentence of §2: the county states how the measure strengthens the
    municipalities' competence or capacity for strategic community development: the lasting
    competence or capacity it leaves (``lasting`` of kind competence, capacity or both, with its
    words), or any of §2's examples (tasks solved in new ways, strengthened community planning, a
    plan developed or renewed, by name). The examples found and the number of beneficiary
    municipalities are shown as evidence; no example is required by itself.

    ``reading.a-2.1=both_required``: only a lasting strengthening of both competence and capacity
    (``lasting`` of kind ``competence_and_capacity``, with its words) meets it; one of the two, or
    the examples alone (which do not say which is strengthened), is ``not_met``, saying what the
    county states."""
    shared: tuple[str, dict[_Alike, dict[str, str]]] = ctx.once(
        "a.2-1", lambda: (ctx.reading(READING_BOTH), {})
    )
    reading, shared_values = shared
    c = m.criteria
    lasting = m.lasting
    if lasting is not None and (
        lasting.kind not in _STRENGTHENING or not lasting.description.strip()
    ):
        lasting = None  # a one-off delivery, or no words: it says nothing is strengthened
    new_ways, planning = bool(c.new_ways.strip()), bool(c.planning.strip())
    plans = [name for p in c.plans if (name := p.name.strip())]
    # The parts, joined as semicolons(parts) joins them (from the last, «first; rest»): the
    # examples' words are shared, so a tail of them alone is too (_TAILS, made once).
    found: Message | None
    if plans:
        named = msg("a.2-1.plans", plans=listing([f"«{p}»" for p in plans]))
        if planning:
            named = _then(_PLANNING, named)
        found = _then(_NEW_WAYS, named) if new_ways else named
    else:
        found = _TAILS[new_ways, planning]
    if lasting is not None:
        words = msg("a.2-1.lasting", kind=lasting.kind, text=short(lasting.description, 40))
        found = words if found is None else _then(words, found)
    # len(m.municipalities): the beneficiaries of four characters, counted without a tuple
    n = list(map(len, m.beneficiaries)).count(4)
    kind = None if lasting is None else lasting.kind
    # the values are the same for every measure alike in these (a check has a few dozen):
    # made once per such measure and check, shared
    key = (kind, new_ways, planning, len(plans), n)
    values = shared_values.get(key)
    if values is None:
        values = shared_values[key] = Frozen(
            {
                "lasting": "" if kind is None else str(kind),
                "new_ways": verdict.YES_NO[new_ways],
                "planning": verdict.YES_NO[planning],
                "plans": str(len(plans)),
                "municipalities": str(n),
                "reading": reading,
            }
        )
    reach = _reach(n)
    if reading == "both_required" and kind is not LastingKind.COMPETENCE_AND_CAPACITY:
        stated = msg("a.2-1.both_required.nothing") if found is None else found
        words = msg("a.2-1.both_required.not_met", stated=stated, reach=reach)
        return verdict.not_met(words, values)
    if found is not None:
        return verdict.met(msg("a.2-1.met", parts=found, reach=reach), values)
    return verdict.not_met(msg("a.2-1.not_met", reach=reach), values)


@rule(
    "A-2.2",
    scheme="a",
    severity=Severity.ADVICE,
    subject="portfolio",
    kinds=KINDS,
    title=msg("a.2-2.title"),
    citation=cite(
        "2", "Antall kommuner i målgruppen som får nytte av ordningen er også et kriterium."
    ),
    interpretations=(Interpretation.library("count", msg("interp.a-2.2.count")),),
)
def a_2_2(doc: Portfolio, ctx: Context) -> Iterator[Result]:
    """Counts the distinct beneficiary municipalities in the target group (as A-1.2 decides, in
    the reading ``reading.a-1.2`` selects) and shows the number; advice when none of them is."""
    reg = ctx.register
    documented = doc.documented_challenges()
    known = reg.kommunenumre
    municipalities = sorted({b for m in doc.measures for b in m.beneficiaries if b in known})
    groups: dict[Outcome, list[str]] = {o: [] for o in Outcome}
    for nr in municipalities:
        status = target_status(
            nr,
            nr,
            documented=documented,
            scores=ctx.scores,
            target=ctx.target,
            threshold=ctx.threshold,
            reading=ctx.reading(READING),
        )
        groups[status.outcome].append(nr)
    inside, unknown = groups[verdict.MET], groups[verdict.UNDETERMINED]
    values = {
        "municipalities": str(len(municipalities)),
        "target_group": str(len(inside)),
        "target_group_municipalities": ", ".join(inside),
        "outside": str(len(groups[verdict.NOT_MET])),
        "undetermined": str(len(unknown)),
    }
    names = listing((label(reg, nr) for nr in inside), limit=10)
    yield verdict.result(
        "", *_counted(len(inside), len(unknown), len(municipalities), names), values
    )


def _counted(
    inside: int, unknown: int, n: int, names: tuple[object, ...]
) -> tuple[Outcome, Message]:
    """A-2.2's verdict on ``inside`` of ``n`` beneficiary municipalities in the target group."""
    if inside and unknown:
        found = msg("a.2-2.met_undetermined", inside=inside, n=n, unknown=unknown, names=names)
        return verdict.MET, found
    if inside:
        return verdict.MET, msg("a.2-2.met", inside=inside, n=n, names=names)
    if not n:
        return verdict.NOT_MET, msg("a.2-2.none")
    if unknown:
        return verdict.UNDETERMINED, msg("a.2-2.unknown", unknown=unknown, n=n)
    return verdict.NOT_MET, msg("a.2-2.outside", n=n)


RULES: tuple[Rule, ...] = (a_2_1, a_2_2)
"""The rules of §2, in the order of the law."""
