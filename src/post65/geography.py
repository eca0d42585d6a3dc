"""Municipalities (kommuner), counties (fylker), the shipped register and the 2024 number changes.

The register holds the 357 municipalities and 15 counties of 2024 with their population on
1 January 2024 (SSB), read from ``post65/data/kommuner_folketall_2024.csv`` the first time
:func:`register` is called (never at import). Lookups are dictionary lookups.

On 1 January 2024 three counties were split (30 Viken, 38 Vestfold og Telemark, 54 Troms og
Finnmark) and 1507 Ålesund was split into 1508 Ålesund and 1580 Haram, so 114 municipality numbers
changed. Old numbers cannot be derived by a formula (3001 Halden became 3101, 3005 Drammen became
3301); :data:`MUNICIPALITY_CHANGES_2024` lists them as published by SSB (classification 131,
see ``post65/data/SOURCES.md``) and :func:`map_to_2024` applies them.

>>> reg = register()
>>> len(reg), len(reg.counties), reg.population
(357, 15, 5550203)
>>> oslo = reg.municipality("0301")
>>> oslo.name, oslo.fylkesnummer, oslo.population
('Oslo', '03', 717710)
>>> reg.county("56").name
'Finnmark'
>>> map_to_2024("3005"), map_to_2024("1507"), map_to_2024("0301")
(('3301',), ('1508', '1580'), ('0301',))
>>> reg.municipality("1507")
Traceback (most recent call last):
...
post65.errors.UnknownMunicipality: kommunenummer 1507 is not in the 2024 register: 1507 Ålesund
was split into 1508 Ålesund and 1580 Haram on 1 January 2024
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from typing import Final

import attrs

from post65._escape import shown
from post65.errors import (
    InvalidParameter,
    Problem,
    UnknownCounty,
    UnknownMunicipality,
    UnknownYear,
)
from post65.numbers import (
    _DIGITS,
    _OLD_COUNTY_NAMES,
    COUNTY_CHANGES_2024,
    MUNICIPALITY_CHANGES_2024,
    _change_table,
    _is_digits,
    _read_csv,
    validate_kommunenummer,
)
from post65.text import Message, msg

__all__ = [
    "COUNTY_CHANGES_2024",
    "MUNICIPALITY_CHANGES_2024",
    "Fylke",
    "Kommune",
    "Register",
    "map_to_2024",
    "municipality_problem",
    "register",
    "validate_kommunenummer",
]

_SHIPPED_YEARS = (2024,)
_MUNICIPALITIES_FILE = "kommuner_folketall_2024.csv"
_MUNICIPALITY_COLUMNS = (
    "kommunenummer",
    "kommunenavn",
    "kommunenavn_alt",
    "fylkesnummer",
    "fylkesnavn",
    "folketall",
)
_MAX_SUGGESTIONS = 3


def _validate_fylkesnummer(s: object) -> str:
    if _is_digits(s, 2):
        return s
    raise InvalidParameter(msg("geography.fylkesnummer.malformed", value=shown(s)))


def _check_kommunenummer(_instance: object, _attribute: attrs.Attribute[str], value: str) -> None:
    validate_kommunenummer(value)


def _check_fylkesnummer(instance: Kommune, _attribute: attrs.Attribute[str], value: str) -> None:
    _validate_fylkesnummer(value)
    kommunenummer = instance.kommunenummer
    if kommunenummer[:2] != value:
        raise InvalidParameter(
            msg(
                "geography.fylkesnummer.mismatch",
                county=value,
                number=kommunenummer,
                prefix=kommunenummer[:2],
            )
        )


def _check_name(_instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not isinstance(value, str) or not value.strip():
        raise InvalidParameter(msg("geography.name.empty", name=attribute.name, value=repr(value)))


def _check_name_alt(
    _instance: object, _attribute: attrs.Attribute[str | None], value: object
) -> None:
    if value is not None and (not isinstance(value, str) or not value.strip()):
        raise InvalidParameter(msg("geography.name_alt.empty", value=repr(value)))


def _check_population(_instance: object, _attribute: attrs.Attribute[int], value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise InvalidParameter(msg("geography.population.invalid", value=repr(value)))


@attrs.frozen
class Kommune:
    """A municipality with its number, names, county and population on 1 January 2024 (SSB).

    ``name`` is the Norwegian name; ``name_alt`` is the Sami or Kven name where the municipality
    has an official one that differs (``None`` otherwise).

    >>> Kommune("5540", "Kåfjord", "Gáivuotna", "55", 1974).name_alt
    'Gáivuotna'
    >>> Kommune("5540", "Kåfjord", None, "54", 1974)
    Traceback (most recent call last):
    ...
    post65.errors.InvalidParameter: fylkesnummer 54 does not match kommunenummer 5540 (...)
    """

    kommunenummer: str = attrs.field(validator=_check_kommunenummer)
    """Four ASCII digits; the first two are the county's number."""
    name: str = attrs.field(validator=_check_name)
    """The Norwegian name, e.g. ``"Kåfjord"``."""
    name_alt: str | None = attrs.field(validator=_check_name_alt)
    """The Sami or Kven name where there is one, e.g. ``"Gáivuotna"``; else ``None``."""
    fylkesnummer: str = attrs.field(validator=_check_fylkesnummer)
    """Two ASCII digits, always ``kommunenummer[:2]``."""
    population: int = attrs.field(validator=_check_population)
    """Population on 1 January 2024 (SSB), ``>= 0``."""


