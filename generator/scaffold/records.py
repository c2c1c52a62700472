"""The templates of a forum's and a cluster's files: assessment, cluster, forum, event,
improvement action and label."""

from __future__ import annotations

import argparse
from pathlib import Path

from pydantic import ValidationError

from generator.base.dates import PartialDate, today
from generator.data.backing import label_lacks
from generator.data.model import Dataset
from generator.data.schema import Label
from generator.scaffold.lights import LightsError, read_lights
from generator.scaffold.options import _placeholder, _required_text, _text_from
from generator.scaffold.writing import Written, _change, _display, _no_such, _owner_file, _write_new
from generator.scaffold.yamltext import (
    TODO,
    Refused,
    UsageError,
    _block_item,
    _both,
    _comment,
    _header,
    _name_in,
    _one_line,
    append_to_list,
    quote,
    text_value,
)


def new_assessment(args: argparse.Namespace, dataset: Dataset, data_dir: Path) -> Written:
    """clusters/<id>/assessments/<date>.yaml with every indicator of the catalogue as n/a."""
    cluster = dataset.clusters.get(args.cluster)
    if cluster is None:
        raise Refused(_no_such("cluster", args.cluster, dataset.clusters, "clusters/"))
    date = args.date or PartialDate.from_date(today())
    rel = f"{cluster.source_dir}/assessments/{date.isoformat()}.yaml"
    filled: dict[str, str] = {}
    if getattr(args, "lights", None) is not None:
        if not args.lights.is_file():
            raise UsageError(f"--lights {args.lights}: there is no such file")
        try:
            filled = read_lights(args.lights, dataset.catalogue)
        except LightsError as exc:
            raise Refused(f"the lights in {args.lights} cannot be used (see above): correct "
                          "those rows and run the command again; nothing was written",
                          exc.problems) from None
    languages = dataset.languages
    name = _name_in(cluster.name, languages)
    groups = ", ".join(dataset.peer_groups) or "(none yet)"
    width = max((len(quote(i.id)) for i in dataset.catalogue.indicators), default=0) + 1
    lines = _header("assessment", rel, [
        f"Benchmarking av {name}. Skrevet av «python -m generator new assessment».",
        "Fyll inn lyset for hver indikator, kjør «python -m generator validate», og send inn.",
    ], [
        f"Benchmarking of {name}. Written by \"python -m generator new assessment\".",
        "Fill in the light of each indicator, run \"python -m generator validate\", commit.",
    ])
    lines += _both("Datoen for benchmarkingen, ÅÅÅÅ-MM-DD: den samme som filnavnet.",
                   "The day of the benchmarking, YYYY-MM-DD: the same as the file name.")
    lines.append(f"date: {date.isoformat()}")
    lines += _both("Slags benchmarking: bronze | silver | gold.",
                   "Kind of benchmarking: bronze | silver | gold.")
    lines.append(f"kind: {args.kind}")
    lines += _both("Hvem som gjorde benchmarkingen (valgfritt). Legg til name: for en person.",
                   "Who carried out the benchmarking (optional). Add name: for a person.")
    lines.append("assessor: {organisation: ESCA}")
    lines += _both(f"Referansegrupper resultatene sammenlignes med (valgfritt): {groups}.",
                   f"Peer groups the results are compared with (optional): {groups}.")
    lines.append("peer_groups: []")
    lines += _both("true hvis lysene er eksempler, ikke virkelige resultater (valgfritt).",
                   "true when the lights are examples, not real results (optional).")
    lines.append("illustrative: false")
    lines += _both("Poengsum i prosent, 0–100 (valgfritt, for gull): fjern # foran linjen.",
                   "Score in percent, 0–100 (optional, for gold): remove the # before the line.")
    lines.append("# score_percent: 80")
    lines += _both("Kvalitetslyset for hver indikator: green | yellow | red | n/a (ikke "
                   "vurdert).",
                   "The quality light of each indicator: green | yellow | red | n/a (not "
                   "assessed).")
    lines += _both("Lysene vises bare når klyngen har publish_indicators: true i cluster.yaml.",
                   "The lights are shown only when the cluster has publish_indicators: true.")
    lines.append("lights:")
    for area in dataset.catalogue.areas:
        lines.append(f"  # {area.id} {_name_in(area.name, languages)}")
        for indicator in dataset.catalogue.in_area(area.id):
            key = f"{quote(indicator.id)}:".ljust(width)
            light = filled.get(indicator.id, "n/a").ljust(7 if filled else 6)
            lines.append(f"  {key} {light}# {_name_in(indicator.name, languages)}")
    lines += _both("Forbedringer dokumentert siden forrige benchmarking (valgfritt), f.eks.:",
                   "Improvements documented since the previous benchmarking (optional), e.g.:")
    first = dataset.catalogue.indicators[0].id if dataset.catalogue.indicators else "1"
    lines += _comment("improvements:", f"  - indicator: {quote(first)}",
                      '    text: {nb: "...", en: "..."}')
    lines.append("improvements: []")
    if filled:
        assessed = sum(1 for light in filled.values() if light != "n/a")
        step = (f"next: {assessed} of {len(dataset.catalogue.indicators)} lights filled in "
                f"from {args.lights}; check assessor, score_percent and improvements, then "
                "run: python -m generator validate")
    else:
        step = ("next: replace n/a by green, yellow or red for each indicator assessed, "
                "then run: python -m generator validate")
    return _write_new(data_dir, rel, "\n".join(lines) + "\n", step)


