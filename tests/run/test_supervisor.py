"""Limits that hold: the per-document limit covers loading, and a stuck worker is replaced, not waited for.

The stuck worker is made the way C code or a blocking system call gets stuck: the document's extraction blocks
SIGALRM and sleeps, so the worker's own alarm never fires and only the supervisor can stop it. Those runs happen
in a child interpreter with a hard deadline, so a regression fails the test instead of hanging the suite.
"""
from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from conftest import NESTED_PAGE
from extractor.load import Source
from extractor.run import Options, extract_paths, extract_source, iter_records

OPTIONS = Options(segmenter="none", with_text=False)
STATEMENT = "公司对此深表歉意，现采取以下措施：\n一是全面退还相关费用。\n二是开通客服专线。\n"
STUCK = "卡住"  # a document holding this word blocks its worker (see STUCK_RUN)

STUCK_RUN = textwrap.dedent("""
    import json, signal, sys, time
    from extractor.run import Options, documents, iter_records

    real = documents.extract_loaded

    def stalling(doc, *args, **kwargs):
        if "卡住" in doc.text:
            signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})  # as C code that never returns
            time.sleep(3600)
        return real(doc, *args, **kwargs)

    documents.extract_loaded = stalling  # forked workers inherit the patch
    jobs, timeout, *paths = sys.argv[1:]
    options = Options(segmenter="none", with_text=False, timeout=float(timeout))
    started = time.monotonic()
    records = [(r["doc_id"], r["status"], r["error"]) for r in iter_records(paths, options, jobs=int(jobs))]
    print(json.dumps({"seconds": time.monotonic() - started, "records": records}, ensure_ascii=False))
""")


def _run_stuck(paths: list[Path], jobs: int, timeout: float) -> dict:
    proc = subprocess.run([sys.executable, "-c", STUCK_RUN, str(jobs), str(timeout), *map(str, paths)],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


@pytest.fixture(scope="module")
def crawl(tmp_path_factory) -> Path:
    """200 small statements, one of which stalls its worker, and a JSON Lines file whose middle record does."""
    root = tmp_path_factory.mktemp("crawl")
    for i in range(200):
        (root / f"d{i:03d}.txt").write_text(STATEMENT + (STUCK if i == 50 else f"第{i}号"), encoding="utf-8")
    lines = [{"id": "a", "text": STATEMENT}, {"id": "b", "text": STATEMENT + STUCK}, {"id": "c", "text": STATEMENT}]
    (root / "feed.jsonl").write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines) + "\n",
                                     encoding="utf-8")
    return root


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_stuck_worker_is_replaced_and_the_others_finish(crawl: Path, jobs: int) -> None:
    run = _run_stuck([crawl], jobs=jobs, timeout=1.0)
    records = run["records"]
    assert len(records) == 203
    failed = {doc_id: error for doc_id, status, error in records if status != "ok"}
    assert failed == {
        "d050.txt": f"{crawl / 'd050.txt'}: time limit of 1 s exceeded; raise it with --timeout",
        "feed.jsonl#b": f"{crawl / 'feed.jsonl'}: time limit of 1 s exceeded; raise it with --timeout",
    }
    assert run["seconds"] < 60  # two stalls of ~2 s each, not 3,600 s


def test_a_source_is_resumed_after_its_stuck_document(crawl: Path) -> None:
    run = _run_stuck([crawl / "feed.jsonl"], jobs=1, timeout=1.0)
    assert [(doc_id, status) for doc_id, status, _ in run["records"]] == [
        ("feed.jsonl#a", "ok"), ("feed.jsonl#b", "error"), ("feed.jsonl#c", "ok")]


@pytest.fixture(scope="module")
def nested_page(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("nested") / "nested.html"
    path.write_text(NESTED_PAGE, encoding="utf-8")
    return path


@pytest.fixture
def unraisable_recorded(monkeypatch) -> list:
    """The alarm may fire inside a garbage-collector callback (hypothesis installs one in the test process), where
    the exception is only reported through ``sys.unraisablehook``; the limit's repeated alarm then stops the
    conversion (run/timelimit.py). pytest's own hook formats a traceback, reading source files on first use, slow
    enough on a fresh checkout for the next alarm to fire inside it, which pytest then reports as its own failure
    (seen twice in CI). Here such exceptions are only recorded, in a hook too short for an alarm to matter: if one
    fires inside it anyway, Python reports that on stderr and the test goes on."""
    seen: list = []
    monkeypatch.setattr(sys, "unraisablehook", lambda args: seen.append(args.exc_type))
    return seen


@pytest.mark.usefixtures("unraisable_recorded")
def test_the_limit_covers_html_conversion_in_this_process(nested_page: Path) -> None:
    src = Source(nested_page.name, str(nested_page))
    (rec,) = extract_source(src, Options(segmenter="none", with_text=False, timeout=0.5))
    assert (rec["status"], rec["error"]) == (
        "error", f"{nested_page}: time limit of 0.5 s exceeded; raise it with --timeout")


@pytest.mark.usefixtures("unraisable_recorded")
def test_the_limit_covers_html_conversion_in_extract_paths(nested_page: Path) -> None:
    recs = list(extract_paths([str(nested_page), str(nested_page)], Options(segmenter="none", timeout=0.5)))
    assert [(r["doc_id"], r["status"]) for r in recs] == [("nested.html", "error"), (str(nested_page), "skipped")]
    assert recs[0]["error"] == f"{nested_page}: time limit of 0.5 s exceeded; raise it with --timeout"


@pytest.mark.parametrize("jobs", [1, 2])
def test_the_limit_covers_html_conversion_in_workers(nested_page: Path, jobs: int) -> None:
    options = Options(segmenter="none", with_text=False, timeout=0.5)
    (rec,) = iter_records([str(nested_page)], options, jobs=jobs)
    assert (rec["status"], rec["error"]) == (
        "error", f"{nested_page}: time limit of 0.5 s exceeded; raise it with --timeout")


def test_without_a_limit_one_process_reads_everything(crawl: Path) -> None:
    recs = list(iter_records([str(crawl / "d001.txt")], Options(segmenter="none", with_text=False, timeout=None)))
    assert [r["status"] for r in recs] == ["ok"]
