"""The document view: the clean text with every extracted value highlighted in place, and the side list of the
measures (ordinal, category, status, deadline, rule id, score), findings, parties and hotlines.

Highlights are nested ``<mark>`` elements. Values that nest (a party inside a measure) nest as elements; two
values that cross (a finding running into a measure) cannot both be one element, so the inner one is closed at
the crossing and reopened as a continuation piece (class ``cont``, same ``data-k``). Each value therefore has
exactly one first piece, ``mark.hl:not(.cont)``, carrying its kind, rule and offsets; its pieces together hold
``clean_text[start:end]``. Labels are drawn by CSS (``::before``), so the text content of the view is the clean
text, character for character. displaCy's ``span`` style was considered: it lays spans out per token below the
text and would need a spaCy tokenization of text we only hold as characters; nested marks need neither.
"""
from __future__ import annotations

from dataclasses import dataclass

from .report_html import esc
from .report_theme import document_css, label

KINDS = ("measure", "finding", "party", "hotline", "deadline")
_RANK = {k: i for i, k in enumerate(KINDS)}  # at equal offsets, the outer element


@dataclass(frozen=True)
class Highlight:
    """One extracted value to mark in the text."""

    key: str        # unique within the document: m3 (the measure at list position 3), f0, p1, h0, d3
    kind: str       # one of KINDS
    start: int
    end: int
    rule: str
    tag: str = ""   # short label drawn before the value (M4, F1)
    title: str = ""  # the hover text: what, rule, offsets
    css: str = ""   # extra classes (the measure's category)


def _score(value) -> str:
    return "" if value is None else f"{value:.2f}"


def _scored(value: dict) -> str:
    return f"score {value['score']:.2f}" if value.get("score") is not None else ""


def _value(key: str, kind: str, value: dict, what: str, *extra: str, tag: str = "", css: str = "") -> Highlight:
    """The highlight of one extracted value; its hover text names it, its rule and its offsets."""
    start, end, rule = value.get("start"), value.get("end"), value.get("rule", "")
    title = " · ".join([what, *[e for e in extra if e], f"rule {rule or '-'}", f"characters {start}–{end}"])
    return Highlight(key, kind, start, end, rule, tag, title, css)


def highlights(rec: dict) -> list[Highlight]:
    """Every value of ``rec`` that has offsets: measures, findings, the document's parties and hotlines, and the
    measures' deadlines. (A measure's own ``parties``/``hotlines`` repeat document values and are not marked
    twice.)"""
    out: list[Highlight] = []
    for i, m in enumerate(rec.get("measures") or []):
        n, cat = m.get("index", i + 1), m.get("category") or "other"
        what = f"measure {n}" + (f" ({m['ordinal']})" if m.get("ordinal") else "")
        out.append(_value(f"m{i}", "measure", m, what, label("categories", cat), label("statuses", m.get("status")),
                          _scored(m), tag=f"M{n}", css=f"cat-{cat}"))
        dl = m.get("deadline")
        if dl and dl.get("start") is not None:
            out.append(_value(f"d{i}", "deadline", dl, f"deadline of measure {n}", dl.get("iso") or ""))
    for i, f in enumerate(rec.get("findings") or []):
        n = f.get("index", i + 1)
        out.append(_value(f"f{i}", "finding", f, f"finding {n}", _scored(f), tag=f"F{n}"))
    for i, p in enumerate(rec.get("parties") or []):
        out.append(_value(f"p{i}", "party", p, f"party {p.get('name', '')}", p.get("role", ""), p.get("penalty", "")))
    for i, h in enumerate(rec.get("hotlines") or []):
        out.append(_value(f"h{i}", "hotline", h, f"hotline {h.get('number', '')}", h.get("kind", ""), _scored(h)))
    return out


def _open(h: Highlight, cont: bool) -> str:
    classes = esc(f"hl k-{h.kind}" + (f" {h.css}" if h.css else "") + (" cont" if cont else ""))
    if cont:
        return f'<mark class="{classes}" data-k="{h.key}">'
    tag = f' data-tag="{esc(h.tag)}"' if h.tag else ""
    return (f'<mark class="{classes}" data-k="{h.key}" data-kind="{h.kind}" data-s="{h.start}" data-e="{h.end}" '
            f'data-rule="{esc(h.rule)}"{tag} title="{esc(h.title)}" tabindex="0">')


