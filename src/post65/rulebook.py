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
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from decimal import Decimal
from typing import Any, Final, Literal, NamedTuple, Protocol, TypeVar

import attrs

from post65._decimal import exact
from post65._empty import EMPTY
from post65.errors import Lang
from post65.geography import Register
from post65.law import Citation, Interpretation
from post65.parameters import Parameters
from post65.text import Message


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


_T = TypeVar("_T")

__all__ = [
    "CheckResult",
    "Context",
    "Each",
    "Finding",
    "IndexLike",
    "Outcome",
    "Result",
    "Rule",
    "Scheme",
    "SelectedLike",
    "SelectionLike",
    "Severity",
    "Verdict",
    "outcome_summary",
    "rule",
    "rule_json",
    "rule_rows",
]

Scheme = Literal["a", "b", "c", "p65"]


class Outcome(enum.StrEnum):
    """What a rule found about one subject."""

    MET = "met"
    NOT_MET = "not_met"
    UNDETERMINED = "undetermined"
    NOT_APPLICABLE = "not_applicable"


# The members, read once: through its class, an enum member is looked up by a Python-level
# EnumType.__getattr__ on Python 3.11 (see post65.schemes.verdict, whose functions use them).
MET: Final = Outcome.MET
NOT_MET: Final = Outcome.NOT_MET
UNDETERMINED: Final = Outcome.UNDETERMINED
NOT_APPLICABLE: Final = Outcome.NOT_APPLICABLE


class Severity(enum.StrEnum):
    """``error`` for «skal/må» (a ``not_met`` error fails the check), ``advice`` for «bør»."""

    ERROR = "error"
    ADVICE = "advice"


_NO_VALUES: Mapping[str, str] = EMPTY


class Result(NamedTuple):
    """What a rule's check function yields for one subject; :func:`check` makes it a Finding.

    ``severity`` overrides the rule's own for this finding only (C-3: a reason given turns an
    error into advice). A named tuple, not an attrs class: a check of 10 000 measures makes
    hundreds of thousands of them, and tuples are the cheapest to build.
    """

    subject: str
    outcome: Outcome
    message: Message
    values: Mapping[str, str] = _NO_VALUES
    severity: Severity | None = None


class Verdict(NamedTuple):
    """What a rule judged once per item (see :class:`Each`) returns for that item: the outcome,
    the message, the figures behind it, and (rarely) a severity of its own."""

    outcome: Outcome
    message: Message
    values: Mapping[str, str] = _NO_VALUES
    severity: Severity | None = None


class Finding(NamedTuple):
    """One rule's verdict on one subject, with the words of the regulation.

    A named tuple (immutable, its fields by name or position): a check makes one per rule and
    subject, hundreds of thousands of them, and a tuple is made in one step where a class sets
    its fields one by one.
    """

    rule: str
    outcome: Outcome
    severity: Severity
    subject: str
    message: Message
    citation: Citation
    values: Mapping[str, str] = _NO_VALUES

    @property
    def fails(self) -> bool:
        """True for a ``not_met`` error: the finding that makes ``post65 check`` exit 1."""
        return self.outcome is Outcome.NOT_MET and self.severity is Severity.ERROR

    def to_json(self, lang: Lang = "nb") -> dict[str, Any]:
        """The finding on its own, with its rule's citation (in the output of ``post65 check``
        the citation is given once per rule: see :meth:`CheckResult.to_json`)."""
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


