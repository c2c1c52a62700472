"""Checks of the whole built site: every internal link and anchor resolves in both
languages, two builds of the same data are byte-identical, a failed build leaves the
previous site and generated pages exactly as they were, and text from the data is never
executed, whatever HTML, Markdown or link it holds.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

import pytest
import yaml
from e2e.payloads import (
    ATTACKS,
    SHOWN_AS_TEXT,
    URL_PAYLOAD,
    Injection,
    all_text_fields,
    expected_text,
    inject,
    inject_urls,
    local_copy,
)
from e2e.sitekit import (
    AS_OF,
    DATA,
    LANGUAGES,
    REPO,
    SMALL,
    STRATEGY,
    build,
    html_files,
    parse,
    tree_bytes,
)

import generator.publish.pipeline
import generator.render.pages.jinja
from generator.cli import main as cli
from generator.render.pages.builders import SiteRenderer
from tests.sites import built, cli_build, copy_of

# --- links and anchors ----------------------------------------------------------------------

LINKING = {"a": "href", "link": "href", "img": "src", "script": "src", "source": "src",
           "iframe": "src", "area": "href"}
"""Elements that point at another file, and the attribute that does."""
BASE = "http://site.invalid"
SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML = "http://www.w3.org/1999/xhtml"


@dataclass(frozen=True)
class Link:
    """One link found in the built site."""

    page: str
    url: str


def broken_links(site: Path, site_url: str | None = None) -> tuple[list[str], int]:
    """Every internal link of the built site (pages, sitemaps, search index) that does not
    resolve to a file, or to an id in the page it names; and how many were checked."""
    prefix = urlsplit(site_url).path if site_url else "/"
    root = BASE + prefix
    pages = {p.relative_to(site).as_posix(): parse(p.read_text(encoding="utf-8"))
             for p in html_files(site)}
    links: list[Link] = []
    for rel, page in pages.items():
        for element in page.elements:
            attribute = LINKING.get(element.tag)
            if attribute and element.attrs.get(attribute):
                links.append(Link(rel, element.attrs[attribute]))
    for sitemap in site.rglob("sitemap.xml"):
        root_element = ET.parse(sitemap).getroot()
        where = sitemap.relative_to(site).as_posix()
        for loc in root_element.iter(f"{{{SITEMAP}}}loc"):
            links.append(Link(where, loc.text or ""))
        for alternate in root_element.iter(f"{{{XHTML}}}link"):  # per-page hreflang
            links.append(Link(where, alternate.get("href", "")))
    for index in site.rglob("search/search_index.json"):
        language_root = index.parent.parent.relative_to(site).as_posix().strip(".")
        for doc in json.loads(index.read_text(encoding="utf-8"))["docs"]:
            links.append(Link(f"{language_root}/index.html".lstrip("/"), doc["location"]))

    problems: list[str] = []
    checked = 0
    for link in links:
        absolute = urljoin(root + link.page, link.url)
        if site_url and absolute.startswith(site_url):
            absolute = root + absolute[len(site_url):]
        parts = urlsplit(absolute)
        if parts.scheme in ("mailto", "tel", "data") or not absolute.startswith(BASE):
            continue  # another host: not this site's business here
        checked += 1
        path = unquote(parts.path)
        if not path.startswith(prefix):
            problems.append(f"{link.page}: {link.url} is outside the site ({prefix})")
            continue
        rel = path[len(prefix):]
        if rel.startswith("/"):
            problems.append(f"{link.page}: {link.url} → {path} has an empty path segment")
            continue
        target = site / rel
        if rel == "" or rel.endswith("/") or target.is_dir():
            target = target / "index.html"
        if not target.is_file():
            problems.append(f"{link.page}: {link.url} → no such file {target.relative_to(site)}")
            continue
        fragment = unquote(parts.fragment)
        if fragment and target.suffix == ".html":
            target_rel = target.relative_to(site).as_posix()
            if fragment not in pages[target_rel].ids:
                problems.append(f"{link.page}: {link.url} → no id '{fragment}' in {target_rel}")
    return sorted(set(problems)), checked


@pytest.fixture(scope="module")
def default_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """data/ built with the command line, as a user builds it (shared, tests/sites)."""
    return built(tmp_path_factory, DATA, AS_OF).site


def test_each_404_page_stays_in_its_language_without_a_site_url(default_site: Path) -> None:
    """data/ has no site URL: MkDocs then writes 404.html with links from ``/``, so the
    English one must lead to ``/en/`` (home, menu, stylesheets, scripts), except the
    switcher's link to Norwegian, and the Norwegian one never into ``/en/`` but by its
    switcher."""
    for lang, inside in (("en", True), ("nb", False)):
        page = parse((default_site / LANGUAGES[lang] / "404.html").read_text(encoding="utf-8"))
        rooted = [(e.attrs.get("hreflang"), e.attrs.get("href") or e.attrs.get("src") or "")
                  for e in page.elements
                  if (e.attrs.get("href") or e.attrs.get("src") or "").startswith("/")]
        assert len(rooted) > 10, rooted
        wrong = [url for hreflang, url in rooted
                 if hreflang is None and url.startswith("/en/") != inside]
        assert wrong == [], f"{lang}/404.html leads out of its language: {wrong}"


def test_every_internal_link_and_anchor_resolves(default_site: Path) -> None:
    """Navigation, content links, anchors, assets, switcher links, sitemaps and search
    results of both languages all point at something that exists."""
    assert (default_site / "index.html").is_file()
    assert (default_site / "en" / "index.html").is_file()
    problems, checked = broken_links(default_site)
    assert problems == []
    assert checked > 1000


def test_links_resolve_with_a_site_url_and_another_catalogue(
        tmp_path_factory: pytest.TempPathFactory) -> None:
    """The small tree has a site_url (absolute alternates, canonical links, sitemap) and
    areas "1", "2", "4": its links resolve too."""
    site = built(tmp_path_factory, SMALL, AS_OF).site
    site_url = yaml.safe_load((SMALL / "site.yaml").read_text(encoding="utf-8"))["site_url"]
    problems, checked = broken_links(site, site_url)
    assert problems == []
    assert checked > 100


def test_the_link_checker_finds_broken_links_and_anchors(tmp_path: Path) -> None:
    """A checker that finds nothing must be able to find something."""
    site = tmp_path / "site"
    (site / "a").mkdir(parents=True)
    (site / "index.html").write_text(
        '<a href="a/">ok</a><a href="a/#here">ok</a><a href="a/#gone">anchor</a>'
        '<a href="missing/">file</a><img src="x.png"><a href="https://example.org/">out</a>',
        encoding="utf-8")
    (site / "a" / "index.html").write_text('<h2 id="here">Here</h2>', encoding="utf-8")
    problems, checked = broken_links(site)
    assert checked == 5
    assert problems == [
        "index.html: a/#gone → no id 'gone' in a/index.html",
        "index.html: missing/ → no such file missing/index.html",
        "index.html: x.png → no such file x.png",
    ]


def test_every_page_title_names_the_page_then_the_site_once(default_site: Path) -> None:
    """The home page's title was "Regionale klyngeforum - Regionale klyngeforum": it is the
    site's name alone, and every other page's is its own title, then the site's name."""
    for prefix, name in (("", "Regionale klyngeforum"), ("en/", "Regional cluster forums")):
        home = (default_site / prefix / "index.html").read_text(encoding="utf-8")
        assert re.search(r"<title>([^<]*)</title>", home)[1] == name  # type: ignore[index]
        forum = (default_site / prefix / "forums/nordland/index.html").read_text(
            encoding="utf-8")
        title = re.search(r"<title>([^<]*)</title>", forum)[1]  # type: ignore[index]
        assert title.endswith(f" - {name}") and title.count(name) == 1, title


