"""Copies of a report in every input format, generated at test time (no binaries committed).

Each ``write_*`` function takes the report's text (paragraphs separated by
newlines, as in the bundled sample) and writes one format to ``path``.
"""

from __future__ import annotations

import html
import io
from pathlib import Path

# Furniture a saved page or a printed report carries that must not reach the graph.
# It names places and organisations so a reader that leaks it changes the entity set.
PAGE_NAV = ["首页", "政务公开", "运城市人民政府", "北京市", "上海市浦东新区"]
PAGE_FOOTER = "主办:山西省运城市人民政府办公室 承办:运城市大数据中心 晋ICP备05001234号"
RUNNING_HEAD = "山西省运城市人民政府公报 2023年第2期"


def paragraphs(text: str) -> list[str]:
    return [p.strip() for p in text.split("\n") if p.strip()]


def write_html(text: str, path: Path, *, encoding: str = "utf-8") -> Path:
    """A page as government sites serve it: nav, share bar, scripts, article, footer."""
    e = html.escape
    body = "\n".join(f"<p>&nbsp;&nbsp;{_wrap_source(e(p))}</p>" for p in paragraphs(text)[1:])
    nav = "".join(f'<li><a href="/{i}">{e(n)}</a></li>' for i, n in enumerate(PAGE_NAV))
    page = f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta http-equiv="Content-Type" content="text/html; charset={encoding}">
<title>{e(paragraphs(text)[0])}_运城市人民政府门户网站</title>
<style>.nav li {{ display: inline; }} p {{ text-indent: 2em; }}</style>
<script>var _hmt = _hmt || []; document.write("<div>运城市人民政府欢迎您</div>");</script>
</head>
<body>
<div class="header"><img src="logo.png" alt="运城市人民政府"><div class="search"><input value="搜索"></div></div>
<ul class="nav">{nav}</ul>
<div class="position">当前位置:<a href="/">首页</a> &gt; <a href="/zwgk">政务公开</a></div>
<div class="article">
<h1>{e(paragraphs(text)[0])}</h1>
<div class="info">来源:运城日报 发布时间:2023-01-15
<div class="bdshare"><a class="bds_weixin">微信</a><a class="bds_tsina">新浪微博</a></div></div>
<div id="zoom" class="TRS_Editor">
{body}
</div>
</div>
<div class="related"><h3>相关链接</h3><a href="#">太原市政府工作报告</a><a href="#">大同市政府工作报告</a></div>
<div class="footer">{e(PAGE_FOOTER)}</div>
<script type="text/javascript">window.onload = function() {{ share("运城市") }};</script>
</body>
</html>
"""
    path.write_bytes(page.encode(encoding))
    return path


def _wrap_source(p: str, width: int = 60) -> str:
    # saved pages break long paragraphs across source lines; the reader must rejoin
    # them.  Break only between two Han characters, where no space is meant.
    out, start = [], 0
    for i in range(width, len(p), width):
        if "\u4e00" <= p[i - 1] <= "\u9fff" and "\u4e00" <= p[i] <= "\u9fff" and i > start:
            out.append(p[start:i])
            start = i
    out.append(p[start:])
    return "\n".join(out)


def write_docx(text: str, path: Path) -> Path:
    """A Word document: title, paragraphs, and a page header/footer to be ignored."""
    import docx

    document = docx.Document()
    section = document.sections[0]
    section.header.paragraphs[0].text = RUNNING_HEAD
    section.footer.paragraphs[0].text = PAGE_FOOTER
    paras = paragraphs(text)
    document.add_heading(paras[0], level=1)
    for p in paras[1:]:
        document.add_paragraph(p)
    document.save(str(path))
    return path


def _cid_font() -> str:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    # a CID font built into reportlab: Chinese text layer without any font file
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    return "STSong-Light"


def write_pdf(text: str, path: Path, *, encrypt: str | None = None) -> Path:
    """A printed report: indented paragraphs wrapped mid-sentence to the measure,
    centred headings, a running head and page numbers on every page."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.pdfgen import canvas

    font = _cid_font()
    width, height = A4
    size, lead, left = 11, 18, 72
    measure = width - 2 * left
    c = canvas.Canvas(str(path), pagesize=A4, encrypt=encrypt, invariant=1)
    page = 1
    y = height - 80

    def furniture() -> None:
        c.setFont(font, 9)
        c.drawCentredString(width / 2, height - 40, RUNNING_HEAD)
        c.drawCentredString(width / 2, 30, f"— {page} —")
        c.setFont(font, size)

    def room() -> None:
        nonlocal y, page
        if y < 70:
            c.showPage()
            page += 1
            y = height - 80
            furniture()

    def fill(p: str, avail: float) -> int:
        n = 1
        while n < len(p) and stringWidth(p[: n + 1], font, size) <= avail:
            n += 1
        return n

    furniture()
    for p in paragraphs(text):
        room()
        if len(p) <= 30 and p[-1] not in "。;:!?":
            c.drawCentredString(width / 2, y, p)  # a heading: short, centred
            y -= lead
            continue
        indent = 2 * size
        while p:
            room()
            n = fill(p, measure - indent)
            c.drawString(left + indent, y, p[:n])
            p, indent = p[n:], 0
            y -= lead
    c.save()
    return path


def write_image_pdf(path: Path) -> Path:
    """A 'scanned' PDF: pages of drawing, no text layer."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    for _ in range(2):
        for i in range(40):
            c.rect(72, 80 + 16 * i, 400 - 7 * i, 9, fill=1, stroke=0)
        c.showPage()
    c.save()
    return path


def truncated(path: Path, out: Path, keep: float = 0.5) -> Path:
    data = path.read_bytes()
    out.write_bytes(data[: int(len(data) * keep)])
    return out


def docx_bytes(text: str) -> bytes:
    buf = io.BytesIO()
    import docx

    d = docx.Document()
    for p in paragraphs(text):
        d.add_paragraph(p)
    d.save(buf)
    return buf.getvalue()
