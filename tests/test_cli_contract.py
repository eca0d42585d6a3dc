"""docs/cli.md is the command's contract, kept in step with the code (issue 15, point 8).

Every subcommand and option of the parser is named in its command's section; every example of a
command's ``--help`` is in cli.md and parses; every JSON example of docs/ (cli.md's, and any page's
under a ``<!-- post65 … -->`` line) is produced by the command it names: the same keys and types,
and every value it shows the output's (:func:`_shows`); the exit codes are the ones the code uses.
"""

from __future__ import annotations

import argparse
import json
import re
import shlex
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from post65.cli import EXAMPLES, build_parser, main
from post65.cli._output import EXIT_BAD_INPUT, EXIT_NOT_MET, EXIT_OK
from post65.cli.completion import commands

ROOT = Path(__file__).resolve().parent.parent
CLI_MD = ROOT / "docs" / "cli.md"
TEXT = CLI_MD.read_text(encoding="utf-8")

MAPS = frozenset({"rules", "findings", "values", "readings"})
"""Objects keyed by data (rule ids, a finding's figures), not by a fixed set of names: the
example's keys must be among the output's, not all of them."""

EXAMPLE = re.compile(r"<!-- (post65 [^\n]*?) -->\n```json\n(.*?)```", flags=re.DOTALL)
JSON_BLOCK = re.compile(r"^(<!-- post65 [^\n]*? -->\n)?( *)```json\n(.*?)^ *```", flags=re.M | re.S)
"""A JSON block of a docs page, with the command line above it if it is that command's output."""


def section(command: str) -> str:
    """The text of cli.md's section ``## `post65 COMMAND …```, up to the next ``## ``."""
    match = re.search(rf"^## `post65 {command}\b.*?(?=^## |\Z)", TEXT, flags=re.M | re.S)
    assert match is not None, f"docs/cli.md has no section for post65 {command}"
    return match.group(0)


def _subparsers() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    raise AssertionError("post65 has no subcommands")


def test_every_subcommand_and_option_is_in_its_section() -> None:
    missing: list[str] = []
    common = TEXT[TEXT.index("## Every command") : TEXT.index("## `post65 check")]
    for name, parser in _subparsers().items():
        text = section(name)
        for action in parser._actions:
            for option in action.option_strings:
                if not option.startswith("--") or option == "--help":
                    continue
                if f"`{option}" not in text and f"`{option}" not in common:
                    missing.append(f"post65 {name} {option}")
            if not action.option_strings and isinstance(action.choices, (list, tuple)):
                missing += [f"post65 {name} {c}" for c in action.choices if str(c) not in text]
    assert missing == []


