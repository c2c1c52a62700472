"""Computed results (the Data format page, data-format/ on the site: "Computed results"
and "Consent").

Pure functions over the model: label validity and status, the next-label checklist,
the changes between two assessments in a row and a forum's portfolio scorecard. Every
threshold comes from ``rules.yaml``; nothing here knows a number of the label scheme.

Dates follow the data format: a partial date counts from its first day as a start
(``awarded``, ``joined``) and to its last day as an end (``valid_until``, ``left``).
Everything is computed on an as-of date; what lies after it (a later assessment, a
label not yet awarded) does not count.

The rules live in one module each (labels, changes, scorecard); this package names
what the rest of the generator uses.
"""

from __future__ import annotations

from generator.results.compute.changes import (
    Change,
    ChangeSummary,
    Step,
    change_kind,
    change_summary,
    changes,
    successive_changes,
)
from generator.results.compute.labels import (
    CHANGE_KINDS,
    LEVELS,
    LIGHT_ORDER,
    ChangeKind,
    Condition,
    ConditionName,
    LabelState,
    LabelStatus,
    NextLabel,
    at_least_months_apart,
    current_label,
    highest_awarded,
    label_state,
    label_states,
    label_status,
    label_timeline,
    months_apart,
    next_label,
    valid_until,
)
from generator.results.compute.scorecard import (
    AreaRow,
    IndicatorRow,
    Scorecard,
    Shares,
    latest_lights,
    scorecard,
)

__all__ = [
    "AreaRow",
    "CHANGE_KINDS",
    "Change",
    "ChangeKind",
    "ChangeSummary",
    "Condition",
    "ConditionName",
    "IndicatorRow",
    "LEVELS",
    "LIGHT_ORDER",
    "LabelState",
    "LabelStatus",
    "NextLabel",
    "Scorecard",
    "Shares",
    "Step",
    "at_least_months_apart",
    "change_kind",
    "change_summary",
    "changes",
    "current_label",
    "highest_awarded",
    "label_state",
    "label_states",
    "label_status",
    "label_timeline",
    "latest_lights",
    "months_apart",
    "next_label",
    "scorecard",
    "successive_changes",
    "valid_until",
]
