"""Readable features of the candidates: the rules that fired on or around them, where they sit, and the
characters they are made of.

Every feature is a string a person can read (``cue=cue.tuikuan``, ``prose=prose.self_reference``,
``intro_kind=list_kind.measures_heading``, ``ng=退款``) with a value, almost always 1. The rules stay the
evidence; the trained models only weigh it. ``FEATURE_SCHEMA`` names this module's vocabulary: a model
trained on another schema is refused on load (decide/model.py), since its weights would mean other things.
"""
from __future__ import annotations

import math
import re
from bisect import bisect_right
from functools import lru_cache
from typing import Callable, Iterable, Mapping, Sequence

from ..candidates import (Candidates, Signals, Unit, cue_matches, find_vows, page_head, is_company_unit,
                          party_head_kind, score_categories, unit_runs)
from ..records import Party
from ..candidates.hotlines import NumberCandidate
from ..candidates.orgs import OrgCandidate, followed_by, left_clean
from ..ruleset import RuleSet
from ..structure import FoundList, SpanSet
from ..structure.scan import RuleWindows, rules_in_text
from ..structure.list_types import ListItem
from .linear import LinearModel

FEATURE_SCHEMA = 11

Features = dict[str, float]

_DROP = re.compile(r"[\W_]+")  # what n-grams skip: punctuation, spaces, symbols


def _bucket(x: float, edges: Iterable[float]) -> int:
    for i, edge in enumerate(edges):
        if x < edge:
            return i
    return len(tuple(edges))


def _log(n: float) -> float:
    return math.log2(1.0 + n)


def _ngrams(text: str, n: int, prefix: str, out: Features, value: float = 1.0) -> None:
    s = _DROP.sub("", text)
    for i in range(len(s) - n + 1):
        out[prefix + s[i:i + n]] = value


@lru_cache(maxsize=8)
def _rule_groups(rs: RuleSet) -> dict[str, tuple]:
    """The regex rules a feature family looks at, compiled once per rule set."""
    return {
        "prose": tuple((r.id, r.pattern) for r in rs.regex("prose")),
        "status": tuple((r.id, r.pattern) for r in rs.regex("status")),
        "statement": tuple((r.id, r.pattern) for r in rs.regex("statement")),
        "list_kind": tuple((r.id, r.pattern) for r in rs.regex("lists") if r.id.startswith("list_kind.")),
        "list_intro": tuple((r.id, r.pattern) for r in rs.regex("lists") if r.id.startswith("list_intro.")),
        "apology": tuple((r.id, r.pattern) for r in rs.regex("apology") if r.get("kind") == "apology"),
        "attitude": tuple((r.id, r.pattern) for r in rs.regex("vows") if r.get("kind") == "attitude"),
        "org_suffix": tuple((r.id, r.pattern) for r in rs.regex("company") if r.get("kind") in ("suffix", "suffix_short")),
        "org_anchor": tuple((r.id, r.pattern) for r in rs.regex("company") if r.get("kind") == "anchor"),
        "org_name_suffix": tuple((r.id, r.pattern) for r in rs.regex("company")
                                 if r.get("kind") in ("suffix", "suffix_short", "suffix_body")),
    }


def _signed(sig: Signals, groups: dict) -> bool:
    """A notice's signature: a short line naming an organization, then a line holding only a date."""
    return any(p.search(a) for a in sig.signed_by for _r, p in groups["org_suffix"])


def _hits(group: tuple, text: str, prefix: str, out: Features) -> None:
    for rid, pattern in group:
        m = pattern.search(text)
        if m is not None and m.end() > m.start():  # a pattern that can match nothing says nothing
            out[prefix + rid] = 1.0


# ---------------------------------------------------------------------------------------------- document


AGAINST_KINDS = ("no_organization", "other_genre", "no_response")  # statement rule kinds that speak against it
# Statement rule kinds that settle the decision (no statement: decide/document.py) rather than weigh in it: no
# feature of the statement decision, so that its weights are those it would learn without them.
VETO_KINDS = ("template",)
HEAD_CHARS = 200  # the title and the first lines: where a page says what it is
BEFORE_CHARS = 80  # how far back in its sentence a clause's subject and reporting verb are looked for


