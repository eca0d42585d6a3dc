"""Imports every module that defines a document kind, so that :mod:`post65.io` knows them all.

Each module calls :func:`post65.io.register_kind` when imported. Add a module here when it
defines a new kind.
"""

from __future__ import annotations

import post65.allocation  # the "allocation" kind
import post65.schemes.a_allocation  # noqa: F401 - rule A-3.1 on "allocation"

__all__: list[str] = []
