"""Time rendering the charts of a data tree to SVG, cold (empty cache) and warm.

    python bench/bench_charts.py [--data data] [--as-of YYYY-MM-DD] [--executor KIND|all]
                                 [--min-parallel N]
    python bench/bench_charts.py --kinds [--data data] [--as-of YYYY-MM-DD] [--per-kind N]

The figures of every language are built first (timed apart: ``spec_seconds``), then
rendered as a build renders them, one batch per language: cold into an empty cache folder,
then warm from it. The first run is what a build does (``--executor``, default process,
with the renderer's own ``min_parallel``: smaller batches are rendered serially). With
``--executor all``, a worker pool of processes and one of threads are measured as well,
forced on every batch (``min_parallel`` 1), and serial rendering; each run in a fresh
Python process, so none profits from another's warm workers.
Prints the number of charts, seconds and milliseconds per chart, and writes
bench/results/charts.json. Every run must give byte-identical SVGs (exit 3 if not).

With ``--kinds``: the CPU time of vl-convert per chart kind (as ``ChartRenderer`` counts
it: one cold rendering of each chart, in this process, after a few warm-up charts), mean
and median in milliseconds, for at most ``--per-kind`` charts of each kind and language;
written to bench/results/chart-kinds.json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

RESULTS = REPO / "bench" / "results"
KINDS = ("process", "thread", "serial")


def measure(data: Path, as_of: dt.date, executor: str,
            min_parallel: int | None) -> dict[str, object]:
    """One executor: spec building, cold and warm rendering, in this process."""
    from generator.data.load import load_tree
    from generator.render.charts import engine as chart_engine
    from generator.render.charts.figures import FigureBuilder
    from generator.render.text.i18n import Language
    from generator.results.view import published_view

    result = load_tree(data)
    if result.dataset is None:
        raise SystemExit(f"{data} does not load: {len(result.errors)} error(s)")
    dataset = result.dataset
    start = time.perf_counter()
    batches = []
    for code in dataset.languages:
        builder = FigureBuilder(published_view(dataset, as_of),
                                Language(code, dataset.languages[0]))
        batches.append([f.spec for _page, figs in builder.all() for f in figs.values()])
    spec_seconds = time.perf_counter() - start
    count = sum(len(b) for b in batches)
    with tempfile.TemporaryDirectory(prefix="bench-charts-") as tmp:
        renderer = chart_engine.ChartRenderer(cache_dir=Path(tmp), executor=executor)  # type: ignore[arg-type]
        if min_parallel is not None:
            renderer.min_parallel = min_parallel
        start = time.perf_counter()
        cold = [renderer.render(batch) for batch in batches]
        cold_seconds = time.perf_counter() - start
        misses = renderer.stats.misses
        start = time.perf_counter()
        warm = [renderer.render(batch) for batch in batches]
        warm_seconds = time.perf_counter() - start
        hits = renderer.stats.hits
    digest = hashlib.sha256()
    for images in cold:
        for image in images:
            digest.update(image.svg)
    same = [i.svg for b in cold for i in b] == [i.svg for b in warm for i in b]
    return {
        "executor": executor,
        "workers": renderer.workers,
        "min_parallel": renderer.min_parallel,
        "parallel": executor != "serial" and renderer.workers > 1 and any(
            len({chart_engine.cache_key(s) for s in batch}) >= renderer.min_parallel
            for batch in batches),
        "charts": count,
        "unique_specs": misses,
        "spec_seconds": round(spec_seconds, 3),
        "cold_seconds": round(cold_seconds, 3),
        "warm_seconds": round(warm_seconds, 3),
        "cold_ms_per_chart": round(1000 * cold_seconds / max(count, 1), 1),
        "warm_ms_per_chart": round(1000 * warm_seconds / max(count, 1), 2),
        "warm_cache_hits": hits,
        "svg_sha256": digest.hexdigest(),
        "warm_identical": same,
    }


def measure_kinds(data: Path, as_of: dt.date, per_kind: int) -> dict[str, object]:
    """Mean and median CPU ms of one rendering of each chart, by chart kind."""
    from generator.data.load import load_tree
    from generator.render.charts import specs, vlconvert
    from generator.render.charts.figures import FigureBuilder
    from generator.render.text.i18n import Language
    from generator.results.view import published_view

    result = load_tree(data)
    if result.dataset is None:
        raise SystemExit(f"{data} does not load: {len(result.errors)} error(s)")
    dataset = result.dataset
    texts: dict[str, list[str]] = {}
    for code in dataset.languages:
        taken: dict[str, int] = {}
        builder = FigureBuilder(published_view(dataset, as_of),
                                Language(code, dataset.languages[0]))
        for _page, figs in builder.all():
            for figure in figs.values():
                if taken.get(figure.kind, 0) < per_kind:
                    taken[figure.kind] = taken.get(figure.kind, 0) + 1
                    texts.setdefault(figure.kind, []).append(
                        specs.canonical_json(figure.spec))
    warm_up = [t for kind_texts in texts.values() for t in kind_texts[:2]]
    for text in warm_up:  # the first charts of a process pay for its start
        vlconvert._render_timed(text)
    kinds: dict[str, dict[str, float | int]] = {}
    for kind, kind_texts in sorted(texts.items()):
        cpu = sorted(1000 * vlconvert._render_timed(t)[1] for t in kind_texts)
        kinds[kind] = {"charts": len(cpu), "mean_ms": round(sum(cpu) / len(cpu), 1),
                       "median_ms": round(cpu[len(cpu) // 2], 1)}
    total = sum(float(k["mean_ms"]) * int(k["charts"]) for k in kinds.values())
    count = sum(int(k["charts"]) for k in kinds.values())
    return {"kinds": kinds, "mean_ms": round(total / max(count, 1), 1), "charts": count}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=REPO / "data")
    parser.add_argument("--as-of", type=dt.date.fromisoformat, default=dt.date(2026, 11, 23))
    parser.add_argument("--executor", choices=(*KINDS, "all"),
                        default=os.environ.get("KF_CHART_EXECUTOR", "process"))
    parser.add_argument("--min-parallel", type=int, default=None,
                        help="render batches of at least this many misses in parallel "
                        "(default: the renderer's own)")
    parser.add_argument("--kinds", action="store_true",
                        help="CPU ms of vl-convert per chart kind (one cold rendering each)")
    parser.add_argument("--per-kind", type=int, default=60,
                        help="with --kinds: at most this many charts of a kind per language")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, default=RESULTS / "charts.json")
    args = parser.parse_args(argv)

    if args.kinds:
        found = measure_kinds(args.data, args.as_of, args.per_kind)
        for kind, row in found["kinds"].items():  # type: ignore[attr-defined]
            print(f"{kind:>20}: {row['charts']:4d} charts, mean {row['mean_ms']:6.1f} ms CPU, "
                  f"median {row['median_ms']:6.1f} ms")
        print(f"{'all':>20}: {found['charts']:4d} charts, mean {found['mean_ms']:6.1f} ms CPU")
        out = args.out if args.out != RESULTS / "charts.json" else RESULTS / "chart-kinds.json"
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps({
            "what": "CPU ms of vl-convert per chart, one cold rendering each, by chart kind",
            "data": os.path.relpath(args.data, REPO), "as_of": args.as_of.isoformat(),
            "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "machine": {"cpus": os.cpu_count(), "load_average": list(os.getloadavg())},
            **found}, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {os.path.relpath(out, REPO)}")
        return 0
    if args.child:
        print(json.dumps(measure(args.data, args.as_of, args.executor, args.min_parallel)))
        return 0
    plans: list[tuple[str, int | None]] = [
        ("process" if args.executor == "all" else args.executor, args.min_parallel)]
    if args.executor == "all":
        plans += [("process", 1), ("thread", 1), ("serial", None)]
    runs = []
    for kind, min_parallel in plans:
        extra = [] if min_parallel is None else ["--min-parallel", str(min_parallel)]
        proc = subprocess.run(
            [sys.executable, __file__, "--child", "--executor", kind, "--data", str(args.data),
             "--as-of", args.as_of.isoformat(), *extra],
            capture_output=True, text=True, check=False)
        if proc.returncode != 0:
            print(proc.stderr, file=sys.stderr)
            return 1
        runs.append(json.loads(proc.stdout.strip().splitlines()[-1]))
    for run in runs:
        mode = "parallel" if run["parallel"] else "serial"
        print(f"{run['executor']:>7} min_parallel={run['min_parallel']:<3} ({mode}, "
              f"{run['workers']} cores): {run['charts']} charts, "
              f"specs {run['spec_seconds']:.2f} s, cold {run['cold_seconds']:.2f} s "
              f"({run['cold_ms_per_chart']} ms/chart), warm {run['warm_seconds']:.3f} s "
              f"({run['warm_ms_per_chart']} ms/chart)")
    from generator.render.charts.engine import vl_convert_version

    report = {
        "what": "render the charts of every language to SVG: cold (empty cache) and warm",
        "data": os.path.relpath(args.data, REPO),
        "as_of": args.as_of.isoformat(),
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                    "platform": platform.platform(),
                    "load_average": list(os.getloadavg())},
        "vl_convert": vl_convert_version(),
        "runs": runs,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {os.path.relpath(args.out, REPO)}")
    digests = {run["svg_sha256"] for run in runs}
    if len(digests) > 1 or not all(run["warm_identical"] for run in runs):
        print("the SVGs differ between runs: rendering is not deterministic", file=sys.stderr)
        return 3
    return 0


if __name__ == "__main__":
    sys.exit(main())
