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


def _weights(features) -> str:
    """The features that weighed most in a decision, those that spoke for what it decided apart from those that
    spoke against it: ``for +1.20 cue=cue.tuikuan, +0.31 …; against -0.40 prose=…``."""
    if not features:
        return "-"
    parts = []
    for side, chosen in (("for", [f for f in features if f[1] > 0]), ("against", [f for f in features if f[1] < 0])):
        if chosen:
            parts.append(side + " " + ", ".join(f"{w:+.2f} {name}" for name, w in chosen))
    return "; ".join(parts)


def explain_record(rec: DocumentRecord) -> str:
    """Lines describing ``rec``: document fields, then each measure, finding, party and hotline, with the rule
    behind each value and, when the record was made with ``explain``, the features that weighed most in each
    decision (the way Presidio's decision process explains a result)."""
    out = [f"# {rec.doc_id}  status={rec.status}" + (f"  error={rec.error}" if rec.error else "")]
    if rec.status != "ok":
        return "\n".join(out)
    why = rec.explanations
    out.append(f"  is_statement={rec.is_statement} (score {rec.statement_score:.2f})  apology={rec.apology} "
               f"(score {rec.apology_score:.2f})  company={rec.company or '-'} (score {rec.company_score:.2f})  "
               f"script={rec.script}  stated_count={rec.stated_count}  count_ok={rec.count_ok}")
    doc_why = why.get("document") or {}
    verdicts = {"statement": rec.is_statement, "apology": rec.apology}
    for name in ("statement", "apology"):
        if name in doc_why:
            verdict = "yes" if verdicts[name] else "no"
            out.append(f"    {name} decision ({verdict}): {_weights(doc_why[name])}")
    if why.get("company"):
        out.append(f"    company decision: {_weights(why['company'])}")
    if rec.apology_text:
        out.append(f"  apology: {rec.apology_text}")
    for w in rec.warnings:
        out.append(f"  warning: {w}")
    text = rec.clean_text
    for m in rec.measures:
        score = "-" if m.score is None else f"{m.score:.2f}"
        out.append(f"measure {m.index} [{m.ordinal or '-'}] listed={m.listed} {m.start}-{m.end} rule={m.rule} "
                   f"score={score}")
        out.append(f"    text: {m.text}")
        out.append(f"    category={m.category} ({m.category_rule})  status={m.status} ({m.status_rule})  "
                   f"headline={m.headline}  cues={'、'.join(m.cue_verbs)}")
        m_why = (why.get("measures") or {}).get(f"{m.start}-{m.end}")
        if m_why:
            out.append(f"    kept by the {m_why['decision']} decision: {_weights(m_why['features'])}")
            out.append(f"    category decision: {_weights(m_why['category'])}")
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
        score = "-" if h.score is None else f"{h.score:.2f}"
        out.append(f"hotline {h.number} ({h.normalized}) kind={h.kind} {h.start}-{h.end} rule={h.rule} score={score}")
        h_why = (why.get("hotlines") or {}).get(f"{h.start}-{h.end}")
        if h_why:
            out.append(f"    hotline decision: {_weights(h_why)}")
        out.append(f"    in: {_sentence(text, h.start, h.end)}")
    return "\n".join(out)
