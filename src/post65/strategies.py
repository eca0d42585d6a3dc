"""Hypothesis strategies for post65's values and documents (the extra ``post65[hypothesis]``).

For systems that embed post65 and want to test against it, and for post65's own tests. This
module imports :mod:`hypothesis`; ``import post65`` never imports it.

Values:

- :func:`amounts`: exact NOK amounts (whole kroner, or kroner and øre), bounded;
- :func:`kommunenummer` (valid 2024 numbers), :func:`invalid_kommunenummer` (anything else: old
  numbers, malformed text), :func:`fylkesnummer`, :func:`organisasjonsnummer`;
- :func:`district_indexes`, :func:`selections`, :func:`index_files` (CSV bytes, valid or not).

Documents, each of them valid: it loads, and round-trips (``load(dump(x)) == x``):

- :func:`measures`, :func:`funds`, :func:`portfolios` (measures of schemes a, b and c;
  ``portfolios(valid=False)`` gives JSON objects that :func:`post65.load` must refuse, exit 2 in
  the command), :func:`reports` (the yearly report, built from a portfolio);
- :func:`allocations` (computed by :func:`post65.allocate`, so rule A-3.1 holds), :func:`calls`,
  :func:`applications`, :func:`application_sets` (the ``applications`` kind), :func:`programmes`;
- :data:`STRATEGIES`: document kind → the strategy of its valid documents; :func:`documents` and
  :func:`invalid_documents` draw from it, so a new kind needs only a new entry there (and,
  optionally, its own refusals in :data:`REFUSALS`).

>>> from hypothesis import given, settings
>>> import post65
>>> @settings(max_examples=20)
... @given(portfolios())
... def test_round_trip(p):
...     assert post65.load(post65.dump(p)) == p
>>> test_round_trip()

The strategies are also registered with Hypothesis (``st.from_type(post65.Portfolio)``) through
the ``hypothesis`` entry point (:mod:`post65._hypothesis`), for post65's own types only.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import json
import types
import typing
from collections.abc import Callable, Iterator, Mapping
from decimal import Decimal
from typing import Any, Literal, Union, get_args, get_origin, overload

import attrs
from hypothesis import reject
from hypothesis import strategies as st

from post65.allocation import (
    Allocation,
    Explicit,
    Lowest,
    MaxScore,
    PopulationShare,
    Selection,
    Unit,
    allocate,
)
from post65.apportion import Method
from post65.calls import CENTRALITY_CLASSES, Call, ProjectType, shipped_calls
from post65.districtindex import DistrictIndex
from post65.errors import InvalidParameter
from post65.funds import (
    AdminCategory,
    AdminCost,
    Commitment,
    Funds,
    Payment,
    Receipt,
    SchemeId,
    Split,
)
from post65.geography import register
from post65.io import document_kinds, to_json
from post65.layout import MIN_LINES_PER_PAGE, MIN_WIDTH, OPTION_BOUNDS, PageModel
from post65.measures import (
    AssistanceKind,
    Criteria,
    GoalContribution,
    GuidanceCapacity,
    Lasting,
    LastingKind,
    Measure,
    Needs,
    NeedsSource,
    Organisation,
    OrganisationKind,
    Partner,
    PartnerKind,
    Period,
    Plan,
    PlanAction,
    PlanProcess,
    Supplier,
    Use,
)
from post65.money import Money, kroner, nok
from post65.portfolio import (
    FIRST_YEAR,
    LAST_YEAR,
    MunicipalChallenge,
    Portfolio,
    SchemeBMeasure,
    SchemeCMeasure,
)
from post65.report import (
    Report,
    ReportContribution,
    ReportCriterion,
    ReportLanguage,
    ReportMeasure,
    ReportPlan,
    ReportScheme,
    SchemeFunds,
    build_report,
)
from post65.schemes.b import (
    Applicant,
    Application,
    Applications,
    Contribution,
    Criterion,
    Decline,
    Project,
)
from post65.schemes.c import (
    BusinessFundGrant,
    Phase,
    PhasePeriod,
    Programme,
    ProgrammeMeasure,
    StatusDecision,
)
from post65.schemes.c import Contribution as CContribution
from post65.schemes.c import Criterion as CCriterion
from post65.stateaid import Aid, Regime, Support, organisasjonsnummer_check_digit

__all__ = [
    "REFUSALS",
    "STRATEGIES",
    "Refusal",
    "allocations",
    "amounts",
    "application_sets",
    "applications",
    "calls",
    "district_indexes",
    "documents",
    "for_type",
    "funds",
    "fylkesnummer",
    "index_files",
    "invalid_documents",
    "invalid_kommunenummer",
    "kommunenummer",
    "measures",
    "organisasjonsnummer",
    "portfolios",
    "programmes",
    "reports",
    "selections",
    "texts",
]

JSON = dict[str, Any]

# --------------------------------------------------------------------------------------------
# Values
#
# Every function that returns a strategy is cached: Hypothesis validates each new strategy object
# once, and building strategies afresh inside every draw would cost more than the drawing.


@functools.cache
def texts(*, min_size: int = 0, max_size: int = 30) -> st.SearchStrategy[str]:
    """Free text: any Unicode (no surrogates), Norwegian letters and odd spaces likely."""
    return st.text(
        st.characters(codec="utf-8") | st.sampled_from("æøåÆØÅ«»–—€\u00a0\u2009 "),
        min_size=min_size,
        max_size=max_size,
    )


@functools.cache
def _words(*, max_size: int = 30) -> st.SearchStrategy[str]:
    """Text that is not blank (for ids and the fields a validator wants filled)."""
    return texts(min_size=1, max_size=max_size).filter(lambda s: bool(s.strip()))


@functools.cache
def amounts(
    min_value: int | Decimal = 0, max_value: int | Decimal = 10**10, *, ore: bool = True
) -> st.SearchStrategy[Money]:
    """Exact NOK amounts from ``min_value`` to ``max_value`` kroner: whole kroner, or (``ore``)
    kroner and øre (two decimals). Never a float, never NaN.

    >>> from hypothesis import find
    >>> find(amounts(100), lambda q: True)
    <Quantity(100, 'NOK')>
    """
    low, high = Decimal(min_value), Decimal(max_value)
    whole = st.integers(int(low.to_integral_value("ROUND_CEILING")), int(high)).map(nok)
    if not ore:
        return whole
    with_ore = st.decimals(low, high, places=2, allow_nan=False, allow_infinity=False).map(nok)
    return whole | with_ore


@functools.cache
def _municipality_numbers(county: str | None = None) -> tuple[str, ...]:
    reg = register(2024)
    if county is None:
        return tuple(k.kommunenummer for k in reg)
    return tuple(k.kommunenummer for k in reg.municipalities_in(county))


@functools.cache
def _county_numbers() -> tuple[str, ...]:
    return tuple(f.fylkesnummer for f in register(2024).counties)


@functools.cache
def kommunenummer(county: str | None = None) -> st.SearchStrategy[str]:
    """A kommunenummer of the 2024 register (of the county ``county``, a fylkesnummer, if given).

    >>> from hypothesis import find
    >>> find(kommunenummer("18"), lambda nr: True)
    '1804'
    """
    return st.sampled_from(_municipality_numbers(county))


@functools.cache
def _near(county: str) -> st.SearchStrategy[str]:
    """A kommunenummer, most often one of ``county``."""
    return kommunenummer(county) | kommunenummer()


@functools.cache
def fylkesnummer() -> st.SearchStrategy[str]:
    """A fylkesnummer of the 15 counties of 2024."""
    return st.sampled_from(_county_numbers())


@functools.cache
def invalid_kommunenummer() -> st.SearchStrategy[str]:
    """Text that is no kommunenummer of 2024 (nor a 2024 fylkesnummer): numbers of 2023 and
    earlier (``"3005"``, ``"5401"``, ``"1507"``), unused numbers, malformed text (``"301"``,
    ``" 1804"``, ``"18O4"``, non-ASCII digits, empty).

    >>> from hypothesis import find
    >>> nr = find(invalid_kommunenummer(), lambda nr: True)
    >>> nr in register(2024)
    False
    """
    from post65.geography import MUNICIPALITY_CHANGES_2024

    taken = set(_municipality_numbers()) | set(_county_numbers())
    old = sorted(nr for nr in MUNICIPALITY_CHANGES_2024 if nr not in taken)
    candidates = st.one_of(
        st.sampled_from(old),
        st.integers(0, 9999).map(lambda n: f"{n:04d}"),
        st.sampled_from(["", "301", "18O4", " 1804", "1804 ", "١٨٠٤", "18-04", "0", "99"]),
        st.text(max_size=6),
    )
    return candidates.filter(lambda nr: nr not in taken)


def _with_check_digit(first: int) -> str | None:
    digits = f"{first:08d}"
    check = organisasjonsnummer_check_digit(digits)
    return None if check is None else digits + str(check)


@functools.cache
def organisasjonsnummer() -> st.SearchStrategy[str]:
    """A valid organisasjonsnummer: nine digits, the last the mod-11 check digit.

    >>> from post65.stateaid import is_organisasjonsnummer
    >>> from hypothesis import find
    >>> is_organisasjonsnummer(find(organisasjonsnummer(), lambda s: True))
    True
    """
    return (
        st.integers(80_000_000, 99_999_999)
        .map(_with_check_digit)
        .filter(lambda s: s is not None)
        .map(lambda s: typing.cast(str, s))
    )


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
# Scheme a measures and the portfolio


@functools.cache
def _dates(first: int = 2015, last: int = 2035) -> st.SearchStrategy[dt.date]:
    return st.dates(dt.date(first, 1, 1), dt.date(last, 12, 31))


def _period(start: dt.date, days: int | None) -> Period:
    return Period(start, None if days is None else start + dt.timedelta(days=days))


_PERIODS = st.builds(_period, _dates(), st.none() | st.integers(0, 2500))


def _tuples(
    elements: st.SearchStrategy[Any], *, min_size: int = 0, max_size: int = 3
) -> st.SearchStrategy[tuple[Any, ...]]:
    return st.lists(elements, min_size=min_size, max_size=max_size).map(tuple)


@functools.cache
def _measure_fields(county: str) -> dict[str, st.SearchStrategy[Any]]:
    knr = _near(county)
    text = texts()
    return {
        "title": text,
        "uses": _tuples(st.sampled_from(Use), max_size=2),
        "owner": st.builds(Organisation, st.sampled_from(OrganisationKind), text),
        "cost": amounts(0, 10**8),
        "period": _PERIODS,
        "description": text,
        "beneficiaries": _tuples(knr | st.just(county), max_size=4),
        "supplier": st.none()
        | st.builds(
            Supplier, text, st.sampled_from(OrganisationKind), st.sampled_from(AssistanceKind)
        ),
        "goals": _tuples(st.builds(GoalContribution, st.integers(1, 4), text), max_size=2),
        "needs": st.none() | st.builds(Needs, text, st.sampled_from(NeedsSource), text),
        "lasting": st.none() | st.builds(Lasting, st.sampled_from(LastingKind), text),
        "sectors": _tuples(st.sampled_from(["plan", "Plan", "helse", "næring", ""]) | text),
        "departments": _tuples(st.sampled_from(["Plan", "Næring", "Kultur"]) | text),
        "partners": _tuples(st.builds(Partner, st.sampled_from(PartnerKind), text)),
        "guidance_capacity": st.none() | st.builds(GuidanceCapacity, text, text, text),
        "plan_processes": _tuples(st.builds(PlanProcess, text, st.none() | knr)),
        "criteria": st.builds(
            Criteria,
            text,
            text,
            _tuples(st.builds(Plan, text, st.sampled_from(PlanAction), st.none() | knr)),
        ),
    }


@functools.cache
def measures(measure_id: str | None = None, county: str = "18") -> st.SearchStrategy[Measure]:
    """Scheme a measures (with the id ``measure_id``, if given) whose numbers all exist in 2024:
    beneficiaries mostly from ``county``'s municipalities, now and then the county itself. Any
    rule may be met or not."""
    ids = st.just(measure_id) if measure_id is not None else _words(max_size=12)
    return st.builds(Measure, id=ids, **_measure_fields(county))


@functools.cache
def _funds_of(
    years: tuple[int, int],
    ids: tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]],
    max_size: int,
) -> st.SearchStrategy[Funds]:
    """Funds ledgers whose commitments and payments of scheme a, b or c name one of that
    scheme's ids in ``ids`` (a, b, c) or none."""
    year = st.integers(*years)
    money = amounts(0, 10**8)
    text = texts()

    def entry(
        cls: type[Commitment] | type[Payment], scheme: SchemeId
    ) -> st.SearchStrategy[Commitment | Payment]:
        known = ids["abc".index(scheme.value)]
        ref = st.none() | st.sampled_from(known) if known else st.none()
        return st.builds(cls, st.just(scheme), year, money, ref, text)

    commitment = st.one_of(*(entry(Commitment, s) for s in SchemeId))
    payment = st.one_of(*(entry(Payment, s) for s in SchemeId))
    scheme = st.sampled_from(SchemeId)
    return st.builds(
        Funds,
        received=_tuples(
            st.builds(Receipt, scheme, year, money, st.none() | _dates(*years)), max_size=max_size
        ),
        commitments=_tuples(commitment, max_size=max_size),
        payments=_tuples(payment, max_size=max_size),
        admin_costs=_tuples(
            st.builds(AdminCost, scheme, year, money, st.sampled_from(AdminCategory), text),
            max_size=max_size,
        ),
    )


