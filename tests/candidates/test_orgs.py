"""Organization-name candidates (candidates/orgs.py): what the rules propose for the company decision."""
from __future__ import annotations

import pytest

from extractor.candidates import find_contacts, find_signals
from extractor.candidates.company import CompanyLexicon
from extractor.candidates.orgs import whole_name
from extractor.clean import clean_text
from extractor.ruleset import load_ruleset

RS = load_ruleset()


def _names(text: str, title: str = "") -> list[str]:
    return [c.name for c in find_contacts(find_signals(clean_text(text, title), title, RS), RS).orgs]


def test_latin_names_are_never_cut():
    """Pieces of a response verb's subject are candidates, but a Latin word stays whole: H&M, not H& or &M."""
    text = ("H&M发布声明称，H&M已将涉事产品下架。H&M表示，H&M将对全部门店进行排查。"
            "Facebook表示，Facebook已修复漏洞，Facebook将通知受影响用户。")
    names = _names(text)
    assert "H&M" in names and "Facebook" in names
    assert not {"H&", "&M", "Fa", "Fac", "Facebo", "book"} & set(names), names


def test_latin_words_in_lower_case_are_no_names():
    """A page quoting English prose: its capitalized words may name someone (Facebook, Reuters), its words in
    lower case do not (the, should, admin) and are no candidates; a name with a capital anywhere stays (iPhone)."""
    text = ("Facebook发表声明，Facebook承认在缅甸的工作不足。声明原文写道：“we should have done more, the "
            "platform was used to incite violence”。据Reuters报道，Facebook将在iPhone应用中加入举报功能。")
    names = _names(text)
    assert {"Facebook", "Reuters", "iPhone"} <= set(names), names
    assert not {"we", "should", "have", "done", "more", "the", "platform", "was", "used"} & set(names), names


def test_a_recurring_subject_and_a_suffixed_name_are_proposed():
    """Brand names without a company suffix recur as subjects (西贝表示); suffixed names are found anywhere,
    and a suffix found late in a long sentence is found all the same."""
    text = ("西贝表示，西贝将全面整改。" + "据了解，" + "这是一段没有任何机构名称的很长的叙述文字，" * 5
            + "涉事门店属于北京西贝餐饮管理有限公司。西贝致歉。")
    names = _names(text)
    assert "西贝" in names
    assert "北京西贝餐饮管理有限公司" in names


def test_the_signature_of_a_notice_names_who_issues_it():
    """An official notice ends with its issuer on a short line above a date (落款); a date inside a sentence or
    a long line above a date is no signature."""
    from extractor.candidates.orgs import signature_lines

    view = ("关于网传我校送餐冲突的情况通报\n近日，网传信息均为不实信息。学校将开通送餐通道。\n"
            "特此通报。\n贵溪市第一中学\n2023年9月12日\n")
    assert signature_lines(view) == ["贵溪市第一中学"]
    assert signature_lines("2023年9月12日，贵溪市第一中学发布通报。\n全文如下") == []
    assert signature_lines("这一行很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长\n二〇二三年九月十二日") == []
    assert find_signals(clean_text(view), "", RS).signed_by == ["贵溪市第一中学"]


def test_a_body_named_once_keeps_its_place_among_the_pieces_of_recurring_names():
    """Two hospitals named over and over give dozens of recurring pieces (高新, 新医院, 国际医学…); the
    commission that issues the notice, named once, is still a candidate."""
    text = ("西安市卫生健康委员会通报：" + "".join(
        f"{h}表示，{h}将配合调查。{h}称，{h}已停业整顿。{h}回应，{h}将整改。"
        for h in ("西安高新医院", "西安国际医学中心医院", "高新国际医学中心", "西安国际医学中心")))
    names = _names(text)
    assert len(names) > 60
    assert "西安市卫生健康委员会" in names


def test_public_bodies_are_proposed_whole():
    """Bureaus and offices that no list of agencies holds end in a body suffix (company.suffix_body:
    …管理局, …办事处, …调查组): the whole name is a candidate, not only its recurring pieces (胜浦, 事处)."""
    text = ("苏州工业园区胜浦街道办事处发布情况通报。胜浦街道办事处表示，已成立工作专班。"
            "南岗区市场监督管理局执法人员到达现场。市联合调查组表示，将公布调查结果。")
    names = _names(text)
    assert {"苏州工业园区胜浦街道办事处", "南岗区市场监督管理局", "市联合调查组"} <= set(names), names


