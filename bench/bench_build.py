"""The scale benchmark: a synthetic tree of N clusters built cold, again with nothing
changed, after one changed benchmarking, after a renamed cluster, and previewed with
``serve``; beside them plain ``mkdocs build`` of the same generated pages, the floor.

    python bench/bench_build.py [--clusters 1300] [--forums 60] [--keep DIR] [--no-serve]

Writes a synthetic, valid tree with the regional strategy (bench/synth.py; not timed),
then runs ``python -m generator build`` in a fresh process each time:

- cold: empty caches, empty --work and --site;
- nothing changed: the same data again (the build stamp ends it before anything is read);
- one change: one light of one published benchmarking changed;
- renamed: one cluster's name changed (the navigation changes: MkDocs builds fully);
- clean: the changed data built again into an empty --work and --site (caches kept), and
  compared file by file with the site the incremental builds left: they must be equal;
- floor: ``mkdocs build --strict`` of each language's generated pages, both at once, as
  the build runs them, but plain MkDocs without the generator;

and ``python -m generator serve``: after its first build, the same kind of change, timed
until the preview serves the changed cluster page (an open page is told at that moment
and reloads). It prints each run's figures (validate, generate, charts rendered and their
CPU time, write, MkDocs per language, total), the peak memory of all the build's
processes together (resident set, sampled every 50 ms), the site's size and its largest
cluster page, and the machine's load before and after, compares each with its target and
writes everything to bench/results/build.json with the machine it ran on.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bench.faults import descendants  # noqa: E402
from bench.synth import write_tree  # noqa: E402

RESULTS = REPO / "bench" / "results"
AS_OF = "2026-11-23"
TARGETS = {
    "cold_total_s": 60.0,
    "cold_over_floor": 1.5,
    "noop_total_s": 1.5,
    "change_total_s": 10.0,
    "serve_change_s": 3.0,
    "chart_cpu_median_ms": 10.0,
    "peak_memory_mb": 1000.0,
    "site_mb": 300.0,
    "cluster_page_kb": 50.0,
    "differing_files": 0,
}
"""Scale III: each figure at 1,300 clusters in 60 forums on 2 cores (``cold_over_floor``:
the cold build over plain MkDocs of the same pages; ``differing_files``: the site after
the incremental builds against a clean build of the same data)."""


def _env(cache: Path) -> dict[str, str]:
    return {**os.environ, "KF_CHART_CACHE": str(cache), "KF_DATA_CACHE": str(cache / "data"),
            "NO_MKDOCS_2_WARNING": "1"}


def _rss_mb(pids: set[int]) -> float:
    total = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/status", encoding="ascii", errors="replace") as handle:
                for line in handle:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
                        break
        except OSError:
            continue
    return total / 1024


def _tree_of(root: int) -> set[int]:
    """``root`` and every process below it."""
    return {root} | descendants(root)


class PeakMemory:
    """The largest sum of the resident memory of a process and all below it, sampled."""

    def __init__(self, pid: int):
        self.pid = pid
        self.peak_mb = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.wait(0.05):
            self.peak_mb = max(self.peak_mb, _rss_mb(_tree_of(self.pid)))

    def stop(self) -> float:
        self._stop.set()
        self._thread.join()
        return self.peak_mb


def _build(data: Path, work: Path, site: Path, cache: Path, timings: Path) -> dict[str, Any]:
    timings.unlink(missing_ok=True)
    start = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "generator", "build", "--data", str(data), "--work", str(work),
         "--site", str(site), "--as-of", AS_OF, "--timings", str(timings)],
        cwd=REPO, env=_env(cache))
    memory = PeakMemory(process.pid)
    if process.wait():
        raise SystemExit(f"build failed with exit code {process.returncode}")
    peak = memory.stop()
    figures = json.loads(timings.read_text(encoding="utf-8"))
    figures["wall_seconds"] = time.perf_counter() - start
    figures["peak_memory_mb"] = peak
    figures["written_count"] = sum(len(v) for v in figures.pop("written_files", {}).values())
    return figures


def _first_publishing(data: Path) -> Path:
    """The folder of the first cluster that publishes its results and was benchmarked (a
    non-publishing cluster's lights change nothing public)."""
    return next(p.parent for p in sorted((data / "clusters").glob("*/cluster.yaml"))
                if "publish_indicators: true" in p.read_text(encoding="utf-8")
                and any((p.parent / "assessments").glob("*.yaml")))


def _change_one_light(data: Path) -> Path:
    """Change one light of the latest benchmarking of ``_first_publishing``; its folder."""
    publishing = _first_publishing(data)
    assessment = sorted((publishing / "assessments").glob("*.yaml"))[-1]
    text = assessment.read_text(encoding="utf-8")
    light = re.search(r'^(\s+"[^"]+": )(green|yellow|red)', text, re.MULTILINE)
    assert light is not None
    other = {"green": "red", "yellow": "green", "red": "yellow"}[light.group(2)]
    assessment.write_text(text[:light.start(2)] + other + text[light.end(2):], encoding="utf-8")
    return publishing


def _rename_one_cluster(data: Path) -> Path:
    """Give the first cluster that is not ``_first_publishing`` another name; its file."""
    publishing = _first_publishing(data)
    cluster = next(p for p in sorted((data / "clusters").glob("*/cluster.yaml"))
                   if p.parent != publishing)
    text = cluster.read_text(encoding="utf-8")
    renamed = re.sub(r"(?m)^name: .*$", 'name: "Omdøpt klynge"', text, count=1)
    assert renamed != text
    cluster.write_text(renamed, encoding="utf-8")
    return cluster


def _plain_mkdocs(work: Path, out: Path) -> dict[str, Any]:
    """``mkdocs build --strict`` of every language's generated pages, all at once (as the
    build runs them): the wall time of the slowest and each language's."""
    languages = sorted(p.parent.name for p in work.glob("*/mkdocs.yml"))
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    start = time.perf_counter()
    processes = {code: subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-f",
         str(work / code / "mkdocs.yml"), "-d", str(out / code)], cwd=REPO, env=env)
        for code in languages}
    seconds: dict[str, float] = {}
    for code, process in processes.items():
        if process.wait():
            raise SystemExit(f"plain mkdocs build failed for {code}")
        seconds[code] = time.perf_counter() - start
    return {"wall_seconds": max(seconds.values()), "languages": seconds}


