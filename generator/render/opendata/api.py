"""The open data files under ``/api/v1/``: one JSON file per forum, cluster and indicator,
a CSV of every published light, the JSON Schemas of the files and an index of them all.

Each document is constructed as its model of ``opendata.schema`` (the published JSON
Schema's one declaration), from the published view (``generator.results.view``), and
written by ``dump`` deterministically (sorted keys, LF line ends), so the same data and
as-of date always give the same bytes. A document that its model refuses (a
non-publishing cluster's file with a light in it, for one) stops the build
(``ApiShapeError``). Ids, codes and texts are the data's own; dates are strings at the
data's own precision (``"2016-09"``).

Consent (the Data format page, "Consent") and the as-of date are decided in the published
view: a cluster that does not publish its indicators has only the date and kind of each
assessment in its file, nothing of its results in any indicator file, forum scorecard or
the CSV, and a next-label checklist without figures. Its file's shape is its own model
(``schema.WithholdingClusterOut``).

Truth in publishing: every record says how sure it is (``certainty``: confirmed, inferred
or example) and where it is stated (``sources``), as the pages mark it, so a file never
states more than its sources. A result drawn from several records (a scorecard, the
coverage of a strategy) is as sure as the least sure of them. A withheld benchmarking has
no certainty of its own: its certainty is one of its results.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Container, Mapping
from functools import partial
from typing import Any

from pydantic import BaseModel, ValidationError

from generator.base.dates import PartialDate
from generator.base.files import Content
from generator.base.text import Text
from generator.data.schema import Member, PeerGroupFile
from generator.render.opendata import csv_file
from generator.render.opendata import schema as out
from generator.render.opendata import strategy as strategy_api
from generator.render.opendata.schema import API_VERSION, schema_files
from generator.results import compute
from generator.results.strategy import joined_sources, least_certain
from generator.results.view import (
    ClusterView,
    EventView,
    ForumView,
    IndicatorView,
    PublishedAssessment,
    PublishedView,
    WithheldAssessment,
)

PREFIX = f"api/v{API_VERSION}/"
"""Where the files live below the site root (and the default language's docs folder)."""
CSV_COLUMNS = ("cluster", "date", "indicator", "light", "illustrative", "certainty")
"""The columns of lights.csv, in order."""
_SHARE_DIGITS = 4

JSON = dict[str, Any]
"""A document as plain JSON values, as ``dump`` writes it."""


class ApiShapeError(RuntimeError):
    """A document does not follow its published schema (a bug, never a data error)."""


# --- small conversions ------------------------------------------------------------------------


def _date(value: PartialDate | None) -> str | None:
    return None if value is None else value.isoformat()


def _day(value: PartialDate) -> str:
    return value.isoformat()


def _text(value: Text | None) -> str | dict[str, str] | None:
    return None if value is None else value.as_data()


def _name(value: Text) -> str | dict[str, str]:
    return value.as_data()


def _share(value: float) -> float:
    return round(value, _SHARE_DIGITS)


def _head(as_of: dt.date) -> dict[str, Any]:
    return {"schema_version": 1, "as_of": as_of.isoformat()}


_sourced = strategy_api.sourced


def _event(view: PublishedView, event: EventView) -> out.EventOut:
    return out.EventOut(
        date=_day(event.date), kind=event.kind, title=_name(event.title),
        place=_text(event.place), description=_text(event.description),
        announced=event.announced, **_sourced(view, event.certainty, event.source))


def _member(view: PublishedView, member: Member) -> out.MemberOut:
    return out.MemberOut(cluster=member.cluster, joined=_day(member.joined),
                         left=_date(member.left),
                         **_sourced(view, member.certain, member.source))


def _shares(shares: compute.Shares) -> out.SharesOut:
    assessed = shares.assessed
    return out.SharesOut(
        green=shares.green_n, yellow=shares.yellow_n, red=shares.red_n, assessed=assessed,
        green_share=_share(shares.green) if assessed else None,
        yellow_share=_share(shares.yellow) if assessed else None,
        red_share=_share(shares.red) if assessed else None)


# --- clusters ---------------------------------------------------------------------------------


def _label(state: compute.LabelState, view: PublishedView) -> out.LabelOut:
    return out.LabelOut(
        level=state.level, awarded=_day(state.awarded), valid_until=_day(state.valid_until),
        valid_until_computed=state.computed_until, status=state.status,
        source=view.first_url(state.source), **_sourced(view, state.certainty, state.source))


def _next_label(found: compute.NextLabel | None) -> out.NextLabelOut | None:
    if found is None:
        return None
    return out.NextLabelOut(level=found.level, all_met=found.all_met, conditions=[
        out.ConditionOut(name=c.name, met=c.met, required=c.required,
                         actual=None if c.withheld else c.actual, withheld=c.withheld,
                         detail=c.detail)
        for c in found.conditions])


def _change_step(step: compute.Step) -> out.ChangesOut:
    return out.ChangesOut(
        previous=_day(step.previous),
        summary=out.ChangeSummaryOut.model_validate(
            {kind: step.summary.count(kind) for kind in compute.CHANGE_KINDS}),
        items=[out.ChangeOut(indicator=c.indicator, before=c.before, after=c.after,
                             kind=c.kind)
               for c in step.changes])


def _published_assessment(view: PublishedView, assessment: PublishedAssessment
                          ) -> out.PublishedAssessmentOut:
    assessor = assessment.assessor
    return out.PublishedAssessmentOut(
        date=_day(assessment.date),
        kind=assessment.kind,
        assessor=None if assessor is None else out.AssessorOut(
            organisation=_name(assessor.organisation), name=_text(assessor.name)),
        peer_groups=list(assessment.peer_groups),
        illustrative=assessment.illustrative,
        score_percent=assessment.score_percent,
        lights=dict(assessment.lights),
        counts=out.LightCountsNaOut.model_validate(dict(assessment.counts)),
        improvements=[out.ImprovementOut(indicator=i.indicator, text=_name(i.text))
                      for i in assessment.improvements],
        changes=None if assessment.step is None else _change_step(assessment.step),
        **_sourced(view, assessment.certainty, assessment.source))


def cluster_model(view: PublishedView, cluster: ClusterView
                  ) -> out.PublishingClusterOut | out.WithholdingClusterOut:
    """api/v1/clusters/<id>.json: profile, labels, next label, assessments, plan, events."""
    current = cluster.current_label
    common: dict[str, Any] = dict(
        **_head(view.as_of),
        id=cluster.id,
        name=_name(cluster.name),
        former_names=[_name(n) for n in cluster.former_names],
        sector=_name(cluster.sector),
        website=cluster.website,
        members_count=cluster.members_count,
        programme=[out.ProgrammeOut(level=p.level, from_=_day(p.from_), to=_date(p.to),
                                    **_sourced(view, p.certain, p.source))
                   for p in cluster.programme],
        forums=[out.ClusterForumOut(forum=m.forum_id, joined=_day(m.member.joined),
                                    left=_date(m.member.left), current=m.current,
                                    **_sourced(view, m.member.certain, m.member.source))
                for m in cluster.memberships],
        publish_indicators=cluster.publishes,
        labels=[_label(s, view) for s in cluster.labels],
        current_label=None if current is None else _label(current, view),
        next_label=_next_label(cluster.next_label),
        plan=[out.PlanActionOut(id=a.id, title=_name(a.title), indicators=list(a.indicators),
                                status=a.status, due=_date(a.due), joint=a.joint,
                                **_sourced(view, a.certain, a.source))
              for a in (cluster.plan.actions if cluster.plan is not None else ())],
        events=[_event(view, e) for e in cluster.events],
        illustrative=cluster.illustrative,
        **_sourced(view, cluster.certainty, cluster.source),
    )
    published = [a for a in cluster.assessments if isinstance(a, PublishedAssessment)]
    withheld = [a for a in cluster.assessments if isinstance(a, WithheldAssessment)]
    if published if not cluster.publishes else withheld:
        raise ApiShapeError(f"api/v1/clusters/{cluster.id}.json: a cluster that "
                            f"{'publishes' if cluster.publishes else 'withholds'} its results "
                            "has an assessment of the other kind")
    if cluster.publishes:
        return out.PublishingClusterOut(**common, assessments=[
            _published_assessment(view, a) for a in published])
    return out.WithholdingClusterOut(**common, assessments=[
        _withheld_assessment(a) for a in withheld])


def _withheld_assessment(assessment: WithheldAssessment) -> out.WithheldAssessmentOut:
    """A withheld benchmarking: its date and kind, nothing of its results (its certainty
    is one of them)."""
    return out.WithheldAssessmentOut(date=_day(assessment.date), kind=assessment.kind)


# --- forums -----------------------------------------------------------------------------------


def forum_model(view: PublishedView, forum: ForumView) -> out.ForumOut:
    """api/v1/forums/<id>.json: the forum, its members, actions and portfolio scorecard."""
    card = forum.scorecard
    joint = [out.JointActionOut(
        id=action.id, title=_name(action.title), indicators=list(action.indicators),
        status=action.status, started=_date(action.started), due=_date(action.due),
        clusters=[c.id for c in forum.joint_plans[action.id]],
        **_sourced(view, action.certain, action.source))
        for action in forum.joint_actions]
    # The scorecard rests on the counted members' latest benchmarkings and the peer groups.
    rests_on = [column.latest for column in forum.matrix] + list(forum.groups)
    scorecard = out.ScorecardOut(
        members_total=card.members_total,
        covered=len(card.covered),
        covered_clusters=list(card.covered),
        peer_groups=list(card.peer_groups),
        illustrative=card.illustrative,
        by_area=[out.AreaRowOut(
            area=row.area, forum=_shares(row.forum),
            peers={g: _shares(s) for g, s in row.peers.items()},
            green_gap=None if row.green_gap is None else _share(row.green_gap))
            for row in card.by_area],
        by_indicator=[out.IndicatorRowOut(
            indicator=row.indicator, area=row.area, forum=_shares(row.forum),
            peers={g: _shares(s) for g, s in row.peers.items()})
            for row in card.by_indicator],
        strongest=list(card.strongest),
        weakest=list(card.weakest),
        **_sourced(view, least_certain(_certainty(r) for r in rests_on),
                   joined_sources(r.source for r in rests_on)))
    return out.ForumOut(
        **_head(view.as_of),
        id=forum.id,
        name=_name(forum.name),
        region=_name(forum.region),
        established=_day(forum.established),
        description=_name(forum.description),
        meets=_text(forum.meets),
        peer_groups=list(forum.peer_groups),
        members=[_member(view, m) for m in forum.current_members],
        former_members=[_member(view, m) for m in forum.former_members],
        upcoming_members=[_member(view, m) for m in forum.upcoming_members],
        members_count=forum.members_count,
        named_members=len(forum.current_members),
        events=[_event(view, e) for e in forum.events],
        joint_actions=joint,
        illustrative=card.illustrative,
        scorecard=scorecard,
        **_sourced(view, forum.certainty, forum.source),
        **strategy_api.forum_keys(view.strategy.forums[forum.id], view,
                                  (forum.certainty, forum.source)),
    )


def _certainty(record: PublishedAssessment | PeerGroupFile) -> str:
    return record.certainty if isinstance(record, PublishedAssessment) else record.certain


# --- indicators -------------------------------------------------------------------------------


def indicator_model(view: PublishedView, standing: IndicatorView) -> out.IndicatorOut:
    """api/v1/indicators/<id>.json: publishing clusters' latest lights and peer groups."""
    indicator = standing.indicator
    rows = sorted((out.IndicatorClusterOut(
        cluster=row.cluster.id, light=row.light, assessment=_day(row.assessment.date),
        kind=row.assessment.kind, illustrative=row.assessment.illustrative,
        **_sourced(view, row.assessment.certainty, row.assessment.source))
        for row in standing.rows), key=lambda row: row.cluster)
    peers = [out.IndicatorPeerOut(
        group=group.id, clusters=group.clusters, illustrative=group.illustrative,
        counts=None if counts is None else out.LightCountsOut(
            green=counts.green, yellow=counts.yellow, red=counts.red),
        **_sourced(view, group.certain, group.source))
        for group, counts in standing.groups]
    return out.IndicatorOut(
        **_head(view.as_of),
        id=indicator.id,
        area=indicator.area,
        area_name=_name(view.catalogue.area(indicator.area).name),
        name=_name(indicator.name),
        description=_text(indicator.description),
        benchmarked_clusters=standing.benchmarked,
        covered=len(rows),
        clusters=rows,
        peer_groups=peers,
        illustrative=any(r.illustrative for r in rows) or any(
            p.illustrative for p in peers if p.counts is not None),
    )


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
        out.NamedOut(id=r.id, name=_name(r.survey.title), path=f"surveys/{r.id}.json",
                     **_sourced(view, r.survey.certain, r.survey.source))
        for r in surveys]} if surveys else {}
    return out.IndexOut(
        **_head(view.as_of),
        title=_name(site.title),
        languages=list(site.languages),
        site_url=site.site_url,
        areas=[out.AreaOut(id=a.id, name=_name(a.name)) for a in view.catalogue.areas],
        rules=_rules(view),
        peer_groups=[out.PeerGroupOut(id=g.id, name=_name(g.name), clusters=g.clusters,
                                      illustrative=g.illustrative,
                                      **_sourced(view, g.certain, g.source))
                     for g in view.peer_groups.values()],
        forums=[out.NamedOut(id=f.id, name=_name(f.name), path=f"forums/{f.id}.json",
                             **_sourced(view, f.certainty, f.source))
                for f in view.forums.values()],
        clusters=[out.IndexClusterOut(id=c.id, name=_name(c.name),
                                      path=f"clusters/{c.id}.json",
                                      publish_indicators=c.publishes,
                                      **_sourced(view, c.certainty, c.source))
                  for c in view.clusters.values()],
        indicators=[out.IndexIndicatorOut(id=i.id, area=i.area, name=_name(i.name),
                                          path=f"indicators/{i.id}.json")
                    for i in view.catalogue.indicators],
        **present,
        files=files,
    )


