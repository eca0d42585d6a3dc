"""Where the commands write: ``--output`` (and ``--chart``) through ``post65.cli._files``, and
standard output that cannot be written."""

from __future__ import annotations

import errno
import io
import os
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from post65.cli import main
from post65.cli._files import write_bytes, write_reason
from post65.text import keys, msg

EXAMPLE = str(Path(__file__).resolve().parent.parent / "examples" / "nordland-2024.portfolio.json")
SRC = str(Path(__file__).resolve().parent.parent / "src")


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_a_new_file_gets_the_permissions_of_any_new_file(tmp_path: Path) -> None:
    target = tmp_path / "new.html"
    write_bytes(str(target), b"<p>ny</p>")
    assert target.read_bytes() == b"<p>ny</p>"
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~_umask()
    assert [p.name for p in tmp_path.iterdir()] == ["new.html"]  # no temporary file left


def test_a_file_replaced_keeps_its_permissions(tmp_path: Path) -> None:
    target = tmp_path / "old.html"
    target.write_bytes(b"old")
    target.chmod(0o640)
    write_bytes(str(target), b"new")
    assert target.read_bytes() == b"new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


def test_a_symbolic_link_is_written_through_and_stays_a_link(tmp_path: Path) -> None:
    (tmp_path / "target.md").write_text("old")
    link = tmp_path / "link.md"
    link.symlink_to("target.md")
    write_bytes(str(link), b"new")
    assert link.is_symlink()
    assert (tmp_path / "target.md").read_bytes() == b"new"
    dangling = tmp_path / "dangling.md"
    dangling.symlink_to("made.md")
    write_bytes(str(dangling), b"made")
    assert dangling.is_symlink()
    assert (tmp_path / "made.md").read_bytes() == b"made"


def test_a_named_pipe_is_written_to_not_replaced(tmp_path: Path) -> None:
    """What is not a regular file (a pipe, /dev/null) is written to as a shell's > writes to it;
    a rename would put a regular file in its place."""
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(pipe.read_bytes()), daemon=True)
    reader.start()
    write_bytes(str(pipe), b"through the pipe")
    reader.join(10)
    assert got == [b"through the pipe"]
    assert stat.S_ISFIFO(pipe.stat().st_mode)


def test_a_file_that_cannot_be_written_leaves_nothing_and_says_why(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError) as caught:
        write_bytes(str(tmp_path / "no" / "such" / "folder.pdf"), b"x")
    assert write_reason(caught.value)("en") == "the folder does not exist"
    assert write_reason(caught.value)("nb") == "mappen finnes ikke"
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("code", "en"),
    [
        (errno.ENOSPC, "there is no space left on the disk"),
        (errno.EACCES, "permission denied"),
        (errno.EROFS, "the file system is read-only"),
        (errno.EPIPE, "the receiving end has closed"),
        (errno.EIO, "the operating system answered with error code EIO"),
    ],
)
def test_why_a_write_failed_is_the_catalogues(code: int, en: str) -> None:
    reason = write_reason(OSError(code, os.strerror(code)))
    assert reason("en") == en
    assert all(reason.key in keys(lang) for lang in ("nb", "nn", "en"))  # in every catalogue
    assert reason("nb") != reason("en")  # told in the language chosen, not the system's
    assert write_reason(ValueError("embedded null byte"))("en") == (
        "the name cannot be used as a file name"
    )


def test_report_output_through_a_link_keeps_the_link(tmp_path: Path) -> None:
    (tmp_path / "rapport.md").write_text("")
    link = tmp_path / "siste.md"
    link.symlink_to("rapport.md")
    code = main(["report", EXAMPLE, "--format", "markdown", "--output", str(link)])
    assert code in (0, 1)
    assert link.is_symlink()
    assert (tmp_path / "rapport.md").read_text(encoding="utf-8").startswith("#")


def test_report_output_to_a_missing_folder_is_located_in_the_language(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = str(tmp_path / "mangler" / "rapport.html")
    code = main(["report", EXAMPLE, "--format", "html", "--output", out, "--lang", "nb"])
    assert code == 2
    err = capsys.readouterr().err
    assert "--output" in err
    assert "mappen finnes ikke" in err


ROOT = Path(__file__).resolve().parent.parent
REPORT = str(ROOT / "examples" / "reports-2024" / "18-nordland.report.json")
INDEX = str(ROOT / "examples" / "illustrative-index.csv")
ALLOCATE = ["allocate", "--amount", "1000000", "--index", INDEX, "--lowest", "10"]
CANNOT = {
    "nb": "filen kan ikke skrives: mappen finnes ikke",
    "en": "the file cannot be written: the folder does not exist",
}


@pytest.mark.parametrize(
    ("command", "option"),
    [
        (["report", EXAMPLE, "--output", "{out}.md"], "--output"),
        (["summarise", REPORT, "--output", "{out}.md"], "--output"),
        (["check", EXAMPLE, "--format", "xlsx", "--output", "{out}.xlsx"], "--output"),
        ([*ALLOCATE, "--format", "xlsx", "--output", "{out}.xlsx"], "--output"),
        ([*ALLOCATE, "--chart", "{out}.svg"], "--chart"),
    ],
)
def test_every_command_tells_a_file_it_cannot_write_alike(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str], option: str
) -> None:
    """Whichever command writes the file, one located problem at the option that named it, in
    the language, exit 2, and nothing printed before it (a chart is written before the table)."""
    out = str(tmp_path / "mangler" / "fil")
    for lang, words in CANNOT.items():
        code = main([part.replace("{out}", out) for part in command] + ["--lang", lang])
        captured = capsys.readouterr()
        assert code == 2
        assert captured.out == ""
        assert f"  {option}: {words}" in captured.err.splitlines()


class _Full(io.StringIO):
    """Standard output on a full disk."""

    def write(self, s: str) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")


def test_standard_output_that_cannot_be_written_is_told_not_called_a_bug(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("POST65_DEBUG", "1")  # a bug would raise here
    monkeypatch.setattr(sys, "stdout", _Full())
    code = main(["check", EXAMPLE, "--format", "json", "--lang", "en"])
    assert code == 2
    err = capsys.readouterr().err
    assert err == msg("cli.write.stdout", reason=msg("cli.write.full"))("en") + "\n"
    assert "internal error" not in err


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full here")
@pytest.mark.parametrize("command", [["check", "--format", "json"], ["report", "--format", "pdf"]])
def test_a_full_disk_as_standard_output_in_a_process(command: list[str]) -> None:
    """The command run as a user runs it, its output on /dev/full: exit 2 and one sentence, no
    'internal error', and no complaint from Python's own flush at exit."""
    if command[0] == "report":
        pytest.importorskip("reportlab")
    args = [sys.executable, "-m", "post65", command[0], EXAMPLE, *command[1:], "--lang", "nn"]
    env = {**os.environ, "PYTHONPATH": SRC}
    with open("/dev/full", "wb") as full:
        done = subprocess.run(args, stdout=full, stderr=subprocess.PIPE, env=env, check=False)
    err = done.stderr.decode("utf-8")
    assert done.returncode == 2, err
    assert err == "standard utdata kan ikkje skrivast: det er ikkje meir plass på disken\n"
