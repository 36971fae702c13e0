"""The ``kg`` console script and ``python -m kg``: the command line, imported behind a guard.

Importing :mod:`kg.cli` (and click) takes most of a tenth of a second.  A
Ctrl-C that lands then would end in Python's KeyboardInterrupt traceback;
here it ends the command as one a moment later does (click's ``Aborted!``,
exit status 1).  This module imports nothing else, so the window left is
Python's own start and the package's ``__init__``.
"""

import sys


def run() -> None:
    try:
        from .cli import run as command
    except KeyboardInterrupt:
        sys.stderr.write("\nAborted!\n")  # what click writes for a Ctrl-C
        sys.exit(1)
    command()
