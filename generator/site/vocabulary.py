"""The site's translated vocabulary: every code of the data and of the results (a light,
a label level, a status, an event kind, a kind of change, a label condition) as a reader
of one language reads it. Defined once here; pages, figures, feeds and templates use
these functions and never translate a code themselves."""

from __future__ import annotations

from generator.results import compute
from generator.site.i18n import Language


def light_name(value: str | None, language: Language) -> str:
    """The name of a quality light in the page's language (None: not assessed)."""
    names = {
        "green": language.gettext("Green"),
        "yellow": language.gettext("Yellow"),
        "red": language.gettext("Red"),
        "n/a": language.gettext("Not assessed"),
        None: language.gettext("Not assessed"),
    }
    return names[value]


def level_name(level: str, language: Language) -> str:
    """A label level in the page's language."""
    return {
        "bronze": language.gettext("Bronze"),
        "silver": language.gettext("Silver"),
        "gold": language.gettext("Gold"),
    }[level]


def programme_name(level: str, language: Language) -> str:
    """A national cluster programme level (its own name in every language)."""
    return {
        "arena": "Arena",
        "arena-pro": "Arena Pro",
        "nce": "NCE",
        "gce": "GCE",
    }.get(level, level)


def status_name(status: str, language: Language) -> str:
    """A label or action status in the page's language."""
    return {
        "valid": language.gettext("valid"),
        "expiring": language.gettext("expiring soon"),
        "expired": language.gettext("expired"),
        "planned": language.gettext("planned"),
        "in-progress": language.gettext("in progress"),
        "done": language.gettext("done"),
        "dropped": language.gettext("dropped"),
    }[status]


def kind_name(kind: str, language: Language) -> str:
    """The kind of a dated thing in the page's language: an event kind of the data, or
    what else a timeline or What's new lists (programme, plan, joint action)."""
    return {
        "meeting": language.gettext("Meeting"),
        "workshop": language.gettext("Workshop"),
        "benchmarking": language.gettext("Benchmarking"),
        "label": language.gettext("Label"),
        "report": language.gettext("Report"),
        "expert-visit": language.gettext("Expert visit"),
        "milestone": language.gettext("Milestone"),
        "programme": language.gettext("Programme"),
        "plan": language.gettext("Improvement plan"),
        "joint-action": language.gettext("Joint action"),
    }[kind]


def change_name(kind: str, language: Language) -> str:
    """A kind of change between two assessments in the page's language."""
    return {
        "improved": language.gettext("improved"),
        "worsened": language.gettext("worsened"),
        "unchanged": language.gettext("unchanged"),
        "newly-assessed": language.gettext("newly assessed"),
        "no-longer-assessed": language.gettext("no longer assessed"),
        "not-assessed": language.gettext("not assessed"),
    }[kind]


def condition_text(condition: compute.Condition, language: Language) -> str:
    """One condition of the path to the next label, in the page's language."""
    names = {
        "benchmarking": language.gettext("A benchmarking by ESCA"),
        "bronze_benchmarkings": language.gettext("Bronze benchmarkings"),
        "min_months_between": language.gettext("Months between two bronze benchmarkings"),
        "documented_improvements": language.gettext("Indicators with documented improvements"),
        "min_score_percent": language.gettext("Score in the latest benchmarking (percent)"),
    }
    return names.get(condition.name, condition.name)


class Vocabulary:
    """The functions above bound to one language, for templates and figure builders."""

    def __init__(self, language: Language):
        self.language = language

    def light(self, value: str | None) -> str:
        return light_name(value, self.language)

    def level(self, level: str) -> str:
        return level_name(level, self.language)

    def programme(self, level: str) -> str:
        return programme_name(level, self.language)

    def status(self, status: str) -> str:
        return status_name(status, self.language)

    def kind(self, kind: str) -> str:
        return kind_name(kind, self.language)

    def change(self, kind: str) -> str:
        return change_name(kind, self.language)

    def condition(self, condition: compute.Condition) -> str:
        return condition_text(condition, self.language)
