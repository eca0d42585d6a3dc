"""The rule catalogue and the checker: :func:`rules` lists the rules, :func:`check` runs every
rule that applies to a document and returns every :class:`Finding`, ``met`` ones included;
nothing stops at the first problem.

The names of the rulebook (:class:`Outcome`, :class:`Finding`, :class:`Rule` …) are here too, so
``from post65.rules import check, Outcome`` serves a caller.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from decimal import Decimal

from post65._decimal import exact
from post65._gc import collector_paused
from post65.errors import InvalidArgument, InvalidParameter, Problem
from post65.geography import register
from post65.jsontext import located_in
from post65.parameters import Parameters
from post65.rulebook import (
    CheckResult,
    Context,
    Finding,
    IndexLike,
    Outcome,
    Result,
    Rule,
    Scheme,
    SelectedLike,
    SelectionLike,
    Severity,
    rule,
)
from post65.text import msg

__all__ = [
    "CheckResult",
    "Context",
    "Finding",
    "IndexLike",
    "Outcome",
    "Result",
    "Rule",
    "Scheme",
    "SelectedLike",
    "SelectionLike",
    "Severity",
    "check",
    "check_by_rule",
    "rule",
    "rules",
]

_SCHEMES: tuple[str, ...] = ("a", "b", "c", "p65")


def rules(scheme: Scheme | None = None) -> tuple[Rule, ...]:
    """The rule catalogue in the order of ``rules.md``, or one scheme's part of it.

    ``scheme`` is ``"a"``, ``"b"``, ``"c"`` or ``"p65"`` (a :class:`~post65.funds.SchemeId` works
    too); anything else is refused with :class:`~post65.errors.InvalidParameter`.
    """
    if scheme is not None and (not isinstance(scheme, str) or scheme not in _SCHEMES):
        shown = repr(scheme)[:40] if isinstance(scheme, str | int) else type(scheme).__name__
        raise InvalidParameter(msg("rules.scheme.unknown", scheme=shown, known=", ".join(_SCHEMES)))
    from post65.catalogue import RULES  # the rule modules load on first use

    return tuple(r for r in RULES if scheme is None or r.scheme == scheme)


@exact
def check(
    document: object,
    *,
    index: IndexLike | None = None,
    selection: SelectionLike | None = None,
    parameters: Parameters | None = None,
    on: dt.date | None = None,
) -> CheckResult:
    """Run every rule that applies to ``document`` and return every finding.

    ``index`` and ``selection`` define the target group (A-1.2); ``parameters`` overrides policy
    numbers; ``on`` is the date rules are read for (default: 1 January of the document's year).

    A ``document`` that is not a document post65 knows, or ``parameters`` that are not
    :class:`Parameters`, or ``on`` that is not a date, raise
    :class:`~post65.errors.InvalidArgument` (a ``TypeError``).
    """
    kind, context = _prepare(document, index, selection, parameters, on)
    findings: list[Finding] = []
    severities: dict[str, Severity] = {}
    with collector_paused():  # across the rules too: their findings pile up here
        for r, found in _each_rule(document, kind, context):
            findings.extend(found)
            severities[r.id] = r.severity
    return CheckResult(kind=kind, findings=tuple(findings), rule_severities=severities)


def check_by_rule(
    document: object,
    *,
    index: IndexLike | None = None,
    selection: SelectionLike | None = None,
    parameters: Parameters | None = None,
    on: dt.date | None = None,
) -> Iterator[tuple[Rule, list[Finding]]]:
    """What :func:`check` finds, a rule at a time: each rule that applies to ``document`` with its
    findings, in the order of :func:`check`, each rule run only when the previous one has been
    taken. A caller that writes or counts the findings as they come never holds them all (a
    check of 100 000 measures makes about 1.5 million). The arguments are as for :func:`check`
    and are checked at once, before the first rule runs.
    """
    kind, context = _prepare(document, index, selection, parameters, on)
    return _each_rule(document, kind, context)


def _each_rule(
    document: object, kind: str, context: Context
) -> Iterator[tuple[Rule, list[Finding]]]:
    for r in rules():
        if kind in r.kinds:
            # only while the rule runs, never while the caller does; a document built in code
            # that load() would refuse is refused as load() refuses it, located
            with collector_paused(), located_in(lambda: _problems(document)):
                found = r.run(document, context)
            yield r, found


def _problems(document: object) -> list[Problem]:
    from post65.io import document_problems  # the document kinds load on first use

    return document_problems(document)


@exact
def _prepare(
    document: object,
    index: IndexLike | None,
    selection: SelectionLike | None,
    parameters: Parameters | None,
    on: dt.date | None,
) -> tuple[str, Context]:
    """The document's kind and the context its rules are run in (the arguments of :func:`check`
    checked)."""
    from post65.io import kind_of  # the document kinds load on first use

    try:
        kind = kind_of(document)
    except TypeError:
        name = type(document).__name__
        raise InvalidArgument(msg("rules.check.not_a_document", type=name)) from None
    from post65.report.arguments import checked_index, checked_parameters, checked_selection

    index = checked_index(index)
    selection = checked_selection(selection)
    parameters = checked_parameters(parameters)
    if on is not None and (not isinstance(on, dt.date) or isinstance(on, dt.datetime)):
        name = type(on).__name__
        raise InvalidArgument(msg("rules.check.on", type=name))
    year = getattr(document, "year", None)
    if on is None:
        on = (
            dt.date(year, 1, 1)
            if isinstance(year, int) and 1900 <= year <= 9999
            else dt.date.today()
        )
    scores: Mapping[str, Decimal] | None = None
    target: frozenset[str] | None = None
    threshold: Decimal | None = None
    if index is not None:
        scores = index.scores
    if selection is not None:
        # A selection by score needs the index (and says so); an explicit list does not.
        selected = selection.select(index)
        target = selected.municipalities
        threshold = selected.threshold
    context = Context(
        register=register(2024),
        parameters=parameters or Parameters(),
        on=on,
        scores=scores,
        target=target,
        threshold=threshold,
    )
    return kind, context
