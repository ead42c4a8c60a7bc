"""Measures stated in prose: sentences outside lists in which the organization takes a concrete action.

A sentence is read clause by clause (split at ，；：). An *action clause* holds a cue verb of a concrete action
(rules/cues.patterns.jsonl) that is not negated, not inside a vow, not a cause (因系统升级导致…) and — when a word
segmenter is available — sits on word boundaries (排查 must not be read out of 安排查看). Consecutive clauses
form one measure; a new one starts after ；, at a new reported statement (又指/并称) or at a new 对X target.
Leading clauses that only frame the sentence (中国联通表示，/ 5月7日，/ 公司高度重视，) are left out, and so are
trailing clauses that only vow or aim. A measure counts only when it is the responding organization's: named,
self-referring, or speaking earlier in the paragraph, and not a third party's (rules/prose.regex.jsonl).
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable

from .cues import find_cue_verbs, has_concrete_action, is_generic_vow
from .ruleset import RuleSet
from .sentences import Span, SpanSet, split_clauses

Segmenter = Callable[[str], list[tuple[int, int]]]
_TITLE = re.compile(r"《[^》]*》")
# Short quotations, titles and 【headlines】 name things: their verbs are not actions (“处罚西安百姓”), and a
# negation reaches across them (未能将“人民至上，生命至上”贯彻落实).
_HEADLINE = re.compile(r"【[^【】]{1,40}】")
_QUOTED = re.compile(rf"“[^“”]{{1,16}}”|「[^「」]{{1,16}}」|《[^》]*》|{_HEADLINE.pattern}")
RESTATE_WINDOW = 5000
RECENT = 50  # prose measures a new one is compared with for repetition
RETOLD_SHARE = 1 / 3  # share of its bigrams a retold measure has in common with the first telling
RETOLD_HALF = 0.5  # or half of its bigrams in common, however much it adds
RETOLD_NEW = 8  # at most this many bigrams of its own (about four words)
_AIM_OPENERS = {"努力", "全力", "切实", "确保", "力争", "旨在", "以便", "以期", "为了", "从而", "希望"}
_PASSIVE = re.compile(r"[被遭](?:到|受)?$")
_REJECT_IDS = ("prose.reject_third_party", "prose.reject_hypothetical_other", "prose.reject_not_mentioned")


@dataclass
class ProseMeasure:
    start: int
    end: int
    rule: str  # the cue rule that made it a measure


class _Rules:
    def __init__(self, ruleset: RuleSet):
        by_id = {r.id: r.pattern for r in ruleset.regex("prose")}
        self.by_id = by_id
        self.frame = by_id.get("prose.frame_clause")
        self.negation = by_id.get("prose.reject_negation")
        self.cause = by_id.get("prose.cause_clause")
        self.itself = by_id.get("prose.statement_itself")
        self.speech = by_id.get("prose.speech_frame")
        self.new_statement = by_id.get("prose.new_statement")
        self.apology = by_id.get("prose.apology_only")
        self.self_ref = by_id.get("prose.self_reference")
        self.org = by_id.get("prose.org_subject")
        self.other = by_id.get("prose.other_subject")
        self.demand = by_id.get("prose.demand_before_cue")
        self.org_speech = by_id.get("prose.org_speech")
        self.aspect_lead = by_id.get("prose.aspect_lead")
        self.statement_speech = by_id.get("prose.statement_speech")
        self.rejects = [by_id[i] for i in _REJECT_IDS if i in by_id]
        self.aspect = by_id.get("prose.aspect_before_cue")
        self.regulator = by_id.get("prose.reject_regulator_order")
        self.question = by_id.get("prose.reject_question")
        self.third = by_id.get("prose.reject_third_party")
        self.own_recommendation = by_id.get("prose.own_recommendation")
        self.new_subject = by_id.get("prose.new_subject")
        self.trailing_break = by_id.get("prose.trailing_break")
        self.lead = by_id.get("prose.lead_clause")
        # Structural patterns the code needs (an overlay may change them, not remove them).
        self.time_lead = by_id["prose.time_lead"]
        self.pronoun_lead = by_id["prose.pronoun_lead"]
        self.dated = by_id["prose.dated_line"]
        self.result = by_id["prose.result_marker"]
        self.governing = by_id["prose.governing_verb"]
        self.condition = by_id["prose.condition_clause"]
        self.inline_speech = by_id.get("prose.inline_speech")
        self.new_modal = by_id.get("prose.new_modal")
        self.modal = by_id.get("prose.recommended_modal")
        self.offer = by_id.get("prose.customer_offer")
        self.external = by_id.get("prose.external_body")
        self.outside_demand = by_id.get("prose.outside_demand")
        self.public = by_id.get("prose.public_body")
        self.wish = by_id.get("prose.wish_before")
        self.exposed = by_id.get("prose.exposed_before")
        self.demand_on_org = by_id.get("prose.demand_on_org")
        self.nominal = by_id.get("prose.nominal_cue")
        self.ambiguous = {r.id for r in ruleset.patterns("cues") if r.get("level") == "ambiguous"}
        self.sanctions = {r.id for r in ruleset.patterns("cues") if r.get("category") == "accountability"}

    def is_public(self, name: str) -> bool:
        """The organization is a public authority (兰州市卫健委, 叶县政府)."""
        return bool(name) and self.hit(self.public, name)

    def is_outside(self, name: str) -> bool:
        """A public authority or an outside body (police, regulator, contractor): no co-responder of a company."""
        return self.is_public(name) or self.hit(self.external, name)

    @staticmethod
    def hit(pattern, text: str) -> bool:
        return pattern is not None and pattern.search(text) is not None


@lru_cache(maxsize=8)
def _rules_for(ruleset: RuleSet) -> _Rules:
    return _Rules(ruleset)


def is_public_body(name: str, ruleset: RuleSet) -> bool:
    """Whether the organization ``name`` is a public authority (rules/prose.regex.jsonl prose.public_body)."""
    return _rules_for(ruleset).is_public(name)


def is_outside_body(name: str, ruleset: RuleSet) -> bool:
    """Whether ``name`` is a public authority or an outside body (prose.public_body, prose.external_body)."""
    return _rules_for(ruleset).is_outside(name)


def _aligned(cue: tuple[int, int], tokens: list[tuple[int, int]]) -> bool:
    starts = {a for a, _ in tokens}
    ends = {b for _, b in tokens}
    return cue[0] in starts and cue[1] in ends or any(a <= cue[0] and cue[1] <= b for a, b in tokens)


class _Attribution:
    """Whose action a clause states: the organization's (named, self-referring, or speaking in this
    paragraph) or someone else's. News reports mix the organization's response with everybody else's doings."""

    def __init__(self, rules: _Rules, org_names: list[str]):
        self.r = rules
        self.names = [n for n in org_names if n and len(n) >= 2]
        self.public = bool(self.names) and self.r.is_public(self.names[0])

    def names_org(self, text: str) -> bool:
        text = _HEADLINE.sub("", text)  # 【官方称集中销毁并追究责任】: a quoted headline names nobody acting here
        if any(n in text for n in self.names):
            return True
        # An organization-like subject (学生会, 调查组, 院方) is a unit of the organization or the organization under
        # another name; outside bodies are told apart before this (subject_is_other, outside_demand).
        return self.r.hit(self.r.self_ref, text) or self.r.hit(self.r.org, text)

    def statement_by(self, sentence: str) -> str:
        """Who issues the statement the sentence reports (发表声明): "org" when the organization is named or
        nobody is, "other" when someone else is (李佳琦及薇娅周三发表声明), "" when no statement is reported."""
        issued = self.r.statement_speech.search(sentence) if self.r.statement_speech is not None else None
        if issued is None:
            return ""
        speaker = self.r.time_lead.sub("", re.split(r"[，,；;：:]", sentence[:issued.start()])[-1])
        speaker = self.r.pronoun_lead.sub("", speaker)  # 他们才发出公开信: the pronoun names nobody new
        return "org" if self.names_org(speaker) or len(speaker) <= 2 else "other"

    def org_speaks(self, sentence: str) -> bool:
        sentence = _HEADLINE.sub("", sentence)
        if self.statement_by(sentence) == "org":
            return True
        if self.r.org_speech is None:
            return False
        return any(self.names_org(sentence[max(0, m.start() - 24):m.start()])
                   for m in self.r.org_speech.finditer(sentence))

    def subject_is_other(self, view: str, starts: tuple[int, ...], persons: bool = True) -> bool:
        """The sentence or the measure opens with someone else as its subject: an outside body (警方, 公署,
        承办商) or a person (消费者), not part of the organization's own name. Only when the organization is known
        and is not itself a public authority (in a government's account several agencies act together)."""
        if self.r.external is None or not self.names or self.public:
            return False
        for at in starts:
            head = view[at:at + 40]
            lead = self.r.time_lead.match(head)
            head = head[lead.end():] if lead else head
            head = head[1:] if head[:1] == "由" else head  # 由承办商负责…: the agent after 由
            head = re.sub(r"^(?:根据|据)", "", head)  # 根据警方资料，…: the police's account
            for pattern in (self.r.external, self.r.other if persons else None):
                m = pattern.match(head) if pattern is not None else None
                if m and not any(head.startswith(n) and len(n) >= m.end() for n in self.names):
                    return True
        return False

    def outside_demand(self, text: str) -> bool:
        """An outside body requires what follows (质检总局要求各地…): not for a public responder, whose account
        has several agencies instructing each other."""
        if self.r.external is None or self.r.outside_demand is None or self.public:
            return False
        text = _TITLE.sub("", text)  # 国务院《特种设备安全监察条例》要求…
        return any(self.r.outside_demand.match(text[m.end():m.end() + 12]) for m in self.r.external.finditer(text)
                   if not any(n in text[max(0, m.start() - 8):m.end() + 4] for n in self.names))

    def demanded(self, text: str) -> bool:
        """Someone orders or asks the organization to act (要求港铁采取相应措施). In a government's account one
        agency instructing another is part of the response (已责成选举事务处跟进), so not for public bodies."""
        if self.r.demand_on_org is None or self.public:
            return False
        return any(self.r.demand_on_org.search(text, max(0, m.start() - 4), m.start())
                   for n in self.names for m in re.finditer(re.escape(n), text))

    def other_speaks(self, sentence: str) -> bool:
        return self.r.hit(self.r.third, sentence) or self.statement_by(sentence) == "other"

    def judge(self, view: str, s: int, a: int, cue_at: int, in_context: bool, others_voice: bool = False,
              sanction: bool = False, recommending: bool = False) -> str:
        """"org", "other" or "" (unknown) for the action clause starting at ``a`` whose cue is at ``cue_at``.
        ``sanction``: the cue disciplines someone, so a person before it (3名学生遭中止宿籍) is who is punished,
        not who acts."""
        lead = _TITLE.sub("", view[a:cue_at])  # 《…学生纪律处分实施办法》 names a document, not a subject
        if sanction:
            lead = _PASSIVE.sub("", lead)
        if self.r.hit(self.r.demand, lead) and not self.r.hit(self.r.own_recommendation, lead):
            if recommending and self.r.hit(self.r.modal, lead):
                return "org"  # 同时必须具体改善其仓管系统, after the inquiry's 报告建议…
            return "other"
        beneficiary = sanction or self.r.hit(self.r.offer, view[a:cue_at + 4])  # 学生遭中止宿籍 / 市民可以退货
        other = None if beneficiary or self.r.other is None else next(
            (m for m in self.r.other.finditer(lead) if not self.r.governing.search(lead, 0, m.start())), None)
        if other is not None and not (self.names_org(lead[:other.start()]) and other.start() > 0):
            return "other"  # 消费者要求…; but 省卫生健康委组织专家… names the organization first
        if self.subject_is_other(view, (s, a), persons=not beneficiary):
            return "other"
        if self.r.hit(self.r.wish, view[s:cue_at]) or self.r.hit(self.r.exposed, view[s:cue_at]):
            return "other"  # 希望校方认真考虑学生的建议，建立…机制 / 被发现悄悄修改微博内容
        if self.r.hit(self.r.own_recommendation, view[s:cue_at]):
            return "org"  # 调查小组建议加强…/报告建议…: the inquiry's recommendations are what the organization takes up
        if self.outside_demand(view[s:cue_at]):
            return "other"
        if self.demanded(view[s:cue_at]):
            return "other"
        if self.names_org(self.r.condition.sub("", view[s:cue_at])):
            return "org"  # but not when named only in a condition: 如果欧莱雅没有方案，就会自掏腰包…
        if in_context:
            return "org"
        # 已下架所有相关产品: a clause led by aspect, with nobody else named before it in the sentence.
        if not others_voice and self.r.hit(self.r.aspect_lead, lead) and not self.r.hit(self.r.other, view[s:cue_at]):
            return "org"
        return ""


