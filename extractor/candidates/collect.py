"""Everything the rules propose for one document, gathered once for the decision layer.

Two steps, because the first decides whether the second is needed: :func:`find_signals` reads the cheap
document-level evidence (statement and apology rules, the organization names) on which the statement decision
rests; :func:`find_candidates` adds the expensive part (lists, clause units, the rules' own measure and
finding proposals, phone numbers). A document the decision layer rejects as no statement never reaches the
second step, and its record is the same as if it had (decide/ never lets the second step change the first).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable

from ..clean import CleanText
from ..records import Party
from ..ruleset import RuleSet
from ..structure import FoundList, Span, SpanSet, find_lists, iter_sentences
from .apology import ApologyHit, find_apology
from .company import CompanyResult, find_company
from .hotlines import NumberCandidate, hotline_candidates
from .orgs import OrgCandidate, find_org_candidates, signature_lines
from .parties import party_candidates
from .rule_measures import RuleSpan, org_names, rule_measures
from .statement import StatementSignals, find_statement_signals
from .units import Unit, find_units


HEAD_CHARS = 300  # the first lines of a page, where it names its subject when it has no title


@dataclass
class Signals:
    """Document-level evidence: enough for the statement decision."""

    clean: CleanText
    title: str
    title_view: str
    skip: list[Span]
    sentences: list[Span]
    apology: ApologyHit
    statement: StatementSignals
    company: CompanyResult
    orgs: list[str]
    signed_by: list[str]  # signature lines (落款): who issues a notice


@dataclass
class Candidates:
    """The signals plus the span-level proposals of one document."""

    signals: Signals
    lists: list[FoundList] = field(default_factory=list)
    units: list[Unit] = field(default_factory=list)
    rule_measures: list[RuleSpan] = field(default_factory=list)
    rule_findings: list[RuleSpan] = field(default_factory=list)
    numbers: list[NumberCandidate] = field(default_factory=list)
    orgs: list[OrgCandidate] = field(default_factory=list)
    parties: list[Party] = field(default_factory=list)
    body: str = ""   # the sentences outside boilerplate, joined: where mentions are counted
    head: str = ""   # the title and the first lines: where a page names its subject
    # whose action each prose clause group states, as the rules judged it: (cue position, reason), in text order
    judged: list[tuple[int, str]] = field(default_factory=list)

    @property
    def clean(self) -> CleanText:
        return self.signals.clean


def _repeats_title(view: str, span: Span, title_view: str) -> bool:
    """A heading or line that repeats the title: the publisher's headline, not the organization's words."""
    if len(title_view) < 6:
        return False
    return title_view in view[span[0]:span[1]] and span[1] - span[0] <= len(title_view) + 12


# Separators between a headline and the site's or column's name in a title: 新浪科技｜…, …_新浪新闻, … - 澎湃新闻
_TITLE_SEGMENTS = re.compile(r"\s*[｜|_]\s*|\s+[-–—]\s+")


def headline_of(title: str) -> str:
    """The headline of a page title without the site's or column's name around it (新浪科技｜拼多多为…道歉,
    自如甲醛又超标… | 新京报快评): the longest segment. A site name read as part of the headline is a subject of
    its verbs (…致歉_新浪新闻) and a word of the page's head."""
    segments = [seg for seg in _TITLE_SEGMENTS.split(title) if seg.strip()]
    return max(segments, key=len) if len(segments) > 1 else title


def title_view_of(clean: CleanText, title: str) -> str:
    """The matching-view form of a page title's headline with the same folding as the document."""
    from ..clean import clean_text  # local: the cleaner owns the folding rules

    return clean_text(headline_of(title)).view if title else ""


def find_signals(clean: CleanText, title: str, rs: RuleSet) -> Signals:
    """The document-level evidence of a cleaned document."""
    skip = [(s, e) for s, e, _why in clean.skip_spans]
    title_view = title_view_of(clean, title)
    sentences = [sp for sp in iter_sentences(clean.view, skip) if not _repeats_title(clean.view, sp, title_view)]
    apology = find_apology(clean, rs.regex("apology"), sentences, [r.pattern for r in rs.regex("ordinals")])
    statement = find_statement_signals(clean.view, rs.regex("statement"), sentences)
    company = find_company(clean, rs.regex("company"), sentences, title_view)
    return Signals(clean, title, title_view, skip, sentences, apology, statement, company, org_names(company, rs),
                   signature_lines(clean.view))


def site_lines(clean: CleanText) -> list[Span]:
    """The boilerplate spans that start a line (a share bar, a caption, a prompt; not a repeated paragraph): the
    site's lines, which no list item runs over."""
    return [(s, e) for s, e in clean.boilerplate if s == 0 or clean.text[s - 1] == "\n"]


