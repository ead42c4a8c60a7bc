"""Statements grouped by organization, in date order: the ``organizations`` table and the report's
across-documents view.

A reader compares how an organization answered one incident with how it answered the last: what it promised in
one statement (status ``planned``) and whether a later statement reports a measure of the same kind done. The
grouping key is the record's ``company`` (Simplified, so a Traditional and a Simplified statement of the same
organization meet); only documents that are statements (``is_statement``) with a company take part.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from typing import Iterable

from .schema import ORGANIZATION_COLUMNS

# A statement without measures still gets a row (so every statement of the organization is listed); these
# columns are then empty.
_MEASURE_KEYS = ("index", "ordinal", "category", "status", "deadline", "deadline_iso", "text", "start", "end",
                 "done_later")

_YMD = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*[-./年]\s*(\d{1,2})\s*[-./月]\s*(\d{1,2})(?!\d)")


def document_date(value: str | None) -> str:
    """The ISO date (``YYYY-MM-DD``) of a record's ``date`` in the spellings the loaders pass on
    (``2022-03-29 14:52:18 +0800``, ``Wed, 11 May 2022 14:31:00 GMT``, ``2022年5月11日``), or "" when unknown."""
    if not value:
        return ""
    m = _YMD.search(value)
    if m:
        y, mo, d = (int(g) for g in m.groups())
        return f"{y:04d}-{mo:02d}-{d:02d}" if 1 <= mo <= 12 and 1 <= d <= 31 else ""
    try:
        # The date as written in the document's own zone: an evening GMT time is still that calendar day there.
        return parsedate_to_datetime(value).date().isoformat()
    except (TypeError, ValueError, IndexError):
        return ""


@dataclass
class Statement:
    """One statement of an organization: where it sits in the input and the measures it reports."""

    position: int          # order in the input (ties between equal dates, and undated statements, keep it)
    doc_id: str
    title: str
    date: str              # ISO date or ""
    measures: list[dict] = field(default_factory=list)


@dataclass
class Organization:
    """An organization and its statements in date order (undated ones last, in input order)."""

    name: str
    statements: list[Statement]

    def done_later(self) -> dict[tuple[int, int], int]:
        """For each planned measure, keyed (statement number, measure number) counted from 0, the number of the
        first later statement that reports a measure of the same category done. A hint for the reader, not a
        proof that the promise was kept: the category is the only thing compared."""
        done_at: dict[str, list[int]] = {}
        for k, st in enumerate(self.statements):
            for m in st.measures:
                if m.get("status") == "done":
                    done_at.setdefault(m.get("category") or "other", []).append(k)
        out = {}
        for k, st in enumerate(self.statements):
            for j, m in enumerate(st.measures):
                if m.get("status") != "planned":
                    continue
                later = [n for n in done_at.get(m.get("category") or "other", []) if n > k]
                if later:
                    out[(k, j)] = later[0]
        return out


class OrganizationIndex:
    """Collects statements record by record (streaming) and gives them grouped by organization."""

    def __init__(self) -> None:
        self._by_name: dict[str, list[Statement]] = {}
        self._count = 0

    def add(self, rec: dict) -> None:
        """Take ``rec`` into account (every record must pass here, statement or not, to keep input order)."""
        position = self._count
        self._count += 1
        name = (rec.get("company") or "").strip()
        if rec.get("status") != "ok" or not rec.get("is_statement") or not name:
            return
        self._by_name.setdefault(name, []).append(Statement(
            position=position, doc_id=rec.get("doc_id", ""), title=rec.get("title") or "",
            date=document_date(rec.get("date")), measures=list(rec.get("measures") or [])))

    def organizations(self) -> list[Organization]:
        """Organizations by name; each one's statements by date (undated last), then input order."""
        return [Organization(name, sorted(sts, key=lambda s: (s.date == "", s.date, s.position)))
                for name, sts in sorted(self._by_name.items())]

    def rows(self) -> list[dict]:
        """The ``organizations`` table: one row per measure of each statement, or one row for a statement
        without measures; columns ORGANIZATION_COLUMNS."""
        rows = []
        for org in self.organizations():
            later = org.done_later()
            for k, st in enumerate(org.statements):
                base = {"organization": org.name, "statement": k + 1, "n_statements": len(org.statements),
                        "date": st.date, "doc_id": st.doc_id, "title": st.title}
                if not st.measures:
                    rows.append({**base, **{key: None for key in _MEASURE_KEYS}})
                for j, m in enumerate(st.measures):
                    dl = m.get("deadline") or {}
                    after = later.get((k, j))
                    rows.append({**base, "index": m.get("index"), "ordinal": m.get("ordinal", ""),
                                 "category": m.get("category"), "status": m.get("status"),
                                 "deadline": dl.get("text", ""), "deadline_iso": dl.get("iso") or "",
                                 "text": m.get("text", ""), "start": m.get("start"), "end": m.get("end"),
                                 "done_later": org.statements[after].doc_id if after is not None else ""})
        return rows


def organization_rows(records: Iterable[dict]) -> list[dict]:
    """The ``organizations`` table of ``records`` (see :meth:`OrganizationIndex.rows`)."""
    index = OrganizationIndex()
    for rec in records:
        index.add(rec)
    return index.rows()
