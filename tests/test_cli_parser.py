"""The parser ``post65`` builds for a command line (issue 14, point 8).

:func:`post65.cli.main` parses with :func:`~post65.cli.parser_for`: every command listed from
the table :data:`~post65.cli.COMMANDS`, and only the commands the command line names built.
These tests hold that it answers every command line as the full parser
(:func:`~post65.cli.build_parser`) does: the same help at the top and for every command, the
same usage errors and exit codes, the same parsed arguments; and that the completion scripts
still come from the full parser.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import shutil
import textwrap

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from post65.cli import COMMANDS, DESCRIPTION, EPILOG, build_parser, main, parser_for
from post65.cli._help import HELP_HELP, VERSION_HELP, terminal_columns, wrap
from post65.cli._options import HelpFormatter, UsageError
from post65.cli.completion import commands, script

NAMES = [command.name for command in COMMANDS]

FULL = build_parser()


def _subparsers(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


def _outcome(parser: argparse.ArgumentParser, argv: list[str]) -> tuple[object, ...]:
    """What ``parser`` makes of ``argv``: the arguments parsed, or the usage error, or the exit
    (``--help``, ``--version``) with what it printed."""
    out = io.StringIO()
    try:
        with contextlib.redirect_stdout(out):
            args = parser.parse_args(argv)
    except UsageError as exc:
        return ("error", exc.message, out.getvalue())
    except SystemExit as exc:
        return ("exit", exc.code, out.getvalue())
    return ("parsed", vars(args), out.getvalue())


def test_the_table_lists_every_command_module_in_order() -> None:
    assert list(_subparsers(FULL)) == NAMES
    assert [c.module for c in COMMANDS] == [f"post65.cli.{name}" for name in NAMES]
    assert len(set(NAMES)) == len(NAMES)


def test_post65_help_builds_no_command() -> None:
    lazy = _subparsers(parser_for(["--help"]))
    assert list(lazy) == NAMES
    assert all(p._actions == [] for p in lazy.values())  # listed only: no --help, no --lang
    built = _subparsers(parser_for(["rules", "--help"]))
    assert [name for name, p in built.items() if p._actions] == ["rules"]


def test_the_top_level_help_is_the_full_parser_s() -> None:
    for argv in ([], ["--help"], ["--lang", "en"], ["bogus"]):
        assert parser_for(argv).format_help() == FULL.format_help()
        assert parser_for(argv).format_usage() == FULL.format_usage()


@pytest.mark.parametrize("name", NAMES)
def test_every_command_s_help_is_the_full_parser_s(
    name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    full = _subparsers(FULL)[name]
    lazy = _subparsers(parser_for([name, "--help"]))[name]
    assert lazy.format_help() == full.format_help()
    assert "examples:" in lazy.format_help()
    assert main([name, "--help"]) == 0
    assert capsys.readouterr().out == full.format_help()


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["bogus"],
        ["chec"],  # no abbreviation of a command: argparse takes a command by its exact name
        ["-1"],
        ["--lang", "en", "check"],
        ["--", "check"],
        ["check"],
        ["check", "--bogus", "x.json"],
        ["rules", "--format", "xml"],
        ["completion", "tcsh"],
        ["rules", "check"],
    ],
)
def test_a_usage_error_is_the_full_parser_s(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    expected = _outcome(FULL, argv)
    assert expected[0] == "error"
    assert _outcome(parser_for(argv), argv) == expected
    assert main(argv) == 2
    assert capsys.readouterr().err == f"{expected[1]}\n"


def test_an_unknown_command_is_refused_naming_every_command(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["bogus"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("usage: post65 [-h] [--version]")
    assert "{" + ",".join(NAMES) + "}" in err
    assert "post65: error: argument command: invalid choice: 'bogus' (choose from 'check'" in err


WORDS = [
    *NAMES,
    "chec",
    "--help",
    "-h",
    "--version",
    "--vers",
    "--lang",
    "--lan",
    "en",
    "nn",
    "xx",
    "--format",
    "json",
    "--scheme",
    "a",
    "--all",
    "--bogus",
    "-x",
    "-",
    "--",
    "-1",
    "bash",
    "portfolio",
    "examples/nordland-2024.portfolio.json",
]


@settings(max_examples=300, deadline=None)
@given(argv=st.lists(st.sampled_from(WORDS) | st.text(max_size=6), max_size=6))
def test_any_command_line_parses_as_with_the_full_parser(argv: list[str]) -> None:
    assert _outcome(parser_for(argv), argv) == _outcome(FULL, argv)


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_the_completion_scripts_are_made_from_the_full_parser(
    shell: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["completion", shell]) == 0
    out = capsys.readouterr().out
    assert out == script(shell, build_parser())
    assert "judgement" in out  # an option of report, which the command line does not name
    # the command line's own parser would not do: it holds no other command's options
    full = {c.name: c.options for c in commands(build_parser())}
    lazy = {c.name: c.options for c in commands(parser_for(["completion", shell]))}
    assert full["report"] != ()
    assert lazy["report"] == ()
    assert lazy["completion"] == full["completion"]


@pytest.mark.parametrize("columns", [None, "0", "-5", "x", "30", "123"])
@pytest.mark.parametrize("terminal", [None, 0, 57])
def test_the_help_is_as_wide_as_argparse_makes_it(
    monkeypatch: pytest.MonkeyPatch, columns: str | None, terminal: int | None
) -> None:
    """:func:`terminal_columns` is ``shutil.get_terminal_size().columns`` (without importing
    shutil), so :class:`HelpFormatter` wraps where argparse's own formatter does."""

    def size(fd: int = 1) -> os.terminal_size:
        if terminal is None:
            raise OSError(25, "not a terminal")
        return os.terminal_size((terminal, 24))

    monkeypatch.setattr(os, "get_terminal_size", size)
    monkeypatch.delenv("LINES", raising=False)
    if columns is None:
        monkeypatch.delenv("COLUMNS", raising=False)
    else:
        monkeypatch.setenv("COLUMNS", columns)
    assert terminal_columns() == shutil.get_terminal_size().columns
    ours, theirs = HelpFormatter("post65"), argparse.HelpFormatter("post65")
    assert (ours._width, ours._max_help_position) == (theirs._width, theirs._max_help_position)


