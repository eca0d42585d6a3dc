"""C-2: the four phases of a restructuring programme, in order, and each measure in its phase.

Source: Innovasjon Norge (verbatim in the saved pages): «Arbeidet skal organiseres i 4 faser:
Avklaringsfasen, strategi- og forankringsfasen, gjennomføringsfasen og avslutningsfasen.» and
«Omstillingsarbeidet organiseres i fire faser, i tråd med Prosjektlederprosessen (PLP).»
(:data:`post65.programme.PHASE_ORDER`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping

from post65._empty import Made
from post65.law import Citation, Interpretation
from post65.programme import KINDS, PHASE_ORDER, Phase, PhasePeriod, Programme, ProgrammeMeasure
from post65.rulebook import Context, Outcome, Result, Rule, Severity, rule
from post65.schemes import verdict
from post65.schemes._joined import joined
from post65.text import Message, msg

__all__ = ["RULES", "c_2"]


def _order_failures(p: Programme) -> list[Message]:
    """Phases listed twice, out of order or with a gap, or starting before the previous ends."""
    listed = [ph.phase for ph in p.phases]
    failures: list[Message] = []
    twice = sorted({ph for ph in listed if listed.count(ph) > 1}, key=lambda ph: ph.value)
    if twice:
        failures.append(msg("c.2.twice", phases=twice))
    expected = list(PHASE_ORDER[: len(set(listed))])
    if not twice and listed != expected:
        failures.append(msg("c.2.order", expected=expected, listed=listed))
    for before, after in zip(p.phases, p.phases[1:], strict=False):
        if after.start < before.end:
            failures.append(
                msg(
                    "c.2.overlap",
                    after=after.phase,
                    start=after.start,
                    before=before.phase,
                    end=before.end,
                )
            )
    return failures


def _order_result(p: Programme) -> Result:
    """The finding on the programme: the phases and their order."""
    listed = [ph.phase for ph in p.phases]
    values = {"phases": ",".join(ph.value for ph in listed)}
    if not p.phases:
        return verdict.result("", verdict.UNDETERMINED, msg("c.2.no_phases"), values)
    failures = _order_failures(p)
    if failures:
        return verdict.result("", verdict.NOT_MET, joined(failures), values)
    return verdict.result("", verdict.MET, msg("c.2.met", phases=listed), values)


def _measure_result(
    m: ProgrammeMeasure,
    periods: Mapping[Phase, PhasePeriod],
    any_phases: bool,
    texts: tuple[Made[Phase, str], Made[dt.date, str]],
) -> tuple[Outcome, Message, dict[str, str]]:
    """The finding on one measure: its dates inside its phase's (``texts``: each phase's name
    and each date as text, written once per check)."""
    phase = m.phase
    names, dates = texts
    values = {"phase": names[phase], "start": dates[m.start], "end": dates[m.end]}
    period = periods.get(phase)
    if period is None:
        if not any_phases:
            return verdict.UNDETERMINED, msg("c.2.measure_no_phases", id=m.id), values
        return verdict.NOT_MET, msg("c.2.measure_phase_undated", id=m.id, phase=phase), values
    start, end = period.start, period.end
    values["phase_start"], values["phase_end"] = dates[start], dates[end]
    if start <= m.start and m.end <= end:
        message = msg(
            "c.2.measure_in_phase", id=m.id, phase=phase, phase_start=start, phase_end=end
        )
        return verdict.MET, message, values
    message = msg(
        "c.2.measure_outside",
        id=m.id,
        start=m.start,
        end=m.end,
        phase=phase,
        phase_start=start,
        phase_end=end,
    )
    return verdict.NOT_MET, message, values


@rule(
    "C-2",
    scheme="c",
    severity=Severity.ERROR,
    subject="programme (and each measure)",
    kinds=KINDS,
    title=msg("c.2.title"),
    citation=Citation(
        "innovasjon-norge",
        "Om omstilling (eldre versjon)",
        "Arbeidet skal organiseres i 4 faser: Avklaringsfasen, strategi- og forankringsfasen, "
        "gjennomføringsfasen og avslutningsfasen.",
    ),
    interpretations=(
        Interpretation.practice("phase_order", msg("interp.c-2.phase_order"), "innovasjon-norge"),
    ),
)
def c_2(document: object, ctx: Context) -> Iterator[Result]:
    """The listed phases are in the order of :data:`~post65.programme.PHASE_ORDER`, none missing
    before a listed one (later ones may not be planned yet), none listed twice, each starting no
    earlier than the day the previous one ends; each measure's phase is listed and its dates lie
    within it."""
    if not isinstance(document, Programme):
        return
    yield _order_result(document)
    periods = {ph.phase: ph for ph in document.phases}
    # a phase's name (str() of a StrEnum makes a new text per call) and a date's ISO text, each
    # written once per check and shared by the measures naming it
    texts: tuple[Made[Phase, str], Made[dt.date, str]] = (Made(str), Made(dt.date.isoformat))
    subjects = ctx.subjects("/measures", len(document.measures))
    any_phases = bool(document.phases)
    for subject, m in zip(subjects, document.measures, strict=True):
        outcome, message, values = _measure_result(m, periods, any_phases, texts)
        yield verdict.result(subject, outcome, message, values)


RULES: tuple[Rule, ...] = (c_2,)
"""The rules of this module."""
