"""Tables on disk (output/writer.py, output/schema.py): temporary names until the end, one fixed Parquet schema,
row groups written as the run goes, and every write failure as one OutputError."""
from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

from conftest import copy_corpus
from extractor.errors import OutputError
from extractor.output import OUTPUT_TABLES, TABLES, TableWriter, table_dtypes, to_frames, writer as writer_module
from extractor.run import Options, iter_records

OPTIONS = Options(segmenter="none", with_text=False)
FUZZ = Path(__file__).parents[1] / "fuzz"


@pytest.fixture(scope="module")
def records(tmp_path_factory) -> list[dict]:
    """The corpus (statements with measures, parties, hotlines) and the fuzz files (error rows, empty values)."""
    root = copy_corpus(tmp_path_factory.mktemp("writer_in"))
    return list(iter_records([str(root), str(FUZZ)], OPTIONS))


def _write_all(out: Path, records: list[dict], formats=("csv", "jsonl", "parquet")) -> list[Path]:
    writer = TableWriter(out, formats)
    for rec in records:
        writer.write(rec)
    return writer.close()


def test_files_keep_temporary_names_until_close(tmp_path, records):
    writer = TableWriter(tmp_path, ["csv", "jsonl", "parquet"])
    writer.write(records[0])
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        f"{t}.{ext}.part" for t in OUTPUT_TABLES for ext in ("csv", "jsonl", "parquet"))
    written = writer.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in written) == sorted(
        f"{t}.{ext}" for t in OUTPUT_TABLES for ext in ("csv", "jsonl", "parquet"))


def test_abort_keeps_only_part_files_with_the_rows_so_far(tmp_path, records):
    writer = TableWriter(tmp_path, ["jsonl"])
    for rec in records[:3]:
        writer.write(rec)
    left = writer.abort()
    assert {p.name for p in left} == {f"{t}.jsonl.part" for t in OUTPUT_TABLES}
    lines = (tmp_path / "documents.jsonl.part").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["doc_id"] for line in lines] == [r["doc_id"] for r in records[:3]]


@pytest.mark.parametrize("table", TABLES)
def test_parquet_has_the_fixed_types_even_when_empty_or_all_null(tmp_path, records, table):
    _write_all(tmp_path / "all", records, ["parquet"])
    _write_all(tmp_path / "none", [], ["parquet"])
    # one document without any value: stated_count and count_ok are null in every row
    _write_all(tmp_path / "one", [r for r in records if not r["measures"]][:1], ["parquet"])
    for folder in ("all", "none", "one"):
        got = pd.read_parquet(tmp_path / folder / f"{table}.parquet")
        assert dict(got.dtypes.astype(str)) == table_dtypes(table), folder


def test_documents_table_types_counts_and_flags(tmp_path, records):
    _write_all(tmp_path, records, ["parquet"])
    docs = pd.read_parquet(tmp_path / "documents.parquet")
    assert str(docs["stated_count"].dtype) == "Int64" and str(docs["count_ok"].dtype) == "boolean"
    assert docs["stated_count"].isna().any() and docs["stated_count"].notna().any()


def test_parquet_is_written_in_row_groups_in_input_order(tmp_path, records, monkeypatch):
    monkeypatch.setattr(writer_module, "ROW_GROUP", 4)
    _write_all(tmp_path, records, ["parquet"])
    meta = pq.ParquetFile(tmp_path / "documents.parquet").metadata
    assert meta.num_row_groups == -(-len(records) // 4)
    assert list(pd.read_parquet(tmp_path / "documents.parquet")["doc_id"]) == [r["doc_id"] for r in records]


def test_pandas_frames_have_the_parquet_types(records):
    frames = to_frames(records)
    assert {t: dict(f.dtypes.astype(str)) for t, f in frames.items()} == {t: table_dtypes(t) for t in OUTPUT_TABLES}


def test_every_table_has_the_documents_path(tmp_path, records):
    _write_all(tmp_path, records, ["csv"])
    paths = set(pd.read_csv(tmp_path / "documents.csv")["path"])
    for table in TABLES:
        frame = pd.read_csv(tmp_path / f"{table}.csv")
        assert "path" in frame.columns and set(frame["path"]) <= paths, table
    measures = pd.read_csv(tmp_path / "measures.csv")
    assert len(measures) > 0 and list(measures.columns)[:8] == [
        "doc_id", "index", "ordinal", "listed", "category", "text", "start", "end"]


def test_a_file_where_the_folder_should_be_is_an_output_error(tmp_path):
    (tmp_path / "out").write_text("not a folder")
    with pytest.raises(OutputError) as info:
        TableWriter(tmp_path / "out", ["csv"])
    assert str(info.value) == f"{tmp_path / 'out'}: cannot write (a file is in the way: not a folder)"
