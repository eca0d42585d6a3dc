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
from typing import Final, NamedTuple

import attrs
import pint

from post65.applications import KINDS, Application, Applications
from post65.calls import Call
from post65.geography import register
from post65.law import Citation, Interpretation
from post65.money import _DIGITS_BELOW_MAX, kroner, nok
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


class _Plan(NamedTuple):
    """What the priority order reads of a call, worked out once per order (a set of thousands
    of applications would otherwise walk the call's groups per application)."""

    target_first: bool
    """The call puts KDD's target group first."""
    base: int
    """The tiers before the call's groups of centrality classes."""
    groups: tuple[_Group, ...]
    """The code and words of each group of centrality classes, in the call's order."""
    first: dict[int, int]
    """Each centrality class in a group, and the first group holding it."""


def _plan(call: Call) -> _Plan:
    first: dict[int, int] = {}
    for gi, group in enumerate(call.priority_centrality_groups):
        for c in group:
            first.setdefault(c, gi)
    groups = tuple(_centrality(tuple(g)) for g in call.priority_centrality_groups)
    return _Plan(call.priority_target_group, 1 if call.priority_target_group else 0, groups, first)


def _by_target(app: Application, target: frozenset[str] | None) -> tuple[int | None, _Group] | None:
    """The tier by KDD's target group (0 when any applicant is in it, unknown when none is and
    one cannot be told), or None when that does not decide it. An applicant's own statement wins
    over ``target``."""
    unknown = False
    for a in app.applicants:
        flag = a.in_target_group
        if flag is None:
            if target is None:
                unknown = True
                continue
            flag = a.kommunenummer in target
        if flag:
            return 0, _TARGET_GROUP
    return (None, _TARGET_UNKNOWN) if unknown else None


def _by_centrality(app: Application, plan: _Plan) -> tuple[int | None, _Group]:
    """The tier by the call's groups of centrality classes (the first group holding any
    applicant's class), after ``plan.base`` earlier tiers."""
    first, n = plan.first, len(plan.groups)
    best, unknown = n, False
    for a in app.applicants:
        c = a.centrality_class
        if c is None:
            unknown = True
        elif c:
            best = min(best, first.get(c, n))
    if unknown and best > 0:
        return None, _CENTRALITY_UNKNOWN
    if best < n:
        return plan.base + best, plan.groups[best]
    return plan.base + best, _OTHERS


def _placed(
    app: Application, plan: _Plan, target: frozenset[str] | None
) -> tuple[int | None, _Group]:
    """The tier and priority group of ``app`` (see :func:`priority`)."""
    if plan.target_first:
        decided = _by_target(app, target)
        if decided is not None:
            return decided
    if plan.groups:
        return _by_centrality(app, plan)
    if plan.target_first:
        return plan.base, _OTHERS
    return 0, _NO_GROUP


def priority(app: Application, call: Call, target: frozenset[str] | None = None) -> Priority:
    """The priority of ``app`` under ``call``. ``target`` is KDD's target group (kommunenumre)
    when the caller knows it (from the district index); an applicant's own ``in_target_group``
    wins over it."""
    tier, (code, label) = _placed(app, _plan(call), target)
    not_prioritised = app.project.type in call.not_prioritised
    return Priority(app.id, not_prioritised, tier, app.joint, label, group=code)


_Place = tuple[bool, int | None, _Group, bool]
"""An application's place in the order: not prioritised, tier, group, joint."""


def _ordered(
    applications: Sequence[Application], call: Call, target: frozenset[str] | None
) -> tuple[list[_Place], list[int]]:
    """Each application's place, and the indexes of the applications in the priority order
    (the order of :meth:`Priority.key`: the sort keys made here as tuples, without a
    :class:`Priority` per application)."""
    plan, not_prioritised = _plan(call), call.not_prioritised
    single = 1 if call.joint_first else 0  # the key's third part for a single project
    places: list[_Place] = []
    keys: list[tuple[int, int, int, str, int]] = []
    for i, app in enumerate(applications):
        tier, group = _placed(app, plan, target)
        off = app.project.type in not_prioritised
        joint = app.joint
        places.append((off, tier, group, joint))
        # the index last: ids are unique in a set, and where not it keeps the order stable
        keys.append((off, 1_000_000 if tier is None else tier, 0 if joint else single, app.id, i))
    keys.sort()
    return places, [k[4] for k in keys]


