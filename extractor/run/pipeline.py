"""The pipeline, top to bottom: load -> clean -> structure -> candidates -> fields -> one record per document.

``extract_loaded`` is the single place where the floors meet (docs/architecture.md). Each floor is a subpackage
of its own; this module only decides what feeds what. Nothing here prints, and a failure inside one document becomes that document's
``status="error"`` record instead of an exception, so a run over a folder never stops.
"""
from __future__ import annotations

import re
import traceback
from dataclasses import dataclass
from typing import Iterable, Iterator

from ..candidates import (CompanyResult, classify_category, extract_headline, find_cue_verbs, find_hotlines, find_parties, find_prose_measures,
                          has_concrete_action, is_company_unit, is_outside_body, is_public_body)
from ..clean import CleanText, clean_text
from ..fields import analyze_document, classify_status, find_deadline, find_responding_company
from ..load import LoadedDoc, Source, iter_sources, load_source
from ..records import Deadline, DocumentRecord, Hotline, Item, Party
from ..ruleset import RuleSet, load_ruleset
from ..structure import FoundList, Span, SpanSet, find_lists, find_stated_count, iter_sentences, split_sentences
from .prefilter import prefilter_record
from .timelimit import TimeLimitExceeded, time_limit

MEASURE_KINDS = {"measures", "accountability"}


@dataclass(frozen=True)
class Options:
    """How to run: which word segmenter, which rule overlay, per-document limits."""

    segmenter: str = "pkuseg"  # pkuseg | char | none (no segmentation: regex fast path only)
    rules: str | None = None
    max_bytes: int = 20_000_000
    max_chars: int = 2_000_000
    with_text: bool = True
    fast: bool = True  # pre-filter and lazy segmentation (extractor/run/prefilter.py); output is the same either way
    timeout: float | None = 120.0  # seconds per document; the document becomes status=error when exceeded


def _segmenter(options: Options):
    if options.segmenter == "none":
        return None
    if options.fast:
        from .prefilter import lazy_segmenter

        return lazy_segmenter(options.segmenter)
    from ..structure import segment

    return lambda s: segment(s, options.segmenter)


def _skip_spans(clean: CleanText) -> list[Span]:
    return [(s, e) for s, e, _reason in clean.skip_spans]


def _inside(pos: int, spans: list[Span]) -> bool:
    return any(a <= pos < b for a, b in spans)


def _new_item(clean: CleanText, start: int, end: int, ordinal: str, listed: bool, rule: str,
              section: str = "", list_id: int | None = None, level: int = 0) -> Item:
    return Item(index=0, ordinal=ordinal, listed=listed, text=clean.text[start:end], start=start, end=end,
                section=section, rule=rule, list_id=list_id, level=level)


def _list_kind(clean: CleanText, fl: FoundList, rs: RuleSet) -> str:
    """Lists whose intro named no kind: measures when most items state a concrete action."""
    if fl.kind != "unknown":
        return fl.kind
    acting = sum(has_concrete_action(clean.view[it.start:it.end], rs)[0] for it in fl.items)
    return "measures" if acting * 2 >= len(fl.items) else "other"


def collect_list_items(clean: CleanText, lists: list[FoundList], rs: RuleSet, segment,
                       orgs: list[str]) -> tuple[list[Item], list[Item], list[Span]]:
    """Measures and findings from the leaf lists; also the spans the lists cover (prose is looked for outside)."""
    measures: list[Item] = []
    findings: list[Item] = []
    covered: list[Span] = []
    findings_heading = rs.by_id("prose.findings_section")
    for list_id, fl in enumerate(lists):
        kind = _list_kind(clean, fl, rs)
        fl.kind = kind
        if kind == "container":
            # A section about problems found (一、存在的主要问题) holds findings and their narrative, no measures.
            for it in fl.items:
                if findings_heading is not None and findings_heading.pattern.search(
                        clean.view, it.start, it.start + len(it.heading)):
                    covered.append((it.start, it.end))
            continue
        for it in fl.items:
            if it.children:
                continue
            covered.append((it.start, it.end))
            if kind in MEASURE_KINDS:
                item = _new_item(clean, it.start, it.end, it.ordinal, True, fl.rule, fl.section, list_id, fl.level)
                if kind == "accountability":
                    item.category, item.category_rule = "accountability", fl.kind_rule
                measures.append(item)
            elif kind == "findings":
                findings.append(_new_item(clean, it.start, it.end, it.ordinal, True, fl.rule, fl.section,
                                          list_id, fl.level))
            elif kind == "facts":
                # Facts lists (事件具体情况如下：（1）…) hold measures only in the items that state an action.
                sents = split_sentences(clean.text, it.start, it.end)
                for pm in find_prose_measures(clean.text, clean.view, sents, rs, [], segment, orgs, assume_org=True):
                    measures.append(_new_item(clean, pm.start, pm.end, it.ordinal, True, pm.rule, fl.section,
                                              list_id, fl.level))
    return measures, findings, covered


