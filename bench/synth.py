"""A synthetic, valid data tree of any size, for benchmarks and scale tests.

``write_tree(root)`` writes 1,300 clusters in 60 forums with three assessments each by
default. Everything is derived from ``seed``, so the same arguments always give the same
files. The catalogue and the label rules are copied from the project's own ``data/``;
every light and count is made up and marked ``illustrative: true``.

The regional strategy comes with it, scaled with the tree: the support-process templates
(``processes.yaml``) and the stress-test catalogue (``stress-test.yaml``); in every forum
an S3 strategy with its priorities (some left uncovered) and, in most, support processes
with steps done, in progress, planned and skipped; in most clusters focus areas serving
priorities of the cluster's forums; a stress test for every other forum (two for every
fourth, so the change between tests is computed), an actor map for every third forum
(two for every sixth) and a survey per 15 forums (at least two), each presented to a
few forums. Everything the format lets mark as an example is ``illustrative: true``.

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

# the regional strategy
PRIORITIES = (("ocean-food", "Havbasert mat", "Ocean-based food"),
              ("experiences", "Opplevelser", "Experiences"),
              ("cold-climate-technology", "Teknologi for kaldt klima", "Cold-climate technology"),
              ("marine-bioeconomy", "Marin bioøkonomi", "Marine bioeconomy"),
              ("energy", "Energi", "Energy"),
              ("minerals", "Mineraler", "Minerals"),
              ("digital-industry", "Digital industri", "Digital industry"),
              ("green-building", "Grønt bygg", "Green building"))
PROCESSES = (
    ("model-region", "Støtte til modellregioner", "Support for model regions",
     (("survey", "Kartlegging", "Survey"), ("pre-assessment", "Forhåndsvurdering",
      "Pre-assessment"), ("workshop", "Workshop", "Workshop"),
      ("policy-briefing", "Politikknotat", "Policy briefing"))),
    ("peer-review", "Fagfellevurdering", "Peer review",
     (("kick-off", "Oppstart", "Kick-off"), ("self-assessment", "Egenvurdering",
      "Self-assessment"), ("site-visit", "Besøk", "Site visit"),
      ("review", "Vurdering", "Review"), ("action-plan", "Handlingsplan", "Action plan"))),
)
GROUPS = (("cluster-managers", "Klyngeledere", "Cluster managers"),
          ("policy-makers", "Beslutningstakere", "Policy makers"),
          ("development-agencies", "Utviklingsaktører", "Development agencies"),
          ("research", "Forskning", "Research"),
          ("industry-associations", "Bransjeorganisasjoner", "Industry associations"))
DIRECTIONS = (("s3-for-clusters", "S3 for klyngene", "S3 for clusters"),
              ("clusters-for-s3", "Klyngene for S3", "Clusters for S3"))
DIMENSIONS = (("s3-design", "clusters-for-s3", "Utforming av S3", "Designing the S3"),
              ("support-schemes", "s3-for-clusters", "Støtteordninger", "Support schemes"),
              ("alignment", "s3-for-clusters", "Samordning", "Alignment"),
              ("s3-implementation", "clusters-for-s3", "Gjennomføring av S3",
               "Carrying out the S3"),
              ("value-chains", "clusters-for-s3", "Nye verdikjeder", "New value chains"),
              ("internationalisation", "s3-for-clusters", "Internasjonalisering",
               "Internationalisation"))
ACTOR_KINDS = (("research", "Et forskningsmiljø", "A research group"),
               ("public", "En offentlig aktør", "A public body"),
               ("company", "En stor bedrift", "A large company"),
               ("education", "En skole", "A school"),
               ("support", "En utviklingsaktør", "A development agency"),
               ("finance", "Et investeringsfond", "An investment fund"))
STRENGTHS = ("weak", "medium", "strong")
SCALE = (1, 5)


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

    Returns counts: clusters, forums, assessments, plans, files, and of the regional
    strategy: processes (templates), support_processes (in forums), priorities,
    focus_areas, stress_tests, actor_maps, surveys.
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
    # The regional strategy draws on a random source of its own, so the rest of the tree
    # is the same as without it.
    srng = random.Random(f"strategy-{seed}")
    put("processes.yaml", processes_yaml())
    put("stress-test.yaml", stress_catalogue_yaml())

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

    priorities: dict[str, list[str]] = {}
    servable: dict[str, list[str]] = {}
    support_count = 0
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
        chosen = srng.sample(PRIORITIES, 3 + j % 4)
        priorities[forum] = [p[0] for p in chosen]
        # every third forum keeps its last priority uncovered: no focus area serves it
        servable[forum] = priorities[forum][:-1] if j % 3 == 1 else priorities[forum]
        body.append(strategy_yaml(j, REGIONS[j % len(REGIONS)], chosen))
        processes = support_processes_yaml(srng, j)
        body.append(processes)
        support_count += processes.count("  - process: ")
        put(f"forums/{forum}.yaml", "".join(body))

    assessment_count = plan_count = focus_count = 0
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
        forums_of = [f for f in forum_ids if any(m[0] == cluster for m in members[f])]
        areas = focus_areas_yaml(srng, srng.randint(0, 3),  # a quarter have none
                                 [(f, servable[f]) for f in forums_of])
        body.append(areas)
        focus_count += areas.count("  - id: ")
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

    stress_count = map_count = 0
    for j, forum in enumerate(forum_ids):
        if j % 2 == 0:  # every other forum has a stress test, every fourth two
            years = (2018, 2021) if j % 4 == 0 else (2019,)
            for t, year in enumerate(years):
                date = f"{year}-{srng.randint(1, 12):02d}-{srng.randint(1, 28):02d}"
                put(f"stress-tests/{forum}/{date}.yaml",
                    stress_test_yaml(srng, date, skip=(j + t) % len(DIMENSIONS)
                                     if (j + t) % 3 == 2 else None))
                stress_count += 1
        if j % 3 == 0:  # every third forum has an actor map, every sixth two
            current = [m[0] for m in members[forum] if m[2] is None]
            outside = [c for c in cluster_ids if c not in current]
            years = (2018, 2022) if j % 6 == 0 else (2020,)
            for year in years:
                date = f"{year}-{srng.randint(1, 12):02d}-{srng.randint(1, 28):02d}"
                put(f"actor-maps/{forum}/{date}.yaml",
                    actor_map_yaml(srng, date, current, outside))
                map_count += 1

    survey_count = max(2, forums // 15)
    for k in range(survey_count):
        put(f"surveys/survey-{k + 1:02d}.yaml",
            survey_yaml(srng, k, forum_ids[k::survey_count][:5]))

    return {"clusters": clusters, "forums": forums, "assessments": assessment_count,
            "plans": plan_count, "files": files, "processes": len(PROCESSES),
            "support_processes": support_count,
            "priorities": sum(len(p) for p in priorities.values()),
            "focus_areas": focus_count, "stress_tests": stress_count,
            "actor_maps": map_count, "surveys": survey_count}


# --- the regional strategy ---------------------------------------------------------------


def processes_yaml() -> str:
    """processes.yaml: the support-process templates."""
    body = ["schema_version: 1\nprocesses:\n"]
    for pid, nb, en, steps in PROCESSES:
        body.append(f"  - id: {pid}\n    name: {text(nb, en)}\n"
                    f"    source: https://example.org/processes/{pid}\n    steps:\n")
        for n, (sid, snb, sen) in enumerate(steps):
            body.append(f"      - id: {sid}\n        name: {text(snb, sen)}\n")
            if n % 2 == 0:
                body.append("        description: "
                            f"{text(f'Trinn {n + 1}: {snb.lower()}.', f'Step {n + 1}: {sen.lower()}.')}\n")  # noqa: E501
    return "".join(body)


def stress_catalogue_yaml() -> str:
    """stress-test.yaml: the scale, stakeholder groups, directions and dimensions."""
    body = ["schema_version: 1\n", f"scale: {{min: {SCALE[0]}, max: {SCALE[1]}}}\n",
            f"ends: {{low: {text('svak', 'weak')}, high: {text('sterk', 'strong')}}}\n",
            "groups:\n"]
    body += [f"  - id: {gid}\n    name: {text(nb, en)}\n" for gid, nb, en in GROUPS]
    body.append("directions:\n")
    body += [f"  - id: {did}\n    name: {text(nb, en)}\n" for did, nb, en in DIRECTIONS]
    body.append("dimensions:\n")
    for n, (mid, direction, nb, en) in enumerate(DIMENSIONS):
        body.append(f"  - id: {mid}\n    direction: {direction}\n    name: {text(nb, en)}\n")
        if n % 3 == 0:
            body.append(f"    description: {text(f'Syntetisk: {nb}.', f'Synthetic: {en}.')}\n")
    return "".join(body)


def strategy_yaml(j: int, region: tuple[str, str],
                  chosen: list[tuple[str, str, str]]) -> str:
    """A forum's S3 strategy with the chosen priorities (examples)."""
    body = ["strategy:\n",
            f"  name: {text(f'Smart spesialisering i {region[0]} (eksempel {j})', f'Smart specialisation in {region[1]} (example {j})')}\n"]  # noqa: E501
    if j % 2 == 0:
        body.append(f"  source: https://example.org/s3/forum-{j:02d}\n")
    body.append("  illustrative: true\n  priorities:\n")
    for n, (pid, nb, en) in enumerate(chosen):
        body.append(f"    - id: {pid}\n      name: {text(nb, en)}\n")
        if n == 0:
            body.append(f"      description: {text(f'Eksempel: {nb.lower()}.', f'Example: {en.lower()}.')}\n")  # noqa: E501
    return "".join(body)


