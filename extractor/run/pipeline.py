"""The pipeline, top to bottom: load -> clean -> structure -> candidates -> decisions -> fields -> one record.

``extract_loaded`` is the single place where the floors meet (docs/architecture.md). Each floor is a subpackage
of its own; this module only decides what feeds what. Nothing here prints, and a failure inside one document
becomes that document's ``status="error"`` record instead of an exception, so a run over a folder never stops.

The rules propose (candidates/), a trained model decides (decide/): first whether the document is a statement,
from document-level signals alone; only a statement has its lists, clauses and parties read, and a page that
came near the threshold only its organization names and phone numbers. A document rejected at that point gets
exactly the record a full run would give it, so the early exit is the pre-filter and changes no result.
"""
from __future__ import annotations

import traceback
from dataclasses import dataclass
from typing import Iterator

from ..candidates import (Candidates, Signals, extract_headline, find_candidates, find_cue_verbs, find_contacts,
                          find_signals)
from ..clean import CleanText, clean_text
from ..decide import (Chosen, DocumentDecision, Model, decide_category, decide_company, decide_document,
                      decide_hotlines, decide_parties, decide_spans, load_model)
from ..fields import (classify_status, find_deadline, find_document_date, find_incident, find_timeline,
                      parse_doc_date, status_given_deadline)
from ..load import LoadedDoc, Source, iter_sources, load_source, load_text
from ..records import Deadline, DocumentRecord, Hotline, Item, Party
from ..ruleset import RuleSet, load_ruleset
from ..structure import find_stated_count
from .timelimit import TimeLimitExceeded, time_limit


@dataclass(frozen=True)
class Options:
    """How to run: which word segmenter, rule overlay and model, which scores to keep, per-document limits."""

    segmenter: str = "none"  # none (measured: no held-out difference, see docs/benchmarks.md) | char | pkuseg
    rules: str | None = None
    model: str | None = None  # a folder written by `extract train`; None: the shipped model
    min_score: float = 0.0  # measures, findings and hotlines scored below this are left out
    explain: bool = False  # keep the features that weighed most in each decision (record.explanations)
    max_bytes: int = 20_000_000
    max_chars: int = 2_000_000
    with_text: bool = True
    fast: bool = True  # lazy segmentation (structure/segmenter.py: lazy_segmenter); output is the same either way
    timeout: float | None = 120.0  # seconds per document; the document becomes status=error when exceeded


def _segmenter(options: Options):
    if options.segmenter == "none":
        return None
    if options.fast:
        from ..structure.segmenter import lazy_segmenter

        return lazy_segmenter(options.segmenter)
    from ..structure import segment

    return lambda s: segment(s, options.segmenter)


def fill_fields(clean: CleanText, item: Item, rs: RuleSet, doc_date: str, hotlines: list[Hotline],
                parties: list[Party]) -> None:
    """Cue verbs, headline, status, deadline, parties and hotlines of one measure.

    ``hotlines`` and ``parties`` are the document's (decided once: a search per measure would be quadratic)."""
    view = clean.view[item.start:item.end]
    item.cue_verbs = [verb for _, _, verb, _ in find_cue_verbs(view, rs)]
    hs, he = extract_headline(item.text, view)
    item.headline = item.text[hs:he]
    item.status, item.status_rule = classify_status(view, rs)
    dl = find_deadline(view, rs, doc_date or None)
    if dl is not None:
        s, e, _raw, iso, rid = dl
        item.deadline = Deadline(clean.text[item.start + s:item.start + e], item.start + s, item.start + e, iso, rid)
        item.status, item.status_rule = status_given_deadline(item.status, item.status_rule, iso, rid,
                                                              parse_doc_date(doc_date), rs)
    item.parties = [p for p in parties if item.start <= p.start and p.end <= item.end]
    item.hotlines = [h for h in hotlines if item.start <= h.start and h.end <= item.end]


def _item(clean: CleanText, c: Chosen) -> Item:
    return Item(index=0, ordinal=c.ordinal, listed=c.listed, text=clean.text[c.start:c.end], start=c.start,
                end=c.end, section=c.section, rule=c.rule, score=round(c.score, 4), list_id=c.list_id, level=c.level)