def document_features(sig: Signals, rs: RuleSet) -> Features:
    """Evidence that the document reports an organization's response to an incident."""
    view = sig.clean.view
    f: Features = {"bias": 1.0}
    groups = _rule_groups(rs)
    head = sig.title_view + "\n" + page_head(sig.clean, HEAD_CHARS, rs)
    # Each rule is evidence, and so is its kind: a look-alike genre (template, fiction, guide …) is rare in
    # any training set, but the kinds together are common enough to weigh.
    for rid in sig.statement.hits:
        if sig.statement.kinds[rid] not in VETO_KINDS:
            f["stmt=" + rid] = 1.0
    against = 0
    for kind, n in sig.statement.by_kind().items():
        if kind in VETO_KINDS:
            continue
        f["kind=" + kind] = min(n, 4) / 2.0
        against += n if kind in AGAINST_KINDS else 0
    if against:
        f["kinds_against"] = float(min(against, 4))
    # What the head says counts by kind only: one feature per rule in the head as well as in the body split the
    # weight of one fact between near-duplicates that the folds weighed in opposite directions (held out,
    # without them: measures F1 0.592 -> 0.597, is_statement 0.862 -> 0.875; seeds + dev -> dev2 0.411 -> 0.427).
    head_kinds: dict[str, int] = {}
    for rid, pattern in groups["statement"]:
        if pattern.search(head):
            kind = rs.by_id(rid).get("kind", "")
            if kind not in VETO_KINDS:
                head_kinds[kind] = head_kinds.get(kind, 0) + 1
    for kind, n in head_kinds.items():
        f["head_kind=" + kind] = min(n, 3) / 1.5
    head_against = sum(n for kind, n in head_kinds.items() if kind in AGAINST_KINDS)
    if head_against:
        f["head_kinds_against"] = min(head_against, 3) / 1.5
    if sig.apology.found:
        f["apology"] = 1.0
        f["apology_rule=" + sig.apology.rule] = 1.0
    if sig.apology.blocked:
        f["apology_blocked"] = 1.0
    if sig.company.name:
        f["company"] = 1.0
        f["company_rule=" + (sig.company.rule or "none").split("+")[0]] = 1.0
    else:
        f["no_company"] = 1.0
    # Who acts: sentences where the organization (by name or as 我们/我司) does something concrete, apologises,
    # or speaks; and sentences where someone else does.
    prose = dict(groups["prose"])
    self_ref, other = prose.get("prose.self_reference"), prose.get("prose.other_subject")
    speech = prose.get("prose.org_speech")
    orgs = [o for o in sig.orgs if len(o) >= 2]
    acting = sorry = speaking = others = n_cues = 0
    for s, e in sig.sentences:
        sent = view[s:e]
        own = any(o in sent for o in orgs) or (self_ref is not None and self_ref.search(sent) is not None)
        matches = cue_matches(sent, rs)
        n_cues += len(matches)
        cues = any(c[4] != "blocker" for c in matches)
        if own and cues:
            acting += 1
        if own and any(p.search(sent) for _r, p in groups["apology"]):
            sorry += 1
        if own and speech is not None and speech.search(sent):
            speaking += 1
        if other is not None and cues and other.search(sent):
            others += 1
    # Counts enter as log2(1 + n): the first few sentences say most, a long page does not say more.
    f["own_actions"] = _log(acting)
    f["own_apologies"] = _log(sorry)
    f["own_speech"] = _log(speaking)
    f["others_act"] = _log(others)
    f["cues"] = _log(n_cues) / 3
    if _signed(sig, groups):
        f["signed"] = 1.0
    # A page led by dialogue (a fifth of its lines or more open with a quotation mark) reads as fiction or a
    # script; the share itself weighed less (held out, docs/decisions.md).
    if dialogue_share(sig.clean.text, sig.skip) >= DIALOGUE_SHARE:
        f["dialogue"] = 1.0
    return f


OPENING_QUOTES = "“「『\"‘"
DIALOGUE_SHARE = 0.2


def dialogue_share(text: str, skip: Sequence[tuple[int, int]] = ()) -> float:
    """Share of the page's own non-empty lines that open with a quotation mark: fiction and scripts run on
    dialogue, a statement's lines are its own words (a news page quotes inside its lines more than it opens them).
    Lines starting inside ``skip`` (the site's boilerplate: related headlines, comments, footers) do not count, so
    that the site around a page does not move it across the threshold."""
    boilerplate = SpanSet(skip)
    opening = total = pos = 0
    for raw in text.split("\n"):
        line = raw.strip()
        if line and not boilerplate.covers(pos):
            total += 1
            opening += line[0] in OPENING_QUOTES
        pos += len(raw) + 1
    return opening / total if total else 0.0


