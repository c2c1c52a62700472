"""The site's translated vocabulary: every code of the data and of the results (a light,
a label level, a status, an event kind, a kind of change, a label condition, a kind of
actor) as a reader of one language reads it. Defined once here; pages, figures, feeds and
templates use these functions and never translate a code themselves.

A word whose form depends on its place has one string per place: a label level standing
alone as a value ('Silver', 'Sølv') and inside a sentence ('path to silver', 'veien til
sølv'); each kind of assessment and each award is a whole string ('Expert visit for
silver', 'Bronze label awarded to X'), never a sentence built from capitalised fragments.
The words follow the glossary (generator/render/text/glossary.yaml, on the Method page).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from generator.render.text.i18n import Language
from generator.results import compute


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


def light_count(value: str | None, n: int, language: Language) -> str:
    """How many lights of one colour, number first and in agreement with it: '1 red',
    '20 grønne', '1 rød', '0 ikke vurdert' (None or 'n/a': not assessed)."""
    ngettext = language.ngettext
    form = {
        "green": lambda: ngettext("%(num)s green", "%(num)s green", n),
        "yellow": lambda: ngettext("%(num)s yellow", "%(num)s yellow", n),
        "red": lambda: ngettext("%(num)s red", "%(num)s red", n),
    }.get(value or "", lambda: ngettext("%(num)s not assessed", "%(num)s not assessed", n))()
    return form % {"num": language.number(n)}


def light_counts(counts: Mapping[str, int] | Mapping[str | None, int], language: Language,
                 lights: Sequence[str] = ("green", "yellow", "red")) -> str:
    """Counts of lights as a list in a sentence: '20 green, 11 yellow and 1 red'."""
    return language.join(light_count(code, counts.get(code, 0), language) for code in lights)


def level_name(level: str, language: Language) -> str:
    """A label level in the page's language."""
    return {
        "bronze": language.gettext("Bronze"),
        "silver": language.gettext("Silver"),
        "gold": language.gettext("Gold"),
    }[level]


def level_count(level: str, n: int, language: Language) -> str:
    """How many clusters hold a level, number first: '2 bronze', '1 sølv'."""
    ngettext = language.ngettext
    form = {
        "bronze": lambda: ngettext("%(num)s bronze", "%(num)s bronze", n),
        "silver": lambda: ngettext("%(num)s silver", "%(num)s silver", n),
        "gold": lambda: ngettext("%(num)s gold", "%(num)s gold", n),
    }[level]()
    return form % {"num": language.number(n)}


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


ASSESSMENT_KINDS = {"bronze": "benchmarking", "silver": "expert-visit",
                    "gold": "gold-assessment"}
"""What each kind of assessment is, as a timeline, What's new or the feed names it: only
bronze is a benchmarking; the expert visit for silver and the gold assessment are their
own kinds (the glossary on the Method page)."""


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
        "gold-assessment": language.gettext("Gold assessment"),
        "milestone": language.gettext("Milestone"),
        "programme": language.gettext("Programme"),
        "plan": language.gettext("Improvement plan"),
        "joint-action": language.gettext("Joint action"),
        "process-step": language.gettext("Support process"),
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
        "min_score_percent": language.gettext("Score in the latest assessment"),
    }
    return names.get(condition.name, condition.name)



def level_word(level: str, language: Language) -> str:
    """A label level inside a sentence: 'silver' in 'Path to silver'."""
    return {
        "bronze": language.gettext("bronze"),
        "silver": language.gettext("silver"),
        "gold": language.gettext("gold"),
    }[level]


def assessment_name(kind: str, language: Language) -> str:
    """A kind of assessment standing alone, as a title or a value: 'Bronze benchmarking',
    'Expert visit for silver', 'Gold assessment'."""
    return {
        "bronze": language.gettext("Bronze benchmarking"),
        "silver": language.gettext("Expert visit for silver"),
        "gold": language.gettext("Gold assessment"),
    }[kind]


def assessment_word(kind: str, language: Language) -> str:
    """A kind of assessment inside a sentence: 'bronze benchmarking'."""
    return {
        "bronze": language.gettext("bronze benchmarking"),
        "silver": language.gettext("expert visit for silver"),
        "gold": language.gettext("gold assessment"),
    }[kind]


def label_awarded(level: str, cluster: str, language: Language) -> str:
    """The title of a label award: 'Silver label awarded to Mineralklynge Norge'."""
    return {
        "bronze": language.gettext("Bronze label awarded to %(cluster)s"),
        "silver": language.gettext("Silver label awarded to %(cluster)s"),
        "gold": language.gettext("Gold label awarded to %(cluster)s"),
    }[level] % {"cluster": cluster}


