"""Escaping for the report: every string that comes from a document goes through ``esc`` before it meets markup."""
from __future__ import annotations

import html
import re

# Lone surrogates (JSON can carry them) cannot be written as UTF-8; one U+FFFD each keeps every offset.
_SURROGATE = re.compile("[\ud800-\udfff]")


def esc(text: object) -> str:
    """``text`` as HTML text or attribute value: ``& < > " '`` escaped, so a document holding ``<script>`` shows
    it. A carriage return becomes ``&#13;``: the HTML parser would fold a raw CR LF into one LF and shift the
    text against its offsets, while a character reference survives as CR."""
    s = "" if text is None else str(text)
    s = html.escape(s, quote=True)
    if "\r" in s:
        s = s.replace("\r", "&#13;")
    return _SURROGATE.sub("\ufffd", s)


def json_for_script(payload_json: str) -> str:
    """JSON text safe inside ``<script type="application/json">``: ``<``, ``>`` and ``&`` as JSON escapes, so no
    string can end the element (``</script>``) or open a comment, and ``JSON.parse`` reads the same values."""
    return (_SURROGATE.sub("\ufffd", payload_json).replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("&", "\\u0026"))
