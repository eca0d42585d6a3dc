"""The district index (distriktsindeksen): KDD's file read exactly, or computed from its indicators.

KDD publishes the index yearly, one score from 0 to 100 per municipality; the lowest scores have
the largest district challenges. The scores are **not** shipped with post65: the user supplies
KDD's file (``examples/illustrative-index.csv`` is a made-up file for trying things out, not
KDD's figures).

- :func:`read_index` reads a CSV file (``kommunenummer``/``knr``/``KNR`` and
  ``distriktsindeks``/``indeks``/``DI 2025``/``skår`` columns, ``,`` or ``;`` between fields,
  decimal comma or point, UTF-8 with or without BOM, any line ending) or KDD's xlsx workbook as
  published (sheet «Rådata», or the first sheet with a KNR column and an index column, or the
  ``sheet`` and columns named; needs the ``xlsx`` extra). Rows that are no municipality
  («Landet», county totals, a blank KNR) are skipped and named in a note; a ``merknad`` column
  is reported in the notes, and an index marked illustrative says so. Every problem is
  reported together, each with its line (CSV) or row (xlsx) (the first 200, and how many
  more). Hostile files cost little: a CSV file is read a line at a time; a workbook that would
  unpack to more than :data:`MAX_XLSX_UNPACKED_BYTES` is refused before it is opened, and only
  the first :data:`MAX_XLSX_COLUMNS` columns of a sheet are read, whatever size it declares.
- :func:`read_population` reads the ``kommunenummer,folketall`` file ``post65 allocate
  --population`` takes.
- :func:`compute_index` computes an index from its four indicators by the published method.

>>> from decimal import Decimal
>>> index = read_index(b"knr;distriktsindeks\\n1826;12,5\\n1875;30\\n")
>>> index.scores["1826"], len(index.scores), len(index.missing)
(Decimal('12.5'), 2, 355)
>>> read_index(b"knr;indeks\\n1826;12,5\\n1826;130\\n")
Traceback (most recent call last):
...
post65.errors.InvalidIndex: 2 problems:
  line 3, column knr: kommunenummer 1826 is also on line 2
  line 3, column indeks: the score 130 is outside 0-100
"""

from post65.districtindex.compute import (
    DEFAULT_TRUNCATION,
    DEFAULT_WEIGHTS,
    INDEX_PRECISION,
    Indicators,
    compute_index,
)
from post65.districtindex.files import MAX_INDEX_BYTES
from post65.districtindex.index import DistrictIndex, FrozenMap, describe_missing, read_index
from post65.districtindex.population import PopulationTable, read_population
from post65.districtindex.xlsx import (
    MAX_XLSX_COLUMNS,
    MAX_XLSX_PARTS,
    MAX_XLSX_ROWS,
    MAX_XLSX_UNPACKED_BYTES,
)

__all__ = [
    "DEFAULT_TRUNCATION",
    "DEFAULT_WEIGHTS",
    "INDEX_PRECISION",
    "MAX_INDEX_BYTES",
    "MAX_XLSX_COLUMNS",
    "MAX_XLSX_PARTS",
    "MAX_XLSX_ROWS",
    "MAX_XLSX_UNPACKED_BYTES",
    "DistrictIndex",
    "FrozenMap",
    "Indicators",
    "PopulationTable",
    "compute_index",
    "describe_missing",
    "read_index",
    "read_population",
]
