"""District indexes, selections, index files and allocations (the ``allocation`` kind)."""

from __future__ import annotations

import functools
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from hypothesis import reject
from hypothesis import strategies as st

from post65.allocation import (
    Allocation,
    CountyAllocation,
    Explicit,
    Lowest,
    MaxScore,
    Note,
    PopulationShare,
    Selection,
    SelectionSpec,
    StatedIndex,
    Unit,
    allocate,
)
from post65.apportion import Method
from post65.districtindex import DistrictIndex, describe_missing
from post65.errors import InvalidParameter
from post65.geography import register
from post65.strategies._common import (
    JSON,
    _bad_county,
    _municipality_numbers,
    _set,
    invalid_kommunenummer,
    kommunenummer,
)
from post65.strategies._refused import Refusal
from post65.text import Message

_SCORES = st.integers(0, 10_000).map(lambda n: Decimal(n).scaleb(-2)) | st.integers(0, 100).map(
    Decimal
)
_SCORE_POOLS = st.lists(_SCORES, min_size=1, max_size=8)


@st.composite
def _district_indexes(
    draw: st.DrawFn, min_size: int, max_size: int, year: int | None
) -> DistrictIndex:
    numbers = _municipality_numbers()
    size = draw(st.integers(min_size, min(max_size, len(numbers))))
    if size == len(numbers):
        chosen = list(numbers)
    else:
        chosen = draw(st.lists(kommunenummer(), min_size=size, max_size=size, unique=True))
    pool = draw(_SCORE_POOLS)  # a few scores, so that ties are common
    scores = st.sampled_from(pool) | _SCORES
    return DistrictIndex({nr: draw(scores) for nr in chosen}, year=year)


@functools.cache
def district_indexes(
    *, min_size: int = 1, max_size: int = 60, year: int | None = None
) -> st.SearchStrategy[DistrictIndex]:
    """District indexes: a score (0-100, at most two decimals, ties likely) for ``min_size`` …
    ``max_size`` municipalities of 2024 (357 is every one)."""
    return _district_indexes(min_size, max_size, year)


_EXPLICIT = st.lists(kommunenummer(), min_size=1, max_size=20, unique=True).map(Explicit)


@st.composite
def _selections(draw: st.DrawFn, index: DistrictIndex | None) -> Selection:
    if index is None:
        return draw(_EXPLICIT)
    scored = sorted(index.scores)
    how = draw(st.sampled_from(["lowest", "max-score", "share", "explicit"]))
    if how == "share":  # at most the share of the population the index covers
        reg = register(2024)
        covered = sum(reg.municipality(nr).population for nr in scored)
        hundredths = covered * 10_000 // reg.population
        if hundredths >= 1:
            return PopulationShare(Decimal(draw(st.integers(1, hundredths))) / 100)
        how = "lowest"
    if how == "lowest":
        return Lowest(draw(st.integers(1, len(scored))))
    if how == "max-score":
        return MaxScore(draw(st.sampled_from(sorted(set(index.scores.values())))))
    return Explicit(draw(st.lists(st.sampled_from(scored), min_size=1, max_size=20, unique=True)))


def selections(index: DistrictIndex | None = None) -> st.SearchStrategy[Selection]:
    """Selections of target municipalities (:class:`~post65.Lowest`, :class:`~post65.MaxScore`,
    :class:`~post65.PopulationShare`, :class:`~post65.Explicit`) from ``index``; with no index,
    explicit lists. ``Lowest`` and ``MaxScore`` always pick at least one municipality."""
    return _selections(index)


def _csv_number(value: Decimal, comma: bool) -> str:
    text = format(value, "f")
    return text.replace(".", ",") if comma else text


_DELIMITERS = st.sampled_from([";", ",", "\t"])
_KNR_HEADERS = st.sampled_from(["kommunenummer", "knr", "KNR", "Kommunenummer"])
_SCORE_HEADERS = st.sampled_from(["distriktsindeks", "indeks", "Distriktsindeks 2023", "INDEKS"])
_EXTRA_HEADERS = st.sampled_from([None, "navn", "KNAVN"])
_NEWLINES = st.sampled_from(["\n", "\r\n"])


@st.composite
def _valid_index_file(draw: st.DrawFn) -> bytes:
    index = draw(district_indexes())
    delimiter = draw(_DELIMITERS)
    comma = delimiter != "," and draw(st.booleans())
    knr, score, extra = draw(_KNR_HEADERS), draw(_SCORE_HEADERS), draw(_EXTRA_HEADERS)
    header = [knr, score] + ([extra] if extra else [])
    if draw(st.booleans()):
        header.reverse()
    newline = draw(_NEWLINES)
    lines = [delimiter.join(header)]
    for nr, value in index.scores.items():
        cells = {knr: nr, score: _csv_number(value, comma), extra: "x"}
        lines.append(delimiter.join(cells[h] for h in header))
    text = newline.join(lines) + newline
    return (b"\xef\xbb\xbf" if draw(st.booleans()) else b"") + text.encode("utf-8")


