"""The rule loader (extractor/ruleset.py): validation messages, overlays, spaCy and plain-re shapes, light import.

Overlay folders are built in tmp_path; a rule file there with a shipped file's name overlays that file.
"""
from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from extractor.errors import RuleError
from extractor.ruleset import load_ruleset, shipped_rules_dir

SHIPPED = load_ruleset()


def _write(folder, name: str, lines: list) -> None:
    folder.mkdir(exist_ok=True)
    text = "\n".join(line if isinstance(line, str) else json.dumps(line, ensure_ascii=False) for line in lines)
    (folder / name).write_text(text + "\n", encoding="utf-8")


def _error_for(tmp_path, name: str, lines: list) -> str:
    folder = tmp_path / "rules"
    _write(folder, name, lines)
    with pytest.raises(RuleError) as info:
        load_ruleset(folder)
    return str(info.value)


# (file, lines, the whole message up to the explanation): the message names file, line and rule id.
BAD_RULES = [
    pytest.param("hotlines.regex.jsonl", [{"id": "hotline.x1", "pattern": "400", "colour": "red"}],
                 "rules/hotlines.regex.jsonl:1: [hotline.x1] unknown key 'colour'", id="unknown-key"),
    pytest.param("hotlines.regex.jsonl", [{"id": "hotline.x2", "pattern": "400"}, {"id": "hotline.x2", "pattern": "800"}],
                 "rules/hotlines.regex.jsonl:2: [hotline.x2] duplicate id", id="duplicate-id-same-file"),
    pytest.param("ordinals.regex.jsonl", [{"id": "hotline.400", "pattern": "400"}],
                 "rules/ordinals.regex.jsonl:1: [hotline.400] duplicate id (first defined in rules/hotlines.regex.jsonl)",
                 id="duplicate-id-of-shipped-rule-in-other-file"),
    pytest.param("hotlines.regex.jsonl", [{"id": "hotline.x3", "pattern": "(400"}],
                 "rules/hotlines.regex.jsonl:1: [hotline.x3] regex does not compile", id="regex-does-not-compile"),
    pytest.param("hotlines.regex.jsonl", [{"id": "hotline.x4", "pattern": "\\b热线\\d+"}],
                 "rules/hotlines.regex.jsonl:1: [hotline.x4] \\b does not separate Han", id="word-boundary-next-to-han"),
    pytest.param("hotlines.regex.jsonl", ['{"id": "hotline.x5", "pattern": "400"'],
                 "rules/hotlines.regex.jsonl:1: not valid JSON", id="bad-json"),
    pytest.param("hotlines.regex.jsonl", [{"id": "hotline.x6", "pattern": "400"}, "", '["not", "an", "object"]'],
                 "rules/hotlines.regex.jsonl:3: each line must be a JSON object", id="line-number-counts-blank-lines"),
    pytest.param("hotlines.regex.jsonl", [{"pattern": "400"}], "rules/hotlines.regex.jsonl:1: missing \"id\"",
                 id="missing-id"),
    pytest.param("hotlines.regex.jsonl", [{"id": "Hotline-400", "pattern": "400"}],
                 "rules/hotlines.regex.jsonl:1: [Hotline-400] id must read", id="id-not-field-dot-slug"),
    pytest.param("hotlines.regex.jsonl", [{"id": "hotline.x7"}], "rules/hotlines.regex.jsonl:1: [hotline.x7] missing \"pattern\"",
                 id="missing-pattern"),
    pytest.param("hotlines.regex.jsonl", [{"id": "hotline.x8", "pattern": "400", "flags": "q"}],
                 "rules/hotlines.regex.jsonl:1: [hotline.x8] unknown flag 'q'", id="unknown-flag"),
    pytest.param("cues.patterns.jsonl", [{"id": "cue.x1", "pattern": "退款"}],
                 "rules/cues.patterns.jsonl:1: [cue.x1] missing \"label\"", id="pattern-without-label"),
    pytest.param("cues.patterns.jsonl", [{"id": "cue.x2", "label": "CUE", "pattern": [{"ORTH": "退"}, "款"]}],
                 "rules/cues.patterns.jsonl:1: [cue.x2] \"pattern\" must be a phrase string or a non-empty list",
                 id="token-pattern-not-dicts"),
    pytest.param("cues.patterns.jsonl", [{"id": "cue.x3", "label": "CUE", "pattern": "退款", "flags": "i"}],
                 "rules/cues.patterns.jsonl:1: [cue.x3] unknown key 'flags'", id="flags-only-in-regex-files"),
    # values: a type for every key, the vocabulary where the code reads a closed set
    pytest.param("cues.patterns.jsonl", [{"id": "cue.x4", "label": "CUE", "pattern": "退款", "weight": "heavy"}],
                 "rules/cues.patterns.jsonl:1: [cue.x4] 'weight' must be a number, not 'heavy'", id="weight-not-number"),
    pytest.param("cues.patterns.jsonl", [{"id": "cue.x5", "label": "CUE", "pattern": "退款", "weight": True}],
                 "rules/cues.patterns.jsonl:1: [cue.x5] 'weight' must be a number, not True", id="weight-boolean"),
    pytest.param("cues.patterns.jsonl", [{"id": "cue.x6", "label": "CUE", "pattern": "退款", "category": "refunds"}],
                 "rules/cues.patterns.jsonl:1: [cue.x6] unknown category 'refunds'; use one of refund, hotline,",
                 id="unknown-category"),
    pytest.param("categories.regex.jsonl", [{"id": "category.x1", "pattern": "退款", "category": "refund",
                                             "priority": "high"}],
                 "rules/categories.regex.jsonl:1: [category.x1] 'priority' must be an integer, not 'high'",
                 id="priority-not-integer"),
    pytest.param("cues.patterns.jsonl", [{"id": "cue.x7", "label": "CUE", "pattern": "退款", "level": "rare"}],
                 "rules/cues.patterns.jsonl:1: [cue.x7] unknown level 'rare'; use one of ambiguous, weak, blocker",
                 id="unknown-cue-level"),
    pytest.param("noise.regex.jsonl", [{"id": "boilerplate.x1", "kind": "boilerplate", "pattern": "版权", "level": "80"}],
                 "rules/noise.regex.jsonl:1: [boilerplate.x1] 'level' must be an integer, not '80'",
                 id="noise-level-as-string"),
    pytest.param("parties.regex.jsonl", [{"id": "party.x1", "kind": "before", "pattern": "开除", "role": "fired"}],
                 "rules/parties.regex.jsonl:1: [party.x1] unknown role 'fired'; use one of disciplined, responsible,",
                 id="unknown-party-role"),
    pytest.param("status.regex.jsonl", [{"id": "status.x1", "pattern": "已经", "status": "finished"}],
                 "rules/status.regex.jsonl:1: [status.x1] unknown status 'finished'; use one of done, ongoing, planned",
                 id="unknown-status"),
    pytest.param("company.regex.jsonl", [{"id": "company.x1", "kind": "sufix", "pattern": "公司"}],
                 "rules/company.regex.jsonl:1: [company.x1] unknown kind 'sufix'; use one of suffix,",
                 id="unknown-company-kind"),
    pytest.param("cues.patterns.jsonl", [{"id": "cue.x8", "label": "CUE", "pattern": "退款", "examples": "退款"}],
                 "rules/cues.patterns.jsonl:1: [cue.x8] 'examples' must be a list of strings, not '退款'",
                 id="examples-not-a-list"),
    # a misspelt file name would be read by nothing
    pytest.param("hotline.regex.jsonl", [{"id": "hotline.x9", "pattern": "400"}],
                 "rules/hotline.regex.jsonl: unknown rule file; an overlay file takes the name of a rule file the "
                 "extractor reads: apology.regex.jsonl,", id="misspelt-file-name"),
    pytest.param("hotlines.jsonl", [{"id": "hotline.x10", "pattern": "400"}],
                 "rules/hotlines.jsonl: unknown rule file", id="file-name-without-shape"),
]


