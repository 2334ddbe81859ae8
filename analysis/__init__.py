"""storydiff-news: compare how news articles cover the same event."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("storydiff-news")
except PackageNotFoundError:  # pragma: no cover - running from a source tree
    __version__ = "0.0.0+unknown"

__all__ = ["__version__"]
