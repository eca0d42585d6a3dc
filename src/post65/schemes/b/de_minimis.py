"""B-5: support from a scheme b grant to an undertaking stays within the de minimis limit.

Source: the EEA de minimis rules (Regulation (EU) 2023/2831 art. 3(2); 1407/2013), the same rule
as C-5 (:mod:`post65.schemes.de_minimis`): per application, its support to an undertaking, if
any.
"""

from __future__ import annotations

from typing import Final

from post65.applications import KINDS
from post65.law import Interpretation
from post65.rulebook import Context, Rule
from post65.schemes.b._common import items
from post65.schemes.de_minimis import Supported, de_minimis_rule, supported
from post65.text import msg

__all__ = ["RULES", "b_5"]


_NO_UNDERTAKING: Final = msg("stateaid.de_minimis.no_undertaking")
"""What an application supporting no undertaking says: one message, shared."""


def _supports(document: object, ctx: Context) -> list[Supported]:
    """Every application, with the support it gives (or none)."""
    # a list, not a generator: made in one loop, without resuming a frame per application
    return [
        supported(item.subject, item.app.support, _NO_UNDERTAKING, None)
        for item in items(document, ctx)
    ]


b_5 = de_minimis_rule(
    "B-5",
    scheme="b",
    kinds=KINDS,
    supports=_supports,
    interpretations=(Interpretation.library("de_minimis", msg("interp.b-5.de_minimis")),),
)
"""The undertaking's de minimis aid in the window, this grant included, against the limit in
EUR at the stated rate (see :func:`post65.deminimis.assess`)."""

RULES: tuple[Rule, ...] = (b_5,)
"""The rules of this module."""
