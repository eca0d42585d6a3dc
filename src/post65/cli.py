"""The ``post65`` command. Its contract is ``cli.md``: exit codes 0, 1 and 2, JSON on stdout.

Every :class:`~post65.errors.Post65Error` becomes exit code 2 with its message (every problem, in
the chosen language) on stderr; no input a user can give prints a Python traceback.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from collections.abc import Callable, Sequence
from typing import Any, NoReturn, TextIO

from tabulate import tabulate

from post65 import __version__
from post65.cli_allocate import add_allocate
from post65.errors import Lang, Post65Error

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
    """Escape a table cell for Markdown (``|`` and line breaks)."""
    return cell.replace("\\", "\\\\").replace("|", "\\|").replace("\n", "<br>")


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


_COMMANDS: list[Callable[[Any, argparse.ArgumentParser], None]] = [
    _add_municipalities,
    add_allocate,
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
    return code
