"""``post65 schema KIND``: a valid Draft 2020-12 JSON Schema for every kind, which accepts every
document post65 accepts (the examples, the scenario inputs, strategy-generated documents).

Validated with ``jsonschema`` (dates checked as formats too), not a validator of our own: the
point is that other systems' validators agree with post65.
"""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

from post65 import strategies
from post65._jsonpatch import apply_patch
from post65.cli import main
from post65.errors import InvalidArgument, InvalidDocument
from post65.io import document_kind, document_kinds, json_schema, load, to_json

ROOT = Path(__file__).parent.parent
KINDS = [k.name for k in document_kinds()]


def _validator(kind: str) -> Draft202012Validator:
    return Draft202012Validator(
        json_schema(kind), format_checker=Draft202012Validator.FORMAT_CHECKER
    )


VALIDATORS = {kind: _validator(kind) for kind in KINDS}


def _examples() -> list[tuple[str, dict[str, Any]]]:
    """Every JSON document shipped or used in tests: examples, shipped calls, scenario inputs."""
    found: list[tuple[str, dict[str, Any]]] = []
    paths = [
        *sorted((ROOT / "examples").glob("*.json")),
        *sorted((ROOT / "src" / "post65" / "data" / "calls").glob("*.json")),
    ]
    for path in paths:
        found.append((path.relative_to(ROOT).as_posix(), json.loads(path.read_text("utf-8"))))
    for path in sorted((ROOT / "tests" / "scenarios").rglob("*.scenario.json")):
        scenario = json.loads(path.read_text("utf-8"))
        name = path.relative_to(ROOT).as_posix()
        if "input" in scenario:
            found.append((name, scenario["input"]))
        elif "base" in scenario:
            base = json.loads((path.parent / scenario["base"]).read_text("utf-8"))
            found.append((name, apply_patch(base, scenario.get("patch", []))))
        else:
            found.append((name, json.loads((path.parent / scenario["input_file"]).read_text())))
    return found


EXAMPLES = _examples()


@pytest.mark.parametrize("kind", KINDS)
def test_schema_is_valid_draft_2020_12(kind: str) -> None:
    schema = json_schema(kind)
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["properties"]["kind"] == {"const": kind}
    assert "kind" in schema["required"]


@pytest.mark.parametrize("kind", KINDS)
def test_schema_command_prints_the_schema(kind: str) -> None:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["schema", kind]) == 0
    assert json.loads(out.getvalue()) == json_schema(kind)


def test_schema_command_lists_every_kind() -> None:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["schema"]) == 0
    assert [line.split("\t")[0] for line in out.getvalue().splitlines()] == KINDS


def test_schema_of_an_unknown_kind_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema", "no-such-kind", "--lang", "en"]) == 2
    assert "unknown document kind" in capsys.readouterr().err


def test_examples_cover_every_kind() -> None:
    found = {data["kind"] for _, data in EXAMPLES}
    assert found <= set(KINDS)
    assert set(KINDS) - found <= {"report"}  # the report kind brings its own examples


@pytest.mark.parametrize(("name", "data"), EXAMPLES, ids=[name for name, _ in EXAMPLES])
def test_examples_and_scenario_inputs_validate(name: str, data: dict[str, Any]) -> None:
    load(json.dumps(data, ensure_ascii=False))  # post65 accepts it ...
    VALIDATORS[data["kind"]].validate(data)  # ... and so does the schema


@pytest.mark.parametrize("kind", sorted(strategies.STRATEGIES))
@given(data=st.data())
def test_generated_documents_validate(kind: str, data: st.DataObject) -> None:
    document = to_json(data.draw(strategies.documents(kind)))
    VALIDATORS[kind].validate(document)


EXAMPLE = json.loads((ROOT / "examples" / "nordland-2024.portfolio.json").read_text("utf-8"))