# --- the same data, the same bytes ----------------------------------------------------------


@pytest.mark.slow
def test_two_builds_of_the_same_data_are_byte_identical(default_site: Path,
                                                        tmp_path: Path) -> None:
    """A second build, in another process and other folders, gives the same files."""
    cli_build(DATA, tmp_path / "site", tmp_path / "work", AS_OF)
    first, second = tree_bytes(default_site), tree_bytes(tmp_path / "site")
    assert sorted(first) == sorted(second)
    differing = [path for path in first if first[path] != second[path]]
    assert differing == []
    generated = [{path: content for path, content in tree_bytes(work).items()
                  if path not in (".lock", ".stamp", ".mkdocs/record.json")}  # bookkeeping
                 for work in (default_site.parent / "work", tmp_path / "work")]
    assert generated[0] == generated[1]


def test_the_build_is_dated_by_as_of_not_by_the_clock(tmp_path: Path) -> None:
    """MkDocs dates what it writes (sitemap lastmod, the gzip header of sitemap.xml.gz) by
    the as-of date, so a build made on another day gives the same bytes."""
    import gzip

    as_of = AS_OF.replace(year=AS_OF.year - 3, month=6, day=30)
    build(SMALL, tmp_path / "site", tmp_path / "work", as_of=as_of)
    for sitemap in ("sitemap.xml", "en/sitemap.xml"):
        text = (tmp_path / "site" / sitemap).read_text(encoding="utf-8")
        assert set(re.findall(r"<lastmod>([^<]*)</lastmod>", text)) == {as_of.isoformat()}
        packed = (tmp_path / "site" / (sitemap + ".gz")).read_bytes()
        assert gzip.decompress(packed).decode("utf-8") == text
        stamp = int.from_bytes(packed[4:8], "little")  # the gzip header's MTIME
        assert dt.datetime.fromtimestamp(stamp, dt.UTC).date() == as_of


