"""§4 Hva kan midlene brukes til: the uses of scheme a funds, what every measure must do, and
how the county works (rules A-4.1 … A-4.11).

«Fylkeskommunen kan benytte midler

i. i målrettede prosjekt som fylkeskommunen står ansvarlig for, til nytte for en, eller flere
kommuner sammen,

ii. til innkjøp av konsulent- og prosessbistand som kommer de aktuelle kommunene til
gode,

iii. til målrettet forsterking og kompetanseutvikling av fylkeskommunens egen
veiledningskompetanse og -kapasitet

iv. til forsterket veiledning og bistand fra fylkeskommunen til kommuner, knyttet til plan-
og strategiprosesser i kommunene

Alle tiltak må

- bidra til varig kompetanse- og kapasitetsbygging for strategisk arbeid med
samfunnsutvikling.

- ta utgangspunkt i kommunenes utfordringer og behov.
- vektlegge tverrsektorielt samarbeid, der en samler ressurser for størst mulig
samfunnseffekt.

Fylkeskommunene har ansvar for arbeidet i eget fylke i dialog med kommuner med behov for
bistand og veiledning. Fylkeskommunene skal gi ekstra bistand og veiledning over tid til
distriktskommuner med særlige utfordringer med strategisk utviklingsarbeid. Både fag- og
prosessbistand, prosjekt og målretta tiltak er aktuelt. Flere avdelinger og seksjoner i
fylkeskommunen bør samordne seg og samarbeide om dette arbeidet, slik at kommunene får
helhetlig og godt koordinert veiledning. Fylkeskommunen skal invitere med aktører som
Statsforvalteren, Distriktssenteret, andre statlige etater og virkemiddelaktører der det er
hensiktsmessig. Veiledning og bistand kan blant annet bli knyttet til plan- og
strategiprosesser i kommunene.»

Each measure rule judges one measure (``/measures/3``); A-4.2 … A-4.5 and A-4.11 only the
measures of their use, the others are ``not_applicable`` (declared by
:data:`~post65.schemes.a._common.MEASURES_OF_USE_I` …). A-4.9 and A-4.10 judge the portfolio.
The funds over the years (A-4.12) are in :mod:`post65.schemes.a.s4_funds`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal

from post65.law import Alternative, Interpretation
from post65.measures import (
    AssistanceKind,
    LastingKind,
    Measure,
    NeedsSource,
    OrganisationKind,
    PartnerKind,
    is_blank,
    months_between,
)
from post65.portfolio import Portfolio
from post65.rulebook import Context, Outcome, Result, Rule, Severity, Verdict, rule
from post65.schemes.a._common import (
    KINDS,
    MEASURES,
    MEASURES_OF_USE_I,
    MEASURES_OF_USE_II,
    MEASURES_OF_USE_III,
    MEASURES_OF_USE_IV,
    cite,
    distinct,
    listing,
    msg,
    semicolons,
    short,
)
from post65.text import Message

__all__ = [
    "RULES",
    "a_4_1",
    "a_4_2",
    "a_4_3",
    "a_4_4",
    "a_4_5",
    "a_4_6",
    "a_4_7",
    "a_4_8",
    "a_4_9",
    "a_4_10",
    "a_4_11",
]


@rule(
    "A-4.1",
    scheme="a",
    severity=Severity.ERROR,
    subject="measure",
    kinds=KINDS,
    title=msg("a.4-1.title"),
    citation=cite("4", "Fylkeskommunen kan benytte midler"),
    each=MEASURES,
    interpretations=(
        Interpretation.library(
            "exactly_one",
            msg("interp.a-4.1.exactly_one"),
            Alternative("one_or_more", msg("interp.a-4.1.exactly_one.alt.one_or_more")),
        ),
    ),
)
def a_4_1(m: Measure, ctx: Context) -> Verdict:
    """A measure has exactly one of the uses i, ii, iii and iv."""
    uses = list(dict.fromkeys(m.uses))
    values = {"uses": ", ".join(u.value for u in uses)}
    if len(uses) == 1:
        return Verdict(Outcome.MET, msg("a.4-1.met", use=uses[0]), values)
    if not uses:
        return Verdict(Outcome.NOT_MET, msg("a.4-1.none"), values)
    return Verdict(Outcome.NOT_MET, msg("a.4-1.several", n=len(uses), uses=uses), values)


@rule(
    "A-4.2",
    scheme="a",
    severity=Severity.ERROR,
    subject="measure (use i)",
    kinds=KINDS,
    title=msg("a.4-2.title"),
    citation=cite(
        "4",
        "i målrettede prosjekt som fylkeskommunen står ansvarlig for, til nytte for en, eller "
        "flere kommuner sammen",
    ),
    each=MEASURES_OF_USE_I,
    interpretations=(Interpretation.law("county_owner", msg("interp.a-4.2.county_owner")),),
)
def a_4_2(m: Measure, ctx: Context) -> Verdict:
    """A project of use i is the county's, and at least one municipality benefits from it."""
    municipalities = [b for b in m.beneficiaries if b in ctx.register]
    values = {"owner": m.owner.kind.value, "municipalities": str(len(municipalities))}
    wrong: list[Message] = []
    if m.owner.kind is not OrganisationKind.COUNTY:
        wrong.append(msg("a.4-2.owner", name=m.owner.name, kind=m.owner.kind))
    if not municipalities:
        wrong.append(msg("a.4-2.no_municipality"))
    if wrong:
        return Verdict(Outcome.NOT_MET, msg("a.4-2.not_met", reasons=semicolons(wrong)), values)
    met = msg("a.4-2.met", owner=m.owner.name, n=len(municipalities))
    return Verdict(Outcome.MET, met, values)


