"""``post65 check``: check a document against every rule that applies to it.

By default the table shows what needs action first (``not_met``, then ``undetermined``, each with
the field to fill or fix: the finding's JSON Pointer), then the advice («bør» rules), then one
summary line; ``--all`` prints every finding grouped by subject. ``--format json`` prints the
compact JSON of ``docs/cli.md`` (each rule's severity and citation once, in ``rules``; its
findings under its id, one a line). Exit 0: no error rule is not met; 1: at least one is; 2: the
input cannot be used.
"""

from __future__ import annotations

import argparse
from collections import Counter
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any, Final

from post65.cli._desk import add_output_arguments, check_tables, output_problems, write_tables
from post65.cli._options import (
    Problems,
    add_max_mib_argument,
    add_parameter_arguments,
    add_reading_arguments,
    add_selection_arguments,
    document_and_options,
)
from post65.cli._output import (
    EXIT_NOT_MET,
    EXIT_OK,
    escape_markdown,
    label,
    msg,
    render_table,
    wrap,
    write,
    write_json_rows,
)

if TYPE_CHECKING:
    from post65.errors import Lang
    from post65.rulebook import CheckResult, Finding, Outcome, Rule
    from post65.text import Message

__all__ = ["add", "render_action", "render_findings", "run", "summary_line"]

# The outcomes and severities by their values (Outcome and Severity are StrEnums, so a member
# finds its entry and equals its value): building the parser (``--help``) imports no rulebook,
# and a finding is sorted and sorted out without importing it per finding. tests/test_startup.py
# holds these equal to the enums.
_OUTCOME_ORDER: Final[dict[str, int]] = {
    "not_met": 0,
    "undetermined": 1,
    "met": 2,
    "not_applicable": 3,
}
_NEEDS_ACTION: Final = ("not_met", "undetermined")


def _finding_rank(f: Finding) -> tuple[int, int]:
    return (0 if f.fails else 1, _OUTCOME_ORDER[f.outcome])


def summary_line(result: CheckResult, lang: Lang) -> str:
    """The closing line of ``post65 check``: how many findings had each outcome."""
    return _summary_text(result.summary, result.passed, lang)


def _summary_text(summary: Mapping[str, int], passed: bool, lang: Lang) -> str:
    from post65.rulebook import Outcome

    parts = ", ".join(f"{n} {label(Outcome(o), lang)}" for o, n in summary.items())
    verdict = msg("cli.check.passed") if passed else msg("cli.check.failed")
    return msg("cli.check.summary", counts=parts, verdict=verdict)(lang)


class _Tally:
    """What ``post65 check`` counts of the findings as each rule's come (it need not hold them):
    how many had each outcome, and whether an error rule was not met."""

    def __init__(self) -> None:
        self.counts: Counter[Outcome] = Counter()
        self.passed = True

    def add(self, findings: list[Finding]) -> None:
        self.counts.update(f.outcome for f in findings)
        if self.passed and any(f.fails for f in findings):
            self.passed = False

    @property
    def summary(self) -> dict[str, int]:
        """As :attr:`CheckResult.summary`."""
        from post65.rulebook import outcome_summary

        return outcome_summary(self.counts)

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def _shown_by_default(f: Finding) -> bool:
    """Whether the default view shows ``f``: it needs action, or it is met advice."""
    if f.outcome in _NEEDS_ACTION:
        return True
    return f.severity == "advice" and f.outcome == "met"


def _pointer_key(pointer: str) -> tuple[tuple[int, int | str], ...]:
    """Sort key of a JSON Pointer in document order (``/measures/10`` after ``/measures/9``)."""
    if not pointer:
        return ()
    return tuple((0, int(t)) if t.isdigit() else (1, t) for t in pointer[1:].split("/"))


def _group_of(subject: str, subjects: frozenset[str] | set[str]) -> str:
    """The shortest of ``subjects`` that ``subject`` is or lies under (the root ``""`` gathers
    only itself), so a measure's beneficiaries join the measure and the admin cost items join
    the funds. Looks only at the pointer's own ancestors: linear in the pointer's length."""
    start = 1
    while (cut := subject.find("/", start)) != -1:
        if subject[:cut] in subjects:
            return subject[:cut]
        start = cut + 1
    return subject


