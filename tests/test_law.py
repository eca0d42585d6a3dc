"""The shipped regulation and citations checked against it."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import post65.law
from post65.law import (
    SOURCES,
    Basis,
    Citation,
    Interpretation,
    normalise,
    source_text,
    verify_citation,
)
from post65.rules import rules
from post65.text import msg


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


# --------------------------------------------------------------------------------------------
# Issue 12: the law's words apart from post65's reading


def _shipped_raw(source_id: str) -> str:
    """The shipped text of a source read here from the package directory, not through post65."""
    file = SOURCES[source_id].file
    assert file is not None
    return (LAW_DIR / file).read_text(encoding="utf-8")


LAW_DIR = Path(post65.law.__file__).parent


def test_every_rule_cites_a_verbatim_quote_or_a_paraphrase() -> None:
    """verbatim ⇒ found word for word in its source's shipped text; a quote ⇒ verbatim; a
    citation has a quote or a paraphrase, never both, never neither."""
    for r in rules():
        c = r.citation
        assert bool(c.quote.strip()) != bool(c.paraphrase.strip()), r.id
        if c.quote:
            assert c.verbatim, (r.id, c.quote)
        if c.verbatim:
            assert SOURCES[c.source].shipped, r.id
            assert " ".join(c.quote.split()) in " ".join(_shipped_raw(c.source).split()), r.id
        else:
            assert c.paraphrase, r.id


def test_paraphrases_are_the_unshipped_and_the_unsaved() -> None:
    """Today only B-3, B-4 (the call's saved text holds no such words), B-5 and C-5 (the EEA
    regulation is not shipped) paraphrase; every other b/c rule quotes a saved source."""
    paraphrased = {r.id for r in rules() if not r.citation.verbatim}
    assert paraphrased == {"B-3", "B-4", "B-5", "C-5"}
    assert all(r.citation.verbatim for r in rules() if r.scheme in ("a", "p65"))


def test_verbatim_is_false_for_words_not_in_the_source() -> None:
    quote = "Fortrinnsvis inntil 75% av godkjent kostnadsgrunnlag."
    assert Citation("finnmark-omstilling", "x", quote).verbatim
    assert not Citation("finnmark-omstilling", "x", quote.lower()).verbatim
    assert not Citation("innovasjon-norge", "x", quote).verbatim
    assert not Citation("eu-de-minimis", "x", "EUR 300 000").verbatim  # not shipped
    assert not Citation("finnmark-omstilling", "x", paraphrase="inntil 75 %").verbatim
    assert not verify_citation(Citation("finnmark-omstilling", "x", quote, "og mer"))
    assert not verify_citation(Citation("finnmark-omstilling", "x"))
    assert verify_citation(Citation("finnmark-omstilling", "x", paraphrase="inntil 75 %"))


def test_saved_sources_ship_with_their_urls() -> None:
    saved = [s for s in SOURCES.values() if s.shipped and s.file and s.file.startswith("sources/")]
    assert {s.id for s in saved} >= {
        "regjeringen-omstillingsforskrift",
        "finnmark-omstilling",
        "innovasjon-norge",
        "call",
        "more-og-romsdal-omstilling",
    }
    for s in saved:
        raw = _shipped_raw(s.id)
        assert s.url in raw, s.id
        assert s.title
        assert s.date
    # the forskrift itself: only its existence is known, cited by title, date and URL
    forskrift = SOURCES["forskrift-omstilling-2024"]
    assert not forskrift.shipped
    assert forskrift.date == "2024-04-03"
    assert forskrift.url in _shipped_raw("regjeringen-omstillingsforskrift")


def test_every_rule_lists_its_interpretations() -> None:
    for r in rules():
        assert r.interpretations, r.id
        ids = [i.id for i in r.interpretations]
        assert len(ids) == len(set(ids)), r.id
        for i in r.interpretations:
            assert i.text.key == f"interp.{r.id.lower()}.{i.id}", (r.id, i.id)
            for a in i.alternatives:
                assert a.text.key == f"{i.text.key}.alt.{a.id}", (r.id, a.id)
            if i.basis is Basis.PRACTICE:
                assert i.source is not None
                assert SOURCES[i.source].url.startswith("https://")
            texts = {lang: i.text(lang) for lang in ("nb", "nn", "en")}
            assert all(texts.values()), (r.id, i.id)
            assert len(set(texts.values())) == 3, (r.id, i.id)


def test_the_readings_the_issue_names_are_marked_as_post65s() -> None:
    """Issue 12's list: each of these readings goes beyond the words and says so."""
    named = {
        "A-1.2": "both",
        "A-1.3": "one_goal_each",
        "A-1.4": "portfolio",
        "A-4.1": "one_or_more",
        "A-4.3": "not_self",
        "A-4.11": "continuity",
        "A-4.12": "with_commitments",
        "B-1": "thresholds",
    }
    by_id = {r.id: {i.id: i for i in r.interpretations} for r in rules()}
    for rule_id, reading in named.items():
        i = by_id[rule_id][reading]
        assert i.basis is Basis.LIBRARY, rule_id
        assert i.alternatives, rule_id
    # each of these readings' alternatives is selectable by a parameter
    selectable = {
        "A-1.2": "reading.a-1.2",
        "A-1.3": "reading.a-1.3",
        "A-1.4": "reading.a-1.4",
        "A-4.1": "reading.a-4.1",
        "A-4.3": "reading.a-4.3",
        "A-4.11": "reading.a-4.11",
        "B-1": "reading.b-1.thresholds",
    }
    for rule_id, parameter in selectable.items():
        assert by_id[rule_id][named[rule_id]].parameter == parameter, rule_id
    assert by_id["A-2.1"]["stated_strengthening"].parameter == "reading.a-2.1"
    # B-1, C-1, C-3: the corrected readings rest on a cited practice; the old ones stay
    # selectable or listed as alternatives.
    practice = {
        ("B-1", "lowest_on_index"): (
            "call",
            "reading.b-1.target",
            {"national", "allocation_only"},
        ),
        ("C-1", "county"): ("finnmark-omstilling", "reading.c-1.authority", {"kdd"}),
        ("C-1", "avklaring_before"): (
            "innovasjon-norge",
            "reading.c-1.avklaring",
            {"avklaring_inside"},
        ),
        ("C-3", "preferably"): ("finnmark-omstilling", "reading.c-3.public", {"hard"}),
    }
    for (rule_id, reading), (source, parameter, alternatives) in practice.items():
        i = by_id[rule_id][reading]
        assert (i.basis, i.source, i.parameter) == (Basis.PRACTICE, source, parameter), rule_id
        assert {a.id for a in i.alternatives} == alternatives, rule_id
    authority = by_id["C-1"]["county"].text("en")
    assert "Finnmark" in authority
    assert "disagree" in authority
    assert "«Fylkeskommunen avgjør hvem som får denne statusen»" in authority
    assert "«Kommunal- og distriktsdepartementet avgjør på bakgrunn av en søknad" in authority


