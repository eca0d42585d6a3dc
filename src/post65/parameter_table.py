"""The table of every policy parameter post65 knows: one explicit table, read by
:mod:`post65.parameters` (nothing registers itself at import).

A parameter with a known value is a dated :class:`Parameter` in :data:`TABLE` (several versions
of one name, by ``valid_from``); a parameter the rules read that has no known value (no invented
default) is in :data:`WITHOUT_DEFAULT` with what it is and its unit. A new parameter is one entry
here, and the rule that reads it names it by the same string.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Final, Literal

import attrs

__all__ = ["READINGS", "TABLE", "WITHOUT_DEFAULT", "Certainty", "Parameter", "Reading"]

Certainty = Literal["R", "S", "P", "?"]
"""How sure a value is: ``R`` the shipped regulation, ``S`` a public source, ``P`` one county's
practice, ``?`` not known."""

FINNMARK_SOURCE: Final = "finnmark-omstilling"


@attrs.frozen
class Parameter:
    """One dated value of a policy parameter."""

    name: str
    value: Decimal
    valid_from: dt.date
    unit: str
    source: str
    section: str
    certainty: Certainty
    note: str = ""


TABLE: Final[tuple[Parameter, ...]] = (
    Parameter(
        name="a.admin_cost_share",
        value=Decimal("0.05"),
        valid_from=dt.date(2024, 1, 1),
        unit="share",
        source="regelverk-a-2023",
        section="5",
        certainty="R",
        note="«inntil 5 prosent av tilskuddsmidlene» to the county's own administration costs.",
    ),
    Parameter(
        name="p65.report_max_pages",
        value=Decimal(3),
        valid_from=dt.date(2024, 1, 1),
        unit="pages",
        source="regelverk-a-2023",
        section="6",
        certainty="R",
        note="«Rapporten skal ikke overskride 3 sider.»",
    ),
    Parameter(
        name="stateaid.de_minimis_limit_eur.1407_2013",
        value=Decimal(200_000),
        valid_from=dt.date(2014, 1, 1),
        unit="EUR",
        source="Forordning (EU) nr. 1407/2013",
        section="art. 3(2)",
        certainty="S",
        note="EUR 200 000 per undertaking over any period of three fiscal years.",
    ),
    Parameter(
        name="stateaid.de_minimis_limit_eur.2023_2831",
        value=Decimal(300_000),
        valid_from=dt.date(2024, 1, 1),
        unit="EUR",
        source="Forordning (EU) 2023/2831",
        section="art. 3(2)",
        certainty="S",
        note=(
            "EUR 300 000 per undertaking over any period of three years; applies in the EU from "
            "1 January 2024. When it applies in Norway is the parameter "
            "stateaid.de_minimis_change_date, which has no default."
        ),
    ),
    Parameter(
        name="c.public_share_max",
        value=Decimal("0.75"),
        valid_from=dt.date(2024, 1, 1),
        unit="share",
        source=FINNMARK_SOURCE,
        section="Støttenivå og finansiering",
        certainty="P",
        note=(
            "«Fortrinnsvis inntil 75% av godkjent kostnadsgrunnlag» (Finnmark fylkeskommune, one "
            "county's page; no other saved source gives the share). Above it with a stated "
            "reason is advice (C-3). The valid-from date is the first budget year of post 65 in "
            "this form, not a date the sources give."
        ),
    ),
    Parameter(
        name="c.municipal_share_min",
        value=Decimal("0.25"),
        valid_from=dt.date(2024, 1, 1),
        unit="share",
        source=FINNMARK_SOURCE,
        section="Støttenivå og finansiering",
        certainty="P",
        note=(
            "«Kommunen bidrar normalt med 25 prosent egenkapital» (Finnmark fylkeskommune, one "
            "county's page); Innovasjon Norge: «Størrelsen på bidraget fra kommune/næringsliv "
            "blir bestemt av den enkelte fylkeskommune»."
        ),
    ),
    Parameter(
        name="c.status_max_years",
        value=Decimal(6),
        valid_from=dt.date(2024, 1, 1),
        unit="years",
        source="innovasjon-norge",
        section="Om omstilling",
        certainty="S",
        note=(
            "Restructuring status lasts «inntil seks år» (Innovasjon Norge); «Omstillingsstatus "
            "kan maksimalt vare i seks år» (Finnmark fylkeskommune)."
        ),
    ),
    Parameter(
        name="b.target_group_lowest",
        value=Decimal(17),
        valid_from=dt.date(2024, 1, 1),
        unit="count",
        source="call",
        section="Tildeling",
        certainty="P",
        note=(
            "B-1: how many of the county's municipalities, the lowest-scoring on the district "
            "index, make up KDD's target group for scheme b. Innlandet 2024: «Tildelinga frå "
            "kommunal- og distriktsdepartementet er basert på folketalet i dei 17 kommunane som "
            "skårar lågast på distriktsindeksen». One county's call in one year: set it for "
            "another county or year."
        ),
    ),
)
"""Every parameter with a known value: scheme a and the report (§5 and §6 of the regulation),
scheme b (B-1), scheme c (C-1, C-3) and state aid (B-5, C-5)."""

WITHOUT_DEFAULT: Final[dict[str, tuple[str, str]]] = {
    "a.guidance_min_months": (
        "A-4.11: the least number of months of unbroken help to a municipality that counts as "
        "«over tid» (§4); the regulation gives no number and no saved source does, so the caller "
        "sets it.",
        "months",
    ),
    "stateaid.eur_nok_rate": (
        "B-5/C-5: the EUR→NOK rate the caller states for converting the de minimis limit (NOK per "
        "EUR); never a hidden rate.",
        "NOK/EUR",
    ),
    "stateaid.de_minimis_change_date": (
        "B-5/C-5: the date (YYYYMMDD) the EUR 300 000 de minimis limit applies from in Norway; "
        "not known for certain, so the caller states it.",
        "date",
    ),
    "b.population_decline_min": (
        "B-1: the least population decline over b.decline_years years (a share, e.g. 0.05) that "
        "counts as «langvarig nedgang … av særlig omfattende grad»; no published value, the "
        "caller sets it.",
        "share",
    ),
    "b.employment_decline_min": (
        "B-1: the least employment decline over b.decline_years years (a share) that counts as "
        "particularly large; no published value, the caller sets it.",
        "share",
    ),
    "b.decline_years": (
        "B-1: the number of years over which the decline is measured («langvarig»); no saved "
        "source gives a number (the district index measures growth over the last ten years, "
        "but that is the index's indicator, not the forskrift's), the caller sets it.",
        "years",
    ),
}
"""Parameters the rules read that have no known value: name → (what it is and where its value
would come from, its unit). The caller sets them; until then the rules that need them are
``undetermined``."""


@attrs.frozen
class Reading:
    """A parameter that selects one reading of a rule's words (an
    :class:`~post65.law.Interpretation` and its alternatives): ``default`` is the plainest
    reading of the words (the interpretation's own id), ``choices`` every reading that may be
    selected (the default first), ``rule`` the rule that reads it."""

    name: str
    default: str
    choices: tuple[str, ...]
    rule: str
    note: str


READINGS: Final[tuple[Reading, ...]] = (
    Reading(
        name="reading.a-1.2",
        default="both",
        choices=("both", "either"),
        rule="A-1.2",
        note=(
            "«distriktskommuner med særlige utfordringer»: a district municipality (the index "
            "selection) and with a documented challenge (both), or either of the two (either)."
        ),
    ),
    Reading(
        name="reading.a-4.1",
        default="one_or_more",
        choices=("one_or_more", "exactly_one"),
        rule="A-4.1",
        note="A measure has one or more of the uses i-iv (one_or_more), or exactly one.",
    ),
    Reading(
        name="reading.a-4.3",
        default="not_self",
        choices=("not_self", "external_only"),
        rule="A-4.3",
        note=(
            "Purchased assistance (use ii) may come from anyone but the county itself "
            "(not_self), or from none in the county and municipal sector: no county, municipality "
            "or intermunicipal body (external_only)."
        ),
    ),
    Reading(
        name="reading.a-4.7",
        default="who_identified",
        choices=("who_identified", "county_assessment"),
        rule="A-4.7",
        note=(
            "A measure starts from the municipalities' challenges and needs when the municipality "
            "identified them, alone or with the county in dialogue (who_identified), or "
            "also when the county assessed them alone (county_assessment)."
        ),
    ),
    Reading(
        name="reading.a-5.1",
        default="cumulative",
        choices=("cumulative", "per_year"),
        rule="A-5.1",
        note=(
            "The 5 % cap on administration costs over all funds received (cumulative) or for "
            "each year's funds (per_year)."
        ),
    ),
    Reading(
        name="reading.c-1.authority",
        default="county",
        choices=("county", "kdd"),
        rule="C-1",
        note=(
            "Who decides restructuring status: the county (Finnmark fylkeskommune; Innovasjon "
            "Norge, older page) or the ministry, KDD, on the county's application (Finnmark "
            "fylkeskommune's list of requirements). The saved sources disagree."
        ),
    ),
    Reading(
        name="reading.c-1.avklaring",
        default="avklaring_before",
        choices=("avklaring_before", "avklaring_inside"),
        rule="C-1",
        note=(
            "The avklaring phase may run before the status decision (avklaring_before: its "
            "konsekvensanalyse is the basis of the status application, Innovasjon Norge), or it "
            "lies inside the status period like every other phase (avklaring_inside)."
        ),
    ),
    Reading(
        name="reading.c-3.public",
        default="preferably",
        choices=("preferably", "hard"),
        rule="C-3",
        note=(
            "«Fortrinnsvis inntil 75%»: above c.public_share_max with a stated reason is advice, "
            "without one not met (preferably), or a hard limit whatever the reason (hard)."
        ),
    ),
    Reading(
        name="reading.a-1.3",
        default="one_goal_each",
        choices=("one_goal_each", "both_each", "portfolio_only"),
        rule="A-1.3",
        note=(
            "Each measure states a contribution to goal 1 or goal 3 (one_goal_each), to both "
            "(both_each), or a single measure is not judged, only the portfolio by A-1.4 "
            "(portfolio_only)."
        ),
    ),
    Reading(
        name="reading.a-1.4",
        default="portfolio",
        choices=("portfolio", "national"),
        rule="A-1.4",
        note=(
            "«Ordningen skal bidra til både mål 1 og mål 3» binds the county's portfolio, a goal "
            "it lacks an error (portfolio), or only the scheme across the country, so a "
            "portfolio lacking a goal is not_applicable (national)."
        ),
    ),
    Reading(
        name="reading.a-2.1",
        default="stated_strengthening",
        choices=("stated_strengthening", "both_required"),
        rule="A-2.1",
        note=(
            "The measure strengthens competence or capacity, shown by lasting competence or "
            "capacity or one of §2's examples (stated_strengthening), or it must leave lasting "
            "competence and capacity both (both_required)."
        ),
    ),
    Reading(
        name="reading.a-4.11",
        default="continuity",
        choices=("continuity", "span", "duration"),
        rule="A-4.11",
        note=(
            "«over tid» judged by each municipality's longest unbroken help across measures "
            "(continuity), by the span from its first start to its last end, gaps included "
            "(span), or by each use iv measure's own length (duration); all against "
            "a.guidance_min_months."
        ),
    ),
    Reading(
        name="reading.b-1.target",
        default="lowest_on_index",
        choices=("lowest_on_index", "national", "allocation_only"),
        rule="B-1",
        note=(
            "With a district index, the b.target_group_lowest lowest of the county are in the "
            "target group (lowest_on_index), the lowest of the whole index (national), or the "
            "lowest are only KDD's allocation key and the decline decides (allocation_only)."
        ),
    ),
    Reading(
        name="reading.b-1.thresholds",
        default="thresholds",
        choices=("thresholds", "either_decline"),
        rule="B-1",
        note=(
            "«nedgang i befolkning og sysselsetting»: a decline in both, each at least its "
            "threshold (thresholds), or in at least one of them (either_decline)."
        ),
    ),
    Reading(
        name="reading.a-4.12",
        default="with_commitments",
        choices=("with_commitments", "spending_only"),
        rule="A-4.12",
        note=(
            "Spending and outstanding commitments (tilsagn) within the funds (with_commitments), "
            "or spending alone (spending_only: post65's reading before issue 12)."
        ),
    ),
)
"""Every parameter that selects a reading: ``post65 check --param reading.a-1.2=either``."""
