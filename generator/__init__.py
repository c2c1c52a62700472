"""Klyngeforum site generator, one subpackage per stage: data (read, check, model) →
results (what the data means on the as-of date) → site (pages, charts, open data) →
build (write, MkDocs, serve); base is shared by all, scaffold writes new data files."""

__version__ = "0.1.0"

SCHEMA_VERSION = 1
"""The data format version this generator reads (``schema_version`` in every file)."""
