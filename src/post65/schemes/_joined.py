"""Several findings about one subject as one message, joined by semicolons (rules B-3, C-1, C-2).

>>> from post65.text import msg
>>> parts = [msg("calls.year.invalid"), msg("calls.amount.negative")]
>>> joined(parts)("en")
'invalid year; the amount cannot be negative'
"""

from __future__ import annotations

from collections.abc import Sequence

from post65.text import Message, msg

__all__ = ["joined"]


def joined(parts: Sequence[Message]) -> Message:
    """``parts`` (at least one) as one message, «a; b; c» in every language."""
    message = parts[-1]
    for part in reversed(parts[:-1]):
        message = msg("schemes.joined", first=part, rest=message)
    return message
