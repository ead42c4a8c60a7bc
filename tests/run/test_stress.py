"""Stress run: a generated folder of thousands of messy files goes through the real extraction to the end.

The folder mixes copies of the corpus (as written, and re-encoded as GB18030, Big5 in Traditional script and
UTF-16), broken files (truncated UTF-8, binary, empty, whitespace only), huge ones (a 50 MB file over the size
limit, a 2.6 MB line without a line break), deeply nested HTML, HTML without <body>, front matter without its
closing ---, JSON without a text field, JSON Lines files with good and bad records, a file name that is not
UTF-8, a link to a folder read already, a link loop and a named pipe. ``build_stress`` writes
it and returns what each document must become; the run is done once per module and each test checks one
promise: every input appears exactly once, with the right status, a one-line error naming the file, and the
corpus copies keep their measures.
"""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import opencc
import pandas as pd
import pytest

from extractor.output import ROWS, TABLES, TableWriter
from extractor.run import Options, iter_records

CORPUS = Path(__file__).parents[2] / "corpus"
COPIES = 110  # per corpus document and encoding: 5 documents x 4 encodings x 110 = 2,200 files
BROKEN = 30  # per kind of broken file
OPTIONS = Options(segmenter="none", with_text=False)
JOBS = 2

# Simplified -> Traditional as written in Taiwan; characters Big5 lacks become '?', as on real scraped pages
_S2T = opencc.OpenCC("s2tw")


def _big5(text: str) -> bytes:
    return _S2T.convert(text).encode("big5", errors="replace")


ENCODINGS = {
    "utf8": lambda t: t.encode("utf-8"),
    "gb18030": lambda t: t.encode("gb18030"),
    "big5": _big5,
    "utf16": lambda t: t.encode("utf-16"),  # with BOM
}

STATEMENT = ("某某科技有限公司致歉声明\n\n针对近日发生的服务中断，我公司深表歉意，现采取以下措施：\n"
             "一是全面退还相关费用。\n二是开通客服专线。\n")
DEEP = 10_000


def _write(path: Path, data: bytes | str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)


