"""Klyngeforum site generator: load → validate → model → compute → render → write."""

__version__ = "0.1.0"

SCHEMA_VERSION = 1
"""The data contract version this generator reads (``schema_version`` in every file)."""