# ---------------------------------------------------------------------------------------------- units


class UnitContext:
    """Per-document facts the unit features share: sentence bounds, rule verdicts by position, names."""

    def __init__(self, cands: Candidates, rs: RuleSet):
        self.cands = cands
        self.view = cands.clean.view
        self.units = cands.units
        self.rs = rs
        self.groups = _rule_groups(rs)
        # the rules searched in every clause, less those that cannot match anywhere in this document
        # searched in every clause and in the stretch of its sentence before it: a search only where a match of the
        # whole page reaches (most of these searches found nothing); the rules that can match somewhere in the page
        # are the ones the windows keep
        self.windows = {name: RuleWindows(self.groups[name], self.view) for name in ("prose", "status", "apology")}
        self.in_view = {name: tuple(w.rules) for name, w in self.windows.items()}
        self.orgs = [o for o in cands.signals.orgs if len(o) >= 2]
        units = self.units
        self.sent_first: dict[int, int] = {}
        self.sent_last: dict[int, int] = {}
        for i, u in enumerate(units):
            self.sent_first.setdefault(u.sent, i)
            self.sent_last[u.sent] = i
        self.para_first: dict[int, int] = {}
        for i, u in enumerate(units):
            self.para_first.setdefault(u.para, i)
        # The rules' verdicts, as the unit each span starts in, the units it covers and the unit it ends in (where
        # the rules stop a measure is evidence for where a run of clauses stops).
        self.rule_cover: list[list[tuple[str, str, bool]]] = [[] for _ in units]
        self.rule_ends: list[list[str]] = [[] for _ in units]
        starts = [u.start for u in units]
        for rs_span in [*cands.rule_measures, *cands.rule_findings]:
            i = max(0, bisect_right(starts, rs_span.start) - 1)
            first = True
            last = -1
            while i < len(units) and units[i].start < rs_span.end:
                if units[i].end > rs_span.start:
                    self.rule_cover[i].append((rs_span.kind, rs_span.rule, first))
                    first = False
                    last = i
                i += 1
            if last >= 0:
                self.rule_ends[last].append(rs_span.kind)
        self.cues = [cue_matches(self.view[u.start:u.end], rs) for u in units]
        # The rules' attribution of each prose action (whose it is, and why), on the clause holding its cue.
        self.judged: list[list[str]] = [[] for _ in units]
        for pos, why in cands.judged:
            i = bisect_right(starts, pos) - 1
            if 0 <= i < len(units) and pos < units[i].end:
                self.judged[i].append(why)
        self._list_facts: dict[int, tuple[float, bool]] = {}
        self.n_units = len(units)
        # Where the page's own words end: a position is read against them, so that the boilerplate a site puts
        # below an article (related headlines, comments) does not move every clause towards the top.
        self.content_end = max((u.end for u in units if not u.skip), default=len(self.view))
        self.acting = [any(c[4] != "blocker" for c in cues) for cues in self.cues]
        # A clause that only states an attitude (公司对此高度重视，…) and does nothing: the action comes after it.
        attitude = rules_in_text(self.groups["attitude"], self.view)
        self.attitude = [not acting and any(p.search(self.view[u.start:u.end]) for _r, p in attitude)
                         for u, acting in zip(units, self.acting)]
        # Each clause's neighbours among the page's own clauses: a share bar or a caption line between two
        # paragraphs is not what comes before or after a clause.
        self.prev_kept: list[int] = []
        last = -1
        for u in units:
            self.prev_kept.append(last)
            if not u.skip:
                last = len(self.prev_kept) - 1
        self.next_kept: list[int] = [len(units)] * len(units)
        nxt = len(units)
        for i in range(len(units) - 1, -1, -1):
            self.next_kept[i] = nxt
            if not units[i].skip:
                nxt = i
        self.sent_acting: dict[int, int] = {}
        for u, acting in zip(units, self.acting):
            self.sent_acting[u.sent] = self.sent_acting.get(u.sent, 0) + acting

    def list_facts(self, fl: FoundList) -> tuple[float, bool]:
        """Share of a list's items that hold an action verb, and whether most items are questions (once per list)."""
        key = id(fl)
        if key not in self._list_facts:
            items = [self.view[x.start:x.end] for x in fl.items]
            acting = sum(1 for t in items if any(c[4] != "blocker" for c in cue_matches(t, self.rs)))
            questions = sum(1 for t in items if t.rstrip().endswith(("？", "?")))
            self._list_facts[key] = (acting / len(items), questions * 2 >= len(items))
        return self._list_facts[key]

    def text(self, i: int) -> str:
        u = self.units[i]
        return self.view[u.start:u.end]


