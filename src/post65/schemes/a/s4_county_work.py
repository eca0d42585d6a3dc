"""§4 Hva kan midlene brukes til: how the county works, and help over time (rules A-4.9, A-4.10,
A-4.11).

«Fylkeskommunene har ansvar for arbeidet i eget fylke i dialog med kommuner med behov for
bistand og veiledning. Fylkeskommunene skal gi ekstra bistand og veiledning over tid til
distriktskommuner med særlige utfordringer med strategisk utviklingsarbeid. Både fag- og
prosessbistand, prosjekt og målretta tiltak er aktuelt. Flere avdelinger og seksjoner i
fylkeskommunen bør samordne seg og samarbeide om dette arbeidet, slik at kommunene får
helhetlig og godt koordinert veiledning. Fylkeskommunen skal invitere med aktører som
Statsforvalteren, Distriktssenteret, andre statlige etater og virkemiddelaktører der det er
hensiktsmessig. Veiledning og bistand kan blant annet bli knyttet til plan- og
strategiprosesser i kommunene.»

The three rules judge the portfolio (subject ``""``), each giving one finding; they rest on what
the county states (departments, partners, the measures' beneficiaries and periods) and say so.

A-4.11 reads «over tid» as the continuity of help to each municipality the measures help, not
the length of one measure: :func:`continuity` gathers, for every kommunenummer named as a
beneficiary, the measures that name it (of any use: «Både fag- og prosessbistand, prosjekt og
målretta tiltak er aktuelt»), their periods, the unbroken stretches they make together (a
measure that starts the day after another ends continues it), the gaps between them and the
calendar years they cover. A measure without an end date is counted to the end of the
portfolio's year. The regulation gives no length, so ``a.guidance_min_months`` has no default:
without it the rule is ``undetermined``, naming the parameter and still showing the continuity;
with it, a municipality whose longest unbroken stretch is shorter is ``not_met`` (advice). The
subject is the portfolio, and its message and values list every municipality (the values in
full, the message the first few).

>>> import datetime as dt
>>> from post65.io import load
>>> p = load('''{"kind": "portfolio", "county": "18", "year": 2024, "measures": [
...   {"id": "m1", "title": "Planverksted", "uses": ["iv"], "cost": 1,
...    "owner": {"kind": "county", "name": "Nordland fylkeskommune"},
...    "period": {"start": "2024-01-01", "end": "2024-06-30"}, "beneficiaries": ["1835"]},
...   {"id": "m2", "title": "Prosessleder", "uses": ["ii"], "cost": 1,
...    "owner": {"kind": "county", "name": "Nordland fylkeskommune"},
...    "period": {"start": "2024-07-01", "end": "2025-06-30"}, "beneficiaries": ["1835"]}]}''')
>>> (c,) = continuity(p)
>>> c.measures, c.longest.months, len(c.gaps)
(('m1', 'm2'), 18, 0)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from decimal import Decimal
from typing import Final, NamedTuple

import attrs

from post65.law import Alternative, Interpretation
from post65.measures import PartnerKind, Use, months_between
from post65.portfolio import Portfolio
from post65.rulebook import Context, Result, Rule, Severity, _new, rule
from post65.schemes import verdict
from post65.schemes.a._common import KINDS, cite, distinct, label, listing, msg, semicolons
from post65.text import Message

__all__ = ["RULES", "Continuity", "Stretch", "a_4_9", "a_4_10", "a_4_11", "continuity"]

READING: Final = "reading.a-4.11"
"""Selects A-4.11's reading: ``continuity`` (default), ``span`` or ``duration``."""
MINIMUM: Final = "a.guidance_min_months"
"""The parameter A-4.11 judges against; no default (the regulation gives no length)."""

_DAY = dt.timedelta(days=1)


class Stretch(NamedTuple):
    """Days from ``start`` to ``end``, both included (a named tuple: a check of 10 000 measures
    makes tens of thousands of them)."""

    start: dt.date
    end: dt.date

    @property
    def months(self) -> int:
        """Whole months from start to end, both days included."""
        return months_between(self.start, self.end)

    def __str__(self) -> str:
        return f"{self.start.isoformat()}/{self.end.isoformat()}"