def _check_fylke_nummer(_instance: object, _attribute: attrs.Attribute[str], value: str) -> None:
    _validate_fylkesnummer(value)


@attrs.frozen
class Fylke:
    """A county (fylke): its two-digit number and name.

    >>> Fylke("03", "Oslo")
    Fylke(fylkesnummer='03', name='Oslo')
    """

    fylkesnummer: str = attrs.field(validator=_check_fylke_nummer)
    """Two ASCII digits."""
    name: str = attrs.field(validator=_check_name)
    """The county's name, e.g. ``"Møre og Romsdal"``."""


def _sorted_municipalities(items: Iterable[Kommune]) -> tuple[Kommune, ...]:
    return tuple(sorted(items, key=lambda k: k.kommunenummer))


def _sorted_counties(items: Iterable[Fylke]) -> tuple[Fylke, ...]:
    return tuple(sorted(items, key=lambda f: f.fylkesnummer))


@attrs.frozen
class Register:
    """The municipalities and counties of one year, with O(1) lookups.

    Iterating gives the municipalities ordered by kommunenummer; ``len()`` is their number;
    ``nr in reg`` tells whether a kommunenummer string is in the register. Build one with
    :func:`register`; the constructor sorts its inputs and checks that numbers are unique and
    that every municipality's county is present.

    >>> reg = register()
    >>> "1580" in reg, "1507" in reg
    (True, False)
    >>> [k.name for k in reg.municipalities_in("39")]
    ['Horten', 'Holmestrand', 'Tønsberg', 'Sandefjord', 'Larvik', 'Færder']
    """

    year: int
    """The year of the municipality structure."""
    municipalities: tuple[Kommune, ...] = attrs.field(
        converter=_sorted_municipalities, repr=lambda t: f"<{len(t)} municipalities>"
    )
    """Every municipality, ordered by kommunenummer."""
    counties: tuple[Fylke, ...] = attrs.field(
        converter=_sorted_counties, repr=lambda t: f"<{len(t)} counties>"
    )
    """Every county, ordered by fylkesnummer."""
    _by_number: Mapping[str, Kommune] = attrs.field(init=False, repr=False, eq=False)
    _county_by_number: Mapping[str, Fylke] = attrs.field(init=False, repr=False, eq=False)
    _by_county: Mapping[str, tuple[Kommune, ...]] = attrs.field(init=False, repr=False, eq=False)
    population: int = attrs.field(init=False, repr=False, eq=False)
    """The total population of the register's municipalities."""
    kommunenumre: frozenset[str] = attrs.field(init=False, repr=False, eq=False)
    """Every kommunenummer of the register: ``nr in reg.kommunenumre`` is ``nr in reg`` for a
    text, without a method call (a check asks it for every beneficiary of every measure)."""

    @_by_number.default
    def _index_municipalities(self) -> Mapping[str, Kommune]:
        index = {k.kommunenummer: k for k in self.municipalities}
        if len(index) != len(self.municipalities):
            counts = Counter(k.kommunenummer for k in self.municipalities)
            dupes = ", ".join(sorted(nr for nr, n in counts.items() if n > 1))
            raise InvalidParameter(msg("geography.kommunenummer.duplicate", numbers=dupes))
        return index

    @kommunenumre.default
    def _numbers(self) -> frozenset[str]:
        return frozenset(self._by_number)

    @_county_by_number.default
    def _index_counties(self) -> Mapping[str, Fylke]:
        index = {f.fylkesnummer: f for f in self.counties}
        if len(index) != len(self.counties):
            raise InvalidParameter(msg("geography.fylkesnummer.duplicate"))
        return index

    @_by_county.default
    def _group_by_county(self) -> Mapping[str, tuple[Kommune, ...]]:
        groups: dict[str, list[Kommune]] = {nr: [] for nr in self._county_by_number}
        for k in self.municipalities:
            group = groups.get(k.fylkesnummer)
            if group is None:
                raise InvalidParameter(
                    msg(
                        "geography.county.not_in_register",
                        number=k.kommunenummer,
                        name=k.name,
                        county=k.fylkesnummer,
                    )
                )
            group.append(k)
        return {nr: tuple(group) for nr, group in groups.items()}

    @population.default
    def _total_population(self) -> int:
        return sum(k.population for k in self.municipalities)

    def municipality(self, nr: str) -> Kommune:
        """The municipality with kommunenummer ``nr``.

        >>> register().municipality("4601").name
        'Bergen'

        :raises UnknownMunicipality: (a ``KeyError``) if ``nr`` is not 4 digits or not in the
            register; ``suggestions`` holds up to 3 near numbers, or the 2024 numbers an old
            number was changed to.
        """
        try:
            return self._by_number[nr]
        except (KeyError, TypeError):
            raise _unknown_municipality(self, nr) from None

    def county(self, nr: str) -> Fylke:
        """The county with fylkesnummer ``nr``.

        >>> register().county("15").name
        'Møre og Romsdal'

        :raises UnknownCounty: (a ``KeyError``) if ``nr`` is not a county of the register.
        """
        try:
            return self._county_by_number[nr]
        except (KeyError, TypeError):
            raise _unknown_county(self, nr) from None

    def municipalities_in(self, fylkesnummer: str) -> tuple[Kommune, ...]:
        """The municipalities of county ``fylkesnummer``, ordered by kommunenummer.

        :raises UnknownCounty: (a ``KeyError``) if the county is not in the register.
        """
        self.county(fylkesnummer)
        return self._by_county[fylkesnummer]

    def __iter__(self) -> Iterator[Kommune]:
        return iter(self.municipalities)

    def __len__(self) -> int:
        return len(self.municipalities)

    def __contains__(self, nr: object) -> bool:
        return isinstance(nr, str) and nr in self._by_number


