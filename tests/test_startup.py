"""Start-up stays light (issue 14, point 8): what ``import post65`` and ``post65 --help`` load.

The times are in ``benchmarks/run.py --only startup``; these tests hold what makes them short,
each in a fresh interpreter: ``import post65`` loads no submodule and no dependency, every
public name still loads on first use (``from post65 import load`` too), and the command's
parser is built from argparse and the ``post65.cli`` modules alone: no errors, catalogue, attrs,
money (pint), io (cattrs), tables, tabulate or the computations, each of which the command
imports when it runs.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import post65

ROOT = Path(__file__).resolve().parent.parent

HEAVY = (
    "pint",
    "cattrs",
    "tabulate",
    "numpy",
    "post65.money",
    "post65.io",
    "post65.codec",
    "post65.allocation",
    "post65.districtindex",
    "post65.rules",
    "post65.portfolio",
)
"""Modules the start-up need not load: the dependencies' heavy parts and post65's own."""

NOT_FOR_HELP = (
    *HEAVY,
    "attrs",
    "decimal",
    "json",
    "pathlib",
    "zipfile",
    "post65.errors",
    "post65.text",
    "post65._po",
    "post65._decimal",
    "post65.rulebook",
    "post65.law",
    "post65.parameters",
    "post65.apportion",
    "post65.tables",
    "post65.geography",
    "post65.cli._allocate_run",
)
"""Modules building the parser (``post65 --help``, ``post65 COMMAND --help``) need not load:
:data:`HEAVY`, and what a command needs only to run: its messages (the catalogue), its errors,
its rules, tables and municipalities."""


def _stdout_of(code: str) -> str:
    """What a fresh interpreter running ``code`` (in the repository) prints."""
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, check=True, text=True, cwd=ROOT
    )
    return proc.stdout


def _loaded_after(code: str) -> list[str]:
    """The modules (of post65 and of :data:`NOT_FOR_HELP`) loaded after running ``code``
    (listed before the probe imports json to print them)."""
    probe = (
        f"{code}\n"
        "import sys\n"
        f"names = [m for m in sys.modules if m.startswith('post65') or m in {NOT_FOR_HELP!r}]\n"
        "import json\n"
        "print(json.dumps(sorted(names)))\n"
    )
    loaded: list[str] = json.loads(_stdout_of(probe).splitlines()[-1])
    return loaded


def test_import_post65_loads_no_submodule_and_no_dependency() -> None:
    assert _loaded_after("import post65") == ["post65"]


def test_every_public_name_loads_on_first_use() -> None:
    code = (
        "import post65\n"
        "missing = [n for n in post65.__all__ if getattr(post65, n, None) is None]\n"
        "assert not missing, missing\n"
    )
    loaded = _loaded_after(code)
    assert "post65.money" in loaded
    assert "post65.portfolio" in loaded


def test_from_post65_import_a_function_loads_its_module() -> None:
    loaded = _loaded_after("from post65 import load, check")
    assert "post65.io" in loaded
    assert "post65.rules" in loaded
    assert "post65.allocation" not in loaded  # only what the two names need


def test_a_module_of_the_package_loads_on_first_use() -> None:
    """``post65.io`` in a fresh interpreter (the guide's service reads
    ``post65.io.MAX_DOCUMENT_BYTES`` after ``import post65``); a name that is neither a
    module nor a public name is an AttributeError, as before."""
    code = (
        "import post65\n"
        "print(post65.io.MAX_DOCUMENT_BYTES, post65.jsontext.__name__)\n"
        "for name in ('nosuch', '_hypothesis'):\n"
        "    try:\n"
        "        getattr(post65, name)\n"
        "    except AttributeError:\n"
        "        print('refused', name)\n"
    )
    out = _stdout_of(code)
    assert out.split() == [
        str(32 * 1024 * 1024),
        "post65.jsontext",
        "refused",
        "nosuch",
        "refused",
        "_hypothesis",  # a private module is not imported by name
    ]
    assert "post65.io" in _loaded_after("import post65\npost65.io")
    assert "post65.allocation" not in _loaded_after("import post65\npost65.io")


def test_the_functions_shadow_their_modules_whichever_is_imported_first() -> None:
    """``post65.rules`` and ``post65.apportion`` are the functions, as when they were bound at
    import, even after their modules were imported by name (which binds a module otherwise)."""
    code = (
        "import post65.rules, post65.apportion, post65\n"
        "import post65.apportion as a\n"
        "print(post65.rules.__name__, post65.apportion.__name__, type(a).__name__)\n"
    )
    out = _stdout_of(code)
    assert out.split() == ["rules", "apportion", "function"]
    assert callable(post65.rules)
    assert post65.apportion.__module__ == "post65.apportion"


def test_dir_names_the_functions_help_lists_before_they_are_used() -> None:
    """pydoc lists what ``dir`` names: the functions, though none is loaded at import."""
    code = "import post65\nprint(' '.join(dir(post65)))\n"
    out = _stdout_of(code)
    names = out.split()
    for name in ("load", "dump", "check", "rules", "apportion", "nok", "verify_citation"):
        assert name in names
    assert "Portfolio" not in names  # a class is named once used (help would show it in full)


def test_post65_help_loads_no_heavy_module() -> None:
    """``post65 --help`` and every ``post65 COMMAND --help`` load argparse and the parser's
    modules (``post65.cli``), none of :data:`NOT_FOR_HELP`; ``post65 --help`` loads no command's
    module (the top level lists the commands from :data:`post65.cli.COMMANDS`), and ``post65
    COMMAND --help`` only that command's. None loads shutil (and with it zlib, bz2 and lzma).
    ``post65 --help`` and ``post65 -h`` load not even argparse (:mod:`post65.cli._help`)."""
    from post65.cli import COMMANDS

    names = [command.name for command in COMMANDS]
    assert "allocate" in names
    assert "check" in names
    for argv in ([], *([name] for name in names)):
        code = (
            "import contextlib, io\n"
            "from post65.cli import main\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n"
            f"    assert main({[*argv, '--help']!r}) == 0\n"
            "import sys\n"
            "assert 'shutil' not in sys.modules\n"
        )
        loaded = _loaded_after(code)
        assert [m for m in loaded if m in NOT_FOR_HELP] == [], argv
        assert [m for m in loaded if m != "post65" and not m.startswith("post65.cli")] == [], argv
        commands = [f"post65.cli.{name}" for name in names]
        assert [m for m in loaded if m in commands] == [f"post65.cli.{n}" for n in argv], argv
    for flag in ("--help", "-h"):
        code = (
            "import contextlib, io\n"
            "from post65.cli import main\n"
            "with contextlib.redirect_stdout(io.StringIO()) as out:\n"
            f"    assert main([{flag!r}]) == 0\n"
            "assert out.getvalue().startswith('usage: post65')\n"
        )
        loaded = _loaded_after(code)
        assert [m for m in loaded if m in ("argparse", "gettext", "locale", "textwrap")] == []
        assert [m for m in loaded if m.startswith("post65")] == [
            "post65",
            "post65.cli",
            "post65.cli._help",
        ], loaded


def test_a_usage_error_loads_only_the_command_named() -> None:
    """An unknown command, or a bad option of one, builds no other command's parser."""
    for argv, modules in ((["chec"], []), (["rules", "--bogus"], ["post65.cli.rules"])):
        code = (
            "import contextlib, io\n"
            "from post65.cli import main\n"
            "with contextlib.redirect_stderr(io.StringIO()):\n"
            f"    assert main({argv!r}) == 2\n"
        )
        loaded = _loaded_after(code)
        assert [m for m in loaded if m.startswith("post65.cli.") and "._" not in m] == modules


