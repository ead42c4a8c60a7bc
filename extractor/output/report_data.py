"""What the report keeps of each record while the records stream past: one overview row per document, the
counts behind the charts, the dated actions, and the statements grouped by organization. The clean texts are
not kept (each document's view is written out as soon as its record comes), so memory grows with the number of
documents and measures, not with the size of the texts."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from .organizations import OrganizationIndex, document_date
from .report_svg import Dot


def _excerpt(text: str, n: int = 80) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= n else text[:n] + "…"


def _measure_row(m: dict) -> list:
    """A measure as the page script reads it: [ordinal, category, status, deadline, text]."""
    dl = m.get("deadline") or {}
    return [m.get("ordinal") or "", m.get("category") or "other", m.get("status") or "unknown", dl.get("text", ""),
            m.get("text", "")]


@dataclass
class Summary:
    """Accumulates records (:meth:`add`) and gives the page data (:meth:`payload`) and chart inputs."""

    docs: list[dict] = field(default_factory=list)
    categories: Counter = field(default_factory=Counter)
    statuses: Counter = field(default_factory=Counter)
    measures_by_org: Counter = field(default_factory=Counter)
    dots: list[Dot] = field(default_factory=list)
    undated: int = 0
    # Every record passes through orgs.add, so a statement's position there is its position here.
    orgs: OrganizationIndex = field(default_factory=OrganizationIndex)

    def add(self, rec: dict) -> int:
        """Take one record; returns its position (the number of its document view, ``#/doc/N``)."""
        pos = len(self.docs)
        measures = rec.get("measures") or []
        company = rec.get("company") or ""
        date = document_date(rec.get("date"))
        self.docs.append({
            "id": rec.get("doc_id", ""), "title": rec.get("title") or "", "date": date or (rec.get("date") or ""),
            "iso": date, "status": rec.get("status", "ok"), "error": rec.get("error") or "",
            "warnings": list(rec.get("warnings") or []), "stmt": bool(rec.get("is_statement")),
            "score": rec.get("statement_score"), "company": company,
            "n": [len(measures), len(rec.get("findings") or []), len(rec.get("parties") or []),
                  len(rec.get("hotlines") or [])],
            "cats": sorted({m.get("category") or "other" for m in measures}),
            "m": [_measure_row(m) for m in measures],
        })
        self.orgs.add(rec)
        for m in measures:
            self.categories[m.get("category") or "other"] += 1
            self.statuses[m.get("status") or "unknown"] += 1
            if company:
                self.measures_by_org[company] += 1
        self._add_dots(rec, pos, company or "(no organization)")
        return pos

    def _add_dots(self, rec: dict, pos: int, row: str) -> None:
        href, doc_id = f"#/doc/{pos}", rec.get("doc_id", "")
        for t in rec.get("timeline") or []:
            if t.get("iso"):
                self.dots.append(Dot(t["iso"], row, "action", f"{doc_id}: {_excerpt(t.get('action', ''))}", href))
            else:
                self.undated += 1
        for m in rec.get("measures") or []:
            dl = m.get("deadline") or {}
            if dl.get("iso"):
                tip = f"{doc_id}: {dl.get('text', '')} – {_excerpt(m.get('text', ''), 50)}"
                self.dots.append(Dot(dl["iso"], row, "deadline", tip, href))

    def organizations_payload(self) -> list[dict]:
        """Each organization: its statements' positions in date order and, for planned measures, the position of
        the later statement reporting a measure of the same category done (``later``: [statement, measure,
        later statement], statement numbers counted in ``docs``)."""
        out = []
        for org in self.orgs.organizations():
            positions = [s.position for s in org.statements]
            later = [[k, j, n] for (k, j), n in sorted(org.done_later().items())]
            out.append({"name": org.name, "docs": positions, "later": later})
        return out

    def payload(self, title: str, palette: dict) -> dict:
        """Everything the page script needs, as JSON-ready data."""
        return {"title": title, "docs": self.docs, "orgs": self.organizations_payload(),
                "categories": palette["categories"], "statuses": palette["statuses"]}
