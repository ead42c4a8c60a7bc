"""Loading: every format, front matter, Markdown, JSON records, sources and every kind of bad input."""
from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest

from extractor.load import LoadedDoc, Source, iter_sources, load_source
from extractor.load.frontmatter import FrontMatterError, split_front_matter
from extractor.load.markdown_text import decode_escapes, strip_markdown, unwrap_feed

FUZZ = Path(__file__).parents[1] / "fuzz"
CORPUS = Path(__file__).parents[2] / "corpus"


def load_one(path: Path, **kw) -> LoadedDoc:
    docs = load_source(Source(path.name, str(path)), **kw)
    assert len(docs) == 1
    return docs[0]


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


# --- formats ---------------------------------------------------------------------------------------------

def test_load_txt(tmp_path):
    doc = load_one(write(tmp_path, "a.txt", "中国联通致歉\r\n\r\n一是迅速进行回退处理；\r\n二是设立客服专线。\r\n"))
    assert (doc.format, doc.encoding, doc.error) == ("txt", "utf-8", None)
    assert doc.text == "中国联通致歉\n一是迅速进行回退处理；\n二是设立客服专线。"


def test_load_markdown_front_matter(tmp_path):
    md = ("---\ntitle: \"中国联通就异常扣费再致歉\"\ndate: 2022-05-11\nauthor: 证券时报网\nzip: 010\n"
          "categories:\n - 金融\n - 要闻\ntags: [联通, 扣费]\nurl: https://example.com/a\n---\n\n"
          "# 情况说明\n\n针对用户**异常扣费**一事，[中国联通](https://example.com)发布说明。\n\n"
          "![图片](https://example.com/a.png)\n\n1. 迅速进行回退处理；\n2. 设立客服专线。\n")
    doc = load_one(write(tmp_path, "a.md", md))
    assert doc.format == "markdown"
    assert (doc.title, doc.date, doc.author, doc.url) == ("中国联通就异常扣费再致歉", "2022-05-11", "证券时报网",
                                                         "https://example.com/a")
    assert (doc.categories, doc.tags) == (["金融", "要闻"], ["联通", "扣费"])
    assert doc.text == "情况说明\n针对用户异常扣费一事，中国联通发布说明。\n1. 迅速进行回退处理；\n2. 设立客服专线。"


def test_front_matter_values_stay_strings():
    fm = split_front_matter("---\nzip: 010\nhotline: 10015\ncomments: false\n---\n正文")
    assert fm.meta == {"zip": "010", "hotline": "10015", "comments": "false"}


def test_txt_with_front_matter_after_blank_line_and_inline_html(tmp_path):
    """Like corpus/000: a .txt holding front matter (preceded by a blank line) and an HTML body."""
    content = ("\n---\ntitle: '中国联通就异常扣费再致歉：已全面回退'\ncategories: \n - 金融\nauthor: 证券时报网\n"
               "date: Wed, 11 May 2022 14:31:00 GMT\n---\n\n<div>\n<p>针对用户异常扣费一事，<a href=\"x\">中国联通</a>"
               "官方微博发布说明。</p>\n<p>一是迅速进行回退处理。</p></div>\n")
    doc = load_one(write(tmp_path, "000.txt", content))
    assert (doc.format, doc.title, doc.categories) == ("txt", "中国联通就异常扣费再致歉：已全面回退", ["金融"])
    assert doc.text == "针对用户异常扣费一事，中国联通官方微博发布说明。\n一是迅速进行回退处理。"


def test_jekyll_front_matter(tmp_path):
    md = "---\nlayout: post\ntitle:  南大文学院回应\ndate:   2018-04-07\ncategories: Archive\ntags: 高岩之死\n---\n正文"
    doc = load_one(write(tmp_path, "a.md", md))
    assert (doc.title, doc.date, doc.categories, doc.tags) == ("南大文学院回应", "2018-04-07", ["Archive"], ["高岩之死"])


def test_markdown_heading_and_date_header(tmp_path):
    doc = load_one(write(tmp_path, "a.md", "# 拼多多致歉声明\n\n2021-01-04\n\n以下为公告原文："))
    assert (doc.title, doc.date) == ("拼多多致歉声明", "2021-01-04")
    assert doc.text == "拼多多致歉声明\n2021-01-04\n以下为公告原文："


