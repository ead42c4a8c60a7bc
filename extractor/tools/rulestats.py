"""Per-rule statistics: how often each rule id fires in the output and how often that output matched gold.

A rule writer reads this table to see which rules help (high precision) and which hurt (many fires, few hits).
Gold comparison uses the official scorer's own functions (``match_items``, ``norm``, ``party_names``, ``norm_number``)
imported from ``score.py`` by path, so "matched" here means exactly what it means in the scores.

What counts, per output value (the ``field`` column):

* ``measure``: a measure's ``rule``; a hit when the measure is matched to a gold measure.
* ``category``: a measure's ``category_rule``; judged only when the measure matched a gold measure that has a
  category, and a hit when the categories are equal.
* ``finding``: a finding's ``rule``; a hit when the finding is matched to a gold finding.
* ``party``: a document party's ``rule``; a hit when its name matches a gold party name (scorer's 0.8 ratio).
* ``hotline``: a document hotline's ``rule``; a hit when its number is a gold hotline.
* ``status``, ``deadline``, ``timeline``: counted as fires only; gold has no such field, so they are not judged.

Precision = hits / judged. Documents without a gold file are skipped.
"""
from __future__ import annotations

import importlib.util
import json
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Iterable

__all__ = ["RuleStat", "load_scorer", "load_gold", "pair_with_gold", "collect_rule_stats", "format_rule_stats", "never_fired"]

UNJUDGED = {"status", "deadline", "timeline"}


@dataclass
class RuleStat:
    """Counts for one (rule id, field) pair."""

    rule: str
    field: str
    fires: int = 0
    judged: int = 0
    hits: int = 0

    @property
    def precision(self) -> float | None:
        return self.hits / self.judged if self.judged else None


def load_scorer(path: str | Path) -> ModuleType:
    """Import the scorer script at ``path`` as a module (it is not a package, so import it by file)."""
    path = Path(path)
    spec = importlib.util.spec_from_file_location("_gold_score", path)
    if spec is None or spec.loader is None:
        raise FileNotFoundError(f"{path}: cannot import the scorer")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def load_gold(gold_dir: str | Path) -> dict[str, dict]:
    """Gold annotations by document stem (``<stem>.gold.json``)."""
    out = {}
    for f in sorted(Path(gold_dir).glob("*.gold.json")):
        out[f.name[: -len(".gold.json")]] = json.loads(f.read_text(encoding="utf-8"))
    return out


def doc_stem(record: dict) -> str:
    """The stem the scorer uses to pair a record with its gold file."""
    return Path(str(record.get("doc_id", ""))).name.rsplit(".", 1)[0]


class _Tally:
    def __init__(self) -> None:
        self.stats: dict[tuple[str, str], RuleStat] = {}

    def add(self, rule: str | None, field: str, judged: bool = False, hit: bool = False) -> None:
        if not rule:
            return
        st = self.stats.setdefault((rule, field), RuleStat(rule, field))
        st.fires += 1
        st.judged += judged
        st.hits += hit


def _tally_items(tally: _Tally, scorer: ModuleType, gold: list, pred: list, field: str, min_ratio: float) -> None:
    pairs = {j: i for i, j, _ in scorer.match_items(gold, pred, min_ratio)}
    for j, item in enumerate(pred):
        tally.add(item.get("rule"), field, judged=True, hit=j in pairs)
        if field != "measure":
            continue
        gi = pairs.get(j)
        gold_cat = gold[gi].get("category") if gi is not None else None
        tally.add(item.get("category_rule"), "category", judged=bool(gold_cat),
                  hit=bool(gold_cat) and item.get("category") == gold_cat)
        tally.add(item.get("status_rule"), "status")
        tally.add((item.get("deadline") or {}).get("rule"), "deadline")


def _tally_parties(tally: _Tally, scorer: ModuleType, gold: dict, parties: list) -> None:
    gold_names = [{"text": n} for n in scorer.party_names(gold.get("parties"))]
    for p in parties:
        name = scorer.norm(p.get("name", ""))
        hit = bool(name) and bool(scorer.match_items(gold_names, [{"text": name}], 0.8))
        tally.add(p.get("rule"), "party", judged=True, hit=hit)


def _tally_hotlines(tally: _Tally, scorer: ModuleType, gold: dict, hotlines: list) -> None:
    gold_numbers = {scorer.norm_number(x) for x in gold.get("hotlines", [])} - {""}
    for h in hotlines:
        number = scorer.norm_number(h.get("number", ""))
        tally.add(h.get("rule"), "hotline", judged=True, hit=number in gold_numbers)


