"""Phase 2: the files checked against each other (forums and members, clusters and
their assessments and plans, peer groups), then the Dataset built."""

from __future__ import annotations

from collections import defaultdict
from types import MappingProxyType

from generator.data.backing import label_lacks, no_light_assessed, unbacked_message
from generator.data.load.base import LoaderBase
from generator.data.load.files import Checked, write_instead
from generator.data.model import Catalogue, Cluster, Dataset
from generator.data.schema import (
    AssessmentFile,
    ClusterFile,
    ForumFile,
    IndicatorsFile,
    PlanFile,
    RulesFile,
    SiteFile,
)


class Joining(LoaderBase):
    """Phase 2: the files checked against each other."""

    def join(
        self,
        singles: dict[str, Checked],
        peer_groups: list[Checked],
        forums: list[Checked],
        clusters: list[Checked],
        assessments: dict[str, list[Checked]],
        plans: list[Checked],
    ) -> Dataset:
        site: SiteFile = singles["site.yaml"].model
        catalogue_file: IndicatorsFile = singles["indicators.yaml"].model
        catalogue = Catalogue.of(catalogue_file.areas, catalogue_file.indicators)
        rules: RulesFile = singles["rules.yaml"].model
        group_ids = self.unique_ids(peer_groups, "peer group")
        self.unique_ids(forums, "forum")
        cluster_ids = self.unique_ids(clusters, "cluster", folder=True)
        files: dict[str, str] = {}

        for item in peer_groups:
            files[f"peer-group:{item.model.id}"] = item.rel
            for code in item.model.lights:
                self.known_indicator(item, ("lights", code), code, catalogue)
        forum_by_id: dict[str, ForumFile] = {}
        actions: dict[str, set[str]] = {}
        memberships: dict[str, list[str]] = defaultdict(list)
        for item in forums:
            forum: ForumFile = item.model
            forum_by_id[forum.id] = forum
            files[f"forum:{forum.id}"] = item.rel
            actions[forum.id] = {a.id for a in forum.joint_actions}
            for i, group in enumerate(forum.peer_groups):
                self.known(item, ("peer_groups", i), group, group_ids, "peer group",
                           "peer-groups/")
            for i, member in enumerate(forum.members):
                if self.known(item, ("members", i, "cluster"), member.cluster, cluster_ids,
                              "cluster", "clusters/"):
                    memberships[member.cluster].append(forum.id)
            for i, action in enumerate(forum.joint_actions):
                for j, code in enumerate(action.indicators):
                    self.known_indicator(item, ("joint_actions", i, "indicators", j), code,
                                         catalogue)

        plans_by_cluster = {item.rel.split("/")[1]: item for item in plans}
        cluster_by_id: dict[str, Cluster] = {}
        for item in clusters:
            folder = item.rel.split("/")[1]
            profile: ClusterFile = item.model
            files[f"cluster:{profile.id}"] = item.rel
            dated = self.assessments(assessments.get(folder, []), catalogue, group_ids, files)
            labels = list(profile.labels)
            written = item.written.labels if item.written is not None else profile.labels
            for i, (label, own) in enumerate(zip(profile.labels, written, strict=True)):
                # backed by a source the label names itself, not one it inherits from its
                # file; an inherited certainty (inferred, example) is published as such
                lacks = label_lacks(own.model_copy(update={"certainty": label.certainty}),
                                    dated, rules)
                if lacks:
                    self.problems.append(item.source.problem(
                        ("labels", i, "awarded"), unbacked_message(label, lacks),
                        severity="warning"))
                    # published for what it is: never as confirmed
                    labels[i] = label.model_copy(update={"certainty": "inferred"})
            if labels != list(profile.labels):
                profile = profile.model_copy(update={"labels": tuple(labels)})
            plan_item = plans_by_cluster.get(folder)
            plan: PlanFile | None = None
            if plan_item is not None and plan_item.model is not None:
                plan = plan_item.model
                files[f"plan:{profile.id}"] = plan_item.rel
                self.plan_references(plan_item, catalogue, forum_by_id, actions)
            cluster_by_id[profile.id] = Cluster.model_construct(
                _fields_set=profile.model_fields_set,
                **dict(profile),
                assessments=tuple(dated),
                plan=plan,
                forum_ids=tuple(sorted(set(memberships.get(profile.id, [])))),
                source_dir=f"clusters/{folder}",
            )
        return Dataset(
            site=site,
            catalogue=catalogue,
            rules=rules,
            peer_groups=MappingProxyType({i.model.id: i.model for i in peer_groups}),
            forums=MappingProxyType(dict(sorted(forum_by_id.items()))),
            clusters=MappingProxyType(dict(sorted(cluster_by_id.items()))),
            files=MappingProxyType(files),
        )


    def assessments(
        self,
        items: list[Checked],
        catalogue: Catalogue,
        group_ids: set[str],
        files: dict[str, str],
    ) -> list[AssessmentFile]:
        dated: list[AssessmentFile] = []
        for item in items:
            model: AssessmentFile = item.model
            self.dated_name(item, model.date, "assessment")
            for code in model.lights:
                self.known_indicator(item, ("lights", code), code, catalogue)
            for i, improvement in enumerate(model.improvements):
                self.known_indicator(item, ("improvements", i, "indicator"),
                                     improvement.indicator, catalogue)
            for i, group in enumerate(model.peer_groups):
                self.known(item, ("peer_groups", i), group, group_ids, "peer group",
                           "peer-groups/")
            if no_light_assessed(model):
                self.problems.append(item.source.problem(
                    ("lights",), "no light is assessed: every light is n/a or left out; write "
                    "green, yellow or red for each indicator the report assessed",
                    severity="warning"))
            files[f"assessment:{item.rel}"] = item.rel
            dated.append(model)
        dated.sort(key=lambda a: a.date.sort_key())
        return dated


    def plan_references(
        self,
        item: Checked,
        catalogue: Catalogue,
        forums: dict[str, ForumFile],
        actions: dict[str, set[str]],
    ) -> None:
        plan: PlanFile = item.model
        for i, action in enumerate(plan.actions):
            for j, code in enumerate(action.indicators):
                self.known_indicator(item, ("actions", i, "indicators", j), code, catalogue)
            if action.joint is None:
                continue
            forum_id, action_id = action.joint.split("/", 1)
            if forum_id not in forums:
                self.known(item, ("actions", i, "joint"), forum_id, set(forums), "forum",
                           "forums/")
            elif action_id not in actions[forum_id]:
                self.problems.append(item.source.problem(
                    ("actions", i, "joint"), f"forum '{forum_id}' has no joint action "
                    f"'{action_id}': " + write_instead(
                        action.joint, [f"{forum_id}/{a}" for a in sorted(actions[forum_id])])))