def _label(k: Kommune) -> str:
    return f"{k.kommunenummer} {k.name}"


def _nearest(reg: Register, nr: str) -> tuple[Kommune, ...]:
    """Up to three municipalities nearest to the well-formed number ``nr``.

    Same county first (for a county split in 2024, its successors count as the same county), then
    fewest differing digits, then the numerically closest.
    """
    same_county = {nr[:2], *COUNTY_CHANGES_2024.get(nr[:2], ())}

    def distance(k: Kommune) -> tuple[bool, int, int, str]:
        other = k.kommunenummer
        differing = sum(a != b for a, b in zip(other, nr, strict=True))
        return (k.fylkesnummer not in same_county, differing, abs(int(other) - int(nr)), other)

    return tuple(sorted(reg.municipalities, key=distance)[:_MAX_SUGGESTIONS])


def _repair(reg: Register, raw: object) -> str | None:
    """The number in ``reg`` that malformed input most likely meant (``"301"`` → ``"0301"``)."""
    if not isinstance(raw, str | int) or isinstance(raw, bool):
        return None
    digits = "".join(ch for ch in str(raw) if ch in _DIGITS)
    if not 1 <= len(digits) <= 4:
        return None
    candidate = digits.zfill(4)
    return candidate if candidate in reg else None


