"""``post65 completion bash|zsh|fish``: print a shell completion script for ``post65``.

The script is generated from the command's own ``argparse`` parser, so it knows every subcommand
and option there is: an option's choices (``--lang nb|nn|en``, ``--format …``), the document
kinds of ``post65 schema KIND``, and file names where a command reads a file. No library is
needed; install the script as the shell expects::

    post65 completion bash > ~/.local/share/bash-completion/completions/post65
    post65 completion zsh > "${fpath[1]}/_post65"
    post65 completion fish > ~/.config/fish/completions/post65.fish
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable, Sequence
from typing import Final, NamedTuple

from post65.cli._output import EXIT_OK, write

__all__ = ["SHELLS", "Command", "Option", "add", "commands", "run", "script"]

SHELLS: Final = ("bash", "zsh", "fish")

FILE_METAVARS: Final = frozenset({"FILE", "PATH"})
"""The metavars of arguments that name a file (completed with file names)."""


class Option(NamedTuple):
    """One option of a command, as a shell completes it (a named tuple: building the parser, as
    ``--help`` does, need not import attrs)."""

    names: tuple[str, ...]
    help: str
    takes_value: bool
    choices: tuple[str, ...] = ()
    files: bool = False
    repeatable: bool = False


class Command(NamedTuple):
    """One subcommand: its name, help, options and what its positional arguments complete to."""

    name: str
    help: str
    options: tuple[Option, ...]
    positional_choices: tuple[str, ...] = ()
    positional_files: bool = False
    positional_many: bool = False


def _help(text: str | None) -> str:
    """The first clause of a help text, one line, without argparse's ``%%``."""
    if not text or text == argparse.SUPPRESS:
        return ""
    one = " ".join(text.replace("%%", "%").split())
    return re.split(r"[:;(]| \(", one, maxsplit=1)[0].strip()


def _choices(action: argparse.Action) -> tuple[str, ...]:
    if action.choices is None:
        return ()
    return tuple(str(c) for c in action.choices)


def _command(name: str, parser: argparse.ArgumentParser, help_text: str) -> Command:
    options: list[Option] = []
    positional_choices: tuple[str, ...] = ()
    positional_files = False
    positional_many = False
    for action in parser._actions:  # argparse offers no public walk of its actions
        if action.option_strings:
            takes = action.nargs != 0
            metavar = action.metavar if isinstance(action.metavar, str) else ""
            options.append(
                Option(
                    names=tuple(action.option_strings),
                    help=_help(action.help) or " | ".join(_choices(action)),
                    takes_value=takes,
                    choices=_choices(action) if takes else (),
                    files=takes and metavar in FILE_METAVARS,
                    repeatable=isinstance(action, argparse._AppendAction),
                )
            )
            continue
        metavar = action.metavar if isinstance(action.metavar, str) else ""
        positional_many = positional_many or action.nargs in ("+", "*")
        if metavar == "KIND":
            from post65.io import document_kinds

            positional_choices = tuple(k.name for k in document_kinds())
        elif action.choices is not None:
            positional_choices = _choices(action)
        elif metavar in FILE_METAVARS:
            positional_files = True
    return Command(
        name,
        help_text,
        tuple(options),
        positional_choices,
        positional_files,
        positional_many,
    )


def commands(parser: argparse.ArgumentParser) -> tuple[Command, ...]:
    """The subcommands of ``parser`` (the ``post65`` parser), in the order it lists them."""
    found: list[Command] = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            helps = {a.dest: _help(a.help) for a in action._choices_actions}
            for name, sub in action.choices.items():
                found.append(_command(name, sub, helps.get(name, "")))
    return tuple(found)


# --------------------------------------------------------------------------------------------
# bash


def _words(items: Sequence[str]) -> str:
    return " ".join(items)


def bash(cmds: Sequence[Command]) -> str:
    """The bash completion script (``complete -F _post65 post65``)."""
    lines = [
        "# bash completion for post65 (made by `post65 completion bash`)",
        "_post65() {",
        "    local cur prev cmd i",
        '    cur="${COMP_WORDS[COMP_CWORD]}"',
        '    prev="${COMP_WORDS[COMP_CWORD-1]}"',
        '    cmd=""',
        "    for ((i = 1; i < COMP_CWORD; i++)); do",
        '        case "${COMP_WORDS[i]}" in',
        "            -*) ;;",
        '            *) cmd="${COMP_WORDS[i]}"; break ;;',
        "        esac",
        "    done",
        '    if [[ -z "$cmd" ]]; then',
        f'        COMPREPLY=($(compgen -W "{_words([c.name for c in cmds])} --help --version"'
        ' -- "$cur"))',
        "        return 0",
        "    fi",
        '    case "$cmd" in',
    ]
    for c in cmds:
        lines.append(f"        {c.name})")
        valued = [o for o in c.options if o.takes_value]
        if valued:
            lines.append('            case "$prev" in')
            for o in valued:
                pattern = "|".join(o.names)
                if o.choices:
                    reply = f'COMPREPLY=($(compgen -W "{_words(o.choices)}" -- "$cur"))'
                elif o.files:
                    reply = 'COMPREPLY=($(compgen -f -- "$cur"))'
                else:
                    reply = "COMPREPLY=()"
                lines.append(f"                {pattern}) {reply}; return 0 ;;")
            lines.append("            esac")
        names = [n for o in c.options for n in o.names if n.startswith("--")]
        lines += [
            '            if [[ "$cur" == -* ]]; then',
            f'                COMPREPLY=($(compgen -W "{_words(names)}" -- "$cur"))',
        ]
        if c.positional_choices:
            lines += [
                "            else",
                f'                COMPREPLY=($(compgen -W "{_words(c.positional_choices)}"'
                ' -- "$cur"))',
            ]
        elif c.positional_files:
            lines += ["            else", '                COMPREPLY=($(compgen -f -- "$cur"))']
        lines += ["            fi", "            ;;"]
    lines += [
        "    esac",
        "    return 0",
        "}",
        "complete -o filenames -o bashdefault -F _post65 post65",
        "",
    ]
    return "\n".join(lines)


