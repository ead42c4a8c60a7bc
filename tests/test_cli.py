"""The command line: output shapes, exit codes (0 ok, 1 some documents failed, 2 usage, 3 output problems,
130/143 interrupted) and messages."""
import csv
import io
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from extractor.cli import app
from extractor.output import OUTPUT_TABLES, TABLES

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


def test_the_default_command_asks_for_no_segmentation_model():
    # The segmenter changes no held-out figure and costs seconds and most of a gigabyte per process, so the command
    # a user types does without it: with the model missing, it says nothing about it (--segmenter pkuseg does, in
    # one line, although workers do the loading) and writes the record of --segmenter none.
    env = {**os.environ, "EXTRACTOR_PKUSEG_MODEL": str(ROOT / "no-such-model")}

    def run(*flags: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "extractor", str(SEED_000), "--jsonl", *flags],
                              capture_output=True, text=True, timeout=120, env=env)

    default, none, pkuseg = run(), run("--segmenter", "none"), run("--segmenter", "pkuseg")
    assert default.returncode == 0 and "pkuseg" not in default.stderr
    assert default.stdout == none.stdout and json.loads(default.stdout)["measures"]
    assert pkuseg.stderr.startswith("pkuseg model not found (EXTRACTOR_PKUSEG_MODEL=")
    assert pkuseg.stderr.count("\n") == 1


# --- output problems: exit code 3, one line ------------------------------------------------------------------

def _extract(*args, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "extractor", *map(str, args), "--segmenter", "none", "--quiet"],
                          capture_output=True, text=True, timeout=300, **kw)


def test_a_file_where_the_out_folder_should_be_exits_3(runner, tmp_path):
    (tmp_path / "out").write_text("a file")
    result = run(runner, SEED_000, "--out", tmp_path / "out")
    assert result.exit_code == 3
    assert result.stderr == f"extract: {tmp_path / 'out'}: cannot write (a file is in the way: not a folder)\n"


