"""Generate the reference pages in ``docs/`` from the code; ``tests/test_docs.py`` checks they are
fresh.

- ``docs/rules.md``: exactly ``post65 rules --format markdown --lang en``;
- ``docs/regler.md``: exactly ``post65 rules --format markdown`` (bokmål, the default language);
- ``docs/reglar.md``: exactly ``post65 rules --format markdown --lang nn`` (nynorsk);
- ``docs/interpretations.md``: every interpretation of every rule in one table (English);
- ``docs/api.md``: every name of ``post65.__all__`` with its signature and the first paragraph of
  its docstring, grouped by the module that defines it.

Run ``python tests/docgen.py`` after changing a rule or the public API, and commit the result.
"""

from __future__ import annotations

import contextlib
import enum
import importlib
import inspect
import io
import json
import re
import sys
import types
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs

import post65
from post65.cli import main

__all__ = ["GENERATED", "api_reference", "interpretations_reference", "rules_reference"]

DOCS = Path(__file__).resolve().parent.parent / "docs"
WIDTH = 96


def rules_reference(lang: str) -> str:
    """The output of ``post65 rules --format markdown`` in ``lang``."""
    argv = ["rules", "--format", "markdown"] + (["--lang", lang] if lang != "nb" else [])
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main(argv)
    if code != 0:
        raise RuntimeError(f"post65 {' '.join(argv)} exited {code}")
    return out.getvalue()


def interpretations_reference() -> str:
    """Every rule's interpretations in one table, in English."""
    from post65.cli.rules import render_interpretations

    return render_interpretations(post65.rules(), "en")


# --------------------------------------------------------------------------------------------
# The API reference


def _module_of(name: str, obj: object) -> str:
    lazy: dict[str, str] = vars(post65)["_LAZY"]
    if name in lazy:
        return lazy[name]
    module = getattr(obj, "__module__", None)
    if inspect.isclass(obj) or inspect.isfunction(obj):
        return str(module)
    for candidate in sorted(m for m in sys.modules if m.startswith("post65.")):
        if name in getattr(sys.modules[candidate], "__all__", ()):
            return candidate
    return "post65"


def _plain(text: str) -> str:
    """reStructuredText roles and literals as Markdown."""
    text = re.sub(r":[a-z]+:`~?(?:[\w.]+\.)?([\w]+)`", r"`\1`", text)
    return text.replace("``", "`")


def _summary(obj: object) -> str:
    doc = inspect.getdoc(obj) or ""
    lines: list[str] = []
    for line in doc.splitlines():
        if not line.strip() or line.lstrip().startswith(">>>"):
            break
        lines.append(line.strip())
    return _plain(" ".join(lines))


def _default(value: object) -> str:
    if value is attrs.NOTHING:
        return "<factory>"
    if isinstance(value, enum.Enum):
        return f"{type(value).__name__}.{value.name}"
    if isinstance(value, types.MappingProxyType):
        return f"MappingProxyType({dict(value)!r})"
    return repr(value)


def _parameters(fn: Callable[..., Any]) -> tuple[list[str], str]:
    signature = inspect.signature(fn)
    parts: list[str] = []
    star = False
    for p in signature.parameters.values():
        if p.name.startswith("_"):
            continue
        if p.kind is p.KEYWORD_ONLY and not star:
            parts.append("*")
            star = True
        if p.kind is p.VAR_POSITIONAL:
            star = True
            text = f"*{p.name}"
        elif p.kind is p.VAR_KEYWORD:
            text = f"**{p.name}"
        else:
            text = p.name
        if p.annotation is not p.empty:
            text += f": {p.annotation}"
        if p.default is not p.empty:
            text += f" = {_default(p.default)}"
        parts.append(text)
    ret = signature.return_annotation
    returns = "" if ret in (inspect.Signature.empty, None, "None") else f" -> {ret}"
    return parts, returns


def _call(head: str, parts: list[str], tail: str) -> str:
    one_line = f"{head}({', '.join(parts)}){tail}"
    if len(one_line) <= WIDTH or not parts:
        return one_line
    inner = "".join(f"    {part},\n" for part in parts)
    return f"{head}(\n{inner}){tail}"


