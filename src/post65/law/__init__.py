"""The sources of the rules, the shipped texts, citations checked against them, and readings.

The regulation for scheme a (``regelverk-a-2023``, fastsatt 12.12.2023) ships with the package as
published (text extracted from the PDF), and so do the saved verbatim excerpts of the public pages
that ground schemes b and c (``sources/``, each file opening with its URL). A :class:`Citation`
holds either a ``quote`` (the source's own words, :attr:`Citation.verbatim` only when they are found
in the shipped text after whitespace normalisation) or a ``paraphrase`` (post65's wording, never
shown as a quotation). Sources that are not shipped (the 2024 forskrift, whose sections are not
known; the EEA de minimis regulation) are cited by title, date and URL and marked
``shipped=False``.

An :class:`Interpretation` says where a rule's reading goes beyond the words: its ``basis`` is the
law itself, a cited practice (a source with title, date and URL), or post65's own reading
(``library``), with the other readings a reasonable reader could take.
"""

from __future__ import annotations

import enum
import functools
import re
from typing import Any

import attrs

from post65._arguments import checked, wrong_field
from post65.errors import Post65Error
from post65.text import Message, msg

__all__ = [
    "SOURCES",
    "Alternative",
    "Basis",
    "Citation",
    "Interpretation",
    "Source",
    "UnknownSource",
    "cited",
    "marked",
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


def marked(section: str) -> str:
    """A section as a reference shows it: ``§ 6``, but an article of an EU regulation as it is
    named (``art. 3(2)``), and a section that already has its ``§`` without another.

    >>> marked("6"), marked("art. 3(2)"), marked("§ 3")
    ('§ 6', 'art. 3(2)', '§ 3')
    """
    return section if section.startswith(("art.", "§")) else f"§ {section}"


def cited(source: str, section: str) -> str:
    """A source and its section as one reference: ``regelverk-a-2023 § 6``,
    ``Forordning (EU) 2023/2831 art. 3(2)`` (see :func:`marked`)."""
    return f"{source} {marked(section)}"


@attrs.frozen
class Citation:
    """Where a rule comes from: a source id, a section, and either the words of the source
    (``quote``) or post65's wording of them (``paraphrase``), never both."""

    source: str
    section: str
    quote: str = ""
    paraphrase: str = ""

    @property
    def shipped(self) -> bool:
        """Whether the source text ships with the package (and the quote is checked)."""
        return source(self.source).shipped

    @property
    def verbatim(self) -> bool:
        """True only when :attr:`quote` is found word for word (after whitespace normalisation)
        in the shipped text of the source."""
        _checked_fields(self)
        return bool(self.quote.strip()) and _found(self.source, self.quote)


_TEXTS = dict.fromkeys(("source", "section", "quote", "paraphrase"), (str,))


def _checked_fields(citation: Citation) -> None:
    """Nothing when every field of ``citation`` is a text (one built in code holds what it is
    given), else :class:`~post65.errors.InvalidArgument` naming it (``citation.quote``)."""
    wrong = wrong_field(citation, "citation", _TEXTS)
    if wrong is not None:
        raise wrong


class Basis(enum.StrEnum):
    """What a reading rests on."""

    LAW = "law"
    """The words of the law (or of the cited source) say it."""
    PRACTICE = "practice"
    """A cited practice (a county's call or page, Innovasjon Norge, KDD) says it."""
    LIBRARY = "library"
    """post65's own reading: the words do not settle it."""


@attrs.frozen
class Alternative:
    """Another reading a reasonable reader could take, with its text."""

    id: str
    text: Message


def _known_source(instance: Interpretation, attribute: object, value: str | None) -> None:
    if value is not None and value not in SOURCES:
        raise ValueError(f"unknown source {value!r}")
    if instance.basis is Basis.PRACTICE and value is None:
        raise ValueError("an interpretation with basis practice names its source")


@attrs.frozen
class Interpretation:
    """How a rule reads the words: ``id`` (unique within the rule), the ``text`` (a catalogue
    message, ``interp.<rule>.<id>``), its :class:`Basis`, the ``source`` it rests on (required for
    practice: its title, date and URL are in :data:`SOURCES`), the other readings, and the
    parameter that selects one (only where such a parameter exists)."""

    id: str
    text: Message
    basis: Basis
    source: str | None = attrs.field(default=None, validator=_known_source)
    alternatives: tuple[Alternative, ...] = ()
    parameter: str | None = None

    @classmethod
    def law(cls, id: str, text: Message, source: str | None = None) -> Interpretation:
        """A reading the words themselves give."""
        return cls(id, text, Basis.LAW, source)

    @classmethod
    def practice(
        cls, id: str, text: Message, source: str, *alternatives: Alternative
    ) -> Interpretation:
        """A reading a cited practice gives (``source``: its title, date and URL)."""
        return cls(id, text, Basis.PRACTICE, source, alternatives)

    @classmethod
    def library(cls, id: str, text: Message, *alternatives: Alternative) -> Interpretation:
        """post65's own reading, where the words do not settle it."""
        return cls(id, text, Basis.LIBRARY, None, alternatives)

    def selected_by(self, parameter: str) -> Interpretation:
        """This reading, with the parameter that selects it or one of its alternatives
        (``reading.a-1.2``, declared in :data:`post65.parameter_table.READINGS` with this
        reading's id as its default)."""
        return attrs.evolve(self, parameter=parameter)

    def to_json(self, lang: str = "nb") -> dict[str, Any]:
        """The interpretation as ``post65 rules --format json`` prints it."""
        src = None if self.source is None else SOURCES[self.source]
        return {
            "id": self.id,
            "basis": self.basis.value,
            "text": self.text(lang),
            "source": None
            if src is None
            else {"id": src.id, "title": src.title, "date": src.date, "url": src.url},
            "alternatives": [{"id": a.id, "text": a.text(lang)} for a in self.alternatives],
            "parameter": self.parameter,
        }


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
            note=(
                "Not shipped: only its existence and scope are known (the page "
                "regjeringen-omstillingsforskrift); its sections were not found. Cited by title, "
                "date and URL."
            ),
        ),
        Source(
            id="regjeringen-omstillingsforskrift",
            title=(
                "Regjeringen.no: Forskrift om tilskuddsordninger til omstilling og utvikling i "
                "områder med særlige distriktsutfordringer (omtale av forskriften)"
            ),
            date="2024-04-03",
            url="https://www.regjeringen.no/no/dokumenter/omstillingsforskrift/id3036069/",
            shipped=True,
            file="sources/01_regjeringen_omstillingsforskrift_id3036069.txt",
            note="Shipped: the saved opening of the public page, verbatim.",
        ),
        Source(
            id="call",
            title="Utlysning av kap. 553 post 65 ordning b, Innlandet fylkeskommune 2024",
            date="2024",
            url="https://regionalforvaltning.no/Startside/Velkommen.aspx?Ordning_Id=4559&Cookie=0",
            shipped=True,
            file="sources/04_county_calls_criteria.txt",
            note=(
                "Shipped: saved verbatim excerpts of one county's call (county practice, not law); "
                "the saved text holds only its opening quotes."
            ),
        ),
        Source(
            id="more-og-romsdal-omstilling",
            title=(
                "Møre og Romsdal fylkeskommune: Omstilling og utvikling i område med særlege "
                "distriktsutfordringar"
            ),
            date="2024",
            url=(
                "https://mrfylke.no/tenester/tilskot-prisar-og-stipend/oversikt-over-tilskot-"
                "prisar-og-stipend/omstilling-og-utvikling-i-omrade-med-sarlege-"
                "distriktsutfordringar.11448.aspx"
            ),
            shipped=True,
            file="sources/04_county_calls_criteria.txt",
            note="Shipped: a county's public page (goals and criteria of b and c), verbatim.",
        ),
        Source(
            id="innovasjon-norge",
            title="Innovasjon Norge: Regional omstilling (Om omstilling, Avklaringsfasen)",
            date="2024",
            url="https://www.innovasjonnorge.no/no/regional-omstilling/om-omstilling2/",
            shipped=True,
            file="sources/03_innovasjonnorge_regional_omstilling.txt",
            note=(
                "Shipped: saved openings of Innovasjon Norge's pages, verbatim (its «Veileder for "
                "omstillingsarbeid» itself was not found)."
            ),
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
            shipped=True,
            file="sources/02_ffk_kommunal_omstilling.txt",
            note="Shipped: the saved opening of one county's public page, verbatim.",
        ),
    )
}


