"""The parse cache (generator.data.valuecache): a tree loads the same with and without it,
only changed files are parsed again, and every problem is still found and located."""

from __future__ import annotations

import marshal
from pathlib import Path

import pytest

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


def test_a_changed_byte_in_the_cache_is_a_miss_never_a_wrong_value(tree: Path,
                                                                   tmp_path: Path) -> None:
    """One byte changed inside a stored value (a cluster's name): the entry does not match
    its digest, so the file is parsed again, the load is the one without a cache, and the
    entry is replaced (the next load finds every file intact)."""
    folder = tmp_path / "cache"
    _, cache = _load(tree, folder)
    assert cache.path is not None
    raw = cache.path.read_bytes()
    assert raw.count(b"Nordlys Klynge") == 1
    cache.path.write_bytes(raw.replace(b"Nordlys Klynge", b"Nordlys Klynga"))
    result, damaged = _load(tree, folder)
    assert (damaged.corrupt, damaged.misses) == (1, 1)
    assert result.dataset is not None and result.dataset == load_tree(tree).dataset
    assert result.dataset.clusters["nordlys-klynge"].name.get("nb") == "Nordlys Klynge"
    _, repaired = _load(tree, folder)
    assert (repaired.corrupt, repaired.misses) == (0, 0)


def test_a_damaged_entry_of_another_shape_is_a_miss(tree: Path, tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    _, cache = _load(tree, folder)
    assert cache.path is not None
    stored = marshal.loads(cache.path.read_bytes())
    keys = sorted(stored["values"])
    stored["values"][keys[0]] = None
    stored["values"][keys[1]] = ("0" * 32, b"\xff")
    recorded, blob = stored["values"][keys[2]]
    stored["values"][keys[2]] = (recorded, blob[:-1])  # truncated
    cache.path.write_bytes(marshal.dumps(stored))
    result, damaged = _load(tree, folder)
    assert (damaged.corrupt, damaged.misses) == (3, 3)
    assert result.dataset == load_tree(tree).dataset


def test_a_cache_that_cannot_be_written_only_costs_time(tree: Path, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """A full disk (every write fails with ENOSPC) or a read-only cache folder: the load
    is the same, with every file parsed."""
    import errno

    import generator.data.valuecache as valuecache

    def full(path: Path, content: bytes) -> None:
        raise OSError(errno.ENOSPC, "No space left on device", str(path))

    with monkeypatch.context() as patch:
        patch.setattr(valuecache, "atomic_write", full)
        for _ in range(2):
            result, cache = _load(tree, tmp_path / "full")
            assert result.dataset == load_tree(tree).dataset and cache.hits == 0
    folder = tmp_path / "readonly"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        result, cache = _load(tree, folder)
        assert result.dataset == load_tree(tree).dataset
    finally:
        folder.chmod(0o755)


def test_validate_notes_damaged_entries_only_when_verbose(tree: Path, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch,
                                                          capsys: pytest.CaptureFixture[str]
                                                          ) -> None:
    from generator import cli

    monkeypatch.setenv("KF_DATA_CACHE", str(tmp_path / "cache"))
    assert cli.main(["validate", "--data", str(tree)]) == 0
    [path] = (tmp_path / "cache").glob("*.marshal")
    for verbose in (False, True):
        path.write_bytes(path.read_bytes().replace(b"Nordlys Klynge", b"Nordlys Klynga"))
        capsys.readouterr()
        assert cli.main(["validate", "--data", str(tree), *(["-v"] if verbose else [])]) == 0
        err = capsys.readouterr().err
        assert ("note: 1 damaged entries of the parse cache" in err) is verbose, err
        assert "Traceback" not in err
