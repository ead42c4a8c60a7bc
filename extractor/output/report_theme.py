"""The report's look, kept as data in ``report_assets/``: colours and Chinese labels (palette.json), the style
sheets and the page script. Read once per process, on first use."""
from __future__ import annotations

import json
from functools import lru_cache
from importlib.resources import files

# Every font list names CJK fonts first so that Chinese renders wherever one of them is installed (the report
# cannot ship a font and stay small); the generic family is the last resort.
FONT_SANS = ('"WenQuanYi Micro Hei", "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Hiragino Sans GB", '
             '"Microsoft YaHei", system-ui, sans-serif')


@lru_cache(maxsize=None)
def asset(name: str) -> str:
    """The text of ``report_assets/<name>``."""
    return files("extractor.output").joinpath("report_assets", name).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def palette() -> dict:
    """``{"categories": {id: {"colour", "zh"}}, "statuses": {...}, "kinds": {...}}``."""
    return json.loads(asset("palette.json"))


def category_colour(category: str | None) -> str:
    cats = palette()["categories"]
    return cats.get(category or "other", cats["other"])["colour"]


def label(group: str, key: str | None) -> str:
    """``refund 退款赔付``: the id as the data has it, and its Chinese label when the palette has one."""
    key = (key or "other") if group == "categories" else (key or "")
    zh = palette()[group].get(key, {}).get("zh")
    return f"{key} {zh}" if zh else key


def _rgba(hex_colour: str, alpha: float) -> str:
    h = hex_colour.lstrip("#")
    r, g, b = (int(h[i:i + 2], 16) for i in (0, 2, 4))
    return f"rgba({r},{g},{b},{alpha})"


@lru_cache(maxsize=1)
def palette_css() -> str:
    """Rules colouring categories and statuses, generated from palette.json so the colours live in one place.
    Measure tints are translucent, so overlapping measures show darker where they overlap."""
    out = []
    for cat, spec in palette()["categories"].items():
        c = spec["colour"]
        out.append(f".xr-doc mark.k-measure.cat-{cat}{{background:{_rgba(c, .22)};border-bottom-color:{c}}}")
        out.append(f".cat-{cat} .xr-chip,.xr-chip.cat-{cat}{{background:{c}}}")
        out.append(f".xr-doc mark.k-measure.cat-{cat}[data-tag]:not(.cont)::before{{background:{c}}}")
    for status, spec in palette()["statuses"].items():
        out.append(f".xr-status.st-{status}{{background:{spec['colour']}}}")
    return "\n".join(out)


@lru_cache(maxsize=1)
def document_css() -> str:
    """The style sheet of the document view alone (inlined by ``display`` in Jupyter and by the report)."""
    return asset("document.css").replace("/*FONT_SANS*/", FONT_SANS) + "\n" + palette_css()
