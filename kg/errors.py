"""One exception tree.  The CLI turns any :class:`KGError` into a one-line message."""

from __future__ import annotations


class KGError(Exception):
    """Base of every error govkg raises on purpose."""


class InputError(KGError):
    """An input file cannot be read as a report.  The message names the file."""

    def __init__(self, path: object, problem: str) -> None:
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")


class QueryError(KGError):
    """A SPARQL query or its parameters are invalid."""


class ValidationError(KGError):
    """A graph violates the SHACL shapes."""


class EvalError(KGError):
    """A gold file is malformed."""
