"""The ``post65`` command. Its contract is ``cli.md``: exit codes 0, 1 and 2, JSON on stdout.

Every :class:`~post65.errors.Post65Error` becomes exit code 2 with its message (every problem, in
the chosen language) on stderr; no input a user can give prints a Python traceback.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import sys
import textwrap
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from typing import Any, NoReturn, TextIO

from tabulate import tabulate

from post65 import __version__
from post65.cli_allocate import add_allocate
from post65.cli_report import add_report
from post65.errors import Lang, Post65Error
from post65.parameters import Parameters
from post65.rules import CheckResult, Finding, Rule

__all__ = ["main"]

EXIT_OK = 0
EXIT_NOT_MET = 1
EXIT_BAD_INPUT = 2


class _UsageError(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class _Parser(argparse.ArgumentParser):
    """An ArgumentParser that reports usage errors by exception, so ``main`` returns 2."""

    def error(self, message: str) -> NoReturn:
        raise _UsageError(f"{self.format_usage()}{self.prog}: error: {message}")


def _out() -> TextIO:
    return sys.stdout


def write_json(value: Any) -> None:
    """Write ``value`` as UTF-8 JSON on stdout, nothing else."""
    _out().write(json.dumps(value, ensure_ascii=False, indent=2) + "\n")


def escape_markdown(cell: str) -> str:
    """Escape a table cell for Markdown: raw HTML shows as text (``<`` as ``&lt;``), ``|`` and
    line breaks cannot break the table."""
    from post65.layout import md_text

    return md_text(cell).replace("\\", "\\\\").replace("|", "\\|").replace("\n", "<br>")


def render_table(
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    fmt: str = "table",
    colalign: Sequence[str] | None = None,
) -> str:
    """A table of strings (already formatted: tabulate never sees a number) as plain text
    (``table``) or Markdown (``markdown``)."""
    if fmt == "markdown":
        rows = [[escape_markdown(c) for c in row] for row in rows]
        headers = [escape_markdown(h) for h in headers]
    return tabulate(
        rows,
        headers=list(headers),
        tablefmt="github" if fmt == "markdown" else "simple",
        disable_numparse=True,
        colalign=tuple(colalign) if colalign else None,
    )


def write_csv(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    """Write a CSV table (comma-separated, a header row) on stdout."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(headers)
    writer.writerows(rows)
    _out().write(buf.getvalue())


# --------------------------------------------------------------------------------------------
# Subcommands


def _cmd_municipalities(args: argparse.Namespace) -> int:
    from post65.geography import register
    from post65.money import format_number

    reg = register(2024)
    if args.county is not None:
        reg.county(args.county)  # unknown county → UnknownCounty (exit 2)
        kommuner = reg.municipalities_in(args.county)
    else:
        kommuner = tuple(reg)
    if args.format == "json":
        write_json(
            [
                {
                    "kommunenummer": k.kommunenummer,
                    "name": k.name,
                    "name_alt": k.name_alt,
                    "fylkesnummer": k.fylkesnummer,
                    "population": k.population,
                }
                for k in kommuner
            ]
        )
        return EXIT_OK
    if args.format == "csv":
        write_csv(
            ["kommunenummer", "kommunenavn", "kommunenavn_alt", "fylkesnummer", "folketall"],
            [
                [k.kommunenummer, k.name, k.name_alt or "", k.fylkesnummer, str(k.population)]
                for k in kommuner
            ],
        )
        return EXIT_OK
    nb = args.lang == "nb"
    rows = [
        [
            k.kommunenummer,
            k.name + (f" ({k.name_alt})" if k.name_alt else ""),
            reg.county(k.fylkesnummer).name,
            format_number(k.population),
        ]
        for k in kommuner
    ]
    total = sum(k.population for k in kommuner)
    rows.append(
        [
            "",
            f"Sum ({len(kommuner)} kommuner)" if nb else f"Total ({len(kommuner)} municipalities)",
            "",
            format_number(total),
        ]
    )
    headers = (
        ["Kommunenr.", "Kommune", "Fylke", "Folketall 1.1.2024"]
        if nb
        else ["Number", "Municipality", "County", "Population 1 Jan 2024"]
    )
    _out().write(render_table(headers, rows, colalign=("left", "left", "left", "right")) + "\n")
    return EXIT_OK


