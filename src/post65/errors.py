"""Errors raised by post65.

Every error a caller can provoke with bad input is a subclass of :class:`Post65Error`, mixed with
the builtin exception a Python programmer would expect (``ValueError`` for a bad value,
``KeyError`` for an unknown key), so ``except ValueError`` keeps working in code that embeds us.

Errors about documents carry *every* problem found, each a :class:`Problem` that names where it is
(a JSON Pointer such as ``/measures/3/cost`` or a CSV line such as ``line 7``) and says what is
wrong in Norwegian bokmål and English.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

import attrs

__all__ = [
    "MAX_REPORTED",
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
    "summarise",
]

Lang = Literal["nb", "en"]
"""A language of user-facing messages: Norwegian bokmål (the default) or English."""


@attrs.frozen
class Problem:
    """One problem in an input: where it is and what is wrong, in both languages.

    ``where`` is a JSON Pointer (``""`` is the whole document, ``/measures/0/cost`` a field) for
    JSON documents, or ``line N`` (optionally ``line N, column NAME``) for CSV files.
    """

    where: str
    nb: str
    en: str

    def message(self, lang: Lang = "nb") -> str:
        """The message in ``lang``."""
        return self.nb if lang == "nb" else self.en

    def render(self, lang: Lang = "nb") -> str:
        """``where: message``, the line the command prints on stderr."""
        where = self.where if self.where else "/"
        return f"{where}: {self.message(lang)}"


MAX_REPORTED = 200
"""The most problems an error reports one by one; the rest are counted in one closing line."""


def summarise(problems: Iterable[Problem], limit: int = MAX_REPORTED) -> list[Problem]:
    """The first ``limit`` of ``problems``, then (when there are more) one line counting the
    rest exactly, located ``...``: how CSV, xlsx and JSON problems are reported.

    >>> [p.render("en") for p in summarise([Problem(f"/{i}", "feil", "bad") for i in range(5)], 2)]
    ['/0: bad', '/1: bad', '...: and 3 more problems']
    """
    kept = list(problems)
    if len(kept) <= limit:
        return kept
    rest = len(kept) - limit
    return [
        *kept[:limit],
        Problem("...", f"og {rest} feil til", f"and {rest} more problems"),
    ]


class Post65Error(Exception):
    """The root of every error post65 raises for bad input.

    ``message(lang)`` gives the text in bokmål (``"nb"``, the default) or English (``"en"``).
    """

    def __init__(self, nb: str, en: str | None = None) -> None:
        self.nb = nb
        self.en = en if en is not None else nb
        super().__init__(self.en)

    def message(self, lang: Lang = "nb") -> str:
        """The whole message in ``lang`` (several lines for errors with several problems)."""
        return self.nb if lang == "nb" else self.en

    def __str__(self) -> str:
        return self.en


class InvalidAmount(Post65Error, ValueError):
    """An amount of money that cannot be used: a float, NaN, malformed text, another unit."""


class InvalidParameter(Post65Error, ValueError):
    """A parameter value (a percentage, a selection, a method name) that cannot be used."""


class UnknownParameter(InvalidParameter, KeyError):
    """A parameter name post65 does not know; ``suggestions`` holds the nearest known names.

    It is an :class:`InvalidParameter` (so a ``ValueError``) and a ``KeyError``.
    """

    def __init__(self, nb: str, en: str, *, name: str, suggestions: Iterable[str] = ()) -> None:
        super().__init__(nb, en)
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

    def __init__(self, nb: str, en: str, *, number: str, suggestions: Iterable[str] = ()) -> None:
        super().__init__(nb, en)
        self.number = number
        self.suggestions = tuple(suggestions)

    def __str__(self) -> str:
        return self.en


class UnknownCounty(Post65Error, KeyError):
    """A fylkesnummer that is not in the register."""

    def __init__(self, nb: str, en: str, *, number: str) -> None:
        super().__init__(nb, en)
        self.number = number

    def __str__(self) -> str:
        return self.en


class InvalidInput(Post65Error, ValueError):
    """An input file or document that cannot be used, with every problem found in it."""

    def __init__(self, problems: Iterable[Problem], *, source: str | None = None) -> None:
        self.problems = tuple(problems)
        self.source = source
        super().__init__(self._render("nb"), self._render("en"))

    def _render(self, lang: Lang) -> str:
        count = len(self.problems)
        if lang == "nb":
            head = f"{count} feil" + (f" i {self.source}" if self.source else "")
        else:
            noun = "problem" if count == 1 else "problems"
            head = f"{count} {noun}" + (f" in {self.source}" if self.source else "")
        return "\n".join([head + ":", *(f"  {p.render(lang)}" for p in self.problems)])


class InvalidDocument(InvalidInput):
    """A JSON document that cannot be used; each problem is located by a JSON Pointer."""


class InvalidIndex(InvalidInput):
    """A district index file (CSV or xlsx) that cannot be used; problems are located by line."""
