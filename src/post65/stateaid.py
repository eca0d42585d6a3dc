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
>>> a = assess(register, nok(500_000), dt.date(2025, 2, 1), rate=Decimal("11.5"),
...            regime=Regime.EU_2023_2831)
>>> a.outcome.value, a.total, a.limit_nok
('met', <Quantity(1500000, 'NOK')>, <Quantity(3450000, 'NOK')>)
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

import attrs
import pint
from pint.facets.context.objects import Context

from post65._decimal import exact, exact_methods
from post65.errors import InvalidAmount, InvalidParameter, Problem
from post65.io import pointer
from post65.law import Citation
from post65.money import Money, format_amount, format_number, kroner, nok, total
from post65.parameters import Parameter, Parameters, declare, define
from post65.rulebook import Outcome, Result, Text

__all__ = [
    "DE_MINIMIS_CITATION",
    "DE_MINIMIS_SOURCE",
    "DE_MINIMIS_TITLE",
    "Aid",
    "DeMinimisAssessment",
    "DeMinimisRegister",
    "Organisasjonsnummer",
    "Regime",
    "Support",
    "assess",
    "assess_support",
    "eur",
    "eur_nok_context",
    "eur_registry",
    "eur_to_nok",
    "is_organisasjonsnummer",
    "organisasjonsnummer_check_digit",
    "support_problems",
    "support_result",
    "window",
]

# --------------------------------------------------------------------------------------------
# The source (not shipped: cited by title, date and URL)

DE_MINIMIS_SOURCE = "eu-de-minimis"
"""The source id of the EEA de minimis rules, cited by B-5 and C-5."""

DE_MINIMIS_TITLE = Text(
    "Støtte til et foretak holder seg innenfor grensen for bagatellmessig støtte",
    "Support to an undertaking stays within the de minimis limit",
)
"""The title of B-5 and C-5, the same rule for schemes b and c."""

DE_MINIMIS_CITATION = Citation(
    DE_MINIMIS_SOURCE,
    "art. 3(2)",
    "samlet bagatellmessig støtte til ett foretak kan ikke overstige EUR 300 000 over tre år "
    "(EUR 200 000 over tre regnskapsår etter forordning 1407/2013)",
)
"""The citation of B-5 and C-5 (a paraphrase: the regulation is not shipped)."""


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
        raise InvalidParameter(
            "forventet åtte sifre", f"expected eight digits, got {first_eight[:20]!r}"
        )
    remainder = sum(w * int(d) for w, d in zip(_WEIGHTS, first_eight, strict=True)) % 11
    check = (11 - remainder) % 11
    return None if check == 10 else check


def _problem_text(value: object) -> tuple[str, str] | None:
    """Why ``value`` is no organisasjonsnummer (bokmål, English), or None if it is one."""
    if type(value) is not str:
        return "organisasjonsnummeret må være en tekst", "the organisasjonsnummer must be a string"
    shown = value[:20]
    if len(value) != 9 or not value.isascii() or not value.isdigit():
        return (
            f"«{shown}» er ikke et organisasjonsnummer: det har ni sifre, uten mellomrom",
            f'"{shown}" is not an organisasjonsnummer: it has nine digits, no spaces',
        )
    check = organisasjonsnummer_check_digit(value[:8])
    if check is None or check != int(value[8]):
        return (
            f"«{value}» er ikke et gyldig organisasjonsnummer: kontrollsifferet (modulus 11) "
            "stemmer ikke",
            f'"{value}" is not a valid organisasjonsnummer: the check digit (modulus 11) is wrong',
        )
    return None


def is_organisasjonsnummer(value: object) -> bool:
    """True if ``value`` is nine digits whose last is the right mod-11 check digit."""
    return _problem_text(value) is None


def _check_orgnr(_instance: object, _attribute: object, value: str) -> None:
    why = _problem_text(value)
    if why is not None:
        raise InvalidParameter(*why)


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
            raise InvalidParameter(*(_problem_text(text) or ("", "")))
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


