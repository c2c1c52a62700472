"""What every figure of a page is made with: the page's language, the published view, the
spec of a chart kind, and how a chart says what it draws and how sure that is. The
figures of forums, clusters, indicators and the regional strategy use this interface."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pandas as pd
from markupsafe import Markup

from generator.base.dates import PartialDate
from generator.data.schema import ASSESSED_LIGHTS, LIGHTS
from generator.render.charts import kinds as charts
from generator.render.charts import palette, specs
from generator.render.charts.figure import Figure
from generator.render.pages.jinja import certainty_of, least_certain, light_badge, sources_of
from generator.render.text.i18n import Language
from generator.render.text.vocabulary import (
    Vocabulary,
    certainty_note,
    light_name,
)
from generator.results import compute
from generator.results.view import ForumView, PublishedView


class FigureKit:
    """The page's language and the published view, and the helpers every figure uses."""

    def __init__(self, view: PublishedView, language: Language, *,
                 validate: bool = False, cache_dir: Path | None = None):
        """``validate``: check every new spec against the Vega-Lite schema (tests do);
        ``cache_dir``: where specs built before are kept (see ``specs.build_spec``)."""
        self.view = view
        self.language = language
        self.as_of = view.as_of
        self.validate = validate
        self.cache_dir = cache_dir
        self.names = Vocabulary(language)
        glyphs = palette.LIGHT_GLYPHS
        self.light_labels = {code: f"{glyphs[code]} {light_name(code, language)}"
                             for code in LIGHTS}


    @staticmethod
    def present(**figures: Figure | None) -> dict[str, Figure]:
        return {name: f for name, f in figures.items() if f is not None}


    def gettext(self, message: str) -> str:
        """A message in the page's language."""
        return self.language.gettext(message)


    def date(self, value: PartialDate) -> str:
        return self.language.date(value)


    def name(self, item: Any) -> str:
        return str(item.name.get(self.language.code, (self.language.default,)))


    def spec(self, kind: charts.ChartKind, params: dict[str, Any], frame: pd.DataFrame,
              description: str) -> dict[str, Any]:
        return specs.build_spec(kind, frame, params, self.language.code, description,
                                 cache_dir=self.cache_dir, check=self.validate)


    def area_label(self, area_id: str) -> str:
        return f"{area_id} {self.name(self.view.catalogue.area(area_id))}"


    def lights_frame_columns(self, code: str) -> dict[str, Any]:
        return {"light": code, "light_label": self.light_labels[code],
                "light_rank": (ASSESSED_LIGHTS.index(code) if code in ASSESSED_LIGHTS
                               else len(ASSESSED_LIGHTS))}


    @staticmethod
    def sure(*records: Any) -> dict[str, Any]:
        """A chart's ``certainty`` and ``source``: those of the records it draws."""
        return {"certainty": least_certain(certainty_of(r) for r in records),
                "source": tuple(dict.fromkeys(ref for r in records
                                              for ref in sources_of(r) or ())) or None}


    def certainty_note(self, certainty: str) -> str:
        """What a chart's caption and text alternative add when it draws example or
        inferred records (nothing for confirmed ones), so that a reader of either, or of
        the chart alone, knows it."""
        if certainty == "example":
            return " " + self.gettext("Illustrative figures: examples, not published results.")
        if certainty == "inferred":
            return " " + self.gettext("Some of what the chart shows is inferred: concluded "
                                      "from what the sources say, not stated by them.")
        return ""


    def certainty_cell(self, text: str, record: Any) -> str:
        """A cell of a chart's table naming one record, with "(inferred)" or "(example
        data)" after it when it is not confirmed."""
        note = certainty_note(certainty_of(record), self.language)
        return f"{text} {note}" if note else text


    def stated_members(self, forum: ForumView, named: int) -> str:
        """A sentence for a forum whose sources state more member clusters than they name
        (the scorecard counts only the named ones); '' otherwise."""
        if forum.members_count is None or forum.members_count <= named:
            return ""
        return " " + self.gettext(
            "Its sources state %(stated)d member clusters and name %(named)d; only named "
            "ones can be counted.") % {"stated": forum.members_count, "named": named}


    def light_headers(self) -> tuple[Markup, ...]:
        return tuple(light_badge(code, self.language) for code in ASSESSED_LIGHTS)


    def peer_label(self, group: Any) -> str:
        return self.language.ngettext("%(group)s: %(num)d cluster", "%(group)s: %(num)d clusters",
                                      group.clusters) % {"group": self.name(group),
                                                         "num": group.clusters}


    def share_cells(self, shares: compute.Shares) -> tuple[str, ...]:
        if not shares.assessed:
            return ("–", "–", "–", "0")
        return (*(f"{self.language.percent(getattr(shares, c))} "
                  f"({self.language.number(getattr(shares, f'{c}_n'))})" for c in ASSESSED_LIGHTS),
                self.language.number(shares.assessed))


    @staticmethod
    def unique(labels: list[str]) -> list[str]:
        seen: Counter[str] = Counter(labels)
        result, used = [], Counter[str]()
        for label in labels:
            used[label] += 1
            result.append(f"{label} ({used[label]})" if seen[label] > 1 else label)
        return result
