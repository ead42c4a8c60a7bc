"""Name the responding organization of a document, in Simplified script, with its acting branches.

Character-level recognition, all vocabulary in ``rules/company.regex.jsonl``:

1. Subjects of response verbs (``kind: anchor``: 表示, 称, 发布, 致歉, 回应, 通报 …) in the body and of the
   title (``kind: title``: 中通致歉, 腾讯回应, ``X：…``). The subject is the text before the verb back to the
   clause start, cut at an object marker (就/对/为/向…, ``kind: object``) and at the last left-context word
   (``kind: left_stop``). Inside it, a name ending with an organization suffix (``kind: suffix``: 公司,
   银行, 大学, 教育局 …) wins; else a short brand-like subject (拼多多, H&M) is kept.
2. Generic or deictic subjects (公司, 官方, 该院; ``kind: generic``) are dropped; a candidate must recur in
   the body, which rejects the odd chunk a title split produces.
3. Branches: a candidate that is a place + a core name (``kind: place``) acts for the group named
   中国+core when that name occurs in the text or the core is a national brand (``kind: parent``).
4. The organization with the highest score (anchors, title, mentions) wins; among its surface forms the
   one named most often is returned.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from ..clean import CleanText
from ..probe import absent
from ..structure.scan import rules_that_may_match

Span = tuple[int, int]

MAX_SUBJECT = 24          # characters looked back from a response verb
MAX_BRAND = 20            # a subject without suffix longer than this is a phrase, not a name
MAX_BRAND_HAN = 6         # … or with more Han characters than this (遭网民连番炮轰终 is a phrase)
ANCHOR_WEIGHT = 3.0
TITLE_WEIGHT = 4.0
QUOTED_WEIGHT = 1.0       # a quoted title word is as often a term (“赋红码”) as a brand (「江南布衣」)
CLAUSE_BOUNDARY = re.compile(r"[，,。！？!?；;：:\n]")
NAME_CHARS = r"[A-Za-z\u4e00-\u9fff&·'’\-]"  # characters of a name (a regex class)
FUNCTION_CHARS = "的了在对与和及是被由据向就为从把将令使让给于之其该此这那"  # no name goes on past them
_BRAND_RE = re.compile(r"^[A-Za-z\u4e00-\u9fff&'’\-]{2,}$")
_TITLE_SPLIT = re.compile(r"[\s，,！!？?｜|【】\[\]《》()（）—–-]+")
_LATIN_NAME = re.compile(r"(?<![A-Za-z])[A-Z][A-Za-z&'’]+(?:&[A-Z]+)?(?![A-Za-z])")
_TITLE_QUOTED = re.compile(r"[「『“\"]([^」』”\"]{2,12})[」』”\"]")
_HAS_DIGIT = re.compile(r"\d")
_DOC_TITLE = re.compile(r"《[^《》\n]{1,80}》")
SOURCE_WEIGHT = 6.0       # 据X消息: the whole report is X's statement


@dataclass
class CompanyResult:
    """The chosen organization (Simplified), the rule that found it and the branches acting for it."""

    name: str = ""
    rule: str = ""
    branches: list[str] = field(default_factory=list)
    candidates: dict[str, float] = field(default_factory=dict)
    # The clause before each response verb (X表示, X致歉), at most MAX_SUBJECT characters: where a page names
    # who responds; the organization-name candidates (orgs.py) read them again rather than search again.
    anchor_clauses: list[str] = field(default_factory=list)


NAME_RUN = 12  # characters a name may have before its suffix (suffix_name)


class CompanyLexicon:
    """The company rules of a ruleset, grouped by kind."""

    def __init__(self, rules, with_bodies: bool = False):
        by_kind: dict[str, list] = {}
        for rule in rules:
            by_kind.setdefault(rule.get("kind", ""), []).append(rule)
        self.rules = by_kind
        # with_bodies: the suffixes of public bodies (…管理局, …办事处) count too; the organization-name
        # candidates use them, the rule finder does not.
        if with_bodies:
            by_kind = {**by_kind, "suffix": by_kind.get("suffix", []) + by_kind.get("suffix_body", [])}
        long_ = "|".join(r.source for r in by_kind.get("suffix", []))
        any_ = "|".join(r.source for r in by_kind.get("suffix", []) + by_kind.get("suffix_short", []))
        self.bare_suffix = re.compile(f"(?:{any_})") if any_ else None
        self.long_suffix_end = re.compile(f"(?:{long_})$") if long_ else None
        # A name ends with a suffix; a longer suffix may follow (南京大学 + 文学院), a one-character one may not
        # (事务局 + 局长 is not a name).
        # The chained part never opens with a function word: 餐饮有限公司为餐饮服务提供者 is …有限公司, not
        # …有限公司为餐饮 (餐饮 is a suffix too).
        self.suffix_name = re.compile(
            rf"{NAME_CHARS}{{0,{NAME_RUN}}}?(?:{any_})(?:(?![{FUNCTION_CHARS}]){NAME_CHARS}{{0,4}}?(?:{long_}))*"
        ) if any_ else None

    def first(self, kind: str):
        rules = self.rules.get(kind, [])
        return rules[0] if rules else None

    def any_match(self, kind: str, text: str, search: bool = True):
        for rule in self.rules.get(kind, []):
            m = rule.pattern.search(text) if search else rule.pattern.match(text)
            if m:
                return rule, m
        return None, None


def subject_of(prefix: str, lex: CompanyLexicon) -> str:
    """The organization name at the subject position of a clause prefix, or ''."""
    obj, m = lex.any_match("object", prefix)
    if m and m.start() == 0:
        # A clause that opens with its object (对X作出处理, 向X致歉) has left its subject out: X is the one
        # acted on, not the speaker.
        return ""
    if m:
        prefix = prefix[: m.start()]
    filler, m = lex.any_match("filler", prefix)
    if m and m.start() > 0:
        prefix = prefix[: m.start()]
    joint = _joint_body_at_end(prefix, lex)
    if joint:
        return joint
    stop, m = lex.any_match("left_stop", prefix, search=False)
    if m:
        prefix = prefix[m.end():]
    prefix = prefix.strip(" \t\u3000")
    if len(prefix) < 2:
        return ""
    if lex.suffix_name is not None:
        for m in lex.suffix_name.finditer(prefix):
            # A one-character suffix (局, 处) ends a name only at the verb: 事件处置 is no 事件处.
            if m.end() - m.start() >= 2 and (m.end() == len(prefix) or has_long_suffix(m.group(0), lex)):
                return m.group(0)
    return prefix if _is_brand_like(prefix) else ""


def _joint_body(m: re.Match) -> str:
    """The government body a party committee + government pair stands for (叶县党委、政府 -> 叶县政府)."""
    return m.group("place") + (m.group("level") or "") + m.group("body")


def _joint_body_at_end(prefix: str, lex: CompanyLexicon) -> str:
    for rule in lex.rules.get("joint", []):
        for m in rule.pattern.finditer(prefix):
            if m.end() == len(prefix.rstrip(" \t\u3000")):
                return _joint_body(m)
    return ""


def _joint_surfaces(body: str, lex: CompanyLexicon) -> Counter:
    """Mentions of each joint body under its paired form: 叶县党委、政府 names 叶县政府."""
    out: Counter = Counter()
    for rule in lex.rules.get("joint", []):
        if absent(rule.pattern, body):  # the pattern starts with a run of any Han characters: slow to scan
            continue
        for m in rule.pattern.finditer(body):
            out[_joint_body(m)] += 1
    return out


def _source_subjects(view: str, sentences: list[Span], lex: CompanyLexicon) -> list[tuple[str, str]]:
    """Sources whose statement the text reports (据兰州市卫健委消息)."""
    out = []
    for rule in rules_that_may_match(lex.rules.get("source", []), view, sentences):
        for s, e in sentences:
            for m in rule.pattern.finditer(view, s, e):
                name = subject_of(m.group("name"), lex)
                if name:
                    out.append((name, rule.id))
    return out


def _mentions(name: str, body: str, lex: CompanyLexicon) -> int:
    """Mentions of a name outside titles of documents (《兰州生物药厂周边群众检测方案》 is no actor)."""
    count = body.count(name) - sum(t.count(name) for t in _DOC_TITLE.findall(body))
    acted_on = lex.rules.get("acted_on", [])
    for m in re.finditer(re.escape(name), body):
        left = body[max(0, m.start() - 8):m.start()]
        if any(rule.pattern.search(left) for rule in acted_on):
            count -= 1
    return max(count, 0)


def has_long_suffix(name: str, lex: CompanyLexicon) -> bool:
    return lex.long_suffix_end is not None and lex.long_suffix_end.search(name) is not None


def _is_brand_like(text: str) -> bool:
    """A short name without an organization suffix: 拼多多, 海底捞, H&M, Facebook."""
    if not _BRAND_RE.match(text):
        return False
    han = sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff")
    return han <= MAX_BRAND_HAN and len(text) <= MAX_BRAND


def _has_suffix(name: str, lex: CompanyLexicon) -> bool:
    return lex.suffix_name is not None and lex.suffix_name.fullmatch(name) is not None


def is_generic_name(name: str, lex: CompanyLexicon) -> bool:
    """Deictic or generic subjects (该院, 公司), bare suffixes (学院, 卫健委) and bare places (广东)."""
    if len(name) < 2 or _HAS_DIGIT.search(name):
        return True
    rule, m = lex.any_match("generic", name)
    if m is not None:
        return True
    if lex.bare_suffix is not None and lex.bare_suffix.fullmatch(name):
        return True
    return _is_place(name, lex)


def _is_branch_of(name: str, title_names: set[str], lex: CompanyLexicon) -> bool:
    """A place + the core of a title name or of a national brand (哈尔滨联通 when the title names 中国联通)."""
    for rule in lex.rules.get("place", []):
        m = rule.pattern.match(name)
        if not m or m.end() >= len(name) - 1:
            continue
        core = name[m.end():]
        if any(t.endswith(core) and t != name for t in title_names):
            return True
        parent, pm = lex.any_match("parent", core, search=False)
        if pm is not None:
            return True
    return False


def _place_key(name: str, lex: CompanyLexicon) -> str:
    """One key for a place written with and without its level (西安市卫健委 / 西安卫健委)."""
    for rule in lex.rules.get("place", []):
        m = rule.pattern.match(name)
        if m and m.end() < len(name) - 2 and name[m.end()] in "省市" and not name.startswith("中国"):
            return name[: m.end()] + name[m.end() + 1:]
    return name


def _is_place(name: str, lex: CompanyLexicon) -> bool:
    return any((pm := rule.pattern.match(name)) and pm.end() == len(name) for rule in lex.rules.get("place", []))


def _latin_aliases(body: str, titled: list[tuple[str, str]], lex: CompanyLexicon) -> list[tuple[str, str]]:
    """Chinese names the body gives for a Latin title name: 欧莱雅(L'oreal) when the title says L'oreal."""
    latin = {name.lower() for name, _ in titled if name.isascii()}
    if not latin:
        return []
    out = []
    for rule in lex.rules.get("alias", []):
        for m in rule.pattern.finditer(body):
            name = _recurring_tail(m.group("name"), body)
            if name and m.group("alias").strip().lower() in latin:
                out.append((name, rule.id))
    return out


def anchor_clauses(view: str, sentences: list[Span], lex: CompanyLexicon) -> list[tuple[str, str]]:
    """(clause, rule id): the text before each response verb back to the clause boundary, at most
    MAX_SUBJECT characters."""
    out = []
    for rule in rules_that_may_match(lex.rules.get("anchor", []), view, sentences):
        for s, e in sentences:
            for m in rule.pattern.finditer(view, s, e):
                prefix = view[max(s, m.start() - MAX_SUBJECT):m.start()]
                cut = [b.end() for b in CLAUSE_BOUNDARY.finditer(prefix)]
                out.append((prefix[cut[-1]:] if cut else prefix, rule.id))
    return out


def _anchor_subjects(clauses: list[tuple[str, str]], lex: CompanyLexicon) -> list[tuple[str, str]]:
    out = []
    for clause, rid in clauses:
        name = subject_of(clause, lex)
        if name:
            out.append((name, rid))
    return out


def _title_subjects(title_view: str, lex: CompanyLexicon) -> list[tuple[str, str]]:
    """Subjects of title verbs (中通致歉), speakers before a colon (港铁：…) and quoted names (「江南布衣」)."""
    out = []
    for piece in (p for p in _TITLE_SPLIT.split(title_view) if p):
        speaker, colon, _ = piece.partition("：") if "：" in piece else piece.partition(":")
        if colon and 2 <= len(speaker) <= MAX_BRAND:
            name = subject_of(speaker, lex)
            if name:
                out.append((name, "company.title_speaker"))
            piece = speaker
        for rule in lex.rules.get("title", []):
            m = rule.pattern.search(piece)
            if m and m.start() >= 2:
                name = subject_of(piece[: m.start()], lex)
                if name:
                    out.append((name, rule.id))
                break
    for m in _TITLE_QUOTED.finditer(title_view):
        if _is_brand_like(m.group(1)):
            out.append((m.group(1), "company.title_quoted"))
    for m in _LATIN_NAME.finditer(title_view):
        out.append((m.group(0), "company.title_latin"))
    return out


def _resolve_branch(name: str, view: str, lex: CompanyLexicon) -> tuple[str, str]:
    """(group name, branch name or '') for a place-prefixed name acting for a national group."""
    for rule in lex.rules.get("place", []):
        m = rule.pattern.match(name)
        if not m or m.end() >= len(name) - 1:
            continue
        core = name[m.end():]
        parent_rule, pm = lex.any_match("parent", core, search=False)
        national = "中国" + core
        if name.startswith("中国"):
            return name, ""
        if national in view or pm is not None:
            return (parent_rule.get("value", "中国") + core if pm is not None else national), name
    return name, ""


def find_company(clean: CleanText, rules, sentences: list[Span], title_view: str = "") -> CompanyResult:
    """The responding organization of a document (see module docstring); '' when none is named."""
    lex = CompanyLexicon(rules)
    view = clean.view
    body = "\n".join(view[s:e] for s, e in sentences)
    clauses = anchor_clauses(view, sentences, lex)
    found = _anchor_subjects(clauses, lex)
    sourced = _source_subjects(view, sentences, lex)
    titled = _title_subjects(title_view, lex) if title_view else []
    score: Counter = Counter()
    first_rule: dict[str, str] = {}
    titled += _latin_aliases(body, titled, lex)
    title_names = {name for name, _ in titled}
    for name, rid in titled:
        # A place as title subject stands for its government (兰州通报…, 承德就…致歉).
        if not is_generic_name(name, lex) or (_is_place(name, lex) and rid == "company.title_subject"):
            score[name] += QUOTED_WEIGHT if rid == "company.title_quoted" else TITLE_WEIGHT
            first_rule.setdefault(name, rid)
    for name, rid in found:
        # A suffix-less subject (拼多多) is a name only when the title carries it too; elsewhere such
        # subjects are mostly ordinary nouns (报告称, 调查显示).
        if not is_generic_name(name, lex) and (_has_suffix(name, lex) or name in title_names or name in title_view
                                           or _is_branch_of(name, title_names, lex)):
            score[name] += ANCHOR_WEIGHT
            first_rule.setdefault(name, rid)
    for name, rid in sourced:
        if not is_generic_name(name, lex) and (_has_suffix(name, lex) or name in title_view):
            score[name] += SOURCE_WEIGHT
            first_rule.setdefault(name, rid)
    # A quoted title word is only a fallback: used when no subject of a response names anyone.
    if any(rid != "company.title_quoted" for rid in first_rule.values()):
        for name in [n for n, rid in first_rule.items() if rid == "company.title_quoted"]:
            del score[name]
    joint = _joint_surfaces(body, lex)
    mentions = {name: _mentions(name, body, lex) + joint[name] for name in score}
    for name in list(score):
        if mentions[name] == 0:
            del score[name]       # a name the body never uses is a title fragment, not an organization
        else:
            score[name] += mentions[name]
    # Group surface forms of one organization: branches under their group, then containment (港铁/港铁公司).
    groups: dict[str, Counter] = {}
    branches: dict[str, set[str]] = {}
    alias_of = _alias_map(body, lex)
    for name in score:
        group, branch = _resolve_branch(alias_of.get(name, name), view, lex)
        if not branch:
            group = _place_key(group, lex)
        groups.setdefault(group, Counter())[name] += score[name]
        if branch:
            branches.setdefault(group, set()).add(branch)
    merged: dict[str, Counter] = {}
    for group in sorted(groups, key=len):
        home = next((g for g in merged if g in group or group in g), group)
        merged.setdefault(home, Counter()).update(groups[group])
        branches.setdefault(home, set()).update(branches.pop(group, set()) if home != group else set())
    # The headline's response verbs too (胖哥俩肉蟹煲创办人…道歉): where a page names its subject. A plain-text page
    # reads its headline as its first sentence; a page whose title is metadata (HTML, front matter) drops the
    # line repeating it from the sentences, and with it the pieces of the name that the body uses again.
    proposed = [c for c, _ in clauses]
    if title_view:
        proposed += [c for c, _ in anchor_clauses(title_view, [(0, len(title_view))], lex)]
    if not merged:
        return CompanyResult(anchor_clauses=proposed)
    best = max(merged, key=lambda g: (sum(merged[g].values()), len(g)))
    acting = branches.get(best, set())
    if acting:
        # The group itself (中国联通) speaks through its branches: name the group.
        name = best if best in body else max((g for g in groups if g not in acting), key=len, default=best)
    else:
        name = max(merged[best], key=lambda f: (_own_mentions(f, merged[best], body), len(f)))
    rule = first_rule.get(name) or first_rule.get(max(merged[best], key=merged[best].get), "")
    if acting:
        rule = "company.place"
    return CompanyResult(name=name, rule=rule, branches=sorted(acting, key=body.find),
                         candidates={_surface(g, c, body): float(sum(c.values())) for g, c in merged.items()},
                         anchor_clauses=proposed)


def _surface(group: str, forms: Counter, body: str) -> str:
    """The name of a group as the text writes it (a place key such as 兰州卫健委 is not)."""
    if group in body:
        return group
    return max(forms, key=lambda f: (_own_mentions(f, forms, body), len(f)))


def _own_mentions(form: str, forms, body: str) -> int:
    """Mentions of a form that are not part of a longer form of the same organization (联通 in 中国联通)."""
    longer = [(f, f.index(form)) for f in forms if form in f and f != form]
    count = 0
    for m in re.finditer(re.escape(form), body):
        if not any(m.start() >= off and body.startswith(f, m.start() - off) for f, off in longer):
            count += 1
    return count


def _alias_map(body: str, lex: CompanyLexicon) -> dict[str, str]:
    """Latin name -> Chinese name for every 中文名(Latin) pair of the body, so both count as one organization."""
    out = {}
    for rule in lex.rules.get("alias", []):
        if absent(rule.pattern, body):
            continue
        for m in rule.pattern.finditer(body):
            name = _recurring_tail(m.group("name"), body)
            if name:
                out[m.group("alias").strip()] = name
    return out


def _recurring_tail(run: str, body: str) -> str:
    """The longest tail of a Han run that the body uses again elsewhere (上月帮欧莱雅 -> 欧莱雅)."""
    for k in range(len(run), 1, -1):
        if body.count(run[-k:]) >= 2:
            return run[-k:]
    return ""
