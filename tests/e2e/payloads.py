"""Hostile text in every Text field of a data tree, to prove it is never executed.

The field list is not written by hand: it is read from the pydantic models of
generator/data/schema/, so a Text field added later is attacked (and has to be covered by
the fixture tree) without anyone remembering to add it here.
"""

from __future__ import annotations

import re
import shutil
import types
import typing
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel

from generator.base.text import Text
from generator.data import schema
from generator.data.schema import (
    ActorMapFile,
    AssessmentFile,
    ClusterFile,
    ForumFile,
    IndicatorsFile,
    PeerGroupFile,
    PlanFile,
    ProcessesFile,
    SiteFile,
    SourcesField,
    StressTestCatalogueFile,
    StressTestFile,
    SurveyFile,
    Url,
)

FILE_KINDS: dict[str, type[BaseModel]] = {
    "site.yaml": SiteFile,
    "indicators.yaml": IndicatorsFile,
    "peer-groups/*.yaml": PeerGroupFile,
    "forums/*.yaml": ForumFile,
    "clusters/*/cluster.yaml": ClusterFile,
    "clusters/*/assessments/*.yaml": AssessmentFile,
    "clusters/*/plan.yaml": PlanFile,
    "processes.yaml": ProcessesFile,
    "stress-test.yaml": StressTestCatalogueFile,
    "stress-tests/*/*.yaml": StressTestFile,
    "actor-maps/*/*.yaml": ActorMapFile,
    "surveys/*.yaml": SurveyFile,
}
"""Every data file kind, by where it lives in a tree, and its model."""

ATTACKS = (
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[x](javascript:alert(1))",
    "[x](JaVaScRiPt:alert(1))",
    '<a href="javascript:alert(1)">x</a>',
    '{: onclick="alert(1)" }',
    "![x](https://evil.example/x.png)",
    "<svg onload=alert(1)>",
    "[x]( javascript:alert(1) )",
    "[x](<javascript:alert(1)>)",
    "<javascript:alert(1)>",
    "[x](//evil.example/)",
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[x](data:text/html,alert(1))",  # short enough for a name
    '"><script>alert(1)</script>',
    "</textarea></title><script>alert(1)</script>",
    "<!-- x --> &lt;b&gt;",
)
"""What every Text field receives, after a marker naming the field."""

SHOWN_AS_TEXT = (
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">x</a>',
    '{: onclick="alert(1)" }',
    "<svg onload=alert(1)>",
)
"""Parts of the payload that must be readable on the page exactly as they were written."""


URL_PAYLOAD = ("https://url.example/kfxurl/'onmouseover='alert(1)'/(x)*y*_z_[w](v)"
               "{:onclick=alert(1)}|&amp;^~")
"""What every URL field receives: valid (no space, control character, < > \" or backquote),
but full of what ends a Markdown link, an attribute or an attribute list early."""


OTHER_ATTACKS = tuple(a for a in ATTACKS if a not in SHOWN_AS_TEXT)


def payload(marker: str, limit: int | None = None) -> str:
    """A field's hostile text: its marker, then every attack. Where that is longer than the
    field may be (a name: NAME_LENGTH characters), the marker, every attack of SHOWN_AS_TEXT
    and as many others as fit, a different one first in each field, so that the names of a
    tree carry every attack between them (all but the longest, whose short form is there)."""
    text = marker + " " + " ".join(ATTACKS)
    if limit is None or len(text) <= limit:
        return text
    text = marker + " " + " ".join(SHOWN_AS_TEXT)
    assert len(text) <= limit, "the attacks shown as text must fit in a name"
    first = int(re.sub(r"\D", "", marker) or 0)
    for i in range(len(OTHER_ATTACKS)):
        attack = OTHER_ATTACKS[(first + i) % len(OTHER_ATTACKS)]
        if len(text) + 1 + len(attack) <= limit:
            text += " " + attack
    return text


def expected_text(marker: str) -> str:
    """How the start of a payload reads on the page: the marker, then the HTML as text."""
    return marker + " " + " ".join(SHOWN_AS_TEXT[:2])


@dataclass
class Injection:
    """The Text fields that were attacked in a tree, and the marker of each."""

    covered: set[str] = field(default_factory=set)
    """Field kinds attacked, as 'Model.path' (e.g. 'ClusterFile.events[].title')."""
    markers: dict[str, str] = field(default_factory=dict)
    """Marker (per language: marker + 'nb' / 'en') → the field kind it was put in."""


def text_fields(model: type[BaseModel], prefix: str = "") -> Iterator[str]:
    """Every Text field kind of a model, as 'path' below it ('[]' marks a list)."""
    for name, info in model.model_fields.items():
        key = info.alias or name
        kind, inner = _kind(info.annotation)
        if kind in ("text", "texts"):
            yield prefix + key + ("[]" if kind == "texts" else "")
        elif kind in ("model", "models"):
            yield from text_fields(inner, prefix + key + ("[]." if kind == "models" else "."))


def all_text_fields() -> set[str]:
    """Every Text field kind of every data file kind, as 'Model.path'."""
    return {f"{model.__name__}.{path}" for model in FILE_KINDS.values()
            for path in text_fields(model)}


def local_copy(source: Path, target: Path) -> Path:
    """A copy of a data tree without its site_url: served from localhost, no link of the
    built site then points at the public address."""
    shutil.copytree(source, target)
    site_yaml = target / "site.yaml"
    site_yaml.write_text(re.sub(r"(?m)^site_url:.*$", "", site_yaml.read_text("utf-8")),
                         encoding="utf-8")
    return target


