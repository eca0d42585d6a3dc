"""B-4: the call's priority order, and project types it does not prioritise.

Source: the county's call (Innlandet fylkeskommune, 2024). The priority order is not in the
saved text of the call, so the rule's citation is a paraphrase (applications from the
municipalities scoring lowest on the district index first, then centrality classes 5 and 6
before 4; migration campaigns, image measures and films not prioritised), and the order is
post65's rendering of the call. :func:`priority_order` computes the order of a set of
applications (and what fits in the amount the call sets aside); the rule B-4 reports it.

>>> from post65.applications import Applicant, Application, Project
>>> from post65.calls import ProjectType, shipped_call
>>> from post65.money import nok
>>> def app(id, centrality):
...     return Application(id, (Applicant("3425", centrality_class=centrality),),
...                        Project("p", ProjectType.PLANNING), nok(100_000), nok(300_000))
>>> call = attrs.evolve(shipped_call("innlandet-2024"), priority_target_group=False)
>>> [r.application.id for r in priority_order([app("x", 4), app("y", 6)], call)]
['y', 'x']
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Sequence
from decimal import Decimal
from typing import Final

import attrs
import pint

from post65.applications import KINDS, Applicant, Application, Applications
from post65.calls import Call
from post65.geography import register
from post65.law import Citation, Interpretation
from post65.money import kroner, nok
from post65.rulebook import Context, Result, Rule, Severity, rule
from post65.schemes import verdict
from post65.schemes.b._common import Item, items, no_call
from post65.schemes.b.target_group import TARGET_GROUP_LOWEST, county_scores, lowest
from post65.text import Message, msg

__all__ = ["GROUPS", "RULES", "Priority", "Ranked", "b_4", "priority", "priority_order"]


@attrs.frozen
class Priority:
    """Where an application stands in its call's priority order.

    ``tier`` 0 is the call's first group (KDD's target group when the call puts it first), then
    the call's groups of centrality classes in order, then everyone else; ``None`` when it cannot
    be told (a target-group membership or centrality class is unknown). ``group`` is the
    group's code (B-4's value ``group``: see :data:`GROUPS`), ``label`` its words.
    """

    id: str
    not_prioritised: bool
    tier: int | None
    joint: bool
    label: Message
    group: str = attrs.field(default="no_group", kw_only=True)

    def key(self, call: Call) -> tuple[int, int, int, str]:
        """The sort key: prioritised types first, then the tier (unknown last), then joint
        projects first where the call says so, then the id (so the order is total)."""
        return (
            1 if self.not_prioritised else 0,
            self.tier if self.tier is not None else 1_000_000,
            0 if (self.joint or not call.joint_first) else 1,
            self.id,
        )


@attrs.frozen
class Ranked:
    """An application in the priority order: its rank (1 = first), the amount applied for by it
    and every application before it, and whether that is within the amount set aside."""

    index: int
    application: Application
    priority: Priority
    rank: int
    cumulative: pint.Quantity[Decimal]
    within_set_aside: bool | None


GROUPS: Final = (
    "target_group",
    "centrality_<classes>",
    "others",
    "no_group",
    "target_unknown",
    "centrality_unknown",
)
"""The codes of B-4's value ``group``, a priority group as data (its words are the finding's
message): ``target_group`` (KDD's target group), ``centrality_5_6`` (a call's group of the
centrality classes 5 and 6; one code per group, its classes joined by ``_``), ``others`` (after
the call's groups), ``no_group`` (the call sets no priority groups), ``target_unknown`` and
``centrality_unknown`` (the group cannot be told: tier ``""``)."""

_Group = tuple[str, Message]
"""A priority group's code (see :data:`GROUPS`) and words."""

_TARGET_GROUP: Final = ("target_group", msg("b.4.target_group"))
_TARGET_UNKNOWN: Final = ("target_unknown", msg("b.4.target_unknown"))
_CENTRALITY_UNKNOWN: Final = ("centrality_unknown", msg("b.4.centrality_unknown"))
_OTHERS: Final = ("others", msg("b.4.others"))
_NO_GROUP: Final = ("no_group", msg("b.4.no_group"))
"""The priority groups: made once, shared by the applications in them."""


@functools.lru_cache(maxsize=64)
def _centrality(classes: tuple[int, ...]) -> _Group:
    """``centrality_5_6`` and «sentralitetsklasse 5 og 6»: one per group of classes, shared
    likewise."""
    code = "centrality_" + "_".join(str(c) for c in classes)
    return code, msg("b.4.centrality", classes=list(classes))


def _in_target(applicant: Applicant, target: frozenset[str] | None) -> bool | None:
    if applicant.in_target_group is not None:
        return applicant.in_target_group
    if target is None:
        return None
    return applicant.kommunenummer in target


def _by_target(app: Application, target: frozenset[str] | None) -> tuple[int | None, _Group] | None:
    """The tier by KDD's target group, or None when that does not decide it."""
    flags = [_in_target(a, target) for a in app.applicants]
    if any(f is True for f in flags):
        return 0, _TARGET_GROUP
    if any(f is None for f in flags):
        return None, _TARGET_UNKNOWN
    return None


def _by_centrality(app: Application, call: Call, base: int) -> tuple[int | None, _Group]:
    """The tier by the call's groups of centrality classes, after ``base`` earlier tiers."""
    groups = call.priority_centrality_groups
    classes = [a.centrality_class for a in app.applicants]
    known = [gi for gi, group in enumerate(groups) if any(c in group for c in classes if c)]
    best = min(known) if known else len(groups)
    if any(c is None for c in classes) and best > 0:
        return None, _CENTRALITY_UNKNOWN
    if best < len(groups):
        return base + best, _centrality(tuple(groups[best]))
    return base + best, _OTHERS


def priority(app: Application, call: Call, target: frozenset[str] | None = None) -> Priority:
    """The priority of ``app`` under ``call``. ``target`` is KDD's target group (kommunenumre)
    when the caller knows it (from the district index); an applicant's own ``in_target_group``
    wins over it."""
    not_prioritised = app.project.type in call.not_prioritised
    tier: int | None = 0
    group = _NO_GROUP
    base = 1 if call.priority_target_group else 0
    decided = _by_target(app, target) if call.priority_target_group else None
    if decided is not None:
        tier, group = decided
    elif call.priority_centrality_groups:
        tier, group = _by_centrality(app, call, base)
    elif call.priority_target_group:
        tier, group = base, _OTHERS
    return Priority(app.id, not_prioritised, tier, app.joint, group[1], group=group[0])


def priority_order(
    applications: Sequence[Application], call: Call, target: frozenset[str] | None = None
) -> tuple[Ranked, ...]:
    """The applications in the call's priority order, whatever order they come in (ids are
    unique in a set, so the order is total), with the amount applied for cumulated in that order
    against the amount the call sets aside."""
    prioritised = [(i, a, priority(a, call, target)) for i, a in enumerate(applications)]
    prioritised.sort(key=lambda t: t[2].key(call))
    out: list[Ranked] = []
    running = Decimal(0)
    set_aside = None if call.set_aside is None else kroner(call.set_aside)
    for rank, (i, a, p) in enumerate(prioritised, start=1):
        running += kroner(a.amount_applied)
        within = None if set_aside is None else running <= set_aside
        out.append(Ranked(i, a, p, rank, nok(running), within))
    return tuple(out)


def _target(ctx: Context, call: Call) -> frozenset[str] | None:
    """KDD's target group in the call's county: the selection given to check, else (with an
    index) B-1's method, the county's ``b.target_group_lowest`` lowest on the index."""
    if ctx.target is None:
        n = ctx.param(TARGET_GROUP_LOWEST)
        if ctx.scores is None or n is None:
            return None
        return lowest(county_scores(ctx, call.county), int(n))
    reg = register(2024)
    return frozenset(
        nr for nr in ctx.target if nr in reg and reg.municipality(nr).fylkesnummer == call.county
    )


def _ranked_result(item: Item, r: Ranked, count: int) -> Result:
    """The finding on one application: its rank, and whether its type is prioritised."""
    p = r.priority
    values = {
        "rank": str(r.rank),
        "of": str(count),
        "tier": "" if p.tier is None else str(p.tier),
        "group": p.group,
        "joint": "true" if p.joint else "false",
        "cumulative": str(kroner(r.cumulative)),
    }
    if r.within_set_aside is not None:
        values["within_set_aside"] = "true" if r.within_set_aside else "false"
    place = msg("b.4.place", rank=r.rank, count=count, group=p.label)
    subject = item.subject
    if p.not_prioritised:
        message = msg("b.4.not_prioritised", type=item.app.project.type, place=place)
        return verdict.result(subject, verdict.NOT_MET, message, values)
    if p.tier is None:
        return verdict.result(subject, verdict.UNDETERMINED, place, values)
    return verdict.result(subject, verdict.MET, place, values)


def _order_result(ranked: Sequence[Ranked], call: Call) -> Result:
    """The finding on the whole set: the order (uncertain where a group is unknown)."""
    ids = [r.application.id for r in ranked]
    values = {"order": ", ".join(ids)}
    if call.set_aside is not None:
        values["set_aside"] = str(kroner(call.set_aside))
        values["within_set_aside"] = ", ".join(
            r.application.id for r in ranked if r.within_set_aside
        )
    unknown = [r.application.id for r in ranked if r.priority.tier is None]
    if unknown:
        return verdict.result(
            "", verdict.UNDETERMINED, msg("b.4.uncertain", unknown=unknown, order=ids), values
        )
    return verdict.result("", verdict.MET, msg("b.4.order", order=ids), values)


@rule(
    "B-4",
    scheme="b",
    severity=Severity.ADVICE,
    subject="application (and the set of applications)",
    kinds=KINDS,
    title=msg("b.4.title"),
    citation=Citation(
        "call",
        "utlysningsteksten",  # the saved excerpt quotes the call without its headings
        paraphrase="søknader fra kommunene som skårer lavest på distriktsindeksen prioriteres "
        "høyest, deretter sentralitetsklasse 5 og 6 foran 4; tilflyttingskampanjer, omdømmetiltak "
        "og filmer prioriteres ikke",
    ),
    interpretations=(Interpretation.library("priority_order", msg("interp.b-4.priority_order")),),
)
def b_4(document: object, ctx: Context) -> Iterator[Result]:
    """Per application: ``not_met`` (advice) for a project type the call does not prioritise,
    ``undetermined`` when its priority group cannot be told, else ``met``; with its rank. For a
    set, one more finding on the whole set with the order."""
    found = items(document, ctx)
    if not found:
        return
    call = found[0].call
    if call is None:
        for item in found:
            yield no_call(item)
        return
    ranked = priority_order([i.app for i in found], call, _target(ctx, call))
    for r in sorted(ranked, key=lambda r: r.index):
        yield _ranked_result(found[r.index], r, len(ranked))
    if isinstance(document, Applications):
        yield _order_result(ranked, call)


RULES: tuple[Rule, ...] = (b_4,)
"""The rules of this module."""
