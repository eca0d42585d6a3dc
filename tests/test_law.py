"""The shipped regulation and citations checked against it."""

from __future__ import annotations

from post65.law import SOURCES, Citation, normalise, source_text, verify_citation
from post65.rules import rules


def test_regulation_ships_as_package_data() -> None:
    text = source_text("regelverk-a-2023")
    assert text.startswith("Hjemmel: Fastsatt av Kommunal- og distriktsdepartementet 12.12.2023")
    assert "Rapporten skal ikke overskride 3 sider." in text


def test_quotes_are_found_after_whitespace_normalisation() -> None:
    quote = "knyttet til plan-\n og strategiprosesser i kommunene"
    assert verify_citation(Citation("regelverk-a-2023", "4", quote))
    assert not verify_citation(Citation("regelverk-a-2023", "4", "knyttet til planprosesser"))
    assert not verify_citation(Citation("no-such-source", "1", "x"))


def test_every_rule_citation_is_verified() -> None:
    for r in rules():
        assert r.citation.source in SOURCES, r.id
        assert verify_citation(r.citation), (r.id, r.citation.quote)


def test_unshipped_sources_are_cited_by_title_date_and_url() -> None:
    for src in SOURCES.values():
        assert src.title
        assert src.date
        assert src.url.startswith("https://")
        if not src.shipped:
            assert src.file is None
            assert "Not shipped" in src.note


def test_normalise() -> None:
    assert normalise("  a \n\t b  ") == "a b"
