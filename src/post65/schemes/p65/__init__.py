"""What schemes a, b and c share: the yearly report of §6 (rules ``P65-*``).

- :mod:`post65.schemes.p65.s6_report`: §6, the report (P65-6.1 … P65-6.4).
"""

from __future__ import annotations

__all__: list[str] = []
