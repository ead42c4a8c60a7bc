"""The HTML review report (issue 12): escaping, highlights at the record's offsets, overlapping values, empty and
error-only inputs, records without text, the CLI options and the Python API. The page itself is checked in a
real browser in test_report_browser.py."""
import json
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

import extractor
from extractor.cli import app
from extractor.output.report_doc import Highlight, highlights, render_document, render_text
from report_samples import NASTY, nasty_record

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus"


class ViewParser(HTMLParser):
    """Reads a document view: the text of .xr-text, and per highlight key its first piece's attributes and the
    text of all its pieces."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, dict]] = []
        self.text: list[str] = []
        self.first: dict[str, dict] = {}
        self.pieces: dict[str, list[str]] = {}
        self.tags: list[str] = []
        self.attributes: set[str] = set()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append(tag)
        self.attributes |= set(a)
        if tag == "mark" and "hl" in a.get("class", "").split() and self._in_text():
            key = a["data-k"]
            if "cont" not in a["class"].split():
                assert key not in self.first, f"two first pieces for {key}"
                self.first[key] = a
            self.pieces.setdefault(key, [])
        self.stack.append((tag, a))

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1][0] == tag, f"unbalanced </{tag}>"
        self.stack.pop()

    def handle_data(self, data):
        if self._in_text():
            self.text.append(data)
            for tag, a in self.stack:
                if tag == "mark" and "hl" in a.get("class", "").split():
                    self.pieces[a["data-k"]].append(data)

    def _in_text(self):
        return any("xr-text" in a.get("class", "").split() for _, a in self.stack)


def parse_view(html: str) -> ViewParser:
    p = ViewParser()
    p.feed(html)
    p.close()
    return p


# ---------------------------------------------------------------- the document view


def test_dangerous_text_renders_as_text_never_as_markup():
    rec = nasty_record()
    view = parse_view(render_document(rec))
    assert not {"script", "img", "i", "section"} & set(view.tags[1:])  # only our own section, first
    assert not [a for a in view.attributes if a.startswith("on")]
    assert "".join(view.text) == rec["clean_text"]  # the view's text is the clean text, emoji and CR included


def test_every_value_has_one_highlight_at_the_records_offsets():
    rec = nasty_record()
    view = parse_view(render_document(rec))
    expected = {f"m{i}": m for i, m in enumerate(rec["measures"])} | {f"f{i}": f for i, f in enumerate(rec["findings"])}
    expected |= {f"p{i}": p for i, p in enumerate(rec["parties"])} | {f"h{i}": h for i, h in enumerate(rec["hotlines"])}
    expected |= {"d0": rec["measures"][0]["deadline"]}
    assert set(view.first) == set(expected)
    text = rec["clean_text"]
    for key, value in expected.items():
        first = view.first[key]
        assert (int(first["data-s"]), int(first["data-e"])) == (value["start"], value["end"]), key
        assert "".join(view.pieces[key]) == text[value["start"]:value["end"]], key
        assert f"characters {value['start']}–{value['end']}" in first["title"]


def test_the_sample_has_crossing_values():
    html = render_document(nasty_record())
    # the second finding is cut where the first one ends, and goes on as a continuation piece
    assert html.count('<mark class="hl k-finding" data-k="f1"') == 1
    assert html.count('<mark class="hl k-finding cont" data-k="f1">') == 1


def test_crossing_values_are_split_into_pieces_of_one_value():
    text = "abcdefghij"
    spans = [Highlight("m0", "measure", 2, 7, "r.m"), Highlight("f0", "finding", 5, 9, "r.f")]
    html = render_text(text, spans)
    assert html.count('data-k="f0"') == 2 and html.count('data-k="m0"') == 1  # f0 closed at 7 and reopened
    view = parse_view(f'<div class="xr-text">{html}</div>')
    assert "".join(view.pieces["m0"]) == "cdefg" and "".join(view.pieces["f0"]) == "fghi"


def test_equal_and_empty_spans_still_get_their_mark():
    spans = [Highlight("p0", "party", 1, 3, "r.p"), Highlight("h0", "hotline", 1, 3, "r.h"),
             Highlight("d0", "deadline", 2, 2, "r.d")]
    view = parse_view(f'<div class="xr-text">{render_text("abcd", spans)}</div>')
    assert set(view.first) == {"p0", "h0", "d0"} and "".join(view.text) == "abcd"
    assert "".join(view.pieces["d0"]) == ""


def test_values_outside_the_text_are_listed_not_marked():
    rec = nasty_record()
    rec["hotlines"][0].update(start=10_000, end=10_005)
    html = render_document(rec)
    assert "1 value(s) with offsets outside the text are not marked: h0" in html
    assert "h0" not in parse_view(html).first


def test_record_without_text_says_so():
    rec = nasty_record()
    del rec["clean_text"]  # as --no-text writes it
    html = render_document(rec)
    assert "--no-text" in html and 'class="xr-text"' not in html
    assert "退还费用" in html  # the measures are still listed


def test_error_record_shows_its_error():
    html = render_document({"doc_id": "bad.txt", "status": "error", "error": "bad.txt: binary file <NUL>",
                            "measures": [], "clean_text": ""})
    assert "Not processed: bad.txt: binary file &lt;NUL&gt;" in html


def test_traditional_text_keeps_its_script_and_language():
    rec = nasty_record(script="traditional", clean_text=NASTY.replace("退还", "退還"))
    rec["measures"][0]["text"] = rec["clean_text"][rec["measures"][0]["start"]:rec["measures"][0]["end"]]
    html = render_document(rec)
    assert 'lang="zh-Hant"' in html and "退還費用" not in html and "退還" in html


def test_display_returns_an_object_jupyter_renders():
    view = extractor.display(nasty_record())
    html = view._repr_html_()
    assert html.startswith("<div><style>") and 'data-k="m0"' in html and ".xr-doc" in html
    record = extractor.extract_text("公司深表歉意，采取以下措施：\n一是全面回退异常扣费。\n二是开通服务专线10015-6。",
                                    doc_id="x.txt", options=extractor.Options(segmenter="char"))
    assert len(parse_view(extractor.display(record).html).first) == len(highlights(record))


# ---------------------------------------------------------------- the whole report


def _doc_blocks(page: str) -> list[str]:
    return re.findall(r'<script type="text/x-xr-doc" id="xr-doc-\d+">(.*?)</script>', page, re.S)


def _data(page: str) -> dict:
    return json.loads(re.search(r'<script type="application/json" id="xr-data">(.*?)</script>', page, re.S).group(1))


def test_report_escapes_every_document_string(tmp_path):
    rec = nasty_record()
    page = extractor.report([rec], tmp_path / "r.html").read_text(encoding="utf-8")
    # three script elements, all ours: the document block, the data, the page script
    assert page.count("<script") == 3 and len(_doc_blocks(page)) == 1
    assert "<title>extractor report: 1 documents</title>" in page
    assert "window.__pwned" not in page.split("<script>", 1)[1]  # nothing of the document in the page script
    assert "".join(parse_view(_doc_blocks(page)[0]).text) == rec["clean_text"]
    data = _data(page)
    assert data["docs"][0]["title"] == rec["title"] and data["docs"][0]["company"] == "<i>某公司</i>"
    assert data["docs"][0]["warnings"] == rec["warnings"]
    assert 'http-equiv="Content-Security-Policy"' in page and "default-src 'none'" in page


def test_report_of_no_records_is_a_page_saying_so(tmp_path):
    page = extractor.report([], tmp_path / "empty.html").read_text(encoding="utf-8")
    assert "No documents" in page and _data(page)["docs"] == [] and _doc_blocks(page) == []


def test_report_of_error_only_records_lists_the_errors(tmp_path):
    recs = [{"doc_id": f"e{i}.txt", "path": f"e{i}.txt", "status": "error", "error": f"e{i}.txt: empty file",
             "measures": [], "findings": [], "parties": [], "hotlines": [], "warnings": [], "clean_text": ""}
            for i in range(3)]
    page = extractor.report(recs, tmp_path / "errors.html").read_text(encoding="utf-8")
    docs = _data(page)["docs"]
    assert [d["error"] for d in docs] == ["e0.txt: empty file", "e1.txt: empty file", "e2.txt: empty file"]
    assert "<b>3</b> failed" in page and "no measures" in page  # charts in their empty state
    assert all("Not processed" in block for block in _doc_blocks(page))


def test_report_streams_records_and_writes_the_file_only_at_close(tmp_path):
    path = tmp_path / "r.html"
    writer = extractor.output.ReportWriter(path)
    writer.write(nasty_record())
    assert not path.exists()
    writer.close()
    assert path.exists() and not (tmp_path / "r.html.tmp").exists()


def test_corpus_report_has_one_highlight_per_value(tmp_path):
    records = list(extractor.extract_paths([str(CORPUS)], extractor.Options(segmenter="char")))
    page = extractor.report(records, tmp_path / "corpus.html").read_text(encoding="utf-8")
    blocks = _doc_blocks(page)
    assert len(blocks) == 5
    for rec, block in zip(records, blocks):
        view = parse_view(block)
        assert "".join(view.text) == rec["clean_text"]
        n_deadlines = sum(1 for m in rec["measures"] if m.get("deadline"))
        assert len(view.first) == (len(rec["measures"]) + len(rec["findings"]) + len(rec["parties"])
                                   + len(rec["hotlines"]) + n_deadlines)


# ---------------------------------------------------------------- command line


def _cli(*args):
    return CliRunner().invoke(app, [*map(str, args), "--segmenter", "char"])


def test_out_writes_report_beside_the_tables_and_names_it(tmp_path):
    result = _cli(CORPUS, "--out", tmp_path)
    assert result.exit_code == 0, result.output
    assert (tmp_path / "report.html").exists() and (tmp_path / "organizations.csv").exists()
    assert f"report: {tmp_path / 'report.html'}" in result.stderr


def test_no_report_turns_it_off(tmp_path):
    result = _cli(CORPUS, "--out", tmp_path, "--no-report")
    assert result.exit_code == 0 and not (tmp_path / "report.html").exists()


def test_report_option_alone_writes_only_the_report(tmp_path):
    result = _cli(CORPUS / "000_96c7af21cd661f14.txt", "--report", tmp_path / "sub" / "r.html", "--quiet")
    assert result.exit_code == 0 and result.stdout == ""  # no JSON Lines on stdout when a report is asked for
    assert len(_data((tmp_path / "sub" / "r.html").read_text(encoding="utf-8"))["docs"]) == 1


def test_explain_can_write_the_report_too(tmp_path):
    result = _cli(CORPUS / "000_96c7af21cd661f14.txt", "--explain", "--report", tmp_path / "r.html", "--quiet")
    assert result.exit_code == 0 and "rule=ordinal.yi_shi" in result.stdout
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert _data(page)["docs"][0]["n"][0] > 0 and 'class="xr-text"' in _doc_blocks(page)[0]


def test_report_with_no_text_records_says_so(tmp_path):
    result = _cli(CORPUS / "000_96c7af21cd661f14.txt", "--report", tmp_path / "r.html", "--no-text", "--quiet")
    assert result.exit_code == 0
    assert "--no-text" in _doc_blocks((tmp_path / "r.html").read_text(encoding="utf-8"))[0]


def test_empty_folder_gives_a_report_with_its_error(tmp_path):
    (tmp_path / "in").mkdir()
    result = _cli(tmp_path / "in", "--report", tmp_path / "r.html", "--quiet")
    assert result.exit_code == 1
    docs = _data((tmp_path / "r.html").read_text(encoding="utf-8"))["docs"]
    assert len(docs) == 1 and docs[0]["status"] == "error" and "no supported files" in docs[0]["error"]


@pytest.mark.parametrize("args", [["--report", "r.html", "--no-report"], ["--report", "r.html", "--engine", "dask",
                                                                          "--out", "o"]])
def test_conflicting_report_options_are_usage_errors(tmp_path, args):
    result = _cli(CORPUS, *[str(tmp_path / a) if a in ("r.html", "o") else a for a in args])
    assert result.exit_code == 2 and "--report" in result.stderr


def test_import_extractor_and_the_report_stay_light():
    code = ("import sys, extractor; extractor.report; extractor.display; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in {'spacy', 'pandas', 'opencc', 'numpy'}))")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0 and proc.stdout.strip() == "[]", proc.stderr
