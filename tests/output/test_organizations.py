"""The organizations table: statements grouped by organization in date order, planned promises and the later
statement reporting the same kind of measure done; written by --out and given by to_frames (issue 12)."""
import pandas as pd
import pytest

import extractor
from extractor.output import TableWriter
from extractor.output.organizations import ORGANIZATION_COLUMNS, document_date, organization_rows


def measure(index, category, status, text="措施", deadline=None):
    return {"index": index, "ordinal": "", "category": category, "status": status, "text": text, "start": 0,
            "end": len(text), "deadline": deadline}


def statement(doc_id, company, date, measures, **extra):
    return {"doc_id": doc_id, "status": "ok", "is_statement": True, "company": company, "date": date,
            "title": f"title {doc_id}", "measures": measures, "findings": [], "parties": [], "hotlines": [],
            "warnings": [], **extra}


RECORDS = [
    statement("b.txt", "乙公司", "2023-06-01", [measure(1, "refund", "done")]),
    statement("a2.txt", "甲公司", "Wed, 11 May 2022 14:31:00 GMT",
              [measure(1, "system", "done"), measure(2, "refund", "planned")]),
    statement("a1.txt", "甲公司", "2021年3月4日",
              [measure(1, "system", "planned", deadline={"text": "6月底前", "iso": "2021-06-30"}),
               measure(2, "training", "planned")]),
    statement("a0.txt", "甲公司", "", []),                                  # undated, no measures: last, one row
    statement("n.txt", "甲公司", "2020-01-01", [measure(1, "other", "done")], is_statement=False),  # not a statement
    {"doc_id": "e.txt", "status": "error", "error": "e.txt: empty file", "company": "", "measures": []},
]


@pytest.mark.parametrize("written, iso", [
    ("2022-03-29 14:52:18 +0800", "2022-03-29"), ("Wed, 11 May 2022 14:31:00 GMT", "2022-05-11"),
    ("2021年3月4日", "2021-03-04"), ("2021/3/4", "2021-03-04"), ("", ""), ("yesterday", ""), ("2021-13-40", ""),
])
def test_document_dates_are_read_in_every_spelling_the_loaders_pass(written, iso):
    assert document_date(written) == iso


def test_statements_are_grouped_by_organization_in_date_order():
    rows = organization_rows(RECORDS)
    assert [(r["organization"], r["statement"], r["doc_id"], r["index"]) for r in rows] == [
        ("乙公司", 1, "b.txt", 1),
        ("甲公司", 1, "a1.txt", 1), ("甲公司", 1, "a1.txt", 2),
        ("甲公司", 2, "a2.txt", 1), ("甲公司", 2, "a2.txt", 2),
        ("甲公司", 3, "a0.txt", None),
    ]
    assert {r["n_statements"] for r in rows if r["organization"] == "甲公司"} == {3}
    assert rows[1]["date"] == "2021-03-04" and rows[1]["deadline_iso"] == "2021-06-30"


def test_a_planned_measure_points_to_the_later_statement_reporting_its_category_done():
    rows = {(r["doc_id"], r["index"]): r for r in organization_rows(RECORDS)}
    assert rows[("a1.txt", 1)]["status"] == "planned" and rows[("a1.txt", 1)]["done_later"] == "a2.txt"
    assert rows[("a1.txt", 2)]["done_later"] == ""    # training: never reported done
    assert rows[("a2.txt", 2)]["done_later"] == ""    # refund done only by another organization
    assert rows[("a2.txt", 1)]["done_later"] == ""    # done itself


def test_to_frames_gives_the_organizations_table():
    frames = extractor.to_frames(RECORDS)
    orgs = frames["organizations"]
    assert list(orgs.columns) == ORGANIZATION_COLUMNS and len(orgs) == 6
    assert str(orgs["index"].dtype) == "Int64" and pd.isna(orgs["index"].iloc[-1])


def test_table_writer_writes_organizations_in_every_format(tmp_path):
    writer = TableWriter(tmp_path, ["csv", "jsonl", "parquet"])
    for rec in RECORDS:
        writer.write(rec)
    written = writer.close()
    assert {p.name for p in written} >= {"organizations.csv", "organizations.jsonl", "organizations.parquet"}
    parquet = pd.read_parquet(tmp_path / "organizations.parquet")
    csv = pd.read_csv(tmp_path / "organizations.csv")
    assert len(parquet) == len(csv) == 6 and list(parquet["doc_id"]) == list(csv["doc_id"])
    assert (tmp_path / "organizations.jsonl").read_text(encoding="utf-8").count("\n") == 6


def test_no_statement_gives_an_empty_table_with_its_columns(tmp_path):
    writer = TableWriter(tmp_path, ["csv", "parquet"])
    writer.write(RECORDS[-1])
    writer.close()
    assert (tmp_path / "organizations.csv").read_text(encoding="utf-8").strip() == ",".join(ORGANIZATION_COLUMNS)
    assert list(pd.read_parquet(tmp_path / "organizations.parquet").columns) == ORGANIZATION_COLUMNS