def _differing(one: Path, other: Path) -> list[str]:
    """The files (below both folders) whose bytes differ or that only one holds."""
    def files(root: Path) -> dict[str, Path]:
        return {p.relative_to(root).as_posix(): p for p in root.rglob("*") if p.is_file()}

    mine, theirs = files(one), files(other)
    return sorted(rel for rel in mine.keys() | theirs.keys()
                  if rel not in mine or rel not in theirs
                  or mine[rel].read_bytes() != theirs[rel].read_bytes())


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(url: str) -> bytes | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - local
            return bytes(response.read())
    except OSError:
        return None


def _serve_change(data: Path, work: Path, cache: Path, timeout: float = 900.0) -> float:
    """Seconds from changing one light until ``serve`` serves the changed cluster page."""
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "generator", "serve", "--data", str(data), "--work", str(work),
         "--site", str(work / "_unused"), "--as-of", AS_OF, "--addr", f"127.0.0.1:{port}"],
        cwd=REPO, env=_env(cache), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while _get(f"{base}/__preview__/state") is None:
            if process.poll() is not None or time.monotonic() > deadline:
                raise SystemExit("serve did not start")
            time.sleep(0.5)
        page = f"{base}/clusters/{_first_publishing(data).name}/"
        before = _get(page)
        _change_one_light(data)
        changed = time.perf_counter()
        assert before is not None
        while True:
            time.sleep(0.1)
            now = _get(page)
            if now is not None and now != before:
                return time.perf_counter() - changed
            if process.poll() is not None or time.monotonic() > deadline:
                raise SystemExit("serve did not show the change")
    finally:
        process.terminate()
        process.wait(timeout=60)


def _size(root: Path) -> int:
    return sum(p.stat().st_size for p in root.rglob("*") if p.is_file())