def _list_kind_rule(fl: FoundList | None) -> str:
    return fl.kind_rule if fl is not None and fl.kind_rule else ""


def unit_features(ctx: UnitContext, i: int) -> Features:
    """Features of clause unit ``i``: its own rule hits and words, its sentence, list and neighbours."""
    u: Unit = ctx.units[i]
    v = ctx.text(i)
    f: Features = {"bias": 1.0}
    for _s, _e, _verb, rid, cat, _w in ctx.cues[i]:
        if cat != "blocker":
            f["cue=" + rid] = 1.0
            f["cue_cat=" + cat] = 1.0
    if any(c[4] != "blocker" for c in ctx.cues[i]):
        f["has_cue"] = 1.0
    for _s, _e, rid in find_vows(v, ctx.rs):
        f["vow=" + rid] = 1.0
    for name in ("prose", "status", "apology"):
        for rid in ctx.windows[name].hits(u.start, u.end):
            f[name + "=" + rid] = 1.0
    if any(o in v for o in ctx.orgs):
        f["names_org"] = 1.0
    _ngrams(v, 2, "ng=", f)
    lead = _DROP.sub("", v)[:2]
    if lead:
        f["lead=" + lead] = 1.0
    stripped = v.rstrip()
    f["ends=" + (stripped[-1:] if stripped and not stripped[-1].isalnum() else "w")] = 1.0
    f["len=%d" % _bucket(len(v), (5, 10, 20, 40, 80))] = 1.0
    # Sentence and paragraph position.
    first, last = ctx.sent_first[u.sent], ctx.sent_last[u.sent]
    f["in_sent=" + ("only" if first == last else "first" if i == first else "last" if i == last else "mid")] = 1.0
    if ctx.para_first.get(u.para) == i:
        f["para_start"] = 1.0
    f["doc_pos=%d" % _bucket(min(1.0, u.start / max(1, ctx.content_end)), (0.1, 0.3, 0.6, 0.9))] = 1.0
    if u.skip:
        f["boilerplate"] = 1.0
    # The sentence around it: who speaks before it, what the sentence holds.
    # what the sentence says before the clause: the last BEFORE_CHARS characters are where its subject and
    # reporting verb sit (and a bound keeps a sentence of thousands of clauses linear)
    sent_start = max(ctx.units[first].start, u.start - BEFORE_CHARS)
    before = ctx.view[sent_start:u.start]
    if before:
        for rid in ctx.windows["prose"].hits(sent_start, u.start):
            f["before=" + rid] = 1.0
        if any(o in before for o in ctx.orgs):
            f["before_names_org"] = 1.0
    f["sent_cues=%d" % _bucket(ctx.sent_acting[u.sent], (1, 2, 4))] = 1.0
    # Neighbours.
    j, k = ctx.prev_kept[i], ctx.next_kept[i]
    if j >= 0:
        p = ctx.text(j).rstrip()
        f["prev_ends=" + (p[-1:] if p and not p[-1].isalnum() else "w")] = 1.0
        if any(c[4] != "blocker" for c in ctx.cues[j]):
            f["prev_has_cue"] = 1.0
        if ctx.units[j].sent == u.sent:
            f["prev_same_sent"] = 1.0
        if u.item is not None and ctx.units[j].item is u.item:
            f["prev_same_item"] = 1.0
    else:
        f["doc_first"] = 1.0
    if k < ctx.n_units and any(c[4] != "blocker" for c in ctx.cues[k]):
        f["next_has_cue"] = 1.0
    # Lists.
    if u.marker is not None:
        owner = u.marker.owner
        f["marker=" + (owner.scheme if owner is not None else "?")] = 1.0
    if u.item is not None:
        fl = u.owner
        f["in_item"] = 1.0
        if fl is not None:
            f["item_scheme=" + fl.scheme] = 1.0
            f["item_kind=" + fl.kind] = 1.0
            rule = _list_kind_rule(fl)
            if rule:
                f["item_kind_rule=" + rule] = 1.0
            f["item_level=%d" % min(fl.level, 2)] = 1.0
        if u.item.children:
            f["item_has_children"] = 1.0
    # Whose action the rules judged it, with the clause's aspect (已经, 将, 要…): nobody named before an action
    # done (目前已经修复) is the speaker's, before one demanded (要…) someone else's, which the two features alone
    # cannot say. Held out: measures F1 up on four splits of six and level on both transfers.
    if ctx.judged[i]:
        aspects = [k[len("status="):] for k in f if k.startswith("status=")]
        for why in ctx.judged[i]:
            f["judge=" + why] = 1.0
            for aspect in aspects:
                f["judge_aspect=" + why + "|" + aspect] = 1.0
    # What the hand-written rules decided about this unit.
    for kind in ctx.rule_ends[i]:
        f["rule_ends=" + kind] = 1.0
    for kind, rule, starts_here in ctx.rule_cover[i]:
        f["rule=" + kind] = 1.0
        f["rule_by=" + rule.split(".")[0] + "." + kind] = 1.0
        if starts_here:
            f["rule_starts=" + kind] = 1.0
    return f


