"""C-4: what each measure of the programme contributes; jobs are reported as a number.

Source: Innovasjon Norge (verbatim in the saved page): «Regional omstilling skal bidra til å
skape nye og sikre eksisterende arbeidsplasser, styrke robustheten og variasjonen i næringslivet
samt øke utviklingsevnen hos næringsliv og kommuner.» The criteria are a county's (Møre og
Romsdal: «styrka utviklingskapasitet», «auka kompetanse for næringsutvikling i kommunen og
regionen», «auke i tal arbeidsplassar»). The finding says it rests on what the county states.
"""

from __future__ import annotations

from collections.abc import Iterator

from post65._empty import Frozen, Made
from post65.law import Citation, Interpretation
from post65.programme import KINDS, Criterion, Programme, ProgrammeMeasure
from post65.rulebook import Context, Outcome, Result, Rule, Severity, rule
from post65.schemes import verdict
from post65.text import Message, msg

__all__ = ["RULES", "c_4"]

_Judged = tuple[Outcome, Message, dict[str, str]]


_Criteria = tuple[list[Criterion], dict[str, str], dict[int, dict[str, str]]]
"""The criteria a measure describes, sorted, the values naming them (and nothing else), and
the values naming them and a number of jobs, by that number (each made when first needed)."""


def _criteria(described: frozenset[Criterion]) -> _Criteria:
    # A Criterion is a StrEnum: a str of its value, sorted and joined as one without the
    # enum's (slow) value property
    criteria = sorted(described)
    return criteria, Frozen({"criteria": ",".join(criteria)}), {}


def _judge(m: ProgrammeMeasure, said: Made[frozenset[Criterion], _Criteria]) -> _Judged:
    """The finding on one measure; ``said``: the criteria and values made so far in this check,
    by the set of criteria described (a handful of sets, shared by thousands of measures)."""
    described = frozenset([c.criterion for c in m.contributions if c.description.strip()])
    criteria, values, with_jobs = said[described]
    jobs = m.jobs_created
    if jobs is not None:
        # the values of every measure naming these criteria and jobs, by the number (an int:
        # True would find 1's, whose text differs)
        shared = with_jobs.get(jobs) if type(jobs) is int else None
        if shared is None:
            shared = Frozen({**values, "jobs_created": str(jobs)})
            if type(jobs) is int:
                with_jobs[jobs] = shared
        values = shared
    if not criteria:
        return verdict.NOT_MET, msg("c.4.not_met", id=m.id), values
    if Criterion.JOBS in criteria and m.jobs_created is None:
        return verdict.NOT_MET, msg("c.4.no_jobs", id=m.id), values
    if m.jobs_created is None:
        return verdict.MET, msg("c.4.met", id=m.id, criteria=criteria), values
    met = msg("c.4.met_jobs", id=m.id, criteria=criteria, jobs=m.jobs_created)
    return verdict.MET, met, values


@rule(
    "C-4",
    scheme="c",
    severity=Severity.ERROR,
    subject="measure",
    kinds=KINDS,
    title=msg("c.4.title"),
    citation=Citation(
        "innovasjon-norge",
        "Om omstilling",
        "Regional omstilling skal bidra til å skape nye og sikre eksisterende arbeidsplasser, "
        "styrke robustheten og variasjonen i næringslivet samt øke utviklingsevnen hos "
        "næringsliv og kommuner.",
    ),
    interpretations=(
        Interpretation.practice(
            "contribution", msg("interp.c-4.contribution"), "more-og-romsdal-omstilling"
        ),
    ),
)
def c_4(document: object, ctx: Context) -> Iterator[Result]:
    """At least one described contribution to a scheme c criterion; a contribution to jobs must
    come with ``jobs_created`` as a number."""
    if not isinstance(document, Programme):
        return
    if not document.measures:
        yield verdict.result("", verdict.NOT_APPLICABLE, msg("c.4.no_measures"))
    subjects = ctx.subjects("/measures", len(document.measures))
    said: Made[frozenset[Criterion], _Criteria] = Made(_criteria)
    for subject, m in zip(subjects, document.measures, strict=True):
        outcome, message, values = _judge(m, said)
        yield verdict.result(subject, outcome, message, values)


RULES: tuple[Rule, ...] = (c_4,)
"""The rules of this module."""
