"""Which phone-like numbers a statement offers the public for help or complaints."""
from __future__ import annotations

from ..candidates import Candidates, normalize_number
from ..records import Hotline
from .features import number_features
from .model import Model


def decide_hotlines(cands: Candidates, model: Model, explain: bool = False) -> list[tuple[Hotline, float, list]]:
    """The accepted numbers as Hotline values (the rules' own when they accepted it too), with probabilities."""
    out = []
    seen = set()
    for c in cands.numbers:
        feats = number_features(cands, c)
        p = model["hotline"].prob(feats)
        if p < model.threshold("hotline"):
            continue
        hotline = c.hotline or Hotline(c.number, normalize_number(c.number), "service", c.start, c.end, "",
                                       "model.hotline")
        if (hotline.start, hotline.end) in seen:
            continue
        seen.add((hotline.start, hotline.end))
        out.append((hotline, round(p, 4), model["hotline"].explain(feats, "yes") if explain else []))
    return out