# ---------------------------------------------------------------------------------------------- spans

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
    _ngrams(ctx.view[ctx.units[a].start:ctx.units[b].end], 2, "ng=", f)
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
        s = _DROP.sub("", ctx.view[ctx.units[a].start:ctx.units[b].end])
        z += sum(filter(None, map(self.bigrams.get, {s[i:i + 2] for i in range(len(s) - 1)})))
        z += sum(w.get(k, 0.0) * v for k, v in span_context(ctx, a, b, self._around).items())
        return z


# ---------------------------------------------------------------------------------------------- list items


def leaf_items(lists: list[FoundList]) -> list[tuple[FoundList, ListItem]]:
    """Every item of every list (nested lists are in ``lists`` too), in document order."""
    out = [(fl, it) for fl in lists for it in fl.items]
    out.sort(key=lambda p: (p[1].start, -p[1].end))
    return out


def item_features(ctx: UnitContext, fl: FoundList, it: ListItem) -> Features:
    """Features of a whole list item: its list (scheme, intro, headings), its place in the list, its wording."""
    view = ctx.view
    v = view[it.start:it.end]
    f: Features = {"bias": 1.0, "scheme=" + fl.scheme: 1.0, "kind=" + fl.kind: 1.0}
    rule = _list_kind_rule(fl)
    if rule:
        f["kind_rule=" + rule] = 1.0
    f["level=%d" % min(fl.level, 2)] = 1.0
    # No feature for the list's length: how many items a list has says little about what they are, and the few
    # lists of the training sets taught lengths by accident (held out without it: listed recall 0.875 -> 0.886;
    # trained on seeds + dev, tested on dev2, 0.486 -> 0.657).
    k = fl.items.index(it)
    if k == 0:
        f["first_item"] = 1.0
    if k == len(fl.items) - 1:
        f["last_item"] = 1.0
    if it.children:
        f["has_children"] = 1.0
    if it.is_section:
        f["section_heading"] = 1.0
    intro = fl.intro[-60:]
    _hits(ctx.groups["list_kind"], intro, "intro=", f)
    _hits(ctx.groups["list_intro"], intro, "intro=", f)
    _hits(ctx.groups["prose"], intro, "intro_prose=", f)
    if any(o in fl.intro for o in ctx.orgs):
        f["intro_names_org"] = 1.0
    for h in fl.headings[:1]:
        _hits(ctx.groups["list_kind"], h, "heading=", f)
    cues = cue_matches(v, ctx.rs)
    for _s, _e, _verb, rid, cat, _w in cues:
        if cat != "blocker":
            f["cue=" + rid] = 1.0
            f["cue_cat=" + cat] = 1.0
    f["n_cues=%d" % _bucket(len(cues), (1, 2, 4))] = 1.0
    for _s, _e, rid in find_vows(v, ctx.rs):
        f["vow=" + rid] = 1.0
    _hits(ctx.in_view["status"], v, "status=", f)
    _hits(ctx.in_view["prose"], v[:40], "prose=", f)
    f["len=%d" % _bucket(len(v), (8, 20, 40, 80, 160))] = 1.0
    stripped = v.rstrip()
    f["ends=" + (stripped[-1:] if stripped and not stripped[-1].isalnum() else "w")] = 1.0
    share, questions = ctx.list_facts(fl)
    f["list_cue_share=%d" % _bucket(share, (0.25, 0.5, 0.75, 1.0))] = 1.0
    if questions:
        f["questions"] = 1.0
    for rs_span in ctx.cands.rule_measures:
        if rs_span.start == it.start and rs_span.end == it.end:
            f["rule=" + rs_span.kind] = 1.0
    for rs_span in ctx.cands.rule_findings:
        if rs_span.start == it.start and rs_span.end == it.end:
            f["rule=finding"] = 1.0
    return f


