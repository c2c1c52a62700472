"""The open data files under ``/api/v1/``: one JSON file per forum, cluster and indicator,
a CSV of every published light, the JSON Schemas of the files and an index of them all.

Pure functions from the published view (``generator.results.view``) to plain JSON-able
dicts; ``api_files`` serialises them deterministically (sorted keys, LF line ends), so the
same data and as-of date always give the same bytes. Ids, codes and texts are the data's
own; dates are strings at the data's own precision (``"2016-09"``).

Consent (the Data format page, "Consent") and the as-of date are decided in the published
view: a cluster that does not publish its indicators has only the date and kind of each
assessment in its file, nothing of its results in any indicator file, forum scorecard or
the CSV, and a next-label checklist without figures. Its file's shape is enforced by the
published schema (``api_schema.WithholdingClusterOut``).

Truth in publishing: every record says how sure it is (``certainty``: confirmed, inferred
or example) and where it is stated (``sources``), as the pages mark it, so a file never
states more than its sources. A result drawn from several records (a scorecard, the
coverage of a strategy) is as sure as the least sure of them. A withheld benchmarking has
no certainty of its own: its certainty is one of its results.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Container, Mapping
from typing import Any

from pydantic import ValidationError

from generator.base.dates import PartialDate
from generator.base.files import Content
from generator.base.text import Text
from generator.data.schema import Member, PeerGroupFile
from generator.render.opendata import csv_file
from generator.render.opendata import strategy as strategy_api
from generator.render.opendata.schema import API_KINDS, API_VERSION, schema_files
from generator.results import compute
from generator.results.strategy import joined_sources, least_certain
from generator.results.view import (
    ClusterView,
    EventView,
    ForumView,
    IndicatorView,
    PublishedAssessment,
    PublishedView,
)

PREFIX = f"api/v{API_VERSION}/"
"""Where the files live below the site root (and the default language's docs folder)."""
CSV_COLUMNS = ("cluster", "date", "indicator", "light", "illustrative", "certainty")
"""The columns of lights.csv, in order."""
_SHARE_DIGITS = 4

JSON = dict[str, Any]


# --- small conversions ------------------------------------------------------------------------


def _date(value: PartialDate | None) -> str | None:
    return None if value is None else value.isoformat()


def _text(value: Text | None) -> str | dict[str, str] | None:
    return None if value is None else value.as_data()


def _share(value: float) -> float:
    return round(value, _SHARE_DIGITS)


def _head(as_of: dt.date) -> JSON:
    return {"schema_version": 1, "as_of": as_of.isoformat()}


_sourced = strategy_api.sourced


def _event(view: PublishedView, event: EventView) -> JSON:
    return {
        "date": _date(event.date), "kind": event.kind, "title": _text(event.title),
        "place": _text(event.place), "description": _text(event.description),
        "announced": event.announced, **_sourced(view, event.certainty, event.source),
    }


def _member(view: PublishedView, member: Member) -> JSON:
    return {"cluster": member.cluster, "joined": _date(member.joined),
            "left": _date(member.left), **_sourced(view, member.certain, member.source)}


def _shares(shares: compute.Shares) -> JSON:
    assessed = shares.assessed
    return {
        "green": shares.green_n, "yellow": shares.yellow_n, "red": shares.red_n,
        "assessed": assessed,
        "green_share": _share(shares.green) if assessed else None,
        "yellow_share": _share(shares.yellow) if assessed else None,
        "red_share": _share(shares.red) if assessed else None,
    }


# --- clusters ---------------------------------------------------------------------------------


def _label(state: compute.LabelState, view: PublishedView) -> JSON:
    return {
        "level": state.level, "awarded": _date(state.awarded),
        "valid_until": _date(state.valid_until), "valid_until_computed": state.computed_until,
        "status": state.status, "source": view.first_url(state.source),
        **_sourced(view, state.certainty, state.source),
    }


def _next_label(found: compute.NextLabel | None) -> JSON | None:
    if found is None:
        return None
    return {
        "level": found.level,
        "all_met": found.all_met,
        "conditions": [
            {"name": c.name, "met": c.met, "required": c.required,
             "actual": None if c.withheld else c.actual, "withheld": c.withheld,
             "detail": c.detail}
            for c in found.conditions
        ],
    }


def _change_step(step: compute.Step) -> JSON:
    return {
        "previous": _date(step.previous),
        "summary": {kind: step.summary.count(kind) for kind in compute.CHANGE_KINDS},
        "items": [
            {"indicator": c.indicator, "before": c.before, "after": c.after, "kind": c.kind}
            for c in step.changes
        ],
    }


def _published_assessment(view: PublishedView, assessment: PublishedAssessment) -> JSON:
    assessor = assessment.assessor
    return {
        "date": _date(assessment.date),
        "kind": assessment.kind,
        "assessor": None if assessor is None else {
            "organisation": _text(assessor.organisation), "name": _text(assessor.name)},
        "peer_groups": list(assessment.peer_groups),
        "illustrative": assessment.illustrative,
        "score_percent": assessment.score_percent,
        "lights": dict(assessment.lights),
        "counts": dict(assessment.counts),
        "improvements": [
            {"indicator": i.indicator, "text": _text(i.text)} for i in assessment.improvements
        ],
        "changes": None if assessment.step is None else _change_step(assessment.step),
        **_sourced(view, assessment.certainty, assessment.source),
    }


def cluster_document(view: PublishedView, cluster: ClusterView) -> JSON:
    """api/v1/clusters/<id>.json: profile, labels, next label, assessments, plan, events."""
    as_of = view.as_of
    current = cluster.current_label
    document: JSON = {
        **_head(as_of),
        "id": cluster.id,
        "name": _text(cluster.name),
        "former_names": [_text(n) for n in cluster.former_names],
        "sector": _text(cluster.sector),
        "website": cluster.website,
        "members_count": cluster.members_count,
        "programme": [{"level": p.level, "from": _date(p.from_), "to": _date(p.to),
                       **_sourced(view, p.certain, p.source)}
                      for p in cluster.programme],
        "forums": [{"forum": m.forum_id, "joined": _date(m.member.joined),
                    "left": _date(m.member.left), "current": m.current,
                    **_sourced(view, m.member.certain, m.member.source)}
                   for m in cluster.memberships],
        "publish_indicators": cluster.publishes,
        "labels": [_label(s, view) for s in cluster.labels],
        "current_label": None if current is None else _label(current, view),
        "next_label": _next_label(cluster.next_label),
        "plan": [
            {"id": a.id, "title": _text(a.title), "indicators": list(a.indicators),
             "status": a.status, "due": _date(a.due), "joint": a.joint,
             **_sourced(view, a.certain, a.source)}
            for a in (cluster.plan.actions if cluster.plan is not None else ())
        ],
        "events": [_event(view, e) for e in cluster.events],
        # A withheld benchmarking has its date and kind, nothing of its results (its
        # certainty is one of them).
        "assessments": [_published_assessment(view, a) if isinstance(a, PublishedAssessment)
                        else {"date": _date(a.date), "kind": a.kind}
                        for a in cluster.assessments],
        "illustrative": cluster.illustrative,
        **_sourced(view, cluster.certainty, cluster.source),
    }
    return document


# --- forums -----------------------------------------------------------------------------------


def forum_document(view: PublishedView, forum: ForumView) -> JSON:
    """api/v1/forums/<id>.json: the forum, its members, actions and portfolio scorecard."""
    as_of = view.as_of
    card = forum.scorecard
    joint = []
    for action in forum.joint_actions:
        taking_part = [c.id for c in forum.joint_plans[action.id]]
        joint.append({
            "id": action.id, "title": _text(action.title),
            "indicators": list(action.indicators), "status": action.status,
            "started": _date(action.started), "due": _date(action.due),
            "clusters": taking_part, **_sourced(view, action.certain, action.source),
        })
    # The scorecard rests on the counted members' latest benchmarkings and the peer groups.
    rests_on = [column.latest for column in forum.matrix] + list(forum.groups)
    return {
        **_head(as_of),
        "id": forum.id,
        "name": _text(forum.name),
        "region": _text(forum.region),
        "established": _date(forum.established),
        "description": _text(forum.description),
        "meets": _text(forum.meets),
        "peer_groups": list(forum.peer_groups),
        "members": [_member(view, m) for m in forum.current_members],
        "former_members": [_member(view, m) for m in forum.former_members],
        "upcoming_members": [_member(view, m) for m in forum.upcoming_members],
        "members_count": forum.members_count,
        "named_members": len(forum.current_members),
        "events": [_event(view, e) for e in forum.events],
        "joint_actions": joint,
        "illustrative": card.illustrative,
        "scorecard": {
            "members_total": card.members_total,
            "covered": len(card.covered),
            "covered_clusters": list(card.covered),
            "peer_groups": list(card.peer_groups),
            "illustrative": card.illustrative,
            "by_area": [
                {"area": row.area, "forum": _shares(row.forum),
                 "peers": {g: _shares(s) for g, s in row.peers.items()},
                 "green_gap": None if row.green_gap is None else _share(row.green_gap)}
                for row in card.by_area
            ],
            "by_indicator": [
                {"indicator": row.indicator, "area": row.area, "forum": _shares(row.forum),
                 "peers": {g: _shares(s) for g, s in row.peers.items()}}
                for row in card.by_indicator
            ],
            "strongest": list(card.strongest),
            "weakest": list(card.weakest),
            **_sourced(view, least_certain(_certainty(r) for r in rests_on),
                       joined_sources(r.source for r in rests_on)),
        },
        **_sourced(view, forum.certainty, forum.source),
        **strategy_api.forum_keys(view.strategy.forums[forum.id], view,
                                  (forum.certainty, forum.source)),
    }


def _certainty(record: PublishedAssessment | PeerGroupFile) -> str:
    return record.certainty if isinstance(record, PublishedAssessment) else record.certain


# --- indicators -------------------------------------------------------------------------------


def indicator_document(view: PublishedView, standing: IndicatorView) -> JSON:
    """api/v1/indicators/<id>.json: publishing clusters' latest lights and peer groups."""
    indicator = standing.indicator
    rows: list[JSON] = [
        {"cluster": row.cluster.id, "light": row.light,
         "assessment": _date(row.assessment.date), "kind": row.assessment.kind,
         "illustrative": row.assessment.illustrative,
         **_sourced(view, row.assessment.certainty, row.assessment.source)}
        for row in standing.rows]
    rows.sort(key=lambda row: str(row["cluster"]))
    peers = []
    for group, counts in standing.groups:
        peers.append({
            "group": group.id, "clusters": group.clusters, "illustrative": group.illustrative,
            "counts": None if counts is None else {
                "green": counts.green, "yellow": counts.yellow, "red": counts.red},
            **_sourced(view, group.certain, group.source),
        })
    return {
        **_head(view.as_of),
        "id": indicator.id,
        "area": indicator.area,
        "area_name": _text(view.catalogue.area(indicator.area).name),
        "name": _text(indicator.name),
        "description": _text(indicator.description),
        "benchmarked_clusters": standing.benchmarked,
        "covered": len(rows),
        "clusters": rows,
        "peer_groups": peers,
        "illustrative": any(r["illustrative"] for r in rows) or any(
            p["illustrative"] for p in peers if p["counts"] is not None),
    }


# --- lights.csv -------------------------------------------------------------------------------


def light_rows(view: PublishedView) -> list[tuple[str, str, str, str, str, str]]:
    """Every published light: (cluster, date, indicator, light, illustrative, certainty),
    sorted; the certainty is its benchmarking's (a light is a published result only)."""
    certainty = {(c.id, _date(a.date)): a.certainty for c in view.clusters.values()
                 for a in c.published_assessments}
    return [(r.cluster, _date(r.date) or "", r.indicator, r.light,
             "true" if r.illustrative else "false", certainty[(r.cluster, _date(r.date))])
            for r in view.light_rows]


def lights_csv(view: PublishedView) -> bytes:
    """lights.csv: a header and one row per published light, LF line ends (a text that
    would begin a formula begins with an apostrophe, see ``csv_file``)."""
    return csv_file.rows_csv(CSV_COLUMNS, light_rows(view))


# --- index ------------------------------------------------------------------------------------


def _rules(view: PublishedView) -> JSON:
    labels = view.rules.labels
    return {
        "bronze": {"valid_months": labels.bronze.valid_months, "requires": {}},
        "silver": {"valid_months": labels.silver.valid_months,
                   "requires": labels.silver.requires.model_dump()},
        "gold": {"valid_months": labels.gold.valid_months,
                 "requires": labels.gold.requires.model_dump()},
        "expiring_months": view.rules.expiring_months,
    }


def _file(path: str, kind: str, *, id: str | None = None, media_type: str = "application/json",
          schema: str | None = None, columns: list[str] | None = None) -> JSON:
    return {"path": path, "kind": kind, "id": id, "media_type": media_type, "schema": schema,
            "columns": columns}


def index_document(view: PublishedView, schemas: list[str]) -> JSON:
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
    return {
        **_head(view.as_of),
        "title": _text(site.title),
        "languages": list(site.languages),
        "site_url": site.site_url,
        "areas": [{"id": a.id, "name": _text(a.name)} for a in view.catalogue.areas],
        "rules": _rules(view),
        "peer_groups": [
            {"id": g.id, "name": _text(g.name), "clusters": g.clusters,
             "illustrative": g.illustrative, **_sourced(view, g.certain, g.source)}
            for g in view.peer_groups.values()
        ],
        "forums": [{"id": f.id, "name": _text(f.name), "path": f"forums/{f.id}.json",
                    **_sourced(view, f.certainty, f.source)}
                   for f in view.forums.values()],
        "clusters": [
            {"id": c.id, "name": _text(c.name), "path": f"clusters/{c.id}.json",
             "publish_indicators": c.publishes, **_sourced(view, c.certainty, c.source)}
            for c in view.clusters.values()
        ],
        "indicators": [
            {"id": i.id, "area": i.area, "name": _text(i.name),
             "path": f"indicators/{i.id}.json"}
            for i in view.catalogue.indicators
        ],
        **({"surveys": [{"id": r.id, "name": _text(r.survey.title),
                         "path": f"surveys/{r.id}.json",
                         **_sourced(view, r.survey.certain, r.survey.source)}
                        for r in surveys]}
           if surveys else {}),
        "files": files,
    }


# --- all files --------------------------------------------------------------------------------


def dump(document: JSON) -> bytes:
    """A document as deterministic JSON: sorted keys, two-space indent, UTF-8, final LF."""
    return (json.dumps(document, sort_keys=True, ensure_ascii=False, indent=2) + "\n").encode(
        "utf-8")


class ApiShapeError(RuntimeError):
    """A built document does not follow its published schema (a bug, never a data error)."""


def documents(view: PublishedView, skip: Container[str] = ()) -> dict[str, JSON]:
    """Every JSON document by its path relative to api/v1/ (index.json included), each
    checked against its model so that no file leaves the build in a shape its schema
    refuses (a non-publishing cluster's file with a light in it, for one). The forum and
    cluster documents whose paths are in ``skip`` are left out."""
    schemas = sorted(schema_files())
    out: dict[str, tuple[str, JSON]] = {"index.json": ("index", index_document(view, schemas))}
    for forum in view.forums.values():
        if (path := f"forums/{forum.id}.json") not in skip:
            out[path] = ("forum", forum_document(view, forum))
    for cluster in view.clusters.values():
        if (path := f"clusters/{cluster.id}.json") not in skip:
            out[path] = ("cluster", cluster_document(view, cluster))
    for indicator in view.indicators.values():
        out[f"indicators/{indicator.id}.json"] = ("indicator",
                                                  indicator_document(view, indicator))
    for result in view.strategy.surveys:
        out[f"surveys/{result.id}.json"] = ("survey", {
            **_head(view.as_of), **strategy_api.survey_document(result, view)})
    for path, (kind, document) in out.items():
        try:
            API_KINDS[kind].model_validate(document, strict=True)
        except ValidationError as exc:
            raise ApiShapeError(f"api/v1/{path} does not follow its schema: {exc}") from exc
    return {path: document for path, (_, document) in out.items()}


def api_files(view: PublishedView,
              unchanged: Mapping[str, Content] | None = None) -> dict[str, Content]:
    """Every file of the open data, by its path below the site root (``api/v1/...``).

    ``unchanged``: forum and cluster documents (by their path below api/v1/) the last
    build wrote, with their content or ``KEPT``, to be used as they are: the caller
    vouches that nothing they are made from has changed (their page's key,
    ``generator.publish.keys.unit_keys``, is the same)."""
    unchanged = unchanged or {}
    files: dict[str, Content] = {PREFIX + path: content for path, content in unchanged.items()}
    files.update({PREFIX + path: dump(doc)
                  for path, doc in documents(view, skip=unchanged).items()})
    files[PREFIX + "lights.csv"] = lights_csv(view)
    files.update({PREFIX + path: content for path, content in schema_files().items()})
    return files
