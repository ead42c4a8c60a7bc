"""Held-out figures: document-grouped cross-validation, cross-set transfer, and the candidates' ceiling.

Every gold document is prepared once (load, clean, candidates, features, labels); each fold then trains the
decisions on the other folds and extracts the held-out documents with the same code the command line runs
(run/pipeline.py ``decide_record``), and the shared scorer scores the records. Folds group documents by
incident (decide/groups.py), so no event is on both sides of a split.
"""
from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from ..decide.groups import incident_groups
from ..decide.model import Model
from ..decide.train import Prepared, fit_model
from ..ruleset import RuleSet
from ..run.pipeline import Options, decide_record

FOLDS = 5


@dataclass
class Scored:
    """Records of one experiment and the scorer's figures for them."""

    name: str
    provenance: str  # in-sample | cross-validated | cross-set
    records: list[dict]
    scores: dict


def extract_prepared(prepared: Sequence[Prepared], model: Model, rs: RuleSet, options: Options) -> list[dict]:
    """Records of prepared documents under ``model`` (the pipeline's decisions and fields, nothing re-read)."""
    out = []
    for p in prepared:
        rec = decide_record(p.new_record(), p.signals, model, rs, options, p.cands)
        out.append(rec.as_dict(with_text=False))
    return out


def score_records(records: list[dict], prepared: Sequence[Prepared], score_py: Path) -> dict:
    """The shared scorer's figures for ``records`` against the gold files of ``prepared``."""
    with tempfile.TemporaryDirectory() as tmp:
        gold_dir = Path(tmp) / "gold"
        gold_dir.mkdir()
        for p in prepared:
            (gold_dir / p.gold.gold_path.name).write_text(json.dumps(p.gold.gold, ensure_ascii=False),
                                                          encoding="utf-8")
        pred = Path(tmp) / "pred.jsonl"
        with pred.open("w", encoding="utf-8") as fh:
            for rec in records:
                # The scorer pairs by file stem: give each record its gold file's stem.
                fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
        proc = subprocess.run([sys.executable, str(score_py), str(gold_dir), str(pred), "--json"],
                              capture_output=True, text=True, encoding="utf-8")
    if proc.returncode != 0:
        raise RuntimeError(f"{score_py} failed ({proc.returncode}): {proc.stderr.strip()[-500:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def stemmed(records: list[dict], prepared: Sequence[Prepared]) -> list[dict]:
    for rec, p in zip(records, prepared):
        rec["doc_id"] = p.gold.stem + p.gold.path.suffix
    return records


def groups_of(prepared: Sequence[Prepared]) -> list[int]:
    """Incident groups of the prepared documents."""
    return incident_groups([p.gold.incident for p in prepared], [p.gold.gold.get("company", "") for p in prepared],
                           [p.signals.clean.view for p in prepared])


def random_group_folds(groups: Sequence[int], folds: int, seed: int) -> list[tuple[list[int], list[int]]]:
    """``(train, test)`` index lists with whole groups dealt to ``folds`` folds in a random order (``seed``): another
    split of the same incidents, to see how much one split's figures owe to where the groups fell."""
    import random

    order = sorted(set(groups))
    random.Random(seed).shuffle(order)
    fold_of = {g: k % folds for k, g in enumerate(order)}
    return [([i for i, g in enumerate(groups) if fold_of[g] != k], [i for i, g in enumerate(groups) if fold_of[g] == k])
            for k in range(folds)]


def cross_validate(prepared: Sequence[Prepared], rs: RuleSet, options: Options, folds: int = FOLDS,
                   seed: int | None = None) -> list[dict]:
    """Out-of-fold records, in the order of ``prepared``. Folds are GroupKFold's (groups balanced by size), or with
    ``seed`` the groups dealt at random (:func:`random_group_folds`)."""
    from sklearn.model_selection import GroupKFold

    groups = groups_of(prepared)
    records: list[dict | None] = [None] * len(prepared)
    splits = (random_group_folds(groups, folds, seed) if seed is not None
              else GroupKFold(n_splits=folds).split(list(range(len(prepared))), groups=groups))
    for train_idx, test_idx in splits:
        model = fit_model([prepared[i] for i in train_idx])
        recs = extract_prepared([prepared[i] for i in test_idx], model, rs, options)
        for i, rec in zip(test_idx, recs):
            records[i] = rec
    return stemmed([r for r in records if r is not None], prepared)


def transfer(train: Sequence[Prepared], test: Sequence[Prepared], rs: RuleSet, options: Options) -> list[dict]:
    """Records of ``test`` under a model trained on ``train`` only."""
    return stemmed(extract_prepared(test, fit_model(train), rs, options), test)


def in_sample(prepared: Sequence[Prepared], rs: RuleSet, options: Options) -> list[dict]:
    return stemmed(extract_prepared(prepared, fit_model(prepared), rs, options), prepared)


def company_exact(records: Sequence[dict], prepared: Sequence[Prepared]) -> tuple[float, int]:
    """(share, pages): of the pages whose gold names a company, those whose ``company`` is that name or one of its
    aliases exactly (after the scorer's normalization). Stricter than the scorer, which also accepts a piece of
    the name (华莱 for 华莱士) or a longer string holding it."""
    from ..decide.labels import norm

    ok = n = 0
    for rec, p in zip(records, prepared):
        gold = p.gold.gold
        if not gold.get("company"):
            continue
        n += 1
        names = {norm(x) for x in [gold["company"], *gold.get("company_aliases", [])] if x}
        ok += bool(rec.get("company")) and norm(rec["company"]) in names
    return (ok / n if n else 0.0), n


def candidate_recall(prepared: Sequence[Prepared]) -> dict[str, float]:
    """Share of gold measures, findings, hotlines, parties and companies that some candidate can match: the
    models' ceiling (a company counts when an organization candidate names it as the scorer compares names)."""
    n_m = sum(len(p.gold.gold.get("measures", [])) for p in prepared)
    n_f = sum(len(p.gold.gold.get("findings", [])) for p in prepared)
    n_h = sum(len(p.gold.gold.get("hotlines", [])) for p in prepared)
    n_p = sum(len(p.gold.gold.get("parties", [])) for p in prepared)
    with_company = [p for p in prepared if p.company_found is not None]
    lost_m = sum(p.lost_measures for p in prepared)
    lost_f = sum(p.lost_findings for p in prepared)
    found_h = sum(p.hotlines_found for p in prepared)
    found_p = sum(p.parties_found for p in prepared)
    found_c = sum(bool(p.company_found) for p in with_company)
    return {
        "measures": round(1 - lost_m / n_m, 4) if n_m else 1.0,
        "findings": round(1 - lost_f / n_f, 4) if n_f else 1.0,
        "hotlines": round(found_h / n_h, 4) if n_h else 1.0,
        "parties": round(found_p / n_p, 4) if n_p else 1.0,
        "company": round(found_c / len(with_company), 4) if with_company else 1.0,
        "n_measures": n_m, "n_findings": n_f, "n_hotlines": n_h, "n_parties": n_p, "n_company": len(with_company),
    }


def card_figures(prepared: Sequence[Prepared], rs: RuleSet, folds: int = FOLDS) -> str:
    """Cross-validated figures for a model card, scored in-process (decide/scoring.py): a Markdown table."""
    from ..decide.scoring import score

    n_groups = len(set(groups_of(prepared)))
    folds = min(folds, n_groups)
    if folds < 2:
        return "Not cross-validated: fewer than two incident groups in the training data.\n"
    records = cross_validate(prepared, rs, Options(with_text=False), folds)
    figures = score([(p.gold.gold, r) for p, r in zip(prepared, records)])
    lines = [f"{folds}-fold cross-validation over the training documents, folds grouped by incident "
             f"({n_groups} groups): each figure is on documents the fold's model did not see.", "",
             "| figure | value |", "|---|---:|"]
    lines += [f"| {k.replace('_', ' ')} | {v:.3f} |" for k, v in figures.items()]
    return "\n".join(lines) + "\n"
