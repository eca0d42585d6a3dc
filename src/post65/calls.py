"""A county's call (utlysning) for scheme b, as data.

KDD's forskrift leaves the terms of scheme b grants to each county, which publishes them in a
call: who may apply (for instance municipalities in centrality classes 4–6), the most a project
may get (a higher cap for joint projects of several municipalities), the largest grant share of
the project cost, project types it will not prioritise or not support, the order in which it
takes applicants, and the amount it has set aside. Those numbers are **county practice**
(certainty ``P``): they are the data of one call, never global constants.

A call is the document kind ``call``; applications name a shipped call by its id
(``"innlandet-2024"``) or carry the terms inline. Shipped calls live in ``post65/data/calls/``.

>>> innlandet = shipped_call("innlandet-2024")
>>> innlandet.county, innlandet.eligible_centrality_classes, innlandet.max_share
('34', (4, 5, 6), Decimal('0.5'))
>>> innlandet.max_grant, innlandet.max_grant_joint
(<Quantity(500000, 'NOK')>, <Quantity(700000, 'NOK')>)
>>> shipped_call("nowhere-2024")
Traceback (most recent call last):
...
post65.calls.UnknownCall: no shipped call is called "nowhere-2024"; shipped: innlandet-2024
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import re
from collections.abc import Iterable, Mapping
from decimal import Decimal
from importlib import resources
from types import MappingProxyType

import attrs
import pint

from post65.codec import loads_json, pointer, structure
from post65.errors import InvalidDocument, Post65Error, Problem
from post65.geography import register
from post65.money import kroner
from post65.parameters import Certainty
from post65.text import msg

__all__ = [
    "CENTRALITY_CLASSES",
    "Call",
    "ProjectType",
    "UnknownCall",
    "call_problems",
    "shipped_call",
    "shipped_calls",
]

CENTRALITY_CLASSES = (1, 2, 3, 4, 5, 6)
"""SSB's centrality classes (sentralitetsklasser): 1 most central, 6 least."""


class UnknownCall(Post65Error, KeyError):
    """A call id that is not shipped with post65."""

    def __str__(self) -> str:
        return self.en


class ProjectType(enum.StrEnum):
    """What kind of project an application is for, as calls name them."""

    PLACE_DEVELOPMENT = "place_development"
    """Stedsutvikling: developing the municipal centre or a place."""
    BUSINESS_DEVELOPMENT = "business_development"
    """Næringsutvikling: conditions for business and jobs."""
    CAPACITY = "capacity"
    """Utviklingskapasitet: the municipality's own capacity for development work."""
    PLANNING = "planning"
    """Strategic and community planning."""
    HOUSING = "housing"
    """Housing for settlement."""
    COMPETENCE = "competence"
    """Competence building in the municipality."""
    MIGRATION_CAMPAIGN = "migration_campaign"
    """Tilflyttingskampanje: campaigns to attract settlers."""
    IMAGE = "image"
    """Omdømmetiltak: image and reputation measures."""
    FILM = "film"
    """Films and similar promotional material."""
    ORDINARY_OPERATIONS = "ordinary_operations"
    """Ordinære driftsoppgaver: the municipality's ordinary running tasks."""
    PHYSICAL_INVESTMENT = "physical_investment"
    """Fysiske investeringer: buildings, equipment, infrastructure."""
    OTHER = "other"
    """Anything else."""


_CALL_ID = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