def fill_fields(clean: CleanText, item: Item, rs: RuleSet, doc_date: str, hotlines: list[Hotline]) -> None:
    """Category, cue verbs, headline, status, deadline, parties and hotlines of one measure.

    ``hotlines`` are the document's (found once: scanning the whole text per measure is quadratic)."""
    view = clean.view[item.start:item.end]
    if not item.category:
        item.category, item.category_rule = classify_category(view, rs)
    item.cue_verbs = [verb for _, _, verb, _ in find_cue_verbs(view, rs)]
    hs, he = extract_headline(item.text, view)
    item.headline = item.text[hs:he]
    item.status, item.status_rule = classify_status(view, rs)
    dl = find_deadline(view, rs, doc_date or None)
    if dl is not None:
        s, e, _raw, iso, rid = dl
        item.deadline = Deadline(clean.text[item.start + s:item.start + e], item.start + s, item.start + e, iso, rid)
    item.parties = find_parties(clean, rs, item.start, item.end)
    item.hotlines = [h for h in hotlines if item.start <= h.start and h.end <= item.end]


def _speaks_for_company(party: Party, orgs: list[str], rs: RuleSet) -> bool:
    """The organization itself, or a branch acting for it (长沙分公司将跟进处理), is no party; a company that is
    sanctioned (代理商被封停) is one."""
    if party.role == "disciplined":
        return False
    return any(n and (party.name == n or party.name.endswith(n)) for n in orgs) or (
        party.role == "actor" and is_company_unit(party.name, rs))


def _dedupe_parties(parties: Iterable[Party]) -> list[Party]:
    """One row per (name, role); a name that ends another one of the same role (评估专家组 within
    省级评估专家组) is the same party mentioned shortly."""
    seen, out = set(), []
    ordered = sorted(parties, key=lambda p: p.start)
    names = {(p.name, p.role) for p in ordered}
    for p in ordered:
        name = p.name
        key = (name, p.role)
        if key in seen or any(other != name and other.endswith(name) and role == p.role for other, role in names):
            continue
        seen.add(key)
        out.append(p)
    return out