def new_cluster(args: argparse.Namespace, dataset: Dataset, data_dir: Path) -> Written:
    """clusters/<id>/cluster.yaml, and with --forum the cluster as a member of that forum."""
    name = _required_text(args, "name")
    folder = data_dir / "clusters" / args.id
    rel = f"clusters/{args.id}/cluster.yaml"
    if folder.exists() or args.id in dataset.clusters:
        raise Refused(f"{_display(data_dir, f'clusters/{args.id}')} already exists: edit "
                      f"{_display(data_dir, rel)} instead (this command never replaces a file)")
    if args.forum is not None and args.forum not in dataset.forums:
        raise Refused(_no_such("forum", args.forum, dataset.forums, "forums/"))
    if args.joined is not None and args.forum is None:
        raise UsageError("--joined goes with --forum")
    languages = dataset.languages
    sector = _text_from(args, "sector") or _placeholder(languages, "sector")
    shown = _one_line(name.get("") or next(iter(name.values())))
    lines = _header("cluster", rel, [
        f"Klyngen {shown}. Skrevet av «python -m generator new cluster».",
        f"Bytt ut hver tekst som begynner med {TODO}, kjør «python -m generator validate».",
    ], [
        f"The cluster {shown}. Written by \"python -m generator new cluster\".",
        f"Replace every text starting with {TODO}, run \"python -m generator validate\".",
    ])
    lines += _both("Klyngens id: den samme som mappenavnet.",
                   "The cluster's id: the same as its folder's name.")
    lines.append(f"id: {args.id}")
    lines += _both("Navnet, likt på alle språk eller {nb: ..., en: ...}.",
                   "The name, the same in every language or {nb: ..., en: ...}.")
    lines.append(f"name: {text_value(name)}")
    lines += _both("Tidligere navn (valgfritt), f.eks. [Gammelt navn].",
                   "Former names (optional), e.g. [Old name].")
    lines.append("former_names: []")
    lines += _both("Bransje eller næring.", "Sector or industry.")
    lines.append(f"sector: {text_value(sector)}")
    lines += _both("Nettsted (valgfritt): fjern # og skriv hele adressen med https://.",
                   "Website (optional): remove the # and write the full address with https://.")
    lines.append("# website: https://example.org")
    lines += _both("Antall medlemmer (valgfritt): fjern # og skriv tallet.",
                   "Number of members (optional): remove the # and write the number.")
    lines.append("# members_count: 30")
    lines += _both("Nasjonalt klyngeprogram (valgfritt): level er arena | arena-pro | nce | gce.",
                   "National cluster programme (optional): level is arena | arena-pro | nce | "
                   "gce.")
    lines += _comment("programme:", "  - level: arena", "    from: 2016-06",
                      "    to: 2019-06")
    lines.append("programme: []")
    lines += _both("Samtykke: true publiserer kvalitetslysene. Bare med klyngens skriftlige ja.",
                   "Consent: true publishes the quality lights. Only with the cluster's written "
                   "yes.")
    lines.append("publish_indicators: false")
    lines += _both("Sertifiseringer: level er bronze | silver | gold; awarded er datoen.",
                   "Labels: level is bronze | silver | gold; awarded is the date.")
    lines += _comment("labels:", "  - level: bronze", "    awarded: 2016-09",
                      "    source: https://example.org/report.pdf")
    lines.append("labels: []")
    lines += _both("Hendelser: legg til med «python -m generator new event --cluster "
                   f"{args.id} ...».",
                   f"Events: add with \"python -m generator new event --cluster {args.id} ...\".")
    lines.append("events: []")
    step = "next: replace every TODO, then run: python -m generator validate"
    written = _write_new(data_dir, rel, "\n".join(lines) + "\n", step)
    if args.forum is None:
        return written
    joined = args.joined or PartialDate.from_date(today())
    forum_rel = dataset.files[f"forum:{args.forum}"]
    try:
        _change(data_dir, forum_rel, lambda text: append_to_list(
            text, "members", {"cluster": args.id, "joined": joined.isoformat()}), step)
    except BaseException:
        written.path.unlink(missing_ok=True)
        if folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
        raise
    return Written(written.path, written.display + "\n" + _display(data_dir, forum_rel), step,
                   written.warnings)


