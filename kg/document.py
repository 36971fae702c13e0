"""The document model: one raw text and spans over it.

The raw text is kept exactly as read.  Everything else -- sections,
paragraphs, sentences, mentions -- is a frozen span with ``start``/``end``
offsets into it, so provenance is free: ``doc.text[s.start:s.end]``.

Matching runs over ``doc.norm``, a copy of the text of the *same length*
in which full-width punctuation and digits are folded to half-width
(，→, （→( ０→0) and curly quotes to one form, so a pattern written once
matches both styles and every offset found in ``norm`` is valid in ``text``.
"""

from __future__ import annotations

import bisect
import hashlib
from dataclasses import dataclass, field

# Full-width forms U+FF01..U+FF5E map to ASCII U+0021..U+007E one to one.
_FOLD = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_FOLD.update({0x3000: 0x20})  # ideographic space
# Quotes are folded to the Chinese curly pair so quoted names compare equal
# however the source typed them.  Straight " is left alone: it has no side.
_FOLD.update({ord("「"): ord("“"), ord("」"): ord("”"), ord("『"): ord("“"), ord("』"): ord("”")})
# Enumeration and list punctuation keeps its Chinese form (、 。 ； are not in
# the FF block), but the full-width semicolon and colon above become ASCII.


def fold(text: str) -> str:
    """Fold full-width forms to half-width, keeping the length.

    >>> fold("（运城段），１０％")
    '(运城段),10%'
    """
    return text.translate(_FOLD)


# Quote characters ignored when names are compared (spec: “” "" 「」 《》).
_QUOTES = str.maketrans("", "", "“”\"「」《》『』‘’'")


def name_key(name: str) -> str:
    """The form under which two names are the same name.

    >>> name_key("“双十工程”") == name_key("双十工程")
    True
    """
    return fold(name).translate(_QUOTES).replace(" ", "").strip()


@dataclass(frozen=True, order=True)
class Span:
    start: int
    end: int


@dataclass(frozen=True)
class Section:
    """A node of the report's outline: a heading and the text it governs.

    ``title_start``/``title_end`` delimit the heading's title text (without
    its number or trailing 。); ``start``/``end`` delimit everything under it.
    ``kind`` is one of ``numbered``, ``topic``, ``enumeration``, ``box``.
    ``level`` orders headings (0 第一部分, 1 一、, 2 (一) …); a sequence of
    一、 that starts again under the one before is 1.5
    (:data:`kg.structure.RESTARTED_LEVEL`).
    """

    id: int
    kind: str
    level: float
    number: str
    title_start: int
    title_end: int
    start: int
    end: int
    parent: int | None


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    section: int | None  # innermost section containing the sentence


@dataclass
class Document:
    """One report: its raw text, metadata and outline.

    Build one with :func:`kg.structure.parse` (or :func:`kg.read.load`),
    which fills ``sections``, ``paragraphs``, ``sentences`` and ``artefacts``.
    """

    text: str
    source: str = "<text>"
    title: str = ""
    jurisdiction: str = ""
    jurisdiction_code: str = ""
    year: int | None = None
    sha256: str = ""
    sections: list[Section] = field(default_factory=list)
    paragraphs: list[Span] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    artefacts: list[Span] = field(default_factory=list)
    #: "review" spans: offsets under a heading that reviews the past period.
    review_spans: list[Span] = field(default_factory=list)
    #: Provenance from the reader (:mod:`kg.readers`): sorted ``(offset, n)`` pairs
    #: mapping text offsets to source unit ``n`` -- a line, paragraph or page number
    #: as ``origin_unit`` says; ``format`` is the reader's ("text", "html", "docx", "pdf").
    origin: list[tuple[int, int]] = field(default_factory=list)
    origin_unit: str = ""
    format: str = ""

    def __post_init__(self) -> None:
        from .readers.script import simplified_norm

        # traditional characters fold to simplified, one for one, so patterns match both.  A text with
        # nothing to fold (most reports) is its own norm: one string, held and pickled once.
        norm = simplified_norm(fold(self.text))
        self.norm = self.text if norm == self.text else norm
        if not self.sha256:
            self.sha256 = hashlib.sha256(self.text.encode("utf-8")).hexdigest()
        self._sentence_starts: list[int] | None = None
        self._section_starts: list[int] | None = None
        self._section_order: list[int] = []

    @property
    def id(self) -> str:
        """A stable identifier: the first 16 hex digits of the content hash."""
        return self.sha256[:16]

    def slice(self, span: Span | Sentence | Section) -> str:
        return self.text[span.start : span.end]

    def section(self, section_id: int | None) -> Section | None:
        return None if section_id is None else self.sections[section_id]

    def title_of(self, section: Section) -> str:
        return self.text[section.title_start : section.title_end]

    def section_path(self, section_id: int | None) -> list[Section]:
        """The chain of sections from the outermost down to ``section_id``."""
        path: list[Section] = []
        while section_id is not None:
            sec = self.sections[section_id]
            path.append(sec)
            section_id = sec.parent
        return path[::-1]

    def sentence_at(self, offset: int) -> Sentence | None:
        """The sentence containing ``offset``, if any."""
        if self._sentence_starts is None or len(self._sentence_starts) != len(self.sentences):
            self._sentence_starts = [s.start for s in self.sentences]
        i = bisect.bisect_right(self._sentence_starts, offset) - 1
        if i >= 0 and self.sentences[i].start <= offset < self.sentences[i].end:
            return self.sentences[i]
        return None

    def section_at(self, offset: int) -> int | None:
        """The innermost section whose extent contains ``offset``.

        Sections nest, so the last one starting at or before ``offset`` is the
        innermost candidate; if it has already ended, one of its ancestors holds
        the offset.  O(log n + depth) instead of a scan of every section.
        """
        if self._section_starts is None or len(self._section_starts) != len(self.sections):
            self._section_order = sorted(range(len(self.sections)), key=lambda i: (self.sections[i].start, self.sections[i].level))
            self._section_starts = [self.sections[i].start for i in self._section_order]
        i = bisect.bisect_right(self._section_starts, offset) - 1
        candidate: int | None = self._section_order[i] if i >= 0 else None
        while candidate is not None:
            sec = self.sections[candidate]
            if sec.start <= offset < sec.end:
                return candidate
            candidate = sec.parent
        return None

    def source_at(self, offset: int) -> int | None:
        """The source line, paragraph or page (see ``origin_unit``) holding ``offset``."""
        i = bisect.bisect_right(self.origin, (offset, float("inf"))) - 1
        return self.origin[i][1] if i >= 0 else None

    def in_review(self, offset: int) -> bool:
        """True when ``offset`` lies in a part of the report reviewing past work."""
        return any(s.start <= offset < s.end for s in self.review_spans)
