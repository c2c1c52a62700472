"""The built site in a real browser: every page kind loads cleanly in both languages, the
language switcher and search work, charts and their tables show, nothing overflows a
phone screen, and axe-core finds no serious or critical accessibility problem.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from e2e.sitekit import LANGUAGES, PAGES, parse

PHONE = {"width": 360, "height": 740}
"""A small phone (CSS pixels), narrower than most."""
CASES = [(lang, kind) for lang in LANGUAGES for kind in PAGES]
IDS = [f"{lang}-{kind}" for lang, kind in CASES]


def url_of(base_url: str, lang: str, kind: str) -> str:
    """The address of one page kind in one language."""
    return base_url + LANGUAGES[lang] + PAGES[kind]


ALL_IMAGES = """async () => {
  const images = [...document.images];
  images.forEach(img => { img.loading = 'eager'; });
  await Promise.all(images.map(img => img.decode().catch(() => null)));
  return images.filter(img => !img.naturalWidth).map(img => img.src);
}"""
"""Loads every image at once (charts load lazily) and lists those that fail."""


@pytest.mark.parametrize(("lang", "kind"), CASES, ids=IDS)
def test_page_loads_cleanly(open_page: Any, base_url: str, screenshots: Path,
                            lang: str, kind: str) -> None:
    """Loads with its language set, a heading, every image, no console error and nothing
    from another host; a full-page screenshot is kept for people to look at."""
    page, watch = open_page(url_of(base_url, lang, kind))
    page.wait_for_load_state("networkidle")
    assert page.locator("html").get_attribute("lang") == lang
    assert page.locator("article h1").first.is_visible()
    broken = page.evaluate(ALL_IMAGES)
    assert broken == [], f"images that do not load: {broken}"
    page.screenshot(path=screenshots / f"{kind}-{lang}.png", full_page=True)
    watch.check()


@pytest.mark.parametrize("kind", ["home", "forum", "cluster", "indicator", "about"])
def test_language_switcher_stays_on_the_page(open_page: Any, base_url: str, kind: str) -> None:
    """From a page in nb, the switcher leads to the same page in en, and back."""
    page, watch = open_page(url_of(base_url, "nb", kind))
    for target in ("en", "nb"):
        page.locator(".md-header .md-select button").click()
        link = page.locator(f".md-select__list a[hreflang='{target}']")
        link.click()
        page.wait_for_load_state("load")
        assert page.url == url_of(base_url, target, kind)
        assert page.locator("html").get_attribute("lang") == target
    watch.check()


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_search_finds_a_cluster_in_its_own_language(open_page: Any, base_url: str,
                                                    lang: str) -> None:
    """Searching a cluster's name lists its page first, and only pages of this language."""
    page, watch = open_page(url_of(base_url, lang, "home"))
    search = page.locator("input.md-search__input")
    search.click()
    search.press_sequentially("Mineralklynge", delay=20)
    results = page.locator(".md-search-result__item > a.md-search-result__link")
    results.first.wait_for(state="visible", timeout=15_000)
    hrefs = [urlsplit(h).path for h in results.evaluate_all("as => as.map(a => a.href)")]
    assert hrefs, "no search results"
    assert hrefs[0] == "/" + LANGUAGES[lang] + PAGES["cluster"]
    for path in hrefs:
        assert path.startswith("/en/") == (lang == "en"), f"{path} is not a {lang} page"
    watch.check()


def pages_with_charts(site: Path) -> list[str]:
    """Site-relative paths of the built pages that have a chart figure."""
    return sorted(p.relative_to(site).as_posix().removesuffix("index.html")
                  for p in site.rglob("*.html")
                  if 'class="kf-chart' in p.read_text(encoding="utf-8"))


LOADED = """img => img.complete ? img.naturalWidth : new Promise(done => {
  img.addEventListener('load', () => done(img.naturalWidth));
  img.addEventListener('error', () => done(0));
})"""
"""The width of a chart's image once loaded (charts load lazily), 0 when it fails."""