@attrs.frozen
class Continuity:
    """The help one municipality gets across the measures that name it as a beneficiary.

    ``measures`` and ``periods`` are in order of start (a measure without an end date counted to
    the end of the portfolio's year, its id also in ``open_ended``); ``stretches`` are the
    periods joined where they overlap or one starts the day after another ends.
    """

    kommunenummer: str
    measures: tuple[str, ...]
    periods: tuple[Stretch, ...]
    open_ended: tuple[str, ...]
    stretches: tuple[Stretch, ...]

    @property
    def span(self) -> Stretch:
        """From the first start to the last end, gaps included."""
        return Stretch(self.stretches[0].start, self.stretches[-1].end)

    @property
    def longest(self) -> Stretch:
        """The longest unbroken stretch (the earliest of equally long ones)."""
        return max(self.stretches, key=lambda s: (s.months, -s.start.toordinal()))

    @property
    def gaps(self) -> tuple[Stretch, ...]:
        """The days without help between one stretch and the next."""
        pairs = zip(self.stretches, self.stretches[1:], strict=False)
        return tuple(Stretch(a.end + _DAY, b.start - _DAY) for a, b in pairs)

    @property
    def years(self) -> str:
        """The calendar years the stretches cover, ``2023–2025, 2027``."""
        runs: list[list[int]] = []
        for s in self.stretches:
            if runs and s.start.year <= runs[-1][1] + 1:
                runs[-1][1] = max(runs[-1][1], s.end.year)
            else:
                runs.append([s.start.year, s.end.year])
        return ", ".join(str(a) if a == b else f"{a}–{b}" for a, b in runs)


def _year_end(year: int) -> dt.date:
    # a portfolio built in code may have any int as its year; a date needs 1–9999
    return dt.date(min(max(year, dt.MINYEAR), dt.MAXYEAR), 12, 31)


def _stretches(periods: list[Stretch]) -> tuple[Stretch, ...]:
    """The periods (in order of start) joined where they overlap or one starts the day after
    another ends."""
    if not periods:
        return ()
    joined: list[Stretch] = []
    first, last = periods[0]
    for start, end in periods[1:]:
        if (start - last).days <= 1:
            if end > last:
                last = end
        else:
            joined.append(_new(Stretch, (first, last)))
            first, last = start, end
    joined.append(_new(Stretch, (first, last)))
    return tuple(joined)


def _until(start: dt.date, end: dt.date | None, year_end: dt.date) -> dt.date:
    """A measure's last day: its end, or without one the end of the portfolio's year (its own
    start, if that is later)."""
    return (start if start > year_end else year_end) if end is None else end