@pytest.mark.parametrize("name, lines, message", BAD_RULES)
def test_invalid_rule_is_reported_with_file_line_and_id(tmp_path, name, lines, message):
    assert _error_for(tmp_path, name, lines).startswith(message)


@pytest.mark.parametrize("pattern", [
    pytest.param("(?<!\\d)400(?!\\d)", id="digit-lookarounds-next-to-han-context"),
    pytest.param("\\bfax\\b", id="word-boundary-in-ascii-only-regex"),
    pytest.param("热线(?!\\d)", id="han-with-lookahead"),
])
def test_valid_rule_loads(tmp_path, pattern):
    _write(tmp_path / "rules", "hotlines.regex.jsonl", [{"id": "hotline.ok", "pattern": pattern}])
    assert load_ruleset(tmp_path / "rules").by_id("hotline.ok").source == pattern


def test_overlay_must_be_a_directory(tmp_path):
    with pytest.raises(RuleError, match="rules overlay is not a directory"):
        load_ruleset(tmp_path / "missing")


def test_overlay_replaces_a_rule_by_id(tmp_path):
    old = SHIPPED.by_id("hotline.400")
    _write(tmp_path / "mine", "hotlines.regex.jsonl",
           [{"id": "hotline.400", "pattern": "400-?\\d{3}-?\\d{4}", "kind": "service", "role": "number"}])
    rs = load_ruleset(tmp_path / "mine")
    assert rs.by_id("hotline.400").source == "400-?\\d{3}-?\\d{4}" != old.source
    assert rs.by_id("hotline.400").file == "mine/hotlines.regex.jsonl"
    assert len(rs.regex("hotlines")) == len(SHIPPED.regex("hotlines"))