_new: Final = tuple.__new__
"""``_new(Finding, (rule, outcome, …, values))``: a named tuple made without its ``__new__`` (a
Python function called through the type, dearer than the tuple it makes): how :meth:`Rule.run`
makes findings, :mod:`post65.schemes.verdict` verdicts and results, A-4.11 its stretches."""


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
    document: Any = None
    """The document being checked (a rule judged per item reads the whole through it)."""
    memo: dict[str, Any] = attrs.field(factory=dict, eq=False, repr=False)
    """What the rules of one check work out once and share (see :meth:`once`)."""

    def param(self, name: str) -> Decimal | None:
        """The parameter ``name`` in force on :attr:`on` (looked up once per check: a rule asks
        for it once per measure or applicant)."""
        key = "param " + name
        try:
            found: Decimal | None = self.memo[key]
        except KeyError:
            found = self.memo[key] = self.parameters.get(name, self.on)
        return found

    def reading(self, name: str) -> str:
        """The reading the parameter ``name`` (``reading.a-1.2``) selects for this check (looked
        up once per check)."""
        key = "reading " + name
        try:
            found: str = self.memo[key]
        except KeyError:
            found = self.memo[key] = self.parameters.reading(name)
        return found

    def subjects(self, pointer: str, n: int) -> list[str]:
        """``pointer/0`` … the JSON Pointers of ``n`` items of the document, made once per
        check and shared by every rule naming them (a check of 100 000 measures would make 1.5
        million copies otherwise)."""
        return self.once(f"subjects {pointer} {n}", lambda: [f"{pointer}/{i}" for i in range(n)])

    def once(self, key: str, make: Callable[[], _T]) -> _T:
        """``make()``, worked out once per check and shared by its rules (the ledger of the
        document's funds is built once, not by each rule that reads it)."""
        try:
            found: _T = self.memo[key]
        except KeyError:
            found = self.memo[key] = make()
        return found


CheckFn = Callable[[Any, Context], Iterable[Result]]
"""A rule's function on the whole document: one :class:`Result` per subject."""

Judgement = Verdict | Iterable[tuple[str, Verdict]]
"""What a rule judged per item returns: one :class:`Verdict` for the item, or verdicts on parts
of it, each with the pointer below the item (``("/beneficiaries/0", verdict)``)."""

JudgeFn = Callable[[Any, Context], Judgement]
"""A rule's function on one item (a measure, an application …) in the check's context."""


@attrs.frozen
class Each:
    """How a rule is judged once per item of a document: the loop, the pointer of each item and
    the items it does not apply to are declared here, once, not written in every rule.

    ``items`` gives the items (``lambda p: p.measures``), found at ``pointer/0``, ``pointer/1``
    …; with no items the rule says ``empty`` once, ``not_applicable`` at ``pointer``. ``skip``
    gives the reason an item is not the rule's concern (a measure of another use), or ``None``
    when the rule judges it.
    """

    items: Callable[[Any], Sequence[Any]]
    pointer: str
    empty: Message
    skip: Callable[[Any], Message | None] | None = None

    def run(self, judge: JudgeFn, document: object, context: Context) -> Iterator[Result]:
        """The results of ``judge`` on every item of ``document``."""
        for subject, verdict in self.verdicts(judge, document, context):
            yield Result(subject, *verdict)

    def findings(self, rule: Rule, document: object, context: Context) -> list[Finding]:
        """The findings of ``rule`` (judged per item by this loop) on ``document``: those
        :meth:`verdicts` gives, made as they come, with no pair or generator between (a check
        makes one per rule and measure; ``tests/test_rulebook.py`` holds the two equal)."""
        rid, severity, citation = rule.id, rule.severity, rule.citation
        new, F, na = _new, Finding, NOT_APPLICABLE
        items, subjects = self._walk(document, context)
        if not items:
            return [new(F, (rid, na, severity, self.pointer, self.empty, citation, _NO_VALUES))]
        skip, judge = self.skip, rule.check
        out: list[Finding] = []
        append = out.append
        for subject, item in zip(subjects, items, strict=True):
            if skip is not None:
                reason = skip(item)
                if reason is not None:
                    append(new(F, (rid, na, severity, subject, reason, citation, _NO_VALUES)))
                    continue
            judged = judge(item, context)
            if isinstance(judged, Verdict):
                outcome, message, values, own = judged
                append(new(F, (rid, outcome, own or severity, subject, message, citation, values)))
                continue
            for below, (outcome, message, values, own) in judged:
                where = subject + below
                append(new(F, (rid, outcome, own or severity, where, message, citation, values)))
        return out

    def _walk(self, document: object, context: Context) -> tuple[Sequence[Any], list[str]]:
        """The items of ``document`` and their subjects (``/measures/0`` …)."""
        items = self.items(document)
        return items, context.subjects(self.pointer, len(items)) if items else []

    def verdicts(
        self, judge: JudgeFn, document: object, context: Context
    ) -> Iterator[tuple[str, Verdict]]:
        """What :meth:`run` yields, as (subject, verdict) pairs: :meth:`Rule.run` makes its
        findings of them without a :class:`Result` in between."""
        items, subjects = self._walk(document, context)
        if not items:
            yield self.pointer, Verdict(Outcome.NOT_APPLICABLE, self.empty)
            return
        skip = self.skip
        for subject, item in zip(subjects, items, strict=True):
            if skip is not None:
                reason = skip(item)
                if reason is not None:
                    yield subject, Verdict(Outcome.NOT_APPLICABLE, reason)
                    continue
            judged = judge(item, context)
            if isinstance(judged, Verdict):
                yield subject, judged
            else:
                for below, verdict in judged:
                    yield subject + below, verdict


