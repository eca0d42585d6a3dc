"""Whatever loads can be written, and what is written is safe to publish.

- ``load`` refuses text UTF-8 cannot encode (lone surrogates, in values and in keys), each with
  its JSON Pointer; every document that loads writes in every output format.
- Markdown output (``check --format markdown`` and the report) shows raw HTML in document text as
  text, never as markup.
"""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import post65
from post65 import strategies
from post65.cli import main
from post65.cli.check import render_findings
from post65.errors import InvalidDocument
from post65.io import from_json, load, to_json
from post65.portfolio import Portfolio
from post65.report import Report, build_report, render_report

ROOT = Path(__file__).parent.parent
EXAMPLE = ROOT / "examples" / "nordland-2024.portfolio.json"
ATTACK = "<img src=x onerror=alert(1)>"


def _run(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(argv)
    return code, out.getvalue(), err.getvalue()


# --------------------------------------------------------------------------------------------
# Lone surrogates are refused, located


def _portfolio_json(**extra: Any) -> dict[str, Any]:
    return {"kind": "portfolio", "county": "18", "year": 2024, **extra}


@pytest.mark.parametrize("text", ["\ud800", "a\udfffb", "\udc80\udc80x"])
def test_a_lone_surrogate_in_a_value_is_refused_with_its_pointer(text: str) -> None:
    doc = _portfolio_json(challenges=[{"kommunenummer": "1835", "challenge": text}])
    with pytest.raises(InvalidDocument) as info:
        load(json.dumps(doc))  # ensure_ascii: the surrogate travels as \\udXXX in the JSON
    assert [p.where for p in info.value.problems] == ["/challenges/0/challenge"]
    problem = info.value.problems[0]
    assert "surrogat" in problem.nb
    assert "surrogate" in problem.en
    info.value.message("nb").encode("utf-8")  # the message itself can be printed
    str(info.value).encode("utf-8")


def test_a_lone_surrogate_in_a_key_is_refused_with_a_printable_pointer() -> None:
    doc = _portfolio_json(split={"a\ud800": "1"})
    with pytest.raises(InvalidDocument) as info:
        load(json.dumps(doc))
    assert [p.where for p in info.value.problems] == ["/split/a\\ud800"]
    assert "nøkkelen" in info.value.problems[0].nb
    str(info.value).encode("utf-8")


def test_raw_surrogates_in_python_text_and_parsed_data_are_refused() -> None:
    text = '{"kind": "portfolio", "county": "18", "year": 2024, "x": "\ud800"}'
    with pytest.raises(InvalidDocument) as info:
        load("\n" + text)
    assert [p.where for p in info.value.problems] == ["/x"]
    with pytest.raises(InvalidDocument) as info:
        from_json({"kind": "portfolio", "county": "1\udc00", "year": 2024})
    assert [p.where for p in info.value.problems] == ["/county"]


def test_a_path_with_a_surrogate_is_a_located_refusal(tmp_path: Path) -> None:
    with pytest.raises(InvalidDocument) as info:
        load(tmp_path / "\ud800.json")
    str(info.value).encode("utf-8")


def test_the_command_reports_a_surrogate_with_exit_2(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(_portfolio_json(split={"\udcff": "1"})), encoding="utf-8")
    code, _, err = _run(["check", str(path)])
    assert code == 2
    assert "/split/\\udcff" in err


def _string_paths(value: Any, path: tuple[str | int, ...] = ()) -> list[tuple[str | int, ...]]:
    """Pointers (as paths) of every string value and every key below ``value``."""
    out: list[tuple[str | int, ...]] = []
    if isinstance(value, dict):
        for k, v in value.items():
            out.append((*path, k))  # the key itself, or its string value
            out += _string_paths(v, (*path, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            if isinstance(v, str):
                out.append((*path, i))
            out += _string_paths(v, (*path, i))
    return out


def _inject(value: Any, path: tuple[str | int, ...], *, in_key: bool) -> tuple[Any, str]:
    """``value`` with a lone surrogate put into the key or string at ``path``; the pointer the
    refusal names."""
    parent = value
    for step in path[:-1]:
        parent = parent[step]
    last = path[-1]
    if in_key and isinstance(last, str):
        item = parent.pop(last)
        parent[last + "\ud800"] = item
        parts = [*path[:-1], last + "\\ud800"]
    else:
        parent[last] = "\udfff" + parent[last]
        parts = list(path)
    return value, "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in parts)


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(document=strategies.documents(), data=st.data())
def test_a_surrogate_injected_anywhere_is_refused_at_its_pointer(
    document: Any, data: st.DataObject
) -> None:
    raw = to_json(document)
    candidates = [
        p for p in _string_paths(raw) if p != ("kind",) and not (len(p) == 1 and p[0] == "kind")
    ]
    if not candidates:
        return
    path = data.draw(st.sampled_from(candidates))
    target: Any = raw
    for step in path:
        target = target[step]
    in_key = not isinstance(target, str) or data.draw(st.booleans())
    if not isinstance(path[-1], str):
        in_key = False
        if not isinstance(target, str):
            return
    changed, where = _inject(raw, path, in_key=in_key)
    with pytest.raises(InvalidDocument) as info:
        load(json.dumps(changed))
    assert where in [p.where for p in info.value.problems]
    str(info.value).encode("utf-8")
    info.value.message("nb").encode("utf-8")


# --------------------------------------------------------------------------------------------
# Every document that loads writes in every format


def _outputs(document: Any) -> list[str]:
    result = post65.check(document)
    labels = document.subject_labels() if isinstance(document, Portfolio) else None
    texts = [
        render_findings(result, fmt=fmt, lang=lang, labels=labels)
        for fmt in ("table", "markdown")
        for lang in ("nb", "en")
    ]
    texts += [json.dumps(result.to_json(lang), ensure_ascii=False) for lang in ("nb", "en")]
    texts.append(post65.dump(document))
    report: Report | None = None
    if isinstance(document, Portfolio):
        report = build_report(document)
    elif isinstance(document, Report):
        report = document
    if report is not None:
        texts += [render_report(report, fmt) for fmt in ("markdown", "text", "html")]
        texts.append(post65.dump(report))
    return texts


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(strategies.documents())
def test_every_document_that_loads_writes_in_every_format(document: Any) -> None:
    loaded = load(post65.dump(document))
    for text in _outputs(loaded):
        text.encode("utf-8")


def test_every_command_output_of_a_document_with_odd_text_writes(tmp_path: Path) -> None:
    doc = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    doc["measures"][0]["title"] = "\U0001f600 \u202e\u0000 \ufeff\uffff æøå"
    path = tmp_path / "odd.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    for argv in (
        ["check", str(path)],
        ["check", str(path), "--format", "markdown"],
        ["check", str(path), "--format", "json"],
        *(["report", str(path), "--format", fmt] for fmt in ("markdown", "html", "text", "json")),
    ):
        code, out, err = _run(argv)
        assert code in (0, 1), (argv, err)
        out.encode("utf-8")


# --------------------------------------------------------------------------------------------
# Markdown output is safe to publish


def _attacked_portfolio() -> Portfolio:
    doc = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    doc["measures"][0]["title"] = ATTACK
    doc["measures"][1]["description"] = f"Første linje\n{ATTACK}\n<script>x()</script> & mer"
    doc["split"]["justification"] = ATTACK
    doc["challenges"][0]["challenge"] = ATTACK
    portfolio = load(json.dumps(doc))
    assert isinstance(portfolio, Portfolio)
    return portfolio


def _no_raw_html(text: str) -> None:
    assert "<img" not in text
    assert "<script" not in text
    assert "&lt;img src=x onerror=alert(1)&gt;" in text


def test_check_markdown_escapes_raw_html_in_document_text() -> None:
    portfolio = _attacked_portfolio()
    result = post65.check(portfolio)
    text = render_findings(result, fmt="markdown", lang="nb", labels=portfolio.subject_labels())
    _no_raw_html(text)


def test_report_markdown_escapes_raw_html_in_document_text() -> None:
    portfolio = _attacked_portfolio()
    report = build_report(portfolio, judgement=f"Vurdering: {ATTACK}")
    text = render_report(report, "markdown")
    _no_raw_html(text)
    assert "# " + ATTACK not in text
    html = render_report(report, "html")
    _no_raw_html(html)


def test_markdown_headings_stay_on_one_line() -> None:
    from post65.layout import Heading, Paragraph, Section, render

    text = render(
        "T\n# injected",
        [
            Section(
                "s",
                "S\n<b>x</b>",
                (
                    Heading("H\n\n* item", 3),
                    Paragraph("p"),
                ),
            )
        ],
        "markdown",
    )
    lines = text.splitlines()
    assert lines[0] == "# T # injected"
    assert "## S &lt;b&gt;x&lt;/b&gt;" in lines
    assert "### H \\* item" in lines  # * escaped: a heading shows its text, no emphasis


def test_the_check_command_writes_escaped_markdown(tmp_path: Path) -> None:
    path = tmp_path / "attack.json"
    path.write_text(post65.dump(_attacked_portfolio()), encoding="utf-8")
    code, out, _ = _run(["check", str(path), "--format", "markdown", "--all"])
    assert code in (0, 1)
    _no_raw_html(out)
    code, out, _ = _run(["report", str(path), "--format", "markdown"])
    assert code in (0, 1)
    _no_raw_html(out)


_JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=3),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=2), children, max_size=3)
    ),
    max_leaves=60,
)


