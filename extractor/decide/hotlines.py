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
        if c.publisher:
            # A newspaper's or a site's own line (新闻热线, 报料) is never the responder's offer, however it is
            # worded; the few such numbers in the gold statements taught the model too little to say so (held
            # out: hotlines F1 0.579 -> 0.647 with this rule final).
            continue
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