class UnknownSource(Post65Error, KeyError):
    """A source id :data:`SOURCES` does not hold, or (:func:`source_text`) one whose text does not
    ship with post65: a :class:`~post65.errors.Post65Error` and a ``KeyError``."""

    def __str__(self) -> str:
        return self.en


def source(source_id: str) -> Source:
    """The source called ``source_id`` (:class:`UnknownSource` if there is none)."""
    checked("source_id", source_id, str)
    found = SOURCES.get(source_id)
    if found is None:
        shown = repr(source_id[:40]) + ("…" if len(source_id) > 40 else "")  # cut visibly
        raise UnknownSource(msg("law.source.unknown", id=shown, known=list(SOURCES)))
    return found


_SPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Collapse every run of white space to one space and strip the ends.

    >>> normalise("plan- \\nog  strategiprosesser ")
    'plan- og strategiprosesser'
    """
    checked("text", text, str)
    return _SPACE.sub(" ", text).strip()


def source_text(source_id: str) -> str:
    """The shipped text of a source, whitespace-normalised. An unknown or unshipped source raises
    :class:`UnknownSource` (a ``KeyError``)."""
    src = source(source_id)
    if not src.shipped or src.file is None:
        raise UnknownSource(msg("law.source.not_shipped", id=source_id))
    return _shipped_text(src.file)


@functools.cache
def _shipped_text(file: str) -> str:
    """The text of the shipped file ``file``, whitespace-normalised (read once)."""
    from importlib import resources  # here: importing it costs ~7 ms

    raw = resources.files("post65.law").joinpath(file).read_text(encoding="utf-8")
    return normalise(raw)


@functools.cache
def _found(source_id: str, quote: str) -> bool:
    """Whether ``quote`` is found in the shipped text of ``source_id`` (False when not shipped)."""
    src = SOURCES.get(source_id)
    if src is None or not src.shipped:
        return False
    return normalise(quote) in source_text(source_id)


def verify_citation(citation: Citation) -> bool:
    """True if the citation's source is known and it is honest: a non-empty quote is verbatim
    (found in the shipped text after whitespace normalisation); without a quote, a paraphrase is
    given. A citation has a quote or a paraphrase, never both.

    >>> verify_citation(Citation("regelverk-a-2023", "5", "inntil 5 prosent av tilskuddsmidlene"))
    True
    >>> verify_citation(Citation("regelverk-a-2023", "5", "inntil 10 prosent"))
    False
    >>> verify_citation(Citation("eu-de-minimis", "art. 3(2)", paraphrase="høyst EUR 300 000"))
    True

    What is not a :class:`Citation`, or one built in code with a field that is no text, raises
    :class:`~post65.errors.InvalidArgument` naming it.
    """
    checked("citation", citation, Citation)
    _checked_fields(citation)
    if citation.source not in SOURCES:
        return False
    if citation.quote.strip():
        return not citation.paraphrase.strip() and citation.verbatim
    return bool(citation.paraphrase.strip())
