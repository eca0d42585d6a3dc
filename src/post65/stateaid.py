"""State aid: organisasjonsnummer, the de minimis register of an undertaking, and the EUR limit.

Support from schemes b and c to an undertaking (foretak) is normally de minimis aid
(bagatellmessig støtte) under the EEA rules. Rules B-5 and C-5 ask whether the undertaking's de
minimis aid, this grant included, stays within the limit. This module holds what they need:

- :class:`Organisasjonsnummer`: the nine-digit number of the Enhetsregisteret, its last digit a
  mod-11 check digit over the first eight with weights 3, 2, 7, 6, 5, 4, 3, 2;
- :class:`Aid` and :class:`DeMinimisRegister`: the aid an undertaking has had, by date, in NOK;
- :class:`Regime`: the two EEA regulations. Regulation (EU) 1407/2013 allows EUR 200 000 «over
  any period of three fiscal years»; Regulation (EU) 2023/2831 allows EUR 300 000 «over any period
  of three years». Which one applies to a grant depends on when Norway took in the new one, a date
  post65 does not assume (see :func:`assess`);
- the limit is in EUR and the register in NOK: the limit is converted at a rate **the caller
  states** (:func:`eur_nok_context`), never at a hidden one. ``EUR`` lives in a registry of its
  own (:func:`eur_registry`) as a currency of its own dimension, so EUR and NOK never mix by
  accident: converting needs the explicit pint context that carries the rate.

The window: under 1407/2013, the current and the two previous fiscal years (post65 takes the
fiscal year to be the calendar year), up to and including the grant date; under 2023/2831, the
three years ending on the grant date.

>>> import datetime as dt
>>> from decimal import Decimal
>>> from post65.money import nok
>>> Organisasjonsnummer.parse("974760673").value
'974760673'
>>> is_organisasjonsnummer("974760674")
False
>>> register = DeMinimisRegister("974760673", (Aid(dt.date(2023, 3, 1), nok(1_000_000)),))
>>> register.total(dt.date(2025, 2, 1), Regime.EU_2023_2831)
<Quantity(1000000, 'NOK')>

The assessment against the limit is :func:`post65.deminimis.assess`.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import operator
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

import attrs
import pint
from pint.facets.context.objects import Context

from post65._decimal import exact, exact_methods
from post65._sums import Sums
from post65.dates import add_years
from post65.errors import InvalidAmount, InvalidParameter, Problem, pointer
from post65.money import Money, kroner, nok, total
from post65.text import Message, msg

__all__ = [
    "CHANGE_DATE_PARAMETER",
    "LIMIT_PARAMETER",
    "RATE_PARAMETER",
    "Aid",
    "DeMinimisRegister",
    "Organisasjonsnummer",
    "Regime",
    "Support",
    "eur",
    "eur_nok_context",
    "eur_registry",
    "eur_to_nok",
    "euros_to_nok",
    "is_organisasjonsnummer",
    "organisasjonsnummer_check_digit",
    "positive_rate",
    "support_problems",
    "window",
]

# --------------------------------------------------------------------------------------------
# Organisasjonsnummer

_WEIGHTS = (3, 2, 7, 6, 5, 4, 3, 2)


def organisasjonsnummer_check_digit(first_eight: str) -> int | None:
    """The check digit for the first eight digits of an organisasjonsnummer, or ``None`` when
    the weighted sum leaves remainder 1 (check digit 10: no number is issued with those digits).

    >>> organisasjonsnummer_check_digit("97476067")
    3
    """
    if len(first_eight) != 8 or not first_eight.isascii() or not first_eight.isdigit():
        raise InvalidParameter(msg("stateaid.orgnr.eight_digits", got=repr(first_eight[:20])))
    remainder = sum(map(operator.mul, _WEIGHTS, map(int, first_eight))) % 11  # 8 of each
    check = (11 - remainder) % 11
    return None if check == 10 else check


def _problem_text(value: object) -> Message | None:
    """Why ``value`` is no organisasjonsnummer, or None if it is one."""
    if type(value) is not str:
        return msg("stateaid.orgnr.not_text")
    if len(value) != 9 or not value.isascii() or not value.isdigit():
        return msg("stateaid.orgnr.nine_digits", value=value[:20])
    check = organisasjonsnummer_check_digit(value[:8])
    if check is None or check != int(value[8]):
        return msg("stateaid.orgnr.check_digit", value=value)
    return None


def is_organisasjonsnummer(value: object) -> bool:
    """True if ``value`` is nine digits whose last is the right mod-11 check digit."""
    return _problem_text(value) is None


def _check_orgnr(_instance: object, _attribute: object, value: str) -> None:
    why = _problem_text(value)
    if why is not None:
        raise InvalidParameter(why)


@attrs.frozen
class Organisasjonsnummer:
    """A valid organisasjonsnummer (Enhetsregisteret): nine digits, mod-11 check digit last.

    >>> Organisasjonsnummer("974760674")
    Traceback (most recent call last):
    ...
    post65.errors.InvalidParameter: "974760674" is not a valid organisasjonsnummer: the check \
