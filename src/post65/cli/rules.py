"""``post65 rules``: the rule catalogue as a table, a Markdown reference or JSON."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import Any

from post65.cli._output import (
    EXIT_OK,
    label,
    render_table,
    subject_label,
    wrap,
    write,
    write_json,
)
from post65.errors import Lang
from post65.rulebook import Rule
from post65.text import msg

__all__ = ["add", "render_rules", "run"]


def render_rules(catalogue: Sequence[Rule], *, fmt: str, lang: Lang) -> str:
    """The rule catalogue as a table or as a Markdown reference."""
    from post65.law import SOURCES

    if fmt == "markdown":
        lines = [f"# {msg('cli.rules.title')(lang)}", ""]
        for r in catalogue:
            src = SOURCES[r.citation.source]
            where = {
                "title": src.title,
                "date": src.date,
                "section": r.citation.section,
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
                f"> {r.citation.quote}",
                "",
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
            wrap(f"{r.citation.source} § {r.citation.section}", 20),
        ]
        for r in catalogue
    ]
    return render_table(headers, rows) + "\n"


def run(args: argparse.Namespace) -> int:
    """List the rules (of one scheme with ``--scheme``)."""
    from post65.rules import rules

    catalogue = rules(args.scheme)
    if args.format == "json":
        write_json([r.to_json(args.lang) for r in catalogue])
    else:
        write(render_rules(catalogue, fmt=args.format, lang=args.lang))
    return EXIT_OK


def add(sub: Any, common: argparse.ArgumentParser) -> None:
    """Add the ``rules`` subcommand."""
    p = sub.add_parser(
        "rules",
        parents=[common],
        help="list the rule catalogue",
        description="List every rule with its id, severity, subject, title and citation.",
    )
    p.add_argument("--scheme", choices=("a", "b", "c", "p65"))
    p.add_argument("--format", choices=("table", "json", "markdown"), default="table")
    p.set_defaults(func=run)
