"""``make curve``: how the held-out figures grow with the number of annotated pages.

    python -m extractor.tools.learning_curve [--sets seeds,dev,dev2] [--fractions 0.25,0.5,0.75,1] [--seeds 2]
                                             [--folds 5] [--shared DIR]

The same cross-validation as ``make eval`` (5 folds grouped by incident over the sets), except that each fold's
model is trained on a share of its training incidents only, drawn at random (``--seeds`` draws per share, their
figures averaged); the held-out fold is always scored whole. A curve still rising at the full share says that
more annotated pages would raise the figures, and by about how much: the question a team asks before annotating
its own pages (README, "Adapt it to your documents").
"""
from __future__ import annotations

import argparse
import random
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from ..decide.gold import read_gold_dirs
from ..decide.train import Prepared, fit_model, prepare_all
from ..errors import ExtractorError
from ..ruleset import RuleSet, load_ruleset
from ..run import Options
from .crossval import FOLDS, extract_prepared, groups_of, score_records, stemmed

__all__ = ["CurvePoint", "subsample_groups", "learning_curve", "format_curve", "main"]


@dataclass
class CurvePoint:
    """Held-out figures of the models trained on ``fraction`` of each fold's training incidents."""

    fraction: float
    train_pages: float  # mean over the folds (and draws)
    measures_f1: float
    last_set_f1: float  # measures F1 on the last set's pages only (dev2: the kind unseen pages are)
    is_statement: float


def subsample_groups(train_idx: Sequence[int], groups: Sequence[int], fraction: float, seed: int) -> list[int]:
    """The indices of ``train_idx`` whose incident group is among a random ``fraction`` of the groups there (at
    least one group): whole incidents, as the folds are, so that no share splits an event."""
    present = sorted({groups[i] for i in train_idx})
    random.Random(seed).shuffle(present)
    keep = set(present[:max(1, round(fraction * len(present)))])
    return [i for i in train_idx if groups[i] in keep]


def learning_curve(prepared: Sequence[Prepared], rs: RuleSet, options: Options, score_py: Path,
                   fractions: Sequence[float], seeds: int = 2, last_set: int = 0,
                   folds: int = FOLDS) -> list[CurvePoint]:
    """One point per fraction; ``last_set``: how many of the last prepared documents make the last set."""
    from sklearn.model_selection import GroupKFold

    groups = groups_of(prepared)
    splits = list(GroupKFold(n_splits=folds).split(list(range(len(prepared))), groups=groups))
    points = []
    for fraction in fractions:
        draws = range(1, seeds + 1) if fraction < 1 else range(1, 2)  # the whole share is one draw
        figures = []
        for seed in draws:
            records: list[dict | None] = [None] * len(prepared)
            pages = 0
            for train_idx, test_idx in splits:
                sub = subsample_groups(train_idx, groups, fraction, seed)
                pages += len(sub)
                model = fit_model([prepared[i] for i in sub])
                for i, rec in zip(test_idx, extract_prepared([prepared[i] for i in test_idx], model, rs, options)):
                    records[i] = rec
            recs = stemmed([r for r in records if r is not None], prepared)
            s = score_records(recs, prepared, score_py)
            last = (score_records(recs[-last_set:], prepared[-last_set:], score_py)["measures"]["f1"]
                    if last_set else float("nan"))
            figures.append((pages / len(splits), s["measures"]["f1"], last, s["is_statement_accuracy"]))
        mean = [sum(f[k] for f in figures) / len(figures) for k in range(4)]
        points.append(CurvePoint(fraction, mean[0], mean[1], mean[2], mean[3]))
    return points


def format_curve(points: Sequence[CurvePoint], last_name: str) -> str:
    """A Markdown table of the curve."""
    lines = ["| share of training incidents | training pages per fold | measures F1 (held out) | "
             f"{last_name}'s pages | is_statement |", "|---:|---:|---:|---:|---:|"]
    for p in points:
        lines.append(f"| {p.fraction:.2f} | {p.train_pages:.0f} | {p.measures_f1:.3f} | {p.last_set_f1:.3f} | "
                     f"{p.is_statement:.3f} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Command line entry: see the module docstring."""
    from .evaluate import default_shared_dir, shared_problem

    ap = argparse.ArgumentParser(prog="python -m extractor.tools.learning_curve",
                                 description=__doc__.splitlines()[0])
    ap.add_argument("--sets", default="seeds,dev,dev2", help="comma-separated gold folders under --shared")
    ap.add_argument("--fractions", default="0.25,0.5,0.75,1", help="shares of each fold's training incidents")
    ap.add_argument("--seeds", type=int, default=2, help="random draws per share below 1")
    ap.add_argument("--folds", type=int, default=FOLDS)
    ap.add_argument("--shared", default=str(default_shared_dir()), help="folder holding the sets and eval/score.py")
    a = ap.parse_args(argv)
    sets = [s for s in a.sets.split(",") if s]
    shared = Path(a.shared)
    try:
        fractions = [float(x) for x in a.fractions.split(",") if x]
    except ValueError:
        print(f"learning_curve: --fractions {a.fractions!r}: not numbers", file=sys.stderr)
        return 2
    if not fractions or any(not 0 < f <= 1 for f in fractions) or a.seeds < 1 or a.folds < 2:
        print("learning_curve: --fractions must lie in (0, 1], --seeds at least 1 and --folds at least 2",
              file=sys.stderr)
        return 2
    problem = shared_problem(shared, sets)
    if problem:
        print(f"learning_curve: {problem}", file=sys.stderr)
        return 2
    try:
        rs = load_ruleset(None)
        by_set = [prepare_all(read_gold_dirs([shared / s]), rs) for s in sets]
    except ExtractorError as exc:
        print(f"learning_curve: {exc}", file=sys.stderr)
        return 2
    prepared = [p for ps in by_set for p in ps]
    try:
        points = learning_curve(prepared, rs, Options(with_text=False), shared / "eval" / "score.py", fractions,
                                a.seeds, len(by_set[-1]), a.folds)
    except ValueError as exc:  # fewer incidents than folds (GroupKFold's own words say how many)
        print(f"learning_curve: {', '.join(sets)}: {exc}", file=sys.stderr)
        return 2
    print(format_curve(points, sets[-1]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
