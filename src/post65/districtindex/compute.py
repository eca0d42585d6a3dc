"""Computing the index from its four indicators by the published method."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import (
    ROUND_HALF_EVEN,
    ROUND_HALF_UP,
    Context,
    Decimal,
    DivisionByZero,
    InvalidOperation,
    Overflow,
    localcontext,
)
from typing import Final

import attrs

from post65._decimal import exact
from post65.districtindex.index import DistrictIndex
from post65.errors import InvalidParameter
from post65.text import msg

# --------------------------------------------------------------------------------------------
# Computing the index from its indicators

INDEX_PRECISION: Final[int] = 50
"""Significant digits :func:`compute_index` works with (square roots are rounded to this)."""

DEFAULT_WEIGHTS: Final[tuple[Decimal, Decimal, Decimal, Decimal]] = (
    Decimal(40),
    Decimal(40),
    Decimal(10),
    Decimal(10),
)
"""The published weights, in the order of :class:`Indicators`: 40/40/10/10."""

DEFAULT_TRUNCATION: Final[Decimal] = Decimal("2.5")
"""z-scores are truncated to ``[-2.5, 2.5]``."""


def _exact(value: object) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, Decimal | int):
        kind = type(value).__name__
        raise InvalidParameter(msg("index.compute.not_exact", kind=kind))
    out = Decimal(value)
    if not out.is_finite():
        raise InvalidParameter(msg("index.compute.not_finite", value=str(out)))
    return out


@attrs.frozen
class Indicators:
    """The four indicators of one municipality, each "higher is better" (fewer challenges).

    - ``centrality``: SSB's centrality index (sentralitetsindeksen);
    - ``population_growth``: population growth over ten years;
    - ``employment_growth``: employment growth over ten years;
    - ``business_diversity``: the inverse Herfindahl index of private-sector employment.
    """

    centrality: Decimal = attrs.field(converter=_exact)
    population_growth: Decimal = attrs.field(converter=_exact)
    employment_growth: Decimal = attrs.field(converter=_exact)
    business_diversity: Decimal = attrs.field(converter=_exact)

    def values(self) -> tuple[Decimal, Decimal, Decimal, Decimal]:
        """The four values, in the order of :data:`DEFAULT_WEIGHTS`."""
        return (
            self.centrality,
            self.population_growth,
            self.employment_growth,
            self.business_diversity,
        )


_INDICATOR_NAMES: Final = (
    msg("index.indicator.centrality"),
    msg("index.indicator.population_growth"),
    msg("index.indicator.employment_growth"),
    msg("index.indicator.business_diversity"),
)


@exact
def compute_index(
    indicators: Mapping[str, Indicators],
    *,
    weights: Sequence[Decimal | int] = DEFAULT_WEIGHTS,
    truncation: Decimal | int | None = DEFAULT_TRUNCATION,
    precision: int = INDEX_PRECISION,
    places: int | None = None,
    year: int | None = None,
) -> DistrictIndex:
    """A district index from the four indicators of each municipality, by the published method.

    For each indicator: the z-score ``(x − mean)/sd`` with the *sample* standard deviation
    (divisor ``n − 1``), truncated to ``[−truncation, truncation]`` (``None``: no truncation).
    The weighted sum ``S = Σ w_j·z_j`` (weights 40/40/10/10 by default) is rescaled min–max to
    0–100: ``100·(S − min S)/(max S − min S)``. All arithmetic is ``Decimal`` with
    ``precision`` significant digits (default 50, ``ROUND_HALF_EVEN``); the square root is
    Decimal's own, correctly rounded to that precision. ``places`` rounds the scores
    (``ROUND_HALF_UP``) to that many decimals; by default they are left at full precision.

    >>> from decimal import Decimal as D
    >>> idx = compute_index({
    ...     "1826": Indicators(1, 1, 1, 1),
    ...     "1875": Indicators(2, 2, 2, 2),
    ...     "0301": Indicators(3, 3, 3, 3),
    ... })
    >>> [idx.scores[nr] for nr in ("1826", "1875", "0301")]
    [Decimal('0'), Decimal('50'), Decimal('100')]

    :raises InvalidParameter: (a ``ValueError``) for fewer than two municipalities, an
        indicator with the same value everywhere (its standard deviation is 0), weights that
        are not four non-negative numbers with a positive sum, a non-positive truncation, or
        weighted sums that are all equal (nothing to rescale), ``places`` that is not an
        integer from 0 to ``precision − 3``, or indicators too large to compute with.
    """
    if not isinstance(indicators, Mapping) or len(indicators) < 2:
        raise InvalidParameter(msg("index.compute.too_few"))
    for nr, item in indicators.items():
        if not isinstance(item, Indicators):
            raise InvalidParameter(
                msg("index.compute.not_indicators", nr=str(nr), kind=type(item).__name__)
            )
    w = [_exact(x) for x in weights]
    if len(w) != 4 or any(x < 0 for x in w) or sum(w) <= 0:
        raise InvalidParameter(msg("index.compute.weights"))
    limit = None if truncation is None else _exact(truncation)
    if limit is not None and limit <= 0:
        raise InvalidParameter(msg("index.compute.truncation"))
    if isinstance(precision, bool) or not isinstance(precision, int) or not 10 <= precision <= 1000:
        raise InvalidParameter(msg("index.compute.precision"))
    if places is not None and (
        type(places) is not int or not 0 <= places <= precision - _INTEGER_DIGITS
    ):
        shown = repr(places)[:40] if isinstance(places, int | str) else type(places).__name__
        top = precision - _INTEGER_DIGITS
        raise InvalidParameter(msg("index.compute.places", top=top, shown=shown))
    try:
        return _compute(indicators, w, limit, precision, places, year)
    except ArithmeticError:  # an overflow or an impossible operation on absurd indicators
        raise InvalidParameter(msg("index.compute.too_large")) from None


_INTEGER_DIGITS = 3  # a score has at most 3 digits before the decimal point (100)


def _compute(
    indicators: Mapping[str, Indicators],
    w: list[Decimal],
    limit: Decimal | None,
    precision: int,
    places: int | None,
    year: int | None,
) -> DistrictIndex:
    ctx = Context(
        prec=precision,
        rounding=ROUND_HALF_EVEN,
        traps=[InvalidOperation, DivisionByZero, Overflow],
    )
    numbers = sorted(indicators)
    columns = [[indicators[nr].values()[j] for nr in numbers] for j in range(4)]
    scores: dict[str, Decimal] = {}
    with localcontext(ctx):
        n = Decimal(len(numbers))
        z_columns: list[list[Decimal]] = []
        for j, column in enumerate(columns):
            mean = sum(column, Decimal(0)) / n
            variance = sum(((x - mean) ** 2 for x in column), Decimal(0)) / (n - 1)
            sd = variance.sqrt()
            if sd.is_zero():
                raise InvalidParameter(
                    msg("index.compute.same_value", indicator=_INDICATOR_NAMES[j])
                )
            z = [(x - mean) / sd for x in column]
            if limit is not None:
                z = [max(-limit, min(limit, v)) for v in z]
            z_columns.append(z)
        weighted = [
            sum((w[j] * z_columns[j][i] for j in range(4)), Decimal(0)) for i in range(len(numbers))
        ]
        low, high = min(weighted), max(weighted)
        if low == high:
            raise InvalidParameter(msg("index.compute.same_sum"))
        span = high - low
        for nr, s in zip(numbers, weighted, strict=True):
            score = 100 * (s - low) / span
            if places is not None:
                score = score.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
            scores[nr] = max(Decimal(0), min(Decimal(100), score))
    return DistrictIndex(scores, year=year, source="compute_index")
