"""What the scheme b rules share: walking an application or a set, and the finding for an
application whose call is unknown.

A check of a set of applications walks it once: :func:`items` keeps the walk (each application
with its call and its JSON Pointer) in the check's memo, and every rule reads it there."""

from __future__ import annotations

from decimal import Decimal
from typing import Final

import attrs

from post65._slots import slot_maker
from post65.applications import Application, Applications, resolve_call
from post65.calls import Call
from post65.rulebook import Context, Result
from post65.schemes import verdict
from post65.text import msg

__all__ = ["RATIO_PLACES", "Item", "items", "no_call"]

RATIO_PLACES: Final = Decimal("0.0001")
"""The places a share or a decline is shown with in a finding's values (B-1, B-3)."""


@attrs.frozen
class Item:
    """One application of a document: where it is (``()`` or ``("applications", i)``), the
    application, and the call it answers (None when unknown)."""

    base: tuple[str | int, ...]
    app: Application
    call: Call | None
    subject: str
    """The application's JSON Pointer, ``pointer(*base)``: ``/applications/3``, or ``""``."""


_item: Final = slot_maker(Item)
"""``Item(base, app, call, subject)``, its slots set directly (one per application)."""


def items(document: object, ctx: Context | None = None) -> list[Item]:
    """The applications of ``document`` (one, or every one of a set); walked once per check
    when the check's context ``ctx`` is given."""
    if ctx is not None:
        return ctx.once("b.items", lambda: items(document))
    if isinstance(document, Applications):
        call = resolve_call(document.call, document.call_terms)
        # pointer("applications", i) is "/applications/i": no token to escape, no call per item
        return [
            _item(("applications", i), a, call, f"/applications/{i}")
            for i, a in enumerate(document.applications)
        ]
    if isinstance(document, Application):
        return [Item((), document, resolve_call(document.call, document.call_terms), "")]
    return []


def no_call(item: Item) -> Result:
    """``undetermined``: the application names no known call."""
    return verdict.result(item.subject, verdict.UNDETERMINED, msg("b.no_call"))
