"""Data parsed elsewhere (``json.loads``) is told what it holds as the same text read by
:func:`post65.io.load` is: a float is a number with a decimal point, not an unknown value."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from post65.errors import InvalidDocument
from post65.io import from_json, load

ROOT = Path(__file__).parent.parent
EXAMPLE = (ROOT / "examples" / "nordland-2024.portfolio.json").read_text("utf-8")


def _problems(call: Any) -> list[tuple[str, str]]:
    with pytest.raises(InvalidDocument) as info:
        call()
    return [(p.where, p.render("en")) for p in info.value.problems]


@pytest.mark.parametrize(
    ("where", "value"),
    [
        (("year",), "2024.0"),  # an integer field
        (("measures", 0, "cost"), "1250000.5"),  # money
        (("measures", 0, "cost"), "1250000.0"),
        (("measures", 0, "title"), "1.5"),  # a text
        (("measures", 0, "uses"), "2.5"),  # an array
    ],
)
def test_a_float_is_named_as_the_text_path_names_it(where: tuple[Any, ...], value: str) -> None:
    data = json.loads(EXAMPLE)
    node = data
    for step in where[:-1]:
        node = node[step]
    node[where[-1]] = "@@"
    text = json.dumps(data).replace('"@@"', value)
    from_text = _problems(lambda: load(text))
    parsed = _problems(lambda: from_json(json.loads(text)))
    assert parsed == from_text
    assert "unknown value" not in " ".join(m for _, m in parsed)


@pytest.mark.parametrize(
    ("source", "said"),
    [
        ("  {", "``{``"),
        ("\ufeff[1]", "``[``"),
        ('\t"portfolio"', '``"``'),
        ("", "empty"),
        (" \r\n ", "empty"),
        ("no-such-file.json\n", "newline"),
    ],
)
def test_load_reads_as_json_text_exactly_what_its_docstring_says(source: str, said: str) -> None:
    """Each text :func:`load` takes as JSON, not as a path, is one its docstring names."""
    doc = " ".join((load.__doc__ or "").split())
    rule = doc[doc.index("A ``str`` is JSON text") :].split(";")[0]
    assert said in rule
    with pytest.raises(InvalidDocument) as info:
        load(source)
    assert info.value.source is None  # read as text: a path would be named as the source
