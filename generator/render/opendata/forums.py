"""api/v1/forums/<id>.json and api/v1/indicators/<id>.json, made as their models."""

from __future__ import annotations

from generator.data.schema import PeerGroupFile
from generator.render.opendata import schema as out
from generator.render.opendata import strategy as strategy_api
from generator.render.opendata.common import (
    date_or_none,
    date_text,
    event_out,
    file_head,
    member_out,
    rounded_share,
    shares_out,
    sourced,
    text_data,
    text_or_none,
)
from generator.results.strategy import joined_sources, least_certain
from generator.results.view import (
    ForumView,
    IndicatorView,
    PublishedAssessment,
    PublishedView,
)

# --- forums -----------------------------------------------------------------------------------


def forum_model(view: PublishedView, forum: ForumView) -> out.ForumOut:
    """api/v1/forums/<id>.json: the forum, its members, actions and portfolio scorecard."""
    card = forum.scorecard
    joint = [out.JointActionOut(
        id=action.id, title=text_data(action.title), indicators=list(action.indicators),
        status=action.status, started=date_or_none(action.started), due=date_or_none(action.due),
        clusters=[c.id for c in forum.joint_plans[action.id]],
        **sourced(view, action.certain, action.source))
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
            area=row.area, forum=shares_out(row.forum),
            peers={g: shares_out(s) for g, s in row.peers.items()},
            green_gap=None if row.green_gap is None else rounded_share(row.green_gap))
            for row in card.by_area],
        by_indicator=[out.IndicatorRowOut(
            indicator=row.indicator, area=row.area, forum=shares_out(row.forum),
            peers={g: shares_out(s) for g, s in row.peers.items()})
            for row in card.by_indicator],
        strongest=list(card.strongest),
        weakest=list(card.weakest),
        **sourced(view, least_certain(_certainty(r) for r in rests_on),
                   joined_sources(r.source for r in rests_on)))
    return out.ForumOut(
        **file_head(view.as_of),
        id=forum.id,
        name=text_data(forum.name),
        region=text_data(forum.region),
        established=date_text(forum.established),
        description=text_data(forum.description),
        meets=text_or_none(forum.meets),
        peer_groups=list(forum.peer_groups),
        members=[member_out(view, m) for m in forum.current_members],
        former_members=[member_out(view, m) for m in forum.former_members],
        upcoming_members=[member_out(view, m) for m in forum.upcoming_members],
        members_count=forum.members_count,
        named_members=len(forum.current_members),
        events=[event_out(view, e) for e in forum.events],
        joint_actions=joint,
        illustrative=card.illustrative,
        scorecard=scorecard,
        **sourced(view, forum.certainty, forum.source),
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
        cluster=row.cluster.id, light=row.light, assessment=date_text(row.assessment.date),
        kind=row.assessment.kind, illustrative=row.assessment.illustrative,
        **sourced(view, row.assessment.certainty, row.assessment.source))
        for row in standing.rows), key=lambda row: row.cluster)
    peers = [out.IndicatorPeerOut(
        group=group.id, clusters=group.clusters, illustrative=group.illustrative,
        counts=None if counts is None else out.LightCountsOut(
            green=counts.green, yellow=counts.yellow, red=counts.red),
        **sourced(view, group.certain, group.source))
        for group, counts in standing.groups]
    return out.IndicatorOut(
        **file_head(view.as_of),
        id=indicator.id,
        area=indicator.area,
        area_name=text_data(view.catalogue.area(indicator.area).name),
        name=text_data(indicator.name),
        description=text_or_none(indicator.description),
        benchmarked_clusters=standing.benchmarked,
        covered=len(rows),
        clusters=rows,
        peer_groups=peers,
        illustrative=any(r.illustrative for r in rows) or any(
            p.illustrative for p in peers if p.counts is not None),
    )
