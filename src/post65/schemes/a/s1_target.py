"""§1 Mål og målgruppe: the target group and the goals of scheme a (rules A-1.1 … A-1.4).

«Målgruppen for ordningen er distriktskommuner med særlige utfordringer med strategisk
utviklingsarbeid.

Mål for ordningen er økt utviklingskapasitet og strategisk arbeid i distriktskommuner,
gjennom blant annet nye måter å løse oppgaver, og styrket strategisk samfunnsplanlegging.

Ordningen skal bidra til både mål 1 og mål 3 for 13.50. Mål 1 er næringsutvikling,
verdiskaping og attraktive arbeidsmarkeder i regioner og distrikt og Mål 3 er styrket
utviklingskapasitet og velfungerende tjenestetilbud i distriktene.»

A-1.1 and A-1.3 judge one measure (``/measures/3``); A-1.2 one beneficiary municipality of it
(``/measures/3/beneficiaries/0``); A-1.4 the portfolio. :func:`target_status` (in
:mod:`~post65.schemes.a._target`) is also what A-2.2 counts by.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Final

from post65.geography import Register
from post65.law import Alternative, Interpretation
from post65.measures import Measure, Use
from post65.portfolio import Portfolio
from post65.rulebook import Context, Judgement, Result, Rule, Severity, Verdict, rule
from post65.schemes import verdict
from post65.schemes.a._common import KINDS, MEASURES, cite, label, listing, msg, semicolons
from post65.schemes.a._target import READING, target_status
from post65.text import Message

__all__ = ["KEYS", "RULES", "a_1_1", "a_1_2", "a_1_3", "a_1_4", "target_status"]

KEYS = ("a.1-4.goal_1", "a.1-4.goal_3")
"""The catalogue keys A-1.4 builds at run time (the goals by number)."""

READING_GOALS: Final = "reading.a-1.3"
"""Selects A-1.3's reading: ``one_goal_each`` (default), ``both_each``, ``portfolio_only``."""
READING_PORTFOLIO: Final = "reading.a-1.4"
"""Selects A-1.4's reading: ``portfolio`` (default) or ``national`` (not binding)."""


def _county_name(reg: Register, nr: str) -> str:
    """``Nordland (18)`` for a county of the register, the number itself otherwise."""
    try:
        return f"{reg.county(nr).name} ({nr})"
    except KeyError:
        return nr


def _own_municipalities(reg: Register, county: str) -> dict[str, str]:
    """The label of each municipality of ``reg`` in ``county`` (``1826 Hattfjelldal``) by its
    kommunenummer: the beneficiaries A-1.1 meets without more ado."""
    return {
        k.kommunenummer: label(reg, k.kommunenummer)
        for k in reg
        if k.fylkesnummer == county and k.kommunenummer[:2] == county
    }


_OwnCounty = tuple[dict[str, str], str, dict[tuple[str, ...], Verdict]]


def _own_county(reg: Register, county: str) -> _OwnCounty:
    """What A-1.1 works out once per check (one memo entry: a measure looks it up once): the
    :func:`_own_municipalities` of ``county``, its name, and the verdict on each list of such
    beneficiaries met so far in the check."""
    return _own_municipalities(reg, county), _county_name(reg, county), {}


def _invalid(b: str, m: Measure, county: str, reg: Register) -> Message | None:
    """Why ``b`` may not be a beneficiary of ``m`` in ``county``'s portfolio, or ``None``."""
    if b in reg:
        found = reg.municipality(b).fylkesnummer
        if found == county:
            return None
        return msg(
            "a.1-1.other_county_municipality",
            name=label(reg, b),
            county=_county_name(reg, found),
            own=_county_name(reg, county),
        )
    if b == county:
        return None if Use.III in m.uses else msg("a.1-1.county_not_use_iii", nr=b)
    if len(b) == 2 and b.isdigit():
        return msg("a.1-1.other_county", nr=b, county=county)
    return msg("a.1-1.not_in_register", nr=b, year=reg.year)


