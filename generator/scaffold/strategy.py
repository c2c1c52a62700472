"""The templates of the regional strategy's files: a stress test, an actor map and a
survey."""

from __future__ import annotations

import argparse
from pathlib import Path

from generator.base.dates import PartialDate, today
from generator.data.model import Dataset
from generator.data.schema import ForumFile
from generator.scaffold.options import _placeholder, _required_text
from generator.scaffold.writing import Written, _display, _no_such, _write_new
from generator.scaffold.yamltext import (
    TODO,
    Refused,
    UsageError,
    _both,
    _comment,
    _header,
    _name_in,
    _one_line,
    text_value,
)


def _forum_for(args: argparse.Namespace, dataset: Dataset) -> ForumFile:
    forum = dataset.forums.get(args.forum)
    if forum is None:
        raise Refused(_no_such("forum", args.forum, dataset.forums, "forums/"))
    return forum


def new_stress_test(args: argparse.Namespace, dataset: Dataset, data_dir: Path) -> Written:
    """stress-tests/<forum>/<date>.yaml with every dimension and group in comments."""
    forum = _forum_for(args, dataset)
    catalogue = dataset.stress_catalogue
    if catalogue is None:
        raise Refused("there is no stress-test.yaml: add the stress test's catalogue (scale, "
                      "groups, directions, dimensions) at the top of the data folder first")
    date = args.date or PartialDate.from_date(today())
    rel = f"stress-tests/{forum.id}/{date.isoformat()}.yaml"
    languages = dataset.languages
    name = _name_in(forum.name, languages)
    low, high = f"{catalogue.scale.min:g}", f"{catalogue.scale.max:g}"
    lines = _header("stress-test", rel, [
        f"S3-stresstest for regionen til {name}. Skrevet av «python -m generator new "
        "stress-test».",
        "Fjern # foran hver dimensjon som ble målt, skriv poengene, kjør «python -m "
        "generator validate».",
    ], [
        f"S3 stress test of the region of {name}. Written by \"python -m generator new "
        "stress-test\".",
        "Remove the # before each dimension scored, write the scores, run \"python -m "
        "generator validate\".",
    ])
    lines += _both("Datoen for testen, ÅÅÅÅ-MM-DD: den samme som filnavnet.",
                   "The day of the test, YYYY-MM-DD: the same as the file name.")
    lines.append(f"date: {date.isoformat()}")
    lines += _both("true hvis poengene er eksempler, ikke publiserte resultater.",
                   "true when the scores are examples, not published results.")
    lines.append("illustrative: false")
    lines += _both("Hvor mange som svarte, per gruppe (valgfritt).",
                   "How many answered, per group (optional).")
    lines.append("respondents:")
    for group in catalogue.groups:
        lines.append(f"  # {group.id}: 0   # {_name_in(group.name, languages)}")
    lines += _both(f"Regionens poeng og frontløpernes per dimensjon, fra {low} til {high}; en "
                   "dimensjon som er utelatt, vises som ikke målt.",
                   f"The region's score and the frontrunners' per dimension, from {low} to "
                   f"{high}; a dimension left out is shown as not scored.")
    lines.append("scores:")
    for direction in catalogue.directions:
        lines.append(f"  # {_name_in(direction.name, languages)}")
        for dimension in (d for d in catalogue.dimensions if d.direction == direction.id):
            lines.append(f"  # {dimension.id}: {{region: {low}, frontrunners: {high}}}   # "
                         f"{_name_in(dimension.name, languages)}")
    lines += _both("Funn (valgfritt), f.eks. - {nb: \"...\", en: \"...\"}.",
                   "Findings (optional), e.g. - {nb: \"...\", en: \"...\"}.")
    lines.append("findings: []")
    actions = ", ".join(a.id for a in forum.joint_actions) or "(ingen ennå / none yet)"
    lines += _both(f"Anbefalinger (valgfritt): text, og joint_action: et felles tiltak i "
                   f"forumet ({actions}).",
                   f"Recommendations (optional): text, and joint_action: a joint action of "
                   f"the forum ({actions}).")
    lines.append("recommendations: []")
    return _write_new(data_dir, rel, "\n".join(lines) + "\n",
                      "next: write the scores of each dimension tested, then run: "
                      "python -m generator validate")