def render_text(text: str, spans: list[Highlight]) -> str:
    """``text`` escaped, with one ``<mark>`` per span (plus continuation pieces where spans cross). Spans whose
    offsets do not fit the text must be left out by the caller (see :func:`fitting`)."""
    spans = sorted(spans, key=lambda h: (h.start, -h.end, _RANK.get(h.kind, 9)))
    bounds = sorted({0, len(text)} | {h.start for h in spans} | {h.end for h in spans})
    starting: dict[int, list[Highlight]] = {}
    for h in spans:
        starting.setdefault(h.start, []).append(h)
    out: list[str] = []
    stack: list[Highlight] = []
    pos = 0
    for p in bounds:
        if p > pos:
            out.append(esc(text[pos:p]))
            pos = p
        if any(h.end == p for h in stack):
            # close down to the deepest span ending here; spans above it that go on are reopened as pieces
            reopen = []
            while any(h.end == p for h in stack):
                h = stack.pop()
                out.append("</mark>")
                if h.end != p:
                    reopen.append(h)
            for h in reversed(reopen):
                out.append(_open(h, cont=True))
                stack.append(h)
        for h in starting.get(p, []):
            out.append(_open(h, cont=False))
            if h.end == h.start:  # an empty value still gets its (empty) mark, so every value is counted
                out.append("</mark>")
            else:
                stack.append(h)
    out.extend("</mark>" for _ in stack)  # only spans past the text's end, which fitting() removes
    return "".join(out)


def fitting(text: str, spans: list[Highlight]) -> tuple[list[Highlight], list[Highlight]]:
    """(spans whose offsets lie inside ``text``, the others). A record edited by hand or cut can hold both."""
    ok, bad = [], []
    for h in spans:
        (ok if isinstance(h.start, int) and isinstance(h.end, int) and 0 <= h.start <= h.end <= len(text)
         else bad).append(h)
    return ok, bad


# ---------------------------------------------------------------- the side list and the header


def _chip(cat: str | None) -> str:
    cat = cat or "other"
    return f'<span class="xr-chip cat-{esc(cat)}">{esc(label("categories", cat))}</span>'


def _status(status: str | None) -> str:
    status = status or "unknown"
    return f'<span class="xr-status st-{esc(status)}">{esc(label("statuses", status))}</span>'


def _excerpt(text: str, n: int = 60) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= n else text[:n] + "…"


def _measure_item(i: int, m: dict) -> str:
    dl = m.get("deadline") or {}
    deadline = (esc(dl.get("text", "")) + (f' <span class="xr-dim">{esc(dl["iso"])}</span>' if dl.get("iso") else "")
                if dl else '<span class="xr-dim">–</span>')
    ordinal = f' <span class="xr-ord">{esc(m["ordinal"])}</span>' if m.get("ordinal") else ""
    planned = " xr-planned" if m.get("status") == "planned" else ""
    return (f'<li class="xr-item{planned}" data-k="m{i}"><div class="xr-item-head"><b>M{esc(m.get("index", i + 1))}</b>'
            f'{ordinal} {_chip(m.get("category"))} '
            f'{_status(m.get("status"))}</div>'
            f'<div class="xr-item-meta">deadline {deadline} · rule <code>{esc(m.get("rule", ""))}</code>'
            f' · score {esc(_score(m.get("score"))) or "–"}</div>'
            f'<div class="xr-item-text">{esc(_excerpt(m.get("headline") or m.get("text", "")))}</div></li>')


def _finding_item(i: int, f: dict) -> str:
    return (f'<li class="xr-item" data-k="f{i}"><b>F{esc(f.get("index", i + 1))}</b> {esc(f.get("ordinal") or "")}'
            f' · rule <code>{esc(f.get("rule", ""))}</code>'
            f'<div class="xr-item-text">{esc(_excerpt(f.get("text", "")))}</div></li>')


def _party_item(i: int, p: dict) -> str:
    name = f' ({esc(p["name"])})' if p.get("name") and p.get("name") != p.get("text") else ""
    penalty = f' · {esc(p["penalty"])}' if p.get("penalty") else ""
    return (f'<li class="xr-item" data-k="p{i}">{esc(p.get("text") or p.get("name", ""))}{name} · '
            f'{esc(p.get("role", ""))}{penalty} · <code>{esc(p.get("rule", ""))}</code></li>')


def _hotline_item(i: int, h: dict) -> str:
    return (f'<li class="xr-item" data-k="h{i}">{esc(h.get("number", ""))} · {esc(h.get("kind", ""))}'
            f' · <code>{esc(h.get("rule", ""))}</code> · score {esc(_score(h.get("score"))) or "–"}</li>')


def _list(heading: str, items: list[str], tag: str = "ul") -> str:
    """One titled list of the side panel; nothing when it has no items."""
    if not items:
        return ""
    return (f'<h3>{heading} <span class="xr-dim">({len(items)})</span></h3>'
            f'<{tag} class="xr-list">{"".join(items)}</{tag}>')