digit (modulus 11) is wrong
    """

    value: str = attrs.field(validator=_check_orgnr)

    @classmethod
    def parse(cls, text: str) -> Organisasjonsnummer:
        """The organisasjonsnummer written ``text``; spaces between digit groups are allowed
        (``"974 760 673"``)."""
        if type(text) is not str:
            raise InvalidParameter(_problem_text(text) or msg("stateaid.orgnr.not_text"))
        return cls(text.replace(" ", "").replace("\u00a0", ""))

    def __str__(self) -> str:
        return self.value


# --------------------------------------------------------------------------------------------
# EUR, converted only at a stated rate


@functools.cache
def eur_registry() -> pint.UnitRegistry[Decimal]:
    """The small registry where euro lives: ``NOK`` (``[currency]``) and ``EUR``
    (``[currency_eur]``), Decimal magnitudes, built on first use. It is not
    :data:`post65.money.ureg`: amounts of money in post65 stay NOK-only, and the euro limit meets
    them only through :func:`eur_to_nok` at a stated rate."""
    registry: pint.UnitRegistry[Decimal] = pint.UnitRegistry(None, non_int_type=Decimal)
    registry.define("NOK = [currency] = kr")
    registry.define("EUR = [currency_eur] = €")
    return registry


def positive_rate(rate: object) -> Decimal:
    """``rate`` as a positive, finite Decimal (an int is taken as one); else InvalidParameter."""
    if type(rate) is int:
        rate = Decimal(rate)
    if type(rate) is not Decimal or not rate.is_finite() or rate <= 0:
        raise InvalidParameter(msg("stateaid.rate.invalid", rate=repr(rate)))
    return rate


def eur(amount: int | Decimal) -> pint.Quantity[Decimal]:
    """An amount in euro (its own dimension: it never converts to NOK without a rate).

    >>> eur(300_000)
    <Quantity(300000, 'EUR')>
    >>> eur(1).to("NOK")
    Traceback (most recent call last):
    ...
    pint.errors.DimensionalityError: Cannot convert from 'EUR' ([currency_eur]) to 'NOK' \