def test_a_txt_file_that_is_a_markdown_dump_is_read_as_markdown(tmp_path):
    """Archives and crawlers save pages as Markdown under .txt (14 of dev2's pages: a '# ' headline, images and
    links in Markdown syntax): the headline is the title and the syntax goes, as for a .md file. One Markdown-like
    mark alone (a '# ' line, a '**' pair) is not enough: a plain text keeps what it wrote."""
    dump = ("# 奇客资讯｜某公司回应扫描浏览器数据\n\n公司表示，此举是为了防止恶意登录。\n\n"
            "![图片](https://example.com/a.png)\n\n[原文链接](https://example.com/x)\n")
    doc = load_one(write(tmp_path, "dump.txt", dump))
    assert (doc.format, doc.title) == ("txt", "奇客资讯｜某公司回应扫描浏览器数据")
    assert doc.text == "奇客资讯｜某公司回应扫描浏览器数据\n公司表示，此举是为了防止恶意登录。\n原文链接"
    plain = load_one(write(tmp_path, "plain.txt", "# 第一条\n公司已道歉。"))
    assert (plain.title, plain.text) == ("", "# 第一条\n公司已道歉。")


def test_markdown_feed_wrapper_and_escapes(tmp_path):
    md = ("# 标题\n\n2022-01-13\n\n[{'type': 'text/html', 'language': None, 'base': 'https://example.com/feed', "
          "'value': '\\u3000\\u3000西安市卫健委通报：\n\n对涉事医院停业整顿3个月。\n\n'}]\n")
    doc = load_one(write(tmp_path, "a.md", md))
    assert doc.text == "标题\n2022-01-13\n西安市卫健委通报：\n对涉事医院停业整顿3个月。"


MARKDOWN_CASES = [
    ("heading", "## 整改措施", "整改措施"),
    ("image dropped", "![GitHub](https://example.com/a.png)截图", "截图"),
    ("link text kept", "[南京大学文学院通告](http://example.com/a.html)", "南京大学文学院通告"),
    ("link with parentheses in url", "[通告](http://example.com/a_(1).html)", "通告"),
    ("strong", "学校和张鹏向受害者**道歉**；", "学校和张鹏向受害者道歉；"),
    ("emphasis", "*增设*性别教育公开课", "增设性别教育公开课"),
    ("bullet", "* 增设性别教育公开课；", "• 增设性别教育公开课；"),
    ("numbered kept", "1. 决定给予张鹏警告处分", "1. 决定给予张鹏警告处分"),
    ("quote", "> 我们谨致上萬分歉意", "我们谨致上萬分歉意"),
    ("rule", "---", ""),
    # cells apart by a space the cleaner keeps (HTML tables' CELL_SEPARATOR); a 序号 column's number is a marker
    ("table", "| 2017年9月 | 安排手术 |\n| --- | --- |", "2017年9月\u3000安排手术\n"),
    ("numbered table", "| 序号 | 整改措施 | 完成时限 |\n|---|---|---|\n| 1 | 立案调查 | 已完成 |\n| 12 | 专项检查 | 8月底 |",
     "序号\u3000整改措施\u3000完成时限\n\n1. 立案调查\u3000已完成\n12. 专项检查\u30008月底"),
    ("shortcode", '{{< video src="https://example.com/v" >}}', ""),
    ("escaped pipe", "自如甲醛又超标\\|新京报快评", "自如甲醛又超标|新京报快评"),
]


@pytest.mark.parametrize("case,md,expected", MARKDOWN_CASES, ids=[c[0] for c in MARKDOWN_CASES])
def test_strip_markdown(case, md, expected):
    assert strip_markdown(md) == expected


def test_unwrap_feed_without_wrapper_is_identity():
    assert unwrap_feed("普通文本 [{'a': 1}]") == "普通文本 [{'a': 1}]"


@pytest.mark.parametrize("raw,expected", [("\\u3000\\u3000通报称", "\u3000\u3000通报称"),
                                          ("视频 \\xa0称", "视频 \xa0称"),
                                          ("路径 C:\\u0041dir", "路径 C:\\u0041dir")])
def test_decode_escapes(raw, expected):
    assert decode_escapes(raw) == expected


