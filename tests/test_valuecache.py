"""The parse cache (generator.data.valuecache): a tree loads the same with and without it,
only changed files are parsed again, and every problem is still found and located."""

from __future__ import annotations

import marshal
from pathlib import Path

from generator.data.load import load_tree
from generator.data.valuecache import ValueCache

ASSESSMENT = "clusters/fjord-tech/assessments/2018-05-04.yaml"


def _load(tree: Path, folder: Path) -> tuple[object, ValueCache]:
    cache = ValueCache.for_tree(tree, folder)
    return load_tree(tree, cache), cache


def test_cached_load_gives_the_same_dataset(tree: Path, tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    first, cold = _load(tree, folder)
    second, warm = _load(tree, folder)
    plain = load_tree(tree)
    files = len(list(tree.rglob("*.yaml")))
    assert (cold.hits, cold.misses) == (0, files)
    assert (warm.hits, warm.misses) == (files, 0)
    assert first.dataset is not None and first.dataset == plain.dataset
    assert second.dataset == plain.dataset and second.problems == plain.problems


def test_a_changed_file_is_parsed_again(tree: Path, tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    _load(tree, folder)
    path = tree / ASSESSMENT
    path.write_text(path.read_text(encoding="utf-8").replace('"2.1": red', '"2.1": green'),
                    encoding="utf-8")
    result, cache = _load(tree, folder)
    assert cache.misses == 1
    assert result.dataset is not None
    latest = result.dataset.clusters["fjord-tech"].assessments[-1]
    assert latest.lights["2.1"] == "green"


def test_problems_are_located_in_cached_files(tree: Path, tmp_path: Path) -> None:
    """A file given its value from the cache still has its problems located to the line:
    here the cluster a forum lists disappears, and the forum file was not changed."""
    folder = tmp_path / "cache"
    _load(tree, folder)
    forum = tree / "forums" / "polar.yaml"
    line = forum.read_text(encoding="utf-8").splitlines().index(
        "  - cluster: kyst-energi") + 1
    for path in sorted((tree / "clusters" / "kyst-energi").rglob("*"), reverse=True):
        path.rmdir() if path.is_dir() else path.unlink()
    (tree / "clusters" / "kyst-energi").rmdir()
    result, cache = _load(tree, folder)
    assert cache.misses == 0
    assert result.dataset is None
    located = [p for p in result.errors if p.file.endswith("forums/polar.yaml")]
    assert located and located[0].line == line, result.errors


def test_a_broken_file_is_never_cached(tree: Path, tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    path = tree / ASSESSMENT
    good = path.read_text(encoding="utf-8")
    path.write_text(good.replace("kind: bronze", "kind: bronze\nkind: silver"),
                    encoding="utf-8")
    for _ in range(2):  # the second load finds the same problem: nothing was cached for it
        result, cache = _load(tree, folder)
        assert [(p.line, "duplicate key" in p.message) for p in result.errors] == [(4, True)]
    assert cache.misses == 1


def test_an_unreadable_or_outdated_cache_is_ignored(tree: Path, tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    _, cache = _load(tree, folder)
    assert cache.path is not None and cache.path.is_file()
    cache.path.write_bytes(b"not marshal data")
    result, again = _load(tree, folder)
    assert result.dataset is not None and again.hits == 0
    stored = marshal.loads(again.path.read_bytes())  # type: ignore[union-attr]
    stored["version"] = "another reader"
    again.path.write_bytes(marshal.dumps(stored))  # type: ignore[union-attr]
    result, third = _load(tree, folder)
    assert result.dataset is not None and third.hits == 0


def test_the_cache_holds_the_last_load_only(tree: Path, tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    _load(tree, folder)
    path = tree / ASSESSMENT
    for colour in ("green", "yellow"):
        path.write_text(path.read_text(encoding="utf-8").replace(
            '"2.1": red' if colour == "green" else '"2.1": green', f'"2.1": {colour}'),
            encoding="utf-8")
        _, cache = _load(tree, folder)
    assert cache.path is not None
    stored = marshal.loads(cache.path.read_bytes())
    assert len(stored["values"]) == len(list(tree.rglob("*.yaml")))