def test_every_section_is_a_subcommand() -> None:
    """No section describes a command the parser lacks (renamed or removed)."""
    documented = set(re.findall(r"^## `post65 ([a-z]+)", TEXT, flags=re.M))
    assert documented == set(_subparsers())


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_every_help_ends_with_examples_that_parse_and_are_in_cli_md(
    name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([name, "--help"]) == EXIT_OK
    out = capsys.readouterr().out
    assert "\nexamples:\n" in out
    parser = build_parser()
    for line in EXAMPLES[name]:
        assert f"  {line}" in out
        assert line in section(name)
        argv = shlex.split(line.split(" < ")[0].split(" > ")[0])
        assert argv[:2] == ["post65", name]
        args = parser.parse_args(argv[1:])
        assert args.command == name
        for value in vars(args).values():  # the files an example names are in the repository
            if isinstance(value, str) and value.startswith("examples/"):
                assert (ROOT / value).exists(), value


def test_every_subcommand_has_an_example() -> None:
    assert set(EXAMPLES) == set(_subparsers())


def test_the_help_of_post65_names_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == EXIT_OK
    out = capsys.readouterr().out
    assert all(c.name in out for c in commands(build_parser()))
    assert "post65 COMMAND --help" in out


def test_exit_codes_are_the_code_s() -> None:
    table = TEXT[TEXT.index("## Exit codes") : TEXT.index("## Every command")]
    rows = re.findall(r"^\| `(\d)` \| (.*?) \|$", table, flags=re.M)
    assert [int(code) for code, _ in rows] == [EXIT_OK, EXIT_NOT_MET, EXIT_BAD_INPUT]
    assert "not_met" in rows[1][1]
    assert "cannot be used" in rows[2][1]


def _same_shape(doc: Any, out: Any, where: str) -> list[str]:
    """Where ``out`` differs in shape from the documented ``doc`` (keys and JSON types).

    ``null`` in cli.md stands for any value (documented as possibly null); an array's items must
    each have the shape of one of the documented items; an object in :data:`MAPS` must have
    each of its values in the shape of one of the documented ones (where those are arrays, as
    the findings of each rule, each item in the shape of one of all their items).
    """
    if doc is None:
        return []
    if isinstance(doc, dict):
        if not isinstance(out, dict):
            return [f"{where}: an object in cli.md, {type(out).__name__} in the output"]
        if where.rsplit("/", 1)[-1] in MAPS:
            if not doc:
                return []
            models = list(doc.values())
            if all(isinstance(model, list) for model in models):
                models = [[item for model in models for item in model]]
            found: list[str] = []
            for k, v in out.items():
                tries = [_same_shape(model, v, f"{where}/{k}") for model in models]
                if all(tries):
                    found += tries[0]
            return found
        if set(doc) != set(out):
            return [f"{where}: keys {sorted(doc)} in cli.md, {sorted(out)} in the output"]
        return [p for k in doc for p in _same_shape(doc[k], out[k], f"{where}/{k}")]
    if isinstance(doc, list):
        if not isinstance(out, list):
            return [f"{where}: an array in cli.md, {type(out).__name__} in the output"]
        problems: list[str] = []
        for i, item in enumerate(out):
            tries = [_same_shape(model, item, f"{where}/{i}") for model in doc]
            if tries and all(tries):
                problems += tries[0]
        return problems
    if type(doc) is not type(out):
        return [f"{where}: {type(doc).__name__} in cli.md, {type(out).__name__} in the output"]
    return []


def _shows(doc: Any, out: Any, where: str) -> list[str]:
    """Where a value the documented ``doc`` shows is not the output's (``out``) at that path.

    The convention of every JSON example in docs/: an object's every key shown is the output's,
    with the output's value there (which keys an object must have is :func:`_same_shape`'s
    question); an array shows some of the output's items, in the output's order (the first ones,
    or a few picked out: the others are left out, never elided with ``…``), each the output's
    item in every value it shows; a string, number, boolean or ``null`` is the output's exactly.
    """
    if isinstance(doc, dict):
        if not isinstance(out, dict):
            return [f"{where}: an object in the docs, {type(out).__name__} in the output"]
        missing = [f"{where}/{k}: in the docs, not in the output" for k in doc if k not in out]
        return missing + [
            p for k in doc if k in out for p in _shows(doc[k], out[k], f"{where}/{k}")
        ]
    if isinstance(doc, list):
        if not isinstance(out, list):
            return [f"{where}: an array in the docs, {type(out).__name__} in the output"]
        at = 0  # the next output item an item shown may be (the first that shows it is the one)
        for i, item in enumerate(doc):
            tries = [_shows(item, out[j], f"{where}/{j}") for j in range(at, len(out))]
            found = next((n for n, problems in enumerate(tries) if not problems), None)
            if found is None:
                closest = min(tries, key=len, default=[f"{where}: {len(out)} items in the output"])
                return [f"{where}: item {i} of the docs is no later item of the output", *closest]
            at += found + 1
        return []
    if type(doc) is not type(out) or doc != out:
        return [f"{where}: {doc!r} in the docs, {out!r} in the output"]
    return []


EXAMPLES_MD = EXAMPLE.findall(TEXT)
PAGE_EXAMPLES = [
    (page.name, command, example)
    for page in sorted((ROOT / "docs").glob("*.md"))
    for command, example in EXAMPLE.findall(page.read_text(encoding="utf-8"))
]


def test_cli_md_has_the_json_examples() -> None:
    shown = {shlex.split(command)[1] for command, _ in EXAMPLES_MD}
    assert shown == {"check", "rules", "parameters", "municipalities", "allocate"}


def test_every_json_output_in_the_docs_is_an_example_that_is_run() -> None:
    """A JSON block of a docs page is either a command's output under the command line that
    prints it (``<!-- post65 … -->``, run by the test below) or a document post65 reads: a
    scenario, or a document whose every key its kind's JSON Schema names."""
    from post65 import json_schema
    from post65.scenarios import Scenario

    unmarked: list[str] = []
    for page in sorted((ROOT / "docs").glob("*.md")):
        for marker, _, block in JSON_BLOCK.findall(page.read_text(encoding="utf-8")):
            if marker:
                continue
            data = json.loads(block)
            known: set[str] = set()
            if isinstance(data, dict) and "scenario" in data:
                known = {a.name for a in attrs.fields(Scenario)}
            elif isinstance(data, dict) and "kind" in data:
                known = set(json_schema(data["kind"])["properties"])
            if not isinstance(data, dict) or not set(data) <= known:
                unmarked.append(f"{page.name}: {block[:60]!r}")
    assert unmarked == []
    assert len(PAGE_EXAMPLES) >= len(EXAMPLES_MD) == 5


@pytest.mark.parametrize(("page", "command", "example"), PAGE_EXAMPLES, ids=lambda v: v[:40])
def test_each_json_example_is_what_the_command_prints(
    page: str, command: str, example: str, capsys: pytest.CaptureFixture[str], monkeypatch: Any
) -> None:
    """The example has the output's shape, and every value it shows is the output's (the
    convention of :func:`_shows`): an example that says what the code does not fails here."""
    monkeypatch.chdir(ROOT)
    documented = json.loads(example)
    code = main(shlex.split(command)[1:])
    out, err = capsys.readouterr()
    assert code in (EXIT_OK, EXIT_NOT_MET), err
    printed = json.loads(out)
    assert _same_shape(documented, printed, "") == []
    assert _shows(documented, printed, "") == [], f"docs/{page}: {command}"


def test_the_check_example_is_the_first_finding_word_for_word(
    capsys: pytest.CaptureFixture[str], monkeypatch: Any
) -> None:
    """The check example is not only the right shape: its rules are the output's, its findings
    the first of each rule's (a finding without values among them), and its summary the
    output's, exactly."""
    monkeypatch.chdir(ROOT)
    command, example = next(e for e in EXAMPLES_MD if " check " in e[0])
    documented = json.loads(example)
    main(shlex.split(command)[1:])
    printed = json.loads(capsys.readouterr().out)
    assert list(documented["rules"]) == list(documented["findings"])
    assert documented["rules"] == {rule: printed["rules"][rule] for rule in documented["rules"]}
    for rule, found in documented["findings"].items():
        assert found == printed["findings"][rule][: len(found)]
    shown = [f for found in documented["findings"].values() for f in found]
    assert any("values" in f for f in shown)
    assert any("values" not in f for f in shown)
    assert documented["summary"] == printed["summary"]


def test_shape_comparison_finds_a_renamed_key() -> None:
    """The comparison above can fail: a key renamed, a type changed, a map entry missing."""
    assert _same_shape({"a": 1}, {"b": 1}, "") != []
    assert _same_shape({"a": "1"}, {"a": 1}, "") != []
    assert _same_shape([{"a": 1}], [{"a": 1}, {"a": 1, "b": 2}], "") != []
    assert _same_shape({"rules": {"X": {"a": 1}}}, {"rules": {"Y": {"b": 1}}}, "") != []
    assert _same_shape({"rules": {"X": {"a": 1}}}, {"rules": {"Y": {"a": 2}}}, "") == []
    assert _same_shape([{"a": 1}, {"a": None}], [{"a": 1}, {"a": "x"}], "") == []
    # the findings of a rule: each in the shape of some documented finding of any rule
    doc = {"findings": {"X": [{"a": 1}], "Y": [{"a": 1, "b": 2}]}}
    assert _same_shape(doc, {"findings": {"Z": [{"a": 1}, {"a": 1, "b": 2}]}}, "") == []
    assert _same_shape(doc, {"findings": {"Z": [{"a": 1}, {"c": 1}]}}, "") != []


def test_value_comparison_finds_a_stale_value() -> None:
    """The comparison above can fail: a value changed, a key the output lacks, an item not in
    the output or out of its order, a boolean for a number; items left out are no failure."""
    out = {"a": [{"id": "x", "n": 1}, {"id": "y", "n": 2}, {"id": "z", "n": 3}], "t": True}
    assert _shows({"a": [{"id": "x"}, {"id": "z", "n": 3}], "t": True}, out, "") == []
    assert _shows({"a": [{"id": "y"}]}, out, "") == []
    assert _shows({"a": []}, out, "") == []
    assert _shows({"t": False}, out, "") == ["/t: False in the docs, True in the output"]
    assert _shows({"t": 1}, out, "") != []
    assert _shows({"b": 1}, out, "") == ["/b: in the docs, not in the output"]
    assert _shows({"a": [{"id": "z"}, {"id": "x"}]}, out, "") != []  # out of order
    assert _shows({"a": [{"id": "x"}, {"id": "x"}]}, out, "") != []  # shown twice, there once
    stale = _shows({"a": [{"id": "y", "n": 5}]}, out, "")
    assert stale[0].startswith("/a: item 0 of the docs")
    assert "/a/1/n: 5 in the docs, 2 in the output" in stale
    assert _shows({"a": {"id": "x"}}, out, "") != []
    assert _shows([{"id": "x"}], {"id": "x"}, "") != []


def _anchor(heading: str) -> str:
    """GitHub's anchor of a Markdown heading: ``## 3. The arithmetic`` → ``3-the-arithmetic``."""
    text = re.sub(r"[^\w\- ]", "", heading.strip().lower())
    return text.replace(" ", "-")


def test_links_to_and_from_cli_md_resolve() -> None:
    """docs/ pointed to a cli.md that was not in the repository; now every link to it, and every
    link of it, reaches a file (and its heading, where the link names one)."""
    docs = ROOT / "docs"
    linking = [p.name for p in docs.glob("*.md") if "](cli.md" in p.read_text(encoding="utf-8")]
    assert {"guide.md", "index.md", "allocation.md", "scheme-a.md"} <= set(linking)
    broken: list[str] = []
    for page in docs.glob("*.md"):
        for target in re.findall(r"\]\(([\w.-]+\.md)(?:#[\w-]+)?\)", page.read_text("utf-8")):
            if not (docs / target).exists():
                broken.append(f"{page.name} → {target}")
    for target, anchor in re.findall(r"\]\(([\w.-]+\.md)#([\w-]+)\)", TEXT):
        headings = re.findall(r"^#+ (.*)$", (docs / target).read_text("utf-8"), flags=re.M)
        if anchor not in {_anchor(h) for h in headings}:
            broken.append(f"cli.md → {target}#{anchor}")
    assert broken == []


_JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=20,
)


@given(value=_JSON_VALUES)
def test_the_compact_encoder_writes_what_json_dumps_writes(value: Any) -> None:
    """``post65 check --format json`` writes each finding with one encoder made once; every
    value it writes is what ``json.dumps`` with the same options writes, the C encoder's way
    and the json module's own way alike."""
    import json.encoder

    from post65.cli._output import compact_json

    expected = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    assert compact_json()(value) == expected
    with pytest.MonkeyPatch.context() as patched:
        patched.setattr(json.encoder, "c_make_encoder", None)  # a json module without it
        assert compact_json()(value) == expected


def test_the_compact_encoder_is_the_c_one_where_there_is_one() -> None:
    """The encoder made once is the json module's C encoder, called directly (a function of
    this module), not ``json.JSONEncoder.encode``, which makes one per call."""
    import json
    import json.encoder

    from post65.cli._output import compact_json

    if getattr(json.encoder, "c_make_encoder", None) is None:  # pragma: no cover - CPython has it
        pytest.skip("this Python's json module has no C encoder")
    encode = compact_json()
    assert getattr(encode, "__func__", None) is not json.JSONEncoder.encode
    assert encode.__module__ == "post65.cli._output"
