"""§1 Mål og målgruppe: the target group and the goals of scheme a (rules A-1.1, A-1.2, A-1.3).

«Målgruppen for ordningen er distriktskommuner med særlige utfordringer med strategisk
utviklingsarbeid.

Mål for ordningen er økt utviklingskapasitet og strategisk arbeid i distriktskommuner,
gjennom blant annet nye måter å løse oppgaver, og styrket strategisk samfunnsplanlegging.

Ordningen skal bidra til både mål 1 og mål 3 for 13.50. Mål 1 er næringsutvikling,
verdiskaping og attraktive arbeidsmarkeder i regioner og distrikt og Mål 3 er styrket
utviklingskapasitet og velfungerende tjenestetilbud i distriktene.»

Each rule judges one measure (``/measures/3``); A-1.2 one beneficiary municipality of it
(``/measures/3/beneficiaries/0``). :func:`target_status` is also what A-2.2 counts by.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from post65.geography import Register
from post65.law import Alternative, Interpretation
from post65.measures import Measure, Use, is_blank
from post65.rulebook import Context, Judgement, Outcome, Rule, Severity, Verdict, rule
from post65.schemes.a._common import KINDS, MEASURES, cite, label, listing, msg, semicolons
from post65.text import Message

__all__ = ["RULES", "a_1_1", "a_1_2", "a_1_3", "target_status"]


def _invalid(b: str, m: Measure, county: str, reg: Register) -> Message | None:
    """Why ``b`` may not be a beneficiary of ``m``, or ``None`` when it may."""
    if b in reg:
        return None
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
        Interpretation.library(
            "own_county",
            msg("interp.a-1.1.own_county"),
            Alternative("own_county_only", msg("interp.a-1.1.own_county.alt.own_county_only")),
        ),
    ),
)
def a_1_1(m: Measure, ctx: Context) -> Verdict:
    """A measure names at least one beneficiary, and each beneficiary municipality is in the
    register of the year; the county itself (its fylkesnummer) may be the beneficiary only for use
    iii («fylkeskommunens egen veiledningskompetanse og -kapasitet»)."""
    if not m.beneficiaries:
        return Verdict(Outcome.NOT_MET, msg("a.1-1.none"), {"beneficiaries": ""})
    reg = ctx.register
    county = ctx.document.county
    values = {"beneficiaries": ", ".join(m.beneficiaries)}
    wrong = [w for b in m.beneficiaries if (w := _invalid(b, m, county, reg)) is not None]
    if wrong:
        return Verdict(Outcome.NOT_MET, msg("a.1-1.invalid", reasons=semicolons(wrong)), values)
    names = listing(
        label(reg, b) if b in reg else msg("a.1-1.county", nr=b) for b in m.beneficiaries
    )
    return Verdict(Outcome.MET, msg("a.1-1.met", n=len(m.beneficiaries), names=names), values)


def target_status(
    nr: str,
    name: str,
    *,
    documented: Mapping[str, int],
    scores: Mapping[str, Decimal] | None,
    target: frozenset[str] | None,
    threshold: Decimal | None,
) -> Verdict:
    """Whether the municipality ``nr`` (called ``name`` in the message) is in the target group.

    ``met`` when it is in the caller's target set (district index + selection) or has a documented
    challenge in strategic development work (``documented`` maps kommunenummer to the index in the
    portfolio's ``challenges``); ``not_met`` when a target set was given, the municipality is not in
    it (above the threshold) and no challenge is documented; ``undetermined`` otherwise.
    """
    score = None if scores is None else scores.get(nr)
    values = {"kommunenummer": nr}
    if score is not None:
        values["score"] = str(score)
    if threshold is not None:
        values["threshold"] = str(threshold)
    if target is not None and (
        nr in target or (threshold is not None and score is not None and score <= threshold)
    ):
        values["basis"] = "index"
        if score is None:
            return Verdict(Outcome.MET, msg("a.1-2.in_target", name=name), values)
        return Verdict(Outcome.MET, msg("a.1-2.in_target_score", name=name, score=score), values)
    if nr in documented:
        pointer = f"/challenges/{documented[nr]}"
        values |= {"basis": "challenge", "challenge": pointer}
        return Verdict(Outcome.MET, msg("a.1-2.challenge", name=name, pointer=pointer), values)
    return Verdict(*_not_in_target(name, score, scores, target, threshold), values)


def _not_in_target(
    name: str,
    score: Decimal | None,
    scores: Mapping[str, Decimal] | None,
    target: frozenset[str] | None,
    threshold: Decimal | None,
) -> tuple[Outcome, Message]:
    """The verdict on a municipality neither selected nor with a documented challenge."""
    if target is not None:
        if threshold is not None and score is None:
            return Outcome.UNDETERMINED, msg("a.1-2.no_score", name=name)
        if score is not None and threshold is not None:
            above = msg("a.1-2.outside_score", name=name, score=score, threshold=threshold)
            return Outcome.NOT_MET, above
        return Outcome.NOT_MET, msg("a.1-2.outside", name=name)
    if scores is not None:
        return Outcome.UNDETERMINED, msg("a.1-2.no_selection", name=name)
    return Outcome.UNDETERMINED, msg("a.1-2.nothing", name=name)


def _status(nr: str, ctx: Context) -> Verdict:
    """:func:`target_status` of ``nr`` in the check ``ctx``; worked out once per municipality
    and check (a check of 10 000 measures names the same few municipalities again and again)."""
    documented = ctx.once("a.documented_challenges", ctx.document.documented_challenges)
    seen: dict[str, Verdict] = ctx.once("a.1-2.status", dict)
    found = seen.get(nr)
    if found is None:
        found = seen[nr] = target_status(
            nr,
            label(ctx.register, nr),
            documented=documented,
            scores=ctx.scores,
            target=ctx.target,
            threshold=ctx.threshold,
        )
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
            "either",
            msg("interp.a-1.2.either"),
            Alternative("both", msg("interp.a-1.2.either.alt.both")),
        ),
        Interpretation.library("undetermined", msg("interp.a-1.2.undetermined")),
    ),
)
def a_1_2(m: Measure, ctx: Context) -> Judgement:
    """One verdict per beneficiary municipality (``/beneficiaries/j`` below the measure): in the
    target set the caller selected from the district index, or with a documented challenge →
    ``met``; outside the target set with no documented challenge → ``not_met``; otherwise
    ``undetermined``."""
    reg = ctx.register
    found = [
        (f"/beneficiaries/{j}", _status(b, ctx)) for j, b in enumerate(m.beneficiaries) if b in reg
    ]
    return found or Verdict(Outcome.NOT_APPLICABLE, msg("a.1-2.no_municipality"))


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
            Alternative("portfolio_both", msg("interp.a-1.3.one_goal_each.alt.portfolio_both")),
        ),
    ),
)
def a_1_3(m: Measure, ctx: Context) -> Verdict:
    """Each measure states how it contributes to goal 1 and/or goal 3; another goal alone does not
    suffice, nor does a goal named without its contribution."""
    stated = sorted({g.goal for g in m.goals if g.goal in (1, 3) and not is_blank(g.contribution)})
    named = sorted({g.goal for g in m.goals})
    values = {"goals": ", ".join(str(g) for g in named)}
    if stated:
        goals = [msg("a.1-3.goal", goal=g) for g in stated]
        return Verdict(Outcome.MET, msg("a.1-3.met", goals=goals), values)
    if any(g in (1, 3) for g in named):
        return Verdict(Outcome.NOT_MET, msg("a.1-3.no_contribution"), values)
    if named:
        return Verdict(Outcome.NOT_MET, msg("a.1-3.other_goals", goals=named), values)
    return Verdict(Outcome.NOT_MET, msg("a.1-3.none"), values)


RULES: tuple[Rule, ...] = (a_1_1, a_1_2, a_1_3)
"""The rules of §1, in the order of the law."""
