"""HTML/markup to text: block boundaries, dropped chrome, entities, metadata, main content, broken markup."""
from __future__ import annotations

import pytest

from extractor.load.html_text import html_to_text, looks_like_markup

TEXT_CASES = [
    # (case, markup, expected text)
    ("paragraphs", "<p>我们对此深表歉意。</p><p>一是迅速进行回退处理。</p>", "我们对此深表歉意。\n一是迅速进行回退处理。"),
    ("br", "一是回退处理<br>二是设立专线<br/>三是问责", "一是回退处理\n二是设立专线\n三是问责"),
    # a list keeps the markers the page shows (the list finder reads them); an item's own marker is not doubled
    ("list items", "<ul><li>退还多收费用</li><li>开通客服专线</li></ul>", "• 退还多收费用\n• 开通客服专线"),
    ("unclosed li", "<ol><li>退还多收费用<li>开通客服专线</ol>", "1. 退还多收费用\n2. 开通客服专线"),
    ("ordered list start", '<ol start="3"><li>退还多收费用</li><li>开通客服专线</li></ol>', "3. 退还多收费用\n4. 开通客服专线"),
    ("item with its own marker", "<ol><li>1、退还多收费用</li><li>二是开通客服专线</li></ol>", "1、退还多收费用\n二是开通客服专线"),
    ("own marker after white space and a tag", "<ol><li>\n      <b>1、</b>退还多收费用<li>\n  2、开通客服专线</ol>",
     "1、退还多收费用\n2、开通客服专线"),
    ("div and headings", "<h2>整改措施</h2><div>成立工作专班</div>", "整改措施\n成立工作专班"),
    ("table rows", "<table><tr><td>一是</td><td>回退处理</td></tr><tr><td>二是</td><td>专线</td></tr></table>",
     "一是\u3000回退处理\n二是\u3000专线"),
    ("numbered table rows", "<table><tr><th>序号</th><th>措施</th></tr><tr><td>1</td><td>回退处理</td></tr>"
     "<tr><td> 2 </td><td>开通专线</td><td>已完成</td></tr><tr><td>2024</td><td>年度计划</td></tr></table>",
     "序号\u3000措施\n1. 回退处理\n2. 开通专线\u3000已完成\n2024\u3000年度计划"),
    ("cdata unwrapped", "<?xml version=\"1.0\"?><doc><body><![CDATA[<p>一是全额退款。</p><p>二是排查。</p>]]></body></doc>",
     "一是全额退款。\n二是排查。"),
    ("entities", "<p>&#8220;服务再升级&#8221;&nbsp;行动&amp;计划</p>", "“服务再升级” 行动&计划"),
    ("script style comment", "<p>已全面回退<script>var x='<p>广告</p>';</script><style>p{}</style><!-- 注释 --></p>",
     "已全面回退"),
    ("nav footer aside form", "<nav>首页</nav><p>正文内容</p><aside>热门</aside><form>搜索</form><footer>版权所有</footer>",
     "正文内容"),
    ("jsp directives", '<%@ page pageEncoding="UTF-8"%><%-- 注释 --%><p>奥的斯将展开全面调查</p><% out.print("x"); %>',
     "奥的斯将展开全面调查"),
    ("source wrapping between han removed", "<p>发生一起\n\t\t<b>交通事故</b>，\n   伤员已送医</p>",
     "发生一起交通事故，伤员已送医"),
    ("spaces between latin kept", "<p>Otis\n  Elevator 回应</p>", "Otis Elevator 回应"),
    ("inline emphasis does not split", "<p>我公司<strong>高度重视</strong>，立即整改。</p>", "我公司高度重视，立即整改。"),
    ("cec xml",
     '<?xml version="1.0"?><Body><Title>两车追尾</Title><Content><Paragraph><Sentence><Event>'
     '<Object>一辆卡车</Object>与\n\t<Object>一辆面包车</Object>发生追尾</Event>。</Sentence></Paragraph>'
     '<Paragraph><Sentence>伤员被送往医院抢救。</Sentence></Paragraph></Content></Body>',
     "一辆卡车与一辆面包车发生追尾。\n伤员被送往医院抢救。"),
]


@pytest.mark.parametrize("case,markup,expected", TEXT_CASES, ids=[c[0] for c in TEXT_CASES])
def test_html_to_text(case, markup, expected):
    assert html_to_text(markup).text == expected


def test_the_cells_of_a_row_stay_apart_in_the_clean_text():
    """A 整改清单 table: the cleaner removes a space between two Chinese characters as wrapping, so cells are set
    apart by one it keeps; the measure column and the deadline column do not run into one phrase."""
    from extractor.clean import clean_text
    markup = ("<table><tr><td>序号</td><td>整改措施</td><td>完成时限</td></tr>"
              "<tr><td>1</td><td>对相关责任人进行严肃问责</td><td>已完成</td></tr></table>")
    assert clean_text(html_to_text(markup).text).text == "序号 整改措施 完成时限\n1. 对相关责任人进行严肃问责 已完成"


