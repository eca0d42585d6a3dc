"""The de minimis rule, one implementation for schemes b (B-5) and c (C-5).

Support from schemes b and c to an undertaking (foretak) is normally de minimis aid
(bagatellmessig støtte) under the EEA rules: the undertaking's de minimis aid over three years,
this grant included, may not pass the limit in EUR (Regulation (EU) 2023/2831 art. 3(2); EUR
200 000 over three fiscal years under Regulation (EU) 1407/2013). The regulations are not
shipped: the rule cites them by a paraphrase. Each scheme says where its supports are
(:class:`Supported`); :func:`de_minimis_rule` makes the rule.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import NamedTuple

from post65.deminimis import support_result
from post65.law import Citation, Interpretation
from post65.rulebook import Context, Result, Rule, Scheme, Severity, _new, rule
from post65.schemes import verdict
from post65.stateaid import Support
from post65.text import Message, msg

__all__ = [
    "DE_MINIMIS_CITATION",
    "DE_MINIMIS_SOURCE",
    "Supported",
    "de_minimis_rule",
    "supported",
]

DE_MINIMIS_SOURCE = "eu-de-minimis"
"""The source id of the EEA de minimis rules, cited by B-5 and C-5."""

DE_MINIMIS_CITATION = Citation(
    DE_MINIMIS_SOURCE,
    "art. 3(2)",
    paraphrase="samlet bagatellmessig støtte til ett foretak kan ikke overstige EUR 300 000 over "
    "tre år (EUR 200 000 over tre regnskapsår etter forordning 1407/2013)",
)
"""The citation of B-5 and C-5: a paraphrase (the regulation is not shipped)."""


class Supported(NamedTuple):
    """A place in a document that may support an undertaking: its pointer, the support (None:
    it gives none, and ``none`` says so), and a label naming it in the finding. A named tuple:
    a scheme makes one per application or measure, and the rule takes it apart in one step."""

    where: str
    support: Support | None
    none: Message | None = None
    label: Message | None = None


def supported(
    where: str, support: Support | None, none: Message | None, label: Message | None
) -> Supported:
    """``Supported(where, support, none, label)``, made in one step (without the named tuple's
    own ``__new__``, a Python function called through the type)."""
    return _new(Supported, (where, support, none, label))


def de_minimis_rule(
    id: str,
    *,
    scheme: Scheme,
    kinds: tuple[str, ...],
    supports: Callable[[object, Context], Iterable[Supported]],
    interpretations: tuple[Interpretation, ...] = (),
) -> Rule:
    """The de minimis rule ``id``: for every place ``supports`` finds in a document (in the
    check's context, whose memo it may share with the scheme's other rules), the
    undertaking's de minimis aid in the window, this grant included, against the limit in EUR
    at the stated rate (:func:`post65.deminimis.assess`); ``not_applicable`` where no
    undertaking is supported."""

    @rule(
        id,
        scheme=scheme,
        severity=Severity.ERROR,
        subject="support to an undertaking",
        kinds=kinds,
        title=msg("stateaid.de_minimis.title"),
        citation=DE_MINIMIS_CITATION,
        interpretations=interpretations,
    )
    def check(document: object, ctx: Context) -> Iterator[Result]:
        for where, support, none, label in supports(document, ctx):
            if support is None:
                yield verdict.result(
                    where,
                    verdict.NOT_APPLICABLE,
                    none or msg("stateaid.de_minimis.no_undertaking"),
                )
                continue
            yield support_result(f"{where}/support", support, ctx.parameters, label=label)

    return check
