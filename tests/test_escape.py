"""A document's text is shown, never obeyed, in the text and Markdown outputs (post65._escape).

- No control character but the line break reaches a table, a Markdown or a text output: not
  from ``post65 check``'s tables, nor ``post65 report --format text|markdown``, nor an error
  message quoting a value. JSON output and the documents keep every character.
- Markdown output shows document text as the text it is: decoded as a CommonMark renderer
  decodes text (backslash escapes, the three entities, ``<br>``), it gives the text back, and no
  character that could start markup is left unescaped (so no ``[…](…)`` link survives).
"""

from __future__ import annotations

import contextlib
import io
import json
import re
import string
from pathlib import Path
from typing import Any

from hypothesis import example, given
from hypothesis import strategies as st

from post65._escape import md_cell, md_line, md_paragraph, visible
from post65.cli import main
from post65.cli._output import error_text, escape_markdown, render_table, wrap
from post65.errors import FieldError
from post65.layout import Heading, PageModel, Paragraph, Section, Table, render
from post65.text import msg

ROOT = Path(__file__).parent.parent
EXAMPLE = ROOT / "examples" / "nordland-2024.portfolio.json"

CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f]")
"""Every C0 and C1 control character and DEL, the line break excepted."""

_TRICKY = "\\`*_[]()!<>&#|~-+=.:) \t\n\r\x0b\x0c\x1c\x1f\x1b\x07\x08\x00\x7f\x85\x9b\u2028aZ09æ"
texts = st.text(
    st.one_of(st.sampled_from(_TRICKY), st.characters(exclude_categories=["Cs"])), max_size=40
)
"""Any text, most of it made of what could start markup, break a line or drive a terminal."""

ATTACKS = (
    "\x1b[31mRød\x1b[0m",
    "\x1b]0;title\x07",
    "skjult\rsynlig",
    "slett\x08\x08\x08",
    "[a](javascript:alert(1))",
    "![i](javascript:alert(1))",
    "2024. Året\n# Overskrift\n    kode\n- punkt\n[x]: javascript:alert(1)",
)


