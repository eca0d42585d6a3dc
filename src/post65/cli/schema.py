"""``post65 schema``: the JSON Schema of a document kind, or the list of kinds."""

from __future__ import annotations

import argparse

from post65.cli._output import EXIT_OK, msg, write, write_json

__all__ = ["add", "run"]

KEYS = (
    # The title of each document kind, by name (post65.kinds.KINDS).
    "cli.schema.kind.allocation",
    "cli.schema.kind.application",
    "cli.schema.kind.applications",
    "cli.schema.kind.call",
    "cli.schema.kind.portfolio",
    "cli.schema.kind.programme",
    "cli.schema.kind.report",
)
"""Keys built at run time (see tests/test_catalogues.py)."""


def run(args: argparse.Namespace) -> int:
    """Print the schema of ``args.kind``, or every kind with its title."""
    from post65.io import document_kind, document_kinds, json_schema

    if args.kind is None:
        for kind in document_kinds():
            key = f"cli.schema.kind.{kind.name}"
            title = msg(key)(args.lang) if key in KEYS else kind.title
            write(f"{kind.name}\t{title}\n")
        return EXIT_OK
    document_kind(args.kind)
    write_json(json_schema(args.kind))
    return EXIT_OK


def add(p: argparse.ArgumentParser) -> None:
    """Add the arguments of the ``schema`` subcommand to its parser ``p``."""
    p.description = "Print the JSON Schema of a document kind; without KIND, list the kinds."
    p.add_argument("kind", metavar="KIND", nargs="?")
    p.set_defaults(func=run)