KEYS: Final = ("geography.kommunenummer.malformed", "geography.kommunenummer.not_text")
DYNAMIC_KEYS: Final = ("geography.fylkesnummer.malformed", "geography.fylkesnummer.not_text")
"""The messages :func:`_malformed` names by the kind of number (see tests/test_catalogues.py)."""


def _malformed(what: str, nr: object) -> Message:
    """Why ``nr`` is no ``what`` (``kommunenummer``, ``fylkesnummer``): not a text (the number
    1835, not the text "1835"), or a text of other characters than its digits."""
    if isinstance(nr, str):
        return msg(f"geography.{what}.malformed", value=shown(nr))
    return msg(f"geography.{what}.not_text", type=type(nr).__name__, value=shown(nr))


def _unknown_municipality(reg: Register, nr: object) -> UnknownMunicipality:
    if _is_digits(nr, 4):
        return _unknown_wellformed(reg, nr)
    repaired = _repair(reg, nr)
    text = _malformed("kommunenummer", nr)
    if repaired is not None:
        label = _label(reg.municipality(repaired))
        text = msg("geography.kommunenummer.did_you_mean", reason=text, label=label)
    return UnknownMunicipality(
        text,
        number=nr if isinstance(nr, str) else repr(nr),
        suggestions=() if repaired is None else (repaired,),
    )


def _unknown_wellformed(reg: Register, nr: str) -> UnknownMunicipality:
    head = msg("geography.kommunenummer.unknown", number=nr, year=reg.year)
    changes = _change_table()
    targets = changes.targets.get(nr) if reg.year == 2024 else None
    if targets:
        old = f"{nr} {changes.old_names[nr]}"
        new = [_label(reg.municipality(t)) if t in reg else t for t in targets]
        if len(new) == 1:
            text = msg("geography.kommunenummer.renumbered", head=head, old=old, new=new[0])
        else:
            text = msg("geography.kommunenummer.split", head=head, old=old, new=new)
        return UnknownMunicipality(text, number=nr, suggestions=targets)
    nearest = _nearest(reg, nr)
    labels = [_label(k) for k in nearest]
    text = msg("geography.kommunenummer.nearest", head=head, labels=labels)
    split = _county_split_note(reg, nr[:2])
    if split is not None:
        text = msg("geography.sentences", first=text, second=split)
    return UnknownMunicipality(text, number=nr, suggestions=(k.kommunenummer for k in nearest))


def _county_split_note(reg: Register, old: str) -> Message | None:
    """The sentence saying how old county ``old`` was split, or ``None``."""
    if reg.year != 2024 or old not in COUNTY_CHANGES_2024:
        return None
    new = [
        f"{nr} {reg.county(nr).name}" if nr in reg._county_by_number else nr
        for nr in COUNTY_CHANGES_2024[old]
    ]
    name = _OLD_COUNTY_NAMES[old]
    return msg("geography.county.split_note", old=old, name=name, new=new)


