"""The open data files under ``/api/v1/``: one JSON file per forum, cluster and indicator,
a CSV of every published light, the JSON Schemas of the files and an index of them all.

Each document is constructed as its model of ``opendata.schema`` (the published JSON
Schema's one declaration), from the published view (``generator.results.view``), and
written by ``dump`` deterministically (sorted keys, LF line ends), so the same data and
as-of date always give the same bytes. A document that its model refuses (a
non-publishing cluster's file with a light in it, for one) stops the build
(``ApiShapeError``). Ids, codes and texts are the data's own; dates are strings at the
data's own precision (``"2016-09"``).

Consent (the Data format page, "Consent") and the as-of date are decided in the published
view: a cluster that does not publish its indicators has only the date and kind of each
assessment in its file, nothing of its results in any indicator file, forum scorecard or
the CSV, and a next-label checklist without figures. Its file's shape is its own model
(``schema.WithholdingClusterOut``).

Truth in publishing: every record says how sure it is (``certainty``: confirmed, inferred
or example) and where it is stated (``sources``), as the pages mark it, so a file never
states more than its sources. A result drawn from several records (a scorecard, the
coverage of a strategy) is as sure as the least sure of them. A withheld benchmarking has
no certainty of its own: its certainty is one of its results.

The documents are made in ``clusters``, ``forums`` (forums and indicators) and ``index``
(the index and lights.csv), with what they share in ``common``; this module gathers them
into the files of a build.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Container
from functools import partial

from pydantic import BaseModel, ValidationError

from generator.render.opendata import strategy as strategy_api
from generator.render.opendata.clusters import cluster_model
from generator.render.opendata.common import JSON, PREFIX, ApiShapeError, file_head
from generator.render.opendata.forums import forum_model, indicator_model
from generator.render.opendata.index import index_model, lights_csv
from generator.render.opendata.schema import schema_files
from generator.results.view import (
    ClusterView,
    ForumView,
    IndicatorView,
    PublishedView,
)

# --- all files --------------------------------------------------------------------------------

def plain(document: BaseModel) -> JSON:
    """A document as plain JSON values: every key by its published name; a key that is
    absent when it does not apply (never null) only where it was given."""
    return document.model_dump(by_alias=True, exclude_unset=True)


def dump(document: BaseModel) -> bytes:
    """A document as deterministic JSON: sorted keys, two-space indent, UTF-8, final LF."""
    return (json.dumps(plain(document), sort_keys=True, ensure_ascii=False, indent=2)
            + "\n").encode("utf-8")


def _made(path: str, make: Callable[[], BaseModel]) -> BaseModel:
    """``make()``, its refusal by the model told with the file it was for."""
    try:
        return make()
    except ValidationError as exc:
        raise ApiShapeError(f"api/v1/{path} does not follow its schema: {exc}") from exc


def cluster_document(view: PublishedView, cluster: ClusterView) -> JSON:
    """api/v1/clusters/<id>.json as plain JSON values."""
    return plain(_made(f"clusters/{cluster.id}.json", lambda: cluster_model(view, cluster)))


def forum_document(view: PublishedView, forum: ForumView) -> JSON:
    """api/v1/forums/<id>.json as plain JSON values."""
    return plain(_made(f"forums/{forum.id}.json", lambda: forum_model(view, forum)))


def indicator_document(view: PublishedView, standing: IndicatorView) -> JSON:
    """api/v1/indicators/<id>.json as plain JSON values."""
    return plain(_made(f"indicators/{standing.indicator.id}.json",
                       lambda: indicator_model(view, standing)))


def models(view: PublishedView, skip: Container[str] = ()) -> dict[str, BaseModel]:
    """Every JSON document by its path relative to api/v1/ (index.json included), each
    made as its model, so that no file leaves the build in a shape its schema refuses.
    The forum and cluster documents whose paths are in ``skip`` are left out."""
    schemas = sorted(schema_files())
    found: dict[str, BaseModel] = {
        "index.json": _made("index.json", lambda: index_model(view, schemas))}
    for forum in view.forums.values():
        if (path := f"forums/{forum.id}.json") not in skip:
            found[path] = _made(path, partial(forum_model, view, forum))
    for cluster in view.clusters.values():
        if (path := f"clusters/{cluster.id}.json") not in skip:
            found[path] = _made(path, partial(cluster_model, view, cluster))
    for indicator in view.indicators.values():
        path = f"indicators/{indicator.id}.json"
        found[path] = _made(path, partial(indicator_model, view, indicator))
    for result in view.strategy.surveys:
        path = f"surveys/{result.id}.json"
        found[path] = _made(path, partial(strategy_api.survey_model, result, view,
                                          file_head(view.as_of)))
    return found


def documents(view: PublishedView, skip: Container[str] = ()) -> dict[str, JSON]:
    """``models`` as plain JSON values."""
    return {path: plain(model) for path, model in models(view, skip).items()}


def api_files(view: PublishedView, skip: Container[str] = ()) -> dict[str, bytes]:
    """Every file of the open data, by its path below the site root (``api/v1/...``),
    but the forum and cluster documents of ``skip`` (by their path below api/v1/): the
    caller keeps those as the last build wrote them, vouching that nothing they are made
    from has changed (their page's key, ``generator.publish.keys.unit_keys``, is the same)."""
    files = {PREFIX + path: dump(model) for path, model in models(view, skip).items()}
    files[PREFIX + "lights.csv"] = lights_csv(view)
    files.update({PREFIX + path: content for path, content in schema_files().items()})
    return files
