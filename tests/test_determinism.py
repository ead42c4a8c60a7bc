"""A second run gives identical files, and worker processes do not change the output.

The input is the corpus plus the fuzz corpus of broken files (tests/fuzz), so error rows and warnings are
compared too. Three CLI runs: --jobs 1 twice, --jobs 2 once. CSV, JSON Lines and the report must be byte-identical;
Parquet files must hold equal tables (their bytes carry writer metadata, which is not the promise).
"""
import shutil
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest

HERE = Path(__file__).parent
TABLES = ("documents", "measures", "findings", "parties", "hotlines", "organizations")


def _run(src: Path, out: Path, jobs: int) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "extractor", str(src), "--out", str(out), "--format",
                           "csv,jsonl,parquet", "--segmenter", "char", "--jobs", str(jobs), "--quiet"],
                          capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    root = tmp_path_factory.mktemp("determinism")
    src = root / "in"
    shutil.copytree(HERE.parent / "corpus", src / "corpus")
    shutil.copytree(HERE / "fuzz", src / "fuzz")
    procs = {name: _run(src, root / name, jobs) for name, jobs in (("first", 1), ("second", 1), ("jobs2", 2))}
    return root, procs


def test_runs_end_with_the_failed_documents_exit_code(runs):
    _root, procs = runs
    assert {name: p.returncode for name, p in procs.items()} == {"first": 1, "second": 1, "jobs2": 1}


def test_runs_write_every_table(runs):
    root, _procs = runs
    expected = sorted([f"{t}.{ext}" for t in TABLES for ext in ("csv", "jsonl", "parquet")] + ["report.html"])
    assert sorted(p.name for p in (root / "first").iterdir()) == expected


@pytest.mark.parametrize("other", ["second", "jobs2"])
@pytest.mark.parametrize("name", [f"{t}.{ext}" for t in TABLES for ext in ("csv", "jsonl")] + ["report.html"])
def test_text_outputs_are_byte_identical(runs, other, name):
    root, _procs = runs
    first = (root / "first" / name).read_bytes()
    assert first, name
    assert (root / other / name).read_bytes() == first


@pytest.mark.parametrize("other", ["second", "jobs2"])
@pytest.mark.parametrize("table", TABLES)
def test_parquet_tables_are_equal(runs, other, table):
    root, _procs = runs
    first = pq.read_table(root / "first" / f"{table}.parquet")
    assert pq.read_table(root / other / f"{table}.parquet").equals(first)


def test_documents_table_lists_the_broken_files_as_errors(runs):
    root, _procs = runs
    rows = (root / "first" / "documents.csv").read_text(encoding="utf-8")
    assert "fuzz/binary.txt" in rows and "binary file" in rows
