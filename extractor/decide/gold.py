"""Gold annotations for training and evaluation: read, validate and group folders of ``<doc>`` + ``<doc>.gold.json``.

The shape is ../shared/eval/GOLD_SCHEMA.md's. Every problem is reported as ``file: problem`` before any
training starts, so a user fixes their annotations in one pass (``GoldError`` carries all of them).
"""
from __future__ import annotations

import csv
import json
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import GoldError

CATEGORIES = ("refund", "hotline", "system", "accountability", "process", "investigation", "communication",
              "training", "compliance", "other")
ROLES = ("disciplined", "responsible", "actor")
GOLD_SUFFIX = ".gold.json"
DRAFT_KEY = "draft"  # set by `extract draft` on a model's guesses; the annotator deletes it once they are checked


@dataclass
class GoldDoc:
    """One annotated document: where its text is, what the annotators said, and which incident it is about."""

    path: Path
    gold_path: Path
    gold: dict
    set_name: str
    incident: str = ""  # from a manifest (``event`` column), when the folder has one
    group: int = field(default=0)

    @property
    def stem(self) -> str:
        return self.gold_path.name[: -len(GOLD_SUFFIX)]


def _check(gold: object, where: str) -> list[str]:
    if not isinstance(gold, dict):
        return [f"{where}: expected a JSON object"]
    problems = []

    def need(key: str, kinds: tuple, optional: bool = False) -> bool:
        if key not in gold:
            if not optional:
                problems.append(f"{where}: missing field {key!r}")
            return False
        if not isinstance(gold[key], kinds):
            names = "/".join(k.__name__ for k in kinds)
            problems.append(f"{where}: field {key!r} should be {names}, got {type(gold[key]).__name__}")
            return False
        return True

    if gold.get(DRAFT_KEY) is True:
        # Training on unreviewed drafts would teach the model its own guesses, and its cross-validated figures
        # would flatter it.
        return [f"{where}: an unreviewed draft of `extract draft`: check every value against the page, then "
                f"delete the \"{DRAFT_KEY}\" line"]
    need("doc", (str,))
    need("is_statement", (bool,))
    need("apology", (bool,), optional=True)
    need("company", (str,), optional=True)
    if need("company_aliases", (list,), optional=True) and not all(isinstance(a, str) for a in gold["company_aliases"]):
        problems.append(f"{where}: company_aliases should be a list of strings")
    if "stated_count" in gold and gold["stated_count"] is not None and not isinstance(gold["stated_count"], int):
        problems.append(f"{where}: stated_count should be an integer or null")
    for key in ("measures", "findings"):
        if not need(key, (list,), optional=key == "findings"):
            continue
        for i, item in enumerate(gold[key], 1):
            if not isinstance(item, dict) or not isinstance(item.get("text"), str) or not item.get("text", "").strip():
                problems.append(f"{where}: {key}[{i}] needs a non-empty text")
                continue
            if key == "measures":
                cat = item.get("category")
                if cat is not None and cat not in CATEGORIES:
                    problems.append(f"{where}: measures[{i}] has unknown category {cat!r} "
                                    f"(one of {', '.join(CATEGORIES)})")
                if "listed" in item and not isinstance(item["listed"], bool):
                    problems.append(f"{where}: measures[{i}].listed should be true or false")
    if need("hotlines", (list,), optional=True):
        for i, h in enumerate(gold["hotlines"], 1):
            if not isinstance(h, str) or not any(ch.isdigit() for ch in h):
                problems.append(f"{where}: hotlines[{i}] should be a number written as a string")
    if need("parties", (list,), optional=True):
        for i, p in enumerate(gold["parties"], 1):
            if not isinstance(p, dict) or not isinstance(p.get("name"), str) or not p["name"].strip():
                problems.append(f"{where}: parties[{i}] needs a name")
            elif p.get("role") not in ROLES:
                problems.append(f"{where}: parties[{i}] has unknown role {p.get('role')!r} (one of {', '.join(ROLES)})")
    return problems


def _manifest(folder: Path) -> dict[str, str]:
    """Incident names by document id from ``manifest.tsv`` (columns ``id`` and ``event``), if the folder has one."""
    path = folder / "manifest.tsv"
    if not path.is_file():
        return {}
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    return {r["id"]: (r.get("organization") or "") + "|" + (r.get("event") or "") for r in rows if r.get("id")}


def read_gold_dirs(dirs: list[str | Path]) -> list[GoldDoc]:
    """Every annotated document of the folders, validated; raises GoldError listing every problem."""
    docs: list[GoldDoc] = []
    problems: list[str] = []
    for d in dirs:
        folder = Path(d)
        if not folder.is_dir():
            problems.append(f"{folder}: not a folder")
            continue
        incidents = _manifest(folder)
        gold_files = sorted(folder.glob("*" + GOLD_SUFFIX))
        if not gold_files:
            problems.append(f"{folder}: no *{GOLD_SUFFIX} files")
        annotated = set()
        for gp in gold_files:
            try:
                gold = json.loads(gp.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError) as exc:
                problems.append(f"{gp}: unreadable: {exc}")
                continue
            except json.JSONDecodeError as exc:
                problems.append(f"{gp}: malformed JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}")
                continue
            found = _check(gold, str(gp))
            if found:
                problems.extend(found)
                if isinstance(gold, dict) and isinstance(gold.get("doc"), str):
                    annotated.add(gold["doc"])  # its problem is said once, not again as a page without gold
                continue
            doc_path = folder / gold["doc"]
            if not doc_path.is_file():
                problems.append(f"{gp}: its document {gold['doc']!r} is not in {folder}")
                continue
            annotated.add(doc_path.name)
            stem = gp.name[: -len(GOLD_SUFFIX)]
            docs.append(GoldDoc(doc_path, gp, gold, folder.name, incidents.get(stem, "")))
        for p in sorted(folder.iterdir()):
            if (p.is_file() and not p.name.endswith(GOLD_SUFFIX) and p.name not in annotated
                    and p.suffix.lower() in {".txt", ".md", ".html", ".htm", ".json", ".jsp", ".xml"}
                    and not p.name.upper().startswith(("README", "LICENSE"))):
                problems.append(f"{p}: document without {p.stem}{GOLD_SUFFIX}")
    if problems:
        raise GoldError(problems)
    return docs
