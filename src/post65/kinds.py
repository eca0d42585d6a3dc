"""Imports every module that defines a document kind, so that :mod:`post65.io` knows them all.

Each module calls :func:`post65.io.register_kind` when imported. Add a module here when it
defines a new kind. The scheme modules are imported here too: importing them registers their rules.
"""

from __future__ import annotations

import post65.allocation  # the "allocation" kind
import post65.schemes.a_allocation  # noqa: F401 - rule A-3.1 on "allocation"
from post65 import portfolio  # noqa: F401 - registers the "portfolio" kind
from post65.schemes import a, post  # noqa: F401 - register the rules A-* and P65-*

__all__: list[str] = []