# --------------------------------------------------------------------------------------------
# zsh


def _zsh_text(text: str) -> str:
    """Text inside a single-quoted ``_arguments`` spec: no quote, brackets or colons."""
    return re.sub(r"[\[\]:'\\%|]", " ", text).strip()


def _zsh_option(o: Option) -> str:
    """One ``_arguments`` spec: ``'--lang[language]:value:(nb nn en)'``."""
    desc = f"[{_zsh_text(o.help)}]"
    tail = ""
    if o.takes_value:
        if o.choices:
            tail = f":value:({' '.join(o.choices)})"
        elif o.files:
            tail = ":file:_files"
        else:
            tail = ":value: "
    if len(o.names) == 1:
        star = "*" if o.repeatable else ""
        return f"'{star}{o.names[0]}{desc}{tail}'"
    exclusive = "(" + " ".join(o.names) + ")"
    return f"'{exclusive}'{{{','.join(o.names)}}}'{desc}{tail}'"


def zsh(cmds: Sequence[Command]) -> str:
    """The zsh completion script (``#compdef post65``)."""
    lines = [
        "#compdef post65",
        "# zsh completion for post65 (made by `post65 completion zsh`)",
        "",
        "_post65() {",
        "    local line state",
        "    _arguments -C \\",
        "        '(- *)--help[show the help]' \\",
        "        '(- *)--version[show the version]' \\",
        "        '1: :->command' \\",
        "        '*:: :->argument'",
        "    case $state in",
        "        command)",
        "            local -a commands",
        "            commands=(",
    ]
    for c in cmds:
        lines.append(f"                '{c.name}:{_zsh_text(c.help)}'")
    lines += [
        "            )",
        "            _describe 'command' commands",
        "            ;;",
        "        argument)",
        "            case $line[1] in",
    ]
    for c in cmds:
        specs = [_zsh_option(o) for o in c.options]
        if c.positional_choices:
            star = "*" if c.positional_many else "1"
            specs.append(f"'{star}:argument:({' '.join(c.positional_choices)})'")
        elif c.positional_files:
            specs.append("'*:file:_files'" if c.positional_many else "'1:file:_files'")
        lines.append(f"                {c.name})")
        lines.append("                    _arguments \\")
        lines += [f"                        {s} \\" for s in specs[:-1]]
        lines.append(f"                        {specs[-1]}")
        lines.append("                    ;;")
    lines += [
        "            esac",
        "            ;;",
        "    esac",
        "}",
        "",
        "# autoloaded from $fpath: complete now; sourced: register the function",
        'if [[ "${funcstack[1]}" == _post65 ]]; then',
        '    _post65 "$@"',
        "else",
        "    compdef _post65 post65",
        "fi",
        "",
    ]
    return "\n".join(lines)


# --------------------------------------------------------------------------------------------
# fish


def _fish_text(text: str) -> str:
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


def fish(cmds: Sequence[Command]) -> str:
    """The fish completion script (``complete -c post65 …``)."""
    names = " ".join(c.name for c in cmds)
    lines = [
        "# fish completion for post65 (made by `post65 completion fish`)",
        "complete -c post65 -f",
        "complete -c post65 -n __fish_use_subcommand -s h -l help -d 'show the help'",
        "complete -c post65 -n __fish_use_subcommand -l version -d 'show the version'",
    ]
    for c in cmds:
        lines.append(
            f"complete -c post65 -n __fish_use_subcommand -a {c.name} -d {_fish_text(c.help)}"
        )
    for c in cmds:
        when = f"-n '__fish_seen_subcommand_from {c.name}'"
        for o in c.options:
            flags = " ".join(
                f"-l {n[2:]}" if n.startswith("--") else f"-s {n[1:]}" for n in o.names
            )
            extra = ""
            if o.takes_value:
                if o.choices:
                    extra = f" -x -a {_fish_text(' '.join(o.choices))}"
                elif o.files:
                    extra = " -r -F"
                else:
                    extra = " -x"
            lines.append(f"complete -c post65 {when} {flags}{extra} -d {_fish_text(o.help)}")
        if c.positional_choices:
            lines.append(
                f"complete -c post65 {when} -a {_fish_text(' '.join(c.positional_choices))}"
            )
        elif c.positional_files:
            lines.append(f"complete -c post65 {when} -F")
    lines.append(f"# subcommands: {names}")
    lines.append("")
    return "\n".join(lines)


_MAKERS: Final[dict[str, Callable[[Sequence[Command]], str]]] = {
    "bash": bash,
    "zsh": zsh,
    "fish": fish,
}


def script(shell: str, parser: argparse.ArgumentParser) -> str:
    """The completion script for ``shell`` (one of :data:`SHELLS`) of the ``post65`` parser."""
    return _MAKERS[shell](commands(parser))


def run(args: argparse.Namespace) -> int:
    """Print the completion script for ``args.shell``, made from the full parser
    (``args.full_parser()``: the command line's own parser holds only the command it names)."""
    write(script(args.shell, args.full_parser()))
    return EXIT_OK


def add(p: argparse.ArgumentParser) -> None:
    """Add the arguments of the ``completion`` subcommand to its parser ``p``."""
    p.description = (
        "Print a completion script for bash, zsh or fish on stdout; install it where the "
        "shell looks for completions."
    )
    p.add_argument("shell", choices=SHELLS, help="the shell: bash, zsh or fish")
    p.set_defaults(func=run)
