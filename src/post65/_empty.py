"""The empty mapping post65 shares: a message without arguments, a finding without values."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, Final, NoReturn, final

__all__ = ["EMPTY"]


@final
class _Empty(Mapping[str, Any]):
    """An empty mapping that cannot be changed and pickles as itself.

    Every message without arguments and every finding without values share it. A
    ``MappingProxyType({})`` is as empty and as unchangeable, but cannot be pickled, and a
    check's result must be: a grant system sends it from a worker process, or keeps it.
    """

    __slots__ = ()

    def __getitem__(self, key: str) -> NoReturn:
        raise KeyError(key)

    def __iter__(self) -> Iterator[str]:
        return iter(())

    def __len__(self) -> int:
        return 0

    def __contains__(self, key: object) -> bool:
        return False  # without Mapping's try of __getitem__

    def get(self, key: str, default: Any = None) -> Any:
        return default

    def __repr__(self) -> str:
        return "EMPTY"

    def __reduce__(self) -> str:
        return "EMPTY"  # unpickled as this module's EMPTY: the one instance


EMPTY: Final[Mapping[str, Any]] = _Empty()
"""The one empty mapping (equal to ``{}``)."""