@attrs.frozen
class Rule:
    """A rule of the catalogue: data plus one check function."""

    id: str
    scheme: Scheme
    severity: Severity
    subject: str
    kinds: tuple[str, ...]
    title: Message
    citation: Citation
    check: Callable[..., Any] = attrs.field(eq=False, repr=False)
    each: Each | None = attrs.field(default=None, eq=False, repr=False)
    """How the rule is judged per item; ``None`` when :attr:`check` judges the whole document."""
    interpretations: tuple[Interpretation, ...] = ()
    """Where the rule's reading goes beyond the words of its citation, and on what basis."""

    @exact
    def run(self, document: object, context: Context) -> list[Finding]:
        """Every finding of this rule on ``document``."""
        # A check makes hundreds of thousands of findings: results and verdicts are unpacked
        # as the tuples they are, each finding is made in one step (_new), and a rule judged
        # per item goes from verdict to finding with no Result in between.
        rid, severity, citation = self.id, self.severity, self.citation
        if self.each is None:
            results: Iterable[Result] = self.check(document, context)
            return [
                _new(Finding, (rid, outcome, own or severity, subject, message, citation, values))
                for subject, outcome, message, values, own in results
            ]
        return self.each.findings(self, document, attrs.evolve(context, document=document))

    def results(self, document: object, context: Context) -> Iterable[Result]:
        """What the rule's function yields on ``document``, the declared loop included."""
        if self.each is None:
            return self.check(document, context)  # type: ignore[no-any-return]
        return self.each.run(self.check, document, attrs.evolve(context, document=document))

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
                "verbatim": self.citation.verbatim,
                "paraphrase": self.citation.paraphrase,
            },
            "interpretations": [i.to_json(lang) for i in self.interpretations],
        }


def rule(
    id: str,
    *,
    scheme: Scheme,
    severity: Severity,
    subject: str,
    kinds: tuple[str, ...],
    title: Message,
    citation: Citation,
    each: Each | None = None,
    interpretations: tuple[Interpretation, ...] = (),
) -> Callable[[Callable[..., Any]], Rule]:
    """Make the decorated function the check of rule ``id``: the decorator returns the
    :class:`Rule` (data plus the function). Nothing is registered: each rule module lists its
    rules in ``RULES``, and :mod:`post65.catalogue` lists the modules.

    Without ``each`` the function is a :data:`CheckFn` on the whole document; with ``each`` it
    is a :data:`JudgeFn` on one item and returns a :class:`Verdict` (or verdicts on parts).
    ``interpretations`` say where the rule's reading goes beyond the words it cites.
    """

    def decorate(fn: Callable[..., Any]) -> Rule:
        return Rule(
            id, scheme, severity, subject, kinds, title, citation, fn, each, interpretations
        )

    return decorate


