"""C-5: support from a restructuring measure to an undertaking stays within the de minimis limit.

Source: the EEA de minimis rules (Regulation (EU) 2023/2831 art. 3(2); 1407/2013), the same rule
as B-5 (:mod:`post65.schemes.de_minimis`): every measure that supports an undertaking.
"""

from __future__ import annotations

from post65.law import Interpretation
from post65.programme import KINDS, Programme
from post65.rulebook import Context, Rule
from post65.schemes.de_minimis import Supported, de_minimis_rule, supported
from post65.text import msg

__all__ = ["RULES", "c_5"]


def _supports(document: object, ctx: Context) -> list[Supported]:
    """Every measure that supports an undertaking; one place saying none does, if none."""
    if not isinstance(document, Programme):
        return []
    # a list, not a generator: made in one loop, without resuming a frame per measure
    subjects = ctx.subjects("/measures", len(document.measures))
    out = [
        supported(subjects[i], m.support, None, msg("stateaid.de_minimis.measure", id=m.id))
        for i, m in enumerate(document.measures)
        if m.support is not None
    ]
    if not out:
        return [supported("", None, msg("stateaid.de_minimis.no_measure"), None)]
    return out


c_5 = de_minimis_rule(
    "C-5",
    scheme="c",
    kinds=KINDS,
    supports=_supports,
    interpretations=(Interpretation.library("de_minimis", msg("interp.c-5.de_minimis")),),
)
"""As B-5, for every measure that supports an undertaking."""

RULES: tuple[Rule, ...] = (c_5,)
"""The rules of this module."""