def _side(rec: dict) -> str:
    measures = [_measure_item(i, m) for i, m in enumerate(rec.get("measures") or [])]
    return ('<div class="xr-detail" aria-live="polite">Hover a highlight for its rule and offsets; select one '
            '(click, or Tab and Enter) to see every value at that place.</div>'
            + (_list("Measures 措施", measures, "ol") or '<h3>Measures 措施</h3><p class="xr-dim">No measures.</p>')
            + _list("Findings 问题", [_finding_item(i, f) for i, f in enumerate(rec.get("findings") or [])], "ol")
            + _list("Parties 当事方", [_party_item(i, p) for i, p in enumerate(rec.get("parties") or [])])
            + _list("Hotlines 热线", [_hotline_item(i, h) for i, h in enumerate(rec.get("hotlines") or [])]))


def _header(rec: dict) -> str:
    title = rec.get("title") or rec.get("doc_id") or "(untitled)"
    facts = [f'<code>{esc(rec.get("doc_id", ""))}</code>']
    for key in ("date", "format", "encoding", "script"):
        if rec.get(key):
            facts.append(f'{key} {esc(rec[key])}')
    status = rec.get("status", "ok")
    facts.append(f'<span class="xr-badge {"bad" if status != "ok" else "ok"}">{esc(status)}</span>')
    out = [f'<header class="xr-head"><h2>{esc(title)}</h2><div class="xr-facts">{" · ".join(facts)}</div>']
    if status != "ok":
        out.append(f'<div class="xr-error">Not processed: {esc(rec.get("error") or "unknown error")}</div>')
    else:
        stmt = "statement 声明" if rec.get("is_statement") else "not a statement 非声明"
        bits = [f'{stmt} <span class="xr-dim">score {esc(_score(rec.get("statement_score")))}</span>']
        if rec.get("company"):
            bits.append(f'company {esc(rec["company"])} <span class="xr-dim">score '
                        f'{esc(_score(rec.get("company_score")))}</span>')
        if rec.get("apology"):
            bits.append(f'apology 致歉 <span class="xr-dim">score {esc(_score(rec.get("apology_score")))}</span>')
        if rec.get("stated_count") is not None:
            bits.append(f'stated count {esc(rec["stated_count"])}' + ("" if rec.get("count_ok") else " ≠ found"))
        out.append(f'<div class="xr-facts">{" · ".join(bits)}</div>')
        if rec.get("incident"):
            out.append(f'<div class="xr-facts">incident: {esc(rec["incident"])}</div>')
    for w in rec.get("warnings") or []:
        out.append(f'<div class="xr-warning">warning: {esc(w)}</div>')
    out.append("</header>")
    return "".join(out)


# The legend's samples are not class "hl": only the values of the text are highlights (tests count them).
_LEGEND = ('<div class="xr-legend"><mark class="k-measure cat-other">measure</mark> coloured by category '
           '<mark class="k-finding">finding</mark> <mark class="k-party">party</mark> '
           '<mark class="k-hotline">hotline</mark> <mark class="k-deadline">deadline</mark> '
           '<span class="xr-dim">· overlaps are shaded darker</span></div>')


def _body(rec: dict) -> str:
    lang = "zh-Hant" if rec.get("script") == "traditional" else "zh-Hans"
    if "clean_text" not in rec:
        return ('<div class="xr-notext">This record holds no text (it was made with <code>--no-text</code>), so the '
                'values cannot be shown in place; the lists beside give each value with its offsets.</div>')
    text = rec.get("clean_text") or ""
    if not text:
        return '<div class="xr-notext">No text.</div>'
    ok, bad = fitting(text, highlights(rec))
    note = (f'<div class="xr-warning">{len(bad)} value(s) with offsets outside the text are not marked: '
            f'{esc(", ".join(h.key for h in bad))}</div>' if bad else "")
    return f'{note}<div class="xr-text" lang="{lang}">{render_text(text, ok)}</div>'


def render_document(rec: dict) -> str:
    """The document view of one record (a JSON record dict) as an HTML fragment; its style sheet is
    :func:`extractor.output.report_theme.document_css`."""
    return (f'<section class="xr-doc">{_header(rec)}{_LEGEND}<div class="xr-cols"><div class="xr-main">'
            f'{_body(rec)}</div><aside class="xr-side">{_side(rec)}</aside></div></section>')


class DocumentView:
    """One document view, shown inline by Jupyter (``_repr_html_``); ``html`` is the fragment with its styles."""

    def __init__(self, rec: dict):
        self.doc_id = rec.get("doc_id", "")
        self.html = f"<div><style>{document_css()}</style>{render_document(rec)}</div>"

    def _repr_html_(self) -> str:
        return self.html

    def __repr__(self) -> str:
        return f"<DocumentView {self.doc_id!r}: {len(self.html)} characters of HTML>"


def display(record) -> DocumentView:
    """The document view of ``record`` (a record dict, as ``extract_text`` gives, or a ``DocumentRecord``), which a
    Jupyter notebook renders inline: the text with every value highlighted, hover for rule and offsets."""
    if not isinstance(record, dict):
        record = record.as_dict()
    return DocumentView(record)