@pytest.mark.parametrize(
    ("change", "fragment"),
    [
        (lambda d: d.pop("kind"), "'kind' is a required property"),
        (lambda d: d.update(colour="red"), "Additional properties"),
        (lambda d: d["measures"][0].update(cost=1250000.5), "is not valid under any"),
        (lambda d: d["measures"][0].update(cost="12 personer"), "is not valid under any"),
        (lambda d: d["measures"][0].update(cost="-5"), "is not valid under any"),
        (lambda d: d["measures"][0].update(cost=-5), "is not valid under any"),
        (lambda d: d["measures"][0].update(cost="1,234 kr"), "is not valid under any"),
        (lambda d: d["measures"][0]["period"].update(start="1. mars 2024"), "1. mars 2024"),
        (lambda d: d["measures"][0]["period"].update(start="2024-02-30"), "is not a 'date'"),
        (lambda d: d["measures"][0].update(uses="iv"), "is not of type 'array'"),
        (lambda d: d["measures"][0].update(uses=["v"]), "is not one of"),
        (lambda d: d.update(year="2024"), "is not of type 'integer'"),
        (lambda d: d["measures"][0].pop("title"), "'title' is a required property"),
    ],
)
def test_schema_refuses_what_post65_refuses(change: Any, fragment: str) -> None:
    data = json.loads(json.dumps(EXAMPLE))
    change(data)
    with pytest.raises(ValidationError) as info:
        VALIDATORS["portfolio"].validate(data)
    assert fragment in info.value.message
    with pytest.raises(InvalidDocument):
        load(json.dumps(data))


@pytest.mark.parametrize("value", ["0.75", "-1", "12.5"])
def test_decimal_pattern_is_anchored(value: str) -> None:
    call = json.loads((ROOT / "examples" / "innlandet-2024-call.json").read_text("utf-8"))
    VALIDATORS["call"].validate({**call, "max_share": value})
    for bad in (f"x{value}", f"{value}x", f"{value} "):
        with pytest.raises(ValidationError):
            VALIDATORS["call"].validate({**call, "max_share": bad})


@pytest.mark.parametrize("kind", [None, 5, b"portfolio", ["portfolio"]])
def test_schema_of_a_kind_that_is_no_text_is_an_invalid_argument(kind: object) -> None:
    with pytest.raises(InvalidArgument, match="kind must be of type str") as info:
        json_schema(kind)  # type: ignore[arg-type]
    assert type(kind).__name__ in str(info.value)
    with pytest.raises(InvalidArgument, match="name must be of type str"):
        document_kind(kind)  # type: ignore[arg-type]


SCHEMAS = {kind: json_schema(kind) for kind in KINDS}
CODES = {
    "kommunenummer": "^[0-9]{4}$",
    "fylkesnummer": "^[0-9]{2}$",
    "either": "^[0-9]{2}([0-9]{2})?$",  # a beneficiary: a municipality, or the county itself
}
CODE_FIELDS = {
    "kommunenummer": "kommunenummer",
    "municipalities": "kommunenummer",
    "area": "kommunenummer",
    "target_group": "kommunenummer",
    "in_county": "kommunenummer",
    "reached": "kommunenummer",
    "county": "fylkesnummer",
    "fylkesnummer": "fylkesnummer",
    "beneficiaries": "either",
    "beneficiary": "either",
}
"""The fields of the documents that hold kommunenumre or fylkesnumre, by name."""


@pytest.mark.parametrize("kind", KINDS)
def test_kommunenumre_and_fylkesnumre_have_their_patterns(kind: str) -> None:
    """Every field named for a kommunenummer or a fylkesnummer (or a list of them) says which
    in its pattern; so do the keys of the mappings by kommunenummer of an allocation."""
    defs = SCHEMAS[kind]["$defs"]
    found = 0
    for body in defs.values():
        for name, prop in body.get("properties", {}).items():
            if name in CODE_FIELDS:
                text = next(p for p in prop.get("anyOf", [prop]) if p != {"type": "null"})
                text = text.get("items", text)
                assert text["type"] == "string", name
                assert text["pattern"] == CODES[CODE_FIELDS[name]], name
                found += 1
    assert found > 0
    if kind == "allocation":
        population = SCHEMAS[kind]["properties"]["population"]["anyOf"][0]
        assert population["propertyNames"] == {"pattern": CODES["kommunenummer"]}
        scores = defs["StatedIndex"]["properties"]["scores"]
        assert scores["propertyNames"] == {"pattern": CODES["kommunenummer"]}


