"""What the rule modules of scheme a share: the source they cite, the measures they judge one by
one (:class:`~post65.rulebook.Each`), and small helpers for the names and lists in messages."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Sequence

from post65.geography import Register
from post65.law import Citation
from post65.measures import Measure, Use
from post65.portfolio import Portfolio
from post65.rulebook import Each
from post65.schemes._joined import joined as semicolons
from post65.text import Message, msg

__all__ = [
    "KINDS",
    "MEASURES",
    "MEASURES_OF_USE_I",
    "MEASURES_OF_USE_II",
    "MEASURES_OF_USE_III",
    "MEASURES_OF_USE_IV",
    "SOURCE",
    "cite",
    "distinct",
    "label",
    "listing",
    "msg",
    "semicolons",
    "short",
]

SOURCE = "regelverk-a-2023"
"""The regulation of scheme a (fastsatt 12.12.2023), shipped with post65."""

KINDS = ("portfolio",)
"""The document kind the rules of scheme a look at (A-3.1 aside: it looks at an allocation)."""


def cite(section: str, quote: str) -> Citation:
    """A citation of ``section`` of the scheme a regulation."""
    return Citation(SOURCE, section, quote)


def label(reg: Register, nr: str) -> str:
    """``1826 Hattfjelldal`` for a known kommunenummer, the number itself otherwise."""
    if nr in reg.kommunenumre:
        return f"{nr} {reg.municipality(nr).name}"
    return nr


def listing(items: Iterable[object], limit: int = 6) -> tuple[object, ...]:
    """At most ``limit`` items for a message (shown ``a, b, c``), then ``…`` and how many more.

    The items are texts or messages; the result is a message argument shown comma-separated.
    """
    seq = tuple(items)
    if len(seq) <= limit:
        return seq
    more = msg("a.more", last=seq[limit - 1], more=len(seq) - limit)
    return (*seq[: limit - 1], more)


def distinct(texts: Iterable[str]) -> list[str]:
    """The distinct non-blank texts (case and white space ignored), first spelling kept, sorted."""
    # _one_line's test written out (A-4.8 runs this per measure), and the texts sorted by the
    # keys already folded (distinct keys: the order sorted(values, key=str.casefold) gives)
    seen: dict[str, str] = {}
    for t in texts:
        if not (t.isprintable() and "  " not in t and t[:1] != " " and t[-1:] != " "):
            t = " ".join(t.split())
        key = t.casefold()
        if key and key not in seen:
            seen[key] = t
    return [seen[key] for key in sorted(seen)]


def _one_line(text: str) -> str:
    """``text`` with its white space collapsed to single spaces and stripped: ``text`` itself
    when there is nothing to collapse (no white space but single spaces inside, none at the
    ends: ``isprintable`` is false for every other white space character), the common case."""
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        return text
    return " ".join(text.split())


def short(text: str, limit: int = 90) -> str:
    """``text`` on one line, cut at ``limit`` characters with an ellipsis."""
    # _one_line's test written out (A-2.1 cuts a text per measure)
    if not (text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " "):
        text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _measures(portfolio: Portfolio) -> Sequence[Measure]:
    return portfolio.measures


@functools.lru_cache(maxsize=256)
def _other_use_message(use: Use, uses: tuple[Use, ...]) -> Message:
    return msg("a.other_use", use=use, uses=uses or "–")


def _other_use(use: Use) -> Callable[[Measure], Message | None]:
    """The reason a measure without ``use`` is not the concern of a rule of that use (one
    message for each combination of uses, shared by the measures that have it)."""

    def skip(m: Measure) -> Message | None:
        if use in m.uses:
            return None
        return _other_use_message(use, m.uses)

    return skip


_NO_MEASURES = msg("a.no_measures")

MEASURES = Each(items=_measures, pointer="/measures", empty=_NO_MEASURES)
"""Every measure of the portfolio, ``/measures/0`` …; with none, ``not_applicable`` once."""

MEASURES_OF_USE_I = Each(_measures, "/measures", _NO_MEASURES, _other_use(Use.I))
"""Every measure, judged when it is of use i (§4 i), ``not_applicable`` otherwise."""
MEASURES_OF_USE_II = Each(_measures, "/measures", _NO_MEASURES, _other_use(Use.II))
"""Every measure, judged when it is of use ii (§4 ii), ``not_applicable`` otherwise."""
MEASURES_OF_USE_III = Each(_measures, "/measures", _NO_MEASURES, _other_use(Use.III))
"""Every measure, judged when it is of use iii (§4 iii), ``not_applicable`` otherwise."""
MEASURES_OF_USE_IV = Each(_measures, "/measures", _NO_MEASURES, _other_use(Use.IV))
"""Every measure, judged when it is of use iv (§4 iv), ``not_applicable`` otherwise."""
