"""The published view: everything the public may see, decided once per build.

``published_view(dataset, as_of)`` turns the checked data and the build's as-of date into
the one view every output is made from: pages, figures and charts, open data, the feed,
the search index (through the pages) and the incremental build's keys. It is the only
code that reads ``publish_indicators`` or compares a result's date with the as-of date,
so the rules of the Data format page (``data-format/`` on the site: "Computed results"
and "Consent") hold in every output alike, by construction:

- As of the build's date: an assessment or a label dated after it is in no output (it is
  not yet a result); an event dated after it is kept, marked ``upcoming``.
- Consent: a cluster that does not publish its indicators has its profile, labels,
  events and the dates, kinds and assessors of its benchmarkings published; its results
  (lights, score, changes, improvements: their number, indicators and texts, and the
  illustrative flag that qualifies them) are not in the view at all. Its benchmarkings
  are ``WithheldAssessment``s, a type without those fields, and no aggregate (a share, a
  count, a scorecard, a matrix, an indicator's standing) counts it.

Results are computed here once and reused by every output: label states, the next label
and its checklist, the changes between assessments, the forums' scorecards and matrices,
the indicators' standings, the published lights, the What's new entries and the
portfolio counts.

The view's parts live in one module each (records, clusters, forums, indicators,
published); this package names them.
"""

from __future__ import annotations

from generator.results.view.clusters import ClusterView, JointPart, Membership
from generator.results.view.forums import ForumView, MatrixColumn
from generator.results.view.indicators import IndicatorView, NewsEntry, Standing
from generator.results.view.published import Citation, LightRow, PublishedView, published_view
from generator.results.view.records import (
    Assessment,
    EventView,
    PublishedAssessment,
    WithheldAssessment,
)

__all__ = [
    "Assessment",
    "Citation",
    "ClusterView",
    "EventView",
    "ForumView",
    "IndicatorView",
    "JointPart",
    "LightRow",
    "MatrixColumn",
    "Membership",
    "NewsEntry",
    "PublishedAssessment",
    "PublishedView",
    "Standing",
    "WithheldAssessment",
    "published_view",
]
