"""The parser ``post65`` parses with: argparse's, its help at the terminal's width and its usage
errors in the language of ``--lang``.

argparse writes a command line it refuses in English (``error: argument --format: invalid
choice: …``). :class:`Parser` raises :class:`UsageError` instead: the parser refusing (for its
usage line) and the problem as a catalogue message (keys ``cli.args.*``), which
:func:`post65.cli.main` renders in the language ``--lang`` names (found in the command line by
:func:`post65.cli._options.lang_of` before parsing it, as the parser may stop before reading it).

The problem is made from what argparse refuses, where argparse lets a subclass see it:

- a value not among an argument's choices, an unknown command (:meth:`Parser._check_value`);
- a value its ``type`` refuses (:meth:`Parser._get_value`): an ``ArgumentTypeError`` holding a
  catalogue message says that, any other is «not a valid value» with the argument's metavar;
- an option without its value (:meth:`Parser._match_argument`);
- arguments no command takes (:meth:`Parser.parse_args`), told by the command they follow;

and, where argparse makes its message inside its own loop (required arguments missing, an
abbreviated option matching several, a value given to an option that takes none), from that
message read by argparse's own template (through gettext, as argparse writes it). What matches
no template is «the command line cannot be read»: ``tests/test_cli_parser.py`` parses many
command lines and finds none of those.

Building the parser loads no catalogue: a message is made only when a command line is refused.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Iterable
from gettext import gettext
from typing import TYPE_CHECKING, Any, NoReturn

from post65.cli._help import terminal_columns
from post65.cli._output import msg

if TYPE_CHECKING:
    from post65.errors import Lang
    from post65.text import Message

__all__ = ["HelpFormatter", "Parser", "RawDescriptionHelpFormatter", "UsageError"]


class UsageError(Exception):
    """A command line argparse refuses (exit code 2): the parser refusing it and the problem."""

    def __init__(self, parser: argparse.ArgumentParser, problem: Message) -> None:
        super().__init__(problem)
        self.parser = parser
        self.problem = problem

    def text(self, lang: Lang) -> str:
        """The parser's usage and the problem in ``lang``, laid out as argparse lays out its
        own: ``usage: post65 check [-h] …`` then ``post65 check: error: …``."""
        parser = self.parser
        formatter = parser._get_formatter()
        prefix = msg("cli.args.usage")(lang) + " "
        formatter.add_usage(
            parser.usage, parser._actions, parser._mutually_exclusive_groups, prefix
        )
        problem = msg("cli.args.error", prog=parser.prog, problem=self.problem)
        return formatter.format_help() + problem(lang)


class HelpFormatter(argparse.HelpFormatter):
    """argparse's help formatter, wrapping to the width argparse would (the terminal's less 2),
    told it by :func:`terminal_columns` so that ``post65 --help`` need not import shutil."""

    def __init__(
        self,
        prog: str,
        indent_increment: int = 2,
        max_help_position: int = 24,
        width: int | None = None,
        **kwargs: Any,
    ) -> None:
        if width is None:
            width = terminal_columns() - 2
        super().__init__(prog, indent_increment, max_help_position, width, **kwargs)


class RawDescriptionHelpFormatter(HelpFormatter, argparse.RawDescriptionHelpFormatter):
    """:class:`HelpFormatter` keeping the description's and epilog's lines as written."""


class _Refused(argparse.ArgumentError):
    """argparse's error for one argument, with the problem as a catalogue message."""

    def __init__(self, action: argparse.Action, problem: Message) -> None:
        super().__init__(action, "")
        self.problem = problem