def support_processes_yaml(rng: random.Random, j: int) -> str:
    """A forum's support processes: every forum but every fifth goes through the first,
    every third also through the second; the steps are done, skipped, in progress and
    planned (the later ones dated after 2026, some not listed: not started)."""
    if j % 5 == 4:
        return ""
    body = ["support_processes:\n"]
    for pid, _nb, _en, steps in PROCESSES[: 1 + (j % 3 == 0)]:
        body.append(f"  - process: {pid}\n    steps:\n")
        reached = (j + len(pid)) % (len(steps) + 1)  # steps done or skipped
        year, month = 2017 + j % 4, rng.randint(1, 12)
        for n, (sid, _snb, _sen) in enumerate(steps):
            if n < reached:
                if n == 1 and j % 2 == 1:
                    body.append(f"      - step: {sid}\n        status: skipped\n")
                    continue
                date = (f"{year}-{month:02d}" if n % 2 == 0
                        else f"{year}-{month:02d}-{rng.randint(1, 28):02d}")
                body.append(f"      - step: {sid}\n        status: done\n        date: {date}\n")
                if n == 0:
                    body.append("        outcome: "
                                f"{text('Eksempel på et resultat.', 'An example outcome.')}\n")
                month += rng.randint(2, 9)
                year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
            elif n == reached:
                body.append(f"      - step: {sid}\n        status: in-progress\n"
                            f"        date: {year}-{month:02d}\n")
            elif n == reached + 1:
                body.append(f"      - step: {sid}\n        status: planned\n"
                            f"        date: {2027 + n % 2}-{rng.randint(1, 12):02d}\n")
            elif n == reached + 2 and j % 2 == 0:
                body.append(f"      - step: {sid}\n        status: planned\n")
        if j % 2 == 0:
            body.append("    recommendations:\n"
                        f"      - text: {text('Bygg en felles merkevare.', 'Build a joint brand.')}\n"  # noqa: E501
                        f"        joint_action: {JOINT[0]}\n"
                        f"      - text: {text('Del kunnskap på tvers.', 'Share knowledge across clusters.')}\n")  # noqa: E501
    return "".join(body)


