"""From item, span and clause probabilities to the measures and findings of a document.

A list item the item decision calls a measure (or finding) is one, whole. Elsewhere, every run of clauses
inside a sentence that holds an action verb is a candidate measure, and the span decision scores each run as
one whole measure; the best set of runs that do not overlap wins (weighted interval scheduling: the sum of
each run's log-odds above the threshold's), so a condition before the action or a purpose after it joins
the measure when that makes a likelier whole, and two actions in one sentence stay two when each is
likelier alone; no chosen run joins clauses across a semicolon. Findings are runs of clauses the clause
decision calls F. When the same action is told twice (a lead paraphrasing the statement quoted below it), only
the better-scored telling stays: the scorer, like a reader, counts it once.
"""
from __future__ import annotations

import math
from bisect import bisect_right
from dataclasses import dataclass, field

from ..candidates import Candidates
from ..candidates.attribution import OTHERS_ACT
from ..structure.list_types import FoundList
from ..structure.series import SEMICOLONS
from .features import (SpanScorer, UnitContext, item_features, leaf_items, span_candidates, span_features,
                       unit_features)
from .labels import norm, ratio
from .model import Model

RETOLD = 0.6        # similarity at which two chosen measures are one action told twice
LIST_COPY = 0.9     # similarity of every item pair at which two lists are one list told twice (a copy repeats its
# items nearly word for word; the sanctions of two subjects differ in at least one item)
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
    item_model, unit_model = model["item"], model["unit"]
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

    n = len(ctx.units)
    usable = [not inside(u.start) and not u.skip for u in ctx.units]
    feats_of: list[dict] = [unit_features(ctx, i) if usable[i] else {} for i in range(n)]
    covered = [False] * n
    for a, b, p, why in _best_spans(ctx, feats_of, usable, model, explain):
        chosen.append(Chosen("measure", ctx.units[a].start, ctx.units[b].end, p, False, rule=_lead_rule(ctx, a, b),
                             decision="span", explain=why))
        if ctx.units[a].item is not None and ctx.units[a].owner is not None and ctx.units[a].owner.parent:
            chosen[-1].section = ctx.units[a].owner.parent.heading
        covered[a:b + 1] = [True] * (b - a + 1)
    # Findings: runs of clauses the clause decision calls F, outside the chosen items and measures.
    threshold = model.threshold("unit")
    labels: list[str] = []
    probs: list[float] = []
    for i in range(n):
        if not usable[i] or covered[i]:
            labels.append("X")
            probs.append(0.0)
            continue
        # A model trained without findings has no F class.
        p = unit_model.predict_proba(feats_of[i])
        is_f = p.get("F", 0.0) >= threshold and p.get("F", 0.0) > p.get("M", 0.0)
        labels.append("F" if is_f else "O")
        probs.append(p.get("F", 0.0))
    i = 0
    while i < n:
        if labels[i] != "F":
            i += 1
            continue
        j = i
        while j + 1 < n and labels[j + 1] == "F":
            j += 1
        chosen.append(Chosen("finding", ctx.units[i].start, ctx.units[j].end, sum(probs[i:j + 1]) / (j - i + 1),
                             False, rule=_lead_rule(ctx, i, j), decision="unit",
                             explain=unit_model.explain(feats_of[i], "F") if explain else []))
        i = j + 1
    chosen.sort(key=lambda c: (c.start, c.end))
    return _drop_retold(cands, chosen)


