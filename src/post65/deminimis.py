"""The de minimis assessment: an undertaking's aid in the window, this grant included, against
the EUR limit converted at a stated rate (rules B-5 and C-5; the types are in
:mod:`post65.stateaid`).

>>> import datetime as dt
>>> from decimal import Decimal
>>> from post65.money import nok
>>> from post65.stateaid import Aid, DeMinimisRegister, Regime
>>> register = DeMinimisRegister("974760673", (Aid(dt.date(2023, 3, 1), nok(1_000_000)),))
>>> a = assess(register, nok(500_000), dt.date(2025, 2, 1), rate=Decimal("11.5"),
...            regime=Regime.EU_2023_2831)
>>> a.outcome.value, a.total, a.limit_nok
('met', <Quantity(1500000, 'NOK')>, <Quantity(3450000, 'NOK')>)
>>> print(a.message("en").replace("\\u00a0", " "))
total de minimis aid 2022-02-02–2025-02-01, this grant included, is 1 500 000 kr, within the \
limit EUR 300 000 = 3 450 000 kr (rate 11.5, regulation 2023/2831)
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Final

import attrs

from post65._decimal import exact
from post65.errors import InvalidAmount
from post65.money import Money, _quantity_kroner, kroner, total
from post65.parameters import Parameters
from post65.rulebook import MET, NOT_MET, UNDETERMINED, Outcome, Result
from post65.stateaid import (
    CHANGE_DATE_PARAMETER,
    LIMIT_PARAMETER,
    RATE_PARAMETER,
    DeMinimisRegister,
    Regime,
    Support,
    euros_to_nok,
    is_organisasjonsnummer,
    positive_rate,
    window,
)
from post65.text import Message, msg

__all__ = ["DeMinimisAssessment", "assess", "assess_support", "support_result"]

KEYS: Final = (
    "stateaid.outcome.met",
    "stateaid.outcome.not_met",
    "stateaid.outcome.undetermined",
    "stateaid.outcome.not_applicable",
)
"""The words for an outcome inside a de minimis message (built from the outcome)."""


def _outcome(outcome: Outcome) -> Message:
    return msg(f"stateaid.outcome.{outcome.value}")


@attrs.frozen
class DeMinimisAssessment:
    """What :func:`assess` found: the outcome, and the figures it looked at."""

    outcome: Outcome
    message: Message
    regime: Regime | None = None
    total: Money | None = None
    limit_eur: Decimal | None = None
    limit_nok: Money | None = None
    rate: Decimal | None = None
    window: tuple[dt.date, dt.date] | None = None

    def values(self) -> dict[str, str]:
        """The figures as strings (for :attr:`post65.rules.Result.values`)."""
        out: dict[str, str] = {}
        if self.regime is not None:
            out["regime"] = str(self.regime)  # a StrEnum: its value, without Enum.value
        if self.total is not None:
            out["total_nok"] = str(kroner(self.total))
        if self.limit_eur is not None:
            out["limit_eur"] = str(self.limit_eur)
        if self.limit_nok is not None:
            out["limit_nok"] = str(kroner(self.limit_nok))
        if self.rate is not None:
            out["eur_nok_rate"] = str(self.rate)
        if self.window is not None:
            out["window"] = f"{self.window[0].isoformat()}/{self.window[1].isoformat()}"
        return out


def _change_date(value: Decimal) -> dt.date | None:
    """The date a ``YYYYMMDD`` parameter value names, or None if it names none."""
    if value != value.to_integral_value():
        return None
    digits = str(int(value))
    if len(digits) != 8:
        return None
    try:
        return dt.date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
    except ValueError:
        return None


def _shown(rate: Decimal) -> Message | str:
    """The rate for a message: written as each language writes a number (11,65 in Norwegian),
    or, beyond what ``{:num}`` writes out (below 10^-99 or from 10^100 on, absurd but
    positive), as Decimal writes it."""
    return msg("stateaid.rate_shown", rate=rate) if -99 <= rate.adjusted() <= 99 else str(rate)


def _under(
    register: DeMinimisRegister,
    amount: Money,
    granted: dt.date,
    regime: Regime,
    rate: Decimal,
    parameters: Parameters,
) -> DeMinimisAssessment:
    limit = parameters.get(LIMIT_PARAMETER[regime], granted)
    first, last = window(granted, regime)
    together = total((register.granted_between(first, last), amount))
    if limit is None:
        return DeMinimisAssessment(
            UNDETERMINED,
            msg(
                "stateaid.limit.unknown",
                regime=str(regime),
                granted=granted,
                parameter=LIMIT_PARAMETER[regime],
            ),
            regime=regime,
            total=together,
            rate=rate,
            window=(first, last),
        )
    try:
        limit_nok = euros_to_nok(limit, rate)
    except InvalidAmount:  # past 10^18 kr at this rate (an absurd one): not to be compared
        return DeMinimisAssessment(
            UNDETERMINED,
            msg("stateaid.limit.too_large", limit=limit, rate=_shown(rate), regime=str(regime)),
            regime=regime,
            total=together,
            limit_eur=limit,
            rate=rate,
            window=(first, last),
        )
    within = _quantity_kroner(together) <= _quantity_kroner(limit_nok)  # as kroner(), unwritten
    figures = {
        "first": first,
        "last": last,
        "total": together,
        "limit": limit,
        "limit_nok": limit_nok,
        "rate": _shown(rate),
        "regime": str(regime),
    }
    return DeMinimisAssessment(
        MET if within else NOT_MET,
        msg("stateaid.within", **figures) if within else msg("stateaid.above", **figures),
        regime=regime,
        total=together,
        limit_eur=limit,
        limit_nok=limit_nok,
        rate=rate,
        window=(first, last),
    )


def _regime(granted: dt.date, params: Parameters) -> Regime | Message | None:
    """The regime the change-date parameter gives, a message when it names no date, or None
    when it is not set."""
    change = params.get(CHANGE_DATE_PARAMETER, granted)
    if change is None:
        return None
    change_day = _change_date(change)
    if change_day is None:
        return msg("stateaid.change_date.invalid", parameter=CHANGE_DATE_PARAMETER, value=change)
    return Regime.EU_2023_2831 if granted >= change_day else Regime.EU_1407_2013


def _both(
    register: DeMinimisRegister, amount: Money, granted: dt.date, rate: Decimal, params: Parameters
) -> DeMinimisAssessment:
    """Under both regulations: the answer when they agree, else ``undetermined``."""
    old = _under(register, amount, granted, Regime.EU_1407_2013, rate, params)
    new = _under(register, amount, granted, Regime.EU_2023_2831, rate, params)
    if old.outcome is new.outcome and old.outcome is not UNDETERMINED:
        # Report the figures of the regulation that decides most narrowly: when both are met,
        # the stricter (1407/2013) one; when both are not met, the looser (2023/2831) one.
        shown = old if old.outcome is MET else new
        return attrs.evolve(
            shown, regime=None, message=msg("stateaid.both_agree", message=shown.message)
        )
    return DeMinimisAssessment(
        UNDETERMINED,
        msg(
            "stateaid.regime.decides",
            old=_outcome(old.outcome),
            new=_outcome(new.outcome),
            parameter=CHANGE_DATE_PARAMETER,
        ),
        total=old.total,
        rate=rate,
    )


@exact
def assess(
    register: DeMinimisRegister,
    amount: Money,
    granted: dt.date,
    *,
    rate: Decimal | None,
    regime: Regime | None = None,
    parameters: Parameters | None = None,
) -> DeMinimisAssessment:
    """Whether a grant of ``amount`` on ``granted`` keeps the undertaking within the de minimis
    limit: the aid in the window (see :func:`post65.stateaid.window`) plus this grant, against
    the limit in EUR converted at ``rate`` (NOK per EUR, stated by the caller).

    - No rate (neither given nor the parameter ``stateaid.eur_nok_rate``): ``undetermined``.
    - The regime: ``regime`` if given; else the parameter ``stateaid.de_minimis_change_date``
      (``YYYYMMDD``, no default): 2023/2831 from that date, 1407/2013 before it. With neither,
      both regimes are tried, and when they agree the answer stands (below EUR 200 000 in the
      longer window is within both, above EUR 300 000 in the shorter is above both); when they
      disagree the outcome is ``undetermined`` and says to set the change date or the regime.
    """
    return _assess(register, amount, granted, rate, regime, parameters)


def _assess(
    register: DeMinimisRegister,
    amount: Money,
    granted: dt.date,
    rate: Decimal | None,
    regime: Regime | None,
    parameters: Parameters | None,
) -> DeMinimisAssessment:
    """:func:`assess`, in the decimal context its caller installed."""
    params = parameters or Parameters()
    stated_rate = rate if rate is not None else params.get(RATE_PARAMETER, granted)
    if stated_rate is None:
        return DeMinimisAssessment(
            UNDETERMINED, msg("stateaid.rate.missing", parameter=RATE_PARAMETER)
        )
    stated_rate = positive_rate(stated_rate)
    found = regime if regime is not None else _regime(granted, params)
    if isinstance(found, Message):
        return DeMinimisAssessment(UNDETERMINED, found, rate=stated_rate)
    if found is not None:
        return _under(register, amount, granted, found, stated_rate, params)
    return _both(register, amount, granted, stated_rate, params)


@exact
def assess_support(support: Support, parameters: Parameters | None = None) -> DeMinimisAssessment:
    """:func:`assess` for a :class:`~post65.stateaid.Support` as a document states it."""
    return _assess_support(support, parameters)


def _assess_support(support: Support, parameters: Parameters | None) -> DeMinimisAssessment:
    """:func:`assess_support`, in the decimal context its caller installed (a check assesses
    every supported undertaking: each exact call costs more than the little it computes)."""
    if not is_organisasjonsnummer(support.organisasjonsnummer):
        return DeMinimisAssessment(
            UNDETERMINED,
            msg("stateaid.orgnr.unidentified", value=support.organisasjonsnummer[:20]),
        )
    return _assess(
        support.register(),
        support.amount,
        support.granted,
        support.eur_nok_rate,
        support.regime,
        parameters,
    )


@exact
def support_result(
    subject: str, support: Support, parameters: Parameters, *, label: Message | None = None
) -> Result:
    """The B-5/C-5 finding on one support to an undertaking: :func:`assess_support`'s outcome at
    ``subject``, the message naming the undertaking (after ``label``, e.g. the measure)."""
    a = _assess_support(support, parameters)
    who = msg("stateaid.undertaking", name=support.name, orgnr=support.organisasjonsnummer)
    if label is not None:
        who = msg("stateaid.labelled", label=label, who=who)
    return Result(
        subject,
        a.outcome,
        msg("stateaid.finding", who=who, message=a.message),
        {"organisasjonsnummer": support.organisasjonsnummer, **a.values()},
    )
