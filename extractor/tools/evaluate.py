"""``make eval``: run the extractor over the gold sets, score it with the shared scorer, report per rule.

    python -m extractor.tools.evaluate [--sets seeds,dev] [--segmenter pkuseg|char|both] [--out DIR] [--shared DIR]

For every set (a folder of documents with ``<stem>.gold.json`` beside them, under the ``shared`` directory next to
the project root) and every segmenter, this writes the predictions to ``<out>/<set>.jsonl`` (``<set>.<segmenter>.jsonl``
with ``--segmenter both``), runs ``<shared>/eval/score.py`` on them with the same Python, prints the scores side by
side against the targets of the issues, and writes the same tables plus the rule statistics (see
``extractor.tools.rulestats``) to ``<out>/report.md``.

This module is a command: it prints. The functions it is made of return values.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from ..ruleset import load_ruleset
from ..run import Options, iter_records
from .rulestats import collect_rule_stats, format_rule_stats, load_gold, load_scorer, pair_with_gold

__all__ = ["EvalRun", "default_shared_dir", "write_predictions", "score_predictions", "run_eval",
           "format_scores", "main"]

# The scorer's keys shown in the table, with the figure shown for PRF blocks.
METRICS: list[tuple[str, str]] = [
    ("measures", "f1"), ("measures", "p"), ("measures", "r"),
    ("measures_listed_recall", ""), ("measures_prose_recall", ""), ("measure_exact_boundary_rate", ""),
    ("measure_category_accuracy", ""), ("findings", "f1"), ("parties", "f1"), ("hotlines", "f1"),
    ("is_statement_accuracy", ""), ("apology_accuracy", ""), ("company_accuracy", ""),
    ("stated_count_accuracy", ""),
]

# "Done when" of issue 2 (seeds) and issue 3 (dev): the minimum each figure must reach.
TARGETS: dict[str, dict[str, float]] = {
    "seeds": {"measures.f1": 0.90, "measures_listed_recall": 1.0, "findings.f1": 1.0, "stated_count_accuracy": 1.0},
    "dev": {"measures.f1": 0.85, "measures_listed_recall": 0.95, "measures_prose_recall": 0.80,
            "measure_category_accuracy": 0.80, "parties.f1": 0.75, "findings.f1": 0.80,
            "is_statement_accuracy": 0.92, "apology_accuracy": 0.92, "company_accuracy": 0.85,
            "stated_count_accuracy": 1.0},
}


@dataclass
class EvalRun:
    """One set scored with one segmenter."""

    set_name: str
    segmenter: str
    pred_path: Path
    scores: dict
    records: list[dict]


def default_shared_dir() -> Path:
    """``shared`` next to the project root (../shared from a checkout)."""
    return Path(__file__).resolve().parents[3] / "shared"


def write_predictions(records: Iterable[dict], path: Path) -> list[dict]:
    """Write ``records`` as JSON Lines to ``path``; returns them as a list."""
    path.parent.mkdir(parents=True, exist_ok=True)
    out = []
    with path.open("w", encoding="utf-8") as fh:
        for rec in records:
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
            out.append(rec)
    return out


def score_predictions(score_py: Path, gold_dir: Path, pred_path: Path) -> dict:
    """Run the shared scorer in a subprocess with this Python; returns its ``--json`` output."""
    proc = subprocess.run([sys.executable, str(score_py), str(gold_dir), str(pred_path), "--json"],
                          capture_output=True, text=True, encoding="utf-8")
    if proc.returncode != 0:
        raise RuntimeError(f"{score_py} failed ({proc.returncode}): {proc.stderr.strip()[-500:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def run_eval(sets: list[str], segmenters: list[str], shared: Path, out: Path, rules: str | None = None,
             jobs: int = 1) -> list[EvalRun]:
    """Extract, write and score every (set, segmenter) pair."""
    score_py = shared / "eval" / "score.py"
    runs = []
    for segmenter in segmenters:
        options = Options(segmenter=segmenter, rules=rules, with_text=False)
        for name in sets:
            gold_dir = shared / name
            if not gold_dir.is_dir():
                raise FileNotFoundError(f"{gold_dir}: no such set (use --shared or --sets)")
            pred = out / (f"{name}.jsonl" if len(segmenters) == 1 else f"{name}.{segmenter}.jsonl")
            records = write_predictions(iter_records([str(gold_dir)], options, jobs=jobs), pred)
            runs.append(EvalRun(name, segmenter, pred, score_predictions(score_py, gold_dir, pred), records))
    return runs


def _value(scores: dict, key: str, sub: str):
    v = scores.get(key)
    return v.get(sub) if isinstance(v, dict) else v


def format_scores(runs: list[EvalRun]) -> str:
    """A Markdown table: one row per metric, one column per (set, segmenter); ✗ marks a missed target."""
    heads = [f"{r.set_name} ({r.segmenter})" for r in runs]
    lines = ["| metric | " + " | ".join(heads) + " |", "|---" * (len(runs) + 1) + "|"]
    for key, sub in METRICS:
        label = f"{key}.{sub}" if sub else key
        cells = []
        for r in runs:
            v = _value(r.scores, key, sub)
            target = TARGETS.get(r.set_name, {}).get(label)
            cell = "-" if v is None else f"{v:.3f}"
            if v is not None and target is not None:
                cell += " ✓" if v >= target else f" ✗ (≥{target:g})"
            cells.append(cell)
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    docs = " | ".join(str(r.scores.get("documents", "-")) for r in runs)
    lines.append(f"| documents | {docs} |")
    missing = [f"{r.set_name}: {', '.join(r.scores['documents_without_output'])}"
               for r in runs if r.scores.get("documents_without_output")]
    if missing:
        lines += ["", "Documents without output: " + "; ".join(missing)]
    return "\n".join(lines) + "\n"


def format_rule_report(runs: list[EvalRun], shared: Path, rules: str | None = None) -> str:
    """Rule statistics of the first segmenter's runs, over all its sets together."""
    scorer = load_scorer(shared / "eval" / "score.py")
    first = [r for r in runs if r.segmenter == runs[0].segmenter]
    pairs = [pair for r in first for pair in pair_with_gold(r.records, load_gold(shared / r.set_name))]
    stats = collect_rule_stats(pairs, scorer)
    title = f"Rule statistics ({', '.join(r.set_name for r in first)}; segmenter {runs[0].segmenter})"
    return format_rule_stats(stats, load_ruleset(rules).all_ids(), title=title)


