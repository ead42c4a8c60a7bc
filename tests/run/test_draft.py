"""`extract draft`: the model's decisions written as draft gold files beside the pages (or beside copies), which
`extract train` refuses until an annotator has checked them; existing gold files are kept; bad pages and outputs
get one line each."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import CORPUS, DOCS

EXTRACT = [sys.executable, "-m", "extractor"]
STATEMENT = CORPUS / "000_96c7af21cd661f14.txt"      # Simplified, listed and prose measures, a hotline
TRADITIONAL = CORPUS / "003_b5eccb2a8ffc8f38.txt"    # Traditional: measure texts stay in the page's script


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([*EXTRACT, *map(str, args)], capture_output=True, text=True, encoding="utf-8")


def _records(*paths: Path) -> dict[str, dict]:
    proc = _run(*paths, "--jsonl", "--no-text", "--quiet")
    return {Path(r["path"]).stem: r for r in map(json.loads, proc.stdout.splitlines())}


@pytest.fixture
def pages(tmp_path) -> Path:
    folder = tmp_path / "pages"
    folder.mkdir()
    shutil.copy(STATEMENT, folder / "p1.txt")
    shutil.copy(TRADITIONAL, folder / "p2.txt")
    (folder / "n1.txt").write_text(DOCS["n2"][0], encoding="utf-8")  # a road accident: no response
    return folder


def test_a_draft_holds_the_records_decisions_in_the_gold_shape(pages):
    proc = _run("draft", pages)
    assert proc.returncode == 0, proc.stderr
    assert "drafted 3 page(s) beside the pages (2 read as statements)" in proc.stderr
    records = _records(pages)
    for stem, rec in records.items():
        gold = json.loads((pages / f"{stem}.gold.json").read_text(encoding="utf-8"))
        assert gold["doc"] == f"{stem}.txt" and gold["draft"] is True
        assert gold["is_statement"] == rec["is_statement"] and gold["company"] == (rec["company"] or "")
        assert [m["text"] for m in gold["measures"]] == [m["text"] for m in rec["measures"]]
        assert [m["category"] for m in gold["measures"]] == [m["category"] for m in rec["measures"]]
        assert gold["hotlines"] == list(dict.fromkeys(h["number"] for h in rec["hotlines"]))
    first = json.loads((pages / "p1.gold.json").read_text(encoding="utf-8"))
    assert any(m["listed"] for m in first["measures"]) and any(not m["listed"] for m in first["measures"])
    assert first["hotlines"] and first["parties"]
    # the page's own script, as GOLD_SCHEMA asks of texts: the Traditional page's measures are Traditional
    second = json.loads((pages / "p2.gold.json").read_text(encoding="utf-8"))
    assert any("聯通" in m["text"] for m in second["measures"])
    assert json.loads((pages / "n1.gold.json").read_text(encoding="utf-8"))["measures"] == []


def test_train_refuses_drafts_until_their_draft_line_is_deleted(pages, tmp_path):
    assert _run("draft", pages, "--quiet").returncode == 0
    proc = _run("train", pages, "--out", tmp_path / "model", "--cv", "0")
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert sorted(l.split(":")[0] for l in lines[:-1]) == sorted(str(p) for p in pages.glob("*.gold.json"))
    assert all("unreviewed draft" in l for l in lines[:-1]) and not (tmp_path / "model").exists()
    for path in pages.glob("*.gold.json"):
        gold = json.loads(path.read_text(encoding="utf-8"))
        del gold["draft"]
        path.write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    proc = _run("train", pages, "--out", tmp_path / "model", "--cv", "0")
    assert proc.returncode == 0, proc.stderr


def test_the_shared_scorer_reads_a_checked_draft_as_the_record_it_came_from(pages, tmp_path):
    from extractor.tools.evaluate import default_shared_dir

    scorer = default_shared_dir() / "eval" / "score.py"
    if not scorer.is_file():
        pytest.skip(f"shared scorer not found at {scorer}")
    assert _run("draft", pages, "--quiet").returncode == 0
    pred = tmp_path / "pred.jsonl"
    pred.write_text(_run(pages, "--jsonl", "--no-text", "--quiet").stdout, encoding="utf-8")
    proc = subprocess.run([sys.executable, str(scorer), str(pages), str(pred), "--json"], capture_output=True,
                          text=True, encoding="utf-8")
    scores = json.loads(proc.stdout.strip().splitlines()[-1])
    assert scores["measures"]["f1"] == 1.0 and scores["measures"]["tp"] > 10
    assert scores["parties"]["f1"] == scores["hotlines"]["f1"] == scores["company_accuracy"] == 1.0


def test_an_existing_gold_file_is_kept_unless_forced(pages):
    mine = pages / "p1.gold.json"
    mine.write_text('{"doc": "p1.txt", "is_statement": true, "measures": []}', encoding="utf-8")
    before = mine.read_bytes()
    proc = _run("draft", pages)
    assert proc.returncode == 0 and mine.read_bytes() == before
    assert "kept 1 existing gold file(s)" in proc.stderr and "drafted 2 page(s)" in proc.stderr
    assert _run("draft", pages, "--force", "--quiet").returncode == 0
    assert json.loads(mine.read_text(encoding="utf-8"))["draft"] is True


def test_out_copies_the_pages_and_pick_keeps_the_least_certain(pages, tmp_path):
    out = tmp_path / "to_annotate"
    proc = _run("draft", pages, "--out", out, "--pick", "1")
    assert proc.returncode == 0, proc.stderr
    scores = {stem: r["statement_score"] for stem, r in _records(pages).items()}
    least_sure = min(scores, key=lambda s: (abs(scores[s] - 0.5), s))  # the shipped statement threshold is 0.5
    assert sorted(p.name for p in out.iterdir()) == [f"{least_sure}.gold.json", f"{least_sure}.txt"]
    assert (out / f"{least_sure}.txt").read_bytes() == (pages / f"{least_sure}.txt").read_bytes()
    assert not list(pages.glob("*.gold.json"))  # nothing written beside the originals


def test_bad_pages_and_outputs_get_one_line_each(pages, tmp_path):
    two = [{"title": "甲", "content": "公司深表歉意。"}, {"title": "乙", "content": "公司已全额退款。"}]
    (pages / "two.json").write_text(json.dumps(two, ensure_ascii=False), encoding="utf-8")
    (pages / "bad.json").write_text('{"title": "未完', encoding="utf-8")
    proc = _run("draft", pages, "--quiet")
    assert proc.returncode == 1
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 2
    assert any(l.startswith(str(pages / "two.json") + ": holds 2 documents") for l in lines)
    assert any(l.startswith(str(pages / "bad.json") + ":") for l in lines)
    assert (pages / "p1.gold.json").is_file() and not (pages / "two.gold.json").exists()
    blocker = tmp_path / "a_file"
    blocker.write_text("x", encoding="utf-8")
    proc = _run("draft", pages / "p1.txt", "--out", blocker, "--quiet")
    assert proc.returncode == 3 and len(proc.stderr.strip().splitlines()) == 1
    assert proc.stderr.startswith(str(blocker) + ": cannot create the folder")
    proc = _run("draft", "-")
    assert proc.returncode == 2 and "stdin" in proc.stderr


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_read_only_folder_is_an_output_problem(pages):
    pages.chmod(0o555)
    try:
        proc = _run("draft", pages, "--quiet")
    finally:
        pages.chmod(0o755)
    assert proc.returncode == 3
    assert all(": cannot write:" in l for l in proc.stderr.strip().splitlines())
