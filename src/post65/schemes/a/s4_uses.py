"""§4 Hva kan midlene brukes til: the uses i–iv of scheme a funds (rules A-4.1 … A-4.5).

«Fylkeskommunen kan benytte midler

i. i målrettede prosjekt som fylkeskommunen står ansvarlig for, til nytte for en, eller flere
kommuner sammen,

ii. til innkjøp av konsulent- og prosessbistand som kommer de aktuelle kommunene til
gode,

iii. til målrettet forsterking og kompetanseutvikling av fylkeskommunens egen
veiledningskompetanse og -kapasitet

iv. til forsterket veiledning og bistand fra fylkeskommunen til kommuner, knyttet til plan-
og strategiprosesser i kommunene»

Each rule judges one measure (``/measures/3``). A-4.1 asks for one or more of the uses (the
parameter ``reading.a-4.1`` selects exactly one instead); A-4.2 … A-4.5 judge a measure once
for each use it lists, so a measure of uses i and iv is judged by A-4.2 and by A-4.5, and is
``not_applicable`` to the rules of the uses it does not list (declared by
:data:`~post65.schemes.a._common.MEASURES_OF_USE_I` …). What every measure must do is in
:mod:`post65.schemes.a.s4_all_measures`, the county's work over time in
:mod:`post65.schemes.a.s4_county_work`, the funds over the years in
:mod:`post65.schemes.a.s4_funds`.

The rules rest on what the county states about its measures (the owner, the supplier, the
processes): a finding that repeats such a statement says so ("Fylkeskommunen oppgir at …").
"""

from __future__ import annotations

import functools
from typing import Final

from post65._empty import Frozen, Made
from post65.law import Alternative, Interpretation
from post65.measures import (
    AssistanceKind,
    Measure,
    OrganisationKind,
    Supplier,
    Use,
)
from post65.rulebook import Context, Rule, Severity, Verdict, rule
from post65.schemes import verdict
from post65.schemes.a._common import (
    KINDS,
    MEASURES,
    MEASURES_OF_USE_I,
    MEASURES_OF_USE_II,
    MEASURES_OF_USE_III,
    MEASURES_OF_USE_IV,
    cite,
    label,
    listing,
    msg,
    semicolons,
    short,
)
from post65.text import Message

__all__ = ["RULES", "USE_RULES", "a_4_1", "a_4_2", "a_4_3", "a_4_4", "a_4_5"]

USE_RULES: Final = {Use.I: "A-4.2", Use.II: "A-4.3", Use.III: "A-4.4", Use.IV: "A-4.5"}
"""The rule that holds each use's own conditions."""

NOT_SELF: Final = frozenset({OrganisationKind.COUNTY})
"""A-4.3, reading ``not_self``: only the county buying from itself is not a purchase."""
EXTERNAL_ONLY: Final = frozenset(
    {OrganisationKind.COUNTY, OrganisationKind.MUNICIPALITY, OrganisationKind.INTERMUNICIPAL}
)
"""A-4.3, reading ``external_only`` (post65's reading before issue 12): no county, no
municipality, no intermunicipal body."""


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
            "one_or_more",
            msg("interp.a-4.1.one_or_more"),
            Alternative("exactly_one", msg("interp.a-4.1.one_or_more.alt.exactly_one")),
        ).selected_by("reading.a-4.1"),
    ),
)
def a_4_1(m: Measure, ctx: Context) -> Verdict:
    """A measure has one or more of the uses i, ii, iii and iv, and the conditions of each use
    it lists apply (A-4.2 … A-4.5); none is ``not_met``. With ``reading.a-4.1=exactly_one`` a
    measure of several uses is ``not_met``."""
    # the verdict is the uses' alone (and the check's reading): worked out once per combination
    # of uses in a check (a few), shared by the measures that have it
    known: Made[tuple[Use, ...], Verdict] = ctx.once(
        "a.4-1.verdicts",
        lambda: Made(lambda uses: verdict.shared(_a_4_1(uses, ctx.reading("reading.a-4.1")))),
    )
    return known[m.uses]


