"""The document model, its renderers and the A4 page model."""

from __future__ import annotations

import textwrap
from decimal import Decimal
from html.parser import HTMLParser

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from post65.errors import InvalidParameter, Post65Error
from post65.layout import (
    MIN_LINES_PER_PAGE,
    MIN_WIDTH,
    OPTION_BOUNDS,
    STANDARD,
    Heading,
    PageModel,
    Paragraph,
    Section,
    Table,
    bounded,
    option_problem,
    render,
    wrap,
)

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


@pytest.mark.parametrize(
    "value", [float("nan"), float("inf"), 90.5, 90.0, Decimal(90), "90", True, False, None]
)
@pytest.mark.parametrize("name", ["width", "lines_per_page"])
def test_a_page_model_takes_whole_numbers_only(name: str, value: object) -> None:
    with pytest.raises(Post65Error) as caught:
        PageModel(**{name: value})  # type: ignore[arg-type]
    words = {"width": "bredden (tegn per linje)", "lines_per_page": "antall linjer per side"}
    assert caught.value.en.endswith(f" must be a whole number (int), got {value!r}")
    assert caught.value.nb.startswith(f"{words[name]} må være et heltall")


def test_the_standard_measure_is_unchanged() -> None:
    assert (STANDARD.width, STANDARD.lines_per_page) == (90, 50)
    assert PageModel() == STANDARD
    assert PageModel().is_standard
    assert not PageModel(width=91).is_standard
    assert not PageModel(lines_per_page=49).is_standard
    assert OPTION_BOUNDS == {"width": (40, 200), "lines_per_page": (20, 100)}


@given(st.integers(MIN_WIDTH, 400), st.integers(MIN_LINES_PER_PAGE, 200))
def test_bounded_accepts_exactly_the_models_within_the_option_bounds(
    width: int, lines_per_page: int
) -> None:
    model = PageModel(width=width, lines_per_page=lines_per_page)
    inside = 40 <= width <= 200 and 20 <= lines_per_page <= 100
    if inside:
        assert bounded(model) is model
    else:
        with pytest.raises(InvalidParameter) as caught:
            bounded(model)
        words = {"width": "the width (characters a line)", "lines_per_page": "lines a page"}
        named = {n for n, w in words.items() if f"{w} must be between" in str(caught.value)}
        assert named == {
            n
            for n, v in (("width", width), ("lines_per_page", lines_per_page))
            if not OPTION_BOUNDS[n][0] <= v <= OPTION_BOUNDS[n][1]
        }


def test_bounded_refuses_what_is_not_a_page_model() -> None:
    with pytest.raises(TypeError, match=r"must be a post65\.PageModel, not dict"):
        bounded({"width": 90})  # type: ignore[arg-type]


def test_option_problem_is_located_and_bilingual() -> None:
    assert option_problem("width", 40, "--width") is None
    assert option_problem("width", 200, "--width") is None
    problem = option_problem("lines_per_page", 101, "--lines-per-page")
    assert problem is not None
    assert problem.where == "--lines-per-page"
    assert problem.en == "must be between 20 and 100, got 101"
    assert problem.nb == "må være mellom 20 og 100, fikk 101"


def test_a_wide_declared_model_renders_at_the_cost_of_its_text() -> None:
    secs = [Section("s", "Tittel", (Paragraph("ord " * 2000), Table(("a", "b"), (("x", "y"),))))]
    model = PageModel(width=10_000, lines_per_page=1_000)
    text = render("T", secs, "text", model=model)
    assert model.count(secs, title="T").lines == len(text.splitlines())


_long_words = st.lists(
    st.one_of(st.text("ab-", max_size=8), st.integers(0, 200).map(lambda n: "x" * n)), max_size=8
)


@given(
    st.lists(
        st.one_of(_long_words.map(" ".join), st.text(" \t\n\x0b\x0c\r\xa0\u3000ab-", max_size=20))
    ).map("".join),
    st.integers(1, 40),
)
@example("  a  b  ", 10)  # fits: leading and inner spaces kept, trailing ones dropped
@example("   ", 3)  # blank: no line
@example("", 1)
@example("a\tb", 10)  # fits, but a tab is white space textwrap widens
@example("a\xa0b", 3)  # a no-break space joins
@example("-\u3000 \xa0-\u3000\xa0 a\xa0", 1)  # a word's rest all white space, then a space
@example("xb\t\u3000ba--\u3000\xa0\xa0\u3000\u3000\u3000\t ", 3)
def test_wrap_gives_textwraps_lines(text: str, width: int) -> None:
    """layout.wrap cuts a long word its own way (in linear time), into the lines textwrap gives:
    words longer than a line, at a line's start or after other words, white space of every
    kind, hyphens (never broken at)."""
    assert wrap(text, width) == textwrap.wrap(text, width=width, break_on_hyphens=False)


def test_wrap_cuts_a_long_word_once_not_once_a_line(monkeypatch: pytest.MonkeyPatch) -> None:
    """textwrap cuts a word longer than a line once a line, copying what is left each time
    (quadratic in the word's length); layout.wrap hands textwrap the word once and cuts the rest
    into lines itself."""
    calls: list[int] = []
    handle = textwrap.TextWrapper._handle_long_word

    def counted(self: textwrap.TextWrapper, chunks: list[str], *args: int | list[str]) -> None:
        calls.append(len(chunks[-1]))
        handle(self, chunks, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(textwrap.TextWrapper, "_handle_long_word", counted)
    lines = wrap("ab " + "x" * 10_000 + " cd", 20)
    assert lines == ["ab " + "x" * 17, *["x" * 20] * 499, "x" * 3 + " cd"]
    assert calls == [10_000]


def test_the_page_options_are_named_in_words_of_each_language() -> None:
    # A Norwegian message names no English field («width», «lines_per_page»): the API names
    # the option in words, a located problem (--width, /page_model/width) by its place alone.
    with pytest.raises(InvalidParameter) as caught:
        bounded(PageModel(width=30, lines_per_page=15))
    assert caught.value.message("nn") == (
        "breidda (teikn per linje) må vere mellom 40 og 200, fekk 30; "
        "talet på linjer per side må vere mellom 20 og 100, fekk 15"
    )
    assert caught.value.message("nb") == (
        "bredden (tegn per linje) må være mellom 40 og 200, fikk 30; "
        "antall linjer per side må være mellom 20 og 100, fikk 15"
    )
    assert caught.value.message("en") == (
        "the width (characters a line) must be between 40 and 200, got 30; "
        "the number of lines a page must be between 20 and 100, got 15"
    )
    with pytest.raises(Post65Error) as small:
        PageModel(lines_per_page=5)
    assert small.value.message("nn") == "talet på linjer per side må vere minst 10, fekk 5"
    problem = option_problem("width", 10, "--width")
    assert problem is not None
    assert problem.render("nn") == "--width: må vere mellom 40 og 200, fekk 10"
    for text in (caught.value.message("nn"), small.value.message("nb"), problem.render("nb")):
        assert "width" not in text.replace("--width", "")
        assert "lines_per_page" not in text