def test_post65_help_is_argparse_s_at_every_width(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """``post65 --help`` and ``-h`` are written without argparse (:mod:`post65.cli._help`), and
    are the bytes argparse formats at every terminal width."""
    monkeypatch.setattr(os, "get_terminal_size", lambda fd=1: os.terminal_size((80, 24)))
    for columns in range(1, 301):
        monkeypatch.setenv("COLUMNS", str(columns))
        theirs = FULL.format_help()
        for flag in ("--help", "-h"):
            assert main([flag]) == 0
            assert capsys.readouterr().out == theirs, (columns, flag)


HELP_TEXTS = [DESCRIPTION, EPILOG, HELP_HELP, VERSION_HELP, *(c.help for c in COMMANDS)]


@pytest.mark.parametrize("text", HELP_TEXTS)
def test_every_help_text_wraps_at_its_spaces_only(text: str) -> None:
    """textwrap also breaks a hyphenated word (``bokmål-nynorsk``) where :func:`wrap` does not:
    no text of ``post65 --help`` may have one."""
    assert textwrap.TextWrapper()._split(text) == _chunks(text)
    for width in range(1, 120):
        assert wrap(text, width) == textwrap.wrap(text, width)


def _chunks(text: str) -> list[str]:
    words = text.split()
    return [c for word in words for c in (" ", word)][1:]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.text(alphabet="ab1§.*()'-", min_size=1, max_size=14), min_size=1, max_size=12),
    st.integers(min_value=1, max_value=40),
)
def test_wrap_is_textwrap_for_words_it_can_take(words: list[str], width: int) -> None:
    text = " ".join(words)
    assume(textwrap.TextWrapper()._split(text) == _chunks(text))
    assert wrap(text, width) == textwrap.wrap(text, width)