def new_forum(args: argparse.Namespace, dataset: Dataset, data_dir: Path) -> Written:
    """forums/<id>.yaml."""
    name = _required_text(args, "name")
    rel = f"forums/{args.id}.yaml"
    if args.id in dataset.forums:
        raise Refused(f"forum '{args.id}' already exists in "
                      f"{_display(data_dir, dataset.files[f'forum:{args.id}'])}")
    languages = dataset.languages
    established = args.established or PartialDate(today().year)
    shown = _one_line(name.get("") or next(iter(name.values())))
    lines = _header("forum", rel, [
        f"Forumet {shown}. Skrevet av «python -m generator new forum».",
        f"Bytt ut hver tekst som begynner med {TODO}, kjør «python -m generator validate».",
    ], [
        f"The forum {shown}. Written by \"python -m generator new forum\".",
        f"Replace every text starting with {TODO}, run \"python -m generator validate\".",
    ])
    lines += _both("Forumets id: den samme som filnavnet.",
                   "The forum's id: the same as the file name.")
    lines.append(f"id: {args.id}")
    lines += _both("Navnet, likt på alle språk eller {nb: ..., en: ...}.",
                   "The name, the same in every language or {nb: ..., en: ...}.")
    lines.append(f"name: {text_value(name)}")
    lines += _both("Regionen forumet dekker.", "The region the forum covers.")
    lines.append(f"region: {text_value(_placeholder(languages, 'region'))}")
    lines += _both("Når forumet ble opprettet: ÅÅÅÅ, ÅÅÅÅ-MM eller ÅÅÅÅ-MM-DD.",
                   "When the forum was set up: YYYY, YYYY-MM or YYYY-MM-DD.")
    lines.append(f"established: {established.isoformat()}")
    lines += _both("Hva forumet er og gjør, et kort avsnitt.",
                   "What the forum is and does, a short paragraph.")
    lines.append(f"description: {text_value(_placeholder(languages, 'description'))}")
    lines += _both("Hvor ofte det møtes (valgfritt): fjern # foran linjen.",
                   "How often it meets (optional): remove the # before the line.")
    lines.append('# meets: {nb: "2–3 ganger i året", en: "2–3 times a year"}')
    lines += _both(f"Referansegrupper for porteføljen (valgfritt): "
                   f"{', '.join(dataset.peer_groups) or '(ingen ennå)'}.",
                   f"Peer groups for the portfolio (optional): "
                   f"{', '.join(dataset.peer_groups) or '(none yet)'}.")
    lines.append("peer_groups: []")
    lines += _both("Medlemsklynger: cluster er klyngens id, joined når den ble med, left "
                   "(valgfritt) når den gikk ut.",
                   "Member clusters: cluster is the cluster's id, joined when it joined, left "
                   "(optional) when it left.")
    lines += _comment("members:", "  - cluster: mineralklynge-norge", "    joined: 2016")
    lines.append("members: []")
    lines += _both(f"Hendelser: legg til med «python -m generator new event --forum {args.id} "
                   "...».",
                   f"Events: add with \"python -m generator new event --forum {args.id} ...\".")
    lines.append("events: []")
    lines += _both(f"Felles tiltak: legg til med «python -m generator new action --forum "
                   f"{args.id} ...».",
                   f"Joint actions: add with \"python -m generator new action --forum {args.id} "
                   "...\".")
    lines.append("joint_actions: []")
    return _write_new(data_dir, rel, "\n".join(lines) + "\n",
                      "next: replace every TODO, then run: python -m generator validate")


def new_event(args: argparse.Namespace, dataset: Dataset, data_dir: Path) -> Written:
    """An event added at the end of a forum's or a cluster's events."""
    title = _required_text(args, "title")
    rel = _owner_file(args, dataset)
    item = {"date": args.date.isoformat(), "kind": args.kind, "title": text_value(title)}
    if args.place:
        item["place"] = quote(_one_line(args.place))
    description = _text_from(args, "description")
    if description:
        item["description"] = text_value(description)
    return _change(data_dir, rel, lambda text: append_to_list(text, "events", item),
                   "next: check the event in the file, then run: python -m generator validate")


