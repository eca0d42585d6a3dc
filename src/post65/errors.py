"""Errors raised by post65.

Every error a caller can provoke with bad input is a subclass of :class:`Post65Error`, mixed with
the builtin exception a Python programmer would expect (``ValueError`` for a bad value,
``KeyError`` for an unknown key), so ``except ValueError`` keeps working in code that embeds us.

Errors about documents carry *every* problem found, each a :class:`Problem` that names where it is
(a JSON Pointer such as ``/measures/3/cost`` or a CSV line such as ``line 7``) and says what is
wrong in bokmål, nynorsk or English (a catalogue message, :mod:`post65.text`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Literal

import attrs

import post65.text
from post65.text import Message, msg

__all__ = [
    "MAX_REPORTED",
    "FieldError",
    "InvalidAmount",
    "InvalidArgument",
    "InvalidDocument",
    "InvalidIndex",
    "InvalidInput",
    "InvalidParameter",
    "Lang",
    "Post65Error",
    "Problem",
    "UnknownCounty",
    "UnknownMunicipality",
    "UnknownParameter",
    "UnknownYear",
    "pointer",
    "summarise",
]

Lang = Literal["nb", "nn", "en"]
"""A language code of user-facing messages: bokmål (the default), nynorsk or English
(:class:`post65.text.Lang` is the same as an enum)."""


def _rendered(text: Message) -> tuple[str, str, str]:
    """What makes two problems' messages equal: their text in every language."""
    return (text("nb"), text("nn"), text("en"))


def pointer(*parts: str | int) -> str:
    """A JSON Pointer (RFC 6901) from its reference tokens: ``pointer("measures", 3)`` is
    ``"/measures/3"``.

    >>> pointer("measures", 0, "cost")
    '/measures/0/cost'
    >>> pointer("a/b", "m~n")
    '/a~1b/m~0n'
    """
    if not parts:
        return ""
    texts = [p if type(p) is str else str(p) for p in parts]
    joined = "/".join(texts)
    if "~" in joined or joined.count("/") != len(texts) - 1:  # a token holds "~" or "/"
        return "".join("/" + t.replace("~", "~0").replace("/", "~1") for t in texts)
    return "/" + joined


@attrs.frozen(init=False)
class Problem:
    """One problem in an input: where it is and what is wrong (a message in every language).

    ``where`` is a JSON Pointer (``""`` is the whole document, ``/measures/0/cost`` a field) for
    JSON documents, ``line N`` (optionally ``line N, column NAME``) for CSV files, ``row N`` for
    xlsx sheets; the message comes from the catalogues (``Problem(where, msg(...))``). A
    ``where`` in words also has ``place``, the same place as a message, which is what
    :meth:`render` shows in each language (``linje 7, kolonne Skår``); ``where`` stays the
    same in every language, for code that reads it.

    >>> p = Problem("row 7", msg("index.cell.score_missing"), msg("index.at.row", line=7))
    >>> p.where, p.render("nn"), p.render("en")
    ('row 7', 'rad 7: skåren manglar', 'row 7: the score is missing')
    """

    where: str
    text: Message = attrs.field(eq=_rendered)
    place: Message | None = attrs.field(default=None, eq=False)

    def __init__(self, where: str, text: Message, place: Message | None = None) -> None:
        if not isinstance(text, Message):
            raise TypeError(f"a problem's text is a post65.text.Message, not {type(text).__name__}")
        self.__attrs_init__(where, text, place)

    @property
    def nb(self) -> str:
        """The message in bokmål."""
        return self.text("nb")

    @property
    def nn(self) -> str:
        """The message in nynorsk."""
        return self.text("nn")

    @property
    def en(self) -> str:
        """The message in English."""
        return self.text("en")

    def message(self, lang: Lang = "nb") -> str:
        """The message in ``lang``."""
        return self.text(lang)

    def location(self, lang: Lang = "nb") -> str:
        """Where the problem is, in ``lang``: ``place`` if it has one, else ``where`` (``/`` for
        the whole document)."""
        if self.place is not None:
            return self.place(lang)
        return self.where if self.where else "/"

    def render(self, lang: Lang = "nb") -> str:
        """``where: message``, the line the command prints on stderr (``where`` in ``lang``)."""
        return f"{self.location(lang)}: {self.message(lang)}"

    def within(self, source: str) -> Problem:
        """The same problem located in the file ``source``: ``source, where``."""
        place = self.place
        if place is not None:
            place = msg("errors.place_within", source=source, place=place)
        return Problem(f"{source}, {self.where}", self.text, place)


MAX_REPORTED = 200
"""The most problems an error reports one by one; the rest are counted in one closing line."""


def summarise(problems: Iterable[Problem], limit: int = MAX_REPORTED) -> list[Problem]:
    """The first ``limit`` of ``problems``, then (when there are more) one line counting the
    rest exactly, located ``...``: how CSV, xlsx and JSON problems are reported.

    >>> bad = [Problem(f"/{i}", msg("example.not_met", reason="x")) for i in range(5)]
    >>> [p.render("en") for p in summarise(bad, 2)]
    ['/0: Not met: x.', '/1: Not met: x.', '...: and 3 more problems']
    """
    kept = list(problems)
    if len(kept) <= limit:
        return kept
    rest = len(kept) - limit
    return [
        *kept[:limit],
        Problem("...", msg("errors.more_problems", rest=rest)),
    ]