@attrs.frozen
class CheckResult:
    """Every finding of a check, and its summary. Iterating gives the findings."""

    kind: str
    findings: tuple[Finding, ...]
    rule_severities: Mapping[str, Severity] = attrs.field(factory=dict)
    """Each rule's own severity (the catalogue's), by id: :meth:`to_json` names a finding's
    severity only where it differs."""

    def __iter__(self) -> Iterator[Finding]:
        return iter(self.findings)

    def __len__(self) -> int:
        return len(self.findings)

    @property
    def summary(self) -> dict[str, int]:
        """How many findings had each outcome (every outcome is present)."""
        return outcome_summary(Counter(f.outcome for f in self.findings))

    @property
    def passed(self) -> bool:
        """True when no error rule is ``not_met`` (``post65 check`` exits 0)."""
        return not any(f.fails for f in self.findings)

    def for_rule(self, rule_id: str) -> tuple[Finding, ...]:
        """The findings of one rule."""
        return tuple(f for f in self.findings if f.rule == rule_id)

    def to_json(self, lang: Lang = "nb") -> dict[str, Any]:
        """The ``post65 check --format json`` document (``docs/cli.md``).

        ``findings`` lists each rule's findings under its id, in the order found (see
        :func:`rule_json`); ``rules`` then gives each rule once, in the same order: its
        ``severity``, its ``citation``, and the readings in force for it. ``findings`` comes
        first so that ``post65 check`` can write each rule's findings as soon as the rule has run
        (:func:`post65.rules.check_by_rule`); ``rules`` and ``summary`` are complete only at the
        end. The rule's severity is the catalogue's (:attr:`rule_severities`); a result built
        without it takes the first finding's."""
        by_rule: dict[str, list[Finding]] = {}
        for f in self.findings:
            by_rule.setdefault(f.rule, []).append(f)
        cited: dict[str, dict[str, Any]] = {}
        grouped: dict[str, list[dict[str, Any]]] = {}
        for rule_id, found in by_rule.items():
            severity = self.rule_severities.get(rule_id, found[0].severity)
            cited[rule_id], grouped[rule_id] = rule_json(severity, found, lang)
        return {"kind": self.kind, "findings": grouped, "rules": cited, "summary": self.summary}


def outcome_summary(counts: Mapping[Outcome, int]) -> dict[str, int]:
    """How many findings had each outcome, by the outcome's value, every outcome present: what
    :attr:`CheckResult.summary` says, from counts a caller may have kept as findings came."""
    return {o.value: counts.get(o, 0) for o in Outcome}


def rule_json(
    severity: Severity, findings: Iterable[Finding], lang: Lang = "nb"
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """One rule's entry in ``rules`` and its rows in ``findings`` of the check JSON, from its
    findings (of one check) and its own ``severity`` (see :func:`rule_rows`)."""
    entry: dict[str, Any] = {}
    return entry, list(rule_rows(severity, findings, entry, lang))


def rule_rows(
    severity: Severity, findings: Iterable[Finding], entry: dict[str, Any], lang: Lang = "nb"
) -> Iterator[dict[str, Any]]:
    """One rule's rows in ``findings`` of the check JSON, one at a time, filling in ``entry``
    its entry in ``rules`` as they are made (complete when the last row is taken).

    The entry has ``severity``, ``citation`` and (for a rule with a reading parameter)
    ``readings``: the findings' ``reading…`` values, the same for every finding of the rule in
    one check. A row has ``outcome``, ``subject`` and ``message``, ``values`` only when it has
    figures, and ``severity`` only where it is not the rule's (C-3: a reason given turns an
    error into advice). Each message object is rendered once: findings share many (a skipped
    measure's reason, a rule's one ``met``), and each stays held here, so no id is reused."""
    entry["severity"] = severity.value
    readings: dict[str, str] = {}
    texts: dict[int, tuple[Message, str]] = {}
    for f in findings:
        if "citation" not in entry:
            c = f.citation
            entry["citation"] = {"source": c.source, "section": c.section, "quote": c.quote}
        values = dict(f.values)
        for k in [k for k in values if k.startswith("reading")]:
            readings[k] = values.pop(k)
        m = f.message
        text = (texts.get(id(m)) or texts.setdefault(id(m), (m, m(lang))))[1]
        row: dict[str, Any] = {"outcome": f.outcome.value, "subject": f.subject, "message": text}
        if f.severity is not severity:
            row["severity"] = f.severity.value
        if values:
            row["values"] = values
        yield row
    if readings:
        entry["readings"] = readings
