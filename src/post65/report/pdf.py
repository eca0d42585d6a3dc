"""The report as a PDF on A4: the pages of :mod:`post65.report.typeset`, drawn with ``reportlab``.

``reportlab`` is the ``post65[pdf]`` extra (pure Python, installed by pip alone, with the Bitstream
Vera fonts, which are embedded in the PDF as subsets, and Pillow for a PNG or JPEG logo). Every
page carries the county as sender (and the county's own header text and logo, if given), and in
its footer the year, the date the report was made, the county's contact block and «Side x av y».
The same report and look give the same bytes: the PDF's metadata are fixed (reportlab's
invariant mode; its creation date is the date the caller gives, which the footer shows, or
2000-01-01: never the clock).
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import attrs

from post65.errors import Post65Error
from post65.report.look import Look
from post65.report.metrics import face
from post65.report.typeset import (
    BODY_BOTTOM,
    BODY_TOP,
    LEFT,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    RIGHT,
    Box,
    Laid,
    Rule,
    Text,
)
from post65.text import msg

if TYPE_CHECKING:
    from reportlab.pdfgen.canvas import Canvas

__all__ = ["Furniture", "draw_pdf", "pdf_available"]

_FONTS = {False: "Post65Vera", True: "Post65VeraBd"}
_LOGO_BOX = (150.0, 38.0)
"""The logo's room at the top right of every page, in points (it is scaled to fit)."""


def pdf_available() -> bool:
    """Whether the typesetter (``reportlab``, the ``post65[pdf]`` extra) is installed."""
    try:
        import reportlab  # noqa: F401
    except ImportError:
        return False
    return True


class NeedsPdfExtra(Post65Error, RuntimeError):
    """The PDF was asked for but ``reportlab`` (``pip install 'post65[pdf]'``) is missing."""


@attrs.frozen
class Furniture:
    """What every page carries beside the body: sender, header text, footer line, contact."""

    sender: str
    footer: str
    header: tuple[str, ...] = ()
    contact: tuple[str, ...] = ()
    title: str = ""
    subject: str = ""
    made: dt.date | None = None
    author: str = ""
    """The author in the PDF's metadata; empty for the sender."""


def _register_fonts() -> None:
    import os

    import reportlab
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if _FONTS[False] in pdfmetrics.getRegisteredFontNames():
        return
    folder = os.path.join(os.path.dirname(reportlab.__file__), "fonts")
    pdfmetrics.registerFont(TTFont(_FONTS[False], os.path.join(folder, "Vera.ttf")))
    pdfmetrics.registerFont(TTFont(_FONTS[True], os.path.join(folder, "VeraBd.ttf")))


def _text(c: Canvas, op: Text, grey: float = 0.0) -> None:
    if op.fill:
        c.setFillColor(op.fill)
    else:
        c.setFillGray(grey)
    c.setFont(_FONTS[op.bold], op.size)
    c.drawString(op.x, op.y, op.text)


def _rule(c: Canvas, op: Rule) -> None:
    c.setStrokeGray(op.grey)
    c.setLineWidth(op.width)
    c.line(op.x1, op.y, op.x2, op.y)


def _box(c: Canvas, op: Box) -> None:
    c.setFillColor(op.fill)
    c.rect(op.x, op.y, op.width, op.height, stroke=0, fill=1)


def _logo(c: Canvas, look: Look, drawn: dict[str, Any]) -> None:
    if look.logo is None:
        return
    box_w, box_h = _LOGO_BOX
    from reportlab.lib.utils import ImageReader

    image = drawn.get("image")
    if image is None:
        image = ImageReader(io.BytesIO(look.logo))
        drawn["image"] = image
    w, h = image.getSize()
    scale = min(box_w / w, box_h / h)
    c.drawImage(
        image,
        RIGHT - w * scale,
        PAGE_HEIGHT - 30.0 - box_h,
        w * scale,
        h * scale,
        mask="auto",
    )


def _furniture(c: Canvas, f: Furniture, look: Look, label: str, drawn: dict[str, Any]) -> None:
    _text(c, Text(LEFT, PAGE_HEIGHT - 42.0, f.sender, 11.0, True))
    for k, line in enumerate(f.header):
        _text(c, Text(LEFT, PAGE_HEIGHT - 55.0 - 10.5 * k, line, 8.5), 0.3)
    _logo(c, look, drawn)
    _rule(c, Rule(LEFT, RIGHT, BODY_TOP + 6.0, 0.8, 0.4))
    _rule(c, Rule(LEFT, RIGHT, BODY_BOTTOM - 12.0, 0.5, 0.4))
    top = BODY_BOTTOM - 24.0
    _text(c, Text(LEFT, top, f.footer, 8.0), 0.3)
    width = face().width(label, 8.0)
    _text(c, Text(RIGHT - width, top, label, 8.0), 0.3)
    for k, line in enumerate(f.contact):
        _text(c, Text(LEFT, top - 10.0 * (k + 1), line, 8.0), 0.3)


def _fix_clock(c: Canvas, made: dt.date | None) -> None:
    """The PDF's creation date: ``made`` (the caller's date), else 2000-01-01, whatever the
    clock or ``SOURCE_DATE_EPOCH`` say; the document's ID, which reportlab seeds with that date,
    follows it."""
    import calendar
    import hashlib
    import time

    doc = c._doc  # reportlab keeps the time stamp on its document
    day = made or dt.date(2000, 1, 1)
    seconds = calendar.timegm(day.timetuple())
    stamp = doc._timeStamp
    stamp.t = seconds
    stamp.lt = time.gmtime(seconds)
    stamp.YMDhms = tuple(stamp.lt)[:6]
    stamp.dhh = stamp.dmm = 0
    stamp.tzname = "UTC"
    doc.signature = hashlib.md5(usedforsecurity=False)
    doc.signature.update(str(seconds).encode("ascii"))


def draw_pdf(laid: Laid, furniture: Furniture, look: Look, labels: Sequence[str]) -> bytes:
    """The PDF of the pages ``laid`` with ``furniture`` on each (``labels``: «Side x av y» for
    each page). Raises :class:`NeedsPdfExtra` without ``reportlab``."""
    if not pdf_available():
        raise NeedsPdfExtra(msg("report.pdf.needs_extra"))
    from reportlab.pdfgen.canvas import Canvas

    _register_fonts()
    out = io.BytesIO()
    c = Canvas(
        out,
        pagesize=(PAGE_WIDTH, PAGE_HEIGHT),
        invariant=1,
        pageCompression=1,
        initialFontName=_FONTS[False],
        initialFontSize=10,
    )
    _fix_clock(c, furniture.made)
    c.setTitle(furniture.title)
    c.setAuthor(furniture.author or furniture.sender)
    c.setSubject(furniture.subject)
    c.setCreator("post65")
    c.setProducer("post65")
    drawn: dict[str, Any] = {}
    for n, ops in enumerate(laid.page_ops):
        _furniture(c, furniture, look, labels[n], drawn)
        for op in ops:
            if isinstance(op, Text):
                _text(c, op)
            elif isinstance(op, Box):
                _box(c, op)
            else:
                _rule(c, op)
        c.showPage()
    c.save()
    return out.getvalue()
