"""Noise rules (rules/noise.regex.jsonl) and the noise steps: pinyin, anti-scrape, SEO fragments, skip spans."""
from __future__ import annotations

import pytest

from extractor.clean import clean_text
from extractor.clean.chars import is_mixed_token, make_view, remove_pinyin, remove_scrape_noise
from extractor.clean.seo import find_title_fragments, guess_titles
from extractor.clean.spans import find_boilerplate, find_duplicates
from extractor.clean.textmap import MappedText
from extractor.ruleset import load_ruleset

RULES = load_ruleset().regex("noise")


def rules_of(kind: str):
    return [r for r in RULES if r.get("kind") == kind]


def fires(rule, text: str) -> bool:
    """Whether ``rule`` changes or marks ``text``, the way clean_text applies rules of its kind."""
    kind = rule.get("kind")
    if kind == "pinyin":
        return remove_pinyin(MappedText.from_text(text), [rule])[1] > 0
    if kind == "scrape":
        return remove_scrape_noise(MappedText.from_text(text), [rule])[1] > 0
    view, _, _ = make_view(text)
    return bool(find_boilerplate(view, [rule]))


EXAMPLES = [(r.id, ex) for r in RULES for ex in r.get("examples", [])]
COUNTER = [(r.id, ex) for r in RULES for ex in r.get("counterexamples", [])]


@pytest.mark.parametrize("rule_id", [r.id for r in RULES])
def test_every_noise_rule_has_examples_and_counterexamples(rule_id):
    rule = load_ruleset().by_id(rule_id)
    assert rule.get("examples") and rule.get("counterexamples")
    assert rule.get("kind") in {"pinyin", "scrape", "boilerplate"}


@pytest.mark.parametrize("rule_id, text", EXAMPLES)
def test_rule_fires_on_its_examples(rule_id, text):
    assert fires(load_ruleset().by_id(rule_id), text)


@pytest.mark.parametrize("rule_id, text", COUNTER)
def test_rule_stays_quiet_on_counterexamples(rule_id, text):
    assert not fires(load_ruleset().by_id(rule_id), text)


# --- pinyin, anti-scrape and ASCII full stops through clean_text ------------------------------------------------------

@pytest.mark.parametrize("raw, clean", [
    ("中國聯(lián)通回應媒體曝光", "中國聯通回應媒體曝光"),
    ("對實名制違規行為實行(xíng)雙重處罰", "對實名制違規行為實行雙重處罰"),
    ("中國消費者報北京訊(記者 司宇萌)5月9日", "中國消費者報北京訊(記者司宇萌)5月9日"),
    ("發現新毒株(S2株)後", "發現新毒株(S2株)後"),
    ("去年(2021)起實施", "去年(2021)起實施"),
    ("他稱(Mr Shithole)不實", "他稱(Mr Shithole)不實"),
])
def test_pinyin_annotations(raw, clean):
    assert clean_text(raw).text == clean


@pytest.mark.parametrize("raw, clean", [
    ("公司高度重视; m; y* O0 H3 O7 }立即成立工作专班", "公司高度重视立即成立工作专班"),
    ("全面整改,- x% g$ ^1 B/ Q确保用户权益", "全面整改,确保用户权益"),
    ("推出4G 5G 6G 7G 套餐", "推出4G 5G 6G 7G 套餐"),
    ("等级分为 A B C D 四档", "等级分为 A B C D 四档"),
    # a list marker opening the line after the jammer run is the text's, not the run's (dev2's c008)
    ("散布虚假信息的问题。\n0 I- x& f- A* \\. L 2.副局长在微信群散布不当言论的问题。",
     "散布虚假信息的问题。\n2.副局长在微信群散布不当言论的问题。"),
])
def test_scrape_noise(raw, clean):
    assert clean_text(raw).text == clean