def _broken_files() -> dict[str, tuple[bytes | str, str, str]]:
    """name -> (content, expected status, expected error fragment or warning fragment)."""
    seed = (CORPUS / "000_96c7af21cd661f14.txt").read_bytes()
    lead = next(i for i in range(len(seed) // 2, len(seed)) if 0xE0 <= seed[i] <= 0xEF)
    cut = seed[:lead + 1]  # ends with the first byte of a three-byte character, as a cut download does
    return {
        "truncated.txt": (cut + "\n".encode(), "ok", ""),
        "binary.txt": (bytes(range(256)) * 8, "error", "binary file"),
        "empty.md": (b"", "error", "empty file"),
        "blank.txt": (" \n\t\n\u3000\n".encode(), "error", "empty file"),  # whitespace only
        "no_close.md": ("---\ntitle: 致歉声明\ndate: 2024-05-01\n\n我们深表歉意。\n", "error",
                        "malformed front matter"),
        "no_text.json": (json.dumps({"title": "致歉声明", "url": "https://example.com/a"}, ensure_ascii=False),
                         "error", "no text field"),
        "no_body.html": ("<html><head><title>致歉</title></head>"
                         "<div><p>我们深表歉意，一是退款，二是整改。</p></div>", "ok", ""),
        "chrome_only.html": ("<html><head><title>空页</title><script>var a=1;</script></head></html>", "error",
                             "no text left"),
        "deep.html": ("<html><body>" + "<div>" * DEEP + STATEMENT.replace("\n", "<br>") + "</div>" * DEEP
                      + "</body></html>", "ok", ""),
        "deep_unclosed.htm": ("<body>" + "<div><span>" * DEEP + "我们深表歉意。", "ok", ""),
    }


JSONL_LINES = [
    json.dumps({"title": "致歉声明", "text": STATEMENT}, ensure_ascii=False),
    '{"title": "未闭合", "text": "我们深表',
    json.dumps({"title": "无正文"}, ensure_ascii=False),
    json.dumps({"content": "我们对此深表歉意，一是退款。"}, ensure_ascii=False),
]
JSONL_EXPECTED = {"#1": "ok", "#2": "error", "#3": "error", "#4": "ok"}


def build_stress(root: Path) -> dict[str, tuple[str, str]]:
    """Write the stress folder under ``root``; return doc_id -> (status, fragment of its error)."""
    expected: dict[str, tuple[str, str]] = {}
    for src in sorted(CORPUS.glob("0*.txt")):
        text = src.read_text(encoding="utf-8")
        for enc, encode in ENCODINGS.items():
            data = encode(text)
            for k in range(COPIES):
                doc_id = f"corpus/{enc}/{k:03d}/{src.name}"
                _write(root / doc_id, data)
                expected[doc_id] = ("ok", "")
    for name, (content, status, fragment) in _broken_files().items():
        stem, ext = name.rsplit(".", 1)
        for k in range(BROKEN):
            doc_id = f"broken/{stem}_{k:02d}.{ext}"
            _write(root / doc_id, content)
            expected[doc_id] = (status, fragment)
    for k in range(BROKEN):
        doc_id = f"jsonl/batch_{k:02d}.jsonl"
        _write(root / doc_id, "\n".join(JSONL_LINES) + "\n")
        for key, status in JSONL_EXPECTED.items():
            expected[doc_id + key] = (status, "malformed JSON" if key == "#2" else "no text field")
    # seed 000's body without its markup (tags would become paragraph breaks), then a comment thread, all on
    # one 2.6 MB line. (Not the seed repeated: with thousands of measures in one document the run is
    # quadratic, find_hotlines rescanning the whole text for each measure.)
    body = (CORPUS / "000_96c7af21cd661f14.txt").read_text(encoding="utf-8").split("---")[-1]
    comments = "网友评论：这件事大家怎么看？楼主说得对，顶一下。" * 40_000
    long_line = re.sub(r"<[^>]*>", "", body).replace("\n", "") + comments
    long_line = long_line.encode()[:2_600_000].decode("utf-8", errors="ignore")
    _write(root / "huge/long_line.txt", long_line)
    expected["huge/long_line.txt"] = ("ok", "")
    with open(root / "huge/fifty_mb.txt", "wb") as fh:
        block = ("一是全面退还相关费用。" * 99 + "\n").encode()
        fh.write(block * (50_000_000 // len(block)))
        fh.write(b"\n" * (50_000_000 % len(block)))  # exactly 50 MB
    expected["huge/fifty_mb.txt"] = ("error", "file too large")
    expected.update(_crawl_oddities(root))
    return expected


def _crawl_oddities(root: Path) -> dict[str, tuple[str, str]]:
    """What real crawls also hold: a file name that is not UTF-8, a link to a folder read already, a link loop
    and a named pipe (opening it for reading would block the run forever)."""
    raw = os.fsencode(root) + b"/names/" + "致歉声明.txt".encode("gbk")
    os.makedirs(os.path.dirname(raw), exist_ok=True)
    with open(raw, "wb") as fh:
        fh.write(STATEMENT.encode("utf-8"))
    expected = {"names/" + "致歉声明.txt".encode("gbk").decode("utf-8", "backslashreplace"): ("ok", "")}
    (root / "links").mkdir()
    os.symlink(root / "corpus/utf8/000", root / "links/seeds")
    for src in sorted(CORPUS.glob("0*.txt")):
        expected[f"links/seeds/{src.name}"] = ("skipped", "same file as corpus/utf8/000/")
    os.symlink(root / "links", root / "links/loop")
    expected["links/loop"] = ("skipped", "symbolic link loop")
    os.mkdir(root / "special")
    os.mkfifo(root / "special/pipe.txt")
    expected["special/pipe.txt"] = ("error", "special file (named pipe)")
    return expected


@pytest.fixture(scope="module")
def stress(tmp_path_factory):
    root = tmp_path_factory.mktemp("stress")
    expected = build_stress(root)
    files = sum(1 for p in root.rglob("*") if p.is_file() and not p.is_symlink())
    started = time.perf_counter()
    records = list(iter_records([str(root)], OPTIONS, jobs=JOBS))
    elapsed = time.perf_counter() - started
    print(f"\nstress run: {files} files, {len(records)} records, {elapsed:.1f} s, {files / elapsed:.0f} files/s")
    return root, expected, records


def test_folder_has_thousands_of_files(stress):
    root, expected, _records = stress
    assert sum(1 for p in root.rglob("*") if p.is_file()) >= 2000


def test_records_write_to_every_table_as_valid_utf8(stress, tmp_path):
    _root, _expected, records = stress
    writer = TableWriter(tmp_path, ["csv", "jsonl", "parquet"])
    for rec in records:
        writer.write(rec)
    writer.close()
    docs = pd.read_parquet(tmp_path / "documents.parquet")
    assert list(docs["doc_id"]) == [r["doc_id"] for r in records]
    for table in TABLES:
        for ext in ("csv", "jsonl"):
            (tmp_path / f"{table}.{ext}").read_bytes().decode("utf-8")
        frame = pd.read_parquet(tmp_path / f"{table}.parquet")
        assert len(frame) == sum(len(ROWS[table](r)) for r in records) and frame["path"].notna().all()


def test_every_input_appears_exactly_once(stress):
    _root, expected, records = stress
    ids = [r["doc_id"] for r in records]
    assert len(ids) == len(set(ids))
    assert set(ids) == set(expected)


def test_output_order_is_the_sorted_input_order(stress):
    _root, _expected, records = stress
    files = [r["doc_id"].split("#")[0] for r in records]
    assert files == sorted(files)


def test_every_document_has_the_expected_status(stress):
    _root, expected, records = stress
    wrong = {r["doc_id"]: (r["status"], r["error"]) for r in records if r["status"] != expected[r["doc_id"]][0]}
    assert wrong == {}


def test_errors_are_one_line_naming_the_file_and_the_reason(stress):
    root, expected, records = stress
    bad = []
    for r in records:
        if r["status"] == "ok":
            continue
        path = str(root / r["doc_id"].split("#")[0])
        if "\n" in r["error"] or not r["error"].startswith(path + ":") or expected[r["doc_id"]][1] not in r["error"]:
            bad.append((r["doc_id"], r["error"]))
    assert bad == []


def test_ok_documents_have_no_error(stress):
    _root, _expected, records = stress
    assert [r["doc_id"] for r in records if r["status"] == "ok" and r["error"]] == []


def test_fifty_mb_file_is_refused_by_the_size_limit(stress):
    root, _expected, records = stress
    rec = next(r for r in records if r["doc_id"] == "huge/fifty_mb.txt")
    assert rec["error"] == f"{root / 'huge/fifty_mb.txt'}: file too large (50 MB > 20 MB limit)"


def test_long_line_without_newline_loads_and_finishes(stress):
    _root, _expected, records = stress
    rec = next(r for r in records if r["doc_id"] == "huge/long_line.txt")
    assert rec["status"] == "ok"
    assert [m["ordinal"] for m in rec["measures"] if m["listed"]] == ["一是", "二是", "三是", "四是"]
    assert "very long line (2.6 MB without a line break)" in rec["warnings"]


def test_truncated_utf8_is_read_with_a_warning(stress):
    _root, _expected, records = stress
    rec = next(r for r in records if r["doc_id"] == "broken/truncated_00.txt")
    assert rec["status"] == "ok" and rec["warnings"][0].startswith("invalid UTF-8 bytes replaced")


def test_deep_html_keeps_its_statement(stress):
    _root, _expected, records = stress
    rec = next(r for r in records if r["doc_id"] == "broken/deep_00.html")
    assert [m["ordinal"] for m in rec["measures"]] == ["一是", "二是"]


def _seed_000(records: list[dict], enc: str) -> dict:
    return next(r for r in records if r["doc_id"] == f"corpus/{enc}/017/000_96c7af21cd661f14.txt")


@pytest.mark.parametrize("enc,encoding,script", [
    ("gb18030", "gb18030", "simplified"),
    ("utf16", "utf-16", "simplified"),
    ("big5", "big5", "traditional"),
])
def test_reencoded_seed_000_is_decoded(stress, enc, encoding, script):
    _root, _expected, records = stress
    rec = _seed_000(records, enc)
    assert (rec["encoding"], rec["script"]) == (encoding, script)


@pytest.mark.parametrize("enc", ["gb18030", "utf16"])
def test_reencoded_seed_000_gives_the_same_four_listed_measures(stress, enc):
    _root, _expected, records = stress
    listed = [(m["ordinal"], m["category"], m["text"]) for m in _seed_000(records, "utf8")["measures"] if m["listed"]]
    assert len(listed) == 4
    assert [(m["ordinal"], m["category"], m["text"]) for m in _seed_000(records, enc)["measures"]
            if m["listed"]] == listed


def test_big5_seed_000_gives_the_four_listed_measures_in_traditional(stress):
    _root, _expected, records = stress
    listed = [m for m in _seed_000(records, "big5")["measures"] if m["listed"]]
    assert [(m["ordinal"], m["category"]) for m in listed] == [
        ("一是", "refund"), ("二是", "hotline"), ("三是", "system"), ("四是", "accountability")]
    assert listed[-1]["text"].endswith("嚴肅進行管理問責追責。")


def test_corpus_copies_agree_with_each_other(stress):
    _root, _expected, records = stress
    shapes = {(r["doc_id"].split("/")[1], r["doc_id"].rsplit("/", 1)[1]): set() for r in records
              if r["doc_id"].startswith("corpus/")}
    for r in records:
        if r["doc_id"].startswith("corpus/"):
            key = (r["doc_id"].split("/")[1], r["doc_id"].rsplit("/", 1)[1])
            shapes[key].add(json.dumps([(m["ordinal"], m["text"]) for m in r["measures"]], ensure_ascii=False))
    assert {key: len(v) for key, v in shapes.items() if len(v) != 1} == {}


def test_one_hanging_input_among_hundreds_does_not_hold_up_the_run(tmp_path):
    """A named pipe among 200 statements: opening it for reading would block until a writer comes (forever)."""
    for i in range(200):
        (tmp_path / f"d{i:03d}.txt").write_text(STATEMENT + f"第{i}号", encoding="utf-8")
    os.mkfifo(tmp_path / "d100_pipe.txt")
    proc = subprocess.run([sys.executable, "-m", "extractor", str(tmp_path), "--jobs", "2", "--timeout", "2",
                           "--segmenter", "none", "--jsonl", "--no-text", "--quiet"],
                          capture_output=True, text=True, timeout=120)  # generous: the run takes a few seconds
    records = [json.loads(line) for line in proc.stdout.splitlines()]
    assert proc.returncode == 1
    assert len(records) == 201 and sum(r["status"] == "ok" for r in records) == 200
    pipe = next(r for r in records if r["doc_id"] == "d100_pipe.txt")
    assert pipe["error"] == f"{tmp_path / 'd100_pipe.txt'}: special file (named pipe): not read"
    assert proc.stderr.strip() == pipe["error"]
