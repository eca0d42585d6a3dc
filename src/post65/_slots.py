"""A constructor of a frozen, slotted attrs class that sets its slots by position.

attrs' ``__init__`` of a frozen class sets each field by name through ``object.__setattr__``; a
load makes a record per measure, commitment and payment (hundreds of thousands of them in a
large portfolio: :mod:`post65.faststructure`), and setting the slots through their descriptors
costs less. The function is generated once per class (``exec`` of source built only from the
class's own field names, never from input) and does what attrs' ``__init__`` does, in its order:
each field's converter (a plain callable) before its slot is set, then, unless validators are
disabled (``attrs.validators.get_disabled()``), each field's validator with the field and its
value. A class whose ``__init__`` may do more is returned itself: a field not in ``__init__`` or
with an alias, a converter that is an ``attrs.Converter`` (it may take the instance), an
``__attrs_pre_init__`` or ``__attrs_post_init__``, a cached hash. ``tests/test_slots.py`` holds
the made objects, and the errors, to attrs' own.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Final, TypeVar

import attrs

__all__ = ["slot_maker"]

T = TypeVar("T")


def slot_maker(cls: type[T]) -> Callable[..., T]:
    """``cls(*fields)`` for a frozen slotted attrs class ``cls``, made by its slots (see the
    module docstring), or ``cls`` itself when its ``__init__`` does more than set them."""
    fields = attrs.fields(cls)  # type: ignore[arg-type]  # T is an attrs class
    plain = (
        "__slots__" in vars(cls)
        and all(a.init and a.alias == a.name for a in fields)
        and all(a.converter is None or _plain_converter(a.converter) for a in fields)
        and not hasattr(cls, "__attrs_pre_init__")
        and not hasattr(cls, "__attrs_post_init__")
        and "_attrs_cached_hash" not in getattr(cls, "__slots__", ())
        and "made" not in {a.name for a in fields}  # the generated function's own name for it
    )
    if not plain:
        return cls
    names = [a.name for a in fields]
    namespace: dict[str, Any] = {
        "_new": object.__new__,
        "_cls": cls,
        "_disabled": attrs.validators.get_disabled,
    }
    lines = [f"def make({', '.join(names)}):", "    made = _new(_cls)"]
    for i, a in enumerate(fields):
        if a.converter is not None:
            namespace[f"_convert{i}"] = a.converter
            lines.append(f"    {a.name} = _convert{i}({a.name})")
        namespace[f"_set{i}"] = getattr(cls, a.name).__set__
        lines.append(f"    _set{i}(made, {a.name})")
    checked = [(i, a) for i, a in enumerate(fields) if a.validator is not None]
    if checked:
        lines.append("    if not _disabled():")
        for i, a in checked:
            namespace[f"_validate{i}"] = a.validator
            namespace[f"_field{i}"] = a
            lines.append(f"        _validate{i}(made, _field{i}, {a.name})")
    lines.append("    return made")
    exec("\n".join(lines), namespace)  # noqa: S102 - source made of the class's field names
    make: Callable[..., T] = namespace["make"]
    return make


_CONVERTER: Final = getattr(attrs, "Converter", ())
"""attrs' converter class (attrs 24.1 and later; ``()`` before it, which nothing is an instance
of): such a converter may take the instance or the field, so its class makes the object."""


def _plain_converter(converter: object) -> bool:
    """Whether ``converter`` is called with the value alone, as a plain callable is."""
    return callable(converter) and not isinstance(converter, _CONVERTER)
