"""The rulebook: what a rule is, what it finds, and the context it judges in.

A :class:`Rule` is data (id, scheme, severity, subject, title, citation) plus one small pure
function that looks at a document and yields one :class:`Result` per subject. Rules are defined
next to the section of the law they implement (``post65.schemes.a`` …) with the :func:`rule`
decorator, which returns the :class:`Rule`; :mod:`post65.catalogue` is the table of them all and
:func:`post65.rules.check` runs them. The ids are those of ``rules.md`` and never change meaning.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from decimal import Decimal
from types import MappingProxyType
from typing import Any, Literal, NamedTuple, Protocol

import attrs

from post65._decimal import exact
from post65.bilingual import Text, Texts
from post65.errors import Lang
from post65.geography import Register
from post65.law import Citation
from post65.parameters import Parameters


class IndexLike(Protocol):
    """What :func:`check` needs of a district index: a score per kommunenummer."""

    @property
    def scores(self) -> Mapping[str, Decimal]: ...


class SelectedLike(Protocol):
    """The target group a selection picked from an index."""

    @property
    def municipalities(self) -> frozenset[str]: ...

    @property
    def threshold(self) -> Decimal | None: ...


class SelectionLike(Protocol):
    """A rule that picks the target group from an index (``Lowest(n)``, ``MaxScore(s)`` …)."""

    def select(self, index: Any) -> SelectedLike: ...


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
    "Text",
    "Texts",
    "rule",
]

Scheme = Literal["a", "b", "c", "p65"]


class Outcome(enum.StrEnum):
    """What a rule found about one subject."""

    MET = "met"
    NOT_MET = "not_met"
    UNDETERMINED = "undetermined"
    NOT_APPLICABLE = "not_applicable"


class Severity(enum.StrEnum):
    """``error`` for «skal/må» (a ``not_met`` error fails the check), ``advice`` for «bør»."""

    ERROR = "error"
    ADVICE = "advice"


_NO_VALUES: Mapping[str, str] = MappingProxyType({})


class Result(NamedTuple):
    """What a rule's check function yields for one subject; :func:`check` makes it a Finding.

    ``severity`` overrides the rule's own for this finding only (C-3: a reason given turns an
    error into advice). A named tuple, not an attrs class: a check of 10 000 measures makes
    hundreds of thousands of them, and tuples are the cheapest to build.
    """

    subject: str
    outcome: Outcome
    message: Text
    values: Mapping[str, str] = _NO_VALUES
    severity: Severity | None = None


@attrs.frozen
class Finding:
    """One rule's verdict on one subject, with the words of the regulation."""

    rule: str
    outcome: Outcome
    severity: Severity
    subject: str
    message: Text
    citation: Citation
    values: Mapping[str, str] = attrs.field(factory=dict)

    @property
    def fails(self) -> bool:
        """True for a ``not_met`` error: the finding that makes ``post65 check`` exit 1."""
        return self.outcome is Outcome.NOT_MET and self.severity is Severity.ERROR

    def to_json(self, lang: Lang = "nb") -> dict[str, Any]:
        """The finding as in ``cli.md``."""
        return {
            "rule": self.rule,
            "outcome": self.outcome.value,
            "severity": self.severity.value,
            "subject": self.subject,
            "message": self.message(lang),
            "citation": {
                "source": self.citation.source,
                "section": self.citation.section,
                "quote": self.citation.quote,
            },
            "values": dict(self.values),
        }


@attrs.frozen
class Context:
    """What a check knows besides the document: the register, parameters in force, the date the
    rules are read for, and (when the caller gave an index and a selection) the target group."""

    register: Register
    parameters: Parameters
    on: dt.date
    scores: Mapping[str, Decimal] | None = None
    target: frozenset[str] | None = None
    threshold: Decimal | None = None

    def param(self, name: str) -> Decimal | None:
        """The parameter ``name`` in force on :attr:`on`."""
        return self.parameters.get(name, self.on)


CheckFn = Callable[[Any, Context], Iterable[Result]]


@attrs.frozen
class Rule:
    """A rule of the catalogue: data plus one check function."""

    id: str
    scheme: Scheme
    severity: Severity
    subject: str
    kinds: tuple[str, ...]
    title: Text
    citation: Citation
    check: CheckFn = attrs.field(eq=False, repr=False)

    @exact
    def run(self, document: object, context: Context) -> list[Finding]:
        """Every finding of this rule on ``document``."""
        return [
            Finding(
                rule=self.id,
                outcome=r.outcome,
                severity=r.severity or self.severity,
                subject=r.subject,
                message=r.message,
                citation=self.citation,
                values=r.values,
            )
            for r in self.check(document, context)
        ]

    def to_json(self, lang: Lang = "nb") -> dict[str, Any]:
        """The rule as ``post65 rules --format json`` prints it."""
        return {
            "id": self.id,
            "scheme": self.scheme,
            "severity": self.severity.value,
            "subject": self.subject,
            "title": self.title(lang),
            "citation": {
                "source": self.citation.source,
                "section": self.citation.section,
                "quote": self.citation.quote,
            },
        }


def rule(
    id: str,
    *,
    scheme: Scheme,
    severity: Severity,
    subject: str,
    kinds: tuple[str, ...],
    title: Text,
    citation: Citation,
) -> Callable[[CheckFn], Rule]:
    """Make the decorated function the check of rule ``id``: the decorator returns the
    :class:`Rule` (data plus the function). Nothing is registered: each rule module lists its
    rules in ``RULES``, and :mod:`post65.catalogue` lists the modules."""

    def decorate(fn: CheckFn) -> Rule:
        return Rule(id, scheme, severity, subject, kinds, title, citation, fn)

    return decorate


@attrs.frozen
class CheckResult:
    """Every finding of a check, and its summary. Iterating gives the findings."""

    kind: str
    findings: tuple[Finding, ...]

    def __iter__(self) -> Iterator[Finding]:
        return iter(self.findings)

    def __len__(self) -> int:
        return len(self.findings)

    @property
    def summary(self) -> dict[str, int]:
        """How many findings had each outcome (every outcome is present)."""
        counts = Counter(f.outcome for f in self.findings)
        return {o.value: counts.get(o, 0) for o in Outcome}

    @property
    def passed(self) -> bool:
        """True when no error rule is ``not_met`` (``post65 check`` exits 0)."""
        return not any(f.fails for f in self.findings)

    def for_rule(self, rule_id: str) -> tuple[Finding, ...]:
        """The findings of one rule."""
        return tuple(f for f in self.findings if f.rule == rule_id)

    def to_json(self, lang: Lang = "nb") -> dict[str, Any]:
        """The ``post65 check --format json`` document."""
        return {
            "kind": self.kind,
            "findings": [f.to_json(lang) for f in self.findings],
            "summary": self.summary,
        }
