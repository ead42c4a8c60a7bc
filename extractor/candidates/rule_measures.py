"""What the hand-written rules propose as measures and findings: list items by list kind, and prose measures.

These were the extractor's decisions before the trained decision layer; now they are evidence (features) the
models weigh, like any other rule hit. A list's kind comes from its intro or headings (structure/lists.py);
an intro that names no kind makes it a list of measures when most items state a concrete action.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..clean import CleanText
from ..ruleset import RuleSet
from ..structure import FoundList, Span, SpanSet, iter_sentences, split_sentences
from .attribution import is_outside_body, is_public_body
from .company import CompanyResult
from .cues import has_concrete_action
from .prose import find_prose_measures

MEASURE_KINDS = {"measures", "accountability"}
CO_RESPONDER = 0.5  # share of the leading organization's mentions another one needs to count as responding


@dataclass(frozen=True)
class RuleSpan:
    """A span the rules call a measure (``kind`` listed | prose) or a finding, with the rule that said so."""

    start: int
    end: int
    kind: str
    rule: str
    ordinal: str = ""
    list_id: int | None = None


def list_kind(clean: CleanText, fl: FoundList, rs: RuleSet) -> str:
    """Lists whose intro named no kind: measures when most items state a concrete action."""
    if fl.kind != "unknown":
        return fl.kind
    acting = sum(has_concrete_action(clean.view[it.start:it.end], rs)[0] for it in fl.items)
    return "measures" if acting * 2 >= len(fl.items) else "other"


def org_names(found: CompanyResult, rs: RuleSet | None = None) -> list[str]:
    """Names of the organizations that may be responding (Simplified), for attributing prose sentences."""
    # Other organizations the text names about as often (a co-responder, the group behind a brand) may speak
    # for it; one named in passing (a consumer association, an influencer) does not, and neither does a
    # regulator reported beside a company (质检总局要求各地…), unless the responder is a public body itself.
    top = max(found.candidates.values(), default=0.0)
    public = rs is None or is_public_body(found.name, rs)
    co = [c for c, v in found.candidates.items() if v >= CO_RESPONDER * top
          and (public or c == found.name or not is_outside_body(c, rs))]
    names = [found.name, *found.branches, *co]
    # Short forms name the same organization: 中国联通 -> 联通 (长沙联通, 黑龙江联通 act for it).
    cores = [re.sub(r"^中国|(?:股份)?(?:有限)?(?:公司|集团)$", "", n) for n in names if n]
    return names + [c for c in cores if len(c) >= 2]


def rule_list_items(clean: CleanText, lists: list[FoundList], rs: RuleSet, segment,
                    orgs: list[str]) -> tuple[list[RuleSpan], list[RuleSpan], list[Span]]:
    """Measures and findings the rules read from the leaf lists; also the spans the lists cover."""
    measures: list[RuleSpan] = []
    findings: list[RuleSpan] = []
    covered: list[Span] = []
    findings_heading = rs.by_id("prose.findings_section")
    for list_id, fl in enumerate(lists):
        kind = list_kind(clean, fl, rs)
        fl.kind = kind
        if kind == "container":
            # A section about problems found (一、存在的主要问题) holds findings and their narrative, no measures.
            for it in fl.items:
                if findings_heading is not None and findings_heading.pattern.search(
                        clean.view, it.start, it.start + len(it.heading)):
                    covered.append((it.start, it.end))
            continue
        for it in fl.items:
            if it.children:
                continue
            covered.append((it.start, it.end))
            if kind in MEASURE_KINDS:
                rule = fl.kind_rule if kind == "accountability" else fl.rule
                measures.append(RuleSpan(it.start, it.end, "listed", rule, it.ordinal, list_id))
            elif kind == "findings":
                findings.append(RuleSpan(it.start, it.end, "finding", fl.rule, it.ordinal, list_id))
            elif kind == "facts":
                # Facts lists (事件具体情况如下：（1）…) hold measures only in the items that state an action.
                sents = split_sentences(clean.text, it.start, it.end)
                for pm in find_prose_measures(clean.text, clean.view, sents, rs, [], segment, orgs, assume_org=True):
                    measures.append(RuleSpan(pm.start, pm.end, "listed", pm.rule, it.ordinal, list_id))
    return measures, findings, covered


def rule_measures(clean: CleanText, lists: list[FoundList], rs: RuleSet, segment, orgs: list[str],
                  skip: list[Span], trace: list[tuple[int, str]] | None = None
                  ) -> tuple[list[RuleSpan], list[RuleSpan]]:
    """All measures and findings the rules propose, in document order. ``trace`` receives whose action every
    prose clause group was judged to state, and why (find_prose_measures)."""
    measures, findings, covered = rule_list_items(clean, lists, rs, segment, orgs)
    listed_spans = [(m.start, m.end) for m in measures]
    taken = SpanSet(covered)
    prose_sentences = [(s, e) for s, e in iter_sentences(clean.text, skip) if not taken.overlaps(s, e)]
    for pm in find_prose_measures(clean.text, clean.view, prose_sentences, rs, listed_spans, segment, orgs,
                                  trace=trace):
        measures.append(RuleSpan(pm.start, pm.end, "prose", pm.rule))
    measures.sort(key=lambda m: m.start)
    findings.sort(key=lambda m: m.start)
    return measures, findings