_HEADER_NAMES = st.sampled_from(
    ["kommunenummer", "knr", "KNR", "distriktsindeks", "indeks", "navn", ""]
)
_CELLS = st.sampled_from(
    [
        "1804",
        "0301",
        "301",
        "1507",
        "12,5",
        "12.5",
        "1e999999",
        "9" * 400,
        "-1",
        "NaN",
        "Infinity",
        "1,2,3",
        "",
        " ",
        '"',
        "\x00",
        "Ålesund",
        "١٢",
        "100.0000000000000000000000000000001",
    ]
) | st.text(max_size=8)
_TABLES = st.tuples(
    st.lists(_HEADER_NAMES, min_size=1, max_size=4),
    st.lists(st.lists(_CELLS, max_size=5), max_size=8),
    st.sampled_from([";", ",", "\t", "|"]),
)
_FILE_FAULTS = st.sampled_from(
    [
        "cells",
        "delimiter",
        "bom",
        "encoding",
        "nul",
        "huge",
        "missing",
        "duplicate",
        "truncate",
        "bytes",
    ]
)


def _separator(line: str) -> str:
    return ";" if ";" in line else "\t" if "\t" in line else ","


@st.composite
def _malformed_index_file(draw: st.DrawFn) -> bytes:
    how = draw(_FILE_FAULTS)
    if how == "cells":  # a table of arbitrary header names and cells
        header, rows, sep = draw(_TABLES)
        return "\n".join(sep.join(r) for r in [header, *rows]).encode("utf-8")
    if how == "bytes":
        return draw(st.binary(max_size=300))
    base = draw(_valid_index_file())
    text = base.decode("utf-8-sig")
    lines = text.splitlines()
    sep = _separator(lines[0])
    if how == "delimiter":
        new = draw(st.sampled_from(["|", " ", ":", ";,", ",;", "\t;"]))
        return text.replace(sep, new, draw(st.integers(1, 3))).encode("utf-8")
    if how == "bom":
        bom = draw(st.sampled_from(["\ufeff", "\ufeff\ufeff", "\ufffe"]))
        where = draw(st.integers(0, len(text)))
        return (text[:where] + bom + text[where:]).encode("utf-8")
    if how == "encoding":
        codec = draw(st.sampled_from(["utf-16", "utf-16-le", "utf-32", "latin-1", "cp1252"]))
        return ("Ålesund" + sep + text).encode(codec, errors="replace")
    if how == "nul":
        where = draw(st.integers(0, len(base)))
        return base[:where] + b"\x00" * draw(st.integers(1, 3)) + base[where:]
    if how == "huge":
        row = draw(st.integers(1, max(1, len(lines) - 1)))
        number = draw(st.sampled_from(["9" * 5000, "1e400", "1" * 40 + ".5", "-" + "9" * 30]))
        if row < len(lines):
            cells = lines[row].split(sep)
            cells[draw(st.integers(0, len(cells) - 1))] = number
            lines[row] = sep.join(cells)
        return "\n".join(lines).encode("utf-8")
    if how == "missing":  # one column left out of every line
        drop = draw(st.integers(0, 1))
        return "\n".join(
            sep.join(c for i, c in enumerate(line.split(sep)) if i != drop) for line in lines
        ).encode("utf-8")
    if how == "duplicate":  # a header name twice
        first = lines[0].split(sep)
        lines[0] = sep.join([*first, draw(st.sampled_from(first))])
        return "\n".join(lines).encode("utf-8")
    return base[: draw(st.integers(0, len(base)))]  # truncated


@functools.cache
def index_files(*, valid: bool = True) -> st.SearchStrategy[bytes]:
    """District index files as CSV bytes. Valid ones (``,``, ``;`` or tab, decimal comma or
    point, BOM or not, CRLF or LF, the column names ``cli.md`` allows, in either order, an extra
    column) are read by :func:`post65.read_index`; with ``valid=False``, malformed files: wrong
    delimiters, stray BOMs, other encodings (UTF-16, Latin-1), NUL bytes, huge numbers, a missing
    or duplicated column, truncation, arbitrary bytes. Some of those are still readable."""
    return _valid_index_file() if valid else _malformed_index_file()


