"""The document model, its renderers and the A4 page model."""

from __future__ import annotations

from html.parser import HTMLParser

from hypothesis import given
from hypothesis import strategies as st

from post65.layout import Heading, PageModel, Paragraph, Section, Table, render

words = st.text(alphabet="abcdefghij æøå|<>&", min_size=0, max_size=40)
paragraphs = st.lists(words, max_size=30).map(" ".join)
tables = st.integers(1, 4).flatmap(
    lambda n: st.builds(
        Table,
        headers=st.tuples(*[words] * n),
        rows=st.lists(st.tuples(*[paragraphs] * n), max_size=6).map(tuple),
    )
)
blocks = st.one_of(words.map(Heading), paragraphs.map(Paragraph), tables)
sections = st.lists(
    st.builds(
        Section,
        key=st.text("abc", min_size=1, max_size=5),
        title=words.filter(str.strip),
        blocks=st.lists(blocks, max_size=5).map(tuple),
    ),
    max_size=5,
)
models = st.builds(PageModel, width=st.integers(20, 120), lines_per_page=st.integers(10, 80))


@given(sections, models)
def test_page_model_counts_exactly_the_lines_of_the_text_rendering(
    secs: list[Section], model: PageModel
) -> None:
    text = render("Årsrapport", secs, "text", model=model)
    count = model.count(secs, title="Årsrapport")
    assert count.lines == len(text.splitlines())
    assert count.pages == max(1, -(-count.lines // model.lines_per_page))
    assert sum(n for _, n in count.by_section) >= count.lines - 3


@given(sections)
def test_text_lines_stay_within_the_width_except_unbreakable_words(secs: list[Section]) -> None:
    model = PageModel(width=60)
    for line in render("T", secs, "text", model=model).splitlines():
        if len(line) > 60:
            assert " " not in line.strip() or "  " in line  # a long word or a table row


class _Checker(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.tags: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        if tag not in ("meta", "br"):
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack.pop() == tag


@given(sections)
def test_html_is_one_balanced_page_with_escaped_text(secs: list[Section]) -> None:
    page = render("Rapport <2024>", secs, "html")
    checker = _Checker()
    checker.feed(page)
    assert checker.stack == []
    assert {"html", "head", "style", "body", "h1"} <= checker.tags
    assert "@page { size: A4" in page
    assert "<2024>" not in page


def test_markdown_escapes_pipes_in_cells() -> None:
    table = Table(("a",), (("x|y",),))
    out = render("T", [Section("s", "S", (table,))], "markdown")
    assert "x\\|y" in out


def test_longest_sections_are_named() -> None:
    secs = [
        Section("short", "Kort", (Paragraph("a"),)),
        Section("long", "Lang", (Paragraph("b " * 500),)),
    ]
    count = PageModel().count(secs)
    assert count.longest(1) == (("long", PageModel().section_lines(secs[1])),)
