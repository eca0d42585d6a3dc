"""Declarative scenarios: an input document and the findings expected for named rules.

A scenario file is JSON (conventionally ``*.scenario.json``)::

    {
      "scenario": "A-5.1: administration costs above 5 % are not met",
      "description": "optional free text",
      "base": "base.portfolio.json",                 (a document in the scenario's folder)
      "patch": [{"op": "replace", "path": "/measures/0/uses", "value": []}],
      (or "input": {"kind": "portfolio", ...}, the whole document inline,
       or "input_file": "relative/path.json", a whole document in the folder)
      "options": {                                   (optional)
        "index": {"1826": "12.5", ...},              (inline scores, or a path to an index file)
        "selection": {"rule": "lowest", "value": "10"},
        "parameters": {"a.admin_cost_share": "0.04"},
        "on": "2024-06-01"
      },
      "expect": [
        {"rule": "A-5.1", "outcome": "not_met"},
        {"rule": "A-1.1", "outcome": "met", "subject": "/measures/0"}
      ]
    }

A scenario is a small patch on a base document: ``base`` names a JSON document in the
scenario's folder, and ``patch`` is a JSON Patch (RFC 6902, a list of ``add``, ``remove``,
``replace``, ``move``, ``copy`` and ``test`` operations) or a JSON Merge Patch (RFC 7396, an
object) that makes the case; without ``patch`` the base itself is checked. A refused operation
is located at ``/patch/N``, and a problem of the patched document at ``/input/...``.

An expectation without ``subject`` holds when *some* finding of that rule has the outcome; with a
``subject`` (a JSON Pointer) the finding of that rule for that subject must have it.

An expectation may also assert the figures behind the outcome: ``"values"`` maps names of the
finding's structured values (:attr:`post65.rules.Finding.values`, the ``"values"`` of ``post65
check --format json``) to the text expected, and the expectation holds only for a finding whose
values all match::

    {"rule": "A-5.1", "outcome": "not_met", "subject": "/funds/admin_costs",
     "values": {"admin_costs": "210000", "cap": "200000", "parameter": "a.admin_cost_share"}}

Values are JSON strings. Two numbers match when they are equal as decimals (``"200000"`` matches
``"200000.00"``); any other text must match exactly. A name the finding does not carry is a
mismatch; values the expectation does not name are not compared. A failed expectation shows the
values found.

Files a scenario names (``input_file``, an ``index`` path) are read only below the scenario's own
folder: an absolute path, a ``..`` step or a symbolic link leading out of the folder is refused
(exit 2) without the file being read. ``post65 verify PATH…`` runs scenario files (a directory is
searched for ``*.scenario.json``) and prints a line per scenario and ``N passed, M failed``.
"""

from __future__ import annotations

import datetime as dt
import re
import stat
from collections.abc import Iterable, Iterator, Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs

from post65 import io
from post65._jsonpatch import apply_patch
from post65.errors import InvalidDocument, InvalidParameter, Post65Error, Problem, pointer
from post65.parameters import Parameters, parse_value
from post65.rules import CheckResult, Finding, Outcome, check
from post65.text import msg

DYNAMIC_KEYS = ("scenario.path.absolute", "scenario.path.dots", "scenario.path.outside")
"""Why a path is refused, chosen at run time (see tests/test_catalogues.py)."""

__all__ = [
    "Expectation",
    "Scenario",
    "ScenarioOptions",
    "ScenarioResult",
    "Selection",
    "find_scenarios",
    "load_scenario",
    "run_scenario",
    "value_matches",
]


@attrs.frozen
class Expectation:
    """A finding the scenario expects."""

    rule: str
    outcome: Outcome
    subject: str | None = None
    values: Mapping[str, str] = attrs.field(factory=dict)


@attrs.frozen
class Selection:
    """A target-group selection as written in a scenario (the ``allocate`` options)."""

    rule: str
    value: str


@attrs.frozen
class ScenarioOptions:
    """What the check is run with besides the document."""

    index: Mapping[str, Decimal] | str | None = None
    selection: Selection | None = None
    parameters: Mapping[str, str] = attrs.field(factory=dict)
    """``NAME: VALUE`` as ``--param NAME=VALUE`` takes it (a number, a date, or a reading)."""
    on: dt.date | None = None


