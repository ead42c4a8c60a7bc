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
        if not c.offered or c.publisher or c.in_skip:
            # Never the responder's offer, whatever the model says; each taught it too little to learn:
            # - a number nothing offers: GOLD_SCHEMA's hotline is offered for complaints or help, in words (拨打,
            #   热线：, 如有疑问…) or by its shape alone (400…, 95…), as all 15 gold hotline candidates are, and a bare
            #   mention (通过12306网站发布) never is (held out: hotlines F1 0.750 -> 0.774 cross-validated, the other
            #   five splits unchanged);
            # - a newspaper's or a site's own line (新闻热线, 报料), or any number in the site's boilerplate (its
            #   footer's 联系电话, navigation, readers' comments), however it is worded: none of 13 in boilerplate
            #   is a gold hotline (held out: 0.579 -> 0.647 with the publisher's line final, 0.727 -> 0.750 with
            #   boilerplate numbers too).
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