@rule(
    "A-4.3",
    scheme="a",
    severity=Severity.ERROR,
    subject="measure (use ii)",
    kinds=KINDS,
    title=msg("a.4-3.title"),
    citation=cite(
        "4", "til innkjøp av konsulent- og prosessbistand som kommer de aktuelle kommunene til gode"
    ),
    each=MEASURES_OF_USE_II,
    interpretations=(
        Interpretation.library(
            "external_supplier",
            msg("interp.a-4.3.external_supplier"),
            Alternative("not_self", msg("interp.a-4.3.external_supplier.alt.not_self")),
        ),
        Interpretation.law("assistance_kind", msg("interp.a-4.3.assistance_kind")),
    ),
)
def a_4_3(m: Measure, ctx: Context) -> Verdict:
    """Use ii buys consultant or process assistance from an external supplier, and at least one
    municipality benefits from it."""
    municipalities = [b for b in m.beneficiaries if b in ctx.register]
    s = m.supplier
    wrong: list[Message] = []
    values = {"municipalities": str(len(municipalities))}
    if s is None:
        wrong.append(msg("a.4-3.no_supplier"))
    else:
        values |= {
            "supplier": s.name,
            "supplier_kind": s.kind.value,
            "assistance": s.assistance.value,
        }
        if s.kind in (OrganisationKind.COUNTY, OrganisationKind.MUNICIPALITY):
            wrong.append(msg("a.4-3.not_external", name=s.name, kind=s.kind))
        if s.assistance is AssistanceKind.OTHER:
            wrong.append(msg("a.4-3.other", assistance=s.assistance))
    if not municipalities:
        wrong.append(msg("a.4-3.no_municipality"))
    if wrong or s is None:
        return Verdict(Outcome.NOT_MET, msg("a.4-3.not_met", reasons=semicolons(wrong)), values)
    met = msg("a.4-3.met", assistance=s.assistance, supplier=s.name, n=len(municipalities))
    return Verdict(Outcome.MET, met, values)


