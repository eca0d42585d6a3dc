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

from post65.applications import KINDS, Application
from post65.calls import Call
from post65.geography import register
from post65.law import Citation, Interpretation
from post65.money import kroner
from post65.rulebook import Context, Outcome, Result, Rule, Severity, rule
from post65.schemes import verdict
from post65.schemes._joined import joined
from post65.schemes._shares import beside
from post65.schemes.b._common import RATIO_PLACES, items, no_call
from post65.text import Message, msg

__all__ = ["RULES", "b_3"]


def _applicant_limits(
    app: Application, call: Call, failures: list[Message], unknown: list[Message]
) -> None:
    """The applicants' county and centrality classes."""
    reg = register(2024)
    allowed = list(call.eligible_centrality_classes)
    for applicant in app.applicants:
        nr = applicant.kommunenummer
        if nr in reg and reg.municipality(nr).fylkesnummer != call.county:
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


def _amount_limits(
    app: Application,
    call: Call,
    amounts: tuple[Decimal, Decimal],
    values: dict[str, str],
    failures: list[Message],
    caps: dict[int, Decimal],
) -> None:
    """The cap (the joint cap for several municipalities) and the largest grant share;
    ``amounts`` are the amount applied for and the total cost, in kroner; ``caps`` the caps
    in kroner worked out so far in this check (by the quantity's id: a set's applications
    answer one call)."""
    amount, cost = amounts
    cap = call.cap(app.joint)
    if cap is not None:
        cap_kroner = caps.get(id(cap))
        if cap_kroner is None:
            cap_kroner = caps[id(cap)] = kroner(cap)
        values["cap"] = str(cap_kroner)
        if amount > cap_kroner:
            if app.joint:
                failures.append(msg("b.3.over_cap_joint", amount=app.amount_applied, cap=cap))
            else:
                failures.append(msg("b.3.over_cap", amount=app.amount_applied, cap=cap))
    if cost > 0:
        values["share"] = str((amount / cost).quantize(RATIO_PLACES))
    if call.max_share is not None:
        values["max_share"] = str(call.max_share)
        if cost > 0 and amount > call.max_share * cost:  # exact: amount/cost > max share
            share = beside(amount / cost, call.max_share)  # 50,0000003 %, not 50,00 %
            failures.append(msg("b.3.over_share", share=share, cost=cost, max_share=call.max_share))


def _judge(
    app: Application, call: Call, caps: dict[int, Decimal]
) -> tuple[Outcome, Message, dict[str, str]]:
    amount, cost = kroner(app.amount_applied), kroner(app.total_cost)
    failures: list[Message] = []
    unknown: list[Message] = []
    values = {
        "call": call.id,
        "amount_applied": str(amount),
        "total_cost": str(cost),
        "joint": "true" if app.joint else "false",
    }
    _applicant_limits(app, call, failures, unknown)
    if app.project.type in call.not_supported:
        failures.append(msg("b.3.type_not_supported", type=app.project.type))
    if call.deadline is not None and app.submitted is not None:
        values["deadline"] = call.deadline.isoformat()
        if app.submitted > call.deadline:
            failures.append(msg("b.3.late", submitted=app.submitted, deadline=call.deadline))
    _amount_limits(app, call, (amount, cost), values, failures, caps)
    if failures:
        return verdict.NOT_MET, joined(failures), values
    if unknown:
        return verdict.UNDETERMINED, joined(unknown), values
    if cost <= 0:
        return verdict.MET, msg("b.3.met_no_share", call=call.id, amount=amount, total=cost), values
    met = msg("b.3.met", call=call.id, amount=amount, share=amount / cost, total=cost)
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
    caps: dict[int, Decimal] = {}
    for item in items(document, ctx):
        if item.call is None:
            yield no_call(item)
            continue
        outcome, message, values = _judge(item.app, item.call, caps)
        yield verdict.result(item.subject, outcome, message, values)


RULES: tuple[Rule, ...] = (b_3,)
"""The rules of this module."""