def _best_spans(ctx: UnitContext, feats_of: list[dict], usable: list[bool], model: Model,
                explain: bool) -> list[tuple[int, int, float, list[tuple[str, float]]]]:
    """The runs of units ``(first, last, probability, why)`` that together score best and do not overlap."""
    span_model = model["span"]
    # Runs are compared by log-odds, which the binary span model gives directly (a sigmoid and back would only
    # lose precision at the extremes); a span decision of more than two classes (a model file made by hand) gives
    # a probability from the features themselves.
    if span_model.binary:
        scorer = SpanScorer(ctx, feats_of, span_model)
        log_odds = scorer.logit
    else:
        log_odds = lambda a, b: _log_odds(span_model.prob(span_features(ctx, feats_of, a, b)))  # noqa: E731
    floor = _log_odds(model.threshold("span"))
    ending: dict[int, list[tuple[int, float]]] = {}
    breaks = _semicolon_breaks(ctx)
    kept_out = _kept_out_after_first(ctx)
    no_start = _opens_no_measure(ctx)
    for a, b in span_candidates(ctx, lambda k: usable[k]):
        if breaks[b] - breaks[a] or kept_out[b + 1] - kept_out[a + 1] or no_start[a]:
            continue
        z = log_odds(a, b)
        if z >= floor:
            ending.setdefault(b, []).append((a, z))
    # Each run counts by its log-odds above the threshold's: the set of runs the evidence favours most, where a
    # sum of probabilities let a long run of middling probability beat the two confident runs inside it (held
    # out: six-split mean measures F1 0.6049 -> 0.6054, dev2's pages over the four cross-validations 0.5393 ->
    # 0.5436, up on all four; docs/decisions.md).
    n = len(ctx.units)
    best = [0.0] * (n + 1)   # best[k]: the best total over units 0..k-1
    back: list[tuple[int, float] | None] = [None] * (n + 1)
    for k in range(n):
        best[k + 1], back[k + 1] = best[k], None
        for a, z in ending.get(k, ()):
            total = best[a] + z - floor
            if total > best[k + 1]:
                best[k + 1], back[k + 1] = total, (a, z)
    out = []
    k = n
    while k > 0:
        if back[k] is None:
            k -= 1
            continue
        a, z = back[k]
        why = span_model.explain(span_features(ctx, feats_of, a, k - 1), "yes") if explain else []
        out.append((a, k - 1, span_model.sigmoid(z), why))
        k = a
    return out[::-1]


def _semicolon_breaks(ctx: UnitContext) -> list[int]:
    """``breaks[k]``: how many of the units before unit ``k`` end with a semicolon. A run ``a..b`` joins clauses
    across a semicolon when ``breaks[b] - breaks[a]`` is not 0.

    A semicolon separates parallel statements, and parallel actions are separate measures: one of the 264 gold
    prose measures runs across one, and every measure the decisions chose across one was wrong (对…予以免职；对…
    予以立案调查 is two measures). The runs across a semicolon stay in the span decision's training data, where
    they are negatives that teach where a measure stops (left out there too, held out measures F1 fell); only
    the choice never makes one measure of them. Held out: six-split mean measures F1 0.6122 -> 0.6227, up on
    all six; docs/decisions.md."""
    out = [0]
    view = ctx.view
    for u in ctx.units:
        last = view[u.start:u.end].rstrip()[-1:]
        out.append(out[-1] + (last != "" and last in SEMICOLONS))
    return out


def _kept_out_after_first(ctx: UnitContext) -> list[int]:
    """``out[k]``: how many of the units before unit ``k`` no run of several clauses takes in after its first. A run
    ``a..b`` takes one in when ``out[b + 1] - out[a + 1]`` is not 0. They are

    - a clause the rules judge someone else's action (an outside body or a person as its subject, a wish, an
      outside demand: attribution.OTHERS_ACT): a measure is the organization's action, and 校长停职检查，公安机关
      已经介入调查 is two doings of two bodies. Held out: six-split mean measures F1 0.6448 -> 0.6467 (up on five
      splits, equal on the sixth);
    - a clause that turns to a contrast (，但…, ，然而…: Unit.turn, units.contrast_lead): 愿配合银行将这笔钱退还给
      彭虎，但银行方面一直未将这笔钱退回. Held out: 0.6476 -> 0.6486 (up on four splits, equal on two);
    - a clause that gives the action's cause (，由于事隔多时…: Unit.cause, units.cause_lead) or comments on it
      (，这一长达三个月的停业处罚也被…: Unit.comment, units.comment_lead). Held out: 0.6523 -> 0.6549 (up on all six
      splits).

    Of the gold prose measures of several clauses, none holds any of them after its first clause. As with the
    semicolon, these runs stay in the span decision's training data; only the choice never makes a measure of
    them (docs/decisions.md). Where no run starts: :func:`_opens_no_measure`."""
    out = [0]
    for u, why in zip(ctx.units, ctx.judged):
        out.append(out[-1] + (u.turn or u.cause or u.comment or any(w in OTHERS_ACT for w in why)))
    return out