def test_load_html_file(tmp_path):
    page = ("<html><head><title>致歉声明</title><meta name='publishdate' content='2022-05-10'></head><body>"
            "<nav><a href='/'>首页</a></nav><div class='content'><p>我们深表歉意。</p><ul><li>全额退款</li>"
            "<li>开通专线</li></ul></div><div class='footer'>版权所有</div></body></html>")
    doc = load_one(write(tmp_path, "a.html", page))
    assert (doc.format, doc.title, doc.date) == ("html", "致歉声明", "2022-05-10")
    assert doc.text == "我们深表歉意。\n• 全额退款\n• 开通专线"


def test_load_jsp_page_as_markup(tmp_path):
    page = ('<%@ page pageEncoding="UTF-8"%>\n<html><head><title>奥的斯回应</title></head><body>'
            "<div id='conBody'><h1>奥的斯回应</h1><p><P>奥的斯立即成立了紧急工作小组。</P></p></div></body></html>")
    doc = load_one(write(tmp_path, "a.jsp", page))
    assert doc.format == "html"
    assert doc.text == "奥的斯回应\n奥的斯立即成立了紧急工作小组。"


def test_markup_extension_without_markup_is_plain_text_with_warning(tmp_path):
    doc = load_one(write(tmp_path, "a.php", "公司将全面整改。"))
    assert (doc.format, doc.text) == ("txt", "公司将全面整改。")
    assert doc.warnings == ["no markup found in a .php file: read as plain text"]


def test_load_gbk_file(tmp_path):
    doc = load_one(write(tmp_path, "a.txt", "一是迅速进行回退处理。\r\n二是设立客服专线。".encode("gbk")))
    assert (doc.encoding, doc.text) == ("gb18030", "一是迅速进行回退处理。\n二是设立客服专线。")


def test_load_big5_markdown(tmp_path):
    doc = load_one(write(tmp_path, "a.md", "---\ntitle: 順豐致歉\n---\n我們謹致上萬分歉意。".encode("big5")))
    assert (doc.encoding, doc.title, doc.text) == ("big5", "順豐致歉", "我們謹致上萬分歉意。")


def test_load_jsonl_records(tmp_path):
    lines = [{"id": "n1", "title": "致歉", "text": "我们深表歉意。"}, {"content": "<p>一是退款</p><p>二是专线</p>"},
             {"body": "暂停相关业务。", "date": "2022-05-10", "url": "https://example.com/3"}]
    path = write(tmp_path, "news.jsonl", "\n".join(json.dumps(x, ensure_ascii=False) for x in lines) + "\n")
    docs = load_source(Source("news.jsonl", str(path)))
    assert [d.doc_id for d in docs] == ["news.jsonl#n1", "news.jsonl#2", "news.jsonl#3"]
    assert [d.text for d in docs] == ["我们深表歉意。", "一是退款\n二是专线", "暂停相关业务。"]
    assert (docs[0].title, docs[2].date, docs[2].url, docs[1].format) == ("致歉", "2022-05-10",
                                                                          "https://example.com/3", "json")


def test_load_json_object_and_list(tmp_path):
    one = load_one(write(tmp_path, "one.json", json.dumps({"title": "通报", "text": "对相关责任人严肃问责。"})))
    assert (one.doc_id, one.title, one.text) == ("one.json", "通报", "对相关责任人严肃问责。")
    many = load_source(Source("many.json", str(write(tmp_path, "many.json", json.dumps(
        [{"text": "全额退款。"}, {"id": 7, "text": "开通专线。"}], ensure_ascii=False)))))
    assert [d.doc_id for d in many] == ["many.json#1", "many.json#7"]


