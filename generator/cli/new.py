"""``python -m generator new``: the command line of the scaffold (``generator.scaffold``),
which writes a new, valid data file from a template.

Forum secretariats are not programmers: every routine update starts from a file this
module writes, with every field commented in Norwegian and English, the ids, dates and
the full indicator list filled in. It never replaces a file: a new forum, cluster or
assessment gets a file of its own (refused when it exists); a new event or action is
appended as text to the list in the existing file, so its comments and layout stay as
they were. Whatever it writes is validated with the whole tree; when the result would
not be valid, nothing is changed.

Exit codes: 0 written, 1 the file exists or the data has problems, 2 usage errors.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from generator.base.text import Text
from generator.data.load import closest, load_tree
from generator.data.model import Dataset
from generator.scaffold.options import (
    _codes,
    _count,
    _date,
    _joint,
    _ref,
    _slug,
    _text_options,
    _url,
)
from generator.scaffold.records import (
    new_action,
    new_assessment,
    new_cluster,
    new_event,
    new_forum,
    new_label,
)
from generator.scaffold.strategy import new_actor_map, new_stress_test, new_survey
from generator.scaffold.writing import Written
from generator.scaffold.yamltext import EVENT_KINDS, LEVELS, STATUSES, Refused, UsageError

EXIT_OK, EXIT_DATA, EXIT_USAGE = 0, 1, 2


def add_new_command(commands: Any) -> None:
    """Add ``new`` and its kinds to the command line's subcommands."""
    new = commands.add_parser(
        "new", help="write a new data file (or add an event or action) from a template",
        description="Write a new, valid data file from a template with every field commented "
        "in Norwegian and English, or add an event or action to an existing file. Never "
        "replaces a file. Prints the path written. Exit 0 written, 1 when the file exists or "
        "the data has problems, 2 for usage errors.")
    kinds = new.add_subparsers(dest="what", metavar="KIND")
    new.set_defaults(run=lambda args: _usage(new))

    forum = kinds.add_parser("forum", help="a new forum: forums/ID.yaml",
                             description="Write forums/ID.yaml for a new forum.")
    forum.add_argument("--id", type=_slug, required=True, help="the forum's id, e.g. nordland")
    _text_options(forum, "name", "the forum's name")
    forum.add_argument("--established", type=_date, metavar="DATE",
                       help="when it was set up: YYYY, YYYY-MM or YYYY-MM-DD (default: this year)")
    forum.set_defaults(run=_run(new_forum))

    cluster = kinds.add_parser("cluster", help="a new cluster: clusters/ID/cluster.yaml",
                               description="Write clusters/ID/cluster.yaml for a new cluster "
                               "and, with --forum, add it to that forum's members.")
    cluster.add_argument("--id", type=_slug, required=True,
                         help="the cluster's id, e.g. mineralklynge-norge")
    _text_options(cluster, "name", "the cluster's name")
    _text_options(cluster, "sector", "its sector")
    cluster.add_argument("--forum", type=_ref, help="add the cluster to this forum's members")
    cluster.add_argument("--joined", type=_date, metavar="DATE",
                         help="with --forum: when it joined (default: today)")
    cluster.set_defaults(run=_run(new_cluster))

    assessment = kinds.add_parser(
        "assessment", help="a new benchmarking: clusters/ID/assessments/DATE.yaml",
        description="Write clusters/ID/assessments/DATE.yaml with every indicator of the "
        "catalogue listed as n/a (not assessed), to be filled in.")
    assessment.add_argument("--cluster", type=_ref, required=True, help="the cluster's id")
    assessment.add_argument("--date", type=_date, metavar="DATE",
                            help="when the benchmarking was made, as precisely as its source "
                            "gives it: YYYY-MM-DD, YYYY-MM or YYYY (default: today)")
    assessment.add_argument("--kind", choices=LEVELS, default="bronze",
                            help="bronze, silver or gold (default: bronze)")
    assessment.add_argument("--lights", type=Path, metavar="FILE",
                            help="fill in the lights from a .csv or .xlsx spreadsheet with the "
                            "columns indicator and light (or indikator and lys); see "
                            "'python -m generator lights-sheet' for a template")
    assessment.set_defaults(run=_run(new_assessment))

    event = kinds.add_parser(
        "event", help="add an event to a forum or cluster",
        description="Add an event at the end of the events of forums/ID.yaml (--forum) or "
        "clusters/ID/cluster.yaml (--cluster). The rest of the file is kept as it is.")
    where = event.add_mutually_exclusive_group(required=True)
    where.add_argument("--forum", type=_ref, help="the forum's id")
    where.add_argument("--cluster", type=_ref, help="the cluster's id")
    event.add_argument("--date", type=_date, required=True, metavar="DATE",
                       help="YYYY-MM-DD, YYYY-MM or YYYY")
    event.add_argument("--kind", choices=EVENT_KINDS, required=True, help="what kind of event")
    _text_options(event, "title", "the title")
    event.add_argument("--place", metavar="TEXT", help="where (optional)")
    _text_options(event, "description", "a description (optional)")
    event.set_defaults(run=_run(new_event))

    action = kinds.add_parser(
        "action", help="add an improvement action (cluster plan) or a joint action (forum)",
        description="With --cluster, add an action to clusters/ID/plan.yaml (written when "
        "missing). With --forum, add a joint action to forums/ID.yaml.")
    owner = action.add_mutually_exclusive_group(required=True)
    owner.add_argument("--cluster", type=_ref, help="the cluster whose plan gets the action")
    owner.add_argument("--forum", type=_ref, help="the forum that gets the joint action")
    action.add_argument("--id", type=_slug, required=True, help="the action's id, e.g. branding")
    _text_options(action, "title", "the title")
    action.add_argument("--indicators", type=_codes, default=[], metavar="IDS",
                        help="the indicators it improves, e.g. \"4.6.1, 4.6.2\"")
    action.add_argument("--status", choices=STATUSES, default="planned",
                        help="planned, in-progress, done or dropped (default: planned)")
    action.add_argument("--due", type=_date, metavar="DATE", help="deadline (optional)")
    action.add_argument("--started", type=_date, metavar="DATE",
                        help="with --forum: when it started (optional)")
    action.add_argument("--joint", type=_joint, metavar="FORUM/ACTION",
                        help="with --cluster: the forum joint action it belongs to (optional)")
    action.set_defaults(run=_run(new_action))

    label = kinds.add_parser(
        "label", help="add a label to a cluster",
        description="Add a label at the end of the labels of clusters/ID/cluster.yaml. The "
        "rest of the file is kept as it is.")
    label.add_argument("--cluster", type=_ref, required=True, help="the cluster's id")
    label.add_argument("--level", choices=LEVELS, required=True, help="bronze, silver or gold")
    label.add_argument("--awarded", type=_date, required=True, metavar="DATE",
                       help="when it was awarded: YYYY-MM-DD, YYYY-MM or YYYY")
    label.add_argument("--valid-until", type=_date, metavar="DATE",
                       help="only when the label says so (default: from rules.yaml)")
    label.add_argument("--source", type=_url, metavar="URL",
                       help="where the label is announced, https://... (a label the record "
                       "does not back needs it, or --certainty)")
    label.add_argument("--certainty", choices=("inferred", "example"),
                       help="for a label no source states: inferred (concluded from what the "
                       "sources say; the pages mark it) or example")
    label.set_defaults(run=_run(new_label))

    stress = _dated_forum_record(
        kinds, "stress-test", "a new S3 stress test: stress-tests/FORUM/DATE.yaml",
        "Write stress-tests/FORUM/DATE.yaml with every dimension and group of "
        "stress-test.yaml listed in comments, to be filled in.", "the test", new_stress_test)
    actors = _dated_forum_record(
        kinds, "actor-map", "a new map of the innovation system: actor-maps/FORUM/DATE.yaml",
        "Write actor-maps/FORUM/DATE.yaml with the forum's member clusters named in "
        "comments, to be filled in with actors and their links.", "the map", new_actor_map)

    survey = kinds.add_parser(
        "survey", help="a new survey of cluster managers: surveys/ID.yaml",
        description="Write surveys/ID.yaml with an example question in comments.")
    survey.add_argument("--id", type=_slug, required=True,
                        help="the survey's id, e.g. klyngeledere-2017")
    _text_options(survey, "title", "the survey's title")
    survey.add_argument("--date", type=_date, metavar="DATE",
                        help="when it was made: YYYY, YYYY-MM or YYYY-MM-DD (default: today)")
    survey.add_argument("--answered", type=_count, required=True, metavar="N",
                        help="how many answered")
    survey.add_argument("--invited", type=_count, metavar="N", help="how many were asked")
    survey.add_argument("--forum", type=_ref, action="append", default=[],
                        help="a forum it was presented to (may be given several times)")
    survey.set_defaults(run=_run(new_survey))

    for parser in (forum, cluster, assessment, event, action, label, stress, actors,
                   survey):
        parser.add_argument("--data", type=Path, default=Path("data"), metavar="DIR",
                            help="the data tree (default: data)")