def test_overlay_adds_new_rules_and_keeps_shipped_ones(tmp_path):
    _write(tmp_path / "mine", "hotlines.regex.jsonl", [{"id": "hotline.mine", "pattern": "(?<!\\d)96\\d{3}(?!\\d)"}])
    rs = load_ruleset(tmp_path / "mine")
    assert [r.id for r in rs.regex("hotlines")] == [r.id for r in SHIPPED.regex("hotlines")] + ["hotline.mine"]


def test_an_overlay_file_no_code_reads_any_more_is_rejected(tmp_path):
    # the pre-filter's vocabulary file went with the hand-set statement score: an overlay of it would do nothing
    _write(tmp_path / "mine", "prefilter.regex.jsonl", [{"id": "prefilter.praise", "pattern": "好评"}])
    with pytest.raises(RuleError, match="prefilter.regex.jsonl"):
        load_ruleset(tmp_path / "mine")


def test_overlay_may_hold_a_readme_and_hidden_files(tmp_path):
    _write(tmp_path / "mine", "README.md", ["# my rules"])
    _write(tmp_path / "mine", ".notes.swp", ["x"])
    _write(tmp_path / "mine", "hotlines.regex.jsonl", [{"id": "hotline.mine", "pattern": "(?<!\\d)96\\d{3}(?!\\d)"}])
    assert load_ruleset(tmp_path / "mine").by_id("hotline.mine") is not None


def test_open_vocabularies_stay_open(tmp_path):
    # a new family of statement evidence, and a hotline kind written to the table as it is
    _write(tmp_path / "mine", "statement.regex.jsonl", [{"id": "statement.praise", "kind": "praise", "weight": 4.0,
                                                         "pattern": "好评"}])
    _write(tmp_path / "mine", "hotlines.regex.jsonl", [{"id": "hotline.hospital", "kind": "hospital", "role": "number",
                                                        "pattern": "(?<!\\d)120(?!\\d)"}])
    rs = load_ruleset(tmp_path / "mine")
    assert rs.by_id("statement.praise").get("kind") == "praise" and rs.by_id("hotline.hospital").get("kind") == "hospital"