def priority_order(
    applications: Sequence[Application], call: Call, target: frozenset[str] | None = None
) -> tuple[Ranked, ...]:
    """The applications in the call's priority order, whatever order they come in (ids are
    unique in a set, so the order is total), with the amount applied for cumulated in that order
    against the amount the call sets aside."""
    places, order = _ordered(applications, call, target)
    out: list[Ranked] = []
    for rank, i, running, within in _running(applications, order, call):
        a = applications[i]
        off, tier, (code, label), joint = places[i]
        p = Priority(a.id, off, tier, joint, label, group=code)
        out.append(Ranked(i, a, p, rank, nok(running), within))
    return tuple(out)


def _running(
    applications: Sequence[Application], order: Sequence[int], call: Call
) -> Iterator[tuple[int, int, Decimal, bool | None]]:
    """In the priority ``order``: each application's rank, its index, the amount applied for
    cumulated up to it, and whether that is within the amount the call sets aside (None when
    the call sets none aside): what :func:`priority_order` and B-4's findings both give."""
    set_aside = None if call.set_aside is None else kroner(call.set_aside)
    running = Decimal(0)
    for rank, i in enumerate(order, start=1):
        running += kroner(applications[i].amount_applied)
        yield rank, i, running, None if set_aside is None else running <= set_aside


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


def _cumulated(running: Decimal) -> str:
    """``str(kroner(nok(running)))``: the running sum as the finding writes it. A whole number
    of kroner below the largest amount is its own text (what :func:`~post65.money.kroner` gives
    it back as): the rest, and an error past the largest, go the long way."""
    text = str(running)
    if text.isdigit() and len(text) < _DIGITS_BELOW_MAX and text != "0":
        return text
    return str(kroner(nok(running)))


def _ranked_results(
    found: Sequence[Item], call: Call, target: frozenset[str] | None, whole: bool
) -> list[Result]:
    """The findings on each application (its rank, and whether its type is prioritised) and,
    for a set, on the whole set (the order, uncertain where a group is unknown)."""
    apps = [item.app for item in found]
    places, order = _ordered(apps, call, target)
    count = len(order)
    of = str(count)  # the same for every application: one text, shared
    ranks = [0] * count
    cumulative = [""] * count
    within: list[bool | None] = [None] * count
    for rank, i, running, within_i in _running(apps, order, call):
        ranks[i], cumulative[i], within[i] = rank, _cumulated(running), within_i
    tiers = [str(t) for t in range(len(call.priority_centrality_groups) + 2)]  # shared texts
    out: list[Result] = []
    for i, item in enumerate(found):
        off, tier, (code, label), joint = places[i]
        rank = ranks[i]
        values = {
            "rank": str(rank),
            "of": of,
            "tier": "" if tier is None else tiers[tier],
            "group": code,
            "joint": "true" if joint else "false",
            "cumulative": cumulative[i],
        }
        if within[i] is not None:  # the call sets an amount aside
            values["within_set_aside"] = "true" if within[i] else "false"
        place = msg("b.4.place", rank=rank, count=count, group=label)
        if off:
            message = msg("b.4.not_prioritised", type=item.app.project.type, place=place)
            out.append(verdict.result(item.subject, verdict.NOT_MET, message, values))
        elif tier is None:
            out.append(verdict.result(item.subject, verdict.UNDETERMINED, place, values))
        else:
            out.append(verdict.result(item.subject, verdict.MET, place, values))
    if not whole:
        return out
    ids = [found[i].app.id for i in order]
    unknown = [found[i].app.id for i in order if places[i][1] is None]
    inside = [found[i].app.id for i in order if within[i]]
    out.append(_order_result(ids, unknown, inside, call))
    return out


def _order_result(ids: list[str], unknown: list[str], inside: list[str], call: Call) -> Result:
    """The finding on the whole set: the order ``ids`` (uncertain where the groups of
    ``unknown`` are; ``inside``: those within the amount set aside)."""
    values = {"order": ", ".join(ids)}
    if call.set_aside is not None:
        values["set_aside"] = str(kroner(call.set_aside))
        values["within_set_aside"] = ", ".join(inside)
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
    yield from _ranked_results(found, call, _target(ctx, call), isinstance(document, Applications))


RULES: tuple[Rule, ...] = (b_4,)
"""The rules of this module."""
