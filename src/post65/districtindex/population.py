"""The population file ``post65 allocate --population`` takes."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping

from post65.districtindex.cells import (
    _digits,
    _duplicate,
    _extra_cells_problem,
    _kommunenummer,
    _Problems,
    _same,
    _too_long_problem,
    _uncomputed_problem,
    kommunenummer_problem,
)
from post65.districtindex.files import _columns, _table
from post65.districtindex.index import FrozenMap
from post65.districtindex.rows import Skipped, is_total_row, row_label
from post65.districtindex.table import _INT_RE, _MAX_POPULATION, _show, _Uncomputed, _Want
from post65.errors import InvalidIndex, Problem
from post65.geography import register
from post65.text import Message, msg


class PopulationTable(FrozenMap[int]):
    """The population per kommunenummer :func:`read_population` read, with ``notes`` on how it
    was read (rows skipped that are no municipality) and its ``source``: a mapping, equal to
    any other with the same numbers. :func:`~post65.allocation.allocate` adds the notes to the
    allocation's.

    >>> table = PopulationTable({"1826": 1200}, notes=(), source="folketall.csv")
    >>> table == {"1826": 1200}, table.source
    (True, 'folketall.csv')
    """

    __slots__ = ("notes", "source")

    def __init__(
        self,
        data: Mapping[str, int] | Iterable[tuple[str, int]] = (),
        *,
        notes: Iterable[Message] = (),
        source: str | None = None,
    ) -> None:
        super().__init__(data)
        self.notes: tuple[Message, ...] = tuple(notes)
        self.source = source


def _population_cell(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if 0 <= value <= _MAX_POPULATION else None
    if isinstance(value, float) and value.is_integer() and 0 <= value <= _MAX_POPULATION:
        return int(value)
    if isinstance(value, str):
        text = value.strip()
        if _INT_RE.fullmatch(text):
            return int(re.sub(r"\D", "", text))
    return None


def _population_problem(where: str, raw: object) -> Problem:
    if isinstance(raw, _Uncomputed):
        return _uncomputed_problem(where)
    digits = _digits(raw)
    if digits is not None and digits > 12 and not str(raw).strip().startswith("-"):
        return _too_long_problem(where, digits)
    return Problem(where, msg("index.population.not_a_population", value=_show(raw)))


def read_population(
    path: str | os.PathLike[str] | bytes,
    *,
    sheet: str | None = None,
    knr_column: str | None = None,
    population_column: str | None = None,
) -> Mapping[str, int]:
    """Read a population file: ``kommunenummer,folketall`` for every municipality of 2024.

    The municipality column is named as in :func:`read_index`; the population column
    ``folketall`` (or ``befolkning``, ``innbyggere``, ``population``); digits may be grouped by
    spaces. ``sheet``, ``knr_column`` and ``population_column`` choose the worksheet and the
    columns, as for :func:`read_index`. Rows that are no municipality (the country, county
    totals, a blank KNR) are skipped and named in the result's ``notes`` (a
    :class:`PopulationTable`). Every municipality of the 2024 register must be there exactly
    once (the country's population is their sum).

    >>> rows = "\\n".join(f"{k.kommunenummer},{k.population}" for k in register(2024))
    >>> pop = read_population(("knr,folketall\\n" + rows + "\\n0,5550203").encode())
    >>> sum(pop.values()), pop.notes[0]("en").rsplit(": ", 1)[1]
    (5550203, 'line 359 «0»')

    :raises InvalidIndex: (a ``ValueError``) with every problem and its line (a CSV file) or
        row (a worksheet).
    """
    want = _Want("population", sheet, knr_column, population_column)
    table = _table(path, want)
    columns, problems = _columns(table, want)
    if columns is None:
        raise InvalidIndex(problems, source=table.source)
    knr_col, pop_col, knr_name, pop_name = (
        columns.knr,
        columns.value,
        columns.knr_name,
        columns.value_name,
    )
    name_col = columns.name
    reg = register(2024)
    found = _Problems(table.word)
    skipped = Skipped(table.word, table.source)
    population: dict[str, int] = {}
    first_line: dict[str, int] = {}
    csv_width = len(table.header) if table.delimiter is not None else None
    for line, row in table.rows:
        if csv_width is not None and len(row) > csv_width:
            extra = _extra_cells_problem(table, line, row, False)
            if extra is not None:
                found.add(_same, extra)
                continue
        raw_nr = row[knr_col] if knr_col < len(row) else None
        raw_pop = row[pop_col] if pop_col < len(row) else None
        nr = _kommunenummer(raw_nr)
        if nr not in reg:
            raw_name = row[name_col] if name_col is not None and name_col < len(row) else None
            if is_total_row(raw_nr, raw_name):
                skipped.add(line, row_label(row, knr_col, name_col))
                continue
        if nr is None:
            found.at(line, knr_name, kommunenummer_problem, raw_nr)
        elif nr not in reg:
            found.at(line, knr_name, kommunenummer_problem, raw_nr)
            nr = None
        elif nr in first_line:
            found.at(line, knr_name, _duplicate, nr, nr, first_line[nr], table.word)
            nr = None
        else:
            first_line[nr] = line
        value = _population_cell(raw_pop)
        if value is None:
            found.at(line, pop_name, _population_problem, raw_pop)
        elif nr is not None:
            population[nr] = value
    if not found:
        missing = sorted(k.kommunenummer for k in reg if k.kommunenummer not in first_line)
        if missing:
            shown = ", ".join(missing[:10]) + (" …" if len(missing) > 10 else "")
            found.add(
                _same,
                Problem(
                    table.label, msg("index.population.lacks", count=len(missing), shown=shown)
                ),
            )
    if found:
        raise InvalidIndex(found.summary(), source=table.source)
    note = skipped.note()
    return PopulationTable(
        {nr: population[nr] for nr in sorted(population)},
        notes=() if note is None else (note,),
        source=table.source,
    )


# --------------------------------------------------------------------------------------------
# Computing the index from its indicators
