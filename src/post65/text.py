"""User-facing messages, kept by key in one catalogue per language and rendered when asked.

The bottom layer of post65: it imports only the standard library, attrs and its own .po reader
(:mod:`post65._po`), so errors, money, rules and the CLI can all build on it.

A message is a key and named arguments, looked up only when rendered in a language (a check that
makes hundreds of thousands of findings pays only for a small frozen object each):

>>> from decimal import Decimal
>>> m = msg("example.grant", n=3, amount=Decimal("2500.5"), uses=["iv", "v"])
>>> m
Message(key='example.grant', args={'n': 3, 'amount': Decimal('2500.5'), 'uses': ['iv', 'v']})
>>> show = lambda s: print(s.replace("\\u00a0", "_"))  # no-break spaces made visible
>>> show(m())  # bokmål by default
3 kommuner får 2_500,50_kr til iv og v.
>>> show(m(Lang.NN))
3 kommunar får 2_500,50_kr til iv og v.
>>> show(m.render("en"))
3 municipalities receive 2_500.50_kr for iv and v.

An argument that is itself a :class:`Message` is rendered in the same language, and an enum
member is shown by its label, so no English enum value leaks into Norwegian text:

>>> print(msg("example.not_met", reason=msg("example.language", lang=Lang.EN))(Lang.NN))
Ikkje oppfylt: språket er engelsk.
>>> print(msg("example.not_met", reason=msg("example.language", lang=Lang.NN))("en"))
Not met: the language is Nynorsk.

Catalogues
----------
``src/post65/locale/<lang>.po``, one gettext file per language, monolingual and key-based: the
``msgid`` is the key, the ``msgstr`` the text in that language, ``#.`` lines are notes for the
translators. gettext's own tools, Poedit, Weblate and Lokalize open them. A small strict reader
(:func:`parse_po`) reads them: no dependency. Each catalogue is read on first use and kept.

Placeholders are ``{name}`` or ``{name:format}``; the formats are the same in every language and
write numbers the way that language does:

============================  =========================================  =====================
spec                          bokmål / nynorsk                           English
============================  =========================================  =====================
``{x}``                       ``str(x)``; an enum member by its label    (same)
                              (``enum.<Class>.<value>``), a Message in
                              the same language, a money quantity as kr
``{x:kr}``                    ``1 234 567 kr``, ``2 500,50 kr``          ``2 500.50 kr``
``{x:tkr}``                   whole thousands: ``120 000``               ``120 000``
``{x:num}``                   ``12 345,5``                               ``12 345.5``
``{x:pct}``                   share ``0.0405`` → ``4,05 %``              ``4.05 %``
``{x:pct0}``                  share ``0.0405`` → ``4 %``                 ``4 %``
``{x:pctx}``                  share ``0.500000625`` → ``50,0000625 %``   ``50.0000625 %``
``{x:list}`` / ``{x:or}``     ``a, b og c`` / ``a, b eller c``           ``a, b and c`` / ``or``
``{n:plural:kommune|kommuner}``  the first word if ``n == 1``, else the second (each catalogue
                              writes its own words)
``{d:date}``                  ISO ``2024-06-01`` in every language (documents are ISO)
============================  =========================================  =====================

Kroner are Norwegian, so money is written the Norwegian way in every language (groups of three
digits, no-break spaces U+00A0, ``kr`` after the number); only the decimal mark follows the
language. ``kr`` and ``tkr`` take an ``int``, a ``Decimal`` or a pint quantity (anything with
``.to("NOK").magnitude``); ``num``, ``pct`` and ``pct0`` an ``int`` or a ``Decimal`` (never a
float). Rounding is ``ROUND_HALF_UP`` (to øre, whole thousands, two or zero decimals of per cent)
in a decimal context of this module's own: the caller's context never changes a text.

>>> show(msg("example.share", share=Decimal("0.0405"), minimum=Decimal("0.25"))("nb"))
Egenandelen er 4,05_%, minst 25_%.
>>> show(msg("example.population", date=__import__("datetime").date(2024, 1, 1),
...          population=5_550_203, budget=Decimal("120000000"), choices=["a", "b"])("en"))
Population 2024-01-01: 5_550_203; budget 120_000 thousand kr; may choose a or b.

A missing key
-------------
At run time a key missing from a language's catalogue falls back to the bokmål text, then to
the key itself (an enum label to the member's value), and a missing argument is left as
``{name}``: a user gets a readable message rather than a crash. Under :func:`strict` (or with
the environment variable ``POST65_STRICT_TEXT=1``) both raise ``KeyError`` instead; the tests use
it, and ``tests/test_catalogues.py`` keeps the catalogues complete, so the fallback never shows.

>>> with strict():
...     msg("example.no_such_key")("nn")
Traceback (most recent call last):
...
KeyError: "message 'example.no_such_key' is missing from the nn catalogue (post65/locale/nn.po)"
>>> msg("example.no_such_key")("nn")
'example.no_such_key'

How to add a message
--------------------
1. Write ``msg("area.what", name=value, ...)`` where the text is needed (a key is dotted:
   module or rule, then what it says, e.g. ``a.4-1.not_met``).
2. Add the key to ``nb.po``, ``nn.po`` and ``en.po`` with the same placeholder names.
3. Run ``tests/test_catalogues.py``: it lists keys missing or unused, placeholders that differ
   and calls whose arguments do not match. A key built at run time (``msg(f"enum...")``) is
   declared in a module-level ``DYNAMIC_KEYS`` (or ``KEYS``) tuple of that module.

How to add a language
---------------------
Add a member to :class:`Lang`, a catalogue ``locale/<code>.po`` with every key (copy ``en.po``,
translate each ``msgstr``, ``format.*`` too: the decimal mark, the words joining lists; style in
``locale/README.md``), the docs naming ``nb|nn|en``, and the places spelling the codes together
(``tests/test_languages.py`` finds them):

``text.Lang``, ``errors.Lang`` (a ``Literal``), ``errors._rendered``, ``errors.Problem`` and
``errors.Post65Error`` (a property per language), ``cli._options.LANGS``,
``report.document.ReportLanguage``, ``allocation.document.Note`` (a field per language) and
``allocation.document.Note.of``, and the message ``report.argument.lang`` in each catalogue.
"""

