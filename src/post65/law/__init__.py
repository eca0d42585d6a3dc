"""The sources of the rules, the shipped regulation text, and citations checked against it.

The regulation for scheme a (``regelverk-a-2023``, fastsatt 12.12.2023) ships with the package as
published (text extracted from the PDF). Every citation of a shipped source carries a quote that
must be found in that text verbatim after whitespace normalisation; :func:`verify_citation` checks
it and the test suite checks every rule's citation. Sources that are not shipped (the 2024
forskrift, a county's call) are cited by title, date and URL and marked ``shipped=False``.
"""

from __future__ import annotations

import functools
import re

import attrs

__all__ = [
    "SOURCES",
    "Citation",
    "Source",
    "normalise",
    "source",
    "source_text",
    "verify_citation",
]


@attrs.frozen
class Source:
    """A document rules are taken from."""

    id: str
    title: str
    date: str
    url: str
    shipped: bool
    file: str | None = None
    note: str = ""


@attrs.frozen
class Citation:
    """Where a rule comes from: a source id, a section, and the words of the source."""

    source: str
    section: str
    quote: str

    @property
    def shipped(self) -> bool:
        """Whether the source text ships with the package (and the quote is checked)."""
        return SOURCES[self.source].shipped


SOURCES: dict[str, Source] = {
    s.id: s
    for s in (
        Source(
            id="regelverk-a-2023",
            title=(
                "Regelverk for ordningen Bistand og veiledning til distriktskommuner (ordning a), "
                "kap. 553 post 65"
            ),
            date="2023-12-12",
            url="https://www.regjeringen.no/no/tema/kommuner-og-regioner/regional-og-distriktspolitikk/id1295/",
            shipped=True,
            file="regelverk-ordning-a-2023-12-12.txt",
            note="Fastsatt av Kommunal- og distriktsdepartementet 12.12.2023.",
        ),
        Source(
            id="forskrift-omstilling-2024",
            title=(
                "Forskrift om tilskuddsordninger til omstilling og utvikling i områder med "
                "særlige distriktsutfordringer (kap. 553 post 65, ordning b og c)"
            ),
            date="2024-04-03",
            url="https://www.regjeringen.no/no/dokumenter/omstillingsforskrift/id3036069/",
            shipped=False,
            note="Not shipped: cited by title, date and URL; quotes are paraphrases, not checked.",
        ),
        Source(
            id="call",
            title="Utlysning av kap. 553 post 65 ordning b, Innlandet fylkeskommune 2024",
            date="2024",
            url="https://www.regionalforvaltning.no/",
            shipped=False,
            note=(
                "Not shipped: one county's call (county practice, a parameter, not law); cited by "
                "title and URL."
            ),
        ),
        Source(
            id="innovasjon-norge",
            title="Innovasjon Norge: Omstillingsprogram – veileder for kommunal omstilling",
            date="2024",
            url="https://www.innovasjonnorge.no/",
            shipped=False,
            note="Not shipped: practice guidance, cited by title and URL.",
        ),
        Source(
            id="eu-de-minimis",
            title=(
                "Kommisjonsforordning (EU) 2023/2831 om bagatellmessig støtte (tidligere (EU) "
                "nr. 1407/2013), gjennomført i forskrift om unntak fra notifikasjonsplikt for "
                "offentlig støtte"
            ),
            date="2023-12-13",
            url="https://eur-lex.europa.eu/eli/reg/2023/2831/oj",
            shipped=False,
            note=(
                "Not shipped: cited by title, date and URL; the quote is post65's paraphrase of "
                "article 3(2)."
            ),
        ),
        Source(
            id="finnmark-omstilling",
            title="Finnmark fylkeskommune: Kommunal omstilling",
            date="2024",
            url="https://www.ffk.no/tjenester/naringsutvikling/samarbeid-og-satsingsomrader/kommunal-omstilling/",
            shipped=False,
            note=(
                "Not shipped: one county's public page, cited by title and URL; the quotes are "
                "post65's paraphrases."
            ),
        ),
    )
}


def source(source_id: str) -> Source:
    """The source called ``source_id``."""
    return SOURCES[source_id]


_SPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Collapse every run of white space to one space and strip the ends.

    >>> normalise("plan- \\nog  strategiprosesser ")
    'plan- og strategiprosesser'
    """
    return _SPACE.sub(" ", text).strip()


@functools.cache
def source_text(source_id: str) -> str:
    """The shipped text of a source, whitespace-normalised. Unshipped sources raise KeyError."""
    src = SOURCES[source_id]
    if not src.shipped or src.file is None:
        raise KeyError(f"{source_id} is not shipped with post65")
    from importlib import resources  # here: importing it costs ~7 ms

    raw = resources.files("post65.law").joinpath(src.file).read_text(encoding="utf-8")
    return normalise(raw)


def verify_citation(citation: Citation) -> bool:
    """True if the citation's source is known and, where it is shipped, its quote is found in it
    verbatim after whitespace normalisation.

    >>> verify_citation(Citation("regelverk-a-2023", "5", "inntil 5 prosent av tilskuddsmidlene"))
    True
    >>> verify_citation(Citation("regelverk-a-2023", "5", "inntil 10 prosent"))
    False
    """
    src = SOURCES.get(citation.source)
    if src is None:
        return False
    if not src.shipped:
        return bool(citation.quote.strip())
    return normalise(citation.quote) in source_text(citation.source)
