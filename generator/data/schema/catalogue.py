"""The base models, and the files every tree shares: sources.yaml, site.yaml,
indicators.yaml and rules.yaml."""

from __future__ import annotations

from typing import Annotated, ClassVar, Literal, Self

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    model_validator,
)

from generator.data.schema.scalars import (
    Code,
    Count,
    Id,
    LanguageCode,
    Months,
    Percent,
    Url,
    located,
    one_of,
    unique_ids,
)
from generator.data.schema.texts import (
    Certainty,
    DateField,
    ListOf,
    NameField,
    SourcesField,
    TextField,
)

# --- parts --------------------------------------------------------------------------------


class Part(BaseModel):
    """A mapping inside a file: no unknown keys, immutable once read."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    UNIQUE_IDS: ClassVar[tuple[tuple[str, str], ...]] = ()
    """The lists of this mapping whose items' ids must all differ: (key, what an item is
    called in the message)."""

    @model_validator(mode="after")
    def _ids_differ(self) -> Self:
        for key, what in self.UNIQUE_IDS:
            unique_ids(key, [item.id for item in getattr(self, key)], what)
        return self


class FileModel(Part):
    """A whole data file; its first key is ``schema_version``."""

    schema_version: Literal[1] = Field(description="Version of the data format: 1")


class Sourced(Part):
    """A record that can reach the site, with where it is stated and how sure it is. A
    value set on a file or a parent record applies to the records inside it unless they
    set their own (settled when the tree is loaded, ``generator.data.load``)."""

    source: SourcesField | None = Field(
        default=None, description="Where it is stated: a source id of sources.yaml or a web "
        "address, or a list of them (default: the source of the record or file it is in)")
    certainty: Certainty | None = Field(
        default=None, description="confirmed: stated by its source | inferred: concluded "
        "from what the sources say | example: made up to show how the site works "
        "(default: that of the record or file it is in, else confirmed)")

    @property
    def certain(self) -> str:
        """The certainty as published: ``confirmed`` where none is set."""
        return self.certainty or "confirmed"

    @model_validator(mode="after")
    def _illustrative_is_example(self) -> Sourced:
        if getattr(self, "illustrative", False) and self.certainty not in (None, "example"):
            raise located(("certainty",), f"illustrative: true means certainty: example, "
                          f"but certainty is {self.certainty}: remove one of the two")
        return self


# sources.yaml


class Source(Part):
    """A public page or publication the data is taken from."""

    id: Id = Field(description="The source's id, for source: in the other files")
    title: NameField = Field(description="Its title")
    publisher: NameField | None = Field(default=None, description="Who published it")
    url: Url | None = Field(default=None, description="Where it is published (a presentation "
                            "may have no address)")
    date: DateField | None = Field(default=None, description="When it was published")
    language: LanguageCode | None = Field(default=None, description="The language it is in")


class SourcesFile(FileModel):
    """sources.yaml: the public pages and publications the data is taken from."""

    sources: ListOf[Source] = Field(default=(), description="Every source, each with an id")

    UNIQUE_IDS = (("sources", "source"),)


# site.yaml


class SiteFile(FileModel):
    """site.yaml: the site's title, languages and address."""

    title: NameField
    description: TextField | None = None
    languages: Annotated[tuple[LanguageCode, ...], Field(min_length=1)] = Field(
        description="Site languages; the first is the default, served at the site root")
    site_url: Url | None = None

    @model_validator(mode="after")
    def _unique_languages(self) -> SiteFile:
        seen: set[str] = set()
        for i, code in enumerate(self.languages):
            if code in seen:
                raise located(("languages", i), f"'{code}' is listed twice: list each "
                              "language once")
            seen.add(code)
        return self


# indicators.yaml


class Area(Part):
    """One of the catalogue's areas, e.g. "Structure of the cluster"."""

    id: Code
    name: NameField


class Indicator(Part):
    """One quality indicator of the catalogue."""

    id: Code
    area: Code
    name: NameField
    description: TextField | None = None


class IndicatorsFile(FileModel):
    """indicators.yaml: the catalogue of areas and indicators."""

    areas: Annotated[tuple[Area, ...], Field(min_length=1)]
    indicators: Annotated[tuple[Indicator, ...], Field(min_length=1)]

    @model_validator(mode="after")
    def _consistent(self) -> IndicatorsFile:
        unique_ids("areas", [area.id for area in self.areas], "area")
        area_ids = {area.id for area in self.areas}
        seen: set[str] = set()
        for i, indicator in enumerate(self.indicators):
            if indicator.id in seen:
                raise located(("indicators", i, "id"), f"indicator '{indicator.id}' is "
                              "defined twice: give each indicator its own id")
            seen.add(indicator.id)
            if indicator.area not in area_ids:
                raise located(("indicators", i, "area"), f"area '{indicator.area}' does not "
                              f"exist: write one of {one_of(sorted(area_ids), indicator.area)}")
        return self


# rules.yaml


class BronzeRule(Part):
    """How long a bronze label is valid."""

    valid_months: Months


class SilverRequires(Part):
    """What silver requires."""

    bronze_benchmarkings: Count
    min_months_between: Count
    documented_improvements: Count


class SilverRule(Part):
    """How long a silver label is valid and what it requires."""

    valid_months: Months
    requires: SilverRequires


class GoldRequires(Part):
    """What gold requires."""

    min_score_percent: Percent


class GoldRule(Part):
    """How long a gold label is valid and what it requires."""

    valid_months: Months
    requires: GoldRequires


class LabelRules(Part):
    """The rules of each label level."""

    bronze: BronzeRule
    silver: SilverRule
    gold: GoldRule


class RulesFile(FileModel):
    """rules.yaml: label validity and requirements."""

    labels: LabelRules
    expiring_months: Count = Field(
        default=6, description="A label is 'expiring' this many months before it ends")