def _positive_rate(rate: object) -> Decimal:
    if type(rate) is int:
        rate = Decimal(rate)
    if type(rate) is not Decimal or not rate.is_finite() or rate <= 0:
        raise InvalidParameter(
            f"kursen EUR→NOK må være et positivt desimaltall, ikke {rate!r}",
            f"the EUR→NOK rate must be a positive Decimal, not {rate!r}",
        )
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
        raise InvalidAmount(
            "et eurobeløp må være int eller Decimal", "a euro amount must be an int or Decimal"
        )
    return eur_registry().Quantity(Decimal(amount), "EUR")


def eur_nok_context(rate: Decimal | int) -> Context:
    """The pint context that converts EUR to NOK (and back) at ``rate`` kroner per euro, stated
    by the caller: post65 knows no exchange rate of its own.

    >>> eur(2).to("NOK", eur_nok_context(Decimal("11.5")))
    <Quantity(23.0, 'NOK')>
    """
    stated = _positive_rate(rate)
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
    return nok(_eur_to_nok(Decimal(amount.to("EUR").magnitude), _positive_rate(rate)))


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

declare(
    RATE_PARAMETER,
    "B-5/C-5: the EUR→NOK rate the caller states for converting the de minimis limit (NOK per "
    "EUR); never a hidden rate.",
    unit="NOK/EUR",
)
declare(
    CHANGE_DATE_PARAMETER,
    "B-5/C-5: the date (YYYYMMDD) the EUR 300 000 de minimis limit applies from in Norway; "
    "not known for certain, so the caller states it.",
    unit="date",
)
define(
    Parameter(
        name=LIMIT_PARAMETER[Regime.EU_1407_2013],
        value=Decimal(200_000),
        valid_from=dt.date(2014, 1, 1),
        unit="EUR",
        source="Forordning (EU) nr. 1407/2013 art. 3(2)",
        section="3(2)",
        certainty="S",
        note="EUR 200 000 per undertaking over any period of three fiscal years.",
    ),
    Parameter(
        name=LIMIT_PARAMETER[Regime.EU_2023_2831],
        value=Decimal(300_000),
        valid_from=dt.date(2024, 1, 1),
        unit="EUR",
        source="Forordning (EU) 2023/2831 art. 3(2)",
        section="3(2)",
        certainty="S",
        note=(
            "EUR 300 000 per undertaking over any period of three years; applies in the EU from "
            "1 January 2024. When it applies in Norway is the parameter "
            "stateaid.de_minimis_change_date, which has no default."
        ),
    ),
)


def _add_years(day: dt.date, years: int) -> dt.date:
    """``day`` moved by ``years`` (29 February to 28 February in a year that has none); beyond
    the calendar (before year 1, after 9999) it stops at its first or last day."""
    year = day.year + years
    if year > dt.MAXYEAR:
        return dt.date.max
    if year < dt.MINYEAR:
        return dt.date.min
    try:
        return day.replace(year=year)
    except ValueError:  # 29 February in a year that has none
        return day.replace(year=year, day=28)


def window(on: dt.date, regime: Regime) -> tuple[dt.date, dt.date]:
    """The first and last day whose aid counts for a grant on ``on``.

    >>> window(dt.date(2025, 6, 1), Regime.EU_1407_2013)
    (datetime.date(2023, 1, 1), datetime.date(2025, 6, 1))
    >>> window(dt.date(2025, 6, 1), Regime.EU_2023_2831)
    (datetime.date(2022, 6, 2), datetime.date(2025, 6, 1))
    """
    if regime is Regime.EU_1407_2013:
        return dt.date(max(on.year - 2, dt.MINYEAR), 1, 1), on
    first = _add_years(on, -3)
    return (first if first == dt.date.min else first + dt.timedelta(days=1)), on