def _unknown_county(reg: Register, nr: object) -> UnknownCounty:
    if not _is_digits(nr, 2):
        return UnknownCounty(
            _malformed("fylkesnummer", nr),
            number=nr if isinstance(nr, str) else repr(nr),
        )
    split = _county_split_note(reg, nr)
    if split is not None:
        return UnknownCounty(
            msg("geography.fylkesnummer.split", number=nr, year=reg.year, note=split), number=nr
        )
    known = ", ".join(f.fylkesnummer for f in reg.counties)
    return UnknownCounty(
        msg("geography.fylkesnummer.unknown", number=nr, year=reg.year, known=known), number=nr
    )


@functools.cache
def _load_register(year: int) -> Register:
    rows = _read_csv(_MUNICIPALITIES_FILE, _MUNICIPALITY_COLUMNS)
    counties: dict[str, Fylke] = {}
    municipalities: list[Kommune] = []
    for row in rows:
        fylkesnummer = row["fylkesnummer"]
        if fylkesnummer not in counties:
            counties[fylkesnummer] = Fylke(fylkesnummer, row["fylkesnavn"])
        municipalities.append(
            Kommune(
                row["kommunenummer"],
                row["kommunenavn"],
                row["kommunenavn_alt"] or None,
                fylkesnummer,
                int(row["folketall"]),
            )
        )
    return Register(year, municipalities, counties.values())


def register(year: int = 2024) -> Register:
    """The shipped register of municipalities and counties for ``year`` (only 2024 is shipped).

    The CSV file is read on the first call and the result is cached (``functools.cache``), so
    every call returns the same object.

    >>> register() is register(2024)
    True
    >>> register(2023)
    Traceback (most recent call last):
    ...
    post65.errors.UnknownYear: no register for 2023: only 2024 is shipped

    :raises UnknownYear: (a ``KeyError``) for any other year.
    """
    if isinstance(year, bool) or not isinstance(year, int) or year not in _SHIPPED_YEARS:
        shipped = ", ".join(str(y) for y in _SHIPPED_YEARS)
        raise UnknownYear(msg("geography.year.unknown", year=repr(year), shipped=shipped))
    return _load_register(year)


def map_to_2024(nr: str) -> tuple[str, ...]:
    """The 2024 kommunenummer(s) for ``nr``, a number valid in 2023 or in 2024.

    A number that changed gives its new number(s) (:data:`MUNICIPALITY_CHANGES_2024`); a number
    that exists in the 2024 register gives itself. Old and new numbers never collide, so both
    kinds are accepted.

    >>> map_to_2024("3001")
    ('3101',)
    >>> map_to_2024("1507")
    ('1508', '1580')
    >>> map_to_2024("1101")
    ('1101',)

    :raises UnknownMunicipality: (a ``KeyError``) if ``nr`` is malformed or neither a changed
        2023 number nor a 2024 number.
    """
    reg = register(2024)
    if _is_digits(nr, 4):
        targets = _change_table().targets.get(nr)
        if targets is not None:
            return targets
        if nr in reg:
            return (nr,)
    raise _unknown_municipality(reg, nr)


@functools.lru_cache(maxsize=4096)
def _unknown_text(year: int, nr: str) -> Message | None:
    try:
        register(year).municipality(nr)
    except UnknownMunicipality as exc:
        return exc.text
    return None


def municipality_problem(where: str, nr: str, year: int = 2024) -> Problem | None:
    """The problem of ``nr`` at ``where`` when it is not a municipality of the register of
    ``year`` (its message says why: malformed, «did you mean», renumbered or split in 2024, or
    the nearest numbers), else ``None``. The one place documents turn an unknown kommunenummer
    into a located problem; its message is kept per distinct number.

    >>> problem = municipality_problem("/beneficiaries/0", "1507")
    >>> problem.where, problem.en.split(": ")[0]
    ('/beneficiaries/0', 'kommunenummer 1507 is not in the 2024 register')
    >>> municipality_problem("/beneficiaries/0", "1508") is None
    True
    """
    text = _unknown_text(year, nr)
    return None if text is None else Problem(where, text)
