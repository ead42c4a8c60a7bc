"""Organization-name candidates: every string that may name the responding organization, with the evidence.

The rule finder (company.py) picks one name by hand-set weights and accepts a name without an organization
suffix (西贝, 滴滴, 蜜雪冰城) only when a title carries it. Here the rules only propose, generously:

* the subjects of response verbs (X表示 / X发布 / X致歉, rules/company.regex.jsonl ``kind: anchor``), cut as
  the rule finder cuts them, and every shorter tail of them (the left edge of a subject is the uncertain part);
* names ending in an organization suffix anywhere (…公司, …局, …医院), and their tails;
* Latin brand names (COACH, H&M) and the rule finder's own candidates and pick.

The decision (decide/company.py) ranks them by how they recur, where they stand and what surrounds them.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from ..ruleset import RuleSet
from ..structure.scan import rules_that_may_match
from .company import (FUNCTION_CHARS, NAME_CHARS, NAME_RUN, CompanyResult, CompanyLexicon, has_long_suffix,
                      is_generic_name, subject_of)

MAX_NAME = 16        # longest candidate
MAX_PIECE = 10       # longest piece of a subject run taken as a candidate
MAX_RUNS = 200       # subjects of response verbs whose pieces are looked up
MIN_STEM_ALONE = 2  # mentions of a short form (腾讯 of 腾讯公司) outside the full name that make it a candidate
MAX_CANDIDATES = 120  # per document, the most mentioned first (the pieces of recurring names crowd a shorter list:
# at 60, 西安市卫生健康委员会, mentioned once, lost its place to pieces of two hospitals' names)
_NAME_CHAR = re.compile(r"[A-Za-z0-9\u4e00-\u9fff&·]")
_LATIN = re.compile(r"(?<![A-Za-z])[A-Za-z][A-Za-z&'’]{1,15}(?![A-Za-z])")
_LATIN_CHAR = re.compile(r"[A-Za-z0-9&'’]")
_IN_NAME_STOP = re.compile(r"[日月年]")  # context stops (the end of a date) that are also characters of names
_FUNCTION_CHARS = set(FUNCTION_CHARS)


@dataclass
class OrgCandidate:
    """A string that may name the responding organization, and where the rules saw it."""

    name: str
    sources: set[str] = field(default_factory=set)
    anchors: int = 0      # times it is (the tail of) the subject of a response verb
    in_head: bool = False


_DATE_LINE = re.compile(r"^\s*(?:\d{4}|[〇一二三四五六七八九零]{4})\s*年\s*[\d一二三四五六七八九十]{1,2}\s*月"
                        r"\s*[\d一二三四五六七八九十]{1,3}\s*日\s*$")
MAX_SIGNATURE = 30  # longest line taken as a signature


def signature_lines(view: str) -> list[str]:
    """The short lines right above a line that holds only a date: a notice's signature (落款), where an
    official statement names who issues it."""
    lines = [ln.strip() for ln in view.split("\n") if ln.strip()]
    return [a for a, b in zip(lines, lines[1:]) if len(a) <= MAX_SIGNATURE and _DATE_LINE.match(b)]


def _cuts_word(run: str, k: int) -> bool:
    """Whether a cut before ``run[k]`` falls inside a Latin word or a number (H&M, COACH, 7-Eleven)."""
    return _LATIN_CHAR.match(run[k - 1]) is not None and _LATIN_CHAR.match(run[k]) is not None


def _context_end(prefix: str, lex: CompanyLexicon, words_in: str = "") -> int:
    """Where the context words before a name end in ``prefix`` (0: none), passing over 日/月/年 of the name. With
    ``words_in`` (``prefix`` and the name after it), also over a stop that is a character of a name word (在 of
    在线, ``kind: name_word``): the candidates do not (the decision learnt on their edges), ``whole_name`` does."""
    while prefix:
        _stop, cut = lex.any_match("left_stop", prefix, search=False)
        if cut is None:
            return 0
        end = cut.end()
        in_word = bool(words_in) and any(m.start() <= end - 1 < m.end() for rule in lex.rules.get("name_word", [])
                                         for m in rule.pattern.finditer(words_in, max(0, end - 4), end + 4))
        if not in_word and not _IN_NAME_STOP.match(prefix[end - 1]):
            return end
        prefix = prefix[:end - 1]
    return 0


def name_stem(name: str, lex: CompanyLexicon) -> str:
    """A suffixed name without its suffix (腾讯公司 -> 腾讯, 奥的斯电梯公司 -> 奥的斯电梯), '' when under two characters."""
    m = lex.long_suffix_end.search(name) if lex.long_suffix_end is not None else None
    return name[:m.start()] if m is not None and m.start() >= 2 else ""


def _tails(name: str, lo: int = 2) -> list[str]:
    return [name[k:] for k in range(0, len(name) - lo + 1)]


@lru_cache(maxsize=8)
def org_lexicon(rs: RuleSet) -> CompanyLexicon:
    """The company rules with the public bodies' suffixes, compiled once per ruleset."""
    return CompanyLexicon(rs.regex("company"), with_bodies=True)