@functools.cache
def funds(
    *, years: tuple[int, int] = (2022, 2026), measure_ids: tuple[str, ...] = (), max_size: int = 3
) -> st.SearchStrategy[Funds]:
    """Funds ledgers: receipts, commitments, payments and administration costs (amounts
    non-negative) in ``years``; commitments and payments name one of ``measure_ids`` or none."""
    return _funds_of(years, (measure_ids, measure_ids, measure_ids), max_size)


_YEARS = st.integers(2020, 2030) | st.integers(FIRST_YEAR, LAST_YEAR)
_SPLITS = st.none() | st.builds(
    Split, amounts(0, 10**8), amounts(0, 10**8), amounts(0, 10**8), texts()
)


@functools.cache
def _challenges(county: str) -> st.SearchStrategy[tuple[MunicipalChallenge, ...]]:
    return _tuples(st.builds(MunicipalChallenge, _near(county), texts(), texts()))


@functools.cache
def _scheme_b_measures(county: str) -> st.SearchStrategy[SchemeBMeasure]:
    """Scheme b measures of ``county`` (id ``"b"``: the portfolio gives each its own)."""
    money = amounts(0, 10**8)
    return st.builds(
        SchemeBMeasure,
        id=st.just("b"),
        title=texts(),
        municipalities=_tuples(_near(county), max_size=4),
        granted=money,
        spent=st.none() | money,
        description=texts(),
        contributions=_tuples(
            st.builds(Contribution, st.sampled_from(Criterion), texts()), max_size=2
        ),
    )


