"""The mappings post65 shares: the empty one (a message without arguments, a finding without
values), :class:`Frozen` values many findings hold, and :class:`Made`, what a check makes once
per key and shares."""

from __future__ import annotations

from collections.abc import Callable, ItemsView, Iterator, KeysView, Mapping, ValuesView
from typing import Any, Final, Generic, NoReturn, TypeVar, final

__all__ = ["EMPTY", "Frozen", "Made"]


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


@final
class Frozen(dict[str, str]):
    """A finding's values that cannot be changed: where a check gives many findings the same
    values (a verdict worked out once per kind of measure and shared, a mapping made once per
    answer), they are one :class:`Frozen`, so a caller that changes a finding's values (a
    ``Mapping`` by its type) is refused at once, rather than changing its neighbours' (or a later
    check's) too. A dict in every other way: ``json.dumps``, ``dict(values)`` and equality with
    a dict are a dict's, and it pickles as itself (a check's result is sent between processes).
    """

    __slots__ = ()

    def _refuse(self, *args: object, **kwargs: object) -> NoReturn:
        raise TypeError("a finding's values cannot be changed (they may be shared): copy them")

    __setitem__ = __delitem__ = _refuse
    clear = pop = popitem = setdefault = update = __ior__ = _refuse

    def __reduce__(self) -> tuple[type[Frozen], tuple[dict[str, str]]]:
        return Frozen, (dict(self),)

    def __copy__(self) -> Frozen:
        return self  # unchangeable: the copy may be itself

    def __deepcopy__(self, memo: dict[int, object]) -> Frozen:
        return self


_K = TypeVar("_K")
_V = TypeVar("_V")


@final
class Made(dict[_K, _V], Generic[_K, _V]):
    """``made[key]`` is ``make(key)``, made the first time it is asked for and then kept: what a
    rule makes once per check for each key and shares among the items naming it (a message per
    municipality in B-1, the text of a phase or a date in C-2), in one look-up."""

    __slots__ = ("make",)

    def __init__(self, make: Callable[[_K], _V]) -> None:
        super().__init__()
        self.make = make

    def __missing__(self, key: _K) -> _V:
        made = self[key] = self.make(key)
        return made
