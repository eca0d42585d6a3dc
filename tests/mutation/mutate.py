"""A small AST mutation tester for post65 (run by hand; not part of the test suite).

For each mutation point of a module (operators, comparisons, ``and``/``or``, ``not``, integer
and boolean constants, ``min``/``max``, returned values) it writes the mutated module into a
private copy of ``src/`` (the worktree is never touched), runs the chosen test files against that
copy with ``pytest -x`` and a timeout, and records whether the tests killed the mutant. Decorated
functions are mutated like any other (mutmut skips them). Error-message text is not mutated: the
arguments of ``raise`` and of the message builders ``Text``, ``Problem``, ``Citation`` and
``_cite``, f-strings, docstrings, decorators and annotations are skipped.

Usage (from the repository root; ``docs/development.md`` has the commands for each module)::

    CI=true python tests/mutation/mutate.py src/post65/apportion.py tests/test_apportion.py
    CI=true python tests/mutation/mutate.py src/post65/schemes/a/s4_uses.py --json /tmp/a.json

With no test files named, the tests of :data:`DEFAULT_TESTS` for the module run (for scheme a's
``_common.py`` only the helpers that decide are mutated).

``--only`` keeps the mutation points inside the top-level functions or classes whose name
matches the regular expression; ``--list`` prints the mutants without running anything.
"""

from __future__ import annotations

import argparse
import ast
import gc
import importlib
import inspect
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import types
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

_BINOP: dict[type[ast.operator], type[ast.operator]] = {
    ast.Add: ast.Sub,
    ast.Sub: ast.Add,
    ast.Mult: ast.Div,
    ast.Div: ast.Mult,
    ast.FloorDiv: ast.Div,
    ast.Mod: ast.FloorDiv,
    ast.Pow: ast.Mult,
}
_CMPOP: dict[type[ast.cmpop], type[ast.cmpop]] = {
    ast.Lt: ast.LtE,
    ast.LtE: ast.Lt,
    ast.Gt: ast.GtE,
    ast.GtE: ast.Gt,
    ast.Eq: ast.NotEq,
    ast.NotEq: ast.Eq,
    ast.Is: ast.IsNot,
    ast.IsNot: ast.Is,
    ast.In: ast.NotIn,
    ast.NotIn: ast.In,
}
_SWAP_CALLS = {"min": "max", "max": "min", "any": "all", "all": "any"}
_MESSAGE_CALLS = {"Text", "Problem", "Citation", "_cite", "_malformed", "msg", "cite"}

_SCHEME_A_TESTS = [
    "tests/test_scheme_a.py",
    "tests/test_scenarios.py",
    "tests/test_scheme_a_sections.py",
    "tests/test_mutation_kills.py",
    "tests/test_funds_events.py",
]
# The tests run against each mutant when none are named, by module (a folder covers its modules).
DEFAULT_TESTS: dict[str, list[str]] = {
    "src/post65/money.py": ["tests/test_money.py", "tests/test_mutation_kills.py"],
    "src/post65/_amounts.py": ["tests/test_money.py", "tests/test_mutation_kills.py"],
    "src/post65/apportion.py": ["tests/test_apportion.py", "tests/test_mutation_kills.py"],
    "src/post65/funds.py": [
        "tests/test_funds.py",
        "tests/test_funds_events.py",
        "tests/test_refusals.py",
        "tests/test_mutation_kills.py",
    ],
    "src/post65/ledger/": [
        "tests/test_funds.py",
        "tests/test_funds_events.py",
        "tests/test_refusals.py",
        "tests/test_settling.py",
        "tests/test_mutation_kills.py",
    ],
    "src/post65/settling.py": [
        "tests/test_funds.py",
        "tests/test_funds_events.py",
        "tests/test_settling.py",
        "tests/test_mutation_kills.py",
    ],
    # recomputes an allocation: its cases are in the allocation tests
    "src/post65/schemes/a/s3_allocation.py": [*_SCHEME_A_TESTS, "tests/test_allocation.py"],
    "src/post65/schemes/a/": _SCHEME_A_TESTS,
}
# The top-level names of scheme a's _common.py that decide (the rest only builds messages).
_COMMON_ONLY = r"^(_measures|_other_use)$"


def default_tests(module: Path) -> list[str]:
    """The test files for ``module`` from :data:`DEFAULT_TESTS`; SystemExit if there are none."""
    name = module.as_posix()
    for key, tests in DEFAULT_TESTS.items():
        if name == key or (key.endswith("/") and name.startswith(key)):
            return tests
    raise SystemExit(f"no default tests for {name}: name the test files")


