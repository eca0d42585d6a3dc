"""``post65 allocate`` (``cli.md``), and the index and selection options ``post65 check`` shares.

- :func:`add_selection_arguments` adds ``--index FILE``, ``--population FILE``, the selection
  options ``--lowest N | --max-score S | --population-share P | --municipalities LIST`` (at most
  one), ``--strict-index`` and ``--map-old-numbers`` to a parser;
- :func:`selection_from_args` reads them into ``(DistrictIndex | None, Selection | None)``,
  reporting every problem at once (each with its option, or its file and CSV line) in one
  :class:`~post65.errors.InvalidInput`, so the command exits 2 with all of them.

The allocate command reads the amount, the index and the selection together, so a bad amount, a
malformed index and two selection options are reported in one go. ``--compare-*`` options compute
a second allocation (another index, selection or method) and print the difference per county.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any, Final

from post65.allocation import (
    Allocation,
    Comparison,
    Explicit,
    PopulationShare,
    Selection,
    SelectionRule,
    Unit,
    _units_of,
    allocate,
    compare,
    parse_selection,
)
from post65.apportion import Method
from post65.districtindex import DistrictIndex, read_index, read_population
from post65.errors import InvalidInput, Lang, Post65Error, Problem
from post65.geography import register
from post65.io import dump
from post65.money import Money, amount_to_str, format_amount, format_number, kroner, nok

__all__ = ["add_allocate", "add_selection_arguments", "selection_from_args"]

_SELECTION_OPTIONS: Final = (
    ("lowest", SelectionRule.LOWEST),
    ("max_score", SelectionRule.MAX_SCORE),
    ("population_share", SelectionRule.POPULATION_SHARE),
    ("municipalities", SelectionRule.MUNICIPALITIES),
)

_METHOD_NAMES: Final = {
    Method.LARGEST_REMAINDER: ("største brøk", "largest remainder"),
    Method.SAINTE_LAGUE: ("Sainte-Laguë", "Sainte-Laguë"),
    Method.DHONDT: ("d'Hondt", "D'Hondt"),
}


def _option(dest: str, prefix: str = "") -> str:
    return "--" + prefix + dest.replace("_", "-")


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
        _option("index", prefix),
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
        _option("lowest", prefix), metavar="N", help="the N lowest scores (ties at the edge in)"
    )
    group.add_argument(
        _option("max_score", prefix), metavar="S", help="every municipality with score <= S"
    )
    group.add_argument(
        _option("population_share", prefix),
        metavar="P",
        help="the fewest lowest-scoring municipalities with at least P %% of the population",
    )
    group.add_argument(
        _option("municipalities", prefix),
        metavar="LIST",
        help="an explicit list of kommunenumre: 1826,1875,...",
    )


class _Problems:
    """Problems gathered from several options and files, raised together."""

    def __init__(self) -> None:
        self.items: list[Problem] = []

    def add(self, where: str, exc: Post65Error) -> None:
        if isinstance(exc, InvalidInput):
            for p in exc.problems:
                if exc.source and p.where != exc.source:
                    self.items.append(Problem(f"{exc.source}, {p.where}", p.nb, p.en))
                else:
                    self.items.append(p)
        else:
            self.items.append(Problem(where, exc.nb, exc.en))

    def note(self, where: str, nb: str, en: str) -> None:
        self.items.append(Problem(where, nb, en))

    def raise_if_any(self) -> None:
        if self.items:
            raise InvalidInput(self.items)


def _read_index_arg(
    path: str, args: argparse.Namespace, option: str, problems: _Problems
) -> DistrictIndex | None:
    try:
        return read_index(
            path,
            strict=bool(getattr(args, "strict_index", False)),
            map_old_numbers=bool(getattr(args, "map_old_numbers", False)),
        )
    except Post65Error as exc:
        problems.add(option, exc)
        return None


def _inputs(
    args: argparse.Namespace, problems: _Problems, *, required: bool, prefix: str = ""
) -> tuple[DistrictIndex | None, Selection | None, Mapping[str, int] | None, bool]:
    """The index, selection and population named by ``args``; whether the index had problems."""
    attr = prefix.replace("-", "_")
    index: DistrictIndex | None = None
    index_failed = False
    path = getattr(args, attr + "index", None)
    if path is not None:
        index = _read_index_arg(path, args, _option("index", prefix), problems)
        index_failed = index is None
    population: Mapping[str, int] | None = None
    pop_path = getattr(args, "population", None) if not prefix else None
    if pop_path is not None:
        try:
            population = read_population(pop_path)
        except Post65Error as exc:
            problems.add("--population", exc)
    given = [
        (dest, rule, getattr(args, attr + dest))
        for dest, rule in _SELECTION_OPTIONS
        if getattr(args, attr + dest, None) is not None
    ]
    if len(given) > 1:
        names = ", ".join(_option(dest, prefix) for dest, _, _ in given)
        problems.note(
            names,
            "velg bare ett av disse utvalgene",
            "choose only one of these selections",
        )
        return index, None, population, index_failed
    if not given:
        if required:
            choices = ", ".join(
                _option(dest, prefix) + (" N" if dest == "lowest" else "")
                for dest, _ in _SELECTION_OPTIONS
            )
            problems.note(
                "",
                f"velg målkommunene med ett av {choices}",
                f"choose the target municipalities with one of {choices}",
            )
        return index, None, population, index_failed
    dest, rule, value = given[0]
    try:
        selection = parse_selection(rule, value)
    except Post65Error as exc:
        problems.add(_option(dest, prefix), exc)
        return index, None, population, index_failed
    if isinstance(selection, PopulationShare) and population is not None:
        selection = PopulationShare(selection.percent, population)
    if not isinstance(selection, Explicit) and path is None and not prefix:
        problems.note(
            _option(dest, prefix),
            f"{_option(dest, prefix)} trenger en distriktsindeks: --index FIL",
            f"{_option(dest, prefix)} needs a district index: --index FILE",
        )
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
    problems = _Problems()
    index, selection, _, _ = _inputs(args, problems, required=False)
    problems.raise_if_any()
    return index, selection


# --------------------------------------------------------------------------------------------
# post65 allocate


def add_allocate(sub: Any, common: argparse.ArgumentParser) -> None:
    """Add the ``allocate`` subcommand to the ``post65`` parser."""
    p = sub.add_parser(
        "allocate",
        parents=[common],
        help="allocate an amount between the 15 counties by the district index (§3)",
        description=(
            "Distribute AMOUNT between the 15 counties of 2024 by the population of the target"
            " municipalities (the §3 key of scheme a, also used for scheme b), exactly."
        ),
    )
    p.add_argument(
        "--amount",
        metavar="AMOUNT",
        help="120000000, '120 000 000 kr', '120 mill. kr', '120 MNOK', '120000 kNOK'",
    )
    add_selection_arguments(p)
    p.add_argument(
        "--method",
        choices=[m.value for m in Method],
        default=Method.LARGEST_REMAINDER.value,
        help="apportionment method (default largest-remainder)",
    )
    p.add_argument(
        "--unit", choices=("kr", "1000kr"), default="kr", help="amounts are whole units of this"
    )
    p.add_argument(
        "--format",
        choices=("table", "markdown", "json", "csv", "document"),
        default="table",
        help="output; 'document' is the allocation document that 'post65 check' checks (A-3.1)",
    )
    p.add_argument(
        "--details", action="store_true", help="also list the target municipalities (table)"
    )
    add_selection_arguments(p, prefix="compare-")
    p.add_argument(
        "--compare-method",
        choices=[m.value for m in Method],
        help="compare with this method",
    )
    p.set_defaults(func=_cmd_allocate)


def _compare_requested(args: argparse.Namespace) -> bool:
    names = ["compare_index", "compare_method"] + ["compare_" + d for d, _ in _SELECTION_OPTIONS]
    return any(getattr(args, n, None) is not None for n in names)


def _cmd_allocate(args: argparse.Namespace) -> int:
    lang: Lang = "en" if args.lang == "en" else "nb"
    problems = _Problems()
    if args.amount is None:
        problems.note("--amount", "beløpet mangler: --amount BELØP", "the amount is missing")
    else:
        try:
            _units_of(args.amount, Unit(args.unit))
        except Post65Error as exc:
            problems.add("--amount", exc)
    index, selection, population, _ = _inputs(args, problems, required=True)
    comparing = _compare_requested(args)
    index_b, selection_b = index, selection
    if comparing:
        if args.format == "document":
            problems.note(
                "--format",
                "--format document kan ikke brukes sammen med --compare-*",
                "--format document cannot be combined with --compare-*",
            )
        other_index, other_selection, _, failed = _inputs(
            args, problems, required=False, prefix="compare-"
        )
        if other_index is not None or failed:
            index_b = other_index
        if other_selection is not None:
            selection_b = other_selection
            if isinstance(selection_b, PopulationShare) and population is not None:
                selection_b = PopulationShare(selection_b.percent, population)
    problems.raise_if_any()
    assert selection is not None  # noqa: S101 - required=True reported its absence
    warn = _warn_missing(index, lang)
    result = allocate(
        args.amount,
        index,
        selection,
        method=args.method,
        unit=args.unit,
        population=population,
    )
    if not comparing:
        if warn:
            sys.stderr.write(warn)
        _write_allocation(result, index, args, lang)
        return 0
    assert selection_b is not None  # noqa: S101 - falls back to the first selection
    if index_b is not index:
        warn += _warn_missing(index_b, lang)
    if warn:
        sys.stderr.write(warn)
    other = allocate(
        args.amount,
        index_b,
        selection_b,
        method=args.compare_method or args.method,
        unit=args.unit,
        population=population,
    )
    _write_comparison(compare(result, other), args, lang)
    return 0


def _warn_missing(index: DistrictIndex | None, lang: Lang) -> str:
    if index is None or not index.missing:
        return ""
    count = len(index.missing)
    source = index.source or "index"
    if lang == "nb":
        return (
            f"advarsel: {count} kommuner i 2024-registeret mangler i {source} og kan ikke"
            " velges (--strict-index gjør dette til en feil)\n"
        )
    return (
        f"warning: {count} municipalities of the 2024 register are missing from {source} and"
        " cannot be selected (--strict-index makes this an error)\n"
    )


# --------------------------------------------------------------------------------------------
# Output


def _describe(alloc: Allocation, lang: Lang) -> str:
    spec = alloc.selection
    count = len(alloc.municipalities)
    if spec.rule is SelectionRule.LOWEST:
        nb = f"de {spec.value} laveste på distriktsindeksen ({count} kommuner)"
        en = f"the {spec.value} lowest on the district index ({count} municipalities)"
    elif spec.rule is SelectionRule.MAX_SCORE:
        shown = format_number(Decimal(spec.value))
        nb = f"skår høyst {shown} på distriktsindeksen ({count} kommuner)"
        en = f"score at most {spec.value} on the district index ({count} municipalities)"
    elif spec.rule is SelectionRule.POPULATION_SHARE:
        shown = format_number(Decimal(spec.value))
        nb = f"de lavest skårende med minst {shown} % av folketallet ({count} kommuner)"
        en = (
            f"the lowest-scoring with at least {spec.value} % of the population"
            f" ({count} municipalities)"
        )
    else:
        nb = f"{count} oppgitte kommuner"
        en = f"{count} listed municipalities"
    year = alloc.index.year if alloc.index is not None else None
    if year is not None:
        nb += f", indeks {year}"
        en += f", index {year}"
    method_nb, method_en = _METHOD_NAMES[alloc.method]
    unit_nb = "1 kr" if alloc.unit.kroner == 1 else "1 000 kr"
    amount = format_amount(alloc.amount)
    if lang == "nb":
        return f"Fordeling av {amount}: {nb}; {method_nb}; enhet {unit_nb}"
    return f"Allocation of {amount}: {en}; {method_en}; unit {unit_nb}"


def _write(text: str) -> None:
    sys.stdout.write(text)


def _notes_text(notes: Sequence[str], lang: Lang) -> str:
    if not notes:
        return ""
    head = "Merknader:" if lang == "nb" else "Notes:"
    return "\n" + head + "\n" + "".join(f"- {n}\n" for n in notes)


def _write_allocation(
    alloc: Allocation, index: DistrictIndex | None, args: argparse.Namespace, lang: Lang
) -> None:
    from post65.cli import render_table, write_csv, write_json

    if args.format == "json":
        write_json(alloc.to_cli_json(lang))
        return
    if args.format == "document":
        _write(dump(alloc))
        return
    if args.format == "csv":
        write_csv(
            ["fylkesnummer", "fylkesnavn", "kommuner", "folketall", "kvote", "beløp"],
            [
                [
                    c.fylkesnummer,
                    c.name,
                    " ".join(c.municipalities),
                    str(c.population),
                    str(c.quota),
                    amount_to_str(c.amount),
                ]
                for c in alloc.counties
            ],
        )
        return
    nb = lang == "nb"
    headers = (
        ["Fylkesnr.", "Fylke", "Kommuner", "Folketall", "Kvote", "Beløp"]
        if nb
        else ["Number", "County", "Municipalities", "Population", "Quota", "Amount"]
    )
    rows = [
        [
            c.fylkesnummer,
            c.name,
            str(len(c.municipalities)),
            format_number(c.population),
            format_number(c.quota),
            format_amount(c.amount),
        ]
        for c in alloc.counties
    ]
    units = int(kroner(alloc.amount)) // alloc.unit.kroner
    rows.append(
        [
            "",
            "Sum" if nb else "Total",
            str(len(alloc.municipalities)),
            format_number(alloc.target_population),
            format_number(Decimal(units)),
            format_amount(alloc.amount),
        ]
    )
    align = ("left", "left", "right", "right", "right", "right")
    text = (
        _describe(alloc, lang)
        + "\n\n"
        + render_table(headers, rows, fmt=args.format, colalign=align)
    )
    text += "\n"
    if args.details:
        text += "\n" + _details(alloc, index, args.format, lang) + "\n"
    text += _notes_text([n(lang) for n in alloc.notes], lang)
    _write(text)


def _details(alloc: Allocation, index: DistrictIndex | None, fmt: str, lang: Lang) -> str:
    from post65.cli import render_table

    reg = register(2024)
    pop = alloc.population
    scores = index.scores if index is not None else {}
    rows = []
    for c in alloc.counties:
        for nr in sorted(c.municipalities, key=lambda n: (scores.get(n, Decimal(101)), n)):
            k = reg.municipality(nr)
            score = scores.get(nr)
            rows.append(
                [
                    nr,
                    k.name,
                    c.name,
                    "" if score is None else format_number(score),
                    format_number(pop[nr] if pop is not None else k.population),
                ]
            )
    headers = (
        ["Kommunenr.", "Kommune", "Fylke", "Skår", "Folketall"]
        if lang == "nb"
        else ["Number", "Municipality", "County", "Score", "Population"]
    )
    return render_table(headers, rows, fmt=fmt, colalign=("left", "left", "left", "right", "right"))


def _signed(q: Money) -> str:
    value = kroner(q)
    text = format_amount(q)
    return "+" + text if value > 0 else text


def _names(numbers: Sequence[str]) -> str:
    reg = register(2024)
    return ", ".join(f"{nr} {reg.municipality(nr).name}" for nr in numbers)


def _write_comparison(diff: Comparison, args: argparse.Namespace, lang: Lang) -> None:
    from post65.cli import render_table, write_csv, write_json

    if args.format == "json":
        write_json(
            {
                "a": diff.a.to_cli_json(lang),
                "b": diff.b.to_cli_json(lang),
                "counties": [
                    {
                        "fylkesnummer": c.fylkesnummer,
                        "name": c.name,
                        "amount_a": amount_to_str(c.amount_a),
                        "amount_b": amount_to_str(c.amount_b),
                        "difference": amount_to_str(c.difference),
                        "gained": list(c.gained),
                        "lost": list(c.lost),
                    }
                    for c in diff.counties
                ],
            }
        )
        return
    if args.format == "csv":
        write_csv(
            ["fylkesnummer", "fylkesnavn", "beløp_a", "beløp_b", "differanse", "nye", "tapte"],
            [
                [
                    c.fylkesnummer,
                    c.name,
                    amount_to_str(c.amount_a),
                    amount_to_str(c.amount_b),
                    amount_to_str(c.difference),
                    " ".join(c.gained),
                    " ".join(c.lost),
                ]
                for c in diff.counties
            ],
        )
        return
    nb = lang == "nb"
    headers = (
        ["Fylkesnr.", "Fylke", "A", "B", "Differanse", "Nye", "Tapte"]
        if nb
        else ["Number", "County", "A", "B", "Difference", "Gained", "Lost"]
    )
    rows = [
        [
            c.fylkesnummer,
            c.name,
            format_amount(c.amount_a),
            format_amount(c.amount_b),
            _signed(c.difference),
            str(len(c.gained)),
            str(len(c.lost)),
        ]
        for c in diff.counties
    ]
    total_a = sum((kroner(c.amount_a) for c in diff.counties), start=Decimal(0))
    total_b = sum((kroner(c.amount_b) for c in diff.counties), start=Decimal(0))
    rows.append(
        [
            "",
            "Sum" if nb else "Total",
            format_amount(nok(total_a)),
            format_amount(nok(total_b)),
            _signed(nok(total_b - total_a)),
            str(len(diff.gained)),
            str(len(diff.lost)),
        ]
    )
    align = ("left", "left", "right", "right", "right", "right", "right")
    text = f"A: {_describe(diff.a, lang)}\nB: {_describe(diff.b, lang)}\n\n"
    text += render_table(headers, rows, fmt=args.format, colalign=align) + "\n"
    changes = [c for c in diff.counties if c.gained or c.lost]
    if changes:
        text += (
            "\n"
            + ("Endrede målkommuner (B mot A):" if nb else "Target municipalities, B against A:")
            + "\n"
        )
        for c in changes:
            parts = []
            if c.gained:
                parts.append(("nye: " if nb else "gained: ") + _names(c.gained))
            if c.lost:
                parts.append(("tapte: " if nb else "lost: ") + _names(c.lost))
            text += f"- {c.fylkesnummer} {c.name}: " + "; ".join(parts) + "\n"
    notes = [n(lang) for n in diff.a.notes if n in diff.b.notes]
    notes += [f"A: {n(lang)}" for n in diff.a.notes if n not in diff.b.notes]
    notes += [f"B: {n(lang)}" for n in diff.b.notes if n not in diff.a.notes]
    text += _notes_text(notes, lang)
    _write(text)
