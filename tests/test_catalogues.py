"""The message catalogues are complete, consistent and used (issue 11, point 2).

Each test prints the offending keys in its failure message; the goal is that every list is empty.
A key is *used* when the code names it literally in ``msg("...")`` or ``Message("...")``, when a
module lists it in a module-level ``KEYS`` or ``DYNAMIC_KEYS`` tuple, or when it is the label
``enum.<Class>.<value>`` of an enum member defined in post65.
"""

from __future__ import annotations

import ast
import enum
import functools
import importlib
import pkgutil
from pathlib import Path

import attrs
import pytest

import post65
from post65 import text
from post65.text import Lang

SRC = Path(post65.__file__).parent
CALLS = frozenset({"msg", "Message"})
DECLARED = frozenset({"KEYS", "DYNAMIC_KEYS"})
ENGLISH = (" the ", " and ", " of ", " is ", " must ", " measure")


@attrs.frozen
class Call:
    """One ``msg("key", ...)`` call: where, the key, and its argument names (None: unknown)."""

    where: str
    key: str
    args: frozenset[str] | None


@attrs.frozen
class Scan:
    calls: tuple[Call, ...]
    declared: frozenset[str]


def _declared(node: ast.expr) -> set[str]:
    if isinstance(node, ast.Call) and len(node.args) == 1:  # frozenset({...}), tuple([...])
        node = node.args[0]
    value = ast.literal_eval(node)
    assert all(isinstance(key, str) for key in value), ast.unparse(node)
    return set(value)


def scan_source(source: str, name: str) -> Scan:
    """The literal message calls and the declared dynamic keys of one module's source."""
    tree = ast.parse(source, name)
    calls: list[Call] = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        func = node.func
        called = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
        first = node.args[0]
        if called not in CALLS or not isinstance(first, ast.Constant):
            continue
        if not isinstance(first.value, str):
            continue
        names = [keyword.arg for keyword in node.keywords]
        known = len(node.args) == 1 and None not in names
        args = frozenset(n for n in names if n is not None) if known else None
        calls.append(Call(f"{name}:{node.lineno}", first.value, args))
    declared: set[str] = set()
    for statement in tree.body:
        target, value = None, None
        if isinstance(statement, ast.Assign) and len(statement.targets) == 1:
            target, value = statement.targets[0], statement.value
        elif isinstance(statement, ast.AnnAssign):
            target, value = statement.target, statement.value
        if isinstance(target, ast.Name) and target.id in DECLARED and value is not None:
            declared |= _declared(value)
    return Scan(tuple(calls), frozenset(declared))


@functools.cache
def scan() -> Scan:
    calls: list[Call] = []
    declared: set[str] = set()
    for path in sorted(SRC.rglob("*.py")):
        found = scan_source(path.read_text(encoding="utf-8"), str(path.relative_to(SRC.parent)))
        calls += found.calls
        declared |= found.declared
    return Scan(tuple(calls), frozenset(declared))


@functools.cache
def enum_keys() -> frozenset[str]:
    """``enum.<Class>.<value>`` for every member of every enum defined in post65."""
    found: set[str] = set()
    for info in pkgutil.walk_packages(post65.__path__, "post65."):
        if info.name.endswith("__main__"):
            continue
        module = importlib.import_module(info.name)
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and issubclass(value, enum.Enum)
                and value.__module__.startswith("post65")
            ):
                found |= {f"enum.{value.__name__}.{member.value}" for member in value}
    return frozenset(found)


def all_keys() -> set[str]:
    return set().union(*(text.keys(lang) for lang in Lang))


def test_scanner_finds_calls_and_declared_keys() -> None:
    source = (
        "from post65.text import msg, Message\n"
        "KEYS = ('k.dynamic',)\n"
        "DYNAMIC_KEYS: tuple[str, ...] = frozenset({'k.other'})\n"
        "def f(x):\n"
        "    a = msg('k.one', n=1, amount=x)\n"
        "    b = text.msg('k.two', **x)\n"
        "    c = Message('k.three')\n"
        "    return msg(f'k.{x}'), other('k.no')\n"
    )
    found = scan_source(source, "m.py")
    assert found.calls == (
        Call("m.py:5", "k.one", frozenset({"n", "amount"})),
        Call("m.py:6", "k.two", None),
        Call("m.py:7", "k.three", frozenset()),
    )
    assert found.declared == {"k.dynamic", "k.other"}


def test_enum_labels_are_found() -> None:
    assert {"enum.Lang.nb", "enum.Lang.nn", "enum.Lang.en"} <= enum_keys()


@pytest.mark.parametrize("lang", list(Lang))
def test_every_catalogue_has_every_key(lang: Lang) -> None:
    missing = sorted(all_keys() - text.keys(lang))
    assert not missing, f"keys missing from {lang.value}.po:\n" + "\n".join(missing)


def test_placeholders_are_the_same_in_every_language() -> None:
    differing = []
    shared = frozenset.intersection(*(text.keys(lang) for lang in Lang))  # others: reported above
    for key in sorted(shared):
        names = {lang: text.placeholders(text.template(lang, key)) for lang in Lang}
        if len({frozenset(n) for n in names.values()}) > 1:
            differing.append(f"{key}: " + "; ".join(f"{k}={sorted(v)}" for k, v in names.items()))
    assert not differing, "placeholders differ between languages:\n" + "\n".join(differing)


def test_keys_used_in_the_code_exist() -> None:
    used = {call.key for call in scan().calls} | scan().declared
    missing = sorted(used - all_keys())
    assert not missing, "keys used in src/post65 but in no catalogue:\n" + "\n".join(missing)


def test_every_catalogue_key_is_used() -> None:
    used = {call.key for call in scan().calls} | scan().declared | enum_keys()
    unused = sorted(all_keys() - used)
    assert not unused, "catalogue keys no code uses:\n" + "\n".join(unused)


def test_calls_pass_the_arguments_their_message_needs() -> None:
    wrong = []
    for call in scan().calls:
        if call.args is None or call.key not in text.keys(Lang.NB):
            continue
        needed = text.placeholders(text.template(Lang.NB, call.key))
        if call.args != needed:
            wrong.append(
                f"{call.where}: {call.key} given {sorted(call.args)}, needs {sorted(needed)}"
            )
    assert not wrong, "calls whose arguments do not match their message:\n" + "\n".join(wrong)


@pytest.mark.parametrize("lang", [Lang.NB, Lang.NN])
def test_no_english_inside_norwegian(lang: Lang) -> None:
    english = []
    for key in sorted(text.keys(lang)):
        padded = f" {text.template(lang, key).lower()} "
        english += [f"{key}: {word.strip()!r}" for word in ENGLISH if word in padded]
    assert not english, f"English words in {lang.value}.po:\n" + "\n".join(english)


@pytest.mark.parametrize("lang", list(Lang))
def test_every_catalogue_file_is_valid_and_its_templates_compile(lang: Lang) -> None:
    source = SRC / "locale" / f"{lang.value}.po"
    entries = text.parse_po(source.read_text(encoding="utf-8"), source.name)
    assert entries.keys() == text.keys(lang)
    for key, template in entries.items():
        text.placeholders(template)  # raises on an unknown format or a positional field
        assert template.strip() == template or key.startswith("format."), key
