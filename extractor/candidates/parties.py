"""Find parties (people, posts, internal units, task forces) named in one measure, finding or sentence.

Two kinds of data drive this module:

* ``rules/parties.regex.jsonl`` — *triggers* with a ``role`` (disciplined | responsible | actor) and a
  ``kind`` that says where the party sits relative to the match:
  ``region`` (inside the named group ``np``: 对(X)进行问责), ``before`` (ends where the match starts:
  X停职检查), ``after`` (starts where the match ends: 派遣X前往), ``mention`` (the match is the party:
  工作专班) and ``block`` (negation / third-party speech that cancels triggers in the same clause).
  The sanction comes from the named group ``penalty`` or the rule's ``penalty`` key.
* ``rules/party_heads.regex.jsonl`` — the noun-phrase lexicon: head nouns per kind (post, staff, unit,
  agent, task_force), personal names, modifiers, counts, trailers, stop words and coordinators.

A candidate region is split at coordinators (、 和 及 以及), each piece is trimmed to the noun phrase
(cut after the last stop word or 的, drop counts and trailers, start at a modifier like 相关) and kept only
when it ends in a head noun or is a personal name. Matching runs on ``clean.view``; names come from
``clean.text`` at the same offsets.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..clean import CleanText
from ..records import Party
from ..ruleset import RegexRule, RuleSet

__all__ = ["find_parties", "party_candidates", "party_head_kind", "is_company_unit"]

HEAD_KINDS = ("task_force", "post", "staff", "unit", "agent")
BOUNDARY = "，。；：！？,;:!?\n\r\t “”\"《》【】[]（）()「」|<>"
MAX_WINDOW = 40   # characters scanned left/right of a before/after trigger
MAX_NAME = 14     # longer noun phrases keep only their last MAX_NAME characters
MENTION_OWNER = 6  # characters an owner body (国务院, 市卫健委) may take before a task force
MENTION_LEFT = 2  # characters kept before a task-force head with no task words on its left (专门 工作组)


@dataclass(frozen=True)
class _Lexicon:
    heads: tuple              # (kind, compiled '(?:...)$') per head rule
    head_any: re.Pattern      # head nouns anywhere (for 'after' triggers)
    name: re.Pattern
    exclude: re.Pattern
    bare: re.Pattern
    not_name: re.Pattern
    modifier: re.Pattern
    loose_modifier: re.Pattern
    count: re.Pattern
    trailer: re.Pattern
    stop: re.Pattern
    split: re.Pattern
    task_modifier: re.Pattern
    preposition: re.Pattern
    owner_end: re.Pattern
    company_unit: re.Pattern
    triggers: tuple
    blocks: tuple


def _one(rules: list[RegexRule], kind: str) -> re.Pattern:
    sources = [r.source for r in rules if r.get("kind") == kind]
    return re.compile("|".join(f"(?:{s})" for s in sources) or "(?!)")


@lru_cache(maxsize=8)
def _lexicon(ruleset: RuleSet) -> _Lexicon:
    lex = ruleset.regex("party_heads")
    trig = ruleset.regex("parties")
    heads = tuple((r.get("kind"), re.compile(f"(?:{r.source})$")) for r in lex if r.get("kind") in HEAD_KINDS)
    # task-force mentions are heads too, so 成立了专项工作组 and 工作组 share one vocabulary
    heads += tuple(("task_force", re.compile(f"(?:{r.source})$")) for r in trig if r.get("kind") == "mention")
    any_src = "|".join(f"(?:{r.source})" for r in lex if r.get("kind") in HEAD_KINDS)
    return _Lexicon(
        heads=heads, head_any=re.compile(any_src),
        name=_one(lex, "name"), exclude=_one(lex, "exclude"), bare=_one(lex, "bare"), not_name=_one(lex, "not_name"), modifier=_one(lex, "modifier"),
        loose_modifier=_one(lex, "loose_modifier"), count=_one(lex, "count"), trailer=_one(lex, "trailer"),
        stop=_one(lex, "stop"), split=_one(lex, "split"),
        task_modifier=re.compile(f"(?:{_one(lex, 'task_modifier').pattern})$"),
        preposition=_one(lex, "preposition"),
        owner_end=_one(lex, "owner_end"), company_unit=_one(lex, "company_unit"),
        triggers=tuple(r for r in trig if r.get("kind") in ("region", "before", "after", "mention", "subject")),
        blocks=tuple(r for r in trig if r.get("kind") == "block"),
    )


def _clause_start(view: str, pos: int, floor: int) -> int:
    """Index just after the last clause boundary before ``pos`` (never below ``floor``)."""
    i = pos
    while i > floor and view[i - 1] not in BOUNDARY:
        i -= 1
    return i


def _clause_end(view: str, pos: int, ceil: int) -> int:
    i = pos
    while i < ceil and view[i] not in BOUNDARY:
        i += 1
    return i


def _head_kind(lex: _Lexicon, piece: str) -> str | None:
    for kind, pat in lex.heads:
        if pat.search(piece):
            return kind
    return None


def _trim(lex: _Lexicon, view: str, s: int, e: int, bare_name: bool) -> tuple[int, int, str] | None:
    """Trim view[s:e] to a party noun phrase; returns (start, end, kind) or None.

    ``bare_name`` accepts a piece that is only a personal name (给予张鹏警告处分); otherwise a name needs a
    post before it (市委书记李荣灿) or a title after it (赵勇同志).
    """
    comrade = view.find("同志", s, e)
    if s < comrade and comrade + 2 < e:
        # 免去王五同志区市场监管局食品科科长职务: the person is the one named before 同志, the rest is the post
        named = _trim(lex, view, s, comrade, True)
        if named is not None and named[2] == "name":
            return named
    while e > s:  # trailers: 等, 同志, 的 ...
        m = lex.trailer.search(view, s, e)
        if not m or m.end() != e or m.start() == s:
            break
        bare_name = bare_name or view[m.start():m.end()] in ("同志", "先生", "女士")
        e = m.start()
    for m in lex.stop.finditer(view, s, e):  # cut after the last stop word (的, 对, 成立, ...)
        if m.end() < e:
            s = max(s, m.end())
    while True:
        m = lex.count.match(view, s, e)
        if not m or m.end() == s or m.end() >= e:
            break
        s = m.end()
    if e - s < 2:
        return None
    piece = view[s:e]
    if lex.exclude.search(piece):
        return None
    kind = _head_kind(lex, piece)
    if kind is None:
        return _trim_name(lex, view, s, e, bare_name)
    if kind in ("agent", "unit", "task_force"):
        m = lex.loose_modifier.match(view, s, e)
        if m and e - m.end() >= 2:
            s = m.end()
    mods = [m.start() for m in lex.modifier.finditer(view, s, e) if m.start() > s]
    if mods and kind in ("post", "staff"):
        s = mods[-1]
    if e - s > MAX_NAME:
        s = e - MAX_NAME
    if lex.bare.fullmatch(view, s, e):
        return None
    return s, e, kind


def _trim_name(lex: _Lexicon, view: str, s: int, e: int, bare_name: bool) -> tuple[int, int, str] | None:
    """A personal name: the whole piece (季子越), or a name right after a post (市委书记李荣灿)."""
    for width in (3, 2, 4):
        ns = e - width
        if ns < s:
            continue
        if not lex.name.fullmatch(view, ns, e) or lex.not_name.match(view, ns, e):
            continue
        if (ns == s and bare_name) or (ns > s and _head_kind(lex, view[s:ns]) in ("post", "staff")):
            return ns, e, "name"
    return None


def _pieces(lex: _Lexicon, view: str, s: int, e: int) -> list[tuple[int, int]]:
    """Split a region at coordinators (、 和 及 以及)."""
    out, cur = [], s
    for m in lex.split.finditer(view, s, e):
        out.append((cur, m.start()))
        cur = m.end()
    out.append((cur, e))
    return out


def _blocked(lex: _Lexicon, view: str, clause: int, pos: int) -> bool:
    return any(r.pattern.search(view, clause, pos) for r in lex.blocks)


def _parties_in(lex: _Lexicon, clean: CleanText, s: int, e: int, rule: RegexRule, penalty: str,
                last_only: bool = False) -> list[Party]:
    """Parties from the coordinated pieces of view[s:e]; ``last_only`` keeps the tail of a left context."""
    view = clean.view
    bare_name = rule.get("role") == "disciplined" or rule.get("kind") == "region"
    pieces = _pieces(lex, view, s, e)
    if last_only:
        # walk back from the trigger while pieces still end in a head or a name (X、Y停职)
        kept = []
        for ps, pe in reversed(pieces):
            # 陈冲、杨耀环、赵勇同志: a title after the last name covers the coordinated names before it
            t = _trim(lex, view, ps, pe, bare_name or any(k[2] == "name" for k in kept))
            if t is None:
                break
            kept.append(t)
            if t[0] > ps:  # a stop word or 的 inside the piece: the phrase began there
                break
        trimmed = list(reversed(kept))
    else:
        trimmed = [t for t in (_trim(lex, view, ps, pe, bare_name) for ps, pe in pieces) if t]
    if len(trimmed) > 1 and trimmed[-1][2] in ("post", "staff") and lex.modifier.match(view, trimmed[-1][0]):
        # 代理商主管部门、投诉处理部门相关责任人: the units only qualify the people of the last piece
        trimmed = [t for t in trimmed[:-1] if t[2] != "unit"] + [trimmed[-1]]
    return [Party(name=view[ts:te], role=rule.get("role", "actor"), start=ts, end=te, penalty=penalty,
                  rule=rule.id, text=clean.text[ts:te]) for ts, te, _kind in trimmed]


def _after_region(lex: _Lexicon, view: str, rule: RegexRule, pos: int, ceil: int) -> tuple[int, int] | None:
    """The noun phrase right after an 'after' trigger: the first stretch that ends in a head and is followed
    by the rule's context (指派处内较高级的行政主任职系人员在…: not 主任, but 人员 before 在)."""
    stop = _clause_end(view, pos, min(ceil, pos + MAX_WINDOW))
    context = rule.get("context")
    for h in range(pos + 2, stop + 1):
        if not _head_kind(lex, view[pos:h]):
            continue
        # a stop word before the head ends the phrase elsewhere (安排于私家医院); 的 only qualifies it
        if any(m.group() != "的" for m in lex.stop.finditer(view, pos, h - 1)):
            return None
        if not context or re.match(f"(?:{context})", view[h:stop]):
            return pos, h
    return None