@attrs.frozen
class Aid:
    """One item of de minimis aid an undertaking has received: when, how much (NOK), from whom."""

    granted: dt.date
    amount: pint.Quantity[Decimal]
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
        first, last = window(on, regime)
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
        metadata={"doc": "the aid to the undertaking from this grant (NOK)"}
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
        yield Problem(pointer(*base, "organisasjonsnummer"), *why)
    if kroner(support.amount) < 0:
        yield Problem(
            pointer(*base, "amount"),
            "beløpet kan ikke være negativt",
            "the amount cannot be negative",
        )
    for i, item in enumerate(support.previous_aid):
        if kroner(item.amount) < 0:
            yield Problem(
                pointer(*base, "previous_aid", i, "amount"),
                "beløpet kan ikke være negativt",
                "the amount cannot be negative",
            )
    if support.eur_nok_rate is not None and support.eur_nok_rate <= 0:
        yield Problem(
            pointer(*base, "eur_nok_rate"),
            "kursen må være større enn null",
            "the rate must be greater than zero",
        )


# --------------------------------------------------------------------------------------------
# The assessment


@attrs.frozen
class DeMinimisAssessment:
    """What :func:`assess` found: the outcome, and the figures it looked at."""

    outcome: Outcome
    message: Text
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
            out["regime"] = self.regime.value
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


