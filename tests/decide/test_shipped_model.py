"""The shipped model on texts it was never trained on: clear cases go the right way, every decision carries a
score, and --min-score filters by it."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

import extractor
from extractor.run import Options

OPTIONS = Options(segmenter="none")
CASES = [json.loads(line) for line in
         (Path(__file__).parents[1] / "cases" / "document_statement.jsonl").read_text(encoding="utf-8").splitlines()
         if line.strip()]
FLOOR = 0.7  # share of the hand-written statement cases decided right (measured: README)

UNICOM = ("中国联通就异常扣费再致歉：已全面回退\n5月6日，有报道称中国联通因系统升级导致部分用户被异常扣费。中国联通表示，"
          "当天启动应急处置机制，成立工作专班，进行全面整改，对相关责任人严肃问责。5月7日，公司通过客服平台，向相关用户"
          "进行了情况告知和诚恳道歉，并开通10015-6服务专线。")


# A page that is no statement but carries statement evidence (a promotion's 助力/行动计划) still names the
# organization it is about; a page without any (a traffic accident) names none.
@pytest.mark.parametrize("title, text, is_statement, company", [
    ("", UNICOM, True, "中国联通"),
    ("中国联通：让老百姓实在用网、明白消费", "中国联通推出服务再升级行动计划，各省分公司纷纷结合本地实际，打造智慧生活，"
     "让老百姓实实在在用网、明明白白消费。", False, "中国联通"),
    ("两车追尾当场1死7伤", "昨日清晨7时许，国道发生一起交通事故，一辆卡车与一辆面包车发生追尾，事故共造成1人死亡。", False, ""),
])
def test_clear_cases(title, text, is_statement, company):
    rec = extractor.extract_text(text, title=title, options=OPTIONS)
    assert (rec["is_statement"], rec["company"]) == (is_statement, company)
    assert 0.0 <= rec["statement_score"] <= 1.0 and (rec["statement_score"] >= 0.5) == is_statement


def test_the_organization_is_the_recurring_name_not_a_fragment_ending_in_a_suffix():
    """A one-off clause that happens to end in 公司 (事件发生后两小时内公司) is no name; the brand that recurs
    as the subject and signs the notice is."""
    text = ("蓝鲸便利致歉声明\n近日，网传蓝鲸便利一门店销售过期面包。事件发生后两小时内公司即派出调查组，"
            "蓝鲸便利对此深表歉意。蓝鲸便利决定涉事门店停业整顿，辞退涉事店长。蓝鲸便利将对全部门店开展自查。\n"
            "蓝鲸便利店管理有限公司\n2024年3月2日\n")
    rec = extractor.extract_text(text, options=OPTIONS)
    assert rec["is_statement"] is True
    assert rec["company"].startswith("蓝鲸便利") and "发生" not in rec["company"], rec["company"]


TEMPLATE_BODY = ("关于网点服务问题的处理公示\n近日，一位客户在社交媒体上反映我行某网点服务态度问题，引发关注。我们对此高度重视，"
                 "第一时间展开调查，对此深表歉意。我们决定采取以下处理措施：\n1. 对涉事员工停职处理；\n"
                 "2. 加强员工培训，提高服务水平；\n3. 完善投诉处理流程。\n")


def _explained(text: str):
    from extractor.load import LoadedDoc
    from extractor.run.pipeline import extract_loaded

    rec = extract_loaded(LoadedDoc(doc_id="t.txt", path="t.txt", format="txt", text=text),
                         Options(segmenter="none", explain=True))
    return rec, [name for name, _w in rec.explanations["document"]["statement"] if name.startswith("veto=")]


@pytest.mark.parametrize("signature, is_statement", [
    ("银行名称\n日期\n", False),                  # the template's unfilled signature (dev2's b016 signs so)
    ("星海银行股份有限公司\n2024年3月2日\n", True),  # the same page signed by an organization
])
def test_a_template_with_an_unfilled_signature_is_no_statement(signature, is_statement):
    """A page that leaves the organization's name to be filled in has no organization to respond, however much
    it reads like a statement: statement.template_slot settles it, with the rule named in the explanation."""
    rec, vetoed = _explained(TEMPLATE_BODY + signature)
    assert rec.is_statement is is_statement and bool(rec.measures) is is_statement
    assert vetoed == ([] if is_statement else ["veto=statement.template_slot"])
    assert (rec.statement_score == 0.0) is not is_statement


def test_a_name_field_of_a_real_notice_is_no_template_slot():
    rec, vetoed = _explained("召回公告\n企业名称：星海汽车有限公司\n我公司决定自即日起召回部分车辆。召回范围内的车辆将免费更换"
                             "安全气囊螺栓，以消除安全隐患。由此给车主带来的不便，我们深表歉意。\n星海汽车有限公司\n")
    assert vetoed == [] and rec.is_statement


def test_every_kept_value_has_a_score_and_min_score_filters():
    rec = extractor.extract_text(UNICOM, options=OPTIONS)
    assert rec["apology"] is True and rec["measures"] and rec["hotlines"][0]["normalized"] == "10015-6"
    scores = [m["score"] for m in rec["measures"]] + [h["score"] for h in rec["hotlines"]]
    assert all(0.0 < s <= 1.0 for s in scores)
    assert 0.0 < rec["company_score"] <= 1.0 and all(m["category_score"] for m in rec["measures"])
    cut = sorted(m["score"] for m in rec["measures"])[0] + 1e-4
    kept = extractor.extract_text(UNICOM, options=Options(segmenter="none", min_score=cut))
    assert len(kept["measures"]) == len(rec["measures"]) - 1
    assert all(m["score"] >= cut for m in kept["measures"])


def test_most_hand_written_statement_cases_are_decided_right():
    wrong = [c["id"] for c in CASES
             if extractor.extract_text(c["text"], options=OPTIONS)["is_statement"] != c["is_statement"]]
    assert 1 - len(wrong) / len(CASES) >= FLOOR, wrong


def test_explain_names_the_features_behind_each_decision():
    from extractor.load import LoadedDoc
    from extractor.output import explain_record
    from extractor.run.pipeline import extract_loaded

    doc = LoadedDoc(doc_id="u.txt", path="u.txt", format="txt", text=UNICOM)
    text = explain_record(extract_loaded(doc, Options(segmenter="none", explain=True)))
    assert "statement decision (yes): for +" in text and "kept by the " in text and "category decision: for" in text
    assert "hotline decision: for +" in text


LIST_ITEMS = ["立即下架全部涉事产品并封存库存", "对涉事门店停业整顿，开除涉事店长", "在全国门店开展食品安全自查",
              "开通24小时投诉热线400-123-4567"]
LIST_HEAD = "近日，我司一门店被曝使用过期食材，我们深表歉意。我们将采取以下整改措施："


@pytest.mark.parametrize("fmt, page", [
    ("html", "<html><head><title>星海餐饮致歉声明</title></head><body><article><h1>星海餐饮致歉声明</h1>"
     f"<p>{LIST_HEAD}</p><ol>" + "".join(f"<li>{it}</li>" for it in LIST_ITEMS) + "</ol>"
     "<p>星海餐饮有限公司</p></article></body></html>"),
    ("html", "<html><head><title>星海餐饮致歉声明</title></head><body><article><h1>星海餐饮致歉声明</h1>"
     f"<p>{LIST_HEAD}</p><ul>" + "".join(f"<li>{it}" for it in LIST_ITEMS) + "</ul>"
     "<p>星海餐饮有限公司</p></article></body></html>"),
    ("markdown", f"# 星海餐饮致歉声明\n\n{LIST_HEAD}\n\n" + "\n".join(f"- {it}" for it in LIST_ITEMS)
     + "\n\n星海餐饮有限公司\n"),
    ("html", "<html><head><title>星海餐饮致歉声明</title></head><body><article><h1>星海餐饮致歉声明</h1>"
     f"<p>{LIST_HEAD}</p><table><tr><th>序号</th><th>措施</th></tr>"
     + "".join(f"<tr><td>{k + 1}</td><td>{it}</td></tr>" for k, it in enumerate(LIST_ITEMS))
     + "</table><p>星海餐饮有限公司</p></article></body></html>"),
], ids=["html ol", "html ul, unclosed li", "markdown bullets", "html table with a number column"])
def test_a_list_written_in_markup_is_read_as_a_list(fmt, page):
    """A page's <ol>/<ul>, Markdown bullets or table rows numbered in a 序号 column are its list, whose items are its
    listed measures, as if the page had written 1. 2. or bullets in its text."""
    rec = extractor.extract_text(page, format=fmt, options=OPTIONS)
    listed = [m["text"] for m in rec["measures"] if m["listed"]]
    assert rec["is_statement"] and len(listed) == 4, listed
    assert all(any(it in m for m in listed) for it in LIST_ITEMS), listed
