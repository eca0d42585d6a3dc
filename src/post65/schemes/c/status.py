"""C-1: restructuring status, decided by the competent authority, and a period of at most six
years holding the programme.

Sources (verbatim in the saved pages): Innovasjon Norge, «Hvem får omstillingsstatus?»:
«Kommuner med omstillingsstatus får overført ekstraordinære midler fra fylkeskommunen over en
periode på inntil seks år.» (the longest period is the parameter ``c.status_max_years``), and its
page on the avklaring phase: «Det er resultatene fra konsekvensanalysen og søknaden fra kommunen
som er grunnlaget for fylkeskommunens søknad til KMD om omstillingsmidler for området.» So the
avklaring phase may run before the status decision (``reading.c-1.avklaring``).

Who decides status, the county or the ministry, the saved sources do not agree on (Finnmark
fylkeskommune: «Fylkeskommunen avgjør hvem som får denne statusen», and on the same page
«Kommunal- og distriktsdepartementet avgjør på bakgrunn av en søknad fra fylkeskommunen om
omstillingsstatus innvilges eller ikke»): the reading ``reading.c-1.authority`` selects
:class:`StatusAuthority` ``county`` (the default) or ``kdd``.

>>> authority("Innlandet fylkeskommune"), authority("KDD"), authority("kommunestyret")
(<StatusAuthority.COUNTY: 'county'>, <StatusAuthority.KDD: 'kdd'>, None)
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterator
from decimal import Decimal

from post65.dates import add_years, day_before
from post65.law import Alternative, Citation, Interpretation, normalise
from post65.programme import KINDS, Phase, Programme, StatusDecision, status_period
from post65.rulebook import Context, Result, Rule, Severity, rule
from post65.schemes import verdict
from post65.schemes._joined import joined
from post65.text import Message, msg

__all__ = [
    "AUTHORITY_READING",
    "AVKLARING_READING",
    "RULES",
    "STATUS_MAX_YEARS",
    "StatusAuthority",
    "authority",
    "c_1",
]

STATUS_MAX_YEARS = "c.status_max_years"
AUTHORITY_READING = "reading.c-1.authority"
AVKLARING_READING = "reading.c-1.avklaring"


class StatusAuthority(enum.StrEnum):
    """Who decides restructuring status (the sources disagree: see C-1)."""

    COUNTY = "county"
    """The county (fylkeskommunen)."""
    KDD = "kdd"
    """The ministry, Kommunal- og distriktsdepartementet (KMD before 2022)."""


_MINISTRY = frozenset(
    {
        "kdd",
        "kmd",
        "departementet",
        "kommunal- og distriktsdepartementet",
        "kommunal- og moderniseringsdepartementet",
    }
)
_COUNTY_ENDINGS = ("fylkeskommune", "fylkeskommunen", "fylkeskommuna")


def authority(decided_by: str) -> StatusAuthority | None:
    """The authority ``decided_by`` names: ``kdd`` or ``county``, or their Norwegian names
    (KDD, KMD, Kommunal- og distriktsdepartementet; fylkeskommunen, "Innlandet fylkeskommune");
    None for anything else."""
    name = normalise(decided_by).lower()
    if name in _MINISTRY:
        return StatusAuthority.KDD
    if name == "county" or name.endswith(_COUNTY_ENDINGS):
        return StatusAuthority.COUNTY
    return None


def _failures(
    p: Programme, start: dt.date, end: dt.date, max_years: Decimal, avklaring_before: bool
) -> list[Message]:
    """What lies outside the period (the avklaring phase may start before it where the reading
    allows), and a period longer than allowed."""
    failures: list[Message] = []
    latest = day_before(add_years(start, int(max_years)))
    if end > latest:
        failures.append(
            msg("c.1.too_long", start=start, end=end, max_years=max_years, latest=latest)
        )

    def early(phase: Phase, first: dt.date) -> bool:
        return first < start and not (avklaring_before and phase is Phase.AVKLARING)

    outside = [m.id for m in p.measures if early(m.phase, m.start) or m.end > end]
    if outside:
        failures.append(msg("c.1.measures_outside", ids=outside))
    phases_outside = [ph.phase for ph in p.phases if early(ph.phase, ph.start) or ph.end > end]
    if phases_outside:
        failures.append(msg("c.1.phases_outside", phases=phases_outside))
    return failures


def _met(
    p: Programme, status: StatusDecision, start: dt.date, end: dt.date, avklaring_before: bool
) -> Message:
    """The finding when everything holds: what the county states, and an avklaring phase that
    ran before the decision."""
    stated = {"decided": status.decided, "decided_by": status.decided_by, "start": start}
    before = [ph for ph in p.phases if ph.phase is Phase.AVKLARING and ph.start < start]
    if avklaring_before and before:
        ph = before[0]  # not «every phase» inside the period: this one ran before it
        met = msg("c.1.met_avklaring_before", **stated, end=end)
        return joined([met, msg("c.1.avklaring_before", start=ph.start, end=ph.end)])
    return msg("c.1.met", **stated, end=end)


@rule(
    "C-1",
    scheme="c",
    severity=Severity.ERROR,
    subject="programme",
    kinds=KINDS,
    title=msg("c.1.title"),
    citation=Citation(
        "innovasjon-norge",
        "Hvem får omstillingsstatus?",
        "Kommuner med omstillingsstatus får overført ekstraordinære midler fra fylkeskommunen "
        "over en periode på inntil seks år.",
    ),
    interpretations=(
        Interpretation.practice(
            "scope", msg("interp.c-1.scope"), "regjeringen-omstillingsforskrift"
        ),
        Interpretation.practice(
            "county",
            msg("interp.c-1.county"),
            "finnmark-omstilling",
            Alternative("kdd", msg("interp.c-1.county.alt.kdd")),
        ).selected_by(AUTHORITY_READING),
        Interpretation.practice("period", msg("interp.c-1.period"), "innovasjon-norge"),
        Interpretation.practice(
            "avklaring_before",
            msg("interp.c-1.avklaring_before"),
            "innovasjon-norge",
            Alternative(
                "avklaring_inside", msg("interp.c-1.avklaring_before.alt.avklaring_inside")
            ),
        ).selected_by(AVKLARING_READING),
    ),
)
def c_1(document: object, ctx: Context) -> Iterator[Result]:
    """Status with a decision by the authority ``reading.c-1.authority`` selects; a period of
    at most ``c.status_max_years``; every phase and measure inside it, except that the avklaring
    phase may start before it (``reading.c-1.avklaring``)."""
    if not isinstance(document, Programme):
        return
    if document.status is None:
        yield verdict.result("", verdict.NOT_MET, msg("c.1.no_status"))
        return
    status = document.status
    max_years = ctx.param(STATUS_MAX_YEARS)
    start, end, computed = status_period(status, max_years)
    who, expected = authority(status.decided_by), StatusAuthority(ctx.reading(AUTHORITY_READING))
    values = {
        "decided": status.decided.isoformat(),
        "decided_by": status.decided_by,
        "authority": "" if who is None else who.value,
        "authority_reading": expected.value,
        "start": start.isoformat(),
        "end": "" if end is None else end.isoformat(),
        "end_computed": "true" if computed else "false",
    }
    if max_years is None or end is None:
        message = msg("c.1.no_max_years", parameter=STATUS_MAX_YEARS)
        yield verdict.result("", verdict.UNDETERMINED, message, values)
        return
    values["max_years"] = str(max_years)
    avklaring_before = ctx.reading(AVKLARING_READING) == "avklaring_before"
    failures = _failures(document, start, end, max_years, avklaring_before)
    if who is not None and who is not expected:
        failures.insert(
            0,
            msg(
                "c.1.other_authority",
                decided_by=status.decided_by,
                authority=expected,
                parameter=AUTHORITY_READING,
                other=who,
            ),
        )
    if failures:
        yield verdict.result("", verdict.NOT_MET, joined(failures), values)
        return
    if who is None:
        message = msg(
            "c.1.authority_unknown", decided_by=status.decided_by, choices=list(StatusAuthority)
        )
        yield verdict.result("", verdict.UNDETERMINED, message, values)
        return
    yield verdict.result(
        "", verdict.MET, _met(document, status, start, end, avklaring_before), values
    )


RULES: tuple[Rule, ...] = (c_1,)
"""The rules of this module."""
