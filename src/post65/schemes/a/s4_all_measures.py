"""§4 Hva kan midlene brukes til: what every measure must do (rules A-4.6, A-4.7, A-4.8).

«Alle tiltak må

- bidra til varig kompetanse- og kapasitetsbygging for strategisk arbeid med
samfunnsutvikling.

- ta utgangspunkt i kommunenes utfordringer og behov.
- vektlegge tverrsektorielt samarbeid, der en samler ressurser for størst mulig
samfunnseffekt.»

Each rule judges one measure (``/measures/3``), whatever its use. All three rest on what the
county states about the measure (what lasts, who identified the needs, which sectors take part),
which post65 cannot verify: every finding that repeats a statement says so (its message begins
"Fylkeskommunen oppgir at …", nynorsk "Fylkeskommunen oppgjev at …", English "The county states
that …"), never as fact.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from post65._empty import Frozen, Made
from post65.law import Alternative, Interpretation
from post65.measures import LastingKind, Measure, Needs, NeedsSource, is_blank
from post65.rulebook import Context, Rule, Severity, Verdict, rule
from post65.schemes import verdict
from post65.schemes.a._common import KINDS, MEASURES, cite, distinct, listing, msg, short

__all__ = ["RULES", "a_4_6", "a_4_7", "a_4_8"]


@rule(
    "A-4.6",
    scheme="a",
    severity=Severity.ERROR,
    subject="measure",
    kinds=KINDS,
    title=msg("a.4-6.title"),
    citation=cite(
        "4",
        "bidra til varig kompetanse- og kapasitetsbygging for strategisk arbeid med "
        "samfunnsutvikling",
    ),
    each=MEASURES,
    interpretations=(
        Interpretation.library("stated_by_county", msg("interp.a-4.6.stated_by_county")),
    ),
)
def a_4_6(m: Measure, ctx: Context) -> Verdict:
    """A measure states what remains after it; a one-off delivery alone is ``not_met``. The
    finding says it is the county's statement."""
    lasting = m.lasting
    if lasting is None:
        return verdict.not_met(msg("a.4-6.none"), {"lasting": ""})
    try:
        values: Mapping[str, str] = _LASTING[lasting.kind]  # shared: the same for the kind
    except KeyError:  # not a LastingKind: a document made in Python, judged as before
        values = {"lasting": str(lasting.kind)}
    text = lasting.description
    if not text.strip():  # is_blank, without a call per measure
        return verdict.not_met(msg("a.4-6.none"), values)
    if lasting.kind is LastingKind.ONE_OFF:
        what = short(text, 70).rstrip(".")
        return verdict.not_met(msg("a.4-6.one_off", description=what), values)
    what = short(text).rstrip(".")
    return verdict.met(msg("a.4-6.met", kind=lasting.kind, description=what), values)


_LASTING: Final = {kind: Frozen({"lasting": str(kind)}) for kind in LastingKind}
"""A-4.6's values for each kind: made once, shared by the findings."""


READING_A_4_7: Final = "reading.a-4.7"
"""Selects A-4.7's reading: ``who_identified`` (default) or ``county_assessment``."""


@rule(
    "A-4.7",
    scheme="a",
    severity=Severity.ERROR,
    subject="measure",
    kinds=KINDS,
    title=msg("a.4-7.title"),
    citation=cite("4", "ta utgangspunkt i kommunenes utfordringer og behov"),
    each=MEASURES,
    interpretations=(
        Interpretation.library(
            "who_identified",
            msg("interp.a-4.7.who_identified"),
            Alternative(
                "county_assessment", msg("interp.a-4.7.who_identified.alt.county_assessment")
            ),
        ).selected_by(READING_A_4_7),
    ),
)
def a_4_7(m: Measure, ctx: Context) -> Verdict:
    """A documented basis identified by the municipality (or with it, in dialogue) → ``met``; by
    the county alone → ``not_met``; no documented basis → ``undetermined``. The finding says who
    the county states identified it.

    ``reading.a-4.7=county_assessment``: a basis the county assessed alone is ``met`` too."""
    needs = m.needs
    if needs is None or not needs.description.strip():  # is_blank, without a call per measure
        values = {"source": "" if needs is None else str(needs.source)}
        return verdict.undetermined(msg("a.4-7.undocumented"), values)
    # the verdict is the source's and the reference's alone (and the check's reading): worked
    # out once per pair in a check (the measures cite the same few documents) and shared; the
    # reading and those verdicts are one look-up per measure
    state: _Known = ctx.once("a.4-7", lambda: (ctx.reading(READING_A_4_7), {}))
    reading, known = state
    if type(needs.source) is not NeedsSource:  # a text equal to a member is not that member
        return _a_4_7(needs, reading)
    key = (needs.source, needs.reference)
    found = known.get(key)
    if found is None:
        found = known[key] = verdict.shared(_a_4_7(needs, reading))
    return found


def _a_4_7(needs: Needs, reading: str) -> Verdict:
    """A-4.7's verdict on a measure starting from the documented ``needs`` under ``reading``."""
    values = {"source": str(needs.source), "reference": needs.reference, "reading": reading}
    ref = "" if is_blank(needs.reference) else f" ({short(needs.reference, 60)})"
    if needs.source is NeedsSource.COUNTY:
        if reading == "county_assessment":
            return verdict.met(msg("a.4-7.county_assessment", ref=ref), values)
        return verdict.not_met(msg("a.4-7.county", ref=ref), values)
    return verdict.met(msg("a.4-7.met", source=needs.source, ref=ref), values)


_Known = tuple[str, dict[tuple[NeedsSource, str], Verdict]]
"""A-4.7's reading in a check, and its verdicts by source and reference."""


@rule(
    "A-4.8",
    scheme="a",
    severity=Severity.ERROR,
    subject="measure",
    kinds=KINDS,
    title=msg("a.4-8.title"),
    citation=cite(
        "4",
        "vektlegge tverrsektorielt samarbeid, der en samler ressurser for størst mulig "
        "samfunnseffekt",
    ),
    each=MEASURES,
    interpretations=(Interpretation.library("two_sectors", msg("interp.a-4.8.two_sectors")),),
)
def a_4_8(m: Measure, ctx: Context) -> Verdict:
    """A measure names at least two sectors working together (as the county states)."""
    # the verdict is the sectors' alone: worked out once per list of sectors in a check (the
    # measures name the same few sectors again), shared by the measures that name it
    known: Made[tuple[str, ...], Verdict] = ctx.once(
        "a.4-8.verdicts", lambda: Made(lambda sectors: verdict.shared(_a_4_8(sectors)))
    )
    return known[tuple(m.sectors)]  # the tuple itself (a list made in Python, a copy)


def _a_4_8(named: tuple[str, ...]) -> Verdict:
    """A-4.8's verdict on a measure naming the sectors ``named``."""
    sectors = distinct(named)
    values = {"sectors": ", ".join(sectors)}
    if len(sectors) >= 2:
        met = msg("a.4-8.met", n=len(sectors), sectors=listing(sectors))
        return verdict.met(met, values)
    if sectors:
        return verdict.not_met(msg("a.4-8.one", sector=sectors[0]), values)
    return verdict.not_met(msg("a.4-8.none"), values)


RULES: tuple[Rule, ...] = (a_4_6, a_4_7, a_4_8)
"""The rules of §4 on what every measure must do («Alle tiltak må»), in the order of the law."""
