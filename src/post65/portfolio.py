"""The ``portfolio`` document: one county's post 65 year.

A :class:`Portfolio` records a county municipality's (fylkeskommune's) year under kap. 553
post 65: the county (fylkesnummer) and year, the frame received, the split between schemes a, b
and c with its justification, the funds ledger (funds received per scheme and appropriation year,
commitments, payments, administration cost items: :class:`~post65.funds.Funds`), the
municipalities' documented challenges in strategic development work, the scheme a measures, and
the scheme b projects and scheme c programme measures carried out in the year (what the yearly
report of §6 describes for b and c).

In JSON (``post65 schema portfolio`` prints the full JSON Schema)::

    {"kind": "portfolio", "county": "18", "year": 2024, "frame": "24000000",
     "split": {"a": "9000000", "b": "10000000", "c": "5000000", "justification": "…"},
     "funds": {"received": [...], "commitments": [...], "payments": [...],
               "admin_costs": [...], "cancellations": [...], "repayments": [...],
               "reallocations": [...]},
     "challenges": [{"kommunenummer": "1835", "challenge": "…", "source": "…"}],
     "measures": [{"id": "m1", "title": "…", "uses": ["iv"], …}],
     "b_measures": [{"id": "b1", "title": "…", "municipalities": ["1826"],
                     "granted": "500000", "contributions": [...]}],
     "c_measures": [{"id": "c1", "title": "…", "municipalities": ["1837"],
                     "granted": "1800000", "jobs_created": 9, "contributions": [...]}]}

Reading a portfolio refuses (exit 2 in the command) what makes it unusable, every problem with its
JSON Pointer: an unknown county, a year outside 2000–2100, unknown kommunenumre (with the nearest
numbers suggested), measure ids used twice (ids are unique across the three schemes), a scheme a
measure's stated shares of its cost that do not fit it (:func:`~post65.measures.share_problems`:
one share per beneficiary, none negative, adding up to the cost exactly), scheme a payments or
commitments of the portfolio's year naming a measure that is not in the portfolio, and (when the
portfolio records scheme b or c measures) scheme b or c payments or commitments of the year
naming a measure of that scheme that is not recorded; funds entries the ledger could not book (a
year outside 1900–9999, a negative amount, sums past 10^18 kr); sums past 10^18 kr of the split
or a scheme's measures. These checks run even when the document has structural problems (wrong
types, unknown fields), so that one run reports them all.

>>> from post65.io import load
>>> p = load('{"kind": "portfolio", "county": "18", "year": 2024}')
>>> p.county, p.year, p.measures
('18', 2024, ())
>>> load('{"kind": "portfolio", "county": "54", "year": 2024}')
Traceback (most recent call last):
...
post65.errors.InvalidDocument: 1 problem:
  /county: fylkesnummer 54 is not in the 2024 register: County 54 Troms og Finnmark was split ...
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from decimal import Decimal
from typing import Any, Literal

import attrs
import pint

from post65 import applications as scheme_b
from post65 import programme as scheme_c
from post65._arguments import checked, checked_choice, refused_by
from post65._decimal import exact, exact_methods
from post65._sums import Sums
from post65.codec import FieldError, pointer_key
from post65.errors import MAX_REPORTED, Problem, UnknownCounty
from post65.funds import Funds, SchemeId, Split, funds_problems, split_sums, wrong_entry
from post65.geography import Register, municipality_problem, register
from post65.measures import Measure, Plan, is_blank, share_problems
from post65.measures import _check_id as check_measure_id
from post65.money import kroner
from post65.text import msg

__all__ = [
    "FIRST_YEAR",
    "LAST_YEAR",
    "GrantedMeasure",
    "MunicipalChallenge",
    "Portfolio",
    "SchemeBMeasure",
    "SchemeCMeasure",
    "Section2",
    "section2",
    "validate_portfolio",
]

FIRST_YEAR = 2000
"""The earliest year a portfolio may have."""
LAST_YEAR = 2100
"""The latest year a portfolio may have."""


@attrs.frozen
class MunicipalChallenge:
    """A municipality's documented challenge in strategic development work (the target group of
    §1: «distriktskommuner med særlige utfordringer med strategisk utviklingsarbeid»)."""

    kommunenummer: str = attrs.field(metadata={"pattern": "^[0-9]{4}$"})
    challenge: str = attrs.field(metadata={"doc": "the challenge, in a sentence or two"})
    source: str = attrs.field(
        default="", metadata={"doc": "where it is documented (a needs assessment, a dialogue)"}
    )


def _check_amount(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if isinstance(magnitude := getattr(value, "magnitude", None), Decimal) and magnitude < 0:
        text = msg("portfolio.amount.negative", field=attribute.name)
        raise FieldError(text, field=attribute.name)


def _check_jobs(_instance: object, attribute: attrs.Attribute[Any], value: int | None) -> None:
    if value is not None and value < 0:
        raise FieldError(msg("portfolio.jobs.negative", value=value), field=attribute.name)


@attrs.frozen
class GrantedMeasure:
    """The fields a scheme b project and a scheme c measure share, as the yearly report describes
    them: a grant (tilsagn) to one or more municipalities and what was paid out in the year."""

    id: str = attrs.field(
        validator=check_measure_id,
        metadata={"doc": "unique in the portfolio (across schemes a, b and c)"},
    )
    title: str
    municipalities: tuple[str, ...] = attrs.field(
        metadata={
            "doc": "the municipalities (kommunenumre) the measure is for (scheme c: those of "
            "the restructuring area)",
            "pattern": "^[0-9]{4}$",
        }
    )
    granted: pint.Quantity[Decimal] = attrs.field(
        validator=_check_amount, metadata={"doc": "the grant (tilsagn), in kroner", "minimum": 0}
    )
    spent: pint.Quantity[Decimal] | None = attrs.field(
        default=None,
        validator=_check_amount,
        metadata={
            "doc": "paid out in the year; unstated: the year's payments of its scheme naming "
            "the measure",
            "minimum": 0,
        },
    )


@attrs.frozen
class SchemeBMeasure(GrantedMeasure):
    """A scheme b project carried out in the year (a grant to one or more municipalities with
    long-term decline), as the yearly report describes it."""

    description: str = attrs.field(default="", metadata={"doc": "what was carried out"})
    contributions: tuple[scheme_b.Contribution, ...] = attrs.field(
        default=(),
        metadata={
            "doc": "how it contributes to the scheme b criteria (development capacity; "
            "attractiveness for settlement and business)"
        },
    )


@attrs.frozen
class SchemeCMeasure(GrantedMeasure):
    """A scheme c measure carried out in the year (a measure of a restructuring programme), as
    the yearly report describes it."""

    programme: str = attrs.field(
        default="", metadata={"doc": "the restructuring programme (omstillingsprogram)"}
    )
    description: str = attrs.field(default="", metadata={"doc": "what was carried out"})
    contributions: tuple[scheme_c.Contribution, ...] = attrs.field(
        default=(),
        metadata={
            "doc": "how it contributes to the scheme c criteria (development capacity, "
            "competence for business development, jobs)"
        },
    )
    jobs_created: int | None = attrs.field(
        default=None,
        validator=_check_jobs,
        metadata={"doc": "jobs created (a whole number; 0 if none)", "minimum": 0},
    )


@exact_methods
@attrs.frozen
class Portfolio:
    """One county's post 65 year: frame, split, funds ledger, documented challenges and the
    scheme a measures."""

    county: str = attrs.field(
        metadata={"doc": "the county's fylkesnummer (2024 register)", "pattern": "^[0-9]{2}$"}
    )
    year: int
    frame: pint.Quantity[Decimal] | None = attrs.field(
        default=None,
        metadata={"doc": "the year's post 65 funds the county disposes (all three schemes)"},
    )
    split: Split | None = attrs.field(
        default=None, metadata={"doc": "the split of the year's funds between a, b and c, and why"}
    )
    funds: Funds = attrs.field(
        factory=Funds,
        metadata={
            "doc": (
                "funds received, commitments, payments, administration costs, cancelled "
                "commitments, repayments and reallocations between schemes"
            )
        },
    )
    challenges: tuple[MunicipalChallenge, ...] = attrs.field(
        default=(),
        metadata={"doc": "municipalities' documented challenges in strategic development work"},
    )
    measures: tuple[Measure, ...] = attrs.field(
        default=(), metadata={"doc": "the scheme a measures"}
    )
    b_measures: tuple[SchemeBMeasure, ...] = attrs.field(
        default=(), metadata={"doc": "the scheme b projects carried out in the year"}
    )
    c_measures: tuple[SchemeCMeasure, ...] = attrs.field(
        default=(), metadata={"doc": "the scheme c programme measures carried out in the year"}
    )

    def measure(self, measure_id: str) -> Measure:
        """The measure with id ``measure_id`` (KeyError if there is none)."""
        for m in self.measures:
            if m.id == measure_id:
                return m
        raise KeyError(measure_id)

    def subject_labels(self) -> dict[str, str]:
        """Names for the subjects of findings: ``/measures/3`` → ``m4: Title`` (for tables), and
        the same for ``/b_measures/N`` and ``/c_measures/N``."""
        labels = {f"/measures/{i}": f"{m.id}: {m.title}" for i, m in enumerate(self.measures)}
        for field, items in (("b_measures", self.b_measures), ("c_measures", self.c_measures)):
            labels.update({f"/{field}/{i}": f"{m.id}: {m.title}" for i, m in enumerate(items)})
        return labels

    def documented_challenges(self) -> Mapping[str, int]:
        """Kommunenummer → the index in :attr:`challenges` of its first non-blank challenge."""
        out: dict[str, int] = {}
        for i, c in enumerate(self.challenges):
            if not is_blank(c.challenge):
                out.setdefault(c.kommunenummer, i)
        return out


# --------------------------------------------------------------------------------------------
# The §2 figures a report shows


@attrs.frozen
class Section2:
    """The §2 figures of a portfolio's scheme a measures, computed from the data.

    ``municipalities`` are the distinct beneficiary municipalities; ``target_group`` those of them
    in the target group (in the caller's target set or with a documented challenge);
    ``plans`` the plans developed or renewed, by measure id; ``new_ways`` and ``planning`` the
    measures' own words on tasks solved in new ways and strengthened community planning.
    """

    municipalities: tuple[str, ...]
    target_group: tuple[str, ...]
    plans: tuple[tuple[str, Plan], ...]
    new_ways: tuple[tuple[str, str], ...]
    planning: tuple[tuple[str, str], ...]


@exact
def section2(
    portfolio: Portfolio,
    *,
    target: frozenset[str] | None = None,
    reading: Literal["both", "either"] = "both",
) -> Section2:
    """The §2 figures of ``portfolio``: distinct (target-group) municipalities that benefit, plans
    developed or renewed by name, tasks solved in new ways.

    The target group is read as A-1.2 reads it (``reading``, the parameter ``reading.a-1.2``):
    with the caller's ``target`` set (district index and selection, or a list), ``both`` counts
    the municipalities in it *with* a documented challenge, ``either`` those in it *or* with one;
    without a ``target`` the district part is unknown and the municipalities with a documented
    challenge are counted, as the county documents them.

    >>> from post65.io import load
    >>> p = load('''{"kind": "portfolio", "county": "18", "year": 2024,
    ...   "challenges": [{"kommunenummer": "1835", "challenge": "Ingen planressurs"}],
    ...   "measures": [{"id": "m1", "title": "Plan", "uses": ["iv"],
    ...     "owner": {"kind": "county", "name": "Nordland fylkeskommune"}, "cost": 100000,
    ...     "period": {"start": "2024-01-01"}, "beneficiaries": ["1835", "1836"],
    ...     "criteria": {"plans": [{"name": "Planstrategi 2024-2027", "action": "renewed",
    ...                             "kommunenummer": "1835"}]}}]}''')
    >>> s = section2(p)
    >>> s.municipalities, s.target_group, [plan.name for _, plan in s.plans]
    (('1835', '1836'), ('1835',), ['Planstrategi 2024-2027'])
    """
    checked("portfolio", portfolio, Portfolio)
    checked("target", target, frozenset, set, list, tuple, None)
    checked_choice("reading", reading, ("both", "either"))
    documented = portfolio.documented_challenges()
    seen = sorted({nr for m in portfolio.measures for nr in m.municipalities})
    if target is None:
        in_target = tuple(nr for nr in seen if nr in documented)
    elif reading == "both":
        in_target = tuple(nr for nr in seen if nr in documented and nr in target)
    else:
        in_target = tuple(nr for nr in seen if nr in documented or nr in target)
    return Section2(
        municipalities=tuple(seen),
        target_group=in_target,
        plans=tuple(
            (m.id, p) for m in portfolio.measures for p in m.criteria.plans if not is_blank(p.name)
        ),
        new_ways=tuple(
            (m.id, m.criteria.new_ways)
            for m in portfolio.measures
            if not is_blank(m.criteria.new_ways)
        ),
        planning=tuple(
            (m.id, m.criteria.planning)
            for m in portfolio.measures
            if not is_blank(m.criteria.planning)
        ),
    )


# --------------------------------------------------------------------------------------------
# What makes a portfolio unusable (exit 2)


class _Numbers:
    """Looks kommunenumre up in the register. An unknown number's full message (its nearest
    numbers) is written only for the problems that will be reported one by one (the first
    :data:`~post65.errors.MAX_REPORTED` in document order); the others say only that the number
    is not in the register."""

    def __init__(self, reg: Register) -> None:
        self.reg = reg
        self.unknown: dict[str, tuple[str, bool]] = {}

    def problem(self, nr: str, where: str, *, or_county: bool = False) -> Problem | None:
        if isinstance(nr, str) and nr in self.reg.kommunenumre:  # nr in self.reg, unwrapped
            return None
        self.unknown[where] = (nr, or_county)
        text = msg("portfolio.kommunenummer.unknown", number=nr[:40], year=self.reg.year)
        return Problem(where, msg("portfolio.or_county", reason=text) if or_county else text)

    def finish(self, problems: list[Problem]) -> list[Problem]:
        """``problems`` in document order, the reported ones with their full messages."""
        problems.sort(key=lambda p: pointer_key(p.where))
        out: list[Problem] = []
        for i, p in enumerate(problems):
            found = self.unknown.get(p.where) if i < MAX_REPORTED else None
            full = None if found is None else municipality_problem(p.where, found[0], self.reg.year)
            if found is not None and full is not None:
                text = full.text
                p = Problem(p.where, msg("portfolio.or_county", reason=text) if found[1] else text)
            out.append(p)
        return out


def _county_problem(reg: Register, nr: str, where: str) -> Problem | None:
    try:
        reg.county(nr)
    except UnknownCounty as exc:
        return Problem(where, exc.text)
    return None


def _beneficiary_problems(numbers: _Numbers, m: Measure, base: str) -> Iterator[Problem]:
    reg = numbers.reg
    known = reg.kommunenumre
    for j, b in enumerate(m.beneficiaries):
        if len(b) != 2 and b in known:
            continue  # a kommunenummer of the register: no problem, whichever branch below
        where = f"{base}/beneficiaries/{j}"
        if len(b) == 2 and b.isdigit():
            problem = _county_problem(numbers.reg, b, where)
        elif len(b) == 4 and b.isdigit():
            problem = numbers.problem(b, where)
        else:
            problem = numbers.problem(b, where, or_county=True)
        if problem is not None:
            yield problem


def _surely_sound(known: frozenset[str], m: Measure) -> bool:
    """True when :func:`_measure_problems` would find nothing in ``m``, told without it (most
    measures; it takes a chain of generators per measure): every beneficiary and every
    kommunenummer of its plans a municipality of the register, and no shares. ``False`` says
    only that the full look is needed."""
    if m.shares:
        return False
    for b in m.beneficiaries:
        if type(b) is not str or len(b) == 2 or b not in known:
            return False
    for process in m.plan_processes:
        nr = process.kommunenummer
        if nr is not None and (type(nr) is not str or nr not in known):
            return False
    for plan in m.criteria.plans:
        nr = plan.kommunenummer
        if nr is not None and (type(nr) is not str or nr not in known):
            return False
    return True


def _measure_problems(numbers: _Numbers, m: Measure, base: str) -> Iterator[Problem]:
    yield from _beneficiary_problems(numbers, m, base)
    yield from share_problems(m, base)
    for j, proc in enumerate(m.plan_processes):
        if proc.kommunenummer is not None:
            where = f"{base}/plan_processes/{j}/kommunenummer"
            problem = numbers.problem(proc.kommunenummer, where)
            if problem is not None:
                yield problem
    for j, plan in enumerate(m.criteria.plans):
        if plan.kommunenummer is not None:
            where = f"{base}/criteria/plans/{j}/kommunenummer"
            problem = numbers.problem(plan.kommunenummer, where)
            if problem is not None:
                yield problem


def _reference_problems(portfolio: Portfolio) -> Iterator[Problem]:
    """Scheme a commitments and payments of the portfolio's year must name its scheme a measures
    (those of earlier years may name measures of earlier portfolios); so must those of scheme b
    and c name its scheme b and c measures, when the portfolio records any."""
    ids: dict[SchemeId, set[str]] = {SchemeId.A: {m.id for m in portfolio.measures}}
    if portfolio.b_measures:
        ids[SchemeId.B] = {m.id for m in portfolio.b_measures}
    if portfolio.c_measures:
        ids[SchemeId.C] = {m.id for m in portfolio.c_measures}
    year = portfolio.year
    for field in ("commitments", "payments"):
        for i, entry in enumerate(getattr(portfolio.funds, field)):
            scheme, ref = entry.scheme, entry.measure
            known = ids.get(scheme)
            if known is None or entry.year != year or ref is None or ref in known:
                continue
            text = (
                msg("portfolio.reference.unknown", measure=ref[:40])
                if scheme is SchemeId.A
                else msg("portfolio.reference.unknown_in", measure=ref[:40], scheme=scheme)
            )
            yield Problem(f"/funds/{field}/{i}/measure", text)


@exact
def validate_portfolio(portfolio: Portfolio) -> list[Problem]:
    """Every problem that makes a structurally sound portfolio unusable (see the module doc), in
    document order. Unknown kommunenumre among the first
    :data:`~post65.errors.MAX_REPORTED` problems name their nearest numbers; later ones (which
    :func:`post65.io.load` counts in its closing line) say only that they are unknown."""
    checked("portfolio", portfolio, Portfolio)
    reg = register(2024)
    numbers = _Numbers(reg)
    problems: list[Problem] = []
    county = _county_problem(reg, portfolio.county, "/county")
    if county is not None:
        problems.append(county)
    if not FIRST_YEAR <= portfolio.year <= LAST_YEAR:
        text = msg("portfolio.year.range", first=FIRST_YEAR, last=LAST_YEAR, year=portfolio.year)
        problems.append(Problem("/year", text))
    for i, c in enumerate(portfolio.challenges):
        problem = numbers.problem(c.kommunenummer, f"/challenges/{i}/kommunenummer")
        if problem is not None:
            problems.append(problem)
    first: dict[str, str] = {}
    known = reg.kommunenumre
    everything: Iterable[tuple[str, int, Measure | GrantedMeasure]] = [
        *(("measures", i, m) for i, m in enumerate(portfolio.measures)),
        *(("b_measures", i, m) for i, m in enumerate(portfolio.b_measures)),
        *(("c_measures", i, m) for i, m in enumerate(portfolio.c_measures)),
    ]
    sums = Sums()
    for field, name in (("measures", "cost"), ("b_measures", "granted"), ("c_measures", "granted")):
        values = [kroner(getattr(m, name)) for m in getattr(portfolio, field)]
        sums.add_all(field, values, f"/{field}/{{}}/{name}")
    for field, i, m in everything:
        base = f"/{field}/{i}"
        if m.id in first:
            text = msg("portfolio.id.duplicate", id=m.id[:40], first=first[m.id])
            problems.append(Problem(f"{base}/id", text))
        else:
            first[m.id] = base
        if isinstance(m, Measure):
            if not _surely_sound(known, m):
                problems.extend(_measure_problems(numbers, m, base))
        else:
            for j, nr in enumerate(m.municipalities):
                problem = numbers.problem(nr, f"{base}/municipalities/{j}")
                if problem is not None:
                    problems.append(problem)
    problems.extend(split_sums(portfolio.split, "/split", sums).problems())
    with refused_by(lambda: wrong_entry(portfolio.funds)):  # built in code: holds anything
        problems.extend(_reference_problems(portfolio))
        problems.extend(funds_problems(portfolio.funds))
    return numbers.finish(problems)
