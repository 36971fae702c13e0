"""PDF with a text layer: lines joined into paragraphs, page furniture removed.

pdfplumber gives each text line with its position, which decides what plain
text extraction cannot: where a paragraph ends (a short line, or an indented
next line) and which lines are running heads, footers and page numbers (the
same line, digits aside, at the top or bottom of most pages).  Chinese lines
are joined without a space or hyphen; a space is put back only between two
Latin letters.  The origin map gives the page number of every offset.
"""

from __future__ import annotations

import contextlib
import re
import statistics
import zlib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import DamagedInput, EncryptedInput, InputTooLarge, NoTextLayer

# How many lines at the top and bottom of a page may be running heads or footers.
EDGE_LINES = 2
# A line at a page edge is furniture when it recurs (digits aside) on this share of pages.
REPEAT_SHARE = 0.5
# Page numbers on their own line: 3, - 3 -, — 3 —, 第3页, 3/12, 第 3 页 共 12 页
PAGE_NUMBER = re.compile(r"^[\s\-—–·]*(?:第\s*)?\d{1,4}\s*(?:页)?\s*(?:(?:/|共)\s*\d{1,4}\s*页?)?[\s\-—–·]*$")
DIGITS = re.compile(r"\d+")
# pdfminer's rendering of glyphs it cannot map to Unicode.
CID_GARBAGE = re.compile(r"(?:\(cid:\d+\)){3}")
LATIN_END = re.compile(r"[A-Za-z]$")
LATIN_START = re.compile(r"^[A-Za-z]")
# A line ending this many character widths short of the right margin ends its paragraph.
SHORT_BY = 1.5
# A line starting this many character widths right of the left margin starts a paragraph.
INDENT_BY = 0.8


#: The most a PDF's Flate and LZW streams may unpack to, together.  A report's text streams unpack to a few MB;
#: pdfminer unpacks each stream whole into memory, so a 1 MB PDF unpacking to 1 GiB of spaces took 14 s
#: and 2.1 GB, and one unpacking to more would exhaust the machine.
MAX_UNPACKED_BYTES = 256 * 1024 * 1024


@dataclass
class _Line:
    text: str
    x0: float
    x1: float
    page: int
    em: float


def read_pdf(path: Path, raw: bytes):
    from . import Extracted

    pages = _lines_by_page(path, raw)
    if CID_GARBAGE.search("".join(line.text for page in pages for line in page)):
        raise NoTextLayer(path, "PDF text cannot be decoded (its fonts have no Unicode map); run OCR on it first")
    if not any(line.text.strip() for page in pages for line in page):
        raise NoTextLayer(path, "PDF has no text layer (scanned images?); run OCR on it first")
    body = _drop_furniture(pages)
    text, origin = _join(body)
    if not text.strip():
        raise NoTextLayer(path, "PDF has no text beyond page headers and footers")
    return Extracted(text, "pdf", "page", tuple(origin))


def _lines_by_page(path: Path, raw: bytes) -> list[list[_Line]]:
    import io

    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect
    from pdfplumber.utils.exceptions import PdfminerException

    budget = _Budget(MAX_UNPACKED_BYTES)
    try:
        with budget.installed(), pdfplumber.open(io.BytesIO(raw)) as pdf:
            pages = []
            for number, page in enumerate(pdf.pages, start=1):
                lines = []
                for line in page.extract_text_lines(return_chars=True):
                    chars = [c for c in line["chars"] if c["text"].strip()]
                    em = statistics.median(c["x1"] - c["x0"] for c in chars) if chars else 10.0
                    lines.append(_Line(line["text"], line["x0"], line["x1"], number, em))
                pages.append(lines)
    except Exception as exc:  # pdfminer raises many unrelated types on a broken file
        if budget.spent:  # whatever pdfminer made of the refusal
            raise _too_large(path) from None
        cause = exc.args[0] if isinstance(exc, PdfminerException) and exc.args else exc
        if isinstance(cause, PDFPasswordIncorrect) or "password" in str(exc).lower():
            raise EncryptedInput(path, "PDF is password-protected; remove the password first") from None
        if isinstance(exc, PdfminerException):
            raise DamagedInput(path, "damaged PDF (cannot parse it)") from None
        raise DamagedInput(path, f"damaged PDF ({type(exc).__name__})") from None
    if budget.spent:  # refused, and pdfminer went on without the stream
        raise _too_large(path)
    return pages


def _too_large(path: Path) -> InputTooLarge:
    return InputTooLarge(path, f"PDF unpacks to more than {MAX_UNPACKED_BYTES // 2**20} MiB; refused")