@pytest.fixture()
def read_only_dir(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    if os.geteuid() == 0:  # root writes anywhere the mode bits forbid; the immutable attribute stops it too
        if subprocess.run(["chattr", "+i", str(folder)], capture_output=True).returncode != 0:
            pytest.skip("no chattr +i on this file system")
        yield folder
        subprocess.run(["chattr", "-i", str(folder)], check=True)
    else:
        folder.chmod(0o555)
        yield folder
        folder.chmod(0o755)


def test_a_read_only_out_folder_exits_3(runner, read_only_dir):
    result = run(runner, SEED_000, "--out", read_only_dir)
    assert result.exit_code == 3
    assert result.stderr == f"extract: {read_only_dir / 'documents.csv.part'}: cannot write (permission denied)\n"
    assert list(read_only_dir.iterdir()) == []


def _file_size_limit(limit: int):
    def apply() -> None:  # in the child: writes past `limit` bytes fail as on a full disk
        import resource
        import signal

        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    return apply


def test_a_full_disk_exits_3_and_leaves_no_table(tmp_path):
    proc = _extract(CORPUS, "--out", tmp_path / "out", "--format", "csv,jsonl,parquet",
                    preexec_fn=_file_size_limit(20_000))
    assert proc.returncode == 3, proc.stderr
    line = proc.stderr.strip()
    # the first file to hit the limit is a table's .part file or the report's spool (named by the report's path)
    assert line.startswith(f"extract: {tmp_path / 'out'}/") and line.endswith(
        ": cannot write (file too large (file system or file size limit))") and "\n" not in line
    assert line.split(": cannot write")[0].endswith((".part", "report.html"))
    assert list((tmp_path / "out").iterdir()) == []


def test_a_full_disk_behind_stdout_exits_3():
    with open("/dev/full", "w") as full:
        proc = subprocess.run([sys.executable, "-m", "extractor", str(CORPUS), "--jsonl", "--segmenter", "none"],
                              stdout=full, stderr=subprocess.PIPE, text=True, timeout=300)
    assert (proc.returncode, proc.stderr) == (3, "extract: standard output: cannot write (no space left on device)\n")


@pytest.mark.parametrize("sig, code", [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_an_interrupted_run_leaves_only_part_files_and_says_so(tmp_path, sig, code):
    src = tmp_path / "in"
    src.mkdir()
    for i in range(3000):  # about a minute of work: the signal comes long before the end
        shutil.copy(SEED_000, src / f"{i:04d}.txt")
    out = tmp_path / "out"
    proc = subprocess.Popen([sys.executable, "-m", "extractor", str(src), "--out", str(out), "--format",
                             "csv,jsonl,parquet", "--segmenter", "none", "--quiet"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not (out / "documents.jsonl.part").exists() or (out / "documents.jsonl.part").stat().st_size == 0:
        assert time.monotonic() < deadline and proc.poll() is None
        time.sleep(0.1)
    proc.send_signal(sig)
    _stdout, stderr = proc.communicate(timeout=60)
    assert proc.returncode == code
    names = sorted(p.name for p in out.iterdir())
    assert names == sorted(f"{t}.{ext}.part" for t in OUTPUT_TABLES for ext in ("csv", "jsonl", "parquet"))
    last = stderr.strip().splitlines()[-1]
    assert last.startswith("extract: interrupted after ") and f"unfinished tables left as {out}/" in last
    done = int(last.split("after ")[1].split(" ")[0])
    assert 0 < done < 3000
    # every document counted was written; the signal may have come while the next one was being written
    assert len((out / "documents.jsonl.part").read_text(encoding="utf-8").splitlines()) in (done, done + 1)


# --- file names that are not UTF-8 --------------------------------------------------------------------------

@pytest.fixture()
def gbk_named(tmp_path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    with open(os.fsencode(folder) + "/致歉声明.txt".encode("gbk"), "wb") as fh:
        fh.write(SEED_000.read_bytes())
    return folder


def test_non_utf8_file_name_does_not_crash_an_out_run(gbk_named, tmp_path):
    out = tmp_path / "out"
    proc = _extract(gbk_named, "--out", out, "--format", "csv,jsonl,parquet")
    assert proc.returncode == 0, proc.stderr
    import pandas as pd

    shown = "致歉声明.txt".encode("gbk").decode("utf-8", errors="backslashreplace")  # \xd6\xc2Ǹ\xc9...: Ǹ is UTF-8
    for table in TABLES:
        for ext in ("csv", "jsonl"):
            (out / f"{table}.{ext}").read_bytes().decode("utf-8")  # valid UTF-8
    docs = pd.read_parquet(out / "documents.parquet")
    assert list(docs["doc_id"]) == [shown] and list(docs["path"]) == [f"{gbk_named}/{shown}"]
    assert bytes.fromhex(docs["path_hex"][0]) == os.fsencode(gbk_named) + "/致歉声明.txt".encode("gbk")
    measures = pd.read_parquet(out / "measures.parquet")
    assert len(measures) > 0 and set(measures["path"]) == {f"{gbk_named}/{shown}"}


def test_non_utf8_file_name_in_jsonl_on_stdout_is_valid_utf8(gbk_named):
    proc = subprocess.run([sys.executable, "-m", "extractor", str(gbk_named), "--jsonl", "--segmenter", "none"],
                          capture_output=True, timeout=300)
    assert proc.returncode == 0
    rec = json.loads(proc.stdout.decode("utf-8"))
    assert rec["doc_id"] == "致歉声明.txt".encode("gbk").decode("utf-8", errors="backslashreplace")
    assert rec["doc_id"].startswith("\\xd6\\xc2") and rec["path_hex"]


# The finalizer's lost exception is the situation under test; pytest reports every such exception as a warning.
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_a_signal_whose_exception_a_finalizer_swallowed_still_stops_the_run():
    """Python raises a signal's exception wherever the main thread is; inside a finalizer it is only printed and
    the run would go on to finish its tables as if complete. The run remembers the signal and stops at the next
    record."""
    import gc
    import os

    from extractor import cli

    class Finalizer:
        def __del__(self):
            os.kill(os.getpid(), signal.SIGINT)  # the handler runs here, inside __del__, and its raise is lost

    with cli._interruptible():
        Finalizer()
        gc.collect()
        with pytest.raises(KeyboardInterrupt):
            cli._stop_if_interrupted()
    cli._received.clear()