@functools.cache
def _scheme_c_measures(county: str) -> st.SearchStrategy[SchemeCMeasure]:
    """Scheme c measures of ``county`` (id ``"c"``: the portfolio gives each its own)."""
    money = amounts(0, 10**8)
    return st.builds(
        SchemeCMeasure,
        id=st.just("c"),
        title=texts(),
        municipalities=_tuples(_near(county), max_size=4),
        granted=money,
        spent=st.none() | money,
        programme=texts(),
        description=texts(),
        contributions=_tuples(st.builds(CContribution, st.sampled_from(CCriterion), texts())),
        jobs_created=st.none() | st.integers(0, 500),
    )


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
        return invalid_documents("portfolio")
    return _portfolios(min_measures, max_measures)


# --------------------------------------------------------------------------------------------
# The yearly report


_PAGE_MODELS = st.builds(
    PageModel,
    width=st.integers(MIN_WIDTH, 10_000),
    lines_per_page=st.integers(MIN_LINES_PER_PAGE, 1_000),
)
"""Any page model (a stored report may declare one outside the option bounds)."""
_OPTION_PAGE_MODELS = st.builds(
    PageModel,
    width=st.integers(*OPTION_BOUNDS["width"]),
    lines_per_page=st.integers(*OPTION_BOUNDS["lines_per_page"]),
)
"""Page models within the option bounds (what ``build_report(model=…)`` takes)."""
_JUDGEMENTS = (
    st.none()
    | texts(max_size=200)
    | st.lists(_words(max_size=80), min_size=1, max_size=4).map("\n\n".join)
)


