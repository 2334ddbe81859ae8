"""The package's own exception types: every expected failure raises one of them."""

__all__ = ["AlignmentError", "AnalysisError", "ConfigError", "CorpusError", "ValidationError"]


class AnalysisError(Exception):
    """Base class: a one-line message naming the bad value and how to fix it."""


class CorpusError(AnalysisError):
    """An input file, folder or manifest cannot be read as a corpus."""


class AlignmentError(AnalysisError):
    """An alignment was asked for something that does not exist (article id, method)."""


class ConfigError(AnalysisError):
    """A bad option, parameter or configuration file."""


class ValidationError(AnalysisError):
    """A validation sample or coding sheet that cannot be used (missing, changed, bad codes)."""