def test_the_probe_sees_what_a_command_loads() -> None:
    """The check above can fail: running a command loads what its ``--help`` does not."""
    code = (
        "import contextlib, io\n"
        "from post65.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    assert main(['parameters', '--format', 'json']) == 0\n"
    )
    loaded = _loaded_after(code)
    assert "post65.text" in loaded
    assert "post65.parameters" in loaded
    assert "json" in loaded


def test_a_command_stopped_by_an_error_still_exits_2_in_its_language() -> None:
    """``main`` imports post65.errors only when a command stops on an exception."""
    code = (
        "import contextlib, io\n"
        "from post65.cli import main\n"
        "err = io.StringIO()\n"
        "with contextlib.redirect_stderr(err):\n"
        "    code = main(['schema', 'nothing', '--lang', 'en'])\n"
        "print(code, 'post65.errors' in __import__('sys').modules, repr(err.getvalue()[:40]))\n"
    )
    out = _stdout_of(code)
    assert out.startswith("2 True ")


def test_the_choices_written_out_for_the_parser_are_the_enums() -> None:
    """The parser's modules write out what they would otherwise import an enum or a table
    module for; these stay equal to their sources."""
    from post65.apportion import Method
    from post65.cli import _desk, allocate, check
    from post65.rulebook import Outcome, Severity
    from post65.tables import CSV_DIALECTS

    assert tuple(m.value for m in Method) == allocate.METHODS
    assert allocate.METHODS[0] == Method.LARGEST_REMAINDER.value
    assert _desk.CSV_DIALECTS == CSV_DIALECTS
    assert set(check._OUTCOME_ORDER) == {o.value for o in Outcome}
    assert check._OUTCOME_ORDER == {
        Outcome.NOT_MET: 0,
        Outcome.UNDETERMINED: 1,
        Outcome.MET: 2,
        Outcome.NOT_APPLICABLE: 3,
    }
    assert check._SEVERITY_ORDER == {Severity.ERROR: 0, Severity.ADVICE: 1}
    assert set(check._SEVERITY_ORDER) == {s.value for s in Severity}


