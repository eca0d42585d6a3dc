"""Tests for post65.geography: the shipped register, lookups, errors and the 2024 number changes."""

from __future__ import annotations

import csv
import io
import re
import subprocess
import sys
from collections import Counter
from collections.abc import Mapping
from importlib import resources

import pytest
from hypothesis import given
from hypothesis import strategies as st

from post65 import geography
from post65.errors import (
    InvalidParameter,
    Post65Error,
    UnknownCounty,
    UnknownMunicipality,
    UnknownYear,
)
from post65.geography import (
    COUNTY_CHANGES_2024,
    MUNICIPALITY_CHANGES_2024,
    Fylke,
    Kommune,
    Register,
    map_to_2024,
    register,
    validate_kommunenummer,
)

REG = register()  # built at import, never inside a (Hypothesis) test body

COUNTS_2024 = {
    "03": 1,
    "11": 23,
    "15": 27,
    "18": 41,
    "31": 12,
    "32": 21,
    "33": 18,
    "34": 46,
    "39": 6,
    "40": 17,
    "42": 25,
    "46": 43,
    "50": 38,
    "55": 21,
    "56": 18,
}
NEW_COUNTIES = ("31", "32", "33", "39", "40", "55", "56")
OLD_COUNTIES = ("30", "38", "54")
KNOWN_RENAMES = {("3018", "3114"), ("1507", "1580")}  # Våler (Viken) → Våler; the Haram split


def _change_rows() -> list[dict[str, str]]:
    text = (
        resources.files("post65")
        .joinpath("data")
        .joinpath("kommuneendringer_2024.csv")
        .read_text(encoding="utf-8")
    )
    return list(csv.DictReader(io.StringIO(text, newline="")))


CHANGE_ROWS = _change_rows()


def _norwegian_parts(name: str) -> set[str]:
    """The language forms of an SSB name: «Gáivuotna - Kåfjord - Kaivuono», «Våler (Viken)»."""
    name = re.sub(r"\s*\([^)]*\)$", "", name)
    return {part.strip() for part in name.split(" - ")}


# --- public surface -------------------------------------------------------------------------


def test_public_names() -> None:
    assert sorted(geography.__all__) == [
        "COUNTY_CHANGES_2024",
        "Fylke",
        "Kommune",
        "MUNICIPALITY_CHANGES_2024",
        "Register",
        "map_to_2024",
        "municipality_problem",
        "register",
        "validate_kommunenummer",
    ]