@rule(
    "A-1.1",
    scheme="a",
    severity=Severity.ERROR,
    subject="measure",
    kinds=KINDS,
    title=msg("a.1-1.title"),
    citation=cite("1", "Målgruppen for ordningen er distriktskommuner"),
    each=MEASURES,
    interpretations=(
        Interpretation.library("register", msg("interp.a-1.1.register")),
        Interpretation.law("own_county", msg("interp.a-1.1.own_county")),
    ),
)
def a_1_1(m: Measure, ctx: Context) -> Verdict:
    """A measure names at least one beneficiary, and each beneficiary municipality is in the
    register of the year and in the portfolio's own county (§4: «Fylkeskommunene har ansvar for
    arbeidet i eget fylke»; a kommunenummer's first two digits are its fylkesnummer in the 2024
    register); the county itself (its fylkesnummer) may be the beneficiary only for use iii
    («fylkeskommunens egen veiledningskompetanse og -kapasitet»)."""
    reg = ctx.register
    county = ctx.document.county
    own: _OwnCounty = ctx.once("a.1-1.own", lambda: _own_county(reg, county))
    in_county, county_name, shared = own
    beneficiaries = tuple(m.beneficiaries)  # the key below: a list read as a tuple (no copy)
    # The common case: every beneficiary is a municipality of the register in the county
    # (nothing outside, nothing wrong), named by its label. Its verdict depends on the list
    # alone then: made once per distinct list and check, shared by the measures naming the same
    # list (its message and values are frozen; measures of one municipality are a third).
    found = shared.get(beneficiaries)
    if found is not None:
        return found
    if not beneficiaries:
        return verdict.not_met(msg("a.1-1.none"), {"beneficiaries": ""})
    values = {"beneficiaries": ", ".join(beneficiaries)}
    known = list(map(in_county.get, beneficiaries))
    if None not in known:
        met = msg("a.1-1.met", n=len(beneficiaries), names=listing(known), county=county_name)
        found = shared[beneficiaries] = verdict.shared(verdict.met(met, values))
        return found
    outside = [b for b in m.beneficiaries if b in reg.kommunenumre and b[:2] != county]
    if outside:
        values["other_county"] = ", ".join(outside)
    wrong = [w for b in m.beneficiaries if (w := _invalid(b, m, county, reg)) is not None]
    if wrong:
        return verdict.not_met(msg("a.1-1.invalid", reasons=semicolons(wrong)), values)
    labels: dict[str, str] = ctx.once("a.labels", dict)  # a check names the same few again
    names = listing(
        (labels.get(b) or labels.setdefault(b, label(reg, b)))
        if b in reg
        else msg("a.1-1.county", nr=b)
        for b in m.beneficiaries
    )
    met = msg("a.1-1.met", n=len(m.beneficiaries), names=names, county=county_name)
    return verdict.met(met, values)


def _status(nr: str, ctx: Context) -> Verdict:
    """:func:`target_status` of ``nr`` in the check ``ctx``; worked out once per municipality
    and check (a check of 10 000 measures names the same few municipalities again and again)."""
    documented = ctx.once("a.documented_challenges", ctx.document.documented_challenges)
    seen: dict[str, Verdict] = ctx.once("a.1-2.status", dict)
    found = seen.get(nr)
    if found is None:
        status = target_status(
            nr,
            label(ctx.register, nr),
            documented=documented,
            scores=ctx.scores,
            target=ctx.target,
            threshold=ctx.threshold,
            reading=ctx.reading(READING),
        )
        found = seen[nr] = verdict.shared(status)  # one per municipality: its values frozen
    return found


