"""Scheme b: calls (the ``call`` kind), applications (``application``) and sets of them
(``applications``), valid and refused."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from hypothesis import strategies as st

from post65.applications import (
    Applicant,
    Application,
    Applications,
    Contribution,
    Criterion,
    Decline,
    Project,
)
from post65.calls import CENTRALITY_CLASSES, Call, ProjectType, shipped_calls
from post65.strategies._common import (
    _SUPPORTS,
    JSON,
    _bad_county,
    _bad_number,
    _dates,
    _near,
    _set,
    _to_json_value,
    _tuples,
    _words,
    amounts,
    fylkesnummer,
    texts,
)
from post65.strategies._refused import Refusal

_CALL_IDS = st.from_regex(r"[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,2}", fullmatch=True)
_SHARES = st.integers(1, 100).map(lambda n: (Decimal(n) / 100).quantize(Decimal("0.01")))
_CLASSES = st.sampled_from(CENTRALITY_CLASSES)


@functools.cache
def calls(county: str | None = None) -> st.SearchStrategy[Call]:
    """Scheme b calls (utlysninger) of ``county`` (any county if ``None``): every limit
    optional, each one sound (centrality classes 1-6, amounts non-negative, a grant share above 0
    and at most 1)."""
    money = st.none() | amounts(0, 10**8, ore=False)
    project_types = _tuples(st.sampled_from(ProjectType))
    return st.builds(
        Call,
        id=_CALL_IDS,
        county=fylkesnummer() if county is None else st.just(county),
        year=st.integers(2020, 2030),
        title=texts(),
        sources=_tuples(texts(), max_size=2),
        certainty=st.sampled_from(("R", "S", "P", "?")),
        note=texts(),
        deadline=st.none() | _dates(),
        eligible_centrality_classes=_tuples(_CLASSES, max_size=4),
        max_grant=money,
        max_grant_joint=money,
        max_share=st.none() | _SHARES,
        set_aside=money,
        not_prioritised=project_types,
        not_supported=project_types,
        priority_target_group=st.booleans(),
        target_group_size=st.none() | st.integers(0, 60),
        priority_centrality_groups=_tuples(_tuples(_CLASSES, min_size=1, max_size=3)),
        joint_first=st.booleans(),
    )


def _decline(
    start: int, years: int, population: tuple[int, int], employment: tuple[int, int], source: str
) -> Decline:
    return Decline(start, start + years, *population, *employment, source=source)


_DECLINES = st.builds(
    _decline,
    st.integers(2000, 2020),
    st.integers(1, 12),
    st.tuples(st.integers(1, 100_000), st.integers(0, 100_000)),
    st.tuples(st.integers(1, 60_000), st.integers(0, 60_000)),
    texts(),
)


def _project(start: dt.date | None, days: int | None, **fields: Any) -> Project:
    end = None if start is None or days is None else start + dt.timedelta(days=days)
    return Project(start=start, end=end, **fields)


_PROJECTS = st.builds(
    _project,
    st.none() | _dates(),
    st.none() | st.integers(0, 1500),
    title=texts(),
    type=st.sampled_from(ProjectType),
    description=texts(),
    contributions=_tuples(st.builds(Contribution, st.sampled_from(Criterion), texts()), max_size=2),
)


@functools.cache
def _applicants(county: str) -> st.SearchStrategy[tuple[Applicant, ...]]:
    applicant = st.builds(
        Applicant,
        _near(county),
        centrality_class=st.none() | _CLASSES,
        in_target_group=st.none() | st.booleans(),
        decline=st.none() | _DECLINES,
    )
    return st.lists(applicant, min_size=1, max_size=3, unique_by=lambda a: a.kommunenummer).map(
        tuple
    )


@functools.cache
def _applications_of(
    county: str, call_id: str | None, terms: Call | None, app_id: str | None
) -> st.SearchStrategy[Application]:
    return st.builds(
        Application,
        id=_words(max_size=16) if app_id is None else st.just(app_id),
        applicants=_applicants(county),
        project=_PROJECTS,
        amount_applied=amounts(0, 10**7),
        total_cost=amounts(1, 10**8),
        submitted=st.none() | _dates(),
        call=st.just(call_id),
        call_terms=st.just(terms),
        support=st.none() | _SUPPORTS,
    )


@st.composite
def _call_reference(draw: st.DrawFn) -> tuple[str | None, Call | None, str]:
    """(call id, inline terms, county): a shipped call by id, or inline terms (id or none)."""
    shipped = sorted(shipped_calls().items())
    by_id = draw(st.booleans())
    if shipped and by_id:
        call_id, call = draw(st.sampled_from(shipped))
        return call_id, None, call.county
    terms = draw(calls())
    return (terms.id if draw(st.booleans()) else None), terms, terms.county


@st.composite
def _applications(draw: st.DrawFn) -> Application:
    call_id, terms, county = draw(_call_reference())
    return draw(_applications_of(county, call_id, terms, None))


@functools.cache
def applications() -> st.SearchStrategy[Application]:
    """Scheme b applications (the ``application`` kind) answering a shipped call or inline
    terms, from 1-3 municipalities, with or without B-1 evidence and support to an undertaking."""
    return _applications()


@st.composite
def _application_sets(draw: st.DrawFn, max_size: int) -> Applications:
    call_id, terms, county = draw(_call_reference())
    set_id = terms.id if terms is not None else call_id
    ids = draw(st.lists(_words(max_size=12), min_size=1, max_size=max_size, unique=True))
    apps = tuple(
        draw(_applications_of(county, draw(st.sampled_from([None, set_id])), None, app_id))
        for app_id in ids
    )
    return Applications(
        applications=apps, call=call_id, call_terms=terms, description=draw(texts())
    )


@functools.cache
def application_sets(max_size: int = 4) -> st.SearchStrategy[Applications]:
    """Sets of 1 … ``max_size`` applications answering one call (the ``applications`` kind),
    their ids unique, each naming the set's call or none."""
    return _application_sets(max_size)


