"""The JSON Schema of an amount says what :func:`post65.money.parse_amount` reads: it never
refuses a text that ``load`` accepts, and refuses every text ``load`` refuses, but for amounts past
10^18 kr (a pattern does not count). Texts are drawn from the grammar of amounts, right and
wrong, and from amounts as post65 and its docs write them."""

from __future__ import annotations

import json
import re
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from post65 import strategies
from post65._amounts import _UNITS
from post65.errors import InvalidAmount, InvalidDocument
from post65.io import json_schema, load
from post65.money import Money, amount_to_str, format_amount, kroner, parse_amount

ROOT = Path(__file__).parent.parent
SCHEMA = json_schema("portfolio")


def _validator(name: str) -> Draft202012Validator:
    return Draft202012Validator({"$defs": SCHEMA["$defs"], "$ref": f"#/$defs/{name}"})


AMOUNT = _validator("Amount")
NOT_NEGATIVE = _validator("NonNegativeAmount")

SPACES = "".join(c for c in map(chr, range(sys.maxunicode + 1)) if c.isspace())
GROUP = " \u00a0\u202f\u2009"
LOWERS = {
    c: "".join(x for x in map(chr, range(sys.maxunicode + 1)) if x.lower() == c)
    for c in {c for unit in _UNITS for c in unit if c.isalpha()}
}


def _spelled(word: str) -> st.SearchStrategy[str]:
    """``word`` in any case (any letter that lowers to its own), its spaces any run of the
    spaces that group digits: as parse_amount reads a unit."""
    parts = [
        st.text(GROUP, min_size=1, max_size=2) if c == " " else st.sampled_from(LOWERS.get(c, c))
        for c in word
    ]
    return st.tuples(*parts).map("".join)


_WORDS = [*sorted(_UNITS), "personer", "e6", "kr kr", "mill.  kr", "k r", "ø", "x", "-"]
_units = st.sampled_from(_WORDS).flatmap(_spelled) | st.text(max_size=3)
_digits = st.text("0123456789", min_size=1, max_size=22)
_grouped = st.builds(
    lambda head, groups: head + "".join(groups),
    st.text("0123456789", min_size=1, max_size=4),
    st.lists(
        st.tuples(st.text(GROUP, min_size=1, max_size=2), st.text("0123456789", max_size=4)).map(
            "".join
        ),
        min_size=1,
        max_size=6,
    ),
)
_number = st.builds(
    lambda sign, prefix, sign2, whole, mark, frac, space, unit, before, after: (
        f"{before}{sign}{prefix}{sign2}{whole}{mark}{frac}{space}{unit}{after}"
    ),
    st.sampled_from(["", "", "-", "\u2212", "--", "+"]),
    st.sampled_from(
        ["", "", "kr", "kr.", "nok", "kr ", "Kr.\u00a0", "NOK  ", "\u212ar", "kr\t"]
    ).flatmap(lambda p: _spelled(p) if p.strip() == p else st.just(p)),
    st.sampled_from(["", "", "", "-", "\u2212", " -"]),
    _digits | _grouped | st.sampled_from(["0", "000", "0 000", "00 000 000"]),
    st.sampled_from(["", "", ",", ".", ",-", ",-", ",,"]),
    st.sampled_from(["", "", "0", "00", "000", "5", "50", "500", "125", "1234567890123"]) | _digits,
    st.sampled_from(["", "", " ", "\u00a0", "  ", "\t"]),
    st.sampled_from(["", ""]) | _units,
    st.text(SPACES, max_size=2),
    st.text(SPACES, max_size=2),
)


def _read(text: str) -> Money | InvalidAmount:
    try:
        return parse_amount(text)
    except InvalidAmount as exc:
        return exc


def _past_the_bound(refusal: InvalidAmount) -> bool:
    return "money.text.too_large" in repr(refusal.text) or "10^18" in refusal.text.render("en")


def _check(text: str) -> None:
    read = _read(text)
    said, said_not_negative = AMOUNT.is_valid(text), NOT_NEGATIVE.is_valid(text)
    if isinstance(read, InvalidAmount):
        assert not said or _past_the_bound(read), (text, read)
        assert not said_not_negative or _past_the_bound(read), (text, read)
    else:
        assert said, text
        assert said_not_negative == (kroner(read) >= 0), text


@given(_number)
@example("1 250 000 kr")
@example("12,5 mill. kr")
@example("kr 1 500,-")
@example("-0,00 mill.kr")
@example("\u2212kr 0")
@example("1,230")
@example("0,5 øre")
@example("5 \u212aR")
@example("1 234 5678")
def test_the_schema_of_an_amount_accepts_exactly_the_texts_load_accepts(text: str) -> None:
    _check(text)


@given(strategies.amounts(-(10**15), 10**15))
def test_amounts_as_post65_and_the_docs_write_them_are_schema_valid(q: Money) -> None:
    value = kroner(q)
    whole = Decimal(int(value)) == value
    comma = format(value, "f").replace(".", ",")
    written = [
        amount_to_str(q),
        format_amount(q),
        format_amount(q, symbol=False),
        format_amount(q, unit="1000kr"),
        format_amount(q, unit="1000kr", symbol=True),
        f"{comma} kr",
        f"{comma} kroner",
        f"{comma} NOK",
        f"kr {comma}",
        format(value / 1_000_000, "f").replace(".", ",") + " mill. kr",
        format(value / 1000, "f") + " kNOK",
        f"{int(value * 100)} øre",
    ]
    if whole:
        grouped = format(int(value), ",").replace(",", " ")
        written += [f"kr {grouped},-", f"{grouped} kr", f"{value},-"]
    for text in written:
        parse_amount(text)  # each is an amount post65 reads ...
        _check(text)  # ... and its schema says so


@pytest.mark.parametrize("text", ["kr", "NaN", "--5", "12 personer", "", "1e6", "1,234", " "])
def test_the_schema_refuses_texts_load_refuses(text: str) -> None:
    assert not AMOUNT.is_valid(text)
    example = json.loads((ROOT / "examples" / "nordland-2024.portfolio.json").read_text("utf-8"))
    example["measures"][0]["cost"] = text
    with pytest.raises(InvalidDocument):
        load(json.dumps(example))
    assert not Draft202012Validator(SCHEMA).is_valid(example)


def test_the_pattern_is_ecma_262_as_json_schema_asks() -> None:
    """No inline flag, no lookaround, no class escape Python reads otherwise than ECMA-262; only
    \\u escapes of four hex digits."""
    for name in ("Amount", "NonNegativeAmount"):
        pattern = SCHEMA["$defs"][name]["anyOf"][0]["pattern"]
        assert pattern.startswith("^")
        assert pattern.endswith("$")
        for construct in ("(?i", "(?=", "(?!", "(?<"):
            assert construct not in pattern
        assert not re.search(r"\\[^u.\\]", pattern)
        assert not re.search(r"\\u(?![0-9a-f]{4})", pattern)
