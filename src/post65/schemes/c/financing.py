"""C-3: public support preferably at most 75 % of the approved cost base; the municipalities
normally pay 25 %.

Source: Finnmark fylkeskommune, «Støttenivå og finansiering for omstillingskommuner» (verbatim
in the saved page): «Fortrinnsvis inntil 75% av godkjent kostnadsgrunnlag.» and «Kommunen bidrar
normalt med 25 prosent egenkapital.» (parameters ``c.public_share_max`` and
``c.municipal_share_min``, one county's practice). «Fortrinnsvis» (preferably) allows more with a
reason: public support above the share is advice when the county states a reason
(``public_support_reason``), not met when it gives none (``reading.c-3.public`` selects a hard
limit instead). A municipal share below the normal one is advice with a reason
(``municipal_share_reason``), not met without.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from post65.law import Alternative, Citation, Interpretation
from post65.money import kroner
from post65.programme import KINDS, Programme
from post65.rulebook import Context, Result, Rule, Severity, rule
from post65.schemes import verdict
from post65.schemes._joined import joined
from post65.schemes._shares import beside
from post65.schemes.c import FINNMARK_SOURCE
from post65.text import Message, msg

__all__ = ["MUNICIPAL_SHARE_MIN", "PUBLIC_READING", "PUBLIC_SHARE_MAX", "RULES", "c_3"]

PUBLIC_SHARE_MAX = "c.public_share_max"
MUNICIPAL_SHARE_MIN = "c.municipal_share_min"
PUBLIC_READING = "reading.c-3.public"

_Part = tuple[Message, bool]
"""One shortfall and whether it is an error (False: advice)."""


def _public(p: Programme, public_max: Decimal, hard: bool) -> _Part | None:
    """Public support above the preferred share: advice with a stated reason (unless the hard
    reading is selected), else an error."""
    base, public = kroner(p.cost_base), kroner(p.public_support)
    if public <= public_max * base:
        return None
    share = beside(public / base, public_max)  # 75,0000001 %, not 75,00 %
    shown = msg("c.3.public", amount=p.public_support, share=share, cost_base=p.cost_base)
    reason = p.public_support_reason.strip()
    if hard:
        return msg(
            "c.3.public_over_hard", shown=shown, limit=public_max, parameter=PUBLIC_READING
        ), True
    if reason:
        return msg("c.3.public_over_reason", shown=shown, limit=public_max, reason=reason), False
    return msg("c.3.public_over", shown=shown, limit=public_max), True


def _municipal(p: Programme, municipal_min: Decimal) -> _Part | None:
    """A municipal share below the normal one: advice with a stated reason, else an error."""
    base, municipal = kroner(p.cost_base), kroner(p.municipal_share)
    if municipal >= municipal_min * base:
        return None
    share = beside(municipal / base, municipal_min)  # 24,9999999 %, not 25,00 %
    shown = msg("c.3.municipal", amount=p.municipal_share, share=share)
    reason = p.municipal_share_reason.strip()
    if reason:
        return (
            msg("c.3.municipal_under_reason", shown=shown, limit=municipal_min, reason=reason),
            False,
        )
    return msg("c.3.municipal_under", shown=shown, limit=municipal_min), True


def _judged(
    p: Programme, public_max: Decimal, municipal_min: Decimal, hard: bool, values: dict[str, str]
) -> Result:
    """The shares against the limits, compared exactly (by multiplication)."""
    parts = [part for part in (_public(p, public_max, hard), _municipal(p, municipal_min)) if part]
    if not parts:
        base = kroner(p.cost_base)
        public = msg(
            "c.3.public",
            amount=p.public_support,
            share=beside(kroner(p.public_support) / base, public_max),
            cost_base=p.cost_base,
        )
        municipal = msg(
            "c.3.municipal",
            amount=p.municipal_share,
            share=beside(kroner(p.municipal_share) / base, municipal_min),
        )
        return verdict.result(
            "", verdict.MET, msg("c.3.met", public=public, municipal=municipal), values
        )
    for name, reason in (
        ("public_support_reason", p.public_support_reason),
        ("reason", p.municipal_share_reason),
    ):
        if reason.strip():
            values = {**values, name: reason.strip()}
    severity = None if any(error for _, error in parts) else Severity.ADVICE
    return verdict.result("", verdict.NOT_MET, joined([m for m, _ in parts]), values, severity)


@rule(
    "C-3",
    scheme="c",
    severity=Severity.ERROR,
    subject="programme",
    kinds=KINDS,
    title=msg("c.3.title"),
    citation=Citation(
        FINNMARK_SOURCE,
        "Støttenivå og finansiering for omstillingskommuner",
        "Fortrinnsvis inntil 75% av godkjent kostnadsgrunnlag.",
    ),
    interpretations=(
        Interpretation.practice(
            "preferably",
            msg("interp.c-3.preferably"),
            FINNMARK_SOURCE,
            Alternative("hard", msg("interp.c-3.preferably.alt.hard")),
        ).selected_by(PUBLIC_READING),
        Interpretation.practice(
            "municipal_normal", msg("interp.c-3.municipal_normal"), FINNMARK_SOURCE
        ),
    ),
)
def c_3(document: object, ctx: Context) -> Iterator[Result]:
    """public support ≤ ``c.public_share_max`` × cost base, else ``not_met``: advice with a
    stated reason (``public_support_reason``), an error without one or under the hard reading;
    municipal share ≥ ``c.municipal_share_min`` × cost base, else ``not_met``: advice with a
    reason (``municipal_share_reason``), an error without. One finding: an error if any part
    is. Compared exactly, by multiplication."""
    if not isinstance(document, Programme):
        return
    p = document
    public_max, municipal_min = ctx.param(PUBLIC_SHARE_MAX), ctx.param(MUNICIPAL_SHARE_MIN)
    base, public, municipal = (
        kroner(p.cost_base),
        kroner(p.public_support),
        kroner(p.municipal_share),
    )
    values = {
        "cost_base": str(base),
        "public_support": str(public),
        "municipal_share": str(municipal),
    }
    if base <= 0:
        yield verdict.result("", verdict.UNDETERMINED, msg("c.3.no_cost_base"), values)
        return
    values["public_share"] = str((public / base).quantize(Decimal("0.0001")))
    values["municipal_share_of_base"] = str((municipal / base).quantize(Decimal("0.0001")))
    if public_max is None or municipal_min is None:
        pairs = ((PUBLIC_SHARE_MAX, public_max), (MUNICIPAL_SHARE_MIN, municipal_min))
        missing = [n for n, v in pairs if v is None]
        yield verdict.result(
            "", verdict.UNDETERMINED, msg("c.3.no_parameter", names=missing), values
        )
        return
    values["public_share_max"] = str(public_max)
    values["municipal_share_min"] = str(municipal_min)
    hard = ctx.reading(PUBLIC_READING) == "hard"
    values["public_reading"] = "hard" if hard else "preferably"
    yield _judged(p, public_max, municipal_min, hard, values)


RULES: tuple[Rule, ...] = (c_3,)
"""The rules of this module."""
