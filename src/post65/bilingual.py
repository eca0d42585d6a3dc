"""The old two-language text pair, kept while messages move into the catalogues.

:class:`Text` holds a bokmål and an English string written side by side in the code. It is being
replaced, module by module, by catalogue messages (:func:`post65.text.msg`), which also speak
nynorsk; ``tests/test_catalogues.py`` counts the modules that still use it. Until a module is
moved, its texts show in bokmål when nynorsk is asked for, never in English.
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

__all__ = ["Text", "Texts"]


@attrs.frozen
class Text:
    """A user-facing text in Norwegian bokmål and English (nynorsk shows the bokmål)."""

    nb: str
    en: str

    def __call__(self, lang: str = "nb") -> str:
        return self.en if lang == "en" else self.nb

    render = __call__

    @classmethod
    def join(cls, parts: Iterable[tuple[str, str]], sep: str = "; ") -> Text:
        """The bokmål parts joined, and the English parts joined, as one text.

        >>> Text.join([("a", "x"), ("b", "y")])
        Text(nb='a; b', en='x; y')
        """
        pairs = list(parts)
        return cls(sep.join(nb for nb, _ in pairs), sep.join(en for _, en in pairs))


class Texts:
    """Shares equal messages between the findings of one rule's run: ``texts(nb, en)`` returns
    the same :class:`Text` for the same words, so a check of many subjects keeps one object per
    distinct message (fewer objects to allocate and to garbage-collect).

    >>> texts = Texts()
    >>> texts("Bruk iv.", "Use iv.") is texts("Bruk iv.", "Use iv.")
    True
    """

    __slots__ = ("_seen",)

    def __init__(self) -> None:
        self._seen: dict[tuple[str, str], Text] = {}

    def __call__(self, nb: str, en: str) -> Text:
        key = (nb, en)
        found = self._seen.get(key)
        if found is None:
            found = self._seen[key] = Text(nb, en)
        return found
