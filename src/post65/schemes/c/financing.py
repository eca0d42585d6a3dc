"""C-3: public support at most 75 % of the approved cost base; the municipalities normally pay
25 %.

Source: Finnmark fylkeskommune, «Støttenivå og finansiering»: «støtte fortrinnsvis inntil 75 % av
godkjent kostnadsgrunnlag; kommunen bidrar normalt med 25 %» (parameters ``c.public_share_max``
and ``c.municipal_share_min``). A municipal share below the normal one is advice when the
programme gives a reason, an error when it gives none.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from post65.law import Alternative, Citation, Interpretation
from post65.money import kroner
from post65.programme import KINDS, Programme
from post65.rulebook import Context, Outcome, Result, Rule, Severity, rule
from post65.schemes.c import FINNMARK_SOURCE
from post65.text import msg

__all__ = ["MUNICIPAL_SHARE_MIN", "PUBLIC_SHARE_MAX", "RULES", "c_3"]

PUBLIC_SHARE_MAX = "c.public_share_max"
MUNICIPAL_SHARE_MIN = "c.municipal_share_min"


def _judged(
    p: Programme, public_max: Decimal, municipal_min: Decimal, values: dict[str, str]
) -> Result:
    """The shares against the limits, compared exactly (by multiplication)."""
    base, public, municipal = (
        kroner(p.cost_base),
        kroner(p.public_support),
        kroner(p.municipal_share),
    )
    shown_public = msg(
        "c.3.public", amount=p.public_support, share=public / base, cost_base=p.cost_base
    )
    shown_municipal = msg("c.3.municipal", amount=p.municipal_share, share=municipal / base)
    if public > public_max * base:
        message = msg("c.3.public_over", shown=shown_public, limit=public_max)
        return Result("", Outcome.NOT_MET, message, values)
    if municipal < municipal_min * base:
        reason = p.municipal_share_reason.strip()
        if reason:
            message = msg(
                "c.3.municipal_under_reason",
                shown=shown_municipal,
                limit=municipal_min,
                reason=reason,
            )
            return Result(
                "", Outcome.NOT_MET, message, {**values, "reason": reason}, Severity.ADVICE
            )
        message = msg("c.3.municipal_under", shown=shown_municipal, limit=municipal_min)
        return Result("", Outcome.NOT_MET, message, values)
    message = msg("c.3.met", public=shown_public, municipal=shown_municipal)
    return Result("", Outcome.MET, message, values)


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
        Interpretation.library(
            "public_hard",
            msg("interp.c-3.public_hard"),
            Alternative("advice_with_reason", msg("interp.c-3.public_hard.alt.advice_with_reason")),
        ),
        Interpretation.practice(
            "municipal_normal", msg("interp.c-3.municipal_normal"), "finnmark-omstilling"
        ),
    ),
)
def c_3(document: object, ctx: Context) -> Iterator[Result]:
    """public support ≤ ``c.public_share_max`` × cost base (error); municipal share ≥
    ``c.municipal_share_min`` × cost base, else ``not_met``: an error without a reason, advice
    with one (``municipal_share_reason``). Compared exactly, by multiplication."""
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
        yield Result("", Outcome.UNDETERMINED, msg("c.3.no_cost_base"), values)
        return
    values["public_share"] = str((public / base).quantize(Decimal("0.0001")))
    values["municipal_share_of_base"] = str((municipal / base).quantize(Decimal("0.0001")))
    if public_max is None or municipal_min is None:
        pairs = ((PUBLIC_SHARE_MAX, public_max), (MUNICIPAL_SHARE_MIN, municipal_min))
        missing = [n for n, v in pairs if v is None]
        yield Result("", Outcome.UNDETERMINED, msg("c.3.no_parameter", names=missing), values)
        return
    values["public_share_max"] = str(public_max)
    values["municipal_share_min"] = str(municipal_min)
    yield _judged(p, public_max, municipal_min, values)


RULES: tuple[Rule, ...] = (c_3,)
"""The rules of this module."""