# --------------------------------------------------------------------------------------------
# Refused documents: the changes that make a valid document of this kind unusable


def _call_refusal(draw: st.DrawFn, data: JSON) -> JSON:
    how = draw(st.sampled_from(["id", "county", "class", "share", "negative", "size"]))
    if how == "id":
        return {**data, "id": draw(st.sampled_from(["", "Innlandet 2024", "a--b", "-x", "æ"]))}
    if how == "county":
        return {**data, "county": _bad_county(draw)}
    if how == "class":
        bad = draw(st.integers(max_value=0) | st.integers(min_value=7))
        return {**data, "eligible_centrality_classes": [*data["eligible_centrality_classes"], bad]}
    if how == "share":
        return {**data, "max_share": draw(st.sampled_from(["0", "1.01", "2", "-0.5"]))}
    if how == "negative":
        name = draw(st.sampled_from(["max_grant", "max_grant_joint", "set_aside"]))
        return {**data, name: str(-draw(st.integers(1, 10**6)))}
    return {**data, "target_group_size": -draw(st.integers(1, 100))}


_APPLICATION_FAULTS = (
    "applicant",
    "duplicate",
    "class",
    "cost",
    "amount",
    "orgnr",
    "decline",
    "id",
)


def _application_refusal(draw: st.DrawFn, data: JSON, *, own_call: bool = True) -> JSON:
    how = draw(st.sampled_from(_APPLICATION_FAULTS + (("call",) if own_call else ())))
    applicants = data["applicants"]
    if how == "applicant":
        return _bad_number(draw, data, ("applicants", 0, "kommunenummer"))
    if how == "duplicate":
        return {**data, "applicants": [*applicants, applicants[0]]}
    if how == "class":
        bad = draw(st.integers(max_value=0) | st.integers(min_value=7))
        return _set(data, ("applicants", 0, "centrality_class"), bad)  # type: ignore[no-any-return]
    if how == "cost":
        return {**data, "total_cost": draw(st.sampled_from(["0", "-1", 0]))}
    if how == "amount":
        return {**data, "amount_applied": str(-draw(st.integers(1, 10**6)))}
    if how == "call":
        if draw(st.booleans()):
            return {**data, "call": None, "call_terms": None}
        return {**data, "call": "nowhere-2024", "call_terms": None}
    if how == "decline":
        decline = {
            "from_year": 2020,
            "to_year": draw(st.integers(1990, 2020)),
            "population_from": draw(st.integers(-5, 0)),
            "population_to": 10,
            "employment_from": 10,
            "employment_to": 5,
        }
        return _set(data, ("applicants", 0, "decline"), decline)  # type: ignore[no-any-return]
    if how == "id":
        return {**data, "id": draw(st.sampled_from(["", " ", "\t\n"]))}
    support = {
        "organisasjonsnummer": draw(st.sampled_from(["974760674", "12345678", "97476067X", ""])),
        "name": "AS",
        "amount": "1000",
        "granted": "2024-05-01",
    }
    return {**data, "support": support}


def _applications_refusal(draw: st.DrawFn, data: JSON) -> JSON:
    how = draw(st.sampled_from(["empty", "duplicate", "terms", "other-call", "one"]))
    apps = data["applications"]
    if how == "empty":
        return {**data, "applications": []}
    if how == "duplicate":
        return {**data, "applications": [*apps, apps[0]]}
    if how == "terms":
        return _set(data, ("applications", 0, "call_terms"), _to_json_value(draw(calls())))  # type: ignore[no-any-return]
    if how == "other-call":
        set_id = (data["call_terms"] or {}).get("id") or data["call"]
        other = draw(_CALL_IDS.filter(lambda s: s != set_id))
        return _set(data, ("applications", 0, "call"), other)  # type: ignore[no-any-return]
    if draw(st.booleans()):  # the set's call: none, or one that is not shipped
        call = draw(st.sampled_from([None, "nowhere-2024"]))
        return {**data, "call": call, "call_terms": None}
    one = _application_refusal(draw, apps[0], own_call=False)
    return _set(data, ("applications", 0), one)  # type: ignore[no-any-return]


# --------------------------------------------------------------------------------------------
# The tables the package merges


STRATEGIES: dict[str, Callable[[], st.SearchStrategy[Any]]] = {
    "application": applications,
    "applications": application_sets,
    "call": calls,
}
"""The document kinds of this module and the strategies of their valid documents."""

REFUSALS: dict[str, tuple[Refusal, ...]] = {
    "application": (_application_refusal,),
    "applications": (_applications_refusal,),
    "call": (_call_refusal,),
}
"""The document kinds of this module and their own refusals."""

TYPES: dict[type, Callable[[], st.SearchStrategy[Any]]] = {
    Applicant: lambda: fylkesnummer().flatmap(_applicants).flatmap(st.sampled_from),
    Application: applications,
    Applications: application_sets,
    Call: calls,
    Contribution: lambda: st.builds(Contribution, st.sampled_from(Criterion), texts()),
    Decline: lambda: _DECLINES,
    Project: lambda: _PROJECTS,
}
"""The post65 types whose strategies this module gives (see :func:`post65.strategies.for_type`)."""