@st.composite
def _reports(draw: st.DrawFn, min_measures: int, max_measures: int) -> Report:
    portfolio = draw(portfolios(min_measures=min_measures, max_measures=max_measures))
    selection = draw(st.none() | _EXPLICIT)  # a target set besides the documented challenges
    report = build_report(
        portfolio,
        judgement=draw(_JUDGEMENTS),
        selection=selection,
        lang=draw(st.sampled_from(ReportLanguage)),
        model=draw(st.none() | _OPTION_PAGE_MODELS),
    )
    declared = draw(st.none() | _PAGE_MODELS)  # as a stored report may declare any model
    return report if declared is None else attrs.evolve(report, page_model=declared)


@functools.cache
def reports(*, min_measures: int = 0, max_measures: int = 8) -> st.SearchStrategy[Report]:
    """Yearly reports (the ``report`` kind), as :func:`post65.build_report` makes them from
    :func:`portfolios` (``min_measures`` … ``max_measures`` measures of schemes a, b and c):
    with or without the county's judgement, a target set from an explicit selection or none, in
    bokmål or English, rendered in the standard :class:`~post65.PageModel` or another one. Their
    money figures add up and their §2 figures name the report's own measures and municipalities,
    so they load (any rule may be met or not; a long report breaks P65-6.4).

    >>> from hypothesis import given, settings
    >>> import post65
    >>> @settings(max_examples=5, database=None)
    ... @given(reports(min_measures=1, max_measures=3))
    ... def test_reports(report):
    ...     assert 1 <= sum(len(part.measures) for part in report.schemes) <= 3
    ...     assert post65.load(post65.dump(report)) == report
    >>> test_reports()
    """
    return _reports(min_measures, max_measures)


def _scheme_funds(
    opening: Money, received: Money, payments: Money, admin_costs: Money
) -> SchemeFunds:
    closing = kroner(opening) + kroner(received) - kroner(payments) - kroner(admin_costs)
    return SchemeFunds(opening, received, payments, admin_costs, nok(closing))


_SCHEME_FUNDS = st.builds(
    _scheme_funds,
    amounts(-(10**8), 10**8),
    amounts(0, 10**8),
    amounts(0, 10**8),
    amounts(0, 10**7),
)
_REPORT_MEASURES = st.builds(
    ReportMeasure,
    id=_words(max_size=10),
    title=texts(),
    beneficiaries=_tuples(kommunenummer() | fylkesnummer(), max_size=4),
    amount=st.none() | amounts(0, 10**8),
    spent=st.none() | amounts(0, 10**8),
    description=texts(),
    contributions=_tuples(st.builds(ReportContribution, st.sampled_from(ReportCriterion), texts())),
    jobs_created=st.none() | st.integers(0, 500),
    period=st.none() | _PERIODS,
)


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
# Scheme b: calls and applications


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

