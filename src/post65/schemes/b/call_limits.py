"""B-3: the limits of the county's call: who may apply, the amount and the grant share.

Source: the county's call (Innlandet fylkeskommune, 2024). Its saved text is cut short, so the
rule's citation is a paraphrase (who may apply: district municipalities in centrality classes
4-6; at most 500 000 kr per project, 700 000 kr for joint projects; at most 50 % grant). The
saved words are «Alle distriktskommunar i sentralitetsklasse 4, 5 og 6 i Innlandet» and
«Maksimalt tilskot pr. prosjekt er 500 000 kr.». The numbers are the data of one call
(:mod:`post65.calls`), never constants of the rule.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import NamedTuple

from post65.applications import KINDS, Application
from post65.calls import Call
from post65.geography import register
from post65.law import Citation, Interpretation
from post65.money import Money, kroner
from post65.rulebook import Context, Outcome, Result, Rule, Severity, rule
from post65.schemes import verdict
from post65.schemes._joined import joined
from post65.schemes._shares import beside
from post65.schemes.b._common import RATIO_PLACES, items, no_call
from post65.text import Message, msg

__all__ = ["RULES", "b_3"]


class _Limits(NamedTuple):
    """What B-3 reads of a call besides the application, worked out once per check (a set of
    thousands of applications answers one call): the texts every application's values share,
    the centrality classes allowed (one list, shared by the messages naming it), the caps in
    kroner as the applications need them (by ``joint``), and each applicant's county as it is
    looked up (by kommunenummer: True when the register puts it in another county than the
    call's)."""

    allowed: list[int]
    deadline: str | None
    max_share: str | None
    caps: dict[bool, tuple[Money, Decimal, str] | None]
    other_county: dict[str, bool]


def _limits(call: Call) -> _Limits:
    return _Limits(
        list(call.eligible_centrality_classes),
        None if call.deadline is None else call.deadline.isoformat(),
        None if call.max_share is None else str(call.max_share),
        {},
        {},
    )


def _applicant_limits(
    app: Application, call: Call, limits: _Limits, failures: list[Message], unknown: list[Message]
) -> None:
    """The applicants' county and centrality classes."""
    allowed, other_county = limits.allowed, limits.other_county
    for applicant in app.applicants:
        nr = applicant.kommunenummer
        other = other_county.get(nr)
        if other is None:
            reg = register(2024)
            other = other_county[nr] = (
                nr in reg and reg.municipality(nr).fylkesnummer != call.county
            )
        if other:
            failures.append(msg("b.3.county", nr=nr, county=call.county))
        if not allowed:
            continue
        if applicant.centrality_class is None:
            unknown.append(msg("b.3.centrality_unknown", nr=nr, allowed=allowed))
        elif applicant.centrality_class not in allowed:
            failures.append(
                msg(
                    "b.3.centrality",
                    nr=nr,
                    centrality_class=applicant.centrality_class,
                    allowed=allowed,
                )
            )


def _cap(call: Call, joint: bool, limits: _Limits) -> tuple[Money, Decimal, str] | None:
    """The cap for a project (the joint cap for a joint one), in kroner and as text: worked out
    once per check for each."""
    try:
        return limits.caps[joint]
    except KeyError:
        cap = call.cap(joint)
        found = limits.caps[joint] = None if cap is None else (cap, kroner(cap), str(kroner(cap)))
        return found


def _amount_limits(
    app: Application,
    call: Call,
    amounts: tuple[Decimal, Decimal, Decimal | None],
    values: dict[str, str],
    failures: list[Message],
    limits: _Limits,
) -> None:
    """The cap (the joint cap for several municipalities) and the largest grant share;
    ``amounts`` are the amount applied for and the total cost, in kroner, and the share (None
    without a cost)."""
    amount, cost, share = amounts
    joint = app.joint
    cap = _cap(call, joint, limits)
    if cap is not None:
        values["cap"] = cap[2]
        if amount > cap[1]:
            if joint:
                failures.append(msg("b.3.over_cap_joint", amount=app.amount_applied, cap=cap[0]))
            else:
                failures.append(msg("b.3.over_cap", amount=app.amount_applied, cap=cap[0]))
    if share is not None:
        values["share"] = str(share.quantize(RATIO_PLACES))
    if call.max_share is not None and limits.max_share is not None:
        values["max_share"] = limits.max_share
        if share is not None and amount > call.max_share * cost:  # exact: share > max share
            shown = beside(share, call.max_share)  # 50,0000003 %, not 50,00 %
            failures.append(msg("b.3.over_share", share=shown, cost=cost, max_share=call.max_share))


def _judge(
    app: Application, call: Call, limits: _Limits
) -> tuple[Outcome, Message, dict[str, str]]:
    amount, cost = kroner(app.amount_applied), kroner(app.total_cost)
    share = amount / cost if cost > 0 else None  # divided once: the values and the message
    failures: list[Message] = []
    unknown: list[Message] = []
    values = {
        "call": call.id,
        "amount_applied": str(amount),
        "total_cost": str(cost),
        "joint": "true" if app.joint else "false",
    }
    _applicant_limits(app, call, limits, failures, unknown)
    if app.project.type in call.not_supported:
        failures.append(msg("b.3.type_not_supported", type=app.project.type))
    if call.deadline is not None and app.submitted is not None and limits.deadline is not None:
        values["deadline"] = limits.deadline
        if app.submitted > call.deadline:
            failures.append(msg("b.3.late", submitted=app.submitted, deadline=call.deadline))
    _amount_limits(app, call, (amount, cost, share), values, failures, limits)
    if failures:
        return verdict.NOT_MET, joined(failures), values
    if unknown:
        return verdict.UNDETERMINED, joined(unknown), values
    if share is None:
        return verdict.MET, msg("b.3.met_no_share", call=call.id, amount=amount, total=cost), values
    met = msg("b.3.met", call=call.id, amount=amount, share=share, total=cost)
    return verdict.MET, met, values


@rule(
    "B-3",
    scheme="b",
    severity=Severity.ERROR,
    subject="application",
    kinds=KINDS,
    title=msg("b.3.title"),
    citation=Citation(
        "call",
        "utlysningsteksten",  # the saved excerpt quotes the call without its headings
        paraphrase="distriktskommuner i sentralitetsklasse 4–6 kan søke; høyst 500 000 kr per "
        "prosjekt, 700 000 kr for samarbeidsprosjekter, og høyst 50 % tilskudd",
    ),
    interpretations=(Interpretation.practice("call_data", msg("interp.b-3.call_data"), "call"),),
)
def b_3(document: object, ctx: Context) -> Iterator[Result]:
    """The call's limits, each checked exactly: the applicants' county and centrality classes,
    the project type, the deadline, amount ≤ cap (joint cap for several municipalities) and
    amount ≤ max share × total cost."""
    limits: dict[int, _Limits] = {}  # by the call's id(): a set's applications answer one call
    for item in items(document, ctx):
        call = item.call
        if call is None:
            yield no_call(item)
            continue
        found = limits.get(id(call))
        if found is None:
            found = limits[id(call)] = _limits(call)
        outcome, message, values = _judge(item.app, call, found)
        yield verdict.result(item.subject, outcome, message, values)


RULES: tuple[Rule, ...] = (b_3,)
"""The rules of this module."""