def focus_areas_yaml(rng: random.Random, count: int,
                     forums: list[tuple[str, list[str]]]) -> str:
    """A cluster's focus areas, each serving one or two priorities of its forums (the
    first also one of a second forum, when the cluster is in two)."""
    refs = [f"{forum}/{p}" for forum, ids in forums for p in ids]
    if not count or not refs:
        return ""
    body = ["focus_areas:\n"]
    for n in range(count):
        served = rng.sample(refs, min(len(refs), 1 + rng.randint(0, 1)))
        if n == 0 and len(forums) > 1:
            served = [f"{forums[0][0]}/{rng.choice(forums[0][1])}",
                      f"{forums[1][0]}/{rng.choice(forums[1][1])}"]
        body.append(f"  - id: area-{n + 1}\n"
                    f"    name: {text(f'Satsingsområde {n + 1}', f'Focus area {n + 1}')}\n"
                    f"    priorities: [{', '.join(served)}]\n    illustrative: true\n")
    return "".join(body)


def score(rng: random.Random) -> float:
    return round(rng.uniform(*SCALE), 1)


def stress_test_yaml(rng: random.Random, date: str, skip: int | None) -> str:
    """One stress test (examples): some groups answered; every dimension scored but
    ``skip``; the frontrunners mostly ahead of the region."""
    groups = rng.sample(GROUPS, rng.randint(2, len(GROUPS)))
    body = ["schema_version: 1\n", f"date: {date}\n", "illustrative: true\n",
            "respondents: {" + ", ".join(f"{g[0]}: {rng.randint(1, 12)}" for g in groups)
            + "}\n", "scores:\n"]
    for n, (mid, *_rest) in enumerate(DIMENSIONS):
        if n == skip:
            continue
        region = score(rng)
        ahead = min(SCALE[1], max(SCALE[0], round(region + rng.uniform(-0.5, 2.0), 1)))
        body.append(f"  {mid}: {{region: {region}, frontrunners: {ahead}}}\n")
    body.append("findings:\n"
                f"  - {text('Eksempel: klyngene var lite involvert.', 'Example: the clusters took little part.')}\n"  # noqa: E501
                f"  - {text('Eksempel: gode støtteordninger.', 'Example: good support schemes.')}\n"  # noqa: E501
                "recommendations:\n"
                f"  - text: {text('Eksempel: utforsk nye verdikjeder.', 'Example: explore new value chains.')}\n"  # noqa: E501
                f"    joint_action: {JOINT[2]}\n"
                f"  - text: {text('Eksempel: samordne med nasjonale mål.', 'Example: align with national goals.')}\n")  # noqa: E501
    return "".join(body)


