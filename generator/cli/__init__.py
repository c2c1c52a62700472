"""The command line: ``python -m generator validate|schema|build|serve|new``.

The library raises typed exceptions and returns problems as values; only this module
turns them into output and exit codes (0 ok, 1 data problems, 2 usage errors).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from generator.base.dates import today
from generator.base.files import os_error_message
from generator.base.progress import Progress
from generator.base.text import Text
from generator.cli.report import report
from generator.data.load import LoadResult, load_tree
from generator.data.schema import URL
from generator.data.valuecache import ValueCache
from generator.publish import stamp
from generator.publish.folders import UnsafeFolder, check_folder, check_folders
from generator.publish.lock import BuildLocked, build_lock, remove_leftovers
from generator.publish.options import BuildOptions
from generator.publish.write import UnsafePath

EXIT_OK, EXIT_DATA, EXIT_USAGE = 0, 1, 2


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; return the process exit code."""
    parser = _parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        return int(args.run(args))
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # the output was cut short on purpose (| head): no traceback
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m generator",
        description="Check the data tree and build the bilingual cluster forum site.",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    validate = commands.add_parser(
        "validate", help="check every data file and print every problem",
        description="Check the whole data tree against the data format (the Data format "
        "page, data-format/ on the site). Prints one "
        "problem per line on stderr as PATH:LINE: key.path: message. Exit 0 when the "
        "tree is valid, 1 when it is not, 2 for usage errors.")
    _data_options(validate)
    validate.add_argument("--format", choices=("text", "github"), default="text",
                          help="github: print GitHub Actions annotations as well")
    validate.set_defaults(run=_validate)

    schema = commands.add_parser(
        "schema", help="write the JSON Schema of every data file kind",
        description="Write one JSON Schema per data file kind, generated from the models.")
    schema.add_argument("--out", type=Path, default=Path("schemas"),
                        help="folder to write into (default: schemas)")
    schema.add_argument("--check", action="store_true",
                        help="do not write; exit 1 if the files in --out are out of date")
    schema.set_defaults(run=_schema)

    build = commands.add_parser(
        "build", help="validate, generate the pages and build the site with MkDocs",
        description="Validate the data, write the generated pages of every language into "
        "--work (only files whose content changed) and build every language with "
        "'mkdocs build --strict' into --site. A failed build leaves --site and the "
        "generated pages as they were.")
    _data_options(build)
    _site_options(build)
    build.add_argument("--timings", type=Path, default=None, metavar="FILE",
                       help="write the figures of every stage (seconds, files, charts) as JSON")
    build.set_defaults(run=_build)

    serve = commands.add_parser(
        "serve", help="preview the site in every language; rebuilds when the data changes",
        description="Build the site into a preview folder and serve it as it will be "
        "published: the default language at /, the others at /<code>/. When a file in "
        "--data changes, the site is built again and the browser reloads. While the data "
        "has errors, every page shows them in a banner above the last good pages.")
    _data_options(serve)
    _site_options(serve)
    serve.add_argument("--lang", help="the language whose address is printed (every language "
                       "is served)")
    serve.add_argument("--addr", type=_address, default="127.0.0.1:8000", metavar="HOST:PORT",
                       help="address to serve on (default: 127.0.0.1:8000)")
    serve.set_defaults(run=_serve)

    from generator.cli.new import add_new_command

    add_new_command(commands)  # python -m generator new forum|cluster|assessment|event|action|label

    diff = commands.add_parser(
        "diff", help="print, in words, what a change to the data does on the site",
        description="Compare the data at a git revision (or in a folder) with the data now, "
        "and print a Markdown summary of what changes on the site: per forum and cluster, "
        "new, changed and removed benchmarkings (for clusters that publish their results, "
        "with the light changes; for the others only date and kind), labels and their "
        "status, members who joined or left, events and plan actions. Exit 0 when both "
        "trees are valid, 1 when one is not, 2 for usage errors.")
    diff.add_argument("--base", required=True, metavar="REV_OR_DIR",
                      help="a git revision (main, HEAD~1, a commit id) or a data folder")
    diff.add_argument("--data", type=Path, default=Path("data"), metavar="DIR",
                      help="the data tree now (default: data)")
    diff.add_argument("--as-of", type=_as_of, default=None, metavar="YYYY-MM-DD",
                      help="the day the site is built for (default: today)")
    diff.set_defaults(run=_diff)

    listing = commands.add_parser(
        "list", help="print the ids and names of the clusters, forums or indicators",
        description="Print one line per cluster, forum or indicator: its id, a tab and its "
        "name in the site's first language, so that an id can be found without reading "
        "the data files. Exit 0, or 1 when the data has errors.")
    listing.add_argument("what", choices=("clusters", "forums", "indicators"),
                         help="what to list")
    listing.add_argument("--data", type=Path, default=Path("data"), metavar="DIR",
                         help="the data tree (default: data)")
    listing.set_defaults(run=_list)

    sheet = commands.add_parser(
        "lights-sheet", help="write the spreadsheet template for a benchmarking's lights",
        description="Write an .xlsx spreadsheet with every indicator of the catalogue (its "
        "area and names in every site language) and a light column with a drop-down list. "
        "Fill it in and pass it to 'new assessment --lights FILE'. Never replaces a file.")
    sheet.add_argument("--out", type=Path, required=True, metavar="FILE.xlsx",
                       help="the spreadsheet to write")
    sheet.add_argument("--data", type=Path, default=Path("data"), metavar="DIR",
                       help="the data tree (default: data)")
    sheet.set_defaults(run=_lights_sheet)
    return parser