# --- a failed build changes nothing ----------------------------------------------------------


@dataclass
class Previous:
    """A good build and everything it left, to compare with after a failed one."""

    data: Path
    site: Path
    work: Path
    site_files: dict[str, bytes]
    work_files: dict[str, bytes]
    neighbours: list[str]

    def options(self, **changes: Any) -> generator.publish.pipeline.BuildOptions:
        """The options of the next build into the same folders."""
        return generator.publish.pipeline.BuildOptions(
            data_dir=self.data, site_dir=self.site, work_dir=self.work, as_of=AS_OF,
            **changes)

    def assert_untouched(self) -> None:
        """site/ and the generated pages are exactly as the good build left them, and
        nothing was left beside them (no half-built or old site, no temporary file)."""
        assert tree_bytes(self.site) == self.site_files
        assert tree_bytes(self.work) == self.work_files
        assert sorted(os.listdir(self.site.parent)) == self.neighbours
        assert not [p for p in self.work.rglob(".tmp-*")]


@pytest.fixture
def previous(tree: Path, tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
             ) -> Previous:
    """The small tree built into tmp_path/out/site (a copy of the session's build of a
    copy of it, tests/sites), then changed (a forum renamed) so that a next build would
    rewrite pages: a failure must leave the old ones."""
    copied = copy_of(built(tmp_path_factory, SMALL, AS_OF, copy=True), tmp_path / "out")
    shutil.rmtree(copied.data)  # the test's own copy of the tree is ``tree``
    site, work = copied.site, copied.work
    before = Previous(tree, site, work, tree_bytes(site), tree_bytes(work),
                      sorted(os.listdir(site.parent)))
    forum = tree / "forums" / "polar.yaml"
    forum.write_text(forum.read_text(encoding="utf-8").replace(
        "Klyngeforum Polar", "Klyngeforum Polar Nord"), encoding="utf-8")
    return before


def load(data: Path) -> Any:
    """The dataset of a valid tree."""
    from generator.data.load import load_tree

    result = load_tree(data)
    assert result.dataset is not None, result.errors
    return result.dataset