class _Clause:
    __slots__ = ("start", "end", "body", "action", "rule", "cue_at", "frame")

    def __init__(self, start: int, end: int, body: str):
        self.start, self.end, self.body = start, end, body
        self.action, self.rule, self.cue_at, self.frame = False, "", start, False


def _is_cause(body: str, rules: _Rules) -> bool:
    """A clause giving a cause (因系统升级导致…), unless it goes on to its consequence (由于事态严重，故报警处理)."""
    m = rules.cause.search(body) if rules.cause is not None else None
    return m is not None and rules.result.search(body, m.end()) is None


def _read_clauses(view: str, s: int, e: int, rules: _Rules, ruleset: RuleSet,
                  segment: Segmenter | None, recommends: bool = False) -> list[_Clause]:
    """The clauses of the sentence ``view[s:e]``, each marked whether it states an action. ``recommends``: the
    sentence is a recommendation (报告建议…，可缩短工作时间), whose verbs are actions without aspect."""
    tokens = segment(view[s:e]) if segment else None
    out = []
    for cs, ce in split_clauses(view, s, e):
        c = _Clause(cs, ce, view[cs:ce].rstrip("，,；;：:。！!"))
        # A frame leads into what follows it; a clause that ends the sentence frames nothing (撤销…发布的公告。).
        c.frame = rules.hit(rules.frame, c.body) and not view[cs:ce].rstrip().endswith(("。", "！", "!"))
        out.append(c)
        if c.frame or _is_cause(c.body, rules) or rules.hit(rules.itself, c.body):
            continue
        ok, rid = has_concrete_action(c.body, ruleset)
        if not ok:
            continue
        cues = find_cue_verbs(c.body, ruleset)
        # Ambiguous cues (调查发现, 发布言论) act only after aspect or a governing verb (已展开调查).
        cues = [q for q in cues if q[3] not in rules.ambiguous or recommends
                or rules.hit(rules.aspect, c.body[max(0, q[0] - 8):q[0]])]
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


