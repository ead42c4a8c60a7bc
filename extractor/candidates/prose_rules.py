"""The prose rules of a rule set (rules/prose.regex.jsonl), compiled once and shared by clause reading,
attribution and the prose measure finder."""
from __future__ import annotations

import re
import re._parser as _parser
from functools import lru_cache

from ..ruleset import RuleSet

# A 【headline】 quoted in a report names nobody acting here (【官方称集中销毁并追究责任】).
HEADLINE = re.compile(r"【[^【】]{1,40}】")
_REJECT_IDS = ("prose.reject_third_party", "prose.reject_hypothetical_other", "prose.reject_not_mentioned")


_UNBOUNDED_WINDOW = 64  # characters looked back for a pattern that can span any number of them


def _widest(pattern: re.Pattern | None) -> int:
    """The most characters a match of ``pattern`` can span (``_UNBOUNDED_WINDOW`` when it has no bound)."""
    if pattern is None:
        return 0
    widest = _parser.parse(pattern.pattern, pattern.flags).getwidth()[1]
    return min(widest, _UNBOUNDED_WINDOW)


class ProseRules:
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
        # The aspect rule is searched in the characters right before each ambiguous cue: as many as it can span (a
        # window, so that a clause of thousands of cues stays linear).
        self.aspect_window = _widest(self.aspect)
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
def rules_for(ruleset: RuleSet) -> ProseRules:
    return ProseRules(ruleset)
