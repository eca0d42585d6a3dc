"""The empty mapping post65 shares: a message without arguments, a finding without values."""

from __future__ import annotations

from collections.abc import ItemsView, Iterator, KeysView, Mapping, ValuesView
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

    # The views of an empty dict: dict(EMPTY), as a check's JSON output makes of each finding's
    # values, then reads them in C.
    def keys(self) -> KeysView[str]:
        return _NONE.keys()

    def items(self) -> ItemsView[str, Any]:
        return _NONE.items()

    def values(self) -> ValuesView[Any]:
        return _NONE.values()

    def __repr__(self) -> str:
        return "EMPTY"

    def __reduce__(self) -> str:
        return "EMPTY"  # unpickled as this module's EMPTY: the one instance


_NONE: Final[dict[str, Any]] = {}
"""Never changed: only its views are handed out."""

EMPTY: Final[Mapping[str, Any]] = _Empty()
"""The one empty mapping (equal to ``{}``)."""
