"""The readable features the decisions weigh: the rules that fire on or around each candidate."""
from __future__ import annotations

import pytest

from extractor.candidates import find_candidates, find_signals, party_candidates
from extractor.clean import clean_text
from extractor.decide.features import (UnitContext, document_features, item_features, leaf_items, span_features,
                                        unit_features)
from extractor.ruleset import load_ruleset

RS = load_ruleset()


@pytest.mark.parametrize("rule_id, intro, fires", [
    ("list_intro.announce", "我们搜集整理了相关问题和意见，说明如下：", True),
    ("list_intro.announce", "2025年10月1日前，全国门店会陆续完成以下调整:", True),
    ("list_intro.announce", "公司主要采取了三项措施：", True),
    ("list_intro.announce", "事情发生后，公司高度重视。", False),
    ("list_intro.colon", "具体内容为：", True),
    ("list_intro.colon", "具体内容如下。", False),
])
def test_list_intro_rules(rule_id, intro, fires):
    assert bool(RS.by_id(rule_id).pattern.search(clean_text(intro).view)) == fires


@pytest.mark.parametrize("text, names", [
    ("公司已与当事司机进行谈话。", ["当事司机"]),
    ("技术团队连夜修复，24小时客服已调配更多人员上岗。", ["技术团队", "24小时客服", "更多人员"]),
    ("今天天气很好，我们去公园散步。", []),
])
def test_party_head_noun_candidates(text, names):
    clean = clean_text(text)
    found = [p for p in party_candidates(clean, RS, [(0, len(clean.text))]) if p.rule == "party.head_noun"]
    assert [p.name for p in found] == names


STATEMENT = ("关于部分用户无法登录的情况说明\n尊敬的用户：因服务器故障，我公司App出现部分用户无法登录的情况，我们深表歉意。"
             "说明如下：\n1.公司已全面排查服务器隐患；\n2.对受影响用户补偿一个月会员。\n特此说明。")


def test_document_features_name_rules_and_their_kinds():
    f = document_features(find_signals(clean_text(STATEMENT), "", RS), RS)
    assert f["stmt=statement.formula"] == 1.0 and f["stmt=statement.salutation"] == 1.0
    assert f["kind=notice"] > 0 and f["head_kind=notice"] > 0 and f["apology"] == 1.0
    # the head counts by kind only: no second feature per rule
    assert not any(k.startswith("head=") for k in f)
    assert "kinds_against" not in f


def test_unit_and_item_features_see_the_list_and_the_cues():
    cands = find_candidates(find_signals(clean_text(STATEMENT), "", RS), RS)
    ctx = UnitContext(cands, RS)
    first_item = next(i for i, u in enumerate(cands.units) if u.marker is not None)
    f = unit_features(ctx, first_item)
    assert f["in_item"] == 1.0 and "marker=digit_dot" in f and "cue=cue.paicha" in f
    fl, it = leaf_items(cands.lists)[0]
    g = item_features(ctx, fl, it)
    assert g["intro=list_intro.announce"] == 1.0 and g["first_item"] == 1.0 and g["cue=cue.paicha"] == 1.0


def test_a_number_listed_with_another_knows_it():
    """电话：A、B and A或B: each number of a series sees its neighbour (the second one often lacks an area code
    or a label of its own); a number alone in its sentence does not."""
    from extractor.candidates import find_contacts
    from extractor.decide.features import number_features

    text = ("用户也可拨打缺陷产品管理中心热线电话:010-59799616、65537365,了解更多信息。"
            "监督举报电话:0826-12319或0826-2336525。客服电话4008001234。")
    cands = find_contacts(find_signals(clean_text(text), "", RS), RS)
    feats = {c.number: number_features(cands, c) for c in cands.numbers}
    assert "series_next" in feats["010-59799616"] and "series_prev" in feats["65537365"]
    assert "series_next" in feats["0826-12319"] and "series_prev" in feats["0826-2336525"]
    assert not {"series_next", "series_prev"} & set(feats["4008001234"])


def test_a_clause_carries_why_the_rules_gave_its_action_to_someone():
    """The rules' attribution of each prose action, with its reason, is evidence for the clause decisions (the
    model weighs each reason; the rules' own proposals keep only the organization's): the organization named
    before the cue, a demand, a regulator as the subject, and an action led by its aspect with nobody named."""
    text = ("天天超市有限公司发布致歉声明。\n天天超市有限公司已对涉事门店停业整顿。\n"
            "有消费者已向法院起诉，要求全额赔偿。\n市场监管局责令该店立即整改。\n"
            "据了解，系统故障导致数据损坏。\n目前已经修复。")
    cands = find_candidates(find_signals(clean_text(text), "", RS), RS)
    ctx = UnitContext(cands, RS)
    why = {ctx.text(i): [k for k in unit_features(ctx, i) if k.startswith("judge=")] for i in range(len(cands.units))}
    assert why["天天超市有限公司已对涉事门店停业整顿。"] == ["judge=named"]
    assert why["要求全额赔偿。"] == ["judge=demand"]
    assert why["市场监管局责令该店立即整改。"] == ["judge=other_subject"]
    assert why["目前已经修复。"] == ["judge=aspect_lead"]
    assert why["系统故障导致数据损坏。"] == []  # no action: nothing to attribute


