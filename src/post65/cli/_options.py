"""The options several ``post65`` commands share, and how they are read.

- :func:`common_parser`: ``--lang nb|nn|en`` (every command; bokmål by default);
- :func:`read_input`: a FILE argument, ``-`` for standard input;
- :func:`add_parameter_arguments` / :func:`parameters_from_args`: ``--param NAME=VALUE``;
- :func:`add_selection_arguments` / :func:`selection_from_args`: ``--index FILE``,
  ``--population FILE``, the selection options ``--lowest N | --max-score S |
  --population-share P | --municipalities LIST`` (at most one), ``--strict-index`` and
  ``--map-old-numbers``, read into ``(DistrictIndex | None, Selection | None)``;
- :func:`document_and_options`: a command's FILE with all of these (``check``).

Every problem is reported at once (each with its option, or its file and CSV line) in one
:class:`~post65.errors.InvalidInput`, so the command exits 2 with all of them.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Final

from post65.cli._output import msg
from post65.cli._parsing import Parser

if TYPE_CHECKING:
    from decimal import Decimal

    from post65.allocation import Selection
    from post65.districtindex import DistrictIndex
    from post65.errors import Lang, Post65Error, Problem
    from post65.parameters import Parameters
    from post65.text import Message

__all__ = [
    "LANGS",
    "Problems",
    "add_parameter_arguments",
    "add_reading_arguments",
    "add_selection_arguments",
    "common_parser",
    "document_and_options",
    "inputs",
    "lang_of",
    "names_lang",
    "option",
    "parameters_from_args",
    "read_input",
    "selection_from_args",
]

LANGS: Final[tuple[Lang, ...]] = ("nb", "nn", "en")

SELECTION_OPTIONS: Final = ("lowest", "max_score", "population_share", "municipalities")
"""The selection options, by their ``argparse`` destination (one of them, at most)."""


def common_parser() -> Parser:
    """The options every command takes: ``--lang``."""
    common = Parser(add_help=False)
    common.add_argument(
        "--lang",
        choices=LANGS,
        default="nb",
        help="language of every message, label and title: nb (Norwegian bokmål, the default), "
        "nn (Norwegian nynorsk) or en (English)",
    )
    return common


def names_lang(arg: str) -> bool:
    """Whether the command-line word ``arg`` is ``--lang`` as argparse reads it: ``--lang``,
    ``--lang=nn``, or abbreviated as far as ``--l``."""
    name = arg.partition("=")[0]
    return len(name) >= len("--l") and "--lang".startswith(name)


def lang_of(argv: list[str]) -> Lang:
    """The ``--lang`` of a command line, before (or without) parsing it: how a command line the
    parser refuses is still told in the chosen language. As argparse reads it: the last
    ``--lang`` with a language (``--lang nn``, ``--lang=nn``, or abbreviated as far as ``--l``),
    none after ``--``; bokmål when there is none."""
    found: Lang = "nb"
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        if not names_lang(arg):
            continue
        _, equals, value = arg.partition("=")
        if not equals:
            value = argv[i + 1] if i + 1 < len(argv) else ""
        for lang in LANGS:
            if value == lang:
                found = lang
    return found


MAX_MIB: Final = 2048
"""The most ``--max-mib`` raises the document size limit to (``load``'s own bound: 2 GiB)."""


def add_max_mib_argument(parser: argparse.ArgumentParser) -> None:
    """Add ``--max-mib N``: the largest document the command reads, in MiB."""
    parser.add_argument(
        "--max-mib",
        metavar="N",
        default="32",
        help=f"read a document of up to N MiB (default 32, at most {MAX_MIB})",
    )


def max_bytes_from_args(args: argparse.Namespace) -> int:
    """The document size limit ``--max-mib`` gives, in bytes (the default 32 MiB for a command
    without the option); anything but a whole number of MiB from 1 to :data:`MAX_MIB` is
    refused (exit 2)."""
    from post65.errors import InvalidInput, Problem

    text = str(getattr(args, "max_mib", "32")).strip()
    if not (text.isascii() and text.isdigit() and 1 <= int(text) <= MAX_MIB):
        shown = text[:20]
        problem = Problem("--max-mib", msg("cli.max_mib.invalid", value=shown, most=MAX_MIB))
        raise InvalidInput([problem])
    return int(text) * 1024 * 1024


def read_input(path: str, max_bytes: int | None = None) -> str | bytes:
    """What a command's FILE argument names, for :func:`post65.io.load`: the path itself, or
    for ``-`` the bytes of standard input (read up to one byte past the document size limit,
    ``max_bytes`` or load's default, so ``load`` refuses a larger one).

    :raises InvalidDocument: (a ``Post65Error``) when standard input cannot be read.
    """
    if path != "-":
        return path
    from post65.errors import InvalidDocument, Problem
    from post65.jsontext import MAX_DOCUMENT_BYTES, os_reason

    limit = MAX_DOCUMENT_BYTES if max_bytes is None else max_bytes
    stream = sys.stdin
    try:
        if stream is None:
            raise OSError(9, "no standard input")  # EBADF: python was started without one
        binary = getattr(stream, "buffer", None)
        if binary is not None:
            data: bytes = binary.read(limit + 1)
            return data
        return str(stream.read(limit + 1)).encode("utf-8", "surrogatepass")
    except OSError as exc:
        raise InvalidDocument(
            [Problem("", msg("io.file.unreadable", reason=os_reason(exc)))], source="-"
        ) from None


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
    problems = Problems()
    parameters = _parameters(args, problems)
    problems.raise_if_any()
    return parameters


def _parameters(args: argparse.Namespace, problems: Problems) -> Parameters:
    """The defaults with every good ``--param`` on top, every bad one noted in ``problems``."""
    from post65.errors import Post65Error
    from post65.parameters import Parameters, parse_assignment

    values: dict[str, Decimal | str] = {}
    for text in args.param:
        try:
            name, value = parse_assignment(text)
        except Post65Error as exc:
            problems.note("--param", exc.text)
        else:
            values[name] = value
    return Parameters().with_overrides(values)


def option(dest: str, prefix: str = "") -> str:
    """The option of an ``argparse`` destination: ``max_score`` → ``--max-score``."""
    return "--" + prefix + dest.replace("_", "-")


def add_reading_arguments(p: argparse.ArgumentParser) -> None:
    """``--sheet``, ``--knr-column``, ``--score-column`` and their ``--population-*`` kin: how
    to read KDD's workbook (or another file) as published, for every command that reads an
    index (:func:`selection_from_args` passes them to the readers)."""
    group = p.add_argument_group("reading KDD's workbook (or another file) as published")
    group.add_argument(
        "--sheet",
        metavar="NAME",
        help="the index's worksheet (default «Rådata», else the first with the columns);"
        " also for --compare-index",
    )
    group.add_argument(
        "--knr-column", metavar="HEADER", help="the index's kommunenummer column, by its header"
    )
    group.add_argument(
        "--score-column",
        metavar="HEADER",
        help="the index's score column, by its header (e.g. 'DI 2025'); needed when two fit",
    )
    group.add_argument("--population-sheet", metavar="NAME", help="the population's worksheet")
    group.add_argument(
        "--population-knr-column",
        metavar="HEADER",
        help="the population's kommunenummer column, by its header",
    )
    group.add_argument(
        "--population-column",
        metavar="HEADER",
        help="the population's folketall column, by its header",
    )


def add_selection_arguments(parser: argparse.ArgumentParser, *, prefix: str = "") -> None:
    """Add the district index and target-group options to ``parser``.

    ``--index FILE``, ``--population FILE``, ``--strict-index``, ``--map-old-numbers`` and one
    of ``--lowest N``, ``--max-score S``, ``--population-share P``, ``--municipalities LIST``
    (checked by :func:`selection_from_args`, which reports two of them as a problem together
    with every other). ``prefix`` (e.g. ``"compare-"``) names a second set.
    """
    group = parser.add_argument_group(
        "district index and target municipalities" if not prefix else "the allocation compared"
    )
    group.add_argument(
        option("index", prefix),
        metavar="FILE",
        help="district index: CSV (kommunenummer/knr, distriktsindeks/indeks) or KDD's xlsx",
    )
    if not prefix:
        group.add_argument(
            "--population",
            metavar="FILE",
            help="CSV kommunenummer,folketall for every municipality (default: the 2024 register)",
        )
        group.add_argument(
            "--strict-index",
            action="store_true",
            help="refuse an index that lacks municipalities of the 2024 register",
        )
        group.add_argument(
            "--map-old-numbers",
            action="store_true",
            help="read pre-2024 kommunenumre in the index as their 2024 numbers",
        )
    group.add_argument(
        option("lowest", prefix), metavar="N", help="the N lowest scores (ties at the edge in)"
    )
    group.add_argument(
        option("max_score", prefix), metavar="S", help="every municipality with score <= S"
    )
    group.add_argument(
        option("population_share", prefix),
        metavar="P",
        help="the fewest lowest-scoring municipalities with at least P %% of the population",
    )
    group.add_argument(
        option("municipalities", prefix),
        metavar="LIST",
        help=(
            "an explicit list of kommunenumre: 1826,1875,... (for check: the district "
            "municipalities A-1.2 reads; no index needed)"
        ),
    )


class Problems:
    """Problems gathered from several options and files, raised together."""

    def __init__(self) -> None:
        self.items: list[Problem] = []

    def add(self, where: str, exc: Post65Error) -> None:
        """The problems of ``exc``, located at ``where`` (or within the file it names)."""
        from post65.errors import InvalidInput, Problem

        if isinstance(exc, InvalidInput):
            for p in exc.problems:
                if exc.source and not p.where and p.place is None:  # the whole file
                    self._append(Problem(exc.source, p.text))
                elif exc.source and p.where != exc.source:
                    self._append(p.within(exc.source))
                else:
                    self._append(p)
        else:
            self._append(Problem(where, exc.text))

    def note(self, where: str, message: Message) -> None:
        """A problem of the options themselves."""
        from post65.errors import Problem

        self._append(Problem(where, message))

    def _append(self, problem: Problem) -> None:
        """``problem``, unless it is gathered already (two runs that meet the same fault, such
        as both allocations of a comparison, tell it once)."""
        if problem not in self.items:
            self.items.append(problem)

    def raise_if_any(self) -> None:
        """Raise every problem gathered, together."""
        from post65.errors import InvalidInput

        if self.items:
            raise InvalidInput(self.items)


def _read_index_arg(
    path: str, args: argparse.Namespace, where: str, problems: Problems
) -> DistrictIndex | None:
    from post65.districtindex import read_index
    from post65.errors import Post65Error

    try:
        index = read_index(
            path,
            strict=bool(getattr(args, "strict_index", False)),
            map_old_numbers=bool(getattr(args, "map_old_numbers", False)),
            sheet=getattr(args, "sheet", None),
            knr_column=getattr(args, "knr_column", None),
            score_column=getattr(args, "score_column", None),
        )
    except Post65Error as exc:
        problems.add(where, exc)
        return None
    if index.illustrative:  # made-up scores: said on every use, whatever the output
        import sys

        warning = msg("cli.index.illustrative", source=index.source or path)
        sys.stderr.write(warning(getattr(args, "lang", "nb")) + "\n")
    return index


def _same_file(a: str, b: str) -> bool:
    """Whether the paths ``a`` and ``b`` name one file (``False`` when either cannot be read)."""
    import os

    try:
        return a == b or os.path.samefile(a, b)
    except (OSError, ValueError):
        return False


def inputs(
    args: argparse.Namespace,
    problems: Problems,
    *,
    required: bool,
    prefix: str = "",
    read: tuple[str, DistrictIndex | None] | None = None,
) -> tuple[DistrictIndex | None, Selection | None, Mapping[str, int] | None, bool]:
    """The index, selection and population named by ``args``; whether the index had problems.

    ``read`` is an index file already read and what it gave (``None``: its problems, already
    in ``problems``): the same file given again (``--compare-index``) is not read again, so its
    problems are told once, at its file and line, and its warning once."""
    from post65.allocation import Explicit, PopulationShare, SelectionRule, parse_selection
    from post65.districtindex import read_population
    from post65.errors import Post65Error

    attr = prefix.replace("-", "_")
    index: DistrictIndex | None = None
    index_failed = False
    path = getattr(args, attr + "index", None)
    if path is not None:
        if read is not None and _same_file(path, read[0]):
            index = read[1]
        else:
            index = _read_index_arg(path, args, option("index", prefix), problems)
        index_failed = index is None
    population: Mapping[str, int] | None = None
    pop_path = getattr(args, "population", None) if not prefix else None
    if pop_path is not None:
        try:
            population = read_population(
                pop_path,
                sheet=getattr(args, "population_sheet", None),
                knr_column=getattr(args, "population_knr_column", None),
                population_column=getattr(args, "population_column", None),
            )
        except Post65Error as exc:
            problems.add("--population", exc)
    given = [
        (dest, getattr(args, attr + dest))
        for dest in SELECTION_OPTIONS
        if getattr(args, attr + dest, None) is not None
    ]
    if len(given) > 1:
        names = ", ".join(option(dest, prefix) for dest, _ in given)
        problems.note(names, msg("cli.selection.only_one"))
        return index, None, population, index_failed
    if not given:
        if required:
            choices = ", ".join(
                option(dest, prefix) + (" N" if dest == "lowest" else "")
                for dest in SELECTION_OPTIONS
            )
            problems.note("", msg("cli.selection.missing", choices=choices))
        return index, None, population, index_failed
    dest, value = given[0]
    try:
        selection = parse_selection(SelectionRule(dest.replace("_", "-")), value)
    except Post65Error as exc:
        problems.add(option(dest, prefix), exc)
        return index, None, population, index_failed
    if isinstance(selection, PopulationShare) and population is not None:
        selection = PopulationShare(selection.percent, population)
    if not isinstance(selection, Explicit) and path is None and not prefix:
        where = option(dest, prefix)
        problems.note(where, msg("cli.selection.needs_index", option=where))
    if index is not None and not isinstance(selection, Explicit):
        try:  # what the index cannot give (--lowest past its size) is the option's problem
            selection.select(index, population=population)
        except Post65Error as exc:
            problems.add(option(dest, prefix), exc)
            return index, None, population, index_failed
    return index, selection, population, index_failed


def selection_from_args(
    args: argparse.Namespace,
) -> tuple[DistrictIndex | None, Selection | None]:
    """The district index and the selection the options of :func:`add_selection_arguments` name.

    Either may be ``None`` when not given. A selection by score without ``--index``, two
    selection options, unreadable files and bad values are all reported together.

    :raises InvalidInput: (a ``Post65Error``) with every problem, each located by its option or
        by its file and line.
    """
    problems = Problems()
    index, selection, _, _ = inputs(args, problems, required=False)
    problems.raise_if_any()
    return index, selection


def document_and_options(
    args: argparse.Namespace, problems: Problems
) -> tuple[Any, DistrictIndex | None, Selection | None, Parameters]:
    """The document ``args.file`` (loaded within ``--max-mib``) and the index, selection and
    parameters its options name (:func:`add_selection_arguments`, ``--param``), every problem
    of the options reported together with those already in ``problems``.

    The document is read when ``--max-mib`` can be; its problems join those of the options,
    each located in it (``FILE, /pointer``), or, when the options have none, are raised as
    :func:`post65.io.load` raised them (``N problems in FILE:``).

    :raises Post65Error: with every problem (an ``InvalidInput`` when the options have some).
    """
    from post65.errors import InvalidDocument, Post65Error
    from post65.io import load

    max_bytes: int | None = None
    try:
        max_bytes = max_bytes_from_args(args)
    except Post65Error as exc:
        problems.add("--max-mib", exc)
    index, selection, _, _ = inputs(args, problems, required=False)
    parameters = _parameters(args, problems)
    document: Any = None
    if max_bytes is not None:
        try:
            document = load(read_input(args.file, max_bytes), max_bytes=max_bytes)
        except Post65Error as exc:
            if not problems.items:
                raise
            if isinstance(exc, InvalidDocument) and not exc.source and args.file == "-":
                exc.source = msg("cli.stdin")(getattr(args, "lang", "nb"))
            problems.add(args.file, exc)
    problems.raise_if_any()
    return document, index, selection, parameters
