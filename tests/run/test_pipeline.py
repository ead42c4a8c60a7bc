"""The whole pipeline on the corpus documents: measures, findings, offsets, counts and document fields."""
from pathlib import Path

import pytest

import extractor
from extractor.run import Options

CORPUS = Path(__file__).parents[2] / "corpus"
FAST = Options(segmenter="char")


@pytest.fixture(scope="module")
def records():
    return {Path(r["doc_id"]).stem[:3]: r for r in extractor.extract_paths([str(CORPUS)], FAST)}


def test_every_value_points_into_the_clean_text(records):
    for rec in records.values():
        text = rec["clean_text"]
        for key in ("measures", "findings", "parties", "hotlines"):
            for value in rec[key]:
                shown = value.get("text") or value.get("name") or value.get("number")
                assert text[value["start"]:value["end"]] == shown, (rec["doc_id"], key, shown)


def test_seed_000_four_listed_measures_and_two_in_prose(records):
    rec = records["000"]
    listed = [m for m in rec["measures"] if m["listed"]]
    assert [m["ordinal"] for m in listed] == ["一是", "二是", "三是", "四是"]
    assert [m["category"] for m in listed] == ["refund", "hotline", "system", "accountability"]
    assert listed[-1]["text"].endswith("严肃进行管理问责追责。")
    assert any(m["text"].startswith("当天启动应急处置机制") and not m["listed"] for m in rec["measures"])
    assert [h["number"] for h in rec["hotlines"]] == ["10015-6"]
    assert rec["is_statement"] and rec["apology"] and rec["company"] == "中国联通"


def test_seed_001_semicolon_series_without_spam_fragments(records):
    rec = records["001"]
    listed = [m for m in rec["measures"] if m["listed"]]
    assert len(listed) == 4 and all(m["ordinal"] == "" and m["rule"] == "list.semicolon_cue" for m in listed)
    for fragment in ("中国踪扣", "费报费已", "道追", "联通凌晨", "用户原路", "被异"):
        assert not any(fragment in m["text"] for m in rec["measures"])
    # 常扣 is also inside the genuine 异常扣费 of the third measure: only the injected ones must be gone
    assert not any("常扣" in m["text"].replace("异常扣费", "") for m in rec["measures"])


def test_seed_003_nested_findings_accountability_and_count(records):
    rec = records["003"]
    assert [f["ordinal"] for f in rec["findings"]] == ["一是", "二是", "三是", "四是"]
    accountability = [m for m in rec["measures"] if m["listed"] and m["category"] == "accountability"]
    assert len(accountability) == 3
    assert rec["stated_count"] == 5 and rec["count_ok"] is True
    assert rec["script"] == "traditional"
    # Sentences of the problems section are not prose measures.
    assert not any("違反了集團公司" in m["text"] for m in rec["measures"])
    heading = extractor.load_ruleset().by_id("prose.findings_section").pattern
    assert heading.search("哈尔滨联通服务工作存在的主要问题") and not heading.search("整改措施：推出五项措施")
    assert "(lián)" not in rec["clean_text"]


def test_promotional_seed_004_is_not_a_statement(records):
    rec = records["004"]
    assert rec["is_statement"] is False and rec["measures"] == [] and rec["stated_count"] is None


def test_stated_count_disagreement_is_flagged():
    rec = extractor.extract_text(
        "针对此次事件，公司表示深表歉意，推出五项措施：\n一是全面回退异常扣费。\n二是开通服务专线10015-6。\n"
        "三是对相关责任人调离工作岗位。", doc_id="x.txt", options=FAST)
    assert rec["stated_count"] == 5 and rec["count_ok"] is False
    assert any("stated count 5" in w for w in rec["warnings"])


def test_to_frames_gives_every_table(records):
    frames = extractor.to_frames(records.values())
    assert set(frames) == {"documents", "measures", "findings", "parties", "hotlines", "organizations"}
    assert list(frames["measures"].columns[:8]) == ["doc_id", "index", "ordinal", "listed", "category", "text",
                                                    "start", "end"]
    assert len(frames["documents"]) == 5


def test_a_party_named_again_by_the_end_of_its_name_is_one_party():
    from extractor.decide.parties import dedupe_parties
    from extractor.records import Party

    parties = [Party("省级评估专家组", "actor", 10, 17, text="省级评估专家组"),
               Party("评估专家组", "actor", 40, 45, text="评估专家组"),
               Party("评估专家组", "responsible", 60, 65, text="评估专家组"),
               Party("相关责任人", "disciplined", 70, 75, text="相关责任人")]
    assert [(p.name, p.role) for p in dedupe_parties(parties)] == [
        ("省级评估专家组", "actor"), ("评估专家组", "responsible"), ("相关责任人", "disciplined")]



def test_an_organization_named_in_passing_does_not_speak_for_the_responder():
    from extractor.candidates import CompanyResult
    from extractor.candidates.rule_measures import org_names as _org_names
    # Counts of mentions as the company finder gives them for a news report on a brand, two influencers and a
    # consumer association: only the brand (and a co-responder named about as often) may act as the organization.
    found = CompanyResult(name="欧莱雅", candidates={"欧莱雅": 44.0, "李佳琦": 12.0, "中国消费者协会": 4.0, "巴黎欧莱雅": 30.0})
    names = _org_names(found)
    assert "欧莱雅" in names and "巴黎欧莱雅" in names
    assert "李佳琦" not in names and "中国消费者协会" not in names


def test_a_regulator_named_beside_a_company_does_not_speak_for_it():
    from extractor.candidates import CompanyResult
    from extractor.candidates.rule_measures import org_names as _org_names
    from extractor.ruleset import load_ruleset
    found = CompanyResult(name="奥的斯", candidates={"奥的斯": 29.0, "质检总局": 16.0, "港铁公司": 9.0})
    assert "质检总局" not in _org_names(found, load_ruleset())
    # When a public body responds, the agencies named beside it act with it.
    found = CompanyResult(name="兰州市卫健委", candidates={"兰州市卫健委": 20.0, "省卫生健康委员会": 12.0})
    assert "省卫生健康委员会" in _org_names(found, load_ruleset())


def test_a_branch_acting_for_the_company_is_no_party_but_a_sanctioned_dealer_is():
    text = ("中国联通就用户投诉致歉。中国联通表示，将对受影响用户全额退费。长沙分公司将跟进处理相关投诉。"
            "对违规代理商予以封停整改，对相关责任人给予警告处分。")
    record = extractor.extract_text(text, options=Options(segmenter="none"))
    parties = {(p["name"], p["role"]) for p in record["parties"]}
    assert not any(name == "长沙分公司" for name, _ in parties)
    assert ("相关责任人", "disciplined") in parties
    assert all(p["name"] != "长沙分公司" for m in record["measures"] for p in m["parties"])