def _a_4_1(listed: tuple[Use, ...], reading: str) -> Verdict:
    """A-4.1's verdict on a measure of the uses ``listed`` under ``reading``."""
    uses = list(dict.fromkeys(listed))
    values = {"uses": ", ".join(uses), "reading": reading}
    if not uses:
        return verdict.not_met(msg("a.4-1.none"), values)
    if len(uses) == 1:
        return verdict.met(msg("a.4-1.met", use=uses[0]), values)
    if reading == "exactly_one":
        return verdict.not_met(msg("a.4-1.several", n=len(uses), uses=uses), values)
    rules = [USE_RULES[u] for u in uses]
    met = msg("a.4-1.several_met", uses=uses, rules=rules)
    return verdict.met(met, values)


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
    municipalities = [b for b in m.beneficiaries if b in ctx.register.kommunenumre]
    values = _owner_values(m.owner.kind, len(municipalities))
    wrong: list[Message] = []
    if m.owner.kind is not OrganisationKind.COUNTY:
        wrong.append(msg("a.4-2.owner", name=m.owner.name, kind=m.owner.kind))
    if not municipalities:
        wrong.append(msg("a.4-2.no_municipality"))
    if wrong:
        return verdict.not_met(msg("a.4-2.not_met", reasons=semicolons(wrong)), values)
    met = msg("a.4-2.met", owner=m.owner.name, n=len(municipalities))
    return verdict.met(met, values)


@functools.lru_cache(maxsize=256)
def _owner_values(kind: OrganisationKind, n: int) -> Frozen:
    """A-4.2's values: one mapping per kind of owner and number, shared by the findings."""
    return Frozen({"owner": str(kind), "municipalities": str(n)})


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
            "not_self",
            msg("interp.a-4.3.not_self"),
            Alternative("external_only", msg("interp.a-4.3.not_self.alt.external_only")),
        ).selected_by("reading.a-4.3"),
        Interpretation.law("assistance_kind", msg("interp.a-4.3.assistance_kind")),
    ),
)
def a_4_3(m: Measure, ctx: Context) -> Verdict:
    """Use ii buys consultant or process assistance, and at least one municipality benefits from
    it. «innkjøp» excludes only the county buying from itself: a company, a municipality (a
    vertskommune's plan office), an intermunicipal body, a state agency or a research
    institution may supply it. ``reading.a-4.3=external_only`` refuses the county, municipal and
    intermunicipal suppliers too."""
    n = len([b for b in m.beneficiaries if b in ctx.register.kommunenumre])
    s = m.supplier
    # the verdict is the supplier's and the number of municipalities' alone (and the check's
    # reading): worked out once per supplier and number in a check (a county buys from a few
    # suppliers), shared; the reading and those verdicts are one look-up per measure
    state: _Suppliers = ctx.once("a.4-3", lambda: (ctx.reading("reading.a-4.3"), {}))
    reading, known = state
    if (
        s is None
        or type(s.kind) is not OrganisationKind
        or type(s.assistance) is not AssistanceKind
    ):
        return _a_4_3(s, n, reading)  # judged alone: a text equal to a member is not that member
    key = (s.name, s.kind, s.assistance, n)
    found = known.get(key)
    if found is None:
        found = known[key] = verdict.shared(_a_4_3(s, n, reading))
    return found


_Suppliers = tuple[str, dict[tuple[str, OrganisationKind, AssistanceKind, int], Verdict]]
"""A-4.3's reading in a check, and its verdicts by supplier and number of municipalities."""


