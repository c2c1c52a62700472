"""The declared shape of every data file kind, as pydantic models (the Data format page,
data-format/ on the site, describes them for people).

These models do two jobs from one declaration: they check each file as it is read, and
they generate the JSON Schema that editors use to check the YAML while it is typed.
Scalar fields are strict (a number is never silently read as text, nor text as a number).

The models live in one module per group of files (scalars and texts are the field types,
catalogue the files every tree shares, records a forum's and a cluster's files, strategy
the regional strategy's); this package names every one the rest of the generator uses.
"""

from __future__ import annotations

from generator.data.schema.catalogue import (
    Area,
    FileModel,
    Indicator,
    IndicatorsFile,
    Part,
    RulesFile,
    SiteFile,
    Source,
    Sourced,
    SourcesFile,
)
from generator.data.schema.records import (
    AssessmentFile,
    Assessor,
    ClusterFile,
    Event,
    FocusArea,
    ForumFile,
    Improvement,
    JointAction,
    Label,
    LightCounts,
    Member,
    PeerGroupFile,
    PlanAction,
    PlanFile,
    ProgrammePeriod,
    Recommendation,
    Strategy,
)
from generator.data.schema.scalars import (
    CODE,
    MAX_ID,
    NAME_LENGTH,
    SLUG,
    TEXT_LENGTH,
    URL,
    Count,
    Id,
    Url,
    located,
)
from generator.data.schema.strategy import (
    ActorMapFile,
    Process,
    ProcessesFile,
    StressTestCatalogueFile,
    StressTestFile,
    SurveyFile,
)
from generator.data.schema.texts import (
    ASSESSED_LIGHTS,
    LIGHTS,
    ActorKind,
    EventKind,
    Level,
    LinkStrength,
    SourcesField,
    Status,
    _TextType,
)
from generator.data.yamlfile import FALSE_WORDS

FILE_KINDS: dict[str, type[FileModel]] = {
    "site": SiteFile,
    "indicators": IndicatorsFile,
    "rules": RulesFile,
    "peer-group": PeerGroupFile,
    "forum": ForumFile,
    "cluster": ClusterFile,
    "assessment": AssessmentFile,
    "plan": PlanFile,
    "processes": ProcessesFile,
    "stress-test-catalogue": StressTestCatalogueFile,
    "stress-test": StressTestFile,
    "actor-map": ActorMapFile,
    "survey": SurveyFile,
    "sources": SourcesFile,
}
"""Every file kind of the data format, by the name used in messages and schema file names."""

__all__ = [
    "ASSESSED_LIGHTS",
    "ActorKind",
    "ActorMapFile",
    "Area",
    "AssessmentFile",
    "Assessor",
    "CODE",
    "ClusterFile",
    "Count",
    "Event",
    "EventKind",
    "FALSE_WORDS",
    "FILE_KINDS",
    "FileModel",
    "FocusArea",
    "ForumFile",
    "Id",
    "Improvement",
    "Indicator",
    "IndicatorsFile",
    "JointAction",
    "LIGHTS",
    "Label",
    "Level",
    "LightCounts",
    "LinkStrength",
    "MAX_ID",
    "Member",
    "NAME_LENGTH",
    "Part",
    "PeerGroupFile",
    "PlanAction",
    "PlanFile",
    "Process",
    "ProcessesFile",
    "ProgrammePeriod",
    "Recommendation",
    "RulesFile",
    "SLUG",
    "SiteFile",
    "Source",
    "Sourced",
    "SourcesField",
    "SourcesFile",
    "Status",
    "Strategy",
    "StressTestCatalogueFile",
    "StressTestFile",
    "SurveyFile",
    "TEXT_LENGTH",
    "URL",
    "Url",
    "_TextType",
    "located",
]