@attrs.frozen
class Scenario:
    """One scenario: a document and the findings expected of it."""

    scenario: str
    expect: tuple[Expectation, ...]
    input: Mapping[str, Any] | None = None
    input_file: str | None = None
    base: str | None = None
    patch: Any = None
    options: ScenarioOptions = ScenarioOptions()
    description: str = ""


@attrs.frozen
class ScenarioResult:
    """How a scenario went: ``failures`` lists each expectation not met, in both languages."""

    path: str
    name: str
    failures: tuple[Problem, ...]

    @property
    def passed(self) -> bool:
        """True when every expectation held."""
        return not self.failures


def _structure_index(value: object, _: type) -> Mapping[str, Decimal] | str | None:
    if value is None or type(value) is str:
        return value
    return io.structure(value, dict[str, Decimal])


io.converter.register_structure_hook(Mapping[str, Decimal] | str | None, _structure_index)


def load_scenario(path: str | Path) -> tuple[Scenario, object]:
    """Read a scenario file; return it with its input document (loaded and validated)."""
    path = Path(path)
    text = io.read_text(path)
    data = io.loads_json(text, source=str(path))
    try:
        scenario = io.structure(data, Scenario)
    except InvalidDocument as exc:
        raise InvalidDocument(exc.problems, source=str(path)) from None
    given = [s for s in (scenario.input, scenario.input_file, scenario.base) if s is not None]
    if len(given) != 1:
        raise InvalidDocument([Problem("", msg("scenario.source.one"))], source=str(path))
    if scenario.patch is not None and scenario.base is None:
        problem = Problem("/patch", msg("scenario.source.patch_without_base"))
        raise InvalidDocument([problem], source=str(path))
    if scenario.input_file is not None:
        return scenario, io.load(_inside(path, scenario.input_file, "/input_file"))
    data = scenario.input
    if scenario.base is not None:
        base = _inside(path, scenario.base, "/base")
        data = io.loads_json(io.read_text(base), source=str(base))
        if scenario.patch is not None:
            try:
                data = apply_patch(data, scenario.patch)
            except InvalidDocument as exc:
                raise InvalidDocument(exc.problems, source=str(path)) from None
    try:
        document = io.from_json(dict(data) if isinstance(data, Mapping) else data)
    except InvalidDocument as exc:
        moved = [Problem("/input" + p.where, p.text) for p in exc.problems]
        raise InvalidDocument(moved, source=str(path)) from None
    return scenario, document


def _inside(scenario: Path, relative: str, where: str) -> Path:
    """The file ``relative`` names below the scenario's folder; anything else (an absolute path,
    a ``..`` step, a symbolic link leading out of the folder) is refused without being read, and
    so is what is there but is not a regular file (a named pipe, which would wait for a writer
    for ever; a device; a folder). A file that is not there is left to the reader to say so."""
    folder = scenario.parent.resolve()
    shown = io.printable(relative[:80])
    if "\0" in relative or Path(relative).is_absolute() or relative.startswith(("/", "\\")):
        reason = "scenario.path.absolute"
    elif ".." in Path(relative).parts or ".." in relative.replace("\\", "/").split("/"):
        reason = "scenario.path.dots"
    else:
        try:
            target = (folder / relative).resolve()
        except (OSError, RuntimeError, ValueError):
            target = None
        if target is not None and target.is_relative_to(folder):
            if not _regular_or_absent(target):
                text = msg("scenario.path.not_file", path=shown)
                raise InvalidDocument([Problem(where, text)], source=str(scenario))
            return target
        reason = "scenario.path.outside"
    text = msg("scenario.path.refused", path=shown, reason=msg(reason))
    raise InvalidDocument([Problem(where, text)], source=str(scenario))


def _regular_or_absent(path: Path) -> bool:
    """Whether ``path`` is a regular file, or cannot be looked at (not there, not allowed: the
    reader says why), without opening it."""
    try:
        mode = path.stat().st_mode
    except (OSError, ValueError):
        return True
    return stat.S_ISREG(mode)


def _selection_objects(options: ScenarioOptions, scenario: Path) -> tuple[Any, Any]:
    """The district index and selection objects a scenario's options describe."""
    # Imported here: the index and selection machinery is only needed for these options.
    from post65.allocation import parse_selection
    from post65.districtindex import DistrictIndex, read_index

    index: DistrictIndex | None = None
    if isinstance(options.index, str):
        index = read_index(_inside(scenario, options.index, "/options/index"))
    elif options.index is not None:
        index = DistrictIndex(dict(options.index))
    selection = None
    if options.selection is not None:
        selection = parse_selection(options.selection.rule, options.selection.value)
    return index, selection


