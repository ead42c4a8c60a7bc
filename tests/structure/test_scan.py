"""The rule pre-check (structure/scan.py): one search over the sentence range may skip a rule only when no
sentence could hold a match of it."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from extractor.clean import clean_text
from extractor.ruleset import load_ruleset
from extractor.structure import iter_sentences
from extractor.structure.scan import piece_safe, range_safe, rules_in_text, rules_that_may_match

RS = load_ruleset()
CORPUS = Path(__file__).resolve().parents[2] / "corpus"
FAMILIES = ("statement", "apology", "company", "timeline")


def test_patterns_that_look_past_the_end_of_a_sentence_are_always_searched_per_sentence():
    """In 应(?![求有]) the lookahead sees past a sentence's end in the whole text and not inside the sentence:
    the whole-range search could miss what the sentence search finds."""
    assert not range_safe(re.compile("企业应(?![求有])"))
    assert not range_safe(re.compile("通报$"))
    assert not range_safe(re.compile(r"\bQQ\b"))
    assert not range_safe(re.compile("(?>整改)+"))
    assert range_safe(re.compile("(?<=[，。])整改|道歉"))
    view = "企业应有担当"  # a span that ends before 有 holds a match; the whole text holds none
    sentences = [(0, 3), (3, 6)]
    rule = type("R", (), {"pattern": re.compile("企业应(?![求有])")})()
    assert rule.pattern.search(view) is None and rule.pattern.search(view, 0, 3) is not None
    assert rules_that_may_match([rule], view, sentences) == [rule]


@pytest.mark.parametrize("name", sorted(p.name for p in CORPUS.glob("*.txt")))
def test_no_rule_with_a_match_in_a_sentence_is_skipped(name):
    """On the corpus documents, every rule that matches in some sentence is kept, and rules that match
    nowhere are dropped (the pre-check does skip work)."""
    clean = clean_text((CORPUS / name).read_text(encoding="utf-8"))
    view = clean.view
    sentences = list(iter_sentences(view, [(s, e) for s, e, _ in clean.skip_spans]))
    dropped = 0
    for family in FAMILIES:
        rules = RS.regex(family)
        kept = {r.id for r in rules_that_may_match(rules, view, sentences)}
        for r in rules:
            hit = any(m.end() > m.start() for s, e in sentences for m in r.pattern.finditer(view, s, e))
            if hit:
                assert r.id in kept, (family, r.id)
        dropped += len(rules) - len(kept)
    assert dropped > 0


def test_only_patterns_whose_match_in_a_piece_is_a_match_in_the_text_are_piece_safe():
    """A clause cut out of a text starts and ends where the text goes on: an anchor, a word boundary or a negative
    lookaround can pass at the clause's edge and fail at the same place in the text."""
    for unsafe in ("^将", "整改$", r"\bQQ\b", "(?<!未)整改", "整改(?!不)", "(?>整改)+", "整改++", "(?:(?<!不)严查)?处理"):
        assert not piece_safe(re.compile(unsafe)), unsafe
    for safe in ("(?<=[，。])整改|道歉", "已经?(?=整改)", "[^，]{0,4}处理", "(?:公司|集团)+"):
        assert piece_safe(re.compile(safe)), safe
    text = "我们不整改"
    negative = re.compile("(?<!不)整改")
    assert negative.search(text) is None and negative.search(text[3:]) is not None
    rules = [("neg", negative), ("safe", re.compile("道歉")), ("here", re.compile("整改"))]
    assert [rid for rid, _ in rules_in_text(rules, text)] == ["neg", "here"]


@pytest.mark.parametrize("name", sorted(p.name for p in CORPUS.glob("*.txt")))
def test_no_prose_rule_with_a_match_in_a_clause_is_skipped(name):
    """On the corpus documents, every prose rule that matches inside some clause or sentence is kept."""
    view = clean_text((CORPUS / name).read_text(encoding="utf-8")).view
    rules = [(r.id, r.pattern) for r in RS.regex("prose")]
    kept = {rid for rid, _ in rules_in_text(rules, view)}
    pieces = [p for line in view.split("\n") for p in re.split("(?<=[，。；！？])", line) if p]
    for rid, pattern in rules:
        if any(pattern.search(p) for p in pieces):
            assert rid in kept, rid
    assert len(kept) < len(rules)


def test_rule_windows_find_what_a_search_of_each_window_finds():
    """RuleWindows skips the searches no match of the whole text (or of a rule's literal strings) reaches: on the
    corpus documents, for every clause and every stretch of a sentence before a clause, its hits are the rules whose
    search of the window cut out finds a non-empty match, in the rules' order."""
    from extractor.structure.scan import RuleWindows

    for name in sorted(p.name for p in CORPUS.glob("*.txt")):
        view = clean_text((CORPUS / name).read_text(encoding="utf-8")).view
        windows = []
        for line_start, line in _lines(view):
            cuts = [0] + [m.end() for m in re.finditer("[，。；！？]", line)] + [len(line)]
            pieces = [(line_start + a, line_start + b) for a, b in zip(cuts, cuts[1:]) if b > a]
            windows += pieces + [(max(line_start, a - 80), a) for a, _b in pieces[1:]]
        for family in ("prose", "status", "apology"):
            rules = rules_in_text([(r.id, r.pattern) for r in RS.regex(family)], view)
            screened = RuleWindows(rules, view)
            for a, b in windows:
                expected = [rid for rid, p in rules
                            if (m := p.search(view[a:b])) is not None and m.end() > m.start()]
                assert screened.hits(a, b) == expected, (name, family, view[a:b])


def test_rule_windows_on_edge_cases():
    """A pattern that is not piece-safe and has no literal strings is searched in every window; a window the only
    match merely overlaps holds none; an empty match is no hit."""
    from extractor.structure.scan import RuleWindows

    text = "公司已整改。我们未整改，将道歉"
    rules = [("lead", re.compile("^将")), ("neg", re.compile("(?<!未)整改")), ("any", re.compile("(?<=，)[^，]*")),
             ("empty", re.compile("x*")), ("sorry", re.compile("道歉"))]
    w = RuleWindows(rules, text)
    assert w.hits(0, 6) == ["neg"]           # 公司已整改。
    assert w.hits(6, 12) == []               # 我们未整改，: 整改 after 未
    assert w.hits(12, 15) == ["lead", "sorry"]  # 将道歉, cut out: 将 is its start
    assert w.hits(13, 15) == ["sorry"]
    assert w.hits(3, 4) == []                # inside 整改: the match overlaps the window, no match fits in it


def _lines(view: str):
    pos = 0
    for line in view.split("\n"):
        yield pos, line
        pos += len(line) + 1
