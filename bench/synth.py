"""A synthetic, valid data tree of any size, for benchmarks and scale tests.

``write_tree(root)`` writes 1,300 clusters in 60 forums with three assessments each by
default. Everything is derived from ``seed``, so the same arguments always give the same
files. The catalogue and the label rules are copied from the project's own ``data/``;
every light and count is made up and marked ``illustrative: true``.

    python bench/synth.py OUT [--clusters N] [--forums F] [--assessments A] [--seed S]
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "data"

LIGHTS = ("green", "yellow", "red", "n/a")
LIGHT_WEIGHTS = (5, 4, 2, 1)
STATUSES = ("planned", "in-progress", "done", "dropped")
EVENT_KINDS = ("meeting", "workshop", "benchmarking", "label", "report", "expert-visit",
               "milestone")
PROGRAMME = ("arena", "arena-pro", "nce", "gce")
SECTORS = (("Havbruk", "Aquaculture"), ("Reiseliv", "Tourism"), ("Energi", "Energy"),
           ("Mineraler", "Minerals"), ("Bygg", "Construction"), ("Bioteknologi", "Biotech"),
           ("Sjømat", "Seafood"), ("Teknologi", "Technology"))
REGIONS = (("Nordland", "Nordland"), ("Troms", "Troms"), ("Finnmark", "Finnmark"),
           ("Trøndelag", "Trøndelag"), ("Vestland", "Vestland"), ("Agder", "Agder"))
JOINT = ("branding", "member-services", "innovation")


def q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def text(nb: str, en: str) -> str:
    return f"{{nb: {q(nb)}, en: {q(en)}}}"


def indicator_ids(catalogue: Path) -> list[str]:
    """The indicator ids of a catalogue file, in order."""
    data = yaml.safe_load(catalogue.read_text(encoding="utf-8"))
    return [str(item["id"]) for item in data["indicators"]]


def write_tree(root: Path, clusters: int = 1300, forums: int = 60, assessments: int = 3,
               seed: int = 0) -> dict[str, int]:
    """Write a synthetic data tree under ``root`` (created if missing; must not hold data).

    Returns counts: clusters, forums, assessments, plans, files.
    """
    if clusters < 1 or forums < 1 or assessments < 0:
        raise ValueError("need at least one cluster and one forum")
    rng = random.Random(seed)
    root.mkdir(parents=True, exist_ok=True)
    files = 0

    def put(rel: str, body: str) -> None:
        nonlocal files
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(body, encoding="utf-8")
        files += 1

    put("site.yaml", "schema_version: 1\n"
        f"title: {text('Syntetiske klyngeforum', 'Synthetic cluster forums')}\n"
        f"description: {text('Et syntetisk datasett for ytelsestester.', 'A synthetic data set for performance tests.')}\n"  # noqa: E501
        "languages: [nb, en]\n"
        "site_url: https://example.org/synthetic/\n")
    shutil.copyfile(DATA / "indicators.yaml", root / "indicators.yaml")
    shutil.copyfile(DATA / "rules.yaml", root / "rules.yaml")
    files += 2
    codes = indicator_ids(root / "indicators.yaml")

    groups = ("ref-a", "ref-b")
    for g, group in enumerate(groups):
        size = 20 + 9 * g
        lines = []
        for code in codes:
            green = rng.randint(0, size)
            yellow = rng.randint(0, size - green)
            lines.append(f"  {q(code)}: {{green: {green}, yellow: {yellow}, "
                         f"red: {size - green - yellow}}}\n")
        put(f"peer-groups/{group}.yaml", "schema_version: 1\n"
            f"id: {group}\n"
            f"name: {text(f'Referansegruppe {g + 1}', f'Reference group {g + 1}')}\n"
            f"clusters: {size}\nillustrative: true\nlights:\n" + "".join(lines))

    cluster_ids = [f"cluster-{i:04d}" for i in range(clusters)]
    forum_ids = [f"forum-{j:02d}" for j in range(forums)]
    members: dict[str, list[tuple[str, str, str | None]]] = {f: [] for f in forum_ids}
    home: dict[str, str] = {}
    for i, cluster in enumerate(cluster_ids):
        forum = forum_ids[i % forums]
        home[cluster] = forum
        joined = str(2014 + rng.randint(0, 4))
        members[forum].append((cluster, joined, None))
        if i % 10 == 0 and forums > 1:  # some clusters are (or were) in a second forum
            other = forum_ids[(i + 1) % forums]
            left = f"{int(joined) + 2}-{rng.randint(1, 12):02d}" if i % 20 == 0 else None
            members[other].append((cluster, f"{joined}-{rng.randint(1, 12):02d}", left))

    for j, forum in enumerate(forum_ids):
        region = REGIONS[j % len(REGIONS)]
        body = ["schema_version: 1\n", f"id: {forum}\n",
                f"name: {text(f'Klyngeforum {j}', f'Cluster forum {j}')}\n",
                f"region: {text(*region)}\n", f"established: {2014 + j % 5}\n",
                f"description: {text(f'Syntetisk forum nummer {j}.', f'Synthetic forum number {j}.')}\n",  # noqa: E501
                f"meets: {text('to ganger i året', 'twice a year')}\n",
                f"peer_groups: [{', '.join(groups[: 1 + j % 2])}]\n", "members:\n"]
        for cluster, joined, left in members[forum]:
            body.append(f"  - cluster: {cluster}\n    joined: {joined}\n")
            if left:
                body.append(f"    left: {left}\n")
        body.append("events:\n")
        for e in range(3):
            year = 2015 + e
            body.append(f"  - date: {year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}\n"
                        f"    kind: {EVENT_KINDS[(j + e) % len(EVENT_KINDS)]}\n"
                        f"    title: {text(f'Samling {e + 1}', f'Gathering {e + 1}')}\n"
                        f"    place: Bodø\n")
        body.append("joint_actions:\n")
        for action in JOINT:
            picked = rng.sample(codes, 2)
            body.append(f"  - id: {action}\n"
                        f"    title: {text(f'Felles tiltak {action}', f'Joint action {action}')}\n"  # noqa: E501
                        f"    indicators: [{', '.join(q(c) for c in picked)}]\n"
                        f"    status: {rng.choice(STATUSES)}\n"
                        f"    started: 2017-04-20\n    due: 2019-06\n")
        put(f"forums/{forum}.yaml", "".join(body))

    assessment_count = plan_count = 0
    for i, cluster in enumerate(cluster_ids):
        sector = SECTORS[i % len(SECTORS)]
        publish = i % 3 != 0
        start = 2012 + rng.randint(0, 4)
        dates = []
        year, month = start, rng.randint(1, 12)
        for _ in range(assessments):
            dates.append(f"{year}-{month:02d}-{rng.randint(1, 28):02d}")
            month += 12 + rng.randint(0, 8)
            year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
        body = ["schema_version: 1\n", f"id: {cluster}\n",
                f"name: {q(f'Klynge {i}')}\n",
                f"sector: {text(*sector)}\n",
                f"website: https://example.org/{cluster}\n",
                f"members_count: {rng.randint(5, 120)}\n",
                "programme:\n",
                f"  - level: {PROGRAMME[i % len(PROGRAMME)]}\n"
                f"    from: {start}-{rng.randint(1, 12):02d}\n    to: {start + 4}\n",
                f"publish_indicators: {'true' if publish else 'false'}\n"]
        if dates:
            body.append("labels:\n")
            body.append(f"  - level: bronze\n    awarded: {dates[0][:7]}\n")
            if len(dates) > 1:
                body.append(f"  - level: bronze\n    awarded: {dates[1]}\n"
                            f"    source: https://example.org/{cluster}/label\n")
        body.append("events:\n"
                    f"  - date: {start}\n    kind: milestone\n"
                    f"    title: {text('Klyngen etableres', 'The cluster is set up')}\n")
        put(f"clusters/{cluster}/cluster.yaml", "".join(body))

        for n, date in enumerate(dates):
            lights = "".join(
                f"  {q(code)}: {rng.choices(LIGHTS, LIGHT_WEIGHTS)[0]}\n" for code in codes)
            parts = ["schema_version: 1\n", f"date: {date}\n",
                     f"kind: {'silver' if n == 2 else 'bronze'}\n",
                     "assessor: {organisation: ESCA}\n",
                     f"peer_groups: [{groups[i % 2]}]\n",
                     "illustrative: true\n", "lights:\n", lights]
            if n > 0:
                parts.append("improvements:\n")
                for code in rng.sample(codes, 2):
                    parts.append(f"  - indicator: {q(code)}\n"
                                 f"    text: {text('Forbedret.', 'Improved.')}\n")
            put(f"clusters/{cluster}/assessments/{date}.yaml", "".join(parts))
            assessment_count += 1

        if i % 3 == 1:
            actions = []
            for k, action in enumerate(rng.sample(JOINT, 2)):
                actions.append(
                    f"  - id: action-{k + 1}\n"
                    f"    title: {text(f'Tiltak {k + 1}', f'Action {k + 1}')}\n"
                    f"    indicators: [{q(rng.choice(codes))}]\n"
                    f"    status: {rng.choice(STATUSES)}\n"
                    f"    due: 2019-{rng.randint(1, 12):02d}\n"
                    f"    joint: {home[cluster]}/{action}\n")
            put(f"clusters/{cluster}/plan.yaml", "schema_version: 1\nactions:\n"
                + "".join(actions))
            plan_count += 1

    return {"clusters": clusters, "forums": forums, "assessments": assessment_count,
            "plans": plan_count, "files": files}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write a synthetic, valid data tree.")
    parser.add_argument("out", type=Path, help="folder to write (must not exist or be empty)")
    parser.add_argument("--clusters", type=int, default=1300)
    parser.add_argument("--forums", type=int, default=60)
    parser.add_argument("--assessments", type=int, default=3, help="per cluster")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    if args.out.exists() and any(args.out.iterdir()):
        print(f"{args.out} is not empty: choose a new folder", file=sys.stderr)
        return 2
    counts = write_tree(args.out, clusters=args.clusters, forums=args.forums,
                        assessments=args.assessments, seed=args.seed)
    print(f"{args.out}: {counts['clusters']} clusters, {counts['forums']} forums, "
          f"{counts['assessments']} assessments, {counts['plans']} plans, "
          f"{counts['files']} files", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
