"""Clause reading: which clauses of a sentence state an action, and which runs of clauses make one measure.

A sentence is split at ，；：. An *action clause* holds a cue verb of a concrete action (rules/cues.patterns.jsonl)
that is not negated, not inside a vow, not a cause (因系统升级导致…) and — when a word segmenter is available —
sits on word boundaries (排查 must not be read out of 安排查看). Consecutive clauses form one measure; a new one
starts after ；, at a new reported statement (又指/并称) or at a new 对X target. Trailing clauses that only vow or
aim are trimmed."""
from __future__ import annotations

import re
from typing import Callable

from ..ruleset import RuleSet
from ..structure import split_clauses
from .cues import find_cue_verbs, has_concrete_action, is_generic_vow
from .prose_rules import HEADLINE, ProseRules

Segmenter = Callable[[str], list[tuple[int, int]]]
# Short quotations, titles and 【headlines】 name things: their verbs are not actions (“处罚西安百姓”), and a
# negation reaches across them (未能将“人民至上，生命至上”贯彻落实).
_QUOTED = re.compile(rf"“[^“”]{{1,16}}”|「[^「」]{{1,16}}」|《[^》]*》|{HEADLINE.pattern}")
_AIM_OPENERS = {"努力", "全力", "切实", "确保", "力争", "旨在", "以便", "以期", "为了", "从而", "希望"}


def _aligned(cue: tuple[int, int], tokens: list[tuple[int, int]]) -> bool:
    starts = {a for a, _ in tokens}
    ends = {b for _, b in tokens}
    return cue[0] in starts and cue[1] in ends or any(a <= cue[0] and cue[1] <= b for a, b in tokens)


class Clause:
    __slots__ = ("start", "end", "body", "action", "rule", "cue_at", "frame")

    def __init__(self, start: int, end: int, body: str):
        self.start, self.end, self.body = start, end, body
        self.action, self.rule, self.cue_at, self.frame = False, "", start, False


def _is_cause(body: str, rules: ProseRules) -> bool:
    """A clause giving a cause (因系统升级导致…), unless it goes on to its consequence (由于事态严重，故报警处理)."""
    m = rules.cause.search(body) if rules.cause is not None else None
    return m is not None and rules.result.search(body, m.end()) is None


def read_clauses(view: str, s: int, e: int, rules: ProseRules, ruleset: RuleSet,
                  segment: Segmenter | None, recommends: bool = False) -> list[Clause]:
    """The clauses of the sentence ``view[s:e]``, each marked whether it states an action. ``recommends``: the
    sentence is a recommendation (报告建议…，可缩短工作时间), whose verbs are actions without aspect."""
    tokens = segment(view[s:e]) if segment else None
    out = []
    for cs, ce in split_clauses(view, s, e):
        c = Clause(cs, ce, view[cs:ce].rstrip("，,；;：:。！!"))
        # A frame leads into what follows it; a clause that ends the sentence frames nothing (撤销…发布的公告。).
        c.frame = rules.hit(rules.frame, c.body) and not view[cs:ce].rstrip().endswith(("。", "！", "!"))
        out.append(c)
        if c.frame or _is_cause(c.body, rules) or rules.hit(rules.itself, c.body):
            continue
        ok, rid = has_concrete_action(c.body, ruleset)
        if not ok:
            continue
        cues = find_cue_verbs(c.body, ruleset)
        # Ambiguous cues (调查发现, 发布言论) act only after aspect or a governing verb (已展开调查), a few
        # characters before them (将把中央厨房工艺调整为…, 已向当事人当面表达了歉意: prose.aspect_before_cue).
        cues = [q for q in cues if q[3] not in rules.ambiguous or recommends
                or rules.hit(rules.aspect, c.body[max(0, q[0] - rules.aspect_window):q[0]])]
        # A verb right before 的 modifies a noun (达芬奇开通的热线): it names a thing, not an action; so do verbs
        # inside a title (《学生纪律处分实施办法》).
        titles = [m.span() for m in _QUOTED.finditer(c.body)]  # 《…办法》, “处罚西安百姓”: names, not actions
        cues = [q for q in cues if c.body[q[1]:q[1] + 1] != "的" and not any(a <= q[0] < b for a, b in titles)]
        # 撤销公告并致歉的行为 / 除了一系列内部处分之外: the action as a topic of talk, not as a statement of it.
        if rules.nominal is not None:
            cues = [q for q in cues if not (rules.nominal.match(c.body[q[1]:]) or rules.nominal.search(c.body[:q[0]]))]
        if not cues:
            continue
        if rules.negation is not None and all(rules.negation.search(_QUOTED.sub("", c.body[:q[0]])) for q in cues):
            continue
        if tokens is not None and not any(_aligned((cs - s + q[0], cs - s + q[1]), tokens) for q in cues):
            continue
        if rules.apology is not None and all(rules.apology.fullmatch(q[2]) for q in cues):
            continue  # apologising is the apology field
        c.action, c.rule = True, cues[0][3]
        c.cue_at = cs + cues[0][0]
    return out


