"""The per-document time limit turns a runaway document into an error record; the run goes on."""
import time

import pytest

from extractor.run import pipeline
from extractor.run.timelimit import TimeLimitExceeded, time_limit


def test_time_limit_interrupts_a_long_block():
    with pytest.raises(TimeLimitExceeded, match="time limit of 0.2 s exceeded"):
        with time_limit(0.2):
            time.sleep(2)


def test_no_limit_runs_to_the_end():
    with time_limit(None):
        time.sleep(0.01)


def test_a_document_over_its_limit_is_an_error_record(monkeypatch):
    def slow(*args, **kwargs):
        time.sleep(5)

    monkeypatch.setattr(pipeline, "extract_clean", slow)
    options = pipeline.Options(segmenter="none", timeout=0.3, fast=False)
    rec = pipeline.extract_text("公司对此深表歉意，已全面回退异常扣费。", doc_id="slow.txt", options=options)
    assert rec["status"] == "error" and rec["error"] == "slow.txt: time limit of 0.3 s exceeded; raise it with --timeout"
    monkeypatch.undo()
    ok = pipeline.extract_text("公司对此深表歉意。", doc_id="next.txt", options=pipeline.Options(segmenter="none"))
    assert ok["status"] == "ok"