def test_module_import_does_not_load_data() -> None:
    code = (
        "import post65.geography as g\n"
        "assert g._load_register.cache_info().currsize == 0\n"
        "assert g._change_table.cache_info().currsize == 0\n"
        "g.register(); len(g.MUNICIPALITY_CHANGES_2024)\n"
        "assert g._load_register.cache_info().currsize == 1\n"
        "assert g._change_table.cache_info().currsize == 1\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


# --- the register -----------------------------------------------------------------------------


def test_register_totals() -> None:
    assert REG.year == 2024
    assert len(REG) == 357
    assert len(REG.counties) == 15
    assert REG.population == 5_550_203
    assert sum(k.population for k in REG) == REG.population
    assert REG.municipality("0301").population == 717_710


def test_register_is_cached() -> None:
    assert register() is REG
    assert register(2024) is REG


@pytest.mark.parametrize(("fylkesnummer", "count"), sorted(COUNTS_2024.items()))
def test_counts_per_county(fylkesnummer: str, count: int) -> None:
    assert len(REG.municipalities_in(fylkesnummer)) == count


def test_counties_are_exactly_the_2024_ones() -> None:
    assert [f.fylkesnummer for f in REG.counties] == sorted(COUNTS_2024)
    assert {f.fylkesnummer: f.name for f in REG.counties} == {
        "03": "Oslo",
        "11": "Rogaland",
        "15": "Møre og Romsdal",
        "18": "Nordland",
        "31": "Østfold",
        "32": "Akershus",
        "33": "Buskerud",
        "34": "Innlandet",
        "39": "Vestfold",
        "40": "Telemark",
        "42": "Agder",
        "46": "Vestland",
        "50": "Trøndelag",
        "55": "Troms",
        "56": "Finnmark",
    }


def test_municipality_invariants() -> None:
    numbers = [k.kommunenummer for k in REG]
    assert numbers == sorted(numbers)
    assert len(set(numbers)) == 357
    for k in REG:
        assert re.fullmatch(r"[0-9]{4}", k.kommunenummer)
        assert k.kommunenummer[:2] == k.fylkesnummer
        assert k.population >= 0
        assert k.name.strip() == k.name != ""
    assert sum(len(REG.municipalities_in(f.fylkesnummer)) for f in REG.counties) == 357


def test_alternative_names() -> None:
    alt = {k.kommunenummer: k.name_alt for k in REG if k.name_alt is not None}
    assert len(alt) == 12
    assert alt["5540"] == "Gáivuotna"
    assert REG.municipality("5540").name == "Kåfjord"
    assert REG.municipality("0301").name_alt is None


def test_lookups() -> None:
    bergen = REG.municipality("4601")
    assert bergen == Kommune("4601", "Bergen", None, "46", bergen.population)
    assert REG.county("46") == Fylke("46", "Vestland")
    assert REG.municipalities_in("03") == (REG.municipality("0301"),)
    assert [k.name for k in REG.municipalities_in("39")] == [
        "Horten",
        "Holmestrand",
        "Tønsberg",
        "Sandefjord",
        "Larvik",
        "Færder",
    ]
    assert "0301" in REG
    assert "1507" not in REG
    assert 301 not in REG
    assert None not in REG
    assert list(REG) == list(REG.municipalities)


def test_repr_is_short() -> None:
    assert repr(REG) == (
        "Register(year=2024, municipalities=<357 municipalities>, counties=<15 counties>)"
    )


# --- errors -------------------------------------------------------------------------------------


def test_unknown_number_suggests_nearest() -> None:
    with pytest.raises(UnknownMunicipality) as info:
        REG.municipality("0302")
    err = info.value
    assert isinstance(err, KeyError)
    assert isinstance(err, Post65Error)
    assert err.number == "0302"
    assert err.suggestions[0] == "0301"
    assert 1 <= len(err.suggestions) <= 3
    assert "0301 Oslo" in err.message("en")
    assert "0301 Oslo" in err.message("nb")
    assert "finnes ikke" in err.message("nb")
    assert str(err) == err.message("en")


def test_unknown_number_in_a_split_county_suggests_successors() -> None:
    with pytest.raises(UnknownMunicipality) as info:
        REG.municipality("3099")
    assert all(s[:2] in COUNTY_CHANGES_2024["30"] for s in info.value.suggestions)
    assert "County 30 Viken was split into 31 Østfold, 32 Akershus and 33 Buskerud" in str(
        info.value
    )


def test_split_municipality_is_explained() -> None:
    with pytest.raises(UnknownMunicipality) as info:
        REG.municipality("1507")
    err = info.value
    assert err.suggestions == ("1508", "1580")
    assert (
        "1507 Ålesund was split into 1508 Ålesund and 1580 Haram on 1 January 2024"
        in err.message("en")
    )
    assert "1507 Ålesund ble delt i 1508 Ålesund og 1580 Haram 1. januar 2024" in err.message("nb")


def test_renumbered_municipality_is_explained() -> None:
    with pytest.raises(UnknownMunicipality) as info:
        REG.municipality("3005")
    assert info.value.suggestions == ("3301",)
    assert "3005 Drammen became 3301 Drammen on 1 January 2024" in info.value.message("en")


@pytest.mark.parametrize(
    ("raw", "suggestions"),
    [("301", ("0301",)), (" 0301", ("0301",)), ("abc", ()), ("", ()), ("03011", ())],
)
def test_malformed_number(raw: str, suggestions: tuple[str, ...]) -> None:
    with pytest.raises(UnknownMunicipality) as info:
        REG.municipality(raw)
    assert "4 digits" in info.value.message("en")
    assert "4 sifre" in info.value.message("nb")
    assert info.value.suggestions == suggestions
    assert info.value.number == raw


def test_non_string_number() -> None:
    with pytest.raises(UnknownMunicipality, match="4 digits"):
        REG.municipality(301)  # type: ignore[arg-type]
    with pytest.raises(UnknownMunicipality):
        REG.municipality(["0301"])  # type: ignore[arg-type]


@pytest.mark.parametrize("nr", ["30", "38", "54"])
def test_old_county_is_explained(nr: str) -> None:
    with pytest.raises(UnknownCounty) as info:
        REG.county(nr)
    err = info.value
    assert isinstance(err, KeyError)
    assert isinstance(err, Post65Error)
    assert err.number == nr
    assert "was split into" in err.message("en")
    assert "ble delt i" in err.message("nb")


@pytest.mark.parametrize("nr", ["99", "3", "031", "", "ab"])
def test_unknown_county(nr: str) -> None:
    with pytest.raises(UnknownCounty):
        REG.county(nr)
    with pytest.raises(UnknownCounty):
        REG.municipalities_in(nr)


@pytest.mark.parametrize("year", [2023, 2025, 0, -1])
def test_unknown_year(year: int) -> None:
    with pytest.raises(UnknownYear, match="only 2024 is shipped") as info:
        register(year)
    assert isinstance(info.value, KeyError)
    assert "bare 2024" in info.value.message("nb")


def test_bool_is_not_a_year() -> None:
    with pytest.raises(UnknownYear):
        register(True)


# --- value types ------------------------------------------------------------------------------


def test_validate_kommunenummer() -> None:
    assert validate_kommunenummer("0301") == "0301"
    for bad in ["301", "03011", "03a1", " 0301", "０３０１", "٠٣٠١", ""]:
        with pytest.raises(InvalidParameter, match="4 digits"):
            validate_kommunenummer(bad)
    with pytest.raises(ValueError, match="4 digits"):
        validate_kommunenummer(301)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("args", "match"),
    [
        (("301", "Oslo", None, "03", 1), "4 digits"),
        (("0301", "Oslo", None, "3", 1), "2 digits"),
        (("0301", "Oslo", None, "04", 1), "does not match"),
        (("0301", "Oslo", None, "03", -1), "population"),
        (("0301", "Oslo", None, "03", True), "population"),
        (("0301", "Oslo", None, "03", 1.0), "population"),
        (("0301", "", None, "03", 1), "non-empty"),
        (("0301", "Oslo", "", "03", 1), "name_alt"),
    ],
)
def test_kommune_validation(args: tuple[object, ...], match: str) -> None:
    with pytest.raises(InvalidParameter, match=match):
        Kommune(*args)  # type: ignore[arg-type]