def _under(
    register: DeMinimisRegister,
    amount: Money,
    granted: dt.date,
    regime: Regime,
    rate: Decimal,
    parameters: Parameters,
) -> DeMinimisAssessment:
    limit = parameters.get(LIMIT_PARAMETER[regime], granted)
    first_last = window(granted, regime)
    together = total((register.total(granted, regime), amount))
    if limit is None:
        return DeMinimisAssessment(
            Outcome.UNDETERMINED,
            Text(
                f"ingen kjent beløpsgrense etter forordning {regime.value} for tildelinger "
                f"{granted.isoformat()}; sett parameteren {LIMIT_PARAMETER[regime]}",
                f"no known limit under regulation {regime.value} for grants on "
                f"{granted.isoformat()}; set the parameter {LIMIT_PARAMETER[regime]}",
            ),
            regime=regime,
            total=together,
            rate=rate,
            window=first_last,
        )
    limit_nok = eur_to_nok(eur(limit), rate)
    within = kroner(together) <= kroner(limit_nok)
    first, last = first_last
    period_nb = f"{first.isoformat()}–{last.isoformat()}"
    shown_total, shown_limit = format_amount(together), format_amount(limit_nok)
    limit_nb = (
        f"EUR {format_number(limit)} = {shown_limit} (kurs {rate}, forordning {regime.value})"
    )
    limit_en = (
        f"EUR {format_number(limit)} = {shown_limit} (rate {rate}, regulation {regime.value})"
    )
    head_nb = f"samlet bagatellmessig støtte {period_nb}, denne inkludert, er {shown_total}"
    head_en = f"total de minimis aid {period_nb}, this grant included, is {shown_total}"
    if within:
        message = Text(
            f"{head_nb}, innenfor grensen {limit_nb}", f"{head_en}, within the limit {limit_en}"
        )
    else:
        message = Text(
            f"{head_nb}, over grensen {limit_nb}", f"{head_en}, above the limit {limit_en}"
        )
    return DeMinimisAssessment(
        Outcome.MET if within else Outcome.NOT_MET,
        message,
        regime=regime,
        total=together,
        limit_eur=limit,
        limit_nok=limit_nok,
        rate=rate,
        window=first_last,
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
    limit: the aid in the window (see :func:`window`) plus this grant, against the limit in EUR
    converted at ``rate`` (NOK per EUR, stated by the caller).

    - No rate (neither given nor the parameter ``stateaid.eur_nok_rate``): ``undetermined``.
    - The regime: ``regime`` if given; else the parameter ``stateaid.de_minimis_change_date``
      (``YYYYMMDD``, no default): 2023/2831 from that date, 1407/2013 before it. With neither,
      both regimes are tried, and when they agree the answer stands (below EUR 200 000 in the
      longer window is within both, above EUR 300 000 in the shorter is above both); when they
      disagree the outcome is ``undetermined`` and says to set the change date or the regime.
    """
    params = parameters or Parameters()
    stated_rate = rate if rate is not None else params.get(RATE_PARAMETER, granted)
    if stated_rate is None:
        return DeMinimisAssessment(
            Outcome.UNDETERMINED,
            Text(
                "ingen valutakurs EUR→NOK er oppgitt: oppgi eur_nok_rate for støtten eller sett "
                f"parameteren {RATE_PARAMETER}",
                "no EUR→NOK rate is stated: give eur_nok_rate for the support or set the "
                f"parameter {RATE_PARAMETER}",
            ),
        )
    stated_rate = _positive_rate(stated_rate)
    if regime is None:
        change = params.get(CHANGE_DATE_PARAMETER, granted)
        if change is not None:
            change_day = _change_date(change)
            if change_day is None:
                return DeMinimisAssessment(
                    Outcome.UNDETERMINED,
                    Text(
                        f"parameteren {CHANGE_DATE_PARAMETER} må være en dato skrevet ÅÅÅÅMMDD, "
                        f"ikke {change}",
                        f"the parameter {CHANGE_DATE_PARAMETER} must be a date written "
                        f"YYYYMMDD, not {change}",
                    ),
                    rate=stated_rate,
                )
            regime = Regime.EU_2023_2831 if granted >= change_day else Regime.EU_1407_2013
    if regime is not None:
        return _under(register, amount, granted, regime, stated_rate, params)
    old = _under(register, amount, granted, Regime.EU_1407_2013, stated_rate, params)
    new = _under(register, amount, granted, Regime.EU_2023_2831, stated_rate, params)
    if old.outcome is new.outcome and old.outcome is not Outcome.UNDETERMINED:
        # Report the figures of the regulation that decides most narrowly: when both are met,
        # the stricter (1407/2013) one; when both are not met, the looser (2023/2831) one.
        shown = old if old.outcome is Outcome.MET else new
        return attrs.evolve(
            shown,
            regime=None,
            message=Text(
                "utfallet er det samme etter begge forordningene; " + shown.message.nb,
                "the outcome is the same under both regulations; " + shown.message.en,
            ),
        )
    return DeMinimisAssessment(
        Outcome.UNDETERMINED,
        Text(
            "utfallet avhenger av hvilken forordning som gjelder (1407/2013: "
            f"{old.outcome.value}, 2023/2831: {new.outcome.value}); oppgi regime for støtten "
            f"eller sett parameteren {CHANGE_DATE_PARAMETER} (ÅÅÅÅMMDD)",
            "the outcome depends on which regulation applies (1407/2013: "
            f"{old.outcome.value}, 2023/2831: {new.outcome.value}); state the regime of the "
            f"support or set the parameter {CHANGE_DATE_PARAMETER} (YYYYMMDD)",
        ),
        total=old.total,
        rate=stated_rate,
    )


@exact
def assess_support(support: Support, parameters: Parameters | None = None) -> DeMinimisAssessment:
    """:func:`assess` for a :class:`Support` as a document states it."""
    if not is_organisasjonsnummer(support.organisasjonsnummer):
        return DeMinimisAssessment(
            Outcome.UNDETERMINED,
            Text(
                f"«{support.organisasjonsnummer[:20]}» er ikke et gyldig organisasjonsnummer; "
                "foretaket kan ikke identifiseres",
                f'"{support.organisasjonsnummer[:20]}" is not a valid organisasjonsnummer; the '
                "undertaking cannot be identified",
            ),
        )
    return assess(
        support.register(),
        support.amount,
        support.granted,
        rate=support.eur_nok_rate,
        regime=support.regime,
        parameters=parameters,
    )


@exact
def support_result(
    subject: str, support: Support, parameters: Parameters, *, label: Text | None = None
) -> Result:
    """The B-5/C-5 finding on one support to an undertaking: :func:`assess_support`'s outcome at
    ``subject``, the message naming the undertaking (after ``label``, e.g. the measure)."""
    a = assess_support(support, parameters)
    who = f"{support.name} ({support.organisasjonsnummer})"
    nb = f"{label.nb}, {who}" if label else who
    en = f"{label.en}, {who}" if label else who
    return Result(
        subject,
        a.outcome,
        Text(f"{nb}: {a.message.nb}", f"{en}: {a.message.en}"),
        {"organisasjonsnummer": support.organisasjonsnummer, **a.values()},
    )
