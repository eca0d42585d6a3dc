"""post65.text: messages by key, the .po reader, formatting per language, fallback and strict."""

from __future__ import annotations

import decimal
import enum
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from post65 import text
from post65.errors import InvalidParameter
from post65.money import format_amount, nok
from post65.text import Lang, Message, msg, parse_po, strict

NBSP = "\u00a0"


def show(s: str) -> str:
    return s.replace(NBSP, "_")


def field(spec: str, value: object, lang: Lang | str = Lang.NB) -> str:
    """One field formatted as a catalogue template ``{x:spec}`` would."""
    return show(text._formatters[lang].format_field(value, spec))


@pytest.fixture
def catalogues(monkeypatch: pytest.MonkeyPatch) -> dict[str, dict[str, str]]:
    """Catalogues the test may change; the caches are restored afterwards."""
    own: dict[str, dict[str, str]] = {lang: dict(text._catalogue(lang)) for lang in Lang}
    monkeypatch.setattr(text, "_catalogues", own)
    monkeypatch.setattr(text, "_compiled", {})
    monkeypatch.setattr(text, "_formatters", {lang: text._Formatter(lang) for lang in Lang})
    return own


# --- Lang ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("value", "lang"), [("nb", Lang.NB), ("nn", Lang.NN), (Lang.EN, Lang.EN)])
def test_lang_parse_accepts_codes_and_members(value: object, lang: Lang) -> None:
    assert Lang.parse(value) is lang


@pytest.mark.parametrize("value", ["NB", "no", "", "nb ", None, 1, b"nb"])
def test_lang_parse_refuses_anything_else(value: object) -> None:
    with pytest.raises(ValueError, match="unknown language"):
        Lang.parse(value)


def test_render_refuses_an_unknown_language() -> None:
    with pytest.raises(InvalidParameter, match='unknown language "de"'):
        msg("example.not_met", reason="x")("de")


# --- Message ------------------------------------------------------------------------------


def test_building_a_message_reads_no_catalogue(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(lang: Lang) -> dict[str, str]:
        raise AssertionError("catalogue read while building")

    monkeypatch.setattr(text, "_catalogue", refuse)
    m = msg("no.such.key", n=1)
    assert m == Message("no.such.key", {"n": 1})
    assert msg("k").args == {}


def test_message_equality_and_hash_allow_list_arguments() -> None:
    a, b = msg("k", items=["x"]), msg("k", items=["x"])
    assert a == b
    assert hash(a) == hash(b)
    assert a != msg("k", items=["y"])
    assert len({a, b, msg("k", items=["y"])}) == 2


def test_key_is_positional_only_so_an_argument_may_be_named_key() -> None:
    assert msg("k", key="v").args == {"key": "v"}


def test_call_and_render_agree_in_every_language() -> None:
    m = msg("example.not_met", reason="sent")
    assert m() == m.render() == m("nb") == "Ikke oppfylt: sent."
    assert m(Lang.NN) == "Ikkje oppfylt: sent."
    assert m.render("en") == "Not met: sent."


def test_nested_messages_and_sequences_render_in_the_same_language() -> None:
    inner = msg("example.language", lang=Lang.NB)
    m = msg("example.grant", n=1, amount=5, uses=[inner, "iv", Lang.EN])
    assert show(m("nn")) == "1 kommune får 5_kr til språket er bokmål, iv og engelsk."
    assert show(m("en")) == (
        "1 municipality receives 5_kr for the language is Bokmål, iv and English."
    )


# --- formats ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "nb", "en"),
    [
        (1_234_567, "1_234_567_kr", "1_234_567_kr"),
        (Decimal("2500.5"), "2_500,50_kr", "2_500.50_kr"),
        (Decimal("0.005"), "0,01_kr", "0.01_kr"),
        (Decimal("-0.001"), "0_kr", "0_kr"),
        (Decimal("-75"), "-75_kr", "-75_kr"),
        (Decimal("999.999"), "1_000_kr", "1_000_kr"),
        (nok(Decimal("12.50")), "12,50_kr", "12.50_kr"),
    ],
)
def test_kroner(value: object, nb: str, en: str) -> None:
    assert field("kr", value, "nb") == field("kr", value, "nn") == nb
    assert field("kr", value, "en") == en


def test_a_money_quantity_without_format_is_written_as_kroner() -> None:
    assert field("", nok(1000), "en") == "1_000_kr"


def test_thousands_of_kroner_round_half_up() -> None:
    assert field("tkr", Decimal(120_000_000)) == "120_000"
    assert field("tkr", Decimal(1500)) == "2"
    assert field("tkr", nok(Decimal(1499))) == "1"


@pytest.mark.parametrize(
    ("value", "nb", "en"),
    [
        (5_550_203, "5_550_203", "5_550_203"),
        (Decimal("12345.5"), "12_345,5", "12_345.5"),
        (Decimal("1.50"), "1,50", "1.50"),
        (Decimal("-0"), "0", "0"),
    ],
)
def test_numbers(value: object, nb: str, en: str) -> None:
    assert field("num", value, "nn") == nb
    assert field("num", value, "en") == en