def _task_words_start(lex: _Lexicon, view: str, clause: int, pos: int) -> int:
    """Start of the run of task words (善后 处置 工作) that ends at ``pos``; ``pos`` when there is none."""
    left = pos
    while pos - left < MAX_NAME:
        m = lex.task_modifier.search(view, clause, left)
        if not m or m.start() == left:
            break
        left = m.start()
    return left


def _subject_region(lex: _Lexicon, view: str, clause: int, pos: int) -> tuple[int, int] | None:
    """The noun phrase whose predicate starts at ``pos``, up to its last head noun.

    It begins after the last stop word before ``pos`` (是员工操作失误); what follows a preposition is its
    object, so the subject of X对供应商审核把关不严 is the stretch before 对.
    """
    lo = max(clause, pos - MAX_WINDOW)
    end = pos
    for stop in [*reversed(list(lex.stop.finditer(view, lo, pos))), None]:
        if stop is not None and lex.preposition.fullmatch(view, stop.start(), stop.end()):
            end = stop.start()
            continue
        s = stop.end() if stop else lo
        # the longest stretch that still ends in a head (相关科室, not 相关科)
        e = next((e for e in range(end, s + 1, -1) if _head_kind(lex, view[s:e])), None)
        return (s, e) if e is not None else None
    return None