def _name_company(record: DocumentRecord, cands: Candidates, model: Model, rs: RuleSet, options: Options,
                  floor: float = 0.0) -> None:
    """The responding organization, its score and branches, into ``record``; none below ``floor``."""
    name, p_company, why = decide_company(cands, model, rs, explain=options.explain)
    if p_company < floor:
        return
    record.company, record.company_score = name, p_company
    # Branches acting for the group (长沙联通 for 中国联通) come from the rule finder, when it named the same one.
    company = cands.signals.company
    same = company.name and (name in company.name or company.name in name)
    record.branches = company.branches if same else []
    if options.explain:
        record.explanations["company"] = why


def _hotlines(record: DocumentRecord, cands: Candidates, model: Model, options: Options) -> list[Hotline]:
    """The numbers offered to the public, in text order."""
    hotlines = []
    for h, p, why in decide_hotlines(cands, model, explain=options.explain):
        if p >= options.min_score:
            h.score = p
            hotlines.append(h)
            if options.explain:
                record.explanations.setdefault("hotlines", {})[f"{h.start}-{h.end}"] = why
    hotlines.sort(key=lambda h: h.start)
    return hotlines


def decide_record(record: DocumentRecord, signals: Signals, model: Model, rs: RuleSet, options: Options,
                  cands: Candidates | None = None) -> DocumentRecord:
    """Fill ``record`` from a document's signals: the document decisions, and for a statement its measures,
    findings, hotlines, parties and fields. ``cands``: the candidates when the caller has them already."""
    clean = signals.clean
    record.script = clean.script
    record.warnings.extend(clean.warnings)
    if not record.date:
        dated = find_document_date(clean, rs.regex("timeline"), signals.skip)
        if dated is not None:
            record.date, record.date_source = dated
    incident, _s, _e, _rule = find_incident(clean, rs.regex("timeline"), signals.sentences)
    record.incident = incident
    record.timeline = find_timeline(clean, rs.regex("timeline"), signals.sentences, record.date)
    doc: DocumentDecision = decide_document(signals, model, rs, explain=options.explain)
    record.is_statement, record.statement_score = doc.is_statement, doc.statement_score
    record.apology_score = doc.apology_score
    if options.explain:
        record.explanations["document"] = doc.explain
    if not doc.is_statement:
        # Not an organization's response: its lists are plans, petitions or reporting, not measures. A page
        # that came close (a notice without an apology, a news retelling) still names the organization it is
        # about and the numbers that organization offers, for the reader who sets the statement threshold lower.
        # A page where no statement rule fired and nothing apologises (weather, sport, markets) came close to
        # nothing: its score is the model's prior alone (0.1-0.4), not evidence. Every gold page has some
        # evidence, so the held-out figures do not move; a crawl's filler pages skip the name search. The
        # floors ("named", "named_company") are 0 in the shipped model: the name carries its own score.
        evidence = bool(signals.statement.hits) or signals.apology.found
        if evidence and doc.statement_score >= model.threshold("named"):
            cands = cands or find_contacts(signals, rs)
            _name_company(record, cands, model, rs, options, floor=model.threshold("named_company"))
            # A hotline is a number the responding organization offers: a page that names none (consumer advice
            # listing 12315, news quoting a number) offers none (held out: hotlines F1 0.667 -> 0.710), and one
            # whose organization is only a likely guess offers none either (docs/decisions.md).
            if record.company and record.company_score >= model.threshold("named_hotlines"):
                record.hotlines = _hotlines(record, cands, model, options)
        return record
    if doc.apology:
        record.apology, record.apology_text = True, signals.apology.text
    if cands is None:
        cands = find_candidates(signals, rs, _segmenter(options))
    _name_company(record, cands, model, rs, options)
    chosen = [c for c in decide_spans(cands, model, rs, explain=options.explain) if c.score >= options.min_score]
    hotlines = _hotlines(record, cands, model, options)
    parties = decide_parties(cands, model, rs)
    measures, findings = [], []
    kinds = {id(fl): fl.kind for fl in cands.lists}
    for c in chosen:
        item = _item(clean, c)
        if c.kind == "finding":
            findings.append(item)
            continue
        list_kind = kinds.get(id(cands.lists[c.list_id])) if c.list_id is not None else ""
        cat, p, why = decide_category(clean.view[c.start:c.end], model, rs, list_kind or "", options.explain)
        item.category, item.category_rule, item.category_score = cat, "model.category", p
        fill_fields(clean, item, rs, record.date, hotlines, parties)
        measures.append(item)
        if options.explain:
            record.explanations.setdefault("measures", {})[f"{c.start}-{c.end}"] = {
                "decision": c.decision, "features": c.explain, "category": why}
    for i, m in enumerate(measures, 1):
        m.index = i
    for i, f in enumerate(findings, 1):
        f.index = i
    record.measures, record.findings, record.hotlines = measures, findings, hotlines
    record.parties = parties
    count = find_stated_count(clean.view, cands.lists, rs, signals.skip)
    if count is not None:
        record.stated_count = count.value
        listed = [m for m in measures if m.listed and (count.list_id is None or m.list_id == count.list_id)]
        record.count_ok = count.value == len(listed)
        if not record.count_ok:
            record.warnings.append(
                f"stated count {count.value} ({count.text}) but {len(listed)} listed measures found")
    return record


