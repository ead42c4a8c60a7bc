"""The report in a real browser (issue 12): headless Chromium opens the report of corpus/, runs it without a
console error or a network request, and renders exactly one highlight per extracted value at the record's
offsets; screenshots go to out/screenshots/ (the README shows them, copied to docs/).

Needs Debian's `chromium` and a CJK font (`fonts-wqy-microhei`); .ci/run installs both. Without chromium the
tests are skipped with that reason.
"""
from pathlib import Path

import pytest

import extractor
from extractor.tools.chromium import Chromium, find_chromium
from report_samples import nasty_record

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "out" / "screenshots"

pytestmark = pytest.mark.skipif(find_chromium() is None,
                                reason="chromium is not installed (apt-get install chromium fonts-wqy-microhei)")

# Per value key (as report_doc.highlights names them): how many first pieces, its offsets, the text of its pieces.
READ_VIEW = """(() => {
  const text = document.querySelector('#v-doc .xr-text');
  const out = {text: text ? text.textContent : null, values: {}, firsts: 0};
  if (!text) return out;
  text.querySelectorAll('mark.hl').forEach(m => {
    const v = out.values[m.dataset.k] = out.values[m.dataset.k] || {first: 0, s: null, e: null, text: ''};
    v.text += m.textContent;
    if (!m.classList.contains('cont')) { v.first += 1; v.s = +m.dataset.s; v.e = +m.dataset.e; out.firsts += 1; }
  });
  return out;
})()"""


def expected_values(rec: dict) -> dict[str, tuple[int, int]]:
    """Every extracted value of a record, keyed as the view keys it: measures, findings, parties, hotlines and
    the measures' deadlines."""
    out = {f"m{i}": (m["start"], m["end"]) for i, m in enumerate(rec["measures"])}
    out |= {f"d{i}": (m["deadline"]["start"], m["deadline"]["end"]) for i, m in enumerate(rec["measures"])
            if m.get("deadline")}
    out |= {f"f{i}": (f["start"], f["end"]) for i, f in enumerate(rec["findings"])}
    out |= {f"p{i}": (p["start"], p["end"]) for i, p in enumerate(rec["parties"])}
    out |= {f"h{i}": (h["start"], h["end"]) for i, h in enumerate(rec["hotlines"])}
    return out


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    records = list(extractor.extract_paths([str(ROOT / "corpus")], extractor.Options(segmenter="char")))
    return records, extractor.report(records, tmp_path_factory.mktemp("report") / "report.html")


@pytest.fixture(scope="module")
def browser():
    with Chromium(width=1400, height=900) as b:
        yield b


def show(browser: Chromium, hash_: str, ready: str) -> None:
    browser.evaluate(f"location.hash = {hash_!r}")
    browser.wait_for(ready, timeout=20)


def test_corpus_report_opens_without_errors_or_network(browser, corpus):
    records, path = corpus
    seconds = browser.open(path.as_uri(), ready="window.__xrReady", timeout=60)
    assert browser.problems == [] and browser.evaluate("window.__xrErrors") == []
    assert [u for u in browser.requests if not u.startswith("file:")] == []
    rows = browser.evaluate("Array.from(document.querySelectorAll('#xr-doctable tbody tr'))"
                            ".map(r => r.cells[0].innerText)")
    assert rows == [r["doc_id"] for r in records]
    assert browser.evaluate("document.querySelectorAll('svg.xr-chart').length") == 4
    assert seconds < 30
    browser.screenshot(SHOTS / "report-overview.png")


def test_every_document_view_holds_one_highlight_per_value(browser, corpus):
    records, path = corpus
    browser.open(path.as_uri(), ready="window.__xrReady")
    for i, rec in enumerate(records):
        show(browser, f"#/doc/{i}", f"document.querySelector('#v-doc h2') && "
                                    f"document.querySelector('#v-doc code').textContent === {rec['doc_id']!r}")
        view = browser.evaluate(READ_VIEW)
        assert view["text"] == rec["clean_text"], rec["doc_id"]
        expected = expected_values(rec)
        assert view["firsts"] == len(expected) and set(view["values"]) == set(expected), rec["doc_id"]
        for key, (start, end) in expected.items():
            got = view["values"][key]
            assert got["first"] == 1 and (got["s"], got["e"]) == (start, end), (rec["doc_id"], key)
            assert got["text"] == rec["clean_text"][start:end], (rec["doc_id"], key)
    assert browser.problems == []


def test_selecting_a_highlight_shows_its_rule_and_offsets(browser, corpus):
    records, path = corpus
    browser.open(path.as_uri(), ready="window.__xrReady")
    i = next(i for i, r in enumerate(records) if r["findings"] and r["parties"])  # 003: lists, parties, findings
    show(browser, f"#/doc/{i}", "!!document.querySelector('#v-doc .xr-text')")
    party = records[i]["parties"][1]
    browser.evaluate("document.querySelector('#v-doc mark[data-k=\"p1\"]').click()")
    detail = browser.evaluate("document.querySelector('#v-doc .xr-detail').innerText")
    assert party["rule"] in detail and f"{party['start']}–{party['end']}" in detail
    browser.screenshot(SHOTS / "report-document.png")
    show(browser, "#/org/0", "!!document.querySelector('#v-org .xr-orgcol')")
    dates = browser.evaluate("Array.from(document.querySelectorAll('#v-org .xr-date')).map(e => e.textContent)")
    assert dates[:2] == ["1. 2021-09-16", "2. 2022-05-11"]  # the dated statements first, in date order
    browser.screenshot(SHOTS / "report-organization.png")
    assert browser.problems == []


def test_hostile_document_runs_nothing_and_filters_find_the_failed(browser, tmp_path):
    error = {"doc_id": "broken.txt", "status": "error", "error": "broken.txt: binary file (contains NUL bytes)",
             "measures": [], "findings": [], "parties": [], "hotlines": [], "warnings": [], "clean_text": ""}
    rec = nasty_record()
    path = extractor.report([rec, error], tmp_path / "hostile.html")
    browser.open(path.as_uri(), ready="window.__xrReady")
    show(browser, "#/doc/0", "!!document.querySelector('#v-doc .xr-text')")
    view = browser.evaluate(READ_VIEW)
    assert view["text"] == rec["clean_text"]  # the browser's parser too: no CR folded, emoji whole
    assert set(view["values"]) == set(expected_values(rec))
    assert browser.evaluate("typeof window.__pwned") == "undefined"
    assert browser.evaluate("document.querySelectorAll('#v-doc script, #v-doc img').length") == 0
    show(browser, "#/org/0", "!!document.querySelector('#v-org .xr-orgcol')")
    org = browser.evaluate("document.getElementById('v-org').innerText")
    assert "<i>某公司</i>" in org and "promise 承诺" in org  # the name as text; the planned measure marked
    assert browser.evaluate("document.querySelectorAll('#v-org i, #v-org img').length") == 0
    show(browser, "#/?status=error", "document.querySelectorAll('#xr-doctable tbody tr').length === 1")
    assert "binary file" in browser.evaluate("document.querySelector('#xr-doctable tbody').innerText")
    assert "broken.txt" in browser.evaluate("document.getElementById('xr-problems').innerText")
    browser.evaluate("document.querySelector('#f-status').value = ''; "
                     "document.querySelector('#f-status').dispatchEvent(new Event('change'))")
    browser.evaluate("document.querySelector('#xr-doctable th[data-sort=\"status\"]').click()")
    first = browser.evaluate("document.querySelector('#xr-doctable tbody tr td').innerText")
    assert first == "broken.txt"  # failed documents sort first
    assert browser.problems == []