def main(argv: list[str] | None = None) -> int:
    """Command line entry: see the module docstring."""
    ap = argparse.ArgumentParser(prog="python -m extractor.tools.evaluate", description=__doc__.splitlines()[0])
    ap.add_argument("--sets", default="seeds,dev", help="comma-separated set folders under --shared")
    ap.add_argument("--segmenter", default="pkuseg", choices=["pkuseg", "char", "none", "both"])
    ap.add_argument("--out", default="out/eval", help="folder for <set>.jsonl and report.md")
    ap.add_argument("--shared", default=str(default_shared_dir()), help="folder holding the sets and eval/score.py")
    ap.add_argument("--rules", default=None, help="folder of rule files overlaid on the shipped ones")
    ap.add_argument("-j", "--jobs", type=int, default=1)
    a = ap.parse_args(argv)
    sets = [s for s in a.sets.split(",") if s]
    segmenters = ["pkuseg", "char"] if a.segmenter == "both" else [a.segmenter]
    shared, out = Path(a.shared), Path(a.out)
    try:
        runs = run_eval(sets, segmenters, shared, out, a.rules, a.jobs)
    except (FileNotFoundError, RuntimeError) as exc:
        print(f"evaluate: {exc}", file=sys.stderr)
        return 2
    scores = format_scores(runs)
    rules_report = format_rule_report(runs, shared, a.rules)
    print(scores)
    print(rules_report)
    report = out / "report.md"
    report.write_text("# Evaluation\n\n" + scores + "\n" + rules_report, encoding="utf-8")
    print(f"written: {', '.join(str(r.pred_path) for r in runs)}, {report}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