# --------------------------------------------------------------------------------------------
# Allocation


_METHODS = st.sampled_from(Method)
_UNITS = st.sampled_from(Unit)
_UNIT_COUNTS = st.integers(0, 10**9) | st.integers(0, 10**13)
_POPULATION_CHANGES = st.dictionaries(kommunenummer(), st.integers(1, 10**6), max_size=5)


@st.composite
def _allocations(draw: st.DrawFn) -> Allocation:
    index = draw(st.none() | district_indexes())
    selection = draw(selections(index))
    method = draw(_METHODS)
    unit = draw(_UNITS)
    amount = draw(_UNIT_COUNTS) * unit.kroner
    population: dict[str, int] | None = None
    if draw(st.booleans()):
        factor = draw(st.integers(1, 3))
        population = {k.kommunenummer: k.population * factor for k in register(2024)}
        population.update(draw(_POPULATION_CHANGES))
    try:
        return allocate(amount, index, selection, method=method, unit=unit, population=population)
    except InvalidParameter:  # e.g. a population share larger than the index holds
        reject()


@functools.cache
def allocations() -> st.SearchStrategy[Allocation]:
    """Allocations as :func:`post65.allocate` computes them (so A-3.1 is met): an index or none
    (an explicit list), any selection, method and unit, an amount in whole units, and the
    shipped population or a stated one."""
    return _allocations()


# --------------------------------------------------------------------------------------------
# Refused documents: the changes that make a valid document of this kind unusable


def _allocation_refusal(draw: st.DrawFn, data: JSON) -> JSON:
    how = draw(
        st.sampled_from(["unit", "negative", "index", "score", "population", "county", "selection"])
    )
    if how == "unit":
        thousands = draw(st.integers(0, 10**6)) * 1000 + draw(st.integers(1, 999))
        return {**data, "unit": "1000kr", "amount": str(thousands)}
    if how == "negative":
        return {**data, "amount": str(-draw(st.integers(1, 10**9)))}
    if how in ("index", "score"):
        scores = dict((data["index"] or {"scores": {}})["scores"])
        if how == "index":
            scores[draw(invalid_kommunenummer())] = "10"
        else:
            scores[draw(kommunenummer())] = draw(st.sampled_from(["100.01", "-1", "1000"]))
        return {**data, "index": {"scores": scores, "year": None}}
    if how == "population":
        population = {k.kommunenummer: k.population for k in register(2024)}
        if draw(st.booleans()):
            del population[draw(kommunenummer())]
        else:
            population[draw(kommunenummer())] = -draw(st.integers(1, 1000))
        return {**data, "population": population}
    if how == "county":
        i = draw(st.integers(0, len(data["counties"]) - 1))
        return _set(data, ("counties", i, "fylkesnummer"), _bad_county(draw))  # type: ignore[no-any-return]
    bad = {"lowest": "abc", "max-score": "101", "population-share": "0", "municipalities": ""}
    rule = draw(st.sampled_from(sorted(bad)))
    return {**data, "selection": {"rule": rule, "value": bad[rule]}}


# --------------------------------------------------------------------------------------------
# The tables the package merges


STRATEGIES: dict[str, Callable[[], st.SearchStrategy[Any]]] = {"allocation": allocations}
"""The document kinds of this module and the strategies of their valid documents."""

REFUSALS: dict[str, tuple[Refusal, ...]] = {"allocation": (_allocation_refusal,)}
"""The document kinds of this module and their own refusals."""

TYPES: dict[type, Callable[[], st.SearchStrategy[Any]]] = {
    Allocation: allocations,
    CountyAllocation: lambda: allocations().flatmap(lambda a: st.sampled_from(a.counties)),
    DistrictIndex: district_indexes,
    Explicit: lambda: _EXPLICIT,
    Lowest: lambda: st.integers(1, len(register(2024))).map(Lowest),
    MaxScore: lambda: _SCORES.map(MaxScore),
    Message: lambda: district_indexes().flatmap(
        lambda i: st.sampled_from((*i.notes, describe_missing(i.missing or frozenset({"0301"}))))
    ),
    Note: lambda: allocations().flatmap(lambda a: st.sampled_from(a.notes)),
    PopulationShare: lambda: st.integers(1, 10_000).map(
        lambda n: PopulationShare(Decimal(n) / 100)
    ),
    SelectionSpec: lambda: allocations().map(lambda a: a.selection),
    StatedIndex: lambda: district_indexes().map(lambda i: StatedIndex(i.scores, i.year)),
}
"""The post65 types whose strategies this module gives (see :func:`post65.strategies.for_type`)."""