# ---------------------------------------------------------------------------------------------- numbers


_SERIES_NEXT = re.compile(r"\s*[、，,/或和及]\s*\d")
_SERIES_PREV = re.compile(r"\d\s*[、，,/或和及]\s*$")


def number_features(cands: Candidates, c: NumberCandidate) -> Features:
    """Features of a phone-like number: its shape, the context rules around it, the rules' verdict."""
    f: Features = {"bias": 1.0, "shape=" + c.shape: 1.0}
    for cue in c.cues:
        f["cue=" + cue] = 1.0
    if c.blocked:
        f["blocked"] = 1.0
    if c.in_skip:
        f["boilerplate"] = 1.0
    if c.hotline is not None:
        f["rule_accepts"] = 1.0
        f["rule_kind=" + c.hotline.kind] = 1.0
    digits = sum(ch.isdigit() for ch in c.number)
    f["digits=%d" % _bucket(digits, (5, 6, 8, 11, 12))] = 1.0
    view = cands.clean.view
    # 电话：010-59799616、65537365 / 0826-12319或0826-2336525: a number listed with another shares its offer
    if _SERIES_NEXT.match(view, c.end):
        f["series_next"] = 1.0
    if _SERIES_PREV.search(view, max(0, c.start - 4), c.start):
        f["series_prev"] = 1.0
    # The words around a number enter through the rules' context cues only: the character pairs before and after
    # it, learnt from some 30 offered numbers, did not carry to other pages (held out without them: hotlines F1
    # 0.710 -> 0.727; trained on seeds + dev, tested on dev2, 0.471 -> 0.720).
    return f




# ---------------------------------------------------------------------------------------------- category


def category_features(view_text: str, rs: RuleSet, list_kind: str = "") -> Features:
    """Features of a measure's wording for its category: cue and category rules (weighted by where they sit,
    as the rule scorer weighs them), the rules' own pick, and the words."""
    f: Features = {"bias": 1.0}
    scores = score_categories(view_text, rs)
    for cat, (score, rid) in scores.items():
        f["score=" + cat] = min(score, 8.0) / 4.0
        f["strongest=" + rid] = 1.0
    if scores:
        top = max(scores, key=lambda c: scores[c][0])
        f["top=" + top] = 1.0
    if list_kind:
        f["list_kind=" + list_kind] = 1.0
    _ngrams(view_text[:60], 2, "ng=", f)
    return f


# ---------------------------------------------------------------------------------------------- organizations


NAME_PAIR_WEIGHT = 0.5


def org_features(cands: Candidates, c: OrgCandidate, rs: RuleSet, counts: dict[str, int]) -> Features:
    """Features of an organization-name candidate: how it recurs, where it stands, what the rules said of it.
    ``counts``: mentions of every candidate in the body (to compare a name with its longer and shorter forms)."""
    body = cands.body
    n = counts[c.name]
    f: Features = {"bias": 1.0}
    for src in c.sources:
        f["src=" + src] = 1.0
    f["mentions"] = _log(n) / 2
    f["anchors"] = _log(c.anchors) / 2
    if c.in_head:
        f["in_head"] = 1.0
    first = body.find(c.name)
    f["first_at=%d" % _bucket(first / max(1, len(body)), (0.05, 0.2, 0.5))] = 1.0
    f["left_clean"] = left_clean(c.name, body)
    groups = _rule_groups(rs)
    # every response-verb rule counts (the last one alone did when there was one rule)
    f["then_responds"] = max((followed_by(c.name, body, pattern) for _r, pattern in groups["org_anchor"]),
                             default=0.0)
    f["len=%d" % min(len(c.name), 9)] = 1.0
    if c.name.isascii():
        f["latin"] = 1.0
    if any(p.search(c.name) for _r, p in groups["org_name_suffix"]):
        f["suffix"] = 1.0
    prose = dict(groups["prose"])
    for rid in ("prose.external_body", "prose.public_body"):
        if prose.get(rid) is not None and prose[rid].search(c.name):
            f["is=" + rid] = 1.0
    # A clipped form (润发) is always inside a longer one; an over-long one (对此大润发) is rarer than its tail.
    longer = max((counts[o] for o in counts if o != c.name and c.name in o), default=0)
    shorter = max((counts[o] for o in counts if o != c.name and o in c.name), default=0)
    if n and longer >= 0.8 * n:
        f["inside_longer"] = 1.0
    if shorter > 1.5 * n:
        f["holds_commoner"] = 1.0
    if any(ch in "的了在是和与后内被将已" for ch in c.name):
        f["function_char"] = 1.0
    if any(c.name in line for line in cands.signals.signed_by):
        f["signs"] = 1.0
    # What a name looks like (…公司, …监管局, 视频发出后…): its character pairs, at half weight so that the many
    # pairs of a long fragment do not outweigh the few facts above (cross-validated: 0.77 at full weight, 0.78
    # at half, 0.75 without).
    _ngrams(c.name, 2, "name=", f, NAME_PAIR_WEIGHT)
    return f