@attrs.frozen
class Call:
    """The terms of one county's scheme b call (utlysning). Every limit is optional: a call that
    states no cap has none."""

    id: str = attrs.field(metadata={"doc": 'lower-case words joined by "-", e.g. innlandet-2024'})
    county: str = attrs.field(
        metadata={"doc": "fylkesnummer of the county that calls", "pattern": "^[0-9]{2}$"}
    )
    year: int
    title: str
    sources: tuple[str, ...] = attrs.field(
        default=(), metadata={"doc": "where the terms were read (URLs)"}
    )
    certainty: Certainty = attrs.field(
        default="P", metadata={"doc": "P: one county's practice; S: a public source; ?: unknown"}
    )
    note: str = ""
    deadline: dt.date | None = None
    eligible_centrality_classes: tuple[int, ...] = attrs.field(
        default=(), metadata={"doc": "SSB centrality classes that may apply (empty: any)"}
    )
    max_grant: pint.Quantity[Decimal] | None = attrs.field(
        default=None, metadata={"doc": "the most one project may get", "minimum": 0}
    )
    max_grant_joint: pint.Quantity[Decimal] | None = attrs.field(
        default=None,
        metadata={
            "doc": "the most a joint project of several municipalities may get",
            "minimum": 0,
        },
    )
    max_share: Decimal | None = attrs.field(
        default=None, metadata={"doc": 'the largest grant share of the total project cost, "0.5"'}
    )
    set_aside: pint.Quantity[Decimal] | None = attrs.field(
        default=None,
        metadata={"doc": "the amount the county has set aside for the call", "minimum": 0},
    )
    not_prioritised: tuple[ProjectType, ...] = attrs.field(
        default=(), metadata={"doc": "project types the call will not prioritise"}
    )
    not_supported: tuple[ProjectType, ...] = attrs.field(
        default=(), metadata={"doc": "project types the call does not support at all"}
    )
    priority_target_group: bool = attrs.field(
        default=False,
        metadata={
            "doc": (
                "applications from municipalities in KDD's target group (the lowest on the "
                "district index) come first"
            )
        },
    )
    target_group_size: int | None = attrs.field(
        default=None,
        metadata={
            "doc": "how many of the county's municipalities the call says are in it",
            "minimum": 0,
        },
    )
    priority_centrality_groups: tuple[tuple[int, ...], ...] = attrs.field(
        default=(),
        metadata={"doc": "then groups of centrality classes in order, e.g. [[5, 6], [4]]"},
    )
    joint_first: bool = attrs.field(
        default=False,
        metadata={"doc": "joint projects of several municipalities before single ones"},
    )

    def cap(self, joint: bool) -> pint.Quantity[Decimal] | None:
        """The cap for a project: the joint cap for joint projects when the call has one."""
        if joint and self.max_grant_joint is not None:
            return self.max_grant_joint
        return self.max_grant


def call_problems(call: Call, base: tuple[str | int, ...] = ()) -> Iterable[Problem]:
    """What makes a call unusable, located below ``base``."""
    if not _CALL_ID.fullmatch(call.id):
        yield Problem(pointer(*base, "id"), msg("calls.id.invalid", id=call.id[:40]))
    reg = register(2024)
    if call.county not in {c.fylkesnummer for c in reg.counties}:
        yield Problem(
            pointer(*base, "county"), msg("calls.county.unknown", county=call.county[:10])
        )
    if not 1900 <= call.year <= 9999:
        yield Problem(pointer(*base, "year"), msg("calls.year.invalid"))
    classes = [
        (("eligible_centrality_classes", i), c)
        for i, c in enumerate(call.eligible_centrality_classes)
    ] + [
        (("priority_centrality_groups", g, i), c)
        for g, group in enumerate(call.priority_centrality_groups)
        for i, c in enumerate(group)
    ]
    for where, c in classes:
        if c not in CENTRALITY_CLASSES:
            yield Problem(
                pointer(*base, *where), msg("calls.centrality_class.unknown", centrality_class=c)
            )
    for name in ("max_grant", "max_grant_joint", "set_aside"):
        value = getattr(call, name)
        if value is not None and kroner(value) < 0:
            yield Problem(pointer(*base, name), msg("calls.amount.negative"))
    if call.max_share is not None and not Decimal(0) < call.max_share <= Decimal(1):
        yield Problem(pointer(*base, "max_share"), msg("calls.max_share.invalid"))
    if call.target_group_size is not None and call.target_group_size < 0:
        yield Problem(pointer(*base, "target_group_size"), msg("calls.number.negative"))


@functools.cache
def _shipped() -> Mapping[str, Call]:
    found: dict[str, Call] = {}
    folder = resources.files("post65").joinpath("data").joinpath("calls")
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".json"):
            try:
                data = loads_json(entry.read_text(encoding="utf-8"))
                data.pop("kind", None)
                call = structure(data, Call)
                problems = list(call_problems(call))
                if problems:
                    raise InvalidDocument(problems)
            except InvalidDocument as exc:  # pragma: no cover - the shipped data is tested
                raise RuntimeError(f"shipped call {entry.name} is broken: {exc}") from exc
            found[call.id] = call
    return MappingProxyType(found)


def shipped_calls() -> Mapping[str, Call]:
    """Every call shipped with post65, by id."""
    return _shipped()


def shipped_call(call_id: str) -> Call:
    """The shipped call ``call_id``.

    :raises UnknownCall: (a ``KeyError``) if no shipped call has that id.
    """
    calls = _shipped()
    try:
        return calls[call_id]
    except (KeyError, TypeError):
        known = sorted(calls)
        raise UnknownCall(msg("calls.unknown", id=str(call_id)[:40], known=known)) from None