def _marked(kind: str, sub: dict[str, Any], value: object, path: tuple[Any, ...]) -> Any:
    """The places in ``value`` (a document of ``kind``, at ``path`` under the schema ``sub``)
    that its schema says are not negative: each with its JSON Pointer and a value below the
    least the schema allows (-1 kr for an amount, ``minimum - 1`` for a whole number)."""
    if "$ref" in sub:
        name = sub["$ref"].rsplit("/", 1)[1]
        if name == "NonNegativeAmount":
            yield path, "-1"
            return
        sub = SCHEMAS[kind]["$defs"][name]
    if "anyOf" in sub:  # X | None: the branch of X, unless the value is null
        branch = next(b for b in sub["anyOf"] if (b == {"type": "null"}) == (value is None))
        yield from _marked(kind, branch, value, path)
        return
    if sub.get("type") == "integer" and "minimum" in sub:
        yield path, sub["minimum"] - 1
    if sub.get("type") == "string" and sub.get("pattern") in CODES.values() and value:
        yield path, f"{value}0"  # a digit too many for a kommunenummer or a fylkesnummer
    if isinstance(value, dict) and sub.get("propertyNames", {}).get("pattern") in CODES.values():
        for key in list(value)[:1]:
            yield (*path, f"{key}0"), value[key]  # a key a digit too long
    if isinstance(value, dict):
        for key, item in value.items():
            inner = sub.get("properties", {}).get(key, sub.get("additionalProperties"))
            if isinstance(inner, dict):
                yield from _marked(kind, inner, item, (*path, key))
    if isinstance(value, list) and isinstance(sub.get("items"), dict):
        for i, item in enumerate(value):
            yield from _marked(kind, sub["items"], item, (*path, i))


def _refused_there(data: dict[str, Any], path: tuple[Any, ...], bad: object) -> None:
    changed = json.loads(json.dumps(data))
    node = changed
    for step in path[:-1]:
        node = node[step]
    node[path[-1]] = bad
    assert not VALIDATORS[data["kind"]].is_valid(changed)
    with pytest.raises(InvalidDocument) as info:
        load(json.dumps(changed))
    where = "".join(f"/{step}" for step in path)
    assert where in [p.where for p in info.value.problems], (where, bad)


@pytest.mark.parametrize(("name", "data"), EXAMPLES, ids=[name for name, _ in EXAMPLES])
def test_what_the_schema_says_is_not_negative_load_refuses_negative(
    name: str, data: dict[str, Any]
) -> None:
    """Each amount the schema says is not negative (``NonNegativeAmount``), and each whole number
    it gives a minimum, is refused by :func:`load` below it, at that place: the schema says so
    only of fields where load refuses every negative value. So is a kommunenummer or a
    fylkesnummer a digit too long where the schema gives the pattern of one."""
    seen: set[str] = set()
    for path, bad in _marked(data["kind"], SCHEMAS[data["kind"]], data, ()):
        field = "/".join("*" if isinstance(step, int) else step for step in path)
        if field not in seen:  # one place of each field in the document is enough
            seen.add(field)
            _refused_there(data, path, bad)


@pytest.mark.parametrize("kind", sorted(strategies.STRATEGIES))
@given(data=st.data())
def test_generated_documents_refuse_negatives_where_the_schema_says(
    kind: str, data: st.DataObject
) -> None:
    document = to_json(data.draw(strategies.documents(kind)))
    places = list(_marked(kind, SCHEMAS[kind], document, ()))
    if places:
        path, bad = data.draw(st.sampled_from(places))
        _refused_there(document, path, bad)


GUIDE = (ROOT / "docs" / "guide.md").read_text("utf-8")


@pytest.mark.parametrize(
    ("said", "change"),
    [
        ("`2024.0`", lambda text: text.replace('"year": 2024', '"year": 2024.0', 1)),
        ('`"9999"`', lambda text: text.replace('"kommunenummer": "18', '"kommunenummer": "99', 1)),
    ],
)
def test_the_guide_names_what_the_schema_accepts_and_post65_refuses(said: str, change: Any) -> None:
    """The guide's account of what a schema cannot say holds: each case it names as an example
    is accepted by the schema and refused by post65."""
    assert said in " ".join(GUIDE.split())
    text = change(json.dumps(EXAMPLE))
    assert text != json.dumps(EXAMPLE)
    VALIDATORS["portfolio"].validate(json.loads(text))
    with pytest.raises(InvalidDocument):
        load(text)