def find_candidates(signals: Signals, rs: RuleSet, segment: Callable | None = None) -> Candidates:
    """Lists, clause units, the rules' measure and finding proposals and the phone numbers of a document."""
    clean, skip = signals.clean, signals.skip
    lists = find_lists(clean.text, clean.view, rs, skip, site_lines(clean))
    judged: list[tuple[int, str]] = []
    measures, findings = rule_measures(clean, lists, rs, segment, signals.orgs, skip, judged)
    named = find_contacts(signals, rs)
    units = find_units(clean.text, lists, skip, clean.view, *_unit_rules(rs))
    return Candidates(signals, lists, units, measures, findings, named.numbers, named.orgs,
                      party_candidates(clean, rs, body_spans(clean.text, skip)), named.body, named.head, judged)


@lru_cache(maxsize=8)
def _unit_rules(rs: RuleSet) -> tuple:
    """The patterns of rules/units.regex.jsonl in find_units' order (speech cut, speech lead, outcome, turn,
    bound, cause, comment)."""
    by_id = {r.id: r.pattern for r in rs.regex("units")}
    return tuple(by_id.get(k) for k in ("units.speech_cut", "units.speech_lead", "units.result_tail",
                                        "units.contrast_lead", "units.bound_lead", "units.cause_lead",
                                        "units.comment_lead"))


def head_end(clean: CleanText, limit: int) -> int:
    """Where the head of a page (the first ``limit`` characters, where it says what it is) ends: there, or
    earlier at a section of other people's words the cleaner marked (readers' comments, a related-articles list:
    boilerplate spans of more than one line), or at text repeating the page's own (a second copy of the article).
    A short page's head would otherwise hold them."""
    for s, e, why in clean.skip_spans:
        if s >= limit:
            break
        if _ends_head(clean.view, s, e, why):
            return s
    return limit


def _ends_head(view: str, s: int, e: int, why: str) -> bool:
    return "\n" in view[s:e] or why == "duplicate"


@lru_cache(maxsize=8)
def left_out_of_head(rs: RuleSet) -> frozenset[str]:
    """The skip reasons of boilerplate lines that say nothing about the page: lists of other pages' topics (tags,
    keyword and link lists: ``about: other_pages``) and the site's interface (navigation, breadcrumbs, app and
    sign-in prompts: ``about: interface``). Bylines and datelines are not among them: they tell news from
    notices."""
    return frozenset(f"boilerplate:{r.id}" for r in rs.regex("noise")
                     if r.get("about") in ("other_pages", "interface"))


def page_head(clean: CleanText, limit: int, rs: RuleSet) -> str:
    """The head of a page in the matching view: its first ``limit`` characters up to :func:`head_end`, less the
    lines that list other pages' topics or belong to the site's interface (:func:`left_out_of_head`). A tag or
    keyword line at the top of a page (标签：致歉信 范文 小说, 热门搜索：…怎么写) names what the site is about, not
    what the page is, and would otherwise speak for a template or a piece of fiction; a navigation line or an app
    prompt would push the page's own first lines out of the head; the lines after them take their place."""
    left_out = left_out_of_head(rs)
    view = clean.view
    parts, pos, kept = [], 0, 0  # kept: characters of the head before ``pos``
    for s, e, why in clean.skip_spans:
        if kept + (s - pos) >= limit:
            break
        if _ends_head(view, s, e, why):  # other people's words or a repetition end the head, as in head_end
            return "".join(parts) + view[pos:s]
        if why in left_out:
            parts.append(view[pos:s])
            kept += s - pos
            pos = e + 1 if view[e:e + 1] == "\n" else e
    return "".join(parts) + view[pos:pos + limit - kept]


def find_contacts(signals: Signals, rs: RuleSet) -> Candidates:
    """Only the organization-name candidates (with the body and head they are counted in) and the phone-like
    numbers: who a document is about and whom to call, without its lists and clauses."""
    clean, view = signals.clean, signals.clean.view
    body = "\n".join(view[s:e] for s, e in signals.sentences)
    lines = page_head(signals.clean, HEAD_CHARS, rs).split("\n")
    head = "\n".join([signals.title_view, *[ln for ln in lines if ln.strip()][:3]])
    orgs = find_org_candidates(view, signals.sentences, head, rs, signals.company)
    return Candidates(signals, numbers=hotline_candidates(clean, rs, signals.skip), orgs=orgs, body=body, head=head)


def body_spans(text: str, skip: list[Span]) -> list[Span]:
    """Paragraphs outside boilerplate."""
    out = []
    pos = 0
    skipped = SpanSet(skip)
    for para in text.split("\n"):
        s, e = pos, pos + len(para)
        pos = e + 1
        if para.strip() and not skipped.covers(s):
            out.append((s, e))
    return out