@dataclass(frozen=True)
class Mutant:
    """One mutation point: its number, line, scope and what it changes."""

    index: int
    line: int
    scope: str
    what: str


class _Mutator(ast.NodeTransformer):
    """Counts the mutation points in scope and applies the one numbered ``target`` (if any)."""

    def __init__(self, only: re.Pattern[str] | None, target: int | None) -> None:
        self.only = only
        self.target = target
        self.points: list[Mutant] = []
        self.scope = ""

    def _in_scope(self) -> bool:
        return self.only is None or bool(self.scope and self.only.search(self.scope))

    def _point(self, node: ast.AST, what: str, make: Callable[[], ast.AST]) -> ast.AST | None:
        """Register a mutation point; return the mutated node if it is the target, else None."""
        if not self._in_scope():
            return None
        index = len(self.points)
        self.points.append(Mutant(index, getattr(node, "lineno", 0), self.scope, what))
        return make() if index == self.target else None

    # -- scopes and skipped parts ------------------------------------------------------------

    def _body(self, body: list[ast.stmt]) -> list[ast.stmt]:
        start = 0
        if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
            start = 1  # the docstring
        out = body[:start]
        for stmt in body[start:]:
            new = self.visit(stmt)
            if isinstance(new, list):
                out.extend(new)
            elif new is not None:
                out.append(new)
        return out

    def visit_Module(self, node: ast.Module) -> ast.AST:
        node.body = self._body(node.body)
        return node

    def _enter(self, node: ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef) -> ast.AST:
        outer = self.scope
        self.scope = outer if outer else node.name
        if not isinstance(node, ast.ClassDef):
            node.args.defaults = [self.visit(d) for d in node.args.defaults]
            node.args.kw_defaults = [
                None if d is None else self.visit(d) for d in node.args.kw_defaults
            ]
        node.body = self._body(node.body)
        self.scope = outer
        return node  # decorators, bases and annotations are left alone

    def visit_FunctionDef(self, node: ast.FunctionDef) -> ast.AST:
        return self._enter(node)

    def visit_AsyncFunctionDef(self, node: ast.AsyncFunctionDef) -> ast.AST:
        return self._enter(node)

    def visit_ClassDef(self, node: ast.ClassDef) -> ast.AST:
        return self._enter(node)

    def visit_AnnAssign(self, node: ast.AnnAssign) -> ast.AST:
        if node.value is not None:
            node.value = self.visit(node.value)
        return node

    def visit_Raise(self, node: ast.Raise) -> ast.AST:
        return node

    def visit_JoinedStr(self, node: ast.JoinedStr) -> ast.AST:
        return node

    def visit_Assert(self, node: ast.Assert) -> ast.AST:
        return node

    # -- mutations ---------------------------------------------------------------------------

    def visit_BinOp(self, node: ast.BinOp) -> ast.AST:
        self.generic_visit(node)
        new = _BINOP.get(type(node.op))
        if new is not None:
            done = self._point(
                node,
                f"{type(node.op).__name__} -> {new.__name__}",
                lambda: ast.BinOp(node.left, new(), node.right),
            )
            if done is not None:
                return done
        return node

    def visit_AugAssign(self, node: ast.AugAssign) -> ast.AST:
        self.generic_visit(node)
        new = _BINOP.get(type(node.op))
        if new is not None:
            done = self._point(
                node,
                f"{type(node.op).__name__}= -> {new.__name__}=",
                lambda: ast.AugAssign(node.target, new(), node.value),
            )
            if done is not None:
                return done
        return node

    def visit_UnaryOp(self, node: ast.UnaryOp) -> ast.AST:
        self.generic_visit(node)
        if isinstance(node.op, ast.Not | ast.USub):
            done = self._point(node, f"remove {type(node.op).__name__}", lambda: node.operand)
            if done is not None:
                return done
        return node

    def visit_BoolOp(self, node: ast.BoolOp) -> ast.AST:
        self.generic_visit(node)
        new: type[ast.boolop] = ast.Or if isinstance(node.op, ast.And) else ast.And
        done = self._point(
            node,
            f"{type(node.op).__name__} -> {new.__name__}",
            lambda: ast.BoolOp(new(), node.values),
        )
        return done if done is not None else node

    def visit_Compare(self, node: ast.Compare) -> ast.AST:
        self.generic_visit(node)
        for i, op in enumerate(node.ops):
            new = _CMPOP.get(type(op))
            if new is None:
                continue
            ops = list(node.ops)
            ops[i] = new()
            done = self._point(
                node,
                f"{type(op).__name__} -> {new.__name__}",
                lambda ops=ops: ast.Compare(node.left, ops, node.comparators),  # type: ignore[misc]
            )
            if done is not None:
                return done
        return node

    def visit_Constant(self, node: ast.Constant) -> ast.AST:
        value = node.value
        if isinstance(value, bool):
            done = self._point(node, f"{value} -> {not value}", lambda: ast.Constant(not value))
            return done if done is not None else node
        if isinstance(value, int):
            for delta in (1, -1):
                done = self._point(
                    node,
                    f"{value} -> {value + delta}",
                    lambda delta=delta: ast.Constant(value + delta),  # type: ignore[misc]
                )
                if done is not None:
                    return done
        return node

    def visit_Call(self, node: ast.Call) -> ast.AST:
        func = node.func
        name = func.id if isinstance(func, ast.Name) else None
        if isinstance(func, ast.Attribute):
            name = func.attr
        if name in _MESSAGE_CALLS:
            return node
        self.generic_visit(node)
        if isinstance(func, ast.Name) and func.id in _SWAP_CALLS:
            swapped = _SWAP_CALLS[func.id]
            done = self._point(
                node,
                f"{func.id}() -> {swapped}()",
                lambda: ast.Call(ast.Name(swapped, ast.Load()), node.args, node.keywords),
            )
            if done is not None:
                return done
        return node

    def visit_Return(self, node: ast.Return) -> ast.AST:
        self.generic_visit(node)
        value = node.value
        if value is not None and not (isinstance(value, ast.Constant) and value.value is None):
            done = self._point(node, "return value -> None", lambda: ast.Return(ast.Constant(None)))
            if done is not None:
                return done
        return node