def extract_clean(record: DocumentRecord, clean: CleanText, rs: RuleSet, options: Options) -> DocumentRecord:
    """Fill ``record`` from a cleaned document (the stages after loading and cleaning)."""
    segment = _segmenter(options)
    skip = _skip_spans(clean)
    lists = find_lists(clean.text, clean.view, rs, skip)
    company = find_responding_company(clean, rs, record.title, skip)
    orgs = _org_names(company, rs)
    measures, findings, covered = collect_list_items(clean, lists, rs, segment, orgs)
    listed_spans = [(m.start, m.end) for m in measures]
    taken = SpanSet(covered)
    prose_sentences = [(s, e) for s, e in iter_sentences(clean.text, skip) if not taken.overlaps(s, e)]
    for pm in find_prose_measures(clean.text, clean.view, prose_sentences, rs, listed_spans, segment, orgs):
        measures.append(_new_item(clean, pm.start, pm.end, "", False, pm.rule))
    measures.sort(key=lambda m: m.start)
    findings.sort(key=lambda m: m.start)
    fields = analyze_document(clean, rs, title=record.title, doc_date=record.date, n_measures=len(measures),
                              n_listed=sum(m.listed for m in measures), skip=skip, company=company)
    record.is_statement = fields.is_statement
    record.statement_score = fields.statement_score
    record.apology, record.apology_text = fields.apology, fields.apology_text
    record.company, record.branches = fields.company, fields.branches
    record.incident, record.timeline = fields.incident, fields.timeline
    record.script = clean.script
    record.warnings.extend(clean.warnings)
    if not record.is_statement:
        # Not an organization's response: its lists are plans, petitions or reporting, not measures.
        return record
    # Fields only for statements: the measures of any other document are dropped above.
    body = _body_spans(clean, skip)
    hotlines = find_hotlines(clean, rs, spans=body, skip=skip)
    for i, m in enumerate(measures, 1):
        m.index = i
        fill_fields(clean, m, rs, record.date, hotlines)
        m.parties = [p for p in m.parties if not _speaks_for_company(p, orgs, rs)]
    for i, f in enumerate(findings, 1):
        f.index = i
    record.measures, record.findings = measures, findings
    record.hotlines = hotlines
    parties = [p for m in measures for p in m.parties]
    for a, b in body:
        parties.extend(find_parties(clean, rs, a, b))
    record.parties = _dedupe_parties(p for p in parties if not _speaks_for_company(p, orgs, rs))
    count = find_stated_count(clean.view, lists, rs, skip)
    if count is not None:
        record.stated_count = count.value
        listed = [m for m in measures if m.listed and (count.list_id is None or m.list_id == count.list_id)]
        record.count_ok = count.value == len(listed)
        if not record.count_ok:
            record.warnings.append(
                f"stated count {count.value} ({count.text}) but {len(listed)} listed measures found")
    return record


CO_RESPONDER = 0.5  # share of the leading organization's mentions another one needs to count as responding


def _org_names(found: CompanyResult, rs: RuleSet | None = None) -> list[str]:
    """Names of the organizations that may be responding (Simplified), for attributing prose sentences."""
    # Other organizations the text names about as often (a co-responder, the group behind a brand) may speak
    # for it; one named in passing (a consumer association, an influencer) does not, and neither does a
    # regulator reported beside a company (质检总局要求各地…), unless the responder is a public body itself.
    top = max(found.candidates.values(), default=0.0)
    public = rs is None or is_public_body(found.name, rs)
    co = [c for c, v in found.candidates.items() if v >= CO_RESPONDER * top
          and (public or c == found.name or not is_outside_body(c, rs))]
    names = [found.name, *found.branches, *co]
    # Short forms name the same organization: 中国联通 -> 联通 (长沙联通, 黑龙江联通 act for it).
    cores = [re.sub(r"^中国|(?:股份)?(?:有限)?(?:公司|集团)$", "", n) for n in names if n]
    return names + [c for c in cores if len(c) >= 2]


def _body_spans(clean: CleanText, skip: list[Span]) -> list[Span]:
    """Paragraphs outside boilerplate."""
    out = []
    pos = 0
    for para in clean.text.split("\n"):
        s, e = pos, pos + len(para)
        pos = e + 1
        if para.strip() and not _inside(s, skip):
            out.append((s, e))
    return out


def extract_loaded(doc: LoadedDoc, options: Options = Options(), rs: RuleSet | None = None) -> DocumentRecord:
    """One record for one loaded document; never raises for a bad document."""
    rs = rs or load_ruleset(options.rules)
    record = DocumentRecord(doc_id=doc.doc_id, path=doc.path, title=doc.title, date=doc.date, url=doc.url,
                            format=doc.format, encoding=doc.encoding, warnings=list(doc.warnings))
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
            if options.fast and prefilter_record(record, clean, rs):
                return record
            return extract_clean(record, clean, rs, options)
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
                 options: Options = Options()) -> dict:
    """Extract from a plain text string; returns the JSON-ready record (see README for its fields)."""
    doc = LoadedDoc(doc_id=doc_id, path=doc_id, format="txt", text=text, title=title, date=date)
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
    rs = load_ruleset(options.rules)
    for doc in iter_loaded(list(paths), options):
        yield extract_loaded(doc, options, rs).as_dict(with_text=options.with_text)