def find_org_candidates(view: str, sentences: list[tuple[int, int]], head: str, rs: RuleSet,
                        found: CompanyResult) -> list[OrgCandidate]:
    """Organization-name candidates of a document (Simplified view), at most MAX_CANDIDATES."""
    lex = org_lexicon(rs)
    cands: dict[str, OrgCandidate] = {}
    refused: set[str] = set()

    def add(name: str, source: str, anchor: bool = False) -> None:
        name = name.strip(" \t\u3000·")
        c = cands.get(name)
        if c is None:
            if name in refused:
                return
            if not (2 <= len(name) <= MAX_NAME) or is_generic_name(name, lex):
                refused.add(name)
                return
            c = cands[name] = OrgCandidate(name)
        c.sources.add(source)
        c.anchors += anchor

    runs: list[str] = []
    for prefix in found.anchor_clauses:
        subject = subject_of(prefix, lex)
        if subject:
            add(subject, "anchor_subject", True)
        # The plain run before the verb has the name somewhere inside (之后招商证券正式发布): every piece of it
        # that the text uses again is a candidate, the rest is one-off wording.
        run_start = len(prefix)
        while run_start > 0 and _NAME_CHAR.match(prefix[run_start - 1]):
            run_start -= 1
        runs.append(prefix[run_start:][-MAX_NAME:])
    body = "\n".join(view[s:e] for s, e in sentences)
    seen: dict[str, int] = {}
    # Each piece is counted over the whole body: the first MAX_RUNS subjects are plenty to find a name, and the
    # bound keeps a page of thousands of 表示 linear.
    for run in runs[:MAX_RUNS]:
        for a in range(len(run) - 1):
            if a and _cuts_word(run, a):
                continue
            for b in range(a + 2, min(len(run), a + MAX_PIECE) + 1):
                if b < len(run) and _cuts_word(run, b):
                    continue  # H& of H&M, Fac of Facebook: a Latin word is never cut
                piece = run[a:b]
                if piece not in seen:
                    seen[piece] = body.count(piece)
                if seen[piece] < 2:
                    break  # a longer piece from the same start is no commoner than this one
                add(piece, "anchor_piece", b == len(run))
    if lex.suffix_name is not None:
        for s, e in sentences:
            # A name's suffix starts at most NAME_RUN characters into it: scanning from
            # there finds the same names, without trying every earlier position of a long sentence.
            hit = lex.bare_suffix.search(view, s, e)
            if hit is None:
                continue
            for m in lex.suffix_name.finditer(view, max(s, hit.start() - NAME_RUN), e):
                name = m.group(0)
                # The words that end the context before a name (记者从, 对, 该) are no part of it: 记者从中国农业银行
                # is 中国农业银行, and its longer tails are not proposed. 日/月/年 end a date before a subject,
                # but inside a name they are the name's own (北京日报社, 日产汽车公司): no cut there.
                # The stop is read with the two characters before the name in view: a news dateline whose digits
                # stand before the name's first character (23 日电中国国际航空) ends there as 2月4日电 does.
                lead = view[max(s, m.start() - 2):m.start()]
                name = name[max(0, _context_end(lead + name[:-2], lex) - len(lead)):]
                if len(name) >= 3 and has_long_suffix(name, lex):
                    for tail in _tails(name[-MAX_NAME:], 3):
                        if has_long_suffix(tail, lex):
                            add(tail, "suffix")
                    # A page names an organization in full once, then by its short form (腾讯公司 … 腾讯对 …
                    # 腾讯将): the short form, used on its own at least twice, is a candidate too.
                    stem = name_stem(name[-MAX_NAME:], lex)
                    if stem:
                        for form in (stem, name):
                            if form not in seen:
                                seen[form] = body.count(form)
                        if seen[stem] - seen[name] >= MIN_STEM_ALONE:
                            add(stem, "suffix_stem")
    # A notice's signature (落款) names who issues it. A body whose suffix is one character (昆明市水务局, …县林业局,
    # …市文旅委) is proposed nowhere else, as such a suffix inside a sentence is as often a word's end (事件处置 is
    # no 事件处); alone on its line above the date it is a name.
    if lex.suffix_name is not None:
        for line in signature_lines(view):
            if lex.suffix_name.fullmatch(line) and not has_long_suffix(line, lex):
                add(line, "suffix")
    for s, e in sentences:
        for m in _LATIN.finditer(view, s, e):
            # A name in Latin letters holds a capital (H&M, COACH, Facebook, iPhone); a word in lower case is
            # the prose of a quoted English text (the, should, admin), and a page quoting one had dozens of them
            # crowding its names (held out: company accuracy 0.800 -> 0.829 cross-validated, up on three splits
            # of six, down on one). The rules' own finds (rule_candidate, rule_pick) are kept whatever their case.
            if not m.group(0).islower():
                add(m.group(0), "latin")
    # A letter that greets its readers as the organization's own (亲爱的新月魔力玩家, 尊敬的西贝顾客) names the
    # organization, often nowhere else in so many words.
    for rule in rules_that_may_match(lex.rules.get("addressee", []), view, sentences):
        for s, e in sentences:
            for m in rule.pattern.finditer(view, s, e):
                add(m.group("name"), "addressee")
    for name in found.candidates:
        add(name, "rule_candidate")
    if found.name:
        add(found.name, "rule_pick")
    mentions = {name: seen[name] if name in seen else body.count(name) for name in cands}
    out = [c for c in cands.values() if mentions[c.name] > 0 or c.name == found.name]
    for c in out:
        c.in_head = c.name in head
    out.sort(key=lambda c: (-mentions[c.name], -len(c.name), c.name))
    return out[:MAX_CANDIDATES]


