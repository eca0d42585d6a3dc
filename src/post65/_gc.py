"""Pausing Python's cyclic garbage collector while post65 makes many small objects."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

__all__ = ["collector_paused"]


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector, and give it back as it was.

    Loading 10 000 measures makes about 400 000 small objects, and a check of them hundreds of
    thousands of findings and messages, none of them in a reference cycle; the collector would
    traverse them again and again as they pile up (a quarter of a load's time, half of a
    check's). Reference counting still frees everything; a collector the caller had turned off
    stays off.

    Given back, the collector would at once traverse every object made in the pause that is
    still alive (the document loaded, the findings: a tenth of a load's or a check's time,
    spent following each of their references), only to find them all alive. Instead they go
    straight to the oldest generation, as Python's own ``gc.freeze()`` and ``gc.unfreeze()``
    move them, in two steps that touch no object. The collector sees them again in its next full
    collection, as it would have; a reference cycle made meanwhile, by post65 or by the caller,
    is collected then. A caller that has frozen objects of its own (``gc.get_freeze_count()``)
    keeps them frozen: the move is skipped and the collector is only given back. (Pausing is
    process-wide, as the collector is: another thread that froze objects between the two steps
    would find them back in the oldest generation.)
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            if gc.get_freeze_count() == 0:
                gc.freeze()  # every tracked object, the young ones too, to the permanent ...
                gc.unfreeze()  # ... and back into the oldest generation, none traversed
            gc.enable()
