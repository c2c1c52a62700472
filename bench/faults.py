"""Fault injection: kill real builds (SIGKILL) at random moments, and check that nothing
wrong is ever published.

Two versions of a small data tree (A, and B with names, texts and a light changed) are
built from nothing into reference sites. Then one site and work folder (with their own
chart and parse caches) are built again and again, each time from the other version,
and each build is killed with SIGKILL after a random delay. After every kill:

* ``site/`` is the complete site of the version before or of the version being built
  (never a mix, never missing);
* every process the build had started (MkDocs, chart workers) is gone within seconds;
* the next build, from a version chosen at random, exits 0 and gives a site that is byte
  for byte the reference site of that version, with nothing left beside it.

Run it (about 10 minutes with the default 24 kills on two cores):

    .venv/bin/python bench/faults.py [--kills 24] [--seed 1] [--data tests/fixtures/small]

It prints one line per kill (when, the stage the build had reached, the checks) and
exits 1 if any check failed.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
AS_OF = "2026-11-23"
CHANGES = {
    "forums/polar.yaml": [("Klyngeforum Polar", "Klyngeforum Polar Nord")],
    "clusters/nordlys-klynge/cluster.yaml": [("name: Nordlys Klynge", "name: Nordlys Klynga")],
    "clusters/nordlys-klynge/assessments/2018-03-01.yaml": [('"1.1": green', '"1.1": red')],
}
"""What version B changes in version A (the small fixture tree's files)."""


def tree_bytes(root: Path) -> dict[str, bytes]:
    """Every file below ``root`` by relative path; {} when it does not exist."""
    if not root.is_dir():
        return {}
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted(root.rglob("*")) if p.is_file() and not p.is_symlink()}


def variant_b(a: Path, b: Path) -> None:
    shutil.copytree(a, b)
    for rel, edits in CHANGES.items():
        path = b / rel
        if not path.is_file():
            continue
        text = path.read_text(encoding="utf-8")
        for old, new in edits:
            text = text.replace(old, new)
        path.write_text(text, encoding="utf-8")


def put_data(source: Path, data: Path) -> None:
    """Make ``data`` a copy of ``source``."""
    shutil.rmtree(data, ignore_errors=True)
    shutil.copytree(source, data)


def build_command(data: Path, site: Path, work: Path) -> list[str]:
    return [sys.executable, "-m", "generator", "build", "--data", str(data), "--site",
            str(site), "--work", str(work), "--as-of", AS_OF]


def environment(root: Path) -> dict[str, str]:
    return {**os.environ, "KF_CHART_CACHE": str(root / "cache" / "charts"),
            "KF_DATA_CACHE": str(root / "cache" / "data"), "PYTHONUNBUFFERED": "1"}