def _site_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--site", type=Path, default=Path("site"), metavar="DIR",
                        help="where the built site goes (default: site)")
    parser.add_argument("--work", type=Path, default=Path("build"), metavar="DIR",
                        help="where the generated pages go (default: build; git-ignored)")
    parser.add_argument("--site-url", type=_site_url, default=None, metavar="URL",
                        help="the address the site is published at (overrides site_url in "
                        "site.yaml; the deploy workflow passes the GitHub Pages address)")
    parser.add_argument("--as-of", type=_as_of, default=None, metavar="YYYY-MM-DD",
                        help="the day label status is computed for (default: today); fix it "
                        "to make builds reproducible")


def _site_url(text: str) -> str:
    if not URL.fullmatch(text):
        raise argparse.ArgumentTypeError(f"'{text}' is not a web address: write https://...")
    return text if text.endswith("/") else text + "/"


def _address(text: str) -> tuple[str, int]:
    """HOST:PORT (``[::1]:8000`` for an IPv6 address) with a host this machine can bind
    to by name or number and a port from 1 to 65535."""
    import socket

    host, colon, port = text.rpartition(":")
    if host.startswith("[") and host.endswith("]"):
        host = host[1:-1]
    if not colon or not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise argparse.ArgumentTypeError(f"'{text}' is not HOST:PORT with a port from 1 to "
                                         "65535: write e.g. 127.0.0.1:8000")
    try:
        socket.getaddrinfo(host, int(port), type=socket.SOCK_STREAM)
    except (OSError, UnicodeError):
        raise argparse.ArgumentTypeError(f"'{text}': there is no host '{host}' on this "
                                         "machine: write e.g. 127.0.0.1:8000") from None
    return host, int(port)


def _as_of(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date: write YYYY-MM-DD") from None


def _data_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data", type=Path, default=Path("data"), metavar="DIR",
                        help="the data tree (default: data)")
    parser.add_argument("--strict", action="store_true",
                        help="treat warnings (such as missing translations) as errors")
    parser.add_argument("--verbose", "-v", action="store_true",
                        help="also print notes, such as damaged cache entries that were "
                        "found and rebuilt")


def _load(args: argparse.Namespace) -> LoadResult:
    """Load the data tree through its parse cache (notes on the cache with --verbose)."""
    cache = ValueCache.for_tree(args.data)
    result = load_tree(args.data, cache)
    if getattr(args, "verbose", False) and cache.corrupt:
        print(f"note: {cache.corrupt} damaged entries of the parse cache were ignored; "
              "those files were read again", file=sys.stderr)
    return result