@rule(
    "A-1.2",
    scheme="a",
    severity=Severity.ERROR,
    subject="measure",
    kinds=KINDS,
    title=msg("a.1-2.title"),
    citation=cite(
        "1", "distriktskommuner med særlige utfordringer med strategisk utviklingsarbeid"
    ),
    each=MEASURES,
    interpretations=(
        Interpretation.library(
            "both",
            msg("interp.a-1.2.both"),
            Alternative("either", msg("interp.a-1.2.both.alt.either")),
        ).selected_by(READING),
        Interpretation.library("district_selection", msg("interp.a-1.2.district_selection")),
        Interpretation.library("challenge_stated", msg("interp.a-1.2.challenge_stated")),
        Interpretation.library("undetermined", msg("interp.a-1.2.undetermined")),
    ),
)
def a_1_2(m: Measure, ctx: Context) -> Judgement:
    """One verdict per beneficiary municipality (``/beneficiaries/j`` below the measure).

    A district municipality is one in the caller's selection: picked from a district index
    (``index=`` with ``selection=``; ``post65 check --index FILE --lowest N | --max-score S |
    --population-share P``) or, with no index at hand, listed by the caller
    (``selection=Explicit([...])``; ``--municipalities 1835,1836``; in a scenario
    ``"selection": {"rule": "municipalities", "value": "1835,1836"}``). A challenge in strategic
    development work is documented when the portfolio's ``challenges`` gives a non-blank text for
    the municipality.

    Reading ``both`` (the default of ``reading.a-1.2``): a district municipality with a
    documented challenge → ``met``; outside the selection → ``not_met``, a challenge or not;
    otherwise (no selection, no score, or no documented challenge) ``undetermined``, saying what
    is missing. Reading ``either``: in the selection or with a documented challenge → ``met``;
    outside the selection and with none documented → ``not_met``; otherwise ``undetermined``.
    """
    beneficiaries = m.beneficiaries
    seen: dict[str, Verdict] = ctx.once("a.1-2.status", dict)  # what _status worked out
    # the pointers below the measure made once (a check names them for every beneficiary)
    below = _BELOW if len(beneficiaries) <= len(_BELOW) else _below(len(beneficiaries))
    # a municipality already judged is in the register: the register asked only for the others
    found = [
        (where, status)
        for where, b in zip(below, beneficiaries, strict=False)  # below: at least as many
        if (status := seen.get(b))
        or (b in ctx.register.kommunenumre and (status := _status(b, ctx)))
    ]
    return found or _NO_MUNICIPALITY


def _below(n: int) -> tuple[str, ...]:
    """``/beneficiaries/0`` … ``/beneficiaries/{n - 1}``."""
    return tuple(f"/beneficiaries/{j}" for j in range(n))


_BELOW: Final = _below(64)
"""The pointers of the first beneficiaries of a measure, below it: made once, shared."""

_NO_MUNICIPALITY: Final = verdict.not_applicable(msg("a.1-2.no_municipality"))
"""A-1.2's verdict on a measure naming no municipality: made once, shared."""


GOALS = (1, 3)
"""The goals of programme category 13.50 scheme a shall contribute to (§1)."""


_GOAL: Final = {g: msg("a.1-3.goal", goal=g) for g in GOALS}
"""«mål 1», «mål 3»: made once, shared by the findings that name them."""


def stated_goals(m: Measure) -> list[int]:
    """The goals 1 and 3 the measure states a contribution to, in words (sorted)."""
    return sorted({g.goal for g in m.goals if g.goal in GOALS and g.contribution.strip()})


_MET: Final[dict[tuple[int, ...], Message]] = {
    goals: msg("a.1-3.met", goals=tuple(_GOAL[g] for g in goals)) for goals in ((1,), (3,), (1, 3))
}
"""A-1.3's message for each set of goals a measure can state: made once, shared."""


@rule(
    "A-1.3",
    scheme="a",
    severity=Severity.ERROR,
    subject="measure",
    kinds=KINDS,
    title=msg("a.1-3.title"),
    citation=cite("1", "Ordningen skal bidra til både mål 1 og mål 3 for 13.50."),
    each=MEASURES,
    interpretations=(
        Interpretation.library(
            "one_goal_each",
            msg("interp.a-1.3.one_goal_each"),
            Alternative("both_each", msg("interp.a-1.3.one_goal_each.alt.both_each")),
            Alternative("portfolio_only", msg("interp.a-1.3.one_goal_each.alt.portfolio_only")),
        ).selected_by(READING_GOALS),
    ),
)
def a_1_3(m: Measure, ctx: Context) -> Verdict:
    """Each measure states how it contributes to goal 1 or goal 3 (or both); another goal alone
    does not suffice, nor does a goal named without its contribution. That the measures together
    contribute to both is A-1.4.

    ``reading.a-1.3=both_each``: each measure states a contribution to both goals, the goal it
    lacks named; ``portfolio_only``: a single measure is ``not_applicable`` (only A-1.4 judges).
    """
    # The verdict depends on which goals the measure names and to which of them it states a
    # contribution (a goal ≥ 1 stated, its negative not): worked out once per such list and
    # check, shared by the measures naming the same (a portfolio has a handful of them).
    key = tuple([g.goal if g.contribution.strip() else -g.goal for g in m.goals])
    judged: dict[tuple[int, ...], Verdict] = ctx.once("a.1-3.judged", dict)
    found = judged.get(key)
    if found is None:
        found = judged[key] = verdict.shared(_goals_verdict(m, ctx.reading(READING_GOALS)))
    return found


