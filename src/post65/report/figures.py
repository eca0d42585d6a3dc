"""What the ministry compares across the counties' reports (§6 a and b), as fields of the report.

Computed from the portfolio when the report is built (:func:`comparison`), stored in the report
document under these names, and shown in the report:

- ``carried_over``: per scheme, the funds carried over from earlier years (``from_earlier``, the
  balance at the start of the year) and on to the next (``to_next``, the balance at its end),
  beside the split;
- ``by_use``: scheme a money (the measures' cost) by permitted use i–iv (a measure stating
  several uses shares its cost evenly; ``unstated`` holds the cost of measures stating none);
- ``by_municipality``: the scheme a money reaching each beneficiary municipality; a measure shared
  by several beneficiaries gives each the share the portfolio states (``shares``, which add up to
  its cost exactly), and without stated shares is shared evenly, to the øre, largest remainders
  first (in the order the beneficiaries are listed), so the amounts add up exactly;
  ``to_county`` is the part whose beneficiary is the county itself (use iii), ``unassigned`` the
  part of measures that name no beneficiary. ``by_municipality`` + ``to_county`` +
  ``unassigned`` = Σ ``by_use`` = scheme a's measures together;
- ``target_municipalities`` (when an index and a selection are given): the county's
  municipalities in the target set (``in_county``) and those of them a scheme a measure reached
  (``reached``);
- ``state_actors``: the state actors the scheme a measures invited (Statsforvalteren,
  Distriktssenteret, other state agencies, virkemiddelaktører), each with its measures;
- ``projects_by_criterion``: for schemes b and c, the projects (measure ids) contributing to each
  criterion; ``jobs``: the jobs scheme c created, all measures together.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

import attrs
import pint

from post65._decimal import exact
from post65.errors import Problem
from post65.funds import SchemeId
from post65.geography import municipality_problem, register
from post65.measures import Measure, PartnerKind, Use, is_blank, share_problems
from post65.money import kroner, nok
from post65.portfolio import Portfolio
from post65.text import msg

__all__ = [
    "STATE_ACTOR_KINDS",
    "CarriedOver",
    "Comparison",
    "MunicipalityAmount",
    "StateActor",
    "TargetMunicipalities",
    "comparison",
    "comparison_problems",
    "even_shares",
]

STATE_ACTOR_KINDS = frozenset(PartnerKind)
"""The partner kinds that are state actors (all that §4 names)."""


def _doc(text: str, **schema: object) -> dict[str, object]:
    """A field's metadata: its ``doc``, and keys of its JSON Schema (``pattern``, ``minimum``)."""
    return {"doc": text, **schema}


@attrs.frozen
class CarriedOver:
    """One scheme's funds carried over: in from earlier years, and on to the next."""

    from_earlier: pint.Quantity[Decimal] = attrs.field(
        metadata=_doc("the balance at the start of the year")
    )
    to_next: pint.Quantity[Decimal] = attrs.field(
        metadata=_doc("the balance at the end of the year")
    )


@attrs.frozen
class MunicipalityAmount:
    """The scheme a money reaching one beneficiary municipality."""

    kommunenummer: str = attrs.field(metadata=_doc("", pattern="^[0-9]{4}$"))
    amount: pint.Quantity[Decimal]


@attrs.frozen
class TargetMunicipalities:
    """The county's target municipalities (district index and selection) and those reached."""

    in_county: tuple[str, ...] = attrs.field(
        default=(),
        metadata=_doc("the county's municipalities in the target set", pattern="^[0-9]{4}$"),
    )
    reached: tuple[str, ...] = attrs.field(
        default=(),
        metadata=_doc("those of them a scheme a measure benefited", pattern="^[0-9]{4}$"),
    )


@attrs.frozen
class StateActor:
    """A state actor invited into scheme a measures."""

    kind: PartnerKind
    name: str = ""
    measures: tuple[str, ...] = attrs.field(default=(), metadata=_doc("ids of the measures"))


@attrs.frozen
class Comparison:
    """The figures the ministry compares (see the module docstring)."""

    carried_over: dict[str, CarriedOver] = attrs.field(factory=dict)
    by_use: dict[str, pint.Quantity[Decimal]] = attrs.field(factory=dict)
    by_municipality: tuple[MunicipalityAmount, ...] = ()
    to_county: pint.Quantity[Decimal] | None = None
    unassigned: pint.Quantity[Decimal] | None = None
    target_municipalities: TargetMunicipalities | None = None
    state_actors: tuple[StateActor, ...] = ()
    projects_by_criterion: dict[str, dict[str, tuple[str, ...]]] = attrs.field(factory=dict)
    jobs: int | None = None