class Parser(argparse.ArgumentParser):
    """An ArgumentParser that raises :class:`UsageError` for a command line it refuses, so
    ``main`` tells it in the chosen language and returns 2, and formats its help with
    :class:`HelpFormatter` unless told another ``formatter_class``."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", HelpFormatter)
        kwargs.setdefault("exit_on_error", False)  # its ArgumentError reaches parse_known_args
        super().__init__(*args, **kwargs)

    def parse_args(self, args: Iterable[str] | None = None, namespace: Any = None) -> Any:
        """argparse's ``parse_args``; arguments no command takes are told by the command they
        follow (its usage), as a catalogue message."""
        parsed, extras = self.parse_known_args(args, namespace)
        if extras:
            problem = msg("cli.args.unrecognized", n=len(extras), arguments=" ".join(extras))
            raise UsageError(self._command_parser(parsed), problem)
        return parsed

    def parse_known_args(
        self, args: Iterable[str] | None = None, namespace: Any = None
    ) -> tuple[Any, list[str]]:
        """argparse's ``parse_known_args``, its ``ArgumentError`` raised as :class:`UsageError`."""
        try:
            return super().parse_known_args(args, namespace)
        except _Refused as err:
            raise UsageError(self, err.problem) from None
        except argparse.ArgumentError as err:
            raise UsageError(self, self._problem(err)) from None

    def error(self, message: str) -> NoReturn:
        """What argparse reports by a message of its own, as a catalogue message."""
        raise UsageError(self, self._problem_of(message))

    def _check_value(self, action: argparse.Action, value: Any) -> None:
        if action.choices is None or value in action.choices:
            return
        choices = [str(choice) for choice in action.choices]
        if isinstance(action, argparse._SubParsersAction):
            problem = msg("cli.args.unknown_command", value=str(value), commands=choices)
        else:
            problem = msg(
                "cli.args.invalid_choice", argument=_name(action), value=str(value), choices=choices
            )
        raise _Refused(action, problem)

    def _get_value(self, action: argparse.Action, arg_string: str) -> Any:
        try:
            return super()._get_value(action, arg_string)
        except argparse.ArgumentError as err:
            from post65.text import Message

            cause = err.__context__
            said = cause.args[0] if isinstance(cause, argparse.ArgumentTypeError) else None
            if isinstance(said, Message):
                problem = msg("cli.args.argument", argument=_name(action), problem=said)
            else:
                name = _name(action)
                if action.option_strings and isinstance(action.metavar, str):
                    name = f"{name} {action.metavar}"
                problem = msg("cli.args.invalid_value", argument=name, value=arg_string)
            raise _Refused(action, problem) from None

    def _match_argument(self, action: argparse.Action, arg_strings_pattern: str) -> int:
        try:
            return super()._match_argument(action, arg_strings_pattern)
        except argparse.ArgumentError:
            if action.nargs is not None:  # no option of post65 takes more than one value
                raise _Refused(action, msg("cli.args.invalid")) from None
            raise _Refused(action, msg("cli.args.expected_one", argument=_name(action))) from None

    def _problem(self, err: argparse.ArgumentError) -> Message:
        """An ``ArgumentError`` argparse made itself: a value given to an option that takes
        none, or (Python 3.12 and later) one of the messages of :meth:`_problem_of`."""
        if err.argument_name is None:
            return self._problem_of(err.message)
        if _filled("ignored explicit argument %r", err.message) is not None:
            return msg("cli.args.no_value", argument=err.argument_name)
        return msg("cli.args.invalid")

    def _problem_of(self, message: str) -> Message:
        """The catalogue message of what argparse says in English."""
        found = _filled("the following arguments are required: %s", message)
        if found is not None:
            missing = found[0].split(", ")
            command = _commands(self)
            if command is not None and _argparse_name(command) in missing:
                return msg("cli.args.no_command", commands=list(command.choices or ()))
            shown = {_argparse_name(action): _name(action) for action in self._actions}
            names = [shown.get(name, name) for name in missing]
            return msg("cli.args.required", n=len(names), arguments=names)
        found = _filled("ambiguous option: %(option)s could match %(matches)s", message)
        if found is not None:
            return msg("cli.args.ambiguous", option=found[0], matches=found[1].split(", "))
        return msg("cli.args.invalid")

    def _command_parser(self, parsed: Any) -> argparse.ArgumentParser:
        """The parser of the command ``parsed`` names, or this one."""
        command = _commands(self)
        if command is None or not isinstance(command.choices, dict):
            return self
        found = command.choices.get(getattr(parsed, command.dest, None))
        return found if isinstance(found, argparse.ArgumentParser) else self


def _commands(parser: argparse.ArgumentParser) -> argparse.Action | None:
    """The commands of ``parser`` (its subparsers argument), if it has them."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return action
    return None


def _name(action: argparse.Action) -> str:
    """An argument as the usage line shows it: ``--format``, ``FILE``, ``{bash,zsh,fish}``."""
    if action.option_strings:
        return "/".join(action.option_strings)
    if isinstance(action.metavar, str):
        return action.metavar
    if action.choices:
        return "{" + ",".join(str(choice) for choice in action.choices) + "}"
    return str(action.dest)


def _argparse_name(action: argparse.Action) -> str:
    """An argument as argparse names it in its messages (``shell`` for ``{bash,zsh,fish}``)."""
    if action.option_strings or isinstance(action.metavar, str):
        return _name(action)
    return str(action.dest)


def _filled(template: str, text: str) -> list[str] | None:
    """What fills the places (``%s``, ``%r``, ``%(name)s``) of argparse's message ``template``
    in ``text``, or ``None`` when ``text`` is not that message."""
    pieces = re.split(r"%(?:\(\w+\))?[sr]", gettext(template))
    found = re.fullmatch("(.*?)".join(re.escape(piece) for piece in pieces), text, re.DOTALL)
    return None if found is None else list(found.groups())
