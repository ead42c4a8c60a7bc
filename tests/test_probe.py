"""The probe (extractor/probe.py): a cheaper pattern whose absence proves a rule's absence, never the reverse."""
from __future__ import annotations

import re
from pathlib import Path

from extractor.clean import clean_text
from extractor.probe import absent, literal_probe, probe_of
from extractor.ruleset import load_ruleset, shipped_rules_dir

RS = load_ruleset()
CORPUS = Path(__file__).resolve().parents[1] / "corpus"
SHARED = Path(__file__).resolve().parents[2] / "shared"
RULES = [r for name in sorted({p.name.split(".")[0] for p in shipped_rules_dir().glob("*.regex.jsonl")})
         for r in RS.regex(name)]


def test_leading_lookbehinds_and_optional_parts_are_left_out():
    assert probe_of(re.compile("(?:诚挚|郑重)?(?:致歉|道歉)")).search("向公众道歉")
    assert probe_of(re.compile("(?<=[\u4e00-\u9fff]) ?[(（]lián[)）]")).search("(lián)")  # no Han before it
    # inside alternatives too: each alternative loses its own leading parts
    probe = probe_of(re.compile("(?:(?<!违反)《规定》|(?:正式)?施行)"))
    assert probe.search("违反《规定》") and probe.search("施行")
    # alternatives that start with groups of literals: the probe is the literal text they begin with, which ``re``
    # jumps between
    probe = probe_of(re.compile("(?:网络安全|刑侦)(?:科|大队)|[省市]委"))
    assert sorted(probe.pattern.split("|")) == sorted(["网络安全科", "网络安全大队", "刑侦科", "刑侦大队", "省委", "市委"])
    # a part that cannot be read as literal text is passed over: every match holds one of the words after it
    probe = probe_of(re.compile("[\u4e00-\u9fff]{2,8}?(?:党委|[市县]委)"))
    assert sorted(probe.pattern.split("|")) == sorted(["党委", "市委", "县委"])
    assert absent(re.compile("[\u4e00-\u9fff]{2,8}?(?:党委|[市县]委)"), "叶县政府" * 50)


def test_no_probe_where_it_would_cost_more_or_could_be_wrong():
    assert probe_of(re.compile("^[ \t]*相关新闻", re.M)) is None  # a line start is quick already
    # without its lookbehind a repeat would be tried from every position of a run; a literal after it is read
    assert probe_of(re.compile(r"(?<![\w.+-])[\w.+-]+@\w")).pattern == "@"
    assert probe_of(re.compile(r"(?<![\w.+-])[\w.+-]+\w")) is None
    assert probe_of(re.compile(r"(?:(a)|b)?x\1")) is None  # a back reference into a part left out
    assert probe_of(re.compile("道歉")) is None  # nothing to leave out
    assert probe_of(re.compile("(?:致歉|道歉)")) is None


def test_absent_answers_only_for_the_range_asked():
    pattern = re.compile("(?:诚挚)?道歉")
    assert absent(pattern, "我们诚挚", 0) and not absent(pattern, "诚挚道歉")
    assert absent(pattern, "诚挚道歉", 0, 3)  # 道歉 lies past the range's end
    assert not absent(re.compile("道歉"), "", 0)  # no probe: no answer, the caller searches


def _texts() -> list[str]:
    paths = sorted(CORPUS.glob("*.txt")) + sorted(SHARED.glob("dev2/*.txt"))[:20] + sorted(SHARED.glob("dev/*.txt"))[:20]
    out = []
    for path in paths:
        clean = clean_text(path.read_text(encoding="utf-8", errors="replace"))
        out += [clean.text, clean.view]
    return out


def test_no_shipped_rule_with_a_match_is_called_absent():
    """Over the corpus and the shared documents, every shipped rule with a probe: a rule that matches a text is
    never absent from it, and the probes do rule out most texts (they save work)."""
    texts = _texts()
    probed = [r for r in RULES if probe_of(r.pattern) is not None]
    assert len(probed) >= 30
    ruled_out = 0
    for rule in probed:
        for text in texts:
            if absent(rule.pattern, text):
                ruled_out += 1
                assert rule.pattern.search(text) is None, rule.id
    assert ruled_out > len(probed) * len(texts) // 3  # these are statements: many of the rules do occur


def test_literal_probe_covers_patterns_that_start_at_a_line_start_or_look_behind():
    """literal_probe, unlike probe_of, is built for every pattern with a short set of literal strings, and it holds
    no zero-width test of its own (a window cut out of a text and the whole text see the same strings)."""
    assert sorted(literal_probe(re.compile("^(?:诚挚|郑重)?(?:致歉|道歉)")).pattern.split("|")) == ["致歉", "道歉"]
    assert literal_probe(re.compile("(?<!未)整改")).pattern == "整改"
    assert literal_probe(re.compile("道歉")).pattern == "道歉"
    assert literal_probe(re.compile(r"(?:(a)|b)?x\1")) is None  # a back reference
    assert literal_probe(re.compile("[\u4e00-\u9fff]+")) is None  # no literal text at all
    assert literal_probe(re.compile("道歉", re.IGNORECASE)) is None


def test_every_match_of_a_shipped_rule_holds_one_of_its_literal_strings():
    """Over the corpus and shared documents, each clause-sized piece: a rule's match in the piece contains a match of
    its literal probe inside the same stretch, so a piece without one of the strings holds no match."""
    texts = _texts()
    probed = [(r, literal_probe(r.pattern)) for r in RULES]
    probed = [(r, p) for r, p in probed if p is not None]
    assert len(probed) >= 100
    for text in texts[1::2]:
        pieces = [p for line in text.split("\n") for p in re.split("(?<=[，。；！？])", line) if p]
        for rule, probe in probed:
            for piece in pieces:
                m = rule.pattern.search(piece)
                if m is not None and m.end() > m.start():
                    assert probe.search(piece, m.start(), m.end()) is not None, (rule.id, piece)
