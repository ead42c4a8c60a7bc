"""Human-readable account of a record: every value with the rule that produced it, its offsets and sentence."""
from __future__ import annotations

from ..records import DocumentRecord

_STOPS = "。！？!?\n"


def _sentence(text: str, start: int, end: int) -> str:
    s = start
    while s > 0 and text[s - 1] not in _STOPS:
        s -= 1
    e = end
    while e < len(text) and text[e - 1:e] not in _STOPS and text[e] not in "\n":
        e += 1
    return text[s:e].strip()


def explain_record(rec: DocumentRecord) -> str:
    """Lines describing ``rec``: document fields, then each measure, finding, party and hotline."""
    out = [f"# {rec.doc_id}  status={rec.status}" + (f"  error={rec.error}" if rec.error else "")]
    if rec.status != "ok":
        return "\n".join(out)
    out.append(f"  is_statement={rec.is_statement} (score {rec.statement_score:.2f})  apology={rec.apology}  "
               f"company={rec.company or '-'}  script={rec.script}  stated_count={rec.stated_count}  "
               f"count_ok={rec.count_ok}")
    if rec.apology_text:
        out.append(f"  apology: {rec.apology_text}")
    for w in rec.warnings:
        out.append(f"  warning: {w}")
    text = rec.clean_text
    for m in rec.measures:
        out.append(f"measure {m.index} [{m.ordinal or '-'}] listed={m.listed} {m.start}-{m.end} rule={m.rule}")
        out.append(f"    text: {m.text}")
        out.append(f"    category={m.category} ({m.category_rule})  status={m.status} ({m.status_rule})  "
                   f"headline={m.headline}  cues={'、'.join(m.cue_verbs)}")
        if m.section:
            out.append(f"    section: {m.section}")
        if m.deadline:
            out.append(f"    deadline: {m.deadline.text} {m.deadline.iso or ''} ({m.deadline.rule})")
    for f in rec.findings:
        out.append(f"finding {f.index} [{f.ordinal or '-'}] {f.start}-{f.end} rule={f.rule}")
        out.append(f"    text: {f.text}")
    for p in rec.parties:
        written = f" ({p.text})" if p.text and p.text != p.name else ""
        out.append(f"party {p.name}{written} role={p.role} penalty={p.penalty or '-'} {p.start}-{p.end} rule={p.rule}")
        out.append(f"    in: {_sentence(text, p.start, p.end)}")
    for h in rec.hotlines:
        out.append(f"hotline {h.number} ({h.normalized}) kind={h.kind} {h.start}-{h.end} rule={h.rule}")
        out.append(f"    in: {_sentence(text, h.start, h.end)}")
    return "\n".join(out)
