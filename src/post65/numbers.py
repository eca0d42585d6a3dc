"""The numbers of municipalities and counties: their form, and the changes of 1 January 2024.

On 1 January 2024 three counties were split (30 Viken, 38 Vestfold og Telemark, 54 Troms og
Finnmark) and 1507 Ålesund was split into 1508 Ålesund and 1580 Haram, so 114 municipality numbers
changed. :data:`MUNICIPALITY_CHANGES_2024` lists them as published by SSB (classification 131,
see ``post65/data/SOURCES.md``), read from ``kommuneendringer_2024.csv`` on first use. The names
are also found in :mod:`post65.geography`, which builds the register on them.
"""

from __future__ import annotations

import csv
import functools
import io
from collections.abc import Iterator, Mapping
from types import MappingProxyType
from typing import TypeGuard

import attrs

from post65._escape import shown
from post65.errors import InvalidParameter
from post65.text import msg

__all__ = ["COUNTY_CHANGES_2024", "MUNICIPALITY_CHANGES_2024", "validate_kommunenummer"]

_DIGITS = frozenset("0123456789")
_CHANGES_FILE = "kommuneendringer_2024.csv"
_CHANGES_COLUMNS = ("kommunenummer_2023", "kommunenavn_2023", "kommunenummer_2024")

COUNTY_CHANGES_2024: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "30": ("31", "32", "33"),
        "38": ("39", "40"),
        "54": ("55", "56"),
    }
)
"""The counties split on 1 January 2024: old fylkesnummer → new fylkesnumre.

30 Viken → 31 Østfold, 32 Akershus, 33 Buskerud; 38 Vestfold og Telemark → 39 Vestfold,
40 Telemark; 54 Troms og Finnmark → 55 Troms, 56 Finnmark. Every other county kept its number.
"""

_OLD_COUNTY_NAMES: Mapping[str, str] = MappingProxyType(
    {"30": "Viken", "38": "Vestfold og Telemark", "54": "Troms og Finnmark"}
)


def _is_digits(value: object, length: int) -> TypeGuard[str]:
    return isinstance(value, str) and len(value) == length and _DIGITS.issuperset(value)


def validate_kommunenummer(s: str) -> str:
    """Return ``s`` if it is a well-formed kommunenummer: exactly 4 ASCII digits.

    This checks the form only, not whether the municipality exists (use ``nr in register()``).
    Nothing is normalised: ``"301"`` and ``" 0301"`` are refused.

    >>> validate_kommunenummer("0301")
    '0301'
    >>> validate_kommunenummer("301")
    Traceback (most recent call last):
    ...
    post65.errors.InvalidParameter: a kommunenummer must be 4 digits (0-9), got '301'

    :raises InvalidParameter: (a ``ValueError``) if ``s`` is not 4 ASCII digits.
    """
    if not _is_digits(s, 4):
        raise InvalidParameter(msg("geography.kommunenummer.malformed", value=shown(s)))
    return s


def _read_csv(name: str, columns: tuple[str, ...]) -> list[dict[str, str]]:
    from importlib import resources  # here: importing it costs ~7 ms

    text = resources.files("post65").joinpath("data").joinpath(name).read_text(encoding="utf-8")
    reader = csv.DictReader(io.StringIO(text, newline=""))
    if tuple(reader.fieldnames or ()) != columns:
        raise RuntimeError(f"{name}: unexpected columns {reader.fieldnames!r}, want {columns!r}")
    return list(reader)


@attrs.frozen
class _Changes:
    targets: Mapping[str, tuple[str, ...]]
    old_names: Mapping[str, str]


@functools.cache
def _change_table() -> _Changes:
    targets: dict[str, list[str]] = {}
    old_names: dict[str, str] = {}
    for row in _read_csv(_CHANGES_FILE, _CHANGES_COLUMNS):
        old = validate_kommunenummer(row["kommunenummer_2023"])
        targets.setdefault(old, []).append(validate_kommunenummer(row["kommunenummer_2024"]))
        old_names[old] = row["kommunenavn_2023"]
    return _Changes(
        targets=MappingProxyType({old: tuple(sorted(new)) for old, new in sorted(targets.items())}),
        old_names=MappingProxyType(old_names),
    )


class _ChangeTableView(Mapping[str, tuple[str, ...]]):
    """A read-only mapping that reads ``kommuneendringer_2024.csv`` on first use."""

    __slots__ = ()

    def __getitem__(self, key: str) -> tuple[str, ...]:
        return _change_table().targets[key]

    def __iter__(self) -> Iterator[str]:
        return iter(_change_table().targets)

    def __len__(self) -> int:
        return len(_change_table().targets)

    def __repr__(self) -> str:
        return f"MUNICIPALITY_CHANGES_2024({dict(_change_table().targets)!r})"


MUNICIPALITY_CHANGES_2024: Mapping[str, tuple[str, ...]] = _ChangeTableView()
"""Every 2023 kommunenummer that changed on 1 January 2024 → its 2024 number(s), sorted.

114 entries: 1507 Ålesund → (1508 Ålesund, 1580 Haram), and every municipality of the old counties
30 Viken (→ 31/32/33), 38 Vestfold og Telemark (→ 39/40) and 54 Troms og Finnmark (→ 55/56), one
new number each. Source: SSB classification 131 change table (``post65/data/SOURCES.md``); the
file ``kommuneendringer_2024.csv`` is read on first use, not at import.

>>> MUNICIPALITY_CHANGES_2024["3001"], MUNICIPALITY_CHANGES_2024["5444"]
(('3101',), ('5605',))
>>> len(MUNICIPALITY_CHANGES_2024)
114
"""
