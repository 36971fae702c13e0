"""Saved web pages: the article's text without navigation, scripts and share buttons.

lxml's HTML parser (already installed with python-docx) is tolerant of the
markup government sites produce and records each element's source line,
which is this reader's map back to the source.  The main text is the deepest
element holding most of the page's Chinese text, after dropping elements that
are never content (scripts, navigation, share bars, footers).
"""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import InputError

# The encoding a page declares in its first bytes: <meta charset="gb2312"> or http-equiv content.
META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)
HTML_START = re.compile(rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S)
NEVER_CONTENT = (
    "script", "style", "noscript", "template", "nav", "header", "footer", "aside",
    "form", "button", "select", "input", "textarea", "iframe", "svg", "canvas", "object", "embed",
)  # fmt: skip
# class/id words of page furniture on government and news sites.
FURNITURE = re.compile(
    r"(?:^|[\s_\-])(?:nav|navbar|menu|breadcrumbs?|crumbs?|share|bdshare|social|footer|foot|header|head|"
    r"sidebar|side|comments?|copyright|toolbar|tools|print|pager|pagination|related|login|search|"
    r"qrcode|ewm|banner|ads?|weixin|wechat|weibo|position|location|dqwz)(?:$|[\s_\-\d])",
    re.I,
)
BLOCK = frozenset(
    "address article aside blockquote br dd div dl dt figcaption figure h1 h2 h3 h4 h5 h6 hr li "
    "main ol p pre section table tbody td th thead tr ul center".split()
)
HAN = re.compile(r"[\u3400-\u9fff]")
# Whitespace holding a line break between two East Asian characters disappears
# (CSS Text 3, segment break transformation); any other run becomes one space.
CJK = r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]"
CJK_BREAK = re.compile(rf"(?<={CJK})[ \t\r\f]*\n\s*(?={CJK})")
SPACES = re.compile(r"[ \t\r\n\f\u00a0]+")
MAIN_SHARE = 0.8


def looks_like_html(head: bytes) -> bool:
    return bool(HTML_START.match(head))


def read_html(path: Path, raw: bytes):
    import lxml.etree
    import lxml.html

    from . import Extracted

    text, encoding = _decode(path, raw)
    try:
        root = lxml.html.document_fromstring(_drop_xml_declaration(text))
    except (lxml.etree.ParserError, ValueError) as exc:
        raise InputError(path, f"not a readable HTML page ({exc})") from None
    for el in list(root.iter(lxml.etree.Comment, lxml.etree.ProcessingInstruction)):
        _remove(el)
    for el in list(root.iter(*NEVER_CONTENT)):
        _remove(el)
    for el in list(root.iter()):
        if isinstance(el.tag, str) and el.getparent() is not None and _is_furniture(el):
            _remove(el)
    body = root.find("body")
    if body is None:
        body = root
    main = _main(body)
    blocks: list[tuple[str, int]] = []
    title = _title_outside(body, main)
    if title is not None:
        blocks.append(title)
    blocks.extend(_blocks(main))
    out: list[str] = []
    origin: list[tuple[int, int]] = []
    pos = 0
    for line, source_line in blocks:
        if out:
            out.append("\n")
            pos += 1
        origin.append((pos, source_line))
        out.append(line)
        pos += len(line)
    clean = "".join(out)
    if not clean.strip():
        raise InputError(path, "web page has no text")
    return Extracted(clean, "html", "line", tuple(origin), encoding)


def _decode(path: Path, raw: bytes) -> tuple[str, str]:
    from .text import BOMS, SUPERSET, decode

    if not any(raw.startswith(bom) for bom, _ in BOMS):
        m = META_CHARSET.search(raw[:4096])
        if m:
            declared = m.group(1).decode("ascii").lower()
            encoding = SUPERSET.get(declared.replace("-", ""), declared)
            try:
                text = raw.decode(encoding)
            except (UnicodeDecodeError, LookupError):
                pass  # the declaration lies; detect instead
            else:
                return text, encoding
    return decode(path, raw)


def _drop_xml_declaration(text: str) -> str:
    # lxml refuses str input that declares an encoding
    return re.sub(r"^\s*<\?xml[^>]*\?>", "", text, count=1)


def _remove(el) -> None:
    """Remove ``el`` but keep the text that follows it (its tail)."""
    parent = el.getparent()
    if parent is None:
        return
    tail = el.tail
    if tail:
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(el)


def _is_furniture(el) -> bool:
    if el.tag in ("body", "html", "main", "article"):
        return False
    names = " ".join(filter(None, (el.get("class"), el.get("id"), el.get("role"))))
    return bool(names and FURNITURE.search(names))


def _han(el) -> int:
    return len(HAN.findall(el.text_content()))


def _main(body):
    """The deepest element holding most of ``body``'s Chinese text."""
    node = body
    total = _han(node)
    while total:
        best = max((c for c in node if isinstance(c.tag, str)), key=_han, default=None)
        if best is None or _han(best) < MAIN_SHARE * total:
            break
        node = best
    return node


def _title_outside(body, main) -> tuple[str, int] | None:
    """The page's <h1> when the main text does not contain it: the report's title."""
    if main is body:
        return None
    for h in body.iter("h1", "h2"):
        if main in h.iterancestors() or h in main.iter():
            continue
        text = _clean(h.text_content())
        if text:
            return text, h.sourceline or 0
        break
    return None


def _blocks(main) -> list[tuple[str, int]]:
    """The text of ``main`` as lines: one per block element, each with its source line."""
    lines: list[tuple[str, int]] = []
    buf: list[str] = []
    line_no = [main.sourceline or 0]

    def flush() -> None:
        text = _clean("".join(buf))
        if text:
            lines.append((text, line_no[0]))
        buf.clear()

    def walk(el) -> None:
        block = el.tag in BLOCK
        if block:
            flush()
            line_no[0] = el.sourceline or line_no[0]
        if el.text:
            buf.append(el.text)
        for child in el:
            if isinstance(child.tag, str):
                walk(child)
            if child.tail:
                if not buf:
                    line_no[0] = child.sourceline or line_no[0]
                buf.append(child.tail)
        if block:
            flush()

    walk(main)
    flush()
    return lines


def _clean(text: str) -> str:
    text = CJK_BREAK.sub("", text)
    return SPACES.sub(" ", text).strip(" \u3000")