def _validate(args: argparse.Namespace) -> int:
    result = _load(args)
    ok = report(result, strict=args.strict, fmt=args.format, building=False)
    if ok:
        dataset = result.dataset
        assert dataset is not None
        print(f"{args.data}: valid ({len(dataset.forums)} forums, {len(dataset.clusters)} "
              f"clusters, {sum(len(c.assessments) for c in dataset.clusters.values())} "
              f"assessments, {len(result.warnings)} warning(s))", file=sys.stderr)
    return EXIT_OK if ok else EXIT_DATA


def _schema(args: argparse.Namespace) -> int:
    from generator.data.jsonschema import sync_schemas

    stale = sync_schemas(args.out, write=not args.check)
    if args.check and stale:
        print("out of date (run: python -m generator schema): " + ", ".join(stale),
              file=sys.stderr)
        return EXIT_DATA
    return EXIT_OK


def _options(args: argparse.Namespace) -> BuildOptions:
    return BuildOptions(
        data_dir=args.data, site_dir=args.site, work_dir=args.work,
        as_of=args.as_of or today(),
    )


def _build(args: argparse.Namespace) -> int:
    total = time.perf_counter()
    options = _options(args)
    try:  # a build deletes only what it made: refused before anything is read or written
        check_folders(options.data_dir, options.site_dir, options.work_dir, options.project)
    except (UnsafeFolder, OSError) as exc:
        print(f"build: {exc}; nothing was changed", file=sys.stderr)
        return EXIT_USAGE
    try:  # nothing to do is noticed before the pipeline is even imported
        inputs = stamp.inputs_digest(options.data_dir, options.project, {
            "as_of": options.as_of.isoformat(), "site_url": args.site_url,
            "strict": args.strict, "site": os.path.abspath(options.site_dir),
            "work": os.path.abspath(options.work_dir)})
        if stamp.up_to_date(options.site_dir, options.work_dir, inputs):  # build.stamp
            seconds = time.perf_counter() - total
            if args.timings is not None:
                args.timings.write_text(json.dumps({"skipped": True, "total_seconds": seconds},
                                                   indent=2, sort_keys=True) + "\n",
                                        encoding="utf-8")
            print(f"{args.site}/ is up to date: nothing changed since the last build "
                  f"(checked in {seconds:.1f} s)", file=sys.stderr)
            return EXIT_OK
    except OSError as exc:  # an unreadable data file: one line, no traceback
        print(f"build failed: {os_error_message(exc)}", file=sys.stderr)
        return EXIT_DATA
    from generator.publish.pipeline import BuildError, build_site  # Altair, pandas: only now

    progress = Progress()
    progress.begin("validate")
    result = _load(args)
    validate_seconds = progress.end(f"{len(result.problems)} problem(s)")
    if not report(result, strict=args.strict):
        return EXIT_DATA
    assert result.dataset is not None
    try:
        with build_lock(options.work_dir, options.site_dir):
            remove_leftovers(options.site_dir, options.work_dir)
            built = build_site(result.dataset if args.site_url is None
                               else result.dataset.with_site_url(args.site_url), options,
                               progress=progress)
            if not result.problems:  # a build with warnings shows them again next time
                stamp.record(options.site_dir, options.work_dir, inputs)
    except BuildLocked as exc:  # nothing was touched: the other build goes on
        print(f"build failed: {exc}", file=sys.stderr)
        return EXIT_DATA
    except (BuildError, UnsafePath) as exc:
        print(f"build failed: {exc}", file=sys.stderr)
        print("The previous site and generated pages were left as they were.", file=sys.stderr)
        return EXIT_DATA
    except OSError as exc:  # read-only, full or forbidden folders: one line, no traceback
        print(f"build failed: {os_error_message(exc)}", file=sys.stderr)
        print("The previous site and generated pages were left as they were.", file=sys.stderr)
        return EXIT_DATA
    damaged = built.generate.charts.damaged
    if args.verbose and damaged:
        print(f"note: {damaged} damaged entries of the chart cache were removed and made "
              "again", file=sys.stderr)
    total_seconds = time.perf_counter() - total
    if args.timings is not None:
        figures = {**built.timings(), "validate_seconds": validate_seconds,
                   "total_seconds": total_seconds}
        args.timings.write_text(json.dumps(figures, indent=2, sort_keys=True) + "\n",
                                encoding="utf-8")
    print(f"built {args.site}/ ({', '.join(result.dataset.languages)}) as of "
          f"{options.as_of.isoformat()} in {total_seconds:.1f} s", file=sys.stderr)
    return EXIT_OK


