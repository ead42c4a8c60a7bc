"""extract_text(text, format=...): the CLI's stdin detection by default, a file format on request, and strings
that no encoder accepts (lone surrogates) repaired with a warning instead of failing the document."""
from __future__ import annotations

import html
import json

import pytest
from typer.testing import CliRunner

from extractor.cli import app
from extractor.run import Options, extract_text

from conftest import CORPUS, plain_text_statements

OPTIONS = Options(segmenter="none")
STATEMENT = "公司对此深表歉意，现采取以下措施：\n一是全面退还相关费用。\n二是开通客服专线。"
MEASURES = ["全面退还相关费用。", "开通客服专线。"]
FRONT = "---\ntitle: 致歉声明\ndate: 2024-05-01\n---\n"
PAGE = ("<!DOCTYPE html><html><head><title>页面标题</title></head><body><nav>首页 新闻</nav><article>"
        "<p>公司对此深表歉意，现采取以下措施：</p><p>一是全面退还相关费用。</p><p>二是开通客服专线。</p>"
        "</article></body></html>")

# (input, format, expected (format, title, date), expected measure texts)
CASES = [
    pytest.param(STATEMENT, "auto", ("txt", "", ""), MEASURES, id="auto-plain-text"),
    pytest.param(PAGE, "auto", ("html", "页面标题", ""), MEASURES, id="auto-html-page"),
    pytest.param(FRONT + PAGE, "auto", ("html", "致歉声明", "2024-05-01"), MEASURES, id="auto-front-matter-then-html"),
    pytest.param(FRONT + STATEMENT, "auto", ("txt", "致歉声明", "2024-05-01"), MEASURES, id="auto-front-matter-text"),
    pytest.param("# 致歉声明\n\n" + STATEMENT, "auto", ("txt", "致歉声明", ""), MEASURES, id="auto-markdown-heading"),
    pytest.param(json.dumps({"title": "致歉", "text": STATEMENT}, ensure_ascii=False), "auto", ("json", "致歉", ""),
                 MEASURES, id="auto-json-object"),
    pytest.param(PAGE, "html", ("html", "页面标题", ""), MEASURES, id="html"),
    pytest.param("# 致歉声明\n\n" + STATEMENT, "markdown", ("markdown", "致歉声明", ""), MEASURES, id="markdown"),
    pytest.param(json.dumps({"title": "致歉", "text": STATEMENT}, ensure_ascii=False), "json", ("json", "致歉", ""),
                 MEASURES, id="json"),
    pytest.param("# 致歉声明\n\n" + STATEMENT, "text", ("txt", "", ""), MEASURES, id="text"),
]


@pytest.mark.parametrize("text, fmt, doc_fields, measures", CASES)
def test_formats(text, fmt, doc_fields, measures):
    rec = extract_text(text, options=OPTIONS, format=fmt)
    assert rec["status"] == "ok", rec["error"]
    assert (rec["format"], rec["title"], rec["date"]) == doc_fields
    assert [m["text"] for m in rec["measures"] if m["listed"]] == measures


def test_text_keeps_what_markdown_would_strip():
    text = "# 致歉声明\n\n" + STATEMENT
    assert extract_text(text, options=OPTIONS, format="text")["clean_text"].startswith("# 致歉声明")
    assert extract_text(text, options=OPTIONS, format="markdown")["clean_text"].startswith("致歉声明")


@pytest.mark.parametrize("fmt, suffix", [("text", ".txt"), ("markdown", ".md"), ("html", ".html")])
def test_a_named_format_reads_the_string_as_a_file_of_that_kind(tmp_path, fmt, suffix):
    # Front matter above an HTML body (the corpus pages): a .txt file keeps the lines as text, so "text" must too.
    text = FRONT + "<div>\n<p>公司对此深表歉意，现采取以下措施：</p>\n<p>一是全面退还相关费用。</p>\n</div>\n相关阅读\n某公司致歉\n"
    path = tmp_path / ("page" + suffix)
    path.write_text(text, encoding="utf-8")
    from extractor.run import extract_paths
    from_file = next(extract_paths([str(path)], OPTIONS))
    from_string = extract_text(text, options=OPTIONS, format=fmt)
    assert (from_string["format"], from_string["clean_text"]) == (from_file["format"], from_file["clean_text"])


@pytest.mark.parametrize("text", [STATEMENT, PAGE, FRONT + PAGE, FRONT + STATEMENT,
                                  json.dumps({"title": "致歉", "text": STATEMENT}, ensure_ascii=False)],
                         ids=["text", "html", "front-matter-html", "front-matter-text", "json"])
