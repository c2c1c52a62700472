"""The scale benchmark: a synthetic tree of N clusters built cold, warm and after one change.

    python bench/bench_build.py [--clusters 1300] [--forums 60] [--keep DIR]

Writes a synthetic, valid tree (bench/synth.py; not timed), then runs
``python -m generator build`` three times with --timings, each in a fresh process:

- cold: empty chart cache, empty --work and --site;
- warm: nothing changed;
- one change: one light of one assessment file changed;

and a plain ``mkdocs build`` of the same generated Markdown (every language at once, as
the build runs them) for the overhead ratio. It prints every stage's figures
(validate, charts, pages, write, MkDocs per language, total; charts rendered and CPU ms
per chart; files rewritten), peak memory of the largest process, the site's size and its
largest cluster page, and writes them to bench/results/build.json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bench.synth import write_tree  # noqa: E402

RESULTS = REPO / "bench" / "results"
AS_OF = "2026-11-23"
TARGETS = {
    "cold_total_s": 120.0,
    "chart_cpu_ms": 25.0,
    "warm_ratio": 1.3,
    "change_generate_s": 2.0,
    "validate_s": 5.0,
    "peak_memory_mb": 1536.0,
    "cluster_page_kb": 80.0,
}


def _build(data: Path, work: Path, site: Path, cache: Path, timings: Path) -> dict[str, Any]:
    env = {**os.environ, "KF_CHART_CACHE": str(cache), "KF_DATA_CACHE": str(cache / "data"),
           "NO_MKDOCS_2_WARNING": "1"}
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "generator", "build", "--data", str(data), "--work", str(work),
         "--site", str(site), "--as-of", AS_OF, "--timings", str(timings)],
        cwd=REPO, env=env, check=True)
    figures = json.loads(timings.read_text(encoding="utf-8"))
    figures["wall_seconds"] = time.perf_counter() - start
    figures["written_count"] = sum(len(v) for v in figures.pop("written_files").values())
    return figures


def _plain_mkdocs(work: Path, languages: list[str], out: Path) -> float:
    """``mkdocs build`` of every language's generated Markdown, all at once, as the
    build runs them: the same work on the same cores, without the generator."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    start = time.perf_counter()
    running = [subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "-q", "-f",
                                 str(work / code / "mkdocs.yml"), "-d", str(out / code)],
                                cwd=REPO, env=env, stdout=subprocess.DEVNULL,
                                stderr=subprocess.PIPE) for code in languages]
    for process in running:
        _, err = process.communicate()
        if process.returncode:
            raise SystemExit(f"plain mkdocs build failed:\n{err.decode(errors='replace')}")
    return time.perf_counter() - start


def _size(root: Path) -> int:
    return sum(p.stat().st_size for p in root.rglob("*") if p.is_file())