@pytest.mark.parametrize("raw, clean", [
    # dev2's a013 with its full stops written in ASCII: each item's end, before the next item's number
    ("1. 西贝所有使用大豆油烹调的菜品,调整为使用非转基因大豆油.2. 儿童餐牛肉饼,调整为门店现做牛肉饼.",
     "1. 西贝所有使用大豆油烹调的菜品,调整为使用非转基因大豆油。2. 儿童餐牛肉饼,调整为门店现做牛肉饼。"),
    ("他表示：「我们会跟进」.随后公司宣布停职", "他表示：「我们会跟进」。随后公司宣布停职"),
    # an ellipsis, an address, a number and a list number stay as written
    ("还没有评论,来说两句吧...", "还没有评论,来说两句吧..."),
    ("详见官网www.公司.com", "详见官网www.公司.com"),
    ("同比增长3.5%,第2.1条", "同比增长3.5%,第2.1条"),
    # so does a Chinese numeral's dot that numbers an item, at a line start or after a clause's end; a numeral
    # inside a sentence (排名第三.) ends it
    ("公司决定：\n一.全面排查系统隐患；\n十二.对受影响用户退款.", "公司决定：\n一.全面排查系统隐患；\n十二.对受影响用户退款。"),
    ("措施如下：一.排查；二.退款.", "措施如下：一.排查；二.退款。"),
    ("本次排名第三.公司表示", "本次排名第三。公司表示"),
])
def test_ascii_full_stops(raw, clean):
    assert clean_text(raw).text == clean


@pytest.mark.parametrize("token, mixed", [("y*", True), ("O0", True), ("^1", True), ("ab", False), ("12", False),
                                          (";", False)])
def test_is_mixed_token(token, mixed):
    assert is_mixed_token(token) is mixed


def test_scrape_warning():
    assert clean_text("公司高度重视; m; y* O0 H3 O7 }立即整改").warnings == ["anti-scrape noise strings removed: 1"]


# --- SEO title fragments ------------------------------------------------------------------------------------------

TITLE = "美团外卖骑手超时罚款规则调整公告"
CLEAN = ("近日,有骑手反映配送时间过短。平台表示,将延长配送时限。同时,公司承诺取消部分罚款。"
         "美团外卖方面称,已成立专项小组。此外,超时罚款规则将于下月调整。平台还表示,将公开新的规则。"
         "调整后,骑手可申诉。对此,美团外卖再次致歉。")
# the same text with title chunks spliced at clause starts, the way spam sites do it
SPAMMED = ("近日,美团罚款有骑手反映配送时间过短。外卖规则平台表示,将延长配送时限。骑手调整同时,超时公司承诺取消部分罚款。"
           "美团外卖方面称,美团罚款已成立专项小组。外卖规则此外,超时罚款规则将于下月调整。超时平台还表示,骑手调整将公开新的规则。"
           "调整后,骑手可申诉。对此,美团外卖再次致歉。")


def test_seo_fragments_removed_and_real_title_words_kept():
    assert clean_text(SPAMMED, TITLE).text == CLEAN


def test_seo_fragment_warning_lists_fragments():
    warning = clean_text(SPAMMED, TITLE).warnings[0]
    assert warning.startswith("injected title fragments removed") and "美团罚款" in warning and "超时" in warning


def test_seo_clean_text_with_title_words_loses_nothing():
    assert find_title_fragments(CLEAN, TITLE) == ([], [])


def test_seo_needs_three_distinct_fragments():
    two = "近日,美团罚款有骑手反映。外卖规则平台表示。同时,美团罚款公司承诺。外卖规则此外,将调整。"
    assert find_title_fragments(two, TITLE) == ([], [])


def test_seo_fragments_move_with_the_text():
    """A control character before the text moves the fragments by one and changes nothing else."""
    spans, frags = find_title_fragments(SPAMMED, TITLE)
    assert spans and find_title_fragments("\x00" + SPAMMED, TITLE) == ([(s + 1, e + 1) for s, e in spans], frags)


def test_seo_title_guessed_from_first_short_lines():
    text = "某某公司欢迎您!\n\n" + TITLE + "\n\n" + SPAMMED
    assert clean_text(text).text == "某某公司欢迎您!\n\n" + TITLE + "\n\n" + CLEAN


@pytest.mark.parametrize("text, titles", [
    ("北京四季盛兴商贸中心有限公司欢迎您!\n\n“中国联通用户凌晨被异常扣费”报道追踪\n正文",
     ["北京四季盛兴商贸中心有限公司欢迎您!", "“中国联通用户凌晨被异常扣费”报道追踪"]),
    ("A\n\nhttps://example.com\n中国联通致歉声明", ["中国联通致歉声明"]),
])
def test_guess_titles(text, titles):
    assert guess_titles(text)[:2] == titles


# --- skip spans ------------------------------------------------------------------------------------------------

