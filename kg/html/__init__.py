"""Graph -> one self-contained, interactive HTML page.

The page inlines everything it needs -- vis-network's script from the
installed pyvis package, its own stylesheet and script, and the graph as a
JSON blob -- so it opens offline and makes no request.  pyvis's own
templates are not used: even with ``cdn_resources="in_line"`` they load
Bootstrap from a CDN, and ``Network.add_edge`` scans every edge (minutes at
20,000 nodes).  The layout is computed in Python (:mod:`kg.html.layout`),
physics is off, so the same graph gives the same bytes.

Document text is data: it travels only inside the JSON blob, with ``<``,
``>`` and ``&`` written as JSON escapes so no sequence in it can close the
script element, and the page script puts it into the DOM with
``textContent`` only.
"""

from __future__ import annotations

import html
import importlib.util
from importlib import resources
from pathlib import Path

from ..fsutil import atomic_write
from ..model import KnowledgeGraph
from .data import DocPage, Payload, doc_page, script_json

__all__ = ["Page", "render", "render_bytes", "write", "script_json", "vis_script", "page_title", "DocPage", "doc_page"]

VIS_VERSION = "vis-9.1.2"
_MARKERS = ("@@TITLE@@", "@@CSS@@", "@@VIS@@", "@@DATA@@", "@@APP@@")


def _asset(name: str) -> str:
    return resources.files(__package__).joinpath("assets", name).read_text(encoding="utf-8")


def vis_script() -> str:
    """vis-network as bundled with pyvis (its licence header kept).

    The file is found without importing pyvis, which would pull in jinja2
    and networkx (most of a second) for nothing.
    """
    spec = importlib.util.find_spec("pyvis")
    if spec is None or spec.origin is None:
        raise ModuleNotFoundError("pyvis is not installed; it provides vis-network for the graph page")
    return (Path(spec.origin).parent / "lib" / VIS_VERSION / "vis-network.min.js").read_text(encoding="utf-8")


def page_title(graph: KnowledgeGraph) -> str:
    titles = sorted({(d.title or Path(d.source).name).strip() for d in graph.documents.values()})
    if len(titles) == 1:
        return f"{titles[0]} · 知识图谱"
    return f"{len(titles)} 份报告 · 知识图谱" if titles else "知识图谱"


def render(graph: KnowledgeGraph, pages: dict[str, DocPage] | None = None) -> str:
    """The page for ``graph`` as one string (see :func:`render_bytes`, which is leaner)."""
    return render_bytes(graph, pages).decode("utf-8")


def render_bytes(graph: KnowledgeGraph, pages: dict[str, DocPage] | None = None) -> bytes:
    """The page for ``graph``, UTF-8 encoded; ``pages`` are documents' shares already made (see
    :class:`kg.html.data.Payload`)."""
    with Page(graph, pages) as page:
        return page.render_bytes()


class Page:
    """The page for ``graph``, begun: its layout runs (in a process of its own, for a big graph) while the
    caller does other work, and :meth:`render_bytes` then gives the page.  Leaving a ``with`` block stops
    the layout if the page was abandoned."""

    def __init__(self, graph: KnowledgeGraph, pages: dict[str, DocPage] | None = None) -> None:
        self._graph = graph
        self._payload = Payload(graph, pages)

    def render_bytes(self) -> bytes:
        """The page, UTF-8 encoded.

        Each piece is encoded as soon as it is made, so the page never exists as
        a (two-bytes-a-character) ``str`` as well: at 10 MB of reports that is
        an 11 MB page instead of 11 MB plus 22 MB.
        """
        graph = self._graph
        parts = {
            "@@TITLE@@": html.escape(page_title(graph)),
            "@@CSS@@": _asset("page.css"),
            "@@VIS@@": vis_script(),
            "@@APP@@": _asset("page.js"),
        }
        # Split on the markers first and fill once, so text inserted for one
        # marker is never searched for another.
        pieces = [_asset("page.html")]
        for marker in _MARKERS:
            pieces = [piece for chunk in pieces for piece in _split_keep(chunk, marker)]
        out: list[bytes] = []
        for piece in pieces:
            if piece == "@@DATA@@":
                out += (text.encode("utf-8") for text in self._payload.parts())
            else:
                out.append(parts.get(piece, piece).encode("utf-8"))
        return b"".join(out)

    def close(self) -> None:
        self._payload.close()

    def __enter__(self) -> Page:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _split_keep(text: str, marker: str) -> list[str]:
    if text in _MARKERS:
        return [text]
    pieces = text.split(marker)
    out = [pieces[0]]
    for piece in pieces[1:]:
        out += [marker, piece]
    return out


def write(graph: KnowledgeGraph, path: Path, pages: dict[str, DocPage] | None = None) -> Path:
    """Write the page for ``graph`` to ``path`` atomically; return ``path``."""
    return atomic_write(path, render_bytes(graph, pages))
