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

from post65._empty import Frozen, Made
from post65.applications import KINDS, Criterion
from post65.law import Citation, Interpretation
from post65.rulebook import Context, Outcome, Result, Rule, Severity, rule
from post65.schemes import verdict
from post65.schemes.b._common import items
from post65.text import Message, msg

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
    # The finding on a project depends on nothing but the set of criteria it describes (of
    # two: four sets at most): its outcome, message and values are made once per set in a
    # check, and shared by the projects describing it.
    judged: Made[frozenset[Criterion], tuple[Outcome, Message, dict[str, str]]] = Made(_judge)
    for item in items(document, ctx):
        described = frozenset(
            [c.criterion for c in item.app.project.contributions if c.description.strip()]
        )
        outcome, message, values = judged[described]
        yield verdict.result(item.subject + "/project", outcome, message, values)


def _judge(described: frozenset[Criterion]) -> tuple[Outcome, Message, dict[str, str]]:
    # a Criterion is a StrEnum: sorted and joined as its value, without Enum.value (a
    # Python-level property) per criterion
    criteria = sorted(described)
    values = Frozen({"criteria": ",".join(criteria)})  # shared by the projects alike
    if criteria:
        return verdict.MET, msg("b.2.met", criteria=criteria), values
    return verdict.NOT_MET, msg("b.2.not_met"), values


RULES: tuple[Rule, ...] = (b_2,)
"""The rules of this module."""