from __future__ import annotations

import contextvars
import enum
import os
import string
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import date
from decimal import ROUND_HALF_UP, Context, Decimal
from typing import Final

import attrs

from post65._empty import EMPTY
from post65._po import parse_po

__all__ = [
    "DYNAMIC_KEYS",
    "Lang",
    "Message",
    "keys",
    "msg",
    "parse_po",
    "placeholders",
    "strict",
    "template",
]

DYNAMIC_KEYS: Final = (
    # Read by the formatter itself.
    "format.and",
    "format.decimal_mark",
    "format.or",
    # Used by this module's doctests and tests/test_text.py.
    "example.grant",
    "example.language",
    "example.not_met",
    "example.population",
    "example.share",
)
"""Keys this module uses without a literal ``msg("...")`` call (see tests/test_catalogues.py)."""


UNKNOWN_LANGUAGE: Callable[[Message], ValueError] = lambda text: ValueError(text.render("en"))  # noqa: E731
"""What :meth:`Lang.parse` raises; post65.errors (it imports this module) sets InvalidParameter."""


class Lang(enum.StrEnum):
    """A language of user-facing text. Adding one: see «How to add a language» above."""

    NB = "nb"
    """Norwegian bokmål, the default."""
    NN = "nn"
    """Norwegian nynorsk."""
    EN = "en"
    """English."""

    @classmethod
    def parse(cls, value: object) -> Lang:
        """``value`` as a language: a :class:`Lang` or its code, else :data:`UNKNOWN_LANGUAGE`.

        >>> Lang.parse("nn")
        <Lang.NN: 'nn'>
        """
        if isinstance(value, cls):
            return value
        if isinstance(value, str):
            for lang in cls:
                if lang.value == value:
                    return lang
        shown = value[:40] if isinstance(value, str) and value.isprintable() else repr(value)[:40]
        raise UNKNOWN_LANGUAGE(msg("text.unknown_language", lang=shown, codes=[*map(str, cls)]))


