"""What the scheme b rules share: walking an application or a set, and the finding for an
application whose call is unknown."""

from __future__ import annotations

import attrs

from post65.applications import Application, Applications, resolve_call
from post65.calls import Call
from post65.errors import pointer
from post65.rulebook import Outcome, Result
from post65.text import msg

__all__ = ["Item", "items", "no_call"]


@attrs.frozen
class Item:
    """One application of a document: where it is (``()`` or ``("applications", i)``), the
    application, and the call it answers (None when unknown)."""

    base: tuple[str | int, ...]
    app: Application
    call: Call | None


def items(document: object) -> list[Item]:
    """The applications of ``document`` (one, or every one of a set)."""
    if isinstance(document, Applications):
        call = resolve_call(document.call, document.call_terms)
        return [Item(("applications", i), a, call) for i, a in enumerate(document.applications)]
    if isinstance(document, Application):
        return [Item((), document, resolve_call(document.call, document.call_terms))]
    return []


def no_call(base: tuple[str | int, ...]) -> Result:
    """``undetermined``: the application names no known call."""
    return Result(pointer(*base), Outcome.UNDETERMINED, msg("b.no_call"))