def continuity(portfolio: Portfolio) -> tuple[Continuity, ...]:
    """The continuity of help to every municipality the portfolio's measures name as a
    beneficiary, in order of kommunenummer."""
    year_end = _year_end(portfolio.year)
    # (start, end, id, position in the document, open-ended, its period): tuples sort by date,
    # and the id settles ties, so the order of the measures in the document does not matter
    # (the position is unique: the period is never compared). A measure's period is made
    # once, shared by every municipality it helps.
    # The measures are sorted once, and each municipality's list is filled in that order.
    Item = tuple[dt.date, dt.date, str, int, bool, Stretch, tuple[str, ...]]
    every: list[Item] = []
    for position, m in enumerate(portfolio.measures):
        # the beneficiaries as they are: those that are not kommunenumre (Measure.municipalities
        # keeps the 4-character ones) are passed over below, without a list made per measure
        numbers = m.beneficiaries
        if numbers:
            period = m.period
            start, end = period.start, period.end
            until = _until(start, end, year_end)
            stretch = _new(Stretch, (start, until))
            every.append((start, until, m.id, position, end is None, stretch, numbers))
    every.sort()
    helped: dict[str, list[Item]] = {}
    for item in every:
        numbers = item[6]
        for nr in dict.fromkeys(numbers) if len(numbers) > 1 else numbers:
            if len(nr) != 4:  # a fylkesnummer (use iii): no municipality's help
                continue
            found = helped.get(nr)
            if found is None:
                helped[nr] = [item]
            else:
                found.append(item)
    out = []
    for nr in sorted(helped):
        items = helped[nr]
        periods = [i[5] for i in items]
        out.append(
            Continuity(
                kommunenummer=nr,
                measures=tuple([i[2] for i in items]),
                periods=tuple(periods),
                open_ended=tuple([i[2] for i in items if i[4]]),
                stretches=_stretches(periods),
            )
        )
    return tuple(out)


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
    """The measures together involve at least two of the county's departments or sections (as
    the county states)."""
    departments = distinct(d for m in doc.measures for d in m.departments)
    values = {"departments": ", ".join(departments)}
    if len(departments) >= 2:
        met = msg("a.4-9.met", n=len(departments), departments=listing(departments))
        yield verdict.result("", verdict.MET, met, values)
    elif departments:
        yield verdict.result(
            "", verdict.NOT_MET, msg("a.4-9.one", department=departments[0]), values
        )
    else:
        yield verdict.result("", verdict.NOT_MET, msg("a.4-9.none"), values)


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
        yield verdict.result("", verdict.MET, met, values)
    else:
        yield verdict.result("", verdict.NOT_MET, msg("a.4-10.not_met"), values)


def _shown(c: Continuity, ctx: Context, year_end: dt.date) -> Message:
    """One municipality's continuity in a message."""
    longest = c.longest
    item = msg(
        "a.4-11.municipality",
        municipality=label(ctx.register, c.kommunenummer),
        months=longest.months,
        start=longest.start,
        end=longest.end,
        n=len(c.measures),
        span=c.span.months,
        gaps=len(c.gaps),
    )
    return msg("a.4-11.open_ended", item=item, end=year_end) if c.open_ended else item


def _values(helped: tuple[Continuity, ...], minimum: Decimal | None) -> Mapping[str, str]:
    values = {
        "municipalities": ", ".join(c.kommunenummer for c in helped),
        "minimum": "" if minimum is None else str(minimum),
    }
    # A measure's period is shown once for each municipality it helps: each distinct period
    # written once (a check of 1 000 measures lists about 2 800 periods, 1 000 of them distinct).
    written = {s: str(s) for s in dict.fromkeys(s for c in helped for s in c.periods)}
    for c in helped:
        nr = c.kommunenummer
        span, longest = c.span, c.longest
        values |= {
            f"{nr}.measures": ", ".join(c.measures),
            f"{nr}.periods": ", ".join([written[s] for s in c.periods]),
            f"{nr}.open_ended": ", ".join(c.open_ended),
            f"{nr}.span": str(span),
            f"{nr}.span_months": str(span.months),
            f"{nr}.longest": str(longest),
            f"{nr}.longest_months": str(longest.months),
            f"{nr}.gaps": ", ".join(map(str, c.gaps)),
            f"{nr}.years": c.years,
        }
    return values


def _listed(shown: list[Message]) -> Message:
    """The first few municipalities, separated by ``;``, then how many more."""
    return semicolons([m for m in listing(shown) if isinstance(m, Message)])


