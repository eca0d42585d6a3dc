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
from post65.cli._options import LANGS, lang_of
from post65.cli._parsing import HelpFormatter, UsageError
from post65.cli.completion import commands, script

NAMES = [command.name for command in COMMANDS]

FULL = build_parser()


def _subparsers(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


def _outcome(parser: argparse.ArgumentParser, argv: list[str]) -> tuple[object, ...]:
    """What ``parser`` makes of ``argv``: the arguments parsed, or the usage error (in every
    language), or the exit (``--help``, ``--version``) with what it printed."""
    out = io.StringIO()
    try:
        with contextlib.redirect_stdout(out):
            args = parser.parse_args(argv)
    except UsageError as exc:
        return ("error", {lang: exc.text(lang) for lang in LANGS}, out.getvalue())
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
        ["--bogus", "check"],  # (a --lang before the command is moved after it: see below)
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
    texts = expected[1]
    assert isinstance(texts, dict)
    assert capsys.readouterr().err == f"{texts[lang_of(argv)]}\n"


def test_an_unknown_command_is_refused_naming_every_command(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["bogus", "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("usage: post65 [-h] [--version]")
    assert "{" + ",".join(NAMES) + "}" in err
    assert "post65: error: unknown command 'bogus' (choose from check, rules, verify," in err
    assert err.endswith(" summarise or completion)\n")
    assert main(["bogus"]) == 2  # bokmål by default
    err = capsys.readouterr().err
    assert err.startswith("bruk: post65 [-h] [--version]")
    assert "post65: feil: ukjent kommando «bogus» (velg check, rules, verify," in err


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
    "--all=3",
    "--po",
    "--width",
    "csv",
    "--lang=nn",
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


# ---------------------------------------------------------------------------------------------
# Usage errors in the language of --lang (the catalogue's cli.args.* messages)

PORTFOLIO = "examples/nordland-2024.portfolio.json"

ARGPARSE_ENGLISH = (
    "usage:",
    "error:",
    "invalid choice",
    "unrecognized arguments",
    "the following arguments are required",
    "expected one argument",
    "invalid int value",
    "ambiguous option",
    "ignored explicit argument",
    "choose from",
    "argument --",
)
"""argparse's own words in its usage errors: none may be in bokmål or nynorsk output."""

USAGE_ERRORS: dict[str, tuple[list[str], dict[str, str]]] = {
    "invalid choice": (
        ["check", PORTFOLIO, "--format", "csv"],
        {
            "nb": "post65 check: feil: ugyldig verdi for --format: «csv» "
            "(velg table, json, markdown eller xlsx)",
            "nn": "post65 check: feil: ugyldig verdi for --format: «csv» "
            "(vel table, json, markdown eller xlsx)",
            "en": "post65 check: error: argument --format: invalid choice: 'csv' "
            "(choose from table, json, markdown or xlsx)",
        },
    ),
    "invalid choice of allocate --method": (
        ["allocate", "--method", "hare"],
        {
            "nb": "post65 allocate: feil: ugyldig verdi for --method: «hare» "
            "(velg largest-remainder, sainte-lague eller dhondt)",
            "nn": "post65 allocate: feil: ugyldig verdi for --method: «hare» "
            "(vel largest-remainder, sainte-lague eller dhondt)",
            "en": "post65 allocate: error: argument --method: invalid choice: 'hare' "
            "(choose from largest-remainder, sainte-lague or dhondt)",
        },
    ),
    "unrecognized arguments": (
        ["check", PORTFOLIO, "--method", "x"],
        {
            "nb": "post65 check: feil: ukjente argumenter: --method x",
            "nn": "post65 check: feil: ukjende argument: --method x",
            "en": "post65 check: error: unrecognized arguments: --method x",
        },
    ),
    "an unrecognized argument": (
        ["check", PORTFOLIO, "--bogus"],
        {
            "nb": "post65 check: feil: ukjent argument: --bogus",
            "nn": "post65 check: feil: ukjent argument: --bogus",
            "en": "post65 check: error: unrecognized argument: --bogus",
        },
    ),
    "missing FILE": (
        ["check"],
        {
            "nb": "post65 check: feil: mangler argumentet FILE",
            "nn": "post65 check: feil: manglar argumentet FILE",
            "en": "post65 check: error: the following argument is required: FILE",
        },
    ),
    "missing choice": (
        ["completion"],
        {
            "nb": "post65 completion: feil: mangler argumentet {bash,zsh,fish}",
            "nn": "post65 completion: feil: manglar argumentet {bash,zsh,fish}",
            "en": "post65 completion: error: the following argument is required: {bash,zsh,fish}",
        },
    ),
    "expected one argument": (
        ["check", PORTFOLIO, "--format"],
        {
            "nb": "post65 check: feil: --format må ha én verdi",
            "nn": "post65 check: feil: --format må ha éin verdi",
            "en": "post65 check: error: argument --format: expected one argument",
        },
    ),
    "invalid type value": (
        ["report", PORTFOLIO, "--width", "abc"],
        {
            "nb": "post65 report: feil: ugyldig verdi for --width N: «abc»",
            "nn": "post65 report: feil: ugyldig verdi for --width N: «abc»",
            "en": "post65 report: error: argument --width N: invalid value: 'abc'",
        },
    ),
    "ambiguous option": (
        ["check", PORTFOLIO, "--population-s", "x"],
        {
            "nb": "post65 check: feil: --population-s er tvetydig: kan være "
            "--population-share eller --population-sheet",
            "nn": "post65 check: feil: --population-s er tvitydig: kan vere "
            "--population-share eller --population-sheet",
            "en": "post65 check: error: ambiguous option: --population-s could match "
            "--population-share or --population-sheet",
        },
    ),
    "a value to an option that takes none": (
        ["check", PORTFOLIO, "--all=3"],
        {
            "nb": "post65 check: feil: --all tar ingen verdi",
            "nn": "post65 check: feil: --all tek ingen verdi",
            "en": "post65 check: error: argument --all: takes no value",
        },
    ),
    "unknown command": (
        ["chec"],
        {
            "nb": "post65: feil: ukjent kommando «chec» (velg check, rules, verify, schema, "
            "parameters, municipalities, allocate, report, summarise eller completion)",
            "nn": "post65: feil: ukjend kommando «chec» (vel check, rules, verify, schema, "
            "parameters, municipalities, allocate, report, summarise eller completion)",
            "en": "post65: error: unknown command 'chec' (choose from check, rules, verify, "
            "schema, parameters, municipalities, allocate, report, summarise or completion)",
        },
    ),
}
"""A command line of each kind argparse refuses, and its last line on stderr in each language
(``--lang`` at the end of the command line: argparse may stop before it reads it)."""


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("kind", USAGE_ERRORS)
def test_a_usage_error_is_told_in_the_language_of_lang(
    kind: str, lang: str, capsys: pytest.CaptureFixture[str]
) -> None:
    argv, last = USAGE_ERRORS[kind]
    assert main([*argv, "--lang", lang]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.endswith(f"\n{last[lang]}\n"), err
    prog = last[lang].partition(":")[0]
    usage = {"nb": "bruk:", "nn": "bruk:", "en": "usage:"}[lang]
    assert err.startswith(f"{usage} {prog} [-h] "), err  # the usage line kept
    if lang != "en":
        assert [w for w in ARGPARSE_ENGLISH if w in err] == []
    assert main([*argv, f"--lang={lang}"]) == 2  # in every spelling argparse takes
    assert capsys.readouterr().err == err


def test_a_usage_error_is_in_bokmal_without_lang(capsys: pytest.CaptureFixture[str]) -> None:
    for argv, last in USAGE_ERRORS.values():
        assert main(argv) == 2
        assert capsys.readouterr().err.endswith(f"\n{last['nb']}\n")
    assert main([]) == 2
    err = capsys.readouterr().err
    assert err.startswith("bruk: post65 [-h] [--version]\n")
    assert err.endswith(
        "\npost65: feil: velg en kommando: check, rules, verify, schema, parameters, "
        "municipalities, allocate, report, summarise eller completion\n"
    )


@pytest.mark.parametrize(
    ("argv", "lang"),
    [
        ([], "nb"),
        (["--lang"], "nb"),
        (["--lang", "nn"], "nn"),
        (["--lang=en"], "en"),
        (["--lan", "nn"], "nn"),
        (["--la=en"], "en"),
        (["--l", "nn"], "nn"),
        (["-l", "nn"], "nb"),
        (["--lang", "xx"], "nb"),
        (["--lang", "en", "--lang", "nn"], "nn"),  # argparse takes the last
        (["--lang", "en", "--lang", "xx"], "en"),
        (["--", "--lang", "nn"], "nb"),
        (["--langs", "nn"], "nb"),
        (["check", "--format", "--lang", "nn"], "nn"),
    ],
)
def test_lang_is_found_before_parsing(argv: list[str], lang: str) -> None:
    assert lang_of(argv) == lang


def _refusal(parser: argparse.ArgumentParser, argv: list[str]) -> UsageError:
    with pytest.raises(UsageError) as caught:
        parser.parse_args(argv)
    return caught.value


def test_a_type_s_own_message_is_told_and_any_other_refusal_named() -> None:
    """A type function may refuse a value with a catalogue message of its own (an
    ``ArgumentTypeError`` holding a Message); any other refusal is «not a valid value»."""
    from post65.cli._parsing import Parser
    from post65.text import msg

    def county(text: str) -> str:
        raise argparse.ArgumentTypeError(msg("cli.stdin"))

    parser = Parser(prog="p")
    parser.add_argument("--n", type=int, metavar="N")
    parser.add_argument("--county", type=county)
    parser.add_argument("count", type=int)
    refused = _refusal(parser, ["--n", "x", "1"])
    assert refused.problem.key == "cli.args.invalid_value"
    assert refused.text("nn").endswith("\np: feil: ugyldig verdi for --n N: «x»")
    refused = _refusal(parser, ["--county", "x", "1"])
    assert refused.text("nn").endswith("\np: feil: --county: standard inndata")
    assert refused.text("en").endswith("\np: error: argument --county: standard input")
    refused = _refusal(parser, ["y"])
    assert refused.text("nb").endswith("\np: feil: ugyldig verdi for count: «y»")


def test_what_post65_s_parser_never_refuses_is_still_in_the_catalogue() -> None:
    """Refusals no ``post65`` command can make (an option of two values, two options of a
    mutually exclusive group) are told in catalogue words too, if without detail."""
    from post65.cli._parsing import Parser

    parser = Parser(prog="p")
    parser.add_argument("--pair", nargs=2)
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--a", action="store_true")
    group.add_argument("--b", action="store_true")
    for argv in (["--pair", "x"], ["--a", "--b"]):
        refused = _refusal(parser, argv)
        assert refused.problem.key == "cli.args.invalid"
        assert refused.text("nn").endswith("\np: feil: kommandolinja kan ikkje lesast")


@settings(max_examples=300, deadline=None)
@given(argv=st.lists(st.sampled_from(WORDS) | st.text(max_size=6), max_size=6))
def test_every_usage_error_has_its_own_catalogue_words(argv: list[str]) -> None:
    """Whatever the command line, argparse's refusal is one of the kinds the catalogue names
    (never the bare «cannot be read»), with no English word of argparse in nb or nn."""
    refused: UsageError | None = None
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            args = FULL.parse_args(argv)
    except UsageError as exc:
        refused = exc
    except SystemExit:  # --help, --version
        return
    if refused is None:
        assert lang_of(argv) == getattr(args, "lang", lang_of(argv))
        return
    assert refused.problem.key != "cli.args.invalid", refused.text("en")
    for lang in ("nb", "nn"):
        text = refused.text(lang)
        assert [w for w in ARGPARSE_ENGLISH if w in text] == [], text


LANG_WORDS = ["--lang", "--lan", "--l", "--lang=nn", "--la=en", "-l", "nb", "nn", "en", "xx", "--"]


@settings(max_examples=300, deadline=None)
@given(
    command=st.sampled_from(["rules", "parameters", "municipalities", "schema"]),
    words=st.lists(st.sampled_from(LANG_WORDS), max_size=5),
)
def test_lang_of_finds_the_lang_argparse_reads(command: str, words: list[str]) -> None:
    argv = [command, *words]
    try:
        args = FULL.parse_args(argv)
    except UsageError:
        return
    assert lang_of(argv) == args.lang


@pytest.mark.parametrize(
    "before", [["--lang", "nn"], ["--lang=nn"], ["--la", "nn"], ["--lang", "en", "--lang", "nn"]]
)
def test_a_lang_before_the_command_is_the_command_s(
    before: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    """``post65 --lang nn check F`` is ``post65 check F --lang nn`` (it said «ukjend kommando
    «nn»»); given alone, «choose a command» is told in that language."""
    code = main([*before, "check", PORTFOLIO])
    moved = capsys.readouterr().out
    assert code == main(["check", PORTFOLIO, "--lang", "nn"]) == 1
    assert moved == capsys.readouterr().out
    assert moved.startswith("Å rette eller fylle ut")
    assert main(before) == 2
    assert "vel ein kommando" in capsys.readouterr().err