def test_body_suffixes_do_not_change_the_rule_finder():
    """The rule finder, whose pick feeds the statement features, keeps its own suffix lexicon."""
    from extractor.candidates.company import CompanyLexicon, has_long_suffix

    rules = RS.regex("company")
    assert [r.get("kind") for r in rules if r.id == "company.suffix_body"] == ["suffix_body"]
    assert has_long_suffix("胜浦街道办事处", CompanyLexicon(rules, with_bodies=True))
    assert not has_long_suffix("胜浦街道办事处", CompanyLexicon(rules))


def test_the_words_before_a_name_are_not_part_of_it():
    """记者从…获悉, 对此…: the context words that end before a name (company.left_stop) are cut off a suffixed name,
    so no candidate carries them."""
    names = _names("记者从中国农业银行恩施分行获悉，中国农业银行恩施分行表示将整改。")
    assert "中国农业银行恩施分行" in names
    assert not [n for n in names if n.startswith(("记者", "者从", "从中"))], names


def test_a_verb_of_calling_or_going_is_not_part_of_the_name_it_governs():
    """拨打…, 致电…, 联系…, 前往… (consumer advice and news: 拨打属地通信管理局电话, 致电市城市供排水总公司): the body
    called or visited is the name, the verb before it is not (a page of advice had picked 拨打属地通信管理局)."""
    names = _names("消费者可拨打属地通信管理局电话要求调解，或致电市城市供排水总公司，也可前往燃气公司营业厅。")
    assert {"属地通信管理局", "市城市供排水总公司", "燃气公司"} <= set(names), names
    assert not [n for n in names if n.startswith(("拨打", "打属", "致电", "电市", "前往", "往燃"))], names


def test_a_date_character_inside_a_name_does_not_cut_it():
    """日, 月 and 年 end a date before a subject (12日中国联通), but inside a name they are its own."""
    names = _names("这批车辆由日产汽车公司生产，由日立电梯有限公司安装，涉事车辆已召回。")
    assert {"日产汽车公司", "日立电梯有限公司"} <= set(names), names
    assert not [n for n in names if "由" in n], names


def test_the_short_form_a_page_keeps_using_is_proposed():
    """A page names an organization in full once and then by its short form as the subject of what it does
    (腾讯公司 … 腾讯将其定义为 … 腾讯对相关部门): the short form is a candidate; a short form that only ever
    appears inside the full name is not."""
    from extractor.candidates import find_contacts

    text = ("据报道，故障由机房冷却系统引起，腾讯公司随后发布说明。腾讯将其定义为公司一级事故。"
            "为此，腾讯对相关部门和领导进行了严肃问责。")
    orgs = {c.name: c for c in find_contacts(find_signals(clean_text(text), "", RS), RS).orgs}
    assert "腾讯公司" in orgs and "腾讯" in orgs
    assert "suffix_stem" in orgs["腾讯"].sources
    once = "该事故由奥的斯电梯公司负责维护，涉事电梯已停运检修。"
    assert "奥的斯电梯" not in _names(once)


def test_a_name_does_not_run_on_past_a_function_word():
    """Suffixes chain (南京大学 + 文学院), but not across a function word: in 餐饮有限公司为餐饮服务提供者 the
    name ends at 有限公司, although 餐饮 is a suffix too."""
    names = _names("经查，涉事的上海乐园餐饮有限公司为餐饮服务提供者，属于禁止吸烟的室内公共场所。")
    assert "上海乐园餐饮有限公司" in names
    assert not [n for n in names if "有限公司为" in n], names
    assert "南京大学文学院" in _names("南京大学文学院发布声明。南京大学文学院表示将整改。")


def test_a_greeting_names_the_organization_whose_readers_it_greets():
    """A letter to its own players or customers (亲爱的新月魔力玩家, 尊敬的西贝顾客) names the organization in
    the greeting, and a game's notice may name it nowhere else; a greeting with no name (尊敬的各位用户,
    亲爱的朋友们) proposes nothing."""
    text = ("亲爱的新月魔力玩家：\n新月魔力服务器于7月7日意外故障，目前已经修复。"
            "尊敬的各位用户，请重新登录。亲爱的朋友们，感谢理解。")
    names = _names(text)
    assert "新月魔力" in names, names
    assert not {"各位", "各位用户", "朋友们"} & set(names), names


