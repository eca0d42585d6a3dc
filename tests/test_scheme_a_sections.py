"""Scheme a is a package with one module per section of its regulation, and each module's
docstring holds its section's words, verbatim from the shipped text (issue 11, point 1)."""

from __future__ import annotations

import importlib
import inspect
import re
from types import ModuleType

import pytest

from post65.catalogue import MODULES
from post65.law import normalise, source_text
from post65.rulebook import Rule

SECTIONS = {
    "s1_target": ("1", ("A-1.1", "A-1.2", "A-1.3", "A-1.4")),
    "s2_criteria": ("2", ("A-2.1", "A-2.2")),
    "s3_allocation": ("3", ("A-3.1",)),
    "s4_uses": ("4", tuple(f"A-4.{n}" for n in range(1, 6))),
    "s4_all_measures": ("4", ("A-4.6", "A-4.7", "A-4.8")),
    "s4_county_work": ("4", ("A-4.9", "A-4.10", "A-4.11")),
    "s4_funds": ("4", ("A-4.12",)),
    "s5_admin": ("5", ("A-5.1", "A-5.2")),
}

# The first words of each section of the shipped text, and where the next one starts.
HEADINGS = {
    "1": "1. Mål og målgruppe",
    "2": "2. Kriterier for måloppnåelse",
    "3": "3. Tilskuddsutmåling",
    "4": "4. Hva kan midlene brukes til",
    "5": "5. Administrasjons- og gjennomføringskostnader",
    "6": "6. Opplegg for oppfølging og kontroll og evaluering",
}

QUOTED = re.compile(r"^«(.*?)»$", re.DOTALL | re.MULTILINE)


def module(name: str) -> ModuleType:
    return importlib.import_module(f"post65.schemes.a.{name}")


def quotation(m: ModuleType) -> str:
    """The section's words in the module's docstring: the first paragraphs opened by «, at the
    start of a line, and closed by », at the end of one."""
    found = QUOTED.search(inspect.getdoc(m) or "")
    assert found is not None, f"{m.__name__} quotes no words of its section"
    return normalise(found.group(1))


def section_text(number: str) -> str:
    """Section ``number`` of the shipped regulation, whitespace-normalised, without its heading."""
    text = source_text("regelverk-a-2023")
    start = text.index(HEADINGS[number]) + len(HEADINGS[number])
    return text[start : text.index(HEADINGS[str(int(number) + 1)])].strip()


def test_every_rule_module_of_scheme_a_is_a_section_module() -> None:
    mine = {m.__name__.rpartition(".")[2] for m in MODULES if ".schemes.a." in m.__name__}
    assert mine == set(SECTIONS)


@pytest.mark.parametrize("name", sorted(SECTIONS))
def test_the_docstring_quotes_its_section_word_for_word(name: str) -> None:
    number, _ = SECTIONS[name]
    quoted = quotation(module(name))
    assert len(quoted) > 40
    assert quoted in source_text("regelverk-a-2023")
    assert quoted in section_text(number), f"{name} quotes words outside §{number}"


@pytest.mark.parametrize("number", ["1", "2", "3", "5"])
def test_a_whole_section_is_quoted_where_one_module_holds_it(number: str) -> None:
    (name,) = [n for n, (s, _) in SECTIONS.items() if s == number]
    assert quotation(module(name)) == section_text(number)


def test_the_modules_of_section_4_quote_the_whole_section_between_them() -> None:
    names = ("s4_uses", "s4_all_measures", "s4_county_work", "s4_funds")
    quoted = [quotation(module(n)) for n in names]
    assert " ".join(quoted) == section_text("4")


@pytest.mark.parametrize("name", sorted(SECTIONS))
def test_each_module_holds_the_rules_of_its_section_and_they_cite_it(name: str) -> None:
    number, ids = SECTIONS[name]
    m = module(name)
    rules: tuple[Rule, ...] = m.RULES
    assert tuple(r.id for r in rules) == ids
    for r in rules:
        assert r.citation.section == number, r.id
        assert normalise(r.citation.quote) in quotation(m), r.id
        assert r.check.__module__ == m.__name__, r.id


def test_a_quotation_not_in_the_law_is_found_out() -> None:
    fake = ModuleType("fake", "§1\n\n«Målgruppen for ordningen er alle kommuner i landet.»\n")
    assert quotation(fake) not in source_text("regelverk-a-2023")
