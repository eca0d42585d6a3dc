"""The population file ``post65 allocate --population`` takes."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping

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
from post65.districtindex.table import _INT_RE, _MAX_POPULATION, _show, _Uncomputed
from post65.errors import InvalidIndex, Problem
from post65.geography import register
from post65.text import msg


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


def read_population(path: str | os.PathLike[str] | bytes) -> Mapping[str, int]:
    """Read a population file: ``kommunenummer,folketall`` for every municipality of 2024.

    The municipality column is named as in :func:`read_index`; the population column
    ``folketall`` (or ``befolkning``, ``innbyggere``, ``population``); digits may be grouped by
    spaces. Every municipality of the 2024 register must be there exactly once (the country's
    population is their sum).

    >>> rows = "\\n".join(f"{k.kommunenummer},{k.population}" for k in register(2024))
    >>> pop = read_population(("knr,folketall\\n" + rows).encode())
    >>> sum(pop.values())
    5550203

    :raises InvalidIndex: (a ``ValueError``) with every problem and its line.
    """
    table = _table(path, score_names=False)
    knr_col, pop_col, knr_name, pop_name, _, problems = _columns(table, value_names="population")
    if problems:
        raise InvalidIndex(problems, source=table.source)
    reg = register(2024)
    found = _Problems()
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
        if nr is None:
            found.at(line, knr_name, kommunenummer_problem, raw_nr)
        elif nr not in reg:
            found.at(line, knr_name, kommunenummer_problem, raw_nr)
            nr = None
        elif nr in first_line:
            found.at(line, knr_name, _duplicate, nr, nr, first_line[nr])
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
    return FrozenMap({nr: population[nr] for nr in sorted(population)})


# --------------------------------------------------------------------------------------------
# Computing the index from its indicators
