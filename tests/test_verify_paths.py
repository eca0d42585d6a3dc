"""``post65 verify`` reads only files below the scenario's folder and never echoes other files."""

from __future__ import annotations

import contextlib
import io
import json
import os
from pathlib import Path

import pytest

from post65.cli import main
from post65.errors import InvalidDocument
from post65.scenarios import load_scenario, run_scenario

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
