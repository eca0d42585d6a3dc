"""The advance widths of the report's typeface, so that its layout needs no typesetter.

The PDF report is set in Bitstream Vera Sans (regular and bold), the TrueType fonts that ship
inside ``reportlab`` (the ``post65[pdf]`` extra; Bitstream Vera licence, embeddable). Their
advance widths are copied here, in font units (2048 to the em), so that the page layout
(:mod:`post65.report.typeset`) is the same with or without the extra: the page count of the
typeset PDF is known without drawing it. A character the fonts lack is drawn as the fonts'
missing glyph, whose width is the default here. ``tests/test_report_pdf.py`` checks that these
tables are the fonts' own.
"""

from __future__ import annotations

from typing import Final

__all__ = ["UNITS_PER_EM", "Face", "face"]

UNITS_PER_EM: Final = 2048

_REGULAR_DEFAULT: Final = 1229
_REGULAR: Final = (
    "20:651,821,942,1716,1303,1946,1597,563,799,799,1024,1716,651,739,651,690,1303,1303,1303,"
    "1303,1303,1303,1303,1303,1303,1303,690,690,1716,1716,1716,1087,2048,1401,1405,1430,1577,"
    "1294,1178,1587,1540,604,604,1343,1141,1767,1532,1612,1235,1612,1423,1300,1251,1499,1401,"
    "2025,1403,1251,1403,799,690,799,1716,1024,1024,1255,1300,1126,1300,1260,721,1300,1298,56"
    "9,569,1186,569,1995,1298,1253,1300,1300,842,1067,803,1298,1212,1675,1212,1212,1075,1303,"
    "690,1303,1716;a0:651,821,1303,1303,1303,1303,690,1024,1024,2048,965,1253,1716,739,2048,1"
    "024,1024,1716,821,821,1024,1303,1303,651,1024,821,965,1253,1985,1985,1985,1087,1401,1401"
    ",1401,1401,1401,1401,1995,1430,1294,1294,1294,1294,604,604,604,604,1587,1532,1612,1612,1"
    "612,1612,1612,1716,1612,1499,1499,1499,1499,1251,1239,1290,1255,1255,1255,1255,1255,1255"
    ",2011,1126,1260,1260,1260,1260,569,569,569,569,1253,1298,1253,1253,1253,1253,1253,1716,1"
    "253,1298,1298,1298,1298,1212,1300,1212;106:1430,1126;10c:1430,1126,1229,1229,1229,1300;1"
    "1e:1587,1300;130:604,569;141:1151,582;152:2191,2095;15e:1300,1067,1300,1067;178:1251;17d"
    ":1403,1075;192:1303;2c6:1024,1024;2d8:1024,1024,1024,1024,1024,1024;3a9:1565;3c0:1206;20"
    "13:1024,2048,1229,1229,1229,651,651,651,1229,1061,1061,1061,1229,1024,1024,1208,1229,122"
    "9,1229,2048;2030:2748;2039:819,819;20ac:1303;2122:2048;2202:1059,1229,1229,1229,1370;220"
    "f:1550,1229,1380,1716,1229,1229,342,1229,1229,1229,651,1305,1229,1229,1229,1706;222b:106"
    "7;2248:1716;2260:1716,1229,1229,1229,1716,1716;25ca:1012;fb01:1290,1290;ffff:1229"
)
_BOLD_DEFAULT: Final = 1229
_BOLD: Final = (
    "20:713,934,1067,1716,1425,2052,1786,627,936,936,1071,1716,778,850,778,748,1425,1425,1425"
    ",1425,1425,1425,1425,1425,1425,1425,819,819,1716,1716,1716,1188,2048,1585,1561,1503,1700"
    ",1399,1399,1681,1714,762,762,1587,1305,2038,1714,1741,1501,1741,1577,1475,1397,1663,1585"
    ",2259,1579,1483,1485,936,748,936,1716,1024,1024,1382,1466,1214,1466,1389,891,1466,1458,7"
    "02,702,1362,702,2134,1458,1407,1466,1466,1010,1219,979,1458,1335,1892,1321,1335,1192,145"
    "8,748,1458,1716;a0:713,934,1425,1425,1303,1425,748,1024,1024,2048,1155,1323,1716,850,204"
    "8,1024,1024,1716,897,897,1024,1507,1303,778,1024,897,1155,1323,2120,2120,2120,1188,1585,"
    "1585,1585,1585,1585,1585,2222,1503,1399,1399,1399,1399,762,762,762,762,1716,1714,1741,17"
    "41,1741,1741,1741,1716,1741,1663,1663,1663,1663,1483,1511,1473,1382,1382,1382,1382,1382,"
    "1382,2146,1214,1389,1389,1389,1389,702,702,702,702,1407,1458,1407,1407,1407,1407,1407,17"
    "16,1407,1458,1458,1458,1458,1335,1466,1335;106:1503,1214;10c:1503,1214,1229,1229,1229,14"
    "66;11e:1681,1466;130:762,702;141:1315,760;152:2390,2241;15e:1475,1219,1475,1219;178:1483"
    ";17d:1485,1192;192:1425;2c6:1024,1024;2d8:1024,1024,1024,1024,1024,1024;3a9:1575;3c0:131"
    "9;2013:1024,2048,1229,1229,1229,778,778,778,1229,1346,1346,1346,1229,1024,1024,1309,1229"
    ",1229,1229,2048;2030:2949;2039:844,844;20ac:1425;2122:2048;2202:1114,1229,1229,1229,1427"
    ";220f:1612,1229,1470,1716,1229,1229,342,1229,1229,1229,778,1366,1229,1229,1229,1706;222b"
    ":1249;2248:1716;2260:1716,1229,1229,1229,1716,1716;25ca:1012;fb01:1518,1518;ffff:1229"
)


def _table(runs: str) -> dict[int, int]:
    out: dict[int, int] = {}
    for run in runs.split(";"):
        start, widths = run.split(":")
        for i, w in enumerate(widths.split(",")):
            out[int(start, 16) + i] = int(w)
    return out


class Face:
    """One font's advance widths: :meth:`units` of a text, in font units."""

    __slots__ = ("_known", "default", "name", "widths")

    def __init__(self, name: str, runs: str, default: int) -> None:
        self.name = name
        self.widths = _table(runs)
        self.default = default
        self._known: dict[str, int] = {}

    def units(self, text: str) -> int:
        """The advance width of ``text`` in font units (no kerning: the PDF draws none). Words
        recur, so the widths of short texts are remembered (a bounded number of them)."""
        known = self._known.get(text)
        if known is not None:
            return known
        get = self.widths.get
        d = self.default
        found = sum([get(ord(c), d) for c in text])
        if len(text) <= 40 and len(self._known) < 200_000:
            self._known[text] = found
        return found

    def width(self, text: str, size: float) -> float:
        """The advance width of ``text`` at ``size`` points, in points."""
        return self.units(text) * size / UNITS_PER_EM


_FACES: dict[str, Face] = {}


def face(bold: bool = False) -> Face:
    """The regular or bold face (built once)."""
    key = "bold" if bold else "regular"
    found = _FACES.get(key)
    if found is None:
        found = Face(key, _BOLD if bold else _REGULAR, _BOLD_DEFAULT if bold else _REGULAR_DEFAULT)
        _FACES[key] = found
    return found