def _goals_verdict(m: Measure, reading: str) -> Verdict:
    """A-1.3's verdict on the goals of ``m`` in ``reading``."""
    stated = stated_goals(m)
    named = sorted({g.goal for g in m.goals})
    values = {"goals": ", ".join(map(str, named)), "reading": reading}
    if reading == "portfolio_only":
        return verdict.not_applicable(msg("a.1-3.portfolio_only"), values)
    missing = [g for g in GOALS if g not in stated]
    if stated and reading == "both_each" and missing:
        lacking = [_GOAL[g] for g in missing]
        return verdict.not_met(msg("a.1-3.both_each.missing", goals=lacking), values)
    if stated:
        return verdict.met(_MET[tuple(stated)], values)
    if any(g in GOALS for g in named):
        return verdict.not_met(msg("a.1-3.no_contribution"), values)
    if named:
        return verdict.not_met(msg("a.1-3.other_goals", goals=named), values)
    return verdict.not_met(msg("a.1-3.none"), values)


@rule(
    "A-1.4",
    scheme="a",
    severity=Severity.ERROR,
    subject="portfolio",
    kinds=KINDS,
    title=msg("a.1-4.title"),
    citation=cite("1", "Ordningen skal bidra til både mål 1 og mål 3 for 13.50."),
    interpretations=(
        Interpretation.law("both_goals", msg("interp.a-1.4.both_goals")),
        Interpretation.library(
            "portfolio",
            msg("interp.a-1.4.portfolio"),
            Alternative("national", msg("interp.a-1.4.portfolio.alt.national")),
        ).selected_by(READING_PORTFOLIO),
    ),
)
def a_1_4(doc: Portfolio, ctx: Context) -> Iterator[Result]:
    """The measures together contribute to both goal 1 and goal 3: some measure states (in words)
    a contribution to goal 1 and some measure (the same or another) one to goal 3; a goal no
    measure contributes to is named. A portfolio without measures is ``not_applicable``.

    ``reading.a-1.4=national``: the sentence binds the scheme across the country, not the
    county's portfolio: a portfolio lacking a goal is ``not_applicable``, the goal named."""
    if not doc.measures:
        yield verdict.result("", verdict.NOT_APPLICABLE, msg("a.no_measures"))
        return
    by_goal: dict[int, list[str]] = {g: [] for g in GOALS}
    for m in doc.measures:
        # stated_goals(m), without its call and its sort (each list is sorted below)
        for goal in {g.goal for g in m.goals if g.goal in by_goal and g.contribution.strip()}:
            by_goal[goal].append(m.id)
    for ids in by_goal.values():
        ids.sort()  # by id: the order of the measures in the document does not matter
    values = {f"goal_{g}": ", ".join(ids) for g, ids in by_goal.items()}
    values["reading"] = reading = ctx.reading(READING_PORTFOLIO)
    parts = [
        msg("a.1-4.goal_measures", goal=g, n=len(ids), ids=listing(ids))
        for g, ids in by_goal.items()
        if ids
    ]
    missing = [g for g, ids in by_goal.items() if not ids]
    if not missing:
        yield verdict.result("", verdict.MET, msg("a.1-4.met", parts=semicolons(parts)), values)
        return
    lacking = [msg(f"a.1-4.goal_{g}") for g in missing]
    stated = semicolons(parts) if parts else msg("a.1-4.no_goal")
    if reading == "national":
        words = msg("a.1-4.national", goals=lacking, stated=stated)
        yield verdict.result("", verdict.NOT_APPLICABLE, words, values)
        return
    yield verdict.result(
        "", verdict.NOT_MET, msg("a.1-4.missing", goals=lacking, stated=stated), values
    )


RULES: tuple[Rule, ...] = (a_1_1, a_1_2, a_1_3, a_1_4)
"""The rules of §1, in the order of the law."""