class _Spent(Exception):
    """A PDF's streams would unpack to more than its :class:`_Budget`."""


class _Budget:
    """pdfminer's ``zlib`` and ``lzwdecode`` (in ``pdfminer.pdftypes``) while one PDF is read: as they
    behave, but never unpacking more than ``left`` bytes over all the PDF's streams (:class:`_Spent`).

    pdfminer unpacks each Flate stream whole with ``zlib.decompress`` (and, for a damaged one, a
    ``zlib.decompressobj`` fed byte by byte), and each LZW stream with ``lzwdecode``; nothing else in it
    calls either.  Installed for the read only, in this process (PDFs are read one at a time in each
    process).
    """

    error = zlib.error

    def __init__(self, left: int) -> None:
        self.left = left
        self.spent = False

    def take(self, n: int) -> None:
        if n > self.left:
            self.spent = True
            raise _Spent
        self.left -= n

    def decompress(self, data: bytes) -> bytes:
        d = zlib.decompressobj()
        out = d.decompress(data, self.left + 1)
        self.take(len(out))
        if not d.eof:  # as zlib.decompress says of it
            raise zlib.error("Error -5 while decompressing data: incomplete or truncated stream")
        return out

    def decompressobj(self) -> _Counted:
        return _Counted(self)

    def lzwdecode(self, data: bytes) -> bytes:
        """``pdfminer.lzw.lzwdecode``, counted as it goes."""
        import io

        from pdfminer.lzw import LZWDecoder

        out = []
        for chunk in LZWDecoder(io.BytesIO(data)).run():
            self.take(len(chunk))
            out.append(chunk)
        return b"".join(out)

    @contextlib.contextmanager
    def installed(self) -> Iterator[None]:
        from pdfminer import pdftypes

        saved = pdftypes.zlib, pdftypes.lzwdecode
        pdftypes.zlib, pdftypes.lzwdecode = self, self.lzwdecode
        try:
            yield
        finally:
            pdftypes.zlib, pdftypes.lzwdecode = saved


class _Counted:
    """A ``zlib.decompressobj`` whose output counts against a :class:`_Budget`."""

    def __init__(self, budget: _Budget) -> None:
        self.budget, self.d = budget, zlib.decompressobj()

    def decompress(self, data: bytes) -> bytes:
        out = self.d.decompress(data, self.budget.left + 1)
        self.budget.take(len(out))
        return out


def _drop_furniture(pages: list[list[_Line]]) -> list[_Line]:
    """All lines but running heads, footers and page numbers at page edges."""
    edge_keys: Counter[str] = Counter()
    for page in pages:
        keys = {_key(line.text) for line in _edges(page)}
        edge_keys.update(keys)
    repeated = {k for k, n in edge_keys.items() if len(pages) > 1 and n >= max(2, REPEAT_SHARE * len(pages))}
    body: list[_Line] = []
    for page in pages:
        edges = {id(line) for line in _edges(page)}
        for line in page:
            if id(line) in edges and (_key(line.text) in repeated or PAGE_NUMBER.match(line.text)):
                continue
            body.append(line)
    return body


def _edges(page: list[_Line]) -> list[_Line]:
    return page[:EDGE_LINES] + page[max(EDGE_LINES, len(page) - EDGE_LINES) :]


def _key(text: str) -> str:
    return DIGITS.sub("#", text.strip())


def _join(lines: list[_Line]) -> tuple[str, list[tuple[int, int]]]:
    """Lines -> paragraphs (one per output line), with each page's first offset."""
    if not lines:
        return "", []
    # The margins most lines keep; a stray wide line (a table) does not move them.
    left = _percentile([line.x0 for line in lines], 0.05)
    right = _percentile([line.x1 for line in lines], 0.95)
    out: list[str] = []
    origin: list[tuple[int, int]] = []
    pos = 0
    prev: _Line | None = None
    for line in lines:
        text = line.text.strip()
        if not text:
            continue
        if prev is not None:
            ends = prev.x1 < right - SHORT_BY * prev.em
            starts = line.x0 > left + INDENT_BY * line.em
            sep = "\n" if ends or starts else (" " if LATIN_END.search(out[-1]) and LATIN_START.search(text) else "")
            out.append(sep)
            pos += len(sep)
        if prev is None or line.page != prev.page:
            origin.append((pos, line.page))
        out.append(text)
        pos += len(text)
        prev = line
    return "".join(out), origin


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[round(q * (len(ordered) - 1))]