def extract_clean(record: DocumentRecord, clean: CleanText, rs: RuleSet, options: Options,
                  model: Model | None = None) -> DocumentRecord:
    """Fill ``record`` from a cleaned document (the floors after loading and cleaning)."""
    model = model or load_model(options.model)
    return decide_record(record, find_signals(clean, record.title, rs), model, rs, options)


def extract_loaded(doc: LoadedDoc, options: Options = Options(), rs: RuleSet | None = None,
                   model: Model | None = None) -> DocumentRecord:
    """One record for one loaded document; never raises for a bad document (a bad model or rule overlay does
    raise, before any document is read: ModelError, RuleError)."""
    rs = rs or load_ruleset(options.rules)
    model = model or load_model(options.model)
    record = DocumentRecord.of(doc)
    if doc.error:
        record.status, record.error = "error", doc.error
        return record
    text = doc.text
    if len(text) > options.max_chars:
        record.warnings.append(f"text truncated to {options.max_chars} characters (was {len(text)})")
        text = text[: options.max_chars]
    try:
        with time_limit(options.timeout):
            clean = clean_text(text, doc.title)
            if options.with_text:
                record.clean_text = clean.text
            return extract_clean(record, clean, rs, options, model)
    except TimeLimitExceeded as exc:
        record.status, record.error = "error", f"{doc.path}: {exc}; raise it with --timeout"
        record.measures, record.findings, record.parties, record.hotlines = [], [], [], []
        return record
    except Exception as exc:  # one document's bug must not stop a crawl; the record says what happened
        record.status = "error"
        record.error = f"{doc.path}: internal error: {type(exc).__name__}: {exc}"
        record.warnings.append(traceback.format_exc(limit=3).strip().splitlines()[-1])
        return record


def extract_text(text: str, doc_id: str = "-", title: str = "", date: str = "",
                 options: Options = Options(), format: str = "auto") -> dict:
    """Extract from a string; returns the JSON-ready record (see README for its fields).

    ``format``: "auto" (the default) reads the string as the command line reads stdin (JSON, HTML, front matter
    and Markdown recognised by content); "text", "markdown", "html" or "json" read it as a file of that kind.
    ``title``/``date``, when given, replace the ones found in the text. ValueError for an unknown format, or a
    JSON string holding several documents (``extract_paths`` reads those from a file).
    """
    docs = load_text(text, doc_id, format)
    if len(docs) != 1:
        raise ValueError(f"the {format} text holds {len(docs)} documents; extract_text reads one")
    doc = docs[0]
    doc.title, doc.date = title or doc.title, date or doc.date
    return extract_loaded(doc, options).as_dict(with_text=options.with_text)


def iter_loaded(paths: list[str], options: Options = Options()) -> Iterator[LoadedDoc]:
    """Every document under ``paths``, loaded (or carrying its load error)."""
    for src in iter_sources(paths):
        if isinstance(src, Source):
            yield from load_source(src, max_bytes=options.max_bytes)
        else:
            yield src


def extract_paths(paths: list[str] | str, options: Options = Options()) -> Iterator[dict]:
    """Records for every document under the given files/folders ("-" = stdin), in a stable order."""
    if isinstance(paths, str):
        paths = [paths]
    from .documents import extract_source  # imports this module

    load_ruleset(options.rules)
    load_model(options.model)
    for src in iter_sources(list(paths)):
        yield from extract_source(src, options)  # loading counts toward the time limit too
