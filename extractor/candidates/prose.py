"""Measures stated in prose: sentences outside lists in which the organization takes a concrete action.

A sentence is read clause by clause (split at ，；：). An *action clause* holds a cue verb of a concrete action
(rules/cues.patterns.jsonl) that is not negated, not inside a vow, not a cause (因系统升级导致…) and — when a word
segmenter is available — sits on word boundaries (排查 must not be read out of 安排查看). Consecutive clauses
form one measure; a new one starts after ；, at a new reported statement (又指/并称) or at a new 对X target.
Leading clauses that only frame the sentence (中国联通表示，/ 5月7日，/ 公司高度重视，) are left out, and so are
trailing clauses that only vow or aim. A measure counts only when it is the responding organization's: named,
self-referring, or speaking earlier in the paragraph, and not a third party's (rules/prose.regex.jsonl).

The work is split by job: clauses.py reads the clauses of a sentence and groups them into measures,
attribution.py tells whose action a clause states, retelling.py drops measures told again, and this module walks
the sentences, carrying who speaks from sentence to sentence within a paragraph.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..ruleset import RuleSet
from ..structure import Span
from .attribution import Attribution
from .clauses import Segmenter, group_clauses, read_clauses, trim_group
from .cues import find_cue_verbs, is_generic_vow
from .prose_rules import rules_for
from .retelling import Listed


@dataclass
class ProseMeasure:
    start: int
    end: int
    rule: str  # the cue rule that made it a measure


def find_prose_measures(text: str, view: str, sentences: list[Span], ruleset: RuleSet,
                        listed: list[Span], segment: Segmenter | None = None,
                        org_names: list[str] | None = None, assume_org: bool = False,
                        trace: list[tuple[int, str]] | None = None) -> list[ProseMeasure]:
    """Prose measures among ``sentences`` (already restricted to text outside list items and boilerplate).

    ``org_names`` are the names of the responding organization (Simplified); a measure counts only when the
    organization is its subject or speaks in the paragraph before it. ``assume_org``: the sentences are the
    organization's own words (items of a list in its statement) unless they name someone else. ``trace``, when
    given, receives ``(cue position, reason)`` of every attribution judged (Attribution.judge), kept or not.
    """
    rules = rules_for(ruleset)
    attribution = Attribution(rules, org_names or [])
    restated = Listed(view, listed, lambda t: {q[2] for q in find_cue_verbs(t, ruleset)}, attribution.names)
    out = []
    context = others_voice = recommending = False
    last_para = -2
    for s, e in sentences:
        para = view.rfind("\n", 0, s)
        if para != last_para:
            context, last_para, others_voice = assume_org, para, False
            recommending = False
        if restated.taken.overlaps(s, e):
            context = True
        sentence = view[s:e]
        speaks = attribution.org_speaks(sentence)
        others_voice = (others_voice or attribution.other_speaks(sentence)) and not speaks
        stripped = sentence.rstrip()
        if stripped[:1] in "（(" and stripped.rstrip("。")[-1:] in "）)":
            continue  # an aside in parentheses
        if stripped.endswith(("：", ":")) or rules.hit(rules.question, stripped) or is_generic_vow(sentence, ruleset) or (
                not stripped.endswith(("。", "！", "!", "；", ";", "”", "」", ")", "）")) and e - s < 40
                and not rules.dated.match(stripped)):  # a dated line is a timeline entry (5月6日 启动应急机制)
            # A list intro, a vow, or a headline/caption: no measure, but it may tell who speaks.
            context = context or speaks
            continue
        clauses = read_clauses(view, s, e, rules, ruleset, segment, rules.hit(rules.own_recommendation, sentence))
        for group in group_clauses(view, clauses, rules):
            first = next(c for c in group if c.action)
            who, why = attribution.judge(view, s, first.start, first.cue_at, context, others_voice,
                                         sanction=first.rule in rules.sanctions, recommending=recommending)
            if trace is not None:
                trace.append((first.cue_at, why))
            context = (context or speaks or who == "org") and who != "other"
            if who != "org":
                continue
            span = trim_group(view, group, ruleset)
            if span is None:
                continue
            a, b = span
            for lead_rule in (rules.new_statement, rules.inline_speech):
                opener = lead_rule.match(view[a:b]) if lead_rule is not None else None
                if opener:
                    a += opener.end()  # 又指已… / 拼多多表示已…: the measure starts after the reporting verb
            idx = clauses.index(group[0])
            frame_start = a
            if idx and rules.hit(rules.speech, clauses[idx - 1].body):
                frame_start = clauses[idx - 1].start  # 记者了解到，/ 中国移动方面表示，: whose words these are
            # Third-party and regulator rules look at who acts (frame, subject and cue), not at the object:
            # 处理消费者的相关问询 is the organization answering consumers.
            if any(p.search(view, frame_start, first.cue_at + 4) for p in rules.rejects):
                continue
            if rules.regulator is not None and rules.regulator.search(view, frame_start, b):
                continue  # 责令该公司立即整改: the order is the regulator's, whatever the cue
            if b - a < 4 or restated.restates(view, a, b) or restated.repeats(view, a, b):
                continue
            out.append(ProseMeasure(a, b, first.rule))  # repeats() recorded it: out[i] is restated.said[i]
        context = context or speaks
        # 报告最后建议…。同时必须具体改善其仓管系统: the recommendation goes on in the sentences after it.
        recommending = recommending or rules.hit(rules.own_recommendation, sentence)
    drop = restated.retold_in_prose()
    return [m for i, m in enumerate(out) if i not in drop]
