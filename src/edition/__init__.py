"""edition: static scholarly web editions from the plain text of journal articles."""

__version__ = "0.1.0"