def test_auto_is_what_stdin_gives(text):
    result = CliRunner().invoke(app, ["-", "--jsonl", "--segmenter", "none", "-q"], input=text.encode("utf-8"))
    assert result.exit_code == 0, result.output
    from_stdin = json.loads(result.stdout)
    assert from_stdin.pop("encoding") == "utf-8"  # bytes were decoded; a string has no encoding
    from_string = extract_text(text, options=OPTIONS)
    assert from_string.pop("encoding") == ""
    assert from_stdin == from_string


def test_title_and_date_given_replace_the_found_ones():
    rec = extract_text(FRONT + STATEMENT, title="另一个标题", options=OPTIONS)
    assert (rec["title"], rec["date"]) == ("另一个标题", "2024-05-01")


def test_an_empty_string_is_an_empty_record_not_an_error():
    rec = extract_text("", options=OPTIONS)
    assert (rec["status"], rec["measures"]) == ("ok", [])


@pytest.mark.parametrize("fmt", ["text", "auto", "html"])
def test_a_string_of_markup_only_is_an_empty_record_with_a_warning(fmt):
    # found by the whole-pipeline property test ('<A><?>'): as for an empty string, nothing to find is no error
    # for a string; a file of it is one (tests/load/test_load.py)
    rec = extract_text("<A><?>", doc_id="h.txt", options=OPTIONS, format=fmt)
    assert (rec["status"], rec["measures"]) == ("ok", [])
    assert rec["warnings"] == ["no text left after removing markup"]


def test_unknown_format_is_a_value_error():
    with pytest.raises(ValueError, match="unknown format 'pdf'"):
        extract_text(STATEMENT, format="pdf")


def test_several_json_documents_are_a_value_error():
    with pytest.raises(ValueError, match="holds 2 documents"):
        extract_text(json.dumps([{"text": "一"}, {"text": "二"}]), options=OPTIONS)


@pytest.mark.parametrize("text, fmt", [
    pytest.param(STATEMENT + "\n\ud800", "auto", id="lone-surrogate-in-the-string"),
    pytest.param(json.dumps({"text": STATEMENT + "\n\ud800"}), "json", id="json-escape"),
])
def test_lone_surrogate_is_repaired_with_a_warning(text, fmt):
    rec = extract_text(text, options=OPTIONS, format=fmt)
    assert rec["status"] == "ok", rec["error"]
    assert "invalid code points replaced (1 lone surrogate)" in rec["warnings"]
    assert rec["clean_text"].endswith("\n\ufffd") and [m["text"] for m in rec["measures"]] == MEASURES
    json.dumps(rec, ensure_ascii=False).encode("utf-8")  # writable as UTF-8


@pytest.mark.parametrize("name", [p.name for p in plain_text_statements()])
def test_a_page_read_as_html_gives_the_measures_it_gives_as_text(name):
    # The same page as a site serves it (one <p> per line, so single line ends where the text file has blank
    # lines): lists, items and measures may not hang on how paragraphs are separated.
    text = (CORPUS / name).read_text(encoding="utf-8")
    page = "<html><body><article>" + "".join(
        f"<p>{html.escape(line)}</p>\n" for line in text.split("\n") if line.strip()) + "</article></body></html>"
    as_text = extract_text(text, format="text", options=OPTIONS)
    as_html = extract_text(page, format="html", options=OPTIONS)
    assert as_text["measures"]
    assert [(m["text"], m["ordinal"], m["listed"]) for m in as_html["measures"]] == \
        [(m["text"], m["ordinal"], m["listed"]) for m in as_text["measures"]]


@pytest.mark.parametrize("path", plain_text_statements(), ids=lambda p: p.name[:3])
def test_a_statement_punctuated_with_ascii_full_stops_gives_the_same_record(path):
    """Pages converted by some sites end Chinese sentences with '.': the same statement written that way keeps its
    measures (the same offsets), its organization and its numbers; read as one sentence per line, its measures
    had run together."""
    text = path.read_text(encoding="utf-8")
    assert text.count("。") >= 5
    ref = extract_text(text, doc_id=path.name, options=OPTIONS)
    ascii_stops = extract_text(text.replace("。", "."), doc_id=path.name, options=OPTIONS)
    assert ref["measures"]
    spans = [(m["start"], m["end"]) for m in ref["measures"]]
    assert [(m["start"], m["end"]) for m in ascii_stops["measures"]] == spans
    for key in ("is_statement", "company", "hotlines", "findings"):
        assert ascii_stops[key] == ref[key]
