"""Pausing Python's cyclic garbage collector while post65 makes many small objects."""

from __future__ import annotations

import contextlib
import gc
import sys
import threading
from collections.abc import Iterator
from typing import Final

__all__ = ["MOVES", "collector_paused"]


def _moves_cheaply() -> bool:
    """Whether ``gc.freeze()`` and ``gc.unfreeze()`` are two splices of the collector's lists
    here, touching no object: CPython 3.11 to 3.13 with the global interpreter lock. A
    free-threaded build visits every object of the heap to freeze it, and from 3.14 on (the
    incremental collector) freezing walks the old generation: there the pause ends as before."""
    version = sys.version_info[:2]
    if sys.implementation.name != "cpython" or not (3, 11) <= version <= (3, 13):
        return False
    if version == (3, 13):
        import sysconfig  # only here: its first use reads the build's configuration

        return not sysconfig.get_config_var("Py_GIL_DISABLED")
    return True


MOVES: Final = _moves_cheaply()
"""Whether a pause may move what it made to the oldest generation (see :func:`collector_paused`)."""

_caller_freezes = False
"""The process freezes objects of its own: once found, its pauses leave the generations alone."""


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
    move them, in two steps that touch no object; the collector sees them again in its next
    full collection, as it would have. Only what the pause made is moved: the pause starts
    with a collection of the young generation (the caller's newest objects, a few hundred at
    most while the collector runs), so a reference cycle the caller left there is collected at
    once, not carried along.

    The move is made only where it is sure to be cheap and to take nothing but post65's own
    objects; elsewhere the pause ends as before, with the collector given back:

    - on CPython 3.11 to 3.13 with the global interpreter lock (:data:`MOVES`);
    - while the process runs no other thread (another thread's objects, cycles included, would
      be moved with post65's);
    - in a process that has not frozen objects of its own (``gc.freeze()``, as a server does
      before it forks): once a pause has found frozen objects, no pause of that process moves
      anything or counts them again (counting them walks them all);
    - unless the caller set the young generation's threshold to 0 (``gc.set_threshold(0)``: no
      automatic collection at all), where the collection at the start would be one it never
      asked for.
    """
    global _caller_freezes
    was_enabled = gc.isenabled()
    move = (
        was_enabled
        and MOVES
        and not _caller_freezes
        and gc.get_threshold()[0] != 0  # 0: the caller wants no automatic collection at all
        and threading.active_count() == 1
    )
    if move:
        gc.collect(0)  # the caller's young objects looked at now: what is young after is ours
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            if move and threading.active_count() == 1:
                if gc.get_freeze_count() == 0:  # quick when none is frozen
                    gc.freeze()  # every tracked object, the young ones too, to the permanent
                    gc.unfreeze()  # generation and back into the oldest, none traversed
                else:
                    _caller_freezes = True
            gc.enable()
