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


def test_nested_limit_never_extends_the_outer_one():
    with pytest.raises(TimeLimitExceeded, match="time limit of 0.2 s exceeded"):
        with time_limit(0.2):
            with time_limit(5):
                time.sleep(2)


def test_outer_limit_counts_from_its_start():
    started = time.monotonic() - 10  # the file's loading took 10 s of the document's limit already
    with pytest.raises(TimeLimitExceeded, match="time limit of 10.2 s exceeded"):
        with time_limit(10.2, started):
            time.sleep(2)


def test_inner_limit_ends_first_and_the_outer_one_still_holds():
    with pytest.raises(TimeLimitExceeded, match="time limit of 0.4 s exceeded"):
        with time_limit(0.4):
            with pytest.raises(TimeLimitExceeded, match="time limit of 0.1 s exceeded"):
                with time_limit(0.1):
                    time.sleep(2)
            time.sleep(2)


@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_an_alarm_swallowed_as_unraisable_fires_again():
    class SwallowsOnce:
        def __del__(self):
            time.sleep(0.3)  # the alarm fires here, where an exception cannot propagate

    with pytest.raises(TimeLimitExceeded):
        with time_limit(0.1):
            SwallowsOnce()
            time.sleep(2)


def test_a_guard_for_bugs_does_not_swallow_the_limit():
    with pytest.raises(TimeLimitExceeded):
        with time_limit(0.1):
            try:
                time.sleep(2)
            except Exception:  # as load_source's guard around converters
                pass
            time.sleep(0.01)  # the alarm repeats, but a limit ending here must not depend on it
            raise AssertionError("the limit was swallowed")