@rule(
    "A-4.4",
    scheme="a",
    severity=Severity.ERROR,
    subject="measure (use iii)",
    kinds=KINDS,
    title=msg("a.4-4.title"),
    citation=cite(
        "4",
        "til målrettet forsterking og kompetanseutvikling av fylkeskommunens egen "
        "veiledningskompetanse og -kapasitet",
    ),
    each=MEASURES_OF_USE_III,
    interpretations=(Interpretation.library("stated", msg("interp.a-4.4.stated")),),
)
def a_4_4(m: Measure, ctx: Context) -> Verdict:
    """Use iii says which competence or capacity is strengthened, and for what municipal needs
    (targeted)."""
    g = m.guidance_capacity
    which = g is not None and not (is_blank(g.competence) and is_blank(g.capacity))
    needs = g is not None and not is_blank(g.municipal_needs)
    values = {"which": "yes" if which else "no", "municipal_needs": "yes" if needs else "no"}
    if which and needs:
        return Verdict(Outcome.MET, msg("a.4-4.met"), values)
    missing: list[Message] = []
    if not which:
        missing.append(msg("a.4-4.which"))
    if not needs:
        missing.append(msg("a.4-4.needs"))
    return Verdict(Outcome.NOT_MET, msg("a.4-4.not_met", missing=missing), values)


@rule(
    "A-4.5",
    scheme="a",
    severity=Severity.ERROR,
    subject="measure (use iv)",
    kinds=KINDS,
    title=msg("a.4-5.title"),
    citation=cite(
        "4",
        "til forsterket veiledning og bistand fra fylkeskommunen til kommuner, knyttet til plan- "
        "og strategiprosesser i kommunene",
    ),
    each=MEASURES_OF_USE_IV,
    interpretations=(
        Interpretation.library("processes_named", msg("interp.a-4.5.processes_named")),
    ),
)
def a_4_5(m: Measure, ctx: Context) -> Verdict:
    """Use iv names the plan or strategy processes it is linked to, and its municipalities."""
    processes = [p.name.strip() for p in m.plan_processes if not is_blank(p.name)]
    municipalities = [b for b in m.beneficiaries if b in ctx.register]
    values = {"processes": str(len(processes)), "municipalities": str(len(municipalities))}
    if processes and municipalities:
        listed = listing(f"«{p}»" for p in processes)
        return Verdict(Outcome.MET, msg("a.4-5.met", processes=listed), values)
    missing: list[Message] = []
    if not processes:
        missing.append(msg("a.4-5.no_process"))
    if not municipalities:
        missing.append(msg("a.4-5.no_municipality"))
    return Verdict(Outcome.NOT_MET, msg("a.4-5.not_met", missing=missing), values)


@rule(
    "A-4.6",
    scheme="a",
    severity=Severity.ERROR,
    subject="measure",
    kinds=KINDS,
    title=msg("a.4-6.title"),
    citation=cite(
        "4",
        "bidra til varig kompetanse- og kapasitetsbygging for strategisk arbeid med "
        "samfunnsutvikling",
    ),
    each=MEASURES,
    interpretations=(
        Interpretation.library("stated_by_county", msg("interp.a-4.6.stated_by_county")),
    ),
)
def a_4_6(m: Measure, ctx: Context) -> Verdict:
    """A measure states what remains after it; a one-off delivery alone is ``not_met``."""
    lasting = m.lasting
    if lasting is None or is_blank(lasting.description):
        values = {"lasting": "" if lasting is None else lasting.kind.value}
        return Verdict(Outcome.NOT_MET, msg("a.4-6.none"), values)
    values = {"lasting": lasting.kind.value}
    if lasting.kind is LastingKind.ONE_OFF:
        what = short(lasting.description, 70).rstrip(".")
        return Verdict(Outcome.NOT_MET, msg("a.4-6.one_off", description=what), values)
    met = msg("a.4-6.met", kind=lasting.kind, description=short(lasting.description))
    return Verdict(Outcome.MET, met, values)