def test_charts_and_their_tables_are_visible(built_site: Path, open_page: Any,
                                             base_url: str) -> None:
    """Every chart shows its image, loaded and described, and its data table opens."""
    paths = pages_with_charts(built_site)
    if not paths:
        pytest.skip("no built page has a chart (figure.kf-chart) yet")
    kinds: dict[str, str] = {}
    for path in paths:  # one page of each kind and language is enough
        kinds.setdefault(re.sub(r"[^/]+/$", "x/", path), path)
    for path in kinds.values():
        page, watch = open_page(base_url + path)
        figures = page.locator("figure.kf-chart")
        assert figures.count() > 0
        for i in range(figures.count()):
            figure = figures.nth(i)
            figure.scroll_into_view_if_needed()
            image = figure.locator("img").first
            assert image.is_visible(), f"{path}: chart {i} is not visible"
            assert image.evaluate(LOADED) > 0, f"{path}: chart {i} did not load"
            assert (image.get_attribute("alt") or "").strip(), f"{path}: chart {i} has no alt"
            table = figure.locator("xpath=following-sibling::details[1]")
            assert table.count() == 1, f"{path}: chart {i} has no data table after it"
            table.locator("summary").click()
            assert table.locator("table").first.is_visible(), (
                f"{path}: the data table of chart {i} does not open")
        watch.check()


OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  const clips = el => { for (let p = el.parentElement; p; p = p.parentElement) {
      const o = getComputedStyle(p).overflowX;
      if (o !== 'visible' && p !== document.body && p !== document.documentElement) return true;
    } return false; };
  const wide = [];
  for (const el of document.querySelectorAll('body *')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0 || getComputedStyle(el).visibility === 'hidden') continue;
    if (r.right > width + 1 && !clips(el))
      wide.push(el.tagName.toLowerCase() + ' ' + (el.getAttribute('class') || '')
        + ' right=' + Math.round(r.right));
  }
  return {scroll: document.documentElement.scrollWidth, width, wide: wide.slice(0, 10)};
}"""


@pytest.mark.parametrize(("lang", "kind"), CASES, ids=IDS)
def test_nothing_overflows_a_phone_screen(open_page: Any, base_url: str, screenshots: Path,
                                          lang: str, kind: str) -> None:
    """At a phone's width the page does not scroll sideways (wide tables scroll inside
    themselves)."""
    page, watch = open_page(url_of(base_url, lang, kind), viewport=PHONE,
                            is_mobile=True, has_touch=True)
    result = page.evaluate(OVERFLOW)
    page.screenshot(path=screenshots / f"{kind}-{lang}-phone.png", full_page=True)
    assert result["scroll"] <= result["width"], result
    assert result["wide"] == [], result
    watch.check()


SERIOUS = ("serious", "critical")
AXE_CASES = [(lang, kind, "light") for lang, kind in CASES] + [
    ("nb", kind, "dark") for kind in PAGES]
"""Every page kind in both languages; the dark palette once per kind (it does not depend
on the language)."""


@pytest.mark.parametrize(("lang", "kind", "scheme"), AXE_CASES,
                         ids=[f"{lang}-{kind}-{scheme}" for lang, kind, scheme in AXE_CASES])
def test_no_serious_accessibility_violation(open_page: Any, base_url: str, axe_reports: Path,
                                            lang: str, kind: str, scheme: str) -> None:
    """axe-core (all its rules, best practices included) finds nothing serious or critical,
    in the light and in the dark palette. Every violation found, of any impact, is
    written to tests/artifacts/axe/ for people to read."""
    from axe_playwright_python.sync_playwright import Axe

    page, watch = open_page(url_of(base_url, lang, kind), color_scheme=scheme)
    expected = "slate" if scheme == "dark" else "default"
    assert page.locator("body").get_attribute("data-md-color-scheme") == expected
    results = Axe().run(page)
    (axe_reports / f"{kind}-{lang}-{scheme}.json").write_text(json.dumps(
        results.response["violations"], indent=1, ensure_ascii=False), encoding="utf-8")
    serious = [
        {"id": v["id"], "impact": v["impact"], "help": v["help"],
         "nodes": [n["target"] for n in v["nodes"]][:5],
         "why": [n.get("failureSummary", "") for n in v["nodes"]][:2]}
        for v in results.response["violations"] if v["impact"] in SERIOUS
    ]
    assert serious == [], json.dumps(serious, indent=1, ensure_ascii=False)
    watch.check()


def test_every_page_kind_exists_in_both_languages(built_site: Path) -> None:
    """The page kinds tested here exist in both languages of the built site."""
    for lang in LANGUAGES:
        for kind in PAGES:
            page = built_site / (LANGUAGES[lang] + PAGES[kind]) / "index.html"
            assert page.is_file(), page
            assert parse(page.read_text(encoding="utf-8")).all("h1"), page


FOCUS_RING = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  let box = el, background = 'rgba(0, 0, 0, 0)';
  while (box && (background === 'rgba(0, 0, 0, 0)' || background === 'transparent')) {
    background = getComputedStyle(box).backgroundColor;
    box = box.parentElement;
  }
  return {outline: style.outlineColor, width: style.outlineWidth, style: style.outlineStyle,
          background: background, inHeader: !!el.closest('.md-header, .md-tabs'),
          what: el.tagName + '.' + el.className};
}"""
"""The focused element's outline and the first opaque background behind it."""


