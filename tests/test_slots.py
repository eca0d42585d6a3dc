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


def _positive(instance: object, attribute: attrs.Attribute[int], value: int) -> None:
    if value <= 0:
        raise ValueError(f"{attribute.name} must be positive, got {value}")


@attrs.frozen
class Both:
    """A converter, then validators that see the converted value (attrs' order)."""

    a: int = attrs.field(converter=int, validator=_positive)
    b: str = attrs.field(default="x", validator=attrs.validators.instance_of(str))


@attrs.frozen
class TakesSelf:
    a: int = attrs.field(
        converter=attrs.Converter(lambda v, self_: int(v), takes_self=True)  # type: ignore[misc]
    )


@attrs.frozen
class Private:
    _a: int


@attrs.frozen(cache_hash=True)
class Hashed:
    a: int


@attrs.frozen
class Made:
    made: int


@pytest.mark.parametrize("cls", [After, Dicts, TakesSelf, Private, Hashed, Made])
def test_a_class_whose_init_may_do_more_is_made_by_itself(cls: type) -> None:
    assert slot_maker(cls) is cls


@given(st.integers(-3, 3) | st.text(max_size=3), st.integers() | st.text(max_size=2))
def test_converters_and_validators_run_as_attrs_runs_them(a: object, b: object) -> None:
    """The object made by its slots, or the error, is attrs' own, for every value."""
    make = slot_maker(Both)
    assert make is not Both

    def outcome(fn: object) -> object:
        try:
            made = fn(a, b)  # type: ignore[operator]
        except Exception as exc:  # the error attrs raises, whatever it is
            return (type(exc), str(exc))
        return (type(made), made, repr(made))

    assert outcome(make) == outcome(Both)
    with attrs.validators.disabled():  # validators off: neither checks, both convert
        assert outcome(make) == outcome(Both)


@given(st.integers())
def test_a_validated_or_converted_class_is_made_by_its_slots(a: int) -> None:
    for cls in (Checked, Converted):
        make = slot_maker(cls)
        assert make is not cls
        assert make(a) == cls(a)
    with pytest.raises(TypeError):
        slot_maker(Checked)("1")
    assert slot_maker(Converted)("7") == Converted(7)