def _run(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(argv)
    return code, out.getvalue(), err.getvalue()


# --------------------------------------------------------------------------------------------
# A CommonMark reading of inline text: what a reader sees, or a failure on live markup

_ENTITIES = {"&amp;": "&", "&lt;": "<", "&gt;": ">"}


def _decode(md: str) -> str:
    """The text a CommonMark renderer shows for the inline Markdown ``md`` made of text and the
    escapes post65 writes; AssertionError on any character that could start markup there."""
    out: list[str] = []
    i = 0
    while i < len(md):
        c = md[i]
        if c == "\\":
            assert md[i + 1 : i + 2] in tuple(string.punctuation), (md, i)
            out.append(md[i + 1])
            i += 2
            continue
        if c == "&":
            entity = next((e for e in _ENTITIES if md.startswith(e, i)), None)
            assert entity is not None, (md, i)
            out.append(_ENTITIES[entity])
            i += len(entity)
            continue
        assert c not in "`*[]~|<>", f"raw {c!r} at {i} in {md!r}"
        if c == "_":  # only inside a word, where it can neither open nor close emphasis
            around = md[i - 1 : i] + md[i + 1 : i + 2] if i else ""
            assert len(around) == 2, (md, i)
            assert around.isalnum(), (md, i)
        out.append(c)
        i += 1
    return "".join(out)


def _decode_cell(md: str) -> str:
    assert "\n" not in md
    return "\n".join(_decode(part) for part in md.split("<br>"))


def _no_block_start(line: str) -> None:
    assert not line.startswith(("#", "-", "+", "=", " ", "\t", ">")), line
    assert re.match(r"[0-9]{1,9}[.)]", line) is None, line


# --------------------------------------------------------------------------------------------
# The functions


@given(texts)
@example("\x1b[31mrød\r\nlinje\x85\u2028\x9b2J\x7f\t")
def test_visible_shows_every_control_character_one_for_one_and_keeps_line_breaks(
    text: str,
) -> None:
    shown = visible(text)
    assert CONTROL.search(shown) is None
    assert shown.splitlines() == [visible(line) for line in text.splitlines()]
    for line in text.splitlines():
        assert len(visible(line)) == len(line)  # one character for one: widths stay
    if CONTROL.search(text) is None and "\u2028" not in text and "\u2029" not in text:
        assert shown == text


def test_visible_uses_control_pictures_and_the_replacement_character() -> None:
    assert visible("\x1b[31m\x07\x08\t\x00\x7f") == "␛[31m␇␈␉␀␡"
    assert visible("\x9b2J\x80") == "\ufffd2J\ufffd"
    assert visible("a\r\nb\rc\x0bd\x85e") == "a\nb\nc\nd\ne"


@given(st.text() | st.lists(st.sampled_from("ab \u202a\u202e\u2066\u2069\u200f")).map("".join))
@example("abc\u202edef \u2066x\u2069")
def test_no_bidirectional_override_reaches_the_text_outputs(text: str) -> None:
    """An embedding, override or isolate (U+202E shows what follows backwards) is shown as
    U+FFFD, one for one, as the C1 controls are; everything else of the text stays."""
    shown = visible(text)
    assert re.search("[\u202a-\u202e\u2066-\u2069]", shown) is None
    if "\n" not in text and not re.search("[\x00-\x1f\x7f-\x9f\u2028\u2029]", text):
        assert len(shown) == len(text)
        assert all(a == b or b == "\ufffd" for a, b in zip(text, shown, strict=True))


@given(texts)
@example("[a](javascript:alert(1)) ![i](javascript:x) <img> &amp; *x* _y_ `z` ~~s~~ a|b \\")
def test_a_markdown_cell_shows_exactly_its_text(text: str) -> None:
    md = md_cell(text)
    assert CONTROL.search(md) is None
    assert _decode_cell(md) == visible(text)
    assert escape_markdown(text) == md


@given(texts)
@example("Tittel ##")
@example("#")
def test_a_markdown_heading_is_one_line_showing_its_text(text: str) -> None:
    md = md_line(text)
    assert "\n" not in md
    assert CONTROL.search(md) is None
    assert _decode(md) == " ".join(visible(text).split())
    assert re.search(r"(?:^|[ \t])#+[ \t]*$", md) is None  # no closing sequence to drop


@given(texts)
@example("2024. Året\n# H\n    kode\n- punkt\n===\n[x]: javascript:alert(1)\n1) en")
def test_a_markdown_paragraph_shows_its_lines_and_starts_no_block(text: str) -> None:
    md = md_paragraph(text)
    assert CONTROL.search(md) is None
    lines = md.split("\n")
    assert [_decode(line) for line in lines] == [x.strip(" ") for x in visible(text).split("\n")]
    for line in lines:
        _no_block_start(line)


def test_links_and_images_are_escaped_text() -> None:
    assert md_cell("[a](javascript:alert(1))") == "\\[a\\](javascript:alert(1))"
    assert md_paragraph("![i](javascript:alert(1))") == "!\\[i\\](javascript:alert(1))"
    assert md_line("<img src=x onerror=alert(1)>") == "&lt;img src=x onerror=alert(1)&gt;"
    assert md_cell("b_measures, *fet*, _kursiv_") == "b_measures, \\*fet\\*, \\_kursiv\\_"


# --------------------------------------------------------------------------------------------
# The outputs that show it


@given(texts, texts)
def test_cli_tables_and_wrapped_text_send_no_control_character(header: str, cell: str) -> None:
    for fmt in ("table", "markdown"):
        out = render_table([header, "x"], [[cell, wrap(cell, 10)], ["y", cell]], fmt=fmt)
        assert CONTROL.search(out) is None, (fmt, out)
    assert CONTROL.search(wrap(cell, 10)) is None


@given(texts)
def test_an_error_message_quoting_a_value_sends_no_control_character(value: str) -> None:
    exc = FieldError(msg("layout.not_whole", name="width", value=value))
    assert CONTROL.search(error_text(exc, "en")) is None


def _document(text: str) -> list[Section]:
    table = Table((text, "kr"), ((text, "1"), ("a", text)))
    return [Section("s", text, (Heading(text), Paragraph(text), table))]


@given(texts)
def test_the_report_text_sends_no_control_character_and_counts_its_lines(text: str) -> None:
    model = PageModel(width=40)
    out = render(text, _document(text), "text", model=model)
    assert CONTROL.search(out) is None
    assert model.count(_document(text), title=text).lines == len(out.splitlines())


@given(texts)
def test_the_report_markdown_shows_its_text_as_text(text: str) -> None:
    out = render(text, _document(text), "markdown")
    assert CONTROL.search(out) is None
    lines = out.split("\n")
    assert lines[0] == "# " + md_line(text)
    assert lines[2] == "## " + md_line(text)
    assert lines[4] == "### " + md_line(text)
    paragraph = md_paragraph(text)
    assert "\n" + paragraph + "\n" in out
    for line in paragraph.split("\n"):
        _no_block_start(line)
    rows = [line for line in lines if line.startswith("|")]
    assert len(rows) == 4  # header, rule, two rows: no line break or pipe broke the table
    assert md_cell(text).strip() in rows[0]  # tabulate strips a cell's outer white space
    assert md_cell(text).strip() in rows[2]


# --------------------------------------------------------------------------------------------
# The two cases found, end to end


def _attacked(tmp_path: Path) -> tuple[Path, Path, dict[str, Any]]:
    doc = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    doc["measures"][0]["title"] = "Tittel " + " ".join(ATTACKS[:4])
    doc["split"]["justification"] = ATTACKS[4]
    path = tmp_path / "angrep.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    judgement = tmp_path / "vurdering.txt"
    paragraphs = (ATTACKS[5], ATTACKS[6], "# Overskrift", "- punkt")  # each a paragraph
    judgement.write_text("\n\n".join(paragraphs), encoding="utf-8")
    return path, judgement, doc


def test_check_all_shows_escape_sequences_in_a_title_as_text(tmp_path: Path) -> None:
    path, _, _ = _attacked(tmp_path)
    for fmt in ("table", "markdown"):
        code, out, _ = _run(["check", str(path), "--all", "--format", fmt])
        assert code == 1
        assert CONTROL.search(out) is None, fmt
        assert "Tittel ␛" in out
    code, out, _ = _run(["check", str(path), "--all"])
    assert "␛[31mRød␛[0m ␛]0;title␇ skjult" in out  # the table wraps the \r into a space


def test_report_markdown_shows_links_and_images_as_text(tmp_path: Path) -> None:
    path, judgement, _ = _attacked(tmp_path)
    code, out, _ = _run(["report", str(path), "--judgement", str(judgement)])
    assert code == 0
    assert CONTROL.search(out) is None
    assert "\\[a\\](javascript:alert(1))" in out
    assert "!\\[i\\](javascript:alert(1))" in out
    assert re.search(r"(?<!\\)\]\(", out) is None  # no link or image left
    # a judgement's paragraph is one line (its white space made one space), its start escaped
    assert "\n\n2024\\. Året # Overskrift kode - punkt \\[x\\]: javascript:" in out
    assert out.endswith("\n\n\\# Overskrift\n\n\\- punkt\n")
    code, out, _ = _run(["report", str(path), "--judgement", str(judgement), "--format", "text"])
    assert code == 0
    assert CONTROL.search(out) is None
    assert "␛[31mRød␛[0m" in out


def test_json_output_and_the_document_keep_every_character(tmp_path: Path) -> None:
    path, _, doc = _attacked(tmp_path)
    title = doc["measures"][0]["title"]
    code, out, _ = _run(["report", str(path), "--format", "json", "--date", "2025-02-14"])
    assert code == 0
    assert "\\u001b[31mRød" in out
    assert "␛" not in out
    assert title in _strings(json.loads(out))
    assert doc["split"]["justification"] in _strings(json.loads(out))


def _strings(value: Any) -> set[str]:
    if isinstance(value, str):
        return {value}
    items = value.values() if isinstance(value, dict) else value if isinstance(value, list) else ()
    return set().union(*(_strings(v) for v in items))


def test_an_error_quoting_a_document_value_shows_its_control_characters(tmp_path: Path) -> None:
    doc = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    doc["funds"]["commitments"][0]["measure"] = "m-\x1b[2J\x1b]0;pwn\x07"
    path = tmp_path / "feil.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    code, out, err = _run(["check", str(path)])
    assert code == 2
    assert out == ""
    assert "«m-␛[2J␛]0;pwn␇»" in err
    assert CONTROL.search(err) is None


def test_verify_shows_a_scenario_name_s_control_characters(tmp_path: Path) -> None:
    """``post65 verify`` prints each scenario's name: one from a shared folder cannot drive the
    terminal either."""
    source = ROOT / "tests" / "scenarios" / "a" / "a-1.1-own-county.scenario.json"
    scenario = json.loads(source.read_text(encoding="utf-8"))
    scenario["scenario"] = "navn \x1b[2J\x1b]0;pwn\x07 slutt"
    base = source.parent / scenario["base"]
    (tmp_path / scenario["base"]).write_bytes(base.read_bytes())
    path = tmp_path / "x.scenario.json"
    path.write_text(json.dumps(scenario), encoding="utf-8")
    code, out, _ = _run(["verify", str(path)])
    assert code == 0
    assert CONTROL.search(out) is None
    assert "navn ␛[2J␛]0;pwn␇ slutt" in out


_CLOSING_RUN = re.compile(r"#+(?=[ \t]*\Z)")
_MARKUP = re.compile(r"[\\`*\[\]~|]|(?<![^\W_])_|_(?![^\W_])")


def _by_the_pattern(line: str) -> str:
    """A line made inert as the escaper did before it found the closing run from the end."""
    line = _MARKUP.sub(r"\\\g<0>", line)
    line = line.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _CLOSING_RUN.sub(r"\\\g<0>", line, count=1)


@given(st.text(alphabet="# \tax_*&[", max_size=12))
@example("#" * 300 + "x")
@example("a ## \t")
def test_the_closing_run_of_hashes_is_found_as_the_pattern_found_it(text: str) -> None:
    """The run of ``#`` ending a text (before spaces and tabs) gets its backslash where the
    pattern ``#+(?=[ \\t]*\\Z)`` put it, now found from the end in linear time: the pattern
    tried each ``#`` of a long run (30 000 of them, then a letter: 10 s to render a report as
    Markdown)."""
    line = " ".join(visible(text).split())  # as md_line makes it one line (a tab shown: ␉)
    assert md_line(text) == _by_the_pattern(line)
    assert md_cell(text.replace("\t", " ")) == _by_the_pattern(text.replace("\t", " "))