def test_the_one_a_subject_orders_to_act_is_no_subject():
    """要求, 责令, 责成, 督促, 敦促 start a pivot: the body after them is ordered to act (发文要求市卫生局启动调查), so the
    text before the response verb is no organization's name; without the marker the whole run was a candidate."""
    names = _names("卫生署已将医院的报告备查，并正式发文要求市卫生局启动行政调查。卫生署表示，将持续跟进。")
    assert not [n for n in names if "要求" in n], names


def test_a_name_posting_on_its_own_channel_is_proposed():
    """News retell who spoke by where it posted: X在其官方微博就…发表声明, X通过官方微博发布, X于4月27日在其官网…
    The response verb may come long after the name (a quoted topic in between), so the channel is an anchor of
    its own and the name before it a candidate; without it the subject lay outside the verb's window."""
    names = _names("刚刚，蓝鲸咖啡在其官方微博就“多家门店将过期原料重新贴标后继续使用”一事发表致歉声明。"
                   "声明称，涉事门店已全部停业整顿。")
    assert "蓝鲸咖啡" in names, names
    names = _names("北岭电视于4月27日在其官网就第三方数据服务商在电视上违规收集用户信息一事作出回应。"
                   "回应称，已全面停用相关数据服务。")
    assert "北岭电视" in names, names


LEX = CompanyLexicon(RS.regex("company"), with_bodies=True)


@pytest.mark.parametrize("piece, body, whole", [
    # company.name_word: 在 and 据 are context words (在北京…, 据…消息), and characters of words of names
    pytest.param("线科技有限公司", "致歉声明\n……\n北京三快在线科技有限公司\n2024年7月22日", "北京三快在线科技有限公司",
                 id="company.name_word"),
    ("科技有限公司", "上海勾正数据科技有限公司发布声明称，上海勾正数据科技有限公司将配合调查。", "上海勾正数据科技有限公司"),
    # a bracketed place inside a name, and a cut inside a suffix word (有限公司)
    ("限公司", "联想（北京）有限公司回应称，已召回涉事批次。", "联想（北京）有限公司"),
    ("商业有限公司", "海恩斯莫里斯(上海)商业有限公司发布致歉声明。", "海恩斯莫里斯(上海)商业有限公司"),
    ("技有限公司", "某某科技有限公司对此表示歉意。", "某某科技有限公司"),
    # a determiner that does not point opens the name (company.determiner does not match)
    pytest.param("来生活网络科技有限公司", "本来生活网络科技有限公司表示，已为用户退款。", "本来生活网络科技有限公司",
                 id="company.determiner-no-pointing"),
])
def test_the_chosen_name_is_made_whole_where_its_edge_fell_inside_a_word(piece, body, whole):
    assert whole_name(piece, body, LEX) == whole


@pytest.mark.parametrize("name, body", [
    pytest.param("大润发", "对此大润发表示，将全面整改。大润发已下架涉事商品。", id="company.determiner"),  # 此 points
    ("中国农业银行", "记者从中国农业银行获悉，该行已为客户办理退款。"),  # 从 ends the context
    ("卫健委", "我市卫健委通报称，已成立调查组。"),  # 我市 points
    ("华为技术有限公司", "华为技术有限公司发布声明。"),  # nothing before it
])
def test_a_name_cut_where_the_context_ends_stays_as_chosen(name, body):
    assert whole_name(name, body, LEX) == name


def test_a_statement_signed_with_a_name_holding_a_context_word_gets_the_whole_name():
    """End to end: the signature names the company; 在 inside 在线 is no end of the context before it."""
    from extractor import extract_text
    rec = extract_text("致歉声明\n近日，有用户反映外卖订单被重复扣款，我们对此深表歉意。一是已为受影响用户全额退款；"
                       "二是全面排查支付系统。\n北京三快在线科技有限公司\n2024年7月22日")
    assert rec["company"] == "北京三快在线科技有限公司"


def test_a_signature_with_a_one_character_suffix_is_a_candidate():
    """A notice signed by a bureau whose suffix is one character (局, 委): proposed from its signature line, where
    inside a sentence such a suffix is as often a word's end (事件处置 is no 事件处)."""
    text = ("关于翠湖小区停水事件的情况通报\n7月20日，翠湖小区因供水管道爆裂停水。现将事件处置情况通报如下：\n"
            "一、立即组织抢修，连夜完成管道更换。\n二、对供水公司相关责任人进行约谈问责。\n昆明市水务局\n2024年7月22日")
    names = _names(text)
    assert "昆明市水务局" in names
    assert not {"事件处", "现将事件处"} & set(names), names
    from extractor import extract_text
    assert extract_text(text)["company"] == "昆明市水务局"
