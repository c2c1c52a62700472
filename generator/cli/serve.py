"""``python -m generator serve``: the preview (``generator.publish.serve``) from the
command line, which says what it does and turns what goes wrong into exit codes."""

from __future__ import annotations

import argparse
import sys
from functools import partial

from generator.cli.report import report
from generator.publish.mkdocs_config import language_prefix
from generator.publish.options import BuildOptions
from generator.publish.serve import Preview, preview_options, run, server, snapshot


def _say(line: str) -> None:
    print(line, file=sys.stderr)


def serve(args: argparse.Namespace, options: BuildOptions) -> int:
    """Build the preview, serve every language, rebuild when the data changes."""
    host, port = args.addr  # checked by the command line: HOST:PORT
    preview = Preview(preview_options(options), partial(report, strict=False), _say)
    try:  # taken before the first build, so a port in use is said at once
        http = server(host, port, preview)
    except OSError as exc:
        _say(f"--addr {host}:{port}: cannot serve there ({exc.strerror or exc}): give "
             "another port, e.g. --addr 127.0.0.1:8001")
        return 2
    # What the first build reads: taken before it, so that a file saved while it runs (or
    # before the watcher's first look) is seen as a change, not taken as the start.
    seen = snapshot(options.data_dir)
    preview.rebuild()
    if preview.languages and args.lang and args.lang not in preview.languages:
        _say(f"--lang {args.lang}: the site's languages are {', '.join(preview.languages)}")
        return 2
    default = preview.languages[0] if preview.languages else ""
    for code in preview.languages or ("",):
        if not args.lang or code == args.lang:
            _say(f"serving {code or 'the preview'} at http://{host}:{port}/"
                 f"{language_prefix(code, default) if code else ''}")
    run(http, preview, seen)
    return 0
