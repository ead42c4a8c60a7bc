"""The report's charts as inline SVG, drawn here rather than by a plotting library: a few bars and dots need no
dependency, and SVG text is rendered with the page's fonts, so Chinese labels show wherever the page does.

Every chart is a complete ``<svg>`` element with a ``<title>``; bars and dots carry a ``<title>`` child (the
browser's tooltip) and may link to a view of the report (``href``).
"""
from __future__ import annotations

import datetime as dt
import math
import unicodedata
from dataclasses import dataclass

from .report_html import esc

FONT = 12
ROW = 22
WIDTH = 420


def text_width(text: str, size: float = FONT) -> float:
    """Approximate width in pixels: CJK and other wide characters one em, the rest about 0.6 em."""
    return sum(size if unicodedata.east_asian_width(ch) in "WF" else size * 0.6 for ch in text)


def _fit(text: str, width: float, size: float = FONT) -> str:
    """``text`` cut with an ellipsis to fit ``width`` pixels (the full text stays in the tooltip)."""
    if text_width(text, size) <= width:
        return text
    while text and text_width(text + "…", size) > width:
        text = text[:-1]
    return text + "…"


def _svg(width: float, height: float, title: str, body: list[str]) -> str:
    return (f'<svg class="xr-chart" xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" height="{height:.0f}" '
            f'viewBox="0 0 {width:.0f} {height:.0f}" role="img" aria-label="{esc(title)}"><title>{esc(title)}</title>'
            f'<text x="0" y="15" class="xr-chart-title">{esc(title)}</text>{"".join(body)}</svg>')


def _empty(title: str, message: str) -> str:
    return _svg(WIDTH, 60, title, [f'<text x="0" y="42" class="xr-chart-empty">{esc(message)}</text>'])


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    colour: str
    tip: str = ""     # tooltip; the label and value when empty
    href: str = ""    # a view of the report this bar opens


def bar_chart(title: str, bars: list[Bar], empty: str = "nothing to show") -> str:
    """Horizontal bars, one per row, labelled on the left and valued on the right."""
    if not bars or not any(b.value for b in bars):
        return _empty(title, empty)
    label_w = min(170.0, max(text_width(b.label) for b in bars) + 8)
    top, top_value = 28, max(b.value for b in bars)
    bar_w = WIDTH - label_w - 50
    body = []
    for i, b in enumerate(bars):
        y = top + i * ROW
        w = max(1.0, bar_w * b.value / top_value) if b.value else 0
        tip = b.tip or f"{b.label}: {b.value}"
        shape = (f'<text x="{label_w - 6:.0f}" y="{y + 14}" text-anchor="end">{esc(_fit(b.label, label_w - 8))}</text>'
                 f'<rect x="{label_w:.0f}" y="{y + 3}" width="{w:.1f}" height="{ROW - 6}" fill="{b.colour}" rx="2"/>'
                 f'<text x="{label_w + w + 4:.1f}" y="{y + 14}" class="xr-chart-value">{b.value}</text>')
        body.append(_link(f'<g><title>{esc(tip)}</title>{shape}</g>', b.href))
    return _svg(WIDTH, top + len(bars) * ROW + 6, title, body)


def stacked_bar(title: str, bars: list[Bar], empty: str = "nothing to show") -> str:
    """One bar split into shares (e.g. statuses), with a legend of counts and percentages under it."""
    total = sum(b.value for b in bars)
    if not total:
        return _empty(title, empty)
    body, x, top = [], 0.0, 28
    for b in bars:
        w = WIDTH * b.value / total
        if w:
            body.append(f'<g><title>{esc(b.tip or f"{b.label}: {b.value}")}</title><rect x="{x:.1f}" y="{top}" '
                        f'width="{w:.1f}" height="26" fill="{b.colour}"/></g>')
        x += w
    for i, b in enumerate(bars):
        y = top + 40 + i * ROW
        body.append(f'<rect x="0" y="{y}" width="12" height="12" fill="{b.colour}" rx="2"/>'
                    f'<text x="18" y="{y + 11}">{esc(b.label)}</text>'
                    f'<text x="{WIDTH - 4}" y="{y + 11}" text-anchor="end" class="xr-chart-value">'
                    f'{b.value} · {100 * b.value / total:.0f}%</text>')
    return _svg(WIDTH, top + 40 + len(bars) * ROW, title, body)


def _link(svg: str, href: str) -> str:
    return f'<a href="{esc(href)}">{svg}</a>' if href else svg


@dataclass(frozen=True)
class Dot:
    """A dated value on the timeline: a dated action of a document, or a measure's deadline."""

    iso: str      # YYYY-MM-DD
    row: str      # the organization
    kind: str     # action | deadline
    tip: str
    href: str = ""