def _dated_forum_record(kinds: Any, name: str, summary: str, description: str,
                        what: str, make: Callable[[argparse.Namespace, Dataset, Path], Written]
                        ) -> argparse.ArgumentParser:
    """The parser of a kind of file made for one forum on one date."""
    parser: argparse.ArgumentParser = kinds.add_parser(name, help=summary,
                                                       description=description)
    parser.add_argument("--forum", type=_ref, required=True, help="the forum's id")
    parser.add_argument("--date", type=_date, metavar="DATE",
                        help=f"when {what} was made, as precisely as its source gives it: "
                        "YYYY-MM-DD, YYYY-MM or YYYY (default: today)")
    parser.set_defaults(run=_run(make))
    return parser


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_help(sys.stderr)
    return EXIT_USAGE


def _run(make: Callable[[argparse.Namespace, Dataset, Path], Written]
         ) -> Callable[[argparse.Namespace], int]:
    def run(args: argparse.Namespace) -> int:
        try:
            dataset = _valid_dataset(args.data)
            _resolve(args, dataset)
            written = make(args, dataset, args.data)
        except UsageError as exc:
            print(f"new {args.what}: {exc}", file=sys.stderr)
            return EXIT_USAGE
        except Refused as exc:
            for line in exc.problems:
                print(line, file=sys.stderr)
            print(f"new {args.what}: {exc}", file=sys.stderr)
            return EXIT_DATA
        print(written.display)
        for line in written.warnings:
            print(line, file=sys.stderr)
        print(written.next_step, file=sys.stderr)
        return EXIT_OK
    return run