def _luminance(css: str) -> float:
    red, green, blue = (int(x) / 255 for x in re.findall(r"[\d.]+", css)[:3])

    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(red) + 0.7152 * channel(green) + 0.0722 * channel(blue)


def _contrast(one: str, other: str) -> float:
    high, low = sorted((_luminance(one), _luminance(other)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("lang", sorted(LANGUAGES))
def test_the_focus_ring_stands_out_in_the_header(open_page: Any, base_url: str,
                                                 lang: str) -> None:
    """WCAG 2.4.11/1.4.11: the keyboard focus ring on the header's and the tabs' links and
    buttons has at least 3:1 against the blue behind it (the page's own accent has 1.4:1)."""
    page, watch = open_page(url_of(base_url, lang, "home"),
                            viewport={"width": 1280, "height": 900})
    checked = 0
    for _ in range(12):
        page.keyboard.press("Tab")
        ring = page.evaluate(FOCUS_RING)
        if ring is None or not ring["inHeader"] or ring["style"] == "none":
            continue
        assert _contrast(ring["outline"], ring["background"]) >= 3, ring
        checked += 1
    assert checked >= 3, "fewer than three header or tab stops took the focus"
    watch.check()


A4_CONTENT = {"width": 718, "height": 1047}
"""An A4 page less 1 cm margins (190 × 277 mm) in CSS pixels: the box print lays out in."""
PRINTED = """() => {
  const width = document.documentElement.clientWidth;
  const cut = [];
  for (const table of document.querySelectorAll('.md-content table')) {
    const box = table.getBoundingClientRect();
    let clip = table.parentElement, clipped = false;
    while (clip && clip !== document.body) {
      const style = getComputedStyle(clip);
      if (style.overflowX !== 'visible' && clip.scrollWidth > clip.clientWidth + 1) clipped = true;
      clip = clip.parentElement;
    }
    if (box.right > width + 1 || box.left < -1 || clipped) {
      cut.push((table.querySelector('th') || table).textContent.trim().slice(0, 40)
               + ` (right ${Math.round(box.right)} of ${width}${clipped ? ', scrolled' : ''})`);
    }
  }
  const links = [...document.querySelectorAll('.md-content a[href^="http"]')];
  const shown = links.filter(a => getComputedStyle(a, '::after').content.includes('http'));
  return {cut, width, links: links.length, shown: shown.length,
          tables: document.querySelectorAll('.md-content table').length};
}"""
"""The tables of a printed page that reach outside the page box or are cut by a scrolling
box, and how many external links print their address."""
PRINT_PAGES = {**PAGES, "forum-arktis": "forums/arktis/"}


@pytest.mark.parametrize(("lang", "kind"),
                         [(lang, kind) for lang in LANGUAGES for kind in PRINT_PAGES],
                         ids=[f"{lang}-{kind}" for lang in LANGUAGES for kind in PRINT_PAGES])
def test_printed_pages_keep_every_table_whole(open_page: Any, base_url: str, lang: str,
                                              kind: str) -> None:
    """Printed on A4, every table of every page kind fits the page (it wraps; no column is
    lost to a scrolling box) and external links print their address."""
    page, watch = open_page(base_url + LANGUAGES[lang] + PRINT_PAGES[kind],
                            viewport=A4_CONTENT)
    page.emulate_media(media="print")
    result = page.evaluate(PRINTED)
    assert result["cut"] == [], result
    assert result["shown"] == result["links"], result
    watch.check()


@pytest.mark.parametrize(("lang", "kind"), [(lang, kind) for lang in LANGUAGES
                                             for kind in ("forum", "cluster", "home")],
                         ids=[f"{lang}-{kind}" for lang in LANGUAGES
                              for kind in ("forum", "cluster", "home")])
def test_forum_and_cluster_pages_have_a_print_button(open_page: Any, base_url: str,
                                                     lang: str, kind: str) -> None:
    """The handouts (forum and cluster pages) have a Print button in the page's language
    that opens the print dialog and is not printed itself; other pages have none."""
    page, watch = open_page(url_of(base_url, lang, kind))
    button = page.locator("button.kf-print")
    if kind == "home":
        assert button.count() == 0
        return
    assert button.is_visible()
    assert button.inner_text().strip() == {"nb": "Skriv ut", "en": "Print"}[lang]
    page.evaluate("() => { window.__printed = 0; window.print = () => { window.__printed++; }; }")
    button.click()
    assert page.evaluate("() => window.__printed") == 1
    page.emulate_media(media="print")
    assert not button.is_visible()
    watch.check()
    without_scripts, _ = open_page(url_of(base_url, lang, kind), java_script_enabled=False)
    assert without_scripts.locator("button.kf-print").count() == 1
    assert not without_scripts.locator("button.kf-print").is_visible()


WIDE_TABLE = ("[...document.querySelectorAll('.md-content table')]"
              ".find(t => t.scrollWidth > t.clientWidth + 20)")
"""The first table wider than its box (Material makes a table its own scrolling box)."""
EDGES = f"""() => {{
  const wide = {WIDE_TABLE};
  if (!wide) return null;
  wide.scrollIntoView();
  wide.scrollLeft = 0;
  const box = wide.getBoundingClientRect();
  const height = Math.min(box.height, window.innerHeight - Math.max(box.top, 0));
  return {{x: box.left, y: Math.max(box.top, 0), width: box.width, height: height}};
}}"""
"""The box of that table, scrolled to its start and into view."""
LIGHTNESS = """async url => {
  const image = new Image();
  image.src = url;
  await image.decode();
  const canvas = document.createElement('canvas');
  canvas.width = image.width;
  canvas.height = image.height;
  const drawing = canvas.getContext('2d');
  drawing.drawImage(image, 0, 0);
  const pixels = drawing.getImageData(0, 0, canvas.width, canvas.height).data;
  let sum = 0;
  for (let i = 0; i < pixels.length; i += 4) sum += pixels[i] + pixels[i + 1] + pixels[i + 2];
  return sum / (pixels.length / 4 * 3);
}"""
"""The mean of every colour channel of every pixel of an image (0 to 255), decoded and
read by the browser itself."""


def test_a_table_wider_than_a_phone_shows_a_hint_at_the_hidden_side(
        open_page: Any, base_url: str) -> None:
    """On a phone, a table with columns out of view has a shadow at the edge where they
    are: at its start the right edge is darker than the left, scrolled to its end the
    left is darker than the right. The cells are hidden for the comparison, so only the
    table's own background is seen."""
    import base64

    page, watch = open_page(url_of(base_url, "en", "labels"), viewport=PHONE,
                            is_mobile=True, has_touch=True)
    box = page.evaluate(EDGES)
    assert box is not None, "no table on the labels page is wider than a phone"
    page.add_style_tag(content=".md-content table * { visibility: hidden; }")

    def edges() -> tuple[float, float]:
        shots = [page.screenshot(clip={"x": x, "y": box["y"] + 4, "width": 8,
                                       "height": box["height"] - 8})
                 for x in (box["x"] + 2, box["x"] + box["width"] - 10)]
        left, right = (page.evaluate(LIGHTNESS, "data:image/png;base64,"
                                     + base64.b64encode(shot).decode()) for shot in shots)
        return left, right

    left, right = edges()
    assert right < left - 3, f"no shadow at the right edge, where columns hide: {left=} {right=}"
    page.evaluate(f"() => {{ const wide = {WIDE_TABLE}; wide.scrollLeft = wide.scrollWidth; }}")
    left, right = edges()
    assert left < right - 3, f"no shadow at the left edge once scrolled: {left=} {right=}"
    watch.check()


CHART_SIZES = """async () => {
  const images = [...document.querySelectorAll('figure.kf-chart img')];
  images.forEach(img => { img.loading = 'eager'; });
  await Promise.all(images.map(img => img.decode().catch(() => null)));
  return images.map(img => ({src: img.getAttribute('src'), shown: img.getBoundingClientRect().width,
    own: Number(img.getAttribute('width')), frame: img.parentElement.clientWidth,
    scrolls: img.parentElement.scrollWidth > img.parentElement.clientWidth,
    link: img.parentElement.getAttribute('href')}));
}"""
"""Each chart's width on the screen, its own width, and whether its box scrolls."""


@pytest.mark.parametrize("kind", ["forum", "cluster"])
def test_charts_keep_their_size_on_a_phone(open_page: Any, base_url: str, kind: str) -> None:
    """On a phone every chart is drawn at its own size, so its labels keep theirs, and a
    chart wider than the screen scrolls in its box; each is a link to the chart alone."""
    page, watch = open_page(url_of(base_url, "en", kind), viewport=PHONE,
                            is_mobile=True, has_touch=True)
    charts = page.evaluate(CHART_SIZES)
    assert charts, "no chart on the page"
    for chart in charts:
        assert chart["shown"] >= chart["own"] - 1, chart
        assert chart["scrolls"] == (chart["own"] > chart["frame"] + 1), chart
        assert chart["link"] == chart["src"], chart
    assert any(chart["scrolls"] for chart in charts), charts
    watch.check()