_SUPPORTS = st.builds(
    Support,
    organisasjonsnummer=organisasjonsnummer(),
    name=texts(),
    amount=amounts(0, 10**7),
    granted=_dates(2018, 2030),
    previous_aid=_tuples(st.builds(Aid, _dates(2015, 2030), amounts(0, 10**7), texts(), texts())),
    eur_nok_rate=st.none() | st.integers(800, 1500).map(lambda n: Decimal(n).scaleb(-2)),
    regime=st.none() | st.sampled_from(Regime),
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
# Scheme c: programmes


def _span(start: dt.date, days: int) -> tuple[dt.date, dt.date]:
    return start, start + dt.timedelta(days=days)


_SPANS = st.builds(_span, _dates(), st.integers(0, 1500))
_PHASES = _tuples(
    st.builds(lambda p, s: PhasePeriod(p, *s), st.sampled_from(Phase), _SPANS), max_size=4
)


def _status(decided: dt.date, by: str, delay: int | None, length: int | None) -> StatusDecision:
    start = None if delay is None else decided + dt.timedelta(days=delay)
    end = None if length is None else (start or decided) + dt.timedelta(days=length)
    return StatusDecision(decided, by, start, end)


_STATUSES = st.none() | st.builds(
    _status, _dates(), _words(), st.none() | st.integers(0, 90), st.none() | st.integers(0, 3000)
)


def _programme_measure(
    measure_id: str, span: tuple[dt.date, dt.date], **fields: Any
) -> ProgrammeMeasure:
    return ProgrammeMeasure(id=measure_id, start=span[0], end=span[1], **fields)


@functools.cache
def _programme_measures(max_measures: int) -> st.SearchStrategy[tuple[ProgrammeMeasure, ...]]:
    measure = st.builds(
        _programme_measure,
        _words(max_size=10),
        _SPANS,
        title=texts(),
        phase=st.sampled_from(Phase),
        contributions=_tuples(st.builds(CContribution, st.sampled_from(CCriterion), texts())),
        jobs_created=st.none() | st.integers(0, 500),
        cost=st.none() | amounts(0, 10**8),
        support=st.none() | _SUPPORTS,
    )
    return st.lists(measure, max_size=max_measures, unique_by=lambda m: m.id).map(tuple)


@functools.cache
def _programmes_of(county: str, max_measures: int) -> st.SearchStrategy[Programme]:
    knr = _near(county)
    return st.builds(
        Programme,
        name=texts(),
        county=st.just(county),
        year=st.integers(2020, 2030),
        area=st.lists(knr, min_size=1, max_size=4, unique=True).map(tuple),
        cost_base=amounts(1, 10**9),
        public_support=amounts(0, 10**9),
        municipal_share=amounts(0, 10**9),
        status=_STATUSES,
        phases=_PHASES,
        measures=_programme_measures(max_measures),
        municipal_share_reason=texts(),
        business_fund=_tuples(
            st.builds(BusinessFundGrant, knr, _dates(), amounts(0, 10**7), texts())
        ),
        description=texts(),
    )


@functools.cache
def programmes(max_measures: int = 4) -> st.SearchStrategy[Programme]:
    """Restructuring programmes (the ``programme`` kind): an area of 1-4 municipalities, a
    status decision or none, phases, measures with unique ids, municipal business funds."""
    return fylkesnummer().flatmap(lambda county: _programmes_of(county, max_measures))


# --------------------------------------------------------------------------------------------
# Every kind, valid and refused


STRATEGIES: dict[str, Callable[[], st.SearchStrategy[Any]]] = {
    "allocation": allocations,
    "application": applications,
    "applications": application_sets,
    "call": calls,
    "portfolio": portfolios,
    "programme": programmes,
    "report": reports,
}
"""Document kind → the strategy of its valid documents (objects that load and round-trip).
A new document kind adds its entry here; the schema, round-trip and fuzz tests iterate over it."""


@functools.cache
def documents(kind: str | None = None) -> st.SearchStrategy[Any]:
    """Valid documents of ``kind`` (any kind in :data:`STRATEGIES` if ``None``)."""
    if kind is not None:
        return STRATEGIES[kind]()
    return st.sampled_from(sorted(STRATEGIES)).flatmap(lambda k: STRATEGIES[k]())


Refusal = Callable[[st.DrawFn, JSON], JSON]
"""A change to a valid document's JSON that makes :func:`post65.load` refuse it."""


# ---- the generic refusals: kind, type, required and unknown fields, malformed strings


_HINTS: dict[type, dict[str, Any]] = {}


def _hints(cls: type) -> dict[str, Any]:
    found = _HINTS.get(cls)
    if found is None:
        found = _HINTS[cls] = typing.get_type_hints(cls)
    return found


def _objects(
    obj: object, path: tuple[str | int, ...] = ()
) -> Iterator[tuple[tuple[Any, ...], Any]]:
    """Every attrs instance in a document with its path (the JSON keys are the field names)."""
    yield path, obj
    for field in attrs.fields(typing.cast(Any, type(obj))):
        value = getattr(obj, field.name)
        if attrs.has(type(value)):
            yield from _objects(value, (*path, field.name))
        elif isinstance(value, tuple):
            for i, item in enumerate(value):
                if attrs.has(type(item)):
                    yield from _objects(item, (*path, field.name, i))


def _json_types(t: Any) -> frozenset[str]:
    """The JSON types the converter may accept for a value of type ``t``."""
    origin = get_origin(t)
    if t is type(None):
        return frozenset({"null"})
    if origin in (Union, types.UnionType):
        return frozenset().union(*(_json_types(a) for a in get_args(t)))
    if t is bool:
        return frozenset({"boolean"})
    if t is int:
        return frozenset({"integer"})
    if t is Decimal or t is str or t is dt.date or origin is Literal:
        return frozenset({"string"})
    if isinstance(t, type) and issubclass(t, enum.Enum):
        return frozenset({"string"})
    if origin is tuple or origin is list:
        return frozenset({"array"})
    if attrs.has(t) or origin in (dict, Mapping):
        return frozenset({"object"})
    return frozenset({"integer", "string"})  # money: pint.Quantity[Decimal]


_VALUES_OF_TYPE: dict[str, st.SearchStrategy[Any]] = {
    "null": st.none(),
    "boolean": st.booleans(),
    "integer": st.integers(),
    "number": st.floats(allow_nan=False, allow_infinity=False).filter(lambda x: not x.is_integer())
    | st.just(1.0),
    "string": st.text(max_size=10),
    "array": st.lists(st.integers() | st.text(max_size=4), max_size=2),
    "object": st.dictionaries(st.text(max_size=4), st.integers(), max_size=2),
}


def _set(data: Any, path: tuple[Any, ...], value: Any) -> Any:
    if not path:
        return value
    head, rest = path[0], path[1:]
    copy = list(data) if isinstance(data, list) else dict(data)
    copy[head] = _set(data[head], rest, value)
    return copy


def _get(data: Any, path: tuple[Any, ...]) -> Any:
    for step in path:
        data = data[step]
    return data


def _structural(draw: st.DrawFn, obj: object, data: JSON) -> JSON:
    how = draw(st.sampled_from(["extra", "missing", "type", "string", "kind", "root"]))
    if how == "kind":
        kinds = {k.name for k in document_kinds()}
        new = draw(
            st.none()
            | st.integers()
            | st.text(max_size=12).filter(lambda s: s not in kinds)
            | st.lists(st.just(data["kind"]), min_size=1, max_size=1)
        )
        if new is None and draw(st.booleans()):
            return {k: v for k, v in data.items() if k != "kind"}
        return {**data, "kind": new}
    if how == "root":
        return typing.cast(JSON, draw(st.sampled_from([[], [data], "", 0, None])))
    path, target = draw(st.sampled_from(list(_objects(obj))))
    fields = attrs.fields(type(target))
    node = _get(data, path)
    if how == "extra":
        key = draw(st.text(min_size=1, max_size=10).filter(lambda k: k not in node))
        return typing.cast(JSON, _set(data, path, {**node, key: draw(_VALUES_OF_TYPE["integer"])}))
    required = [f.name for f in fields if f.default is attrs.NOTHING]
    if how == "missing" and required:
        name = draw(st.sampled_from(required))
        return typing.cast(JSON, _set(data, path, {k: v for k, v in node.items() if k != name}))
    field = draw(st.sampled_from([f.name for f in fields]))
    hint = _hints(type(target))[field]
    if how == "string":
        bad = _bad_strings(hint)
        if bad is not None:
            return typing.cast(JSON, _set(data, (*path, field), draw(bad)))
    wrong = sorted(
        {"null", "boolean", "integer", "number", "string", "array", "object"} - _json_types(hint)
    )
    value = draw(st.sampled_from(wrong).flatmap(lambda t: _VALUES_OF_TYPE[t]))
    return typing.cast(JSON, _set(data, (*path, field), value))


def _bad_strings(t: Any) -> st.SearchStrategy[str] | None:
    """Strings the converter refuses for type ``t`` (None if it takes any string)."""
    if get_origin(t) in (Union, types.UnionType):
        inner = [a for a in get_args(t) if a is not type(None)]
        return _bad_strings(inner[0]) if len(inner) == 1 else None
    if t is dt.date:
        return st.sampled_from(["", "2024-02-30", "01.02.2024", "2024-1-1", "2024-13-01", "i går"])
    if t is Decimal:
        return st.sampled_from(["", "1e5", "0,5", "abc", "NaN", " 1", "1.", "Infinity"])
    if get_origin(t) is Literal:
        allowed = set(get_args(t))
        return st.text(max_size=6).filter(lambda s: s not in allowed)
    if isinstance(t, type) and issubclass(t, enum.Enum):
        values = {m.value for m in t}
        return st.text(max_size=12).filter(lambda s: s not in values)
    if t is str or t is int or t is bool or get_origin(t) in (tuple, list, dict, Mapping):
        return None
    if attrs.has(t):
        return None
    return st.sampled_from(["", "12 personer", "1 250 EUR", "NaN", "kr", "1,2,3", "--5"])  # money


# ---- the refusals of each kind: numbers that do not exist, broken references, bad values


def _bad_number(draw: st.DrawFn, data: JSON, path: tuple[Any, ...]) -> JSON:
    return typing.cast(JSON, _set(data, path, draw(invalid_kommunenummer())))


def _bad_county(draw: st.DrawFn) -> str:
    taken = set(_county_numbers())
    return draw(
        st.sampled_from(["30", "38", "54", "99", "0", "1", "018", " 18"])
        | st.text(max_size=3).filter(lambda s: s not in taken)
    )


def _with_a_measure(draw: st.DrawFn, data: JSON) -> JSON:
    if data["measures"]:
        return data
    measure = draw(measures("m0", data["county"]))
    return {**data, "measures": [_to_json_value(measure)]}


def _to_json_value(obj: object) -> Any:
    """The JSON value of any part of a document (the converter's unstructured form)."""
    from post65.io import converter

    return json.loads(json.dumps(converter.unstructure(obj), ensure_ascii=False))


def _portfolio_refusal(draw: st.DrawFn, data: JSON) -> JSON:
    how = draw(
        st.sampled_from(["county", "year", "challenge", "beneficiary", "duplicate", "reference"])
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


_SCHEME_FIELDS = {"b_measures": "b", "c_measures": "c"}


def _measure_ids(data: JSON) -> set[str]:
    return {m["id"] for field in ("measures", *_SCHEME_FIELDS) for m in data[field]}


def _scheme_measures(field: str, county: str) -> st.SearchStrategy[SchemeBMeasure | SchemeCMeasure]:
    if field == "b_measures":
        return _scheme_b_measures(county)
    return _scheme_c_measures(county)


def _put(data: JSON, path: tuple[Any, ...], value: Any) -> JSON:
    """``data`` with the value at ``path`` replaced (a copy; ``data`` is left as it is)."""
    return typing.cast(JSON, _set(data, path, value))


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


_REPORT_FAULTS = (
    "county",
    "year",
    "disposed",
    "page_model",
    "funds",
    "negative",
    "beneficiary",
    "duplicate",
    "jobs",
    "section2_municipality",
    "section2_target",
    "section2_measure",
    "plan_municipality",
)


def _report_measures(data: JSON) -> list[tuple[int, int]]:
    """(scheme index, measure index) of every measure in a report's JSON."""
    return [(i, j) for i, part in enumerate(data["schemes"]) for j in range(len(part["measures"]))]


def _with_report_measure(draw: st.DrawFn, data: JSON) -> JSON:
    """``data`` with at least one measure (in a scheme it has, or in a new part for scheme a)."""
    if _report_measures(data):
        return data
    measure = _to_json_value(draw(_REPORT_MEASURES))
    if not data["schemes"]:
        part = _to_json_value(ReportScheme(SchemeId.A))
        return {**data, "schemes": [{**part, "measures": [measure]}]}
    i = draw(st.integers(0, len(data["schemes"]) - 1))
    return _put(data, ("schemes", i, "measures"), [measure])


def _scheme_a_ids(data: JSON) -> set[str]:
    return {m["id"] for part in data["schemes"] if part["scheme"] == "a" for m in part["measures"]}


def _negative_amount(draw: st.DrawFn) -> str:
    return str(-draw(st.integers(1, 10**9)))


def _report_refusal(draw: st.DrawFn, data: JSON) -> JSON:
    """Faults only a report has: money figures that do not add up, negative amounts, §2 figures
    naming measures or municipalities the report does not have, a page model out of range,
    besides unknown numbers, a year out of range and a measure id used twice."""
    how = draw(st.sampled_from(_REPORT_FAULTS))
    if how == "county":
        return {**data, "county": _bad_county(draw)}
    if how == "year":
        return {
            **data,
            "year": draw(st.integers(max_value=FIRST_YEAR - 1) | st.integers(LAST_YEAR + 1)),
        }
    if how == "disposed":
        return {**data, "disposed": _negative_amount(draw)}
    if how == "page_model":
        name, low = draw(
            st.sampled_from([("width", MIN_WIDTH), ("lines_per_page", MIN_LINES_PER_PAGE)])
        )
        return _put(data, ("page_model", name), draw(st.integers(max_value=low - 1)))
    if how == "funds":
        parts = [i for i, part in enumerate(data["schemes"]) if part["funds"] is not None]
        if not parts:
            data = _with_report_measure(draw, data)  # there is a part to give funds
            parts = [0]
            data = _set(data, ("schemes", 0, "funds"), _to_json_value(draw(_SCHEME_FUNDS)))
        i = draw(st.sampled_from(parts))
        name = draw(st.sampled_from(["opening", "received", "payments", "admin_costs", "closing"]))
        old = Decimal(data["schemes"][i]["funds"][name])
        off = draw(st.integers(1, 10**6).map(Decimal) | st.just(Decimal("0.01")))
        return _put(data, ("schemes", i, "funds", name), format(old + off, "f"))
    if how == "section2_municipality":
        field = draw(st.sampled_from(["municipalities", "target_group"]))
        numbers = [*data["section2"][field], draw(invalid_kommunenummer())]
        return _put(data, ("section2", field), numbers)
    if how == "section2_target":
        benefited = set(data["section2"]["municipalities"])
        outside = draw(kommunenummer().filter(lambda nr: nr not in benefited))
        return _put(
            data, ("section2", "target_group"), [*data["section2"]["target_group"], outside]
        )
    if how == "section2_measure":
        known = _scheme_a_ids(data)
        unknown = draw(st.text(max_size=8).filter(lambda s: s not in known))
        field = draw(st.sampled_from(["plans", "new_ways", "planning"]))
        entry: Any = unknown
        if field == "plans":
            entry = _to_json_value(ReportPlan(unknown, draw(texts()), PlanAction.DEVELOPED))
        return _put(data, ("section2", field), [*data["section2"][field], entry])
    if how == "plan_municipality":
        ids = sorted(_scheme_a_ids(data)) or ["m0"]
        plan = ReportPlan(
            draw(st.sampled_from(ids)),
            draw(texts()),
            draw(st.sampled_from(PlanAction)),
            draw(invalid_kommunenummer()),
        )
        return _put(data, ("section2", "plans"), [*data["section2"]["plans"], _to_json_value(plan)])
    data = _with_report_measure(draw, data)
    if how == "negative":
        funded = [i for i, part in enumerate(data["schemes"]) if part["funds"] is not None]
        in_funds = draw(st.booleans())
        if funded and in_funds:
            i = draw(st.sampled_from(funded))
            name = draw(st.sampled_from(["received", "payments", "admin_costs"]))
            return _put(data, ("schemes", i, "funds", name), _negative_amount(draw))
    i, j = draw(st.sampled_from(_report_measures(data)))
    measure = data["schemes"][i]["measures"][j]
    if how == "negative":
        name = draw(st.sampled_from(["amount", "spent"]))
        return _put(data, ("schemes", i, "measures", j, name), _negative_amount(draw))
    if how == "beneficiary":
        numbers = [*measure["beneficiaries"], draw(invalid_kommunenummer())]
        return _put(data, ("schemes", i, "measures", j, "beneficiaries"), numbers)
    if how == "jobs":
        jobs = -draw(st.integers(1, 500))
        return _put(data, ("schemes", i, "measures", j, "jobs_created"), jobs)
    k = draw(st.integers(0, len(data["schemes"]) - 1))  # duplicate: the same id in any scheme
    twin = {**_to_json_value(draw(_REPORT_MEASURES)), "id": measure["id"]}
    return _put(data, ("schemes", k, "measures"), [*data["schemes"][k]["measures"], twin])


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


def _programme_refusal(draw: st.DrawFn, data: JSON) -> JSON:
    how = draw(
        st.sampled_from(
            [
                "county",
                "area",
                "empty",
                "duplicate",
                "cost",
                "negative",
                "status",
                "measure",
                "fund",
            ]
        )
    )
    if how == "county":
        return {**data, "county": _bad_county(draw)}
    if how == "area":
        return _bad_number(draw, data, ("area", 0))
    if how == "empty":
        return {**data, "area": []}
    if how == "duplicate":
        return {**data, "area": [*data["area"], data["area"][0]]}
    if how == "cost":
        return {**data, "cost_base": draw(st.sampled_from(["0", "-100", 0]))}
    if how == "negative":
        name = draw(st.sampled_from(["public_support", "municipal_share"]))
        return {**data, name: str(-draw(st.integers(1, 10**6)))}
    if how == "status":
        status = {"decided": "2024-01-01", "decided_by": draw(st.sampled_from(["", "  "]))}
        return {**data, "status": status}
    if how == "measure":
        measure = {
            "id": "x",
            "title": "",
            "phase": "avklaring",
            "start": "2024-05-02",
            "end": "2024-05-01",
        }
        return {**data, "measures": [*data["measures"], measure]}
    grant = {"kommunenummer": draw(invalid_kommunenummer()), "granted": "2024-01-01", "amount": 1}
    return {**data, "business_fund": [*data["business_fund"], grant]}


REFUSALS: dict[str, tuple[Refusal, ...]] = {
    "allocation": (_allocation_refusal,),
    "application": (_application_refusal,),
    "applications": (_applications_refusal,),
    "call": (_call_refusal,),
    "portfolio": (_portfolio_refusal, _portfolio_scheme_refusal),
    "programme": (_programme_refusal,),
    "report": (_report_refusal,),
}
"""Document kind → changes that make a valid document of that kind unusable for reasons only
that kind knows (numbers that do not exist, broken references, values out of range). The
generic refusals of :func:`invalid_documents` apply to every kind besides."""


@st.composite
def _invalid(draw: st.DrawFn, kind: str) -> JSON:
    obj = draw(STRATEGIES[kind]())
    data = to_json(obj)
    own = REFUSALS.get(kind, ())
    kind_specific = draw(st.booleans())
    if own and kind_specific:
        return draw(st.sampled_from(own))(draw, data)
    return _structural(draw, obj, data)


@functools.cache
def invalid_documents(kind: str | None = None) -> st.SearchStrategy[JSON]:
    """JSON objects (as :func:`json.loads` gives them) that :func:`post65.load` refuses with
    :class:`~post65.errors.InvalidDocument` (``post65 check`` exits 2): a valid document of
    ``kind`` (any kind if ``None``) with one thing broken. Either a generic fault (the kind
    missing, unknown or not a string; the document not an object; an unknown field; a required
    field missing; a value of the wrong JSON type, a float for money among them; a date, decimal,
    enum value or amount that does not parse), or one of the kind's own :data:`REFUSALS`."""
    if kind is not None:
        return _invalid(kind)
    return st.sampled_from(sorted(STRATEGIES)).flatmap(_invalid)


# --------------------------------------------------------------------------------------------
# The strategies registered with Hypothesis (post65._hypothesis)


def _organisasjonsnummer_objects() -> st.SearchStrategy[Any]:
    from post65.stateaid import Organisasjonsnummer

    return organisasjonsnummer().map(Organisasjonsnummer)


def _registers() -> st.SearchStrategy[Any]:
    from post65.stateaid import DeMinimisRegister

    return st.builds(
        DeMinimisRegister,
        organisasjonsnummer(),
        _tuples(st.builds(Aid, _dates(2015, 2030), amounts(0, 10**7), texts(), texts())),
    )


def _with_own_id(
    strategy: st.SearchStrategy[SchemeBMeasure | SchemeCMeasure],
) -> st.SearchStrategy[SchemeBMeasure | SchemeCMeasure]:
    return st.builds(lambda m, i: attrs.evolve(m, id=i), strategy, _words(max_size=10))


@functools.cache
def _type_strategies() -> dict[type, st.SearchStrategy[Any]]:
    from post65.geography import Fylke, Kommune
    from post65.stateaid import DeMinimisRegister, Organisasjonsnummer

    reg = register(2024)
    money = amounts(0, 10**8)
    return {
        Allocation: allocations(),
        Explicit: _EXPLICIT,
        Lowest: st.integers(1, len(reg)).map(Lowest),
        MaxScore: _SCORES.map(MaxScore),
        PopulationShare: st.integers(1, 10_000).map(lambda n: PopulationShare(Decimal(n) / 100)),
        Call: calls(),
        DistrictIndex: district_indexes(),
        AdminCost: st.builds(
            AdminCost,
            st.sampled_from(SchemeId),
            st.integers(2020, 2030),
            money,
            st.sampled_from(AdminCategory),
            texts(),
        ),
        Commitment: st.builds(
            Commitment,
            st.sampled_from(SchemeId),
            st.integers(2020, 2030),
            money,
            st.none(),
            texts(),
        ),
        Funds: funds(),
        Payment: st.builds(
            Payment, st.sampled_from(SchemeId), st.integers(2020, 2030), money, st.none(), texts()
        ),
        Receipt: st.builds(
            Receipt, st.sampled_from(SchemeId), st.integers(2020, 2030), money, st.none() | _dates()
        ),
        Split: st.builds(Split, money, money, money, texts()),
        Fylke: st.sampled_from(reg.counties),
        Kommune: st.sampled_from(tuple(reg)),
        Measure: measures(),
        Period: _PERIODS,
        MunicipalChallenge: st.builds(MunicipalChallenge, kommunenummer(), texts(), texts()),
        Portfolio: portfolios(),
        Application: applications(),
        Applications: application_sets(),
        Programme: programmes(),
        DeMinimisRegister: _registers(),
        Organisasjonsnummer: _organisasjonsnummer_objects(),
        Support: _SUPPORTS,
        SchemeBMeasure: _with_own_id(fylkesnummer().flatmap(_scheme_b_measures)),
        SchemeCMeasure: _with_own_id(fylkesnummer().flatmap(_scheme_c_measures)),
        Report: reports(),
        ReportMeasure: _REPORT_MEASURES,
        SchemeFunds: _SCHEME_FUNDS,
        PageModel: _PAGE_MODELS,
    }


def for_type(cls: type) -> st.SearchStrategy[Any]:
    """The strategy post65 registers with Hypothesis for its class ``cls``
    (``st.from_type(cls)`` gives it once Hypothesis has loaded the ``hypothesis`` entry point).

    :raises KeyError: for a class post65 registers no strategy for.
    """
    return _type_strategies()[cls]
