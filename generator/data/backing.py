"""Label backing: is a label in the data borne out by its source or by the record?

A label is backed when it names a ``source`` (the public page that announces it) or is
published as ``certainty: inferred`` or ``example``, or when
the cluster's record up to the end of its ``awarded`` period holds a benchmarking of the
label's level and meets what ``rules.yaml`` requires of that level (silver: enough bronze
benchmarkings, far enough apart, and improvements documented on enough indicators; gold:
the score). See "Computed results" on the Data format page. The loader turns what a label
lacks into a warning at its ``awarded`` line, an error with ``--strict``.
"""

from __future__ import annotations

from collections.abc import Sequence

from generator.base.dates import add_calendar_months
from generator.data.schema import AssessmentFile, Label, RulesFile


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def label_lacks(label: Label, record: Sequence[AssessmentFile], rules: RulesFile
                ) -> list[str]:
    """What the record lacks to back ``label`` (empty when the label is backed)."""
    if label.source is not None or label.certainty in ("inferred", "example"):
        return []  # stated by its source, or published as what it is
    by = label.awarded.isoformat()
    end = label.awarded.last_day()
    dated = sorted((a for a in record if a.date.first_day() <= end),
                   key=lambda a: a.date.sort_key())
    lacks: list[str] = []
    if not any(a.kind == label.level for a in dated):
        lacks.append(f"the record has no {label.level} benchmarking by {by}")
    if label.level == "silver":
        need = rules.labels.silver.requires
        bronze = [a.date for a in dated if a.kind == "bronze"]
        # only what holds for every day two partial dates could mean (the Data format page)
        apart = len(bronze) >= 2 and bronze[-1].first_day() >= add_calendar_months(
            bronze[0].last_day(), need.min_months_between)
        if len(bronze) < need.bronze_benchmarkings or (
                need.min_months_between > 0 and not apart):
            lacks.append(
                f"silver needs {_plural(need.bronze_benchmarkings, 'bronze benchmarking')} "
                f"at least {_plural(need.min_months_between, 'month')} apart by {by}; the "
                f"record has {len(bronze)}" + ("" if len(bronze) < 2 or apart else
                                               ", less far apart"))
        improved = {i.indicator for a in dated for i in a.improvements}
        if len(improved) < need.documented_improvements:
            lacks.append(
                f"silver needs improvements documented on "
                f"{_plural(need.documented_improvements, 'indicator')} by {by}; the record "
                f"has {len(improved)}")
    elif label.level == "gold":
        floor = rules.labels.gold.requires.min_score_percent
        scores = [a.score_percent for a in dated if a.kind == "gold"
                  and a.score_percent is not None]
        if not scores or scores[-1] < floor:
            has = f"{scores[-1]:g} %" if scores else "no score"
            lacks.append(f"gold needs a score of at least {floor:g} % in a gold benchmarking "
                         f"by {by}; the record has {has}")
    return lacks


def unbacked_message(label: Label, lacks: Sequence[str]) -> str:
    """The warning for a label the record does not back."""
    return (f"this {label.level} label is not backed: " + "; ".join(lacks) + ". Add what is "
            "missing to the record, or write the label's source: the address of the public "
            "page that announces it")


def no_light_assessed(assessment: AssessmentFile) -> bool:
    """Whether every light of a benchmarking is n/a or left out."""
    return all(light == "n/a" for light in assessment.lights.values())