def render_findings(
    result: CheckResult,
    *,
    fmt: str,
    lang: Lang,
    labels: Mapping[str, str] | None = None,
) -> str:
    """Findings grouped by subject (``table`` or ``markdown``), with a summary line last.

    A subject below another one joins its group (a measure's beneficiaries, the items of the
    funds), its pointer within the group's leading its message (``/beneficiaries/0: …``).
    Groups with a failing finding come first, then the rest in document order; within a group
    ``not_met`` errors come first, and the rules that do not apply are gathered in one row.
    ``labels`` names subjects in the group titles (a measure's id and title). The work grows
    as n log n with the number of findings.
    """
    from post65.rulebook import Outcome, Severity

    subjects = {f.subject for f in result.findings}
    groups: dict[str, list[Finding]] = {}
    for f in result.findings:
        groups.setdefault(_group_of(f.subject, subjects), []).append(f)
    ordered = sorted(
        groups.items(),
        key=lambda kv: (0 if any(f.fails for f in kv[1]) else 1, _pointer_key(kv[0])),
    )
    outcome = {o: label(o, lang) for o in Outcome}
    severity = {s: label(s, lang) for s in Severity}
    headers = [
        msg("cli.check.rule")(lang),
        msg("cli.check.outcome")(lang),
        msg("cli.check.severity")(lang),
        msg("cli.check.message")(lang),
    ]
    from post65.rules import rules

    catalogue = {r.id: k for k, r in enumerate(rules())}
    chunks: list[str] = []
    for subject, findings in ordered:
        findings.sort(
            key=lambda f: (
                _finding_rank(f),
                catalogue.get(f.rule, len(catalogue)),
                f.rule,
                _pointer_key(f.subject),
            )
        )
        applicable = [f for f in findings if f.outcome is not Outcome.NOT_APPLICABLE]
        skipped = [f for f in findings if f.outcome is Outcome.NOT_APPLICABLE]
        if not applicable:
            applicable, skipped = skipped, []
        rows: list[list[str]] = []
        for f in applicable:
            text = f.message(lang)
            if f.subject != subject:  # its place in the group's subject, a JSON Pointer
                text = f"{f.subject[len(subject) :]}: {text}"
            rows.append(
                [
                    f.rule,
                    outcome[f.outcome],
                    severity[f.severity],
                    text if fmt == "markdown" else wrap(text, 62),
                ]
            )
        if skipped:
            ids = ", ".join(dict.fromkeys(f.rule for f in skipped))
            rows.append(
                [
                    "",
                    outcome[Outcome.NOT_APPLICABLE],
                    "",
                    ids if fmt == "markdown" else wrap(ids, 62),
                ]
            )
        title = _title(subject, (labels or {}).get(subject), lang)
        if fmt == "markdown":
            chunks.append(
                f"### {escape_markdown(title)}\n\n" + render_table(headers, rows, fmt=fmt)
            )
        else:
            chunks.append(wrap(title, 100) + "\n" + render_table(headers, rows, fmt=fmt))
    chunks.append(summary_line(result, lang))
    return "\n\n".join(chunks) + "\n"


_SEVERITY_ORDER: Final[dict[str, int]] = {"error": 0, "advice": 1}


def _named(subject: str, labels: Mapping[str, str]) -> str | None:
    """The id of the item ``subject`` lies in (``m-2024-08`` for ``/measures/7/beneficiaries/0``),
    from the labels ``id: title`` a document gives its subjects."""
    cut = len(subject)
    while cut > 0:
        name = labels.get(subject[:cut])
        if name is not None:
            return name.split(": ", 1)[0]
        cut = subject.rfind("/", 0, cut)
    return None


def render_action(
    result: CheckResult,
    *,
    fmt: str,
    lang: Lang,
    labels: Mapping[str, str] | None = None,
) -> str:
    """What needs action, then the advice, then one summary line (``table`` or ``markdown``).

    The first table holds every ``not_met`` finding, then every ``undetermined`` one (requirements
    before advice, then in document order), each with the field to fix or fill: the finding's
    JSON Pointer and the id of the item it lies in. The second holds the other findings of the
    advice («bør») rules that apply. Findings that are met or do not apply are only counted in
    the summary line (``--all`` shows them). The work grows as n log n with the findings.
    """
    shown = [f for f in result.findings if _shown_by_default(f)]
    return _render_action(
        shown,
        result.summary,
        result.passed,
        len(result.findings),
        fmt=fmt,
        lang=lang,
        labels=labels,
    )


