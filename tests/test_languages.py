"""Adding a language changes the places ``post65.text`` lists, and no other.

The codes of the languages (``nb``, ``nn``, ``en``) are spelt out together in a few places
besides :class:`post65.text.Lang`; its module docstring («How to add a language») lists each.
These tests find every place in ``src/post65`` that spells all of them together (in code: as
strings, names of fields, members or keyword arguments in one statement or one class body; in
a string or a catalogue message: within a few characters of each other) and fail on one the
docstring does not list, or on one it lists that no longer spells them. Docstrings and comments
are documentation, not counted.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from post65 import text
from post65._po import parse_po
from post65.io import load
from post65.summary import summarise_reports
from post65.summary.page import page_html
from post65.text import Lang

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "post65"
CODES = frozenset(lang.value for lang in Lang)
_WORD = re.compile(r"\b(" + "|".join(sorted(CODES)) + r")\b")


def _spelt_together(value: str) -> bool:
    """Whether ``value`` names every code within a short span (``nb, nn or en``, ``nb|nn|en``)."""
    found = [(m.start(), m.group()) for m in _WORD.finditer(value)]
    span = 8 * len(CODES)
    return any(
        {code for at, code in found if start <= at < start + span} == CODES for start, _ in found
    )


def _codes(node: ast.AST, *, skip: ast.AST | None = None) -> set[str]:
    """The codes ``node`` spells: strings equal to one, names of targets, attributes and keyword
    arguments equal to one, and all of them for a string that spells them together."""
    out: set[str] = set()
    for child in ast.walk(node):
        if child is skip:
            continue
        if isinstance(child, ast.Constant) and isinstance(child.value, str):
            out |= CODES if _spelt_together(child.value) else {child.value} & CODES
        elif isinstance(child, ast.Name):
            out |= {child.id} & CODES
        elif isinstance(child, ast.Attribute):
            out |= {child.attr} & CODES
        elif isinstance(child, ast.keyword) and child.arg is not None:
            out |= {child.arg} & CODES
    return out


def _docstring(body: list[ast.stmt]) -> ast.AST | None:
    first = body[0] if body else None
    if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
        return first.value if isinstance(first.value.value, str) else None
    return None


def _target(statement: ast.stmt) -> str | None:
    targets = (
        statement.targets
        if isinstance(statement, ast.Assign)
        else [statement.target]
        if isinstance(statement, ast.AnnAssign)
        else []
    )
    names = [t.id for t in targets if isinstance(t, ast.Name)]
    return names[0] if names else None


def _places_in(module: str, body: list[ast.stmt], qualname: str) -> set[str]:
    """The places in ``body`` (of ``qualname`` in ``module``) that spell every code."""
    places: set[str] = set()
    docstring = _docstring(body)
    for statement in body:
        if isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            inner = f"{qualname}.{statement.name}" if qualname else statement.name
            if isinstance(statement, ast.ClassDef):
                # a class spells them across its body: members, fields, methods named by a code
                spelt: set[str] = set()
                for member in statement.body:
                    if isinstance(member, ast.FunctionDef | ast.AsyncFunctionDef):
                        spelt |= {member.name} & CODES
                    elif not hasattr(member, "body"):
                        spelt |= _codes(member, skip=_docstring(statement.body))
                if spelt == CODES:
                    places.add(f"{module}.{inner}")
            places |= _places_in(module, statement.body, inner)
        elif hasattr(statement, "body"):  # if, for, with, try: their statements, one by one
            for field in ("body", "orelse", "finalbody"):
                places |= _places_in(module, getattr(statement, field, []), qualname)
            for handler in getattr(statement, "handlers", []):
                places |= _places_in(module, handler.body, qualname)
        elif _codes(statement, skip=docstring) == CODES:
            name = qualname or _target(statement) or f"line {statement.lineno}"
            places.add(f"{module}.{name}")
    return places


def _places() -> set[str]:
    """Every place in ``src/post65`` that spells the codes together: ``module.qualname`` in code
    (without ``post65.``), the key of a catalogue message."""
    places: set[str] = set()
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE).with_suffix("").parts
        module = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        places |= _places_in(module, ast.parse(path.read_text("utf-8")).body, "")
    for path in sorted((PACKAGE / "locale").glob("*.po")):
        catalogue = parse_po(path.read_text("utf-8"), str(path))
        places |= {key for key, value in catalogue.items() if _spelt_together(value)}
    return places


def _documented() -> set[str]:
    """The places the docstring of ``post65.text`` lists under «How to add a language»: the
    dotted ````names```` of the section's last paragraph."""
    assert text.__doc__ is not None
    section = text.__doc__.partition("How to add a language\n")[2]
    assert section, "post65.text has no section «How to add a language»"
    places = section.strip().rpartition("\n\n")[2]
    return {name for name in re.findall(r"``([^`]+)``", places) if "." in name}


def test_the_places_that_spell_the_language_codes_are_the_documented_ones() -> None:
    documented = _documented()
    assert documented, "no places listed under «How to add a language»"
    found = _places()
    assert sorted(found - documented) == [], "spelt here, not listed in post65.text's docstring"
    assert sorted(documented - found) == [], "listed in post65.text's docstring, spelt no more"


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ('LANGS = ("nb", "nn", "en")', {"m.LANGS"}),
        ("def f(m):\n    return m(nb=1, nn=2, en=3)", {"m.f"}),
        ("class L:\n    nb: str\n    nn: str\n    en: str", {"m.L"}),
        ('class E:\n    A = "nb"\n    B = "nn"\n    C = "en"', {"m.E"}),
        ("x = f\"{ {'nb': 1, 'nn': 2, 'en': 3}[k] }\"", {"m.x"}),
        ('HELP = "the language: nb, nn or en"', {"m.HELP"}),
        ('def f():\n    """One of nb, nn, en."""\n    return "nb"', set()),
        ("class P:\n    def nb(self): ...\n    def en(self): ...", set()),
    ],
)
def test_each_spelling_of_the_codes_is_found(source: str, expected: set[str]) -> None:
    assert _places_in("m", ast.parse(source).body, "") == expected


def test_the_summary_page_states_each_language() -> None:
    report = load(ROOT / "examples" / "reports-2024" / "18-nordland.report.json", kind="report")
    summary = summarise_reports([("18-nordland.report.json", report)])
    for lang in Lang:
        assert f'<html lang="{lang.value}">' in page_html(summary, lang.value)