def _diff(args: argparse.Namespace) -> int:
    from generator.data.git import RevisionError, data_at_revision
    from generator.results.diff import summary_markdown, warnings_brought
    from generator.results.view import published_view

    head = load_tree(args.data)
    if head.dataset is None:
        report(head, strict=False)
        return EXIT_DATA
    as_of = args.as_of or today()
    with tempfile.TemporaryDirectory(prefix="kf-diff-") as tmp:
        base_dir = Path(args.base)
        if not base_dir.is_dir():
            try:
                base_dir = data_at_revision(args.base, args.data, Path(tmp))
            except RevisionError as exc:
                print(f"diff: {exc}", file=sys.stderr)
                return EXIT_USAGE
        base = load_tree(base_dir)
        if base.dataset is None:
            print(f"diff: the data at {args.base} has errors, so it cannot be compared:",
                  file=sys.stderr)
            report(base, strict=False)
            return EXIT_DATA
        sys.stdout.write(summary_markdown(published_view(base.dataset, as_of),
                                          published_view(head.dataset, as_of), args.base))
        sys.stdout.write(warnings_brought(base, base_dir, head, args.data))
    return EXIT_OK


def _list(args: argparse.Namespace) -> int:
    result = load_tree(args.data, ValueCache.for_tree(args.data))
    if result.dataset is None:
        report(result, strict=False, building=False)
        return EXIT_DATA
    dataset = result.dataset
    language = dataset.languages[0]
    named: dict[str, list[tuple[str, Text]]] = {
        "clusters": [(c.id, c.name) for c in dataset.clusters.values()],
        "forums": [(f.id, f.name) for f in dataset.forums.values()],
        "indicators": [(i.id, i.name) for i in dataset.catalogue.indicators]}
    for record_id, name in named[args.what]:
        print(f"{record_id}\t{name.get(language, dataset.languages)}")
    return EXIT_OK


def _lights_sheet(args: argparse.Namespace) -> int:
    from generator.scaffold.lightsheet import write_lights_sheet

    if args.out.suffix.lower() != ".xlsx":
        print(f"lights-sheet: --out {args.out}: the template is an Excel workbook: give a "
              "file name ending in .xlsx", file=sys.stderr)
        return EXIT_USAGE
    if args.out.exists():
        print(f"lights-sheet: {args.out} already exists: give another name (this command "
              "never replaces a file)", file=sys.stderr)
        return EXIT_DATA
    result = load_tree(args.data, ValueCache.for_tree(args.data))
    if result.dataset is None:
        report(result, strict=False)
        return EXIT_DATA
    write_lights_sheet(args.out, result.dataset.catalogue, result.dataset.languages)
    print(args.out)
    print(f"next: fill in the light column, then run: python -m generator new assessment "
          f"--cluster ID --date YYYY-MM-DD --lights {args.out}", file=sys.stderr)
    return EXIT_OK


def _serve(args: argparse.Namespace) -> int:
    options = _options(args)
    try:  # the preview is built inside --work: the same folders as a build's are refused
        check_folder("--work", options.work_dir, options.data_dir, options.project)
    except (UnsafeFolder, OSError) as exc:
        print(f"serve: {exc}; nothing was changed", file=sys.stderr)
        return EXIT_USAGE
    from generator.cli.serve import serve

    return serve(args, options)