_NO_ARGS: Final[Mapping[str, object]] = EMPTY


@attrs.frozen(slots=True)
class Message:
    """A message by key with its named arguments; rendered in a language when called.

    Equal when key and arguments are equal; the hash is the key's (arguments may be lists).
    """

    key: str
    args: Mapping[str, object] = attrs.field(default=_NO_ARGS, hash=False)

    def render(self, lang: Lang | str = Lang.NB) -> str:
        """The text in ``lang``: the catalogue's template with the arguments formatted."""
        parts = _compiled.get((lang, self.key))
        if parts is None:
            parts = _compile(Lang.parse(lang), self.key)
        if isinstance(parts, str):
            return parts
        fmt = _formatters[lang]
        args = self.args
        out: list[str] = []
        for literal, name, spec in parts:
            if literal:
                out.append(literal)
            if name:
                if name in args:
                    value = args[name]
                    if spec:
                        out.append(fmt.format_field(value, spec))
                    elif type(value) is str:
                        out.append(value)  # the common case, without a call
                    else:
                        out.append(fmt.plain(value))
                elif _is_strict():
                    raise KeyError(f"message {self.key!r} needs the argument {name!r}")
                else:
                    out.append("{" + name + "}")
        return "".join(out)

    __call__ = render
    """``message(lang)`` is ``message.render(lang)``: the text in ``lang``, bokmål by default."""


def msg(key: str, /, **args: object) -> Message:
    """The message ``key`` with ``args``; cheap: nothing is looked up until it is rendered.

    >>> msg("example.not_met", reason="for sent")("nb")
    'Ikke oppfylt: for sent.'
    """
    # Message(key, args) without attrs' __init__, its two slots set through their descriptors
    # (a check makes a message per rule and measure): a fifth faster
    message = _new(Message)
    _set_key(message, key)
    _set_args(message, args or _NO_ARGS)
    return message


_new: Final = object.__new__
_set_key: Final[Callable[[Message, str], None]] = vars(Message)["key"].__set__  # slot descriptor
_set_args: Final[Callable[[Message, Mapping[str, object]], None]] = vars(Message)["args"].__set__


# --- strict mode ----------------------------------------------------------------------------

_strict: Final = contextvars.ContextVar("post65_text_strict", default=False)


def _is_strict() -> bool:
    return _strict.get() or os.environ.get("POST65_STRICT_TEXT") == "1"


@contextmanager
def strict(enabled: bool = True) -> Iterator[None]:
    """Within the block, a missing key or argument raises ``KeyError`` instead of falling back."""
    token = _strict.set(enabled)
    try:
        yield
    finally:
        _strict.reset(token)


# --- catalogues -----------------------------------------------------------------------------

_catalogues: dict[str, dict[str, str]] = {}


def _catalogue(lang: Lang) -> dict[str, str]:
    found = _catalogues.get(lang)
    if found is None:
        name = f"{lang.value}.po"
        from importlib import resources  # here: importing it costs ~10 ms

        source = resources.files("post65").joinpath("locale").joinpath(name)
        found = _catalogues[lang] = parse_po(source.read_text(encoding="utf-8"), name)
    return found


def _lookup(lang: Lang, key: str) -> str | None:
    """The text of ``key`` in ``lang``, else (unless strict) bokmål's, else ``None``."""
    found = _catalogue(lang).get(key)
    if found is None:
        if _is_strict():
            raise KeyError(
                f"message {key!r} is missing from the {lang.value} catalogue"
                f" (post65/locale/{lang.value}.po)"
            )
        found = _catalogue(Lang.NB).get(key)
    return found


def keys(lang: Lang | str) -> frozenset[str]:
    """Every key of ``lang``'s catalogue."""
    return frozenset(_catalogue(Lang.parse(lang)))


