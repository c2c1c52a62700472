"""Compiled templates (``generator.base.templatecache``): kept in memory and in a sealed
folder, never used when damaged, foreign or compiled from another source."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import jinja2
import pytest

from generator.base.sealed import seal, unseal
from generator.base.templatecache import CompiledTemplates
from generator.render.pages.jinja import TEMPLATES
from tests.sites import REPO, cli_build, tree_digest

SMALL = REPO / "tests" / "fixtures" / "small"


def _env(templates: Path, cache: CompiledTemplates) -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.FileSystemLoader(templates), bytecode_cache=cache)


def _render(templates: Path, cache: CompiledTemplates, **context: object) -> str:
    return _env(templates, cache).get_template("page.md").render(**context)


@pytest.fixture
def templates(tmp_path: Path) -> Path:
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "page.md").write_text("# {{ title }}\n{% for i in items %}- {{ i }}\n{% endfor %}",
                                    encoding="utf-8")
    return folder


def test_a_compiled_template_is_stored_and_read_back_by_another_process(
        templates: Path, tmp_path: Path) -> None:
    store = tmp_path / "cache"
    first = CompiledTemplates("test", store)
    assert _render(templates, first, title="A", items=[1, 2]) == "# A\n- 1\n- 2\n"
    entries = sorted(store.rglob("*.jinja"))
    assert len(entries) == 1
    # a new cache object is what a new process has: nothing in memory, the folder only
    second = CompiledTemplates("test", store)
    env = _env(templates, second)
    loaded = []
    original = second.load_bytecode

    def load(bucket: jinja2.bccache.Bucket) -> None:
        original(bucket)
        loaded.append(bucket.code is not None)

    second.load_bytecode = load  # type: ignore[method-assign]  # to see the hit
    assert env.get_template("page.md").render(title="B", items=[]) == "# B\n"
    assert loaded == [True]


def test_an_edited_template_is_compiled_again_never_served_stale(
        templates: Path, tmp_path: Path) -> None:
    cache = CompiledTemplates("test", tmp_path / "cache")
    assert _render(templates, cache, title="A", items=[]) == "# A\n"
    (templates / "page.md").write_text("## {{ title }}!", encoding="utf-8")
    assert _render(templates, cache, title="A", items=[]) == "## A!"
    # and in another process, with both versions in the folder
    assert _render(templates, CompiledTemplates("test", tmp_path / "cache"),
                   title="C", items=[]) == "## C!"
    assert len(sorted((tmp_path / "cache").rglob("*.jinja"))) == 2


@pytest.mark.parametrize("damage", ["cut short", "bytes changed", "resealed garbage",
                                    "another entry's file", "another flavour"])
def test_a_damaged_or_foreign_entry_is_a_miss_and_is_removed(
        templates: Path, tmp_path: Path, damage: str) -> None:
    store = tmp_path / "cache"
    (templates / "other.md").write_text("other {{ x }}", encoding="utf-8")
    cache = CompiledTemplates("test", store)
    _render(templates, cache, title="A", items=[])
    _env(templates, cache).get_template("other.md").render(x=1)
    page_entry = _entry_of(store, cache, templates, "page.md")
    other_entry = _entry_of(store, cache, templates, "other.md")
    stored = page_entry.read_bytes()
    if damage == "cut short":
        page_entry.write_bytes(stored[:-20])
    elif damage == "bytes changed":
        page_entry.write_bytes(stored[:-5] + b"xxxxx")
    elif damage == "resealed garbage":
        content = unseal(page_entry.stem, stored)
        assert content is not None
        page_entry.write_bytes(seal(page_entry.stem, content[:40] + b"\x00" * 40))
    elif damage == "another entry's file":
        page_entry.write_bytes(other_entry.read_bytes())
    if damage == "another flavour":
        fresh = CompiledTemplates("another", store)
        assert _render(templates, fresh, title="B", items=[3]) == "# B\n- 3\n"
        assert page_entry.read_bytes() == stored  # not read, not replaced: not its entry
        return
    fresh = CompiledTemplates("test", store)
    assert _render(templates, fresh, title="B", items=[3]) == "# B\n- 3\n"
    assert fresh.store is not None and fresh.store.damaged == [page_entry]
    assert page_entry.read_bytes() == stored  # compiled again and stored again


def _entry_of(store: Path, cache: CompiledTemplates, templates: Path, name: str) -> Path:
    env = _env(templates, cache)
    source, filename, _ = env.loader.get_source(env, name)  # type: ignore[union-attr]
    bucket = jinja2.bccache.Bucket(env, cache.get_cache_key(name, filename),
                                   cache.get_source_checksum(source))
    assert cache.store is not None
    path = cache.store.path(cache._key(bucket))
    assert path.is_file()
    return path


def test_a_cache_that_cannot_be_written_only_costs_the_compile(
        templates: Path, tmp_path: Path) -> None:
    blocked = tmp_path / "blocked"
    blocked.write_text("a file, not a folder", encoding="utf-8")
    cache = CompiledTemplates("test", blocked / "cache")
    assert _render(templates, cache, title="A", items=[1]) == "# A\n- 1\n"
    assert cache.store is not None and cache.store.unwritable == 1


@pytest.mark.slow
def test_a_site_built_with_damaged_compiled_templates_is_the_clean_site(
        tmp_path: Path) -> None:
    """Every entry of the pages' and the theme's compiled templates damaged (a process
    reads them from the folder): the site is byte-identical to one built with none."""
    as_of = dt.date(2026, 12, 1)
    cold = tmp_path / "cold"
    env = {"KF_TEMPLATE_CACHE": str(tmp_path / "templates")}
    cli_build(SMALL, cold / "site", cold / "work", as_of, env=env)
    entries = sorted((tmp_path / "templates").rglob("*.jinja"))
    # the generator's own templates and the theme's (MkDocs runs in processes of its own)
    assert len(entries) > len(list(TEMPLATES.rglob("*.j2"))) + 20
    for number, entry in enumerate(entries):
        stored = entry.read_bytes()
        entry.write_bytes(stored[: len(stored) // 2] if number % 2 else stored[:-3] + b"!!!")
    damaged = tmp_path / "damaged"
    cli_build(SMALL, damaged / "site", damaged / "work", as_of, env=env)
    assert tree_digest(damaged / "site") == tree_digest(cold / "site")
    # every damaged entry was removed and stored again, intact
    assert sorted((tmp_path / "templates").rglob("*.jinja")) == entries
    assert all(unseal(e.stem, e.read_bytes()) is not None for e in entries)
    warm = tmp_path / "warm"
    cli_build(SMALL, warm / "site", warm / "work", as_of, env=env)
    assert tree_digest(warm / "site") == tree_digest(cold / "site")
    shutil.rmtree(tmp_path / "templates")