def actor_map_yaml(rng: random.Random, date: str, members: list[str],
                   outside: list[str]) -> str:
    """One actor map (examples): actors of every kind, about one per three current
    members, each linked to a few of them (the first also to a cluster outside the
    forum); two gaps."""
    body = ["schema_version: 1\n", f"date: {date}\n", "illustrative: true\n", "actors:\n"]
    for a in range(max(len(ACTOR_KINDS), len(members) // 3)):
        kind, nb, en = ACTOR_KINDS[a % len(ACTOR_KINDS)]
        body.append(f"  - id: actor-{a + 1}\n    name: {text(f'{nb} {a + 1}', f'{en} {a + 1}')}\n"  # noqa: E501
                    f"    kind: {kind}\n")
        linked = rng.sample(members, min(len(members), rng.randint(1, 4)))
        if a == 0 and outside:
            linked.append(rng.choice(outside))
        if linked:
            body.append("    links:\n")
            body += [f"      - {{cluster: {c}, strength: {rng.choice(STRENGTHS)}}}\n"
                     for c in linked]
    body.append("gaps:\n"
                f"  - text: {text('Eksempel: lite felles forskning.', 'Example: little joint research.')}\n"  # noqa: E501
                "    kinds: [company, research]\n")
    if members:
        body.append(f"    clusters: [{', '.join(rng.sample(members, min(2, len(members))))}]\n")
    body.append(f"  - text: {text('Eksempel: lange avstander.', 'Example: long distances.')}\n")
    return "".join(body)


def survey_yaml(rng: random.Random, k: int, forums: list[str]) -> str:
    """One survey (examples): a single-choice question with counts, a multiple-choice one,
    a choice question without counts and a ranked one; every other survey without
    ``invited``."""
    answered = rng.randint(10, 40)
    body = ["schema_version: 1\n", f"id: survey-{k + 1:02d}\n",
            f"title: {text(f'Syntetisk kartlegging {k + 1}', f'Synthetic survey {k + 1}')}\n",
            f"date: {2017 + k % 5}-{k % 12 + 1:02d}\n",
            f"population: {text('Klyngeledere i de syntetiske forumene', 'Cluster managers of the synthetic forums')}\n"]  # noqa: E501
    if k % 2 == 0:
        body.append(f"invited: {answered + rng.randint(0, 30)}\n")
    body += [f"answered: {answered}\n", f"source: https://example.org/surveys/{k + 1}\n",
             f"forums: [{', '.join(forums)}]\n", "illustrative: true\n", "questions:\n"]
    single = answered - rng.randint(0, 3)
    left = single
    counts = []
    for _ in range(3):
        counts.append(rng.randint(0, left))
        left -= counts[-1]
    counts.append(left)
    body.append(f"  - id: status\n    text: {text('Hvilken status har klyngen?', 'What status does the cluster have?')}\n"  # noqa: E501
                f"    kind: choice\n    answered: {single}\n    skipped: {answered - single}\n"
                "    answers:\n")
    for level, count in zip(("Arena", "Arena Pro", "NCE", "GCE"), counts, strict=True):
        body.append(f"      - text: {text(level, level)}\n        count: {count}\n")
    body.append(f"  - id: topics\n    text: {text('Hvilke tema er viktigst?', 'Which topics matter most?')}\n"  # noqa: E501
                "    kind: choice\n    multiple: true\n    answers:\n")
    for nb, en in (("Kompetanse", "Skills"), ("Innovasjon", "Innovation"),
                   ("Internasjonalisering", "Internationalisation"), ("Kapital", "Capital")):
        body.append(f"      - text: {text(nb, en)}\n        count: {rng.randint(0, answered)}\n")
    body.append(f"  - id: funding\n    text: {text('Hvordan finansieres klyngen?', 'How is the cluster funded?')}\n"  # noqa: E501
                "    kind: choice\n")
    body.append(f"  - id: prerequisites\n    text: {text('Hva er de viktigste forutsetningene?', 'What are the most important prerequisites?')}\n"  # noqa: E501
                "    kind: ranked\n    answers:\n")
    for n in range(3 + k % 3):
        body.append(f"      - text: {text(f'Forutsetning {n + 1}', f'Prerequisite {n + 1}')}\n")
    return "".join(body)


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
          f"{counts['files']} files; regional strategy: {counts['priorities']} priorities, "
          f"{counts['focus_areas']} focus areas, {counts['processes']} processes "
          f"({counts['support_processes']} in forums), {counts['stress_tests']} stress tests, "
          f"{counts['actor_maps']} actor maps, {counts['surveys']} surveys", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