def _groups(view: str, clauses: list[_Clause], rules: _Rules) -> list[list[_Clause]]:
    """Runs of clauses that make one measure each, starting at an action clause."""
    groups: list[list[_Clause]] = []
    current: list[_Clause] | None = None
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


def _trim(view: str, group: list[_Clause], ruleset: RuleSet) -> tuple[int, int] | None:
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


def _bigrams(view: str, s: int, e: int) -> set[str]:
    return {g for g in (view[i:i + 2] for i in range(s, e - 1)) if not any(ch in "，,。；;：:、 " for ch in g)}


class _Listed:
    """Listed measures, indexed by character bigram, to tell a prose restatement of one of them. Only lists
    within ``RESTATE_WINDOW`` characters are compared, so a page of thousands of items stays linear.

    A restatement is either mostly the same words (60% of its bigrams in one measure), or the same action told
    again in fewer words: it shares a cue verb with the measure, a third of its bigrams, and adds little of its
    own (处以停业整顿3个月的处罚 after 停业整顿3个月，期满整改合格后重新开诊；, 予以撤销 after 撤销…公告)."""

    def __init__(self, view: str, listed: list[Span], cues: Callable[[str], set[str]] | None = None,
                 names: list[str] = ()):
        self.spans = sorted(listed)
        self.starts = [s for s, _ in self.spans]
        self.taken = SpanSet(listed)
        self.index: dict[str, list[int]] = {}
        for k, (s, e) in enumerate(self.spans):
            for g in _bigrams(view, s, e):
                self.index.setdefault(g, []).append(k)
        self.cues = cues
        self.listed_words: dict[int, tuple[set[str], set[str]]] = {}
        # The organization's name is in every telling of every measure: it says nothing about which one.
        self.name_grams = {n[i:i + 2] for n in names for i in range(len(n) - 1)}
        self.said: list[tuple[set[str], set[str]]] = []  # (bigrams, cue verbs) of accepted prose measures

    def _retold(self, grams: set[str], verbs: set[str], other: set[str], other_verbs: set[str]) -> bool:
        grams = grams - self.name_grams
        shared = len(grams & other)
        return bool(verbs & other_verbs) and shared >= RETOLD_SHARE * len(grams) and (
            len(grams) - shared <= RETOLD_NEW or shared >= RETOLD_HALF * len(grams))

    def repeats(self, view: str, s: int, e: int) -> bool:
        """A news report repeats the statement: a measure whose bigrams are 60% those of one already taken
        from the prose (recent ones only, so that the check stays cheap) is the same measure again."""
        grams = _bigrams(view, s, e)
        if any(len(grams & seen) >= 0.6 * min(len(grams), len(seen)) for seen, _ in self.said[-RECENT:]):
            return True
        self.said.append((grams, self.cues(view[s:e]) if self.cues else set()))
        return False

    def retold_in_prose(self) -> set[int]:
        """Indexes (into the accepted prose measures) of shorter retellings of another one, before or after it:
        a news lead sums up what the body tells in full (撤销前述公告 … 撤销《…公告》)."""
        drop = set()
        for i, (grams, verbs) in enumerate(self.said):
            for j in range(max(0, i - RECENT), min(len(self.said), i + RECENT + 1)):
                if j == i or j in drop:
                    continue
                other, other_verbs = self.said[j]
                if self._retold(grams, verbs, other, other_verbs) and (
                        j < i or not self._retold(other, other_verbs, grams, verbs)):
                    drop.add(i)
                    break
        return drop

    def restates(self, view: str, s: int, e: int) -> bool:
        """Inside a listed measure, or 60% of its bigrams in one (并称已进行回退处理 after 一是…回退处理)."""
        grams = _bigrams(view, s, e)
        if not grams:
            return True
        if self.taken.overlaps(s, e):
            return True
        lo = bisect_left(self.starts, s - RESTATE_WINDOW)
        hi = bisect_left(self.starts, e + RESTATE_WINDOW)
        hits: dict[int, int] = {}
        for g in grams:
            postings = self.index.get(g, ())
            for k in postings[bisect_left(postings, lo):bisect_left(postings, hi)]:
                hits[k] = hits.get(k, 0) + 1
        if any(n / len(grams) >= 0.6 for n in hits.values()):
            return True
        if self.cues is None:
            return False
        verbs = self.cues(view[s:e])
        return any(self._retold(grams, verbs, *self._listed_words(view, k))
                   for k, n in hits.items() if n >= RETOLD_SHARE * len(grams))

    def _listed_words(self, view: str, k: int) -> tuple[set[str], set[str]]:
        """Bigrams and cue verbs of listed measure ``k``, computed once."""
        if k not in self.listed_words:
            a, b = self.spans[k]
            self.listed_words[k] = (_bigrams(view, a, b), self.cues(view[a:b]))
        return self.listed_words[k]


