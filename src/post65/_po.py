"""A small strict reader of gettext ``.po`` catalogues, for :mod:`post65.text`.

Only what post65's catalogues use: ``msgid`` and ``msgstr`` entries, strings continued on the
following lines, four C escapes, comments; see :func:`parse_po`. It imports nothing from post65:
with :mod:`post65.text`, it is the bottom layer.
"""

from __future__ import annotations

from typing import Final

__all__ = ["parse_po"]

_ESCAPES: Final = {'"': '"', "\\": "\\", "n": "\n", "t": "\t"}


def _unquote(text: str, where: str) -> str:
    text = text.strip()
    if len(text) < 2 or text[0] != '"' or text[-1] != '"':
        raise ValueError(f"{where}: expected a quoted string, found {text!r}")
    out: list[str] = []
    chars = iter(text[1:-1])
    for char in chars:
        if char == "\\":
            escaped = _ESCAPES.get(next(chars, ""))
            if escaped is None:
                raise ValueError(f'{where}: unknown escape in {text!r} (use \\" \\\\ \\n \\t)')
            out.append(escaped)
        elif char == '"':
            raise ValueError(f"{where}: unescaped quote inside {text!r}")
        else:
            out.append(char)
    return "".join(out)


def parse_po(text: str, source: str = "<po>") -> dict[str, str]:
    """The ``msgid → msgstr`` entries of a gettext ``.po`` file, strictly read.

    Comments (``#``) are skipped; an entry flagged ``#, fuzzy`` or with an empty ``msgstr`` is
    left out (untranslated, as ``msgfmt`` does), and so is the header (``msgid ""``). Strings may
    continue on the following lines; the escapes are ``\\"``, ``\\\\``, ``\\n`` and ``\\t``.
    ``msgctxt`` and plural forms are refused, and so is a key given twice.

    >>> parse_po('#. a note\\nmsgid "a.b"\\nmsgstr "Bruk "\\n"{uses}."\\n')
    {'a.b': 'Bruk {uses}.'}
    >>> parse_po('msgid "a"\\nmsgstr "x"\\nmsgid "a"\\nmsgstr "y"\\n', "nb.po")
    Traceback (most recent call last):
    ...
    ValueError: nb.po:3: key 'a' is given twice
    """
    entries: dict[str, str] = {}
    seen: set[str] = set()
    fields: dict[str, list[str]] = {}
    current = ""
    fuzzy = False
    start = 0

    def close() -> None:
        nonlocal fuzzy
        if not fields:
            return
        if "msgid" not in fields or "msgstr" not in fields:
            raise ValueError(f"{source}:{start}: an entry needs both msgid and msgstr")
        key, value = "".join(fields["msgid"]), "".join(fields["msgstr"])
        if key in seen:
            raise ValueError(f"{source}:{start}: key {key!r} is given twice")
        seen.add(key)
        if key and value and not fuzzy:
            entries[key] = value
        fields.clear()
        fuzzy = False

    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        where = f"{source}:{number}"
        if not line:
            continue
        if line.startswith("#"):
            if fields.get("msgstr"):
                close()
            fuzzy = fuzzy or (
                line.startswith("#,") and "fuzzy" in {f.strip() for f in line[2:].split(",")}
            )
            continue
        if line.startswith('"'):
            if not current:
                raise ValueError(f"{where}: a continuation string outside an entry")
            fields[current].append(_unquote(line, where))
            continue
        keyword, _, rest = line.partition(" ")
        if keyword not in ("msgid", "msgstr"):
            raise ValueError(f"{where}: unsupported keyword {keyword!r} (only msgid and msgstr)")
        if keyword == "msgid":
            close()
            start = number
        elif "msgid" not in fields or "msgstr" in fields:
            raise ValueError(f"{where}: msgstr without its msgid")
        current = keyword
        fields[keyword] = [_unquote(rest, where)]
    close()
    return entries
