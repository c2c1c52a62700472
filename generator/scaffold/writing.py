"""Writing what ``new`` made: a new file or a change to an existing one, never through a
link, validated with the whole tree and undone when the result is not valid."""

from __future__ import annotations

import argparse
import os
import stat
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from generator.base.files import atomic_write
from generator.data.load import LoadResult, closest, display_root, load_tree
from generator.data.model import Dataset
from generator.scaffold.yamltext import Refused

# --- writing ---------------------------------------------------------------------------------


@dataclass
class Written:
    """What a ``new`` command wrote."""

    path: Path
    display: str
    next_step: str
    warnings: tuple[str, ...] = ()


def _display(data_dir: Path, rel: str) -> str:
    prefix = display_root(data_dir)
    return rel if prefix in ("", ".") else f"{prefix}/{rel}"


def _no_link_on_the_way(data_dir: Path, rel: str) -> None:
    """Refuse to write ``rel`` when a link stands anywhere on its way below ``data_dir``
    (a cluster folder that is a link would take the file outside the data), or when it
    or a folder on its way is not a regular file or folder."""
    here = data_dir
    for part in rel.split("/"):
        here = here / part
        try:
            mode = os.lstat(here).st_mode
        except FileNotFoundError:
            return  # made by this command: a folder or the new file itself
        if stat.S_ISLNK(mode) or not (stat.S_ISDIR(mode) or stat.S_ISREG(mode)):
            raise Refused(f"{_display(data_dir, here.relative_to(data_dir).as_posix())} is "
                          "a link or a special file, where the data holds only files and "
                          "folders: nothing is written through it; put the folder or file "
                          "itself there (or remove it), then run the command again")


def _write_new(data_dir: Path, rel: str, text: str, next_step: str) -> Written:
    """Create a file that must not exist yet, then validate the tree; undo on problems."""
    path = data_dir / rel
    display = _display(data_dir, rel)
    _no_link_on_the_way(data_dir, rel)
    if path.exists():
        raise Refused(f"{display} already exists: edit that file instead (this command never "
                      "replaces a file)")
    created = [p for p in reversed(path.parents) if not p.exists()]
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8", newline="\n") as out:
        out.write(text)
    try:
        result = _checked(data_dir)
    except BaseException:
        path.unlink(missing_ok=True)
        for folder in reversed(created):
            if folder.is_dir() and not any(folder.iterdir()):
                folder.rmdir()
        raise
    return Written(path, display, next_step, _warnings(result))


def _change(data_dir: Path, rel: str, change: Callable[[str], str], next_step: str) -> Written:
    """Change an existing file's text, then validate the tree; put it back on problems."""
    path = data_dir / rel
    _no_link_on_the_way(data_dir, rel)
    raw = path.read_bytes()
    old = raw.decode("utf-8-sig")
    bom = raw.startswith(b"\xef\xbb\xbf")
    crlf = "\r\n" in old
    text = change(old.replace("\r\n", "\n"))
    if crlf:
        text = text.replace("\n", "\r\n")
    atomic_write(path, (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"))
    try:
        result = _checked(data_dir)
    except BaseException:
        atomic_write(path, raw)
        raise
    return Written(path, _display(data_dir, rel), next_step, _warnings(result))


def _checked(data_dir: Path) -> LoadResult:
    result = load_tree(data_dir)
    if result.dataset is None:
        raise Refused("the change would make the data invalid (see above), so nothing was "
                      "changed", [p.format() for p in result.problems])
    return result


def _warnings(result: LoadResult) -> tuple[str, ...]:
    return tuple(p.format() for p in result.warnings)




def _owner_file(args: argparse.Namespace, dataset: Dataset) -> str:
    if getattr(args, "forum", None) is not None:
        if args.forum not in dataset.forums:
            raise Refused(_no_such("forum", args.forum, dataset.forums, "forums/"))
        return dataset.files[f"forum:{args.forum}"]
    cluster = dataset.clusters.get(args.cluster)
    if cluster is None:
        raise Refused(_no_such("cluster", args.cluster, dataset.clusters, "clusters/"))
    return f"{cluster.source_dir}/cluster.yaml"


def _no_such(what: str, value: str, ids: Iterable[str], folder: str) -> str:
    known = sorted(ids)
    close = closest(value, known)
    if close is not None:
        return (f"{what} '{value}' does not exist (there is no {folder}{value}): did you mean "
                f"'{close}'?")
    shown = ", ".join(known[:6]) + (", …" if len(known) > 6 else "") or "(none yet)"
    return f"{what} '{value}' does not exist (there is no {folder}{value}): write one of {shown}"
