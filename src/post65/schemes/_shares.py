"""A share shown beside its limit: rounded as ``{:pct}`` rounds it unless that would put it on
the limit, then with one more decimal at a time until it is on its own side (rules B-3, C-3).

A grant share of 400 000 kr of 799 999,99 kr is 50,000001 %, above a limit of 50 %: written
with two decimals it would read «50,00 % … over 50,00 %».

>>> beside(Decimal(400_000) / Decimal("799999.99"), Decimal("0.5"))
Decimal('0.50000001')
>>> beside(Decimal("0.52"), Decimal("0.5"))
Decimal('0.5200')
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Context, Decimal
from typing import Final

__all__ = ["beside"]

_CTX: Final = Context(prec=100, rounding=ROUND_HALF_UP)
_FIRST: Final = 4
"""The places of a share ``{:pct}`` shows (two decimals of a per cent)."""


def beside(share: Decimal, limit: Decimal) -> Decimal:
    """``share`` rounded to the fewest places (at least four, ``{:pct}``'s two decimals of a per
    cent, and at least as many as ``limit`` has) at which it compares with ``limit`` as the
    exact share does; shown with ``{:pctx}``."""
    side = (share > limit) - (share < limit)
    exponent = limit.normalize().as_tuple().exponent  # the limit's own decimals (finite)
    places = max(_FIRST, -exponent if isinstance(exponent, int) else 0)
    while True:
        shown = share.quantize(Decimal(1).scaleb(-places), context=_CTX)
        if (shown > limit) - (shown < limit) == side or shown == share:
            return shown
        places += 1
