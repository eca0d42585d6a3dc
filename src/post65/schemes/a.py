"""Scheme a, *Bistand og veiledning til distriktskommuner*: the rules ``A-*`` (regelverk fastsatt
av KDD 12.12.2023, source id ``regelverk-a-2023``, shipped with the package).

Each rule is registered with :func:`post65.rules.rule`, cites the regulation verbatim and looks at
a :class:`~post65.portfolio.Portfolio`: the measure rules yield one finding per measure
(``/measures/3``; A-1.2 one per beneficiary municipality, ``/measures/3/beneficiaries/0``), the
portfolio rules one for the portfolio or its funds. A-3.1 (the allocation between counties) lives
with the allocation.

>>> from post65.io import load
>>> from post65.rules import check
>>> p = load('''{"kind": "portfolio", "county": "18", "year": 2024,
...   "measures": [{"id": "m1", "title": "Planverksted", "uses": ["iv"],
...     "owner": {"kind": "county", "name": "Nordland fylkeskommune"}, "cost": 200000,
...     "period": {"start": "2024-01-01", "end": "2024-06-30"}, "beneficiaries": ["1835"]}]}''')
>>> result = check(p)
>>> [(f.outcome.value, f.severity.value) for f in result.for_rule("A-4.11")]
[('not_met', 'advice')]
>>> print(result.for_rule("A-4.11")[0].message("en"))
The guidance runs 6 months (2024-01-01 to 2024-06-30), less than 12: help over time is advised.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterable, Iterator, Mapping
from decimal import ROUND_HALF_UP, Decimal

from post65.funds import AdminCategory, SchemeId
from post65.geography import Register
from post65.law import Citation
from post65.measures import (
    AssistanceKind,
    LastingKind,
    Measure,
    NeedsSource,
    OrganisationKind,
    PartnerKind,
    Use,
    is_blank,
    months_between,
)
from post65.money import Money, amount_to_str, format_amount, format_number, kroner, nok
from post65.portfolio import Portfolio
from post65.rulebook import CheckFn, Context, Outcome, Result, Rule, Severity, Text, Texts, rule

__all__ = ["TargetStatus", "target_status"]

SOURCE = "regelverk-a-2023"
KINDS = ("portfolio",)

MET = Outcome.MET
NOT_MET = Outcome.NOT_MET
UNDETERMINED = Outcome.UNDETERMINED
NOT_APPLICABLE = Outcome.NOT_APPLICABLE
ERROR = Severity.ERROR
ADVICE = Severity.ADVICE


def _cite(section: str, quote: str) -> Citation:
    return Citation(SOURCE, section, quote)


def _label(reg: Register, nr: str) -> str:
    """``1826 Hattfjelldal`` for a known kommunenummer, the number itself otherwise."""
    if nr in reg:
        return f"{nr} {reg.municipality(nr).name}"
    return nr


def _listing(items: Iterable[str], limit: int = 6) -> str:
    """A short comma-separated list: at most ``limit`` items, then ``…`` and how many more."""
    seq = list(items)
    if len(seq) <= limit:
        return ", ".join(seq)
    return ", ".join(seq[:limit]) + f" … (+{len(seq) - limit})"


def _distinct(texts: Iterable[str]) -> list[str]:
    """The distinct non-blank texts (case and white space ignored), first spelling kept, sorted."""
    seen: dict[str, str] = {}
    for t in texts:
        key = " ".join(t.split()).casefold()
        if key and key not in seen:
            seen[key] = " ".join(t.split())
    return sorted(seen.values(), key=str.casefold)


_NO_MEASURES = Text("Porteføljen har ingen tiltak.", "The portfolio has no measures.")


def _per_measure(check: Callable[[Portfolio, Context], Iterator[Result]]) -> CheckFn:
    """A measure rule: with no measures to look at it says so once, ``not_applicable`` at
    ``/measures``, so every rule yields at least one finding."""

    @functools.wraps(check)
    def run(doc: Portfolio, ctx: Context) -> Iterator[Result]:
        if not doc.measures:
            yield Result("/measures", NOT_APPLICABLE, _NO_MEASURES)
            return
        yield from check(doc, ctx)

    return run


def _measure_pointer(i: int) -> str:
    return f"/measures/{i}"


def _percent(share: Decimal, lang: str = "nb") -> str:
    """A share as a percentage with two decimals: ``Decimal("0.0405")`` → ``4,05 %`` (bokmål)
    or ``4.05 %`` (English)."""
    value = (share * 100).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    shown = format_number(value) if lang == "nb" else str(value)
    return f"{shown}\u00a0%"


def _kr(value: Decimal) -> str:
    return format_amount(nok(value))


# ============================================================================================
# §1 Mål og målgruppe
# ============================================================================================


@rule(
    "A-1.1",
    scheme="a",
    severity=ERROR,
    subject="measure",
    kinds=KINDS,
    title=Text(
        "Tiltaket navngir mottakere som finnes i kommuneregisteret",
        "The measure names beneficiaries that exist in the municipality register",
    ),
    citation=_cite("1", "Målgruppen for ordningen er distriktskommuner"),
)
@_per_measure
def a_1_1(doc: Portfolio, ctx: Context) -> Iterator[Result]:
    """§1: «Målgruppen for ordningen er distriktskommuner med særlige utfordringer med strategisk
    utviklingsarbeid.»

    A measure names at least one beneficiary, and each beneficiary municipality is in the register
    of the year; the county itself (its fylkesnummer) may be the beneficiary only for use iii
    («fylkeskommunens egen veiledningskompetanse og -kapasitet»).
    """
    text = Texts()
    reg = ctx.register
    for i, m in enumerate(doc.measures):
        subject = _measure_pointer(i)
        if not m.beneficiaries:
            yield Result(
                subject,
                NOT_MET,
                text(
                    "Tiltaket navngir ingen mottaker (kommunenummer, eller fylkesnummeret for "
                    "bruk iii).",
                    "The measure names no beneficiary (a kommunenummer, or the fylkesnummer for "
                    "use iii).",
                ),
                {"beneficiaries": ""},
            )
            continue
        wrong_nb: list[str] = []
        wrong_en: list[str] = []
        for b in m.beneficiaries:
            if b in reg:
                continue
            if b == doc.county:
                if Use.III not in m.uses:
                    wrong_nb.append(
                        f"fylkeskommunen selv ({b}) kan bare være mottaker ved bruk iii"
                    )
                    wrong_en.append(f"the county itself ({b}) may benefit only under use iii")
            elif len(b) == 2 and b.isdigit():
                wrong_nb.append(f"{b} er ikke denne porteføljens fylke ({doc.county})")
                wrong_en.append(f"{b} is not this portfolio's county ({doc.county})")
            else:
                wrong_nb.append(f"{b} finnes ikke i kommuneregisteret for {reg.year}")
                wrong_en.append(f"{b} is not in the {reg.year} municipality register")
        values = {"beneficiaries": ", ".join(m.beneficiaries)}
        if wrong_nb:
            yield Result(
                subject,
                NOT_MET,
                text(
                    "Ugyldig mottaker: " + "; ".join(wrong_nb) + ".",
                    "Invalid beneficiary: " + "; ".join(wrong_en) + ".",
                ),
                values,
            )
            continue
        names = _listing(
            _label(reg, b) if b in reg else f"{b} fylkeskommunen" for b in m.beneficiaries
        )
        names_en = _listing(
            _label(reg, b) if b in reg else f"{b} the county" for b in m.beneficiaries
        )
        n = len(m.beneficiaries)
        yield Result(
            subject,
            MET,
            text(
                f"{n} mottaker{'e' if n > 1 else ''}, alle gyldige: {names}.",
                f"{n} beneficiar{'ies' if n > 1 else 'y'}, all valid: {names_en}.",
            ),
            values,
        )


class TargetStatus:
    """Why a municipality is, is not, or may be in the target group (A-1.2, A-2.2)."""

    __slots__ = ("message", "outcome", "values")

    def __init__(self, outcome: Outcome, message: Text, values: Mapping[str, str]) -> None:
        self.outcome = outcome
        self.message = message
        self.values = values


def target_status(
    nr: str,
    label: str,
    *,
    documented: Mapping[str, int],
    scores: Mapping[str, Decimal] | None,
    target: frozenset[str] | None,
    threshold: Decimal | None,
) -> TargetStatus:
    """Whether the municipality ``nr`` is in the target group of §1.

    ``met`` when it is in the caller's target set (district index + selection) or has a documented
    challenge in strategic development work (``documented`` maps kommunenummer to the index in the
    portfolio's ``challenges``); ``not_met`` when a target set was given, the municipality is not in
    it (above the threshold) and no challenge is documented; ``undetermined`` otherwise.
    """
    score = None if scores is None else scores.get(nr)
    values = {"kommunenummer": nr}
    if score is not None:
        values["score"] = str(score)
    if threshold is not None:
        values["threshold"] = str(threshold)
    score_nb = "" if score is None else f"indeks {format_number(score)}"
    score_en = "" if score is None else f"index {score}"
    if target is not None and (
        nr in target or (threshold is not None and score is not None and score <= threshold)
    ):
        values["basis"] = "index"
        shown_nb = f" ({score_nb})" if score_nb else ""
        shown_en = f" ({score_en})" if score_en else ""
        return TargetStatus(
            MET,
            Text(
                f"{label} er i målgruppen valgt fra distriktsindeksen{shown_nb}.",
                f"{label} is in the target group selected from the district index{shown_en}.",
            ),
            values,
        )
    if nr in documented:
        values["basis"] = "challenge"
        values["challenge"] = f"/challenges/{documented[nr]}"
        return TargetStatus(
            MET,
            Text(
                f"{label} har en dokumentert utfordring i strategisk utviklingsarbeid "
                f"(/challenges/{documented[nr]}).",
                f"{label} has a documented challenge in strategic development work "
                f"(/challenges/{documented[nr]}).",
            ),
            values,
        )
    if target is not None:
        if threshold is not None and score is None:
            return TargetStatus(
                UNDETERMINED,
                Text(
                    f"{label} har ingen verdi i distriktsindeksen og ingen dokumentert "
                    "utfordring i strategisk utviklingsarbeid.",
                    f"{label} has no value in the district index and no documented challenge "
                    "in strategic development work.",
                ),
                values,
            )
        above_nb = (
            f" ({score_nb}, over terskelen {format_number(threshold)})"
            if score_nb and threshold is not None
            else ""
        )
        above_en = (
            f" ({score_en}, above the threshold {threshold})"
            if score_en and threshold is not None
            else ""
        )
        return TargetStatus(
            NOT_MET,
            Text(
                f"{label} er utenfor målgruppen valgt fra distriktsindeksen{above_nb}, og ingen "
                "utfordring i strategisk utviklingsarbeid er dokumentert.",
                f"{label} is outside the target group selected from the district index"
                f"{above_en}, and no challenge in strategic development work is documented.",
            ),
            values,
        )
    if scores is not None:
        return TargetStatus(
            UNDETERMINED,
            Text(
                f"{label}: distriktsindeksen er gitt uten utvalg, og ingen utfordring i "
                "strategisk utviklingsarbeid er dokumentert; oppgi et utvalg (f.eks. --lowest N).",
                f"{label}: the district index was given without a selection, and no challenge "
                "in strategic development work is documented; give a selection (e.g. "
                "--lowest N).",
            ),
            values,
        )
    return TargetStatus(
        UNDETERMINED,
        Text(
            f"{label}: verken distriktsindeks eller dokumentert utfordring i strategisk "
            "utviklingsarbeid; dokumenter utfordringen under /challenges, eller sjekk med en "
            "distriktsindeks og et utvalg.",
            f"{label}: neither a district index nor a documented challenge in strategic "
            "development work; document the challenge under /challenges, or check with a "
            "district index and a selection.",
        ),
        values,
    )


@rule(
    "A-1.2",
    scheme="a",
    severity=ERROR,
    subject="measure",
    kinds=KINDS,
    title=Text(
        "Mottakerkommunene er i målgruppen",
        "The beneficiary municipalities are in the target group",
    ),
    citation=_cite(
        "1", "distriktskommuner med særlige utfordringer med strategisk utviklingsarbeid"
    ),
)
@_per_measure
def a_1_2(doc: Portfolio, ctx: Context) -> Iterator[Result]:
    """§1: «Målgruppen for ordningen er distriktskommuner med særlige utfordringer med strategisk
    utviklingsarbeid.»

    One finding per beneficiary municipality (``/measures/i/beneficiaries/j``): in the target set
    the caller selected from the district index, or with a documented challenge → ``met``; outside
    the target set with no documented challenge → ``not_met``; otherwise ``undetermined``.
    """
    text = Texts()
    reg = ctx.register
    documented = doc.documented_challenges()
    cache: dict[str, TargetStatus] = {}
    for i, m in enumerate(doc.measures):
        found = False
        for j, b in enumerate(m.beneficiaries):
            if b not in reg:
                continue
            found = True
            status = cache.get(b)
            if status is None:
                status = cache[b] = target_status(
                    b,
                    _label(reg, b),
                    documented=documented,
                    scores=ctx.scores,
                    target=ctx.target,
                    threshold=ctx.threshold,
                )
            yield Result(
                f"/measures/{i}/beneficiaries/{j}", status.outcome, status.message, status.values
            )
        if not found:
            yield Result(
                _measure_pointer(i),
                NOT_APPLICABLE,
                text(
                    "Tiltaket har ingen mottakerkommune å vurdere.",
                    "The measure has no beneficiary municipality to assess.",
                ),
            )


@rule(
    "A-1.3",
    scheme="a",
    severity=ERROR,
    subject="measure",
    kinds=KINDS,
    title=Text(
        "Tiltaket bidrar til mål 1 og/eller mål 3 for programkategori 13.50",
        "The measure contributes to goal 1 and/or goal 3 of programme category 13.50",
    ),
    citation=_cite("1", "Ordningen skal bidra til både mål 1 og mål 3 for 13.50."),
)
@_per_measure
def a_1_3(doc: Portfolio, ctx: Context) -> Iterator[Result]:
    """§1: «Ordningen skal bidra til både mål 1 og mål 3 for 13.50. Mål 1 er næringsutvikling,
    verdiskaping og attraktive arbeidsmarkeder i regioner og distrikt og Mål 3 er styrket
    utviklingskapasitet og velfungerende tjenestetilbud i distriktene.»

    Each measure states how it contributes to goal 1 and/or goal 3; another goal alone does not
    suffice, nor does a goal named without its contribution.
    """
    text = Texts()
    for i, m in enumerate(doc.measures):
        subject = _measure_pointer(i)
        stated = sorted(
            {g.goal for g in m.goals if g.goal in (1, 3) and not is_blank(g.contribution)}
        )
        named = sorted({g.goal for g in m.goals})
        values = {"goals": ", ".join(str(g) for g in named)}
        if stated:
            which = " og ".join(f"mål {g}" for g in stated)
            which_en = " and ".join(f"goal {g}" for g in stated)
            yield Result(
                subject,
                MET,
                text(
                    f"Tiltaket oppgir bidrag til {which} for programkategori 13.50.",
                    f"The measure states its contribution to {which_en} of programme category "
                    "13.50.",
                ),
                values,
            )
        elif any(g in (1, 3) for g in named):
            yield Result(
                subject,
                NOT_MET,
                text(
                    "Tiltaket nevner mål 1 eller 3 for 13.50, men sier ikke hvordan det bidrar.",
                    "The measure names goal 1 or 3 of 13.50 but does not say how it contributes.",
                ),
                values,
            )
        elif named:
            listed = ", ".join(str(g) for g in named)
            yield Result(
                subject,
                NOT_MET,
                text(
                    f"Tiltaket oppgir bare mål {listed} for 13.50; bidrag til mål 1 eller 3 "
                    "kreves.",
                    f"The measure names only goal {listed} of 13.50; a contribution to goal 1 or "
                    "3 is required.",
                ),
                values,
            )
        else:
            yield Result(
                subject,
                NOT_MET,
                text(
                    "Tiltaket oppgir ikke bidrag til mål 1 eller mål 3 for 13.50.",
                    "The measure states no contribution to goal 1 or goal 3 of 13.50.",
                ),
                values,
            )


# ============================================================================================
# §2 Kriterier for måloppnåelse
# ============================================================================================


@rule(
    "A-2.1",
    scheme="a",
    severity=ERROR,
    subject="measure",
    kinds=KINDS,
    title=Text(
        "Tiltaket registrerer bidrag til kriteriene for måloppnåelse",
        "The measure records a contribution to the criteria for goal achievement",
    ),
    citation=_cite(
        "2",
        "hvordan oppgaver er løst på nye måter, hvordan samfunnsplanleggingen er styrket, eller "
        "hvilke planer som er utviklet eller fornyet ved hjelp av innsatsen",
    ),
)
@_per_measure
def a_2_1(doc: Portfolio, ctx: Context) -> Iterator[Result]:
    """§2: «Vurderinger av måloppnåelse kan blant annet være å vise hvordan oppgaver er løst på nye
    måter, hvordan samfunnsplanleggingen er styrket, eller hvilke planer som er utviklet eller
    fornyet ved hjelp av innsatsen.»

    Each measure records at least one: tasks solved in new ways, strengthened community planning,
    or plans developed or renewed (by name).
    """
    text = Texts()
    for i, m in enumerate(doc.measures):
        c = m.criteria
        parts_nb: list[str] = []
        parts_en: list[str] = []
        if not is_blank(c.new_ways):
            parts_nb.append("nye måter å løse oppgaver på")
            parts_en.append("tasks solved in new ways")
        if not is_blank(c.planning):
            parts_nb.append("styrket samfunnsplanlegging")
            parts_en.append("strengthened community planning")
        plans = [p.name.strip() for p in c.plans if not is_blank(p.name)]
        if plans:
            listed = _listing(f"«{p}»" for p in plans)
            parts_nb.append(f"planer utviklet eller fornyet: {listed}")
            parts_en.append(f"plans developed or renewed: {listed}")
        values = {
            "new_ways": "yes" if not is_blank(c.new_ways) else "no",
            "planning": "yes" if not is_blank(c.planning) else "no",
            "plans": str(len(plans)),
        }
        if parts_nb:
            yield Result(
                _measure_pointer(i),
                MET,
                text(
                    "Bidrag til kriteriene: " + "; ".join(parts_nb) + ".",
                    "Contribution to the criteria: " + "; ".join(parts_en) + ".",
                ),
                values,
            )
        else:
            yield Result(
                _measure_pointer(i),
                NOT_MET,
                text(
                    "Tiltaket registrerer ikke nye måter å løse oppgaver på, styrket "
                    "samfunnsplanlegging eller planer utviklet eller fornyet.",
                    "The measure records no tasks solved in new ways, no strengthened community "
                    "planning and no plans developed or renewed.",
                ),
                values,
            )


@rule(
    "A-2.2",
    scheme="a",
    severity=ADVICE,
    subject="portfolio",
    kinds=KINDS,
    title=Text(
        "Antall kommuner i målgruppen som får nytte av ordningen",
        "The number of target-group municipalities that benefit",
    ),
    citation=_cite(
        "2", "Antall kommuner i målgruppen som får nytte av ordningen er også et kriterium."
    ),
)
def a_2_2(doc: Portfolio, ctx: Context) -> Iterator[Result]:
    """§2: «Antall kommuner i målgruppen som får nytte av ordningen er også et kriterium.»

    Computes the distinct beneficiary municipalities in the target group (as A-1.2 decides) and
    shows the number; advice when none of them is.
    """
    text = Texts()
    reg = ctx.register
    documented = doc.documented_challenges()
    municipalities = sorted({b for m in doc.measures for b in m.beneficiaries if b in reg})
    groups: dict[Outcome, list[str]] = {MET: [], NOT_MET: [], UNDETERMINED: []}
    for nr in municipalities:
        status = target_status(
            nr,
            nr,
            documented=documented,
            scores=ctx.scores,
            target=ctx.target,
            threshold=ctx.threshold,
        )
        groups[status.outcome].append(nr)
    inside, outside, unknown = groups[MET], groups[NOT_MET], groups[UNDETERMINED]
    values = {
        "municipalities": str(len(municipalities)),
        "target_group": str(len(inside)),
        "target_group_municipalities": ", ".join(inside),
        "outside": str(len(outside)),
        "undetermined": str(len(unknown)),
    }
    if inside:
        names = _listing((_label(reg, nr) for nr in inside), limit=10)
        extra_nb = f" ({len(unknown)} uavklart)" if unknown else ""
        extra_en = f" ({len(unknown)} undetermined)" if unknown else ""
        yield Result(
            "",
            MET,
            text(
                f"{len(inside)} av {len(municipalities)} mottakerkommuner er i målgruppen"
                f"{extra_nb}: {names}.",
                f"{len(inside)} of {len(municipalities)} beneficiary municipalities are in the "
                f"target group{extra_en}: {names}.",
            ),
            values,
        )
    elif not municipalities:
        yield Result(
            "",
            NOT_MET,
            text(
                "Ingen kommune i målgruppen får nytte av tiltakene: ingen mottakerkommuner.",
                "No target-group municipality benefits: the measures name no municipality.",
            ),
            values,
        )
    elif unknown:
        yield Result(
            "",
            UNDETERMINED,
            text(
                f"Antallet kan ikke fastslås: {len(unknown)} av {len(municipalities)} "
                "mottakerkommuner har verken distriktsindeks eller dokumentert utfordring.",
                f"The number cannot be determined: {len(unknown)} of {len(municipalities)} "
                "beneficiary municipalities have neither a district index nor a documented "
                "challenge.",
            ),
            values,
        )
    else:
        yield Result(
            "",
            NOT_MET,
            text(
                f"Ingen av de {len(municipalities)} mottakerkommunene er i målgruppen.",
                f"None of the {len(municipalities)} beneficiary municipalities is in the target "
                "group.",
            ),
            values,
        )


# ============================================================================================
# §4 Hva kan midlene brukes til
# ============================================================================================


@rule(
    "A-4.1",
    scheme="a",
    severity=ERROR,
    subject="measure",
    kinds=KINDS,
    title=Text(
        "Tiltaket har nøyaktig én tillatt bruk (i–iv)",
        "The measure has exactly one permitted use (i–iv)",
    ),
    citation=_cite("4", "Fylkeskommunen kan benytte midler"),
)
@_per_measure
def a_4_1(doc: Portfolio, ctx: Context) -> Iterator[Result]:
    """§4: «Fylkeskommunen kan benytte midler i. i målrettede prosjekt …, ii. til innkjøp av
    konsulent- og prosessbistand …, iii. til målrettet forsterking og kompetanseutvikling av
    fylkeskommunens egen veiledningskompetanse og -kapasitet iv. til forsterket veiledning og
    bistand fra fylkeskommunen til kommuner, knyttet til plan- og strategiprosesser i kommunene»
    """
    text = Texts()
    for i, m in enumerate(doc.measures):
        uses = list(dict.fromkeys(m.uses))
        values = {"uses": ", ".join(u.value for u in uses)}
        if len(uses) == 1:
            yield Result(
                _measure_pointer(i),
                MET,
                text(f"Bruk {uses[0].value} (§4).", f"Use {uses[0].value} (§4)."),
                values,
            )
        elif not uses:
            yield Result(
                _measure_pointer(i),
                NOT_MET,
                text(
                    "Tiltaket oppgir ingen bruk; velg én av i, ii, iii og iv (§4).",
                    "The measure states no use; choose one of i, ii, iii and iv (§4).",
                ),
                values,
            )
        else:
            listed = ", ".join(u.value for u in uses)
            yield Result(
                _measure_pointer(i),
                NOT_MET,
                text(
                    f"Tiltaket oppgir {len(uses)} bruk ({listed}); det skal ha nøyaktig én.",
                    f"The measure states {len(uses)} uses ({listed}); it must have exactly one.",
                ),
                values,
            )


def _not_this_use(use: Use, m: Measure) -> Text:
    return _not_this_use_text(use, m.uses)


@functools.lru_cache(maxsize=256)
def _not_this_use_text(use: Use, uses: tuple[Use, ...]) -> Text:
    listed = ", ".join(u.value for u in uses) or "–"
    return Text(
        f"Gjelder bare bruk {use.value}; tiltaket har bruk {listed}.",
        f"Applies to use {use.value} only; the measure has use {listed}.",
    )


@rule(
    "A-4.2",
    scheme="a",
    severity=ERROR,
    subject="measure (use i)",
    kinds=KINDS,
    title=Text(
        "Bruk i: fylkeskommunen står ansvarlig, og minst én kommune har nytte",
        "Use i: the county is responsible, and at least one municipality benefits",
    ),
    citation=_cite(
        "4",
        "i målrettede prosjekt som fylkeskommunen står ansvarlig for, til nytte for en, eller "
        "flere kommuner sammen",
    ),
)
@_per_measure
def a_4_2(doc: Portfolio, ctx: Context) -> Iterator[Result]:
    """§4 i: «i målrettede prosjekt som fylkeskommunen står ansvarlig for, til nytte for en, eller
    flere kommuner sammen»"""
    text = Texts()
    reg = ctx.register
    for i, m in enumerate(doc.measures):
        subject = _measure_pointer(i)
        if Use.I not in m.uses:
            yield Result(subject, NOT_APPLICABLE, _not_this_use(Use.I, m))
            continue
        municipalities = [b for b in m.beneficiaries if b in reg]
        values = {"owner": m.owner.kind.value, "municipalities": str(len(municipalities))}
        wrong_nb: list[str] = []
        wrong_en: list[str] = []
        if m.owner.kind is not OrganisationKind.COUNTY:
            wrong_nb.append(
                f"eieren er «{m.owner.name}» ({m.owner.kind.value}), ikke fylkeskommunen"
            )
            wrong_en.append(f"the owner is “{m.owner.name}” ({m.owner.kind.value}), not the county")
        if not municipalities:
            wrong_nb.append("ingen kommune har nytte av prosjektet")
            wrong_en.append("no municipality benefits from the project")
        if wrong_nb:
            yield Result(
                subject,
                NOT_MET,
                text(
                    "Bruk i krever: " + "; ".join(wrong_nb) + ".",
                    "Use i requires otherwise: " + "; ".join(wrong_en) + ".",
                ),
                values,
            )
        else:
            n = len(municipalities)
            yield Result(
                subject,
                MET,
                text(
                    f"Prosjekt med «{m.owner.name}» som ansvarlig, til nytte for {n} "
                    f"kommune{'r' if n > 1 else ''}.",
                    f"A project “{m.owner.name}” is responsible for, benefiting {n} "
                    f"municipalit{'ies' if n > 1 else 'y'}.",
                ),
                values,
            )


_ASSISTANCE_NB = {
    AssistanceKind.CONSULTANT: "konsulentbistand",
    AssistanceKind.PROCESS: "prosessbistand",
    AssistanceKind.CONSULTANT_AND_PROCESS: "konsulent- og prosessbistand",
    AssistanceKind.OTHER: "annet enn konsulent- eller prosessbistand",
}
_ASSISTANCE_EN = {
    AssistanceKind.CONSULTANT: "consultant assistance",
    AssistanceKind.PROCESS: "process assistance",
    AssistanceKind.CONSULTANT_AND_PROCESS: "consultant and process assistance",
    AssistanceKind.OTHER: "something other than consultant or process assistance",
}


@rule(
    "A-4.3",
    scheme="a",
    severity=ERROR,
    subject="measure (use ii)",
    kinds=KINDS,
    title=Text(
        "Bruk ii: kjøp av konsulent- eller prosessbistand fra en ekstern leverandør, til nytte "
        "for kommunene",
        "Use ii: purchase of consultant or process assistance from an external supplier, for "
        "the municipalities",
    ),
    citation=_cite(
        "4", "til innkjøp av konsulent- og prosessbistand som kommer de aktuelle kommunene til gode"
    ),
)
@_per_measure
def a_4_3(doc: Portfolio, ctx: Context) -> Iterator[Result]:
    """§4 ii: «til innkjøp av konsulent- og prosessbistand som kommer de aktuelle kommunene til
    gode»"""
    text = Texts()
    reg = ctx.register
    for i, m in enumerate(doc.measures):
        subject = _measure_pointer(i)
        if Use.II not in m.uses:
            yield Result(subject, NOT_APPLICABLE, _not_this_use(Use.II, m))
            continue
        municipalities = [b for b in m.beneficiaries if b in reg]
        s = m.supplier
        wrong_nb: list[str] = []
        wrong_en: list[str] = []
        values = {"municipalities": str(len(municipalities))}
        if s is None:
            wrong_nb.append("ingen leverandør er oppgitt")
            wrong_en.append("no supplier is given")
        else:
            values |= {
                "supplier": s.name,
                "supplier_kind": s.kind.value,
                "assistance": s.assistance.value,
            }
            if s.kind in (OrganisationKind.COUNTY, OrganisationKind.MUNICIPALITY):
                wrong_nb.append(f"leverandøren «{s.name}» er ikke ekstern ({s.kind.value})")
                wrong_en.append(f"the supplier “{s.name}” is not external ({s.kind.value})")
            if s.assistance is AssistanceKind.OTHER:
                wrong_nb.append("det kjøpes " + _ASSISTANCE_NB[s.assistance])
                wrong_en.append("what is bought is " + _ASSISTANCE_EN[s.assistance])
        if not municipalities:
            wrong_nb.append("ingen kommune har nytte av bistanden")
            wrong_en.append("no municipality benefits from the assistance")
        if wrong_nb:
            yield Result(
                subject,
                NOT_MET,
                text(
                    "Ikke kjøp av bistand etter bruk ii: " + "; ".join(wrong_nb) + ".",
                    "Not a purchase of assistance under use ii: " + "; ".join(wrong_en) + ".",
                ),
                values,
            )
        else:
            assert s is not None  # noqa: S101 - no supplier is a reason above
            n = len(municipalities)
            yield Result(
                subject,
                MET,
                text(
                    f"Kjøp av {_ASSISTANCE_NB[s.assistance]} fra «{s.name}» til {n} "
                    f"kommune{'r' if n > 1 else ''}.",
                    f"Purchase of {_ASSISTANCE_EN[s.assistance]} from “{s.name}” for {n} "
                    f"municipalit{'ies' if n > 1 else 'y'}.",
                ),
                values,
            )


@rule(
    "A-4.4",
    scheme="a",
    severity=ERROR,
    subject="measure (use iii)",
    kinds=KINDS,
    title=Text(
        "Bruk iii: målrettet styrking av fylkeskommunens egen veiledningskompetanse eller "
        "-kapasitet",
        "Use iii: targeted strengthening of the county's own guidance competence or capacity",
    ),
    citation=_cite(
        "4",
        "til målrettet forsterking og kompetanseutvikling av fylkeskommunens egen "
        "veiledningskompetanse og -kapasitet",
    ),
)
@_per_measure
def a_4_4(doc: Portfolio, ctx: Context) -> Iterator[Result]:
    """§4 iii: «til målrettet forsterking og kompetanseutvikling av fylkeskommunens egen
    veiledningskompetanse og -kapasitet»

    Says which competence or capacity is strengthened, and for what municipal needs (targeted).
    """
    text = Texts()
    for i, m in enumerate(doc.measures):
        subject = _measure_pointer(i)
        if Use.III not in m.uses:
            yield Result(subject, NOT_APPLICABLE, _not_this_use(Use.III, m))
            continue
        g = m.guidance_capacity
        which = g is not None and not (is_blank(g.competence) and is_blank(g.capacity))
        needs = g is not None and not is_blank(g.municipal_needs)
        values = {"which": "yes" if which else "no", "municipal_needs": "yes" if needs else "no"}
        if which and needs:
            yield Result(
                subject,
                MET,
                text(
                    "Sier hvilken veiledningskompetanse eller -kapasitet som styrkes, og for "
                    "hvilke kommunale behov.",
                    "Says which guidance competence or capacity is strengthened, and for what "
                    "municipal needs.",
                ),
                values,
            )
            continue
        missing_nb = []
        missing_en = []
        if not which:
            missing_nb.append("hvilken kompetanse eller kapasitet som styrkes")
            missing_en.append("which competence or capacity is strengthened")
        if not needs:
            missing_nb.append("hvilke kommunale behov styrkingen svarer på")
            missing_en.append("what municipal needs the strengthening answers")
        yield Result(
            subject,
            NOT_MET,
            text(
                "Bruk iii må være målrettet; mangler: " + " og ".join(missing_nb) + ".",
                "Use iii must be targeted; missing: " + " and ".join(missing_en) + ".",
            ),
            values,
        )


@rule(
    "A-4.5",
    scheme="a",
    severity=ERROR,
    subject="measure (use iv)",
    kinds=KINDS,
    title=Text(
        "Bruk iv: veiledning og bistand til kommuner knyttet til navngitte plan- og "
        "strategiprosesser",
        "Use iv: guidance and assistance to municipalities linked to named plan and strategy "
        "processes",
    ),
    citation=_cite(
        "4",
        "til forsterket veiledning og bistand fra fylkeskommunen til kommuner, knyttet til plan- "
        "og strategiprosesser i kommunene",
    ),
)
@_per_measure
def a_4_5(doc: Portfolio, ctx: Context) -> Iterator[Result]:
    """§4 iv: «til forsterket veiledning og bistand fra fylkeskommunen til kommuner, knyttet til
    plan- og strategiprosesser i kommunene»"""
    text = Texts()
    reg = ctx.register
    for i, m in enumerate(doc.measures):
        subject = _measure_pointer(i)
        if Use.IV not in m.uses:
            yield Result(subject, NOT_APPLICABLE, _not_this_use(Use.IV, m))
            continue
        processes = [p.name.strip() for p in m.plan_processes if not is_blank(p.name)]
        municipalities = [b for b in m.beneficiaries if b in reg]
        values = {"processes": str(len(processes)), "municipalities": str(len(municipalities))}
        if processes and municipalities:
            listed = _listing(f"«{p}»" for p in processes)
            yield Result(
                subject,
                MET,
                text(
                    f"Veiledning knyttet til {listed}.",
                    f"Guidance linked to {listed}.",
                ),
                values,
            )
            continue
        wrong_nb = []
        wrong_en = []
        if not processes:
            wrong_nb.append("ingen navngitt plan- eller strategiprosess")
            wrong_en.append("no named plan or strategy process")
        if not municipalities:
            wrong_nb.append("ingen mottakerkommune")
            wrong_en.append("no beneficiary municipality")
        yield Result(
            subject,
            NOT_MET,
            text(
                "Bruk iv: " + " og ".join(wrong_nb) + ".",
                "Use iv: " + " and ".join(wrong_en) + ".",
            ),
            values,
        )


@rule(
    "A-4.6",
    scheme="a",
    severity=ERROR,
    subject="measure",
    kinds=KINDS,
    title=Text(
        "Tiltaket bygger varig kompetanse og kapasitet",
        "The measure builds lasting competence and capacity",
    ),
    citation=_cite(
        "4",
        "bidra til varig kompetanse- og kapasitetsbygging for strategisk arbeid med "
        "samfunnsutvikling",
    ),
)
@_per_measure
def a_4_6(doc: Portfolio, ctx: Context) -> Iterator[Result]:
    """§4: «Alle tiltak må - bidra til varig kompetanse- og kapasitetsbygging for strategisk
    arbeid med samfunnsutvikling.»

    States what remains after the measure; a one-off delivery alone is ``not_met``.
    """
    text = Texts()
    for i, m in enumerate(doc.measures):
        subject = _measure_pointer(i)
        lasting = m.lasting
        if lasting is None or is_blank(lasting.description):
            yield Result(
                subject,
                NOT_MET,
                text(
                    "Tiltaket sier ikke hva som blir igjen av kompetanse eller kapasitet etterpå.",
                    "The measure does not say what competence or capacity remains afterwards.",
                ),
                {"lasting": "" if lasting is None else lasting.kind.value},
            )
        elif lasting.kind is LastingKind.ONE_OFF:
            yield Result(
                subject,
                NOT_MET,
                text(
                    "En engangsleveranse alene bygger ikke varig kompetanse eller kapasitet: "
                    f"«{_short(lasting.description, 70).rstrip('.')}».",
                    "A one-off delivery alone builds no lasting competence or capacity: "
                    f"“{_short(lasting.description, 70).rstrip('.')}”.",
                ),
                {"lasting": lasting.kind.value},
            )
        else:
            yield Result(
                subject,
                MET,
                text(
                    f"Varig {_LASTING_NB[lasting.kind]}: {_short(lasting.description)}",
                    f"Lasting {_LASTING_EN[lasting.kind]}: {_short(lasting.description)}",
                ),
                {"lasting": lasting.kind.value},
            )


_LASTING_NB = {
    LastingKind.COMPETENCE: "kompetanse",
    LastingKind.CAPACITY: "kapasitet",
    LastingKind.COMPETENCE_AND_CAPACITY: "kompetanse og kapasitet",
    LastingKind.ONE_OFF: "engangsleveranse",
}
_LASTING_EN = {
    LastingKind.COMPETENCE: "competence",
    LastingKind.CAPACITY: "capacity",
    LastingKind.COMPETENCE_AND_CAPACITY: "competence and capacity",
    LastingKind.ONE_OFF: "one-off delivery",
}


def _short(text: str, limit: int = 90) -> str:
    """``text`` on one line, cut at ``limit`` characters with an ellipsis."""
    one = " ".join(text.split())
    return one if len(one) <= limit else one[: limit - 1].rstrip() + "…"


_SOURCE_NB = {
    NeedsSource.MUNICIPALITY: "kommunen selv",
    NeedsSource.DIALOGUE: "kommunen og fylkeskommunen i dialog",
    NeedsSource.COUNTY: "fylkeskommunen alene",
}
_SOURCE_EN = {
    NeedsSource.MUNICIPALITY: "the municipality itself",
    NeedsSource.DIALOGUE: "the municipality and the county in dialogue",
    NeedsSource.COUNTY: "the county alone",
}


@rule(
    "A-4.7",
    scheme="a",
    severity=ERROR,
    subject="measure",
    kinds=KINDS,
    title=Text(
        "Tiltaket tar utgangspunkt i kommunenes egne utfordringer og behov",
        "The measure starts from the municipalities' own challenges and needs",
    ),
    citation=_cite("4", "ta utgangspunkt i kommunenes utfordringer og behov"),
)
@_per_measure
def a_4_7(doc: Portfolio, ctx: Context) -> Iterator[Result]:
    """§4: «Alle tiltak må … - ta utgangspunkt i kommunenes utfordringer og behov.»

    A documented basis identified by the municipality (or with it, in dialogue) → ``met``; by the
    county alone → ``not_met``; no documented basis → ``undetermined``.
    """
    text = Texts()
    for i, m in enumerate(doc.measures):
        subject = _measure_pointer(i)
        needs = m.needs
        if needs is None or is_blank(needs.description):
            yield Result(
                subject,
                UNDETERMINED,
                text(
                    "Grunnlaget (kommunenes utfordringer og behov) er ikke dokumentert.",
                    "The basis (the municipalities' challenges and needs) is not documented.",
                ),
                {"source": "" if needs is None else needs.source.value},
            )
            continue
        values = {"source": needs.source.value, "reference": needs.reference}
        ref_nb = f" ({_short(needs.reference, 60)})" if not is_blank(needs.reference) else ""
        if needs.source is NeedsSource.COUNTY:
            yield Result(
                subject,
                NOT_MET,
                text(
                    f"Behovet er vurdert av fylkeskommunen alene{ref_nb}, ikke tatt ut fra "
                    "kommunenes egne utfordringer og behov.",
                    f"The need was assessed by the county alone{ref_nb}, not taken from the "
                    "municipalities' own challenges and needs.",
                ),
                values,
            )
        else:
            yield Result(
                subject,
                MET,
                text(
                    f"Behovet er dokumentert av {_SOURCE_NB[needs.source]}{ref_nb}.",
                    f"The need is documented by {_SOURCE_EN[needs.source]}{ref_nb}.",
                ),
                values,
            )


@rule(
    "A-4.8",
    scheme="a",
    severity=ERROR,
    subject="measure",
    kinds=KINDS,
    title=Text(
        "Tiltaket vektlegger tverrsektorielt samarbeid (minst to sektorer)",
        "The measure emphasises cross-sector cooperation (at least two sectors)",
    ),
    citation=_cite(
        "4",
        "vektlegge tverrsektorielt samarbeid, der en samler ressurser for størst mulig "
        "samfunnseffekt",
    ),
)
@_per_measure
def a_4_8(doc: Portfolio, ctx: Context) -> Iterator[Result]:
    """§4: «Alle tiltak må … - vektlegge tverrsektorielt samarbeid, der en samler ressurser for
    størst mulig samfunnseffekt.»"""
    text = Texts()
    for i, m in enumerate(doc.measures):
        sectors = _distinct(m.sectors)
        values = {"sectors": ", ".join(sectors)}
        listed = _listing(sectors)
        if len(sectors) >= 2:
            yield Result(
                _measure_pointer(i),
                MET,
                text(f"{len(sectors)} sektorer: {listed}.", f"{len(sectors)} sectors: {listed}."),
                values,
            )
        else:
            shown_nb = f" ({listed})" if sectors else ""
            yield Result(
                _measure_pointer(i),
                NOT_MET,
                text(
                    f"{len(sectors)} sektor{shown_nb}; tverrsektorielt samarbeid krever minst to.",
                    f"{len(sectors)} sector{'' if len(sectors) == 1 else 's'}{shown_nb}; "
                    "cross-sector cooperation needs at least two.",
                ),
                values,
            )


@rule(
    "A-4.9",
    scheme="a",
    severity=ADVICE,
    subject="portfolio",
    kinds=KINDS,
    title=Text(
        "Flere avdelinger eller seksjoner i fylkeskommunen samordner seg",
        "Several county departments or sections coordinate",
    ),
    citation=_cite(
        "4",
        "Flere avdelinger og seksjoner i fylkeskommunen bør samordne seg og samarbeide om dette "
        "arbeidet",
    ),
)
def a_4_9(doc: Portfolio, ctx: Context) -> Iterator[Result]:
    """§4: «Flere avdelinger og seksjoner i fylkeskommunen bør samordne seg og samarbeide om dette
    arbeidet, slik at kommunene får helhetlig og godt koordinert veiledning.»"""
    text = Texts()
    departments = _distinct(d for m in doc.measures for d in m.departments)
    values = {"departments": ", ".join(departments)}
    listed = _listing(departments)
    if len(departments) >= 2:
        yield Result(
            "",
            MET,
            text(
                f"{len(departments)} avdelinger eller seksjoner er med: {listed}.",
                f"{len(departments)} departments or sections take part: {listed}.",
            ),
            values,
        )
    else:
        shown = f" ({listed})" if departments else ""
        yield Result(
            "",
            NOT_MET,
            text(
                f"Bare {len(departments)} avdeling{shown} er med i tiltakene; flere bør samordne "
                "seg.",
                f"Only {len(departments)} department{shown} takes part in the measures; several "
                "should coordinate.",
            ),
            values,
        )


_PARTNER_NB = {
    "statsforvalteren": "Statsforvalteren",
    "distriktssenteret": "Distriktssenteret",
    "state_agency": "andre statlige etater",
    "virkemiddelaktor": "virkemiddelaktører",
}
_PARTNER_EN = {
    "statsforvalteren": "Statsforvalteren",
    "distriktssenteret": "Distriktssenteret",
    "state_agency": "other state agencies",
    "virkemiddelaktor": "virkemiddelaktører",
}


@rule(
    "A-4.10",
    scheme="a",
    severity=ADVICE,
    subject="portfolio",
    kinds=KINDS,
    title=Text(
        "Statsforvalteren, Distriktssenteret, andre statlige etater eller virkemiddelaktører "
        "inviteres med",
        "Statsforvalteren, Distriktssenteret, other state agencies or virkemiddelaktører are "
        "invited",
    ),
    citation=_cite(
        "4",
        "Fylkeskommunen skal invitere med aktører som Statsforvalteren, Distriktssenteret, andre "
        "statlige etater og virkemiddelaktører der det er hensiktsmessig",
    ),
)
def a_4_10(doc: Portfolio, ctx: Context) -> Iterator[Result]:
    """§4: «Fylkeskommunen skal invitere med aktører som Statsforvalteren, Distriktssenteret,
    andre statlige etater og virkemiddelaktører der det er hensiktsmessig.»

    «der det er hensiktsmessig» makes it advice: none invited in any measure → advice.
    """
    text = Texts()
    invited = {p.kind for m in doc.measures for p in m.partners}
    kinds = [k.value for k in PartnerKind if k in invited]  # in the regulation's order
    with_partners = sum(1 for m in doc.measures if m.partners)
    values = {"partners": ", ".join(kinds), "measures_with_partners": str(with_partners)}
    if kinds:
        yield Result(
            "",
            MET,
            text(
                f"{with_partners} av {len(doc.measures)} tiltak inviterer med "
                + ", ".join(_PARTNER_NB[k] for k in kinds)
                + ".",
                f"{with_partners} of {len(doc.measures)} measures invite "
                + ", ".join(_PARTNER_EN[k] for k in kinds)
                + ".",
            ),
            values,
        )
    else:
        yield Result(
            "",
            NOT_MET,
            text(
                "Ingen tiltak inviterer med Statsforvalteren, Distriktssenteret, andre statlige "
                "etater eller virkemiddelaktører.",
                "No measure invites Statsforvalteren, Distriktssenteret, other state agencies or "
                "virkemiddelaktører.",
            ),
            values,
        )


@rule(
    "A-4.11",
    scheme="a",
    severity=ADVICE,
    subject="measure (use iv)",
    kinds=KINDS,
    title=Text(
        "Bruk iv: veiledningen gis over tid",
        "Use iv: the guidance is given over time",
    ),
    citation=_cite(
        "4",
        "Fylkeskommunene skal gi ekstra bistand og veiledning over tid til distriktskommuner med "
        "særlige utfordringer med strategisk utviklingsarbeid",
    ),
)
@_per_measure
def a_4_11(doc: Portfolio, ctx: Context) -> Iterator[Result]:
    """§4: «Fylkeskommunene skal gi ekstra bistand og veiledning over tid til distriktskommuner
    med særlige utfordringer med strategisk utviklingsarbeid.»

    «over tid» has no number in the regulation: the parameter ``a.guidance_min_months`` (12 from
    2024) is post65's reading, so a shorter duration is advice, not an error.
    """
    text = Texts()
    minimum = ctx.param("a.guidance_min_months")
    # a portfolio built in code may have any int as its year; a date needs 1–9999
    year_end = dt.date(min(max(doc.year, dt.MINYEAR), dt.MAXYEAR), 12, 31)
    for i, m in enumerate(doc.measures):
        subject = _measure_pointer(i)
        if Use.IV not in m.uses:
            yield Result(subject, NOT_APPLICABLE, _not_this_use(Use.IV, m))
            continue
        start, end = m.period.start, m.period.end
        if minimum is None:
            yield Result(
                subject,
                UNDETERMINED,
                text(
                    "Parameteren a.guidance_min_months (hva «over tid» er) er ikke kjent.",
                    "The parameter a.guidance_min_months (what «over tid» means) is not known.",
                ),
                {"start": start.isoformat()},
            )
            continue
        shown_min = str(minimum)
        if end is None:
            so_far = months_between(start, year_end) if start <= year_end else 0
            values = {
                "start": start.isoformat(),
                "months_to_year_end": str(so_far),
                "minimum": shown_min,
            }
            if so_far >= minimum:
                yield Result(
                    subject,
                    MET,
                    text(
                        f"Pågår; {so_far} måneder ved utgangen av {doc.year}.",
                        f"Ongoing; {so_far} months by the end of {doc.year}.",
                    ),
                    values,
                )
            else:
                yield Result(
                    subject,
                    UNDETERMINED,
                    text(
                        f"Pågår uten sluttdato; {so_far} måneder ved utgangen av {doc.year}, "
                        f"under {shown_min}.",
                        f"Ongoing with no end date; {so_far} months by the end of {doc.year}, "
                        f"under {shown_min}.",
                    ),
                    values,
                )
            continue
        months = months_between(start, end)
        values = {
            "start": start.isoformat(),
            "end": end.isoformat(),
            "months": str(months),
            "minimum": shown_min,
        }
        span = f"{start.isoformat()} to {end.isoformat()}"
        if months >= minimum:
            yield Result(
                subject,
                MET,
                text(
                    f"Veiledningen varer {months} måneder ({start.isoformat()} til "
                    f"{end.isoformat()}).",
                    f"The guidance runs {months} months ({span}).",
                ),
                values,
            )
        else:
            yield Result(
                subject,
                NOT_MET,
                text(
                    f"Veiledningen varer {months} måneder ({start.isoformat()} til "
                    f"{end.isoformat()}), under {shown_min}: hjelp over tid anbefales.",
                    f"The guidance runs {months} months ({span}), less than {shown_min}: help "
                    "over time is advised.",
                ),
                values,
            )


# ============================================================================================
# Funds: §4 (carried over) and §5 (administration costs)
# ============================================================================================


def _magnitude(q: Money) -> Decimal:
    return kroner(q)


@rule(
    "A-4.12",
    scheme="a",
    severity=ERROR,
    subject="portfolio",
    kinds=KINDS,
    title=Text(
        "Forbruket overstiger aldri midlene fra alle bevilgningsår; ubrukte midler overføres",
        "Spending never exceeds the funds of all appropriation years; unspent funds carry over",
    ),
    citation=_cite(
        "4", "Midlene i ordningen kan disponeres uavhengig av hvilket år bevilgningen er gitt."
    ),
)
def a_4_12(doc: Portfolio, ctx: Context) -> Iterator[Result]:
    """§4: «Midlene i ordningen kan disponeres uavhengig av hvilket år bevilgningen er gitt.»

    Year by year up to the portfolio's year, what scheme a has spent (payments and administration
    costs) never exceeds what it has received for all appropriation years to date; what is left
    carries over and never lapses.
    """
    text = Texts()
    ledger = doc.funds.ledger()
    years = [y for y in ledger.years(SchemeId.A) if y <= doc.year]
    if not years:
        yield Result(
            "/funds",
            UNDETERMINED,
            text(
                f"Ingen midler mottatt eller brukt for ordning a til og med {doc.year} er "
                "registrert.",
                f"No scheme a funds received or spent up to {doc.year} are recorded.",
            ),
            {"year": str(doc.year)},
        )
        return
    over: tuple[int, Decimal, Decimal] | None = None
    values: dict[str, str] = {}
    for year in years:
        values[f"balance_{year}"] = amount_to_str(ledger.balance(SchemeId.A, year))
        if over is None and kroner(ledger.balance(SchemeId.A, year)) < 0:
            over = (
                year,
                kroner(ledger.spent(SchemeId.A, up_to=year)),
                kroner(ledger.received(SchemeId.A, up_to=year)),
            )
    cum_received = kroner(ledger.received(SchemeId.A, up_to=doc.year))
    cum_spent = kroner(ledger.spent(SchemeId.A, up_to=doc.year))
    values |= {
        "received": amount_to_str(nok(cum_received)),
        "spent": amount_to_str(nok(cum_spent)),
        "balance": amount_to_str(nok(cum_received - cum_spent)),
    }
    if over is not None:
        year, s, r = over
        yield Result(
            "/funds",
            NOT_MET,
            text(
                f"I {year} var forbruket til sammen {_kr(s)}, mer enn de {_kr(r)} som var mottatt "
                f"for ordning a fra alle bevilgningsår (overforbruk {_kr(s - r)}).",
                f"By {year} spending totalled {_kr(s)}, more than the {_kr(r)} received for "
                f"scheme a from all appropriation years (overspent by {_kr(s - r)}).",
            ),
            values,
        )
        return
    yield Result(
        "/funds",
        MET,
        text(
            f"Forbruk {_kr(cum_spent)} av {_kr(cum_received)} mottatt fra alle bevilgningsår; "
            f"{_kr(cum_received - cum_spent)} overføres og faller ikke bort.",
            f"Spent {_kr(cum_spent)} of {_kr(cum_received)} received from all appropriation "
            f"years; {_kr(cum_received - cum_spent)} carries over and does not lapse.",
        ),
        values,
    )


@rule(
    "A-5.1",
    scheme="a",
    severity=ERROR,
    subject="portfolio",
    kinds=KINDS,
    title=Text(
        "Administrasjons- og gjennomføringskostnader er høyst 5 prosent av tilskuddsmidlene",
        "Administration and implementation costs are at most 5 per cent of the grant funds",
    ),
    citation=_cite(
        "5",
        "Fylkeskommunen kan bruke inntil 5 prosent av tilskuddsmidlene til å dekke egne "
        "administrasjons- og gjennomføringskostnader",
    ),
)
def a_5_1(doc: Portfolio, ctx: Context) -> Iterator[Result]:
    """§5: «Fylkeskommunen kan bruke inntil 5 prosent av tilskuddsmidlene til å dekke egne
    administrasjons- og gjennomføringskostnader som kan knyttes direkte til forvaltningen av
    midlene.»

    Cumulatively up to the portfolio's year: the administration costs charged to scheme a are at
    most ``a.admin_cost_share`` (5 % from 2024) of the scheme a funds received; the ratio of each
    year (costs of the year / funds of that appropriation year) is shown too.
    """
    text = Texts()
    subject = "/funds/admin_costs"
    share = ctx.param("a.admin_cost_share")
    if share is None:
        yield Result(
            subject,
            UNDETERMINED,
            text(
                "Parameteren a.admin_cost_share (andelen til administrasjon) er ikke kjent.",
                "The parameter a.admin_cost_share (the administration share) is not known.",
            ),
            {"parameter": "a.admin_cost_share"},
        )
        return
    ledger = doc.funds.ledger()
    years = [y for y in ledger.years(SchemeId.A) if y <= doc.year]
    received = {y: kroner(ledger.received(SchemeId.A, y)) for y in years}
    admin = {y: kroner(ledger.admin(SchemeId.A, y)) for y in years}
    total_received = kroner(ledger.received(SchemeId.A, up_to=doc.year))
    total_admin = kroner(ledger.admin(SchemeId.A, up_to=doc.year))
    cap = share * total_received
    values = {
        "admin_costs": amount_to_str(nok(total_admin)),
        "received": amount_to_str(nok(total_received)),
        "parameter": "a.admin_cost_share",
        "limit": str(share),
        "cap": str(cap),
    }
    yearly_nb: list[str] = []
    yearly_en: list[str] = []
    for year in years:
        r = received[year]
        a = admin[year]
        if a == 0 and r == 0:
            continue
        if r > 0:
            ratio = a / r
            values[f"share_{year}"] = str(ratio.quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP))
            yearly_nb.append(f"{year}: {_percent(ratio)}")
            yearly_en.append(f"{year}: {_percent(ratio, 'en')}")
        elif a > 0:
            values[f"share_{year}"] = "-"
            yearly_nb.append(f"{year}: {_kr(a)} uten midler for året")
            yearly_en.append(f"{year}: {_kr(a)} with no funds for that year")
    shown_nb = f" (per år: {', '.join(yearly_nb)})" if yearly_nb else ""
    shown_en = f" (by year: {', '.join(yearly_en)})" if yearly_en else ""
    if total_received > 0:
        values["share"] = str(
            (total_admin / total_received).quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP)
        )
    if total_admin == 0:
        yield Result(
            subject,
            MET,
            text(
                "Ingen administrasjonskostnader er belastet ordning a.",
                "No administration costs are charged to scheme a.",
            ),
            values,
        )
    elif total_received == 0:
        yield Result(
            subject,
            NOT_MET,
            text(
                f"{_kr(total_admin)} i administrasjonskostnader, men ingen midler mottatt for "
                "ordning a.",
                f"{_kr(total_admin)} in administration costs, but no scheme a funds received.",
            ),
            values,
        )
    elif total_admin <= cap:
        yield Result(
            subject,
            MET,
            text(
                f"Administrasjon {_kr(total_admin)} er {_percent(total_admin / total_received)} "
                f"av {_kr(total_received)} mottatt, innenfor {_percent(share)}{shown_nb}.",
                f"Administration {_kr(total_admin)} is "
                f"{_percent(total_admin / total_received, 'en')} of {_kr(total_received)} "
                f"received, within {_percent(share, 'en')}{shown_en}.",
            ),
            values,
        )
    else:
        yield Result(
            subject,
            NOT_MET,
            text(
                f"Administrasjon {_kr(total_admin)} er {_percent(total_admin / total_received)} "
                f"av {_kr(total_received)} mottatt, over {_percent(share)} (taket er "
                f"{_kr(cap)}){shown_nb}.",
                f"Administration {_kr(total_admin)} is "
                f"{_percent(total_admin / total_received, 'en')} of {_kr(total_received)} "
                f"received, above {_percent(share, 'en')} (the cap is {_kr(cap)}){shown_en}.",
            ),
            values,
        )


_CATEGORY_NB = {
    AdminCategory.CASE_HANDLING: "saksbehandling",
    AdminCategory.FOLLOW_UP: "oppfølging",
    AdminCategory.REPORTING: "rapportering",
    AdminCategory.CALLS: "utlysning",
    AdminCategory.CONTROL: "kontroll",
    AdminCategory.GENERAL_OVERHEAD: "generelle felleskostnader",
}
_CATEGORY_EN = {
    AdminCategory.CASE_HANDLING: "case handling",
    AdminCategory.FOLLOW_UP: "follow-up",
    AdminCategory.REPORTING: "reporting",
    AdminCategory.CALLS: "calls",
    AdminCategory.CONTROL: "control",
    AdminCategory.GENERAL_OVERHEAD: "general overhead",
}


@rule(
    "A-5.2",
    scheme="a",
    severity=ERROR,
    subject="portfolio",
    kinds=KINDS,
    title=Text(
        "Hver administrasjonskostnad kan knyttes direkte til forvaltningen av midlene",
        "Each administration cost is directly linked to managing the funds",
    ),
    citation=_cite("5", "som kan knyttes direkte til forvaltningen av midlene"),
)
def a_5_2(doc: Portfolio, ctx: Context) -> Iterator[Result]:
    """§5: «… egne administrasjons- og gjennomføringskostnader som kan knyttes direkte til
    forvaltningen av midlene.»

    One finding per administration cost item (``/funds/admin_costs/i``): case handling, follow-up,
    reporting, calls and control are directly linked; general overhead is not.
    """
    text = Texts()
    items = doc.funds.admin_costs
    if not items:
        yield Result(
            "/funds/admin_costs",
            NOT_APPLICABLE,
            text(
                "Ingen administrasjonskostnader er registrert.",
                "No administration costs are recorded.",
            ),
        )
        return
    for i, c in enumerate(items):
        subject = f"/funds/admin_costs/{i}"
        values = {
            "category": c.category.value,
            "amount": amount_to_str(c.amount),
            "year": str(c.year),
        }
        if c.scheme is not SchemeId.A:
            yield Result(
                subject,
                NOT_APPLICABLE,
                text(
                    f"Belastet ordning {c.scheme.value}; §5 gjelder ordning a.",
                    f"Charged to scheme {c.scheme.value}; §5 concerns scheme a.",
                ),
                values,
            )
        elif c.category is AdminCategory.GENERAL_OVERHEAD:
            yield Result(
                subject,
                NOT_MET,
                text(
                    f"{_kr(_magnitude(c.amount))} til generelle felleskostnader kan ikke knyttes "
                    "direkte til forvaltningen av midlene.",
                    f"{_kr(_magnitude(c.amount))} of general overhead is not directly linked to "
                    "managing the funds.",
                ),
                values,
            )
        else:
            yield Result(
                subject,
                MET,
                text(
                    f"{_kr(_magnitude(c.amount))} til {_CATEGORY_NB[c.category]}: direkte knyttet "
                    "til forvaltningen.",
                    f"{_kr(_magnitude(c.amount))} for {_CATEGORY_EN[c.category]}: directly linked "
                    "to managing the funds.",
                ),
                values,
            )


RULES: tuple[Rule, ...] = (
    a_1_1,
    a_1_2,
    a_1_3,
    a_2_1,
    a_2_2,
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
    a_4_12,
    a_5_1,
    a_5_2,
)
"""The rules of this module, in the order of the law."""