def test_kommune_is_frozen_and_hashable() -> None:
    oslo = REG.municipality("0301")
    with pytest.raises(AttributeError):
        oslo.population = 1  # type: ignore[misc]
    assert {oslo: 1}[Kommune("0301", "Oslo", None, "03", 717_710)] == 1


def test_register_constructor_sorts_and_checks() -> None:
    a = Kommune("0301", "Oslo", None, "03", 10)
    b = Kommune("1101", "Eigersund", None, "11", 5)
    counties = [Fylke("11", "Rogaland"), Fylke("03", "Oslo")]
    reg = Register(2024, [b, a], counties)
    assert reg.municipalities == (a, b)
    assert [f.fylkesnummer for f in reg.counties] == ["03", "11"]
    assert reg.population == 15
    assert reg.municipalities_in("11") == (b,)
    with pytest.raises(InvalidParameter, match="more than once: 0301"):
        Register(2024, [a, a], counties)
    with pytest.raises(InvalidParameter, match="not in the register"):
        Register(2024, [a, b], [Fylke("03", "Oslo")])


# --- the 2023 → 2024 changes ------------------------------------------------------------------


def test_county_changes() -> None:
    assert dict(COUNTY_CHANGES_2024) == {
        "30": ("31", "32", "33"),
        "38": ("39", "40"),
        "54": ("55", "56"),
    }
    assert sorted(n for new in COUNTY_CHANGES_2024.values() for n in new) == list(NEW_COUNTIES)
    for old, new in COUNTY_CHANGES_2024.items():
        assert old not in {f.fylkesnummer for f in REG.counties}
        for nr in new:
            REG.county(nr)