@exact
def even_shares(amount: pint.Quantity[Decimal], n: int) -> list[pint.Quantity[Decimal]]:
    """``amount`` shared evenly in ``n`` parts (``n`` ≥ 1) to the krone (to the amount's own
    smallest unit when it has øre), largest remainders first: the units left over go one each
    to the first parts, so the parts add up to ``amount`` exactly.

    >>> [str(kroner(x)) for x in even_shares(nok(100), 3)]
    ['34', '33', '33']
    >>> [str(kroner(x)) for x in even_shares(nok(Decimal("100.01")), 3)]
    ['33.34', '33.34', '33.33']
    """
    whole = kroner(amount)
    exponent = whole.as_tuple().exponent
    places = max(0, -exponent) if isinstance(exponent, int) else 0
    scale = Decimal(10) ** places
    units = int(abs(whole) * scale)
    sign = -1 if whole < 0 else 1
    n = max(n, 1)
    # largest remainder with equal weights (as post65.apportion): every part gets the quota's
    # whole units, the units left go one each to the first parts (ties go to the lower key)
    whole_units, left = divmod(units, n)
    return [nok(sign * Decimal(whole_units + (i < left)) / scale) for i in range(n)]


UNSTATED = "unstated"
"""The ``by_use`` key for scheme a money of measures that state no use."""


def _by_use(measures: tuple[Measure, ...]) -> dict[str, pint.Quantity[Decimal]]:
    """Each measure's cost under its use; a measure stating several shares it evenly."""
    sums = {u.value: Decimal(0) for u in Use}
    for m in measures:
        uses = list(dict.fromkeys(u.value for u in m.uses)) or [UNSTATED]
        for use, share in zip(uses, even_shares(m.cost, len(uses)), strict=True):
            sums[use] = sums.get(use, Decimal(0)) + kroner(share)
    return {k: nok(v) for k, v in sums.items()}


def _shares(m: Measure, beneficiaries: list[str]) -> list[tuple[str, pint.Quantity[Decimal]]]:
    """The part of ``m``'s cost reaching each of its (distinct) ``beneficiaries``: the shares the
    portfolio states, or the even split. Stated shares the portfolio check refuses (possible only
    for a portfolio built in code and never checked) are not used: the even split keeps every
    figure adding up to the cost."""
    if m.shares and not any(True for _ in share_problems(m, "")):
        return [(s.beneficiary, s.amount) for s in m.shares]
    return list(zip(beneficiaries, even_shares(m.cost, len(beneficiaries)), strict=True))


def _by_municipality(
    measures: tuple[Measure, ...], county: str
) -> tuple[tuple[MunicipalityAmount, ...], pint.Quantity[Decimal], pint.Quantity[Decimal]]:
    reaching: dict[str, Decimal] = {}
    own = Decimal(0)
    unassigned = Decimal(0)
    for m in measures:
        beneficiaries = list(dict.fromkeys(m.beneficiaries))
        if not beneficiaries:
            unassigned += kroner(m.cost)
            continue
        for nr, share in _shares(m, beneficiaries):
            if len(nr) == 4:
                reaching[nr] = reaching.get(nr, Decimal(0)) + kroner(share)
            else:
                own += kroner(share)
    rows = tuple(MunicipalityAmount(nr, nok(v)) for nr, v in sorted(reaching.items()))
    return rows, nok(own), nok(unassigned)


def _state_actors(measures: tuple[Measure, ...]) -> tuple[StateActor, ...]:
    found: dict[tuple[PartnerKind, str], list[str]] = {}
    for m in measures:
        for p in m.partners:
            if p.kind in STATE_ACTOR_KINDS:
                ids = found.setdefault((p.kind, " ".join(p.name.split())), [])
                if m.id not in ids:
                    ids.append(m.id)
    order = list(PartnerKind)
    return tuple(
        StateActor(kind, name, tuple(ids))
        for (kind, name), ids in sorted(
            found.items(), key=lambda kv: (order.index(kv[0][0]), kv[0][1])
        )
    )