def programme_joined(level: str, language: Language) -> str:
    """The timeline entry of a programme period: 'Joined ... as an Arena cluster'."""
    return {
        "arena": language.gettext("Joined the national cluster programme as an Arena cluster"),
        "arena-pro": language.gettext(
            "Joined the national cluster programme as an Arena Pro cluster"),
        "nce": language.gettext("Joined the national cluster programme as an NCE cluster"),
        "gce": language.gettext("Joined the national cluster programme as a GCE cluster"),
    }[level]

CERTAINTY_SYMBOLS = {"inferred": "\u25c7", "example": "\u270e"}
"""The sign before the word of a certainty mark (◇ inferred, ✎ example), so that a mark
is told by a shape and a word, never by colour alone; a confirmed record has no mark."""


def certainty_word(certainty: str, language: Language) -> str:
    """The word of a record's certainty mark ('' for confirmed: it carries none)."""
    return {
        "confirmed": "",
        "inferred": language.gettext("inferred"),
        "example": language.gettext("example"),
    }[certainty]


def certainty_note(certainty: str, language: Language) -> str:
    """What a text without marks (a feed entry, a chart's table) adds after an item that
    is not confirmed: '(inferred)', '(example data)'; '' for confirmed."""
    return {
        "confirmed": "",
        "inferred": language.gettext("(inferred)"),
        "example": language.gettext("(example data)"),
    }[certainty]


def certainty_meaning(certainty: str, language: Language) -> str:
    """What a certainty mark means, said after its word in the legend and in the mark's
    title ('' for confirmed)."""
    return {
        "confirmed": "",
        "inferred": language.gettext("concluded from what the sources say, not stated by them"),
        "example": language.gettext("made up to show how the site works"),
    }[certainty]


def actor_kind_name(kind: str, language: Language) -> str:
    """A kind of actor of an innovation system, in the page's language."""
    return {
        "company": language.gettext("Companies"),
        "research": language.gettext("Research"),
        "education": language.gettext("Education"),
        "public": language.gettext("Public sector"),
        "finance": language.gettext("Finance"),
        "support": language.gettext("Support organisations"),
    }[kind]


def actor_kind_word(kind: str, language: Language) -> str:
    """A kind of actor inside a sentence, in lower case: 'between companies and research'."""
    return {
        "company": language.gettext("companies"),
        "research": language.gettext("research"),
        "education": language.gettext("education"),
        "public": language.gettext("the public sector"),
        "finance": language.gettext("finance"),
        "support": language.gettext("support organisations"),
    }[kind]


def lower_first(text: str) -> str:
    """A name made to stand inside a sentence: its first letter in lower case, unless its
    first word is a name or an abbreviation (another capital or a digit in it: 'S3', 'ESCA')."""
    first = text.split(" ", 1)[0]
    if not first[:1].isupper() or any(c.isupper() or c.isdigit() for c in first[1:]):
        return text
    return text[:1].lower() + text[1:]


def strength_name(strength: str, language: Language) -> str:
    """The strength of an actor's link to a cluster, in the page's language."""
    return {
        "weak": language.gettext("weak"),
        "medium": language.gettext("medium"),
        "strong": language.gettext("strong"),
    }[strength]


def status_count(status: str, n: int, language: Language) -> str:
    """How many actions have a status, number first and in agreement with it: '1 done',
    '2 fullførte', '3 pågår'."""
    ngettext = language.ngettext
    form = {
        "valid": lambda: ngettext("%(num)s valid", "%(num)s valid", n),
        "expiring": lambda: ngettext("%(num)s expiring soon", "%(num)s expiring soon", n),
        "expired": lambda: ngettext("%(num)s expired", "%(num)s expired", n),
        "planned": lambda: ngettext("%(num)s planned", "%(num)s planned", n),
        "in-progress": lambda: ngettext("%(num)s in progress", "%(num)s in progress", n),
        "done": lambda: ngettext("%(num)s done", "%(num)s done", n),
        "dropped": lambda: ngettext("%(num)s dropped", "%(num)s dropped", n),
    }[status]()
    return form % {"num": language.number(n)}


def step_status_name(status: str, language: Language) -> str:
    """The status of a support-process step (or not-started), in the page's language."""
    return {
        "done": language.gettext("done"),
        "in-progress": language.gettext("in progress"),
        "planned": language.gettext("planned"),
        "skipped": language.gettext("skipped"),
        "not-started": language.gettext("not started"),
    }[status]


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
