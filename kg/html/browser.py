"""How govkg's own checks open a page: Debian's chromium, headless, with no network.

Shared by the browser test and the page benchmark.  The background-networking
flags matter: without them chromium keeps trying hosts on a closed network.
"""

from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
