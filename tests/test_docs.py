"""The documentation: generated pages are fresh, the API reference lists exactly ``__all__``, every
page is reachable from the index. (The ``>>>`` examples of ``docs/*.md`` run as doctests.)"""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path
from types import ModuleType

import pytest

import post65

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"


def _docgen() -> ModuleType:
    spec = importlib.util.spec_from_file_location("docgen", Path(__file__).parent / "docgen.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


docgen = _docgen()


@pytest.mark.parametrize("name", sorted(docgen.GENERATED))
def test_generated_page_is_fresh(name: str) -> None:
    on_disk = (DOCS / name).read_text(encoding="utf-8")
    assert on_disk == docgen.GENERATED[name](), f"run: python tests/docgen.py (docs/{name})"


def test_rule_reference_is_the_rules_command(capsys: pytest.CaptureFixture[str]) -> None:
    from post65.cli import main

    assert main(["rules", "--format", "markdown", "--lang", "en"]) == 0
    assert (DOCS / "rules.md").read_text(encoding="utf-8") == capsys.readouterr().out
    assert main(["rules", "--format", "markdown"]) == 0
    assert (DOCS / "regler.md").read_text(encoding="utf-8") == capsys.readouterr().out
    assert main(["rules", "--format", "markdown", "--lang", "nn"]) == 0
    assert (DOCS / "reglar.md").read_text(encoding="utf-8") == capsys.readouterr().out


def _law_text() -> str:
    """The shipped regulation, white space folded, read here and not through post65."""
    path = ROOT / "src" / "post65" / "law" / "regelverk-ordning-a-2023-12-12.txt"
    return " ".join(path.read_text(encoding="utf-8").split())


def test_the_rule_reference_quotes_the_law_word_for_word() -> None:
    """Content, not freshness: every scheme a and §6 rule's quotation in docs/rules.md is found
    in the shipped regulation, and its section number is the one the law gives it."""
    law = _law_text()
    text = (DOCS / "rules.md").read_text(encoding="utf-8")
    blocks = re.split(r"^## ", text, flags=re.MULTILINE)[1:]
    checked = 0
    for block in blocks:
        rule_id = block.split(":", 1)[0]
        if not rule_id.startswith(("A-", "P65-")):
            continue
        quotes = re.findall(r"^> (.+)$", block, flags=re.MULTILINE)
        assert quotes, rule_id
        for quote in quotes:
            words = " ".join(quote.strip('«»"“” ').split())
            assert words in law, (rule_id, words)
            checked += 1
    assert checked >= 23  # … and P65-6.1 … 6.4


def test_the_rule_titles_are_in_every_language() -> None:
    """The three references list the same rules, each titled in its own language."""
    pages = {
        name: (DOCS / name).read_text(encoding="utf-8")
        for name in ("rules.md", "regler.md", "reglar.md")
    }
    ids = {
        name: re.findall(r"^## ([A-Z0-9.-]+):", page, flags=re.MULTILINE)
        for name, page in pages.items()
    }
    assert ids["rules.md"] == ids["regler.md"] == ids["reglar.md"]
    titles = {
        name: re.findall(r"^## [A-Z0-9.-]+: (.+)$", page, flags=re.MULTILINE)
        for name, page in pages.items()
    }
    assert titles["regler.md"] != titles["rules.md"]
    assert titles["reglar.md"] != titles["regler.md"]
    assert "Fylkeskommunen" in pages["regler.md"] or "fylkeskommunen" in pages["regler.md"]


def test_rule_reference_lists_every_rule() -> None:
    text = (DOCS / "rules.md").read_text(encoding="utf-8")
    listed = re.findall(r"^## ([A-Z0-9.-]+):", text, flags=re.MULTILINE)
    assert listed == [r.id for r in post65.rules()]


def test_api_reference_lists_exactly_the_public_api() -> None:
    text = (DOCS / "api.md").read_text(encoding="utf-8")
    listed = re.findall(r"^### `post65\.(\w+)`$", text, flags=re.MULTILINE)
    assert len(listed) == len(set(listed))
    assert sorted(listed) == sorted(post65.__all__)


def test_every_page_is_linked_from_the_index() -> None:
    index = (DOCS / "index.md").read_text(encoding="utf-8")
    linked = set(re.findall(r"\]\(([\w-]+\.md)", index))
    pages = {p.name for p in DOCS.glob("*.md")} - {"index.md"}
    assert pages <= linked, sorted(pages - linked)


def test_the_guide_covers_the_jobs() -> None:
    guide = (DOCS / "guide.md").read_text(encoding="utf-8")
    headings = re.findall(r"^## (.+)$", guide, flags=re.MULTILINE)
    for topic in ("Install", "Check a portfolio", "Allocate", "Report", "Embed"):
        assert any(h.startswith(topic) for h in headings), topic
    for name in ("post65.strategies", "portfolios(", "invalid_documents(", "st.from_type"):
        assert name in guide, name
