"""``extract draft``: draft annotations (``<doc>.gold.json``) for pages a user is about to annotate.

Each page is extracted as ``extract`` would (same walk, limits and workers) and its record written in the gold
schema's shape (output/gold_draft.py) beside the page, or with ``out`` beside a copy of it, so that the folder
is what ``extract train`` reads once the drafts are corrected. An existing gold file is never replaced unless
asked (``force``): it may hold an annotator's work. ``pick`` keeps the pages whose statement decision is least
certain, the ones whose annotation teaches the model most.
"""
from __future__ import annotations

import json
import os
import shutil
import tempfile
from dataclasses import dataclass, field, replace
from importlib import metadata
from pathlib import Path

from ..decide import load_model
from ..decide.gold import GOLD_SUFFIX
from ..output.gold_draft import certainty, gold_draft
from .parallel import iter_records
from .pipeline import Options


@dataclass
class DraftRun:
    """What a draft run did: the drafts written, the gold files left alone, and each problem as ``path: problem``
    (the documents' problems apart from the ones of writing the output)."""

    written: list[Path] = field(default_factory=list)
    statements: int = 0
    kept: list[Path] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    output_problems: list[str] = field(default_factory=list)


def _version() -> str:
    try:
        return metadata.version("remediation-extractor")
    except metadata.PackageNotFoundError:
        return "unknown"


def _real_path(rec: dict) -> Path:
    """The file a record came from (a name that is not UTF-8 is in ``path_hex``, its bytes as they are)."""
    return Path(os.fsdecode(bytes.fromhex(rec["path_hex"]))) if rec.get("path_hex") else Path(rec["path"])


def _write_json(path: Path, data: dict) -> None:
    """Write ``data`` to ``path`` whole or not at all (a temporary file renamed into place)."""
    fd, tmp = tempfile.mkstemp(prefix=".draft-", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _pages(records: list[dict], run: DraftRun) -> list[tuple[Path, dict]]:
    """One (file, record) per page that can have a gold file: read without error, one document to the file."""
    by_path: dict[Path, list[dict]] = {}
    for rec in records:
        if rec.get("status") == "skipped":  # a file reached twice, or a link loop: drafted where first reached
            continue
        by_path.setdefault(_real_path(rec), []).append(rec)
    pages = []
    for path, recs in by_path.items():
        if len(recs) > 1:
            run.problems.append(f"{path}: holds {len(recs)} documents; a gold file annotates a file of one "
                                "document (split it into one file per document)")
        elif recs[0].get("status") == "error":
            run.problems.append(recs[0].get("error") or f"{path}: could not be read")
        elif path == Path("-"):
            run.problems.append("-: stdin has no file to write a gold file beside; save it to a file first")
        else:
            pages.append((path, recs[0]))
    return pages


def draft_annotations(paths: list[str], options: Options = Options(), out: Path | None = None,
                      pick: int | None = None, force: bool = False, jobs: int = 1,
                      progress: bool = False) -> DraftRun:
    """Write a draft ``<stem>.gold.json`` for every page under ``paths`` (or the ``pick`` least certain), beside the
    page or, with ``out``, beside a copy of it in ``out``. Never raises for a page's problem or an output problem:
    the returned :class:`DraftRun` lists them."""
    options = replace(options, with_text=False)
    model = load_model(options.model)
    threshold = model.threshold("statement")
    run = DraftRun()
    pages = _pages(list(iter_records(paths, options, jobs=jobs, progress=progress)), run)
    if pick is not None:
        pages = sorted(pages, key=lambda pr: (certainty(pr[1], threshold), str(pr[0])))[:pick]
    note = (f"draft by extract {_version()} (model: {options.model or 'shipped'}): every value is the model's "
            "guess; check each against the page and the annotation rules, then delete the \"draft\" line")
    if out is not None:
        try:
            out.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            run.output_problems.append(f"{out}: cannot create the folder: {exc.strerror or exc}")
            return run
    drafted: set[Path] = set()
    for path, rec in pages:
        folder = out if out is not None else path.parent
        gold_path = folder / (path.stem + GOLD_SUFFIX)
        if gold_path in drafted:
            run.problems.append(f"{path}: another page named {path.stem}.* was drafted into {folder}; "
                                "rename one of them")
            continue
        if gold_path.exists() and not force:
            run.kept.append(gold_path)
            continue
        try:
            if out is not None:
                copy = out / path.name
                if copy.exists() and not copy.samefile(path) and copy.read_bytes() != path.read_bytes():
                    run.output_problems.append(f"{copy}: a different file of that name is there already")
                    continue
                if not copy.exists():
                    shutil.copyfile(path, copy)
            _write_json(gold_path, gold_draft(rec, path.name, note))
        except OSError as exc:
            run.output_problems.append(f"{gold_path}: cannot write: {exc.strerror or exc}")
            continue
        drafted.add(gold_path)
        run.written.append(gold_path)
        run.statements += bool(rec.get("is_statement"))
    return run