def template(lang: Lang | str, key: str) -> str:
    """The catalogue's own text of ``key`` in ``lang`` (``KeyError`` if missing: no fallback).

    >>> template("nn", "example.not_met")
    'Ikkje oppfylt: {reason}.'
    """
    return _catalogue(Lang.parse(lang))[key]


_parser: Final = string.Formatter()


def _fields(text: str) -> list[tuple[str, str, str]]:
    """``text`` as (literal, name, spec) triples; only named fields with literal specs."""
    parts: list[tuple[str, str, str]] = []
    for literal, name, spec, conversion in _parser.parse(text):
        if name is not None and (not name.isidentifier() or conversion or "{" in (spec or "")):
            raise ValueError(f"placeholder {{{name}}} in {text!r}: use {{name}} or {{name:spec}}")
        if spec and spec.partition(":")[0] not in _SPECS:
            raise ValueError(f"unknown format {spec!r} in {text!r}; use one of {sorted(_SPECS)}")
        parts.append((literal, name or "", spec or ""))
    return parts


def placeholders(text: str) -> set[str]:
    """The argument names a template uses.

    >>> sorted(placeholders("{n} {n:plural:kommune|kommuner} får {amount:kr}"))
    ['amount', 'n']
    """
    return {name for _, name, _ in _fields(text) if name}


_Compiled = str | tuple[tuple[str, str, str], ...]
_compiled: dict[tuple[str, str], _Compiled] = {}


def _compile(lang: Lang, key: str) -> _Compiled:
    own = _catalogue(lang).get(key)
    found = own if own is not None else _lookup(lang, key)
    if found is None:
        return key
    parts = _fields(found)
    compiled: _Compiled = tuple(parts)
    if not parts:
        compiled = ""
    elif len(parts) == 1 and not parts[0][1]:
        compiled = parts[0][0]
    if own is not None:  # a fallback is not kept: a later strict() must still see it missing
        _compiled[(lang, key)] = compiled
    return compiled


# --- formatting -----------------------------------------------------------------------------

_CTX: Final = Context(prec=100, rounding=ROUND_HALF_UP)
_CENT: Final = Decimal("0.01")
_ONE: Final = Decimal(1)
_NBSP: Final = "\u00a0"


def _number(value: object, spec: str) -> Decimal:
    if isinstance(value, int) and not isinstance(value, bool):
        value = Decimal(value)
    if isinstance(value, Decimal):
        if not value.is_finite() or value.adjusted() > 99:
            raise ValueError(f"{{:{spec}}} needs a finite number below 10^100, not {value}")
        return value
    to = getattr(value, "to", None)
    if to is not None and spec in ("kr", "tkr"):
        return _number(to("NOK").magnitude, spec)
    kinds = "an int, a Decimal or a money quantity" if spec in ("kr", "tkr") else "int or Decimal"
    raise TypeError(f"{{:{spec}}} needs {kinds}, not {type(value).__name__}")


