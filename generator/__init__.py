"""News digest generator: merge articles about the same events into one faithful digest per story."""

__version__ = "0.1.0"