def _by_criterion(portfolio: Portfolio) -> dict[str, dict[str, tuple[str, ...]]]:
    out: dict[str, dict[str, tuple[str, ...]]] = {}
    for scheme, measures in (("b", portfolio.b_measures), ("c", portfolio.c_measures)):
        found: dict[str, list[str]] = {}
        for m in measures:
            for c in m.contributions:
                if not is_blank(c.description):
                    ids = found.setdefault(c.criterion.value, [])
                    if m.id not in ids:
                        ids.append(m.id)
            jobs = getattr(m, "jobs_created", None)
            if jobs:
                ids = found.setdefault("jobs", [])
                if m.id not in ids:
                    ids.append(m.id)
        out[scheme] = {k: tuple(v) for k, v in sorted(found.items())}
    return out


def _targets(portfolio: Portfolio, target: frozenset[str] | None) -> TargetMunicipalities | None:
    if target is None:
        return None
    reg = register(2024)
    in_county = tuple(
        sorted(
            nr
            for nr in target
            if nr in reg and reg.municipality(nr).fylkesnummer == portfolio.county
        )
    )
    benefited = {nr for m in portfolio.measures for nr in m.municipalities}
    return TargetMunicipalities(in_county, tuple(nr for nr in in_county if nr in benefited))


@exact
def comparison(
    portfolio: Portfolio,
    carried: dict[SchemeId, tuple[pint.Quantity[Decimal], pint.Quantity[Decimal]]],
    target: frozenset[str] | None,
) -> Comparison:
    """The figures of ``portfolio`` (``carried``: each scheme's opening and closing balance;
    ``target``: the district index's target set, if given)."""
    rows, own, unassigned = _by_municipality(portfolio.measures, portfolio.county)
    jobs = [m.jobs_created for m in portfolio.c_measures if m.jobs_created is not None]
    return Comparison(
        carried_over={s.value: CarriedOver(*carried[s]) for s in SchemeId if s in carried},
        by_use=_by_use(portfolio.measures),
        by_municipality=rows,
        to_county=own,
        unassigned=unassigned,
        target_municipalities=_targets(portfolio, target),
        state_actors=_state_actors(portfolio.measures),
        projects_by_criterion=_by_criterion(portfolio),
        jobs=sum(jobs) if jobs else None,
    )


@exact
def _used_and_reached(c: Comparison) -> tuple[Decimal, Decimal]:
    """The money of ``c`` by use, and by municipality (with that to the county and unassigned):
    exact sums, not amounts, for they may pass 10^18 kr (a report's validation says where)."""
    used = sum((kroner(x) for x in c.by_use.values()), Decimal(0))
    rows = (r.amount for r in c.by_municipality)
    rest = (x for x in (c.to_county, c.unassigned) if x is not None)
    reached = sum((kroner(x) for x in (*rows, *rest)), Decimal(0))
    return used, reached


def comparison_problems(
    c: Comparison, a_amount: pint.Quantity[Decimal] | None
) -> Iterator[Problem]:
    """What makes a report's figures unusable: an unknown use, scheme, kommunenummer or measure
    list, or amounts that do not add up (``a_amount``: scheme a's measures together)."""
    for key in c.by_use:
        if key not in {u.value for u in Use} | {UNSTATED}:
            yield Problem(f"/by_use/{key}", msg("report.problem.unknown_use", use=key[:10]))
    for key in c.carried_over:
        if key not in {s.value for s in SchemeId}:
            yield Problem(
                f"/carried_over/{key}", msg("report.problem.unknown_scheme", scheme=key[:10])
            )
    for k, row in enumerate(c.by_municipality):
        problem = municipality_problem(f"/by_municipality/{k}/kommunenummer", row.kommunenummer)
        if problem is not None:
            yield problem
    if c.target_municipalities is not None:
        for field in ("in_county", "reached"):
            for k, nr in enumerate(getattr(c.target_municipalities, field)):
                problem = municipality_problem(f"/target_municipalities/{field}/{k}", nr)
                if problem is not None:
                    yield problem
    if c.by_use:
        used, reached = _used_and_reached(c)
        if reached != used:
            yield Problem(
                "/by_municipality",
                msg("report.problem.figures_differ", reached=reached, used=used),
            )
        if a_amount is not None and kroner(a_amount) != used:
            yield Problem(
                "/by_use",
                msg("report.problem.figures_differ", reached=used, used=a_amount),
            )
