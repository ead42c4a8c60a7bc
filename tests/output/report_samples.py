"""Sample records for the report tests (test_report.py, test_report_browser.py)."""


# A document that tries every way text could turn into markup, with characters outside the BMP and a CR.
NASTY = ('Title <script>window.__pwned=1</script> and </div></section> "double" \'single\' & &amp; 😀🇨🇳\r\n'
         '一是<img src=x onerror="window.__pwned=1">退还费用。二是开通热线10010。<!-- comment --> ]]> end')


def _span(text: str, part: str, occurrence: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(part, start + 1)
    return start, start + len(part)


def nasty_record(**changes) -> dict:
    """A record shaped like the pipeline's, whose values cover the dangerous parts of NASTY and overlap."""
    t = NASTY
    m1 = _span(t, '一是<img src=x onerror="window.__pwned=1">退还费用。')
    m2 = _span(t, "二是开通热线10010。")
    finding = (t.index("<script>"), t.index('"double"') + len('"double"'))
    crossing = (t.index("</section>"), t.index("🇨🇳") + 2)       # starts inside the first finding, ends after it
    party = _span(t, "</section>")
    hotline = _span(t, "10010")
    deadline = _span(t, "<img src=x")
    rec = {
        "doc_id": "nasty/<b>doc</b>.txt", "path": "nasty.txt", "status": "ok", "error": None,
        "title": '<script>alert("title")</script> 标题 😀', "date": "2023-04-05", "url": "", "format": "txt",
        "encoding": "utf-8", "script": "simplified", "is_statement": True, "statement_score": 0.9,
        "apology": False, "apology_text": "", "apology_score": 0.1, "company": "<i>某公司</i>", "company_score": 0.8,
        "branches": [], "incident": "", "stated_count": None, "count_ok": None,
        "measures": [
            {"index": 1, "ordinal": "一是", "listed": True, "text": t[m1[0]:m1[1]], "start": m1[0], "end": m1[1],
             "rule": "ordinal.yi_shi", "score": 0.91, "category": "refund", "status": "planned",
             "deadline": {"text": t[deadline[0]:deadline[1]], "start": deadline[0], "end": deadline[1], "iso": None,
                          "rule": "deadline.test"}, "parties": [], "hotlines": []},
            {"index": 2, "ordinal": "二是", "listed": True, "text": t[m2[0]:m2[1]], "start": m2[0], "end": m2[1],
             "rule": "ordinal.yi_shi", "score": 0.88, "category": 'x" onmouseover="window.__pwned=1', "status": "done",
             "deadline": None,
             "parties": [], "hotlines": []},
        ],
        "findings": [
            {"index": 1, "ordinal": "", "listed": False, "text": t[finding[0]:finding[1]], "start": finding[0],
             "end": finding[1], "rule": "finding.test", "score": 0.7},
            {"index": 2, "ordinal": "", "listed": False, "text": t[crossing[0]:crossing[1]], "start": crossing[0],
             "end": crossing[1], "rule": "finding.cross", "score": 0.6},
        ],
        "parties": [{"name": "</section>", "text": "</section>", "role": "actor", "penalty": "", "start": party[0],
                     "end": party[1], "rule": "party.test"}],
        "hotlines": [{"number": "10010", "normalized": "10010", "kind": "service", "context": "热线",
                      "start": hotline[0], "end": hotline[1], "rule": "hotline.test", "score": 0.95}],
        "timeline": [], "warnings": ['<b>warning</b> "quoted"'], "clean_text": t,
    }
    rec.update(changes)
    return rec
