"""The site's translated vocabulary: every code of the data and of the results as a reader
of one language reads it.

A word whose form depends on its place has one string per place: a label level standing
alone as a value ('Silver', 'Sølv') and inside a sentence ('path to silver', 'veien til
sølv'); each kind of assessment and each award is a whole string ('Expert visit for
silver', 'Bronze label awarded to X'), never a sentence built from capitalised fragments.
The words follow the glossary (generator/site/glossary.yaml, on the Method page).
"""

from __future__ import annotations

from generator.site.i18n import Language


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
