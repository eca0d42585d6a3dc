"""Portfolios (the ``portfolio`` kind), valid and refused."""

from __future__ import annotations

import functools
from collections.abc import Callable
from decimal import Decimal
from typing import Any, Literal, overload

import attrs
from hypothesis import strategies as st

from post65.portfolio import (
    FIRST_YEAR,
    LAST_YEAR,
    MunicipalChallenge,
    Portfolio,
    SchemeBMeasure,
    SchemeCMeasure,
)
from post65.strategies._common import (
    JSON,
    _bad_county,
    _near,
    _put,
    _set,
    _to_json_value,
    _tuples,
    _words,
    amounts,
    fylkesnummer,
    invalid_kommunenummer,
    kommunenummer,
    texts,
)
from post65.strategies._refused import Refusal, invalid
from post65.strategies.ledger import _SPLITS, _funds_of
from post65.strategies.measure import _scheme_b_measures, _scheme_c_measures, measures

_YEARS = st.integers(2020, 2030) | st.integers(FIRST_YEAR, LAST_YEAR)


@functools.cache
def _challenges(county: str) -> st.SearchStrategy[tuple[MunicipalChallenge, ...]]:
    return _tuples(st.builds(MunicipalChallenge, _near(county), texts(), texts()))


_SCHEME_LETTERS = st.sampled_from("abc")


@st.composite
def _portfolios(draw: st.DrawFn, min_measures: int, max_measures: int) -> Portfolio:
    county = draw(fylkesnummer())
    year = draw(_YEARS)
    schemes = draw(st.lists(_SCHEME_LETTERS, min_size=min_measures, max_size=max_measures))
    counts = [schemes.count(s) for s in "abc"]
    n = len(schemes)
    if n > 1 and draw(st.booleans()):  # ids need only be unique (across a, b and c), not m0, …
        ids = draw(st.lists(_words(max_size=10), min_size=n, max_size=n, unique=True))
    else:
        ids = [*(f"m{i}" for i in range(counts[0])), *(f"b{i}" for i in range(counts[1]))]
        ids += [f"c{i}" for i in range(counts[2])]
    a_ids, b_ids = ids[: counts[0]], ids[counts[0] : counts[0] + counts[1]]
    c_ids = ids[counts[0] + counts[1] :]
    ms = tuple(attrs.evolve(draw(measures("m0", county)), id=i) for i in a_ids)
    bs = tuple(attrs.evolve(draw(_scheme_b_measures(county)), id=i) for i in b_ids)
    cs = tuple(attrs.evolve(draw(_scheme_c_measures(county)), id=i) for i in c_ids)
    # a payment or commitment of scheme b or c may name any measure while the portfolio records
    # none of that scheme (it may be one of an earlier year); once it records some, one of them
    refs = (tuple(a_ids), tuple(b_ids) or tuple(ids), tuple(c_ids) or tuple(ids))
    return Portfolio(
        county=county,
        year=year,
        frame=draw(st.none() | amounts(0, 10**8)),
        split=draw(_SPLITS),
        funds=draw(_funds_of((year - 2, year + 1), refs, 3)),
        challenges=draw(_challenges(county)),
        measures=ms,
        b_measures=bs,
        c_measures=cs,
    )


@overload
def portfolios(
    *, valid: Literal[True] = True, min_measures: int = 0, max_measures: int = 8
) -> st.SearchStrategy[Portfolio]: ...
@overload
def portfolios(
    *, valid: Literal[False], min_measures: int = 0, max_measures: int = 8
) -> st.SearchStrategy[JSON]: ...
@functools.cache
def portfolios(
    *, valid: bool = True, min_measures: int = 0, max_measures: int = 8
) -> st.SearchStrategy[Portfolio] | st.SearchStrategy[JSON]:
    """Portfolios of one county and year, with ``min_measures`` … ``max_measures`` measures in
    all, each of scheme a, b or c (:class:`~post65.Measure`, :class:`~post65.SchemeBMeasure`,
    :class:`~post65.SchemeCMeasure`; ids unique across the three), a funds ledger and documented
    challenges: every number exists and every reference resolves, so they load (any rule may be
    met or not). With ``valid=False``: ``portfolio`` JSON objects that :func:`post65.load`
    refuses (see :func:`invalid_documents`)."""
    if not valid:
        return invalid(portfolios(), REFUSALS["portfolio"])
    return _portfolios(min_measures, max_measures)


# --------------------------------------------------------------------------------------------
# Refused documents: the changes that make a valid document of this kind unusable


def _with_a_measure(draw: st.DrawFn, data: JSON) -> JSON:
    if data["measures"]:
        return data
    measure = draw(measures("m0", data["county"]))
    return {**data, "measures": [_to_json_value(measure)]}


def _portfolio_refusal(draw: st.DrawFn, data: JSON) -> JSON:
    how = draw(
        st.sampled_from(
            ["county", "year", "challenge", "beneficiary", "duplicate", "reference", "share"]
        )
    )
    if how == "county":
        return {**data, "county": _bad_county(draw)}
    if how == "year":
        return {
            **data,
            "year": draw(st.integers(max_value=FIRST_YEAR - 1) | st.integers(LAST_YEAR + 1)),
        }
    if how == "challenge":
        challenge = {"kommunenummer": draw(invalid_kommunenummer()), "challenge": "x"}
        return {**data, "challenges": [*data["challenges"], challenge]}
    data = _with_a_measure(draw, data)
    i = draw(st.integers(0, len(data["measures"]) - 1))
    measure = data["measures"][i]
    if how == "beneficiary":
        new = {
            **measure,
            "beneficiaries": [*measure["beneficiaries"], draw(invalid_kommunenummer())],
        }
        return _set(data, ("measures", i), new)  # type: ignore[no-any-return]
    if how == "duplicate":
        return {**data, "measures": [*data["measures"], measure]}
    if how == "share":
        return _set(data, ("measures", i), _bad_shares(draw, measure))  # type: ignore[no-any-return]
    taken = {m["id"] for m in data["measures"]}
    payment = {
        "scheme": "a",
        "year": data["year"],
        "amount": "1000",
        "measure": draw(st.text(max_size=8).filter(lambda s: s not in taken)),
    }
    entries = draw(st.sampled_from(["payments", "commitments"]))
    funds_json = {**data["funds"], entries: [*data["funds"][entries], payment]}
    return {**data, "funds": funds_json}