([currency])
    """
    if isinstance(amount, bool) or not isinstance(amount, (int, Decimal)):
        raise InvalidAmount(msg("stateaid.eur.invalid"))
    return eur_registry().Quantity(Decimal(amount), "EUR")


def eur_nok_context(rate: Decimal | int) -> Context:
    """The pint context that converts EUR to NOK (and back) at ``rate`` kroner per euro, stated
    by the caller: post65 knows no exchange rate of its own.

    >>> eur(2).to("NOK", eur_nok_context(Decimal("11.5")))
    <Quantity(23.0, 'NOK')>
    """
    stated = positive_rate(rate)
    context = Context()
    per_eur = eur_registry().Quantity(stated, "NOK/EUR")

    def to_nok(ureg: Any, value: Any, **kwargs: Any) -> Any:
        return value * per_eur

    def to_eur(ureg: Any, value: Any, **kwargs: Any) -> Any:
        return value / per_eur

    context.add_transformation("[currency_eur]", "[currency]", to_nok)
    context.add_transformation("[currency]", "[currency_eur]", to_eur)
    return context


@exact
def eur_to_nok(amount: pint.Quantity[Decimal], rate: Decimal | int) -> Money:
    """``amount`` (EUR) in NOK at the stated ``rate``, exactly."""
    return euros_to_nok(Decimal(amount.to("EUR").magnitude), rate)


def euros_to_nok(euros: int | Decimal, rate: Decimal | int) -> Money:
    """``eur_to_nok(eur(euros), rate)``: a number of euros in NOK at ``rate``, exactly, without
    building the EUR quantity (a check converts the de minimis limit for every undertaking).

    >>> euros_to_nok(200_000, Decimal("11.5"))
    <Quantity(2300000, 'NOK')>
    """
    if isinstance(euros, bool) or not isinstance(euros, (int, Decimal)):
        raise InvalidAmount(msg("stateaid.eur.invalid"))
    return nok(_eur_to_nok(Decimal(euros), positive_rate(rate)))


@functools.lru_cache(maxsize=256)
def _eur_to_nok(euros: Decimal, rate: Decimal) -> Decimal:
    # Remembered per (amount, rate): a pint conversion through a context costs ~0.5 ms, and a
    # check asks for the same limit at the same rate for every undertaking.
    converted: pint.Quantity[Decimal] = eur(euros).to("NOK", eur_nok_context(rate))
    return kroner(converted)


# --------------------------------------------------------------------------------------------
# The register


class Regime(enum.StrEnum):
    """The EEA de minimis regulation a grant falls under."""

    EU_1407_2013 = "1407/2013"
    """EUR 200 000 over any period of three fiscal years."""
    EU_2023_2831 = "2023/2831"
    """EUR 300 000 over any period of three years."""


LIMIT_PARAMETER = {
    Regime.EU_1407_2013: "stateaid.de_minimis_limit_eur.1407_2013",
    Regime.EU_2023_2831: "stateaid.de_minimis_limit_eur.2023_2831",
}
CHANGE_DATE_PARAMETER = "stateaid.de_minimis_change_date"
RATE_PARAMETER = "stateaid.eur_nok_rate"


def window(on: dt.date, regime: Regime) -> tuple[dt.date, dt.date]:
    """The first and last day whose aid counts for a grant on ``on``.

    >>> window(dt.date(2025, 6, 1), Regime.EU_1407_2013)
    (datetime.date(2023, 1, 1), datetime.date(2025, 6, 1))
    >>> window(dt.date(2025, 6, 1), Regime.EU_2023_2831)
    (datetime.date(2022, 6, 2), datetime.date(2025, 6, 1))
    """
    if regime is Regime.EU_1407_2013:
        return dt.date(max(on.year - 2, dt.MINYEAR), 1, 1), on
    first = add_years(on, -3)
    return (first if first == dt.date.min else first + dt.timedelta(days=1)), on


@attrs.frozen
class Aid:
    """One item of de minimis aid an undertaking has received: when, how much (NOK), from whom."""

    granted: dt.date
    amount: pint.Quantity[Decimal] = attrs.field(metadata={"minimum": 0})
    grantor: str = ""
    description: str = ""


@exact_methods
@attrs.frozen
class DeMinimisRegister:
    """The de minimis aid one undertaking has received, by date, in NOK."""

    organisasjonsnummer: str
    aid: tuple[Aid, ...] = ()

    def add(self, item: Aid) -> DeMinimisRegister:
        """A copy with ``item`` added."""
        return attrs.evolve(self, aid=(*self.aid, item))

    def total(self, on: dt.date, regime: Regime) -> Money:
        """The aid granted inside the window of a grant on ``on`` (see :func:`window`)."""
        return self.granted_between(*window(on, regime))

    def granted_between(self, first: dt.date, last: dt.date) -> Money:
        """The aid granted from ``first`` to ``last``, both days included (a window already
        worked out: :func:`window`)."""
        return total(a.amount for a in self.aid if first <= a.granted <= last)


@exact_methods
@attrs.frozen
class Support:
    """Support to an undertaking (foretak) from a grant, as de minimis aid, with the
    undertaking's earlier de minimis aid.

    ``eur_nok_rate`` is the rate the caller states for converting the EUR limit to NOK;
    ``regime`` says which regulation the grant falls under, when the caller knows."""

    organisasjonsnummer: str = attrs.field(metadata={"doc": "nine digits, mod-11 check digit"})
    name: str
    amount: pint.Quantity[Decimal] = attrs.field(
        metadata={"doc": "the aid to the undertaking from this grant (NOK)", "minimum": 0}
    )
    granted: dt.date = attrs.field(metadata={"doc": "the date of the grant (tilsagn)"})
    previous_aid: tuple[Aid, ...] = attrs.field(
        default=(), metadata={"doc": "de minimis aid the undertaking has received before"}
    )
    eur_nok_rate: Decimal | None = attrs.field(
        default=None, metadata={"doc": 'NOK per EUR stated by the caller, e.g. "11.50"'}
    )
    regime: Regime | None = attrs.field(
        default=None, metadata={"doc": 'the regulation that applies: "1407/2013" or "2023/2831"'}
    )

    def register(self) -> DeMinimisRegister:
        """The undertaking's register of earlier aid."""
        return DeMinimisRegister(self.organisasjonsnummer, self.previous_aid)


def support_problems(support: Support, base: tuple[str | int, ...]) -> Iterable[Problem]:
    """What makes a :class:`Support` unusable, located below ``base`` (for ``validate``)."""
    why = _problem_text(support.organisasjonsnummer)
    if why is not None:
        yield Problem(pointer(*base, "organisasjonsnummer"), why)
    sums = Sums()  # the aid in the de minimis window: this amount and earlier aid, added
    amount = kroner(support.amount)
    if amount < 0:
        yield Problem(pointer(*base, "amount"), msg("stateaid.amount.negative"))
    sums.add("aid", amount, pointer(*base, "amount"))
    for i, item in enumerate(support.previous_aid):
        amount = kroner(item.amount)
        where = pointer(*base, "previous_aid", i, "amount")
        if amount < 0:
            yield Problem(where, msg("stateaid.amount.negative"))
        sums.add("aid", amount, where)
    yield from sums.problems()
    if support.eur_nok_rate is not None and support.eur_nok_rate <= 0:
        yield Problem(pointer(*base, "eur_nok_rate"), msg("stateaid.rate.not_positive"))