@pytest.mark.parametrize(
    ("value", "pct_nb", "pct_en", "pct0"),
    [
        (Decimal("0.0405"), "4,05_%", "4.05_%", "4_%"),
        (Decimal("0.000050"), "0,01_%", "0.01_%", "0_%"),
        (Decimal("0.125"), "12,50_%", "12.50_%", "13_%"),
        (Decimal("0.005"), "0,50_%", "0.50_%", "1_%"),
        (1, "100,00_%", "100.00_%", "100_%"),
    ],
)
def test_per_cent_rounds_half_up(value: object, pct_nb: str, pct_en: str, pct0: str) -> None:
    assert field("pct", value, "nb") == pct_nb
    assert field("pct", value, "en") == pct_en
    assert field("pct0", value, "nn") == field("pct0", value, "en") == pct0


def test_formats_ignore_the_callers_decimal_context() -> None:
    share, amount = Decimal("0.123456"), Decimal("1234567.895")
    expected = field("pct", share), field("kr", amount), field("tkr", amount)
    with decimal.localcontext(decimal.Context(prec=2, rounding=decimal.ROUND_DOWN, traps=[])):
        assert (field("pct", share), field("kr", amount), field("tkr", amount)) == expected
    assert expected == ("12,35_%", "1_234_567,90_kr", "1_235")


@pytest.mark.parametrize(
    ("items", "nb_and", "nb_or", "en_and"),
    [
        ([], "", "", ""),
        (["a"], "a", "a", "a"),
        (("a", "b"), "a og b", "a eller b", "a and b"),
        (["a", "b", "c"], "a, b og c", "a, b eller c", "a, b and c"),
    ],
)
def test_lists(items: list[str], nb_and: str, nb_or: str, en_and: str) -> None:
    assert field("list", items, "nb") == field("list", items, "nn") == nb_and
    assert field("or", items, "nb") == nb_or
    assert field("list", items, "en") == en_and
    assert field("or", items, "en") == en_and.replace(" and ", " or ")


def test_plural_chooses_the_catalogues_own_words() -> None:
    assert field("plural:kommune|kommunar", 1, "nn") == "kommune"
    assert field("plural:kommune|kommunar", Decimal("1.0"), "nn") == "kommune"
    assert field("plural:kommune|kommunar", 0, "nn") == "kommunar"
    assert field("plural:kommune|kommunar", 2, "nn") == "kommunar"


def test_dates_are_iso_in_every_language() -> None:
    for lang in Lang:
        assert field("date", date(2024, 6, 1), lang) == field("", date(2024, 6, 1), lang)
        assert field("date", date(2024, 6, 1), lang) == "2024-06-01"


class Colour(enum.Enum):
    RED = "red"


def test_enum_labels_come_from_the_catalogue_or_fall_back_to_the_value() -> None:
    assert [field("", lang, "nn") for lang in Lang] == ["bokmål", "nynorsk", "engelsk"]
    assert [field("", lang, "en") for lang in Lang] == ["Bokmål", "Nynorsk", "English"]
    assert field("", Colour.RED, "nb") == "red"
    with strict(), pytest.raises(KeyError, match=r"enum\.Colour\.red"):
        field("", Colour.RED, "nb")


@pytest.mark.parametrize(
    ("spec", "value", "error"),
    [
        ("kr", 1.5, TypeError),
        ("kr", True, TypeError),
        ("num", "12", TypeError),
        ("pct", 0.04, TypeError),
        ("num", Decimal("NaN"), ValueError),
        ("kr", Decimal("Infinity"), ValueError),
        ("num", 10**100, ValueError),
        ("num", Decimal("1E-100"), ValueError),
        ("list", "abc", TypeError),
        ("date", "2024-06-01", TypeError),
        ("plural:one", 1, ValueError),
    ],
)
def test_formats_refuse_what_they_cannot_write(
    spec: str, value: object, error: type[Exception]
) -> None:
    with pytest.raises(error):
        field(spec, value)


@pytest.mark.parametrize("template", ["{}", "{0}", "{a.b}", "{a[0]}", "{a!r}", "{a:x}", "{a:{b}}"])
def test_templates_refuse_fields_outside_the_small_language(template: str) -> None:
    with pytest.raises(ValueError, match=r"placeholder|unknown format"):
        text.placeholders(template)


def test_placeholders_and_escaped_braces() -> None:
    assert text.placeholders("{{x}} {a} {b:kr} {a:pct}") == {"a", "b"}


@given(st.decimals(min_value=-(10**15), max_value=10**15, places=4))
def test_kroner_match_post65_money(value: Decimal) -> None:
    assert text._formatters[Lang.NB].format_field(value, "kr") == format_amount(nok(value))