def pair_with_gold(records: Iterable[dict], gold: dict[str, dict]) -> list[tuple[dict, dict]]:
    """(record, gold) pairs by document stem, as the scorer pairs them; records without gold are dropped."""
    return [(rec, gold[doc_stem(rec)]) for rec in records if doc_stem(rec) in gold]


def collect_rule_stats(pairs: Iterable[tuple[dict, dict]], scorer: ModuleType,
                       min_ratio: float = 0.7) -> list[RuleStat]:
    """Fires, judged and hits per (rule id, field) over (record, gold) pairs (see ``pair_with_gold``).

    Sorted by fires (most first), then rule id.
    """
    tally = _Tally()
    for rec, g in pairs:
        _tally_items(tally, scorer, g.get("measures", []), rec.get("measures") or [], "measure", min_ratio)
        _tally_items(tally, scorer, g.get("findings", []), rec.get("findings") or [], "finding", min_ratio)
        _tally_parties(tally, scorer, g, rec.get("parties") or [])
        _tally_hotlines(tally, scorer, g, rec.get("hotlines") or [])
        for entry in rec.get("timeline") or []:
            tally.add(entry.get("rule"), "timeline")
    return sorted(tally.stats.values(), key=lambda s: (-s.fires, s.rule, s.field))


def never_fired(stats: list[RuleStat], rule_ids: Iterable[str]) -> tuple[list[str], list[str]]:
    """Split the rule ids that never fired into (in a family that shows in output, in a family that never does).

    A family is the part of the id before the first dot (``hotline``, ``party``...). Families such as ``noise``
    or ``statement`` steer decisions without leaving their id on any output value, so they cannot fire here.
    """
    fired = {s.rule for s in stats}
    families = {r.split(".", 1)[0] for r in fired}
    silent = sorted(set(rule_ids) - fired)
    return [r for r in silent if r.split(".", 1)[0] in families], [r for r in silent if r.split(".", 1)[0] not in families]


def _by_family(ids: list[str]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for rid in ids:
        out.setdefault(rid.split(".", 1)[0], []).append(rid)
    return out


def format_rule_stats(stats: list[RuleStat], rule_ids: Iterable[str] = (), title: str = "Rule statistics") -> str:
    """A Markdown report: one row per (rule, field) sorted by fires, then the rules that never fired."""
    lines = [f"## {title}", "",
             "precision = hits / judged; status, deadline and timeline have no gold field (not judged).", "",
             "| rule | field | fires | judged | hits | precision |",
             "|------|-------|------:|-------:|-----:|----------:|"]
    for s in stats:
        p = "-" if s.precision is None else f"{s.precision:.2f}"
        lines.append(f"| {s.rule} | {s.field} | {s.fires} | {s.judged} | {s.hits} | {p} |")
    traced, untraced = never_fired(stats, rule_ids)
    if traced:
        lines += ["", f"Never fired ({len(traced)}), by family:", ""]
        for fam, ids in _by_family(traced).items():
            lines.append(f"- {fam} ({len(ids)}): " + ", ".join(ids))
    if untraced:
        counts = Counter(r.split(".", 1)[0] for r in untraced)
        lines += ["", "Not traced in output (these families steer decisions but leave no rule id on values): "
                  + ", ".join(f"{fam} ({n})" for fam, n in sorted(counts.items()))]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    """``python -m extractor.tools.rulestats SCORE_PY GOLD_DIR PRED.jsonl``: print the report for one prediction
    file."""
    import argparse

    from ..ruleset import load_ruleset

    ap = argparse.ArgumentParser(description="Per-rule fires and hits against gold annotations.")
    ap.add_argument("score_py", help="path of the scorer (../shared/eval/score.py)")
    ap.add_argument("gold_dir")
    ap.add_argument("pred", help="extractor output, JSON Lines")
    ap.add_argument("--min-ratio", type=float, default=0.7)
    a = ap.parse_args(argv)
    with open(a.pred, encoding="utf-8") as fh:
        records = [json.loads(line) for line in fh if line.strip()]
    stats = collect_rule_stats(pair_with_gold(records, load_gold(a.gold_dir)), load_scorer(a.score_py), a.min_ratio)
    sys.stdout.write(format_rule_stats(stats, load_ruleset().all_ids()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