def test_a_clause_carries_whose_action_it_is_with_its_aspect():
    """The attribution reason joined with the clause's aspect: an action done (已) and one to come (将) by the
    named organization, and one done with nobody named, are three facts; a clause without a judged action has
    none, whatever its aspect (有消费者已向法院起诉 is no action of anyone's for the rules)."""
    text = ("天天超市有限公司发布致歉声明。\n天天超市有限公司已对涉事门店停业整顿。\n"
            "有消费者已向法院起诉，要求全额赔偿。\n目前已经修复。\n天天超市有限公司将全面排查各门店。")
    cands = find_candidates(find_signals(clean_text(text), "", RS), RS)
    ctx = UnitContext(cands, RS)
    joined = {ctx.text(i): [k for k in unit_features(ctx, i) if k.startswith("judge_aspect=")]
              for i in range(len(cands.units))}
    assert joined["天天超市有限公司已对涉事门店停业整顿。"] == ["judge_aspect=named|status.done.yijing"]
    assert joined["天天超市有限公司将全面排查各门店。"] == ["judge_aspect=named|status.planned.jiang"]
    assert joined["目前已经修复。"] == ["judge_aspect=aspect_lead|status.done.yijing"]
    assert joined["有消费者已向法院起诉，"] == []
    assert joined["要求全额赔偿。"] == []  # judged (a demand) but no aspect of its own


def test_a_clause_knows_where_the_rules_measure_ends():
    """Where the rules' own measure stops is evidence for where a run stops: the rules trim an aim clause
    (努力为…) off the end, and the clause they stop at says so; the run's first clause says where they start."""
    text = ("天天超市有限公司发布致歉声明。\n"
            "天天超市有限公司已对涉事门店停业整顿，并对相关责任人严肃处理，努力为消费者提供放心的商品。")
    cands = find_candidates(find_signals(clean_text(text), "", RS), RS)
    ctx = UnitContext(cands, RS)
    feats = {ctx.text(i): unit_features(ctx, i) for i in range(len(cands.units))}
    first, second, aim = (feats["天天超市有限公司已对涉事门店停业整顿，"], feats["并对相关责任人严肃处理，"],
                          feats["努力为消费者提供放心的商品。"])
    assert "rule_starts=prose" in first and "rule_ends=prose" not in first
    assert "rule_ends=prose" in second and "rule=prose" in second
    assert not any(k.startswith("rule") for k in aim)


def test_a_run_knows_what_the_clauses_it_leaves_out_of_its_sentence_say():
    """A vow, a purpose or an apology left out after the action is how annotators cut a measure; an action left
    out is not. The run sees the rules that fired on the clause just after it (N:) and just before it (P:) in the
    same sentence, and nothing of the clauses of other sentences."""
    text = ("天天超市有限公司发布致歉声明。\n天天超市有限公司已对涉事门店停业整顿，我们将深刻反思。\n公司已全面排查各门店。")
    cands = find_candidates(find_signals(clean_text(text), "", RS), RS)
    ctx = UnitContext(cands, RS)
    feats = [unit_features(ctx, i) for i in range(len(cands.units))]
    at = {ctx.text(i): i for i in range(len(cands.units))}
    action, vow = at["天天超市有限公司已对涉事门店停业整顿，"], at["我们将深刻反思。"]
    around = {i: {k for k in span_features(ctx, feats, i, i) if k.startswith(("N:", "P:"))} for i in at.values()}
    assert {"N:vow=vow.shenke_fansi", "N:lead=我们"} <= around[action]
    assert not any(k.startswith("P:") for k in around[action])
    assert "P:cue_cat=accountability" in around[vow] and not any(k.startswith("N:") for k in around[vow])
    assert around[at["公司已全面排查各门店。"]] == set() and around[at["天天超市有限公司发布致歉声明。"]] == set()
    assert not any(k.startswith(("N:", "P:")) for k in span_features(ctx, feats, action, vow))


def test_a_party_knows_its_head_by_its_last_two_characters():
    from extractor.decide.features import PartyContext, party_features

    text = "该公司表示，已成立专项工作组，由技术团队连夜修复系统，对涉事员工予以停职。"
    cands = find_candidates(find_signals(clean_text(text), "", RS), RS)
    ctx = PartyContext(cands, RS)
    tails = {p.name: [k for k in party_features(ctx, p) if k.startswith("tail=")] for p in cands.parties}
    assert tails["技术团队"] == ["tail=团队"] and tails["涉事员工"] == ["tail=员工"]


def test_a_page_led_by_dialogue_says_so_and_a_statement_does_not():
    story = ("“王经理，这批货到底什么时候能到？”\n小李推开门就问。\n“别急，公司已经成立了专项小组。”\n"
             "王经理放下电话，笑着说道。\n“那我就放心了。”\n")
    assert document_features(find_signals(clean_text(story), "", RS), RS)["dialogue"] == 1.0
    # a statement that quotes inside its lines is not dialogue-led
    assert "dialogue" not in document_features(find_signals(clean_text(STATEMENT), "", RS), RS)


def test_the_sites_boilerplate_does_not_dilute_a_pages_dialogue():
    from extractor.decide.features import dialogue_share

    page = "“你来了？”\n他笑着说道。\n“来了。”\n她放下包。\n"
    related = "相关阅读\n某地举行马拉松比赛\n某市地铁新线开通\n某博物馆新展开幕\n"
    text = page + related
    assert dialogue_share(page) == 0.5
    assert dialogue_share(text) == 0.25  # counted with the site's lines, the page looks less like dialogue
    assert dialogue_share(text, [(len(page), len(text))]) == 0.5  # the related list is boilerplate: left out