def new_actor_map(args: argparse.Namespace, dataset: Dataset, data_dir: Path) -> Written:
    """actor-maps/<forum>/<date>.yaml with an example actor and the members in comments."""
    forum = _forum_for(args, dataset)
    date = args.date or PartialDate.from_date(today())
    rel = f"actor-maps/{forum.id}/{date.isoformat()}.yaml"
    languages = dataset.languages
    name = _name_in(forum.name, languages)
    members = [m.cluster for m in forum.members if m.left is None] or ["cluster-id"]
    lines = _header("actor-map", rel, [
        f"Kartlegging av innovasjonssystemet i regionen til {name}. Skrevet av «python -m "
        "generator new actor-map».",
        "Skriv aktørene (organisasjoner, aldri personer) og klyngene de jobber med.",
    ], [
        f"Map of the innovation system of the region of {name}. Written by \"python -m "
        "generator new actor-map\".",
        "Write the actors (organisations, never people) and the clusters they work with.",
    ])
    lines += _both("Datoen for kartleggingen, ÅÅÅÅ-MM-DD: den samme som filnavnet.",
                   "The day of the map, YYYY-MM-DD: the same as the file name.")
    lines.append(f"date: {date.isoformat()}")
    lines += _both("true hvis aktørene og koblingene er eksempler.",
                   "true when the actors and links are examples.")
    lines.append("illustrative: false")
    lines += _both("Aktørene: kind er company | research | education | public | finance | "
                   "support; strength er weak | medium | strong.",
                   "The actors: kind is company | research | education | public | finance | "
                   "support; strength is weak | medium | strong.")
    lines += _both(f"Forumets klynger: {', '.join(members)}.",
                   f"The forum's clusters: {', '.join(members)}.")
    lines += _comment("actors:", "  - id: university",
                      '    name: {nb: "Universitetet", en: "The university"}',
                      "    kind: research", "    links:",
                      f"      - {{cluster: {members[0]}, strength: strong}}")
    lines.append("actors: []")
    lines += _both("Innovasjonsgap som kartleggingen fant (valgfritt): text, kinds, clusters.",
                   "Innovation gaps the mapping found (optional): text, kinds, clusters.")
    lines.append("gaps: []")
    return _write_new(data_dir, rel, "\n".join(lines) + "\n",
                      "next: write the actors and their links, then run: "
                      "python -m generator validate")


def new_survey(args: argparse.Namespace, dataset: Dataset, data_dir: Path) -> Written:
    """surveys/<id>.yaml with an example question in comments."""
    title = _required_text(args, "title")
    rel = f"surveys/{args.id}.yaml"
    if args.id in dataset.surveys:
        raise Refused(f"survey '{args.id}' already exists in "
                      f"{_display(data_dir, dataset.files[f'survey:{args.id}'])}")
    for forum_id in args.forum:
        if forum_id not in dataset.forums:
            raise Refused(_no_such("forum", forum_id, dataset.forums, "forums/"))
    if args.invited is not None and args.answered > args.invited:
        raise UsageError("--answered is more than --invited")
    languages = dataset.languages
    date = args.date or PartialDate.from_date(today())
    shown = _one_line(title.get("") or next(iter(title.values())))
    lines = _header("survey", rel, [
        f"Spørreundersøkelsen {shown}. Skrevet av «python -m generator new survey».",
        f"Bytt ut hver tekst som begynner med {TODO}, kjør «python -m generator validate».",
    ], [
        f"The survey {shown}. Written by \"python -m generator new survey\".",
        f"Replace every text starting with {TODO}, run \"python -m generator validate\".",
    ])
    lines += _both("Undersøkelsens id: den samme som filnavnet.",
                   "The survey's id: the same as the file name.")
    lines.append(f"id: {args.id}")
    lines += _both("Tittelen.", "The title.")
    lines.append(f"title: {text_value(title)}")
    lines += _both("Når den ble gjort: ÅÅÅÅ, ÅÅÅÅ-MM eller ÅÅÅÅ-MM-DD.",
                   "When it was made: YYYY, YYYY-MM or YYYY-MM-DD.")
    lines.append(f"date: {date.isoformat()}")
    lines += _both("Hvem som ble spurt.", "Who was asked.")
    lines.append(f"population: {text_value(_placeholder(languages, 'population'))}")
    lines += _both("Hvor mange som ble spurt (valgfritt) og hvor mange som svarte.",
                   "How many were asked (optional) and how many answered.")
    lines.append(f"invited: {args.invited}" if args.invited is not None else "# invited: 45")
    lines.append(f"answered: {args.answered}")
    lines += _both("Hvor resultatene er publisert (valgfritt).",
                   "Where the results are published (optional).")
    lines.append("# source: https://example.org/survey")
    lines += _both("Forum den ble lagt fram for (valgfritt).",
                   "Forums it was presented to (optional).")
    lines.append(f"forums: [{', '.join(args.forum)}]")
    lines += _both("true hvis tallene er eksempler.", "true when the counts are examples.")
    lines.append("illustrative: false")
    lines += _both("Spørsmålene: kind er choice (svar med antall) eller ranked (svar i "
                   "rekkefølge); multiple: true når én kan velge flere svar.",
                   "The questions: kind is choice (answers with counts) or ranked (answers "
                   "in order); multiple: true when one may pick several answers.")
    lines += _comment("questions:", "  - id: status",
                      '    text: {nb: "Hvilken status har din klynge?", '
                      'en: "What status does your cluster have?"}',
                      "    kind: choice", "    answers:", "      - {text: Arena, count: 7}")
    lines.append("questions: []")
    return _write_new(data_dir, rel, "\n".join(lines) + "\n",
                      "next: replace every TODO, write the questions, then run: "
                      "python -m generator validate")