@rule(
    "A-4.7",
    scheme="a",
    severity=Severity.ERROR,
    subject="measure",
    kinds=KINDS,
    title=msg("a.4-7.title"),
    citation=cite("4", "ta utgangspunkt i kommunenes utfordringer og behov"),
    each=MEASURES,
    interpretations=(Interpretation.library("who_identified", msg("interp.a-4.7.who_identified")),),
)
def a_4_7(m: Measure, ctx: Context) -> Verdict:
    """A documented basis identified by the municipality (or with it, in dialogue) → ``met``; by
    the county alone → ``not_met``; no documented basis → ``undetermined``."""
    needs = m.needs
    if needs is None or is_blank(needs.description):
        values = {"source": "" if needs is None else needs.source.value}
        return Verdict(Outcome.UNDETERMINED, msg("a.4-7.undocumented"), values)
    values = {"source": needs.source.value, "reference": needs.reference}
    ref = "" if is_blank(needs.reference) else f" ({short(needs.reference, 60)})"
    if needs.source is NeedsSource.COUNTY:
        return Verdict(Outcome.NOT_MET, msg("a.4-7.county", ref=ref), values)
    return Verdict(Outcome.MET, msg("a.4-7.met", source=needs.source, ref=ref), values)


@rule(
    "A-4.8",
    scheme="a",
    severity=Severity.ERROR,
    subject="measure",
    kinds=KINDS,
    title=msg("a.4-8.title"),
    citation=cite(
        "4",
        "vektlegge tverrsektorielt samarbeid, der en samler ressurser for størst mulig "
        "samfunnseffekt",
    ),
    each=MEASURES,
    interpretations=(Interpretation.library("two_sectors", msg("interp.a-4.8.two_sectors")),),
)
def a_4_8(m: Measure, ctx: Context) -> Verdict:
    """A measure names at least two sectors working together."""
    sectors = distinct(m.sectors)
    values = {"sectors": ", ".join(sectors)}
    if len(sectors) >= 2:
        met = msg("a.4-8.met", n=len(sectors), sectors=listing(sectors))
        return Verdict(Outcome.MET, met, values)
    if sectors:
        return Verdict(Outcome.NOT_MET, msg("a.4-8.one", sector=sectors[0]), values)
    return Verdict(Outcome.NOT_MET, msg("a.4-8.none"), values)


@rule(
    "A-4.9",
    scheme="a",
    severity=Severity.ADVICE,
    subject="portfolio",
    kinds=KINDS,
    title=msg("a.4-9.title"),
    citation=cite(
        "4",
        "Flere avdelinger og seksjoner i fylkeskommunen bør samordne seg og samarbeide om dette "
        "arbeidet",
    ),
    interpretations=(
        Interpretation.library("two_departments", msg("interp.a-4.9.two_departments")),
    ),
)
def a_4_9(doc: Portfolio, ctx: Context) -> Iterator[Result]:
    """The measures together involve at least two of the county's departments or sections."""
    departments = distinct(d for m in doc.measures for d in m.departments)
    values = {"departments": ", ".join(departments)}
    if len(departments) >= 2:
        met = msg("a.4-9.met", n=len(departments), departments=listing(departments))
        yield Result("", Outcome.MET, met, values)
    elif departments:
        yield Result("", Outcome.NOT_MET, msg("a.4-9.one", department=departments[0]), values)
    else:
        yield Result("", Outcome.NOT_MET, msg("a.4-9.none"), values)


