"""The benchmark scripts' command lines: ``--help`` describes every option and exits 0, an unknown
option is refused with exit status 2 before anything is measured, and the command lines the docs
show still parse. Nothing here is timed: the figures are in ``benchmarks/``."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent
BENCHMARKS = ROOT / "benchmarks"

OPTIONS = {  # each script and the options its --help must describe
    "run.py": ("--quick", "--sizes", "--only", "--note", "--markdown"),
    "corpus.py": ("N", "FILE"),
    "pool.py": ("YEARS",),
    "hostile.py": (),
    "report_pdf.py": ("--rounds", "--corpus"),
    "text.py": (),
}


def _script(name: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    return subprocess.run(
        [sys.executable, str(BENCHMARKS / name), *args],
        capture_output=True,
        check=False,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=60,
    )


def _module(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"bench_{name}", BENCHMARKS / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_script_is_listed() -> None:
    assert sorted(OPTIONS) == sorted(p.name for p in BENCHMARKS.glob("*.py"))


@pytest.mark.parametrize("name", sorted(OPTIONS))
def test_help_describes_every_option(name: str) -> None:
    proc = _script(name, "--help")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith(f"usage: python benchmarks/{name}")
    for option in OPTIONS[name]:
        assert option in proc.stdout
    assert proc.stderr == ""


@pytest.mark.parametrize("name", sorted(OPTIONS))
def test_an_unknown_option_is_refused(name: str) -> None:
    needed = ["1"] if name == "corpus.py" else []  # corpus.py's N is required
    proc = _script(name, *needed, "--no-such-option")
    assert proc.returncode == 2
    assert "--no-such-option" in proc.stderr
    assert proc.stdout == ""


@pytest.mark.parametrize(
    ("name", "args", "wrong"),
    [
        ("corpus.py", ["x"], "'x'"),
        ("corpus.py", [], "N"),
        ("pool.py", ["0"], "'0'"),
        ("pool.py", ["ten"], "'ten'"),
        ("report_pdf.py", ["--rounds", "0"], "'0'"),
        ("report_pdf.py", ["--corpus", "many"], "'many'"),
        ("run.py", ["--sizes", "1k"], "'1k'"),
        ("run.py", ["--quic"], "--quic"),  # no abbreviations: an option is spelt out
        ("run.py", ["--note"], "--note"),
    ],
)
def test_a_wrong_value_is_refused_and_named(name: str, args: list[str], wrong: str) -> None:
    proc = _script(name, *args)
    assert proc.returncode == 2
    assert wrong in proc.stderr


def test_run_plans_what_the_docs_show() -> None:
    run = _module("run")
    quick = run.plan(["--quick"])
    assert quick.sizes == (1_000, 10_000)
    assert quick.rounds < run.plan([]).rounds
    assert run.plan(["--sizes", "1000,10000,100000"]).sizes == (1_000, 10_000, 100_000)
    assert run.plan(["--quick", "--sizes", "2000"]).sizes == (2_000,)
    assert run.plan(["--quick", "--sizes", "2000"]).cli_sizes == (1_000, 2_000)
    ns = run.build_parser().parse_args(["--markdown", "--note", "after the change"])
    assert (ns.markdown, ns.note) == (True, "after the change")
    assert run.build_parser().parse_args([]).markdown is False


def test_report_pdf_corpus_takes_an_optional_count() -> None:
    parser = _module("report_pdf").build_parser()
    assert parser.parse_args([]).corpus is None
    assert parser.parse_args(["--corpus"]).corpus == 200
    assert parser.parse_args(["--corpus", "30", "--rounds", "2"]).corpus == 30
    assert parser.parse_args(["--corpus", "--rounds", "2"]).rounds == 2


def test_corpus_writes_the_portfolio_it_names(tmp_path: Path) -> None:
    path = tmp_path / "five.json"
    proc = _script("corpus.py", "5", str(path))
    assert proc.returncode == 0, proc.stderr
    assert path.read_bytes() == _module("corpus").portfolio_bytes(5)


def test_the_design_target_has_its_own_verdict_beside_the_ratio() -> None:
    """The audit's case: a round trip of 124 ms at 2.39× its floor is ok by issue 14's ratio
    (≤ 2.5×) and over the design's 100 ms; both are shown, in the text and on the page."""
    run = _module("run")
    floor = "json.loads + json.dumps"
    over = run.Figure("round trip", "load + dump", 0.124, floor, 0.052, 2.5, design=0.1)
    under = run.Figure("check", "check", 0.8, "json.loads", 0.2, 3.0, design=1.0)
    plain = run.Figure("check", "load", 0.8, "json.loads", 0.2, 3.0)
    assert (over.verdict, over.design_verdict) == ("ok", "over")
    assert (under.verdict, under.design_verdict) == ("over", "ok")
    assert plain.design_verdict == ""
    line = run.text_table([over]).splitlines()[-1]
    assert "≤ 2.5×" in line
    assert "≤ 100 ms over" in line
    assert line.index("ok") < line.index("over")
    assert "(absolute)" in run.text_header()
    page = run.markdown_page([over, under, plain], run.machine(), run.plan([]), "–")
    rows = [row for row in page.splitlines() if row.startswith("| round trip")]
    assert rows == [
        "| round trip | load + dump | 0.1240 s | 2.38× | ≤ 2.5× | ok | ≤ 100 ms | over | "
        "json.loads + json.dumps: 0.0520 s |"
    ]
    assert "| ≤ 3× | over | ≤ 1 s | ok |" in page
    assert "| ≤ 3× | over | – |  |" in page
    assert "| design target |" in page


def test_the_first_use_figures_time_a_real_use() -> None:
    """``import post65`` loads nothing (tests/test_startup.py), so its figure is almost an empty
    start; the first-use figures must load what a caller's first call needs."""
    uses = _module("run").FIRST_USES
    assert set(uses) == {"load", "check"}
    for code in uses.values():
        probe = (
            f"{code}\nimport sys\nprint(sorted(m for m in sys.modules if m.startswith('post65.')))"
        )
        proc = subprocess.run(
            [sys.executable, "-c", probe],
            capture_output=True,
            check=True,
            text=True,
            env=dict(os.environ, PYTHONPATH=str(ROOT / "src")),
        )
        assert len(proc.stdout.split(",")) > 5, (code, proc.stdout)
    load = subprocess.run(
        [sys.executable, "-c", f"{uses['load']}\nimport sys\nprint('pint' in sys.modules)"],
        capture_output=True,
        check=True,
        text=True,
        env=dict(os.environ, PYTHONPATH=str(ROOT / "src")),
    )
    assert load.stdout.strip() == "True"  # load brings in the money, and so its dependencies


@pytest.mark.parametrize(
    "args", [["--markdown", "--only", "startup"], ["--note", "a paragraph", "--only", "startup"]]
)
def test_run_refuses_what_it_would_not_do_before_measuring(args: list[str]) -> None:
    """``--markdown --only`` measured for minutes and then said it would not write the page;
    ``--note`` without ``--markdown`` was dropped in silence: both are refused at once."""
    proc = _script("run.py", *args)
    assert proc.returncode == 2
    assert "error:" in proc.stderr
