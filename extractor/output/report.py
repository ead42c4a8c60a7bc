"""The HTML review report: one self-contained file (inline CSS, JavaScript and SVG; no network) with an overview
of every input, charts, the statements of each organization side by side, and each document with what was
extracted highlighted in place.

Records stream in (:class:`ReportWriter`): each document's view is rendered at once and spooled to a temporary
file as a non-executed ``<script type="text/x-xr-doc">`` block, and only a small summary is kept. The page script
renders the overview table a page at a time and a document view only when it is opened, so a report of thousands
of documents opens quickly (``make bench`` measures 5,000).

    from extractor.output.report import write_report
    write_report(records, "out/report.html")
"""
from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Iterable
from urllib.parse import quote

from .report_data import Summary
from .report_doc import render_document
from .report_html import esc, json_for_script
from .report_svg import Bar, bar_chart, stacked_bar, timeline_chart
from .report_theme import FONT_SANS, asset, category_colour, document_css, label, palette

TOP_ORGANIZATIONS = 12   # bars of the measures-per-organization chart; the rest are summed into one bar
TIMELINE_ROWS = 10       # organizations with their own timeline row; the rest share one
# The page may run only its own inline script and styles: nothing is fetched, even by a link a document smuggled in.
CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:"


class ReportWriter:
    """Writes the report of the records given to :meth:`write`, one by one, to ``path`` at :meth:`close`.

    Records are the JSON dicts of the pipeline (a ``DocumentRecord`` is turned into one). The file appears
    whole at close (written beside it, then renamed), never half-written.
    """

    def __init__(self, path: str | Path, title: str = "extractor report"):
        self.path = Path(path)
        self.title = title
        self._summary = Summary()
        self._spool = tempfile.TemporaryFile("w+", encoding="utf-8")

    def write(self, rec) -> None:
        """Add one record: its document view is rendered now, its overview row kept for the close."""
        if not isinstance(rec, dict):
            rec = rec.as_dict()
        pos = self._summary.add(rec)
        # Safe inside a script element: every text in the view went through esc(), so no "</script" or "<!--"
        # can come from a document.
        self._spool.write(f'<script type="text/x-xr-doc" id="xr-doc-{pos}">{render_document(rec)}</script>\n')

    def close(self) -> Path:
        """Write the file; returns its path."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(self.path.name + ".tmp")
        try:
            with open(tmp, "w", encoding="utf-8") as out:
                out.write(_head(self.title, self._summary))
                self._spool.seek(0)
                shutil.copyfileobj(self._spool, out, 1 << 20)
                data = json.dumps(self._summary.payload(self.title, palette()), ensure_ascii=False,
                                  separators=(",", ":"))
                out.write(f'<script type="application/json" id="xr-data">{json_for_script(data)}</script>\n')
                out.write(f"<script>{asset('report.js')}</script>\n</body>\n</html>\n")
            os.replace(tmp, self.path)
        finally:
            self._spool.close()
            if tmp.exists():
                tmp.unlink()
        return self.path

    def __enter__(self) -> "ReportWriter":
        return self

    def __exit__(self, *exc) -> None:
        if exc[0] is None:
            self.close()
        else:
            self._spool.close()


def write_report(records: Iterable, path: str | Path, title: str = "extractor report") -> Path:
    """Write the HTML review report of ``records`` (record dicts or ``DocumentRecord``s) to ``path``; returns the
    path. Open the file in any current browser: it needs no network and no server."""
    writer = ReportWriter(path, title)
    for rec in records:
        writer.write(rec)
    return writer.close()


# ---------------------------------------------------------------- the page around the documents


def _stats(s: Summary) -> str:
    docs = s.docs
    errors = sum(d["status"] != "ok" for d in docs)
    warned = sum(bool(d["warnings"]) for d in docs)
    parts = [f"<b>{len(docs)}</b> documents", f"<b>{len(docs) - errors}</b> ok",
             f'<a href="#/?status=error" class="{"xr-bad" if errors else ""}"><b>{errors}</b> failed</a>',
             f'<a href="#/?status=warn" class="{"xr-warn" if warned else ""}"><b>{warned}</b> with warnings</a>',
             f"<b>{sum(d['stmt'] for d in docs)}</b> statements",
             f"<b>{sum(d['n'][0] for d in docs)}</b> measures", f"<b>{len(s.orgs.organizations())}</b> organizations"]
    return " · ".join(parts)


def _charts(s: Summary) -> str:
    pal = palette()
    cats = [Bar(label("categories", c), s.categories[c], category_colour(c), href=f"#/?category={c}")
            for c in pal["categories"] if s.categories[c]]
    cats += [Bar(c, n, category_colour(c)) for c, n in s.categories.items() if c not in pal["categories"]]
    statuses = [Bar(label("statuses", st), s.statuses[st], pal["statuses"][st]["colour"]) for st in pal["statuses"]]
    ranked = s.measures_by_org.most_common()
    orgs = [Bar(name, n, "#4e79a7", href=f"#/?company={quote(name, safe='')}")
            for name, n in ranked[:TOP_ORGANIZATIONS]]
    if len(ranked) > TOP_ORGANIZATIONS:
        rest = ranked[TOP_ORGANIZATIONS:]
        orgs.append(Bar(f"{len(rest)} others 其他", sum(n for _, n in rest), "#bab0ac"))
    # the organizations with most dated values get a row each, in that order; the others share the last row
    rows = [name for name, _ in Counter(d.row for d in s.dots).most_common(TIMELINE_ROWS)]
    dots = [d if d.row in rows else replace(d, row="others 其他") for d in s.dots]
    colours = {row: _ROW_COLOURS[i % len(_ROW_COLOURS)] for i, row in enumerate(rows)}
    return ('<div class="xr-charts">'
            + bar_chart("Measures by category 措施类别", cats, "no measures")
            + stacked_bar("Status 状态: done / ongoing / planned / unknown", statuses, "no measures")
            + bar_chart("Measures per organization 各机构措施数", orgs, "no organization with measures")
            + '</div><div class="xr-charts">'
            + timeline_chart("Timeline of dated actions and deadlines 时间线", dots, colours, s.undated)
            + "</div>")


_ROW_COLOURS = ["#4e79a7", "#59a14f", "#e15759", "#b07aa1", "#f28e2b", "#76b7b2", "#9c755f", "#d4a927", "#ff9da7",
                "#6b6ecf"]


def _head(title: str, s: Summary) -> str:
    css = asset("report.css").replace("/*FONT_SANS*/", FONT_SANS) + "\n" + document_css()
    n = len(s.docs)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(title)}: {n} documents</title>
<style>{css}</style>
</head>
<body>
<header class="xr-top"><h1>{esc(title)}</h1>
<nav><a href="#/" data-view="overview">Overview 总览</a>
<a href="#/orgs" data-view="orgs">Organizations 机构</a></nav>
<div class="xr-stats">{_stats(s)}</div></header>
<div id="xr-jserror" hidden></div>
<noscript><p class="xr-noscript">This report needs JavaScript for its tables and document views.</p></noscript>
<main>
<section id="v-overview">
<div id="xr-problems"></div>
{_charts(s) if n else '<p class="xr-empty">No documents: nothing was given, or the folder held no supported file.</p>'}
<div class="xr-filters" id="xr-filters">
<label>status <select id="f-status"><option value="">all</option><option value="ok">ok</option>
<option value="error">failed</option><option value="warn">with warnings</option></select></label>
<label>statement <select id="f-stmt"><option value="">all</option><option value="yes">statements 声明</option>
<option value="no">not statements</option></select></label>
<label>company <select id="f-company"><option value="">all</option></select></label>
<label>category <select id="f-category"><option value="">all</option></select></label>
<label>search <input id="f-q" type="search" placeholder="id, title, company, measure text, error…"></label>
<button id="f-reset" type="button">reset</button>
</div>
<div id="xr-table"></div>
</section>
<section id="v-orgs" hidden></section>
<section id="v-org" hidden></section>
<section id="v-doc" hidden></section>
</main>
"""
