"""The house (docs/architecture.md): imports flow one way, no module is too large.

Every import of a post65 module by another, at the top or inside a function, is an edge, and
so is every module a declared place loads by its name (:data:`LOADED_BY_NAME`: the CLI's
commands); the graph has no cycle, and no module imports one of a higher layer. Every module is
placed in a layer, as the picture in the doc draws it.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"
PACKAGE = SRC / "post65"

# The layers, bottom first: a module may import from its own layer or below. A module is
# placed by the longest prefix of its dotted name listed here, except ``post65``, which places
# the package's ``__init__`` alone: every module must be placed (a new one is added here and to
# the picture in docs/architecture.md).
LAYERS: tuple[tuple[str, ...], ...] = (
    (
        "post65._po",
        "post65._empty",
        "post65.text",
        "post65._decimal",
        "post65._gc",
        "post65._slots",
        "post65.errors",
        "post65._arguments",
        "post65._jsonpatch",
        "post65.dates",
        "post65._escape",
    ),
    (
        "post65._amounts",
        "post65._sums",
        "post65.money",
        "post65.numbers",
        "post65.geography",
        "post65.parameter_table",
        "post65.parameters",
        "post65.law",
    ),
    (
        "post65.jsontext",
        "post65._shape",
        "post65.codec",
        "post65.faststructure",
        "post65.streamjson",
        "post65.rulebook",
        "post65.tables",
        "post65.charts",
    ),
    (
        "post65.measures",
        "post65.settling",
        "post65.funds",
        "post65.ledger",
        "post65.stateaid",
        "post65.portfolio",
        "post65.calls",
        "post65.applications",
        "post65.programme",
        "post65.layout",
        "post65.report.document",
        "post65.report.figures",
        "post65.report.validation",
    ),
    (
        "post65.apportion",
        "post65.deminimis",
        "post65.districtindex",
        "post65.allocation",
        "post65.report",
    ),
    ("post65.schemes",),
    ("post65.catalogue",),
    ("post65.kinds", "post65.repair", "post65.io"),
    ("post65.rules", "post65.scenarios", "post65.summary"),
    ("post65.cli", "post65.__main__", "post65.strategies", "post65._hypothesis", "post65"),
)


def _modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(SRC).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


MODULES = _modules()


def _resolve(name: str) -> str | None:
    """The post65 module ``name`` refers to (a module, or a package whose attribute it names)."""
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name or None


def _imports(module: str, path: Path) -> set[str]:
    tree = ast.parse(path.read_text("utf-8"))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    out: set[str] = set()
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            # ``from pkg import mod`` is an edge to the module; ``from pkg import name`` to pkg.
            names = [
                f"{base}.{a.name}" if f"{base}.{a.name}" in MODULES else base for a in node.names
            ]
        for name in names:
            if name.startswith("post65"):
                target = _resolve(name)
                if target is not None and target != module:
                    out.add(target)
    return out


def _command_modules() -> frozenset[str]:
    """The modules of the commands of ``post65`` (``post65.cli.COMMANDS``, the one table)."""
    from post65.cli import COMMANDS

    return frozenset(command.module for command in COMMANDS)


COMMAND_MODULES = _command_modules()


LOADED_BY_NAME: dict[str, tuple[str, frozenset[str]]] = {
    "post65": (
        "the public names, each module loaded on first use (__getattr__); its TYPE_CHECKING "
        "imports name them, and it is the top of the house",
        frozenset(),
    ),
    "post65.cli": (
        "a command's module (COMMANDS), imported only when the command line names the command, "
        "so that post65 --help loads none: each is an edge of post65.cli",
        COMMAND_MODULES,
    ),
    "post65.tables": (
        "require() tries whether an optional extra (openpyxl, matplotlib) is installed",
        frozenset(),
    ),
}
"""The only modules that import a module named at run time (``importlib.import_module``,
``__import__``, ``importlib.util``), why, and the post65 modules they load that way, counted as
their imports in :data:`GRAPH` (the layers and the cycles see them)."""

GRAPH = {
    m: _imports(m, p) | LOADED_BY_NAME.get(m, ("", frozenset()))[1] for m, p in MODULES.items()
}


def _placed(module: str) -> int | None:
    """The layer :data:`LAYERS` places ``module`` in, ``None`` if none does."""
    best, found = -1, None
    for i, layer in enumerate(LAYERS):
        for prefix in layer:
            within = prefix != "post65" and module.startswith(prefix + ".")
            if (module == prefix or within) and len(prefix) > best:
                best, found = len(prefix), i
    return found


PLACED = {m: i for m in MODULES if (i := _placed(m)) is not None}


def _layer(module: str) -> int:
    return PLACED[module]


def _cycles() -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    out: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in sorted(GRAPH.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                out.append(sorted(component))

    for v in sorted(GRAPH):
        if v not in index:
            visit(v)
    return out


def test_every_module_the_layers_name_exists() -> None:
    """A name in :data:`LAYERS` that is no module (a module removed or renamed) is an error, not
    a rule that holds nothing."""
    missing = [prefix for layer in LAYERS for prefix in layer if prefix not in MODULES]
    assert missing == []


def test_every_module_is_placed_by_the_layers() -> None:
    """No module falls into a layer by default: a new one is placed in :data:`LAYERS`."""
    assert sorted(set(MODULES) - set(PLACED)) == []


def _picture() -> dict[int, str]:
    """The text of each layer in the picture of docs/architecture.md (its notes, ``← rules``,
    left out)."""
    text = (SRC.parent / "docs" / "architecture.md").read_text("utf-8")
    block = text.split("```\n", 2)[1]
    layers: dict[int, str] = {}
    number = -1
    for line in block.splitlines():
        head = line[:3].strip()
        if head.isdigit():
            number = int(head)
        layers[number] = layers.get(number, "") + " " + line[3:].partition("←")[0]
    return layers


def test_the_picture_in_the_docs_places_the_modules_as_the_layers_do() -> None:
    """Each name of :data:`LAYERS` is in its layer of the picture (``report/document``,
    ``cli/``, ``__init__`` for the package), and each module the picture names is in the layer
    :data:`LAYERS` places it in."""
    picture = _picture()
    assert sorted(picture) == list(range(len(LAYERS)))
    missing = []
    for i, layer in enumerate(LAYERS):
        for prefix in layer:
            path = "__init__" if prefix == "post65" else prefix.removeprefix("post65.")
            word = path.replace(".", "/")
            if not re.search(rf"(?<![\w/]){re.escape(word)}(?![\w])", picture[i]):
                missing.append(f"{prefix} (layer {i})")
    assert missing == []
    misplaced = []
    for i, words in picture.items():
        for word in re.findall(r"[\w/]+", words):
            name = "post65" if word == "__init__" else "post65." + word.strip("/").replace("/", ".")
            if name in PLACED and PLACED[name] != i:
                misplaced.append(f"{word} drawn in layer {i}, placed in {PLACED[name]}")
    assert misplaced == []


def test_the_commands_of_the_cli_never_import_each_other() -> None:
    """A command module imports the shared modules of the CLI (``cli/_options``, ``cli/_output``
    …, each named with a leading ``_``), never another command nor the package that loads them;
    every module of ``post65.cli`` is one or the other."""
    cli = sorted(m.rpartition(".")[2] for m in MODULES if m.startswith("post65.cli."))
    neither = [
        name for name in cli if f"post65.cli.{name}" not in COMMAND_MODULES and name[0] != "_"
    ]
    assert neither == []
    assert sorted(COMMAND_MODULES - set(MODULES)) == []
    crossing = [
        f"{m} imports {t}"
        for m in sorted(COMMAND_MODULES)
        for t in sorted(GRAPH[m])
        if t in COMMAND_MODULES or t == "post65.cli"
    ]
    assert crossing == []


def test_no_import_cycles_counting_imports_inside_functions() -> None:
    assert _cycles() == []


def test_imports_flow_down_the_layers() -> None:
    upward = [
        f"{m} (layer {_layer(m)}) imports {t} (layer {_layer(t)})"
        for m, targets in sorted(GRAPH.items())
        for t in sorted(targets)
        if m in PLACED
        and t in PLACED  # a module no layer places fails the test above
        and _layer(t) > _layer(m)
        and not (m == "post65" or t == "post65")
    ]
    assert upward == []


def test_no_module_is_over_500_lines() -> None:
    long = {
        str(p.relative_to(SRC)): n
        for p in PACKAGE.rglob("*.py")
        if (n := len(p.read_text("utf-8").splitlines())) > 500
    }
    assert long == {}


_BY_NAME = frozenset({"import_module", "__import__", "util", "machinery"})
"""What imports a module named at run time: ``importlib.import_module``, ``__import__`` (the
builtin, or ``builtins.__import__``), and the loaders of ``importlib.util`` and
``importlib.machinery``."""


def _loads_by_name(path: Path) -> list[str]:
    """Where (``line: what``) the module at ``path`` can import a module named at run time, in
    any spelling: ``importlib.import_module(...)``, ``from importlib import import_module`` (as
    any name), ``__import__(...)``, ``import importlib.util``, ``getattr(importlib, ...)``."""
    found = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [a.name.partition(".")[2] for a in node.names if a.name.startswith("importlib")]
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("importlib"):
            names = [a.name for a in node.names] + [(node.module or "").partition(".")[2]]
        elif isinstance(node, ast.ImportFrom) and node.module == "builtins":
            names = [a.name for a in node.names]
        elif isinstance(node, ast.Attribute):
            names = [node.attr]
        elif isinstance(node, ast.Name):
            names = [node.id]
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            names = [node.value]  # getattr(importlib, "import_module")
        line = getattr(node, "lineno", 0)
        found += [f"{line}: {name}" for name in names if name in _BY_NAME]
    return found


def test_modules_are_loaded_by_name_only_where_declared() -> None:
    """Nothing registers itself, nothing fills a registry by importing modules named in text:
    a module loaded by its name is invisible to the layers and the cycles, so only the places
    :data:`LOADED_BY_NAME` declares load one, and their post65 modules are counted as imports."""
    users = {m: where for m, p in MODULES.items() if (where := _loads_by_name(p))}
    assert sorted(users) == sorted(LOADED_BY_NAME), users


def test_the_declared_loads_by_name_are_seen_by_the_checks() -> None:
    """The modules the declared places load by name are modules, and edges of the graph: every
    command's module of post65.cli, and every module of the package's lazy public names (which
    its ``TYPE_CHECKING`` imports name)."""
    import post65

    assert COMMAND_MODULES
    assert sorted(COMMAND_MODULES - GRAPH["post65.cli"]) == []
    lazy = set(post65._LAZY.values())
    assert lazy
    assert sorted(lazy - GRAPH["post65"]) == []