def left_clean(name: str, body: str) -> float:
    """Share of the name's mentions that start at a boundary (punctuation, line start or a function word):
    a clipped name (润发 for 大润发) mostly follows a character of its own."""
    total = ok = 0
    start = body.find(name)
    while start >= 0:
        total += 1
        prev = body[start - 1] if start else "\n"
        if not _NAME_CHAR.match(prev) or prev in _FUNCTION_CHARS:
            ok += 1
        start = body.find(name, start + 1)
    return ok / total if total else 0.0


def followed_by(name: str, body: str, pattern: re.Pattern, reach: int = 6) -> float:
    """Share of the name's mentions that a match of ``pattern`` follows within ``reach`` characters
    (a response verb: 西贝表示, 滴滴官方回应)."""
    total = hit = 0
    start = body.find(name)
    while start >= 0:
        total += 1
        end = start + len(name)
        m = pattern.search(body, end, end + reach + 8)
        if m is not None and m.start() - end <= reach:
            hit += 1
        start = body.find(name, start + 1)
    return hit / total if total else 0.0


# A place in brackets inside a name (联想（北京）有限公司, 葛兰素史克(中国)投资有限公司)
_NAME_GROUP = r"[（(][\u4e00-\u9fff]{2,4}[）)]"
_RUN_BEFORE = re.compile(rf"(?:{NAME_CHARS}|{_NAME_GROUP})+$")
_IN_NAME_GROUP = re.compile(rf"(?<={NAME_CHARS}){_NAME_GROUP}")
_WHOLE_REACH = 12  # characters looked back from a mention of the chosen name
DETERMINERS = "该本此这其各某我"


def whole_name(name: str, body: str, lex: CompanyLexicon) -> str:
    """The chosen name made whole where the candidates' left edge fell inside a word: 线科技有限公司 of
    北京三快在线科技有限公司 (在 is a context word, 在线 a word of names: ``kind: name_word``), 商业有限公司 of
    海恩斯莫里斯(上海)商业有限公司 (a bracketed place), 技有限公司 of 某某科技有限公司 (a suffix word), 来生活… of
    本来生活… (a determiner that does not point: ``kind: determiner``). The form most of its mentions complete to;
    ``name`` itself where nothing was cut inside a word. The candidates keep their edges: the company decision
    learnt on them, and the gold counts a piece of a name as the name (held out, candidates cut this way moved
    company accuracy 0.856 -> 0.841 over six splits), so only the chosen name's surface changes."""
    forms: Counter[str] = Counter()
    start = body.find(name)
    while start >= 0:
        forms[_whole_at(name, body, start, lex)] += 1
        start = body.find(name, start + 1)
    return forms.most_common(1)[0][0] if forms else name


def _whole_at(name: str, body: str, start: int, lex: CompanyLexicon) -> str:
    run = _RUN_BEFORE.search(body, max(0, start - _WHOLE_REACH), start)
    if run is None or not name or not _cut_inside_word(body, start, run.group(0), lex):
        return name
    full = run.group(0) + name
    masked = _IN_NAME_GROUP.sub(lambda m: "口" * len(m.group(0)), full)
    cut = _context_end(masked[:len(run.group(0))], lex, words_in=masked)
    whole = full[cut:]
    if len(whole) <= len(name) or len(whole) > MAX_NAME:
        return name
    if whole[0] in DETERMINERS:
        _rule, pointing = lex.any_match("determiner", whole, search=False)
        return name if pointing is not None else whole
    return name if is_generic_name(whole, lex) else whole


def _cut_inside_word(body: str, start: int, run: str, lex: CompanyLexicon) -> bool:
    """Whether the text before a mention continues the name it starts: a name word holding the character before
    it, a suffix word across its first character, a bracketed place just before it, or a determiner that opens
    a name."""
    lo = max(0, start - 4)
    for rule in lex.rules.get("name_word", []):
        if any(m.start() <= start - 1 < m.end() for m in rule.pattern.finditer(body, lo, start + 4)):
            return True
    if lex.bare_suffix is not None:
        for k in range(lo, start):
            m = lex.bare_suffix.match(body, k)
            if m is not None and m.end() > start:
                return True
    return run.endswith(("）", ")")) or run[-1] in DETERMINERS
