"""api/v1/clusters/<id>.json, made as its model: a publishing or a withholding cluster."""

from __future__ import annotations

from typing import Any

from generator.render.opendata import schema as out
from generator.render.opendata.common import (
    ApiShapeError,
    date_or_none,
    date_text,
    event_out,
    file_head,
    sourced,
    text_data,
    text_or_none,
)
from generator.results import compute
from generator.results.view import (
    ClusterView,
    PublishedAssessment,
    PublishedView,
    WithheldAssessment,
)

# --- clusters ---------------------------------------------------------------------------------


def _label(state: compute.LabelState, view: PublishedView) -> out.LabelOut:
    return out.LabelOut(
        level=state.level, awarded=date_text(state.awarded),
        valid_until=date_text(state.valid_until),
        valid_until_computed=state.computed_until, status=state.status,
        source=view.first_url(state.source), **sourced(view, state.certainty, state.source))


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
        previous=date_text(step.previous),
        summary=out.ChangeSummaryOut.model_validate(
            {kind: step.summary.count(kind) for kind in compute.CHANGE_KINDS}),
        items=[out.ChangeOut(indicator=c.indicator, before=c.before, after=c.after,
                             kind=c.kind)
               for c in step.changes])


def _published_assessment(view: PublishedView, assessment: PublishedAssessment
                          ) -> out.PublishedAssessmentOut:
    assessor = assessment.assessor
    return out.PublishedAssessmentOut(
        date=date_text(assessment.date),
        kind=assessment.kind,
        assessor=None if assessor is None else out.AssessorOut(
            organisation=text_data(assessor.organisation), name=text_or_none(assessor.name)),
        peer_groups=list(assessment.peer_groups),
        illustrative=assessment.illustrative,
        score_percent=assessment.score_percent,
        lights=dict(assessment.lights),
        counts=out.LightCountsNaOut.model_validate(dict(assessment.counts)),
        improvements=[out.ImprovementOut(indicator=i.indicator, text=text_data(i.text))
                      for i in assessment.improvements],
        changes=None if assessment.step is None else _change_step(assessment.step),
        **sourced(view, assessment.certainty, assessment.source))


def cluster_model(view: PublishedView, cluster: ClusterView
                  ) -> out.PublishingClusterOut | out.WithholdingClusterOut:
    """api/v1/clusters/<id>.json: profile, labels, next label, assessments, plan, events."""
    current = cluster.current_label
    common: dict[str, Any] = dict(
        **file_head(view.as_of),
        id=cluster.id,
        name=text_data(cluster.name),
        former_names=[text_data(n) for n in cluster.former_names],
        sector=text_data(cluster.sector),
        website=cluster.website,
        members_count=cluster.members_count,
        programme=[out.ProgrammeOut(level=p.level, from_=date_text(p.from_), to=date_or_none(p.to),
                                    **sourced(view, p.certain, p.source))
                   for p in cluster.programme],
        forums=[out.ClusterForumOut(forum=m.forum_id, joined=date_text(m.member.joined),
                                    left=date_or_none(m.member.left), current=m.current,
                                    **sourced(view, m.member.certain, m.member.source))
                for m in cluster.memberships],
        publish_indicators=cluster.publishes,
        labels=[_label(s, view) for s in cluster.labels],
        current_label=None if current is None else _label(current, view),
        next_label=_next_label(cluster.next_label),
        plan=[out.PlanActionOut(id=a.id, title=text_data(a.title), indicators=list(a.indicators),
                                status=a.status, due=date_or_none(a.due), joint=a.joint,
                                **sourced(view, a.certain, a.source))
              for a in (cluster.plan.actions if cluster.plan is not None else ())],
        events=[event_out(view, e) for e in cluster.events],
        illustrative=cluster.illustrative,
        **sourced(view, cluster.certainty, cluster.source),
    )
    published = [a for a in cluster.assessments if isinstance(a, PublishedAssessment)]
    withheld = [a for a in cluster.assessments if isinstance(a, WithheldAssessment)]
    other_kind = withheld if cluster.publishes else published
    if other_kind:
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
    return out.WithheldAssessmentOut(date=date_text(assessment.date), kind=assessment.kind)
