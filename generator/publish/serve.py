"""Preview the site as it will be published: every language at its own path, rebuilt when
the data changes, with a banner on every page while the data has errors.

The preview is a real build (``build_site``) into a folder of its own, served over HTTP
on the local machine: the default language at ``/``, the others at ``/<code>/``, exactly
as published. A watcher rebuilds it when a data file changes. When the data has errors,
or the build fails, the last good build stays in place and every page is served with a
banner at its top listing the messages (file:line: ...), until the data is fixed. Each
page asks the server for the next build and is answered as soon as there is one (or a
new list of problems), then reloads; the watcher looks at the data four times a second.
"""

from __future__ import annotations

import html
import json
import socket
import threading
import time
from collections.abc import Callable
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from generator.base.progress import Silent
from generator.data.load import LoadResult, load_tree
from generator.data.valuecache import ValueCache
from generator.publish.pipeline import BuildError, BuildOptions, build_site
from generator.render.text.i18n import Language

STATE = "/__preview__/state"
"""What every preview page asks for: the build number and whether the data has errors.
With ``?seen=N`` the answer waits (up to ``WAIT`` seconds) until the build number is
not N, so a page learns of a new build the moment it is there."""

WAIT = 10.0


def snapshot(root: Path) -> tuple[tuple[str, int, int], ...]:
    found = []
    for path in root.rglob("*"):
        try:
            if path.is_file():
                stat = path.stat()
                found.append((str(path), stat.st_mtime_ns, stat.st_size))
        except OSError:  # removed while listed
            continue
    return tuple(sorted(found))


def watch_data(data_dir: Path, seen: tuple[tuple[str, int, int], ...],
               stop: threading.Event, rebuild: Callable[[], object],
               every: float = 0.25) -> None:
    """Call ``rebuild`` whenever the files under ``data_dir`` differ from the last look,
    the first look being ``seen`` (taken before the first build), until ``stop``. It
    looks every ``every`` seconds, or less often on a tree so large that one look takes
    longer than a tenth of that (it never takes more than a tenth of a core)."""
    last = seen
    pause = every
    while not stop.wait(pause):
        started = time.perf_counter()
        current = snapshot(data_dir)
        pause = max(every, 10 * (time.perf_counter() - started))
        if current != last:
            last = current
            rebuild()


class Preview:
    """The preview's state: where the built site is, its languages, the current problems.
    It prints nothing: ``report`` is given each load's problems (and says whether the
    tree may be built), ``say`` each line about a rebuild."""

    def __init__(self, options: BuildOptions, report: Callable[[LoadResult], bool],
                 say: Callable[[str], None]):
        self.options = options
        self.report = report
        self.say = say
        self.site = options.site_dir
        self.languages: tuple[str, ...] = ()
        self.problems: list[str] = []
        self.warnings: list[str] = []
        """The warnings of the data shown (a build with --strict refuses them)."""
        self.version = 0
        self.lock = threading.Condition()

    def rebuild(self) -> bool:
        """Validate and build; on problems keep the last good site and record them."""
        result = load_tree(self.options.data_dir, ValueCache.for_tree(self.options.data_dir))
        problems: list[str] = []
        warnings = [p.format() for p in result.warnings]
        if not self.report(result) or result.dataset is None:
            problems = [p.format() for p in result.errors]
            self.say("The preview keeps the last good pages, with the messages above on every "
                     "page, until the data is fixed.")
        else:
            try:
                # without site.yaml's address: the theme would fetch the public site's
                # sitemap for the language switcher, another host than the preview
                build_site(result.dataset.with_site_url(None), self.options,
                           progress=Silent())
            except BuildError as exc:
                problems = [f"build failed: {line}" for line in str(exc).splitlines()[:20]]
                self.say(f"build failed: {exc}")
            else:
                self.languages = result.dataset.languages
                self.say(f"preview rebuilt ({', '.join(self.languages)})")
        with self.lock:
            self.problems = problems
            self.warnings = [] if problems else warnings
            self.version += 1
            self.lock.notify_all()
        return not problems

    def state(self, seen: int | None = None, wait: float = WAIT) -> dict[str, Any]:
        """The build number and the number of problems; with ``seen``, once the build
        number is not ``seen`` (or after ``wait`` seconds)."""
        with self.lock:
            if seen is not None:
                self.lock.wait_for(lambda: self.version != seen, timeout=wait)
            return {"version": self.version, "problems": len(self.problems)}

    def language_of(self, path: str) -> Language:
        """The language of a page by its path (``/en/...`` is English)."""
        default = self.languages[0] if self.languages else "nb"
        first = path.lstrip("/").split("/", 1)[0]
        code = first if first in self.languages[1:] else default
        return Language(code, default)

    def banner(self, path: str) -> str:
        """The banner for a page: the errors (the pages are the last good ones), else the
        warnings (the pages show the data; publishing with --strict would refuse it);
        empty while the data is clean."""
        with self.lock:
            problems, warnings = list(self.problems), list(self.warnings)
        if not problems and not warnings:
            return ""
        _ = self.language_of(path).gettext
        if problems:
            return _banner("kf-preview-errors", "#b3261e", "#fff4e5", "#8c1d18",
                           _("The data has errors"),
                           _("This preview shows the last pages built without errors. Fix "
                             "the lines below; the preview rebuilds when you save."),
                           problems, _)
        return _banner("kf-preview-warnings", "#8a5a00", "#fffbe6", "#5c3d00",
                       _("The data has warnings"),
                       _("These pages show the data as it is, but a published build "
                         "refuses it until the lines below are fixed."), warnings, _)