def _ticks(first: dt.date, last: dt.date) -> list[dt.date]:
    """Month starts every 1, 3, 6, 12… months (a multiple of the step counted from year 0, so they fall on
    quarters and year starts), about six of them between ``first`` and ``last``."""
    months = (last.year - first.year) * 12 + last.month - first.month
    step = next((s for s in (1, 3, 6, 12, 24, 60, 120) if months / s <= 7), 240)
    d, out = dt.date(first.year, first.month, 1), []
    while d <= last:
        if d >= first and (d.year * 12 + d.month - 1) % step == 0:
            out.append(d)
        d = dt.date(d.year + (d.month == 12), d.month % 12 + 1, 1)
    return out


def timeline_chart(title: str, dots: list[Dot], row_colours: dict[str, str], undated: int = 0,
                   width: float = 940) -> str:
    """Dots on a date axis, one row per organization (in the order of ``row_colours``, then the others): filled
    for dated actions, hollow diamonds for deadlines. Dots of the same row, day and kind are drawn once, sized by
    their number."""
    note = f"{undated} dated action(s) without a full date (no year) are not placed" if undated else ""
    if not dots:
        return _empty(title, "no dated actions or deadlines with a full date" + (f"; {note}" if note else ""))
    present = dict.fromkeys(d.row for d in dots)
    rows = [r for r in row_colours if r in present] + [r for r in present if r not in row_colours]
    days = [dt.date.fromisoformat(d.iso) for d in dots]
    first, last = min(days), max(days)
    pad = dt.timedelta(days=max(15, (last - first).days // 25))  # keeps the first and last dots off the edges
    first, last = first - pad, last + pad
    label_w = min(170.0, max(text_width(r) for r in rows) + 10)
    left, right, top = label_w, width - 20, 34
    span = (last - first).days or 1
    x_of = lambda day: left + (right - left) * (day - first).days / span  # noqa: E731
    height = top + len(rows) * ROW + 48  # rows, then the axis labels, then the legend
    body = []
    for i, row in enumerate(rows):
        y = top + i * ROW + ROW / 2
        body.append(f'<g><title>{esc(row)}</title><text x="{label_w - 8:.0f}" y="{y + 4:.0f}" text-anchor="end">'
                    f'{esc(_fit(row, label_w - 10))}</text></g><line x1="{left:.0f}" x2="{right:.0f}" y1="{y:.0f}" '
                    f'y2="{y:.0f}" class="xr-grid"/>')
    axis_y = top + len(rows) * ROW + 4
    for tick in _ticks(first, last):
        x = x_of(tick)
        body.append(f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{top - 4}" y2="{axis_y}" class="xr-grid"/>'
                    f'<text x="{x:.1f}" y="{axis_y + 14}" text-anchor="middle" class="xr-chart-value">'
                    f'{tick.isoformat()[:7]}</text>')
    groups: dict[tuple[str, str, str], list[Dot]] = {}
    for d in dots:
        groups.setdefault((d.row, d.iso, d.kind), []).append(d)
    for (row, iso, kind), members in sorted(groups.items(), key=lambda kv: (kv[0][2] == "action", kv[0])):
        x, y = x_of(dt.date.fromisoformat(iso)), top + rows.index(row) * ROW + ROW / 2
        r = min(10.0, 4.5 + 1.5 * math.sqrt(len(members) - 1))
        tip = f"{iso} · {row} · {len(members)} {'dated action' if kind == 'action' else 'deadline'}(s)\n" + "\n".join(
            m.tip for m in members[:5]) + ("\n…" if len(members) > 5 else "")
        colour = row_colours.get(row, "#4e79a7")
        shape = (f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" fill="{colour}" fill-opacity=".8" stroke="#fff"/>'
                 if kind == "action" else
                 f'<rect x="{x - r:.1f}" y="{y - r:.1f}" width="{2 * r:.1f}" height="{2 * r:.1f}" fill="none" '
                 f'stroke="#ef6c00" stroke-width="2" transform="rotate(45 {x:.1f} {y:.1f})"/>')
        body.append(_link(f"<g><title>{esc(tip)}</title>{shape}</g>", members[0].href))
    legend_y = height - 8
    body.append(f'<circle cx="{left + 6:.0f}" cy="{legend_y - 4}" r="4" fill="#4e79a7"/>'
                f'<text x="{left + 14:.0f}" y="{legend_y}">dated action 动作</text>'
                f'<rect x="{left + 120:.0f}" y="{legend_y - 8}" width="8" height="8" fill="none" stroke="#ef6c00" '
                f'stroke-width="2" transform="rotate(45 {left + 124:.0f} {legend_y - 4})"/>'
                f'<text x="{left + 134:.0f}" y="{legend_y}">deadline 期限</text>'
                + (f'<text x="{right:.0f}" y="{legend_y}" text-anchor="end" class="xr-chart-value">{esc(note)}</text>'
                   if note else ""))
    return _svg(width, height + 6, title, body)