def _resolve(args: argparse.Namespace, dataset: Dataset) -> None:
    """Every --cluster and --forum given by name (in any site language, any case) is
    turned into its id, said in a note; a name or id that matches nothing is left for the
    command to refuse with its suggestions."""
    for option, records in (("cluster", dataset.clusters), ("forum", dataset.forums)):
        given = getattr(args, option, None)
        for value in given if isinstance(given, list) else [given]:
            if value is None or value in records:
                continue
            wanted = value.casefold()
            found = sorted({record.id for record in records.values()
                            if wanted in {text.casefold() for text in _names(record.name)}})
            if len(found) == 1:
                print(f"note: '{value}' is the {option} {found[0]}", file=sys.stderr)
                if isinstance(given, list):
                    given[given.index(value)] = found[0]
                else:
                    setattr(args, option, found[0])
                continue
            by_name = {text.casefold(): (record.id, text) for record in records.values()
                       for text in _names(record.name)}
            close = closest(wanted, list(by_name))
            if close is not None:  # a name with a typo: say its id
                found_id, name = by_name[close]
                raise Refused(f"{option} '{value}' does not exist: did you mean "
                              f"'{found_id}' ({name})? Give the id or the name as the site "
                              "writes it")


def _names(name: Text) -> set[str]:
    """A record's name in every language it is written in."""
    return {name.same} if name.same is not None else {text for _code, text in name.by_language}


def _valid_dataset(data_dir: Path) -> Dataset:
    result = load_tree(data_dir)
    if result.dataset is None:
        raise Refused("the data tree has errors (listed above): fix them first, then run "
                      "this command again; nothing was written",
                      [p.format() for p in result.problems])
    return result.dataset
