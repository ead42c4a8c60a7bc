"""`extract train`: from gold folders to a model folder that `extract --model` uses; deterministic; bad input
stops before training with ``file: problem`` lines and exit 2."""
from __future__ import annotations

import json
import subprocess
import sys

from extractor.decide import load_model
from extractor.decide.model import CARD_FILE, MODEL_FILE

EXTRACT = [sys.executable, "-m", "extractor"]


def _run(*args: str, env_date: str = "1767225600") -> subprocess.CompletedProcess:
    import os

    env = {**os.environ, "SOURCE_DATE_EPOCH": env_date}
    return subprocess.run([*EXTRACT, *args], capture_output=True, text=True, encoding="utf-8", env=env)


def test_train_then_extract_with_the_model(gold_dir, tmp_path):
    out = tmp_path / "model"
    proc = _run("train", str(gold_dir), "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    assert (out / MODEL_FILE).is_file() and (out / CARD_FILE).is_file()
    assert "trained on 5 documents" in proc.stderr
    model = load_model(out)
    assert model.meta["documents"] == 5 and model.meta["sets"] == ["gold"]
    card = (out / CARD_FILE).read_text(encoding="utf-8")
    assert "Trained: 2026-01-01" in card and "5 (3 statements, 2 look-alikes)" in card
    rec = json.loads(_run(str(gold_dir / "s1.txt"), "--jsonl", "--model", str(out), "--segmenter", "none").stdout)
    assert rec["is_statement"] is True
    # in-sample: the model saw this document, so it finds its three measures
    assert [m["text"][:4] for m in rec["measures"]] == ["全面排查", "对受影响", "对相关责"]
    assert rec["hotlines"][0]["number"] == "400-820-1234"


def test_the_same_data_gives_the_same_model_bytes(gold_dir, tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    assert _run("train", str(gold_dir), "--out", str(a)).returncode == 0
    assert _run("train", str(gold_dir), "--out", str(b)).returncode == 0
    for name in (MODEL_FILE, CARD_FILE):
        assert (a / name).read_bytes() == (b / name).read_bytes()


def test_bad_gold_stops_before_training_with_exit_2(gold_dir, tmp_path):
    (gold_dir / "s1.gold.json").write_text('{"doc": "s1.txt"}', encoding="utf-8")
    (gold_dir / "n9.txt").write_text("无标注", encoding="utf-8")
    out = tmp_path / "model"
    proc = _run("train", str(gold_dir), "--out", str(out))
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert any(l.startswith(str(gold_dir / "s1.gold.json") + ": missing field 'is_statement'") for l in lines)
    assert any(l.startswith(str(gold_dir / "n9.txt") + ": document without n9.gold.json") for l in lines)
    assert lines[-1].startswith("extract train:") and not out.exists()


def test_training_without_negatives_warns_in_the_card(gold_dir, tmp_path):
    for stem in ("n1", "n2"):
        (gold_dir / f"{stem}.txt").unlink()
        (gold_dir / f"{stem}.gold.json").unlink()
    out = tmp_path / "model"
    proc = _run("train", str(gold_dir), "--out", str(out))
    assert proc.returncode == 0 and "warning: no negative documents" in proc.stderr
    assert "no negative documents" in (out / CARD_FILE).read_text(encoding="utf-8")