def _opens_no_measure(ctx: UnitContext) -> list[bool]:
    """``out[k]``: whether no chosen run may start at unit ``k`` (the runs stay candidates and training data):

    - it opens with a turn (，但目前该店已停止营业: ``Unit.turn``) or with 而 (，而且额外赠送30片: ``Unit.bound``), so
      it answers or continues the clause before it and is no measure of its own; none of the 264 gold prose
      measures opens with either. Held out, six-split mean measures F1: with turns 0.6492 -> 0.6504, with 而 as
      well -> 0.6523, up on all six splits each time;
    - it comments on what went before (这个补偿似乎并不是面向所有人的: ``Unit.comment``), which no run takes in after
      its first clause either; no gold prose measure opens so. Held out: 0.6564 -> 0.6574, up on three splits,
      equal on three;
    - the rules judge it someone else's action (attribution.OTHERS_ACT: 公安机关已经介入调查, 网友要求…), which no
      run takes in after its first clause either (:func:`_kept_out_after_first`): a measure is the organization's
      action. Held out: 0.6549 -> 0.6564, up on five splits, equal on one.

    Every recall stayed as it was each time (docs/decisions.md)."""
    return [u.turn or u.bound or u.comment or any(w in OTHERS_ACT for w in why)
            for u, why in zip(ctx.units, ctx.judged)]


def _log_odds(p: float) -> float:
    p = min(max(p, 1e-9), 1 - 1e-9)
    return math.log(p / (1 - p))


def _drop_retold(cands: Candidates, chosen: list[Chosen]) -> list[Chosen]:
    measures = [c for c in chosen if c.kind == "measure"]
    if len(measures) < 2 or len(measures) > MAX_RETOLD_CHECK:
        return chosen
    text = cands.clean.view
    normed = [norm(text[c.start:c.end]) for c in measures]
    copies: dict[tuple[int, int], bool] = {}

    def separate_items(x: Chosen, y: Chosen) -> bool:
        # Two items of one list are two measures however alike (记过 for one official, 记大过 for another), and
        # so are the same sanction listed under two subjects (停业整顿 for each of two hospitals); only a list
        # told twice (a page's summary, then its full text) is one.
        if not (x.listed and y.listed) or x.list_id is None or y.list_id is None:
            return False
        if x.list_id == y.list_id:
            return True
        key = (min(x.list_id, y.list_id), max(x.list_id, y.list_id))
        if key not in copies:
            copies[key] = _same_list(cands.lists[key[0]], cands.lists[key[1]], text)
        return not copies[key]

    drop: set[int] = set()
    for a in range(len(measures)):
        for b in range(a + 1, len(measures)):
            if a in drop or b in drop or not normed[a] or not normed[b]:
                continue
            short, long_ = sorted((len(normed[a]), len(normed[b])))
            if short < 0.5 * long_:
                continue
            if separate_items(measures[a], measures[b]):
                continue
            if ratio(normed[a], normed[b], RETOLD) >= RETOLD:
                ka = (measures[a].listed, measures[a].score)
                kb = (measures[b].listed, measures[b].score)
                drop.add(b if ka >= kb else a)
    gone = {id(measures[k]) for k in drop}
    return [c for c in chosen if id(c) not in gone]


def _same_list(first: FoundList, second: FoundList, text: str) -> bool:
    """Whether two lists are one list told twice: as many items, each a near-copy of its counterpart."""
    if len(first.items) != len(second.items):
        return False
    return all(ratio(norm(text[x.start:x.end]), norm(text[y.start:y.end]), LIST_COPY) >= LIST_COPY
               for x, y in zip(first.items, second.items))