def _a_4_3(s: Supplier | None, n: int, reading: str) -> Verdict:
    """A-4.3's verdict on a measure of the supplier ``s`` and ``n`` beneficiary municipalities,
    under ``reading``."""
    wrong: list[Message] = []
    values = {"municipalities": str(n), "reading": reading}
    if s is None:
        wrong.append(msg("a.4-3.no_supplier"))
    else:
        values |= {
            "supplier": s.name,
            "supplier_kind": str(s.kind),
            "assistance": str(s.assistance),
        }
        if s.kind is OrganisationKind.COUNTY:
            wrong.append(msg("a.4-3.self", name=s.name))
        elif reading == "external_only" and s.kind in EXTERNAL_ONLY:
            wrong.append(msg("a.4-3.not_external", name=s.name, kind=s.kind))
        if s.assistance is AssistanceKind.OTHER:
            wrong.append(msg("a.4-3.other", assistance=s.assistance))
    if not n:
        wrong.append(msg("a.4-3.no_municipality"))
    if wrong or s is None:
        return verdict.not_met(msg("a.4-3.not_met", reasons=semicolons(wrong)), values)
    met = msg(
        "a.4-3.met",
        assistance=s.assistance,
        supplier=s.name,
        kind=s.kind,
        n=n,
    )
    return verdict.met(met, values)


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
    (targeted); the finding repeats what the county states."""
    g = m.guidance_capacity
    # the texts stated read once each, is_blank written out (not a call per text)
    stated = () if g is None else [t for t in (g.competence, g.capacity) if t.strip()]
    which = bool(stated)
    needs = g is not None and bool(g.municipal_needs.strip())
    values = _GUIDANCE[which, needs]
    if g is not None and which and needs:
        what = listing([short(t, 60).rstrip(".") for t in stated])
        met = msg("a.4-4.met", what=what, needs=short(g.municipal_needs).rstrip("."))
        return verdict.met(met, values)
    missing: list[Message] = []
    if not which:
        missing.append(msg("a.4-4.which"))
    if not needs:
        missing.append(msg("a.4-4.needs"))
    return verdict.not_met(msg("a.4-4.not_met", missing=missing), values)


_GUIDANCE: Final = {
    (which, needs): Frozen(
        {"which": verdict.YES_NO[which], "municipal_needs": verdict.YES_NO[needs]}
    )
    for which in (False, True)
    for needs in (False, True)
}
"""A-4.4's values of each answer: made once, shared by the findings."""


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
        Interpretation.library("beneficiaries_process", msg("interp.a-4.5.beneficiaries_process")),
    ),
)
def a_4_5(m: Measure, ctx: Context) -> Verdict:
    """Use iv names the plan or strategy processes it is linked to, and its municipalities; a
    process «i kommunene» belongs to a beneficiary municipality: one named for another
    municipality is ``not_met``, one without a kommunenummer is taken as the beneficiaries' (the
    message says the county states it)."""
    reg = ctx.register
    municipalities = [b for b in m.beneficiaries if b in reg.kommunenumre]
    labels: dict[str, str] = ctx.once("a.labels", dict)  # a check names the same few again
    # the named processes in one pass (a comprehension is a call of its own): each as the met
    # message shows it, those named for another municipality, those without a kommunenummer
    shown: list[str] = []
    outside: list[tuple[str, str, str]] = []  # the process, its kommunenummer and label
    unowned = 0
    for p in m.plan_processes:
        if not p.name.strip():  # is_blank
            continue
        name = " ".join(p.name.split())
        nr = (p.kommunenummer or "").strip()
        if not nr:
            unowned += 1
            shown.append(f"«{name}»")
            continue
        where = labels.get(nr) or labels.setdefault(nr, label(reg, nr))
        # with no beneficiary municipality at all, that is the one thing to say
        if municipalities and nr not in municipalities:
            outside.append((name, nr, where))
        shown.append(f"«{name}» ({where})")
    values = {
        "processes": _number(len(shown)),
        "municipalities": _number(len(municipalities)),
        "outside": ", ".join(nr for _, nr, _ in outside),
        "without_kommunenummer": _number(unowned),
    }
    if shown and municipalities and not outside:
        if unowned:
            met = msg("a.4-5.met_unowned", processes=listing(shown), n=unowned)
            return verdict.met(met, values)
        return verdict.met(msg("a.4-5.met", processes=listing(shown)), values)
    missing: list[Message] = []
    if not shown:
        missing.append(msg("a.4-5.no_process"))
    if not municipalities:
        missing.append(msg("a.4-5.no_municipality"))
    missing.extend(
        msg("a.4-5.outside", process=name, municipality=where) for name, _, where in outside
    )
    return verdict.not_met(msg("a.4-5.not_met", missing=missing), values)


@functools.lru_cache(maxsize=256)
def _number(n: int) -> str:
    """``str(n)`` for a finding's values: one string per number, shared by the findings."""
    return str(n)


RULES: tuple[Rule, ...] = (a_4_1, a_4_2, a_4_3, a_4_4, a_4_5)
"""The rules of §4 on the uses i–iv, in the order of the law."""