def descendants(pid: int) -> set[int]:
    """Every process below ``pid`` (from /proc)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as handle:
                stat = handle.read()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(ppid, []).append(int(entry))
    found: set[int] = set()
    todo = [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


def alive(pids: set[int]) -> set[int]:
    """The processes of ``pids`` still running (zombies count as gone)."""
    living = set()
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as handle:
                state = handle.read().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if state != "Z":
            living.add(pid)
    return living


def run_build(root: Path, data: Path, site: Path, work: Path) -> tuple[int, str, float]:
    start = time.perf_counter()
    proc = subprocess.run(build_command(data, site, work), cwd=REPO, env=environment(root),
                          capture_output=True, text=True, check=False)
    return proc.returncode, proc.stderr, time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kills", type=int, default=24, help="builds to kill (default 24)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--data", type=Path, default=REPO / "tests" / "fixtures" / "small",
                        help="the data tree of version A (default: tests/fixtures/small)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    root = Path(tempfile.mkdtemp(prefix="kf-faults-"))
    failures: list[str] = []
    kill = attempts = 0
    try:
        versions = {"A": root / "A", "B": root / "B"}
        shutil.copytree(args.data, versions["A"])
        variant_b(versions["A"], versions["B"])
        references: dict[str, dict[str, bytes]] = {}
        for name, source in versions.items():
            ref = root / f"ref-{name}"
            code, err, seconds = run_build(ref, source, ref / "site", ref / "work")
            if code != 0:
                print(err, file=sys.stderr)
                return 1
            references[name] = tree_bytes(ref / "site")
            print(f"reference {name}: {len(references[name])} files, {seconds:.1f} s")
        if references["A"] == references["B"]:
            print("versions A and B build the same site: nothing to check", file=sys.stderr)
            return 1
        data, site, work = root / "data", root / "site", root / "work"
        put_data(versions["A"], data)
        code, err, _ = run_build(root, data, site, work)
        assert code == 0, err
        put_data(versions["B"], data)  # how long a build from the other version takes
        code, err, longest = run_build(root, data, site, work)
        assert code == 0, err
        print(f"a build from the other version: {longest:.1f} s; kills within "
              f"{longest * 1.1:.1f} s")
        current = "B"
        kill = attempts = 0
        while kill < args.kills and attempts < args.kills * 3:
            attempts += 1
            target = "B" if current == "A" else "A"
            put_data(versions[target], data)
            delay = rng.uniform(0.1, longest * 1.1)
            with tempfile.TemporaryFile() as log:
                proc = subprocess.Popen(build_command(data, site, work), cwd=REPO,
                                        env=environment(root), stdout=log, stderr=log)
                deadline = time.perf_counter() + delay
                children: set[int] = set()
                while time.perf_counter() < deadline and proc.poll() is None:
                    children |= descendants(proc.pid)
                    time.sleep(0.05)
                children |= descendants(proc.pid)
                finished = proc.poll() is not None
                if not finished:
                    proc.send_signal(signal.SIGKILL)
                proc.wait()
                log.seek(0)
                stages = [line.split(":")[0] for line in
                          log.read().decode("utf-8", "replace").splitlines()
                          if line[:1].isalpha() and ": " in line and " s" in line]
            problems = []
            seen = tree_bytes(site)
            if seen == references[target]:
                state = target
            elif seen == references[current]:
                state = current
            else:
                state = "?"
                problems.append("site/ is neither the previous nor the new site")
            if finished and proc.returncode == 0:
                current = target
            if not finished:
                kill += 1
            waited = time.perf_counter()
            left = alive(children)
            while left and time.perf_counter() - waited < 5:
                time.sleep(0.1)
                left = alive(children)
            if left:
                problems.append(f"{len(left)} process(es) of the killed build still run: "
                                f"{sorted(left)}")
                for pid in left:  # ours: started by the build this script started
                    with contextlib.suppress(ProcessLookupError):
                        os.kill(pid, signal.SIGKILL)
            following = rng.choice(["A", "B"])
            put_data(versions[following], data)
            code, err, seconds = run_build(root, data, site, work)
            if code != 0:
                problems.append(f"the next build failed (exit {code}): {err.strip()[-300:]}")
            elif tree_bytes(site) != references[following]:
                problems.append(f"the next build ({following}) differs from a clean build")
            else:
                current = following
            leftovers = [n for n in os.listdir(root) if n.startswith(".")]
            if leftovers:
                problems.append(f"left beside site/: {leftovers}")
            staged = [n for n in os.listdir(work) if n.startswith((".site.new-", ".site.old-"))]
            if staged:
                problems.append(f"left in the work folder: {staged}")
            when = "finished before the kill" if finished else (
                f"killed at {delay:5.1f} s after {stages[-1] if stages else 'start'}")
            label = f"kill {kill:2}" if not finished else "no kill"
            print(f"build {attempts:2}, {label}: {when}; site/ was {state}; "
                  f"{len(children)} children; "
                  f"next build {following} in {seconds:.1f} s: "
                  + ("ok" if not problems else "; ".join(problems)))
            failures.extend(f"kill {kill}: {p}" for p in problems)
    finally:
        if args.keep:
            print(f"kept {root}")
        else:
            shutil.rmtree(root, ignore_errors=True)
    print(f"{kill} kills in {attempts} builds, {len(failures)} problem(s)")
    for failure in failures:
        print("  " + failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