def find_parties(clean: CleanText, ruleset: RuleSet, start: int, end: int) -> list[Party]:
    """Parties named inside ``clean.text[start:end]`` (one measure, finding or sentence), in text order.

    Each party has its name as written, role, offsets, sanction phrase (``penalty``, disciplined only)
    and the id of the trigger rule; a span found by several rules is reported once (first rule wins).
    """
    lex = _lexicon(ruleset)
    view = clean.view
    end = min(end, len(view))
    out: dict[tuple[int, int], Party] = {}
    for rule in lex.triggers:
        kind = rule.get("kind")
        for m in rule.pattern.finditer(view, start, end):
            clause = _clause_start(view, m.start(), start)
            if _blocked(lex, view, clause, m.start()):
                continue
            penalty = rule.get("penalty", "")
            if "penalty" in rule.pattern.groupindex and m.group("penalty"):
                penalty = clean.text[m.start("penalty"):m.end("penalty")]
            if kind == "region":
                found = _parties_in(lex, clean, m.start("np"), m.end("np"), rule, penalty)
            elif kind == "before":
                found = _parties_in(lex, clean, max(clause, m.start() - MAX_WINDOW), m.start(), rule, penalty,
                                    last_only=True)
            elif kind == "after":
                region = _after_region(lex, view, rule, m.end(), end)
                found = _parties_in(lex, clean, *region, rule, penalty) if region else []
            elif kind == "subject":
                region = _subject_region(lex, view, clause, m.start())
                found = _parties_in(lex, clean, *region, rule, penalty) if region else []
            else:  # mention: the head itself plus the task words on its left (善后处置工作领导小组, not 医院调查组)
                left = _task_words_start(lex, view, clause, m.start())
                if left == m.start():
                    # 国务院调查组: an owner ending in an organization suffix is taken whole, not cut at two characters.
                    width = MENTION_OWNER if lex.owner_end.search(view, clause, m.start()) else MENTION_LEFT
                    left = max(clause, m.start() - width)
                if _head_kind(lex, view[max(clause, m.start() - 6):m.start()]) == "unit":
                    left = m.start()
                found = _parties_in(lex, clean, left, m.end(), rule, penalty, last_only=True)
            for p in found:
                out.setdefault((p.start, p.end), p)
    return _drop_nested(sorted(out.values(), key=lambda p: (p.start, p.end)))