def find_prose_measures(text: str, view: str, sentences: list[Span], ruleset: RuleSet,
                        listed: list[Span], segment: Segmenter | None = None,
                        org_names: list[str] | None = None, assume_org: bool = False) -> list[ProseMeasure]:
    """Prose measures among ``sentences`` (already restricted to text outside list items and boilerplate).

    ``org_names`` are the names of the responding organization (Simplified); a measure counts only when the
    organization is its subject or speaks in the paragraph before it. ``assume_org``: the sentences are the
    organization's own words (items of a list in its statement) unless they name someone else.
    """
    rules = _rules_for(ruleset)
    attribution = _Attribution(rules, org_names or [])
    restated = _Listed(view, listed, lambda t: {q[2] for q in find_cue_verbs(t, ruleset)}, attribution.names)
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
        clauses = _read_clauses(view, s, e, rules, ruleset, segment, rules.hit(rules.own_recommendation, sentence))
        for group in _groups(view, clauses, rules):
            first = next(c for c in group if c.action)
            who = attribution.judge(view, s, first.start, first.cue_at, context, others_voice,
                                    sanction=first.rule in rules.sanctions, recommending=recommending)
            context = (context or speaks or who == "org") and who != "other"
            if who != "org":
                continue
            span = _trim(view, group, ruleset)
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