def new_action(args: argparse.Namespace, dataset: Dataset, data_dir: Path) -> Written:
    """An action added to a cluster's plan.yaml (written when missing) or a forum's joint
    actions."""
    title = _required_text(args, "title")
    item = {"id": args.id, "title": text_value(title),
            "indicators": "[" + ", ".join(quote(c) for c in args.indicators) + "]",
            "status": args.status}
    if args.forum is not None:
        if args.joint is not None:
            raise UsageError("--joint goes with --cluster (a plan action that is part of a "
                             "joint action)")
        rel = _owner_file(args, dataset)
        if args.started is not None:
            item["started"] = args.started.isoformat()
        if args.due is not None:
            item["due"] = args.due.isoformat()
        return _change(data_dir, rel, lambda text: append_to_list(text, "joint_actions", item),
                       "next: run: python -m generator validate")
    if args.started is not None:
        raise UsageError("--started goes with --forum (plan actions have no start date)")
    cluster = dataset.clusters.get(args.cluster)
    if cluster is None:
        raise Refused(_no_such("cluster", args.cluster, dataset.clusters, "clusters/"))
    if args.due is not None:
        item["due"] = args.due.isoformat()
    if args.joint is not None:
        item["joint"] = args.joint
    rel = f"{cluster.source_dir}/plan.yaml"
    step = "next: run: python -m generator validate"
    if (data_dir / rel).is_file():
        return _change(data_dir, rel, lambda text: append_to_list(text, "actions", item), step)
    name = _name_in(cluster.name, dataset.languages)
    lines = _header("plan", rel, [
        f"Forbedringsplanen til {name}: ett tiltak per punkt under actions.",
        "Legg til flere med «python -m generator new action --cluster "
        f"{cluster.id} ...».",
    ], [
        f"The improvement plan of {name}: one action per item under actions.",
        f"Add more with \"python -m generator new action --cluster {cluster.id} ...\".",
    ])
    lines += _both("Hvert tiltak: id (små bokstaver, sifre og bindestrek), title,",
                   "Each action: id (lower-case letters, digits and hyphens), title,")
    lines += _both("indicators (indikatorene det skal forbedre, f.eks. [\"4.6.1\"]),",
                   "indicators (the indicators it improves, e.g. [\"4.6.1\"]),")
    lines += _both("status: planned | in-progress | done | dropped, due (valgfritt, frist),",
                   "status: planned | in-progress | done | dropped, due (optional, deadline),")
    lines += _both("joint (valgfritt): forumets felles tiltak, <forum-id>/<tiltak-id>.",
                   "joint (optional): the forum's joint action, <forum-id>/<action-id>.")
    text = "\n".join(lines) + "\n" + "actions:\n" + _block_item(item, 2, 4)
    return _write_new(data_dir, rel, text, step)


def new_label(args: argparse.Namespace, dataset: Dataset, data_dir: Path) -> Written:
    """A label added at the end of a cluster's labels."""
    cluster = dataset.clusters.get(args.cluster)
    if cluster is None:
        raise Refused(_no_such("cluster", args.cluster, dataset.clusters, "clusters/"))
    item = {"level": args.level, "awarded": args.awarded.isoformat()}
    if args.valid_until is not None:
        item["valid_until"] = args.valid_until.isoformat()
    if args.source is not None:
        item["source"] = args.source
    if args.certainty is not None:
        item["certainty"] = args.certainty
    # as the loader checks it: backed by a source of its own, or published as inferred or
    # example (its own certainty or the one it inherits from the cluster's file)
    try:
        label = Label(level=args.level, awarded=args.awarded, valid_until=args.valid_until,
                      source=(args.source,) if args.source else None,
                      certainty=args.certainty or cluster.certainty)
    except ValidationError:
        lacks: list[str] = []  # the validation of the result names what is wrong, located
    else:
        lacks = label_lacks(label, cluster.assessments, dataset.rules)
    if lacks:  # never published as confirmed on a record that does not bear it out
        raise Refused(
            f"this {args.level} label is not backed by the record of {cluster.id}, and "
            "nothing was written. The record lacks:\n" + "\n".join(f"  - {item}" for item in lacks)
            + "\nAdd what is missing first (python -m generator new assessment ...), or give "
            "the address of the public page that announces the label (--source URL), or "
            "publish it as concluded from what the sources say (--certainty inferred)")
    rel = f"{cluster.source_dir}/cluster.yaml"
    return _change(data_dir, rel, lambda text: append_to_list(text, "labels", item),
                   "next: add an event of kind label if you like (python -m generator new "
                   f"event --cluster {cluster.id} --kind label ...), then run: python -m "
                   "generator validate")