# ---------------------------------------------------------------------------------------------- parties


class PartyContext:
    """Per-document facts the party features share: the rules' measure spans, sentences with cues."""

    def __init__(self, cands: Candidates, rs: RuleSet):
        self.cands = cands
        self.rs = rs
        self.view = cands.clean.view
        self.measure_spans = [(m.start, m.end) for m in cands.rule_measures]
        self.sentences = cands.signals.sentences
        self.sentence_starts = [s for s, _ in self.sentences]
        self.groups = _rule_groups(rs)
        self.orgs = [o for o in cands.signals.orgs if len(o) >= 2]
        self._mentions: dict[str, int] = {}
        self._sentence_cues: dict[int, set[str]] = {}

    def mentions(self, name: str) -> int:
        """How often the body names ``name`` (counted once per name)."""
        if name not in self._mentions:
            self._mentions[name] = self.cands.body.count(name)
        return self._mentions[name]

    def sentence_cues(self, pos: int) -> set[str]:
        """Categories of the action verbs in the sentence holding ``pos`` (once per sentence)."""
        k = bisect_right(self.sentence_starts, pos) - 1
        if k < 0 or pos >= self.sentences[k][1]:
            return set()
        if k not in self._sentence_cues:
            s, e = self.sentences[k]
            self._sentence_cues[k] = {c[4] for c in cue_matches(self.view[s:e], self.rs) if c[4] != "blocker"}
        return self._sentence_cues[k]


def party_features(ctx: PartyContext, p: Party) -> Features:
    """Features of a party candidate: the rule that found it, its head noun, the sentence around it."""
    f: Features = {"bias": 1.0, "rule=" + p.rule: 1.0, "role=" + p.role: 1.0}
    kind = party_head_kind(p.name, ctx.rs)
    f["head=" + (kind or "none")] = 1.0
    if p.penalty:
        f["penalty"] = 1.0
    if is_company_unit(p.name, ctx.rs):
        f["company_unit"] = 1.0
    if any(o in p.name or p.name in o for o in ctx.orgs):
        f["is_org"] = 1.0
    prose = dict(ctx.groups["prose"])
    for rid in ("prose.external_body", "prose.other_subject"):
        pat = prose.get(rid)
        if pat is not None and pat.search(p.name):
            f["is=" + rid] = 1.0
    if any(a <= p.start < b for a, b in ctx.measure_spans):
        f["in_rule_measure"] = 1.0
    for cat in ctx.sentence_cues(p.start):
        f["sent_cue=" + cat] = 1.0
    f["len=%d" % min(len(p.name), 9)] = 1.0
    f["mentions"] = _log(ctx.mentions(p.name)) / 2
    _ngrams(p.name[:2], 2, "lead=", f)
    # A noun phrase ends in its head (…人员, …团队, …队长, …专班): its last two characters name what the party is
    # where the head lexicon (head=) has no entry (held out, dev2's parties F1 over four cross-validations
    # 0.313 -> 0.330, up on all four; the six-split mean 0.556 -> 0.558, within noise: docs/decisions.md).
    _ngrams(p.name[-2:], 2, "tail=", f)
    return f