@rule(
    "A-4.11",
    scheme="a",
    severity=Severity.ADVICE,
    subject="portfolio",
    kinds=KINDS,
    title=msg("a.4-11.title"),
    citation=cite(
        "4",
        "Fylkeskommunene skal gi ekstra bistand og veiledning over tid til distriktskommuner med "
        "særlige utfordringer med strategisk utviklingsarbeid",
    ),
    interpretations=(
        Interpretation.library(
            "continuity",
            msg("interp.a-4.11.continuity"),
            Alternative("span", msg("interp.a-4.11.continuity.alt.span")),
            Alternative("duration", msg("interp.a-4.11.continuity.alt.duration")),
        ).selected_by(READING),
        Interpretation.library("open_to_year_end", msg("interp.a-4.11.open_to_year_end")),
    ),
)
def a_4_11(doc: Portfolio, ctx: Context) -> Iterator[Result]:
    """Help over time to each municipality the measures help: its continuity computed and shown;
    judged against ``a.guidance_min_months`` only when the caller sets it (no default), else
    ``undetermined`` naming the parameter.

    ``reading.a-4.11`` selects what is judged: the longest unbroken stretch (``continuity``, the
    default), the span from the first start to the last end, gaps included (``span``), or each
    use iv measure's own length (``duration``, the measures in order of start; ``not_applicable``
    without a use iv measure)."""
    helped = continuity(doc)
    if not helped:
        yield verdict.result("", verdict.NOT_APPLICABLE, msg("a.4-11.no_municipality"))
        return
    reading = ctx.reading(READING)
    minimum = ctx.param(MINIMUM)
    values = {**_values(helped, minimum), "reading": reading}
    year_end = _year_end(doc.year)
    if reading == "duration":
        yield _duration(doc, minimum, values, year_end)
        return
    if minimum is None:
        items = _listed([_shown(c, ctx, year_end) for c in helped])
        text = msg("a.4-11.no_parameter", n=len(helped), items=items)
        yield verdict.result("", verdict.UNDETERMINED, text, values)
        return
    span = reading == "span"
    short = [c for c in helped if (c.span if span else c.longest).months < minimum]
    if not short:
        items = _listed([_shown(c, ctx, year_end) for c in helped])
        n = len(helped)
        met = (
            msg("a.4-11.span.met", n=n, minimum=minimum, items=items)
            if span
            else msg("a.4-11.met", n=n, minimum=minimum, items=items)
        )
        yield verdict.result("", verdict.MET, met, values)
        return
    items = _listed([_shown(c, ctx, year_end) for c in short])
    args = {"short": len(short), "n": len(helped), "minimum": minimum, "items": items}
    not_met = msg("a.4-11.span.not_met", **args) if span else msg("a.4-11.not_met", **args)
    yield verdict.result("", verdict.NOT_MET, not_met, values)


def _duration(
    doc: Portfolio, minimum: Decimal | None, values: Mapping[str, str], year_end: dt.date
) -> Result:
    """Reading ``duration``: each use iv measure by itself lasts at least ``minimum`` months
    (a measure without an end date counted to the end of the portfolio's year)."""
    lengths = {
        m.id: Stretch(m.period.start, _until(m.period.start, m.period.end, year_end)).months
        for m in sorted(doc.measures, key=lambda m: (m.period.start, m.id))
        if Use.IV in m.uses
    }
    values = {**values, "use_iv_measures": ", ".join(lengths)}
    if not lengths:
        return verdict.result("", verdict.NOT_APPLICABLE, msg("a.4-11.duration.no_use_iv"), values)
    items = listing(msg("a.4-11.duration.measure", id=i, months=n) for i, n in lengths.items())
    if minimum is None:
        text = msg("a.4-11.duration.no_parameter", n=len(lengths), items=items)
        return verdict.result("", verdict.UNDETERMINED, text, values)
    short = {i: n for i, n in lengths.items() if n < minimum}
    values = {**values, "short_measures": ", ".join(short)}
    if not short:
        met = msg("a.4-11.duration.met", n=len(lengths), minimum=minimum, items=items)
        return verdict.result("", verdict.MET, met, values)
    items = listing(msg("a.4-11.duration.measure", id=i, months=n) for i, n in short.items())
    args = {"short": len(short), "n": len(lengths), "minimum": minimum, "items": items}
    return verdict.result("", verdict.NOT_MET, msg("a.4-11.duration.not_met", **args), values)


RULES: tuple[Rule, ...] = (a_4_9, a_4_10, a_4_11)
"""The rules of §4 on how the county works and on help over time, in the order of the law."""
