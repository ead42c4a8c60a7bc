"""Features of a whole list item for the item decision: its list (scheme, intro, headings), its place in the list,
its wording."""
from __future__ import annotations

from ...candidates import cue_matches, find_vows
from ...structure import FoundList
from ...structure.list_types import ListItem
from .clauses import UnitContext, list_kind_rule
from .common import Features, bucket, rule_hits

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
    rule = list_kind_rule(fl)
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
    rule_hits(ctx.groups["list_kind"], intro, "intro=", f)
    rule_hits(ctx.groups["list_intro"], intro, "intro=", f)
    rule_hits(ctx.groups["prose"], intro, "intro_prose=", f)
    if any(o in fl.intro for o in ctx.orgs):
        f["intro_names_org"] = 1.0
    for h in fl.headings[:1]:
        rule_hits(ctx.groups["list_kind"], h, "heading=", f)
    cues = cue_matches(v, ctx.rs)
    for _s, _e, _verb, rid, cat, _w in cues:
        if cat != "blocker":
            f["cue=" + rid] = 1.0
            f["cue_cat=" + cat] = 1.0
    f["n_cues=%d" % bucket(len(cues), (1, 2, 4))] = 1.0
    for _s, _e, rid in find_vows(v, ctx.rs):
        f["vow=" + rid] = 1.0
    rule_hits(ctx.in_view["status"], v, "status=", f)
    rule_hits(ctx.in_view["prose"], v[:40], "prose=", f)
    f["len=%d" % bucket(len(v), (8, 20, 40, 80, 160))] = 1.0
    stripped = v.rstrip()
    f["ends=" + (stripped[-1:] if stripped and not stripped[-1].isalnum() else "w")] = 1.0
    share, questions = ctx.list_facts(fl)
    f["list_cue_share=%d" % bucket(share, (0.25, 0.5, 0.75, 1.0))] = 1.0
    if questions:
        f["questions"] = 1.0
    for rs_span in ctx.cands.rule_measures:
        if rs_span.start == it.start and rs_span.end == it.end:
            f["rule=" + rs_span.kind] = 1.0
    for rs_span in ctx.cands.rule_findings:
        if rs_span.start == it.start and rs_span.end == it.end:
            f["rule=finding"] = 1.0
    return f
