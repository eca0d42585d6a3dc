"""A constructor of a frozen, slotted attrs class that sets its slots by position.

attrs' ``__init__`` of a frozen class sets each field by name through ``object.__setattr__``; a
load makes a record per measure, commitment and payment (hundreds of thousands of them in a
large portfolio: :mod:`post65.faststructure`), and setting the slots through their descriptors
costs less. The function is generated once per class (``exec`` of source built only from the
class's own field names, never from input), and only for a class whose ``__init__`` does
nothing else: every field in ``__init__``, none with a validator or converter, no
``__attrs_pre_init__`` or ``__attrs_post_init__``; otherwise the class itself is returned.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import attrs

__all__ = ["slot_maker"]

T = TypeVar("T")


def slot_maker(cls: type[T]) -> Callable[..., T]:
    """``cls(*fields)`` for a frozen slotted attrs class ``cls``, made by its slots (see the
    module docstring), or ``cls`` itself when its ``__init__`` does more than set them."""
    fields = attrs.fields(cls)  # type: ignore[arg-type]  # T is an attrs class
    plain = (
        "__slots__" in vars(cls)
        and all(a.init and a.validator is None and a.converter is None for a in fields)
        and not hasattr(cls, "__attrs_pre_init__")
        and not hasattr(cls, "__attrs_post_init__")
    )
    if not plain:
        return cls
    names = [a.name for a in fields]
    namespace: dict[str, Any] = {"_new": object.__new__, "_cls": cls}
    lines = [f"def make({', '.join(names)}):", "    made = _new(_cls)"]
    for i, name in enumerate(names):
        namespace[f"_set{i}"] = getattr(cls, name).__set__
        lines.append(f"    _set{i}(made, {name})")
    lines.append("    return made")
    exec("\n".join(lines), namespace)  # noqa: S102 - source made of the class's field names
    make: Callable[..., T] = namespace["make"]
    return make