@given(st.one_of(st.integers(-(10**30), 10**30), st.decimals(allow_nan=False, allow_infinity=False,
       min_value=-(10**30), max_value=10**30, places=6)))  # fmt: skip
def test_numbers_read_back_to_the_same_value(value: int | Decimal) -> None:
    for lang, mark in ((Lang.NB, ","), (Lang.EN, ".")):
        written = text._formatters[lang].format_field(value, "num")
        assert Decimal(written.replace(NBSP, "").replace(mark, ".")) == value


# --- missing keys and arguments -----------------------------------------------------------


def test_a_key_missing_from_a_language_falls_back_to_bokmal_then_the_key(
    catalogues: dict[str, dict[str, str]],
) -> None:
    del catalogues[Lang.EN]["example.not_met"]
    m = msg("example.not_met", reason="x")
    assert m("en") == "Ikke oppfylt: x."
    with strict(), pytest.raises(KeyError, match="missing from the en catalogue"):
        m("en")  # the fallback above was not kept
    del catalogues[Lang.NB]["example.not_met"]
    assert m("en") == "example.not_met"


def test_the_environment_variable_turns_strict_mode_on(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("POST65_STRICT_TEXT", "1")
    with pytest.raises(KeyError):
        msg("example.no_such_key")()
    with strict(False):
        monkeypatch.delenv("POST65_STRICT_TEXT")
        assert msg("example.no_such_key")() == "example.no_such_key"


def test_a_missing_argument_is_shown_as_its_placeholder_unless_strict() -> None:
    assert msg("example.not_met")("nn") == "Ikkje oppfylt: {reason}."
    with strict(), pytest.raises(KeyError, match="needs the argument 'reason'"):
        msg("example.not_met")("nn")


def test_an_empty_template_and_a_template_without_fields(
    catalogues: dict[str, dict[str, str]],
) -> None:
    catalogues[Lang.NB]["t.empty"] = ""
    catalogues[Lang.NB]["t.plain"] = "Bare tekst {{ok}}."
    assert msg("t.empty")() == ""
    assert msg("t.plain", unused=1)() == "Bare tekst {ok}."


# --- the .po reader -----------------------------------------------------------------------

PO = r"""
# A translator's comment.
msgid ""
msgstr ""
"Language: nb\n"

#. A note for translators.
#: src/post65/x.py:12
msgid "a.one"
msgstr "Første "
"linje\n"
"«sitat» \"x\" \\ \t"

#, fuzzy
msgid "a.fuzzy"
msgstr "usikker"

msgid "a.untranslated"
msgstr ""

#, python-brace-format
msgid "a.two"
msgstr "{n:num}"
"""


def test_po_reader_reads_entries_continuations_and_escapes() -> None:
    assert parse_po(PO) == {"a.one": 'Første linje\n«sitat» "x" \\ \t', "a.two": "{n:num}"}


@pytest.mark.parametrize(
    ("source", "error"),
    [
        ('msgid "a"\nmsgstr "x"\n\nmsgid "a"\nmsgstr "y"\n', "t.po:4: key 'a' is given twice"),
        ('msgid "a"\nmsgstr "x"\nmsgid "a"\nmsgstr ""\n', "given twice"),
        ('msgctxt "c"\nmsgid "a"\nmsgstr "x"\n', "t.po:1: unsupported keyword 'msgctxt'"),
        ('msgid "a"\nmsgid_plural "as"\nmsgstr[0] "x"\n', "unsupported keyword 'msgid_plural'"),
        ('msgid "a"\nmsgstr "x\\q"\n', "t.po:2: unknown escape"),
        ('msgid "a"\nmsgstr "x"y"\n', "unescaped quote"),
        ('msgid "a"\nmsgstr x\n', "t.po:2: expected a quoted string"),
        ('msgid "a"\nmsgstr "x\n', "expected a quoted string"),
        ('"x"\nmsgid "a"\nmsgstr "x"\n', "t.po:1: a continuation string outside an entry"),
        ('msgstr "x"\n', "msgstr without its msgid"),
        ('msgid "a"\nmsgstr "x"\nmsgstr "y"\n', "msgstr without its msgid"),
        ('msgid "a"\n\nmsgid "b"\nmsgstr "y"\n', "t.po:1: an entry needs both msgid and msgstr"),
        ('msgid "a"\n', "needs both"),
    ],
)
def test_po_reader_refuses_malformed_files(source: str, error: str) -> None:
    with pytest.raises(ValueError, match=error.replace(".", r"\.").replace("'", "'")):
        parse_po(source, "t.po")


def test_keys_and_template_read_the_shipped_catalogues() -> None:
    assert "example.grant" in text.keys("nn")
    assert text.template(Lang.EN, "format.decimal_mark") == "."
    with pytest.raises(KeyError):
        text.template("nb", "example.no_such_key")