def test_boilerplate_lines_are_kept_and_marked():
    text = "一是加强管理。\n责任编辑：王磊\nCopyright © 2022 某网 版权所有\n京ICP备12345678号"
    ct = clean_text(text)
    assert ct.text == text.replace("某网 版权", "某网版权")  # nothing deleted (one stray space between Han)
    assert [ct.text[s:e] for s, e in ct.boilerplate] == ["责任编辑：王磊", "Copyright © 2022 某网版权所有",
                                                         "京ICP备12345678号"]


def test_long_paragraph_with_boilerplate_word_is_not_marked():
    para = "来源：" + "公司表示将全面整改，" * 20
    assert find_boilerplate(para, rules_of("boilerplate")) == []


def test_duplicate_paragraph_marked_on_second_copy():
    para = "一是迅速进行回退处理，处置专班对受影响用户列出详细清单，对异常扣费进行全面复核和回退处理，确保用户权益不受损害。"
    view = f"{para}\n二是设立客服专线。\n{para}"
    assert find_duplicates(view) == [(len(para) + 11, len(view), "duplicate")]


def test_short_repeated_line_is_not_a_duplicate():
    assert find_duplicates("整改措施\n一是\n整改措施") == []


def test_a_sanction_repeated_for_a_second_party_is_not_a_duplicate():
    lines = "甲医院处理意见\n停业整顿3个月，期满整改合格后重新开诊；\n给予警告。\n乙医院处理意见\n停业整顿3个月，期满整改合格后重新开诊；\n给予警告。"
    assert find_duplicates(lines) == []


def test_a_list_printed_twice_is_marked_on_its_second_copy_line_for_line():
    # Items shorter than a paragraph: only the run of them repeating an earlier run counts.
    items = ["一是立即组织技术团队全面排查系统漏洞；", "二是设立24小时客服专线，逐一回复用户诉求；",
             "三是对受影响用户全额退款并给予补偿；", "四是对相关责任人严肃问责，绝不姑息；",
             "五是每周向社会公布整改进展，接受监督；", "六是邀请第三方机构开展安全评估。"]
    body = "\n".join(["整改措施如下："] + items)
    view = body + "\n\n" + body
    marked = [view[s:e] for s, e, why in find_duplicates(view)]
    assert marked == ["整改措施如下："] + items
    assert all(s > len(body) for s, _, _ in find_duplicates(view))


def test_a_short_run_repeated_is_not_a_block():
    # Three short lines (under MIN_BLOCK_LINES / MIN_BLOCK_CHARS) may recur in one statement, for a second party.
    run = "停业整顿3个月；\n给予警告；\n罚款5万元。"
    assert find_duplicates(f"甲医院：\n{run}\n乙医院：\n{run}") == []


# Headlines of other pages under a related-articles heading (相关阅读, 猜你喜欢) are other pages' words: an
# apology or a recall in them must not make a page a statement. Written for these tests, in the shape of the
# lists that news sites append (a number such as 2.8万元 or a question mark is part of a headline).
RELATED = ("相关阅读：\n"
           "某快递公司回应丢件：已赔偿并致歉\n"
           "2.8万元误转事件后续｜银行：退款诉求已解决\n"
           "\n"
           "学生满意吗?｜调查结果\n")


def _marked(view: str) -> list[str]:
    return [view[s:e] for s, e, _why in find_boilerplate(view, rules_of("boilerplate"))]


def test_related_heading_takes_the_headlines_listed_under_it():
    article = "昨日，市民反映小区停水一事引发关注。"
    view = article + "\n" + RELATED
    assert _marked(view) == [RELATED.rstrip("\n")]


def test_related_list_ends_at_the_next_paragraph_of_the_article():
    after = "记者从该公司获悉，维修工作已于今日上午完成，供水将在下午全面恢复。"
    view = "昨日，小区停水。\n" + RELATED + after
    assert _marked(view) == [RELATED.rstrip("\n")]
    ct = clean_text(view)
    at = ct.view.index("记者从该公司获悉")
    assert not any(s <= at < e for s, e, _ in ct.skip_spans)


