"""Features of a phone-like number for the hotline decision."""
from __future__ import annotations

import re

from ...candidates import Candidates
from ...candidates.hotlines import NumberCandidate
from .common import Features, bucket

_SERIES_NEXT = re.compile(r"\s*[、，,/或和及]\s*\d")
_SERIES_PREV = re.compile(r"\d\s*[、，,/或和及]\s*$")


def number_features(cands: Candidates, c: NumberCandidate) -> Features:
    """Features of a phone-like number: its shape, the context rules around it, the rules' verdict."""
    f: Features = {"bias": 1.0, "shape=" + c.shape: 1.0}
    for cue in c.cues:
        f["cue=" + cue] = 1.0
    if c.blocked:
        f["blocked"] = 1.0
    if c.in_skip:
        f["boilerplate"] = 1.0
    if c.hotline is not None:
        f["rule_accepts"] = 1.0
        f["rule_kind=" + c.hotline.kind] = 1.0
    digits = sum(ch.isdigit() for ch in c.number)
    f["digits=%d" % bucket(digits, (5, 6, 8, 11, 12))] = 1.0
    view = cands.clean.view
    # 电话：010-59799616、65537365 / 0826-12319或0826-2336525: a number listed with another shares its offer
    if _SERIES_NEXT.match(view, c.end):
        f["series_next"] = 1.0
    if _SERIES_PREV.search(view, max(0, c.start - 4), c.start):
        f["series_prev"] = 1.0
    # The words around a number enter through the rules' context cues only: the character pairs before and after
    # it, learnt from some 30 offered numbers, did not carry to other pages (held out without them: hotlines F1
    # 0.710 -> 0.727; trained on seeds + dev, tested on dev2, 0.471 -> 0.720).
    return f
