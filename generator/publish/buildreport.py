"""What a build did, step by step: the figures the command line prints, ``--timings``
writes and ``bench/`` reads."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from generator.publish.write import SyncReport


@dataclass
class ChartFigures:
    """The charts of a build."""

    total: int = 0
    rendered: int = 0
    """Rendered by this build (not in the cache)."""
    cached: int = 0
    damaged: int = 0
    """Cache entries found damaged, removed and made again."""
    render_seconds: float = 0.0
    cpu_seconds: float = 0.0
    cpu_median_ms: float | None = None


@dataclass
class GenerateReport:
    """The generating steps (``generator.publish.generate``)."""

    charts: ChartFigures = field(default_factory=ChartFigures)
    pages_reused: int = 0
    """Cluster, forum and indicator pages kept from the last build, in all languages."""
    tables_html: int = 0
    """Tables of generated pages written as HTML."""
    tables_markdown: int = 0
    """Tables left to Markdown (those that cannot be converted exactly)."""
    seconds: float = 0.0


@dataclass
class BuildReport:
    """A finished build."""

    generate: GenerateReport = field(default_factory=GenerateReport)
    write: dict[str, SyncReport] = field(default_factory=dict)
    """Per language."""
    write_seconds: float = 0.0
    mkdocs_seconds: dict[str, float] = field(default_factory=dict)
    """Per language (they run in parallel)."""
    mkdocs_total_seconds: float = 0.0
    mkdocs_partial: bool = False
    """MkDocs rendered only the changed pages (``generator.publish.mkdocs_run``)."""

    def changed(self, code: str) -> list[str]:
        """The files of a language's work folder written or removed, sorted."""
        done = self.write.get(code, SyncReport())
        return sorted(done.written + done.removed)

    def timings(self) -> dict[str, Any]:
        """The figures as ``--timings`` writes them (JSON)."""
        generate = self.generate
        return {
            "charts": asdict(generate.charts),
            "pages_reused": generate.pages_reused,
            "tables": {"html": generate.tables_html, "markdown": generate.tables_markdown},
            "generate_seconds": generate.seconds,
            "write_seconds": self.write_seconds,
            "written": {code: len(self.changed(code)) for code in self.write},
            "written_files": {code: self.changed(code) for code in self.write},
            "mkdocs_seconds": self.mkdocs_seconds,
            "mkdocs_total_seconds": self.mkdocs_total_seconds,
            "mkdocs_partial": self.mkdocs_partial,
        }