# --- all files --------------------------------------------------------------------------------

def plain(document: BaseModel) -> JSON:
    """A document as plain JSON values: every key by its published name; a key that is
    absent when it does not apply (never null) only where it was given."""
    return document.model_dump(by_alias=True, exclude_unset=True)


def dump(document: BaseModel) -> bytes:
    """A document as deterministic JSON: sorted keys, two-space indent, UTF-8, final LF."""
    return (json.dumps(plain(document), sort_keys=True, ensure_ascii=False, indent=2)
            + "\n").encode("utf-8")


def _made(path: str, make: Callable[[], BaseModel]) -> BaseModel:
    """``make()``, its refusal by the model told with the file it was for."""
    try:
        return make()
    except ValidationError as exc:
        raise ApiShapeError(f"api/v1/{path} does not follow its schema: {exc}") from exc


def cluster_document(view: PublishedView, cluster: ClusterView) -> JSON:
    """api/v1/clusters/<id>.json as plain JSON values."""
    return plain(_made(f"clusters/{cluster.id}.json", lambda: cluster_model(view, cluster)))


def forum_document(view: PublishedView, forum: ForumView) -> JSON:
    """api/v1/forums/<id>.json as plain JSON values."""
    return plain(_made(f"forums/{forum.id}.json", lambda: forum_model(view, forum)))