@settings(max_examples=200, deadline=None)
@given(value=_JSON_VALUES, wrap=st.integers(min_value=0, max_value=40))
def test_the_cheap_depth_test_never_passes_what_the_walk_refuses(value: Any, wrap: int) -> None:
    """loads_json walks the document only when the cheap tests made while parsing flag it; a
    document the cheap depth test passes has no problem the walk would find."""
    from post65.jsontext import _shallow, check_json

    for _ in range(wrap):
        value = [value]
    if _shallow(value):
        assert check_json(value) == []
    text = json.dumps(value)
    expected = [p.where for p in check_json(json.loads(text))]
    found: list[str] = []
    try:
        post65.jsontext.loads_json(text)
    except post65.errors.InvalidDocument as exc:
        found = [p.where for p in exc.problems]
    assert found == expected


def test_a_flagged_document_is_walked_for_every_problem() -> None:
    from post65.errors import InvalidDocument
    from post65.jsontext import loads_json

    for text, where in (
        ('{"a": {"b": 1, "b": 2}}', "/a/b"),
        ('{"a": [1, NaN]}', "/a/1"),
        ('{"a": ["\\ud800"]}', "/a/0"),
        ('{"a": ' + "[" * 40 + "1" + "]" * 40 + "}", "/a" + "/0" * 31),
    ):
        with pytest.raises(InvalidDocument) as caught:
            loads_json(text)
        assert [p.where for p in caught.value.problems] == [where], text
    assert loads_json('{"a": "\\ud83d\\ude00"}') == {"a": "\U0001f600"}