def test_overlay_does_not_change_the_shipped_ruleset(tmp_path):
    _write(tmp_path / "mine", "hotlines.regex.jsonl", [{"id": "hotline.400", "pattern": "4000"}])
    load_ruleset(tmp_path / "mine")
    assert load_ruleset().by_id("hotline.400").source == SHIPPED.by_id("hotline.400").source != "4000"


PATTERN_FILES = sorted(shipped_rules_dir().glob("*.patterns.jsonl"))
REGEX_FILES = sorted(shipped_rules_dir().glob("*.regex.jsonl"))


def _raw_lines(path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.mark.parametrize("path", PATTERN_FILES, ids=lambda p: p.name)
def test_patterns_file_loads_unchanged_into_span_ruler(path):
    spacy = pytest.importorskip("spacy")
    nlp = spacy.blank("zh")  # character tokens: every phrase pattern aligns with tokens
    ruler = nlp.add_pipe("span_ruler")
    raw = _raw_lines(path)
    ruler.add_patterns(raw)  # the file's objects as they are, extra keys included
    assert sorted(p["id"] for p in ruler.patterns) == sorted(r["id"] for r in raw)


def test_span_ruler_tags_matches_with_the_rule_id():
    spacy = pytest.importorskip("spacy")
    nlp = spacy.blank("zh")
    nlp.add_pipe("span_ruler").add_patterns(_raw_lines(shipped_rules_dir() / "cues.patterns.jsonl"))
    doc = nlp("公司已为受影响用户办理退费，并开通服务专线。")
    assert {(s.text, s.id_, s.label_) for s in doc.spans["ruler"]} >= {("退费", "cue.tuifei", "CUE"),
                                                                     ("开通", "cue.kaitong", "CUE")}


RAW_REGEX_RULES = [pytest.param(rule, id=rule.get("id")) for path in REGEX_FILES for rule in _raw_lines(path)]
RAW_RULES = RAW_REGEX_RULES + [pytest.param(rule, id=rule.get("id")) for path in PATTERN_FILES for rule in _raw_lines(path)]


@pytest.mark.parametrize("rule", RAW_REGEX_RULES)
def test_regex_rule_loads_with_plain_re(rule):
    # No loader needed: the line is JSON with a "pattern" that re compiles (flags given as letters).
    flags = {"i": re.I, "m": re.M, "s": re.S, "x": re.X}
    assert re.compile(rule["pattern"], sum(flags[c] for c in rule.get("flags", ""))).pattern == rule["pattern"]


@pytest.mark.parametrize("rule", RAW_RULES)
def test_shipped_rule_says_what_it_is_for(rule):
    assert rule.get("name") or rule.get("note"), "add a human \"name\" or \"note\""


def test_importing_the_loader_does_not_import_spacy():
    code = ("import sys; from extractor.ruleset import load_ruleset; load_ruleset(); "
            "import extractor; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in {'spacy', 'thinc', 'spacy_pkuseg', 'pandas'}))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_a_shipped_rule_that_does_not_compile_names_its_file_line_and_id(tmp_path, monkeypatch):
    # The shipped rules compile on first use; one edited into a broken regex must still say where it is.
    import shutil
    from extractor import ruleset as ruleset_module

    shipped = tmp_path / "rules"
    shutil.copytree(shipped_rules_dir(), shipped, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    lines = (shipped / "hotlines.regex.jsonl").read_text(encoding="utf-8").splitlines()
    broken = json.loads(lines[0])
    broken["pattern"] = "(400"
    lines[0] = json.dumps(broken, ensure_ascii=False)
    (shipped / "hotlines.regex.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    monkeypatch.setattr(ruleset_module, "shipped_rules_dir", lambda: shipped)
    ruleset_module._cached.cache_clear()
    try:
        rule = load_ruleset().by_id(broken["id"])  # loads: shipped rules are not compiled yet
        with pytest.raises(RuleError) as info:
            rule.pattern
        assert str(info.value).startswith(f"rules/hotlines.regex.jsonl:1: [{broken['id']}] regex does not compile")
    finally:
        ruleset_module._cached.cache_clear()
