"""The rule catalogue and the checker.

A :class:`Rule` is data (id, scheme, severity, subject, title in bokmål and English, citation)
plus one small pure function that looks at a document and yields one :class:`Result` per subject.
:func:`check` runs every rule that applies to a document and returns every :class:`Finding`,
``met`` ones included; nothing stops at the first problem.

Rules are defined next to their scheme (``post65.schemes.a`` …) with the :func:`rule` decorator,
which registers them; the ids are those of ``rules.md`` and never change meaning.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from decimal import Decimal
from types import MappingProxyType
from typing import Any, Literal, NamedTuple, Protocol

import attrs

from post65._decimal import exact
from post65.errors import InvalidArgument, InvalidParameter, Lang
from post65.geography import Register, register
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
    "check",
    "rule",
    "rules",
]

Scheme = Literal["a", "b", "c", "p65"]
_SCHEMES: tuple[str, ...] = ("a", "b", "c", "p65")


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


@attrs.frozen
class Text:
    """A user-facing text in Norwegian bokmål and English."""

    nb: str
    en: str

    def __call__(self, lang: Lang = "nb") -> str:
        return self.nb if lang == "nb" else self.en

    @classmethod
    def join(cls, parts: Iterable[tuple[str, str]], sep: str = "; ") -> Text:
        """The bokmål parts joined, and the English parts joined, as one text.

        >>> Text.join([("a", "x"), ("b", "y")])
        Text(nb='a; b', en='x; y')
        """
        pairs = list(parts)
        return cls(sep.join(nb for nb, _ in pairs), sep.join(en for _, en in pairs))


class Texts:
    """Shares equal messages between the findings of one rule's run: ``texts(nb, en)`` returns
    the same :class:`Text` for the same words, so a check of many subjects keeps one object per
    distinct message (fewer objects to allocate and to garbage-collect).

    >>> texts = Texts()
    >>> texts("Bruk iv.", "Use iv.") is texts("Bruk iv.", "Use iv.")
    True
    """

    __slots__ = ("_seen",)

    def __init__(self) -> None:
        self._seen: dict[tuple[str, str], Text] = {}

    def __call__(self, nb: str, en: str) -> Text:
        key = (nb, en)
        found = self._seen.get(key)
        if found is None:
            found = self._seen[key] = Text(nb, en)
        return found


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


_RULES: dict[str, Rule] = {}


def rule(
    id: str,
    *,
    scheme: Scheme,
    severity: Severity,
    subject: str,
    kinds: tuple[str, ...],
    title: Text,
    citation: Citation,
) -> Callable[[CheckFn], CheckFn]:
    """Register the decorated function as the check of rule ``id``."""

    def decorate(fn: CheckFn) -> CheckFn:
        if id in _RULES:
            raise ValueError(f"rule {id} is defined twice")
        _RULES[id] = Rule(id, scheme, severity, subject, kinds, title, citation, fn)
        return fn

    return decorate


def _natural(rule_id: str) -> tuple[object, ...]:
    order = {"A": 0, "P65": 1, "B": 2, "C": 3}
    head, _, tail = rule_id.partition("-")
    return (order.get(head, 9), *(int(p) for p in re.findall(r"\d+", tail)))


def _load_catalogue() -> None:
    import post65.kinds  # noqa: F401 - importing the scheme modules registers their rules


def rules(scheme: Scheme | None = None) -> tuple[Rule, ...]:
    """The rule catalogue in the order of ``rules.md``, or one scheme's part of it.

    ``scheme`` is ``"a"``, ``"b"``, ``"c"`` or ``"p65"`` (a :class:`~post65.funds.SchemeId` works
    too); anything else is refused with :class:`~post65.errors.InvalidParameter`.
    """
    if scheme is not None and (not isinstance(scheme, str) or scheme not in _SCHEMES):
        shown = repr(scheme)[:40] if isinstance(scheme, str | int) else type(scheme).__name__
        raise InvalidParameter(
            f"ukjent ordning {shown}; bruk en av {', '.join(_SCHEMES)}",
            f"unknown scheme {shown}; use one of {', '.join(_SCHEMES)}",
        )
    _load_catalogue()
    found = (r for r in _RULES.values() if scheme is None or r.scheme == scheme)
    return tuple(sorted(found, key=lambda r: _natural(r.id)))


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
    from post65.io import kind_of

    try:
        kind = kind_of(document)
    except TypeError:
        name = type(document).__name__
        raise InvalidArgument(
            f"check tar et dokument (Portfolio, Plan, Report, …), ikke {name}",
            f"check takes a document (Portfolio, Plan, Report, ...), not a value of type {name}",
        ) from None
    if parameters is not None and not isinstance(parameters, Parameters):
        name = type(parameters).__name__
        raise InvalidArgument(
            f"parameters må være Parameters, ikke {name}",
            f"parameters must be Parameters, not a value of type {name}",
        )
    if on is not None and (not isinstance(on, dt.date) or isinstance(on, dt.datetime)):
        name = type(on).__name__
        raise InvalidArgument(
            f"on må være en dato (datetime.date), ikke {name}",
            f"on must be a date (datetime.date), not a value of type {name}",
        )
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
    findings: list[Finding] = []
    for r in rules():
        if kind in r.kinds:
            findings.extend(r.run(document, context))
    return CheckResult(kind=kind, findings=tuple(findings))
