"""api/v1/index.json and api/v1/lights.csv: the lists of every file and of every
published light."""

from __future__ import annotations

from typing import Any

from generator.render.opendata import csv_file
from generator.render.opendata import schema as out
from generator.render.opendata.common import (
    CSV_COLUMNS,
    date_or_none,
    file_head,
    sourced,
    text_data,
)
from generator.results.view import (
    PublishedView,
)

# --- lights.csv -------------------------------------------------------------------------------


def light_rows(view: PublishedView) -> list[tuple[str, str, str, str, str, str]]:
    """Every published light: (cluster, date, indicator, light, illustrative, certainty),
    sorted; the certainty is its benchmarking's (a light is a published result only)."""
    certainty = {(c.id, date_or_none(a.date)): a.certainty for c in view.clusters.values()
                 for a in c.published_assessments}
    return [(r.cluster, date_or_none(r.date) or "", r.indicator, r.light,
             "true" if r.illustrative else "false", certainty[(r.cluster, date_or_none(r.date))])
            for r in view.light_rows]


def lights_csv(view: PublishedView) -> bytes:
    """lights.csv: a header and one row per published light, LF line ends (a text that
    would begin a formula begins with an apostrophe, see ``csv_file``)."""
    return csv_file.rows_csv(CSV_COLUMNS, light_rows(view))


# --- index ------------------------------------------------------------------------------------


def _rules(view: PublishedView) -> out.RulesOut:
    labels = view.rules.labels
    return out.RulesOut(
        bronze=out.LevelRuleOut(valid_months=labels.bronze.valid_months, requires={}),
        silver=out.LevelRuleOut(valid_months=labels.silver.valid_months,
                                requires=labels.silver.requires.model_dump()),
        gold=out.LevelRuleOut(valid_months=labels.gold.valid_months,
                              requires=labels.gold.requires.model_dump()),
        expiring_months=view.rules.expiring_months)


def _file(path: str, kind: out.FileKind, *, id: str | None = None,
          media_type: out.MediaType = "application/json", schema: str | None = None,
          columns: list[str] | None = None) -> out.FileEntryOut:
    return out.FileEntryOut(path=path, kind=kind, id=id, media_type=media_type,
                            schema_=schema, columns=columns)


def index_model(view: PublishedView, schemas: list[str]) -> out.IndexOut:
    """api/v1/index.json: the site, the catalogue's areas, the rules and every file."""
    site = view.site
    files = [_file("index.json", "index", schema="schema/index.schema.json")]
    files += [_file(f"forums/{f}.json", "forum", id=f, schema="schema/forum.schema.json")
              for f in view.forums]
    files += [_file(f"clusters/{c}.json", "cluster", id=c, schema="schema/cluster.schema.json")
              for c in view.clusters]
    files += [_file(f"indicators/{i.id}.json", "indicator", id=i.id,
                    schema="schema/indicator.schema.json")
              for i in view.catalogue.indicators]
    surveys = view.strategy.surveys
    files += [_file(f"surveys/{r.id}.json", "survey", id=r.id,
                    schema="schema/survey.schema.json") for r in surveys]
    files.append(_file("lights.csv", "lights", media_type="text/csv",
                       columns=list(CSV_COLUMNS)))
    files += [_file(s, "schema", id=s.split("/")[-1].split(".")[0],
                    media_type="application/schema+json") for s in schemas]
    # surveys: absent, not empty, when there is none
    present: dict[str, Any] = {"surveys": [
        out.NamedOut(id=r.id, name=text_data(r.survey.title), path=f"surveys/{r.id}.json",
                     **sourced(view, r.survey.certain, r.survey.source))
        for r in surveys]} if surveys else {}
    return out.IndexOut(
        **file_head(view.as_of),
        title=text_data(site.title),
        languages=list(site.languages),
        site_url=site.site_url,
        areas=[out.AreaOut(id=a.id, name=text_data(a.name)) for a in view.catalogue.areas],
        rules=_rules(view),
        peer_groups=[out.PeerGroupOut(id=g.id, name=text_data(g.name), clusters=g.clusters,
                                      illustrative=g.illustrative,
                                      **sourced(view, g.certain, g.source))
                     for g in view.peer_groups.values()],
        forums=[out.NamedOut(id=f.id, name=text_data(f.name), path=f"forums/{f.id}.json",
                             **sourced(view, f.certainty, f.source))
                for f in view.forums.values()],
        clusters=[out.IndexClusterOut(id=c.id, name=text_data(c.name),
                                      path=f"clusters/{c.id}.json",
                                      publish_indicators=c.publishes,
                                      **sourced(view, c.certainty, c.source))
                  for c in view.clusters.values()],
        indicators=[out.IndexIndicatorOut(id=i.id, area=i.area, name=text_data(i.name),
                                          path=f"indicators/{i.id}.json")
                    for i in view.catalogue.indicators],
        **present,
        files=files,
    )