# The shapes crawlers, archivers and exporters write: (file content, doc ids, titles, texts, dates, urls)
EXPORTER_SHAPES = [
    pytest.param({"title": "召回公告", "maintext": "免费更换安全气囊。", "date_publish": "2024-07-22 10:00:00",
                  "url": "https://example.com/a"},
                 ["x.json"], ["召回公告"], ["免费更换安全气囊。"], ["2024-07-22 10:00:00"], ["https://example.com/a"],
                 id="news-please"),
    pytest.param({"title": "致歉", "raw_text": "全额退款。", "text": None}, ["x.json"], ["致歉"], ["全额退款。"], [""],
                 [""], id="trafilatura-raw-text"),
    pytest.param({"标题": "情况通报", "正文": "对涉事人员停职调查。", "发布时间": "2024年7月22日"}, ["x.json"], ["情况通报"],
                 ["对涉事人员停职调查。"], ["2024年7月22日"], [""], id="chinese-keys"),
    pytest.param({"id": 5, "title": {"rendered": "致歉声明"}, "content": {"rendered": "<p>一是退款</p><p>二是专线</p>"},
                  "link": "https://example.com/?p=5"},
                 ["x.json"], ["致歉声明"], ["一是退款\n二是专线"], [""], ["https://example.com/?p=5"],
                 id="wordpress-rest-rendered"),
    pytest.param({"code": 0, "data": {"title": "整改通报", "article": "开展专项排查。", "pub_time": "2024-07-22"}},
                 ["x.json"], ["整改通报"], ["开展专项排查。"], ["2024-07-22"], [""], id="api-envelope"),
    pytest.param({"took": 3, "hits": {"total": 2, "hits": [
        {"_id": "a1", "_source": {"title": "致歉", "content": "全额退款。", "url": "https://example.com/1"}},
        {"_id": "a2", "_source": {"title": "通报", "content": "停职调查。"}}]}},
                 ["x.json#a1", "x.json#a2"], ["致歉", "通报"], ["全额退款。", "停职调查。"], ["", ""],
                 ["https://example.com/1", ""], id="elasticsearch-dump"),
    pytest.param({"status": "ok", "articles": [{"title": "致歉", "fulltext": "全额退款。"}, {"title": "通报", "body": "停职。"}]},
                 ["x.json#1", "x.json#2"], ["致歉", "通报"], ["全额退款。", "停职。"], ["", ""], ["", ""],
                 id="records-under-a-key"),
]


@pytest.mark.parametrize("content, ids, titles, texts, dates, urls", EXPORTER_SHAPES)
def test_json_of_common_exporters_is_read(tmp_path, content, ids, titles, texts, dates, urls):
    docs = load_source(Source("x.json", str(write(tmp_path, "x.json", json.dumps(content, ensure_ascii=False)))))
    assert [d.error for d in docs] == [None] * len(ids)
    assert ([d.doc_id for d in docs], [d.title for d in docs], [d.text for d in docs]) == (ids, titles, texts)
    assert ([d.date for d in docs], [d.url for d in docs]) == (dates, urls)


def test_a_text_written_as_a_list_of_paragraphs_is_read_and_a_bad_record_in_a_list_is_its_own_error(tmp_path):
    content = {"items": [{"title": "致歉", "text": ["我们深表歉意。", "一是全额退款。"]}, "不是记录"]}
    docs = load_source(Source("x.json", str(write(tmp_path, "x.json", json.dumps(content, ensure_ascii=False)))))
    assert [d.doc_id for d in docs] == ["x.json#1", "x.json#2"]
    assert (docs[0].error, docs[0].text) == (None, "我们深表歉意。\n一是全额退款。")
    assert docs[1].error.endswith("x.json[2]: record is a JSON str, not an object")


def test_an_object_without_text_holding_no_list_of_records_is_one_bad_record(tmp_path):
    """An envelope without a text inside, or a list of strings under a list key, is no record: one error line."""
    for content in ({"data": {"title": "致歉"}}, {"items": ["全额退款。"]}):
        (doc,) = load_source(Source("x.json", str(write(tmp_path, "x.json", json.dumps(content, ensure_ascii=False)))))
        assert doc.error.endswith("no text field (expected text, content, body, maintext, raw_text, article, "
                                  "fulltext or 正文)")


RSS = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel><title>某某网</title>\n"
       "<item><title>关于系统故障的致歉声明</title><link>https://example.com/1</link>"
       "<pubDate>Mon, 22 Jul 2024 10:00:00 +0800</pubDate><description><![CDATA[<p>我们深表歉意。</p><p>一是全额退款；</p>"
       "<p>二是开通专线。</p>]]></description></item>\n"
       "<item><title>年中工作会议</title><link>https://example.com/2</link><description>&lt;p&gt;公司召开会议。&lt;/p&gt;"
       "</description></item>\n<item><title>只有标题</title></item></channel></rss>")
ATOM = ("<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\"><title>某某公司</title><entry>"
        "<title>致歉声明</title><link href=\"https://example.com/a1\"/><updated>2024-07-22T10:00:00+08:00</updated>"
        "<content type=\"html\">&lt;p&gt;一是全额退款；&lt;/p&gt;&lt;p&gt;二是全面排查。&lt;/p&gt;</content></entry></feed>")