def inject(tree: Path, languages: tuple[str, ...] = ("nb", "en")) -> Injection:
    """Put a payload into every Text field of every file of ``tree`` (optional Text fields
    are added where their parent exists); returns what was covered."""
    injection = Injection()
    counter = iter(range(1, 10_000))
    for pattern, model in FILE_KINDS.items():
        for path in sorted(tree.glob(pattern)):
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            _inject(data, model, model.__name__ + ".", injection, counter, languages)
            path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                            encoding="utf-8")
    return injection


def url_fields(model: type[BaseModel], prefix: str = "") -> Iterator[str]:
    """Every URL field kind of a model, as 'path' below it ('[]' marks a list)."""
    for name, info in model.model_fields.items():
        key = info.alias or name
        if _is_url(info.annotation):
            yield prefix + key
            continue
        kind, inner = _kind(info.annotation)
        if kind in ("model", "models"):
            yield from url_fields(inner, prefix + key + ("[]." if kind == "models" else "."))


def inject_urls(tree: Path) -> set[str]:
    """Put URL_PAYLOAD into every URL field of every file of ``tree`` (``website`` is added
    to every cluster); returns the field kinds covered, as 'Model.path'."""
    covered: set[str] = set()
    for pattern, model in FILE_KINDS.items():
        for path in sorted(tree.glob(pattern)):
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            _inject_urls(data, model, model.__name__ + ".", covered)
            path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                            encoding="utf-8")
    return covered


def _inject_urls(data: dict[str, Any], model: type[BaseModel], where: str,
                 covered: set[str]) -> None:
    for name, info in model.model_fields.items():
        key = info.alias or name
        if _is_url(info.annotation):
            if key in data or model.__name__ == "ClusterFile":
                data[key] = URL_PAYLOAD
                covered.add(where + key)
            continue
        if _is_sources(info.annotation) and key in data:  # a record's source: an address
            data[key] = URL_PAYLOAD
            covered.add(where + key)
            continue
        kind, inner = _kind(info.annotation)
        if kind == "model" and isinstance(data.get(key), dict):
            _inject_urls(data[key], inner, where + key + ".", covered)
        elif kind == "models" and isinstance(data.get(key), list):
            for item in data[key]:
                _inject_urls(item, inner, where + key + "[].", covered)


def _is_url(annotation: Any) -> bool:
    """Whether a field holds a URL (``schema.Url``, optional or not)."""
    return annotation is Url or Url in typing.get_args(annotation)


def _is_sources(annotation: Any) -> bool:
    """Whether a field holds a record's sources (``schema.SourcesField``: ids or URLs)."""
    return annotation is SourcesField or SourcesField in typing.get_args(annotation)


def _inject(data: dict[str, Any], model: type[BaseModel], where: str, injection: Injection,
            counter: Iterator[int], languages: tuple[str, ...]) -> None:
    for name, info in model.model_fields.items():
        key = info.alias or name
        kind, inner = _kind(info.annotation)
        limit = _limit([info.annotation, *info.metadata])
        if kind == "text":
            data[key] = _text(where + key, injection, counter, languages, limit=limit)
        elif kind == "texts":
            data[key] = [_text(where + key + "[]", injection, counter, languages, same=True,
                               limit=limit),
                         _text(where + key + "[]", injection, counter, languages, limit=limit)]
        elif kind == "model" and isinstance(data.get(key), dict):
            _inject(data[key], inner, where + key + ".", injection, counter, languages)
        elif kind == "models" and isinstance(data.get(key), list):
            for item in data[key]:
                _inject(item, inner, where + key + "[].", injection, counter, languages)


def _text(kind: str, injection: Injection, counter: Iterator[int], languages: tuple[str, ...],
          same: bool = False, limit: int | None = None) -> str | dict[str, str]:
    """A payload for one field: the same in every language, or one per language."""
    marker = f"kfx{next(counter)}z"
    injection.covered.add(kind)
    if same:
        injection.markers[marker] = kind
        return payload(marker, limit)
    value = {}
    for code in languages:
        injection.markers[marker + code] = kind
        value[code] = payload(marker + code, limit)
    return value


def _limit(annotations: list[Any]) -> int | None:
    """The length limit a field's Text type declares (``schema._TextType.limit``), found in
    its annotation or the metadata pydantic moved out of it."""
    for annotation in annotations:
        if isinstance(annotation, type) and issubclass(annotation, schema._TextType):
            return annotation.limit
        found = _limit(list(typing.get_args(annotation)))
        if found is not None:
            return found
    return None


def _kind(annotation: Any) -> tuple[str, Any]:
    """What a field holds: 'text', 'texts', 'model', 'models' or 'other' (and the model)."""
    annotation = _unwrap(annotation)
    if annotation is Text:
        return "text", None
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return "model", annotation
    if typing.get_origin(annotation) in (tuple, list):
        args = [a for a in typing.get_args(annotation) if a is not Ellipsis]
        if len(args) == 1:
            item = _unwrap(args[0])
            if item is Text:
                return "texts", None
            if isinstance(item, type) and issubclass(item, BaseModel):
                return "models", item
    return "other", None


def _unwrap(annotation: Any) -> Any:
    """The type inside Annotated[...] and Optional[...]."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            if len(args) != 1:
                return annotation
            annotation = args[0]
        else:
            return annotation