def _banner(element_id: str, line: str, background: str, ink: str, title: str, explain: str,
            messages: list[str], _: Callable[[str], str]) -> str:
    items = "".join(f"<li><code>{html.escape(p)}</code></li>" for p in messages[:50])
    more = ""
    if len(messages) > 50:
        more = "<p>" + html.escape(_("… and %(n)s more: run validate to see them all.")
                                   % {"n": len(messages) - 50}) + "</p>"
    return (
        f'<div id="{element_id}" role="alert" style="margin:0;padding:1em 1.5em;'
        f'background:{background};color:#1a1a1a;border-bottom:4px solid {line};'
        'font:0.8rem/1.5 system-ui,sans-serif;overflow-wrap:anywhere">'
        f'<strong style="color:{ink}">{html.escape(title)}</strong> {html.escape(explain)}'
        f'<ul style="margin:0.5em 0 0;padding-left:1.2em">{items}</ul>{more}</div>'
    )


_RELOAD = (
    "<script>(function(){var seen=null;function ask(){fetch('" + STATE + "'+(seen===null?"
    "'':'?seen='+seen),{cache:'no-store'}).then(function(r){return r.json();})"
    ".then(function(s){if(seen!==null&&s.version!==seen){location.reload();return;}"
    "seen=s.version;ask();}).catch(function(){setTimeout(ask,1000);});}ask();})();"
    "</script>"
)
"""Asks for the next build (the answer waits for it) and reloads the page when it is
there; after a failed request (the preview stopped) it asks again a second later."""


class _Handler(SimpleHTTPRequestHandler):
    """Serves the preview folder; HTML pages get the banner and the reload script."""

    preview: Preview

    def __init__(self, *args: Any, preview: Preview, **kwargs: Any):
        self.preview = preview
        super().__init__(*args, directory=str(preview.site), **kwargs)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        pass  # the terminal shows the builds and the data's messages, not every request

    def do_GET(self) -> None:  # noqa: N802 - the standard library's name
        path = self.path.split("?", 1)[0].split("#", 1)[0]
        if path == STATE:
            seen = parse_qs(urlsplit(self.path).query).get("seen", [""])[0]
            state = self.preview.state(int(seen) if seen.isdigit() else None)
            self._send(json.dumps(state).encode(), "application/json")
            return
        file = Path(self.translate_path(path))
        if file.is_dir():
            if not path.endswith("/"):
                self.send_response(HTTPStatus.MOVED_PERMANENTLY)
                self.send_header("Location", path + "/")
                self.end_headers()
                return
            file = file / "index.html"
        if file.suffix == ".html" and file.is_file():
            self._page(file.read_text(encoding="utf-8"), path)
        elif not file.exists() and self.preview.state()["problems"]:
            self._page("<!doctype html><html><head><meta charset='utf-8'><title>Preview"
                       "</title></head><body></body></html>", path)
        else:
            super().do_GET()

    def _page(self, text: str, path: str) -> None:
        banner = self.preview.banner(path)
        if banner:
            at = text.find(">", text.find("<body")) + 1 if "<body" in text else 0
            text = text[:at] + banner + text[at:]
        at = text.rfind("</body>")
        text = (text[:at] + _RELOAD + text[at:]) if at >= 0 else text + _RELOAD
        self._send(text.encode("utf-8"), "text/html; charset=utf-8")

    def _send(self, body: bytes, kind: str) -> None:
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)


def preview_options(options: BuildOptions) -> BuildOptions:
    """The preview builds into a folder of its own in the work folder, never the site."""
    return BuildOptions(data_dir=options.data_dir, site_dir=options.work_dir / "_preview",
                        work_dir=options.work_dir, as_of=options.as_of,
                        project=options.project)


def server(host: str, port: int, preview: Preview) -> ThreadingHTTPServer:
    """The preview's HTTP server bound to ``host`` (a name, an IPv4 or an IPv6 address);
    OSError when it cannot be bound there."""
    return _server(host, port, partial(_Handler, preview=preview))


def run(server: ThreadingHTTPServer, preview: Preview,
        seen: tuple[tuple[str, int, int], ...]) -> None:
    """Serve until interrupted (Ctrl-C), rebuilding the preview whenever the data differs
    from ``seen`` (its files as they were before the first build)."""
    stop = threading.Event()

    def watch() -> None:
        watch_data(preview.options.data_dir, seen, stop, preview.rebuild)

    watcher = threading.Thread(target=watch, name="data-watcher", daemon=True)
    watcher.start()
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
        server.server_close()


def _server(host: str, port: int, handler: Any) -> ThreadingHTTPServer:
    """The HTTP server bound to ``host`` (a name, an IPv4 or an IPv6 address)."""
    family = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0][0]

    class Server(ThreadingHTTPServer):
        address_family = family

    return Server((host, port), handler)