def run_scenario(path: str | Path) -> ScenarioResult:
    """Run one scenario file and compare the findings with its expectations."""
    path = Path(path)
    scenario, document = load_scenario(path)
    options = scenario.options
    index, selection = _selection_objects(options, path)
    result: CheckResult = check(
        document,
        index=index,
        selection=selection,
        parameters=_parameters(options.parameters, path),
        on=options.on,
    )
    failures = [f for e in scenario.expect if (f := _unmet(e, result)) is not None]
    return ScenarioResult(path=str(path), name=scenario.scenario, failures=tuple(failures))


def _parameters(given: Mapping[str, str], path: Path) -> Parameters:
    """The scenario's ``options.parameters`` as the check's parameters: every value refused at
    once, each at its pointer (``/options/parameters/reading.a-4.12``)."""
    overrides: dict[str, Decimal | int | str] = {}
    problems: list[Problem] = []
    for name, value in given.items():
        try:
            overrides[name] = parse_value(name, value)
        except InvalidParameter as exc:
            problems.append(Problem(pointer("options", "parameters", name), exc.text))
    if problems:
        raise InvalidDocument(problems, source=str(path))
    return Parameters().with_overrides(overrides)


_NUMBER = re.compile(r"-?[0-9]{1,40}(\.[0-9]{1,40})?")


def value_matches(expected: str, found: str | None) -> bool:
    """Whether a finding's value ``found`` is the ``expected`` one of a scenario: equal as
    decimals when both are numbers, else the same text.

    >>> value_matches("200000", "200000.00"), value_matches("a", "a"), value_matches("a", "b")
    (True, True, False)
    """
    if found is None:
        return False
    if _NUMBER.fullmatch(expected) and _NUMBER.fullmatch(found):
        return Decimal(expected) == Decimal(found)
    return expected == found


def _values_match(expect: Expectation, finding: Finding) -> bool:
    return all(value_matches(v, finding.values.get(k)) for k, v in expect.values.items())


def _unmet(expect: Expectation, result: CheckResult) -> Problem | None:
    found = result.for_rule(expect.rule)
    if expect.subject is not None:
        found = tuple(f for f in found if f.subject == expect.subject)
    if any(f.outcome is expect.outcome and _values_match(expect, f) for f in found):
        return None
    where = expect.subject or ""
    pairs = sorted({(f.subject or "/", f.outcome.value): f.outcome for f in found}.items())
    seen = tuple(msg("scenario.found", subject=s, outcome=o) for (s, _), o in pairs) or "—"
    if expect.values:
        wanted = ", ".join(f"{k}={v}" for k, v in expect.values.items())
        had = "; ".join(
            sorted(
                f"{f.subject or '/'}: "
                + ", ".join(f"{k}={f.values.get(k, '—')}" for k in expect.values)
                for f in found
                if f.outcome is expect.outcome
            )
        )
        if had:
            text = msg(
                "scenario.expected_values",
                rule=expect.rule,
                outcome=expect.outcome,
                wanted=wanted,
                found=had,
            )
            return Problem(where, text)
    text = msg("scenario.expected", rule=expect.rule, outcome=expect.outcome, found=seen)
    return Problem(where, text)


def find_scenarios(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Every scenario file named or found (``*.scenario.json``) below the directories given."""
    for p in paths:
        p = Path(p)
        if p.is_dir():
            yield from sorted(p.rglob("*.scenario.json"))
        else:
            yield p


def run_paths(paths: Iterable[str | Path]) -> list[ScenarioResult | tuple[str, Post65Error]]:
    """Run every scenario below ``paths``; unusable files come back as ``(path, error)``. A
    scenario file a folder's search finds that is not a regular file (a named pipe) is refused
    unopened; one named itself is read as it is (a pipe the caller writes to)."""
    out: list[ScenarioResult | tuple[str, Post65Error]] = []
    named = [Path(p) for p in paths]
    given = set(named)
    for path in find_scenarios(named):
        try:
            if path not in given and not _regular_or_absent(path):
                text = msg("scenario.path.not_file", path=io.printable(str(path)[-80:]))
                raise InvalidDocument([Problem("", text)], source=str(path))
            out.append(run_scenario(path))
        except Post65Error as exc:
            out.append((str(path), exc))
    return out
