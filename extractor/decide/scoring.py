"""Scores of records against gold annotations, matched the way ../shared/eval/score.py matches them.

``make eval`` uses the shared scorer itself; this module lets ``extract train --cv K`` put cross-validated
figures into the model card of a user's own model, where no shared scorer is at hand. Measures and findings
pair one-to-one, greedily by similarity (ratio ≥ 0.7 on normalized text), parties by name (ratio ≥ 0.8),
hotlines by their digits.
"""
from __future__ import annotations

from dataclasses import dataclass

from .labels import MATCH, PARTY_MATCH, norm, number_key, ratio, same_org


@dataclass
class _PRF:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, tp: int, fp: int, fn: int) -> None:
        self.tp, self.fp, self.fn = self.tp + tp, self.fp + fp, self.fn + fn

    @property
    def f1(self) -> float:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


def match(gold: list[str], pred: list[str], at_least: float = MATCH) -> list[tuple[int, int]]:
    """Greedy one-to-one pairs (gold index, predicted index), the most similar first."""
    g, p = [norm(t) for t in gold], [norm(t) for t in pred]
    cand = sorted(((ratio(a, b, at_least), i, j) for i, a in enumerate(g) for j, b in enumerate(p)), reverse=True)
    used_g, used_p, pairs = set(), set(), []
    for r, i, j in cand:
        if r < at_least or i in used_g or j in used_p:
            continue
        used_g.add(i)
        used_p.add(j)
        pairs.append((i, j))
    return pairs


def score(pairs: list[tuple[dict, dict]]) -> dict[str, float]:
    """Figures over (gold annotation, record) pairs: F1 of measures, findings, hotlines and parties, recall of
    listed and prose measures, accuracy of categories, statements and companies."""
    measures, listed, prose, findings, hotlines, parties = _PRF(), _PRF(), _PRF(), _PRF(), _PRF(), _PRF()
    cat_ok = cat_n = stmt_ok = comp_ok = comp_n = 0
    for gold, rec in pairs:
        gm, pm = gold.get("measures", []), rec.get("measures") or []
        pm_pairs = match([m["text"] for m in gm], [m["text"] for m in pm])
        measures.add(len(pm_pairs), len(pm) - len(pm_pairs), len(gm) - len(pm_pairs))
        hit = {i for i, _ in pm_pairs}
        for want, prf in ((True, listed), (False, prose)):
            idx = [i for i, m in enumerate(gm) if bool(m.get("listed", True)) == want]
            tp = sum(i in hit for i in idx)
            prf.add(tp, 0, len(idx) - tp)
        for i, j in pm_pairs:
            if gm[i].get("category"):
                cat_n += 1
                cat_ok += pm[j].get("category") == gm[i]["category"]
        gf, pf = gold.get("findings", []), rec.get("findings") or []
        f_pairs = match([f["text"] for f in gf], [f["text"] for f in pf])
        findings.add(len(f_pairs), len(pf) - len(f_pairs), len(gf) - len(f_pairs))
        gh = {number_key(h) for h in gold.get("hotlines", [])} - {""}
        ph = {number_key(h["number"]) for h in rec.get("hotlines") or []} - {""}
        hotlines.add(len(gh & ph), len(ph - gh), len(gh - ph))
        gp = sorted({norm(p["name"]) for p in gold.get("parties", [])})
        pp = sorted({norm(p["name"]) for p in rec.get("parties") or []})
        p_pairs = match(gp, pp, PARTY_MATCH)
        parties.add(len(p_pairs), len(pp) - len(p_pairs), len(gp) - len(p_pairs))
        stmt_ok += bool(rec.get("is_statement")) == bool(gold.get("is_statement"))
        if gold.get("company"):
            comp_n += 1
            comp_ok += same_org(rec.get("company", ""), [gold["company"], *gold.get("company_aliases", [])])
    n = len(pairs) or 1
    return {
        "measures_f1": measures.f1, "listed_recall": listed.recall, "prose_recall": prose.recall,
        "category_accuracy": cat_ok / cat_n if cat_n else 1.0, "findings_f1": findings.f1,
        "hotlines_f1": hotlines.f1, "parties_f1": parties.f1, "is_statement_accuracy": stmt_ok / n,
        "company_accuracy": comp_ok / comp_n if comp_n else 1.0,
    }