def test_related_list_takes_the_teasers_under_its_headlines():
    """A portal's related list gives the opening of each article, cut off with an ellipsis (dev2's d008 lists
    three under 相关文章): a teaser is the other article's words, however long, and is skipped with its headline;
    a paragraph of the article after the list (a sentence, ending with 。) is not."""
    teaser = ("针对网友反映的外卖配送超时问题，平台客服回应称已成立专项小组进行调查，受影响用户可拨打客服热线"
              "400-820-8820申请补偿…")
    related = "相关文章\n外卖平台回应配送超时\n" + teaser + "\n记者获悉涉事教师已停职\n此前有家长在网上发帖称..."
    after = "记者从该公司获悉，维修工作已于今日上午完成，供水将在下午全面恢复。"
    view = "昨日，小区停水。\n" + related + "\n" + after
    assert len(teaser) > 50
    assert _marked(view) == [related]
    assert _marked("昨日，小区停水。\n相关文章\n外卖平台回应配送超时\n" + after) == ["相关文章\n外卖平台回应配送超时"]


def test_related_list_stops_at_a_numbered_heading():
    view = "公司已致歉。\n相关新闻\n某公司致歉\n二、整改措施\n1.全面排查。"
    assert _marked(view) == ["相关新闻\n某公司致歉"]


def test_related_heading_at_the_top_of_a_page_is_that_line_only():
    # Before the article has said anything, the short lines under 猜你喜欢 may be the page's own title.
    view = "猜你喜欢\n汉中一副局长被处分\n镇巴县纪委通报如下。"
    assert _marked(view) == ["猜你喜欢"]


def test_related_heading_with_a_title_on_its_line_is_that_line_only():
    view = "上一篇：中国联通回应携号转网困难\n公司表示将开通专线"
    assert _marked(view) == ["上一篇：中国联通回应携号转网困难"]


def test_a_news_sites_bare_section_heading_takes_its_headlines():
    # 相关报道 / 新闻推荐 (dev2's f010, f011, f014) and 大家都在看 (e005) head lists of other articles; the same
    # words opening a sentence of the article are the article's.
    listed = "相关报道\n·某高铁本周完成铺轨\n·某地回应停水：已恢复供水\n大家都在看\n某公司致歉：将全额退款"
    view = "公司已致歉。\n" + listed
    assert _marked(view) == [listed]
    assert _marked("公司已致歉。\n相关报道发布后，公司立即成立调查组。") == []


def test_app_and_sign_in_prompts_are_site_chrome():
    # The top of a 澎湃 page (dev2 c014) and the prompts of other news sites; a sentence that tells readers to
    # download an app or sign in is the article's.
    view = "下载客户端\n\n登录\n\n沭阳警方自亮家丑。\n打开APP，阅读全文\n返回搜狐，查看更多"
    assert _marked(view) == ["下载客户端", "登录", "打开APP，阅读全文", "返回搜狐，查看更多"]
    assert _marked("公司已致歉。\n用户可下载滴滴App使用打车服务。\n登录官网可查询召回信息。") == []


def test_a_comments_heading_opens_the_comments_section_though_related_lists_share_it():
    # 网友评论 heads related lists too (boilerplate.related); as the comments heading it marks every comment.
    comments = "网友评论\n用户8831：早就该道歉了，必须赔偿消费者损失！\n不吃香菜：建议彻查，严肃处理相关责任人。"
    view = "公司已全面整改。\n" + comments
    assert _marked(view) == [comments]


# A government site's footer (the shape of dev2's c016, written for this test): sponsor line, contact line,
# copyright.
FOOTER = "主办：某某县人民政府 承办：某某县人民政府办公室\n联系电话：0887-1234567 地址：某某县行政中心\nCopyright © 某某县人民政府 版权所有"


def test_a_site_footer_runs_to_the_end_of_the_page():
    view = "县政府已责令涉事企业停业整顿。\n\n" + FOOTER
    assert _marked(view)[0] == FOOTER


def test_a_site_footer_followed_by_the_articles_sentences_is_that_line_only():
    # A sponsor line before more of the article (a page that repeats its footer above the text) marks itself.
    view = "县政府已责令涉事企业停业整顿。\n" + FOOTER.split("\n")[0] + "\n涉事企业已向消费者致歉。"
    assert _marked(view) == [FOOTER.split("\n")[0]]