@rule(
    "A-4.10",
    scheme="a",
    severity=Severity.ADVICE,
    subject="portfolio",
    kinds=KINDS,
    title=msg("a.4-10.title"),
    citation=cite(
        "4",
        "Fylkeskommunen skal invitere med aktører som Statsforvalteren, Distriktssenteret, andre "
        "statlige etater og virkemiddelaktører der det er hensiktsmessig",
    ),
    interpretations=(Interpretation.library("any_partner", msg("interp.a-4.10.any_partner")),),
)
def a_4_10(doc: Portfolio, ctx: Context) -> Iterator[Result]:
    """«der det er hensiktsmessig» makes it advice: none invited in any measure → advice."""
    invited = {p.kind for m in doc.measures for p in m.partners}
    kinds = [k for k in PartnerKind if k in invited]  # in the regulation's order
    with_partners = sum(1 for m in doc.measures if m.partners)
    values = {
        "partners": ", ".join(k.value for k in kinds),
        "measures_with_partners": str(with_partners),
    }
    if kinds:
        met = msg("a.4-10.met", with_partners=with_partners, n=len(doc.measures), partners=kinds)
        yield Result("", Outcome.MET, met, values)
    else:
        yield Result("", Outcome.NOT_MET, msg("a.4-10.not_met"), values)


def _ongoing(m: Measure, year: int, minimum: Decimal) -> Verdict:
    """A-4.11 on guidance with no end date: the months it has run by the end of ``year``."""
    # a portfolio built in code may have any int as its year; a date needs 1–9999
    year_end = dt.date(min(max(year, dt.MINYEAR), dt.MAXYEAR), 12, 31)
    start = m.period.start
    so_far = months_between(start, year_end) if start <= year_end else 0
    values = {
        "start": start.isoformat(),
        "months_to_year_end": str(so_far),
        "minimum": str(minimum),
    }
    if so_far >= minimum:
        return Verdict(Outcome.MET, msg("a.4-11.ongoing", months=so_far, year=year), values)
    short_ = msg("a.4-11.ongoing_short", months=so_far, year=year, minimum=minimum)
    return Verdict(Outcome.UNDETERMINED, short_, values)


@rule(
    "A-4.11",
    scheme="a",
    severity=Severity.ADVICE,
    subject="measure (use iv)",
    kinds=KINDS,
    title=msg("a.4-11.title"),
    citation=cite(
        "4",
        "Fylkeskommunene skal gi ekstra bistand og veiledning over tid til distriktskommuner med "
        "særlige utfordringer med strategisk utviklingsarbeid",
    ),
    each=MEASURES_OF_USE_IV,
    interpretations=(
        Interpretation.library(
            "min_months",
            msg("interp.a-4.11.min_months"),
            Alternative("continuity", msg("interp.a-4.11.min_months.alt.continuity")),
        ),
    ),
)
def a_4_11(m: Measure, ctx: Context) -> Verdict:
    """«over tid» has no number in the regulation: the parameter ``a.guidance_min_months`` (12
    from 2024) is post65's reading, so a shorter duration is advice, not an error."""
    minimum = ctx.param("a.guidance_min_months")
    start, end = m.period.start, m.period.end
    if minimum is None:
        values = {"start": start.isoformat()}
        return Verdict(Outcome.UNDETERMINED, msg("a.4-11.no_parameter"), values)
    if end is None:
        return _ongoing(m, ctx.document.year, minimum)
    months = months_between(start, end)
    values = {
        "start": start.isoformat(),
        "end": end.isoformat(),
        "months": str(months),
        "minimum": str(minimum),
    }
    if months >= minimum:
        return Verdict(Outcome.MET, msg("a.4-11.met", months=months, start=start, end=end), values)
    not_met = msg("a.4-11.not_met", months=months, start=start, end=end, minimum=minimum)
    return Verdict(Outcome.NOT_MET, not_met, values)


RULES: tuple[Rule, ...] = (
    a_4_1,
    a_4_2,
    a_4_3,
    a_4_4,
    a_4_5,
    a_4_6,
    a_4_7,
    a_4_8,
    a_4_9,
    a_4_10,
    a_4_11,
)
"""The rules of §4 on the uses and on what every measure must do, in the order of the law."""