def _render_action(
    shown: list[Finding],
    summary: Mapping[str, int],
    passed: bool,
    total: int,
    *,
    fmt: str,
    lang: Lang,
    labels: Mapping[str, str] | None,
) -> str:
    """:func:`render_action` from the findings it shows (:func:`_shown_by_default`) and the
    counts of all of them: what ``post65 check`` keeps of a check it does not hold whole."""
    from post65.rulebook import Outcome, Severity
    from post65.rules import rules

    catalogue = {r.id: k for k, r in enumerate(rules())}
    names = labels or {}
    action = [f for f in shown if f.outcome in _NEEDS_ACTION]
    advice = [f for f in shown if f.outcome not in _NEEDS_ACTION]  # met advice
    action.sort(
        key=lambda f: (
            _OUTCOME_ORDER[f.outcome],
            _SEVERITY_ORDER[f.severity],
            _pointer_key(f.subject),
            catalogue.get(f.rule, len(catalogue)),
            f.rule,
        )
    )
    advice.sort(
        key=lambda f: (_pointer_key(f.subject), catalogue.get(f.rule, len(catalogue)), f.rule)
    )
    headers = [
        msg("cli.check.rule")(lang),
        msg("cli.check.outcome")(lang),
        msg("cli.check.severity")(lang),
    ]
    if fmt == "markdown":
        headers += [msg("cli.check.field")(lang), msg("cli.check.message")(lang)]
    else:  # the field above its message, so a row fits 100 columns
        headers.append(msg("cli.check.field_and_message")(lang))
    outcome = {o: label(o, lang) for o in Outcome}
    severity = {s: label(s, lang) for s in Severity}

    def rows(findings: list[Finding]) -> list[list[str]]:
        out: list[list[str]] = []
        for group in _alike(findings):
            f = group[0]
            field = f.subject or "/"
            name = _named(f.subject, names)
            if name:
                field = f"{field} ({name})"
            text = f.message(lang)
            if len(group) > 1:
                items = dict.fromkeys(_named(g.subject, names) or g.subject for g in group[1:])
                more = msg("cli.check.same", n=len(group) - 1, fields=list(items))(lang)
                text = f"{text} {more}" if fmt == "markdown" else f"{wrap(text, 62)}\n{more}"
            row = [f.rule, outcome[f.outcome], severity[f.severity]]
            if fmt == "markdown":
                row += [field, text]
            else:
                row.append(wrap(field, 62) + "\n" + wrap(text, 62))
            out.append(row)
        return out

    chunks: list[str] = []
    sections = (
        (msg("cli.check.to_fix", n=len(action)), action, msg("cli.check.nothing_to_fix")),
        (msg("cli.check.advice", n=len(advice)), advice, None),
    )
    for title, findings, empty in sections:
        if findings:
            body = render_table(headers, rows(findings), fmt=fmt)
        elif empty is not None:
            body = empty(lang)
        else:
            continue
        heading = title(lang)
        if fmt == "markdown":
            chunks.append(f"### {escape_markdown(heading)}\n\n{body}")
        else:
            chunks.append(f"{heading}\n{body}")
    line = _summary_text(summary, passed, lang)
    hidden = total - len(action) - len(advice)
    if hidden:
        line = msg("cli.check.more", summary=line)(lang)
    chunks.append(line)
    return "\n\n".join(chunks) + "\n"


GROUP_FROM: Final = 4
"""This many findings of one rule with messages of one shape (the same catalogue keys, other
names and numbers) are shown as one row: the first in full, the others by their field."""


def _shape(f: Finding, message: type[Message]) -> tuple[object, ...]:
    nested = tuple(sorted((k, v.key) for k, v in f.message.args.items() if isinstance(v, message)))
    return (f.rule, f.outcome, f.severity, f.message.key, nested)


def _alike(findings: list[Finding]) -> list[list[Finding]]:
    """``findings`` in their order, those of one shape gathered at the first of them when there
    are at least :data:`GROUP_FROM` (each alone otherwise)."""
    from post65.text import Message

    by_shape: dict[tuple[object, ...], list[Finding]] = {}
    for f in findings:
        by_shape.setdefault(_shape(f, Message), []).append(f)
    out: list[list[Finding]] = []
    for f in findings:
        group = by_shape[_shape(f, Message)]
        if len(group) < GROUP_FROM:
            out.append([f])
        elif group[0] is f:
            out.append(group)
    return out


