"""A county's own look of the PDF report, without code: a logo, a header text, a contact block.

:func:`make_look` checks what it is given and refuses, with every problem located at the option
that gave it (``--logo``, ``--header``, ``--contact``), a logo that is not a PNG or JPEG file
(an SVG logo is recognised and refused: reportlab draws no SVG without further packages,
so save it as PNG), that cannot be read, or that is larger than :data:`MAX_LOGO_BYTES`; a header
text longer
than its room (:data:`~post65.report.typeset.HEADER_LINES` lines under the sender) and a contact
block longer than its room (:data:`~post65.report.typeset.CONTACT_LINES` lines in the footer).
The rooms have fixed sizes, so the look never changes the page count.
"""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import Final, Literal

import attrs

from post65.errors import InvalidArgument, InvalidInput, Problem
from post65.report.metrics import face
from post65.report.typeset import CONTACT_LINES, HEADER_LINES, LEFT, RIGHT, wrap
from post65.text import msg

__all__ = ["MAX_LOGO_BYTES", "MAX_LOGO_PIXELS", "Look", "make_look"]


MAX_LOGO_BYTES: Final = 2 * 1024 * 1024
"""The largest logo file accepted: 2 MB."""
MAX_LOGO_PIXELS: Final = 10_000
"""The largest width or height of a PNG or JPEG logo accepted, in pixels."""

HEADER_WIDTH: Final = RIGHT - LEFT - 160.0
"""The header text's line width in points: the sender's line, less the logo's room."""
CONTACT_WIDTH: Final = RIGHT - LEFT - 90.0
"""The contact block's line width in points: the footer, less room for «Side x av y»."""

LogoKind = Literal["png", "jpeg"]


@attrs.frozen
class Look:
    """The county's look: a checked logo (bytes and kind), header lines, contact lines."""

    logo: bytes | None = None
    logo_kind: LogoKind | None = None
    header: tuple[str, ...] = ()
    contact: tuple[str, ...] = ()


def _kind(data: bytes) -> LogoKind | None:
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    return None


def _is_svg(data: bytes) -> bool:
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith((b"<?xml", b"<svg", b"<!--")) and b"<svg" in data[:65536].lower()


def _bitmap_problem(data: bytes) -> Problem | None:
    try:
        from PIL import Image
    except ImportError:
        return Problem("--logo", msg("report.pdf.needs_extra"))
    try:
        with Image.open(io.BytesIO(data)) as image:
            width, height = image.size
            if width > MAX_LOGO_PIXELS or height > MAX_LOGO_PIXELS:
                return Problem(
                    "--logo",
                    msg(
                        "report.look.logo_pixels", width=width, height=height, most=MAX_LOGO_PIXELS
                    ),
                )
            image.load()
    except Exception:
        return Problem("--logo", msg("report.look.logo_unreadable"))
    return None


def _logo_problem(data: bytes) -> Problem | None:
    if len(data) > MAX_LOGO_BYTES:
        return Problem(
            "--logo", msg("report.look.logo_too_large", size=len(data), most=MAX_LOGO_BYTES)
        )
    if _is_svg(data):
        return Problem("--logo", msg("report.look.logo_svg"))
    if _kind(data) is None:
        return Problem("--logo", msg("report.look.logo_kind"))
    return _bitmap_problem(data)


def _lines(text: str | None, size: float, width: float) -> list[str]:
    if text is None:
        return []
    parts = [p.strip() for p in text.replace("\\n", "\n").split("\n")]
    out: list[str] = []
    for part in parts:
        if part:
            out.extend(wrap(part, face(), size, width))
    return out


def make_look(
    logo: bytes | str | Path | None = None,
    *,
    header: str | None = None,
    contact: str | None = None,
) -> Look:
    """A checked :class:`Look`. ``logo`` is the file's bytes or its path; ``header`` and
    ``contact`` are text (a line break, or the two characters ``\\n``, starts a new line).
    Raises :class:`~post65.errors.InvalidInput` naming every problem, and
    :class:`~post65.errors.InvalidArgument` for an argument of the wrong type."""
    if logo is not None and not isinstance(logo, (bytes, bytearray, str, os.PathLike)):
        raise InvalidArgument(msg("report.argument.logo", type=type(logo).__name__))
    for name, text in (("header", header), ("contact", contact)):
        if text is not None and not isinstance(text, str):
            raise InvalidArgument(msg("report.argument.text", name=name, type=type(text).__name__))
    problems: list[Problem] = []
    data: bytes | None = None
    if isinstance(logo, (str, os.PathLike)):
        path = Path(logo)
        try:
            if path.stat().st_size > MAX_LOGO_BYTES:
                size = path.stat().st_size
                problems.append(
                    Problem(
                        "--logo", msg("report.look.logo_too_large", size=size, most=MAX_LOGO_BYTES)
                    )
                )
            else:
                data = path.read_bytes()
        except (OSError, ValueError):  # ValueError: a NUL or a lone surrogate in the path
            problems.append(Problem("--logo", msg("report.look.logo_unreadable")))
    elif logo is not None:
        data = bytes(logo)
    if data is not None:
        problem = _logo_problem(data)
        if problem is not None:
            problems.append(problem)
    head = _lines(header, 8.5, HEADER_WIDTH)
    if len(head) > HEADER_LINES:
        problems.append(
            Problem("--header", msg("report.look.too_long", lines=len(head), most=HEADER_LINES))
        )
    foot = _lines(contact, 8.0, CONTACT_WIDTH)
    if len(foot) > CONTACT_LINES:
        problems.append(
            Problem("--contact", msg("report.look.too_long", lines=len(foot), most=CONTACT_LINES))
        )
    if problems:
        raise InvalidInput(problems)
    return Look(
        logo=data,
        logo_kind=None if data is None else _kind(data),
        header=tuple(head),
        contact=tuple(foot),
    )