class Post65Error(Exception):
    """The root of every error post65 raises for bad input.

    ``message(lang)`` gives the text in bokmål (``"nb"``, the default), nynorsk (``"nn"``) or
    English (``"en"``). It is raised with a catalogue message, ``Post65Error(msg(...))``.
    """

    def __init__(self, text: Message) -> None:
        if not isinstance(text, Message):
            raise TypeError(f"an error's text is a post65.text.Message, not {type(text).__name__}")
        self.text = text
        super().__init__(text("en"))

    @property
    def nb(self) -> str:
        """The whole message in bokmål."""
        return self.message("nb")

    @property
    def nn(self) -> str:
        """The whole message in nynorsk."""
        return self.message("nn")

    @property
    def en(self) -> str:
        """The whole message in English."""
        return self.message("en")

    def message(self, lang: Lang = "nb") -> str:
        """The whole message in ``lang`` (several lines for errors with several problems)."""
        return self.text(lang)

    def __str__(self) -> str:
        return self.en

    def __reduce__(self) -> tuple[Any, ...]:
        # Pickled as its class, its args and its attributes (the message, the problems, the
        # number …), made again without __init__: Exception's own way calls the class with the
        # English text, which no post65 error takes. A worker process of a grant system's pool
        # sends the error it raised back this way.
        return _rebuilt, (type(self), self.args), self.__dict__


def _rebuilt(cls: type[Post65Error], args: tuple[object, ...]) -> Post65Error:
    """A post65 error from its pickle (see :meth:`Post65Error.__reduce__`); its attributes are
    set after, from the pickle's state."""
    error = cls.__new__(cls)
    error.args = args
    return error


class InvalidAmount(Post65Error, ValueError):
    """An amount of money that cannot be used: a float, NaN, malformed text, another unit."""


class InvalidParameter(Post65Error, ValueError):
    """A parameter value (a percentage, a selection, a method name) that cannot be used."""


# An unknown language, wherever the API is given one (``finding.message("de")``), is refused as
# this error too: post65.text cannot import this module, so this module tells it.
post65.text.UNKNOWN_LANGUAGE = InvalidParameter


class UnknownParameter(InvalidParameter, KeyError):
    """A parameter name post65 does not know; ``suggestions`` holds the nearest known names.

    It is an :class:`InvalidParameter` (so a ``ValueError``) and a ``KeyError``.
    """

    def __init__(
        self,
        text: Message,
        *,
        name: str,
        suggestions: Iterable[str] = (),
    ) -> None:
        super().__init__(text)
        self.name = name
        self.suggestions = tuple(suggestions)

    def __str__(self) -> str:
        return self.en


class InvalidArgument(Post65Error, TypeError):
    """An argument of the wrong type given to a public function (``check(123)``,
    ``build_report(an_allocation)``): a :class:`Post65Error` and a ``TypeError``."""


class UnknownYear(Post65Error, KeyError):
    """No data is shipped for the year asked for."""

    def __str__(self) -> str:
        return self.en


class UnknownMunicipality(Post65Error, KeyError):
    """A kommunenummer that is not in the register; ``suggestions`` holds the nearest matches."""

    def __init__(
        self,
        text: Message,
        *,
        number: str,
        suggestions: Iterable[str] = (),
    ) -> None:
        super().__init__(text)
        self.number = number
        self.suggestions = tuple(suggestions)

    def __str__(self) -> str:
        return self.en


class UnknownCounty(Post65Error, KeyError):
    """A fylkesnummer that is not in the register."""

    def __init__(self, text: Message, *, number: str) -> None:
        super().__init__(text)
        self.number = number

    def __str__(self) -> str:
        return self.en


class InvalidInput(Post65Error, ValueError):
    """An input file or document that cannot be used, with every problem found in it."""

    def __init__(self, problems: Iterable[Problem], *, source: str | None = None) -> None:
        self.problems = tuple(problems)
        self.source = source
        super().__init__(self._head())

    def _head(self) -> Message:
        count = len(self.problems)
        if self.source:
            return msg("errors.problems_in", count=count, source=self.source)
        return msg("errors.problems", count=count)

    def message(self, lang: Lang = "nb") -> str:
        """The count of problems, then each problem on its own line, in ``lang``."""
        head = self._head()(lang)
        return "\n".join([head + ":", *(f"  {p.render(lang)}" for p in self.problems)])


class FieldError(Post65Error, ValueError):
    """A value refused by a converter hook or an attrs validator, with its message. Raised inside
    structuring; :func:`post65.io.load` turns it into a located :class:`Problem`. An attrs
    validator names its ``field``: it is raised as the object is made, and located at the
    object's pointer with the field below it (``/measures/0/cost``, not ``/measures/0``)."""

    def __init__(self, text: Message, *, field: str | None = None) -> None:
        super().__init__(text)
        self.field = field


class InvalidDocument(InvalidInput):
    """A JSON document that cannot be used; each problem is located by a JSON Pointer."""


class InvalidIndex(InvalidInput):
    """A district index file (CSV or xlsx) that cannot be used; problems are located by line."""