_QUOTED = re.compile(r"«([^»]+)»")


def test_bc_interpretations_quote_only_words_of_the_saved_sources() -> None:
    """Every «…» in the text of a scheme b or c interpretation, in every language, is the words
    of a shipped source (an ellipsis «…» marks words left out); nothing post65 wrote is shown as a
    quotation."""
    shipped = " ".join(
        source_text(s.id) for s in SOURCES.values() if s.shipped and s.file is not None
    )
    for r in rules():
        if r.scheme not in ("b", "c"):
            continue
        for i in r.interpretations:
            messages = [i.text, *(a.text for a in i.alternatives)]
            for lang in ("nb", "nn", "en"):
                for text in (m(lang) for m in messages):
                    for quote in _QUOTED.findall(text):
                        for part in quote.split("…"):
                            assert normalise(part) in shipped, (r.id, i.id, lang, part)


def test_the_readings_corrected_to_the_law_quote_its_words() -> None:
    """Issue 12: A-1.1 reads «i eget fylke» (§4), A-1.4 «både mål 1 og mål 3» and A-2.1 the «skal»
    sentence of §2 as the words say: basis law, the words quoted verbatim from the regulation, no
    alternative left; the old readings (no county check, the §2 examples required) are gone."""
    law = normalise(source_text("regelverk-a-2023"))
    by_id = {r.id: {i.id: i for i in r.interpretations} for r in rules()}
    corrected = {
        "A-1.1": ("own_county", "Fylkeskommunene har ansvar for arbeidet i eget fylke"),
        "A-1.4": ("both_goals", "Ordningen skal bidra til både mål 1 og mål 3 for 13.50"),
        "A-2.1": (
            "skal_sentence",
            "Innsatsen skal bidra til at kommuner i målgruppen sin kompetanse og kapasitet til "
            "strategisk arbeid med samfunnsutvikling blir styrket.",
        ),
    }
    for rule_id, (reading, words) in corrected.items():
        i = by_id[rule_id][reading]
        assert (i.basis, i.alternatives, i.parameter) == (Basis.LAW, (), None), rule_id
        assert normalise(words) in law, rule_id
        for lang in ("nb", "nn", "en"):
            assert f"«{words}»" in i.text(lang), (rule_id, lang)
    assert "examples_required" not in by_id["A-2.1"]
    assert "either" not in by_id["A-1.2"]  # now the alternative of «both», selectable
    assert [a.id for a in by_id["A-1.2"]["both"].alternatives] == ["either"]
    assert by_id["A-1.2"]["both"].parameter == "reading.a-1.2"


