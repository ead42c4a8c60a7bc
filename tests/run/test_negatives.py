"""Look-alike documents through the whole pipeline: the shipped model keeps most of them out.

Cases (tests/cases/negatives.jsonl, hand-written, never trained on): promotional articles, crisis-management
manuals and course outlines (企业应在24小时内发布致歉声明，一是…二是…), templates with placeholders (XX公司,
[公司名称], 【公司名称】, ××局, 某某公司), government work reports with 一是/二是 lists, fiction where a character
apologises, plain incident news; some in Traditional script; and positive controls that must stay statements.
Each has the vocabulary of a real statement (道歉, 整改, 退款, 问责).

The statement decision is trained (decide/), so a single case may go either way as the model is retrained; what
must hold is (1) the invariant that a document decided not to be a statement has no measures, findings,
parties, and names an organization or a number only when it came near the threshold, and (2) a floor on how
many of these held-out cases the shipped model decides right.
"""
import json
from pathlib import Path

import pytest

import extractor
from extractor.decide import load_model
from extractor.run import Options

CASES = [json.loads(line) for line in
         (Path(__file__).parents[1] / "cases" / "negatives.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
OPTIONS = Options(segmenter="char")
# Measured with the shipped model (README "What to expect on new pages"): 20 of the 22 cases right. A model
# that decides fewer than this share of them is a regression.
FLOOR = 0.7


def _extract(case: dict) -> dict:
    return extractor.extract_text(case["text"], doc_id=case["id"] + ".txt", options=OPTIONS)


@pytest.mark.parametrize("case", [pytest.param(c, id=c["id"]) for c in CASES])
def test_a_non_statement_has_no_measures_and_names_only_near_statements(case):
    rec = _extract(case)
    if not rec["is_statement"]:
        assert (rec["measures"], rec["findings"], rec["parties"]) == ([], [], [])
        # The organization and numbers of a page near the statement threshold are kept (pipeline: "named").
        thresholds = load_model(None).thresholds
        if rec["statement_score"] < thresholds["named"]:
            assert (rec["company"], rec["hotlines"]) == ("", [])
        if rec["company"]:
            assert rec["company_score"] >= thresholds["named_company"]


def test_the_shipped_model_decides_most_look_alikes_right():
    wrong = [(c["id"], _extract(c)["statement_score"]) for c in CASES
             if _extract(c)["is_statement"] != c["is_statement"]]
    right = 1 - len(wrong) / len(CASES)
    assert right >= FLOOR, f"{right:.2f} right; wrong (id, statement_score): {wrong}"


ACTIONS = {"positive_simplified": ("排查", "补偿", "问责"), "positive_traditional": ("下架", "退款", "品管"),
           "positive_moumou_anonymised_news": ("停业整顿", "辞退", "退款")}


@pytest.mark.parametrize("case_id,words", sorted(ACTIONS.items()))
def test_positive_controls_keep_their_measures(case_id, words):
    rec = _extract(next(c for c in CASES if c["id"] == case_id))
    assert rec["is_statement"] is True
    told = "".join(m["text"] for m in rec["measures"])
    assert all(w in told for w in words), [m["text"] for m in rec["measures"]]


def test_cases_cover_every_kind_of_negative():
    kinds = {c["id"].split("_")[0] for c in CASES}
    assert {"promo", "manual", "template", "gov", "fiction", "news", "positive"} <= kinds


def test_a_page_without_any_statement_evidence_names_no_organization_and_offers_no_number():
    """A weather report naming a company and its service line scores well above nothing on the model's prior
    alone (no statement rule fires, nothing apologises): it came near nothing, so no company and no hotline; the
    same company and number on a page with an apology are named."""
    # With 杭州地铁集团有限公司表示 (the company speaking) the page sits on the threshold itself: 0.4999 under the model
    # of 2026-12-06 evening, 0.514 once the apology rules stopped reading 向当事人道歉 as an individual's apology and
    # the model was retrained. Which side a page without any statement evidence falls on is the prior's coin; the
    # naming is what this test is about, so the company is reported on here, not speaking.
    weather = ("杭州市气象台今天发布天气预报：今天白天多云转晴，最高气温28摄氏度，夜间有小雨。据杭州地铁集团有限公司消息，"
               "杭州地铁集团有限公司各线路运营时间不变，市民可拨打杭州地铁服务热线0571-96123咨询。")
    rec = extractor.extract_text(weather, doc_id="weather.txt", options=OPTIONS)
    assert not rec["is_statement"] and rec["statement_score"] >= load_model(None).thresholds["named"]
    assert (rec["company"], rec["hotlines"]) == ("", [])
    sorry = ("杭州地铁集团有限公司表示，今早2号线信号故障导致列车延误，对乘客出行造成不便深表歉意。"
             "杭州地铁集团有限公司已修复设备，乘客可拨打杭州地铁服务热线0571-96123咨询。")
    rec = extractor.extract_text(sorry, doc_id="sorry.txt", options=OPTIONS)
    assert rec["company"] == "杭州地铁集团有限公司"
    assert [h["number"] for h in rec["hotlines"]] == ["0571-96123"]


# Incident news whose page lists other pages' headlines under 相关阅读: the apologies and refunds in those
# headlines are no response of anyone in this page (written for this test).
NEWS = ("两车追尾当场1死7伤\n昨日清晨7时许，国道发生一起交通事故，一辆卡车与一辆面包车发生追尾，"
        "造成1人死亡7人受伤。事故原因正在进一步调查中。\n")
RELATED = ("相关阅读\n某快递公司回应丢件：已全额赔偿并诚恳致歉\n涉事门店停业整顿 品牌方深表歉意\n"
           "某银行致歉：将全面排查并开通专线\n")


def test_headlines_of_related_pages_do_not_make_news_a_statement():
    alone = extractor.extract_text(NEWS, options=OPTIONS, format="text")
    listed = extractor.extract_text(NEWS + RELATED, options=OPTIONS, format="text")
    decided = ("is_statement", "apology", "company", "measures", "parties")
    assert {k: listed[k] for k in decided} == {k: alone[k] for k in decided}
    assert not listed["is_statement"] and not listed["apology"]
    # The scores barely move (the head of a page this short still reaches the list: 0.17 -> 0.21); counted as
    # the page's own sentences, the headlines had taken them to 0.50 and 0.90.
    for score in ("statement_score", "apology_score"):
        assert abs(listed[score] - alone[score]) < 0.1, score
