"""The command line: output shapes, exit codes (0 ok, 1 some documents failed, 2 usage) and messages."""
import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from extractor.cli import app

ROOT = Path(__file__).parent.parent
CORPUS = ROOT / "corpus"
FUZZ = Path(__file__).parent / "fuzz"
SEED_000 = CORPUS / "000_96c7af21cd661f14.txt"


@pytest.fixture()
def runner():
    return CliRunner()


def run(runner, *args, **kw):
    return runner.invoke(app, [*map(str, args), "--segmenter", "char", "--quiet"], **kw)


def test_csv_prints_the_measures_table(runner):
    result = run(runner, SEED_000, "--csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert list(rows[0])[:8] == ["doc_id", "index", "ordinal", "listed", "category", "text", "start", "end"]
    assert [r["ordinal"] for r in rows if r["listed"] == "True"] == ["一是", "二是", "三是", "四是"]


def test_excel_csv_starts_with_a_bom(runner):
    result = run(runner, SEED_000, "--csv", "--excel")
    assert result.stdout.startswith("\ufeffdoc_id,index,ordinal")


def test_jsonl_has_one_record_per_document(runner):
    result = run(runner, CORPUS, "--jsonl")
    assert result.exit_code == 0
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(records) == 5 and all(r["status"] == "ok" for r in records)
    assert {"doc_id", "path", "status", "error", "title", "date", "script", "is_statement", "apology", "company",
            "stated_count", "count_ok", "measures", "findings", "hotlines", "parties", "warnings"} <= set(records[0])


def test_bad_files_are_listed_with_their_error_and_the_run_goes_on(runner):
    result = run(runner, FUZZ, SEED_000, "--jsonl")
    assert result.exit_code == 1
    records = [json.loads(line) for line in result.stdout.splitlines()]
    by_name = {Path(r["path"]).name: r for r in records}
    assert by_name["000_96c7af21cd661f14.txt"]["status"] == "ok"
    assert by_name["binary.txt"]["status"] == "error" and "binary" in by_name["binary.txt"]["error"]
    assert by_name["empty.md"]["status"] == "error" and "empty" in by_name["empty.md"]["error"]
    for rec in records:
        if rec["status"] == "error":
            assert rec["error"] in result.stderr  # one line on stderr names the file and the problem
            assert "\n" not in rec["error"]


def test_missing_path_is_an_error_document(runner):
    result = run(runner, "no/such/file.txt", "--jsonl")
    assert result.exit_code == 1
    rec = json.loads(result.stdout)
    assert rec["status"] == "error" and "no/such/file.txt" in rec["error"]


def test_out_writes_every_table_in_every_format(runner, tmp_path):
    result = runner.invoke(app, [str(CORPUS), "--out", str(tmp_path), "--format", "csv,jsonl,parquet", "--segmenter",
                                 "char"])
    assert result.exit_code == 0, result.output
    for table in ("documents", "measures", "findings", "parties", "hotlines"):
        for ext in ("csv", "jsonl", "parquet"):
            assert (tmp_path / f"{table}.{ext}").exists()
    assert "5 documents (0 failed)" in result.stderr
    import pandas as pd

    assert len(pd.read_parquet(tmp_path / "documents.parquet")) == 5


def test_unknown_format_is_a_usage_error(runner):
    result = run(runner, SEED_000, "--out", "x", "--format", "xlsx")
    assert result.exit_code == 2 and "unknown --format 'xlsx'" in result.stderr


def test_invalid_rule_overlay_is_a_usage_error_naming_file_and_line(runner, tmp_path):
    (tmp_path / "hotlines.regex.jsonl").write_text('{"id": "hotline.bad", "pattern": "([0-9"}\n', encoding="utf-8")
    result = run(runner, SEED_000, "--jsonl", "--rules", tmp_path)
    assert result.exit_code == 2
    assert "hotlines.regex.jsonl:1: [hotline.bad] regex does not compile" in result.stderr


def test_rule_overlay_changes_the_output(runner, tmp_path):
    # both shapes that read 10015-6 as a number are disabled: it is no longer even a candidate
    (tmp_path / "hotlines.regex.jsonl").write_text(
        '{"id": "hotline.carrier", "role": "number", "kind": "service", "context": "line", "pattern": "(?!)", "note": "disabled"}\n'
        '{"id": "hotline.phone_like", "role": "number", "kind": "service", "context": "point", "pattern": "(?!)", "note": "disabled"}\n',
        encoding="utf-8")
    result = run(runner, SEED_000, "--jsonl", "--rules", tmp_path)
    assert result.exit_code == 0
    assert json.loads(result.stdout)["hotlines"] == []


def test_stdin_dash(runner):
    text = "针对此次事件，公司深表歉意，采取了以下措施：\n一是全面回退异常扣费。\n二是开通服务专线10015-6。"
    result = run(runner, "-", "--jsonl", input=text)
    rec = json.loads(result.stdout)
    assert rec["doc_id"] == "-" and [m["ordinal"] for m in rec["measures"] if m["listed"]] == ["一是", "二是"]


def test_explain_shows_rule_offsets_and_sentence(runner):
    result = run(runner, SEED_000, "--explain")
    assert result.exit_code == 0
    assert "measure 3 [一是] listed=True" in result.stdout or "[一是] listed=True" in result.stdout
    assert "rule=ordinal.yi_shi" in result.stdout
    assert "hotline 10015-6" in result.stdout and "in: " in result.stdout


def test_python_dash_m_runs_the_cli():
    proc = subprocess.run([sys.executable, "-m", "extractor", str(SEED_000), "--csv", "--segmenter", "char"],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0 and proc.stdout.startswith("doc_id,index,ordinal")