def mutants(source: str, only: re.Pattern[str] | None) -> list[Mutant]:
    """Every mutation point of ``source`` in scope."""
    mutator = _Mutator(only, None)
    mutator.visit(ast.parse(source))
    return mutator.points


def mutated(source: str, only: re.Pattern[str] | None, index: int) -> str:
    """``source`` with mutation ``index`` applied, as code (comments and layout are lost)."""
    mutator = _Mutator(only, index)
    tree = ast.fix_missing_locations(mutator.visit(ast.parse(source)))
    return ast.unparse(tree)


@dataclass(frozen=True)
class Outcome:
    """What the tests did to one mutant."""

    mutant: Mutant
    status: str  # "killed", "timeout" (counted as killed), "survived"
    code: str  # the mutated line


def _run(
    tree: Path, module: Path, code: str, tests: list[str], timeout: float
) -> tuple[str, float]:
    (tree / module).write_text(code, encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(tree / "src"), PYTHONDONTWRITEBYTECODE="1", CI="true")
    command = [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", *tests]
    start = time.monotonic()
    try:
        result = subprocess.run(
            command, cwd=ROOT, env=env, capture_output=True, timeout=timeout, check=False
        )
    except subprocess.TimeoutExpired:
        return "timeout", time.monotonic() - start
    # Any failure counts: a failed test (1) or a collection error from the mutated module (2).
    return ("survived" if result.returncode == 0 else "killed"), time.monotonic() - start


def _trees(count: int, base: Path) -> Iterator[Path]:
    for i in range(count):
        tree = base / f"tree{i}"
        shutil.copytree(
            ROOT / "src", tree / "src", ignore=shutil.ignore_patterns("__pycache__", "*.pyc")
        )
        yield tree


class _ForkRunner:
    """Runs mutants in forked children of one process that has imported post65 once.

    The child swaps the code objects of the changed functions (``f.__code__``) of every live
    function object of the module (decorated, wrapped and cached ones included) and runs pytest
    in process. A mutant that changes module-level or class-level code, or that survives here
    (import-time results such as tables built by a function are computed before the fork), is
    run again in a fresh interpreter on a copy of the tree, which decides.
    """

    def __init__(self, module: Path, source: str) -> None:
        sys.path.insert(0, str(ROOT / "src"))
        os.environ.update(CI="true", PYTHONDONTWRITEBYTECODE="1")
        os.chdir(ROOT)
        import pkgutil

        import post65

        for info in pkgutil.walk_packages(post65.__path__, "post65."):
            importlib.import_module(info.name)
        import hypothesis  # noqa: F401 - imported once, before the forks
        import pytest  # noqa: F401

        self.filename = str((ROOT / module).resolve())
        loaded = [m for m in sys.modules.values() if getattr(m, "__file__", None) == self.filename]
        if not loaded:
            raise SystemExit(f"{module} was not imported from {ROOT / 'src'}")
        self.original = _codes(compile(source, self.filename, "exec"))
        self.baseline = _codes(compile(ast.unparse(ast.parse(source)), self.filename, "exec"))
        index = {code: i for i, code in enumerate(self.original)}
        self.live: dict[int, list[types.FunctionType]] = {}
        for obj in gc.get_objects():
            if isinstance(obj, types.FunctionType) and obj.__code__ in index:
                self.live.setdefault(index[obj.__code__], []).append(obj)

    def patches(self, code: str) -> list[tuple[types.FunctionType, types.CodeType]] | None:
        """The code swaps that make the live module run ``code``; None if it cannot be done."""
        mutated = _codes(compile(code, self.filename, "exec"))
        if [c.co_qualname for c in mutated] != [c.co_qualname for c in self.baseline]:
            return None
        out: list[tuple[types.FunctionType, types.CodeType]] = []
        for i, (old, new) in enumerate(zip(self.baseline, mutated, strict=True)):
            if _deep(old) == _deep(new):
                continue
            # A function whose own code or any nested code (a lambda, a comprehension) changed
            # gets its new code; a changed module or class body runs only at import time.
            if _shallow(old) != _shallow(new) and not new.co_flags & inspect.CO_NEWLOCALS:
                return None
            out.extend((f, new) for f in self.live.get(i, []))
        return out or None

    @staticmethod
    def start(patches: list[tuple[types.FunctionType, types.CodeType]], tests: list[str]) -> int:
        pid = os.fork()
        if pid:
            return pid
        try:  # the child: never returns
            null = os.open(os.devnull, os.O_WRONLY)
            os.dup2(null, 1)
            os.dup2(null, 2)
            for function, code in patches:
                function.__code__ = code
            import pytest

            # hypothesis is imported before pytest starts: its plugin cannot be rewritten
            quiet = "ignore::pytest.PytestAssertRewriteWarning"
            rc = pytest.main(["-x", "-q", "-p", "no:cacheprovider", "-W", quiet, *tests])
            os._exit(int(rc))
        except BaseException:
            os._exit(3)


def _codes(code: types.CodeType) -> list[types.CodeType]:
    """``code`` and every code object nested in it, depth first, in a fixed order."""
    out = [code]
    for const in code.co_consts:
        if isinstance(const, types.CodeType):
            out.extend(_codes(const))
    return out


def _shallow(code: types.CodeType) -> types.CodeType:
    """``code`` with its nested code objects and its positions blanked, to compare a code
    object's own changes (a shorter line in a function moves the end of its ``def``)."""
    return code.replace(
        co_consts=tuple(
            c.co_qualname if isinstance(c, types.CodeType) else c for c in code.co_consts
        ),
        co_linetable=b"",
    )


def _deep(code: types.CodeType) -> types.CodeType:
    """``code`` with every position blanked, nested code objects included."""
    return code.replace(
        co_consts=tuple(_deep(c) if isinstance(c, types.CodeType) else c for c in code.co_consts),
        co_linetable=b"",
    )


def _changed_line(baseline: str, code: str) -> str:
    for old, line in zip(baseline.splitlines(), code.splitlines(), strict=False):
        if old != line:
            return line.strip()
    return "(no textual change)"


def main(argv: list[str] | None = None) -> int:
    """Run the mutants of one module against the given tests and print the survivors."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("module", help="the module to mutate, e.g. src/post65/money.py")
    parser.add_argument(
        "tests", nargs="*", help="the test files to run (default: DEFAULT_TESTS for the module)"
    )
    parser.add_argument("--only", help="regex: mutate only top-level names that match")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--timeout", type=float, default=0, help="seconds (default: 5 × baseline)")
    parser.add_argument("--json", type=Path, help="write every outcome to this file")
    parser.add_argument("--list", action="store_true", help="list the mutants, run nothing")
    parser.add_argument(
        "--mutants",
        help="run only these mutant numbers (comma-separated), e.g. to recheck survivors",
    )
    parser.add_argument(
        "--subprocess", action="store_true", help="run every mutant in a fresh interpreter (slow)"
    )
    args = parser.parse_args(argv)

    module = Path(args.module)
    if not args.tests:
        args.tests = default_tests(module)
    if args.only is None and module.as_posix() == "src/post65/schemes/a/_common.py":
        args.only = _COMMON_ONLY
    source = (ROOT / module).read_text(encoding="utf-8")
    only = re.compile(args.only) if args.only else None
    points = mutants(source, only)
    if args.mutants:
        chosen = {int(n) for n in args.mutants.split(",")}
        points = [m for m in points if m.index in chosen]
    if args.list:
        for m in points:
            print(f"{m.index:4} {module}:{m.line} [{m.scope}] {m.what}")
        return 0
    baseline_code = ast.unparse(ast.parse(source))
    codes = {m.index: mutated(source, only, m.index) for m in points}
    status: dict[int, str] = {}

    with tempfile.TemporaryDirectory(prefix="post65-mutate-") as base:
        trees = list(_trees(max(1, args.jobs), Path(base)))
        st, seconds = _run(trees[0], module, baseline_code, args.tests, 900)
        if st != "survived":
            print(f"the tests fail on the unmutated module ({st}); nothing to measure")
            return 2
        timeout = args.timeout or max(20.0, 5 * seconds)
        print(
            f"{len(points)} mutants of {module}; baseline {seconds:.1f} s, timeout {timeout:.0f} s"
        )
        fresh: list[Mutant] = list(points) if args.subprocess else []
        if not args.subprocess:
            runner = _ForkRunner(module, source)
            _, wait_status = os.waitpid(runner.start([], args.tests), 0)
            if os.waitstatus_to_exitcode(wait_status) != 0:
                print("the tests fail in a forked child on the unmutated module; use --subprocess")
                return 2
            queue = list(points)
            running: dict[int, tuple[Mutant, float]] = {}
            while queue or running:
                while queue and len(running) < max(1, args.jobs):
                    m = queue.pop(0)
                    patches = runner.patches(codes[m.index])
                    if patches is None:
                        fresh.append(m)
                        continue
                    running[runner.start(patches, args.tests)] = (m, time.monotonic())
                time.sleep(0.05)
                for pid, (m, began) in list(running.items()):
                    done, wait_status = os.waitpid(pid, os.WNOHANG)
                    if done == 0 and time.monotonic() - began > timeout:
                        os.kill(pid, signal.SIGKILL)
                        os.waitpid(pid, 0)
                        status[m.index] = "timeout"
                    elif done == 0:
                        continue
                    elif os.waitstatus_to_exitcode(wait_status) == 0:
                        fresh.append(m)  # survived here: the fresh interpreter decides
                    else:
                        status[m.index] = "killed"
                    del running[pid]
                    print("." if m.index in status else "?", end="", flush=True)
        free = list(trees)
        lock = threading.Lock()

        def one(m: Mutant) -> None:
            with lock:
                tree = free.pop()
            try:
                st, _ = _run(tree, module, codes[m.index], args.tests, timeout)
            finally:
                with lock:
                    free.append(tree)
            status[m.index] = st
            print("S" if st == "survived" else ".", end="", flush=True)

        with ThreadPoolExecutor(max_workers=len(trees)) as pool:
            list(pool.map(one, sorted(fresh, key=lambda m: m.index)))
    print()
    outcomes = [
        Outcome(m, status[m.index], _changed_line(baseline_code, codes[m.index])) for m in points
    ]
    survived = [o for o in outcomes if o.status == "survived"]
    killed = len(outcomes) - len(survived)
    score = 100 * killed / len(outcomes) if outcomes else 100.0
    for o in survived:
        m = o.mutant
        print(f"SURVIVED #{m.index} {module}:{m.line} [{m.scope}] {m.what}: {o.code}")
    print(f"{module}: {killed}/{len(outcomes)} killed, score {score:.1f} %")
    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    "module": str(module),
                    "tests": args.tests,
                    "only": args.only,
                    "killed": killed,
                    "total": len(outcomes),
                    "outcomes": [
                        {
                            "index": o.mutant.index,
                            "line": o.mutant.line,
                            "scope": o.mutant.scope,
                            "what": o.mutant.what,
                            "status": o.status,
                            "code": o.code,
                        }
                        for o in outcomes
                    ],
                },
                indent=1,
            ),
            encoding="utf-8",
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