def test_keep_newlines_mode_for_markdown_bodies():
    body = "第一段文字\n\n<p>第二段<b>重点</b></p>\n第三段"
    assert html_to_text(body, keep_newlines=True).text == "第一段文字\n第二段重点\n第三段"


def test_unterminated_tag_is_cut_at_line_end():
    body = '来源：<a href="https://example.com/x)\n主题归类：公告\n<p>正文</p>'
    assert html_to_text(body, keep_newlines=True).text == "来源：\n主题归类：公告\n正文"


META_CASES = [
    ("title tag", "<html><head><title>关于异常扣费的情况说明</title></head><body><p>正文</p></body></html>",
     "title", "关于异常扣费的情况说明"),
    ("og:title wins", '<head><title>站点</title><meta property="og:title" content="致歉声明"></head><p>x</p>',
     "title", "致歉声明"),
    ("h1 over site suffix", "<title>致歉声明- 【某某网】</title><body><h1>致歉声明</h1><p>正文</p></body>",
     "title", "致歉声明"),
    ("meta date", '<meta name="publishdate" content="2022-05-11"><p>正文</p>', "date", "2022-05-11"),
    ("article published time", '<meta property="article:published_time" content="2021-09-16T20:39:52">',
     "date", "2021-09-16T20:39:52"),
    ("date in byline", "<body><h1>标题</h1><div><span>发布时间：2011-07-13</span></div><p>正文</p></body>",
     "date", "2011-07-13"),
    ("cec report time", "<Body><Title>追尾</Title><ReportTime>2008-6-7</ReportTime><Content>正文</Content></Body>",
     "date", "2008-6-7"),
    ("author", '<meta name="author" content="证券时报网"><p>正文</p>', "author", "证券时报网"),
    ("canonical url", '<link rel="canonical" href="https://example.com/a"><p>正文</p>', "url", "https://example.com/a"),
]


@pytest.mark.parametrize("case,markup,field,expected", META_CASES, ids=[c[0] for c in META_CASES])
def test_html_metadata(case, markup, field, expected):
    assert getattr(html_to_text(markup), field) == expected


MEASURES = ["一是迅速进行回退处理，确保用户权益不受损害。", "二是迅速设立客服专线10015-6。", "三是对相关责任人严肃问责。"]
PAGE = f"""<!DOCTYPE html><html><head><title>情况说明_某某网</title></head><body>
<div id="topnav"><ul><li><a href="/">首页</a></li><li><a href="/n">新闻中心</a></li><li><a href="/c">联系我们</a></li></ul></div>
<div class="main"><div class="article"><h1>关于异常扣费的情况说明</h1>
<p>近日，部分用户反映宽带包年到期后被异常扣费，我们对此深表歉意。</p><p>公司采取以下措施：</p>
<ul>{''.join(f'<li>{m}</li>' for m in MEASURES)}</ul><p>感谢广大用户的监督。</p>
<div class="related"><ul><li><a href="/1">运营商提速降费新举措</a></li><li><a href="/2">宽带用户投诉指南</a></li>
<li><a href="/3">携号转网全面实施</a></li></ul></div></div>
<div class="comment-box"><p>网友评论：早该整改了</p></div></div>
<div class="footer"><p>版权所有 © 某某网 京ICP备12345678号</p></div></body></html>"""


def test_main_content_keeps_list_items_as_lines():
    lines = html_to_text(PAGE, main_content=True).text.split("\n")
    assert [ln for ln in lines if ln in MEASURES] == MEASURES


@pytest.mark.parametrize("chrome", ["首页", "运营商提速降费新举措", "网友评论", "京ICP备"])
def test_main_content_drops_page_chrome(chrome):
    assert chrome not in html_to_text(PAGE, main_content=True).text


def test_main_content_keeps_short_paragraph_next_to_article_div():
    fragment = "<div><p>" + "我们对此深表歉意，并将全面整改。" * 10 + "</p></div><p>某某公司</p>"
    assert html_to_text(fragment, main_content=True).text.endswith("某某公司")


def test_deeply_nested_page_does_not_recurse():
    markup = "<div>" * 20000 + "<p>一是回退</p>" + "</div>" * 20000
    assert html_to_text(markup, main_content=True).text == "一是回退"


MARKUP = [
    ("html page", "<!DOCTYPE html><html><body>x</body></html>", True),
    ("xml", '<?xml version="1.0"?><Body>x</Body>', True),
    ("fragment", "<div><p>一是</p><p>二是</p></div>", True),
    ("jsp directives only", '<%@ page pageEncoding="UTF-8"%>\n', True),
    ("plain text with angle", "a < b 且 c > d，温度<30度", False),
    ("markdown", "# 标题\n\n正文**重点**", False),
]


@pytest.mark.parametrize("case,text,expected", MARKUP, ids=[c[0] for c in MARKUP])
def test_looks_like_markup(case, text, expected):
    assert looks_like_markup(text) is expected