def test_an_interpretation_from_practice_names_its_source() -> None:
    text = msg("interp.c-6.normally")
    with pytest.raises(ValueError, match="names its source"):
        Interpretation("x", text, Basis.PRACTICE)
    with pytest.raises(ValueError, match="unknown source"):
        Interpretation.practice("x", text, "no-such-source")
    found = Interpretation.practice("x", text, "finnmark-omstilling").to_json("en")
    assert found["basis"] == "practice"
    assert found["source"]["url"] == SOURCES["finnmark-omstilling"].url


def test_rules_json_shows_citation_and_interpretations(capsys: pytest.CaptureFixture[str]) -> None:
    from post65.cli import main

    assert main(["rules", "--format", "json", "--lang", "nn"]) == 0
    data = json.loads(capsys.readouterr().out)
    by_id = {r["id"]: r for r in data}
    assert set(by_id["C-5"]["citation"]) == {"source", "section", "quote", "verbatim", "paraphrase"}
    assert by_id["C-5"]["citation"]["verbatim"] is False
    assert by_id["C-5"]["citation"]["quote"] == ""
    assert by_id["C-5"]["citation"]["paraphrase"].startswith("samlet bagatellmessig")
    assert by_id["A-1.1"]["citation"]["verbatim"] is True
    own = next(i for i in by_id["A-1.1"]["interpretations"] if i["id"] == "own_county")
    assert own["basis"] == "law"
    assert own["text"].startswith("«Fylkeskommunene har ansvar for arbeidet i eget fylke» (§4)")
    assert "ikkje oppfylt" in own["text"]
    assert own["alternatives"] == []
    assert own["parameter"] is None


def test_rules_table_marks_paraphrases(capsys: pytest.CaptureFixture[str]) -> None:
    from post65.cli import main

    assert main(["rules", "--scheme", "b", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "Paraphrase, not a quotation: distriktskommuner i sentralitetsklasse" in out
    assert "«tilskudd til kommuner med langvarig nedgang" in out
    assert "`thresholds` (post65's reading)" in out


@pytest.mark.parametrize("package", ["a", "b", "c", "p65"])
def test_module_docstrings_quote_only_the_saved_sources(package: str) -> None:
    """Every «…» in the docstring of a scheme's module is words of a shipped source (issue 12:
    the old b and c docstrings showed paraphrases as quotations)."""
    import importlib
    import pkgutil
    import re

    from post65.law import normalise, source_text

    shipped = " ".join(
        source_text(s.id) for s in SOURCES.values() if s.shipped and s.file is not None
    )
    found = importlib.import_module(f"post65.schemes.{package}")
    names = [found.__name__] + [
        f"{found.__name__}.{m.name}" for m in pkgutil.iter_modules(found.__path__)
    ]
    quoted = 0
    for name in names:
        doc = importlib.import_module(name).__doc__ or ""
        for quote in re.findall(r"«([^»]+)»", doc):
            quoted += 1
            for part in quote.split("…"):
                assert normalise(part) in shipped, (name, part)
    assert quoted >= (0 if package == "p65" else 5)


SHARED_SPEC = Path(__file__).resolve().parents[2] / "shared" / "spec"
"""The project's shared specification beside the repository (``../shared/spec``), where the
regulation and the saved sources are kept; absent in a clone on its own."""


@pytest.mark.skipif(not SHARED_SPEC.is_dir(), reason="no ../shared/spec beside this clone")
def test_the_shipped_texts_are_the_shared_specifications_byte_for_byte() -> None:
    """The quotes are checked against the texts post65 ships (``post65/law``): those must be
    the regulation and the saved sources themselves, or a quote could pass against a copy that
    drifted."""
    shipped = Path(post65.law.__file__).parent
    names = [
        "regelverk-ordning-a-2023-12-12.txt",
        *(f"sources/{p.name}" for p in sorted((shipped / "sources").glob("*.txt"))),
    ]
    assert len(names) > 1
    for name in names:
        assert (shipped / name).read_bytes() == (SHARED_SPEC / name).read_bytes(), name
