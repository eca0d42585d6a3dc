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
    CI=true python tests/mutation/mutate.py src/post65/schemes/a.py tests/test_scheme_a.py \\
        --only '^a_\\d' --jobs 2 --json /tmp/a.json

``--only`` keeps the mutation points inside the top-level functions or classes whose name
matches the regular expression; ``--list`` prints the mutants without running anything.
"""

from __future__ import annotations

import argparse
import ast
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
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
_MESSAGE_CALLS = {"Text", "Problem", "Citation", "_cite", "_malformed"}


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
        self.scope = node.name if not outer else outer
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
    seconds: float
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


def main(argv: list[str] | None = None) -> int:
    """Run the mutants of one module against the given tests and print the survivors."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("module", help="the module to mutate, e.g. src/post65/money.py")
    parser.add_argument("tests", nargs="+", help="the test files to run against each mutant")
    parser.add_argument("--only", help="regex: mutate only top-level names that match")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--timeout", type=float, default=0, help="seconds (default: 5 × baseline)")
    parser.add_argument("--json", type=Path, help="write every outcome to this file")
    parser.add_argument("--list", action="store_true", help="list the mutants, run nothing")
    args = parser.parse_args(argv)

    module = Path(args.module)
    source = (ROOT / module).read_text(encoding="utf-8")
    only = re.compile(args.only) if args.only else None
    points = mutants(source, only)
    if args.list:
        for m in points:
            print(f"{m.index:4} {module}:{m.line} [{m.scope}] {m.what}")
        return 0

    with tempfile.TemporaryDirectory(prefix="post65-mutate-") as base:
        trees = list(_trees(max(1, args.jobs), Path(base)))
        baseline_code = ast.unparse(ast.parse(source))
        status, seconds = _run(trees[0], module, baseline_code, args.tests, 600)
        if status != "survived":
            print(f"the tests fail on the unmutated module ({status}); nothing to measure")
            return 2
        timeout = args.timeout or max(10.0, 5 * seconds)
        print(f"{len(points)} mutants of {module}; baseline {seconds:.1f} s, timeout {timeout:.0f} s")
        free = list(trees)
        lock = threading.Lock()

        def one(m: Mutant) -> Outcome:
            code = mutated(source, only, m.index)
            with lock:
                tree = free.pop()
            try:
                st, secs = _run(tree, module, code, args.tests, timeout)
            finally:
                with lock:
                    free.append(tree)
            changed = [
                line.strip()
                for old, line in zip(baseline_code.splitlines(), code.splitlines(), strict=False)
                if old != line
            ]
            outcome = Outcome(m, st, secs, changed[0] if changed else "(no textual change)")
            mark = "." if st != "survived" else "S"
            print(mark, end="", flush=True)
            return outcome

        with ThreadPoolExecutor(max_workers=len(trees)) as pool:
            outcomes = list(pool.map(one, points))
    print()
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
