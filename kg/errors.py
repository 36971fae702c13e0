"""One exception tree.  The CLI turns any :class:`KGError` into a one-line message.

Input problems are :class:`InputError`\\ s whose message is ``"<file>: <problem>"``;
the subclasses let a caller tell the problems apart without parsing messages.
"""

from __future__ import annotations

import os


#: Control characters in a file name (a newline, say), written as ``\\xNN`` so that a message stays one line.
_CONTROLS = {c: f"\\x{c:02x}" for c in (*range(0x20), 0x7F)}


def path_text(path: object) -> str:
    """``path`` as text that any output can take, as messages, RDF, the page and cache keys record it: each
    byte of a file name that is not UTF-8 (a name made under another encoding), and each control
    character, written as ``\\xNN``.

    Python holds a byte that is not UTF-8 as a lone surrogate, which no UTF-8 output can encode.

    >>> path_text(os.fsdecode(b"\\xd4\\xcb-2023.txt"))  # 运 in GBK: not UTF-8
    '\\\\xd4\\\\xcb-2023.txt'
    >>> path_text("a\\nb.txt")
    'a\\\\x0ab.txt'
    """
    return one_line(os.fspath(path) if isinstance(path, str | os.PathLike) else str(path))


def one_line(text: str) -> str:
    """``text`` as one line that any output can take, escaped as :func:`path_text` escapes a file name.

    A message can carry a file name our code did not escape (a parser names the file it read), and a
    lone surrogate that is no byte of a file name is written as ``\\udNNN``.

    >>> one_line("cannot parse " + os.fsdecode(b"\\xd4\\xcb.ttl") + " (in \\ud800)\\n")
    'cannot parse \\\\xd4\\\\xcb.ttl (in \\\\ud800)\\\\x0a'
    """
    try:
        text = text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:  # a surrogate no file name decodes to: the slow way, character by character
        text = "".join(_printable(ch) for ch in text)
    return text.translate(_CONTROLS)


def _printable(ch: str) -> str:
    n = ord(ch)
    if 0xDC80 <= n <= 0xDCFF:  # what os.fsdecode makes of the byte n - 0xDC00
        return f"\\x{n - 0xDC00:02x}"
    return f"\\u{n:04x}" if 0xD800 <= n <= 0xDFFF else ch


class KGError(Exception):
    """Base of every error govkg raises on purpose."""


class InputError(KGError):
    """An input file cannot be read as a report.  The message names the file."""

    def __init__(self, path: object, problem: str) -> None:
        self.path = path_text(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")

    def __reduce__(self):  # keep the two-argument constructor picklable
        return (type(self), (self.path, self.problem))


class UnsupportedFormat(InputError):
    """The file is of a kind govkg does not read (an image, a binary, a legacy .doc)."""


class EncodingUndetected(InputError):
    """A text file whose character encoding cannot be determined."""


class DamagedInput(InputError):
    """A .docx or PDF that is truncated or corrupt."""


class EncryptedInput(InputError):
    """A password-protected document."""


class NoTextLayer(InputError):
    """A PDF whose pages carry no text (scanned images)."""


class InputTooLarge(InputError):
    """A file above :data:`kg.readers.MAX_INPUT_BYTES`; refused without reading it."""


class BuildError(KGError):
    """A build that produced nothing: every input failed, or ``strict`` and one did.

    ``failures`` holds the :class:`InputError` of each input that failed.
    """

    def __init__(self, failures: list[InputError], reason: str) -> None:
        self.failures = list(failures)
        lines = [str(f) for f in self.failures]
        lines.append(reason)
        super().__init__("\n".join(lines) if len(self.failures) != 1 else str(self.failures[0]))


class QueryError(KGError):
    """A SPARQL query or its parameters are invalid."""


class ValidationError(KGError):
    """A graph violates the SHACL shapes."""


class EvalError(KGError):
    """A gold file is malformed."""


class EndpointError(KGError):
    """A SPARQL server refused a request, failed, or did not answer in time (``kg push``, ``kg serve``)."""