def test_readers_comments_below_a_site_footer_do_not_end_it():
    # The comments' sentences are not the article's: the footer still takes its contact line.
    comments = "网友评论\n用户8831：早就该道歉了！\n路人甲：希望整改到位。"
    view = "县政府已责令涉事企业停业整顿。\n\n" + FOOTER + "\n" + comments
    ct = clean_text(view)
    at = ct.view.index("0887-1234567")
    assert any(s <= at < e for s, e, _ in ct.skip_spans)
    assert _marked(view)[0].startswith(FOOTER)


def test_a_sponsor_line_at_the_top_of_a_page_is_that_line_only():
    # Before the article has said anything the footer cannot have begun (a site that puts its sponsor on top).
    view = FOOTER.split("\n")[0] + "\n关于停水的情况说明\n县水务局已全面排查管网。"
    assert _marked(view) == [FOOTER.split("\n")[0]]


def test_skip_spans_do_not_nest():
    # A share line inside a related list is marked by its own rule too; the list's later headlines must stay
    # skipped for lookups that take the last span starting before a position (the clause units).
    from extractor.candidates.units import find_units
    text = "公司已全面整改。\n相关阅读\n扫描微信,添加好友\n某公司致歉：已全额赔偿\n"
    ct = clean_text(text)
    assert all(a[1] <= b[0] for a, b in zip(ct.skip_spans, ct.skip_spans[1:]))
    units = find_units(ct.text, [], [(s, e) for s, e, _ in ct.skip_spans])
    assert [ct.text[u.start:u.end] for u in units if not u.skip] == ["公司已全面整改。"]


def test_outermost_keeps_the_enclosing_span():
    from extractor.clean.spans import outermost
    spans = [(10, 20, "share"), (0, 50, "list"), (40, 80, "tail"), (0, 50, "duplicate")]
    assert outermost(spans) == [(0, 50, "list"), (50, 80, "tail")]


def test_skip_spans_carry_reason():
    ct = clean_text("扫描微信,添加好友\n公司已全面整改。")
    assert ct.skip_spans == [(0, 9, "boilerplate:boilerplate.share")]


# A post saved from WeChat, written for these tests in the shape of the platform's pages: the account's time stamp
# and a follow line above the article, the app's interface under it.
WECHAT_HEAD = "原创 某某发布 某某发布 2023-05-21 18:30 发表于北京\n点击上方蓝字关注我们\n"
WECHAT_FOOT = "预览时标签不可点\n微信扫一扫\n关注该公众号\n继续滑动看下一个\n轻触阅读原文\n知道了\n取消\n允许\n"


def test_a_time_stamp_line_is_boilerplate_but_a_timeline_row_or_an_event_is_not():
    page = ("2022-02-21 18:26:02\n| 2017年10月13日 09:30 | 換肝手術主刀到場 |\n"
            "5月21日上午10时20分左右，交警中队在执行任务时发现一辆轿车。")
    clean = clean_text(page)
    assert [(clean.text[s:e], why) for s, e, why in clean.skip_spans] == [
        ("2022-02-21 18:26:02", "boilerplate:boilerplate.dateline")]


def test_an_app_footer_runs_to_the_end_of_the_page():
    body = "关于部分用户无法登录的致歉声明\n我们深表歉意，已对受影响用户补偿一个月会员。\n"
    clean = clean_text(body + WECHAT_FOOT)
    assert (len(body), len(clean.text), "boilerplate:boilerplate.app_footer") in clean.skip_spans


def test_title_candidates_leave_out_boilerplate_lines():
    text = WECHAT_HEAD + "某公司关于部分用户无法登录的致歉声明\n正文"
    rules = [r.pattern for r in rules_of("boilerplate")]
    assert guess_titles(text)[:2] == ["原创 某某发布 某某发布 2023-05-21 18:30 发表于北京", "点击上方蓝字关注我们"]
    assert guess_titles(text, boilerplate=rules) == ["某公司关于部分用户无法登录的致歉声明"]


def test_an_anti_scrape_string_before_a_date_goes_and_the_date_stays_whole():
    # the shape of two dev2 forum pages: the string ends before a number or a watermark, not before Han text
    text = "造成负面影响。\n$ c9 X* O9 h- h) c# t9 G 2020年2月5日,县纪委给予处分。\n& k, [: L; L& \\1 E2 ?' ^TVBNOW 含有"
    clean = clean_text(text)
    assert clean.text == "造成负面影响。\n2020年2月5日,县纪委给予处分。\n^TVBNOW 含有"
