"""Who acts in a clause: the responding organization (named, self-referring, or speaking in the paragraph) or
someone else (an outside body, a person, a demand or wish addressed to the organization, a statement issued by
another). Public bodies are told apart because in a government's account several agencies act together."""
from __future__ import annotations

import re

from ..ruleset import RuleSet
from .prose_rules import HEADLINE, ProseRules, rules_for

_TITLE = re.compile(r"《[^》]*》")
_PASSIVE = re.compile(r"[被遭](?:到|受)?$")


def is_public_body(name: str, ruleset: RuleSet) -> bool:
    """Whether the organization ``name`` is a public authority (rules/prose.regex.jsonl prose.public_body)."""
    return rules_for(ruleset).is_public(name)


def is_outside_body(name: str, ruleset: RuleSet) -> bool:
    """Whether ``name`` is a public authority or an outside body (prose.public_body, prose.external_body)."""
    return rules_for(ruleset).is_outside(name)


# The reasons of Attribution.judge that name someone else as the one acting (a demand — 要求… — stays out: an
# organization's measure may carry what it requires of its staff, and four gold measures do).
OTHERS_ACT = frozenset({"other_person", "other_subject", "wish", "outside_demand", "demanded"})


class Attribution:
    """Whose action a clause states: the organization's (named, self-referring, or speaking in this
    paragraph) or someone else's. News reports mix the organization's response with everybody else's doings."""

    def __init__(self, rules: ProseRules, org_names: list[str]):
        self.r = rules
        self.names = [n for n in org_names if n and len(n) >= 2]
        self.public = bool(self.names) and self.r.is_public(self.names[0])

    def names_org(self, text: str) -> bool:
        text = HEADLINE.sub("", text)  # 【官方称集中销毁并追究责任】: a quoted headline names nobody acting here
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
        sentence = HEADLINE.sub("", sentence)
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
              sanction: bool = False, recommending: bool = False) -> tuple[str, str]:
        """Whose action the clause starting at ``a`` (its cue at ``cue_at``) states: ("org" | "other" | "" for
        unknown, and the reason, one word: the trained decisions weigh each reason on its own).
        ``sanction``: the cue disciplines someone, so a person before it (3名学生遭中止宿籍) is who is punished,
        not who acts."""
        lead = _TITLE.sub("", view[a:cue_at])  # 《…学生纪律处分实施办法》 names a document, not a subject
        if sanction:
            lead = _PASSIVE.sub("", lead)
        if self.r.hit(self.r.demand, lead) and not self.r.hit(self.r.own_recommendation, lead):
            if recommending and self.r.hit(self.r.modal, lead):
                return "org", "recommended"  # 同时必须具体改善其仓管系统, after the inquiry's 报告建议…
            return "other", "demand"
        beneficiary = sanction or self.r.hit(self.r.offer, view[a:cue_at + 4])  # 学生遭中止宿籍 / 市民可以退货
        other = None if beneficiary or self.r.other is None else next(
            (m for m in self.r.other.finditer(lead) if not self.r.governing.search(lead, 0, m.start())), None)
        if other is not None and not (self.names_org(lead[:other.start()]) and other.start() > 0):
            return "other", "other_person"  # 消费者要求…; but 省卫生健康委组织专家… names the organization first
        if self.subject_is_other(view, (s, a), persons=not beneficiary):
            return "other", "other_subject"
        if self.r.hit(self.r.wish, view[s:cue_at]) or self.r.hit(self.r.exposed, view[s:cue_at]):
            return "other", "wish"  # 希望校方认真考虑学生的建议，建立…机制 / 被发现悄悄修改微博内容
        if self.r.hit(self.r.own_recommendation, view[s:cue_at]):
            # 调查小组建议加强…/报告建议…: the inquiry's recommendations are what the organization takes up
            return "org", "own_recommendation"
        if self.outside_demand(view[s:cue_at]):
            return "other", "outside_demand"
        if self.demanded(view[s:cue_at]):
            return "other", "demanded"
        if self.names_org(self.r.condition.sub("", view[s:cue_at])):
            return "org", "named"  # but not when named only in a condition: 如果欧莱雅没有方案，就会自掏腰包…
        if in_context:
            return "org", "context"
        # 已下架所有相关产品: a clause led by aspect, with nobody else named before it in the sentence.
        if not others_voice and self.r.hit(self.r.aspect_lead, lead) and not self.r.hit(self.r.other, view[s:cue_at]):
            return "org", "aspect_lead"
        return "", "unknown"
