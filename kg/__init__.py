"""govkg: an offline, deterministic knowledge-graph builder for Chinese government work reports."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("govkg")
except PackageNotFoundError:  # running from a source tree without an install
    __version__ = "0.0.0"
