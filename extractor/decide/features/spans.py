"""Features of a run of clauses as one prose measure, and their sum under a trained model without building them
(``SpanScorer``: a statement has hundreds of candidate runs)."""
from __future__ import annotations

from typing import Callable, Sequence

from ...candidates import unit_runs
from ..linear import LinearModel
from .clauses import UnitContext
from .common import Features, DROP, ngrams

MAX_SPAN_UNITS = 6  # clauses in one candidate prose measure: 95 % of the gold measures inside a sentence have at
# most 6 (cross-validated measures F1 is the same with 4 or 8)
# Unit features that speak for the whole span when any of its clauses has them (an action verb anywhere in it)
_SPAN_ANY = ("cue=", "cue_cat=", "vow=", "prose=", "status=", "apology=", "rule=", "names_org", "has_cue", "judge=",
             "judge_aspect=")
# Unit features of a clause a run leaves out of its sentence that say whether leaving it out is right: a vow, a
# purpose or an apology after the action is how annotators cut a measure (and its first words, 以实…, 确保, 得到,
# say so where no rule does), an action (its cue's category) is not
_NEIGHBOUR = ("vow=", "prose=", "apology=", "cue_cat=", "lead=")
# Unit features of the last clause that say where the span stops
_SPAN_LAST = ("ends=", "in_sent=", "len=", "next_has_cue", "cue", "lead=", "rule_ends=")


def span_candidates(ctx: UnitContext, usable: Callable[[int], bool]) -> list[tuple[int, int]]:
    """Runs of clause units that may be one prose measure: inside one sentence, at most MAX_SPAN_UNITS long,
    holding an action verb (GOLD_SCHEMA's prose measure states a concrete action; a run without one is a frame,
    a date or a caption), and not opening with a clause of attitude when the action follows it (X高度重视，已成立…:
    the measure is the action; held out, six-split mean measures F1 0.6296 -> 0.6321, docs/decisions.md)."""
    return [(a, b) for a, b in unit_runs(ctx.units, usable, MAX_SPAN_UNITS)
            if any(ctx.acting[a:b + 1]) and not ctx.units[a].frame and not (b > a and ctx.units[b].outcome)
            and not (b > a and ctx.attitude[a])]


def span_features(ctx: UnitContext, unit_feats: Sequence[Features], a: int, b: int) -> Features:
    """Features of the run of units ``a..b`` as one measure: its first clause whole (``F:``), where its last
    clause stops (``L:``), the rules that fired anywhere in it, its words, how many of its clauses act, and the
    clauses of the same sentence just outside it. ``unit_feats``: :func:`unit_features` of every unit (computed
    once). The families' names do not overlap, which lets :class:`SpanScorer` add up a trained model's weights
    family by family without building this dict."""
    f: Features = {"bias": 1.0}
    for k, v in unit_feats[a].items():
        f["F:" + k] = v
    if b != a:
        for k, v in unit_feats[b].items():
            if k.startswith(_SPAN_LAST):
                f["L:" + k] = v
    for k in range(a, b + 1):
        for key in unit_feats[k]:
            if key.startswith(_SPAN_ANY):
                f[key] = 1.0
    ngrams(ctx.view[ctx.units[a].start:ctx.units[b].end], 2, "ng=", f)
    f.update(span_context(ctx, a, b, lambda i: neighbour_keys(unit_feats[i])))
    return f


def neighbour_keys(unit_feats: Features) -> tuple[str, ...]:
    """The features of a clause that a run sees when it leaves the clause out of its sentence (``_NEIGHBOUR``)."""
    return tuple(k for k in unit_feats if k.startswith(_NEIGHBOUR))


