"""Time ``load_tree`` on the synthetic 1,300-cluster tree.

    python bench/bench_validate.py [--clusters N] [--forums F] [--runs R]

The tree is written to a temporary folder first (not timed). Then ``load_tree`` runs
``--runs`` times; the best run is the figure, the first run is reported as well (cold
file cache and imports warm), with the CPU time of the process (a better figure on a busy
machine). Exit 0 when the best run is under the 5 s target, 3 when it is not. The figures go
to bench/results/validate.json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bench.synth import write_tree  # noqa: E402
from generator.data.load import load_tree  # noqa: E402

RESULTS = REPO / "bench" / "results"
TARGET_S = 5.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clusters", type=int, default=1300)
    parser.add_argument("--forums", type=int, default=60)
    parser.add_argument("--assessments", type=int, default=3)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, default=RESULTS / "validate.json")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="bench-validate-") as tmp:
        root = Path(tmp) / "data"
        counts = write_tree(root, clusters=args.clusters, forums=args.forums,
                            assessments=args.assessments, seed=args.seed)
        files = sum(1 for _ in root.rglob("*.yaml"))
        times: list[float] = []
        cpu: list[float] = []
        result = None
        for _ in range(args.runs):
            result = None  # each run starts with nothing of the previous one alive
            gc.collect()
            start, start_cpu = time.perf_counter(), time.process_time()
            result = load_tree(root)
            times.append(time.perf_counter() - start)
            cpu.append(time.process_time() - start_cpu)
            if result.errors or result.dataset is None:
                for problem in result.errors[:20]:
                    print(problem.format(), file=sys.stderr)
                print("the synthetic tree is not valid: nothing timed", file=sys.stderr)
                return 1
        assert result is not None and result.dataset is not None
        dataset = result.dataset
        assessments = sum(len(c.assessments) for c in dataset.clusters.values())

    best, first = min(times), times[0]
    print(f"validate: {len(dataset.clusters)} clusters, {assessments} assessments, "
          f"{files} files: {best:.2f} s (best of {args.runs}; first run {first:.2f} s; "
          f"CPU {min(cpu):.2f} s)")
    figures = {
        "benchmark": "validate",
        "clusters": len(dataset.clusters),
        "forums": len(dataset.forums),
        "assessments": assessments,
        "plans": counts["plans"],
        "files": files,
        "runs": args.runs,
        "best_s": round(best, 3),
        "first_s": round(first, 3),
        "times_s": [round(t, 3) for t in times],
        "cpu_best_s": round(min(cpu), 3),
        "cpu_s": [round(t, 3) for t in cpu],
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "target_s": TARGET_S,
        "within_target": best < TARGET_S,
        "seed": args.seed,
        "python": platform.python_version(),
        "machine": platform.machine(),
        "cpus": os.cpu_count(),
        "when": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 0 if best < TARGET_S else 3


if __name__ == "__main__":
    sys.exit(main())