def group_clauses(view: str, clauses: list[Clause], rules: ProseRules) -> list[list[Clause]]:
    """Runs of clauses that make one measure each, starting at an action clause."""
    groups: list[list[Clause]] = []
    current: list[Clause] | None = None
    free = 0  # clauses from here on belong to no measure yet
    for i, c in enumerate(clauses):
        if rules.hit(rules.third, c.body):
            current = None  # 不少网友表示应该严肃追责: someone else's words end the organization's measure
            free = i + 1
            continue
        prev_end = view[clauses[i - 1].end - 1] if i else ""
        breaks = (prev_end in "；;" or rules.hit(rules.new_statement, c.body)
                  or rules.hit(rules.new_subject, c.body)
                  or (view[c.start] == "对" and current is not None and view[current[0].start] != "对")
                  # 已成立专项小组自查，买了相关服饰的市民可以退货 / …，也会加派资深同事: a new action with its own
                  # modal is a new measure once the current one has its action.
                  or (c.action and current is not None and any(x.action for x in current)
                      and (rules.hit(rules.new_modal, c.body) or rules.hit(rules.offer, c.body))))
        if breaks:
            current = None
            free = i
        if c.action:
            if current is None:
                current = [c]
                # A clause "对X" right before the action clause is its object (对系统…流程，重新进行梳理完善).
                if i and view[clauses[i - 1].start] == "对" and not clauses[i - 1].action and not breaks:
                    current.insert(0, clauses[i - 1])
                # 根据调查结果，/ 按照《…》，/ 会后，应X的申请，: the basis or step before the action is part of it.
                k = i - len(current)
                while k >= free and rules.hit(rules.lead, clauses[k].body):
                    current.insert(0, clauses[k])
                    k -= 1
                # 欧莱雅表示将在考虑…后，提出妥善解决方案: what follows the reporting verb is part of the measure.
                if k >= free and rules.hit(rules.inline_speech, clauses[k].body):
                    current.insert(0, clauses[k])
                groups.append(current)
            else:
                current.append(c)
        elif current is not None and not rules.hit(rules.new_statement, c.body):
            if rules.hit(rules.trailing_break, c.body):
                current = None  # 事后并无发现…: narrative after the measure
                free = i + 1
                continue
            current.append(c)
    return groups


def trim_group(view: str, group: list[Clause], ruleset: RuleSet) -> tuple[int, int] | None:
    """Drop trailing clauses that only vow or aim (持续改进服务，努力为用户提供满意服务)."""
    while len(group) > 1:
        last = group[-1]
        if last.action and not is_generic_vow(last.body, ruleset):
            break
        if not (is_generic_vow(last.body, ruleset) or last.body[:2] in _AIM_OPENERS or last.frame):
            break
        group = group[:-1]
    start, end = group[0].start, group[-1].end
    while end > start and view[end - 1] in "，,；;：: ":
        end -= 1
    if is_generic_vow(view[start:end], ruleset):
        return None
    return start, end