def _stage_line(name: str, f: dict[str, Any]) -> str:
    charts = f.get("charts", {})
    mkdocs = ", ".join(f"{k} {v:.1f} s" for k, v in f.get("mkdocs_seconds", {}).items())
    rendered = charts.get("rendered", 0)
    per_chart = (1000 * charts.get("cpu_seconds", 0.0) / rendered) if rendered else 0.0
    return (f"{name:>10}: total {f['total_seconds']:.1f} s = validate "
            f"{f['validate_seconds']:.1f} + generate {f['generate_seconds']:.1f} "
            f"(charts {charts.get('total', 0)}, rendered {rendered}, "
            f"{per_chart:.0f} ms CPU/chart; pages reused {f.get('pages_reused', 0)}) + write "
            f"{f['write_seconds']:.1f} ({f['written_count']} files) + mkdocs "
            f"{f['mkdocs_total_seconds']:.1f} ({mkdocs})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clusters", type=int, default=1300)
    parser.add_argument("--forums", type=int, default=60)
    parser.add_argument("--keep", type=Path, default=None,
                        help="work in this folder and keep it (default: a temporary one)")
    parser.add_argument("--out", type=Path, default=RESULTS / "build.json")
    args = parser.parse_args(argv)

    root = args.keep or Path(tempfile.mkdtemp(prefix="bench-build-"))
    if args.keep and root.exists():
        shutil.rmtree(root)
    data, work, site, cache = root / "data", root / "build", root / "site", root / "cache"
    counts = write_tree(data, clusters=args.clusters, forums=args.forums)
    print(f"tree: {counts}", flush=True)
    runs: dict[str, dict[str, Any]] = {}
    runs["cold"] = _build(data, work, site, cache, root / "cold.json")
    print(_stage_line("cold", runs["cold"]), flush=True)
    runs["warm"] = _build(data, work, site, cache, root / "warm.json")
    print(_stage_line("warm", runs["warm"]), flush=True)

    # the latest benchmarking of the first cluster that publishes its results: a change
    # that shows (a non-publishing cluster's lights change nothing public)
    publishing = next(p.parent for p in sorted((data / "clusters").glob("*/cluster.yaml"))
                      if "publish_indicators: true" in p.read_text(encoding="utf-8")
                      and any((p.parent / "assessments").glob("*.yaml")))
    assessment = sorted((publishing / "assessments").glob("*.yaml"))[-1]
    text = assessment.read_text(encoding="utf-8")
    light = re.search(r'^(\s+"[^"]+": )(green|yellow|red)', text, re.MULTILINE)
    assert light is not None
    other = {"green": "red", "yellow": "green", "red": "yellow"}[light.group(2)]
    assessment.write_text(text[:light.start(2)] + other + text[light.end(2):], encoding="utf-8")
    runs["one_change"] = _build(data, work, site, cache, root / "change.json")
    print(_stage_line("1 change", runs["one_change"]), flush=True)

    languages = sorted(p.name for p in work.iterdir() if (p / "mkdocs.yml").is_file())
    plain = _plain_mkdocs(work, languages, root / "plain")
    warm_total = runs["warm"]["total_seconds"]
    cold = runs["cold"]
    rendered = cold["charts"]["rendered"]
    cluster_pages = list(site.glob("clusters/*/index.html")) + list(
        site.glob("en/clusters/*/index.html"))
    largest = max(cluster_pages, key=lambda p: p.stat().st_size)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    change = runs["one_change"]
    summary = {
        "cold_total_s": cold["total_seconds"],
        "chart_cpu_ms": 1000 * cold["charts"]["cpu_seconds"] / rendered if rendered else None,
        "charts_cold": cold["charts"],
        "warm_total_s": warm_total,
        "plain_mkdocs_s": plain,
        "warm_ratio": warm_total / plain,
        # everything before MkDocs: validate, generate (charts included) and write
        "change_generate_s": (change["validate_seconds"] + change["generate_seconds"]
                              + change["write_seconds"]),
        "change_written_files": change["written_count"],
        "validate_s": cold["validate_seconds"],  # nothing cached: every file parsed
        "validate_cached_s": change["validate_seconds"],
        "peak_memory_mb": children.ru_maxrss / 1024,
        "site_mb": _size(site) / 1e6,
        "cluster_page_kb": largest.stat().st_size / 1000,
        "largest_cluster_page": largest.relative_to(site).as_posix(),
    }
    print(f"\nplain mkdocs build of the same Markdown ({', '.join(languages)}, at "
          f"once): {plain:.1f} s; warm build / plain = {summary['warm_ratio']:.2f}")
    print(f"peak memory (largest process): {summary['peak_memory_mb']:.0f} MB; site "
          f"{summary['site_mb']:.0f} MB; largest cluster page {summary['cluster_page_kb']:.0f} KB "
          f"({summary['largest_cluster_page']})")
    print("\ntargets:")
    missed = 0
    for key, target in TARGETS.items():
        value = summary[key]
        ok = value is not None and value <= target
        missed += not ok
        shown = "n/a" if value is None else f"{value:.2f}"
        print(f"  {key:<18} {shown:>10}  target ≤ {target:g}  {'met' if ok else 'MISSED'}")
    RESULTS.mkdir(parents=True, exist_ok=True)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({
        "when": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                    "platform": platform.platform()},
        "tree": counts, "runs": runs, "summary": summary, "targets": TARGETS,
    }, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    print(f"\nfigures written to {args.out}")
    if not args.keep:
        shutil.rmtree(root, ignore_errors=True)
    return 0 if not missed else 3


if __name__ == "__main__":
    sys.exit(main())