def test_bad_data_leaves_the_previous_site(previous: Previous, capsys: Any) -> None:
    """Data that does not validate: the command fails and writes nothing."""
    cluster = previous.data / "clusters" / "kyst-energi" / "cluster.yaml"
    cluster.write_text(cluster.read_text(encoding="utf-8") + "founded: 2017-02-30\n",
                       encoding="utf-8")
    code = cli(["build", "--data", str(previous.data), "--site", str(previous.site),
                "--work", str(previous.work), "--as-of", AS_OF.isoformat()])
    assert code == 1
    assert "kyst-energi/cluster.yaml" in capsys.readouterr().err
    previous.assert_untouched()


def test_a_renderer_that_raises_leaves_the_previous_site(previous: Previous,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """A page that cannot be rendered stops the build before anything is written."""
    def broken(self: SiteRenderer, *args: Any) -> str:
        raise RuntimeError("renderer broke")

    monkeypatch.setattr(SiteRenderer, "cluster", broken)
    with pytest.raises(RuntimeError, match="renderer broke"):
        generator.publish.pipeline.build_site(load(previous.data), previous.options())
    previous.assert_untouched()


def test_a_template_error_leaves_the_previous_site(previous: Previous, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """A template with a syntax error stops the build before anything is written."""
    import jinja2

    templates = tmp_path / "templates"
    shutil.copytree(generator.render.pages.jinja.TEMPLATES, templates)
    broken = templates / "cluster.md.j2"
    broken.write_text(broken.read_text(encoding="utf-8") + "\n{% if %}\n", encoding="utf-8")
    monkeypatch.setattr(generator.render.pages.jinja, "TEMPLATES", templates)
    with pytest.raises(jinja2.TemplateSyntaxError):
        generator.publish.pipeline.build_site(load(previous.data), previous.options())
    previous.assert_untouched()


def test_a_failing_mkdocs_build_leaves_the_previous_site(previous: Previous,
                                                         tmp_path: Path) -> None:
    """MkDocs refusing a page (a broken link in strict mode) after the generated pages
    were written: they are put back as they were."""
    project = tmp_path / "project"
    project.mkdir()
    for name in ("mkdocs.yml", "docs", "overrides"):
        source = REPO / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, project / name)
    about = project / "docs" / "nb" / "about.md"
    about.write_text(about.read_text(encoding="utf-8") + "\n[x](no-such-page.md)\n",
                     encoding="utf-8")
    with pytest.raises(generator.publish.pipeline.BuildError, match="MkDocs failed"):
        generator.publish.pipeline.build_site(load(previous.data),
                                              previous.options(project=project))
    previous.assert_untouched()


def interrupt(when: str) -> Callable[..., Any]:
    """A run_mkdocs that is interrupted (Ctrl-C) before or after building."""
    real = generator.publish.pipeline.run_mkdocs

    def run_mkdocs(*args: Any, **kwargs: Any) -> Any:
        if when == "after":
            real(*args, **kwargs)
        raise KeyboardInterrupt

    return run_mkdocs


@pytest.mark.parametrize("when", ["before", "after"])
def test_an_interrupted_build_leaves_the_previous_site(previous: Previous, when: str,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """Ctrl-C while MkDocs runs (or just after): the generated pages are put back and the
    half-built site is thrown away."""
    monkeypatch.setattr(generator.publish.pipeline, "run_mkdocs", interrupt(when))
    with pytest.raises(KeyboardInterrupt):
        generator.publish.pipeline.build_site(load(previous.data), previous.options())
    previous.assert_untouched()


def test_an_interrupted_swap_leaves_the_previous_site(previous: Previous,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """Ctrl-C between the two renames of the fallback swap (where the system cannot
    exchange two folders atomically): the old site goes back in place."""
    monkeypatch.setattr(generator.publish.pipeline, "exchange", lambda first, second: False)
    real = os.replace
    site = previous.site.resolve()

    def replace(src: Any, dst: Any) -> None:
        if Path(dst).resolve() == site and ".new-" in str(src):
            raise KeyboardInterrupt
        real(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    with pytest.raises(KeyboardInterrupt):
        generator.publish.pipeline.build_site(load(previous.data), previous.options())
    monkeypatch.undo()
    previous.assert_untouched()


def test_a_build_after_a_failed_one_succeeds(previous: Previous,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """A failure leaves nothing in the way of the next build, which brings the change."""
    with monkeypatch.context() as patch:
        patch.setattr(generator.publish.pipeline, "run_mkdocs", interrupt("after"))
        with pytest.raises(KeyboardInterrupt):
            generator.publish.pipeline.build_site(load(previous.data), previous.options())
    generator.publish.pipeline.build_site(load(previous.data), previous.options())
    page = (previous.site / "forums" / "polar" / "index.html").read_text(encoding="utf-8")
    assert "Klyngeforum Polar Nord" in page


# --- text from the data is never executed -----------------------------------------------------

URL_ATTRIBUTES = ("href", "src", "srcset", "action", "formaction", "data", "poster",
                  "xlink:href", "background", "cite", "ping", "lowsrc", "dynsrc")
COUNTED_TAGS = ("script", "iframe", "object", "embed", "base", "form", "style", "link",
                "meta", "frame", "frameset", "applet", "template", "noscript")
"""Elements whose number on a page must not change whatever the data says."""
SCRIPT_SOURCE = re.compile(r"^(/([a-z]{2,3}/)?|(\.\./)*)assets/javascripts/[\w./-]+\.js$")
"""The theme's and the site's own scripts (a 404.html names them from its language's root,
``/`` or ``/en/``)."""


@dataclass
class Hostile:
    """The small tree with every regional-strategy file (tests/fixtures/strategy) with
    hostile text in every Text field, built; and the same tree without it, built the same
    way, to compare with."""

    site: Path
    plain: Path
    injection: Injection
    urls: set[str]
    """URL field kinds that got URL_PAYLOAD."""


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Hostile:
    root = tmp_path_factory.mktemp("hostile")
    for name in ("plain", "hostile"):
        local_copy(STRATEGY, root / name / "data")
    injection = inject(root / "hostile" / "data")
    urls = inject_urls(root / "hostile" / "data")
    for name in ("plain", "hostile"):
        build(root / name / "data", root / name / "site", root / name / "work")
    return Hostile(root / "hostile" / "site", root / "plain" / "site", injection, urls)


def test_every_text_field_kind_gets_hostile_text(hostile: Hostile) -> None:
    """The fixture tree has every Text field of the schema, so every one is attacked."""
    assert hostile.injection.covered == all_text_fields()
    assert len(hostile.injection.covered) >= 20


def language_of(rel: str) -> str:
    return "en" if rel.startswith("en/") else "nb"


def test_hostile_text_is_never_markup(hostile: Hostile) -> None:
    """No script but MkDocs' own bundle, no event handler, no javascript: or data: link,
    no image from another host, no new element of a dangerous kind, on any page."""
    problems: list[str] = []
    for path in html_files(hostile.site):
        rel = path.relative_to(hostile.site).as_posix()
        page = parse(path.read_text(encoding="utf-8"))
        plain_path = hostile.plain / rel
        assert plain_path.is_file(), f"{rel} exists only in the hostile build"
        plain = parse(plain_path.read_text(encoding="utf-8"))
        for tag in COUNTED_TAGS:
            if len(page.all(tag)) != len(plain.all(tag)):
                problems.append(f"{rel}: {len(page.all(tag))} <{tag}>, "
                                f"{len(plain.all(tag))} without hostile text")
        for element in page.elements:
            for name, value in element.attrs.items():
                if name.startswith("on"):
                    problems.append(f"{rel}: <{element.tag} {name}={value!r}>")
                scheme = re.sub(r"[\s\x00-\x20]", "", value).lower()
                if name in URL_ATTRIBUTES and (
                        scheme.startswith(("javascript:", "vbscript:", "data:"))
                        or "evil.example" in scheme or "alert(" in scheme):
                    problems.append(f"{rel}: <{element.tag} {name}={value!r}>")
            if element.tag == "script":
                source = element.attrs.get("src")
                if source is not None and not SCRIPT_SOURCE.match(source):
                    problems.append(f"{rel}: <script src={source!r}>")
                if "alert" in element.text or "kfx" in element.text:
                    problems.append(f"{rel}: <script> with data text: {element.text[:80]!r}")
            if element.tag == "img" and re.match(r"^\s*([a-z][a-z0-9+.-]*:|//)",
                                                 element.attrs.get("src", ""), re.I):
                problems.append(f"{rel}: <img src={element.attrs['src']!r}>")
            if element.tag in ("svg", "math") and element.attrs.get("onload"):
                problems.append(f"{rel}: <{element.tag} onload>")
    assert problems == []


def test_hostile_text_is_shown_as_text(hostile: Hostile) -> None:
    """Every field's text is on some page of each language, its HTML readable as written."""
    texts: dict[str, list[str]] = {"nb": [], "en": []}
    for path in html_files(hostile.site):
        rel = path.relative_to(hostile.site).as_posix()
        texts[language_of(rel)].append(parse(path.read_text(encoding="utf-8")).text)
    shown: dict[str, set[str]] = {"nb": set(), "en": set()}
    for marker, kind in hostile.injection.markers.items():
        languages = [marker[-2:]] if marker[-2:] in texts else list(texts)
        for code in languages:
            for text in texts[code]:
                start = text.find(expected_text(marker))
                if start >= 0 and all(part in text[start:] for part in SHOWN_AS_TEXT):
                    shown[code].add(kind)
                    break
    for code in texts:
        assert sorted(hostile.injection.covered - shown[code]) == [], (
            f"fields whose text is nowhere on the {code} pages as written")


def test_a_url_is_a_link_to_itself_and_nothing_more(hostile: Hostile) -> None:
    """A valid address full of what ends a Markdown link, an attribute or an attribute list
    early (quotes, brackets, braces, emphasis, an entity) is, wherever it is linked (the
    website, a source in the Sources section), a link whose target is that address and no
    other attribute, shown as written, on the page of every cluster in both languages; the
    open data carries it as written."""
    assert {"ClusterFile.website", "ClusterFile.labels[].source"} <= hostile.urls
    clusters = sorted(p.name for p in (hostile.site / "clusters").iterdir() if p.is_dir())
    assert len(clusters) >= 3
    for prefix in ("", "en/"):
        for cluster in clusters:
            page = parse((hostile.site / f"{prefix}clusters/{cluster}/index.html")
                         .read_text(encoding="utf-8"))
            links = [e for e in page.all("a") if "url.example" in e.attrs.get("href", "")]
            assert links, (prefix, cluster)  # the website, and a source of the page's
            for link in links:               # records in its Sources section
                assert set(link.attrs) == {"href"}, link.attrs
                assert unquote(link.attrs["href"]) == URL_PAYLOAD
            assert URL_PAYLOAD in page.text
    record = json.loads((hostile.site / "api/v1/clusters/nordlys-klynge.json")
                        .read_text(encoding="utf-8"))
    assert record["website"] == URL_PAYLOAD
    assert URL_PAYLOAD in json.dumps(record, ensure_ascii=False)


# --- hostile cluster names in the navigation --------------------------------------------------

NAV_ATTACK = ('!<svg onload="/*', '\ufffd*/alert(901)">')
"""Two names that are harmless alone: with more than NAV_GROUP_ABOVE clusters the
navigation names each run of clusters by its first and last name, and these two, first and
last of a run, make ``<svg onload="/* – �*/alert(901)">`` of its title."""
NAV_RUN_TAIL = 60
"""How many clusters are given the second name, so that it ends the first run."""


def _hostile_names() -> list[str]:
    """The navigation attack, every attack of the Text fields, and a few more as a name
    might be written."""
    first, tail = NAV_ATTACK
    return [first, *ATTACKS, "{: onclick=alert(1) }", "&lt;b&gt;", "Mat & Helse",
            *[tail] * NAV_RUN_TAIL]


def _name_clusters(data: Path, names: dict[str, str]) -> None:
    from bench.synth import q

    for cluster, name in names.items():
        path = data / "clusters" / cluster / "cluster.yaml"
        line = f"name: {q(name)}"
        text = path.read_text(encoding="utf-8")
        path.write_text(re.sub(r"(?m)^name: .*$", lambda _, line=line: line, text, count=1),
                        encoding="utf-8")


def one_language(data: Path) -> None:
    """Make a tree's site Norwegian only: every language is made by the same templates,
    so one shows what names do to the markup, at a little more than half the cost."""
    site = data / "site.yaml"
    text = site.read_text(encoding="utf-8")
    assert "languages: [nb, en]" in text
    site.write_text(text.replace("languages: [nb, en]", "languages: [nb]"), encoding="utf-8")


@dataclass
class NamedSites:
    """A synthetic tree of more clusters than the navigation lists one by one, built with
    hostile cluster names and with plain names in the same order (so both navigations
    group the same clusters the same way), in one language."""

    hostile: Path
    plain: Path


@pytest.fixture(scope="module")
def named_sites(tmp_path_factory: pytest.TempPathFactory) -> NamedSites:
    from bench.synth import write_tree
    from generator.publish.mkdocs_config import NAV_GROUP_ABOVE

    root = tmp_path_factory.mktemp("named")
    names = _hostile_names()
    assert len(names) > NAV_GROUP_ABOVE
    ids = [f"cluster-{i:04d}" for i in range(len(names))]
    hostile = dict(zip(ids, names, strict=True))
    in_order = sorted(ids, key=lambda c: (hostile[c].casefold(), c))
    plain = {cluster: f"Klynge {rank:03d}" for rank, cluster in enumerate(in_order)}
    for kind, chosen in (("hostile", hostile), ("plain", plain)):
        write_tree(root / kind / "data", clusters=len(names), forums=2, assessments=1)
        _name_clusters(root / kind / "data", chosen)
        one_language(root / kind / "data")
        build(root / kind / "data", root / kind / "site", root / kind / "work")
    return NamedSites(root / "hostile" / "site", root / "plain" / "site")


def _shape(markup: str) -> list[str]:
    """Every element of an HTML or XML text with the names of its attributes, sorted."""
    return sorted(" ".join([e.tag, *sorted(e.attrs)]) for e in parse(markup).elements)


def _documents(site: Path) -> dict[str, str]:
    """Every page, feed and sitemap of a built site, and each title and text of its search
    indexes (Material shows them as HTML), by where they are."""
    found = {p.relative_to(site).as_posix(): p.read_text(encoding="utf-8")
             for pattern in ("*.html", "feed.xml", "sitemap.xml")
             for p in sorted(site.rglob(pattern))}
    for index in sorted(site.rglob("search/search_index.json")):
        rel = index.relative_to(site).as_posix()
        for doc in json.loads(index.read_text(encoding="utf-8"))["docs"]:
            for key in ("title", "text"):
                found[f"{rel}: {doc['location']} {key}"] = doc[key]
    return found


@pytest.mark.slow
def test_hostile_cluster_names_add_no_element_or_attribute(named_sites: NamedSites) -> None:
    """Every page, feed, sitemap and search-index entry of the hostile build has exactly the
    elements and attributes of the plain one: no name, in a navigation title or anywhere
    else, becomes markup."""
    hostile, plain = _documents(named_sites.hostile), _documents(named_sites.plain)
    assert sorted(hostile) == sorted(plain)
    assert any(k.endswith("feed.xml") for k in hostile)
    assert any("search_index.json" in k for k in hostile)
    problems = []
    for where, text in hostile.items():
        shape, expected = _shape(text), _shape(plain[where])
        if shape != expected:
            extra = sorted(set(shape) - set(expected))
            problems.append(f"{where}: {extra[:3] or 'elements counted otherwise'}")
    assert problems == []


def test_hostile_cluster_names_are_shown_as_written(named_sites: NamedSites) -> None:
    """The navigation's run titles read as the names were written."""
    first, tail = NAV_ATTACK
    page = parse((named_sites.hostile / "clusters" / "index.html").read_text(encoding="utf-8"))
    assert f"{first} – {tail}" in page.text
    assert "<img src=x onerror=alert(1)>" in page.text
