"""Writing what a command makes to ``--output`` (or ``--chart``) and telling why it could not be
written, in the user's language.

A file is written whole or not at all: into a temporary file beside it, then renamed over it, so
a report that fails half way never leaves half a report. The rename replaces the name it is given,
so what that name is decides the way:

- a symbolic link: the file it points to is written (the link stays a link), as a shell's ``>``
  writes through it;
- something that is not a regular file (``/dev/null``, ``/dev/stdout``, a named pipe): written
  to directly, as a shell's ``>`` does; a rename would put a regular file in its place (and, run
  as root, would replace ``/dev/null`` itself);
- a regular file: replaced, keeping its permissions; a new file gets the permissions any new file
  of the user gets (``0666`` less the umask), not the temporary file's ``0600``.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from typing import Final

from post65.jsontext import os_reason
from post65.text import Message, msg

__all__ = ["KEYS", "write_bytes", "write_reason"]

_WRITE_REASONS: Final = {
    errno.ENOENT: "cli.write.no_folder",
    errno.EACCES: "cli.write.permission",
    errno.EPERM: "cli.write.permission",
    errno.ENOSPC: "cli.write.full",
    errno.EDQUOT: "cli.write.full",
    errno.EROFS: "cli.write.read_only",
    errno.EPIPE: "cli.write.closed",
}
"""The reasons a write fails that reading a file does not share, or words otherwise (a missing
file is a missing folder when writing); every other reason is reading's
(:func:`post65.jsontext.os_reason`)."""

KEYS: Final = (
    "cli.write.closed",
    "cli.write.full",
    "cli.write.no_folder",
    "cli.write.permission",
    "cli.write.read_only",
)
"""Keys built at run time (see tests/test_catalogues.py)."""


def write_reason(exc: OSError | ValueError) -> Message:
    """Why the operating system refused to write, in the catalogue's words (its own
    ``strerror`` is English, or in the machine's language, not the one the user chose): the
    reasons only writing has, else those :func:`~post65.jsontext.os_reason` gives for reading
    (a directory, a name too long, another error by its code; a ``ValueError`` is a name no file
    can have, a NUL character in it)."""
    code = getattr(exc, "errno", None)
    key = _WRITE_REASONS.get(code) if isinstance(code, int) else None
    return msg(key) if key is not None else os_reason(exc)


def write_bytes(path: str, data: bytes) -> None:
    """Write ``data`` to ``path`` whole or not at all (see the module docstring); an
    ``OSError`` (or a ``ValueError`` for a name no file can have) says why not."""
    target = os.path.realpath(path)  # through symbolic links, to the file they name
    try:
        found = os.stat(target)
    except FileNotFoundError:
        found = None
    if found is not None and not stat.S_ISREG(found.st_mode):
        with open(target, "wb") as f:  # a device or a pipe: written to, never replaced
            f.write(data)
        return
    if found is not None:
        mode = stat.S_IMODE(found.st_mode)
    else:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    fd, tmp = tempfile.mkstemp(dir=os.path.dirname(target), prefix=".post65-", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
