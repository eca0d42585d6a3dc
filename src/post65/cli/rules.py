"""``post65 rules``: the rule catalogue as a table, a Markdown reference or JSON."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import TYPE_CHECKING

from post65.cli._output import (
    EXIT_OK,
    label,
    msg,
    render_table,
    subject_label,
    wrap,
    write,
    write_json,
)

if TYPE_CHECKING:
    from post65.errors import Lang
    from post65.law import Citation, Interpretation
    from post65.rulebook import Rule
    from post65.text import Message

__all__ = ["add", "render_interpretations", "render_rules", "run"]


def _reading(i: Interpretation, *, full: bool = True) -> Message:
    """One interpretation as one line: its id, its basis (with the source it rests on: title,
    date and URL when ``full``, else the source's id), and its text."""
    from post65.law import SOURCES

    src = None if i.source is None else SOURCES[i.source]
    if src is None:
        return msg("cli.rules.interpretation", id=i.id, basis=i.basis, text=i.text)
    if not full:
        return msg(
            "cli.rules.interpretation_short", id=i.id, basis=i.basis, source=src.id, text=i.text
        )
    return msg(
        "cli.rules.interpretation_source",
        id=i.id,
        basis=i.basis,
        title=src.title,
        date=src.date,
        url=src.url,
        text=i.text,
    )


def _citation_markdown(c: Citation, lang: Lang) -> list[str]:
    """A verbatim quote as a block quotation; a paraphrase marked as one, never as a quote."""
    if c.verbatim:
        return [f"> {c.quote}", ""]
    return [msg("cli.rules.paraphrase", text=c.paraphrase or c.quote)(lang), ""]


def _interpretations_markdown(r: Rule, lang: Lang) -> list[str]:
    if not r.interpretations:
        return []
    lines = [msg("cli.rules.interpretations")(lang), ""]
    for i in r.interpretations:
        lines.append(f"- {_reading(i)(lang)}")
        lines += [
            f"  - {msg('cli.rules.alternative', id=a.id, text=a.text)(lang)}"
            for a in i.alternatives
        ]
    return [*lines, ""]


def _details(catalogue: Sequence[Rule], lang: Lang) -> list[str]:
    """Below the table: each rule's citation and interpretations, indented and wrapped (no blank
    line: a table's reader counts its rows by the lines that start with a rule id)."""
    import textwrap

    from post65.law import cited

    lines = [msg("cli.rules.details")(lang)]
    for r in catalogue:
        c = r.citation
        words = (
            msg("cli.rules.quoted", quote=c.quote)
            if c.verbatim
            else msg("cli.rules.paraphrase", text=c.paraphrase or c.quote)
        )
        where = cited(c.source, c.section)
        lines.append(f"  {r.id}  {where}")
        lines += textwrap.wrap(
            words(lang), 96, initial_indent="    ", subsequent_indent="    ", break_on_hyphens=False
        )
        for i in r.interpretations:
            lines += textwrap.wrap(
                _reading(i, full=False)(lang),
                96,
                initial_indent="    - ",
                subsequent_indent="      ",
                break_on_hyphens=False,
            )
            for a in i.alternatives:
                alternative = msg("cli.rules.alternative", id=a.id, text=a.text)(lang)
                lines += textwrap.wrap(
                    alternative,
                    96,
                    initial_indent="      · ",
                    subsequent_indent="        ",
                    break_on_hyphens=False,
                )
    return lines


def render_interpretations(catalogue: Sequence[Rule], lang: Lang = "en") -> str:
    """Every interpretation of every rule in one Markdown table (``docs/interpretations.md``)."""
    from post65.law import SOURCES

    head = [msg(f"cli.interpretations.{k}")(lang) for k in _COLUMNS]
    lines = [
        f"# {msg('cli.interpretations.title')(lang)}",
        "",
        msg("cli.interpretations.intro")(lang),
        "",
        "| " + " | ".join(head) + " |",
        "|" + "---|" * len(head),
    ]
    for r in catalogue:
        for i in r.interpretations:
            src = None if i.source is None else SOURCES[i.source]
            basis = label(i.basis, lang)
            if src is not None:
                basis += f": {src.title}, {src.date}, <{src.url}>"
            alternatives = "<br>".join(f"`{a.id}`: {a.text(lang)}" for a in i.alternatives)
            cells = [r.id, f"`{i.id}`", basis, i.text(lang), alternatives or "–"]
            cells.append("–" if i.parameter is None else f"`{i.parameter}`")
            lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    return "\n".join(lines) + "\n"


_COLUMNS = ("rule", "id", "basis", "text", "alternatives", "parameter")
KEYS = (
    "cli.interpretations.rule",
    "cli.interpretations.id",
    "cli.interpretations.basis",
    "cli.interpretations.text",
    "cli.interpretations.alternatives",
    "cli.interpretations.parameter",
)
"""The column headers of :func:`render_interpretations`, named by :data:`_COLUMNS`."""


def render_rules(catalogue: Sequence[Rule], *, fmt: str, lang: Lang) -> str:
    """The rule catalogue as a table or as a Markdown reference."""
    from post65.law import SOURCES, cited, marked

    if fmt == "markdown":
        lines = [f"# {msg('cli.rules.title')(lang)}", ""]
        for r in catalogue:
            src = SOURCES[r.citation.source]
            where = {
                "title": src.title,
                "date": src.date,
                "section": marked(r.citation.section),
                "url": src.url,
            }
            source = (
                msg("cli.rules.source", **where)
                if src.shipped
                else msg("cli.rules.source_not_shipped", **where)
            )
            lines += [
                f"## {r.id}: {r.title(lang)}",
                "",
                f"- {msg('cli.rules.scheme', scheme=r.scheme)(lang)}",
                f"- {msg('cli.rules.severity', severity=r.severity)(lang)}",
                f"- {msg('cli.rules.subject', subject=subject_label(r.subject, lang))(lang)}",
                f"- {source(lang)}",
                "",
                *_citation_markdown(r.citation, lang),
                *_interpretations_markdown(r, lang),
            ]
        return "\n".join(lines)
    headers = [
        msg("cli.rules.rule")(lang),
        msg("cli.rules.severity_header")(lang),
        msg("cli.rules.subject_header")(lang),
        msg("cli.rules.title_header")(lang),
        msg("cli.rules.source_header")(lang),
    ]
    rows = [
        [
            r.id,
            label(r.severity, lang),
            wrap(subject_label(r.subject, lang), 20),
            wrap(r.title(lang), 34),
            wrap(cited(r.citation.source, r.citation.section), 20),
        ]
        for r in catalogue
    ]
    return render_table(headers, rows) + "\n" + "\n".join(_details(catalogue, lang)) + "\n"


def run(args: argparse.Namespace) -> int:
    """List the rules (of one scheme with ``--scheme``)."""
    from post65.rules import rules

    catalogue = rules(args.scheme)
    if args.format == "json":
        write_json([r.to_json(args.lang) for r in catalogue])
    else:
        write(render_rules(catalogue, fmt=args.format, lang=args.lang))
    return EXIT_OK


def add(p: argparse.ArgumentParser) -> None:
    """Add the arguments of the ``rules`` subcommand to its parser ``p``."""
    p.description = "List every rule with its id, severity, subject, title and citation."
    p.add_argument("--scheme", choices=("a", "b", "c", "p65"))
    p.add_argument("--format", choices=("table", "json", "markdown"), default="table")
    p.set_defaults(func=run)