def _add_municipalities(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "municipalities",
        parents=[common],
        help="list the municipalities of the 2024 register",
        description=(
            "List the 357 municipalities of 2024 with county and population (1 January 2024, SSB)."
        ),
    )
    p.add_argument("--county", metavar="NN", help="only the municipalities of county NN")
    p.add_argument("--format", choices=("table", "json", "csv"), default="table")
    p.set_defaults(func=_cmd_municipalities)


_OUTCOME_LABEL = {
    "nb": {
        "met": "oppfylt",
        "not_met": "ikke oppfylt",
        "undetermined": "ubestemt",
        "not_applicable": "ikke aktuelt",
    },
    "en": {
        "met": "met",
        "not_met": "not met",
        "undetermined": "undetermined",
        "not_applicable": "not applicable",
    },
}
_SEVERITY_LABEL = {
    "nb": {"error": "feil", "advice": "råd"},
    "en": {"error": "error", "advice": "advice"},
}
_OUTCOME_ORDER = {"not_met": 0, "undetermined": 1, "met": 2, "not_applicable": 3}


def _wrap(text: str, width: int) -> str:
    return "\n".join(textwrap.wrap(text, width=width, break_on_hyphens=False)) or text


def _finding_rank(f: Finding) -> tuple[int, int]:
    return (0 if f.fails else 1, _OUTCOME_ORDER[f.outcome.value])


def summary_line(result: CheckResult, lang: Lang) -> str:
    """The closing line of ``post65 check``: how many findings had each outcome."""
    labels = _OUTCOME_LABEL[lang]
    parts = ", ".join(f"{n} {labels[o]}" for o, n in result.summary.items())
    verdict = (
        ("bestått" if lang == "nb" else "passed")
        if result.passed
        else ("ikke bestått" if lang == "nb" else "failed")
    )
    head = "Oppsummering" if lang == "nb" else "Summary"
    return f"{head}: {parts} ({verdict})"


def _pointer_key(pointer: str) -> tuple[tuple[int, int | str], ...]:
    """Sort key of a JSON Pointer in document order (``/measures/10`` after ``/measures/9``)."""
    if not pointer:
        return ()
    return tuple((0, int(t)) if t.isdigit() else (1, t) for t in pointer[1:].split("/"))