def _title(subject: str, name: str | None, lang: Lang) -> str:
    """A group's title: «Gjelder: /measures/0 (T-1 Name)»."""
    if name:
        return msg("cli.check.group_named", subject=subject or "/", name=name)(lang)
    return msg("cli.check.group", subject=subject or "/")(lang)


def run(args: argparse.Namespace) -> int:
    """Check the document ``args.file``; exit 1 when an error rule is not met.

    The JSON output and the default view are written from the findings of one rule at a time
    (:func:`post65.rules.check_by_rule`): the JSON as each rule's findings come, the default view
    from the few findings it shows and the counts of the rest, so neither holds every finding
    (a check of 100 000 measures makes about 1.5 million). ``--all`` (of ``table`` and
    ``markdown``) and ``xlsx`` order every finding by subject, so they hold them all; the JSON
    is the same with ``--all`` (it has every finding). Every problem of the options (output, size
    limit, index and selection, ``--param``) is reported at once, with the document's."""
    from post65._gc import collector_paused
    from post65.rules import check, check_by_rule

    problems = Problems()
    problems.items.extend(output_problems(args))
    document, index, selection, parameters = document_and_options(args, problems)
    describe = getattr(document, "subject_labels", None)
    # --all (table, markdown) and xlsx order every finding by subject: held whole. The JSON
    # holds every finding, met ones included, with --all or without it.
    if args.format == "xlsx" or (args.all and args.format != "json"):
        result = check(document, index=index, selection=selection, parameters=parameters)
        labels = describe() if callable(describe) else None
        if args.format == "xlsx":
            write_tables(check_tables(result, args.lang, labels), args)
        else:
            write(render_findings(result, fmt=args.format, lang=args.lang, labels=labels))
        return EXIT_OK if result.passed else EXIT_NOT_MET
    parts = check_by_rule(document, index=index, selection=selection, parameters=parameters)
    with collector_paused():  # rows, texts and findings: many, short-lived, no reference cycle
        return _write_by_rule(args, document, parts, describe)


def _write_by_rule(
    args: argparse.Namespace,
    document: object,
    parts: Iterator[tuple[Rule, list[Finding]]],
    describe: Any,
) -> int:
    """The JSON or the default view of ``parts``, written from one rule's findings at a time
    (see :func:`run`); the exit code."""
    from post65.io import kind_of
    from post65.rulebook import rule_rows

    tally = _Tally()
    if args.format == "json":
        cited: dict[str, dict[str, Any]] = {}

        def findings() -> Iterator[tuple[str, Iterator[dict[str, Any]]]]:
            for rule, found in parts:
                tally.add(found)
                if found:
                    cited[rule.id] = {}
                    yield rule.id, rule_rows(rule.severity, found, cited[rule.id], args.lang)

        write_json_rows(
            {
                "kind": kind_of(document),
                "findings": findings(),
                "rules": lambda: cited,
                "summary": lambda: tally.summary,
            }
        )
    else:
        shown: list[Finding] = []
        for _rule, found in parts:
            tally.add(found)
            shown.extend(f for f in found if _shown_by_default(f))
        labels = describe() if callable(describe) else None
        text = _render_action(
            shown,
            tally.summary,
            tally.passed,
            tally.total,
            fmt=args.format,
            lang=args.lang,
            labels=labels,
        )
        write(text)
    return EXIT_OK if tally.passed else EXIT_NOT_MET


def add(p: argparse.ArgumentParser) -> None:
    """Add the arguments of the ``check`` subcommand to its parser ``p``."""
    p.description = (
        "Check a JSON document (portfolio, allocation, application, programme, report) "
        "against every rule that applies. Exit 0: no error rule is not met; 1: at least one "
        "is; 2: the input cannot be used."
    )
    p.add_argument("file", metavar="FILE", help="the JSON document; - reads standard input")
    p.add_argument("--format", choices=("table", "json", "markdown", "xlsx"), default="table")
    add_max_mib_argument(p)
    add_output_arguments(p, csv=False)
    p.add_argument(
        "--all",
        action="store_true",
        help="show every finding, grouped by subject (by default: what needs action, then "
        "advice); the JSON always has every finding",
    )
    add_selection_arguments(p)
    add_reading_arguments(p)
    add_parameter_arguments(p)
    p.set_defaults(func=run)
