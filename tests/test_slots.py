"""``post65._slots.slot_maker``: a frozen slotted attrs class made by its slots, or the class
itself where its ``__init__`` does more than set them."""

from __future__ import annotations

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from post65._slots import slot_maker


@attrs.frozen
class Plain:
    a: int
    b: str
    c: tuple[int, ...] = ()


@attrs.frozen
class Checked:
    a: int = attrs.field(validator=attrs.validators.instance_of(int))


@attrs.frozen
class Converted:
    a: int = attrs.field(converter=int)


@attrs.frozen
class After:
    a: int

    def __attrs_post_init__(self) -> None:
        pass


@attrs.frozen(slots=False)
class Dicts:
    a: int


@given(st.integers(), st.text(), st.lists(st.integers()).map(tuple))
def test_made_by_its_slots_it_is_what_attrs_makes(a: int, b: str, c: tuple[int, ...]) -> None:
    make = slot_maker(Plain)
    assert make is not Plain
    made = make(a, b, c)
    assert type(made) is Plain
    assert made == Plain(a, b, c)
    assert repr(made) == repr(Plain(a, b, c))
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        made.a = 1  # type: ignore[misc]


@pytest.mark.parametrize("cls", [Checked, Converted, After, Dicts])
def test_a_class_whose_init_does_more_is_made_by_itself(cls: type) -> None:
    assert slot_maker(cls) is cls