def test_the_default_view_shows_what_needs_action_and_met_advice() -> None:
    """``_shown_by_default`` compares a finding's outcome and severity by their values."""
    from post65.cli.check import _shown_by_default
    from post65.law import Citation
    from post65.rulebook import Finding, Outcome, Severity
    from post65.text import msg

    citation = Citation("regelverk-a-2023", "4", "x")
    for outcome in Outcome:
        for severity in Severity:
            finding = Finding("X-1", outcome, severity, "/x", msg("cli.check.rule"), citation)
            expected = outcome in (Outcome.NOT_MET, Outcome.UNDETERMINED) or (
                severity is Severity.ADVICE and outcome is Outcome.MET
            )
            assert _shown_by_default(finding) is expected, (outcome, severity)


def test_the_allocate_parser_offers_every_apportionment_method() -> None:
    from post65.apportion import Method
    from post65.cli import build_parser

    parser = build_parser()
    args = parser.parse_args(["allocate", "--method", "dhondt", "--compare-method", "sainte-lague"])
    assert (args.method, args.compare_method) == ("dhondt", "sainte-lague")
    assert parser.parse_args(["allocate"]).method == Method.LARGEST_REMAINDER.value
    for method in Method:
        assert parser.parse_args(["allocate", "--method", method.value]).method == method.value


def test_the_benchmark_runs_only_the_sections_named() -> None:
    spec = importlib.util.spec_from_file_location("bench_run", ROOT / "benchmarks" / "run.py")
    assert spec is not None
    assert spec.loader is not None
    run = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(run)
    assert run.plan(["--only", "startup"]).only == ("startup",)
    assert run.plan(["--quick", "--only", "startup,cli"]).only == ("startup", "cli")
    assert run.plan([]).only == run.SECTIONS
    proc = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "run.py"), "--only", "start-up"],
        capture_output=True,
        check=False,
        text=True,
        cwd=ROOT,
    )
    assert proc.returncode != 0
    assert "start-up" in proc.stderr
    assert "startup" in proc.stderr  # the names it knows