def span_context(ctx: UnitContext, a: int, b: int,
                 around: Callable[[int], tuple[str, ...]] | None = None) -> Features:
    """The span features that are not made of its clauses' own: how many of them act, whether it starts or ends
    its sentence, and the clauses of the same sentence just outside it (with ``around``, unit ``i`` -> its
    :func:`neighbour_keys`: what the rules said of them, ``N:`` the clause after the run, ``P:`` the one before)."""
    f: Features = {}
    first, last = ctx.units[a], ctx.units[b]
    # No buckets of the run's length in clauses or characters: how long a measure is was learnt from how the
    # training sets' annotators cut (dev's clauses, dev2's sentences). Held out without them, measures F1 moved
    # up on five splits of six (GroupKFold 0.602 -> 0.610, three random deals +0.003 to +0.014, dev2 -> seeds +
    # dev 0.580 -> 0.588) and down on one (seeds + dev -> dev2 0.451 -> 0.442).
    f["acting=%d" % min(sum(ctx.acting[a:b + 1]), 3)] = 1.0
    if first.clause == 0:
        f["starts_sent"] = 1.0
    if last.clause == last.n_clauses - 1:
        f["ends_sent"] = 1.0
        if first.clause == 0:
            f["whole_sent"] = 1.0
    # The clauses left out on either side: a condition or a purpose clause the measure may need.
    if b + 1 < ctx.n_units and ctx.units[b + 1].sent == last.sent:
        f["next_in_sent"] = 1.0
        if ctx.acting[b + 1]:
            f["next_in_sent_acting"] = 1.0
        lead = ctx.text(b + 1).strip()[:1]
        if lead:
            f["next_lead=" + lead] = 1.0
        if around is not None:
            for k in around(b + 1):
                f["N:" + k] = 1.0
    if a > 0 and ctx.units[a - 1].sent == first.sent:
        f["prev_in_sent"] = 1.0
        if ctx.acting[a - 1]:
            f["prev_in_sent_acting"] = 1.0
        if around is not None:
            for k in around(a - 1):
                f["P:" + k] = 1.0
    return f


class SpanScorer:
    """A binary model's logit of :func:`span_features` without building the features: a statement has hundreds
    of candidate runs, and the dicts cost more than the decisions. Each unit's ``F:`` and ``L:`` sums are added
    up once; a run adds its clauses' rule hits and its bigrams as sets (a feature counts once however often it
    occurs, as in the dict). Equal to ``model`` applied to the dict up to the order of the additions
    (tests/decide/test_span_scorer.py)."""

    def __init__(self, ctx: UnitContext, unit_feats: Sequence[Features], model: LinearModel):
        self.ctx, self.unit_feats, self.w = ctx, unit_feats, model.flat
        self.bias = model.bias[0] + self.w.get("bias", 0.0)
        # the weights of the F:, L: and ng= features by the unit feature or bigram they are made of
        self.as_first, self.as_last, self.bigrams = model.family("F:"), model.family("L:"), model.family("ng=")
        self._parts: dict[int, tuple[float, float, tuple[str, ...]]] = {}
        self._neighbours: dict[int, tuple[str, ...]] = {}

    def _part(self, i: int) -> tuple[float, float, tuple[str, ...]]:
        """Unit ``i``'s weight as a run's first clause, as its last clause, and its rule hits (once per unit).
        Unit features are indicators (value 1), so a weight is added as it is."""
        part = self._parts.get(i)
        if part is None:
            uf = self.unit_feats[i]
            # filter(None, …) drops the features without a weight (and any weighing exactly 0: they add nothing)
            part = (sum(filter(None, map(self.as_first.get, uf))), sum(filter(None, map(self.as_last.get, uf))),
                    tuple(k for k in uf if k.startswith(_SPAN_ANY)))
            self._parts[i] = part
        return part

    def _around(self, i: int) -> tuple[str, ...]:
        """Unit ``i``'s :func:`neighbour_keys`, once per unit (every run beside it asks)."""
        keys = self._neighbours.get(i)
        if keys is None:
            keys = self._neighbours[i] = neighbour_keys(self.unit_feats[i])
        return keys

    def logit(self, a: int, b: int) -> float:
        """``bias + Σ weight * value`` over span_features(ctx, unit_feats, a, b)."""
        w, ctx = self.w, self.ctx
        first, _, keys = self._part(a)
        z = self.bias + first
        if b != a:
            z += self._part(b)[1]
            keys = {k for i in range(a, b + 1) for k in self._part(i)[2]}
        z += sum(filter(None, map(w.get, set(keys))))
        s = DROP.sub("", ctx.view[ctx.units[a].start:ctx.units[b].end])
        z += sum(filter(None, map(self.bigrams.get, {s[i:i + 2] for i in range(len(s) - 1)})))
        z += sum(w.get(k, 0.0) * v for k, v in span_context(ctx, a, b, self._around).items())
        return z