def _bad_shares(draw: st.DrawFn, measure: JSON) -> JSON:
    """``measure`` with stated shares the portfolio check refuses: a share for a municipality
    that is not a beneficiary, a negative share, or shares one krone more than the cost."""
    names = list(dict.fromkeys(measure["beneficiaries"]))
    fault = draw(st.sampled_from(["stranger", "negative", "sum"]))
    if fault == "stranger" or not names:
        stranger = draw(kommunenummer().filter(lambda nr: nr not in names))
        shares = [*measure.get("shares", []), {"beneficiary": stranger, "amount": "0"}]
    elif fault == "negative":
        shares = [{"beneficiary": nr, "amount": "0"} for nr in names]
        shares[draw(st.integers(0, len(names) - 1))]["amount"] = "-1"
    else:
        over = Decimal(str(measure["cost"])) + 1
        shares = [{"beneficiary": nr, "amount": "0"} for nr in names]
        shares[draw(st.integers(0, len(names) - 1))]["amount"] = str(over)
    return {**measure, "shares": shares}


_SCHEME_FIELDS = {"b_measures": "b", "c_measures": "c"}


def _measure_ids(data: JSON) -> set[str]:
    return {m["id"] for field in ("measures", *_SCHEME_FIELDS) for m in data[field]}


def _scheme_measures(field: str, county: str) -> st.SearchStrategy[SchemeBMeasure | SchemeCMeasure]:
    if field == "b_measures":
        return _scheme_b_measures(county)
    return _scheme_c_measures(county)


def _with_scheme_measure(draw: st.DrawFn, data: JSON, field: str) -> JSON:
    """``data`` with at least one measure in ``field`` (``b_measures`` or ``c_measures``)."""
    if data[field]:
        return data
    taken = _measure_ids(data)
    measure_id = draw(_words(max_size=10).filter(lambda s: s not in taken))
    measure = attrs.evolve(draw(_scheme_measures(field, data["county"])), id=measure_id)
    return {**data, field: [_to_json_value(measure)]}


def _portfolio_scheme_refusal(draw: st.DrawFn, data: JSON) -> JSON:
    """Faults of the scheme b and c measures: an unknown kommunenummer, an id used in another
    scheme (or twice in the same), a payment or commitment of the year naming a measure the
    scheme does not record, a negative amount or number of jobs."""
    how = draw(st.sampled_from(["municipality", "duplicate", "reference", "negative"]))
    field = draw(st.sampled_from(sorted(_SCHEME_FIELDS)))
    if how == "duplicate":
        data = _with_a_measure(draw, data) if draw(st.booleans()) else data
        taken = sorted(_measure_ids(data))
        if not taken:
            data = _with_scheme_measure(draw, data, field)
            taken = sorted(_measure_ids(data))
        twin = attrs.evolve(
            draw(_scheme_measures(field, data["county"])), id=draw(st.sampled_from(taken))
        )
        items = list(data[field])
        items.insert(draw(st.integers(0, len(items))), _to_json_value(twin))
        return {**data, field: items}
    data = _with_scheme_measure(draw, data, field)
    i = draw(st.integers(0, len(data[field]) - 1))
    measure = data[field][i]
    if how == "municipality":
        numbers = list(measure["municipalities"])
        numbers.insert(draw(st.integers(0, len(numbers))), draw(invalid_kommunenummer()))
        return _put(data, (field, i, "municipalities"), numbers)
    if how == "negative":
        name = draw(st.sampled_from(["granted", "spent", "jobs_created"]))
        if name == "jobs_created" and field == "b_measures":
            name = "granted"
        bad: int | str = -draw(st.integers(1, 10**6))
        if name != "jobs_created" and draw(st.booleans()):
            bad = str(bad)
        return _put(data, (field, i, name), bad)
    known = {m["id"] for m in data[field]}
    entry = {
        "scheme": _SCHEME_FIELDS[field],
        "year": data["year"],
        "amount": "1000",
        "measure": draw(st.text(max_size=8).filter(lambda s: s not in known)),
    }
    entries = draw(st.sampled_from(["payments", "commitments"]))
    funds_json = {**data["funds"], entries: [*data["funds"][entries], entry]}
    return {**data, "funds": funds_json}


# --------------------------------------------------------------------------------------------
# The tables the package merges


STRATEGIES: dict[str, Callable[[], st.SearchStrategy[Any]]] = {"portfolio": portfolios}
"""The document kinds of this module and the strategies of their valid documents."""

REFUSALS: dict[str, tuple[Refusal, ...]] = {
    "portfolio": (_portfolio_refusal, _portfolio_scheme_refusal),
}
"""The document kinds of this module and their own refusals."""

TYPES: dict[type, Callable[[], st.SearchStrategy[Any]]] = {
    MunicipalChallenge: lambda: st.builds(MunicipalChallenge, kommunenummer(), texts(), texts()),
    Portfolio: portfolios,
}
"""The post65 types whose strategies this module gives (see :func:`post65.strategies.for_type`)."""