def test_a_feed_is_a_document_per_item(tmp_path):
    """RSS: an item's HTML in CDATA or entity-escaped, its title, link and date; an item without a text is its own
    error. Atom: a link's href, the updated date, escaped HTML content."""
    docs = load_source(Source("feed.xml", str(write(tmp_path, "feed.xml", RSS))))
    assert [d.doc_id for d in docs] == ["feed.xml#1", "feed.xml#2", "feed.xml#3"]
    assert [d.text for d in docs[:2]] == ["我们深表歉意。\n一是全额退款；\n二是开通专线。", "公司召开会议。"]
    assert (docs[0].title, docs[0].url, docs[0].date) == ("关于系统故障的致歉声明", "https://example.com/1",
                                                          "Mon, 22 Jul 2024 10:00:00 +0800")
    assert docs[2].error.endswith("feed.xml[3]: feed item without a text (description, content)")
    (entry,) = load_source(Source("atom.xml", str(write(tmp_path, "atom.xml", ATOM))))
    assert (entry.doc_id, entry.text, entry.url, entry.date) == ("atom.xml#1", "一是全额退款；\n二是全面排查。",
                                                                 "https://example.com/a1", "2024-07-22T10:00:00+08:00")


def test_load_stdin(monkeypatch):
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO("# 致歉声明\n\n一是全额退款。".encode("gbk"))))
    (doc,) = load_source(Source("-", "-"))
    assert (doc.doc_id, doc.encoding, doc.title, doc.text) == ("-", "gb18030", "致歉声明", "致歉声明\n一是全额退款。")


def test_load_stdin_json(monkeypatch):
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(b'{"text": "ok"}\n{"text": "two"}\n')))
    assert [d.doc_id for d in load_source(Source("-", "-"))] == ["-#1", "-#2"]


# --- sources ---------------------------------------------------------------------------------------------

def test_iter_sources_recursive_sorted_relative_ids(tmp_path):
    for name in ["b.md", "a/z.txt", "a/b.html", "c.json", "skip.docx", ".hidden/x.txt", "a.gold.json",
                 "README.md"]:
        write(tmp_path, name, "x")
    sources = list(iter_sources([str(tmp_path)]))
    assert [s.doc_id for s in sources] == ["a/b.html", "a/z.txt", "b.md", "c.json"]
    assert sources[0].path == os.path.join(str(tmp_path), "a/b.html")


def test_iter_sources_file_and_stdin(tmp_path):
    path = write(tmp_path, "sub/x.txt", "x")
    assert [(s.doc_id, s.path) for s in iter_sources([str(path), "-"])] == [("x.txt", str(path)), ("-", "-")]


# --- bad input: one-line message naming the file ------------------------------------------------------------

def test_path_not_found():
    (doc,) = list(iter_sources(["no/such/file.txt"]))
    assert isinstance(doc, LoadedDoc) and doc.error == "no/such/file.txt: path not found"


def test_folder_without_supported_files(tmp_path):
    write(tmp_path, "a.docx", "x")
    (doc,) = list(iter_sources([str(tmp_path)]))
    assert isinstance(doc, LoadedDoc)
    assert doc.error.startswith(f"{tmp_path}: no supported files in folder")


BAD_FILES = [
    ("empty.txt", b"", "empty file"),
    ("binary.txt", bytes(range(256)) * 4, "binary file (contains NUL bytes)"),
    ("undecodable.txt", bytes((i * 7919 + 13) % 128 + 128 for i in range(3000)),
     "undecodable bytes (not UTF-8, GB18030 or Big5)"),
    ("open.md", "---\ntitle: 致歉声明\ndate: 2022-05-10\n\n我们深表歉意。\n".encode(),
     "malformed front matter: no closing '---'"),
    ("bad.json", b'{"text": "abc",\n "title": }', "malformed JSON at line 2, column 11: Expecting value"),
    ("notext.json", '{"title": "致歉声明"}'.encode(), "no text field (expected text, content, body, maintext, raw_text, article, fulltext or 正文)"),
    ("list.json", b"[]", "JSON list holds no records"),
    ("scalar.json", b'"just a string"', "JSON holds neither an object nor a list of objects"),
    ("nobody.html", b"<html><head><title>x</title></head></html>", "no text left after removing markup"),
]