def test_municipality_changes_shape() -> None:
    assert isinstance(MUNICIPALITY_CHANGES_2024, Mapping)
    assert len(MUNICIPALITY_CHANGES_2024) == 114
    assert MUNICIPALITY_CHANGES_2024["1507"] == ("1508", "1580")
    for old, new in MUNICIPALITY_CHANGES_2024.items():
        assert re.fullmatch(r"[0-9]{4}", old)
        assert old not in REG, old
        assert old == "1507" or old[:2] in OLD_COUNTIES
        assert len(new) == (2 if old == "1507" else 1)
        assert list(new) == sorted(new)
    per_old_county = Counter(old[:2] for old in MUNICIPALITY_CHANGES_2024 if old != "1507")
    assert per_old_county == {"30": 12 + 21 + 18, "38": 6 + 17, "54": 21 + 18}
    assert "0301" not in MUNICIPALITY_CHANGES_2024
    assert MUNICIPALITY_CHANGES_2024.get("0301") is None
    assert dict(MUNICIPALITY_CHANGES_2024) == MUNICIPALITY_CHANGES_2024


def test_every_target_exists_in_2024() -> None:
    for old, new in MUNICIPALITY_CHANGES_2024.items():
        for nr in new:
            assert nr in REG, (old, nr)
            if old == "1507":
                assert nr[:2] == "15"
            else:
                assert nr[:2] in COUNTY_CHANGES_2024[old[:2]], (old, nr)


def test_new_county_municipalities_are_covered_exactly_once() -> None:
    targets = Counter(nr for new in MUNICIPALITY_CHANGES_2024.values() for nr in new)
    assert max(targets.values()) == 1
    for county in NEW_COUNTIES:
        in_county = {k.kommunenummer for k in REG.municipalities_in(county)}
        covered = {nr for nr in targets if nr[:2] == county}
        assert covered == in_county, county
    outside = {nr for nr in targets if nr[:2] not in NEW_COUNTIES}
    assert outside == {"1508", "1580"}


def test_names_agree_between_old_and_new() -> None:
    assert len(CHANGE_ROWS) == 115
    for row in CHANGE_ROWS:
        old, new = row["kommunenummer_2023"], row["kommunenummer_2024"]
        assert new in MUNICIPALITY_CHANGES_2024[old]
        if (old, new) in KNOWN_RENAMES:
            continue
        assert REG.municipality(new).name in _norwegian_parts(row["kommunenavn_2023"]), row
    assert {(r["kommunenummer_2023"], r["kommunenummer_2024"]) for r in CHANGE_ROWS} >= (
        KNOWN_RENAMES
    )


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("3001", "3101"),  # Halden
        ("3005", "3301"),  # Drammen
        ("3018", "3114"),  # Våler (Viken) → Våler (Østfold)
        ("3020", "3207"),  # Nordre Follo
        ("3024", "3201"),  # Bærum
        ("3025", "3203"),  # Asker
        ("3053", "3236"),  # Jevnaker (to Akershus)
        ("3054", "3234"),  # Lunner (to Akershus)
        ("3803", "3905"),  # Tønsberg
        ("3804", "3907"),  # Sandefjord
        ("3806", "4001"),  # Porsgrunn
        ("3818", "4026"),  # Tinn
        ("5401", "5501"),  # Tromsø
        ("5403", "5601"),  # Alta
        ("5444", "5605"),  # Sør-Varanger
    ],
)
def test_known_renumberings(old: str, new: str) -> None:
    assert map_to_2024(old) == (new,)


def test_map_to_2024() -> None:
    assert map_to_2024("1507") == ("1508", "1580")
    assert map_to_2024("0301") == ("0301",)
    assert map_to_2024("3101") == ("3101",)  # a 2024 number maps to itself
    changed_targets = {nr for new in MUNICIPALITY_CHANGES_2024.values() for nr in new}
    for k in REG:
        assert map_to_2024(k.kommunenummer) == (k.kommunenummer,)
        if k.kommunenummer not in changed_targets:
            assert k.fylkesnummer not in NEW_COUNTIES
    with pytest.raises(UnknownMunicipality):
        map_to_2024("3099")
    with pytest.raises(UnknownMunicipality, match="4 digits"):
        map_to_2024("abc")


# --- properties --------------------------------------------------------------------------------