def _signature(name: str, obj: object) -> str:
    if inspect.isclass(obj) and issubclass(obj, tuple) and hasattr(obj, "_fields"):
        # a named tuple: its fields as written (their annotations are text under
        # ``from __future__ import annotations``), each with its default
        defaults: dict[str, object] = getattr(obj, "_field_defaults", {})
        notes = getattr(obj, "__annotations__", {})
        parts = [
            f"{f}: {getattr(notes[f], '__forward_arg__', notes[f])}"
            + (f" = {_default(defaults[f])}" if f in defaults else "")
            for f in obj._fields
        ]
        return f"class {name}(NamedTuple)\n" + _call(name, parts, "")
    if inspect.isclass(obj):
        bases = [b.__name__ for b in obj.__bases__ if b is not object]
        head = f"class {name}" + (f"({', '.join(bases)})" if bases else "")
        if issubclass(obj, enum.Enum):
            members = "".join(f"\n    {m.name} = {json.dumps(m.value)}" for m in obj)
            return f"{head}:{members}"
        try:
            parts, _ = _parameters(obj)
        except (TypeError, ValueError):
            return head
        if bases:  # the bases on the first line, the constructor on the next
            return head + "\n" + _call(name, parts, "")
        return _call(head, parts, "")
    if inspect.isfunction(obj):
        parts, returns = _parameters(obj)
        return _call(name, parts, returns)
    if name == "__version__":
        return f"__version__ = {json.dumps(obj)}"
    if name == "Money":
        return "Money = pint.Quantity[Decimal]"
    return f"{name}: {type(obj).__name__} = {obj!r}"


def _constant_summary(name: str) -> str:
    known = {
        "__version__": "The version of post65.",
        "Money": "An amount of money: a `pint.Quantity` in NOK with a `Decimal` magnitude.",
        "ZERO": "0 kr.",
    }
    return known.get(name, "")


def api_reference() -> str:
    """The Markdown of ``docs/api.md``."""
    by_module: dict[str, list[tuple[str, object]]] = {}
    for name in post65.__all__:
        obj = getattr(post65, name)
        by_module.setdefault(_module_of(name, obj), []).append((name, obj))
    lines = [
        "# API reference",
        "",
        f"The public API of post65 {post65.__version__}: every name in `post65.__all__`, with its "
        "signature and the first paragraph of its documentation, grouped by the module that "
        "defines it. Everything else is internal. Import the names from `post65` itself "
        "(`post65.load`, `post65.Portfolio`); the document types load on first use.",
        "",
        "This page is generated from the code by `python tests/docgen.py`; a test checks that "
        "it is fresh. The Hypothesis strategies (`post65.strategies`, the extra "
        "`post65[hypothesis]`) are described in [the guide](guide.md#test-your-system-against-"
        "post65).",
        "",
    ]
    for module in sorted(by_module):
        lines += [f"## `{module}`", ""]
        doc = importlib.import_module(module).__doc__ if module != "post65" else None
        if doc:
            lines += [_summary(importlib.import_module(module)), ""]
        for name, obj in sorted(by_module[module], key=lambda item: item[0].lower()):
            summary = _summary(obj) if inspect.isclass(obj) or inspect.isfunction(obj) else ""
            summary = summary or _constant_summary(name)
            lines += [f"### `post65.{name}`", "", "```python", _signature(name, obj), "```", ""]
            if summary:
                lines += [summary, ""]
    return "\n".join(lines).rstrip("\n") + "\n"


GENERATED: dict[str, Callable[[], str]] = {
    "rules.md": lambda: rules_reference("en"),
    "regler.md": lambda: rules_reference("nb"),
    "reglar.md": lambda: rules_reference("nn"),
    "interpretations.md": interpretations_reference,
    "api.md": api_reference,
}
"""The generated pages of ``docs/``, by file name."""


if __name__ == "__main__":
    for file_name, make in GENERATED.items():
        (DOCS / file_name).write_text(make(), encoding="utf-8")
        sys.stdout.write(f"wrote docs/{file_name}\n")