@pytest.mark.parametrize("name,content,problem", BAD_FILES, ids=[c[0] for c in BAD_FILES])
def test_bad_file_error_names_file(tmp_path, name, content, problem):
    path = write(tmp_path, name, content)
    doc = load_one(path)
    assert doc.error == f"{path}: {problem}"
    assert "\n" not in doc.error


def test_jsonl_errors_name_the_line(tmp_path):
    path = write(tmp_path, "d.jsonl", '{"text": "一是退款"}\n{"text": \n{"title": "无正文"}\n')
    docs = load_source(Source("d.jsonl", str(path)))
    assert [d.doc_id for d in docs] == ["d.jsonl#1", "d.jsonl#2", "d.jsonl#3"]
    assert docs[0].error is None
    assert docs[1].error.startswith(f"{path}:2: malformed JSON")
    assert docs[2].error == f"{path}:3: no text field (expected text, content, body, maintext, raw_text, article, fulltext or 正文)"


def test_file_too_large(tmp_path):
    path = write(tmp_path, "big.txt", "一是退款。\n" * 200_000)
    doc = load_one(path, max_bytes=1_000_000)
    assert doc.error == f"{path}: file too large (3.2 MB > 1 MB limit)"


def test_long_line_loads_with_warning(tmp_path):
    path = write(tmp_path, "long.txt", "退" * 700_000)  # 2.1 MB of UTF-8 in 700,000 characters
    doc = load_one(path)
    assert doc.error is None and len(doc.text) == 700_000
    assert doc.warnings == ["very long line (2.1 MB without a line break)"]


def test_long_line_below_the_limit_has_no_warning(tmp_path):
    doc = load_one(write(tmp_path, "long.txt", "退" * 600_000))  # 1.8 MB
    assert doc.error is None and doc.warnings == []


def test_invalid_bytes_warning_reaches_document(tmp_path):
    doc = load_one(write(tmp_path, "a.txt", "我们深表歉意".encode() + b"\xff" + "并全面整改".encode()))
    assert doc.error is None and doc.warnings == ["invalid UTF-8 bytes replaced (1)"]


def test_unclosed_rule_followed_by_prose_is_not_front_matter():
    assert split_front_matter("---\n\n正文第一段").found is False


def test_front_matter_error_type():
    with pytest.raises(FrontMatterError):
        split_front_matter("---\ntitle: x\n正文")


# --- fuzz corpus and seeds ---------------------------------------------------------------------------------

@pytest.mark.parametrize("name", sorted(p.name for p in FUZZ.iterdir()))
def test_fuzz_file_loads_without_raising(name):
    docs = load_source(Source(name, str(FUZZ / name)))
    assert docs and all(d.error is None or d.error.startswith(str(FUZZ / name)) for d in docs)
    assert all(d.error is not None or d.text.strip() for d in docs)


@pytest.mark.parametrize("name", sorted(p.name for p in CORPUS.glob("*.txt")))
def test_seed_documents_load_to_text(name):
    doc = load_one(CORPUS / name)
    assert doc.error is None and len(doc.text) > 500
    assert "<p>" not in doc.text and "---" not in doc.text.split("\n")[0]


def test_stdin_keeps_front_matter_when_the_body_is_html(monkeypatch):
    page = ("---\ntitle: 致歉声明\ndate: 2024-05-01\nurl: https://example.com/a\n---\n<!DOCTYPE html><html><body>"
            "<p>我们深表歉意。</p><p>一是全额退款。</p></body></html>")
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(page.encode("utf-8"))))
    (doc,) = load_source(Source("-", "-"))
    assert (doc.format, doc.title, doc.date, doc.url) == ("html", "致歉声明", "2024-05-01", "https://example.com/a")
    assert doc.text == "我们深表歉意。\n一是全额退款。"


def test_json_lone_surrogate_escapes_are_repaired_with_a_warning(tmp_path):
    path = write(tmp_path, "d.jsonl", '{"id": "a\\ud800", "title": "\\udc00致歉", "text": "我们深表歉意\\ud83d。"}\n')
    (doc,) = load_source(Source("d.jsonl", str(path)))
    assert (doc.doc_id, doc.title, doc.text) == ("d.jsonl#a\ufffd", "\ufffd致歉", "我们深表歉意\ufffd。")
    assert doc.warnings == ["invalid code points replaced (3 lone surrogates)"]