def indicator_document(view: PublishedView, standing: IndicatorView) -> JSON:
    """api/v1/indicators/<id>.json as plain JSON values."""
    return plain(_made(f"indicators/{standing.indicator.id}.json",
                       lambda: indicator_model(view, standing)))


def models(view: PublishedView, skip: Container[str] = ()) -> dict[str, BaseModel]:
    """Every JSON document by its path relative to api/v1/ (index.json included), each
    made as its model, so that no file leaves the build in a shape its schema refuses.
    The forum and cluster documents whose paths are in ``skip`` are left out."""
    schemas = sorted(schema_files())
    found: dict[str, BaseModel] = {
        "index.json": _made("index.json", lambda: index_model(view, schemas))}
    for forum in view.forums.values():
        if (path := f"forums/{forum.id}.json") not in skip:
            found[path] = _made(path, partial(forum_model, view, forum))
    for cluster in view.clusters.values():
        if (path := f"clusters/{cluster.id}.json") not in skip:
            found[path] = _made(path, partial(cluster_model, view, cluster))
    for indicator in view.indicators.values():
        path = f"indicators/{indicator.id}.json"
        found[path] = _made(path, partial(indicator_model, view, indicator))
    for result in view.strategy.surveys:
        path = f"surveys/{result.id}.json"
        found[path] = _made(path, partial(strategy_api.survey_model, result, view,
                                          _head(view.as_of)))
    return found


def documents(view: PublishedView, skip: Container[str] = ()) -> dict[str, JSON]:
    """``models`` as plain JSON values."""
    return {path: plain(model) for path, model in models(view, skip).items()}


def api_files(view: PublishedView,
              unchanged: Mapping[str, Content] | None = None) -> dict[str, Content]:
    """Every file of the open data, by its path below the site root (``api/v1/...``).

    ``unchanged``: forum and cluster documents (by their path below api/v1/) the last
    build wrote, with their content or ``KEPT``, to be used as they are: the caller
    vouches that nothing they are made from has changed (their page's key,
    ``generator.publish.keys.unit_keys``, is the same)."""
    unchanged = unchanged or {}
    files: dict[str, Content] = {PREFIX + path: content for path, content in unchanged.items()}
    files.update({PREFIX + path: dump(model)
                  for path, model in models(view, skip=unchanged).items()})
    files[PREFIX + "lights.csv"] = lights_csv(view)
    files.update({PREFIX + path: content for path, content in schema_files().items()})
    return files