class _Formatter(string.Formatter):
    """Formats one field in one language (see the table in the module's docstring)."""

    def __init__(self, lang: Lang) -> None:
        self.lang = lang
        self._labels: dict[tuple[type, object], str] = {}
        self._words: tuple[str, str, str] | None = None

    def words(self) -> tuple[str, str, str]:
        """The decimal mark and the words for «and» and «or» in this language."""
        if self._words is None:
            mark, and_, or_ = (
                _lookup(self.lang, f"format.{k}") for k in ("decimal_mark", "and", "or")
            )
            self._words = (mark or ",", and_ or "og", or_ or "eller")
        return self._words

    def grouped(self, value: Decimal) -> str:
        """``value`` with no-break spaces between groups of three digits and the decimal mark."""
        if not value:
            value = value.copy_abs()  # no "-0"
        text = format(value, ",f").replace(",", _NBSP)
        return text.replace(".", self.words()[0])

    def label(self, member: enum.Enum) -> str:
        """An enum member's label: ``enum.<Class>.<value>`` in the catalogue."""
        value = member._value_  # what .value gives, without the enum property's call
        cache = (type(member), value)
        found = self._labels.get(cache)
        if found is None:
            key = f"enum.{type(member).__name__}.{value}"
            own = _catalogue(self.lang).get(key)
            text = own if own is not None else _lookup(self.lang, key)
            found = str(value) if text is None else text
            if own is not None:
                self._labels[cache] = found
        return found

    def plain(self, value: object) -> str:
        """``{x}``: an argument without a format."""
        # The common kinds first, by their exact type (a check's output renders millions).
        if type(value) is str:
            return value
        if type(value) is Message:
            return value.render(self.lang)
        if type(value) is int:
            return str(value)
        if type(value) is tuple or type(value) is list:
            return ", ".join([self.plain(item) for item in value])
        if isinstance(value, Message):
            return value.render(self.lang)
        if isinstance(value, enum.Enum):
            return self.label(value)
        if isinstance(value, date):
            return value.isoformat()
        if isinstance(value, Sequence) and not isinstance(value, str):
            return ", ".join(self.plain(item) for item in value)
        if hasattr(value, "to") and hasattr(value, "magnitude"):
            return self.kroner(value)
        return str(value)

    def kroner(self, value: object) -> str:
        cents = _number(value, "kr").quantize(_CENT, context=_CTX)
        whole = cents.quantize(_ONE, context=_CTX)
        return self.grouped(whole if whole == cents else cents) + _NBSP + "kr"

    def joined(self, value: object, word: str) -> str:
        if not isinstance(value, Sequence) or isinstance(value, str):
            raise TypeError(f"a list format needs a sequence, not {type(value).__name__}")
        items = [self.plain(item) for item in value]
        if len(items) < 2:
            return "".join(items)
        return f"{', '.join(items[:-1])} {word} {items[-1]}"

    def format_field(self, value: object, format_spec: str) -> str:
        if not format_spec:
            return self.plain(value)
        kind, _, rest = format_spec.partition(":")
        return _SPECS[kind](self, value, rest)


def _tkr(f: _Formatter, value: object, _: str) -> str:
    return f.grouped(_CTX.scaleb(_number(value, "tkr"), -3).quantize(_ONE, context=_CTX))


def _pct(f: _Formatter, value: object, spec: str, places: Decimal | None) -> str:
    hundred = _CTX.multiply(_number(value, spec), 100)
    if places is None:  # ``pctx``: every decimal the share has, at least two
        places = _CENT if hundred == hundred.quantize(_CENT, context=_CTX) else hundred.normalize()
    return f.grouped(hundred.quantize(places, context=_CTX)) + _NBSP + "%"


def _num(f: _Formatter, value: object, _: str) -> str:
    number = _number(value, "num")
    if number and number.adjusted() < -99:  # written out in full, it would be 100 zeros long
        raise ValueError(f"{{:num}} needs a number of at least 10^-99, not {value}")
    return f.grouped(number)


def _plural(f: _Formatter, value: object, words: str) -> str:
    one, bar, many = words.partition("|")
    if not bar:
        raise ValueError(f"plural needs two words, singular|plural, not {words!r}")
    return one if value == 1 else many


def _date(f: _Formatter, value: object, _: str) -> str:
    if not isinstance(value, date):
        raise TypeError(f"{{:date}} needs a date, not {type(value).__name__}")
    return value.isoformat()


_SPECS: Final[dict[str, Callable[[_Formatter, object, str], str]]] = {
    "kr": lambda f, v, _: f.kroner(v),
    "tkr": _tkr,
    "num": _num,
    "pct": lambda f, v, _: _pct(f, v, "pct", _CENT),
    "pct0": lambda f, v, _: _pct(f, v, "pct0", _ONE),
    "pctx": lambda f, v, _: _pct(f, v, "pctx", None),
    "list": lambda f, v, _: f.joined(v, f.words()[1]),
    "or": lambda f, v, _: f.joined(v, f.words()[2]),
    "plural": _plural,
    "date": _date,
}

_formatters: Final[dict[str, _Formatter]] = {lang: _Formatter(lang) for lang in Lang}
