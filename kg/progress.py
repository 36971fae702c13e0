"""A progress bar for corpus builds, and the one-line summary after them.

The library never prints: :func:`kg.pipeline.build` calls a ``progress``
function, and the CLI passes a :class:`ProgressBar`, which draws on stderr
only when stderr is a terminal (so logs and pipes stay clean).
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from typing import TYPE_CHECKING, TextIO

from .model import ENTITY_TYPES

if TYPE_CHECKING:
    from .pipeline import BuildResult

BAR_WIDTH = 24
#: Seconds between redraws: enough to look live, few enough to cost nothing.
REDRAW_EVERY = 0.1


def format_duration(seconds: float) -> str:
    """
    >>> format_duration(75.4)
    '1:15'
    >>> format_duration(3725)
    '1:02:05'
    """
    s = int(round(seconds))
    h, rest = divmod(s, 3600)
    m, s = divmod(rest, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"


def render(done: int, total: int, elapsed: float, cached: int = 0, unit: str = "docs", kept: str = "cached") -> str:
    """One line of the bar: items done (``cached`` of them, called ``kept``, with next to no work), rate and
    time left.

    >>> render(50, 200, 10.0)
    '[######..................]  50/200 docs  5.0 docs/s  0:30 left'
    >>> render(50, 200, 10.0, cached=20, unit="graphs", kept="unchanged")
    '[######..................]  50/200 graphs  20 unchanged  3.0 graphs/s  0:50 left'
    """
    frac = done / total if total else 1.0
    filled = int(frac * BAR_WIDTH)
    width = len(str(total))
    # rate over the documents actually analysed; cache hits are near-instant
    work = done - cached
    rate = work / elapsed if elapsed > 0 else 0.0
    left = (total - done) / rate if rate > 0 else None
    parts = [f"[{'#' * filled}{'.' * (BAR_WIDTH - filled)}] {done:>{width}}/{total} {unit}"]
    if cached:
        parts.append(f"{cached} {kept}")
    parts.append(f"{rate:.1f} {unit}/s")
    parts.append(f"{format_duration(left)} left" if left is not None else "-:-- left")
    return "  ".join(parts)


class ProgressBar:
    """``bar(done, total, cached)`` redraws the bar; :meth:`close` clears it.

    Draws only when ``stream`` is a terminal (``enabled=None``) or when told to.
    """

    def __init__(
        self, stream: TextIO | None = None, *, enabled: bool | None = None, unit: str = "docs", kept: str = "cached"
    ) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.unit, self.kept = unit, kept
        self.enabled = _isatty(self.stream) if enabled is None else enabled
        self.started = time.perf_counter()
        self.cached = 0
        self._last = 0.0
        self._drawn = False

    def __call__(self, done: int, total: int, cached: bool = False) -> None:
        self.cached += cached
        if not self.enabled:
            return
        now = time.perf_counter()
        if done < total and now - self._last < REDRAW_EVERY:
            return
        self._last = now
        self.stream.write("\r" + render(done, total, now - self.started, self.cached, self.unit, self.kept) + "\x1b[K")
        self.stream.flush()
        self._drawn = True

    def close(self) -> None:
        if self._drawn:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self._drawn = False


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def summary(result: BuildResult, seconds: float) -> str:
    """The one line printed after a build.

    Names documents (and how many came from the cache or failed), entities
    by type in the contract's order, relations and seconds.
    """
    graph = result.graph
    by_type = Counter(e.type for e in graph.entities.values())
    types = ", ".join(f"{t} {by_type[t]}" for t in ENTITY_TYPES if by_type[t])
    docs = f"{len(graph.documents)} document{'s' * (len(graph.documents) != 1)}"
    extra = []
    if result.cached:
        extra.append(f"{result.cached} from cache")
    failed = len(getattr(result, "failures", ()) or ())
    if failed:
        extra.append(f"{failed} failed")
    if extra:
        docs += f" ({', '.join(extra)})"
    return (
        f"built {docs}: {len(graph.entities)} entities ({types or 'none'}), "
        f"{len(graph.relations)} relations in {seconds:.1f} s"
    )