def _drop_nested(parties: list[Party]) -> list[Party]:
    """Keep the longest of overlapping spans (专项工作组 over 工作组), first rule on ties."""
    kept: list[Party] = []
    for p in sorted(parties, key=lambda p: (p.start, -(p.end - p.start))):
        if kept and p.start < kept[-1].end:
            continue
        kept.append(p)
    return kept


def is_company_unit(name: str, ruleset: RuleSet) -> bool:
    """A company, branch or bank office (party_lex.company_unit): as an actor it is the organization itself."""
    return _lexicon(ruleset).company_unit.search(name) is not None



def party_candidates(clean: CleanText, ruleset: RuleSet, spans: list[tuple[int, int]]) -> list[Party]:
    """Every party the triggers find in ``spans``, and every other noun phrase there that ends in a head noun
    (rule ``party.head_noun``, role actor): the candidates of the party decision, in text order."""
    lex = _lexicon(ruleset)
    head_rule = ruleset.by_id("party.head_noun")
    view = clean.view
    out: dict[tuple[int, int], Party] = {}
    for s, e in spans:
        found = find_parties(clean, ruleset, s, e)
        for p in found:
            out.setdefault((p.start, p.end), p)
        if head_rule is None:
            continue
        # a head-noun phrase inside a party a trigger found in this span is that party again
        covered = [(p.start, p.end) for p in found]
        for m in lex.head_any.finditer(view, s, e):
            clause = _clause_start(view, m.start(), s)
            for p in _parties_in(lex, clean, clause, m.end(), head_rule, "", last_only=True):
                if not any(a <= p.start and p.end <= b for a, b in covered):
                    out.setdefault((p.start, p.end), p)
    return sorted(out.values(), key=lambda p: (p.start, p.end))


def party_head_kind(name: str, ruleset: RuleSet) -> str:
    """The head kind a party name ends in (task_force, post, staff, unit, agent), ``name`` for a personal
    name, or ""."""
    lex = _lexicon(ruleset)
    kind = _head_kind(lex, name)
    if kind:
        return kind
    return "name" if lex.name.fullmatch(name) else ""
