"""Word .docx: the body's paragraphs and table cells in document order.

Page headers and footers live in separate parts of the package and are not
read.  The origin map numbers the body's blocks (paragraphs, table rows) from 1.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from ..errors import DamagedInput, InputError, InputTooLarge

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
#: The most a .docx may unpack to, its parts together, as their sizes are declared in the archive (which
#: Python's zipfile holds each part to).  A Word document of a work report unpacks to a few MB, with
#: pictures tens; python-docx unpacks every part into memory, so a small archive of a few GB of zeros
#: (a "zip bomb") would exhaust it.
MAX_UNPACKED_BYTES = 256 * 1024 * 1024


def read_docx(path: Path, raw: bytes):
    import docx
    import lxml.etree
    from docx.opc.exceptions import PackageNotFoundError

    from . import Extracted

    try:
        unpacked = sum(info.file_size for info in zipfile.ZipFile(io.BytesIO(raw)).infolist())
        if unpacked > MAX_UNPACKED_BYTES:
            raise InputTooLarge(
                path, f"unpacks to {unpacked / 2**20:.0f} MiB (the limit is {MAX_UNPACKED_BYTES // 2**20} MiB)"
            )
        document = docx.Document(io.BytesIO(raw))
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, lxml.etree.XMLSyntaxError, EOFError, ValueError):
        raise DamagedInput(path, "damaged .docx (truncated or not a Word document)") from None
    except zipfile.LargeZipFile:
        raise DamagedInput(path, "damaged .docx (unreadable zip archive)") from None
    lines: list[tuple[str, int]] = []
    for n, block in enumerate(document.element.body.iterchildren(), start=1):
        if block.tag == f"{W}p":
            lines.append((_paragraph_text(block), n))
        elif block.tag == f"{W}tbl":
            for row in block.iter(f"{W}tr"):
                cells = [_paragraph_text(p) for tc in row.iter(f"{W}tc") for p in tc.iter(f"{W}p")]
                lines.append(("\t".join(c for c in cells if c), n))
    out: list[str] = []
    origin: list[tuple[int, int]] = []
    pos = 0
    for text, n in lines:
        if not text.strip():
            continue
        if out:
            out.append("\n")
            pos += 1
        origin.append((pos, n))
        out.append(text)
        pos += len(text)
    if not out:
        raise InputError(path, "Word document has no text")
    return Extracted("".join(out), "docx", "paragraph", tuple(origin))


def _paragraph_text(p) -> str:
    """A paragraph's visible text: runs, tabs and line breaks, without deleted revisions."""
    parts: list[str] = []
    for el in p.iter(f"{W}t", f"{W}tab", f"{W}br", f"{W}cr", f"{W}delText"):
        if el.tag == f"{W}t":
            parts.append(el.text or "")
        elif el.tag == f"{W}tab":
            parts.append("\t")
        elif el.tag in (f"{W}br", f"{W}cr"):
            parts.append("\n")
    return "".join(parts)
