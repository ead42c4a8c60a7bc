"""--jobs N: the same records, in the same order, as one process; bad inputs keep their place."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import copy_corpus
from extractor.run import Options, extract_source, iter_records

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
OPTIONS = Options(segmenter="none", with_text=False)


@pytest.fixture(scope="module")
def mixed_dir(tmp_path_factory) -> Path:
    """The corpus plus an empty file, a JSON Lines file with two records and a bad line, and a weather note."""
    root = copy_corpus(tmp_path_factory.mktemp("mixed"))
    (root / "a_empty.txt").write_bytes(b"")
    lines = [json.dumps({"id": "r1", "text": "今天白天多云转晴，最高气温二十六摄氏度。"}, ensure_ascii=False),
             "{not json",
             json.dumps({"id": "r2", "text": "对此次故障给用户带来的不便，我们深表歉意。"}, ensure_ascii=False)]
    (root / "m_records.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (root / "z_weather.md").write_text("# 天气\n\n明天有小雨，气温十八到二十四摄氏度。\n", encoding="utf-8")
    return root


@pytest.mark.parametrize("jobs", [2, 3])
def test_jobs_give_the_single_process_records(mixed_dir: Path, jobs: int) -> None:
    paths = [str(mixed_dir), str(mixed_dir / "missing.txt")]
    single = list(iter_records(paths, OPTIONS, jobs=1))
    assert list(iter_records(paths, OPTIONS, jobs=jobs)) == single


def test_order_and_errors_keep_their_place(mixed_dir: Path) -> None:
    recs = list(iter_records([str(mixed_dir), str(mixed_dir / "missing.txt")], OPTIONS, jobs=2))
    ids = [r["doc_id"] for r in recs]
    assert ids[0] == "000_96c7af21cd661f14.txt" and ids[-1] == str(mixed_dir / "missing.txt")
    assert [r["status"] for r in recs if r["doc_id"] in ("a_empty.txt", ids[-1])] == ["error", "error"]
    assert sum(r["doc_id"].startswith("m_records.jsonl") for r in recs) == 3


def test_more_jobs_than_files(mixed_dir: Path) -> None:
    one = str(mixed_dir / "z_weather.md")
    assert list(iter_records([one], OPTIONS, jobs=4)) == list(iter_records([one], OPTIONS, jobs=1))


def test_workers_return_plain_records(mixed_dir: Path) -> None:
    from extractor.load import Source

    recs = extract_source(Source("z_weather.md", str(mixed_dir / "z_weather.md")), OPTIONS)
    assert json.loads(json.dumps(recs, ensure_ascii=False)) == recs
