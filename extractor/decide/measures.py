"""From clause and item probabilities to the measures and findings of a document.

A list item the item decision calls a measure (or finding) is one, whole. Elsewhere each clause unit gets
measure / finding / neither; consecutive measure clauses form one measure unless the boundary decision says a
new one starts (同时，… / a new sentence with its own action), and a prose measure must hold an action verb.
A measure's score is the mean probability of its clauses. When the same action is told twice (a lead paraphrasing the statement quoted below it), only the
better-scored telling stays: the scorer, like a reader, counts it once.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from ..candidates import Candidates
from .features import UnitContext, break_features, item_features, leaf_items, unit_features
from .labels import norm, ratio
from .model import Model

RETOLD = 0.6        # similarity at which two chosen measures are one action told twice
MAX_RETOLD_CHECK = 300  # chosen measures compared pairwise at most (beyond, a page is a list, not a retelling)


@dataclass
class Chosen:
    """A measure or finding the decisions kept."""

    kind: str            # measure | finding
    start: int
    end: int
    score: float
    listed: bool
    ordinal: str = ""
    list_id: int | None = None
    section: str = ""
    level: int = 0
    rule: str = ""       # the list or cue rule the span came from
    decision: str = ""   # item | unit
    explain: list[tuple[str, float]] = field(default_factory=list)


def _lead_rule(ctx: UnitContext, first: int, last: int) -> str:
    for k in range(first, last + 1):
        for _s, _e, _verb, rid, cat, _w in ctx.cues[k]:
            if cat != "blocker":
                return rid
    for k in range(first, last + 1):
        for kind, rule, _starts in ctx.rule_cover[k]:
            return rule
    return "unit.clauses"


def decide_spans(cands: Candidates, model: Model, rs, explain: bool = False) -> list[Chosen]:
    """Measures and findings of a statement, in document order."""
    ctx = UnitContext(cands, rs)
    item_model, unit_model, boundary_model = model["item"], model["unit"], model["boundary"]
    chosen: list[Chosen] = []
    taken: list[tuple[int, int]] = []
    list_ids = {id(fl): k for k, fl in enumerate(cands.lists)}
    for fl, it in leaf_items(cands.lists):
        if it.children:
            continue
        feats = item_features(ctx, fl, it)
        label, p = item_model.predict(feats)
        if label == "none":
            continue
        kind = "measure" if label == "measure" else "finding"
        section = fl.parent.heading if fl.parent is not None else ""
        chosen.append(Chosen(kind, it.start, it.end, p, True, it.ordinal, list_ids.get(id(fl)), section, fl.level,
                             fl.kind_rule if fl.kind == "accountability" and fl.kind_rule else fl.rule, "item",
                             item_model.explain(feats, label) if explain else []))
        taken.append((it.start, it.end))
    taken.sort()
    taken_starts = [a for a, _ in taken]

    def inside(pos: int) -> bool:
        # kept items do not overlap (leaf items of lists), so the one starting last before pos is the only one
        k = bisect_right(taken_starts, pos) - 1
        return k >= 0 and pos < taken[k][1]

    unit_threshold = model.threshold("unit")
    labels: list[str] = []
    probs: list[float] = []
    feats_of: list[dict] = []
    for i, u in enumerate(ctx.units):
        if inside(u.start):
            labels.append("X")
            probs.append(0.0)
            feats_of.append({})
            continue
        feats = unit_features(ctx, i)
        probs_of = unit_model.predict_proba(feats)
        # A clause joins a measure (or finding) when that is likely enough; the threshold trades recall for
        # precision (the classes are weighted to balance in training).
        p_m, p_f = probs_of.get("M", 0.0), probs_of.get("F", 0.0)  # a model trained without findings has no F
        if p_m >= unit_threshold and p_m >= p_f:
            label = "M"
        elif p_f >= unit_threshold:
            label = "F"
        else:
            label = "O"
        labels.append(label)
        probs.append(probs_of.get(label, 0.0))
        feats_of.append(feats)
    threshold = model.threshold("boundary")
    i = 0
    n = len(labels)
    while i < n:
        label = labels[i]
        if label not in ("M", "F"):
            i += 1
            continue
        j = i
        while j + 1 < n and labels[j + 1] == label and (
                label == "F" or boundary_model.prob(break_features(ctx, j + 1)) < threshold):
            j += 1
        start, end = ctx.units[i].start, ctx.units[j].end
        score = sum(probs[i:j + 1]) / (j - i + 1)
        if label == "M" and not any(c[4] != "blocker" for k in range(i, j + 1) for c in ctx.cues[k]):
            # The annotation guideline's prose measure states a concrete action (GOLD_SCHEMA: cue verbs): a run
            # of clauses without any action verb is a frame, a date or a caption, not a measure. Measured:
            # cross-validated measures F1 0.52 -> 0.54.
            i = j + 1
            continue
        item = ctx.units[i].item
        chosen.append(Chosen("measure" if label == "M" else "finding", start, end, score, False,
                             rule=_lead_rule(ctx, i, j), decision="unit",
                             explain=unit_model.explain(feats_of[i], label) if explain else []))
        if item is not None and ctx.units[i].owner is not None:
            chosen[-1].section = ctx.units[i].owner.parent.heading if ctx.units[i].owner.parent else ""
        i = j + 1
    chosen.sort(key=lambda c: (c.start, c.end))
    return _drop_retold(cands, chosen)


def _drop_retold(cands: Candidates, chosen: list[Chosen]) -> list[Chosen]:
    measures = [c for c in chosen if c.kind == "measure"]
    if len(measures) < 2 or len(measures) > MAX_RETOLD_CHECK:
        return chosen
    text = cands.clean.view
    normed = [norm(text[c.start:c.end]) for c in measures]
    drop: set[int] = set()
    for a in range(len(measures)):
        for b in range(a + 1, len(measures)):
            if a in drop or b in drop or not normed[a] or not normed[b]:
                continue
            short, long_ = sorted((len(normed[a]), len(normed[b])))
            if short < 0.5 * long_:
                continue
            if ratio(normed[a], normed[b], RETOLD) >= RETOLD:
                ka = (measures[a].listed, measures[a].score)
                kb = (measures[b].listed, measures[b].score)
                drop.add(b if ka >= kb else a)
    gone = {id(measures[k]) for k in drop}
    return [c for c in chosen if id(c) not in gone]
