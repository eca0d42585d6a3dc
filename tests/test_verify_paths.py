"""``post65 verify`` reads only files below the scenario's folder and never echoes other files."""

from __future__ import annotations

import contextlib
import io
import json
import os
import threading
from pathlib import Path
from typing import Any

import pytest

from post65.cli import main
from post65.errors import InvalidDocument
from post65.scenarios import ScenarioResult, load_scenario, run_paths, run_scenario

OUTSIDE_TEXT = "PRIVATE-CONTENT-1234"


def _run(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(argv)
    return code, out.getvalue(), err.getvalue()


def _layout(tmp_path: Path) -> tuple[Path, Path]:
    """A scenario folder and, beside it, a secret file that looks like a document."""
    folder = tmp_path / "scenarios"
    folder.mkdir()
    secret = tmp_path / "secret.json"
    secret.write_text(
        json.dumps({"kind": "portfolio", "county": OUTSIDE_TEXT, "year": OUTSIDE_TEXT}),
        encoding="utf-8",
    )
    (tmp_path / "secret.csv").write_text(
        f"kommunenummer,score\n{OUTSIDE_TEXT},x\n", encoding="utf-8"
    )
    return folder, secret


def _scenario(folder: Path, name: str, **fields: object) -> Path:
    path = folder / f"{name}.scenario.json"
    body = {"scenario": name, "expect": [{"rule": "A-4.12", "outcome": "met"}], **fields}
    path.write_text(json.dumps(body), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "fields",
    [
        {"input_file": "../secret.json"},
        {"input_file": "sub/../../secret.json"},
        {"input_file": "ABSOLUTE"},
        {"input_file": "link.json"},
        {
            "input": {"kind": "portfolio", "county": "18", "year": 2024},
            "options": {"index": "../secret.csv"},
        },
        {
            "input": {"kind": "portfolio", "county": "18", "year": 2024},
            "options": {"index": "ABSOLUTE_CSV"},
        },
        {
            "input": {"kind": "portfolio", "county": "18", "year": 2024},
            "options": {"index": "link.csv"},
        },
    ],
)
def test_a_scenario_cannot_read_outside_its_folder(
    tmp_path: Path, fields: dict[str, object]
) -> None:
    folder, secret = _layout(tmp_path)
    (folder / "link.json").symlink_to(secret)
    (folder / "link.csv").symlink_to(tmp_path / "secret.csv")
    text = json.dumps(fields)
    text = text.replace("ABSOLUTE_CSV", str(tmp_path / "secret.csv")).replace(
        "ABSOLUTE", str(secret)
    )
    path = _scenario(folder, "escape", **json.loads(text))
    with pytest.raises(InvalidDocument) as info:
        run_scenario(path)
    message = str(info.value) + info.value.message("nb")
    assert OUTSIDE_TEXT not in message
    assert "folder" in str(info.value)
    assert info.value.problems[0].where in ("/input_file", "/options/index")
    code, out, err = _run(["verify", str(folder)])
    assert code == 2
    assert OUTSIDE_TEXT not in out + err
    assert "IKKE BESTÅTT" in out


def test_files_below_the_folder_are_read(tmp_path: Path) -> None:
    folder, _ = _layout(tmp_path)
    sub = folder / "data"
    sub.mkdir()
    (sub / "doc.json").write_text(
        json.dumps({"kind": "portfolio", "county": "18", "year": 2024}), encoding="utf-8"
    )
    path = _scenario(folder, "inside", input_file="data/doc.json")
    _, document = load_scenario(path)
    assert getattr(document, "county", None) == "18"
    linked = folder / "alias.json"
    linked.symlink_to(sub / "doc.json")  # a link that stays inside is fine
    path = _scenario(folder, "alias", input_file=os.fspath("alias.json"))
    _, document = load_scenario(path)
    assert getattr(document, "year", None) == 2024


def _opened_by_a_writer(pipe: Path, stop: threading.Event) -> None:
    """Until ``stop``, opens ``pipe`` for writing whenever someone reads it, and closes it: a
    reader that opened it gets an empty file instead of waiting for ever (the test then fails,
    not hangs)."""
    while not stop.wait(0.02):
        with contextlib.suppress(OSError):  # no reader: nothing to open it for
            os.close(os.open(pipe, os.O_WRONLY | os.O_NONBLOCK))


NOT_FILES: dict[str, dict[str, Any]] = {
    "base": {"base": "special", "patch": []},
    "input_file": {"input_file": "special"},
    "options/index": {
        "input": {"kind": "portfolio", "county": "18", "year": 2024},
        "options": {"index": "special", "selection": {"rule": "lowest", "value": "1"}},
    },
}


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
@pytest.mark.parametrize("field", sorted(NOT_FILES))
def test_a_named_pipe_a_scenario_names_is_refused_unopened(tmp_path: Path, field: str) -> None:
    """A named pipe in the scenario's folder would wait for a writer for ever: it is refused,
    located at the field that names it, and never opened."""
    folder, _ = _layout(tmp_path)
    os.mkfifo(folder / "special")
    path = _scenario(folder, "pipe", **NOT_FILES[field])
    stop = threading.Event()
    writer = threading.Thread(target=_opened_by_a_writer, args=(folder / "special", stop))
    writer.start()
    try:
        with pytest.raises(InvalidDocument) as info:
            load_scenario(path) if field != "options/index" else run_scenario(path)
        code, out, err = _run(["verify", str(path)])
    finally:
        stop.set()
        writer.join()
    assert [p.where for p in info.value.problems] == [f"/{field}"]
    assert "not a regular file" in info.value.message("en")
    assert "ikke en vanlig fil" in info.value.message("nb")
    assert info.value.source == str(path)
    assert code == 2
    assert f"/{field}" in out + err


@pytest.mark.parametrize("field", ["base", "input_file"])
def test_a_folder_a_scenario_names_is_refused_at_its_field(tmp_path: Path, field: str) -> None:
    folder, _ = _layout(tmp_path)
    (folder / "sub.json").mkdir()
    fields: dict[str, object] = {field: "sub.json", **({"patch": []} if field == "base" else {})}
    with pytest.raises(InvalidDocument) as info:
        load_scenario(_scenario(folder, "folder", **fields))
    assert [p.where for p in info.value.problems] == [f"/{field}"]
    assert "not a regular file" in info.value.message("en")


def test_a_missing_base_is_still_said_to_be_missing(tmp_path: Path) -> None:
    """A file that is not there is not refused as «not a regular file»: the reader says so."""
    folder, _ = _layout(tmp_path)
    with pytest.raises(InvalidDocument) as info:
        load_scenario(_scenario(folder, "missing", base="nothing.json"))
    assert "no such file" in info.value.message("en")
    assert "not a regular file" not in info.value.message("en")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_named_pipe_a_folders_search_finds_is_refused_unopened(tmp_path: Path) -> None:
    """``post65 verify FOLDER`` found a named pipe called ``*.scenario.json`` and waited on it
    for ever; it is now reported as not a regular file, and the folder's other scenarios run (a
    scenario file named itself may be a pipe the caller writes to: it is read as before)."""
    folder, _ = _layout(tmp_path)
    pipe = folder / "b.scenario.json"
    os.mkfifo(pipe)
    _scenario(folder, "a", input={"kind": "portfolio", "county": "18", "year": 2024})
    stop = threading.Event()
    writer = threading.Thread(target=_opened_by_a_writer, args=(pipe, stop))
    writer.start()
    try:
        results = run_paths([folder])
        code, out, err = _run(["verify", str(folder)])
    finally:
        stop.set()
        writer.join()
    assert isinstance(results[0], ScenarioResult)  # the other scenario ran
    assert results[0].name == "a"
    path, error = results[1]  # type: ignore[misc]
    assert path == str(pipe)
    assert "not a regular file" in error.message("en")
    assert code == 2
    assert "b.scenario.json" in out + err