def _group_of(subject: str, roots: Sequence[str]) -> str:
    """The shortest subject in ``roots`` that ``subject`` is or lies under (the root ``""``
    gathers only itself), so a measure's beneficiaries join the measure and the admin cost items
    join the funds."""
    for root in roots:
        if root and (subject == root or subject.startswith(root + "/")):
            return root
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
    funds), its own pointer leading its message. Groups with a failing finding come first, then
    the rest in document order; within a group ``not_met`` errors come first, and the rules that
    do not apply are gathered in one row. ``labels`` names subjects in the group titles (a
    measure's id and title).
    """
    subjects = sorted({f.subject for f in result.findings}, key=_pointer_key)
    groups: dict[str, list[Finding]] = {}
    for f in result.findings:
        groups.setdefault(_group_of(f.subject, subjects), []).append(f)
    ordered = sorted(
        groups.items(),
        key=lambda kv: (0 if any(f.fails for f in kv[1]) else 1, _pointer_key(kv[0])),
    )
    outcome, severity = _OUTCOME_LABEL[lang], _SEVERITY_LABEL[lang]
    headers = (
        ["Regel", "Utfall", "Alvor", "Melding"]
        if lang == "nb"
        else ["Rule", "Outcome", "Severity", "Message"]
    )
    subject_word = "Gjelder" if lang == "nb" else "Subject"
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
        applicable = [f for f in findings if f.outcome.value != "not_applicable"]
        skipped = [f for f in findings if f.outcome.value == "not_applicable"]
        if not applicable:
            applicable, skipped = skipped, []
        rows: list[list[str]] = []
        for f in applicable:
            text = f.message(lang)
            if f.subject != subject:
                text = f"{f.subject[len(subject) + 1 :]}: {text}"
            rows.append(
                [
                    f.rule,
                    outcome[f.outcome.value],
                    severity[f.severity.value],
                    text if fmt == "markdown" else _wrap(text, 62),
                ]
            )
        if skipped:
            ids = ", ".join(dict.fromkeys(f.rule for f in skipped))
            rows.append(
                ["", outcome["not_applicable"], "", ids if fmt == "markdown" else _wrap(ids, 62)]
            )
        title = f"{subject_word}: {subject or '/'}"
        label = (labels or {}).get(subject)
        if label:
            title += f" ({label})"
        if fmt == "markdown":
            chunks.append(
                f"### {escape_markdown(title)}\n\n" + render_table(headers, rows, fmt=fmt)
            )
        else:
            chunks.append(_wrap(title, 100) + "\n" + render_table(headers, rows, fmt=fmt))
    chunks.append(summary_line(result, lang))
    return "\n\n".join(chunks) + "\n"


def add_parameter_arguments(parser: argparse.ArgumentParser) -> None:
    """Add ``--param NAME=VALUE`` (repeatable) to ``parser``."""
    parser.add_argument(
        "--param",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help=(
            "set a policy parameter for this check, e.g. a.admin_cost_share=0.04 or "
            "b.population_decline_min=0.05 (repeatable; `post65 parameters` lists them)"
        ),
    )


def parameters_from_args(args: argparse.Namespace) -> Parameters:
    """The parameters in force: the defaults with every ``--param`` on top; every bad one is
    reported together."""
    from post65.errors import InvalidInput, Problem
    from post65.parameters import parse_assignment

    values: dict[str, Decimal] = {}
    problems: list[Problem] = []
    for text in args.param:
        try:
            name, value = parse_assignment(text)
        except Post65Error as exc:
            problems.append(Problem("--param", exc.nb, exc.en))
        else:
            values[name] = value
    if problems:
        raise InvalidInput(problems)
    return Parameters().with_overrides(values)


def _cmd_parameters(args: argparse.Namespace) -> int:
    from post65.kinds import MODULES  # noqa: F401 - every module declares its parameters
    from post65.parameters import DEFAULTS, WITHOUT_DEFAULT

    rows: list[list[str]] = []
    for name in sorted({*DEFAULTS, *WITHOUT_DEFAULT}):
        for p in DEFAULTS.get(name, ()):
            rows.append(
                [
                    name,
                    str(p.value),
                    p.unit,
                    p.valid_from.isoformat(),
                    p.certainty,
                    f"{p.source} § {p.section}",
                ]
            )
        if name in WITHOUT_DEFAULT:
            rows.append([name, "—", "", "", "?", _wrap(WITHOUT_DEFAULT[name], 50)])
    if args.format == "json":
        write_json(
            [
                {
                    "name": r[0],
                    "value": None if r[1] == "—" else r[1],
                    "unit": r[2],
                    "valid_from": r[3] or None,
                    "certainty": r[4],
                    "source": r[5],
                }
                for r in rows
            ]
        )
        return EXIT_OK
    headers = (
        ["Parameter", "Verdi", "Enhet", "Gyldig fra", "Sikkerhet", "Kilde"]
        if args.lang == "nb"
        else ["Parameter", "Value", "Unit", "Valid from", "Certainty", "Source"]
    )
    _out().write(render_table(headers, rows) + "\n")
    return EXIT_OK


def _add_parameters(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "parameters",
        parents=[common],
        help="list the dated policy parameters",
        description=(
            "List every policy parameter the rules read: value, unit, valid from, certainty "
            "(R regulation, S public source, P county practice, ? unknown) and source. "
            "Parameters without a value have no invented default: set them with --param."
        ),
    )
    p.add_argument("--format", choices=("table", "json"), default="table")
    p.set_defaults(func=_cmd_parameters)


def _cmd_check(args: argparse.Namespace) -> int:
    from post65.cli_allocate import selection_from_args
    from post65.io import load
    from post65.rules import check

    document = load(args.file)
    index, selection = selection_from_args(args)
    result = check(
        document, index=index, selection=selection, parameters=parameters_from_args(args)
    )
    if args.format == "json":
        write_json(result.to_json(args.lang))
    else:
        describe = getattr(document, "subject_labels", None)
        labels = describe() if callable(describe) else None
        _out().write(render_findings(result, fmt=args.format, lang=args.lang, labels=labels))
    return EXIT_OK if result.passed else EXIT_NOT_MET


def _add_check(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "check",
        parents=[common],
        help="check a document against every rule that applies to it",
        description=(
            "Check a JSON document (portfolio, allocation, application, programme, report) "
            "against every rule that applies. Exit 0: no error rule is not met; 1: at least one "
            "is; 2: the input cannot be used."
        ),
    )
    p.add_argument("file", metavar="FILE")
    p.add_argument("--format", choices=("table", "json", "markdown"), default="table")
    from post65.cli_allocate import add_selection_arguments

    add_selection_arguments(p)
    add_parameter_arguments(p)
    p.set_defaults(func=_cmd_check)


def render_rules(catalogue: Sequence[Rule], *, fmt: str, lang: Lang) -> str:
    """The rule catalogue as a table or as a Markdown reference."""
    from post65.law import SOURCES

    severity = _SEVERITY_LABEL[lang]
    if fmt == "markdown":
        title = "Regelkatalog" if lang == "nb" else "Rule catalogue"
        lines = [f"# {title}", ""]
        for r in catalogue:
            src = SOURCES[r.citation.source]
            shipped = (
                ""
                if src.shipped
                else (" (ikke med i pakken)" if lang == "nb" else " (not shipped)")
            )
            lines += [
                f"## {r.id}: {r.title(lang)}",
                "",
                f"- {'Ordning' if lang == 'nb' else 'Scheme'}: {r.scheme}",
                f"- {'Alvor' if lang == 'nb' else 'Severity'}: {severity[r.severity.value]}",
                f"- {'Gjelder' if lang == 'nb' else 'Subject'}: {r.subject}",
                f"- {'Kilde' if lang == 'nb' else 'Source'}: {src.title}, {src.date}, "
                f"§ {r.citation.section}{shipped} <{src.url}>",
                "",
                f"> {r.citation.quote}",
                "",
            ]
        return "\n".join(lines)
    headers = (
        ["Regel", "Alvor", "Gjelder", "Tittel", "Kilde"]
        if lang == "nb"
        else ["Rule", "Severity", "Subject", "Title", "Source"]
    )
    rows = [
        [
            r.id,
            severity[r.severity.value],
            _wrap(r.subject, 20),
            _wrap(r.title(lang), 34),
            _wrap(f"{r.citation.source} § {r.citation.section}", 20),
        ]
        for r in catalogue
    ]
    return render_table(headers, rows) + "\n"


def _cmd_rules(args: argparse.Namespace) -> int:
    from post65.rules import rules

    catalogue = rules(args.scheme)
    if args.format == "json":
        write_json([r.to_json(args.lang) for r in catalogue])
    else:
        _out().write(render_rules(catalogue, fmt=args.format, lang=args.lang))
    return EXIT_OK


def _add_rules(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "rules",
        parents=[common],
        help="list the rule catalogue",
        description="List every rule with its id, severity, subject, title and citation.",
    )
    p.add_argument("--scheme", choices=("a", "b", "c", "p65"))
    p.add_argument("--format", choices=("table", "json", "markdown"), default="table")
    p.set_defaults(func=_cmd_rules)


def _cmd_verify(args: argparse.Namespace) -> int:
    from post65.scenarios import run_paths

    lang: Lang = args.lang
    passed = failed = unusable = 0
    for item in run_paths(args.paths):
        if isinstance(item, tuple):
            path, error = item
            unusable += 1
            failed += 1
            _out().write(f"FAIL {path}: {error.message(lang)}\n")
            continue
        if item.passed:
            passed += 1
            _out().write(f"PASS {item.path}: {item.name}\n")
        else:
            failed += 1
            _out().write(f"FAIL {item.path}: {item.name}\n")
            for problem in item.failures:
                _out().write(f"    {problem.message(lang)}\n")
    _out().write(f"{passed} passed, {failed} failed\n")
    if unusable:
        return EXIT_BAD_INPUT
    return EXIT_NOT_MET if failed else EXIT_OK


def _add_verify(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "verify",
        parents=[common],
        help="run scenario files",
        description=(
            "Run declarative scenario files (a directory is searched for *.scenario.json); "
            "print a line per scenario and 'N passed, M failed'. Exit 1 if any failed."
        ),
    )
    p.add_argument("paths", metavar="PATH", nargs="+")
    p.set_defaults(func=_cmd_verify)


def _cmd_schema(args: argparse.Namespace) -> int:
    from post65.io import document_kind, document_kinds, json_schema

    if args.kind is None:
        for kind in document_kinds():
            _out().write(f"{kind.name}\t{kind.title}\n")
        return EXIT_OK
    document_kind(args.kind)
    write_json(json_schema(args.kind))
    return EXIT_OK


def _add_schema(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "schema",
        parents=[common],
        help="print the JSON Schema of a document kind",
        description="Print the JSON Schema of a document kind; without KIND, list the kinds.",
    )
    p.add_argument("kind", metavar="KIND", nargs="?")
    p.set_defaults(func=_cmd_schema)


_COMMANDS: list[Callable[[Any, argparse.ArgumentParser], None]] = [
    _add_check,
    _add_rules,
    _add_verify,
    _add_schema,
    _add_parameters,
    _add_municipalities,
    add_allocate,
    add_report,
]


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``post65`` command."""
    common = _Parser(add_help=False)
    common.add_argument(
        "--lang",
        choices=("nb", "en"),
        default="nb",
        help="language of messages and titles (default nb, Norwegian bokmål)",
    )
    parser = _Parser(
        prog="post65",
        description="kap. 553 post 65: rules, allocation and reporting, exactly.",
    )
    parser.add_argument("--version", action="version", version=f"post65 {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    for add in _COMMANDS:
        add(sub, common)
    return parser


def _lang_of(argv: Sequence[str]) -> Lang:
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv) and argv[i + 1] == "en":
            return "en"
        if arg == "--lang=en":
            return "en"
    return "nb"


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command with ``argv`` (default ``sys.argv[1:]``); return the exit code."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    lang = _lang_of(args_list)
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None and (getattr(stream, "encoding", "") or "").lower() != "utf-8":
            reconfigure(encoding="utf-8")
    parser = build_parser()
    try:
        args = parser.parse_args(args_list)
    except _UsageError as exc:
        sys.stderr.write(exc.message + "\n")
        return EXIT_BAD_INPUT
    except SystemExit as exc:  # --help and --version
        return exc.code if isinstance(exc.code, int) else EXIT_OK
    try:
        code: int = args.func(args)
    except Post65Error as exc:
        sys.stderr.write(exc.message(lang) + "\n")
        return EXIT_BAD_INPUT
    except RecursionError:
        sys.stderr.write(
            ("inndata er nestet for dypt" if lang == "nb" else "the input is nested too deeply")
            + "\n"
        )
        return EXIT_BAD_INPUT
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:
        # A bug in post65, not in the input. The user gets a sentence, not a traceback; tests and
        # developers set POST65_DEBUG=1 to see the traceback.
        if os.environ.get("POST65_DEBUG"):
            raise
        name = type(exc).__name__
        sys.stderr.write(
            (
                f"intern feil i post65 ({name}: {str(exc)[:200]}); meld den gjerne med inndataene "
                "som ga den"
                if lang == "nb"
                else f"internal error in post65 ({name}: {str(exc)[:200]}); please report it "
                "with the input that caused it"
            )
            + "\n"
        )
        return EXIT_BAD_INPUT
    return code
