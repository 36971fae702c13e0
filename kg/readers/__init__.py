"""Readers: one function per input format, chosen by content sniffing and extension.

:func:`read` turns a path into :class:`Extracted` text plus a map from that
text back to the source (``origin``: sorted ``(offset, unit)`` pairs, where
``unit`` counts lines of a text or HTML file, paragraphs of a .docx, pages of
a PDF).  The text is kept exactly as the reader produced it; matching copies
(full-width folding, traditional -> simplified) live in ``Document.norm``.
"""

from __future__ import annotations

import bisect
import errno
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError, InputTooLarge, UnsupportedFormat

#: Inputs larger than this are refused before being read.  A work report is
#: well under 1 MB of text; a PDF with scanned figures can reach tens of MB.
MAX_INPUT_BYTES = 64 * 1024 * 1024

# Magic numbers of formats people pass by mistake.
PDF_MAGIC = b"%PDF-"
ZIP_MAGIC = b"PK\x03\x04"
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy .doc, and encrypted .docx
FOREIGN_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"\x7fELF", "an executable (ELF)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"Rar!", "a RAR archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7z archive"),
    (b"{\\rtf", "an RTF document"),
)
HTML_SUFFIXES = (".html", ".htm", ".shtml", ".xhtml")
SNIFF_BYTES = 4096


@dataclass(frozen=True)
class Extracted:
    """A reader's result: the clean text and where each part of it came from."""

    text: str
    format: str  # "text", "html", "docx", "pdf"
    unit: str  # what ``origin`` numbers: "line", "paragraph", "page"
    origin: tuple[tuple[int, int], ...]
    encoding: str = ""

    def source_at(self, offset: int) -> int | None:
        """The source unit (line, paragraph or page number) holding ``offset``."""
        return source_at(self.origin, offset)


def source_at(origin: tuple[tuple[int, int], ...] | list[tuple[int, int]], offset: int) -> int | None:
    """Look ``offset`` up in an origin map of sorted ``(offset, unit)`` pairs.

    >>> source_at(((0, 1), (10, 2)), 12)
    2
    """
    i = bisect.bisect_right([o for o, _ in origin], offset) - 1
    return origin[i][1] if i >= 0 else None


#: What ``stat`` fails with when there is nothing at a path (those ``Path.exists`` takes for absence).
_MISSING = {errno.ENOENT, errno.ENOTDIR, errno.ELOOP, errno.EBADF}


def check(path: Path) -> None:
    """Raise the :class:`~kg.errors.InputError` that :func:`read` raises for ``path`` before reading a byte:
    missing, a directory, not a regular file (a pipe would wait for a writer, ``/dev/zero`` never ends),
    or too large.  One ``stat`` (a build checks every input as it hashes it)."""
    try:
        info = path.stat()
    except OSError as exc:
        if exc.errno not in _MISSING:  # a permission refused, say: the caller reports it
            raise
        if path.is_symlink():
            raise InputError(path, "a broken symbolic link (to nothing, or a loop)") from None
        raise InputError(path, "no such file") from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError(path, "is a directory, not a report file")
    if not stat.S_ISREG(info.st_mode):
        raise UnsupportedFormat(path, "not a regular file")
    size = info.st_size
    if size > MAX_INPUT_BYTES:
        raise InputTooLarge(
            path, f"file is too large ({size / 2**20:.0f} MiB; the limit is {MAX_INPUT_BYTES // 2**20} MiB)"
        )


def read(path: str | os.PathLike) -> tuple[Extracted, bytes]:
    """Read ``path`` with the reader its content (and, second, its name) calls for.

    Returns the extraction and the raw bytes (for the content hash).  Raises
    an :class:`~kg.errors.InputError` subclass naming the file and the problem.
    """
    path = Path(path)
    check(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(path, f"cannot be read ({exc.strerror or exc})") from None
    if not raw.strip():
        raise InputError(path, "file is empty")
    return _dispatch(path, raw), raw


def _dispatch(path: Path, raw: bytes) -> Extracted:
    from . import docx, html, pdf, text

    head = raw[:SNIFF_BYTES]
    suffix = path.suffix.lower()
    if PDF_MAGIC in raw[:1024]:
        return pdf.read_pdf(path, raw)
    if suffix == ".pdf":
        raise UnsupportedFormat(path, "named .pdf but is not a PDF file")
    if head.startswith(ZIP_MAGIC):
        if suffix == ".docx" or b"word/" in head:
            return docx.read_docx(path, raw)
        raise UnsupportedFormat(path, "a zip archive, not a report (unpack it first)")
    if head.startswith(OLE2_MAGIC):
        if suffix == ".docx":
            raise UnsupportedFormat(path, "a password-protected .docx (or an old .doc renamed); save it unprotected as .docx")
        raise UnsupportedFormat(path, "an old Word .doc file; save it as .docx")
    if suffix == ".docx":
        raise UnsupportedFormat(path, "named .docx but is not a Word document")
    for magic, what in FOREIGN_MAGIC:
        if head.startswith(magic):
            raise UnsupportedFormat(path, f"{what}, not a report")
    if suffix in HTML_SUFFIXES or html.looks_like_html(head):
        return html.read_html(path, raw)
    return text.read_txt(path, raw)
