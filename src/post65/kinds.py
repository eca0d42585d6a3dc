"""Imports every module that defines a document kind, so that :mod:`post65.io` knows them all.

Each module calls :func:`post65.io.register_kind` when imported. Add a module here when it
defines a new kind.
"""

from __future__ import annotations

import post65.calls as _calls  # noqa: F401 - call (utlysning)
import post65.schemes.b as _scheme_b  # noqa: F401 - application, applications
import post65.schemes.c as _scheme_c  # noqa: F401 - programme

__all__: list[str] = []