def _stage_line(name: str, f: dict[str, Any]) -> str:
    if f.get("skipped"):
        return (f"{name:>10}: wall {f['wall_seconds']:.1f} s, nothing to do "
                f"(checked in {f['total_seconds']:.2f} s)")
    charts = f.get("charts", {})
    mkdocs = ", ".join(f"{k} {v:.1f} s" for k, v in f.get("mkdocs_seconds", {}).items())
    rendered = charts.get("rendered", 0)
    return (f"{name:>10}: wall {f['wall_seconds']:.1f} s: validate "
            f"{f['validate_seconds']:.1f} + generate {f['generate_seconds']:.1f} "
            f"(charts {charts.get('total', 0)}, rendered {rendered}, median "
            f"{charts.get('cpu_median_ms') or 0:.1f} ms CPU/chart; pages reused "
            f"{f.get('pages_reused', 0)}) + write {f['write_seconds']:.1f} "
            f"({f['written_count']} files) + mkdocs "
            f"{'partial ' if f.get('mkdocs_partial') else ''}{f['mkdocs_total_seconds']:.1f} "
            f"({mkdocs}); "
            f"peak memory {f['peak_memory_mb']:.0f} MB")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clusters", type=int, default=1300)
    parser.add_argument("--forums", type=int, default=60)
    parser.add_argument("--keep", type=Path, default=None,
                        help="work in this folder and keep it (default: a temporary one)")
    parser.add_argument("--no-serve", action="store_true", help="leave out the preview run")
    parser.add_argument("--out", type=Path, default=RESULTS / "build.json")
    args = parser.parse_args(argv)

    load_before = os.getloadavg()
    root = args.keep or Path(tempfile.mkdtemp(prefix="bench-build-"))
    if args.keep and root.exists():
        shutil.rmtree(root)
    data, work, site, cache = root / "data", root / "build", root / "site", root / "cache"
    counts = write_tree(data, clusters=args.clusters, forums=args.forums)
    print(f"tree: {counts}", flush=True)
    runs: dict[str, dict[str, Any]] = {}
    runs["cold"] = _build(data, work, site, cache, root / "cold.json")
    print(_stage_line("cold", runs["cold"]), flush=True)
    runs["noop"] = _build(data, work, site, cache, root / "noop.json")
    print(_stage_line("no change", runs["noop"]), flush=True)
    floor = _plain_mkdocs(work, root / "plain")
    print(f"{'floor':>10}: plain mkdocs build of the same pages {floor['wall_seconds']:.1f} s "
          f"({', '.join(f'{k} {v:.1f} s' for k, v in floor['languages'].items())})",
          flush=True)
    _change_one_light(data)
    runs["one_change"] = _build(data, work, site, cache, root / "change.json")
    print(_stage_line("1 change", runs["one_change"]), flush=True)
    _rename_one_cluster(data)
    runs["renamed"] = _build(data, work, site, cache, root / "renamed.json")
    print(_stage_line("renamed", runs["renamed"]), flush=True)
    runs["clean"] = _build(data, root / "clean-work", root / "clean-site", cache,
                           root / "clean.json")
    print(_stage_line("clean", runs["clean"]), flush=True)
    differing = _differing(site, root / "clean-site")
    print(f"{'compared':>10}: {len(differing)} files differ between the incremental and "
          f"the clean site{': ' + ', '.join(differing[:5]) if differing else ''}", flush=True)
    serve_seconds = None
    if not args.no_serve:
        serve_seconds = _serve_change(data, root / "serve", cache)
        print(f"{'serve':>10}: one changed benchmarking shown after {serve_seconds:.1f} s",
              flush=True)

    cold = runs["cold"]
    cluster_pages = list(site.glob("clusters/*/index.html")) + list(
        site.glob("en/clusters/*/index.html"))
    largest = max(cluster_pages, key=lambda p: p.stat().st_size)
    sizes = sorted(p.stat().st_size for p in cluster_pages)
    summary = {
        "cold_total_s": cold["wall_seconds"],
        "floor_mkdocs_s": floor["wall_seconds"],
        "cold_over_floor": cold["wall_seconds"] / floor["wall_seconds"],
        "renamed_total_s": runs["renamed"]["wall_seconds"],
        "differing_files": len(differing),
        "noop_total_s": runs["noop"]["wall_seconds"],
        "change_total_s": runs["one_change"]["wall_seconds"],
        "serve_change_s": serve_seconds,
        "chart_cpu_median_ms": cold["charts"].get("cpu_median_ms"),
        "chart_cpu_mean_ms": (1000 * cold["charts"]["cpu_seconds"] / cold["charts"]["rendered"]
                              if cold["charts"]["rendered"] else None),
        "charts_cold": cold["charts"],
        "peak_memory_mb": max(r.get("peak_memory_mb", 0.0) for r in runs.values()),
        "site_mb": _size(site) / 1e6,
        "cluster_page_kb": largest.stat().st_size / 1000,
        "cluster_page_median_kb": statistics.median(sizes) / 1000,
        "largest_cluster_page": largest.relative_to(site).as_posix(),
        "validate_s": cold["validate_seconds"],  # nothing cached: every file parsed
        "change_generate_s": (runs["one_change"]["validate_seconds"]
                              + runs["one_change"]["generate_seconds"]
                              + runs["one_change"]["write_seconds"]),
        "change_written_files": runs["one_change"]["written_count"],
    }
    machine = {"cpus": os.cpu_count(), "python": platform.python_version(),
               "platform": platform.platform(), "processor": platform.processor() or None,
               "load_before": load_before, "load_after": os.getloadavg()}
    print(f"\nmachine: {machine['cpus']} CPUs, Python {machine['python']}, "
          f"{machine['platform']}; load (1, 5, 15 min) before "
          f"{', '.join(f'{x:.2f}' for x in load_before)}, after "
          f"{', '.join(f'{x:.2f}' for x in machine['load_after'])}")
    print(f"site {summary['site_mb']:.0f} MB; largest cluster page "
          f"{summary['cluster_page_kb']:.0f} KB ({summary['largest_cluster_page']}), median "
          f"{summary['cluster_page_median_kb']:.0f} KB")
    print("\ntargets (Scale III):")
    missed = 0
    for key, target in TARGETS.items():
        value = summary[key]
        ok = value is not None and value <= target
        missed += not ok
        shown = "n/a" if value is None else f"{value:.2f}"
        print(f"  {key:<20} {shown:>10}  target ≤ {target:g}  {'met' if ok else 'MISSED'}")
    print(f"  {'renamed_total_s':<20} {summary['renamed_total_s']:>10.2f}  (no target: "
          "byte-identical, in differing_files)")
    RESULTS.mkdir(parents=True, exist_ok=True)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({
        "when": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "machine": machine, "tree": counts, "runs": runs, "summary": summary,
        "targets": TARGETS,
    }, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    print(f"\nfigures written to {args.out}")
    if not args.keep:
        shutil.rmtree(root, ignore_errors=True)
    return 0 if not missed else 3


if __name__ == "__main__":
    sys.exit(main())
