"""Prose measures: which sentences state the organization's own concrete action, and the measure's span."""
import json
from pathlib import Path

import pytest

from extractor.candidates import find_prose_measures
from extractor.clean import clean_text
from extractor.ruleset import load_ruleset
from extractor.structure import iter_sentences

CASES = [json.loads(l) for l in (Path(__file__).parents[1] / "cases" / "prose.jsonl").read_text(encoding="utf-8").splitlines()
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


def _prose_before_list(rs, text: str, list_from: str, org: list[str]) -> list[str]:
    clean = clean_text(text)
    listed = [(text.index(list_from), len(text))]
    sentences = [s for s in iter_sentences(clean.text) if s[1] <= listed[0][0]]
    return [clean.text[m.start:m.end] for m in find_prose_measures(clean.text, clean.view, sentences, rs, listed, None, org)]


def test_a_shorter_retelling_of_a_listed_measure_is_not_new(rs):
    # Shares the cue 停业 and a third of its words with the item, and adds only 处以…的处罚.
    text = "市卫健委决定，对该院处以停业整顿3个月的处罚。\n处理如下：停业整顿3个月，期满整改合格后重新开诊；给予警告。"
    assert _prose_before_list(rs, text, "停业整顿3个月，期满", ["市卫健委"]) == []


def test_the_same_cue_with_another_object_is_a_new_measure(rs):
    # Both set something up (成立), but a task force for the inquiry is not the standing working group of item 五.
    text = ("中国联通集团公司立即成立专项工作组开展调查。\n"
            "五是健全长效机制。由中国联通集团公司领导牵头，市场营销部、客户服务部等部门成立联合工作组，建立常态化工作机制。")
    assert _prose_before_list(rs, text, "五是", ["中国联通"]) == ["中国联通集团公司立即成立专项工作组开展调查。"]


def test_a_retelling_in_the_prose_is_taken_once(rs):
    text = "管委会在回应中称，撤销指挥部办公室发布的征集涉疫信息公告。回应中还提到，该公告法律政策依据不足，予以撤销。"
    clean = clean_text(text)
    found = find_prose_measures(clean.text, clean.view, list(iter_sentences(clean.text)), rs, [], None, ["管委会"])
    assert [clean.text[m.start:m.end] for m in found] == ["撤销指挥部办公室发布的征集涉疫信息公告。"]


def test_a_lead_that_sums_up_the_body_gives_way_to_the_full_telling(rs):
    text = "管委会就此事致歉，撤销前述公告。\n管委会在回应中称，撤销指挥部办公室发布的征集涉疫信息公告。"
    clean = clean_text(text)
    found = find_prose_measures(clean.text, clean.view, list(iter_sentences(clean.text)), rs, [], None, ["管委会"])
    assert [clean.text[m.start:m.end] for m in found] == ["撤销指挥部办公室发布的征集涉疫信息公告。"]


def test_a_retelling_sharing_half_its_words_is_not_new_however_much_it_adds(rs):
    text = ("处理如下：停业整顿3个月，期满整改合格后重新开诊；给予警告。\n"
            "卫健委表示，两所医院停业时间从13日起，期满整改合格后重新开诊。")
    clean = clean_text(text)
    listed = [(text.index("停业整顿"), text.index("\n"))]
    sentences = [s for s in iter_sentences(clean.text) if s[0] > listed[0][1]]
    assert find_prose_measures(clean.text, clean.view, sentences, rs, listed, None, ["卫健委"]) == []
