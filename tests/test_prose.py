"""Prose measures: which sentences state the organization's own concrete action, and the measure's span."""
import json
from pathlib import Path

import pytest

from extractor.clean import clean_text
from extractor.prose import find_prose_measures
from extractor.ruleset import load_ruleset
from extractor.sentences import iter_sentences

CASES = [json.loads(l) for l in (Path(__file__).parent / "cases" / "prose.jsonl").read_text(encoding="utf-8").splitlines()
         if l.strip()]


@pytest.fixture(scope="module")
def rs():
    return load_ruleset()


@pytest.mark.parametrize("case", CASES, ids=[f"{c['rule']}:{c['text'][:10]}" for c in CASES])
def test_prose_measures(case, rs):
    clean = clean_text(case["text"])
    sentences = list(iter_sentences(clean.text))
    found = find_prose_measures(clean.text, clean.view, sentences, rs, [], None, case["org"])
    assert [clean.text[m.start:m.end] for m in found] == case["measures"]


def test_restating_a_listed_measure_is_not_new(rs):
    text = "中国联通发布情况说明，并称已进行回退处理。\n一是迅速进行回退处理，对异常扣费进行全面复核和回退处理。"
    clean = clean_text(text)
    listed = [(text.index("迅速"), len(text))]
    sentences = [s for s in iter_sentences(clean.text) if s[1] <= listed[0][0]]
    assert find_prose_measures(clean.text, clean.view, sentences, rs, listed, None, ["中国联通"]) == []


def test_cue_off_word_boundaries_is_rejected_with_a_segmenter(rs):
    text = "公司安排查看了现场。"
    clean = clean_text(text)
    sentences = list(iter_sentences(clean.text))
    words = lambda s: [(0, 2), (2, 4), (4, 6), (6, 7), (7, 9), (9, 10)]  # 公司/安排/查看/了/现场/。
    assert find_prose_measures(clean.text, clean.view, sentences, rs, [], words, ["公司"]) == []
    char = lambda s: [(i, i + 1) for i in range(len(s))]
    assert len(find_prose_measures(clean.text, clean.view, sentences, rs, [], char, ["公司"])) == 1


def test_a_measure_repeated_later_in_the_report_is_one_measure(rs):
    text = ("欧莱雅表示，已成立专项小组，将提出妥善解决方案。\n"
            "多名消费者仍在投诉。\n欧莱雅再次表示，将提出妥善解决方案。")
    clean = clean_text(text)
    found = find_prose_measures(clean.text, clean.view, list(iter_sentences(clean.text)), rs, [], None, ["欧莱雅"])
    assert [clean.text[m.start:m.end] for m in found] == ["已成立专项小组，将提出妥善解决方案。"]


def test_an_aside_in_parentheses_is_not_a_measure(rs):
    clean = clean_text("拼多多表示已删除相关内容。（从发布到删除，间隔不到30秒。）")
    found = find_prose_measures(clean.text, clean.view, list(iter_sentences(clean.text)), rs, [], None, ["拼多多"])
    assert [clean.text[m.start:m.end] for m in found] == ["已删除相关内容。"]
