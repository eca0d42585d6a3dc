"""B-2: the purpose of scheme b, what the project contributes.

Source: a county's public page on the schemes (Møre og Romsdal fylkeskommune, verbatim in the
saved page): «Mål for ordninga er auka attraktivitet for busetjing og næringsliv, og å styrke
kommunane sin kapasitet til å handtere situasjonen.», with the criteria «auka kapasitet og evne
til utviklingsarbeid i kommunen» and «auka attraktivitet for busetjing og næringsetablering».
A project states its contribution to at least one of the scheme b criteria, in words; the
finding says it rests on what the applicant states.
"""

from __future__ import annotations

from collections.abc import Iterator

from post65.applications import KINDS
from post65.law import Citation, Interpretation
from post65.rulebook import Context, Result, Rule, Severity, rule
from post65.schemes import verdict
from post65.schemes.b._common import items
from post65.text import msg

__all__ = ["RULES", "b_2"]


@rule(
    "B-2",
    scheme="b",
    severity=Severity.ERROR,
    subject="measure (the project)",
    kinds=KINDS,
    title=msg("b.2.title"),
    citation=Citation(
        "more-og-romsdal-omstilling",
        "2. Tilskot til kommunar med langvarig nedgang",
        "Mål for ordninga er auka attraktivitet for busetjing og næringsliv, og å styrke "
        "kommunane sin kapasitet til å handtere situasjonen.",
    ),
    interpretations=(
        Interpretation.practice(
            "contribution", msg("interp.b-2.contribution"), "more-og-romsdal-omstilling"
        ),
    ),
)
def b_2(document: object, ctx: Context) -> Iterator[Result]:
    """At least one contribution to a scheme b criterion, described in words."""
    for item in items(document, ctx):
        subject = item.subject + "/project"
        stated = [c for c in item.app.project.contributions if c.description.strip()]
        # a Criterion is a StrEnum: sorted and joined as its value, without Enum.value (a
        # Python-level property) per criterion
        criteria = sorted({c.criterion for c in stated})
        values = {"criteria": ",".join(criteria)}
        if stated:
            yield verdict.result(subject, verdict.MET, msg("b.2.met", criteria=criteria), values)
        else:
            yield verdict.result(subject, verdict.NOT_MET, msg("b.2.not_met"), values)


RULES: tuple[Rule, ...] = (b_2,)
"""The rules of this module."""
