"""The paths a user names, to sources: nothing reached is lost, no id is used twice, no special file is opened.

``iter_sources`` walks folders recursively (sorted by relative path; hidden entries skipped), follows symbolic
links and yields one :class:`Source` per file to read, or a :class:`LoadedDoc` carrying the reason a path
reached was not read, so every path appears in the documents table:

- a path that does not exist, a broken link, a folder that cannot be listed, a folder without supported files,
  and a special file (named pipe, device, socket: opening one for reading can block forever) are errors;
- a link back to an enclosing folder (a loop) and a file reached a second time (the same folder given twice,
  or a link to a file already listed) are *skipped*, naming what they repeat.

Ids are unique in a run: the path relative to the folder given (the file name for a file given directly),
and when that id is taken, the path as given, then ``~2``, ``~3``... Names that are not UTF-8 are shown with
``\\xNN`` escapes (load/names.py).
"""
from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from typing import Iterator

from ..errors import InputError
from .names import name_hex, shown_name
from .files import special_kind
from .sources import _NOT_DOCUMENTS, SUPPORTED, LoadedDoc, Source

__all__ = ["iter_sources"]


@dataclass
class _Found:
    """One entry a walk reached: a file to read (``problem`` empty) or a problem; ``rel`` is POSIX, as the OS
    gave it (surrogate-escaped)."""

    rel: str
    fs_path: str
    key: tuple[int, int] | None = None  # (device, inode) of a regular file
    problem: str = ""
    skipped: bool = False
    via_link: bool = False  # reached through a symbolic link (a file reached twice is read where it is not)


def _is_document_name(name: str) -> bool:
    return (not name.startswith(".") and os.path.splitext(name)[1].lower() in SUPPORTED
            and not _NOT_DOCUMENTS.match(name))


def _file(rel: str, fs_path: str, st: os.stat_result, via_link: bool = False) -> _Found:
    kind = special_kind(st.st_mode)
    if kind:
        return _Found(rel, fs_path, problem=f"special file ({kind}): not read")
    return _Found(rel, fs_path, key=(st.st_dev, st.st_ino), via_link=via_link)


def _walk(root: str) -> list[_Found]:
    """Every supported file under ``root`` and every problem met on the way, sorted by relative path.

    Links are followed; a link to a folder on the current path from ``root`` (a loop) is listed as skipped.
    """
    found: list[_Found] = []
    top = os.stat(root)
    stack = [("", root, frozenset({(top.st_dev, top.st_ino)}), False)]
    while stack:
        rel_dir, fs_dir, ancestors, linked = stack.pop()
        try:
            with os.scandir(fs_dir) as it:
                entries = list(it)
        except OSError as err:
            found.append(_Found(rel_dir or ".", fs_dir, problem=_folder_problem(err)))
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            rel = f"{rel_dir}/{entry.name}" if rel_dir else entry.name
            via_link = linked or entry.is_symlink()
            try:
                st = entry.stat()  # follows links
            except OSError:
                if entry.is_symlink():
                    target = shown_name(os.readlink(entry.path))
                    found.append(_Found(rel, entry.path, problem=f"broken symbolic link (to {target})"))
                continue  # vanished while walking
            if stat.S_ISDIR(st.st_mode):
                key = (st.st_dev, st.st_ino)
                if key in ancestors:
                    found.append(_Found(rel, entry.path, skipped=True,
                                        problem="symbolic link loop (to an enclosing folder): not followed"))
                else:
                    stack.append((rel, entry.path, ancestors | {key}, via_link))
            elif _is_document_name(entry.name):
                found.append(_file(rel, entry.path, st, via_link))
    return sorted(found, key=lambda f: f.rel)


def _folder_problem(err: OSError) -> str:
    if isinstance(err, PermissionError):
        return "permission denied: folder not read"
    return f"cannot list folder ({err.strerror or err})"


class _Ids:
    """Hands out unique doc ids and remembers which id each file (device, inode) was read as."""

    def __init__(self) -> None:
        self.used: set[str] = set()
        self.files: dict[tuple[int, int], str] = {}

    def claim(self, *candidates: str) -> str:
        """The first candidate not used yet, else the last one with ``~2``, ``~3``..."""
        for cand in candidates:
            if cand not in self.used:
                self.used.add(cand)
                return cand
        n = 2
        while f"{candidates[-1]}~{n}" in self.used:
            n += 1
        self.used.add(f"{candidates[-1]}~{n}")
        return f"{candidates[-1]}~{n}"


def _emit_all(ids: _Ids, entries: list[tuple[str, _Found]]) -> Iterator[Source | LoadedDoc]:
    """Sources and problem documents for the (rel, entry) pairs of one path given, in order, with unique ids.

    A file met twice is read once: where it was first read in an earlier path given, else at its first place
    reached without a link, else at its first place; every other place is listed as skipped.
    """
    named = [(ids.claim(shown_name(rel), shown_name(e.fs_path)), e) for rel, e in entries]
    for doc_id, e in sorted(named, key=lambda n: n[1].via_link):  # stable: in order, links last
        if e.key is not None and not e.problem and e.key not in ids.files:
            ids.files[e.key] = doc_id
    for doc_id, e in named:
        shown, hex_ = shown_name(e.fs_path), name_hex(e.fs_path)
        if not e.problem and ids.files.get(e.key, doc_id) != doc_id:
            e.problem, e.skipped = f"same file as {ids.files[e.key]}: not read twice", True
        if e.problem:
            yield LoadedDoc(doc_id, shown, "", error=str(InputError(shown, e.problem)), path_hex=hex_,
                            skipped=e.skipped)
        else:
            yield Source(doc_id, shown, e.fs_path, hex_)


def _top_level(path: str) -> _Found | None:
    """The entry for a path given directly that is not a folder (None when it is one)."""
    try:
        st = os.stat(path)
    except OSError:
        if os.path.islink(path):
            return _Found(path, path, problem=f"broken symbolic link (to {shown_name(os.readlink(path))})")
        return _Found(path, path, problem="path not found")
    if stat.S_ISDIR(st.st_mode):
        return None
    return _file(path, path, st)


def iter_sources(paths: list[str]) -> Iterator[Source | LoadedDoc]:
    """Sources for files, folders (recursive, sorted) and "-" (stdin); documents carrying the problem for every
    other path reached (see the module docstring)."""
    ids = _Ids()
    for path in paths:
        if path == "-":
            yield Source(ids.claim("-"), "-")
            continue
        entry = _top_level(path)
        if entry is not None:
            yield from _emit_all(ids, [(path if entry.problem else os.path.basename(path), entry)])
            continue
        entries = _walk(path)
        if not entries:
            exts = " ".join(sorted(SUPPORTED))
            entries = [_Found(".", path, problem=f"no supported files in folder (looked for {exts})")]
        yield from _emit_all(ids, [(path if e.rel == "." else e.rel, e) for e in entries])