NUMBERISH = st.one_of(
    st.text(),
    st.from_regex(r"[0-9]{4}", fullmatch=True),
    st.from_regex(r"\s?[0-9]{1,5}\s?", fullmatch=True),
    st.sampled_from([k.kommunenummer for k in REG] + list(MUNICIPALITY_CHANGES_2024)),
)


@given(NUMBERISH)
def test_municipality_returns_or_raises_unknown_municipality(text: str) -> None:
    if text in REG:
        assert REG.municipality(text).kommunenummer == text
        return
    with pytest.raises(UnknownMunicipality) as info:  # any other exception fails the test
        REG.municipality(text)
    err = info.value
    assert err.number == text
    assert len(err.suggestions) <= 3
    assert all(s in REG for s in err.suggestions)
    assert err.message("nb")
    assert err.message("en")


@given(NUMBERISH)
def test_map_to_2024_returns_2024_numbers_or_raises(text: str) -> None:
    if text in REG or text in MUNICIPALITY_CHANGES_2024:
        mapped = map_to_2024(text)
        assert mapped
        assert all(nr in REG for nr in mapped)
    else:
        with pytest.raises(UnknownMunicipality):
            map_to_2024(text)


@given(st.one_of(st.text(max_size=3), st.from_regex(r"[0-9]{2}", fullmatch=True)))
def test_county_returns_or_raises_unknown_county(text: str) -> None:
    if text in {f.fylkesnummer for f in REG.counties}:
        assert REG.county(text).fylkesnummer == text
        return
    with pytest.raises(UnknownCounty) as info:
        REG.county(text)
    assert info.value.number == text


def test_municipality_problem_is_the_registers_message_in_every_language() -> None:
    found = geography.municipality_problem("/measures/0/beneficiaries/1", "1507")
    assert found is not None
    assert found.where == "/measures/0/beneficiaries/1"
    assert found.message("nb") == (
        "kommunenummer 1507 finnes ikke i registeret for 2024: "
        "1507 Ålesund ble delt i 1508 Ålesund og 1580 Haram 1. januar 2024"
    )
    assert found.message("nn") == (
        "kommunenummer 1507 finst ikkje i registeret for 2024: "
        "1507 Ålesund vart delt i 1508 Ålesund og 1580 Haram 1. januar 2024"
    )
    assert found.message("en").endswith(
        "was split into 1508 Ålesund and 1580 Haram on 1 January 2024"
    )
    assert geography.municipality_problem("/x", "1508") is None
    malformed = geography.municipality_problem("/x", "301")
    assert malformed is not None
    assert malformed.message("nn").startswith(
        "eit kommunenummer må vere 4 siffer (0-9), fekk «301»"
    )
    with pytest.raises(UnknownMunicipality) as info:
        register(2024).municipality("1507")
    assert found.text == info.value.text


def test_a_malformed_number_is_quoted_as_written_in_each_language() -> None:
    """The number as the user wrote it, in the language's quotes, its control characters
    visible and a long one cut: not Python's repr."""
    reg = register(2024)
    with pytest.raises(UnknownMunicipality) as caught:
        reg.municipality("18\x1b3")
    assert caught.value.nb.startswith("et kommunenummer må være 4 sifre (0-9), fikk «18␛3»")
    assert caught.value.en.startswith("a kommunenummer must be 4 digits (0-9), got '18␛3'")
    with pytest.raises(UnknownCounty) as county:
        reg.county("x" * 100)
    assert county.value.nn == f"eit fylkesnummer må vere 2 siffer (0-9), fekk «{'x' * 39}…»"


def test_a_number_given_as_an_int_is_told_it_is_no_text() -> None:
    """``municipality(1835)`` said «must be 4 digits, got 1835», which it is: the fault is the
    type, and the text it meant is suggested."""
    reg = register(2024)
    with pytest.raises(UnknownMunicipality) as caught:
        reg.municipality(1835)  # type: ignore[arg-type]
    assert caught.value.en == (
        "a kommunenummer is a text of 4 digits (str), not int (1835); did you mean 1835 Træna?"
    )
    assert caught.value.suggestions == ("1835",)
    with pytest.raises(UnknownCounty) as county:
        reg.county(18)  # type: ignore[arg-type]
    assert county.value.nb == "et fylkesnummer er en tekst på 2 sifre (str), ikke int (18)"
